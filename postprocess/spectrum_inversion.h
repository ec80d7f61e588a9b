// Direct spectrum analysis ([Atzmon2023] Sec. 3): the discrete relaxation-time
// spectrum f_j >= 0 on a log-spaced tau grid that best explains a
// strain(time) curve, with a second-difference (Tikhonov) penalty as in
// CONTIN (Provencher 1982).  Eigen only.
//
//   minimize  |K f + P p - y|^2 + lambda |D2 f|^2   over f >= 0, p free
//
// K_ij is the kernel of the experiment, P the non-spectral terms (c_inf,
// and B t for creep), D2 the second differences of f along the grid.  The
// problem is solved by the Lawson-Hanson active-set method on the stacked
// system [R_K; sqrt(lambda) D2] after a QR reduction of [K P] (CONTIN App.
// A), so each solve costs O(n^3) independently of the number of data.
// D2 takes f = 0 beyond the ends of the grid (second_differences()).
#pragma once

#include <Eigen/Dense>

#include <string>
#include <vector>

namespace mgrelax::postprocess
{
  enum class Kernel
  {
    // Recovery after a constant-strain hold (mandrel, [Atzmon2023] Sec. 3a):
    //   y = c_inf + sum f_j exp(-t/tau_j)
    recovery,
    // Creep under constant load (cantilever, [Atzmon2023] Sec. 3b):
    //   y = c_0 + B t + sum f_j (1 - exp(-t/tau_j))
    // (Atzmon's c_inf + B t + sum eps_j exp(-t/tau_j) with eps_j = -f_j
    // and c_inf = c_0 + sum f_j: the same fit, with f_j >= 0.)
    creep,
    // Recovery after a constant-stress hold of length t_a, t counted from
    // the unloading (Boltzmann superposition of a Kelvin chain):
    //   y = c_inf + sum f_j (1 - exp(-t_a/tau_j)) exp(-t/tau_j)
    // f_j are the creep amplitudes (the compliance spectrum times stress).
    stress_recovery
  };

  Kernel
  parse_kernel(const std::string &name); // recovery|creep|stress-recovery
  std::string
  kernel_name(Kernel kernel);

  enum class LambdaRule
  {
    lcurve, // maximum curvature of (log residual, log seminorm)
    gcv,    // minimum generalized cross-validation
    contin  // CONTIN's F-test: PROB1 closest to 0.5 (Provencher 1982)
  };

  struct InversionOptions
  {
    Kernel       kernel            = Kernel::recovery;
    double       hold_time         = 0.0; // s, stress_recovery only
    unsigned int points_per_decade = 12;
    // Grid ends; 0: from the data window widened as pyReSpect's "lenient"
    // window (CONTIN advises a similar 0.1/t_max .. 4/dt_min in rates):
    // tau_min = t_1 / e^{pi/2}, t_1 the first positive time, tau_max =
    // e^{pi/2} t_max.  Creep data
    // without the t = 0 point start at tau_min = t_first (shorter times are
    // indistinguishable from the constant c_0).
    double tau_min = 0.0;
    double tau_max = 0.0;
    // Regularization: lambda > 0 fixes it; otherwise a scan of
    // `scan_points` values from lambda_min to lambda_max (relative to the
    // data scaled to max |y| = 1) and `rule` picks one.
    double lambda = -1.0;
    // CONTIN's F-test: the field's convention and, on narrow peaks, the
    // rule that neither splits peaks (GCV did) nor blurs them
    // (doc/numerics.md Sec. 4.4).
    LambdaRule   rule        = LambdaRule::contin;
    double       lambda_min  = 1e-12;
    double       lambda_max  = 1e2;
    unsigned int scan_points = 57;
  };

  struct Solution
  {
    double          lambda = 0.0;
    Eigen::VectorXd f;              // spectral amplitudes, same unit as y
    Eigen::VectorXd p;              // c_inf (or c_0), then B (creep)
    double          residual = 0.0; // |K f + P p - y|
    double          seminorm = 0.0; // |D2 f|
    double          dof      = 0.0; // effective degrees of freedom
    double          gcv      = 0.0; // m |r|^2 / (m - dof)^2
    unsigned int    passive  = 0;   // number of f_j > 0
    double curvature = 0.0; // L-curve curvature (scan only; 0 where flat)
    double prob1     = 0.0; // CONTIN's PROB1 against the smallest lambda
  };

  struct Inversion
  {
    std::vector<double>   tau;  // grid, s
    std::vector<Solution> scan; // increasing lambda (empty if fixed)
    int                   lcurve_index = -1; // in scan; -1: no interior corner
    int                   gcv_index    = -1;
    int                   contin_index = -1; // nearest scan point
    Solution              contin;            // refined: PROB1 closest to 0.5
    bool        lcurve_at_end = false; // the curvature peaked at a scan end
    Solution    chosen;
    std::string chosen_rule; // "fixed", "L-curve", "GCV", "CONTIN F-test"
    std::vector<std::string> notes;

    // The model curve of a solution at the times t.
    std::vector<double>
    model(const Solution &s, const std::vector<double> &t) const;

    Kernel kernel    = Kernel::recovery;
    double hold_time = 0.0;
  };

  // The log-spaced grid used for the data times t (see InversionOptions).
  std::vector<double>
  tau_grid(const std::vector<double> &t, const InversionOptions &options);

  // Kernel value K(t, tau).
  double
  kernel_value(Kernel kernel, double hold_time, double t, double tau);

  // The penalty matrix D2 ((n + 2) x (n_free + n), zero on the n_free
  // non-spectral columns): second differences of f with f = 0 at two
  // points beyond either end of the grid.
  Eigen::MatrixXd
  second_differences(Eigen::Index n, Eigen::Index n_free);

  // Throws std::invalid_argument for inconsistent options or data.
  Inversion
  invert_spectrum(const std::vector<double> &t,
                  const std::vector<double> &y,
                  const InversionOptions    &options);

  // Lawson-Hanson non-negative least squares, min |A x - b| with x_i >= 0
  // for i >= n_free (the first n_free unknowns are free in sign).
  // `x` on entry may hold a warm start (its positive entries are tried as
  // the initial passive set); on exit the solution.  Returns iterations.
  unsigned int
  nnls(const Eigen::MatrixXd &A,
       const Eigen::VectorXd &b,
       unsigned int           n_free,
       Eigen::VectorXd       &x);

  // Regularized incomplete beta function I_x(a, b) (continued fraction),
  // and the F distribution's cumulative probability built on it.
  double
  incomplete_beta(double a, double b, double x);
  double
  f_distribution_cdf(double F, double d1, double d2);

  // One peak of a spectrum: the grid points from one minimum of f to the
  // next around a local maximum.
  struct Peak
  {
    unsigned int first = 0, last = 0; // grid indices, inclusive
    double       tau_max  = 0.0;      // grid point of the maximum, s
    double       centroid = 0.0;      // exp(sum f ln tau / sum f), s
    double       area     = 0.0;      // sum f over the peak
  };

  // Peaks with an area of at least `min_fraction` of the total; smaller
  // ones are merged into their larger neighbour.
  std::vector<Peak>
  find_peaks(const std::vector<double> &tau,
             const Eigen::VectorXd     &f,
             double                     min_fraction = 0.01);
} // namespace mgrelax::postprocess
