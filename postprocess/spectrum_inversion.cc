#include "postprocess/spectrum_inversion.h"

#include "material/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace mgrelax::postprocess
{
  namespace
  {
    using material::short_number;

    // pyReSpect's "lenient" widening of the data window (a factor e^{pi/2}
    // = 4.8 on either side); CONTIN advises a comparable 0.1/t_max ..
    // 4/dt_min in rates.  Times beyond are indistinguishable from the
    // constant (or B t) terms.
    constexpr double widening = 4.810477380965351; // exp(pi/2)
  }                                                // namespace

  Kernel
  parse_kernel(const std::string &name)
  {
    if (name == "recovery")
      return Kernel::recovery;
    if (name == "creep")
      return Kernel::creep;
    if (name == "stress-recovery")
      return Kernel::stress_recovery;
    throw std::invalid_argument("unknown kernel '" + name +
                                "' (allowed: recovery, creep, "
                                "stress-recovery)");
  }

  std::string
  kernel_name(const Kernel kernel)
  {
    switch (kernel)
      {
      case Kernel::recovery:
        return "recovery";
      case Kernel::creep:
        return "creep";
      case Kernel::stress_recovery:
        return "stress-recovery";
      }
    return "";
  }

  double
  kernel_value(const Kernel kernel,
               const double hold_time,
               const double t,
               const double tau)
  {
    switch (kernel)
      {
      case Kernel::recovery:
        return std::exp(-t / tau);
      case Kernel::creep:
        return -std::expm1(-t / tau);
      case Kernel::stress_recovery:
        return -std::expm1(-hold_time / tau) * std::exp(-t / tau);
      }
    return 0.0;
  }

  std::vector<double>
  tau_grid(const std::vector<double> &t, const InversionOptions &options)
  {
    // The shortest time the data resolve is their first positive time: a
    // much faster mode has decayed (or saturated) at every datum but t = 0,
    // whatever the spacing.  (The smallest time step, CONTIN's
    // measure for data that start at t = 0 with a constant step, is far
    // shorter for log-spaced data and gave the grid invisible columns.)
    double t_low = 0.0;
    for (std::size_t i = 0; i < t.size() && t_low <= 0.0; ++i)
      t_low = t[i] > 0.0 ? t[i] : 0.0;
    // Creep data that do not start at t = 0: a time much shorter than the
    // first one gives a column 1 - exp(-t/tau) ~ 1, indistinguishable from
    // the free constant c_0, so the grid starts at the first time.
    const bool creep_without_origin =
        options.kernel == Kernel::creep && t.front() > 0.0;
    const double low = options.tau_min > 0.0  ? options.tau_min
                       : creep_without_origin ? t.front()
                                              : t_low / widening;
    const double high =
        options.tau_max > 0.0 ? options.tau_max : t.back() * widening;
    if (!(low > 0.0 && high > low))
      throw std::invalid_argument("tau grid: need 0 < tau min < tau max (got " +
                                  short_number(low) + ", " +
                                  short_number(high) + ")");
    const double decades = std::log10(high / low);
    const auto   n       = static_cast<unsigned int>(
        std::max(3.0, std::ceil(decades * options.points_per_decade) + 1));
    std::vector<double> tau(n);
    for (unsigned int j = 0; j < n; ++j)
      tau[j] = low * std::pow(high / low, static_cast<double>(j) / (n - 1));
    return tau;
  }

  unsigned int
  nnls(const Eigen::MatrixXd &A,
       const Eigen::VectorXd &b,
       const unsigned int     n_free,
       Eigen::VectorXd       &x)
  {
    const Eigen::Index n = A.cols();
    if (x.size() != n)
      x = Eigen::VectorXd::Zero(n);
    std::vector<char> passive(n, 0);
    for (Eigen::Index i = 0; i < n; ++i)
      {
        if (i < n_free)
          passive[i] = 1;
        else if (x[i] > 0.0)
          passive[i] = 1;
        else
          x[i] = 0.0;
      }
    std::vector<char> blocked(n, 0); // added but would not grow
    const double      tolerance =
        1e-12 * std::max(1e-300, (A.transpose() * b).cwiseAbs().maxCoeff()) *
        std::sqrt(static_cast<double>(n));

    Eigen::VectorXd z(n);
    const auto      solve_passive = [&]() {
      std::vector<Eigen::Index> cols;
      for (Eigen::Index i = 0; i < n; ++i)
        if (passive[i])
          cols.push_back(i);
      z.setZero();
      if (cols.empty())
        return;
      Eigen::MatrixXd Ap(A.rows(), cols.size());
      for (std::size_t k = 0; k < cols.size(); ++k)
        Ap.col(k) = A.col(cols[k]);
      const Eigen::VectorXd zp = Ap.colPivHouseholderQr().solve(b);
      for (std::size_t k = 0; k < cols.size(); ++k)
        z[cols[k]] = zp[k];
    };

    unsigned int       iterations     = 0;
    const unsigned int max_iterations = static_cast<unsigned int>(10 * n + 100);
    bool               first          = true;
    while (iterations < max_iterations)
      {
        if (!first)
          {
            // Outer loop: the constrained unknown whose gradient most
            // wants to grow joins the passive set.
            const Eigen::VectorXd w    = A.transpose() * (b - A * x);
            Eigen::Index          add  = -1;
            double                best = tolerance;
            for (Eigen::Index i = n_free; i < n; ++i)
              if (!passive[i] && !blocked[i] && w[i] > best)
                {
                  best = w[i];
                  add  = i;
                }
            if (add < 0)
              break;
            passive[add] = 1;
            solve_passive();
            if (z[add] <= 0.0)
              {
                // Round-off: the direction does not grow; never retry it.
                passive[add] = 0;
                blocked[add] = 1;
                continue;
              }
          }
        else
          solve_passive();
        first = false;
        // Inner loop: step back towards feasibility until every passive
        // constrained unknown of the unconstrained solution is positive.
        while (++iterations < max_iterations)
          {
            double       alpha = 2.0;
            Eigen::Index hit   = -1;
            for (Eigen::Index i = n_free; i < n; ++i)
              if (passive[i] && z[i] <= 0.0)
                {
                  const double a = x[i] / (x[i] - z[i]);
                  if (a < alpha)
                    {
                      alpha = a;
                      hit   = i;
                    }
                }
            if (hit < 0)
              break;
            x += alpha * (z - x);
            for (Eigen::Index i = n_free; i < n; ++i)
              if (passive[i] && (x[i] <= 0.0 || i == hit))
                {
                  passive[i] = 0;
                  x[i]       = 0.0;
                }
            solve_passive();
          }
        x = z;
        std::fill(blocked.begin(), blocked.end(), 0);
      }
    for (Eigen::Index i = n_free; i < n; ++i)
      if (!passive[i])
        x[i] = 0.0;
    return iterations;
  }

  Eigen::MatrixXd
  second_differences(const Eigen::Index n, const Eigen::Index n_free)
  {
    // Rows k = -2 .. n-1: f_k - 2 f_{k+1} + f_{k+2}, with f = 0 outside
    // the grid (the two phantom points beyond either end), so that a
    // linear ramp at an end of the grid is penalized like any other
    // curvature (doc/numerics.md Sec. 4.3).
    Eigen::MatrixXd D = Eigen::MatrixXd::Zero(n + 2, n_free + n);
    for (Eigen::Index k = -2; k < n; ++k)
      for (const auto &[offset, weight] :
           {std::pair{0, 1.0}, std::pair{1, -2.0}, std::pair{2, 1.0}})
        if (k + offset >= 0 && k + offset < n)
          D(k + 2, n_free + k + offset) = weight;
    return D;
  }

  std::vector<double>
  Inversion::model(const Solution &s, const std::vector<double> &t) const
  {
    std::vector<double> y(t.size());
    for (std::size_t i = 0; i < t.size(); ++i)
      {
        double v = s.p[0];
        if (kernel == Kernel::creep)
          v += s.p[1] * t[i];
        for (std::size_t j = 0; j < tau.size(); ++j)
          if (s.f[j] != 0.0)
            v += s.f[j] * kernel_value(kernel, hold_time, t[i], tau[j]);
        y[i] = v;
      }
    return y;
  }

  Inversion
  invert_spectrum(const std::vector<double> &t,
                  const std::vector<double> &y,
                  const InversionOptions    &options)
  {
    if (t.size() != y.size() || t.size() < 3)
      throw std::invalid_argument("spectrum inversion: need at least 3 (t, y) "
                                  "pairs of equal length");
    if (options.kernel == Kernel::stress_recovery && !(options.hold_time > 0.0))
      throw std::invalid_argument("the stress-recovery kernel needs the hold "
                                  "time (--hold-time) > 0 s");
    if (options.points_per_decade < 1 || options.points_per_decade > 100)
      throw std::invalid_argument(
          "points per decade must be in [1, 100] (got " +
          std::to_string(options.points_per_decade) + ")");

    Inversion result;
    result.kernel             = options.kernel;
    result.hold_time          = options.hold_time;
    result.tau                = tau_grid(t, options);
    const Eigen::Index m      = static_cast<Eigen::Index>(t.size());
    const Eigen::Index n      = static_cast<Eigen::Index>(result.tau.size());
    const unsigned int n_free = options.kernel == Kernel::creep ? 2 : 1;
    const Eigen::Index cols   = n_free + n;

    // Scaled data (max |y| = 1) and columns [1, t/t_max, K].
    double scale = 0.0;
    for (const double v : y)
      scale = std::max(scale, std::abs(v));
    if (!(scale > 0.0))
      throw std::invalid_argument(
          "spectrum inversion: the strain is zero everywhere");
    const double    t_max = t.back() > 0.0 ? t.back() : 1.0;
    Eigen::MatrixXd M(m, cols);
    Eigen::VectorXd rhs(m);
    for (Eigen::Index i = 0; i < m; ++i)
      {
        rhs[i]  = y[i] / scale;
        M(i, 0) = 1.0;
        if (n_free == 2)
          M(i, 1) = t[i] / t_max;
        for (Eigen::Index j = 0; j < n; ++j)
          M(i, n_free + j) = kernel_value(
              options.kernel, options.hold_time, t[i], result.tau[j]);
      }

    // QR reduction of the data block (CONTIN App. A): |M x - y|^2 =
    // |R x - z|^2 + |y_perp|^2.
    Eigen::MatrixXd top;
    Eigen::VectorXd z;
    double          perp2 = 0.0;
    if (m > cols)
      {
        const Eigen::HouseholderQR<Eigen::MatrixXd> qr(M);
        top = qr.matrixQR().topRows(cols).triangularView<Eigen::Upper>();
        const Eigen::VectorXd qty = qr.householderQ().adjoint() * rhs;
        z                         = qty.head(cols);
        perp2                     = qty.tail(m - cols).squaredNorm();
      }
    else
      {
        top = M;
        z   = rhs;
      }
    const Eigen::Index    rows_top = top.rows();
    const Eigen::Index    rows_pen = n + 2;
    const Eigen::MatrixXd D        = second_differences(n, n_free);
    Eigen::MatrixXd       A(rows_top + rows_pen, cols);
    A.topRows(rows_top) = top;
    Eigen::VectorXd b   = Eigen::VectorXd::Zero(rows_top + rows_pen);
    b.head(rows_top)    = z;

    Eigen::VectorXd x; // warm start across lambdas
    const auto      solve = [&](const double lambda) {
      A.bottomRows(rows_pen) = std::sqrt(lambda) * D;
      nnls(A, b, n_free, x);
      Solution s;
      s.lambda        = lambda;
      const double r2 = (top * x - z).squaredNorm() + perp2;
      s.residual      = std::sqrt(r2) * scale;
      s.seminorm      = (D * x).norm() * scale;
      s.f             = x.tail(n) * scale;
      s.p             = x.head(n_free) * scale;
      if (n_free == 2)
        s.p[1] /= t_max;
      // Effective degrees of freedom on the passive set: the trace of the
      // influence matrix, |Q_1|_F^2 for the QR of the restricted stacked
      // matrix (Q_1: its data rows).
      std::vector<Eigen::Index> passive;
      for (Eigen::Index i = 0; i < cols; ++i)
        if (i < n_free || x[i] > 0.0)
          passive.push_back(i);
      s.passive = static_cast<unsigned int>(passive.size() - n_free);
      Eigen::MatrixXd Ap(A.rows(), passive.size());
      for (std::size_t k = 0; k < passive.size(); ++k)
        Ap.col(k) = A.col(passive[k]);
      const Eigen::HouseholderQR<Eigen::MatrixXd> qr(Ap);
      const Eigen::MatrixXd                       Q =
          qr.householderQ() *
          Eigen::MatrixXd::Identity(A.rows(),
                                    static_cast<Eigen::Index>(passive.size()));
      s.dof                    = Q.topRows(rows_top).squaredNorm();
      const double denominator = static_cast<double>(m) - s.dof;
      s.gcv = denominator > 0.5 ? m * r2 / (denominator * denominator)
                                     : std::numeric_limits<double>::infinity();
      return s;
    };

    if (options.lambda > 0.0)
      {
        result.chosen      = solve(options.lambda);
        result.chosen_rule = "fixed";
        return result;
      }
    if (!(options.lambda_min > 0.0 && options.lambda_max > options.lambda_min &&
          options.scan_points >= 7))
      throw std::invalid_argument("lambda scan: need 0 < lambda min < lambda "
                                  "max and at least 7 points");

    // Scan from strong to weak regularization (warm starts shrink the
    // passive set gradually), stored in increasing lambda.
    const unsigned int N = options.scan_points;
    result.scan.resize(N);
    for (unsigned int k = N; k-- > 0;)
      result.scan[k] = solve(options.lambda_min *
                             std::pow(options.lambda_max / options.lambda_min,
                                      static_cast<double>(k) / (N - 1)));

    // GCV: the global minimum.
    double best = std::numeric_limits<double>::infinity();
    for (unsigned int k = 0; k < N; ++k)
      if (result.scan[k].gcv < best)
        {
          best             = result.scan[k].gcv;
          result.gcv_index = static_cast<int>(k);
        }
    if (result.gcv_index == 0 || result.gcv_index == static_cast<int>(N) - 1)
      result.notes.push_back("GCV minimum at the end of the lambda scan");

    // L-curve: signed curvature of (ln residual, ln seminorm) along
    // ln lambda by central differences; the corner is the largest interior
    // local maximum, two points away from either end (a maximum at the
    // ends of the scan is not a corner).
    std::vector<double> rho(N), eta(N), kappa(N, 0.0);
    double              eta_max = 0.0;
    for (unsigned int k = 0; k < N; ++k)
      eta_max = std::max(eta_max, result.scan[k].seminorm);
    for (unsigned int k = 0; k < N; ++k)
      {
        rho[k] = std::log(std::max(result.scan[k].residual, 1e-300));
        eta[k] = std::log(
            std::max(result.scan[k].seminorm, 1e-8 * eta_max + 1e-300));
      }
    // Where the curve does not move (the plateau of the unregularized
    // solutions at small lambda, where the penalty no longer matters), the
    // curvature is round-off of tiny derivatives: only points moving at
    // least 2% of the fastest count.
    std::vector<double> speed(N, 0.0);
    for (unsigned int k = 1; k + 1 < N; ++k)
      speed[k] = std::hypot(0.5 * (rho[k + 1] - rho[k - 1]),
                            0.5 * (eta[k + 1] - eta[k - 1]));
    const double fastest = *std::max_element(speed.begin(), speed.end());
    for (unsigned int k = 1; k + 1 < N; ++k)
      {
        if (!(speed[k] >= 0.02 * fastest && speed[k] > 0.0))
          continue;
        const double r1 = 0.5 * (rho[k + 1] - rho[k - 1]);
        const double e1 = 0.5 * (eta[k + 1] - eta[k - 1]);
        const double r2 = rho[k + 1] - 2 * rho[k] + rho[k - 1];
        const double e2 = eta[k + 1] - 2 * eta[k] + eta[k - 1];
        kappa[k]        = (r1 * e2 - r2 * e1) / std::pow(speed[k], 3);
      }
    for (unsigned int k = 0; k < N; ++k)
      result.scan[k].curvature = kappa[k];
    const auto global =
        std::max_element(kappa.begin(), kappa.end()) - kappa.begin();
    double best_kappa = 0.0;
    for (unsigned int k = 2; k + 2 < N; ++k)
      if (kappa[k] > best_kappa && kappa[k] >= kappa[k - 1] &&
          kappa[k] >= kappa[k + 1])
        {
          best_kappa          = kappa[k];
          result.lcurve_index = static_cast<int>(k);
        }
    result.lcurve_at_end = global < 2 || global + 2 >= static_cast<long>(N);
    if (result.lcurve_at_end)
      result.notes.push_back("the L-curve curvature peaks at an end of the "
                             "lambda scan (ignored as a corner)");
    if (result.lcurve_index < 0)
      result.notes.push_back("no interior L-curve corner");

    // CONTIN's F-test (Provencher 1982; doc/numerics.md
    // Sec. 4.4): against the reference solution at the smallest lambda (V0, its
    // degrees of freedom n0), F1 = (V - V0)/V0 (m - n0)/n0 and PROB1 =
    // P_F(F1; n0, m - n0); the chosen solution has PROB1 = 0.5, found by
    // bisection in ln lambda between the scan points that bracket it.
    {
      const double V0    = std::pow(result.scan.front().residual, 2);
      const double n0    = result.scan.front().dof;
      const double d2    = static_cast<double>(m) - n0;
      const bool   valid = V0 > 0.0 && n0 > 0.0 && d2 > 0.0;
      const auto   prob1 = [&](Solution &s) {
        const double F1 =
            std::max(0.0, (s.residual * s.residual - V0) / V0 * d2 / n0);
        s.prob1 = f_distribution_cdf(F1, n0, d2);
      };
      double best_distance = 1.0;
      for (unsigned int k = 0; valid && k < N; ++k)
        {
          prob1(result.scan[k]);
          if (std::abs(result.scan[k].prob1 - 0.5) < best_distance)
            {
              best_distance       = std::abs(result.scan[k].prob1 - 0.5);
              result.contin_index = static_cast<int>(k);
            }
        }
      if (!valid)
        result.notes.push_back("F-test undefined (no residual at the "
                               "reference lambda)");
      else
        {
          result.contin      = result.scan[result.contin_index];
          unsigned int upper = 1;
          while (upper < N && result.scan[upper].prob1 < 0.5)
            ++upper;
          if (upper < N)
            {
              double low  = std::log(result.scan[upper - 1].lambda);
              double high = std::log(result.scan[upper].lambda);
              for (int i = 0; i < 12; ++i)
                {
                  Solution trial = solve(std::exp(0.5 * (low + high)));
                  prob1(trial);
                  (trial.prob1 < 0.5 ? low : high) = std::log(trial.lambda);
                  if (std::abs(trial.prob1 - 0.5) <
                      std::abs(result.contin.prob1 - 0.5))
                    result.contin = trial;
                }
            }
          if (std::abs(result.contin.prob1 - 0.5) > 0.1)
            result.notes.push_back("the F-test's PROB1 stays " +
                                   short_number(result.contin.prob1) +
                                   " at best (CONTIN wants 0.5)");
        }
    }

    const auto index_of = [&](const LambdaRule r) {
      return r == LambdaRule::gcv      ? result.gcv_index
             : r == LambdaRule::lcurve ? result.lcurve_index
                                       : result.contin_index;
    };
    const auto name_of = [](const LambdaRule r) {
      return std::string(r == LambdaRule::gcv      ? "GCV"
                         : r == LambdaRule::lcurve ? "L-curve"
                                                   : "CONTIN F-test");
    };
    LambdaRule rule  = options.rule;
    int        index = index_of(rule);
    for (const LambdaRule fallback :
         {LambdaRule::contin, LambdaRule::lcurve, LambdaRule::gcv})
      if (index < 0 && index_of(fallback) >= 0)
        {
          rule  = fallback;
          index = index_of(fallback);
          result.notes.push_back("fell back to " + name_of(fallback));
        }
    if (index < 0)
      index = 0;
    result.chosen_rule = name_of(rule);
    if (rule == LambdaRule::contin)
      {
        result.chosen = result.contin;
        return result;
      }
    result.chosen = result.scan[index];
    return result;
  }

  double
  incomplete_beta(const double a, const double b, const double x)
  {
    if (!(x > 0.0))
      return 0.0;
    if (!(x < 1.0))
      return 1.0;
    // Continued fraction of I_x(a, b), evaluated by the modified Lentz
    // method; it converges fast for x < (a + 1)/(a + b + 2), otherwise use
    // I_x(a, b) = 1 - I_{1-x}(b, a).
    if (x > (a + 1.0) / (a + b + 2.0))
      return 1.0 - incomplete_beta(b, a, 1.0 - x);
    const double log_front = a * std::log(x) + b * std::log1p(-x) -
                             std::log(a) - std::lgamma(a) - std::lgamma(b) +
                             std::lgamma(a + b);
    const double tiny = 1e-300;
    double       c = 1.0, d = 1.0 - (a + b) * x / (a + 1.0);
    d            = 1.0 / (std::abs(d) < tiny ? tiny : d);
    double value = d;
    for (int k = 1; k <= 500; ++k)
      {
        // Even term d_{2k}, then odd term d_{2k+1}.
        for (const double coefficient :
             {k * (b - k) * x / ((a + 2 * k - 1) * (a + 2 * k)),
              -(a + k) * (a + b + k) * x / ((a + 2 * k) * (a + 2 * k + 1))})
          {
            d = 1.0 + coefficient * d;
            d = 1.0 / (std::abs(d) < tiny ? tiny : d);
            c = 1.0 + coefficient / c;
            c = std::abs(c) < tiny ? tiny : c;
            value *= c * d;
          }
        if (std::abs(c * d - 1.0) < 1e-15)
          break;
      }
    return std::exp(log_front) * value;
  }

  double
  f_distribution_cdf(const double F, const double d1, const double d2)
  {
    if (!(F > 0.0))
      return 0.0;
    return incomplete_beta(0.5 * d1, 0.5 * d2, d1 * F / (d1 * F + d2));
  }

  std::vector<Peak>
  find_peaks(const std::vector<double> &tau,
             const Eigen::VectorXd     &f,
             const double               min_fraction)
  {
    const auto        n = static_cast<long>(tau.size());
    std::vector<long> maxima;
    const auto at = [&](const long i) { return i < 0 || i >= n ? 0.0 : f[i]; };
    for (long i = 0; i < n; ++i)
      if (f[i] > 0.0 && f[i] > at(i - 1) && f[i] >= at(i + 1))
        maxima.push_back(i);
    // Boundaries: the minimum of f between consecutive maxima (it goes to
    // the left peak).
    std::vector<Peak> peaks;
    long              start = 0;
    for (std::size_t k = 0; k < maxima.size(); ++k)
      {
        long end = n - 1;
        if (k + 1 < maxima.size())
          {
            end = maxima[k];
            for (long i = maxima[k]; i <= maxima[k + 1]; ++i)
              if (f[i] < f[end])
                end = i;
          }
        Peak p;
        p.first = static_cast<unsigned int>(start);
        p.last  = static_cast<unsigned int>(end);
        peaks.push_back(p);
        start = end + 1;
      }
    const auto measure = [&](Peak &p) {
      double area = 0.0, moment = 0.0, top = -1.0;
      for (unsigned int i = p.first; i <= p.last; ++i)
        {
          area += f[i];
          moment += f[i] * std::log(tau[i]);
          if (f[i] > top)
            {
              top       = f[i];
              p.tau_max = tau[i];
            }
        }
      p.area     = area;
      p.centroid = area > 0.0 ? std::exp(moment / area) : p.tau_max;
    };
    for (Peak &p : peaks)
      measure(p);
    double total = 0.0;
    for (const Peak &p : peaks)
      total += p.area;
    // Merge small peaks into their larger neighbour, smallest first.
    while (peaks.size() > 1)
      {
        std::size_t smallest = 0;
        for (std::size_t k = 1; k < peaks.size(); ++k)
          if (peaks[k].area < peaks[smallest].area)
            smallest = k;
        if (peaks[smallest].area >= min_fraction * total)
          break;
        std::size_t into;
        if (smallest == 0)
          into = 1;
        else if (smallest + 1 == peaks.size())
          into = smallest - 1;
        else
          into = peaks[smallest - 1].area >= peaks[smallest + 1].area
                     ? smallest - 1
                     : smallest + 1;
        peaks[into].first = std::min(peaks[into].first, peaks[smallest].first);
        peaks[into].last  = std::max(peaks[into].last, peaks[smallest].last);
        peaks.erase(peaks.begin() + smallest);
        for (Peak &p : peaks)
          measure(p);
      }
    return peaks;
  }
} // namespace mgrelax::postprocess
