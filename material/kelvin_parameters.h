// The parameters of the generalized Kelvin law (material/kelvin_law.h):
// its families of units, the dashpot and the rejuvenation/aging state, and
// their checks.  The equations are in doc/physics.md ('The generalized
// Kelvin law', 'Nonlinear kinetics', 'Rejuvenation and aging').
#pragma once

#include <string>
#include <vector>

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
    // STZ hierarchy uses [Atzmon2023] Eq. 9 itself).
    TemperatureLaw temperature;

    // Stress dependence of the units' rate (recoverable families only;
    // see material/README.md, "Nonlinear kinetics").  A unit's rate is
    // the linear one times psi(q) >= 1, q the equivalent net stress on
    // its dashpot:
    //   sinh:    psi = sinh(q/sigma0)/(q/sigma0), sigma0 = 2 sqrt(3) kT/V
    //            ([Atzmon2023] Eq. 1 with the von Mises shear stress
    //            q/sqrt(3)); V = gamma0^T Omega_n for an STZ hierarchy,
    //            otherwise `activation_volume`.
    //   barrier: psi *= exp{E/kT [1 - (1 - q/(sqrt(3) sigma_b))^(2/3)]}
    //            ([Zhang2023-beta] Eq. 17 in the shear stress q/sqrt(3)),
    //            on when barrier_stress > 0.
    enum class Kinetics
    {
      linear,
      sinh
    };
    Kinetics kinetics          = Kinetics::linear;
    double   activation_volume = 0.0; // m^3 (Gumbel/list with sinh)
    double   barrier_stress    = 0.0; // sigma_b (shear) in Pa, 0 = off
    // E in Eq. 17 (eV); 0: the family's Arrhenius activation energy, or
    // dF_n ([Atzmon2023] Eq. 2) for an STZ hierarchy.
    double barrier_energy_eV = 0.0;

    bool
    nonlinear() const
    {
      return kinetics != Kinetics::linear || barrier_stress > 0.0;
    }

    // How the point's internal state (chi, E_beta) moves the family's
    // times (material/README.md, "Rejuvenation and aging"):
    //   beta:      tau ~ tau_beta = tau0 exp(E_beta/kT)      ([Zhang2023-beta]
    //   Eq. 14) molecular: tau ~ tau_mol = tau0 (tau_beta/tau0)^(1/chi) (Eqs.
    //   18-19) anelastic: tau ~ tau_an = tau_mol chi^(1/chi)           (Eq. 20)
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

  // The internal state for rejuvenation and aging (doc/physics.md,
  // 'Rejuvenation and aging'). Every coupling coefficient is a parameter; all
  // zero (the defaults) leave the mechanical response exactly that of the plain
  // law.
  struct RejuvenationAgingParameters
  {
    // chi, the QPD correlation factor, [Zhang2023-beta] Eq. 21:
    //   chi = chi_g + A_an gamma_an - A_vp gamma_vp + chi_T <T - Tg>,
    // gamma the accumulated equivalent shear strains (sqrt(3) eps_eq).
    double chi_g = 0.0; // 0: no chi state
    double A_an  = 0.0;
    // chi_s: with it, the anelastic term A_an gamma_an becomes
    // chi_s ln(1 + A_an gamma_an / chi_s), a creation of QPDs whose rate
    // falls as exp(-chi_an/chi_s) with what has been created (material/
    // README.md, 'Rejuvenation and aging'); 0 = the linear term.
    double chi_saturation = 0.0;
    double A_vp           = 0.0;
    double chi_T =
        0.0;         // 1/K ([Zhang2023-cooling] Table 1: a2 = 3-6e-3 above Tg)
    double Tg = 0.0; // K
    // E_beta, the energetic-state index ([Zhang2023-beta] Eq. 14), in eV:
    //   E_beta = E_s - k_r w_an,
    //   dE_s/dt = (E_eq - E_s)/tau_alpha - k_v dw_viscoplastic/dt,
    // w_an the spring energy of the recoverable families other than the
    // beta ones.
    double E_beta_eV = 0.0; // initial (and reference) value
    // T_c of [Zhang2023-beta] Eq. 14: the crossover temperature at which
    // every energetic state has the same beta time, so that a change dE of
    // E_beta shifts ln tau_beta by dE (1/kT - 1/kT_c).
    double beta_crossover_temperature = 566.67; // K
    double E_beta_equilibrium_eV      = 0.0;    // aging target; 0: no drift
    double rejuvenation               = 0.0;    // k_r, eV per J/m^3
    double irreversible_rejuvenation  = 0.0;    // k_v, eV per J/m^3
    // p, the potential-STZ population ([Atzmon2023] Sec. 9), scaling the
    // compliances of the recoverable families:
    //   dp/dt = (p_aged - p)/tau_alpha,  p(0) = 1.
    double p_aged = 1.0;
    // Size dependence of the population of an STZ hierarchy: unit n keeps
    //   p_n = p^((n / n_max)^a),  a = population_size_exponent,
    // so that aging thins the largest (slowest) STZs most ([Atzmon2023]
    // Sec. 9, Figs. 13-16).  0: every unit keeps p (Gumbel and list
    // families always do).
    double population_size_exponent = 0.0;
    // The relative rise of the moduli by aging, delta (E and mu times
    // 1 + delta, nu fixed):  d(delta)/dt = (delta_aged - delta)/tau_alpha,
    // delta(0) = 0.  Through [Atzmon2023] Eq. 2 it raises every dF_n by
    // delta dF_n, which grows with n.  0: no modulus aging.
    double modulus_rise_aged = 0.0;
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
             rejuvenation != 0.0 || irreversible_rejuvenation != 0.0 ||
             aging_time > 0.0;
    }
  };

  struct GeneralizedKelvinParameters
  {
    double youngs_modulus = 70e9; // E0, at and below the knee temperature
    double poissons_ratio = 0.3;
    // E(T) = E0 (1 + modulus_slope <T - modulus_knee_temperature>), nu
    // fixed: the linear fall of the modulus above Tg of [Atzmon2023] Sec.
    // 6.  It sets the elastic stiffness, the mu of [Atzmon2023] Eqs. 2 and
    // 9 and the STZ compliances c_n / E.  0: E constant.
    double                    modulus_slope            = 0.0; // 1/K
    double                    modulus_knee_temperature = 0.0; // K
    std::vector<KelvinFamily> families;
    // Uniaxial viscosity of the linear dashpot in Pa s; 0 = no dashpot.
    double                      dashpot_viscosity = 0.0;
    TemperatureLaw              dashpot_temperature;
    RejuvenationAgingParameters state;

    // Throws std::invalid_argument naming the offending entry.
    void
    check() const;

    // E(T) from the entries above (may be <= 0 far above the knee).
    double
    youngs_modulus_at(double temperature) const
    {
      if (modulus_slope == 0.0 || temperature <= modulus_knee_temperature)
        return youngs_modulus;
      return youngs_modulus *
             (1.0 + modulus_slope * (temperature - modulus_knee_temperature));
    }
  };
} // namespace mgrelax::material
