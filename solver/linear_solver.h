// The linear solvers of Newton's method (doc/numerics.md, "Linear
// solvers").  "direct": a sparse direct factorization (MUMPS or KLU through
// Amesos) that is kept and reused as the preconditioner of CG for later
// matrices, across Newton iterations and time steps, and refactored only
// when CG needs more than `refactor_iterations` iterations: thin ribbons
// are so ill-conditioned that algebraic multigrid barely converges on
// them, while an old factorization of a nearby matrix is an excellent
// preconditioner.  "cg-amg": CG with smoothed-aggregation AMG (Trilinos ML)
// and the rigid-body modes as near null space, for large 3D models.
#pragma once

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <memory>
#include <string>

class Epetra_MultiVector;

namespace mgrelax
{
  struct SolverSettings;

  template <int dim> class LinearSolver
  {
  public:
    LinearSolver(const SolverSettings &settings);
    ~LinearSolver();

    // Forgets factorizations and modes (a new matrix structure).
    void
    reset();

    struct Result
    {
      unsigned int iterations     = 0; // CG iterations (0: fresh factor)
      unsigned int factorizations = 0;
    };
    // Solves A x = b; throws dealii::SolverControl::NoConvergence when the
    // iterative solver fails (collectively: every rank stops at the same
    // iteration).
    Result
    solve(const dealii::TrilinosWrappers::SparseMatrix &A,
          dealii::TrilinosWrappers::MPI::Vector        &x,
          const dealii::TrilinosWrappers::MPI::Vector  &b,
          const dealii::DoFHandler<dim>                &dof_handler);

  private:
    Result
    solve_amg(const dealii::TrilinosWrappers::SparseMatrix &A,
              dealii::TrilinosWrappers::MPI::Vector        &x,
              const dealii::TrilinosWrappers::MPI::Vector  &b,
              const dealii::DoFHandler<dim>                &dof_handler);
    // The rigid-body modes (3 translations and 3 rotations in 3D, 2 + 1 in
    // 2D) at the locally owned rows of A.
    void
    make_rigid_body_modes(const dealii::TrilinosWrappers::SparseMatrix &A,
                          const dealii::DoFHandler<dim> &dof_handler);

    std::string                            type_, direct_package_;
    unsigned int                           refactor_iterations_;
    double                                 tolerance_;
    std::unique_ptr<dealii::SolverControl> direct_control_;
    std::unique_ptr<dealii::TrilinosWrappers::SolverDirect>    factorization_;
    std::unique_ptr<dealii::TrilinosWrappers::PreconditionAMG> amg_;
    std::unique_ptr<Epetra_MultiVector> rigid_body_modes_;
  };
} // namespace mgrelax
