"""What every benchmark shares: the machine it ran on, side-by-side repetitions, ratios, and the report.

A figure is never a bare duration. Each is measured beside its baseline, in the same process or the same
run, taking turns (baseline, ours, baseline, ours...) after a warm-up, so that the other jobs of a
shared, noisy machine weigh on both alike. The report gives the median and the range of each, and the
median of the per-pair ratios.

    from benchmarks.harness import Comparison, compare, write_section
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
#: Each section's rows, as data (`benchmarks/summary.py` reads them to write the summary table).
RESULTS = ROOT / "benchmarks" / "results"

#: The rows printed since the last `write_section`: the ones that section holds.
_printed: list[Comparison] = []


def machine() -> str:
    """CPU model, cores, Python and system."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = [
            line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines() if "model name" in line
        ]
        model = names[0] if names else model
    return f"{model}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def commit() -> str:
    """The commit measured, and whether the working tree had changes on top of it."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "unknown"
    return head.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else "")


def load() -> str:
    """The one-minute load average, to print beside a figure."""
    return f"{os.getloadavg()[0]:.1f}"


def stamp() -> str:
    """One line saying when, where and on what a table was measured."""
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return f"Measured {now} on commit {commit()}: {machine()}; load average {load()}."


#: Where the processes a benchmark starts keep our modules' compiled bytecode (git-ignored).
PYCACHE = ROOT / "benchmarks" / ".pycache"


def keep_bytecode() -> None:
    """Let the processes this benchmark starts keep our modules' bytecode, as a user's Python does.

    An installed or editable package has its modules compiled once. A sandbox that sets
    PYTHONDONTWRITEBYTECODE would have every process compile ours again (about 70 ms of a read command,
    issue 16), while the dependencies' bytecode, made at install, is used: that is no user's condition.
    The bytecode goes to a folder of the benchmarks (PYTHONPYCACHEPREFIX), filled by the warm-up.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(PYCACHE)


def interleaved(measures: Sequence[Callable[[], float]], repeat: int) -> list[list[float]]:
    """Each measure `repeat` times, taking turns; each callable returns the value it measured."""
    out: list[list[float]] = [[] for _ in measures]
    for _ in range(repeat):
        for index, measure in enumerate(measures):
            out[index].append(measure())
    return out


@dataclass(frozen=True)
class Comparison:
    """One figure beside its baseline: the repeated values of each (seconds, bytes…), taken in turns."""

    figure: str
    baseline: str
    ours: list[float]
    theirs: list[float]
    unit: str = "s"
    #: The target, as a ratio ours/theirs, and which way is good: "<=" for costs, ">=" for rates.
    target: float | None = None
    direction: str = "<="

    def ratios(self) -> list[float]:
        """Ours over theirs, pair by pair."""
        return [a / b for a, b in zip(self.ours, self.theirs, strict=True) if b]

    def ratio(self) -> float:
        return statistics.median(self.ratios())

    def met(self) -> bool | None:
        if self.target is None:
            return None
        return self.ratio() <= self.target if self.direction == "<=" else self.ratio() >= self.target

    def row(self) -> str:
        """A Markdown row: figure, ours (median, range), baseline (median, range), ratio (range), target.

        The row is also remembered: the next `write_section` records it as data with the section.
        """
        if not any(printed is self for printed in _printed):
            _printed.append(self)
        ratios = self.ratios()
        target = f"{self.direction} {self.target:g}×" if self.target is not None else "reported"
        verdict = {True: "met", False: "**not met**", None: ""}[self.met()]
        return (
            f"| {self.figure} | {_spread(self.ours, self.unit)} | {self.baseline}: {_spread(self.theirs, self.unit)} "
            f"| **{self.ratio():.2f}×** ({min(ratios):.2f}-{max(ratios):.2f}) | {target} {verdict} |"
        )

    def as_data(self) -> dict[str, object]:
        """What the summary needs of this row: the figure, its baseline, the ratio and its range, the target."""
        ratios = self.ratios()
        return {
            "figure": self.figure,
            "baseline": self.baseline,
            "ours": _spread(self.ours, self.unit),
            "theirs": _spread(self.theirs, self.unit),
            "ratio": round(self.ratio(), 4),
            "low": round(min(ratios), 4),
            "high": round(max(ratios), 4),
            "target": self.target,
            "direction": self.direction,
            "met": self.met(),
            "turns": len(ratios),
        }


TABLE_HEAD = "| figure | ours: median (range) | baseline: median (range) | ratio (range) | target |\n|---|---|---|---|---|"


def compare(
    figure: str,
    baseline: str,
    ours: Callable[[], float],
    theirs: Callable[[], float],
    *,
    repeat: int = 5,
    warmup: int = 1,
    **options: object,
) -> Comparison:
    """Measure ours and the baseline in turns, after `warmup` unrecorded turns of each."""
    interleaved([theirs, ours], warmup)
    measured_theirs, measured_ours = interleaved([theirs, ours], repeat)
    return Comparison(figure, baseline, measured_ours, measured_theirs, **options)  # type: ignore[arg-type]


def _spread(values: list[float], unit: str) -> str:
    middle = statistics.median(values)
    return f"{_fmt(middle, unit)} ({_fmt(min(values), unit)}-{_fmt(max(values), unit)})"


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "B":
        return f"{value / 2**20:.1f} MiB" if value >= 2**20 else f"{value:.0f} B"
    return f"{value:,.0f} {unit}"


def write_section(name: str, body: str, doc: Path = DOC, results: Path = RESULTS) -> None:
    """Replace the part of docs/performance.md between the markers of section `name`, or append it.

    The rows printed since the last call (`Comparison.row`) go to `results/NAME.json` with the stamp:
    the data of the summary table at the top of the page.
    """
    if _printed:
        results.mkdir(parents=True, exist_ok=True)
        record = {"section": name, "stamp": stamp(), "rows": [c.as_data() for c in _printed]}
        data = json.dumps(record, ensure_ascii=False, indent=1) + "\n"
        (results / f"{name}.json").write_text(data, encoding="utf-8")
        _printed.clear()
    begin = f"<!-- {name}: written by benchmarks --write -->"
    end = f"<!-- end of {name} -->"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Performance\n"
    if begin in text and end in text:
        head, _, rest = text.partition(begin)
        _, _, tail = rest.partition(end)
        text = f"{head}{begin}\n{body.rstrip()}\n{end}{tail}"
    else:
        text = f"{text.rstrip()}\n\n{begin}\n{body.rstrip()}\n{end}\n"
    doc.write_text(text, encoding="utf-8")
