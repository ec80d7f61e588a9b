// A parameter study of `mgrelax sweep` (doc/architecture.md, "Parameter
// studies"): the sweep file read and expanded into its cases, and the
// results of the cases as CSV rows.  No MPI and no solver here: the
// command (app/sweep_command.cc) runs the cases.
#pragma once

#include <string>
#include <vector>

#include "app/commands.h"

namespace mgrelax
{
  // A swept quantity: `set NAME = VALUES` in `subsection Vary`.
  struct SweepVariable
  {
    std::string              name;
    std::vector<std::string> values;
    // Every value is a number, so expressions may use the variable.
    bool         numeric = true;
    unsigned int line    = 0;
  };

  // `set NAME = EXPRESSION` (Derived) or `set PATH = VALUE` (Entries).
  struct SweepDefinition
  {
    std::string  name;
    std::string  value;
    unsigned int line = 0;
  };

  // `subsection Plot`: the figure postprocess/plot_sweep.py draws.
  struct SweepPlot
  {
    std::string x, y, over, curves;
    bool        log_x = false, log_y = false;
  };

  // One case: the values of the variables and derived quantities, and the
  // entries it sets in the base file.
  struct SweepCase
  {
    unsigned int id = 0;
    // The variables' values (and the command line's --set entries): what
    // identifies the case when a study is started again.
    std::string           key;
    std::vector<Override> values;
    std::vector<Override> overrides;
    // Not empty when an expression has no finite value for this case: the
    // case is then recorded as failed without being run.
    std::string error;
  };

  struct SweepStudy
  {
    std::string file, base_file, name, directory;
    bool        zip = false;
    // Each case's own plot (as `mgrelax run` draws it): off by default,
    // since starting Python can cost as much as a small case.
    bool                         case_plots = false;
    std::vector<SweepVariable>   variables;
    std::vector<SweepDefinition> derived, entries;
    SweepPlot                    plot;
    std::vector<SweepCase>       cases;

    // directory/case_NNN (the id with at least three digits).
    std::string
    case_directory(unsigned int id) const;
  };

  // Reads and expands a sweep file; `extra` (the command line's --set
  // PATH=VALUE) is set in every case after the file's entries.  Throws
  // std::invalid_argument naming the file, line and entry for any error.
  SweepStudy
  read_sweep_file(const std::string           &file,
                  const std::vector<Override> &extra = {});

  // A result column: the case's number, key, values, status, message,
  // wall time and the experiment's named results.
  struct SweepColumn
  {
    std::string name, unit, description, value;
  };
  using SweepRow = std::vector<SweepColumn>;

  // A column's value by name; empty if the row has none.
  std::string
  column_value(const SweepRow &row, const std::string &name);

  // The file of one finished case (case_NNN/sweep_result.csv): one line
  // per column (name, unit, description, value), RFC 4180 quoting.
  std::string
  format_case_result(const SweepRow &row);
  SweepRow
  parse_case_result(const std::string &text);
  void
  write_case_result(const SweepStudy &study, const SweepRow &row);

  // Every case_*/sweep_result.csv of the study's directory, by case number.
  std::vector<SweepRow>
  collect_case_results(const SweepStudy &study);

  // The study's table directory/NAME.csv (one row per case, by case
  // number; the union of the rows' columns) and NAME_columns.csv (unit and
  // meaning of each column), both written atomically.
  void
  write_study_table(const SweepStudy &study, std::vector<SweepRow> rows);
} // namespace mgrelax
