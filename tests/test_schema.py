"""The JSON Schema: committed file current, valid draft 2020-12, agrees with the model."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import Field, ValidationError

from playbook.loader import default_path
from playbook.model import Playbook
from playbook.model.base import Node
from playbook.schema import SCHEMA_ID, json_schema, schema_text
from playbook.source import parse_bytes, read_file

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "playbook.schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def default_data() -> dict[str, Any]:
    parsed = read_file(default_path())
    assert parsed.problems == []
    assert isinstance(parsed.data, dict)
    return parsed.data


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "schema/playbook.schema.json is stale: run `playbook schema` and commit it"
    )


def test_schema_text_is_json_of_json_schema() -> None:
    assert json.loads(schema_text()) == json_schema()
    assert schema_text().endswith("}\n")


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == SCHEMA_ID
    jsonschema.Draft202012Validator.check_schema(schema)
    assert jsonschema.validators.validator_for(schema) is jsonschema.Draft202012Validator


def test_schema_requires_exactly_the_four_sections() -> None:
    assert sorted(json_schema()["required"]) == ["classification", "format", "name", "severities"]


def test_default_playbook_data_passes(validator: jsonschema.Draft202012Validator) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(default_data())]
    assert errors == []


def yaml_data(text: str) -> dict[str, Any]:
    parsed = parse_bytes("test.yaml", text.encode("utf-8"))
    assert parsed.problems == []
    assert isinstance(parsed.data, dict)
    return parsed.data


def test_minimal_playbook_passes(
    validator: jsonschema.Draft202012Validator, minimal_playbook_text: str
) -> None:
    data = yaml_data(minimal_playbook_text)
    assert list(validator.iter_errors(data)) == []
    Playbook.model_validate(data)


def test_small_playbook_passes(validator: jsonschema.Draft202012Validator, small_playbook_text: str) -> None:
    data = yaml_data(small_playbook_text)
    assert list(validator.iter_errors(data)) == []
    Playbook.model_validate(data)


def _set(*path: Any, value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return mutate


def _drop(*path: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return mutate


BROKEN: dict[str, Callable[[dict[str, Any]], None]] = {
    "no severities": _drop("severities"),
    "no classification": _drop("classification"),
    "unknown top-level key": _set("colour", value="red"),
    "format 3": _set("format", value=3),
    "severities not a list": _set("severities", value="P0"),
    "no severity": _set("severities", value=[]),
    "bare-number duration": _set("severities", 0, "respond_within", value=15),
    "duration in words": _set("severities", 0, "respond_within", value="15 minutes"),
    "unknown severity key": _set("severities", 0, "colour", value="red"),
    "severity without name": _drop("severities", 1, "name"),
    "when_in_doubt maybe": _set("classification", "when_in_doubt", value="maybe"),
    "matrix key not an id": _set("classification", "matrix", "bad key!", value={}),
    "id with a space": _set("roles", 0, "id", value="any one"),
    "alert with both sides": _set("detection", "sources", 0, "alerts", 0, "below", value="1%"),
    "rule with metric and signal": _set("rollback", "rules", 0, "signal", value="login_down"),
    "quantity in words": _set("rollback", "rules", 0, "above", value="10 percent"),
    "unknown tier": _set("rollback", "rules", 0, "tier", value="maybe"),
    "priority not a choice": _set("detection", "sources", 0, "priority", value="urgent"),
    "blank name": _set("name", value=""),
}


@pytest.mark.parametrize("mutate", BROKEN.values(), ids=BROKEN.keys())
def test_broken_documents_fail_both(
    validator: jsonschema.Draft202012Validator, mutate: Callable[[dict[str, Any]], None]
) -> None:
    data = copy.deepcopy(default_data())
    mutate(data)
    assert list(validator.iter_errors(data)), "the JSON Schema accepts it"
    with pytest.raises(ValidationError):
        Playbook.model_validate(data)


@pytest.mark.parametrize("duration", ["", "P", "PT"])
def test_empty_durations_fail_both(validator: jsonschema.Draft202012Validator, duration: str) -> None:
    # units.py refuses these; the schema's duration pattern must too, or editors accept them.
    data = copy.deepcopy(default_data())
    data["severities"][0]["respond_within"] = duration
    with pytest.raises(ValidationError):
        Playbook.model_validate(data)
    assert list(validator.iter_errors(data)), f"the JSON Schema accepts respond_within: {duration!r}"


@pytest.mark.parametrize("duration", ["15m", "1h30m", "48h", "PT15M", "P2D", "2d", "90s"])
def test_valid_durations_pass_both(validator: jsonschema.Draft202012Validator, duration: str) -> None:
    data = copy.deepcopy(default_data())
    data["postmortem"]["meeting_within"] = duration
    assert list(validator.iter_errors(data)) == []
    Playbook.model_validate(data)


def test_every_property_has_a_description() -> None:
    """Editors show a property's description on hover: none may be missing."""
    from playbook.schema import json_schema

    missing: list[str] = []
    count = 0

    def walk(node: object, where: str) -> None:
        nonlocal count
        if isinstance(node, dict):
            for name, value in node.get("properties", {}).items():
                count += 1
                if not isinstance(value, dict) or not value.get("description"):
                    missing.append(f"{where}.{name}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, where)

    walk(json_schema(), "")
    assert count > 140
    assert missing == []


class Described(Node):
    first: str = "a"
    """The docstring under a field describes it."""

    second: str = "b"

    third: str = Field("c", description="An explicit description wins.")
    """Not this one."""


class Redeclared(Described):
    second: str = "b"
    """Redeclared with a docstring."""

    first: str = "a"


def test_a_field_is_described_by_its_docstring_in_the_class_that_declares_it() -> None:
    from playbook.schema import _Described

    for cls, expected in (
        (Described, {"first": "The docstring under a field describes it.", "second": None}),
        (Redeclared, {"first": None, "second": "Redeclared with a docstring."}),
    ):
        properties = cls.model_json_schema(schema_generator=_Described)["properties"]
        for name, text in expected.items():
            assert properties[name].get("description") == text, (cls.__name__, name)
        assert properties["third"]["description"] == "An explicit description wins."
