// Reading the generalized Kelvin law (material/kelvin_law.h) from a
// material file: its entries in subsection Material (dashpot, subsections
// Dashpot and State) and one `Family NAME` subsection per family.
#include <deal.II/base/parameter_handler.h>

#include "material/kelvin_law.h"
#include "solver/law_input.h"

namespace mgrelax
{
  using dealii::ParameterHandler;
  namespace Patterns = dealii::Patterns;

  namespace
  {
    void
    declare_family(ParameterHandler &prm)
    {
      prm.declare_entry("kind",
                        "recoverable",
                        Patterns::Selection("recoverable|viscoplastic"),
                        "recoverable: Kelvin-Voigt units (beta, anelastic); "
                        "viscoplastic: saturating units that do not recover "
                        "([Zhang2023-beta] Eq. 25).");
      prm.declare_entry(
          "compliance increment",
          "0",
          Patterns::Double(),
          "The family's total compliance increment dJ in 1/Pa "
          "([Zhang2023-beta] Eq. 28).  Ignored for STZ spectra, where "
          "dJ = sum c_n / E ([Atzmon2023] Eqs. 4-6).");
      prm.declare_entry("spectrum",
                        "Gumbel",
                        Patterns::Selection("Gumbel|list|STZ"),
                        "How the times and weights are given.");
      // Gumbel
      prm.declare_entry(
          "B",
          "0.5",
          Patterns::Double(),
          "Gumbel: distribution factor B in (0, 1] ([Zhang2023-beta] "
          "Eq. 9).");
      prm.declare_entry("mean time",
                        "1",
                        Patterns::Double(),
                        "Gumbel: the time tau_bar (s) at the reference "
                        "temperature, where the weights peak.");
      prm.declare_entry("units",
                        "20",
                        Patterns::Integer(),
                        "Gumbel: number of discrete units, in [3, 1000].");
      prm.declare_entry("span",
                        "0",
                        Patterns::Double(),
                        "Gumbel: decades covered by the units; 0 = automatic "
                        "(end weights below 'truncation' of the peak).");
      prm.declare_entry("truncation",
                        "1e-4",
                        Patterns::Double(),
                        "Gumbel: weight, relative to the peak, at which the "
                        "automatic grid ends.");
      // List
      prm.declare_entry("times",
                        "",
                        Patterns::Anything(),
                        "list: comma-separated times tau_i (s) at the "
                        "reference temperature.");
      prm.declare_entry("weights",
                        "",
                        Patterns::Anything(),
                        "list: comma-separated weights (normalized to sum 1).");
      // STZ hierarchy
      prm.declare_entry(
          "n min",
          "14",
          Patterns::Integer(),
          "STZ: smallest STZ size in atoms ([Atzmon2023] Sec. 4).");
      prm.declare_entry("n max",
                        "21",
                        Patterns::Integer(),
                        "STZ: largest STZ size in atoms.");
      prm.declare_entry(
          "volume fractions",
          "",
          Patterns::Anything(),
          "STZ: comma-separated c_n, one per n ([Atzmon2023] Eq. 6).");
      prm.declare_entry("atomic volume",
                        "16.6e-30",
                        Patterns::Double(),
                        "STZ: atomic volume in m^3 (Al: 16.6e-30).");
      prm.declare_entry("transformation strain",
                        "0.2",
                        Patterns::Double(),
                        "STZ: unconstrained transformation strain gamma0^T.");
      prm.declare_entry("STZ shear resistance / mu",
                        "0.025",
                        Patterns::Double(),
                        "STZ: sigma_STZ / mu in [Atzmon2023] Eq. 2.");
      prm.declare_entry("beta2",
                        "1",
                        Patterns::Double(),
                        "STZ: dilatation factor beta^2 in [Atzmon2023] Eq. 2.");
      prm.declare_entry(
          "attempt frequency",
          "1e13",
          Patterns::Double(),
          "STZ: attempt frequency nu_G in 1/s ([Atzmon2023] Eq. 9).");
      // Nonlinear kinetics
      prm.declare_entry("kinetics",
                        "linear",
                        Patterns::Selection("linear|sinh"),
                        "Stress dependence of the units' rate (recoverable "
                        "families): linear, or sinh of the net stress on each "
                        "unit's dashpot ([Atzmon2023] Eq. 1).");
      prm.declare_entry("activation volume",
                        "0",
                        Patterns::Double(),
                        "sinh kinetics of a Gumbel or list spectrum: the "
                        "activation volume V = gamma0^T Omega in m^3 "
                        "(sigma0 = 2 sqrt(3) kT / V).  STZ spectra use "
                        "gamma0^T n Omega_atom.");
      prm.declare_entry(
          "barrier stress",
          "0",
          Patterns::Double(),
          "sigma0 of the stress-lowered barrier of [Zhang2023-beta] "
          "Eq. 17, a shear stress (Pa): the unit's net von Mises stress "
          "over sqrt(3) is compared with it; 0 = off.");
      prm.declare_entry("barrier energy",
                        "0",
                        Patterns::Double(),
                        "E in [Zhang2023-beta] Eq. 17 (eV); 0 = the Arrhenius "
                        "activation energy, or dF_n for an STZ spectrum.");
      prm.declare_entry(
          "state role",
          "none",
          Patterns::Selection("none|beta|molecular|anelastic"),
          "How the point's state (subsection Material/State) "
          "moves the times: beta ~ exp(E_beta/kT) ([Zhang2023-beta] "
          "Eq. 14), molecular ~ tau_mol (Eqs. 18-19), "
          "anelastic ~ tau_an (Eq. 20); relative to the "
          "reference state.");
      declare_temperature_law(prm);
    }

    void
    declare_state(ParameterHandler &prm)
    {
      prm.enter_subsection("State");
      prm.declare_entry(
          "chi_g",
          "0",
          Patterns::Double(),
          "QPD correlation factor of the reference state "
          "([Zhang2023-beta] Eq. 21; 0.3-0.44 below Tg); 0 = no chi.");
      prm.declare_entry(
          "A_an",
          "0",
          Patterns::Double(),
          "d(chi)/d(gamma_an), gamma_an the accumulated "
          "equivalent anelastic shear strain ([Zhang2023-beta] Eq. 21).");
      prm.declare_entry(
          "chi saturation",
          "0",
          Patterns::Double(),
          "chi_s, the scale on which the anelastic creation of QPDs "
          "saturates: d(chi)/d(gamma_an) = A_an exp(-chi_an/chi_s), so "
          "chi_an = chi_s ln(1 + A_an gamma_an/chi_s); 0 = no saturation "
          "(chi_an = A_an gamma_an, [Zhang2023-beta] Eq. 21 as printed).");
      prm.declare_entry("A_vp",
                        "0",
                        Patterns::Double(),
                        "-d(chi)/d(gamma_vp) ([Zhang2023-beta] Eq. 21).");
      prm.declare_entry(
          "chi_T",
          "0",
          Patterns::Double(),
          "d(chi)/dT above Tg in 1/K ([Zhang2023-beta] Eq. 21's chi0; "
          "[Zhang2023-cooling]: 3-6e-3).");
      prm.declare_entry("Tg", "0", Patterns::Double(), "Glass transition (K).");
      prm.declare_entry("E_beta",
                        "0",
                        Patterns::Double(),
                        "Initial and reference E_beta in eV ([Zhang2023-beta] "
                        "Eq. 14); 0 = no E_beta state.");
      prm.declare_entry(
          "beta crossover temperature",
          "566.67",
          Patterns::Double(),
          "T_c of [Zhang2023-beta] Eq. 14 (K): every energetic state has "
          "the same beta time at T_c, so a change dE of E_beta shifts ln "
          "tau_beta by dE (1/kT - 1/kT_c).");
      prm.declare_entry("E_beta equilibrium",
                        "0",
                        Patterns::Double(),
                        "E_beta that aging approaches (eV); 0 = no drift.");
      prm.declare_entry("rejuvenation coefficient",
                        "0",
                        Patterns::Double(),
                        "k_r: lowering of E_beta per stored anelastic energy, "
                        "eV per J/m^3.");
      prm.declare_entry(
          "irreversible rejuvenation coefficient",
          "0",
          Patterns::Double(),
          "k_v: lasting lowering of E_beta per work done on the "
          "irreversible (viscoplastic) strain, eV per J/m^3; only aging "
          "takes it back.");
      prm.declare_entry("p aged",
                        "1",
                        Patterns::Double(),
                        "Potential-STZ population that aging approaches "
                        "([Atzmon2023] Sec. 9), in (0, 1]; p starts at 1.");
      prm.declare_entry(
          "p size exponent",
          "0",
          Patterns::Double(),
          "a in p_n = p^((n / n_max)^a), the population kept by the STZs of "
          "n atoms: aging thins the largest (slowest) STZs most "
          "([Atzmon2023] Sec. 9), in [0, 20]; 0 = p for every size.  "
          "Gumbel and list families keep p.");
      prm.declare_entry(
          "modulus rise aged",
          "0",
          Patterns::Double(),
          "Relative rise delta of E and mu that aging approaches at the "
          "rate 1/tau_alpha ([Atzmon2023] Sec. 9): it raises every dF_n "
          "of Eq. 2 by delta dF_n, in [0, 0.5]; 0 = no modulus aging.");
      prm.declare_entry("aging time",
                        "0",
                        Patterns::Double(),
                        "tau_alpha (s) at the aging reference temperature: "
                        "E_beta, p and the modulus rise relax at the rate "
                        "1/tau_alpha; 0 = no aging.");
      prm.enter_subsection("Aging");
      declare_temperature_law(prm);
      prm.leave_subsection();
      prm.leave_subsection();
    }

    material::RejuvenationAgingParameters
    parse_state(ParameterHandler &prm)
    {
      material::RejuvenationAgingParameters a;
      prm.enter_subsection("State");
      a.chi_g                 = prm.get_double("chi_g");
      a.A_an                  = prm.get_double("A_an");
      a.chi_saturation        = prm.get_double("chi saturation");
      a.A_vp                  = prm.get_double("A_vp");
      a.chi_T                 = prm.get_double("chi_T");
      a.Tg                    = prm.get_double("Tg");
      a.E_beta_eV             = prm.get_double("E_beta");
      a.E_beta_equilibrium_eV = prm.get_double("E_beta equilibrium");
      a.beta_crossover_temperature =
          prm.get_double("beta crossover temperature");
      a.rejuvenation = prm.get_double("rejuvenation coefficient");
      a.irreversible_rejuvenation =
          prm.get_double("irreversible rejuvenation coefficient");
      a.p_aged                   = prm.get_double("p aged");
      a.aging_time               = prm.get_double("aging time");
      a.population_size_exponent = prm.get_double("p size exponent");
      a.modulus_rise_aged        = prm.get_double("modulus rise aged");
      prm.enter_subsection("Aging");
      a.aging_temperature = parse_temperature_law(prm);
      prm.leave_subsection();
      prm.leave_subsection();
      return a;
    }

    material::KelvinFamily
    parse_family(const ParameterHandler &prm, const std::string &name)
    {
      using material::KelvinFamily;
      KelvinFamily f;
      f.name                     = name;
      f.kind                     = prm.get("kind") == "viscoplastic"
                                       ? KelvinFamily::Kind::viscoplastic
                                       : KelvinFamily::Kind::recoverable;
      f.compliance_increment     = prm.get_double("compliance increment");
      const std::string spectrum = prm.get("spectrum");
      f.spectrum         = spectrum == "list" ? KelvinFamily::SpectrumKind::list
                           : spectrum == "STZ" ? KelvinFamily::SpectrumKind::stz
                                               : KelvinFamily::SpectrumKind::gumbel;
      f.gumbel.B         = prm.get_double("B");
      f.gumbel.mean_time = prm.get_double("mean time");
      const long units   = prm.get_integer("units");
      f.gumbel.units     = units < 0 ? 0u : static_cast<unsigned>(units);
      f.gumbel.span_decades   = prm.get_double("span");
      f.gumbel.truncation     = prm.get_double("truncation");
      f.list_times            = parse_doubles(prm, "times");
      f.list_weights          = parse_doubles(prm, "weights");
      const long n_min        = prm.get_integer("n min");
      const long n_max        = prm.get_integer("n max");
      f.stz.n_min             = n_min < 0 ? 0u : static_cast<unsigned>(n_min);
      f.stz.n_max             = n_max < 0 ? 0u : static_cast<unsigned>(n_max);
      f.stz.volume_fractions  = parse_doubles(prm, "volume fractions");
      f.stz.atomic_volume     = prm.get_double("atomic volume");
      f.stz.gamma0_T          = prm.get_double("transformation strain");
      f.stz.sigma_stz_over_mu = prm.get_double("STZ shear resistance / mu");
      f.stz.beta2             = prm.get_double("beta2");
      f.stz.attempt_frequency = prm.get_double("attempt frequency");
      f.temperature           = parse_temperature_law(prm);
      f.kinetics              = prm.get("kinetics") == "sinh"
                                    ? KelvinFamily::Kinetics::sinh
                                    : KelvinFamily::Kinetics::linear;
      f.activation_volume     = prm.get_double("activation volume");
      f.barrier_stress        = prm.get_double("barrier stress");
      f.barrier_energy_eV     = prm.get_double("barrier energy");
      const std::string role  = prm.get("state role");
      f.state_role            = role == "beta" ? KelvinFamily::StateRole::beta
                                : role == "molecular" ? KelvinFamily::StateRole::molecular
                                : role == "anelastic" ? KelvinFamily::StateRole::anelastic
                                                      : KelvinFamily::StateRole::none;
      return f;
    }

    // Inside subsection Material.
    void
    declare_kelvin_material(ParameterHandler &prm)
    {
      prm.declare_entry(
          "modulus slope",
          "0",
          Patterns::Double(),
          "E(T) = E0 (1 + slope <T - knee>) in 1/K, in [-0.01, 0.01]: the "
          "linear fall of the modulus above Tg ([Atzmon2023] Sec. 6); it "
          "sets the elastic stiffness, the mu of [Atzmon2023] Eqs. 2 and 9 "
          "and the STZ compliances c_n / E(T).  0 = E independent of T.");
      prm.declare_entry("modulus knee temperature",
                        "0",
                        Patterns::Double(),
                        "The temperature (K) above which 'modulus slope' "
                        "acts (Tg); below it E = E0 ('Young's modulus').");
      prm.declare_entry("dashpot viscosity",
                        "0",
                        Patterns::Double(),
                        "Uniaxial viscosity eta of the linear dashpot in "
                        "Pa s ([Zhang2023-cycling] Eq. 2); 0 = no dashpot.");
      prm.enter_subsection("Dashpot");
      declare_temperature_law(prm);
      prm.leave_subsection();
      declare_state(prm);
    }

    std::unique_ptr<material::MaterialLaw>
    read_kelvin(ParameterHandler &prm, const CommonMaterialEntries &common)
    {
      material::GeneralizedKelvinParameters p;
      p.youngs_modulus = common.youngs_modulus;
      p.poissons_ratio = common.poissons_ratio;
      prm.enter_subsection("Material");
      p.dashpot_viscosity        = prm.get_double("dashpot viscosity");
      p.modulus_slope            = prm.get_double("modulus slope");
      p.modulus_knee_temperature = prm.get_double("modulus knee temperature");
      prm.enter_subsection("Dashpot");
      p.dashpot_temperature = parse_temperature_law(prm);
      prm.leave_subsection();
      p.state = parse_state(prm);
      prm.leave_subsection();
      for (const std::string &name : common.families)
        {
          prm.enter_subsection("Family " + name);
          p.families.push_back(parse_family(prm, name));
          prm.leave_subsection();
        }
      return std::make_unique<material::GeneralizedKelvinLaw>(p);
    }
  } // namespace

  LawReader
  generalized_kelvin_reader()
  {
    return {"generalized Kelvin",
            declare_kelvin_material,
            declare_family,
            read_kelvin};
  }
} // namespace mgrelax
