"""`transitions simulate` and `transitions calibrate`: scenario simulations and their calibration."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import (
    audience_of,
    audience_option,
    emit_output,
    find_cohort,
    open_from,
    remind_if_internal,
)


def require_simulation_extra() -> None:
    """Say how to install numpy and SimPy if they are missing, instead of a traceback."""
    import importlib.util

    from transitions_core.errors import TransitionsError

    missing = [name for name in ("numpy", "simpy") if importlib.util.find_spec(name) is None]
    if missing:
        raise TransitionsError(
            f"La simulation a besoin de {' et '.join(missing)} : pip install 'transitions-core[simulation]'."
        )


@cli.command(
    examples=(
        "transitions simulate scenarios/baseline-occitanie.yaml",
        "transitions simulate scenarios/baseline-occitanie.yaml --runs 1000 --workers 2 --out tirages.csv",
        "transitions simulate scenarios/baseline-occitanie.yaml --plot distributions.png --keep 2",
    )
)
@click.argument("scenario", metavar="SCÉNARIO", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--runs",
    metavar="NOMBRE",
    default=100,
    show_default=True,
    type=click.IntRange(min=1),
    help="Tirages par point.",
)
@click.option(
    "--seed",
    metavar="NOMBRE",
    default=1,
    show_default=True,
    type=click.IntRange(min=0),
    help="Graine maîtresse.",
)
@click.option(
    "--workers",
    metavar="NOMBRE",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Processus en parallèle (avec --scheduler local : processus du cluster Dask local).",
)
@click.option(
    "--out",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fichier des tirages : CSV, ou Parquet si son nom finit par .parquet (extra parquet).",
)
@click.option(
    "--plot",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Graphique des distributions par point de balayage, en .png ou .svg (extra plot).",
)
@click.option(
    "--scheduler",
    metavar="ADRESSE",
    help="Répartir les tirages sur Dask : tcp://HÔTE:PORT d'un ordonnanceur, ou local (extra distributed).",
)
@click.option(
    "--scheduler-timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDES",
    help="Attente maximale de l'ordonnanceur Dask.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Barre de progression sur la sortie d'erreur (par défaut : seulement dans un terminal).",
)
@click.option(
    "--keep",
    metavar="NOMBRE",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Conserver les NOMBRE premiers tirages dans le stockage, comme cohortes simulées.",
)
@store_option
@click.pass_context
def simulate(
    ctx: click.Context,
    scenario: Path,
    runs: int,
    seed: int,
    workers: int,
    out: Path | None,
    plot: Path | None,
    scheduler: str | None,
    scheduler_timeout: float,
    progress: bool | None,
    keep: int,
) -> None:
    """Lancer les tirages d'un scénario de simulation.

    Un tirage par graine, un résumé par point de balayage. SCÉNARIO est un fichier `kind: simulation` (voir docs/simulation.md). Ctrl-C arrête proprement : les tirages terminés sont écrits dans --out (et --plot), et la commande
    sort avec le code 130.
    """
    require_simulation_extra()
    check_outputs(out, plot, scheduler)
    from transitions_core.plugins import load_host
    from transitions_core.simulation.model.outcomes import SUMMARY
    from transitions_core.simulation.outputs.results import Distributions, render_summary, rows_writer
    from transitions_core.simulation.rules.registry import simulation_models
    from transitions_core.simulation.running.runner import Sweep
    from transitions_core.simulation.scenario.loading import load_scenario

    models = simulation_models(load_host())
    loaded = load_scenario(scenario, models.rules, models.generators)
    backend = None
    if scheduler:
        from transitions_core.simulation.running.dask_backend import dask_backend

        backend = dask_backend(scheduler, workers, scheduler_timeout)
    total = runs * len(loaded.points)
    points = {p.index: p.values for p in loaded.points}
    plotted: tuple[str, ...] = ()
    if plot:
        from transitions_core.simulation.outputs.plotting import PLOTTED

        plotted = PLOTTED
    # The rows go to --out as they come; only the few measures the summary and the plot show stay here.
    distributions = Distributions((*SUMMARY, *plotted))
    with progress_bar(total, progress) as advance:
        sweep = Sweep(loaded, runs, seed, workers, models, progress=advance, backend=backend)
        with rows_writer(out, sweep.header, points) if out else nullcontext(None) as write:
            for rows in sweep:
                if write:
                    write(rows)
                distributions.add(rows)
    done = distributions.total
    written = ""
    if out:
        from transitions_core.simulation.model.run import project_version
        from transitions_core.simulation.outputs.sidecar import write_sidecar

        sidecar = write_sidecar(out, loaded, seed, runs, project_version())
        written += f" Tirages écrits dans {out}, paramètres résolus dans {sidecar}."
    if plot and done:
        from transitions_core.simulation.outputs.plotting import draw, sweep_series

        title = f"{loaded.scenario.title} — {done} tirages, graine {seed}"
        draw(sweep_series(distributions.points, points), title, plot)
        written += f" Graphique écrit dans {plot}."
    click.echo(
        f"Scénario {loaded.scenario.id} (empreinte {loaded.digest}), graine {seed}, "
        f"{done} tirages sur {total}.{written}"
    )
    click.echo(render_summary(distributions, points), nl=False)
    if sweep.interrupted:
        where = f" dans {out}" if out else " dans le résumé ci-dessus"
        skipped = " Rien n'a été conservé dans le stockage (--keep)." if keep else ""
        click.echo(f"Interrompu : {done} tirages terminés sur {total} gardés{where}.{skipped}", err=True)
        sys.exit(130)
    if keep:
        from transitions_core.simulation.running.keep import keep_histories

        with open_from(ctx, create=True) as store:
            stored, present = keep_histories(store.app, loaded, runs, seed, keep, models)
        for slug in stored:
            click.echo(f"Cohorte simulée conservée : {slug}")
        for slug in present:
            click.echo(f"Cohorte simulée déjà présente : {slug}")


def check_outputs(out: Path | None, plot: Path | None, scheduler: str | None) -> None:
    """Refuse, before any run, an output that could not be written or an extra that is missing."""
    from transitions_core.errors import TransitionsError

    for option, path in (("--out", out), ("--plot", plot)):
        if path and not path.resolve().parent.is_dir():
            raise TransitionsError(
                f"{option} {path} : le dossier {path.parent} n'existe pas ; créez-le d'abord."
            )
    if out:
        from transitions_core.simulation.outputs.results import is_parquet, require_pyarrow

        if is_parquet(out):
            require_pyarrow()
    if plot:
        from transitions_core.simulation.outputs.plotting import check_suffix, require_matplotlib

        problem = check_suffix(plot)
        if problem:
            raise click.BadParameter(problem, param_hint="--plot")
        require_matplotlib()
    if scheduler:
        from transitions_core.simulation.running.dask_backend import check_address, require_distributed

        problem = check_address(scheduler)
        if problem:
            raise click.BadParameter(problem, param_hint="--scheduler")
        require_distributed()


@contextmanager
def progress_bar(total: int, wanted: bool | None) -> Iterator[Callable[[int], None] | None]:
    """A bar on standard error in a terminal; plain lines when forced elsewhere; nothing otherwise."""
    terminal = sys.stderr.isatty()
    if wanted is False or (wanted is None and not terminal):
        yield None
    elif terminal:
        with click.progressbar(length=total, label="Tirages", file=sys.stderr, show_pos=True) as bar:
            yield bar.update
    else:
        done = 0

        def advance(count: int) -> None:
            nonlocal done
            done += count
            click.echo(f"Tirages : {done}/{total}", err=True)

        yield advance


@cli.command(
    examples=(
        "transitions calibrate occitanie-2024",
        "transitions calibrate occitanie-2024 --id reference --output scenarios/reference.yaml",
    )
)
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--output",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Écrire le scénario ici.",
)
@click.option(
    "--id", "scenario_id", metavar="IDENTIFIANT", help="Identifiant du scénario (défaut : baseline-RÉGION)."
)
@click.option(
    "--uncertain",
    is_flag=True,
    help="Ajouter le bloc « uncertainties: » : l'intervalle de chaque taux mesuré, la plage de chaque hypothèse.",
)
@audience_option
@store_option
@click.pass_context
def calibrate(
    ctx: click.Context,
    cohort: str,
    output: Path | None,
    scenario_id: str | None,
    audience: str | None,
    uncertain: bool,
) -> None:
    """Écrire un scénario de simulation calibré sur une cohorte.

    Le scénario est dérivé de l'historique enregistré de COHORTE.
    """
    from transitions_core.simulation.calibration.calibrate import calibrate as derive

    with open_from(ctx) as store:
        calibrated = derive(
            store.caught_up(), find_cohort(store, cohort), scenario_id, audience_of(audience), uncertain
        )
    click.echo(calibrated.summary(), err=True)
    emit_output(calibrated.text, output, "Scénario écrit dans")
    remind_if_internal(audience)
