"""A read model cut at a day: only what had certainly happened by then, as `stats --as-of` counts it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from transitions_core.domain.dates import PartialDate
from transitions_core.timeline.readmodel import Row, TimelineReadModel
from transitions_core.timeline.stats import ALWAYS_KEPT


class OccurredBy(TimelineReadModel):
    """The same read model, whose rows are only those that certainly occurred by `day` (and the registrations)."""

    def __init__(self, base: TimelineReadModel, day: date) -> None:
        self.__dict__.update(base.__dict__)
        self.day = day

    def _kept(self, rows: Iterator[Row]) -> Iterator[Row]:
        for row in rows:
            if row.type in ALWAYS_KEPT or PartialDate(row.occurred).certainly_by(self.day):
                yield row

    def rows(self, cohort: str, territory: str | None = None, cohort_level: bool = True) -> Iterator[Row]:
        """The rows of `TimelineReadModel.rows` that had happened by the day."""
        return self._kept(super().rows(cohort, territory, cohort_level))

    def cohort_level_rows(self, cohort: str, types: Sequence[str] = ()) -> Iterator[Row]:
        """The rows of `TimelineReadModel.cohort_level_rows` that had happened by the day."""
        return self._kept(super().cohort_level_rows(cohort, types))
