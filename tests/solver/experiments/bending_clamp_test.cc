// The cantilever on the finite-element solver against beam theory and the
// material point: Euler-Bernoulli elastic deflection (and the element order
// and mesh convergence that shows it), the correspondence principle for a
// linear viscoelastic strip, 2D plane strain against 3D, equilibrium at the
// clamp, and bad input.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "../../material/test_laws.h"
#include "experiment_cases.h"
#include "material/elastic_law.h"
#include "material/kelvin_law.h"

using namespace mgrelax;

namespace
{
  // A slender, narrow strip: L/h = 100, width 4 h, so that it bends as a
  // beam (no plate stiffening) and shear deformation is negligible.
  BendingCase
  narrow_strip(const unsigned int cells_along = 24,
               const unsigned int degree      = 2)
  {
    BendingCase p;
    p.geometry.length    = 3e-3;
    p.geometry.width     = 0.12e-3;
    p.geometry.thickness = 30e-6;
    p.geometry.cells     = {{cells_along, 1, 2}};
    p.patch_cells        = 1;
    p.solver.degree      = degree;
    p.program            = material::parse_load_program("jump to=2e-5", 1);
    return p;
  }

  // Euler-Bernoulli: P x^3 / (3 E I) at the load's resultant position, the
  // centre of the tip patch.
  double
  euler_bernoulli(const BendingCase &p, const double E)
  {
    const RibbonGeometry &g = p.geometry;
    const double          I = g.width * std::pow(g.thickness, 3) / 12.0;
    const double x = g.length * (1.0 - 0.5 * p.patch_cells / g.cells[0]);
    return 2e-5 * std::pow(x, 3) / (3.0 * E * I);
  }

  double
  elastic_ratio(const BendingCase &p)
  {
    const material::IsotropicElasticLaw law(50e9, 0.3);
    const auto summary = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
    return summary.records.back("tip_displacement") / euler_bernoulli(p, 50e9);
  }
} // namespace

TEST(Cantilever, ElasticTipDeflectionMatchesEulerBernoulli)
{
  // The same 0.25 mm load patch on every mesh.
  const auto ratio = [](const unsigned int cells, const unsigned int degree) {
    BendingCase p = narrow_strip(cells, degree);
    p.patch_cells = cells / 12;
    return elastic_ratio(p);
  };
  const double q2[3] = {ratio(12, 2), ratio(24, 2), ratio(48, 2)};
  // Quadratic elements: within 1% of Euler-Bernoulli from 24 cells along
  // the length (measured: 0.9876, 0.9929, 0.9950 for 12, 24, 48 cells).
  EXPECT_NEAR(q2[1], 1.0, 0.01);
  EXPECT_NEAR(q2[2], 1.0, 0.01);
  // Converging from below, the differences shrinking by more than 2 per
  // refinement; cubic elements are ahead of quadratic ones.
  EXPECT_GT(q2[1], q2[0]);
  EXPECT_GT(q2[2], q2[1]);
  EXPECT_GT((q2[1] - q2[0]) / (q2[2] - q2[1]), 2.0);
  const double q3 = ratio(24, 3);
  EXPECT_GT(q3, q2[1]);
  EXPECT_NEAR(q3, 1.0, 0.006);
  // Linear hexes lock in bending: far too stiff, and still stiff after
  // refinement.
  const double q1 = ratio(24, 1);
  EXPECT_LT(q1, 0.5);
  EXPECT_LT(q1, ratio(48, 1));
  RecordProperty("Q2_ratio_to_EB_24_cells", mgrelax::testing::sci(q2[1]));
  RecordProperty("Q1_ratio_to_EB_24_cells", mgrelax::testing::sci(q1));
}

TEST(Cantilever, ReactionBalancesTheLoad)
{
  const material::IsotropicElasticLaw law(50e9, 0.3);
  const auto                          summary =
      run_cantilever<3>(narrow_strip(12), law, MPI_COMM_SELF, nullptr);
  EXPECT_NEAR(summary.records.back("reaction") / 2e-5, 1.0, 1e-9);
}

// Linear viscoelastic strip under constant tip load: by the correspondence
// principle h(t) = P x^3 J(t) / (3 I), so h(t)/h_el = J(t)/J_el of the
// uniaxial creep compliance of the same spectrum ([Zhang2023-beta] Eq. 28,
// summed in the test from the list, not the law's own spectrum). The
// Kelvin units are deviatoric, so the Poisson ratio drifts towards 1/2 as
// they creep; in a narrow strip the lateral stresses stay near zero and
// the beam remains uniaxial.
TEST(Cantilever, ViscoelasticCreepFollowsUniaxialCompliance)
{
  const material::GeneralizedKelvinParameters m =
      mgrelax::testing::one_family_solid(
          {0.01, 0.3, 10.0}, {0.3, 0.3, 0.4}, 0.3);
  const material::GeneralizedKelvinLaw law(m);

  BendingCase p = narrow_strip(12);
  p.program     = material::parse_load_program(
      "jump to=2e-5; hold duration=200 dt0=1e-3", 1);
  const auto   summary = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
  const double h_el    = summary.result("elastic_tip_displacement");
  ASSERT_GT(h_el, 0.0);
  const double                                         E    = m.youngs_modulus;
  const std::vector<mgrelax::testing::ReferenceFamily> eq28 = {
      {0.3 / E, {0.01, 0.3, 10.0}, {0.3, 0.3, 0.4}}};
  double worst = 0.0, worst_beam = 0.0;
  for (std::size_t r = 2; r < summary.records.size(); ++r)
    {
      const double t       = summary.records.at(r, "time");
      const double J       = mgrelax::testing::seed000_eq28(E, eq28, t);
      const double h       = summary.records.at(r, "tip_displacement");
      const double J_ratio = J * E;
      worst = std::max(worst, std::abs(h / h_el / J_ratio - 1.0));
      // Euler-Bernoulli itself, h = P x^3 J(t) / (3 I).
      worst_beam = std::max(
          worst_beam, std::abs(h / (euler_bernoulli(p, E) * J_ratio) - 1.0));
    }
  std::cout << "  cantilever creep vs J(t)/J_el: " << worst
            << "; vs P x^3 J(t) / (3 I): " << worst_beam << "\n";
  EXPECT_LT(worst, 0.01);
  EXPECT_LT(worst_beam, 0.03);
  // The curve rises by the full 30% of the spectrum.
  EXPECT_NEAR(summary.records.back("tip_displacement") / h_el, 1.3, 0.01);
  RecordProperty("worst_relative_deviation", mgrelax::testing::sci(worst));
}

// 2D plane strain against 3D: the 2D section is a plate in cylindrical
// bending, stiffer than the narrow beam by 1/(1 - nu^2); the middle of a
// wide 3D ribbon lies between the two.
TEST(Cantilever, PlaneStrainSectionIsTheWidePlateLimit)
{
  const double                        nu = 0.3;
  const material::IsotropicElasticLaw law(50e9, nu);
  BendingCase                         p = narrow_strip(24);
  const auto   section = run_cantilever<2>(p, law, MPI_COMM_SELF, nullptr);
  const double plane_strain =
      section.records.back("tip_displacement") / euler_bernoulli(p, 50e9);
  EXPECT_NEAR(plane_strain / (1.0 - nu * nu), 1.0, 0.01);

  // A wide ribbon: W = L / 2.
  p.geometry.width  = 1.5e-3;
  p.geometry.cells  = {{24, 6, 2}};
  const auto   wide = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
  const double ratio3d =
      wide.records.back("tip_displacement") / euler_bernoulli(p, 50e9);
  EXPECT_LT(ratio3d, 1.0);
  EXPECT_GT(ratio3d, plane_strain);
  RecordProperty("plane_strain_ratio", mgrelax::testing::sci(plane_strain));
  RecordProperty("wide_3D_ratio", mgrelax::testing::sci(ratio3d));
}

TEST(Cantilever, BadInputIsRefused)
{
  const material::IsotropicElasticLaw law(50e9, 0.3);
  BendingCase                         p = narrow_strip(4);
  p.geometry.thickness                  = -1e-6;
  try
    {
      run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
      FAIL() << "accepted a negative thickness";
    }
  catch (const std::invalid_argument &e)
    {
      EXPECT_NE(std::string(e.what()).find("'thickness' must be > 0"),
                std::string::npos)
          << e.what();
    }

  // A load on a boundary that does not exist.
  QuasiStaticSolver<3> solver(MPI_COMM_SELF, law, SolverSettings(), 295.0);
  make_ribbon(solver.triangulation(), narrow_strip(4).geometry);
  dealii::Tensor<1, 3> down;
  down[2] = -1.0;
  solver.set_load_patch(
      17, [](const dealii::Point<3> &) { return true; }, down);
  try
    {
      solver.setup();
      FAIL() << "accepted a load on boundary 17";
    }
  catch (const std::invalid_argument &e)
    {
      EXPECT_NE(std::string(e.what()).find("boundary 17"), std::string::npos)
          << e.what();
    }

  SolverSettings bad;
  bad.linear_solver = "gauss-seidel";
  EXPECT_THROW(QuasiStaticSolver<3>(MPI_COMM_SELF, law, bad, 295.0),
               std::invalid_argument);
}

// Bending stress relaxation: the tip deflection is imposed and held.  By
// the correspondence principle the clamp reaction relaxes as the uniaxial
// relaxation modulus, F(t)/F_el = E(t)/E_0, which the material-point
// driver gives independently (uniaxial strain held, lateral stresses zero).
TEST(Cantilever, HeldDeflectionRelaxesLikeTheUniaxialModulus)
{
  const material::GeneralizedKelvinParameters m =
      mgrelax::testing::one_family_solid(
          {0.01, 0.3, 10.0}, {0.3, 0.3, 0.4}, 0.3);
  const material::GeneralizedKelvinLaw law(m);

  // The imposed deflection also holds the patch's rotation: a short patch
  // (1/24 of the length) keeps that constraint local.
  BendingCase p          = narrow_strip(24);
  p.displacement_control = true;
  p.program              = material::parse_load_program(
      "jump to=1e-5; hold duration=200 dt0=1e-3", 1);
  const auto summary = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);

  const auto point =
      mgrelax::testing::run_program(law,
                                    material::PointControl::uniaxial_strain,
                                    "jump to=1e-3; hold duration=200 dt0=1e-3");
  ASSERT_EQ(point.size(), summary.records.size());
  double worst = 0.0;
  for (std::size_t r = 2; r < point.size(); ++r)
    {
      ASSERT_NEAR(point[r].time, summary.records.at(r, "time"), 1e-12);
      const double modulus_ratio = point[r].stress[0] / point[1].stress[0];
      worst                      = std::max(worst,
                       std::abs(summary.records.at(r, "normalized_reaction") /
                                    modulus_ratio -
                                1.0));
    }
  EXPECT_LT(worst, 0.01);
  // The imposed deflection is held exactly.
  EXPECT_NEAR(summary.records.back("tip_displacement"), 1e-5, 1e-15);
  // The force relaxes towards E_relaxed / E_0 = 1 / 1.3.
  EXPECT_LT(summary.records.back("normalized_reaction"), 0.8);
  RecordProperty("worst_relative_deviation", mgrelax::testing::sci(worst));
}

// The iterative path (CG with smoothed-aggregation AMG and the six
// rigid-body modes as near null space) reaches the direct solution.
TEST(Cantilever, AlgebraicMultigridPathAgreesWithDirect)
{
  const material::IsotropicElasticLaw law(50e9, 0.3);
  BendingCase                         p = narrow_strip(12);
  const auto direct         = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
  p.solver.linear_solver    = "cg-amg";
  p.solver.linear_tolerance = 1e-11;
  const auto amg            = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
  EXPECT_NEAR(amg.records.back("tip_displacement") /
                  direct.records.back("tip_displacement"),
              1.0,
              1e-7);
  EXPECT_GT(amg.records.back("linear_iterations"), 0u);
  RecordProperty("amg_cg_iterations",
                 std::to_string(amg.records.back("linear_iterations")));
}

namespace
{
  // A law that accepts no step longer than max_dt: it reports failure with
  // a proposed factor, as a law with a step-size limit would.
  class StepLimitedLaw : public material::MaterialLaw
  {
  public:
    StepLimitedLaw(const material::MaterialLaw &law, const double max_dt)
        : law_(law)
        , max_dt_(max_dt)
    {}
    const material::LawDescription &
    description() const override
    {
      return law_.description();
    }
    material::StepResult
    integrate(const material::StepRequest    &request,
              const material::ConstStateView &begin,
              material::StateView            &end,
              material::Matrix6              *tangent) const override
    {
      if (request.dt > max_dt_)
        return {material::IntegrationStatus::failure, 0.5, "step too long"};
      return law_.integrate(request, begin, end, tangent);
    }
    material::Matrix6
    elastic_stiffness(const double T) const override
    {
      return law_.elastic_stiffness(T);
    }

  private:
    const material::MaterialLaw &law_;
    double                       max_dt_;
  };
} // namespace

// Time-step cut-back: steps the law refuses are cut by its proposed factor
// and redone; the run still follows the closed form.
TEST(Cantilever, StepsRefusedByTheLawAreCutBack)
{
  const material::GeneralizedKelvinParameters m =
      mgrelax::testing::one_family_solid({1.0, 5.0}, {0.5, 0.5}, 0.3);
  const material::GeneralizedKelvinLaw kelvin(m);
  const StepLimitedLaw                 law(kelvin, 0.3);

  BendingCase p = narrow_strip(12);
  p.program     = material::parse_load_program(
      "jump to=2e-5; hold duration=20 dt0=0.1 growth=2", 1);
  const auto summary = run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);
  EXPECT_NEAR(summary.records.back("time"), 20.0, 1e-12);
  double largest_step = 0.0;
  for (std::size_t r = 2; r < summary.records.size(); ++r)
    {
      largest_step = std::max(largest_step,
                              summary.records.at(r, "time") -
                                  summary.records.at(r - 1, "time"));
      // [Zhang2023-beta] Eq. 28 of the two units, written out here.
      const double J_ratio =
          mgrelax::testing::seed000_eq28(
              m.youngs_modulus,
              {{0.3 / m.youngs_modulus, {1.0, 5.0}, {0.5, 0.5}}},
              summary.records.at(r, "time")) *
          m.youngs_modulus;
      EXPECT_NEAR(summary.records.at(r, "tip_displacement") /
                      summary.result("elastic_tip_displacement") / J_ratio,
                  1.0,
                  0.01);
    }
  EXPECT_LE(largest_step, 0.3 + 1e-12);
  EXPECT_GT(largest_step, 0.1);
}

// ParaView output: a .pvd record of the .pvtu files, each naming the
// displacement, stresses, von Mises stress, the law's scalar state, its
// inelastic strain tensors and the MPI rank.
TEST(Cantilever, WritesParaViewFieldsOfTheWholeHistory)
{
  const material::GeneralizedKelvinParameters m =
      mgrelax::testing::one_family_solid({1.0}, {1.0}, 0.3);
  const material::GeneralizedKelvinLaw law(m);

  const auto dir =
      std::filesystem::temp_directory_path() / "mgrelax_tests" / "vtu";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  BendingCase p = narrow_strip(4);
  p.program     = material::parse_load_program(
      "jump to=2e-5; hold duration=1 dt0=0.5 growth=1", 1);
  p.output_directory = dir.string();
  p.name             = "strip";
  p.vtu_interval     = 1;
  run_cantilever<3>(p, law, MPI_COMM_SELF, nullptr);

  std::ifstream     pvd(dir / "strip.pvd");
  std::stringstream pvd_text;
  pvd_text << pvd.rdbuf();
  // The jump at t = 0 (replacing the initial state, the frame at its
  // time) and two steps.
  for (const char *file :
       {"strip_0000.pvtu", "strip_0001.pvtu", "strip_0002.pvtu"})
    {
      EXPECT_NE(pvd_text.str().find(file), std::string::npos) << file;
      EXPECT_TRUE(std::filesystem::exists(dir / file)) << file;
    }
  EXPECT_FALSE(std::filesystem::exists(dir / "strip_0003.pvtu"));
  std::ifstream     pvtu(dir / "strip_0002.pvtu");
  std::stringstream pvtu_text;
  pvtu_text << pvtu.rdbuf();
  for (const char *field : {"displacement",
                            "sig_xx",
                            "von_Mises",
                            "eps_an_eq",
                            "eps_an_xx",
                            "eps_vp_xz",
                            "eps_eq_anelastic",
                            "mpi_rank"})
    EXPECT_NE(pvtu_text.str().find("Name=\"" + std::string(field) + "\""),
              std::string::npos)
        << field;
}
