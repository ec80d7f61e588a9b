// The DMA analysis of the finite-element bending experiments: storage and
// loss moduli per cycle of the sine segments of the load program from the
// load P(t) and the deflection h(t), E* = K P^/h^ with K from beam theory.
// The algorithm, the columns and the CSV writer are the point driver's:
// material/cycle_modulus.h (cycle_moduli, write_cycle_moduli_csv).
#pragma once

#include <vector>

#include "material/cycle_modulus.h"

namespace mgrelax
{
  using material::CycleModuli;
  using material::write_cycle_moduli_csv;

  // material::cycle_moduli with the load as the stress-like signal, the
  // deflection as the strain-like one and the beam factor as K.
  inline std::vector<CycleModuli>
  dynamic_moduli(const std::vector<material::LoadSegment> &program,
                 const std::vector<unsigned int>          &segment,
                 const std::vector<double>                &time,
                 const std::vector<double>                &load,
                 const std::vector<double>                &deflection,
                 const std::vector<double>                &temperature,
                 const double                              beam_factor)
  {
    return material::cycle_moduli(
        program, segment, time, load, deflection, temperature, beam_factor);
  }
} // namespace mgrelax
