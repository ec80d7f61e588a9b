"""pvpython helper of render_run_test.py: builds postprocess/mgrelax_paraview's
scene of a finished mandrel run (no rendering, no display needed) and prints
as JSON what the test compares with the run's input: the reflected sample's
reference bounds, the drawn mandrel's bounds, and the distances of the warped
sample's points from the mandrel's axis at a held frame.

usage: pvpython render_scene_probe.py SOURCE_DIR RUN.pvd INPUT.prm TIME
"""
import json
import math
import sys

sys.path.insert(0, sys.argv[1] + "/postprocess")
import mgrelax_paraview as mp  # noqa: E402
from paraview import servermanager as sm  # noqa: E402
from paraview import simple as pv  # noqa: E402

run = mp.Run(sys.argv[2], sys.argv[3])
scene = mp.Scene(run, "von_Mises")
held = float(sys.argv[4])
scene.whole.UpdatePipeline(scene.times[0])
whole = scene.whole.GetDataInformation().GetBounds()
mandrel = mp.add_mandrel(run, scene.reader)
mandrel.UpdatePipeline()
cylinder = mandrel.GetDataInformation().GetBounds()
warped = pv.WarpByVector(Input=scene.whole)
warped.Vectors = ["POINTS", "displacement"]
pv.GetAnimationScene().AnimationTime = held  # Fetch updates at the scene time
warped.UpdatePipeline(held)
points = sm.Fetch(warped).GetPoints()
# The axis: along y through (x, z) = (0, centre of the cylinder's z range).
axis_z = 0.5 * (cylinder[4] + cylinder[5])
radii = [math.hypot(p[0], p[2] - axis_z)
         for p in (points.GetPoint(i) for i in range(points.GetNumberOfPoints()))]
print(json.dumps({"whole": list(whole), "mandrel": list(cylinder),
                  "radius_min": min(radii), "radius_max": max(radii),
                  "times": scene.times, "range": [scene.lo, scene.hi]}))
