// Guards of the experiment loop (issue 16): a law that returns a NaN
// stress beyond a strain makes its step rejected and cut back; the run
// stops early, saying why, and no record holds NaN or Inf.  A law that
// fails beyond a strain makes the run stop with a failure dump of the
// failing point, which replays to the same failure.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "material/failed_point.h"
#include "solver/failure_dump.h"
#include "tests/solver/experiments/experiment_cases.h"
#include "tests/solver/threshold_law.h"

using namespace mgrelax;

namespace
{
  // A 2D elastic cantilever under a tip force ramped in 20 steps; the law
  // is linear, so each step's strains lie between those of the steps
  // before and after it.
  BendingCase
  loaded_cantilever()
  {
    BendingCase p;
    p.support            = BendingSupport::clamp;
    p.geometry.length    = 6e-3;
    p.geometry.thickness = 30e-6;
    p.geometry.cells     = {{24, 1, 2}};
    p.program = material::parse_load_program("ramp to=1e-3 duration=1", 1);
    return p;
  }
} // namespace

TEST(Guards, NonFiniteStressIsCutBackAndNeverRecorded)
{
  using mgrelax::testing::ThresholdLaw;
  // The largest strain of the whole ramp; the law's range ends halfway.
  const ThresholdLaw probe(50e9, 0.3, 1.0, ThresholdLaw::Mode::nan);
  const RunResult    full =
      run_cantilever<2>(loaded_cantilever(), probe, MPI_COMM_WORLD, nullptr);
  ASSERT_TRUE(full.error.empty()) << full.error;
  const ThresholdLaw law(
      50e9, 0.3, 0.5 * probe.largest_seen, ThresholdLaw::Mode::nan);
  const RunResult r =
      run_cantilever<2>(loaded_cantilever(), law, MPI_COMM_WORLD, nullptr);
  EXPECT_NE(r.error.find("30 cuts in a row"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("not finite"), std::string::npos) << r.error;
  EXPECT_GE(r.cutbacks, 30u);
  // The steps below the limit, up to t = 0.45 s, are the full run's (the
  // first row is the unloaded state); the cut steps after them approach
  // the limit, at half the full load, and never pass it (to round-off).
  ASSERT_GT(r.records.size(), 10u);
  // (The limit is half the largest strain of any Newton iterate, which
  // differs from a converged step's by the solver's tolerance, 2.4e-7.)
  EXPECT_LE(r.records.back("load"), 0.5e-3 * (1.0 + 1e-6));
  for (std::size_t i = 0; i < r.records.size(); ++i)
    for (const auto &column : r.records.columns())
      {
        const double value = column.text ? 0.0 : r.records.at(i, column.name);
        EXPECT_TRUE(std::isfinite(value)) << column.name << " in row " << i;
        if (i < 10 && !column.text)
          {
            EXPECT_EQ(value, full.records.at(i, column.name)) << column.name;
          }
      }
}

TEST(Guards, LawFailureIsDumpedAndReplays)
{
  using mgrelax::testing::ThresholdLaw;
  const ThresholdLaw probe(50e9, 0.3, 1.0, ThresholdLaw::Mode::failure);
  run_cantilever<2>(loaded_cantilever(), probe, MPI_COMM_WORLD, nullptr);
  const double       limit = 0.5 * probe.largest_seen;
  const ThresholdLaw law(50e9, 0.3, limit, ThresholdLaw::Mode::failure);
  const BendingCase  c        = loaded_cantilever();
  RunSettings        settings = c.settings();
  const std::filesystem::path directory =
      std::filesystem::temp_directory_path() / "mgrelax_failure_dump";
  std::filesystem::remove_all(directory);
  settings.records_file  = (directory / "strip.csv").string();
  settings.material_file = "strip_material.prm";
  const RunResult r = run_bending<2>(c, law, settings, MPI_COMM_WORLD, nullptr);
  const std::string dump = failure_dump_file(settings.records_file);
  EXPECT_NE(r.error.find("strain beyond the law's range"), std::string::npos)
      << r.error;
  EXPECT_NE(r.error.find("mgrelax point --replay " + dump), std::string::npos)
      << r.error;
  EXPECT_GE(r.cutbacks, 30u);

  const material::FailedPoint p = material::FailedPoint::read(dump);
  EXPECT_EQ(p.law, law.description().name);
  EXPECT_EQ(p.material_file,
            std::filesystem::absolute("strip_material.prm").string());
  // The point began within the law's range and was asked to leave it.
  double begin = 0.0, end = 0.0;
  for (unsigned int i = 0; i < 6; ++i)
    {
      begin = std::max(begin, std::abs(p.begin_state[i]));
      end   = std::max(end, std::abs(p.end_strain[i]));
    }
  EXPECT_LE(begin, limit);
  EXPECT_GT(end, limit);
  const material::StepResult replayed = p.replay(law);
  EXPECT_FALSE(replayed.succeeded());
  EXPECT_EQ(replayed.message, p.message);
  // The CSV holds the steps before the failure.
  EXPECT_TRUE(std::filesystem::exists(settings.records_file));
}
