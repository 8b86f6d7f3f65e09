"""Read commands stay light: each imports none of the modules on its forbidden list (issue 16).

Cheaper and steadier than a timing: a module that creeps back into a read command's imports (the
eventsourcing application, the ~60 event classes, edtf's grammar, another command's module) fails
here, whatever the machine's load. Each command runs in a fresh process on the Occitanie store.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import OCCITANIE
from transitions_core.cli.app import COMMAND_MODULES

PROBE = """
import json, sys
from transitions_core.cli.main import main
sys.argv = ["transitions", *json.loads(sys.argv[1])]
try:
    main()
except SystemExit as done:
    if done.code not in (0, None):
        raise
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""

#: What no read command needs: building or writing events, parsing dates with a grammar, simulating.
NEVER = (
    "edtf",
    "pyparsing",
    "dateutil",
    "simpy",
    "transitions_core.simulation",
    "transitions_core.history.importer",
    "transitions_core.history.session",
    "transitions_core.history.yaml_reader",
    "transitions_core.domain.aggregate",
    "transitions_core.domain.territory",
    "transitions_core.domain.cohort",
)
#: The event store's application and the event classes: only `events`, which prints the log itself, reads them.
EVENT_STORE = (
    "eventsourcing.application",
    "eventsourcing.domain",
    "transitions_core.store.application",
    "transitions_core.store.snapshots",
    "transitions_core.domain.events",
)
#: What a narrative needs and a listing does not.
NARRATIVE = ("jinja2", "pluggy", "transitions_narratives", "transitions_core.plugins", "yaml")
#: The writers of the formats a command does not render: the plugins register their filters lazily.
NEWSLETTER_WRITERS = ("transitions_narratives.newsletter_text", "transitions_narratives.plans.newsletter")
OTHER_WRITERS = (
    *NEWSLETTER_WRITERS,
    "transitions_narratives.digest",
    "transitions_narratives.report_parts",
    "transitions_narratives.sentences_en",
)
#: The templates' environment and sandbox: a format rendered in Python (timeline, json) never builds them.
TEMPLATES = ("transitions_core.narrative.environment", "transitions_core.narrative.sandbox")
#: What validating a model would load: pydantic's plugin loader (it scans every installed distribution)
#: runs when the first schema is built. A read builds its views without validating (`timeline/trusted.py`).
VALIDATION = ("pydantic.plugin._loader",)
#: What the listings, `events` and the figures no longer need: pydantic itself (profiles read from their
#: rows, `timeline/profiles.py`; the log by SQL, `store/plain_log.py`) and the narrative's people.
PYDANTIC = ("pydantic", "transitions_core.narrative.audience", "transitions_core.narrative.people")
#: A warm run reads the wording and the lexicon from the cache (`narrative/data_cache.py`); French numbers,
#: lists and months are written without Babel's data (`text/french.py`); the plugins' entry points come from
#: the cache too (`plugin_discovery.py`), so `importlib.metadata` is not read.
WARM = ("yaml", "babel", "importlib.metadata")

READS = {
    "replay": (["replay", "gruissan"], NEVER + EVENT_STORE + OTHER_WRITERS + TEMPLATES + VALIDATION + WARM),
    # The timeline's words are jinja2 phrasings (wording.py); the json format formats no words, dates nor numbers.
    "replay --format json": (
        ["replay", "gruissan", "--format", "json"],
        (*NEVER, *EVENT_STORE, *OTHER_WRITERS, *TEMPLATES, *VALIDATION, "jinja2", "yaml", "babel"),
    ),
    "territories": (["territories"], NEVER + EVENT_STORE + NARRATIVE + PYDANTIC),
    "territories --json": (["territories", "--json"], NEVER + EVENT_STORE + NARRATIVE + PYDANTIC),
    "cohorts": (["cohorts"], NEVER + EVENT_STORE + NARRATIVE + PYDANTIC),
    "cohorts --json": (["cohorts", "--json"], NEVER + EVENT_STORE + NARRATIVE + VALIDATION),
    # The log of a plain SQLite store, read by SQL (`store/plain_log.py`).
    "events": (["events", "gruissan"], NEVER + NARRATIVE + EVENT_STORE + VALIDATION + PYDANTIC),
    "stats": (
        ["stats", "occitanie-2024"],
        (*NEVER, *EVENT_STORE, *NARRATIVE, *VALIDATION, *WARM, "transitions_core.narrative.audience"),
    ),
    "info": (["info"], (*NEVER, *EVENT_STORE, *NARRATIVE, "pydantic", "babel")),
    "report": (
        ["cohort", "occitanie-2024", "--format", "report"],
        (
            *NEVER,
            *EVENT_STORE,
            *NEWSLETTER_WRITERS,
            *VALIDATION,
            *WARM,
            "transitions_narratives.sentences_en",
        ),
    ),
    "newsletter": (
        ["cohort", "occitanie-2024", "--format", "newsletter"],
        NEVER + EVENT_STORE + VALIDATION + WARM,
    ),
    "help": (["replay", "--help"], (*NEVER, *EVENT_STORE, *NARRATIVE, "pydantic", "babel", "sqlite3")),
}


@pytest.fixture(scope="module")
def occitanie(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Occitanie history imported into a fresh store, its read model caught up.

    The first read after a write projects the new events, and builds the application to read them:
    that one pays for it, the next ones do not.
    """
    path = tmp_path_factory.mktemp("read-imports") / "store.sqlite"
    # The warm-up fills the cache of the wording, the lexicon and the compiled templates, as a user's first runs do.
    warm_up = (
        ["cohort", "occitanie-2024", "--format", "newsletter"],
        ["cohort", "occitanie-2024", "--format", "report"],
    )
    for words in (["import", str(OCCITANIE)], ["cohorts"], ["replay", "gruissan"], *warm_up):
        done = subprocess.run(
            [sys.executable, "-c", PROBE, json.dumps(["--store", str(path), *words])],
            capture_output=True,
            text=True,
            env=environment(),
        )
        assert done.returncode == 0, done.stderr
    return path


CACHE: dict[str, str] = {}


def environment() -> dict[str, str]:
    """The processes' environment: no store nor key from outside, and a cache folder of this module's own."""
    if not CACHE:
        import tempfile

        CACHE["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="read-imports-cache-")
    drop = ("TRANSITIONS_STORE", "TRANSITIONS_CIPHER_KEY", "TRANSITIONS_NARRATIVES_DIR")
    return {k: v for k, v in os.environ.items() if k not in drop} | CACHE


def loaded(store: Path, words: list[str]) -> set[str]:
    """The modules a fresh `transitions --store STORE WORDS…` process had imported when it ended."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(["--store", str(store), *words])],
        capture_output=True,
        text=True,
        env=environment(),
    )
    assert done.returncode == 0, done.stderr
    return set(json.loads(done.stderr.splitlines()[-1]))


def forbidden_in(modules: set[str], forbidden: tuple[str, ...]) -> list[str]:
    """The modules of `modules` that are, or are under, a name of `forbidden`."""
    return sorted(m for m in modules if any(m == f or m.startswith(f + ".") for f in forbidden))


@pytest.mark.parametrize("read", list(READS))
def test_a_read_command_imports_nothing_on_its_forbidden_list(occitanie: Path, read: str) -> None:
    words, forbidden = READS[read]
    modules = loaded(occitanie, words)

    assert forbidden_in(modules, forbidden) == []
    own = COMMAND_MODULES[words[0]]
    others = {f"transitions_core.cli.{m}" for m in COMMAND_MODULES.values() if m != own}
    assert sorted(modules & others) == []  # no other command's module


def test_the_check_can_fail(occitanie: Path, tmp_path: Path) -> None:
    # `events --json` prints every field of the stored events: it does build the application and validate
    # them, and the lists catch it.
    assert forbidden_in(loaded(occitanie, ["events", "gruissan", "--json"]), EVENT_STORE)
    assert forbidden_in(loaded(occitanie, ["events", "gruissan", "--json"]), VALIDATION)
    # A public replay validates the people it renames: the plugin loader is caught.
    assert forbidden_in(loaded(occitanie, ["replay", "gruissan", "--audience", "public"]), VALIDATION)
    # So does the first read of a store whose read model is behind the log.
    behind = tmp_path / "behind.sqlite"
    assert loaded(behind, ["import", str(OCCITANIE)])
    assert forbidden_in(loaded(behind, ["replay", "gruissan"]), EVENT_STORE)
