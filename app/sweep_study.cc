#include "app/sweep_study.h"

#include <muParser.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include "solver/material_input.h"
#include "solver/output_files.h"

namespace mgrelax
{
  namespace
  {
    std::string
    trim(const std::string &text)
    {
      const auto first = text.find_first_not_of(" \t\r");
      if (first == std::string::npos)
        return "";
      return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
    }

    // A line of a sweep file with its number, comments removed (a '#'
    // outside double quotes) and continuation lines joined.
    struct Line
    {
      unsigned int number;
      std::string  text;
    };

    std::vector<Line>
    read_lines(const std::string &file)
    {
      std::ifstream in(file);
      if (!in)
        throw std::invalid_argument("cannot open the sweep file '" + file +
                                    "'");
      std::vector<Line> lines;
      std::string       raw, pending;
      unsigned int      number = 0, first = 0;
      while (std::getline(in, raw))
        {
          ++number;
          bool quoted = false;
          for (std::size_t i = 0; i < raw.size(); ++i)
            if (raw[i] == '"')
              quoted = !quoted;
            else if (raw[i] == '#' && !quoted)
              raw.resize(i);
          if (pending.empty())
            first = number;
          std::string piece = trim(raw);
          const bool  more  = !piece.empty() && piece.back() == '\\';
          if (more)
            piece.pop_back();
          pending += (pending.empty() ? "" : " ") + trim(piece);
          if (more)
            continue;
          if (!pending.empty())
            lines.push_back({first, pending});
          pending.clear();
        }
      return lines;
    }

    bool
    is_identifier(const std::string &name)
    {
      return !name.empty() && (std::isalpha(name[0]) || name[0] == '_') &&
             std::all_of(name.begin(), name.end(), [](const char c) {
               return std::isalnum(c) || c == '_';
             });
    }

    bool
    is_number(const std::string &text, double &value)
    {
      char *end = nullptr;
      value     = std::strtod(text.c_str(), &end);
      return !text.empty() && *end == '\0';
    }

    // The words of a range ("log 0.003 0.0155 4"), or empty if `text` is
    // not one.
    std::vector<std::string>
    range_words(const std::string &text)
    {
      std::istringstream       in(text);
      std::vector<std::string> words;
      for (std::string w; in >> w;)
        words.push_back(w);
      if (words.empty() || (words[0] != "linear" && words[0] != "log"))
        return {};
      return words;
    }
    // The values of "linear|log FROM TO COUNT", the ends exactly as given.
    std::vector<std::string>
    range_values(const std::vector<std::string> &words,
                 const std::string              &text,
                 const std::string              &where)
    {
      double from = 0, to = 0, count = 0;
      if (words.size() != 4 || !is_number(words[1], from) ||
          !is_number(words[2], to) || !is_number(words[3], count) ||
          count < 1 || count != std::floor(count) || count > 1e6)
        throw std::invalid_argument(
            where + "a range is '" + words[0] +
            " FROM TO COUNT' (numbers, COUNT an integer >= 1), not '" + text +
            "'");
      const bool log = words[0] == "log";
      if (log && (from <= 0 || to <= 0))
        throw std::invalid_argument(where + "a log range needs FROM, TO > 0");
      std::vector<std::string> values{format_number(from)};
      for (unsigned int i = 1; i < count; ++i)
        {
          const double s = i / (count - 1.0);
          values.push_back(format_number(
              i + 1 == count ? to
              : log ? std::exp((1 - s) * std::log(from) + s * std::log(to))
                    : from + s * (to - from)));
        }
      return values;
    }

    // The values of `set NAME = ...` in Vary: "a, b, c" (any text, e.g.
    // material files) or a range.
    SweepVariable
    parse_variable(const std::string &name,
                   const std::string &text,
                   const std::string &where)
    {
      SweepVariable v{name, {}, true, 0};
      const auto    words = range_words(text);
      if (!words.empty())
        {
          v.values = range_values(words, text, where);
          return v;
        }
      std::stringstream in(text);
      for (std::string item; std::getline(in, item, ',');)
        {
          double x;
          item = trim(item);
          if (item.empty())
            throw std::invalid_argument(where + "empty value in the list '" +
                                        text + "'");
          v.numeric = v.numeric && is_number(item, x);
          v.values.push_back(item);
        }
      if (v.values.empty())
        throw std::invalid_argument(where + "no values");
      return v;
    }

    // The section and entry handling of a sweep file.
    class SweepFileReader
    {
    public:
      SweepFileReader(SweepStudy &study)
          : study_(study)
      {}

      void
      read(const Line &line)
      {
        const std::string &t = line.text;
        line_                = line.number;
        if (t.rfind("subsection ", 0) == 0)
          enter(trim(t.substr(11)));
        else if (t == "end")
          leave();
        else if (t.rfind("set ", 0) == 0 && t.find('=') != std::string::npos)
          set(trim(t.substr(4, t.find('=') - 4)),
              trim(t.substr(t.find('=') + 1)));
        else
          throw std::invalid_argument(where() +
                                      "expected 'subsection NAME', 'end' or "
                                      "'set NAME = VALUE', not '" +
                                      t + "'");
      }

      void
      finish() const
      {
        if (!section_.empty())
          throw std::invalid_argument(study_.file + ": subsection '" +
                                      section_ + "' has no 'end'");
      }

    private:
      std::string
      where(const std::string &entry = "") const
      {
        return study_.file + ":" + std::to_string(line_) + ": " +
               (entry.empty() ? ""
                              : "entry '" + section_ + "/" + entry + "': ");
      }

      void
      enter(const std::string &name)
      {
        static const std::set<std::string> known = {
            "Sweep", "Vary", "Derived", "Entries", "Plot"};
        if (!section_.empty())
          throw std::invalid_argument(where() + "subsection '" + name +
                                      "' inside '" + section_ +
                                      "' (sweep files do not nest them)");
        if (known.count(name) == 0)
          throw std::invalid_argument(
              where() + "unknown subsection '" + name +
              "' (known: Sweep, Vary, Derived, Entries, Plot)");
        section_ = name;
      }

      void
      leave()
      {
        if (section_.empty())
          throw std::invalid_argument(where() + "'end' outside a subsection");
        section_.clear();
      }

      void
      set(const std::string &name, const std::string &value);

      void
      set_option(const std::string &name, const std::string &value);

      SweepStudy           &study_;
      std::string           section_;
      unsigned int          line_ = 0;
      std::set<std::string> seen_;
    };

    void
    SweepFileReader::set(const std::string &name, const std::string &value)
    {
      if (section_.empty())
        throw std::invalid_argument(where() + "'set " + name +
                                    "' outside a subsection");
      const std::string path = section_ + "/" + name;
      if (!seen_.insert(path).second)
        throw std::invalid_argument(where(name) + "given twice");
      if (value.empty())
        throw std::invalid_argument(where(name) + "no value");
      if (section_ == "Sweep" || section_ == "Plot")
        return set_option(name, value);
      if (section_ == "Entries" && name == "experiment")
        throw std::invalid_argument(
            where(name) + "the experiment is the base file's (a study of "
                          "another experiment needs its own base file)");
      if (section_ == "Entries")
        {
          study_.entries.push_back({name, value, line_});
          return;
        }
      if (!is_identifier(name))
        throw std::invalid_argument(
            where(name) + "a name that expressions can use: a letter or _, "
                          "then letters, digits or _");
      if (seen_.count("Vary/" + name) + seen_.count("Derived/" + name) > 1)
        throw std::invalid_argument(where(name) +
                                    "a variable of that name exists already");
      if (section_ == "Vary")
        {
          study_.variables.push_back(parse_variable(name, value, where(name)));
          study_.variables.back().line = line_;
        }
      else
        study_.derived.push_back({name, value, line_});
    }

    void
    SweepFileReader::set_option(const std::string &name,
                                const std::string &value)
    {
      const auto flag = [&]() {
        if (value != "true" && value != "false")
          throw std::invalid_argument(where(name) + "true or false, not '" +
                                      value + "'");
        return value == "true";
      };
      SweepPlot &plot = study_.plot;
      if (section_ == "Sweep" && name == "base file")
        study_.base_file = resolve_path(value, study_.file);
      else if (section_ == "Sweep" && name == "name")
        study_.name = value;
      else if (section_ == "Sweep" && name == "directory")
        study_.directory = value;
      else if (section_ == "Sweep" && name == "case plots")
        study_.case_plots = flag();
      else if (section_ == "Sweep" && name == "combine")
        {
          if (value != "product" && value != "zip")
            throw std::invalid_argument(where(name) + "product or zip, not '" +
                                        value + "'");
          study_.zip = value == "zip";
        }
      else if (section_ == "Plot" && (name == "x" || name == "y" ||
                                      name == "over" || name == "curves"))
        (name == "x"      ? plot.x
         : name == "y"    ? plot.y
         : name == "over" ? plot.over
                          : plot.curves) = value;
      else if (section_ == "Plot" && (name == "log x" || name == "log y"))
        (name == "log x" ? plot.log_x : plot.log_y) = flag();
      else
        throw std::invalid_argument(
            where(name) +
            "unknown entry (Sweep: base file, name, directory, "
            "combine, case plots; Plot: x, y, over, curves, log x, log y)");
    }

    std::string
    where_in(const SweepStudy  &study,
             const unsigned int line,
             const std::string &entry)
    {
      return study.file + ":" + std::to_string(line) + ": entry '" + entry +
             "': ";
    }

    // muparser's value of `expression`; a syntax error or an unknown name
    // is an error of the sweep file.
    double
    evaluate(mu::Parser        &parser,
             const std::string &expression,
             const std::string &where)
    {
      try
        {
          parser.SetExpr(expression);
          return parser.Eval();
        }
      catch (const mu::Parser::exception_type &e)
        {
          throw std::invalid_argument(where + "'" + expression +
                                      "' is not an expression of the swept "
                                      "numbers (text goes in double quotes): " +
                                      e.GetMsg());
        }
    }

    // The case with the variables at `index`: derived quantities and
    // entries evaluated in the order of the file.
    SweepCase
    make_case(const SweepStudy               &study,
              const unsigned int              id,
              const std::vector<std::size_t> &index,
              const std::vector<Override>    &extra)
    {
      SweepCase                          c;
      mu::Parser                         parser;
      std::map<std::string, double>      numbers; // nodes stay where they are
      std::map<std::string, std::string> text;
      c.id = id;
      // A variable whose list holds text is no number in any case.
      const auto define = [&](const std::string &name,
                              const std::string &v,
                              const bool         numeric) {
        c.values.push_back({name, v});
        text[name] = v;
        double x;
        if (numeric && is_number(v, x))
          parser.DefineVar(name, &(numbers[name] = x));
      };
      for (std::size_t j = 0; j < study.variables.size(); ++j)
        {
          const SweepVariable &v = study.variables[j];
          define(v.name, v.values[index[j]], v.numeric);
          c.key += (j == 0 ? "" : ";") + v.name + "=" + v.values[index[j]];
        }
      for (const SweepDefinition &d : study.derived)
        {
          const double x = evaluate(
              parser, d.value, where_in(study, d.line, "Derived/" + d.name));
          if (!std::isfinite(x) && c.error.empty())
            c.error = "'" + d.name + " = " + d.value + "' is " +
                      format_number(x) + " for this case";
          define(d.name, format_number(x), true);
        }
      for (const SweepDefinition &e : study.entries)
        {
          const std::string &v = e.value;
          if (v.size() >= 2 && v.front() == '"' && v.back() == '"')
            c.overrides.push_back({e.name, v.substr(1, v.size() - 2)});
          else if (text.count(v))
            c.overrides.push_back({e.name, text[v]});
          else
            c.overrides.push_back(
                {e.name,
                 format_number(
                     evaluate(parser,
                              v,
                              where_in(study, e.line, "Entries/" + e.name)))});
        }
      for (const Override &o : extra)
        {
          c.overrides.push_back(o);
          c.key += ";set " + o.first + "=" + o.second;
        }
      return c;
    }

    void
    expand(SweepStudy &study, const std::vector<Override> &extra)
    {
      const auto &vars = study.variables;
      std::size_t n    = 1;
      for (const SweepVariable &v : vars)
        {
          if (study.zip && v.values.size() != vars[0].values.size())
            throw std::invalid_argument(
                where_in(study, v.line, "Vary/" + v.name) + "has " +
                std::to_string(v.values.size()) + " values, '" + vars[0].name +
                "' " + std::to_string(vars[0].values.size()) +
                " (combine = zip needs lists of one length)");
          n = study.zip ? v.values.size() : n * v.values.size();
        }
      std::vector<std::size_t> index(vars.size(), 0);
      for (std::size_t id = 0; id < n; ++id)
        {
          // The last variable changes fastest, as in nested loops written
          // in the order of the file.
          for (std::size_t j = vars.size(), rest = id; j-- > 0;)
            {
              index[j] = study.zip ? id : rest % vars[j].values.size();
              rest /= study.zip ? 1 : vars[j].values.size();
            }
          study.cases.push_back(make_case(study, id, index, extra));
        }
    }

    std::string
    csv_field(const std::string &text)
    {
      if (text.find_first_of(",\"\n") == std::string::npos)
        return text;
      std::string q = "\"";
      for (const char c : text)
        q += c == '"' ? std::string("\"\"") : std::string(1, c);
      return q + "\"";
    }

    std::vector<std::string>
    csv_fields(const std::string &line)
    {
      std::vector<std::string> fields(1);
      bool                     quoted = false;
      for (std::size_t i = 0; i < line.size(); ++i)
        if (line[i] == '"' && quoted && i + 1 < line.size() &&
            line[i + 1] == '"')
          fields.back() += line[i++];
        else if (line[i] == '"')
          quoted = !quoted;
        else if (line[i] == ',' && !quoted)
          fields.emplace_back();
        else
          fields.back() += line[i];
      return fields;
    }

    unsigned int
    case_number(const SweepRow &row)
    {
      return std::stoul(column_value(row, "case"));
    }
  } // namespace

  std::string
  SweepStudy::case_directory(const unsigned int id) const
  {
    const std::size_t width =
        std::max<std::size_t>(3, std::to_string(cases.size()).size());
    std::string number = std::to_string(id);
    number.insert(0, width - std::min(width, number.size()), '0');
    return (std::filesystem::path(directory) / ("case_" + number)).string();
  }

  SweepStudy
  read_sweep_file(const std::string &file, const std::vector<Override> &extra)
  {
    SweepStudy      study;
    SweepFileReader reader(study);
    study.file = file;
    for (const Line &line : read_lines(file))
      reader.read(line);
    reader.finish();
    if (study.base_file.empty())
      throw std::invalid_argument(file +
                                  ": no 'base file' in subsection Sweep");
    if (!std::ifstream(study.base_file))
      throw std::invalid_argument(file +
                                  ": entry 'Sweep/base file': cannot "
                                  "open '" +
                                  study.base_file + "'");
    if (study.variables.empty())
      throw std::invalid_argument(file + ": subsection Vary sets nothing");
    const OutputLocation location(file, study.name, study.directory);
    study.name      = location.name();
    study.directory = location.directory();
    expand(study, extra);
    return study;
  }

  std::string
  column_value(const SweepRow &row, const std::string &name)
  {
    for (const SweepColumn &c : row)
      if (c.name == name)
        return c.value;
    return "";
  }

  std::string
  format_case_result(const SweepRow &row)
  {
    std::string text = "name,unit,description,value\n";
    for (const SweepColumn &c : row)
      text += csv_field(c.name) + "," + csv_field(c.unit) + "," +
              csv_field(c.description) + "," + csv_field(c.value) + "\n";
    return text;
  }

  SweepRow
  parse_case_result(const std::string &text)
  {
    std::istringstream in(text);
    std::string        line;
    SweepRow           row;
    std::getline(in, line);
    while (std::getline(in, line))
      {
        const auto f = csv_fields(line);
        if (f.size() != 4)
          throw std::invalid_argument("a sweep result line has " +
                                      std::to_string(f.size()) +
                                      " fields, not 4: '" + line + "'");
        row.push_back({f[0], f[1], f[2], f[3]});
      }
    return row;
  }

  void
  write_case_result(const SweepStudy &study, const SweepRow &row)
  {
    AtomicFile out(study.case_directory(case_number(row)) +
                   "/sweep_result.csv");
    out.stream() << format_case_result(row);
    out.commit();
  }

  std::vector<SweepRow>
  collect_case_results(const SweepStudy &study)
  {
    std::vector<SweepRow> rows;
    if (!std::filesystem::is_directory(study.directory))
      return rows;
    for (const auto &entry :
         std::filesystem::directory_iterator(study.directory))
      {
        const auto file = entry.path() / "sweep_result.csv";
        if (entry.path().filename().string().rfind("case_", 0) != 0 ||
            !std::filesystem::exists(file))
          continue;
        std::ifstream      in(file);
        std::ostringstream text;
        text << in.rdbuf();
        rows.push_back(parse_case_result(text.str()));
      }
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
      return case_number(a) < case_number(b);
    });
    return rows;
  }

  void
  write_study_table(const SweepStudy &study, std::vector<SweepRow> rows)
  {
    std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) {
      return case_number(a) < case_number(b);
    });
    std::vector<SweepColumn> columns;
    for (const SweepRow &row : rows)
      for (const SweepColumn &c : row)
        if (std::none_of(columns.begin(), columns.end(), [&](const auto &k) {
              return k.name == c.name;
            }))
          columns.push_back(c);
    const std::string base =
        (std::filesystem::path(study.directory) / study.name).string();
    AtomicFile table(base + ".csv"), documentation(base + "_columns.csv");
    documentation.stream() << "name,unit,description\n";
    for (std::size_t k = 0; k < columns.size(); ++k)
      {
        table.stream() << (k ? "," : "") << csv_field(columns[k].name);
        documentation.stream()
            << csv_field(columns[k].name) << "," << csv_field(columns[k].unit)
            << "," << csv_field(columns[k].description) << "\n";
      }
    table.stream() << "\n";
    for (const SweepRow &row : rows)
      for (std::size_t k = 0; k < columns.size(); ++k)
        table.stream() << (k ? "," : "")
                       << csv_field(column_value(row, columns[k].name))
                       << (k + 1 == columns.size() ? "\n" : "");
    table.commit();
    documentation.commit();
  }
} // namespace mgrelax
