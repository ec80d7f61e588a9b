#include "postprocess/kww_fit.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mgrelax::postprocess
{
  namespace
  {
    // Stretching exponents searched and allowed (beta > 1: compressed).
    constexpr double beta_low = 0.02, beta_high = 3.0;

    // Parameters (ln tau, beta, A, c) and the data.
    struct Problem
    {
      const std::vector<double> &t, &y;
      Kernel                     kernel;
      bool                       fit_offset;
      Eigen::Index
      size() const
      {
        return fit_offset ? 4 : 3;
      }
    };

    // Residuals r = c + A g - y and, if J is given, their Jacobian.  With
    // u = (t/tau)^beta: dg/d ln tau = beta u e^{-u}, dg/d beta =
    // -u ln(t/tau) e^{-u} for the decay g = e^{-u} (the opposite signs for
    // the creep g = 1 - e^{-u}).
    Eigen::VectorXd
    residuals(const Problem         &p,
              const Eigen::VectorXd &x,
              Eigen::MatrixXd       *J = nullptr)
    {
      const auto      m   = static_cast<Eigen::Index>(p.t.size());
      const double    tau = std::exp(x[0]), beta = x[1], A = x[2];
      const double    c    = p.fit_offset ? x[3] : 0.0;
      const double    sign = p.kernel == Kernel::creep ? -1.0 : 1.0;
      Eigen::VectorXd r(m);
      if (J)
        J->resize(m, p.size());
      for (Eigen::Index i = 0; i < m; ++i)
        {
          const double g = kww_shape(p.kernel, p.t[i], tau, beta);
          r[i]           = c + A * g - p.y[i];
          if (!J)
            continue;
          const double u    = p.t[i] > 0.0 ? std::pow(p.t[i] / tau, beta) : 0.0;
          const double e    = std::exp(-u);
          const double logs = p.t[i] > 0.0 ? std::log(p.t[i] / tau) : 0.0;
          (*J)(i, 0)        = sign * A * beta * u * e;
          (*J)(i, 1)        = -sign * A * u * logs * e;
          (*J)(i, 2)        = g;
          if (p.fit_offset)
            (*J)(i, 3) = 1.0;
        }
      return r;
    }

    // The start: the best (ln tau, beta) of a grid (8 per decade over the
    // data window widened tenfold, beta from 0.05 to 1.5), with A and c by
    // linear least squares at each.
    Eigen::VectorXd
    starting_point(const Problem &p)
    {
      double t_first = 0.0;
      for (std::size_t i = 0; i < p.t.size() && !(t_first > 0.0); ++i)
        t_first = p.t[i];
      const double low   = std::log(t_first / 10.0);
      const double high  = std::log(p.t.back() * 10.0);
      const int    n_tau = static_cast<int>(8 * (high - low) / std::log(10.0));
      const auto   m     = static_cast<Eigen::Index>(p.t.size());
      Eigen::VectorXd best(p.size());
      double          best_cost = std::numeric_limits<double>::infinity();
      Eigen::MatrixXd M(m, p.fit_offset ? 2 : 1);
      const Eigen::Map<const Eigen::VectorXd> y(p.y.data(), m);
      for (int k = 0; k <= n_tau; ++k)
        for (double beta = 0.05; beta <= 1.5 + 1e-9; beta += 0.05)
          {
            const double ln_tau = low + (high - low) * k / n_tau;
            for (Eigen::Index i = 0; i < m; ++i)
              {
                M(i, 0) = kww_shape(p.kernel, p.t[i], std::exp(ln_tau), beta);
                if (p.fit_offset)
                  M(i, 1) = 1.0;
              }
            const Eigen::VectorXd linear = M.colPivHouseholderQr().solve(y);
            const double          cost   = (M * linear - y).squaredNorm();
            if (cost < best_cost)
              {
                best_cost = cost;
                best << ln_tau, beta, linear;
              }
          }
      return best;
    }

    // Levenberg-Marquardt with Marquardt's diagonal scaling; beta kept in
    // [beta_low, beta_high].  Returns whether the cost stopped decreasing
    // (relative change < 1e-13 or step < 1e-12) within 500 iterations.
    bool
    levenberg_marquardt(const Problem   &p,
                        Eigen::VectorXd &x,
                        unsigned int    &iterations)
    {
      Eigen::MatrixXd J;
      Eigen::VectorXd r    = residuals(p, x, &J);
      double          cost = r.squaredNorm(), mu = 1e-3;
      for (iterations = 0; iterations < 500; ++iterations)
        {
          const Eigen::MatrixXd JtJ = J.transpose() * J;
          const Eigen::VectorXd g   = J.transpose() * r;
          Eigen::MatrixXd       H   = JtJ;
          H.diagonal() += mu * JtJ.diagonal().cwiseMax(1e-300);
          const Eigen::VectorXd step  = -H.ldlt().solve(g);
          Eigen::VectorXd       trial = x + step;
          trial[1] = std::clamp(trial[1], beta_low, beta_high);
          Eigen::MatrixXd       J_trial;
          const Eigen::VectorXd r_trial = residuals(p, trial, &J_trial);
          const double          c_trial = r_trial.squaredNorm();
          if (std::isfinite(c_trial) && c_trial <= cost)
            {
              const bool done = cost - c_trial <= 1e-13 * cost ||
                                step.norm() <= 1e-12 * (1.0 + x.norm());
              x    = trial;
              r    = r_trial;
              J    = J_trial;
              cost = c_trial;
              mu   = std::max(mu / 3.0, 1e-12);
              if (done)
                return true;
            }
          else if ((mu *= 4.0) > 1e12)
            return true; // no descent left: a minimum to round-off
        }
      return false;
    }
  } // namespace

  double
  kww_shape(const Kernel kernel,
            const double t,
            const double tau,
            const double beta)
  {
    const double u = t > 0.0 ? std::pow(t / tau, beta) : 0.0;
    return kernel == Kernel::creep ? -std::expm1(-u) : std::exp(-u);
  }

  std::vector<double>
  KwwFit::model(const std::vector<double> &t) const
  {
    std::vector<double> y(t.size());
    for (std::size_t i = 0; i < t.size(); ++i)
      y[i] = offset + amplitude * kww_shape(kernel, t[i], tau, beta);
    return y;
  }

  KwwFit
  fit_kww(const std::vector<double> &t,
          const std::vector<double> &y,
          const KwwOptions          &options)
  {
    if (t.size() != y.size() || t.size() < 5)
      throw std::invalid_argument("stretched-exponential fit: need at least 5 "
                                  "(t, y) pairs of equal length");
    for (std::size_t i = 0; i < t.size(); ++i)
      if (!std::isfinite(t[i]) || !std::isfinite(y[i]) || t[i] < 0.0 ||
          (i > 0 && !(t[i] > t[i - 1])))
        throw std::invalid_argument(
            "stretched-exponential fit: times must be finite, >= 0 and "
            "increasing, values finite");
    if (!(t.back() > 0.0))
      throw std::invalid_argument(
          "stretched-exponential fit: no positive time");
    const Problem   p{t, y, options.kernel, options.fit_offset};
    Eigen::VectorXd x = starting_point(p);
    KwwFit          fit;
    fit.kernel    = options.kernel;
    fit.converged = levenberg_marquardt(p, x, fit.iterations);
    fit.tau       = std::exp(x[0]);
    fit.beta      = x[1];
    fit.amplitude = x[2];
    fit.offset    = options.fit_offset ? x[3] : 0.0;
    fit.residual  = residuals(p, x).norm();
    fit.rms       = fit.residual / std::sqrt(static_cast<double>(t.size()));
    return fit;
  }
} // namespace mgrelax::postprocess
