"""Calibration of cohorts other than Occitanie: it measures what their history records, says what it
assumes, writes null for what it cannot know, and never borrows the Occitanie cohort's facts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE
from tests.simulation.conftest import SMALL, line_in, write
from transitions_core.errors import TransitionsError
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.simulation.calibration.calibrate import Calibrated, calibrate
from transitions_core.simulation.calibration.factors import ASSUMED, IRRELEVANT, MEASURED, UNKNOWN
from transitions_core.simulation.running.keep import keep_histories
from transitions_core.simulation.running.runner import run_sweep
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline.stats import cohort_stats

KINDS = (MEASURED, ASSUMED, UNKNOWN, IRRELEVANT)
#: Values that are the Occitanie cohort's, or came from its report, and are no other cohort's.
OCCITANIE_FACTS = ("2024-05-07", "rapport", "Fronton", "Montpellier", "4.6721", "0.6316", "4.4138", "3.8372")


def calibrated_history(history: Path, cohort: str) -> Calibrated:
    with open_store(parse_store("memory:")) as store:
        import_histories(store.app, [history])
        return calibrate(store.caught_up(), cohort)


def parameter_lines(text: str) -> list[str]:
    """The lines of the `parameters:` block that hold a value."""
    block = text[text.index("\nparameters:\n") : text.index("\nrules:\n")]
    return [line for line in block.splitlines()[2:] if re.match(r"^    \w+: ", line)]


def assert_accounted_for(calibrated: Calibrated) -> None:
    """Every parameter says where it comes from; unknown ones are null and in the summary, no others."""
    for line in parameter_lines(calibrated.text):
        value, _, comment = line.partition("  # ")
        assert comment.startswith(tuple(f"{kind} : " for kind in KINDS)), line
        assert (value.rstrip().endswith(": null")) == comment.startswith(f"{UNKNOWN} : "), line
    summary = calibrated.summary()
    unknown = calibrated.sources.of_kind(UNKNOWN)
    assert (f"{len(unknown)} valeur" in summary) if unknown else ("aucune valeur inconnue" in summary)
    for path in unknown:
        assert f"\n  {path} : " in summary


def assert_never_occitanie(text: str) -> None:
    """Occitanie appears only where an assumption says it comes from there."""
    for line in text.splitlines():
        if "Occitanie" in line:
            assert "# hypothèse : " in line and "cohorte Occitanie" in line.partition("#")[2], line
        for fact in OCCITANIE_FACTS:
            assert fact not in line, line


def test_the_imaginary_cohort_is_measured_and_its_unknowns_are_said(tmp_path: Path):
    calibrated = calibrated_history(EXAMPLE, "val-imaginaire-2026")
    text = calibrated.text
    assert_accounted_for(calibrated)
    assert_never_occitanie(text)
    assert "launch: 2026-05-12  # historique : première journée en présentiel" in text
    assert "join: 1.0  # historique : 1 territoire engagé / 1 présentation" in text
    assert "people_webinar: 0.0  # sans objet : le calendrier n'a pas de webinaires datés" in text
    assert "effects_mean: null  # inconnu : aucune évaluation n'est consignée (0 effet à ce jour)" in text
    assert "calendrier national des municipales" in text and "tombe dans un mandat suivant" in text
    assert set(calibrated.sources.of_kind(UNKNOWN)) == {
        "parameters.pilot.milestones_mean",
        "parameters.evaluation.effects_mean",
        "parameters.evaluation.limits_mean",
        "parameters.evaluation.effect_labels",
        "regions.territories.val-de-brume.population",
    }
    assert "val-de-brume" in text, "a named territory that declined is a listed candidate, not an unnamed one"
    assert "5 valeurs inconnues, à renseigner avant de simuler :\n" in calibrated.summary()


def test_a_scenario_with_unknowns_does_not_run_until_they_are_given(tmp_path: Path):
    text = calibrated_history(EXAMPLE, "val-imaginaire-2026").text
    path = write(tmp_path, text)
    with pytest.raises(HistoryFileError) as caught:
        load_scenario(path)
    line = line_in(text, "milestones_mean: null")
    assert str(caught.value).startswith(
        f"{path}:{line}: « parameters.pilot.milestones_mean » : valeur inconnue (null) ;"
    )
    filled = (
        text.replace("milestones_mean: null", "milestones_mean: 1.0")
        .replace("effects_mean: null", "effects_mean: 3.0")
        .replace("limits_mean: null", "limits_mean: 2.0")
        .replace("effect_labels: null", "effect_labels: {coopération: 1}")
        .replace("kind: communauté de communes\n", "kind: communauté de communes\n        population: 9000\n")
    )
    loaded = load_scenario(write(tmp_path, filled, "filled.yaml"))
    rows = run_sweep(loaded, 3, 1).rows
    assert [row["approached"] for row in rows] == [2, 2, 2]


def test_a_cohort_without_a_dated_in_person_day_is_refused(tmp_path: Path):
    history = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    history["entries"] = [e for e in history["entries"] if e["type"] != "in_person_day_held"]
    path = tmp_path / "sans-journee.yaml"
    path.write_text(yaml.safe_dump(history, allow_unicode=True), encoding="utf-8")
    with pytest.raises(TransitionsError, match="aucune journée en présentiel n'est datée"):
        calibrated_history(path, "val-imaginaire-2026")


@pytest.mark.parametrize(
    ("scenario", "seed"), [(SMALL, 7), ("mid-mandate-start", 4)], ids=["small", "mid-mandate"]
)
def test_a_kept_simulated_cohort_calibrates_to_its_own_figures(tmp_path: Path, scenario: str, seed: int):
    from tests.conftest import SCENARIOS

    path = SCENARIOS / f"{scenario}.yaml" if scenario == "mid-mandate-start" else write(tmp_path, scenario)
    loaded = load_scenario(path)
    with open_store(parse_store("memory:")) as store:
        (cohort, *_), _ = keep_histories(store.app, loaded, runs=1, seed=seed, keep=1)
        readmodel = store.caught_up()
        calibrated = calibrate(readmodel, cohort)
        stats = cohort_stats(readmodel, cohort)
    assert_accounted_for(calibrated)
    again = load_scenario(write(tmp_path, calibrated.text, "again.yaml")).scenario
    first = loaded.points[0].scenario
    shifted = first.calendar.launch.replace(
        year=first.calendar.launch.year + first.calendar.shift_months // 12
    )
    assert again.calendar.launch == shifted
    assert again.parameters.recruitment.join == pytest.approx(stats.joined / stats.presented, abs=1e-4)
    assert again.parameters.recruitment.present == pytest.approx(stats.presented / stats.approached, abs=1e-4)
    assert again.regions[0].region == first.regions[0].region
    assert len(again.regions[0].territories) == stats.approached, "every simulated territory is named"
    assert run_sweep(load_scenario(write(tmp_path, calibrated.text, "runs.yaml")), 2, 1).rows


REGIONS = ("Bretagne", "Grand Est", "La Réunion", "Hauts-de-France")


@st.composite
def histories(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, int]]:
    """A small history of a cohort outside Occitanie, and the funnel it records."""
    year = draw(st.integers(2027, 2031))
    cohort: dict[str, Any] = {
        "id": "cohorte-essai",
        "name": "Cohorte d'essai",
        "region": draw(st.sampled_from(REGIONS)),
    }
    if draw(st.booleans()):
        cohort["period"] = f"{year}/{year + 1}"
    if draw(st.booleans()):
        cohort["pilot_days_budget"] = draw(st.sampled_from([6, 8, 10]))
    territories, entries = [], []
    funnel = {"approached": 0, "presented": 0, "joined": 0}
    complete = draw(st.booleans())  # every optional figure recorded: then nothing is unknown

    def recorded() -> bool:
        return complete or draw(st.booleans())

    evaluated = recorded()
    for i in range(draw(st.integers(1, 4))):
        slug = f"territoire-{i}"
        territory: dict[str, Any] = {"id": slug, "name": f"Territoire {i}", "kind": "commune"}
        if recorded():
            territory["population"] = draw(st.integers(100, 90_000))
        territories.append(territory)
        entries.append({"date": f"{year - 1}-0{1 + i}", "type": "territory_approached", "territory": slug})
        funnel["approached"] += 1
        fates = (
            ["joined", "dropped"] if complete and i == 0 else ["approached", "declined", "joined", "dropped"]
        )
        fate = draw(st.sampled_from(fates))
        if fate == "approached":
            continue
        entries.append({"date": f"{year - 1}-0{2 + i}", "type": "scheme_presented", "territory": slug})
        funnel["presented"] += 1
        if fate == "declined":
            entries.append({"date": f"{year - 1}-10", "type": "territory_declined", "territory": slug})
            continue
        entries.append({"date": f"{year - 1}-11", "type": "territory_joined", "territory": slug})
        funnel["joined"] += 1
        if recorded():
            entries += [
                {"date": f"{year}-03", "type": "diagnostic_started", "territory": slug},
                {"date": f"{year}-04", "type": "interviews_held", "territory": slug, "count": 10 + i},
                {"date": f"{year}-05", "type": "diagnostic_pre_restituted", "territory": slug},
                {"date": f"{year}-06", "type": "diagnostic_restituted", "territory": slug, "public": i == 0},
            ]
        if evaluated:
            entries.append(
                {
                    "date": f"{year + 1}-03",
                    "type": "effect_observed",
                    "territory": slug,
                    "label": "coopération",
                    "description": "Des services travaillent ensemble.",
                }
            )
        if fate == "dropped":
            entries.append({"date": f"{year + 1}-05", "type": "territory_declined", "territory": slug})
    for number in range(1, draw(st.integers(1 if complete else 0, 3)) + 1):
        day: dict[str, Any] = {
            "date": f"{year}-0{number}-15",
            "type": "in_person_day_held",
            "number": number,
            "place": f"Lieu {number}",
            "theme": "travail en commun",
        }
        if recorded():
            day["attendance"] = {"low": 20 + number, "high": 30 + number}
        entries.append(day)
    for number in range(1, draw(st.integers(0, 2)) + 1):
        webinar: dict[str, Any] = {
            "date": f"{year}-0{number + 4}-10",
            "type": "webinar_held",
            "number": number,
            "theme": "échanges",
        }
        if recorded():
            webinar["attendance"] = {"low": 10, "high": 10 + 5 * number}
        entries.append(webinar)
    history = {"kind": "history", "cohort": cohort, "territories": territories, "entries": entries}
    return history, funnel


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories())
def test_any_cohort_is_calibrated_truthfully(
    tmp_path: Path, generated: tuple[dict[str, Any], dict[str, int]]
):
    history, funnel = generated
    path = tmp_path / "historique.yaml"
    path.write_text(yaml.safe_dump(history, allow_unicode=True, sort_keys=False), encoding="utf-8")
    days = [e for e in history["entries"] if e["type"] == "in_person_day_held"]
    event("sans journée en présentiel" if not days else f"{len(days)} journée(s)")
    if not days:
        with pytest.raises(TransitionsError, match="aucune journée en présentiel n'est datée"):
            calibrated_history(path, "cohorte-essai")
        return
    calibrated = calibrated_history(path, "cohorte-essai")
    text = calibrated.text
    assert_accounted_for(calibrated)
    assert_never_occitanie(text)
    document = yaml.safe_load(text)
    recruitment = document["parameters"]["recruitment"]
    assert recruitment["present"] == round(funnel["presented"] / funnel["approached"], 4)
    assert recruitment["join"] == (
        round(funnel["joined"] / funnel["presented"], 4) if funnel["presented"] else None
    )
    assert str(document["calendar"]["launch"]) == min(day["date"] for day in days)
    evaluated = any(e["type"] == "effect_observed" for e in history["entries"])
    assert (document["parameters"]["evaluation"]["effects_mean"] is None) == (
        not evaluated or not funnel["joined"]
    )
    scenario = write(tmp_path, text, "calibre.yaml")
    event("avec des inconnues" if calibrated.sources.of_kind(UNKNOWN) else "sans inconnue")
    if calibrated.sources.of_kind(UNKNOWN):
        with pytest.raises(HistoryFileError, match=r"valeur inconnue \(null\)|champ obligatoire manquant"):
            load_scenario(scenario)
    else:
        assert run_sweep(load_scenario(scenario), 1, 1).rows
