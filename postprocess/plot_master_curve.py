#!/usr/bin/python3
"""Plot the E''(omega) master curve written by `mgrelax spectrum --master-curve`.

usage: /usr/bin/python3 postprocess/plot_master_curve.py DIR NAME

Reads DIR/NAME_master.csv and NAME_master_shifts.csv and writes
DIR/NAME_master.png: left, E''(omega) at each temperature ([Atzmon2023]
Eq. 8); right, the same points shifted by their a_T along ln omega onto
the reference curve, with the Arrhenius plot of a_T (Eq. 10) and the
apparent activation energy as an inset.  Uses Debian's matplotlib
(/usr/bin/python3); the file is written under a temporary name and renamed.
"""
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    base = os.path.join(sys.argv[1], sys.argv[2])
    curves = read(base + "_master.csv")
    shifts = read(base + "_master_shifts.csv")
    temperatures = [float(s["temperature"]) for s in shifts]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4.2))
    colours = plt.cm.coolwarm([k / max(1, len(temperatures) - 1)
                               for k in range(len(temperatures))])
    for T, colour in zip(temperatures, colours):
        rows = [r for r in curves if float(r["temperature"]) == T]
        loss = [float(r["loss"]) for r in rows]
        ax1.loglog([float(r["omega"]) for r in rows], loss, ".-", ms=3,
                   lw=0.8, color=colour, label=f"{T:g} K")
        ax2.loglog([float(r["shifted_omega"]) for r in rows], loss, ".",
                   ms=4, color=colour)
    ax1.set_xlabel(r"$\omega$ (rad/s)")
    ax1.set_ylabel(r"$E''(\omega)$ (units of the spectrum)")
    ax1.legend(fontsize=7, ncol=2)
    reference = float(shifts[0]["reference_temperature"])
    ax2.set_xlabel(r"$\omega\,e^{a_T}$ (rad/s), reference "
                   f"{reference:g} K")
    ax2.set_ylabel(r"$E''$")
    for ax in (ax1, ax2):
        ax.grid(True, which="major", alpha=0.3)
    inset = ax2.inset_axes([0.1, 0.15, 0.34, 0.34])
    x = [1000.0 / T for T in temperatures]
    inset.plot(x, [float(s["shift_ln_omega"]) for s in shifts], "ko", ms=3)
    inset.plot(x, [float(s["arrhenius_ln_omega"]) for s in shifts], "C3-",
               lw=1)
    energy = float(shifts[0]["apparent_energy_eV"])
    inset.set_title(f"apparent {energy:.3g} eV", fontsize=7)
    inset.set_xlabel("1000/T (1/K)", fontsize=7)
    inset.set_ylabel(r"$a_T$", fontsize=7)
    inset.tick_params(labelsize=6)
    fig.suptitle(os.path.basename(base), fontsize=10)
    fig.tight_layout()
    path = base + "_master.png"
    fig.savefig(path + ".part", dpi=110, format="png")
    os.replace(path + ".part", path)
    plt.close(fig)


if __name__ == "__main__":
    main()
