// The energies of a creep + cycling test as [Zhang2023-cycling] Eqs. 4-5
// define them, cycle by cycle, from the xx stress and strain of the point
// and the law's anelastic and irreversible strains (material/README.md,
// 'Energies of a cycling test'; doc/physics.md, 'Energies').  The law's own
// energies (w_work, w_stored, w_viscoplastic, w_dissipated) are other
// quantities; the table carries them beside the paper's for comparison.
//
// A cycle is one period 1/f of a sine or triangle segment, counted from the
// segment's start: the stress passes the mean rising at both ends (the
// phase of LoadProgram's periodic segments).  For cycle i, over its samples
// (both ends included; the triangle's corners are samples):
//   sigma_creep = (sigma_max + sigma_min) / 2, eps_creep = (eps_max +
//   eps_min) / 2                                            (Eqs. 4, 5)
//   v_cycling_i = int sigma d(eps) - sigma_creep (eps_end - eps_start), the
//     area of the loop closed by the chord from its end to its start (the
//     hysteresis area of a closed loop; trapezoidal rule, as w_work)
//   v_cycling = sum_{j <= i} v_cycling_j,  v_creep = sigma_creep eps_creep,
//   v_total = v_creep + v_cycling / 2                       (Eq. 4)
//   v_an = sigma_creep eps_an, v_vp = sigma_creep eps_vp at the cycle's end,
//   v_diss = v_cycling / 2                                  (Eq. 5)
//   v_el = sigma_creep (eps - eps_an - eps_vp) at the cycle's end (the
//     elastic strain; Eq. 5 omits it: it holds after unloading, where
//     v_el = 0).
// After the first cycle, the end of every non-periodic segment (unloading,
// recovery holds) gives a row with cycle = 0: Eq. 5's recovery, sigma_creep
// and v_cycling those of the last cycle, eps_creep the strain then, so that
// v_total = v_an + v_vp + v_el + v_diss.
#pragma once

#include <array>
#include <vector>

#include "material/law.h"
#include "material/point_driver.h"
#include "material/record_table.h"

namespace mgrelax::material
{
  struct CycleEnergy
  {
    unsigned int segment; // in the load program as written, from 0
    // The paper's i: from 1, counted over all periodic segments; 0 for the
    // end of a later non-periodic segment.
    unsigned int cycle;
    double       time; // end of the cycle (segment), s
    double       sigma_creep, eps_creep;
    double       v_cycling_i, v_cycling, v_creep, v_total;
    double       v_an, v_vp, v_el, v_diss;
    // The law's state at the row's time.
    double w_work, w_stored, w_viscoplastic, w_dissipated;
  };

  // Collects the records of PointDriver::run (feed it every record, in
  // order) and turns them into CycleEnergy rows as the cycles end.
  class CycleEnergies
  {
  public:
    // Throws std::invalid_argument if `law` has no eps_an, eps_vp and w_*
    // state variables (the generalized Kelvin law has them).
    CycleEnergies(const std::vector<LoadSegment> &program,
                  const LawDescription           &law);

    // True if the law has the state variables the table needs.
    static bool
    applies_to(const LawDescription &law);

    void
    add(const PointRecord &record);

    // The rows so far, and the one for the end of the last segment if it
    // is a non-periodic segment after a cycle.
    std::vector<CycleEnergy>
    rows() const;

  private:
    struct Sample
    {
      unsigned int          segment; // as in PointRecord: 0 initial, then 1..
      double                time, stress, strain, eps_an, eps_vp;
      std::array<double, 4> w;
    };
    Sample
    sample(const PointRecord &record) const;
    bool
    periodic(unsigned int record_segment) const;
    void
    start_cycle(const Sample &s);
    void
    accumulate(const Sample &from, const Sample &to);
    CycleEnergy
    row(const Sample &s, unsigned int cycle) const;

    std::vector<LoadSegment>    program_;
    unsigned int                eps_an_, eps_vp_;
    std::array<unsigned int, 4> w_;
    std::vector<CycleEnergy>    rows_;
    bool                        have_previous_ = false;
    Sample                      previous_{};
    // The cycle in progress: start, chord-closed work, extrema.
    Sample       start_{};
    double       work_ = 0.0, sigma_max_ = 0.0, sigma_min_ = 0.0;
    double       eps_max_ = 0.0, eps_min_ = 0.0;
    unsigned int n_cycles_   = 0;
    double       v_cycling_  = 0.0;
    double       last_sigma_ = 0.0; // sigma_creep of the last cycle
  };

  // The rows as a self-describing table (names, units, descriptions with
  // the equation numbers): NAME_cycles.csv of `mgrelax point`.
  RecordTable
  cycle_energy_table(const std::vector<CycleEnergy> &rows);
} // namespace mgrelax::material
