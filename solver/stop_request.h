// A polite stop: SIGTERM (a batch system's wall-time limit, `kill`) and
// SIGINT (Ctrl-C) ask a run to stop after the step it is computing.  The
// handlers only record the signal; the experiment loop and the point driver
// look at it between steps, stop there, write every output and exit with
// status 128 + the signal (130 for SIGINT, 143 for SIGTERM), the shell's
// convention for a process ended by a signal.  A second signal of either
// kind ends the process at once (the handlers are reset by the first one).
// doc/architecture.md, "Outputs", describes what a stopped run leaves.
#pragma once

#include <mpi.h>

#include <string>

namespace mgrelax
{
  // Installs (again) the handlers of SIGTERM and SIGINT.
  void
  install_stop_handlers();

  // The signal received on this process, 0 if none.
  int
  stop_signal();

  // The signal received on any rank of comm, 0 if none (collective: every
  // rank gets the same answer, so all stop after the same step).
  int
  stop_signal_on_any_rank(MPI_Comm comm);

  // "SIGTERM", "SIGINT" (or "signal N").
  std::string
  signal_name(int signal);

  // The exit status of a run stopped by the signal: 128 + signal.
  inline int
  stop_exit_status(const int signal)
  {
    return 128 + signal;
  }

  // Forgets a received signal and lets the handlers catch the next one
  // (for tests that stop several runs in one process).
  void
  reset_stop_request();
} // namespace mgrelax
