#include "solver/material_input.h"

#include <deal.II/base/utilities.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "solver/law_input.h"
#include "solver/output_files.h"
#include "solver/parameter_file_scan.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    // Returns the family names listed in `Material/families` of the file.
    std::vector<std::string>
    read_family_names(const std::string &file)
    {
      ParameterHandler prm;
      declare_material_parameters(prm, {});
      prm.parse_input(file, "", true);
      prm.enter_subsection("Material");
      std::vector<std::string> names =
          dealii::Utilities::split_string_list(prm.get("families"));
      prm.leave_subsection();
      return names;
    }
    // A family listed in `families` without its subsection would silently
    // get the defaults; refuse that.
    void
    check_family_subsections(const ParameterFileScan        &scan,
                             const std::vector<std::string> &names)
    {
      for (const std::string &name : names)
        if (scan.subsections.count("Family " + name) == 0)
          throw std::invalid_argument("Material: family '" + name +
                                      "' is listed in 'families' but has no "
                                      "'subsection Family " +
                                      name + "'");
    }

    // A file that does not say which law it describes would silently get
    // the built-in defaults (an empty file: the default law, E = 70 GPa, no
    // families); refuse it, listing what is missing (`families` for a law
    // that has families).
    void
    check_required_entries(const ParameterFileScan &scan,
                           const LawReader         &reader)
    {
      std::string missing;
      if (scan.entries.count("Material/law") == 0)
        missing += "'Material/law' (" + registered_law_names() + ")";
      if (reader.declare_family && scan.entries.count("Material/families") == 0)
        missing += (missing.empty() ? "" : ", ") +
                   std::string("'Material/families' (needed by law '") +
                   reader.name + "')";
      if (!missing.empty())
        throw std::invalid_argument("the file must state its law: missing " +
                                    missing);
    }
  } // namespace

  void
  declare_material_parameters(ParameterHandler               &prm,
                              const std::vector<std::string> &families)
  {
    // The entries of every registered law are declared (the file names its
    // law only once it is parsed).
    const std::vector<LawReader> &laws = registered_laws();
    prm.enter_subsection("Material");
    {
      prm.declare_entry("law",
                        laws.front().name,
                        Patterns::Selection(registered_law_names()),
                        "The constitutive law.");
      prm.declare_entry("Young's modulus",
                        "70e9",
                        Patterns::Double(),
                        "Unrelaxed Young's modulus E in Pa.");
      prm.declare_entry("Poisson's ratio",
                        "0.3",
                        Patterns::Double(),
                        "Poisson's ratio, in (-1, 0.5).");
      prm.declare_entry("families",
                        "",
                        Patterns::Anything(),
                        "Comma-separated names of the Kelvin families; each "
                        "needs a subsection `Family NAME`.");
      for (const LawReader &law : laws)
        if (law.declare_material)
          law.declare_material(prm);
    }
    prm.leave_subsection();
    for (const std::string &name : families)
      {
        prm.enter_subsection("Family " + name);
        for (const LawReader &law : laws)
          if (law.declare_family)
            law.declare_family(prm);
        prm.leave_subsection();
      }
  }

  std::string
  resolve_path(const std::string &path, const std::string &relative_to_file)
  {
    const std::filesystem::path p(path);
    if (p.is_absolute())
      return path;
    return (std::filesystem::path(relative_to_file).parent_path() / p)
        .lexically_normal()
        .string();
  }

  std::unique_ptr<material::MaterialLaw>
  read_material(const std::string &file)
  {
    if (!std::ifstream(file))
      throw std::runtime_error("material file '" + file + "' cannot be opened");
    try
      {
        const ParameterFileScan scan = check_parameter_file(file);
        CommonMaterialEntries   common;
        common.families = read_family_names(file);
        check_family_subsections(scan, common.families);
        ParameterHandler prm;
        declare_material_parameters(prm, common.families);
        prm.parse_input(file);

        prm.enter_subsection("Material");
        const std::string law = prm.get("law");
        common.youngs_modulus = prm.get_double("Young's modulus");
        common.poissons_ratio = prm.get_double("Poisson's ratio");
        prm.leave_subsection();
        const std::vector<LawReader> &laws = registered_laws();
        const auto                    reader =
            std::find_if(laws.begin(), laws.end(), [&](const LawReader &r) {
              return r.name == law;
            });
        // The selection pattern admits only registered names.
        check_required_entries(scan, *reader);
        return reader->read(prm, common);
      }
    catch (const dealii::ExceptionBase &exc)
      {
        // deal.II's messages already name the line and the entry.
        std::ostringstream message;
        exc.print_info(message);
        throw std::runtime_error("material file '" + file +
                                 "': " + trim_message(message.str()));
      }
    catch (const std::invalid_argument &exc)
      {
        throw std::runtime_error("material file '" + file + "': " + exc.what());
      }
  }
} // namespace mgrelax
