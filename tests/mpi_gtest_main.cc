// A GoogleTest main for suites that run under mpirun: MPI is initialised
// through deal.II, and only rank 0 prints test progress so that the output
// stays readable.  A failure on any rank fails the test: each rank's result
// is reduced before main returns.
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  ::testing::InitGoogleTest(&argc, argv);

  const unsigned int rank =
      dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
  if (rank != 0)
    {
      auto &listeners = ::testing::UnitTest::GetInstance()->listeners();
      delete listeners.Release(listeners.default_result_printer());
    }
  const int local_result = RUN_ALL_TESTS();
  const int global_result =
      dealii::Utilities::MPI::max(local_result, MPI_COMM_WORLD);
  return global_result;
}
