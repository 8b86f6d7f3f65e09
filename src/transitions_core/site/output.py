"""Where a site is written: a temporary folder beside the target, renamed over it only when all went well."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from transitions_core.errors import TransitionsError


class OutputError(TransitionsError):
    """The output folder cannot take the site: a file, a folder not empty, a place we cannot write."""


def check_output(output: Path, force: bool) -> None:
    """Refuse an output that is a file, a non-empty folder without --force, or a place we cannot write."""
    if output.exists() and not output.is_dir():
        raise OutputError(f"« {output} » est un fichier : donnez à --output un dossier, nouveau ou vide.")
    parent = output.absolute().parent
    if not parent.is_dir():
        raise OutputError(
            f"Le dossier parent de « {output} » n'existe pas ou n'est pas un dossier : créez-le d'abord."
        )
    if output.is_dir() and any(output.iterdir()) and not force:
        raise OutputError(
            f"Le dossier « {output} » n'est pas vide : ajoutez --force pour le remplacer par le site, "
            "ou choisissez un autre dossier."
        )
    if not os.access(parent, os.W_OK | os.X_OK) or (output.is_dir() and not os.access(output, os.W_OK)):
        raise OutputError(
            f"Impossible d'écrire dans « {output} » : choisissez un dossier où vous avez le droit d'écrire."
        )


def temporary_beside(output: Path) -> Path:
    """A new empty folder next to `output`, on the same disk, so that the final rename is atomic."""
    parent = output.absolute().parent
    try:
        return Path(tempfile.mkdtemp(prefix=f".{output.name}-", suffix=".partiel", dir=parent))
    except OSError as error:
        raise OutputError(f"Impossible d'écrire à côté de « {output} » : {error.strerror}.") from None


def publish(built: Path, output: Path) -> None:
    """Put the built folder in place of `output`; the old content goes only once the new one is there."""
    old: Path | None = None
    if output.exists():
        old = built.with_name(built.name.removesuffix(".partiel") + ".ancien")
        output.rename(old)
    built.rename(output)
    # Folders made by mkdtemp are private (0700): a published site is read by a web server or a colleague.
    output.chmod(0o755)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(built: Path) -> None:
    """Remove a half-built site."""
    shutil.rmtree(built, ignore_errors=True)
