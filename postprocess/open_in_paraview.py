"""Open a finished mgrelax run in ParaView with the whole sample, warped and
coloured, ready to play.

In the ParaView GUI (from the repository's root):

    MGRELAX_RUN=output/mandrel/mandrel.pvd paraview --script=postprocess/open_in_paraview.py

(MGRELAX_INPUT=FILE.prm names the run's input file if it is not
inputs/NAME.prm; MGRELAX_FIELD another field than von_Mises.)  Or write a
ParaView state file once and open that (File > Load State, or):

    xvfb-run -a pvpython postprocess/open_in_paraview.py output/mandrel/mandrel.pvd
    paraview --state=output/mandrel/mandrel.pvsm

usage: xvfb-run -a pvpython postprocess/open_in_paraview.py output/NAME/NAME.pvd
           [--input FILE.prm] [--field NAME] [--warp-scale S|auto]
           [--state FILE.pvsm]

The pipeline is render_run.py's (postprocess/mgrelax_paraview.py): the .pvd
reader, Reflect filters across the experiment's symmetry planes (the mandrel
quarter twice, three-point bending's half once), Warp By Vector of the
displacement (scale 1 for the mandrel, a round factor otherwise), the field
in MPa for stresses, its colour range fixed to the range over all frames, the
mandrel as a cylinder, the time in a corner, and the animation set to "Snap
To TimeSteps" (the output times are log-spaced).  The state file names the
run's .pvd by its absolute path (ParaView's Load State dialog can search
another directory for it).  Writing it needs an X display (xvfb-run -a).
Errors (no .pvd, an unknown field: the list of fields) exit with status 1.
"""
import argparse
import os
import sys



def _here():
    """This script's directory.  ParaView 5.11's GUI runs --script=FILE with
    no __file__ and sys.argv [''], so there it comes from the GUI's own
    command line."""
    if "__file__" in globals():
        return os.path.dirname(os.path.abspath(__file__))
    try:
        with open("/proc/self/cmdline", "rb") as f:
            words = f.read().decode(errors="replace").split("\0")
        for word in words:
            if word.startswith("--script="):
                return os.path.dirname(os.path.abspath(word[9:]))
    except OSError:
        pass
    return os.path.join(os.getcwd(), "postprocess")


sys.path.insert(0, _here())
import mgrelax_paraview as mp  # noqa: E402


def build(pvd, input_file, field, warp_text):
    """The run's pipeline in the active render view; returns the run and
    the view."""
    from paraview import simple as pv
    if not os.path.isfile(pvd):
        mp.Run(pvd, None)  # raises: no such .pvd
    input_file = input_file or mp.default_input(pvd)
    if input_file is None:
        raise mp.RunError("which experiment is '%s'? Name the run's input "
                          "file (--input, or MGRELAX_INPUT in the GUI)" % pvd)
    run = mp.Run(pvd, input_file)
    scene = mp.Scene(run, field, warp_text)
    view = pv.GetActiveViewOrCreate("RenderView")
    mp.white_background(view)
    scene.draw(view)
    time = pv.AnnotateTimeFilter(registrationName="Time", Input=scene.reader)
    time.Format = "t = {time:.7g} s"
    shown = pv.Show(time, view)
    shown.WindowLocation = "Upper Left Corner"
    shown.FontSize, shown.Color = 16, mp.BLACK
    mp.snap_to_timesteps()
    pv.SetActiveSource(scene.warped)
    return run, view


def gui():
    """Called inside the ParaView GUI: the run named by MGRELAX_RUN."""
    from paraview import simple as pv
    try:
        build(os.environ["MGRELAX_RUN"], os.environ.get("MGRELAX_INPUT"),
              os.environ.get("MGRELAX_FIELD", "von_Mises"), None)
    except mp.RunError as e:
        print("open_in_paraview.py: error: %s" % e, file=sys.stderr)
        raise
    pv.Render()


def main(argv):
    p = argparse.ArgumentParser(
        prog="open_in_paraview.py",
        description="Write a ParaView state file (.pvsm) that opens a run "
        "with the reflections and the warp applied.",
        epilog="In the GUI instead: MGRELAX_RUN=output/NAME/NAME.pvd "
        "paraview --script=postprocess/open_in_paraview.py")
    p.add_argument("pvd", help="the run's output/NAME/NAME.pvd")
    p.add_argument("--input", help="the run's input file; default: "
                   "inputs/NAME.prm")
    p.add_argument("--field", default="von_Mises",
                   help="field to colour by; default von_Mises")
    p.add_argument("--warp-scale", help="displacement scale or auto; "
                   "default 1 for the mandrel, auto otherwise")
    p.add_argument("--state", help="state file to write; default "
                   "NAME.pvsm beside the .pvd")
    args = p.parse_args(argv)
    from paraview import simple as pv
    view = None
    try:
        # The animation scene renders once when it learns the times.
        mp.check_display()
        run, view = build(args.pvd, args.input, args.field, args.warp_scale)
        state = args.state or os.path.splitext(run.pvd)[0] + ".pvsm"
        pv.SaveState(state)
        if not os.path.isfile(state):
            raise mp.RunError("ParaView did not write '%s'" % state)
    except mp.RunError as e:
        print("open_in_paraview.py: error: %s" % e, file=sys.stderr)
        return 1
    finally:
        if view is not None:  # else ParaView crashes (GLX) in sys.exit
            pv.Delete(view)
    print("wrote %s: open it with  paraview --state=%s" % (state, state))
    return 0


# The GUI: MGRELAX_RUN names the run (the GUI's own arguments, if it passes
# them, name no .pvd); pvpython: the command line does.
if "MGRELAX_RUN" in os.environ and \
        not any(a.endswith(".pvd") for a in sys.argv[1:]):
    gui()
elif __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
