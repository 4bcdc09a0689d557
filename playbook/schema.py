"""The JSON Schema of the playbook format, generated from the model."""

from __future__ import annotations

import json
from typing import Any

from playbook.model import Playbook

__all__ = ["SCHEMA_ID", "json_schema", "report_schema_text", "schema_text"]

SCHEMA_ID = "https://playbook-as-code.invalid/schema/playbook.schema.json"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a playbook YAML document satisfies."""
    schema = _close_pattern_maps(Playbook.model_json_schema(by_alias=True, mode="validation"))
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


def report_schema_text() -> str:
    """The schema of ``playbook validate --format json`` output, as committed."""
    from playbook.report import REPORT_SCHEMA

    return json.dumps(REPORT_SCHEMA, indent=2, ensure_ascii=False) + "\n"
