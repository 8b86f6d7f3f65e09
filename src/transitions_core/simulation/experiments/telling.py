"""The sensitivity indices told in French: a table per outcome and one sentence naming its drivers."""

from __future__ import annotations

from collections.abc import Sequence

from transitions_core.simulation.experiments.sensitivity import (
    Analysis,
    OutcomeIndices,
    drivers,
    main_index,
)
from transitions_core.simulation.model.outcomes import MEASURES
from transitions_core.text.french import count, join_list


def number(value: float, decimals: int = 2) -> str:
    """`0,62`: French decimal comma."""
    return f"{value:.{decimals}f}".replace(".", ",").replace("-", "−")


def label(outcome: str) -> str:
    """The French name of an outcome column."""
    return MEASURES.get(outcome, outcome)


def sentence(result: OutcomeIndices, method: Analysis) -> str:
    """Which uncertainties drive one outcome, strongest first, with their main index."""
    name = label(result.outcome).capitalize()
    if result.constant:
        return f"{name} : ne varient pas dans ce plan ; aucune incertitude n'y joue."
    found = drivers(result, method)
    key = main_index(method)
    symbol = "ST" if method == "sobol" else "μ*"
    below = "sous 5 % de la variance" if method == "sobol" else "sous 5 % du plus fort μ*"
    if not found:
        return f"{name} : aucune incertitude ne pèse seule, toutes {below}."
    shown = [
        f"{i.name} ({symbol} {number(i.values[key])} ± {number(i.values[key + '_conf'])})" for i in found
    ]
    rest = len(result.indices) - len(found)
    tail = f" ; {count(rest, 'autre incertitude', 'autres incertitudes')} {below}" if rest else ""
    return f"{name} : surtout {join_list(shown)}{tail}."


def table(result: OutcomeIndices, method: Analysis) -> list[str]:
    """The indices of one outcome, one line per uncertainty, strongest first."""
    if result.constant:
        return []
    key = main_index(method)
    width = max(len(i.name) for i in result.indices)
    if method == "sobol":
        lines = [f"  {'incertitude':<{width}}  {'S1':>6}  {'± 95 %':>6}  {'ST':>6}  {'± 95 %':>6}"]
        for i in sorted(result.indices, key=lambda x: -x.values[key]):
            v = i.values
            lines.append(
                f"  {i.name:<{width}}  {number(v['S1']):>6}  {number(v['S1_conf']):>6}  "
                f"{number(v['ST']):>6}  {number(v['ST_conf']):>6}"
            )
        return lines
    lines = [f"  {'incertitude':<{width}}  {'μ*':>8}  {'± 95 %':>8}  {'σ':>8}"]
    for i in sorted(result.indices, key=lambda x: -x.values[key]):
        v = i.values
        lines.append(
            f"  {i.name:<{width}}  {number(v['mu_star']):>8}  {number(v['mu_star_conf']):>8}  {number(v['sigma']):>8}"
        )
    return lines


def report(results: Sequence[OutcomeIndices], method: Analysis, points: int, runs: int) -> str:
    """The whole French report: the sentences first, then the tables."""
    what = (
        "Sobol (S1 : effet seul, ST : effet total, intervalles à 95 % par bootstrap)"
        if method == "sobol"
        else "Morris (μ* : effet moyen absolu, σ : interactions ou non-linéarité)"
    )
    lines = [f"Sensibilité, méthode {what}, sur {points} points du plan et {runs} tirages.", ""]
    lines += [sentence(r, method) for r in results]
    for r in results:
        rows = table(r, method)
        if rows:
            lines += ["", label(r.outcome).capitalize(), *rows]
    return "\n".join(lines) + "\n"
