// An experiment and the one loop that runs every experiment.
//
// An experiment is a class deriving from Experiment<dim>: it declares and
// parses its own sections of the .prm file (through the registry below),
// builds its model on the solver (mesh, boundary roles, load), supplies the
// program of its load and temperature, may predict each step, observes each
// accepted step into a row of self-describing records, and summarizes the
// run in named scalar results.  run_experiment() owns everything else: the
// clock and the timing by phase, the progress lines, field output,
// accept/reject/cut-back, the policy for a run that stops early (it keeps
// the records so far and says why), and the hooks that observe accepted
// steps (field output today; in-situ output and checkpoints attach here).
//
// doc/architecture.md, "How to add an experiment", walks through one.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <functional>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "material/law.h"
#include "material/load_program.h"
#include "material/record_table.h"
#include "solver/checkpoint.h"
#include "solver/phase_timer.h"
#include "solver/quasi_static.h"

namespace mgrelax
{
  using material::RecordTable;

  // A named scalar result of a run (e.g. the mandrel's elastic surface
  // strain at release), for the run's report and for parameter studies.
  struct SummaryValue
  {
    std::string name;
    std::string unit;
    std::string description;
    double      value = 0.0;
  };

  // Which columns of the records a spectrum analysis inverts
  // (Output/spectrum analysis), and with which kernel: "creep" (a
  // retardation spectrum of a growing strain) or "recovery" (decaying
  // exponentials).
  struct SpectrumRequest
  {
    std::string time_column = "time";
    std::string strain_column;
    std::string kernel = "recovery";
  };

  // What every run shares, whatever the experiment.
  struct RunSettings
  {
    SolverSettings solver;
    double         initial_temperature = 295.0;
    // Fields: directory/NAME.pvd + .pvtu/.vtu at the start, every
    // `vtu_interval` accepted steps, at the end of every segment of the
    // program, at the experiment's milestones and at the end; none when the
    // directory is empty or the interval 0.
    std::string  output_directory;
    std::string  name         = "run";
    unsigned int vtu_interval = 0;
    // The records as they come, one flushed line per accepted step (rank
    // 0; solver/record_stream.h): this file (NAME.csv) and its column
    // documentation beside it (NAME_columns.csv); empty: none.
    std::string records_file;
    // The material file of the law, named in the failure dump
    // (NAME_failure.txt beside records_file; solver/failure_dump.h).
    std::string material_file;
    // Checkpoints (solver/checkpoint.h) go to checkpoint.directory (empty:
    // none, not even on a signal); `fingerprint` is what a checkpoint of
    // this run must match.  A non-empty `restart` continues from that
    // checkpoint instead of starting from the virgin state.
    CheckpointSettings checkpoint;
    Fingerprint        fingerprint;
    std::string        restart;
  };

  // An accepted step as the hooks see it.
  template <int dim> struct AcceptedStep
  {
    const QuasiStaticSolver<dim> &solver;
    const material::ProgramStep  &step;
    unsigned int                  number;    // 1, 2, ... (0: initial state)
    bool                          milestone; // end of a phase, or last step
    bool                          last;
    // The step's observables (its row of records) and the experiment's
    // constants(), e.g. for field data; empty for the initial state when it
    // is not a record.
    std::vector<std::pair<std::string, double>> observables = {};
  };

  template <int dim> class Experiment
  {
  public:
    virtual ~Experiment() = default;

    // A short name for the progress lines, e.g. "mandrel".
    virtual std::string
    title() const = 0;

    // Builds the mesh on solver.triangulation() and declares the boundary
    // conditions and the load; run_experiment() then calls solver.setup().
    virtual void
    build(QuasiStaticSolver<dim> &solver) = 0;

    // Called once after solver.setup(), before the first step.
    virtual void
    start(QuasiStaticSolver<dim> &)
    {}

    // The program of the load (value[0]) and temperature of the run.
    virtual std::vector<material::LoadSegment>
    program() const = 0;

    // Solves the step (with a predictor, rigid surfaces moved, ...).  The
    // default imposes the program's value as the load.
    virtual StepReport
    solve(QuasiStaticSolver<dim> &solver, const material::ProgramStep &step)
    {
      return solver.solve_step(step.dt, step.value[0], step.temperature);
    }

    // The observables of the state before the first step, if that state is
    // a record of its own: fills the row and returns true.
    virtual bool
    observe_initial(const QuasiStaticSolver<dim> &, RecordTable::Row &)
    {
      return false;
    }

    // The observables of an accepted step as one row; called after
    // solver.accept().  The loop appends the step's iteration counts
    // (newton_iterations, linear_iterations, factorizations).
    virtual void
    observe(const QuasiStaticSolver<dim> &solver,
            const material::ProgramStep  &step,
            RecordTable::Row             &row) = 0;

    // The experiment's part of a step's progress line, from its row.
    virtual void
    print_progress(std::ostream &, const RecordTable::Row &) const
    {}

    // Whether fields are written after this step besides the interval
    // (the end of a hold, a release).
    virtual bool
    milestone(const material::ProgramStep &) const
    {
      return false;
    }

    // Constants of the experiment that pictures need (e.g. the mandrel's
    // radius and axis), written with every frame's field data.
    virtual std::vector<std::pair<std::string, double>>
    constants() const
    {
      return {};
    }

    // The experiment's own state that accepted steps change (values kept
    // from a milestone, the last steps' observables), for checkpoints:
    // restore_state() sets it back, after build() and start(), and
    // re-applies what the state implies to the solver (a released
    // ribbon's free surface).  Throws std::invalid_argument naming a
    // missing value.
    virtual std::map<std::string, double>
    checkpoint_state() const
    {
      return {};
    }
    virtual void
    restore_state(QuasiStaticSolver<dim> &,
                  const std::map<std::string, double> &)
    {}

    // Named results of the run, from its records.
    virtual std::vector<SummaryValue>
    summary(const RecordTable &records) const = 0;

    // The records' columns a spectrum analysis inverts; an empty
    // strain_column: the experiment has none.
    virtual SpectrumRequest
    spectrum() const
    {
      return {};
    }

    // Further tables derived from the records (e.g. "dma": the dynamic
    // moduli per cycle), written as NAME_<key>.csv.
    virtual std::map<std::string, RecordTable>
    tables(const RecordTable &) const
    {
      return {};
    }
  };

  // Observes every accepted step (field output, in-situ output,
  // checkpoints).
  template <int dim>
  using StepHook = std::function<void(const AcceptedStep<dim> &)>;

  struct RunResult
  {
    RecordTable                        records;
    std::vector<SummaryValue>          summary;
    std::map<std::string, RecordTable> tables;
    SpectrumRequest                    spectrum;
    unsigned long long                 n_dofs            = 0;
    unsigned int                       steps             = 0;
    unsigned int                       newton_iterations = 0;
    unsigned int                       cutbacks          = 0;
    double                             wall_time         = 0.0;
    // Empty unless the run stopped early (a step could not be cut
    // further); the records then hold the steps before.
    std::string error;
    // Empty unless the in-situ output failed (the records are complete).
    std::string in_situ_error;
    // The signal (SIGTERM, SIGINT; solver/stop_request.h) after which the
    // run stopped, at the same step on every rank; 0: none.
    int stop_signal = 0;

    // A summary value by name; throws std::out_of_range if there is none.
    double
    result(const std::string &name) const;
  };

  // Runs the experiment on `comm` with the law.  Progress lines and the
  // timing table go to `progress` on rank 0 when it is not null.
  template <int dim>
  RunResult
  run_experiment(Experiment<dim>                  &experiment,
                 const material::MaterialLaw      &law,
                 const RunSettings                &settings,
                 MPI_Comm                          comm,
                 std::ostream                     *progress,
                 const std::vector<StepHook<dim>> &hooks = {});

  // ---------------------------------------------------------------------
  // The registry: `experiment = NAME` in a .prm file selects the entry
  // NAME.  An experiment registers itself in its own file:
  //
  //   const ExperimentRegistration tension{"tension", "...", declare, make};
  //
  // `declare` adds the experiment's own sections and entries to the
  // ParameterHandler (the shared ones, Finite elements, Linear solver,
  // Newton, Output, are declared by the run command), and `make` reads them
  // after parsing and returns the experiment for the dimension, throwing
  // std::invalid_argument naming the entry for a bad value.
  struct ExperimentContext
  {
    unsigned int dimension           = 3;
    double       initial_temperature = 295.0;
    // The solver's settings, kinematics resolved ("auto" is the factory's
    // large_rotations_by_default).
    SolverSettings solver;
  };

  struct ExperimentFactory
  {
    std::string                                     description;
    std::function<void(dealii::ParameterHandler &)> declare;
    std::function<std::unique_ptr<Experiment<2>>(dealii::ParameterHandler &,
                                                 const ExperimentContext &)>
        make_2d;
    std::function<std::unique_ptr<Experiment<3>>(dealii::ParameterHandler &,
                                                 const ExperimentContext &)>
        make_3d;
    // Total Lagrangian when the file says "auto".
    bool large_rotations_by_default = false;
    // A script of postprocess/ that plots the records (run when
    // /usr/bin/python3 has matplotlib), e.g. "plot_mandrel.py"; empty: none.
    std::string plot_script;
  };

  const std::map<std::string, ExperimentFactory> &
  experiment_registry();

  // Registers a factory at static initialization (in the experiment's own
  // file; the experiments are linked as objects so that none is dropped).
  struct ExperimentRegistration
  {
    ExperimentRegistration(const std::string &name, ExperimentFactory factory);
  };

  // "a|b|c": the registered names, for the `experiment` entry's pattern.
  std::string
  registered_experiments();
} // namespace mgrelax
