// `mgrelax sweep` (app/sweep_study.h, app/sweep_command.h): the sweep file
// expanded into its cases, errors naming file, line and entry, and small
// studies of a short 2D mandrel run as the command runs them: each case
// equals its run alone, a failed case does not stop the others, a
// restarted study computes only the missing cases.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "app/sweep_command.h"
#include "sweep_cases.h"

using namespace mgrelax;

namespace
{
  namespace fs = std::filesystem;

  fs::path
  scratch(const std::string &name)
  {
    const fs::path dir = fs::temp_directory_path() / "mgrelax_sweep" / name;
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
  }

  // A sweep file in `dir` of the short mandrel with `body` after its
  // subsection Sweep.
  std::string
  sweep_file(const fs::path &dir, const std::string &body)
  {
    const fs::path file = dir / "study.prm";
    std::ofstream(dir / "base.prm") << mgrelax::testing::short_mandrel_input();
    std::ofstream(file) << "subsection Sweep\n  set base file = base.prm"
                        << "\n  set directory = " << (dir / "out").string()
                        << "\nend\n"
                        << body;
    return file.string();
  }

  std::string
  read(const fs::path &file)
  {
    std::ifstream      in(file);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // The message of the invalid_argument that reading `text` throws.
  std::string
  refusal(const std::string &text)
  {
    const fs::path dir = scratch("refusal");
    try
      {
        read_sweep_file(sweep_file(dir, text));
      }
    catch (const std::invalid_argument &e)
      {
        return e.what();
      }
    return "(accepted)";
  }

  const char *thickness_by_strain =
      "subsection Vary\n  set h = 20e-6, 40e-6\n"
      "  set eps = log 0.003 0.0155 2\nend\n"
      "subsection Derived\n  set R = h*(1-eps)/(2*eps)\nend\n"
      "subsection Entries\n  set Geometry/thickness = h\n"
      "  set Mandrel/radius = R\nend\n";
} // namespace

TEST(SweepFile, RangesListsProductAndZip)
{
  const fs::path   dir   = scratch("ranges");
  const SweepStudy study = read_sweep_file(sweep_file(
      dir,
      "subsection Vary\n  set a = linear 1 3 3\n  set b = log 1 1e4 5\n"
      "  set m = x.prm, y.prm\nend\n"));
  ASSERT_EQ(study.cases.size(), 3u * 5u * 2u);
  // The last variable changes fastest; a log range is a geometric one.
  for (const SweepCase &c : study.cases)
    {
      const unsigned int i = c.id / 10, j = c.id / 2 % 5, k = c.id % 2;
      EXPECT_EQ(std::stod(c.values[0].second), 1.0 + i);
      EXPECT_NEAR(std::stod(c.values[1].second),
                  std::pow(10.0, j),
                  1e-12 * std::pow(10.0, j));
      EXPECT_EQ(c.values[2].second, k == 0 ? "x.prm" : "y.prm");
    }
  const SweepStudy zipped = read_sweep_file(
      sweep_file(dir,
                 "subsection Sweep\n  set combine = zip\nend\nsubsection Vary\n"
                 "  set a = 1, 2, 3\n  set b = linear 10 30 3\nend\n"));
  ASSERT_EQ(zipped.cases.size(), 3u);
  for (const SweepCase &c : zipped.cases)
    EXPECT_EQ(std::stod(c.values[1].second),
              10.0 * std::stod(c.values[0].second));
}

TEST(SweepFile, ErrorsNameFileLineAndEntry)
{
  // The Sweep subsection takes lines 1-4, so Vary opens on line 5.
  EXPECT_NE(
      refusal("subsection Vary\n  set eps = log 0 1 3\nend\n")
          .find(
              "study.prm:6: entry 'Vary/eps': a log range needs FROM, TO > 0"),
      std::string::npos);
  EXPECT_NE(refusal("subsection Vary\n  set n = linear 1 2 2.5\nend\n")
                .find(":6: entry 'Vary/n': a range is"),
            std::string::npos);
  EXPECT_NE(
      refusal("subsection Sweep\n  set combine = zip\nend\nsubsection Vary\n"
              "  set a = 1, 2\n  set b = 1, 2, 3\nend\n")
          .find(":10: entry 'Vary/b': has 3 values, 'a' 2"),
      std::string::npos);
  EXPECT_NE(refusal("subsection Vary\n  set h = 1\nend\nsubsection Entries\n"
                    "  set Mandrel/radius = 2*hh\nend\n")
                .find(":9: entry 'Entries/Mandrel/radius': '2*hh' is not an "
                      "expression"),
            std::string::npos);
  EXPECT_NE(refusal("subsection Vary\n  set h = 1\n  set h = 2\nend\n")
                .find(":7: entry 'Vary/h': given twice"),
            std::string::npos);
  EXPECT_NE(refusal("subsection Vary\n  set h = 1\nend\nsubsection Entries\n"
                    "  set experiment = \"tension\"\nend\n")
                .find(":9: entry 'Entries/experiment': the experiment is the "
                      "base file's"),
            std::string::npos);
  EXPECT_NE(
      refusal("subsection Varry\nend\n").find(":5: unknown subsection 'Varry'"),
      std::string::npos);
  EXPECT_NE(refusal("subsection Sweep\n  set combine = all\nend\n")
                .find(":6: entry 'Sweep/combine': product or zip"),
            std::string::npos);
}

// Each case of a small study equals the same case run alone from a copy of
// the base file with the case's entries appended (not through the
// sweep's overrides), to the last digit; and the radius given by the
// surface strain gives back h / (2R + h) = eps.
TEST(Sweep, EachCaseIsItsRunAloneAndRadiusFromStrain)
{
  const fs::path      dir  = scratch("alone");
  const std::string   file = sweep_file(dir, thickness_by_strain);
  std::ostringstream  log;
  const SweepCounters c = run_sweep(file, {}, MPI_COMM_WORLD, log);
  EXPECT_EQ(c.run, 4u);
  EXPECT_EQ(c.failed, 0u);
  const auto rows =
      mgrelax::testing::read_sweep_table(dir / "out" / "study.csv");
  ASSERT_EQ(rows.size(), 4u);
  const SweepStudy study = read_sweep_file(file);
  for (const SweepCase &k : study.cases)
    {
      const auto &row   = rows[k.id];
      const auto  value = [&](const std::string &name) {
        return std::stod(row.at(name));
      };
      const double h   = std::stod(k.values[0].second),
                   eps = std::stod(k.values[1].second);
      const double R   = h * (1 - eps) / (2 * eps);
      EXPECT_NEAR(std::stod(k.overrides[1].second), R, 1e-15 * R);
      EXPECT_NEAR(value("beam_surface_strain"), h / (2 * R + h), 1e-15);
      EXPECT_NEAR(value("beam_surface_strain"), eps, 1e-15);
      const std::string alone =
          (dir / ("alone_" + std::to_string(k.id) + ".prm")).string();
      std::ofstream(alone) << mgrelax::testing::short_mandrel_input(
          k.overrides[0].second, k.overrides[1].second);
      const RunResult reference = simulate_input(alone, MPI_COMM_SELF, nullptr);
      for (const SummaryValue &v : reference.summary)
        EXPECT_EQ(value(v.name), v.value) << v.name << ", case " << k.id;
    }
}

TEST(Sweep, FailedCaseIsRecordedAndTheOthersFinish)
{
  const fs::path      dir = scratch("failed");
  std::ostringstream  log;
  const SweepCounters c = run_sweep(
      sweep_file(dir,
                 "subsection Vary\n  set h = 20e-6, -20e-6, 30e-6\nend\n"
                 "subsection Entries\n  set Geometry/thickness = h\nend\n"),
      {},
      MPI_COMM_WORLD,
      log);
  EXPECT_EQ(c.run, 3u);
  EXPECT_EQ(c.failed, 1u);
  const SweepStudy study = read_sweep_file((dir / "study.prm").string());
  const auto       rows  = collect_case_results(study);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(column_value(rows[0], "status"), "ok");
  EXPECT_EQ(column_value(rows[1], "status"), "failed");
  EXPECT_NE(column_value(rows[1], "message").find("thickness"),
            std::string::npos)
      << column_value(rows[1], "message");
  EXPECT_EQ(column_value(rows[2], "status"), "ok");
  EXPECT_NE(log.str().find("case 1 FAILED"), std::string::npos);
}

// A study interrupted after one case (here: that case run alone with
// --case, as a job array does) and started again runs only the three
// others, leaves the finished case's result as it was and ends with the
// whole table; a changed --set is refused rather than overwriting it.
TEST(Sweep, RestartComputesOnlyTheMissingCases)
{
  const fs::path    dir  = scratch("restart");
  const std::string file = sweep_file(dir, thickness_by_strain);
  SweepOptions      one;
  one.cases = {2};
  std::ostringstream log;
  EXPECT_EQ(run_sweep(file, one, MPI_COMM_WORLD, log).run, 1u);
  const fs::path    first  = dir / "out" / "case_002" / "sweep_result.csv";
  const std::string before = read(first);
  EXPECT_FALSE(fs::exists(dir / "out" / "study.csv"));

  const SweepCounters again = run_sweep(file, {}, MPI_COMM_WORLD, log);
  EXPECT_EQ(again.finished_before, 1u);
  EXPECT_EQ(again.run, 3u);
  EXPECT_EQ(read(first), before);
  EXPECT_EQ(
      mgrelax::testing::read_sweep_table(dir / "out" / "study.csv").size(), 4u);
  EXPECT_EQ(run_sweep(file, {}, MPI_COMM_WORLD, log).run, 0u);

  SweepOptions changed;
  changed.sets = {{"Mandrel/recovery time", "20"}};
  EXPECT_THROW(run_sweep(file, changed, MPI_COMM_WORLD, log),
               std::invalid_argument);
}
