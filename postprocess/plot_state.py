#!/usr/bin/python3
"""Plot the rejuvenation/aging state of a material-point history written by
`mgrelax point` (NAME.csv of a generalized Kelvin law).

usage: /usr/bin/python3 postprocess/plot_state.py RUN.csv [OUT.png]

Top: E_beta (eV) and chi; bottom: the energies w_work, w_stored and
w_dissipated (kJ/m^3), all against time in hours.  Uses Debian's
matplotlib (run with /usr/bin/python3).
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
    out = sys.argv[2] if len(sys.argv) == 3 else path.rsplit(".", 1)[0] + "_state.png"
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{path}: no data rows")
    h = [float(r["time"]) / 3600.0 for r in rows]
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    ax1.plot(h, [float(r["E_beta_eV"]) for r in rows], "C3-", label="$E_\\beta$ (eV)")
    ax1.set_ylabel("$E_\\beta$ (eV)")
    chi = ax1.twinx()
    chi.plot(h, [float(r["chi"]) for r in rows], "C0--", label="$\\chi$")
    chi.set_ylabel("$\\chi$")
    for key, style in (("w_work", "k-"), ("w_stored", "C2-"), ("w_dissipated", "C1--")):
        ax2.plot(h, [float(r[key]) / 1e3 for r in rows], style, label=key)
    ax2.set_ylabel("energy (kJ/m$^3$)")
    ax2.set_yscale("symlog", linthresh=1.0)
    ax2.set_xlabel("time (h)")
    ax2.legend(loc="best", fontsize=8)
    ax1.set_title(path.rsplit("/", 1)[-1])
    fig.tight_layout()
    fig.savefig(out, dpi=90)
    print("wrote", out)


if __name__ == "__main__":
    main()
