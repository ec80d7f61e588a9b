#!/usr/bin/python3
"""Tests of the ParaView scripts of postprocess/ on a finished small mandrel
run (tests/postprocess/render_mandrel.prm, a reduced inputs/mandrel.prm).

usage: /usr/bin/python3 render_run_test.py CASE --mgrelax BINARY
           --source DIR --workdir DIR

CASE:
  pictures  render_run.py writes one PNG per frame of the .pvd, of the size
            asked, not uniform, that change as the ribbon bends, and an Ogg
            animation; its colour range is the von_Mises range of the .vtu
            files over the series; the reflected sample spans the whole
            ribbon of the input's Geometry; the held ribbon's inner and outer
            faces lie at R and R + h from the drawn mandrel's axis;
            open_in_paraview.py writes a state that loads with both Reflect
            filters and "Snap To TimeSteps".  One Xvfb server for the case.
  refusals  render_run.py exits 1 with a message for an unknown field
            (listing the run's fields), a missing .pvd, and no X display
            (instead of ParaView's abort).  No X server needed.
  inputs    mgrelax_paraview.input_entries reads experiment, dimension and
            Mandrel/radius of the shipped 2D mandrel and
            three-point inputs, and of an input that sets none of them (the
            defaults), as `mgrelax run --print-parameters` resolves them.

Exits 77 (ctest SKIP_RETURN_CODE) with a message when pvpython (Debian:
python3-paraview) or, for `pictures`, Xvfb (xvfb) is not installed.
"""
import argparse
import glob
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib

SKIP = 77
SIZE = (320, 180)


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print("ok: " + message)


def need(program, package):
    if shutil.which(program) is None:
        print("SKIP: %s not found (Debian package %s): the ParaView render "
              "tests need it" % (program, package))
        sys.exit(SKIP)


def read_png(path):
    """(width, height, rows of bytes) of an 8-bit RGB or RGBA PNG, decoded
    with the standard library (zlib and the PNG row filters)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail("%s is not a PNG" % path)
    at, idat = 8, b""
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        body = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    if depth != 8 or colour not in (2, 6):
        fail("%s: not 8-bit RGB(A)" % path)
    step = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * step
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - step] if i >= step else 0
            b, c = previous[i], previous[i - step] if i >= step else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else
                                      b if pb <= pc else c)) & 255
        rows.append(bytes(line[k] for k in range(stride) if k % step < 3))
        previous = line
    return width, height, rows


def variance(rows):
    values = [v for row in rows for v in row]
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)


def mean_difference(a, b):
    return sum(abs(x - y) for ra, rb in zip(a, b) for x, y in zip(ra, rb)) / \
        (len(a) * len(a[0]))


def vtu_range(directory, field):
    """min, max of a cell field over every .vtu of the run (ASCII arrays)."""
    lo, hi = float("inf"), -float("inf")
    for vtu in glob.glob(os.path.join(directory, "*.vtu")):
        for array in ET.parse(vtu).getroot().iter("DataArray"):
            if array.get("Name") == field:
                values = [float(v) for v in array.text.split()]
                lo, hi = min(lo, min(values)), max(hi, max(values))
    return lo, hi


def run_mandrel(args, workdir):
    prm = os.path.join(args.source, "tests", "postprocess",
                       "render_mandrel.prm")
    done = subprocess.run([args.mgrelax, "run", prm], cwd=workdir,
                          capture_output=True, text=True)
    if done.returncode != 0:
        fail("mgrelax run %s: %s" % (prm, done.stdout + done.stderr))
    return prm, os.path.join(workdir, "output", "render_mandrel",
                             "render_mandrel.pvd")


def pvpython(args, script, arguments, env=None):
    return subprocess.run(
        ["pvpython", os.path.join(args.source, script)] + arguments,
        capture_output=True, text=True, env=env, timeout=300)


def start_xvfb():
    """An Xvfb server on a free display; returns (process, DISPLAY)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24",
         "-nolisten", "tcp", "-noreset"],
        pass_fds=(write,), stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as f:
        number = f.readline().strip()
    if not number:
        fail("Xvfb did not start")
    return server, ":" + number


def case_pictures(args, workdir):
    need("Xvfb", "xvfb")
    prm, pvd = run_mandrel(args, workdir)
    server, display = start_xvfb()
    try:
        pictures_checks(args, prm, pvd, dict(os.environ, DISPLAY=display))
    finally:
        server.terminate()
        server.wait()


def pictures_checks(args, prm, pvd, env):
    out = os.path.join(os.path.dirname(pvd), "frames")
    done = pvpython(args, "postprocess/render_run.py",
                    [pvd, "--input", prm, "--size", "%dx%d" % SIZE,
                     "--output-dir", out], env)
    check(done.returncode == 0, "render_run.py exits 0 (%s)" %
          (done.stdout + done.stderr).strip())
    times = [float(d.get("timestep"))
             for d in ET.parse(pvd).getroot().iter("DataSet")]
    pngs = sorted(glob.glob(os.path.join(out, "render_mandrel_*.png")))
    check(len(pngs) == len(times), "%d PNGs, one per frame of the .pvd (%d)"
          % (len(pngs), len(times)))
    images = []
    for png in pngs:
        width, height, rows = read_png(png)
        if (width, height) != SIZE or variance(rows) < 100.0:
            fail("%s: %dx%d, pixel variance %.1f (expected %dx%d, not "
                 "uniform)" % (png, width, height, variance(rows), *SIZE))
        images.append(rows)
    print("ok: every PNG is %dx%d with pixel variance >= 100" % SIZE)
    wrapped = times.index(1.0)  # the end of the wrap
    check(mean_difference(images[0], images[wrapped]) > 1.0,
          "the flat and the wrapped ribbon's pictures differ")
    with open(os.path.join(out, "render_mandrel.ogv"), "rb") as f:
        check(f.read(4) == b"OggS", "the animation is an Ogg file")
    lo, hi = vtu_range(os.path.dirname(pvd), "von_Mises")
    printed = done.stdout.split(" in [")[1].split("]")[0].split(", ")
    check(abs(float(printed[0]) - lo) <= 1e-8 * hi and
          abs(float(printed[1]) - hi) <= 1e-8 * hi,
          "colour range [%s] = von_Mises range of the .vtu files [%.9g, "
          "%.9g]" % (", ".join(printed), lo, hi))
    geometry_checks(args, prm, pvd, times[wrapped + 1], env)
    state_checks(args, prm, pvd, env)


def geometry_checks(args, prm, pvd, held, env):
    done = subprocess.run(
        ["pvpython", os.path.join(args.source, "tests", "postprocess",
                                  "render_scene_probe.py"),
         args.source, pvd, prm, repr(held)],
        capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        fail("render_scene_probe.py: " + done.stdout + done.stderr)
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    # The input's Geometry (tests/postprocess/render_mandrel.prm).
    length, width, h, radius = 6e-3, 1.2e-3, 20e-6, 3.3e-3
    expected = [-length / 2, length / 2, -width / 2, width / 2, -h / 2, h / 2]
    check(all(abs(a - b) <= 1e-7 * length
              for a, b in zip(probe["whole"], expected)),
          "the reflected sample spans the whole ribbon %s" % probe["whole"])
    check(abs(probe["mandrel"][5] + h / 2) <= 1e-9 and
          abs(probe["mandrel"][1] - radius) <= 1e-9 and
          abs(probe["mandrel"][4] + h / 2 + 2 * radius) <= 1e-9,
          "the mandrel: radius R, touching the inner face z = -h/2 at x = 0")
    # The inner face is on the mandrel to the Float32 output (about 2e-10 m
    # at 3 mm).  The outer face is at R + h up to the change of thickness in
    # bending, of the order of the surface strain times h (3e-3 h; measured
    # +4.7e-4 h): within 1e-3 h.
    check(abs(probe["radius_min"] - radius) <= 1e-9 and
          abs(probe["radius_max"] - radius - h) <= 1e-3 * h,
          "held at t = %g s, the whole warped ribbon lies between R and "
          "R + h from the mandrel's axis (%.10g, %.10g m)" %
          (held, probe["radius_min"], probe["radius_max"]))


def state_checks(args, prm, pvd, env):
    state = os.path.join(os.path.dirname(pvd), "state.pvsm")
    done = pvpython(args, "postprocess/open_in_paraview.py",
                    [pvd, "--input", prm, "--state", state], env)
    check(done.returncode == 0 and os.path.isfile(state),
          "open_in_paraview.py writes a state (%s)" %
          (done.stdout + done.stderr).strip())
    loader = os.path.join(os.path.dirname(pvd), "load_state.py")
    with open(loader, "w") as f:
        f.write("from paraview import simple as pv\n"
                "pv.LoadState(%r)\n"
                "print(sorted(k[0] for k in pv.GetSources()))\n"
                "print(pv.GetAnimationScene().PlayMode)\n" % state)
    done = subprocess.run(["pvpython", loader], capture_output=True,
                          text=True, env=env, timeout=300)
    check(done.returncode == 0 and "'Reflect X Min'" in done.stdout and
          "'Reflect Y Min'" in done.stdout and
          "Snap To TimeSteps" in done.stdout,
          "the state loads with both reflections and Snap To TimeSteps")


def case_refusals(args, workdir):
    prm, pvd = run_mandrel(args, workdir)
    env = dict(os.environ)
    env.pop("DISPLAY", None)
    done = pvpython(args, "postprocess/render_run.py",
                    [pvd, "--input", prm, "--field", "no_such_field"], env)
    check(done.returncode == 1 and "no field 'no_such_field'" in
          done.stderr and "von_Mises" in done.stderr and "eps_an_eq" in
          done.stderr and "displacement" in done.stderr,
          "an unknown field: exit 1, the run's fields listed (%s)" %
          done.stderr.strip()[:100])
    missing = os.path.join(workdir, "output", "none", "none.pvd")
    done = pvpython(args, "postprocess/render_run.py",
                    [missing, "--input", prm], env)
    check(done.returncode == 1 and missing in done.stderr,
          "a missing .pvd: exit 1, the file named")
    done = pvpython(args, "postprocess/render_run.py",
                    [pvd, "--input", prm, "--frames", "last"], env)
    check(done.returncode == 1 and "xvfb-run" in done.stderr,
          "no X display: exit 1 with the xvfb-run hint, no abort")


def case_inputs(args, workdir):
    sys.path.insert(0, os.path.join(args.source, "postprocess"))
    import mgrelax_paraview as mp
    bare = os.path.join(workdir, "bare_mandrel.prm")
    with open(bare, "w") as f:
        f.write("set material file = %s\n" % os.path.join(
            args.source, "inputs", "materials", "Al86.8Ni3.7Y9.5_STZ.prm"))
    # Inputs whose symmetry planes or mandrel the pictures depend on.
    inputs = [os.path.join(args.source, "inputs", name + ".prm") for name in
              ("mandrel_nonlinear", "bending_three_point")]
    for prm in inputs + [bare]:
        printed = subprocess.run(
            [args.mgrelax, "run", "--print-parameters", prm], cwd=workdir,
            capture_output=True, text=True)
        if printed.returncode != 0:
            fail("mgrelax run --print-parameters %s: %s" %
                 (prm, printed.stderr))
        resolved = os.path.join(workdir, "resolved.prm")
        with open(resolved, "w") as f:
            f.write(printed.stdout)
        want, got = mp.input_entries(resolved), mp.input_entries(prm)
        for key in ("experiment", "dimension"):
            if want[key] != got[key]:
                fail("%s: %s = %s, mgrelax says %s" % (prm, key, got[key],
                                                       want[key]))
        if float(want["Mandrel/radius"]) != float(got["Mandrel/radius"]):
            fail("%s: Mandrel/radius = %s, mgrelax says %s" %
                 (prm, got["Mandrel/radius"], want["Mandrel/radius"]))
    print("ok: experiment, dimension and Mandrel/radius of %d inputs as "
          "mgrelax resolves them" % (len(inputs) + 1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("case", choices=["pictures", "refusals", "inputs"])
    p.add_argument("--mgrelax", required=True)
    p.add_argument("--source", required=True)
    p.add_argument("--workdir", required=True)
    args = p.parse_args()
    if args.case != "inputs":
        need("pvpython", "python3-paraview")
    os.makedirs(args.workdir, exist_ok=True)
    workdir = tempfile.mkdtemp(prefix=args.case + "_", dir=args.workdir)
    {"pictures": case_pictures, "refusals": case_refusals,
     "inputs": case_inputs}[args.case](args, workdir)
    shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
