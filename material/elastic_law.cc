#include "material/elastic_law.h"
#include "material/format.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace mgrelax::material
{

  void
  check_elastic_constants(const double       youngs_modulus,
                          const double       poissons_ratio,
                          const std::string &where)
  {
    if (!(youngs_modulus > 0.0) || !std::isfinite(youngs_modulus))
      throw std::invalid_argument(where +
                                  ": 'Young's modulus' must be > 0 Pa (got " +
                                  short_number(youngs_modulus) + ")");
    if (!(poissons_ratio > -1.0 && poissons_ratio < 0.5))
      throw std::invalid_argument(
          where + ": 'Poisson's ratio' must be in (-1, 0.5) (got " +
          short_number(poissons_ratio) + ")");
  }

  IsotropicElasticLaw::IsotropicElasticLaw(const double youngs_modulus,
                                           const double poissons_ratio)
  {
    check_elastic_constants(youngs_modulus, poissons_ratio, "elastic law");
    const double K    = youngs_modulus / (3.0 * (1.0 - 2.0 * poissons_ratio));
    const double mu   = youngs_modulus / (2.0 * (1.0 + poissons_ratio));
    stiffness_        = isotropic_stiffness(K, mu);
    description_.name = "isotropic elastic";
    description_.parameters = {{"Young's modulus", youngs_modulus, "Pa"},
                               {"Poisson's ratio", poissons_ratio, "-"}};
  }

  StepResult
  IsotropicElasticLaw::integrate(const StepRequest &request,
                                 const ConstStateView &,
                                 StateView &end,
                                 Matrix6   *tangent) const
  {
    const Eigen::Map<const Vector6> strain(end.strain);
    Eigen::Map<Vector6>(end.stress) = stiffness_ * strain;
    if (tangent != nullptr && request.tangent != TangentRequest::none)
      *tangent = stiffness_;
    return {IntegrationStatus::success, request.max_time_step_factor, {}};
  }

  Matrix6
  IsotropicElasticLaw::elastic_stiffness(double) const
  {
    return stiffness_;
  }
} // namespace mgrelax::material
