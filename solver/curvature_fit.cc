#include "solver/curvature_fit.h"

#include <Eigen/Eigenvalues>

#include <cmath>
#include <stdexcept>

namespace mgrelax
{
  CurvatureFit::CurvatureFit(const double origin_x,
                             const double origin_y,
                             const double scale)
      : origin_x_(origin_x)
      , origin_y_(origin_y)
      , scale_(scale)
  {
    if (!(scale > 0.0))
      throw std::invalid_argument("CurvatureFit: the scale must be > 0");
  }

  void
  CurvatureFit::add(const double x, const double y)
  {
    const double u = (x - origin_x_) / scale_, v = (y - origin_y_) / scale_;
    const double z[4] = {u * u + v * v, u, v, 1.0};
    unsigned int k    = 0;
    for (unsigned int i = 0; i < 4; ++i)
      for (unsigned int j = i; j < 4; ++j)
        moments_[k++] += z[i] * z[j];
    moments_[10] += 1.0;
  }

  Circle
  CurvatureFit::fit() const
  {
    if (moments_[10] < 3.0)
      throw std::runtime_error("CurvatureFit: fewer than three points");
    Eigen::Matrix4d M;
    unsigned int    k = 0;
    for (unsigned int i = 0; i < 4; ++i)
      for (unsigned int j = i; j < 4; ++j)
        M(i, j) = M(j, i) = moments_[k++];
    // Pratt: minimize a^T M a subject to a^T N a = 1 with N the matrix of
    // B^2 + C^2 - 4 A D; a is the eigenvector of N^-1 M with the smallest
    // non-negative eigenvalue.
    Eigen::Matrix4d N_inverse = Eigen::Matrix4d::Zero();
    N_inverse(0, 3) = N_inverse(3, 0) = -0.5;
    N_inverse(1, 1) = N_inverse(2, 2) = 1.0;
    const Eigen::EigenSolver<Eigen::Matrix4d> eigen(N_inverse * M);
    const double tolerance = 1e-12 * M.diagonal().maxCoeff();
    int          best      = -1;
    for (int i = 0; i < 4; ++i)
      {
        const auto lambda = eigen.eigenvalues()[i];
        if (lambda.real() < -tolerance ||
            std::abs(lambda.imag()) > 1e-8 * (1.0 + std::abs(lambda.real())))
          continue;
        if (best < 0 || lambda.real() < eigen.eigenvalues()[best].real())
          best = i;
      }
    if (best < 0)
      throw std::runtime_error("CurvatureFit: no admissible circle");
    const Eigen::Vector4d a     = eigen.eigenvectors().col(best).real();
    const double          norm2 = a[1] * a[1] + a[2] * a[2] - 4.0 * a[0] * a[3];
    if (!(norm2 > 0.0))
      throw std::runtime_error("CurvatureFit: degenerate circle");
    Circle c;
    if (a[0] == 0.0)
      return c;
    // Centre (-B/2A, -C/2A), radius sqrt(norm2)/|2A| in scaled units.
    const double cx = -a[1] / (2.0 * a[0]), cy = -a[2] / (2.0 * a[0]);
    const double mean_y = moments_[8] / moments_[10]; // sum(v) / n
    const double kappa  = 2.0 * std::abs(a[0]) / std::sqrt(norm2) / scale_;
    c.curvature         = cy < mean_y ? kappa : -kappa;
    c.centre_x          = origin_x_ + scale_ * cx;
    c.centre_y          = origin_y_ + scale_ * cy;
    return c;
  }
} // namespace mgrelax
