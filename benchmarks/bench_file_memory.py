"""Figure 9: what one history file may cost in memory, per byte of the file, accepted or refused.

    .venv/bin/python benchmarks/bench_file_memory.py [--size 2000000] [--repeat 3] [--smoke] [--write]

Each shape below is a file of about `--size` bytes (the loader reads 2 MiB at most), written to be as
costly as a file of that size can be in one way: many ordinary entries, one entry with a long list of
people, a long list of one-letter words, one long text, many territories, a long list of small blocks
under a field that does not exist (read whole, then refused), and a 100 KiB text aliased many times
(refused while it is read). Each is imported with `transitions --store NEW.sqlite import FILE`, into a
fresh store every time, and its peak memory is measured as `bench_memory.py` measures it (the summed
`VmHWM` of the process tree, read by a fresh runner). The baseline of each turn is the same import of
the smallest history (a cohort and nothing else): what Python, the tool and SQLite take whatever the
file. A figure is the extra peak per byte of the file: (peak - baseline peak) / file size, in turns.

The target, 128 bytes of memory per byte of file, is the bound `docs/operations.md` states: an import
takes what the tool takes to start plus at most 128 times the file's size. The largest shape is also
measured at a quarter of the size, to show the cost grows with the file and no faster.
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_memory import TRANSITIONS, runner  # noqa: E402
from benchmarks.harness import TABLE_HEAD, Comparison, interleaved, stamp, write_section  # noqa: E402

SECTION = "file-memory"
#: Bytes of memory a file may cost per byte of it (docs/operations.md).
TARGET = 128.0
HEAD = "kind: history\ncohort:\n  id: mesure-2026\n  name: Mesure\n  region: Nulle part\n  opened: 2026-01\n"
TERRITORY = "territories:\n  - id: t\n    name: T\n    kind: commune\n"
JOINED = "entries:\n  - date: 2026-02\n    type: territory_joined\n    territory: t\n"


def _fill(head: str, item: Callable[[int], str], tail: str, size: int, separator: str = "") -> str:
    parts, length = [], len(head) + len(tail)
    for number in itertools.count():
        piece = item(number)
        if length + len(piece) + len(separator) > size:
            break
        parts.append(piece)
        length += len(piece) + len(separator)
    return head + separator.join(parts) + tail


def entries(size: int) -> str:
    """Many ordinary entries, each with its own id: accepted."""
    return _fill(
        HEAD + "entries:\n",
        lambda n: (
            f"  - date: 2026-02\n    id: n{n}\n    type: context_noted\n    title: Contexte numéro {n}\n"
        ),
        "",
        size,
    )


def people(size: int) -> str:
    """One entry naming a long list of people (allies): accepted, the costliest accepted shape found."""
    head = (
        HEAD
        + TERRITORY
        + JOINED
        + "  - date: 2026-03\n    type: ally_assigned\n    territory: t\n    allies: ["
    )
    return _fill(head, lambda n: "{name: a}", "]\n", size, ",")


def words(size: int) -> str:
    """A cohort's aims as a long list of one-letter words: accepted."""
    return _fill(HEAD + "  aims: [", lambda n: "a", "]\n", size, ",")


def long_text(size: int) -> str:
    """One text the size of the file: accepted."""
    return HEAD + "  period: " + "x" * (size - len(HEAD) - 12) + "\n"


def territories(size: int) -> str:
    """Territories written as tightly as YAML allows: the first 1,000 are registered, then the file is refused.

    Each territory is an aggregate (about 6 KiB of memory for some 30 bytes of file): the loader takes
    1,000 per file at most (`file_reader.MAX_TERRITORIES`), which `most_territories` measures.
    """
    return _fill(HEAD + "territories:\n", lambda n: f"- {{id: t{n:x}, name: T, kind: c}}\n", "", size)


def most_territories() -> str:
    """The 1,000 territories a file may declare, as tightly as YAML allows: accepted."""
    return HEAD + "territories:\n" + "".join(f"- {{id: t{n:x}, name: T, kind: c}}\n" for n in range(1000))


def small_blocks(size: int) -> str:
    """A long list of one-key blocks under a field that does not exist: read whole, then refused."""
    head = HEAD + "entries:\n  - date: 2026-02\n    type: context_noted\n    title: t\n    list: ["
    return _fill(head, lambda n: "{a: 0}", "]\n", size, ",")


def aliases(size: int) -> str:
    """A 100 KiB text aliased as often as the size allows: refused as soon as the aliases weigh too much."""
    text = "x" * min(100 * 1024, size // 4)
    head = (
        HEAD
        + f"entries:\n  - date: 2026-02\n    type: context_noted\n    title: &t {text}\n    description: ["
    )
    return _fill(head, lambda n: "*t", "]\n", size, ",")


SHAPES: dict[str, tuple[Callable[[int], str], str]] = {
    "entries": (entries, "accepted"),
    "people": (people, "accepted"),
    "words": (words, "accepted"),
    "long text": (long_text, "accepted"),
    "territories": (territories, "refused"),
    "small blocks": (small_blocks, "refused"),
    "aliases": (aliases, "refused"),
}
#: The shape measured at a quarter of the size too.
LARGEST = "people"


_STORES = itertools.count()


class Import:
    """`transitions import FILE` into a fresh store each call; returns the peak memory of the process tree."""

    def __init__(self, path: Path, work: Path, accepted: bool) -> None:
        self.path = path
        self.work = work
        self.accepted = accepted

    def __call__(self) -> float:
        store = self.work / f"store-{next(_STORES)}.sqlite"
        # Through sh, which takes the same few hundred KiB in every measurement: a refusal exits 1.
        expected = 0 if self.accepted else 1
        command = [
            "sh",
            "-c",
            f'"$0" "$@"; [ $? -eq {expected} ]',
            TRANSITIONS,
            "--store",
            str(store),
            "import",
            str(self.path),
        ]
        return runner(command)["tree"]


def measure(name: str, text: str, work: Path, base: Import, accepted: bool, repeat: int) -> Comparison:
    """The extra peak of importing `text` over the baseline's, per byte of the file, in turns."""
    path = work / f"{name.replace(' ', '-')}.yaml"
    path.write_text(text, encoding="utf-8")
    size = path.stat().st_size
    ours = Import(path, work, accepted)
    if repeat > 1:  # a warm-up for the page cache and the bytecode (a smoke run only checks that it runs)
        ours()
    theirs_peaks, ours_peaks = interleaved([base, ours], repeat)
    extra = [max(mine - bare, 0.0) for mine, bare in zip(ours_peaks, theirs_peaks, strict=True)]
    verdict = "accepted" if accepted else "refused"
    return Comparison(
        f"extra peak RSS importing “{name}” ({verdict}), {size / 2**20:.2f} MiB file",
        "the file's size",
        extra,
        [float(size)] * len(extra),
        unit="B",
        target=TARGET,
    )


def main(argv: Sequence[str] | None = None) -> None:
    """Measure, print the table, and write it into docs/performance.md with --write."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--size", type=int, default=2_000_000, help="bytes of each file (at most 2 MiB)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="tiny sizes: checks that it runs")
    parser.add_argument("--write", action="store_true", help="update docs/performance.md")
    args = parser.parse_args(argv)
    if args.smoke:
        args.size, args.repeat = 20_000, 1
    rows: list[Comparison] = []
    with tempfile.TemporaryDirectory(prefix="bench-file-memory-") as folder:
        work = Path(folder)
        smallest = work / "smallest.yaml"
        smallest.write_text(HEAD, encoding="utf-8")
        base = Import(smallest, work, accepted=True)
        if args.repeat > 1:
            base()
        for name, (shape, verdict) in SHAPES.items():
            text = shape(args.size)
            # A smoke run's small file holds fewer territories than a file may declare: it is accepted.
            accepted = verdict == "accepted" or (name == "territories" and text.count("\n- {") <= 1000)
            rows.append(measure(name, text, work, base, accepted, args.repeat))
        quarter = SHAPES[LARGEST][0](args.size // 4)
        rows.append(measure(f"{LARGEST}, a quarter", quarter, work, base, True, args.repeat))
        bare = statistics.median(base() for _ in range(args.repeat))
        most = measure("1,000 territories", most_territories(), work, base, True, args.repeat)
    worst = max(rows, key=Comparison.ratio)
    worst_name = worst.figure.split("“")[1].split("”")[0]
    most_extra = statistics.median(most.ours) / 2**20
    body = "\n".join(
        [
            "## Figure 9: memory per byte of a history file",
            "",
            stamp(),
            "",
            TABLE_HEAD,
            *(r.row() for r in rows),
            "",
            f"Each figure is the peak RSS of `transitions import FILE` into a fresh SQLite store, minus that of "
            f"importing the smallest history ({bare / 2**20:.1f} MiB, the tool and Python at rest), over the "
            f"file's size: bytes of memory per byte of file. The costliest shape is “{worst_name}”, at "
            f"**{worst.ratio():.0f}** bytes per byte; the bound stated in docs/operations.md is {TARGET:g}.",
            "",
            f"- A small file can cost more per byte, within a constant: the 1,000 territories a file may declare, "
            f"written as tightly as YAML allows ({statistics.median(most.theirs) / 1024:.0f} KiB), take "
            f"{most_extra:.1f} MiB more than the smallest history. The statement in docs/operations.md adds "
            "16 MiB for it.",
        ]
    )
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
