// Material parameter files: the committed sets load and carry the papers'
// numbers; bad files are refused with messages naming the file and entry;
// the point command leaves no half-written output behind on error.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/commands.h"
#include "material/kelvin_law.h"
#include "solver/material_input.h"
#include "solver/parameter_file_scan.h"

using namespace mgrelax;

namespace
{
  const std::string materials = MGRELAX_SOURCE_DIR "/inputs/materials/";

  // Writes `text` to a file in a fresh temporary directory.
  std::string
  write_file(const std::string &name, const std::string &text)
  {
    const auto dir = std::filesystem::temp_directory_path() / "mgrelax_tests";
    std::filesystem::create_directories(dir);
    const std::string path = (dir / name).string();
    std::ofstream(path) << text;
    return path;
  }

  std::string
  error_of(const std::string &file)
  {
    try
      {
        read_material(file);
      }
    catch (const std::exception &e)
      {
        return e.what();
      }
    return "(accepted)";
  }

  const std::string good_family =
      "subsection Material\n  set law = generalized Kelvin\n"
      "  set families = beta\n"
      "end\n"
      "subsection Family beta\n"
      "  set compliance increment = 1e-12\n"
      "  set B = 0.5\n"
      "end\n";
} // namespace

TEST(MaterialFiles, EveryCommittedSetLoads)
{
  unsigned int n = 0;
  for (const auto &entry : std::filesystem::directory_iterator(materials))
    if (entry.path().extension() == ".prm")
      {
        EXPECT_NO_THROW(read_material(entry.path().string())) << entry.path();
        ++n;
      }
  EXPECT_GE(n, 5u);
}

// [Zhang2023-beta] Table 1's B of the three families and tau_bar of the
// anelastic and viscoplastic ones at 403 K; the beta family's E_beta with a
// secondary fragility m_beta = E_beta/(k Tg ln 10) inside Fig. 5c's 8-14
// (Tg = 438 K) and its time from the DMA peak (tested in PaperNumbers).
TEST(MaterialFiles, LaS1CarriesSeed000Table1AndItsBetaFragility)
{
  const auto  law = read_material(materials + "La30Ce30Ni10Al20Co10_S1.prm");
  const auto &kelvin =
      dynamic_cast<const material::GeneralizedKelvinLaw &>(*law);
  const double expected_tau[3] = {0.0182, 2.34e7, 2.19e8};
  const double expected_B[3]   = {0.36, 0.46, 0.58};
  for (unsigned int f = 0; f < 3; ++f)
    {
      const auto s = kelvin.spectrum(f, 403.0);
      const auto peak =
          std::max_element(s.weight.begin(), s.weight.end()) - s.weight.begin();
      EXPECT_NEAR(s.tau[peak] / expected_tau[f], 1.0, 1e-12);
      EXPECT_EQ(kelvin.parameters().families[f].gumbel.B, expected_B[f]);
    }
  const double E_beta =
      kelvin.parameters().families[0].temperature.activation_energy_eV;
  const double m_beta = E_beta / (8.617333262e-5 * 438.0 * std::log(10.0));
  EXPECT_GT(m_beta, 8.0);
  EXPECT_LT(m_beta, 14.0);
  EXPECT_EQ(kelvin.parameters().families[2].kind,
            material::KelvinFamily::Kind::viscoplastic);
  EXPECT_GT(kelvin.parameters().dashpot_viscosity, 0.0);
}

// The saturating anelastic term of chi: the as-cast La file's chi_s, and a
// negative one refused naming the file and the entry.
TEST(MaterialFiles, ChiSaturationIsReadAndChecked)
{
  const auto law =
      read_material(materials + "La30Ce30Ni10Al20Co10_as_cast.prm");
  const auto &kelvin =
      dynamic_cast<const material::GeneralizedKelvinLaw &>(*law);
  EXPECT_EQ(kelvin.parameters().state.chi_saturation, 0.0031);
  EXPECT_EQ(kelvin.parameters().state.A_an, 10.0);
  const std::string path = write_file(
      "chi_saturation_bad.prm",
      "subsection Material\n  set law = generalized Kelvin\n  set families = "
      "b\n  subsection State\n"
      "    set chi_g = 0.35\n    set A_an = 1\n    set chi saturation = "
      "-1\n  end\nend\nsubsection Family b\n  set compliance increment = "
      "1e-12\n  set mean time = 1\nend\n");
  const std::string message = error_of(path);
  EXPECT_NE(message.find(path), std::string::npos) << message;
  EXPECT_NE(message.find("Material, State: 'chi saturation' must be >= 0"),
            std::string::npos)
      << message;
}

TEST(MaterialFiles, AlStzSetGivesAtzmonsHierarchy)
{
  const auto  law = read_material(materials + "Al86.8Ni3.7Y9.5_STZ.prm");
  const auto &kelvin =
      dynamic_cast<const material::GeneralizedKelvinLaw &>(*law);
  EXPECT_NEAR(kelvin.shear_modulus(), 19e9, 1e3);
  const auto s = kelvin.spectrum(0, 295.0);
  ASSERT_EQ(s.tau.size(), 8u);
  // One decade per atom from about a second to about 1e7 s ([Atzmon2023] Fig.
  // 3).
  EXPECT_GT(s.tau.front(), 0.5);
  EXPECT_LT(s.tau.front(), 5.0);
  EXPECT_GT(s.tau.back(), 5e6);
  EXPECT_LT(s.tau.back(), 5e7);
  // The mandrel material runs [Atzmon2023] Eq. 1's sinh kinetics (Sec. 5).
  EXPECT_EQ(kelvin.parameters().families[0].kinetics,
            material::KelvinFamily::Kinetics::sinh);
}

TEST(MaterialFiles, NonlinearKineticsEntriesAreReadAndChecked)
{
  const std::string gumbel =
      "subsection Material\n  set law = generalized Kelvin\n  set families = "
      "a\nend\n"
      "subsection Family a\n  set compliance increment = 1e-12\n"
      "  set kinetics = sinh\n";
  EXPECT_EQ(error_of(write_file("sinh_ok.prm",
                                gumbel + "  set activation volume = 1e-28\n"
                                         "end\n")),
            "(accepted)");
  std::string message =
      error_of(write_file("sinh_no_volume.prm", gumbel + "end\n"));
  EXPECT_NE(message.find("Family 'a': 'kinetics = sinh' needs an 'activation "
                         "volume' in (0, 1e-24) m^3"),
            std::string::npos)
      << message;
  message = error_of(
      write_file("barrier_no_energy.prm",
                 "subsection Material\n  set law = generalized Kelvin\n  set "
                 "families = a\nend\n"
                 "subsection Family a\n  set compliance increment = 1e-12\n"
                 "  set barrier stress = 1e9\nend\n"));
  EXPECT_NE(message.find("'barrier stress' needs a 'barrier energy'"),
            std::string::npos)
      << message;
  message = error_of(
      write_file("sinh_vp.prm",
                 "subsection Material\n  set law = generalized Kelvin\n  set "
                 "families = a\nend\n"
                 "subsection Family a\n  set kind = viscoplastic\n"
                 "  set compliance increment = 1e-12\n  set kinetics = sinh\n"
                 "  set activation volume = 1e-28\nend\n"));
  EXPECT_NE(message.find("recoverable families only"), std::string::npos)
      << message;

  // The rejuvenation/aging state: a role without the state it needs, and a
  // value out of range.
  message = error_of(
      write_file("role_no_chi.prm",
                 "subsection Material\n  set law = generalized Kelvin\n  set "
                 "families = a\n"
                 "  subsection State\n    set E_beta = 0.9\n  end\nend\n"
                 "subsection Family a\n  set compliance increment = 1e-12\n"
                 "  set state role = anelastic\nend\n"));
  EXPECT_NE(message.find("Family 'a': 'state role = molecular | anelastic' "
                         "needs 'chi_g' > 0"),
            std::string::npos)
      << message;
  message = error_of(write_file(
      "p_aged.prm",
      "subsection Material\n  set law = generalized Kelvin\n  set families = "
      "a\n"
      "  subsection State\n    set p aged = 1.5\n  end\nend\n"
      "subsection Family a\n  set compliance increment = 1e-12\nend\n"));
  EXPECT_NE(message.find("Material, State: 'p aged' must be in (0, 1]"),
            std::string::npos)
      << message;
}

// The modulus and STZ-aging entries ([Atzmon2023] Secs. 6 and 9) are read
// into the law, and out-of-range values are refused naming the file, the
// entry and its range.
TEST(MaterialFiles, ModulusAndStzAgingEntriesAreReadAndChecked)
{
  const std::string stz  = "subsection Family stz\n  set spectrum = STZ\n"
                           "  set volume fractions = 0.01, 0.01, 0.01, 0.01, "
                           "0.01, 0.01, 0.01, 0.01\nend\n";
  const auto        file = [&](const std::string &material_entries,
                        const std::string &state_entries) {
    return "subsection Material\n  set law = generalized Kelvin\n  set Young's "
                  "modulus = 50e9\n"
                  "  set families = stz\n" +
           material_entries + "  subsection State\n" + state_entries +
           "  end\nend\n" + stz;
  };
  const auto  law = read_material(write_file(
      "modulus_ok.prm",
      file("  set modulus slope = -1e-3\n  set modulus knee temperature = "
            "400\n",
           "    set p size exponent = 3\n    set modulus rise aged = "
            "0.02\n")));
  const auto &kelvin =
      dynamic_cast<const material::GeneralizedKelvinLaw &>(*law);
  EXPECT_DOUBLE_EQ(kelvin.youngs_modulus(350.0), 50e9);
  EXPECT_DOUBLE_EQ(kelvin.youngs_modulus(450.0), 50e9 * (1.0 - 0.05));
  EXPECT_EQ(kelvin.parameters().state.population_size_exponent, 3.0);
  EXPECT_EQ(kelvin.parameters().state.modulus_rise_aged, 0.02);
  EXPECT_TRUE(kelvin.description().has_variable("modulus_rise"));

  const std::vector<std::pair<std::string, std::string>> bad = {
      {file("  set modulus slope = 0.1\n", ""),
       "Material: 'modulus slope' must be in [-0.01, 0.01] 1/K"},
      {file("  set modulus knee temperature = -5\n", ""),
       "Material: 'modulus knee temperature' must be in [0, 1e4) K"},
      {file("", "    set p size exponent = -1\n"),
       "Material, State: 'p size exponent' must be in [0, 20]"},
      {file("", "    set modulus rise aged = 0.7\n"),
       "Material, State: 'modulus rise aged' must be in [0, 0.5]"}};
  for (std::size_t i = 0; i < bad.size(); ++i)
    {
      const std::string path =
          write_file("modulus_bad_" + std::to_string(i) + ".prm", bad[i].first);
      const std::string message = error_of(path);
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_NE(message.find(bad[i].second), std::string::npos) << message;
    }
}

TEST(MaterialFiles, BadFilesAreRefusedNamingFileAndEntry)
{
  // Negative compliance.
  std::string file = write_file(
      "negative.prm",
      "subsection Material\n  set law = generalized Kelvin\n  set families = "
      "beta\nend\n"
      "subsection Family beta\n  set compliance increment = -1e-12\nend\n");
  std::string message = error_of(file);
  EXPECT_NE(message.find(file), std::string::npos) << message;
  EXPECT_NE(message.find("Family 'beta': 'compliance increment' must be >= 0"),
            std::string::npos)
      << message;

  // B outside (0, 1].
  file    = write_file("badB.prm",
                    "subsection Material\n  set law = generalized Kelvin\n  "
                       "set families = beta\nend\n"
                       "subsection Family beta\n  set B = 1.5\nend\n");
  message = error_of(file);
  EXPECT_NE(message.find("'B' must be in (0, 1]"), std::string::npos)
      << message;

  // Empty spectrum.
  file    = write_file("empty.prm",
                    "subsection Material\n  set law = generalized Kelvin\n  "
                       "set families = a\nend\n"
                       "subsection Family a\n  set spectrum = list\nend\n");
  message = error_of(file);
  EXPECT_NE(message.find("Family 'a': the spectrum is empty"),
            std::string::npos)
      << message;

  // A family subsection that is not listed: unknown family.
  file =
      write_file("unknown.prm",
                 good_family + "subsection Family gamma\n  set B = 0.3\nend\n");
  message = error_of(file);
  EXPECT_NE(message.find(file), std::string::npos) << message;
  EXPECT_NE(message.find("Family gamma"), std::string::npos) << message;

  // A listed family without its subsection.
  file    = write_file("missing.prm",
                    "subsection Material\n  set law = generalized Kelvin\n  "
                       "set families = beta, gamma\nend\n"
                       "subsection Family beta\n  set B = 0.3\nend\n");
  message = error_of(file);
  EXPECT_NE(message.find("family 'gamma' is listed"), std::string::npos)
      << message;

  // Unknown entry, with its line number.
  file =
      write_file("typo.prm",
                 good_family + "subsection Material\n  set law = generalized "
                               "Kelvin\n  set Youngs modulus = 1\nend\n");
  message = error_of(file);
  EXPECT_NE(message.find("Youngs modulus"), std::string::npos) << message;
  EXPECT_NE(message.find("Line <"), std::string::npos) << message;

  // Not a number.
  file    = write_file("nan.prm",
                    "subsection Material\n  set law = generalized Kelvin\n  "
                       "set Young's modulus = abc\nend\n");
  message = error_of(file);
  EXPECT_NE(message.find("Young's modulus"), std::string::npos) << message;

  // Unknown law.
  file =
      write_file("law.prm", "subsection Material\n  set law = Maxwell\nend\n");
  message = error_of(file);
  EXPECT_NE(message.find(file), std::string::npos) << message;
  EXPECT_NE(message.find("law"), std::string::npos) << message;
  EXPECT_NE(message.find("Maxwell"), std::string::npos) << message;

  EXPECT_NE(error_of("/nonexistent/x.prm").find("cannot be opened"),
            std::string::npos);
  EXPECT_EQ(error_of(write_file("good.prm", good_family)), "(accepted)");
}

TEST(PointCommand, BadLoadProgramIsRefusedAndLeavesNoFile)
{
  const std::string material = write_file("m.prm", good_family);
  const auto        dir =
      std::filesystem::temp_directory_path() / "mgrelax_tests" / "out_bad";
  std::filesystem::remove_all(dir);
  const std::string input =
      write_file("bad_program.prm",
                 "set material file = m.prm\n"
                 "subsection Load program\n"
                 "  set segments = jump to=1e6; hold duration=-5\n"
                 "end\n"
                 "subsection Output\n  set directory = " +
                     dir.string() + "\nend\n");
  try
    {
      point_command({input});
      FAIL() << "accepted a negative duration";
    }
  catch (const std::exception &e)
    {
      const std::string message = e.what();
      EXPECT_NE(message.find(input), std::string::npos) << message;
      EXPECT_NE(message.find("load segment 2"), std::string::npos) << message;
      EXPECT_NE(message.find("'duration': must be > 0"), std::string::npos)
          << message;
    }
  EXPECT_FALSE(std::filesystem::exists(dir / "bad_program.csv"));
  EXPECT_FALSE(std::filesystem::exists(dir / "bad_program.csv.part"));

  // The same file with a valid program writes a complete CSV.
  const std::string good =
      write_file("good_program.prm",
                 "set material file = m.prm\n"
                 "subsection Load program\n"
                 "  set segments = jump to=1e6; hold duration=10\n"
                 "end\n"
                 "subsection Output\n  set directory = " +
                     dir.string() + "\nend\n");
  EXPECT_EQ(point_command({good}), 0);
  std::ifstream csv(dir / "good_program.csv");
  std::string   header;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("time,temperature,eps_xx,eps_yy,eps_zz,eps_xy,eps_yz,"
                         "eps_xz,sig_xx,sig_yy,sig_zz,sig_xy,sig_yz,sig_xz,",
                         0),
            0u)
      << header;
  EXPECT_NE(header.find("eps_an_eq"), std::string::npos);
}

// The point command's cyclic outputs: the new state columns in NAME.csv,
// one row per `row interval` steps within a sine segment (and its last
// step), and NAME_dma.csv with one row per cycle.
TEST(PointCommand, WritesStateColumnsThinnedSinesAndTheDmaTable)
{
  const std::string material = write_file("m_dma.prm", good_family);
  const auto        dir =
      std::filesystem::temp_directory_path() / "mgrelax_tests" / "out_dma";
  std::filesystem::remove_all(dir);
  const std::string input =
      write_file("dma.prm",
                 "set material file = m_dma.prm\n"
                 "subsection Load program\n"
                 "  set control = uniaxial strain\n"
                 "  set segments = sine mean=0 amplitude=1e-4 frequency=1 "
                 "cycles=5 steps=16; hold duration=10\n"
                 "end\n"
                 "subsection Output\n  set directory = " +
                     dir.string() +
                     "\n  set dynamic modulus = true\n"
                     "  set row interval = 4\nend\n");
  EXPECT_EQ(point_command({input}), 0);
  std::ifstream csv(dir / "dma.csv");
  std::string   line;
  std::getline(csv, line);
  for (const char *column : {",eps_an_eq,eps_vp_eq,chi,E_beta_eV,",
                             ",p_population,",
                             ",w_work,w_stored,w_viscoplastic,w_dissipated,"})
    EXPECT_NE(line.find(column), std::string::npos) << line;
  unsigned int rows = 0;
  while (std::getline(csv, line))
    ++rows;
  // Initial row, 80 sine steps / 4, then the hold's 20 steps per decade
  // from 1e-5 of 10 s (about 100 steps).
  EXPECT_GT(rows, 1u + 20u + 90u);
  EXPECT_LT(rows, 1u + 20u + 130u);
  std::ifstream dma(dir / "dma_dma.csv");
  std::getline(dma, line);
  EXPECT_EQ(
      line,
      "segment,cycle,time,temperature,frequency,E_storage,E_loss,tan_delta");
  unsigned int cycles = 0;
  while (std::getline(dma, line))
    ++cycles;
  EXPECT_EQ(cycles, 5u);
}

// A file that includes itself, by absolute path or through another file,
// is refused naming the chain of files (deal.II alone recurses until the
// stack overflows).
TEST(MaterialFiles, IncludeCycleIsRefusedNamingTheChain)
{
  const auto dir = std::filesystem::temp_directory_path() / "mgrelax_tests";
  const std::string self = (dir / "include_self.prm").string();
  write_file("include_self.prm", good_family + "include " + self + "\n");
  std::string message = error_of(self);
  EXPECT_NE(message.find("material file '" + self + "'"), std::string::npos)
      << message;
  EXPECT_NE(message.find("includes itself (include chain: '" + self + "' -> '" +
                         self + "')"),
            std::string::npos)
      << message;

  const std::string first  = (dir / "include_first.prm").string();
  const std::string second = (dir / "include_second.prm").string();
  write_file("include_first.prm", good_family + "include " + second + "\n");
  write_file("include_second.prm", "include " + first + "\n");
  message = error_of(first);
  EXPECT_NE(
      message.find("'" + first + "' -> '" + second + "' -> '" + first + "'"),
      std::string::npos)
      << message;
  // An include without a cycle still reads.
  write_file("include_once.prm", "include " + second + "\n");
  write_file("include_second.prm", good_family);
  EXPECT_EQ(error_of((dir / "include_once.prm").string()), "(accepted)");
}

// An entry or subsection given twice is reported with the file, both lines
// and the entry's path; the last value is used, as deal.II does.
TEST(MaterialFiles, RepeatedEntriesAreReportedWithFileAndLines)
{
  const std::string file =
      write_file("repeated.prm",
                 "subsection Material\n  set Young's modulus = 50e9\n"
                 "  set Young's modulus = 60e9 # again\nend\n" +
                     good_family);
  const ParameterFileScan scan = scan_parameter_file(file);
  ASSERT_EQ(scan.repeats.size(), 2u);
  EXPECT_EQ(scan.repeats[0],
            file +
                ":3: entry 'Material/Young's modulus' is given again "
                "(first at " +
                file + ":2); the last value is used");
  EXPECT_EQ(scan.repeats[1],
            file + ":5: subsection 'Material' is given again (first at " +
                file + ":1); their entries are merged");
  EXPECT_EQ(scan.entries.count("Family beta/B"), 1u);

  ::testing::internal::CaptureStderr();
  const auto  law = read_material(file);
  const auto &kelvin =
      dynamic_cast<const material::GeneralizedKelvinLaw &>(*law);
  const std::string warnings = ::testing::internal::GetCapturedStderr();
  EXPECT_DOUBLE_EQ(kelvin.youngs_modulus(300.0), 60e9);
  EXPECT_NE(warnings.find("mgrelax: warning: " + scan.repeats[0]),
            std::string::npos)
      << warnings;
}

// A material file must say what it describes: an empty one (which deal.II
// alone fills with the defaults, E = 70 GPa and no families) is refused
// naming the missing entries; a law with families needs `families`, the
// elastic law does not.
TEST(MaterialFiles, FileMustStateItsLaw)
{
  std::string file    = write_file("empty.prm", "");
  std::string message = error_of(file);
  EXPECT_NE(message.find("material file '" + file +
                         "': the file must state its law: missing "
                         "'Material/law' (generalized Kelvin|elastic), "
                         "'Material/families' (needed by law 'generalized "
                         "Kelvin')"),
            std::string::npos)
      << message;
  file    = write_file("no_families.prm",
                    "subsection Material\n  set law = generalized Kelvin\n"
                       "end\n");
  message = error_of(file);
  EXPECT_NE(message.find("missing 'Material/families'"), std::string::npos)
      << message;
  EXPECT_EQ(message.find("'Material/law'"), std::string::npos) << message;
  EXPECT_EQ(error_of(write_file("elastic.prm",
                                "subsection Material\n  set law = elastic\n"
                                "end\n")),
            "(accepted)");
}
