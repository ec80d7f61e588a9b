#include "solver/state_archive.h"

#include <cstdio>
#include <cstdlib>
#include <istream>
#include <ostream>
#include <stdexcept>

namespace mgrelax
{
  namespace
  {
    std::string
    escape(const std::string &text)
    {
      std::string out;
      for (const char c : text)
        out += c == '\\'   ? "\\\\"
               : c == '\t' ? "\\t"
               : c == '\n' ? "\\n"
                           : std::string(1, c);
      return out;
    }

    std::string
    unescape(const std::string &text)
    {
      std::string out;
      for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\\' && i + 1 < text.size())
          {
            const char c = text[++i];
            out += c == 't' ? '\t' : c == 'n' ? '\n' : c;
          }
        else
          out += text[i];
      return out;
    }

    std::string
    hexadecimal(const double value)
    {
      char buffer[40];
      std::snprintf(buffer, sizeof buffer, "%a", value);
      return buffer;
    }

    // The numbers of a line; false for anything that is not one.
    bool
    parse_numbers(const std::string &text, std::vector<double> &values)
    {
      const char *at = text.c_str();
      while (*at != '\0')
        {
          char        *end   = nullptr;
          const double value = std::strtod(at, &end);
          if (end == at)
            return false;
          values.push_back(value);
          at = end;
          while (*at == ' ')
            ++at;
        }
      return true;
    }
  } // namespace

  void
  StateArchive::set(const std::string &key, const double value)
  {
    set(key, std::vector<double>{value});
  }

  void
  StateArchive::set(const std::string &key, std::vector<double> values)
  {
    texts_.erase(key);
    numbers_[key] = std::move(values);
  }

  void
  StateArchive::set_text(const std::string &key, std::string text)
  {
    numbers_.erase(key);
    texts_[key] = std::move(text);
  }

  bool
  StateArchive::has(const std::string &key) const
  {
    return numbers_.count(key) != 0 || texts_.count(key) != 0;
  }

  const std::vector<double> &
  StateArchive::numbers(const std::string &key) const
  {
    const auto found = numbers_.find(key);
    if (found == numbers_.end())
      throw std::invalid_argument("the checkpoint has no numbers '" + key +
                                  "'");
    return found->second;
  }

  double
  StateArchive::number(const std::string &key) const
  {
    const std::vector<double> &values = numbers(key);
    if (values.size() != 1)
      throw std::invalid_argument("the checkpoint's '" + key +
                                  "' is not one number");
    return values[0];
  }

  const std::string &
  StateArchive::text(const std::string &key) const
  {
    const auto found = texts_.find(key);
    if (found == texts_.end())
      throw std::invalid_argument("the checkpoint has no text '" + key + "'");
    return found->second;
  }

  std::vector<std::string>
  StateArchive::keys(const std::string &prefix) const
  {
    std::vector<std::string> keys;
    for (const auto &[key, values] : numbers_)
      if (key.compare(0, prefix.size(), prefix) == 0)
        keys.push_back(key);
    for (const auto &[key, text] : texts_)
      if (key.compare(0, prefix.size(), prefix) == 0)
        keys.push_back(key);
    return keys;
  }

  void
  StateArchive::write(std::ostream &out) const
  {
    for (const auto &[key, values] : numbers_)
      {
        out << key << "\tn\t";
        for (std::size_t i = 0; i < values.size(); ++i)
          out << (i == 0 ? "" : " ") << hexadecimal(values[i]);
        out << '\n';
      }
    for (const auto &[key, text] : texts_)
      out << key << "\tt\t" << escape(text) << '\n';
  }

  StateArchive
  StateArchive::read(std::istream &in, const std::string &file)
  {
    StateArchive archive;
    std::string  line;
    for (unsigned int number = 1; std::getline(in, line); ++number)
      {
        const std::size_t tab1 = line.find('\t');
        const std::size_t tab2 =
            tab1 == std::string::npos ? tab1 : line.find('\t', tab1 + 1);
        const std::string   kind = tab2 == std::string::npos
                                       ? ""
                                       : line.substr(tab1 + 1, tab2 - tab1 - 1);
        std::vector<double> values;
        if (kind == "t")
          archive.texts_[line.substr(0, tab1)] =
              unescape(line.substr(tab2 + 1));
        else if (kind == "n" && parse_numbers(line.substr(tab2 + 1), values))
          archive.numbers_[line.substr(0, tab1)] = std::move(values);
        else
          throw std::invalid_argument("'" + file + "', line " +
                                      std::to_string(number) +
                                      ": not a line of a checkpoint");
      }
    return archive;
  }
} // namespace mgrelax
