// The nonlinear update of the generalized Kelvin law: a local Newton on
// the end deviator and the strains of the units with stress-dependent
// kinetics (material/README.md, 'Nonlinear kinetics'; doc/numerics.md,
// 'Integrating the law').
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "material/kelvin_coefficients.h"

namespace mgrelax::material
{
  namespace
  {
    // ln psi(q) and d(ln psi)/dq of a nonlinear unit: the sinh factor of
    // [Atzmon2023] Eq. 1, ln(sinh z / z) with z = q/sigma0, evaluated without
    // overflow, and the barrier factor of [Zhang2023-beta] Eq. 17.
    void
    log_rate_factor(const double q,
                    const double inv_sigma0,
                    const double barrier_EkT,
                    const double inv_barrier,
                    double      &L,
                    double      &dL)
    {
      L  = 0.0;
      dL = 0.0;
      if (inv_sigma0 > 0.0)
        {
          const double z = q * inv_sigma0;
          if (z < 0.1) // series, error below 1e-16 relative
            {
              const double z2 = z * z;
              L += z2 * (1.0 / 6.0 - z2 * (1.0 / 180.0 -
                                           z2 * (1.0 / 2835.0 - z2 / 37800.0)));
              dL += inv_sigma0 * z *
                    (1.0 / 3.0 -
                     z2 * (1.0 / 45.0 - z2 * (2.0 / 945.0 - z2 / 4725.0)));
            }
          else
            {
              L += z + std::log1p(-std::exp(-2.0 * z)) - std::log(2.0 * z);
              dL += inv_sigma0 * (1.0 / std::tanh(z) - 1.0 / z);
            }
        }
      if (inv_barrier > 0.0)
        {
          const double u = 1.0 - q * inv_barrier;
          if (u > 0.0)
            {
              const double root = std::cbrt(u);
              L += barrier_EkT * (1.0 - root * root);
              dL += barrier_EkT * (2.0 / 3.0) * inv_barrier / root;
            }
          else
            L += barrier_EkT; // the barrier has vanished
        }
    }

    // Buffers of the local Newton, per thread (no allocation per point).
    struct NewtonWorkspace
    {
      std::vector<Vector6> R, AinvR, W, Gv, e_saved, de;
      std::vector<double>  JA, CW;
    };
  } // namespace

  // Unknowns: the end deviator s1 and the end strains e_m of the nonlinear
  // units.  Unit m is the linear exact update with its time divided by
  // psi(q_m) at the end of the step (an implicit, exponentially fitted
  // scheme that is the part-1 update when psi = 1):
  //   R_m = e_m - e^-x e_m0 - j (a(x) s1 + b(x) s0) = 0,
  //   x = dt psi(q_m) / tau_m,  q_m = sigma_eq(s1 - e_m / j);
  // the strain balance with the linear units, dashpot and viscoplastic
  // units (exact for constant stress, as in the linear branch):
  //   R_s = D s1 + 2 mu sum_m e_m + 2 mu sum_v d(eps_v)(s1) - 2 mu r = 0.
  // Each R_m is eliminated (Sherman-Morrison: its Jacobian in e_m is the
  // identity plus a rank-one term), leaving a 6x6 system in s1.
  class GeneralizedKelvinLaw::NonlinearUpdate
  {
  public:
    NonlinearUpdate(const GeneralizedKelvinLaw &law_in,
                    const Coefficients         &c_in,
                    const Vector6              &r_in,
                    const Vector6              &s0_in,
                    const double               *units0_in,
                    const double               *vp0_in,
                    Vector6                    &s1_out,
                    double                     *units1_out)
        : law(law_in)
        , c(c_in)
        , r(r_in)
        , s0(s0_in)
        , units0(units0_in)
        , vp0(vp0_in)
        , s1(s1_out)
        , units1(units1_out)
        , nn(law_in.nonlinear_units_.size())
        , nv(law_in.viscoplastic_units_.size())
        , two_mu(2.0 * c_in.mu)
        , D(1.0 + two_mu * c_in.G)
    {
      thread_local NewtonWorkspace workspace;
      w = &workspace;
      for (auto *v : {&w->R, &w->AinvR, &w->W, &w->Gv, &w->e_saved, &w->de})
        v->resize(nn);
      w->JA.resize(nn);
      w->CW.resize(nn);
    }

    // Predictor: every unit linear (the part-1 update), viscoplastic units
    // frozen.
    void
    predict()
    {
      Vector6 rhs = r;
      double  Dp  = D;
      for (unsigned int m = 0; m < nn; ++m)
        {
          rhs -= c.nl_decay[m] * e0(m) + c.nl_jb[m] * s0;
          Dp += two_mu * c.nl_ja[m];
        }
      s1 = (two_mu / Dp) * rhs;
      for (unsigned int m = 0; m < nn; ++m)
        e1(m) = c.nl_decay[m] * e0(m) + c.nl_ja[m] * s1 + c.nl_jb[m] * s0;
    }

    // The Newton iterations from the predictor, and the deviatoric tangent
    // J^-1 2 mu P at convergence on request.
    StepResult
    solve(Matrix6 *deviatoric_tangent)
    {
      StepResult failed{IntegrationStatus::failure, 0.5, {}};
      double     scale = equivalent_stress(two_mu * r) / two_mu;
      for (unsigned int m = 0; m < nn; ++m)
        scale += e0(m).norm();
      scale = std::max(scale, 1e-300);

      double merit = evaluate();
      for (unsigned int it = 0;; ++it)
        {
          if (!std::isfinite(merit) || !J.allFinite())
            {
              failed.message = "generalized Kelvin: the nonlinear update "
                               "failed (non-finite or singular local Newton)";
              return failed;
            }
          if (merit <= 1e-12 * scale)
            break;
          if (it == 50)
            {
              failed.message = "generalized Kelvin: the local Newton of the "
                               "nonlinear units did not converge";
              return failed;
            }
          const double trial = newton_step(merit, scale);
          if (!(trial <= merit) && !(merit <= 1e-10 * scale))
            {
              failed.message = "generalized Kelvin: the local Newton of the "
                               "nonlinear units stalled";
              return failed;
            }
          merit = trial;
        }
      if (deviatoric_tangent != nullptr)
        *deviatoric_tangent =
            J.partialPivLu().solve(two_mu * deviatoric_projector());
      return {IntegrationStatus::success, 1.0, {}};
    }

  private:
    Eigen::Map<const Vector6>
    e0(const unsigned int m) const
    {
      return Eigen::Map<const Vector6>(units0 + 6 * law.nonlinear_units_[m]);
    }
    Eigen::Map<Vector6>
    e1(const unsigned int m)
    {
      return Eigen::Map<Vector6>(units1 + 6 * law.nonlinear_units_[m]);
    }

    // Residuals, the condensed Jacobian J and the elimination terms;
    // returns the merit |R_s|/2mu + sum |R_m| (NaN: singular).
    double
    evaluate()
    {
      Rs           = D * s1 - two_mu * r;
      J            = D * Matrix6::Identity();
      double merit = 0.0;
      for (unsigned int m = 0; m < nn; ++m)
        if (!evaluate_unit(m, merit))
          return std::numeric_limits<double>::quiet_NaN();
      if (nv > 0)
        add_viscoplastic_units();
      return merit + Rs.norm() / two_mu;
    }

    // Unit m's residual, its part of R_s and J, and its elimination terms.
    bool
    evaluate_unit(const unsigned int m, double &merit)
    {
      const Eigen::Map<const Vector6> u0 = e0(m);
      const Eigen::Map<const Vector6> u1(units1 + 6 * law.nonlinear_units_[m]);
      const double                    j = c.nl_j[m];
      const Vector6                   n = s1 - u1 / j;
      const double                    q = equivalent_stress(n);
      double                          L, dL;
      log_rate_factor(q,
                      c.nl_inv_sigma0[m],
                      c.nl_barrier_EkT[m],
                      c.nl_inv_barrier[m],
                      L,
                      dL);
      const double         log_x  = c.log_dt - c.nl_log_tau[m] + L;
      const bool           capped = log_x > 700.0; // equilibrium anyway
      const double         x      = std::exp(std::min(log_x, 700.0));
      const KelvinWeightsD kw     = kelvin_weights_d(x);
      w->R[m] = u1 - kw.decay * u0 - j * (kw.a * s1 + kw.b * s0);
      Rs += two_mu * u1;
      merit += w->R[m].norm();
      // dR_m/de_m = I + w g^T / j, dR_m/ds1 = -j a I - w g^T with
      // w = dR/dx (sign flipped) and g = dx/dq dq/dn.  With
      // A^-1 = I - w g^T / (j + g.w):  A^-1 B = -j a I - c w g^T,
      // c = j (1 - a) / (j + g.w).
      const Vector6 wv    = -kw.decay * u0 + j * (kw.da * s1 + kw.db * s0);
      const double  dx_dq = capped ? 0.0 : x * dL;
      const Vector6 g =
          q > 0.0 ? Vector6((1.5 * dx_dq / q) * n) : Vector6::Zero();
      const double den = j + g.dot(wv);
      if (!(std::abs(den) > 1e-3 * j))
        return false;
      w->W[m]     = wv;
      w->Gv[m]    = g;
      w->JA[m]    = j * kw.a;
      w->CW[m]    = j * (1.0 - kw.a) / den;
      w->AinvR[m] = w->R[m] - (g.dot(w->R[m]) / den) * wv;
      J.diagonal().array() += two_mu * w->JA[m];
      J += (two_mu * w->CW[m]) * wv * g.transpose();
      return true;
    }

    // The viscoplastic units' strains (exact for constant stress) in R_s and
    // J.
    void
    add_viscoplastic_units()
    {
      const Matrix6 I   = Matrix6::Identity();
      const double  seq = equivalent_stress(s1);
      for (unsigned int k = 0; k < nv && seq > 0.0; ++k)
        {
          const double e0v =
              equivalent_strain(Eigen::Map<const Vector6>(vp0 + 6 * k));
          const double gap = c.saturation[k] * seq - e0v;
          if (!(gap > 0.0))
            continue;
          const double p = 1.5 * c.progress[k];
          Rs += (two_mu * p * gap / seq) * s1;
          J += two_mu * p *
               (c.saturation[k] * I -
                e0v * (I / seq -
                       (1.5 / (seq * seq * seq)) * s1 * s1.transpose()));
        }
    }

    // One Newton step with backtracking on the merit (the sinh grows fast:
    // a full step from the linear predictor can overshoot).  Each trial
    // also evaluates the Jacobian, which the next iteration uses.  Returns
    // the merit of the accepted trial.
    double
    newton_step(const double merit, const double scale)
    {
      Vector6 rhs = -Rs;
      for (unsigned int m = 0; m < nn; ++m)
        rhs += two_mu * w->AinvR[m];
      const Vector6 ds      = J.partialPivLu().solve(rhs);
      const Vector6 s_saved = s1;
      for (unsigned int m = 0; m < nn; ++m)
        {
          w->e_saved[m] = e1(m);
          w->de[m] = w->JA[m] * ds + (w->CW[m] * w->Gv[m].dot(ds)) * w->W[m] -
                     w->AinvR[m];
        }
      double alpha = 1.0, trial = 0.0;
      for (int halving = 0; halving < 30; ++halving, alpha *= 0.5)
        {
          s1 = s_saved + alpha * ds;
          for (unsigned int m = 0; m < nn; ++m)
            e1(m) = w->e_saved[m] + alpha * w->de[m];
          trial = evaluate();
          if (trial <= (1.0 - 1e-4 * alpha) * merit || merit <= 1e-10 * scale)
            break;
        }
      return trial;
    }

    const GeneralizedKelvinLaw &law;
    const Coefficients         &c;
    const Vector6              &r;
    const Vector6              &s0;
    const double *const         units0;
    const double *const         vp0;
    Vector6                    &s1;
    double *const               units1;
    const unsigned int          nn, nv;
    const double                two_mu, D;
    NewtonWorkspace            *w = nullptr;
    Matrix6                     J;
    Vector6                     Rs;
  };

  StepResult
  GeneralizedKelvinLaw::integrate_nonlinear(const Coefficients &c,
                                            const Vector6      &r,
                                            const Vector6      &s0,
                                            const double       *units0,
                                            const double       *vp0,
                                            Vector6            &s1,
                                            double             *units1,
                                            Matrix6 *deviatoric_tangent) const
  {
    NonlinearUpdate update(*this, c, r, s0, units0, vp0, s1, units1);
    update.predict();
    return update.solve(deviatoric_tangent);
  }
} // namespace mgrelax::material
