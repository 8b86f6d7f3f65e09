"""`transitions store copy` and `store check`: move a store between backends, verify one."""

from __future__ import annotations

from pathlib import Path

import click

from transitions_core.cli.app import cli


@cli.group("store")
def store_group() -> None:
    """Copier ou vérifier un stockage."""


@store_group.command("copy")
@click.argument("source", metavar="SOURCE")
@click.argument("destination", metavar="DESTINATION")
def copy(source: str, destination: str) -> None:
    """Copier tout un stockage vers un stockage vide (fichier SQLite, postgresql://…), à l'identique."""
    from transitions_core.errors import StoreError
    from transitions_core.store.copying import copy_store
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    origin, target = parse_store(source), parse_store(destination)
    if origin.kind == "memory" or target.kind == "memory":
        raise StoreError(
            "Un stockage en mémoire disparaît avec la commande : copiez entre fichiers et bases."
        )
    if _same(origin.path, target.path) and origin.postgres == target.postgres:
        raise StoreError("La source et la destination sont le même stockage.")
    created = target.path is not None and not target.path.exists()
    try:
        with open_store(origin, create=False) as reading, open_store(target, create=True) as writing:
            report = copy_store(reading, writing)
    except BaseException:
        if created and target.path is not None:  # leave no half-made file behind
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target.path}{suffix}").unlink(missing_ok=True)
        raise
    renumbered = " (numéros renumérotés : la source en avait sauté)" if report.renumbered else ""
    click.echo(
        f"{report.events} événements de {report.aggregates} agrégats copiés de {origin.describe()} "
        f"vers {target.describe()}{renumbered}."
    )
    click.echo("Vérifié : les deux journaux sont identiques, événement par événement.")


@store_group.command("check")
@click.argument("address", metavar="[ADRESSE]", required=False)
@click.pass_context
def check(ctx: click.Context, address: str | None) -> None:
    """Vérifier un stockage : fichier lisible, journal continu, événements décodables, vue à jour."""
    from transitions_core.errors import StoreError
    from transitions_core.store.checking import check_store
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    location = parse_store(address or ctx.obj["store"])
    click.echo(f"Stockage : {location.describe()}")
    with open_store(location, create=False) as store:
        report = check_store(store)
    for line in report.verified:
        click.echo(f"  ✓ {line}")
    if not report.problems:
        click.echo("Aucun problème.")
        return
    for problem in report.problems:
        click.echo(f"  ✗ {problem[0].upper()}{problem[1:]}")
    count = len(report.problems)
    raise StoreError(f"{count} problème{'s' if count > 1 else ''} dans le stockage (détail ci-dessus).")


def _same(first: Path | None, second: Path | None) -> bool:
    if first is None or second is None:
        return first is second
    return first.resolve() == second.resolve()
