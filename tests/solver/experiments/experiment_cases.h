// The experiments' parameters and their run settings in one struct, so that
// a test sets up a case in one place (as the .prm file does) and runs it.
#pragma once

#include "solver/experiment.h"
#include "solver/experiments/bending.h"
#include "solver/experiments/mandrel.h"

namespace mgrelax::testing
{
  template <typename Parameters> struct Case : Parameters
  {
    SolverSettings solver;
    double         initial_temperature = 295.0;
    std::string    output_directory;
    std::string    name         = "case";
    unsigned int   vtu_interval = 0;

    RunSettings
    settings() const
    {
      RunSettings s;
      s.solver              = solver;
      s.initial_temperature = initial_temperature;
      s.output_directory    = output_directory;
      s.name                = name;
      s.vtu_interval        = vtu_interval;
      return s;
    }
  };
} // namespace mgrelax::testing

namespace mgrelax
{
  using BendingCase = testing::Case<BendingParameters>;
  using MandrelCase = testing::Case<MandrelParameters>;

  template <int dim>
  RunResult
  run_cantilever(const BendingCase           &c,
                 const material::MaterialLaw &law,
                 const MPI_Comm               comm,
                 std::ostream                *progress)
  {
    return run_bending<dim>(c, law, c.settings(), comm, progress);
  }

  template <int dim>
  RunResult
  run_mandrel(const MandrelCase           &c,
              const material::MaterialLaw &law,
              const MPI_Comm               comm,
              std::ostream                *progress)
  {
    return run_mandrel<dim>(c, law, c.settings(), comm, progress);
  }
} // namespace mgrelax
