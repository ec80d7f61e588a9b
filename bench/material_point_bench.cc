// Point updates per second of the generalized Kelvin law: 3 Gumbel
// families x 20 units (the La30Ce30Ni10Al20Co10 S1 spectrum shape), with
// and without the consistent tangent.  Issue target: >= 1e6 updates per
// second per core for the linear law.
//
// Every iteration integrates one step of a point whose strain changes from
// step to step; dt and T are those of a step shared by all points of a
// finite-element mesh, so the per-step exponentials are cached (as in the
// solver) and the loop measures the per-point work.
#include <benchmark/benchmark.h>

#include "material/kelvin_law.h"

namespace
{
  using namespace mgrelax::material;

  GeneralizedKelvinParameters
  three_families(const bool with_viscoplastic)
  {
    GeneralizedKelvinParameters p;
    p.youngs_modulus     = 40e9;
    p.poissons_ratio     = 0.35;
    const double B[3]    = {0.36, 0.46, 0.58};
    const double tau[3]  = {0.15, 2.34e7, 2.19e8};
    const char  *name[3] = {"beta", "anelastic", "viscoplastic"};
    for (int f = 0; f < 3; ++f)
      {
        KelvinFamily family;
        family.name                 = name[f];
        family.compliance_increment = 0.2 / p.youngs_modulus;
        family.gumbel.B             = B[f];
        family.gumbel.mean_time     = tau[f];
        family.gumbel.units         = 20;
        if (f == 2 && with_viscoplastic)
          family.kind = KelvinFamily::Kind::viscoplastic;
        p.families.push_back(family);
      }
    return p;
  }

  void
  run(benchmark::State &state, const bool viscoplastic, const TangentRequest t)
  {
    const GeneralizedKelvinLaw law(three_families(viscoplastic));
    PointState                 point(law, 403.0);
    Matrix6                    tangent;
    const StepRequest          request{10.0, t, 2.0};
    double                     strain = 0.0;
    for (auto _ : state)
      {
        strain += 1e-6;
        double *eps    = point.end_strain();
        eps[0]         = strain;
        eps[1]         = -0.3 * strain;
        eps[3]         = 0.5 * strain;
        StateView  end = point.end();
        StepResult result =
            law.integrate(request, point.begin(), end, &tangent);
        benchmark::DoNotOptimize(result);
        benchmark::DoNotOptimize(tangent.data());
        point.update();
      }
    state.SetItemsProcessed(state.iterations());
  }

  void
  BM_Linear3x20_NoTangent(benchmark::State &state)
  {
    run(state, false, TangentRequest::none);
  }
  void
  BM_Linear3x20_ConsistentTangent(benchmark::State &state)
  {
    run(state, false, TangentRequest::consistent);
  }
  void
  BM_WithViscoplastic3x20_ConsistentTangent(benchmark::State &state)
  {
    run(state, true, TangentRequest::consistent);
  }
  // The Al86.8Ni3.7Y9.5 STZ hierarchy (8 units) with [Atzmon2023] Eq. 1's sinh
  // kinetics, at the cantilever's stresses (a few MPa, nearly linear) and
  // around the 0.35 cm mandrel's surface strain (strongly nonlinear).
  void
  run_stz(benchmark::State &state, const double strain_scale)
  {
    GeneralizedKelvinParameters p;
    p.youngs_modulus = 50.312e9;
    p.poissons_ratio = 0.324;
    KelvinFamily f;
    f.name                 = "stz";
    f.spectrum             = KelvinFamily::SpectrumKind::stz;
    f.stz.volume_fractions = {
        0.010, 0.012, 0.015, 0.020, 0.025, 0.030, 0.040, 0.058};
    f.kinetics = KelvinFamily::Kinetics::sinh;
    p.families = {f};
    const GeneralizedKelvinLaw law(p);
    PointState                 point(law, 295.0);
    Matrix6                    tangent;
    const StepRequest          request{10.0, TangentRequest::consistent, 2.0};
    unsigned int               step = 0;
    for (auto _ : state)
      {
        const double strain = strain_scale * (1.0 + 0.01 * (++step % 100));
        double      *eps    = point.end_strain();
        eps[0]              = strain;
        eps[1]              = -0.3 * strain;
        eps[3]              = 0.5 * strain;
        StateView  end      = point.end();
        StepResult result =
            law.integrate(request, point.begin(), end, &tangent);
        benchmark::DoNotOptimize(result);
        benchmark::DoNotOptimize(tangent.data());
        point.update();
      }
    state.SetItemsProcessed(state.iterations());
  }
  void
  BM_AlStzSinh8_SmallStrain(benchmark::State &state)
  {
    run_stz(state, 1e-4);
  }
  void
  BM_AlStzSinh8_MandrelStrain(benchmark::State &state)
  {
    run_stz(state, 0.0155);
  }
} // namespace

BENCHMARK(BM_Linear3x20_NoTangent);
BENCHMARK(BM_Linear3x20_ConsistentTangent);
BENCHMARK(BM_WithViscoplastic3x20_ConsistentTangent);
BENCHMARK(BM_AlStzSinh8_SmallStrain);
BENCHMARK(BM_AlStzSinh8_MandrelStrain);
BENCHMARK_MAIN();
