// `mgrelax run FILE.prm`: a spatial simulation.  The file names the
// experiment; the sections every experiment shares (material, finite
// elements, solvers, load program, output) are declared here.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <iostream>
#include <stdexcept>

#include "solver/cantilever.h"
#include "solver/commands.h"
#include "solver/material_input.h"
#include "solver/output_files.h"
#include "solver/spectrum_command.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    void
    declare_run_parameters(ParameterHandler &prm)
    {
      prm.declare_entry("experiment",
                        "cantilever",
                        Patterns::Selection("cantilever"),
                        "The experiment to simulate.");
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
                        "Temperature at t = 0 in K.");
      declare_cantilever_parameters(prm);
      prm.enter_subsection("Finite elements");
      prm.declare_entry("degree",
                        "2",
                        Patterns::Integer(1, 4),
                        "Polynomial degree (linear hexes lock in bending: "
                        "use 2).");
      prm.declare_entry("quadrature points",
                        "0",
                        Patterns::Integer(0, 8),
                        "Gauss points per direction; 0 = degree + 1.");
      prm.leave_subsection();
      prm.enter_subsection("Linear solver");
      prm.declare_entry("type",
                        "direct",
                        Patterns::Selection("direct|cg-amg"),
                        "direct: sparse direct factorization, reused as a CG "
                        "preconditioner across Newton iterations and steps; "
                        "cg-amg: CG with algebraic multigrid (large 3D "
                        "models; converges poorly on thin ribbons).");
      prm.declare_entry("direct package",
                        "Amesos_Mumps",
                        Patterns::Selection("Amesos_Mumps|Amesos_Klu"),
                        "Amesos package of the direct solver.");
      prm.declare_entry("refactor iterations",
                        "20",
                        Patterns::Integer(1, 1000),
                        "Refactor when CG preconditioned by the last "
                        "factorization needs more iterations than this.");
      prm.declare_entry("tolerance",
                        "1e-12",
                        Patterns::Double(0.0, 1e-3),
                        "Relative tolerance of iterative linear solves.");
      prm.leave_subsection();
      prm.enter_subsection("Newton");
      prm.declare_entry("tolerance",
                        "1e-9",
                        Patterns::Double(0.0, 1e-2),
                        "Residual norm relative to the internal forces.");
      prm.declare_entry("verbose",
                        "false",
                        Patterns::Bool(),
                        "Print the residual and the correction of every "
                        "Newton iteration.");
      prm.declare_entry("max iterations",
                        "12",
                        Patterns::Integer(1, 100),
                        "Newton iterations before the step is cut.");
      prm.leave_subsection();
      prm.enter_subsection("Load program");
      prm.declare_entry("control",
                        "force",
                        Patterns::Selection("force|displacement"),
                        "What the program imposes on the load patch "
                        "(cantilever: the tip force P in N, or the tip "
                        "deflection in m, both downwards).");
      prm.declare_entry("segments",
                        "jump to=2e-4; hold duration=200 dt0=1.5e-3",
                        Patterns::Anything(),
                        "Load program of the experiment's load (cantilever: "
                        "the tip force P in N), in the grammar of `mgrelax "
                        "point` (jump, ramp, hold, sine; T= for the "
                        "temperature).");
      prm.leave_subsection();
      prm.enter_subsection("Output");
      prm.declare_entry("name",
                        "",
                        Patterns::Anything(),
                        "Run name; default: the input file's name.");
      prm.declare_entry("directory",
                        "",
                        Patterns::Anything(),
                        "Output directory; default: output/NAME.");
      prm.declare_entry("vtu interval",
                        "10",
                        Patterns::Integer(0),
                        "Write ParaView fields every this many steps (and at "
                        "the start and end); 0 = none.");
      prm.declare_entry("spectrum analysis",
                        "false",
                        Patterns::Bool(),
                        "After the run, invert the run's own CSV as `mgrelax "
                        "spectrum` does (defaults of that command): force "
                        "control: creep kernel on normalized_anelastic "
                        "(retardation spectrum); displacement control: "
                        "decaying exponentials on normalized_reaction "
                        "(relaxation spectrum).  Writes NAME_spectrum.csv, "
                        "NAME_fit.csv, NAME_peaks.csv, NAME_lambda.csv and "
                        "plots next to NAME.csv.");
      prm.leave_subsection();
    }
  } // namespace

  int
  run_command(const std::vector<std::string> &args)
  {
    const MPI_Comm comm = MPI_COMM_WORLD;
    const bool     root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    const CommandArguments arguments =
        parse_command_arguments("run", args, {"--print-parameters"});
    const std::string &file     = arguments.file;
    const bool print_parameters = arguments.flags.count("--print-parameters");

    ParameterHandler prm;
    declare_run_parameters(prm);
    if (print_parameters)
      {
        if (root)
          prm.print_parameters(std::cout, ParameterHandler::PRM);
        return 0;
      }
    if (file.empty())
      throw std::invalid_argument(
          "mgrelax run: no input file (usage: mgrelax run FILE.prm)");
    parse_parameter_file(prm, file);

    const auto where = [&](const std::string &what) {
      return "'" + file + "': " + what;
    };
    CantileverParameters p;
    try
      {
        p = parse_cantilever_parameters(prm);
      }
    catch (const std::invalid_argument &e)
      {
        throw std::invalid_argument(where(e.what()));
      }
    if (prm.get("material file").empty())
      throw std::invalid_argument(where("entry 'material file' is not set"));
    const auto law =
        read_material(resolve_path(prm.get("material file"), file));
    p.dimension           = prm.get_integer("dimension");
    p.initial_temperature = prm.get_double("initial temperature");
    if (!(p.initial_temperature > 0.0))
      throw std::invalid_argument(where("'initial temperature' must be > 0 K"));
    prm.enter_subsection("Finite elements");
    p.solver.degree            = prm.get_integer("degree");
    p.solver.quadrature_points = prm.get_integer("quadrature points");
    prm.leave_subsection();
    prm.enter_subsection("Linear solver");
    p.solver.linear_solver       = prm.get("type");
    p.solver.direct_package      = prm.get("direct package");
    p.solver.refactor_iterations = prm.get_integer("refactor iterations");
    p.solver.linear_tolerance    = prm.get_double("tolerance");
    prm.leave_subsection();
    prm.enter_subsection("Newton");
    p.solver.newton_tolerance      = prm.get_double("tolerance");
    p.solver.max_newton_iterations = prm.get_integer("max iterations");
    p.solver.verbose_newton        = prm.get_bool("verbose");
    prm.leave_subsection();
    prm.enter_subsection("Load program");
    try
      {
        p.program = material::parse_load_program(prm.get("segments"), 1);
        p.displacement_control = prm.get("control") == "displacement";
      }
    catch (const std::invalid_argument &e)
      {
        throw std::invalid_argument(
            where(std::string("entry 'Load program/segments': ") + e.what()));
      }
    prm.leave_subsection();
    prm.enter_subsection("Output");
    const OutputLocation location(file, prm.get("name"), prm.get("directory"));
    p.vtu_interval               = prm.get_integer("vtu interval");
    const bool spectrum_analysis = prm.get_bool("spectrum analysis");
    prm.leave_subsection();
    p.name = location.name();
    if (p.vtu_interval > 0)
      {
        if (root)
          location.file(""); // creates the directory
        dealii::Utilities::MPI::broadcast(comm, 0, 0);
        p.output_directory = location.directory();
      }

    const CantileverSummary summary =
        p.dimension == 3 ? run_cantilever<3>(p, *law, comm, &std::cout)
                         : run_cantilever<2>(p, *law, comm, &std::cout);

    if (root)
      {
        AtomicFile csv(location.file(".csv"));
        csv.stream() << "time,load,temperature,tip_displacement,"
                        "normalized_anelastic,reaction,normalized_reaction,"
                        "newton_iterations,"
                        "linear_iterations,factorizations\n";
        for (const CantileverRecord &r : summary.records)
          csv.stream() << format_number(r.time) << ',' << format_number(r.load)
                       << ',' << format_number(r.temperature) << ','
                       << format_number(r.tip_displacement) << ','
                       << format_number(r.normalized_anelastic) << ','
                       << format_number(r.reaction) << ','
                       << format_number(r.normalized_reaction) << ','
                       << r.newton_iterations << ',' << r.linear_iterations
                       << ',' << r.factorizations << '\n';
        csv.commit();
        std::cout << "mgrelax run: " << summary.records.size() - 1 << " steps, "
                  << summary.n_dofs << " DoFs, " << summary.wall_time
                  << " s; elastic tip displacement " << summary.elastic_tip
                  << " m\n  wrote " << location.file(".csv") << '\n';
        if (p.vtu_interval > 0)
          std::cout << "  wrote " << location.file(".pvd")
                    << " (open in ParaView)\n";
        if (spectrum_analysis)
          {
            SpectrumAnalysisOptions o;
            o.strain_column    = p.displacement_control ? "normalized_reaction"
                                                        : "normalized_anelastic";
            o.inversion.kernel = p.displacement_control
                                     ? postprocess::Kernel::recovery
                                     : postprocess::Kernel::creep;
            o.name             = location.name();
            o.directory        = location.directory();
            analyse_and_write_spectrum(location.file(".csv"), o, std::cout);
          }
      }
    return 0;
  }
} // namespace mgrelax
