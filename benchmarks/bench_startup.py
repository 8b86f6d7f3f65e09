"""Figure 3: the whole `transitions --help` process against `python -c "import click"`.

Both are fresh processes of the project's interpreter, started in turns after a warm-up; the figure is
the wall time from start to exit. `python -X importtime` then says what `--help` imports beyond click:
the modules click alone does not import, their own import time summed by top-level package (median of
several runs).

    .venv/bin/python benchmarks/bench_startup.py --smoke
    .venv/bin/python benchmarks/bench_startup.py --write
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import ROOT, TABLE_HEAD, Comparison, compare, keep_bytecode, stamp, write_section

SECTION = "startup"
PYTHON = sys.executable
TRANSITIONS = shutil.which("transitions", path=str(Path(PYTHON).parent)) or "transitions"
HELP = [TRANSITIONS, "--help"]
CLICK = [PYTHON, "-c", "import click"]
LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def wall(command: list[str]) -> float:
    """Seconds from start to exit of a fresh process."""
    begin = time.perf_counter()
    subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - begin


def imports(command: list[str]) -> dict[str, int]:
    """Module → its own import time in µs, as `-X importtime` reports it for `command`."""
    env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    out = {}
    for line in result.stderr.splitlines():
        match = LINE.match(line)
        if match:
            out[match.group(4)] = int(match.group(1))
    return out


def beyond_click(runs: int) -> list[tuple[str, float, int]]:
    """(package, median µs of own import time summed over its modules, modules) of what `--help` adds."""
    click_modules = set(imports(CLICK))
    totals: dict[str, list[int]] = defaultdict(list)
    counts: dict[str, int] = {}
    for _ in range(runs):
        extra = {m: t for m, t in imports(HELP).items() if m not in click_modules}
        by_package: dict[str, int] = defaultdict(int)
        for module, micros in extra.items():
            by_package[module.split(".")[0]] += micros
        for package, micros in by_package.items():
            totals[package].append(micros)
            counts[package] = sum(1 for m in extra if m.split(".")[0] == package)
    ranked = [(p, statistics.median(v), counts[p]) for p, v in totals.items()]
    return sorted(ranked, key=lambda item: -item[1])


NOTES = """\
Where the rest goes (2026-11-26):

- `pluggy` is no longer imported by `--help` (it was the largest item, about 11 ms of own import
  time): `transitions_core/__init__.py` creates `hookimpl` on first use, in a module `__getattr__`,
  so `from transitions_core import hookimpl` still works for plugin authors
  (tests/plugins/test_startup.py checks both).
- `transitions_core` is the command modules themselves: defining the click commands and their options.
- `shutil`, `textwrap` and the compression modules `shutil` imports come from click formatting the
  help (`shutil.get_terminal_size`); `locale` from `click.version_option`: click's own work, which
  `python -c "import click"` does not do.
- Made lazy in this session: `difflib`, `json` and `unicodedata` in `cli/common.py`, `dataclasses` in
  `cli/plugins_cmd.py` (about 4 ms of own import time in the profiles before the change, under load).
"""


def report(comparison: Comparison, ranked: list[tuple[str, float, int]], top: int) -> str:
    """The section of docs/performance.md."""
    total = sum(micros for _, micros, _ in ranked)
    rows = [f"| `{p}` | {n} | {m / 1000:.1f} ms |" for p, m, n in ranked[:top]]
    return "\n".join(
        [
            "## Figure 3: start-up",
            "",
            stamp(),
            "",
            TABLE_HEAD,
            comparison.row(),
            "",
            f"What `transitions --help` imports beyond click (`-X importtime`, own time of each module summed by "
            f"package, median of the runs): {total / 1000:.1f} ms in all. Top {top}:",
            "",
            "| package | modules | own import time |",
            "|---|---|---|",
            *rows,
            "",
            NOTES,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, just run and print the table")
    parser.add_argument("--write", action="store_true", help="write the section of docs/performance.md")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    keep_bytecode()
    repeat, profiles = (2, 1) if args.smoke else (args.repeat, 5)
    comparison = compare(
        "`transitions --help`, whole process",
        '`python -c "import click"`',
        lambda: wall(HELP),
        lambda: wall(CLICK),
        repeat=repeat,
        warmup=2,
        target=1.5,
    )
    body = report(comparison, beyond_click(profiles), args.top)
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
