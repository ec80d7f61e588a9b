// Discrete spectra: the normalized Gumbel weights of [Zhang2023-beta] Eq. 9 and
// the STZ hierarchy of [Atzmon2023] Eqs. 2 and 9.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "material/spectrum.h"
#include "material/tensor.h"

using namespace mgrelax::material;

namespace
{
  double
  sum(const std::vector<double> &v)
  {
    return std::accumulate(v.begin(), v.end(), 0.0);
  }
} // namespace

TEST(GumbelSpectrum, WeightsSumToOneAndPeakAtMeanTime)
{
  for (const double B : {0.1, 0.28, 0.36, 0.58, 1.0})
    for (const unsigned int units : {3u, 7u, 20u, 101u})
      {
        GumbelSpectrum g;
        g.B                      = B;
        g.mean_time              = 2.34e7;
        g.units                  = units;
        const DiscreteSpectrum s = g.discretize();
        ASSERT_EQ(s.tau.size(), units);
        EXPECT_NEAR(sum(s.weight), 1.0, 1e-14);
        const auto peak = std::max_element(s.weight.begin(), s.weight.end()) -
                          s.weight.begin();
        EXPECT_NEAR(s.tau[peak] / g.mean_time, 1.0, 1e-12)
            << "B = " << B << ", units = " << units;
        // Log-uniform grid.
        for (unsigned int i = 2; i < units; ++i)
          EXPECT_NEAR(std::log(s.tau[i] / s.tau[i - 1]),
                      std::log(s.tau[1] / s.tau[0]),
                      1e-10);
      }
}

TEST(GumbelSpectrum, MomentsFollowTheGumbelLawInB)
{
  // For a fine grid the discrete weights sample the density
  // exp(u - e^u), u = B ln(tau/tau_bar), whose mean is -gamma_Euler and
  // variance pi^2/6: the mean of ln(tau/tau_bar) is -0.5772/B (a tail towards
  // short times that grows as B falls) and its standard deviation
  // pi/(sqrt(6) B).
  const double euler_gamma  = 0.57721566490153286;
  double       previous_std = 0.0;
  for (const double B : {1.0, 0.58, 0.36, 0.28})
    {
      GumbelSpectrum g;
      g.B                         = B;
      g.units                     = 400;
      g.truncation                = 1e-12;
      const DiscreteSpectrum s    = g.discretize();
      double                 mean = 0.0, second = 0.0;
      for (unsigned int i = 0; i < s.tau.size(); ++i)
        {
          const double x = std::log(s.tau[i] / g.mean_time);
          mean += s.weight[i] * x;
          second += s.weight[i] * x * x;
        }
      const double stddev = std::sqrt(second - mean * mean);
      EXPECT_NEAR(mean * B / -euler_gamma, 1.0, 1e-3) << "B = " << B;
      EXPECT_NEAR(stddev * B / (M_PI / std::sqrt(6.0)), 1.0, 1e-3)
          << "B = " << B;
      EXPECT_GT(stddev, previous_std) << "smaller B must be wider";
      previous_std = stddev;
    }
}

TEST(GumbelSpectrum, AutomaticGridTruncatesBelowTheDocumentedBound)
{
  for (const double B : {0.28, 0.5, 1.0})
    for (const double truncation : {1e-4, 1e-6})
      {
        GumbelSpectrum g;
        g.B                      = B;
        g.units                  = 30;
        g.truncation             = truncation;
        const DiscreteSpectrum s = g.discretize();
        // Relative density at the two ends of the grid.
        const auto relative = [&](const double tau) {
          const double u = B * std::log(tau / g.mean_time);
          return std::exp(u - std::exp(u) + 1.0);
        };
        EXPECT_LE(relative(s.tau.front()), truncation * (1 + 1e-9));
        EXPECT_LE(relative(s.tau.back()), truncation * (1 + 1e-9));
        // ... and no further than one grid spacing beyond the bound.
        const double h = std::log(s.tau[1] / s.tau[0]);
        EXPECT_GT(relative(s.tau.front() * std::exp(h)), truncation);
        EXPECT_GT(relative(s.tau.back() * std::exp(-h)), truncation);
        // The continuous mass left outside the grid: the short-time tail
        // integral of exp(u - e^u) below u_low is about e^{u_low}.
        const double u_low = B * std::log(s.tau.front() / g.mean_time);
        EXPECT_LT(std::exp(u_low), 2.0 * truncation / std::exp(1.0));
      }
  // The documented span for B = 0.3 and 1e-4: about 15 decades below tau_bar
  // and 3.7 above.
  EXPECT_NEAR(GumbelSpectrum::lower_u(1e-4) / 0.3 / std::log(10.0), -14.8, 0.1);
  EXPECT_NEAR(GumbelSpectrum::upper_u(1e-4) / 0.3 / std::log(10.0), 3.7, 0.1);
}

TEST(GumbelSpectrum, ExplicitSpanIsHonoured)
{
  GumbelSpectrum g;
  g.B                            = 0.4;
  g.units                        = 41;
  g.span_decades                 = 12.0;
  const DiscreteSpectrum s       = g.discretize();
  const double           decades = std::log10(s.tau.back() / s.tau.front());
  EXPECT_GE(decades, 12.0 - 1e-9);
  EXPECT_LE(decades, 12.0 * (1.0 + 1.0 / 20.0));
}

TEST(GumbelSpectrum, RejectsBadParametersNamingTheEntry)
{
  const auto message = [](const GumbelSpectrum &g) {
    try
      {
        g.check("Family 'beta'");
      }
    catch (const std::invalid_argument &e)
      {
        return std::string(e.what());
      }
    return std::string();
  };
  GumbelSpectrum g;
  g.B = 0.0;
  EXPECT_NE(message(g).find("Family 'beta': 'B' must be in (0, 1]"),
            std::string::npos)
      << message(g);
  g.B = 1.5;
  EXPECT_NE(message(g).find("'B'"), std::string::npos);
  g.B     = 0.5;
  g.units = 1;
  EXPECT_NE(message(g).find("'units'"), std::string::npos);
  g.units     = 20;
  g.mean_time = -1.0;
  EXPECT_NE(message(g).find("'mean time'"), std::string::npos);
  g.mean_time = 1.0;
  EXPECT_EQ(message(g), "");
}

// [Atzmon2023] Sec. 4: Al86.8Ni3.7Y9.5, nu = 0.324, gamma0^T = 0.2,
// sigma_STZ/mu = 0.025, beta^2 = 1, Omega_atom = 16.6e-30 m^3, mu = 19 GPa.
TEST(StzHierarchy, ActivationEnergyIsProportionalToSizeAndMatchesAtzmon)
{
  StzHierarchy stz;
  stz.volume_fractions.assign(8, 0.01);
  const double mu = 19e9, nu = 0.324;

  // Hand calculation of [Atzmon2023] Eq. 2 for n = 14:
  //  (7 - 5 nu)/(30 (1 - nu))       = 5.38 / 20.28  = 0.2652860
  //  2 (1 + nu)/(9 (1 - nu))        = 2.648 / 6.084 = 0.4352400
  //  bracket = (0.2652860 + 0.4352400) 0.2 + 0.0125 = 0.1526052
  //  dF_14 = 0.1526052 * 19e9 * 0.2 * 14 * 16.6e-30 J = 1.347687e-19 J
  //        = 0.841160 eV
  EXPECT_NEAR(stz.activation_energy(14, mu, nu) / electronvolt, 0.841160, 2e-6);
  // Proportional to n: dF_n / n is the same for every n.
  for (unsigned int n = 14; n <= 21; ++n)
    EXPECT_NEAR(stz.activation_energy(n, mu, nu) / n,
                stz.activation_energy(14, mu, nu) / 14,
                1e-15 * stz.activation_energy(14, mu, nu));
  // [Atzmon2023]: 0.85 .. 1.26 eV for n = 14 .. 21.
  EXPECT_NEAR(stz.activation_energy(14, mu, nu) / electronvolt, 0.85, 0.015);
  EXPECT_NEAR(stz.activation_energy(21, mu, nu) / electronvolt, 1.26, 0.015);
}

TEST(StzHierarchy, TimeConstantsFollowEq9AndGrowTenfoldPerAtom)
{
  StzHierarchy stz;
  stz.volume_fractions.assign(8, 0.01);
  const double mu = 19e9, nu = 0.324, T = 295.0;

  // Hand calculation of [Atzmon2023] Eq. 9 for n = 14 at 295 K:
  //  kT = 1.380649e-23 * 295 = 4.072915e-21 J
  //  gamma0^c = 2 (4 - 1.62) / (15 * 0.676) * 0.2 = 0.0938856
  //  denominator 2 mu (1 + nu) nu_G gamma0^c gamma0^T Omega_14
  //    = 2 * 19e9 * 1.324 * 1e13 * 0.0938856 * 0.2 * 2.324e-28 = 2.195516e-6
  //  prefactor 3 kT / denominator = 5.565316e-15 s
  //  dF_14 / kT = 1.347687e-19 / 4.072915e-21 = 33.089007
  //  tau_14 = 5.565316e-15 * exp(33.089007) = 1.30576 s
  // (doc/physics.md quotes about 1.8 s; the difference is within the rounding
  // of mu and T there: a 1% change of mu moves tau_14 by 40%.)
  EXPECT_NEAR(stz.time_constant(14, T, mu, nu), 1.30576, 2e-5);
  // One decade per atom ([Atzmon2023] Fig. 3): the ratio is exp(dF_1/kT) times
  // n/(n+1) from the prefactor.
  for (unsigned int n = 14; n < 21; ++n)
    {
      const double ratio =
          stz.time_constant(n + 1, T, mu, nu) / stz.time_constant(n, T, mu, nu);
      const double expected =
          std::exp(stz.activation_energy(1, mu, nu) / (boltzmann_J * T)) * n /
          (n + 1.0);
      EXPECT_NEAR(ratio / expected, 1.0, 1e-12);
      EXPECT_GT(ratio, 8.0);
      EXPECT_LT(ratio, 13.0);
    }
  // Hotter is faster.
  EXPECT_LT(stz.time_constant(21, 350.0, mu, nu),
            stz.time_constant(21, T, mu, nu));
  // No overflow for huge STZs at low temperature: an infinite time.
  EXPECT_TRUE(std::isinf(stz.time_constant(200, 20.0, mu, nu)));
}

TEST(TemperatureLaw, ArrheniusAnchorOfSeed000AndVft)
{
  // [Zhang2023-beta] Eq. 14: tau_beta(566.67 K) = 5e-4 s; with E_beta = 0.686
  // eV this gives tau_beta(403 K) = 0.15 s (S1 of Table 1).
  TemperatureLaw arrhenius;
  arrhenius.kind                  = TemperatureLaw::Kind::arrhenius;
  arrhenius.reference_temperature = 566.67;
  arrhenius.activation_energy_eV  = 0.686;
  EXPECT_NEAR(5e-4 * std::exp(arrhenius.log_shift(403.0)), 0.15, 0.001);
  EXPECT_EQ(arrhenius.log_shift(566.67), 0.0);

  TemperatureLaw vft;
  vft.kind                  = TemperatureLaw::Kind::vft;
  vft.reference_temperature = 403.0;
  vft.vft_B                 = 5907.0;
  vft.vft_T0                = 278.0;
  EXPECT_NEAR(vft.log_shift(450.0),
              5907.0 / (450.0 - 278.0) - 5907.0 / (403.0 - 278.0),
              1e-12);
  EXPECT_TRUE(std::isinf(vft.log_shift(270.0)));
}
