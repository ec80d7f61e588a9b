// The generalized Kelvin viscoelastic-viscoplastic law of mgrelax (small
// strain; see material/README.md for the equations and their sources).
//
//   eps = eps_el + sum_families sum_i eps_i + eps_vp
//   sigma = K tr(eps_el) 1 + 2 mu dev(eps_el)
//
// - Recoverable (Kelvin-Voigt) units, [Zhang2023-beta] Eqs. 10, 22 and 28,
//   [Zhang2023-cycling] Eq. 2, [Atzmon2023] Eqs. 3-6:
//     tau_i d(eps_i)/dt = w_i dJ_f (3/2) s - eps_i,     s = dev(sigma),
//   so that a family adds dJ_f sum_i w_i (1 - exp(-t/tau_i)) to the
//   uniaxial creep compliance.
// - Viscoplastic (saturating, irreversible) units, [Zhang2023-beta] Eqs. 25-28:
//     d(eps_i)/dt = (3/2)(s/sigma_eq) <w_i dJ_f sigma_eq - eps_i,eq> / tau_i,
//   identical to a Kelvin unit while loading at constant stress, frozen
//   when unloaded.
// - A linear dashpot, d(eps_d)/dt = (3/2) s / eta ([Zhang2023-cycling] Eq. 2:
// the
//   eps_vp' t term; eta is the uniaxial viscosity).
// All inelastic strains are deviatoric; the bulk response is elastic.
//
// Integration (doc/numerics.md, 'Integrating the law'): each Kelvin unit is
// updated exactly for a deviatoric stress that varies linearly over the step;
// the dashpot with an exponentially fitted theta rule (exact for a Maxwell
// element at fixed strain and for constant stress); the viscoplastic units
// exactly for constant stress over the step.  Driven by strain, all of them
// couple through s; because everything is isotropic the end-of-step deviator is
// parallel to a trial deviator, and the only unknown is one scalar, found
// exactly (the equation is piecewise linear).  The consistent tangent is
// closed form.  Every step size from dt/tau = 1e-12 to 1e12 is stable.
//
// The law in stages, one file each:
//   parameters      material/kelvin_parameters.{h,cc}  (the input, checks)
//   state layout    material/kelvin_state.{h,cc}       (variables, offsets,
//                                                       energies and aging)
//   coefficients    material/kelvin_coefficients.{h,cc} (units, per-step
//                                                       exponentials)
//   linear update   material/kelvin_law.cc             (integrate() and its
//                                                       stages, the tangent)
//   nonlinear update material/kelvin_nonlinear.cc      (local Newton)
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "material/kelvin_parameters.h"
#include "material/kelvin_state.h"
#include "material/law.h"
#include "material/spectrum.h"

namespace mgrelax::material
{
  class GeneralizedKelvinLaw : public MaterialLaw
  {
  public:
    explicit GeneralizedKelvinLaw(const GeneralizedKelvinParameters &p);

    const LawDescription &
    description() const override
    {
      return description_;
    }

    StepResult
    integrate(const StepRequest    &request,
              const ConstStateView &begin,
              StateView            &end,
              Matrix6              *tangent) const override;

    // chi = chi_g, E_beta = E_beta0, p = 1, everything else 0.
    void
    initialize(double *internal) const override;

    Matrix6
    elastic_stiffness(double temperature) const override;

    // ln(tau/tau_ref) of family f in the state (chi, E_beta) at T, relative
    // to the reference state ([Zhang2023-beta] Eqs. 14, 18-20).
    double
    state_log_shift(unsigned int f,
                    double       chi,
                    double       E_beta_eV,
                    double       temperature) const;

    const GeneralizedKelvinParameters &
    parameters() const
    {
      return parameters_;
    }

    // The moduli of the input (E0); E(T) and mu(T) at temperature T
    // (unaged; the material's `modulus slope`).
    double
    shear_modulus() const
    {
      return mu_;
    }
    double
    bulk_modulus() const
    {
      return bulk_;
    }
    double
    youngs_modulus(const double temperature) const
    {
      return parameters_.youngs_modulus_at(temperature);
    }
    double
    shear_modulus(const double temperature) const
    {
      return youngs_modulus(temperature) /
             (2.0 * (1.0 + parameters_.poissons_ratio));
    }

    // The discrete spectrum of family f at temperature T (STZ hierarchies:
    // [Atzmon2023] Eq. 9 with mu(T)).
    DiscreteSpectrum
    spectrum(unsigned int f, double temperature) const;

    // The family's total compliance increment dJ_f at E0 (for STZ families
    // sum_n c_n / E0, [Atzmon2023] Eqs. 4-6; at T it is sum_n c_n / E(T)).
    double
    compliance_increment(unsigned int f) const;

    // Uniaxial viscosity of the dashpot at temperature T (inf: none).
    double
    dashpot_viscosity(double temperature) const;

  private:
    struct Unit
    {
      unsigned int family;
      double       compliance; // w_i dJ_f: uniaxial saturation compliance
      double       log_tau_ref;
      // p_unit = p^population_exponent; STZ units' compliance c_n / E(T)
      // scales with E0 / E.
      double population_exponent = 1.0;
      bool   stz                 = false;
    };

    // The spectrum of family f at T with [Atzmon2023] Eq. 9 at modulus mu.
    DiscreteSpectrum
    spectrum(unsigned int f, double temperature, double mu) const;

    // --- coefficients (material/kelvin_coefficients.cc) ---
    // Per-unit integration coefficients for one (dt, T), cached per thread.
    struct Coefficients;
    // `shift` (one per family, ln tau/tau_ref from the point's state),
    // `population` p and `stiffening` 1 + delta (the moduli's rise by
    // aging): nullptr, 1 and 1 without state coupling.
    const Coefficients &
    coefficients(double        dt,
                 double        temperature,
                 const double *shift      = nullptr,
                 double        population = 1.0,
                 double        stiffening = 1.0) const;
    void
    recoverable_coefficients(Coefficients              &c,
                             const std::vector<double> &log_tau) const;
    void
    viscoplastic_coefficients(Coefficients              &c,
                              const std::vector<double> &log_tau) const;
    void
    nonlinear_coefficients(Coefficients              &c,
                           const std::vector<double> &log_tau) const;
    void
    dashpot_coefficients(Coefficients &c) const;
    // ln tau of every unit (recoverable, then viscoplastic) at T and shear
    // modulus mu, with the state's shifts.
    void
    unit_log_times(double               temperature,
                   double               mu,
                   const double        *shift,
                   std::vector<double> &recoverable,
                   std::vector<double> &viscoplastic) const;
    void
    build_units();
    // The exponent of p for unit i of family f (material/README.md).
    double
    population_exponent(const KelvinFamily &family, unsigned int i) const;
    // j = (3/2) p_unit w dJ (E0 / E for STZ units) in this step.
    double
    unit_j(const Coefficients &c, const Unit &unit) const;
    void
    build_description();

    // --- the linear update (material/kelvin_law.cc) ---
    // The coefficients of the step, with the times and compliances set by
    // the state at the beginning of the step.
    const Coefficients &
    step_coefficients(double        dt,
                      double        temperature,
                      const double *internal0) const;
    // The known part r of the deviatoric strain balance.
    Vector6
    known_strain(const Coefficients &c,
                 const Vector6      &strain,
                 const Vector6      &s0,
                 const double       *internal0) const;
    // s1 = lambda s_trial: lambda and d(lambda)/d(rho), rho =
    // sigma_eq(s_trial).
    void
    solve_lambda(const Coefficients &c,
                 const double       *vp0,
                 double              rho,
                 double             &lambda,
                 double             &dlambda_drho) const;
    // The end strains of the units and the dashpot and their sums; returns
    // the energy stored in the Kelvin springs, and in `beta_stored` the
    // part in the families of state role beta.
    double
    update_recoverable_units(const Coefficients &c,
                             const Vector6      &s0,
                             const Vector6      &s1,
                             const double       *internal0,
                             double             *internal,
                             Vector6            &eps_an,
                             double             &beta_stored) const;
    void
    update_viscoplastic_units(const Coefficients &c,
                              const Vector6      &s1,
                              const double       *internal0,
                              double             *internal,
                              Vector6            &eps_vp) const;

    void
    update_dashpot(const Coefficients &c,
                   const Vector6      &s0,
                   const Vector6      &s1,
                   const double       *internal0,
                   double             *internal,
                   Vector6            &eps_vp) const;
    // The tangent the request asks for.
    void
    write_tangent(TangentRequest      request,
                  const Coefficients &c,
                  bool                nonlinear,
                  double              lambda,
                  double              dlambda_drho,
                  double              rho,
                  const Vector6      &s_trial,
                  const Matrix6      &deviatoric_tangent,
                  Matrix6            &tangent) const;

    // --- the nonlinear update (material/kelvin_nonlinear.cc) ---
    class NonlinearUpdate;
    // A local Newton on the end deviator and the strains of the nonlinear
    // units.
    StepResult
    integrate_nonlinear(const Coefficients &c,
                        const Vector6      &r,
                        const Vector6      &s0,
                        const double       *units0,
                        const double       *vp0,
                        Vector6            &s1,
                        double             *units1,
                        Matrix6            *deviatoric_tangent) const;

    // --- energies and the rejuvenation/aging state (kelvin_state.cc) ---
    void
    update_energies(const Coefficients   &c,
                    const ConstStateView &begin,
                    StateView            &end,
                    const Vector6        &s1,
                    double                stored) const;
    // `anelastic_stored`: the spring energy outside the beta families, the
    // energy that lowers E_beta.
    void
    update_aging_state(double                dt,
                       double                temperature,
                       double                anelastic_stored,
                       const ConstStateView &begin,
                       StateView            &end) const;

    GeneralizedKelvinParameters parameters_;
    double                      mu_   = 0.0;
    double                      bulk_ = 0.0;
    std::vector<Unit>           recoverable_units_;
    std::vector<Unit>           viscoplastic_units_;
    // For each family: first unit and number of units in its unit list.
    std::vector<unsigned int> family_first_unit_;
    std::vector<unsigned int> family_n_units_;
    // Indices (into recoverable_units_) of the units of nonlinear families
    // and, per such unit, its activation volume (m^3; 0 = no sinh) and
    // barrier energy (J at mu0; used when the family has a barrier stress;
    // dF_n of an STZ unit scales with the step's mu).
    std::vector<unsigned int> nonlinear_units_;
    std::vector<double>       activation_volume_;
    std::vector<double>       barrier_energy_;
    std::vector<bool>         barrier_scales_with_mu_;
    std::vector<bool>         unit_is_nonlinear_; // per recoverable unit

    LawDescription    description_;
    KelvinStateLayout layout_; // named offsets into the internal state
    bool              state_active_ = false;
    bool              has_dashpot_  = false;
    std::uint64_t     id_           = 0;
  };
} // namespace mgrelax::material
