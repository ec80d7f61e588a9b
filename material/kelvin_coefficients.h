// The per-step coefficients of the generalized Kelvin law: the weights of
// the exact update of a Kelvin unit, the dashpot's theta, and the cached
// per-unit coefficients of one (dt, T, state) (doc/numerics.md,
// 'Integrating the law').  Internal to material/kelvin_*.cc.
#pragma once

#include <cstdint>
#include <vector>

#include "material/kelvin_law.h"

namespace mgrelax::material
{
  // Weights of the exact update of a Kelvin unit over a step of
  // x = dt/tau for a stress linear in time:
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
  kelvin_weights(double x);

  // The weights and their derivatives with respect to x (the nonlinear
  // units' local Newton): a' = (1 - e^-x - x e^-x) / x^2, series
  // 1/2 - x/3 + x^2/8 - x^3/30 + x^4/144 below 1e-2; b' = e^-x - a'.
  struct KelvinWeightsD
  {
    double decay, a, b, da, db;
  };

  KelvinWeightsD
  kelvin_weights_d(double x);

  // Exponentially fitted theta of the dashpot for z = 3 mu dt / eta:
  // theta = 1/(1 - e^-z) - 1/z makes the theta rule exact for a Maxwell
  // element at fixed strain; theta -> 1/2 for small z, -> 1 for large z.
  double
  dashpot_theta(double z);

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
    double log_dt = 0.0;
    // The state the coefficients were computed for (empty: none), and
    // 1/(2j) of each recoverable unit (its spring energy is e:e/(2j)).
    std::vector<double> state_shift, half_inv_j;
    double              population = 1.0, stiffening = 1.0;
    // The moduli of the step: E(T) (1 + delta), mu, K, and E0 / E, the
    // factor of the STZ compliances c_n / E.
    double youngs = 0.0, mu = 0.0, bulk = 0.0, compliance_scale = 1.0;
    // Nonlinear units, one entry each (order of nonlinear_units_): ln tau
    // at T, j = (3/2) w dJ, 1/sigma0 of the sinh (0: none), E/kT and
    // 1/sigma_b of the barrier (0: none), and the linear coefficients
    // (the predictor).
    std::vector<double> nl_log_tau, nl_j, nl_inv_sigma0, nl_barrier_EkT,
        nl_inv_barrier, nl_decay, nl_ja, nl_jb;
  };
} // namespace mgrelax::material
