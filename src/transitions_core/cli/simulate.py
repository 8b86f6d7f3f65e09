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
from transitions_core.cli.run_options import dask_options, seed_option, workers_option


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
@seed_option
@workers_option()
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
@dask_options
@click.option(
    "--keep",
    metavar="NOMBRE",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Conserver les NOMBRE premiers tirages dans le stockage, comme cohortes simulées.",
)
@click.option(
    "--until-ci",
    metavar="LARGEUR",
    type=click.FloatRange(min=0, min_open=True),
    help="Doubler les tirages jusqu'à ce que l'intervalle à 95 % de la moyenne de chaque mesure principale "
    "soit plus étroit que LARGEUR (au plus 100 000 tirages par point).",
)
@click.option(
    "--against",
    metavar="FICHIER",
    help="Scénario de référence, tiré sur les mêmes graines pour des écarts appariés (par défaut : celui "
    "qu'étend le scénario, s'il en étend un ; « aucun » pour s'en passer).",
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
    until_ci: float | None,
    against: str | None,
) -> None:
    """Lancer les tirages d'un scénario de simulation.

    Un tirage par graine, un résumé par point de balayage. SCÉNARIO est un fichier `kind: simulation` (voir docs/simulation.md). Ctrl-C arrête proprement : les tirages terminés sont écrits dans --out (et --plot), et la commande
    sort avec le code 130.
    """
    require_simulation_extra()
    check_outputs(out, plot, scheduler)
    from transitions_core.plugins import load_host
    from transitions_core.simulation.model.outcomes import SUMMARY
    from transitions_core.simulation.outputs.comparison import (
        MAIN,
        paired_differences,
        point_labels,
        render_differences,
        widest_interval,
    )
    from transitions_core.simulation.outputs.results import Distributions, render_summary, rows_writer
    from transitions_core.simulation.rules.registry import simulation_models
    from transitions_core.simulation.running.rounds import run_rounds
    from transitions_core.simulation.running.runner import columns
    from transitions_core.simulation.scenario.loading import load_scenario

    models = simulation_models(load_host())
    loaded = load_scenario(scenario, models.rules, models.generators)
    reference = _reference(scenario, against)
    baseline = load_scenario(reference, models.rules, models.generators) if reference else None
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
        header = columns(loaded, models)
        with rows_writer(out, header, points) if out else nullcontext(None) as write:
            rounds = run_rounds(
                loaded, runs, seed, workers, models, distributions, write, advance, backend, until_ci
            )
    done = distributions.total
    written = ""
    if out:
        from transitions_core.simulation.model.run import project_version
        from transitions_core.simulation.outputs.sidecar import write_sidecar

        sidecar = write_sidecar(out, loaded, seed, rounds.runs, project_version())
        written += f" Tirages écrits dans {out}, paramètres résolus dans {sidecar}."
    if plot and done:
        import json

        from transitions_core.simulation.model.run import project_version
        from transitions_core.simulation.outputs.plotting import draw, sweep_series
        from transitions_core.simulation.outputs.sidecar import resolved

        title = f"{loaded.scenario.title} — {done} tirages, graine {seed}"
        history = loaded.scenario.history
        origin = loaded.scenario.calibrated_from
        draw(
            sweep_series(distributions.points, points, loaded.scenario.id),
            title,
            plot,
            history=history,
            history_label=f"historique de la cohorte {origin}" if origin else "historique",
            parameters=json.dumps(resolved(loaded, seed, rounds.runs, project_version()), ensure_ascii=False),
        )
        written += f" Graphique écrit dans {plot}."
    click.echo(
        f"Scénario {loaded.scenario.id} (empreinte {loaded.digest}), graine {seed}, "
        f"{done} tirages sur {total}.{written}"
    )
    if until_ci is not None:
        click.echo(
            f"Intervalles à 95 % des mesures principales plus étroits que {until_ci:g} : "
            f"{rounds.runs} tirages par point."
            if widest_interval(distributions) < until_ci
            else f"Intervalles encore plus larges que {until_ci:g} après {rounds.runs} tirages par point (le maximum)."
        )
    click.echo(render_summary(distributions, points, loaded.scenario.id), nl=False)
    if baseline is not None and not rounds.interrupted and done:
        reference_runs = Distributions(MAIN)
        reference_rounds = run_rounds(
            baseline, rounds.runs, seed, workers, models, reference_runs, backend=backend
        )
        if not reference_rounds.interrupted:
            differences = paired_differences(distributions, reference_runs)
            click.echo(
                render_differences(
                    differences, point_labels(points, loaded.scenario.id), baseline.scenario.id
                ),
                nl=False,
            )
    if rounds.interrupted:
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


def _reference(scenario: Path, against: str | None) -> Path | None:
    """The baseline a what-if is compared with: `--against`, else the scenario it extends; « aucun »: none."""
    from transitions_core.errors import TransitionsError

    if against is not None:
        if against.strip().lower() in ("aucun", "none"):
            return None
        path = Path(against)
        if not path.is_file():
            raise TransitionsError(
                f"--against {against} : fichier introuvable ; donnez un scénario, ou « aucun »."
            )
        return path
    import yaml

    try:
        raw = yaml.safe_load(scenario.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None  # load_scenario has said what is wrong with the file
    extends = raw.get("extends") if isinstance(raw, dict) else None
    if not isinstance(extends, str):
        return None
    base = (scenario.parent / extends).resolve()
    return base if base.is_file() else None


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
