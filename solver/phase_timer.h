// Wall time per phase of a run (setup, assembly, law, linear solve,
// observe, output), summed over the run and printed as a table at its end.
//
// Why not deal.II's TimerOutput: the law is timed inside the assembly loop,
// cell by cell, and its time is taken out of the assembly's; TimerOutput
// can only time nested scopes by entering a named section, which costs
// more than a cell's law evaluations.  PhaseTimer takes measured durations
// (add()) as well as scopes, at the price of a clock read.
#pragma once

#include <mpi.h>

#include <chrono>
#include <iosfwd>
#include <string>
#include <vector>

namespace mgrelax
{
  class PhaseTimer
  {
  public:
    using Clock = std::chrono::steady_clock;

    PhaseTimer();

    // Adds `seconds` (and `calls` calls) to a phase.
    void
    add(const std::string &phase, double seconds, unsigned int calls = 1);

    // Times the enclosing block as one call of a phase; a null timer times
    // nothing.
    class Scope
    {
    public:
      Scope(PhaseTimer *timer, std::string phase);
      ~Scope();

    private:
      PhaseTimer       *timer_;
      std::string       phase_;
      Clock::time_point start_;
    };

    double
    seconds(const std::string &phase) const;
    double
    elapsed() const;

    // The table, with each phase's largest time over the ranks of comm and
    // its share of the elapsed time (collective; prints on rank 0 only).
    void
    print(std::ostream &out, MPI_Comm comm) const;

  private:
    struct Phase
    {
      std::string  name;
      double       seconds = 0.0;
      unsigned int calls   = 0;
    };
    std::vector<Phase> phases_;
    Clock::time_point  start_;
  };
} // namespace mgrelax
