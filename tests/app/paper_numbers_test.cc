// The shipped inputs against the papers' numbers: each test runs a file of
// inputs/point/ as `mgrelax point` does (its material file, its load
// program) and compares what it writes with the value a paper measured.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "../material/closed_forms.h"
#include "app/commands.h"
#include "shipped_inputs.h"

using namespace mgrelax;

namespace
{
  using Rows = std::vector<std::map<std::string, double>>;

  // Runs inputs/point/NAME.prm with its output in a temporary directory;
  // returns the rows of NAME<suffix> (".csv", "_dma.csv").
  Rows
  run_point_input(const std::string &name, const std::string &suffix = ".csv")
  {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / "mgrelax_tests" / name;
    std::filesystem::remove_all(dir);
    const std::string file = mgrelax::testing::shipped_input_copy(
        "point/" + name + ".prm",
        "subsection Output\n  set directory = " + dir.string() +
            "\n  set name = " + name + "\nend\n");
    EXPECT_EQ(point_command({file}), 0);
    return mgrelax::testing::read_csv_rows(dir / (name + suffix));
  }

  // Runs `mgrelax point` on an input written here: material file NAME of
  // inputs/materials/ (or an absolute path), initial temperature T0 and the
  // load program `program`; returns the rows of the CSV `suffix` (".csv",
  // "_dma.csv").
  Rows
  run_program(const std::string &name,
              const std::string &material,
              const double       T0,
              const std::string &control,
              const std::string &program,
              const std::string &suffix)
  {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / "mgrelax_tests" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::filesystem::path file = dir / (name + ".prm");
    const std::string           path =
        material.front() == '/'
                      ? material
                      : MGRELAX_SOURCE_DIR "/inputs/materials/" + material;
    std::ofstream(file) << "set material file = " << path
                        << "\nset initial temperature = " << T0
                        << "\nsubsection Load program\n  set control = "
                        << control << "\n  set segments = " << program
                        << "\nend\nsubsection Output\n  set directory = "
                        << dir.string() << "\n  set name = " << name
                        << "\n  set dynamic modulus = true"
                           "\n  set row interval = 1000000000\nend\n";
    EXPECT_EQ(point_command({file.string()}), 0);
    return mgrelax::testing::read_csv_rows(dir / (name + suffix));
  }

  // The temperature of the largest E'' of the rows of a NAME_dma.csv inside
  // (low, high), refined by the parabola through it and its neighbours.
  double
  loss_peak_temperature(const Rows &dma, const double low, const double high)
  {
    std::size_t best = 0;
    for (std::size_t i = 1; i + 1 < dma.size(); ++i)
      if (dma[i].at("temperature") > low && dma[i].at("temperature") < high &&
          (best == 0 || dma[i].at("E_loss") > dma[best].at("E_loss")))
        best = i;
    EXPECT_GT(best, 0u);
    if (best == 0)
      return 0.0;
    const double y0 = dma[best - 1].at("E_loss"), y1 = dma[best].at("E_loss"),
                 y2 = dma[best + 1].at("E_loss");
    const double h =
        dma[best + 1].at("temperature") - dma[best].at("temperature");
    return dma[best].at("temperature") +
           0.5 * h * (y0 - y2) / (y0 - 2.0 * y1 + y2);
  }

  // The value of `column` in the last row at or before time t.
  double
  at_time(const Rows &rows, const std::string &column, const double t)
  {
    std::size_t i = 0;
    while (i + 1 < rows.size() && rows[i + 1].at("time") <= t * (1.0 + 1e-12))
      ++i;
    return rows[i].at(column);
  }

  // [Zhang2023-cycling] Eqs. 4-5 for the same run (NAME_cycles.csv): one row
  // per cycle (60) and one at the end of the unloading and of the recovery.
  // Fig. 3(a): v_total rises with every cycle at a falling rate.  After
  // unloading Eq. 5's parts make up v_total.  The values are those the
  // README quotes (to its digits); the paper's WD = 4.4e-2 kJ/mol is about
  // 6 times larger (README, 'Rejuvenation and aging at a material point').
  // Called by the test below: one run (tests may run in parallel, and a
  // second run would write the same files).
  void
  check_cycling_energies()
  {
    const Rows e = mgrelax::testing::read_csv_rows(
        std::filesystem::temp_directory_path() / "mgrelax_tests" /
        "cycling_seed003" / "cycling_seed003_cycles.csv");
    ASSERT_EQ(e.size(), 62u);
    for (std::size_t i = 0; i < 60; ++i)
      {
        EXPECT_EQ(e[i].at("cycle"), i + 1.0);
        EXPECT_NEAR(e[i].at("time"), 120.0 + 480.0 * (i + 1), 1e-6);
        EXPECT_NEAR(e[i].at("sigma_creep"), 100e6, 1e-3);
        if (i > 0)
          {
            EXPECT_GT(e[i].at("v_total"), e[i - 1].at("v_total"));
          }
        if (i > 1)
          {
            EXPECT_LT(e[i].at("v_total") - e[i - 1].at("v_total"),
                      e[i - 1].at("v_total") - e[i - 2].at("v_total"));
          }
      }
    const auto &cycled = e[59], &recovered = e[61];
    EXPECT_NEAR(cycled.at("v_total"), 4.27e5, 0.005e5);
    EXPECT_NEAR(cycled.at("v_cycling"), 2.24e5, 0.005e5);
    EXPECT_NEAR(cycled.at("eps_creep"), 0.31e-2, 0.005e-2);
    EXPECT_NEAR(cycled.at("v_an"), 4.51e4, 0.005e4);
    EXPECT_NEAR(recovered.at("v_an"), 9.65e3, 0.005e3);
    EXPECT_NEAR(recovered.at("v_vp"), 5.52e3, 0.005e3);
    for (const auto &r : {e[60], e[61]})
      {
        EXPECT_EQ(r.at("cycle"), 0.0);
        EXPECT_NEAR((r.at("v_an") + r.at("v_vp") + r.at("v_diss")) /
                        r.at("v_total"),
                    1.0,
                    1e-15); // round-off: v_el < 1e-16 v_total
      }
  }
} // namespace

// [Zhang2023-cycling] Sec. 3 (Fig. 5c): as cast E_beta = 0.92 eV, 0.73 eV
// after 8 h of 0-200 MPa cycling at 50 MPa/min and 365 K, 0.82 eV after 8 h
// of recovery.  The coefficient is set from the drop; the recovered value
// follows from the model (the work on the irreversible strain is kept, the
// stored anelastic energy is given back).  Measured: 0.7307 and 0.8270 eV.
TEST(PaperNumbers, CyclingEbetaPathOfZhang2023Cycling)
{
  const Rows   c            = run_point_input("cycling_seed003");
  const double end_cycling  = 120.0 + 28800.0 + 120.0;
  const double end_recovery = end_cycling + 28800.0;
  EXPECT_NEAR(at_time(c, "E_beta_eV", 0.0), 0.92, 1e-12);
  EXPECT_NEAR(at_time(c, "E_beta_eV", end_cycling), 0.73, 0.01);
  EXPECT_NEAR(at_time(c, "E_beta_eV", end_recovery), 0.82, 0.03);
  // The stored anelastic energy falls on recovery (to under 10% in 8 h);
  // the work on the irreversible strain stays.
  EXPECT_LT(at_time(c, "w_stored", end_recovery),
            0.1 * at_time(c, "w_stored", end_cycling));
  EXPECT_DOUBLE_EQ(at_time(c, "w_viscoplastic", end_recovery),
                   at_time(c, "w_viscoplastic", end_cycling));
  // 50 MPa/min: the stress at a quarter cycle after the ramp is 200 MPa.
  EXPECT_NEAR(at_time(c, "sig_xx", 120.0 + 120.0), 200e6, 1e-3);
  check_cycling_energies();
}

// [Zhang2023-beta] Fig. 4b: the 1 Hz beta loss peak falls from 368 K (S1,
// trained at 0.01 Hz) to 364 K (S4, 10 Hz); S2 and S3 interpolated
// linearly in log f.  Each sample file, heated at 2 K/min through the
// peak.  Measured: 367.9, 366.6, 365.3, 363.9 K.
TEST(PaperNumbers, DmaBetaPeakTemperaturesOfTheTrainedSamples)
{
  const std::map<std::string, double> paper = {
      {"S1", 368.0}, {"S2", 366.67}, {"S3", 365.33}, {"S4", 364.0}};
  for (const auto &[sample, T_paper] : paper)
    {
      const Rows dma = run_program(
          "dma_" + sample,
          "La30Ce30Ni10Al20Co10_" + sample + ".prm",
          350.0,
          "uniaxial strain",
          "sine mean=0 amplitude=1e-4 frequency=1 cycles=900 steps=24 T=380",
          "_dma.csv");
      const double T_peak = loss_peak_temperature(dma, 352.0, 378.0);
      EXPECT_NEAR(T_peak, T_paper, 0.35) << sample;
      RecordProperty("beta_peak_" + sample, std::to_string(T_peak));
    }
}

// The shipped sweep through the glass transition ([Zhang2023-beta] Fig. 4a):
// the beta peak of S1 at 368 K, the alpha peak inside 440-480 K, and E'
// falling by orders of magnitude above it.  Measured: 367.9 K, 460.1 K,
// E'(500 K)/E'(300 K) = 3.8e-4.
TEST(PaperNumbers, DmaSweepShowsTheBetaAndTheAlphaPeak)
{
  const Rows dma = run_point_input("dma_sweep_S1", "_dma.csv");
  ASSERT_FALSE(dma.empty());
  EXPECT_NEAR(loss_peak_temperature(dma, 340.0, 400.0), 368.0, 0.35);
  const double T_alpha = loss_peak_temperature(dma, 420.0, 495.0);
  EXPECT_GT(T_alpha, 440.0);
  EXPECT_LT(T_alpha, 480.0);
  EXPECT_LT(dma.back().at("E_storage"), 1e-3 * dma.front().at("E_storage"));
}

// [Zhang2023-beta] Sec. 2 and Table 1: the as-cast glass trained by a 0.2%
// strain oscillation at 0.01, 0.1, 1 and 10 Hz while heating from 300 K to
// 383 K at 3 K/min.  chi (Eq. 21 with the saturation of
// La30Ce30Ni10Al20Co10_as_cast.prm) sets tau_an at 403 K through Eqs. 18-20,
// written out here: ln tau_an shifts by x0 (1/chi - 1/chi_g) + ln(chi)/chi -
// ln(chi_g)/chi_g, x0 = E_beta/kT.  Table 1's tau_an of S2-S4 relative to S1:
// 0.252, 0.173, 0.065; measured 0.343, 0.129, 0.054 (within 1.36x).
TEST(PaperNumbers, BetaTrainingGivesTheAnelasticTimesOfTable1)
{
  const double k = 8.617333262e-5, x0 = 0.87 / (k * 403.0), chi_g = 0.35;
  const auto   log_shift = [&](const double chi) {
    return x0 * (1.0 / chi - 1.0 / chi_g) + std::log(chi) / chi -
           std::log(chi_g) / chi_g;
  };
  const std::vector<std::pair<double, double>> table1 = {
      {0.01, 2.34e7}, {0.1, 5.90e6}, {1.0, 4.05e6}, {10.0, 1.53e6}};
  double s1 = 0.0;
  for (const auto &[f, tau_an] : table1)
    {
      const Rows r = run_program(
          "training_" + std::to_string(f),
          "La30Ce30Ni10Al20Co10_as_cast.prm",
          300.0,
          "uniaxial strain",
          "sine mean=0 amplitude=2e-3 frequency=" + std::to_string(f) +
              " cycles=" + std::to_string(std::lround(1660.0 * f)) +
              " steps=24 T=383",
          ".csv");
      const double shift = log_shift(r.back().at("chi"));
      if (f == 0.01)
        s1 = shift;
      const double ratio = std::exp(shift - s1), paper = tau_an / 2.34e7;
      EXPECT_LT(std::abs(std::log(ratio / paper)), std::log(1.5)) << f;
      RecordProperty("tau_an_ratio_" + std::to_string(f),
                     std::to_string(ratio));
    }
  // The as-cast times are those that 0.01 Hz training takes to S1's.
  EXPECT_NEAR(1.62e8 * std::exp(s1), 2.34e7, 0.01 * 2.34e7);
}

// The accumulated anelastic strain of the training converges with the steps
// per cycle at second order (the sine is sampled at the step ends).
// Measured at 1 Hz: 0.4478 (24 steps), 0.4498 (48), 0.4503 (96).
TEST(PaperNumbers, TrainingStrainConvergesWithTheStepsPerCycle)
{
  std::vector<double> gamma;
  for (const int steps : {24, 48, 96})
    gamma.push_back(
        run_program("training_steps_" + std::to_string(steps),
                    "La30Ce30Ni10Al20Co10_as_cast.prm",
                    300.0,
                    "uniaxial strain",
                    "sine mean=0 amplitude=2e-3 frequency=1 cycles=1660 "
                    "steps=" +
                        std::to_string(steps) + " T=383",
                    ".csv")
            .back()
            .at("gamma_an_acc"));
  const double d1 = gamma[1] - gamma[0], d2 = gamma[2] - gamma[1];
  EXPECT_GT(d1, 0.0);
  EXPECT_LT(d2, d1 / 3.0); // order >= log2(3) = 1.6
  EXPECT_LT(std::abs(gamma[2] - gamma[0]) / gamma[2], 0.01);
}

// [Atzmon2023] Sec. 9: aging removes potential STZs, the large ones most,
// and raises the modulus, which slows the large STZs most (dF_n ~ mu n).
// The shipped aging file of the Al glass, aged at once (aging time 1e-3 s)
// against the same file unaged (p aged = 1, no modulus rise): the spectra
// that `mgrelax spectrum` inverts from the two simulated recoveries (after
// 1e11 s at 10 MPa) give, peak by peak, the area ratio p^((n/21)^a)/(1 +
// delta) and the time ratio of Eq. 9 at mu (1 + delta) over Eq. 9 at mu,
// both computed here.  Measured: areas within 0.25%, times within 0.3%;
// the slowest peak (n = 21) loses most, 0.686.
TEST(PaperNumbers, AgingLowersAndSlowsTheLargestStzPeaksMost)
{
  const double p = 0.7, a = 4.0, delta = 0.02;
  const auto   spectrum_of = [](const std::string &name,
                              const std::string &state_entries) {
    const std::string material = mgrelax::testing::shipped_input_copy(
        "materials/Al86.8Ni3.7Y9.5_STZ_aging.prm",
        "subsection Material\n  subsection State\n" + state_entries +
            "  end\nend\n");
    run_program(name,
                material,
                295.0,
                "uniaxial stress",
                "jump to=10e6; hold duration=1e11 dt0=1e-3; jump to=0; hold "
                  "duration=1e11 dt0=1e-3",
                ".csv");
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / "mgrelax_tests" / name;
    EXPECT_EQ(spectrum_command({(dir / (name + ".csv")).string(),
                                "--strain-column",
                                "eps_an_eq",
                                "--from",
                                "1e11",
                                "--time-origin",
                                "1e11",
                                "--no-plot",
                                "--output",
                                (dir / "spectrum").string()}),
              0);
    return mgrelax::testing::read_csv_rows(dir / "spectrum" /
                                           (name + "_peaks.csv"));
  };
  const Rows aged  = spectrum_of("aged", "    set aging time = 1e-3\n");
  const Rows fresh = spectrum_of(
      "fresh", "    set p aged = 1\n    set modulus rise aged = 0\n");
  ASSERT_EQ(aged.size(), 8u);
  ASSERT_EQ(fresh.size(), 8u);
  for (unsigned int m = 0; m < 8; ++m)
    {
      const double n    = 14.0 + m;
      const double area = aged[m].at("area") / fresh[m].at("area");
      const double time =
          aged[m].at("tau_centroid") / fresh[m].at("tau_centroid");
      const double eq9 =
          mgrelax::testing::atzmon_eq9_time(n, 295.0, 19e9 * (1.0 + delta)) /
          mgrelax::testing::atzmon_eq9_time(n, 295.0);
      EXPECT_NEAR(area / (std::pow(p, std::pow(n / 21.0, a)) / (1.0 + delta)),
                  1.0,
                  0.0075)
          << "n = " << n;
      EXPECT_NEAR(time / eq9, 1.0, 0.01) << "n = " << n;
      if (m > 0)
        {
          EXPECT_LT(area, aged[m - 1].at("area") / fresh[m - 1].at("area"));
          EXPECT_GT(time,
                    aged[m - 1].at("tau_centroid") /
                        fresh[m - 1].at("tau_centroid"));
        }
    }
}
