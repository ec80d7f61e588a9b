#include "solver/field_output.h"

#include <deal.II/base/data_out_base.h>
#include <deal.II/numerics/data_out.h>

#include <Eigen/Core>

#include <fstream>

#include "solver/experiment.h"

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

    // Every scalar of the law's state, and the components of its
    // (non-array) tensors, e.g. the inelastic strains eps_an and eps_vp.
    template <int dim>
    std::vector<StateField>
    state_fields(const material::LawDescription &d)
    {
      static const char      *suffix[6] = {"xx", "yy", "zz", "xy", "yz", "xz"};
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
  } // namespace

  template <int dim>
  std::vector<std::string>
  cell_field_names(const material::LawDescription &law)
  {
    std::vector<std::string> names =
        dim == 3
            ? std::vector<std::string>{"sig_xx",
                                       "sig_yy",
                                       "sig_zz",
                                       "sig_xy",
                                       "sig_yz",
                                       "sig_xz"}
            : std::vector<std::string>{"sig_xx", "sig_yy", "sig_zz", "sig_xy"};
    names.push_back("von_Mises");
    for (const StateField &f : state_fields<dim>(law))
      names.push_back(f.name);
    return names;
  }

  template <int dim>
  std::string
  write_fields(const QuasiStaticSolver<dim> &solver,
               const std::string            &directory,
               const std::string            &name,
               const unsigned int            counter)
  {
    const material::LawDescription &law      = solver.law().description();
    const std::vector<std::string>  names    = cell_field_names<dim>(law);
    const unsigned int              n_stress = dim == 3 ? 6 : 4;
    const std::vector<StateField>   state    = state_fields<dim>(law);
    const auto    &triangulation = solver.dof_handler().get_triangulation();
    const MPI_Comm comm          = solver.communicator();

    std::vector<Vector<float>> fields(
        names.size(), Vector<float>(triangulation.n_active_cells()));
    Vector<float> rank(triangulation.n_active_cells());
    for (const auto &cell : triangulation.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto         states = solver.states(cell);
          const unsigned int index  = cell->active_cell_index();
          rank[index]               = Utilities::MPI::this_mpi_process(comm);
          for (const auto &qp : states)
            {
              const Eigen::Map<const material::Vector6> stress(
                  qp->begin_stress());
              const auto sigma = material::to_components(stress);
              for (unsigned int k = 0; k < n_stress; ++k)
                fields[k][index] += sigma[k] / states.size();
              fields[n_stress][index] +=
                  material::equivalent_stress(material::deviator(stress)) /
                  states.size();
              const double *internal = qp->begin().internal;
              for (unsigned int k = 0; k < state.size(); ++k)
                fields[n_stress + 1 + k][index] +=
                    state[k].scale * internal[state[k].offset] / states.size();
            }
        }

    DataOut<dim> data_out;
    data_out.attach_dof_handler(solver.dof_handler());
    const std::vector<DataComponentInterpretation::DataComponentInterpretation>
        interpretation(
            dim, DataComponentInterpretation::component_is_part_of_vector);
    data_out.add_data_vector(solver.solution(),
                             std::vector<std::string>(dim, "displacement"),
                             DataOut<dim>::type_dof_data,
                             interpretation);
    for (unsigned int k = 0; k < names.size(); ++k)
      data_out.add_data_vector(fields[k], names[k]);
    data_out.add_data_vector(rank, "mpi_rank");
    data_out.build_patches(solver.dof_handler().get_fe().degree);
    return data_out.write_vtu_with_pvtu_record(
        directory + "/", name, counter, comm, 4, 0);
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
    if (directory_.empty() ||
        !(s.number == 0 || s.number % interval_ == 0 || s.milestone))
      return;
    files_.emplace_back(
        s.step.time, write_fields(s.solver, directory_, name_, files_.size()));
    if (Utilities::MPI::this_mpi_process(comm_) == 0)
      {
        std::ofstream pvd(directory_ + "/" + name_ + ".pvd");
        DataOutBase::write_pvd_record(pvd, files_);
      }
  }

  template std::vector<std::string>
  cell_field_names<2>(const material::LawDescription &);
  template std::vector<std::string>
  cell_field_names<3>(const material::LawDescription &);
  template class FieldSeries<2>;
  template class FieldSeries<3>;
} // namespace mgrelax
