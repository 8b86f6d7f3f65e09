"""Helpers the commands share: opening the store, finding a territory, the audience, writing outputs."""

from __future__ import annotations

# difflib, json and the read model are imported where used: `transitions --help` needs none of them.
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from transitions_core.narrative.audience_kinds import Audience
    from transitions_core.store.opening import Store
    from transitions_core.timeline.readmodel import AggregateRow

F = TypeVar("F", bound=Callable[..., Any])
AUDIENCES = ("internal", "public")
INTERNAL_NOTICE = (
    "Sortie interne : elle contient des noms de personnes et les entrées confidentielles. "
    "Utilisez --audience public pour une version diffusable."
)
#: The notice in the language of the text it comes with (`--lang en`).
INTERNAL_NOTICE_EN = (
    "Internal output: it holds people's names and confidential entries. "
    "Use --audience public for a version you can share."
)


def open_from(ctx: click.Context, *, create: bool = False) -> Store:
    """Open the store named by --store / TRANSITIONS_STORE (or the default one)."""
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    return open_store(parse_store(ctx.obj["store"]), create=create)


def find_territory(store: Store, query: str, cohort: str | None = None) -> AggregateRow:
    """The territory whose id or name matches `query`, ignoring case and accents."""
    from transitions_core.errors import NotFound
    from transitions_core.timeline.readmodel import fold

    readmodel = store.caught_up()
    # The read model keeps every name folded: no need to fold each territory of the store.
    matches = readmodel.named("territory", fold(query), cohort)
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        cohorts = ", ".join(sorted(r.cohort for r in matches))
        raise NotFound(f"« {query} » figure dans plusieurs cohortes ({cohorts}) : précisez --cohort.")
    import difflib

    rows = readmodel.aggregates(kind="territory", cohort=cohort)
    wanted = fold(query)
    candidates = {fold(r.territory or ""): r for r in rows} | {fold(r.name): r for r in rows}
    close = difflib.get_close_matches(wanted, list(candidates), n=3, cutoff=0.5)
    if not rows:
        raise NotFound("Le stockage ne contient aucun territoire : importez d'abord un historique.")
    suggestions = sorted({candidates[c].name for c in close})
    hint = f" Vouliez-vous dire : {join_or(suggestions)} ?" if suggestions else ""
    raise NotFound(f"Territoire « {query} » introuvable.{hint} `transitions territories` les liste tous.")


def find_cohort(store: Store, query: str) -> str:
    """The id of the cohort whose id or name matches `query`."""
    from transitions_core.errors import NotFound
    from transitions_core.timeline.readmodel import fold

    rows = store.caught_up().aggregates(kind="cohort")
    wanted = fold(query)
    for row in rows:
        if wanted in (fold(row.cohort), fold(row.name)):
            return row.cohort
    import difflib

    close = difflib.get_close_matches(query, [r.cohort for r in rows], n=3, cutoff=0.5)
    hint = f" Vouliez-vous dire : {', '.join(close)} ?" if close else ""
    raise NotFound(f"Cohorte « {query} » introuvable.{hint} `transitions cohorts` les liste toutes.")


def join_or(items: list[str]) -> str:
    """`a, b ou c`, without loading Babel for an error message."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} ou {items[-1]}"


def echo_json(data: Any) -> None:
    """Print indented JSON, keeping accents readable."""
    import json

    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def parse_audience(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """`internal` or `public` (None when not given), or a clear usage error."""
    if value is None or value in AUDIENCES:
        return value
    raise click.BadParameter(f"« {value} » n'est pas un public connu ; écrivez internal ou public.")


def audience_option(command: F) -> F:
    """`--audience internal|public`, as every command that prints the history takes it."""
    return click.option(
        "--audience",
        metavar="[internal|public]",
        callback=parse_audience,
        help="Public visé : internal (par défaut) montre tout, noms de personnes et "
        "entrées confidentielles compris ; public les omet, pour une version diffusable.",
    )(command)


def audience_of(chosen: str | None) -> Audience:
    """The audience asked for with --audience; internal when not given."""
    from transitions_core.narrative.audience_kinds import Audience

    return Audience(chosen or Audience.INTERNAL)


def remind_if_internal(chosen: str | None, lang: str = "fr") -> None:
    """Say on standard error that the output is internal, when nobody chose an audience."""
    if chosen is None:
        click.echo(INTERNAL_NOTICE_EN if lang == "en" else INTERNAL_NOTICE, err=True)


def emit_output(text: str, output: Path | None, written: str) -> None:
    """Print `text`, or write it whole to --output (the previous file stays intact on failure)."""
    if output is None:
        click.echo(text, nl=False)
        return
    from transitions_core.files import write_text

    write_text(output, text)
    click.echo(f"{written} {output}.")
