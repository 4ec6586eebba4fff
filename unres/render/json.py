"""JSON output: the models as they are, which is the documented public interface (see docs/json.md)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel


def to_json(model: BaseModel) -> str:
    """Deterministic JSON of a model: fields in declaration order, two-space indent, trailing newline."""
    return model.model_dump_json(indent=2) + "\n"


def schema_json(model: type[BaseModel]) -> str:
    """The published JSON Schema of a model."""
    schema: dict[str, Any] = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
