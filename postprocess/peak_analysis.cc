#include "postprocess/peak_analysis.h"

#include <cmath>

namespace mgrelax::postprocess
{
  namespace
  {
    constexpr double electron_volt = 1.602176634e-19; // J

    double
    log_time(const double omega, const StzConditions &c)
    {
      // [Atzmon2023] Eq. 9 through the material library: one "atom" of volume
      // Omega.
      material::StzHierarchy h = c.stz;
      h.atomic_volume          = omega;
      return std::log(
          h.time_constant(1, c.temperature, c.shear_modulus, c.poisson_ratio));
    }
  } // namespace

  double
  stz_volume_for_time(const double tau, const StzConditions &c)
  {
    if (!(tau > 0.0 && c.temperature > 0.0 && c.shear_modulus > 0.0))
      return 0.0;
    // ln tau(Omega) = ln(A/Omega) + a Omega/kT is convex in Omega with its
    // minimum at Omega* = kT/a; search above it.
    const double           kT   = 1.380649e-23 * c.temperature;
    material::StzHierarchy unit = c.stz;
    unit.atomic_volume          = 1e-30;
    const double a =
        unit.activation_energy(1, c.shear_modulus, c.poisson_ratio) / 1e-30;
    double       low = std::max(kT / a, 1e-31), high = 1e-25;
    const double target = std::log(tau);
    if (log_time(low, c) > target || log_time(high, c) < target)
      return 0.0;
    for (int i = 0; i < 200 && high / low > 1 + 1e-13; ++i)
      {
        const double mid                         = std::sqrt(low * high);
        (log_time(mid, c) < target ? low : high) = mid;
      }
    return std::sqrt(low * high);
  }

  std::vector<PeakProperties>
  peak_properties(const std::vector<Peak> &peaks,
                  const double             elastic_strain,
                  const double             young_modulus,
                  const StzConditions     &conditions)
  {
    std::vector<PeakProperties> result;
    for (const Peak &p : peaks)
      {
        PeakProperties q;
        q.peak = p;
        q.c    = p.area / elastic_strain; // [Atzmon2023] Eq. 6
        if (young_modulus > 0.0 && q.c > 0.0)
          {
            q.young_modulus = young_modulus / q.c;                // Eq. 4
            q.viscosity     = p.centroid * q.young_modulus / 3.0; // Eq. 3
          }
        q.volume = stz_volume_for_time(p.centroid, conditions);
        if (q.volume > 0.0)
          {
            q.volume_atoms           = q.volume / conditions.stz.atomic_volume;
            material::StzHierarchy h = conditions.stz;
            h.atomic_volume          = q.volume;
            q.activation_eV          = h.activation_energy(1,
                                                  conditions.shear_modulus,
                                                  conditions.poisson_ratio) /
                              electron_volt; // Eq. 2
          }
        result.push_back(q);
      }
    return result;
  }

  SlopeFit
  atomic_volume_slope(const std::vector<PeakProperties> &properties)
  {
    std::vector<double> m, v;
    for (std::size_t k = 0; k < properties.size(); ++k)
      if (properties[k].volume > 0.0)
        {
          m.push_back(static_cast<double>(k + 1));
          v.push_back(properties[k].volume_atoms);
        }
    SlopeFit     fit;
    const double n = static_cast<double>(m.size());
    if (m.size() < 2)
      return fit;
    double mm = 0, mv = 0, sm = 0, sv = 0;
    for (std::size_t k = 0; k < m.size(); ++k)
      {
        sm += m[k];
        sv += v[k];
      }
    const double mbar = sm / n, vbar = sv / n;
    for (std::size_t k = 0; k < m.size(); ++k)
      {
        mm += (m[k] - mbar) * (m[k] - mbar);
        mv += (m[k] - mbar) * (v[k] - vbar);
      }
    fit.slope     = mv / mm;
    fit.intercept = vbar - fit.slope * mbar;
    if (m.size() > 2)
      {
        double r2 = 0;
        for (std::size_t k = 0; k < m.size(); ++k)
          r2 += std::pow(v[k] - fit.intercept - fit.slope * m[k], 2);
        fit.sigma_slope = std::sqrt(r2 / (n - 2) / mm);
      }
    fit.valid = true;
    return fit;
  }
} // namespace mgrelax::postprocess
