"""The whole-process benchmarks measure what they say: the baseline's modules, and a process tree's peak memory."""

from __future__ import annotations

import subprocess
import sys

from benchmarks.bench_memory import runner
from benchmarks.bench_process import baseline_command, dependencies, imported

MIB = 2**20
ALLOCATE = "import time; block = bytearray({size} * 2**20); time.sleep(0.5)"


def test_the_baseline_imports_third_party_modules_only_once_each_and_none_of_ours() -> None:
    loaded = [
        ("sitecustomize", 10),
        ("json", 10),
        ("pydantic", 10),
        ("transitions_core.domain.events", 10),
        ("transitions_narratives.poem", 10),
        ("pydantic", 10),
        ("jinja2.environment", 10),
        ("_decimal", 10),
    ]

    assert dependencies(loaded) == ["pydantic", "jinja2.environment"]


def test_the_baseline_loads_the_modules_it_is_given_and_tolerates_the_absent_ones() -> None:
    command = baseline_command(["pluggy", "no_such_module_anywhere"])
    probe = [*command[:-1], command[-1] + "\nimport sys; print('pluggy' in sys.modules)"]

    done = subprocess.run(probe, capture_output=True, text=True, check=True)

    assert done.stdout.strip() == "True"
    assert "transitions_core" in {m for m, _ in imported(command)}


def test_the_peak_of_one_process_is_at_least_what_it_allocated() -> None:
    measured = runner([sys.executable, "-c", ALLOCATE.format(size=60)])

    assert measured["processes"] == 1
    assert measured["tree"] >= 60 * MIB
    assert measured["tree"] >= measured["largest"] >= 60 * MIB


def test_the_peak_of_a_tree_counts_its_children() -> None:
    child = ALLOCATE.format(size=40)
    parent = (
        "import subprocess, sys, time; block = bytearray(30 * 2**20); "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    )

    measured = runner([sys.executable, "-c", parent])

    assert measured["processes"] == 2
    assert measured["tree"] >= 70 * MIB
    assert measured["tree"] > measured["largest"]
