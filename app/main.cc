// mgrelax: creep, relaxation, recovery and rejuvenation of metallic-glass
// ribbons.  One executable with sub-commands (see
// doc/architecture.md, "Command line").  Every command reports
// errors as a message and a non-zero exit status; none of them aborts.
#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "app/commands.h"

namespace
{
  int
  print_help(const std::vector<std::string> &args)
  {
    using namespace mgrelax;
    if (!args.empty())
      {
        const Command *command = find_command(args[0]);
        if (command == nullptr)
          {
            std::cerr << "mgrelax help: unknown command '" << args[0] << "'\n";
            return 2;
          }
        std::cout << "usage: mgrelax " << command->usage << "\n\n"
                  << command->description << "\n";
        return 0;
      }
    std::cout << "mgrelax: creep, relaxation, recovery and rejuvenation of "
                 "metallic-glass ribbons\n\n"
                 "usage: mgrelax COMMAND [ARGS]\n\ncommands:\n";
    for (const Command &command : commands())
      std::cout << "  " << command.usage << "\n      " << command.summary
                << "\n";
    std::cout << "\n`mgrelax help COMMAND` (or `mgrelax COMMAND --help`) "
                 "describes one command; `mgrelax COMMAND --print-parameters` "
                 "lists every parameter of its input file (for spectrum: "
                 "every option) with documentation and default.\n";
    return 0;
  }
} // namespace

int
main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  try
    {
      if (argc < 2)
        {
          print_help({});
          return 2;
        }
      const std::string              name = argv[1];
      const std::vector<std::string> args(argv + 2, argv + argc);
      if (name == "help" || name == "--help" || name == "-h")
        return print_help(args);
      // `mgrelax COMMAND --help` (or -h, anywhere after the command) is
      // `mgrelax help COMMAND`, for every command.
      if (std::find_if(args.begin(), args.end(), [](const std::string &a) {
            return a == "--help" || a == "-h";
          }) != args.end())
        return print_help({name});

      const mgrelax::Command *command = mgrelax::find_command(name);
      if (command == nullptr)
        {
          std::cerr << "mgrelax: unknown command '" << name
                    << "' (try `mgrelax help`)\n";
          return 2;
        }
      return command->run(args);
    }
  catch (const std::exception &exc)
    {
      std::cerr << "mgrelax: error: " << exc.what() << std::endl;
      return 1;
    }
  catch (...)
    {
      std::cerr << "mgrelax: unknown error" << std::endl;
      return 1;
    }
}
