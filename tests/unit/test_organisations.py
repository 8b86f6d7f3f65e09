"""Organisations' names in French: declared in the history, carried by the views, agreed in the sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import cohort_view, territory_view
from transitions_core.text.filters import agree, people, people_of, people_to, verb
from transitions_core.timeline.view import (
    CohortProfile,
    Profile,
    TimelineEntry,
    cohort_profile,
    organisation_profile,
)
from transitions_narratives.cohort_sentences import cohort_sentence
from transitions_narratives.sentences import describe_profile, entry_sentence

ARIE = organisation_profile("ARIE Bretagne", {"article": "l'", "gender": "f"})
COHORT = CohortProfile(id="c", name="Cohorte", region="Bretagne", organisations=(ARIE,))


# --- what a name says of itself, and what the history declares ---------------------------------------


@pytest.mark.parametrize(
    ("name", "article", "gender", "number"),
    [
        ("Les Ateliers du Trégor", "les", None, "plural"),
        ("La Fabrique des transitions", "la", "f", "singular"),
        ("Le Bruit du frigo", "le", "m", "singular"),
        ("L'Atelier des possibles", "l'", None, "singular"),
        ("Eco-Morphose", "", None, "singular"),
        ("Lesneven Initiatives", "", None, "singular"),  # « Les » must be a word of its own
    ],
)
def test_a_name_without_declaration_gives_its_own_grammar(name, article, gender, number):
    guessed = organisation_profile(name)
    assert (guessed.article, guessed.gender, guessed.number) == (article, gender, number)


def test_a_declared_name_is_found_in_any_case_accent_or_article():
    cohort = COHORT.model_copy(
        update={"organisations": (ARIE, organisation_profile("Les Ateliers du Trégor", {"number": "plural"}))}
    )
    assert cohort.organisation("arie bretagne").article == "l'"
    assert cohort.organisation("ARIE Bretagne").name == "ARIE Bretagne"
    # Written without its article, a declared plural name still takes it.
    without = cohort.organisation("Ateliers du Tregor")
    assert (without.name, without.article, without.plural) == ("Ateliers du Tregor", "les", True)
    assert cohort.declares("les ateliers du trégor")
    assert not cohort.declares("Écume Conseil")
    assert cohort.organisation("Écume Conseil") == organisation_profile("Écume Conseil")


# --- the filters -------------------------------------------------------------------------------------


def test_people_after_a_preposition_contract_with_each_article():
    allies = [{"name": "Les Ateliers du Trégor"}, {"name": "ARIE Bretagne"}]
    assert people_to(allies) == "aux Ateliers du Trégor et ARIE Bretagne"
    assert people_to(allies, COHORT) == "aux Ateliers du Trégor et à l'ARIE Bretagne"
    assert people_of(allies, COHORT) == "des Ateliers du Trégor et de l'ARIE Bretagne"
    assert people(allies, COHORT) == "Les Ateliers du Trégor et l'ARIE Bretagne"
    person = [{"name": "Elsa Bonal", "organisation": "Déjà-là"}, {"name": "le maire"}]
    assert people_to(person) == "à Elsa Bonal (Déjà-là) et au maire"
    assert people_of(person) == "d'Elsa Bonal (Déjà-là) et du maire"


def test_verb_and_agree_follow_the_name():
    assert verb("Les Ateliers du Trégor", "rejoint", "rejoignent") == "rejoignent"
    assert verb("Eco-Morphose", "rejoint", "rejoignent") == "rejoint"
    assert verb(COHORT.organisation("ARIE Bretagne"), "a", "ont") == "a"
    assert agree(COHORT.organisation("ARIE Bretagne"), "engagé") == "engagée"
    assert agree(organisation_profile("Les Ateliers du Trégor"), "engagé") == "engagés"


# --- the sentences -----------------------------------------------------------------------------------


def entry(type_: str, facts: dict[str, object], territory: str | None = None) -> TimelineEntry:
    return TimelineEntry(
        position=1,
        entry="e",
        type=type_,
        scope="territory" if territory else "cohort",
        territory=territory,
        occurred="2026-01",
        recorded="2026-01-01T00:00:00+00:00",
        facts=facts,
    )


def test_a_plural_partner_joins_in_the_plural():
    joined = entry("partner_joined", {"organisation": "Les Ateliers du Trégor", "roles": ["ally"]})
    assert cohort_sentence(joined) == (
        "Les Ateliers du Trégor rejoignent la cohorte : accompagnement des projets pilotes."
    )
    declared = entry("partner_joined", {"organisation": "ARIE Bretagne", "roles": ["pivot_ally"]})
    assert cohort_sentence(declared, COHORT) == "L'ARIE Bretagne rejoint la cohorte : allié pivot."
    assert cohort_sentence(declared) == "ARIE Bretagne rejoint la cohorte : allié pivot."


def test_an_ally_organisation_takes_a_and_its_article():
    place = Profile(cohort="c", id="t", name="Lanvenec", kind="commune")
    plural = entry(
        "ally_assigned", {"allies": [{"name": "Les Ateliers du Trégor"}], "also_did_diagnostic": True}, "t"
    )
    assert entry_sentence(plural, place) == (
        "Accompagnement du projet pilote confié aux Ateliers du Trégor, qui avaient aussi mené le diagnostic sensible."
    )
    declared = entry("ally_assigned", {"allies": [{"name": "ARIE Bretagne"}]}, "t")
    assert (
        entry_sentence(declared, place, COHORT) == "Accompagnement du projet pilote confié à l'ARIE Bretagne."
    )
    started = entry("diagnostic_started", {"conducted_by": ["ARIE Bretagne"]}, "t")
    assert entry_sentence(started, place, COHORT) == "Début du diagnostic sensible, mené par l'ARIE Bretagne."


# --- through the history file and the store ------------------------------------------------------------

HISTORY = """\
kind: history
cohort:
  id: c
  name: Cohorte de test
  region: Bretagne
organisations:
  - name: ARIE Bretagne
    article: "l'"
    gender: f
  - name: Ateliers du Trégor
    article: les
    number: plural
territories:
  - id: kerbiquet
    name: Kerbiquet
    kind: commune
    department: Monts d'Arrée
    department_article: les
    region: Bretagne
  - id: plouzel
    name: Plouzel
    kind: commune
    department: Cotes d'Armor
entries:
  - date: 2026-01
    type: territory_joined
    territory: kerbiquet
  - date: 2026-02
    type: ally_assigned
    territory: kerbiquet
    allies:
      - name: Ateliers du Trégor
"""


def write(tmp_path: Path, text: str, name: str = "h.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_organisations_block_reaches_the_views(memory_store, tmp_path):
    path = write(tmp_path, HISTORY)
    import_histories(memory_store.app, [path])
    readmodel = memory_store.caught_up()
    profile = cohort_profile(readmodel, "c")
    assert [(o.name, o.article, o.gender, o.number) for o in profile.organisations] == [
        ("ARIE Bretagne", "l'", "f", "singular"),
        ("Ateliers du Trégor", "les", None, "plural"),
    ]
    view = territory_view(readmodel, "c", "kerbiquet")
    assert view.territory.department_article == "les"
    assert describe_profile(view.territory) == "Commune des Monts d'Arrée (Bretagne)."
    ally = next(e for e in view.entries if e.type == "ally_assigned")
    assert (
        entry_sentence(ally, view.territory, view.cohort)
        == "Accompagnement du projet pilote confié aux Ateliers du Trégor."
    )
    plouzel = territory_view(readmodel, "c", "plouzel").territory
    assert plouzel.department_article is None
    assert describe_profile(plouzel) == "Commune des Côtes-d'Armor."
    # The declarations are the cohort's profile, not news: no cohort narrative lists them.
    assert all(e.type != "organisation_registered" for e in cohort_view(readmodel, "c").entries)
    # A name declared as an organisation's is no person's: public texts keep it.
    public = territory_view(readmodel, "c", "kerbiquet", audience=Audience.PUBLIC)
    ally = next(e for e in public.entries if e.type == "ally_assigned")
    assert ally.facts["allies"][0]["name"] == "Ateliers du Trégor"

    again = import_histories(memory_store.app, [path])
    assert (
        again.appended == [] and len(again.unchanged) == 7
    )  # cohort, 2 organisations, 2 territories, 2 entries


def test_an_organisation_is_corrected_like_any_entry(memory_store, tmp_path):
    import_histories(memory_store.app, [write(tmp_path, HISTORY)])
    correction = """\
kind: history
cohort: c
entries:
  - date: 2026-03
    type: correction
    corrects: organisation#arie-bretagne
    set: {article: ""}
    reason: l'agence écrit son nom sans article
"""
    import_histories(memory_store.app, [write(tmp_path, correction, "fix.yaml")])
    profile = cohort_profile(memory_store.caught_up(), "c")
    assert profile.organisation("ARIE Bretagne").article == ""


def test_an_edited_declaration_is_refused_like_an_edited_entry(memory_store, tmp_path):
    import_histories(memory_store.app, [write(tmp_path, HISTORY)])
    edited = HISTORY.replace("    gender: f\n", "    gender: m\n")
    with pytest.raises(HistoryFileError, match="organisation#arie-bretagne"):
        import_histories(memory_store.app, [write(tmp_path, edited, "edited.yaml")])


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("  - name: Ateliers du Trégor\n", "  - name: ARIE  bretagne\n"), 10, "déjà déclarée à la ligne 7"),
        (("    number: plural\n", "    number: pluriel\n"), 12, "pluriel"),
        (("    gender: f\n", "    genre: f\n"), 9, "genre"),
        (("    department_article: les\n", "    department_article: des\n"), 18, "valeur « des » inconnue"),
        (("organisations:\n", "organisation:\n"), 6, "clés possibles : kind, cohort, organisations"),
    ],
)
def test_a_bad_declaration_is_refused_at_its_line(memory_store, tmp_path, change, line, message):
    path = write(tmp_path, HISTORY.replace(*change))
    with pytest.raises(HistoryFileError) as caught:
        import_histories(memory_store.app, [path])
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert message in str(caught.value)
    assert memory_store.app.last_position() == 0
