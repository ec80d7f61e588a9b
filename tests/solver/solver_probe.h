// Probes of QuasiStaticSolver's assembly for the tests (a friend of the
// solver, so that the production class carries no test-only methods).
#pragma once

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/numerics/vector_tools.h>

#include <Eigen/Core>

#include "solver/quasi_static.h"

namespace mgrelax
{
  template <int dim> class SolverProbe
  {
  public:
    explicit SolverProbe(QuasiStaticSolver<dim> &solver)
        : s_(solver)
    {}

    // Sets the displacement field to u(X) (no step is solved).
    void
    set_displacement(const dealii::Function<dim> &displacement)
    {
      dealii::VectorTools::interpolate(
          s_.dof_handler_, displacement, s_.solution_);
      s_.ghosted_ = s_.solution_;
    }

    // Sets the displacement field to u(X) (no step is solved) and returns
    // the largest stress norm |S| over the quadrature points for it, with
    // the law evaluated over a zero time step from the begin states.  Used
    // to check objectivity.
    double
    max_stress_for(const dealii::Function<dim> &displacement)
    {
      dealii::VectorTools::interpolate(
          s_.dof_handler_, displacement, s_.solution_);
      s_.ghosted_ = s_.solution_;
      s_.dt_      = 0.0;
      s_.assemble(false);
      double largest = 0.0;
      s_.for_each_state([&largest](material::PointState &state) {
        largest = std::max(
            largest,
            Eigen::Map<const material::Vector6>(state.end_stress()).norm());
      });
      s_.reject();
      return dealii::Utilities::MPI::max(largest, s_.comm_);
    }

    // Consistency of the tangent at the displacement u(X) along the
    // direction d(X): |(r(u + e d) - r(u - e d)) / (2 e) + K d| / |K d| with
    // r the residual and K the assembled tangent, over a zero time step.
    // Only meaningful without constraints.  The states are left unchanged.
    double
    tangent_error(const dealii::Function<dim> &displacement,
                  const dealii::Function<dim> &direction,
                  const double                 epsilon)
    {
      using Vector = dealii::TrilinosWrappers::MPI::Vector;
      Vector u(s_.locally_owned_, s_.comm_), d(s_.locally_owned_, s_.comm_),
          Kd(s_.locally_owned_, s_.comm_),
          difference(s_.locally_owned_, s_.comm_);
      dealii::VectorTools::interpolate(s_.dof_handler_, displacement, u);
      dealii::VectorTools::interpolate(s_.dof_handler_, direction, d);
      s_.dt_                 = 0.0;
      const auto residual_at = [&](const double e, const bool with_matrix) {
        s_.solution_ = u;
        s_.solution_.add(e, d);
        s_.ghosted_ = s_.solution_;
        s_.assemble(with_matrix);
        s_.for_each_state([](material::PointState &state) { state.revert(); });
      };
      residual_at(0.0, true);
      s_.matrix_.vmult(Kd, d);
      residual_at(epsilon, false);
      difference = s_.residual_;
      residual_at(-epsilon, false);
      difference -= s_.residual_;
      difference /= 2.0 * epsilon;
      difference += Kd;
      s_.solution_ = s_.old_solution_;
      s_.ghosted_  = s_.solution_;
      return difference.l2_norm() / Kd.l2_norm();
    }

  private:
    QuasiStaticSolver<dim> &s_;
  };
} // namespace mgrelax
