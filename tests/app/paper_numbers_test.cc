// The shipped inputs against the papers' numbers: each test runs a file of
// inputs/point/ as `mgrelax point` does (its material file, its load
// program) and compares what it writes with the value a paper measured.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "app/commands.h"
#include "shipped_inputs.h"

using namespace mgrelax;

namespace
{
  using Rows = std::vector<std::map<std::string, double>>;

  // Runs inputs/point/NAME.prm with its output in a temporary directory;
  // returns the rows of NAME.csv.
  Rows
  run_point_input(const std::string &name)
  {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / "mgrelax_tests" / name;
    std::filesystem::remove_all(dir);
    const std::string file = mgrelax::testing::shipped_input_copy(
        "point/" + name + ".prm",
        "subsection Output\n  set directory = " + dir.string() +
            "\n  set name = " + name + "\nend\n");
    EXPECT_EQ(point_command({file}), 0);
    return mgrelax::testing::read_csv_rows(dir / (name + ".csv"));
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
