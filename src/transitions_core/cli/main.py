"""Entry point of the `transitions` script: the group, whose commands load when first used.

`from transitions_core.cli.main import cli` gives the group with every command registered (tests,
tools); the script itself imports only the module of the command it runs (`app.COMMAND_MODULES`).
"""

from __future__ import annotations

import click

from transitions_core.cli import app as _app


def main() -> None:
    """Run the command line."""
    _app.cli(prog_name="transitions")


def __getattr__(name: str) -> click.Group:
    if name == "cli":
        _app.load_commands()
        return _app.cli
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
