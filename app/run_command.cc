// `mgrelax run FILE.prm`: a spatial simulation.  The file names the
// experiment (`experiment = NAME`, a name of the registry in
// solver/experiment.h); the run declares the sections every experiment
// shares (the material, Finite elements, Linear solver, Newton, Output),
// the experiment declares its own, and an entry that neither declares is
// an error naming the file and line.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <stdexcept>

#include "app/commands.h"
#include "app/spectrum_command.h"
#include "material/load_program.h"
#include "material/point_driver.h"
#include "solver/catalyst/catalyst_adaptor.h"
#include "solver/experiment.h"
#include "solver/material_input.h"
#include "solver/output_files.h"
#include "solver/parameter_file_scan.h"
#include "solver/stop_request.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    // Beyond this many field outputs a run warns (each is one .vtu per
    // rank).
    constexpr double max_field_frames = 2000;

    // The section Output.
    struct OutputParameters
    {
      std::string  name, directory;
      unsigned int vtu_interval      = 10;
      bool         spectrum_analysis = false;

      static void
      declare_parameters(ParameterHandler &prm)
      {
        const OutputParameters d;
        prm.enter_subsection("Output");
        prm.declare_entry("name",
                          d.name,
                          Patterns::Anything(),
                          "Run name; default: the input file's name.");
        prm.declare_entry("directory",
                          d.directory,
                          Patterns::Anything(),
                          "Output directory; default: output/NAME.");
        prm.declare_entry("vtu interval",
                          std::to_string(d.vtu_interval),
                          Patterns::Integer(0),
                          "Write ParaView fields every this many steps (and "
                          "at the start, the experiment's milestones and the "
                          "end); 0 = none.");
        prm.declare_entry("spectrum analysis",
                          d.spectrum_analysis ? "true" : "false",
                          Patterns::Bool(),
                          "After the run, invert the run's own CSV as `mgrelax "
                          "spectrum` does (defaults of that command) on the "
                          "experiment's columns (mandrel: recovery of "
                          "normalized_anelastic after the release; bending "
                          "under force: creep kernel on normalized_anelastic; "
                          "under displacement: decaying exponentials on "
                          "normalized_reaction; tension: creep kernel on "
                          "anelastic_strain).  Writes NAME_spectrum.csv, "
                          "NAME_fit.csv, NAME_peaks.csv, NAME_lambda.csv and "
                          "plots next to NAME.csv.");
        prm.leave_subsection();
      }

      void
      parse_parameters(ParameterHandler &prm)
      {
        prm.enter_subsection("Output");
        name              = prm.get("name");
        directory         = prm.get("directory");
        vtu_interval      = prm.get_integer("vtu interval");
        spectrum_analysis = prm.get_bool("spectrum analysis");
        prm.leave_subsection();
      }
    };

    // The entries of the file's top level.
    void
    declare_top_level(ParameterHandler &prm)
    {
      prm.declare_entry(
          "experiment",
          "cantilever",
          Patterns::Selection(registered_experiments()),
          "The experiment to simulate: " + registered_experiments() +
              " (`mgrelax run --print-parameters NAME` lists "
              "the entries of one).");
      prm.declare_entry("material file",
                        "",
                        Patterns::FileName(),
                        "Material parameter set, relative to this file.");
      prm.declare_entry("dimension",
                        "3",
                        Patterns::Integer(2, 3),
                        "3: the ribbon in 3D; 2: its length x thickness "
                        "section in plane strain.");
      prm.declare_entry("initial temperature",
                        "295",
                        Patterns::Double(0.0),
                        "Temperature at t = 0 in K, in [1, 5000].");
    }

    // Every entry an experiment's file may hold.
    void
    declare_run_parameters(ParameterHandler        &prm,
                           const ExperimentFactory &factory)
    {
      declare_top_level(prm);
      SolverSettings::declare_parameters(prm);
      OutputParameters::declare_parameters(prm);
      CatalystSettings::declare_parameters(prm);
      CheckpointSettings::declare_parameters(prm);
      factory.declare(prm);
    }

    const ExperimentFactory &
    factory_of(const std::string &experiment)
    {
      const auto &registry = experiment_registry();
      const auto  found    = registry.find(experiment);
      if (found == registry.end())
        throw std::invalid_argument("unknown experiment '" + experiment +
                                    "' (known: " + registered_experiments() +
                                    ")");
      return found->second;
    }

    // The experiment a file names: its top level read alone, every other
    // entry skipped (errors in them are reported by the full parse, an
    // include cycle by the scan first).
    std::string
    experiment_of(const std::string &file)
    {
      ParameterHandler prm;
      declare_top_level(prm);
      scan_parameter_file(file);
      try
        {
          prm.parse_input(file, "", true);
        }
      catch (...)
        {}
      return prm.get("experiment");
    }

    // A prepared run: the parsed file and what it selects.
    struct Run
    {
      std::string                            experiment;
      const ExperimentFactory               *factory = nullptr;
      std::unique_ptr<material::MaterialLaw> law;
      RunSettings                            settings;
      ExperimentContext                      context;
      OutputParameters                       output;
      CatalystSettings                       catalyst;
    };

    // Sets the entry at `path` ("Geometry/thickness": subsections and the
    // entry's name joined by '/') after the file was parsed, as `mgrelax
    // sweep` varies it; refuses an undeclared entry or a value outside its
    // pattern naming both.
    void
    set_entry(ParameterHandler &prm, const std::string &file, const Override &o)
    {
      const std::string       &path = o.first;
      std::vector<std::string> names;
      for (std::size_t from = 0, to = 0; to != std::string::npos; from = to + 1)
        names.push_back(path.substr(from, (to = path.find('/', from)) - from));
      try
        {
          for (std::size_t i = 0; i + 1 < names.size(); ++i)
            prm.enter_subsection(names[i]);
          prm.set(names.back(), o.second);
        }
      catch (const dealii::ExceptionBase &e)
        {
          throw std::invalid_argument("'" + file + "': entry '" + path +
                                      "' = '" + o.second +
                                      "': " + trim_message(e.what()));
        }
      for (std::size_t i = 0; i + 1 < names.size(); ++i)
        prm.leave_subsection();
    }

    Run
    prepare(ParameterHandler            &prm,
            const std::string           &file,
            const std::vector<Override> &overrides = {})
    {
      Run run;
      run.experiment = experiment_of(file);
      run.factory    = &factory_of(run.experiment);
      declare_run_parameters(prm, *run.factory);
      parse_parameter_file(prm, file);
      for (const Override &o : overrides)
        set_entry(prm, file, o);
      const auto where = [&](const std::string &what) {
        return "'" + file + "': " + what;
      };
      try
        {
          if (prm.get("material file").empty())
            throw std::invalid_argument("entry 'material file' is not set");
          run.context.dimension = prm.get_integer("dimension");
          run.context.initial_temperature =
              material::check_temperature(prm.get_double("initial temperature"),
                                          "entry 'initial temperature'");
          run.context.solver.parse_parameters(prm);
          prm.enter_subsection("Finite elements");
          const std::string kinematics = prm.get("kinematics");
          prm.leave_subsection();
          run.context.solver.large_rotations =
              kinematics == "total Lagrangian" ||
              (kinematics == "auto" && run.factory->large_rotations_by_default);
          run.context.solver.check();
          run.output.parse_parameters(prm);
          run.catalyst.parse_parameters(prm, file);
          const OutputLocation location(
              file, run.output.name, run.output.directory);
          run.catalyst.output_directory = location.directory() + "/catalyst";
          run.settings.checkpoint.parse_parameters(prm);
          std::string &checkpoints = run.settings.checkpoint.directory;
          checkpoints =
              checkpoints.empty()
                  ? location.file("_checkpoint")
                  : (std::filesystem::path(location.directory()) / checkpoints)
                        .string();
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument(where(e.what()));
        }
      run.settings.material_file = resolve_path(prm.get("material file"), file);
      run.law                    = read_material(run.settings.material_file);
      run.settings.fingerprint   = run_fingerprint(prm, *run.law);
      run.settings.solver        = run.context.solver;
      run.settings.initial_temperature = run.context.initial_temperature;
      run.settings.vtu_interval        = run.output.vtu_interval;
      return run;
    }

    // A program that cannot finish is refused; one whose fields would fill
    // a disk is a warning (issue 16, finding 2).
    void
    check_program_size(const std::vector<material::LoadSegment> &program,
                       const RunSettings                        &settings,
                       const MPI_Comm                            comm,
                       std::ostream                             *progress)
    {
      const double steps = material::check_step_count(program);
      if (progress == nullptr || settings.vtu_interval == 0 ||
          steps / settings.vtu_interval <= max_field_frames ||
          dealii::Utilities::MPI::this_mpi_process(comm) != 0)
        return;
      std::cerr << "mgrelax: warning: the load program takes about "
                << format_number(steps)
                << " steps: with 'Output/vtu interval = "
                << settings.vtu_interval << "' that is about "
                << format_number(std::round(steps / settings.vtu_interval))
                << " field outputs; raise the interval to write fewer\n";
    }

    template <int dim>
    RunResult
    simulate(const Run         &run,
             ParameterHandler  &prm,
             const std::string &file,
             const MPI_Comm     comm,
             std::ostream      *progress)
    {
      std::unique_ptr<Experiment<dim>> experiment;
      try
        {
          if constexpr (dim == 2)
            experiment = run.factory->make_2d(prm, run.context);
          else
            experiment = run.factory->make_3d(prm, run.context);
          check_program_size(
              experiment->program(), run.settings, comm, progress);
          // The input is accepted: the outputs of an earlier run of this
          // NAME go (rank 0), so the directory holds this run's alone (a
          // restart keeps them: it continues that run).
          if (!run.settings.records_file.empty() &&
              run.settings.restart.empty() &&
              dealii::Utilities::MPI::this_mpi_process(comm) == 0)
            {
              remove_run_outputs(
                  std::filesystem::path(run.settings.records_file)
                      .parent_path()
                      .string(),
                  run.settings.name);
              remove_checkpoints(run.settings.checkpoint.directory);
            }
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument("'" + file + "': " + e.what());
        }
      if (!run.catalyst.enabled())
        return run_experiment(
            *experiment, *run.law, run.settings, comm, progress);
      // In situ: the Catalyst pipelines observe the accepted steps.
      CatalystAdaptor<dim> catalyst(run.catalyst, comm);
      RunResult            result = run_experiment(
          *experiment,
          *run.law,
          run.settings,
          comm,
          progress,
          {[&](const AcceptedStep<dim> &s) { catalyst.observe(s); }});
      result.in_situ_error = catalyst.finish(progress);
      return result;
    }

    RunResult
    simulate(const Run         &run,
             ParameterHandler  &prm,
             const std::string &file,
             const MPI_Comm     comm,
             std::ostream      *progress)
    {
      return run.context.dimension == 3
                 ? simulate<3>(run, prm, file, comm, progress)
                 : simulate<2>(run, prm, file, comm, progress);
    }

    // The records, their documentation, the derived tables, the plot and
    // the spectrum analysis (rank 0).
    void
    write_outputs(const Run            &run,
                  const RunResult      &result,
                  const OutputLocation &location,
                  std::ostream         &log,
                  const bool            plot = true)
    {
      const auto write = [&](const std::string &suffix, const auto &writer) {
        AtomicFile out(location.file(suffix));
        writer(out.stream());
        out.commit();
      };
      // NAME.csv and NAME_columns.csv were written as the steps came.
      if (!result.records.empty())
        log << "  wrote " << location.file(".csv")
            << " (columns: " << location.file("_columns.csv") << ")\n";
      for (const auto &[key, table] : result.tables)
        {
          write("_" + key + ".csv",
                [&](std::ostream &o) { table.write_csv(o); });
          log << "  wrote " << location.file("_" + key + ".csv") << "\n";
        }
      if (plot && !run.factory->plot_script.empty() &&
          run_plot_script(run.factory->plot_script,
                          {location.file(".csv"), "-o", location.file(".png")}))
        log << "  wrote " << location.file(".png") << "\n";
      if (run.settings.vtu_interval > 0 &&
          !run.settings.output_directory.empty())
        log << "  wrote " << location.file(".pvd") << " (open in ParaView)\n";
      const bool complete = result.error.empty() && result.stop_signal == 0;
      if (run.output.spectrum_analysis && !complete)
        log << "  note: no spectrum analysis of a run that stopped early\n";
      if (run.output.spectrum_analysis && complete &&
          !result.spectrum.strain_column.empty())
        {
          SpectrumAnalysisOptions o;
          o.time_column   = result.spectrum.time_column;
          o.strain_column = result.spectrum.strain_column;
          o.inversion.kernel =
              postprocess::parse_kernel(result.spectrum.kernel);
          o.name      = location.name();
          o.directory = location.directory();
          // An analysis that does not apply to this run's curve (too few
          // points, a strain that is zero everywhere) is a note, not a
          // failure of a run that went well.
          try
            {
              analyse_and_write_spectrum(location.file(".csv"), o, log);
            }
          catch (const std::invalid_argument &e)
            {
              log << "  note: no spectrum analysis of this run: " << e.what()
                  << "\n";
            }
        }
    }

    void
    print_summary(const std::string &experiment,
                  const RunResult   &result,
                  std::ostream      &log)
    {
      log << experiment << ": " << result.steps << " steps, "
          << result.newton_iterations << " Newton iterations, "
          << result.cutbacks << " cut steps, " << result.n_dofs << " DoFs, "
          << result.wall_time << " s\n";
      for (const SummaryValue &v : result.summary)
        log << "  " << v.name << " = " << v.value
            << (v.unit.empty() || v.unit == "-" ? "" : " " + v.unit) << "  ("
            << v.description << ")\n";
    }

    // `--print-parameters [FILE | EXPERIMENT]`: every entry with its
    // documentation and default (with FILE: its values).
    int
    print_parameters(const std::string &argument, const bool root)
    {
      ParameterHandler prm;
      if (!argument.empty() && experiment_registry().count(argument) == 0)
        {
          prepare(prm, argument);
        }
      else
        {
          const std::string name = argument.empty() ? "cantilever" : argument;
          declare_run_parameters(prm, factory_of(name));
          prm.set("experiment", name);
        }
      if (root)
        prm.print_parameters(std::cout, ParameterHandler::PRM);
      return 0;
    }
  } // namespace

  RunResult
  simulate_input(const std::string &file,
                 const MPI_Comm     comm,
                 std::ostream      *progress)
  {
    ParameterHandler prm;
    Run              run = prepare(prm, file);
    return simulate(run, prm, file, comm, progress);
  }

  RunResult
  simulate_case(const std::string           &file,
                const std::vector<Override> &overrides,
                const std::string           &output_directory,
                const MPI_Comm               comm,
                std::ostream                *progress,
                const bool                   plot)
  {
    ParameterHandler     prm;
    Run                  run = prepare(prm, file, overrides);
    const OutputLocation location(file, run.output.name, output_directory);
    run.settings.name = location.name();
    if (run.output.vtu_interval > 0)
      run.settings.output_directory = location.directory();
    // A sweep resumes by case (app/sweep_command.h): no checkpoints.
    run.settings.checkpoint.directory.clear();
    const RunResult result = simulate(run, prm, file, comm, progress);
    if (progress != nullptr &&
        dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      {
        print_summary(run.experiment, result, *progress);
        write_outputs(run, result, location, *progress, plot);
      }
    return result;
  }

  int
  run_command(const std::vector<std::string> &args)
  {
    const MPI_Comm comm = MPI_COMM_WORLD;
    const bool     root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    // `--restart DIR` takes a value; the other options do not.
    std::vector<std::string> rest = args;
    std::string              restart;
    for (auto a = rest.begin(); a != rest.end(); ++a)
      if (*a == "--restart")
        {
          if (a + 1 == rest.end() || (a + 1)->empty() || (*(a + 1))[0] == '-')
            throw std::invalid_argument(
                "mgrelax run: --restart needs a checkpoint directory "
                "(usage: mgrelax run FILE.prm --restart DIR)");
          restart = *(a + 1);
          rest.erase(a, a + 2);
          break;
        }
    const CommandArguments arguments =
        parse_command_arguments("run", rest, {"--print-parameters"});
    if (arguments.flags.count("--print-parameters"))
      return print_parameters(arguments.file, root);
    const std::string &file = arguments.file;
    if (file.empty())
      throw std::invalid_argument(
          "mgrelax run: no input file (usage: mgrelax run FILE.prm)");

    ParameterHandler     prm;
    Run                  run = prepare(prm, file);
    const OutputLocation location(file, run.output.name, run.output.directory);
    run.settings.name         = location.name();
    run.settings.records_file = location.file(".csv");
    run.settings.restart      = restart;
    // The field output creates the directory once the experiment has
    // been built (an input refused before leaves none).
    if (run.output.vtu_interval > 0)
      run.settings.output_directory = location.directory();
    install_stop_handlers();
    const RunResult result = simulate(run, prm, file, comm, &std::cout);
    if (root)
      {
        print_summary(run.experiment, result, std::cout);
        write_outputs(run, result, location, std::cout);
      }
    if (result.stop_signal != 0)
      {
        if (root)
          // On stdout, after the summary it belongs to (stderr would
          // interleave with it under mpirun).
          std::cout << "mgrelax run: stopped by "
                    << signal_name(result.stop_signal) << " after step "
                    << result.steps << "; " << location.file(".csv")
                    << " holds its " << result.records.size() << " records"
                    << std::endl;
        return stop_exit_status(result.stop_signal);
      }
    // Every rank stopped at the same step.
    if (!result.error.empty())
      throw std::runtime_error(
          "the " + run.experiment + " run stopped early: " + result.error +
          (result.records.empty()
               ? "; no step was accepted, so there is no CSV"
               : "; " + location.file(".csv") + " holds the " +
                     std::to_string(result.records.size()) +
                     " records before"));
    if (!result.in_situ_error.empty())
      throw std::runtime_error("the in-situ output of the " + run.experiment +
                               " run failed: " + result.in_situ_error +
                               "; the run's own results are complete");
    return 0;
  }
} // namespace mgrelax
