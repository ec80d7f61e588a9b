// The parameters of the generalized Kelvin law: their checks.  Every
// message names the entry (and the family) so that material files can
// report it (solver/material_input.cc adds the file).
#include "material/kelvin_parameters.h"

#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>

#include "material/elastic_law.h"
#include "material/format.h"

namespace mgrelax::material
{
  namespace
  {
    // The spectrum of one family: Gumbel, list or STZ hierarchy.
    void
    check_spectrum(const KelvinFamily &family, const std::string &where)
    {
      switch (family.spectrum)
        {
        case KelvinFamily::SpectrumKind::gumbel:
          family.gumbel.check(where);
          break;
        case KelvinFamily::SpectrumKind::list:
          {
            if (family.list_times.empty())
              throw std::invalid_argument(
                  where + ": the spectrum is empty ('times' has no value)");
            if (family.list_times.size() != family.list_weights.size())
              throw std::invalid_argument(
                  where +
                  ": 'times' and 'weights' need the same number "
                  "of values (" +
                  std::to_string(family.list_times.size()) + " vs " +
                  std::to_string(family.list_weights.size()) + ")");
            for (const double t : family.list_times)
              if (!(t > 0.0) || !std::isfinite(t))
                throw std::invalid_argument(
                    where + ": every value of 'times' must be > 0 s (got " +
                    short_number(t) + ")");
            for (const double w : family.list_weights)
              if (!(w >= 0.0) || !std::isfinite(w))
                throw std::invalid_argument(
                    where + ": every value of 'weights' must be >= 0 (got " +
                    short_number(w) + ")");
            if (!(std::accumulate(family.list_weights.begin(),
                                  family.list_weights.end(),
                                  0.0) > 0.0))
              throw std::invalid_argument(
                  where + ": 'weights' are all zero: the spectrum is empty");
            break;
          }
        case KelvinFamily::SpectrumKind::stz:
          family.stz.check(where);
          if (family.temperature.kind != TemperatureLaw::Kind::none)
            throw std::invalid_argument(
                where + ": an STZ hierarchy takes its temperature "
                        "dependence from [Atzmon2023] Eq. 9; set 'temperature "
                        "dependence = none'");
          break;
        }
    }

    // A family's `state role` needs the state variables it follows.
    void
    check_state_role(const KelvinFamily                &family,
                     const RejuvenationAgingParameters &state,
                     const std::string                 &where)
    {
      if (family.state_role != KelvinFamily::StateRole::none &&
          !(state.E_beta_eV > 0.0))
        throw std::invalid_argument(where +
                                    ": a 'state role' needs 'E_beta' > 0 eV in "
                                    "subsection State");
      if ((family.state_role == KelvinFamily::StateRole::molecular ||
           family.state_role == KelvinFamily::StateRole::anelastic) &&
          !(state.chi_g > 0.0))
        throw std::invalid_argument(
            where + ": 'state role = molecular | anelastic' needs "
                    "'chi_g' > 0 in subsection State ([Zhang2023-beta] Eqs. "
                    "18-20)");
    }

    // Nonlinear kinetics: sinh and barrier (recoverable families only).
    void
    check_kinetics(const KelvinFamily &family, const std::string &where)
    {
      if (!family.nonlinear())
        return;
      if (family.kind != KelvinFamily::Kind::recoverable)
        throw std::invalid_argument(
            where + ": nonlinear kinetics ('kinetics = sinh' or a "
                    "'barrier stress') is for recoverable families only");
      if (family.kinetics == KelvinFamily::Kinetics::sinh &&
          family.spectrum != KelvinFamily::SpectrumKind::stz &&
          !(family.activation_volume > 0.0 && family.activation_volume < 1e-24))
        throw std::invalid_argument(
            where +
            ": 'kinetics = sinh' needs an 'activation volume' in "
            "(0, 1e-24) m^3 (got " +
            short_number(family.activation_volume) +
            "); an STZ spectrum uses gamma0^T Omega_n");
      if (!(family.barrier_stress >= 0.0 &&
            std::isfinite(family.barrier_stress)))
        throw std::invalid_argument(
            where + ": 'barrier stress' must be >= 0 Pa, 0 = off (got " +
            short_number(family.barrier_stress) + ")");
      if (!(family.barrier_energy_eV >= 0.0 && family.barrier_energy_eV < 20.0))
        throw std::invalid_argument(
            where + ": 'barrier energy' must be in [0, 20) eV (got " +
            short_number(family.barrier_energy_eV) + ")");
      if (family.barrier_stress > 0.0 && family.barrier_energy_eV == 0.0 &&
          family.spectrum != KelvinFamily::SpectrumKind::stz &&
          !(family.temperature.kind == TemperatureLaw::Kind::arrhenius &&
            family.temperature.activation_energy_eV > 0.0))
        throw std::invalid_argument(
            where + ": a 'barrier stress' needs a 'barrier energy' > 0 eV "
                    "(or an Arrhenius activation energy, or an STZ "
                    "spectrum)");
    }
  } // namespace

  void
  RejuvenationAgingParameters::check() const
  {
    const auto fail = [](const std::string &what) {
      throw std::invalid_argument("Material, State: " + what);
    };
    const auto finite_nonnegative = [&](const double v, const char *name) {
      if (!(v >= 0.0) || !std::isfinite(v))
        fail(std::string("'") + name + "' must be >= 0 (got " +
             short_number(v) + ")");
    };
    if (!(chi_g >= 0.0 && chi_g <= 1.0))
      fail("'chi_g' must be in [0, 1], 0 = no chi (got " + short_number(chi_g) +
           ")");
    finite_nonnegative(A_an, "A_an");
    finite_nonnegative(chi_saturation, "chi saturation");
    finite_nonnegative(A_vp, "A_vp");
    finite_nonnegative(chi_T, "chi_T");
    finite_nonnegative(Tg, "Tg");
    if ((A_an != 0.0 || A_vp != 0.0 || chi_T != 0.0) && chi_g == 0.0)
      fail("the chi couplings (A_an, A_vp, chi_T) need 'chi_g' > 0");
    if (chi_T != 0.0 && !(Tg > 0.0))
      fail("'chi_T' needs 'Tg' > 0 K");
    if (!(E_beta_eV >= 0.0 && E_beta_eV < 20.0))
      fail("'E_beta' must be in [0, 20) eV, 0 = no E_beta state (got " +
           short_number(E_beta_eV) + ")");
    if (!(E_beta_equilibrium_eV >= 0.0 && E_beta_equilibrium_eV < 20.0))
      fail("'E_beta equilibrium' must be in [0, 20) eV (got " +
           short_number(E_beta_equilibrium_eV) + ")");
    if (!(beta_crossover_temperature > 0.0 && beta_crossover_temperature < 1e5))
      fail("'beta crossover temperature' must be in (0, 1e5) K (got " +
           short_number(beta_crossover_temperature) + ")");
    finite_nonnegative(rejuvenation, "rejuvenation coefficient");
    finite_nonnegative(irreversible_rejuvenation,
                       "irreversible rejuvenation coefficient");
    if ((rejuvenation != 0.0 || irreversible_rejuvenation != 0.0 ||
         E_beta_equilibrium_eV != 0.0) &&
        E_beta_eV == 0.0)
      fail("'rejuvenation coefficient', 'irreversible rejuvenation "
           "coefficient' and 'E_beta equilibrium' need 'E_beta' > 0 eV");
    if (!(p_aged > 0.0 && p_aged <= 1.0))
      fail("'p aged' must be in (0, 1] (got " + short_number(p_aged) + ")");
    if (!(population_size_exponent >= 0.0 && population_size_exponent <= 20.0))
      fail("'p size exponent' must be in [0, 20], 0 = the same p for every "
           "STZ size (got " +
           short_number(population_size_exponent) + ")");
    if (!(modulus_rise_aged >= 0.0 && modulus_rise_aged <= 0.5))
      fail("'modulus rise aged' must be in [0, 0.5], 0 = no modulus aging "
           "(got " +
           short_number(modulus_rise_aged) + ")");
    finite_nonnegative(aging_time, "aging time");
    if (aging_time > 0.0)
      aging_temperature.check("Material, State, aging");
  }

  void
  GeneralizedKelvinParameters::check() const
  {
    state.check();
    check_elastic_constants(youngs_modulus, poissons_ratio, "Material");
    if (!(modulus_slope >= -0.01 && modulus_slope <= 0.01))
      throw std::invalid_argument(
          "Material: 'modulus slope' must be in [-0.01, 0.01] 1/K, 0 = E "
          "independent of temperature (got " +
          short_number(modulus_slope) + ")");
    if (!(modulus_knee_temperature >= 0.0 && modulus_knee_temperature < 1e4))
      throw std::invalid_argument(
          "Material: 'modulus knee temperature' must be in [0, 1e4) K (got " +
          short_number(modulus_knee_temperature) + ")");
    if (!(dashpot_viscosity >= 0.0))
      throw std::invalid_argument(
          "Material: 'dashpot viscosity' must be >= 0 Pa s, 0 = no dashpot "
          "(got " +
          short_number(dashpot_viscosity) + ")");
    if (dashpot_viscosity > 0.0)
      dashpot_temperature.check("Material, dashpot temperature dependence");

    std::set<std::string> names;
    for (const KelvinFamily &family : families)
      {
        const std::string where = "Family '" + family.name + "'";
        if (family.name.empty())
          throw std::invalid_argument("Material: a family has no name");
        if (!names.insert(family.name).second)
          throw std::invalid_argument("Material: family '" + family.name +
                                      "' is defined twice");
        if (family.spectrum != KelvinFamily::SpectrumKind::stz &&
            !(family.compliance_increment >= 0.0 &&
              std::isfinite(family.compliance_increment)))
          throw std::invalid_argument(
              where + ": 'compliance increment' must be >= 0 1/Pa (got " +
              short_number(family.compliance_increment) + ")");
        check_spectrum(family, where);
        family.temperature.check(where);
        check_state_role(family, state, where);
        check_kinetics(family, where);
      }
  }
} // namespace mgrelax::material
