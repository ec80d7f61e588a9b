// Rank invariance: the cantilever creep run on all ranks of
// MPI_COMM_WORLD gives the same observables as the same run on each rank
// alone (MPI_COMM_SELF), to 1e-8 relative.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include "../material/test_laws.h"
#include "../solver/experiments/experiment_cases.h"
#include "material/kelvin_law.h"

using namespace mgrelax;

TEST(CantileverRanks, ObservablesIndependentOfThePartition)
{
  const material::GeneralizedKelvinParameters m =
      mgrelax::testing::one_family_solid({0.01, 1.0}, {0.5, 0.5}, 0.2);
  const material::GeneralizedKelvinLaw law(m);

  BendingCase p;
  p.geometry.length    = 3e-3;
  p.geometry.width     = 0.3e-3;
  p.geometry.thickness = 30e-6;
  p.geometry.cells     = {{16, 2, 2}};
  p.program            = material::parse_load_program(
      "jump to=2e-4; hold duration=10 dt0=1e-2 growth=2; jump to=0; hold "
                 "duration=10 dt0=1e-2 growth=2",
      1);

  const auto parallel = run_cantilever<3>(p, law, MPI_COMM_WORLD, nullptr);
  const auto serial   = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
  ASSERT_EQ(parallel.records.size(), serial.records.size());
  const double scale = serial.result("elastic_tip_displacement");
  ASSERT_GT(scale, 0.0);
  for (std::size_t r = 0; r < serial.records.size(); ++r)
    {
      EXPECT_NEAR(parallel.records.at(r, "tip_displacement"),
                  serial.records.at(r, "tip_displacement"),
                  1e-8 * scale);
      EXPECT_NEAR(parallel.records.at(r, "reaction"),
                  serial.records.at(r, "reaction"),
                  1e-8 * 2e-4);
    }
}
