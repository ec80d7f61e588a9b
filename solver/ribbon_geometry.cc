#include "solver/ribbon_geometry.h"

#include "material/format.h"

#include <deal.II/grid/grid_generator.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace mgrelax
{
  namespace Patterns = dealii::Patterns;

  void
  RibbonGeometry::declare_parameters(dealii::ParameterHandler &prm)
  {
    const RibbonGeometry d;
    prm.enter_subsection("Geometry");
    prm.declare_entry("length",
                      material::short_number(d.length),
                      Patterns::Double(),
                      "Length L in m (bending: the free length or the span).");
    prm.declare_entry("width",
                      material::short_number(d.width),
                      Patterns::Double(),
                      "Width in m (3D).");
    prm.declare_entry("thickness",
                      material::short_number(d.thickness),
                      Patterns::Double(),
                      "Thickness h in m.");
    prm.declare_entry("cells along length",
                      std::to_string(d.cells[0]),
                      Patterns::Integer(),
                      "Cells along x.");
    prm.declare_entry("cells across width",
                      std::to_string(d.cells[1]),
                      Patterns::Integer(),
                      "Cells along y (3D).");
    prm.declare_entry("cells through thickness",
                      std::to_string(d.cells[2]),
                      Patterns::Integer(),
                      "Cells through the thickness.");
    prm.leave_subsection();
  }

  namespace
  {
    unsigned int
    cell_count(const dealii::ParameterHandler &prm, const std::string &entry)
    {
      const long value = prm.get_integer(entry);
      if (value < 1 || value > 100000)
        throw std::invalid_argument("Geometry: '" + entry +
                                    "' must be in [1, 100000] (got " +
                                    std::to_string(value) + ")");
      return static_cast<unsigned int>(value);
    }
  } // namespace

  void
  RibbonGeometry::parse_parameters(dealii::ParameterHandler &prm)
  {
    prm.enter_subsection("Geometry");
    length    = prm.get_double("length");
    width     = prm.get_double("width");
    thickness = prm.get_double("thickness");
    cells     = {{cell_count(prm, "cells along length"),
                  cell_count(prm, "cells across width"),
                  cell_count(prm, "cells through thickness")}};
    prm.leave_subsection();
    check();
  }

  void
  RibbonGeometry::check() const
  {
    const auto positive = [](const double value, const char *name) {
      if (!(value > 0.0))
        throw std::invalid_argument(std::string("Geometry: '") + name +
                                    "' must be > 0 (got " +
                                    material::short_number(value) + ")");
    };
    positive(length, "length");
    positive(width, "width");
    positive(thickness, "thickness");
    for (const unsigned int n : cells)
      if (n == 0)
        throw std::invalid_argument(
            "Geometry: every entry of 'cells' must be >= 1");
  }

  template <int dim>
  double
  RibbonGeometry::measure() const
  {
    return dim == 3 ? length * width * thickness : length * thickness;
  }

  template <int dim>
  void
  make_ribbon(dealii::Triangulation<dim> &tria, const RibbonGeometry &geometry)
  {
    static_assert(dim == 2 || dim == 3, "ribbons are 2D sections or 3D");
    geometry.check();
    dealii::Point<dim>        lower, upper;
    std::vector<unsigned int> repetitions(dim);
    lower[0]       = 0.0;
    upper[0]       = geometry.length;
    repetitions[0] = geometry.cells[0];
    if (dim == 3)
      {
        lower[1]       = 0.0;
        upper[1]       = geometry.width;
        repetitions[1] = geometry.cells[1];
      }
    lower[dim - 1]       = -0.5 * geometry.thickness;
    upper[dim - 1]       = 0.5 * geometry.thickness;
    repetitions[dim - 1] = geometry.cells[2];

    // colorize = true numbers the faces 0..2*dim-1 as x-, x+, y-, y+, z-, z+;
    // in 2D the thickness faces get 2/3, which we renumber to 4/5 so that
    // "lower face" and "upper face" have the same id in 2D and 3D.
    dealii::GridGenerator::subdivided_hyper_rectangle(
        tria, repetitions, lower, upper, true);
    if (dim == 2)
      for (const auto &cell : tria.active_cell_iterators())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() && face->boundary_id() >= 2)
            face->set_boundary_id(face->boundary_id() + 2);
  }

  template double
  RibbonGeometry::measure<2>() const;
  template double
  RibbonGeometry::measure<3>() const;
  template void
  make_ribbon(dealii::Triangulation<2> &, const RibbonGeometry &);
  template void
  make_ribbon(dealii::Triangulation<3> &, const RibbonGeometry &);
} // namespace mgrelax
