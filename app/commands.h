// The sub-commands of the mgrelax executable.  Each command is a function
// taking the arguments after its name and returning the exit status.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "solver/experiment.h"

namespace mgrelax
{
  struct Command
  {
    std::string name;
    std::string usage;
    std::string summary;
    std::string description;
    // Empty for commands that are not built yet.
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

  // The commands' entry points.
  int
  point_command(const std::vector<std::string> &args);
  int
  run_command(const std::vector<std::string> &args);
  int
  spectrum_command(const std::vector<std::string> &args);
} // namespace mgrelax
