// `mgrelax spectrum FILE.csv` and the analysis it runs, reusable by the
// experiments (cantilever, mandrel) on their own CSV output.
#pragma once

#include <string>
#include <vector>

#include "app/spectrum_material.h"
#include "postprocess/peak_analysis.h"
#include "postprocess/spectrum_inversion.h"

namespace mgrelax
{
  struct SpectrumAnalysisOptions
  {
    std::string time_column = "time";
    std::string strain_column =
        ""; // empty: postprocess::default_strain_columns()
    double                        from        = 0.0;
    double                        to          = 1e300;
    double                        time_origin = 0.0;
    postprocess::InversionOptions inversion;
    double                        min_peak_fraction = 0.01;
    double elastic_strain = 1.0; // eps_el^0 ([Atzmon2023] Eq. 5-6)
    double young_modulus  = 0.0; // E0 ([Atzmon2023] Eq. 4); 0: not reported
    postprocess::StzConditions stz;
    unsigned int               gumbel_families = 0; // 0: no Gumbel fit
    unsigned int               gumbel_units    = 20;
    // Starting mean times (one per family); empty: the largest peaks of
    // the spectrum, then decades beyond the data window.
    std::vector<double> gumbel_times;
    // A stretched exponential beside the spectrum ([Atzmon2023] Sec. 7):
    // NAME_kww.csv and a kww_fit column in NAME_fit.csv.
    bool kww = false;
    // E''(omega) master curve ([Atzmon2023] Sec. 6): temperatures (K; empty:
    // none), the reference temperature (0: stz.temperature), the peaks'
    // activation energies (eV, one per peak; empty: the STZ analysis's
    // dF_m) and the frequency window (Hz).
    std::vector<double> master_temperatures;
    double              master_reference = 0.0;
    std::vector<double> peak_energies;
    double              frequency_min = 0.01, frequency_max = 100.0;
    // --write-material: the spectrum as a material file (empty: none),
    // needing young_modulus and stz.temperature (the curve's temperature),
    // with stz.poisson_ratio; app/spectrum_material.h.
    std::string   material_file;
    MaterialUnits material_units = MaterialUnits::grid;
    bool          plot           = true;
    std::string   name;      // default: the CSV's stem
    std::string   directory; // default: output/<stem>_spectrum
  };

  // Reads `csv_file`, inverts, finds the peaks, optionally fits Gumbel
  // families, writes NAME_spectrum.csv, NAME_fit.csv, NAME_peaks.csv,
  // NAME_lambda.csv (and NAME_gumbel.csv, NAME_kww.csv, NAME_master.csv,
  // NAME_master_shifts.csv, the material file) through AtomicFile,
  // runs postprocess/plot_spectrum.py when /usr/bin/python3 has matplotlib
  // (never failing because of the plot) and prints a summary to `log`.
  // Throws std::invalid_argument for bad input.
  void
  analyse_and_write_spectrum(const std::string             &csv_file,
                             const SpectrumAnalysisOptions &options,
                             std::ostream                  &log);
} // namespace mgrelax
