"""`transitions stats`: a cohort's figures."""

from __future__ import annotations

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import echo_json, find_cohort, open_from


@cli.command()
@click.argument("cohort")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@click.pass_context
def stats(ctx: click.Context, cohort: str, as_json: bool) -> None:
    """Les chiffres d'une cohorte : recrutement, sessions, diagnostics, projets pilotes, effets."""
    from transitions_core.timeline.stats import cohort_stats

    with open_from(ctx) as store:
        figures = cohort_stats(store.caught_up(), find_cohort(store, cohort))
    if as_json:
        echo_json(figures.model_dump(mode="json"))
        return
    from transitions_core.timeline.stats_text import render_stats

    click.echo(render_stats(figures), nl=False)
