#include "material/cycle_modulus.h"

#include <cmath>
#include <stdexcept>

#include "material/format.h"

namespace mgrelax::material
{
  std::vector<CycleModuli>
  cycle_moduli(const std::vector<LoadSegment>  &program,
               const std::vector<unsigned int> &segment,
               const std::vector<double>       &time,
               const std::vector<double>       &stress,
               const std::vector<double>       &strain,
               const std::vector<double>       &temperature,
               const double                     factor)
  {
    const std::size_t n = time.size();
    if (segment.size() != n || stress.size() != n || strain.size() != n ||
        temperature.size() != n)
      throw std::invalid_argument(
          "cycle_moduli: segment, time, stress, strain and temperature must "
          "have one entry per sample");
    std::vector<CycleModuli> result;
    for (unsigned int s = 0; s < program.size(); ++s)
      {
        const LoadSegment &seg = program[s];
        if (seg.kind != LoadSegment::Kind::sine || !(seg.frequency > 0.0))
          continue;
        // The segment starts where the last step before it ended.
        std::size_t first = n;
        for (std::size_t i = 1; i < n; ++i)
          if (segment[i] == s)
            {
              first = i - 1;
              break;
            }
        if (first == n)
          continue;
        const double period = 1.0 / seg.frequency;
        const double eps    = 1e-9 * period;
        std::size_t  begin  = first; // first sample of the current cycle
        for (unsigned int k = 0; k < seg.cycles; ++k)
          {
            // The samples of cycle k, both ends included.
            const double t0 = time[first] + k * period, t1 = t0 + period;
            std::size_t  end = begin + 1;
            while (end < n && segment[end] == s && time[end] <= t1 + eps)
              ++end;
            if (end - begin < 5 || time[end - 1] < t1 - eps) // not complete
              break;
            // Trapezoidal sums of x~ sin(phi), x~ cos(phi) and of T, x~
            // the values less the straight line through the cycle's ends.
            const std::size_t last = end - 1;
            double            ss = 0.0, sc = 0.0, es = 0.0, ec = 0.0, T = 0.0;
            for (std::size_t i = begin + 1; i < end; ++i)
              {
                const double h = time[i] - time[i - 1];
                for (const std::size_t j : {i - 1, i})
                  {
                    const double theta = (time[j] - time[begin]) / period;
                    const double phi   = 2.0 * M_PI * (time[j] - t0) / period;
                    const double sigma = stress[j] - stress[begin] -
                                         (stress[last] - stress[begin]) * theta;
                    const double eps_j = strain[j] - strain[begin] -
                                         (strain[last] - strain[begin]) * theta;
                    const double w = 0.5 * h;
                    ss += w * sigma * std::sin(phi);
                    sc += w * sigma * std::cos(phi);
                    es += w * eps_j * std::sin(phi);
                    ec += w * eps_j * std::cos(phi);
                    T += w * temperature[j];
                  }
              }
            // E* = K (ss + i sc) / (es + i ec); the factors 2/P cancel.
            const double denominator = es * es + ec * ec;
            CycleModuli  row{s,
                            k,
                            t0 + 0.5 * period,
                            T / (time[last] - time[begin]),
                            seg.frequency,
                            0.0,
                            0.0,
                            0.0};
            if (denominator > 0.0)
              {
                row.storage   = factor * (ss * es + sc * ec) / denominator;
                row.loss      = factor * (sc * es - ss * ec) / denominator;
                row.tan_delta = row.loss / row.storage;
              }
            result.push_back(row);
            begin = last; // the cycle's last sample starts the next one
          }
      }
    return result;
  }

  void
  write_cycle_moduli_csv(std::ostream                   &out,
                         const std::vector<CycleModuli> &cycles)
  {
    cycle_moduli_table(cycles).write_csv(out);
  }

  RecordTable
  cycle_moduli_table(const std::vector<CycleModuli> &cycles)
  {
    RecordTable table;
    for (const CycleModuli &c : cycles)
      {
        RecordTable::Row row;
        row.add("segment", "", "load-program segment (0-based)", c.segment)
            .add("cycle", "", "cycle in the segment (0-based)", c.cycle)
            .add("time", "s", "time at the cycle's middle", c.time)
            .add("temperature", "K", "temperature there", c.temperature)
            .add("frequency", "Hz", "frequency", c.frequency)
            .add("E_storage", "Pa", "storage modulus E'", c.storage)
            .add("E_loss", "Pa", "loss modulus E''", c.loss)
            .add("tan_delta", "-", "E'' / E'", c.tan_delta);
        table.append(row);
      }
    return table;
  }

  CycleModulus::CycleModulus(const std::vector<LoadSegment> &program)
      : program_(program)
  {}

  void
  CycleModulus::add(const PointRecord &record)
  {
    // PointRecord counts segments from 1 (0: the initial state).
    segment_.push_back(record.segment > 0 ? record.segment - 1 : 0);
    time_.push_back(record.time);
    temperature_.push_back(record.temperature);
    stress_.push_back(record.stress[0]);
    strain_.push_back(record.strain[0]);
  }

  std::vector<CycleModuli>
  CycleModulus::rows() const
  {
    return cycle_moduli(
        program_, segment_, time_, stress_, strain_, temperature_, 1.0);
  }
} // namespace mgrelax::material
