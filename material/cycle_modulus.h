// Dynamic modulus per cycle of the sine segments of a load program (the
// DMA analysis of the point driver): for every full cycle k of a sine
// segment of frequency f, the first Fourier coefficients of sigma_xx and
// eps_xx over that cycle,
//   x* = (2/P) int x~(t) [sin(phi) + i cos(phi)] dt,  phi = 2 pi f (t - t_k),
// with x~ the cycle's values less the straight line through its two end
// values (creep drift under stress control, temperature drift), give the
// complex modulus E* = sigma*/eps* = E' + i E'' and tan(delta) = E''/E'.
// The trapezoidal rule over the cycle's steps (the driver lands on every
// phase k/(f S)) is spectrally accurate for periodic signals.
#pragma once

#include <vector>

#include "material/point_driver.h"

namespace mgrelax::material
{
  struct CycleModulusRow
  {
    unsigned int segment;     // 1-based, as in PointRecord
    unsigned int cycle;       // 0-based within the segment
    double       time;        // mid-cycle, s
    double       temperature; // cycle average, K
    double       storage;     // E', Pa
    double       loss;        // E'', Pa
    double       tan_delta;
  };

  class CycleModulus
  {
  public:
    explicit CycleModulus(const std::vector<LoadSegment> &program);

    // Feed every record of PointDriver::run, in order.
    void
    add(const PointRecord &record);

    const std::vector<CycleModulusRow> &
    rows() const
    {
      return rows_;
    }

  private:
    struct Sample
    {
      double time, temperature, stress, strain;
    };
    void
    close_cycle();

    std::vector<LoadSegment>     program_;
    std::vector<CycleModulusRow> rows_;
    std::vector<Sample>          cycle_; // samples of the current cycle
    unsigned int                 segment_       = 0;
    unsigned int                 cycle_index_   = 0;
    double                       segment_start_ = 0.0;
    Sample                       last_{0.0, 0.0, 0.0, 0.0};
  };
} // namespace mgrelax::material
