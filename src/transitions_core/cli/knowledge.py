"""`--known-at`: read the history as the store knew it at a past moment (bitemporal replay)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from transitions_core.store.opening import Store
    from transitions_core.timeline.readmodel import AggregateRow, TimelineReadModel

KNOWN_AT_HELP = (
    "Raconter ce que le stockage savait à ce moment : les entrées et les corrections enregistrées plus "
    "tard sont laissées de côté (AAAA-MM-JJ, la fin de ce jour, ou AAAA-MM-JJTHH:MM, heure locale). "
    "Se combine avec --as-of."
)
_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2}|Z)?)?")


def parse_moment(value: str | None, option: str = "--known-at") -> datetime | None:
    """A day (its last instant) or a date and time, in local time unless an offset is given."""
    if value is None:
        return None
    text = value.strip()
    if _MOMENT.fullmatch(text):
        try:
            if len(text) == 10:
                moment = datetime.combine(date.fromisoformat(text) + timedelta(days=1), time()) - timedelta(
                    microseconds=1
                )
            else:
                moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            return moment if moment.tzinfo else moment.astimezone()
        except ValueError:
            pass
    raise click.BadParameter(
        f"« {value} » n'est pas un moment ; écrivez AAAA-MM-JJ (la fin de ce jour) ou AAAA-MM-JJTHH:MM, "
        "par exemple 2024-12-01 ou 2024-12-01T14:30.",
        param_hint=option,
    )


def known_at_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """The `--known-at MOMENT` option, parsed into an aware datetime."""
    return click.option(
        "--known-at",
        "known_at",
        metavar="MOMENT",
        callback=lambda ctx, param, value: parse_moment(value),
        help=KNOWN_AT_HELP,
    )(command)


def known_readmodel(store: Store, moment: datetime | None) -> TimelineReadModel:
    """The store's read model, caught up, as it knew the history at `moment` (all of it for None)."""
    readmodel = store.caught_up()
    return readmodel if moment is None else readmodel.known_at(moment)


def ensure_known(
    readmodel: TimelineReadModel, moment: datetime | None, cohort: str, territory: AggregateRow | None = None
) -> None:
    """Refuse a cohort or territory the store did not hold yet at `moment`."""
    from transitions_core.errors import NotFound

    if moment is None:
        return
    if territory is None:
        if any(row.cohort == cohort for row in readmodel.aggregates(kind="cohort")):
            return
        what = f"La cohorte {cohort} n'était pas encore enregistrée"
    else:
        known = readmodel.aggregates(kind="territory", cohort=cohort)
        if any(row.territory == territory.territory for row in known):
            return
        what = f"Le territoire {territory.name} n'était pas encore enregistré"
    raise NotFound(
        f"{what} dans le stockage le {moment_words(moment)} : choisissez un --known-at plus tardif."
    )


def moment_words(moment: datetime) -> str:
    """`1er décembre 2024 à 14 h 30`, in local time."""
    from transitions_core.text.french import day_words

    local = moment.astimezone()
    return f"{day_words(local.date()).removeprefix('le ')} à {local:%H} h {local:%M}"


def moment_said(moment: datetime, lang: str) -> str:
    """The moment in the site's language: `1er décembre 2024 à 14 h 30`, `1 December 2024 at 14:30`."""
    if lang == "fr":
        return moment_words(moment)
    from transitions_core.text.english import day

    local = moment.astimezone()
    return f"{day(local.date())} at {local:%H:%M}"


def knowledge_notice(moment: datetime | None) -> None:
    """Say on standard error which moment of knowledge the output tells."""
    if moment is not None:
        click.echo(f"D'après l'historique tel qu'il était enregistré le {moment_words(moment)}.", err=True)
