"""`transitions store copy`, `store check` and `store new-key`: move, verify and encrypt a store."""

from __future__ import annotations

from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option


@cli.group(
    "store",
    examples=(
        "transitions store check",
        "transitions store copy equipe.sqlite postgresql://coordination@serveur:5432/transitions",
        "transitions store new-key > cle.txt",
    ),
)
def store_group() -> None:
    """Copier, vérifier ou chiffrer un stockage."""


@store_group.command(
    "copy",
    examples=(
        "transitions store copy equipe.sqlite postgresql://coordination@serveur:5432/transitions",
        "transitions store copy clair.sqlite chiffre.sqlite --dest-key-env NOUVELLE_CLE",
    ),
)
@click.argument("source", metavar="SOURCE")
@click.argument("destination", metavar="DESTINATION")
@click.option(
    "--source-key-env",
    metavar="VARIABLE",
    help="Variable qui contient la clé de la source (défaut : TRANSITIONS_CIPHER_KEY, si elle est définie).",
)
@click.option(
    "--dest-key-env",
    metavar="VARIABLE",
    help="Variable qui contient la clé de la destination (défaut : la même clé que la source). "
    "Une autre clé fait une rotation ; la clé elle-même n'est jamais écrite sur la ligne de commande.",
)
@click.option("--dest-plain", is_flag=True, help="Écrire la destination en clair (sans chiffrement).")
def copy(
    source: str, destination: str, source_key_env: str | None, dest_key_env: str | None, dest_plain: bool
) -> None:
    """Copier tout un stockage vers un stockage vide, à l'identique.

    SOURCE et DESTINATION sont des adresses de stockage (fichier SQLite, postgresql://…). Les deux
    journaux sont ensuite comparés, événement par événement.
    """
    from transitions_core.errors import StoreError
    from transitions_core.store.copying import copy_store
    from transitions_core.store.encryption import KEY_VAR
    from transitions_core.store.locations import parse_store
    from transitions_core.store.opening import open_store

    if dest_plain and dest_key_env:
        raise click.UsageError("--dest-plain et --dest-key-env s'excluent : choisissez l'un des deux.")
    origin, target = parse_store(source), parse_store(destination)
    source_variable = source_key_env or KEY_VAR
    dest_variable = None if dest_plain else (dest_key_env or source_variable)
    if origin.kind == "memory" or target.kind == "memory":
        raise StoreError(
            "Un stockage en mémoire disparaît avec la commande : copiez entre fichiers et bases."
        )
    if _same(origin.path, target.path) and origin.postgres == target.postgres:
        raise StoreError("La source et la destination sont le même stockage.")
    created = target.path is not None and not target.path.exists()
    try:
        with (
            open_store(
                origin, create=False, key_variable=source_variable, key_required=bool(source_key_env)
            ) as reading,
            open_store(
                target, create=True, key_variable=dest_variable, key_required=bool(dest_key_env)
            ) as writing,
        ):
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
    if report.encrypted and report.reencrypted:
        click.echo(
            f"Destination chiffrée avec la clé de {dest_variable} : chaque événement rechiffré, inchangé."
        )
    elif report.encrypted:
        click.echo("Destination chiffrée avec la même clé que la source.")
    elif report.reencrypted:
        click.echo("Destination en clair : chaque événement déchiffré, inchangé.")
    click.echo("Vérifié : les deux journaux sont identiques, événement par événement.")


@store_group.command(
    "new-key",
    examples=('transitions store new-key > cle.txt   # puis TRANSITIONS_CIPHER_KEY="$(cat cle.txt)"',),
)
def new_key() -> None:
    """Écrire une nouvelle clé de chiffrement.

    À garder en lieu sûr, et à mettre dans la variable TRANSITIONS_CIPHER_KEY.
    """
    from transitions_core.store.encryption import new_key as generate

    click.echo(generate())
    click.echo(
        "Clé AES-256 ci-dessus. Gardez-la en lieu sûr : sans elle, un stockage chiffré est illisible. "
        'Usage : export TRANSITIONS_CIPHER_KEY="$(cat fichier-de-la-cle)" (voir docs/operations.md).',
        err=True,
    )


@store_group.command(
    "check",
    examples=(
        "transitions store check",
        "transitions store check postgresql://coordination@serveur/transitions",
    ),
)
@click.argument("address", metavar="[ADRESSE]", required=False)
@store_option
@click.pass_context
def check(ctx: click.Context, address: str | None) -> None:
    """Vérifier un stockage de bout en bout.

    Fichier sain, journal continu, événements lisibles, vue chronologique à jour. ADRESSE est le stockage à vérifier ; par défaut, celui de --store. Le code de sortie est 1 au
    moindre problème.
    """
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
