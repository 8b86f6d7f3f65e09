"""The read side of `store check`: every read-model row decodes, and every cohort and territory reads as a command reads it."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from transitions_core.timeline.view import CohortEntries, corrected_entries, profile_of_cohort, timeline_of

if TYPE_CHECKING:
    from transitions_core.store.checking import CheckReport
    from transitions_core.timeline.readmodel import TimelineReadModel

#: Rows read at a time: memory stays flat whatever the store's size.
PAGE = 1000
#: Problems of one kind listed before the rest are only counted.
SHOWN = 10


def check_rows(readmodel: TimelineReadModel, report: CheckReport) -> int:
    """Decode every row of the read model as a read command would; returns how many did not decode."""
    failed = 0
    position = -(2**62)
    while page := readmodel.rows_after(position, PAGE):
        for position, entry, facts in page:
            try:
                _, decoded = readmodel.decode(entry, facts)
                str(decoded["occurred"])
            except Exception as error:  # whatever the damage, it is reported, not raised
                failed += 1
                if failed <= SHOWN:
                    report.problem(
                        f"la ligne n°{position} de la vue chronologique ne se lit pas : {_reason(error)}"
                    )
    if failed:
        others = f" (et {failed - SHOWN} autres)" if failed > SHOWN else ""
        report.problem(
            f"la vue chronologique se reconstruit depuis le journal{others} : supprimez sa table "
            "(DROP TABLE timeline_entries), puis relancez une commande"
        )
    return failed


def check_reads(readmodel: TimelineReadModel, report: CheckReport) -> int:
    """Read each cohort and each of its territories as the commands do; returns how many did not read."""
    failures: list[str] = []
    territories: dict[str, list[str]] = defaultdict(list)
    for row in readmodel.aggregates(kind="territory"):
        territories[row.cohort].append(row.territory or "")
    for cohort_row in readmodel.aggregates(kind="cohort"):
        cohort = cohort_row.cohort
        try:  # what `cohort`, `stats` and `export` read
            entries = corrected_entries(readmodel.rows(cohort))
            shared = CohortEntries(e for e in entries if e.scope == "cohort")
            profile_of_cohort(cohort, shared.entries)
        except Exception as error:  # a read command would fail here: a finding, not a crash
            failures.append(f"la cohorte {cohort} ne se lit pas : {_reason(error)}")
            continue
        for territory in territories[cohort]:
            try:  # what `replay` reads
                timeline_of(territory, [e for e in entries if e.territory == territory], shared)
            except Exception as error:
                failures.append(f"le territoire {territory} ({cohort}) ne se lit pas : {_reason(error)}")
    for failure in failures[:SHOWN]:
        report.problem(failure)
    if len(failures) > SHOWN:
        report.problem(f"… et {len(failures) - SHOWN} autres cohortes ou territoires qui ne se lisent pas")
    return len(failures)


def _reason(error: Exception) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if isinstance(error, StopIteration):
        text = "une entrée indispensable manque (la cohorte ou l'enregistrement du territoire)"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
