"""Views built without validation (`timeline.trusted`) are the views validation builds, field by field and type by type.

A read command fills its views with `trusted` (no schema built, no pydantic plugin scanned, issue 16) and
dumps them with `dumped`. Here every view of several histories is built both ways: as the commands do,
and validating each model (`validating()`, with the entries of `corrected_entries` validated too). The
two must hold the same fields, in the same order, of the same types (a list where validation gives a
tuple, or an int where it gives a float, fails), and `dumped` must give what `model_dump(mode="json")` gives.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from tests.conftest import SCENARIOS
from transitions_core.history.importer import import_histories
from transitions_core.narrative import build
from transitions_core.narrative.audience import Audience
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store
from transitions_core.timeline import view as timeline_view
from transitions_core.timeline.readmodel import TimelineReadModel
from transitions_core.timeline.stats import cohort_stats
from transitions_core.timeline.trusted import dumped, trusted, validating
from transitions_core.timeline.view import Profile, TimelineEntry, cohort_profile, territory_timeline

BRETAGNE = SCENARIOS / "exemple-bretagne.yaml"
V1_STORE = Path(__file__).resolve().parent.parent / "data" / "stores" / "v1-exemple.sqlite"

#: A small history of our own: numbers written as ints where the views hold floats (a territory's area,
#: the cohort's budget), a pilot without days spent (a sum of nothing is the int 0), lists everywhere a
#: view holds a tuple, a confidential entry, a correction of the days.
OWN = """\
kind: history
cohort:
  id: val-des-essais-2026
  name: Cohorte du Val des essais 2026
  region: Région des essais
  opened: 2026-01
  pilot_days_budget: 6
  aims: [essayer, vérifier]
organisations:
  - name: Les Ateliers des essais
territories:
  - id: essai-sur-mer
    name: Essai-sur-Mer
    kind: commune
    population: 800
    area_km2: 12
    communes: 1
  - id: essai-les-bains
    name: Essai-les-Bains
    kind: commune
entries:
  - date: 2026-02
    type: territory_joined
    territory: essai-les-bains
  - date: 2026-06
    type: pilot_project_chosen
    territory: essai-les-bains
    title: Un essai sans jours
    summary: Un projet choisi, sans jour d'accompagnement encore.
  - date: 2026-02
    type: territory_joined
    territory: essai-sur-mer
  - date: 2026-03
    type: diagnostic_started
    territory: essai-sur-mer
    conducted_by: [Les Ateliers des essais]
  - date: 2026-03
    type: interviews_held
    territory: essai-sur-mer
    count: 9
    approximate: true
  - date: 2026-04
    type: finding_recorded
    territory: essai-sur-mer
    kind: strength
    summary: Une école ouverte le soir.
    quotes:
      - text: On se retrouve à l'école.
        speaker: une habitante
  - date: 2026-05
    type: pilot_project_chosen
    territory: essai-sur-mer
    title: Des soirées d'essai
    summary: Trois soirées ouvertes.
    goals: [tenir trois soirées, écrire un compte rendu]
  - date: 2026-05
    type: ally_assigned
    territory: essai-sur-mer
    allies:
      - name: Les Ateliers des essais
    also_did_diagnostic: true
  - date: 2026-06
    type: accompaniment_days_spent
    territory: essai-sur-mer
    days: 2
  - date: 2026-07
    type: accompaniment_days_spent
    territory: essai-sur-mer
    days: 1
    confidential: true
  - date: 2026-09
    type: effect_observed
    territory: essai-sur-mer
    label: rencontres
    description: Des voisins qui ne se parlaient pas se sont parlé.
    observed_by: ally
    quotes:
      - text: Je ne le connaissais pas.
        speaker: un voisin
  - date: 2026-10
    type: viewpoint_recorded
    territory: essai-sur-mer
    side: territory
    speakers:
      - name: Jeanne Essai
        role: maire
    summary: Un bon début.
  - date: 2026-11
    type: correction
    corrects: essai-sur-mer/accompaniment_days_spent@2026-06#1
    set: {days: 3}
    reason: une journée oubliée
"""

CUTOFFS = (None, date(2024, 6, 30), date(2026, 8, 1))


def _imported(folder: Path, history: Path) -> Iterator[TimelineReadModel]:
    with open_store(parse_store(str(folder / "store.sqlite")), key_variable=None) as store:
        import_histories(store.app, [history])
        yield store.caught_up()


@pytest.fixture(scope="module")
def bretagne(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    yield from _imported(tmp_path_factory.mktemp("bretagne"), BRETAGNE)


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    folder = tmp_path_factory.mktemp("own")
    (folder / "own.yaml").write_text(OWN, encoding="utf-8")
    yield from _imported(folder, folder / "own.yaml")


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """The v1 example store, whose history holds a correction and a retraction."""
    copy = tmp_path_factory.mktemp("v1") / "store.sqlite"
    shutil.copy(V1_STORE, copy)
    with open_store(parse_store(str(copy)), create=False, key_variable=None) as store:
        yield store.caught_up()


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """One run of the baseline scenario, stored as `transitions simulate --keep` would."""
    from transitions_core.simulation.model.run import Models, RunContext, simulate_run
    from transitions_core.simulation.scenario.loading import load_scenario

    loaded = load_scenario(SCENARIOS / "baseline-occitanie.yaml")
    point = loaded.points[0]
    [cohort] = simulate_run(point.scenario, RunContext.of(loaded, point, 3), 0, Models())
    path = Path(tmp_path_factory.mktemp("simulated")) / "store.sqlite"
    with open_store(parse_store(str(path)), key_variable=None) as store:
        store.app.append(cohort.events)
        yield store.caught_up()


def same(fast: Any, slow: Any, where: str = "view") -> None:
    """Equal and of the same type, all the way down (a tuple is not a list, an int not a float)."""
    assert type(fast) is type(slow), (
        f"{where}: {type(fast).__name__} où la validation donne {type(slow).__name__}"
    )
    if isinstance(slow, BaseModel):
        assert list(fast.__dict__) == list(slow.__dict__), where
        assert fast.__pydantic_fields_set__ == slow.__pydantic_fields_set__, where
        assert fast.__pydantic_extra__ == slow.__pydantic_extra__, where
        for name, value in slow.__dict__.items():
            same(fast.__dict__[name], value, f"{where}.{name}")
    elif isinstance(slow, tuple | list):
        assert len(fast) == len(slow), where
        for i, (one, other) in enumerate(zip(fast, slow, strict=True)):
            same(one, other, f"{where}[{i}]")
    elif isinstance(slow, dict):
        assert list(fast) == list(slow), where
        for key, value in slow.items():
            same(fast[key], value, f"{where}[{key!r}]")
    else:
        assert fast == slow, where


def views(readmodel: TimelineReadModel) -> list[BaseModel]:
    """Every view a read command builds of every cohort of the store: territories, cohorts, days, profiles, figures."""
    out: list[BaseModel] = []
    for row in readmodel.aggregates(kind="cohort"):
        cohort = row.cohort
        slugs = [r.territory or "" for r in readmodel.aggregates(kind="territory", cohort=cohort)]
        out.append(cohort_profile(readmodel, cohort))
        out.append(cohort_stats(readmodel, cohort))
        out.append(cohort_stats(readmodel, cohort, confidential=False))
        for slug in slugs:
            out.append(territory_timeline(readmodel, cohort, slug)[0])
            for cutoff in CUTOFFS:
                out.append(territory_view(readmodel, cohort, slug, cutoff))
        for audience in Audience:
            for cutoff in CUTOFFS:
                out.append(cohort_view(readmodel, cohort, cutoff, audience=audience))
            out.append(
                cohort_view(readmodel, cohort, period=(date(2024, 5, 1), date(2026, 9, 1)), audience=audience)
            )
        days = {
            e.occurred.earliest
            for e in timeline_view.cohort_entries(readmodel, cohort).entries
            if e.type == "in_person_day_held" and e.occurred.earliest == e.occurred.latest
        }
        out.extend(day_view(readmodel, cohort, day) for day in sorted(d for d in days if d))
    return out


def both_ways(
    readmodel: TimelineReadModel, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[BaseModel], list[BaseModel]]:
    fast = views(readmodel)
    with monkeypatch.context() as patch, validating():
        patch.setattr(timeline_view, "_filled", lambda fields: TimelineEntry(**fields))
        slow = views(readmodel)
    return fast, slow


HISTORIES = ["occitanie", "example", "bretagne", "simulated", "corrected", "own"]


@pytest.mark.parametrize("name", HISTORIES)
def test_every_view_is_the_one_validation_builds(
    name: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    readmodel: TimelineReadModel = request.getfixturevalue(name)
    fast, slow = both_ways(readmodel, monkeypatch)
    assert len(fast) == len(slow) > 5
    for i, (one, other) in enumerate(zip(fast, slow, strict=True)):
        same(one, other, f"{type(other).__name__} #{i}")
        assert dumped(one) == other.model_dump(mode="json")
        same(dumped(one), other.model_dump(mode="json"), f"dumped {type(other).__name__} #{i}")


def test_the_own_history_holds_what_needs_converting(own: TimelineReadModel) -> None:
    """Where validation would convert (an empty sum to a float, lists to tuples, the audience to text), the callers do."""
    view = territory_view(own, "val-des-essais-2026", "essai-sur-mer")
    assert view.pilot is not None and type(view.pilot.days_spent) is float and view.pilot.days_spent == 4.0
    assert type(view.territory.area_km2) is float and view.territory.area_km2 == 12.0
    assert view.cohort.aims == ("essayer", "vérifier") and view.cohort.pilot_days_budget == 6.0
    assert type(view.audience) is str
    idle = territory_view(own, "val-des-essais-2026", "essai-les-bains")
    assert idle.pilot is not None and type(idle.pilot.days_spent) is float and idle.pilot.days_spent == 0.0


def test_a_conversion_left_out_is_found(own: TimelineReadModel, monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison fails when a builder hands a list where the view holds a tuple, or an int for a float."""
    real = trusted

    def careless(model: type[BaseModel], /, **fields: Any) -> BaseModel:
        if "goals" in fields:
            fields["goals"] = list(fields["goals"])
        return real(model, **fields)

    monkeypatch.setattr(build, "trusted", careless)
    fast = views(own)
    monkeypatch.undo()
    with monkeypatch.context() as patch, validating():
        patch.setattr(timeline_view, "_filled", lambda fields: TimelineEntry(**fields))
        slow = views(own)
    with pytest.raises(AssertionError, match="list où la validation donne tuple"):
        for one, other in zip(fast, slow, strict=True):
            same(one, other)
    with pytest.raises(AssertionError, match="int où la validation donne float"):
        same(
            trusted(Profile, cohort="c", id="t", name="T", kind="commune", area_km2=12),
            Profile(cohort="c", id="t", name="T", kind="commune", area_km2=12),
        )


def test_validating_still_refuses_what_validation_refuses() -> None:
    with validating(), pytest.raises(ValidationError):
        trusted(Profile, cohort="c", id="t", name="T", kind="commune", extra="x")


def test_dumped_leaves_unusual_values_to_pydantic() -> None:
    class Odd(BaseModel):
        when: Any
        amount: Any

    from datetime import datetime
    from decimal import Decimal

    odd = Odd(when=datetime(2024, 5, 7, 10, tzinfo=UTC), amount=Decimal("1.5"))
    assert dumped(odd) == odd.model_dump(mode="json")
    inf = Odd(when=None, amount=float("inf"))
    assert dumped(inf) == inf.model_dump(mode="json")


@pytest.mark.parametrize("name", HISTORIES)
def test_the_listing_s_profiles_are_the_dumped_views(name: str, request: pytest.FixtureRequest) -> None:
    """`territories` reads each profile from its rows without pydantic (`timeline/profiles.py`): the view's dump."""
    from transitions_core.timeline.profiles import territory_profile_data

    readmodel: TimelineReadModel = request.getfixturevalue(name)
    rows = readmodel.aggregates(kind="territory")
    assert rows
    for row in rows:
        data = territory_profile_data(readmodel, row.cohort, row.territory or "")
        assert data is not None
        same(
            data,
            dumped(territory_timeline(readmodel, row.cohort, row.territory or "")[0]),
            row.territory or "",
        )


def test_the_listing_s_fields_are_the_profile_s() -> None:
    from pydantic_core import PydanticUndefined

    from transitions_core.timeline.profiles import FIELDS, REQUIRED

    assert [name for name, _, _ in FIELDS] == list(Profile.model_fields)
    for name, default, kinds in FIELDS:
        field = Profile.model_fields[name]
        assert (default is REQUIRED) == (field.default is PydanticUndefined), name
        if default is not REQUIRED:
            assert default == field.default, name
        assert set(kinds) == set(getattr(field.annotation, "__args__", (field.annotation,))), name


class Rows:
    """A read model holding only some rows of territory `t` of cohort `c`."""

    def __init__(self, facts: dict[str, Any], retracted: bool = False) -> None:
        from transitions_core.timeline.readmodel import Row

        registration = {"cohort": "c", "slug": "t", "name": "T", "kind": "commune"} | facts
        self._rows = [
            Row(1, "c", "t", "t/territory", "territory_registered", "XXXX", "2024-01-01", registration)
        ]
        if retracted:
            self._rows.append(
                Row(2, "c", "t", "r", "entry_retracted", "2024", "2024-01-02", {"target": "t/territory"})
            )

    def rows(self, cohort: str, territory: str | None = None, cohort_level: bool = True) -> list[Any]:
        return self._rows


@pytest.mark.parametrize(
    ("facts", "retracted"),
    [({"population": 12.5}, False), ({"name": 5}, False), ({"kind": None}, False), ({}, True)],
)
def test_a_profile_the_rows_do_not_say_plainly_is_left_to_the_view(
    facts: dict[str, Any], retracted: bool
) -> None:
    from transitions_core.timeline.profiles import territory_profile_data

    assert territory_profile_data(Rows(facts, retracted), "c", "t") is None  # type: ignore[arg-type]


def test_a_plain_profile_is_read_as_validation_keeps_it() -> None:
    from transitions_core.timeline.profiles import territory_profile_data

    data = territory_profile_data(Rows({"population": 12, "area_km2": 3}), "c", "t")  # type: ignore[arg-type]
    validated = Profile(id="t", cohort="c", name="T", kind="commune", population=12, area_km2=3)
    same(data, validated.model_dump(mode="json"))


@pytest.mark.parametrize("name", HISTORIES)
def test_the_listing_s_cohort_headings_are_the_profile_s(name: str, request: pytest.FixtureRequest) -> None:
    """`cohorts` reads each cohort's name and region from its opening (`profiles.cohort_heading`): the profile's."""
    from transitions_core.timeline.profiles import cohort_heading

    readmodel: TimelineReadModel = request.getfixturevalue(name)
    for row in readmodel.aggregates(kind="cohort"):
        profile = cohort_profile(readmodel, row.cohort)
        same(cohort_heading(readmodel, row.cohort), (profile.name, profile.region), row.cohort)


def test_the_models_filled_without_validation_have_only_immutable_defaults() -> None:
    """`trusted` hands every view the default itself, as validation does for an immutable one."""
    from enum import Enum

    from pydantic_core import PydanticUndefined

    from transitions_core.narrative import views
    from transitions_core.narrative.status import TerritoryStatus
    from transitions_core.timeline import stats
    from transitions_core.timeline.view import View

    models = [TerritoryStatus, stats.Range, stats.CohortStats]
    models += [m for m in vars(views).values() if isinstance(m, type) and issubclass(m, View)]
    models += [m for m in vars(timeline_view).values() if isinstance(m, type) and issubclass(m, View)]
    assert len(models) > 15
    immutable = (type(None), str, int, float, bool, tuple, frozenset, Enum)
    for model in models:
        for name, field in model.model_fields.items():
            assert field.alias is None, (model, name)
            if field.default is not PydanticUndefined:
                assert isinstance(field.default, immutable), (model, name)
                if isinstance(field.default, tuple):
                    assert field.default == (), (model, name)


def test_a_field_left_out_or_unknown_is_refused_as_validation_would() -> None:
    with pytest.raises(TypeError, match="il manque le champ name"):
        trusted(Profile, cohort="c", id="t", kind="commune")
    with pytest.raises(TypeError, match="champs inconnus"):
        trusted(Profile, cohort="c", id="t", name="T", kind="commune", extra="x")


@pytest.mark.parametrize("name", HISTORIES)
def test_the_territories_counted_by_cohort_are_those_listed(
    name: str, request: pytest.FixtureRequest
) -> None:
    readmodel: TimelineReadModel = request.getfixturevalue(name)
    cohorts = [row.cohort for row in readmodel.aggregates(kind="cohort")]
    counts = readmodel.counts_by_cohort("territory")
    assert counts and all(
        counts.get(c, 0) == len(readmodel.aggregates(kind="territory", cohort=c)) for c in cohorts
    )
