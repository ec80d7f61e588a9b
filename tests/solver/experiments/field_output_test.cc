// The ParaView output of a small mandrel run, read back from its XML: the
// .pvd times are unique and increasing and include every phase end although
// `vtu interval` skips them; the cell averages are CellData, with the stress
// and inelastic strains as 6-component tensors (XX YY ZZ XY YZ XZ) that
// agree with the scalar fields written beside them; the field data carry
// the simulated time, step and segment.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "../../material/test_laws.h"
#include "experiment_cases.h"
#include "material/kelvin_law.h"

using namespace mgrelax;

namespace
{
  std::string
  read_text(const std::filesystem::path &path)
  {
    std::ifstream     in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  // The value of attribute `name` in the element that starts at `at`.
  std::string
  attribute(const std::string &xml, std::size_t at, const std::string &name)
  {
    const std::size_t end = xml.find('>', at);
    const std::size_t key = xml.find(" " + name + "=\"", at);
    if (key == std::string::npos || key > end)
      return "";
    const std::size_t from = key + name.size() + 3;
    return xml.substr(from, xml.find('"', from) - from);
  }

  // (time, file) of each <DataSet> of a .pvd.
  std::vector<std::pair<double, std::string>>
  pvd_entries(const std::string &xml)
  {
    std::vector<std::pair<double, std::string>> entries;
    for (std::size_t at = xml.find("<DataSet"); at != std::string::npos;
         at             = xml.find("<DataSet", at + 1))
      entries.emplace_back(std::stod(attribute(xml, at, "timestep")),
                           attribute(xml, at, "file"));
    return entries;
  }

  // The ASCII DataArrays inside the section <tag>...</tag> by name.
  struct Array
  {
    unsigned int        n_components = 1;
    std::vector<double> values;
  };
  std::map<std::string, Array>
  ascii_arrays(const std::string &xml, const std::string &tag)
  {
    std::map<std::string, Array> arrays;
    const std::size_t            begin = xml.find("<" + tag + ">");
    const std::size_t            end   = xml.find("</" + tag + ">");
    if (begin == std::string::npos || end == std::string::npos)
      return arrays;
    for (std::size_t at = xml.find("<DataArray", begin); at < end;
         at             = xml.find("<DataArray", at + 1))
      {
                    Array            &a     = arrays[attribute(xml, at, "Name")];
                    const std::string n     = attribute(xml, at, "NumberOfComponents");
                    a.n_components          = n.empty() ? 1 : std::stoi(n);
                    const std::size_t  from = xml.find('>', at) + 1;
                    std::istringstream values(
            xml.substr(from, xml.find("</DataArray>", from) - from));
                    for (double v; values >> v;)
          a.values.push_back(v);
      }
    return arrays;
  }

  // The names of the DataArrays inside <tag>...</tag> (any format).
  std::vector<std::string>
  array_names(const std::string &xml, const std::string &tag)
  {
    std::vector<std::string> names;
    for (const auto &[name, array] : ascii_arrays(xml, tag))
      names.push_back(name);
    return names;
  }

  // A small mandrel: 8 wrap steps with `vtu interval` 10, a 10 s hold and
  // a 10 s recovery in log-spaced steps.
  MandrelCase
  small_mandrel(const std::filesystem::path &dir)
  {
    MandrelCase p;
    p.geometry.length        = 4e-3;
    p.geometry.width         = 0.4e-3;
    p.geometry.thickness     = 20e-6;
    p.geometry.cells         = {{4, 1, 2}};
    p.radius                 = 3e-3;
    p.solver.large_rotations = true;
    p.wrap_steps             = 8;
    p.hold_time              = 10.0;
    p.recovery_time          = 10.0;
    p.first_step             = 1.0;
    p.steps_per_decade       = 2;
    p.output_directory       = dir.string();
    p.name                   = "ribbon";
    p.vtu_interval           = 10;
    return p;
  }

  class MandrelFields : public ::testing::Test
  {
  protected:
    static void
    SetUpTestSuite()
    {
      std::filesystem::remove_all(dir());
      std::filesystem::create_directories(dir());
      const material::GeneralizedKelvinLaw law(
          mgrelax::testing::one_family_solid({3.0}, {1.0}, 0.5));
      result() =
          run_mandrel<3>(small_mandrel(dir()), law, MPI_COMM_SELF, nullptr);
    }
    static std::filesystem::path
    dir()
    {
      return std::filesystem::temp_directory_path() / "mgrelax_tests" /
             "mandrel_fields";
    }
    static RunResult &
    result()
    {
      static RunResult r;
      return r;
    }
  };
} // namespace

TEST_F(MandrelFields, PvdTimesAreUniqueIncreasingAndHitEveryPhaseEnd)
{
  ASSERT_TRUE(result().error.empty()) << result().error;
  const auto entries = pvd_entries(read_text(dir() / "ribbon.pvd"));
  ASSERT_GE(entries.size(), 4u);
  for (std::size_t i = 1; i < entries.size(); ++i)
    EXPECT_GT(entries[i].first, entries[i - 1].first) << entries[i].second;
  const auto has_time = [&](const double t) {
    for (const auto &e : entries)
      if (std::abs(e.first - t) <= 1e-12 * t)
        return true;
    return false;
  };
  // The start, the end of the wrap (step 8 < interval 10), the end of the
  // hold (= the release, 0 s long) and the end of the recovery.
  EXPECT_EQ(entries.front().first, 0.0);
  EXPECT_TRUE(has_time(1.0));
  EXPECT_TRUE(has_time(11.0));
  EXPECT_NEAR(entries.back().first, 21.0, 1e-12 * 21.0);
  // Every file the .pvd lists exists and no other record is left behind.
  unsigned int n_records = 0;
  for (const auto &f : std::filesystem::directory_iterator(dir()))
    n_records += f.path().extension() == ".pvtu";
  EXPECT_EQ(n_records, entries.size());
  for (const auto &e : entries)
    EXPECT_TRUE(std::filesystem::exists(dir() / e.second)) << e.second;
}

// The frame at the release time is the released ribbon (segment 2 =
// wrap, hold, release), and each frame's field data repeat its .pvd time.
TEST_F(MandrelFields, FieldDataCarryTimeStepAndSegment)
{
  for (const auto &[time, file] : pvd_entries(read_text(dir() / "ribbon.pvd")))
    {
      const std::string pvtu = read_text(dir() / file);
      const std::size_t at   = pvtu.find("<Piece Source=\"");
      ASSERT_NE(at, std::string::npos);
      const std::string vtu = read_text(dir() / attribute(pvtu, at, "Source"));
      auto              field = ascii_arrays(vtu, "FieldData");
      ASSERT_EQ(field["TimeValue"].values.size(), 1u) << file;
      EXPECT_EQ(field["TimeValue"].values[0], time) << file;
      ASSERT_EQ(field["segment"].values.size(), 1u);
      ASSERT_EQ(field["step"].values.size(), 1u);
      if (std::abs(time - 11.0) < 1e-9)
        {
          EXPECT_EQ(field["segment"].values[0], 2.0);
        }
      if (time == 0.0)
        {
          EXPECT_EQ(field["step"].values[0], 0.0);
        }
    }
}

// The held ribbon (end of the hold): cell data, tensors and scalars agree.
TEST_F(MandrelFields, CellAveragesAreCellDataAndTensorsMatchScalars)
{
  const auto        entries = pvd_entries(read_text(dir() / "ribbon.pvd"));
  const std::string pvtu =
      read_text(dir() / entries[entries.size() / 2].second);
  const std::string vtu =
      read_text(dir() / attribute(pvtu, pvtu.find("<Piece Source"), "Source"));
  // displacement at the points; nothing of the cell fields there.
  EXPECT_NE(vtu.find("<PointData"), std::string::npos);
  const std::string point_data =
      vtu.substr(vtu.find("<PointData"),
                 vtu.find("</PointData>") - vtu.find("<PointData"));
  EXPECT_NE(point_data.find("Name=\"displacement\""), std::string::npos);
  EXPECT_EQ(point_data.find("von_Mises"), std::string::npos);
  // The .pvtu declares the cell arrays for ParaView.
  EXPECT_NE(pvtu.find("<PCellData>"), std::string::npos);
  EXPECT_NE(pvtu.find("<PDataArray type=\"Float64\" Name=\"stress\" "
                      "NumberOfComponents=\"6\""),
            std::string::npos);

  auto       cells = ascii_arrays(vtu, "CellData");
  const auto n_vtk =
      std::stoul(attribute(vtu, vtu.find("<Piece"), "NumberOfCells"));
  const Array &sigma = cells["stress"];
  ASSERT_EQ(sigma.n_components, 6u);
  ASSERT_EQ(sigma.values.size(), 6 * n_vtk);
  EXPECT_EQ(cells["eps_an"].n_components, 6u);
  ASSERT_EQ(cells["eps_an"].values.size(), 6 * n_vtk);
  const char *suffix[6] = {"xx", "yy", "zz", "xy", "yz", "xz"};
  double      largest   = 0.0;
  for (std::size_t c = 0; c < n_vtk; ++c)
    {
      const double *s = &sigma.values[6 * c];
      for (unsigned int k = 0; k < 6; ++k)
        {
          EXPECT_EQ(s[k], cells[std::string("sig_") + suffix[k]].values[c]);
          EXPECT_EQ(cells["eps_an"].values[6 * c + k],
                    cells[std::string("eps_an_") + suffix[k]].values[c]);
        }
      // von Mises from the tensor's components.
      const double vm =
          std::sqrt(0.5 * (std::pow(s[0] - s[1], 2) + std::pow(s[1] - s[2], 2) +
                           std::pow(s[2] - s[0], 2)) +
                    3.0 * (s[3] * s[3] + s[4] * s[4] + s[5] * s[5]));
      const double scale = std::abs(s[0]) + std::abs(s[1]) + std::abs(s[2]) +
                           std::abs(s[3]) + std::abs(s[4]) + std::abs(s[5]);
      largest = std::max(largest, vm);
      EXPECT_NEAR(cells["von_Mises"].values[c], vm, 3e-16 * scale);
      // Principal stresses: ordered, their sum the trace, their product
      // the determinant.
      const double p1 = cells["sig_1"].values[c], p2 = cells["sig_2"].values[c],
                   p3 = cells["sig_3"].values[c];
      EXPECT_GE(p1, p2);
      EXPECT_GE(p2, p3);
      EXPECT_NEAR(p1 + p2 + p3, s[0] + s[1] + s[2], 1.5e-15 * scale);
      const double det = s[0] * (s[1] * s[2] - s[4] * s[4]) -
                         s[3] * (s[3] * s[2] - s[4] * s[5]) +
                         s[5] * (s[3] * s[4] - s[1] * s[5]);
      EXPECT_NEAR(p1 * p2 * p3, det, 3e-17 * std::pow(scale, 3));
    }
  // The held ribbon is stressed (bending of 20 um on 3 mm: about 150 MPa).
  EXPECT_GT(largest, 1e7);
  for (const std::string &name : array_names(vtu, "CellData"))
    EXPECT_EQ(cells[name].values.size(), cells[name].n_components * n_vtk)
        << name;
}
