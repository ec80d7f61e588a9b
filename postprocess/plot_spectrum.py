#!/usr/bin/python3
"""Plot a spectrum analysis written by `mgrelax spectrum`.

usage: /usr/bin/python3 postprocess/plot_spectrum.py DIR NAME [YLABEL]
           [--reference HIERARCHY.csv]

YLABEL: the strain column's name (default: strain).

Reads DIR/NAME_fit.csv, NAME_spectrum.csv, NAME_peaks.csv and
NAME_lambda.csv and writes
  DIR/NAME_spectrum.png  top: the data and the fit against log t (and the
                         Gumbel and stretched-exponential fits, if any,
                         the latter's parameters from NAME_kww.csv); bottom: the spectrum density
                         f(tau) per unit ln tau against log tau, the peaks
                         shaded and their centroids tau_m marked; with
                         --reference (columns m, n_atoms, dF_eV, as
                         postprocess/reference/atzmon2023_al_stz_hierarchy.csv)
                         a third row: the STZ volume Omega_m/V_atom and the
                         activation energy dF_m of our peaks (NAME_peaks.csv,
                         from `mgrelax spectrum --temperature T
                         --shear-modulus MU`) against the peak index m,
                         beside the paper's STZ sizes and energies;
  DIR/NAME_lcurve.png    the L-curve (log residual, log seminorm) of the
                         lambda scan in increasing lambda, with the choices
                         of the L-curve, GCV and CONTIN's F-test (its
                         refined solution) marked and named in a legend.
Uses Debian's matplotlib (/usr/bin/python3).  Files are written under a
temporary name and renamed when complete.
"""
import argparse
import csv
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from reference_csv import number, read_reference, source  # noqa: E402

REFERENCE_COLUMNS = ("m", "n_atoms", "dF_eV")


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def save(fig, path):
    fig.savefig(path + ".part", dpi=110, format="png")
    os.replace(path + ".part", path)
    plt.close(fig)


def arguments():
    parser = argparse.ArgumentParser(usage=__doc__.split("\n\n")[1][len("usage: "):])
    parser.add_argument("dir")
    parser.add_argument("name")
    parser.add_argument("ylabel", nargs="?", default="strain")
    parser.add_argument("--reference")
    return parser.parse_args()


def ours(peaks, column):
    """(m, value) of the peaks whose STZ analysis was done (non-zero)."""
    return [(int(p["m"]), float(p[column])) for p in peaks if float(p[column]) > 0.0]


def draw_reference(ax_omega, ax_energy, peaks, path):
    """Omega_m/V_atom and dF_m of our peaks beside the paper's STZ sizes and
    activation energies, against the peak index m."""
    rows = read_reference(path, REFERENCE_COLUMNS, numeric=REFERENCE_COLUMNS)
    label = f"{source(path)}"
    m = [number(r, "m") for r in rows]
    ax_omega.plot(m, [number(r, "n_atoms") for r in rows], "ks", mfc="none", ms=7,
                  label=f"{label}: n atoms")
    quoted = [(number(r, "m"), number(r, "dF_eV")) for r in rows if number(r, "dF_eV")]
    ax_energy.plot(*zip(*quoted), "ks", mfc="none", ms=7, label=f"{label} (ends quoted)")
    for ax, column, ylabel in ((ax_omega, "Omega_m_over_atomic_volume",
                                r"$\Omega_m/V_{atom}$ (atoms)"),
                               (ax_energy, "dF_m_eV", r"$\Delta F_m$ (eV)")):
        values = ours(peaks, column)
        if values:
            ax.plot(*zip(*values), "C3o", ms=5, label="mgrelax peaks")
        else:
            ax.text(0.5, 0.5, "no STZ analysis in NAME_peaks.csv\n(--temperature, "
                    "--shear-modulus)", transform=ax.transAxes, ha="center", fontsize=8)
        ax.set_xlabel("peak index $m$")
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=7, loc="upper left")


def main():
    args = arguments()
    base = os.path.join(args.dir, args.name)
    fit = read(base + "_fit.csv")
    spectrum = read(base + "_spectrum.csv")
    peaks = read(base + "_peaks.csv")
    scan = read(base + "_lambda.csv")

    if args.reference:
        fig = plt.figure(figsize=(7, 9.5))
        grid = fig.add_gridspec(3, 2, height_ratios=[1, 1, 0.8])
        ax1 = fig.add_subplot(grid[0, :])
        ax2 = fig.add_subplot(grid[1, :])
        draw_reference(fig.add_subplot(grid[2, 0]), fig.add_subplot(grid[2, 1]), peaks,
                       args.reference)
    else:
        fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7, 7))
    rows = [r for r in fit if float(r["time"]) > 0.0]
    t = [float(r["time"]) for r in rows]
    ax1.semilogx(t, [float(r["data"]) for r in rows], "k.", ms=3, label="data")
    ax1.semilogx(t, [float(r["fit"]) for r in rows], "C3-", lw=1.2,
                 label="spectrum fit")
    if rows and "gumbel_fit" in rows[0]:
        ax1.semilogx(t, [float(r["gumbel_fit"]) for r in rows], "C0--",
                     lw=1.2, label="Gumbel fit")
    if rows and "kww_fit" in rows[0]:
        kww = read(base + "_kww.csv")[0]
        ax1.semilogx(t, [float(r["kww_fit"]) for r in rows], "C2-.", lw=1.2,
                     label=r"stretched exp.: $\tau_s$ = "
                     f"{float(kww['tau_s']):.3g} s, "
                     rf"$\beta$ = {float(kww['beta']):.3g}")
    ax1.set_xlabel("time (s)")
    ax1.set_ylabel(args.ylabel)
    ax1.grid(True, which="major", alpha=0.3)
    ax1.legend(fontsize=8)

    tau = [float(r["tau"]) for r in spectrum]
    density = [float(r["normalized_density"]) for r in spectrum]
    ax2.semilogx(tau, density, "k-", lw=1.2)
    for k, p in enumerate(peaks):
        m = int(p["m"])
        xs = [x for x, r in zip(tau, spectrum) if int(r["peak"]) == m]
        ys = [y for y, r in zip(density, spectrum) if int(r["peak"]) == m]
        ax2.fill_between(xs, ys, color=f"C{k % 10}", alpha=0.35)
        centroid = float(p["tau_centroid"])
        ax2.axvline(centroid, color=f"C{k % 10}", lw=0.8, ls=":")
        ax2.annotate(f"{m}", (centroid, max(ys) if ys else 0.0),
                     textcoords="offset points", xytext=(0, 3),
                     ha="center", fontsize=8)
    ax2.set_xlabel(r"$\tau$ (s)")
    ax2.set_ylabel(r"$f(\tau)$ per unit $\ln\tau$")
    ax2.grid(True, which="major", alpha=0.3)
    fig.suptitle(os.path.basename(base), fontsize=10)
    fig.tight_layout()
    save(fig, base + "_spectrum.png")

    if len(scan) > 1:
        plot_lcurve(scan, base + "_lcurve.png")


# Marker and colour of each rule's choice on the L-curve.
RULE_STYLE = {"L-curve": ("s", "C0"), "GCV": ("^", "C3"),
              "CONTIN (refined)": ("o", "C2")}


def plot_lcurve(scan, path):
    """The scan sorted by lambda as a line; each rule's choice (the refined
    CONTIN solution is a row of its own, off the scan) as a marker named in
    the legend."""
    def point(r):
        return float(r["residual"]), max(float(r["seminorm"]), 1e-300)

    rows = sorted((r for r in scan if r["rule"] != "CONTIN (refined)"),
                  key=lambda r: float(r["lambda"]))
    fig, ax = plt.subplots(figsize=(5.5, 4.2))
    xs, ys = zip(*(point(r) for r in rows))
    ax.loglog(xs, ys, "k.-", ms=3, lw=0.8, label=r"$\lambda$ scan")
    for r in scan:
        for rule in filter(None, r["rule"].split("+")):
            marker, colour = RULE_STYLE.get(rule, ("D", "C4"))
            label = f"{rule}: $\\lambda$ = {float(r['lambda']):.3g}"
            if rule.startswith("CONTIN"):
                label += f", PROB1 = {float(r['prob1']):.2f}"
            ax.plot(*point(r), marker, mfc="none", mec=colour, ms=10,
                    mew=1.5, label=label)
    ax.set_xlabel("residual norm")
    ax.set_ylabel("second-difference seminorm")
    ax.grid(True, which="major", alpha=0.3)
    ax.legend(fontsize=8, loc="lower left")  # the curve runs from upper left
    fig.tight_layout()
    save(fig, path)


if __name__ == "__main__":
    main()
