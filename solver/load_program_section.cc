#include "solver/load_program_section.h"

#include <stdexcept>

namespace mgrelax
{
  namespace Patterns = dealii::Patterns;

  void
  LoadProgramSection::declare_parameters(dealii::ParameterHandler &prm,
                                         const std::string        &controlled,
                                         const std::string &default_segments)
  {
    prm.enter_subsection("Load program");
    prm.declare_entry("control",
                      "force",
                      Patterns::Selection("force|displacement"),
                      "What the program imposes on " + controlled + ".");
    prm.declare_entry(
        "segments",
        default_segments,
        Patterns::Anything(),
        "Load program of the force (or displacement), in the "
        "grammar of `mgrelax point` (jump, ramp, hold, sine, triangle; T= "
        "for the temperature).");
    prm.leave_subsection();
  }

  void
  LoadProgramSection::parse_parameters(dealii::ParameterHandler &prm)
  {
    prm.enter_subsection("Load program");
    displacement_control       = prm.get("control") == "displacement";
    const std::string segments = prm.get("segments");
    prm.leave_subsection();
    try
      {
        program = material::parse_load_program(segments, 1);
      }
    catch (const std::invalid_argument &e)
      {
        throw std::invalid_argument(
            std::string("entry 'Load program/segments': ") + e.what());
      }
  }
} // namespace mgrelax
