// For the tests of `mgrelax sweep`: a short 2D mandrel input (fast cases)
// and the study's table read back.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace mgrelax::testing
{
  // The mandrel of inputs/mandrel.prm as a 2D section with seconds of hold
  // and recovery and 4 cells along: a case of a fraction of a second.
  inline std::string
  short_mandrel_input(const std::string &thickness = "20e-6",
                      const std::string &radius    = "3.3e-3")
  {
    return "set experiment = mandrel\nset material file = " MGRELAX_SOURCE_DIR
           "/inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm\nset dimension = 2\n"
           "subsection Geometry\n  set length = 1.5e-3\n  set thickness = " +
           thickness +
           "\n  set cells along length = 4\nend\nsubsection Mandrel\n"
           "  set radius = " +
           radius +
           "\n  set constraining time = 10\n  set recovery time = 10\n"
           "  set steps per decade = 4\nend\nsubsection Output\n"
           "  set vtu interval = 0\n  set spectrum analysis = false\nend\n";
  }

  // The table of `mgrelax sweep` (NAME.csv) by column name, as text; cells
  // without quotes only (these studies have no message with a comma).
  inline std::vector<std::map<std::string, std::string>>
  read_sweep_table(const std::filesystem::path &file)
  {
    std::ifstream                                   in(file);
    std::string                                     line, cell;
    std::vector<std::string>                        header;
    std::vector<std::map<std::string, std::string>> rows;
    std::getline(in, line);
    for (std::istringstream h(line); std::getline(h, cell, ',');)
      header.push_back(cell);
    while (std::getline(in, line))
      {
        std::map<std::string, std::string> row;
        std::istringstream                 r(line);
        for (std::size_t c = 0; c < header.size() && std::getline(r, cell, ',');
             ++c)
          row[header[c]] = cell;
        rows.push_back(row);
      }
    return rows;
  }
} // namespace mgrelax::testing
