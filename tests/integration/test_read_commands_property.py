"""No history the import accepts, and no correction or retraction it accepts after it, makes a read command fail.

Histories are built by hypothesis from the event catalogue itself: every field of every event type gets
values of its own type (and, for text, the characters and markup that have broken outputs before). A
correction then aims at any entry, with values of the right type or of none. Whatever the import
accepts must read with every command: `cohorts`, `territories`, `events`, `replay` in every format and
both languages, `cohort` in every format, `day`, `stats`, `export`; `calibrate` says why it refuses.
"""

from __future__ import annotations

import enum
import json
import os
import tempfile
import types
import typing
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from tests.e2e.test_cli import invoke
from transitions_core.domain.dates import PartialDate
from transitions_core.domain.events import BOOKKEEPING_FIELDS, CATALOGUE, DomainEvent, Scope
from transitions_core.domain.values import CountMarker
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import open_store

#: TRANSITIONS_FUZZ_EXAMPLES=200 for a long, random hunt; CI runs the default, the same examples each time.
EXAMPLES = int(os.environ.get("TRANSITIONS_FUZZ_EXAMPLES", "8"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    derandomize="TRANSITIONS_FUZZ_EXAMPLES" not in os.environ,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
COHORT = "cohorte-generee"
TERRITORIES = ("t-un", "t-deux", "t-trois")
DATES = [
    "2026-02",
    "2026-03-20",
    "2026-23",
    "2026-07/2026-09",
    "2026~",
    "XXXX",
    "[2026-10,2026-11]",
    "2027-01-15",
]
#: Text that broke, or could break, an output: markup, template syntax, quotes, elision, odd spaces.
TRICKY = [
    "",
    " ",
    "L'Été",
    "Les Ateliers",
    "{{ 7 * 7 }}",
    "{% if %}",
    "*gras* _souligné_ `code`",
    "[lien](javascript:alert(1))",
    "<script>alert(1)</script>",
    "« guillemets » \"doubles\" 'simples'",
    "ligne\nsuivante",
    "a\u00a0b\u202fc",
    "Hélène DUPRÉ",
    "#titre",
    "- tiret",
    "50 %",
    "x" * 300,
]
#: Fields whose values name territories of the cohort.
NAMING = {"territories", "about"}
#: Types whose place in a territory's path is fixed: they are written in order, not drawn.
PATH = {
    "territory_registered",
    "territory_approached",
    "scheme_presented",
    "territory_joined",
    "territory_declined",
    "diagnostic_started",
    "diagnostic_pre_restituted",
    "diagnostic_restituted",
    "pilot_note_written",
    "accompaniment_days_spent",
    "accompaniment_budget_extended",
    "interviews_held",
    "finding_recorded",
}
FREE_TERRITORY = [
    cls
    for cls in CATALOGUE
    if cls.scope is Scope.TERRITORY and cls.type_name() not in PATH and "entry_" not in cls.type_name()
]
FREE_COHORT = [
    cls
    for cls in CATALOGUE
    if cls.scope is Scope.COHORT and cls.type_name() not in ("cohort_opened", "cohort_closed")
]

text = st.one_of(
    st.sampled_from(TRICKY), st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=40)
)


def values(annotation: Any, name: str) -> st.SearchStrategy[Any]:
    """Values of a field's own type, as a history file would write them."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        inner = values(args[0], name)
        if any(isinstance(m, CountMarker) for m in args[1:]):
            return st.integers(0, 10**6) if args[0] is int else st.floats(0, 2, allow_nan=False)
        return inner
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(st.none() if a is type(None) else values(a, name) for a in args))
    if origin is typing.Literal:
        return st.sampled_from(args)
    if origin is list:
        if name in NAMING:
            return st.lists(st.sampled_from([*TERRITORIES, "ailleurs"]), max_size=3, unique=True)
        return st.lists(values(args[0], name), max_size=3)
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return st.sampled_from([member.value for member in annotation])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _block(annotation)
    if annotation is PartialDate:
        return st.sampled_from(DATES)
    return {
        str: text,
        int: st.integers(-3, 10**9),
        float: st.floats(-1, 10**6, allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
    }.get(annotation, st.none())


def _block(model: type[BaseModel]) -> st.SearchStrategy[dict[str, Any]]:
    required = {n: values(f.annotation, n) for n, f in model.model_fields.items() if f.is_required()}
    optional = {n: values(f.annotation, n) for n, f in model.model_fields.items() if not f.is_required()}
    return st.fixed_dictionaries(required, optional=optional)


OWN = {*BOOKKEEPING_FIELDS, "occurred", "source", "note", "confidential", "translations"}


def facts_of(event_type: type[DomainEvent]) -> st.SearchStrategy[dict[str, Any]]:
    """An entry of a type, with its required facts and some of its optional ones."""
    fields = {n: f for n, f in event_type.model_fields.items() if n not in OWN}
    required = {n: values(f.annotation, n) for n, f in fields.items() if f.is_required()}
    optional = {n: values(f.annotation, n) for n, f in fields.items() if not f.is_required()}
    optional |= {"source": text, "note": text, "confidential": st.booleans()}
    return st.fixed_dictionaries(
        {"type": st.just(event_type.type_name()), "date": st.sampled_from(DATES), **required},
        optional=optional,
    )


@st.composite
def territory_path(draw: st.DrawFn, slug: str) -> list[dict[str, Any]]:
    """A territory's entries in an order its rules allow: recruitment, diagnostic, pilot, the rest."""
    entries = [{"type": "territory_approached", "by": "region"}, {"type": "scheme_presented"}]
    if draw(st.booleans()) and draw(st.booleans()):
        return [*entries, {"type": "territory_declined", "reason": draw(st.none() | text)}]
    entries.append({"type": "territory_joined"})
    steps = draw(st.integers(0, 3))
    chain = ["diagnostic_started", "diagnostic_pre_restituted", "diagnostic_restituted"][:steps]
    for step in chain:
        entries.append({"type": step})
        if step == "diagnostic_started":
            entries += [draw(facts_of(_type("interviews_held"))), draw(facts_of(_type("finding_recorded")))]
    for kind in ["intention", "framing", "feasibility"][: draw(st.integers(0, 3))]:
        entries.append({"type": "pilot_note_written", "kind": kind})
    entries += [
        {"type": "accompaniment_days_spent", "days": draw(st.floats(0, 2.5))}
        for _ in range(draw(st.integers(0, 3)))
    ]
    entries += draw(st.lists(st.sampled_from(FREE_TERRITORY).flatmap(facts_of), max_size=4))
    return entries


def _type(name: str) -> type[DomainEvent]:
    return next(cls for cls in CATALOGUE if cls.type_name() == name)


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    """A whole history file, as a YAML document."""
    slugs = TERRITORIES[: draw(st.integers(1, len(TERRITORIES)))]
    territories = [
        {"id": slug, **draw(_block_without(_type("territory_registered"), {"cohort", "slug"}))}
        for slug in slugs
    ]
    entries: list[dict[str, Any]] = []
    for slug in slugs:
        for entry in draw(territory_path(slug)):
            entries.append({"date": draw(st.sampled_from(DATES)), **entry, "territory": slug})
    entries += draw(st.lists(st.sampled_from(FREE_COHORT).flatmap(facts_of), max_size=6))
    if draw(st.integers(0, 5)) == 0:
        entries.append({"date": "2027-06", "type": "cohort_closed"})
    for number, entry in enumerate(entries):
        entry["id"] = f"e{number}"
    cohort = {
        "id": COHORT,
        "name": draw(text),
        "region": draw(text),
        "opened": "2026-01",
        "pilot_days_budget": 8,
    }
    return {"kind": "history", "cohort": cohort, "territories": territories, "entries": entries}


def _block_without(model: type[BaseModel], left_out: set[str]) -> st.SearchStrategy[dict[str, Any]]:
    fields = {n: f for n, f in model.model_fields.items() if n not in OWN | left_out}
    required = {n: values(f.annotation, n) for n, f in fields.items() if f.is_required()}
    optional = {n: values(f.annotation, n) for n, f in fields.items() if not f.is_required()}
    return st.fixed_dictionaries(required, optional=optional)


#: Values of no particular type, for corrections that set a fact to anything at all.
anything = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**6), 10**6),
        st.floats(allow_nan=False, allow_infinity=False),
        text,
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["name", "low", "text", "x"]), inner, max_size=3)
    ),
    max_leaves=6,
)


@st.composite
def record_entry(draw: st.DrawFn, targets: list[tuple[str, str]]) -> dict[str, Any]:
    """A correction (of the target's own fields, any value) or a retraction, of any stored entry."""
    key, type_name = draw(st.sampled_from(targets))
    if draw(st.booleans()) and type_name not in ("entry_corrected", "entry_retracted"):
        fields = [n for n in _type(type_name).model_fields if n not in BOOKKEEPING_FIELDS]
        names = draw(st.lists(st.sampled_from(fields), min_size=1, max_size=2, unique=True))
        changes = {}
        for name in names:
            field = _type(type_name).model_fields[name]
            changes["date" if name == "occurred" else name] = draw(values(field.annotation, name) | anything)
        return {
            "date": "2027-09",
            "type": "correction",
            "corrects": key,
            "set": changes,
            "reason": draw(text),
        }
    return {"date": "2027-09", "type": "retraction", "retracts": key, "reason": draw(text)}


def read_everything(store: str) -> None:
    """Every read command on everything the store holds: each must succeed."""
    commands: list[list[str]] = [
        ["cohorts"],
        ["cohorts", "--json"],
        ["territories"],
        ["territories", "--json"],
    ]
    formats = json.loads(_ok(store, ["formats", "--json"]))
    by_subject: dict[str, list[str]] = {}
    for item in formats:
        for subject in item["narrates"]:
            by_subject.setdefault(subject, []).append(item["name"])
    for row in json.loads(_ok(store, ["territories", "--json"])):
        name = row["id"]
        commands += [["events", name, "--cohort", COHORT], ["events", name, "--cohort", COHORT, "--json"]]
        for fmt in by_subject.get("territory", []):
            commands.append(["replay", name, "--cohort", COHORT, "--format", fmt])
        commands += [
            ["replay", name, "--cohort", COHORT, "--lang", "en"],
            ["replay", name, "--cohort", COHORT, "--audience", "public", "--format", "fiche"],
            ["replay", name, "--cohort", COHORT, "--as-of", "2026-12-31"],
        ]
    for fmt in by_subject.get("cohort", []):
        commands.append(["cohort", COHORT, "--format", fmt])
    for fmt in by_subject.get("period", []):
        commands.append(["cohort", COHORT, "--format", fmt, "--from", "2026-01-01", "--to", "2027-12-31"])
    commands += [["cohort", COHORT, "--lang", "en"], ["stats", COHORT], ["stats", COHORT, "--json"]]
    commands += [["export", "csv", COHORT], ["export", "ocel", COHORT]]
    commands += [["day", COHORT, day] for day in _days(store)]
    for command in commands:
        _ok(store, command)
    # `calibrate` derives a scenario rather than reads: it may refuse a history it cannot calibrate from,
    # but in one sentence of its own.
    calibrated = invoke(store, "calibrate", COHORT)
    assert calibrated.exit_code == 0 or calibrated.output.startswith("Erreur : "), calibrated.output
    assert "Erreur inattendue" not in calibrated.output


def _days(store: str) -> list[str]:
    with open_store(parse_store(store), create=False) as opened:
        rows = opened.caught_up().cohort_level_rows(COHORT, ("in_person_day_held",))
        return sorted({row.occurred for row in rows if len(row.occurred) == 10})


def _ok(store: str, command: list[str]) -> str:
    result = invoke(store, *command)
    assert result.exit_code == 0, f"`transitions {' '.join(command)}` failed: {result.output}"
    return str(result.stdout)


def _imported(store: str, path: Path, document: dict[str, Any]) -> bool:
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with open_store(parse_store(store)) as opened:
        try:
            import_histories(opened.app, [path])
        except HistoryFileError:
            return False
    return True


def _stored_entries(store: str) -> list[tuple[str, str]]:
    with open_store(parse_store(store), create=False) as opened:
        readmodel = opened.caught_up()
        return [(row.entry, row.type) for row in readmodel.rows(COHORT)]


@PROPERTY
@given(history=histories(), data=st.data())
def test_no_accepted_history_or_correction_breaks_a_read_command(history, data):
    with tempfile.TemporaryDirectory(prefix="lecture-") as work:
        store = str(Path(work) / "store.sqlite")
        accepted = _imported(store, Path(work) / "historique.yaml", history)
        event("history accepted" if accepted else "history refused")
        if not accepted:
            return
        read_everything(store)
        for round_ in range(2):
            record = data.draw(record_entry(_stored_entries(store)))
            correction = {"kind": "history", "cohort": COHORT, "entries": [{**record, "id": f"r{round_}"}]}
            accepted = _imported(store, Path(work) / f"correction-{round_}.yaml", correction)
            event(f"{record['type']} {'accepted' if accepted else 'refused'}")
            if accepted:
                read_everything(store)
