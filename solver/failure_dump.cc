#include "solver/failure_dump.h"

#include <deal.II/base/mpi.h>

#include <filesystem>

#include "solver/output_files.h"

namespace mgrelax
{
  std::string
  failure_dump_file(const std::string &csv)
  {
    return csv.empty() ? "" : csv.substr(0, csv.rfind(".csv")) + "_failure.txt";
  }

  bool
  write_failure_dump(const std::optional<material::FailedPoint> &point,
                     const std::string                          &material_file,
                     const std::string                          &file,
                     const MPI_Comm                              comm)
  {
    namespace MPI             = dealii::Utilities::MPI;
    const unsigned int rank   = MPI::this_mpi_process(comm);
    const unsigned int none   = MPI::n_mpi_processes(comm);
    const unsigned int writer = MPI::min(point.has_value() ? rank : none, comm);
    if (writer == none || file.empty())
      return false;
    if (rank == writer)
      {
        material::FailedPoint p = *point;
        // Absolute: the replay may run from another directory.
        p.material_file = material_file.empty()
                              ? material_file
                              : std::filesystem::absolute(material_file)
                                    .lexically_normal()
                                    .string();
        create_parent_directories(file);
        p.write(file);
      }
    return true;
  }
} // namespace mgrelax
