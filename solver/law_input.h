// The registry of the laws a material file can name (`Material/law`), and
// helpers for reading a law's parameters.  A law is read by a LawReader:
// it declares the law's entries of a material file and builds the law from
// a parsed file.  Adding a law: a reader in its own file
// (solver/<law>_input.cc, see solver/elastic_law_input.cc) and one line in
// the list of solver/law_input.cc (doc/architecture.md, 'Adding a law').
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "material/law.h"
#include "material/spectrum.h"

namespace mgrelax
{
  // The entries every material file has, read before the law's own ones.
  struct CommonMaterialEntries
  {
    double                   youngs_modulus = 0.0;
    double                   poissons_ratio = 0.0;
    std::vector<std::string> families; // `Material/families`
  };

  struct LawReader
  {
    // The value of `Material/law` that selects the law.
    std::string name;
    // Declares the law's entries in subsection Material (the handler is in
    // it); the common entries (law, Young's modulus, Poisson's ratio,
    // families) are declared already.  nullptr: none.
    std::function<void(dealii::ParameterHandler &)> declare_material;
    // Declares the entries of one `Family NAME` subsection (the handler is
    // in it).  nullptr: the law has no families.
    std::function<void(dealii::ParameterHandler &)> declare_family;
    // Builds the law from the parsed file (the handler at the top level).
    // Throws std::invalid_argument naming the entry on a bad value.
    std::function<std::unique_ptr<material::MaterialLaw>(
        dealii::ParameterHandler &, const CommonMaterialEntries &)>
        read;
  };

  // Every law a material file can name; the first is the default.
  const std::vector<LawReader> &
  registered_laws();

  // The registered names joined by '|' (a Patterns::Selection).
  std::string
  registered_law_names();

  // Helpers shared by the readers: a temperature law (entries `temperature
  // dependence`, `reference temperature`, `activation energy`, `VFT B`,
  // `VFT T0` in the current subsection) and a comma-separated list of
  // numbers.
  void
  declare_temperature_law(dealii::ParameterHandler &prm);
  material::TemperatureLaw
  parse_temperature_law(const dealii::ParameterHandler &prm);
  std::vector<double>
  parse_doubles(const dealii::ParameterHandler &prm, const std::string &entry);
} // namespace mgrelax
