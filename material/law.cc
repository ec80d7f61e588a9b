#include "material/law.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace mgrelax::material
{
  unsigned int
  LawDescription::internal_state_size() const
  {
    unsigned int n = 0;
    for (const Variable &v : internal_state)
      n += v.size();
    return n;
  }

  unsigned int
  LawDescription::offset(const std::string &variable) const
  {
    unsigned int n = 0;
    for (const Variable &v : internal_state)
      {
        if (v.name == variable)
          return n;
        n += v.size();
      }
    throw std::out_of_range("material law '" + name +
                            "' has no internal state variable '" + variable +
                            "'");
  }

  bool
  LawDescription::has_variable(const std::string &variable) const
  {
    return std::any_of(internal_state.begin(),
                       internal_state.end(),
                       [&](const Variable &v) { return v.name == variable; });
  }

  void
  MaterialLaw::initialize(double *internal) const
  {
    std::fill(internal, internal + description().internal_state_size(), 0.0);
  }

  PointState::PointState(const MaterialLaw &law, const double temperature)
  {
    initialize(law, temperature);
  }

  void
  PointState::initialize(const MaterialLaw &law, const double temperature)
  {
    begin_temperature = temperature;
    end_temperature   = temperature;
    begin_.assign(12 + law.description().internal_state_size(), 0.0);
    law.initialize(begin_.data() + 12);
    end_ = begin_;
  }

  ConstStateView
  PointState::begin() const
  {
    return {begin_.data(),
            begin_.data() + 6,
            begin_.data() + 12,
            begin_temperature};
  }

  StateView
  PointState::end()
  {
    return {end_.data(), end_.data() + 6, end_.data() + 12, end_temperature};
  }

  void
  PointState::update()
  {
    begin_            = end_;
    begin_temperature = end_temperature;
  }

  void
  PointState::revert()
  {
    end_            = begin_;
    end_temperature = begin_temperature;
  }

  void
  PointState::set_begin(const std::vector<double> &values,
                        const double               temperature)
  {
    if (values.size() != begin_.size())
      throw std::invalid_argument(
          "the state has " + std::to_string(values.size()) +
          " values; the law's has " + std::to_string(begin_.size()));
    begin_            = values;
    end_              = values;
    begin_temperature = temperature;
    end_temperature   = temperature;
  }

  bool
  PointState::end_is_finite() const
  {
    return std::all_of(end_.begin(), end_.end(), [](const double v) {
      return std::isfinite(v);
    });
  }
} // namespace mgrelax::material
