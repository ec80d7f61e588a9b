// A stretched exponential (Kohlrausch-Williams-Watts, [Atzmon2023] Eq. 11)
// fitted to the same curve as the spectrum, to show what the popular
// two-number summary (tau_s, beta) does and does not tell
// ([Atzmon2023] Sec. 7, Fig. 10: tau_s is not a time constant).  Eigen
// only.
//
//   recovery, stress-recovery:  y = c_inf + A exp(-(t/tau_s)^beta)
//   creep:                      y = c_0 + A (1 - exp(-(t/tau_s)^beta))
//
// Levenberg-Marquardt on (ln tau_s, beta, A, c) from the best point of a
// grid over (ln tau_s, beta), where A and c are linear least squares.
#pragma once

#include <vector>

#include "postprocess/spectrum_inversion.h"

namespace mgrelax::postprocess
{
  struct KwwOptions
  {
    Kernel kernel = Kernel::recovery;
    // false: c = 0, the paper's x(0) exp(-(t/tau_s)^beta).
    bool fit_offset = true;
  };

  struct KwwFit
  {
    Kernel       kernel     = Kernel::recovery;
    double       tau        = 0.0; // tau_s, s
    double       beta       = 0.0; // stretching exponent
    double       amplitude  = 0.0; // A
    double       offset     = 0.0; // c_inf (c_0 for creep)
    double       residual   = 0.0; // |model - y|
    double       rms        = 0.0; // residual / sqrt(m)
    unsigned int iterations = 0;
    bool         converged  = false;

    std::vector<double>
    model(const std::vector<double> &t) const;
  };

  // exp(-(t/tau)^beta), or 1 minus it for the creep kernel.
  double
  kww_shape(Kernel kernel, double t, double tau, double beta);

  // Throws std::invalid_argument for fewer than 5 points, times that are
  // negative or not increasing, or non-finite values.
  KwwFit
  fit_kww(const std::vector<double> &t,
          const std::vector<double> &y,
          const KwwOptions          &options);
} // namespace mgrelax::postprocess
