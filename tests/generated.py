"""Histories written by the tests: a small cohort to race on, and large ones to interrupt."""

from __future__ import annotations

from pathlib import Path

RACE_COHORT = "course-2026"
#: Territory whose findings any number of writers may add.
OPEN = "ouvert"
#: Territory whose accompaniment days are capped by the cohort's budget.
CAPPED = "borne"


def race_base(path: Path, budget: int) -> Path:
    """A cohort with two engaged territories, the first with its diagnostic under way."""
    territories = "".join(
        f"  - id: {slug}\n    name: {slug.capitalize()}\n    article: le\n    gender: m\n    kind: commune\n"
        for slug in (OPEN, CAPPED)
    )
    entries = "".join(
        f"  - date: 2026-02\n    type: territory_joined\n    territory: {slug}\n" for slug in (OPEN, CAPPED)
    )
    entries += f"  - date: 2026-03\n    type: diagnostic_started\n    territory: {OPEN}\n"
    path.write_text(
        f"kind: history\ncohort:\n  id: {RACE_COHORT}\n  name: Course\n  region: Nulle part\n"
        f"  opened: 2026-01\n  pilot_days_budget: {budget}\n"
        f"territories:\n{territories}entries:\n{entries}",
        encoding="utf-8",
    )
    return path


def finding(path: Path, key: str) -> Path:
    """One more finding on the open territory, under its own id."""
    path.write_text(
        f"kind: history\ncohort: {RACE_COHORT}\nentries:\n"
        f"  - date: 2026-04\n    id: {key}\n    type: finding_recorded\n    territory: {OPEN}\n"
        f"    kind: strength\n    summary: constat {key}\n",
        encoding="utf-8",
    )
    return path


def day_spent(path: Path, key: str) -> Path:
    """One accompaniment day on the capped territory, under its own id."""
    path.write_text(
        f"kind: history\ncohort: {RACE_COHORT}\nentries:\n"
        f"  - date: 2026-05\n    id: {key}\n    type: accompaniment_days_spent\n    territory: {CAPPED}\n"
        "    days: 1\n",
        encoding="utf-8",
    )
    return path


def large_history(path: Path, cohort: str, territories: int, findings: int) -> tuple[Path, int]:
    """A cohort of many territories with many findings each; returns the file and how many events it makes."""
    lines = [
        "kind: history",
        "cohort:",
        f"  id: {cohort}",
        f"  name: Cohorte {cohort}",
        "  region: Grande",
        "  opened: 2026-01",
        "territories:",
    ]
    for t in range(territories):
        lines += [
            f"  - id: t{t}",
            f"    name: Territoire {t}",
            "    article: le",
            "    gender: m",
            "    kind: commune",
        ]
    lines.append("entries:")
    for t in range(territories):
        lines += [f"  - date: 2026-02\n    type: territory_joined\n    territory: t{t}"]
        lines += [f"  - date: 2026-03\n    type: diagnostic_started\n    territory: t{t}"]
        for f in range(findings):
            lines += [
                f"  - date: 2026-04\n    id: f{f}\n    type: finding_recorded\n    territory: t{t}\n"
                f"    kind: tension\n    summary: constat {f} du territoire {t}"
            ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, 1 + territories * (3 + findings)
