#include "solver/checkpoint.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/cell_id.h>
#include <deal.II/lac/vector.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

#include "solver/state_archive.h"

namespace mgrelax
{
  using namespace dealii;
  namespace fs = std::filesystem;

  namespace
  {
    // Changes whenever the layout of a checkpoint changes.
    constexpr double checkpoint_format = 1;

    using CellKey = std::array<unsigned int, 4>; // CellId::to_binary<dim>()

    // The sections a restart may change: how results are written and how
    // the linear systems are solved, not what is solved.
    bool
    may_differ(const std::string &path)
    {
      for (const char *prefix : {"Output/",
                                 "Checkpoint/",
                                 "Catalyst/",
                                 "Linear solver/",
                                 "Newton/verbose",
                                 "material file"})
        if (path.compare(0, std::strlen(prefix), prefix) == 0)
          return true;
      return false;
    }

    std::string
    exact(const double value)
    {
      std::ostringstream s;
      s << std::setprecision(17) << value;
      return s.str();
    }

    std::string
    step_name(const unsigned int step)
    {
      char name[32];
      std::snprintf(name, sizeof name, "step_%06u", step);
      return name;
    }

    std::string
    cells_name(const unsigned int rank)
    {
      char name[32];
      std::snprintf(name, sizeof name, "cells_%04u.bin", rank);
      return name;
    }

    // Whether `name` is a checkpoint's directory step_NNNNNN (with
    // `partial`: also one being written, step_NNNNNN.part).
    bool
    is_step_name(const std::string &name, const bool partial)
    {
      const bool step = name.size() >= 11 && name.compare(0, 5, "step_") == 0 &&
                        name.find_first_not_of("0123456789", 5) >= 11;
      return step &&
             (name.size() == 11 ||
              (partial && name.compare(11, std::string::npos, ".part") == 0));
    }

    // The checkpoints in `directory`, oldest first.
    std::vector<fs::path>
    checkpoints_in(const std::string &directory)
    {
      std::vector<fs::path> found;
      std::error_code       error;
      for (const auto &entry : fs::directory_iterator(directory, error))
        {
          const std::string name = entry.path().filename().string();
          if (entry.is_directory() && is_step_name(name, false) &&
              fs::exists(entry.path() / "run.txt"))
            found.push_back(entry.path());
        }
      std::sort(found.begin(), found.end());
      return found;
    }
  } // namespace

  void
  CheckpointSettings::declare_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoint");
    prm.declare_entry("directory",
                      "",
                      Patterns::Anything(),
                      "Where checkpoints go (relative to the output "
                      "directory); empty: NAME_checkpoint in it.  Continue "
                      "a run with `mgrelax run FILE.prm --restart DIR`.");
    prm.declare_entry("every steps",
                      "0",
                      Patterns::Integer(0),
                      "A checkpoint every this many accepted steps; 0: "
                      "none by steps.");
    prm.declare_entry("every minutes",
                      "0",
                      Patterns::Double(0.0),
                      "A checkpoint when this many minutes of wall time "
                      "have passed since the last; 0: none by time.");
    prm.declare_entry("keep",
                      "2",
                      Patterns::Integer(1),
                      "How many of the latest checkpoints are kept.");
    prm.declare_entry("on signal",
                      "true",
                      Patterns::Bool(),
                      "Whether a run stopped by SIGTERM or SIGINT writes a "
                      "checkpoint of the last accepted step.");
    prm.leave_subsection();
  }

  void
  CheckpointSettings::parse_parameters(ParameterHandler &prm)
  {
    prm.enter_subsection("Checkpoint");
    directory     = prm.get("directory");
    every_steps   = prm.get_integer("every steps");
    every_minutes = prm.get_double("every minutes");
    keep          = prm.get_integer("keep");
    on_signal     = prm.get_bool("on signal");
    prm.leave_subsection();
    if (!std::isfinite(every_minutes))
      throw std::invalid_argument(
          "entry 'Checkpoint/every minutes' must be a finite number >= 0");
  }

  Fingerprint
  run_fingerprint(const ParameterHandler &prm, const material::MaterialLaw &law)
  {
    std::ostringstream printed;
    prm.print_parameters(printed, ParameterHandler::ShortPRM);
    Fingerprint              fingerprint;
    std::vector<std::string> sections;
    std::istringstream       lines(printed.str());
    for (std::string line; std::getline(lines, line);)
      {
        const std::size_t first = line.find_first_not_of(' ');
        if (first == std::string::npos)
          continue;
        line = line.substr(first);
        if (line.compare(0, 11, "subsection ") == 0)
          sections.push_back(line.substr(11));
        else if (line == "end" && !sections.empty())
          sections.pop_back();
        else if (line.compare(0, 4, "set ") == 0)
          {
            const std::size_t equals = line.find(" = ");
            std::string       path;
            for (const std::string &s : sections)
              path += s + "/";
            std::string name = line.substr(4, equals - 4);
            name.erase(name.find_last_not_of(' ') + 1); // printed aligned
            path += name;
            if (equals != std::string::npos && !may_differ(path))
              fingerprint[path] = line.substr(equals + 3);
          }
      }
    fingerprint["law"] = law.description().name;
    for (const material::Parameter &p : law.description().parameters)
      fingerprint["law/" + p.name] = exact(p.value);
    return fingerprint;
  }

  namespace
  {
    void
    save_records(const material::RecordTable &records, StateArchive &archive)
    {
      const auto &columns = records.columns();
      archive.set("records.columns", columns.size());
      for (std::size_t c = 0; c < columns.size(); ++c)
        {
          const std::string key = "records." + std::to_string(c) + ".";
          archive.set_text(key + "name", columns[c].name);
          archive.set_text(key + "unit", columns[c].unit);
          archive.set_text(key + "description", columns[c].description);
          if (columns[c].text)
            {
              std::string texts;
              for (std::size_t r = 0; r < records.size(); ++r)
                texts +=
                    (r == 0 ? "" : "\n") + records.text(r, columns[c].name);
              archive.set_text(key + "texts", texts);
            }
          else
            archive.set(key + "values", records.column(columns[c].name));
        }
      archive.set("records.rows", records.size());
    }

    material::RecordTable
    load_records(const StateArchive &archive)
    {
      const auto n_columns =
          static_cast<std::size_t>(archive.number("records.columns"));
      const auto n_rows =
          static_cast<std::size_t>(archive.number("records.rows"));
      std::vector<std::vector<std::string>> texts(n_columns);
      for (std::size_t c = 0; c < n_columns; ++c)
        {
          const std::string key = "records." + std::to_string(c) + ".texts";
          if (!archive.has(key))
            continue;
          std::istringstream in(archive.text(key));
          for (std::string t; std::getline(in, t);)
            texts[c].push_back(t);
          texts[c].resize(n_rows);
        }
      material::RecordTable records;
      for (std::size_t r = 0; r < n_rows; ++r)
        {
          material::RecordTable::Row row;
          for (std::size_t c = 0; c < n_columns; ++c)
            {
              const std::string key = "records." + std::to_string(c) + ".";
              if (archive.has(key + "texts"))
                row.add_text(archive.text(key + "name"),
                             archive.text(key + "description"),
                             texts[c][r]);
              else
                row.add(archive.text(key + "name"),
                        archive.text(key + "unit"),
                        archive.text(key + "description"),
                        archive.numbers(key + "values").at(r));
            }
          records.append(std::move(row));
        }
      return records;
    }

    StateArchive
    archive_of(const Fingerprint &fingerprint,
               const LoopState   &loop,
               const double       force_scale)
    {
      StateArchive archive;
      archive.set("format", checkpoint_format);
      for (const auto &[path, value] : fingerprint)
        archive.set_text("fingerprint." + path, value);
      archive.set("loop.steps", loop.steps);
      archive.set("loop.newton_iterations", loop.newton_iterations);
      archive.set("loop.cutbacks", loop.cutbacks);
      archive.set("loop.max_strain", loop.max_strain);
      archive.set("loop.time", loop.time);
      archive.set("program", loop.program);
      for (const auto &[key, value] : loop.experiment)
        archive.set("experiment." + key, value);
      std::vector<double> times;
      std::string         files;
      for (const auto &[time, file] : loop.frames)
        {
          times.push_back(time);
          files += (files.empty() ? "" : "\n") + file;
        }
      archive.set("frames.times", times);
      archive.set_text("frames.files", files);
      save_records(loop.records, archive);
      archive.set("solver.force_scale", force_scale);
      return archive;
    }

    // What differs between a checkpoint's fingerprint and the run's, in
    // words ("" if nothing).
    std::string
    differences(const StateArchive &archive, const Fingerprint &fingerprint)
    {
      std::vector<std::string> found;
      const std::string        prefix = "fingerprint.";
      Fingerprint              saved;
      for (const std::string &key : archive.keys(prefix))
        saved[key.substr(prefix.size())] = archive.text(key);
      for (const auto &[path, value] : fingerprint)
        {
          const auto there = saved.find(path);
          if (there == saved.end())
            found.push_back("'" + path + "' is not in it");
          else if (there->second != value)
            found.push_back("'" + path + "' is " + there->second +
                            " there and " + value + " here");
        }
      for (const auto &[path, value] : saved)
        if (fingerprint.count(path) == 0)
          found.push_back("'" + path + "' is in it but not in this run");
      std::string words;
      for (std::size_t i = 0; i < found.size() && i < 6; ++i)
        words += (i == 0 ? "" : "; ") + found[i];
      if (found.size() > 6)
        words += "; and " + std::to_string(found.size() - 6) + " more";
      return words;
    }

    // The header of a cells file: dim, DoFs per cell, quadrature points,
    // doubles per point, cells.
    struct CellsHeader
    {
      std::uint64_t dim = 0, dofs_per_cell = 0, points = 0, point_size = 0,
                    cells = 0;
    };

    template <int dim>
    CellsHeader
    header_of(const QuasiStaticSolver<dim> &solver)
    {
      CellsHeader h;
      h.dim           = dim;
      h.dofs_per_cell = solver.dof_handler().get_fe().n_dofs_per_cell();
      for (const auto &cell : solver.dof_handler().active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto states = solver.states(cell);
            h.points          = states.size();
            h.point_size      = states.front()->begin_values().size() + 1;
            ++h.cells;
          }
      // The same on every rank, also on one without cells.
      const MPI_Comm comm = solver.communicator();
      h.points            = Utilities::MPI::max(h.points, comm);
      h.point_size        = Utilities::MPI::max(h.point_size, comm);
      return h;
    }

    template <int dim>
    void
    write_cells(const QuasiStaticSolver<dim> &solver, const std::string &file)
    {
      std::ofstream out(file, std::ios::binary);
      CellsHeader   h = header_of(solver);
      out.write(reinterpret_cast<const char *>(&h), sizeof h);
      // The internal force with the ghost entries of the cells' DoFs.
      const DoFHandler<dim> &dofs = solver.dof_handler();
      IndexSet               relevant;
      DoFTools::extract_locally_relevant_dofs(dofs, relevant);
      TrilinosWrappers::MPI::Vector force(
          dofs.locally_owned_dofs(), relevant, solver.communicator());
      force = solver.internal_force();
      Vector<double> values(h.dofs_per_cell);
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const CellKey key = cell->id().template to_binary<dim>();
            out.write(reinterpret_cast<const char *>(key.data()), sizeof key);
            for (const TrilinosWrappers::MPI::Vector *vector :
                 {&solver.solution(),
                  static_cast<const TrilinosWrappers::MPI::Vector *>(&force)})
              {
                cell->get_dof_values(*vector, values);
                out.write(reinterpret_cast<const char *>(values.data()),
                          values.size() * sizeof(double));
              }
            for (const auto &state : solver.states(cell))
              {
                const std::vector<double> &v = state->begin_values();
                out.write(reinterpret_cast<const char *>(v.data()),
                          v.size() * sizeof(double));
                out.write(
                    reinterpret_cast<const char *>(&state->begin_temperature),
                    sizeof(double));
              }
          }
      out.close();
      if (!out)
        throw std::runtime_error("cannot write '" + file +
                                 "': " + std::strerror(errno));
    }

    void
    remove_old(const std::string &directory, const unsigned int keep)
    {
      std::vector<fs::path> all = checkpoints_in(directory);
      std::error_code       ignored;
      for (std::size_t i = 0; i + keep < all.size(); ++i)
        fs::remove_all(all[i], ignored);
    }

    // Runs `f` on rank 0 and throws its error (std::runtime_error) on every
    // rank.
    template <typename F>
    void
    on_root(const MPI_Comm comm, const F &f)
    {
      std::string error;
      if (Utilities::MPI::this_mpi_process(comm) == 0)
        try
          {
            f();
          }
        catch (const std::exception &e)
          {
            error = e.what();
          }
      error = Utilities::MPI::broadcast(comm, error, 0);
      if (!error.empty())
        throw std::runtime_error(error);
    }
  } // namespace

  double
  saved_value(const std::map<std::string, double> &state,
              const std::string                   &key)
  {
    const auto found = state.find(key);
    if (found == state.end())
      throw std::invalid_argument("the experiment's state has no '" + key +
                                  "'");
    return found->second;
  }

  template <int dim>
  std::string
  write_checkpoint(const std::string            &directory,
                   const unsigned int            keep,
                   const Fingerprint            &fingerprint,
                   const QuasiStaticSolver<dim> &solver,
                   const LoopState              &loop)
  {
    const MPI_Comm    comm  = solver.communicator();
    const std::string final = directory + "/" + step_name(loop.steps);
    const std::string part  = final + ".part";
    on_root(comm, [&]() {
      std::error_code error;
      fs::remove_all(part, error);
      if (!fs::create_directories(part, error))
        throw std::runtime_error("cannot create the checkpoint directory '" +
                                 part + "': " + error.message());
    });
    const unsigned int rank = Utilities::MPI::this_mpi_process(comm);
    std::string        error;
    try
      {
        write_cells(solver, part + "/" + cells_name(rank));
      }
    catch (const std::exception &e)
      {
        error = e.what();
      }
    if (Utilities::MPI::max(error.empty() ? 0 : 1, comm) != 0)
      throw std::runtime_error(
          error.empty() ? "another rank could not write its part of the "
                          "checkpoint '" +
                              part + "'"
                        : error);
    on_root(comm, [&]() {
      StateArchive archive =
          archive_of(fingerprint, loop, solver.force_scale());
      archive.set("ranks", Utilities::MPI::n_mpi_processes(comm));
      archive.set("mesh.cells",
                  static_cast<double>(solver.dof_handler()
                                          .get_triangulation()
                                          .n_global_active_cells()));
      archive.set("mesh.dofs", solver.n_dofs());
      {
        std::ofstream out(part + "/run.txt");
        archive.write(out);
        out.close();
        if (!out)
          throw std::runtime_error("cannot write '" + part +
                                   "/run.txt': " + std::strerror(errno));
      }
      std::error_code e;
      fs::remove_all(final, e);
      fs::rename(part, final, e);
      if (e)
        throw std::runtime_error("cannot rename '" + part + "' to '" + final +
                                 "': " + e.message());
      remove_old(directory, keep);
    });
    return final;
  }

  void
  remove_checkpoints(const std::string &directory)
  {
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(directory, error))
      {
        if (entry.is_directory() &&
            is_step_name(entry.path().filename().string(), true))
          fs::remove_all(entry.path(), error);
      }
  }

  std::string
  find_checkpoint(const std::string &path)
  {
    if (fs::exists(fs::path(path) / "run.txt"))
      return path;
    const std::vector<fs::path> all = checkpoints_in(path);
    if (all.empty())
      throw std::invalid_argument(
          "--restart '" + path +
          "': no checkpoint there (a directory step_NNNNNN with run.txt, as "
          "a run writes into its 'Checkpoint/directory')");
    return all.back().string();
  }

  namespace
  {
    // Reads every rank's cells file and restores the locally owned cells
    // found in it; returns how many.
    template <int dim>
    std::uint64_t
    read_cells(const std::string      &checkpoint,
               const unsigned int      n_files,
               QuasiStaticSolver<dim> &solver)
    {
      std::map<CellKey, typename DoFHandler<dim>::active_cell_iterator> owned;
      for (const auto &cell : solver.dof_handler().active_cell_iterators())
        if (cell->is_locally_owned())
          owned.emplace(cell->id().template to_binary<dim>(), cell);
      const CellsHeader here     = header_of(solver);
      std::uint64_t     restored = 0;
      for (unsigned int r = 0; r < n_files; ++r)
        {
          const std::string file = checkpoint + "/" + cells_name(r);
          std::ifstream     in(file, std::ios::binary);
          CellsHeader       h;
          in.read(reinterpret_cast<char *>(&h), sizeof h);
          if (!in)
            throw std::invalid_argument("cannot read '" + file + "'");
          if (h.cells > 0 &&
              (h.dim != dim || h.dofs_per_cell != here.dofs_per_cell ||
               h.points != here.points || h.point_size != here.point_size))
            throw std::invalid_argument(
                "'" + file + "' holds " + std::to_string(h.dofs_per_cell) +
                " DoFs and " + std::to_string(h.points) + " points of " +
                std::to_string(h.point_size) +
                " numbers per cell; this run has " +
                std::to_string(here.dofs_per_cell) + ", " +
                std::to_string(here.points) + " and " +
                std::to_string(here.point_size) +
                " (another element degree, quadrature or law)");
          std::vector<double> values(2 * h.dofs_per_cell +
                                     h.points * h.point_size);
          for (std::uint64_t c = 0; c < h.cells; ++c)
            {
              CellKey key;
              in.read(reinterpret_cast<char *>(key.data()), sizeof key);
              in.read(reinterpret_cast<char *>(values.data()),
                      values.size() * sizeof(double));
              if (!in)
                throw std::invalid_argument("'" + file + "' is cut short");
              const auto found = owned.find(key);
              if (found == owned.end())
                continue;
              solver.restore_cell(found->second, values.data());
              ++restored;
            }
        }
      return restored;
    }
  } // namespace

  template <int dim>
  LoopState
  read_checkpoint(const std::string      &checkpoint,
                  const Fingerprint      &fingerprint,
                  QuasiStaticSolver<dim> &solver)
  {
    const MPI_Comm comm  = solver.communicator();
    const auto     where = [&](const std::string &what) {
      return std::invalid_argument("checkpoint '" + checkpoint + "': " + what);
    };
    std::ifstream in(checkpoint + "/run.txt");
    if (!in)
      throw where("cannot read run.txt");
    const StateArchive archive =
        StateArchive::read(in, checkpoint + "/run.txt");
    if (archive.number("format") != checkpoint_format)
      throw where("written by another version of mgrelax (checkpoint format " +
                  exact(archive.number("format")) + ", this one reads " +
                  exact(checkpoint_format) + ")");
    const std::string differ = differences(archive, fingerprint);
    if (!differ.empty())
      throw where("it belongs to another run: " + differ);
    const double cells = static_cast<double>(
        solver.dof_handler().get_triangulation().n_global_active_cells());
    if (archive.number("mesh.cells") != cells ||
        archive.number("mesh.dofs") != static_cast<double>(solver.n_dofs()))
      throw where("its mesh has " + exact(archive.number("mesh.cells")) +
                  " cells and " + exact(archive.number("mesh.dofs")) +
                  " DoFs; this run's " + exact(cells) + " and " +
                  exact(solver.n_dofs()));
    const std::uint64_t restored = read_cells(
        checkpoint, static_cast<unsigned int>(archive.number("ranks")), solver);
    if (Utilities::MPI::sum(restored, comm) !=
        static_cast<std::uint64_t>(cells))
      throw where("its cells do not cover this run's mesh");
    solver.restored(archive.number("solver.force_scale"));

    LoopState loop;
    loop.steps             = archive.number("loop.steps");
    loop.newton_iterations = archive.number("loop.newton_iterations");
    loop.cutbacks          = archive.number("loop.cutbacks");
    loop.max_strain        = archive.number("loop.max_strain");
    loop.time              = archive.number("loop.time");
    loop.program           = archive.numbers("program");
    for (const std::string &key : archive.keys("experiment."))
      loop.experiment[key.substr(11)] = archive.number(key);
    const std::vector<double> &times = archive.numbers("frames.times");
    std::istringstream         files(archive.text("frames.files"));
    for (const double t : times)
      {
        std::string file;
        std::getline(files, file);
        loop.frames.emplace_back(t, file);
      }
    loop.records = load_records(archive);
    return loop;
  }

  template std::string
  write_checkpoint<2>(const std::string &,
                      unsigned int,
                      const Fingerprint &,
                      const QuasiStaticSolver<2> &,
                      const LoopState &);
  template std::string
  write_checkpoint<3>(const std::string &,
                      unsigned int,
                      const Fingerprint &,
                      const QuasiStaticSolver<3> &,
                      const LoopState &);
  template LoopState
  read_checkpoint<2>(const std::string &,
                     const Fingerprint &,
                     QuasiStaticSolver<2> &);
  template LoopState
  read_checkpoint<3>(const std::string &,
                     const Fingerprint &,
                     QuasiStaticSolver<3> &);
} // namespace mgrelax
