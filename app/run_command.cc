// `mgrelax run FILE.prm`: a spatial simulation.  The file names the
// experiment; the sections every experiment shares (material, finite
// elements, solvers, load program, output) are declared here.
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <algorithm>
#include <iostream>
#include <stdexcept>

#include "solver/cantilever.h"
#include "app/commands.h"
#include "solver/dynamic_moduli.h"
#include "solver/mandrel.h"
#include "solver/material_input.h"
#include "solver/output_files.h"
#include "app/spectrum_command.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    void
    declare_run_parameters(ParameterHandler &prm)
    {
      prm.declare_entry(
          "experiment",
          "cantilever",
          Patterns::Selection("cantilever|three-point bending|mandrel"),
          "The experiment to simulate: cantilever (a strip "
          "clamped at one end, loaded at the other: "
          "nanoindenter creep, Atzmon Fig. 1a, or a DMA "
          "single-cantilever clamp), three-point bending "
          "(Geometry/length is the span), or mandrel "
          "(constrained on a cylinder, released, recovering; "
          "Atzmon Fig. 1b).");
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
      prm.enter_subsection("Mandrel");
      prm.declare_entry("radius",
                        "3.3e-3",
                        Patterns::Double(),
                        "Mandrel radius R in m (the inner face's radius); "
                        "surface strain about h / (2 R + h).");
      prm.declare_entry("wrap time",
                        "1",
                        Patterns::Double(),
                        "Time in s to bring the flat ribbon onto the mandrel "
                        "(its curvature grows linearly from 0 to 1/R).");
      prm.declare_entry("wrap steps",
                        "8",
                        Patterns::Integer(),
                        "Steps of the wrap (continuation from flat).");
      prm.declare_entry("constraining time",
                        "2e6",
                        Patterns::Double(),
                        "Hold on the mandrel t_c in s, after the wrap "
                        "(Atzmon: 2e6 s).");
      prm.declare_entry("recovery time",
                        "8e7",
                        Patterns::Double(),
                        "Stress-free recovery after the release in s "
                        "(Atzmon: ~8e7 s).");
      prm.declare_entry("first step",
                        "0.1",
                        Patterns::Double(),
                        "First time step of the hold and of the recovery in "
                        "s; steps then grow geometrically.");
      prm.declare_entry("steps per decade",
                        "10",
                        Patterns::Double(),
                        "Time steps per decade of time in the hold and the "
                        "recovery.");
      prm.leave_subsection();
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
      prm.declare_entry(
          "kinematics",
          "auto",
          Patterns::Selection("auto|small strain|total Lagrangian"),
          "small strain, or total Lagrangian (Green-Lagrange "
          "strain, 2nd Piola-Kirchhoff stress: large "
          "rotations, small strains).  auto: total Lagrangian "
          "for the mandrel, small strain for the cantilever.");
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
    // E', E'' and tan(delta) per cycle of the sine segments, from beam
    // theory; false (and no file) without sine segments.
    bool
    write_dynamic_moduli(const std::string          &path,
                         const CantileverParameters &p,
                         const CantileverSummary    &summary)
    {
      const std::vector<CycleModuli> cycles = dynamic_moduli(p, summary);
      if (cycles.empty())
        return false;
      AtomicFile csv(path);
      csv.stream() << "segment,cycle,time,temperature,frequency,"
                      "E_storage,E_loss,tan_delta\n";
      for (const CycleModuli &c : cycles)
        csv.stream() << c.segment << ',' << c.cycle << ','
                     << format_number(c.time) << ','
                     << format_number(c.temperature) << ','
                     << format_number(c.frequency) << ','
                     << format_number(c.storage) << ',' << format_number(c.loss)
                     << ',' << format_number(c.tan_delta) << '\n';
      csv.commit();
      return true;
    }

    void
    write_mandrel_csv(const std::string &path, const MandrelSummary &summary)
    {
      AtomicFile csv(path);
      csv.stream() << "time,recovery_time,phase,temperature,curvature,"
                      "surface_strain,normalized_anelastic,newton_iterations,"
                      "linear_iterations,factorizations\n";
      for (const MandrelRecord &r : summary.records)
        csv.stream() << format_number(r.time) << ','
                     << format_number(r.recovery_time) << ',' << r.phase << ','
                     << format_number(r.temperature) << ','
                     << format_number(r.curvature) << ','
                     << format_number(r.surface_strain) << ','
                     << format_number(r.normalized_anelastic) << ','
                     << r.newton_iterations << ',' << r.linear_iterations << ','
                     << r.factorizations << '\n';
      csv.commit();
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
    const std::string experiment = prm.get("experiment");
    if (prm.get("material file").empty())
      throw std::invalid_argument(where("entry 'material file' is not set"));
    const auto law =
        read_material(resolve_path(prm.get("material file"), file));
    const unsigned int dimension     = prm.get_integer("dimension");
    const double initial_temperature = prm.get_double("initial temperature");
    if (!(initial_temperature > 0.0))
      throw std::invalid_argument(where("'initial temperature' must be > 0 K"));

    SolverSettings solver;
    prm.enter_subsection("Finite elements");
    solver.degree                = prm.get_integer("degree");
    solver.quadrature_points     = prm.get_integer("quadrature points");
    const std::string kinematics = prm.get("kinematics");
    solver.large_rotations       = kinematics == "total Lagrangian" ||
                             (kinematics == "auto" && experiment == "mandrel");
    prm.leave_subsection();
    prm.enter_subsection("Linear solver");
    solver.linear_solver       = prm.get("type");
    solver.direct_package      = prm.get("direct package");
    solver.refactor_iterations = prm.get_integer("refactor iterations");
    solver.linear_tolerance    = prm.get_double("tolerance");
    prm.leave_subsection();
    prm.enter_subsection("Newton");
    solver.newton_tolerance      = prm.get_double("tolerance");
    solver.max_newton_iterations = prm.get_integer("max iterations");
    solver.verbose_newton        = prm.get_bool("verbose");
    prm.leave_subsection();

    prm.enter_subsection("Output");
    const OutputLocation location(file, prm.get("name"), prm.get("directory"));
    const unsigned int   vtu_interval      = prm.get_integer("vtu interval");
    const bool           spectrum_analysis = prm.get_bool("spectrum analysis");
    prm.leave_subsection();
    std::string output_directory;
    if (vtu_interval > 0)
      {
        if (root)
          location.file(""); // creates the directory
        dealii::Utilities::MPI::broadcast(comm, 0, 0);
        output_directory = location.directory();
      }

    CantileverParameters p;
    try
      {
        p = parse_cantilever_parameters(prm);
      }
    catch (const std::invalid_argument &e)
      {
        throw std::invalid_argument(where(e.what()));
      }
    if (experiment == "mandrel")
      {
        MandrelParameters m;
        m.dimension           = dimension;
        m.geometry            = p.geometry;
        m.solver              = solver;
        m.initial_temperature = initial_temperature;
        prm.enter_subsection("Mandrel");
        m.radius           = prm.get_double("radius");
        m.wrap_time        = prm.get_double("wrap time");
        m.wrap_steps       = std::max(0L, prm.get_integer("wrap steps"));
        m.hold_time        = prm.get_double("constraining time");
        m.recovery_time    = prm.get_double("recovery time");
        m.first_step       = prm.get_double("first step");
        m.steps_per_decade = prm.get_double("steps per decade");
        prm.leave_subsection();
        m.output_directory = output_directory;
        m.name             = location.name();
        m.vtu_interval     = vtu_interval;
        try
          {
            m.check();
          }
        catch (const std::invalid_argument &e)
          {
            throw std::invalid_argument(where(e.what()));
          }
        const MandrelSummary summary =
            dimension == 3 ? run_mandrel<3>(m, *law, comm, &std::cout)
                           : run_mandrel<2>(m, *law, comm, &std::cout);
        if (root)
          {
            write_mandrel_csv(location.file(".csv"), summary);
            if (run_plot_script(
                    "plot_mandrel.py",
                    {location.file(".csv"), "-o", location.file(".png")}))
              std::cout << "  wrote " << location.file(".png") << '\n';
            if (spectrum_analysis)
              {
                // The recovery against the time from the release.  Every
                // row before the release has recovery_time 0, a jump for
                // the reader; from = 0 keeps the state after it, the
                // released ribbon.  Atzmon's mandrel kernel:
                // c_inf + sum eps_i exp(-t/tau_i).
                SpectrumAnalysisOptions o;
                o.time_column      = "recovery_time";
                o.strain_column    = "normalized_anelastic";
                o.inversion.kernel = postprocess::Kernel::recovery;
                o.name             = location.name();
                o.directory        = location.directory();
                analyse_and_write_spectrum(location.file(".csv"), o, std::cout);
              }
            const double h = m.geometry.thickness;
            std::cout << "mandrel: " << summary.records.size() << " steps, "
                      << summary.newton_iterations << " Newton iterations, "
                      << summary.cutbacks << " cut steps, " << summary.n_dofs
                      << " DoFs, " << summary.wall_time << " s\n"
                      << "  held surface strain (h/2) kappa = "
                      << 0.5 * h * summary.held_curvature
                      << " (h / (2 R_mid) = " << h / (2.0 * m.radius + h)
                      << "), elastic surface strain at release eps_el^0 = "
                      << summary.elastic_surface_strain << "\n";
            if (!summary.records.empty())
              std::cout << "  normalized anelastic strain at the end: "
                        << summary.records.back().normalized_anelastic << "\n";
            std::cout << "  wrote " << location.file(".csv") << '\n';
            if (vtu_interval > 0)
              std::cout << "  wrote " << location.file(".pvd")
                        << " (open in ParaView)\n";
          }
        // Every rank stopped at the same step.
        if (!summary.error.empty())
          throw std::runtime_error(
              "the mandrel run stopped early: " + summary.error + "; " +
              location.file(".csv") + " holds the " +
              std::to_string(summary.records.size()) + " steps before");
        return 0;
      }

    p.support             = experiment == "three-point bending"
                                ? BendingSupport::three_point
                                : BendingSupport::clamp;
    p.dimension           = dimension;
    p.initial_temperature = initial_temperature;
    p.solver              = solver;
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
    p.name             = location.name();
    p.vtu_interval     = vtu_interval;
    p.output_directory = output_directory;

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
        if (write_dynamic_moduli(location.file("_dma.csv"), p, summary))
          std::cout << "  wrote " << location.file("_dma.csv")
                    << " (storage and loss moduli per cycle)\n";
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
