// Least-squares circle fit to points of a plane curve, the way the lab
// finds a ribbon's radius of curvature from its image ([Atzmon2023] Sec. 3).
//
// The algebraic fit of Pratt (1987): a circle (or line) is the zero set of
// A (x^2 + y^2) + B x + C y + D, normalized by B^2 + C^2 - 4 A D = 1, which
// makes the algebraic residual approximate the geometric distance and keeps
// the fit well posed when the curve is straight (A = 0, zero curvature):
// the springback of an elastic ribbon has to come out flat, not as a huge
// circle with round-off in its radius.  The fit needs only the moments of
// z = (x^2 + y^2, x, y, 1), so points can be accumulated on every MPI rank
// and the moments summed.
#pragma once

#include <array>

namespace mgrelax
{
  struct Circle
  {
    // Signed curvature 1/R: positive when the centre lies on the -y side
    // of the points (a ribbon bent around a mandrel below it).
    double curvature = 0.0;
    // Centre (meaningless when the curvature is zero).
    double centre_x = 0.0, centre_y = 0.0;
  };

  class CurvatureFit
  {
  public:
    // Coordinates are shifted by the origin and divided by `scale` before
    // they enter the moments (conditioning); results are in the original
    // units.
    CurvatureFit(double origin_x, double origin_y, double scale);

    void
    add(double x, double y);

    // The ten distinct moments sum(z_i z_j) and the number of points; sum
    // them over ranks (MPI_SUM) to fit distributed points.
    std::array<double, 11> &
    moments()
    {
      return moments_;
    }

    // Throws std::runtime_error with fewer than three points.
    Circle
    fit() const;

  private:
    double                 origin_x_, origin_y_, scale_;
    std::array<double, 11> moments_{};
  };
} // namespace mgrelax
