"""One exception family for everything a user can get wrong, and the exit codes the CLI maps them to."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Exit statuses, as diff(1) and cmp(1) use them."""

    SAME = 0  # the documents agree / carry the same text
    DIFFERENT = 1  # they differ (diff) or disagree (check)
    TROUBLE = 2  # the input could not be read or the command was misused


class UnresError(Exception):
    """A problem the user can fix; its message is one line, fit to print after 'unres: '."""


class InputError(UnresError):
    """A file that cannot be read as a resolution: missing, a directory, binary, empty, undecodable."""


class LimitError(InputError):
    """An input over one of the limits that keep a hostile file from taking all time or memory (docs/reliability.md
    lists them, and the option that raises each)."""


class DamagedFileError(InputError):
    """A PDF or Word file whose insides are broken (cut short, bad checksums, malformed XML): what it says cannot be
    read whole, and reading part of it would drop words silently."""


class OutputError(UnresError):
    """The output cannot be written where the user asked: a read-only file, the input itself, a full disk, a
    closed standard output."""
