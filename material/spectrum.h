// Relaxation-time spectra of Kelvin families: a family's compliance
// increment dJ is shared among N units with times tau_i and weights w_i
// (sum w_i = 1).  Three ways to give them (doc/physics.md
// Sec. 2): a discrete normalized Gumbel distribution, an explicit list, or
// the atomically quantized STZ hierarchy of [Atzmon2023].
#pragma once

#include <string>
#include <vector>

namespace mgrelax::material
{
  struct DiscreteSpectrum
  {
    std::vector<double> tau;    // s
    std::vector<double> weight; // dimensionless, sum = 1
  };

  // Discrete normalized Gumbel distribution, [Zhang2023-beta] Eqs. 9, 22, 25:
  //   w_i ~ exp{B x_i - exp(B x_i)},  x_i = ln(tau_i / mean_time),
  // on a uniform grid in x that contains x = 0, so the largest weight sits
  // at tau = mean_time.  In u = B x the density exp(u - e^u) falls to a
  // fraction `truncation` of its peak at u_low < 0 (a slow, exponential
  // tail towards short times) and u_high > 0 (a double-exponential cut-off
  // towards long times).  With span_decades = 0 the grid covers exactly
  // [u_low/B, u_high/B]; otherwise it covers span_decades decades with the
  // same asymmetry.  With the default truncation 1e-4 the end weights are
  // below 1e-4 of the peak weight (B = 0.3: 15 decades below tau, 3.7
  // above).
  struct GumbelSpectrum
  {
    double       B            = 0.5;
    double       mean_time    = 1.0; // s
    unsigned int units        = 20;
    double       span_decades = 0.0; // 0: automatic from `truncation`
    double       truncation   = 1e-4;

    // Throws std::invalid_argument naming the entry (prefixed by `where`).
    void
    check(const std::string &where) const;

    DiscreteSpectrum
    discretize() const;

    // Roots of u - e^u + 1 = ln(truncation) on either side of u = 0.
    static double
    lower_u(double truncation);
    static double
    upper_u(double truncation);
  };

  // The STZ hierarchy of [Atzmon2023] Sec. 4: STZ types of n = n_min..n_max
  // atoms, volumes Omega_n = n Omega_atom, activation free energy dF_n from
  // [Atzmon2023] Eq. 2 (proportional to n) and time constants from [Atzmon2023]
  // Eq. 9. The volume fractions c_n of potential STZs are Atzmon's c_m (Eq. 6):
  // the compliance of unit n is c_n / E0, E0 the Young's modulus.
  struct StzHierarchy
  {
    unsigned int        n_min = 14;
    unsigned int        n_max = 21;
    std::vector<double> volume_fractions;             // c_n, one per n
    double              atomic_volume     = 16.6e-30; // m^3
    double              gamma0_T          = 0.2;      // unconstrained
    double              sigma_stz_over_mu = 0.025;
    double              beta2             = 1.0;  // dilatation term
    double              attempt_frequency = 1e13; // 1/s

    void
    check(const std::string &where) const;

    // Constrained transformation strain, [Atzmon2023] Sec. 2:
    // gamma0_c = 2 (4 - 5 nu) / (15 (1 - nu)) gamma0_T.
    double
    gamma0_c(double nu) const;

    // [Atzmon2023] Eq. 2, in J.
    double
    activation_energy(unsigned int n, double mu, double nu) const;

    // [Atzmon2023] Eq. 9, in s.
    double
    time_constant(unsigned int n,
                  double       temperature,
                  double       mu,
                  double       nu) const;

    // Sum of the c_n.
    double
    total_fraction() const;
  };

  // Temperature dependence of a family's times: tau(T) = tau_ref * shift(T).
  struct TemperatureLaw
  {
    enum class Kind
    {
      none,      // times do not depend on temperature
      arrhenius, // ln shift = (E/k)(1/T - 1/T_ref); [Zhang2023-beta] Eqs. 13-14
      vft        // ln shift = B/(T - T0) - B/(T_ref - T0); [Zhang2023-beta],
                 // [Zhang2023-cooling]
    };
    Kind   kind                  = Kind::none;
    double reference_temperature = 293.15; // K, where tau_ref holds
    double activation_energy_eV  = 0.0;
    double vft_B                 = 0.0; // K
    double vft_T0                = 0.0; // K

    void
    check(const std::string &where) const;

    // ln(tau(T) / tau(T_ref)); +inf for VFT at or below T0.
    double
    log_shift(double temperature) const;
  };
} // namespace mgrelax::material
