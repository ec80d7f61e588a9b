#!/bin/sh
# Regenerates README.md's ParaView pictures, postprocess/figures/render_*.png:
# runs the shipped inputs one after the other and renders one frame of each
# with postprocess/render_run.py (5 min 20 s on the shared 2-core machine,
# 85 s of it the runs).
#
# usage: postprocess/make_pictures.sh   (from anywhere; the binary:
#        MGRELAX=path/to/mgrelax, default build/mgrelax)
# Needs pvpython (python3-paraview) and, without a display, xvfb-run (xvfb):
# the script then runs itself under one Xvfb server.  Outputs of the runs go
# to output/ as for `mgrelax run`.
set -eu
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1280x1024x24 -noreset" "$0" "$@"
fi
cd "$(dirname "$0")/.."
MGRELAX=${MGRELAX:-build/mgrelax}
frames=$(mktemp -d)
trap 'rm -rf "$frames"' EXIT

# render INPUT FRAMES NAME: render the frame at FRAMES (a time in s, or
# last) of the run of inputs/INPUT.prm to postprocess/figures/NAME.png.
render() {
  pvpython postprocess/render_run.py "output/$1/$1.pvd" --frames "$2" \
    --no-movie --output-dir "$frames" --prefix "$3"
  mv "$frames/$3"_[0-9][0-9][0-9][0-9].png "postprocess/figures/$3.png"
}

# picture INPUT FRAMES NAME: run inputs/INPUT.prm, then render.
picture() {
  "$MGRELAX" run "inputs/$1.prm" > "$frames/$1.log"
  render "$@"
}

# The mandrel: the ribbon held (the output frame nearest t = 1e6 s, in the
# hold), then recovered 8e7 s after the release (the last frame).
picture mandrel 1e6 render_mandrel_held
render mandrel last render_mandrel_recovered
# The cantilever at the end of its 200 s creep under 0.2 mN.
picture cantilever last render_cantilever
# Three-point bending and tension under load: the last frame before the
# unloading jump (at 200 s and 1e4 s; a jump's frame replaces the one at its
# time, so the frame at that time is already unloaded).
picture bending_three_point 72.96 render_three_point
picture tension 7304 render_tension
ls -l postprocess/figures/render_*.png
