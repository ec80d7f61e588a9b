#include "solver/experiments/bending.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <ostream>
#include <stdexcept>

#include "material/load_program.h"

namespace mgrelax
{
  using namespace dealii;
  namespace Patterns = dealii::Patterns;

  void
  BendingParameters::declare_parameters(ParameterHandler &prm)
  {
    RibbonGeometry::declare_parameters(prm);
    const BendingParameters d;
    prm.enter_subsection("Geometry");
    prm.declare_entry("load patch cells",
                      std::to_string(d.patch_cells),
                      Patterns::Integer(),
                      "Length of the indenter patch at the tip (three-point "
                      "bending: at midspan), in cells along the length (the "
                      "patch spans the width).");
    prm.leave_subsection();
    LoadProgramSection::declare_parameters(
        prm,
        "the load patch: the force P in N, or the deflection in m, both "
        "downwards",
        "jump to=2e-4; hold duration=200 dt0=1.5e-3");
  }

  void
  BendingParameters::parse_parameters(ParameterHandler &prm)
  {
    geometry.parse_parameters(prm);
    prm.enter_subsection("Geometry");
    const long cells = prm.get_integer("load patch cells");
    prm.leave_subsection();
    if (cells < 1 || cells > long(geometry.cells[0]))
      throw std::invalid_argument(
          "Geometry: 'load patch cells' must be in [1, 'cells along "
          "length'] (got " +
          std::to_string(cells) + ")");
    patch_cells = static_cast<unsigned int>(cells);
    LoadProgramSection load;
    load.parse_parameters(prm);
    program              = load.program;
    displacement_control = load.displacement_control;
  }

  void
  BendingParameters::check() const
  {
    geometry.check();
    if (patch_cells < 1 || patch_cells > geometry.cells[0])
      throw std::invalid_argument(
          "Geometry: 'load patch cells' exceeds 'cells along length'");
  }

  double
  BendingParameters::beam_factor() const
  {
    const RibbonGeometry &g = geometry;
    const double          I = g.width * std::pow(g.thickness, 3) / 12.0;
    if (support == BendingSupport::three_point)
      return std::pow(g.length, 3) / (48.0 * I);
    // The load's centre on the cantilever.
    const double x = g.length * (1.0 - 0.5 * patch_cells / g.cells[0]);
    return std::pow(x, 3) / (3.0 * I);
  }

  template <int dim> class BendingExperiment : public Experiment<dim>
  {
  public:
    explicit BendingExperiment(const BendingParameters &p)
        : p_(p)
        , three_point_(p.support == BendingSupport::three_point)
        , share_(three_point_ ? 0.5 : 1.0)
    {
      modelled_ = p.geometry;
      if (three_point_)
        modelled_.length *= 0.5;
    }

    std::string
    title() const override
    {
      return three_point_ ? "three-point bending" : "cantilever";
    }

    void
    build(QuasiStaticSolver<dim> &solver) override
    {
      const RibbonGeometry &g = modelled_;
      make_ribbon(solver.triangulation(), g);
      const double tiny = 1e-9 * g.thickness;
      if (three_point_)
        {
          solver.fix(RibbonFace::right_end, {0}); // midspan symmetry
          // The support: a line across the width under the end x = 0 (and
          // one point of it held across the width in 3D).
          solver.fix(RibbonFace::lower_face,
                     {dim - 1},
                     [tiny](const Point<dim> &X) { return X[0] < tiny; });
          if (dim == 3)
            solver.fix(
                RibbonFace::lower_face, {1}, [tiny](const Point<dim> &X) {
                  return X[0] < tiny && X[1] < tiny;
                });
        }
      else
        solver.fix(RibbonFace::left_end,
                   dim == 3 ? std::vector<unsigned int>{0, 1, 2}
                            : std::vector<unsigned int>{0, 1});
      // The load patch: the last `patch_cells` cells of the upper face (the
      // tip of the cantilever, the midspan of three-point bending).
      const double x0 = g.length * (1.0 - double(p_.patch_cells) / g.cells[0]);
      Tensor<1, dim> down, unit_down;
      // In 2D the section carries the force per unit width.
      down[dim - 1]      = share_ * (dim == 3 ? -1.0 : -1.0 / g.width);
      unit_down[dim - 1] = 1.0;
      using Control      = typename QuasiStaticSolver<dim>::LoadControl;
      solver.set_load_patch(
          RibbonFace::upper_face,
          [x0](const Point<dim> &p) { return p[0] > x0; },
          p_.displacement_control ? -unit_down : down,
          p_.displacement_control ? Control::displacement : Control::force);
    }

    std::vector<material::LoadSegment>
    program() const override
    {
      return p_.program;
    }

    bool
    observe_initial(const QuasiStaticSolver<dim> &,
                    RecordTable::Row &row) override
    {
      material::ProgramStep initial{};
      initial.temperature = initial_temperature_;
      add_columns(row, initial, 0.0, 0.0);
      return true;
    }

    void
    start(QuasiStaticSolver<dim> &solver) override
    {
      initial_temperature_ = solver.initial_temperature();
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

    void
    restore_state(QuasiStaticSolver<dim> &,
                  const std::map<std::string, double> &state) override
    {
      for_each_state(*this, [&](const char *name, double &value) {
        value = saved_value(state, name);
      });
    }

    // Calls f(name, member) for each member of the state of the accepted
    // steps (the elastic response and the last step's values), for
    // checkpoints.
    template <typename Self, typename F>
    static void
    for_each_state(Self &self, const F &f)
    {
      f("elastic_tip", self.elastic_tip_);
      f("elastic_load", self.elastic_load_);
      f("elastic_reaction", self.elastic_reaction_);
      f("last_tip", self.last_tip_);
      f("last_load", self.last_load_);
      f("last_reaction", self.last_reaction_);
    }

    void
    observe(const QuasiStaticSolver<dim> &solver,
            const material::ProgramStep  &s,
            RecordTable::Row             &row) override
    {
      const double h = -solver.patch_displacement(dim - 1);
      // The support reaction of the whole specimen (upwards).
      const double reaction =
          (three_point_
               ? solver.reaction(RibbonFace::lower_face, dim - 1) / share_
               : solver.reaction(RibbonFace::left_end, dim - 1)) *
          (dim == 3 ? 1.0 : p_.geometry.width);
      // The elastic response: what an instantaneous load change gives.
      if (s.dt == 0.0 && s.value[0] != 0.0)
        {
          elastic_tip_      = h - last_tip_;
          elastic_load_     = s.value[0] - last_load_;
          elastic_reaction_ = reaction - last_reaction_;
        }
      add_columns(row, s, h, reaction);
    }

    void
    print_progress(std::ostream           &out,
                   const RecordTable::Row &row) const override
    {
      out << "  load = " << row["load"] << "  h = " << row["tip_displacement"]
          << " m  R = " << row["reaction"] << " N";
    }

    // For pictures: the symmetry plane of the modelled half of a
    // three-point bend (the midspan, x = L/2 of the span).
    std::vector<std::pair<std::string, double>>
    constants() const override
    {
      if (!three_point_)
        return {};
      return {{"symmetry_plane_x", modelled_.length}};
    }

    std::vector<SummaryValue>
    summary(const RecordTable &records) const override
    {
      std::vector<SummaryValue> values{
          {"beam_factor",
           "1/m^2",
           "K in E = K P / h (x^3/(3I) clamp, L^3/(48I) three-point)",
           p_.beam_factor()}};
      // The elastic response exists when the program has a jump.
      if (elastic_load_ != 0.0)
        {
          values.push_back({"elastic_tip_displacement",
                            "m",
                            "deflection of the last instantaneous load change",
                            elastic_tip_});
          values.push_back({"elastic_load",
                            "N or m",
                            "that load change (force, or deflection under "
                            "displacement control)",
                            elastic_load_});
        }
      // E.g. the cantilever's anelastic fraction after its 200 s hold
      // (the sweep of inputs/sweep_cantilever_length.prm plots it).
      if (!records.empty() && records.has_column("normalized_anelastic"))
        values.push_back(
            {"normalized_anelastic_at_end",
             "-",
             "the anelastic part of the tip deflection over its elastic "
             "part at the end of the program",
             records.back("normalized_anelastic")});
      return values;
    }

    std::map<std::string, RecordTable>
    tables(const RecordTable &records) const override;

    // Force control: the creep kernel on the anelastic deflection (a
    // retardation spectrum); displacement control: decaying exponentials
    // on the relaxing reaction (a relaxation spectrum).
    SpectrumRequest
    spectrum() const override
    {
      if (p_.displacement_control)
        return {"time", "normalized_reaction", "recovery"};
      return {"time", "normalized_anelastic", "creep"};
    }

  private:
    // One row of the records; the ratios use the elastic response.
    void
    add_columns(RecordTable::Row            &row,
                const material::ProgramStep &s,
                const double                 h,
                const double                 reaction)
    {
      const double load_ratio =
          elastic_load_ != 0.0 ? s.value[0] / elastic_load_ : 0.0;
      row.add("time", "s", "time", s.time)
          .add("load", "N or m", "imposed force P (or deflection)", s.value[0])
          .add("temperature", "K", "temperature", s.temperature)
          .add("tip_displacement",
               "m",
               "deflection under the load patch (average, downwards)",
               h)
          .add("normalized_anelastic",
               "-",
               "(h - h_el P/P_el) / h_el: anelastic deflection",
               elastic_tip_ != 0.0
                   ? (h - elastic_tip_ * load_ratio) / elastic_tip_
                   : 0.0)
          .add("reaction", "N", "support reaction (upwards)", reaction)
          .add("normalized_reaction",
               "-",
               "reaction / (R_el load / load_el): relaxation",
               elastic_reaction_ != 0.0 && load_ratio != 0.0
                   ? reaction / (elastic_reaction_ * load_ratio)
                   : 0.0);
      segments_.push_back(s.segment);
      last_tip_      = h;
      last_load_     = s.value[0];
      last_reaction_ = reaction;
    }

    const BendingParameters p_;
    const bool              three_point_;
    const double            share_; // of the load on the modelled half
    RibbonGeometry          modelled_;
    double                  initial_temperature_ = 0.0;
    double elastic_tip_ = 0.0, elastic_load_ = 0.0, elastic_reaction_ = 0.0;
    double last_tip_ = 0.0, last_load_ = 0.0, last_reaction_ = 0.0;
    // The program segment of each record (for the dynamic moduli).
    std::vector<unsigned int> segments_;
  };

  namespace
  {
    std::vector<material::CycleModuli>
    moduli(const BendingParameters         &p,
           const RecordTable               &records,
           const std::vector<unsigned int> &segments)
    {
      return material::cycle_moduli(
          p.program,
          segments,
          records.column("time"),
          records.column(p.displacement_control ? "reaction" : "load"),
          records.column("tip_displacement"),
          records.column("temperature"),
          p.beam_factor());
    }

  } // namespace

  template <int dim>
  std::map<std::string, RecordTable>
  BendingExperiment<dim>::tables(const RecordTable &records) const
  {
    const auto cycles = moduli(p_, records, segments_);
    if (cycles.empty())
      return {};
    return {{"dma", material::cycle_moduli_table(cycles)}};
  }

  template <int dim>
  RunResult
  run_bending(const BendingParameters     &parameters,
              const material::MaterialLaw &law,
              const RunSettings           &settings,
              const MPI_Comm               comm,
              std::ostream                *progress)
  {
    parameters.check();
    BendingExperiment<dim> experiment(parameters);
    return run_experiment(experiment, law, settings, comm, progress);
  }

  template RunResult
  run_bending<2>(const BendingParameters &,
                 const material::MaterialLaw &,
                 const RunSettings &,
                 MPI_Comm,
                 std::ostream *);
  template RunResult
  run_bending<3>(const BendingParameters &,
                 const material::MaterialLaw &,
                 const RunSettings &,
                 MPI_Comm,
                 std::ostream *);

  namespace
  {
    template <int dim, BendingSupport support>
    std::unique_ptr<Experiment<dim>>
    make_bending(ParameterHandler &prm, const ExperimentContext &)
    {
      BendingParameters p;
      p.support = support;
      p.parse_parameters(prm);
      p.check();
      return std::make_unique<BendingExperiment<dim>>(p);
    }

    const ExperimentRegistration cantilever{
        "cantilever",
        {"a strip clamped at one end, loaded at the other: nanoindenter "
         "creep ([Atzmon2023] Fig. 1a) or a DMA single-cantilever clamp",
         BendingParameters::declare_parameters,
         make_bending<2, BendingSupport::clamp>,
         make_bending<3, BendingSupport::clamp>,
         false,
         ""}};
    const ExperimentRegistration three_point{
        "three-point bending",
        {"a strip on two supports loaded at midspan (Geometry/length is the "
         "span)",
         BendingParameters::declare_parameters,
         make_bending<2, BendingSupport::three_point>,
         make_bending<3, BendingSupport::three_point>,
         false,
         ""}};
  } // namespace
} // namespace mgrelax
