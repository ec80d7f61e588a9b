#include "app/sweep_command.h"

#include <deal.II/base/timer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "solver/output_files.h"

namespace mgrelax
{
  namespace
  {
    constexpr int result_tag = 4711;

    // The next case to hand out: a counter on world rank 0 that every
    // group's first rank increments with MPI_Fetch_and_op, so that no rank
    // has to wait for a dispatcher (rank 0 computes cases too).
    class CaseCounter
    {
    public:
      explicit CaseCounter(const MPI_Comm world)
      {
        const bool root = dealii::Utilities::MPI::this_mpi_process(world) == 0;
        MPI_Win_allocate(root ? sizeof(long) : 0,
                         sizeof(long),
                         MPI_INFO_NULL,
                         world,
                         &value_,
                         &window_);
        if (root)
          {
            MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, window_);
            *value_ = 0;
            MPI_Win_unlock(0, window_);
          }
        MPI_Barrier(world);
      }
      ~CaseCounter() { MPI_Win_free(&window_); }
      CaseCounter(const CaseCounter &) = delete;
      CaseCounter &
      operator=(const CaseCounter &) = delete;

      // The counter before adding `increment` (0: just read it).
      long
      fetch_add(const long increment)
      {
        long result = 0;
        MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, window_);
        MPI_Fetch_and_op(&increment,
                         &result,
                         MPI_LONG,
                         0,
                         0,
                         increment == 0 ? MPI_NO_OP : MPI_SUM,
                         window_);
        MPI_Win_unlock(0, window_);
        return result;
      }

    private:
      long   *value_ = nullptr;
      MPI_Win window_;
    };

    std::string
    one_line(std::string text)
    {
      std::replace(text.begin(), text.end(), '\n', ' ');
      const auto last = text.find_last_not_of(' ');
      return last == std::string::npos ? "" : text.substr(0, last + 1);
    }

    // Runs one case on `group`; every rank returns its row, the first
    // writes the case's outputs and its log (case_NNN/case.log).
    SweepRow
    run_case(const SweepStudy &study,
             const SweepCase  &c,
             const MPI_Comm    group,
             const bool        plot)
    {
      SweepRow row{
          {"case",
           "-",
           "case number (directory case_NNN)",
           std::to_string(c.id)},
          {"key", "-", "the swept values, which identify the case", c.key}};
      for (const Override &v : c.values)
        row.push_back({v.first, "", "swept or derived value", v.second});
      const std::string dir = study.case_directory(c.id);
      const bool leader = dealii::Utilities::MPI::this_mpi_process(group) == 0;
      std::ofstream log;
      if (leader)
        {
          std::filesystem::create_directories(dir);
          log.open(dir + "/case.log");
        }
      dealii::Timer             timer;
      std::string               message = c.error;
      std::vector<SummaryValue> summary;
      if (message.empty())
        try
          {
            const RunResult result = simulate_case(study.base_file,
                                                   c.overrides,
                                                   dir,
                                                   group,
                                                   leader ? &log : nullptr,
                                                   plot);
            message                = result.error;
            summary                = result.summary;
          }
        catch (const std::exception &e)
          {
            message = one_line(e.what());
          }
      if (leader && !message.empty())
        log << "case failed: " << message << "\n";
      row.push_back(
          {"status", "-", "ok or failed", message.empty() ? "ok" : "failed"});
      row.push_back({"message", "-", "why the case failed", message});
      row.push_back({"wall_time",
                     "s",
                     "wall time of the case",
                     format_number(timer.wall_time())});
      for (const SummaryValue &v : summary)
        row.push_back({v.name, v.unit, v.description, format_number(v.value)});
      return row;
    }

    // World rank 0's account of the study: every finished case's row (its
    // own and those the other groups send), the progress lines, the table
    // rewritten after each case.
    class StudyRecord
    {
    public:
      StudyRecord(const SweepStudy            &study,
                  const std::vector<SweepRow> &before,
                  const SweepCounters         &counters,
                  const unsigned int           groups,
                  const bool                   table,
                  std::ostream                &log)
          : study_(study)
          , counters_(counters)
          , groups_(groups)
          , table_(table)
          , log_(log)
      {
        for (const SweepRow &row : before)
          rows_[std::stoul(column_value(row, "case"))] = row;
      }

      void
      add(const SweepRow &row, const long handed_out)
      {
        const double wall = std::stod(column_value(row, "wall_time"));
        const bool   ok   = column_value(row, "status") == "ok";
        ++done_;
        failed_ += ok ? 0 : 1;
        case_time_ += wall;
        rows_[std::stoul(column_value(row, "case"))] = row;
        if (table_)
          write_study_table(study_, table_rows());
        const unsigned int running =
            std::min<long>(handed_out, counters_.run) - done_;
        const double left = case_time_ / done_ * (counters_.run - done_) /
                            std::min<unsigned int>(
                                groups_, std::max(1u, counters_.run - done_));
        log_ << "case " << column_value(row, "case") << (ok ? " ok" : " FAILED")
             << " in " << std::setprecision(3) << wall << " s ("
             << column_value(row, "key") << ")"
             << (ok ? "" : ": " + column_value(row, "message")) << "\n  "
             << done_ << " of " << counters_.run << " done, " << running
             << " running, " << failed_ << " failed; " << timer_.wall_time()
             << " s elapsed, about " << left << " s left" << std::endl;
      }

      // Receives the rows the other groups sent; with `wait`, until every
      // case has reported.
      void
      receive(const MPI_Comm world, const bool wait, CaseCounter &counter)
      {
        for (int flag = 1; done_ < counters_.run && (wait || flag);)
          {
            MPI_Status status;
            if (wait)
              MPI_Probe(MPI_ANY_SOURCE, result_tag, world, &status);
            else
              MPI_Iprobe(MPI_ANY_SOURCE, result_tag, world, &flag, &status);
            if (!wait && !flag)
              break;
            int size = 0;
            MPI_Get_count(&status, MPI_CHAR, &size);
            std::string text(size, '\0');
            MPI_Recv(text.data(),
                     size,
                     MPI_CHAR,
                     status.MPI_SOURCE,
                     result_tag,
                     world,
                     MPI_STATUS_IGNORE);
            add(parse_case_result(text), counter.fetch_add(0));
          }
      }

      SweepCounters
      finish()
      {
        SweepCounters c = counters_;
        c.failed        = failed_;
        c.case_time     = case_time_;
        c.wall_time     = timer_.wall_time();
        return c;
      }

      std::vector<SweepRow>
      table_rows() const
      {
        std::vector<SweepRow> rows;
        for (const auto &[id, row] : rows_)
          rows.push_back(row);
        return rows;
      }

    private:
      const SweepStudy                &study_;
      SweepCounters                    counters_;
      unsigned int                     groups_;
      bool                             table_;
      std::ostream                    &log_;
      std::map<unsigned int, SweepRow> rows_;
      unsigned int                     done_ = 0, failed_ = 0;
      double                           case_time_ = 0;
      dealii::Timer                    timer_;
    };

    // The cases still to run: the selected ones (all, or --case) whose key
    // no finished case has.  A case directory that holds a finished case
    // of other values (the study's lists were edited, or --set changed) is
    // refused rather than overwritten.
    std::vector<unsigned int>
    pending_cases(const SweepStudy            &study,
                  const std::vector<SweepRow> &before,
                  const SweepOptions          &options)
    {
      std::set<std::string> finished;
      for (const SweepRow &row : before)
        {
          const unsigned int id = std::stoul(column_value(row, "case"));
          if (id < study.cases.size() &&
              study.cases[id].key != column_value(row, "key"))
            throw std::invalid_argument(study.case_directory(id) +
                                        " holds a finished case of other "
                                        "values (" +
                                        column_value(row, "key") + ", not " +
                                        study.cases[id].key +
                                        "): give the study another Sweep/name "
                                        "or directory, or remove that case");
          finished.insert(column_value(row, "key"));
        }
      std::vector<unsigned int> selected = options.cases, pending;
      if (selected.empty())
        for (const SweepCase &c : study.cases)
          selected.push_back(c.id);
      for (const unsigned int id : selected)
        if (finished.count(study.cases[id].key) == 0)
          pending.push_back(id);
      return pending;
    }

    void
    list_cases(const SweepStudy &study, std::ostream &log)
    {
      log << study.cases.size() << " cases of " << study.file << " (base file "
          << study.base_file
          << ", combine = " << (study.zip ? "zip" : "product") << "):\n";
      for (const SweepCase &c : study.cases)
        {
          log << "case " << c.id << ":";
          for (const Override &v : c.values)
            log << " " << v.first << "=" << v.second;
          log << "\n  ";
          for (const Override &o : c.overrides)
            log << " " << o.first << " = " << o.second << ";";
          log << (c.error.empty() ? "" : "\n   fails: " + c.error) << "\n";
        }
    }

    void
    plot_study(const SweepStudy &study, std::ostream &log)
    {
      const SweepPlot &p = study.plot;
      if (p.x.empty() || p.y.empty())
        return;
      const std::string base =
          (std::filesystem::path(study.directory) / study.name).string();
      std::vector<std::string> arguments{
          base + ".csv", "--x", p.x, "--y", p.y, "-o", base + ".png"};
      for (const auto &[flag, value] :
           {std::pair{"--over", p.over}, std::pair{"--curves", p.curves}})
        if (!value.empty())
          arguments.insert(arguments.end(), {flag, value});
      if (p.log_x)
        arguments.push_back("--log-x");
      if (p.log_y)
        arguments.push_back("--log-y");
      if (run_plot_script("plot_sweep.py", arguments))
        log << "  wrote " << base << ".png\n";
    }

    void
    print_timing(const SweepStudy    &study,
                 const SweepCounters &c,
                 const unsigned int   groups,
                 const unsigned int   ranks_per_case,
                 std::ostream        &log)
    {
      log << "sweep " << study.name << ": " << c.cases << " cases, "
          << c.finished_before << " finished before, " << c.run << " run ("
          << c.failed << " failed) by " << groups << " group(s) of "
          << ranks_per_case << " rank(s) in " << c.wall_time << " s\n";
      if (c.run == 0)
        return;
      const double mean    = c.case_time / c.run;
      const double outside = (groups * c.wall_time - c.case_time) / c.run;
      log << "  mean case " << mean << " s, " << 3600.0 * c.run / c.wall_time
          << " cases per hour; outside the cases " << outside << " s per case ("
          << 100.0 * outside / mean
          << "% of a case: reading the study, handing out, tables, groups "
             "idle at the end)\n  table "
          << study.directory << "/" << study.name
          << ".csv, each case's outputs in " << study.case_directory(0)
          << " ...\n";
    }

    void
    check_options(const SweepStudy   &study,
                  const SweepOptions &options,
                  const unsigned int  size)
    {
      for (const unsigned int id : options.cases)
        if (id >= study.cases.size())
          throw std::invalid_argument(
              "--case " + std::to_string(id) + ": " + study.file + " has " +
              std::to_string(study.cases.size()) + " cases (0 to " +
              std::to_string(study.cases.size() - 1) + ")");
      if (options.ranks_per_case == 0 || size % options.ranks_per_case != 0)
        throw std::invalid_argument(
            "--ranks-per-case " + std::to_string(options.ranks_per_case) +
            " does not divide the " + std::to_string(size) + " MPI ranks");
    }

    // --collect: the finished cases merged into the table, and its plot.
    void
    collect(const SweepStudy &study, const bool plot, std::ostream &log)
    {
      const auto rows = collect_case_results(study);
      write_study_table(study, rows);
      log << "collected " << rows.size() << " finished cases of "
          << study.cases.size() << " into " << study.directory << "/"
          << study.name << ".csv\n";
      if (plot)
        plot_study(study, log);
    }

    // The cases left to run, found by world rank 0 (with the finished ones
    // in `before`) and broadcast: every rank throws, or none does.
    std::vector<unsigned int>
    find_pending(const SweepStudy      &study,
                 const SweepOptions    &options,
                 const MPI_Comm         world,
                 std::vector<SweepRow> &before)
    {
      std::vector<unsigned int> pending;
      std::string               refusal;
      if (dealii::Utilities::MPI::this_mpi_process(world) == 0)
        try
          {
            before  = collect_case_results(study);
            pending = pending_cases(study, before, options);
          }
        catch (const std::invalid_argument &e)
          {
            refusal = e.what();
          }
      std::tie(pending, refusal) = dealii::Utilities::MPI::broadcast(
          world, std::make_pair(pending, refusal));
      if (!refusal.empty())
        throw std::invalid_argument(refusal);
      return pending;
    }

    // Every group takes the next pending case until none is left; world
    // rank 0 (`record`) also gathers the rows.
    void
    work_through(const SweepStudy                &study,
                 const std::vector<unsigned int> &pending,
                 const SweepOptions              &options,
                 const MPI_Comm                   world,
                 const MPI_Comm                   group,
                 StudyRecord                     *record)
    {
      const bool leader = dealii::Utilities::MPI::this_mpi_process(group) == 0;
      std::list<std::string>   sent;
      std::vector<MPI_Request> requests;
      CaseCounter              counter(world);
      for (;;)
        {
          long next = leader ? counter.fetch_add(1) : 0;
          MPI_Bcast(&next, 1, MPI_LONG, 0, group);
          if (next >= static_cast<long>(pending.size()))
            break;
          const SweepRow row = run_case(study,
                                        study.cases[pending[next]],
                                        group,
                                        options.plot && study.case_plots);
          if (!leader)
            continue;
          write_case_result(study, row);
          if (record != nullptr)
            {
              record->add(row, counter.fetch_add(0));
              record->receive(world, false, counter);
              continue;
            }
          sent.push_back(format_case_result(row));
          requests.emplace_back();
          MPI_Isend(sent.back().data(),
                    sent.back().size(),
                    MPI_CHAR,
                    0,
                    result_tag,
                    world,
                    &requests.back());
        }
      if (record != nullptr)
        record->receive(world, true, counter);
      MPI_Waitall(requests.size(), requests.data(), MPI_STATUSES_IGNORE);
    }
  } // namespace

  SweepCounters
  run_sweep(const std::string  &file,
            const SweepOptions &options,
            const MPI_Comm      world,
            std::ostream       &log)
  {
    const unsigned int rank  = dealii::Utilities::MPI::this_mpi_process(world);
    const unsigned int size  = dealii::Utilities::MPI::n_mpi_processes(world);
    const SweepStudy   study = read_sweep_file(file, options.sets);
    check_options(study, options, size);
    SweepCounters counters;
    counters.cases = study.cases.size();
    if (rank == 0 && options.list)
      list_cases(study, log);
    if (rank == 0 && options.collect)
      collect(study, options.plot, log);
    if (options.list || options.collect)
      return counters;
    std::vector<SweepRow>           before;
    const std::vector<unsigned int> pending =
        find_pending(study, options, world, before);
    counters.run = pending.size();
    counters.finished_before =
        (options.cases.empty() ? counters.cases : options.cases.size()) -
        counters.run;
    const unsigned int groups = size / options.ranks_per_case;
    if (rank == 0)
      log << "sweep " << study.name << ": " << counters.cases << " cases, "
          << counters.finished_before << " finished before, " << counters.run
          << " to run by " << groups << " group(s) of "
          << options.ranks_per_case << " rank(s)" << std::endl;
    MPI_Comm group;
    MPI_Comm_split(world, rank / options.ranks_per_case, rank, &group);
    std::unique_ptr<StudyRecord> record;
    if (rank == 0)
      record = std::make_unique<StudyRecord>(
          study, before, counters, groups, options.cases.empty(), log);
    work_through(study, pending, options, world, group, record.get());
    MPI_Comm_free(&group);
    if (rank != 0)
      return counters;
    counters = record->finish();
    if (options.cases.empty() && options.plot)
      plot_study(study, log);
    print_timing(study, counters, groups, options.ranks_per_case, log);
    return counters;
  }
} // namespace mgrelax

namespace mgrelax
{
  namespace
  {
    unsigned int
    parse_count(const std::string &flag, const std::string &text)
    {
      std::size_t end = 0;
      try
        {
          const unsigned long n = std::stoul(text, &end);
          if (end == text.size() && text[0] != '-')
            return n;
        }
      catch (const std::exception &)
        {}
      throw std::invalid_argument("mgrelax sweep: " + flag +
                                  " needs a number >= 0, not '" + text + "'");
    }

    SweepOptions
    parse_sweep_arguments(const std::vector<std::string> &args,
                          std::string                    &file)
    {
      SweepOptions options;
      for (std::size_t i = 0; i < args.size(); ++i)
        {
          const std::string &a     = args[i];
          const auto         value = [&]() -> const std::string         &{
            if (i + 1 == args.size())
              throw std::invalid_argument("mgrelax sweep: option '" + a +
                                          "' needs a value");
            return args[++i];
          };
          if (a == "--list" || a == "--collect" || a == "--no-plot")
            (a == "--list"      ? options.list
             : a == "--collect" ? options.collect
                                : options.plot) = a != "--no-plot";
          else if (a == "--ranks-per-case")
            options.ranks_per_case = parse_count(a, value());
          else if (a == "--case")
            {
              std::stringstream list(value());
              for (std::string id; std::getline(list, id, ',');)
                options.cases.push_back(parse_count(a, id));
            }
          else if (a == "--set")
            {
              const std::string &text = value();
              const auto         eq   = text.find('=');
              if (eq == std::string::npos || eq == 0)
                throw std::invalid_argument(
                    "mgrelax sweep: --set needs PATH=VALUE, not '" + text +
                    "'");
              options.sets.push_back({text.substr(0, eq), text.substr(eq + 1)});
            }
          else if (!a.empty() && a[0] == '-')
            throw std::invalid_argument("mgrelax sweep: unknown option '" + a +
                                        "'");
          else if (file.empty())
            file = a;
          else
            throw std::invalid_argument(
                "mgrelax sweep: more than one sweep file given");
        }
      if (file.empty())
        throw std::invalid_argument(
            "mgrelax sweep: no sweep file (usage: mgrelax sweep FILE.prm)");
      return options;
    }
  } // namespace

  int
  sweep_command(const std::vector<std::string> &args)
  {
    std::string         file;
    const SweepOptions  options = parse_sweep_arguments(args, file);
    const SweepCounters c = run_sweep(file, options, MPI_COMM_WORLD, std::cout);
    const bool          root =
        dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
    if (c.failed > 0 && root)
      std::cerr << "mgrelax sweep: " << c.failed << " of " << c.run
                << " cases failed (status and message in the table)\n";
    return c.failed > 0 ? 1 : 0;
  }
} // namespace mgrelax
