"""`transitions correct` and `transitions retract`: fix an entry already recorded, by its key, with a reason."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import find_cohort, open_from
from transitions_core.cli.writing import confirm_and_write, history_file, read_original, writing_options
from transitions_core.errors import NotFound

REASON = click.option("--reason", metavar="RAISON", required=True, help="Pourquoi (obligatoire).")
WHEN = click.option(
    "--date", "when", metavar="DATE", help="Date de la correction (par défaut : aujourd'hui)."
)
KEY = click.argument("key", metavar="CLÉ")
COHORT = click.option("--cohort", metavar="COHORTE", help="La cohorte, si la clé existe dans plusieurs.")


@cli.command(
    examples=(
        'transitions correct "le-vigan/interviews_held@2024/2025#1" --set count=14 --reason "deux entretiens oubliés"',
        'transitions correct "gruissan/effect_observed@2025-03#cooperation" --set "date=avril 2025" '
        '--reason "date du compte rendu"',
    )
)
@KEY
@click.option(
    "--set",
    "pairs",
    metavar="FAIT",
    multiple=True,
    required=True,
    help="Un fait rectifié, écrit champ=valeur (répétable).",
)
@REASON
@WHEN
@COHORT
@writing_options
@store_option
@click.pass_context
def correct(ctx: click.Context, /, key: str, pairs: tuple[str, ...], reason: str, **options: Any) -> None:
    """Corriger une entrée déjà enregistrée.

    CLÉ est celle que `transitions events` affiche en dernière colonne. L'entrée reste dans le
    journal ; la correction s'ajoute, avec sa raison, au stockage et au fichier d'historique.
    """
    from transitions_core.domain.events import EVENT_TYPES
    from transitions_core.recording.fields import parse_pairs

    with open_from(ctx) as store:
        cohort, target_type = find_entry(store, key, options["cohort"])
        changes = parse_pairs(EVENT_TYPES[target_type], pairs, f"l'entrée {key} ({target_type})")
        entry = {
            "date": _when(options["when"]),
            "type": "correction",
            "corrects": key,
            "set": changes,
            "reason": reason,
        }
        _write(store, cohort, entry, options)


@cli.command(examples=('transitions retract "le-vigan/limit_observed@2024/2025#3" --reason doublon',))
@KEY
@REASON
@WHEN
@COHORT
@writing_options
@store_option
@click.pass_context
def retract(ctx: click.Context, /, key: str, reason: str, **options: Any) -> None:
    """Retirer une entrée enregistrée par erreur.

    Elle n'apparaît plus dans les récits, mais reste dans le journal, avec le retrait et sa raison.
    """
    with open_from(ctx) as store:
        cohort, _ = find_entry(store, key, options["cohort"])
        entry = {"date": _when(options["when"]), "type": "retraction", "retracts": key, "reason": reason}
        _write(store, cohort, entry, options)


def find_entry(store: Any, key: str, cohort: str | None) -> tuple[str, str]:
    """The cohort holding the entry `key`, and the entry's type."""
    import difflib

    from transitions_core.domain.identity import cohort_id, territory_id
    from transitions_core.history.keys import territory_of_key
    from transitions_core.recording.planning import EntryRefused
    from transitions_core.timeline.readmodel import fold

    readmodel = store.caught_up()
    territory = territory_of_key(key)
    if cohort is not None:
        cohorts = [find_cohort(store, cohort)]
    elif territory:
        cohorts = [row.cohort for row in readmodel.named("territory", fold(territory))]
    else:
        cohorts = [row.cohort for row in readmodel.aggregates(kind="cohort")]
    found, keys = [], []
    for name in cohorts:
        state = store.app.aggregate(territory_id(name, territory) if territory else cohort_id(name))
        if state is None:
            continue
        if key in state.entries:
            if state.entries[key].retracted:
                raise EntryRefused(f"L'entrée « {key} » a déjà été retirée : rien n'a été écrit.")
            found.append((name, state.entries[key].type))
        keys += list(state.entries)
    if len(found) > 1:
        raise NotFound(
            f"La clé « {key} » existe dans plusieurs cohortes ({', '.join(c for c, _ in found)}) : précisez --cohort."
        )
    if not found:
        close = difflib.get_close_matches(key, keys, n=3, cutoff=0.6)
        hint = f" Vouliez-vous dire : {', '.join(close)} ?" if close else ""
        raise NotFound(
            f"Aucune entrée n'a la clé « {key} ».{hint} `transitions events TERRITOIRE|COHORTE` affiche les clés, "
            "en dernière colonne."
        )
    return found[0]


def _when(given: str | None) -> str:
    from transitions_core.recording.dates import parse_when
    from transitions_core.recording.fields import EntryInputError

    if given is None:
        return date.today().isoformat()
    try:
        return str(parse_when(given))
    except ValueError as error:
        raise EntryInputError(f"--date : {error}") from None


def _write(store: Any, cohort: str, entry: dict[str, Any], options: dict[str, Any]) -> None:
    from transitions_core.history.keys import territory_of_key
    from transitions_core.recording.author import current_author
    from transitions_core.recording.planning import RECORD_KEYS, plan_entry
    from transitions_core.recording.preview import timeline_change

    target: Path | None = history_file(store, cohort, options["file"], options["no_file"])
    original = read_original(target)
    author = current_author(options["author"])

    def plan() -> Any:
        return plan_entry(store.app, cohort, entry, target, author, original)

    first = plan()
    territory = territory_of_key(str(entry[RECORD_KEYS[str(entry["type"])]]))
    change = timeline_change(store.caught_up(), cohort, territory, first)
    confirm_and_write(store, plan, first, change, options["yes"], cohort)
