"""The layout stays as docs/architecture.md describes it: small modules, statically registered parts."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import playbook.checks
from playbook.model import Identity, Playbook, Ref, fields_of
from playbook.model.walk import marker, shape_of

REPO = Path(__file__).resolve().parent.parent
MAX_LINES = 400
MODULES = sorted([*(REPO / "playbook").rglob("*.py"), *(REPO / "playbook" / "site").rglob("*.py")])


def test_there_are_modules_to_measure() -> None:
    assert len(MODULES) > 40


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(REPO)))
def test_no_module_is_over_400_lines(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)} has {lines} lines; split it by concern"


def test_checks_are_imported_by_name_not_discovered() -> None:
    tree = ast.parse((REPO / "playbook" / "checks" / "__init__.py").read_text(encoding="utf-8"))
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "playbook.checks"
        for alias in node.names
    }
    modules = {p.stem for p in (REPO / "playbook" / "checks").glob("*.py")} - {"__init__", "base"}
    assert imported == modules
    assert "importlib" not in (REPO / "playbook" / "checks" / "__init__.py").read_text(encoding="utf-8")
    assert {check.__name__.rsplit(".", 1)[-1] for check in playbook.checks.CHECKS} == modules  # type: ignore[attr-defined]


def _kinds(model: type) -> tuple[set[str], set[str]]:
    identities: set[str] = set()
    references: set[str] = set()
    seen: set[type] = set()

    def visit(cls: type) -> None:
        if cls in seen:
            return
        seen.add(cls)
        for spec in fields_of(cls):  # type: ignore[arg-type]
            stack = [spec.shape]
            while stack:
                shape = stack.pop()
                found = marker(shape, Identity)
                if found is not None:
                    identities.add(found.kind)
                ref = marker(shape, Ref)
                if ref is not None:
                    references.add(ref.kind)
                stack += [s for s in (shape.item, shape.key) if s is not None]
                if shape.model is not None:
                    visit(shape.model)

    visit(model)
    return identities, references


def test_every_reference_names_a_kind_the_model_declares() -> None:
    identities, references = _kinds(Playbook)
    assert references <= identities, references - identities
    assert {"severity", "role", "metric", "signal", "step", "external rule"} <= identities


def test_a_shape_reads_markers_through_optional_and_nested_types() -> None:
    from typing import Annotated

    shape = shape_of(Annotated[tuple[Annotated[str, Ref("role")], ...] | None, Identity("x")])
    assert shape.kind == "list"
    assert marker(shape, Identity) == Identity("x")
    assert shape.item is not None and marker(shape.item, Ref) == Ref("role")


def test_every_module_of_the_package_has_a_place_in_the_layers() -> None:
    import tomllib

    config = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["importlinter"]
    (layers,) = [c for c in config["contracts"] if c["type"] == "layers"]
    named = {name.strip() for layer in layers["layers"] for name in layer.replace(":", "|").split("|")}
    top = {
        f"playbook.{p.stem}" if p.is_file() else f"playbook.{p.name}"
        for p in (REPO / "playbook").iterdir()
        if (p.suffix == ".py" and p.stem not in ("__init__", "__main__", "api"))
        or (p.is_dir() and (p / "__init__.py").exists())
    }
    top.add("playbook.api")
    assert top <= named, f"modules outside every layer (add them to pyproject.toml): {sorted(top - named)}"
    (below,) = [c for c in config["contracts"] if c["name"].startswith("below the CLI")]
    assert set(below["source_modules"]) == named - {"playbook.cli", "playbook.site"}
