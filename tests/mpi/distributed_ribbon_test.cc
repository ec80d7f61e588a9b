// A ribbon on a parallel::distributed::Triangulation: the partition must not
// change the mesh.  On any number of ranks the global cell count is
// nx*ny*nz*8^r after r global refinements, the locally owned cells add up
// to it, and their measures add up to the ribbon's volume.
#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>

#include <gtest/gtest.h>

#include "solver/ribbon_geometry.h"

namespace
{
  template <int dim>
  void
  check_ribbon(const unsigned int refinements)
  {
    using namespace dealii;
    const MPI_Comm comm = MPI_COMM_WORLD;

    mgrelax::RibbonGeometry geometry;
    geometry.cells = {{20, 3, 2}};
    parallel::distributed::Triangulation<dim> tria(comm);
    mgrelax::make_ribbon(tria, geometry);
    tria.refine_global(refinements);

    const unsigned int n_coarse = dim == 3 ? 20 * 3 * 2 : 20 * 2;
    const unsigned int expected = n_coarse << (dim * refinements);
    EXPECT_EQ(tria.n_global_active_cells(), expected);

    unsigned int owned  = 0;
    double       volume = 0.0;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          ++owned;
          volume += cell->measure();
        }
    EXPECT_EQ(Utilities::MPI::sum(owned, comm), expected);
    EXPECT_NEAR(Utilities::MPI::sum(volume, comm) /
                    geometry.template measure<dim>(),
                1.0,
                1e-12);
    // p4est balances the partition: every rank owns cells.
    if (Utilities::MPI::n_mpi_processes(comm) > 1)
      {
        EXPECT_GT(owned, 0u);
      }
  }
} // namespace

TEST(DistributedRibbon, CellCountAndVolumeIndependentOfRanks3D)
{
  check_ribbon<3>(1);
}

TEST(DistributedRibbon, CellCountAndVolumeIndependentOfRanks2D)
{
  check_ribbon<2>(2);
}
