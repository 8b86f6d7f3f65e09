"""`transitions cohorts`, `territories`, `events` and `info`: what the store holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import (
    audience_of,
    audience_option,
    echo_json,
    find_cohort,
    find_territory,
    open_from,
    remind_if_internal,
)

if TYPE_CHECKING:
    from uuid import UUID

    from transitions_core.store.opening import Store


@cli.command(examples=("transitions cohorts", "transitions cohorts --json"))
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@store_option
@click.pass_context
def cohorts(ctx: click.Context, as_json: bool) -> None:
    """Lister les cohortes du stockage."""
    from transitions_core.timeline.profiles import cohort_heading

    with open_from(ctx) as store:
        readmodel = store.caught_up()
        rows = readmodel.aggregates(kind="cohort")
        counts = readmodel.counts_by_cohort("territory")
        data = []
        for row in rows:
            count = counts.get(row.cohort, 0)
            # The listing prints a cohort's name and region: read from its opening, without pydantic (issue 16).
            heading = None if as_json else cohort_heading(readmodel, row.cohort)
            if heading is not None:
                data.append(
                    {"id": row.cohort, "name": heading[0], "region": heading[1], "territories": count}
                )
                continue
            from transitions_core.timeline.trusted import dumped
            from transitions_core.timeline.view import cohort_profile

            data.append({**dumped(cohort_profile(readmodel, row.cohort)), "territories": count})
    if as_json:
        echo_json(data)
        return
    if not data:
        click.echo("Aucune cohorte : importez un historique avec `transitions import`.")
    for item in data:
        click.echo(f"{item['id']}\t{item['name']} ({item['region']}, {item['territories']} territoires)")


@cli.command(examples=("transitions territories", "transitions territories --cohort occitanie-2024 --json"))
@click.option("--cohort", metavar="COHORTE", help="Seulement les territoires de cette cohorte (id ou nom).")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@store_option
@click.pass_context
def territories(ctx: click.Context, cohort: str | None, as_json: bool) -> None:
    """Lister les territoires (id, nom, nature, département)."""
    from transitions_core.timeline.profiles import territory_profile_data

    with open_from(ctx) as store:
        readmodel = store.caught_up()
        cohort_id = find_cohort(store, cohort) if cohort else None
        data = []
        for row in readmodel.aggregates(kind="territory", cohort=cohort_id):
            # Read from the registration's rows (no pydantic, issue 16); the view when that reading gives up.
            profile = territory_profile_data(readmodel, row.cohort, row.territory or "")
            if profile is None:
                from transitions_core.timeline.trusted import dumped
                from transitions_core.timeline.view import territory_timeline

                profile = dumped(territory_timeline(readmodel, row.cohort, row.territory or "")[0])
            data.append(profile)
    if as_json:
        echo_json(data)
        return
    for item in data:
        where = f", {item['department']}" if item.get("department") else ""
        click.echo(f"{item['cohort']}/{item['id']}\t{item['name']} ({item['kind']}{where})")


@cli.command(
    examples=(
        "transitions events gruissan",
        "transitions events occitanie-2024   # les entrées de la cohorte elle-même",
        "transitions events le-vigan --json",
    )
)
@click.argument("subject", metavar="TERRITOIRE|COHORTE")
@click.option("--cohort", metavar="COHORTE", help="La cohorte, si le territoire figure dans plusieurs.")
@click.option("--json", "as_json", is_flag=True, help="Une ligne JSON par événement.")
@audience_option
@store_option
@click.pass_context
def events(ctx: click.Context, subject: str, cohort: str | None, as_json: bool, audience: str | None) -> None:
    """Le journal brut d'un territoire ou d'une cohorte.

    Les événements dans l'ordre d'enregistrement. La dernière colonne est la clé de chaque entrée,
    celle qu'une correction vise. Pour une cohorte, ce sont ses entrées propres (journées,
    webinaires, partenaires, productions…).
    """
    import json

    with open_from(ctx) as store:
        owner, of_cohort = _log_owner(store, subject, cohort)
        if not as_json and audience_of(audience) != "public":
            from transitions_core.store.plain_log import plain_log

            # A plain SQLite store's log is read by SQL: no application, no event class (issue 16).
            lines = plain_log(store, owner)
            if lines is not None:
                for line in lines:
                    click.echo(line.text())
                remind_if_internal(audience)
                return
        stored = store.app.stored_events(owner)
        shown: set[str] | None = None
        names = None
        if audience_of(audience) == "public":
            from transitions_core.narrative.audience import reading_for

            reading = reading_for(store.caught_up(), of_cohort, audience_of(audience))
            shown = {row.entry for row in reading.readmodel.rows(of_cohort)}
            names = reading.names
    for event in stored:
        if shown is not None and event.entry not in shown:
            continue  # a confidential entry, or a correction or retraction of one
        entry = event.entry if names is None else names.key(event.entry)
        if as_json:
            data = {"type": event.type_name(), **event.model_dump(mode="json")}
            if names is not None:
                data.pop("note", None)  # the coordinator's remarks on the sources: internal by nature
                data.pop("digest", None)  # a hash of the content would confirm a guessed name
                data = {**names.facts(data), "entry": entry}
                target = getattr(event, "target", None)
                if isinstance(target, str):
                    data["target"] = names.key(target)
            click.echo(json.dumps(data, ensure_ascii=False))
        else:
            from transitions_core.store.plain_log import log_line

            click.echo(
                log_line(event.originator_version, event.timestamp, event.type_name(), event.occurred, entry)
            )
    remind_if_internal(audience)


def _log_owner(store: Store, query: str, cohort: str | None) -> tuple[UUID, str]:
    """The aggregate whose log `events` prints (a cohort named by `query`, else a territory), and its cohort."""
    from transitions_core.domain.identity import cohort_id, territory_id
    from transitions_core.errors import NotFound
    from transitions_core.timeline.readmodel import fold

    if cohort is None:
        readmodel = store.caught_up()
        cohorts = readmodel.named("cohort", fold(query))
        exact = [row for row in cohorts if row.cohort == query]
        if cohorts and not exact and readmodel.named("territory", fold(query)):
            raise NotFound(
                f"« {query} » désigne une cohorte et un territoire : écrivez l'identifiant de la cohorte "
                f"({cohorts[0].cohort}) pour ses entrées, ou ajoutez --cohort COHORTE pour celles du territoire."
            )
        if cohorts:
            found = (exact or cohorts)[0].cohort
            return cohort_id(found), found
    try:
        row = find_territory(store, query, cohort)
    except NotFound as error:
        if cohort is not None:
            raise
        raise NotFound(
            f"{error} Ce n'est pas non plus une cohorte (`transitions cohorts` les liste)."
        ) from None
    return territory_id(row.cohort, row.territory or ""), row.cohort


@cli.command(examples=("transitions info", "transitions info --store equipe.sqlite"))
@store_option
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
        last = store.timeline.source.last_position()
        cohorts = readmodel.aggregates(kind="cohort")
        territories = readmodel.count(kind="territory")
        click.echo(f"Événements : {last}")
        click.echo(f"Cohortes : {len(cohorts)} ({', '.join(r.cohort for r in cohorts) or '-'})")
        click.echo(f"Territoires : {territories}")
        click.echo(f"Vue chronologique à jour jusqu'à l'événement {readmodel.position()}")
