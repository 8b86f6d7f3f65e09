"""Every built-in format tells any cohort truthfully: no claim the history does not hold.

Given a history built by hypothesis (declined territories, steps dated loosely or not at all, a source
declared or not) or kept from the simulator, when every format renders it in both languages and for both
audiences, then:
- a territory that had not joined is never told as having joined;
- "not yet" is said of a step only when the history dates it after the view's date;
- "the report", "the minutes"… are named only when the cohort declares them and its entries cite them;
- a digest says nothing happened for a territory only when none of its entries may fall in its period,
  and counts as its territories only those that had joined;
- the report gives a page to engaged territories only.
The oracle (`truth_histories`) answers from the generated plan, not from `narrative/status.py`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings

from tests.narratives import truth_histories as th
from transitions_core.history.importer import import_histories
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import cohort_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.readmodel import TimelineReadModel

LANGUAGES = ("fr", "en")
AUDIENCES = (Audience.INTERNAL, Audience.PUBLIC)
TERRITORY_FORMATS = ("timeline", "fiche", "article", "poem")

#: Phrases that claim the territory joined; a negation just before them takes the claim back.
JOINS = {
    "fr": re.compile(r"(rejoint|rejoignent|s'engagen?t?|entren?t?) (dans )?la cohorte"),
    "en": re.compile(r"\b(joined|joins) the\b"),
}
NEGATIONS = ("pas ", "ne ", "not ", "n'a ", "n'ont ")
#: Phrases that say a step has not happened yet: true only of a step the history dates later.
NOT_YET = {
    "fr": {
        "diagnostic": ("n'a pas encore commencé", "L'écoute n'a pas commencé", "n'est venu écouter"),
        "restitution": ("La restitution n'a pas encore eu lieu", "la restitution reste à venir"),
        "pilot": ("n'est pas encore choisi", "n'a pas encore de nom"),
    },
    "en": {
        "diagnostic": ("had not started yet", "No one has come to listen yet"),
        "restitution": ("had not been presented back yet", "still to come"),
        "pilot": ("had been chosen yet", "has no name yet"),
    },
}
STEP_TYPES = {
    "diagnostic": ("diagnostic_started", "interviews_held"),
    "restitution": ("diagnostic_restituted",),
    "pilot": ("pilot_project_chosen",),
}
#: What says a territory left (every territory format must), and what would say it is still in the cohort.
LEFT_SAID = {
    "fr": ("quitté", "quitte la cohorte", "s'en va"),
    "en": ("left the cohort", "left it", "walked away"),
}
STILL_IN = {
    "fr": (
        "dans la cohorte depuis",
        "fait partie de la cohorte",
        "compte parmi les territoires",
        ", dans la cohorte\n",
    ),
    "en": ("in the cohort since", "{name} in the cohort\n"),
}
SOURCES = {
    "fr": re.compile(r"\b(le|du|au) (rapport|bilan)\b|\bles comptes rendus\b", re.IGNORECASE),
    "en": re.compile(r"\bthe (report|minutes)\b", re.IGNORECASE),
}


def joins_claimed(text: str, lang: str) -> list[str]:
    """The join claims of a text that no negation takes back."""
    found = []
    for match in JOINS[lang].finditer(text):
        before = text[max(0, match.start() - 14) : match.start()]
        if not any(n in before for n in NEGATIONS):
            found.append(text[max(0, match.start() - 40) : match.end()])
    return found


def imported(plan: th.HistoryPlan, tmp: Path) -> tuple[TimelineReadModel, object]:
    path = tmp / "verite.yaml"
    path.write_text(plan.yaml(), encoding="utf-8")
    store = open_store(parse_store("memory:"))
    import_histories(store.app, [path])
    return store.caught_up(), store


def check_territory(
    host: Host, readmodel: TimelineReadModel, plan: th.HistoryPlan, territory: th.TerritoryPlan
) -> None:
    as_of = plan.as_of
    for audience in AUDIENCES:
        view = territory_view(readmodel, th.COHORT, territory.id, as_of, audience)
        for lang in LANGUAGES:
            for fmt in TERRITORY_FORMATS:
                text = render(host, fmt, view, Subject.TERRITORY, lang)
                where = f"{fmt} {lang} {audience} of {territory.id} as of {as_of}:\n{text}"
                if not th.joined(territory, as_of):
                    claims = joins_claimed(text, lang)
                    # The timeline of a territory that joined later may tell other territories' sessions: none here.
                    assert not claims, f"join claimed: {claims} — {where}"
                for step, phrases in NOT_YET[lang].items():
                    dates = [d for kind in STEP_TYPES[step] for d in territory.dates_of(kind)]
                    if th.state(dates, as_of) != "later":
                        said = [p for p in phrases if p in text]
                        assert not said, f"'not yet' of {step} ({th.state(dates, as_of)}): {said} — {where}"
                if not plan.sourced:
                    assert not SOURCES[lang].search(text), f"a source named: {where}"


def check_cohort(host: Host, readmodel: TimelineReadModel, plan: th.HistoryPlan) -> None:
    start, end = plan.period
    for audience in AUDIENCES:
        digest = cohort_view(readmodel, th.COHORT, period=(start, end), audience=audience)
        whole = cohort_view(readmodel, th.COHORT, as_of=plan.as_of, audience=audience)
        engaged_then = [t for t in plan.territories if th.joined(t, end)]
        engaged_now = [t for t in plan.territories if th.joined(t, plan.as_of)]
        for lang in LANGUAGES:
            news = render(host, "newsletter", digest, Subject.COHORT, lang)
            where = f"newsletter {lang} {audience} {start}/{end}:\n{news}"
            claimed = re.search(
                r"dans ses (\d+) territoires? engagés?|its (\d+) territor|(dans son territoire engagé|its one territory)",
                news,
            )
            assert claimed, where
            counted = 1 if claimed.group(3) else int(claimed.group(1) or claimed.group(2))
            assert counted == len(engaged_then), where
            quiet_line = next(
                (
                    line
                    for line in news.splitlines()
                    if line.startswith(("Rien n'est daté", "Nothing is dated"))
                ),
                "",
            )
            for territory in plan.territories:
                if territory.name in quiet_line:
                    assert th.quiet(territory, start, end), f"{territory.id} told quiet — {where}"
            if (
                "n'est daté dans la période" in news.split("## Dans les territoires")[0]
                or "No cohort event is dated" in news
            ):
                assert not any(
                    (d := th.PartialDate(s)).earliest and d.latest and start <= d.earliest and d.latest <= end
                    for s in plan.sessions
                ), where
            if not plan.sourced:
                assert not SOURCES[lang].search(news), where
            report = render(host, "report", whole, Subject.COHORT, lang)
            pages = report.split("## 3.")[1].split("## 4.")[0]
            titled = set(re.findall(r"^### (.+)$", pages, re.MULTILINE))
            assert titled == {t.name for t in engaged_now}, f"report pages {titled} — {report}"
            if not plan.sourced:
                assert not SOURCES[lang].search(report), report


#: The case the issue found in the bundled history: steps dated "2024/2025", read as of a date inside.
LOOSE = th.HistoryPlan(
    territories=[
        th.TerritoryPlan(
            id="territoire-1",
            name="Kerlann 1",
            gender="f",
            steps=[
                ("territory_joined", "2026-02-10"),
                ("diagnostic_started", "2026/2027"),
                ("diagnostic_pre_restituted", "2026"),
                ("diagnostic_restituted", "2026/2027"),
                ("pilot_project_chosen", "XXXX"),
            ],
        ),
        th.TerritoryPlan(
            id="territoire-2",
            name="Trévou 2",
            gender="m",
            steps=[("territory_approached", "2026-03"), ("territory_joined", "2026-10")],
        ),
    ],
    sessions=["2026-05-20"],
    sourced=False,
    as_of=th.date(2026, 6, 30),
    period=(th.date(2026, 7, 1), th.date(2026, 12, 31)),
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(plan=LOOSE)
@given(plan=th.history_plans())
def test_every_format_tells_a_generated_cohort_truthfully(host: Host, tmp_path: Path, plan: th.HistoryPlan):
    readmodel, store = imported(plan, tmp_path)
    try:
        for territory in plan.territories:
            check_territory(host, readmodel, plan, territory)
        check_cohort(host, readmodel, plan)
    finally:
        store.close()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Three cohorts kept from the simulator: declined territories, drop-outs and missing stages included."""
    from tests.simulation.conftest import SMALL, write
    from transitions_core.simulation.running.keep import keep_histories
    from transitions_core.simulation.scenario.loading import load_scenario

    loaded = load_scenario(write(tmp_path_factory.mktemp("simulated"), SMALL))
    with open_store(parse_store("memory:")) as store:
        slugs, _ = keep_histories(store.app, loaded, 3, 11, 3)
        yield store.caught_up(), slugs


def test_every_format_tells_simulated_cohorts_truthfully(host: Host, simulated):
    readmodel, slugs = simulated
    for slug in slugs:
        cohort = cohort_view(readmodel, slug)
        for territory in cohort.territories:
            status = territory.status
            for lang in LANGUAGES:
                for fmt in TERRITORY_FORMATS:
                    text = render(host, fmt, territory, Subject.TERRITORY, lang)
                    if not status.engaged:
                        assert not joins_claimed(text, lang), (
                            f"{fmt} {lang} {territory.territory.id}:\n{text}"
                        )
                    assert not SOURCES[lang].search(text), text
        for lang in LANGUAGES:
            report = render(host, "report", cohort, Subject.COHORT, lang)
            pages = report.split("## 3.")[1].split("## 4.")[0]
            titled = set(re.findall(r"^### (.+)$", pages, re.MULTILINE))
            assert titled == {t.territory.name for t in cohort.territories if t.status.engaged}


@pytest.fixture(scope="module")
def leaving(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Cohorts kept from the simulator with a high drop-out hazard: some territories join, then leave."""
    from tests.simulation.conftest import SMALL, write
    from transitions_core.simulation.running.keep import keep_histories
    from transitions_core.simulation.scenario.loading import load_scenario

    text = SMALL.replace("dropout: {monthly_hazard: 0.0045}", "dropout: {monthly_hazard: 0.2}")
    assert text != SMALL
    loaded = load_scenario(write(tmp_path_factory.mktemp("leaving"), text))
    with open_store(parse_store("memory:")) as store:
        slugs, _ = keep_histories(store.app, loaded, 2, 5, 2)
        yield store.caught_up(), slugs


def test_a_territory_that_left_is_told_as_having_taken_part_then_left(host: Host, leaving):
    """A drop-out (`territory_left`) is not a refusal: the timeline says it left, the report says so too."""
    readmodel, slugs = leaving
    left = 0
    for slug in slugs:
        cohort = cohort_view(readmodel, slug)
        leavers = [t for t in cohort.territories if t.status.left]
        left += len(leavers)
        for territory in leavers:
            assert territory.status.engaged and not territory.status.declined
            fr = render(host, "timeline", territory, Subject.TERRITORY, "fr")
            en = render(host, "timeline", territory, Subject.TERRITORY, "en")
            assert "quitte la cohorte en cours de route" in fr and "ne rejoint pas" not in fr, fr
            assert "left the cohort" in en and "did not join" not in en, en
            for fmt in ("fiche", "article", "poem"):
                for lang in LANGUAGES:
                    text = render(host, fmt, territory, Subject.TERRITORY, lang)
                    where = f"{fmt} {lang} of {territory.territory.id}:\n{text}"
                    assert any(said in text for said in LEFT_SAID[lang]), f"leaving untold: {where}"
                    still = [p.format(name=territory.territory.name) for p in STILL_IN[lang]]
                    assert not any(p in text for p in still), f"told as still in the cohort: {where}"
                    for step, phrases in NOT_YET[lang].items():
                        said = [p for p in phrases if p in text]
                        assert not said, f"'not yet' of {step} after leaving: {said} — {where}"
        report = render(host, "report", cohort, Subject.COHORT, "fr")
        # Once among the recruitment's lines, once on the territory's own page.
        assert report.count("puis l'a quittée en cours de route") == 2 * len(leavers), report
        if leavers:
            parti = "parti" if len(leavers) == 1 else "partis"
            assert f"(dont {len(leavers)} {parti} en cours de route)" in report.replace("\u202f", " "), report
        # With every territory gone, a forum would have had nobody: the simulator holds none then.
        assert not re.search(r"(?<![\d\u202f\u00a0])0 participant", report), report
    assert left, "the simulated cohorts hold no drop-out: the test would prove nothing"


def test_a_digest_after_a_departure_no_longer_counts_the_territory_that_left(host: Host, leaving):
    """A newsletter of a period that begins after a territory left counts it neither among its territories
    nor among those of which nothing is dated."""
    from datetime import timedelta

    readmodel, slugs = leaving
    checked = 0
    for slug in slugs:
        whole = cohort_view(readmodel, slug)
        left_on = {
            t.territory.name: max(e.occurred.latest for e in t.entries if e.type == "territory_left")
            for t in whole.territories
            if t.status.left
        }
        if not left_on:
            continue
        start = max(left_on.values()) + timedelta(days=1)
        view = cohort_view(readmodel, slug, period=(start, start + timedelta(days=365)))
        text = render(host, "newsletter", view, Subject.COHORT, "fr").replace("\u202f", " ")
        expected = sum(1 for t in whole.territories if t.status.engaged and t.territory.name not in left_on)
        counted = re.search(r"dans ses (\d+) territoires engagés|dans (son) territoire engagé", text)
        if expected == 0:
            assert counted is None or counted.group(1) == "0", text
        else:
            assert counted, text
            assert (1 if counted.group(2) else int(counted.group(1))) == expected, text
        quiet = re.search(r"Rien n'est daté dans la période pour (.+)\.", text)
        for name in left_on:
            assert not quiet or name not in quiet.group(1), text
        checked += 1
    assert checked, "no cohort with a departure: the test would prove nothing"
