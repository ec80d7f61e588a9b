// The observables of a run, one row per accepted step, in self-describing
// columns: every column carries its name, unit and description, so that the
// CSV header, the column documentation (NAME_columns.csv) and the plot
// scripts all read the same names, and a new observable is one line in its
// experiment:
//
//   row.add("curvature", "1/m", "midplane curvature (circle fit)", kappa);
//
// Deal.II-free, so that the point driver and any host can use it too.
// The first row appended fixes the columns; every later row must add the
// same columns in the same order (checked, so a misspelt name cannot
// silently start a new column).
#pragma once

#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace mgrelax::material
{
  class RecordTable
  {
  public:
    struct Column
    {
      std::string name;
      std::string unit; // "-" for dimensionless, "" for text and counts
      std::string description;
      bool        text = false;
    };

    class Row
    {
    public:
      Row &
      add(const std::string &name,
          const std::string &unit,
          const std::string &description,
          double             value);
      Row &
      add_text(const std::string &name,
               const std::string &description,
               const std::string &value);

      // The value of a column added to this row; throws
      // std::out_of_range naming the column if there is none.
      double
      operator[](const std::string &name) const;

      // The numeric columns' names and values (e.g. as a field-output
      // frame's field data).
      std::vector<std::pair<std::string, double>>
      numbers() const;

      // The names of the columns whose value is NaN or infinite.
      std::vector<std::string>
      non_finite() const;

    private:
      friend class RecordTable;
      std::vector<Column>      columns_;
      std::vector<double>      values_;
      std::vector<std::string> texts_;
    };

    // Appends a row; throws std::logic_error if its columns differ from
    // the first row's.
    void
    append(Row row);

    std::size_t
    size() const
    {
      return values_.size();
    }
    bool
    empty() const
    {
      return values_.empty();
    }
    const std::vector<Column> &
    columns() const
    {
      return columns_;
    }
    bool
    has_column(const std::string &name) const;

    // Value in row r of a numeric column, text of a text column.
    double
    at(std::size_t r, const std::string &name) const;
    const std::string &
    text(std::size_t r, const std::string &name) const;
    // The last row's value.
    double
    back(const std::string &name) const
    {
      return at(size() - 1, name);
    }
    // A whole numeric column.
    std::vector<double>
    column(const std::string &name) const;

    // CSV with a header row of the column names; numbers in their
    // shortest round-trip form.
    void
    write_csv(std::ostream &out) const;
    // Its parts, for a CSV written row by row as the rows come: the
    // header row, and row r.
    void
    write_csv_header(std::ostream &out) const;
    void
    write_csv_row(std::ostream &out, std::size_t r) const;
    // The columns' documentation as CSV: name,unit,description.
    void
    write_column_documentation(std::ostream &out) const;

  private:
    unsigned int
    index(const std::string &name) const;

    std::vector<Column>                   columns_;
    std::vector<std::vector<double>>      values_;
    std::vector<std::vector<std::string>> texts_;
  };
} // namespace mgrelax::material
