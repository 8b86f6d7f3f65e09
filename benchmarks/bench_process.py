"""Figure 4: the whole `transitions replay TERRITORY` process on the 10,000-territory store, against its dependencies.

    .venv/bin/python benchmarks/bench_process.py [--size 10000] [--repeat 15] [--smoke] [--write]

Ours: `transitions --store STORE replay NAME --cohort COHORT`, a fresh process from start to exit, on
the largest territory of the first generated cohort (the one `bench_replay.py` replays in process).

The baseline: a fresh `python -c` that imports `transitions_core` and the runtime dependencies the
replay imports, and does nothing else. "The dependencies" are every module of a third-party
distribution (not the standard library, not `transitions_core`, not a narrative plugin) that one
replay of the same store loaded, as `-X importtime` lists them: the same modules, imported in the
order they finished loading there, so that the baseline pays for exactly the third-party code the
replay loads, and for none of our modules or our work. The difference between the two processes is
ours: importing our own modules (defining the pydantic events, the command line, the plugins), opening
the store, finding the territory, building its view and rendering the text. The target is ≤ 1.5×:
our own work under a third of the process.

`-X importtime` then splits the replay's own import time between our modules and the dependencies.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import build, store_for  # noqa: E402
from benchmarks.harness import TABLE_HEAD, Comparison, compare, keep_bytecode, stamp, write_section  # noqa: E402

SECTION = "process"
PYTHON = sys.executable
TRANSITIONS = shutil.which("transitions", path=str(Path(PYTHON).parent)) or "transitions"
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")
#: Our own code: the package and the narrative plugins shipped with it (plugins/).
OURS = ("transitions_core", "transitions_narratives")
#: Imported by `site` in every process, the baseline's too.
SITE = ("sitecustomize", "usercustomize")


def first_territory(store_path: Path) -> tuple[str, str]:
    """(cohort, name) of the largest territory of the first cohort, as `bench_replay.py` chooses it."""
    from benchmarks.bench_replay import chosen
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    with open_store(parse_store(str(store_path)), create=False, key_variable=None) as store:
        cohort, _, name = chosen(store)
    return cohort, name


def replay_command(store_path: Path, cohort: str, name: str) -> list[str]:
    return [TRANSITIONS, "--store", str(store_path), "replay", name, "--cohort", cohort]


def wall(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds from start to exit of a fresh process."""
    begin = time.perf_counter()
    subprocess.run(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
    )
    return time.perf_counter() - begin


def imported(command: list[str]) -> list[tuple[str, int]]:
    """(module, own import time in µs) of every module `command` loaded, in the order they finished."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    out = []
    for line in done.stderr.splitlines():
        match = LINE.match(line)
        if match:
            out.append((match.group(4), int(match.group(1))))
    return out


def is_standard(module: str) -> bool:
    top = module.split(".")[0]
    return top in sys.stdlib_module_names or top in sys.builtin_module_names or top.startswith("_")


def is_ours(module: str) -> bool:
    return module.split(".")[0] in OURS


def dependencies(modules: Sequence[tuple[str, int]]) -> list[str]:
    """The third-party modules among `modules`, in order, once each."""
    seen: dict[str, None] = {}
    for module, _ in modules:
        if not is_standard(module) and not is_ours(module) and module not in SITE:
            seen.setdefault(module)
    return list(seen)


def baseline_command(modules: Sequence[str]) -> list[str]:
    """`python -c` importing transitions_core and `modules`, and nothing more.

    A module the replay looked for and did not find (an optional dependency a library probes for)
    is looked for here too, and its absence ignored, as the library does.
    """
    code = (
        "import importlib, transitions_core\n"
        f"for m in {list(modules)!r}:\n"
        "    try:\n        importlib.import_module(m)\n    except ImportError:\n        pass"
    )
    return [PYTHON, "-c", code]


def split(command: list[str], runs: int) -> dict[str, float]:
    """Median own import time (ms) of our modules, the dependencies and the standard library."""
    totals: dict[str, list[float]] = defaultdict(list)
    for _ in range(runs):
        sums = {"ours": 0, "dependencies": 0, "standard library": 0}
        for module, micros in imported(command):
            kind = (
                "ours" if is_ours(module) else "standard library" if is_standard(module) else "dependencies"
            )
            sums[kind] += micros
        for kind, micros in sums.items():
            totals[kind].append(micros / 1000)
    return {kind: statistics.median(values) for kind, values in totals.items()}


def top_modules(command: list[str], top: int) -> list[tuple[str, float]]:
    """Our modules with the largest own import time (ms), one run."""
    ours = [(m, t / 1000) for m, t in imported(command) if is_ours(m)]
    return sorted(ours, key=lambda item: -item[1])[:top]


def report(
    comparison: Comparison,
    modules: int,
    replay_split: dict[str, float],
    baseline_split: dict[str, float],
    heaviest: list[tuple[str, float]],
) -> str:
    """The section of docs/performance.md."""
    rows = [
        f"| {kind} | {replay_split[kind]:.0f} ms | {baseline_split[kind]:.0f} ms |"
        for kind in ("ours", "dependencies", "standard library")
    ]
    return "\n".join(
        [
            "## Figure 4: a whole `replay` process",
            "",
            stamp(),
            "",
            TABLE_HEAD,
            comparison.row(),
            "",
            f"- {len(comparison.ours)} turns after a warm-up, fresh processes in turns; the baseline imports "
            f"`transitions_core` and the {modules} third-party modules the replay loaded.",
            "",
            "Own import time (`-X importtime`, median of the runs), by whose module it is:",
            "",
            "| modules | replay | baseline |",
            "|---|---|---|",
            *rows,
            "",
            "Our heaviest modules in the replay (own import time, one run):",
            "",
            "| module | own import time |",
            "|---|---|",
            *(f"| `{m}` | {t:.1f} ms |" for m, t in heaviest),
        ]
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=10000, help="territories in the store")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profiles", type=int, default=3, help="-X importtime runs of each")
    parser.add_argument("--smoke", action="store_true", help="a tiny store built afresh: checks that it runs")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    keep_bytecode()

    with tempfile.TemporaryDirectory(prefix="bench-process-") as work:
        if args.smoke:
            args.size, args.repeat, args.profiles = 3, 2, 1
            path = build(Path(work) / "store.sqlite", args.size).path
        else:
            path = store_for(args.size)
        cohort, name = first_territory(path)
        ours = replay_command(path, cohort, name)
        modules = dependencies(imported(ours))
        theirs = baseline_command(modules)
        comparison = compare(
            f"`transitions replay {name} --cohort …`, whole process, {args.size:,}-territory store",
            '`python -c "import transitions_core"` and the dependencies the replay imports',
            lambda: wall(ours),
            lambda: wall(theirs),
            repeat=args.repeat,
            warmup=2,
            target=1.5,
        )
        body = report(
            comparison,
            len(modules),
            split(ours, args.profiles),
            split(theirs, args.profiles),
            top_modules(ours, 12),
        )
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
