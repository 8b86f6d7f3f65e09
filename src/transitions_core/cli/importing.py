"""`transitions import` and `transitions check`: append history files to the store, or only check them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option

if TYPE_CHECKING:
    from collections.abc import Callable

    from transitions_core.history.report import ImportReport
    from transitions_core.store.opening import Store

FILES = click.argument(
    "files", nargs=-1, required=True, metavar="FICHIER...", type=click.Path(path_type=Path, dir_okay=False)
)
VERBOSE = click.option("-v", "--verbose", is_flag=True, help="Lister chaque entrée, avec sa ligne et sa clé.")
#: Who records, for the audit trail (`transitions log`).
AUTHOR = click.option(
    "--as",
    "author",
    metavar="NOM",
    help="Qui enregistre, pour le journal (`transitions log`) ; à défaut TRANSITIONS_AUTHOR, sinon "
    "l'utilisateur du système.",
)


@cli.command(
    "import",
    examples=(
        "transitions import scenarios/occitanie-2024.yaml",
        "transitions import --store equipe.sqlite cohorte.yaml corrections.yaml",
    ),
)
@FILES
@VERBOSE
@AUTHOR
@store_option
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], verbose: bool, author: str | None) -> None:
    """Importer des historiques (YAML).

    Tout ou rien : au moindre problème, rien n'est écrit, pas même un nouveau stockage. Réimporter un
    fichier n'ajoute que ce qui est nouveau.
    """
    from transitions_core.history.importer import import_histories, plan_histories
    from transitions_core.recording.author import current_author
    from transitions_core.recording.remembered import remember_files
    from transitions_core.store.locations import StoreLocation, parse_store
    from transitions_core.store.opening import open_store, store_exists

    location = parse_store(ctx.obj["store"])
    if location.kind != "memory" and not store_exists(location):
        # A first import: every file is checked before the store is created, so a refused one leaves nothing.
        with open_store(StoreLocation("memory")) as scratch:
            plan_histories(scratch.app, files)
    with open_store(location, create=True) as store:
        report = import_histories(
            store.app, files, territories=stored_territories(store), author=current_author(author)
        )
        remember_files(store.timeline.db, report)
    summarise(report, files, verbose, "ajoutée", "ajoutées")
    if not report.appended:
        click.echo("Rien de nouveau : le stockage contenait déjà tout.")


@cli.command(
    examples=(
        "transitions check scenarios/occitanie-2024.yaml",
        "transitions check --store equipe.sqlite -v corrections.yaml",
    ),
)
@FILES
@VERBOSE
@store_option
@click.pass_context
def check(ctx: click.Context, files: tuple[Path, ...], verbose: bool) -> None:
    """Vérifier des historiques sans rien écrire.

    Les mêmes contrôles et les mêmes messages que l'import, contre le stockage choisi s'il existe
    (une entrée déjà importée puis modifiée, un ordre impossible avec l'historique enregistré), sinon
    comme un premier import. Rien n'est écrit ni créé.
    """
    from transitions_core.history.importer import plan_histories
    from transitions_core.store.locations import StoreLocation, parse_store
    from transitions_core.store.opening import open_store, store_exists

    location = parse_store(ctx.obj["store"])
    exists = store_exists(location)
    with open_store(location if exists else StoreLocation("memory"), create=False) as store:
        session = plan_histories(store.app, files, stored_territories(store))
    summarise(session.report, files, verbose, "à ajouter", "à ajouter")
    if exists:
        click.echo(f"Aucune erreur, d'après le stockage ({location.describe()}). Rien n'a été écrit.")
    else:
        click.echo(
            "Aucune erreur, vérifié comme un premier import (pas encore de stockage). Rien n'a été créé."
        )


def stored_territories(store: Store) -> Callable[[str], list[str]]:
    """The ids of a cohort's territories in the store, asked only to suggest one for a misspelt id."""

    def territories(cohort: str) -> list[str]:
        return [row.territory or "" for row in store.caught_up().aggregates("territory", cohort)]

    return territories


def summarise(report: ImportReport, files: tuple[Path, ...], verbose: bool, one: str, several: str) -> None:
    """One line per file: how many entries are new and how many were already stored."""
    new = Counter(entry.path for entry in report.appended)
    unchanged = Counter(entry.path for entry in report.unchanged)
    for path in files:
        click.echo(
            f"{path} : {_entries(new[path])} {several if new[path] > 1 else one}, "
            f"{unchanged[path]} déjà présente{'s' if unchanged[path] > 1 else ''}."
        )
    if verbose:
        for entry in report.appended:
            click.echo(f"  + {entry.path}:{entry.line}  {entry.key}")


def _entries(n: int) -> str:
    return f"{n} entrée{'s' if n > 1 else ''}"
