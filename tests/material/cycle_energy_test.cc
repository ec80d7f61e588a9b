// The energies of [Zhang2023-cycling] Eqs. 4-5 per cycle (material/
// cycle_energy.h): for a spring and one Kelvin unit under a triangle wave
// the hysteresis areas, creep strains and stored energies of the closed
// form (tests/material/closed_forms.h, StandardLinearSolid), to second order
// in the step; the loop areas and the creep work at the cycles' mean
// stresses add up to the law's w_work; after unloading Eq. 5's parts add up
// to Eq. 4's total.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "material/cycle_energy.h"
#include "material/elastic_law.h"
#include "test_laws.h"

using namespace mgrelax::material;
using namespace mgrelax::testing;

namespace
{
  struct EnergyRun
  {
    std::vector<CycleEnergy> rows;
    std::vector<Record>      records; // every record, with its state
  };

  EnergyRun
  run(const MaterialLaw &law, const std::string &text, const double T = 300.0)
  {
    const auto         program = parse_load_program(text, 1);
    CycleEnergies      energies(program, law.description());
    PointDriver        driver(law, PointControl::uniaxial_stress, T);
    EnergyRun          result;
    const unsigned int n = law.description().internal_state_size();
    driver.run(program, [&](const PointRecord &r) {
      energies.add(r);
      result.records.push_back(
          {r.time,
           r.temperature,
           r.strain,
           r.stress,
           std::vector<double>(r.internal, r.internal + n)});
    });
    result.rows = energies.rows();
    return result;
  }

  // The test solid: E = 50 GPa, one unit of compliance C = 8e-11 1/Pa and
  // tau = 20 s, cycled at 0.01 Hz (100 s), mean 100 MPa, amplitude 80 MPa,
  // 4 cycles, then unloaded for H s.  The unit is strong and fast enough
  // that the strain's extrema lie 11 s after the corners, between samples.
  constexpr double E = 50e9, C = 8e-11, tau = 20.0, f = 0.01;
  constexpr double M = 100e6, A = 80e6, H = 30.0;

  GeneralizedKelvinLaw
  test_solid()
  {
    return GeneralizedKelvinLaw(one_family_solid({tau}, {1.0}, C * E, E));
  }

  std::string
  program(const unsigned int steps)
  {
    return "jump to=100e6; triangle mean=100e6 amplitude=80e6 "
           "frequency=0.01 cycles=4 steps=" +
           std::to_string(steps) + "; jump to=0; hold duration=30 dt0=0.1";
  }

  // The reference rows of the closed form: per cycle (from the mean,
  // rising: up A in P/4, down 2A in P/2, up A in P/4) v_cycling_i,
  // eps_creep, v_an = M e1 and the spring energy e1^2/(2C).
  struct Expected
  {
    double v_cycling_i, eps_creep, v_an, w_stored;
  };

  std::vector<Expected>
  closed_form_cycles(StandardLinearSolid &s)
  {
    const double          P = 1.0 / f;
    std::vector<Expected> cycles;
    for (int i = 0; i < 4; ++i)
      {
        const double work0 = s.work, eps0 = s.strain();
        s.reset_extrema();
        s.ramp(M + A, P / 4);
        s.ramp(M - A, P / 2);
        s.ramp(M, P / 4);
        cycles.push_back({s.work - work0 - M * (s.strain() - eps0),
                          0.5 * (s.eps_max + s.eps_min),
                          M * s.e1,
                          s.e1 * s.e1 / (2.0 * C)});
      }
    return cycles;
  }
} // namespace

TEST(CycleEnergy, KelvinSolidUnderTriangleMatchesClosedForm)
{
  const GeneralizedKelvinLaw  law = test_solid();
  const EnergyRun             r   = run(law, program(64));
  StandardLinearSolid         s{E, C, tau, M};
  const std::vector<Expected> expected = closed_form_cycles(s);
  ASSERT_EQ(r.rows.size(), 6u); // 4 cycles, the unloading, the hold
  double worst_area = 0.0, worst_stored = 0.0;
  double v_cycling = 0.0;
  for (unsigned int i = 0; i < 4; ++i)
    {
      const CycleEnergy &row = r.rows[i];
      const Expected    &x   = expected[i];
      EXPECT_EQ(row.cycle, i + 1);
      EXPECT_EQ(row.segment, 1u);
      EXPECT_NEAR(row.time, (i + 1) / f, 1e-9);
      EXPECT_NEAR(row.sigma_creep, M, 1e-6); // corners are samples
      worst_area =
          std::max(worst_area, std::abs(row.v_cycling_i / x.v_cycling_i - 1.0));
      // Exact updates for a stress linear in the step: to round-off
      // (measured within 6e-16 here and below).
      worst_stored = std::max({worst_stored,
                               std::abs(row.v_an / x.v_an - 1.0),
                               std::abs(row.w_stored / x.w_stored - 1.0)});
      v_cycling += x.v_cycling_i;
      EXPECT_NEAR(row.v_cycling / v_cycling, 1.0, 3e-3);
      EXPECT_DOUBLE_EQ(row.v_total, row.v_creep + 0.5 * row.v_cycling);
      EXPECT_DOUBLE_EQ(row.v_diss, 0.5 * row.v_cycling);
      EXPECT_DOUBLE_EQ(row.v_vp, 0.0); // no irreversible strain
      // At the cycle's end sigma = M: the elastic part M^2/E.
      EXPECT_NEAR(row.v_el / (M * M / E), 1.0, 2e-15);
    }
  // Measured at 64 steps per cycle: 1.1e-3 (areas, the trapezoidal rule:
  // about 4.4 / steps^2), 6e-16 (stored).  The creep strains: next test.
  RecordProperty("worst_area_error", sci(worst_area));
  RecordProperty("worst_stored_error", sci(worst_stored));
  EXPECT_LT(worst_area, 3e-3);
  EXPECT_LT(worst_stored, 2e-15);

  // Unloaded and recovering for H: e1 decays as exp(-t/tau) (Eq. 2's
  // recovery branch); Eq. 5: v_an + v_vp + v_diss = v_total.
  const CycleEnergy &end = r.rows.back();
  EXPECT_EQ(end.cycle, 0u);
  EXPECT_NEAR(end.time, 4 / f + H, 1e-9);
  EXPECT_NEAR(end.v_an / (M * s.e1 * std::exp(-H / tau)), 1.0, 2e-15);
  EXPECT_NEAR(end.eps_creep / (s.e1 * std::exp(-H / tau)), 1.0, 2e-15);
  EXPECT_NEAR((end.v_an + end.v_vp + end.v_diss) / end.v_total, 1.0, 2e-15);
}

// The trapezoidal loop areas converge as (steps per cycle)^-2 to the
// closed form; the creep strains from the sampled extrema are within the
// bound their sampling sets.
TEST(CycleEnergy, LoopAreaConvergesWithStepsPerCycle)
{
  const GeneralizedKelvinLaw  law = test_solid();
  StandardLinearSolid         s{E, C, tau, M};
  const std::vector<Expected> x = closed_form_cycles(s);
  std::vector<double>         area_error;
  for (const unsigned int steps : {32u, 64u, 128u, 256u})
    {
      const std::vector<CycleEnergy> rows = run(law, program(steps)).rows;
      area_error.push_back(
          std::abs(rows[3].v_cycling_i / x[3].v_cycling_i - 1.0));
      // A sampled extremum is off by at most |eps''| (h/2)^2 / 2, eps'' =
      // -r (1/E + C)/tau at a stationary point of the closed form (the
      // corners are samples): the midrange by at most that.
      const double h = 1.0 / (f * steps), r = 4.0 * A * f;
      for (unsigned int i = 0; i < 4; ++i)
        EXPECT_LE(std::abs(rows[i].eps_creep - x[i].eps_creep),
                  h * h * r * (1.0 / E + C) / (8.0 * tau))
            << "cycle " << i + 1 << ", " << steps << " steps";
    }
  for (std::size_t k = 1; k < area_error.size(); ++k)
    {
      const double order = std::log2(area_error[k - 1] / area_error[k]);
      RecordProperty("area_order_" + std::to_string(k), sci(order));
      EXPECT_NEAR(order, 2.0, 0.05);
    }
}

// With a viscoplastic family, a dashpot, a triangle and a sine segment: the
// loop areas and the creep work at each cycle's mean stress make up the
// law's work over the cycle (both trapezoidal sums of the same samples: to
// round-off), and after unloading Eq. 5's parts make up Eq. 4's total.
TEST(CycleEnergy, PartsAddUpToTheLawsWorkAndEq5)
{
  GeneralizedKelvinParameters p = la_s1(true);
  p.dashpot_viscosity           = 1e15;
  const GeneralizedKelvinLaw law(p);
  const EnergyRun            r =
      run(law,
          "ramp to=50e6 duration=60; "
          "triangle mean=50e6 amplitude=25e6 frequency=0.01 cycles=5 steps=16; "
          "sine mean=50e6 amplitude=40e6 frequency=0.02 cycles=3 steps=24; "
          "ramp to=0 duration=60; hold duration=1e4 dt0=1",
          403.0);
  ASSERT_EQ(r.rows.size(), 10u);
  const unsigned int w_work = law.description().offset("w_work");
  const auto         at     = [&](const double t) {
    for (const Record &rec : r.records)
      if (std::abs(rec.time - t) < 1e-9 * (1.0 + t))
        return rec;
    throw std::logic_error("no record at t = " + std::to_string(t));
  };
  double t0 = 60.0, worst = 0.0;
  for (unsigned int i = 0; i < 8; ++i)
    {
      const CycleEnergy &row = r.rows[i];
      EXPECT_EQ(row.segment, i < 5 ? 1u : 2u);
      const Record a = at(t0), b = at(row.time);
      const double work = b.internal[w_work] - a.internal[w_work];
      const double parts =
          row.v_cycling_i + row.sigma_creep * (b.strain[0] - a.strain[0]);
      worst = std::max(worst, std::abs(parts / work - 1.0));
      EXPECT_GT(row.v_cycling_i, 0.0);
      t0 = row.time;
    }
  RecordProperty("worst_work_mismatch", sci(worst));
  EXPECT_LT(worst, 1e-13); // measured 3.6e-14
  for (const unsigned int k : {8u, 9u})
    {
      const CycleEnergy &row = r.rows[k];
      EXPECT_EQ(row.cycle, 0u);
      EXPECT_GT(row.v_vp, 0.0);
      EXPECT_NEAR(row.sigma_creep, 50e6, 1e-6); // the sine's cycles'
      EXPECT_NEAR(row.v_el / row.v_total, 0.0, 2e-15);
      EXPECT_NEAR((row.v_an + row.v_vp + row.v_diss) / row.v_total, 1.0, 2e-15);
    }
  EXPECT_LT(r.rows[9].v_an, r.rows[8].v_an); // recovers
  EXPECT_DOUBLE_EQ(r.rows[9].v_cycling, r.rows[7].v_cycling);
}

TEST(CycleEnergy, RefusesALawWithoutTheStrainsAndEnergies)
{
  const IsotropicElasticLaw law(50e9, 0.3);
  EXPECT_FALSE(CycleEnergies::applies_to(law.description()));
  EXPECT_THROW(CycleEnergies(parse_load_program("hold duration=1", 1),
                             law.description()),
               std::invalid_argument);
}
