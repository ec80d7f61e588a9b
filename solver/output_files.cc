#include "solver/output_files.h"

#include "material/format.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
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
        prm.parse_input(file);
      }
    catch (const dealii::ExceptionBase &exc)
      {
        std::ostringstream message;
        exc.print_info(message);
        throw std::runtime_error("input file '" + file +
                                 "': " + trim_message(message.str()));
      }
  }

  OutputLocation::OutputLocation(const std::string &input_file,
                                 const std::string &name,
                                 const std::string &directory)
      : name_(name.empty() ? std::filesystem::path(input_file).stem().string()
                           : name)
      , directory_(directory.empty() ? "output/" + name_ : directory)
  {
    if (name_.find('/') != std::string::npos)
      throw std::invalid_argument("Output name '" + name_ +
                                  "' must not contain '/'");
  }

  std::string
  OutputLocation::file(const std::string &suffix) const
  {
    std::filesystem::create_directories(directory_);
    return (std::filesystem::path(directory_) / (name_ + suffix)).string();
  }

  AtomicFile::AtomicFile(const std::string &path)
      : path_(path)
      , temporary_(path + ".part")
      , stream_(temporary_)
  {
    if (!stream_)
      throw std::runtime_error("cannot write '" + temporary_ + "'");
    stream_.precision(17);
  }

  AtomicFile::~AtomicFile()
  {
    if (!committed_)
      {
        stream_.close();
        std::error_code ignored;
        std::filesystem::remove(temporary_, ignored);
      }
  }

  void
  AtomicFile::commit()
  {
    stream_.close();
    if (!stream_)
      throw std::runtime_error("error while writing '" + temporary_ + "'");
    std::filesystem::rename(temporary_, path_);
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
