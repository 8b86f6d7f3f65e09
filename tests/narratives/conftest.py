"""Fixtures for narrative tests: the bundled histories imported once, the plugin host, a render helper."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, OCCITANIE
from transitions_core.history.importer import import_histories
from transitions_core.narrative.build import cohort_view, day_view, territory_view
from transitions_core.narrative.formats import Subject
from transitions_core.narrative.render import render
from transitions_core.plugins import Host, load_host
from transitions_core.store.locations import parse_store
from transitions_core.store.opening import Store, open_store
from transitions_core.timeline.readmodel import TimelineReadModel

GOLDEN = Path(__file__).resolve().parent / "golden"
OCCITANIE_TERRITORIES = (
    "barre-des-cevennes",
    "canohes",
    "frontonnais",
    "le-vigan",
    "montpellier",
    "saint-hilaire-de-brethmas",
    "gruissan",
    "sicoval",
)


def _imported(path: Path, history: Path) -> Iterator[Store]:
    with open_store(parse_store(str(path))) as store:
        import_histories(store.app, [history])
        store.caught_up()
        yield store


@pytest.fixture(scope="session")
def occitanie(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """The Occitanie cohort, imported once for the whole session."""
    for store in _imported(tmp_path_factory.mktemp("occitanie") / "store.sqlite", OCCITANIE):
        yield store.timeline


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TimelineReadModel]:
    """The imaginary cohort of scenarios/exemple-imaginaire.yaml."""
    for store in _imported(tmp_path_factory.mktemp("example") / "store.sqlite", EXAMPLE):
        yield store.timeline


@pytest.fixture(scope="session")
def host() -> Host:
    """The plugins installed with the package, found through their entry points."""
    return load_host()


class Narrator:
    """Render any format of the bundled histories in one call."""

    def __init__(self, host: Host, readmodel: TimelineReadModel, cohort: str) -> None:
        self.host, self.readmodel, self.cohort = host, readmodel, cohort

    def territory(self, fmt: str, territory: str, lang: str = "fr", as_of: date | None = None) -> str:
        """A territory narrated in a format."""
        view = territory_view(self.readmodel, self.cohort, territory, as_of)
        return render(self.host, fmt, view, Subject.TERRITORY, lang)

    def cohort_(
        self,
        fmt: str,
        lang: str = "fr",
        as_of: date | None = None,
        period: tuple[date | None, date | None] = (None, None),
    ) -> str:
        """The cohort narrated in a format (a period digest when `period` is given)."""
        view = cohort_view(self.readmodel, self.cohort, as_of, period)
        subject = Subject.PERIOD if any(period) else Subject.COHORT
        return render(self.host, fmt, view, subject, lang)

    def day(self, fmt: str, day: date, lang: str = "fr") -> str:
        """An in-person day narrated in a format."""
        return render(self.host, fmt, day_view(self.readmodel, self.cohort, day), Subject.DAY, lang)


@pytest.fixture(scope="session")
def occitanie_narrator(host: Host, occitanie: TimelineReadModel) -> Narrator:
    """Narrates the Occitanie cohort."""
    return Narrator(host, occitanie, "occitanie-2024")


@pytest.fixture(scope="session")
def example_narrator(host: Host, example: TimelineReadModel) -> Narrator:
    """Narrates the imaginary cohort."""
    return Narrator(host, example, "val-imaginaire-2026")


def assert_clean_french(text: str) -> None:
    """What no narrative may contain: missing values, doubled spaces, ungrammatical contractions."""
    lowered = text.lower()
    for bad in (
        "none",
        "null",
        "undefined",
        " de le ",
        " de les ",
        " à le ",
        " à les ",
        "  ",
        " ,",
        " .",
        "{{",
        "}}",
    ):
        assert bad not in lowered.replace("\n", " \n"), f"found {bad!r}"
