#!/usr/bin/python3
"""Plot mandrel runs written by `mgrelax run` (experiment = mandrel).

usage: /usr/bin/python3 postprocess/plot_mandrel.py RUN.csv [RUN2.csv ...] [-o OUT.png]

Left: the midplane surface strain (h/2) kappa over the whole history
(wrap, hold, release, recovery) against the time from the start.  Right:
the normalized anelastic strain eps_an(t)/eps_el^0 after the release on a
log time axis, the curve of Atzmon's Fig. 2 and 3b; one line per run, so
runs at several radii or with several materials can be compared.  Uses
Debian's matplotlib (/usr/bin/python3).
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main():
    args = sys.argv[1:]
    out = None
    if "-o" in args:
        i = args.index("-o")
        if i + 1 >= len(args):
            sys.exit(__doc__)
        out = args[i + 1]
        del args[i : i + 2]
    if not args:
        sys.exit(__doc__)
    out = out or args[0].rsplit(".", 1)[0] + ".png"

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))
    for k, path in enumerate(args):
        rows = read(path)
        if not rows or "normalized_anelastic" not in rows[0]:
            sys.exit(f"{path}: not a mandrel CSV (no normalized_anelastic column)")
        label = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        t = [float(r["time"]) for r in rows if float(r["time"]) > 0.0]
        e = [float(r["surface_strain"]) for r in rows if float(r["time"]) > 0.0]
        ax1.semilogx(t, e, ".-", color=f"C{k}", label=label, markersize=3)
        rec = [r for r in rows if r["phase"] == "recovery"]
        tr = [float(r["recovery_time"]) for r in rec]
        an = [float(r["normalized_anelastic"]) for r in rec]
        ax2.semilogx(tr, an, ".-", color=f"C{k}", label=label, markersize=3)
    ax1.set_xlabel("time from the start of the wrap (s)")
    ax1.set_ylabel("surface strain $(h/2)\\kappa$")
    ax1.set_title("wrap, hold, release, recovery", fontsize=10)
    ax2.set_xlabel("time after the release (s)")
    ax2.set_ylabel("$\\varepsilon_{an}(t)/\\varepsilon_{el}^0$")
    ax2.set_title("normalized anelastic strain ([Atzmon2023] Fig. 2)", fontsize=10)
    for ax in (ax1, ax2):
        ax.grid(True, which="both", alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
