"""The public playbooks in examples/: each validates strictly, passes its scenarios, and builds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from playbook.cli import main
from playbook.loader import validate
from playbook.review.scenarios import run_scenarios

EXAMPLES = sorted(p for p in (Path(__file__).resolve().parent.parent / "examples").iterdir() if p.is_dir())
NAMES = [p.name for p in EXAMPLES]


def test_the_three_public_playbooks_are_there() -> None:
    assert {"gds-way", "gitlab", "pagerduty"} <= set(NAMES)


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_the_example_is_format_2_and_valid_without_a_warning(example: Path) -> None:
    result = validate(example / "playbook.yaml")
    assert result.playbook is not None
    assert [str(p) for p in result.problems] == []
    assert result.playbook.format == 2


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_the_example_names_its_source_and_commit_first(example: Path) -> None:
    head = "\n".join((example / "playbook.yaml").read_text("utf-8").splitlines()[:8])
    assert head.startswith("#") and "github.com/" in head
    assert any(len(word.strip(",.()")) == 40 for word in head.split()), "a full commit hash"


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_every_scenario_of_the_example_passes(example: Path) -> None:
    outcome = run_scenarios(example / "scenarios.yaml")
    assert [str(p) for p in outcome.problems] == []
    assert outcome.failed == 0
    assert outcome.passed >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_the_example_has_a_coverage_table(example: Path) -> None:
    text = (example / "COVERAGE.md").read_text("utf-8")
    assert text.count("\n|") >= 10


@pytest.mark.parametrize("example", EXAMPLES, ids=NAMES)
def test_the_example_site_builds_strictly(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "-p", str(example / "playbook.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file()
    assert any((out / "checklists").glob("*.html"))
