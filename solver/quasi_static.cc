#include "solver/quasi_static.h"

#include "solver/kinematics.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q1.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>

#include <Eigen/Core>

#include <chrono>
#include <cmath>
#include <ostream>
#include <stdexcept>

namespace mgrelax
{
  using namespace dealii;
  using material::Matrix6;
  using material::Vector6;

  void
  SolverSettings::check() const
  {
    if (degree < 1 || degree > 4)
      throw std::invalid_argument(
          "Finite elements: 'degree' must be in [1, 4] (got " +
          std::to_string(degree) + ")");
    if (quadrature_points > 8)
      throw std::invalid_argument(
          "Finite elements: 'quadrature points' must be in [0, 8] (got " +
          std::to_string(quadrature_points) + ")");
    if (linear_solver != "direct" && linear_solver != "cg-amg")
      throw std::invalid_argument(
          "Linear solver: 'type' must be direct or cg-amg (got '" +
          linear_solver + "')");
    if (!(newton_tolerance > 0.0 && newton_tolerance < 1e-2))
      throw std::invalid_argument("Newton: 'tolerance' must be in (0, 1e-2)");
  }

  namespace
  {
    // The component of largest magnitude.
    template <int dim>
    unsigned int
    dominant_component(const Tensor<1, dim> &n)
    {
      unsigned int d = 0;
      for (unsigned int c = 1; c < dim; ++c)
        if (std::abs(n[c]) > std::abs(n[d]))
          d = c;
      return d;
    }

  } // namespace

  template <int dim>
  QuasiStaticSolver<dim>::QuasiStaticSolver(const MPI_Comm               comm,
                                            const material::MaterialLaw &law,
                                            const SolverSettings &settings,
                                            const double initial_temperature)
      : comm_(comm)
      , law_(law)
      , settings_(settings)
      , triangulation_(comm)
      , fe_(FE_Q<dim>(settings.degree), dim)
      , dof_handler_(triangulation_)
      , quadrature_(settings.quadrature_points > 0 ? settings.quadrature_points
                                                   : settings.degree + 1)
      , face_quadrature_(settings.quadrature_points > 0
                             ? settings.quadrature_points
                             : settings.degree + 1)
      , linear_solver_(settings)
      , temperature_(initial_temperature)
      , initial_temperature_(initial_temperature)
  {
    settings_.check();
  }

  template <int dim> QuasiStaticSolver<dim>::~QuasiStaticSolver() = default;

  template <int dim>
  void
  QuasiStaticSolver<dim>::fix(const types::boundary_id         boundary,
                              const std::vector<unsigned int> &components,
                              std::function<bool(const Point<dim> &)> where)
  {
    for (const unsigned int c : components)
      if (c >= dim)
        throw std::invalid_argument("a fixed displacement component must be "
                                    "below the dimension");
    fixed_.push_back({boundary, components, std::move(where)});
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::set_rigid_surface(const types::boundary_id boundary,
                                            LevelSet                 level_set)
  {
    if (surface_boundary_ != boundary)
      surface_nodes_.clear();
    surface_boundary_ = boundary;
    level_set_        = std::move(level_set);
    if (level_set_ && surface_nodes_.empty() && dof_handler_.has_active_dofs())
      surface_nodes_ = boundary_nodes(boundary);
  }

  template <int dim>
  const std::map<types::global_dof_index, Point<dim>> &
  QuasiStaticSolver<dim>::support_points() const
  {
    if (support_points_.empty())
      DoFTools::map_dofs_to_support_points(
          MappingQ1<dim>(), dof_handler_, support_points_);
    return support_points_;
  }

  template <int dim>
  std::vector<std::array<types::global_dof_index, dim>>
  QuasiStaticSolver<dim>::boundary_nodes(
      const types::boundary_id boundary) const
  {
    // Keyed by the DoF of component 0, so that a point shared by several
    // faces appears once.
    std::map<types::global_dof_index, std::array<types::global_dof_index, dim>>
                                         nodes;
    std::vector<types::global_dof_index> face_dofs(fe_.n_dofs_per_face());
    std::vector<std::array<types::global_dof_index, dim>> face_nodes(
        fe_.n_dofs_per_face() / dim);
    for (const auto &cell : dof_handler_.active_cell_iterators())
      if (!cell->is_artificial())
        for (const unsigned int f : cell->face_indices())
          if (cell->face(f)->at_boundary() &&
              cell->face(f)->boundary_id() == boundary)
            {
              cell->face(f)->get_dof_indices(face_dofs);
              for (unsigned int i = 0; i < face_dofs.size(); ++i)
                {
                  const auto [c, k] = fe_.face_system_to_component_index(i, f);
                  face_nodes[k][c]  = face_dofs[i];
                }
              for (const auto &node : face_nodes)
                nodes.emplace(node[0], node);
            }
    std::vector<std::array<types::global_dof_index, dim>> result;
    result.reserve(nodes.size());
    for (const auto &[dof, node] : nodes)
      result.push_back(node);
    return result;
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::project_onto_surface()
  {
    if (!level_set_)
      return;
    const auto &X = support_points();
    for (const auto &node : surface_nodes_)
      {
        if (!locally_owned_.is_element(node[0]))
          continue;
        Point<dim>         x = current_position(node);
        LevelSetValue      v = level_set_(x);
        const unsigned int d = dominant_component(v.gradient);
        if (dirichlet_dofs_.count(node[d]))
          continue;
        // Newton along e_d; phi is a distance (|grad phi| = 1 on the
        // surface), so a few iterations reach round-off.
        for (unsigned int it = 0; it < 20 && v.gradient[d] != 0.0; ++it)
          {
            const double step = v.value / v.gradient[d];
            x[d] -= step;
            if (std::abs(step) <= 1e-15 * (1.0 + x.norm()))
              break;
            v = level_set_(x);
          }
        solution_[node[d]] = x[d] - X.at(node[d])[d];
      }
    solution_.compress(VectorOperation::insert);
    ghosted_ = solution_;
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::set_load_patch(
      const types::boundary_id                boundary,
      std::function<bool(const Point<dim> &)> in_patch,
      const Tensor<1, dim>                   &direction,
      const LoadControl                       control)
  {
    traction_boundary_  = boundary;
    in_patch_           = std::move(in_patch);
    traction_direction_ = direction;
    control_            = control;
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::make_constraints()
  {
    // The Dirichlet lines (fixed and prescribed DoFs) are found once, here,
    // in a scratch set that also holds the hanging-node lines (so that no
    // DoF gets two lines); apply_constraints() rebuilds constraints_ from
    // them, cheaply, whenever a rigid surface moves.
    AffineConstraints<double> scratch;
    scratch.reinit(locally_relevant_);
    DoFTools::make_hanging_node_constraints(dof_handler_, scratch);
    for (const Fixed &fixed : fixed_)
      {
        if (!fixed.where)
          {
            std::vector<bool> mask(dim, false);
            for (const unsigned int c : fixed.components)
              mask[c] = true;
            VectorTools::interpolate_boundary_values(
                dof_handler_,
                fixed.boundary,
                Functions::ZeroFunction<dim>(dim),
                scratch,
                ComponentMask(mask));
            continue;
          }
        const auto &X = support_points();
        for (const auto &node : boundary_nodes(fixed.boundary))
          if (fixed.where(X.at(node[0])))
            for (const unsigned int c : fixed.components)
              if (!scratch.is_constrained(node[c]))
                scratch.add_line(node[c]);
      }
    // Displacement control: the patch DoFs of the loaded components are
    // constrained (homogeneously: Newton corrections vanish there) and
    // their values are set at the start of each step.
    prescribed_.clear();
    if (control_ == LoadControl::displacement && in_patch_)
      {
        std::vector<types::global_dof_index> face_dofs(fe_.n_dofs_per_face());
        for (const auto &cell : dof_handler_.active_cell_iterators())
          if (!cell->is_artificial())
            for (const auto &face : cell->face_iterators())
              if (face->at_boundary() &&
                  face->boundary_id() == traction_boundary_ &&
                  in_patch_(face->center()))
                {
                  face->get_dof_indices(face_dofs);
                  for (unsigned int i = 0; i < face_dofs.size(); ++i)
                    {
                      const unsigned int c =
                          fe_.face_system_to_component_index(i).first;
                      if (traction_direction_[c] == 0.0 ||
                          scratch.is_constrained(face_dofs[i]))
                        continue;
                      scratch.add_line(face_dofs[i]);
                      if (locally_owned_.is_element(face_dofs[i]))
                        prescribed_.emplace_back(face_dofs[i],
                                                 traction_direction_[c]);
                    }
                }
      }
    // Dirichlet lines have no entries; hanging-node lines do.
    dirichlet_dofs_.clear();
    for (const auto &line : scratch.get_lines())
      if (line.entries.empty())
        dirichlet_dofs_.insert(line.index);
    apply_constraints();
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::apply_constraints()
  {
    constraints_.clear();
    constraints_.reinit(locally_relevant_);
    DoFTools::make_hanging_node_constraints(dof_handler_, constraints_);
    for (const auto dof : dirichlet_dofs_)
      if (!constraints_.is_constrained(dof))
        constraints_.add_line(dof);
    // The rigid surface, linearized at the current position: the
    // correction of each node's dominant component follows its others,
    // n . du = 0 (the node slides in the tangent plane).
    if (level_set_)
      for (const auto &node : surface_nodes_)
        {
          const Tensor<1, dim> n = level_set_(current_position(node)).gradient;
          const unsigned int   d = dominant_component(n);
          if (constraints_.is_constrained(node[d]) || n[d] == 0.0)
            continue;
          constraints_.add_line(node[d]);
          for (unsigned int c = 0; c < dim; ++c)
            if (c != d && n[c] != 0.0)
              constraints_.add_entry(node[d], node[c], -n[c] / n[d]);
        }
    constraints_.close();
  }

  template <int dim>
  Point<dim>
  QuasiStaticSolver<dim>::current_position(
      const std::array<types::global_dof_index, dim> &node) const
  {
    Point<dim> x = support_points().at(node[0]);
    for (unsigned int c = 0; c < dim; ++c)
      x[c] += ghosted_[node[c]];
    return x;
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::setup()
  {
    dof_handler_.distribute_dofs(fe_);
    locally_owned_ = dof_handler_.locally_owned_dofs();
    DoFTools::extract_locally_relevant_dofs(dof_handler_, locally_relevant_);
    solution_.reinit(locally_owned_, comm_);
    old_solution_.reinit(locally_owned_, comm_);
    residual_.reinit(locally_owned_, comm_);
    internal_force_.reinit(locally_owned_, comm_);
    newton_update_.reinit(locally_owned_, comm_);
    ghosted_.reinit(locally_owned_, locally_relevant_, comm_);
    support_points_.clear();
    surface_nodes_.clear();
    if (level_set_)
      surface_nodes_ = boundary_nodes(surface_boundary_);
    make_constraints();

    // With a rigid surface the constraints change from one Newton
    // iteration to the next (and vanish at release): the pattern then
    // holds every coupling, constrained or not.
    DynamicSparsityPattern dsp(locally_relevant_);
    if (surface_boundary_ != numbers::invalid_boundary_id)
      DoFTools::make_sparsity_pattern(dof_handler_, dsp);
    else
      DoFTools::make_sparsity_pattern(dof_handler_, dsp, constraints_, false);
    SparsityTools::distribute_sparsity_pattern(
        dsp, locally_owned_, comm_, locally_relevant_);
    matrix_.reinit(locally_owned_, locally_owned_, dsp, comm_);
    linear_solver_.reset();

    // Per-point states, sized from the law's description.
    const unsigned int n_q = quadrature_.size();
    for (const auto &cell : triangulation_.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          states_.initialize(cell, n_q);
          for (const auto &state : states_.get_data(cell))
            state->initialize(law_, initial_temperature_);
        }

    // Area of the traction patch.
    double area = 0.0;
    if (in_patch_)
      {
        FEFaceValues<dim> face_values(fe_, face_quadrature_, update_JxW_values);
        for (const auto &cell : dof_handler_.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const auto &face : cell->face_iterators())
              if (face->at_boundary() &&
                  face->boundary_id() == traction_boundary_ &&
                  in_patch_(face->center()))
                {
                  face_values.reinit(cell, face);
                  for (unsigned int q = 0; q < face_quadrature_.size(); ++q)
                    area += face_values.JxW(q);
                }
        area = Utilities::MPI::sum(area, comm_);
        if (!(area > 0.0))
          throw std::invalid_argument(
              "the load patch contains no face of boundary " +
              std::to_string(traction_boundary_) +
              " (is the load on a boundary that exists?)");
      }
    patch_area_ = area;
  }

  template <int dim>
  types::global_dof_index
  QuasiStaticSolver<dim>::n_dofs() const
  {
    return dof_handler_.n_dofs();
  }

  // The per-cell work space of assemble(): FE values, the stacked
  // strain-displacement matrices of all quadrature points (6 rows each) and
  // the same multiplied by C JxW, the element matrix, and the node
  // numbering (shape function i is node node[i] of the scalar element in
  // component component[i]; first_of_node[a] is a shape function of node
  // a).
  template <int dim> struct QuasiStaticSolver<dim>::AssemblyScratch
  {
    AssemblyScratch(const FESystem<dim>       &fe,
                    const Quadrature<dim>     &quadrature,
                    const Quadrature<dim - 1> &face_quadrature)
        : fe_values(fe, quadrature, update_gradients | update_JxW_values)
        , face_values(fe, face_quadrature, update_values | update_JxW_values)
        , n_dofs(fe.n_dofs_per_cell())
        , n_q(quadrature.size())
        , n_nodes(n_dofs / dim)
        , cell_matrix(n_dofs, n_dofs)
        , cell_residual(n_dofs)
        , cell_internal(n_dofs)
        , dof_indices(n_dofs)
        , B_all(6 * n_q, n_dofs)
        , CB_all(6 * n_q, n_dofs)
        , f_internal(n_dofs)
        , K(n_dofs, n_dofs)
        , component(n_dofs)
        , node(n_dofs)
        , first_of_node(n_nodes)
        , grads(n_nodes)
        , G(dim, n_nodes)
        , U(dim, n_nodes)
        , G_geometric(n_nodes, n_nodes)
    {
      for (unsigned int i = 0; i < n_dofs; ++i)
        {
          component[i] = fe.system_to_component_index(i).first;
          node[i]      = fe.system_to_component_index(i).second;
          if (component[i] == 0)
            first_of_node[node[i]] = i;
        }
    }

    FEValues<dim>                              fe_values;
    FEFaceValues<dim>                          face_values;
    const unsigned int                         n_dofs, n_q, n_nodes;
    FullMatrix<double>                         cell_matrix;
    Vector<double>                             cell_residual, cell_internal;
    std::vector<types::global_dof_index>       dof_indices;
    Eigen::MatrixXd                            B_all, CB_all;
    Eigen::VectorXd                            f_internal;
    Eigen::MatrixXd                            K;
    std::vector<unsigned int>                  component, node, first_of_node;
    std::vector<Tensor<1, dim>>                grads;
    Eigen::Matrix<double, dim, Eigen::Dynamic> G, U;
    Eigen::MatrixXd                            G_geometric;
    Matrix6                                    C;
    double                                     law_seconds = 0.0;
  };

  template <int dim>
  void
  QuasiStaticSolver<dim>::assemble(const bool with_matrix)
  {
    // The law's time is measured point by point and reported apart from
    // the assembly's own.
    const auto start = PhaseTimer::Clock::now();
    if (with_matrix)
      matrix_ = 0.0;
    residual_       = 0.0;
    internal_force_ = 0.0;
    law_failed_     = false;
    failed_point_.reset();

    AssemblyScratch    scratch(fe_, quadrature_, face_quadrature_);
    const unsigned int n_dofs = scratch.n_dofs;
    for (const auto &cell : dof_handler_.active_cell_iterators())
      {
        if (!cell->is_locally_owned())
          continue;
        scratch.fe_values.reinit(cell);
        cell->get_dof_indices(scratch.dof_indices);
        scratch.cell_residual = 0.0;
        integrate_cell(cell, with_matrix, scratch);
        add_traction(cell, scratch);

        for (unsigned int i = 0; i < n_dofs; ++i)
          scratch.cell_internal[i] = scratch.f_internal[i];
        scratch.cell_residual -= scratch.cell_internal;
        internal_force_.add(scratch.dof_indices, scratch.cell_internal);
        if (with_matrix)
          {
            for (unsigned int i = 0; i < n_dofs; ++i)
              for (unsigned int j = 0; j < n_dofs; ++j)
                scratch.cell_matrix(i, j) = scratch.K(i, j);
            constraints_.distribute_local_to_global(scratch.cell_matrix,
                                                    scratch.cell_residual,
                                                    scratch.dof_indices,
                                                    matrix_,
                                                    residual_);
          }
        else
          constraints_.distribute_local_to_global(
              scratch.cell_residual, scratch.dof_indices, residual_);
      }
    if (with_matrix)
      matrix_.compress(VectorOperation::add);
    residual_.compress(VectorOperation::add);
    internal_force_.compress(VectorOperation::add);
    // Every rank must take the same decision and cut by the same factor,
    // or their time steps would diverge.
    const bool failed_here = law_failed_;
    law_failed_            = Utilities::MPI::logical_or(failed_here, comm_);
    if (law_failed_)
      {
        law_result_.time_step_factor = Utilities::MPI::min(
            failed_here ? law_result_.time_step_factor : 1.0, comm_);
        if (!failed_here)
          law_result_.message = "the material failed on another rank";
      }
    if (timer_)
      {
        const double total =
            std::chrono::duration<double>(PhaseTimer::Clock::now() - start)
                .count();
        timer_->add("law", scratch.law_seconds);
        timer_->add("assembly", total - scratch.law_seconds);
      }
  }

  // The law at the cell's quadrature points for the current displacement:
  // the internal forces into scratch.f_internal and, with the matrix, the
  // element stiffness into scratch.K (material part sum_q B_q^T C_q B_q
  // JxW_q as one stacked product, plus the geometric part in total
  // Lagrangian kinematics).
  template <int dim>
  void
  QuasiStaticSolver<dim>::integrate_cell(const DoFCellIterator &cell,
                                         const bool             with_matrix,
                                         AssemblyScratch       &scratch)
  {
    const material::StepRequest request{
        dt_,
        with_matrix ? material::TangentRequest::consistent
                    : material::TangentRequest::none,
        2.0};
    const bool           large = settings_.large_rotations;
    const Tensor<2, dim> unit(unit_symmetric_tensor<dim>());
    const unsigned int   n_dofs = scratch.n_dofs, n_nodes = scratch.n_nodes;
    const auto          &component = scratch.component;
    const auto          &node      = scratch.node;
    auto                &G         = scratch.G;
    scratch.f_internal.setZero();

    // Displacements by node: U(c, a) of component c at node a.
    for (unsigned int i = 0; i < n_dofs; ++i)
      scratch.U(component[i], node[i]) = ghosted_[scratch.dof_indices[i]];
    if (with_matrix && large)
      scratch.G_geometric.setZero();
    const auto states = states_.get_data(cell);
    for (unsigned int q = 0; q < scratch.n_q; ++q)
      {
        auto B = scratch.B_all.template middleRows<6>(6 * q);
        // The shape functions' gradients are those of the scalar element's
        // nodes.
        for (unsigned int a = 0; a < n_nodes; ++a)
          {
            scratch.grads[a] =
                scratch.fe_values.shape_grad(scratch.first_of_node[a], q);
            for (unsigned int d = 0; d < dim; ++d)
              G(d, a) = scratch.grads[a][d];
          }
        // Displacement gradient H = grad u; F = I + H.
        const Eigen::Matrix<double, dim, dim> Hm = scratch.U * G.transpose();
        Tensor<2, dim>                        H;
        for (unsigned int c = 0; c < dim; ++c)
          for (unsigned int d = 0; d < dim; ++d)
            H[c][d] = Hm(c, d);
        material::PointState &state  = *states[q];
        double               *strain = state.end_strain();
        Tensor<2, dim>        F      = unit;
        if (large)
          {
            // Green-Lagrange strain E = (H + H^T + H^T H) / 2.
            F += H;
            to_mandel<dim>(0.5 * (transpose(F) * F - unit), strain);
          }
        else
          to_mandel<dim>(Tensor<2, dim>(symmetrize(H)), strain);
        for (unsigned int i = 0; i < n_dofs; ++i)
          strain_column<dim>(
              F[component[i]], scratch.grads[node[i]], B.col(i).data());
        state.end_temperature             = temperature_;
        material::StateView        end    = state.end();
        const auto                 t0     = PhaseTimer::Clock::now();
        const material::StepResult result = law_.integrate(
            request, state.begin(), end, with_matrix ? &scratch.C : nullptr);
        scratch.law_seconds +=
            std::chrono::duration<double>(PhaseTimer::Clock::now() - t0)
                .count();
        if (!result.succeeded())
          {
            if (!law_failed_)
              {
                law_result_ = result;
                failed_point_ =
                    material::FailedPoint::capture(law_, state, dt_, result);
              }
            law_failed_ = true;
            if (with_matrix)
              scratch.CB_all.template middleRows<6>(6 * q).setZero();
            continue;
          }
        const double                    JxW = scratch.fe_values.JxW(q);
        const Eigen::Map<const Vector6> stress(state.end_stress());
        scratch.f_internal.noalias() += B.transpose() * (stress * JxW);
        if (with_matrix)
          {
            scratch.CB_all.template middleRows<6>(6 * q).noalias() =
                (scratch.C * JxW) * B;
            if (large)
              {
                // Geometric stiffness grad N_i . S grad N_j (equal
                // components), by node.
                Eigen::Matrix<double, dim, dim> S;
                const Tensor<2, dim> St = from_mandel<dim>(state.end_stress());
                for (unsigned int c = 0; c < dim; ++c)
                  for (unsigned int d = 0; d < dim; ++d)
                    S(c, d) = St[c][d] * JxW;
                scratch.G_geometric.noalias() += G.transpose() * S * G;
              }
          }
      }
    if (with_matrix)
      {
        scratch.K.noalias() = scratch.B_all.transpose() * scratch.CB_all;
        if (large)
          for (unsigned int j = 0; j < n_dofs; ++j)
            for (unsigned int i = 0; i < n_dofs; ++i)
              if (component[i] == component[j])
                scratch.K(i, j) += scratch.G_geometric(node[i], node[j]);
      }
  }

  // The traction of the load patch (force control) on the cell's faces,
  // into scratch.cell_residual.
  template <int dim>
  void
  QuasiStaticSolver<dim>::add_traction(const DoFCellIterator &cell,
                                       AssemblyScratch       &scratch) const
  {
    if (!(patch_area_ > 0.0 && control_ == LoadControl::force))
      return;
    const Tensor<1, dim> traction = traction_direction_ * (load_ / patch_area_);
    for (const auto &face : cell->face_iterators())
      if (face->at_boundary() && face->boundary_id() == traction_boundary_ &&
          in_patch_(face->center()))
        {
          scratch.face_values.reinit(cell, face);
          for (unsigned int q = 0; q < face_quadrature_.size(); ++q)
            for (unsigned int i = 0; i < scratch.n_dofs; ++i)
              scratch.cell_residual[i] +=
                  scratch.face_values.shape_value(i, q) *
                  traction[scratch.component[i]] * scratch.face_values.JxW(q);
        }
  }

  template <int dim>
  StepReport
  QuasiStaticSolver<dim>::solve_step(const double dt,
                                     const double load,
                                     const double temperature)
  {
    dt_          = dt;
    load_        = load;
    temperature_ = temperature;
    StepReport report;
    for (const auto &[dof, factor] : prescribed_)
      solution_[dof] = load * factor;
    solution_.compress(VectorOperation::insert);
    ghosted_ = solution_;
    // A rigid surface (or its release) changes the constraints.
    const bool has_surface = surface_boundary_ != numbers::invalid_boundary_id;
    const auto refresh_surface = [&]() {
      if (!has_surface)
        return;
      project_onto_surface();
      apply_constraints();
    };
    refresh_surface();

    // Converged when the residual is below newton_tolerance times the
    // internal forces and the last correction below displacement_tolerance
    // times the displacement.  The second criterion matters on thin
    // ribbons: their stiffness is so ill-conditioned that a residual at
    // 1e-9 still leaves a displacement error of 1e-7; each further
    // correction (a CG solve on the reused factorization) refines it.
    // Round-off floors: once the residual criterion holds, a correction
    // that no longer shrinks (by at least half) has reached the floor of
    // the linear solve.  And the residual has a floor of its own, set by
    // the cancellation in the strains of a thin ribbon's nearly rigid
    // rotation (1.5e-9 of the internal forces on 2600 cells along the
    // length): when the corrections are at machine level (1e-3 of the
    // displacement tolerance), a residual within 1000 times its tolerance
    // is that floor.
    double reference = 0.0, last_correction = 0.0, previous_correction = 0.0;
    const bool verbose = settings_.verbose_newton && log_ != nullptr;
    for (unsigned int it = 1; it <= settings_.max_newton_iterations; ++it)
      {
        // The first iteration always needs the tangent; later ones check
        // the residual first and assemble the tangent only if needed.
        assemble(it == 1);
        if (law_failed_)
          {
            report.message          = law_result_.message;
            report.time_step_factor = law_result_.time_step_factor;
            return report;
          }
        const double r = residual_.l2_norm();
        if (!std::isfinite(r))
          {
            report.message = "the residual is not finite (NaN or Inf): the "
                             "law's stress is out of its range";
            report.time_step_factor = 0.5;
            return report;
          }
        // The force scale: the largest internal forces of this step or of
        // any earlier one, so that a body that relaxes towards zero stress
        // (a released ribbon recovering) is not held to a tolerance below
        // the round-off of the forces it carried.
        reference = std::max({reference,
                              internal_force_.l2_norm(),
                              std::abs(load_),
                              force_scale_});
        const bool residual_converged =
            r <= settings_.newton_tolerance * reference;
        const bool correction_converged =
            last_correction <= settings_.displacement_tolerance ||
            (it > 2 && last_correction > 0.5 * previous_correction);
        if (verbose)
          *log_ << "    Newton " << it << ": |r|/|f_int| = " << r / reference
                << ", last |du|/|u| = " << last_correction << std::endl;
        const bool at_round_off =
            it > 2 &&
            last_correction <= 1e-3 * settings_.displacement_tolerance &&
            r <= 1e3 * settings_.newton_tolerance * reference;
        if ((it > 1 && residual_converged && correction_converged) ||
            at_round_off || r == 0.0)
          {
            // A step with NaN or Inf is cut back like one that failed, so
            // no output ever holds one (issue 16's guards).
            if (!finite_everywhere())
              {
                report.message = "the solution or the law's state is not "
                                 "finite (NaN or Inf)";
                report.time_step_factor = 0.5;
                return report;
              }
            report.converged         = true;
            report.newton_iterations = it - 1;
            force_scale_             = reference;
            return report;
          }
        // A new tangent unless the residual is small and the last
        // correction too: then the remaining corrections refine the
        // solution of the same linearized system and reuse the assembled
        // matrix.  (With large rotations a stale tangent would make the
        // corrections converge only linearly.)
        if (it > 1 &&
            (!residual_converged ||
             last_correction > 1e3 * settings_.displacement_tolerance))
          assemble(true);
        try
          {
            PhaseTimer::Scope scope(timer_, "linear solve");
            const auto        linear = linear_solver_.solve(
                matrix_, newton_update_, residual_, dof_handler_);
            report.linear_iterations += linear.iterations;
            report.factorizations += linear.factorizations;
          }
        catch (const SolverControl::NoConvergence &e)
          {
            // Collective: every rank's CG stops at the same iteration.
            report.message = "the linear solver did not converge in " +
                             std::to_string(e.last_step) + " iterations";
            report.time_step_factor = 0.5;
            return report;
          }
        // Homogeneous constraints: zero on Dirichlet lines, the tangent-plane
        // condition on a rigid surface, interpolation on hanging nodes.
        constraints_.distribute(newton_update_);
        solution_ += newton_update_;
        ghosted_ = solution_;
        refresh_surface();
        const double u      = solution_.l2_norm();
        previous_correction = last_correction;
        last_correction     = u > 0.0 ? newton_update_.l2_norm() / u : 0.0;
      }
    report.message = "Newton did not converge in " +
                     std::to_string(settings_.max_newton_iterations) +
                     " iterations";
    report.time_step_factor = 0.5;
    return report;
  }

  template <int dim>
  bool
  QuasiStaticSolver<dim>::finite_everywhere() const
  {
    bool finite = std::isfinite(solution_.linfty_norm());
    for (const auto &cell : triangulation_.active_cell_iterators())
      if (finite && cell->is_locally_owned())
        for (const auto &state : states_.get_data(cell))
          finite = finite && state->end_is_finite();
    return Utilities::MPI::min(finite ? 1 : 0, comm_) == 1;
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::accept()
  {
    for_each_state([](material::PointState &state) { state.update(); });
    old_solution_ = solution_;
    ghosted_      = solution_;
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::restore_cell(const DoFCellIterator &cell,
                                       const double          *values)
  {
    std::vector<types::global_dof_index> indices(fe_.n_dofs_per_cell());
    cell->get_dof_indices(indices);
    const std::size_t n = indices.size();
    for (unsigned int i = 0; i < n; ++i)
      if (locally_owned_.is_element(indices[i]))
        {
          solution_[indices[i]]       = values[i];
          internal_force_[indices[i]] = values[n + i];
        }
    values += 2 * n;
    for (const auto &state : states_.get_data(cell))
      {
        const std::size_t size = state->begin_values().size();
        state->set_begin(std::vector<double>(values, values + size),
                         values[size]);
        values += size + 1;
      }
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::restored(const double force_scale)
  {
    solution_.compress(VectorOperation::insert);
    internal_force_.compress(VectorOperation::insert);
    old_solution_ = solution_;
    ghosted_      = solution_;
    force_scale_  = force_scale;
    linear_solver_.reset();
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::reject()
  {
    for_each_state([](material::PointState &state) { state.revert(); });
    solution_ = old_solution_;
    ghosted_  = solution_;
  }

  template <int dim>
  double
  QuasiStaticSolver<dim>::patch_displacement(const unsigned int component) const
  {
    FEFaceValues<dim> face_values(
        fe_, face_quadrature_, update_values | update_JxW_values);
    const FEValuesExtractors::Scalar u(component);
    std::vector<double>              values(face_quadrature_.size());
    double                           integral = 0.0;
    for (const auto &cell : dof_handler_.active_cell_iterators())
      if (cell->is_locally_owned())
        for (const auto &face : cell->face_iterators())
          if (face->at_boundary() &&
              face->boundary_id() == traction_boundary_ && in_patch_ &&
              in_patch_(face->center()))
            {
              face_values.reinit(cell, face);
              face_values[u].get_function_values(ghosted_, values);
              for (unsigned int q = 0; q < values.size(); ++q)
                integral += values[q] * face_values.JxW(q);
            }
    return Utilities::MPI::sum(integral, comm_) / patch_area_;
  }

  template <int dim>
  std::vector<Point<dim>>
  QuasiStaticSolver<dim>::deformed_points(
      const std::function<bool(const Point<dim> &)> &where) const
  {
    const auto                          &X = support_points();
    std::vector<Point<dim>>              points;
    std::set<types::global_dof_index>    seen;
    std::vector<types::global_dof_index> dofs(fe_.n_dofs_per_cell());
    std::vector<std::array<types::global_dof_index, dim>> nodes(
        fe_.n_dofs_per_cell() / dim);
    for (const auto &cell : dof_handler_.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          cell->get_dof_indices(dofs);
          for (unsigned int i = 0; i < dofs.size(); ++i)
            {
              const auto [c, k] = fe_.system_to_component_index(i);
              nodes[k][c]       = dofs[i];
            }
          for (const auto &node : nodes)
            if (locally_owned_.is_element(node[0]) && where(X.at(node[0])) &&
                seen.insert(node[0]).second)
              points.push_back(current_position(node));
        }
    return points;
  }

  template <int dim>
  void
  QuasiStaticSolver<dim>::add_displacement(const Function<dim> &d)
  {
    TrilinosWrappers::MPI::Vector increment(locally_owned_, comm_);
    VectorTools::interpolate(dof_handler_, d, increment);
    // Newton's corrections vanish on Dirichlet lines: keep them exact.
    for (const auto dof : dirichlet_dofs_)
      if (locally_owned_.is_element(dof))
        increment[dof] = 0.0;
    increment.compress(VectorOperation::insert);
    solution_ += increment;
    ghosted_ = solution_;
  }

  template <int dim>
  std::vector<typename QuasiStaticSolver<dim>::SurfacePoint>
  QuasiStaticSolver<dim>::surface_points() const
  {
    const auto               &X = support_points();
    std::vector<SurfacePoint> points;
    for (const auto &node : surface_nodes_)
      if (locally_owned_.is_element(node[0]))
        {
          SurfacePoint p;
          p.reference = X.at(node[0]);
          p.current   = current_position(node);
          for (unsigned int c = 0; c < dim; ++c)
            p.force[c] = internal_force_[node[c]];
          points.push_back(p);
        }
    return points;
  }

  template <int dim>
  double
  QuasiStaticSolver<dim>::reaction(const types::boundary_id boundary,
                                   const unsigned int       component) const
  {
    std::vector<bool> mask(dim, false);
    mask[component]     = true;
    const IndexSet dofs = DoFTools::extract_boundary_dofs(
        dof_handler_, ComponentMask(mask), {boundary});
    double sum = 0.0;
    for (const auto i : dofs)
      if (locally_owned_.is_element(i))
        sum += internal_force_[i];
    return Utilities::MPI::sum(sum, comm_);
  }

  template class QuasiStaticSolver<2>;
  template class QuasiStaticSolver<3>;
} // namespace mgrelax
