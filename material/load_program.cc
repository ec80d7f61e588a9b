#include "material/load_program.h"
#include "material/format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

namespace mgrelax::material
{
  namespace
  {
    // The triangle wave of unit amplitude and period 1 in phase with
    // sin(2 pi x): 0 at x = 0, 1 at 1/4, -1 at 3/4.
    double
    triangle_wave(const double x)
    {
      const double phase = x - std::floor(x);
      return phase < 0.25   ? 4.0 * phase
             : phase < 0.75 ? 2.0 - 4.0 * phase
                            : 4.0 * phase - 4.0;
    }
  } // namespace

  namespace
  {
    double
    segment_steps(const LoadSegment &s)
    {
      using Kind = LoadSegment::Kind;
      if (s.kind == Kind::jump)
        return 1.0;
      if (s.periodic())
        return double(s.cycles) * s.steps_per_cycle;
      const bool   ramp = s.kind == Kind::ramp;
      const double dt0  = s.first_step > 0.0 ? s.first_step
                          : ramp             ? s.duration / 20.0
                                             : 1e-6 * s.duration;
      const double g    = s.growth > 0.0 ? s.growth
                          : ramp         ? 1.0
                                         : std::pow(10.0, 0.05);
      // Steps dt0 g^k until their sum reaches the duration.
      return std::ceil(g == 1.0 ? s.duration / dt0
                                : std::log1p(s.duration * (g - 1.0) / dt0) /
                                      std::log(g));
    }
  } // namespace

  double
  estimated_steps(const std::vector<LoadSegment> &segments)
  {
    double n = 0.0;
    for (const LoadSegment &s : segments)
      n += segment_steps(s);
    return n;
  }

  namespace
  {
    std::string
    rounded(const double n)
    {
      char text[32];
      std::snprintf(text, sizeof(text), "%.3g", n);
      return text;
    }
  } // namespace

  double
  check_step_count(const std::vector<LoadSegment> &segments)
  {
    const double n = estimated_steps(segments);
    if (n <= max_program_steps)
      return n;
    std::size_t largest = 0;
    for (std::size_t i = 1; i < segments.size(); ++i)
      if (segment_steps(segments[i]) > segment_steps(segments[largest]))
        largest = i;
    throw std::invalid_argument("the load program takes about " + rounded(n) +
                                " steps, more than " +
                                rounded(max_program_steps) + " (load segment " +
                                std::to_string(largest + 1) + " alone " +
                                rounded(segment_steps(segments[largest])) +
                                "): raise its dt0 or growth, or shorten it");
  }

  LoadProgram::LoadProgram(std::vector<LoadSegment>     segments,
                           const double                 initial_temperature,
                           const std::array<double, 6> &initial_value)
      : segments_(std::move(segments))
      , segment_start_temperature_(initial_temperature)
      , segment_start_value_(initial_value)
      , temperature_(initial_temperature)
      , value_(initial_value)
  {
    if (!segments_.empty())
      start_segment();
  }

  std::vector<double>
  LoadProgram::state() const
  {
    std::vector<double> v{static_cast<double>(segments_.size()),
                          static_cast<double>(segment_),
                          segment_start_time_,
                          segment_start_temperature_};
    v.insert(v.end(), segment_start_value_.begin(), segment_start_value_.end());
    v.insert(v.end(), {time_, temperature_});
    v.insert(v.end(), value_.begin(), value_.end());
    v.insert(v.end(),
             {tau_,
              dt_,
              static_cast<double>(consecutive_cuts_),
              static_cast<double>(n_cutbacks_)});
    return v;
  }

  void
  LoadProgram::restore_state(const std::vector<double> &v)
  {
    if (v.size() != 22 || v[0] != static_cast<double>(segments_.size()) ||
        !(v[1] >= 0.0 && v[1] <= v[0]))
      throw std::invalid_argument(
          "the saved position is not one of this load program (" +
          std::to_string(segments_.size()) + " segments)");
    auto at                    = v.begin() + 2;
    segment_                   = static_cast<unsigned int>(v[1]);
    segment_start_time_        = *at++;
    segment_start_temperature_ = *at++;
    std::copy(at, at + 6, segment_start_value_.begin());
    at += 6;
    time_        = *at++;
    temperature_ = *at++;
    std::copy(at, at + 6, value_.begin());
    at += 6;
    tau_              = *at++;
    dt_               = *at++;
    consecutive_cuts_ = static_cast<unsigned int>(*at++);
    n_cutbacks_       = static_cast<unsigned int>(*at++);
  }

  bool
  LoadProgram::finished() const
  {
    return segment_ >= segments_.size();
  }

  double
  LoadProgram::segment_duration() const
  {
    const LoadSegment &s = segments_[segment_];
    switch (s.kind)
      {
      case LoadSegment::Kind::jump:
        return 0.0;
      case LoadSegment::Kind::sine:
      case LoadSegment::Kind::triangle:
        return s.cycles / s.frequency;
      default:
        return s.duration;
      }
  }

  void
  LoadProgram::start_segment()
  {
    const LoadSegment &s       = segments_[segment_];
    segment_start_time_        = time_;
    segment_start_temperature_ = temperature_;
    segment_start_value_       = value_;
    tau_                       = 0.0;
    const double duration      = segment_duration();
    switch (s.kind)
      {
      case LoadSegment::Kind::jump:
        dt_ = 0.0;
        break;
      case LoadSegment::Kind::ramp:
        dt_ = s.first_step > 0.0 ? s.first_step : duration / 20.0;
        break;
      case LoadSegment::Kind::hold:
        dt_ = s.first_step > 0.0 ? s.first_step : 1e-6 * duration;
        break;
      case LoadSegment::Kind::sine:
      case LoadSegment::Kind::triangle:
        dt_ = 1.0 / (s.frequency * s.steps_per_cycle);
        break;
      }
  }

  ProgramStep
  LoadProgram::next() const
  {
    const LoadSegment &s        = segments_[segment_];
    const double       duration = segment_duration();

    // Step size: trimmed to end on the segment's end, merging a remainder
    // smaller than half a step into this step; sines also end on the next
    // phase k / (f S) (periodic segments).
    double step = std::min(dt_, duration - tau_);
    if (duration - tau_ - step < 0.5 * step)
      step = duration - tau_;
    double tau_next = step == duration - tau_ ? duration : tau_ + step;
    if (s.periodic())
      {
        const double period = 1.0 / (s.frequency * s.steps_per_cycle);
        const double next_phase =
            (std::floor(tau_ / period * (1.0 + 1e-12)) + 1.0) * period;
        // k / (f S) for the last k can round to just below the end: land on
        // the end itself.
        if (next_phase >= duration * (1.0 - 1e-9))
          tau_next = duration;
        else if (tau_next > next_phase * (1.0 - 1e-12))
          tau_next = next_phase;
      }

    ProgramStep p;
    p.segment         = segment_;
    p.dt              = tau_next - tau_;
    p.time            = segment_start_time_ + tau_next;
    p.last_in_segment = tau_next == duration;
    const double x    = duration > 0.0 ? tau_next / duration : 1.0;
    for (unsigned int i = 0; i < 6; ++i)
      switch (s.kind)
        {
        case LoadSegment::Kind::jump:
        case LoadSegment::Kind::ramp:
          p.value[i] =
              segment_start_value_[i] + (s.to[i] - segment_start_value_[i]) * x;
          break;
        case LoadSegment::Kind::hold:
          p.value[i] = segment_start_value_[i];
          break;
        case LoadSegment::Kind::sine:
          p.value[i] =
              s.mean[i] +
              s.amplitude[i] * std::sin(2.0 * M_PI * s.frequency * tau_next);
          break;
        case LoadSegment::Kind::triangle:
          p.value[i] = s.mean[i] +
                       s.amplitude[i] * triangle_wave(s.frequency * tau_next);
          break;
        }
    const double T_end = s.end_temperature > 0.0 ? s.end_temperature
                                                 : segment_start_temperature_;
    p.temperature =
        segment_start_temperature_ + (T_end - segment_start_temperature_) * x;
    return p;
  }

  void
  LoadProgram::accept()
  {
    const ProgramStep  p = next();
    const LoadSegment &s = segments_[segment_];
    tau_                 = p.last_in_segment ? segment_duration() : tau_ + p.dt;
    time_                = p.time;
    value_               = p.value;
    temperature_         = p.temperature;
    consecutive_cuts_    = 0;
    switch (s.kind)
      {
      case LoadSegment::Kind::ramp:
        dt_ = p.dt * (s.growth > 0.0 ? s.growth : 1.0);
        break;
      case LoadSegment::Kind::hold:
        dt_ = p.dt * (s.growth > 0.0 ? s.growth : std::pow(10.0, 0.05));
        break;
      case LoadSegment::Kind::sine:
      case LoadSegment::Kind::triangle:
        // Back towards the nominal step after a cut.
        dt_ = std::min(2.0 * p.dt, 1.0 / (s.frequency * s.steps_per_cycle));
        break;
      case LoadSegment::Kind::jump:
        break;
      }
    if (tau_ >= segment_duration())
      {
        ++segment_;
        if (!finished())
          start_segment();
      }
  }

  void
  LoadProgram::cut(const double factor)
  {
    const ProgramStep p = next();
    ++n_cutbacks_;
    if (p.dt == 0.0 || ++consecutive_cuts_ > 30)
      {
        std::ostringstream message;
        message << "cannot cut the step at t = " << p.time << " s (segment "
                << segment_ + 1 << ")"
                << (p.dt == 0.0 ? ": an instantaneous jump failed"
                                : ": 30 cuts in a row");
        throw std::runtime_error(message.str());
      }
    dt_ = p.dt * std::clamp(factor, 0.1, 0.5);
  }
} // namespace mgrelax::material
