"""A run stopped by a signal keeps what it finished (issue 16, finding 3).

`mgrelax run` of the shipped mandrel (its 2D section) and `mgrelax point` of
a shipped creep program are sent SIGTERM or SIGINT after their first
progress line; each must exit with 128 + the signal, leave a CSV whose rows
are complete and equal (to 1e-12) the first rows of the same run left
alone, no .part file, and (run) a .pvd that lists only existing files.
Under mpirun the signal goes to every rank, as a batch system sends it
(signalled itself, Open MPI's mpirun forwards it to the ranks, which stop
the same way, but then exits with status 1).

usage: stop_signal_test.py --mgrelax BUILD/mgrelax --source SRC
           [--mpirun MPIEXEC --ranks N]
"""
import argparse
import csv
import os
import re
import signal
import subprocess
import sys
import tempfile


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.reader(f))


def same(a, b):
    """Equal to 1e-12 relative, or the same text."""
    try:
        x, y = float(a), float(b)
    except ValueError:
        return a == b
    return abs(x - y) <= 1e-12 * max(abs(x), abs(y), 1e-300)


def check_csv(stopped, reference):
    rows, ref = read_rows(stopped), read_rows(reference)
    assert rows[0] == ref[0], f"{stopped}: header differs from {reference}"
    body = rows[1:]
    assert 0 < len(body) < len(ref) - 1, (
        f"{stopped}: {len(body)} rows of {len(ref) - 1}: the run was not "
        "stopped part way")
    for i, row in enumerate(body):
        assert len(row) == len(ref[0]), f"{stopped}: row {i + 1} incomplete"
        for name, a, b in zip(ref[0], row, ref[i + 1]):
            assert same(a, b), f"{stopped}: row {i + 1}, {name}: {a} != {b}"
    return len(body)


def check_pvd(pvd):
    """Every file the .pvd lists exists, and so do the pieces it names."""
    directory = os.path.dirname(pvd)
    with open(pvd) as f:
        listed = re.findall(r'file="([^"]+)"', f.read())
    assert listed, f"{pvd} lists no file"
    for name in listed:
        path = os.path.join(directory, name)
        with open(path) as f:
            pieces = re.findall(r'Source="([^"]+)"', f.read())
        for piece in pieces:
            with open(os.path.join(directory, piece)) as f:
                assert f.read().rstrip().endswith("</VTKFile>"), piece
    return len(listed)


def run(command, cwd):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def children(pid):
    """The processes whose parent is pid (under mpirun: the ranks)."""
    found = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                # pid (name) state ppid ...: the name may hold spaces.
                if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
        except (OSError, ValueError, IndexError):
            pass
    return found


def stopped_run(command, cwd, signum, step, to_ranks):
    """Runs the command, sends the signal after its progress line of the
    step (with to_ranks: to mpirun's children, the ranks, as a batch system
    signals every task of a job); returns the exit status and the
    output."""
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    output = ""
    for line in process.stdout:
        output += line
        if re.match(rf"step\s+{step} ", line):
            for pid in children(process.pid) if to_ranks else [process.pid]:
                os.kill(pid, signum)
            break
    output += process.stdout.read()
    return process.wait(timeout=300), output


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mgrelax", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--mpirun")
    parser.add_argument("--ranks", type=int, default=1)
    a = parser.parse_args()
    mgrelax = os.path.abspath(a.mgrelax)
    launch = ([a.mpirun, "-np", str(a.ranks), "--oversubscribe"]
              if a.mpirun else [])
    materials = os.path.join(a.source, "inputs", "materials")
    with tempfile.TemporaryDirectory() as cwd:
        for name in ("reference", "stopped"):
            with open(os.path.join(cwd, name + ".prm"), "w") as f:
                f.write(f"include {a.source}/inputs/mandrel.prm\n"
                        f"set material file = {materials}/"
                        "Al86.8Ni3.7Y9.5_STZ.prm\n"
                        "set dimension = 2\n"
                        "subsection Output\n  set vtu interval = 4\n"
                        "  set spectrum analysis = false\nend\n")
        run(launch + [mgrelax, "run", "reference.prm"], cwd)
        status, output = stopped_run(
            launch + [mgrelax, "run", "stopped.prm"], cwd, signal.SIGTERM, 9,
            bool(a.mpirun))
        assert status == 128 + signal.SIGTERM, f"status {status}:\n{output}"
        assert "stopped by SIGTERM after step" in output, output
        out = os.path.join(cwd, "output")
        n = check_csv(f"{out}/stopped/stopped.csv",
                      f"{out}/reference/reference.csv")
        frames = check_pvd(f"{out}/stopped/stopped.pvd")
        leftovers = [f for f in os.listdir(f"{out}/stopped")
                     if f.endswith(".part")]
        assert not leftovers, leftovers
        print(f"run: SIGTERM, {n} rows kept, {frames} frames listed")
        if a.mpirun:
            return
        # The point driver: a long creep hold, stopped by SIGINT.
        for name in ("point_reference", "point_stopped"):
            with open(os.path.join(cwd, name + ".prm"), "w") as f:
                f.write(f"set material file = {materials}/"
                        "La30Ce30Ni10Al20Co10_S1.prm\n"
                        "set initial temperature = 400\n"
                        "subsection Load program\n"
                        "  set segments = jump to=1e8; hold duration=1e4 "
                        "dt0=1e-4 growth=1.001\nend\n")
        run([mgrelax, "point", "point_reference.prm"], cwd)
        # The point driver prints no progress: stop it once its first rows
        # have reached the file.
        process = subprocess.Popen([mgrelax, "point", "point_stopped.prm"],
                                   cwd=cwd, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        part = f"{out}/point_stopped/point_stopped.csv.part"
        while process.poll() is None and not (
                os.path.exists(part) and os.path.getsize(part) > 0):
            pass
        process.send_signal(signal.SIGINT)
        output = process.communicate(timeout=300)[0]
        assert process.returncode == 128 + signal.SIGINT, (
            f"status {process.returncode}:\n{output}")
        assert "stopped by SIGINT" in output, output
        assert not os.path.exists(part), part
        n = check_csv(f"{out}/point_stopped/point_stopped.csv",
                      f"{out}/point_reference/point_reference.csv")
        print(f"point: SIGINT, {n} rows kept")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print(f"FAILED: {e}")
        sys.exit(1)
