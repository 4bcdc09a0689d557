"""The response API on the default (Clarity) playbook: rollback decisions, checklists,
timelines and messages, with expected values taken from the seed playbook document.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from itertools import pairwise
from typing import Any

import pytest
from conftest import SEED_METRICS, SEED_SIGNALS

import playbook
from playbook import (
    Checklist,
    ChecklistItem,
    MessageError,
    Observation,
    Playbook,
    RollbackDecision,
    UnknownNameError,
    default,
    load,
    validate_text,
)
from playbook.response import Classified, Message, preview_message
from playbook.units import Quantity, parse_duration

CST = timezone(timedelta(hours=8))
START = datetime(2026, 1, 1, 10, 0, tzinfo=CST)


@pytest.fixture(scope="module")
def book() -> Playbook:
    return default()


def at(hour: int, minute: int = 0, day: int = 1) -> datetime:
    return datetime(2026, 1, day, hour, minute, tzinfo=CST)


# Rollback decisions ----------------------------------------------------------------------

METRIC_IDS = SEED_METRICS
SIGNAL_IDS = SEED_SIGNALS


def rules_of(matches: tuple[Any, ...]) -> list[str]:
    return [m.rule for m in matches]


# API 错误率 > 10% 持续 5 分钟 → 立即回滚 (strict >, and the duration counts).
@pytest.mark.parametrize(
    ("value", "held", "decision", "matched", "pending"),
    [
        # at the threshold: 10% is not > 10%, whatever the duration
        ("10%", "5m", "watch", [], ["error-rate-elevated"]),
        ("10%", "6m", "watch", [], ["error-rate-elevated"]),
        # just below the threshold
        ("9.9%", "6m", "watch", [], ["error-rate-elevated"]),
        # just above the threshold, at / just below / just above the duration
        ("10.1%", "5m", "immediate", ["error-rate-critical"], []),
        ("10.1%", "4m59s", "watch", [], ["error-rate-critical"]),
        ("10.1%", "5m1s", "immediate", ["error-rate-critical"], []),
        ("12%", "6m", "immediate", ["error-rate-critical"], []),
        # above 10% the 5-10% rule does not apply, however long it holds
        ("10.1%", "10m", "immediate", ["error-rate-critical"], []),
    ],
)
def test_error_rate_critical_rule(
    book: Playbook, value: str, held: str, decision: str, matched: list[str], pending: list[str]
) -> None:
    result = book.decide_rollback({"api_error_rate": (value, held)})
    assert result.decision == decision
    assert rules_of(result.matched) == matched
    assert rules_of(result.pending) == pending


# API 错误率 5-10% 持续 10 分钟 → 考虑回滚 (both ends inclusive).
@pytest.mark.parametrize(
    ("value", "held", "decision", "matched", "pending"),
    [
        ("5%", "10m", "consider", ["error-rate-elevated"], []),
        ("7%", "10m", "consider", ["error-rate-elevated"], []),
        ("10%", "10m", "consider", ["error-rate-elevated"], []),
        ("4.9%", "10m", "none", [], []),
        ("4.9%", "1h", "none", [], []),
        ("5.1%", "10m", "consider", ["error-rate-elevated"], []),
        ("5%", "9m59s", "watch", [], ["error-rate-elevated"]),
        ("10%", "9m59s", "watch", [], ["error-rate-elevated"]),
        ("5%", "10m1s", "consider", ["error-rate-elevated"], []),
        ("9.9%", "30m", "consider", ["error-rate-elevated"], []),
    ],
)
def test_error_rate_elevated_rule(
    book: Playbook, value: str, held: str, decision: str, matched: list[str], pending: list[str]
) -> None:
    result = book.decide_rollback({"api_error_rate": (value, held)})
    assert result.decision == decision
    assert rules_of(result.matched) == matched
    assert rules_of(result.pending) == pending


def test_pending_rule_keeps_its_tier(book: Playbook) -> None:
    result = book.decide_rollback({"api_error_rate": ("10.1%", "4m59s")})
    assert [(m.rule, m.tier) for m in result.pending] == [("error-rate-critical", "immediate")]
    assert result.matched == ()


# 支付成功率 < 90% → 立即回滚 (strict <, no duration).
@pytest.mark.parametrize(
    ("value", "decision"),
    [
        ("90%", "none"),
        ("90.1%", "none"),
        ("89.9%", "immediate"),
        ("50%", "immediate"),
        (("89.9%", "1m"), "immediate"),
        (("90%", "1h"), "none"),
    ],
)
def test_payment_success_rule(book: Playbook, value: object, decision: str) -> None:
    result = book.decide_rollback({"payment_success_rate": value})
    assert result.decision == decision
    assert rules_of(result.matched) == (["payment-failing"] if decision == "immediate" else [])
    assert result.pending == ()


# 性能严重劣化（p95 > 5s）→ 考虑回滚 (strict >; ms and s compare as times).
@pytest.mark.parametrize(
    ("value", "decision"),
    [
        ("5s", "none"),
        ("5000ms", "none"),
        ("4.999s", "none"),
        ("4999ms", "none"),
        ("5.001s", "consider"),
        ("5001ms", "consider"),
        ("6s", "consider"),
    ],
)
def test_p95_latency_rule(book: Playbook, value: str, decision: str) -> None:
    result = book.decide_rollback({"p95_latency": value})
    assert result.decision == decision
    assert rules_of(result.matched) == (["latency-degraded"] if decision == "consider" else [])


@pytest.mark.parametrize(
    ("signal", "rule", "tier", "reason"),
    [
        ("login_down", "login-down", "immediate", "用户完全无法登录"),
        ("db_pool_exhausted", "db-pool-exhausted", "immediate", "数据库连接池耗尽"),
        ("security_exploited", "security-exploited", "immediate", "严重安全漏洞被利用"),
        ("solve_partial_failure", "solve-partial-failure", "consider", "关键功能（Solve 流程）部分失败"),
        ("hotfix_over_30m", "hotfix-too-slow", "consider", "热修复 30 分钟内无法完成"),
        ("non_critical_feature", "non-critical-feature", "none", "非关键功能问题"),
        ("few_users_affected", "few-users", "none", "仅影响少量用户"),
        ("quick_fix_available", "quick-fix", "none", "有明确的快速修复方案"),
    ],
)
def test_each_signal(book: Playbook, signal: str, rule: str, tier: str, reason: str) -> None:
    result = book.decide_rollback(signals=[signal])
    assert result.decision == tier
    assert len(result.matched) == 1
    match = result.matched[0]
    assert (match.rule, match.tier) == (rule, tier)
    assert reason in match.reason
    assert result.pending == ()


def test_metric_reasons_state_the_seed_rules(book: Playbook) -> None:
    critical = book.decide_rollback({"api_error_rate": ("12%", "6m")}).matched[0]
    assert "API 错误率 > 10% 持续 5 分钟" in critical.reason
    elevated = book.decide_rollback({"api_error_rate": ("7%", "10m")}).matched[0]
    assert "API 错误率 5-10% 持续 10 分钟" in elevated.reason
    payment = book.decide_rollback({"payment_success_rate": "80%"}).matched[0]
    assert "支付成功率 < 90%" in payment.reason
    latency = book.decide_rollback({"p95_latency": "6s"}).matched[0]
    assert "性能严重劣化" in latency.reason
    assert "p95 > 5s" in latency.reason


def test_reason_includes_the_observation(book: Playbook) -> None:
    match = book.decide_rollback({"api_error_rate": ("12%", "6m")}).matched[0]
    assert "12%" in match.reason


def test_most_severe_tier_wins(book: Playbook) -> None:
    result = book.decide_rollback(
        {"p95_latency": "6s", "payment_success_rate": "80%"},
        signals=["quick_fix_available", "hotfix_over_30m"],
    )
    assert result.decision == "immediate"
    assert set(rules_of(result.matched)) == {
        "latency-degraded",
        "payment-failing",
        "quick-fix",
        "hotfix-too-slow",
    }
    tiers = [m.tier for m in result.matched]
    assert tiers == sorted(tiers, key=["immediate", "consider", "none"].index)
    assert tiers[0] == "immediate"


def test_most_severe_tier_wins_whatever_the_rule_order(small_playbook_text: str) -> None:
    # In the small playbook the immediate "login" rule is written after the consider rules.
    result = validate_text(small_playbook_text)
    assert result.playbook is not None
    assert not result.errors
    decision = result.playbook.decide_rollback({"latency": "6s"}, signals=["login_down"])
    assert decision.decision == "immediate"
    assert [(m.rule, m.tier) for m in decision.matched] == [("login", "immediate"), ("slow", "consider")]
    assert decision.decided_by is None


def test_consider_beats_none(book: Playbook) -> None:
    result = book.decide_rollback(signals=["few_users_affected", "solve_partial_failure"])
    assert result.decision == "consider"
    assert [m.tier for m in result.matched] == ["consider", "none"]


def test_signal_wins_over_pending_metric(book: Playbook) -> None:
    result = book.decide_rollback({"api_error_rate": ("12%", "1m")}, signals=["login_down"])
    assert result.decision == "immediate"
    assert rules_of(result.matched) == ["login-down"]
    assert rules_of(result.pending) == ["error-rate-critical"]


def test_nothing_observed_is_refused(book: Playbook) -> None:
    for call in (lambda: book.decide_rollback(), lambda: book.decide_rollback({}, [])):
        with pytest.raises(ValueError, match="nothing observed"):
            call()


def test_unmatched_metrics_are_none(book: Playbook) -> None:
    result = book.decide_rollback({"response_time": "10s", "db_pool_usage": "99%"})
    assert result.decision == "none"
    assert result.matched == ()


def test_consider_is_decided_by_the_incident_commander(book: Playbook) -> None:
    assert book.decide_rollback({"p95_latency": "6s"}).decided_by == "incident-commander"
    assert book.decide_rollback(signals=["hotfix_over_30m"]).decided_by == "incident-commander"


def test_unknown_metric_lists_the_known_ones(book: Playbook) -> None:
    with pytest.raises(UnknownNameError) as caught:
        book.decide_rollback({"error_rate": "12%"})
    assert isinstance(caught.value, ValueError)
    assert caught.value.kind == "metric"
    assert caught.value.name == "error_rate"
    assert set(caught.value.known) == set(METRIC_IDS)
    for name in METRIC_IDS:
        assert name in str(caught.value)


def test_unknown_signal_lists_the_known_ones(book: Playbook) -> None:
    with pytest.raises(UnknownNameError) as caught:
        book.decide_rollback(signals=["login_broken"])
    assert isinstance(caught.value, ValueError)
    assert caught.value.kind == "signal"
    assert set(caught.value.known) == set(SIGNAL_IDS)
    for name in SIGNAL_IDS:
        assert name in str(caught.value)


def test_unknown_signal_raises_even_with_known_ones(book: Playbook) -> None:
    with pytest.raises(UnknownNameError, match="nope"):
        book.decide_rollback(signals=["login_down", "nope"])


@pytest.mark.parametrize(
    ("metric", "value"),
    [
        ("api_error_rate", "2s"),
        ("api_error_rate", ("2s", "6m")),
        ("api_error_rate", "500ms"),
        ("p95_latency", "12%"),
        ("payment_success_rate", "1s"),
    ],
)
def test_value_in_the_wrong_unit_raises(book: Playbook, metric: str, value: object) -> None:
    with pytest.raises(ValueError) as caught:
        book.decide_rollback({metric: value})
    assert not isinstance(caught.value, UnknownNameError)
    assert metric in str(caught.value)


@pytest.mark.parametrize(
    "value",
    ["twelve", ("12%",), ("12%", "6m", "x"), ("12%", "six minutes"), ("12%", 6)],
)
def test_malformed_observation_raises(book: Playbook, value: object) -> None:
    with pytest.raises(ValueError):
        book.decide_rollback({"api_error_rate": value})


@pytest.mark.parametrize(
    ("metrics", "decision"),
    [
        ({"api_error_rate": (12, "6m")}, "immediate"),
        ({"api_error_rate": ("12", "6m")}, "immediate"),
        ({"api_error_rate": (10, "6m")}, "none"),
        ({"api_error_rate": (7.5, "10m")}, "consider"),
        ({"payment_success_rate": 89.9}, "immediate"),
        ({"payment_success_rate": 90}, "none"),
        ({"p95_latency": 6}, "consider"),
        ({"p95_latency": 5}, "none"),
    ],
)
def test_bare_numbers_need_the_metric_unit(book: Playbook, metrics: dict[str, object], decision: str) -> None:
    with pytest.raises(ValueError, match="needs its unit") as caught:
        book.decide_rollback(metrics)
    name, unit = next(iter(metrics)), {"api_error_rate": "%", "payment_success_rate": "%", "p95_latency": "s"}
    assert f"measured in {unit[name]}" in str(caught.value)


def test_a_fraction_for_a_percentage_suggests_both_readings(book: Playbook) -> None:
    with pytest.raises(ValueError, match=r"write 0\.12%, or 12% if 0\.12 is a fraction"):
        book.decide_rollback({"api_error_rate": "0.12"})


@pytest.mark.parametrize(
    "reading",
    [
        Observation(Quantity(12, "%"), timedelta(minutes=6)),
        Observation.of(("12%", "6m")),
        ("12%", "6m"),
        ("12%", timedelta(minutes=6)),
        (Quantity(12, "%"), "6m"),
    ],
)
def test_observation_forms_are_equivalent(book: Playbook, reading: object) -> None:
    result = book.decide_rollback({"api_error_rate": reading})
    assert result.decision == "immediate"
    assert rules_of(result.matched) == ["error-rate-critical"]


def test_a_reading_without_a_hold_time_has_held_for_an_unknown_time(book: Playbook) -> None:
    result = book.decide_rollback({"api_error_rate": "12%"})
    assert result.decision == "watch"
    assert rules_of(result.pending) == ["error-rate-critical"]
    assert [m.status for m in result.pending] == ["unknown"]
    assert "hold time unknown" in result.to_text()
    assert Observation.of("12%") == Observation(Quantity(12, "%"), None)


def test_twelve_percent_for_four_minutes_is_watched_and_names_the_minute(book: Playbook) -> None:
    now = datetime.fromisoformat("2026-01-01T10:00+08:00")
    result = book.decide_rollback({"api_error_rate": ("12%", "4m")}, now=now)
    assert result.decision == "watch"
    (pending,) = result.pending
    assert (pending.rule, pending.tier, pending.status) == ("error-rate-critical", "immediate", "pending")
    assert pending.fires_in == timedelta(minutes=1)
    assert pending.fires_at == datetime.fromisoformat("2026-01-01T10:01+08:00")
    assert "immediate at 2026-01-01T10:01+08:00, in 1m, if it holds" in result.to_text()


def test_none_lists_every_rule_evaluated_and_why(book: Playbook) -> None:
    result = book.decide_rollback({"api_error_rate": ("4%", "20m")})
    assert result.decision == "none"
    assert rules_of(result.unmet) == ["error-rate-critical", "error-rate-elevated"]
    assert all("4%" in m.reason for m in result.unmet)


def test_names_match_in_any_case_with_dashes_and_underscores_alike(book: Playbook) -> None:
    assert book.decide_rollback(signals=["login-down"]).decision == "immediate"
    assert book.decide_rollback(signals=["LOGIN_DOWN"]).decision == "immediate"
    assert book.decide_rollback({"API-Error-Rate": ("12%", "6m")}).decision == "immediate"


def test_who_decides_is_named_by_role_name(book: Playbook) -> None:
    result = book.decide_rollback({"p95_latency": "6s"})
    assert result.decided_by == "incident-commander"
    assert result.decided_by_name == "Incident Commander"
    assert result.to_text().startswith("consider (decided by Incident Commander)")


def test_signals_accept_any_iterable_and_duplicates(book: Playbook) -> None:
    result = book.decide_rollback(signals=("login_down", "login_down"))
    assert rules_of(result.matched) == ["login-down"]
    result = book.decide_rollback(signals=iter(["db_pool_exhausted"]))
    assert rules_of(result.matched) == ["db-pool-exhausted"]


def test_decision_to_dict_is_json(book: Playbook) -> None:
    result = book.decide_rollback({"api_error_rate": ("7%", "10m")}, signals=["few_users_affected"])
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["decision"] == "consider"
    assert data["decided_by"] == "incident-commander"
    assert [m["rule"] for m in data["matched"]] == ["error-rate-elevated", "few-users"]
    assert data["pending"] == []
    assert isinstance(result, RollbackDecision)


# Checklists ------------------------------------------------------------------------------

# The seed's Response Workflow tables: step, phase, action, owners (names as the seed writes them).
SEED_STEPS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("1.1", "detection", "收到告警或报告", ("任何人",)),
    ("1.2", "detection", "初步验证问题", ("发现者",)),
    ("1.3", "detection", "创建 Incident Ticket", ("发现者",)),
    ("1.4", "detection", "通知 On-call 或相关负责人", ("发现者",)),
    ("2.1", "triage", "确认影响范围和严重级别", ("Incident Commander",)),
    ("2.2", "triage", "组建响应团队", ("Incident Commander",)),
    ("2.3", "triage", "建立沟通渠道（Slack/电话）", ("Incident Commander",)),
    ("2.4", "triage", "首次状态通报", ("Incident Commander",)),
    ("3.1", "contain", "快速诊断根因", ("技术团队",)),
    ("3.2", "contain", "评估止损方案（回滚 / 热修复 / 降级）", ("技术团队",)),
    ("3.3", "contain", "执行止损方案", ("Backend Lead", "DevOps Lead")),
    ("3.4", "contain", "验证止损效果", ("QA Lead",)),
    ("3.5", "contain", "更新状态通报", ("Incident Commander",)),
    ("4.1", "recover", "彻底修复问题（如止损方案是临时的）", ("技术团队",)),
    ("4.2", "recover", "验证修复效果", ("QA Lead",)),
    ("4.3", "recover", "恢复正常服务", ("DevOps",)),
    ("4.4", "recover", "持续监控 30 分钟", ("技术团队",)),
    ("4.5", "recover", "宣布事件结束", ("Incident Commander",)),
    ("5.1", "postmortem", "收集时间线和证据", ("Incident Commander",)),
    ("5.2", "postmortem", "组织复盘会议（48 小时内）", ("Incident Commander",)),
    ("5.3", "postmortem", "撰写 Postmortem 报告", ("Incident Commander",)),
    ("5.4", "postmortem", "制定改进措施并跟踪", ("相关负责人",)),
]
STEP_IDS = [step[0] for step in SEED_STEPS]
PHASE_IDS = ["detection", "triage", "contain", "recover", "postmortem"]

SEED_VERIFICATION = [
    "Health check endpoints 全绿",
    "核心 API 响应正常",
    "用户可正常登录",
    "支付流程可用（测试卡）",
    "错误率恢复正常",
]

# Per severity: 响应时间, Incident Commander, 启动通知 (audience, channels, absent), 通信频率,
# 升级路径, 解决目标.
SEED_SEVERITY = {
    "P0": {
        "respond": ("15 分钟内响应", timedelta(minutes=15)),
        "commander": "在线的最资深工程师",
        "notify": (["全技术团队", "管理层", "Slack", "电话"], ["相关技术团队"]),
        "update": ("每 15 分钟", timedelta(minutes=15)),
        "escalate": "立即通知所有相关负责人 + 管理层",
        "resolve": ("1 小时内止损或回滚", timedelta(hours=1)),
    },
    "P1": {
        "respond": ("30 分钟内响应", timedelta(minutes=30)),
        "commander": "在线的最资深工程师",
        "notify": (["相关技术团队", "Slack"], ["电话", "管理层"]),
        "update": ("每 30 分钟", timedelta(minutes=30)),
        "escalate": "通知相关技术负责人",
        "resolve": ("4 小时内修复或提供临时方案", timedelta(hours=4)),
    },
    "P2": {
        "respond": ("2 小时内响应", timedelta(hours=2)),
        "commander": "对应模块负责人",
        "notify": (["对应模块负责人", "Slack", "30 分钟内"], ["电话", "管理层", "全技术团队"]),
        "update": ("每 2 小时", timedelta(hours=2)),
        "escalate": "通知对应模块负责人",
        "resolve": ("24 小时内修复", timedelta(hours=24)),
    },
}


def of_kind(items: Checklist, kind: str) -> list[ChecklistItem]:
    return [item for item in items if item.kind == kind]


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_checklist_has_every_workflow_step_in_order(book: Playbook, severity: str) -> None:
    steps = of_kind(book.checklist(severity), "step")
    assert [s.id for s in steps] == STEP_IDS
    for step, (step_id, phase, action, owners) in zip(steps, SEED_STEPS, strict=True):
        assert (step.id, step.phase, step.text, step.owner_names) == (step_id, phase, action, owners)


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_step_3_3_is_owned_by_backend_and_devops_leads(book: Playbook, severity: str) -> None:
    step = next(item for item in book.checklist(severity) if item.id == "3.3")
    assert step.owners == ("backend-lead", "devops-lead")
    assert step.owner_names == ("Backend Lead", "DevOps Lead")


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_checklist_severity_items(book: Playbook, severity: str) -> None:
    seed = SEED_SEVERITY[severity]
    items = book.checklist(severity)

    (respond,) = of_kind(items, "respond")
    assert (respond.text, respond.due) == seed["respond"]

    (command,) = of_kind(items, "command")
    assert seed["commander"] in command.text
    other = "对应模块负责人" if seed["commander"] == "在线的最资深工程师" else "在线的最资深工程师"
    assert other not in command.text

    (notify,) = of_kind(items, "notify")
    present, absent = seed["notify"]
    for word in present:
        assert word in notify.text
    for word in absent:
        assert word not in notify.text

    (update,) = of_kind(items, "update")
    cadence, every = seed["update"]
    assert cadence in update.text
    assert update.due == every
    assert "Slack Thread" in update.text
    assert "响应团队" in update.text

    # The escalation is the start notice's duty: said once, in the notice (both wordings kept).
    assert of_kind(items, "escalate") == []
    from playbook.derive.checklist import _duty

    assert seed["escalate"] in notify.text or _duty(seed["escalate"]) in _duty(notify.text)

    (resolve,) = of_kind(items, "resolve")
    assert (resolve.text, resolve.due) == seed["resolve"]


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_checklist_severity_targets_come_before_the_steps(book: Playbook, severity: str) -> None:
    kinds = [item.kind for item in book.checklist(severity)]
    first_step = kinds.index("step")
    for kind in ("respond", "command", "notify", "update", "resolve"):
        assert kinds.index(kind) < first_step


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_checklist_has_the_rollback_verification_items(book: Playbook, severity: str) -> None:
    verify = of_kind(book.checklist(severity), "verify")
    assert [item.text for item in verify] == SEED_VERIFICATION
    assert all(item.when for item in verify)
    # they are part of containing the incident: in the contain phase, after its steps
    ids = [item.id for item in book.checklist(severity)]
    assert all(item.phase == "contain" for item in verify)
    assert ids.index("3.5") < ids.index(verify[0].id) < ids.index("4.1")


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_postmortem_meeting_within_48_hours(book: Playbook, severity: str) -> None:
    step = next(item for item in book.checklist(severity) if item.id == "5.2")
    assert "48 小时内" in step.text
    assert step.text == "组织复盘会议（48 小时内）"


def test_public_explanation_only_for_p0(book: Playbook) -> None:
    explanations = [item for item in book.checklist("P0") if item.when == "事后说明"]
    assert len(explanations) == 1
    item = explanations[0]
    assert item.kind == "external"
    assert item.text == "邮件 / 博客：解释原因和改进措施"
    assert item.owner_names == ("Product", "Comms Lead")
    for severity in ("P1", "P2"):
        assert not [i for i in book.checklist(severity) if i.when == "事后说明"]


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_external_rules_for_every_severity_are_in_each_checklist(book: Playbook, severity: str) -> None:
    external = {item.when: item.text for item in book.checklist(severity) if item.kind == "external"}
    assert external["服务中断"] == 'App 内公告 / 状态页："我们正在处理服务问题，预计 X 分钟内恢复"'
    assert external["中断持续"] == "App 内公告 / 状态页：每 30 分钟更新进展"
    assert external["服务恢复"] == 'App 内公告 / 状态页："服务已恢复正常，感谢耐心等待"'


def test_checklist_accepts_a_severity_object_and_any_case(book: Playbook) -> None:
    expected = book.checklist("P1")
    assert book.checklist(book.severity("P1")) == expected
    assert book.checklist("p1") == expected
    assert expected.severity.id == "P1"
    assert len(expected) == len(expected.items)


def test_checklist_unknown_severity_lists_the_severities(book: Playbook) -> None:
    with pytest.raises(ValueError) as caught:
        book.checklist("P9")
    for severity in ("P0", "P1", "P2"):
        assert severity in str(caught.value)


@pytest.mark.parametrize("phase", ["contain", "Contain", "止损", "CONTAIN"])
def test_checklist_phase_filter_by_id_name_and_label(book: Playbook, phase: str) -> None:
    result = book.checklist("P0", phase=phase)
    assert result.phase == "contain"
    assert [i.id for i in result if i.kind == "step"] == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert all(item.phase == "contain" for item in result)
    assert [i.text for i in of_kind(result, "verify")] == SEED_VERIFICATION


@pytest.mark.parametrize(
    ("phase", "step_ids"),
    [
        ("detection", ["1.1", "1.2", "1.3", "1.4"]),
        ("分类", ["2.1", "2.2", "2.3", "2.4"]),
        ("Recover", ["4.1", "4.2", "4.3", "4.4", "4.5"]),
        ("复盘", ["5.1", "5.2", "5.3", "5.4"]),
    ],
)
def test_checklist_each_phase(book: Playbook, phase: str, step_ids: list[str]) -> None:
    result = book.checklist("P2", phase)
    assert [i.id for i in result if i.kind == "step"] == step_ids
    assert not of_kind(result, "respond")


def test_checklist_unknown_phase_lists_the_phases(book: Playbook) -> None:
    with pytest.raises(UnknownNameError) as caught:
        book.checklist("P0", phase="mitigate")
    assert isinstance(caught.value, ValueError)
    assert caught.value.kind == "phase"
    for phase in PHASE_IDS:
        assert phase in str(caught.value)


def test_checklist_to_markdown_is_a_task_list(book: Playbook) -> None:
    result = book.checklist("P0")
    markdown = result.to_markdown()
    tasks = [line for line in markdown.splitlines() if line.startswith("- [ ] ")]
    assert len(tasks) == len(result)
    others = [line for line in markdown.splitlines() if line and not line.startswith("- [ ] ")]
    assert all(line.startswith("#") for line in others)
    assert any("3.3 执行止损方案" in t and "Backend Lead" in t and "DevOps Lead" in t for t in tasks)
    assert any("15 分钟内响应" in t for t in tasks)
    assert any("组织复盘会议（48 小时内）" in t for t in tasks)
    for text in SEED_VERIFICATION:
        assert any(text in t for t in tasks)


def test_checklist_to_text_has_a_box_per_item(book: Playbook) -> None:
    result = book.checklist("P1")
    text = result.to_text()
    boxes = [line for line in text.splitlines() if line.strip().startswith("[ ] ")]
    assert len(boxes) == len(result)
    for item in result:
        assert any(item.text in line for line in boxes)
    assert "- [ ]" not in text


def _item_from_json(data: dict[str, Any]) -> ChecklistItem:
    due = data["due"]
    return ChecklistItem(
        id=data["id"],
        kind=data["kind"],
        text=data["text"],
        phase=data["phase"],
        owners=tuple(data["owners"]),
        owner_names=tuple(data["owner_names"]),
        # "immediately" is due at zero; every other due is a playbook duration
        due=None if due is None else (timedelta(0) if due == "0s" else parse_duration(due)),
        when=data["when"],
    )


@pytest.mark.parametrize(("severity", "phase"), [("P0", None), ("P2", None), ("P1", "contain")])
def test_checklist_to_json_round_trips(book: Playbook, severity: str, phase: str | None) -> None:
    result = book.checklist(severity, phase)
    data = json.loads(result.to_json())
    assert data["severity"] == severity
    assert data["phase"] == phase
    assert data == result.to_dict()
    assert tuple(_item_from_json(item) for item in data["items"]) == result.items
    assert [i["id"] for i in data["items"] if i["kind"] == "step"] == (
        STEP_IDS if phase is None else ["3.1", "3.2", "3.3", "3.4", "3.5"]
    )


def test_checklist_json_keeps_the_chinese_text(book: Playbook) -> None:
    assert "15 分钟内响应" in book.checklist("P0").to_json()


# Timelines -------------------------------------------------------------------------------


def test_p1_timeline(book: Playbook) -> None:
    result = book.timeline("P1", START)
    assert result.started_at == START
    assert result.acknowledge_by == at(10, 30)
    assert result.updates[0] == at(10, 30)
    assert result.updates[1] == at(11, 0)
    assert all(b - a == timedelta(minutes=30) for a, b in pairwise(result.updates))
    assert result.updates[-1] <= result.resolve_by
    assert result.resolve_by == at(14, 0)
    assert result.postmortem_by == at(14, 0, day=3)


def test_p0_timeline_updates_every_15_minutes_up_to_an_hour(book: Playbook) -> None:
    result = book.timeline("P0", START)
    assert result.acknowledge_by == at(10, 15)
    assert result.updates == (at(10, 15), at(10, 30), at(10, 45), at(11, 0))
    assert result.resolve_by == at(11, 0)
    assert result.postmortem_by == at(11, 0, day=3)


def test_p2_timeline(book: Playbook) -> None:
    result = book.timeline("P2", START)
    assert result.acknowledge_by == at(12, 0)
    assert result.updates[:2] == (at(12, 0), at(14, 0))
    assert result.resolve_by == at(10, 0, day=2)
    assert result.updates[-1] <= result.resolve_by
    assert result.postmortem_by == at(10, 0, day=4)


def test_postmortem_is_due_48_hours_after_the_resolution(book: Playbook) -> None:
    result = book.timeline("P1", START, resolved_at=at(12, 30))
    assert result.postmortem_by == at(12, 30, day=3)
    assert result.resolve_by == at(14, 0)


def test_naive_datetimes_are_refused(book: Playbook) -> None:
    with pytest.raises(ValueError, match="started_at"):
        book.timeline("P1", datetime(2026, 1, 1, 10, 0))
    with pytest.raises(ValueError, match="resolved_at"):
        book.timeline("P1", START, resolved_at=datetime(2026, 1, 1, 12, 0))


def test_timeline_preserves_the_timezone(book: Playbook) -> None:
    result = book.timeline("P1", START)
    moments = [d.at for d in result.deadlines]
    assert all(m.utcoffset() == timedelta(hours=8) for m in moments)
    assert result.deadlines[0].at.isoformat() == "2026-01-01T10:30:00+08:00"


def test_timeline_in_another_timezone_is_the_same_instants(book: Playbook) -> None:
    utc = book.timeline("P1", datetime(2026, 1, 1, 2, 0, tzinfo=UTC))
    cst = book.timeline("P1", START)
    assert utc.acknowledge_by == cst.acknowledge_by
    assert utc.resolve_by == cst.resolve_by
    assert utc.updates == cst.updates
    assert utc.acknowledge_by.utcoffset() == timedelta(0)


def test_timeline_deadlines_in_order(book: Playbook) -> None:
    deadlines = book.timeline("P1", START).deadlines
    moments = [d.at for d in deadlines]
    assert moments == sorted(moments)
    kinds = [d.kind for d in deadlines]
    assert kinds.count("acknowledge") == 1
    assert kinds.count("resolve") == 1
    assert kinds.count("postmortem") == 1
    assert kinds[-1] == "postmortem"


def test_timeline_to_dict_is_json(book: Playbook) -> None:
    data = json.loads(json.dumps(book.timeline("P1", START).to_dict()))
    assert data["severity"] == "P1"
    by_kind: dict[str, list[str]] = {}
    for deadline in data["deadlines"]:
        by_kind.setdefault(deadline["kind"], []).append(deadline["at"])
    assert by_kind["acknowledge"] == ["2026-01-01T10:30:00+08:00"]
    assert by_kind["update"][1] == "2026-01-01T11:00:00+08:00"
    assert by_kind["resolve"] == ["2026-01-01T14:00:00+08:00"]
    assert by_kind["postmortem"] == ["2026-01-03T14:00:00+08:00"]


def test_timeline_unknown_severity(book: Playbook) -> None:
    with pytest.raises(ValueError, match="P0"):
        book.timeline("P3", START)


# Messages --------------------------------------------------------------------------------

# The seed's three Message Templates, exactly as its code blocks show them.
SEED_INCIDENT_START = """\
🚨 [P0/P1/P2] Incident: [简短描述]
- 影响：[受影响的功能/用户]
- 状态：调查中 / 止损中 / 已恢复
- Commander：[姓名]
- 沟通渠道：[Slack Thread / 电话]"""

SEED_STATUS_UPDATE = """\
📋 Update [时间]
- 当前状态：[进展描述]
- 下一步：[计划动作]
- ETA：[预计恢复时间]"""

SEED_INCIDENT_RESOLVED = """\
✅ Incident Resolved: [简短描述]
- 持续时间：[开始时间] - [结束时间]
- 根因：[简要说明]
- 复盘：[日期/时间]"""

START_FIELDS = {
    "summary": "API 全挂",
    "impact": "所有用户无法使用",
    "status": "调查中",
    "commander": "张三",
    "channel": "Slack Thread",
}


def same_message(actual: str, expected: str) -> bool:
    """Equal, allowing the one final newline a text block ends with."""
    return actual in (expected, expected + "\n")


@pytest.mark.parametrize(
    ("template_id", "expected"),
    [
        ("incident-start", SEED_INCIDENT_START),
        ("status-update", SEED_STATUS_UPDATE),
        ("incident-resolved", SEED_INCIDENT_RESOLVED),
    ],
)
def test_preview_reproduces_the_seed_templates(book: Playbook, template_id: str, expected: str) -> None:
    assert same_message(preview_message(book, template_id), expected)


def test_preview_unknown_template(book: Playbook) -> None:
    with pytest.raises(UnknownNameError):
        preview_message(book, "incident-begin")


def test_render_incident_start(book: Playbook) -> None:
    text = book.render_message("incident-start", severity="P0", **START_FIELDS)
    expected = (
        "🚨 [P0] Incident: API 全挂\n"
        "- 影响：所有用户无法使用\n"
        "- 状态：调查中\n"
        "- Commander：张三\n"
        "- 沟通渠道：Slack Thread"
    )
    assert same_message(text, expected)


@pytest.mark.parametrize("severity", ["P0", "P1", "P2"])
def test_severity_field_fills_from_severity(book: Playbook, severity: str) -> None:
    text = book.render_message("incident-start", severity=severity, **START_FIELDS)
    assert text.startswith(f"🚨 [{severity}] Incident: API 全挂\n")


def test_severity_accepts_a_severity_object(book: Playbook) -> None:
    text = book.render_message("incident-start", severity=book.severity("P1"), **START_FIELDS)
    assert text.startswith("🚨 [P1] Incident: ")


def test_render_status_update_fills_the_time_from_now(book: Playbook) -> None:
    text = book.render_message(
        "status-update", now=at(10, 30), progress="已回滚", next_step="观察指标", eta="11:00"
    )
    expected = "📋 Update 10:30\n- 当前状态：已回滚\n- 下一步：观察指标\n- ETA：11:00"
    assert same_message(text, expected)


def test_given_time_overrides_now(book: Playbook) -> None:
    text = book.render_message(
        "status-update", now=at(10, 30), time="10:45", progress="p", next_step="n", eta="e"
    )
    assert text.startswith("📋 Update 10:45\n")


def test_render_incident_resolved_with_a_values_mapping(book: Playbook) -> None:
    values = {
        "summary": "API 全挂",
        "started": "10:00",
        "ended": "10:50",
        "root_cause": "配置错误",
        "review": "2026-01-02 15:00",
    }
    text = book.render_message("incident-resolved", values)
    expected = (
        "✅ Incident Resolved: API 全挂\n"
        "- 持续时间：10:00 - 10:50\n"
        "- 根因：配置错误\n"
        "- 复盘：2026-01-02 15:00"
    )
    assert same_message(text, expected)


def test_keyword_fields_complete_and_override_values(book: Playbook) -> None:
    values = {"summary": "旧描述", "impact": "i", "status": "调查中", "commander": "c"}
    text = book.render_message("incident-start", values, severity="P1", summary="新描述", channel="电话")
    assert text.startswith("🚨 [P1] Incident: 新描述\n")
    assert "- 沟通渠道：电话" in text
    assert "旧描述" not in text


def test_field_values_are_not_templates(book: Playbook) -> None:
    fields = {**START_FIELDS, "summary": "{commander} {0} {{x}}"}
    text = book.render_message("incident-start", severity="P0", **fields)
    assert text.startswith("🚨 [P0] Incident: {commander} {0} {{x}}\n")


def test_missing_field_is_named(book: Playbook) -> None:
    fields = {k: v for k, v in START_FIELDS.items() if k != "commander"}
    with pytest.raises(MessageError, match="commander"):
        book.render_message("incident-start", severity="P0", **fields)


def test_missing_severity_is_named(book: Playbook) -> None:
    with pytest.raises(MessageError, match="severity"):
        book.render_message("incident-start", **START_FIELDS)


def test_every_missing_field_is_named(book: Playbook) -> None:
    with pytest.raises(MessageError) as caught:
        book.render_message("incident-resolved", summary="s")
    for name in ("started", "ended", "root_cause", "review"):
        assert name in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_unknown_field_names_the_known_ones(book: Playbook) -> None:
    with pytest.raises(MessageError) as caught:
        book.render_message("incident-start", severity="P0", owner="李四", **START_FIELDS)
    message = str(caught.value)
    assert "owner" in message
    for name in ("severity", "summary", "impact", "status", "commander", "channel"):
        assert name in message


@pytest.mark.parametrize("status", ["调查中", "止损中", "已恢复"])
def test_each_status_choice_renders(book: Playbook, status: str) -> None:
    text = book.render_message("incident-start", severity="P0", **{**START_FIELDS, "status": status})
    assert f"- 状态：{status}\n" in text + "\n"


@pytest.mark.parametrize("status", ["处理中", "调查中 / 止损中 / 已恢复", ""])
def test_status_outside_the_choices_raises(book: Playbook, status: str) -> None:
    with pytest.raises(MessageError) as caught:
        book.render_message("incident-start", severity="P0", **{**START_FIELDS, "status": status})
    for choice in ("调查中", "止损中", "已恢复"):
        assert choice in str(caught.value)


def test_unknown_template_lists_the_templates(book: Playbook) -> None:
    with pytest.raises(UnknownNameError) as caught:
        book.render_message("incident-begin", summary="x")
    assert isinstance(caught.value, ValueError)
    for name in ("incident-start", "status-update", "incident-resolved"):
        assert name in str(caught.value)


def test_unknown_severity_in_a_message(book: Playbook) -> None:
    with pytest.raises(ValueError, match="P0"):
        book.render_message("incident-start", severity="P7", **START_FIELDS)


# Module-level shortcuts ------------------------------------------------------------------


def test_shortcuts_are_exported() -> None:
    for name in ("checklist", "timeline", "decide_rollback", "render_message", "classify"):
        assert name in playbook.__all__
        assert callable(getattr(playbook, name))


def test_shortcut_checklist_matches_the_method() -> None:
    from playbook import checklist

    fresh = load()
    for severity in ("P0", "P1", "P2"):
        assert checklist(severity) == fresh.checklist(severity)
    assert checklist("P0", "contain") == fresh.checklist("P0", "contain")
    assert checklist("P0", phase="止损") == default().checklist("P0", phase="contain")


def test_shortcut_timeline_matches_the_method() -> None:
    from playbook import timeline

    fresh = load()
    assert timeline("P1", START) == fresh.timeline("P1", START)
    assert timeline("P0", START, at(10, 40)) == fresh.timeline("P0", START, at(10, 40))
    assert timeline("P1", START).acknowledge_by == at(10, 30)


def test_shortcut_decide_rollback_matches_the_method() -> None:
    from playbook import decide_rollback

    fresh = load()
    cases: list[tuple[dict[str, object], list[str]]] = [
        ({"api_error_rate": ("12%", "6m")}, []),
        ({"api_error_rate": ("7%", "10m")}, ["few_users_affected"]),
        ({}, ["login_down"]),
    ]
    for metrics, signals in cases:
        assert decide_rollback(metrics, signals) == fresh.decide_rollback(metrics, signals)
    assert decide_rollback({"api_error_rate": ("12%", "6m")}).decision == "immediate"
    assert decide_rollback(signals=["hotfix_over_30m"]).decision == "consider"


def test_shortcut_render_message_matches_the_method() -> None:
    from playbook import render_message

    fresh = load()
    assert render_message("incident-start", severity="P2", **START_FIELDS) == fresh.render_message(
        "incident-start", severity="P2", **START_FIELDS
    )
    values = {"progress": "p", "next_step": "n", "eta": "e"}
    assert render_message("status-update", values, now=at(9, 5)) == fresh.render_message(
        "status-update", values, now=at(9, 5)
    )
    assert render_message("status-update", values, now=at(9, 5)).startswith("📋 Update 09:05\n")


def test_shortcut_errors_match_the_method() -> None:
    from playbook import decide_rollback, render_message

    with pytest.raises(UnknownNameError):
        decide_rollback({"nope": "1%"})
    with pytest.raises(MessageError):
        render_message("incident-start", severity="P0")


# The seed's Severity Matrix: reach → impact → severity.
SEED_MATRIX = {
    "widespread": {"low": "P1", "medium": "P0", "high": "P0", "critical": "P0"},
    "many": {"low": "P2", "medium": "P1", "high": "P0", "critical": "P0"},
    "some": {"low": "P2", "medium": "P2", "high": "P1", "critical": "P1"},
    "few": {"low": "P2", "medium": "P2", "high": "P2", "critical": "P1"},
}


@pytest.mark.parametrize(
    ("impact", "reach", "expected"),
    [(impact, reach, sev) for reach, row in SEED_MATRIX.items() for impact, sev in row.items()],
)
def test_shortcut_classify_matches_the_method(impact: str, reach: str, expected: str) -> None:
    from playbook import classify

    assert classify(impact, reach).id == expected
    assert classify(impact, reach) == load().classify(impact, reach)


# Text renderings: what the command line prints for each answer ---------------------------


def test_timeline_text_is_one_line_per_deadline(book: Playbook) -> None:
    result = book.timeline("P1", START)
    lines = result.to_text().splitlines()
    assert result.to_text().endswith("\n")
    assert len(lines) == len(result.deadlines)
    assert lines[0] == "2026-01-01T10:30+08:00  acknowledge"
    assert lines[-1] == "2026-01-03T14:00+08:00  postmortem meeting"
    assert "2026-01-01T14:00+08:00  resolve or mitigate" in lines


def test_rollback_text_names_the_decision_who_decides_and_every_rule(book: Playbook) -> None:
    consider = book.decide_rollback({"api_error_rate": ("7%", "10m")})
    head, *rules = consider.to_text().splitlines()
    assert head == "consider (decided by Incident Commander)"
    assert [line.split()[:2] for line in rules] == [
        ["consider", "error-rate-elevated:"],
        ["no", "error-rate-critical:"],
    ]
    pending = book.decide_rollback({"api_error_rate": ("10.1%", "4m59s")})
    assert pending.to_text().splitlines()[0] == "watch"
    assert pending.to_text().splitlines()[1].startswith("  watch     error-rate-critical: ")
    assert pending.to_text().splitlines()[1].endswith("(immediate, in 1s, if it holds)")


def test_classified_text_and_dict(book: Playbook) -> None:
    severity = book.classify("high", "many")
    answer = Classified(book, severity)
    assert answer.to_text() == "P0\tP0 - Critical（紧急）\n"
    assert answer.to_dict() == severity.model_dump(mode="json")
    assert json.loads(json.dumps(answer.to_dict()))["respond_within"] == "15m"


def test_message_text_and_dict() -> None:
    message = Message("incident-start", "hello\n\n")
    assert message.to_text() == "hello\n"
    assert message.to_dict() == {"template": "incident-start", "message": "hello\n\n"}


def test_shortcuts_take_every_option_their_methods_take() -> None:
    import inspect

    import playbook
    from playbook import api

    for name in ("checklist", "timeline", "decide_rollback", "render_message"):
        method = inspect.signature(getattr(api.Playbook, name)).parameters
        shortcut = inspect.signature(getattr(playbook, name)).parameters
        assert list(shortcut) == [p for p in method if p != "self"], name
