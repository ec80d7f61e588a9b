#!/usr/bin/python3
"""Plot the per-cycle storage and loss moduli of a DMA run (NAME_dma.csv of
`mgrelax point` with `Output/dynamic modulus = true`, or of `mgrelax run`
for a bending experiment with sine segments).

usage: /usr/bin/python3 postprocess/plot_dma.py RUN_dma.csv [OUT.png]
           [--reference PEAKS.csv [--peak-window TMIN,TMAX]]

Both write the columns of material/cycle_modulus.h:
  segment,cycle,time,temperature,frequency,E_storage,E_loss,tan_delta
(segment: index of the sine segment in the load program, from 0; cycle:
index within the segment, from 0).  Top: storage modulus E'(T); middle: loss
modulus E''(T); bottom: tan(delta) (log axis), one point per cycle against
the cycle's mean temperature, one curve per frequency.  The first cycle of
each sine segment carries the start-up transient and is left out.

With --reference (columns sample, frequency_Hz, T_peak_K, as
postprocess/reference/zhang2023_beta_dma_peaks.csv) the paper's loss peak
temperatures are drawn across the panels (a band from the lowest to the
highest at each frequency, named in the legend), and the maximum of each
of our E''(T) curves between TMIN and TMAX (--peak-window TMIN,TMAX in K,
default the whole sweep; after a 5 K running mean, which irons out the
ripples of the discrete units) is marked with its temperature, unless it
lies at an end of that window.  Uses Debian's matplotlib (run with /usr/bin/python3).
"""
import argparse
import csv
import sys
from statistics import mean

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from reference_csv import number, read_reference, source  # noqa: E402

COLUMNS = ("segment", "cycle", "time", "temperature", "frequency",
           "E_storage", "E_loss", "tan_delta")
REFERENCE_COLUMNS = ("sample", "frequency_Hz", "T_peak_K")
SMOOTHING_K = 5.0


def loss_peak(T, loss, window):
    """(T, E'') of the maximum of E'' after a running mean over SMOOTHING_K
    among the points of `window` (T_min, T_max) whose whole averaging range
    lies inside the sweep; None when that maximum is at an end of the
    range searched (E'' still rising or falling there: no peak)."""
    half = SMOOTHING_K / 2
    low, high = max(window[0], T[0] + half), min(window[1], T[-1] - half)
    inside = [i for i, Ti in enumerate(T) if low <= Ti <= high]
    if len(inside) < 3:
        return None
    smooth = {i: mean([e for Tj, e in zip(T, loss) if abs(Tj - T[i]) <= half])
              for i in inside}
    i = max(inside, key=lambda k: smooth[k])
    return None if i in (inside[0], inside[-1]) else (T[i], smooth[i])


def draw_reference(axes, path):
    """The paper's peak temperatures: one band per driving frequency."""
    rows = read_reference(path, REFERENCE_COLUMNS, numeric=REFERENCE_COLUMNS[1:])
    by_frequency = {}
    for r in rows:
        by_frequency.setdefault(number(r, "frequency_Hz"), []).append(r)
    for k, (f, series) in enumerate(sorted(by_frequency.items())):
        temperatures = [number(r, "T_peak_K") for r in series]
        label = (f"{source(path)} $\\beta$ peak, {f:g} Hz: " +
                 ", ".join(f"{r['sample']} {number(r, 'T_peak_K'):g} K" for r in series))
        for ax in axes:
            ax.axvspan(min(temperatures) - 0.5, max(temperatures) + 0.5, color="0.6",
                       alpha=0.5, hatch="//"[: k + 1], label=label if ax is axes[1] else None)


def arguments():
    parser = argparse.ArgumentParser(usage=__doc__.split("\n\n")[1][len("usage: "):])
    parser.add_argument("run")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--reference")
    parser.add_argument("--peak-window", default="0,inf")
    args = parser.parse_args()
    try:
        window = tuple(float(x) for x in args.peak_window.split(","))
    except ValueError:
        window = ()
    if len(window) != 2 or not window[0] < window[1]:
        parser.error(f"--peak-window {args.peak_window}: expected TMIN,TMAX in K, TMIN < TMAX")
    out = args.out or args.run.rsplit(".", 1)[0] + ".png"
    return args.run, out, args.reference, window


def main():
    path, out, reference, window = arguments()
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            sys.exit(f"{path}: not a DMA table (missing columns "
                     f"{', '.join(missing)})")
        rows = [r for r in reader if int(r["cycle"]) > 0]
    if not rows:
        sys.exit(f"{path}: no complete cycle after the first of a segment")
    by_frequency = {}
    for r in rows:
        by_frequency.setdefault(float(r["frequency"]), []).append(r)
    fig, axes = plt.subplots(3, 1, figsize=(6, 7), sharex=True)
    for i, (f, series) in enumerate(sorted(by_frequency.items())):
        # Points for a few cycles (temperature steps), lines for sweeps.
        style = "o-" if len(series) <= 200 else "-"
        label = f"{f:g} Hz"
        T = [float(r["temperature"]) for r in series]
        axes[0].plot(T, [float(r["E_storage"]) / 1e9 for r in series],
                     style, color=f"C{i}", ms=3, label=label)
        axes[1].plot(T, [float(r["E_loss"]) / 1e6 for r in series],
                     style, color=f"C{i}", ms=3, label=label)
        axes[2].semilogy(T, [float(r["tan_delta"]) for r in series],
                         style, color=f"C{i}", ms=3, label=label)
        peak = reference and loss_peak(T, [float(r["E_loss"]) / 1e6 for r in series], window)
        if peak:
            axes[1].plot(*peak, "v", color=f"C{i}", ms=8, mec="k",
                         label=f"mgrelax, {f:g} Hz: E'' maximum at {peak[0]:.0f} K")
    if reference:
        draw_reference(axes, reference)
        axes[1].legend(loc="upper left", fontsize="small")
    # Through the glass transition E' and E'' span decades: log axes then,
    # so that the beta peak stays visible beside the alpha peak.
    for ax in axes[:2]:
        values = [y for line in ax.get_lines() for y in line.get_ydata() if y > 0]
        if values and max(values) > 100 * min(values):
            ax.set_yscale("log")
    axes[0].set_ylabel("E' (GPa)")
    axes[1].set_ylabel("E'' (MPa)")
    axes[2].set_ylabel("tan $\\delta$")
    axes[2].set_xlabel("temperature (K)")
    axes[0].legend(loc="best", fontsize="small")
    axes[0].set_title(path.rsplit("/", 1)[-1])
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    print("wrote", out)


if __name__ == "__main__":
    main()
