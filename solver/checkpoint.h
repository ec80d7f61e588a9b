// Checkpoints of a run and the restart from one (doc/checkpoints.md).
//
// A checkpoint is a directory DIR/step_NNNNNN written atomically (as
// step_NNNNNN.part, renamed when complete; the last `keep` are kept):
// - run.txt (rank 0): what the run is (the .prm's entries that define the
//   problem and the law's parameters, compared on restart), the loop's
//   position (steps, load program, the experiment's own state, the field
//   frames so far) and the records so far, every double exact
//   (solver/state_archive.h);
// - cells_RRRR.bin, one per rank: for each locally owned cell its CellId,
//   its DoF values, the internal force at them (the contact force a
//   release starts from) and the begin state of each quadrature point.
// The mesh itself is not saved: it is a function of the .prm (generated or
// read from a mesh file, never adapted), rebuilt on restart and checked
// against the checkpoint's cell and DoF counts.  Keyed by CellId, the cell
// data restores on any number of ranks: every rank reads every cells file
// and keeps its own cells.
#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <iosfwd>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "material/law.h"
#include "material/record_table.h"
#include "solver/quasi_static.h"

namespace mgrelax
{
  // The section Checkpoint of a run's .prm.
  struct CheckpointSettings
  {
    // Where the checkpoints go; empty: OUTPUT/NAME_checkpoint.
    std::string  directory;
    unsigned int every_steps   = 0;   // 0: not by steps
    double       every_minutes = 0.0; // of wall time; 0: not by time
    unsigned int keep          = 2;
    // Whether a SIGTERM/SIGINT stop writes one.
    bool on_signal = true;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    // Throws std::invalid_argument naming the entry for a bad value.
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };

  // What a checkpoint must match: entry path ("Geometry/length") -> value,
  // for every entry that defines the problem (not Output, Checkpoint,
  // Catalyst, Linear solver, Newton/verbose, the material file's name), and
  // "law/NAME" -> each parameter of the law.
  using Fingerprint = std::map<std::string, std::string>;
  Fingerprint
  run_fingerprint(const dealii::ParameterHandler &prm,
                  const material::MaterialLaw    &law);

  // The loop's position besides the solver's state.
  struct LoopState
  {
    unsigned int        steps = 0, newton_iterations = 0, cutbacks = 0;
    double              max_strain = 0.0, time = 0.0;
    std::vector<double> program; // material::LoadProgram::state()
    std::map<std::string, double>               experiment;
    std::vector<std::pair<double, std::string>> frames; // the .pvd's
    material::RecordTable                       records;
  };

  // The value `key` of an experiment's saved state; throws
  // std::invalid_argument naming it if there is none.
  double
  saved_value(const std::map<std::string, double> &state,
              const std::string                   &key);

  // Writes DIR/step_NNNNNN (collective); returns its path.  Throws
  // std::runtime_error naming the file that cannot be written (on every
  // rank).
  template <int dim>
  std::string
  write_checkpoint(const std::string            &directory,
                   unsigned int                  keep,
                   const Fingerprint            &fingerprint,
                   const QuasiStaticSolver<dim> &solver,
                   const LoopState              &loop);

  // Removes the checkpoints (step_NNNNNN and step_NNNNNN.part) in
  // `directory`: a run that starts afresh owns its checkpoint directory.
  void
  remove_checkpoints(const std::string &directory);

  // The checkpoint to continue from: `path` itself if it is one, else the
  // latest complete step_NNNNNN in it.  Throws std::invalid_argument
  // naming `path` if there is none.
  std::string
  find_checkpoint(const std::string &path);

  // Restores the solver's accepted state from the checkpoint (collective;
  // the solver set up on the same mesh) and returns the loop's position.
  // Throws std::invalid_argument naming the checkpoint and what differs if
  // it does not belong to this run.
  template <int dim>
  LoopState
  read_checkpoint(const std::string      &checkpoint,
                  const Fingerprint      &fingerprint,
                  QuasiStaticSolver<dim> &solver);
} // namespace mgrelax
