#include "app/commands.h"

#include <stdexcept>

namespace mgrelax
{
  const std::vector<Command> &
  commands()
  {
    static const std::vector<Command> list = {
        {"run",
         "run FILE.prm [--restart DIR] | run --print-parameters [FILE.prm | "
         "EXPERIMENT]",
         "a spatial simulation (mandrel, cantilever, three-point bending, "
         "tension), chosen in the file",
         "Runs the finite-element experiment described in FILE.prm\n"
         "(experiment = mandrel, cantilever, three-point bending or\n"
         "tension), in parallel under mpirun, writing a CSV of the\n"
         "observables with NAME_columns.csv (unit and meaning of each\n"
         "column), plots (mandrel, tension), .pvd/.pvtu fields for ParaView\n"
         "and, for sine load programs, storage and loss moduli per cycle.\n"
         "Prints a line per step, the time by phase and the run's results.\n"
         "--print-parameters lists every entry of an experiment with its\n"
         "documentation and default (with FILE.prm: with the file's values;\n"
         "with EXPERIMENT, e.g. `tension`: that experiment's entries).\n"
         "NAME.csv grows by one line per accepted step (as NAME.csv.part\n"
         "until the run ends).  SIGTERM or SIGINT (Ctrl-C) stop the run after\n"
         "the step it is computing; it writes every output and exits with\n"
         "status 128 + the signal (143, 130), after writing a checkpoint\n"
         "(OUTPUT/NAME_checkpoint/step_NNNNNN; also every N steps or M\n"
         "minutes with the section Checkpoint).  --restart DIR continues the\n"
         "run from the latest checkpoint in DIR (or from DIR itself), on any\n"
         "number of ranks; a checkpoint of another problem is refused with\n"
         "what differs.  Exit status 1: an error, or a run that stopped\n"
         "early (the CSV holds the steps before).",
         run_command},
        {"point",
         "point FILE.prm [--print-spectrum] [--print-parameters] | point "
         "--replay NAME_failure.txt",
         "the material-point driver: a load program on one point, CSV out",
         "Drives one material point through the load program of FILE.prm\n"
         "(imposed uniaxial stress or strain, or full tensors; ramps, holds,\n"
         "sinusoids, triangle waves; a temperature program) and writes a CSV\n"
         "time history.\n"
         "--print-spectrum writes each Kelvin family's discrete (tau_i, w_i)\n"
         "next to the CSV; --print-parameters lists every parameter.\n"
         "SIGTERM or SIGINT stop it after the current step: it writes its\n"
         "outputs and exits with status 143 or 130; a law that fails keeps\n"
         "the CSV of the steps before (exit status 1).\n"
         "--replay NAME_failure.txt integrates again the one point at which\n"
         "a `run` failed (its begin state, strain increment, time step and\n"
         "temperature, and the material file) and prints what the law says;\n"
         "exit status 1 if it fails again.",
         point_command},
        {"spectrum",
         "spectrum FILE.csv [--kernel recovery|creep|stress-recovery] "
         "[options] [--print-parameters]",
         "relaxation-time spectrum of a strain(time) curve",
         "Direct spectrum analysis ([Atzmon2023] Sec. 3): the discrete "
         "spectrum\n"
         "f(tau) >= 0 on a log tau grid by non-negative least squares with\n"
         "a second-difference penalty; lambda by CONTIN's F-test (PROB1 =\n"
         "0.5, default), the L-curve corner and GCV, all reported; peaks,\n"
         "[Atzmon2023] Eqs. 2-9 quantities, optional Gumbel-family fit\n"
         "([Zhang2023-beta] Eq. 28).  Options:\n"
         "  --time-column NAME (time)  --strain-column NAME (first of\n"
         "    normalized_anelastic, eps_an_eq, eps_xx, strain, else column 2)\n"
         "  --kernel recovery|creep|stress-recovery (recovery)\n"
         "  --hold-time T (s, stress-recovery)  --time-origin T0 (s, 0)\n"
         "  --from T --to T (time window, s)  --points-per-decade N (12)\n"
         "  --tau-min T --tau-max T (default: data window widened e^(pi/2))\n"
         "  --lambda VALUE (fix it)  --lambda-rule contin|lcurve|gcv (contin)\n"
         "  --min-peak-fraction F (0.01)  --elastic-strain EPS (1)\n"
         "  --young-modulus E0 (Pa)  --temperature T (K) --shear-modulus MU\n"
         "    (Pa) --poisson-ratio NU (0.324) --transformation-strain G (0.2)\n"
         "    --atomic-volume V (16.6e-30 m^3)\n"
         "  --gumbel-families N (0-3, 0)  --gumbel-units N (20)\n"
         "  --gumbel-times T1,T2,.. (starting mean times; default: peaks)\n"
         "  --kww (also fit a stretched exponential; NAME_kww.csv)\n"
         "  --master-curve T1,T2,.. (K; E''(omega) master curve, apparent\n"
         "    activation energy; needs --temperature)  --master-reference T\n"
         "    --peak-energies E1,E2,.. (eV; default: STZ dF_m)\n"
         "    --frequency-window FMIN,FMAX (Hz, 0.01,100)\n"
         "  --write-material FILE.prm (the peaks or the Gumbel fit as a\n"
         "    material file for point/run; needs --young-modulus E0 and\n"
         "    --temperature T)  --material-units grid|centroid|gumbel (grid)\n"
         "  --output DIR (output/STEM_spectrum)  --name NAME  --no-plot\n"
         "--print-parameters lists every option with its default and\n"
         "documentation.",
         spectrum_command},
        {"sweep",
         "sweep FILE.prm [--ranks-per-case N] [--list] [--case N[,M..]] "
         "[--collect] [--set PATH=VALUE] [--no-plot]",
         "a parameter study over geometry/loading, one CSV row per case",
         "Runs the cases of the parameter study FILE.prm: a base experiment\n"
         "file (subsection Sweep), the swept quantities (subsection Vary: a\n"
         "list 'a, b, c' or 'linear|log FROM TO COUNT'), quantities derived\n"
         "from them (subsection Derived: muparser expressions) and the\n"
         "entries of the base file they set (subsection Entries, by path,\n"
         "e.g. 'set Mandrel/radius = h*(1-eps)/(2*eps)'); combine = product\n"
         "(every combination) or zip (the i-th values together).  Writes\n"
         "output/NAME/NAME.csv, one row per case (case, key, the values,\n"
         "status, message, wall time, the experiment's named results),\n"
         "rewritten after every case, NAME_columns.csv, the plot of\n"
         "subsection Plot, and each case's usual outputs in case_NNN/.\n"
         "Under mpirun the ranks form groups of --ranks-per-case ranks (1)\n"
         "that take the cases one at a time.  A failed case is recorded with\n"
         "its message and the study goes on; started again, the study skips\n"
         "the cases already finished (by their values).\n"
         "  --list          print the cases with their ids and entries\n"
         "  --case N[,M..]  run only these cases (job arrays)\n"
         "  --collect       merge the finished cases into NAME.csv\n"
         "  --set PATH=VALUE  set a base-file entry in every case (part of\n"
         "                  the cases' keys)\n"
         "  --no-plot       no plots (the study's nor the cases')",
         sweep_command},
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
