#!/usr/bin/python3
"""Plot a result of a parameter study written by `mgrelax sweep`.

usage: /usr/bin/python3 postprocess/plot_sweep.py STUDY.csv --x COLUMN
       --y COLUMN [--over COLUMN] [--curves COLUMN] [--log-x] [--log-y]
       [-o OUT.png]

One curve of Y (divided by OVER when given, e.g. the 3D result over the
beam formula) against X for each value of CURVES (e.g. the thickness);
cases that failed are left out.  Units come from STUDY_columns.csv when it
is there (the sweep writes it beside STUDY.csv).  Uses Debian's matplotlib.
"""
import argparse
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        return [r for r in csv.DictReader(f) if r.get("status") == "ok"]


def units(path):
    doc = path[: -len(".csv")] + "_columns.csv"
    if not os.path.exists(doc):
        return {}
    with open(doc, newline="") as f:
        return {r["name"]: r["unit"] for r in csv.DictReader(f)}


def label(name, unit):
    u = unit.get(name, "")
    return name if u in ("", "-") else f"{name} [{u}]"


def curves(rows, args):
    """{value of CURVES: sorted [(x, y)]}, y divided by OVER if given."""
    out = {}
    for r in rows:
        try:
            x, y = float(r[args.x]), float(r[args.y])
            if args.over:
                y /= float(r[args.over])
        except (KeyError, ValueError, ZeroDivisionError) as e:
            raise SystemExit(f"{args.csv}: case {r.get('case')}: {e}")
        out.setdefault(r[args.curves] if args.curves else "", []).append((x, y))
    return {k: sorted(v) for k, v in out.items()}


def number(text):
    """A legend's value: 4 significant digits when it is a number."""
    try:
        return f"{float(text):.4g}"
    except ValueError:
        return text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv")
    parser.add_argument("--x", required=True)
    parser.add_argument("--y", required=True)
    parser.add_argument("--over")
    parser.add_argument("--curves")
    parser.add_argument("--log-x", action="store_true")
    parser.add_argument("--log-y", action="store_true")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    rows = read(args.csv)
    if not rows:
        raise SystemExit(f"{args.csv}: no finished case")
    unit = units(args.csv)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    for value, points in sorted(curves(rows, args).items(),
                                key=lambda kv: float(kv[0]) if kv[0] else 0):
        name = f"{args.curves} = {number(value)}" if args.curves else None
        ax.plot([p[0] for p in points], [p[1] for p in points], "o-", label=name)
    ax.set_xlabel(label(args.x, unit))
    ax.set_ylabel(f"{args.y} / {args.over}" if args.over else label(args.y, unit))
    ax.set_xscale("log" if args.log_x else "linear")
    ax.set_yscale("log" if args.log_y else "linear")
    if args.curves:
        ax.legend()
    ax.grid(True, alpha=0.3)
    ax.set_title(os.path.basename(args.csv)[: -len(".csv")])
    fig.tight_layout()
    fig.savefig(args.output or args.csv[: -len(".csv")] + ".png", dpi=120)


if __name__ == "__main__":
    main()
