#include "solver/output_files.h"

#include "material/format.h"
#include "solver/parameter_file_scan.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace mgrelax
{
  void
  parse_parameter_file(dealii::ParameterHandler &prm, const std::string &file)
  {
    if (!std::ifstream(file))
      throw std::runtime_error("input file '" + file + "' cannot be opened");
    try
      {
        check_parameter_file(file);
        prm.parse_input(file);
      }
    catch (const dealii::ExceptionBase &exc)
      {
        std::ostringstream message;
        exc.print_info(message);
        throw std::runtime_error("input file '" + file +
                                 "': " + trim_message(message.str()));
      }
    catch (const std::invalid_argument &exc)
      {
        throw std::runtime_error("input file '" + file + "': " + exc.what());
      }
  }

  OutputLocation::OutputLocation(const std::string &input_file,
                                 const std::string &name,
                                 const std::string &directory)
      : name_(name.empty() ? std::filesystem::path(input_file).stem().string()
                           : name)
      , directory_(directory.empty() ? "output/" + name_ : directory)
  {
    // NAME names files inside the output directory: '..' or a '/' would
    // put them outside it (issue 16, finding 9).
    if (name_.empty() || name_ == "." || name_ == ".." ||
        name_.find('/') != std::string::npos)
      throw std::invalid_argument(
          "'" + input_file + "': entry 'Output/name': '" + name_ +
          "' is not a file name (it must not be empty, '.' or '..' nor "
          "contain '/')");
  }

  std::string
  OutputLocation::file(const std::string &suffix) const
  {
    return (std::filesystem::path(directory_) / (name_ + suffix)).string();
  }

  std::vector<std::string>
  create_parent_directories(const std::string &file)
  {
    const std::filesystem::path parent =
        std::filesystem::path(file).parent_path();
    std::vector<std::string> created;
    for (std::filesystem::path p = parent;
         !p.empty() && !std::filesystem::exists(p);
         p = p.parent_path())
      created.push_back(p.string());
    if (!parent.empty())
      std::filesystem::create_directories(parent);
    return created;
  }

  unsigned int
  remove_run_outputs(const std::string &directory, const std::string &name)
  {
    std::error_code error;
    if (!std::filesystem::is_directory(directory, error))
      return 0;
    // The name as a literal in the pattern.
    std::string literal;
    for (const char c : name)
      literal += (std::strchr(".^$|()[]{}*+?\\", c) != nullptr ? "\\" : "") +
                 std::string(1, c);
    const std::regex owned(
        literal + "(\\.csv|\\.pvd|\\.png|_failure\\.txt|"
                  "_[0-9]{4}\\.(pvtu|[0-9]+\\.vtu)|_[a-z_]+\\.(csv|png))"
                  "(\\.part)?");
    unsigned int removed = 0;
    for (const auto &entry :
         std::filesystem::directory_iterator(directory, error))
      if (entry.is_regular_file() &&
          std::regex_match(entry.path().filename().string(), owned))
        removed += std::filesystem::remove(entry.path(), error) ? 1 : 0;
    return removed;
  }

  AtomicFile::AtomicFile(const std::string &path)
      : path_(path)
      , temporary_(path + ".part")
      , created_(create_parent_directories(path))
      , stream_(temporary_)
  {
    if (!stream_)
      throw std::runtime_error("cannot write '" + temporary_ +
                               "': " + std::strerror(errno));
    stream_.precision(17);
  }

  AtomicFile::~AtomicFile()
  {
    if (!committed_)
      {
        stream_.close();
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
        // Deepest first; a directory that holds anything else stays.
        for (const std::string &directory : created_)
          std::filesystem::remove(directory, ignored);
      }
  }

  void
  AtomicFile::commit()
  {
    stream_.close();
    if (!stream_)
      throw std::runtime_error("error while writing '" + temporary_ +
                               "' (is the disk full?)");
    // A message naming the file, not the library's (e.g. a directory of
    // the file's name in the way; issue 16, finding 5).
    std::error_code error;
    std::filesystem::rename(temporary_, path_, error);
    if (error)
      throw std::runtime_error("cannot write '" + path_ +
                               "': " + error.message());
    committed_ = true;
  }

  std::string
  trim_message(const std::string &text)
  {
    return material::trim(text, " \t\n");
  }

  bool
  run_plot_script(const std::string              &script,
                  const std::vector<std::string> &arguments)
  {
    const auto quoted = [](const std::string &text) {
      std::string q = "'";
      for (const char c : text)
        q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      return q + "'";
    };
    const std::string path =
        std::string(MGRELAX_SOURCE_DIR) + "/postprocess/" + script;
    if (!std::filesystem::exists(path) ||
        !std::filesystem::exists("/usr/bin/python3") ||
        std::system(
            "/usr/bin/python3 -c 'import matplotlib' >/dev/null 2>&1") != 0)
      return false;
    std::string command = "/usr/bin/python3 " + quoted(path);
    for (const std::string &argument : arguments)
      command += " " + quoted(argument);
    command += " >/dev/null 2>&1";
    return std::system(command.c_str()) == 0;
  }
} // namespace mgrelax
