// Geometry of ribbon samples: a thin rectangular strip, length along x,
// width along y, thickness along z (in 3D), or the length x thickness
// section (in 2D plane strain).  Meshes are made at run time with
// GridGenerator: a ribbon needs many cells along its length and only a few
// through its thickness (quadratic elements), see doc/numerics.md.
#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/grid/tria.h>

#include <array>

namespace mgrelax
{
  struct RibbonGeometry
  {
    double length    = 3e-3;   // m
    double width     = 1.2e-3; // m (3D only)
    double thickness = 30e-6;  // m

    // Cells along length, width (3D only) and thickness.
    std::array<unsigned int, 3> cells = {{30, 3, 2}};

    // The section Geometry; each default is the member's initializer.
    static void
    declare_parameters(dealii::ParameterHandler &prm);
    // Reads the section and checks it.
    void
    parse_parameters(dealii::ParameterHandler &prm);

    // Throws std::invalid_argument naming the offending entry when a
    // dimension or a cell count is not positive.
    void
    check() const;

    // Volume of the ribbon (3D) or area of its section (2D).
    template <int dim>
    double
    measure() const;
  };

  // The faces of the generated ribbon (their boundary ids), named so that
  // experiments bind their boundary roles (clamp, load patch, symmetry
  // plane, the face on the mandrel) to names, not numbers.
  namespace RibbonFace
  {
    enum : dealii::types::boundary_id
    {
      left_end   = 0, // x = 0
      right_end  = 1, // x = L
      front_side = 2, // y = 0 (3D)
      back_side  = 3, // y = W (3D)
      lower_face = 4, // z (2D: y) = -h/2
      upper_face = 5  // z (2D: y) = +h/2
    };
  }

  // Fills an empty triangulation with the ribbon: [0,L] x [0,W] x [-h/2,h/2]
  // in 3D, [0,L] x [-h/2,h/2] in 2D, boundary ids as in RibbonFace.
  template <int dim>
  void
  make_ribbon(dealii::Triangulation<dim> &tria, const RibbonGeometry &geometry);
} // namespace mgrelax
