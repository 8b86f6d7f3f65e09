"""The click group: store selection, and the error handling every command shares."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from transitions_core.cli.base import FrenchGroup
from transitions_core.cli.i18n import install_french

# Before any option is declared: click translates some words (`fichier`, the help option's text) there.
install_french()

DEBUG_VAR = "TRANSITIONS_DEBUG"
#: The commands a coordinator uses day to day, listed first in `transitions --help`.
#: The exit code of a command whose reader went away (`… | head -1`): 128 + SIGPIPE, as the shell reports
#: for `yes`, `cat` or `grep` in the same place.
BROKEN_PIPE_EXIT = 141
EVERYDAY = (
    "import",
    "check",
    "record",
    "correct",
    "retract",
    "cohorts",
    "territories",
    "replay",
    "cohort",
    "day",
    "events",
    "stats",
    "log",
    "diff",
)


#: The module (under transitions_core.cli) that defines each command. A command's module is imported when
#: the command is run or listed: `transitions replay` does not import the simulation's or the import's
#: commands and what they need (tests/e2e/test_cli_french.py checks the table against the modules).
COMMAND_MODULES = {
    "calibrate": "simulate",
    "check": "importing",
    "cohort": "narrate",
    "cohorts": "listing",
    "correct": "correct",
    "day": "narrate",
    "diff": "audit",
    "discover": "experiment",
    "events": "listing",
    "experiment": "experiment",
    "export": "export",
    "formats": "narrate",
    "history": "history_cmd",
    "import": "importing",
    "info": "listing",
    "log": "audit",
    "plugins": "plugins_cmd",
    "record": "record",
    "replay": "narrate",
    "retract": "correct",
    "sensitivity": "experiment",
    "simulate": "simulate",
    "site": "site",
    "stats": "stats",
    "store": "store",
    "territories": "listing",
    "validate": "validate",
}


def load_commands(names: Any = None) -> None:
    """Import the modules that define `names` (every command when None), which registers them."""
    wanted = COMMAND_MODULES if names is None else [n for n in names if n in COMMAND_MODULES]
    for module in dict.fromkeys(COMMAND_MODULES[name] for name in wanted):
        importlib.import_module(f"transitions_core.cli.{module}")


class TransitionsGroup(FrenchGroup):
    """A group that prints any error as one clear message, never a traceback; commands load when used."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported first if it was not yet."""
        if cmd_name not in self.commands:
            # An unknown name loads them all: click suggests the closest from the commands it holds.
            load_commands([cmd_name] if cmd_name in COMMAND_MODULES else None)
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name, loaded or not, in alphabetical order (as click lists them)."""
        return sorted(set(self.commands) | set(COMMAND_MODULES))

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; turn known errors into a message and exit code 1."""
        from transitions_core.errors import TransitionsError

        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # a reader that went away is found here, not in the interpreter's last flush
            return result
        except BrokenPipeError:
            quiet_broken_pipe()
        except TransitionsError as error:
            click.echo(f"Erreur : {error}", err=True)
            sys.exit(error.exit_code)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Interrompu : rien n'a été écrit.", err=True)
            sys.exit(130)
        except Exception as error:
            if os.environ.get(DEBUG_VAR):
                raise
            from transitions_core.store.failures import describe_store_failure

            store_failure = describe_store_failure(error)
            if store_failure:  # a full disk, a read-only or damaged file: the transaction was rolled back
                click.echo(f"Erreur : {store_failure}", err=True)
                sys.exit(1)
            if isinstance(error, OSError):  # a file the user named: say which, and what the system said
                where = f" sur {error.filename}" if error.filename else ""
                click.echo(
                    f"Erreur : le système a refusé l'opération{where} ({error.strerror or error}) : "
                    "vérifiez le chemin, la place libre et les droits.",
                    err=True,
                )
                sys.exit(1)
            click.echo(
                f"Erreur inattendue ({type(error).__name__}) : {error}\n"
                f"Rien n'a été écrit. Relancez avec {DEBUG_VAR}=1 pour le détail, et signalez-le.",
                err=True,
            )
            sys.exit(1)


def quiet_broken_pipe() -> None:
    """Stop without a word when standard output's reader has gone, as Unix tools do."""
    # Python would flush stdout again on exit, and print the same error: point it at /dev/null first.
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real descriptor (click's test runner): nothing left to flush
        pass
    finally:
        os.close(devnull)
    sys.exit(BROKEN_PIPE_EXIT)


@click.group(
    cls=TransitionsGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    everyday=EVERYDAY,
    examples=(
        "transitions import scenarios/occitanie-2024.yaml",
        "transitions replay gruissan --as-of 2024-12-31",
        "transitions --store equipe.sqlite cohort occitanie-2024 --format report",
    ),
)
@click.option(
    "--store",
    envvar="TRANSITIONS_STORE",
    metavar="ADRESSE",
    help="Stockage : chemin d'un fichier SQLite, sqlite:///chemin, postgresql://utilisateur@hôte:port/base, "
    "memory: (défaut : dossier de données de l'utilisateur ; voir `transitions info`). Se place avant "
    "ou après la commande ; à défaut, la variable TRANSITIONS_STORE.",
)
@click.version_option(package_name="transitions-core", prog_name="transitions")
@click.pass_context
def cli(ctx: click.Context, store: str | None) -> None:
    """Historique des cohortes de la Fabrique des transitions : importer, rejouer, compter."""
    ctx.obj = {"store": store}
