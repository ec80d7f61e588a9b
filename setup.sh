#!/usr/bin/env bash
# Sets up mgrelax on a Debian bookworm machine and runs something:
#
#   ./setup.sh            install missing packages, configure, build
#   ./setup.sh run        ... then run the main job (see README.md)
#   ./setup.sh test       ... then run the whole test suite
#   ./setup.sh bench      ... then run the benchmarks
#
# Idempotent: packages are installed only when missing (one apt-get update,
# then one apt-get install; nothing else is downloaded), and the build is
# incremental (ccache speeds up rebuilds from scratch).
# ParaView (paraview-dev, python3-paraview: Catalyst in situ and the
# pvpython scripts; xvfb: a display for rendering) is part of the stack;
# a build without it (cmake -DWITH_CATALYST=OFF) skips those tests.
# Environment: BUILD_DIR (default build), JOBS (default nproc).
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-build}
case "$mode" in build|run|test|bench) ;; *)
  echo "usage: ./setup.sh [build|run|test|bench]" >&2; exit 2 ;;
esac

BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}

packages=(cmake make g++ pkg-config libdeal.ii-dev libeigen3-dev
          libgtest-dev libbenchmark-dev openmpi-bin ccache
          python3-matplotlib python3-numpy python3-scipy
          paraview-dev python3-paraview xvfb)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
fi

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}"
fi
cmake --build "$BUILD_DIR" -j "$JOBS"

export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
case "$mode" in
  run)
    mpirun -np "$JOBS" "$BUILD_DIR/mgrelax" run inputs/mandrel.prm
    ;;
  test)
    cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS"
    ;;
  bench)
    for b in "$BUILD_DIR"/bench/bench_*; do "$b"; done
    # The main job's speed target (issue: under 3 minutes on 2 cores): the
    # run prints steps, Newton iterations, DoFs and its wall time.
    mpirun -np "$JOBS" "$BUILD_DIR/mgrelax" run inputs/mandrel.prm \
      | grep -E '^mandrel:'
    ;;
esac
