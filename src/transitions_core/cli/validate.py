"""`transitions validate`: the calibrated model against the recorded history, in sample or after a split day."""

from __future__ import annotations

from datetime import datetime

import click

from transitions_core.cli.app import cli
from transitions_core.cli.base import store_option
from transitions_core.cli.common import find_cohort, open_from
from transitions_core.cli.run_options import seed_option, workers_option
from transitions_core.cli.simulate import require_simulation_extra


@cli.command(
    examples=(
        "transitions validate occitanie-2024",
        "transitions validate occitanie-2024 --split 2024-09-30",
        "transitions validate occitanie-2024 --power --runs 200",
    )
)
@click.argument("cohort", metavar="COHORTE")
@click.option(
    "--split",
    metavar="DATE",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Calibrer sur ce qui s'était sûrement passé à cette date (AAAA-MM-JJ), puis prédire la suite.",
)
@click.option(
    "--runs", metavar="NOMBRE", default=200, show_default=True, type=click.IntRange(min=20), help="Tirages."
)
@seed_option
@click.option(
    "--fixed-parameters",
    is_flag=True,
    help="Taux mesurés tenus pour connus (sans cette option, chaque tirage les tire du bootstrap bayésien des comptes).",
)
@click.option(
    "--power", is_flag=True, help="Mesurer aussi la puissance du contrôle (15 modèles, une minute environ)."
)
@workers_option(dask=False)
@store_option
@click.pass_context
def validate(
    ctx: click.Context,
    cohort: str,
    split: datetime | None,
    runs: int,
    seed: int,
    fixed_parameters: bool,
    power: bool,
    workers: int,
) -> None:
    """Confronter le modèle calibré à l'historique d'une cohorte.

    Chaque mesure relevée est comparée à la bande à 90 % des tirages ; avec --split, le modèle est calibré sur
    ce qui s'était passé à la date et prédit la suite.
    """
    require_simulation_extra()
    from transitions_core.plugins import load_host
    from transitions_core.simulation.rules.registry import simulation_models
    from transitions_core.simulation.validation.check import bands, predictive_rows
    from transitions_core.simulation.validation.posterior import Posterior
    from transitions_core.simulation.validation.power import measure_power
    from transitions_core.simulation.validation.report import KINDS, band_lines, coverage, power_lines
    from transitions_core.simulation.validation.run import kinds_of, setup
    from transitions_core.text.french import day_words

    models = simulation_models(load_host())
    with open_from(ctx) as store:
        found = find_cohort(store, cohort)
        ready = setup(store.caught_up(), found, split.date() if split else None, models)
    posterior = None if fixed_parameters else Posterior.of(ready.evidence)
    checked = bands(
        predictive_rows(ready.loaded, runs, seed, models, posterior, workers), ready.whole.figures
    )
    how = "taux mesurés tenus pour connus" if posterior is None else _uncertainty(posterior)
    where = (
        "sur tout l'historique (dans l'échantillon)"
        if split is None
        else f"sur ce qui s'était sûrement passé {day_words(split.date())}"
    )
    click.echo(f"Validation de « {found} » : modèle calibré {where}, {runs} tirages, graine {seed}, {how}.")
    kinds = kinds_of(checked, ready) or None
    if split is not None:
        borrowed = ", ".join(ready.borrowed) or "aucun"
        click.echo(f"Taux inconnus à la date, pris dans tout l'historique : {borrowed}.")
    click.echo("\n".join(band_lines(checked, kinds)))
    click.echo(coverage(checked))
    if kinds is not None:
        for kind, label in KINDS.items():
            chosen = [b for b in checked if kinds[b.column] == kind]
            if chosen:
                inside = sum(b.inside for b in chosen)
                click.echo(f"  {label} : {inside} sur {len(chosen)} dans leur bande.")
    if power:
        measured = measure_power(ready.loaded, ready.whole.figures, runs, seed, models, posterior, workers)
        click.echo("\n".join(power_lines(measured)))


def _uncertainty(posterior: object) -> str:
    from transitions_core.simulation.validation.posterior import Posterior

    assert isinstance(posterior, Posterior)
    rates = [f"{path.rsplit('.', 1)[-1]} ({k}/{n})" for path, (k, n) in posterior.rates.items()]
    means = [path.rsplit(".", 1)[-1] for path in posterior.counts]
    said = ", ".join(rates + [f"{m} (comptes par territoire)" for m in means])
    return f"taux tirés du bootstrap bayésien des comptes relevés : {said or 'aucun compte'}"
