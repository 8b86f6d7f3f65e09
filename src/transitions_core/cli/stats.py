"""`transitions stats`: a cohort's figures."""

from __future__ import annotations

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import echo_json, find_cohort, open_from


@cli.command(examples=("transitions stats occitanie-2024", "transitions stats occitanie-2024 --json"))
@click.argument("cohort", metavar="COHORTE")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@store_option
@click.pass_context
def stats(ctx: click.Context, cohort: str, as_json: bool) -> None:
    """Les chiffres d'une cohorte.

    Recrutement, séances et présence, diagnostics et entretiens, forums, projets pilotes, jours
    d'accompagnement, effets par intitulé.
    """
    from transitions_core.timeline.stats import cohort_stats

    with open_from(ctx) as store:
        figures = cohort_stats(store.caught_up(), find_cohort(store, cohort))
    if as_json:
        echo_json(figures.model_dump(mode="json"))
        return
    from transitions_core.timeline.stats_text import render_stats

    click.echo(render_stats(figures), nl=False)
