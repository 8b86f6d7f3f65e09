"""The command and group classes of the `transitions` command line: French help, examples, --store anywhere.

Placeholders follow one style: a French noun in capitals for a value to write (FICHIER, TERRITOIRE,
DATE, ADRESSE), `A|B` when either fits, `[…]` when optional, `...` when repeated; a closed list of
words is written as they are typed, `[internal|public]`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

#: Placeholder of the subcommand in a group's usage line.
SUBCOMMAND_METAVAR = "COMMANDE [ARGUMENTS]..."
STORE_HELP = "Le stockage, comme avant la commande (voir `transitions --help`)."


#: The spaces French typography keeps on the line: before `: ; ? !` and `»`, after `«`.
BEFORE = re.compile(r" (?=[:;?!»])|(?<=«) ")
#: A semicolon click glues to the word before it (`[défaut : 1; x>=0]`).
GLUED = re.compile(r"(?<=[^\s\u00a0]);(?= )")


class FrenchHelpFormatter(click.HelpFormatter):
    """click's help layout, with French typography: a space before a colon, which never starts a line."""

    def write_heading(self, heading: str) -> None:
        """A section heading: `Options :`."""
        self.write(f"{'':>{self.current_indent}}{heading}\u00a0:\n")

    def write_text(self, text: str) -> None:
        """A paragraph, wrapped without leaving a colon or a guillemet alone at a line's start."""
        super().write_text(keep_together(text))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """Two columns (options or commands and their help), wrapped the same way."""
        super().write_dl([(term, keep_together(text)) for term, text in rows], col_max, col_spacing)


def keep_together(text: str) -> str:
    """Make the spaces before `: ; ? !` and inside « » no-break spaces, as French typography wants."""
    return GLUED.sub("\u00a0;", BEFORE.sub("\u00a0", text))


class FrenchContext(click.Context):
    """A context whose help pages follow French typography."""

    formatter_class = FrenchHelpFormatter


class FrenchCommand(click.Command):
    """A command with examples under its help, whose usage errors name parameters the French way."""

    context_class = FrenchContext

    def __init__(self, *args: Any, examples: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Command lines shown under "Exemples" (a `# …` comment may follow each one).
        self.examples = tuple(examples)

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The epilog, then the examples, one per line, never rewrapped."""
        super().format_epilog(ctx, formatter)
        if self.examples:
            with formatter.section("Exemples" if len(self.examples) > 1 else "Exemple"):
                for line in self.examples:
                    formatter.write(f"{'':>{formatter.current_indent}}{line}\n")

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        """Parse the command line; a usage error comes out in French."""
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.ClickException as error:
            raise in_french(error) from None


class FrenchGroup(FrenchCommand, click.Group):
    """A group of French commands; `everyday` commands are listed apart from the others."""

    command_class = FrenchCommand
    group_class = type  # subgroups are of the same class

    def __init__(self, *args: Any, everyday: Sequence[str] = (), **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", SUBCOMMAND_METAVAR)
        super().__init__(*args, **kwargs)
        #: Commands listed first, in this order, under "Au quotidien"; the others follow alphabetically.
        self.everyday = tuple(everyday)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the subcommand; a usage error (an unknown command…) comes out in French."""
        try:
            return super().invoke(ctx)
        except click.ClickException as error:
            raise in_french(error) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The subcommands with their short help, everyday ones apart when the group names them."""
        commands = {}
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands[name] = command
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name in commands)
        everyday = [name for name in self.everyday if name in commands]
        others = [name for name in commands if name not in everyday]
        sections = (
            [("Au quotidien", everyday), ("Administration et développement", others)]
            if everyday
            else [("Commandes", others)]
        )
        for title, names in sections:
            if names:
                with formatter.section(title):
                    formatter.write_dl([(name, commands[name].get_short_help_str(limit)) for name in names])


def in_french(error: click.ClickException) -> click.ClickException:
    """The same usage error, naming parameters without click's English quotes."""
    if isinstance(error, click.BadParameter) and error.param_hint is None and error.param is not None:
        error.param_hint = parameter_name(error.param)
    possibilities: Iterable[str] | None = getattr(error, "possibilities", None)
    if isinstance(error, click.UsageError) and possibilities:
        # "Vouliez-vous dire « --store » ?": click would quote the suggestions with repr().
        names = [f"« {name} »" for name in sorted(possibilities)]
        suggestion = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} ou {names[-1]}"
        return click.UsageError(f"{error.message} Vouliez-vous dire {suggestion} ?", error.ctx)
    return error


def parameter_name(param: click.Parameter) -> str:
    """How an error names a parameter: its options (`--as-of`) or its placeholder (`FICHIER`)."""
    if isinstance(param, click.Option):
        return " / ".join(param.opts)
    return (param.metavar or (param.name or "").upper()).strip("[]").removesuffix("...")


def store_option(command: F) -> F:
    """`--store` after the command too: `transitions import --store S F` is `transitions --store S import F`."""
    return click.option(
        "--store",
        metavar="ADRESSE",
        expose_value=False,
        callback=_use_store,
        help=STORE_HELP,
    )(command)


def _use_store(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is None:
        return
    root = ctx.find_root()
    before = root.params.get("store")
    if (
        before is not None
        and before != value
        and root.get_parameter_source("store") is click.core.ParameterSource.COMMANDLINE
    ):
        raise click.UsageError(
            f"--store est donné avant et après la commande, avec deux adresses différentes ({before} et "
            f"{value}) : gardez-en une."
        )
    ctx.ensure_object(dict)["store"] = value
