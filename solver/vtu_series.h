// A time series of ParaView files: one .pvtu (+ .vtu per rank) per output
// time and a .pvd index, rewritten after each write, that lists them with
// their simulated times (ParaView's time slider then shows seconds).
#pragma once

#include <deal.II/base/data_out_base.h>
#include <deal.II/base/mpi.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "solver/quasi_static.h"

namespace mgrelax
{
  template <int dim> class VtuSeries
  {
  public:
    // No output when `directory` is empty.
    VtuSeries(std::string directory, std::string name, MPI_Comm comm)
        : directory_(std::move(directory))
        , name_(std::move(name))
        , comm_(comm)
    {}

    void
    write(const QuasiStaticSolver<dim> &solver, const double time)
    {
      if (directory_.empty())
        return;
      files_.emplace_back(time,
                          solver.write_vtu(directory_, name_, files_.size()));
      if (dealii::Utilities::MPI::this_mpi_process(comm_) == 0)
        {
          std::ofstream pvd(directory_ + "/" + name_ + ".pvd");
          dealii::DataOutBase::write_pvd_record(pvd, files_);
        }
    }

  private:
    std::string                                 directory_, name_;
    MPI_Comm                                    comm_;
    std::vector<std::pair<double, std::string>> files_;
  };
} // namespace mgrelax
