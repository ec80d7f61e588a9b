// A material point whose integration failed, as a file that replays it
// (after MGIS's integrate_debug): the law's begin-of-step state (strain,
// stress, internal state), the end strain it was asked to reach, the time
// step and the temperatures, the message of the failure, and the material
// file that defines the law.  `mgrelax run` writes NAME_failure.txt when a
// run stops because the law fails at a point and the step cannot be cut
// further; `mgrelax point --replay NAME_failure.txt` integrates that one
// step again and reports what the law says (doc/architecture.md, "The
// material contract").
//
// The file has one `key = value` line per item, numbers in round-trip
// precision, so the replay starts from the same bits:
//
//   material file = /path/to/material.prm
//   law = generalized Kelvin
//   message = ...
//   dt = 0.5
//   begin temperature = 295
//   end temperature = 295
//   begin state = e1 ... e6 s1 ... s6 internal...   (Mandel)
//   end strain = e1 ... e6
#pragma once

#include <array>
#include <string>
#include <vector>

#include "material/law.h"

namespace mgrelax::material
{
  struct FailedPoint
  {
    std::string           material_file;
    std::string           law;
    std::string           message;
    double                dt                = 0.0;
    double                begin_temperature = 0.0;
    double                end_temperature   = 0.0;
    std::vector<double>   begin_state; // strain | stress | internal
    std::array<double, 6> end_strain{};

    // The point's begin state, its end strain and temperature as the
    // failed integration saw them.
    static FailedPoint
    capture(const MaterialLaw &law,
            const PointState  &state,
            double             dt,
            const StepResult  &result);

    // Writes the file; throws std::runtime_error naming it on failure.
    void
    write(const std::string &file) const;
    // Reads a file written by write(); throws std::invalid_argument naming
    // the file and the line or item that is wrong.
    static FailedPoint
    read(const std::string &file);

    // Integrates the step again with `material`, the law the file names
    // (consistent tangent requested, as the solver's Newton does); throws
    // std::invalid_argument if its state size differs from the file's.
    StepResult
    replay(const MaterialLaw &material) const;
  };
} // namespace mgrelax::material
