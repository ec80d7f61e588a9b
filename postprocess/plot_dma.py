#!/usr/bin/python3
"""Plot the per-cycle dynamic modulus written by `mgrelax point` with
`Output/dynamic modulus = true` (NAME_dma.csv).

usage: /usr/bin/python3 postprocess/plot_dma.py RUN_dma.csv [OUT.png]

Top: storage modulus E'(T); middle: loss modulus E''(T); bottom: tan(delta)
(log axis), one point per cycle against the cycle's mean temperature.  The
first cycle of each sine segment carries the start-up transient and is left
out.  Uses Debian's matplotlib (run with /usr/bin/python3).
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    path = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) == 3 else path.rsplit(".", 1)[0] + ".png"
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f) if int(r["cycle"]) > 0]
    if not rows:
        sys.exit(f"{path}: no complete cycle after the first")
    T = [float(r["temperature"]) for r in rows]
    fig, axes = plt.subplots(3, 1, figsize=(6, 7), sharex=True)
    axes[0].plot(T, [float(r["E_storage"]) / 1e9 for r in rows], "C0-")
    axes[0].set_ylabel("E' (GPa)")
    axes[1].plot(T, [float(r["E_loss"]) / 1e6 for r in rows], "C3-")
    axes[1].set_ylabel("E'' (MPa)")
    axes[2].semilogy(T, [float(r["tan_delta"]) for r in rows], "k-")
    axes[2].set_ylabel("tan $\\delta$")
    axes[2].set_xlabel("temperature (K)")
    axes[0].set_title(path.rsplit("/", 1)[-1])
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    print("wrote", out)


if __name__ == "__main__":
    main()
