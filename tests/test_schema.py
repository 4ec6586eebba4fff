"""The JSON outputs are a public interface: the published schemas match the models, and real outputs validate."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from unres import align, amendments_between, parse_file
from unres.cli import SchemaName, app

from conftest import SEEDS

SCHEMAS = Path(__file__).resolve().parent.parent / "unres" / "schemas"
runner = CliRunner()


@pytest.mark.parametrize("name", [name.value for name in SchemaName])
def test_published_schema_matches_the_models(name: str) -> None:
    """A change to a model must come with the regenerated schema file: `unres schema NAME > unres/schemas/…`."""
    result = runner.invoke(app, ["schema", name])
    assert result.exit_code == 0
    assert result.stdout == (SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_parse_json_validates_against_the_document_schema(name: str) -> None:
    result = runner.invoke(app, ["parse", str(SEEDS[name]), "--format", "json"])
    assert result.exit_code == 0
    schema = json.loads((SCHEMAS / "document.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(result.stdout), schema)


def test_diff_json_validates_against_the_alignment_schema() -> None:
    result = runner.invoke(app, ["diff", str(SEEDS["ga-58-137"]), str(SEEDS["ecosoc-2006-27-md"]), "--format", "json"])
    assert result.exit_code == 1
    schema = json.loads((SCHEMAS / "alignment.schema.json").read_text(encoding="utf-8"))
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    assert {"kind", "old", "new", "similarity", "edits"} <= set(data["changes"][0])


def test_library_and_cli_give_the_same_alignment() -> None:
    old, new = parse_file(SEEDS["ga-58-137"]), parse_file(SEEDS["ecosoc-2006-27-md"])
    alignment = align(old, new)
    alignment.amendments = amendments_between(old, new, alignment)  # diff --format json writes the amendments too
    result = runner.invoke(app, ["diff", str(SEEDS["ga-58-137"]), str(SEEDS["ecosoc-2006-27-md"]), "--format", "json"])
    assert json.loads(result.stdout) == json.loads(alignment.model_dump_json())
