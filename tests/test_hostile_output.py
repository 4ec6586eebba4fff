"""Hostile output targets: `-o` writes as a shell redirection would and never replaces a node it should not; a
broken standard output or input is one line on standard error and exit 2. Each runs the real command in a
subprocess, because file descriptors, devices and FIFOs are what is tested."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

RESOLUTION = "The General Assembly,\n\n*Recalling* its resolution 58/137,\n\n1. Urges all States;\n"
UNRES = [sys.executable, "-c", "from unres.cli import main; main()"]


def run(args: list[str], **options: object) -> subprocess.CompletedProcess[bytes]:
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    options.setdefault("stdin", subprocess.DEVNULL)
    options.setdefault("timeout", 60)
    return subprocess.run([*UNRES, *args], check=False, **options)  # type: ignore[call-overload, no-any-return]


def one_error_line(result: subprocess.CompletedProcess[bytes]) -> str:
    """The command failed as trouble (2) with exactly one line on standard error, not an internal error."""
    message = result.stderr.decode()
    assert result.returncode == 2, message
    assert message.count("\n") == 1 and message.startswith("unres: "), message
    assert "internal error" not in message and "Traceback" not in message
    return message


@pytest.fixture
def resolution(tmp_path: Path) -> Path:
    path = tmp_path / "resolution.txt"
    path.write_text(RESOLUTION)
    return path


def device(tmp_path: Path, name: str, minor: int) -> Path:
    """A memory device of our own (1,3 is null, 1,7 is full), so that no test can ever replace the system's."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except OSError:
        pytest.skip("cannot make a device node here (not root, or a nodev mount)")
    return path


def test_a_character_device_is_written_into_not_replaced(tmp_path: Path, resolution: Path) -> None:
    null = device(tmp_path, "null", 3)
    result = run(["parse", str(resolution), "-o", str(null)])
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)


def test_a_full_device_as_output_is_an_error(tmp_path: Path, resolution: Path) -> None:
    full = device(tmp_path, "full", 7)
    assert "No space left" in one_error_line(run(["parse", str(resolution), "-o", str(full)]))
    assert stat.S_ISCHR(os.stat(full).st_mode)


def test_a_fifo_is_written_through(tmp_path: Path, resolution: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = run(["parse", str(resolution), "--format", "json", "-o", str(fifo)])
    reader.join(timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b'"OP1"' in received[0]


def test_a_symbolic_link_stays_and_its_target_is_written(tmp_path: Path, resolution: Path) -> None:
    target = tmp_path / "target.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target.name)
    result = run(["parse", str(resolution), "--format", "json", "-o", str(link)])
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == target.name
    assert '"OP1"' in target.read_text()


def test_a_read_only_file_is_refused(tmp_path: Path, resolution: Path) -> None:
    kept = tmp_path / "kept.json"
    kept.write_text("keep me")
    kept.chmod(0o444)
    assert "read-only" in one_error_line(run(["parse", str(resolution), "--format", "json", "-o", str(kept)]))
    assert kept.read_text() == "keep me"


def test_a_hard_link_is_not_split(tmp_path: Path, resolution: Path) -> None:
    first = tmp_path / "first.json"
    first.write_text("old")
    second = tmp_path / "second.json"
    os.link(first, second)
    result = run(["parse", str(resolution), "--format", "json", "-o", str(first)])
    assert result.returncode == 0, result.stderr
    assert os.stat(first).st_ino == os.stat(second).st_ino
    assert os.stat(first).st_nlink == 2
    assert '"OP1"' in second.read_text()


def test_the_file_behind_standard_input_is_not_overwritten(resolution: Path) -> None:
    with resolution.open("rb") as stdin:
        message = one_error_line(run(["parse", "-", "-o", str(resolution)], stdin=stdin))
    assert "standard input" in message
    assert resolution.read_text() == RESOLUTION


def test_a_replaced_file_keeps_its_mode(tmp_path: Path, resolution: Path) -> None:
    out = tmp_path / "out.txt"
    out.write_text("old")
    out.chmod(0o640)
    assert run(["parse", str(resolution), "-o", str(out)]).returncode == 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o640


@pytest.mark.parametrize("command", [["parse"], ["diff", "SELF"], ["check", "SELF"], ["lineage", "SELF"]])
def test_output_files_never_carry_colour(tmp_path: Path, resolution: Path, command: list[str]) -> None:
    out = tmp_path / "out.txt"
    args = [command[0], str(resolution), *(str(resolution) for _ in command[1:])]
    env = {**os.environ, "FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"}
    result = run([*args, "-o", str(out)], env=env)
    assert result.returncode in (0, 1), result.stderr
    assert "\x1b" not in out.read_text()


def test_a_full_disk_on_standard_output_is_one_line(tmp_path: Path, resolution: Path) -> None:
    with device(tmp_path, "full", 7).open("wb") as full:
        one_error_line(run(["parse", str(resolution), "--format", "json"], stdout=full))


def test_a_closed_standard_output_is_one_line(resolution: Path) -> None:
    assert "standard output is closed" in one_error_line(
        run(["parse", str(resolution)], stdout=None, preexec_fn=lambda: os.close(1))
    )


def test_a_closed_standard_input_is_one_line() -> None:
    one_error_line(run(["parse", "-"], stdin=None, preexec_fn=lambda: os.close(0)))
