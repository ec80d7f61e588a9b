#!/usr/bin/python3
"""Run the commands of README.md's ```sh blocks, in order, as a user would.

usage: /usr/bin/python3 tests/readme_commands.py [--dry-run] [--readme FILE]
           [--source DIR] [--build DIR] [--workdir DIR] [--keep]

Every fenced block opened by ```sh (or ```bash, ```shell) is read; lines
continued with a trailing backslash are joined; blank and comment lines are
dropped, and so are `./setup.sh ...` lines (the top-level commands, which CI
runs itself).  The commands run one by one with bash in a scratch directory
that holds a symbolic link to every top-level entry of the source tree
(except build/ and output/) and build -> the build directory, so outputs
land in the scratch directory's output/ and the source tree is not written.
The working directory and exported variables carry over from one command to
the next, as in one interactive shell.  The first command that exits
non-zero stops the run: it is printed with its output and the script exits
1.  --dry-run lists the commands it would run and exits 0.

Standard library only (run with /usr/bin/python3).  Set the environment the
commands need before running it (ctest sets OMPI_ALLOW_RUN_AS_ROOT=1 and
OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 for mpirun as root).  A README command that
runs ctest would start this test again: nested runs exit 0 at once.
"""
import argparse
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

FENCE_OPEN = re.compile(r"^\s*```(sh|bash|shell)\s*$")
FENCE_CLOSE = re.compile(r"^\s*```\s*$")
NESTED = "MGRELAX_README_COMMANDS_RUNNING"


def readme_commands(text):
    """The commands of the ```sh blocks of `text`: (line number, command)."""
    commands = []
    in_block = False
    pending, pending_line = "", 0
    for number, line in enumerate(text.splitlines(), 1):
        if not in_block:
            in_block = bool(FENCE_OPEN.match(line))
            continue
        if FENCE_CLOSE.match(line):
            if pending.strip():
                commands.append((pending_line, pending.strip()))
            in_block, pending = False, ""
            continue
        if not pending:
            pending_line = number
        piece = line.strip() if pending else line.rstrip()
        if piece.endswith("\\"):
            pending += piece[:-1].rstrip() + " "
            continue
        pending += piece
        command, pending = pending.strip(), ""
        if command and not command.startswith("#"):
            commands.append((pending_line, command))
    return commands


def is_setup(command):
    """A `./setup.sh ...` line (run by CI itself, not by this test)."""
    words = shlex.split(command, comments=True)
    return bool(words) and os.path.normpath(words[0]) == "setup.sh" and \
        words[0].startswith("./")


def make_workdir(source, build, workdir):
    os.makedirs(workdir, exist_ok=True)
    for entry in sorted(os.listdir(source)):
        if entry in ("build", "output", ".git"):
            continue
        link = os.path.join(workdir, entry)
        if not os.path.lexists(link):
            os.symlink(os.path.join(source, entry), link)
    link = os.path.join(workdir, "build")
    if not os.path.lexists(link):
        os.symlink(build, link)


def run_commands(commands, workdir):
    state = os.path.join(workdir, ".readme_commands")
    os.makedirs(state, exist_ok=True)
    cwd_file = os.path.join(state, "cwd")
    env_file = os.path.join(state, "env")
    with open(cwd_file, "w") as f:
        f.write(workdir)
    open(env_file, "w").close()
    env = dict(os.environ)
    env[NESTED] = "1"
    for number, command in commands:
        # One shell per command, started where the last one ended and with
        # the variables it exported.
        script = (
            f'cd "$(cat {shlex.quote(cwd_file)})" || exit 1\n'
            f'. {shlex.quote(env_file)}\n'
            f"{command}\n"
            "status=$?\n"
            f'pwd > {shlex.quote(cwd_file)}\n'
            f'export -p > {shlex.quote(env_file)}\n'
            'exit "$status"\n')
        print(f"README.md:{number}: {command}", flush=True)
        start = time.monotonic()
        result = subprocess.run(["/bin/bash", "-c", script], env=env,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True,
                                errors="replace")
        seconds = time.monotonic() - start
        if result.returncode != 0:
            sys.stdout.write(result.stdout)
            print(f"FAILED (exit status {result.returncode}, {seconds:.1f} s)"
                  f": README.md:{number}: {command}", flush=True)
            return 1
        tail = result.stdout.strip().splitlines()[-3:]
        for line in tail:
            print("    " + line)
        print(f"  ok ({seconds:.1f} s)", flush=True)
    return 0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(
        description="Run the commands of README.md's ```sh blocks.")
    parser.add_argument("--dry-run", action="store_true",
                        help="list the commands and exit")
    parser.add_argument("--source", default=os.path.dirname(here),
                        help="source tree (default: this script's ..)")
    parser.add_argument("--readme", help="default: SOURCE/README.md")
    parser.add_argument("--build", help="default: SOURCE/build")
    parser.add_argument("--workdir",
                        help="scratch directory (default: a new temporary "
                        "one, removed after a successful run)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the temporary scratch directory")
    args = parser.parse_args()
    source = os.path.abspath(args.source)
    readme = args.readme or os.path.join(source, "README.md")
    build = os.path.abspath(args.build or os.path.join(source, "build"))
    with open(readme) as f:
        all_commands = readme_commands(f.read())
    commands = [(n, c) for n, c in all_commands if not is_setup(c)]
    if args.dry_run:
        for number, command in all_commands:
            skipped = "" if (number, command) in commands else \
                "  [skipped: run by CI]"
            print(f"README.md:{number}: {command}{skipped}")
        return 0
    if os.environ.get(NESTED):
        print("readme_commands: nested run (a README command runs the "
              "tests): skipped")
        return 0
    if not commands:
        print(f"{readme}: no ```sh commands", file=sys.stderr)
        return 1
    temporary = args.workdir is None
    workdir = os.path.abspath(args.workdir or
                              tempfile.mkdtemp(prefix="mgrelax_readme_"))
    make_workdir(source, build, workdir)
    print(f"readme_commands: {len(commands)} commands of {readme} in "
          f"{workdir}", flush=True)
    status = run_commands(commands, workdir)
    if temporary and status == 0 and not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    elif status != 0:
        print(f"readme_commands: outputs kept in {workdir}")
    return status


if __name__ == "__main__":
    sys.exit(main())
