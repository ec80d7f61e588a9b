// The mandrel experiment (Atzmon Sec. 3-5, Fig. 1b): a flat ribbon is bent
// onto a rigid cylinder of radius R, held there for a constraining time
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
// Observables (Atzmon Sec. 3): the midplane curvature kappa from a
// least-squares circle fit to the deformed midplane (as the lab fits an
// image of the ribbon), the surface strain (h/2) kappa, the elastic surface
// strain at the end of the constraint eps_el^0 = (h/2)(kappa_held -
// kappa(0+)) (what springs back at release) and the normalized anelastic
// strain eps_an(t)/eps_el^0 = kappa(t) / (kappa_held - kappa(0+)) during
// the recovery.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "material/law.h"
#include "solver/quasi_static.h"
#include "solver/ribbon_geometry.h"

namespace mgrelax
{
  struct MandrelParameters
  {
    unsigned int dimension = 3;
    // The whole ribbon (length, width, thickness); cells are those of the
    // modelled half (3D: quarter).
    RibbonGeometry geometry;
    SolverSettings solver;
    double         initial_temperature = 295.0;

    double       radius           = 3.3e-3; // mandrel radius R (inner face), m
    double       wrap_time        = 1.0;    // s, from flat to R
    unsigned int wrap_steps       = 8;
    double       hold_time        = 2e6; // t_c, s, after the wrap
    double       recovery_time    = 8e7; // s, after the release
    double       first_step       = 0.1; // s, first step of hold and recovery
    double       steps_per_decade = 10.0;

    std::string  output_directory; // no fields when empty
    std::string  name         = "mandrel";
    unsigned int vtu_interval = 0;

    // Throws std::invalid_argument naming the entry for values out of
    // range.
    void
    check() const;
  };

  struct MandrelRecord
  {
    unsigned int step;
    std::string  phase;         // "wrap", "hold", "release", "recovery"
    double       time;          // since the start of the wrap
    double       recovery_time; // since the release (0 before)
    double       temperature;
    double       curvature;            // 1/m, midplane circle fit
    double       surface_strain;       // (h/2) curvature
    double       normalized_anelastic; // eps_an / eps_el^0 (recovery)
    unsigned int newton_iterations, linear_iterations, factorizations;
  };

  struct MandrelSummary
  {
    std::vector<MandrelRecord> records;
    unsigned long long         n_dofs   = 0;
    double       held_curvature         = 0.0; // at the end of the constraint
    double       elastic_surface_strain = 0.0; // eps_el^0
    unsigned int newton_iterations      = 0;
    unsigned int cutbacks               = 0;
    double       wall_time              = 0.0;
    // Empty unless the run stopped early (a step could not be cut further);
    // the records then hold the steps before.
    std::string error;
  };

  // Runs the experiment on `comm`.  Progress lines go to `progress` on rank
  // 0 when it is not null.
  template <int dim>
  MandrelSummary
  run_mandrel(const MandrelParameters     &parameters,
              const material::MaterialLaw &law,
              MPI_Comm                     comm,
              std::ostream                *progress);
} // namespace mgrelax
