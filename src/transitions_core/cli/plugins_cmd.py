"""`transitions plugins list` and `plugins new`: what is installed, and a skeleton for a new one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import echo_json

if TYPE_CHECKING:
    from transitions_core.plugins import Host, PluginInfo

SIMULATION_HOOKS = ("simulation_rules", "territory_generators")


@cli.group(examples=("transitions plugins list", "transitions plugins new mon-recit"))
def plugins() -> None:
    """Les plugins de récit : lister, créer."""


@plugins.command("list", examples=("transitions plugins list", "transitions plugins list --json"))
@click.option("--json", "as_json", is_flag=True, help="Sortie JSON.")
def list_(as_json: bool) -> None:
    """Les plugins installés : nom, version, formats, état.

    Un plugin cassé est listé avec son erreur, un plugin en échec avec celle de son dernier rendu ;
    sous chacun, ce qu'il remplace et les noms qui lui sont refusés, avec la façon d'y remédier.
    """
    from transitions_core.plugins import load_host

    host = load_host()
    _check_simulation_names(host)
    infos = sorted(host.plugins.values(), key=lambda p: p.name)
    if as_json:
        from dataclasses import asdict

        echo_json([asdict(info) for info in infos])
        return
    for info in infos:
        formats = ", ".join(info.formats) or "-"
        click.echo(f"{info.name:<14} {info.version or '-':<8} formats : {formats:<20} {_status(info)}")
        for note in [*info.replaces, *info.refused]:
            click.echo(f"{'':<14} ↳ {note}")


def _status(info: PluginInfo) -> str:
    if info.status == "broken":
        return f"CASSÉ : {info.error}"
    if info.status == "failing":
        return f"EN ÉCHEC : {info.error}"
    return "ok"


def _check_simulation_names(host: Host) -> None:
    """Gather the simulation rules and generators too, when a plugin gives some: their clashes show here."""
    if any(set(SIMULATION_HOOKS) & set(info.hooks) for info in host.plugins.values()):
        from transitions_core.simulation.rules.registry import simulation_models

        simulation_models(host)


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
    help="Le dossier parent où créer le paquet transitions-NOM (pas le paquet lui-même).",
)
def new(name: str, directory: Path) -> None:
    """Créer le squelette d'un paquet de plugin.

    Un format, son modèle, un test et le pyproject.toml, dans DOSSIER/transitions-NOM. NOM s'écrit
    comme un nom de format : minuscules, chiffres, - et _ (mon-recit).
    """
    from transitions_core.plugins import load_host
    from transitions_core.testing.skeleton import write_skeleton

    host = load_host()
    root = write_skeleton(name, directory)
    click.echo(f"Plugin créé dans {root}. Installez-le avec : pip install -e {root}")
    if name in host.formats:
        click.echo(
            f"Attention : le format « {name} » existe déjà (plugin {host.plugin_of(name)}) ; le vôtre serait "
            f'ignoré. Renommez-le, ou déclarez replaces=("{name}",) dans son Format pour remplacer l\'existant.',
            err=True,
        )
