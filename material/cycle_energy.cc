#include "material/cycle_energy.h"

#include <algorithm>
#include <stdexcept>

namespace mgrelax::material
{
  namespace
  {
    const std::array<const char *, 4> w_names = {
        "w_work", "w_stored", "w_viscoplastic", "w_dissipated"};
  } // namespace

  bool
  CycleEnergies::applies_to(const LawDescription &law)
  {
    bool all = law.has_variable("eps_an") && law.has_variable("eps_vp");
    for (const char *name : w_names)
      all = all && law.has_variable(name);
    return all;
  }

  CycleEnergies::CycleEnergies(const std::vector<LoadSegment> &program,
                               const LawDescription           &law)
      : program_(program)
  {
    if (!applies_to(law))
      throw std::invalid_argument(
          "the energies of [Zhang2023-cycling] Eqs. 4-5 need a law with the "
          "state variables eps_an, eps_vp, w_work, w_stored, w_viscoplastic "
          "and w_dissipated (the generalized Kelvin law)");
    // The xx component is the first of a symmetric tensor (Mandel).
    eps_an_ = law.offset("eps_an");
    eps_vp_ = law.offset("eps_vp");
    for (unsigned int k = 0; k < w_names.size(); ++k)
      w_[k] = law.offset(w_names[k]);
  }

  CycleEnergies::Sample
  CycleEnergies::sample(const PointRecord &r) const
  {
    Sample s{r.segment,
             r.time,
             r.stress[0],
             r.strain[0],
             r.internal[eps_an_],
             r.internal[eps_vp_],
             {}};
    for (unsigned int k = 0; k < w_.size(); ++k)
      s.w[k] = r.internal[w_[k]];
    return s;
  }

  bool
  CycleEnergies::periodic(const unsigned int record_segment) const
  {
    return record_segment > 0 && program_[record_segment - 1].periodic();
  }

  void
  CycleEnergies::start_cycle(const Sample &s)
  {
    start_     = s;
    work_      = 0.0;
    sigma_max_ = sigma_min_ = s.stress;
    eps_max_ = eps_min_ = s.strain;
  }

  void
  CycleEnergies::accumulate(const Sample &from, const Sample &to)
  {
    work_ += 0.5 * (from.stress + to.stress) * (to.strain - from.strain);
    sigma_max_ = std::max(sigma_max_, to.stress);
    sigma_min_ = std::min(sigma_min_, to.stress);
    eps_max_   = std::max(eps_max_, to.strain);
    eps_min_   = std::min(eps_min_, to.strain);
  }

  CycleEnergy
  CycleEnergies::row(const Sample &s, const unsigned int cycle) const
  {
    CycleEnergy e;
    e.segment        = s.segment - 1;
    e.cycle          = cycle;
    e.time           = s.time;
    e.sigma_creep    = last_sigma_;
    e.eps_creep      = cycle > 0 ? 0.5 * (eps_max_ + eps_min_) : s.strain;
    e.v_cycling_i    = 0.0;
    e.v_cycling      = v_cycling_;
    e.v_creep        = e.sigma_creep * e.eps_creep;
    e.v_total        = e.v_creep + 0.5 * e.v_cycling;
    e.v_an           = e.sigma_creep * s.eps_an;
    e.v_vp           = e.sigma_creep * s.eps_vp;
    e.v_el           = e.sigma_creep * (s.strain - s.eps_an - s.eps_vp);
    e.v_diss         = 0.5 * e.v_cycling;
    e.w_work         = s.w[0];
    e.w_stored       = s.w[1];
    e.w_viscoplastic = s.w[2];
    e.w_dissipated   = s.w[3];
    return e;
  }

  void
  CycleEnergies::add(const PointRecord &record)
  {
    const Sample s = sample(record);
    if (!have_previous_)
      {
        previous_      = s;
        have_previous_ = true;
        return;
      }
    if (s.segment != previous_.segment)
      {
        // previous_ ended its segment.
        if (n_cycles_ > 0 && !periodic(previous_.segment))
          rows_.push_back(row(previous_, 0));
        if (periodic(s.segment))
          start_cycle(previous_);
      }
    if (periodic(s.segment))
      {
        accumulate(previous_, s);
        const double period = 1.0 / program_[s.segment - 1].frequency;
        if (s.time - start_.time >= period * (1.0 - 1e-9))
          {
            last_sigma_      = 0.5 * (sigma_max_ + sigma_min_);
            const double v_i = work_ - last_sigma_ * (s.strain - start_.strain);
            v_cycling_ += v_i;
            CycleEnergy e = row(s, ++n_cycles_);
            e.v_cycling_i = v_i;
            rows_.push_back(e);
            start_cycle(s);
          }
      }
    previous_ = s;
  }

  std::vector<CycleEnergy>
  CycleEnergies::rows() const
  {
    std::vector<CycleEnergy> result = rows_;
    if (have_previous_ && n_cycles_ > 0 && !periodic(previous_.segment))
      result.push_back(row(previous_, 0));
    return result;
  }

  RecordTable
  cycle_energy_table(const std::vector<CycleEnergy> &rows)
  {
    const std::string J = "J/m^3";
    RecordTable       table;
    for (const CycleEnergy &e : rows)
      {
        RecordTable::Row r;
        r.add("segment", "", "load-program segment (0-based)", e.segment)
            .add("cycle",
                 "",
                 "cycle i of [Zhang2023-cycling] Eq. 4, from 1 over all "
                 "sine/triangle segments; 0: end of a later segment "
                 "(recovery, Eq. 5)",
                 e.cycle)
            .add("time", "s", "end of the cycle (of the segment)", e.time)
            .add("sigma_creep",
                 "Pa",
                 "(sigma_max + sigma_min)/2 of the (last) cycle, xx",
                 e.sigma_creep)
            .add("eps_creep",
                 "-",
                 "(eps_max + eps_min)/2 of the cycle, xx (Eq. 4); the strain "
                 "now in recovery rows",
                 e.eps_creep)
            .add("v_cycling_i",
                 J,
                 "hysteresis area of cycle i: int sigma d(eps) - "
                 "sigma_creep (eps_end - eps_start) (Eq. 4)",
                 e.v_cycling_i)
            .add("v_cycling",
                 J,
                 "sum of v_cycling_i so far (Eq. 4)",
                 e.v_cycling)
            .add("v_creep", J, "sigma_creep eps_creep (Eq. 4)", e.v_creep)
            .add("v_total", J, "v_creep + v_cycling/2 (Eq. 4)", e.v_total)
            .add("v_an", J, "sigma_creep eps_an,xx (Eq. 5)", e.v_an)
            .add("v_vp", J, "sigma_creep eps_vp,xx (Eq. 5)", e.v_vp)
            .add("v_el",
                 J,
                 "sigma_creep (eps - eps_an - eps_vp)_xx, the elastic part "
                 "(0 after unloading; not in Eq. 5)",
                 e.v_el)
            .add("v_diss", J, "v_cycling/2 (Eq. 5)", e.v_diss)
            .add("w_work", J, "the law's work, int sigma:d(eps)", e.w_work)
            .add("w_stored", J, "the law's Kelvin spring energy", e.w_stored)
            .add("w_viscoplastic",
                 J,
                 "the law's work on the irreversible strain",
                 e.w_viscoplastic)
            .add("w_dissipated",
                 J,
                 "the law's dissipation in the Kelvin dashpots",
                 e.w_dissipated);
        table.append(r);
      }
    return table;
  }
} // namespace mgrelax::material
