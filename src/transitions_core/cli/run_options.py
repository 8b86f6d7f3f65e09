"""Options shared by the commands that run the model (`simulate`, `experiment`, `validate`): seed, workers, Dask, progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

seed_option = click.option(
    "--seed",
    metavar="NOMBRE",
    default=1,
    show_default=True,
    type=click.IntRange(min=0),
    help="Graine maîtresse.",
)


def workers_option(dask: bool = True) -> Callable[[F], F]:
    """`--workers`; with `dask`, its help says what it means with `--scheduler local`."""
    also = " (avec --scheduler local : processus du cluster Dask local)" if dask else ""
    return click.option(
        "--workers",
        metavar="NOMBRE",
        default=1,
        show_default=True,
        type=click.IntRange(min=1),
        help=f"Processus en parallèle{also}.",
    )


def dask_options(function: F) -> F:
    """`--scheduler`, `--scheduler-timeout` and `--progress/--no-progress`, as `simulate` has them."""
    for option in reversed(
        (
            click.option(
                "--scheduler",
                metavar="ADRESSE",
                help="Répartir les tirages sur Dask : tcp://HÔTE:PORT d'un ordonnanceur, ou local (extra distributed).",
            ),
            click.option(
                "--scheduler-timeout",
                default=10.0,
                show_default=True,
                type=click.FloatRange(min=0, min_open=True),
                metavar="SECONDES",
                help="Attente maximale de l'ordonnanceur Dask.",
            ),
            click.option(
                "--progress/--no-progress",
                default=None,
                help="Barre de progression sur la sortie d'erreur (par défaut : seulement dans un terminal).",
            ),
        )
    ):
        function = option(function)
    return function
