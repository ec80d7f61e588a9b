// `mgrelax point FILE.prm`: the material-point driver on the command line.
// Reads the material and the load program, drives one point and writes
// the CSV time history described in doc/architecture.md; with sine or
// triangle segments also NAME_cycles.csv, [Zhang2023-cycling] Eqs. 4-5 per
// cycle (material/cycle_energy.h).
#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/timer.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "app/commands.h"
#include "material/cycle_energy.h"
#include "material/cycle_modulus.h"
#include "material/failed_point.h"
#include "material/kelvin_law.h"
#include "material/load_program.h"
#include "material/point_driver.h"
#include "solver/material_input.h"
#include "solver/output_files.h"
#include "solver/stop_request.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    void
    declare_point_parameters(ParameterHandler &prm)
    {
      prm.declare_entry("material file",
                        "",
                        Patterns::FileName(),
                        "Material parameter set (inputs/materials/*.prm), "
                        "relative to this file.");
      prm.declare_entry("initial temperature",
                        "293.15",
                        Patterns::Double(0.0),
                        "Temperature at t = 0 in K, in [1, 5000].");
      prm.enter_subsection("Load program");
      prm.declare_entry("control",
                        "uniaxial stress",
                        Patterns::Selection("uniaxial stress|uniaxial strain|"
                                            "stress tensor|strain tensor"),
                        "What is imposed: sigma_xx (other stresses zero), "
                        "eps_xx (other stresses zero), six stress or six "
                        "strain components (xx,yy,zz,xy,yz,xz; tensor, not "
                        "engineering, shear strains).");
      prm.declare_entry(
          "segments",
          "",
          Patterns::Anything(),
          "Segments separated by ';': 'jump to=V', 'ramp to=V duration=D', "
          "'hold duration=D', 'sine mean=M amplitude=A frequency=F cycles=N', "
          "'triangle ...' (the keys of sine; a constant rate 4 A F); "
          "optional keys dt0=, growth= (ramp, hold), steps= (sine, triangle; "
          "a multiple of 4 for a triangle), T= (end "
          "temperature, K).  Values in Pa or strain; tensor values are six "
          "comma-separated numbers.");
      prm.leave_subsection();
      prm.enter_subsection("Output");
      prm.declare_entry("name",
                        "",
                        Patterns::Anything(),
                        "Name of the run; default: the input file's name "
                        "without extension.");
      prm.declare_entry("directory",
                        "",
                        Patterns::Anything(),
                        "Output directory; default: output/NAME.");
      prm.declare_entry("print spectrum",
                        "false",
                        Patterns::Bool(),
                        "Also write NAME_spectrum.csv with each family's "
                        "discrete (tau_i, w_i) at the initial temperature.");
      prm.declare_entry("dynamic modulus",
                        "false",
                        Patterns::Bool(),
                        "Also write NAME_dma.csv: one row per full cycle of "
                        "every sine segment (segment, from 0 in the order of "
                        "the program, cycle, from 0, the cycle's mid time, "
                        "mean temperature, frequency, E_storage, E_loss and "
                        "tan_delta of the xx components: least-squares "
                        "amplitudes over the cycle, drift removed; "
                        "material/cycle_modulus.h).");
      prm.declare_entry(
          "row interval",
          "1",
          Patterns::Integer(1),
          "Within sine and triangle segments, write every N-th step to "
          "NAME.csv (and the segment's last): long cyclic "
          "programs.");
      prm.leave_subsection();
    }

    void
    write_spectrum(const material::MaterialLaw &law,
                   const double                 temperature,
                   const std::string           &file)
    {
      AtomicFile out(file);
      out.stream() << "family,unit,tau,weight,compliance\n";
      const auto *kelvin =
          dynamic_cast<const material::GeneralizedKelvinLaw *>(&law);
      if (kelvin != nullptr)
        for (unsigned int f = 0; f < kelvin->parameters().families.size(); ++f)
          {
            const material::DiscreteSpectrum s =
                kelvin->spectrum(f, temperature);
            const double dJ = kelvin->compliance_increment(f);
            for (unsigned int i = 0; i < s.tau.size(); ++i)
              out.stream() << kelvin->parameters().families[f].name << ',' << i
                           << ',' << format_number(s.tau[i]) << ','
                           << format_number(s.weight[i]) << ','
                           << format_number(s.weight[i] * dJ) << '\n';
          }
      out.commit();
    }

    // NAME_cycles.csv and its column documentation NAME_cycles_columns.csv;
    // returns the number of rows.
    std::size_t
    write_cycle_energies(const material::CycleEnergies &energies,
                         const OutputLocation          &where)
    {
      const material::RecordTable table =
          material::cycle_energy_table(energies.rows());
      AtomicFile csv(where.file("_cycles.csv"));
      table.write_csv(csv.stream());
      csv.commit();
      AtomicFile columns(where.file("_cycles_columns.csv"));
      table.write_column_documentation(columns.stream());
      columns.commit();
      return table.size();
    }

    // `mgrelax point --replay FILE`: the failed integration of a run's
    // failure dump (material/failed_point.h) again; exit status 1 if the
    // law fails again, with its message.
    int
    replay(const std::string &file)
    {
      const material::FailedPoint point = material::FailedPoint::read(file);
      const auto                  law   = read_material(point.material_file);
      if (law->description().name != point.law)
        throw std::invalid_argument("'" + file + "' is a failure of the law '" +
                                    point.law + "', but '" +
                                    point.material_file + "' defines '" +
                                    law->description().name + "'");
      const material::StepResult result = point.replay(*law);
      std::cout << "mgrelax point --replay " << file << ": " << point.law
                << ", dt = " << format_number(point.dt)
                << " s, T = " << format_number(point.begin_temperature)
                << " -> " << format_number(point.end_temperature) << " K\n"
                << "  recorded: " << point.message << "\n";
      if (result.succeeded())
        {
          std::cout << "  replayed: the integration succeeded\n";
          return 0;
        }
      std::cout << "  replayed: the law failed: " << result.message << "\n";
      return 1;
    }

    // Thrown from the driver's callback when a stop was requested.
    struct StopRequested
    {};
  } // namespace

  int
  point_command(const std::vector<std::string> &args)
  {
    const CommandArguments arguments = parse_command_arguments(
        "point", args, {"--print-parameters", "--print-spectrum", "--replay"});
    if (arguments.flags.count("--replay"))
      return replay(arguments.file);
    const std::string &file     = arguments.file;
    const bool print_parameters = arguments.flags.count("--print-parameters");
    bool       print_spectrum   = arguments.flags.count("--print-spectrum");
    if (print_parameters)
      {
        ParameterHandler prm;
        declare_point_parameters(prm);
        std::cout << "# Parameters of `mgrelax point FILE.prm`\n";
        prm.print_parameters(std::cout, ParameterHandler::PRM);
        ParameterHandler material;
        declare_material_parameters(material, {"NAME"});
        std::cout << "\n# Parameters of a material file (one `Family NAME` "
                     "subsection per name in `families`)\n";
        material.print_parameters(std::cout, ParameterHandler::PRM);
        return 0;
      }
    if (file.empty())
      throw std::invalid_argument(
          "mgrelax point: no input file (usage: mgrelax point FILE.prm)");

    ParameterHandler prm;
    declare_point_parameters(prm);
    parse_parameter_file(prm, file);

    const std::string material_file =
        prm.get("material file").empty()
            ? throw std::invalid_argument("'" + file +
                                          "': entry 'material file' is not set")
            : resolve_path(prm.get("material file"), file);
    const auto   law         = read_material(material_file);
    const double temperature = material::check_temperature(
        prm.get_double("initial temperature"),
        "'" + file + "': entry 'initial temperature'");

    prm.enter_subsection("Load program");
    const material::PointControl control =
        material::parse_point_control(prm.get("control"));
    const unsigned int n_values =
        control == material::PointControl::uniaxial_stress ||
                control == material::PointControl::uniaxial_strain
            ? 1
            : 6;
    std::vector<material::LoadSegment> program;
    try
      {
        program = material::parse_load_program(prm.get("segments"), n_values);
        material::check_step_count(program);
      }
    catch (const std::invalid_argument &exc)
      {
        throw std::invalid_argument(
            "'" + file + "': entry 'Load program/segments': " + exc.what());
      }
    prm.leave_subsection();

    prm.enter_subsection("Output");
    const OutputLocation where(file, prm.get("name"), prm.get("directory"));
    print_spectrum = print_spectrum || prm.get_bool("print spectrum");
    const bool         dynamic_modulus = prm.get_bool("dynamic modulus");
    const unsigned int row_interval =
        static_cast<unsigned int>(prm.get_integer("row interval"));
    prm.leave_subsection();

    // CSV header: the architecture note's columns, then the law's scalar
    // internal state variables in the order of its description.
    const material::LawDescription                   &d = law->description();
    std::vector<std::pair<std::string, unsigned int>> scalars;
    for (const material::Variable &v : d.internal_state)
      if (v.kind == material::VariableKind::scalar && v.count == 1)
        scalars.emplace_back(v.name, d.offset(v.name));

    install_stop_handlers();
    AtomicFile csv(where.file(".csv"));
    csv.stream() << "time,temperature,eps_xx,eps_yy,eps_zz,eps_xy,eps_yz,"
                    "eps_xz,sig_xx,sig_yy,sig_zz,sig_xy,sig_yz,sig_xz";
    for (const auto &s : scalars)
      csv.stream() << ',' << s.first;
    csv.stream() << '\n';

    material::PointDriver  driver(*law, control, temperature);
    material::CycleModulus cycle_modulus(program);
    const bool             cyclic = std::any_of(
        program.begin(), program.end(), [](const material::LoadSegment &s) {
          return s.periodic();
        });
    const bool energies =
        cyclic && material::CycleEnergies::applies_to(law->description());
    std::optional<material::CycleEnergies> cycle_energies;
    if (energies)
      cycle_energies.emplace(program, law->description());
    const auto start = std::chrono::steady_clock::now();
    // Within periodic segments only every row_interval-th step is written, and
    // the segment's last one (held, unformatted, until the segment ends).
    const auto write_row = [&](const double               time,
                               const double               T,
                               const material::Vector6   &strain,
                               const material::Vector6   &stress,
                               const std::vector<double> &values) {
      std::ostream &out = csv.stream();
      out << format_number(time) << ',' << format_number(T);
      for (const double e : material::to_components(strain))
        out << ',' << format_number(e);
      for (const double x : material::to_components(stress))
        out << ',' << format_number(x);
      for (const double v : values)
        out << ',' << format_number(v);
      out << '\n';
    };
    struct HeldRow
    {
      bool                valid = false;
      double              time = 0.0, temperature = 0.0;
      material::Vector6   strain, stress;
      std::vector<double> values;
    } held;
    const auto flush_held = [&]() {
      if (held.valid)
        write_row(
            held.time, held.temperature, held.strain, held.stress, held.values);
      held.valid = false;
    };
    unsigned int last_segment = 0, periodic_row = 0;
    const auto   on_step = [&](const material::PointRecord &r) {
      if (dynamic_modulus)
        cycle_modulus.add(r);
      if (energies)
        cycle_energies->add(r);
      if (r.segment != last_segment)
        {
          flush_held();
          periodic_row = 0;
          last_segment = r.segment;
        }
      const bool in_periodic =
          r.segment > 0 && program[r.segment - 1].periodic();
      held.values.resize(scalars.size());
      for (std::size_t i = 0; i < scalars.size(); ++i)
        held.values[i] = r.internal[scalars[i].second];
      if (!in_periodic || ++periodic_row % row_interval == 0)
        {
          held.valid = false;
          write_row(r.time, r.temperature, r.strain, r.stress, held.values);
        }
      else
        {
          held.valid       = true;
          held.time        = r.time;
          held.temperature = r.temperature;
          held.strain      = r.strain;
          held.stress      = r.stress;
        }
      if (stop_signal() != 0)
        throw StopRequested();
    };
    // A run stopped by a signal, or by a failure of the law, keeps (and
    // writes) the steps it finished.
    std::string failure;
    try
      {
        driver.run(program, on_step);
      }
    catch (const StopRequested &)
      {}
    catch (const std::runtime_error &e)
      {
        failure = e.what();
      }
    flush_held();
    csv.commit();
    std::vector<material::CycleModuli> cycles;
    if (dynamic_modulus)
      {
        cycles = cycle_modulus.rows();
        AtomicFile dma(where.file("_dma.csv"));
        material::write_cycle_moduli_csv(dma.stream(), cycles);
        dma.commit();
      }
    std::size_t n_energy_rows = 0;
    if (energies)
      n_energy_rows = write_cycle_energies(*cycle_energies, where);
    if (print_spectrum)
      write_spectrum(*law, temperature, where.file("_spectrum.csv"));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();

    std::cout << "mgrelax point: " << driver.n_steps << " steps ("
              << driver.n_cutbacks << " cut-backs, " << driver.n_iterations
              << " Newton iterations) in " << seconds << " s\n"
              << "  wrote " << where.file(".csv") << '\n';
    if (print_spectrum)
      std::cout << "  wrote " << where.file("_spectrum.csv") << '\n';
    if (energies)
      std::cout << "  wrote " << where.file("_cycles.csv") << " ("
                << n_energy_rows << " rows, [Zhang2023-cycling] Eqs. 4-5) and "
                << where.file("_cycles_columns.csv") << '\n';
    else if (cyclic)
      std::cout << "  no " << where.file("_cycles.csv")
                << ": the law has no eps_an, eps_vp and w_* state\n";
    if (dynamic_modulus)
      std::cout << "  wrote " << where.file("_dma.csv") << " (" << cycles.size()
                << " cycles)\n";
    if (!failure.empty())
      throw std::runtime_error(failure + "; " + where.file(".csv") +
                               " holds the steps before");
    if (stop_signal() != 0)
      {
        std::cout << "mgrelax point: stopped by " << signal_name(stop_signal())
                  << " after step " << driver.n_steps << "; "
                  << where.file(".csv") << " holds the steps so far"
                  << std::endl;
        return stop_exit_status(stop_signal());
      }
    return 0;
  }
} // namespace mgrelax
