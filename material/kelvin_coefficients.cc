// The coefficients of the generalized Kelvin law: its units (built once
// from the parameters) and their integration coefficients for one step
// (dt, T and the point's state), cached per thread (doc/numerics.md,
// 'Integrating the law').
#include "material/kelvin_coefficients.h"

#include <algorithm>
#include <cmath>

namespace mgrelax::material
{
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

  double
  dashpot_theta(const double z)
  {
    if (z < 1e-4)
      return 0.5 + z / 12.0;
    if (z > 700.0)
      return 1.0 - 1.0 / z;
    return 1.0 / (-std::expm1(-z)) - 1.0 / z;
  }

  // p_n = p^((n / n_max)^a) for unit i (n = n_min + i) of an STZ
  // hierarchy, p for the units of other spectra (material/README.md,
  // 'Rejuvenation and aging').
  double
  GeneralizedKelvinLaw::population_exponent(const KelvinFamily &family,
                                            const unsigned int  i) const
  {
    if (family.spectrum != KelvinFamily::SpectrumKind::stz)
      return 1.0;
    const double size = static_cast<double>(family.stz.n_min + i) /
                        static_cast<double>(family.stz.n_max);
    return std::pow(size, parameters_.state.population_size_exponent);
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
                  barrier_scales_with_mu_.push_back(
                      stz && !(family.barrier_energy_eV > 0.0));
                }
              units.push_back(
                  {f,
                   s.weight[i] * dJ,
                   std::log(s.tau[i]),
                   population_exponent(family, i),
                   family.spectrum == KelvinFamily::SpectrumKind::stz});
            }
        }
    unit_is_nonlinear_.resize(recoverable_units_.size(), false);
  }

  void
  GeneralizedKelvinLaw::unit_log_times(const double         temperature,
                                       const double         mu,
                                       const double        *shift,
                                       std::vector<double> &recoverable,
                                       std::vector<double> &viscoplastic) const
  {
    // log(tau) of each family at this temperature: a shift for Gumbel and
    // list spectra, [Atzmon2023] Eq. 9 for STZ hierarchies.
    const unsigned int            n_families = parameters_.families.size();
    std::vector<double>           log_shift(n_families, 0.0);
    std::vector<DiscreteSpectrum> stz_spectra(n_families);
    for (unsigned int f = 0; f < n_families; ++f)
      {
        const KelvinFamily &family = parameters_.families[f];
        if (family.spectrum == KelvinFamily::SpectrumKind::stz)
          stz_spectra[f] = spectrum(f, temperature, mu);
        else if (family.temperature.kind != TemperatureLaw::Kind::none)
          log_shift[f] = family.temperature.log_shift(temperature);
        if (shift != nullptr)
          log_shift[f] += shift[f];
      }
    const auto log_tau = [&](const Unit &unit, const unsigned int index) {
      const unsigned int f = unit.family;
      return parameters_.families[f].spectrum == KelvinFamily::SpectrumKind::stz
                 ? std::log(stz_spectra[f].tau[index - family_first_unit_[f]]) +
                       log_shift[f] // the state's shift only
                 : unit.log_tau_ref + log_shift[f];
    };
    recoverable.resize(recoverable_units_.size());
    for (unsigned int k = 0; k < recoverable_units_.size(); ++k)
      recoverable[k] = log_tau(recoverable_units_[k], k);
    viscoplastic.resize(viscoplastic_units_.size());
    for (unsigned int k = 0; k < viscoplastic_units_.size(); ++k)
      viscoplastic[k] = log_tau(viscoplastic_units_[k], k);
  }

  namespace
  {
    // dt/tau in logs; exp underflows to 0 (frozen unit) or overflows to inf
    // (unit in equilibrium), both handled by kelvin_weights().
    double
    step_over_time(const double dt, const double log_tau)
    {
      return dt == 0.0 ? 0.0 : std::exp(std::log(dt) - log_tau);
    }
  } // namespace

  double
  GeneralizedKelvinLaw::unit_j(const Coefficients &c, const Unit &unit) const
  {
    const double p = unit.population_exponent == 1.0
                         ? c.population
                         : std::pow(c.population, unit.population_exponent);
    return 1.5 * p * (unit.stz ? c.compliance_scale : 1.0) * unit.compliance;
  }

  void
  GeneralizedKelvinLaw::recoverable_coefficients(
      Coefficients &c, const std::vector<double> &log_tau) const
  {
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
        const KelvinWeights w =
            kelvin_weights(step_over_time(c.dt, log_tau[k]));
        const double j  = unit_j(c, unit);
        c.half_inv_j[k] = j > 0.0 ? 0.5 / j : 0.0;
        c.decay[k]      = w.decay;
        c.ja[k]         = j * w.a;
        c.jb[k]         = j * w.b;
        if (!unit_is_nonlinear_[k])
          {
            c.G += c.ja[k];
            c.H += c.jb[k];
          }
      }
  }

  void
  GeneralizedKelvinLaw::viscoplastic_coefficients(
      Coefficients &c, const std::vector<double> &log_tau) const
  {
    const unsigned int nv = viscoplastic_units_.size();
    c.progress.resize(nv);
    c.saturation.resize(nv);
    for (unsigned int k = 0; k < nv; ++k)
      {
        c.progress[k]   = -std::expm1(-step_over_time(c.dt, log_tau[k]));
        c.saturation[k] = viscoplastic_units_[k].compliance;
      }
  }

  // Nonlinear units: keep their linear coefficients apart (the predictor)
  // and take them out of the linear sums.
  void
  GeneralizedKelvinLaw::nonlinear_coefficients(
      Coefficients &c, const std::vector<double> &log_tau) const
  {
    const unsigned int nn = nonlinear_units_.size();
    c.log_dt              = c.dt > 0.0 ? std::log(c.dt) : -HUGE_VAL;
    for (auto *v : {&c.nl_log_tau,
                    &c.nl_j,
                    &c.nl_inv_sigma0,
                    &c.nl_barrier_EkT,
                    &c.nl_inv_barrier,
                    &c.nl_decay,
                    &c.nl_ja,
                    &c.nl_jb})
      v->resize(nn);
    const double kT = boltzmann_J * c.temperature;
    for (unsigned int m = 0; m < nn; ++m)
      {
        const unsigned int  k      = nonlinear_units_[m];
        const Unit         &unit   = recoverable_units_[k];
        const KelvinFamily &family = parameters_.families[unit.family];
        c.nl_log_tau[m]            = log_tau[k];
        c.nl_j[m]                  = unit_j(c, unit);
        // [Atzmon2023] Eq. 1: sinh(sigma_s V / 2kT) with the von Mises shear
        // stress sigma_s = q / sqrt(3): sigma0 = 2 sqrt(3) kT / V.
        c.nl_inv_sigma0[m] =
            activation_volume_[m] / (2.0 * std::sqrt(3.0) * kT);
        // dF_n of [Atzmon2023] Eq. 2 is proportional to mu.
        const double mu_factor = barrier_scales_with_mu_[m] ? c.mu / mu_ : 1.0;
        c.nl_barrier_EkT[m]    = family.barrier_stress > 0.0
                                     ? mu_factor * barrier_energy_[m] / kT
                                     : 0.0;
        // Eq. 17's sigma_a is the applied shear stress, q/sqrt(3).
        c.nl_inv_barrier[m] =
            family.barrier_stress > 0.0
                ? 1.0 / (std::sqrt(3.0) * family.barrier_stress)
                : 0.0;
        c.nl_decay[m] = c.decay[k];
        c.nl_ja[m]    = c.ja[k];
        c.nl_jb[m]    = c.jb[k];
        c.decay[k]    = 0.0;
        c.ja[k]       = 0.0;
        c.jb[k]       = 0.0;
      }
  }

  void
  GeneralizedKelvinLaw::dashpot_coefficients(Coefficients &c) const
  {
    c.dashpot_end   = 0.0;
    c.dashpot_begin = 0.0;
    if (has_dashpot_ && c.dt > 0.0)
      {
        const double eta   = dashpot_viscosity(c.temperature);
        const double theta = dashpot_theta(3.0 * c.mu * c.dt / eta);
        const double flow  = 1.5 * c.dt / eta;
        c.dashpot_end      = flow * theta;
        c.dashpot_begin    = flow * (1.0 - theta);
      }
    c.G += c.dashpot_end;
    c.H += c.dashpot_begin;
  }

  const GeneralizedKelvinLaw::Coefficients &
  GeneralizedKelvinLaw::coefficients(const double  dt,
                                     const double  temperature,
                                     const double *shift,
                                     const double  population,
                                     const double  stiffening) const
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
               c.population == population && c.stiffening == stiffening);
    if (c.law_id == id_ && c.dt == dt && c.temperature == temperature &&
        same_state)
      return c;
    c.law_id      = id_;
    c.dt          = dt;
    c.temperature = temperature;
    c.population  = population;
    c.stiffening  = stiffening;
    // E(T) (1 + delta) with nu fixed: the elastic part, Eq. 9's mu and the
    // STZ compliances c_n / E all see the same modulus.
    const double nu    = parameters_.poissons_ratio;
    c.youngs           = youngs_modulus(temperature) * stiffening;
    c.mu               = c.youngs / (2.0 * (1.0 + nu));
    c.bulk             = c.youngs / (3.0 * (1.0 - 2.0 * nu));
    c.compliance_scale = parameters_.youngs_modulus / c.youngs;
    if (shift == nullptr)
      c.state_shift.clear();
    else
      c.state_shift.assign(shift, shift + n_families);

    thread_local std::vector<double> log_tau_recoverable, log_tau_viscoplastic;
    unit_log_times(
        temperature, c.mu, shift, log_tau_recoverable, log_tau_viscoplastic);
    recoverable_coefficients(c, log_tau_recoverable);
    viscoplastic_coefficients(c, log_tau_viscoplastic);
    nonlinear_coefficients(c, log_tau_recoverable);
    dashpot_coefficients(c);
    return c;
  }
} // namespace mgrelax::material
