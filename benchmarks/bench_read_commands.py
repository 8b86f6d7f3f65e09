"""Figure 12: every read command of issue 16, a whole process, against `python -c "import click"`.

    .venv/bin/python benchmarks/bench_read_commands.py [--size 10000] [--repeat 9] [--smoke] [--write] [--cpu]

Ours: `transitions --store STORE COMMAND …`, a fresh process from start to exit, on the Occitanie store
(`scenarios/occitanie-2024.yaml` imported into a fresh file) and on the generated 10,000-territory store.
The baseline, in the same turns: `python -c "import click"`. A second set of rows puts each command on
the large store beside the same command on the Occitanie store (the issue: within 1.3×).

The processes run as a user's would: Python may keep the compiled bytecode of our modules (an editable
install compiles them on first import; an environment with PYTHONDONTWRITEBYTECODE, as some sandboxes
set, would compile every module on every run, about 70 ms of any command), in a cache folder made for
the run, as is the user's cache folder of compiled templates (XDG_CACHE_HOME). The warm-up fills both.

Then `--help` of every command against the same baseline (target 1.5×): the table gives each, the
summary the slowest.

`--cpu` measures each process by the CPU time it used instead of the clock: on a machine whose other
jobs make wall times swing by 2-3×, the side-by-side comparisons of docs/performance.md use it. The
summary keeps wall times (`--write` with `--cpu` writes nothing).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import build, store_for  # noqa: E402
from benchmarks.harness import (  # noqa: E402
    TABLE_HEAD,
    Comparison,
    compare,
    interleaved,
    keep_bytecode,
    stamp,
    write_section,
)

SECTION = "read-commands"
PYTHON = sys.executable
TRANSITIONS = shutil.which("transitions", path=str(Path(PYTHON).parent)) or "transitions"
CLICK = [PYTHON, "-c", "import click"]
OCCITANIE = ROOT / "scenarios" / "occitanie-2024.yaml"


@dataclass(frozen=True)
class Subject:
    """A store and what the commands name in it."""

    path: Path
    cohort: str
    territory: str
    label: str


@dataclass(frozen=True)
class ReadCommand:
    """One row of the issue's table: a label, the arguments after `--store S`, the target against click."""

    label: str
    target: float

    def args(self, subject: Subject) -> list[str]:
        """The command's words for this store."""
        t, c = subject.territory, subject.cohort
        words = {
            "replay": ["replay", t, "--cohort", c],
            "replay --format json": ["replay", t, "--cohort", c, "--format", "json"],
            "territories": ["territories", "--cohort", c],
            "cohorts": ["cohorts"],
            "events": ["events", t, "--cohort", c],
            "stats": ["stats", c],
            "info": ["info"],
            "cohort --format report": ["cohort", c, "--format", "report"],
            "cohort --format newsletter": ["cohort", c, "--format", "newsletter"],
        }
        return words[self.label]


COMMANDS = [
    ReadCommand("replay", 3),
    ReadCommand("replay --format json", 3),
    ReadCommand("territories", 3),
    ReadCommand("cohorts", 3),
    ReadCommand("events", 3),
    ReadCommand("stats", 3),
    ReadCommand("info", 3),
    ReadCommand("cohort --format report", 5),
    ReadCommand("cohort --format newsletter", 5),
]


def environment(work: Path) -> dict[str, str]:
    """The processes' environment: bytecode kept (`keep_bytecode`), compiled templates in a folder of this run."""
    keep_bytecode()
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
    for name in (
        "TRANSITIONS_STORE",
        "TRANSITIONS_CIPHER_KEY",
        "PYTHONPROFILEIMPORTTIME",
    ):
        env.pop(name, None)
    return env


def wall(command: list[str], env: dict[str, str]) -> float:
    """Seconds from start to exit of a fresh process (which must succeed); its CPU seconds with `--cpu`."""
    if CPU_TIME:
        return cpu(command, env)
    begin = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - begin


#: Set by `--cpu`: each process is measured by the CPU time it used (user and system), not by the clock.
CPU_TIME = False


def cpu(command: list[str], env: dict[str, str]) -> float:
    """CPU seconds (user and system) a fresh process used from start to exit (which must succeed).

    Steadier than the clock on a machine shared with other jobs: waiting for a core is not counted.
    """
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise subprocess.CalledProcessError(os.waitstatus_to_exitcode(status), command)
    return usage.ru_utime + usage.ru_stime


def occitanie(work: Path, env: dict[str, str]) -> Subject:
    """The bundled Occitanie history imported into a fresh store."""
    path = work / "occitanie.sqlite"
    subprocess.run(
        [TRANSITIONS, "--store", str(path), "import", str(OCCITANIE)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return Subject(path, "occitanie-2024", "gruissan", "Occitanie store")


def large(size: int, work: Path, smoke: bool) -> Subject:
    """The generated store of `size` territories (built afresh in a smoke run), its first territory."""
    from benchmarks.bench_process import first_territory

    path = build(work / "large.sqlite", size).path if smoke else store_for(size)
    cohort, name = first_territory(path)
    return Subject(path, cohort, name, f"{size:,}-territory store")


def command(subject: Subject, words: Sequence[str]) -> list[str]:
    return [TRANSITIONS, "--store", str(subject.path), *words]


def against_click(
    read: ReadCommand, subject: Subject, env: dict[str, str], repeat: int, warmup: int = 2
) -> Comparison:
    ours = command(subject, read.args(subject))
    return compare(
        f"`transitions {read.label}`, whole process, {subject.label}",
        '`python -c "import click"`',
        lambda: wall(ours, env),
        lambda: wall(CLICK, env),
        repeat=repeat,
        warmup=warmup,
        target=read.target,
    )


def against_small(
    read: ReadCommand, big: Subject, small: Subject, env: dict[str, str], repeat: int, warmup: int = 1
) -> Comparison:
    ours, theirs = command(big, read.args(big)), command(small, read.args(small))
    return compare(
        f"`transitions {read.label}`, whole process, {big.label}",
        "the same on the Occitanie store",
        lambda: wall(ours, env),
        lambda: wall(theirs, env),
        repeat=repeat,
        warmup=warmup,
        target=1.3,
    )


def helps(env: dict[str, str], repeat: int, names: Sequence[str]) -> list[tuple[str, float, float]]:
    """(command, median ratio to click, median ms) of `transitions COMMAND --help`, for each command named."""
    out = []
    for name in names:
        help_command = [TRANSITIONS, name, "--help"]
        theirs, ours = interleaved([lambda: wall(CLICK, env), lambda c=help_command: wall(c, env)], repeat)  # type: ignore[misc]
        ratio = statistics.median(a / b for a, b in zip(ours, theirs, strict=True))
        out.append((name, ratio, statistics.median(ours) * 1000))
    return out


def slowest_help(env: dict[str, str], name: str, repeat: int, warmup: int = 2) -> Comparison:
    """The slowest `--help`, measured again as a figure of the summary."""
    help_command = [TRANSITIONS, name, "--help"]
    return compare(
        f"`transitions {name} --help`, the slowest of the commands' help, whole process",
        '`python -c "import click"`',
        lambda: wall(help_command, env),
        lambda: wall(CLICK, env),
        repeat=repeat,
        warmup=warmup,
        target=1.5,
    )


def report(
    small_rows: list[Comparison],
    big_rows: list[Comparison],
    help_rows: list[tuple[str, float, float]],
    slowest: Comparison,
) -> str:
    """The section of docs/performance.md."""
    turns = len(small_rows[0].ours) if small_rows else 0
    return "\n".join(
        [
            "## Figure 12: read commands, whole processes (issue 16)",
            "",
            stamp(),
            "",
            TABLE_HEAD,
            *(row.row() for row in small_rows),
            *(row.row() for row in big_rows),
            slowest.row(),
            "",
            f"- {turns} turns after a warm-up, fresh processes taking turns with the baseline; bytecode and "
            "compiled templates cached (`keep_bytecode`, and a template folder of the run), filled by the warm-up.",
            "",
            '`--help` of every command (median of the turns, ratio to `python -c "import click"` in the same turns):',
            "",
            "| command | `--help` | × click |",
            "|---|---|---|",
            *(f"| `{name}` | {ms:.1f} ms | {ratio:.2f}× |" for name, ratio, ms in help_rows),
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10000, help="territories in the large store")
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument(
        "--smoke", action="store_true", help="a tiny large store, one turn: checks that it runs"
    )
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="measure the CPU time of each process instead of its wall time (a loaded machine; not written)",
    )
    args = parser.parse_args(argv)
    global CPU_TIME
    CPU_TIME = args.cpu
    from transitions_core.cli.main import cli

    # A smoke run checks that every part runs: two commands, two help pages, one turn, no warm-up.
    commands, names, warmup = (
        (COMMANDS[:2], ["replay", "import"], 0) if args.smoke else (COMMANDS, sorted(cli.commands), 2)
    )
    if args.smoke:
        args.size, args.repeat = 3, 1
    with tempfile.TemporaryDirectory(prefix="bench-read-") as folder:
        work = Path(folder)
        env = environment(work)
        small = occitanie(work, env)
        big = large(args.size, work, args.smoke)
        small_rows = [against_click(read, small, env, args.repeat, warmup) for read in commands]
        big_rows = [against_small(read, big, small, env, args.repeat, min(warmup, 1)) for read in commands]
        help_rows = helps(env, max(1, args.repeat // 3), names)
        slowest = slowest_help(env, max(help_rows, key=lambda row: row[1])[0], args.repeat, warmup)
    body = report(small_rows, big_rows, help_rows, slowest)
    print(body)
    if args.write and not args.smoke and not args.cpu:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
