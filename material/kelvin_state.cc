// The internal state of the generalized Kelvin law: its variables and
// layout, the initial state, how the state moves the times, and the update
// of the energies and of the rejuvenation/aging state at the end of a step
// (doc/physics.md, 'Rejuvenation and aging').
#include "material/kelvin_state.h"

#include <algorithm>
#include <cmath>

#include "material/kelvin_coefficients.h"
#include "material/kelvin_law.h"

namespace mgrelax::material
{
  std::vector<Variable>
  kelvin_state_variables(const GeneralizedKelvinParameters &parameters,
                         const std::vector<unsigned int>   &family_n_units)
  {
    using VK                = VariableKind;
    std::vector<Variable> v = {
        {"eps_an",
         VK::symmetric_tensor,
         1,
         "-",
         "recoverable (anelastic) strain: sum of the Kelvin units"},
        {"eps_vp",
         VK::symmetric_tensor,
         1,
         "-",
         "irreversible (viscoplastic) strain: viscoplastic units and dashpot"},
        {"eps_an_eq",
         VK::scalar,
         1,
         "-",
         "equivalent recoverable strain sqrt(2/3 e:e)"},
        {"eps_vp_eq",
         VK::scalar,
         1,
         "-",
         "equivalent irreversible strain sqrt(2/3 e:e)"},
        // The rejuvenation/aging state and the energies.
        {"chi",
         VK::scalar,
         1,
         "-",
         "QPD correlation factor ([Zhang2023-beta] Eq. 21)"},
        {"E_beta_eV",
         VK::scalar,
         1,
         "eV",
         "beta activation energy, the energetic-state index ([Zhang2023-beta] "
         "Eq. 14)"},
        {"E_beta_structural_eV",
         VK::scalar,
         1,
         "eV",
         "structural part of E_beta (aging moves it)"},
        {"p_population",
         VK::scalar,
         1,
         "-",
         "potential-STZ population factor ([Atzmon2023] Sec. 9)"},
        {"gamma_an_acc",
         VK::scalar,
         1,
         "-",
         "accumulated equivalent anelastic shear strain"},
        {"gamma_vp_acc",
         VK::scalar,
         1,
         "-",
         "accumulated equivalent irreversible shear strain"},
        {"w_work",
         VK::scalar,
         1,
         "J/m^3",
         "work done on the point, integral of sigma:d(eps) (the full "
         "hysteresis; not [Zhang2023-cycling] Eq. 4's v_total)"},
        {"w_stored",
         VK::scalar,
         1,
         "J/m^3",
         "energy stored in the Kelvin units' springs (recoverable)"},
        {"w_viscoplastic",
         VK::scalar,
         1,
         "J/m^3",
         "work done on the irreversible strain, integral of sigma:d(eps_vp)"},
        {"w_dissipated",
         VK::scalar,
         1,
         "J/m^3",
         "dissipated in the Kelvin units' dashpots: work - elastic - stored "
         "- viscoplastic"}};
    for (const KelvinFamily &family : parameters.families)
      v.push_back({"eps_eq_" + family.name,
                   VK::scalar,
                   1,
                   "-",
                   "equivalent strain of family " + family.name});
    if (parameters.state.modulus_rise_aged > 0.0)
      v.push_back({"modulus_rise",
                   VK::scalar,
                   1,
                   "-",
                   "relative rise of E and mu by aging ([Atzmon2023] Sec. 9)"});
    if (parameters.dashpot_viscosity > 0.0)
      v.push_back({"eps_dashpot",
                   VK::symmetric_tensor,
                   1,
                   "-",
                   "strain of the linear dashpot"});
    // Unit strains, grouped as the law's unit lists.
    for (const auto kind :
         {KelvinFamily::Kind::recoverable, KelvinFamily::Kind::viscoplastic})
      for (unsigned int f = 0; f < parameters.families.size(); ++f)
        if (parameters.families[f].kind == kind)
          v.push_back({"units_" + parameters.families[f].name,
                       VK::symmetric_tensor,
                       family_n_units[f],
                       "-",
                       "strains of the units of family " +
                           parameters.families[f].name});
    return v;
  }

  KelvinStateLayout::KelvinStateLayout(
      const LawDescription &d, const std::vector<KelvinFamily> &families)
  {
    eps_an         = d.offset("eps_an");
    eps_vp         = d.offset("eps_vp");
    eps_an_eq      = d.offset("eps_an_eq");
    eps_vp_eq      = d.offset("eps_vp_eq");
    chi            = d.offset("chi");
    E_beta         = d.offset("E_beta_eV");
    E_structural   = d.offset("E_beta_structural_eV");
    p              = d.offset("p_population");
    gamma_an       = d.offset("gamma_an_acc");
    gamma_vp       = d.offset("gamma_vp_acc");
    w_work         = d.offset("w_work");
    w_stored       = d.offset("w_stored");
    w_viscoplastic = d.offset("w_viscoplastic");
    w_dissipated   = d.offset("w_dissipated");
    family_eq      = families.empty() ? w_dissipated + 1
                                      : d.offset("eps_eq_" + families[0].name);
    if (d.has_variable("eps_dashpot"))
      dashpot = d.offset("eps_dashpot");
    has_modulus_rise = d.has_variable("modulus_rise");
    if (has_modulus_rise)
      modulus_rise = d.offset("modulus_rise");
    // The first family of each kind starts its unit list (an empty list
    // starts at the end of the state).
    const unsigned int end         = d.internal_state_size();
    const auto         first_units = [&](const KelvinFamily::Kind kind) {
      for (const KelvinFamily &family : families)
        if (family.kind == kind)
          return d.offset("units_" + family.name);
      return end;
    };
    viscoplastic_units = first_units(KelvinFamily::Kind::viscoplastic);
    recoverable_units  = first_units(KelvinFamily::Kind::recoverable);
    if (recoverable_units == end)
      recoverable_units = viscoplastic_units;
  }

  void
  GeneralizedKelvinLaw::initialize(double *internal) const
  {
    std::fill(internal, internal + description_.internal_state_size(), 0.0);
    internal[layout_.chi]          = parameters_.state.chi_g;
    internal[layout_.E_beta]       = parameters_.state.E_beta_eV;
    internal[layout_.E_structural] = parameters_.state.E_beta_eV;
    internal[layout_.p]            = 1.0;
  }

  // [Zhang2023-beta] Eq. 14 anchored at the crossover temperature T_c:
  // ln tau_beta = ln tau_c + E_beta/k (1/T - 1/T_c).  Eqs. 18-20 build on
  // x = ln(tau_beta/tau_0) with tau_0 the Eq. 14 prefactor of the reference
  // state (a constant): x = E0/kT + (E_beta - E0)(1/kT - 1/kT_c).  Without a
  // change of E_beta and chi every shift is 0 (doc/physics.md,
  // 'Rejuvenation and aging').
  double
  GeneralizedKelvinLaw::state_log_shift(const unsigned int f,
                                        const double       chi,
                                        const double       E_beta_eV,
                                        const double       temperature) const
  {
    const RejuvenationAgingParameters &a  = parameters_.state;
    const double                       kT = boltzmann_eV * temperature;
    const double                       beta =
        (E_beta_eV - a.E_beta_eV) *
        (1.0 / kT - 1.0 / (boltzmann_eV * a.beta_crossover_temperature));
    const double x0        = a.E_beta_eV / kT;
    const auto   molecular = [&]() { return (x0 + beta) / chi - x0 / a.chi_g; };
    switch (parameters_.families[f].state_role)
      {
      case KelvinFamily::StateRole::none:
        return 0.0;
      case KelvinFamily::StateRole::beta: // Eq. 14
        return beta;
      case KelvinFamily::StateRole::molecular: // Eqs. 18-19
        return molecular();
      case KelvinFamily::StateRole::anelastic: // Eq. 20
        return molecular() + std::log(chi) / chi - std::log(a.chi_g) / a.chi_g;
      }
    return 0.0;
  }

  // Energies (J/m^3; doc/physics.md, 'Energies'): the work and the work on
  // the irreversible strain by the trapezoidal rule (exact for stress and
  // strain linear in the step), the energy of the Kelvin springs
  // (recoverable), and what the Kelvin units' dashpots dissipated, the rest
  // less the elastic energy.
  void
  GeneralizedKelvinLaw::update_energies(const Coefficients   &c,
                                        const ConstStateView &begin,
                                        StateView            &end,
                                        const Vector6        &s1,
                                        const double          stored) const
  {
    const auto vector = [](const double *v) {
      return Eigen::Map<const Vector6>(v);
    };
    const double *const internal0 = begin.internal;
    double *const       internal  = end.internal;
    const Vector6       mean_stress =
        0.5 * (vector(begin.stress) + vector(end.stress));
    const double work =
        internal0[layout_.w_work] +
        mean_stress.dot(vector(end.strain) - vector(begin.strain));
    const double viscoplastic =
        internal0[layout_.w_viscoplastic] +
        mean_stress.dot(vector(internal + layout_.eps_vp) -
                        vector(internal0 + layout_.eps_vp));
    const double p_mean = trace(vector(end.stress)) / 3.0;
    const double elastic =
        0.25 * s1.squaredNorm() / c.mu + 0.5 * p_mean * p_mean / c.bulk;
    internal[layout_.w_work]         = work;
    internal[layout_.w_stored]       = stored;
    internal[layout_.w_viscoplastic] = viscoplastic;
    internal[layout_.w_dissipated]   = work - elastic - stored - viscoplastic;
  }

  // The accumulated strains and the rejuvenation/aging state at the end of
  // the step, from the end unit strains and energies (written before).
  void
  GeneralizedKelvinLaw::update_aging_state(const double dt,
                                           const double temperature,
                                           const double anelastic_stored,
                                           const ConstStateView &begin,
                                           StateView            &end) const
  {
    const double *const internal0 = begin.internal;
    double *const       internal  = end.internal;
    const auto          map0      = [&](const unsigned int offset) {
      return Eigen::Map<const Vector6>(internal0 + offset);
    };
    const auto map1 = [&](const unsigned int offset) {
      return Eigen::Map<const Vector6>(internal + offset);
    };
    // Accumulated equivalent shear strains, gamma = sqrt(3) eps_eq of the
    // increment ([Zhang2023-beta] Eq. 21's gamma_an, gamma_vp).
    const double sqrt3 = std::sqrt(3.0);
    internal[layout_.gamma_an] =
        internal0[layout_.gamma_an] +
        sqrt3 * equivalent_strain(map1(layout_.eps_an) - map0(layout_.eps_an));
    internal[layout_.gamma_vp] =
        internal0[layout_.gamma_vp] +
        sqrt3 * equivalent_strain(map1(layout_.eps_vp) - map0(layout_.eps_vp));

    const RejuvenationAgingParameters &a = parameters_.state;
    double E_s = internal0[layout_.E_structural], p = internal0[layout_.p];
    if (a.aging_time > 0.0 && dt > 0.0)
      {
        // Exact for the step: relaxation towards the aged values at the
        // alpha rate 1/tau_alpha(T).
        const double tau_alpha =
            a.aging_time * std::exp(a.aging_temperature.log_shift(temperature));
        const double relax = std::exp(-dt / tau_alpha);
        if (a.E_beta_equilibrium_eV > 0.0)
          E_s =
              a.E_beta_equilibrium_eV + (E_s - a.E_beta_equilibrium_eV) * relax;
        p = a.p_aged + (p - a.p_aged) * relax;
        if (layout_.has_modulus_rise)
          internal[layout_.modulus_rise] =
              a.modulus_rise_aged +
              (internal0[layout_.modulus_rise] - a.modulus_rise_aged) * relax;
      }
    else if (layout_.has_modulus_rise)
      internal[layout_.modulus_rise] = internal0[layout_.modulus_rise];
    // The work done on the irreversible strain lowers E_s for good (only
    // aging takes it back); the energy stored in the anelastic springs (not
    // those of the beta families, whose times E_beta sets) lowers E_beta
    // while it is stored ([Zhang2023-cycling]; doc/physics.md, 'The
    // energetic state').  Floor 0.01 eV.
    E_s -= a.irreversible_rejuvenation * (internal[layout_.w_viscoplastic] -
                                          internal0[layout_.w_viscoplastic]);
    internal[layout_.E_structural] = E_s;
    internal[layout_.p]            = p;
    internal[layout_.E_beta] =
        a.E_beta_eV > 0.0
            ? std::max(E_s - a.rejuvenation * anelastic_stored, 0.01)
            : 0.0;
    // [Zhang2023-beta] Eq. 21 (with the saturation of the anelastic
    // term when chi_s > 0), kept in [0.01, 1].
    double chi = a.chi_g;
    if (chi > 0.0)
      {
        const double created = a.A_an * internal[layout_.gamma_an];
        chi += (a.chi_saturation > 0.0
                    ? a.chi_saturation * std::log1p(created / a.chi_saturation)
                    : created) -
               a.A_vp * internal[layout_.gamma_vp];
        if (a.chi_T > 0.0 && end.temperature > a.Tg)
          chi += a.chi_T * (end.temperature - a.Tg);
        chi = std::clamp(chi, 0.01, 1.0);
      }
    internal[layout_.chi] = chi;
  }
} // namespace mgrelax::material
