#!/usr/bin/env pvpython
"""Render a finished mgrelax run to pictures and an animation.

usage: xvfb-run -a pvpython postprocess/render_run.py output/NAME/NAME.pvd
           [--input FILE.prm] [--frames all|first|last|T1,T2,...]
           [--field NAME] [--output-dir DIR] [--prefix NAME]
           [--size WxH] [--warp-scale S|auto] [--fps N] [--no-movie]

Draws the whole sample (the modelled quarter or half reflected across the
experiment's symmetry planes), warped by its displacement, coloured by a cell
or point field (default von_Mises, stresses in MPa) with a scalar bar whose
range is the field's range over the whole series, the simulated time (with
the phase and temperature of the run's CSV) in the upper left corner, and for
the mandrel the mandrel as a cylinder.  Writes DIR/PREFIX_NNNN.png (NNNN: the
frame's index in the .pvd) for the chosen frames and, for more than one
frame, the animation DIR/PREFIX.ogv (Ogg Theora, --fps frames per second).

--input names the run's input file, which tells the experiment, the
dimension and the mandrel's radius (the output does not); without it
inputs/NAME.prm is used, looked for in the working directory and then in
this repository.  DIR defaults to output/NAME/pictures beside the .pvd,
PREFIX to NAME.  --frames takes times in s, each rendered at the nearest
output time.  --warp-scale: 1 shows the true shape (the default for the
mandrel, whose ribbon is really round); auto (the default otherwise) scales
the displacement so that the largest is a tenth of the sample's length, with
the factor shown in the picture.

ParaView renders through X only (Debian's build has no EGL or OSMesa): run
it under xvfb-run -a (or with DISPLAY set to a running X server).  Any
failure, a missing .pvd, an unknown field (the error lists the run's
fields), no display, a picture not written, exits with status 1.
"""
import argparse
import csv
import os
import re
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mgrelax_paraview as mp  # noqa: E402


def parse_arguments(argv):
    p = argparse.ArgumentParser(
        prog="render_run.py",
        description="\n\n".join(__doc__.split("\n\n")[0:3:2]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n\n".join(__doc__.split("\n\n")[3:]))
    p.add_argument("pvd", help="the run's output/NAME/NAME.pvd")
    p.add_argument("--input", help="the run's input file (.prm or .json); "
                   "default: inputs/NAME.prm")
    p.add_argument("--frames", default="all",
                   help="all, first, last or times in s (comma-separated, "
                   "each snapped to the nearest output time); default all")
    p.add_argument("--field", default="von_Mises",
                   help="cell or point field to colour by; default von_Mises")
    p.add_argument("--output-dir", help="default: pictures/ beside the .pvd")
    p.add_argument("--prefix", help="file name prefix; default NAME")
    p.add_argument("--size", default="800x450",
                   help="image size WxH in pixels; default 800x450")
    p.add_argument("--warp-scale", default=None,
                   help="displacement scale factor or auto; default 1 for "
                   "the mandrel, auto otherwise")
    p.add_argument("--fps", type=float, default=4.0,
                   help="animation frames per second; default 4")
    p.add_argument("--no-movie", action="store_true",
                   help="write the pictures only")
    return p.parse_args(argv)


def image_size(text):
    m = re.fullmatch(r"(\d+)x(\d+)", text)
    if not m or not (16 <= int(m.group(1)) <= 8192 and
                     16 <= int(m.group(2)) <= 8192):
        raise mp.RunError("--size %s: expected WxH, each in [16, 8192] "
                          "pixels, e.g. 800x450" % text)
    return [int(m.group(1)), int(m.group(2))]


def chosen_frames(text, times):
    """Indices into `times` of the frames --frames asks for."""
    if text == "all":
        return list(range(len(times)))
    if text in ("first", "last"):
        return [0 if text == "first" else len(times) - 1]
    chosen = []
    for word in text.split(","):
        try:
            wanted = float(word)
        except ValueError:
            raise mp.RunError("--frames: '%s' is not all, first, last or a "
                              "time in s" % word)
        i = min(range(len(times)), key=lambda k: abs(times[k] - wanted))
        if abs(times[i] - wanted) > 1e-6 * max(abs(wanted), 1e-30):
            print("--frames: %g s is not an output time; the nearest is "
                  "%.10g s" % (wanted, times[i]))
        if i not in chosen:
            chosen.append(i)
    return chosen


def readable_time(t):
    """'612104.8 s (7.08 d)'."""
    text = "%.7g s" % t
    for unit, seconds in (("a", 3.15576e7), ("d", 86400.0), ("h", 3600.0),
                          ("min", 60.0)):
        if t >= seconds:
            return text + " (%.3g %s)" % (t / seconds, unit)
    return text


class Record:
    """The run's CSV rows (time, phase, recovery_time, temperature), to
    label each frame; empty if the CSV is missing."""

    def __init__(self, path):
        self.rows = []
        if os.path.isfile(path):
            with open(path, newline="", encoding="utf-8") as f:
                self.rows = [r for r in csv.DictReader(f) if "time" in r]

    def label(self, t):
        text = "t = " + readable_time(t)
        close = [r for r in self.rows
                 if abs(float(r["time"]) - t) <= 1e-9 * max(abs(t), 1.0)]
        if not close:
            start = self.rows and t < float(self.rows[0]["time"])
            return ("start,  " if start else "") + text
        row = close[-1]  # after a jump at this time (the frame's state)
        if row.get("phase"):
            text = row["phase"] + ",  " + text
        if row.get("phase") == "recovery" and row.get("recovery_time"):
            text += "\n" + readable_time(float(row["recovery_time"])) + \
                " after the release"
        if row.get("temperature"):
            text += "\nT = %g K" % float(row["temperature"])
        return text


def write_movie(pictures, path, fps):
    """Encodes the pictures as Ogg Theora (VTK's writer, in Debian's
    ParaView; no ffmpeg needed)."""
    from vtkmodules.vtkIOImage import vtkPNGReader
    from vtkmodules.vtkIOOggTheora import vtkOggTheoraWriter
    reader = vtkPNGReader()
    reader.SetFileName(pictures[0])
    writer = vtkOggTheoraWriter()
    writer.SetInputConnection(reader.GetOutputPort())
    writer.SetFileName(path)
    writer.SetRate(max(1, int(round(fps))))
    writer.SetQuality(2)
    writer.Start()
    for picture in pictures:
        reader.SetFileName(picture)
        reader.Modified()
        writer.Write()
    writer.End()
    if writer.GetError() or not os.path.getsize(path) > 0:
        raise mp.RunError("could not write the animation '%s'" % path)


def the_run(args):
    """The run the arguments name, with its input file."""
    if not os.path.isfile(args.pvd):
        mp.Run(args.pvd, None)  # raises: no such .pvd
    input_file = args.input or mp.default_input(args.pvd)
    if input_file is None:
        raise mp.RunError(
            "which experiment is '%s'? There is no inputs/%s.prm here: name "
            "the run's input file with --input FILE.prm" %
            (args.pvd, os.path.splitext(os.path.basename(args.pvd))[0]))
    return mp.Run(args.pvd, input_file)


def save_frames(view, scene, args, frames, directory, prefix):
    """Writes DIRECTORY/PREFIX_NNNN.png of each frame; returns the paths."""
    from paraview import simple as pv
    label = pv.Text(registrationName="Time")
    shown = pv.Show(label, view)
    shown.WindowLocation = "Upper Left Corner"
    shown.FontSize, shown.Color = 16, mp.BLACK
    shown.Justification = "Left"
    record = Record(scene.run.csv)
    note = "" if scene.scale == 1.0 else "\ndisplacement x %g" % scene.scale
    pictures = []
    for i in frames:
        t = scene.times[i]
        view.ViewTime = t
        label.Text = scene.run.name + ":  " + record.label(t) + note
        path = os.path.join(directory, "%s_%04d.png" % (prefix, i))
        pv.SaveScreenshot(path, view, ImageResolution=list(view.ViewSize),
                          CompressionLevel="9")
        if not (os.path.isfile(path) and os.path.getsize(path) > 0):
            raise mp.RunError("ParaView did not write '%s'" % path)
        pictures.append(path)
    return pictures


def render(args):
    run = the_run(args)
    size = image_size(args.size)
    frames = chosen_frames(args.frames, [t for t, _ in run.files])
    scene = mp.Scene(run, args.field, args.warp_scale)
    mp.check_display()
    directory = args.output_dir or os.path.join(os.path.dirname(run.pvd),
                                                "pictures")
    prefix = args.prefix or run.name
    os.makedirs(directory, exist_ok=True)
    from paraview import simple as pv
    view = pv.CreateView("RenderView")
    try:
        view.ViewSize = size
        mp.white_background(view)
        scene.draw(view, [scene.times[i] for i in frames])
        pictures = save_frames(view, scene, args, frames, directory, prefix)
    finally:
        # Without this, ParaView crashes (GLX) in the exit from sys.exit.
        pv.Delete(view)
    print("%s: %d picture(s) %s%s, %s over the %d frames in [%.9g, %.9g],"
          " displacement x %g" % (
              run.name, len(pictures), pictures[0],
              "" if len(pictures) == 1 else
              " ... " + os.path.basename(pictures[-1]),
              args.field, len(scene.times), scene.lo, scene.hi, scene.scale))
    if len(pictures) > 1 and not args.no_movie:
        movie = os.path.join(directory, prefix + ".ogv")
        write_movie(pictures, movie, args.fps)
        print("%s: animation %s (%d frames, %g per second)" %
              (run.name, movie, len(pictures), args.fps))


def main(argv):
    args = parse_arguments(argv)
    try:
        render(args)
    except mp.RunError as e:
        print("render_run.py: error: %s" % e, file=sys.stderr)
        return 1
    except Exception:  # anything else: the traceback, one line, status 1
        traceback.print_exc()
        print("render_run.py: error: unexpected failure (above)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
