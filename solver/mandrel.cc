#include "solver/mandrel.h"

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <ostream>
#include <stdexcept>

#include "material/format.h"
#include "material/load_program.h"
#include "solver/curvature_fit.h"
#include "solver/vtu_series.h"

namespace mgrelax
{
  using namespace dealii;

  void
  MandrelParameters::check() const
  {
    geometry.check();
    const auto require = [](const bool ok, const std::string &what) {
      if (!ok)
        throw std::invalid_argument(what);
    };
    using material::short_number;
    require(radius > 0.0 && radius > 2.0 * geometry.thickness,
            "Mandrel: 'radius' must exceed twice the thickness (got " +
                short_number(radius) + " m)");
    require(wrap_time > 0.0 && wrap_time < 1e12,
            "Mandrel: 'wrap time' must be in (0, 1e12) s (got " +
                short_number(wrap_time) + ")");
    require(wrap_steps >= 1 && wrap_steps <= 10000,
            "Mandrel: 'wrap steps' must be in [1, 10000]");
    require(hold_time > 0.0 && hold_time < 1e15,
            "Mandrel: 'constraining time' must be in (0, 1e15) s (got " +
                short_number(hold_time) + ")");
    require(recovery_time > 0.0 && recovery_time < 1e15,
            "Mandrel: 'recovery time' must be in (0, 1e15) s (got " +
                short_number(recovery_time) + ")");
    require(first_step > 0.0 && first_step <= hold_time &&
                first_step <= recovery_time,
            "Mandrel: 'first step' must be > 0 and at most the constraining "
            "and recovery times (got " +
                short_number(first_step) + " s)");
    require(steps_per_decade >= 1.0 && steps_per_decade <= 1000.0,
            "Mandrel: 'steps per decade' must be in [1, 1000] (got " +
                short_number(steps_per_decade) + ")");
    // The curvature is fitted to the nodes of the midplane.
    require((geometry.cells[2] * solver.degree) % 2 == 0,
            "Mandrel: the midplane must carry nodes: 'cells through "
            "thickness' times the element degree must be even (got " +
                std::to_string(geometry.cells[2]) + " x " +
                std::to_string(solver.degree) + ")");
    // The ribbon rotates by up to L / (2 R) rad around the mandrel.
    require(solver.large_rotations,
            "Mandrel: 'Finite elements/kinematics' must be total Lagrangian "
            "(or auto): the ribbon's ends rotate by L / (2 R) = " +
                short_number(0.5 * geometry.length / radius) +
                " rad, beyond small strain");
    // Half the ribbon is modelled; wrapped further than a half turn its
    // end would pass the mandrel's side.
    require(0.5 * geometry.length / radius < 0.5 * M_PI,
            "Mandrel: the half length must wrap less than a quarter turn "
            "(length < pi R = " +
                short_number(M_PI * radius) + " m)");
  }

  namespace
  {
    // Pure bending of the flat ribbon to midplane curvature k about the
    // point of its inner face at x = 0: the midplane keeps its length, a
    // fibre at height Z above it goes to radius 1/k + Z, and the cross
    // sections stay plane and normal to it.  Written with sin(t)/t and
    // (1 - cos t)/t so that k = 0 is the identity.  The predictor of the
    // wrap steps and of the release: in total Lagrangian kinematics a thin
    // ribbon's rotation makes membrane strains of the order of its bending
    // strains, so Newton started from the previous shape with only the
    // inner face moved needs many iterations.
    template <int dim>
    Point<dim>
    bend(const Point<dim> &X, const double k)
    {
      const double Z = X[dim - 1], t = k * X[0];
      const double sinc =
          std::abs(t) < 1e-4 ? 1.0 - t * t / 6.0 : std::sin(t) / t;
      const double versin = std::abs(t) < 1e-4 ? t / 2.0 - t * t * t / 24.0
                                               : (1.0 - std::cos(t)) / t;
      Point<dim>   x      = X;
      x[0]                = X[0] * sinc + Z * std::sin(t);
      x[dim - 1]          = Z * std::cos(t) - X[0] * versin;
      return x;
    }

    // The displacement that takes pure bending at curvature k_from to
    // pure bending at k_to.
    template <int dim> class Rebend : public Function<dim>
    {
    public:
      Rebend(const double k_from, const double k_to)
          : Function<dim>(dim)
          , from_(k_from)
          , to_(k_to)
      {}
      double
      value(const Point<dim> &X, const unsigned int c) const override
      {
        return bend(X, to_)[c] - bend(X, from_)[c];
      }

    private:
      double from_, to_;
    };
  } // namespace

  template <int dim>
  MandrelSummary
  run_mandrel(const MandrelParameters     &parameters,
              const material::MaterialLaw &law,
              const MPI_Comm               comm,
              std::ostream                *progress)
  {
    parameters.check();
    const auto         start = std::chrono::steady_clock::now();
    const bool         root  = Utilities::MPI::this_mpi_process(comm) == 0;
    ConditionalOStream out(progress ? *progress : std::cout,
                           progress != nullptr && root);
    TimerOutput timer(comm,
                      out,
                      progress ? TimerOutput::summary : TimerOutput::never,
                      TimerOutput::wall_times);

    // The modelled half (3D: quarter): x in [0, L/2], y in [0, W/2].
    const RibbonGeometry &whole = parameters.geometry;
    RibbonGeometry        g     = whole;
    g.length                    = 0.5 * whole.length;
    g.width                     = 0.5 * whole.width;
    const double h              = g.thickness;
    const double inner          = -0.5 * h; // reference level of the inner face
    const double tiny           = 1e-9 * h; // tolerance on coordinates

    // The mandrel of curvature k (0 <= k <= 1/R), touching the inner face at
    // x = 0: phi = k/2 (x^2 + s^2) + s with s = z - inner.  phi = 0 is the
    // circle of radius 1/k centred at (0, inner - 1/k), or the plane s = 0
    // for k = 0, and |grad phi| = 1 on it, so phi is a distance near it.
    const auto mandrel = [inner](const double k) {
      return [inner, k](const Point<dim> &x) {
        const double                                   s = x[dim - 1] - inner;
        typename QuasiStaticSolver<dim>::LevelSetValue v;
        v.value             = 0.5 * k * (x[0] * x[0] + s * s) + s;
        v.gradient[0]       = k * x[0];
        v.gradient[dim - 1] = k * s + 1.0;
        return v;
      };
    };

    SolverSettings         settings = parameters.solver;
    QuasiStaticSolver<dim> solver(
        comm, law, settings, parameters.initial_temperature);
    {
      TimerOutput::Scope scope(timer, "setup");
      make_ribbon(solver.triangulation(), g);
      solver.fix(0, {0}); // symmetry: the mid cross-section stays plane
      if (dim == 3)
        solver.fix(2, {1}); // symmetry: the mid-width plane
      solver.fix(4, {dim - 1}, [tiny](const Point<dim> &X) {
        return std::abs(X[0]) < tiny && (dim == 2 || std::abs(X[1]) < tiny);
      });
      // The inner face goes onto the mandrel from the first step on (a flat
      // "mandrel" of curvature zero holds it in its plane).
      solver.set_rigid_surface(4, mandrel(0.0));
      solver.setup();
    }

    MandrelSummary summary;
    summary.n_dofs = solver.n_dofs();
    out << "mandrel (" << dim << "D, "
        << (settings.large_rotations ? "total Lagrangian" : "small strain")
        << "): R = " << parameters.radius
        << " m, half ribbon: " << solver.triangulation().n_global_active_cells()
        << " cells, " << summary.n_dofs << " DoFs, "
        << Utilities::MPI::n_mpi_processes(comm) << " MPI rank(s)\n";

    // The midplane's deformed points, mirrored about the mid cross-section
    // (the fit sees the whole ribbon), projected on the bending plane as
    // on a side view.
    const auto fit_curvature = [&]() {
      CurvatureFit fit(0.0, 0.0, g.length);
      for (const Point<dim> &x :
           solver.deformed_points([tiny](const Point<dim> &X) {
             return std::abs(X[dim - 1]) < tiny;
           }))
        {
          fit.add(x[0], x[dim - 1]);
          fit.add(-x[0], x[dim - 1]);
        }
      auto &moments = fit.moments();
      Utilities::MPI::sum(
          ArrayView<const double>(moments.data(), moments.size()),
          comm,
          ArrayView<double>(moments.data(), moments.size()));
      return fit.fit().curvature;
    };

    VtuSeries<dim> vtu(parameters.output_directory, parameters.name, comm);
    const auto     write_vtu = [&](const double time) {
      TimerOutput::Scope scope(timer, "output");
      vtu.write(solver, time);
    };
    write_vtu(0.0);

    // The program of the mandrel's curvature fraction: ramp (wrap), hold,
    // release, recovery; holds with steps growing geometrically.
    const double growth = std::pow(10.0, 1.0 / parameters.steps_per_decade);
    std::vector<material::LoadSegment> segments(4);
    segments[0].kind       = material::LoadSegment::Kind::ramp;
    segments[0].to[0]      = 1.0;
    segments[0].duration   = parameters.wrap_time;
    segments[0].first_step = parameters.wrap_time / parameters.wrap_steps;
    segments[0].growth     = 1.0;
    segments[1].kind       = material::LoadSegment::Kind::hold;
    segments[1].duration   = parameters.hold_time;
    segments[1].first_step = parameters.first_step;
    segments[1].growth     = growth;
    segments[2].kind       = material::LoadSegment::Kind::jump; // release
    segments[3].kind       = material::LoadSegment::Kind::hold;
    segments[3].duration   = parameters.recovery_time;
    segments[3].first_step = parameters.first_step;
    segments[3].growth     = growth;
    material::LoadProgram program(segments, parameters.initial_temperature);

    const double kappa_mandrel = 1.0 / parameters.radius;
    // Midplane curvature of the ribbon on a mandrel of inner curvature k.
    const auto midplane = [h](const double k) {
      return k / (1.0 + 0.5 * h * k);
    };
    // The generalized force of the mandrel's curvature: the moment
    // sum (f . n) X^2 / 2 of the contact forces about the ribbon's centre
    // (a change dk of the mandrel's curvature moves a point at arc length X
    // by about X^2 dk / 2 along the normal).  It vanishes when the mandrel
    // has the ribbon's free curvature.
    const auto contact_moment = [&](const double k) {
      const auto phi = mandrel(k);
      double     m   = 0.0;
      for (const auto &p : solver.surface_points())
        m += (p.force * phi(p.current).gradient) * 0.5 * p.reference[0] *
             p.reference[0];
      return Utilities::MPI::sum(m, comm);
    };
    // The release is instantaneous (a zero time step: the inelastic strains
    // are frozen) but the ribbon springs back through a large rotation.
    // The mandrel is first moved, still holding the ribbon, to the
    // curvature at which its contact moment vanishes (secant iterations on
    // the moment, each a zero-time-step solve started from pure bending),
    // which is the free shape up to end and width effects; then the
    // ribbon is let go.
    const auto release = [&](const double temperature) {
      StepReport total;
      // Adds a zero-time-step solve to the release's report.
      const auto add = [&total](const StepReport &report) {
        total.newton_iterations += report.newton_iterations;
        total.linear_iterations += report.linear_iterations;
        total.factorizations += report.factorizations;
        total.converged        = report.converged;
        total.message          = report.message;
        total.time_step_factor = report.time_step_factor;
        return report.converged;
      };
      double       k0 = kappa_mandrel, m0 = contact_moment(k0);
      double       k1 = 0.9 * kappa_mandrel, k_current = k0;
      const double m_start  = std::abs(m0);
      const auto   solve_at = [&](const double k) {
        solver.set_rigid_surface(4, mandrel(k));
        solver.add_displacement(Rebend<dim>(midplane(k_current), midplane(k)));
        k_current = k;
        return add(solver.solve_step(0.0, 0.0, temperature));
      };
      for (unsigned int it = 0; it < 6; ++it)
        {
          if (!solve_at(k1))
            {
              // Back to the held shape; let go from there.
              solver.reject();
              break;
            }
          const double m1 = contact_moment(k1);
          if (std::abs(m1) <= 1e-6 * m_start || m1 == m0)
            break;
          const double k2 = k1 - m1 * (k1 - k0) / (m1 - m0);
          k0 = k1, m0 = m1;
          k1 = std::max(-kappa_mandrel, std::min(kappa_mandrel, k2));
        }
      solver.set_rigid_surface(4, {});
      add(solver.solve_step(0.0, 0.0, temperature));
      return total;
    };

    const char *phases[4]    = {"wrap", "hold", "release", "recovery"};
    double      release_time = 0.0, kappa_released = 0.0;
    double      accepted_fraction = 0.0; // of the mandrel's curvature
    // Midplane curvatures of the last two accepted steps and the last time
    // step of the recovery (0 before it).
    double       last_kappa = 0.0, previous_kappa = 0.0, last_dt = 0.0;
    unsigned int step = 0;
    while (!program.finished())
      {
        const material::ProgramStep s = program.next();
        StepReport                  report;
        {
          TimerOutput::Scope scope(timer, "solve steps");
          if (s.segment <= 1)
            {
              const double k = s.value[0] * kappa_mandrel;
              solver.set_rigid_surface(4, mandrel(k));
              if (s.value[0] != accepted_fraction)
                solver.add_displacement(Rebend<dim>(
                    midplane(accepted_fraction * kappa_mandrel), midplane(k)));
              report = solver.solve_step(s.dt, 0.0, s.temperature);
            }
          else if (s.segment == 2)
            report = release(s.temperature);
          else
            {
              // The free ribbon unbends: predict its curvature by linear
              // extrapolation in time from the last two steps.
              if (last_dt > 0.0)
                solver.add_displacement(
                    Rebend<dim>(last_kappa,
                                last_kappa + (last_kappa - previous_kappa) *
                                                 s.dt / last_dt));
              report = solver.solve_step(s.dt, 0.0, s.temperature);
            }
        }
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
                // Keep what was computed: the caller writes the steps so
                // far and reports the error.
                summary.error = e.what();
                break;
              }
            ++summary.cutbacks;
            continue;
          }
        solver.accept();
        program.accept();
        accepted_fraction = s.segment <= 1 ? s.value[0] : 0.0;
        ++step;
        summary.newton_iterations += report.newton_iterations;

        double kappa;
        {
          TimerOutput::Scope scope(timer, "curvature fit");
          kappa = fit_curvature();
        }
        previous_kappa = last_kappa;
        last_kappa     = kappa;
        last_dt        = s.segment >= 3 ? s.dt : 0.0;
        if (s.segment == 1 && s.last_in_segment)
          summary.held_curvature = kappa;
        if (s.segment == 2)
          {
            release_time   = s.time;
            kappa_released = kappa;
            summary.elastic_surface_strain =
                0.5 * h * (summary.held_curvature - kappa_released);
          }
        const double  eps_el0 = summary.elastic_surface_strain;
        MandrelRecord r{
            step,
            phases[s.segment],
            s.time,
            s.segment >= 2 ? s.time - release_time : 0.0,
            s.temperature,
            kappa,
            0.5 * h * kappa,
            s.segment >= 2 && eps_el0 != 0.0 ? 0.5 * h * kappa / eps_el0 : 0.0,
            report.newton_iterations,
            report.linear_iterations,
            report.factorizations};
        summary.records.push_back(r);
        out << "step " << std::setw(4) << step << "  " << std::setw(8)
            << r.phase << "  t = " << std::setw(11) << std::setprecision(5)
            << s.time << " s  dt = " << std::setw(10) << s.dt
            << "  kappa = " << std::setw(10) << kappa << " 1/m";
        if (s.segment >= 2)
          out << "  eps_an/eps_el0 = " << r.normalized_anelastic;
        out << "  Newton " << report.newton_iterations << ", CG "
            << report.linear_iterations
            << (report.factorizations ? ", refactored" : "") << "\n";
        if ((parameters.vtu_interval > 0 &&
             step % parameters.vtu_interval == 0) ||
            (s.segment == 1 && s.last_in_segment) || s.segment == 2 ||
            program.finished())
          write_vtu(s.time);
      }
    summary.wall_time =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    return summary;
  }

  template MandrelSummary
  run_mandrel<2>(const MandrelParameters &,
                 const material::MaterialLaw &,
                 MPI_Comm,
                 std::ostream *);
  template MandrelSummary
  run_mandrel<3>(const MandrelParameters &,
                 const material::MaterialLaw &,
                 MPI_Comm,
                 std::ostream *);
} // namespace mgrelax
