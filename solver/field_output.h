// Field output for ParaView.  Point data: the displacement.  Cell data,
// the averages over each cell's quadrature points: the stress (the
// components sig_xx, ... and the symmetric tensor `stress`), the von Mises
// and principal stresses of that averaged stress, every scalar of the law's
// internal state, and every (non-array) tensor of it (e.g. eps_an, eps_vp) as
// components and as a tensor, named after the law's self-description, so
// that a new state variable of a law is a new field with no change here;
// and the MPI rank.  Tensors have ParaView's 6 components XX YY ZZ XY YZ XZ
// (Mandel shears turned back into tensor components).  Field data: the
// simulated time, the step, the program segment, the experiment's observables
// of the step (its row of records) and its constants (the mandrel's radius).
//
// FieldSeries writes one .pvtu (+ one .vtu per rank) per output time and a
// .pvd index, rewritten after each write, that lists them with their
// simulated times (ParaView's time slider then shows seconds).  The times
// are unique and increasing: the frame of a step of no duration (a jump,
// e.g. the mandrel's release) replaces the frame at its time.
#pragma once

#include <deal.II/base/mpi.h>

#include <string>
#include <utility>
#include <vector>

#include "solver/quasi_static.h"

namespace mgrelax
{
  template <int dim> struct AcceptedStep;

  // The observables of an output, written as its field data.
  struct FrameInfo
  {
    double       time    = 0.0;
    unsigned int step    = 0;
    unsigned int segment = 0;
    // The experiment's observables of the step and its constants.
    std::vector<std::pair<std::string, double>> observables = {};
  };

  // The names of the scalar cell fields for a law: sig_xx, ..., von_Mises,
  // sig_1, sig_2, sig_3, then the law's state (eps_an_xx, ..., chi, E_beta,
  // ...) and mpi_rank.
  template <int dim>
  std::vector<std::string>
  cell_field_names(const material::LawDescription &law);

  // A cell field: one value per locally owned cell (in the order of
  // active_cell_iterators()) and component.
  struct CellArray
  {
    std::string         name;
    unsigned int        n_components;
    std::vector<double> values;
  };

  // The cell data of the solver's state, cell averages over the quadrature
  // points: the scalars of cell_field_names, then the tensors `stress` and
  // the law's tensors (6 components each).  Field output and the in-situ
  // adaptor share it.
  template <int dim>
  std::vector<CellArray>
  cell_arrays(const QuasiStaticSolver<dim> &solver);

  // Writes directory/name_NNNN.pvtu (+ .vtu per rank) of the solver's
  // current (accepted) state; returns its file name relative to directory.
  template <int dim>
  std::string
  write_fields(const QuasiStaticSolver<dim> &solver,
               const std::string            &directory,
               const std::string            &name,
               unsigned int                  counter,
               const FrameInfo              &frame);

  template <int dim> class FieldSeries
  {
  public:
    // No output when `directory` is empty or `interval` is 0.
    FieldSeries(std::string  directory,
                std::string  name,
                unsigned int interval,
                MPI_Comm     comm);

    // Writes the initial state, every interval-th step, the end of every
    // segment of the program, milestones and the last step.
    void
    observe(const AcceptedStep<dim> &step);

    // The frames so far (time, .pvtu file), for checkpoints; restore()
    // continues a series from them.
    const std::vector<std::pair<double, std::string>> &
    frames() const
    {
      return files_;
    }
    void
    restore(std::vector<std::pair<double, std::string>> frames)
    {
      files_ = std::move(frames);
    }

  private:
    std::string                                 directory_, name_;
    unsigned int                                interval_;
    MPI_Comm                                    comm_;
    std::vector<std::pair<double, std::string>> files_;
  };
} // namespace mgrelax
