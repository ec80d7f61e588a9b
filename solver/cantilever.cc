#include "solver/cantilever.h"

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <sstream>

#include "material/load_program.h"
#include "solver/vtu_series.h"

namespace mgrelax
{
  using namespace dealii;
  namespace Patterns = dealii::Patterns;

  void
  declare_cantilever_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Geometry");
    prm.declare_entry(
        "length", "3e-3", Patterns::Double(), "Free length L in m.");
    prm.declare_entry(
        "width", "1.2e-3", Patterns::Double(), "Width in m (3D).");
    prm.declare_entry(
        "thickness", "30e-6", Patterns::Double(), "Thickness h in m.");
    prm.declare_entry(
        "cells along length", "30", Patterns::Integer(), "Cells along x.");
    prm.declare_entry(
        "cells across width", "3", Patterns::Integer(), "Cells along y (3D).");
    prm.declare_entry("cells through thickness",
                      "2",
                      Patterns::Integer(),
                      "Cells through the thickness.");
    prm.declare_entry("load patch cells",
                      "1",
                      Patterns::Integer(),
                      "Length of the indenter patch at the tip, in cells "
                      "along the length (the patch spans the width).");
    prm.leave_subsection();
  }

  namespace
  {
    unsigned int
    positive_integer(const ParameterHandler &prm, const std::string &entry)
    {
      const long value = prm.get_integer(entry);
      if (value < 1 || value > 100000)
        throw std::invalid_argument("Geometry: '" + entry +
                                    "' must be in [1, 100000] (got " +
                                    std::to_string(value) + ")");
      return static_cast<unsigned int>(value);
    }
  } // namespace

  CantileverParameters
  parse_cantilever_parameters(ParameterHandler &prm)
  {
    CantileverParameters p;
    prm.enter_subsection("Geometry");
    p.geometry.length    = prm.get_double("length");
    p.geometry.width     = prm.get_double("width");
    p.geometry.thickness = prm.get_double("thickness");
    p.geometry.cells     = {{positive_integer(prm, "cells along length"),
                             positive_integer(prm, "cells across width"),
                             positive_integer(prm, "cells through thickness")}};
    p.patch_cells        = positive_integer(prm, "load patch cells");
    prm.leave_subsection();
    p.geometry.check();
    if (p.patch_cells > p.geometry.cells[0])
      throw std::invalid_argument(
          "Geometry: 'load patch cells' exceeds 'cells along length'");
    return p;
  }

  template <int dim>
  CantileverSummary
  run_cantilever(const CantileverParameters  &parameters,
                 const material::MaterialLaw &law,
                 const MPI_Comm               comm,
                 std::ostream                *progress)
  {
    const auto         start = std::chrono::steady_clock::now();
    const bool         root  = Utilities::MPI::this_mpi_process(comm) == 0;
    ConditionalOStream out(progress ? *progress : std::cout,
                           progress != nullptr && root);
    TimerOutput timer(comm,
                      out,
                      progress ? TimerOutput::summary : TimerOutput::never,
                      TimerOutput::wall_times);

    // Three-point bending is symmetric about midspan: half the span is
    // modelled, with the symmetry plane at x = L/2 and the load patch next
    // to it carrying half the load.
    const bool three_point = parameters.support == BendingSupport::three_point;
    RibbonGeometry g       = parameters.geometry;
    if (three_point)
      g.length *= 0.5;
    const double           share = three_point ? 0.5 : 1.0;
    QuasiStaticSolver<dim> solver(
        comm, law, parameters.solver, parameters.initial_temperature);
    {
      TimerOutput::Scope t(timer, "setup");
      make_ribbon(solver.triangulation(), g);
      const double tiny = 1e-9 * g.thickness;
      if (three_point)
        {
          solver.fix(1, {0}); // midspan symmetry
          // The support: a line across the width under the end x = 0 (and
          // one point of it held across the width in 3D).
          solver.fix(4, {dim - 1}, [tiny](const Point<dim> &X) {
            return X[0] < tiny;
          });
          if (dim == 3)
            solver.fix(4, {1}, [tiny](const Point<dim> &X) {
              return X[0] < tiny && X[1] < tiny;
            });
        }
      else
        solver.fix(0,
                   dim == 3 ? std::vector<unsigned int>{0, 1, 2}
                            : std::vector<unsigned int>{0, 1});
      // The load patch: the last `patch_cells` cells of the upper face
      // (the tip of the cantilever, the midspan of three-point bending).
      const double x0 =
          g.length * (1.0 - double(parameters.patch_cells) / g.cells[0]);
      Tensor<1, dim> down, unit_down;
      // In 2D the section carries the force per unit width.
      down[dim - 1]      = share * (dim == 3 ? -1.0 : -1.0 / g.width);
      unit_down[dim - 1] = 1.0;
      using Control      = typename QuasiStaticSolver<dim>::LoadControl;
      solver.set_load_patch(
          5,
          [x0](const Point<dim> &p) { return p[0] > x0; },
          parameters.displacement_control ? -unit_down : down,
          parameters.displacement_control ? Control::displacement
                                          : Control::force);
      solver.setup();
    }
    CantileverSummary summary;
    summary.n_dofs = solver.n_dofs();
    out << (three_point ? "three-point bending (" : "cantilever (") << dim
        << "D): " << solver.triangulation().n_global_active_cells()
        << " cells, " << summary.n_dofs << " DoFs, "
        << Utilities::MPI::n_mpi_processes(comm) << " MPI rank(s)\n";

    VtuSeries<dim> vtu(parameters.output_directory, parameters.name, comm);
    const auto     write_vtu = [&](const double time) {
      TimerOutput::Scope t(timer, "output");
      vtu.write(solver, time);
    };
    write_vtu(0.0);

    material::LoadProgram program(parameters.program,
                                  parameters.initial_temperature);
    double       elastic_tip = 0.0, elastic_load = 0.0, elastic_reaction = 0.0;
    unsigned int step = 0;
    CantileverRecord initial{};
    initial.temperature = parameters.initial_temperature;
    summary.records.push_back(initial);
    while (!program.finished())
      {
        const material::ProgramStep s = program.next();
        StepReport                  report;
        {
          TimerOutput::Scope t(timer, "solve steps");
          report = solver.solve_step(s.dt, s.value[0], s.temperature);
        }
        if (!report.converged)
          {
            solver.reject();
            out << "  step rejected at t = " << s.time
                << " s: " << report.message << "; cutting the step\n";
            program.cut(report.time_step_factor);
            continue;
          }
        solver.accept();
        program.accept();
        ++step;

        const double h = -solver.patch_displacement(dim - 1);
        // The support reaction of the whole specimen (upwards).
        const double reaction =
            (three_point ? solver.reaction(4, dim - 1) / share
                         : solver.reaction(0, dim - 1)) *
            (dim == 3 ? 1.0 : g.width);
        // The elastic response: what an instantaneous load change gives.
        if (s.dt == 0.0 && s.value[0] != 0.0)
          {
            const CantileverRecord &before = summary.records.back();
            elastic_tip                    = h - before.tip_displacement;
            elastic_load                   = s.value[0] - before.load;
            elastic_reaction               = reaction - before.reaction;
          }
        const double load_ratio =
            elastic_load != 0.0 ? s.value[0] / elastic_load : 0.0;
        CantileverRecord r{step,
                           s.segment,
                           s.time,
                           s.value[0],
                           s.temperature,
                           h,
                           elastic_tip != 0.0
                               ? (h - elastic_tip * load_ratio) / elastic_tip
                               : 0.0,
                           reaction,
                           elastic_reaction != 0.0 && load_ratio != 0.0
                               ? reaction / (elastic_reaction * load_ratio)
                               : 0.0,
                           report.newton_iterations,
                           report.linear_iterations,
                           report.factorizations};
        summary.records.push_back(r);
        out << "step " << std::setw(4) << step << "  t = " << std::setw(11)
            << std::setprecision(5) << s.time << " s  dt = " << std::setw(10)
            << s.dt << "  load = " << s.value[0] << "  h = " << h
            << " m  R = " << reaction << " N  Newton "
            << report.newton_iterations << ", CG " << report.linear_iterations
            << (report.factorizations ? ", refactored" : "") << "\n";
        if (parameters.vtu_interval > 0 &&
            (step % parameters.vtu_interval == 0 || program.finished()))
          write_vtu(s.time);
      }
    summary.elastic_tip = elastic_tip;
    {
      const RibbonGeometry &whole = parameters.geometry;
      const double I = whole.width * std::pow(whole.thickness, 3) / 12.0;
      const double x =
          whole.length * (1.0 - 0.5 * parameters.patch_cells / g.cells[0]);
      summary.beam_factor = three_point ? std::pow(whole.length, 3) / (48.0 * I)
                                        : std::pow(x, 3) / (3.0 * I);
    }
    summary.wall_time =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    return summary;
  }

  std::vector<CycleModuli>
  dynamic_moduli(const CantileverParameters &parameters,
                 const CantileverSummary    &summary)
  {
    std::vector<unsigned int> segment;
    std::vector<double>       time, load, deflection, temperature;
    for (const CantileverRecord &r : summary.records)
      {
        segment.push_back(r.segment);
        time.push_back(r.time);
        load.push_back(parameters.displacement_control ? r.reaction : r.load);
        deflection.push_back(r.tip_displacement);
        temperature.push_back(r.temperature);
      }
    return dynamic_moduli(parameters.program,
                          segment,
                          time,
                          load,
                          deflection,
                          temperature,
                          summary.beam_factor);
  }

  template CantileverSummary
  run_cantilever<2>(const CantileverParameters &,
                    const material::MaterialLaw &,
                    MPI_Comm,
                    std::ostream *);
  template CantileverSummary
  run_cantilever<3>(const CantileverParameters &,
                    const material::MaterialLaw &,
                    MPI_Comm,
                    std::ostream *);
} // namespace mgrelax
