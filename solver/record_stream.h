// The records of a run written as they come: NAME.csv grows by one line,
// flushed, per accepted step, so a run that is stopped, fails or is killed
// keeps every step it finished.  The lines go to NAME.csv.part, renamed to
// NAME.csv when the run ends (normally, stopped early, or by an error), so
// the final name only ever holds a complete file of complete lines; a run
// killed outright (SIGKILL, a crash) leaves NAME.csv.part, whose lines are
// the steps it finished (the last one possibly cut short).
// NAME_columns.csv is written (atomically) with the first row.
#pragma once

#include <memory>
#include <string>

#include "material/record_table.h"
#include "solver/output_files.h"

namespace mgrelax
{
  class RecordStream
  {
  public:
    // Writes directory/NAME.csv (`csv`) and `columns`; nothing when `csv`
    // is empty (e.g. on ranks other than 0).
    RecordStream(std::string csv, std::string columns);
    // Commits what has been written (the rows are complete lines) unless
    // writing failed.
    ~RecordStream();

    // Writes the records' last row (the header and NAME_columns.csv with
    // the first) and flushes it; throws std::runtime_error naming the file
    // if it cannot be written (a full disk), and then removes it.
    void
    write_last(const material::RecordTable &records);
    // Writes the rows from `first` on (a restarted run: those of the
    // checkpoint), as write_last().
    void
    write_from(const material::RecordTable &records, std::size_t first);

    // Renames the file to its final name (nothing if no row came).
    void
    commit();

  private:
    std::string                 csv_, columns_;
    std::unique_ptr<AtomicFile> file_;
    bool                        failed_ = false;
  };
} // namespace mgrelax
