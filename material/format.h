// A number as it should appear in an error message: "%g", e.g. -3e-05.
#pragma once

#include <cstdio>
#include <string>

namespace mgrelax::material
{
  inline std::string
  short_number(const double value)
  {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%g", value);
    return buffer;
  }
} // namespace mgrelax::material
