// Reading a strain(time) curve from a CSV file with a header row, with the
// checks a spectrum inversion needs (finite values, time >= 0 and strictly
// increasing, enough points).  Eigen/standard library only.
#pragma once

#include <string>
#include <vector>

namespace mgrelax::postprocess
{
  struct Curve
  {
    std::vector<double> time;   // s
    std::vector<double> strain; // any unit (the spectrum has the same)
    std::string         time_column;
    std::string         strain_column;
  };

  // The strain columns tried, in this order, when none is named:
  // normalized_anelastic (cantilever run), eps_an_eq, eps_xx (point
  // driver), strain, then the second column of the file.
  const std::vector<std::string> &
  default_strain_columns();

  // Reads `file`.  `strain_column` empty: the first of
  // default_strain_columns() present.  Rows with time outside [from, to]
  // are skipped (after their values are checked); `time_origin` is
  // subtracted from the kept times.  Throws std::invalid_argument naming
  // the file, line and column and the allowed range for: a missing file or
  // column, a non-numeric or non-finite value, a negative time (after the
  // origin shift), a time smaller than the previous one, or fewer than
  // `min_points` kept rows.  Rows repeating the previous time (an
  // instantaneous jump, as the point driver writes) replace it, except at
  // t = to: a window keeps the state after a jump at its start and the
  // state before a jump at its end.
  Curve
  read_curve(const std::string &file,
             const std::string &time_column,
             const std::string &strain_column,
             double             from        = 0.0,
             double             to          = 1e300,
             double             time_origin = 0.0,
             unsigned int       min_points  = 10);
} // namespace mgrelax::postprocess
