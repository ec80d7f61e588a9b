// `mgrelax run FILE.prm`: a spatial simulation.  The file names the
// experiment (`experiment = NAME`, a name of the registry in
// solver/experiment.h); the run declares the sections every experiment
// shares (the material, Finite elements, Linear solver, Newton, Output),
// the experiment declares its own, and an entry that neither declares is
// an error naming the file and line.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <iostream>
#include <stdexcept>

#include "app/commands.h"
#include "app/spectrum_command.h"
#include "material/point_driver.h"
#include "solver/experiment.h"
#include "solver/material_input.h"
#include "solver/output_files.h"
#include "solver/parameter_file_scan.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
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
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument(where(e.what()));
        }
      run.law = read_material(resolve_path(prm.get("material file"), file));
      run.settings.solver              = run.context.solver;
      run.settings.initial_temperature = run.context.initial_temperature;
      run.settings.vtu_interval        = run.output.vtu_interval;
      return run;
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
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument("'" + file + "': " + e.what());
        }
      return run_experiment(
          *experiment, *run.law, run.settings, comm, progress);
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
      write(".csv", [&](std::ostream &o) { result.records.write_csv(o); });
      write("_columns.csv", [&](std::ostream &o) {
        result.records.write_column_documentation(o);
      });
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
      if (run.output.spectrum_analysis && result.error.empty() &&
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
    const CommandArguments arguments =
        parse_command_arguments("run", args, {"--print-parameters"});
    if (arguments.flags.count("--print-parameters"))
      return print_parameters(arguments.file, root);
    const std::string &file = arguments.file;
    if (file.empty())
      throw std::invalid_argument(
          "mgrelax run: no input file (usage: mgrelax run FILE.prm)");

    ParameterHandler     prm;
    Run                  run = prepare(prm, file);
    const OutputLocation location(file, run.output.name, run.output.directory);
    run.settings.name = location.name();
    // The field output creates the directory once the experiment has
    // been built (an input refused before leaves none).
    if (run.output.vtu_interval > 0)
      run.settings.output_directory = location.directory();
    const RunResult result = simulate(run, prm, file, comm, &std::cout);
    if (root)
      {
        print_summary(run.experiment, result, std::cout);
        write_outputs(run, result, location, std::cout);
      }
    // Every rank stopped at the same step.
    if (!result.error.empty())
      throw std::runtime_error(
          "the " + run.experiment + " run stopped early: " + result.error +
          "; " + location.file(".csv") + " holds the " +
          std::to_string(result.records.size()) + " records before");
    return 0;
  }
} // namespace mgrelax
