"""The last stage: put rendered output where the user asked, whole or not at all."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from unres.errors import UnresError


def write_atomically(text: str | bytes, destination: str | Path, *, inputs: Iterable[str | Path] = ()) -> None:
    """Write `text` (UTF-8) or bytes to `destination` through a temporary file and a rename, so no reader ever sees
    half a file.

    Refuses to overwrite one of the `inputs`: `unres diff a.txt b.txt -o a.txt` would destroy what it compares.
    """
    target = Path(destination)
    for source in inputs:
        if str(source) != "-" and _same_file(Path(source), target):
            raise UnresError(f"{target}: is one of the input files; refusing to overwrite it")
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise UnresError(f"{target}: directory {directory} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as error:
        raise UnresError(f"{target}: cannot be written ({error.strerror or error})") from None
    try:
        if isinstance(text, bytes):
            with os.fdopen(handle, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(text)
        os.chmod(temporary, 0o666 & ~_umask())  # mkstemp makes the file private; an output file is not
        os.replace(temporary, target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UnresError(f"{target}: cannot be written ({error.strerror or error})") from None


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
