"""The PagerDuty example: it validates without a warning, its scenarios pass, and its site builds strictly."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from playbook.cli import main
from playbook.loader import validate
from playbook.review.scenarios import run_scenarios

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "pagerduty"


def test_the_example_is_valid_without_a_warning() -> None:
    result = validate(EXAMPLE / "playbook.yaml")
    assert result.playbook is not None
    assert result.problems == []
    assert result.playbook.format == 2


def test_the_example_names_its_source_and_commit_first() -> None:
    first, second = (EXAMPLE / "playbook.yaml").read_text("utf-8").splitlines()[:2]
    assert first.startswith("# Source: https://github.com/PagerDuty/incident-response-docs")
    assert "e8a6182e031ee14526e41eadc42f3b44aaa3397e" in second


def test_every_scenario_of_the_example_passes() -> None:
    outcome = run_scenarios(EXAMPLE / "scenarios.yaml")
    assert outcome.problems == []
    assert outcome.failed == 0
    assert outcome.passed >= 10


def test_the_example_site_builds_strictly(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "-p", str(EXAMPLE / "playbook.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "index.html").is_file()
    assert (out / "checklists" / "sev-5.html").is_file()
