// Reading the isotropic elastic law (material/elastic_law.h) from a
// material file: Young's modulus and Poisson's ratio only.  The smallest
// example of a law reader (solver/law_input.h).
#include <stdexcept>

#include "material/elastic_law.h"
#include "solver/law_input.h"

namespace mgrelax
{
  LawReader
  elastic_reader()
  {
    LawReader reader;
    reader.name = "elastic";
    reader.read = [](dealii::ParameterHandler &,
                     const CommonMaterialEntries &common)
        -> std::unique_ptr<material::MaterialLaw> {
      if (!common.families.empty())
        throw std::invalid_argument(
            "Material: an elastic law has no Kelvin families (remove "
            "the entry 'families')");
      return std::make_unique<material::IsotropicElasticLaw>(
          common.youngs_modulus, common.poissons_ratio);
    };
    return reader;
  }
} // namespace mgrelax
