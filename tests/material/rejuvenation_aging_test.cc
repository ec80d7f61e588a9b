// The internal state for rejuvenation and aging (doc/physics.md Sec. 3): energy
// bookkeeping against closed forms ([Zhang2023-cycling] Eqs. 4-5), no effect
// with the couplings off, and the trends of the papers: mechanical cycling
// lowers E_beta and stores energy, recovery gives part of it back
// ([Zhang2023-cycling]); faster beta training gives shorter anelastic times
// ([Zhang2023-beta] Table 1); aging lowers the anelastic strain of a later
// creep test ([Atzmon2023] Sec. 9).
#include <gtest/gtest.h>

#include <cmath>

#include "test_laws.h"

using namespace mgrelax::material;
using namespace mgrelax::testing;

namespace
{
  double
  value(const GeneralizedKelvinLaw &law, const Record &r, const char *name)
  {
    return r.internal[law.description().offset(name)];
  }

  // A La-based glass cycled at 365 K ([Zhang2023-cycling]): beta units of about
  // a second, anelastic units around 1e6 s with sinh kinetics, viscoplastic
  // units around 1e8 s; E_beta 0.92 eV as cast ([Zhang2023-cycling]).  Times at
  // 365 K.
  GeneralizedKelvinParameters
  cycled_glass(const double k_r, const double A_an)
  {
    GeneralizedKelvinParameters p;
    p.youngs_modulus = 38e9;
    p.poissons_ratio = 0.36;
    p.families       = {gumbel_family("beta", 0.36, 1.0, 1.3e-12),
                        gumbel_family("anelastic", 0.46, 1e6, 1.3e-11),
                        gumbel_family("viscoplastic",
                                0.58,
                                1e8,
                                2.6e-11,
                                20,
                                KelvinFamily::Kind::viscoplastic)};
    // E_beta moves the beta times only: the anelastic and viscoplastic
    // times are those measured at 365 K.
    p.families[0].state_role        = KelvinFamily::StateRole::beta;
    p.families[1].kinetics          = KelvinFamily::Kinetics::sinh;
    p.families[1].activation_volume = 1e-28; // sigma0 = 87 MPa at 365 K
    p.state.chi_g                   = 0.35;
    p.state.A_an                    = A_an;
    p.state.E_beta_eV               = 0.92;
    p.state.rejuvenation            = k_r;
    return p;
  }
} // namespace

// [Zhang2023-beta] Eq. 14 and Fig. 5a: every E_beta curve passes through
// tau(566.67 K) = 5e-4 s, tau_beta = tau_0(E) exp(E/kT).  Eqs. 18-20 with
// tau_0 the prefactor of the reference state (E0): tau_mol = tau_0
// (tau_beta/tau_0)^(1/chi), tau_an = tau_mol chi^(1/chi).  The law's shifts
// are ln(tau/tau_ref) against these formulas written out here.
TEST(RejuvenationAging, StateShiftsFollowTheAnchoredEquation14)
{
  GeneralizedKelvinParameters p = cycled_glass(0.0, 0.0);
  p.families[1].state_role      = KelvinFamily::StateRole::anelastic;
  p.families[2].state_role      = KelvinFamily::StateRole::molecular;
  p.families[1].kinetics        = KelvinFamily::Kinetics::linear;
  const GeneralizedKelvinLaw law(p);
  const double               k = 8.617333262e-5, E0 = 0.92, chi0 = 0.35;
  const auto                 ln_tau_beta = [&](double E, double T) {
    return std::log(5e-4) + E / k * (1.0 / T - 1.0 / 566.67);
  };
  const double ln_tau0    = std::log(5e-4) - E0 / (k * 566.67);
  const auto   ln_tau_mol = [&](double E, double chi, double T) {
    return ln_tau0 + (ln_tau_beta(E, T) - ln_tau0) / chi;
  };
  for (const double T : {300.0, 365.0, 403.0, 566.67, 620.0})
    for (const double E : {0.08, 0.73, 0.92, 2.08})
      for (const double chi : {0.3, 0.35, 0.44})
        {
          const double beta = ln_tau_beta(E, T) - ln_tau_beta(E0, T);
          const double mol  = ln_tau_mol(E, chi, T) - ln_tau_mol(E0, chi0, T);
          const double an   = mol + std::log(chi) / chi - std::log(chi0) / chi0;
          EXPECT_NEAR(law.state_log_shift(0, chi, E, T), beta, 1e-12);
          EXPECT_NEAR(law.state_log_shift(2, chi, E, T), mol, 1e-11);
          EXPECT_NEAR(law.state_log_shift(1, chi, E, T), an, 1e-11);
        }
  // At the crossover temperature E_beta does not move tau_beta; at 365 K
  // seed-003's 0.92 -> 0.73 eV makes it about 8 times faster.
  EXPECT_NEAR(law.state_log_shift(0, chi0, 0.5, 566.67), 0.0, 1e-12);
  EXPECT_NEAR(std::exp(-law.state_log_shift(0, chi0, 0.73, 365.0)),
              std::exp(0.19 / k * (1.0 / 365.0 - 1.0 / 566.67)),
              1e-9);
}

// One Kelvin unit (C, tau) and a dashpot eta under uniaxial creep sigma,
// then recovery:  work = sigma^2/2E + sigma (eps_k + sigma t/eta),
// stored = eps_k^2 / 2C,  eps_k = C sigma (1 - e^{-t/tau}), the work on the
// dashpot's irreversible strain sigma^2 t/eta; on recovery the work stays,
// the stored energy decays as e^{-2t/tau} into the unit's dashpot.
TEST(RejuvenationAging, EnergyBookkeepingMatchesClosedForms)
{
  const double                E = 50e9, C = 0.3 / E, tau = 2.0, eta = 1e13;
  const double                sigma = 100e6, t0 = 20.0;
  GeneralizedKelvinParameters p = one_family_solid({tau}, {1.0}, 0.3, E);
  p.dashpot_viscosity           = eta;
  const GeneralizedKelvinLaw law(p);
  const auto                 records = run_program(law,
                                   PointControl::uniaxial_stress,
                                   "jump to=" + sci(sigma) +
                                       "; hold duration=20 dt0=1e-4; jump "
                                                       "to=0; hold duration=20 dt0=1e-4");
  double                     worst   = 0.0;
  for (const Record &r : records)
    {
      const bool   loaded = r.stress[0] > 0.5 * sigma;
      const double t      = loaded ? r.time : t0;
      const double eps_k0 = C * sigma * (-std::expm1(-t / tau));
      const double eps_k =
          loaded ? eps_k0 : eps_k0 * std::exp(-(r.time - t0) / tau);
      // After unloading, the work is that of the loading, less the elastic
      // energy given back.
      const double work         = loaded ? sigma * sigma / (2.0 * E) +
                                       sigma * (eps_k0 + sigma * t / eta)
                                         : sigma * (eps_k0 + sigma * t / eta);
      const double stored       = eps_k * eps_k / (2.0 * C);
      const double viscoplastic = sigma * sigma * t / eta;
      const double elastic      = loaded ? sigma * sigma / (2.0 * E) : 0.0;
      const double scale        = sigma * sigma / (2.0 * E);
      if (r.time == 0.0)
        continue;
      worst = std::max(
          {worst,
           std::abs(value(law, r, "w_work") - work) / scale,
           std::abs(value(law, r, "w_stored") - stored) / scale,
           std::abs(value(law, r, "w_viscoplastic") - viscoplastic) / scale,
           std::abs(value(law, r, "w_dissipated") -
                    (work - elastic - stored - viscoplastic)) /
               scale});
    }
  EXPECT_LT(worst, 1e-5);
  RecordProperty("worst_error_relative_to_elastic_energy", sci(worst));
}

// With every coupling coefficient zero, the state variables and roles
// change nothing: the same histories, bit for bit, as the plain law.
TEST(RejuvenationAging, CouplingsOffLeaveTheResponseUnchanged)
{
  const GeneralizedKelvinLaw  plain(la_s1());
  GeneralizedKelvinParameters p = la_s1();
  p.families[0].state_role      = KelvinFamily::StateRole::beta;
  p.families[1].state_role      = KelvinFamily::StateRole::anelastic;
  p.families[2].state_role      = KelvinFamily::StateRole::molecular;
  p.state.chi_g                 = 0.35;
  p.state.E_beta_eV             = 0.686;
  const GeneralizedKelvinLaw with_state(p);
  const std::string program = "jump to=25e6; hold duration=1e6 dt0=1e-3; "
                              "jump to=0; hold duration=1e7 dt0=1e-3";
  const auto        a =
      run_program(plain, PointControl::uniaxial_stress, program, 403);
  const auto b =
      run_program(with_state, PointControl::uniaxial_stress, program, 403);
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t r = 0; r < a.size(); ++r)
    {
      ASSERT_EQ(a[r].strain, b[r].strain);
      ASSERT_EQ(a[r].stress, b[r].stress);
      EXPECT_EQ(value(with_state, b[r], "chi"), 0.35);
      EXPECT_EQ(value(with_state, b[r], "E_beta_eV"), 0.686);
      EXPECT_EQ(value(with_state, b[r], "p_population"), 1.0);
    }
}

// [Zhang2023-cycling]: cycling at 365 K about a mean of 100 MPa (samples
// "100-100", "50-150", "0-200" MPa) for 2 h, then 2 h of recovery.  Cycling
// stores anelastic energy and lowers E_beta; recovery gives part of it back; a
// larger amplitude gives more anelastic strain.
TEST(RejuvenationAging, MechanicalCyclingRejuvenatesAndRecoveryGivesPartBack)
{
  const GeneralizedKelvinLaw law(cycled_glass(1e-5, 0.02));
  double                     previous_eps_an = 0.0;
  for (const double amplitude : {0.0, 50e6, 100e6})
    {
      const auto r = run_program(
          law,
          PointControl::uniaxial_stress,
          "jump to=100e6; sine mean=100e6 amplitude=" + sci(amplitude) +
              " frequency=0.1 cycles=720 steps=16; jump to=0; hold "
              "duration=7200 dt0=1e-2",
          365.0);
      // End of cycling: the last record of the sine segment (segment 2).
      std::size_t end_cycling = 0;
      for (std::size_t i = 0; i < r.size(); ++i)
        if (r[i].time <= 7200.0 + 1e-9)
          end_cycling = i;
      const double E0          = 0.92;
      const double E_cycled    = value(law, r[end_cycling], "E_beta_eV");
      const double E_recovered = value(law, r.back(), "E_beta_eV");
      const double w_cycled    = value(law, r[end_cycling], "w_stored");
      const double w_recovered = value(law, r.back(), "w_stored");
      EXPECT_LT(E_cycled, E0 - 0.05) << amplitude;
      EXPECT_GT(E_recovered, E_cycled) << amplitude;
      EXPECT_LT(E_recovered, E0) << amplitude;
      EXPECT_GT(w_cycled, 0.0);
      EXPECT_LT(w_recovered, w_cycled);
      EXPECT_GT(w_recovered, 0.0);
      const double eps_an = value(law, r[end_cycling], "eps_eq_anelastic");
      EXPECT_GT(eps_an, previous_eps_an) << amplitude;
      previous_eps_an = eps_an;
      RecordProperty("E_beta_cycled_" + sci(amplitude), sci(E_cycled));
      RecordProperty("E_beta_recovered_" + sci(amplitude), sci(E_recovered));
      RecordProperty("eps_an_cycled_" + sci(amplitude), sci(eps_an));
    }
}

// [Zhang2023-beta] Sec. 2: beta training, a 0.2% strain oscillation while
// heating from 300 K to 383 K at 3 K/min (1660 s) at 0.01, 0.1, 1 and 10 Hz.
// The accumulated anelastic strain raises chi (Eq. 21), which shortens tau_an
// (Eqs. 18-20): the mean anelastic time at 403 K falls with the training
// frequency, as in Table 1 (2.34e7 s at 0.01 Hz to 1.53e6 s at 10 Hz).
TEST(RejuvenationAging, FasterTrainingGivesShorterAnelasticTimes)
{
  GeneralizedKelvinParameters p = la_s1();
  p.families[0].state_role      = KelvinFamily::StateRole::beta;
  p.families[1].state_role      = KelvinFamily::StateRole::anelastic;
  p.families[2].state_role      = KelvinFamily::StateRole::molecular;
  // beta times Arrhenius as in inputs/materials/La..._S1.prm
  p.families[0].temperature.kind = TemperatureLaw::Kind::arrhenius;
  p.families[0].temperature.reference_temperature = 403.0;
  p.families[0].temperature.activation_energy_eV  = 0.686;
  p.state.chi_g                                   = 0.35;
  p.state.A_an                                    = 0.02;
  p.state.E_beta_eV                               = 0.686;
  const GeneralizedKelvinLaw law(p);
  double                     previous = HUGE_VAL;
  for (const double f : {0.01, 0.1, 1.0, 10.0})
    {
      const unsigned int cycles =
          static_cast<unsigned int>(std::lround(1660.0 * f));
      const auto r =
          run_program(law,
                      PointControl::uniaxial_strain,
                      "sine mean=0 amplitude=2e-3 frequency=" + sci(f) +
                          " cycles=" + std::to_string(cycles) +
                          " steps=" + (f > 1.0 ? "6" : "12") + " T=383",
                      300.0);
      const double chi = value(law, r.back(), "chi");
      const double tau_an_shift =
          law.state_log_shift(1, chi, value(law, r.back(), "E_beta_eV"), 403.0);
      EXPECT_LT(tau_an_shift, previous) << f;
      previous = tau_an_shift;
      RecordProperty("tau_an_factor_" + sci(f), sci(std::exp(tau_an_shift)));
      RecordProperty("chi_" + sci(f), sci(chi));
    }
}

// [Atzmon2023] Sec. 9: aging at room temperature lowers the population of
// potential STZs and raises the time constants, so a later creep test
// shows less anelastic strain.  Al STZ hierarchy, aging time 1e6 s at
// 295 K; a 1e7 s aging hold against none, then 1e5 s of creep at 100 MPa.
TEST(RejuvenationAging, RoomTemperatureAgingLowersLaterAnelasticStrain)
{
  GeneralizedKelvinParameters p = al_stz();
  p.families[0].state_role      = KelvinFamily::StateRole::beta;
  p.state.E_beta_eV             = 0.9;
  p.state.E_beta_equilibrium_eV = 0.95;
  p.state.p_aged                = 0.7;
  p.state.aging_time            = 1e6;
  const GeneralizedKelvinLaw law(p);
  const auto                 creep = [&](const double aging) {
    const auto r = run_program(law,
                               PointControl::uniaxial_stress,
                               "hold duration=" + sci(aging) +
                                   " dt0=1; jump to=100e6; hold "
                                                   "duration=1e5 dt0=1e-3",
                               295.0);
    return std::make_pair(value(law, r.back(), "eps_an_eq"),
                          value(law, r.back(), "p_population"));
  };
  const auto fresh = creep(1.0);
  const auto aged  = creep(1e7);
  EXPECT_LT(aged.first, 0.8 * fresh.first);
  EXPECT_LT(aged.second, fresh.second);
  // p relaxes exactly: 0.7 + 0.3 exp(-t/tau_alpha).
  EXPECT_NEAR(aged.second, 0.7 + 0.3 * std::exp(-(1e7 + 1e5) / 1e6), 1e-12);
  RecordProperty("eps_an_fresh", sci(fresh.first));
  RecordProperty("eps_an_aged", sci(aged.first));
}
