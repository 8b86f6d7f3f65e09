"""Fuzz the history and scenario loaders: whatever the bytes, the outcome is a success or a located HistoryFileError."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLE, SCENARIOS
from transitions_core.history.errors import HistoryFileError
from transitions_core.history.importer import import_histories
from transitions_core.simulation.scenario.loading import load_scenario
from transitions_core.store.application import TransitionsApplication

#: TRANSITIONS_FUZZ_EXAMPLES=5000 for a long hunt; CI runs the default.
FUZZ = settings(
    max_examples=int(os.environ.get("TRANSITIONS_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
HISTORY_LINES = EXAMPLE.read_text(encoding="utf-8").splitlines()
SCENARIO_LINES = (SCENARIOS / "baseline-occitanie.yaml").read_text(encoding="utf-8").splitlines()

#: Words the loaders look for, so that random structures reach past the first checks.
KEYS = [
    "kind", "cohort", "territories", "entries", "id", "name", "region", "opened", "date", "type",
    "territory", "number", "count", "days", "kind", "quotes", "text", "speaker", "corrects", "set",
    "retracts", "reason", "theme", "place", "attendance", "low", "high", "article", "gender",
]  # fmt: skip
WORDS = [
    "history", "simulation", "val-imaginaire-2026", "les-aubiers", "territory_joined", "in_person_day_held",
    "correction", "retraction", "cohort_opened", "2026-02", "2026-13-45", "2026-23", "2027-02/2027-04",
    "commune", "intention", "feasibility", "m", "f",
]  # fmt: skip

scalars = st.one_of(
    st.sampled_from(WORDS),
    st.text(max_size=20),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)
structures = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=8)), inner, max_size=6),
    ),
    max_leaves=40,
)


def as_history(data: Any) -> str:
    """A document that at least starts like a history, so the fuzz gets past `kind`."""
    if isinstance(data, dict):
        data = {"kind": "history", **data}
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def mutated(lines: list[str], edits: list[tuple[int, int, str]]) -> str:
    """Lines deleted, duplicated, swapped, re-indented or overwritten."""
    out = list(lines)
    for operation, position, text in edits:
        if not out:
            break
        index = position % len(out)
        if operation == 0:
            del out[index]
        elif operation == 1:
            out.insert(index, out[index])
        elif operation == 2:
            out[index], out[-1 - index] = out[-1 - index], out[index]
        elif operation == 3:
            out[index] = " " + out[index]
        elif operation == 4:
            out[index] = out[index].lstrip()
        elif operation == 5:
            key, colon, _ = out[index].partition(":")
            out[index] = f"{key}{colon} {text}" if colon else text
        else:
            out.insert(index, text)
    return "\n".join(out) + "\n"


edits = st.lists(
    st.tuples(
        st.integers(0, 6), st.integers(0, 10_000), st.one_of(st.sampled_from(WORDS), st.text(max_size=15))
    ),
    min_size=1,
    max_size=4,
)


def load_history(data: bytes) -> None:
    """Import `data` as a file into a fresh store; only a located HistoryFileError may come out."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        app = TransitionsApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        try:
            import_histories(app, [path])
        except HistoryFileError as error:
            assert_located(error, path)
            assert app.recorder.max_notification_id() in (None, 0)  # nothing written
        finally:
            app.close()


def load_a_scenario(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(data)
        try:
            load_scenario(path)
        except HistoryFileError as error:
            assert_located(error, path)


def assert_located(error: HistoryFileError, path: Path) -> None:
    assert error.path == path
    assert isinstance(error.line, int) and error.line >= 1, str(error)
    assert str(error).startswith(f"{path}:{error.line}: ")
    # One sentence on one line; only the fix's example, when there is one, follows on indented lines.
    first, *rest = str(error).split("\n")
    assert first.strip() and "Traceback" not in first, str(error)
    assert all(line.startswith("    ") for line in rest), str(error)
    assert bool(rest) == bool(error.example), str(error)


@FUZZ
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    load_history(data)


@FUZZ
@given(structures)
def test_random_yaml_structures(data: Any) -> None:
    load_history(as_history(data).encode())


@FUZZ
@given(edits)
def test_a_mutated_history(changes: list[tuple[int, int, str]]) -> None:
    load_history(mutated(HISTORY_LINES, changes).encode("utf-8", "surrogatepass"))


@FUZZ
@given(edits)
def test_a_mutated_scenario(changes: list[tuple[int, int, str]]) -> None:
    load_a_scenario(mutated(SCENARIO_LINES, changes).encode("utf-8", "surrogatepass"))


@FUZZ
@given(structures)
def test_random_scenario_structures(data: Any) -> None:
    if isinstance(data, dict):
        data = {"kind": "simulation", **data}
    load_a_scenario(yaml.safe_dump(data, allow_unicode=True).encode())
