"""An import killed (SIGKILL) at random moments leaves none or all of itself, and the next one completes.

Half the kills fall anywhere in the command's life; the other half inside its save, aimed with the
markers that `marked_import.py` prints around it.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from tests.conftest import ROOT
from tests.e2e.test_cli import invoke
from tests.generated import large_history
from tests.integration.marked_import import SAVED, SAVING
from tests.stores import backend, count_events

KILLS = int(os.environ.get("TRANSITIONS_KILL_ROUNDS", "6"))
TERRITORIES, FINDINGS = 12, 40


def start_import(address: str, path: Path) -> subprocess.Popen[str]:
    """The import, in a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.integration.marked_import", "--store", address, "import", str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(process: subprocess.Popen[str], marker: str) -> None:
    """Read the child's output until `marker` (the child flushes each marker line)."""
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == marker:
            return
    raise AssertionError(f"no {marker} from the import: {process.stderr.read() if process.stderr else ''}")


def test_an_import_killed_at_any_moment_leaves_none_or_all_of_it(store_address, tmp_path):
    seed = int(os.environ.get("TRANSITIONS_KILL_SEED", str(random.randrange(10**6))))
    rng = random.Random(seed)
    files = [
        large_history(tmp_path / f"c{i}.yaml", f"grande-{i}", TERRITORIES, FINDINGS) for i in range(KILLS + 1)
    ]

    # An uninterrupted import first, to learn how long the whole command and its save take.
    began = time.monotonic()
    calibration = start_import(store_address, files[0][0])
    wait_for(calibration, SAVING)
    saving = time.monotonic()
    wait_for(calibration, SAVED)
    save_time = time.monotonic() - saving
    assert calibration.wait(timeout=120) == 0
    whole_time = time.monotonic() - began
    expected = files[0][1]
    assert count_events(store_address) == expected

    outcomes: Counter[str] = Counter()
    unfinished = []
    for path, events in files[1:]:
        process = start_import(store_address, path)
        if rng.random() < 0.5:
            time.sleep(rng.uniform(0, whole_time))
            aim = "anywhere"
        else:
            wait_for(process, SAVING)
            time.sleep(rng.uniform(0, 1.2 * save_time))  # some just after the commit
            aim = "in the save"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        found = count_events(store_address)
        assert found in (expected, expected + events), f"seed {seed}: a partial import ({found} events)"
        kept = found == expected + events
        if not kept:
            unfinished.append(path)
        outcomes[f"{aim}: {'all' if kept else 'none'}"] += 1
        expected = found

    print(f"\n{backend(store_address)}: {KILLS} kills (seed {seed}), {dict(outcomes)}, save {save_time:.2f}s")
    if unfinished:
        again = invoke(store_address, "import", *(str(path) for path in unfinished))
        assert again.exit_code == 0, again.output
    assert count_events(store_address) == sum(events for _, events in files)
    check = invoke(store_address, "store", "check")
    assert check.exit_code == 0, check.output
    assert "ni manque ni doublon" in check.output
