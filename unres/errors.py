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
