// The failure dump of a run (material/failed_point.h): when a run stops
// because the law failed at a point and the step could not be cut
// further, the failing point goes to NAME_failure.txt beside NAME.csv, for
// `mgrelax point --replay`.
#pragma once

#include <mpi.h>

#include <optional>
#include <string>

#include "material/failed_point.h"

namespace mgrelax
{
  // NAME_failure.txt beside NAME.csv; empty if `csv` is.
  std::string
  failure_dump_file(const std::string &csv);

  // Writes the failed point of the lowest rank that has one to `file`,
  // naming `material_file` as the law's definition; returns whether one
  // was written (collective: the same answer on every rank).
  bool
  write_failure_dump(const std::optional<material::FailedPoint> &point,
                     const std::string                          &material_file,
                     const std::string                          &file,
                     MPI_Comm                                    comm);
} // namespace mgrelax
