// Fit of one to three Gumbel families ([Zhang2023-beta] Eq. 28) to a creep
// curve:
//   y(t) = c_0 + sum_k dJ_k sum_i w_ik (1 - exp(-t/tau_ik)),
// with (tau_ik, w_ik) the discrete normalized Gumbel spectrum of
// material::GumbelSpectrum{B_k, tau_bar_k, units} ([Zhang2023-beta] Eqs. 9, 22,
// 25), so the fitted law reproduces the curve exactly.  Variable projection:
// for fixed (B_k, ln tau_bar_k) the c_0 and dJ_k >= 0 are linear least squares
// (NNLS);
// Levenberg-Marquardt on the nonlinear parameters.  Eigen only.
#pragma once

#include <string>
#include <vector>

namespace mgrelax::postprocess
{
  struct GumbelFamilyFit
  {
    double B            = 0.5;
    double mean_time    = 1.0; // tau_bar, s
    double dJ           = 0.0; // same unit as y
    double sigma_B      = 0.0; // one standard deviation (linearized)
    double sigma_ln_tau = 0.0;
    double sigma_dJ     = 0.0;
  };

  struct GumbelFit
  {
    std::vector<GumbelFamilyFit> families;         // sorted by mean time
    double                       offset     = 0.0; // c_0
    double                       rms        = 0.0; // residual, unit of y
    unsigned int                 iterations = 0;
    bool                         converged  = false;

    std::vector<double>
    model(const std::vector<double> &t, unsigned int units) const;
  };

  // `initial_times`: one starting tau_bar per family (1 to 3 families);
  // B starts at `initial_B`.  B is kept in [0.05, 1] (GumbelSpectrum's
  // range).  Throws std::invalid_argument for bad arguments.
  GumbelFit
  fit_gumbel_families(const std::vector<double> &t,
                      const std::vector<double> &y,
                      const std::vector<double> &initial_times,
                      unsigned int               units     = 20,
                      double                     initial_B = 0.5);
} // namespace mgrelax::postprocess
