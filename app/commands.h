// The sub-commands of the mgrelax executable.  Each command is a function
// taking the arguments after its name and returning the exit status.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "solver/experiment.h"

namespace mgrelax
{
  struct Command
  {
    std::string                                          name;
    std::string                                          usage;
    std::string                                          summary;
    std::string                                          description;
    std::function<int(const std::vector<std::string> &)> run;
  };

  const std::vector<Command> &
  commands();

  // nullptr if there is no such command.
  const Command *
  find_command(const std::string &name);

  // The arguments of a command that takes one input file and flags:
  // throws std::invalid_argument for an unknown flag or a second file.
  struct CommandArguments
  {
    std::string           file;
    std::set<std::string> flags;
  };
  CommandArguments
  parse_command_arguments(const std::string              &command,
                          const std::vector<std::string> &args,
                          const std::set<std::string>    &allowed_flags);

  // `mgrelax run FILE.prm` without writing the records: the parsed file's
  // experiment run on comm (fields only if the file asks for them).  For
  // tests of an input as the command line reads it.
  RunResult
  simulate_input(const std::string &file,
                 MPI_Comm           comm,
                 std::ostream      *progress);

  // An entry of a parameter file set by its path ("Mandrel/radius") to a
  // value, after the file was parsed.
  using Override = std::pair<std::string, std::string>;

  // One case of `mgrelax sweep`: the run of `file` with `overrides`
  // applied, on comm, its usual outputs (records, tables, fields, the plot
  // if `plot`) written to output_directory, its progress and summary to
  // `progress` (rank 0 of comm; nullptr: no outputs at all).  Throws
  // std::invalid_argument naming the file and entry for a bad value.
  RunResult
  simulate_case(const std::string           &file,
                const std::vector<Override> &overrides,
                const std::string           &output_directory,
                MPI_Comm                     comm,
                std::ostream                *progress,
                bool                         plot);

  // The commands' entry points.
  int
  point_command(const std::vector<std::string> &args);
  int
  run_command(const std::vector<std::string> &args);
  int
  spectrum_command(const std::vector<std::string> &args);
  int
  sweep_command(const std::vector<std::string> &args);
} // namespace mgrelax
