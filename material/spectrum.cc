#include "material/spectrum.h"
#include "material/format.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "material/tensor.h"

namespace mgrelax::material
{
  namespace
  {
    [[noreturn]] void
    fail(const std::string &where, const std::string &what)
    {
      throw std::invalid_argument(where + ": " + what);
    }

    // Root of f(u) = u - e^u + 1 - ln(truncation) by Newton from u0; f is
    // concave with its maximum 0 - ln(tr) > 0 at u = 0, so Newton from a
    // point beyond the root converges monotonically.
    double
    gumbel_root(const double truncation, double u)
    {
      const double target = std::log(truncation);
      for (int it = 0; it < 100; ++it)
        {
          const double f  = u - std::exp(u) + 1.0 - target;
          const double df = 1.0 - std::exp(u);
          const double du = f / df;
          u -= du;
          if (std::abs(du) < 1e-14 * (1.0 + std::abs(u)))
            break;
        }
      return u;
    }
  } // namespace

  double
  GumbelSpectrum::lower_u(const double truncation)
  {
    return gumbel_root(truncation, std::log(truncation) - 2.0);
  }

  double
  GumbelSpectrum::upper_u(const double truncation)
  {
    return gumbel_root(truncation, std::log(1.0 - std::log(truncation)) + 1.0);
  }

  void
  GumbelSpectrum::check(const std::string &where) const
  {
    if (!(B > 0.0 && B <= 1.0))
      fail(where, "'B' must be in (0, 1] (got " + short_number(B) + ")");
    if (!(mean_time > 0.0) || !std::isfinite(mean_time))
      fail(where,
           "'mean time' must be > 0 s (got " + short_number(mean_time) + ")");
    if (units < 3 || units > 1000)
      fail(where,
           "'units' must be in [3, 1000] (got " + std::to_string(units) + ")");
    if (!(span_decades >= 0.0 && span_decades <= 60.0))
      fail(where,
           "'span' must be in [0, 60] decades, 0 = automatic (got " +
               short_number(span_decades) + ")");
    if (!(truncation > 0.0 && truncation < 0.1))
      fail(where,
           "'truncation' must be in (0, 0.1) (got " + short_number(truncation) +
               ")");
  }

  DiscreteSpectrum
  GumbelSpectrum::discretize() const
  {
    check("Gumbel spectrum");
    // Bounds in x = ln(tau / mean_time).
    double x_low  = lower_u(truncation) / B;
    double x_high = upper_u(truncation) / B;
    if (span_decades > 0.0)
      {
        const double scale = span_decades * std::log(10.0) / (x_high - x_low);
        x_low *= scale;
        x_high *= scale;
      }
    // Share the N - 1 intervals between both sides of x = 0 so that each
    // side reaches its bound; the spacing is the larger of the two needs.
    const unsigned int intervals = units - 1;
    unsigned int       n_low     = static_cast<unsigned int>(
        std::lround(intervals * (-x_low) / (x_high - x_low)));
    n_low                     = std::clamp(n_low, 1u, intervals - 1);
    const unsigned int n_high = intervals - n_low;
    const double       h      = std::max(-x_low / n_low, x_high / n_high);

    DiscreteSpectrum spectrum;
    spectrum.tau.resize(units);
    spectrum.weight.resize(units);
    for (unsigned int i = 0; i < units; ++i)
      {
        const double x     = (static_cast<double>(i) - n_low) * h;
        const double u     = B * x;
        spectrum.tau[i]    = mean_time * std::exp(x);
        spectrum.weight[i] = std::exp(u - std::exp(u));
      }
    const double sum =
        std::accumulate(spectrum.weight.begin(), spectrum.weight.end(), 0.0);
    for (double &w : spectrum.weight)
      w /= sum;
    return spectrum;
  }

  void
  StzHierarchy::check(const std::string &where) const
  {
    if (n_min < 1 || n_max < n_min)
      fail(where,
           "need 1 <= 'n min' <= 'n max' (got " + std::to_string(n_min) + ", " +
               std::to_string(n_max) + ")");
    if (volume_fractions.size() != n_max - n_min + 1)
      fail(where,
           "'volume fractions' needs one value per STZ type n = n min .. n "
           "max (" +
               std::to_string(n_max - n_min + 1) + " values, got " +
               std::to_string(volume_fractions.size()) + ")");
    for (const double c : volume_fractions)
      if (!(c >= 0.0) || !std::isfinite(c))
        fail(where,
             "'volume fractions' must be >= 0 (got " + short_number(c) + ")");
    if (!(total_fraction() > 0.0))
      fail(where, "'volume fractions' are all zero: the spectrum is empty");
    if (!(atomic_volume > 0.0 && atomic_volume < 1e-27))
      fail(where,
           "'atomic volume' must be in (0, 1e-27) m^3 (got " +
               short_number(atomic_volume) + ")");
    if (!(gamma0_T > 0.0 && gamma0_T < 1.0))
      fail(where,
           "'transformation strain' must be in (0, 1) (got " +
               short_number(gamma0_T) + ")");
    if (!(sigma_stz_over_mu >= 0.0 && sigma_stz_over_mu < 1.0))
      fail(where,
           "'STZ shear resistance / mu' must be in [0, 1) (got " +
               short_number(sigma_stz_over_mu) + ")");
    if (!(beta2 >= 0.0 && beta2 < 10.0))
      fail(where,
           "'beta2' must be in [0, 10) (got " + short_number(beta2) + ")");
    if (!(attempt_frequency > 0.0) || !std::isfinite(attempt_frequency))
      fail(where,
           "'attempt frequency' must be > 0 (got " +
               short_number(attempt_frequency) + ")");
  }

  double
  StzHierarchy::gamma0_c(const double nu) const
  {
    return 2.0 * (4.0 - 5.0 * nu) / (15.0 * (1.0 - nu)) * gamma0_T;
  }

  double
  StzHierarchy::activation_energy(const unsigned int n,
                                  const double       mu,
                                  const double       nu) const
  {
    // [Atzmon2023] Eq. 2.
    const double bracket = ((7.0 - 5.0 * nu) / (30.0 * (1.0 - nu)) +
                            2.0 * (1.0 + nu) / (9.0 * (1.0 - nu)) * beta2) *
                               gamma0_T +
                           0.5 * sigma_stz_over_mu;
    return bracket * mu * gamma0_T * (n * atomic_volume);
  }

  double
  StzHierarchy::time_constant(const unsigned int n,
                              const double       temperature,
                              const double       mu,
                              const double       nu) const
  {
    // [Atzmon2023] Eq. 9, evaluated in logs: exp(dF/kT) overflows for large
    // STZs at low temperature, where the time is physically "infinite".
    const double kT    = boltzmann_J * temperature;
    const double omega = n * atomic_volume;
    const double log_prefactor =
        std::log(3.0 * kT /
                 (2.0 * mu * (1.0 + nu) * attempt_frequency * gamma0_c(nu) *
                  gamma0_T * omega));
    const double log_tau = log_prefactor + activation_energy(n, mu, nu) / kT;
    return log_tau > 700.0 ? std::numeric_limits<double>::infinity()
                           : std::exp(log_tau);
  }

  double
  StzHierarchy::total_fraction() const
  {
    return std::accumulate(
        volume_fractions.begin(), volume_fractions.end(), 0.0);
  }

  void
  TemperatureLaw::check(const std::string &where) const
  {
    if (kind == Kind::none)
      return;
    if (!(reference_temperature > 0.0))
      fail(where,
           "'reference temperature' must be > 0 K (got " +
               short_number(reference_temperature) + ")");
    if (kind == Kind::arrhenius &&
        !(activation_energy_eV >= 0.0 && activation_energy_eV < 20.0))
      fail(where,
           "'activation energy' must be in [0, 20) eV (got " +
               short_number(activation_energy_eV) + ")");
    if (kind == Kind::vft)
      {
        if (!(vft_B > 0.0))
          fail(where,
               "'VFT B' must be > 0 K (got " + short_number(vft_B) + ")");
        if (!(vft_T0 >= 0.0 && vft_T0 < reference_temperature))
          fail(where,
               "'VFT T0' must be in [0, reference temperature) (got " +
                   short_number(vft_T0) + ")");
      }
  }

  double
  TemperatureLaw::log_shift(const double temperature) const
  {
    switch (kind)
      {
      case Kind::none:
        return 0.0;
      case Kind::arrhenius:
        return activation_energy_eV / boltzmann_eV *
               (1.0 / temperature - 1.0 / reference_temperature);
      case Kind::vft:
        if (temperature <= vft_T0)
          return std::numeric_limits<double>::infinity();
        return vft_B / (temperature - vft_T0) -
               vft_B / (reference_temperature - vft_T0);
      }
    return 0.0;
  }
} // namespace mgrelax::material
