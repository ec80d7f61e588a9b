#!/usr/bin/python3
"""Plot the rejuvenation/aging state of a material-point history written by
`mgrelax point` (NAME.csv of a generalized Kelvin law).

usage: /usr/bin/python3 postprocess/plot_state.py RUN.csv [OUT.png]
                        [--reference REF.csv]

Three panels against time in hours: E_beta (eV), with a paper's measured
values as markers when REF.csv (columns time_h, E_beta_eV, label; '#'
comment lines) is given; the correlation factor chi; the energies w_work,
w_stored, w_viscoplastic and w_dissipated (kJ/m^3).  Uses Debian's
matplotlib (run with /usr/bin/python3).
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from reference_csv import read_reference, source  # noqa: E402

REFERENCE_COLUMNS = ("time_h", "E_beta_eV", "label")


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def arguments():
    args = sys.argv[1:]
    reference = None
    if "--reference" in args:
        i = args.index("--reference")
        if i + 1 >= len(args):
            sys.exit(__doc__)
        reference = args[i + 1]
        del args[i : i + 2]
    if len(args) not in (1, 2):
        sys.exit(__doc__)
    out = args[1] if len(args) == 2 else args[0].rsplit(".", 1)[0] + "_state.png"
    return args[0], out, reference


def main():
    path, out, reference = arguments()
    rows = read_rows(path)
    if not rows:
        sys.exit(f"{path}: no data rows")
    h = [float(r["time"]) / 3600.0 for r in rows]
    fig, (ax1, ax2, ax3) = plt.subplots(3, 1, figsize=(7, 7.5), sharex=True)
    ax1.plot(h, [float(r["E_beta_eV"]) for r in rows], "C3-", label="mgrelax")
    if reference:
        paper = read_reference(reference, REFERENCE_COLUMNS, numeric=REFERENCE_COLUMNS[:2])
        middle = sorted(float(r["E_beta_eV"]) for r in paper)[len(paper) // 2]
        for r in paper:
            x, y = float(r["time_h"]), float(r["E_beta_eV"])
            ax1.plot(x, y, "ko", ms=6)
            # Labels above the upper points, below the lower ones: off the curve.
            ax1.annotate(f"{r['label']}: {y:g} eV", (x, y), textcoords="offset points",
                         xytext=(6, 6 if y >= middle else -14), fontsize=8,
                         ha="right" if x > 0.8 * h[-1] else "left")
        ax1.plot([], [], "ko", label=f"paper: {source(reference)}")
        ax1.margins(y=0.15)
    ax1.set_ylabel("$E_\\beta$ (eV)")
    ax1.legend(loc="upper right", fontsize=8)
    ax2.plot(h, [float(r["chi"]) for r in rows], "C0-", label="$\\chi$")
    ax2.set_ylabel("$\\chi$")
    for key, style in (("w_work", "k-"), ("w_stored", "C2-"),
                       ("w_viscoplastic", "C4-"), ("w_dissipated", "C1--")):
        if key in rows[0]:
            ax3.plot(h, [float(r[key]) / 1e3 for r in rows], style, label=key)
    ax3.set_ylabel("energy (kJ/m$^3$)")
    ax3.set_yscale("symlog", linthresh=1.0)
    ax3.set_xlabel("time (h)")
    ax3.legend(loc="best", fontsize=8)
    ax1.set_title(path.rsplit("/", 1)[-1])
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    print("wrote", out)


if __name__ == "__main__":
    main()
