"""What validates, builds: every playbook that passes validation gets a site that MkDocs builds strictly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from test_site import mkdocs_build

import playbook.site as generator
from playbook.loader import validate
from playbook.schema import schema_text

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

SLUGS = """\
format: 1
name: "Index ids \\u0085 and friends"
severities:
  - {id: index, name: Critical, respond_within: 15m, resolve_within: 1h}
  - {id: Index2, name: Minor, respond_within: 1h, resolve_within: 8h}
  - {id: index-2, name: Other, respond_within: 2h, resolve_within: 9h}
classification:
  impact: [{id: low, name: Low}, {id: mid, name: Mid}, {id: high, name: High}]
  reach: [{id: few, name: Few}]
  matrix: {few: {low: index-2, mid: Index2, high: index}}
roles:
  - {id: index, name: Index role}
  - {id: index.x, name: "Role with ‮ bidi"}
workflow:
  - id: index
    name: Work
    steps:
      - {id: "1.1", action: Do, owner: [index, index.x]}
"""


def valid_playbooks() -> list[Path]:
    found = [REPO / "playbook" / "data" / "clarity.yaml"]
    for path in sorted(FIXTURES.rglob("*.yaml")):
        result = validate(path)
        if result.playbook is not None and not result.errors:
            found.append(path)
    return found


VALID = valid_playbooks()


def test_some_fixtures_are_valid_playbooks() -> None:
    assert len(VALID) >= 3, VALID


@pytest.mark.parametrize("fixture", ["minimal_playbook_text", "small_playbook_text"])
def test_the_shared_test_playbooks_build(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    source = tmp_path / "p.yaml"
    source.write_text(request.getfixturevalue(fixture), "utf-8")
    (tmp_path / "out").mkdir()
    build(tmp_path / "out", source)


def build(tmp_path: Path, source: Path) -> None:
    result = validate(source)
    assert result.playbook is not None and not result.errors, [str(p) for p in result.problems]
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    files = generator.render(result.playbook, schema=schema_text())
    generator.write_site(tmp_path / "site", files)
    built = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "out")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "index.html").is_file()


@pytest.mark.parametrize("source", VALID, ids=[p.name for p in VALID])
def test_every_valid_fixture_builds(tmp_path: Path, source: Path) -> None:
    build(tmp_path, source)


def test_ids_named_like_index_pages_get_pages_of_their_own(tmp_path: Path) -> None:
    source = tmp_path / "slugs.yaml"
    source.write_text(SLUGS, "utf-8")
    # A C1 control in the name is refused, so that it never reaches MkDocs' navigation.
    (problem,) = validate(source).errors
    assert (problem.check, problem.line) == ("invalid-value", 2)
    assert "U+0085" in problem.message
    source.write_text(SLUGS.replace(" \\u0085", ""), "utf-8")
    files = generator.render(validate(source).playbook)  # type: ignore[arg-type]
    pages = sorted(p for p in files if p.startswith(("roles/", "checklists/")))
    assert pages == [
        "checklists/index-2-2.md",
        "checklists/index-2.md",
        "checklists/index.md",
        "checklists/index2.md",
        "roles/index-2.md",
        "roles/index-x.md",
        "roles/index.md",
    ]
    assert files["roles/index.md"].count("index-2.md") >= 1, "the list of roles links the role 'index'"
    site = tmp_path / "built"
    site.mkdir()
    build(site, source)
