"""Review tooling: the semantic diff, scenario tests, and postmortem reports."""

from __future__ import annotations

from playbook.review.diff import Change, Comparison, compare, diff
from playbook.review.postmortem import check_report, draft, template_markdown
from playbook.review.scenarios import Outcome, run_scenarios

__all__ = [
    "Change",
    "Comparison",
    "Outcome",
    "check_report",
    "compare",
    "diff",
    "draft",
    "run_scenarios",
    "template_markdown",
]
