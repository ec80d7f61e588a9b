// In-situ visualization with ParaView Catalyst: while a run goes, ParaView
// pipelines (Python scripts, `subsection Catalyst` of the .prm) receive the
// ribbon after every N-th accepted step and write extracts (.pvtu), images
// or serve a Catalyst Live connection.  This header knows nothing of VTK
// or ParaView, so the experiment loop sees only a StepHook
// (solver/experiment.h); the source is the only file that includes
// ParaView's headers, and a build without ParaView (WITH_CATALYST=OFF or
// not found) refuses a run that names scripts, saying so.
//
// What the pipelines receive (the channel "input"): each rank's locally
// owned cells as a vtkUnstructuredGrid in the reference configuration, with
// Lagrange cells of the finite element's degree (VTK_LAGRANGE_HEXAHEDRON /
// _QUADRILATERAL; linear cells for degree 1), whose nodes are the element's
// support points, so that a bent ribbon warped by its displacement is round;
// point data `displacement`; the cell data of the field output
// (solver/field_output.h: stresses, von Mises, principal stresses, the
// law's state, 6-component tensors) restricted to `fields` and to what the
// pipeline asks for; field data TimeValue, step, segment, the experiment's
// observables and constants, and `range_NAME` (min, max over all ranks) of
// each scalar cell field, so that colour maps agree across ranks.  Pieces
// hold no ghost cells.  The topology and the point coordinates are built
// once; each call refreshes only the arrays.  doc/paraview.md documents
// the pipelines and how to write one.
#pragma once

#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

class vtkUnstructuredGrid;

namespace mgrelax
{
  template <int dim> struct AcceptedStep;
  template <int dim> class QuasiStaticSolver;

  // The section Catalyst of a run's .prm.
  struct CatalystSettings
  {
    // Paths of the pipeline scripts; none: no in-situ output.
    std::vector<std::string> scripts;
    // Every this many accepted steps (and the first state, every segment
    // end, milestones and the last step).
    unsigned int interval = 1;
    // The cell fields handed to the pipelines; empty: all of them.
    std::vector<std::string> fields;
    // Where the pipelines write (set by the run: output/NAME/catalyst).
    std::string output_directory;

    static void
    declare_parameters(dealii::ParameterHandler &prm);
    // Reads the section; a script is a shipped pipeline's name (extracts,
    // images, live: postprocess/catalyst/NAME.py) or a path relative to
    // `input_file`.  Throws std::invalid_argument naming the entry for a
    // script that cannot be read.
    void
    parse_parameters(dealii::ParameterHandler &prm,
                     const std::string        &input_file);

    bool
    enabled() const
    {
      return !scripts.empty();
    }
  };

  // Whether this build has ParaView Catalyst.
  bool
  catalyst_compiled_in();

  // Whether a pipeline script renders (a view, a screenshot or an image
  // extract): such a script needs an X display, as Debian's ParaView has
  // no offscreen rendering.
  bool
  script_renders(const std::string &path);

  // Empty if an X display can be reached, otherwise why not.
  std::string
  display_problem();

  // The solver's locally owned cells with their displacement as the
  // pipelines receive them: a new VTK object that the caller releases with
  // Delete() (for tests); nullptr in a build without Catalyst.
  template <int dim>
  vtkUnstructuredGrid *
  catalyst_grid(const QuasiStaticSolver<dim> &solver);

  template <int dim> class CatalystAdaptor
  {
  public:
    // Initializes Catalyst on `comm` with the scripts; throws
    // std::runtime_error naming the script when one cannot be loaded (a
    // Python error in it), when one renders and there is no display, and
    // when this build has no Catalyst.
    CatalystAdaptor(const CatalystSettings &settings, MPI_Comm comm);
    ~CatalystAdaptor();

    // The StepHook: hands the step to the pipelines when it is due.
    void
    observe(const AcceptedStep<dim> &step);

    // Finalizes the pipelines and prints (rank 0) the number of calls,
    // their time and the files written; warns when the pipelines wrote
    // nothing.  Returns why calls failed (a Python error in a script
    // during the run), empty if none did: the run's own results are
    // complete, the caller reports it after writing them.
    std::string
    finish(std::ostream *log);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
  };
} // namespace mgrelax
