// Parameter sets shared by the material tests.
#pragma once

#include "material/kelvin_law.h"
#include "material/point_driver.h"
#include "tests/material/closed_forms.h"

#include <cstdio>
#include <string>
#include <vector>

namespace mgrelax::testing
{
  using namespace mgrelax::material;

  // A number in scientific notation, for RecordProperty.
  inline std::string
  sci(const double value)
  {
    char buffer[32];
    std::snprintf(buffer, sizeof(buffer), "%.3e", value);
    return buffer;
  }

  inline KelvinFamily
  gumbel_family(const std::string       &name,
                const double             B,
                const double             mean_time,
                const double             dJ,
                const unsigned int       units = 20,
                const KelvinFamily::Kind kind = KelvinFamily::Kind::recoverable)
  {
    KelvinFamily f;
    f.name                 = name;
    f.kind                 = kind;
    f.compliance_increment = dJ;
    f.spectrum             = KelvinFamily::SpectrumKind::gumbel;
    f.gumbel.B             = B;
    f.gumbel.mean_time     = mean_time;
    f.gumbel.units         = units;
    return f;
  }

  inline KelvinFamily
  list_family(const std::string         &name,
              const std::vector<double> &times,
              const std::vector<double> &weights,
              const double               dJ)
  {
    KelvinFamily f;
    f.name                 = name;
    f.compliance_increment = dJ;
    f.spectrum             = KelvinFamily::SpectrumKind::list;
    f.list_times           = times;
    f.list_weights         = weights;
    return f;
  }

  // One list family with total compliance dJ = ratio / E: the linear
  // viscoelastic solid the solver tests use.
  inline GeneralizedKelvinParameters
  one_family_solid(const std::vector<double> &times,
                   const std::vector<double> &weights,
                   const double               ratio,
                   const double               E  = 50e9,
                   const double               nu = 0.32)
  {
    GeneralizedKelvinParameters p;
    p.youngs_modulus = E;
    p.poissons_ratio = nu;
    p.families       = {list_family("anelastic", times, weights, ratio / E)};
    return p;
  }

  // La30Ce30Ni10Al20Co10 S1 ([Zhang2023-beta] Table 1) at its reference
  // temperature; the compliance increments are the assumptions of
  // inputs/materials/La30Ce30Ni10Al20Co10_S1.prm.
  inline GeneralizedKelvinParameters
  la_s1(const bool viscoplastic_family = true)
  {
    GeneralizedKelvinParameters p;
    p.youngs_modulus = 38e9;
    p.poissons_ratio = 0.36;
    p.families       = {gumbel_family("beta", 0.36, 0.15, 1.3e-12),
                        gumbel_family("anelastic", 0.46, 2.34e7, 1.3e-11),
                        gumbel_family("viscoplastic",
                                0.58,
                                2.19e8,
                                2.6e-11,
                                20,
                                viscoplastic_family
                                          ? KelvinFamily::Kind::viscoplastic
                                          : KelvinFamily::Kind::recoverable)};
    return p;
  }

  // Al86.8Ni3.7Y9.5, the STZ hierarchy of
  // inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm ([Atzmon2023] Eqs. 2 and 9), with
  // the given kinetics.
  inline GeneralizedKelvinParameters
  al_stz(const KelvinFamily::Kinetics kinetics = KelvinFamily::Kinetics::sinh)
  {
    GeneralizedKelvinParameters p;
    p.youngs_modulus = 50.312e9;
    p.poissons_ratio = 0.324;
    KelvinFamily f;
    f.name                 = "stz";
    f.spectrum             = KelvinFamily::SpectrumKind::stz;
    f.stz.n_min            = 14;
    f.stz.n_max            = 21;
    f.stz.volume_fractions = {
        0.010, 0.012, 0.015, 0.020, 0.025, 0.030, 0.040, 0.058};
    f.kinetics = kinetics;
    p.families = {f};
    return p;
  }

  // Runs a load program and returns the records (with a copy of the
  // internal state).
  struct Record
  {
    double              time, temperature;
    Vector6             strain, stress;
    std::vector<double> internal;
  };

  inline std::vector<Record>
  run_program(const MaterialLaw &law,
              const PointControl control,
              const std::string &program,
              const double       temperature = 300.0)
  {
    const unsigned int n_values =
        control == PointControl::uniaxial_stress ||
                control == PointControl::uniaxial_strain
            ? 1
            : 6;
    PointDriver         driver(law, control, temperature);
    std::vector<Record> records;
    const unsigned int  n = law.description().internal_state_size();
    driver.run(
        parse_load_program(program, n_values), [&](const PointRecord &r) {
          records.push_back({r.time,
                             r.temperature,
                             r.strain,
                             r.stress,
                             std::vector<double>(r.internal, r.internal + n)});
        });
    return records;
  }
} // namespace mgrelax::testing
