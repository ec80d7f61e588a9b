// The generalized Kelvin law: construction, the spectra, and integrate()
// with the stages of the linear update and the tangent (doc/numerics.md,
// 'Integrating the law').  The other stages: kelvin_parameters.cc,
// kelvin_state.cc, kelvin_coefficients.cc, kelvin_nonlinear.cc.
#include "material/kelvin_law.h"

#include <atomic>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

#include "material/elastic_law.h"
#include "material/format.h"
#include "material/kelvin_coefficients.h"

namespace mgrelax::material
{
  namespace
  {
    std::atomic<std::uint64_t> next_law_id{1};

    StepResult
    failure(const std::string &message)
    {
      return {IntegrationStatus::failure, 0.5, message};
    }

    // The inputs of a step the law refuses: a negative or non-finite time
    // step, a non-finite strain, a non-positive (mid-step) temperature, a
    // temperature where E(T) is not positive.  Success otherwise.
    StepResult
    check_step(const double   dt,
               const Vector6 &strain,
               const double   temperature,
               const double   youngs_modulus)
    {
      if (!(dt >= 0.0) || !std::isfinite(dt))
        return failure("generalized Kelvin: invalid time step " +
                       short_number(dt));
      if (!strain.allFinite())
        return failure("generalized Kelvin: non-finite strain");
      if (!(temperature > 0.0))
        return failure("generalized Kelvin: temperature must be > 0 K (got " +
                       short_number(temperature) + ")");
      if (!(youngs_modulus > 0.0))
        return failure("generalized Kelvin: E(T) = E0 (1 + 'modulus slope' "
                       "(T - 'modulus knee temperature')) is not > 0 at T = " +
                       short_number(temperature) + " K");
      return {IntegrationStatus::success, 1.0, {}};
    }
  } // namespace

  // ------------------------------------------------------------------------
  // Construction

  GeneralizedKelvinLaw::GeneralizedKelvinLaw(
      const GeneralizedKelvinParameters &p)
      : parameters_(p)
  {
    parameters_.check();
    mu_           = p.youngs_modulus / (2.0 * (1.0 + p.poissons_ratio));
    bulk_         = p.youngs_modulus / (3.0 * (1.0 - 2.0 * p.poissons_ratio));
    has_dashpot_  = p.dashpot_viscosity > 0.0;
    state_active_ = p.state.active();
    id_           = next_law_id.fetch_add(1);
    build_units();
    build_description();
    layout_ = KelvinStateLayout(description_, parameters_.families);
  }

  DiscreteSpectrum
  GeneralizedKelvinLaw::spectrum(const unsigned int f,
                                 const double       temperature) const
  {
    return spectrum(f, temperature, shear_modulus(temperature));
  }

  DiscreteSpectrum
  GeneralizedKelvinLaw::spectrum(const unsigned int f,
                                 const double       temperature,
                                 const double       mu) const
  {
    const KelvinFamily &family = parameters_.families.at(f);
    DiscreteSpectrum    s;
    switch (family.spectrum)
      {
      case KelvinFamily::SpectrumKind::gumbel:
        s = family.gumbel.discretize();
        break;
      case KelvinFamily::SpectrumKind::list:
        {
          s.tau    = family.list_times;
          s.weight = family.list_weights;
          const double sum =
              std::accumulate(s.weight.begin(), s.weight.end(), 0.0);
          for (double &w : s.weight)
            w /= sum;
          break;
        }
      case KelvinFamily::SpectrumKind::stz:
        {
          const double total = family.stz.total_fraction();
          for (unsigned int n = family.stz.n_min; n <= family.stz.n_max; ++n)
            {
              s.tau.push_back(family.stz.time_constant(
                  n, temperature, mu, parameters_.poissons_ratio));
              s.weight.push_back(
                  family.stz.volume_fractions[n - family.stz.n_min] / total);
            }
          return s;
        }
      }
    const double log_shift = family.temperature.log_shift(temperature);
    for (double &tau : s.tau)
      tau = std::exp(std::log(tau) + log_shift);
    return s;
  }

  double
  GeneralizedKelvinLaw::compliance_increment(const unsigned int f) const
  {
    const KelvinFamily &family = parameters_.families.at(f);
    if (family.spectrum == KelvinFamily::SpectrumKind::stz)
      return family.stz.total_fraction() / parameters_.youngs_modulus;
    return family.compliance_increment;
  }

  double
  GeneralizedKelvinLaw::dashpot_viscosity(const double temperature) const
  {
    if (!has_dashpot_)
      return std::numeric_limits<double>::infinity();
    return parameters_.dashpot_viscosity *
           std::exp(parameters_.dashpot_temperature.log_shift(temperature));
  }

  void
  GeneralizedKelvinLaw::build_description()
  {
    LawDescription &d = description_;
    d.name            = "generalized Kelvin";
    d.parameters      = {
             {"Young's modulus", parameters_.youngs_modulus, "Pa"},
             {"Poisson's ratio", parameters_.poissons_ratio, "-"},
             {"dashpot viscosity", parameters_.dashpot_viscosity, "Pa s"}};
    for (unsigned int f = 0; f < parameters_.families.size(); ++f)
      d.parameters.push_back(
          {"compliance increment " + parameters_.families[f].name,
           compliance_increment(f),
           "1/Pa"});
    d.internal_state = kelvin_state_variables(parameters_, family_n_units_);
  }

  Matrix6
  GeneralizedKelvinLaw::elastic_stiffness(const double temperature) const
  {
    const double scale =
        youngs_modulus(temperature) / parameters_.youngs_modulus;
    return isotropic_stiffness(scale * bulk_, scale * mu_);
  }

  // ------------------------------------------------------------------------
  // Integration: the stages of integrate()

  const GeneralizedKelvinLaw::Coefficients &
  GeneralizedKelvinLaw::step_coefficients(const double        dt,
                                          const double        temperature,
                                          const double *const internal0) const
  {
    // The state of the beginning of the step sets the step's times and
    // compliances (staggered; [Zhang2023-beta] Eqs. 14, 18-20, [Atzmon2023]
    // Sec. 9).
    const double population = internal0[layout_.p];
    const double stiffening =
        layout_.has_modulus_rise ? 1.0 + internal0[layout_.modulus_rise] : 1.0;
    double              shift_buffer[16];
    std::vector<double> shift_heap;
    double             *shift = nullptr;
    if (state_active_)
      {
        const unsigned int nf = parameters_.families.size();
        if (nf > 16)
          shift_heap.resize(nf);
        shift = nf > 16 ? shift_heap.data() : shift_buffer;
        for (unsigned int f = 0; f < nf; ++f)
          shift[f] = state_log_shift(f,
                                     internal0[layout_.chi],
                                     internal0[layout_.E_beta],
                                     temperature);
      }
    return coefficients(
        dt, temperature, shift, state_active_ ? population : 1.0, stiffening);
  }

  // Known part of the deviatoric strain balance
  //   s1 = 2 mu (e1 - sum eps_k1 - eps_d1 - sum eps_v1),
  // with eps_k1 = decay eps_k0 + ja s1 + jb s0 for the Kelvin units and
  // the dashpot's theta rule:
  //   (1 + 2 mu G) s1 + 2 mu sum d(eps_v) = 2 mu r.
  Vector6
  GeneralizedKelvinLaw::known_strain(const Coefficients &c,
                                     const Vector6      &strain,
                                     const Vector6      &s0,
                                     const double *const internal0) const
  {
    Vector6 r = deviator(strain) - c.H * s0;

    const double      *units0 = internal0 + layout_.recoverable_units;
    const unsigned int nr     = recoverable_units_.size();
    for (unsigned int k = 0; k < nr; ++k)
      r -= c.decay[k] * Eigen::Map<const Vector6>(units0 + 6 * k);
    if (has_dashpot_)
      r -= Eigen::Map<const Vector6>(internal0 + layout_.dashpot);
    const double      *vp0 = internal0 + layout_.viscoplastic_units;
    const unsigned int nv  = viscoplastic_units_.size();
    for (unsigned int k = 0; k < nv; ++k)
      r -= Eigen::Map<const Vector6>(vp0 + 6 * k);
    return r;
  }

  // s1 = lambda s_trial.  Without active viscoplastic units lambda is
  // 1/(1 + 2 mu G).  With them it solves the scalar, convex, piecewise
  // linear equation
  //   F(lambda) = lambda (1 + 2 mu G)
  //             + 3 mu sum_v c_v <g_v lambda rho - e_v> / rho - 1 = 0,
  // rho = sigma_eq(s_trial), e_v = eps_v,eq at the beginning; Newton from
  // the upper bound 1/(1 + 2 mu G) converges in at most nv + 1 steps.
  void
  GeneralizedKelvinLaw::solve_lambda(const Coefficients &c,
                                     const double       *vp0,
                                     const double        rho,
                                     double             &lambda,
                                     double             &dlambda_drho) const
  {
    const double       mu = c.mu;
    const double       D  = 1.0 + 2.0 * mu * c.G;
    const unsigned int nv = viscoplastic_units_.size();
    lambda                = 1.0 / D;
    dlambda_drho          = 0.0;
    if (!(nv > 0 && rho > 0.0))
      return;
    for (unsigned int it = 0; it <= nv + 1; ++it)
      {
        double F = lambda * D - 1.0, dF = D, dF_drho = 0.0;
        for (unsigned int k = 0; k < nv; ++k)
          {
            const double e0 =
                equivalent_strain(Eigen::Map<const Vector6>(vp0 + 6 * k));
            const double gap = c.saturation[k] * lambda * rho - e0;
            if (gap > 0.0)
              {
                F += 3.0 * mu * c.progress[k] * gap / rho;
                dF += 3.0 * mu * c.progress[k] * c.saturation[k];
                dF_drho += 3.0 * mu * c.progress[k] * e0 / (rho * rho);
              }
          }
        const double step = F / dF;
        lambda -= step;
        dlambda_drho = -dF_drho / dF;
        if (std::abs(step) <= 1e-15 * lambda)
          break;
      }
  }

  // The Kelvin units at the end of the step (those of nonlinear families
  // come from integrate_nonlinear()), their sum eps_an and the equivalent
  // strain of each family.  Returns the spring energy of the units,
  // accumulated per component (no long dependency chain) and summed once;
  // `beta_stored` is the part in the families of state role beta.
  double
  GeneralizedKelvinLaw::update_recoverable_units(const Coefficients &c,
                                                 const Vector6      &s0,
                                                 const Vector6      &s1,
                                                 const double       *internal0,
                                                 double             *internal,
                                                 Vector6            &eps_an,
                                                 double &beta_stored) const
  {
    const double *const units0       = internal0 + layout_.recoverable_units;
    double *const       units1       = internal + layout_.recoverable_units;
    Vector6             stored_parts = Vector6::Zero();
    const unsigned int  n_families   = parameters_.families.size();
    const double *const decay        = c.decay.data();
    const double *const ja           = c.ja.data();
    const double *const jb           = c.jb.data();
    const double *const half_inv_j   = c.half_inv_j.data();
    eps_an                           = Vector6::Zero();
    beta_stored                      = 0.0;
    for (unsigned int f = 0; f < n_families; ++f)
      {
        if (parameters_.families[f].kind != KelvinFamily::Kind::recoverable)
          continue;
        const Vector6      stored_before = stored_parts;
        Vector6            family_sum    = Vector6::Zero();
        const unsigned int first         = family_first_unit_[f];
        const unsigned int last          = first + family_n_units_[f];
        if (parameters_.families[f].nonlinear())
          for (unsigned int k = first; k < last; ++k)
            {
              const Eigen::Map<const Vector6> unit(units1 + 6 * k);
              family_sum += unit;
              stored_parts += half_inv_j[k] * unit.cwiseAbs2();
            }
        else
          for (unsigned int k = first; k < last; ++k)
            {
              const Vector6 unit =
                  decay[k] * Eigen::Map<const Vector6>(units0 + 6 * k) +
                  ja[k] * s1 + jb[k] * s0;
              Eigen::Map<Vector6>(units1 + 6 * k) = unit;
              family_sum += unit;
              stored_parts += half_inv_j[k] * unit.cwiseAbs2();
            }
        internal[layout_.family_eq + f] = equivalent_strain(family_sum);
        eps_an += family_sum;
        if (parameters_.families[f].state_role == KelvinFamily::StateRole::beta)
          beta_stored += (stored_parts - stored_before).sum();
      }
    return stored_parts.sum();
  }

  // The viscoplastic units at the end of the step (exact for constant
  // stress), their sum eps_vp and the equivalent strain of each family.
  void
  GeneralizedKelvinLaw::update_viscoplastic_units(const Coefficients &c,
                                                  const Vector6      &s1,
                                                  const double       *internal0,
                                                  double             *internal,
                                                  Vector6 &eps_vp) const
  {
    const double *const vp0        = internal0 + layout_.viscoplastic_units;
    double *const       vp1        = internal + layout_.viscoplastic_units;
    const double        seq1       = equivalent_stress(s1);
    const unsigned int  n_families = parameters_.families.size();
    eps_vp                         = Vector6::Zero();
    for (unsigned int f = 0; f < n_families; ++f)
      {
        if (parameters_.families[f].kind != KelvinFamily::Kind::viscoplastic)
          continue;
        Vector6 family_sum = Vector6::Zero();
        for (unsigned int k = family_first_unit_[f];
             k < family_first_unit_[f] + family_n_units_[f];
             ++k)
          {
            const Eigen::Map<const Vector6> unit0(vp0 + 6 * k);
            Eigen::Map<Vector6>             unit(vp1 + 6 * k);
            unit = unit0;
            const double gap =
                c.saturation[k] * seq1 - equivalent_strain(unit0);
            if (gap > 0.0 && seq1 > 0.0)
              unit += (1.5 * c.progress[k] * gap / seq1) * s1;
            family_sum += unit;
          }
        internal[layout_.family_eq + f] = equivalent_strain(family_sum);
        eps_vp += family_sum;
      }
  }

  // The dashpot's theta rule; its strain is part of eps_vp.
  void
  GeneralizedKelvinLaw::update_dashpot(const Coefficients &c,
                                       const Vector6      &s0,
                                       const Vector6      &s1,
                                       const double       *internal0,
                                       double             *internal,
                                       Vector6            &eps_vp) const
  {
    if (!has_dashpot_)
      return;
    Eigen::Map<Vector6> dashpot(internal + layout_.dashpot);
    dashpot = Eigen::Map<const Vector6>(internal0 + layout_.dashpot) +
              c.dashpot_end * s1 + c.dashpot_begin * s0;
    eps_vp += dashpot;
  }

  // Linear units: d(s1)/d(eps) = 2 mu lambda P + 3 mu lambda'(rho)/rho
  // s_trial (x) s_trial; nonlinear units: J^-1 2 mu P from the local Newton.
  void
  GeneralizedKelvinLaw::write_tangent(const TangentRequest request,
                                      const Coefficients  &c,
                                      const bool           nonlinear,
                                      const double         lambda,
                                      const double         dlambda_drho,
                                      const double         rho,
                                      const Vector6       &s_trial,
                                      const Matrix6       &deviatoric_tangent,
                                      Matrix6             &tangent) const
  {
    switch (request)
      {
      case TangentRequest::none:
        break;
      case TangentRequest::elastic:
        tangent = isotropic_stiffness(c.bulk, c.mu);
        break;
      case TangentRequest::consistent:
        {
          if (nonlinear)
            {
              tangent = c.bulk * unit_tensor() * unit_tensor().transpose() +
                        deviatoric_tangent;
              break;
            }
          tangent = isotropic_stiffness(c.bulk, lambda * c.mu);
          if (dlambda_drho != 0.0)
            tangent += (3.0 * c.mu * dlambda_drho / rho) * s_trial *
                       s_trial.transpose();
          break;
        }
      }
  }

  // ------------------------------------------------------------------------
  // Integration

  StepResult
  GeneralizedKelvinLaw::integrate(const StepRequest    &request,
                                  const ConstStateView &begin,
                                  StateView            &end,
                                  Matrix6              *tangent) const
  {
    const double                    dt = request.dt;
    const Eigen::Map<const Vector6> strain(end.strain);
    const double temperature = 0.5 * (begin.temperature + end.temperature);
    if (StepResult refused =
            check_step(dt, strain, temperature, youngs_modulus(temperature));
        !refused.succeeded())
      return refused;
    StepResult result{
        IntegrationStatus::success, request.max_time_step_factor, {}};
    const double *const internal0 = begin.internal;
    double *const       internal  = end.internal;
    const Coefficients &c       = step_coefficients(dt, temperature, internal0);
    const Vector6       stress0 = Eigen::Map<const Vector6>(begin.stress);
    const Vector6       s0      = deviator(stress0);
    const Vector6       r       = known_strain(c, strain, s0, internal0);

    // The end deviator: s1 = lambda s_trial (linear), or the local Newton.
    const Vector6 s_trial      = 2.0 * c.mu * r;
    const double  rho          = equivalent_stress(s_trial);
    double        lambda       = 0.0;
    double        dlambda_drho = 0.0;
    Vector6       s1;
    Matrix6       deviatoric_tangent;
    const bool    nonlinear = !nonlinear_units_.empty();
    if (nonlinear)
      {
        const bool want_tangent =
            tangent != nullptr && request.tangent == TangentRequest::consistent;
        const StepResult nl =
            integrate_nonlinear(c,
                                r,
                                s0,
                                internal0 + layout_.recoverable_units,
                                internal0 + layout_.viscoplastic_units,
                                s1,
                                internal + layout_.recoverable_units,
                                want_tangent ? &deviatoric_tangent : nullptr);
        if (!nl.succeeded())
          return nl;
      }
    else
      {
        solve_lambda(c,
                     internal0 + layout_.viscoplastic_units,
                     rho,
                     lambda,
                     dlambda_drho);
        s1 = lambda * s_trial;
      }

    Eigen::Map<Vector6> stress(end.stress);
    stress = s1;
    stress.head<3>().array() += c.bulk * trace(strain);

    // The units, their sums, the energies and the state.
    Vector6      eps_an, eps_vp;
    double       beta_stored = 0.0;
    const double stored      = update_recoverable_units(
        c, s0, s1, internal0, internal, eps_an, beta_stored);
    update_viscoplastic_units(c, s1, internal0, internal, eps_vp);
    update_dashpot(c, s0, s1, internal0, internal, eps_vp);
    Eigen::Map<Vector6>(internal + layout_.eps_an) = eps_an;
    Eigen::Map<Vector6>(internal + layout_.eps_vp) = eps_vp;
    internal[layout_.eps_an_eq]                    = equivalent_strain(eps_an);
    internal[layout_.eps_vp_eq]                    = equivalent_strain(eps_vp);
    update_energies(c, begin, end, s1, stored);
    update_aging_state(dt, temperature, stored - beta_stored, begin, end);

    if (tangent != nullptr)
      write_tangent(request.tangent,
                    c,
                    nonlinear,
                    lambda,
                    dlambda_drho,
                    rho,
                    s_trial,
                    deviatoric_tangent,
                    *tangent);
    if (!stress.allFinite())
      return failure("generalized Kelvin: non-finite stress");
    return result;
  }
} // namespace mgrelax::material
