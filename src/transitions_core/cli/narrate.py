"""`transitions replay`, `cohort`, `day` and `formats`: narratives of the history, by format."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import INTERNAL_NOTICE as INTERNAL_NOTICE  # where the tests find it
from transitions_core.cli.common import INTERNAL_NOTICE_EN as INTERNAL_NOTICE_EN
from transitions_core.cli.common import (
    audience_of,
    audience_option,
    echo_json,
    emit_output,
    find_cohort,
    find_territory,
    open_from,
    remind_if_internal,
)
from transitions_core.cli.knowledge import ensure_known, knowledge_notice, known_at_option, known_readmodel

if TYPE_CHECKING:
    from transitions_core.narrative.formats import Subject
    from transitions_core.narrative.views import NarrativeView


def parse_day(value: str | None, option: str = "--as-of") -> date | None:
    """A full ISO date for an option, or a clear usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"« {value} » n'est pas une date complète ; écrivez AAAA-MM-JJ, par exemple 2024-06-30.",
            param_hint=option,
        ) from None


def parse_period(start: str | None, end: str | None) -> tuple[date | None, date | None]:
    """--from and --to as days, the start not after the end, or a clear usage error."""
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if first and last and first > last:
        raise click.BadParameter(
            f"le début {start} vient après la fin {end} (--to) : la période serait vide ; "
            "échangez les deux dates.",
            param_hint="--from",
        )
    return first, last


def narrative_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options every narrative command shares."""
    for option in reversed(
        [
            click.option(
                "--output",
                metavar="FICHIER",
                type=click.Path(path_type=Path, dir_okay=False),
                help="Écrire dans ce fichier.",
            ),
            click.option(
                "--lang", metavar="LANGUE", default="fr", show_default=True, help="Langue du texte (fr, en)."
            ),
            audience_option,
            click.option(
                "--narratives-dir",
                metavar="DOSSIER",
                type=click.Path(path_type=Path, file_okay=False, exists=True),
                help="Dossier de modèles qui remplacent ceux fournis (ou TRANSITIONS_NARRATIVES_DIR).",
            ),
            store_option,
        ]
    ):
        command = option(command)
    return command


def emit(
    ctx: click.Context, fmt: str, view: NarrativeView, subject: Subject, options: dict[str, Any]
) -> None:
    """Render the view and print it, or write it to --output; say so when internal was the default."""
    from transitions_core.narrative.render import render
    from transitions_core.plugins import load_host

    host = load_host(user_dir=templates_dir(options["narratives_dir"]))
    text = render(host, fmt, view, subject, options["lang"])
    emit_output(text, options["output"], "Écrit dans")
    remind_if_internal(options["audience"], options["lang"])


def templates_dir(option: Path | None) -> Path | None:
    """The user's template folder (--narratives-dir or TRANSITIONS_NARRATIVES_DIR), which must exist."""
    from transitions_core.errors import TransitionsError
    from transitions_core.narrative.folders import USER_DIR_VAR, user_dir

    folder = user_dir(option)
    if folder is not None and not folder.is_dir():
        given = "--narratives-dir" if option is not None else f"la variable {USER_DIR_VAR}"
        raise TransitionsError(
            f"Le dossier de modèles {folder} ({given}) n'existe pas ou n'est pas un dossier : "
            "corrigez le chemin, ou retirez-le pour utiliser les modèles fournis."
        )
    return folder


@cli.command(
    examples=(
        "transitions replay gruissan",
        'transitions replay "Le Vigan" --as-of 2024-12-31',
        "transitions replay le-vigan --format fiche --audience public --output le-vigan.md",
        "transitions replay gruissan --known-at 2024-12-01 --as-of 2024-09-30",
    )
)
@click.argument("territory", metavar="TERRITOIRE")
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Ne garder que ce qui était certainement arrivé à cette date (AAAA-MM-JJ).",
)
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    default="timeline",
    show_default=True,
    help="Format (voir `transitions formats`).",
)
@click.option("--cohort", metavar="COHORTE", help="La cohorte, si le territoire figure dans plusieurs.")
@known_at_option
@narrative_options
@click.pass_context
def replay(
    ctx: click.Context,
    /,
    territory: str,
    as_of: str | None,
    fmt: str,
    cohort: str | None,
    known_at: datetime | None,
    **options: Any,
) -> None:
    """Rejouer l'histoire d'un territoire.

    TERRITOIRE est un identifiant ou un nom, sans souci de majuscules ni d'accents : le-vigan,
    « Le Vigan », « le vigan ».
    """
    from transitions_core.narrative.build import territory_view
    from transitions_core.narrative.formats import Subject

    cutoff = parse_day(as_of)
    with open_from(ctx) as store:
        row = find_territory(store, territory, cohort)
        readmodel = known_readmodel(store, known_at)
        ensure_known(readmodel, known_at, row.cohort, row)
        view = territory_view(
            readmodel, row.cohort, row.territory or "", cutoff, audience_of(options["audience"])
        )
    emit(ctx, fmt, view, Subject.TERRITORY, options)
    knowledge_notice(known_at)


@cli.command(
    "cohort",
    examples=(
        "transitions cohort occitanie-2024",
        "transitions cohort occitanie-2024 --format report --output rapport.md",
        "transitions cohort occitanie-2024 --format newsletter --from 2024-09-01 --to 2024-12-31",
    ),
)
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    default="timeline",
    show_default=True,
    help="Format (voir `transitions formats`).",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    help="Ne garder que ce qui était certainement arrivé à cette date (AAAA-MM-JJ).",
)
@click.option("--from", "start", metavar="DATE", help="Début de la période racontée (AAAA-MM-JJ).")
@click.option("--to", "end", metavar="DATE", help="Fin de la période racontée (AAAA-MM-JJ).")
@known_at_option
@narrative_options
@click.pass_context
def cohort_(
    ctx: click.Context,
    /,
    cohort: str,
    fmt: str,
    as_of: str | None,
    start: str | None,
    end: str | None,
    known_at: datetime | None,
    **options: Any,
) -> None:
    """Raconter une cohorte entière.

    Dans un format : sa chronologie (par défaut), son rapport, l'infolettre d'une période…
    """
    from transitions_core.narrative.build import cohort_view
    from transitions_core.narrative.formats import Subject

    cutoff, (first, last) = parse_day(as_of), parse_period(start, end)
    with open_from(ctx) as store:
        found = find_cohort(store, cohort)
        readmodel = known_readmodel(store, known_at)
        ensure_known(readmodel, known_at, found)
        view = cohort_view(readmodel, found, cutoff, (first, last), audience_of(options["audience"]))
    emit(ctx, fmt, view, Subject.PERIOD if (first or last) else Subject.COHORT, options)
    knowledge_notice(known_at)


@cli.command(
    examples=(
        "transitions day occitanie-2024 2024-05-07",
        "transitions day occitanie-2024 2024-05-07 --format timeline",
    )
)
@click.argument("cohort", metavar="COHORTE")
@click.argument("day", metavar="DATE")
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    default="poem",
    show_default=True,
    help="Format (voir `transitions formats`).",
)
@known_at_option
@narrative_options
@click.pass_context
def day(
    ctx: click.Context, /, cohort: str, day: str, fmt: str, known_at: datetime | None, **options: Any
) -> None:
    """Raconter une journée en présentiel du tronc commun.

    DATE est le jour de la journée (AAAA-MM-JJ) ; par défaut, son poème.
    """
    from transitions_core.narrative.build import day_view
    from transitions_core.narrative.formats import Subject

    when = parse_day(day, "DATE")
    assert when is not None
    with open_from(ctx) as store:
        found = find_cohort(store, cohort)
        readmodel = known_readmodel(store, known_at)
        ensure_known(readmodel, known_at, found)
        view = day_view(readmodel, found, when, audience_of(options["audience"]))
    emit(ctx, fmt, view, Subject.DAY, options)
    knowledge_notice(known_at)


@cli.command(examples=("transitions formats", "transitions formats --json"))
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def formats(as_json: bool) -> None:
    """Les formats de récit installés et leur plugin."""
    from transitions_core.plugins import load_host

    host = load_host()
    rows = [
        {
            "name": f.name,
            "description": f.description,
            "narrates": [s.value for s in f.subjects],
            "media_type": f.media_type,
            "plugin": host.plugin_of(f.name),
            "replaces": list(f.replaces),
        }
        for f in sorted(host.formats.values(), key=lambda f: f.name)
    ]
    if as_json:
        echo_json(rows)
    else:
        for row in rows:
            click.echo(
                f"{row['name']:<16} {', '.join(row['narrates']):<20} {row['media_type']:<18} {row['description']}"
            )
    for note in host.format_notes:  # on standard error: the listing itself stays machine-readable
        click.echo(note, err=True)
