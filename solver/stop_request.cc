#include "solver/stop_request.h"

#include <csignal>

namespace mgrelax
{
  namespace
  {
    volatile std::sig_atomic_t received = 0;

    extern "C" void
    record_signal(const int signal)
    {
      received = signal;
    }

    void
    install(const int signal)
    {
      struct sigaction action = {};
      action.sa_handler       = record_signal;
      sigemptyset(&action.sa_mask);
      // After the first signal the default action is back: a second
      // Ctrl-C ends a run that does not stop soon enough.
      action.sa_flags = SA_RESETHAND;
      sigaction(signal, &action, nullptr);
    }
  } // namespace

  void
  install_stop_handlers()
  {
    install(SIGTERM);
    install(SIGINT);
  }

  int
  stop_signal()
  {
    return received;
  }

  int
  stop_signal_on_any_rank(const MPI_Comm comm)
  {
    int local = received, any = 0;
    MPI_Allreduce(&local, &any, 1, MPI_INT, MPI_MAX, comm);
    return any;
  }

  std::string
  signal_name(const int signal)
  {
    if (signal == SIGTERM)
      return "SIGTERM";
    if (signal == SIGINT)
      return "SIGINT";
    return "signal " + std::to_string(signal);
  }

  void
  reset_stop_request()
  {
    received = 0;
    install_stop_handlers();
  }
} // namespace mgrelax
