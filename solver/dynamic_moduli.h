// Storage and loss moduli from a sinusoidal load program, as a DMA reports
// them (seed-000 Eqs. 1-6): over each cycle of a sine segment, the load
// P(t) and the response h(t) are fitted by least squares with
// a sin(wt) + b cos(wt) + c + d t (the linear term takes up the creep drift
// under a mean load), giving their complex amplitudes P^ and h^.  With a
// geometric factor K from beam theory (E = K P / h for an elastic strip:
// L^3 / (3 I) for a cantilever, L^3 / (48 I) for three-point bending) the
// complex modulus is E* = K P^ / h^: E' = Re E*, E'' = Im E*, and
// tan(delta) = E'' / E', delta the phase lag of h behind P.
#pragma once

#include <vector>

#include "material/point_driver.h"

namespace mgrelax
{
  struct CycleModuli
  {
    unsigned int segment, cycle; // 0-based
    double       time;           // at the cycle's middle
    double       temperature;    // at the cycle's middle
    double       frequency;
    double       storage, loss, tan_delta;
  };

  // `segment`, `time`, `load`, `response` and `temperature` are the
  // accepted steps of a run of `program` (with its initial state first);
  // cycles of the program's sine segments that the steps cover completely
  // give one entry each.
  std::vector<CycleModuli>
  dynamic_moduli(const std::vector<material::LoadSegment> &program,
                 const std::vector<unsigned int>          &segment,
                 const std::vector<double>                &time,
                 const std::vector<double>                &load,
                 const std::vector<double>                &response,
                 const std::vector<double>                &temperature,
                 double                                    factor);
} // namespace mgrelax
