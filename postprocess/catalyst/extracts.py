# script-version: 2
#
# mgrelax's extract pipeline (ParaView Catalyst, headless): every call
# writes the ribbon with the fields mgrelax hands over (subsection Catalyst,
# `fields`) as ribbon_SSSSSS.pvtu (+ one .vtu per rank; SSSSSS: the step),
# and ribbon.pvd lists the complete ones with their simulated times, so
# that ParaView's time slider shows seconds.  Files go to the run's
# output/NAME/catalyst/.  doc/paraview.md explains the pipelines.
from paraview import catalyst
from paraview.simple import *

# The channel mgrelax fills (solver/catalyst/catalyst_adaptor.h).
ribbon = TrivialProducer(registrationName="input")

extract = CreateExtractor("VTU", ribbon, registrationName="ribbon")
extract.Writer.FileName = "ribbon_{timestep:06d}.pvtu"

options = catalyst.Options()
options.GlobalTrigger = "TimeStep"
options.ExtractsOutputDirectory = "."  # the run's output/NAME/catalyst

_frames = []  # (time, file) of the extracts written so far
_directory = ["."]


def _is_root():
    from paraview.modules.vtkRemotingCore import vtkProcessModule

    return vtkProcessModule.GetProcessModule().GetPartitionId() == 0


def _output_directory():
    data = ribbon.GetClientSideObject().GetOutputDataObject(0)
    return data.GetFieldData().GetAbstractArray("output_directory").GetValue(0)


def _write_pvd(frames):
    import os

    path = os.path.join(_directory[0], "ribbon.pvd")
    with open(path + ".part", "w") as out:
        out.write('<?xml version="1.0"?>\n<VTKFile type="Collection" '
                  'version="0.1">\n<Collection>\n')
        for time, name in frames:
            out.write('<DataSet timestep="%.17g" file="%s"/>\n' % (time, name))
        out.write("</Collection>\n</VTKFile>\n")
    os.replace(path + ".part", path)


def catalyst_execute(info):
    # The extract of this call is written after this function returns:
    # the index lists the frames before it, and all of them at the end.
    if _is_root() and _frames:
        _write_pvd(_frames)
    _directory[0] = _output_directory()
    time = info.time
    if _frames and time <= _frames[-1][0]:
        _frames.pop()  # a jump (no duration) replaces the frame at its time
    _frames.append((time, "ribbon_%06d.pvtu" % info.timestep))


def catalyst_finalize():
    if _is_root() and _frames:
        _write_pvd(_frames)
