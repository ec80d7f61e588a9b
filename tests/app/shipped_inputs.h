// Tests of the shipped inputs (inputs/...) as a user runs them: a copy of
// one with entries appended and its material file made absolute, so that
// the copy runs from the temporary directory, and the CSV files the
// commands write, read back by column name.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace mgrelax::testing
{
  // inputs/NAME (e.g. "mandrel.prm", "point/cycling_seed003.prm") with
  // `extra` appended (its entries override the file's), written to the
  // temporary directory as mgrelax_readme_<NAME with '/' as '_'>; the
  // 'material file' entry is made absolute, resolved as the command
  // resolves it, relative to the input file.
  inline std::string
  shipped_input_copy(const std::string &name, const std::string &extra)
  {
    const std::filesystem::path input =
        std::filesystem::path(MGRELAX_SOURCE_DIR "/inputs") / name;
    std::ifstream      in(input);
    std::ostringstream text;
    std::string        line;
    const std::string  key = "set material file";
    while (std::getline(in, line))
      {
        const auto at = line.find(key), eq = line.find('=');
        if (at != std::string::npos && eq != std::string::npos)
          {
            std::istringstream value(line.substr(eq + 1));
            std::string        path;
            value >> path;
            line = line.substr(0, eq + 1) + " " +
                   (input.parent_path() / path).lexically_normal().string();
          }
        text << line << '\n';
      }
    std::string flat = name;
    for (char &c : flat)
      if (c == '/')
        c = '_';
    const std::string file =
        (std::filesystem::temp_directory_path() / ("mgrelax_readme_" + flat))
            .string();
    std::ofstream(file) << text.str() << "\n" << extra;
    return file;
  }

  // The rows of a CSV file with a header row, each by column name.
  inline std::vector<std::map<std::string, double>>
  read_csv_rows(const std::filesystem::path &file)
  {
    std::ifstream                              in(file);
    std::string                                line, cell;
    std::vector<std::string>                   header;
    std::vector<std::map<std::string, double>> rows;
    std::getline(in, line);
    for (std::istringstream h(line); std::getline(h, cell, ',');)
      header.push_back(cell);
    while (std::getline(in, line))
      {
        std::map<std::string, double> row;
        std::istringstream            r(line);
        for (std::size_t c = 0; c < header.size() && std::getline(r, cell, ',');
             ++c)
          {
            // strtod, not std::stod: the records can hold subnormal
            // values (a decayed unit's 1e-310), which std::stod refuses.
            char        *end   = nullptr;
            const double value = std::strtod(cell.c_str(), &end);
            if (end == cell.c_str())
              throw std::invalid_argument(file.string() + ": '" + cell +
                                          "' is not a number");
            row[header[c]] = value;
          }
        rows.push_back(row);
      }
    return rows;
  }
} // namespace mgrelax::testing
