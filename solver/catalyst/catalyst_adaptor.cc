#include "solver/catalyst/catalyst_adaptor.h"

#include <deal.II/base/quadrature.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "solver/experiment.h"
#include "solver/field_output.h"
#include "solver/material_input.h"
#include "solver/output_files.h"

#ifdef MGRELAX_WITH_CATALYST
#include <vtkCPDataDescription.h>
#include <vtkCPInputDataDescription.h>
#include <vtkCPProcessor.h>
#include <vtkCPPythonPipeline.h>
#include <vtkCallbackCommand.h>
#include <vtkCellArray.h>
#include <vtkCellData.h>
#include <vtkCellType.h>
#include <vtkCommand.h>
#include <vtkDoubleArray.h>
#include <vtkFieldData.h>
#include <vtkLagrangeHexahedron.h>
#include <vtkLagrangeQuadrilateral.h>
#include <vtkMPI.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPythonInterpreter.h>
#include <vtkSmartPointer.h>
#include <vtkStringArray.h>
#include <vtkUnstructuredGrid.h>
#endif

namespace mgrelax
{
  namespace fs = std::filesystem;
  using dealii::ParameterHandler;

  namespace
  {
    std::vector<std::string>
    split_list(const std::string &text)
    {
      std::vector<std::string> items;
      for (const std::string &item :
           dealii::Utilities::split_string_list(text, ','))
        if (!item.empty())
          items.push_back(item);
      return items;
    }

    // A shipped pipeline's name or a path relative to the input file.
    std::string
    script_path(const std::string &script, const std::string &input_file)
    {
      const std::string shipped = std::string(MGRELAX_SOURCE_DIR) +
                                  "/postprocess/catalyst/" + script + ".py";
      if (script.find('/') == std::string::npos &&
          script.find('.') == std::string::npos)
        return shipped;
      return resolve_path(script, input_file);
    }

    std::string
    read_text(const std::string &path)
    {
      std::ifstream     in(path);
      std::stringstream text;
      text << in.rdbuf();
      return text.str();
    }
  } // namespace

  void
  CatalystSettings::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Catalyst");
    prm.declare_entry(
        "scripts",
        "",
        dealii::Patterns::Anything(),
        "ParaView Catalyst pipelines run during the run (in situ), a comma-"
        "separated list: extracts (.pvtu + .pvd of the fields, headless), "
        "images (PNGs of the warped ribbon; needs a display: xvfb-run), live "
        "(a Catalyst Live connection to a ParaView GUI), or paths of your "
        "own scripts, relative to this file.  Their files go to "
        "output/NAME/catalyst/.  Empty: none.");
    prm.declare_entry("interval",
                      "1",
                      dealii::Patterns::Integer(1),
                      "Hand the ribbon to the pipelines every this many "
                      "accepted steps (and at the start, at every segment "
                      "end, at the experiment's milestones and at the end).");
    prm.declare_entry("fields",
                      "",
                      dealii::Patterns::Anything(),
                      "The cell fields the pipelines receive, a comma-"
                      "separated list (e.g. von_Mises, stress, chi); empty: "
                      "every field of the run's field output.");
    prm.leave_subsection();
  }

  void
  CatalystSettings::parse_parameters(ParameterHandler  &prm,
                                     const std::string &input_file)
  {
    prm.enter_subsection("Catalyst");
    scripts.clear();
    for (const std::string &script : split_list(prm.get("scripts")))
      {
        const std::string path = script_path(script, input_file);
        if (!std::ifstream(path))
          throw std::invalid_argument(
              "entry 'scripts' of subsection Catalyst: cannot read '" + path +
              "' (shipped pipelines: extracts, images, live)");
        // Absolute: Catalyst runs the scripts from the output directory.
        scripts.push_back(fs::absolute(path).lexically_normal().string());
      }
    interval = prm.get_integer("interval");
    fields   = split_list(prm.get("fields"));
    prm.leave_subsection();
  }

  bool
  script_renders(const std::string &path)
  {
    const std::string text = read_text(path);
    for (const char *call : {"SaveScreenshot",
                             "CreateView",
                             "GetActiveViewOrCreate",
                             "'PNG'",
                             "\"PNG\"",
                             "'JPG'",
                             "\"JPG\""})
      if (text.find(call) != std::string::npos)
        return true;
    return false;
  }

  std::string
  display_problem()
  {
    const char *display = std::getenv("DISPLAY");
    if (display == nullptr || *display == '\0')
      return "DISPLAY is not set";
    // A local display ":N" or ":N.S" has its socket in /tmp/.X11-unix.
    const std::string d(display);
    if (d[0] == ':')
      {
        const std::string number = d.substr(1, d.find('.') - 1);
        if (!fs::exists("/tmp/.X11-unix/X" + number))
          return "no X server runs on display " + d;
      }
    return "";
  }

#ifdef MGRELAX_WITH_CATALYST
  bool
  catalyst_compiled_in()
  {
    return true;
  }

  namespace
  {
    // Where each support point of the element goes in VTK's node order of
    // a Lagrange cell of the element's degree: the support points form a
    // tensor grid, the index along each axis is the rank of the point's
    // coordinate among the grid's coordinates.
    template <int dim>
    std::vector<unsigned int>
    vtk_node_order(const dealii::FiniteElement<dim> &scalar)
    {
      const auto         &points = scalar.get_unit_support_points();
      const int           degree = scalar.degree;
      std::vector<double> grid;
      for (const auto &p : points)
        grid.push_back(p[0]);
      std::sort(grid.begin(), grid.end());
      grid.erase(std::unique(grid.begin(),
                             grid.end(),
                             [](double a, double b) {
                               return std::abs(a - b) < 1e-10;
                             }),
                 grid.end());
      if (int(grid.size()) != degree + 1)
        throw std::logic_error("support points do not form a tensor grid");
      const auto index = [&](const double x) {
        return int(std::lower_bound(grid.begin(), grid.end(), x - 1e-10) -
                   grid.begin());
      };
      const int                 order[3] = {degree, degree, degree};
      std::vector<unsigned int> vtk(points.size());
      for (unsigned int s = 0; s < points.size(); ++s)
        {
          const auto &p = points[s];
          vtk[s]        = dim == 3 ? vtkLagrangeHexahedron::PointIndexFromIJK(
                                  index(p[0]), index(p[1]), index(p[2]), order)
                                   : vtkLagrangeQuadrilateral::PointIndexFromIJK(
                                  index(p[0]), index(p[1]), order);
        }
      return vtk;
    }

    int
    vtk_cell_type(const int dim, const unsigned int degree)
    {
      if (degree == 1)
        return dim == 3 ? VTK_HEXAHEDRON : VTK_QUAD;
      return dim == 3 ? VTK_LAGRANGE_HEXAHEDRON : VTK_LAGRANGE_QUADRILATERAL;
    }

    vtkSmartPointer<vtkDoubleArray>
    make_array(const std::string &name,
               const int          n_components,
               const vtkIdType    n_tuples)
    {
      auto a = vtkSmartPointer<vtkDoubleArray>::New();
      a->SetName(name.c_str());
      a->SetNumberOfComponents(n_components);
      a->SetNumberOfTuples(n_tuples);
      return a;
    }

    // The Python errors of the scripts, from the interpreter's error
    // messages: every traceback, except those inside the reports of
    // ParaView 5.11's own logging bug on ranks other than 0 (its log
    // handler fails and Python reports that from "--- Logging error ---" to
    // "Arguments: ...", with tracebacks; harmless).
    struct PythonErrors
    {
      unsigned int count            = 0;
      bool         in_logging_error = false;

      void
      add(const std::string &text)
      {
        if (text.find("--- Logging error ---") != std::string::npos)
          in_logging_error = true;
        else if (in_logging_error)
          in_logging_error = text.find("Arguments: ") == std::string::npos;
        else if (text.find("Traceback (most recent call last)") !=
                 std::string::npos)
          ++count;
      }
    };

    // Per VTK point: the DoFs of its displacement components.
    template <int dim>
    using PointDofs =
        std::vector<std::array<dealii::types::global_dof_index, dim>>;

    void
    add_field_value(vtkFieldData *data, const std::string &name, double value)
    {
      auto a = make_array(name, 1, 1);
      a->SetValue(0, value);
      data->AddArray(a);
    }
  } // namespace

  template <int dim> struct CatalystAdaptor<dim>::Impl
  {
    CatalystSettings                     settings;
    MPI_Comm                             comm;
    vtkSmartPointer<vtkCPProcessor>      processor;
    vtkSmartPointer<vtkUnstructuredGrid> grid;
    PointDofs<dim>                       point_dofs;
    unsigned int                         calls = 0, failures = 0;
    double                               seconds = 0.0;
    // Python errors in the scripts only print (and Catalyst may report
    // success): the interpreter's tracebacks are counted here as well.
    vtkSmartPointer<vtkPythonInterpreter> python;
    vtkSmartPointer<vtkCallbackCommand>   on_error;
    PythonErrors                          python_errors;

    void
    watch_python();

    void
    set_cell_data(const QuasiStaticSolver<dim> &solver,
                  vtkCPInputDataDescription    *input);
    void
    set_field_data(const AcceptedStep<dim> &step);
    bool
    due(const AcceptedStep<dim> &step) const
    {
      return step.number % settings.interval == 0 || step.milestone ||
             step.step.last_in_segment;
    }
  };

  template <int dim>
  void
  CatalystAdaptor<dim>::Impl::watch_python()
  {
    python   = vtkSmartPointer<vtkPythonInterpreter>::New();
    on_error = vtkSmartPointer<vtkCallbackCommand>::New();
    on_error->SetClientData(&python_errors);
    on_error->SetCallback(
        [](vtkObject *, unsigned long, void *client, void *data) {
          if (data != nullptr)
            static_cast<PythonErrors *>(client)->add(
                static_cast<const char *>(data));
        });
    python->AddObserver(vtkCommand::ErrorEvent, on_error);
  }

  // The solver's locally owned cells in the reference configuration;
  // point_dofs receives each VTK point's displacement DoFs.
  template <int dim>
  vtkSmartPointer<vtkUnstructuredGrid>
  build_grid(const QuasiStaticSolver<dim> &solver, PointDofs<dim> &point_dofs)
  {
    const auto                     &dofs   = solver.dof_handler();
    const auto                     &fe     = dofs.get_fe();
    const auto                     &scalar = fe.base_element(0);
    const std::vector<unsigned int> order  = vtk_node_order(scalar);
    dealii::FEValues<dim>           values(
        fe,
        dealii::Quadrature<dim>(scalar.get_unit_support_points()),
        dealii::update_quadrature_points);
    vtkNew<vtkPoints>    points;
    vtkNew<vtkCellArray> cells;
    points->SetDataTypeToDouble(); // float, the default, rounds at 1e-7
    std::map<dealii::types::global_dof_index, vtkIdType> point_of;
    std::vector<dealii::types::global_dof_index>         cell_dofs(
        fe.n_dofs_per_cell());
    std::vector<vtkIdType> nodes(order.size());
    point_dofs.clear();
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          values.reinit(cell);
          cell->get_dof_indices(cell_dofs);
          for (unsigned int s = 0; s < order.size(); ++s)
            {
              const auto key = cell_dofs[fe.component_to_system_index(0, s)];
              auto [at, fresh] =
                  point_of.emplace(key, points->GetNumberOfPoints());
              if (fresh)
                {
                  const auto &x = values.quadrature_point(s);
                  points->InsertNextPoint(x[0], x[1], dim == 3 ? x[2] : 0.0);
                  std::array<dealii::types::global_dof_index, dim> u;
                  for (unsigned int c = 0; c < dim; ++c)
                    u[c] = cell_dofs[fe.component_to_system_index(c, s)];
                  point_dofs.push_back(u);
                }
              nodes[order[s]] = at->second;
            }
          cells->InsertNextCell(vtkIdType(nodes.size()), nodes.data());
        }
    auto grid = vtkSmartPointer<vtkUnstructuredGrid>::New();
    grid->SetPoints(points);
    grid->SetCells(vtk_cell_type(dim, scalar.degree), cells);
    return grid;
  }

  // The point data `displacement` (3 components, also in 2D), the active
  // vectors (so that filters that reflect or warp find them).
  template <int dim>
  void
  set_displacement(vtkUnstructuredGrid                         *grid,
                   const PointDofs<dim>                        &point_dofs,
                   const dealii::TrilinosWrappers::MPI::Vector &u)
  {
    auto a = make_array("displacement", 3, vtkIdType(point_dofs.size()));
    for (std::size_t p = 0; p < point_dofs.size(); ++p)
      for (unsigned int c = 0; c < 3; ++c)
        a->SetComponent(vtkIdType(p), c, c < dim ? u(point_dofs[p][c]) : 0.0);
    grid->GetPointData()->SetVectors(a);
  }

  template <int dim>
  vtkUnstructuredGrid *
  catalyst_grid(const QuasiStaticSolver<dim> &solver)
  {
    PointDofs<dim> point_dofs;
    auto           grid = build_grid<dim>(solver, point_dofs);
    set_displacement<dim>(grid.Get(), point_dofs, solver.solution());
    grid->Register(nullptr);
    return grid.Get();
  }

  template <int dim>
  void
  CatalystAdaptor<dim>::Impl::set_cell_data(
      const QuasiStaticSolver<dim> &solver, vtkCPInputDataDescription *input)
  {
    const auto wanted = [&](const std::string &name) {
      const bool listed =
          settings.fields.empty() ||
          std::find(settings.fields.begin(), settings.fields.end(), name) !=
              settings.fields.end();
      return listed &&
             (input->GetAllFields() ||
              input->IsFieldNeeded(name.c_str(), vtkDataObject::CELL));
    };
    vtkCellData *data = grid->GetCellData();
    data->Initialize();
    for (const CellArray &c : cell_arrays(solver))
      if (wanted(c.name))
        {
          const vtkIdType n = vtkIdType(c.values.size() / c.n_components);
          auto            a = make_array(c.name, int(c.n_components), n);
          std::copy(c.values.begin(), c.values.end(), a->GetPointer(0));
          data->AddArray(a);
        }
  }

  template <int dim>
  void
  CatalystAdaptor<dim>::Impl::set_field_data(const AcceptedStep<dim> &s)
  {
    vtkNew<vtkFieldData> data;
    add_field_value(data, "TimeValue", s.step.time);
    add_field_value(data, "step", s.number);
    add_field_value(data, "segment", s.step.segment);
    vtkNew<vtkStringArray> directory;
    directory->SetName("output_directory");
    directory->InsertNextValue(
        fs::absolute(settings.output_directory).string());
    data->AddArray(directory);
    for (const auto &[name, value] : s.observables)
      add_field_value(data, name, value);
    // The ranges of the scalar cell fields over all ranks.
    vtkCellData        *cells = grid->GetCellData();
    std::vector<double> low, high;
    for (int a = 0; a < cells->GetNumberOfArrays(); ++a)
      {
        double range[2] = {1e300, -1e300};
        if (cells->GetArray(a)->GetNumberOfTuples() > 0)
          cells->GetArray(a)->GetRange(range, 0);
        low.push_back(-range[0]);
        high.push_back(range[1]);
      }
    dealii::Utilities::MPI::max(low, comm, low);
    dealii::Utilities::MPI::max(high, comm, high);
    for (int a = 0; a < cells->GetNumberOfArrays(); ++a)
      if (cells->GetArray(a)->GetNumberOfComponents() == 1)
        {
          auto r =
              make_array(std::string("range_") + cells->GetArrayName(a), 2, 1);
          r->SetComponent(0, 0, -low[a]);
          r->SetComponent(0, 1, high[a]);
          data->AddArray(r);
        }
    grid->SetFieldData(data);
  }

  template <int dim>
  CatalystAdaptor<dim>::CatalystAdaptor(const CatalystSettings &settings,
                                        const MPI_Comm          comm)
      : impl_(std::make_unique<Impl>())
  {
    impl_->settings = settings;
    impl_->comm     = comm;
    for (const std::string &script : settings.scripts)
      if (script_renders(script) && !display_problem().empty())
        throw std::runtime_error(
            "the Catalyst script '" + script +
            "' renders images, which needs an X display (" + display_problem() +
            "; Debian's ParaView has no offscreen rendering): run under "
            "xvfb-run, e.g. `xvfb-run -a mgrelax run FILE.prm` or "
            "`xvfb-run -a mpirun -np 2 mgrelax run FILE.prm`");
    if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
      fs::create_directories(settings.output_directory);
    MPI_Barrier(comm);
    MPI_Comm                     world = comm;
    vtkMPICommunicatorOpaqueComm opaque(&world);
    impl_->processor = vtkSmartPointer<vtkCPProcessor>::New();
    impl_->processor->Initialize(opaque, settings.output_directory.c_str());
    impl_->watch_python();
    for (const std::string &script : settings.scripts)
      {
        const unsigned int errors = impl_->python_errors.count;
        vtkSmartPointer<vtkCPPythonPipeline> pipeline =
            vtkCPPythonPipeline::CreateAndInitializePipeline(script.c_str());
        // Catalyst imports a script at its first call: compile it now, so
        // that a syntax error stops the run before it starts.
        const std::string compile = "compile(open(r'''" + script +
                                    "''').read(), r'''" + script +
                                    "''', 'exec')";
        const bool loaded =
            pipeline &&
            vtkPythonInterpreter::RunSimpleString(compile.c_str()) == 0 &&
            impl_->python_errors.count == errors;
        if (dealii::Utilities::MPI::min(loaded ? 1 : 0, comm) == 0)
          throw std::runtime_error("the Catalyst script '" + script +
                                   "' could not be loaded (its Python error "
                                   "is printed above)");
        impl_->processor->AddPipeline(pipeline);
      }
  }

  template <int dim> CatalystAdaptor<dim>::~CatalystAdaptor()
  {
    if (impl_ && impl_->processor)
      impl_->processor->Finalize();
  }

  template <int dim>
  void
  CatalystAdaptor<dim>::observe(const AcceptedStep<dim> &s)
  {
    Impl &impl = *impl_;
    if (!impl.due(s))
      return;
    const double                 start = MPI_Wtime();
    vtkNew<vtkCPDataDescription> description;
    description->AddInput("input");
    description->SetTimeData(s.step.time, s.number);
    if (s.last)
      description->ForceOutputOn();
    if (impl.processor->RequestDataDescription(description) != 0)
      {
        if (!impl.grid)
          impl.grid = build_grid<dim>(s.solver, impl.point_dofs);
        vtkCPInputDataDescription *input =
            description->GetInputDescriptionByName("input");
        set_displacement<dim>(
            impl.grid.Get(), impl.point_dofs, s.solver.solution());
        impl.set_cell_data(s.solver, input);
        impl.set_field_data(s);
        input->SetGrid(impl.grid);
        const unsigned int errors = impl.python_errors.count;
        if (impl.processor->CoProcess(description) == 0 ||
            impl.python_errors.count > errors)
          ++impl.failures;
        ++impl.calls;
      }
    impl.seconds += MPI_Wtime() - start;
  }

  template <int dim>
  std::string
  CatalystAdaptor<dim>::finish(std::ostream *log)
  {
    Impl              &impl   = *impl_;
    const unsigned int errors = impl.python_errors.count;
    impl.processor->Finalize();
    impl.processor = nullptr;
    impl.failures += impl.python_errors.count > errors ? 1 : 0;
    const bool root = dealii::Utilities::MPI::this_mpi_process(impl.comm) == 0;
    const double seconds = dealii::Utilities::MPI::max(impl.seconds, impl.comm);
    const unsigned int failures =
        dealii::Utilities::MPI::max(impl.failures, impl.comm);
    if (root && log != nullptr)
      {
        std::size_t files = 0;
        for (const auto &entry :
             fs::recursive_directory_iterator(impl.settings.output_directory))
          files += entry.is_regular_file() ? 1 : 0;
        *log << "  Catalyst: " << impl.calls << " calls, " << seconds << " s, "
             << files << " files in " << impl.settings.output_directory << "\n";
        if (files == 0 && impl.calls > 0)
          *log << "  warning: the Catalyst pipelines wrote no file; see "
                  "their messages above\n";
      }
    if (failures == 0)
      return "";
    return std::to_string(failures) +
           " Catalyst call(s) failed: a pipeline script raised a Python "
           "error (printed above)";
  }

#else // no Catalyst in this build

  bool
  catalyst_compiled_in()
  {
    return false;
  }

  template <int dim> struct CatalystAdaptor<dim>::Impl
  {};

  template <int dim>
  CatalystAdaptor<dim>::CatalystAdaptor(const CatalystSettings &, MPI_Comm)
  {
    throw std::runtime_error(
        "this mgrelax was built without ParaView Catalyst, so the entry "
        "'scripts' of subsection Catalyst cannot be used: install "
        "paraview-dev and python3-paraview (./setup.sh does) and rebuild "
        "with WITH_CATALYST=AUTO or ON, or leave 'scripts' empty");
  }

  template <int dim> CatalystAdaptor<dim>::~CatalystAdaptor() = default;

  template <int dim>
  vtkUnstructuredGrid *
  catalyst_grid(const QuasiStaticSolver<dim> &)
  {
    return nullptr;
  }

  template <int dim>
  void
  CatalystAdaptor<dim>::observe(const AcceptedStep<dim> &)
  {}

  template <int dim>
  std::string
  CatalystAdaptor<dim>::finish(std::ostream *)
  {
    return "";
  }
#endif

  template class CatalystAdaptor<2>;
  template class CatalystAdaptor<3>;
  template vtkUnstructuredGrid *
  catalyst_grid<2>(const QuasiStaticSolver<2> &);
  template vtkUnstructuredGrid *
  catalyst_grid<3>(const QuasiStaticSolver<3> &);
} // namespace mgrelax
