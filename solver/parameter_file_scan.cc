#include "solver/parameter_file_scan.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <stdexcept>

#include "material/format.h"

namespace mgrelax
{
  namespace
  {
    // A line as deal.II reads it: the comment (from an unescaped '#') cut
    // off, white space trimmed.
    std::string
    strip_line(const std::string &line)
    {
      std::size_t hash = line.find('#');
      while (hash != std::string::npos && hash > 0 && line[hash - 1] == '\\')
        hash = line.find('#', hash + 1);
      return material::trim(line.substr(0, hash), " \t\r");
    }

    // Whether the line starts with `keyword ` (lower or upper case, as
    // deal.II accepts); `rest` is then the text after it.
    bool
    starts_with_keyword(const std::string &line,
                        const std::string &keyword,
                        std::string       &rest)
    {
      std::string upper = keyword;
      for (char &c : upper)
        c = static_cast<char>(std::toupper(c));
      for (const std::string &k : {keyword, upper})
        if (line.compare(0, k.size() + 1, k + " ") == 0)
          {
            rest = material::trim(line.substr(k.size() + 1), " \t");
            return true;
          }
      return false;
    }

    class Scanner
    {
    public:
      ParameterFileScan result;

      void
      scan(const std::string &file)
      {
        std::error_code   ignored;
        const std::string id =
            std::filesystem::weakly_canonical(file, ignored).string();
        for (std::size_t i = 0; i < chain_.size(); ++i)
          if (chain_[i].first == id)
            throw std::invalid_argument(cycle_message(i, file));
        std::ifstream in(file);
        if (!in)
          return; // deal.II reports the file that cannot be opened
        chain_.emplace_back(id, file);
        std::string  line, joined;
        unsigned int number = 0;
        while (std::getline(in, line))
          {
            ++number;
            // A line ending in '\' continues on the next one.
            if (!line.empty() && line.back() == '\\')
              {
                joined += line.substr(0, line.size() - 1);
                continue;
              }
            scan_line(strip_line(joined + line), file, number);
            joined.clear();
          }
        chain_.pop_back();
      }

    private:
      // (canonical path, name as included) of the files being read.
      std::vector<std::pair<std::string, std::string>> chain_;
      std::vector<std::string>                         path_;
      std::map<std::string, std::string>               first_seen_;

      std::string
      cycle_message(const std::size_t first, const std::string &file) const
      {
        std::string message =
            "parameter file '" + file + "' includes itself (include chain: ";
        for (std::size_t i = first; i < chain_.size(); ++i)
          message += "'" + chain_[i].second + "' -> ";
        return message + "'" + file + "')";
      }

      std::string
      key(const std::string &name) const
      {
        std::string k;
        for (const std::string &s : path_)
          k += s + "/";
        return k + name;
      }

      void
      note(const std::string &what,
           const std::string &k,
           const std::string &where,
           const std::string &meaning)
      {
        const auto [it, fresh] = first_seen_.emplace(what + k, where);
        if (!fresh)
          result.repeats.push_back(where + ": " + what + " '" + k +
                                   "' is given again (first at " + it->second +
                                   "); " + meaning);
      }

      void
      scan_line(const std::string &line,
                const std::string &file,
                const unsigned int number)
      {
        const std::string where = file + ":" + std::to_string(number);
        std::string       rest;
        if (starts_with_keyword(line, "subsection", rest))
          {
            note("subsection", key(rest), where, "their entries are merged");
            result.subsections.insert(key(rest));
            path_.push_back(rest);
          }
        else if ((line == "end" || line == "END") && !path_.empty())
          path_.pop_back();
        else if (starts_with_keyword(line, "set", rest) &&
                 rest.find('=') != std::string::npos)
          {
            const std::string name =
                material::trim(rest.substr(0, rest.find('=')), " \t");
            note("entry", key(name), where, "the last value is used");
            result.entries.insert(key(name));
          }
        else if (starts_with_keyword(line, "include", rest))
          scan(rest);
      }
    };
  } // namespace

  ParameterFileScan
  scan_parameter_file(const std::string &file)
  {
    Scanner scanner;
    scanner.scan(file);
    return scanner.result;
  }

  ParameterFileScan
  check_parameter_file(const std::string &file)
  {
    ParameterFileScan scan = scan_parameter_file(file);
    if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
      for (const std::string &repeat : scan.repeats)
        std::cerr << "mgrelax: warning: " << repeat << "\n";
    return scan;
  }
} // namespace mgrelax
