#!/usr/bin/python3
"""Plot a material-point history written by `mgrelax point`.

usage: /usr/bin/python3 postprocess/plot_point.py RUN.csv [OUT.png]
           [--reference TABLE.csv --sample NAME [--gumbel NAME_gumbel.csv]]

Top: the axial strain and its parts (elastic, recoverable = eps_an_eq,
irreversible = eps_vp_eq) against time on a log axis; bottom: the axial
stress.  Works for every load program; segments with zero stress show pure
recovery.  With --reference (columns sample, B_beta, B_an, B_vp,
tau_beta_s, tau_an_s, tau_vp_s, as postprocess/reference/
zhang2023_beta_table1.csv) a table beside the plot gives the paper's Gumbel
parameters of the sample NAME and, with --gumbel, those that `mgrelax
spectrum` (--gumbel-times or --gumbel-families) fitted to this run
(NAME_gumbel.csv; families with dJ = 0 are marked as not resolved).  Uses Debian's matplotlib (run with
/usr/bin/python3).
"""
import argparse
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from reference_csv import number, read_reference, source  # noqa: E402

TABLE_COLUMNS = ("sample", "B_beta", "B_an", "B_vp", "tau_beta_s", "tau_an_s", "tau_vp_s")
GUMBEL_COLUMNS = ("family", "B", "mean_time", "dJ")


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"{path}: no data rows")
    return {key: [float(r[key]) for r in rows] for key in rows[0]}


def arguments():
    parser = argparse.ArgumentParser(usage=__doc__.split("\n\n")[1][len("usage: "):])
    parser.add_argument("run")
    parser.add_argument("out", nargs="?")
    parser.add_argument("--reference")
    parser.add_argument("--sample")
    parser.add_argument("--gumbel")
    args = parser.parse_args()
    if args.reference and not args.sample:
        parser.error("--reference needs --sample (the row of the table to show)")
    if (args.sample or args.gumbel) and not args.reference:
        parser.error("--sample and --gumbel go with --reference")
    args.out = args.out or args.run.rsplit(".", 1)[0] + ".png"
    return args


def paper_rows(path, sample):
    """Table rows (family, B, tau_bar) of `sample` in the reference table."""
    rows = read_reference(path, TABLE_COLUMNS, numeric=TABLE_COLUMNS[1:])
    match = [r for r in rows if r["sample"] == sample]
    if not match:
        sys.exit(f"{path}: no sample '{sample}' (samples: "
                 f"{', '.join(r['sample'] for r in rows)})")
    r = match[0]
    return [(f"paper {name}", f"{number(r, 'B_' + key):g}", f"{number(r, 'tau_' + key + '_s'):.3g}")
            for name, key in (("β", "beta"), ("an", "an"), ("vp", "vp"))]


def fit_rows(path):
    """Table rows of the Gumbel families fitted to this run."""
    rows = []
    for r in read_reference(path, GUMBEL_COLUMNS, numeric=GUMBEL_COLUMNS):
        name = f"fit {r['family']}"
        if number(r, "dJ") == 0.0:
            rows.append((name, "not resolved", "($\\Delta J$ = 0)"))
        else:
            rows.append((name, f"{number(r, 'B'):#.3g}", f"{number(r, 'mean_time'):#.3g}"))
    return rows


def draw_table(ax, args):
    """The paper's Gumbel parameters of the sample (and the fit's) as a table."""
    rows = paper_rows(args.reference, args.sample)
    if args.gumbel:
        rows += fit_rows(args.gumbel)
    ax.axis("off")
    table = ax.table(cellText=[list(r) for r in rows], colLabels=["", "B", "$\\bar\\tau$ (s)"],
                     loc="upper center", cellLoc="center")
    table.auto_set_font_size(False)
    table.set_fontsize(8)
    table.scale(1.0, 1.5)
    title = f"{source(args.reference)} Table 1,\nsample {args.sample}"
    if args.gumbel:
        title += ",\nbeside the Gumbel fit\nof this run's creep"
    ax.set_title(title, fontsize=9)


def main():
    args = arguments()
    path, out = args.run, args.out
    d = read(path)
    keep = [i for i, t in enumerate(d["time"]) if t > 0.0]
    t = [d["time"][i] for i in keep]

    if args.reference:
        fig = plt.figure(figsize=(10, 6))
        grid = fig.add_gridspec(2, 2, height_ratios=[3, 1], width_ratios=[3, 1.2])
        ax1 = fig.add_subplot(grid[0, 0])
        ax2 = fig.add_subplot(grid[1, 0], sharex=ax1)
        draw_table(fig.add_subplot(grid[:, 1]), args)
    else:
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
    ax1.tick_params(labelbottom=False)
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
