"""Figure 5: each built-in narrative of one territory against the `json` format of the same view.

In process, on the bundled Occitanie history (scenarios/occitanie-2024.yaml imported into a temporary
SQLite store). The view is built once; each measure renders a fresh shallow copy of it `--batch` times
(so that nothing a plugin keeps per view object carries over), the format and `json` taking turns after
a warm-up, as `transitions replay TERRITORY --format NAME` would after reading.

The cohort `report` (the issue's second half of figure 5): one simulated cohort of 1,000 territories
against one of 100, each in a temporary store. Each is `scenarios/baseline-occitanie.yaml` (seed 1,
run 0) with every candidate presented and joining and nobody dropping out, its generated candidates
raised to the size wanted: what `transitions simulate --keep` would store. A turn builds the cohort's
view (`cohort_view`, as `transitions narrate COHORT --format report` does after reading) and renders
the `report`; the two sizes take turns.

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
from transitions_core.narrative.build import cohort_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host, load_host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import Store, open_store

SECTION = "narratives"
HISTORY = ROOT / "scenarios" / "occitanie-2024.yaml"
SCENARIO = ROOT / "scenarios" / "baseline-occitanie.yaml"
#: Territories the baseline scenario lists by name; the others are drawn by its generator.
LISTED = 8
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
        # Each render gets a view object of its own, as a command does: what a plugin remembers of a
        # view (the article's canonical dump) is not carried from one render to the next.
        as_json = timed(lambda: render(host, "json", view.model_copy(), Subject.TERRITORY), batch)
        out = []
        for name in built_in_territory_formats(host):
            out.append(
                compare(
                    f"`{name}` of {TERRITORY}",
                    "`json` of the same view",
                    timed(lambda name=name: render(host, name, view.model_copy(), Subject.TERRITORY), batch),
                    as_json,
                    repeat=repeat,
                    warmup=1,
                    target=5,
                )
            )
        return out


def cohort_scenario(folder: Path, territories: int) -> Path:
    """The baseline scenario with `territories` candidates, every one presented and joining, none dropping out."""
    path = folder / f"report-{territories}.yaml"
    path.write_text(
        "\n".join(
            [
                f"extends: {SCENARIO}",
                f"id: bench-report-{territories}",
                "parameters:",
                "  recruitment: {present: 1.0, join: 1.0}",
                "  dropout: {monthly_hazard: 0.0}",
                "regions:",
                "  - generate:",
                f"      - count: {territories - LISTED}",
                "",
            ]
        ),
        encoding="utf-8",
    )
    return path


def cohort_store(folder: Path, territories: int) -> tuple[Store, str]:
    """A new store in `folder` holding one simulated cohort of `territories` joined territories, caught up."""
    from transitions_core.simulation.model.run import Models, RunContext, simulate_run
    from transitions_core.simulation.scenario.loading import load_scenario

    loaded = load_scenario(cohort_scenario(folder, territories))
    point = loaded.points[0]
    [cohort] = simulate_run(point.scenario, RunContext.of(loaded, point, 1), 0, Models())
    store = open_store(parse_store(str(folder / f"report-{territories}.sqlite")), key_variable=None)
    store.app.append(cohort.events)
    joined = len(store.caught_up().aggregates(kind="territory", cohort=cohort.slug))
    assert joined == territories, f"{joined} territories in the simulated cohort, {territories} wanted"
    return store, cohort.slug


def cohort_report(host: Host, store: Store, cohort: str) -> Callable[[], float]:
    """A measure: the cohort's view built, then its `report` rendered, in seconds."""

    def measure() -> float:
        begin = time.perf_counter()
        view = cohort_view(store.caught_up(), cohort)
        text = render(host, "report", view, Subject.COHORT)
        seconds = time.perf_counter() - begin
        assert text
        return seconds

    return measure


def measure_report(sizes: tuple[int, int], repeat: int) -> Comparison:
    """The report of the large cohort beside the small one's, in turns."""
    host = load_host()
    small, large = sizes
    with tempfile.TemporaryDirectory() as folder:
        small_store, small_cohort = cohort_store(Path(folder), small)
        large_store, large_cohort = cohort_store(Path(folder), large)
        with small_store, large_store:
            return compare(
                f"cohort `report` of {large:,} territories (view built, then rendered)",
                f"the same for {small:,} territories",
                cohort_report(host, large_store, large_cohort),
                cohort_report(host, small_store, small_cohort),
                repeat=repeat,
                warmup=1,
                target=12,
            )


#: What profiles said on 2026-11-26 (pyinstrument, after a warm-up).
WHY = """\
What was done, from the profiles (2026-11-26):

- **One Jinja environment per media type.** Every render used to build a new environment and
  compile its templates again (`Environment.get_template` was 94 % of a `fiche` render, 12.4× `json`).
  `TemplateRenderer` keeps one per media type; jinja2's `auto_reload` still picks up a template edited
  on disk.
- **`prose.seed_of` dumps a view once.** It dumped and hashed the whole view at every call: `article`
  calls it 6 times per render (7.6× `json` before, 3.4× after, side by side at load 5.4), `poem`
  twice. The canonical
  JSON of a view is now kept while the view object lives (keyed by its identity, dropped with it);
  the seed is still the hash of salt + canonical, so the text is byte-identical (golden files). Each
  render above gets a fresh copy of the view, so the table pays one dump per render, as a command does.
- **The cohort view reads each row once.** Each territory's view used to call `cohort_profile`, which
  read and corrected every row of the cohort again: quadratic (the view of 50 territories took 5.6 s,
  of 100 19.4 s, at load 5.4-5.7).
  `cohort_view` now reads the cohort's own entries once and each territory's own rows once, builds the
  profile and the statistics from them, and a session's territories are looked up in a set; the
  report's synthesis compared territory profiles pairwise (`Profile.__eq__`, 1.4 s of 1,000
  territories) and now compares effect labels.
- **Issue 14: a plan is made once per view.** The article's template asks its plugin for six parts in
  turn, and each made the whole plan again (`story` included): 7.9× `json`, then 2.2× once
  `plans.remembered` keeps the plan while the view object lives. The poem makes its plan once.
- **Issue 14: the cyclic collector paused during a build or a render** (`narrative/collection.py`).
  Profiled per function, the report of 1,000 territories against 100 found no function growing faster
  than the others: each took 14 to 28 times as long for ten times the data. The collector's full passes
  over the view's live objects grew with it: paused (the objects hold no cycles; any is collected after),
  the same turns, alternating in one process, gave 10.9x-13.0x against 12.9x-13.4x, at load 2.2-2.7.
- **What is left is linear**: reading and correcting the rows (json, `PartialDate`, the entries'
  models), and, in the report, the fiche of each territory and `typeset` of the whole text.
"""


def report(
    comparisons: list[Comparison], repeat: int, batch: int, cohort: Comparison, cohort_repeat: int
) -> str:
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
            f"The cohort `report`, in process: {cohort_repeat} turns after a warm-up, each building the view "
            "and rendering it (simulated cohorts, every candidate joining; the stores are built before).",
            "",
            TABLE_HEAD,
            cohort.row(),
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
    parser.add_argument(
        "--sizes", type=int, nargs=2, default=[100, 1000], help="territories of the small and large cohort"
    )
    parser.add_argument("--cohort-repeat", type=int, default=5, help="turns of the cohort report")
    args = parser.parse_args(argv)
    repeat, batch = (1, 2) if args.smoke else (args.repeat, args.batch)
    sizes, cohort_repeat = (
        ((LISTED + 2, LISTED + 4), 1) if args.smoke else (tuple(args.sizes), args.cohort_repeat)
    )
    cohort = measure_report((sizes[0], sizes[1]), cohort_repeat)
    body = report(measure(repeat, batch), repeat, batch, cohort, cohort_repeat)
    print(body)
    if args.write and not args.smoke:
        write_section(SECTION, body)


if __name__ == "__main__":
    main()
