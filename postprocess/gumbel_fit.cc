#include "postprocess/gumbel_fit.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "material/spectrum.h"
#include "postprocess/spectrum_inversion.h"

namespace mgrelax::postprocess
{
  namespace
  {
    constexpr double B_low = 0.05, B_high = 1.0;

    // The creep basis of one family: sum_i w_i (1 - exp(-t/tau_i)).
    void
    family_basis(const double                B,
                 const double                ln_tau,
                 const unsigned int          units,
                 const std::vector<double>  &t,
                 Eigen::Ref<Eigen::VectorXd> column)
    {
      material::GumbelSpectrum g;
      g.B                                = std::clamp(B, B_low, B_high);
      g.mean_time                        = std::exp(ln_tau);
      g.units                            = units;
      const material::DiscreteSpectrum s = g.discretize();
      column.setZero();
      for (std::size_t i = 0; i < s.tau.size(); ++i)
        for (std::size_t k = 0; k < t.size(); ++k)
          column[k] += s.weight[i] * -std::expm1(-t[k] / s.tau[i]);
    }

    struct Projection
    {
      Eigen::VectorXd coefficients; // c_0, dJ_1..dJ_F (scaled)
      Eigen::VectorXd residual;
      Eigen::MatrixXd basis;
    };

    Projection
    project(const Eigen::VectorXd     &theta,
            const unsigned int         units,
            const std::vector<double> &t,
            const Eigen::VectorXd     &y)
    {
      const Eigen::Index F = theta.size() / 2;
      Projection         p;
      p.basis.resize(y.size(), F + 1);
      p.basis.col(0).setOnes();
      for (Eigen::Index k = 0; k < F; ++k)
        family_basis(
            theta[2 * k], theta[2 * k + 1], units, t, p.basis.col(k + 1));
      // c_0 free, dJ_k >= 0 (a compliance increment cannot be negative).
      nnls(p.basis, y, 1, p.coefficients);
      p.residual = y - p.basis * p.coefficients;
      return p;
    }
  } // namespace

  std::vector<double>
  GumbelFit::model(const std::vector<double> &t, const unsigned int units) const
  {
    std::vector<double> y(t.size(), offset);
    Eigen::VectorXd     column(t.size());
    for (const GumbelFamilyFit &f : families)
      {
        family_basis(f.B, std::log(f.mean_time), units, t, column);
        for (std::size_t k = 0; k < t.size(); ++k)
          y[k] += f.dJ * column[k];
      }
    return y;
  }

  GumbelFit
  fit_gumbel_families(const std::vector<double> &t,
                      const std::vector<double> &y_data,
                      const std::vector<double> &initial_times,
                      const unsigned int         units,
                      const double               initial_B)
  {
    const std::size_t F = initial_times.size();
    if (F < 1 || F > 3)
      throw std::invalid_argument("Gumbel fit: 1 to 3 families (got " +
                                  std::to_string(F) + ")");
    if (t.size() != y_data.size() || t.size() < 3 * F + 2)
      throw std::invalid_argument("Gumbel fit: too few data for " +
                                  std::to_string(F) + " families");
    for (const double tau : initial_times)
      if (!(tau > 0.0 && std::isfinite(tau)))
        throw std::invalid_argument(
            "Gumbel fit: initial mean times must be > 0");
    if (!(initial_B >= B_low && initial_B <= B_high))
      throw std::invalid_argument("Gumbel fit: initial B must be in [0.05, 1]");

    const Eigen::Index m     = static_cast<Eigen::Index>(t.size());
    double             scale = 0.0;
    for (const double v : y_data)
      scale = std::max(scale, std::abs(v));
    if (!(scale > 0.0))
      throw std::invalid_argument("Gumbel fit: the curve is zero everywhere");
    Eigen::VectorXd y(m);
    for (Eigen::Index k = 0; k < m; ++k)
      y[k] = y_data[k] / scale;

    Eigen::VectorXd theta(2 * F);
    for (std::size_t k = 0; k < F; ++k)
      {
        theta[2 * k]     = initial_B;
        theta[2 * k + 1] = std::log(initial_times[k]);
      }
    const auto jacobian = [&](const Eigen::VectorXd &th,
                              const Eigen::VectorXd &r0) {
      Eigen::MatrixXd J(m, th.size());
      for (Eigen::Index j = 0; j < th.size(); ++j)
        {
          Eigen::VectorXd tp = th;
          const double    h  = j % 2 == 0 ? 1e-6 : 1e-5;
          tp[j] += h;
          J.col(j) = (project(tp, units, t, y).residual - r0) / h;
        }
      return J;
    };

    GumbelFit  result;
    Projection current = project(theta, units, t, y);
    double     cost    = current.residual.squaredNorm();
    double     mu      = 1e-3;
    for (result.iterations = 0; result.iterations < 300; ++result.iterations)
      {
        const Eigen::MatrixXd J        = jacobian(theta, current.residual);
        const Eigen::MatrixXd JT       = J.transpose() * J;
        const Eigen::VectorXd g        = J.transpose() * current.residual;
        bool                  improved = false;
        for (int attempt = 0; attempt < 30 && !improved; ++attempt)
          {
            Eigen::MatrixXd Aug = JT;
            Aug.diagonal() += mu * (JT.diagonal().array() + 1e-12).matrix();
            Eigen::VectorXd step  = Aug.ldlt().solve(-g);
            Eigen::VectorXd trial = theta + step;
            for (std::size_t k = 0; k < F; ++k)
              trial[2 * k] = std::clamp(trial[2 * k], B_low, B_high);
            const Projection p = project(trial, units, t, y);
            const double     c = p.residual.squaredNorm();
            if (c < cost)
              {
                const double relative = (cost - c) / std::max(cost, 1e-300);
                const double move     = (trial - theta).cwiseAbs().maxCoeff();
                theta                 = trial;
                current               = p;
                cost                  = c;
                mu                    = std::max(mu / 3.0, 1e-12);
                improved              = true;
                if (relative < 1e-12 || move < 1e-9)
                  result.converged = true;
              }
            else
              mu *= 4.0;
          }
        if (!improved)
          result.converged = true; // no descent direction left
        if (result.converged)
          break;
      }

    // Linearized uncertainty of all parameters (nonlinear + linear) from
    // the full Jacobian of the model at the solution.
    const Eigen::Index n_lin = static_cast<Eigen::Index>(F) + 1;
    const Eigen::Index n_par = 2 * static_cast<Eigen::Index>(F) + n_lin;
    Eigen::MatrixXd    Jfull(m, n_par);
    {
      const Eigen::VectorXd model0 = current.basis * current.coefficients;
      for (Eigen::Index j = 0; j < 2 * static_cast<Eigen::Index>(F); ++j)
        {
          Eigen::VectorXd tp = theta;
          const double    h  = j % 2 == 0 ? 1e-6 : 1e-5;
          tp[j] += h;
          const Projection p = project(tp, units, t, y);
          Jfull.col(j)       = (p.basis * current.coefficients - model0) / h;
        }
      Jfull.rightCols(n_lin) = current.basis;
    }
    const double dof = std::max<double>(1.0, static_cast<double>(m - n_par));
    const double s2  = cost / dof;
    const Eigen::MatrixXd cov = s2 * (Jfull.transpose() * Jfull)
                                         .completeOrthogonalDecomposition()
                                         .pseudoInverse();

    result.offset = current.coefficients[0] * scale;
    result.rms    = std::sqrt(cost / m) * scale;
    for (std::size_t k = 0; k < F; ++k)
      {
        GumbelFamilyFit f;
        f.B            = theta[2 * k];
        f.mean_time    = std::exp(theta[2 * k + 1]);
        f.dJ           = current.coefficients[k + 1] * scale;
        f.sigma_B      = std::sqrt(std::max(0.0, cov(2 * k, 2 * k)));
        f.sigma_ln_tau = std::sqrt(std::max(0.0, cov(2 * k + 1, 2 * k + 1)));
        const Eigen::Index l = 2 * static_cast<Eigen::Index>(F) + 1 + k;
        f.sigma_dJ           = std::sqrt(std::max(0.0, cov(l, l))) * scale;
        result.families.push_back(f);
      }
    std::sort(result.families.begin(),
              result.families.end(),
              [](const GumbelFamilyFit &a, const GumbelFamilyFit &b) {
                return a.mean_time < b.mean_time;
              });
    return result;
  }
} // namespace mgrelax::postprocess
