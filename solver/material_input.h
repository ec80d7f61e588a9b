// Reading material parameter sets (inputs/materials/*.prm) into laws of the
// material library.  The files use deal.II's ParameterHandler format; a
// material is a `Material` subsection plus one `Family NAME` subsection per
// Kelvin family named in `Material/families`.  Unknown or malformed entries
// and out-of-range values are errors that name the file and the entry.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <memory>
#include <string>

#include "material/law.h"

namespace mgrelax
{
  // Declares the entries of a material file, with a family subsection for
  // each name in `families`.
  void
  declare_material_parameters(dealii::ParameterHandler       &prm,
                              const std::vector<std::string> &families);

  // Reads the law described by `file`.  Throws std::runtime_error with a
  // message naming the file and the entry on any error.
  std::unique_ptr<material::MaterialLaw>
  read_material(const std::string &file);

  // Resolves `path` relative to the directory of `relative_to_file` unless
  // it is absolute.
  std::string
  resolve_path(const std::string &path, const std::string &relative_to_file);
} // namespace mgrelax
