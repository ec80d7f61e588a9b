// The material-point driver (after MFront's MTest): one material point
// driven through a load program of imposed stresses or strains, with a
// temperature program, and no finite elements.  `mgrelax point` reads its
// program from a .prm file; the tests use it to compare the laws with
// closed forms.
//
// A load program is a list of segments.  Each segment changes the imposed
// value (a scalar for the uniaxial controls, six tensor components
// xx yy zz xy yz xz for the tensor controls) and the temperature, linearly
// in time unless it is periodic (a sinusoid or a triangle wave at a
// constant rate 4 A F, e.g. a DMA's constant stress rate):
//
//   jump  to=V [T=..]                     instantaneous (elastic) change
//   ramp  to=V duration=D [dt0=..] [growth=..] [T=..]
//   hold  duration=D [dt0=..] [growth=..] [T=..]
//   sine  mean=M amplitude=A frequency=F cycles=N [steps=S] [T=..]
//   triangle mean=M amplitude=A frequency=F cycles=N [steps=S] [T=..]
//
// Segments are separated by ';'.  Tensor values are six comma-separated
// numbers, e.g. to=0,0,0,1e-3,0,0.  Steps inside ramps and holds grow
// geometrically from dt0 by `growth` (defaults: hold dt0 = 1e-6 D and
// growth 10^(1/20), i.e. 20 steps per decade; ramp dt0 = D/20, growth 1);
// the last step is trimmed to end on the segment's end.  Periodic
// segments take S (default 64) equal steps per cycle and start at the mean,
// rising; a triangle's S is a multiple of 4, so that steps end on its
// corners.  T= is the temperature at the end of
// the segment (default: unchanged).
#pragma once

#include <array>
#include <functional>
#include <string>
#include <vector>

#include "material/law.h"

namespace mgrelax::material
{
  enum class PointControl
  {
    uniaxial_stress, // sigma_xx imposed, all other stresses zero
    uniaxial_strain, // eps_xx imposed, all other stresses zero
    stress_tensor,   // six stress components imposed
    strain_tensor    // six strain components imposed
  };

  // Parses "uniaxial stress", "uniaxial strain", "stress tensor",
  // "strain tensor"; throws std::invalid_argument otherwise.
  PointControl
  parse_point_control(const std::string &text);

  struct LoadSegment
  {
    enum class Kind
    {
      jump,
      ramp,
      hold,
      sine,
      triangle
    };

    bool
    periodic() const
    {
      return kind == Kind::sine || kind == Kind::triangle;
    }
    Kind                  kind = Kind::hold;
    std::array<double, 6> to{};        // jump, ramp (tensor components)
    std::array<double, 6> mean{};      // sine
    std::array<double, 6> amplitude{}; // sine
    double                duration        = 0.0;
    double                first_step      = 0.0; // 0: default
    double                growth          = 0.0; // 0: default
    double                frequency       = 0.0;
    unsigned int          cycles          = 0;
    unsigned int          steps_per_cycle = 64;
    double                end_temperature = -1.0; // < 0: unchanged
  };

  // The temperatures an input may ask for (initial temperature, a
  // segment's T=), in K: from 1 K (cryogenic; a value like 1e-300 K is a
  // typo, not an experiment) to 5000 K (above the melting point of every
  // metallic glass).  check_temperature throws std::invalid_argument
  // "WHAT: T K is outside [1, 5000] K" for any other value, NaN included.
  constexpr double min_temperature = 1.0;
  constexpr double max_temperature = 5000.0;
  double
  check_temperature(double temperature, const std::string &what);

  // Parses a load program (see above).  `n_values` is 1 for the uniaxial
  // controls and 6 for the tensor ones.  Throws std::invalid_argument with
  // a message naming the segment and the key.
  std::vector<LoadSegment>
  parse_load_program(const std::string &text, unsigned int n_values);

  struct PointRecord
  {
    unsigned int  segment;
    double        time;
    double        temperature;
    Vector6       strain; // Mandel
    Vector6       stress; // Mandel
    const double *internal;
    unsigned int  iterations;
  };

  class PointDriver
  {
  public:
    PointDriver(const MaterialLaw &law,
                PointControl       control,
                double             initial_temperature);

    // Runs the program and calls on_step after every accepted step (and
    // once for the initial state).  Throws std::runtime_error if the law
    // fails even after repeated step cuts.
    void
    run(const std::vector<LoadSegment>                 &program,
        const std::function<void(const PointRecord &)> &on_step);

    // Changes the control for the next run(), which continues from the
    // current state (its clock starts again at 0): e.g. a strain hold
    // followed by a stress-free recovery (the mandrel's release).
    void
    set_control(PointControl control);

    unsigned int n_steps            = 0;
    unsigned int n_cutbacks         = 0;
    unsigned int n_iterations       = 0;
    unsigned int max_iterations     = 25;
    double       relative_tolerance = 1e-12;

  private:
    // Solves one step to the imposed value; false if the law failed or
    // Newton did not converge (message in `why`).
    bool
    solve_step(double                       dt,
               const std::array<double, 6> &value,
               double                       temperature,
               unsigned int                &iterations,
               StepResult                  &result);

    const MaterialLaw &law_;
    PointControl       control_;
    PointState         state_;
    // Mandel components whose stress, or strain, the program imposes.
    std::vector<int> stress_controlled_, strain_controlled_;
  };
} // namespace mgrelax::material
