"""The command line speaks French: click's own words, the help of every command, its examples and usage errors."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import string
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from tests.conftest import ROOT
from transitions_core.cli.app import EVERYDAY
from transitions_core.cli.i18n import CATALOGUE, load_catalogue
from transitions_core.cli.main import cli

PO = CATALOGUE.with_suffix(".po")
#: What click writes in English when a message escapes the catalogue or a placeholder is left to click.
ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Show this|Show the version|\[default:|\[required\]|Error:|Try '|"
    r"\b(TEXT|INTEGER|FLOAT|PATH|FILE|FILENAME|DIRECTORY|BOOLEAN|RANGE|CHOICE)\b"
)
#: The placeholder style: a French noun in capitals (alternatives with |, optional in [], repeated with ...),
#: or a closed list of words as they are typed, [a|b].
PLACEHOLDER = re.compile(
    r"^\[?[A-ZÀ-Ÿ][A-ZÀ-Ÿ-]*(\|[A-ZÀ-Ÿ][A-ZÀ-Ÿ-]*)*\]?(\.\.\.)?$|^\[[a-z_]+(\|[a-z_]+)+\]$"
)


def run(*args: str) -> click.testing.Result:
    """The command line in this process, on a store in memory."""
    return CliRunner().invoke(cli, ["--store", "memory:", *args], prog_name="transitions")


def commands(
    group: click.Group = cli, path: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], click.Command]]:
    """Every command and group under `group`, with the words that reach it."""
    yield path, group
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


ALL = list(commands())
IDS = [" ".join(path) or "transitions" for path, _ in ALL]


@pytest.mark.parametrize(("path", "command"), ALL, ids=IDS)
def test_every_help_page_is_in_french(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"], prog_name="transitions")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Utilisation : transitions {' '.join(path)}".rstrip() + " ")
    assert "Options\u00a0:" in result.output
    assert "Afficher ce message et quitter." in result.output
    assert ENGLISH.search(result.output) is None, ENGLISH.search(result.output)


@pytest.mark.parametrize(("path", "command"), ALL, ids=IDS)
def test_every_command_has_examples_that_parse(path, command, monkeypatch):
    assert command.examples, f"transitions {' '.join(path)} has no example"
    help_page = CliRunner().invoke(cli, [*path, "--help"], prog_name="transitions").output
    assert "Exemple" in help_page
    monkeypatch.chdir(ROOT)  # the examples name the bundled files
    for example in command.examples:
        words = shlex.split(example, comments=True)
        words = words[: next((i for i, w in enumerate(words) if w in (">", "|", "<")), len(words))]
        assert words[0] == "transitions", example
        reached = parse(words[1:])
        assert reached[: len(path)] == path, f"{example} is not an example of transitions {' '.join(path)}"


def parse(args: list[str]) -> tuple[str, ...]:
    """Parse a command line as `transitions` would, without running it; the subcommands it goes through."""
    context = cli.make_context("transitions", list(args), obj={"store": None})
    command: click.Command = cli
    names: tuple[str, ...] = ()
    while isinstance(command, click.Group):
        name, sub, rest = command.resolve_command(context, [*context._protected_args, *context.args])
        assert name is not None and sub is not None, args
        context = sub.make_context(name, rest, parent=context)
        command, names = sub, (*names, name)
    return names


@pytest.mark.parametrize(("path", "command"), ALL, ids=IDS)
def test_placeholders_follow_one_style(path, command):
    context = click.Context(command)
    for param in command.params:
        if isinstance(param, click.Option) and (param.is_flag or param.name == "help"):
            continue
        placeholder = param.make_metavar(context)
        assert PLACEHOLDER.match(placeholder), f"{' '.join(path)} {param.name}: {placeholder}"


def test_the_top_level_help_puts_everyday_commands_apart():
    page = run("--help").output
    everyday, _, admin = page.partition("Administration et développement\u00a0:")
    listed = re.findall(r"^  (\S+)  ", everyday.partition("Au quotidien\u00a0:")[2], re.MULTILINE)
    assert listed == [name for name in EVERYDAY if name in cli.commands]
    assert {"import", "check", "replay", "cohort", "events", "stats"} <= set(listed)
    others = re.findall(r"^  (\S+)  ", admin.partition("Exemples")[0], re.MULTILINE)
    assert others == sorted(set(cli.commands) - set(EVERYDAY))
    assert {"store", "plugins", "simulate", "calibrate", "export", "formats", "info"} <= set(others)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["check", "--stor", "x.yaml"],
            "Erreur : Option inconnue « --stor ». Vouliez-vous dire « --store » ?",
        ),
        (["imprt"], "Erreur : Commande inconnue « imprt ». Vouliez-vous dire « import » ?"),
        (["replay"], "Erreur : Argument manquant : TERRITOIRE."),
        (["import"], "Erreur : Argument manquant : FICHIER."),
        (
            ["simulate", "s.yaml", "--runs", "beaucoup"],
            "Erreur : Valeur invalide pour --runs : « beaucoup » n'est pas un nombre valide.",
        ),
        (
            ["simulate", "s.yaml", "--runs", "0"],
            "Erreur : Valeur invalide pour --runs : 0 n'est pas dans l'intervalle x>=1.",
        ),
        (["replay", "x", "--as-of"], "Erreur : L'option « --as-of » demande une valeur."),
        (["stats", "a", "b"], "Erreur : Argument en trop : b"),
        (
            ["replay", "x", "--audience", "tous"],
            "Erreur : Valeur invalide pour --audience : « tous » n'est pas un public connu",
        ),
        (
            ["replay", "x", "--narratives-dir", "/nulle/part"],
            "Erreur : Valeur invalide pour --narratives-dir : Dossier « /nulle/part » introuvable.",
        ),
    ],
)
def test_usage_errors_are_in_french_with_exit_code_2(args, message):
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert ENGLISH.search(result.output) is None, result.output


def test_a_usage_error_shows_the_usage_and_the_help_to_read_in_french():
    result = run("replay")
    assert result.output.startswith(
        "Utilisation : transitions replay [OPTIONS] TERRITOIRE\nAide : « transitions replay --help ».\n\n"
    )


def test_the_installed_script_speaks_french_whatever_the_locale():
    script = shutil.which("transitions", path=str(Path(sys.executable).parent))
    assert script, "the console script is installed with the package"
    english = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8", "LANGUAGE": "en"}
    helped = subprocess.run([script, "--help"], capture_output=True, text=True, env=english, check=False)
    assert helped.returncode == 0, helped.stderr
    assert helped.stdout.startswith("Utilisation : transitions [OPTIONS] COMMANDE [ARGUMENTS]...")
    assert "  -h, --help       Afficher ce message et quitter." in helped.stdout
    refused = subprocess.run(
        [script, "--store", "memory:", "check", "--stor", "x"],
        capture_output=True,
        text=True,
        env=english,
        check=False,
    )
    assert refused.returncode == 2
    assert refused.stderr.endswith("Erreur : Option inconnue « --stor ». Vouliez-vous dire « --store » ?\n")


def test_the_catalogue_translates_every_message_of_the_installed_click():
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    translated = {
        _msgid(m.id): m
        for m in catalogue
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    click_messages = {_msgid(msg) for _, _, msg, *_ in extract_from_dir(Path(click.__file__).parent)}
    assert sorted(click_messages - set(translated)) == [], f"translate them in {PO.name}, then `make locale`"


def test_each_translation_keeps_to_the_fields_click_fills():
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    for message in catalogue:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        given = {field for text in ids for field in _fields(text)}
        for text in strings:
            assert _fields(text) <= given, (message.id, text)


def test_the_compiled_catalogue_is_the_po_file_compiled(tmp_path):
    with PO.open("rb") as handle:
        catalogue = read_po(handle)
    fresh = tmp_path / "click.fr.mo"
    with fresh.open("wb") as out:
        write_mo(out, catalogue)
    import gettext

    with fresh.open("rb") as handle:
        expected = gettext.GNUTranslations(handle)
    shipped = load_catalogue()
    # The header (its first entry) holds dates; the messages must be the same.
    assert {k: v for k, v in shipped._catalog.items() if k} == {
        k: v for k, v in expected._catalog.items() if k
    }, "run `make locale`"
    assert shipped.ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 2
    ) == ("L'option « {name} » demande {nargs} valeurs.")


def _msgid(message: str | tuple[str, ...]) -> str:
    return message if isinstance(message, str) else message[0]


def _fields(text: str) -> set[str]:
    """The names a str.format or %-format message fills: {name!r} and %(prog)s give name and prog."""
    names = {name.split("!")[0].split(":")[0] for _, name, _, _ in string.Formatter().parse(text) if name}
    return names | set(re.findall(r"%\((\w+)\)", text))


def test_help_keeps_french_typography_on_one_line():
    page = run("simulate", "--help").output
    assert "[défaut\u00a0: 100\u00a0; x>=1]" in page  # click's own "; " gets its space, which never breaks
    assert not re.search(r"^\s+[:;»]", page, re.MULTILINE)  # no line starts with a colon or a guillemet


def test_every_command_is_loaded_from_the_module_the_table_names() -> None:
    from transitions_core.cli.app import COMMAND_MODULES

    defined = {
        name: command.callback.__module__.rsplit(".", 1)[1]
        for name, command in cli.commands.items()
        if command.callback is not None
    }
    assert defined == COMMAND_MODULES


@pytest.mark.parametrize("command", ["replay", "territories", "stats", "--help"])
def test_the_script_imports_only_the_module_of_its_command(command: str) -> None:
    from transitions_core.cli.app import COMMAND_MODULES

    code = (
        "import sys\nfrom transitions_core.cli.main import main\n"
        f"sys.argv = ['transitions', {command!r}, '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('transitions_core.cli.'))), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(done.stderr.split()) & {f"transitions_core.cli.{m}" for m in COMMAND_MODULES.values()}
    if command == "--help":  # the list of commands gives each one's short help
        assert loaded == {f"transitions_core.cli.{m}" for m in COMMAND_MODULES.values()}
    else:
        assert loaded == {f"transitions_core.cli.{COMMAND_MODULES[command]}"}
