"""The JSON outputs are a public interface: the published schemas match the models, and real outputs validate."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from unres import align, amendments_between, parse_file
from unres.cli import SchemaName, app, model_schema

from conftest import SEEDS

SCHEMAS = Path(__file__).resolve().parent.parent / "unres" / "schemas"
runner = CliRunner()


@pytest.mark.parametrize("name", [name.value for name in SchemaName])
def test_published_schema_matches_the_models(name: str) -> None:
    """A change to a model must come with the regenerated schema file (`UNRES_REGENERATE_GOLDEN=1 pytest
    tests/test_schema.py`). `unres schema` prints the published file without building the models, so the file is
    compared with the schema the models give, not with the command's output."""
    published = SCHEMAS / f"{name}.schema.json"
    built = model_schema(SchemaName(name))
    if os.environ.get("UNRES_REGENERATE_GOLDEN") and (not published.is_file() or published.read_bytes() != built.encode()):
        published.write_text(built, encoding="utf-8")
    assert built == published.read_text(encoding="utf-8"), (
        f"{published.name} is not what the models give: UNRES_REGENERATE_GOLDEN=1 pytest tests/test_schema.py"
    )
    result = runner.invoke(app, ["schema", name])
    assert result.exit_code == 0
    assert result.stdout == built


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
