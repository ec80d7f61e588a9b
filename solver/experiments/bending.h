// Ribbon bending: the cantilever creep experiment ([Atzmon2023] Sec. 3, Fig.
// 1a) and three-point bending.  The cantilever is a strip clamped at x = 0 and
// loaded at its free end over a small patch of its upper face (the
// nanoindenter, or a DMA single-cantilever clamp); in three-point bending
// it rests on two lines under its ends (`length` is the span) and is loaded
// at midspan, and half the span is modelled with midspan symmetry.  Either
// runs any load program, of force or of deflection: creep and recovery,
// cycles, sinusoids, with a temperature program.
//
// Observables: the deflection under the load h(t) (the patch average,
// positive downwards), its anelastic part normalized by the elastic one,
// the support reaction, and with sine segments the storage and loss moduli
// per cycle from beam theory (material/cycle_modulus.h).
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <iosfwd>
#include <string>
#include <vector>

#include "material/cycle_modulus.h"
#include "material/law.h"
#include "material/point_driver.h"
#include "solver/experiment.h"
#include "solver/load_program_section.h"
#include "solver/ribbon_geometry.h"

namespace mgrelax
{
  // How the strip is held: clamped at x = 0 with the load at the free end,
  // or simply supported at both ends with the load at midspan.
  enum class BendingSupport
  {
    clamp,
    three_point
  };

  struct BendingParameters
  {
    BendingSupport support = BendingSupport::clamp;
    RibbonGeometry geometry;
    // Length of the load patch in cells along the length.
    unsigned int patch_cells = 1;
    // Load program of the force P in N (downwards), or with displacement
    // control of the deflection in m (downwards).
    std::vector<material::LoadSegment> program;
    bool                               displacement_control = false;

    // The sections Geometry (with 'load patch cells') and Load program.
    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);
    // Throws std::invalid_argument naming the entry.
    void
    check() const;

    // Beam theory's factor K in E = K P / h (P the load, h the deflection
    // at the load patch's centre): x^3 / (3 I) for the cantilever,
    // L^3 / (48 I) for three-point bending.
    double
    beam_factor() const;
  };

  // The experiment on `comm`.  Records: time, load, temperature,
  // tip_displacement, normalized_anelastic, reaction, normalized_reaction
  // and iteration counts (the first row is the unloaded initial state).
  // Summary: elastic_tip_displacement, elastic_load, beam_factor.  Tables:
  // "dma" (storage and loss moduli per cycle) when the program has sines.
  template <int dim>
  RunResult
  run_bending(const BendingParameters     &parameters,
              const material::MaterialLaw &law,
              const RunSettings           &settings,
              MPI_Comm                     comm,
              std::ostream                *progress);

} // namespace mgrelax
