#!/usr/bin/python3
"""Plot a cantilever or three-point bending run written by `mgrelax run`.

usage: /usr/bin/python3 postprocess/plot_cantilever.py RUN.csv [OUT.png]

Top: tip displacement h(t) on a log time axis; bottom: the normalized
anelastic part (h - h_el)/h_el, the quantity Atzmon's spectrum analysis
fits ([Atzmon2023] Sec. 3).  Uses Debian's matplotlib (/usr/bin/python3).
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
        rows = [r for r in csv.DictReader(f) if float(r["time"]) > 0.0]
    if not rows:
        sys.exit(f"{path}: no rows with t > 0")
    t = [float(r["time"]) for r in rows]
    h = [float(r["tip_displacement"]) * 1e6 for r in rows]
    an = [float(r["normalized_anelastic"]) for r in rows]

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    ax1.semilogx(t, h, "k.-")
    ax1.set_ylabel("deflection under the load h (µm)")
    ax1.grid(True, which="both", alpha=0.3)
    ax2.semilogx(t, an, "C0.-")
    ax2.set_ylabel("$(h - h_{el})/h_{el}$")
    ax2.set_xlabel("time (s)")
    ax2.grid(True, which="both", alpha=0.3)
    fig.suptitle(path.rsplit("/", 1)[-1], fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
