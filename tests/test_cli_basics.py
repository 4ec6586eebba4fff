"""The command line's contract: version, help, exit statuses and one-line errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from unres import __version__
from unres.cli import app

runner = CliRunner()


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"unres {__version__}"


def test_missing_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["parse", str(tmp_path / "nowhere.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such file" in result.stderr


def test_every_command_has_help_with_an_example_and_is_in_the_readme() -> None:
    import typer.main

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    commands = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    assert set(commands) == {"parse", "diff", "check", "lineage", "schema", "amend"}
    for name in commands:
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0
        assert "Examples:" in result.stdout, name
        assert f"unres {name}" in readme, name


def test_no_arguments_shows_help_not_a_traceback() -> None:
    result = runner.invoke(app, [])
    assert "Usage" in result.output
    assert "Traceback" not in result.output
