// The grid the Catalyst adaptor hands to ParaView (solver/catalyst/): the
// deal.II -> VTK conversion of the cells and of the displacement, on 1 and
// 2 ranks.  The reference is a displacement field the elements represent
// exactly (a quadratic for degree 2, a trilinear one for degree 1): VTK's
// own interpolation of the cell (vtkCell::EvaluateLocation) at points
// inside each cell must give the field at the position VTK's geometry
// puts there, which fails for any misplaced node, and the cells must have
// positive volumes.  Then a small mandrel run with the shipped extract
// pipeline: its .pvtu hold the run's own cells and fields (the same
// counts, points and ranges as the run's field output at the same step).
#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>
#include <vtkCell.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkPointData.h>
#include <vtkSmartPointer.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLPUnstructuredGridReader.h>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

#include "../solver/solver_probe.h"
#include "app/commands.h"
#include "material/elastic_law.h"
#include "solver/catalyst/catalyst_adaptor.h"
#include "solver/ribbon_geometry.h"

using namespace mgrelax;

namespace
{
  // A field that FE_Q(degree) represents exactly: trilinear terms, plus
  // squares for degree 2.
  template <int dim> class Exact : public dealii::Function<dim>
  {
  public:
    explicit Exact(const unsigned int degree)
        : dealii::Function<dim>(dim)
        , square_(degree >= 2 ? 1.0 : 0.0)
    {}
    double
    value(const dealii::Point<dim> &X, const unsigned int c) const override
    {
      std::array<double, 3> x = {{X[0] / 1e-3, X[1] / 1e-3, 0.0}};
      if (dim == 3)
        x[2] = X[2] / 1e-3;
      const double v[3] = {
          0.3 * x[0] * x[1] - 0.2 * x[2] + square_ * 0.4 * x[0] * x[0],
          0.1 * x[0] * x[2] + 0.02 * x[1] - square_ * 0.3 * x[1] * x[1],
          0.05 * x[0] * x[1] * x[2] + square_ * 0.2 * x[2] * x[2]};
      return 1e-6 * v[c];
    }

  private:
    double square_;
  };

  // Largest error of VTK's interpolation of the displacement against the
  // exact field over a few parametric points of every cell, relative to
  // the field's scale; the smallest Jacobian determinant of the cells'
  // parametric map (finite differences at the centre) is returned in
  // min_jacobian.
  template <int dim>
  double
  interpolation_error(vtkUnstructuredGrid *grid,
                      const Exact<dim>    &exact,
                      double              &min_jacobian)
  {
    vtkDataArray *u     = grid->GetPointData()->GetArray("displacement");
    double        error = 0.0;
    min_jacobian        = 1e300;
    std::vector<double> weights(grid->GetMaxCellSize());
    const auto          at = [&](vtkCell *cell, std::array<double, 3> r) {
      int                   sub = 0;
      std::array<double, 3> x;
      cell->EvaluateLocation(sub, r.data(), x.data(), weights.data());
      return x;
    };
    for (vtkIdType c = 0; c < grid->GetNumberOfCells(); ++c)
      {
        vtkCell *cell = grid->GetCell(c);
        using P       = std::array<double, 3>;
        for (const P r :
             {P{{0.2, 0.7, 0.4}}, P{{0.9, 0.1, 0.6}}, P{{0.5, 0.5, 0.5}}})
          {
            std::array<double, 3> q = r;
            if (dim == 2)
              q[2] = 0.0;
            const auto         x = at(cell, q);
            dealii::Point<dim> X;
            for (unsigned int d = 0; d < dim; ++d)
              X[d] = x[d];
            for (unsigned int k = 0; k < dim; ++k)
              {
                double value = 0.0;
                for (vtkIdType n = 0; n < cell->GetNumberOfPoints(); ++n)
                  value += weights[n] * u->GetComponent(cell->GetPointId(n), k);
                error =
                    std::max(error, std::abs(value - exact.value(X, k)) / 1e-6);
              }
          }
        // The parametric map's Jacobian at the centre.
        const double          h = 1e-3;
        std::array<double, 9> J{};
        for (unsigned int j = 0; j < dim; ++j)
          {
            std::array<double, 3> a{{0.5, 0.5, dim == 3 ? 0.5 : 0.0}}, b = a;
            a[j] += h;
            b[j] -= h;
            const auto xa = at(cell, a), xb = at(cell, b);
            for (unsigned int i = 0; i < 3; ++i)
              J[3 * i + j] = (xa[i] - xb[i]) / (2 * h);
          }
        const double det = dim == 3 ? J[0] * (J[4] * J[8] - J[5] * J[7]) -
                                          J[1] * (J[3] * J[8] - J[5] * J[6]) +
                                          J[2] * (J[3] * J[7] - J[4] * J[6])
                                    : J[0] * J[4] - J[1] * J[3];
        min_jacobian     = std::min(min_jacobian, det);
      }
    return error;
  }

  template <int dim>
  void
  check_conversion(const unsigned int degree)
  {
    const material::IsotropicElasticLaw law(50e9, 0.3);
    SolverSettings                      settings;
    settings.degree = degree;
    QuasiStaticSolver<dim> solver(MPI_COMM_WORLD, law, settings, 295.0);
    RibbonGeometry         g;
    g.length    = 2e-3;
    g.width     = 0.5e-3;
    g.thickness = 0.2e-3;
    g.cells     = {{4, 2, 2}};
    make_ribbon(solver.triangulation(), g);
    solver.setup();
    const Exact<dim> exact(degree);
    SolverProbe<dim>(solver).set_displacement(exact);

    vtkSmartPointer<vtkUnstructuredGrid> grid;
    grid.TakeReference(catalyst_grid(solver));
    ASSERT_NE(grid, nullptr);
    EXPECT_EQ(dealii::Utilities::MPI::sum(
                  static_cast<unsigned long>(grid->GetNumberOfCells()),
                  MPI_COMM_WORLD),
              solver.triangulation().n_global_active_cells());
    double       min_jacobian = 0.0;
    const double error = interpolation_error(grid.Get(), exact, min_jacobian);
    // Round-off: measured up to 8.5e-16 of the field's scale.
    EXPECT_LT(error, 5e-15) << "degree " << degree;
    EXPECT_GT(min_jacobian, 0.0) << "degree " << degree;
    // The parametric map [0,1]^dim -> an axis-aligned cell has the
    // product of the cell's extents as its Jacobian determinant.
    const double extent =
        g.length / 4 * g.thickness / 2 * (dim == 3 ? g.width / 2 : 1.0);
    // Central differences of an affine map: round-off, measured 2.8e-13.
    EXPECT_NEAR(min_jacobian, extent, 1e-12 * extent);
  }
} // namespace

TEST(CatalystGrid, LagrangeCellsInterpolateTheDisplacementAsDealIIDoes)
{
  check_conversion<3>(2);
  check_conversion<3>(1);
  check_conversion<2>(2);
  check_conversion<2>(1);
}

namespace
{
  vtkSmartPointer<vtkUnstructuredGrid>
  read_pvtu(const std::filesystem::path &file)
  {
    vtkNew<vtkXMLPUnstructuredGridReader> reader;
    reader->SetFileName(file.c_str());
    reader->Update();
    vtkSmartPointer<vtkUnstructuredGrid> grid = reader->GetOutput();
    return grid;
  }

  // The last file of a .pvd.
  std::string
  last_frame(const std::filesystem::path &pvd)
  {
    std::ifstream in(pvd);
    std::string   line, file;
    while (std::getline(in, line))
      if (const auto at = line.find("file=\""); at != std::string::npos)
        file = line.substr(at + 6, line.find('"', at + 6) - at - 6);
    return file;
  }

  std::set<std::array<long, 3>>
  rounded_points(vtkUnstructuredGrid *grid)
  {
    std::set<std::array<long, 3>> points;
    for (vtkIdType p = 0; p < grid->GetNumberOfPoints(); ++p)
      {
        double x[3];
        grid->GetPoint(p, x);
        const std::array<long, 3> key{{std::lround(x[0] / 1e-9),
                                       std::lround(x[1] / 1e-9),
                                       std::lround(x[2] / 1e-9)}};
        points.insert(key);
      }
    return points;
  }
} // namespace

// A small mandrel run (a wrap, a hold, a release, a recovery) with the
// shipped extract pipeline and the run's own field output at every step.
TEST(CatalystExtracts, HoldTheRunsOwnCellsAndFields)
{
  namespace fs        = std::filesystem;
  const MPI_Comm comm = MPI_COMM_WORLD;
  const fs::path dir  = fs::absolute(
      "catalyst_extracts_np" +
      std::to_string(dealii::Utilities::MPI::n_mpi_processes(comm)));
  const fs::path input = dir / "mandrel.prm";
  if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
    {
      fs::remove_all(dir);
      fs::create_directories(dir);
      std::ofstream prm(input);
      prm << "set experiment = mandrel\n"
          << "set material file = " MGRELAX_SOURCE_DIR
             "/inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm\n"
          << "subsection Geometry\n set length = 6e-3\n set width = 1.2e-3\n"
          << " set thickness = 20e-6\n set cells along length = 6\n"
          << " set cells across width = 2\n set cells through thickness = 2\n"
          << "end\nsubsection Mandrel\n set radius = 3.3e-3\n"
          << " set wrap steps = 2\n set constraining time = 10\n"
          << " set recovery time = 10\n set steps per decade = 2\nend\n"
          << "subsection Output\n set vtu interval = 1\n"
          << " set directory = " << (dir / "output").string() << "\nend\n"
          << "subsection Catalyst\n set scripts = extracts\nend\n";
    }
  MPI_Barrier(comm);
  // As `mgrelax run` runs it (its own field output included).
  ASSERT_EQ(run_command({input.string()}), 0);
  if (dealii::Utilities::MPI::this_mpi_process(comm) != 0)
    return;
  const fs::path out = dir / "output", extracts = out / "catalyst";
  const auto     own = read_pvtu(out / last_frame(out / "mandrel.pvd"));
  const auto ext = read_pvtu(extracts / last_frame(extracts / "ribbon.pvd"));
  ASSERT_GT(own->GetNumberOfCells(), 0);
  ASSERT_GT(ext->GetNumberOfCells(), 0);
  // Degree 2: the run's own output subdivides each cell into 2^3.
  EXPECT_EQ(8 * ext->GetNumberOfCells(), own->GetNumberOfCells());
  EXPECT_EQ(ext->GetNumberOfCells(), 6 * 2 * 2); // the modelled quarter
  EXPECT_EQ(rounded_points(ext), rounded_points(own));
  EXPECT_EQ(ext->GetFieldData()->GetArray("TimeValue")->GetComponent(0, 0),
            own->GetFieldData()->GetArray("TimeValue")->GetComponent(0, 0));
  const auto same_range =
      [](vtkDataArray *a, vtkDataArray *b, int k, double tolerance) {
        double ra[2], rb[2];
        a->GetRange(ra, k);
        b->GetRange(rb, k);
        const double scale =
            std::max(std::abs(rb[0]), std::abs(rb[1])) + 1e-300;
        return std::abs(ra[0] - rb[0]) <= tolerance * scale &&
               std::abs(ra[1] - rb[1]) <= tolerance * scale;
      };
  // deal.II writes the displacement in single precision, the cell data
  // (solver/field_output.cc) and the extracts in double precision.
  for (int k = 0; k < 3; ++k)
    EXPECT_TRUE(same_range(ext->GetPointData()->GetArray("displacement"),
                           own->GetPointData()->GetArray("displacement"),
                           k,
                           2e-7))
        << "displacement component " << k;
  vtkCellData *cells = ext->GetCellData();
  EXPECT_GE(cells->GetNumberOfArrays(), 20);
  for (int a = 0; a < cells->GetNumberOfArrays(); ++a)
    {
      vtkDataArray *mine = cells->GetArray(a);
      vtkDataArray *theirs =
          own->GetCellData()->GetArray(cells->GetArrayName(a));
      ASSERT_NE(theirs, nullptr) << cells->GetArrayName(a);
      for (int k = 0; k < mine->GetNumberOfComponents(); ++k)
        EXPECT_TRUE(same_range(mine, theirs, k, 1e-14))
            << cells->GetArrayName(a) << " component " << k;
    }
  // The colour range of each scalar is the one over all ranks.
  double range[2];
  cells->GetArray("von_Mises")->GetRange(range, 0);
  vtkDataArray *reduced = ext->GetFieldData()->GetArray("range_von_Mises");
  ASSERT_NE(reduced, nullptr);
  EXPECT_EQ(reduced->GetComponent(0, 0), range[0]);
  EXPECT_EQ(reduced->GetComponent(0, 1), range[1]);
}
