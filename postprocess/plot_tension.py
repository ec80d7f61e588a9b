#!/usr/bin/python3
"""Plot a tension run written by `mgrelax run` (experiment = tension).

usage: /usr/bin/python3 postprocess/plot_tension.py RUN.csv [-o OUT.png]
       [--point POINT.csv]

Top: the strain, its anelastic part and (with --point) the point driver's
eps_xx for the same history, against time on a log axis; bottom: the
stress.  Column names and units come from RUN_columns.csv when it is there
(the run writes it beside RUN.csv).  Uses Debian's matplotlib.
"""
import argparse
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        raise SystemExit(f"{path}: no data rows")
    return {key: [float(r[key]) for r in rows] for key in rows[0]}


def units(path):
    doc = path[: -len(".csv")] + "_columns.csv"
    if not os.path.exists(doc):
        return {}
    with open(doc, newline="") as f:
        return {r["name"]: r["unit"] for r in csv.DictReader(f)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("-o", "--output")
    parser.add_argument("--point", help="a point-driver CSV of the same history")
    args = parser.parse_args()
    d = read(args.csv)
    unit = units(args.csv)
    keep = [i for i, t in enumerate(d["time"]) if t > 0.0]
    t = [d["time"][i] for i in keep]

    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7, 6), sharex=True,
                                   gridspec_kw={"height_ratios": [3, 1]})
    ax1.semilogx(t, [d["strain"][i] for i in keep], "k-", label="strain (3D strip)")
    ax1.semilogx(t, [d["anelastic_strain"][i] for i in keep], "C0--",
                 label="anelastic part")
    if args.point:
        p = read(args.point)
        ax1.semilogx([x for x in p["time"] if x > 0],
                     [e for x, e in zip(p["time"], p["eps_xx"]) if x > 0],
                     "C1:", lw=2, label="point driver $\\varepsilon_{xx}$")
    ax1.set_ylabel("strain [%s]" % unit.get("strain", "-"))
    ax1.legend()
    ax1.grid(True, which="both", alpha=0.3)
    ax2.semilogx(t, [d["stress"][i] / 1e6 for i in keep], "k-")
    ax2.set_ylabel("stress [MPa]")
    ax2.set_xlabel("time [%s]" % unit.get("time", "s"))
    ax2.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    out = args.output or args.csv[: -len(".csv")] + ".png"
    fig.savefig(out, dpi=110)


if __name__ == "__main__":
    main()
