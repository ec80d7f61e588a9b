#include "solver/experiments/mandrel.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <iomanip>
#include <ostream>
#include <stdexcept>

#include "material/format.h"
#include "material/load_program.h"
#include "solver/curvature_fit.h"

namespace mgrelax
{
  using namespace dealii;
  namespace Patterns = dealii::Patterns;

  void
  MandrelParameters::declare_parameters(ParameterHandler &prm)
  {
    RibbonGeometry::declare_parameters(prm);
    const MandrelParameters d;
    using material::short_number;
    prm.enter_subsection("Mandrel");
    prm.declare_entry("radius",
                      short_number(d.radius),
                      Patterns::Double(),
                      "Mandrel radius R in m (the inner face's radius); "
                      "surface strain about h / (2 R + h).");
    prm.declare_entry("wrap time",
                      short_number(d.wrap_time),
                      Patterns::Double(),
                      "Time in s to bring the flat ribbon onto the mandrel "
                      "(its curvature grows linearly from 0 to 1/R).");
    prm.declare_entry("wrap steps",
                      std::to_string(d.wrap_steps),
                      Patterns::Integer(),
                      "Steps of the wrap (continuation from flat).");
    prm.declare_entry("constraining time",
                      short_number(d.hold_time),
                      Patterns::Double(),
                      "Hold on the mandrel t_c in s, after the wrap "
                      "([Atzmon2023]: 2e6 s); unused with a hold program.");
    prm.declare_entry(
        "recovery time",
        short_number(d.recovery_time),
        Patterns::Double(),
        "Stress-free recovery after the release in s ([Atzmon2023]: "
        "~8e7 s); unused with a recovery program.");
    prm.declare_entry("first step",
                      short_number(d.first_step),
                      Patterns::Double(),
                      "First time step of the hold and of the recovery in s; "
                      "steps then grow geometrically.");
    prm.declare_entry("steps per decade",
                      short_number(d.steps_per_decade),
                      Patterns::Double(),
                      "Time steps per decade of time in the hold and the "
                      "recovery.");
    prm.declare_entry("hold program",
                      "",
                      Patterns::Anything(),
                      "Temperature program of the hold: hold segments of the "
                      "load-program grammar (`hold duration=D [dt0=..] "
                      "[growth=..] [T=..]; ...`, T= the temperature in K at "
                      "the segment's end, reached linearly).  Empty: one hold "
                      "of 'constraining time' at the initial temperature.");
    prm.declare_entry(
        "recovery program",
        "",
        Patterns::Anything(),
        "Temperature program of the recovery, as 'hold "
        "program' (e.g. an anneal above room temperature, "
        "[Atzmon2023] Sec. 9).  Empty: one hold of 'recovery time'.");
    prm.leave_subsection();
  }

  namespace
  {
    // A program of hold segments from the entry `name`; throws naming it.
    std::vector<material::LoadSegment>
    parse_holds(const ParameterHandler &prm, const std::string &name)
    {
      const std::string text = prm.get(name);
      if (text.find_first_not_of(" \t") == std::string::npos)
        return {};
      std::vector<material::LoadSegment> segments;
      try
        {
          segments = material::parse_load_program(text, 1);
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument("Mandrel: '" + name + "': " + e.what());
        }
      for (std::size_t i = 0; i < segments.size(); ++i)
        if (segments[i].kind != material::LoadSegment::Kind::hold)
          throw std::invalid_argument(
              "Mandrel: '" + name + "': segment " + std::to_string(i + 1) +
              " is not a hold (the mandrel sets the ribbon's shape; these "
              "programs only set durations, steps and temperatures)");
      return segments;
    }
  } // namespace

  void
  MandrelParameters::parse_parameters(ParameterHandler &prm)
  {
    geometry.parse_parameters(prm);
    prm.enter_subsection("Mandrel");
    radius           = prm.get_double("radius");
    wrap_time        = prm.get_double("wrap time");
    wrap_steps       = std::max(0L, prm.get_integer("wrap steps"));
    hold_time        = prm.get_double("constraining time");
    recovery_time    = prm.get_double("recovery time");
    first_step       = prm.get_double("first step");
    steps_per_decade = prm.get_double("steps per decade");
    hold_program     = parse_holds(prm, "hold program");
    recovery_program = parse_holds(prm, "recovery program");
    prm.leave_subsection();
  }

  namespace
  {
    // `program`, or one hold of `duration` with the entries' stepping.
    std::vector<material::LoadSegment>
    program_or_hold(const std::vector<material::LoadSegment> &program,
                    const double                              duration,
                    const MandrelParameters                  &p)
    {
      if (!program.empty())
        return program;
      material::LoadSegment hold;
      hold.kind       = material::LoadSegment::Kind::hold;
      hold.duration   = duration;
      hold.first_step = p.first_step;
      hold.growth     = std::pow(10.0, 1.0 / p.steps_per_decade);
      return {hold};
    }
  } // namespace

  std::vector<material::LoadSegment>
  MandrelParameters::hold_segments() const
  {
    return program_or_hold(hold_program, hold_time, *this);
  }

  std::vector<material::LoadSegment>
  MandrelParameters::recovery_segments() const
  {
    return program_or_hold(recovery_program, recovery_time, *this);
  }

  void
  MandrelParameters::check(const SolverSettings &solver) const
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

    // The mandrel of curvature k (0 <= k <= 1/R), touching the inner face at
    // x = 0: phi = k/2 (x^2 + s^2) + s with s = z - inner.  phi = 0 is the
    // circle of radius 1/k centred at (0, inner - 1/k), or the plane s = 0
    // for k = 0, and |grad phi| = 1 on it, so phi is a distance near it.
    template <int dim>
    typename QuasiStaticSolver<dim>::LevelSet
    mandrel_surface(const double inner, const double k)
    {
      return [inner, k](const Point<dim> &x) {
        const double                                   s = x[dim - 1] - inner;
        typename QuasiStaticSolver<dim>::LevelSetValue v;
        v.value             = 0.5 * k * (x[0] * x[0] + s * s) + s;
        v.gradient[0]       = k * x[0];
        v.gradient[dim - 1] = k * s + 1.0;
        return v;
      };
    }

    template <int dim> class MandrelExperiment : public Experiment<dim>
    {
    public:
      explicit MandrelExperiment(const MandrelParameters &p)
          : p_(p)
          , kappa_mandrel_(1.0 / p.radius)
          , n_hold_(p.hold_segments().size())
      {
        // The modelled half (3D: quarter): x in [0, L/2], y in [0, W/2].
        half_        = p.geometry;
        half_.length = 0.5 * p.geometry.length;
        half_.width  = 0.5 * p.geometry.width;
        h_           = half_.thickness;
        inner_       = -0.5 * h_; // reference level of the inner face
        tiny_        = 1e-9 * h_; // tolerance on coordinates
      }

      std::string
      title() const override
      {
        return "mandrel, R = " + material::short_number(p_.radius) + " m";
      }

      void
      build(QuasiStaticSolver<dim> &solver) override
      {
        make_ribbon(solver.triangulation(), half_);
        const double tiny = tiny_;
        // Symmetry: the mid cross-section stays plane (and the mid-width
        // plane in 3D); the inner face's centre cannot move across.
        solver.fix(RibbonFace::left_end, {0});
        if (dim == 3)
          solver.fix(RibbonFace::front_side, {1});
        solver.fix(
            RibbonFace::lower_face, {dim - 1}, [tiny](const Point<dim> &X) {
              return std::abs(X[0]) < tiny &&
                     (dim == 2 || std::abs(X[1]) < tiny);
            });
        // The inner face goes onto the mandrel from the first step on (a flat
        // "mandrel" of curvature zero holds it in its plane).
        solver.set_rigid_surface(RibbonFace::lower_face, surface(0.0));
      }

      // The program of the mandrel's curvature fraction: ramp (wrap), the
      // hold segments, release (a jump to 0), the recovery segments.
      std::vector<material::LoadSegment>
      program() const override
      {
        material::LoadSegment wrap;
        wrap.kind       = material::LoadSegment::Kind::ramp;
        wrap.to[0]      = 1.0;
        wrap.duration   = p_.wrap_time;
        wrap.first_step = p_.wrap_time / p_.wrap_steps;
        wrap.growth     = 1.0;
        material::LoadSegment release;
        release.kind = material::LoadSegment::Kind::jump;
        std::vector<material::LoadSegment> segments{wrap};
        for (const auto &s : p_.hold_segments())
          segments.push_back(s);
        segments.push_back(release);
        for (const auto &s : p_.recovery_segments())
          segments.push_back(s);
        return segments;
      }

      StepReport
      solve(QuasiStaticSolver<dim>      &solver,
            const material::ProgramStep &s) override
      {
        if (s.segment <= n_hold_)
          {
            const double k = s.value[0] * kappa_mandrel_;
            solver.set_rigid_surface(RibbonFace::lower_face, surface(k));
            if (s.value[0] != accepted_fraction_)
              solver.add_displacement(Rebend<dim>(
                  midplane(accepted_fraction_ * kappa_mandrel_), midplane(k)));
            return solver.solve_step(s.dt, 0.0, s.temperature);
          }
        if (s.segment == n_hold_ + 1)
          return release(solver, s.temperature);
        // The free ribbon unbends: predict its curvature by linear
        // extrapolation in time from the last two steps.
        if (last_dt_ > 0.0)
          solver.add_displacement(Rebend<dim>(
              last_kappa_,
              last_kappa_ + (last_kappa_ - previous_kappa_) * s.dt / last_dt_));
        return solver.solve_step(s.dt, 0.0, s.temperature);
      }

      void
      observe(const QuasiStaticSolver<dim> &solver,
              const material::ProgramStep  &s,
              RecordTable::Row             &row) override
      {
        const double kappa = fit_curvature(solver);
        accepted_fraction_ = s.segment <= n_hold_ ? s.value[0] : 0.0;
        previous_kappa_    = last_kappa_;
        last_kappa_        = kappa;
        last_dt_           = s.segment > n_hold_ + 1 ? s.dt : 0.0;
        if (s.segment == n_hold_ && s.last_in_segment)
          held_curvature_ = kappa;
        const bool released = s.segment > n_hold_;
        if (s.segment == n_hold_ + 1)
          {
            release_time_ = s.time;
            eps_el0_      = 0.5 * h_ * (held_curvature_ - kappa);
          }
        row.add("time", "s", "time since the start of the wrap", s.time)
            .add("recovery_time",
                 "s",
                 "time since the release (0 before)",
                 released ? s.time - release_time_ : 0.0)
            .add_text("phase", "wrap, hold, release or recovery", phase(s))
            .add("temperature", "K", "temperature", s.temperature)
            .add("curvature", "1/m", "midplane curvature (circle fit)", kappa)
            .add("surface_strain", "-", "(h/2) curvature", 0.5 * h_ * kappa)
            .add("normalized_anelastic",
                 "-",
                 "eps_an / eps_el^0 = (h/2) curvature / eps_el^0 (release on)",
                 released && eps_el0_ != 0.0 ? 0.5 * h_ * kappa / eps_el0_
                                             : 0.0);
      }

      void
      print_progress(std::ostream           &out,
                     const RecordTable::Row &row) const override
      {
        out << "  kappa = " << std::setw(10) << row["curvature"] << " 1/m";
        if (row["recovery_time"] > 0.0 || release_time_ > 0.0)
          out << "  eps_an/eps_el0 = " << row["normalized_anelastic"];
      }

      bool
      milestone(const material::ProgramStep &s) const override
      {
        return (s.segment == n_hold_ && s.last_in_segment) ||
               s.segment == n_hold_ + 1;
      }

      std::map<std::string, double>
      checkpoint_state() const override
      {
        std::map<std::string, double> state;
        for_each_state(*this, [&](const char *name, const double &value) {
          state[name] = value;
        });
        return state;
      }

      // After the release the inner face is free.
      void
      restore_state(QuasiStaticSolver<dim>              &solver,
                    const std::map<std::string, double> &state) override
      {
        for_each_state(*this, [&](const char *name, double &value) {
          value = saved_value(state, name);
        });
        if (release_time_ > 0.0)
          solver.set_rigid_surface(RibbonFace::lower_face, {});
        else
          solver.set_rigid_surface(
              RibbonFace::lower_face,
              surface(accepted_fraction_ * kappa_mandrel_));
      }

      std::vector<SummaryValue>
      summary(const RecordTable &records) const override;

      // For pictures: the mandrel (its axis along y at x = 0) and the
      // symmetry planes of the modelled part, about which a picture
      // reflects it to show the whole ribbon.
      std::vector<std::pair<std::string, double>>
      constants() const override
      {
        std::vector<std::pair<std::string, double>> c{
            {"mandrel_radius", p_.radius},
            {"mandrel_axis_height", inner_ - p_.radius},
            {"symmetry_plane_x", 0.0}};
        if (dim == 3)
          c.emplace_back("symmetry_plane_y", 0.0);
        return c;
      }

      // The recovery against the time from the release.  Every row before
      // the release has recovery_time 0, a jump for the reader, which keeps
      // the state after it, the released ribbon.  Atzmon's mandrel kernel:
      // c_inf + sum eps_i exp(-t/tau_i).
      SpectrumRequest
      spectrum() const override
      {
        return {"recovery_time", "normalized_anelastic", "recovery"};
      }

    private:
      // Calls f(name, member) for each member of the state of the accepted
      // steps (below), for checkpoints.
      template <typename Self, typename F>
      static void
      for_each_state(Self &self, const F &f)
      {
        f("accepted_fraction", self.accepted_fraction_);
        f("last_kappa", self.last_kappa_);
        f("previous_kappa", self.previous_kappa_);
        f("last_dt", self.last_dt_);
        f("held_curvature", self.held_curvature_);
        f("release_time", self.release_time_);
        f("eps_el0", self.eps_el0_);
      }

      typename QuasiStaticSolver<dim>::LevelSet
      surface(const double k) const
      {
        return mandrel_surface<dim>(inner_, k);
      }
      // Midplane curvature of the ribbon on a mandrel of inner curvature k.
      double
      midplane(const double k) const
      {
        return k / (1.0 + 0.5 * h_ * k);
      }
      std::string
      phase(const material::ProgramStep &s) const
      {
        return s.segment == 0             ? "wrap"
               : s.segment <= n_hold_     ? "hold"
               : s.segment == n_hold_ + 1 ? "release"
                                          : "recovery";
      }
      double
      fit_curvature(const QuasiStaticSolver<dim> &solver) const;
      double
      contact_moment(const QuasiStaticSolver<dim> &solver, double k) const;
      StepReport
      release(QuasiStaticSolver<dim> &solver, double temperature);

      const MandrelParameters p_;
      const double            kappa_mandrel_;
      const unsigned int      n_hold_; // hold segments: 1 .. n_hold_
      RibbonGeometry          half_;
      double                  h_, inner_, tiny_;
      // State of the accepted steps: the mandrel's curvature fraction, the
      // midplane curvatures of the last two steps and the last time step of
      // the recovery (0 before it), the held curvature, the release.
      double accepted_fraction_ = 0.0;
      double last_kappa_ = 0.0, previous_kappa_ = 0.0, last_dt_ = 0.0;
      double held_curvature_ = 0.0, release_time_ = 0.0, eps_el0_ = 0.0;
    };

    // The midplane's deformed points, mirrored about the mid cross-section
    // (the fit sees the whole ribbon), projected on the bending plane as on
    // a side view.
    template <int dim>
    double
    MandrelExperiment<dim>::fit_curvature(
        const QuasiStaticSolver<dim> &solver) const
    {
      const double tiny = tiny_;
      CurvatureFit fit(0.0, 0.0, half_.length);
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
          solver.communicator(),
          ArrayView<double>(moments.data(), moments.size()));
      return fit.fit().curvature;
    }

    // The generalized force of the mandrel's curvature: the moment
    // sum (f . n) X^2 / 2 of the contact forces about the ribbon's centre (a
    // change dk of the mandrel's curvature moves a point at arc length X by
    // about X^2 dk / 2 along the normal).  It vanishes when the mandrel has
    // the ribbon's free curvature.
    template <int dim>
    double
    MandrelExperiment<dim>::contact_moment(const QuasiStaticSolver<dim> &solver,
                                           const double k) const
    {
      const auto phi = surface(k);
      double     m   = 0.0;
      for (const auto &p : solver.surface_points())
        m += (p.force * phi(p.current).gradient) * 0.5 * p.reference[0] *
             p.reference[0];
      return Utilities::MPI::sum(m, solver.communicator());
    }

    // The release is instantaneous (a zero time step: the inelastic strains
    // are frozen) but the ribbon springs back through a large rotation.  The
    // mandrel is first moved, still holding the ribbon, to the curvature at
    // which its contact moment vanishes (secant iterations on the moment,
    // each a zero-time-step solve started from pure bending), which is the
    // free shape up to end and width effects; then the ribbon is let go.
    template <int dim>
    StepReport
    MandrelExperiment<dim>::release(QuasiStaticSolver<dim> &solver,
                                    const double            temperature)
    {
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
      const double kappa = kappa_mandrel_;
      double       k0 = kappa, m0 = contact_moment(solver, k0);
      double       k1 = 0.9 * kappa, k_current = k0;
      const double m_start  = std::abs(m0);
      const auto   solve_at = [&](const double k) {
        solver.set_rigid_surface(RibbonFace::lower_face, surface(k));
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
          const double m1 = contact_moment(solver, k1);
          if (std::abs(m1) <= 1e-6 * m_start || m1 == m0)
            break;
          const double k2 = k1 - m1 * (k1 - k0) / (m1 - m0);
          k0 = k1, m0 = m1;
          k1 = std::max(-kappa, std::min(kappa, k2));
        }
      solver.set_rigid_surface(RibbonFace::lower_face, {});
      add(solver.solve_step(0.0, 0.0, temperature));
      return total;
    }

    template <int dim>
    std::vector<SummaryValue>
    MandrelExperiment<dim>::summary(const RecordTable &records) const
    {
      const double R = p_.radius, b = p_.geometry.width;
      double       at_release = 0.0;
      for (std::size_t r = 0; r < records.size(); ++r)
        if (records.text(r, "phase") == "release")
          at_release = records.at(r, "normalized_anelastic");
      return {{"held_curvature",
               "1/m",
               "midplane curvature at the end of the hold",
               held_curvature_},
              {"held_surface_strain",
               "-",
               "(h/2) curvature at the end of the hold",
               0.5 * h_ * held_curvature_},
              {"beam_surface_strain",
               "-",
               "pure bending's h / (2 R + h)",
               h_ / (2.0 * R + h_)},
              {"elastic_surface_strain",
               "-",
               "eps_el^0 = (h/2)(kappa_held - kappa(0+)), the springback",
               eps_el0_},
              {"normalized_anelastic_at_release",
               "-",
               "eps_an / eps_el^0 just after the release",
               at_release},
              {"normalized_anelastic_at_end",
               "-",
               "eps_an / eps_el^0 at the end of the recovery",
               records.empty() ? 0.0 : records.back("normalized_anelastic")},
              {"plate_parameter",
               "-",
               "b^2 / (R h): beam-like below 0.1, plate-like above 10",
               b * b / (R * h_)}};
    }
  } // namespace

  template <int dim>
  RunResult
  run_mandrel(const MandrelParameters     &parameters,
              const material::MaterialLaw &law,
              const RunSettings           &settings,
              const MPI_Comm               comm,
              std::ostream                *progress)
  {
    parameters.check(settings.solver);
    MandrelExperiment<dim> experiment(parameters);
    return run_experiment(experiment, law, settings, comm, progress);
  }

  template RunResult
  run_mandrel<2>(const MandrelParameters &,
                 const material::MaterialLaw &,
                 const RunSettings &,
                 MPI_Comm,
                 std::ostream *);
  template RunResult
  run_mandrel<3>(const MandrelParameters &,
                 const material::MaterialLaw &,
                 const RunSettings &,
                 MPI_Comm,
                 std::ostream *);

  namespace
  {
    template <int dim>
    std::unique_ptr<Experiment<dim>>
    make_mandrel(ParameterHandler &prm, const ExperimentContext &context)
    {
      MandrelParameters p;
      p.parse_parameters(prm);
      p.check(context.solver);
      return std::make_unique<MandrelExperiment<dim>>(p);
    }

    const ExperimentRegistration registration{
        "mandrel",
        {"a ribbon constrained on a rigid cylinder, released and recovering "
         "([Atzmon2023] Fig. 1b)",
         MandrelParameters::declare_parameters,
         make_mandrel<2>,
         make_mandrel<3>,
         true,
         "plot_mandrel.py"}};
  } // namespace
} // namespace mgrelax
