// Step generation of load programs: sines take exactly `steps` equal steps
// per cycle and end on the segment's end; holds grow geometrically and end
// exactly; cut steps are redone shorter.
#include <gtest/gtest.h>

#include <cmath>

#include "material/load_program.h"

using namespace mgrelax::material;

namespace
{
  std::vector<ProgramStep>
  all_steps(const std::string &program)
  {
    LoadProgram              steps(parse_load_program(program, 1), 300.0);
    std::vector<ProgramStep> result;
    while (!steps.finished())
      {
        result.push_back(steps.next());
        steps.accept();
        if (result.size() > 1000000)
          break;
      }
    return result;
  }
} // namespace

TEST(LoadProgram, SineTakesExactlyStepsPerCycleAndEndsOnTheEnd)
{
  // f S cycles where k / (f S) rounds just below the end for the last k
  // (found by a review: 225 steps instead of 224, the last 3e-14 long).
  unsigned int n_checked = 0;
  for (double f = 0.37; f < 40.0; f *= 1.0371)
    for (const unsigned int cycles : {1u, 3u, 7u})
      for (const unsigned int S : {16u, 32u, 64u})
        {
          char program[160];
          std::snprintf(program,
                        sizeof(program),
                        "sine mean=0 amplitude=1 frequency=%.17g cycles=%u "
                        "steps=%u",
                        f,
                        cycles,
                        S);
          const auto   steps  = all_steps(program);
          const double period = 1.0 / (f * S);
          ASSERT_EQ(steps.size(), cycles * S) << program;
          for (const ProgramStep &s : steps)
            ASSERT_NEAR(s.dt / period, 1.0, 1e-9) << program;
          EXPECT_EQ(steps.back().time, cycles / f) << program;
          ++n_checked;
        }
  EXPECT_GT(n_checked, 500u);
  const auto steps =
      all_steps("sine mean=0 amplitude=1 frequency=2.38716 cycles=7 steps=32");
  EXPECT_EQ(steps.size(), 224u);
}

TEST(LoadProgram, HoldStepsGrowTwentyPerDecadeAndEndExactly)
{
  const auto steps = all_steps("jump to=1; hold duration=1e4 dt0=1e-3");
  EXPECT_EQ(steps.front().dt, 0.0);
  EXPECT_EQ(steps.back().time, 1e4);
  for (std::size_t i = 2; i + 1 < steps.size(); ++i)
    EXPECT_NEAR(steps[i].dt / steps[i - 1].dt, std::pow(10.0, 0.05), 1e-12);
  // No sliver at the end: the last step is at least half the one before.
  EXPECT_GT(steps.back().dt, 0.5 * steps[steps.size() - 2].dt);
}

TEST(LoadProgram, CutStepsAreRedoneShorter)
{
  LoadProgram  steps(parse_load_program("hold duration=10 dt0=1 growth=1", 1),
                    300.0);
  const double first = steps.next().dt;
  steps.cut(0.25);
  EXPECT_NEAR(steps.next().dt, 0.25 * first, 1e-15);
  steps.cut(0.9); // clamped to 0.5
  EXPECT_NEAR(steps.next().dt, 0.125 * first, 1e-15);
  LoadProgram jump(parse_load_program("jump to=1", 1), 300.0);
  EXPECT_THROW(jump.cut(0.5), std::runtime_error);
}

// A triangle wave is at a constant rate 4 A f between its corners, which
// fall on step ends: mean at phase 0, mean + A at 1/4, mean - A at 3/4
// ([Zhang2023-cycling]'s 50 MPa/min between 0 and 200 MPa: f = 1/480 Hz).
TEST(LoadProgram, TriangleRunsAtConstantRateBetweenCornersOnStepEnds)
{
  const double mean = 100e6, A = 100e6, f = 1.0 / 480.0;
  char         program[120];
  std::snprintf(program,
                sizeof(program),
                "triangle mean=100e6 amplitude=100e6 frequency=%.17g "
                "cycles=3 steps=8",
                f);
  const auto steps = all_steps(program);
  ASSERT_EQ(steps.size(), 24u);
  double previous_time = 0.0, previous_value = mean;
  for (const ProgramStep &p : steps)
    {
      const double phase    = std::fmod(p.time * f, 1.0);
      const double expected = phase < 0.25   ? mean + 4.0 * A * phase
                              : phase < 0.75 ? mean + A * (2.0 - 4.0 * phase)
                                             : mean + A * (4.0 * phase - 4.0);
      EXPECT_NEAR(p.value[0], expected, 1e-6 * A) << p.time;
      // |d sigma / dt| = 4 A f = 50 MPa/min on every step.
      EXPECT_NEAR(std::abs(p.value[0] - previous_value) /
                      (p.time - previous_time),
                  4.0 * A * f,
                  1e-6 * 4.0 * A * f)
          << p.time;
      previous_time  = p.time;
      previous_value = p.value[0];
    }
  EXPECT_NEAR(4.0 * A * f * 60.0, 50e6, 1e-3);
  EXPECT_THROW(
      parse_load_program(
          "triangle mean=0 amplitude=1 frequency=1 cycles=1 steps=6", 1),
      std::invalid_argument);
}

// A segment's temperature is bounded to [1, 5000] K: 1e-300 K (which made
// every relaxation time infinite) and 1e4 K are refused naming the segment,
// the key and the range; the bounds themselves are accepted and reached.
TEST(LoadProgram, SegmentTemperatureIsBounded)
{
  const auto message_of = [](const std::string &program) {
    try
      {
        parse_load_program(program, 1);
      }
    catch (const std::invalid_argument &e)
      {
        return std::string(e.what());
      }
    return std::string("(accepted)");
  };
  EXPECT_EQ(message_of("hold duration=1; ramp to=0 duration=1 T=1e-300"),
            "load segment 2 ('ramp to=0 duration=1 T=1e-300'), key 'T': "
            "1e-300 K is outside [1, 5000] K");
  EXPECT_EQ(message_of("hold duration=1 T=1e4"),
            "load segment 1 ('hold duration=1 T=1e4'), key 'T': 10000 K is "
            "outside [1, 5000] K");
  EXPECT_EQ(message_of("hold duration=1 T=0.5"),
            "load segment 1 ('hold duration=1 T=0.5'), key 'T': 0.5 K is "
            "outside [1, 5000] K");
  for (const double T : {min_temperature, max_temperature})
    {
      const std::vector<ProgramStep> steps =
          all_steps("hold duration=1 T=" + std::to_string(T));
      EXPECT_DOUBLE_EQ(steps.back().temperature, T);
    }
}

// The up-front estimate of a program's steps (issue 16, finding 2) is the
// count of steps LoadProgram takes, within one per segment (the last step
// of a segment is trimmed to its end), for every kind of segment and the
// default step sizes.
TEST(LoadProgram, EstimatedStepsCountTheSteps)
{
  for (const char *text :
       {"hold duration=100",
        "ramp to=1 duration=3",
        "jump to=1; hold duration=1e4 dt0=1e-3 growth=1.01",
        "hold duration=7 dt0=0.1 growth=1; sine mean=0 amplitude=1 "
        "frequency=2 cycles=3 steps=16",
        "triangle mean=0 amplitude=1 frequency=1 cycles=2 steps=8; ramp "
        "to=0 duration=1 dt0=0.01 growth=1.2"})
    {
      const auto segments = mgrelax::material::parse_load_program(text, 1);
      mgrelax::material::LoadProgram program(segments, 300.0);
      double                         steps = 0;
      for (; !program.finished(); ++steps)
        {
          program.next();
          program.accept();
        }
      EXPECT_NEAR(mgrelax::material::estimated_steps(segments),
                  steps,
                  double(segments.size()))
          << text;
    }
  EXPECT_THROW(
      mgrelax::material::check_step_count(mgrelax::material::parse_load_program(
          "hold duration=1e15 dt0=1e-15 growth=1", 1)),
      std::invalid_argument);
}
