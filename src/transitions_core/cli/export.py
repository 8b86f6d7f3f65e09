"""`transitions export csv|ocel COHORT`: a cohort's history as an event log for analysis tools."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import (
    audience_of,
    audience_option,
    emit_output,
    find_cohort,
    open_from,
    remind_if_internal,
)
from transitions_core.cli.knowledge import ensure_known, knowledge_notice, known_at_option, known_readmodel

undated_option = click.option(
    "--undated",
    type=click.Choice(["skip", "midpoint", "earliest"]),
    default="skip",
    show_default=True,
    help="Événement daté moins précisément qu'au jour : le laisser de côté (CSV : colonne day vide), le placer au "
    "milieu ou au premier de ses jours possibles ; ses premier et dernier jours possibles restent indiqués.",
)


@cli.group(
    examples=(
        "transitions export csv occitanie-2024 --output occitanie.csv",
        "transitions export ocel occitanie-2024 --output occitanie.ocel.json",
    )
)
def export() -> None:
    """Exporter l'historique d'une cohorte (CSV, OCEL 2.0)."""


@export.command("csv", examples=("transitions export csv occitanie-2024 --output occitanie.csv",))
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Écrire dans ce fichier.",
)
@audience_option
@undated_option
@known_at_option
@store_option
@click.pass_context
def export_csv(
    ctx: click.Context,
    cohort: str,
    output: Path | None,
    audience: str | None,
    undated: str,
    known_at: datetime | None,
) -> None:
    """Une ligne par événement, corrections appliquées (pour R ou pandas)."""
    from transitions_core.export.flat import to_csv

    with open_from(ctx) as store:
        found = find_cohort(store, cohort)
        readmodel = known_readmodel(store, known_at)
        ensure_known(readmodel, known_at, found)
        text = to_csv(readmodel, found, audience_of(audience), undated)  # type: ignore[arg-type]
    emit_output(text, output, "Tableau des événements écrit dans")
    remind_if_internal(audience)
    knowledge_notice(known_at)


@export.command("ocel", examples=("transitions export ocel occitanie-2024 --output occitanie.ocel.json",))
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Écrire dans ce fichier.",
)
@audience_option
@undated_option
@known_at_option
@store_option
@click.pass_context
def export_ocel(
    ctx: click.Context,
    cohort: str,
    output: Path | None,
    audience: str | None,
    undated: str,
    known_at: datetime | None,
) -> None:
    """Un journal d'événements centré objets OCEL 2.0 (JSON), pour la fouille de processus.

    Ses objets : la cohorte, les territoires, les projets pilotes, les alliés et les séances.
    """
    import json

    from transitions_core.export.dating import left_out
    from transitions_core.export.ocel import ocel_log

    with open_from(ctx) as store:
        found = find_cohort(store, cohort)
        readmodel = known_readmodel(store, known_at)
        ensure_known(readmodel, known_at, found)
        counts: dict[str, int] = {}
        document = ocel_log(readmodel, found, audience_of(audience), undated, counts)  # type: ignore[arg-type]
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    emit_output(text, output, "Journal OCEL 2.0 écrit dans")
    note = left_out(counts["unknown"], counts["partial"])
    if note:
        click.echo(note, err=True)
    remind_if_internal(audience)
    knowledge_notice(known_at)
