// `mgrelax sweep` under mpirun: the study run by every rank of
// MPI_COMM_WORLD in groups of one rank (cases handed out through the
// shared counter) gives the table of the same study run on one rank.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

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
      [&](const std::string &name) {
        const fs::path file = dir / (name + ".prm");
        std::ofstream(file)
            << "subsection Sweep\n  set base file = base.prm\n"
               "  set directory = "
            << (dir / name).string()
            << "\nend\nsubsection Vary\n  set h = 20e-6, 30e-6\n"
               "  set R = 2e-3, 3e-3, 5e-3\nend\nsubsection Entries\n"
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
    }
  MPI_Barrier(MPI_COMM_WORLD);
  std::ostringstream  log;
  const SweepCounters c =
      run_sweep((dir / "groups.prm").string(), {}, MPI_COMM_WORLD, log);
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
}
