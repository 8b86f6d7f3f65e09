"""`transitions cohorts`, `territories`, `events` and `info`: what the store holds."""

from __future__ import annotations

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import echo_json, find_cohort, find_territory, open_from


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@click.pass_context
def cohorts(ctx: click.Context, as_json: bool) -> None:
    """Lister les cohortes du stockage."""
    from transitions_core.timeline.view import cohort_profile

    with open_from(ctx) as store:
        readmodel = store.caught_up()
        rows = readmodel.aggregates(kind="cohort")
        data = []
        for row in rows:
            profile = cohort_profile(readmodel, row.cohort)
            count = len(readmodel.aggregates(kind="territory", cohort=row.cohort))
            data.append({**profile.model_dump(mode="json"), "territories": count})
    if as_json:
        echo_json(data)
        return
    if not data:
        click.echo("Aucune cohorte : importez un historique avec `transitions import`.")
    for item in data:
        click.echo(f"{item['id']}\t{item['name']} ({item['region']}, {item['territories']} territoires)")


@cli.command()
@click.option("--cohort", help="Seulement les territoires de cette cohorte.")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@click.pass_context
def territories(ctx: click.Context, cohort: str | None, as_json: bool) -> None:
    """Lister les territoires (id, nom, nature, département)."""
    from transitions_core.timeline.view import territory_timeline

    with open_from(ctx) as store:
        readmodel = store.caught_up()
        cohort_id = find_cohort(store, cohort) if cohort else None
        data = []
        for row in readmodel.aggregates(kind="territory", cohort=cohort_id):
            profile, _ = territory_timeline(readmodel, row.cohort, row.territory or "")
            data.append(profile.model_dump(mode="json"))
    if as_json:
        echo_json(data)
        return
    for item in data:
        where = f", {item['department']}" if item.get("department") else ""
        click.echo(f"{item['cohort']}/{item['id']}\t{item['name']} ({item['kind']}{where})")


@cli.command()
@click.argument("territory")
@click.option("--cohort", help="La cohorte, si le territoire figure dans plusieurs.")
@click.option("--json", "as_json", is_flag=True, help="Une ligne JSON par événement.")
@click.pass_context
def events(ctx: click.Context, territory: str, cohort: str | None, as_json: bool) -> None:
    """Le journal brut des événements d'un territoire, dans l'ordre d'enregistrement."""
    import json

    from transitions_core.domain.identity import territory_id

    with open_from(ctx) as store:
        row = find_territory(store, territory, cohort)
        stored = store.app.stored_events(territory_id(row.cohort, row.territory or ""))
    for event in stored:
        if as_json:
            click.echo(
                json.dumps({"type": event.type_name(), **event.model_dump(mode="json")}, ensure_ascii=False)
            )
        else:
            click.echo(
                f"{event.originator_version:>4}  {event.timestamp:%Y-%m-%d %H:%M:%S}  "
                f"{event.type_name():<32} {event.occurred!s:<24} {event.entry}"
            )


@cli.command()
@click.pass_context
def info(ctx: click.Context) -> None:
    """Où est le stockage et ce qu'il contient."""
    from transitions_core.store.locations import parse_store

    location = parse_store(ctx.obj["store"])
    click.echo(f"Stockage : {location.describe()}")
    if location.path is not None:
        if not location.path.exists():
            click.echo("Le fichier n'existe pas encore : `transitions import` le créera.")
            return
        click.echo(f"Taille : {location.path.stat().st_size / 1024:.0f} Kio")
    with open_from(ctx) as store:
        size = store.timeline.db.size()
        if location.postgres is not None and size is not None:
            click.echo(f"Taille : {size / 1024:.0f} Kio (toute la base {location.postgres.dbname})")
        readmodel = store.caught_up()
        last = store.app.last_position()
        cohorts = readmodel.aggregates(kind="cohort")
        territories = readmodel.aggregates(kind="territory")
        click.echo(f"Événements : {last}")
        click.echo(f"Cohortes : {len(cohorts)} ({', '.join(r.cohort for r in cohorts) or '-'})")
        click.echo(f"Territoires : {len(territories)}")
        click.echo(f"Vue chronologique à jour jusqu'à l'événement {readmodel.position()}")
