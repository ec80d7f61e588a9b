// Isotropic linear elasticity through the material contract.  It has no
// internal state; the solver's tests use it to show that they depend on
// the contract, not on one law.
#pragma once

#include "material/law.h"

namespace mgrelax::material
{
  class IsotropicElasticLaw : public MaterialLaw
  {
  public:
    // Throws std::invalid_argument for E <= 0 or nu outside (-1, 0.5).
    IsotropicElasticLaw(double youngs_modulus, double poissons_ratio);

    const LawDescription &
    description() const override
    {
      return description_;
    }

    StepResult
    integrate(const StepRequest    &request,
              const ConstStateView &begin,
              StateView            &end,
              Matrix6              *tangent) const override;

    Matrix6
    elastic_stiffness(double temperature) const override;

  private:
    LawDescription description_;
    Matrix6        stiffness_;
  };

  // Checks E and nu; throws std::invalid_argument naming `where`.
  void
  check_elastic_constants(double             youngs_modulus,
                          double             poissons_ratio,
                          const std::string &where);
} // namespace mgrelax::material
