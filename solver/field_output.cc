#include "solver/field_output.h"

#include <deal.II/base/data_out_base.h>
#include <deal.II/numerics/data_out.h>

#include <Eigen/Eigenvalues>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "solver/experiment.h"
#include "solver/output_files.h"

namespace mgrelax
{
  using namespace dealii;

  namespace
  {
    // An output field of the law's state: name, offset, scale.
    struct StateField
    {
      std::string  name;
      unsigned int offset;
      double       scale;
    };

    const char *const suffix[6] = {"xx", "yy", "zz", "xy", "yz", "xz"};

    // Every scalar of the law's state, and the components of its
    // (non-array) tensors, e.g. the inelastic strains eps_an and eps_vp.
    template <int dim>
    std::vector<StateField>
    state_fields(const material::LawDescription &d)
    {
      const unsigned int      n_components = dim == 3 ? 6 : 4;
      std::vector<StateField> fields;
      for (const material::Variable &v : d.internal_state)
        if (v.count == 1)
          {
            if (v.kind == material::VariableKind::scalar)
              fields.push_back({v.name, d.offset(v.name), 1.0});
            else
              for (unsigned int k = 0; k < n_components; ++k)
                fields.push_back({v.name + "_" + suffix[k],
                                  d.offset(v.name) + k,
                                  k < 3 ? 1.0 : 1.0 / material::sqrt2});
          }
      return fields;
    }

    // The (non-array) tensors of the law's state.
    std::vector<std::string>
    state_tensors(const material::LawDescription &d)
    {
      std::vector<std::string> names;
      for (const material::Variable &v : d.internal_state)
        if (v.count == 1 && v.kind != material::VariableKind::scalar)
          names.push_back(v.name);
      return names;
    }

    // sig_1 >= sig_2 >= sig_3: the eigenvalues of the stress tensor with
    // components c (xx, yy, zz, xy, yz, xz).
    std::array<double, 3>
    principal_values(const std::array<double, 6> &c)
    {
      Eigen::Matrix3d a;
      a << c[0], c[3], c[5], c[3], c[1], c[4], c[5], c[4], c[2];
      const Eigen::Vector3d l = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(
                                    a, Eigen::EigenvaluesOnly)
                                    .eigenvalues();
      return {{l[2], l[1], l[0]}};
    }

    // The cell's averaged stress (Mandel) and state fields.
    template <int dim>
    std::pair<material::Vector6, std::vector<double>>
    cell_average(const QuasiStaticSolver<dim> &solver,
                 const typename Triangulation<dim>::active_cell_iterator &cell,
                 const std::vector<StateField>                           &state)
    {
      const auto          states = solver.states(cell);
      material::Vector6   stress = material::Vector6::Zero();
      std::vector<double> fields(state.size(), 0.0);
      for (const auto &qp : states)
        {
          stress += Eigen::Map<const material::Vector6>(qp->begin_stress()) /
                    states.size();
          const double *internal = qp->begin().internal;
          for (unsigned int k = 0; k < state.size(); ++k)
            fields[k] +=
                state[k].scale * internal[state[k].offset] / states.size();
        }
      return {stress, fields};
    }

    // The VTK XML of the arrays as cell data, each value repeated for the
    // `repeat` VTK cells (subdivisions) of a deal.II cell.
    std::string
    cell_data_xml(const std::vector<CellArray> &arrays,
                  const unsigned int            repeat)
    {
      std::ostringstream xml;
      xml.precision(17);
      xml << "<CellData>\n";
      for (const CellArray &a : arrays)
        {
          xml << "<DataArray type=\"Float64\" Name=\"" << a.name
              << "\" NumberOfComponents=\"" << a.n_components
              << "\" format=\"ascii\">\n";
          for (std::size_t c = 0; c < a.values.size(); c += a.n_components)
            for (unsigned int r = 0; r < repeat; ++r)
              for (unsigned int k = 0; k < a.n_components; ++k)
                xml << a.values[c + k] << ' ';
          xml << "\n</DataArray>\n";
        }
      xml << "</CellData>\n";
      return xml.str();
    }

    // The experiment's observables of the output as VTK field data
    // (deal.II 9.4's DataOut writes only TIME and CYCLE, as Float32 and not
    // when they are 0).
    std::string
    field_data_xml(const FrameInfo &frame)
    {
      std::ostringstream xml;
      xml.precision(17);
      xml << "<FieldData>\n";
      const std::pair<const char *, double> values[3] = {
          {"TimeValue", frame.time},
          {"step", double(frame.step)},
          {"segment", double(frame.segment)}};
      const auto write = [&](const std::string &name, const double value) {
        xml << "<DataArray type=\"Float64\" Name=\"" << name
            << "\" NumberOfTuples=\"1\" format=\"ascii\">" << value
            << "</DataArray>\n";
      };
      for (const auto &[name, value] : values)
        write(name, value);
      for (const auto &[name, value] : frame.observables)
        write(name, value);
      xml << "</FieldData>\n";
      return xml.str();
    }

    std::string
    read_text(const std::string &path)
    {
      std::ifstream     in(path);
      std::stringstream text;
      text << in.rdbuf();
      if (!in)
        throw std::runtime_error("cannot read '" + path + "'");
      return text.str();
    }

    // Inserts `text` before the first `marker` of the file.
    void
    insert_before(const std::string &path,
                  const std::string &marker,
                  const std::string &text)
    {
      std::string       content = read_text(path);
      const std::size_t at      = content.find(marker);
      if (at == std::string::npos)
        throw std::runtime_error("no '" + marker + "' in '" + path + "'");
      content.insert(at, text);
      AtomicFile file(path);
      file.stream() << content;
      file.commit();
    }

    // The integer attribute `name="N"` of the first element that has it.
    unsigned long
    attribute(const std::string &xml, const std::string &name)
    {
      const std::string key = name + "=\"";
      const std::size_t at  = xml.find(key);
      if (at == std::string::npos)
        throw std::runtime_error("no attribute " + name);
      return std::stoul(xml.substr(at + key.size()));
    }

    // The Source of the rank-th <Piece> of a .pvtu record.
    std::string
    piece_source(const std::string &pvtu, const unsigned int rank)
    {
      std::size_t at = 0;
      for (unsigned int r = 0; r <= rank; ++r)
        at = pvtu.find("<Piece Source=\"", at) + 15;
      return pvtu.substr(at, pvtu.find('"', at) - at);
    }

    // Adds the cell and field data to this rank's .vtu of the record and
    // the cell arrays' declarations to the .pvtu (rank 0).
    void
    add_cell_data(const std::string            &directory,
                  const std::string            &pvtu,
                  const std::vector<CellArray> &arrays,
                  const FrameInfo              &frame,
                  const MPI_Comm                comm)
    {
      const unsigned int rank = Utilities::MPI::this_mpi_process(comm);
      MPI_Barrier(comm);
      const std::string   record  = read_text(directory + pvtu);
      const std::string   vtu     = directory + piece_source(record, rank);
      const std::size_t   n_cells = arrays.front().values.size();
      const unsigned long n_vtk   = attribute(read_text(vtu), "NumberOfCells");
      if (n_cells == 0 || n_vtk % n_cells != 0)
        throw std::logic_error("'" + vtu + "': cells do not match");
      insert_before(vtu, "</Piece>", cell_data_xml(arrays, n_vtk / n_cells));
      insert_before(vtu, "<Piece", field_data_xml(frame));
      MPI_Barrier(comm);
      if (rank != 0)
        return;
      std::ostringstream xml;
      xml << "<PCellData>\n";
      for (const CellArray &a : arrays)
        xml << "<PDataArray type=\"Float64\" Name=\"" << a.name
            << "\" NumberOfComponents=\"" << a.n_components
            << "\" format=\"ascii\"/>\n";
      xml << "</PCellData>\n";
      insert_before(directory + pvtu, "<Piece", xml.str());
    }

    // The .pvd index with the times in full (round-trip) precision, which
    // deal.II's write_pvd_record rounds to 12 digits.
    void
    write_pvd(std::ostream                                      &out,
              const std::vector<std::pair<double, std::string>> &files)
    {
      out << "<?xml version=\"1.0\"?>\n<VTKFile type=\"Collection\" "
             "version=\"0.1\" ByteOrder=\"LittleEndian\">\n<Collection>\n";
      for (const auto &[time, file] : files)
        out << "<DataSet timestep=\"" << format_number(time)
            << "\" group=\"\" part=\"0\" file=\"" << file << "\"/>\n";
      out << "</Collection>\n</VTKFile>\n";
    }
  } // namespace

  template <int dim>
  std::vector<CellArray>
  cell_arrays(const QuasiStaticSolver<dim> &solver)
  {
    const material::LawDescription &law     = solver.law().description();
    const std::vector<StateField>   state   = state_fields<dim>(law);
    const std::vector<std::string>  tensors = state_tensors(law);
    std::vector<CellArray>          arrays;
    for (const std::string &name : cell_field_names<dim>(law))
      arrays.push_back({name, 1, {}});
    arrays.push_back({"stress", 6, {}});
    for (const std::string &name : tensors)
      arrays.push_back({name, 6, {}});
    const unsigned int n_stress = dim == 3 ? 6 : 4;
    const unsigned int rank =
        Utilities::MPI::this_mpi_process(solver.communicator());
    for (const auto &cell :
         solver.dof_handler().get_triangulation().active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto [mandel, fields] = cell_average(solver, cell, state);
          const auto          sigma   = material::to_components(mandel);
          const auto          sig     = principal_values(sigma);
          std::vector<double> scalars(sigma.begin(), sigma.begin() + n_stress);
          scalars.push_back(
              material::equivalent_stress(material::deviator(mandel)));
          scalars.insert(scalars.end(), sig.begin(), sig.end());
          scalars.insert(scalars.end(), fields.begin(), fields.end());
          scalars.push_back(rank);
          unsigned int a = 0;
          for (; a < scalars.size(); ++a)
            arrays[a].values.push_back(scalars[a]);
          arrays[a].values.insert(
              arrays[a].values.end(), sigma.begin(), sigma.end());
          ++a;
          // The law's tensors: their components among the state fields.
          for (const std::string &name : tensors)
            {
              for (unsigned int k = 0; k < 6; ++k)
                {
                  double value = 0.0;
                  for (unsigned int f = 0; f < state.size(); ++f)
                    if (state[f].name == name + "_" + suffix[k])
                      value = fields[f];
                  arrays[a].values.push_back(value);
                }
              ++a;
            }
        }
    return arrays;
  }

  template <int dim>
  std::vector<std::string>
  cell_field_names(const material::LawDescription &law)
  {
    std::vector<std::string> names(suffix, suffix + (dim == 3 ? 6 : 4));
    for (std::string &name : names)
      name = "sig_" + name;
    for (const char *name : {"von_Mises", "sig_1", "sig_2", "sig_3"})
      names.push_back(name);
    for (const StateField &f : state_fields<dim>(law))
      names.push_back(f.name);
    names.push_back("mpi_rank");
    return names;
  }

  template <int dim>
  std::string
  write_fields(const QuasiStaticSolver<dim> &solver,
               const std::string            &directory,
               const std::string            &name,
               const unsigned int            counter,
               const FrameInfo              &frame)
  {
    const std::vector<CellArray> arrays = cell_arrays(solver);
    DataOut<dim>                 data_out;
    data_out.attach_dof_handler(solver.dof_handler());
    const std::vector<DataComponentInterpretation::DataComponentInterpretation>
        interpretation(
            dim, DataComponentInterpretation::component_is_part_of_vector);
    data_out.add_data_vector(solver.solution(),
                             std::vector<std::string>(dim, "displacement"),
                             DataOut<dim>::type_dof_data,
                             interpretation);
    data_out.build_patches(solver.dof_handler().get_fe().degree);
    const std::string pvtu = data_out.write_vtu_with_pvtu_record(
        directory + "/", name, counter, solver.communicator(), 4, 0);
    add_cell_data(directory + "/", pvtu, arrays, frame, solver.communicator());
    return pvtu;
  }

  template <int dim>
  FieldSeries<dim>::FieldSeries(std::string        directory,
                                std::string        name,
                                const unsigned int interval,
                                const MPI_Comm     comm)
      : directory_(interval > 0 ? std::move(directory) : std::string())
      , name_(std::move(name))
      , interval_(interval)
      , comm_(comm)
  {}

  template <int dim>
  void
  FieldSeries<dim>::observe(const AcceptedStep<dim> &s)
  {
    if (directory_.empty() || !(s.number == 0 || s.number % interval_ == 0 ||
                                s.milestone || s.step.last_in_segment))
      return;
    // A step of no duration (a jump) replaces the frame at its time.
    if (!files_.empty() && s.step.time <= files_.back().first)
      files_.pop_back();
    const FrameInfo frame{s.step.time, s.number, s.step.segment, s.observables};
    files_.emplace_back(
        s.step.time,
        write_fields(s.solver, directory_, name_, files_.size(), frame));
    if (Utilities::MPI::this_mpi_process(comm_) == 0)
      {
        AtomicFile pvd(directory_ + "/" + name_ + ".pvd");
        write_pvd(pvd.stream(), files_);
        pvd.commit();
      }
  }

  template std::vector<CellArray>
  cell_arrays<2>(const QuasiStaticSolver<2> &);
  template std::vector<CellArray>
  cell_arrays<3>(const QuasiStaticSolver<3> &);
  template std::vector<std::string>
  cell_field_names<2>(const material::LawDescription &);
  template std::vector<std::string>
  cell_field_names<3>(const material::LawDescription &);
  template std::string
  write_fields<2>(const QuasiStaticSolver<2> &,
                  const std::string &,
                  const std::string &,
                  unsigned int,
                  const FrameInfo &);
  template std::string
  write_fields<3>(const QuasiStaticSolver<3> &,
                  const std::string &,
                  const std::string &,
                  unsigned int,
                  const FrameInfo &);
  template class FieldSeries<2>;
  template class FieldSeries<3>;
} // namespace mgrelax
