"""`transitions simulate` and `transitions calibrate`: scenario simulations and their calibration."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from transitions_core.cli.app import cli
from transitions_core.cli.common import find_cohort, open_from


def require_simulation_extra() -> None:
    """Say how to install numpy and SimPy if they are missing, instead of a traceback."""
    import importlib.util

    from transitions_core.errors import TransitionsError

    missing = [name for name in ("numpy", "simpy") if importlib.util.find_spec(name) is None]
    if missing:
        raise TransitionsError(
            f"La simulation a besoin de {' et '.join(missing)} : pip install 'transitions-core[simulation]'."
        )


@cli.command()
@click.argument("scenario", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--runs", default=100, show_default=True, type=click.IntRange(min=1), help="Tirages par point.")
@click.option("--seed", default=1, show_default=True, type=click.IntRange(min=0), help="Graine maîtresse.")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(min=1), help="Processus en parallèle."
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Fichier CSV des tirages.")
@click.option(
    "--keep",
    default=0,
    show_default=True,
    type=click.IntRange(min=0),
    help="Conserver les K premiers tirages dans le stockage, comme cohortes simulées.",
)
@click.pass_context
def simulate(
    ctx: click.Context, scenario: Path, runs: int, seed: int, workers: int, out: Path | None, keep: int
) -> None:
    """Simuler un scénario (kind: simulation) : un tirage par graine, un résumé par point de balayage."""
    require_simulation_extra()
    from transitions_core.simulation.loading import load_scenario
    from transitions_core.simulation.results import render_summary, to_csv
    from transitions_core.simulation.runner import run_sweep

    loaded = load_scenario(scenario)
    total = runs * len(loaded.points)
    with click.progressbar(length=total, label="Tirages", file=sys.stderr) as bar:
        result = run_sweep(loaded, runs, seed, workers, progress=bar.update)
    text = to_csv(result)
    if out:
        out.write_text(text, encoding="utf-8")
    click.echo(
        f"Scénario {loaded.scenario.id} (empreinte {loaded.digest}), graine {seed}, "
        f"{len(result.rows)} tirages sur {total}." + (f" Tirages écrits dans {out}." if out else "")
    )
    click.echo(render_summary(result, {p.index: p.values for p in loaded.points}), nl=False)
    if result.interrupted:
        click.echo("Interrompu : les tirages terminés sont gardés ci-dessus.", err=True)
        sys.exit(130)
    if keep:
        from transitions_core.simulation.keep import keep_histories

        with open_from(ctx, create=True) as store:
            stored, present = keep_histories(store.app, loaded, runs, seed, keep)
        for slug in stored:
            click.echo(f"Cohorte simulée conservée : {slug}")
        for slug in present:
            click.echo(f"Cohorte simulée déjà présente : {slug}")


@cli.command()
@click.argument("cohort")
@click.option("--output", type=click.Path(path_type=Path, dir_okay=False), help="Écrire le scénario ici.")
@click.option("--id", "scenario_id", help="Identifiant du scénario (défaut : baseline-RÉGION).")
@click.pass_context
def calibrate(ctx: click.Context, cohort: str, output: Path | None, scenario_id: str | None) -> None:
    """Écrire un scénario de simulation calibré sur l'historique d'une cohorte."""
    from transitions_core.simulation.calibration import calibrate as derive

    with open_from(ctx) as store:
        text = derive(store.caught_up(), find_cohort(store, cohort), scenario_id)
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Scénario écrit dans {output}.")
    else:
        click.echo(text, nl=False)
