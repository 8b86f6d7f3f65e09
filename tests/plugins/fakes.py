"""Installed-looking plugin distributions, written on the fly: a dist-info with an entry point, and its module."""

from __future__ import annotations

from pathlib import Path

import pytest


def install_fake_plugin(
    monkeypatch: pytest.MonkeyPatch, root: Path, name: str, module: str, source: str, version: str = "9.9"
) -> None:
    """Make `importlib.metadata` find a distribution whose `transitions_core` entry point `name` is `module`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / f"{module}.py").write_text(source, encoding="utf-8")
    info = root / f"{module}-{version}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {module}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(f"[transitions_core]\n{name} = {module}\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))


RAISES_ON_IMPORT = """
raise ImportError("the haiku engine needs a module that is not installed")
"""

RAISES_ON_RENDER = """
from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject


@hookimpl
def register_formats(register):
    register(Format(name="explosive", description="Always fails.", subjects=(Subject.TERRITORY,)))


@hookimpl
def render_narrative(format, view, options):
    if format.name == "explosive":
        raise RuntimeError("the fuse was lit")
    return None
"""

RAISES_ON_REGISTER = """
from transitions_core import hookimpl


@hookimpl
def register_formats(register):
    raise ValueError("no format today")
"""


def claims(fmt: str) -> str:
    """The source of a plugin that registers a format called `fmt`."""
    return f"""
from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject


@hookimpl
def register_formats(register):
    register(Format(name={fmt!r}, description="A twin.", subjects=(Subject.TERRITORY,)))
"""


RAISES_IN_TEMPLATE_HOOKS = """
from transitions_core import hookimpl
from transitions_core.narrative.formats import Format, Subject


@hookimpl
def register_formats(register):
    register(Format(name="leaky", description="Its folders are lost.", subjects=(Subject.TERRITORY,)))


@hookimpl
def template_dirs():
    raise OSError("templates folder vanished")


@hookimpl
def template_filters():
    raise KeyError("shout")
"""

RAISES_FOR_EVERY_FORMAT = """
from transitions_core import hookimpl


@hookimpl
def render_narrative(format, view, options):
    raise ZeroDivisionError("forgot to check the format's name")
"""


TWO_FORMATS_THEN_BROKEN = """
from transitions_core.plugin_api import Format, Subject, hookimpl


@hookimpl
def register_formats(register):
    register(Format(name="haiku2", description="A haiku.", subjects=(Subject.TERRITORY,)))
    register(Format(name="chronique", description="A chronicle.", subjects=(Subject.TERRITORY,)))


@hookimpl
def template_filters():
    raise LookupError("the chronicle's dictionary is missing")
"""

FAILS_WHEN_FUSED = """
import os

from transitions_core.plugin_api import Format, Subject, hookimpl


def light(view, options):
    if os.environ.get("FUSE"):
        raise RuntimeError("the fuse was lit")
    return "calme"


@hookimpl
def register_formats(register):
    register(Format(name="fused", description="Fails when FUSE is set.", subjects=(Subject.TERRITORY,),
                    renderer=light))
"""

MEDIA = """
from pathlib import Path

from transitions_core.plugin_api import Format, Subject, hookimpl


@hookimpl
def register_formats(register):
    register(Format(name="dossier-presse", description="Un dossier de presse en CSV.",
                    subjects=(Subject.TERRITORY,), media_type="text/csv"))
    register(Format(name="agenda", description="Un agenda iCalendar.", subjects=(Subject.TERRITORY,),
                    media_type="text/calendar", extension="ics"))
    register(Format(name="rtf", description="Un type inconnu.", subjects=(Subject.TERRITORY,),
                    media_type="application/rtf"))


@hookimpl
def template_dirs():
    return [Path(__file__).parent / "media-templates"]
"""
