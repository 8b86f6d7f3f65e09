"""Entry point of the `transitions` script: the group, with every command registered."""

from __future__ import annotations

from transitions_core.cli import (  # noqa: F401  (they register commands)
    audit,
    correct,
    history_cmd,
    importing,
    listing,
    narrate,
    plugins_cmd,
    record,
    site,
    stats,
)
from transitions_core.cli import export as export_commands  # noqa: F401  (registers `export csv`, `export ocel`)
from transitions_core.cli import simulate as simulate_commands  # noqa: F401  (registers `simulate`, `calibrate`)
from transitions_core.cli import store as store_commands  # noqa: F401  (registers `store copy`, `store check`)
from transitions_core.cli.app import cli


def main() -> None:
    """Run the command line."""
    cli(prog_name="transitions")
