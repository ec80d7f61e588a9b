#include "solver/law_input.h"

#include <deal.II/base/utilities.h>

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  // The registered laws: ONE line per law, naming its reader (a function
  // `LawReader NAME()` defined with the law's parameter reading in
  // solver/<law>_input.cc).  The first is the default of `Material/law`;
  // the order is that of the selection in the file's documentation.
#define MGRELAX_LAWS(LAW)                                                      \
  LAW(generalized_kelvin_reader)                                               \
  LAW(elastic_reader)

#define MGRELAX_DECLARE(reader) LawReader reader();
  MGRELAX_LAWS(MGRELAX_DECLARE)
#undef MGRELAX_DECLARE

  const std::vector<LawReader> &
  registered_laws()
  {
#define MGRELAX_ENTRY(reader) reader(),
    static const std::vector<LawReader> laws{MGRELAX_LAWS(MGRELAX_ENTRY)};
#undef MGRELAX_ENTRY
    return laws;
  }

  std::string
  registered_law_names()
  {
    std::string names;
    for (const LawReader &law : registered_laws())
      names += (names.empty() ? "" : "|") + law.name;
    return names;
  }

  void
  declare_temperature_law(ParameterHandler &prm)
  {
    prm.declare_entry(
        "temperature dependence",
        "none",
        Patterns::Selection("none|Arrhenius|VFT"),
        "How the times shift with temperature: none, "
        "Arrhenius (tau ~ exp(E/kT), [Zhang2023-beta] Eqs. 13-14) or "
        "VFT (tau ~ exp(B/(T - T0)), [Zhang2023-beta]/[Zhang2023-cooling]).");
    prm.declare_entry("reference temperature",
                      "293.15",
                      Patterns::Double(0.0),
                      "Temperature (K) at which the given times hold.");
    prm.declare_entry("activation energy",
                      "0",
                      Patterns::Double(0.0),
                      "Arrhenius activation energy in eV (E_beta for a "
                      "beta family).");
    prm.declare_entry("VFT B",
                      "0",
                      Patterns::Double(0.0),
                      "VFT constant B in K ([Zhang2023-beta]: 5907 K for "
                      "La30Ce30Ni10Al20Co10).");
    prm.declare_entry("VFT T0",
                      "0",
                      Patterns::Double(0.0),
                      "VFT temperature T0 in K ([Zhang2023-beta]: 278 K).");
  }

  material::TemperatureLaw
  parse_temperature_law(const ParameterHandler &prm)
  {
    material::TemperatureLaw law;
    const std::string        kind = prm.get("temperature dependence");
    law.kind = kind == "Arrhenius" ? material::TemperatureLaw::Kind::arrhenius
               : kind == "VFT"     ? material::TemperatureLaw::Kind::vft
                                   : material::TemperatureLaw::Kind::none;
    law.reference_temperature = prm.get_double("reference temperature");
    law.activation_energy_eV  = prm.get_double("activation energy");
    law.vft_B                 = prm.get_double("VFT B");
    law.vft_T0                = prm.get_double("VFT T0");
    return law;
  }

  std::vector<double>
  parse_doubles(const ParameterHandler &prm, const std::string &entry)
  {
    return dealii::Utilities::string_to_double(
        dealii::Utilities::split_string_list(prm.get(entry)));
  }

} // namespace mgrelax
