"""The ParaView pipeline of a finished mgrelax run, shared by
postprocess/render_run.py (pictures and animations, pvpython) and
postprocess/open_in_paraview.py (the ParaView GUI).

A run writes output/NAME/NAME.pvd: the reference mesh of the *modelled* part
of the ribbon with the point field `displacement` and cell fields
(`von_Mises`, `sig_xx`, ..., README "Outputs / ParaView").  What the mesh
models comes from the run's input file (.prm or .json), which the output
does not contain:

- mandrel: a quarter (3D: x >= 0, y >= 0) or half (2D: x >= 0) with
  symmetry planes x = 0 and y = 0 (solver/experiments/mandrel.cc), on a
  rigid cylinder of radius `Mandrel/radius` whose axis is along y through
  (0, -h/2 - R) in the x-z plane (along z in 2D, where the section is the
  x-y plane);
- three-point bending: half the span, midspan symmetry plane x = L/2
  (solver/experiments/bending.cc);
- cantilever, tension: the whole strip.

Reflecting across those planes (ParaView's Reflect, which also flips the
displacement and the tensors) restores the whole sample; warping the
reflected mesh by `displacement` gives the deformed ribbon.

Only the standard library is imported at module level, so that the input
file reading can be tested and reused without ParaView.
"""
import json
import math
import os
import xml.etree.ElementTree as ET

# mgrelax's defaults for the entries read here (`mgrelax run
# --print-parameters`; tests/postprocess/render_run_test.py checks them
# against the binary).
DEFAULTS = {"experiment": "cantilever", "dimension": "3",
            "Mandrel/radius": "0.0033"}

# The symmetry planes of each experiment's model, as ParaView's Reflect
# planes of the reference mesh (whose bounds are the modelled part).
REFLECTIONS = {
    "mandrel": {2: ["X Min"], 3: ["X Min", "Y Min"]},
    "three-point bending": {2: ["X Max"], 3: ["X Max"]},
    "cantilever": {2: [], 3: []},
    "tension": {2: [], 3: []},
}

# Stress fields (Pa) shown in MPa.
STRESS_FIELDS = {"von_Mises", "sig_1", "sig_2", "sig_3", "sig_xx", "sig_yy",
                 "sig_zz", "sig_xy", "sig_yz", "sig_xz", "stress"}


class RunError(Exception):
    """A problem with the run or the request, reported as one message."""


def _prm_entries(path, chain):
    """The entries `path` sets (deal.II's .prm syntax), following `include
    FILE` lines as deal.II does (FILE as written, from the working
    directory); later values replace earlier ones."""
    if path in chain:
        raise RunError("'%s' includes itself (%s)" % (path,
                       " -> ".join(chain + (path,))))
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise RunError("cannot read the input file '%s': %s" %
                       (path, e.strerror))
    entries, sections = {}, []
    for line in text.replace("\\\n", " ").splitlines():
        words = line.split("#", 1)[0].strip()
        if words.startswith("subsection "):
            sections.append(words[len("subsection "):].strip())
        elif words == "end" and sections:
            sections.pop()
        elif words.startswith("include "):
            entries.update(_prm_entries(words[len("include "):].strip(),
                                        chain + (path,)))
        elif words.startswith("set ") and "=" in words:
            key, value = words[4:].split("=", 1)
            entries["/".join(sections + [key.strip()])] = value.strip()
    return entries


def _json_entries(tree, prefix=""):
    """The entries of deal.II's JSON parameter format (nested objects,
    values as strings or as {"value": ...})."""
    entries = {}
    for key, value in tree.items():
        if isinstance(value, dict) and "value" not in value:
            entries.update(_json_entries(value, prefix + key + "/"))
        else:
            value = value["value"] if isinstance(value, dict) else value
            entries[prefix + key] = str(value)
    return entries


def input_entries(path):
    """Every entry the input file sets, 'Section/entry' -> value text, with
    mgrelax's defaults for the entries this module needs."""
    entries = dict(DEFAULTS)
    if path.endswith(".json"):
        try:
            with open(path, encoding="utf-8") as f:
                entries.update(_json_entries(json.load(f)))
        except (OSError, ValueError) as e:
            raise RunError("cannot read the input file '%s': %s" % (path, e))
    else:
        entries.update(_prm_entries(path, ()))
    return entries


class Run:
    """What a finished run is: its .pvd, name, experiment, dimension,
    symmetry planes and (mandrel) radius."""

    def __init__(self, pvd, input_file):
        if not os.path.isfile(pvd):
            raise RunError("no .pvd file '%s' (mgrelax run writes "
                           "output/NAME/NAME.pvd unless 'Output/vtu interval' "
                           "is 0)" % pvd)
        self.pvd = os.path.abspath(pvd)
        self.name = os.path.splitext(os.path.basename(pvd))[0]
        self.input_file = input_file
        entries = input_entries(input_file)
        self.experiment = entries["experiment"]
        if self.experiment not in REFLECTIONS:
            raise RunError("'%s': experiment = %s, expected one of %s" % (
                input_file, self.experiment, ", ".join(sorted(REFLECTIONS))))
        self.dimension = _number(entries, "dimension", input_file, int)
        if self.dimension not in (2, 3):
            raise RunError("'%s': dimension = %d, expected 2 or 3" %
                           (input_file, self.dimension))
        self.reflections = REFLECTIONS[self.experiment][self.dimension]
        self.radius = _number(entries, "Mandrel/radius", input_file, float)
        self.files = pvd_files(pvd)

    @property
    def csv(self):
        """The run's record (NAME.csv beside the .pvd)."""
        return os.path.join(os.path.dirname(self.pvd), self.name + ".csv")


def _number(entries, key, input_file, kind):
    try:
        return kind(entries[key])
    except ValueError:
        raise RunError("'%s': %s = %s is not a number" %
                       (input_file, key, entries[key]))


def pvd_files(pvd):
    """(time, file) of every dataset of a .pvd, in its order."""
    try:
        root = ET.parse(pvd).getroot()
        files = [(float(d.get("timestep")), d.get("file"))
                 for d in root.iter("DataSet")]
    except (ET.ParseError, TypeError, ValueError) as e:
        raise RunError("'%s' is not a readable .pvd: %s" % (pvd, e))
    if not files:
        raise RunError("'%s' lists no datasets" % pvd)
    return files


def default_input(pvd):
    """inputs/NAME.prm for output/NAME/NAME.pvd, looked for in the working
    directory and in the repository this script belongs to; None if
    neither has it."""
    name = os.path.splitext(os.path.basename(pvd))[0] + ".prm"
    here = os.path.dirname(os.path.abspath(__file__))
    for root in (os.getcwd(), os.path.dirname(here)):
        candidate = os.path.join(root, "inputs", name)
        if os.path.isfile(candidate):
            return candidate
    return None


def check_display(attempts=20):
    """ParaView aborts the whole process when it cannot reach an X server:
    refuse with a message before anything is rendered.  Opens (and closes)
    a connection with Xlib, retrying for a few seconds: an Xvfb server
    resets when its last client leaves and refuses connections meanwhile."""
    import ctypes
    import ctypes.util
    import time
    display = os.environ.get("DISPLAY", "")
    hint = ("ParaView renders through X only: run under xvfb-run -a "
            "pvpython ..., or start Xvfb :99 -noreset & and set DISPLAY=:99")
    if not display:
        raise RunError("no X display (DISPLAY is not set); " + hint)
    xlib = ctypes.util.find_library("X11")
    if xlib is None:
        return  # ParaView links Xlib: cannot happen where it runs
    x11 = ctypes.CDLL(xlib)
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    for _ in range(attempts):
        connection = x11.XOpenDisplay(display.encode())
        if connection:
            x11.XCloseDisplay(connection)
            return
        time.sleep(0.25)
    raise RunError("cannot connect to the X server DISPLAY=%s; %s" %
                   (display, hint))


class Scene:
    """The run's reader and whole (reflected) sample, the field to colour by
    with its range over every frame, and the displacement's scale.

    Reads every frame once (the range is the series', so that a colour means
    one stress in every picture); needs no display.
    """

    def __init__(self, run, field, warp_text=None):
        from paraview import simple as pv
        self.run, self.field = run, field
        self.times = [t for t, _ in run.files]
        self.reader = pv.PVDReader(registrationName=run.name + ".pvd",
                                   FileName=run.pvd)
        self.reader.UpdatePipelineInformation()
        self.reader.UpdatePipeline(self.times[0])
        self._check_fields()
        self.whole = self.reader
        for plane in run.reflections:
            self.whole = pv.Reflect(registrationName="Reflect " + plane,
                                    Input=self.whole)
            self.whole.Plane = plane
            self.whole.CopyInput = 1
            # Flip the displacement's and the tensors' components too.
            self.whole.FlipAllInputArrays = 1
        self.lo, self.hi, largest = self._series_range()
        self.whole.UpdatePipeline(self.times[0])
        bounds = self.whole.GetDataInformation().GetBounds()
        self.scale = warp_scale(warp_text, run, bounds[1] - bounds[0],
                                largest)

    def _check_fields(self):
        cells = list(self.reader.CellData.keys())
        points = list(self.reader.PointData.keys())
        self.association = "CELLS" if self.field in cells else "POINTS"
        for field in (self.field, "displacement"):
            if field not in cells + points:
                raise RunError(
                    "no field '%s' in '%s'; its fields are: point data: %s; "
                    "cell data: %s" % (field, self.run.pvd,
                                       ", ".join(sorted(points)),
                                       ", ".join(sorted(cells))))

    def _series_range(self):
        """The field's range over every frame (its magnitude's for vectors
        and tensors), and the largest displacement magnitude."""
        lo, hi, largest = math.inf, -math.inf, 0.0
        for t in self.times:
            self.reader.UpdatePipeline(t)
            data = self.reader.CellData if self.association == "CELLS" \
                else self.reader.PointData
            array = data[self.field]
            r = array.GetRange(0 if array.GetNumberOfComponents() == 1
                               else -1)
            lo, hi = min(lo, r[0]), max(hi, r[1])
            u = self.reader.PointData["displacement"].GetRange(-1)
            largest = max(largest, u[1])
        return lo, hi, largest

    def draw(self, view, camera_times=None):
        """Shows the warped sample coloured by the field with a scalar bar,
        the mandrel, and places a camera that frames the sample at
        camera_times (default: every frame)."""
        from paraview import simple as pv
        self.warped = pv.WarpByVector(registrationName="Warp by displacement",
                                      Input=self.whole)
        self.warped.Vectors = ["POINTS", "displacement"]
        self.warped.ScaleFactor = self.scale
        source, array, title, unit = coloured_source(
            self.warped, self.field, self.association)
        show_field(view, source, (self.association, array), title,
                   self.lo * unit, self.hi * unit)
        self.unit = "" if unit == 1.0 else " MPa"
        if self.run.experiment == "mandrel":
            shown = pv.Show(add_mandrel(self.run, self.reader), view)
            shown.AmbientColor = shown.DiffuseColor = [0.6, 0.6, 0.65]
            shown.Opacity = 0.35
        place_camera(view, self.run, self.warped,
                     self.times if camera_times is None else camera_times)


def warp_scale(text, run, length, largest):
    """The displacement's scale factor: `text` (a number), or by default 1
    for the mandrel, or (auto, the default otherwise) a round number that
    makes the largest displacement about a tenth of the length."""
    if text is None:
        text = "1" if run.experiment == "mandrel" else "auto"
    if text != "auto":
        try:
            scale = float(text)
        except ValueError:
            scale = -1.0
        if not scale > 0.0:
            raise RunError("warp scale %s: expected a positive number or "
                           "auto" % text)
        return scale
    if largest <= 0.0 or largest >= 0.1 * length:
        return 1.0
    target = 0.1 * length / largest
    power = 10.0 ** math.floor(math.log10(target))
    return max(m * power for m in (1, 2, 5) if m * power <= target)


def coloured_source(source, field, association):
    """(source, array, title, unit factor) to colour by: the scalar stresses
    in MPa."""
    from paraview import simple as pv
    if field not in STRESS_FIELDS or field == "stress":
        return source, field, field, 1.0
    mpa = pv.Calculator(registrationName=field + " in MPa", Input=source)
    mpa.AttributeType = "Cell Data" if association == "CELLS" else \
        "Point Data"
    mpa.ResultArrayName = field + "_MPa"
    mpa.Function = field + "*1e-6"
    title = "von Mises stress" if field == "von_Mises" else field
    return mpa, field + "_MPa", title + " (MPa)", 1e-6


BLACK = [0.0, 0.0, 0.0]


def show_field(view, source, array, title, lo, hi):
    """Shows `source` coloured by array = (association, name) over the
    fixed range [lo, hi], with a scalar bar."""
    from paraview import simple as pv
    display = pv.Show(source, view)
    display.Representation = "Surface"
    pv.ColorBy(display, array)
    lut = pv.GetColorTransferFunction(array[1])
    lut.ApplyPreset("Viridis (matplotlib)", True)
    lut.AutomaticRescaleRangeMode = "Never"
    if abs(lo) < 1e-9 * abs(hi):  # round-off, e.g. of an unloaded state
        lo = 0.0
    if hi <= lo:  # a uniform field: a range around its value
        lo, hi = lo - max(abs(lo), 1.0) * 1e-3, hi + max(abs(hi), 1.0) * 1e-3
    lut.RescaleTransferFunction(lo, hi)
    display.SetScalarBarVisibility(view, True)
    bar = pv.GetScalarBar(lut, view)
    bar.Title, bar.ComponentTitle = title, ""
    bar.TitleColor = bar.LabelColor = BLACK
    bar.TitleFontSize = bar.LabelFontSize = 14
    bar.RangeLabelFormat = "%-.3g"
    bar.WindowLocation = "Lower Right Corner"
    bar.ScalarBarLength = 0.6
    return display


def add_mandrel(run, reader):
    """The mandrel as a cylinder placed where the run's contact surface is
    (solver/experiments/mandrel.cc: radius R, touching the inner face
    z = -h/2 at x = 0), a little longer than the ribbon is wide."""
    from paraview import simple as pv
    bounds = reader.GetDataInformation().GetBounds()
    axis = run.dimension - 1  # through the thickness; the mesh: [-h/2, h/2]
    h = bounds[2 * axis + 1] - bounds[2 * axis]
    cylinder = pv.Cylinder(registrationName="Mandrel", Radius=run.radius,
                           Resolution=256, Capping=1)
    # The cylinder source's axis is y: the ribbon's width in 3D; in 2D it
    # is turned onto z, normal to the section.
    if run.dimension == 3:
        cylinder.Height = 1.5 * 2.0 * bounds[3]
        centre, rotate = [0.0, 0.0, -0.5 * h - run.radius], [0.0, 0.0, 0.0]
    else:
        cylinder.Height = h
        centre, rotate = [0.0, -0.5 * h - run.radius, 0.0], [90.0, 0.0, 0.0]
    placed = pv.Transform(registrationName="Mandrel placed", Input=cylinder)
    placed.Transform = "Transform"
    placed.Transform.Translate = centre
    placed.Transform.Rotate = rotate
    return placed


# The part of the picture (x from, to, y from, to; fractions of the width
# and height from the lower left) where the sample is drawn: the time label
# is above it, the scalar bar right of it.
FREE_REGION = (0.03, 0.84, 0.06, 0.8)


def camera_direction(run):
    """From the focal point towards the camera, and the view-up."""
    if run.dimension == 2:
        return [0.0, 0.0, 1.0], [0.0, 1.0, 0.0]
    if run.experiment == "mandrel":
        return [0.2, -1.0, 0.4], [0.0, 0.0, 1.0]
    return [0.45, -1.0, 0.75], [0.0, 0.0, 1.0]


def place_camera(view, run, warped, times):
    """One parallel-projection camera for every frame, which frames the
    sample at all of `times` in FREE_REGION."""
    bounds = [math.inf, -math.inf] * 3
    for t in times:
        warped.UpdatePipeline(t)
        b = warped.GetDataInformation().GetBounds()
        bounds = [min(bounds[i], b[i]) if i % 2 == 0 else
                  max(bounds[i], b[i]) for i in range(6)]
    direction, up = camera_direction(run)
    d = _normalized(direction)
    right = _normalized(_cross(up, d))
    up = _cross(d, right)
    corners = [[bounds[i], bounds[2 + j], bounds[4 + k]]
               for i in (0, 1) for j in (0, 1) for k in (0, 1)]
    across = [_dot(c, right) for c in corners]
    along = [_dot(c, up) for c in corners]
    depth = [_dot(c, d) for c in corners]
    width, height = view.ViewSize
    region = FREE_REGION
    half = 0.5 * max((max(along) - min(along)) / (region[3] - region[2]),
                     (max(across) - min(across)) * height / width /
                     (region[1] - region[0]))
    per_pixel = 2.0 * half / height
    a = 0.5 * (min(across) + max(across)) + \
        (0.5 - 0.5 * (region[0] + region[1])) * width * per_pixel
    b = 0.5 * (min(along) + max(along)) + \
        (0.5 - 0.5 * (region[2] + region[3])) * height * per_pixel
    centre = [a * r + b * u for r, u in zip(right, up)]
    far = max(depth) - min(depth) + 1.0
    view.CameraFocalPoint = centre
    view.CameraPosition = [c + far * x for c, x in zip(centre, d)]
    view.CameraViewUp = up
    view.CameraParallelProjection = 1
    view.CameraParallelScale = half


def _dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def _cross(a, b):
    return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2],
            a[0] * b[1] - a[1] * b[0]]


def _normalized(a):
    n = math.sqrt(_dot(a, a))
    return [x / n for x in a]


def white_background(view):
    view.UseColorPaletteForBackground = 0
    view.Background = [1.0, 1.0, 1.0]
    view.OrientationAxesVisibility = 1
    view.OrientationAxesLabelColor = BLACK


def snap_to_timesteps():
    """Makes the animation step from dataset to dataset (the run's output
    times are log-spaced: equal seconds would skip the early frames)."""
    from paraview import simple as pv
    scene = pv.GetAnimationScene()
    scene.UpdateAnimationUsingDataTimeSteps()
    scene.PlayMode = "Snap To TimeSteps"
    return scene
