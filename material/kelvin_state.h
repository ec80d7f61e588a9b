// The internal state of the generalized Kelvin law: its variables (the
// law's LawDescription lists them) and the named offsets the law reads and
// writes them at.  The offsets are looked up by name in the description,
// so the two cannot disagree.  Variables and their meaning:
// material/README.md, 'Internal state variables'.
#pragma once

#include <vector>

#include "material/kelvin_parameters.h"
#include "material/law.h"

namespace mgrelax::material
{
  // The internal state variables of a law with these parameters, in their
  // order in the state array: the sums and equivalent strains, the
  // rejuvenation/aging state, the energies, one equivalent strain per
  // family, the dashpot strain (with a dashpot), then the unit strains of
  // the recoverable families and of the viscoplastic families (each kind in
  // the order of the input).  `family_n_units[f]` is the number of units of
  // family f.
  std::vector<Variable>
  kelvin_state_variables(const GeneralizedKelvinParameters &parameters,
                         const std::vector<unsigned int>   &family_n_units);

  // Where each variable of kelvin_state_variables() starts in the internal
  // state array of a point.
  class KelvinStateLayout
  {
  public:
    KelvinStateLayout() = default;
    KelvinStateLayout(const LawDescription            &description,
                      const std::vector<KelvinFamily> &families);

    unsigned int eps_an = 0, eps_vp = 0, eps_an_eq = 0, eps_vp_eq = 0;
    unsigned int chi = 0, E_beta = 0, E_structural = 0, p = 0;
    unsigned int gamma_an = 0, gamma_vp = 0;
    unsigned int w_work = 0, w_stored = 0, w_viscoplastic = 0, w_dissipated = 0;
    // eps_eq_<family> of family f is at family_eq + f.
    unsigned int family_eq = 0;
    unsigned int dashpot   = 0; // only with a dashpot
    // delta, the moduli's rise by aging: only with a 'modulus rise aged'.
    bool         has_modulus_rise = false;
    unsigned int modulus_rise     = 0;
    // Unit k of the recoverable (viscoplastic) units is at
    // recoverable_units (viscoplastic_units) + 6 k.
    unsigned int recoverable_units = 0, viscoplastic_units = 0;
  };
} // namespace mgrelax::material
