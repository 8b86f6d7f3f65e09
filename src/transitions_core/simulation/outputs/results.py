"""The results of a sweep: CSV rows, and the French summary (mean and 5-95 % interval per sweep point)."""

from __future__ import annotations

import csv
import io
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transitions_core.errors import TransitionsError
from transitions_core.files import atomic_path, reporting
from transitions_core.simulation.model.outcomes import MEASURES, SUMMARY
from transitions_core.simulation.running.runner import Rows, SweepResult


def cell(value: Any) -> str:
    """A CSV cell: whole numbers without a decimal point, other floats in full (round-trip) precision."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)


def csv_lines(header: Sequence[str], rows: Iterable[dict[str, Any]], writer: Any) -> None:
    """Write the rows to a csv writer, in the columns of `header`."""
    writer.writerows([cell(row[column]) for column in header] for row in rows)


def to_csv(result: SweepResult) -> str:
    """The rows as CSV text, one line per run and sweep point, `\\n` line ends."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(result.header)
    csv_lines(result.header, result.rows, writer)
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


def is_measure(column: str) -> bool:
    """Whether a column is a measure: stored as double whatever was drawn."""
    return column in MEASURES or column.startswith(("effect[", "limit["))


def column_types(header: Sequence[str], samples: Mapping[str, Sequence[Any]]) -> dict[str, Any]:
    """The pyarrow type of each column, inferred from sample values (every distinct value of a column
    that varies); None for a swept value that is a number here, text there (written as text)."""
    pa = require_pyarrow()
    types: dict[str, Any] = {}
    for column in header:
        if is_measure(column):
            types[column] = pa.float64()
            continue
        try:
            types[column] = pa.array(list(samples.get(column, ()))).type
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            types[column] = None
    return types


def table_of(header: Sequence[str], rows: Sequence[dict[str, Any]], types: dict[str, Any]) -> Any:
    """Rows as a pyarrow table of the given column types (None: text)."""
    pa = require_pyarrow()
    arrays = []
    for column in header:
        values = [row[column] for row in rows]
        kind = types[column]
        if kind is None:
            arrays.append(pa.array([cell(value) for value in values], type=pa.string()))
        else:
            arrays.append(pa.array(values, type=kind))
    return pa.table(arrays, names=list(header))


def to_table(result: SweepResult) -> Any:
    """The rows as a pyarrow table: measures as double whatever was drawn, text where a swept value mixes types."""
    samples = {c: [row[c] for row in result.rows] for c in result.header if not is_measure(c)}
    return table_of(result.header, result.rows, column_types(result.header, samples))


#: Rows gathered into one Parquet row group: a few MiB of columns, whatever the number of runs.
ROW_GROUP = 16_384


@contextmanager
def rows_writer(
    path: Path, header: Sequence[str], swept: dict[int, dict[str, Any]]
) -> Iterator[Callable[[Rows], None]]:
    """A function writing rows as they come, CSV or Parquet by `path`'s suffix; the file appears whole when
    the block ends without error, and not at all otherwise (a temporary file is renamed).

    `swept` gives every sweep point's values, so that a Parquet column's type is known before its rows.
    """

    def written(write: Callable[[Rows], None]) -> Callable[[Rows], None]:
        def checked(rows: Rows) -> None:
            with reporting(path):
                write(rows)

        return checked

    with atomic_path(path) as partial, ExitStack() as stack:
        with reporting(path):
            write = stack.enter_context(_opened(partial, header, swept, is_parquet(path)))
        yield written(write)  # what fails in the caller's block is not a failure to write
        with reporting(path):
            stack.close()


@contextmanager
def _opened(
    partial: Path, header: Sequence[str], swept: dict[int, dict[str, Any]], parquet: bool
) -> Iterator[Callable[[Rows], None]]:
    """The writer of the temporary file: Parquet or CSV."""
    if parquet:
        with _parquet_rows(partial, header, swept) as write:
            yield write
    else:
        with partial.open("w", encoding="utf-8") as file:
            writer = csv.writer(file, lineterminator="\n")
            writer.writerow(header)
            yield lambda rows: csv_lines(header, rows, writer)


@contextmanager
def _parquet_rows(
    partial: Path, header: Sequence[str], swept: dict[int, dict[str, Any]]
) -> Iterator[Callable[[Rows], None]]:
    """Rows gathered `ROW_GROUP` at a time into row groups of one Parquet file, as columns meanwhile."""
    import importlib

    pa = require_pyarrow()
    parquet = importlib.import_module("pyarrow.parquet")
    gathered: list[Any] = []
    state: dict[str, Any] = {"writer": None, "types": None}

    def flush() -> None:
        table = pa.concat_tables(gathered).combine_chunks()
        gathered.clear()
        if state["writer"] is None:
            state["writer"] = parquet.ParquetWriter(partial, table.schema)
        state["writer"].write_table(table)

    def write(rows: Rows) -> None:
        if not rows:
            return
        if state["types"] is None:
            # Every value a swept column takes is known now; other columns are the same kind on every row.
            samples = {c: [v[c] for v in swept.values() if c in v] for c in header}
            samples |= {c: [rows[0][c]] for c in header if not samples[c]}
            state["types"] = column_types(header, samples)
        gathered.append(table_of(header, rows, state["types"]))
        if sum(len(table) for table in gathered) >= ROW_GROUP:
            flush()

    try:
        yield write
        if gathered:
            flush()
        if state["writer"] is None:  # no row at all: the empty table
            parquet.write_table(to_table(SweepResult(list(header), [])), partial)
    finally:
        if state["writer"] is not None:
            state["writer"].close()


@dataclass(frozen=True)
class Interval:
    """A measure over the runs of one sweep point."""

    mean: float
    low: float
    high: float


class Distributions:
    """Every run's value of a few measures, per sweep point, as compact arrays of doubles (8 bytes a value).

    What the summary's quantiles and the plot need, without keeping the rows.
    """

    def __init__(self, measures: Iterable[str] = SUMMARY) -> None:
        self.measures = tuple(dict.fromkeys(measures))
        self.points: dict[int, dict[str, array[float]]] = {}

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        """Take the measures of these rows, in their order."""
        for row in rows:
            point = int(row["point"])
            columns = self.points.get(point)
            if columns is None:
                columns = self.points[point] = {key: array("d") for key in self.measures}
            for key in self.measures:
                columns[key].append(float(row[key]))

    def runs(self, point: int) -> int:
        """The number of runs taken at a sweep point."""
        columns = self.points.get(point)
        return len(columns[self.measures[0]]) if columns and self.measures else 0

    @property
    def total(self) -> int:
        """The number of runs taken, all points together."""
        return sum(self.runs(point) for point in self.points)


def summarise(
    source: SweepResult | Distributions, measures: tuple[str, ...] = SUMMARY
) -> dict[int, dict[str, Interval]]:
    """Mean and 5-95 % interval of each measure, per sweep point."""
    import numpy as np

    distributions = distributions_of(source, measures)
    out: dict[int, dict[str, Interval]] = {}
    for point, columns in sorted(distributions.points.items()):
        out[point] = {}
        for key in measures:
            values = np.array(columns[key], dtype=float)
            low, high = np.percentile(values, [5, 95])
            out[point][key] = Interval(float(values.mean()), float(low), float(high))
    return out


def distributions_of(source: SweepResult | Distributions, measures: Iterable[str] = SUMMARY) -> Distributions:
    """The distributions themselves, or those of a result's rows."""
    if isinstance(source, Distributions):
        return source
    distributions = Distributions(measures)
    distributions.add(source.rows)
    return distributions


def french_number(value: float, decimals: int = 1) -> str:
    """`12,5`, `1 204,0`: French decimal comma and thin grouping."""
    text = f"{value:,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return text


def render_summary(
    source: SweepResult | Distributions, swept: dict[int, dict[str, Any]], scenario_id: str = ""
) -> str:
    """The printed table: one block per sweep point, one line per measure, with each mean's Monte Carlo error.

    A point is named by its swept values, or by the scenario's id: a what-if is never « the baseline »."""
    from transitions_core.simulation.outputs.comparison import standard_error

    lines = []
    distributions = distributions_of(source)
    summary = summarise(distributions)
    runs = {p: distributions.runs(p) for p in summary}
    width = max(len(MEASURES[key]) for key in SUMMARY)
    for point, intervals in summary.items():
        values = swept.get(point) or {}
        where = ", ".join(f"{k} = {v}" for k, v in values.items()) or f"scénario {scenario_id}".rstrip()
        title = f"Point {point + 1}/{len(summary)} : {where}" if len(summary) > 1 else where.capitalize()
        lines.append(f"{title} ({runs[point]} tirages)")
        lines.append(f"  {'mesure':<{width}}  {'moyenne':>9}  {'5 %':>7}  {'95 %':>7}  {'erreur MC':>9}")
        for key, interval in intervals.items():
            error = standard_error(distributions.points[point][key])
            lines.append(
                f"  {MEASURES[key]:<{width}}  {french_number(interval.mean):>9}  "
                f"{french_number(interval.low):>7}  {french_number(interval.high):>7}  "
                f"{french_number(error, 2):>9}"
            )
        lines.append("")
    return "\n".join(lines)
