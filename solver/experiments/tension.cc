// Uniaxial tension of a ribbon strip: tensile creep and recovery
// ([Zhang2023-beta] Fig. 6: 403 K, 25 MPa), mechanical cycling
// ([Zhang2023-cycling]) or any other force or elongation program, with a
// temperature program, in 3D.
//
// The strip [0, L] x [0, W] x [-h/2, h/2] is held by frictionless grips:
// the end x = 0 cannot move along x, the end x = L carries the load (a
// uniform traction of total force P, or a uniform elongation), and
// neither end is kept from contracting.  The side y = 0 cannot move along
// y and one point of the end x = 0 cannot move along z, which removes the
// rigid-body motions and nothing else.  A uniform strip is then in uniaxial
// stress, exactly the point driver's `uniaxial stress` control: the test
// compares the two over the whole curve.  (Real clamping grips restrain
// the contraction near them; over a gauge length of many widths that is a
// local effect this model leaves out.)
//
// This file is the whole experiment: parameters, model, observables and
// its registration (doc/architecture.md, "How to add an experiment").
#include <deal.II/base/mpi.h>

#include <Eigen/LU>

#include <cmath>
#include <ostream>
#include <stdexcept>

#include "material/format.h"
#include "material/point_driver.h"
#include "solver/experiment.h"
#include "solver/load_program_section.h"
#include "solver/ribbon_geometry.h"

namespace mgrelax
{
  using namespace dealii;

  namespace
  {
    struct TensionParameters
    {
      RibbonGeometry geometry;
      // Force P in N, or with displacement control the elongation in m.
      LoadProgramSection load;

      static void
      declare_parameters(ParameterHandler &prm)
      {
        RibbonGeometry::declare_parameters(prm);
        LoadProgramSection::declare_parameters(
            prm,
            "the grip at x = L: the tensile force P in N, or the elongation "
            "in m",
            "jump to=1; hold duration=1e3");
      }

      void
      parse_parameters(ParameterHandler &prm)
      {
        geometry.parse_parameters(prm);
        load.parse_parameters(prm);
      }
    };

    template <int dim> class TensionExperiment : public Experiment<dim>
    {
    public:
      explicit TensionExperiment(const TensionParameters &p)
          : p_(p)
          , area_(p.geometry.width * p.geometry.thickness)
      {}

      std::string
      title() const override
      {
        return "tension";
      }

      void
      build(QuasiStaticSolver<dim> &solver) override
      {
        const RibbonGeometry &g = p_.geometry;
        make_ribbon(solver.triangulation(), g);
        const double tiny = 1e-9 * g.thickness, lower = -0.5 * g.thickness;
        solver.fix(RibbonFace::left_end, {0});
        solver.fix(RibbonFace::front_side, {1});
        // The corner (0, 0, -h/2).
        solver.fix(RibbonFace::left_end, {2}, [=](const Point<dim> &X) {
          return X[1] < tiny && X[dim - 1] < lower + tiny;
        });
        Tensor<1, dim> along;
        along[0]      = 1.0;
        using Control = typename QuasiStaticSolver<dim>::LoadControl;
        solver.set_load_patch(
            RibbonFace::right_end,
            [](const Point<dim> &) { return true; },
            along,
            p_.load.displacement_control ? Control::displacement
                                         : Control::force);
      }

      std::vector<material::LoadSegment>
      program() const override
      {
        return p_.load.program;
      }

      void
      start(QuasiStaticSolver<dim> &solver) override
      {
        law_ = &solver.law();
      }

      bool
      observe_initial(const QuasiStaticSolver<dim> &solver,
                      RecordTable::Row             &row) override
      {
        material::ProgramStep initial{};
        initial.temperature = solver.initial_temperature();
        add_columns(row, initial, 0.0, 0.0);
        return true;
      }

      void
      observe(const QuasiStaticSolver<dim> &solver,
              const material::ProgramStep  &s,
              RecordTable::Row             &row) override
      {
        // The grip's elongation, and the axial force: the body's internal
        // forces on the fixed grip are its reaction, opposite to the load.
        add_columns(row,
                    s,
                    solver.patch_displacement(0),
                    -solver.reaction(RibbonFace::left_end, 0));
      }

      void
      print_progress(std::ostream           &out,
                     const RecordTable::Row &row) const override
      {
        out << "  stress = " << row["stress"]
            << " Pa  strain = " << row["strain"];
      }

      std::vector<SummaryValue>
      summary(const RecordTable &records) const override
      {
        double peak = 0.0, at_peak_end = 0.0;
        for (std::size_t r = 0; r < records.size(); ++r)
          if (std::abs(records.at(r, "strain")) >= std::abs(peak))
            {
              peak        = records.at(r, "strain");
              at_peak_end = records.at(r, "anelastic_strain");
            }
        return {{"peak_strain", "-", "largest strain of the run", peak},
                {"anelastic_strain_at_peak",
                 "-",
                 "anelastic strain when the strain peaked",
                 at_peak_end},
                {"final_strain",
                 "-",
                 "strain at the end of the run (unrecovered)",
                 records.empty() ? 0.0 : records.back("strain")}};
      }

      // The creep kernel on the anelastic strain: a retardation spectrum.
      SpectrumRequest
      spectrum() const override
      {
        return {"time", "anelastic_strain", "creep"};
      }

    private:
      void
      add_columns(RecordTable::Row            &row,
                  const material::ProgramStep &s,
                  const double                 elongation,
                  const double                 force) const
      {
        const double strain = elongation / p_.geometry.length;
        const double stress = force / area_;
        row.add("time", "s", "time", s.time)
            .add("load", "N or m", "imposed force (or elongation)", s.value[0])
            .add("temperature", "K", "temperature", s.temperature)
            .add("elongation",
                 "m",
                 "displacement of the grip at x = L",
                 elongation)
            .add("strain", "-", "elongation / L", strain)
            .add("stress", "Pa", "axial force / (W h)", stress)
            .add("anelastic_strain",
                 "-",
                 "strain - stress / E (E unrelaxed): the inelastic strain",
                 strain - stress / youngs_modulus(s.temperature));
      }

      // The unrelaxed Young's modulus 1 / S_xx of the law.
      double
      youngs_modulus(const double temperature) const
      {
        // start() has set law_: it runs before the first record.
        return 1.0 / law_->elastic_stiffness(temperature).inverse()(0, 0);
      }

      const TensionParameters      p_;
      const double                 area_;
      const material::MaterialLaw *law_ = nullptr;
    };

    template <int dim>
    std::unique_ptr<Experiment<dim>>
    make_tension(ParameterHandler &prm, const ExperimentContext &context)
    {
      if constexpr (dim != 3)
        {
          (void)prm;
          (void)context;
          throw std::invalid_argument(
              "experiment 'tension' needs 'dimension = 3': a plane-strain "
              "section of a strip is not in uniaxial stress");
        }
      else
        {
          TensionParameters p;
          p.parse_parameters(prm);
          return std::make_unique<TensionExperiment<dim>>(p);
        }
    }

    const ExperimentRegistration registration{
        "tension",
        {"uniaxial tensile creep, recovery or cycling of a strip between "
         "frictionless grips ([Zhang2023-beta] Fig. 6)",
         TensionParameters::declare_parameters,
         make_tension<2>,
         make_tension<3>,
         false,
         "plot_tension.py"}};
  } // namespace
} // namespace mgrelax
