"""`--plot`: the distribution of the main outcomes, one box per sweep point (or per scenario), PNG or SVG.

matplotlib is imported only here, and only when a plot is asked for. The figure is drawn without pyplot,
on matplotlib's Agg (PNG) or SVG canvas, so nothing global changes and no display is needed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.files import atomic_path, reporting
from transitions_core.simulation.model.outcomes import MEASURES

SUFFIXES = (".png", ".svg")
INSTALL = "pip install 'transitions-core[plot]'"
#: The measures drawn, one panel each: the columns of the comparison table in docs/simulation.md.
PLOTTED = (
    "joined",
    "dropped_out",
    "diagnostics_restituted",
    "pilots_feasibility",
    "days_used",
    "effects",
    "limits",
)
COLUMNS = 4
COLOURS = ("#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30343f")


@dataclass(frozen=True)
class Series:
    """The runs of one box, as each measure's values: a sweep point, or a scenario; `group` picks its colour."""

    label: str
    values: Mapping[str, Sequence[float]]
    group: int = 0

    @property
    def runs(self) -> int:
        """The number of runs in the box."""
        return max((len(values) for values in self.values.values()), default=0)


def check_suffix(path: Path) -> str | None:
    """Why `path` cannot be a plot, or None when it can."""
    if path.suffix.lower() in SUFFIXES:
        return None
    return f"« {path.name} » : un graphique s'écrit en .png ou en .svg (l'extension choisit le format)."


def require_matplotlib() -> Any:
    """The `matplotlib` module, or a French error saying how to install it."""
    try:
        import matplotlib
    except ImportError:
        raise TransitionsError(f"--plot demande matplotlib : {INSTALL}.") from None
    return matplotlib


def point_label(values: dict[str, Any], scenario_id: str = "") -> str:
    """`shift_months = -36`, `join.weak = 0.5`: the swept values, by the end of their path; else the
    scenario's id (a what-if is never « the baseline »)."""
    if not values:
        return f"scénario {scenario_id}".rstrip()
    return ", ".join(
        f"{'.'.join(path.split('.')[-2 if path.count('.') >= 2 else -1 :])} = {value}"
        for path, value in values.items()
    )


def sweep_series(
    distributions: Mapping[int, Mapping[str, Sequence[float]]],
    points: dict[int, dict[str, Any]],
    scenario_id: str = "",
) -> list[Series]:
    """One series per sweep point, in point order, from each point's values of each measure."""
    return [
        Series(point_label(values, scenario_id), distributions.get(index, {}))
        for index, values in sorted(points.items())
    ]


def draw(
    series: Sequence[Series],
    title: str,
    path: Path,
    measures: Sequence[str] = PLOTTED,
    history: Mapping[str, float] | None = None,
    history_label: str = "historique",
    parameters: str | None = None,
) -> None:
    """Box plots (quartiles, 5-95 % whiskers, mean) of each measure, one box per series, into `path`;
    `history` marks each measure's recorded value (a red line across the panel); `parameters` (the
    resolved parameters, as JSON) go into the file's metadata (PNG text, SVG description)."""
    matplotlib = require_matplotlib()
    from matplotlib.figure import Figure

    # `orientation` replaced `vert` in matplotlib 3.10; the extra allows 3.8.
    major, minor = (int(part) for part in matplotlib.__version__.split(".")[:2])
    horizontal: dict[str, Any] = (
        {"orientation": "horizontal"} if (major, minor) >= (3, 10) else {"vert": False}
    )

    shown = [s for s in series if s.runs]
    rows_of_panels = -(-len(measures) // COLUMNS)
    height = rows_of_panels * (0.32 * len(shown) + 1.3) + 1.0
    figure = Figure(figsize=(4.2 * COLUMNS, height), layout="constrained")
    axes = figure.subplots(rows_of_panels, COLUMNS, sharey=True, squeeze=False).flatten()
    positions = list(range(len(shown), 0, -1))  # the first series on top
    for axis, measure in zip(axes, measures, strict=False):
        boxes = axis.boxplot(
            [list(s.values[measure]) for s in shown],
            positions=positions,
            **horizontal,
            whis=(5, 95),
            showfliers=False,
            showmeans=True,
            patch_artist=True,
            widths=0.6,
            meanprops={
                "marker": "D",
                "markerfacecolor": "white",
                "markeredgecolor": "black",
                "markersize": 4,
            },
            medianprops={"color": "black"},
        )
        for box, s in zip(boxes["boxes"], shown, strict=True):
            box.set_facecolor(COLOURS[s.group % len(COLOURS)])
            box.set_alpha(0.75)
        if history and measure in history:
            axis.axvline(history[measure], color="#c0392b", linewidth=1.5, linestyle="--")
        axis.set_title(MEASURES[measure].capitalize(), fontsize=10)
        axis.set_yticks(positions, [s.label for s in shown])
        axis.grid(axis="x", alpha=0.3)
        axis.set_xlim(left=0)
    for axis in axes[len(measures) :]:
        axis.set_axis_off()
    figure.suptitle(title, fontsize=12)
    legend = "Boîte : du 1er au 3e quartile, trait : médiane, losange : moyenne, moustaches : 5 % à 95 % des tirages."
    if history:
        legend += f" Tirets rouges : {history_label}."
    figure.supxlabel(legend, fontsize=9)
    _save(figure, path, parameters)


def _save(figure: Any, path: Path, parameters: str | None = None) -> None:
    """Whole or not at all: a temporary file, renamed."""
    metadata: dict[str, Any] = {"Date": None} if path.suffix.lower() == ".svg" else {}
    if parameters:
        metadata["Description"] = parameters
    with atomic_path(path) as partial, reporting(path):
        figure.savefig(partial, format=path.suffix.lower().lstrip("."), dpi=110, metadata=metadata)
