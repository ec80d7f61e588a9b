#!/usr/bin/python3
"""Plot a material-point history written by `mgrelax point`.

usage: /usr/bin/python3 postprocess/plot_point.py RUN.csv [OUT.png]

Top: the axial strain and its parts (elastic, recoverable = eps_an_eq,
irreversible = eps_vp_eq) against time on a log axis; bottom: the axial
stress.  Works for every load program; segments with zero stress show pure
recovery.  Uses Debian's matplotlib (run with /usr/bin/python3).
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{path}: no data rows")
    return {key: [float(r[key]) for r in rows] for key in rows[0]}


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    path = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) == 3 else path.rsplit(".", 1)[0] + ".png"
    d = read(path)
    keep = [i for i, t in enumerate(d["time"]) if t > 0.0]
    t = [d["time"][i] for i in keep]

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7, 6), sharex=True,
                                   gridspec_kw={"height_ratios": [3, 1]})
    ax1.semilogx(t, [d["eps_xx"][i] for i in keep], "k-", label="total $\\varepsilon_{xx}$")
    for key, label, style in (("eps_an_eq", "recoverable (Kelvin units)", "C0--"),
                              ("eps_vp_eq", "irreversible (viscoplastic)", "C3-.")):
        if key in d:
            ax1.semilogx(t, [d[key][i] for i in keep], style, label=label)
    families = [k for k in d if k.startswith("eps_eq_")]
    for n, key in enumerate(families):
        ax1.semilogx(t, [d[key][i] for i in keep], f"C{n + 4}:",
                     label=f"family {key[len('eps_eq_'):]}")
    ax1.set_ylabel("strain")
    ax1.legend(fontsize=8)
    ax1.grid(True, which="both", alpha=0.3)
    ax2.semilogx(t, [d["sig_xx"][i] / 1e6 for i in keep], "k-")
    ax2.set_ylabel("$\\sigma_{xx}$ (MPa)")
    ax2.set_xlabel("time (s)")
    ax2.grid(True, which="both", alpha=0.3)
    fig.suptitle(path.rsplit("/", 1)[-1], fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
