// The generalized Kelvin viscoelastic-viscoplastic law of mgrelax (small
// strain; see material/README.md for the equations and their sources).
//
//   eps = eps_el + sum_families sum_i eps_i + eps_vp
//   sigma = K tr(eps_el) 1 + 2 mu dev(eps_el)
//
// - Recoverable (Kelvin-Voigt) units, seed-000 Eqs. 10, 22 and 28,
//   seed-003 Eq. 2, Atzmon Eqs. 3-6:
//     tau_i d(eps_i)/dt = w_i dJ_f (3/2) s - eps_i,     s = dev(sigma),
//   so that a family adds dJ_f sum_i w_i (1 - exp(-t/tau_i)) to the
//   uniaxial creep compliance.
// - Viscoplastic (saturating, irreversible) units, seed-000 Eqs. 25-28:
//     d(eps_i)/dt = (3/2)(s/sigma_eq) <w_i dJ_f sigma_eq - eps_i,eq> / tau_i,
//   identical to a Kelvin unit while loading at constant stress, frozen
//   when unloaded.
// - A linear dashpot, d(eps_d)/dt = (3/2) s / eta (seed-003 Eq. 2: the
//   eps_vp' t term; eta is the uniaxial viscosity).
// All inelastic strains are deviatoric; the bulk response is elastic.
//
// Integration (physics.md Sec. 4): each Kelvin unit is updated exactly for
// a deviatoric stress that varies linearly over the step; the dashpot with
// an exponentially fitted theta rule (exact for a Maxwell element at fixed
// strain and for constant stress); the viscoplastic units exactly for
// constant stress over the step.  Driven by strain, all of them couple
// through s; because everything is isotropic the end-of-step deviator is
// parallel to a trial deviator, and the only unknown is one scalar, found
// exactly (the equation is piecewise linear).  The consistent tangent is
// closed form.  Every step size from dt/tau = 1e-12 to 1e12 is stable.
#pragma once

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "material/law.h"
#include "material/spectrum.h"

namespace mgrelax::material
{
  struct KelvinFamily
  {
    enum class Kind
    {
      recoverable,  // Kelvin-Voigt units (beta, anelastic)
      viscoplastic, // saturating units that do not recover
    };
    enum class SpectrumKind
    {
      gumbel,
      list,
      stz
    };

    std::string  name;
    Kind         kind                 = Kind::recoverable;
    double       compliance_increment = 0.0; // dJ, 1/Pa (not for STZ)
    SpectrumKind spectrum             = SpectrumKind::gumbel;

    GumbelSpectrum      gumbel;
    std::vector<double> list_times;   // s
    std::vector<double> list_weights; // normalized to sum 1
    StzHierarchy        stz;

    // Shift of the times with temperature (Gumbel and list spectra; the
    // STZ hierarchy uses Atzmon Eq. 9 itself).
    TemperatureLaw temperature;

    // Stress dependence of the units' rate (recoverable families only;
    // see material/README.md, "Nonlinear kinetics").  A unit's rate is
    // the linear one times psi(q) >= 1, q the equivalent net stress on
    // its dashpot:
    //   sinh:    psi = sinh(q/sigma0)/(q/sigma0), sigma0 = 2 sqrt(3) kT/V
    //            (Atzmon Eq. 1 with the von Mises shear stress q/sqrt(3));
    //            V = gamma0^T Omega_n for an STZ hierarchy, otherwise
    //            `activation_volume`.
    //   barrier: psi *= exp{E/kT [1 - (1 - q/sigma_b)^(2/3)]} (seed-000
    //            Eq. 17), on when barrier_stress > 0.
    enum class Kinetics
    {
      linear,
      sinh
    };
    Kinetics kinetics          = Kinetics::linear;
    double   activation_volume = 0.0; // m^3 (Gumbel/list with sinh)
    double   barrier_stress    = 0.0; // sigma_b in Pa, 0 = off
    // E in Eq. 17 (eV); 0: the family's Arrhenius activation energy, or
    // dF_n (Atzmon Eq. 2) for an STZ hierarchy.
    double barrier_energy_eV = 0.0;

    bool
    nonlinear() const
    {
      return kinetics != Kinetics::linear || barrier_stress > 0.0;
    }

    // How the point's internal state (chi, E_beta) moves the family's
    // times (material/README.md, "Rejuvenation and aging"):
    //   beta:      tau ~ tau_beta = tau0 exp(E_beta/kT)      (seed-000 Eq. 14)
    //   molecular: tau ~ tau_mol = tau0 (tau_beta/tau0)^(1/chi) (Eqs. 18-19)
    //   anelastic: tau ~ tau_an = tau_mol chi^(1/chi)           (Eq. 20)
    // always relative to the reference state (E_beta0, chi_g), where the
    // times are those of the spectrum and temperature law above.
    enum class StateRole
    {
      none,
      beta,
      molecular,
      anelastic
    };
    StateRole state_role = StateRole::none;
  };

  // The internal state for rejuvenation and aging (physics.md Sec. 3).
  // Every coupling coefficient is a parameter; all zero (the defaults) leave
  // the mechanical response exactly that of the plain law.
  struct RejuvenationAgingParameters
  {
    // chi, the QPD correlation factor, seed-000 Eq. 21:
    //   chi = chi_g + A_an gamma_an - A_vp gamma_vp + chi_T <T - Tg>,
    // gamma the accumulated equivalent shear strains (sqrt(3) eps_eq).
    double chi_g = 0.0; // 0: no chi state
    double A_an  = 0.0;
    double A_vp  = 0.0;
    double chi_T = 0.0; // 1/K (seed-001 Table 1: a2 = 3-6e-3 above Tg)
    double Tg    = 0.0; // K
    // E_beta, the energetic-state index (seed-000 Eq. 14), in eV:
    //   E_beta = E_s - k_r w_stored,  dE_s/dt = (E_eq - E_s)/tau_alpha.
    double E_beta_eV             = 0.0; // initial (and reference) value
    double E_beta_equilibrium_eV = 0.0; // aging target; 0: no drift
    double rejuvenation          = 0.0; // k_r, eV per J/m^3
    // p, the potential-STZ population (Atzmon Sec. 9), scaling the
    // compliances of the recoverable families:
    //   dp/dt = (p_aged - p)/tau_alpha,  p(0) = 1.
    double p_aged = 1.0;
    // tau_alpha, the alpha (structural relaxation) time at the temperature
    // law's reference temperature; 0 = no aging.
    double         aging_time = 0.0;
    TemperatureLaw aging_temperature;

    void
    check() const;

    // True when some coupling can move the state.
    bool
    active() const
    {
      return A_an != 0.0 || A_vp != 0.0 || chi_T != 0.0 ||
             rejuvenation != 0.0 || aging_time > 0.0;
    }
  };

  struct GeneralizedKelvinParameters
  {
    double                    youngs_modulus = 70e9;
    double                    poissons_ratio = 0.3;
    std::vector<KelvinFamily> families;
    // Uniaxial viscosity of the linear dashpot in Pa s; 0 = no dashpot.
    double                      dashpot_viscosity = 0.0;
    TemperatureLaw              dashpot_temperature;
    RejuvenationAgingParameters state;

    // Throws std::invalid_argument naming the offending entry.
    void
    check() const;
  };

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
    // to the reference state (seed-000 Eqs. 14, 18-20).
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

    // The discrete spectrum of family f at temperature T.
    DiscreteSpectrum
    spectrum(unsigned int f, double temperature) const;

    // The family's total compliance increment dJ_f (for STZ families
    // sum_n c_n / E, Atzmon Eqs. 4-6).
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
    };

    // Per-unit integration coefficients for one (dt, T), cached per thread.
    struct Coefficients;
    // `shift` (one per family, ln tau/tau_ref from the point's state) and
    // `population` p: nullptr and 1 without state coupling.
    const Coefficients &
    coefficients(double        dt,
                 double        temperature,
                 const double *shift      = nullptr,
                 double        population = 1.0) const;

    // The nonlinear branch of integrate(): a local Newton on the end
    // deviator and the strains of the nonlinear units.
    StepResult
    integrate_nonlinear(const Coefficients &c,
                        const Vector6      &r,
                        const Vector6      &s0,
                        const double       *units0,
                        const double       *vp0,
                        Vector6            &s1,
                        double             *units1,
                        Matrix6            *deviatoric_tangent) const;

    void
    build_units();
    void
    build_description();

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
    // barrier energy (J; used when the family has a barrier stress).
    std::vector<unsigned int> nonlinear_units_;
    std::vector<double>       activation_volume_;
    std::vector<double>       barrier_energy_;
    std::vector<bool>         unit_is_nonlinear_; // per recoverable unit

    LawDescription description_;
    // Offsets of the internal state variables.
    unsigned int off_eps_an_ = 0, off_eps_vp_ = 0, off_eps_an_eq_ = 0,
                 off_eps_vp_eq_ = 0, off_family_eq_ = 0, off_dashpot_ = 0,
                 off_recoverable_ = 0, off_viscoplastic_ = 0, off_chi_ = 0,
                 off_E_beta_ = 0, off_E_structural_ = 0, off_p_ = 0,
                 off_gamma_an_ = 0, off_gamma_vp_ = 0, off_w_work_ = 0,
                 off_w_stored_ = 0, off_w_dissipated_ = 0;
    bool          state_active_ = false;
    bool          has_dashpot_  = false;
    std::uint64_t id_           = 0;
  };

  // Closed forms of the linear law at constant temperature, used by the
  // tests and by spectrum fits.

  // Uniaxial creep compliance J(t) of seed-000 Eq. 28 (+ t/eta for the
  // dashpot), including every family.
  double
  creep_compliance(const GeneralizedKelvinLaw &law,
                   double                      t,
                   double                      temperature);

  // Uniaxial dynamic compliance for sigma ~ exp(i omega t), seed-000
  // Eq. 12: J* = 1/E + sum dJ w_i / (1 + i omega tau_i) - i/(omega eta).
  // (Viscoplastic units respond like Kelvin units only while loading; the
  // formula treats all units as Kelvin units.)
  std::complex<double>
  dynamic_compliance(const GeneralizedKelvinLaw &law,
                     double                      omega,
                     double                      temperature);
} // namespace mgrelax::material
