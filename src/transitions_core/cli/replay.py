"""`transitions replay`: a territory's timeline as of a date, in French or as JSON."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import find_territory, open_from

#: Version of the JSON document `replay --format json` prints; documented in docs/replay-json.md.
REPLAY_SCHEMA = "transitions.replay/1"


def parse_day(value: str | None) -> date | None:
    """A full ISO date for --as-of, or a clear error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"« {value} » n'est pas une date complète ; écrivez AAAA-MM-JJ, par exemple 2024-06-30.",
            param_hint="--as-of",
        ) from None


@cli.command()
@click.argument("territory")
@click.option(
    "--as-of",
    "as_of",
    metavar="AAAA-MM-JJ",
    help="Ne garder que ce qui était certainement arrivé à cette date.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["timeline", "json"]), default="timeline", show_default=True
)
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="Écrire dans ce fichier.")
@click.option("--cohort", help="La cohorte, si le territoire figure dans plusieurs.")
@click.pass_context
def replay(
    ctx: click.Context, territory: str, as_of: str | None, fmt: str, output: Path | None, cohort: str | None
) -> None:
    """Rejouer l'histoire d'un territoire (id ou nom : « Le Vigan », le-vigan)."""
    from transitions_core.timeline.view import cohort_profile, territory_timeline

    cutoff = parse_day(as_of)
    with open_from(ctx) as store:
        row = find_territory(store, territory, cohort)
        readmodel = store.caught_up()
        profile, entries = territory_timeline(readmodel, row.cohort, row.territory or "", cutoff)
        cohort_view = cohort_profile(readmodel, row.cohort)
    if fmt == "json":
        import json

        document = {
            "schema": REPLAY_SCHEMA,
            "cohort": cohort_view.model_dump(mode="json"),
            "territory": profile.model_dump(mode="json"),
            "as_of": cutoff.isoformat() if cutoff else None,
            "entries": [
                {
                    **entry.model_dump(mode="json"),
                    "earliest": entry.occurred.earliest.isoformat() if entry.occurred.earliest else None,
                    "latest": entry.occurred.latest.isoformat() if entry.occurred.latest else None,
                }
                for entry in entries
            ],
        }
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        from transitions_core.timeline.french import render_timeline

        text = render_timeline(profile, entries, cohort_view.name, cutoff)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Chronologie écrite dans {output}.")
    else:
        click.echo(text, nl=False)
