"""`transitions import`: append history files to the store."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import open_from


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("-v", "--verbose", is_flag=True, help="Lister chaque entrée ajoutée.")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], verbose: bool) -> None:
    """Importer des historiques (YAML). Tout ou rien : au moindre problème, rien n'est écrit."""
    from transitions_core.history.importer import import_histories

    with open_from(ctx, create=True) as store:
        report = import_histories(store.app, files)
    appended = Counter(entry.path for entry in report.appended)
    unchanged = Counter(entry.path for entry in report.unchanged)
    for path in files:
        click.echo(
            f"{path} : {_entries(appended[path])} ajoutée{'s' if appended[path] > 1 else ''}, "
            f"{unchanged[path]} déjà présente{'s' if unchanged[path] > 1 else ''}."
        )
    if verbose:
        for entry in report.appended:
            click.echo(f"  + {entry.path}:{entry.line}  {entry.key}")
    if not report.appended:
        click.echo("Rien de nouveau : le stockage contenait déjà tout.")


def _entries(n: int) -> str:
    return f"{n} entrée{'s' if n > 1 else ''}"
