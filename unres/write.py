"""The last stage: put rendered output where the user asked, whole or not at all, and never replace what `-o`
names when it is not an ordinary file.

A shell redirection (`> FILE`) writes through a symbolic link to its target, into a device or a FIFO, and into a
file with several hard links without splitting them. `-o` does the same; only an ordinary file with one link is
replaced atomically (a temporary file and a rename), so no reader ever sees half of it.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from unres.errors import OutputError
from unres.read import STDIN_NAME


def write_atomically(
    text: str | bytes, destination: str | Path, *, inputs: Iterable[str | Path] = (), stdin_fd: int | None = 0
) -> None:
    """Write `text` (UTF-8) or bytes (a Word file) to `destination` as a shell redirection would, an ordinary file
    atomically.

    Refuses to overwrite one of the `inputs` (`unres diff a.txt b.txt -o a.txt` would destroy what it compares),
    including the file behind standard input when an input is '-' (`stdin_fd`, 0 unless told), and a read-only
    file.
    """
    target = Path(destination)
    shown = os.fsdecode(target)
    found = _stat(target)
    _refuse_inputs(target, found, list(inputs), stdin_fd)
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise OutputError(f"{shown}: is a directory")
    data = text if isinstance(text, bytes) else text.encode("utf-8", errors="surrogateescape")
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_through(target, data, shown)  # a device, a FIFO, a socket: written into, as `>` does
        return
    if found is not None and (not found.st_mode & 0o222 or not os.access(target, os.W_OK)):
        raise OutputError(f"{shown}: is read-only; refusing to replace it")
    if found is not None and found.st_nlink > 1:
        _write_through(target, data, shown)  # replacing it would split its hard links
        return
    real = Path(os.path.realpath(target))  # a symbolic link stays; the file it names is written
    _replace(real, data, shown, found)


def _stat(target: Path) -> os.stat_result | None:
    try:
        return os.stat(target)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise OutputError(f"{os.fsdecode(target)}: cannot be written ({error.strerror or error})") from None


def _refuse_inputs(target: Path, found: os.stat_result | None, inputs: list[str | Path], stdin_fd: int | None) -> None:
    if found is None:
        return
    for source in inputs:
        if str(source) == STDIN_NAME:
            behind = _fstat(stdin_fd)
            if behind is not None and (behind.st_dev, behind.st_ino) == (found.st_dev, found.st_ino):
                raise OutputError(f"{os.fsdecode(target)}: is standard input; refusing to overwrite it")
            continue
        source_stat = _stat_quietly(Path(source))
        if source_stat is not None and (source_stat.st_dev, source_stat.st_ino) == (found.st_dev, found.st_ino):
            raise OutputError(f"{os.fsdecode(target)}: is one of the input files; refusing to overwrite it")


def _fstat(fd: int | None) -> os.stat_result | None:
    if fd is None:
        return None
    try:
        return os.fstat(fd)
    except OSError:
        return None


def _stat_quietly(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _write_through(target: Path, data: bytes, shown: str) -> None:
    """Write into the node itself (no temporary file, no rename), as `>` does."""
    try:
        handle = os.open(target, os.O_WRONLY | os.O_TRUNC)
    except OSError as error:
        raise OutputError(f"{shown}: cannot be written ({error.strerror or error})") from None
    try:
        _write_all(handle, data)
    except OSError as error:
        raise OutputError(f"{shown}: cannot be written ({error.strerror or error})") from None
    finally:
        os.close(handle)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(handle, view)
        if written <= 0:
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        view = view[written:]


def _replace(real: Path, data: bytes, shown: str, found: os.stat_result | None) -> None:
    directory = real.parent
    if not directory.is_dir():
        raise OutputError(f"{shown}: directory {os.fsdecode(directory)} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise OutputError(f"{shown}: cannot be written ({error.strerror or error})") from None
    try:
        try:
            _write_all(handle, data)
        finally:
            os.close(handle)
        # mkstemp makes the file private; a replaced file keeps its mode, a new one gets the usual one
        os.chmod(temporary, stat.S_IMODE(found.st_mode) if found is not None else 0o666 & ~_umask())
        os.replace(temporary, real)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise OutputError(f"{shown}: cannot be written ({error.strerror or error})") from None


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
