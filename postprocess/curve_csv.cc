#include "postprocess/curve_csv.h"

#include "material/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace mgrelax::postprocess
{
  namespace
  {
    using material::short_number;

    // A cell without white space and quotes.
    std::string
    trim(const std::string &s)
    {
      return material::trim(s, " \t\r\"");
    }

    std::vector<std::string>
    split(const std::string &line)
    {
      std::vector<std::string> cells;
      std::stringstream        stream(line);
      std::string              cell;
      while (std::getline(stream, cell, ','))
        cells.push_back(trim(cell));
      if (!line.empty() && line.back() == ',')
        cells.emplace_back();
      return cells;
    }
  } // namespace

  const std::vector<std::string> &
  default_strain_columns()
  {
    static const std::vector<std::string> names = {
        "normalized_anelastic", "eps_an_eq", "eps_xx", "strain"};
    return names;
  }

  Curve
  read_curve(const std::string &file,
             const std::string &time_column,
             const std::string &strain_column,
             const double       from,
             const double       to,
             const double       time_origin,
             const unsigned int min_points)
  {
    const auto fail = [&](const std::string &what) {
      throw std::invalid_argument("'" + file + "': " + what);
    };
    std::ifstream in(file);
    if (!in)
      fail("cannot open the file");
    std::string line;
    if (!std::getline(in, line) || trim(line).empty())
      fail("line 1: no header row (expected comma-separated column names)");
    const std::vector<std::string> header = split(line);
    const auto                     find   = [&](const std::string &name) {
      return static_cast<int>(std::find(header.begin(), header.end(), name) -
                              header.begin());
    };
    std::string all;
    for (const std::string &h : header)
      all += (all.empty() ? "" : ", ") + h;

    Curve curve;
    curve.time_column = time_column;
    const int tc      = find(time_column);
    if (tc == static_cast<int>(header.size()))
      fail("no time column '" + time_column + "' in the header (columns: " +
           all + "); choose one with --time-column");
    int sc = static_cast<int>(header.size());
    if (!strain_column.empty())
      {
        sc = find(strain_column);
        if (sc == static_cast<int>(header.size()))
          fail("no strain column '" + strain_column +
               "' in the header (columns: " + all + ")");
      }
    else
      {
        for (const std::string &name : default_strain_columns())
          if ((sc = find(name)) != static_cast<int>(header.size()))
            break;
        if (sc == static_cast<int>(header.size()))
          {
            if (header.size() < 2)
              fail("only one column (" + all +
                   "): need a time and a strain column");
            sc = tc == 1 ? 0 : 1;
          }
      }
    curve.strain_column = header[sc];

    double       previous = -1e300;
    unsigned int line_no  = 1;
    while (std::getline(in, line))
      {
        ++line_no;
        if (trim(line).empty())
          continue;
        const std::vector<std::string> cells = split(line);
        const auto                     value = [&](const int c) {
          if (c >= static_cast<int>(cells.size()))
            fail("line " + std::to_string(line_no) + ": column '" + header[c] +
                 "' is missing (" + std::to_string(cells.size()) +
                 " values, header has " + std::to_string(header.size()) + ")");
          const char  *begin = cells[c].c_str();
          char        *end   = nullptr;
          const double v     = std::strtod(begin, &end);
          if (cells[c].empty() || *end != '\0')
            fail("line " + std::to_string(line_no) + ", column '" + header[c] +
                 "': '" + cells[c] + "' is not a number");
          if (!std::isfinite(v))
            fail("line " + std::to_string(line_no) + ", column '" + header[c] +
                 "': " + cells[c] + " (values must be finite)");
          return v;
        };
        const double t = value(tc);
        const double y = value(sc);
        if (t < previous)
          fail("line " + std::to_string(line_no) + ", column '" + header[tc] +
               "': time " + short_number(t) +
               " is smaller than the previous row's " + short_number(previous) +
               " (times must not decrease)");
        // A repeated time is an instantaneous jump (the point driver writes
        // the states before and after it): the state after the jump starts
        // a window, the state before it ends one (t = to).
        const bool repeated = t == previous;
        previous            = t;
        if (t < 0.0)
          fail("line " + std::to_string(line_no) + ", column '" + header[tc] +
               "': time " + short_number(t) + " is negative (allowed: >= 0)");
        if (t < from || t > to)
          continue;
        if (t - time_origin < 0.0)
          fail("line " + std::to_string(line_no) + ", column '" + header[tc] +
               "': time " + short_number(t) + " minus the time origin " +
               short_number(time_origin) +
               " is negative (allowed: >= 0; use --from)");
        if (repeated && !curve.time.empty() &&
            curve.time.back() == t - time_origin)
          {
            if (t < to)
              curve.strain.back() = y;
            continue;
          }
        curve.time.push_back(t - time_origin);
        curve.strain.push_back(y);
      }
    if (curve.time.size() < min_points)
      fail(std::to_string(curve.time.size()) +
           " data rows in the time window [" + short_number(from) + ", " +
           short_number(to) + "] s; at least " + std::to_string(min_points) +
           " are needed");
    return curve;
  }
} // namespace mgrelax::postprocess
