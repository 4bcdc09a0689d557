"""playbook.json, as the site publishes it, is valid against the published schema, for jsonschema and Ajv."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest

import playbook
import playbook.site as generator
from playbook.loader import validate_text
from playbook.schema import json_schema

REPO = Path(__file__).resolve().parent.parent
NODE = REPO / "tests" / "node"


def published(text: str) -> dict[str, object]:
    result = validate_text(text)
    assert result.playbook is not None and not result.errors
    return json.loads(generator.render(result.playbook)["playbook.json"])  # type: ignore[no-any-return]


@pytest.fixture(params=["default", "minimal", "small"])
def document(request: pytest.FixtureRequest) -> dict[str, object]:
    if request.param == "default":
        return json.loads((REPO / "site" / "playbook.json").read_text("utf-8"))  # type: ignore[no-any-return]
    return published(request.getfixturevalue(f"{request.param}_playbook_text"))


def test_jsonschema_accepts_the_published_json(document: dict[str, object]) -> None:
    errors = list(jsonschema.Draft202012Validator(json_schema()).iter_errors(document))
    assert errors == [], [e.message for e in errors[:5]]


def test_the_published_json_has_no_null_and_loads_back(document: dict[str, object]) -> None:
    assert "null" not in json.dumps(document)
    book = playbook.Playbook.model_validate(document)
    assert playbook.Playbook.model_validate(json.loads(json.dumps(book.model_dump(mode="json")))) == book


def test_the_default_json_is_the_default_playbook() -> None:
    document = json.loads((REPO / "site" / "playbook.json").read_text("utf-8"))
    assert playbook.Playbook.model_validate(document) == playbook.default()


def test_ajv_accepts_the_published_json(document: dict[str, object], tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None or not (NODE / "node_modules" / "ajv").is_dir():
        if os.environ.get("CI"):
            pytest.fail("Ajv is not installed: .ci/run runs npm ci in tests/node")
        pytest.skip("Ajv is not installed: run `npm ci --prefix tests/node`")
    schema = tmp_path / "schema.json"
    schema.write_text(json.dumps(json_schema()), "utf-8")
    data = tmp_path / "playbook.json"
    data.write_text(json.dumps(document), "utf-8")
    done = subprocess.run(
        [node, str(NODE / "validate.js"), str(schema), str(data)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "valid"
