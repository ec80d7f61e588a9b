// Loss-modulus master curve of a spectrum and its apparent activation
// energy ([Atzmon2023] Sec. 6, Eqs. 8-10, Fig. 9).  Standard library only.
//
// Each relaxation i has its time tau_i at T_ref and its own activation
// energy dF_i; at T its time is the Arrhenius
//   tau_i(T) = tau_i exp(dF_i/k (1/T - 1/T_ref))
// ([Atzmon2023] Eq. 9 without the slow kT prefactor), and
//   E''(omega, T) = sum_i f_i omega tau_i(T) / (1 + (omega tau_i(T))^2)
// (Eq. 8, in units of the spectrum's amplitudes).  The curve at T,
// computed on a frequency window, is shifted along ln omega by a_T onto
// the curve at T_ref (least squares in ln E''); the apparent activation
// energy is the slope of a_T = E_app/k (1/T - 1/T_ref) (Eq. 10) through
// the origin.  With a single energy, a_T is that energy's shift exactly.
#pragma once

#include <vector>

namespace mgrelax::postprocess
{
  struct Relaxation
  {
    double tau       = 0.0; // s, at the reference temperature
    double amplitude = 0.0; // f_i >= 0
    double energy_eV = 0.0; // dF_i
  };

  struct MasterCurveOptions
  {
    double              reference_temperature = 0.0; // K
    std::vector<double> temperatures;                // K
    // The frequency window of the computed curves (Hz, a DMA's usual
    // 0.01-100 Hz by default), log-spaced.
    double       frequency_min     = 0.01;
    double       frequency_max     = 100.0;
    unsigned int points_per_decade = 10;
  };

  struct MasterCurve
  {
    std::vector<double>              omega;        // rad/s, the window
    std::vector<double>              temperatures; // K, as given
    std::vector<std::vector<double>> loss;         // [T][omega], Eq. 8
    std::vector<double>              shifts; // a_T = Delta ln omega (Eq. 10)
    double apparent_energy_eV = 0.0;         // slope of a_T, times k
    double arrhenius_rms      = 0.0; // rms of a_T about the line, in ln omega
  };

  constexpr double boltzmann_eV = 8.617333262e-5; // eV/K

  // Eq. 8 at omega (rad/s) and T.
  double
  loss_modulus(const std::vector<Relaxation> &spectrum,
               double                         omega,
               double                         temperature,
               double                         reference_temperature);

  // The spectrum's times moved from T_from to T_to, each by its own
  // Arrhenius factor exp(dF_i/k (1/T_to - 1/T_from)).
  std::vector<Relaxation>
  at_temperature(std::vector<Relaxation> spectrum, double T_from, double T_to);

  // Throws std::invalid_argument for an empty or negative spectrum,
  // temperatures <= 0, or a bad frequency window.
  MasterCurve
  master_curve(const std::vector<Relaxation> &spectrum,
               const MasterCurveOptions      &options);
} // namespace mgrelax::postprocess
