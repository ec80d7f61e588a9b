// The material contract: how any solver drives any constitutive law of
// mgrelax (after the MFront/MGIS behaviour interface, see
// doc/architecture.md, "The material contract").
//
// - A law describes itself: its gradient (the strain) and force (the
//   stress), its parameters, its internal state variables (name, kind,
//   size) and its external state variable (the temperature).  Solvers size
//   their per-point storage and name their output fields from this
//   description and never hard-code a layout.
// - Per point and time step the law reads a const begin-of-step state and
//   writes the end-of-step state.  It keeps no hidden mutable state, so
//   accepting a step is a copy end -> begin and rejecting it a copy
//   begin -> end (PointState::update() / revert()).
// - integrate() returns a status, a proposed time-step factor and a
//   message.  It never throws for a physical failure and never aborts.
// - Symmetric tensors use the Mandel convention of tensor.h.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "material/tensor.h"

namespace mgrelax::material
{
  enum class VariableKind
  {
    scalar,
    symmetric_tensor
  };

  // One named variable; `count` > 1 makes it an array (e.g. the strains of
  // the N Kelvin units of a family).
  struct Variable
  {
    std::string  name;
    VariableKind kind  = VariableKind::scalar;
    unsigned int count = 1;
    std::string  unit;
    std::string  description;

    unsigned int
    size() const
    {
      return (kind == VariableKind::scalar ? 1u : 6u) * count;
    }
  };

  struct Parameter
  {
    std::string name;
    double      value = 0.0;
    std::string unit;
  };

  struct LawDescription
  {
    std::string           name;
    Variable              gradient{"strain",
                      VariableKind::symmetric_tensor,
                      1,
                      "-",
                      "small strain (or Green-Lagrange strain)"};
    Variable              force{"stress",
                   VariableKind::symmetric_tensor,
                   1,
                   "Pa",
                   "Cauchy (or 2nd Piola-Kirchhoff) stress"};
    std::vector<Variable> internal_state;
    std::vector<Variable> external_state{
        {"temperature", VariableKind::scalar, 1, "K", "absolute temperature"}};
    std::vector<Parameter> parameters;

    // Total number of doubles of internal state per point.
    unsigned int
    internal_state_size() const;

    // Offset of a variable in the internal-state array; throws
    // std::out_of_range naming the variable if the law has no such one.
    unsigned int
    offset(const std::string &name) const;

    bool
    has_variable(const std::string &name) const;
  };

  // Begin-of-step state: everything read-only.
  struct ConstStateView
  {
    const double *strain      = nullptr; // 6 (Mandel)
    const double *stress      = nullptr; // 6 (Mandel)
    const double *internal    = nullptr; // description().internal_state_size()
    double        temperature = 0.0;     // K
  };

  // End-of-step state: the strain (the gradient) and the temperature are
  // imposed by the solver, the law writes the stress and internal state.
  struct StateView
  {
    const double *strain      = nullptr;
    double       *stress      = nullptr;
    double       *internal    = nullptr;
    double        temperature = 0.0;
  };

  enum class TangentRequest
  {
    none,
    elastic,
    consistent
  };

  enum class IntegrationStatus
  {
    success,    // converged, results reliable
    unreliable, // converged, but the step should be smaller
    failure     // no result: reject the step and retry with dt * factor
  };

  struct StepRequest
  {
    double         dt      = 0.0;
    TangentRequest tangent = TangentRequest::consistent;
    // The solver's cap on the time-step growth (MGIS's rdt on input): the
    // law never proposes more than this factor.
    double max_time_step_factor = 2.0;
  };

  struct StepResult
  {
    IntegrationStatus status = IntegrationStatus::success;
    // Proposed factor for the next time step (< 1 after a failure).
    double      time_step_factor = 1.0;
    std::string message;

    bool
    succeeded() const
    {
      return status != IntegrationStatus::failure;
    }
  };

  class MaterialLaw
  {
  public:
    virtual ~MaterialLaw() = default;

    virtual const LawDescription &
    description() const = 0;

    // Fills the internal state of a virgin point (default: zeros).
    virtual void
    initialize(double *internal) const;

    // Integrates one step from `begin` to `end`.  On request writes the
    // tangent d(stress)/d(strain) at the end of the step into *tangent.
    virtual StepResult
    integrate(const StepRequest    &request,
              const ConstStateView &begin,
              StateView            &end,
              Matrix6              *tangent) const = 0;

    // The instantaneous (unrelaxed) elastic stiffness at temperature T.
    virtual Matrix6
    elastic_stiffness(double temperature) const = 0;
  };

  // The state of one material point at the beginning and at the end of the
  // current step, stored contiguously as [strain | stress | internal].
  class PointState
  {
  public:
    // An empty state; initialize() sizes it (finite-element storage
    // default-constructs its per-point data).
    PointState() = default;
    PointState(const MaterialLaw &law, double temperature);

    // Sizes the state from the law's description and sets the virgin state.
    void
    initialize(const MaterialLaw &law, double temperature);

    ConstStateView
    begin() const;
    StateView
    end();

    // Accept the step: end -> begin.
    void
    update();
    // Reject the step: begin -> end.
    void
    revert();
    // Whether the end state (strain, stress, internal) holds no NaN or Inf.
    bool
    end_is_finite() const;
    // The whole begin state [strain | stress | internal], to save it, and
    // to set it (begin and end, for a replay); set_begin throws
    // std::invalid_argument if the size is not the law's.
    const std::vector<double> &
    begin_values() const
    {
      return begin_;
    }
    const std::vector<double> &
    end_values() const
    {
      return end_;
    }
    void
    set_begin(const std::vector<double> &values, double temperature);

    double *
    end_strain()
    {
      return end_.data();
    }
    const double *
    end_stress() const
    {
      return end_.data() + 6;
    }
    const double *
    end_internal() const
    {
      return end_.data() + 12;
    }
    const double *
    begin_strain() const
    {
      return begin_.data();
    }
    const double *
    begin_stress() const
    {
      return begin_.data() + 6;
    }
    double begin_temperature = 0.0;
    double end_temperature   = 0.0;

  private:
    std::vector<double> begin_;
    std::vector<double> end_;
  };
} // namespace mgrelax::material
