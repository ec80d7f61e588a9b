// Storage and loss moduli per cycle of the sine segments of a load program,
// as a DMA reports them ([Zhang2023-beta] Eqs. 1-6): one algorithm for the
// material-point driver (stress and strain of the point) and the
// finite-element bending experiments (load and deflection, with a beam
// factor).
//
// Over each full cycle k of a sine segment of frequency f (period P,
// phi = 2 pi f (t - t_k), t_k the cycle's start), the first Fourier
// coefficients of the "stress-like" signal s(t) and of the "strain-like"
// signal e(t),
//   x* = (2/P) int x~(t) [sin(phi) + i cos(phi)] dt,
// with x~ the cycle's values less the straight line through its two end
// values (the drift over the cycle: creep under a mean load, a temperature
// ramp), give the complex modulus E* = K s*/e* = E' + i E'' and
// tan(delta) = E''/E', delta the phase lag of e behind s.  K is a scale
// factor: 1 for stress and strain, the beam factor (x^3/(3 I) for a
// cantilever, L^3/(48 I) for three-point bending) for load and deflection.
// The integrals are trapezoidal sums over the cycle's samples: spectrally
// accurate on the equal steps of a sine segment (a step cut back in a
// cycle makes that cycle second-order accurate).
#pragma once

#include <ostream>
#include <vector>

#include "material/point_driver.h"
#include "material/record_table.h"

namespace mgrelax::material
{
  struct CycleModuli
  {
    // Index of the segment in the load program as written, from 0.
    unsigned int segment;
    // Index of the cycle within its segment, from 0.
    unsigned int cycle;
    double       time;        // middle of the cycle, s
    double       temperature; // mean over the cycle (trapezoidal), K
    double       frequency;   // Hz
    double       storage;     // E', Pa (times K's units)
    double       loss;        // E''
    double       tan_delta;   // E'' / E'
  };

  // The samples of a run of `program`: sample 0 is the initial state (its
  // `segment` entry is not used), sample i > 0 the end of an accepted step
  // of segment `segment[i]` (0-based, as in ProgramStep).  A sine segment
  // starts at the last sample before its first step.  Every cycle that the
  // samples cover completely (with at least 4 steps) gives one entry, in
  // the order of the program.
  std::vector<CycleModuli>
  cycle_moduli(const std::vector<LoadSegment>  &program,
               const std::vector<unsigned int> &segment,
               const std::vector<double>       &time,
               const std::vector<double>       &stress,
               const std::vector<double>       &strain,
               const std::vector<double>       &temperature,
               double                           factor = 1.0);

  // The CSV of the per-cycle moduli (NAME_dma.csv of `mgrelax point` and
  // `mgrelax run`), header
  //   segment,cycle,time,temperature,frequency,E_storage,E_loss,tan_delta
  // and one row per entry, numbers in their shortest round-trip form.
  void
  write_cycle_moduli_csv(std::ostream                   &out,
                         const std::vector<CycleModuli> &cycles);

  // The same as a self-describing table (the one definition of the DMA
  // columns).
  RecordTable
  cycle_moduli_table(const std::vector<CycleModuli> &cycles);

  // Collects the xx components of the records of PointDriver::run (feed it
  // every record, in order) for cycle_moduli().
  class CycleModulus
  {
  public:
    explicit CycleModulus(const std::vector<LoadSegment> &program);

    void
    add(const PointRecord &record);

    // cycle_moduli() of the records added so far.
    std::vector<CycleModuli>
    rows() const;

  private:
    std::vector<LoadSegment>  program_;
    std::vector<unsigned int> segment_;
    std::vector<double>       time_, temperature_, stress_, strain_;
  };
} // namespace mgrelax::material
