// From spectrum peaks to Atzmon's linear solid and STZ quantities
// ([Atzmon2023] Eqs. 2-6 and 9).  Eigen/standard library only.
#pragma once

#include <vector>

#include "material/spectrum.h"
#include "postprocess/spectrum_inversion.h"

namespace mgrelax::postprocess
{
  struct StzConditions
  {
    double temperature   = 0.0; // K; 0: no STZ analysis
    double shear_modulus = 0.0; // Pa
    double poisson_ratio = 0.324;
    // gamma0^T, atomic volume, attempt frequency, sigma_STZ/mu, beta^2:
    // as in material::StzHierarchy (Atzmon's values by default).
    material::StzHierarchy stz;
  };

  struct PeakProperties
  {
    Peak   peak;
    double c             = 0.0; // [Atzmon2023] Eq. 6: area / elastic strain
    double young_modulus = 0.0; // E'_m = E0 / c_m (Eq. 4), Pa
    double viscosity     = 0.0; // eta'_m = tau_m E'_m / 3 (Eq. 3), Pa s
    double volume        = 0.0; // Omega_m from Eq. 9, m^3
    double volume_atoms  = 0.0; // Omega_m / atomic volume
    double activation_eV = 0.0; // dF_m from Eq. 2
  };

  // The STZ volume whose [Atzmon2023] Eq. 9 time at the conditions is `tau`
  // (bisection on ln Omega on the branch where tau grows with Omega);
  // 0 if no such volume exists in (1e-31, 1e-25) m^3.
  double
  stz_volume_for_time(double tau, const StzConditions &conditions);

  // E0: the high-frequency Young's modulus (0: skip Eqs. 3-4);
  // elastic_strain: eps_el^0 the data are normalized by (1 if the curve is
  // already eps/eps_el^0).
  std::vector<PeakProperties>
  peak_properties(const std::vector<Peak> &peaks,
                  double                   elastic_strain,
                  double                   young_modulus,
                  const StzConditions     &conditions);

  // Least-squares line Omega_m / V_atom = a + s m over the peaks m = 1..M
  // ([Atzmon2023] Fig. 5e: a slope of 1 atom per peak means an atomically
  // quantized hierarchy).  Needs two peaks with volumes.
  struct SlopeFit
  {
    double slope = 0.0, intercept = 0.0, sigma_slope = 0.0;
    bool   valid = false;
  };
  SlopeFit
  atomic_volume_slope(const std::vector<PeakProperties> &properties);
} // namespace mgrelax::postprocess
