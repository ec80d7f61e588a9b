// Atzmon's linear solid and STZ quantities from spectrum peaks.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "postprocess/peak_analysis.h"
#include "postprocess/spectrum_inversion.h"

using namespace mgrelax::postprocess;

namespace
{
  // Al86.8Ni3.7Y9.5 at 295 K ([Atzmon2023] Sec. 4): mu = 19 GPa, nu = 0.324.
  StzConditions
  al_conditions()
  {
    StzConditions c;
    c.temperature   = 295.0;
    c.shear_modulus = 19e9;
    c.poisson_ratio = 0.324;
    return c;
  }
} // namespace

// The times of the STZ hierarchy n = 14..21 ([Atzmon2023] Eq. 9) invert to
// volumes of exactly n atoms, the energies are [Atzmon2023] Eq. 2 (0.84..1.26
// eV as the paper's Fig. 5f), and the slope of Omega_m / V_Al against m is 1
// (Fig. 5e).
TEST(PeakAnalysis, StzHierarchyRoundTrip)
{
  const StzConditions c = al_conditions();
  std::vector<Peak>   peaks;
  for (unsigned int n = 14; n <= 21; ++n)
    {
      Peak p;
      p.centroid = c.stz.time_constant(
          n, c.temperature, c.shear_modulus, c.poisson_ratio);
      p.area = 0.01 * n;
      peaks.push_back(p);
    }
  const auto props = peak_properties(peaks, 0.5, 60e9, c);
  for (unsigned int k = 0; k < props.size(); ++k)
    {
      const unsigned int n = 14 + k;
      EXPECT_NEAR(props[k].volume_atoms, n, 1e-6 * n);
      EXPECT_NEAR(props[k].activation_eV * 1.602176634e-19,
                  c.stz.activation_energy(n, c.shear_modulus, c.poisson_ratio),
                  1e-6 * props[k].activation_eV * 1.602176634e-19);
      // Eqs. 6, 4, 3.
      EXPECT_NEAR(props[k].c, 0.02 * n, 1e-12);
      EXPECT_NEAR(props[k].young_modulus, 60e9 / (0.02 * n), 1e-3);
      EXPECT_NEAR(props[k].viscosity,
                  peaks[k].centroid * props[k].young_modulus / 3.0,
                  1e-9 * props[k].viscosity);
    }
  EXPECT_NEAR(props.front().activation_eV, 0.84, 0.01);
  EXPECT_NEAR(props.back().activation_eV, 1.26, 0.01);
  const SlopeFit s = atomic_volume_slope(props);
  ASSERT_TRUE(s.valid);
  EXPECT_NEAR(s.slope, 1.0, 1e-6);
  EXPECT_NEAR(s.intercept, 13.0, 1e-5);
}

TEST(PeakAnalysis, NoStzWithoutConditions)
{
  Peak p;
  p.centroid       = 10.0;
  p.area           = 0.1;
  const auto props = peak_properties({p}, 1.0, 0.0, StzConditions{});
  EXPECT_EQ(props[0].volume, 0.0);
  EXPECT_EQ(props[0].young_modulus, 0.0);
  EXPECT_FALSE(atomic_volume_slope(props).valid);
}
