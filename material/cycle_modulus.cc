#include "material/cycle_modulus.h"

#include <cmath>

namespace mgrelax::material
{
  CycleModulus::CycleModulus(const std::vector<LoadSegment> &program)
      : program_(program)
  {}

  void
  CycleModulus::add(const PointRecord &record)
  {
    const Sample sample{
        record.time, record.temperature, record.stress[0], record.strain[0]};
    if (record.segment != segment_)
      {
        // A new segment starts at the previous record.
        cycle_.clear();
        segment_       = record.segment;
        cycle_index_   = 0;
        segment_start_ = last_.time;
        if (segment_ > 0 &&
            program_[segment_ - 1].kind == LoadSegment::Kind::sine)
          cycle_.push_back(last_);
      }
    last_ = sample;
    if (segment_ == 0 || program_[segment_ - 1].kind != LoadSegment::Kind::sine)
      return;
    cycle_.push_back(sample);
    const double f   = program_[segment_ - 1].frequency;
    const double end = segment_start_ + (cycle_index_ + 1) / f;
    if (sample.time >= end - 1e-9 / f)
      close_cycle();
  }

  void
  CycleModulus::close_cycle()
  {
    const LoadSegment &s      = program_[segment_ - 1];
    const double       period = 1.0 / s.frequency;
    const double       t0     = segment_start_ + cycle_index_ * period;
    const Sample      &first  = cycle_.front();
    const Sample      &last   = cycle_.back();
    // Trapezoidal sums of x~ sin(phi), x~ cos(phi) and of T.
    double ss = 0.0, sc = 0.0, es = 0.0, ec = 0.0, T = 0.0;
    for (std::size_t i = 1; i < cycle_.size(); ++i)
      {
        const double h = cycle_[i].time - cycle_[i - 1].time;
        for (const std::size_t j : {i - 1, i})
          {
            const Sample &x     = cycle_[j];
            const double  theta = (x.time - first.time) / period;
            const double  phi   = 2.0 * M_PI * (x.time - t0) / period;
            const double  sigma =
                x.stress - first.stress - (last.stress - first.stress) * theta;
            const double eps =
                x.strain - first.strain - (last.strain - first.strain) * theta;
            const double w = 0.5 * h;
            ss += w * sigma * std::sin(phi);
            sc += w * sigma * std::cos(phi);
            es += w * eps * std::sin(phi);
            ec += w * eps * std::cos(phi);
            T += w * x.temperature;
          }
      }
    // E* = (ss + i sc) / (es + i ec); the factors 2/P cancel.
    const double    denominator = es * es + ec * ec;
    CycleModulusRow row{segment_,
                        cycle_index_,
                        t0 + 0.5 * period,
                        T / (last.time - first.time),
                        0.0,
                        0.0,
                        0.0};
    if (denominator > 0.0)
      {
        row.storage   = (ss * es + sc * ec) / denominator;
        row.loss      = (sc * es - ss * ec) / denominator;
        row.tan_delta = row.loss / row.storage;
      }
    rows_.push_back(row);
    const Sample boundary = cycle_.back();
    cycle_.clear();
    cycle_.push_back(boundary);
    ++cycle_index_;
  }
} // namespace mgrelax::material
