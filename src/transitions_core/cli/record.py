"""`transitions record`: add one entry to a cohort's history, guided in the terminal or given on the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import open_from
from transitions_core.cli.writing import (
    confirm_and_write,
    find_subject,
    history_file,
    read_original,
    writing_options,
)


@cli.command(
    examples=(
        "transitions record   # guidé : le territoire, le type, chaque champ",
        "transitions record gruissan effect_observed",
        'transitions record gruissan effect_observed --date "mars 2025" --set label=coopération '
        '--set "description=Les services travaillent ensemble." --yes',
        "transitions record occitanie-2024 --from-json - --no-file < entree.json",
    )
)
@click.argument("subject", metavar="[TERRITOIRE|COHORTE]", required=False)
@click.argument("type_name", metavar="[TYPE]", required=False)
@click.option("--date", "when", metavar="DATE", help="Quand : « 7 mai 2025 », « automne 2025 », 2025-05-07…")
@click.option(
    "--set",
    "pairs",
    metavar="FAIT",
    multiple=True,
    help="Un fait de l'entrée, écrit champ=valeur (répétable).",
)
@click.option(
    "--from-json",
    "from_json",
    metavar="FICHIER",
    type=click.File("r", encoding="utf-8"),
    help="L'entrée en JSON, avec les clés d'un fichier d'historique (- pour l'entrée standard).",
)
@click.option("--cohort", metavar="COHORTE", help="La cohorte, si le territoire figure dans plusieurs.")
@writing_options
@store_option
@click.pass_context
def record(
    ctx: click.Context,
    subject: str | None,
    type_name: str | None,
    when: str | None,
    pairs: tuple[str, ...],
    from_json: Any,
    cohort: str | None,
    file: Path | None,
    no_file: bool,
    author: str | None,
    yes: bool,
) -> None:
    """Ajouter une entrée à l'historique, sans écrire de YAML.

    Sans --date, --set ni --from-json, la saisie est guidée : le territoire ou la cohorte, le type
    d'entrée (ceux qui ont du sens à ce stade d'abord), puis chaque champ. Avant d'écrire, l'entrée
    s'affiche telle que le fichier la contiendra, avec la phrase de la chronologie ; les règles de
    l'historique sont vérifiées comme à l'import. L'entrée va dans le stockage et, s'il est connu,
    dans le fichier d'historique de la cohorte : les deux ou aucun.
    """
    from transitions_core.recording.author import current_author

    who = current_author(author)
    with open_from(ctx) as store:
        if from_json is None and when is None and not pairs:
            from transitions_core.recording.guided import guided_record

            guided_record(store, subject, type_name, cohort, who, file, no_file)
            return
        entry, found = _given_entry(store, subject, type_name, when, pairs, from_json, cohort)
        _write(store, found, entry, file, no_file, who, yes)


def _given_entry(
    store: Any,
    subject: str | None,
    type_name: str | None,
    when: str | None,
    pairs: tuple[str, ...],
    from_json: Any,
    cohort: str | None,
) -> tuple[dict[str, Any], str]:
    """The entry the command line gives, and its cohort."""
    from transitions_core.cli.common import find_cohort
    from transitions_core.recording.fields import EntryInputError, build_entry, event_type, parse_pairs

    if from_json is not None:
        entry = _json_entry(from_json)
        if subject is None and entry.get("territory"):
            subject = str(entry["territory"])
        found = find_cohort(store, cohort) if cohort and subject is None else None
        if found is None:
            if subject is None:
                raise EntryInputError(
                    "Dites à quelle cohorte ou à quel territoire va l'entrée : TERRITOIRE|COHORTE."
                )
            found, row = find_subject(store, subject, cohort)
            if row is not None:
                entry.setdefault("territory", row.territory)
        return entry, found
    if subject is None or type_name is None or when is None:
        missing = [
            n for n, v in (("TERRITOIRE|COHORTE", subject), ("TYPE", type_name), ("--date", when)) if not v
        ]
        raise EntryInputError(
            f"il manque {', '.join(missing)} : la forme non guidée les demande tous (ou lancez "
            "`transitions record` seul pour une saisie guidée)."
        )
    found, row = find_subject(store, subject, cohort)
    kind = event_type(type_name)
    values = parse_pairs(kind, pairs, f"« {type_name} »")
    values.pop("date", None)
    date = parse_pairs(kind, [f"date={when}"], "l'entrée")["date"]
    return build_entry(kind, date, row.territory if row else None, values), found


def _json_entry(handle: Any) -> dict[str, Any]:
    from transitions_core.recording.fields import EntryInputError

    name = getattr(handle, "name", "-")
    try:
        entry = json.load(handle)
    except json.JSONDecodeError as error:
        raise EntryInputError(f"{name}:{error.lineno}: JSON illisible : {error.msg}.") from None
    if not isinstance(entry, dict) or "type" not in entry or "date" not in entry:
        raise EntryInputError(
            f"{name} : une entrée est un objet JSON avec au moins « date » et « type », comme dans un "
            'historique : {"date": "2025-03", "type": "effect_observed", "territory": "gruissan", …}.'
        )
    if isinstance(entry["date"], str):
        from transitions_core.recording.dates import parse_when

        try:
            entry["date"] = str(parse_when(entry["date"]))
        except ValueError as error:
            raise EntryInputError(f"{name} : « date » : {error}") from None
    return entry


def _write(
    store: Any,
    cohort: str,
    entry: dict[str, Any],
    file: Path | None,
    no_file: bool,
    author: str | None,
    yes: bool,
) -> None:
    """Plan, preview, confirm and write one entry."""
    from transitions_core.recording.planning import plan_entry
    from transitions_core.recording.preview import timeline_change

    target = history_file(store, cohort, file, no_file)
    original = read_original(target)

    def plan() -> Any:
        return plan_entry(store.app, cohort, entry, target, author, original)

    first = plan()
    change = timeline_change(store.caught_up(), cohort, _territory_of(first.entry), first)
    confirm_and_write(store, plan, first, change, yes, cohort)


def _territory_of(entry: dict[str, Any]) -> str | None:
    from transitions_core.history.keys import territory_of_key
    from transitions_core.recording.planning import RECORD_KEYS

    kind = str(entry["type"])
    if kind in RECORD_KEYS:
        return territory_of_key(str(entry[RECORD_KEYS[kind]]))
    territory = entry.get("territory")
    return str(territory) if territory else None
