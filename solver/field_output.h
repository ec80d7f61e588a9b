// Field output for ParaView: the displacement (at the nodes) and cell
// averages of the stress, the von Mises stress and every scalar and
// (non-array) tensor variable of the law's internal state, named after the
// law's self-description, so that a new state variable of a law is a new
// field with no change here.  Mandel shear components are turned back into
// tensor components.
//
// FieldSeries writes one .pvtu (+ one .vtu per rank) per output time and a
// .pvd index, rewritten after each write, that lists them with their
// simulated times (ParaView's time slider then shows seconds).
#pragma once

#include <deal.II/base/mpi.h>

#include <string>
#include <utility>
#include <vector>

#include "solver/quasi_static.h"

namespace mgrelax
{
  template <int dim> struct AcceptedStep;

  // The names of the cell fields for a law: sig_xx, ..., von_Mises, then
  // the law's state (eps_an_xx, ..., chi, E_beta, ...).
  template <int dim>
  std::vector<std::string>
  cell_field_names(const material::LawDescription &law);

  // Writes directory/name_NNNN.pvtu (+ .vtu per rank) of the solver's
  // current (accepted) state; returns its file name relative to directory.
  template <int dim>
  std::string
  write_fields(const QuasiStaticSolver<dim> &solver,
               const std::string            &directory,
               const std::string            &name,
               unsigned int                  counter);

  template <int dim> class FieldSeries
  {
  public:
    // No output when `directory` is empty or `interval` is 0.
    FieldSeries(std::string  directory,
                std::string  name,
                unsigned int interval,
                MPI_Comm     comm);

    // Writes the initial state, every interval-th step, milestones and the
    // last step.
    void
    observe(const AcceptedStep<dim> &step);

  private:
    std::string                                 directory_, name_;
    unsigned int                                interval_;
    MPI_Comm                                    comm_;
    std::vector<std::pair<double, std::string>> files_;
  };
} // namespace mgrelax
