#include "solver/dynamic_moduli.h"

#include <Eigen/Dense>

#include <cmath>
#include <complex>

namespace mgrelax
{
  namespace
  {
    // Complex amplitude X (x = Re[X e^{iwt}] + c + d t) of samples x(t).
    std::complex<double>
    amplitude(const Eigen::MatrixXd &basis, const Eigen::VectorXd &x)
    {
      const Eigen::VectorXd c = basis.colPivHouseholderQr().solve(x);
      // a sin + b cos = Re[(b - i a) e^{iwt}]
      return {c[1], -c[0]};
    }
  } // namespace

  std::vector<CycleModuli>
  dynamic_moduli(const std::vector<material::LoadSegment> &program,
                 const std::vector<unsigned int>          &segment,
                 const std::vector<double>                &time,
                 const std::vector<double>                &load,
                 const std::vector<double>                &response,
                 const std::vector<double>                &temperature,
                 const double                              factor)
  {
    std::vector<CycleModuli> result;
    const std::size_t        n = time.size();
    for (unsigned int s = 0; s < program.size(); ++s)
      {
        const material::LoadSegment &seg = program[s];
        if (seg.kind != material::LoadSegment::Kind::sine)
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
        const double t0     = time[first];
        const double period = 1.0 / seg.frequency;
        const double omega  = 2.0 * M_PI * seg.frequency;
        for (unsigned int k = 0; k < seg.cycles; ++k)
          {
            // Samples of cycle k, both ends included.
            std::vector<std::size_t> samples;
            const double             a = t0 + k * period, b = a + period;
            const double             eps = 1e-9 * period;
            for (std::size_t i = first; i < n; ++i)
              if (time[i] >= a - eps && time[i] <= b + eps &&
                  (i == first || segment[i] == s))
                samples.push_back(i);
            if (samples.size() < 8 ||
                time[samples.back()] < b - eps) // cycle not complete
              continue;
            Eigen::MatrixXd basis(samples.size(), 4);
            Eigen::VectorXd p(samples.size()), h(samples.size());
            for (std::size_t j = 0; j < samples.size(); ++j)
              {
                const double t = time[samples[j]] - a;
                basis(j, 0)    = std::sin(omega * t);
                basis(j, 1)    = std::cos(omega * t);
                basis(j, 2)    = 1.0;
                basis(j, 3)    = t / period;
                p[j]           = load[samples[j]];
                h[j]           = response[samples[j]];
              }
            const std::complex<double> P = amplitude(basis, p);
            const std::complex<double> H = amplitude(basis, h);
            if (std::abs(H) == 0.0)
              continue;
            const std::complex<double> modulus = factor * P / H;
            const std::size_t          mid     = samples[samples.size() / 2];
            result.push_back({s,
                              k,
                              a + 0.5 * period,
                              temperature[mid],
                              seg.frequency,
                              modulus.real(),
                              modulus.imag(),
                              modulus.imag() / modulus.real()});
          }
      }
    return result;
  }
} // namespace mgrelax
