#include "app/spectrum_material.h"

#include "material/format.h"

namespace mgrelax
{
  using material::format_number;
  using material::short_number;

  namespace
  {
    // "a, b, c" with a continuation line every `per_line` values.
    std::string
    value_list(const std::vector<double> &values)
    {
      constexpr std::size_t per_line = 5;
      std::string           text;
      for (std::size_t i = 0; i < values.size(); ++i)
        {
          if (i > 0)
            text += i % per_line == 0 ? ", \\\n                               "
                                      : ", ";
          text += format_number(values[i]);
        }
      return text;
    }

    void
    write_temperature_law(std::ostream        &out,
                          const WrittenFamily &family,
                          const double         temperature)
    {
      if (family.activation_eV > 0.0)
        out << "  set temperature dependence = Arrhenius\n"
            << "  set reference temperature  = " << format_number(temperature)
            << "   # the curve's temperature (--temperature)\n"
            << "  set activation energy      = "
            << format_number(family.activation_eV)
            << "   # eV (--peak-energies or the STZ analysis's dF_m)\n";
      else
        out << "  # No activation energy was given: the times hold at the "
               "curve's\n  # temperature only.  A DMA peak-temperature shift "
               "gives one\n  # (doc/from-measurements.md).\n"
            << "  set temperature dependence = none\n"
            << "  set reference temperature  = " << format_number(temperature)
            << "   # the curve's temperature (--temperature)\n";
    }

    void
    write_family(std::ostream        &out,
                 const WrittenFamily &family,
                 const double         temperature)
    {
      out << "\n# " << family.note << '\n'
          << "subsection Family " << family.name << '\n'
          << "  set kind                   = recoverable\n"
          << "  set compliance increment   = "
          << format_number(family.compliance)
          << "   # 1/Pa: amplitude / (eps_el^0 E0)\n";
      if (family.gumbel)
        out << "  set spectrum               = Gumbel\n"
            << "  set B                      = " << format_number(family.B)
            << "   # [Zhang2023-beta] Eq. 9\n"
            << "  set mean time              = "
            << format_number(family.mean_time) << "   # s\n"
            << "  set units                  = " << family.units
            << "   # as fitted (--gumbel-units)\n";
      else
        out << "  set spectrum               = list\n"
            << "  set times                  = " << value_list(family.times)
            << '\n'
            << "  set weights                = " << value_list(family.weights)
            << '\n';
      write_temperature_law(out, family, temperature);
      out << "end\n";
    }
  } // namespace

  std::vector<WrittenFamily>
  peak_families(const std::vector<double>            &tau,
                const Eigen::VectorXd                &f,
                const std::vector<postprocess::Peak> &peaks,
                const std::vector<double>            &energies_eV,
                const double                          elastic_strain,
                const double                          young_modulus,
                const MaterialUnits                   units)
  {
    std::vector<WrittenFamily> families;
    for (std::size_t k = 0; k < peaks.size(); ++k)
      {
        const postprocess::Peak &peak = peaks[k];
        WrittenFamily            family;
        family.name       = "peak" + std::to_string(k + 1);
        family.compliance = peak.area / (elastic_strain * young_modulus);
        family.note       = "Peak " + std::to_string(k + 1) + ": centroid " +
                      short_number(peak.centroid) + " s, area " +
                      short_number(peak.area) + " (c_m " +
                      short_number(peak.area / elastic_strain) + ")";
        if (units == MaterialUnits::centroid)
          {
            family.times   = {peak.centroid};
            family.weights = {1.0};
          }
        else
          for (unsigned int i = peak.first; i <= peak.last; ++i)
            if (f[i] > 0.0)
              {
                family.times.push_back(tau[i]);
                family.weights.push_back(f[i] / peak.area);
              }
        family.activation_eV = energies_eV.empty() ? 0.0 : energies_eV[k];
        families.push_back(family);
      }
    return families;
  }

  std::vector<WrittenFamily>
  gumbel_families(const postprocess::GumbelFit &fit,
                  const double                  elastic_strain,
                  const double                  young_modulus,
                  const unsigned int            units)
  {
    std::vector<WrittenFamily> families;
    for (const postprocess::GumbelFamilyFit &g : fit.families)
      {
        if (!(g.dJ > 0.0))
          continue; // not resolved by the curve
        WrittenFamily family;
        family.name       = "gumbel" + std::to_string(families.size() + 1);
        family.gumbel     = true;
        family.compliance = g.dJ / (elastic_strain * young_modulus);
        family.B          = g.B;
        family.mean_time  = g.mean_time;
        family.units      = units;
        family.note       = "Gumbel family ([Zhang2023-beta] Eq. 28): B " +
                      short_number(g.B) + " +- " + short_number(g.sigma_B) +
                      ", tau_bar " + short_number(g.mean_time) + " s, dJ " +
                      short_number(g.dJ) + " of the curve";
        families.push_back(family);
      }
    return families;
  }

  void
  write_material_file(std::ostream &out, const WrittenMaterial &material)
  {
    for (const std::string &line : material.header)
      out << (line.empty() ? "#" : "# " + line) << '\n';
    std::string names;
    for (const WrittenFamily &family : material.families)
      names += (names.empty() ? "" : ", ") + family.name;
    out << "\nsubsection Material\n"
        << "  set law               = generalized Kelvin\n"
        << "  set Young's modulus   = " << format_number(material.young_modulus)
        << "   # Pa, E0 (--young-modulus)\n"
        << "  set Poisson's ratio   = " << format_number(material.poisson_ratio)
        << "   # --poisson-ratio (a uniaxial curve does not measure it)\n"
        << "  set families          = " << names << '\n'
        << "  set dashpot viscosity = "
        << format_number(material.dashpot_viscosity) << "   # Pa s, "
        << material.dashpot_note << '\n'
        << "end\n";
    for (const WrittenFamily &family : material.families)
      write_family(out, family, material.temperature);
  }
} // namespace mgrelax
