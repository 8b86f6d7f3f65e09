"""Facts told as the source tells them: which ally did the diagnostic, steps announced, effects without a label."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.given import Given
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.errors import (
    DiagnosticianContradicted,
    DiagnosticianNotAnAlly,
    InvalidCorrection,
    StepAnnouncedTooLate,
)
from transitions_core.domain.events import (
    AllyAssigned,
    EffectObserved,
    EntryCorrected,
    MilestoneAnnounced,
)
from transitions_core.domain.values import MilestoneKind, Person
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import _diagnosed_by, territory_view
from transitions_core.store.opening import Store
from transitions_core.timeline.stats import cohort_stats
from transitions_core.timeline.stats_text import render_stats
from transitions_narratives.sentences import entry_sentence

CHEMILLE = Person(name="Florence Chemille", organisation="AREC Occitanie")
CANCE = Person(name="Pierre Cancé", organisation="Eco-Morphose")


def test_an_assignment_names_which_of_its_allies_had_done_the_diagnostic():
    given = Given().joined()
    event = given.when(
        AllyAssigned, allies=[CHEMILLE, CANCE], also_did_diagnostic=True, diagnostic_by=[CHEMILLE.name]
    )
    assert event.diagnostic_by == ["Florence Chemille"]


def test_the_diagnostician_must_be_one_of_the_allies_assigned():
    given = Given().joined()
    with pytest.raises(DiagnosticianNotAnAlly, match="« Florence Chemile », qui n'est pas parmi les alliés"):
        given.when(AllyAssigned, allies=[CHEMILLE, CANCE], diagnostic_by=["Florence Chemile"])


def test_naming_a_diagnostician_contradicts_allies_who_did_not_do_it():
    given = Given().joined()
    with pytest.raises(DiagnosticianContradicted, match="« also_did_diagnostic » vaut false"):
        given.when(AllyAssigned, allies=[CHEMILLE], also_did_diagnostic=False, diagnostic_by=[CHEMILLE.name])


@pytest.mark.parametrize(
    ("announced", "expected"),
    [
        ("2024/2025", "[2024-07-15,2025-07-15]"),
        ("2025-03", "2025-09"),
        ("2025", "2025-07"),
        ("XXXX", "2025-09"),
    ],
)
def test_a_step_is_announced_for_a_date_that_may_still_come(announced, expected):
    given = Given().joined()
    given.when(
        MilestoneAnnounced,
        occurred=PartialDate(announced),
        kind=MilestoneKind.TRAINING,
        description="Formations en interne.",
        expected=PartialDate(expected),
    )


def test_a_step_announced_after_its_date_is_refused():
    given = Given().joined()
    with pytest.raises(StepAnnouncedTooLate, match="s'enregistre avec milestone_reached"):
        given.when(
            MilestoneAnnounced,
            occurred=PartialDate("2025-10"),
            kind=MilestoneKind.PRESENTATION,
            description="Présentation du projet.",
            expected=PartialDate("2025-07-15"),
        )


def test_an_effect_may_have_no_label_and_a_label_may_be_corrected_away():
    given = Given().joined()
    given.given(
        EffectObserved,
        entry="t/effect",
        label="met en confiance",
        description="Un consultant qui met en confiance.",
    )
    given.when(EntryCorrected, target="t/effect", changes={"label": None}, reason="intitulé inventé")
    given.when(EffectObserved, description="Occasion de se confronter à d'autres cultures.")


def test_a_correction_cannot_give_a_list_where_names_are_expected():
    given = Given().joined().given(AllyAssigned, entry="t/ally", allies=[CHEMILLE, CANCE])
    with pytest.raises(InvalidCorrection, match="diagnostic_by"):
        given.when(
            EntryCorrected, target="t/ally", changes={"diagnostic_by": "Florence Chemille"}, reason="x"
        )


HISTORY = """\
kind: history
cohort: {{id: c, name: Cohorte de test, region: Occitanie}}
territories:
  - {{id: t, name: Gruissan, kind: commune}}
entries:
  - {{date: "2024", type: territory_joined, territory: t}}
{effects}
"""


def imported(tmp_path: Path, store: Store, effects: str) -> list[str]:
    path = tmp_path / "history.yaml"
    path.write_text(HISTORY.format(effects=effects), encoding="utf-8")
    report = import_histories(store.app, [path])
    return [entry.key for entry in report.appended if entry.type == "effect_observed"]


def test_effects_without_a_label_are_numbered(tmp_path, memory_store):
    keys = imported(
        tmp_path,
        memory_store,
        """\
  - {date: "2025", type: effect_observed, territory: t, description: Premier.}
  - {date: "2025", type: effect_observed, territory: t, label: outillage, description: Deuxième.}
  - {date: "2025", type: effect_observed, territory: t, label: null, description: Troisième.}""",
    )
    assert keys == [
        "t/effect_observed@2025#1",
        "t/effect_observed@2025#outillage",
        "t/effect_observed@2025#2",
    ]


def test_a_label_that_looks_like_a_rank_does_not_take_an_unlabelled_effects_key(tmp_path, memory_store):
    with pytest.raises(HistoryFileError, match="donnez-lui un « id: »"):
        imported(
            tmp_path,
            memory_store,
            """\
  - {date: "2025", type: effect_observed, territory: t, label: "1", description: Premier.}
  - {date: "2025", type: effect_observed, territory: t, description: Deuxième.}""",
        )


def test_unlabelled_effects_and_announced_steps_count_apart(tmp_path, memory_store):
    imported(
        tmp_path,
        memory_store,
        """\
  - {date: "2025", type: effect_observed, territory: t, description: Sans intitulé.}
  - {date: "2025", type: effect_observed, territory: t, label: Outillage, description: Avec.}
  - {date: "2025", type: milestone_announced, territory: t, kind: training, description: Formations., expected: 2025-09}
  - {date: "2025", type: milestone_reached, territory: t, kind: seminar, description: Séminaire.}""",
    )
    stats = cohort_stats(memory_store.caught_up(), "c")
    assert (stats.effects, stats.effects_by_label) == (2, {"outillage": 1})
    assert (stats.milestones, stats.milestones_announced) == (1, 1)
    text = render_stats(stats)
    assert "1 étape annoncée, pas encore franchie" in text
    assert "sans intitulé\u202f: 1" in text


def test_a_timeline_tells_an_unlabelled_effect_and_an_announced_step_for_what_they_are(
    tmp_path, memory_store
):
    imported(
        tmp_path,
        memory_store,
        """\
  - {date: "2025", type: effect_observed, territory: t, description: Occasion de se confronter à d'autres cultures.}
  - {date: "2025", type: milestone_announced, territory: t, kind: presentation, description: Présentation du projet.,
     expected: "[2024-07-15,2025-07-15]"}""",
    )
    view = territory_view(memory_store.caught_up(), "c", "t")
    effect, step = (e for e in view.entries if e.type in ("effect_observed", "milestone_announced"))
    assert (
        entry_sentence(effect, view.territory)
        == "Effet relevé. Occasion de se confronter à d'autres cultures."
    )
    assert entry_sentence(step, view.territory) == (
        "Étape annoncée (présentation), prévue le 15 juillet 2024 ou le 15 juillet 2025. Présentation du projet."
    )
    assert view.effects[0].label is None
    assert view.pilot is None  # an announced step alone is no pilot project


@pytest.mark.parametrize(
    ("assignment", "named"),
    [
        ({"allies": [{"name": "A"}], "also_did_diagnostic": True}, ("A",)),
        ({"allies": [{"name": "A"}, {"name": "B"}], "also_did_diagnostic": True}, ()),
        (
            {"allies": [{"name": "A"}, {"name": "B"}], "also_did_diagnostic": True, "diagnostic_by": ["A"]},
            ("A",),
        ),
        ({"allies": [{"name": "A"}, {"name": "B"}], "diagnostic_by": ["A", "C"]}, ("A",)),
        ({"allies": [{"name": "A"}], "also_did_diagnostic": False}, ()),
        ({"allies": [{"name": "A"}]}, ()),  # a read model row projected before `diagnostic_by` existed
    ],
)
def test_the_view_names_the_allies_who_did_the_diagnostic_only_when_known(assignment, named):
    assert _diagnosed_by(assignment) == named


@pytest.mark.parametrize(
    ("facts", "said"),
    [
        (
            {
                "allies": [CHEMILLE.model_dump(), CANCE.model_dump()],
                "also_did_diagnostic": True,
                "diagnostic_by": ["Florence Chemille"],
            },
            "Accompagnement du projet pilote confié à Florence Chemille (AREC Occitanie) et Pierre Cancé "
            "(Eco-Morphose) ; Florence Chemille avait aussi mené le diagnostic sensible.",
        ),
        (
            {"allies": [CHEMILLE.model_dump(), CANCE.model_dump()], "also_did_diagnostic": True},
            "Accompagnement du projet pilote confié à Florence Chemille (AREC Occitanie) et Pierre Cancé "
            "(Eco-Morphose) ; l'un d'eux au moins avait aussi mené le diagnostic sensible.",
        ),
        (
            {"allies": [CHEMILLE.model_dump()], "also_did_diagnostic": True},
            "Accompagnement du projet pilote confié à Florence Chemille (AREC Occitanie), qui avait aussi mené "
            "le diagnostic sensible.",
        ),
    ],
)
def test_the_timeline_says_which_ally_had_done_the_diagnostic(facts, said, tmp_path, memory_store):
    imported(tmp_path, memory_store, "")
    view = territory_view(memory_store.caught_up(), "c", "t")
    joined = view.entries[0]
    entry = joined.model_copy(update={"type": "ally_assigned", "facts": facts})
    assert entry_sentence(entry, view.territory) == said
