#include "solver/commands.h"

#include <stdexcept>

namespace mgrelax
{
  const std::vector<Command> &
  commands()
  {
    static const std::vector<Command> list = {
        {"run",
         "run FILE.prm [--print-parameters]",
         "a spatial simulation (mandrel, cantilever, bending), chosen in the "
         "file",
         "Runs the finite-element experiment described in FILE.prm (today:\n"
         "experiment = cantilever), in parallel under mpirun, writing a CSV\n"
         "of the observables and .pvd/.pvtu fields for ParaView.\n"
         "--print-parameters lists every parameter.",
         run_command},
        {"point",
         "point FILE.prm [--print-spectrum] [--print-parameters]",
         "the material-point driver: a load program on one point, CSV out",
         "Drives one material point through the load program of FILE.prm\n"
         "(imposed uniaxial stress or strain, or full tensors; ramps, holds,\n"
         "sinusoids; a temperature program) and writes a CSV time history.\n"
         "--print-spectrum writes each Kelvin family's discrete (tau_i, w_i)\n"
         "next to the CSV; --print-parameters lists every parameter.",
         point_command},
        {"spectrum",
         "spectrum FILE.csv",
         "relaxation-time spectrum of a strain(time) curve",
         "Computes the discrete relaxation-time spectrum of a curve.",
         {}},
        {"sweep",
         "sweep FILE.prm",
         "a parameter study over geometry/loading, one CSV row per case",
         "Runs a parameter study.",
         {}},
    };
    return list;
  }

  const Command *
  find_command(const std::string &name)
  {
    for (const Command &command : commands())
      if (command.name == name)
        return &command;
    return nullptr;
  }
  CommandArguments
  parse_command_arguments(const std::string              &command,
                          const std::vector<std::string> &args,
                          const std::set<std::string>    &allowed_flags)
  {
    CommandArguments result;
    for (const std::string &arg : args)
      if (!arg.empty() && arg[0] == '-')
        {
          if (allowed_flags.count(arg) == 0)
            throw std::invalid_argument("mgrelax " + command +
                                        ": unknown option '" + arg + "'");
          result.flags.insert(arg);
        }
      else if (result.file.empty())
        result.file = arg;
      else
        throw std::invalid_argument("mgrelax " + command +
                                    ": more than one input file given");
    return result;
  }
} // namespace mgrelax
