"""Helpers the commands share: opening the store, finding a territory, printing JSON."""

from __future__ import annotations

# difflib, json and the read model are imported where used: `transitions --help` needs none of them.
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from transitions_core.store.opening import Store
    from transitions_core.timeline.readmodel import AggregateRow


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
