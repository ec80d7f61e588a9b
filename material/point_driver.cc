#include "material/point_driver.h"

#include "material/format.h"

#include "material/load_program.h"

#include <Eigen/Dense>

#include <cmath>
#include <map>
#include <sstream>
#include <stdexcept>

namespace mgrelax::material
{
  PointControl
  parse_point_control(const std::string &text)
  {
    if (text == "uniaxial stress")
      return PointControl::uniaxial_stress;
    if (text == "uniaxial strain")
      return PointControl::uniaxial_strain;
    if (text == "stress tensor")
      return PointControl::stress_tensor;
    if (text == "strain tensor")
      return PointControl::strain_tensor;
    throw std::invalid_argument(
        "'control' must be one of: uniaxial stress, uniaxial strain, stress "
        "tensor, strain tensor (got '" +
        text + "')");
  }

  namespace
  {

    double
    parse_number(const std::string &text, const std::string &where)
    {
      std::size_t used = 0;
      double      value;
      try
        {
          value = std::stod(text, &used);
        }
      catch (const std::exception &)
        {
          used = 0;
        }
      if (used != text.size() || text.empty() || !std::isfinite(value))
        throw std::invalid_argument(where + ": '" + text +
                                    "' is not a finite number");
      return value;
    }

    std::array<double, 6>
    parse_value(const std::string &text,
                const unsigned int n_values,
                const std::string &where)
    {
      std::array<double, 6>    value{};
      std::vector<std::string> parts;
      std::stringstream        stream(text);
      std::string              part;
      while (std::getline(stream, part, ','))
        parts.push_back(trim(part));
      if (parts.size() != n_values)
        throw std::invalid_argument(
            where + ": needs " + std::to_string(n_values) +
            (n_values == 1 ? " value"
                           : " comma-separated values (xx,yy,zz,xy,yz,xz)") +
            ", got '" + text + "'");
      for (unsigned int i = 0; i < n_values; ++i)
        value[i] = parse_number(parts[i], where);
      return value;
    }
  } // namespace

  namespace
  {
    using Keys = std::map<std::string, std::string>;

    // The key=value words of a segment after its kind.
    Keys
    read_keys(std::stringstream &words, const std::string &where)
    {
      Keys        keys;
      std::string word;
      while (words >> word)
        {
          const auto eq = word.find('=');
          if (eq == std::string::npos || eq == 0 || eq + 1 == word.size())
            throw std::invalid_argument(where + ": expected key=value, got '" +
                                        word + "'");
          if (!keys.emplace(word.substr(0, eq), word.substr(eq + 1)).second)
            throw std::invalid_argument(where + ": key '" + word.substr(0, eq) +
                                        "' given twice");
        }
      return keys;
    }

    // The segment's kind and its keys (true: required); throws for an
    // unknown kind, an unknown key or a missing one.
    LoadSegment::Kind
    check_keys(const std::string &kind,
               const Keys        &keys,
               const std::string &where)
    {
      LoadSegment::Kind           k;
      std::map<std::string, bool> allowed;
      if (kind == "jump")
        {
          k       = LoadSegment::Kind::jump;
          allowed = {{"to", true}, {"T", false}};
        }
      else if (kind == "ramp")
        {
          k       = LoadSegment::Kind::ramp;
          allowed = {{"to", true},
                     {"duration", true},
                     {"dt0", false},
                     {"growth", false},
                     {"T", false}};
        }
      else if (kind == "hold")
        {
          k       = LoadSegment::Kind::hold;
          allowed = {{"duration", true},
                     {"dt0", false},
                     {"growth", false},
                     {"T", false}};
        }
      else if (kind == "sine" || kind == "triangle")
        {
          k       = kind == "sine" ? LoadSegment::Kind::sine
                                   : LoadSegment::Kind::triangle;
          allowed = {{"mean", true},
                     {"amplitude", true},
                     {"frequency", true},
                     {"cycles", true},
                     {"steps", false},
                     {"T", false}};
        }
      else
        throw std::invalid_argument(where + ": unknown segment type '" + kind +
                                    "' (allowed: jump, ramp, hold, sine, "
                                    "triangle)");

      for (const auto &[key, value] : keys)
        if (allowed.count(key) == 0)
          {
            std::string list;
            for (const auto &a : allowed)
              list += (list.empty() ? "" : ", ") + a.first;
            throw std::invalid_argument(where + ": unknown key '" + key +
                                        "' for " + kind + " (allowed: " + list +
                                        ")");
          }
      for (const auto &[key, required] : allowed)
        if (required && keys.count(key) == 0)
          throw std::invalid_argument(where + ": missing key '" + key + "'");
      return k;
    }

    // The values of the keys, checked.
    void
    read_values(const Keys        &keys,
                const unsigned int n_values,
                const std::string &where,
                LoadSegment       &s)
    {
      const auto number = [&](const std::string &key) {
        return parse_number(keys.at(key), where + ", key '" + key + "'");
      };
      const auto positive = [&](const std::string &key, const double v) {
        if (!(v > 0.0))
          throw std::invalid_argument(where + ", key '" + key +
                                      "': must be > 0");
        return v;
      };
      if (keys.count("to"))
        s.to = parse_value(keys.at("to"), n_values, where + ", key 'to'");
      if (keys.count("mean"))
        s.mean = parse_value(keys.at("mean"), n_values, where + ", key 'mean'");
      if (keys.count("amplitude"))
        s.amplitude = parse_value(
            keys.at("amplitude"), n_values, where + ", key 'amplitude'");
      if (keys.count("duration"))
        s.duration = positive("duration", number("duration"));
      if (keys.count("dt0"))
        s.first_step = positive("dt0", number("dt0"));
      if (keys.count("growth"))
        {
          s.growth = number("growth");
          if (!(s.growth >= 1.0 && s.growth <= 10.0))
            throw std::invalid_argument(where +
                                        ", key 'growth': must be in [1, 10]");
        }
      if (keys.count("frequency"))
        s.frequency = positive("frequency", number("frequency"));
      if (keys.count("cycles"))
        {
          const double n = positive("cycles", number("cycles"));
          if (n != std::floor(n) || n > 1e7)
            throw std::invalid_argument(
                where + ", key 'cycles': must be a whole number <= 1e7");
          s.cycles = static_cast<unsigned int>(n);
        }
      if (keys.count("steps"))
        {
          const double n = number("steps");
          if (n != std::floor(n) || n < 4 || n > 1e6)
            throw std::invalid_argument(
                where + ", key 'steps': must be a whole number in [4, 1e6]");
          s.steps_per_cycle = static_cast<unsigned int>(n);
          if (s.kind == LoadSegment::Kind::triangle && s.steps_per_cycle % 4)
            throw std::invalid_argument(
                where + ", key 'steps': a triangle needs a multiple of 4 (its "
                        "corners at a quarter and three quarters of a cycle)");
        }
      if (keys.count("T"))
        s.end_temperature = check_temperature(number("T"), where + ", key 'T'");
      if (s.first_step > 0.0 && s.first_step > s.duration)
        throw std::invalid_argument(where +
                                    ", key 'dt0': larger than 'duration'");
    }
  } // namespace

  double
  check_temperature(const double temperature, const std::string &what)
  {
    if (!(temperature >= min_temperature && temperature <= max_temperature))
      throw std::invalid_argument(what + ": " + format_number(temperature) +
                                  " K is outside [" +
                                  format_number(min_temperature) + ", " +
                                  format_number(max_temperature) + "] K");
    return temperature;
  }

  std::vector<LoadSegment>
  parse_load_program(const std::string &text, const unsigned int n_values)
  {
    std::vector<LoadSegment> program;
    std::stringstream        segments(text);
    std::string              segment_text;
    while (std::getline(segments, segment_text, ';'))
      {
        segment_text = trim(segment_text);
        if (segment_text.empty())
          continue;
        const std::string where = "load segment " +
                                  std::to_string(program.size() + 1) + " ('" +
                                  segment_text + "')";
        std::stringstream words(segment_text);
        std::string       kind;
        words >> kind;
        const Keys  keys = read_keys(words, where);
        LoadSegment s;
        s.kind = check_keys(kind, keys, where);
        read_values(keys, n_values, where, s);
        program.push_back(s);
      }
    if (program.empty())
      throw std::invalid_argument("the load program has no segment");
    return program;
  }

  PointDriver::PointDriver(const MaterialLaw &law,
                           const PointControl control,
                           const double       initial_temperature)
      : law_(law)
      , control_(control)
      , state_(law, initial_temperature)
  {
    set_control(control);
  }

  void
  PointDriver::set_control(const PointControl control)
  {
    control_ = control;
    stress_controlled_.clear();
    strain_controlled_.clear();
    const bool all_stress = control == PointControl::uniaxial_stress ||
                            control == PointControl::stress_tensor;
    const bool all_strain = control == PointControl::strain_tensor;
    for (int i = 0; i < 6; ++i)
      (all_stress || (!all_strain && i > 0) ? stress_controlled_
                                            : strain_controlled_)
          .push_back(i);
  }

  bool
  PointDriver::solve_step(const double                 dt,
                          const std::array<double, 6> &value,
                          const double                 temperature,
                          unsigned int                &iterations,
                          StepResult                  &result)
  {
    const bool uniaxial = control_ == PointControl::uniaxial_stress ||
                          control_ == PointControl::uniaxial_strain;
    // The imposed tensor in Mandel form; for uniaxial controls only xx is
    // imposed, the other components are zero stresses.
    std::array<double, 6> components = value;
    if (uniaxial)
      for (unsigned int i = 1; i < 6; ++i)
        components[i] = 0.0;
    const Vector6 target = from_components(components);

    state_.end_temperature = temperature;
    Eigen::Map<Vector6> strain(state_.end_strain());
    for (const int i : strain_controlled_)
      strain[i] = target[i];

    const StepRequest       request{dt, TangentRequest::consistent, 2.0};
    Matrix6                 tangent;
    const std::vector<int> &free   = stress_controlled_;
    const int               n_free = free.size();

    for (iterations = 1; iterations <= max_iterations; ++iterations)
      {
        StateView end = state_.end();
        result        = law_.integrate(request, state_.begin(), end, &tangent);
        if (result.succeeded() && !state_.end_is_finite())
          {
            // Cut back like a failure: no record holds NaN or Inf.
            result.status           = IntegrationStatus::failure;
            result.time_step_factor = 0.5;
            result.message = "the law's state is not finite (NaN or Inf)";
          }
        if (!result.succeeded())
          return false;
        if (n_free == 0)
          return true;
        const Eigen::Map<const Vector6> stress(state_.end_stress());
        Eigen::VectorXd                 residual(n_free);
        Eigen::MatrixXd                 K(n_free, n_free);
        for (int a = 0; a < n_free; ++a)
          {
            residual[a] = stress[free[a]] - target[free[a]];
            for (int b = 0; b < n_free; ++b)
              K(a, b) = tangent(free[a], free[b]);
          }
        // Scale of the stress terms: when the stress is unloaded to zero
        // its parts (K tr eps, 2 mu e) still are of order E |eps|, and their
        // round-off sets the attainable residual.
        const double scale = std::max(
            {stress.cwiseAbs().maxCoeff(),
             target.cwiseAbs().maxCoeff(),
             tangent.cwiseAbs().maxCoeff() * strain.cwiseAbs().maxCoeff(),
             1.0});
        // Converged once a correction has been applied: a creep increment
        // far below the tolerance on the stress (dt/tau = 1e-12) must
        // still move the strain.
        if (iterations > 1 &&
            residual.cwiseAbs().maxCoeff() <= relative_tolerance * scale)
          return true;
        const Eigen::VectorXd correction = K.partialPivLu().solve(-residual);
        for (int a = 0; a < n_free; ++a)
          strain[free[a]] += correction[a];
      }
    result.status           = IntegrationStatus::failure;
    result.time_step_factor = 0.5;
    result.message          = "point driver: Newton did not converge in " +
                     std::to_string(max_iterations) + " iterations";
    return false;
  }

  void
  PointDriver::run(const std::vector<LoadSegment>                 &program,
                   const std::function<void(const PointRecord &)> &on_step)
  {
    const auto record = [&](const unsigned int segment,
                            const double       time,
                            const unsigned int iterations) {
      on_step({segment,
               time,
               state_.begin_temperature,
               Eigen::Map<const Vector6>(state_.begin_strain()),
               Eigen::Map<const Vector6>(state_.begin_stress()),
               state_.begin().internal,
               iterations});
    };
    record(0, 0.0, 0);

    LoadProgram steps(program, state_.begin_temperature);
    while (!steps.finished())
      {
        const ProgramStep step       = steps.next();
        unsigned int      iterations = 0;
        StepResult        result;
        if (solve_step(
                step.dt, step.value, step.temperature, iterations, result))
          {
            state_.update();
            steps.accept();
            ++n_steps;
            n_iterations += iterations;
            record(step.segment + 1, step.time, iterations);
          }
        else
          {
            state_.revert();
            try
              {
                steps.cut(result.time_step_factor);
                ++n_cutbacks;
              }
            catch (const std::runtime_error &e)
              {
                throw std::runtime_error(std::string("the material failed: ") +
                                         e.what() + ": " + result.message);
              }
          }
      }
  }
} // namespace mgrelax::material
