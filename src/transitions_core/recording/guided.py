"""The guided entry of `transitions record`: the subject, the type, the date, then each field, in the terminal.

Prompts are questionary's (on prompt_toolkit). Ctrl-C at any prompt stops everything and writes nothing
(`unsafe_ask` lets the KeyboardInterrupt through to the command line, which says so).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import questionary

from transitions_core.domain.events import DomainEvent, Scope
from transitions_core.recording.dates import parse_when
from transitions_core.recording.fields import build_entry, event_type
from transitions_core.recording.guide import key_meaning, type_sentence, type_title, types_for
from transitions_core.recording.prompts import ask_fields
from transitions_core.text.french import date_short, date_words

SKIP = "(passer)"


def guided_record(
    store: Any,
    subject: str | None,
    type_name: str | None,
    cohort: str | None,
    author: str | None,
    file: Path | None,
    no_file: bool,
) -> None:
    """Ask for what is missing, show the entry and its sentence, and write it once confirmed."""
    from transitions_core.cli.writing import confirm_and_write, find_subject, history_file, read_original
    from transitions_core.recording.planning import EntryRefused, plan_entry
    from transitions_core.recording.preview import timeline_change

    found, row = _subject(store, subject, cohort, find_subject)
    target = history_file(store, found, file, no_file)
    original = read_original(target)
    territory = row.territory if row else None
    while True:
        kind = _kind(store, found, territory, type_name)
        type_name = None  # after a refusal, the type is asked again
        when = _date()
        click.echo(f"Champs de « {kind.type_name()} » ({type_title(kind.type_name())}) :")
        values = ask_fields(kind, kind.type_name())
        values.update(_extras())
        entry = build_entry(kind, when, territory, values)
        try:
            first = plan_entry(store.app, found, entry, target, author, original)
        except EntryRefused as refusal:
            click.echo(f"Refusée : {refusal}", err=True)
            click.echo("Recommençons (Ctrl-C pour abandonner).")
            continue
        break

    def plan() -> Any:
        return plan_entry(store.app, found, entry, target, author, original)

    change = timeline_change(store.caught_up(), found, territory, first)
    confirm_and_write(store, plan, first, change, False, found)


def _subject(store: Any, subject: str | None, cohort: str | None, find: Any) -> tuple[str, Any]:
    from transitions_core.errors import NotFound

    readmodel = store.caught_up()
    names = [r.name for r in readmodel.aggregates(kind="territory")] + [
        r.cohort for r in readmodel.aggregates(kind="cohort")
    ]
    while True:
        if subject is None:
            subject = questionary.autocomplete(
                "Territoire ou cohorte :", choices=names, ignore_case=True, match_middle=True
            ).unsafe_ask()
        try:
            return find(store, subject or "", cohort)  # type: ignore[no-any-return]
        except NotFound as error:
            click.echo(str(error), err=True)
            subject = None


def _kind(store: Any, cohort: str, territory: str | None, given: str | None) -> type[DomainEvent]:
    if given is not None:
        return event_type(given)
    from transitions_core.domain.cohort import Cohort

    cohort_state = store.app.cohort(cohort)
    assert cohort_state is None or isinstance(cohort_state, Cohort)
    scope = Scope.TERRITORY if territory else Scope.COHORT
    state = store.app.territory(cohort, territory) if territory else cohort_state
    rows = types_for(scope, state, cohort_state)
    choices: list[Any] = []
    for sensible, heading in (
        (True, "Possibles maintenant"),
        (False, "Pas à ce stade (les règles les refuseront)"),
    ):
        group = [row for row in rows if row[2] is sensible]
        if not group:
            continue
        choices.append(questionary.Separator(f"── {heading} ──"))
        stage = ""
        for row_stage, kind, _ in group:
            if row_stage != stage:
                choices.append(questionary.Separator(f"   {row_stage}"))
                stage = row_stage
            name = kind.type_name()
            choices.append(
                questionary.Choice(
                    f"{name} — {type_title(name)}", value=name, description=type_sentence(name) or None
                )
            )
    name = questionary.select(
        "Type d'entrée (tapez pour filtrer) :", choices=choices, use_search_filter=True, use_jk_keys=False
    ).unsafe_ask()
    return event_type(str(name))


def _date() -> str:
    def valid(text: str) -> bool | str:
        try:
            parse_when(text)
        except ValueError as error:
            return str(error)
        return True

    text = questionary.text(
        "Date (« 7 mai 2025 », « automne 2025 », « entre juillet et septembre 2024 », « inconnue ») :",
        validate=valid,
    ).unsafe_ask()
    when = parse_when(text)
    click.echo(
        f"  → {when} (EDTF) ; la chronologie écrira « {date_short(when)} », un récit « {date_words(when)} »."
    )
    return str(when)


def _extras() -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in ("source", "note"):
        text = questionary.text(
            f"{name} ({key_meaning('', name) or _EXTRA[name]}, vide pour passer) :"
        ).unsafe_ask()
        if text.strip():
            values[name] = text.strip()
    return values


_EXTRA = {"source": "d'où vient le fait", "note": "une remarque, absente des textes publics"}
