#include "solver/linear_solver.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/lac/solver_cg.h>

#include <Epetra_MultiVector.h>
#include <Teuchos_ParameterList.hpp>

#include <map>

#include "solver/quasi_static.h"

namespace mgrelax
{
  using namespace dealii;

  namespace
  {
    // The factorization of an earlier matrix as a preconditioner.
    class FactorizationPreconditioner
    {
    public:
      explicit FactorizationPreconditioner(
          TrilinosWrappers::SolverDirect &factorization)
          : factorization_(factorization)
      {}
      void
      vmult(TrilinosWrappers::MPI::Vector       &dst,
            const TrilinosWrappers::MPI::Vector &src) const
      {
        factorization_.solve(dst, src);
      }

    private:
      TrilinosWrappers::SolverDirect &factorization_;
    };
  } // namespace

  template <int dim>
  LinearSolver<dim>::LinearSolver(const SolverSettings &settings)
      : type_(settings.linear_solver)
      , direct_package_(settings.direct_package)
      , refactor_iterations_(settings.refactor_iterations)
      , tolerance_(settings.linear_tolerance)
  {}

  template <int dim> LinearSolver<dim>::~LinearSolver() = default;

  template <int dim>
  void
  LinearSolver<dim>::reset()
  {
    factorization_.reset();
    amg_.reset();
    rigid_body_modes_.reset();
  }

  template <int dim>
  typename LinearSolver<dim>::Result
  LinearSolver<dim>::solve(const TrilinosWrappers::SparseMatrix &A,
                           TrilinosWrappers::MPI::Vector        &x,
                           const TrilinosWrappers::MPI::Vector  &b,
                           const DoFHandler<dim>                &dof_handler)
  {
    x = 0.0;
    if (type_ == "cg-amg")
      return solve_amg(A, x, b, dof_handler);

    // Direct: try CG preconditioned with the last factorization; refactor
    // when it does not converge within refactor_iterations.
    Result result;
    if (factorization_)
      {
        SolverControl control(refactor_iterations_, tolerance_ * b.l2_norm());
        SolverCG<TrilinosWrappers::MPI::Vector> cg(control);
        try
          {
            cg.solve(A, x, b, FactorizationPreconditioner(*factorization_));
            result.iterations = control.last_step();
            return result;
          }
        catch (const SolverControl::NoConvergence &)
          {
            x = 0.0;
          }
      }
    direct_control_ = std::make_unique<SolverControl>(1, 0.0);
    factorization_  = std::make_unique<TrilinosWrappers::SolverDirect>(
        *direct_control_,
        TrilinosWrappers::SolverDirect::AdditionalData(false, direct_package_));
    factorization_->initialize(A);
    factorization_->solve(x, b);
    result.factorizations = 1;
    return result;
  }

  template <int dim>
  typename LinearSolver<dim>::Result
  LinearSolver<dim>::solve_amg(const TrilinosWrappers::SparseMatrix &A,
                               TrilinosWrappers::MPI::Vector        &x,
                               const TrilinosWrappers::MPI::Vector  &b,
                               const DoFHandler<dim> &dof_handler)
  {
    // deal.II 9.4.1's constant_modes carries only translations, so the
    // rotations go to ML's parameter list.
    TrilinosWrappers::PreconditionAMG::AdditionalData data;
    data.elliptic              = true;
    data.higher_order_elements = dof_handler.get_fe().degree > 1;
    data.smoother_sweeps       = 2;
    data.aggregation_threshold = 0.02;
    Teuchos::ParameterList              parameters;
    std::unique_ptr<Epetra_MultiVector> unused;
    data.set_parameters(parameters, unused, A);
    if (!rigid_body_modes_)
      make_rigid_body_modes(A, dof_handler);
    parameters.set("null space: type", "pre-computed");
    parameters.set("null space: dimension", rigid_body_modes_->NumVectors());
    parameters.set("null space: vectors", rigid_body_modes_->Values());
    amg_ = std::make_unique<TrilinosWrappers::PreconditionAMG>();
    amg_->initialize(A, parameters);
    SolverControl control(20000, tolerance_ * b.l2_norm());
    SolverCG<TrilinosWrappers::MPI::Vector> cg(control);
    cg.solve(A, x, b, *amg_);
    Result result;
    result.iterations = control.last_step();
    return result;
  }

  template <int dim>
  void
  LinearSolver<dim>::make_rigid_body_modes(
      const TrilinosWrappers::SparseMatrix &A,
      const DoFHandler<dim>                &dof_handler)
  {
    const Epetra_Map &map     = A.trilinos_matrix().RowMap();
    const int         n_modes = dim == 3 ? 6 : 3;
    rigid_body_modes_ = std::make_unique<Epetra_MultiVector>(map, n_modes);
    std::map<types::global_dof_index, Point<dim>> points;
    DoFTools::map_dofs_to_support_points(MappingQ1<dim>(), dof_handler, points);
    const auto                                     &fe = dof_handler.get_fe();
    std::map<types::global_dof_index, unsigned int> component_of;
    std::vector<types::global_dof_index> indices(fe.n_dofs_per_cell());
    for (const auto &cell : dof_handler.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(indices);
          for (unsigned int k = 0; k < indices.size(); ++k)
            component_of[indices[k]] = fe.system_to_component_index(k).first;
        }
    Epetra_MultiVector &modes = *rigid_body_modes_;
    for (int i = 0; i < map.NumMyElements(); ++i)
      {
        const types::global_dof_index dof = map.GID(i);
        const Point<dim>             &x   = points.at(dof);
        const unsigned int            c   = component_of.at(dof);
        modes[c][i]                       = 1.0; // translation c
        if (dim == 2)
          modes[2][i] = c == 0 ? -x[1] : x[0];
        else
          {
            // Rotations about x, y, z: (0, -z, y), (z, 0, -x), (-y, x, 0).
            const double rx[3] = {0.0, -x[2], x[1]};
            const double ry[3] = {x[2], 0.0, -x[0]};
            const double rz[3] = {-x[1], x[0], 0.0};
            modes[3][i]        = rx[c];
            modes[4][i]        = ry[c];
            modes[5][i]        = rz[c];
          }
      }
  }

  template class LinearSolver<2>;
  template class LinearSolver<3>;
} // namespace mgrelax
