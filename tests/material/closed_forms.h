// Closed forms of the linear generalized Kelvin law at constant
// temperature, used only by the tests (material, postprocess and solver
// suites) to check the integrated law (doc/physics.md, 'Closed forms').
#pragma once

#include <cmath>
#include <complex>

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
