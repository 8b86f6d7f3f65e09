"""`transitions stats`: a cohort's figures."""

from __future__ import annotations

from datetime import datetime

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import (
    audience_of,
    audience_option,
    echo_json,
    find_cohort,
    open_from,
    remind_if_internal,
)
from transitions_core.cli.knowledge import ensure_known, knowledge_notice, known_at_option, known_readmodel


@cli.command(
    examples=(
        "transitions stats occitanie-2024",
        "transitions stats occitanie-2024 --json",
        "transitions stats occitanie-2024 --known-at 2024-12-01",
    )
)
@click.argument("cohort", metavar="COHORTE")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@audience_option
@known_at_option
@store_option
@click.pass_context
def stats(
    ctx: click.Context, cohort: str, as_json: bool, audience: str | None, known_at: datetime | None
) -> None:
    """Les chiffres d'une cohorte.

    Recrutement, séances et présence, diagnostics et entretiens, forums, projets pilotes, jours
    d'accompagnement, effets par intitulé.
    """
    from transitions_core.timeline.stats import cohort_stats

    with open_from(ctx) as store:
        found = find_cohort(store, cohort)
        readmodel = known_readmodel(store, known_at)
        ensure_known(readmodel, known_at, found)
        if audience_of(audience) != "public":
            figures = cohort_stats(readmodel, found)
        else:  # the people module and the views, for a public output only
            from transitions_core.narrative.audience import reading_for

            reading = reading_for(readmodel, found, audience_of(audience))
            figures = cohort_stats(reading.readmodel, found)
            if reading.names is not None:  # effect labels may quote someone
                figures = reading.names.view(figures)
    if as_json:
        from transitions_core.timeline.trusted import dumped

        echo_json(dumped(figures))
    else:
        from transitions_core.timeline.stats_text import render_stats

        click.echo(render_stats(figures), nl=False)
    remind_if_internal(audience)
    knowledge_notice(known_at)
