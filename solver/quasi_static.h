// Quasi-static mechanics (small strain or total Lagrangian) with a material
// law of the contract (material/law.h), in 3D or 2D plane strain,
// MPI-distributed.
//
// One object per simulation: the experiment builds the mesh on
// triangulation(), calls setup(), declares its boundary conditions, and
// then drives solve_step() / accept() / reject() through its load program.
// Per quadrature point the law's state lives in a CellDataStorage of
// material::PointState, sized from the law's self-description; the solver
// never looks inside it except through the description's names.
//
// Newton's method uses the law's consistent tangent; the linear systems go
// to solver/linear_solver.h, the strain measures to solver/kinematics.h,
// field output to solver/field_output.h.
#pragma once

#include <deal.II/base/function.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/quadrature_point_data.h>
#include <deal.II/base/tensor.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <array>
#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "material/failed_point.h"
#include "material/law.h"
#include "solver/linear_solver.h"
#include "solver/phase_timer.h"

namespace mgrelax
{
  struct SolverSettings
  {
    unsigned int degree            = 2; // polynomial degree of FE_Q
    unsigned int quadrature_points = 0; // per direction; 0: degree + 1
    // "direct": MUMPS factorization reused as CG preconditioner;
    // "cg-amg": CG with algebraic multigrid.
    std::string  linear_solver  = "direct";
    std::string  direct_package = "Amesos_Mumps";
    unsigned int refactor_iterations =
        20; // CG iterations that trigger a new factorization
    double       linear_tolerance       = 1e-12; // relative
    double       newton_tolerance       = 1e-9;  // relative residual
    double       displacement_tolerance = 1e-10; // relative last correction
    bool         verbose_newton         = false; // print each iteration
    unsigned int max_newton_iterations  = 12;
    // false: small strain (the symmetric displacement gradient into the law,
    // its stress out).  true: total Lagrangian (the Green-Lagrange strain E
    // into the law, the 2nd Piola-Kirchhoff stress S out, geometric
    // stiffness in the tangent), for large rotations at small strain
    // (doc/physics.md Sec. 4).
    bool large_rotations = false;

    // The sections Finite elements (degree, quadrature points), Linear
    // solver and Newton; each default is the member's initializer above.
    // `kinematics` is not read here: the experiment resolves it.
    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);

    // Throws std::invalid_argument naming the entry for a value out of
    // range.
    void
    check() const;
  };

  struct StepReport
  {
    bool         converged         = false;
    unsigned int newton_iterations = 0;
    unsigned int linear_iterations = 0;
    unsigned int factorizations    = 0;
    double       time_step_factor  = 1.0; // proposed by the law on failure
    std::string  message;
  };

  template <int dim> class QuasiStaticSolver
  {
  public:
    QuasiStaticSolver(MPI_Comm                     comm,
                      const material::MaterialLaw &law,
                      const SolverSettings        &settings,
                      double                       initial_temperature);
    ~QuasiStaticSolver();

    dealii::parallel::distributed::Triangulation<dim> &
    triangulation()
    {
      return triangulation_;
    }

    // Distributes the DoFs, builds the sparsity and the per-point states.
    // Call after the mesh and the Dirichlet conditions are set.
    void
    setup();

    // Fixes the given displacement components on a boundary (zero); with
    // `where`, only at the boundary's support points (reference positions)
    // for which it returns true, e.g. a support line or a single point.
    void
    fix(dealii::types::boundary_id                      boundary,
        const std::vector<unsigned int>                &components,
        std::function<bool(const dealii::Point<dim> &)> where = {});

    // A rigid surface given by a level set phi(x) = 0 of the current
    // position x, with its gradient.  Every support point of `boundary`
    // stays on the surface and slides along it without friction: the
    // constraint is linearized at each Newton iterate (the node's
    // displacement along the dominant component of grad phi follows its
    // other components) after the node has been projected back onto the
    // surface.  An empty level set releases the boundary.
    struct LevelSetValue
    {
      double                 value;
      dealii::Tensor<1, dim> gradient;
    };
    using LevelSet = std::function<LevelSetValue(const dealii::Point<dim> &)>;
    void
    set_rigid_surface(dealii::types::boundary_id boundary, LevelSet level_set);

    // The load patch: the part of a boundary selected by `in_patch` (tested
    // at face centres).  With LoadControl::force it carries a uniform
    // traction of total force load * direction (the traction is load *
    // direction / patch area); with LoadControl::displacement its
    // displacement components with direction[c] != 0 are prescribed to
    // load * direction[c].
    enum class LoadControl
    {
      force,
      displacement
    };
    void
    set_load_patch(dealii::types::boundary_id                      boundary,
                   std::function<bool(const dealii::Point<dim> &)> in_patch,
                   const dealii::Tensor<1, dim>                   &direction,
                   LoadControl control = LoadControl::force);

    // Solves one step to time-step dt, load value `load` and temperature T
    // at the end of the step.  On failure the end state is left as it is;
    // call reject().
    StepReport
    solve_step(double dt, double load, double temperature);

    // Accepts the last step: per-point states end -> begin.
    void
    accept();
    // Rejects it: states begin -> end, displacement back.
    void
    reject();

    // Average of displacement component c over the traction patch.
    double
    patch_displacement(unsigned int component) const;

    // Total reaction force (component c) on a fixed boundary: the sum of
    // the internal forces at its constrained DoFs.
    double
    reaction(dealii::types::boundary_id boundary, unsigned int component) const;

    // Adds the field d(X) to the displacement (a predictor for the next
    // step; reject() takes it back).
    void
    add_displacement(const dealii::Function<dim> &d);

    // The locally owned support points of the rigid surface: reference
    // position, current position and the internal force there (the force
    // the body exerts on the surface).
    struct SurfacePoint
    {
      dealii::Point<dim>     reference, current;
      dealii::Tensor<1, dim> force;
    };
    std::vector<SurfacePoint>
    surface_points() const;

    // Current positions X + u of the locally owned support points whose
    // reference position X satisfies `where` (each point once).
    std::vector<dealii::Point<dim>>
    deformed_points(
        const std::function<bool(const dealii::Point<dim> &)> &where) const;

    // Area of the traction patch (MPI-reduced).
    double
    patch_area() const
    {
      return patch_area_;
    }

    dealii::types::global_dof_index
    n_dofs() const;

    // Times assembly, law and linear solves into `timer` (null: none).
    void
    set_timer(PhaseTimer *timer)
    {
      timer_ = timer;
    }
    // Where `Newton/verbose` prints its iterations: the run's progress
    // stream on rank 0, null elsewhere (nothing is printed).
    void
    set_log(std::ostream *log)
    {
      log_ = log;
    }

    // Read access for output and observers.
    const material::MaterialLaw &
    law() const
    {
      return law_;
    }
    const dealii::DoFHandler<dim> &
    dof_handler() const
    {
      return dof_handler_;
    }
    // The displacement, with ghost entries.
    const dealii::TrilinosWrappers::MPI::Vector &
    solution() const
    {
      return ghosted_;
    }
    MPI_Comm
    communicator() const
    {
      return comm_;
    }
    double
    initial_temperature() const
    {
      return initial_temperature_;
    }
    // The point of this rank whose integration failed first in the last
    // assembly (none if the law failed on another rank or not at all).
    const std::optional<material::FailedPoint> &
    failed_point() const
    {
      return failed_point_;
    }
    // The states of a locally owned cell's quadrature points.
    std::vector<std::shared_ptr<const material::PointState>>
    states(const typename dealii::Triangulation<dim>::cell_iterator &cell) const
    {
      return states_.get_data(cell);
    }

    // Checkpoints (solver/checkpoint.h).  Newton's force scale (the
    // largest internal-force norm of the converged steps) and the internal
    // force of the last assembly (owned entries; what the body exerts on a
    // rigid surface); restore_cell() sets the accepted state of a locally
    // owned cell from saved numbers (its DoF values in the cell's order,
    // the internal force at them, then per quadrature point the begin
    // state [strain | stress | internal] and its temperature), and
    // restored() ends a restore with the saved force scale.  Both restored()
    // and restart_linear_solver() make the next step start with a new
    // factorization, so that a run continued from a checkpoint takes the
    // same path as the run that wrote it.
    double
    force_scale() const
    {
      return force_scale_;
    }
    const dealii::TrilinosWrappers::MPI::Vector &
    internal_force() const
    {
      return internal_force_;
    }
    void
    restore_cell(
        const typename dealii::DoFHandler<dim>::active_cell_iterator &cell,
        const double                                                 *values);
    void
    restored(double force_scale);
    void
    restart_linear_solver()
    {
      linear_solver_.reset();
    }

  private:
    // Tests probe the assembly (objectivity, tangent consistency) through
    // tests/solver/solver_probe.h.
    template <int> friend class SolverProbe;

    // Integrates the law at every quadrature point for the current
    // displacement and assembles the residual f_ext - f_int (and, on
    // request, the tangent matrix).  Sets law_failed_ on any rank's failure.
    void
    assemble(bool with_matrix);
    using CellIterator = typename dealii::Triangulation<dim>::cell_iterator;
    using DoFCellIterator =
        typename dealii::DoFHandler<dim>::active_cell_iterator;
    struct AssemblyScratch;
    void
    integrate_cell(const DoFCellIterator &cell,
                   bool                   with_matrix,
                   AssemblyScratch       &scratch);
    void
    add_traction(const DoFCellIterator &cell, AssemblyScratch &scratch) const;
    // All constraints: finds the Dirichlet lines (fixed boundaries and
    // points, the prescribed patch), then calls apply_constraints().
    void
    make_constraints();
    // Rebuilds constraints_ from the hanging nodes, the Dirichlet lines
    // found by make_constraints() and the rigid surface at the current
    // position.
    void
    apply_constraints();
    // X + u of a support point given by its DoFs (locally relevant).
    dealii::Point<dim>
    current_position(
        const std::array<dealii::types::global_dof_index, dim> &node) const;
    // The support points of a boundary, one entry per point with the DoF of
    // each component; built on the locally relevant cells.
    std::vector<std::array<dealii::types::global_dof_index, dim>>
    boundary_nodes(dealii::types::boundary_id boundary) const;
    const std::map<dealii::types::global_dof_index, dealii::Point<dim>> &
    support_points() const;
    // Moves the locally owned nodes of the rigid surface back onto it
    // along the dominant component of the level set's gradient.
    void
    project_onto_surface();

    // Whether the solution and every point's end state are finite (no NaN
    // or Inf) on every rank (collective).
    bool
    finite_everywhere() const;

    // Calls f on the state of every locally owned quadrature point.
    template <typename F>
    void
    for_each_state(const F &f)
    {
      for (const auto &cell : triangulation_.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const auto &state : states_.get_data(cell))
            f(*state);
    }

    MPI_Comm                                          comm_;
    const material::MaterialLaw                      &law_;
    SolverSettings                                    settings_;
    dealii::parallel::distributed::Triangulation<dim> triangulation_;
    dealii::FESystem<dim>                             fe_;
    dealii::DoFHandler<dim>                           dof_handler_;
    dealii::QGauss<dim>                               quadrature_;
    dealii::QGauss<dim - 1>                           face_quadrature_;
    dealii::IndexSet                                  locally_owned_;
    dealii::IndexSet                                  locally_relevant_;
    dealii::AffineConstraints<double>                 constraints_;
    struct Fixed
    {
      dealii::types::boundary_id                      boundary;
      std::vector<unsigned int>                       components;
      std::function<bool(const dealii::Point<dim> &)> where;
    };
    std::vector<Fixed> fixed_;
    // DoFs with homogeneous Dirichlet lines (fixed or prescribed).
    std::set<dealii::types::global_dof_index> dirichlet_dofs_;
    // Reference positions of the locally relevant DoFs (built on demand).
    mutable std::map<dealii::types::global_dof_index, dealii::Point<dim>>
        support_points_;

    // The rigid surface.
    dealii::types::boundary_id surface_boundary_ =
        dealii::numbers::invalid_boundary_id;
    LevelSet level_set_;
    std::vector<std::array<dealii::types::global_dof_index, dim>>
        surface_nodes_;

    dealii::TrilinosWrappers::SparseMatrix matrix_;
    dealii::TrilinosWrappers::MPI::Vector  solution_;     // owned
    dealii::TrilinosWrappers::MPI::Vector  old_solution_; // owned
    dealii::TrilinosWrappers::MPI::Vector  ghosted_;      // relevant
    dealii::TrilinosWrappers::MPI::Vector  residual_;     // owned, constrained
    dealii::TrilinosWrappers::MPI::Vector  internal_force_; // owned, all DoFs
    dealii::TrilinosWrappers::MPI::Vector  newton_update_;

    LinearSolver<dim> linear_solver_;
    PhaseTimer       *timer_ = nullptr;
    std::ostream     *log_   = nullptr;

    dealii::CellDataStorage<CellIterator, material::PointState> states_;

    // Load patch.
    LoadControl control_ = LoadControl::force;
    // Displacement control: locally owned patch DoFs and their direction
    // factor.
    std::vector<std::pair<dealii::types::global_dof_index, double>> prescribed_;
    dealii::types::boundary_id traction_boundary_ =
        dealii::numbers::invalid_boundary_id;
    std::function<bool(const dealii::Point<dim> &)> in_patch_;
    dealii::Tensor<1, dim>                          traction_direction_;
    double                                          patch_area_ = 0.0;

    // Step data used by assemble().
    double dt_          = 0.0;
    double load_        = 0.0;
    double temperature_ = 0.0;
    double initial_temperature_;
    // Largest internal-force norm of the converged steps (Newton's scale).
    double force_scale_ = 0.0;
    // Result of the last assemble(): law failure.
    bool                                 law_failed_ = false;
    material::StepResult                 law_result_;
    std::optional<material::FailedPoint> failed_point_;
  };
} // namespace mgrelax
