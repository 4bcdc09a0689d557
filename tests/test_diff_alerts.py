"""``playbook diff`` says which exported alerting rules a change adds, removes or alters."""

from __future__ import annotations

import json

import playbook
from playbook.loader import default_path
from playbook.review.alerts import AlertChange, alert_changes
from playbook.review.diff import compare

CLARITY = default_path().read_text(encoding="utf-8")


def book(*edits: tuple[str, str], extra: str = "") -> playbook.Playbook:
    text = CLARITY
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    result = playbook.validate_text(text + extra, "clarity.yaml")
    assert result.playbook is not None and not result.errors, result.problems
    return result.playbook


BASE = book()
HIGHER = ("api_error_rate, above: 10%, for: 5m}", "api_error_rate, above: 15%, for: 10m}")


def test_a_threshold_and_hold_time_change_the_rule_they_export() -> None:
    (change,) = alert_changes(BASE, book(HIGHER))
    assert change.alert == "RollbackErrorRateCritical" and change.change == "changed"
    parts = {part: (before, after) for part, before, after in change.parts}
    assert parts["expr"][0].endswith(") > 0.1") and parts["expr"][1].endswith(") > 0.15")
    assert parts["for"] == ("5m", "10m")
    assert parts["summary"] == (
        "立即回滚：API 错误率 > 10% 持续 5 分钟",
        "立即回滚：API 错误率 > 15% 持续 10 分钟",
    )


def test_an_expression_added_or_removed_adds_or_removes_alerts() -> None:
    bare = book(("      promql: max(db_pool_connections_in_use / db_pool_connections_max) >= 1\n", ""))
    assert alert_changes(BASE, bare) == (AlertChange("RollbackDbPoolExhausted", "removed"),)
    assert alert_changes(bare, BASE) == (AlertChange("RollbackDbPoolExhausted", "added"),)
    assert str(alert_changes(BASE, bare)[0]) == "alert RollbackDbPoolExhausted removed"


def test_a_rule_the_export_can_no_longer_express_is_said_so() -> None:
    relaxed = "checks:\n  metric-units: off\n"
    broken = book(("p95_latency, above: 5s", "p95_latency, above: 5%"), extra=relaxed)
    assert alert_changes(BASE, broken) == (AlertChange("RollbackLatencyDegraded", "refused"),)
    assert (
        "`RollbackLatencyDegraded` cannot be exported any more"
        in compare(BASE, broken, "a", "b").to_markdown()
    )


def test_a_change_that_exports_nothing_differently_lists_no_alert() -> None:
    later = book(("    respond_within: 30m\n", "    respond_within: 1h\n"))
    comparison = compare(BASE, later, "a", "b")
    assert comparison.changes and comparison.alerts == ()
    assert "exported alert" not in comparison.to_markdown()
    assert "alerts" not in comparison.to_dict()


def test_markdown_and_json_show_the_alerts_that_change() -> None:
    comparison = compare(BASE, book(HIGHER), "a.yaml", "b.yaml")
    text = comparison.to_markdown()
    assert "**1 exported alert(s) change** (`playbook export prometheus`):" in text
    assert "- `RollbackErrorRateCritical`: `expr` `(sum(" in text and "`for` `5m` → `10m`" in text
    body = json.loads(json.dumps(comparison.to_dict()))
    assert body["alerts"][0]["alert"] == "RollbackErrorRateCritical"
    assert {"part": "for", "before": "5m", "after": "10m"} in body["alerts"][0]["parts"]


def test_values_from_the_playbook_stay_inert_in_the_markdown() -> None:
    hostile = book(("label: API 错误率", "label: 'x` <img src=y> @team'"))
    text = compare(BASE, hostile, "a", "b").to_markdown()
    assert "``立即回滚：x` <img src=y> @team > 10% 持续 5 分钟``" in text
