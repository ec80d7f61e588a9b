// Numbers as text: short_number for error messages ("%g", e.g. -3e-05),
// format_number for CSV files (the shortest decimal that reads back as the
// same double).
#pragma once

#include <cstdio>
#include <cstdlib>
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

  // Shortest round-trip decimal of a double: "%.Ng" with the smallest N
  // from 6 to 17 that reads back exactly.
  inline std::string
  format_number(const double value)
  {
    char buffer[32];
    for (int precision = 6; precision < 17; ++precision)
      {
        std::snprintf(buffer, sizeof(buffer), "%.*g", precision, value);
        if (std::strtod(buffer, nullptr) == value)
          return buffer;
      }
    std::snprintf(buffer, sizeof(buffer), "%.17g", value);
    return buffer;
  }

  // `text` without the leading and trailing characters in `strip` (white
  // space by default).
  inline std::string
  trim(const std::string &text, const char *strip = " \t\n\r")
  {
    const auto first = text.find_first_not_of(strip);
    if (first == std::string::npos)
      return "";
    return text.substr(first, text.find_last_not_of(strip) - first + 1);
  }
} // namespace mgrelax::material
