// Where outputs go, and how they are written: every output file is written
// to a temporary name and renamed when complete, so an error never leaves a
// half-written file behind.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <fstream>
#include <string>
#include <vector>

#include "material/format.h"

namespace mgrelax
{
  // Parses a .prm (or .json) file; throws std::runtime_error naming the
  // file, line and entry on any error.
  void
  parse_parameter_file(dealii::ParameterHandler &prm, const std::string &file);

  // The output directory and run name of an input file: name defaults to
  // the input file's stem, directory to output/NAME.
  class OutputLocation
  {
  public:
    OutputLocation(const std::string &input_file,
                   const std::string &name,
                   const std::string &directory);

    // directory/NAME + suffix (the directory is created by the first file
    // written into it, so an input refused before that leaves none).
    std::string
    file(const std::string &suffix) const;

    const std::string &
    name() const
    {
      return name_;
    }
    const std::string &
    directory() const
    {
      return directory_;
    }

  private:
    std::string name_;
    std::string directory_;
  };

  // Creates the directories above `file` that do not exist yet; returns
  // those it created, deepest first.
  std::vector<std::string>
  create_parent_directories(const std::string &file);

  // Removes the files of an earlier run of the same NAME from `directory`
  // (if it exists), so that a run's outputs never mix with a previous
  // run's (issue 16, finding 7): NAME.csv, NAME.pvd, NAME.png,
  // NAME_failure.txt, NAME_NNNN.pvtu and NAME_NNNN.R.vtu, NAME_WORD.csv and
  // NAME_WORD.png for the derived tables and the spectrum analysis (WORD:
  // letters and '_'), and their .part files.  Other files stay.  Returns how
  // many it removed.
  unsigned int
  remove_run_outputs(const std::string &directory, const std::string &name);

  // A file written under a temporary name and renamed by commit(); the
  // directories it had to create are removed again (when empty) if it is
  // never committed.
  class AtomicFile
  {
  public:
    explicit AtomicFile(const std::string &path);
    ~AtomicFile();
    std::ofstream &
    stream()
    {
      return stream_;
    }
    // Closes and renames the temporary file to its final name.
    void
    commit();

  private:
    std::string              path_;
    std::string              temporary_;
    std::vector<std::string> created_;
    std::ofstream            stream_;
    bool                     committed_ = false;
  };

  // Shortest round-trip decimal of a double (for CSV): material/format.h.
  using material::format_number;

  // deal.II's exception text without its leading and trailing white space.
  std::string
  trim_message(const std::string &text);
  // Runs postprocess/SCRIPT with /usr/bin/python3 and the given arguments
  // (shell-quoted) when that Python has matplotlib; its output is
  // discarded.  Returns whether it ran and succeeded: plots are a
  // convenience and never fail a command.
  bool
  run_plot_script(const std::string              &script,
                  const std::vector<std::string> &arguments);
} // namespace mgrelax
