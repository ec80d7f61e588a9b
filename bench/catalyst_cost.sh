#!/usr/bin/env bash
# The cost of ParaView Catalyst in situ (issue 13): the mandrel of
# inputs/mandrel.prm at a shortened program (hold 100 s, recovery 1000 s),
# at the shipped mesh and at about 25k DoFs, with the extract and the image
# pipelines every 5th step.  Prints each run's steps, DoFs, wall time,
# Catalyst calls and their seconds, and the in-situ share of the run from
# its timing table.  Needs xvfb-run (the images render).
#   usage: bench/catalyst_cost.sh [BUILD_DIR]
set -euo pipefail
source=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$source/build}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
run() { # NAME CELLS_ALONG CELLS_ACROSS CELLS_THROUGH
  cat > "$1.prm" <<PRM
include $source/inputs/mandrel.prm
set material file = $source/inputs/materials/Al86.8Ni3.7Y9.5_STZ.prm
subsection Geometry
  set cells along length = $2
  set cells across width = $3
  set cells through thickness = $4
end
subsection Mandrel
  set constraining time = 100
  set recovery time = 1000
end
subsection Output
  set vtu interval = 0
  set spectrum analysis = false
end
subsection Catalyst
  set scripts = extracts, images
  set interval = 5
end
PRM
  echo "== $1"
  xvfb-run -a "$build/mgrelax" run "$1.prm" 2>/dev/null |
    grep -E "^mandrel:|Catalyst:|^  in-situ|^  total"
}
run shipped 12 2 2
run dofs25k 40 5 4
