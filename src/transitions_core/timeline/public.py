"""What a public output may read: the history without its confidential entries.

An entry is confidential when it says so, when a later correction marks it (the last mark wins), or when
one of its corrections is itself confidential: a public output must show neither that correction's new
values nor the value it corrected, which is known to be wrong. Corrections and retractions of a hidden
entry are hidden with it, since they name it and give its values. The cohort's opening and the
territories' registrations stay: every public narrative shows the profiles they hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from transitions_core.timeline.readmodel import Row, TimelineReadModel
from transitions_core.timeline.view import CORRECTION, RETRACTION

#: Entries every view is built on: their facts are the cohort's and territories' profiles.
STRUCTURAL = frozenset({"cohort_opened", "territory_registered"})


def hidden_entries(rows: Iterable[Row]) -> set[str]:
    """The keys of the entries a public output leaves out, among `rows` (a whole cohort, in recording order)."""
    marked: dict[str, bool] = {}
    tainted: set[str] = set()
    kinds: dict[str, str] = {}
    records: list[tuple[str, str]] = []  # (correction or retraction, the entry it aims at)
    for row in rows:
        kinds[row.entry] = row.type
        confidential = bool(row.facts.get("confidential", False))
        if row.type not in (CORRECTION, RETRACTION):
            marked[row.entry] = confidential
            continue
        target = str(row.facts.get("target", ""))
        records.append((row.entry, target))
        if confidential:
            marked[row.entry] = True
            tainted.add(target)
        elif row.type == CORRECTION and "confidential" in (row.facts.get("changes") or {}):
            marked[target] = bool(row.facts["changes"]["confidential"])
    hidden = {entry for entry, secret in marked.items() if secret} | tainted
    hidden = {entry for entry in hidden if kinds.get(entry) not in STRUCTURAL}
    hidden |= {record for record, target in records if target in hidden}
    return hidden


class PublicReadModel(TimelineReadModel):
    """The same read model, whose rows leave out what `hidden_entries` hides: every view built on it is public."""

    def __init__(self, readmodel: TimelineReadModel) -> None:
        super().__init__(readmodel.source, readmodel.db, readmodel.key)
        self._hidden: dict[str, set[str]] = {}
        self._reading_all = False

    def hidden(self, cohort: str) -> set[str]:
        """The entries of a cohort that public outputs leave out."""
        if cohort not in self._hidden:
            self._reading_all = True
            try:
                self._hidden[cohort] = hidden_entries(TimelineReadModel.rows(self, cohort))
            finally:
                self._reading_all = False
        return self._hidden[cohort]

    def _rows(self, query: str, params: Sequence[Any]) -> Iterator[Row]:
        rows = super()._rows(query, params)
        if self._reading_all:
            yield from rows
            return
        for row in rows:
            if row.entry not in self.hidden(row.cohort):
                yield row
