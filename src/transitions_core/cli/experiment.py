"""`transitions experiment`, `sensitivity` and `discover`: designed experiments and what drives the outcomes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.run_options import dask_options, seed_option, workers_option
from transitions_core.cli.simulate import check_outputs, progress_bar, require_simulation_extra


@cli.command(
    examples=(
        "transitions experiment scenarios/baseline-occitanie.yaml --design sobol --samples 1024 "
        "--uncertain rules.electoral_calendar.join_slope=0:4 --uncertain parameters.recruitment.join=0.4:0.9 "
        "--out sobol.csv",
        "transitions experiment scenarios/baseline-occitanie.yaml --design lhs --samples 500 --runs-per-point 4 "
        "--uncertain rules.delegation.effects=0.5:1 --workers 2 --out lhs.parquet",
    )
)
@click.argument("scenario", metavar="SCÉNARIO", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--design",
    type=click.Choice(["lhs", "sobol", "morris", "grid"]),
    default="lhs",
    show_default=True,
    help="Plan d'expérience (tiré par SALib) : hypercube latin, Sobol (pour sensitivity --method sobol), "
    "Morris (pour --method morris) ou grille régulière.",
)
@click.option(
    "--samples",
    metavar="NOMBRE",
    default=256,
    show_default=True,
    type=click.IntRange(min=1),
    help="Points du plan demandés (Sobol : N·(2D+2) points, N arrondi à une puissance de deux ; "
    "Morris : trajectoires de D+1 points ; grille : niveaux entiers par incertitude).",
)
@click.option(
    "--uncertain",
    "uncertain",
    metavar="INCERTITUDE",
    multiple=True,
    help="CHEMIN=BAS:HAUT : un paramètre du scénario et l'intervalle à explorer, à répéter ; sans cette option, les incertitudes "
    "du scénario (« uncertainties: », ou l'intervalle de chaque hypothèse).",
)
@click.option(
    "--over",
    type=click.Choice(["uncertainties", "levers", "both"]),
    default="uncertainties",
    show_default=True,
    help="Ce que le plan fait varier : les incertitudes, les leviers du programme (« levers: » du scénario, ou "
    "ses leviers par défaut ; un levier donné par des valeurs varie de la plus petite à la plus grande), ou "
    "les deux ensemble (un levier y remplace l'incertitude sur le même paramètre).",
)
@seed_option
@click.option(
    "--runs-per-point",
    metavar="NOMBRE",
    default=1,
    show_default=True,
    type=click.IntRange(min=1),
    help="Tirages par point du plan (sur ses propres graines, ou les mêmes pour tous avec --common-streams).",
)
@workers_option()
@dask_options
@click.option(
    "--common-streams",
    is_flag=True,
    help="Mêmes graines à chaque point (nombres aléatoires communs) : les écarts entre points ne viennent que des "
    "paramètres, mais le hasard d'un seul tirage est figé ; par défaut, chaque point a ses propres graines.",
)
@click.option(
    "--out",
    metavar="FICHIER",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fichier des tirages (CSV, ou Parquet en .parquet) ; le plan est écrit à côté, dans FICHIER.design.json.",
)
def experiment(
    scenario: Path,
    design: str,
    samples: int,
    uncertain: tuple[str, ...],
    over: str,
    seed: int,
    runs_per_point: int,
    workers: int,
    scheduler: str | None,
    scheduler_timeout: float,
    progress: bool | None,
    common_streams: bool,
    out: Path,
) -> None:
    """Lancer un plan d'expérience sur les incertitudes d'un scénario.

    Chaque point du plan est un scénario complet, tiré --runs-per-point fois. Ctrl-C arrête proprement : les
    tirages terminés sont écrits dans --out, et la commande sort avec le code 130.
    """
    require_simulation_extra()
    check_outputs(out, None, scheduler)
    from transitions_core.files import atomic_path, reporting
    from transitions_core.plugins import load_host
    from transitions_core.simulation.experiments.design import (
        design_json,
        make_design,
        parse_uncertainty,
        sidecar_of,
    )
    from transitions_core.simulation.experiments.points import (
        checked,
        experiment_sweep,
        scenario_levers,
        scenario_uncertainties,
        sidecar_extra,
        with_levers,
    )
    from transitions_core.simulation.outputs.results import rows_writer
    from transitions_core.simulation.rules.registry import simulation_models
    from transitions_core.simulation.scenario.loading import load_scenario
    from transitions_core.text.french import count, plural

    models = simulation_models(load_host())
    loaded = load_scenario(scenario, models.rules, models.generators)
    if over == "levers":
        swept = scenario_levers(loaded)
    else:
        swept = [parse_uncertainty(text) for text in uncertain] or scenario_uncertainties(loaded, models)
        if over == "both":
            swept = with_levers(swept, scenario_levers(loaded))
    uncertainties = checked(loaded, swept)
    drawn = make_design(design, uncertainties, samples, seed, runs_per_point, common_streams)  # type: ignore[arg-type]
    backend = None
    if scheduler:
        from transitions_core.simulation.running.dask_backend import dask_backend

        backend = dask_backend(scheduler, workers, scheduler_timeout)
    total = len(drawn.matrix) * runs_per_point
    with progress_bar(total, progress) as advance:
        points, sweep = experiment_sweep(loaded, drawn, models, workers, advance, backend)
        done = 0
        values = {p.index: p.values for p in points.points}
        with rows_writer(out, sweep.header, values) as write:
            for rows in sweep:
                write(rows)
                done += len(rows)
    sidecar = sidecar_of(out)
    with atomic_path(sidecar) as partial, reporting(sidecar):
        partial.write_text(design_json(drawn, sidecar_extra(loaded)), encoding="utf-8")
    click.echo(
        f"Expérience {drawn.method} sur le scénario {loaded.scenario.id} (empreinte {loaded.digest}), graine {seed} : "
        f"{len(drawn.matrix)} points, {count(done, 'tirage')} sur {total}. Tirages écrits dans {out}, plan dans {sidecar}."
    )
    if sweep.interrupted:
        kept = f"{count(done, 'tirage terminé', 'tirages terminés')} sur {total} {plural(done, 'gardé')}"
        click.echo(f"Interrompu : {kept} dans {out}.", err=True)
        sys.exit(130)


@cli.command(
    examples=(
        "transitions sensitivity sobol.csv",
        "transitions sensitivity morris.csv --method morris --json",
        "transitions sensitivity sobol.csv --plot indices.png",
    )
)
@click.argument("results", metavar="TIRAGES", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--method",
    type=click.Choice(["sobol", "morris"]),
    default="sobol",
    show_default=True,
    help="Indices de Sobol (S1, ST) ou de Morris (μ*, σ) ; le plan doit avoir été fait pour elle.",
)
@click.option("--json", "as_json", is_flag=True, help="Écrire les indices en JSON plutôt que le texte.")
@click.option(
    "--plot",
    metavar="FICHIER",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Graphique des indices par mesure, en .png ou .svg (extra plot).",
)
@click.option(
    "--seed",
    metavar="NOMBRE",
    default=1,
    show_default=True,
    type=click.IntRange(min=0),
    help="Graine du bootstrap.",
)
def sensitivity(results: Path, method: str, as_json: bool, plot: Path | None, seed: int) -> None:
    """Dire quelles incertitudes font varier chaque mesure.

    TIRAGES est un fichier écrit par `transitions experiment`, avec son plan à côté.
    """
    require_simulation_extra()
    check_outputs(None, plot, None)
    import json

    from transitions_core.simulation.experiments.design import read_design
    from transitions_core.simulation.experiments.results_file import read_results
    from transitions_core.simulation.experiments.sensitivity import analyse
    from transitions_core.simulation.experiments.sensitivity import as_json as indices_json
    from transitions_core.simulation.experiments.telling import report
    from transitions_core.simulation.model.outcomes import SUMMARY

    design = read_design(results)
    frame = read_results(results)
    found = analyse(design, frame.to_dict("records"), SUMMARY, method, seed)  # type: ignore[arg-type]
    if plot:
        from transitions_core.simulation.experiments.plot import draw_indices

        draw_indices(found, method, plot)  # type: ignore[arg-type]
    if as_json:
        click.echo(json.dumps(indices_json(found, method), ensure_ascii=False, indent=1))  # type: ignore[arg-type]
    else:
        click.echo(report(found, method, len(design["matrix"]), len(frame)), nl=False)  # type: ignore[arg-type]
    if plot:
        click.echo(f"Graphique écrit dans {plot}.", err=True)


@cli.command(
    examples=(
        'transitions discover lhs.csv --where "pilots_feasibility >= 7"',
        'transitions discover lhs.csv --where "effects > 30 et limits < 25" --boxes 3',
    )
)
@click.argument("results", metavar="TIRAGES", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--where",
    "where",
    metavar="CONDITION",
    required=True,
    help="Les tirages qui intéressent, par exemple « pilots_feasibility >= 7 ».",
)
@click.option(
    "--boxes",
    metavar="NOMBRE",
    default=2,
    show_default=True,
    type=click.IntRange(min=1),
    help="Régions à chercher au plus.",
)
@click.option(
    "--threshold",
    metavar="PART",
    default=0.8,
    show_default=True,
    type=click.FloatRange(0, 1),
    help="Densité visée : part des tirages d'une région qui réalisent la condition.",
)
def discover(results: Path, where: str, boxes: int, threshold: float) -> None:
    """Trouver les régions des incertitudes qui mènent à une condition (PRIM).

    TIRAGES est un fichier écrit par `transitions experiment` (un plan lhs se prête le mieux à la recherche).
    """
    require_simulation_extra()
    from transitions_core.simulation.experiments.design import read_design
    from transitions_core.simulation.experiments.discovery import parse_where, tell
    from transitions_core.simulation.experiments.prim import find_boxes
    from transitions_core.simulation.experiments.results_file import read_results

    design = read_design(results)
    frame = read_results(results)
    condition = parse_where(where, list(frame.columns))
    names = [u["path"] for u in design["uncertainties"]]
    integers = [bool(u.get("integer")) for u in design["uncertainties"]]
    rows = frame.to_dict("records")
    found = find_boxes(
        [[float(row[n]) for n in names] for row in rows],
        [condition.holds(row) for row in rows],
        boxes=boxes,
        threshold=threshold,
    )
    click.echo(tell(found, condition, names, integers, threshold), nl=False)
