// A test law: an isotropic elastic law that goes out of its range beyond a
// strain, as a law whose exponential overflows does.  Beyond `limit` (the
// largest absolute Mandel strain component of the step's end) it either
// returns a NaN stress while claiming success (Mode::nan) or reports a
// failure (Mode::failure).  Below it, it is the elastic law exactly.  It
// keeps the largest strain component it was asked to integrate, so a test
// can place the limit inside the range a load program reaches.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "material/elastic_law.h"

namespace mgrelax::testing
{
  class ThresholdLaw : public material::MaterialLaw
  {
  public:
    enum class Mode
    {
      nan,
      failure
    };

    ThresholdLaw(const double E, const double nu, double limit, Mode mode)
        : elastic_(E, nu)
        , limit_(limit)
        , mode_(mode)
    {}

    const material::LawDescription &
    description() const override
    {
      return elastic_.description();
    }

    material::StepResult
    integrate(const material::StepRequest    &request,
              const material::ConstStateView &begin,
              material::StateView            &end,
              material::Matrix6              *tangent) const override
    {
      material::StepResult result =
          elastic_.integrate(request, begin, end, tangent);
      double largest = 0.0;
      for (unsigned int i = 0; i < 6; ++i)
        largest = std::max(largest, std::abs(end.strain[i]));
      largest_seen = std::max(largest_seen, largest);
      if (largest <= limit_)
        return result;
      if (mode_ == Mode::nan)
        end.stress[0] = std::numeric_limits<double>::quiet_NaN();
      else
        {
          result.status           = material::IntegrationStatus::failure;
          result.time_step_factor = 0.5;
          result.message =
              "strain beyond the law's range " + std::to_string(limit_);
        }
      return result;
    }

    material::Matrix6
    elastic_stiffness(const double temperature) const override
    {
      return elastic_.elastic_stiffness(temperature);
    }

    // The largest |strain component| integrated so far (the assembly is
    // serial).
    mutable double largest_seen = 0.0;

  private:
    material::IsotropicElasticLaw elastic_;
    double                        limit_;
    Mode                          mode_;
  };
} // namespace mgrelax::testing
