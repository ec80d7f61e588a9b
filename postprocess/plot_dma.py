#!/usr/bin/python3
"""Plot the per-cycle storage and loss moduli of a DMA run (NAME_dma.csv of
`mgrelax point` with `Output/dynamic modulus = true`, or of `mgrelax run`
for a bending experiment with sine segments).

usage: /usr/bin/python3 postprocess/plot_dma.py RUN_dma.csv [OUT.png]

Both write the columns of material/cycle_modulus.h:
  segment,cycle,time,temperature,frequency,E_storage,E_loss,tan_delta
(segment: index of the sine segment in the load program, from 0; cycle:
index within the segment, from 0).  Top: storage modulus E'(T); middle: loss
modulus E''(T); bottom: tan(delta) (log axis), one point per cycle against
the cycle's mean temperature, one curve per frequency.  The first cycle of
each sine segment carries the start-up transient and is left out.  Uses
Debian's matplotlib (run with /usr/bin/python3).
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLUMNS = ("segment", "cycle", "time", "temperature", "frequency",
           "E_storage", "E_loss", "tan_delta")


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    path = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) == 3 else path.rsplit(".", 1)[0] + ".png"
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
