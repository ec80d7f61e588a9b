#include "material/failed_point.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "material/format.h"

namespace mgrelax::material
{
  namespace
  {
    std::string
    numbers(const double *values, const std::size_t n)
    {
      std::string text;
      for (std::size_t i = 0; i < n; ++i)
        text += (i ? " " : "") + format_number(values[i]);
      return text;
    }

    // The numbers of one item; strtod reads subnormals (a decayed unit's
    // 1e-310) that std::stod refuses.
    std::vector<double>
    parse_numbers(const std::string &text, const std::string &where)
    {
      std::vector<double> values;
      std::istringstream  words(text);
      std::string         word;
      while (words >> word)
        {
          char        *end   = nullptr;
          const double value = std::strtod(word.c_str(), &end);
          if (end != word.c_str() + word.size())
            throw std::invalid_argument(where + ": '" + word +
                                        "' is not a number");
          values.push_back(value);
        }
      return values;
    }
  } // namespace

  FailedPoint
  FailedPoint::capture(const MaterialLaw &law,
                       const PointState  &state,
                       const double       dt,
                       const StepResult  &result)
  {
    FailedPoint p;
    p.law               = law.description().name;
    p.message           = result.message;
    p.dt                = dt;
    p.begin_temperature = state.begin_temperature;
    p.end_temperature   = state.end_temperature;
    p.begin_state       = state.begin_values();
    for (unsigned int i = 0; i < 6; ++i)
      p.end_strain[i] = state.end_values()[i];
    return p;
  }

  void
  FailedPoint::write(const std::string &file) const
  {
    std::ofstream out(file);
    out << "# A failed integration of the law at one point; replay it with\n"
           "# `mgrelax point --replay "
        << file << "`.\n"
        << "material file = " << material_file << "\nlaw = " << law
        << "\nmessage = " << message << "\ndt = " << format_number(dt)
        << "\nbegin temperature = " << format_number(begin_temperature)
        << "\nend temperature = " << format_number(end_temperature)
        << "\nbegin state = " << numbers(begin_state.data(), begin_state.size())
        << "\nend strain = " << numbers(end_strain.data(), 6) << "\n";
    out.close();
    if (!out)
      throw std::runtime_error("cannot write '" + file +
                               "': " + std::strerror(errno));
  }

  FailedPoint
  FailedPoint::read(const std::string &file)
  {
    std::ifstream in(file);
    if (!in)
      throw std::invalid_argument("cannot read '" + file + "'");
    std::map<std::string, std::string> items;
    std::string                        line;
    for (unsigned int n = 1; std::getline(in, line); ++n)
      {
        if (trim(line).empty() || trim(line)[0] == '#')
          continue;
        const auto eq = line.find(" = ");
        if (eq == std::string::npos)
          throw std::invalid_argument("'" + file + "', line " +
                                      std::to_string(n) +
                                      ": expected 'key = value'");
        items[trim(line.substr(0, eq))] = trim(line.substr(eq + 3));
      }
    const auto item = [&](const std::string &key) {
      if (items.count(key) == 0)
        throw std::invalid_argument("'" + file + "': no '" + key + "'");
      return items.at(key);
    };
    const auto number = [&](const std::string &key) {
      const std::vector<double> v = parse_numbers(item(key), "'" + file + "'");
      if (v.size() != 1)
        throw std::invalid_argument("'" + file + "': '" + key +
                                    "' needs one number");
      return v[0];
    };
    FailedPoint p;
    p.material_file     = item("material file");
    p.law               = item("law");
    p.message           = items["message"];
    p.dt                = number("dt");
    p.begin_temperature = number("begin temperature");
    p.end_temperature   = number("end temperature");
    p.begin_state       = parse_numbers(item("begin state"), "'" + file + "'");
    const std::vector<double> e =
        parse_numbers(item("end strain"), "'" + file + "'");
    if (e.size() != 6 || p.begin_state.size() < 12)
      throw std::invalid_argument("'" + file +
                                  "': 'end strain' needs 6 numbers and "
                                  "'begin state' at least 12");
    for (unsigned int i = 0; i < 6; ++i)
      p.end_strain[i] = e[i];
    return p;
  }

  StepResult
  FailedPoint::replay(const MaterialLaw &material) const
  {
    PointState state(material, begin_temperature);
    state.set_begin(begin_state, begin_temperature);
    for (unsigned int i = 0; i < 6; ++i)
      state.end_strain()[i] = end_strain[i];
    state.end_temperature = end_temperature;
    StateView   end       = state.end();
    Matrix6     tangent;
    StepRequest request;
    request.dt      = dt;
    request.tangent = TangentRequest::consistent;
    return material.integrate(request, state.begin(), end, &tangent);
  }
} // namespace mgrelax::material
