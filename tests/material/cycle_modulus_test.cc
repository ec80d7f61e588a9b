// The per-cycle dynamic modulus of the point driver (material/
// cycle_modulus.h): at constant temperature it is seed-000 Eq. 12's
// 1/J*(omega) under strain and under stress control; in a DMA temperature
// sweep the loss peak of an Arrhenius beta family shifts with frequency as
// seed-000 Eq. 13 says, within 1 K.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>

#include "material/cycle_modulus.h"
#include "test_laws.h"

using namespace mgrelax::material;
using namespace mgrelax::testing;

namespace
{
  std::vector<CycleModulusRow>
  cycles(const MaterialLaw &law,
         const PointControl control,
         const std::string &text,
         const double       temperature)
  {
    const auto   program = parse_load_program(text, 1);
    CycleModulus analysis(program);
    PointDriver  driver(law, control, temperature);
    driver.run(program, [&](const PointRecord &r) { analysis.add(r); });
    return analysis.rows();
  }

  // Temperature of the loss maximum: a parabola in T through the largest
  // E'' and its two neighbours.
  double
  loss_peak_temperature(const std::vector<CycleModulusRow> &rows)
  {
    std::size_t k = 1;
    for (std::size_t i = 1; i + 1 < rows.size(); ++i)
      if (rows[i].loss > rows[k].loss)
        k = i;
    const double x0 = rows[k - 1].temperature, x1 = rows[k].temperature,
                 x2 = rows[k + 1].temperature;
    const double y0 = rows[k - 1].loss, y1 = rows[k].loss,
                 y2  = rows[k + 1].loss;
    const double d01 = (y1 - y0) / (x1 - x0), d12 = (y2 - y1) / (x2 - x1);
    const double a = (d12 - d01) / (x2 - x0);
    return 0.5 * (x0 + x1) - d01 / (2.0 * a);
  }
} // namespace

TEST(CycleModulus, ConstantTemperatureGivesSeed000Eq12)
{
  const std::vector<double>   tau = {0.02, 0.1, 0.4, 1.0};
  const std::vector<double>   w   = {0.2, 0.3, 0.3, 0.2};
  GeneralizedKelvinParameters p;
  p.youngs_modulus    = 40e9;
  p.poissons_ratio    = 0.35;
  p.families          = {list_family("beta", tau, w, 0.3 / p.youngs_modulus)};
  p.dashpot_viscosity = 1e12; // stress control: creep drift under the mean
  const GeneralizedKelvinLaw law(p);
  const double               omega = 2.0 * M_PI * 2.0;
  const std::complex<double> E_star =
      1.0 / dynamic_compliance(law, omega, 300.0);
  for (const auto control :
       {PointControl::uniaxial_strain, PointControl::uniaxial_stress})
    {
      const std::string amplitude =
          control == PointControl::uniaxial_strain ? "1e-4" : "4e6";
      const std::string mean =
          control == PointControl::uniaxial_strain ? "0" : "10e6";
      const auto rows = cycles(law,
                               control,
                               "sine mean=" + mean + " amplitude=" + amplitude +
                                   " frequency=2 cycles=40 steps=200",
                               300.0);
      ASSERT_EQ(rows.size(), 40u);
      EXPECT_NEAR(rows.back().time, 39.5 / 2.0, 1e-12);
      EXPECT_NEAR(rows.back().temperature, 300.0, 1e-9);
      EXPECT_NEAR(rows.back().storage / E_star.real(), 1.0, 1e-4);
      EXPECT_NEAR(rows.back().loss / E_star.imag(), 1.0, 2e-4);
      EXPECT_NEAR(rows.back().tan_delta,
                  E_star.imag() / E_star.real(),
                  2e-4 * E_star.imag() / E_star.real());
    }
}

// A DMA sweep (2 K/min) of the La S1 beta family (Arrhenius, E = 0.686 eV)
// at 1 Hz and 0.1 Hz: the loss peak temperatures obey
// 1/T2 = 1/T1 + (k/E) ln(f1/f2) (seed-000 Eq. 13) within 1 K.
TEST(CycleModulus, LossPeakShiftsWithFrequencyByArrhenius)
{
  GeneralizedKelvinParameters p = la_s1();
  p.families.resize(1); // the beta family
  p.families[0].temperature.kind = TemperatureLaw::Kind::arrhenius;
  p.families[0].temperature.reference_temperature = 403.0;
  p.families[0].temperature.activation_energy_eV  = 0.686;
  const GeneralizedKelvinLaw law(p);
  const auto sweep = [&](const double f, const double T0, const double T1) {
    const double       duration = (T1 - T0) / (2.0 / 60.0);
    const unsigned int n = static_cast<unsigned int>(std::lround(duration * f));
    return cycles(law,
                  PointControl::uniaxial_strain,
                  "sine mean=0 amplitude=1e-4 frequency=" + sci(f) +
                      " cycles=" + std::to_string(n) + " steps=24 T=" + sci(T1),
                  T0);
  };
  const double T_1Hz     = loss_peak_temperature(sweep(1.0, 370.0, 440.0));
  const double T_01Hz    = loss_peak_temperature(sweep(0.1, 330.0, 400.0));
  const double k_over_E  = boltzmann_eV / 0.686;
  const double predicted = 1.0 / (1.0 / T_1Hz + k_over_E * std::log(10.0));
  EXPECT_GT(T_1Hz, T_01Hz);
  EXPECT_NEAR(T_01Hz, predicted, 1.0);
  RecordProperty("peak_1Hz_K", sci(T_1Hz));
  RecordProperty("peak_0.1Hz_K", sci(T_01Hz));
  RecordProperty("predicted_0.1Hz_K", sci(predicted));
}
