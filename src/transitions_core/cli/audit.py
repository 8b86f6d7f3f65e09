"""`transitions log` (who recorded what, when) and `transitions diff` (what the story gained between two moments)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import echo_json, open_from
from transitions_core.cli.knowledge import moment_words, parse_moment
from transitions_core.cli.writing import find_subject

UNKNOWN_AUTHOR = "(inconnu)"


@cli.command(
    "log",
    examples=(
        "transitions log",
        "transitions log gruissan --since 2025-01-01",
        "transitions log occitanie-2024 --by Marie --json",
    ),
)
@click.argument("subject", metavar="[COHORTE|TERRITOIRE]", required=False)
@click.option(
    "--since", metavar="DATE", help="Seulement ce qui a été enregistré depuis ce jour (AAAA-MM-JJ)."
)
@click.option("--by", "author", metavar="NOM", help="Seulement ce qu'a enregistré cette personne.")
@click.option("--cohort", metavar="COHORTE", help="La cohorte, si le territoire figure dans plusieurs.")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@store_option
@click.pass_context
def log(
    ctx: click.Context,
    subject: str | None,
    since: str | None,
    author: str | None,
    cohort: str | None,
    as_json: bool,
) -> None:
    """Le journal des enregistrements : quoi, par qui, quand.

    Chaque entrée enregistrée (par un import, `record`, `correct` ou `retract`), avec son auteur, le
    moment de son enregistrement et, pour une correction ou un retrait, sa raison. Les événements
    enregistrés avant que le stockage ne garde les auteurs ont un auteur inconnu.
    """
    from transitions_core.timeline.readmodel import fold

    start = _start_of(since)
    with open_from(ctx) as store:
        events = _events_of(store, subject, cohort)
    rows = []
    for event in events:
        if start is not None and _aware(event.timestamp) < start:
            continue
        if author is not None and fold(event.recorded_by or "") != fold(author):
            continue
        rows.append(_row(event))
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("Rien n'a été enregistré qui réponde à ces critères.")
    for row in rows:
        local = datetime.fromisoformat(row["recorded"]).astimezone()
        why = ""
        if row.get("target"):
            changed = f" ({', '.join(row['changes'])})" if row.get("changes") else ""
            why = f" → {row['target']}{changed} : {row['reason']}"
        click.echo(
            f"{local:%Y-%m-%d %H:%M}  {row['author'] or UNKNOWN_AUTHOR:<16} {row['type']:<30} {row['entry']}{why}"
        )


def _events_of(store: Any, subject: str | None, cohort: str | None) -> list[Any]:
    from transitions_core.domain.identity import cohort_id, territory_id

    if subject is None:
        return [event for _, event in store.app.follow(0)]
    found, row = find_subject(store, subject, cohort)
    if row is not None:
        return list(store.app.stored_events(territory_id(found, row.territory or "")))
    ids = [cohort_id(found)] + [
        territory_id(found, t.territory or "")
        for t in store.caught_up().aggregates(kind="territory", cohort=found)
    ]
    events = [event for aggregate in ids for event in store.app.stored_events(aggregate)]
    return sorted(events, key=lambda e: _aware(e.timestamp))


def _row(event: Any) -> dict[str, Any]:
    from transitions_core.domain.events import EntryCorrected, EntryRetracted

    row: dict[str, Any] = {
        "recorded": _aware(event.timestamp).isoformat(),
        "author": event.recorded_by,
        "type": event.type_name(),
        "entry": event.entry,
        "occurred": str(event.occurred),
    }
    if isinstance(event, EntryCorrected | EntryRetracted):
        row["target"] = event.target
        row["reason"] = event.reason
    if isinstance(event, EntryCorrected):
        row["changes"] = sorted(event.changes)
    return row


def _of_subject(store: Any, cohort: str, row: Any) -> str:
    """`des Aubiers`, `de la cohorte Occitanie 2024`: the subject after « l'histoire »."""
    from transitions_core.text.french import de_
    from transitions_core.timeline.view import cohort_profile, territory_timeline

    readmodel = store.caught_up()
    if row is None:
        name = cohort_profile(readmodel, cohort).name
        return (
            f"de la {name[0].lower()}{name[1:]}"
            if name.lower().startswith("cohorte")
            else f"de la cohorte {name}"
        )
    profile, _ = territory_timeline(readmodel, cohort, row.territory)
    return de_(profile.name, profile.article)


def _aware(moment: datetime) -> datetime:
    from datetime import UTC

    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _start_of(since: str | None) -> datetime | None:
    if since is None:
        return None
    from datetime import date

    try:
        return datetime.combine(date.fromisoformat(since), datetime.min.time()).astimezone()
    except ValueError:
        raise click.BadParameter(
            f"« {since} » n'est pas une date complète ; écrivez AAAA-MM-JJ, par exemple 2025-01-01.",
            param_hint="--since",
        ) from None


@cli.command(
    examples=(
        "transitions diff gruissan --known-at 2024-12-01",
        "transitions diff occitanie-2024 --known-at 2024-12-01 --known-at 2025-06-30 --json",
    )
)
@click.argument("subject", metavar="TERRITOIRE|COHORTE")
@click.option(
    "--known-at",
    "moments",
    metavar="MOMENT",
    multiple=True,
    required=True,
    help="Un ou deux moments (AAAA-MM-JJ ou AAAA-MM-JJTHH:MM) : ce que le stockage savait alors ; "
    "sans second moment, comparé à aujourd'hui.",
)
@click.option("--cohort", metavar="COHORTE", help="La cohorte, si le territoire figure dans plusieurs.")
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
@store_option
@click.pass_context
def diff(
    ctx: click.Context, subject: str, moments: tuple[str, ...], cohort: str | None, as_json: bool
) -> None:
    """Ce que l'histoire a gagné, perdu ou changé entre deux moments de savoir.

    Les entrées enregistrées entre les deux moments, celles qui ont été retirées, et celles qu'une
    correction a changées, avec ses raisons.
    """
    from transitions_core.recording.knowledge_diff import diff_text, knowledge_diff

    if len(moments) > 2:
        raise click.BadParameter("donnez un ou deux moments, pas plus.", param_hint="--known-at")
    before = parse_moment(moments[0])
    after = parse_moment(moments[1]) if len(moments) == 2 else None
    assert before is not None
    if after is not None and after < before:
        before, after = after, before
    with open_from(ctx) as store:
        found, row = find_subject(store, subject, cohort)
        result = knowledge_diff(store.caught_up(), found, row.territory if row else None, before, after)
        name = _of_subject(store, found, row)
    if as_json:
        echo_json(
            {
                "subject": row.territory if row else found,
                "cohort": found,
                "before": before.isoformat(),
                "after": after.isoformat() if after else None,
                **result.as_json(),
            }
        )
        return
    later = f"le {moment_words(after)}" if after else "aujourd'hui"
    click.echo(diff_text(result, name, f"le {moment_words(before)}", later), nl=False)
