#include "postprocess/master_curve.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mgrelax::postprocess
{
  namespace
  {
    void
    check(const std::vector<Relaxation> &spectrum, const MasterCurveOptions &o)
    {
      double total = 0.0;
      for (const Relaxation &r : spectrum)
        {
          if (!(r.tau > 0.0 && r.amplitude >= 0.0 && r.energy_eV > 0.0 &&
                std::isfinite(r.tau * r.amplitude * r.energy_eV)))
            throw std::invalid_argument(
                "master curve: every relaxation needs tau > 0, amplitude "
                ">= 0 and an activation energy > 0 eV");
          total += r.amplitude;
        }
      if (!(total > 0.0))
        throw std::invalid_argument("master curve: the spectrum is empty");
      if (!(o.reference_temperature > 0.0) || o.temperatures.empty())
        throw std::invalid_argument("master curve: need a reference "
                                    "temperature > 0 K and temperatures");
      for (const double T : o.temperatures)
        if (!(T > 0.0 && T < 1e5))
          throw std::invalid_argument("master curve: temperature " +
                                      std::to_string(T) +
                                      " K is not in (0, 1e5) K");
      if (!(o.frequency_min > 0.0 && o.frequency_max > o.frequency_min) ||
          o.points_per_decade < 2)
        throw std::invalid_argument(
            "master curve: the frequency window needs 0 < f_min < f_max "
            "and at least 2 points per decade");
    }

    // Sum of squares of ln E''(omega_j, T) - ln E''(omega_j e^a, T_ref)
    // over the window: the points at T moved by a onto the reference
    // curve, which is computed, hence known beyond the window too.
    double
    misfit(const std::vector<Relaxation> &spectrum,
           const std::vector<double>     &omega,
           const std::vector<double>     &loss,
           const double                   a,
           const double                   T_ref)
    {
      double s = 0.0;
      for (std::size_t j = 0; j < omega.size(); ++j)
        {
          const double ref =
              loss_modulus(spectrum, omega[j] * std::exp(a), T_ref, T_ref);
          s += std::pow(std::log(loss[j]) - std::log(ref), 2);
        }
      return s;
    }

    // The shift a_T: a scan in steps of 0.05 over the relaxations' own
    // shifts widened by 3 on either side, then golden-section search in
    // the best step's neighbourhood.
    double
    best_shift(const std::vector<Relaxation> &spectrum,
               const std::vector<double>     &omega,
               const std::vector<double>     &loss,
               const double                   T,
               const double                   T_ref)
    {
      double low = std::numeric_limits<double>::max(), high = -low;
      for (const Relaxation &r : spectrum)
        {
          const double a = r.energy_eV / boltzmann_eV * (1 / T - 1 / T_ref);
          low            = std::min(low, a - 3.0);
          high           = std::max(high, a + 3.0);
        }
      const auto f = [&](const double a) {
        return misfit(spectrum, omega, loss, a, T_ref);
      };
      double best = low, best_value = f(low);
      for (double a = low; a <= high; a += 0.05)
        if (const double v = f(a); v < best_value)
          {
            best       = a;
            best_value = v;
          }
      const double golden = 0.5 * (std::sqrt(5.0) - 1.0);
      double       x0 = best - 0.05, x3 = best + 0.05;
      double       x1 = x3 - golden * (x3 - x0), x2 = x0 + golden * (x3 - x0);
      double       f1 = f(x1), f2 = f(x2);
      while (x3 - x0 > 1e-10)
        if (f1 < f2)
          {
            x3 = x2, x2 = x1, f2 = f1;
            x1 = x3 - golden * (x3 - x0), f1 = f(x1);
          }
        else
          {
            x0 = x1, x1 = x2, f1 = f2;
            x2 = x0 + golden * (x3 - x0), f2 = f(x2);
          }
      return 0.5 * (x0 + x3);
    }
  } // namespace

  double
  loss_modulus(const std::vector<Relaxation> &spectrum,
               const double                   omega,
               const double                   T,
               const double                   T_ref)
  {
    double loss = 0.0;
    for (const Relaxation &r : spectrum)
      {
        const double x =
            omega * r.tau *
            std::exp(r.energy_eV / boltzmann_eV * (1.0 / T - 1.0 / T_ref));
        loss += r.amplitude / (x + 1.0 / x); // x / (1 + x^2), no overflow
      }
    return loss;
  }

  std::vector<Relaxation>
  at_temperature(std::vector<Relaxation> spectrum,
                 const double            T_from,
                 const double            T_to)
  {
    for (Relaxation &r : spectrum)
      r.tau *= std::exp(r.energy_eV / boltzmann_eV * (1 / T_to - 1 / T_from));
    return spectrum;
  }

  MasterCurve
  master_curve(const std::vector<Relaxation> &spectrum,
               const MasterCurveOptions      &o)
  {
    check(spectrum, o);
    MasterCurve  m;
    const double decades = std::log10(o.frequency_max / o.frequency_min);
    const auto   n       = static_cast<unsigned int>(
        std::max(2.0, std::ceil(decades * o.points_per_decade) + 1));
    for (unsigned int j = 0; j < n; ++j)
      m.omega.push_back(2 * M_PI * o.frequency_min *
                        std::pow(10.0, decades * j / (n - 1)));
    m.temperatures = o.temperatures;
    double sxx = 0.0, sxy = 0.0;
    for (const double T : o.temperatures)
      {
        std::vector<double> loss;
        for (const double w : m.omega)
          loss.push_back(loss_modulus(spectrum, w, T, o.reference_temperature));
        m.loss.push_back(loss);
        m.shifts.push_back(
            best_shift(spectrum, m.omega, loss, T, o.reference_temperature));
        const double x = 1.0 / T - 1.0 / o.reference_temperature;
        sxx += x * x;
        sxy += x * m.shifts.back();
      }
    // Eq. 10 through the origin (a = 0 at T_ref by definition).
    const double slope   = sxx > 0.0 ? sxy / sxx : 0.0;
    m.apparent_energy_eV = slope * boltzmann_eV;
    double sum           = 0.0;
    for (std::size_t k = 0; k < o.temperatures.size(); ++k)
      sum += std::pow(m.shifts[k] - slope * (1.0 / o.temperatures[k] -
                                             1.0 / o.reference_temperature),
                      2);
    m.arrhenius_rms = std::sqrt(sum / o.temperatures.size());
    return m;
  }
} // namespace mgrelax::postprocess
