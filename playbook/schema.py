"""The JSON Schema of the playbook format, generated from the model.

A field is described by its ``description`` or, failing that, by the
docstring written under it in its class. The docstrings are read here, when a
schema is made, rather than by pydantic each time the model is imported.
"""

from __future__ import annotations

import ast
import contextlib
import functools
import inspect
import itertools
import json
import sys
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from playbook.model import Playbook

__all__ = ["SCHEMA_ID", "json_schema", "report_schema_text", "schema_text"]

SCHEMA_ID = "https://playbook-as-code.invalid/schema/playbook.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a playbook YAML document satisfies."""
    schema = _close_pattern_maps(
        Playbook.model_json_schema(by_alias=True, mode="validation", schema_generator=_Described)
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Incident response playbook",
        "description": (
            "An incident response playbook: severities, classification matrix, detection, "
            "workflow, communication, rollback and postmortem. Generated from the playbook "
            "model; do not edit by hand."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def schema_text() -> str:
    """The schema as the committed file holds it: indented JSON ending with a newline."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _close_pattern_maps(node: Any) -> Any:
    # A dict[Id, ...] field becomes patternProperties; without this, a key that
    # does not match the pattern would pass the schema but not the model.
    if isinstance(node, dict):
        if "patternProperties" in node:
            node.setdefault("additionalProperties", False)
        for value in node.values():
            _close_pattern_maps(value)
    elif isinstance(node, list):
        for value in node:
            _close_pattern_maps(value)
    return node


class _Described(GenerateJsonSchema):
    """Pydantic's generator, describing a field without a description by its attribute docstring."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        json_schema = super().model_schema(schema)
        cls: type[BaseModel] = schema["cls"]
        properties = json_schema.get("properties", {})
        for name, field in cls.model_fields.items():
            key = field.alias or name
            text = _field_docstring(cls, name) if field.description is None else None
            if text and key in properties:
                properties[key]["description"] = text
        return json_schema


def _field_docstring(cls: type, name: str) -> str | None:
    """The docstring written under field ``name`` in the class of ``cls``'s bases that declares it."""
    for base in cls.__mro__:
        if name in vars(base).get("__annotations__", {}):
            return _docstrings(base.__module__).get(base.__qualname__, {}).get(name)
    return None


@functools.cache
def _docstrings(module: str) -> dict[str, dict[str, str]]:
    """For each class of ``module``, by qualified name: the docstring under each annotated attribute."""
    found: dict[str, dict[str, str]] = {}

    def visit(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                found[prefix + node.name] = {
                    before.target.id: inspect.cleandoc(after.value.value)
                    for before, after in itertools.pairwise(node.body)
                    if isinstance(before, ast.AnnAssign)
                    and isinstance(before.target, ast.Name)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                }
                visit(node.body, f"{prefix}{node.name}.")

    # Without source to read (a module loaded from bytecode only), fields keep their explicit descriptions.
    with contextlib.suppress(KeyError, OSError, TypeError):
        visit(ast.parse(inspect.getsource(sys.modules[module])).body, "")
    return found


def report_schema_text() -> str:
    """The schema of ``playbook validate --format json`` output, as committed."""
    from playbook.report import REPORT_SCHEMA

    return json.dumps(REPORT_SCHEMA, indent=2, ensure_ascii=False) + "\n"
