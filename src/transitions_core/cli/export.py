"""`transitions export csv|ocel COHORT`: a cohort's history as an event log for analysis tools."""

from __future__ import annotations

from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import find_cohort, open_from


@cli.group(
    examples=(
        "transitions export csv occitanie-2024 --output occitanie.csv",
        "transitions export ocel occitanie-2024 --output occitanie.ocel.json",
    )
)
def export() -> None:
    """Exporter l'historique d'une cohorte (CSV, OCEL 2.0)."""


def _write(text: str, output: Path | None, what: str) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{what} écrit dans {output}.")
    else:
        click.echo(text, nl=False)


@export.command("csv", examples=("transitions export csv occitanie-2024 --output occitanie.csv",))
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Écrire dans ce fichier.",
)
@store_option
@click.pass_context
def export_csv(ctx: click.Context, cohort: str, output: Path | None) -> None:
    """Une ligne par événement, corrections appliquées (pour R ou pandas)."""
    from transitions_core.export.flat import to_csv

    with open_from(ctx) as store:
        text = to_csv(store.caught_up(), find_cohort(store, cohort))
    _write(text, output, "Tableau des événements")


@export.command("ocel", examples=("transitions export ocel occitanie-2024 --output occitanie.ocel.json",))
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Écrire dans ce fichier.",
)
@store_option
@click.pass_context
def export_ocel(ctx: click.Context, cohort: str, output: Path | None) -> None:
    """Un journal d'événements centré objets OCEL 2.0 (JSON), pour la fouille de processus.

    Ses objets : la cohorte, les territoires, les projets pilotes, les alliés et les séances.
    """
    import json

    from transitions_core.export.ocel import ocel_log

    with open_from(ctx) as store:
        document = ocel_log(store.caught_up(), find_cohort(store, cohort))
    _write(json.dumps(document, ensure_ascii=False, indent=1) + "\n", output, "Journal OCEL 2.0")
