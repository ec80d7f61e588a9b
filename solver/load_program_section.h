// The .prm section `Load program` of the experiments that impose a load:
// `control` (force or displacement) and `segments` (the grammar of
// material/point_driver.h).  Declared by the experiments that use it, so
// that the mandrel, which sets its own program, refuses it.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

#include "material/point_driver.h"

namespace mgrelax
{
  struct LoadProgramSection
  {
    std::vector<material::LoadSegment> program;
    bool                               displacement_control = false;

    // `controlled`: what the load acts on, for the documentation (e.g.
    // "the grip at x = L: the tensile force P in N, or the elongation in
    // m"); `default_segments`: the default program.
    static void
    declare_parameters(dealii::ParameterHandler &prm,
                       const std::string        &controlled,
                       const std::string        &default_segments);
    // Throws std::invalid_argument naming the entry for a bad program.
    void
    parse_parameters(dealii::ParameterHandler &prm);
  };
} // namespace mgrelax
