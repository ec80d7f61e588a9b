#include "solver/phase_timer.h"

#include <deal.II/base/mpi.h>

#include <iomanip>
#include <ostream>

namespace mgrelax
{
  PhaseTimer::PhaseTimer()
      : start_(Clock::now())
  {}

  void
  PhaseTimer::add(const std::string &phase,
                  const double       seconds,
                  const unsigned int calls)
  {
    for (Phase &p : phases_)
      if (p.name == phase)
        {
          p.seconds += seconds;
          p.calls += calls;
          return;
        }
    phases_.push_back({phase, seconds, calls});
  }

  PhaseTimer::Scope::Scope(PhaseTimer *timer, std::string phase)
      : timer_(timer)
      , phase_(std::move(phase))
      , start_(Clock::now())
  {}

  PhaseTimer::Scope::~Scope()
  {
    if (timer_)
      timer_->add(phase_,
                  std::chrono::duration<double>(Clock::now() - start_).count());
  }

  double
  PhaseTimer::seconds(const std::string &phase) const
  {
    for (const Phase &p : phases_)
      if (p.name == phase)
        return p.seconds;
    return 0.0;
  }

  double
  PhaseTimer::elapsed() const
  {
    return std::chrono::duration<double>(Clock::now() - start_).count();
  }

  void
  PhaseTimer::print(std::ostream &out, const MPI_Comm comm) const
  {
    // Every rank has the same phases in the same order: they are entered
    // by the collective steps of the run.
    const double total = dealii::Utilities::MPI::max(elapsed(), comm);
    const bool   root  = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
    if (root)
      out << "timing by phase (wall time, largest over "
          << dealii::Utilities::MPI::n_mpi_processes(comm) << " rank(s)):\n"
          << "  phase            calls     seconds   share\n";
    double accounted = 0.0;
    for (const Phase &p : phases_)
      {
        const double s = dealii::Utilities::MPI::max(p.seconds, comm);
        accounted += s;
        if (root)
          out << "  " << std::left << std::setw(15) << p.name << std::right
              << std::setw(7) << p.calls << std::setw(12) << std::fixed
              << std::setprecision(3) << s << std::setw(7)
              << std::setprecision(1) << 100.0 * s / total << "%\n"
              << std::defaultfloat << std::setprecision(6);
      }
    if (root)
      out << "  " << std::left << std::setw(15) << "other" << std::right
          << std::setw(7) << "" << std::setw(12) << std::fixed
          << std::setprecision(3) << std::max(0.0, total - accounted) << "\n"
          << "  " << std::left << std::setw(15) << "total" << std::right
          << std::setw(7) << "" << std::setw(12) << total << "\n"
          << std::defaultfloat << std::setprecision(6);
  }
} // namespace mgrelax
