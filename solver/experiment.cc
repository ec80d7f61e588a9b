#include "solver/experiment.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <ostream>
#include <stdexcept>

#include "solver/failure_dump.h"
#include "solver/field_output.h"
#include "solver/output_files.h"
#include "solver/record_stream.h"
#include "solver/stop_request.h"

namespace mgrelax
{
  double
  RunResult::result(const std::string &name) const
  {
    for (const SummaryValue &v : summary)
      if (v.name == name)
        return v.value;
    throw std::out_of_range("no summary value '" + name + "'");
  }

  namespace
  {
    std::map<std::string, ExperimentFactory> &
    registry()
    {
      static std::map<std::string, ExperimentFactory> factories;
      return factories;
    }

    // The part of a progress line every experiment shares.
    void
    print_step(std::ostream                &out,
               const unsigned int           number,
               const material::ProgramStep &step)
    {
      out << "step " << std::setw(4) << number << "  t = " << std::setw(11)
          << std::setprecision(5) << step.time << " s  dt = " << std::setw(10)
          << step.dt << "  T = " << step.temperature << " K";
    }

    // The columns every record ends with.
    void
    add_iterations(RecordTable::Row &row, const StepReport &report)
    {
      row.add("newton_iterations",
              "",
              "Newton iterations of the step",
              report.newton_iterations)
          .add("linear_iterations",
               "",
               "CG iterations of the step",
               report.linear_iterations)
          .add("factorizations",
               "",
               "direct factorizations of the step",
               report.factorizations);
    }

    // A step's observables and the experiment's constants, for the hooks.
    template <int dim>
    std::vector<std::pair<std::string, double>>
    with_constants(const RecordTable::Row &row,
                   const Experiment<dim>  &experiment)
    {
      auto values = row.numbers();
      for (const auto &c : experiment.constants())
        values.push_back(c);
      return values;
    }

    // NAME_columns.csv beside NAME.csv.
    std::string
    columns_file(const std::string &csv)
    {
      const std::string stem = csv.substr(0, csv.rfind(".csv"));
      return csv.empty() ? "" : stem + "_columns.csv";
    }

    // No record holds NaN or Inf: the solver refuses a step whose solution
    // or law state is not finite (it is cut back), so a non-finite
    // observable of an accepted step is a defect the run cannot step
    // around; it stops rather than write it.  Empty: all finite.
    std::string
    non_finite(const RecordTable::Row &row)
    {
      const std::vector<std::string> names = row.non_finite();
      return names.empty() ? std::string()
                           : "the observable '" + names.front() +
                                 "' is not finite (NaN or Inf)";
    }

    // The failure dump of a run stopped by the law's failure at a point,
    // and the words for the run's error message ("" if none).
    template <int dim>
    std::string
    dump_failure(const QuasiStaticSolver<dim> &solver,
                 const RunSettings            &settings,
                 const MPI_Comm                comm)
    {
      const std::string file = failure_dump_file(settings.records_file);
      if (!write_failure_dump(
              solver.failed_point(), settings.material_file, file, comm))
        return "";
      return "; the failing point is in " + file +
             " (replay it: mgrelax point --replay " + file + ")";
    }

    // The largest strain component of any locally owned point's accepted
    // state.
    template <int dim>
    double
    largest_strain(const QuasiStaticSolver<dim> &solver)
    {
      double largest = 0.0;
      for (const auto &cell :
           solver.dof_handler().get_triangulation().active_cell_iterators())
        if (cell->is_locally_owned())
          for (const auto &state : solver.states(cell))
            for (unsigned int i = 0; i < 6; ++i)
              largest = std::max(largest, std::abs(state->begin_strain()[i]));
      return largest;
    }

    // Small strain is the model of a run unless it is total Lagrangian;
    // beyond a few percent its results mean little (issue 16, finding 15).
    constexpr double small_strain_limit = 0.05;
    void
    warn_validity(const RunSettings &settings,
                  const double       strain,
                  std::ostream      &out)
    {
      if (settings.solver.large_rotations || strain <= small_strain_limit)
        return;
      out << "  warning: a strain component reached " << strain
          << ", beyond the small-strain model's range (about "
          << small_strain_limit
          << "): set 'Finite elements/kinematics = total Lagrangian' for "
             "large rotations, and check the load and the material's "
             "moduli\n";
    }

    // The summary and derived tables.  Those of a run that stopped early
    // may not exist (a mandrel stopped before its release has no
    // springback): then a note says why, and the run's own reason for
    // stopping stays the message the user sees.
    template <int dim>
    void
    summarize(const Experiment<dim> &experiment,
              RunResult             &result,
              std::ostream          &out)
    {
      result.spectrum = experiment.spectrum();
      try
        {
          result.summary = experiment.summary(result.records);
          result.tables  = experiment.tables(result.records);
        }
      catch (const std::exception &e)
        {
          if (result.error.empty() && result.stop_signal == 0)
            throw;
          out << "  note: no summary of the incomplete run: " << e.what()
              << "\n";
        }
    }

    // Continues from the checkpoint settings.restart: the solver's state
    // (read_checkpoint), the program's position and the experiment's
    // state; returns the loop's position.  Errors name the checkpoint.
    template <int dim>
    LoopState
    restart(const RunSettings      &settings,
            Experiment<dim>        &experiment,
            QuasiStaticSolver<dim> &solver,
            material::LoadProgram  &program)
    {
      const std::string checkpoint = find_checkpoint(settings.restart);
      LoopState         loop =
          read_checkpoint(checkpoint, settings.fingerprint, solver);
      try
        {
          program.restore_state(loop.program);
          experiment.restore_state(solver, loop.experiment);
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument("checkpoint '" + checkpoint +
                                      "': " + e.what());
        }
      return loop;
    }

    // Writes a checkpoint of the loop's position; a checkpoint that cannot
    // be written is a warning (the run goes on, its outputs are intact).
    template <int dim>
    void
    checkpoint(const RunSettings            &settings,
               const QuasiStaticSolver<dim> &solver,
               const LoopState              &loop,
               std::ostream                 &out)
    {
      try
        {
          const std::string dir =
              write_checkpoint(settings.checkpoint.directory,
                               settings.checkpoint.keep,
                               settings.fingerprint,
                               solver,
                               loop);
          out << "  checkpoint " << dir << "\n";
        }
      catch (const std::runtime_error &e)
        {
          out << "  warning: no checkpoint: " << e.what() << "\n";
        }
    }

    void
    print_iterations(std::ostream &out, const StepReport &report)
    {
      out << "  Newton " << report.newton_iterations << ", CG "
          << report.linear_iterations
          << (report.factorizations ? ", refactored" : "") << "\n"
          << std::flush; // a batch job's log shows each step as it ends
    }
  } // namespace

  const std::map<std::string, ExperimentFactory> &
  experiment_registry()
  {
    return registry();
  }

  ExperimentRegistration::ExperimentRegistration(const std::string &name,
                                                 ExperimentFactory  factory)
  {
    registry().emplace(name, std::move(factory));
  }

  std::string
  registered_experiments()
  {
    std::string names;
    for (const auto &[name, factory] : registry())
      names += (names.empty() ? "" : "|") + name;
    return names;
  }

  template <int dim>
  RunResult
  run_experiment(Experiment<dim>                  &experiment,
                 const material::MaterialLaw      &law,
                 const RunSettings                &settings,
                 const MPI_Comm                    comm,
                 std::ostream                     *progress,
                 const std::vector<StepHook<dim>> &extra_hooks)
  {
    PhaseTimer    timer;
    const bool    root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    std::ostream  null_stream(nullptr);
    std::ostream &out = progress != nullptr && root ? *progress : null_stream;

    QuasiStaticSolver<dim> solver(
        comm, law, settings.solver, settings.initial_temperature);
    solver.set_timer(&timer);
    solver.set_log(progress != nullptr && root ? progress : nullptr);
    {
      PhaseTimer::Scope scope(&timer, "setup");
      experiment.build(solver);
      solver.setup();
      experiment.start(solver);
    }
    RunResult result;
    result.n_dofs = solver.n_dofs();
    out << experiment.title() << " (" << dim << "D, "
        << (settings.solver.large_rotations ? "total Lagrangian"
                                            : "small strain")
        << "): " << solver.triangulation().n_global_active_cells() << " cells, "
        << result.n_dofs << " DoFs, "
        << dealii::Utilities::MPI::n_mpi_processes(comm) << " MPI rank(s)\n";

    material::LoadProgram program(experiment.program(),
                                  settings.initial_temperature);
    LoopState             loop;
    if (!settings.restart.empty())
      {
        PhaseTimer::Scope scope(&timer, "setup");
        loop = restart(settings, experiment, solver, program);
        out << "continuing from the checkpoint of step " << loop.steps
            << " (t = " << loop.time << " s)\n";
      }
    // The output directory only now that the input has been accepted.
    if (root && settings.vtu_interval > 0 && !settings.output_directory.empty())
      create_parent_directories(settings.output_directory + "/" +
                                settings.name);
    dealii::Utilities::MPI::broadcast(comm, 0, 0);
    // Field output is the first hook; the others follow it.
    FieldSeries<dim> fields(
        settings.output_directory, settings.name, settings.vtu_interval, comm);
    fields.restore(loop.frames);
    std::vector<StepHook<dim>> hooks{[&](const AcceptedStep<dim> &s) {
      PhaseTimer::Scope scope(&timer, "output");
      fields.observe(s);
    }};
    for (const StepHook<dim> &hook : extra_hooks)
      hooks.push_back([&timer, hook](const AcceptedStep<dim> &s) {
        PhaseTimer::Scope scope(&timer, "in-situ");
        hook(s);
      });

    // A row of records ends with the step's iteration counts; it is
    // written (rank 0) as soon as it is known.
    RecordStream records(root ? settings.records_file : "",
                         columns_file(settings.records_file));
    const auto append = [&](RecordTable::Row &row, const StepReport &report) {
      add_iterations(row, report);
      const std::string error = non_finite(row);
      if (error.empty())
        {
          result.records.append(row);
          records.write_last(result.records);
        }
      return error;
    };
    if (settings.restart.empty())
      {
        const material::ProgramStep initial{
            0, 0.0, 0.0, {}, settings.initial_temperature, false};
        RecordTable::Row row;
        if (experiment.observe_initial(solver, row))
          result.error = append(row, StepReport());
        const auto observables = with_constants(row, experiment);
        for (const auto &hook : hooks)
          hook({solver, initial, 0, false, false, observables});
      }
    else
      {
        result.records           = loop.records;
        result.steps             = loop.steps;
        result.newton_iterations = loop.newton_iterations;
        result.cutbacks          = loop.cutbacks;
        records.write_from(result.records, 0);
      }

    // The loop's position for a checkpoint (after an accepted step).
    double     max_strain      = loop.max_strain;
    double     last_checkpoint = 0.0;
    const auto save            = [&](const double time) {
      PhaseTimer::Scope scope(&timer, "checkpoint");
      checkpoint(settings,
                 solver,
                 {result.steps,
                  result.newton_iterations,
                  result.cutbacks,
                  max_strain,
                  time,
                  program.state(),
                  experiment.checkpoint_state(),
                  fields.frames(),
                  result.records},
                 out);
      // The run that writes a checkpoint goes on as one continued from it.
      solver.restart_linear_solver();
      last_checkpoint = timer.elapsed();
    };
    const CheckpointSettings &every = settings.checkpoint;
    const auto                due   = [&]() {
      if (every.directory.empty())
        return false;
      if (every.every_steps > 0 && result.steps % every.every_steps == 0)
        return true;
      return every.every_minutes > 0.0 &&
             dealii::Utilities::MPI::max(timer.elapsed() - last_checkpoint,
                                         comm) >= 60.0 * every.every_minutes;
    };
    double time = loop.time;
    while (result.error.empty() && !program.finished())
      {
        // Collective: every rank stops after the same step.
        if ((result.stop_signal = stop_signal_on_any_rank(comm)) != 0)
          {
            out << "  " << signal_name(result.stop_signal)
                << " received: stopping after step " << result.steps << "\n";
            if (every.on_signal && !every.directory.empty() &&
                result.steps > loop.steps)
              save(time);
            break;
          }
        const material::ProgramStep s      = program.next();
        const StepReport            report = experiment.solve(solver, s);
        if (!report.converged)
          {
            solver.reject();
            out << "  step rejected at t = " << s.time
                << " s: " << report.message << "; cutting the step\n";
            try
              {
                program.cut(report.time_step_factor);
              }
            catch (const std::exception &e)
              {
                // The one policy for a run that stops early: keep the
                // records so far; the caller writes them and says why.
                result.error = e.what() + (": " + report.message) +
                               dump_failure(solver, settings, comm);
                break;
              }
            ++result.cutbacks;
            continue;
          }
        solver.accept();
        program.accept();
        ++result.steps;
        result.newton_iterations += report.newton_iterations;
        time = s.time;

        RecordTable::Row row;
        {
          PhaseTimer::Scope scope(&timer, "observe");
          experiment.observe(solver, s, row);
          result.error = append(row, report);
        }
        if (!result.error.empty())
          break;
        max_strain = std::max(max_strain, largest_strain(solver));
        print_step(out, result.steps, s);
        experiment.print_progress(out, row);
        print_iterations(out, report);
        const bool last        = program.finished();
        const auto observables = with_constants(row, experiment);
        for (const auto &hook : hooks)
          hook({solver,
                s,
                result.steps,
                experiment.milestone(s) || last,
                last,
                observables});
        if (!last && due())
          save(time);
      }
    records.commit();
    warn_validity(settings, dealii::Utilities::MPI::max(max_strain, comm), out);
    summarize(experiment, result, out);
    result.wall_time = dealii::Utilities::MPI::max(timer.elapsed(), comm);
    timer.print(out, comm); // collective: every rank takes part
    return result;
  }

  template RunResult
  run_experiment<2>(Experiment<2> &,
                    const material::MaterialLaw &,
                    const RunSettings &,
                    MPI_Comm,
                    std::ostream *,
                    const std::vector<StepHook<2>> &);
  template RunResult
  run_experiment<3>(Experiment<3> &,
                    const material::MaterialLaw &,
                    const RunSettings &,
                    MPI_Comm,
                    std::ostream *,
                    const std::vector<StepHook<3>> &);
} // namespace mgrelax
