// The mandrel experiment ([Atzmon2023] Sec. 3-5, Fig. 1b): a flat ribbon is
// bent onto a rigid cylinder of radius R, held there for a constraining time
// t_c, released, and left stress-free while its curvature recovers.
//
// The ribbon lies along x with its thickness along the last coordinate
// (z in 3D, y in 2D); its lower face is the inner face that goes onto the
// mandrel, whose axis runs along the width.  Wrapping is a continuation
// from flat: the mandrel's curvature grows from 0 to 1/R over the wrap
// time, and the inner face follows the cylinder with frictionless sliding
// (QuasiStaticSolver::set_rigid_surface).  The problem is symmetric about
// the ribbon's mid cross-section (and its mid-width plane in 3D): half the
// length (and half the width) is modelled, with symmetry conditions on the
// cut planes and the transverse displacement of the inner face's centre
// fixed.  These remove the rigid-body motions (sliding around the mandrel,
// translations, rotations) and nothing else.
//
// Observables ([Atzmon2023] Sec. 3): the midplane curvature kappa from a
// least-squares circle fit to the deformed midplane (as the lab fits an
// image of the ribbon), the surface strain (h/2) kappa, the elastic surface
// strain at the end of the constraint eps_el^0 = (h/2)(kappa_held -
// kappa(0+)) (what springs back at release) and the normalized anelastic
// strain eps_an(t)/eps_el^0 = kappa(t) / (kappa_held - kappa(0+)) during
// the recovery.
//
// The hold and the recovery each follow a temperature program ([Atzmon2023]
// Sec. 9: annealing above room temperature after the release recovers the
// whole anelastic strain): `hold program` and `recovery program` are lists
// of hold segments in the load-program grammar (material/point_driver.h)
// whose T= sets the temperature; empty, they are one hold of `constraining
// time` / `recovery time` at the initial temperature.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <iosfwd>
#include <string>
#include <vector>

#include "material/law.h"
#include "material/point_driver.h"
#include "solver/experiment.h"
#include "solver/ribbon_geometry.h"

namespace mgrelax
{
  struct MandrelParameters
  {
    // The whole ribbon (length, width, thickness); cells are those of the
    // modelled half (3D: quarter).
    RibbonGeometry geometry;

    double       radius           = 3.3e-3; // mandrel radius R (inner face), m
    double       wrap_time        = 1.0;    // s, from flat to R
    unsigned int wrap_steps       = 8;
    double       hold_time        = 2e6; // t_c, s, after the wrap
    double       recovery_time    = 8e7; // s, after the release
    double       first_step       = 0.1; // s, first step of hold and recovery
    double       steps_per_decade = 10.0;
    // Hold segments with temperatures; empty: one hold each (see above).
    std::vector<material::LoadSegment> hold_program, recovery_program;

    // The sections Geometry and Mandrel; each default is the member's
    // initializer above.
    static void
    declare_parameters(dealii::ParameterHandler &prm);
    void
    parse_parameters(dealii::ParameterHandler &prm);

    // Throws std::invalid_argument naming the entry for values out of
    // range (`solver`: the element degree and the kinematics matter).
    void
    check(const SolverSettings &solver) const;

    // The hold (or recovery) segments: the program given, or one hold.
    std::vector<material::LoadSegment>
    hold_segments() const;
    std::vector<material::LoadSegment>
    recovery_segments() const;
  };

  // The experiment on `comm` (RunSettings: solver, temperature, output).
  // Summary values: held_curvature, held_surface_strain,
  // beam_surface_strain, elastic_surface_strain,
  // normalized_anelastic_at_release, normalized_anelastic_at_end,
  // plate_parameter; records: see the CSV columns (NAME_columns.csv).
  template <int dim>
  RunResult
  run_mandrel(const MandrelParameters     &parameters,
              const material::MaterialLaw &law,
              const RunSettings           &settings,
              MPI_Comm                     comm,
              std::ostream                *progress);
} // namespace mgrelax
