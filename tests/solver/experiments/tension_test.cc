// The tension experiment, run through the registry from a .prm as the
// command line reads it: a uniform strip between frictionless grips is in
// uniaxial stress, so its strain history equals the material-point
// driver's under the same stress program ([Zhang2023-beta] Fig. 6 creep and
// recovery, 403 K, 25 MPa), to the solver's tolerances; and entries the
// experiment does not declare are refused with the file and line.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "app/commands.h"
#include "material/point_driver.h"
#include "solver/material_input.h"

using namespace mgrelax;

namespace
{
  const std::string material_file =
      MGRELAX_SOURCE_DIR "/inputs/materials/La30Ce30Ni10Al20Co10_S1.prm";

  // A tension input file in the temporary directory.
  std::string
  tension_file(const std::string &name, const std::string &extra)
  {
    const std::string file =
        (std::filesystem::temp_directory_path() / name).string();
    std::ofstream(file)
        << "set experiment = tension\n"
           "set material file = "
        << material_file
        << "\nset initial temperature = 403\n"
           "subsection Geometry\n"
           "  set length = 4e-3\n  set width = 0.5e-3\n"
           "  set thickness = 30e-6\n"
           "  set cells along length = 4\n  set cells across width = 2\n"
           "  set cells through thickness = 1\n"
           "end\n"
           "subsection Load program\n"
           "  set segments = jump to=0.375; hold duration=1e4 dt0=1e-2; "
           "jump to=0; hold duration=1e5 dt0=1e-2\n"
           "end\n"
           "subsection Output\n  set vtu interval = 0\nend\n"
        << extra;
    return file;
  }
} // namespace

TEST(Tension, UniformStripFollowsThePointDriver)
{
  // 25 MPa on a 0.5 mm x 30 um section is 0.375 N.
  const RunResult fe = simulate_input(
      tension_file("mgrelax_tension.prm", ""), MPI_COMM_WORLD, nullptr);
  ASSERT_TRUE(fe.error.empty()) << fe.error;

  const auto            law = read_material(material_file);
  material::PointDriver driver(
      *law, material::PointControl::uniaxial_stress, 403.0);
  std::vector<double> time, strain, stress;
  driver.run(material::parse_load_program(
                 "jump to=25e6; hold duration=1e4 dt0=1e-2; jump to=0; "
                 "hold duration=1e5 dt0=1e-2",
                 1),
             [&](const material::PointRecord &r) {
               time.push_back(r.time);
               strain.push_back(r.strain[0]);
               stress.push_back(r.stress[0]);
             });
  ASSERT_EQ(fe.records.size(), time.size());
  double peak = 0.0;
  for (const double e : strain)
    peak = std::max(peak, std::abs(e));
  ASSERT_GT(peak, 0.0);
  double worst = 0.0, worst_stress = 0.0;
  for (std::size_t r = 0; r < time.size(); ++r)
    {
      ASSERT_NEAR(fe.records.at(r, "time"), time[r], 1e-9 * (1.0 + time[r]));
      worst = std::max(worst,
                       std::abs(fe.records.at(r, "strain") - strain[r]) / peak);
      worst_stress =
          std::max(worst_stress,
                   std::abs(fe.records.at(r, "stress") - stress[r]) / 25e6);
    }
  std::cout << "  tension vs point driver: strain " << worst
            << " of the peak, stress " << worst_stress << " of 25 MPa over "
            << time.size() << " records\n";
  EXPECT_LT(worst, 1e-6);
  EXPECT_LT(worst_stress, 1e-6);
  // Creep happened: the strain grew beyond the elastic one, and part of it
  // recovered.
  EXPECT_GT(fe.result("anelastic_strain_at_peak"), 0.05 * peak);
  EXPECT_LT(std::abs(fe.result("final_strain")), 0.5 * peak);
}

TEST(Tension, EntriesOfOtherExperimentsAreRefused)
{
  // The mandrel's section and the bending load patch mean nothing here.
  for (const std::string extra :
       {"subsection Mandrel\n  set radius = 3e-3\nend\n",
        "subsection Geometry\n  set load patch cells = 1\nend\n"})
    {
      const std::string file = tension_file("mgrelax_tension_bad.prm", extra);
      try
        {
          simulate_input(file, MPI_COMM_WORLD, nullptr);
          ADD_FAILURE() << "accepted: " << extra;
        }
      catch (const std::exception &e)
        {
          const std::string message = e.what();
          EXPECT_NE(message.find("mgrelax_tension_bad.prm"), std::string::npos)
              << message;
          EXPECT_NE(message.find("Line <"), std::string::npos) << message;
        }
    }
  // A plane-strain section is not in uniaxial stress.
  const std::string file =
      tension_file("mgrelax_tension_2d.prm", "set dimension = 2\n");
  EXPECT_THROW(simulate_input(file, MPI_COMM_WORLD, nullptr),
               std::invalid_argument);
}
