// Total Lagrangian kinematics: objectivity (a rigid rotation of a
// stress-free body gives no stress, where small strain would give a large
// one) and the consistency of the tangent, geometric stiffness included,
// against central differences of the residual, in 2D and 3D.
#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>

#include "material/elastic_law.h"
#include "solver/kinematics.h"
#include "solver/quasi_static.h"
#include "solver/ribbon_geometry.h"
#include "solver_probe.h"

using namespace mgrelax;
using namespace dealii;

namespace
{
  // u(X) = (Q - I) X for a rotation Q by `angle` about the width axis (in
  // the length-thickness plane).
  template <int dim> class Rotation : public Function<dim>
  {
  public:
    explicit Rotation(const double angle)
        : Function<dim>(dim)
        , c_(std::cos(angle))
        , s_(std::sin(angle))
    {}
    double
    value(const Point<dim> &X, const unsigned int component) const override
    {
      const double x = X[0], z = X[dim - 1];
      if (component == 0)
        return c_ * x - s_ * z - x;
      if (component == dim - 1)
        return s_ * x + c_ * z - z;
      return 0.0;
    }

  private:
    double c_, s_;
  };

  // A smooth, large displacement: bending plus stretching plus shear.
  template <int dim> class Smooth : public Function<dim>
  {
  public:
    explicit Smooth(const double scale)
        : Function<dim>(dim)
        , scale_(scale)
    {}
    double
    value(const Point<dim> &X, const unsigned int component) const override
    {
      const double x = X[0] / 1e-3, z = X[dim - 1] / 1e-3;
      const double y    = dim == 3 ? X[1] / 1e-3 : 0.0;
      const double v[3] = {0.3 * x * x - 0.2 * z + 0.05 * y * z,
                           0.1 * x * z + 0.02 * y,
                           0.4 * x * x * x + 0.1 * z * z - 0.03 * x * y};
      return scale_ * 1e-3 * v[component == dim - 1 ? 2 : component];
    }

  private:
    double scale_;
  };

  template <int dim>
  std::unique_ptr<QuasiStaticSolver<dim>>
  make_solver(const material::MaterialLaw &law, const bool large)
  {
    SolverSettings settings;
    settings.large_rotations = large;
    auto solver              = std::make_unique<QuasiStaticSolver<dim>>(
        MPI_COMM_WORLD, law, settings, 295.0);
    RibbonGeometry g;
    g.length    = 2e-3;
    g.width     = 0.5e-3;
    g.thickness = 0.2e-3;
    g.cells     = {{4, 2, 2}};
    make_ribbon(solver->triangulation(), g);
    solver->setup();
    return solver;
  }

  template <int dim>
  void
  check_objectivity()
  {
    const material::IsotropicElasticLaw law(50e9, 0.3);
    const double                        angle = 0.5 * M_PI;
    // 90 degrees: small strain sees a strain of -1 (stresses ~E);
    // total Lagrangian sees none.
    auto large = make_solver<dim>(law, true);
    EXPECT_LT(SolverProbe<dim>(*large).max_stress_for(Rotation<dim>(angle)),
              1e-6 * 50e9);
    auto small = make_solver<dim>(law, false);
    EXPECT_GT(SolverProbe<dim>(*small).max_stress_for(Rotation<dim>(angle)),
              0.5 * 50e9);
  }

  template <int dim>
  void
  check_tangent(const double scale)
  {
    const material::IsotropicElasticLaw law(50e9, 0.3);
    auto                                solver = make_solver<dim>(law, true);
    const double e1 = SolverProbe<dim>(*solver).tangent_error(
        Smooth<dim>(scale), Smooth<dim>(0.7), 1e-4);
    // Measured: 4.2e-8 and 4.2e-9 (the central differences' own error).
    EXPECT_LT(e1, 1.3e-7) << "scale " << scale;
    std::cout << "tangent error " << e1 << "\n";
  }
} // namespace

// u = (a X_x, 0, 0): F = diag(1 + a, 1, 1), E_xx = a + a^2/2, and S = C : E
// with S_xx = (lambda + 2 mu) E_xx, S_yy = S_zz = lambda E_xx (plane strain
// in 2D keeps S_zz too).
template <int dim> class Stretch : public Function<dim>
{
public:
  explicit Stretch(const double a)
      : Function<dim>(dim)
      , a_(a)
  {}
  double
  value(const Point<dim> &X, const unsigned int component) const override
  {
    return component == 0 ? a_ * X[0] : 0.0;
  }

private:
  double a_;
};

template <int dim>
void
check_stretch()
{
  const double                        E = 50e9, nu = 0.3, a = 0.2;
  const material::IsotropicElasticLaw law(E, nu);
  const double lambda = E * nu / ((1 + nu) * (1 - 2 * nu));
  const double mu     = E / (2 * (1 + nu));
  const double Exx    = a + 0.5 * a * a;
  const double S =
      Exx * std::sqrt(std::pow(lambda + 2 * mu, 2) + 2 * lambda * lambda);
  EXPECT_NEAR(SolverProbe<dim>(*make_solver<dim>(law, true))
                  .max_stress_for(Stretch<dim>(a)),
              S,
              1e-12 * S);
  // Small strain sees E_xx = a.
  EXPECT_NEAR(SolverProbe<dim>(*make_solver<dim>(law, false))
                  .max_stress_for(Stretch<dim>(a)),
              S * a / Exx,
              1e-12 * S);
}

TEST(TotalLagrangian, UniformStretchGivesGreenLagrangeStress)
{
  check_stretch<2>();
  check_stretch<3>();
}

TEST(TotalLagrangian, RigidRotationIsStressFree2D)
{
  check_objectivity<2>();
}

TEST(TotalLagrangian, RigidRotationIsStressFree3D)
{
  check_objectivity<3>();
}

TEST(TotalLagrangian, TangentMatchesFiniteDifferences2D)
{
  check_tangent<2>(0.0);
  check_tangent<2>(0.5);
}

TEST(TotalLagrangian, TangentMatchesFiniteDifferences3D)
{
  check_tangent<3>(0.0);
  check_tangent<3>(0.5);
}

// The Mandel bridge (solver/kinematics.h): a symmetric tensor survives the
// trip to Mandel and back, the Mandel vector carries the tensor's norm, and
// the strain-displacement column is the derivative of the Green-Lagrange
// strain (central differences of E = (F^T F - I)/2 along e_c (x) g).
TEST(Kinematics, MandelBridgeAndStrainVariation)
{
  using dealii::Tensor;
  Tensor<2, 3> e;
  const double values[3][3] = {
      {1.0, 0.2, -0.3}, {0.2, 2.0, 0.5}, {-0.3, 0.5, -1.0}};
  for (unsigned int i = 0; i < 3; ++i)
    for (unsigned int j = 0; j < 3; ++j)
      e[i][j] = values[i][j];
  double v[6];
  to_mandel<3>(e, v);
  const Tensor<2, 3> back = from_mandel<3>(v);
  EXPECT_LT((back - e).norm(), 1e-15);
  double norm2 = 0.0;
  for (const double x : v)
    norm2 += x * x;
  EXPECT_NEAR(std::sqrt(norm2), e.norm(), 1e-14);

  Tensor<2, 3> H;
  H[0][1] = 0.3, H[1][0] = -0.2, H[2][2] = 0.1, H[0][2] = 0.05;
  Tensor<1, 3> g;
  g[0] = 0.7, g[1] = -1.1, g[2] = 0.4;
  const auto green = [](const Tensor<2, 3> &h, double *out) {
    Tensor<2, 3> F = h;
    for (unsigned int i = 0; i < 3; ++i)
      F[i][i] += 1.0;
    Tensor<2, 3> E = transpose(F) * F;
    for (unsigned int i = 0; i < 3; ++i)
      E[i][i] -= 1.0;
    to_mandel<3>(0.5 * E, out);
  };
  for (unsigned int c = 0; c < 3; ++c)
    {
      Tensor<2, 3> F = H;
      for (unsigned int i = 0; i < 3; ++i)
        F[i][i] += 1.0;
      double b[6], plus[6], minus[6];
      strain_column<3>(F[c], g, b);
      const double eps = 1e-6;
      Tensor<2, 3> dH;
      for (unsigned int j = 0; j < 3; ++j)
        dH[c][j] = g[j];
      green(H + eps * dH, plus);
      green(H - eps * dH, minus);
      for (unsigned int k = 0; k < 6; ++k)
        EXPECT_NEAR(b[k], (plus[k] - minus[k]) / (2 * eps), 1e-9)
            << "component " << c << ", Mandel entry " << k;
    }
}
