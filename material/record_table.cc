#include "material/record_table.h"

#include <cmath>
#include <ostream>
#include <stdexcept>

#include "material/format.h"

namespace mgrelax::material
{
  RecordTable::Row &
  RecordTable::Row::add(const std::string &name,
                        const std::string &unit,
                        const std::string &description,
                        const double       value)
  {
    columns_.push_back({name, unit, description, false});
    values_.push_back(value);
    texts_.emplace_back();
    return *this;
  }

  RecordTable::Row &
  RecordTable::Row::add_text(const std::string &name,
                             const std::string &description,
                             const std::string &value)
  {
    columns_.push_back({name, "", description, true});
    values_.push_back(0.0);
    texts_.push_back(value);
    return *this;
  }

  double
  RecordTable::Row::operator[](const std::string &name) const
  {
    for (unsigned int c = 0; c < columns_.size(); ++c)
      if (columns_[c].name == name)
        return values_[c];
    throw std::out_of_range("no column '" + name + "' in the record");
  }

  std::vector<std::pair<std::string, double>>
  RecordTable::Row::numbers() const
  {
    std::vector<std::pair<std::string, double>> numbers;
    for (unsigned int c = 0; c < columns_.size(); ++c)
      if (!columns_[c].text)
        numbers.emplace_back(columns_[c].name, values_[c]);
    return numbers;
  }

  std::vector<std::string>
  RecordTable::Row::non_finite() const
  {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < columns_.size(); ++c)
      if (!columns_[c].text && !std::isfinite(values_[c]))
        names.push_back(columns_[c].name);
    return names;
  }

  void
  RecordTable::append(Row row)
  {
    if (values_.empty())
      columns_ = row.columns_;
    else
      {
        bool same = row.columns_.size() == columns_.size();
        for (unsigned int c = 0; same && c < columns_.size(); ++c)
          same = row.columns_[c].name == columns_[c].name;
        if (!same)
          throw std::logic_error(
              "a record's columns differ from the first record's");
      }
    values_.push_back(std::move(row.values_));
    texts_.push_back(std::move(row.texts_));
  }

  bool
  RecordTable::has_column(const std::string &name) const
  {
    for (const Column &c : columns_)
      if (c.name == name)
        return true;
    return false;
  }

  unsigned int
  RecordTable::index(const std::string &name) const
  {
    for (unsigned int c = 0; c < columns_.size(); ++c)
      if (columns_[c].name == name)
        return c;
    throw std::out_of_range("no column '" + name + "' in the records");
  }

  double
  RecordTable::at(const std::size_t r, const std::string &name) const
  {
    return values_.at(r)[index(name)];
  }

  const std::string &
  RecordTable::text(const std::size_t r, const std::string &name) const
  {
    return texts_.at(r)[index(name)];
  }

  std::vector<double>
  RecordTable::column(const std::string &name) const
  {
    const unsigned int  c = index(name);
    std::vector<double> result;
    result.reserve(values_.size());
    for (const auto &row : values_)
      result.push_back(row[c]);
    return result;
  }

  void
  RecordTable::write_csv_header(std::ostream &out) const
  {
    for (unsigned int c = 0; c < columns_.size(); ++c)
      out << (c ? "," : "") << columns_[c].name;
    out << '\n';
  }

  void
  RecordTable::write_csv_row(std::ostream &out, const std::size_t r) const
  {
    for (unsigned int c = 0; c < columns_.size(); ++c)
      out << (c ? "," : "")
          << (columns_[c].text ? texts_.at(r)[c]
                               : format_number(values_.at(r)[c]));
    out << '\n';
  }

  void
  RecordTable::write_csv(std::ostream &out) const
  {
    write_csv_header(out);
    for (std::size_t r = 0; r < values_.size(); ++r)
      write_csv_row(out, r);
  }

  void
  RecordTable::write_column_documentation(std::ostream &out) const
  {
    // Descriptions are quoted: they contain commas.
    const auto quoted = [](const std::string &s) {
      std::string q = "\"";
      for (const char ch : s)
        q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
      return q + "\"";
    };
    out << "name,unit,description\n";
    for (const Column &c : columns_)
      out << c.name << ',' << quoted(c.unit) << ',' << quoted(c.description)
          << '\n';
  }
} // namespace mgrelax::material
