"""`sensitivity --plot`: one panel per outcome, a bar per uncertainty (S1 and ST, or μ* and σ), PNG or SVG."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from transitions_core.files import atomic_path, reporting
from transitions_core.simulation.experiments.sensitivity import Analysis, OutcomeIndices
from transitions_core.simulation.experiments.telling import label
from transitions_core.simulation.outputs.plotting import require_matplotlib

COLUMNS = 3


def draw_indices(results: Sequence[OutcomeIndices], method: Analysis, path: Path) -> None:
    """Horizontal bars with their 95 % intervals, one panel per outcome that varies."""
    require_matplotlib()
    from matplotlib.figure import Figure

    shown = [r for r in results if not r.constant]
    names = [i.name for i in shown[0].indices] if shown else []
    rows = max(1, -(-len(shown) // COLUMNS))
    figure = Figure(figsize=(5.2 * COLUMNS, rows * (0.45 * len(names) + 1.4) + 0.8), layout="constrained")
    axes = figure.subplots(rows, COLUMNS, sharey=True, squeeze=False).flatten()
    first, second = ("S1", "ST") if method == "sobol" else ("mu_star", "sigma")
    legends = ("S1 (effet seul)", "ST (effet total)") if method == "sobol" else ("μ* (effet moyen)", "σ")
    positions = list(range(len(names), 0, -1))
    for axis, result in zip(axes, shown, strict=False):
        values = {i.name: i.values for i in result.indices}
        axis.barh(
            [p + 0.2 for p in positions],
            [values[n][first] for n in names],
            height=0.38,
            xerr=[values[n][first + "_conf"] for n in names],
            color="#1b6ca8",
            label=legends[0],
        )
        axis.barh(
            [p - 0.2 for p in positions],
            [values[n][second] for n in names],
            height=0.38,
            xerr=[values[n].get(second + "_conf", 0.0) for n in names],
            color="#edae49",
            label=legends[1],
        )
        axis.set_title(label(result.outcome).capitalize(), fontsize=10)
        axis.set_yticks(positions, names, fontsize=8)
        axis.grid(axis="x", alpha=0.3)
    for axis in axes[len(shown) :]:
        axis.set_axis_off()
    if shown:
        axes[0].legend(fontsize=8, loc="lower right")
    what = "Indices de Sobol, intervalles à 95 % par bootstrap" if method == "sobol" else "Criblage de Morris"
    figure.suptitle(what, fontsize=12)
    metadata = {"Date": None} if path.suffix.lower() == ".svg" else {}
    with atomic_path(path) as partial, reporting(path):
        figure.savefig(partial, format=path.suffix.lower().lstrip("."), dpi=110, metadata=metadata)
