"""Files the tool writes appear whole or not at all: a temporary file beside the target, synced, then renamed.

A failure leaves the previous file as it was, and the message says so. A target that is not a regular
file (`/dev/stdout`, a named pipe, `/dev/full`) is written in place: renaming over it would replace the
device, and it has no previous content to keep.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from transitions_core.errors import TransitionsError

#: What each system error means for the person at the keyboard, and what to do.
REASONS = {
    errno.ENOENT: "le dossier {folder} n'existe pas ; créez-le d'abord, ou choisissez un autre chemin",
    errno.ENOTDIR: "{folder} n'est pas un dossier ; choisissez un autre chemin",
    errno.ENOSPC: "le disque est plein ; libérez de la place, puis relancez",
    errno.EDQUOT: "votre quota disque est atteint ; libérez de la place, puis relancez",
    errno.EROFS: "le disque est en lecture seule ; choisissez un dossier où vous pouvez écrire",
    errno.EACCES: "vous n'avez pas le droit d'écrire dans {folder} ; choisissez un autre dossier",
    errno.EPERM: "vous n'avez pas le droit d'écrire dans {folder} ; choisissez un autre dossier",
    errno.EISDIR: "c'est un dossier ; donnez un nom de fichier",
    errno.ENAMETOOLONG: "le nom est trop long pour le système de fichiers ; choisissez un nom plus court",
    errno.EPIPE: "le lecteur de ce tube s'est arrêté",
}


class WriteFailed(TransitionsError):
    """A file could not be written; the message says whether the previous one is intact."""


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path beside `path` to write into; it replaces `path` if the block ends without error.

    A target that is not a regular file is handed back as it is, to be written in place.
    """
    target = Path(os.path.realpath(path))
    previous = _existing(target)
    if previous is not None and not stat.S_ISREG(previous.st_mode):
        with _reported(path, None):
            yield target
        return
    with _reported(path, previous):
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.", suffix=".partiel")
        os.close(fd)
    partial = Path(name)
    try:
        yield partial
        with _reported(path, previous):
            _settle(partial, previous)
            os.replace(partial, target)
        _sync_folder(target.parent)
    finally:
        partial.unlink(missing_ok=True)


def write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path`, whole or not at all."""
    with atomic_path(path) as partial, reporting(path), open(partial, "wb") as out:
        out.write(data)


def write_text(path: Path, text: str) -> None:
    """Write `text` in UTF-8 to `path`, whole or not at all."""
    write_bytes(path, text.encode("utf-8"))


def failure(path: Path, error: OSError, intact: bool | None) -> WriteFailed:
    """The French sentence for a failure to write `path`; `intact`: whether a previous file was kept (None: none)."""
    folder = path.parent if str(path.parent) else Path(".")
    code = error.errno if error.errno is not None else -1
    reason = REASONS.get(code, error.strerror or str(error)).format(folder=folder)
    after = {True: " Le fichier précédent est intact.", False: " Rien n'a été écrit.", None: ""}[intact]
    return WriteFailed(f"Impossible d'écrire {path} : {reason}.{after}")


def reporting(path: Path) -> contextlib.AbstractContextManager[None]:
    """Turn a system error met while writing `path` (or its temporary file) into a `WriteFailed`."""
    return _reported(path, _existing(Path(os.path.realpath(path))))


@contextmanager
def _reported(path: Path, previous: os.stat_result | None) -> Iterator[None]:
    try:
        yield
    except OSError as error:
        regular = previous is None or stat.S_ISREG(previous.st_mode)
        raise failure(path, error, (previous is not None) if regular else None) from None


def _existing(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _settle(partial: Path, previous: os.stat_result | None) -> None:
    """Sync the data to disk, and give the file the permissions the target had (or a new file's)."""
    with open(partial, "rb+") as written:
        os.fsync(written.fileno())
    if previous is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(partial, 0o666 & ~umask)
        return
    os.chmod(partial, stat.S_IMODE(previous.st_mode))
    if hasattr(os, "chown") and (previous.st_uid, previous.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):  # only root may give a file away; others keep it as theirs
            os.chown(partial, previous.st_uid, previous.st_gid)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (some file systems cannot sync a folder: that is not a failure)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
