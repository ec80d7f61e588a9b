// Kinematics and the bridge between deal.II's tensors and the Mandel
// vectors of the material contract (xx, yy, zz, sqrt2 xy, sqrt2 yz,
// sqrt2 xz; material/tensor.h).  doc/numerics.md, "Kinematics".
// Small strain: the law gets sym(grad u) and returns the Cauchy stress.
// Total Lagrangian: it gets the Green-Lagrange strain E = (F^T F - I)/2
// with F = I + grad u and returns the 2nd Piola-Kirchhoff stress S.
#pragma once

#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

#include "material/tensor.h"

namespace mgrelax
{
  // Column of the strain-displacement matrix: the variation of the strain
  // for a shape function of vector component c with gradient g, in Mandel
  // form.  In small strain it is sym(e_c (x) g); in total Lagrangian
  // kinematics the variation of the Green-Lagrange strain is
  // sym(F^T (e_c (x) g)) = sym(a (x) g) with a the c-th row of F.  In 2D
  // (plane strain) the zz, yz and xz strains are zero.
  template <int dim>
  inline void
  strain_column(const dealii::Tensor<1, dim> &a,
                const dealii::Tensor<1, dim> &g,
                double                       *b)
  {
    constexpr double r = 1.0 / material::sqrt2;
    b[0]               = a[0] * g[0];
    b[1]               = a[1] * g[1];
    b[3]               = r * (a[0] * g[1] + a[1] * g[0]);
    if constexpr (dim == 3)
      {
        b[2] = a[2] * g[2];
        b[4] = r * (a[1] * g[2] + a[2] * g[1]);
        b[5] = r * (a[0] * g[2] + a[2] * g[0]);
      }
    else
      b[2] = b[4] = b[5] = 0.0;
  }

  // Mandel vector of a symmetric dim x dim tensor (plane strain: the
  // out-of-plane components are zero).
  template <int dim>
  inline void
  to_mandel(const dealii::Tensor<2, dim> &e, double *v)
  {
    v[0] = e[0][0];
    v[1] = e[1][1];
    v[3] = material::sqrt2 * e[0][1];
    if constexpr (dim == 3)
      {
        v[2] = e[2][2];
        v[4] = material::sqrt2 * e[1][2];
        v[5] = material::sqrt2 * e[0][2];
      }
    else
      v[2] = v[4] = v[5] = 0.0;
  }

  // The in-plane (dim x dim) part of a Mandel stress vector.
  template <int dim>
  inline dealii::Tensor<2, dim>
  from_mandel(const double *v)
  {
    constexpr double       r = 1.0 / material::sqrt2;
    dealii::Tensor<2, dim> t;
    t[0][0] = v[0];
    t[1][1] = v[1];
    t[0][1] = t[1][0] = r * v[3];
    if constexpr (dim == 3)
      {
        t[2][2] = v[2];
        t[1][2] = t[2][1] = r * v[4];
        t[0][2] = t[2][0] = r * v[5];
      }
    return t;
  }

} // namespace mgrelax
