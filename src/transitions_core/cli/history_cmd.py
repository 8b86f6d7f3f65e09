"""`transitions history export`: a cohort's history from the store back to a history file."""

from __future__ import annotations

from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import emit_output, find_cohort, open_from


@cli.group(examples=("transitions history export occitanie-2024 --output occitanie.yaml",))
def history() -> None:
    """Les fichiers d'historique tirés du stockage."""


@history.command(
    "export",
    examples=(
        "transitions history export occitanie-2024 --output occitanie.yaml",
        "transitions history export occitanie-2024 --keep-corrections --output occitanie-complet.yaml",
    ),
)
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Écrire dans ce fichier.",
)
@click.option(
    "--keep-corrections",
    is_flag=True,
    help="Garder les corrections et les retraits comme des entrées (par défaut : appliqués). Le fichier se "
    "réimporte alors dans ce stockage sans rien ajouter.",
)
@store_option
@click.pass_context
def export_(ctx: click.Context, /, cohort: str, output: Path | None, keep_corrections: bool) -> None:
    """Écrire l'historique d'une cohorte dans un fichier d'historique valide.

    Une entrée par fait, les dates en EDTF, les clés conservées. Par défaut, les corrections sont
    appliquées et les entrées retirées omises : un fichier propre, à importer dans un stockage neuf.
    Avec --keep-corrections, tout le journal y est, et le réimporter ici n'ajoute rien.
    """
    from transitions_core.history.export import export_history

    with open_from(ctx) as store:
        found = find_cohort(store, cohort)
        text, report = export_history(store.app, store.caught_up(), found, keep_corrections)
    emit_output(text, output, "Historique écrit dans")
    applied = (
        ""
        if keep_corrections
        else (
            f", {report.corrections_applied} correction(s) appliquée(s), {report.retracted_left_out} entrée(s) retirée(s) omise(s)"
        )
    )
    click.echo(f"{report.entries} entrée(s){applied}.", err=True)
    if report.rebuilt_differently:
        click.echo(
            f"Attention : {len(report.rebuilt_differently)} entrée(s) réécrite(s) sous une forme que le stockage ne "
            f"reconnaîtra pas comme la même (la première : {report.rebuilt_differently[0]}).",
            err=True,
        )
