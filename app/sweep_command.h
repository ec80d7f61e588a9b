// `mgrelax sweep FILE.prm`: the cases of a parameter study
// (app/sweep_study.h) run by groups of MPI ranks, handed out one at a
// time (doc/architecture.md, "Parameter studies").
#pragma once

#include <deal.II/base/mpi.h>

#include <ostream>
#include <string>
#include <vector>

#include "app/sweep_study.h"

namespace mgrelax
{
  struct SweepOptions
  {
    unsigned int ranks_per_case = 1;
    bool         list = false, collect = false, plot = true;
    // --case N[,M...]: only these cases, their results left in their
    // directories (for job arrays; --collect merges them).
    std::vector<unsigned int> cases;
    // --set PATH=VALUE: an entry set in every case.
    std::vector<Override> sets;
  };

  // What a sweep did (on ranks other than world rank 0: only cases,
  // finished_before and run).
  struct SweepCounters
  {
    unsigned int cases = 0, finished_before = 0, run = 0, failed = 0;
    double       wall_time = 0, case_time = 0;
  };

  // Runs the study of `file` on `world` (split into groups of
  // ranks_per_case ranks); the progress lines and the timing summary go to
  // `log` on world rank 0.
  SweepCounters
  run_sweep(const std::string  &file,
            const SweepOptions &options,
            MPI_Comm            world,
            std::ostream       &log);
} // namespace mgrelax
