"""playbook.export: thresholds in the expression's scale, rules and routes from the model, safe YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_PLAYBOOK

import playbook
import playbook.derive as derive
from playbook.export import alert_rules, alertmanager_config, playbook_id, prometheus_rules, read_header
from playbook.export.alertmanager import timings
from playbook.export.prometheus import template_text
from playbook.export.text import dump
from playbook.export.thresholds import ScaleError, in_scale, wrapped
from playbook.loader import default_path
from playbook.units import Quantity

REPO = Path(__file__).resolve().parent.parent
SITE = "https://clarity.example/playbook/"


def clarity(edit: tuple[str, str] | None = None) -> playbook.Playbook:
    text = default_path().read_text(encoding="utf-8")
    if edit is not None:
        assert edit[0] in text
        text = text.replace(*edit)
    result = playbook.validate_text(text, "clarity.yaml")
    assert result.playbook is not None and not result.errors, result.problems
    return result.playbook


# --- thresholds ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "unit", "scale", "expected"),
    [
        ("10%", "%", "ratio", "0.1"),
        ("10%", "%", "percent", "10"),
        ("0.5%", "%", "ratio", "0.005"),
        ("99.99999%", "%", "ratio", "0.9999999"),
        ("90%", "%", "ratio", "0.9"),
        ("2s", "s", "seconds", "2"),
        ("2s", "s", "milliseconds", "2000"),
        ("500ms", "s", "seconds", "0.5"),
        ("500ms", "ms", "milliseconds", "500"),
        ("1.5s", "ms", "milliseconds", "1500"),
        ("0.001s", "s", "milliseconds", "1"),
        ("3", "", None, "3"),
        ("-5%", "%", "ratio", "-0.05"),
        ("0%", "%", "ratio", "0"),
    ],
)
def test_a_threshold_is_put_in_the_scale_of_the_expression(
    threshold: str, unit: str, scale: str | None, expected: str
) -> None:
    assert in_scale(Quantity.parse(threshold), unit, scale) == expected


@pytest.mark.parametrize(
    ("threshold", "unit", "scale"), [("5%", "s", "seconds"), ("2s", "%", "ratio"), ("3", "%", "ratio")]
)
def test_a_threshold_in_another_dimension_cannot_be_expressed(threshold: str, unit: str, scale: str) -> None:
    with pytest.raises(ScaleError, match="no alert can compare them"):
        in_scale(Quantity.parse(threshold), unit, scale)


def test_an_expression_is_wrapped_so_that_a_comment_or_line_break_cannot_swallow_the_comparison() -> None:
    assert wrapped(" sum(x) ") == "(sum(x))"
    assert wrapped("sum(x) # errors") == "(\nsum(x) # errors\n)"
    assert wrapped("sum(x)\n/ sum(y)") == "(\nsum(x)\n/ sum(y)\n)"


# --- names and anchors -----------------------------------------------------------------------


def test_names_are_identifiers_and_unique() -> None:
    assert derive.camel("rollback", "error-rate-critical") == "RollbackErrorRateCritical"
    assert derive.camel("p95_latency", "above") == "P95LatencyAbove"
    assert derive.camel("5xx.rate", "above") == "Alert5xxRateAbove"
    book = clarity(
        (
            "        - {metric: response_time, above: 2s}\n",
            "        - {metric: response_time, above: 2s}\n        - {metric: response_time, above: 3s}\n",
        )
    )
    names = [w.name for w in derive.alerts(book).detection[0]]
    assert names == ["ApiErrorRateAbove", "ResponseTimeAbove", "ResponseTimeAbove2", "DbPoolUsageAbove"]
    anchors = [w.anchor for w in derive.alerts(book).detection[0]]
    assert len(set(anchors)) == 4


def test_every_runbook_link_points_at_an_anchor_of_the_committed_site() -> None:
    rules = alert_rules(playbook.load(), SITE).rules
    assert len(rules) == 9
    for rule in rules:
        url = rule.annotations["runbook_url"]
        page, anchor = url.removeprefix(SITE).split("#")
        markdown = (REPO / "site" / page.replace(".html", ".md")).read_text(encoding="utf-8")
        assert f'<span id="{anchor}"></span><code>{rule.name}</code>' in markdown, url
    nav = (REPO / "site" / ".nav.yml").read_text(encoding="utf-8")
    assert "use_directory_urls: false" in nav  # so that rollback.md is served as rollback.html


# --- the rules -------------------------------------------------------------------------------


def test_the_default_playbook_exports_each_rule_with_its_threshold_hold_labels_and_words() -> None:
    rules = {r.name: r for r in alert_rules(playbook.load(), SITE).rules}
    critical = rules["RollbackErrorRateCritical"]
    assert critical.expr.endswith(") > 0.1")
    assert critical.hold is not None and critical.hold.total_seconds() == 300
    assert critical.labels == {
        "playbook": "clarity-incident-response-playbook",
        "rollback_tier": "immediate",
        "rollback_rule": "error-rate-critical",
    }
    assert critical.annotations["summary"] == "立即回滚：API 错误率 > 10% 持续 5 分钟"
    elevated = rules["RollbackErrorRateElevated"]
    assert elevated.expr.endswith(") >= 0.05 <= 0.1")  # one expression, both bounds included
    assert rules["RollbackPaymentFailing"].expr.endswith(") < 0.9")
    assert rules["RollbackPaymentFailing"].hold is None
    assert rules["ResponseTimeAbove"].expr.endswith(") > 2")
    assert rules["ApiErrorRateAbove"].hold is None  # a detection alert has no hold time
    assert rules["ApiErrorRateAbove"].labels["priority"] == "high"
    assert rules["RollbackLoginDown"].expr.startswith("sum(rate(auth_login_attempts_total")


def test_the_summary_uses_the_words_of_the_site() -> None:
    book = playbook.load()
    rules = {r.name: r for r in alert_rules(book).rules}
    rollback_page = (REPO / "site" / "rollback.md").read_text(encoding="utf-8")
    for rule in book.rollback.rules if book.rollback else ():
        name = derive.camel("rollback", rule.id)
        if name in rules:
            words = derive.rule_text(book, rule)
            assert rules[name].annotations["summary"].endswith(words)
            assert words.replace(">", "&gt;").replace("<", "&lt;") in rollback_page
    assert "runbook_url" not in rules["ApiErrorRateAbove"].annotations  # no site address, no link


def test_what_has_no_expression_is_listed_not_skipped_silently() -> None:
    found = alert_rules(playbook.load())
    left = {(item.kind, item.id): item.alerts for item in found.left_out}
    assert left[("signal", "security_exploited")] == ("RollbackSecurityExploited",)
    assert all(kind == "signal" for kind, _ in left)
    text = prometheus_rules(playbook.load()).text
    assert "#   signal quick_fix_available: RollbackQuickFix\n" in text
    book = clarity(
        ("    promql: max(db_pool_connections_in_use / db_pool_connections_max)\n    scale: ratio\n", "")
    )
    left = {(item.kind, item.id): item.alerts for item in alert_rules(book).left_out}
    assert left[("metric", "db_pool_usage")] == ("DbPoolUsageAbove",)


def test_a_threshold_in_another_unit_is_refused_at_its_place() -> None:
    # With the metric-units check turned off, a rule in seconds on a metric in % validates;
    # only the export must say that no alert can compare them.
    text = default_path().read_text(encoding="utf-8").replace("between: [5%, 10%]", "between: [5s, 10s]")
    text += "checks:\n  metric-units: off\n  rollback-tiers: off\n  alert-thresholds: off\n"
    result = playbook.validate_text(text, "clarity.yaml")
    assert result.playbook is not None and not result.errors, result.problems
    exported = prometheus_rules(result.playbook)
    assert not exported.ok and exported.text == ""
    (refusal,) = exported.refused
    assert refusal.loc == ("rollback", "rules", 5, "between", 0)
    assert refusal.message == (
        "rule RollbackErrorRateElevated cannot be exported: 5s is a time, but the metric is a "
        "percentage (%): no alert can compare them"
    )


# --- the text --------------------------------------------------------------------------------


def test_go_template_braces_from_the_playbook_stay_text() -> None:
    assert template_text("a {{ $value }} b") == 'a {{ "{{" }} $value }} b'
    book = clarity(("label: API 错误率", "label: 'API {{ 错误率'"))
    rules = yaml.safe_load(prometheus_rules(book).text)["groups"][0]["rules"]
    assert rules[0]["annotations"]["summary"] == 'API {{ "{{" }} 错误率 > 5%'


def test_yaml_words_that_read_as_booleans_or_numbers_are_quoted() -> None:
    data = yaml.safe_load(
        dump({"a": ["y", "no", "On", "1", "1e3", "P0", "5m", "电话", 'x="1"', "a: b", "#c"]})
    )
    assert data == {"a": ["y", "no", "On", "1", "1e3", "P0", "5m", "电话", 'x="1"', "a: b", "#c"]}
    text = dump({"a": ["y", "no", "P0", "5m", "电话"]})
    assert text == 'a:\n  - "y"\n  - "no"\n  - P0\n  - 5m\n  - 电话\n'


def test_the_header_says_what_wrote_the_file_and_with_which_site() -> None:
    text = prometheus_rules(playbook.load(), SITE).text
    assert read_header(text) == ("prometheus", SITE)
    assert read_header(alertmanager_config(playbook.load()).text) == ("alertmanager", None)
    assert read_header("groups: []\n") == (None, None)


def test_a_playbook_without_metrics_exports_no_rule_and_one_receiver() -> None:
    book = playbook.validate_text(MINIMAL_PLAYBOOK, "minimal.yaml").playbook
    assert book is not None
    assert yaml.safe_load(prometheus_rules(book).text) == {"groups": []}
    config = yaml.safe_load(alertmanager_config(book).text)
    assert config["receivers"] == [{"name": "minimal"}]
    assert playbook_id(book) == "minimal"


# --- the routes ------------------------------------------------------------------------------


def test_timings_come_from_the_response_time_and_the_update_cadence() -> None:
    book = playbook.load()
    assert [timings(s) for s in book.severities] == [
        {"group_wait": "30s", "group_interval": "5m", "repeat_interval": "15m"},
        {"group_wait": "1m", "group_interval": "5m", "repeat_interval": "30m"},
        {"group_wait": "4m", "group_interval": "5m", "repeat_interval": "2h"},
    ]


def test_each_severity_routes_to_its_start_channels() -> None:
    config = yaml.safe_load(alertmanager_config(playbook.load()).text)
    routes = config["route"]["routes"]
    by_matchers = {tuple(r["matchers"]): r for r in routes}
    p0 = by_matchers[('severity="P0"',)]
    assert [child["receiver"] for child in p0["routes"]] == ["Slack", "电话"]
    assert p0["routes"][0]["continue"] is True
    assert by_matchers[('severity="P1"',)]["receiver"] == "Slack"
    assert {r["name"] for r in config["receivers"]} == {"Slack", "电话"}
    tiers = [m for m in by_matchers if len(m) == 2]
    assert [m[1] for m in tiers] == ['rollback_tier="immediate"', 'rollback_tier="consider"']


def test_start_channels_keep_the_order_the_rules_name_them() -> None:
    every = (
        "    - {id: all-start, event: start, channels: [Pager, Slack], audience: [x], timing: immediately}\n"
    )
    p1 = "    - {id: p1-start, event: start, severity: P1,"
    book = clarity((p1, every + p1))  # after P0's start rule, before P1's and P2's
    assert derive.start_channels(book) == {
        "P0": ("Slack", "电话", "Pager"),
        "P1": ("Pager", "Slack"),
        "P2": ("Pager", "Slack"),
    }
