// Geometry of ribbon samples: a thin rectangular strip, length along x,
// width along y, thickness along z (in 3D), or the length x thickness
// section (in 2D plane strain).  Meshes are made at run time with
// GridGenerator: a ribbon needs many cells along its length and only a few
// through its thickness (quadratic elements), see
// ../shared/design/solver-notes.md.
#pragma once

#include <deal.II/grid/tria.h>

#include <array>

namespace mgrelax
{
  struct RibbonGeometry
  {
    double length    = 10e-3;  // m
    double width     = 1.2e-3; // m (3D only)
    double thickness = 30e-6;  // m

    // Cells along length, width (3D only) and thickness.
    std::array<unsigned int, 3> cells = {{40, 2, 2}};

    // Throws std::invalid_argument naming the offending entry when a
    // dimension or a cell count is not positive.
    void
    check() const;

    // Volume of the ribbon (3D) or area of its section (2D).
    template <int dim>
    double
    measure() const;
  };

  // Fills an empty triangulation with the ribbon: [0,L] x [0,W] x [-h/2,h/2]
  // in 3D, [0,L] x [-h/2,h/2] in 2D.  Boundary ids: 0 at x = 0, 1 at x = L,
  // 2/3 at y = 0/W (3D), 4/5 on the lower/upper face (z or y = -h/2 / +h/2).
  template <int dim>
  void
  make_ribbon(dealii::Triangulation<dim> &tria, const RibbonGeometry &geometry);
} // namespace mgrelax
