"""Figure 5: each built-in narrative of one territory against the `json` format of the same view.

In process, on the bundled Occitanie history (scenarios/occitanie-2024.yaml imported into a temporary
SQLite store). The view is built once; each measure renders it `--batch` times, the format and `json`
taking turns after a warm-up, as `transitions replay TERRITORY --format NAME` would after reading.

The cohort `report` for 1,000 territories against 100 (the issue's second half of figure 5) is not
measured yet: building the view of a large cohort is quadratic today (see WHY below).

    .venv/bin/python benchmarks/bench_narratives.py --smoke
    .venv/bin/python benchmarks/bench_narratives.py --write
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import ROOT, TABLE_HEAD, Comparison, compare, stamp, write_section
from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host, load_host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store

SECTION = "narratives"
HISTORY = ROOT / "scenarios" / "occitanie-2024.yaml"
COHORT = "occitanie-2024"
TERRITORY = "gruissan"
BUILT_IN = "transitions_narratives"


def built_in_territory_formats(host: Host) -> list[str]:
    """The formats of the built-in plugins that narrate a territory, `json` excepted."""
    return sorted(
        name
        for name, fmt in host.formats.items()
        if Subject.TERRITORY in fmt.subjects
        and name != "json"
        and host.plugins[host.plugin_of(name)].module.startswith(BUILT_IN)
    )


def timed(action: Callable[[], object], batch: int) -> Callable[[], float]:
    """A measure: seconds per call of `action`, over `batch` calls."""

    def measure() -> float:
        begin = time.perf_counter()
        for _ in range(batch):
            action()
        return (time.perf_counter() - begin) / batch

    return measure


def measure(repeat: int, batch: int) -> list[Comparison]:
    """One comparison per format, on the same view of one territory."""
    host = load_host()
    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(parse_store(str(Path(folder) / "store.sqlite"))) as store,
    ):
        import_histories(store.app, [HISTORY])
        view = territory_view(store.caught_up(), COHORT, TERRITORY)
        as_json = timed(lambda: render(host, "json", view, Subject.TERRITORY), batch)
        out = []
        for name in built_in_territory_formats(host):
            out.append(
                compare(
                    f"`{name}` of {TERRITORY}",
                    "`json` of the same view",
                    timed(lambda name=name: render(host, name, view, Subject.TERRITORY), batch),
                    as_json,
                    repeat=repeat,
                    warmup=1,
                    target=5,
                )
            )
        return out


#: What profiles said on 2026-11-26 (pyinstrument and counted calls, gruissan, after a warm-up).
WHY = """\
Why, and the plan (profiled 2026-11-26, gruissan, after a warm-up):

- **Done: one Jinja environment per media type.** Every render used to build a new environment and
  compile its templates again (`Environment.get_template` was 94 % of a `fiche` render, 12.4× `json`).
  `TemplateRenderer` now keeps one per media type; jinja2's `auto_reload` still picks up a template
  edited on disk. `fiche` went to about 1× `json`, `article` from 12.7× to 8-10×, `poem` from 5.0×
  to 2.6× (same machine, same day).
- **`prose.seed_of` dumps and hashes the whole view at every call**: `article` calls it 6 times per
  render (53 % of the render), `poem` twice (46 %). Plan: compute the view's canonical JSON once per
  view (the dump is the cost) and keep hashing salt + canonical as today, so the text stays
  byte-identical (golden files).
- **The cohort `report` for 1,000 territories vs 100 is not measured yet.** Cohorts of that size were
  built with the simulator (`keep_histories`, every candidate joining); rendering the 100-territory
  `report` took about 0.45 s, but building its view (`cohort_view`) took 34 s, and 6.6 s for 40
  territories (single runs while other benchmarks ran): each territory's view calls `cohort_profile`,
  which reads and corrects the whole cohort's entries again, so the cost grows as territories ×
  cohort events (2.5× the territories cost 5.2× here). If it stays quadratic, 1,000 territories
  would take about an hour (extrapolated, not measured). Plan: compute the cohort's corrected
  entries and profile once in `cohort_view` and pass them to `_territory_view`, then measure the
  figure (view built once, `report` rendered, 1,000 vs 100 territories).
"""


def report(comparisons: list[Comparison], repeat: int, batch: int) -> str:
    """The section of docs/performance.md."""
    return "\n".join(
        [
            "## Figure 5: narratives",
            "",
            stamp(),
            "",
            f"Rendering one territory's view, in process: {repeat} turns of {batch} renders each, per call.",
            "",
            TABLE_HEAD,
            *(c.row() for c in comparisons),
            "",
            WHY,
        ]
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, just run and print the table")
    parser.add_argument("--write", action="store_true", help="write the section of docs/performance.md")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--batch", type=int, default=50)
    args = parser.parse_args(argv)
    repeat, batch = (1, 2) if args.smoke else (args.repeat, args.batch)
    body = report(measure(repeat, batch), repeat, batch)
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
