// The shipped inputs against the papers' numbers: each test runs a file of
// inputs/point/ as `mgrelax point` does (its material file, its load
// program) and compares what it writes with the value a paper measured.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/commands.h"

using namespace mgrelax;

namespace
{
  using Columns = std::map<std::string, std::vector<double>>;

  // Reads a CSV with a header row into columns.
  Columns
  read_columns(const std::filesystem::path &file)
  {
    std::ifstream            in(file);
    std::string              line, cell;
    std::vector<std::string> names;
    std::getline(in, line);
    std::stringstream header(line);
    while (std::getline(header, cell, ','))
      names.push_back(cell);
    Columns columns;
    while (std::getline(in, line))
      {
        std::stringstream row(line);
        for (const std::string &name : names)
          {
            std::getline(row, cell, ',');
            columns[name].push_back(std::stod(cell));
          }
      }
    return columns;
  }

  // Runs inputs/point/NAME.prm with its output in a temporary directory
  // and `extra` appended to the file; returns the columns of NAME.csv.
  Columns
  run_point_input(const std::string &name, const std::string &extra = "")
  {
    const std::filesystem::path dir =
        std::filesystem::temp_directory_path() / "mgrelax_tests" / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ifstream     in(MGRELAX_SOURCE_DIR "/inputs/point/" + name + ".prm");
    std::stringstream text;
    text << in.rdbuf();
    std::string       prm      = text.str();
    const std::string relative = "= ../materials/";
    prm.replace(prm.find(relative),
                relative.size(),
                "= " MGRELAX_SOURCE_DIR "/inputs/materials/");
    std::ofstream(dir / (name + ".prm"))
        << prm << extra
        << "\nsubsection Output\n  set directory = " << dir.string()
        << "\nend\n";
    EXPECT_EQ(point_command({(dir / (name + ".prm")).string()}), 0);
    return read_columns(dir / (name + ".csv"));
  }

  // The value of `column` in the last row at or before time t.
  double
  at_time(const Columns &c, const std::string &column, const double t)
  {
    const std::vector<double> &time = c.at("time");
    std::size_t                i    = 0;
    while (i + 1 < time.size() && time[i + 1] <= t * (1.0 + 1e-12))
      ++i;
    return c.at(column)[i];
  }
} // namespace

// [Zhang2023-cycling] Sec. 3 (Fig. 5c): as cast E_beta = 0.92 eV, 0.73 eV
// after 8 h of 0-200 MPa cycling at 50 MPa/min and 365 K, 0.82 eV after 8 h
// of recovery.  The coefficient is set from the drop; the recovered value
// follows from the model (the work on the irreversible strain is kept, the
// stored anelastic energy is given back).  Measured: 0.7307 and 0.8270 eV.
TEST(PaperNumbers, CyclingEbetaPathOfZhang2023Cycling)
{
  const Columns c            = run_point_input("cycling_seed003");
  const double  end_cycling  = 120.0 + 28800.0 + 120.0;
  const double  end_recovery = end_cycling + 28800.0;
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
}

// README, 'Mandrel': the La S1 ribbon on the mandrel at room temperature
// recovers fully, over hours: 20% of the anelastic strain at release is left
// after 10 min, 6% after 1 h, 0.2% after 11 h (inputs/mandrel_La.prm, 2D;
// measured 0.204, 0.057, 0.0021).
// Log-linear interpolation between the recovery records.
TEST(ReadmeNumbers, LaRibbonRecoversOverHours)
{
  const RunResult run = simulate_input(
      MGRELAX_SOURCE_DIR "/inputs/mandrel_La.prm", MPI_COMM_WORLD, nullptr);
  ASSERT_TRUE(run.error.empty()) << run.error;
  std::vector<double> t, a;
  for (std::size_t r = 0; r < run.records.size(); ++r)
    if (run.records.text(r, "phase") == "recovery")
      {
        t.push_back(run.records.at(r, "recovery_time"));
        a.push_back(run.records.at(r, "normalized_anelastic"));
      }
  ASSERT_GT(t.size(), 10u);
  const auto left = [&](const double time) {
    std::size_t i = 1;
    while (i + 1 < t.size() && t[i] < time)
      ++i;
    const double x = std::log(time / t[i - 1]) / std::log(t[i] / t[i - 1]);
    return std::exp((1.0 - x) * std::log(a[i - 1]) + x * std::log(a[i])) /
           a.front();
  };
  EXPECT_NEAR(left(600.0), 0.20, 0.015);
  EXPECT_NEAR(left(3600.0), 0.06, 0.005);
  EXPECT_NEAR(left(39600.0), 0.002, 0.0003);
  EXPECT_LT(a.back() / a.front(), 1e-9);
}
