// `mgrelax sweep` under mpirun: the study run by every rank of
// MPI_COMM_WORLD in groups of one rank (cases handed out through the
// shared counter) gives the table of the same study run on one rank, and
// one group of all ranks (each case partitioned) the same results within
// the solver's rank invariance (tests/mpi/mandrel_ranks_test.cc).
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../app/sweep_cases.h"
#include "app/sweep_command.h"

using namespace mgrelax;

TEST(SweepGroups, TableIndependentOfTheGroups)
{
  namespace fs = std::filesystem;
  const unsigned int n =
      dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
  const bool root =
      dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
  const fs::path dir = fs::temp_directory_path() / "mgrelax_sweep" /
                       ("groups_np" + std::to_string(n));
  const auto study =
      [&](const std::string &name,
          const std::string &h = "20e-6, 30e-6",
          const std::string &R = "2e-3, 3e-3, 5e-3") {
        const fs::path file = dir / (name + ".prm");
        std::ofstream(file)
            << "subsection Sweep\n  set base file = base.prm\n"
               "  set directory = "
            << (dir / name).string()
            << "\nend\nsubsection Vary\n  set h = " << h << "\n  set R = " << R
            << "\nend\nsubsection Entries\n"
               "  set Geometry/thickness = h\n  set Mandrel/radius = R\nend\n";
        return file.string();
      };
  if (root)
    {
      fs::remove_all(dir);
      fs::create_directories(dir);
      std::ofstream(dir / "base.prm")
          << mgrelax::testing::short_mandrel_input();
      study("groups");
      study("one");
      // Partitioned cases are slow on a loaded 2-core machine: two of
      // them.
      study("together", "20e-6", "2e-3, 5e-3");
    }
  MPI_Barrier(MPI_COMM_WORLD);
  std::ostringstream  log;
  const SweepCounters c =
      run_sweep((dir / "groups.prm").string(), {}, MPI_COMM_WORLD, log);
  SweepOptions all_ranks;
  all_ranks.ranks_per_case = n;
  run_sweep((dir / "together.prm").string(), all_ranks, MPI_COMM_WORLD, log);
  if (!root)
    return;
  EXPECT_EQ(c.run, 6u);
  EXPECT_EQ(c.failed, 0u);
  run_sweep((dir / "one.prm").string(), {}, MPI_COMM_SELF, log);
  const auto groups =
      mgrelax::testing::read_sweep_table(dir / "groups" / "groups.csv");
  const auto one = mgrelax::testing::read_sweep_table(dir / "one" / "one.csv");
  ASSERT_EQ(groups.size(), 6u);
  ASSERT_EQ(one.size(), 6u);
  std::map<std::string, std::map<std::string, std::string>> by_key;
  for (const auto &row : one)
    by_key[row.at("key")] = row;
  for (auto row : groups)
    {
      auto reference = by_key.at(row.at("key"));
      row.erase("wall_time");
      reference.erase("wall_time");
      EXPECT_EQ(row, reference);
    }
  const auto together =
      mgrelax::testing::read_sweep_table(dir / "together" / "together.csv");
  ASSERT_EQ(together.size(), 2u);
  for (const auto &row : together)
    {
      const auto &reference = by_key.at(row.at("key"));
      EXPECT_EQ(row.at("status"), "ok");
      for (const char *name : {"held_surface_strain",
                               "elastic_surface_strain",
                               "normalized_anelastic_at_release"})
        EXPECT_NEAR(std::stod(row.at(name)),
                    std::stod(reference.at(name)),
                    1e-8 * std::abs(std::stod(reference.at(name))))
            << name << ", " << row.at("key");
    }
}
