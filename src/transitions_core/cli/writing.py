"""What `record`, `correct` and `retract` share: the subject, the history file, the preview, the confirmation."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from transitions_core.cli.common import find_territory
from transitions_core.errors import NotFound, TransitionsError

if TYPE_CHECKING:
    from transitions_core.recording.planning import Plan
    from transitions_core.store.opening import Store
    from transitions_core.timeline.readmodel import AggregateRow


def writing_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--file / --no-file, --as and --yes, shared by the commands that write history."""
    for option in reversed(
        [
            click.option(
                "--file",
                "file",
                metavar="FICHIER",
                type=click.Path(path_type=Path, dir_okay=False),
                help="Ajouter aussi l'entrée à ce fichier d'historique (par défaut : celui dont la cohorte a "
                "été importée, si le stockage s'en souvient).",
            ),
            click.option(
                "--no-file", is_flag=True, help="N'écrire que dans le stockage, dans aucun fichier."
            ),
            click.option(
                "--as",
                "author",
                metavar="NOM",
                help="Qui enregistre, pour le journal ; à défaut TRANSITIONS_AUTHOR, sinon l'utilisateur du système.",
            ),
            click.option("--yes", "-y", is_flag=True, help="Écrire sans demander de confirmation."),
        ]
    ):
        command = option(command)
    return command


def find_subject(store: Store, query: str, cohort: str | None = None) -> tuple[str, AggregateRow | None]:
    """The cohort named by `query` (its id or name), else the territory; (cohort, territory row or None)."""
    from transitions_core.timeline.readmodel import fold

    readmodel = store.caught_up()
    if cohort is None:
        cohorts = readmodel.named("cohort", fold(query))
        if cohorts:
            return cohorts[0].cohort, None
    try:
        row = find_territory(store, query, cohort)
    except NotFound as error:
        raise NotFound(
            f"{error} Ce n'est pas non plus une cohorte (`transitions cohorts` les liste)."
        ) from None
    return row.cohort, row


def history_file(store: Store, cohort: str, given: Path | None, no_file: bool) -> Path | None:
    """The history file the entry also goes to: --file, else the one the cohort was imported from."""
    from transitions_core.recording.remembered import remembered_file

    if given is not None and no_file:
        raise click.UsageError("--file et --no-file s'excluent : gardez-en un.")
    if no_file:
        return None
    if given is not None:
        if not given.is_file():
            raise TransitionsError(f"Le fichier d'historique {given} n'existe pas : vérifiez le chemin.")
        return given
    remembered = remembered_file(store.timeline.db, cohort)
    if remembered is not None and not remembered.is_file():
        raise TransitionsError(
            f"La cohorte {cohort} a été importée de {remembered}, qui n'existe plus à cet endroit : donnez "
            "--file FICHIER pour l'y ajouter ailleurs, ou --no-file pour n'écrire que dans le stockage. "
            "Rien n'a été écrit."
        )
    return remembered


def ask_yes(question: str) -> bool:
    """A yes/no question in French, yes by default: o, oui (or y, yes) and n, non."""
    while True:
        answer = click.prompt(f"{question} [O/n]", default="o", show_default=False).strip().lower()
        if answer in ("o", "oui", "y", "yes"):
            return True
        if answer in ("n", "non", "no"):
            return False
        click.echo("Répondez o (oui) ou n (non).")


def read_original(file: Path | None) -> bytes | None:
    """The file's bytes as the command starts: a change on disk before the write is then refused."""
    if file is None:
        return None
    try:
        return file.read_bytes()
    except OSError as error:
        raise TransitionsError(f"Lecture de {file} impossible : {error.strerror}.") from None


def confirm_and_write(
    store: Store, plan: Callable[[], Plan], first: Plan, change: list[str], yes: bool, cohort: str
) -> Plan:
    """Show the entry and its sentence, ask, then write file and store together."""
    from transitions_core.recording.commit import commit
    from transitions_core.recording.preview import preview_text
    from transitions_core.recording.remembered import remember

    click.echo(preview_text(first, change))
    if not yes and not ask_yes("Enregistrer cette entrée ?"):
        click.echo("Rien n'a été écrit.")
        raise SystemExit(1)
    written = commit(store.app, plan)
    if written.file is not None:
        remember(store.timeline.db, cohort, written.file)
    store.caught_up()
    where = f"dans le stockage et dans {written.file}" if written.file else "dans le stockage"
    click.echo(f"Enregistrée {where} : {written.key}")
    return written
