#include "material/kelvin_law.h"
#include "material/format.h"

#include <Eigen/LU>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <stdexcept>

#include "material/elastic_law.h"

namespace mgrelax::material
{
  namespace
  {

    std::atomic<std::uint64_t> next_law_id{1};

    // Weights of the exact update of a Kelvin unit over a step of
    // x = dt/tau for a stress linear in time (physics.md Sec. 4):
    //   eps1 = e^-x eps0 + j (a s1 + b s0),
    //   a = 1 - (1 - e^-x)/x,  b = (1 - e^-x)/x - e^-x,  a + b = 1 - e^-x.
    // For small x both tend to x/2 (the trapezoidal rule); for large x,
    // a -> 1 and b -> 0 (the unit is in equilibrium with s1).  The series
    // for small x avoids the cancellation in 1 - (1 - e^-x)/x.
    struct KelvinWeights
    {
      double decay, a, b;
    };

    KelvinWeights
    kelvin_weights(const double x)
    {
      const double one_minus_decay = -std::expm1(-x);
      double       a;
      if (x < 1e-3)
        a = x * (0.5 - x * (1.0 / 6.0 - x * (1.0 / 24.0 - x / 120.0)));
      else
        a = 1.0 - one_minus_decay / x;
      return {std::exp(-x), a, one_minus_decay - a};
    }

    // The weights and their derivatives with respect to x (the nonlinear
    // units' local Newton): a' = (1 - e^-x - x e^-x) / x^2, series
    // 1/2 - x/3 + x^2/8 - x^3/30 + x^4/144 below 1e-2; b' = e^-x - a'.
    struct KelvinWeightsD
    {
      double decay, a, b, da, db;
    };

    KelvinWeightsD
    kelvin_weights_d(const double x)
    {
      const KelvinWeights w = kelvin_weights(x);
      double              da;
      if (x < 1e-2)
        da = 0.5 - x * (1.0 / 3.0 - x * (0.125 - x * (1.0 / 30.0 - x / 144.0)));
      else if (!std::isfinite(x))
        da = 0.0;
      else
        da = (-std::expm1(-x) - x * w.decay) / (x * x);
      return {w.decay, w.a, w.b, da, w.decay - da};
    }

    // Exponentially fitted theta of the dashpot for z = 3 mu dt / eta:
    // theta = 1/(1 - e^-z) - 1/z makes the theta rule exact for a Maxwell
    // element at fixed strain; theta -> 1/2 for small z, -> 1 for large z.
    double
    dashpot_theta(const double z)
    {
      if (z < 1e-4)
        return 0.5 + z / 12.0;
      if (z > 700.0)
        return 1.0 - 1.0 / z;
      return 1.0 / (-std::expm1(-z)) - 1.0 / z;
    }
  } // namespace

  // ------------------------------------------------------------------------
  // Parameters

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
    finite_nonnegative(rejuvenation, "rejuvenation coefficient");
    if ((rejuvenation != 0.0 || E_beta_equilibrium_eV != 0.0) &&
        E_beta_eV == 0.0)
      fail("'rejuvenation coefficient' and 'E_beta equilibrium' need "
           "'E_beta' > 0 eV");
    if (!(p_aged > 0.0 && p_aged <= 1.0))
      fail("'p aged' must be in (0, 1] (got " + short_number(p_aged) + ")");
    finite_nonnegative(aging_time, "aging time");
    if (aging_time > 0.0)
      aging_temperature.check("Material, State, aging");
  }

  void
  GeneralizedKelvinParameters::check() const
  {
    state.check();
    check_elastic_constants(youngs_modulus, poissons_ratio, "Material");
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
                          "dependence from Atzmon Eq. 9; set 'temperature "
                          "dependence = none'");
            break;
          }
        family.temperature.check(where);
        if (family.state_role != KelvinFamily::StateRole::none &&
            !(state.E_beta_eV > 0.0))
          throw std::invalid_argument(
              where + ": a 'state role' needs 'E_beta' > 0 eV in "
                      "subsection State");
        if ((family.state_role == KelvinFamily::StateRole::molecular ||
             family.state_role == KelvinFamily::StateRole::anelastic) &&
            !(state.chi_g > 0.0))
          throw std::invalid_argument(
              where + ": 'state role = molecular | anelastic' needs "
                      "'chi_g' > 0 in subsection State (seed-000 Eqs. "
                      "18-20)");
        if (!family.nonlinear())
          continue;
        if (family.kind != KelvinFamily::Kind::recoverable)
          throw std::invalid_argument(
              where + ": nonlinear kinetics ('kinetics = sinh' or a "
                      "'barrier stress') is for recoverable families only");
        if (family.kinetics == KelvinFamily::Kinetics::sinh &&
            family.spectrum != KelvinFamily::SpectrumKind::stz &&
            !(family.activation_volume > 0.0 &&
              family.activation_volume < 1e-24))
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
        if (!(family.barrier_energy_eV >= 0.0 &&
              family.barrier_energy_eV < 20.0))
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
  }

  // ------------------------------------------------------------------------
  // Construction

  GeneralizedKelvinLaw::GeneralizedKelvinLaw(
      const GeneralizedKelvinParameters &p)
      : parameters_(p)
  {
    parameters_.check();
    mu_           = p.youngs_modulus / (2.0 * (1.0 + p.poissons_ratio));
    bulk_         = p.youngs_modulus / (3.0 * (1.0 - 2.0 * p.poissons_ratio));
    has_dashpot_  = p.dashpot_viscosity > 0.0;
    state_active_ = p.state.active();
    id_           = next_law_id.fetch_add(1);
    build_units();
    build_description();
  }

  DiscreteSpectrum
  GeneralizedKelvinLaw::spectrum(const unsigned int f,
                                 const double       temperature) const
  {
    const KelvinFamily &family = parameters_.families.at(f);
    DiscreteSpectrum    s;
    switch (family.spectrum)
      {
      case KelvinFamily::SpectrumKind::gumbel:
        s = family.gumbel.discretize();
        break;
      case KelvinFamily::SpectrumKind::list:
        {
          s.tau    = family.list_times;
          s.weight = family.list_weights;
          const double sum =
              std::accumulate(s.weight.begin(), s.weight.end(), 0.0);
          for (double &w : s.weight)
            w /= sum;
          break;
        }
      case KelvinFamily::SpectrumKind::stz:
        {
          const double total = family.stz.total_fraction();
          for (unsigned int n = family.stz.n_min; n <= family.stz.n_max; ++n)
            {
              s.tau.push_back(family.stz.time_constant(
                  n, temperature, mu_, parameters_.poissons_ratio));
              s.weight.push_back(
                  family.stz.volume_fractions[n - family.stz.n_min] / total);
            }
          return s;
        }
      }
    const double log_shift = family.temperature.log_shift(temperature);
    for (double &tau : s.tau)
      tau = std::exp(std::log(tau) + log_shift);
    return s;
  }

  double
  GeneralizedKelvinLaw::compliance_increment(const unsigned int f) const
  {
    const KelvinFamily &family = parameters_.families.at(f);
    if (family.spectrum == KelvinFamily::SpectrumKind::stz)
      return family.stz.total_fraction() / parameters_.youngs_modulus;
    return family.compliance_increment;
  }

  double
  GeneralizedKelvinLaw::dashpot_viscosity(const double temperature) const
  {
    if (!has_dashpot_)
      return std::numeric_limits<double>::infinity();
    return parameters_.dashpot_viscosity *
           std::exp(parameters_.dashpot_temperature.log_shift(temperature));
  }

  void
  GeneralizedKelvinLaw::build_units()
  {
    // Units of recoverable families first, then viscoplastic ones; within
    // each kind, families in the order of the input.  The reference times
    // of Gumbel and list spectra are stored as logs; STZ times depend on
    // temperature through Eq. 9 and are recomputed in coefficients().
    const unsigned int n_families = parameters_.families.size();
    family_first_unit_.assign(n_families, 0);
    family_n_units_.assign(n_families, 0);
    for (const auto kind :
         {KelvinFamily::Kind::recoverable, KelvinFamily::Kind::viscoplastic})
      for (unsigned int f = 0; f < n_families; ++f)
        {
          const KelvinFamily &family = parameters_.families[f];
          if (family.kind != kind)
            continue;
          auto &units = kind == KelvinFamily::Kind::recoverable
                            ? recoverable_units_
                            : viscoplastic_units_;
          // Reference spectrum: at the reference temperature of the
          // family's temperature law (STZ: at 1 K, replaced later).
          const double reference_T =
              family.temperature.kind == TemperatureLaw::Kind::none
                  ? 300.0
                  : family.temperature.reference_temperature;
          const DiscreteSpectrum s  = spectrum(f, reference_T);
          const double           dJ = compliance_increment(f);
          family_first_unit_[f]     = units.size();
          family_n_units_[f]        = s.tau.size();
          for (unsigned int i = 0; i < s.tau.size(); ++i)
            {
              if (family.nonlinear())
                {
                  const bool stz =
                      family.spectrum == KelvinFamily::SpectrumKind::stz;
                  const double omega =
                      (family.stz.n_min + i) * family.stz.atomic_volume;
                  nonlinear_units_.push_back(units.size());
                  unit_is_nonlinear_.resize(units.size() + 1, false);
                  unit_is_nonlinear_.back() = true;
                  activation_volume_.push_back(
                      family.kinetics != KelvinFamily::Kinetics::sinh ? 0.0
                      : stz ? family.stz.gamma0_T * omega
                            : family.activation_volume);
                  barrier_energy_.push_back(
                      family.barrier_energy_eV > 0.0
                          ? family.barrier_energy_eV * electronvolt
                      : stz ? family.stz.activation_energy(
                                  family.stz.n_min + i,
                                  mu_,
                                  parameters_.poissons_ratio)
                            : family.temperature.activation_energy_eV *
                                  electronvolt);
                }
              units.push_back({f, s.weight[i] * dJ, std::log(s.tau[i])});
            }
        }
    unit_is_nonlinear_.resize(recoverable_units_.size(), false);
  }

  void
  GeneralizedKelvinLaw::build_description()
  {
    using VK          = VariableKind;
    LawDescription &d = description_;
    d.name            = "generalized Kelvin";
    d.parameters      = {
             {"Young's modulus", parameters_.youngs_modulus, "Pa"},
             {"Poisson's ratio", parameters_.poissons_ratio, "-"},
             {"dashpot viscosity", parameters_.dashpot_viscosity, "Pa s"}};
    for (unsigned int f = 0; f < parameters_.families.size(); ++f)
      d.parameters.push_back(
          {"compliance increment " + parameters_.families[f].name,
           compliance_increment(f),
           "1/Pa"});

    auto add = [&](const Variable &v) {
      const unsigned int offset = d.internal_state_size();
      d.internal_state.push_back(v);
      return offset;
    };
    off_eps_an_    = add({"eps_an",
                          VK::symmetric_tensor,
                          1,
                          "-",
                          "recoverable (anelastic) strain: sum of the Kelvin "
                             "units"});
    off_eps_vp_    = add({"eps_vp",
                          VK::symmetric_tensor,
                          1,
                          "-",
                          "irreversible (viscoplastic) strain: viscoplastic "
                             "units and dashpot"});
    off_eps_an_eq_ = add({"eps_an_eq",
                          VK::scalar,
                          1,
                          "-",
                          "equivalent recoverable strain sqrt(2/3 e:e)"});
    off_eps_vp_eq_ = add({"eps_vp_eq",
                          VK::scalar,
                          1,
                          "-",
                          "equivalent irreversible strain sqrt(2/3 e:e)"});
    // The rejuvenation/aging state and the energies (physics.md Sec. 3).
    off_chi_          = add({"chi",
                             VK::scalar,
                             1,
                             "-",
                             "QPD correlation factor (seed-000 Eq. 21)"});
    off_E_beta_       = add({"E_beta_eV",
                             VK::scalar,
                             1,
                             "eV",
                             "beta activation energy, the energetic-state index "
                                   "(seed-000 Eq. 14)"});
    off_E_structural_ = add({"E_beta_structural_eV",
                             VK::scalar,
                             1,
                             "eV",
                             "structural part of E_beta (aging moves it)"});
    off_p_            = add({"p_population",
                             VK::scalar,
                             1,
                             "-",
                             "potential-STZ population factor (Atzmon Sec. 9)"});
    off_gamma_an_     = add({"gamma_an_acc",
                             VK::scalar,
                             1,
                             "-",
                             "accumulated equivalent anelastic shear strain"});
    off_gamma_vp_     = add({"gamma_vp_acc",
                             VK::scalar,
                             1,
                             "-",
                             "accumulated equivalent irreversible shear strain"});
    off_w_work_       = add({"w_work",
                             VK::scalar,
                             1,
                             "J/m^3",
                             "work done on the point (seed-003 Eq. 4)"});
    off_w_stored_     = add({"w_stored",
                             VK::scalar,
                             1,
                             "J/m^3",
                             "energy stored in the Kelvin units' springs "
                                 "(recoverable; seed-003 Eq. 5)"});
    off_w_dissipated_ = add({"w_dissipated",
                             VK::scalar,
                             1,
                             "J/m^3",
                             "dissipated energy: work - elastic - stored"});
    off_family_eq_    = d.internal_state_size();
    for (const KelvinFamily &family : parameters_.families)
      add({"eps_eq_" + family.name,
           VK::scalar,
           1,
           "-",
           "equivalent strain of family " + family.name});
    if (has_dashpot_)
      off_dashpot_ = add({"eps_dashpot",
                          VK::symmetric_tensor,
                          1,
                          "-",
                          "strain of the linear dashpot"});
    // Unit strains, grouped as in build_units().
    off_recoverable_  = d.internal_state_size();
    off_viscoplastic_ = off_recoverable_ + 6 * recoverable_units_.size();
    for (const auto kind :
         {KelvinFamily::Kind::recoverable, KelvinFamily::Kind::viscoplastic})
      for (unsigned int f = 0; f < parameters_.families.size(); ++f)
        if (parameters_.families[f].kind == kind)
          add({"units_" + parameters_.families[f].name,
               VK::symmetric_tensor,
               family_n_units_[f],
               "-",
               "strains of the units of family " +
                   parameters_.families[f].name});
  }

  void
  GeneralizedKelvinLaw::initialize(double *internal) const
  {
    std::fill(internal, internal + description_.internal_state_size(), 0.0);
    internal[off_chi_]          = parameters_.state.chi_g;
    internal[off_E_beta_]       = parameters_.state.E_beta_eV;
    internal[off_E_structural_] = parameters_.state.E_beta_eV;
    internal[off_p_]            = 1.0;
  }

  double
  GeneralizedKelvinLaw::state_log_shift(const unsigned int f,
                                        const double       chi,
                                        const double       E_beta_eV,
                                        const double       temperature) const
  {
    const RejuvenationAgingParameters &a  = parameters_.state;
    const double                       kT = boltzmann_eV * temperature;
    switch (parameters_.families[f].state_role)
      {
      case KelvinFamily::StateRole::none:
        return 0.0;
      case KelvinFamily::StateRole::beta: // seed-000 Eq. 14
        return (E_beta_eV - a.E_beta_eV) / kT;
      case KelvinFamily::StateRole::molecular: // Eqs. 18-19
        return (E_beta_eV / chi - a.E_beta_eV / a.chi_g) / kT;
      case KelvinFamily::StateRole::anelastic: // Eq. 20
        return (E_beta_eV / chi - a.E_beta_eV / a.chi_g) / kT +
               std::log(chi) / chi - std::log(a.chi_g) / a.chi_g;
      }
    return 0.0;
  }

  Matrix6
  GeneralizedKelvinLaw::elastic_stiffness(double) const
  {
    return isotropic_stiffness(bulk_, mu_);
  }

  // ------------------------------------------------------------------------
  // Step coefficients

  struct GeneralizedKelvinLaw::Coefficients
  {
    std::uint64_t law_id      = 0;
    double        dt          = -1.0;
    double        temperature = -1.0;
    // Recoverable units: decay e^-x and j a, j b with j = (3/2) w dJ.
    std::vector<double> decay, ja, jb;
    // Viscoplastic units: 1 - e^-x and the saturation compliance w dJ.
    std::vector<double> progress, saturation;
    // Dashpot: strain per unit deviatoric stress at the end and at the
    // beginning of the step.
    double dashpot_end = 0.0, dashpot_begin = 0.0;
    // Sums: G = sum j a + dashpot_end, H = sum j b + dashpot_begin, over
    // the linear units (the entries of nonlinear units above are zero).
    double G = 0.0, H = 0.0;
    // Nonlinear units, one entry each (order of nonlinear_units_): ln tau
    // at T, j = (3/2) w dJ, 1/sigma0 of the sinh (0: none), E/kT and
    // 1/sigma_b of the barrier (0: none), and the linear coefficients
    // (the predictor).
    double log_dt = 0.0;
    // The state the coefficients were computed for (empty: none), and
    // 1/(2j) of each recoverable unit (its spring energy is e:e/(2j)).
    std::vector<double> state_shift, half_inv_j;
    double              population = 1.0;
    std::vector<double> nl_log_tau, nl_j, nl_inv_sigma0, nl_barrier_EkT,
        nl_inv_barrier, nl_decay, nl_ja, nl_jb;
  };

  const GeneralizedKelvinLaw::Coefficients &
  GeneralizedKelvinLaw::coefficients(const double  dt,
                                     const double  temperature,
                                     const double *shift,
                                     const double  population) const
  {
    // A memo, not state: all points of a step share dt and T, so the
    // exponentials are evaluated once per step and thread (with state
    // coupling, once per distinct state).
    thread_local Coefficients c;
    const unsigned int        n_families = parameters_.families.size();
    const bool                same_state =
        shift == nullptr
                           ? c.state_shift.empty()
                           : (c.state_shift.size() == n_families &&
               std::equal(c.state_shift.begin(), c.state_shift.end(), shift) &&
               c.population == population);
    if (c.law_id == id_ && c.dt == dt && c.temperature == temperature &&
        same_state)
      return c;
    c.law_id      = id_;
    c.dt          = dt;
    c.temperature = temperature;
    c.population  = population;
    if (shift == nullptr)
      c.state_shift.clear();
    else
      c.state_shift.assign(shift, shift + n_families);

    // log(tau) of each family at this temperature: a shift for Gumbel and
    // list spectra, Atzmon Eq. 9 for STZ hierarchies.
    std::vector<double>           log_shift(n_families, 0.0);
    std::vector<DiscreteSpectrum> stz_spectra(n_families);
    for (unsigned int f = 0; f < n_families; ++f)
      {
        const KelvinFamily &family = parameters_.families[f];
        if (family.spectrum == KelvinFamily::SpectrumKind::stz)
          stz_spectra[f] = spectrum(f, temperature);
        else if (family.temperature.kind != TemperatureLaw::Kind::none)
          log_shift[f] = family.temperature.log_shift(temperature);
        if (shift != nullptr)
          log_shift[f] += shift[f];
      }
    auto x_of = [&](const Unit &unit, const unsigned int index) {
      const unsigned int f = unit.family;
      const double       log_tau =
          parameters_.families[f].spectrum == KelvinFamily::SpectrumKind::stz
                    ? std::log(stz_spectra[f].tau[index - family_first_unit_[f]]) +
                    log_shift[f] // the state's shift only
                    : unit.log_tau_ref + log_shift[f];
      // dt/tau in logs; exp underflows to 0 (frozen unit) or overflows
      // to inf (unit in equilibrium), both handled by kelvin_weights().
      return dt == 0.0 ? 0.0 : std::exp(std::log(dt) - log_tau);
    };

    const unsigned int nr = recoverable_units_.size();
    c.decay.resize(nr);
    c.half_inv_j.resize(nr);
    c.ja.resize(nr);
    c.jb.resize(nr);
    c.G = 0.0;
    c.H = 0.0;
    for (unsigned int k = 0; k < nr; ++k)
      {
        const Unit         &unit = recoverable_units_[k];
        const KelvinWeights w    = kelvin_weights(x_of(unit, k));
        const double        j    = 1.5 * population * unit.compliance;
        c.half_inv_j[k]          = j > 0.0 ? 0.5 / j : 0.0;
        c.decay[k]               = w.decay;
        c.ja[k]                  = j * w.a;
        c.jb[k]                  = j * w.b;
        if (!unit_is_nonlinear_[k])
          {
            c.G += c.ja[k];
            c.H += c.jb[k];
          }
      }
    const unsigned int nv = viscoplastic_units_.size();
    c.progress.resize(nv);
    c.saturation.resize(nv);
    for (unsigned int k = 0; k < nv; ++k)
      {
        const Unit &unit = viscoplastic_units_[k];
        c.progress[k]    = -std::expm1(-x_of(unit, k));
        c.saturation[k]  = unit.compliance;
      }
    // Nonlinear units: keep their linear coefficients apart and take them
    // out of the linear sums.
    const unsigned int nn = nonlinear_units_.size();
    c.log_dt              = dt > 0.0 ? std::log(dt) : -HUGE_VAL;
    for (auto *v : {&c.nl_log_tau,
                    &c.nl_j,
                    &c.nl_inv_sigma0,
                    &c.nl_barrier_EkT,
                    &c.nl_inv_barrier,
                    &c.nl_decay,
                    &c.nl_ja,
                    &c.nl_jb})
      v->resize(nn);
    const double kT = boltzmann_J * temperature;
    for (unsigned int m = 0; m < nn; ++m)
      {
        const unsigned int  k      = nonlinear_units_[m];
        const Unit         &unit   = recoverable_units_[k];
        const KelvinFamily &family = parameters_.families[unit.family];
        c.nl_log_tau[m] =
            family.spectrum == KelvinFamily::SpectrumKind::stz
                ? std::log(stz_spectra[unit.family]
                               .tau[k - family_first_unit_[unit.family]]) +
                      log_shift[unit.family]
                : unit.log_tau_ref + log_shift[unit.family];
        c.nl_j[m] = 1.5 * population * unit.compliance;
        // Atzmon Eq. 1: sinh(sigma_s V / 2kT) with the von Mises shear
        // stress sigma_s = q / sqrt(3): sigma0 = 2 sqrt(3) kT / V.
        c.nl_inv_sigma0[m] =
            activation_volume_[m] / (2.0 * std::sqrt(3.0) * kT);
        c.nl_barrier_EkT[m] =
            family.barrier_stress > 0.0 ? barrier_energy_[m] / kT : 0.0;
        c.nl_inv_barrier[m] =
            family.barrier_stress > 0.0 ? 1.0 / family.barrier_stress : 0.0;
        c.nl_decay[m] = c.decay[k];
        c.nl_ja[m]    = c.ja[k];
        c.nl_jb[m]    = c.jb[k];
        c.decay[k]    = 0.0;
        c.ja[k]       = 0.0;
        c.jb[k]       = 0.0;
      }

    c.dashpot_end   = 0.0;
    c.dashpot_begin = 0.0;
    if (has_dashpot_ && dt > 0.0)
      {
        const double eta   = dashpot_viscosity(temperature);
        const double theta = dashpot_theta(3.0 * mu_ * dt / eta);
        const double flow  = 1.5 * dt / eta;
        c.dashpot_end      = flow * theta;
        c.dashpot_begin    = flow * (1.0 - theta);
      }
    c.G += c.dashpot_end;
    c.H += c.dashpot_begin;
    return c;
  }

  // ------------------------------------------------------------------------
  // Integration

  StepResult
  GeneralizedKelvinLaw::integrate(const StepRequest    &request,
                                  const ConstStateView &begin,
                                  StateView            &end,
                                  Matrix6              *tangent) const
  {
    StepResult result{
        IntegrationStatus::success, request.max_time_step_factor, {}};
    const double dt = request.dt;
    if (!(dt >= 0.0) || !std::isfinite(dt))
      {
        result.status           = IntegrationStatus::failure;
        result.time_step_factor = 0.5;
        result.message =
            "generalized Kelvin: invalid time step " + short_number(dt);
        return result;
      }
    const Eigen::Map<const Vector6> strain(end.strain);
    if (!strain.allFinite())
      {
        result.status           = IntegrationStatus::failure;
        result.time_step_factor = 0.5;
        result.message          = "generalized Kelvin: non-finite strain";
        return result;
      }
    const double temperature = 0.5 * (begin.temperature + end.temperature);
    if (!(temperature > 0.0))
      {
        result.status           = IntegrationStatus::failure;
        result.time_step_factor = 0.5;
        result.message = "generalized Kelvin: temperature must be > 0 K (got " +
                         short_number(temperature) + ")";
        return result;
      }
    // The state of the beginning of the step sets the step's times and
    // compliances (staggered; seed-000 Eqs. 14, 18-20, Atzmon Sec. 9).
    const double *const internal0  = begin.internal;
    const double        population = internal0[off_p_];
    double              shift_buffer[16];
    std::vector<double> shift_heap;
    double             *shift = nullptr;
    if (state_active_)
      {
        const unsigned int nf = parameters_.families.size();
        if (nf > 16)
          shift_heap.resize(nf);
        shift = nf > 16 ? shift_heap.data() : shift_buffer;
        for (unsigned int f = 0; f < nf; ++f)
          shift[f] = state_log_shift(
              f, internal0[off_chi_], internal0[off_E_beta_], temperature);
      }
    const Coefficients &c =
        coefficients(dt, temperature, shift, state_active_ ? population : 1.0);

    // Known part of the deviatoric strain balance
    //   s1 = 2 mu (e1 - sum eps_k1 - eps_d1 - sum eps_v1),
    // with eps_k1 = decay eps_k0 + ja s1 + jb s0 for the Kelvin units and
    // the dashpot's theta rule:
    //   (1 + 2 mu G) s1 + 2 mu sum d(eps_v) = 2 mu r.
    const Vector6 stress0 = Eigen::Map<const Vector6>(begin.stress);
    const Vector6 s0      = deviator(stress0);
    Vector6       r       = deviator(strain) - c.H * s0;

    const double      *units0 = begin.internal + off_recoverable_;
    const unsigned int nr     = recoverable_units_.size();
    for (unsigned int k = 0; k < nr; ++k)
      r -= c.decay[k] * Eigen::Map<const Vector6>(units0 + 6 * k);
    if (has_dashpot_)
      r -= Eigen::Map<const Vector6>(begin.internal + off_dashpot_);
    const double      *vp0 = begin.internal + off_viscoplastic_;
    const unsigned int nv  = viscoplastic_units_.size();
    for (unsigned int k = 0; k < nv; ++k)
      r -= Eigen::Map<const Vector6>(vp0 + 6 * k);

    // s1 = lambda s_trial.  Without active viscoplastic units lambda is
    // 1/(1 + 2 mu G).  With them it solves the scalar, convex, piecewise
    // linear equation
    //   F(lambda) = lambda (1 + 2 mu G)
    //             + 3 mu sum_v c_v <g_v lambda rho - e_v> / rho - 1 = 0,
    // rho = sigma_eq(s_trial), e_v = eps_v,eq at the beginning; Newton from
    // the upper bound 1/(1 + 2 mu G) converges in at most nv + 1 steps.
    double *const internal     = end.internal;
    double *const units1       = internal + off_recoverable_;
    const Vector6 s_trial      = 2.0 * mu_ * r;
    const double  D            = 1.0 + 2.0 * mu_ * c.G;
    double        lambda       = 1.0 / D;
    double        dlambda_drho = 0.0;
    const double  rho          = equivalent_stress(s_trial);
    Vector6       s1;
    Matrix6       deviatoric_tangent;
    const bool    nonlinear = !nonlinear_units_.empty();
    if (nonlinear)
      {
        const bool want_tangent =
            tangent != nullptr && request.tangent == TangentRequest::consistent;
        const StepResult nl =
            integrate_nonlinear(c,
                                r,
                                s0,
                                units0,
                                vp0,
                                s1,
                                units1,
                                want_tangent ? &deviatoric_tangent : nullptr);
        if (!nl.succeeded())
          return nl;
      }
    else if (nv > 0 && rho > 0.0)
      {
        for (unsigned int it = 0; it <= nv + 1; ++it)
          {
            double F = lambda * D - 1.0, dF = D, dF_drho = 0.0;
            for (unsigned int k = 0; k < nv; ++k)
              {
                const double e0 =
                    equivalent_strain(Eigen::Map<const Vector6>(vp0 + 6 * k));
                const double gap = c.saturation[k] * lambda * rho - e0;
                if (gap > 0.0)
                  {
                    F += 3.0 * mu_ * c.progress[k] * gap / rho;
                    dF += 3.0 * mu_ * c.progress[k] * c.saturation[k];
                    dF_drho += 3.0 * mu_ * c.progress[k] * e0 / (rho * rho);
                  }
              }
            const double step = F / dF;
            lambda -= step;
            dlambda_drho = -dF_drho / dF;
            if (std::abs(step) <= 1e-15 * lambda)
              break;
          }
      }
    if (!nonlinear)
      s1 = lambda * s_trial;

    // Stress.
    Eigen::Map<Vector6> stress(end.stress);
    stress = s1;
    stress.head<3>().array() += bulk_ * trace(strain);

    // Unit strains and the sums written as output variables.
    Vector6 eps_an = Vector6::Zero();
    Vector6 eps_vp = Vector6::Zero();
    // Spring energy of the Kelvin units, accumulated per component (no
    // long dependency chain) and summed once.
    Vector6             stored_parts = Vector6::Zero();
    const unsigned int  n_families   = parameters_.families.size();
    const double *const decay        = c.decay.data();
    const double *const ja           = c.ja.data();
    const double *const jb           = c.jb.data();
    const double *const half_inv_j   = c.half_inv_j.data();
    for (unsigned int f = 0; f < n_families; ++f)
      {
        if (parameters_.families[f].kind != KelvinFamily::Kind::recoverable)
          continue;
        Vector6            family_sum = Vector6::Zero();
        const unsigned int first      = family_first_unit_[f];
        const unsigned int last       = first + family_n_units_[f];
        if (parameters_.families[f].nonlinear())
          // The units come from integrate_nonlinear().
          for (unsigned int k = first; k < last; ++k)
            {
              const Eigen::Map<const Vector6> unit(units1 + 6 * k);
              family_sum += unit;
              stored_parts += half_inv_j[k] * unit.cwiseAbs2();
            }
        else
          for (unsigned int k = first; k < last; ++k)
            {
              const Vector6 unit =
                  decay[k] * Eigen::Map<const Vector6>(units0 + 6 * k) +
                  ja[k] * s1 + jb[k] * s0;
              Eigen::Map<Vector6>(units1 + 6 * k) = unit;
              family_sum += unit;
              stored_parts += half_inv_j[k] * unit.cwiseAbs2();
            }
        internal[off_family_eq_ + f] = equivalent_strain(family_sum);
        eps_an += family_sum;
      }
    const double  stored = stored_parts.sum();
    double *const vp1    = internal + off_viscoplastic_;
    const double  seq1   = equivalent_stress(s1);
    for (unsigned int f = 0; f < n_families; ++f)
      {
        if (parameters_.families[f].kind != KelvinFamily::Kind::viscoplastic)
          continue;
        Vector6 family_sum = Vector6::Zero();
        for (unsigned int k = family_first_unit_[f];
             k < family_first_unit_[f] + family_n_units_[f];
             ++k)
          {
            const Eigen::Map<const Vector6> unit0(vp0 + 6 * k);
            Eigen::Map<Vector6>             unit(vp1 + 6 * k);
            unit = unit0;
            const double gap =
                c.saturation[k] * seq1 - equivalent_strain(unit0);
            if (gap > 0.0 && seq1 > 0.0)
              unit += (1.5 * c.progress[k] * gap / seq1) * s1;
            family_sum += unit;
          }
        internal[off_family_eq_ + f] = equivalent_strain(family_sum);
        eps_vp += family_sum;
      }
    if (has_dashpot_)
      {
        Eigen::Map<Vector6> dashpot(internal + off_dashpot_);
        dashpot = Eigen::Map<const Vector6>(begin.internal + off_dashpot_) +
                  c.dashpot_end * s1 + c.dashpot_begin * s0;
        eps_vp += dashpot;
      }
    Eigen::Map<Vector6>(internal + off_eps_an_) = eps_an;
    Eigen::Map<Vector6>(internal + off_eps_vp_) = eps_vp;
    internal[off_eps_an_eq_]                    = equivalent_strain(eps_an);
    internal[off_eps_vp_eq_]                    = equivalent_strain(eps_vp);

    // Energies (J/m^3, seed-003 Eqs. 4-5): the work by the trapezoidal rule
    // (exact for stress and strain linear in the step), the energy of the
    // Kelvin springs (recoverable) and the rest, less the elastic energy,
    // dissipated (dashpots, viscoplastic units).
    {
      const Eigen::Map<const Vector6> strain0(begin.strain);
      const double                    work = internal0[off_w_work_] +
                          0.5 * (stress0 + stress).dot(strain - strain0);
      const double p_mean = trace(stress) / 3.0;
      const double elastic =
          0.25 * s1.squaredNorm() / mu_ + 0.5 * p_mean * p_mean / bulk_;
      internal[off_w_work_]       = work;
      internal[off_w_stored_]     = stored;
      internal[off_w_dissipated_] = work - elastic - stored;
    }
    // Accumulated equivalent shear strains, gamma = sqrt(3) eps_eq of the
    // increment (seed-000 Eq. 21's gamma_an, gamma_vp).
    const double sqrt3 = std::sqrt(3.0);
    internal[off_gamma_an_] =
        internal0[off_gamma_an_] +
        sqrt3 * equivalent_strain(eps_an - Eigen::Map<const Vector6>(
                                               internal0 + off_eps_an_));
    internal[off_gamma_vp_] =
        internal0[off_gamma_vp_] +
        sqrt3 * equivalent_strain(eps_vp - Eigen::Map<const Vector6>(
                                               internal0 + off_eps_vp_));
    // The rejuvenation/aging state at the end of the step.
    {
      const RejuvenationAgingParameters &a = parameters_.state;
      double E_s = internal0[off_E_structural_], p = internal0[off_p_];
      if (a.aging_time > 0.0 && dt > 0.0)
        {
          // Exact for the step: relaxation towards the aged values at the
          // alpha rate 1/tau_alpha(T).
          const double tau_alpha =
              a.aging_time *
              std::exp(a.aging_temperature.log_shift(temperature));
          const double relax = std::exp(-dt / tau_alpha);
          if (a.E_beta_equilibrium_eV > 0.0)
            E_s = a.E_beta_equilibrium_eV +
                  (E_s - a.E_beta_equilibrium_eV) * relax;
          p = a.p_aged + (p - a.p_aged) * relax;
        }
      internal[off_E_structural_] = E_s;
      internal[off_p_]            = p;
      // seed-000 Eq. 14's E_beta, lowered by the stored anelastic energy
      // (seed-003: rejuvenation follows the anelastic strain); floor
      // 0.01 eV.
      internal[off_E_beta_] =
          a.E_beta_eV > 0.0 ? std::max(E_s - a.rejuvenation * stored, 0.01)
                            : 0.0;
      // seed-000 Eq. 21, kept in [0.01, 1].
      double chi = a.chi_g;
      if (chi > 0.0)
        {
          chi += a.A_an * internal[off_gamma_an_] -
                 a.A_vp * internal[off_gamma_vp_];
          if (a.chi_T > 0.0 && end.temperature > a.Tg)
            chi += a.chi_T * (end.temperature - a.Tg);
          chi = std::clamp(chi, 0.01, 1.0);
        }
      internal[off_chi_] = chi;
    }

    if (tangent != nullptr)
      switch (request.tangent)
        {
        case TangentRequest::none:
          break;
        case TangentRequest::elastic:
          *tangent = isotropic_stiffness(bulk_, mu_);
          break;
        case TangentRequest::consistent:
          {
            // d(s1)/d(eps) = 2 mu lambda P + 3 mu lambda'(rho)/rho
            //                s_trial (x) s_trial.
            if (nonlinear)
              {
                *tangent = bulk_ * unit_tensor() * unit_tensor().transpose() +
                           deviatoric_tangent;
                break;
              }
            *tangent = isotropic_stiffness(bulk_, lambda * mu_);
            if (dlambda_drho != 0.0)
              *tangent += (3.0 * mu_ * dlambda_drho / rho) * s_trial *
                          s_trial.transpose();
            break;
          }
        }
    if (!stress.allFinite())
      {
        result.status           = IntegrationStatus::failure;
        result.time_step_factor = 0.5;
        result.message          = "generalized Kelvin: non-finite stress";
      }
    return result;
  }

  // ------------------------------------------------------------------------
  // Nonlinear units (material/README.md, "Nonlinear kinetics")

  namespace
  {
    // ln psi(q) and d(ln psi)/dq of a nonlinear unit: the sinh factor of
    // Atzmon Eq. 1, ln(sinh z / z) with z = q/sigma0, evaluated without
    // overflow, and the barrier factor of seed-000 Eq. 17.
    void
    log_rate_factor(const double q,
                    const double inv_sigma0,
                    const double barrier_EkT,
                    const double inv_barrier,
                    double      &L,
                    double      &dL)
    {
      L  = 0.0;
      dL = 0.0;
      if (inv_sigma0 > 0.0)
        {
          const double z = q * inv_sigma0;
          if (z < 0.1) // series, error below 1e-16 relative
            {
              const double z2 = z * z;
              L += z2 * (1.0 / 6.0 - z2 * (1.0 / 180.0 -
                                           z2 * (1.0 / 2835.0 - z2 / 37800.0)));
              dL += inv_sigma0 * z *
                    (1.0 / 3.0 -
                     z2 * (1.0 / 45.0 - z2 * (2.0 / 945.0 - z2 / 4725.0)));
            }
          else
            {
              L += z + std::log1p(-std::exp(-2.0 * z)) - std::log(2.0 * z);
              dL += inv_sigma0 * (1.0 / std::tanh(z) - 1.0 / z);
            }
        }
      if (inv_barrier > 0.0)
        {
          const double u = 1.0 - q * inv_barrier;
          if (u > 0.0)
            {
              const double root = std::cbrt(u);
              L += barrier_EkT * (1.0 - root * root);
              dL += barrier_EkT * (2.0 / 3.0) * inv_barrier / root;
            }
          else
            L += barrier_EkT; // the barrier has vanished
        }
    }
  } // namespace

  StepResult
  GeneralizedKelvinLaw::integrate_nonlinear(const Coefficients &c,
                                            const Vector6      &r,
                                            const Vector6      &s0,
                                            const double       *units0,
                                            const double       *vp0,
                                            Vector6            &s1,
                                            double             *units1,
                                            Matrix6 *deviatoric_tangent) const
  {
    // Unknowns: the end deviator s1 and the end strains e_m of the
    // nonlinear units.  Unit m is the linear exact update with its time
    // divided by psi(q_m) at the end of the step (an implicit, exponentially
    // fitted scheme that is the part-1 update when psi = 1):
    //   R_m = e_m - e^-x e_m0 - j (a(x) s1 + b(x) s0) = 0,
    //   x = dt psi(q_m) / tau_m,  q_m = sigma_eq(s1 - e_m / j);
    // the strain balance with the linear units, dashpot and viscoplastic
    // units (exact for constant stress, as in the linear branch):
    //   R_s = D s1 + 2 mu sum_m e_m + 2 mu sum_v d(eps_v)(s1) - 2 mu r = 0.
    // Each R_m is eliminated (Sherman-Morrison: its Jacobian in e_m is the
    // identity plus a rank-one term), leaving a 6x6 system in s1.
    const unsigned int nn     = nonlinear_units_.size();
    const unsigned int nv     = viscoplastic_units_.size();
    const double       two_mu = 2.0 * mu_;
    const double       D      = 1.0 + two_mu * c.G;
    StepResult         failed{IntegrationStatus::failure, 0.5, {}};

    // Predictor: every unit linear (the part-1 update), viscoplastic units
    // frozen.
    {
      Vector6 rhs = r;
      double  Dp  = D;
      for (unsigned int m = 0; m < nn; ++m)
        {
          const unsigned int k = nonlinear_units_[m];
          rhs -= c.nl_decay[m] * Eigen::Map<const Vector6>(units0 + 6 * k) +
                 c.nl_jb[m] * s0;
          Dp += two_mu * c.nl_ja[m];
        }
      s1 = (two_mu / Dp) * rhs;
      for (unsigned int m = 0; m < nn; ++m)
        {
          const unsigned int k = nonlinear_units_[m];
          Eigen::Map<Vector6>(units1 + 6 * k) =
              c.nl_decay[m] * Eigen::Map<const Vector6>(units0 + 6 * k) +
              c.nl_ja[m] * s1 + c.nl_jb[m] * s0;
        }
    }

    thread_local std::vector<Vector6> R, AinvR, W, Gv, e_saved, de;
    thread_local std::vector<double>  JA, CW;
    for (auto *v : {&R, &AinvR, &W, &Gv, &e_saved, &de})
      v->resize(nn);
    JA.resize(nn);
    CW.resize(nn);
    Matrix6       J;
    Vector6       Rs;
    const Matrix6 I = Matrix6::Identity();

    // Residuals (and, on request, the condensed Jacobian J and the
    // elimination terms); returns the merit |R_s|/2mu + sum |R_m|.
    const auto evaluate = [&]() {
      Rs           = D * s1 - two_mu * r;
      J            = D * I;
      double merit = 0.0;
      for (unsigned int m = 0; m < nn; ++m)
        {
          const unsigned int              k = nonlinear_units_[m];
          const Eigen::Map<const Vector6> e0(units0 + 6 * k);
          const Eigen::Map<const Vector6> e1(units1 + 6 * k);
          const double                    j = c.nl_j[m];
          const Vector6                   n = s1 - e1 / j;
          const double                    q = equivalent_stress(n);
          double                          L, dL;
          log_rate_factor(q,
                          c.nl_inv_sigma0[m],
                          c.nl_barrier_EkT[m],
                          c.nl_inv_barrier[m],
                          L,
                          dL);
          const double         log_x  = c.log_dt - c.nl_log_tau[m] + L;
          const bool           capped = log_x > 700.0; // equilibrium anyway
          const double         x      = std::exp(std::min(log_x, 700.0));
          const KelvinWeightsD kw     = kelvin_weights_d(x);
          R[m] = e1 - kw.decay * e0 - j * (kw.a * s1 + kw.b * s0);
          Rs += two_mu * e1;
          merit += R[m].norm();
          // dR_m/de_m = I + w g^T / j, dR_m/ds1 = -j a I - w g^T with
          // w = dR/dx (sign flipped) and g = dx/dq dq/dn.  With
          // A^-1 = I - w g^T / (j + g.w):  A^-1 B = -j a I - c w g^T,
          // c = j (1 - a) / (j + g.w).
          const Vector6 w     = -kw.decay * e0 + j * (kw.da * s1 + kw.db * s0);
          const double  dx_dq = capped ? 0.0 : x * dL;
          const Vector6 g =
              q > 0.0 ? Vector6((1.5 * dx_dq / q) * n) : Vector6::Zero();
          const double den = j + g.dot(w);
          if (!(std::abs(den) > 1e-3 * j))
            return std::numeric_limits<double>::quiet_NaN();
          W[m]     = w;
          Gv[m]    = g;
          JA[m]    = j * kw.a;
          CW[m]    = j * (1.0 - kw.a) / den;
          AinvR[m] = R[m] - (g.dot(R[m]) / den) * w;
          J.diagonal().array() += two_mu * JA[m];
          J += (two_mu * CW[m]) * w * g.transpose();
        }
      if (nv > 0)
        {
          const double seq = equivalent_stress(s1);
          for (unsigned int k = 0; k < nv && seq > 0.0; ++k)
            {
              const double e0v =
                  equivalent_strain(Eigen::Map<const Vector6>(vp0 + 6 * k));
              const double gap = c.saturation[k] * seq - e0v;
              if (!(gap > 0.0))
                continue;
              const double p = 1.5 * c.progress[k];
              Rs += (two_mu * p * gap / seq) * s1;
              J += two_mu * p *
                   (c.saturation[k] * I -
                    e0v * (I / seq -
                           (1.5 / (seq * seq * seq)) * s1 * s1.transpose()));
            }
        }
      return merit + Rs.norm() / two_mu;
    };

    double scale = equivalent_stress(2.0 * mu_ * r) / two_mu;
    for (unsigned int m = 0; m < nn; ++m)
      scale +=
          Eigen::Map<const Vector6>(units0 + 6 * nonlinear_units_[m]).norm();
    scale = std::max(scale, 1e-300);

    double merit = evaluate();
    for (unsigned int it = 0;; ++it)
      {
        if (!std::isfinite(merit) || !J.allFinite())
          {
            failed.message =
                "generalized Kelvin: the nonlinear update failed (non-finite "
                "or singular local Newton)";
            return failed;
          }
        if (merit <= 1e-12 * scale)
          break;
        if (it == 50)
          {
            failed.message = "generalized Kelvin: the local Newton of the "
                             "nonlinear units did not converge";
            return failed;
          }
        Vector6 rhs = -Rs;
        for (unsigned int m = 0; m < nn; ++m)
          rhs += two_mu * AinvR[m];
        const Vector6 ds      = J.partialPivLu().solve(rhs);
        const Vector6 s_saved = s1;
        for (unsigned int m = 0; m < nn; ++m)
          {
            e_saved[m] = Eigen::Map<Vector6>(units1 + 6 * nonlinear_units_[m]);
            de[m]      = JA[m] * ds + (CW[m] * Gv[m].dot(ds)) * W[m] - AinvR[m];
          }
        // Backtracking on the merit (the sinh grows fast: a full step from
        // the linear predictor can overshoot).  Each trial also evaluates
        // the Jacobian, which the next iteration uses.
        double alpha = 1.0, trial = 0.0;
        for (int halving = 0; halving < 30; ++halving, alpha *= 0.5)
          {
            s1 = s_saved + alpha * ds;
            for (unsigned int m = 0; m < nn; ++m)
              Eigen::Map<Vector6>(units1 + 6 * nonlinear_units_[m]) =
                  e_saved[m] + alpha * de[m];
            trial = evaluate();
            if (trial <= (1.0 - 1e-4 * alpha) * merit || merit <= 1e-10 * scale)
              break;
          }
        if (!(trial <= merit) && !(merit <= 1e-10 * scale))
          {
            failed.message = "generalized Kelvin: the local Newton of the "
                             "nonlinear units stalled";
            return failed;
          }
        merit = trial;
      }
    if (deviatoric_tangent != nullptr)
      *deviatoric_tangent =
          J.partialPivLu().solve(two_mu * deviatoric_projector());
    return {IntegrationStatus::success, 1.0, {}};
  }

  // ------------------------------------------------------------------------
  // Closed forms

  double
  creep_compliance(const GeneralizedKelvinLaw &law,
                   const double                t,
                   const double                temperature)
  {
    const auto &p = law.parameters();
    double      J = 1.0 / p.youngs_modulus;
    for (unsigned int f = 0; f < p.families.size(); ++f)
      {
        const DiscreteSpectrum s  = law.spectrum(f, temperature);
        const double           dJ = law.compliance_increment(f);
        for (unsigned int i = 0; i < s.tau.size(); ++i)
          J += dJ * s.weight[i] * (-std::expm1(-t / s.tau[i]));
      }
    return J + t / law.dashpot_viscosity(temperature);
  }

  std::complex<double>
  dynamic_compliance(const GeneralizedKelvinLaw &law,
                     const double                omega,
                     const double                temperature)
  {
    const auto          &p = law.parameters();
    std::complex<double> J(1.0 / p.youngs_modulus, 0.0);
    for (unsigned int f = 0; f < p.families.size(); ++f)
      {
        const DiscreteSpectrum s  = law.spectrum(f, temperature);
        const double           dJ = law.compliance_increment(f);
        for (unsigned int i = 0; i < s.tau.size(); ++i)
          J += dJ * s.weight[i] / std::complex<double>(1.0, omega * s.tau[i]);
      }
    J -= std::complex<double>(
        0.0, 1.0 / (omega * law.dashpot_viscosity(temperature)));
    return J;
  }
} // namespace mgrelax::material
