// `mgrelax spectrum FILE.csv`: direct spectrum analysis of a strain(time)
// curve ([Atzmon2023] Sec. 3-4), peaks and their linear-solid/STZ quantities,
// optional Gumbel-family fit ([Zhang2023-beta] Table 1), CSV and PNG output.
#include "app/spectrum_command.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "app/commands.h"
#include "material/format.h"
#include "postprocess/curve_csv.h"
#include "postprocess/gumbel_fit.h"
#include "postprocess/kww_fit.h"
#include "postprocess/master_curve.h"
#include "solver/output_files.h"

namespace mgrelax
{
  namespace pp = postprocess;
  using material::short_number;

  namespace
  {
    // Plots with postprocess/plot_spectrum.py; returns whether the PNGs
    // were written.
    bool
    plot(const OutputLocation &where, const std::string &label)
    {
      return run_plot_script("plot_spectrum.py",
                             {where.directory(), where.name(), label});
    }

    // The command-line options of `mgrelax spectrum`: what it accepts and
    // what --print-parameters prints.  `value` is empty for flags.
    struct SpectrumOption
    {
      std::string name, value, fallback, documentation;
    };

    const std::vector<SpectrumOption> &
    spectrum_options()
    {
      static const std::vector<SpectrumOption> list = {
          {"--time-column", "NAME", "time", "Column of the times (s)."},
          {"--strain-column",
           "NAME",
           "first of normalized_anelastic, eps_an_eq, eps_xx, strain, else "
           "column 2",
           "Column of the strain (or normalized) curve."},
          {"--kernel",
           "recovery|creep|stress-recovery",
           "recovery",
           "What the curve is: recovery after a long hold, creep, or stress "
           "recovery after a hold of --hold-time."},
          {"--hold-time",
           "T",
           "0",
           "Duration of the hold before the recovery (s; stress-recovery "
           "kernel)."},
          {"--time-origin",
           "T0",
           "0",
           "Time of the curve's origin (s): times are t - T0."},
          {"--from", "T", "0", "Start of the time window (s)."},
          {"--to", "T", "1e300", "End of the time window (s)."},
          {"--points-per-decade",
           "N",
           "12",
           "Points of the log tau grid per decade (1-100)."},
          {"--tau-min",
           "T",
           "data window widened by e^(pi/2)",
           "Smallest tau of the grid (s)."},
          {"--tau-max",
           "T",
           "data window widened by e^(pi/2)",
           "Largest tau of the grid (s)."},
          {"--lambda",
           "VALUE",
           "chosen by --lambda-rule",
           "Fix the regularization parameter lambda."},
          {"--lambda-rule",
           "contin|lcurve|gcv",
           "contin",
           "How lambda is chosen: CONTIN's F-test (PROB1 = 0.5), L-curve "
           "corner or generalized cross validation; all three are "
           "reported."},
          {"--min-peak-fraction",
           "F",
           "0.01",
           "Peaks smaller than F times the total area are dropped "
           "(0-0.5)."},
          {"--elastic-strain",
           "EPS",
           "1",
           "Elastic strain eps_el^0 the curve is normalized by (Atzmon "
           "Eqs. 5-6)."},
          {"--young-modulus",
           "E0",
           "0 (not reported)",
           "Young's modulus (Pa) for the peaks' E'_m and eta'_m (Atzmon "
           "Eq. 4) and the material file's E0."},
          {"--temperature",
           "T",
           "0 (no STZ analysis)",
           "Temperature (K) of the curve: of the STZ analysis ([Atzmon2023] "
           "Eqs. 2, 9; needs --shear-modulus), the master curve and the "
           "material file's times."},
          {"--shear-modulus",
           "MU",
           "0 (no STZ analysis)",
           "Shear modulus (Pa) of the STZ analysis; needs --temperature."},
          {"--poisson-ratio",
           "NU",
           "0.324",
           "Poisson's ratio (STZ analysis, material file)."},
          {"--transformation-strain",
           "G",
           "0.2",
           "STZ transformation strain gamma_0^T."},
          {"--atomic-volume",
           "V",
           "16.6e-30",
           "Atomic volume (m^3) for Omega_m in atoms."},
          {"--gumbel-families",
           "N",
           "0 (no fit)",
           "Number of Gumbel families to fit (0-3; [Zhang2023-beta] Eq. 28, "
           "needs "
           "--kernel creep)."},
          {"--gumbel-units",
           "N",
           "20",
           "Discrete units per Gumbel family (3-200)."},
          {"--gumbel-times",
           "T1,T2,..",
           "the spectrum's largest peaks",
           "Starting mean times of the Gumbel families (s)."},
          {"--kww",
           "",
           "off",
           "Also fit a stretched exponential c + A exp(-(t/tau_s)^beta) "
           "(creep: c + A (1 - exp(..))) and write NAME_kww.csv; tau_s is "
           "not a time constant ([Atzmon2023] Sec. 7)."},
          {"--master-curve",
           "T1,T2,..",
           "none",
           "Temperatures (K) of E''(omega) curves computed from the spectrum, "
           "each peak's times moved by its own activation energy, shifted "
           "into a master curve; prints the apparent activation energy "
           "([Atzmon2023] Sec. 6, Eqs. 8-10). Needs --temperature (the "
           "curve's) and --peak-energies or --shear-modulus."},
          {"--master-reference",
           "T",
           "--temperature",
           "Reference temperature (K) of the master curve's shifts."},
          {"--peak-energies",
           "E1,E2,..",
           "the STZ analysis's dF_m",
           "Activation energy (eV, > 0) of each peak, in peak order."},
          {"--frequency-window",
           "FMIN,FMAX",
           "0.01,100",
           "Frequency window (Hz) of the E''(omega) curves."},
          {"--write-material",
           "FILE.prm",
           "none",
           "Write the spectrum as a generalized Kelvin material file for "
           "mgrelax point/run: one family per peak of compliance area / "
           "(eps_el^0 E0), or the Gumbel families; needs --young-modulus and "
           "--temperature (doc/from-measurements.md)."},
          {"--material-units",
           "grid|centroid|gumbel",
           "grid",
           "What --write-material writes: each peak's grid points as units "
           "(the spectrum's fit), one unit per peak at its centroid, or the "
           "Gumbel fit's families (needs --gumbel-families)."},
          {"--output", "DIR", "output/STEM_spectrum", "Output directory."},
          {"--name", "NAME", "STEM (the CSV's name)", "Name of the outputs."},
          {"--no-plot", "", "off", "Do not run postprocess/plot_spectrum.py."},
          {"--print-parameters", "", "", "Print this table and exit."},
          {"--help, -h", "", "", "Print the command's description and exit."},
      };
      return list;
    }

    void
    print_spectrum_options(std::ostream &out)
    {
      out << "# Options of `mgrelax spectrum FILE.csv [options]` (OPTION "
             "VALUE or OPTION=VALUE), with their defaults\n";
      for (const SpectrumOption &option : spectrum_options())
        {
          out << option.name;
          if (!option.value.empty())
            out << ' ' << option.value;
          if (!option.fallback.empty())
            out << "  (default: " << option.fallback << ')';
          out << "\n    " << option.documentation << '\n';
        }
    }

    // NAME_kww.csv: one row of the stretched exponential's parameters, with
    // the spectrum's rms residual beside its own.
    std::unique_ptr<AtomicFile>
    write_kww(const OutputLocation &where,
              const pp::KwwFit     &kww,
              const double          spectrum_rms)
    {
      auto file = std::make_unique<AtomicFile>(where.file("_kww.csv"));
      file->stream() << "kernel,tau_s,beta,amplitude,offset,rms_residual,"
                        "spectrum_rms_residual,iterations,converged\n"
                     << pp::kernel_name(kww.kernel) << ','
                     << format_number(kww.tau) << ',' << format_number(kww.beta)
                     << ',' << format_number(kww.amplitude) << ','
                     << format_number(kww.offset) << ','
                     << format_number(kww.rms) << ','
                     << format_number(spectrum_rms) << ',' << kww.iterations
                     << ',' << kww.converged << '\n';
      return file;
    }

    void
    log_kww(std::ostream &log, const pp::KwwFit &kww, const double spectrum_rms)
    {
      log << "  stretched exponential"
          << (kww.converged ? "" : " (NOT converged)") << ": tau_s " << kww.tau
          << " s, beta " << kww.beta << ", A " << kww.amplitude << ", c "
          << kww.offset << ", rms residual " << kww.rms
          << " (spectrum: " << spectrum_rms
          << "); tau_s is no time constant ([Atzmon2023] Sec. 7)\n";
    }

    // Parses "A,B,C" into numbers in [low, high], naming the option.
    std::vector<double>
    number_list(const std::string &option,
                const std::string &text,
                const double       low,
                const double       high)
    {
      std::stringstream   list(text);
      std::string         item;
      std::vector<double> values;
      while (std::getline(list, item, ','))
        {
          char        *end = nullptr;
          const double v   = std::strtod(item.c_str(), &end);
          if (item.empty() || *end != '\0' || !std::isfinite(v) || v < low ||
              v > high)
            throw std::invalid_argument("mgrelax spectrum: " + option + " '" +
                                        item + "' is not a number in [" +
                                        format_number(low) + ", " +
                                        format_number(high) + "]");
          values.push_back(v);
        }
      return values;
    }

    MaterialUnits
    parse_material_units(const std::string &name)
    {
      if (name == "grid")
        return MaterialUnits::grid;
      if (name == "centroid")
        return MaterialUnits::centroid;
      if (name == "gumbel")
        return MaterialUnits::gumbel;
      throw std::invalid_argument("mgrelax spectrum: --material-units " + name +
                                  " (allowed: grid, centroid, gumbel)");
    }

    // The spectrum's grid points with the activation energy of their peak.
    std::vector<pp::Relaxation>
    relaxations(const pp::Inversion                   &inv,
                const std::vector<pp::Peak>           &peaks,
                const std::vector<double>             &energies_eV,
                const std::vector<pp::PeakProperties> &props)
    {
      if (!energies_eV.empty() && energies_eV.size() != peaks.size())
        throw std::invalid_argument(
            "mgrelax spectrum: --peak-energies gives " +
            std::to_string(energies_eV.size()) + " energies for " +
            std::to_string(peaks.size()) + " peaks (one per peak)");
      std::vector<pp::Relaxation> spectrum;
      for (std::size_t k = 0; k < peaks.size(); ++k)
        {
          const double dF =
              energies_eV.empty() ? props[k].activation_eV : energies_eV[k];
          if (!(dF > 0.0))
            throw std::invalid_argument(
                "mgrelax spectrum: --master-curve needs each peak's "
                "activation energy: --peak-energies E1,E2,.. (eV) or the STZ "
                "analysis (--shear-modulus; peak " +
                std::to_string(k + 1) + " has none)");
          for (unsigned int i = peaks[k].first; i <= peaks[k].last; ++i)
            if (inv.chosen.f[i] > 0.0)
              spectrum.push_back({inv.tau[i], inv.chosen.f[i], dF});
        }
      return spectrum;
    }

    // NAME_master.csv (every curve) and NAME_master_shifts.csv (Eq. 10).
    std::vector<std::unique_ptr<AtomicFile>>
    write_master(const OutputLocation  &where,
                 const pp::MasterCurve &m,
                 const double           reference)
    {
      std::vector<std::unique_ptr<AtomicFile>> files;
      files.push_back(std::make_unique<AtomicFile>(where.file("_master.csv")));
      files.push_back(
          std::make_unique<AtomicFile>(where.file("_master_shifts.csv")));
      std::ostream &curves = files[0]->stream(), &shifts = files[1]->stream();
      curves << "temperature,frequency,omega,loss,shifted_omega\n";
      shifts << "temperature,reference_temperature,shift_ln_omega,"
                "arrhenius_ln_omega,apparent_energy_eV\n";
      const double slope = m.apparent_energy_eV / pp::boltzmann_eV;
      for (std::size_t k = 0; k < m.temperatures.size(); ++k)
        {
          const double T = m.temperatures[k];
          for (std::size_t j = 0; j < m.omega.size(); ++j)
            curves << format_number(T) << ','
                   << format_number(m.omega[j] / (2 * M_PI)) << ','
                   << format_number(m.omega[j]) << ','
                   << format_number(m.loss[k][j]) << ','
                   << format_number(m.omega[j] * std::exp(m.shifts[k])) << '\n';
          shifts << format_number(T) << ',' << format_number(reference) << ','
                 << format_number(m.shifts[k]) << ','
                 << format_number(slope * (1 / T - 1 / reference)) << ','
                 << format_number(m.apparent_energy_eV) << '\n';
        }
      return files;
    }

    // The master curve of the options, if any: the spectrum moved from the
    // curve's temperature to the reference, then master_curve().
    pp::MasterCurve
    compute_master(const SpectrumAnalysisOptions     &o,
                   const std::vector<pp::Relaxation> &spectrum,
                   const double                       reference)
    {
      if (o.master_temperatures.empty())
        return {};
      if (!(o.stz.temperature > 0.0))
        throw std::invalid_argument(
            "mgrelax spectrum: --master-curve needs --temperature (K), the "
            "temperature of the curve");
      pp::MasterCurveOptions mo;
      mo.reference_temperature = reference;
      mo.temperatures          = o.master_temperatures;
      mo.frequency_min         = o.frequency_min;
      mo.frequency_max         = o.frequency_max;
      return pp::master_curve(
          pp::at_temperature(spectrum, o.stz.temperature, reference), mo);
    }

    void
    log_master(std::ostream                      &log,
               const pp::MasterCurve             &m,
               const std::vector<pp::Relaxation> &spectrum,
               const double                       reference)
    {
      double low = 1e300, high = 0.0;
      for (const pp::Relaxation &r : spectrum)
        {
          low  = std::min(low, r.energy_eV);
          high = std::max(high, r.energy_eV);
        }
      log << "  master curve of E''(omega) at " << m.temperatures.size()
          << " temperatures (reference " << reference
          << " K): apparent activation energy " << m.apparent_energy_eV
          << " eV from peaks of " << low << "-" << high << " eV (Arrhenius rms "
          << m.arrhenius_rms << " in ln omega; [Atzmon2023] Eq. 10)\n";
    }

    // The checks of the options that need no curve.
    void
    check_material_options(const SpectrumAnalysisOptions &o)
    {
      if (o.material_file.empty())
        return;
      if (!(o.young_modulus > 0.0))
        throw std::invalid_argument(
            "mgrelax spectrum: --write-material needs --young-modulus E0 (Pa, "
            "> 0): a unit's compliance is its amplitude / (eps_el^0 E0)");
      if (!(o.stz.temperature > 0.0))
        throw std::invalid_argument(
            "mgrelax spectrum: --write-material needs --temperature T (K, > "
            "0), the curve's temperature, at which the written times hold");
      if (o.material_units == MaterialUnits::gumbel && o.gumbel_families == 0)
        throw std::invalid_argument(
            "mgrelax spectrum: --material-units gumbel needs a Gumbel fit "
            "(--gumbel-families N, 1-3, or --gumbel-times)");
      const std::filesystem::path dir =
          std::filesystem::path(o.material_file).parent_path();
      if (!dir.empty() && !std::filesystem::is_directory(dir))
        throw std::invalid_argument("mgrelax spectrum: --write-material " +
                                    o.material_file + ": the directory '" +
                                    dir.string() + "' does not exist");
    }

    void
    check_options(const SpectrumAnalysisOptions &o)
    {
      if (!(o.elastic_strain > 0.0 && std::isfinite(o.elastic_strain)))
        throw std::invalid_argument("mgrelax spectrum: --elastic-strain must "
                                    "be > 0");
      // --temperature alone is the curve's temperature for a master curve
      // with given peak energies or for a material file; otherwise it goes
      // with --shear-modulus.
      const bool temperature_only =
          (!o.master_temperatures.empty() && !o.peak_energies.empty()) ||
          !o.material_file.empty();
      if ((o.stz.temperature > 0.0) != (o.stz.shear_modulus > 0.0) &&
          !(temperature_only && o.stz.shear_modulus == 0.0))
        throw std::invalid_argument("mgrelax spectrum: the STZ analysis "
                                    "([Atzmon2023] Eqs. 2, 9) needs both "
                                    "--temperature and --shear-modulus (> 0)");
      if (o.gumbel_families > 0 && o.inversion.kernel != pp::Kernel::creep)
        throw std::invalid_argument(
            "mgrelax spectrum: the Gumbel fit ([Zhang2023-beta] Eq. 28, a "
            "creep compliance) needs --kernel creep");
      check_material_options(o);
    }

    // Everything the command computes before it writes a file.
    struct SpectrumResults
    {
      pp::Curve                       curve;
      pp::Inversion                   inv;
      std::vector<pp::Peak>           peaks;
      std::vector<pp::PeakProperties> props;
      pp::SlopeFit                    slope;
      pp::GumbelFit                   gumbel;
      pp::KwwFit                      kww;
      double                          reference = 0.0; // of the master curve
      std::vector<pp::Relaxation>     master_spectrum;
      pp::MasterCurve                 master;
      double                          rms = 0.0; // the spectrum's residual
    };

    // Starting mean times of the Gumbel families: --gumbel-times, or the
    // largest peaks (in time order), then decades beyond the window for
    // the families it does not show.
    std::vector<double>
    gumbel_start_times(const SpectrumAnalysisOptions &o,
                       const std::vector<pp::Peak>   &peaks,
                       const pp::Curve               &curve)
    {
      std::vector<pp::Peak> by_area = peaks;
      std::sort(by_area.begin(), by_area.end(), [](auto &a, auto &b) {
        return a.area > b.area;
      });
      std::vector<double> start_times = o.gumbel_times;
      for (unsigned int k = 0;
           start_times.empty() && k < o.gumbel_families && k < by_area.size();
           ++k)
        start_times.push_back(by_area[k].centroid);
      std::sort(start_times.begin(), start_times.end());
      double next = curve.time.back() * 10.0;
      while (start_times.size() < o.gumbel_families)
        {
          start_times.push_back(next);
          next *= 30.0;
        }
      return start_times;
    }

    // The curve's fits, with errors naming the file: the spectrum, the
    // Gumbel families and the stretched exponential (each if asked for).
    void
    fit_curve(const std::string             &csv_file,
              const SpectrumAnalysisOptions &o,
              SpectrumResults               &r)
    {
      try
        {
          r.inv =
              pp::invert_spectrum(r.curve.time, r.curve.strain, o.inversion);
          r.peaks =
              pp::find_peaks(r.inv.tau, r.inv.chosen.f, o.min_peak_fraction);
          if (o.gumbel_families > 0)
            r.gumbel =
                pp::fit_gumbel_families(r.curve.time,
                                        r.curve.strain,
                                        gumbel_start_times(o, r.peaks, r.curve),
                                        o.gumbel_units);
          if (o.kww)
            r.kww = pp::fit_kww(
                r.curve.time, r.curve.strain, {o.inversion.kernel, true});
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument("'" + csv_file + "': " + e.what());
        }
      r.rms = r.inv.chosen.residual / std::sqrt(r.curve.time.size());
    }

    SpectrumResults
    analyse(const std::string &csv_file, const SpectrumAnalysisOptions &o)
    {
      SpectrumResults r;
      r.curve = pp::read_curve(csv_file,
                               o.time_column,
                               o.strain_column,
                               o.from,
                               o.to,
                               o.time_origin);
      fit_curve(csv_file, o, r);
      pp::StzConditions stz = o.stz;
      if (!(stz.shear_modulus > 0.0))
        stz.temperature = 0.0; // no STZ analysis
      r.props =
          pp::peak_properties(r.peaks, o.elastic_strain, o.young_modulus, stz);
      r.slope = pp::atomic_volume_slope(r.props);
      r.reference =
          o.master_reference > 0.0 ? o.master_reference : o.stz.temperature;
      if (!o.master_temperatures.empty())
        r.master_spectrum =
            relaxations(r.inv, r.peaks, o.peak_energies, r.props);
      r.master = compute_master(o, r.master_spectrum, r.reference);
      return r;
    }

    // NAME_spectrum.csv: amplitude per grid point and the density per unit
    // ln tau.
    std::unique_ptr<AtomicFile>
    write_spectrum_table(const OutputLocation          &where,
                         const SpectrumResults         &r,
                         const SpectrumAnalysisOptions &o)
    {
      const pp::Inversion &inv = r.inv;
      const double         dln =
          std::log(inv.tau.back() / inv.tau.front()) / (inv.tau.size() - 1);
      std::vector<int> peak_of(inv.tau.size(), 0);
      for (std::size_t k = 0; k < r.peaks.size(); ++k)
        for (unsigned int i = r.peaks[k].first; i <= r.peaks[k].last; ++i)
          peak_of[i] = static_cast<int>(k + 1);
      auto file = std::make_unique<AtomicFile>(where.file("_spectrum.csv"));
      file->stream() << "tau,amplitude,density,normalized_density,peak\n";
      for (std::size_t i = 0; i < inv.tau.size(); ++i)
        file->stream() << format_number(inv.tau[i]) << ','
                       << format_number(inv.chosen.f[i]) << ','
                       << format_number(inv.chosen.f[i] / dln) << ','
                       << format_number(inv.chosen.f[i] / dln /
                                        o.elastic_strain)
                       << ',' << peak_of[i] << '\n';
      return file;
    }

    // NAME_fit.csv: the data, the spectrum's curve and its residual, and
    // the Gumbel and stretched-exponential curves if fitted.
    std::unique_ptr<AtomicFile>
    write_fit_table(const OutputLocation          &where,
                    const SpectrumResults         &r,
                    const SpectrumAnalysisOptions &o)
    {
      const pp::Curve          &curve = r.curve;
      const std::vector<double> model = r.inv.model(r.inv.chosen, curve.time);
      const std::vector<double> gumbel_model =
          o.gumbel_families > 0 ? r.gumbel.model(curve.time, o.gumbel_units)
                                : std::vector<double>();
      const std::vector<double> kww_model =
          o.kww ? r.kww.model(curve.time) : std::vector<double>();
      auto file = std::make_unique<AtomicFile>(where.file("_fit.csv"));
      file->stream() << "time,data,fit,residual"
                     << (o.gumbel_families > 0 ? ",gumbel_fit" : "")
                     << (o.kww ? ",kww_fit" : "") << '\n';
      for (std::size_t i = 0; i < curve.time.size(); ++i)
        {
          file->stream() << format_number(curve.time[i] + o.time_origin) << ','
                         << format_number(curve.strain[i]) << ','
                         << format_number(model[i]) << ','
                         << format_number(curve.strain[i] - model[i]);
          if (o.gumbel_families > 0)
            file->stream() << ',' << format_number(gumbel_model[i]);
          if (o.kww)
            file->stream() << ',' << format_number(kww_model[i]);
          file->stream() << '\n';
        }
      return file;
    }

    std::unique_ptr<AtomicFile>
    write_peak_table(const OutputLocation                  &where,
                     const std::vector<pp::PeakProperties> &props)
    {
      auto file = std::make_unique<AtomicFile>(where.file("_peaks.csv"));
      file->stream()
          << "m,tau_at_maximum,tau_centroid,area,c_m,E_m,eta_m,Omega_m,"
             "Omega_m_over_atomic_volume,dF_m_eV\n";
      for (std::size_t k = 0; k < props.size(); ++k)
        file->stream() << k + 1 << ',' << format_number(props[k].peak.tau_max)
                       << ',' << format_number(props[k].peak.centroid) << ','
                       << format_number(props[k].peak.area) << ','
                       << format_number(props[k].c) << ','
                       << format_number(props[k].young_modulus) << ','
                       << format_number(props[k].viscosity) << ','
                       << format_number(props[k].volume) << ','
                       << format_number(props[k].volume_atoms) << ','
                       << format_number(props[k].activation_eV) << '\n';
      return file;
    }

    // NAME_lambda.csv: the lambda scan and which rule chose what.
    std::unique_ptr<AtomicFile>
    write_lambda_table(const OutputLocation &where, const pp::Inversion &inv)
    {
      auto file = std::make_unique<AtomicFile>(where.file("_lambda.csv"));
      file->stream()
          << "lambda,residual,seminorm,dof,gcv,curvature,prob1,nonzero,rule\n";
      const auto row = [&](const pp::Solution &s, const std::string &rule) {
        file->stream() << format_number(s.lambda) << ','
                       << format_number(s.residual) << ','
                       << format_number(s.seminorm) << ','
                       << format_number(s.dof) << ',' << format_number(s.gcv)
                       << ',' << format_number(s.curvature) << ','
                       << format_number(s.prob1) << ',' << s.passive << ','
                       << rule << '\n';
      };
      if (inv.scan.empty())
        row(inv.chosen, "fixed");
      for (std::size_t k = 0; k < inv.scan.size(); ++k)
        {
          std::string rule;
          if (static_cast<int>(k) == inv.lcurve_index)
            rule += "L-curve";
          if (static_cast<int>(k) == inv.gcv_index)
            rule += rule.empty() ? "GCV" : "+GCV";
          row(inv.scan[k], rule);
        }
      if (inv.contin_index >= 0)
        row(inv.contin, "CONTIN (refined)");
      return file;
    }

    std::unique_ptr<AtomicFile>
    write_gumbel_table(const OutputLocation &where, const pp::GumbelFit &gumbel)
    {
      auto file = std::make_unique<AtomicFile>(where.file("_gumbel.csv"));
      file->stream() << "family,B,sigma_B,mean_time,sigma_ln_mean_time,dJ,"
                        "sigma_dJ,offset,rms,converged\n";
      for (std::size_t k = 0; k < gumbel.families.size(); ++k)
        {
          const auto &f = gumbel.families[k];
          file->stream() << k + 1 << ',' << format_number(f.B) << ','
                         << format_number(f.sigma_B) << ','
                         << format_number(f.mean_time) << ','
                         << format_number(f.sigma_ln_tau) << ','
                         << format_number(f.dJ) << ','
                         << format_number(f.sigma_dJ) << ','
                         << format_number(gumbel.offset) << ','
                         << format_number(gumbel.rms) << ',' << gumbel.converged
                         << '\n';
        }
      return file;
    }

    // The Arrhenius energy of each peak's family: --peak-energies, else the
    // STZ analysis's dF_m, else none.
    std::vector<double>
    material_energies(const SpectrumAnalysisOptions         &o,
                      const std::vector<pp::PeakProperties> &props)
    {
      if (!o.peak_energies.empty())
        {
          if (o.peak_energies.size() != props.size())
            throw std::invalid_argument(
                "mgrelax spectrum: --peak-energies gives " +
                std::to_string(o.peak_energies.size()) + " energies for " +
                std::to_string(props.size()) + " peaks (one per peak)");
          return o.peak_energies;
        }
      std::vector<double> energies;
      for (const pp::PeakProperties &p : props)
        energies.push_back(p.activation_eV);
      const bool all = std::all_of(energies.begin(),
                                   energies.end(),
                                   [](const double e) { return e > 0.0; });
      return all ? energies : std::vector<double>();
    }

    // The header of the material file: where it comes from and what its
    // numbers mean.
    std::vector<std::string>
    material_header(const std::string             &csv_file,
                    const SpectrumAnalysisOptions &o,
                    const SpectrumResults         &r)
    {
      const bool               creep = o.inversion.kernel == pp::Kernel::creep;
      std::vector<std::string> h     = {
              "Generalized Kelvin material from the relaxation-time spectrum of",
              "  " + csv_file + " (column '" + r.curve.strain_column +
                  "' against '" + r.curve.time_column + "', kernel " +
                  pp::kernel_name(o.inversion.kernel) + "),",
              "written by `mgrelax spectrum --write-material` "
                  "(doc/from-measurements.md).",
              "Spectrum: lambda " + short_number(r.inv.chosen.lambda) + " (" +
                  r.inv.chosen_rule + "), rms residual " + short_number(r.rms) +
                  ", " + std::string(creep ? "c_0 " : "c_inf ") +
                  short_number(r.inv.chosen.p[0]) + ".",
              "eps_el^0 = " + short_number(o.elastic_strain) +
                  " (--elastic-strain): a unit of amplitude f has the compliance",
              "f / (eps_el^0 E0) ([Atzmon2023] Eqs. 4-6); the times hold at " +
                  short_number(o.stz.temperature) + " K.",
              "Every family is recoverable: one curve does not tell recoverable "
                  "from",
              "irreversible units; set `kind = viscoplastic` for a family that "
                  "does not",
              "recover (doc/from-measurements.md)."};
      if (o.inversion.kernel == pp::Kernel::recovery)
        h.insert(h.end(),
                 {"After a constant-strain hold only units much faster than "
                  "the hold were",
                  "in equilibrium ([Atzmon2023] Sec. 4): the slower peaks' "
                  "compliances are",
                  "lower bounds."});
      if (o.material_units == MaterialUnits::gumbel)
        h.push_back("Gumbel fit: rms residual " + short_number(r.gumbel.rms) +
                    ", c_0 " + short_number(r.gumbel.offset) +
                    (r.gumbel.converged ? "" : " (NOT converged)") + ".");
      return h;
    }

    // --write-material: the peaks (or the Gumbel fit) as a material file.
    std::unique_ptr<AtomicFile>
    write_material(const std::string             &csv_file,
                   const SpectrumAnalysisOptions &o,
                   const SpectrumResults         &r)
    {
      WrittenMaterial m;
      m.header        = material_header(csv_file, o, r);
      m.young_modulus = o.young_modulus;
      m.poisson_ratio = o.stz.poisson_ratio;
      m.temperature   = o.stz.temperature;
      m.dashpot_note  = "none";
      if (o.material_units == MaterialUnits::gumbel)
        m.families = gumbel_families(
            r.gumbel, o.elastic_strain, o.young_modulus, o.gumbel_units);
      else
        m.families = peak_families(r.inv.tau,
                                   r.inv.chosen.f,
                                   r.peaks,
                                   material_energies(o, r.props),
                                   o.elastic_strain,
                                   o.young_modulus,
                                   o.material_units);
      const bool drift = o.inversion.kernel == pp::Kernel::creep &&
                         o.material_units != MaterialUnits::gumbel &&
                         r.inv.chosen.p[1] > 0.0;
      if (drift)
        {
          // B eps_el^0 per second at sigma = E0 eps_el^0: eta = E0 / B
          // (B of the normalized curve), the uniaxial viscosity.
          m.dashpot_viscosity =
              o.young_modulus * o.elastic_strain / r.inv.chosen.p[1];
          m.dashpot_note = "E0 eps_el^0 / B from the creep drift B t: "
                           "processes beyond the window, taken as flow "
                           "(irreversible); set 0 if they recover";
        }
      auto file = std::make_unique<AtomicFile>(o.material_file);
      write_material_file(file->stream(), m);
      return file;
    }

    void
    log_inversion(std::ostream                  &log,
                  const std::string             &csv_file,
                  const SpectrumAnalysisOptions &o,
                  const SpectrumResults         &r)
    {
      const pp::Inversion &inv = r.inv;
      log << "mgrelax spectrum: " << csv_file << ", column '"
          << r.curve.strain_column << "' against '" << r.curve.time_column
          << "', " << r.curve.time.size() << " points, kernel "
          << pp::kernel_name(o.inversion.kernel) << ", " << inv.tau.size()
          << " times from " << inv.tau.front() << " to " << inv.tau.back()
          << " s\n";
      if (!inv.scan.empty())
        log << "  lambda: L-curve "
            << (inv.lcurve_index >= 0
                    ? short_number(inv.scan[inv.lcurve_index].lambda)
                    : std::string("(none)"))
            << ", GCV "
            << (inv.gcv_index >= 0
                    ? short_number(inv.scan[inv.gcv_index].lambda)
                    : std::string("(none)"))
            << ", CONTIN F-test "
            << (inv.contin_index >= 0
                    ? short_number(inv.contin.lambda) + " (PROB1 " +
                          short_number(inv.contin.prob1) + ")"
                    : std::string("(none)"))
            << "; chosen " << inv.chosen.lambda << " (" << inv.chosen_rule
            << ")\n";
      else
        log << "  lambda: " << inv.chosen.lambda << " (fixed)\n";
      for (const std::string &note : inv.notes)
        log << "  note: " << note << '\n';
      log << "  rms residual " << r.rms << ", " << inv.chosen.dof
          << " effective parameters, c_inf " << inv.chosen.p[0];
      if (o.inversion.kernel == pp::Kernel::creep)
        log << ", B " << inv.chosen.p[1] << " /s";
      log << '\n';
    }

    void
    log_peaks(std::ostream &log, const SpectrumResults &r)
    {
      const auto &props = r.props;
      for (std::size_t k = 0; k < props.size(); ++k)
        {
          log << "  peak " << k + 1 << ": tau " << props[k].peak.centroid
              << " s, area " << props[k].peak.area << ", c_m " << props[k].c;
          if (props[k].young_modulus > 0.0)
            log << ", E'_m " << props[k].young_modulus << " Pa, eta'_m "
                << props[k].viscosity << " Pa s";
          if (props[k].volume > 0.0)
            log << ", Omega_m " << props[k].volume_atoms << " atoms, dF_m "
                << props[k].activation_eV << " eV";
          log << '\n';
        }
      if (r.slope.valid)
        log << "  Omega_m/V_atom = " << r.slope.intercept << " + "
            << r.slope.slope << " m (+- " << r.slope.sigma_slope << ")\n";
    }

    void
    log_gumbel(std::ostream &log, const pp::GumbelFit &gumbel)
    {
      log << "  Gumbel fit ("
          << (gumbel.converged ? "converged" : "NOT converged") << ", rms "
          << gumbel.rms << "):\n";
      for (const auto &f : gumbel.families)
        log << "    B " << f.B << " +- " << f.sigma_B << ", tau_bar "
            << f.mean_time << " s (x/ " << std::exp(f.sigma_ln_tau) << "), dJ "
            << f.dJ << " +- " << f.sigma_dJ
            << (f.dJ > 0.0 ? "" : " (dJ = 0: family not resolved)") << '\n';
    }

    // The plots of the committed files; which ones were drawn.
    struct Plots
    {
      bool spectrum = false, master = false;
    };

    Plots
    draw_plots(const OutputLocation          &where,
               const SpectrumAnalysisOptions &o,
               const SpectrumResults         &r)
    {
      Plots drawn;
      drawn.spectrum = o.plot && plot(where, r.curve.strain_column);
      drawn.master   = drawn.spectrum && !r.master.temperatures.empty() &&
                     run_plot_script("plot_master_curve.py",
                                     {where.directory(), where.name()});
      return drawn;
    }

    void
    log_written(std::ostream                  &log,
                const OutputLocation          &where,
                const SpectrumAnalysisOptions &o,
                const SpectrumResults         &r,
                const Plots                   &drawn,
                const double                   seconds)
    {
      log << "  wrote " << where.file("_spectrum.csv") << ", _fit.csv, "
          << "_peaks.csv, _lambda.csv"
          << (o.gumbel_families > 0 ? ", _gumbel.csv" : "")
          << (o.kww ? ", _kww.csv" : "")
          << (r.master.temperatures.empty()
                  ? ""
                  : ", _master.csv, _master_shifts.csv")
          << (drawn.spectrum ? ", _spectrum.png, _lcurve.png" : "")
          << (drawn.master ? ", _master.png" : "")
          << (o.plot && !drawn.spectrum
                  ? " (plots skipped: /usr/bin/python3 with matplotlib not "
                    "available)"
                  : "")
          << (o.material_file.empty()
                  ? ""
                  : " and the material file " + o.material_file)
          << " in " << seconds << " s\n";
    }

    // Every output file, computed in full before any is committed.
    std::vector<std::unique_ptr<AtomicFile>>
    output_files(const std::string             &csv_file,
                 const OutputLocation          &where,
                 const SpectrumAnalysisOptions &o,
                 const SpectrumResults         &r)
    {
      std::vector<std::unique_ptr<AtomicFile>> files;
      files.push_back(write_spectrum_table(where, r, o));
      files.push_back(write_fit_table(where, r, o));
      files.push_back(write_peak_table(where, r.props));
      files.push_back(write_lambda_table(where, r.inv));
      if (o.gumbel_families > 0)
        files.push_back(write_gumbel_table(where, r.gumbel));
      if (o.kww)
        files.push_back(write_kww(where, r.kww, r.rms));
      if (!r.master.temperatures.empty())
        for (auto &file : write_master(where, r.master, r.reference))
          files.push_back(std::move(file));
      if (!o.material_file.empty())
        files.push_back(write_material(csv_file, o, r));
      return files;
    }
  } // namespace

  void
  analyse_and_write_spectrum(const std::string             &csv_file,
                             const SpectrumAnalysisOptions &o,
                             std::ostream                  &log)
  {
    const auto start = std::chrono::steady_clock::now();
    check_options(o);
    const SpectrumResults r   = analyse(csv_file, o);
    const std::string    stem = std::filesystem::path(csv_file).stem().string();
    const OutputLocation where(
        csv_file,
        o.name.empty() ? stem : o.name,
        o.directory.empty() ? "output/" + stem + "_spectrum" : o.directory);
    // All computed: commit the files together.
    for (const auto &file : output_files(csv_file, where, o, r))
      file->commit();
    const Plots  drawn = draw_plots(where, o, r);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    log_inversion(log, csv_file, o, r);
    log_peaks(log, r);
    if (o.gumbel_families > 0)
      log_gumbel(log, r.gumbel);
    if (o.kww)
      log_kww(log, r.kww, r.rms);
    if (!r.master.temperatures.empty())
      log_master(log, r.master, r.master_spectrum, r.reference);
    log_written(log, where, o, r, drawn, seconds);
  }

  namespace
  {
    // The command line: the input file, the flags and the OPTION VALUE (or
    // OPTION=VALUE) pairs.  Parsing stops at --print-parameters.
    struct SpectrumArguments
    {
      std::string                        file;
      bool                               no_plot = false, kww = false;
      bool                               print_parameters = false;
      std::map<std::string, std::string> values;
    };

    SpectrumArguments
    split_arguments(const std::vector<std::string> &args)
    {
      SpectrumArguments a;
      for (std::size_t i = 0; i < args.size() && !a.print_parameters; ++i)
        {
          std::string arg = args[i], value;
          if (arg == "--no-plot" || arg == "--kww" ||
              arg == "--print-parameters")
            {
              a.no_plot          = a.no_plot || arg == "--no-plot";
              a.kww              = a.kww || arg == "--kww";
              a.print_parameters = arg == "--print-parameters";
              continue;
            }
          if (arg.empty() || arg[0] != '-')
            {
              if (!a.file.empty())
                throw std::invalid_argument(
                    "mgrelax spectrum: more than one input file given");
              a.file = arg;
              continue;
            }
          const auto eq = arg.find('=');
          if (eq != std::string::npos)
            {
              value = arg.substr(eq + 1);
              arg   = arg.substr(0, eq);
            }
          // Unknown before "needs a value": a misspelt last flag is unknown.
          if (std::none_of(spectrum_options().begin(),
                           spectrum_options().end(),
                           [&](const SpectrumOption &option) {
                             return option.name == arg && !option.value.empty();
                           }))
            throw std::invalid_argument("mgrelax spectrum: unknown option '" +
                                        arg + "'");
          if (eq == std::string::npos && i + 1 < args.size())
            value = args[++i];
          else if (eq == std::string::npos)
            throw std::invalid_argument("mgrelax spectrum: option '" + arg +
                                        "' needs a value");
          a.values[arg] = value;
        }
      return a;
    }

    // The values of the options, each checked against its range.
    class OptionValues
    {
    public:
      explicit OptionValues(const std::map<std::string, std::string> &values)
          : values_(values)
      {}

      double
      number(const std::string &key,
             const double       low,
             const double       high,
             const double       fallback) const
      {
        const auto it = values_.find(key);
        if (it == values_.end())
          return fallback;
        char        *end = nullptr;
        const double v   = std::strtod(it->second.c_str(), &end);
        if (it->second.empty() || *end != '\0' || !std::isfinite(v) ||
            v < low || v > high)
          throw std::invalid_argument("mgrelax spectrum: " + key + " " +
                                      it->second + " is not a number in [" +
                                      format_number(low) + ", " +
                                      format_number(high) + "]");
        return v;
      }

      std::string
      text(const std::string &key, const std::string &fallback) const
      {
        const auto it = values_.find(key);
        return it == values_.end() ? fallback : it->second;
      }

    private:
      const std::map<std::string, std::string> &values_;
    };

    // The curve's columns and window, the kernel, the grid and lambda.
    void
    read_inversion_options(const OptionValues &v, SpectrumAnalysisOptions &o)
    {
      o.time_column   = v.text("--time-column", "time");
      o.strain_column = v.text("--strain-column", "");
      o.from          = v.number("--from", 0, 1e300, 0);
      o.to            = v.number("--to", 0, 1e300, 1e300);
      o.time_origin   = v.number("--time-origin", 0, 1e300, 0);
      try
        {
          o.inversion.kernel = pp::parse_kernel(v.text("--kernel", "recovery"));
        }
      catch (const std::invalid_argument &e)
        {
          throw std::invalid_argument(std::string("mgrelax spectrum: ") +
                                      e.what());
        }
      o.inversion.hold_time         = v.number("--hold-time", 0, 1e300, 0);
      o.inversion.points_per_decade = static_cast<unsigned int>(
          v.number("--points-per-decade", 1, 100, 12));
      o.inversion.lambda     = v.number("--lambda", 1e-300, 1e300, -1);
      o.inversion.tau_min    = v.number("--tau-min", 0, 1e300, 0);
      o.inversion.tau_max    = v.number("--tau-max", 0, 1e300, 0);
      const std::string rule = v.text("--lambda-rule", "contin");
      if (rule != "gcv" && rule != "lcurve" && rule != "contin")
        throw std::invalid_argument("mgrelax spectrum: --lambda-rule " + rule +
                                    " (allowed: contin, lcurve, gcv)");
      o.inversion.rule = rule == "gcv"      ? pp::LambdaRule::gcv
                         : rule == "lcurve" ? pp::LambdaRule::lcurve
                                            : pp::LambdaRule::contin;
    }

    // The peaks' linear-solid and STZ quantities.
    void
    read_peak_options(const OptionValues &v, SpectrumAnalysisOptions &o)
    {
      o.min_peak_fraction = v.number("--min-peak-fraction", 0, 0.5, 0.01);
      o.elastic_strain    = v.number("--elastic-strain", 1e-300, 1e300, 1.0);
      o.young_modulus     = v.number("--young-modulus", 0, 1e15, 0);
      o.stz.temperature   = v.number("--temperature", 0, 1e5, 0);
      o.stz.shear_modulus = v.number("--shear-modulus", 0, 1e15, 0);
      o.stz.poisson_ratio = v.number("--poisson-ratio", 0, 0.4999, 0.324);
      o.stz.stz.gamma0_T =
          v.number("--transformation-strain", 1e-6, 0.999, 0.2);
      o.stz.stz.atomic_volume =
          v.number("--atomic-volume", 1e-32, 1e-27, 16.6e-30);
    }

    void
    read_gumbel_options(const OptionValues &v, SpectrumAnalysisOptions &o)
    {
      o.gumbel_families =
          static_cast<unsigned int>(v.number("--gumbel-families", 0, 3, 0));
      o.gumbel_units =
          static_cast<unsigned int>(v.number("--gumbel-units", 3, 200, 20));
      std::stringstream list(v.text("--gumbel-times", ""));
      std::string       item;
      while (std::getline(list, item, ','))
        {
          char        *end = nullptr;
          const double t   = std::strtod(item.c_str(), &end);
          if (item.empty() || *end != '\0' || !(t > 0.0) || !std::isfinite(t))
            throw std::invalid_argument(
                "mgrelax spectrum: --gumbel-times '" + item +
                "' is not a positive time (give T1,T2,... in s)");
          o.gumbel_times.push_back(t);
        }
      if (o.gumbel_times.empty())
        return;
      if (o.gumbel_families == 0)
        o.gumbel_families = static_cast<unsigned int>(o.gumbel_times.size());
      if (o.gumbel_times.size() != o.gumbel_families || o.gumbel_families > 3)
        throw std::invalid_argument(
            "mgrelax spectrum: --gumbel-times gives " +
            std::to_string(o.gumbel_times.size()) + " times for " +
            std::to_string(o.gumbel_families) +
            " Gumbel families (allowed: 1 to 3, one time each)");
    }

    void
    read_master_options(const OptionValues &v, SpectrumAnalysisOptions &o)
    {
      o.master_temperatures = number_list(
          "--master-curve", v.text("--master-curve", ""), 1e-3, 1e5);
      o.master_reference = v.number("--master-reference", 1e-3, 1e5, 0);
      o.peak_energies    = number_list(
          "--peak-energies", v.text("--peak-energies", ""), 1e-6, 100);
      const std::vector<double> window =
          number_list("--frequency-window",
                      v.text("--frequency-window", "0.01,100"),
                      1e-300,
                      1e300);
      if (window.size() != 2 || !(window[1] > window[0]))
        throw std::invalid_argument(
            "mgrelax spectrum: --frequency-window needs FMIN,FMAX (Hz) with 0 "
            "< FMIN < FMAX");
      o.frequency_min = window[0];
      o.frequency_max = window[1];
    }
  } // namespace

  int
  spectrum_command(const std::vector<std::string> &args)
  {
    const SpectrumArguments a = split_arguments(args);
    if (a.print_parameters)
      {
        print_spectrum_options(std::cout);
        return 0;
      }
    if (a.file.empty())
      throw std::invalid_argument(
          "mgrelax spectrum: no input file (usage: mgrelax spectrum FILE.csv "
          "[options]; mgrelax help spectrum)");
    const OptionValues      v(a.values);
    SpectrumAnalysisOptions o;
    read_inversion_options(v, o);
    read_peak_options(v, o);
    read_gumbel_options(v, o);
    read_master_options(v, o);
    o.kww           = a.kww;
    o.material_file = v.text("--write-material", "");
    if (o.material_file.empty() && a.values.count("--material-units") > 0)
      throw std::invalid_argument("mgrelax spectrum: --material-units needs "
                                  "--write-material FILE.prm");
    o.material_units = parse_material_units(v.text("--material-units", "grid"));
    o.directory      = v.text("--output", "");
    o.name           = v.text("--name", "");
    o.plot           = !a.no_plot;
    analyse_and_write_spectrum(a.file, o, std::cout);
    return 0;
  }
} // namespace mgrelax
