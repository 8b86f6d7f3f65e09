"""Fixtures for narrative plugin authors, loaded by pytest through the `pytest11` entry point.

pytest imports this module in every run where transitions_core is installed, so it imports nothing
heavy at module level: the host, jinja2 and the view models load inside the fixtures that need them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from transitions_core.narrative.views import CohortView, DayView, TerritoryView
    from transitions_core.plugins import Host


class PluginRegistrar:
    """`register_plugin(name, plugin)`: a host with the installed plugins plus the ones given in this test."""

    def __init__(self) -> None:
        self.registered: list[tuple[str, object]] = []
        self.hosts: list[Host] = []

    def __call__(self, name: str, plugin: object, user_dir: Path | None = None) -> Host:
        """Register `plugin` as `name` (its entry-point name) and return a fresh host that includes it."""
        from transitions_core.plugins import DISABLE_VAR, load_host

        self.registered.append((name, plugin))
        # An installed copy of the same plugin would be registered twice: the object given here wins.
        previous = os.environ.get(DISABLE_VAR)
        blocked = [n for n in (previous or "").split(",") if n.strip()] + [n for n, _ in self.registered]
        os.environ[DISABLE_VAR] = ",".join(blocked)
        try:
            host = load_host(extra=list(self.registered), user_dir=user_dir)
        finally:
            if previous is None:
                del os.environ[DISABLE_VAR]
            else:
                os.environ[DISABLE_VAR] = previous
        self.hosts.append(host)
        return host

    def unregister_all(self) -> None:
        """Take every plugin given in this test out of the hosts built for it."""
        for host in self.hosts:
            for name, _ in self.registered:
                if host.manager.has_plugin(name):
                    host.manager.unregister(name=name)
        self.registered.clear()
        self.hosts.clear()


@pytest.fixture
def narrative_host() -> Host:
    """The plugin host with every installed plugin, found through the `transitions_core` entry points."""
    from transitions_core.plugins import load_host

    return load_host()


@pytest.fixture
def register_plugin() -> Iterator[PluginRegistrar]:
    """Register a plugin object for this test only: `host = register_plugin("haiku", transitions_haiku)`."""
    registrar = PluginRegistrar()
    yield registrar
    registrar.unregister_all()


@pytest.fixture
def sample_territory_view() -> TerritoryView:
    """Les Aubiers, an imaginary commune, with a pilot project, effects, limits, quotes and viewpoints."""
    from transitions_core.testing.samples import sample_territory_view as build

    return build()


@pytest.fixture
def sample_cohort_view() -> CohortView:
    """The imaginary cohort of Les Aubiers."""
    from transitions_core.testing.samples import sample_cohort_view as build

    return build()


@pytest.fixture
def sample_day_view() -> DayView:
    """The imaginary cohort's first in-person day, with its poem."""
    from transitions_core.testing.samples import sample_day_view as build

    return build()


@pytest.fixture
def golden_dir(request: pytest.FixtureRequest) -> Path:
    """Where golden files live: `golden/` beside the test module (override this fixture to move them)."""
    return Path(request.path).parent / "golden"


@pytest.fixture
def golden(golden_dir: Path) -> Callable[[str, str], None]:
    """`golden(text, "haiku/les-aubiers.txt")`: assert_golden against a file under `golden_dir`."""
    from transitions_core.testing.golden import assert_golden

    def check(text: str, name: str) -> None:
        assert_golden(text, golden_dir / name)

    return check
