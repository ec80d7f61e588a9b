// A look at a parameter file's lines before deal.II parses it.  deal.II's
// ParameterHandler follows `include FILE` lines (FILE opened as written,
// relative to the working directory) without a limit, so a file that
// includes itself overflows the stack; and it takes the last of two values
// of an entry without a word.  The scan follows the includes the same way,
// refuses a cycle naming the chain of files, and reports every entry or
// subsection given twice.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace mgrelax
{
  struct ParameterFileScan
  {
    // Every entry the file (with its includes) sets, as its subsection
    // path and name joined by '/', e.g. "Material/law".
    std::set<std::string> entries;
    // Every subsection it opens, by its path ("Family beta").
    std::set<std::string> subsections;
    // One line per entry or subsection given twice ("FILE:LINE: ...",
    // with what deal.II makes of it).
    std::vector<std::string> repeats;
  };

  // Scans `file`; throws std::invalid_argument naming the include chain
  // when a file includes itself, directly or through other files.  A file
  // that cannot be opened is left to deal.II to report.
  ParameterFileScan
  scan_parameter_file(const std::string &file);

  // Scans `file` and writes its repeats to std::cerr as warnings (on MPI
  // rank 0 only).  A repeat is not refused: the last value wins as in
  // deal.II, which is how an entry appended to a file (or set after an
  // include) overrides it.
  ParameterFileScan
  check_parameter_file(const std::string &file);
} // namespace mgrelax
