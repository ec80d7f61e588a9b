// Symmetric tensors as 6-vectors in the Mandel convention, the one
// convention of mgrelax's material contract (as in MFront/MGIS):
//
//   v = (a_xx, a_yy, a_zz, sqrt2 a_xy, sqrt2 a_yz, sqrt2 a_xz)
//
// With this scaling the double contraction a:b is the ordinary dot product
// of the 6-vectors and a fourth-order tensor with minor symmetries is an
// ordinary 6x6 matrix acting on them, so tangents can be inverted, added and
// compared as plain matrices.  Note the order of the shear components
// (xy, yz, xz), the one the CSV output uses as well.
#pragma once

#include <Eigen/Core>

#include <array>
#include <cmath>

namespace mgrelax::material
{
  using Vector6 = Eigen::Matrix<double, 6, 1>;
  using Matrix6 = Eigen::Matrix<double, 6, 6>;

  inline constexpr double sqrt2 = 1.41421356237309504880;

  // Boltzmann constant in eV/K (CODATA 2018, exact).
  inline constexpr double boltzmann_eV = 8.617333262e-5;
  // Boltzmann constant in J/K (exact) and the electron volt in J (exact).
  inline constexpr double boltzmann_J  = 1.380649e-23;
  inline constexpr double electronvolt = 1.602176634e-19;

  // The second-order identity, 1 = (1, 1, 1, 0, 0, 0).
  inline Vector6
  unit_tensor()
  {
    Vector6 one;
    one << 1.0, 1.0, 1.0, 0.0, 0.0, 0.0;
    return one;
  }

  inline double
  trace(const Vector6 &a)
  {
    return a[0] + a[1] + a[2];
  }

  inline Vector6
  deviator(const Vector6 &a)
  {
    Vector6      dev = a;
    const double p   = trace(a) / 3.0;
    dev[0] -= p;
    dev[1] -= p;
    dev[2] -= p;
    return dev;
  }

  // The projector on deviators, P = I - (1/3) 1 (x) 1.
  inline Matrix6
  deviatoric_projector()
  {
    const Vector6 one = unit_tensor();
    return Matrix6::Identity() - (one * one.transpose()) / 3.0;
  }

  // Isotropic elasticity: C = 3K (1/3 1(x)1) + 2 mu P.
  inline Matrix6
  isotropic_stiffness(const double bulk_modulus, const double shear_modulus)
  {
    const Vector6 one = unit_tensor();
    return bulk_modulus * (one * one.transpose()) +
           2.0 * shear_modulus * deviatoric_projector();
  }

  // von Mises equivalent stress of a deviator s: sqrt(3/2 s:s).
  inline double
  equivalent_stress(const Vector6 &s)
  {
    return std::sqrt(1.5 * s.squaredNorm());
  }

  // Equivalent strain of a deviatoric strain e: sqrt(2/3 e:e), so that a
  // uniaxial isochoric strain (e, -e/2, -e/2) has equivalent strain |e|.
  inline double
  equivalent_strain(const Vector6 &e)
  {
    return std::sqrt(2.0 / 3.0 * e.squaredNorm());
  }

  // Tensor components (xx, yy, zz, xy, yz, xz) -> Mandel 6-vector.
  inline Vector6
  from_components(const std::array<double, 6> &c)
  {
    Vector6 v;
    v << c[0], c[1], c[2], sqrt2 * c[3], sqrt2 * c[4], sqrt2 * c[5];
    return v;
  }

  // Mandel 6-vector -> tensor components (xx, yy, zz, xy, yz, xz).
  inline std::array<double, 6>
  to_components(const Vector6 &v)
  {
    return {{v[0], v[1], v[2], v[3] / sqrt2, v[4] / sqrt2, v[5] / sqrt2}};
  }
} // namespace mgrelax::material
