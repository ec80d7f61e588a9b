// Time stepping through a load program (see point_driver.h for the segment
// grammar): the imposed value and temperature at each step, log-spaced
// steps inside ramps and holds, exact phases in sinusoids, and cut-backs
// when a step fails.  Shared by the material-point driver and the
// finite-element solver.
#pragma once

#include <array>
#include <vector>

#include "material/point_driver.h"

namespace mgrelax::material
{
  struct ProgramStep
  {
    unsigned int          segment; // 0-based
    double                time;    // at the end of the step
    double                dt;
    std::array<double, 6> value;           // imposed value at the end
    double                temperature;     // at the end
    bool                  last_in_segment; // ends exactly on the segment's end
  };

  // The number of steps a program takes without cut-backs (jumps 1,
  // ramps and holds from dt0 growing by `growth`, periodic segments their
  // cycles times steps), to refuse one that cannot finish.
  double
  estimated_steps(const std::vector<LoadSegment> &segments);

  // The most steps a program may take (a run of the point driver at 1e4
  // steps a second takes 17 minutes; a finite-element run days).
  constexpr double max_program_steps = 1e7;

  // Throws std::invalid_argument "the load program takes about N steps,
  // more than 1e7 ..." (naming the segment that takes the most) beyond
  // max_program_steps; returns the estimate.
  double
  check_step_count(const std::vector<LoadSegment> &segments);

  class LoadProgram
  {
  public:
    LoadProgram(std::vector<LoadSegment>     segments,
                double                       initial_temperature,
                const std::array<double, 6> &initial_value = {});

    bool
    finished() const;

    // The next step at the current step size.
    ProgramStep
    next() const;

    // The step returned by next() was accepted.
    void
    accept();

    // The step returned by next() failed: shrink it by `factor` (clamped to
    // [0.1, 0.5]).  Throws std::runtime_error when the step cannot be cut
    // (a jump) or after 30 cuts in a row.
    void
    cut(double factor);

    unsigned int
    n_cutbacks() const
    {
      return n_cutbacks_;
    }

    // Where the program stands (after the last accepted step) as plain
    // numbers, for checkpoints; restore_state() continues from them, and
    // throws std::invalid_argument if they are not a state of this
    // program (another number of segments).
    std::vector<double>
    state() const;
    void
    restore_state(const std::vector<double> &state);

  private:
    void
    start_segment();
    double
    segment_duration() const;

    std::vector<LoadSegment> segments_;
    unsigned int             segment_ = 0;
    // State at the start of the current segment.
    double                segment_start_time_ = 0.0;
    double                segment_start_temperature_;
    std::array<double, 6> segment_start_value_;
    // State at the end of the last accepted step.
    double                time_ = 0.0;
    double                temperature_;
    std::array<double, 6> value_;
    double                tau_              = 0.0; // time within the segment
    double                dt_               = 0.0; // next step size
    unsigned int          consecutive_cuts_ = 0;
    unsigned int          n_cutbacks_       = 0;
  };
} // namespace mgrelax::material
