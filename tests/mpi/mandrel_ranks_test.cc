// Rank invariance of the mandrel experiment: curvature history, elastic
// surface strain and normalized anelastic strain on all ranks of
// MPI_COMM_WORLD equal those of the same run on one rank (MPI_COMM_SELF).
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include "../material/test_laws.h"
#include "../solver/experiments/experiment_cases.h"
#include "material/kelvin_law.h"

using namespace mgrelax;

TEST(MandrelRanks, ObservablesIndependentOfThePartition)
{
  const material::GeneralizedKelvinLaw law(
      mgrelax::testing::one_family_solid({10.0, 1e3}, {0.5, 0.5}, 0.3));
  MandrelCase p;
  p.geometry.length        = 4e-3;
  p.geometry.width         = 0.4e-3;
  p.geometry.thickness     = 20e-6;
  p.geometry.cells         = {{8, 2, 2}};
  p.radius                 = 3e-3;
  p.solver.large_rotations = true;
  p.wrap_steps             = 4;
  p.hold_time              = 1e3;
  p.recovery_time          = 1e4;
  p.first_step             = 1.0;
  p.steps_per_decade       = 3;

  const auto parallel = run_mandrel<3>(p, law, MPI_COMM_WORLD, nullptr);
  const auto serial   = run_mandrel<3>(p, law, MPI_COMM_SELF, nullptr);
  ASSERT_EQ(parallel.records.size(), serial.records.size());
  const double scale = serial.result("held_curvature");
  ASSERT_GT(scale, 0.0);
  EXPECT_NEAR(parallel.result("elastic_surface_strain"),
              serial.result("elastic_surface_strain"),
              1e-8 * serial.result("elastic_surface_strain"));
  for (std::size_t r = 0; r < serial.records.size(); ++r)
    {
      EXPECT_NEAR(parallel.records.at(r, "curvature"),
                  serial.records.at(r, "curvature"),
                  1e-8 * scale);
      EXPECT_NEAR(parallel.records.at(r, "normalized_anelastic"),
                  serial.records.at(r, "normalized_anelastic"),
                  1e-7);
    }
}
