"""`transitions plugins list` and `plugins new`: what is installed, and a skeleton for a new one."""

from __future__ import annotations

from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import echo_json


@cli.group(examples=("transitions plugins list", "transitions plugins new mon-recit"))
def plugins() -> None:
    """Les plugins de récit : lister, créer."""


@plugins.command("list", examples=("transitions plugins list", "transitions plugins list --json"))
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def list_(as_json: bool) -> None:
    """Les plugins installés : nom, version, formats, état.

    Un plugin cassé est listé avec son erreur.
    """
    from transitions_core.plugins import load_host

    host = load_host()
    infos = sorted(host.plugins.values(), key=lambda p: p.name)
    if as_json:
        from dataclasses import asdict

        echo_json([asdict(info) for info in infos])
        return
    for info in infos:
        status = "ok" if info.status == "ok" else f"CASSÉ : {info.error}"
        formats = ", ".join(info.formats) or "-"
        click.echo(f"{info.name:<14} {info.version or '-':<8} formats : {formats:<20} {status}")


@plugins.command(
    "new",
    examples=("transitions plugins new mon-recit", "transitions plugins new mon-recit --directory ~/plugins"),
)
@click.argument("name", metavar="NOM")
@click.option(
    "--directory",
    metavar="DOSSIER",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    help="Où créer le paquet.",
)
def new(name: str, directory: Path) -> None:
    """Créer le squelette d'un paquet de plugin.

    Un format, son modèle, un test et le pyproject.toml, dans le dossier NOM.
    """
    from transitions_core.testing.skeleton import write_skeleton

    root = write_skeleton(name, directory)
    click.echo(f"Plugin créé dans {root}. Installez-le avec : pip install -e {root}")
