// Closed forms of the linear generalized Kelvin law at constant
// temperature, used only by the tests (material, postprocess and solver
// suites) to check the integrated law (doc/physics.md, 'Closed forms').
#pragma once

#include <algorithm>
#include <cmath>
#include <complex>
#include <vector>

#include "material/kelvin_law.h"

namespace mgrelax::material
{
  // Uniaxial creep compliance J(t) of [Zhang2023-beta] Eq. 28 (+ t/eta for the
  // dashpot), including every family.
  inline double
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

  // Uniaxial dynamic compliance for sigma ~ exp(i omega t), [Zhang2023-beta]
  // Eq. 12: J* = 1/E + sum dJ w_i / (1 + i omega tau_i) - i/(omega eta).
  // (Viscoplastic units respond like Kelvin units only while loading; the
  // formula treats all units as Kelvin units.)
  inline std::complex<double>
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

// Independent references: the papers' formulas written out for the tests,
// calling nothing of material/, so that a bug in the law's spectra or in the
// closed forms above fails the tests that use them.
namespace mgrelax::testing
{
  // One family of [Zhang2023-beta] Eq. 28: compliance increment dJ shared
  // among units (tau_i, w_i).
  struct ReferenceFamily
  {
    double              dJ;
    std::vector<double> tau, weight;
  };

  // [Zhang2023-beta] Eq. 9, the discrete normalized Gumbel weights
  //   w_i = exp{B x_i - exp(B x_i)} / sum_j exp{B x_j - exp(B x_j)},
  //   x_i = ln(tau_i / tau_bar),
  // on the grid of doc/physics.md Sec. 2.4: uniform in x, containing x = 0,
  // from u_low / B to u_high / B where u - e^u + 1 = ln(truncation) (found
  // here by bisection), the N - 1 intervals shared between the two sides in
  // proportion to their widths (rounded, at least one each) and the spacing
  // the larger of the two sides' needs.
  inline ReferenceFamily
  seed000_gumbel_family(const double       dJ,
                        const double       B,
                        const double       tau_bar,
                        const unsigned int units      = 20,
                        const double       truncation = 1e-4)
  {
    const auto root = [truncation](double below, double above) {
      // f(u) = u - e^u + 1 - ln(truncation): f(below) < 0 < f(above).
      const auto f = [truncation](const double u) {
        return u - std::exp(u) + 1.0 - std::log(truncation);
      };
      for (int it = 0; it < 200; ++it)
        {
          const double mid               = 0.5 * (below + above);
          (f(mid) < 0.0 ? below : above) = mid;
        }
      return 0.5 * (below + above);
    };
    const double x_low     = root(-60.0, 0.0) / B; // f(-60) < 0 < f(0)
    const double x_high    = root(10.0, 0.0) / B;  // f(10) < 0 < f(0)
    const int    intervals = static_cast<int>(units) - 1;
    int          n_low =
        static_cast<int>(std::lround(intervals * -x_low / (x_high - x_low)));
    n_low                  = std::min(std::max(n_low, 1), intervals - 1);
    const int       n_high = intervals - n_low;
    const double    h      = std::max(-x_low / n_low, x_high / n_high);
    ReferenceFamily family{dJ, {}, {}};
    double          sum = 0.0;
    for (int i = 0; i < static_cast<int>(units); ++i)
      {
        const double x = (i - n_low) * h;
        family.tau.push_back(tau_bar * std::exp(x));
        family.weight.push_back(std::exp(B * x - std::exp(B * x)));
        sum += family.weight.back();
      }
    for (double &w : family.weight)
      w /= sum;
    return family;
  }

  // [Zhang2023-beta] Eq. 28: J(t) = J_el + sum_f dJ_f sum_i w_i^f
  // (1 - exp(-t / tau_i^f)).
  inline double
  seed000_eq28(const double                        E,
               const std::vector<ReferenceFamily> &families,
               const double                        t)
  {
    double J = 1.0 / E;
    for (const ReferenceFamily &f : families)
      for (std::size_t i = 0; i < f.tau.size(); ++i)
        J += f.dJ * f.weight[i] * (1.0 - std::exp(-t / f.tau[i]));
    return J;
  }

  // [Zhang2023-beta] Eq. 12: J*(omega) = J_el + sum_f dJ_f sum_i w_i^f /
  // (1 + i omega tau_i^f), for sigma ~ exp(i omega t).
  inline std::complex<double>
  seed000_eq12(const double                        E,
               const std::vector<ReferenceFamily> &families,
               const double                        omega)
  {
    std::complex<double> J(1.0 / E, 0.0);
    for (const ReferenceFamily &f : families)
      for (std::size_t i = 0; i < f.tau.size(); ++i)
        J += f.dJ * f.weight[i] / std::complex<double>(1.0, omega * f.tau[i]);
    return J;
  }

  // [Atzmon2023] Eqs. 2 and 9: the time constant of the STZ type of n atoms
  // (Omega = n Omega_atom; n need not be an integer) at temperature T
  // (defaults: Al86.8Ni3.7Y9.5 of [Atzmon2023] Sec. 4, the attempt frequency of
  // inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm).
  inline double
  atzmon_eq9_time(const double n,
                  const double T,
                  const double mu            = 19e9,
                  const double nu            = 0.324,
                  const double gamma_T       = 0.2,
                  const double sigma_over_mu = 0.025,
                  const double beta2         = 1.0,
                  const double atomic_volume = 16.6e-30,
                  const double attempt       = 1e13)
  {
    const double kT    = 1.380649e-23 * T;
    const double omega = n * atomic_volume;
    const double gamma_c =
        2.0 * (4.0 - 5.0 * nu) / (15.0 * (1.0 - nu)) * gamma_T;
    const double dF = ((7.0 - 5.0 * nu) / (30.0 * (1.0 - nu)) +
                       2.0 * (1.0 + nu) / (9.0 * (1.0 - nu)) * beta2) *
                          gamma_T * mu * gamma_T * omega +
                      0.5 * sigma_over_mu * mu * gamma_T * omega;
    return 3.0 * kT /
           (2.0 * mu * (1.0 + nu) * attempt * gamma_c * gamma_T * omega) *
           std::exp(dF / kT);
  }

  // A spring of modulus E in series with one Kelvin unit of compliance C
  // and time tau (the standard linear solid, uniaxial): its state, the
  // unit's strain e1, and what a stress linear in time does to it.
  // Over a piece sigma = s0 + r s, 0 <= s <= h, the unit's ODE
  // tau de1/ds = C sigma - e1 has the solution
  //   e1(s) = C (s0 + r (s - tau)) + c exp(-s/tau),  c = e1(0) - C (s0 - r
  //   tau),
  // and the work int sigma d(eps) = (s1^2 - s0^2)/(2E) + int sigma de1 with
  //   int sigma de1 = C r (s0 h + r h^2/2)
  //                   - c [s0 (1 - e^{-h/tau}) + r (tau - (tau + h)
  //                   e^{-h/tau})].
  // eps = sigma/E + e1 is stationary where e^{-s/tau} = tau r (1/E + C)/c.
  struct StandardLinearSolid
  {
    double E, C, tau;
    double sigma = 0.0, e1 = 0.0;
    double work    = 0.0;                // int sigma d(eps) so far
    double eps_max = 0.0, eps_min = 0.0; // extrema since reset_extrema()

    double
    strain() const
    {
      return sigma / E + e1;
    }
    void
    reset_extrema()
    {
      eps_max = eps_min = strain();
    }
    // The stress goes linearly to `to` in time h.
    void
    ramp(const double to, const double h)
    {
      const double s0 = sigma, r = (to - s0) / h, x = std::exp(-h / tau);
      const double c   = e1 - C * (s0 - r * tau);
      const auto   eps = [&](const double s) {
        return (s0 + r * s) / E + C * (s0 + r * (s - tau)) +
               c * std::exp(-s / tau);
      };
      const double arg = tau * r * (1.0 / E + C) / c;
      if (c != 0.0 && arg > 0.0 && arg < 1.0 && -tau * std::log(arg) < h)
        {
          eps_max = std::max(eps_max, eps(-tau * std::log(arg)));
          eps_min = std::min(eps_min, eps(-tau * std::log(arg)));
        }
      work += (to * to - s0 * s0) / (2.0 * E) +
              C * r * (s0 * h + 0.5 * r * h * h) -
              c * (s0 * (1.0 - x) + r * (tau - (tau + h) * x));
      e1      = C * (to - r * tau) + c * x;
      sigma   = to;
      eps_max = std::max(eps_max, strain());
      eps_min = std::min(eps_min, strain());
    }
  };
} // namespace mgrelax::testing
