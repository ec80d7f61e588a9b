// The per-cycle dynamic modulus of the point driver (material/
// cycle_modulus.h): at constant temperature it is [Zhang2023-beta] Eq. 12's
// 1/J*(omega) under strain and under stress control; in a DMA temperature
// sweep the loss peak of an Arrhenius beta family shifts with frequency as
// [Zhang2023-beta] Eq. 13 says, within 1 K.
#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <sstream>

#include "material/cycle_modulus.h"
#include "test_laws.h"

using namespace mgrelax::material;
using namespace mgrelax::testing;

namespace
{
  std::vector<CycleModuli>
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
  loss_peak_temperature(const std::vector<CycleModuli> &rows)
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
  // [Zhang2023-beta] Eq. 12 written out in the test, with the dashpot's
  // -i/(omega eta).
  const std::complex<double> E_star =
      1.0 / (mgrelax::testing::seed000_eq12(
                 p.youngs_modulus, {{0.3 / p.youngs_modulus, tau, w}}, omega) -
             std::complex<double>(0.0, 1.0 / (omega * p.dashpot_viscosity)));
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
      // Measured: 8.0e-6 (E'), 6.7e-5 (E'').
      EXPECT_NEAR(rows.back().storage / E_star.real(), 1.0, 2.4e-5);
      EXPECT_NEAR(rows.back().loss / E_star.imag(), 1.0, 2e-4);
      EXPECT_NEAR(rows.back().tan_delta,
                  E_star.imag() / E_star.real(),
                  2e-4 * E_star.imag() / E_star.real());
    }
}

// The generic algorithm on synthetic signals: s = Re[S e^{iwt}] + drift,
// e = Re[S/E* e^{iwt}] + another drift, with unequal steps (a cut-back in
// the middle of cycle 1) and a scale factor K: every cycle gives K E*,
// exactly on equal steps, to the trapezoidal rule's accuracy with the cut;
// segments are numbered from 0 as in the program, cycles from 0, and the
// cycle's mean temperature is that of the linear ramp.
TEST(CycleModuli, RecoversTheComplexRatioOfSyntheticSignals)
{
  const auto program =
      parse_load_program("hold duration=2; sine mean=0 amplitude=1 "
                         "frequency=0.5 cycles=3 steps=20; hold duration=1",
                         1);
  const std::complex<double> modulus(40e9, 3e8), S(2e6, -1e6);
  const double               K = 7.5, omega = M_PI, t0 = 2.0;
  std::vector<unsigned int>  segment = {0};
  std::vector<double>        time = {0.0}, stress = {0.0}, strain = {0.0},
                      temperature = {300.0};
  const auto sample               = [&](const unsigned int s, const double t) {
    const double T = s == 1 ? 300.0 + (t - t0) : s == 0 ? 300.0 : 306.0;
    segment.push_back(s);
    time.push_back(t);
    temperature.push_back(T);
    const std::complex<double> phase = std::polar(1.0, omega * (t - t0));
    stress.push_back((S * phase).real() + 1e6 + 2e5 * t);
    strain.push_back((S / modulus * K * phase).real() + 1e-4 - 3e-6 * t);
  };
  sample(0, 1.0);
  sample(0, 2.0);
  for (unsigned int k = 1; k <= 60; ++k)
    {
      if (k == 25) // a cut-back: two half steps
        sample(1, t0 + (k - 0.5) * 0.1);
      sample(1, t0 + k * 0.1);
    }
  sample(2, 8.5);
  sample(2, 9.0);
  const auto rows =
      cycle_moduli(program, segment, time, stress, strain, temperature, K);
  ASSERT_EQ(rows.size(), 3u);
  for (unsigned int k = 0; k < 3; ++k)
    {
      EXPECT_EQ(rows[k].segment, 1u);
      EXPECT_EQ(rows[k].cycle, k);
      EXPECT_NEAR(rows[k].time, t0 + 2.0 * k + 1.0, 1e-12);
      EXPECT_NEAR(rows[k].temperature, 300.0 + 2.0 * k + 1.0, 1e-9);
      EXPECT_EQ(rows[k].frequency, 0.5);
      const double tolerance = k == 1 ? 1e-3 : 1e-10;
      EXPECT_NEAR(rows[k].storage / modulus.real(), 1.0, tolerance);
      EXPECT_NEAR(rows[k].loss / modulus.imag(), 1.0, 100 * tolerance);
      EXPECT_NEAR(rows[k].tan_delta / (modulus.imag() / modulus.real()),
                  1.0,
                  100 * tolerance);
    }
  // An incomplete last cycle gives no row.
  std::vector<unsigned int> cut_segment(segment.begin(), segment.end() - 12);
  std::vector<double>       cut_time(time.begin(), time.end() - 12),
      cut_stress(stress.begin(), stress.end() - 12),
      cut_strain(strain.begin(), strain.end() - 12),
      cut_temperature(temperature.begin(), temperature.end() - 12);
  EXPECT_EQ(cycle_moduli(program,
                         cut_segment,
                         cut_time,
                         cut_stress,
                         cut_strain,
                         cut_temperature,
                         K)
                .size(),
            2u);
}

// The one CSV of the per-cycle moduli (`mgrelax point` and `mgrelax run`).
TEST(CycleModuli, CsvHasTheDmaColumnsAndShortestNumbers)
{
  std::ostringstream out;
  write_cycle_moduli_csv(out, {{2, 5, 10.5, 399.6, 1.0, 3.7e10, 0.1, 1.0 / 3}});
  EXPECT_EQ(out.str(),
            "segment,cycle,time,temperature,frequency,E_storage,E_loss,"
            "tan_delta\n2,5,10.5,399.6,1,3.7e+10,0.1,0.3333333333333333\n");
}

// A DMA sweep (2 K/min) of the La S1 beta family (Arrhenius, E = 0.686 eV)
// at 1 Hz and 0.1 Hz: the loss peak temperatures obey
// 1/T2 = 1/T1 + (k/E) ln(f1/f2) ([Zhang2023-beta] Eq. 13) within 1 K.
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
