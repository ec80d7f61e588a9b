# script-version: 2
#
# mgrelax's image pipeline (ParaView Catalyst; renders, so it needs an X
# display: run mgrelax under `xvfb-run -a`).  Every call saves
# images/ribbon_SSSSSS.png (SSSSSS: the step) of the whole sample: the
# modelled part reflected about its symmetry planes (field data
# symmetry_plane_x/_y of the experiment), warped by the displacement (true
# scale: a ribbon on a mandrel is round), coloured by the von Mises stress
# with the range over all ranks (field data range_von_Mises) and a scalar
# bar, the mandrel drawn (field data mandrel_radius, mandrel_axis_height),
# and the simulated time in a corner.  doc/paraview.md explains the
# pipelines.
import os

from paraview import catalyst
from paraview.simple import *

FIELD = "von_Mises"
SIZE = [1024, 576]

ribbon = TrivialProducer(registrationName="input")
warped = WarpByVector(Input=ribbon, Vectors=["POINTS", "displacement"])
warped.ScaleFactor = 1.0

options = catalyst.Options()
options.GlobalTrigger = "TimeStep"

_scene = {}


def _data():
    return ribbon.GetClientSideObject().GetOutputDataObject(0)


def _field(name, component=0):
    array = _data().GetFieldData().GetArray(name)
    return None if array is None else array.GetComponent(0, component)


def _width():
    whole = _scene.get("whole") or warped
    whole.UpdatePipeline()
    bounds = whole.GetDataInformation().GetBounds()
    return bounds[3] - bounds[2]


def _reflected(source):
    """The source reflected about each symmetry plane the run names."""
    for axis, plane in (("x", "X"), ("y", "Y")):
        centre = _field("symmetry_plane_" + axis)
        if centre is not None:
            source = Reflect(Input=source, Plane=plane, Center=centre)
            source.CopyInput = 1
    return source


def _build_scene():
    view = CreateView("RenderView")
    view.ViewSize = SIZE
    view.OrientationAxesVisibility = 1
    view.Background = [1.0, 1.0, 1.0]
    view.UseColorPaletteForBackground = 0
    whole = _reflected(warped)
    _scene["whole"] = whole
    display = Show(whole, view)
    ColorBy(display, ("CELLS", FIELD))
    display.SetScalarBarVisibility(view, True)
    bar = GetScalarBar(GetColorTransferFunction(FIELD), view)
    bar.Title = FIELD + " (Pa)"
    bar.ComponentTitle = ""
    bar.TitleColor = bar.LabelColor = [0.1, 0.1, 0.1]
    radius = _field("mandrel_radius")
    if radius is not None:
        mandrel = Cylinder(Radius=radius, Resolution=256)
        mandrel.Height = 1.5 * _width()
        mandrel.Center = [0.0, 0.0, _field("mandrel_axis_height")]
        shown = Show(mandrel, view)
        shown.DiffuseColor = [0.75, 0.75, 0.78]
    clock = Text(Text="")
    label = Show(clock, view)
    label.WindowLocation = "Upper Left Corner"
    label.Color = [0.1, 0.1, 0.1]
    label.FontSize = 14
    _scene.update(view=view, clock=clock, whole=whole)


def _place_camera(view, whole):
    # An oblique view of the outer face, the ribbon filling the picture.
    whole.UpdatePipeline()
    bounds = whole.GetDataInformation().GetBounds()
    centre = [0.5 * (bounds[2 * i] + bounds[2 * i + 1]) for i in range(3)]
    size = max(bounds[2 * i + 1] - bounds[2 * i] for i in range(3))
    view.CameraFocalPoint = centre
    view.CameraPosition = [centre[0] + 0.5 * size, centre[1] - 1.6 * size,
                           centre[2] + 1.0 * size]
    view.CameraViewUp = [0.0, 0.0, 1.0]
    view.ResetCamera(*bounds)


def catalyst_execute(info):
    if not _scene:
        _build_scene()
    view = _scene["view"]
    _scene["clock"].Text = "t = %.4g s   (step %d)" % (info.time, info.timestep)
    low, high = _field("range_" + FIELD, 0), _field("range_" + FIELD, 1)
    lut = GetColorTransferFunction(FIELD)
    lut.RescaleTransferFunction(low, max(high, low * (1 + 1e-12) + 1e-30))
    GetOpacityTransferFunction(FIELD).RescaleTransferFunction(low, high)
    view.ViewTime = info.time
    _place_camera(view, _scene["whole"])
    directory = os.path.join(
        _data().GetFieldData().GetAbstractArray("output_directory").GetValue(0),
        "images")
    os.makedirs(directory, exist_ok=True)
    SaveScreenshot(os.path.join(directory, "ribbon_%06d.png" % info.timestep),
                   view, ImageResolution=SIZE)


def catalyst_finalize():
    # The render view goes before the process ends: ParaView 5.11 can
    # crash at exit (a GLX error) when a view that rendered outlives it.
    if _scene:
        Delete(_scene["view"])
        _scene.clear()
