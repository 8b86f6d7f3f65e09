"""`transitions export csv|ocel COHORT`: a cohort's history as an event log for analysis tools."""

from __future__ import annotations

from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import find_cohort, open_from


@cli.group()
def export() -> None:
    """Exporter l'historique d'une cohorte pour l'analyse (CSV, OCEL 2.0)."""


def _write(text: str, output: Path | None, what: str) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"{what} écrit dans {output}.")
    else:
        click.echo(text, nl=False)


@export.command("csv")
@click.argument("cohort")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="Écrire dans ce fichier.")
@click.pass_context
def export_csv(ctx: click.Context, cohort: str, output: Path | None) -> None:
    """Une ligne par événement, corrections appliquées (pour R ou pandas)."""
    from transitions_core.export.flat import to_csv

    with open_from(ctx) as store:
        text = to_csv(store.caught_up(), find_cohort(store, cohort))
    _write(text, output, "Tableau des événements")


@export.command("ocel")
@click.argument("cohort")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="Écrire dans ce fichier.")
@click.pass_context
def export_ocel(ctx: click.Context, cohort: str, output: Path | None) -> None:
    """Journal d'événements centré objets OCEL 2.0 (JSON) : cohorte, territoires, projets, alliés, séances."""
    import json

    from transitions_core.export.ocel import ocel_log

    with open_from(ctx) as store:
        document = ocel_log(store.caught_up(), find_cohort(store, cohort))
    _write(json.dumps(document, ensure_ascii=False, indent=1) + "\n", output, "Journal OCEL 2.0")
