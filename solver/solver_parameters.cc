// The .prm sections of the solver: Finite elements, Linear solver, Newton.
#include <deal.II/base/parameter_handler.h>

#include "solver/output_files.h"
#include "solver/quasi_static.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  void
  SolverSettings::declare_parameters(ParameterHandler &prm)
  {
    const SolverSettings d;
    prm.enter_subsection("Finite elements");
    prm.declare_entry("degree",
                      std::to_string(d.degree),
                      Patterns::Integer(1, 4),
                      "Polynomial degree (linear hexes lock in bending: "
                      "use 2).");
    prm.declare_entry("quadrature points",
                      std::to_string(d.quadrature_points),
                      Patterns::Integer(0, 8),
                      "Gauss points per direction; 0 = degree + 1.");
    prm.declare_entry(
        "kinematics",
        "auto",
        Patterns::Selection("auto|small strain|total Lagrangian"),
        "small strain, or total Lagrangian (Green-Lagrange strain, 2nd "
        "Piola-Kirchhoff stress: large rotations, small strains).  auto: "
        "what the experiment needs (total Lagrangian for the mandrel, small "
        "strain for bending and tension).");
    prm.leave_subsection();

    prm.enter_subsection("Linear solver");
    prm.declare_entry("type",
                      d.linear_solver,
                      Patterns::Selection("direct|cg-amg"),
                      "direct: sparse direct factorization, reused as a CG "
                      "preconditioner across Newton iterations and steps; "
                      "cg-amg: CG with algebraic multigrid (large 3D models; "
                      "converges poorly on thin ribbons).");
    prm.declare_entry("direct package",
                      d.direct_package,
                      Patterns::Selection("Amesos_Mumps|Amesos_Klu"),
                      "Amesos package of the direct solver.");
    prm.declare_entry("refactor iterations",
                      std::to_string(d.refactor_iterations),
                      Patterns::Integer(1, 1000),
                      "Refactor when CG preconditioned by the last "
                      "factorization needs more iterations than this.");
    prm.declare_entry("tolerance",
                      format_number(d.linear_tolerance),
                      Patterns::Double(0.0, 1e-3),
                      "Relative tolerance of iterative linear solves.");
    prm.leave_subsection();

    prm.enter_subsection("Newton");
    prm.declare_entry("tolerance",
                      format_number(d.newton_tolerance),
                      Patterns::Double(0.0, 1e-2),
                      "Residual norm relative to the internal forces.");
    prm.declare_entry("verbose",
                      d.verbose_newton ? "true" : "false",
                      Patterns::Bool(),
                      "Print the residual and the correction of every Newton "
                      "iteration.");
    prm.declare_entry("max iterations",
                      std::to_string(d.max_newton_iterations),
                      Patterns::Integer(1, 100),
                      "Newton iterations before the step is cut.");
    prm.leave_subsection();
  }

  void
  SolverSettings::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Finite elements");
    degree            = prm.get_integer("degree");
    quadrature_points = prm.get_integer("quadrature points");
    prm.leave_subsection();
    prm.enter_subsection("Linear solver");
    linear_solver       = prm.get("type");
    direct_package      = prm.get("direct package");
    refactor_iterations = prm.get_integer("refactor iterations");
    linear_tolerance    = prm.get_double("tolerance");
    prm.leave_subsection();
    prm.enter_subsection("Newton");
    newton_tolerance      = prm.get_double("tolerance");
    max_newton_iterations = prm.get_integer("max iterations");
    verbose_newton        = prm.get_bool("verbose");
    prm.leave_subsection();
  }
} // namespace mgrelax
