// The cantilever creep experiment (Atzmon Sec. 3, Fig. 1a): a ribbon strip
// clamped at x = 0, loaded at its free end by a nanoindenter at fixed force
// P over a small patch of its upper face, held, and optionally unloaded for
// recovery.  Observables: the tip displacement h(t) (the patch average,
// positive downwards), its anelastic part normalized by the elastic one,
// and the reaction force at the clamp.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <iosfwd>
#include <string>
#include <vector>

#include "material/law.h"
#include "material/point_driver.h"
#include "solver/dynamic_moduli.h"
#include "solver/quasi_static.h"
#include "solver/ribbon_geometry.h"

namespace mgrelax
{
  // How the strip is held: clamped at x = 0 with the load at the free end
  // (nanoindenter cantilever, DMA single-cantilever clamp), or simply
  // supported at both ends with the load at midspan (three-point bending;
  // `length` is then the span).
  enum class BendingSupport
  {
    clamp,
    three_point
  };

  struct CantileverParameters
  {
    BendingSupport support   = BendingSupport::clamp;
    unsigned int   dimension = 3;
    RibbonGeometry geometry;
    // Length of the load patch at the tip in cells along the length.
    unsigned int   patch_cells = 1;
    SolverSettings solver;
    double         initial_temperature = 295.0;
    // Load program of the tip force P in N (downwards), or with
    // displacement control of the tip deflection in m (downwards).
    std::vector<material::LoadSegment> program;
    bool                               displacement_control = false;

    // Output: vtu at the start, every `vtu_interval` steps and at the end;
    // none with vtu_interval = 0.
    std::string  output_directory;
    std::string  name         = "cantilever";
    unsigned int vtu_interval = 0;
  };

  struct CantileverRecord
  {
    unsigned int step;
    unsigned int segment; // of the load program
    double       time, load, temperature;
    double       tip_displacement;     // m, downwards
    double       normalized_anelastic; // (h - h_el P/P_el) / h_el
    double       reaction;             // N, upwards on the clamp
    double       normalized_reaction;  // reaction / (R_el load / load_el)
    unsigned int newton_iterations, linear_iterations, factorizations;
  };

  struct CantileverSummary
  {
    std::vector<CantileverRecord> records;
    // Beam theory's factor K in E = K P / h for the strip (P the load, h
    // the deflection at the load patch's centre): x^3 / (3 I) for the
    // cantilever, L^3 / (48 I) for three-point bending.
    double             beam_factor = 0.0;
    unsigned long long n_dofs      = 0;
    double             elastic_tip = 0.0; // h_el
    double             wall_time   = 0.0;
  };

  // Storage and loss moduli per cycle of the program's sine segments
  // (solver/dynamic_moduli.h) from the run's load (the reaction under
  // displacement control) and deflection, with beam theory's factor.
  std::vector<CycleModuli>
  dynamic_moduli(const CantileverParameters &parameters,
                 const CantileverSummary    &summary);

  void
  declare_cantilever_parameters(dealii::ParameterHandler &prm);

  // Reads the entries declared above; throws std::invalid_argument naming
  // the entry for values out of range.
  CantileverParameters
  parse_cantilever_parameters(dealii::ParameterHandler &prm);

  // Runs the experiment on `comm`.  Progress lines go to `progress` on rank
  // 0 when it is not null.
  template <int dim>
  CantileverSummary
  run_cantilever(const CantileverParameters  &parameters,
                 const material::MaterialLaw &law,
                 MPI_Comm                     comm,
                 std::ostream                *progress);
} // namespace mgrelax
