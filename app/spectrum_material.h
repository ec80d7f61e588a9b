// `mgrelax spectrum --write-material FILE.prm`: the inverted spectrum as a
// material file of the generalized Kelvin law (doc/from-measurements.md).
//
// Convention: a curve normalized by the elastic strain eps_el^0 = sigma/E0
// has spectral amplitudes f_j / eps_el^0 = c_j ([Atzmon2023] Eq. 6), and a
// unit of relative strength c_j has the compliance c_j / E0 = c_j J0
// ([Atzmon2023] Eqs. 4-5; the law's w_i dJ_f, material/README.md).  So a
// peak of area A (in the curve's unit) is a family of compliance increment
// A / (eps_el^0 E0), and a Gumbel family's dJ likewise.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "postprocess/gumbel_fit.h"
#include "postprocess/spectrum_inversion.h"

namespace mgrelax
{
  // What becomes the families: each peak of the spectrum with every grid
  // point of it as a unit (the spectrum's own fit curve), each peak as one
  // unit at its centroid with its area (Atzmon's linear solid, one element
  // per peak, [Atzmon2023] Eqs. 3-6), or the Gumbel fit's families.
  enum class MaterialUnits
  {
    grid,
    centroid,
    gumbel
  };

  // One `Family NAME` subsection of the written file.
  struct WrittenFamily
  {
    std::string         name;
    std::string         note;             // a comment line above the subsection
    double              compliance = 0.0; // dJ, 1/Pa
    bool                gumbel     = false;
    double              B = 0.0, mean_time = 0.0; // Gumbel
    unsigned int        units = 0;                // Gumbel
    std::vector<double> times, weights;           // list
    double activation_eV = 0.0; // Arrhenius energy; 0: no temperature law
  };

  struct WrittenMaterial
  {
    std::vector<std::string>   header; // comment lines (without '#')
    double                     young_modulus     = 0.0; // Pa
    double                     poisson_ratio     = 0.0;
    double                     temperature       = 0.0; // K, of the times
    double                     dashpot_viscosity = 0.0; // Pa s, 0: none
    std::string                dashpot_note;
    std::vector<WrittenFamily> families;
  };

  // One family per peak (named peak1, peak2, ...): compliance area /
  // (elastic_strain E0); `energies_eV` one Arrhenius energy per peak, or
  // empty (no temperature law).
  std::vector<WrittenFamily>
  peak_families(const std::vector<double>            &tau,
                const Eigen::VectorXd                &f,
                const std::vector<postprocess::Peak> &peaks,
                const std::vector<double>            &energies_eV,
                double                                elastic_strain,
                double                                young_modulus,
                MaterialUnits                         units);

  // One family per resolved Gumbel family (dJ > 0; named gumbel1, ...),
  // `units` discrete units each, as fitted.
  std::vector<WrittenFamily>
  gumbel_families(const postprocess::GumbelFit &fit,
                  double                        elastic_strain,
                  double                        young_modulus,
                  unsigned int                  units);

  // The complete, commented material file (`mgrelax point`/`run` read it).
  void
  write_material_file(std::ostream &out, const WrittenMaterial &material);
} // namespace mgrelax
