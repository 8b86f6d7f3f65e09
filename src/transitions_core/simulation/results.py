"""The results of a sweep: CSV rows, and the French summary (mean and 5-95 % interval per sweep point)."""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.simulation.outcomes import MEASURES, SUMMARY
from transitions_core.simulation.runner import SweepResult


def cell(value: Any) -> str:
    """A CSV cell: whole numbers without a decimal point, other floats in full (round-trip) precision."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def to_csv(result: SweepResult) -> str:
    """The rows as CSV text, one line per run and sweep point, `\\n` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.header)
    for row in result.rows:
        writer.writerow([cell(row[column]) for column in result.header])
    return out.getvalue()


PARQUET_SUFFIXES = (".parquet", ".pq")
PARQUET_INSTALL = "pip install 'transitions-core[parquet]'"


def is_parquet(path: Path) -> bool:
    """Whether `--out` asks for Parquet (by its suffix); anything else is CSV."""
    return path.suffix.lower() in PARQUET_SUFFIXES


def require_pyarrow() -> Any:
    """The `pyarrow` module, or a French error saying how to install it."""
    import importlib

    try:
        pyarrow = importlib.import_module("pyarrow")  # no type stubs: an import statement would fail mypy
    except ImportError:
        raise TransitionsError(
            f"Écrire du Parquet demande pyarrow : {PARQUET_INSTALL} (ou un fichier --out en .csv)."
        ) from None
    return pyarrow


def to_table(result: SweepResult) -> Any:
    """The rows as a pyarrow table: measures as double whatever was drawn, text where a swept value mixes types."""
    pa = require_pyarrow()
    arrays = []
    for column in result.header:
        values = [row[column] for row in result.rows]
        measure = column in MEASURES or column.startswith(("effect[", "limit["))
        try:
            arrays.append(pa.array(values, type=pa.float64() if measure else None))
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # a swept value that is a number here, text there
            arrays.append(pa.array([cell(value) for value in values], type=pa.string()))
    return pa.table(arrays, names=result.header)


def write_rows(result: SweepResult, path: Path) -> None:
    """Write the rows as CSV, or Parquet for a `.parquet` file; whole or not at all (a temporary file is renamed)."""
    partial = path.with_name(f".{path.name}.partiel")
    try:
        if is_parquet(path):
            import importlib

            table = to_table(result)
            importlib.import_module("pyarrow.parquet").write_table(table, partial)
        else:
            partial.write_text(to_csv(result), encoding="utf-8")
        os.replace(partial, path)
    except OSError as error:
        raise TransitionsError(f"Impossible d'écrire {path} : {error.strerror or error}.") from None
    finally:
        partial.unlink(missing_ok=True)


@dataclass(frozen=True)
class Interval:
    """A measure over the runs of one sweep point."""

    mean: float
    low: float
    high: float


def summarise(result: SweepResult, measures: tuple[str, ...] = SUMMARY) -> dict[int, dict[str, Interval]]:
    """Mean and 5-95 % interval of each measure, per sweep point."""
    import numpy as np

    points: dict[int, list[dict[str, Any]]] = {}
    for row in result.rows:
        points.setdefault(int(row["point"]), []).append(row)
    out: dict[int, dict[str, Interval]] = {}
    for point, rows in sorted(points.items()):
        out[point] = {}
        for key in measures:
            values = np.array([float(row[key]) for row in rows])
            low, high = np.percentile(values, [5, 95])
            out[point][key] = Interval(float(values.mean()), float(low), float(high))
    return out


def french_number(value: float, decimals: int = 1) -> str:
    """`12,5`, `1 204,0`: French decimal comma and thin grouping."""
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text


def render_summary(result: SweepResult, swept: dict[int, dict[str, Any]]) -> str:
    """The printed table: one block per sweep point, one line per measure."""
    lines = []
    summary = summarise(result)
    runs = {p: sum(1 for row in result.rows if row["point"] == p) for p in summary}
    width = max(len(MEASURES[key]) for key in SUMMARY)
    for point, intervals in summary.items():
        values = swept.get(point) or {}
        where = ", ".join(f"{k} = {v}" for k, v in values.items()) or "scénario de base"
        title = f"Point {point + 1}/{len(summary)} : {where}" if len(summary) > 1 else where.capitalize()
        lines.append(f"{title} ({runs[point]} tirages)")
        lines.append(f"  {'mesure':<{width}}  {'moyenne':>9}  {'5 %':>7}  {'95 %':>7}")
        for key, interval in intervals.items():
            lines.append(
                f"  {MEASURES[key]:<{width}}  {french_number(interval.mean):>9}  "
                f"{french_number(interval.low):>7}  {french_number(interval.high):>7}"
            )
        lines.append("")
    return "\n".join(lines)
