"""The checklist, timeline, rollback and message commands on the default playbook.

Expected values come from the seed playbook document; bad arguments are usage
errors (exit 2) that list the valid values.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from conftest import SEED_METRICS, SEED_SIGNALS

from playbook.cli import main

SEVERITIES = ("P0", "P1", "P2")
PHASES = ("detection", "triage", "contain", "recover", "postmortem")
METRICS = SEED_METRICS
SIGNALS = SEED_SIGNALS
TEMPLATES = ("incident-start", "status-update", "incident-resolved")
VERIFICATION = (
    "Health check endpoints 全绿",
    "核心 API 响应正常",
    "用户可正常登录",
    "支付流程可用（测试卡）",
    "错误率恢复正常",
)
START_SETS = [
    "--set",
    "summary=API 全挂",
    "--set",
    "impact=所有用户无法使用",
    "--set",
    "status=调查中",
    "--set",
    "commander=张三",
    "--set",
    "channel=Slack Thread",
]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def ok(*args: str) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def usage_error(*args: str, lists: tuple[str, ...] = ()) -> str:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for name in lists:
        assert name in result.output
    return result.output


def as_json(result: Result) -> Any:
    return json.loads(result.stdout)


# checklist -------------------------------------------------------------------------------


def test_checklist_contain_phase_as_markdown() -> None:
    output = ok("checklist", "P0", "--phase", "contain", "--format", "md").stdout
    tasks = [line for line in output.splitlines() if line.startswith("- [ ] ")]
    assert len(tasks) == 5 + len(VERIFICATION)
    assert tasks[0].startswith("- [ ] 3.1 快速诊断根因")
    assert any(
        line.startswith("- [ ] 3.3 执行止损方案") and "Backend Lead" in line and "DevOps Lead" in line
        for line in tasks
    )
    for item in VERIFICATION:
        assert any(item in line for line in tasks)
    for other_step in ("1.1 ", "2.1 ", "4.1 ", "5.2 "):
        assert not any(line.startswith(f"- [ ] {other_step}") for line in tasks)


def test_checklist_default_format_is_markdown() -> None:
    assert (
        ok("checklist", "P0", "--phase", "contain").stdout
        == ok("checklist", "P0", "--phase", "contain", "--format", "md").stdout
    )


def test_checklist_as_text() -> None:
    output = ok("checklist", "P0", "--phase", "contain", "--format", "text").stdout
    boxes = [line.strip() for line in output.splitlines() if line.strip().startswith("[ ] ")]
    assert len(boxes) == 5 + len(VERIFICATION)
    assert boxes[0].startswith("[ ] 3.1 快速诊断根因")
    assert "- [ ]" not in output


def test_checklist_as_json() -> None:
    data = as_json(ok("checklist", "P0", "--phase", "contain", "--format", "json"))
    assert data["severity"] == "P0"
    assert data["phase"] == "contain"
    steps = [item for item in data["items"] if item["kind"] == "step"]
    assert [s["id"] for s in steps] == ["3.1", "3.2", "3.3", "3.4", "3.5"]
    assert steps[2]["owners"] == ["backend-lead", "devops-lead"]
    assert [i["text"] for i in data["items"] if i["kind"] == "verify"] == list(VERIFICATION)


@pytest.mark.parametrize(
    ("severity", "respond", "resolve"),
    [
        ("P0", "15 分钟内响应", "1 小时内止损或回滚"),
        ("P1", "30 分钟内响应", "4 小时内修复或提供临时方案"),
        ("P2", "2 小时内响应", "24 小时内修复"),
    ],
)
def test_full_checklist_as_json(severity: str, respond: str, resolve: str) -> None:
    data = as_json(ok("checklist", severity, "--format", "json"))
    assert data["severity"] == severity
    assert data["phase"] is None
    texts = [item["text"] for item in data["items"]]
    assert respond in texts
    assert resolve in texts
    assert "组织复盘会议（48 小时内）" in texts
    step_ids = [item["id"] for item in data["items"] if item["kind"] == "step"]
    assert step_ids == [
        *("1.1", "1.2", "1.3", "1.4"),
        *("2.1", "2.2", "2.3", "2.4"),
        *("3.1", "3.2", "3.3", "3.4", "3.5"),
        *("4.1", "4.2", "4.3", "4.4", "4.5"),
        *("5.1", "5.2", "5.3", "5.4"),
    ]
    scenarios = [item["when"] for item in data["items"] if item["kind"] == "external"]
    assert ("事后说明" in scenarios) == (severity == "P0")


def test_checklist_severity_is_case_insensitive() -> None:
    assert as_json(ok("checklist", "p1", "--format", "json"))["severity"] == "P1"


@pytest.mark.parametrize("phase", ["止损", "Contain"])
def test_checklist_phase_by_label_or_name(phase: str) -> None:
    data = as_json(ok("checklist", "P1", "--phase", phase, "--format", "json"))
    assert data["phase"] == "contain"


def test_checklist_unknown_severity() -> None:
    usage_error("checklist", "P9", lists=SEVERITIES)


def test_checklist_unknown_phase() -> None:
    output = usage_error("checklist", "P0", "--phase", "mitigate", lists=PHASES)
    assert "mitigate" in output


def test_checklist_unknown_format() -> None:
    usage_error("checklist", "P0", "--format", "html", lists=("md", "text", "json"))


def test_checklist_needs_a_severity() -> None:
    usage_error("checklist")


# timeline --------------------------------------------------------------------------------


def test_timeline_p1_text() -> None:
    output = ok("timeline", "P1", "--started", "2026-01-01T10:00+08:00").stdout
    lines = output.splitlines()
    assert any(line.startswith("2026-01-01T10:30+08:00") and "acknowledge" in line for line in lines)
    assert any(line.startswith("2026-01-01T11:00+08:00") for line in lines)
    assert any(line.startswith("2026-01-01T14:00+08:00") and "resolve" in line for line in lines)
    assert any(line.startswith("2026-01-03T14:00+08:00") and "postmortem" in line for line in lines)
    moments = [line.split()[0] for line in lines if line.strip()]
    assert moments == sorted(moments)


def test_timeline_p1_json() -> None:
    data = as_json(ok("timeline", "P1", "--started", "2026-01-01T10:00+08:00", "--json"))
    assert data["severity"] == "P1"
    by_kind: dict[str, list[str]] = {}
    for deadline in data["deadlines"]:
        by_kind.setdefault(deadline["kind"], []).append(deadline["at"])
    assert by_kind["acknowledge"] == ["2026-01-01T10:30:00+08:00"]
    assert by_kind["update"][:2] == ["2026-01-01T10:30:00+08:00", "2026-01-01T11:00:00+08:00"]
    assert by_kind["resolve"] == ["2026-01-01T14:00:00+08:00"]
    assert by_kind["postmortem"] == ["2026-01-03T14:00:00+08:00"]


def test_timeline_p0_json_updates_every_15_minutes() -> None:
    data = as_json(ok("timeline", "P0", "--started", "2026-01-01T10:00+08:00", "--json"))
    updates = [d["at"] for d in data["deadlines"] if d["kind"] == "update"]
    assert updates == [
        "2026-01-01T10:15:00+08:00",
        "2026-01-01T10:30:00+08:00",
        "2026-01-01T10:45:00+08:00",
        "2026-01-01T11:00:00+08:00",
    ]


def test_timeline_resolved_moves_the_postmortem() -> None:
    data = as_json(
        ok(
            "timeline",
            "P1",
            "--started",
            "2026-01-01T10:00+08:00",
            "--resolved",
            "2026-01-01T12:30+08:00",
            "--json",
        )
    )
    postmortem = [d["at"] for d in data["deadlines"] if d["kind"] == "postmortem"]
    assert postmortem == ["2026-01-03T12:30:00+08:00"]


def test_timeline_utc_z_is_accepted() -> None:
    data = as_json(ok("timeline", "P1", "--started", "2026-01-01T02:00Z", "--json"))
    acknowledge = [d["at"] for d in data["deadlines"] if d["kind"] == "acknowledge"]
    assert acknowledge == ["2026-01-01T02:30:00+00:00"]


def test_timeline_naive_started_is_a_usage_error() -> None:
    output = usage_error("timeline", "P1", "--started", "2026-01-01T10:00")
    assert "--started" in output
    assert "+08:00" in output


def test_timeline_naive_resolved_is_a_usage_error() -> None:
    output = usage_error(
        "timeline", "P1", "--started", "2026-01-01T10:00+08:00", "--resolved", "2026-01-01T12:00"
    )
    assert "--resolved" in output


def test_timeline_unparseable_started() -> None:
    assert "--started" in usage_error("timeline", "P1", "--started", "yesterday")


def test_timeline_needs_started() -> None:
    assert "--started" in usage_error("timeline", "P1")


def test_timeline_unknown_severity() -> None:
    usage_error("timeline", "P5", "--started", "2026-01-01T10:00+08:00", lists=SEVERITIES)


# rollback --------------------------------------------------------------------------------


def test_rollback_immediate() -> None:
    output = ok("rollback", "--metric", "api_error_rate=12%", "--for", "6m").stdout
    lines = output.splitlines()
    assert lines[0] == "immediate"
    assert any("error-rate-critical" in line and "API 错误率 > 10% 持续 5 分钟" in line for line in lines)


def test_rollback_immediate_with_signal_as_json() -> None:
    data = as_json(
        ok("rollback", "--metric", "api_error_rate=12%", "--for", "6m", "--signal", "login_down", "--json")
    )
    assert data["decision"] == "immediate"
    assert [m["rule"] for m in data["matched"]] == ["error-rate-critical", "login-down"]
    assert data["pending"] == []


@pytest.mark.parametrize(
    ("value", "held", "decision", "pending"),
    [
        ("10%", "6m", "watch", ["error-rate-elevated"]),
        ("10.1%", "5m", "immediate", []),
        ("10.1%", "4m59s", "watch", ["error-rate-critical"]),
        ("5%", "10m", "consider", []),
        ("10%", "10m", "consider", []),
        ("4.9%", "10m", "none", []),
        ("5%", "9m59s", "watch", ["error-rate-elevated"]),
    ],
)
def test_rollback_error_rate_boundaries(value: str, held: str, decision: str, pending: list[str]) -> None:
    data = as_json(ok("rollback", "--metric", f"api_error_rate={value}", "--for", held, "--json"))
    assert data["decision"] == decision
    assert [m["rule"] for m in data["pending"]] == pending


def test_rollback_consider_names_who_decides() -> None:
    output = ok("rollback", "--metric", "api_error_rate=7%", "--for", "10m").stdout
    first = output.splitlines()[0]
    assert first.startswith("consider")
    assert "Incident Commander" in first
    data = as_json(ok("rollback", "--metric", "api_error_rate=7%", "--for", "10m", "--json"))
    assert data["decided_by"] == "incident-commander"


def test_rollback_pending_is_shown() -> None:
    output = ok(
        "rollback", "--metric", "api_error_rate=10.1%", "--for", "4m59s", "--now", "2026-01-01T10:00+08:00"
    ).stdout
    assert output.splitlines()[0] == "watch"
    assert any(
        "watch" in line
        and "error-rate-critical" in line
        and "immediate at 2026-01-01T10:00+08:00, in 1s" in line
        for line in output.splitlines()
    )


def test_rollback_without_a_hold_time_says_it_is_unknown() -> None:
    output = ok("rollback", "--metric", "api_error_rate=12%").stdout
    assert output.splitlines()[0] == "watch"
    assert "hold time unknown" in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "nothing observed"),
        (["--metric", "api_error_rate=0.12", "--for", "6m"], "write 0.12%, or 12% if 0.12 is a fraction"),
        (["--metric", "api_error_rate=12"], "needs its unit"),
    ],
)
def test_rollback_usage_errors(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["rollback", *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "decision"),
    [
        (["--metric", "payment_success_rate=90%"], "none"),
        (["--metric", "payment_success_rate=89.9%"], "immediate"),
        (["--metric", "p95_latency=5s"], "none"),
        (["--metric", "p95_latency=5001ms"], "consider"),
        (["--metric", "p95_latency=5.001s"], "consider"),
        (["--metric", "api_error_rate=12%", "--for", "6m"], "immediate"),
        (["--signal", "Login-Down"], "immediate"),
        (["--signal", "security_exploited"], "immediate"),
        (["--signal", "solve_partial_failure"], "consider"),
        (["--signal", "quick_fix_available"], "none"),
        (["--signal", "quick_fix_available", "--signal", "db_pool_exhausted"], "immediate"),
    ],
)
def test_rollback_decisions(args: list[str], decision: str) -> None:
    data = as_json(ok("rollback", *args, "--json"))
    assert data["decision"] == decision


def test_rollback_none_lists_the_reason() -> None:
    data = as_json(ok("rollback", "--signal", "few_users_affected", "--json"))
    assert data["decision"] == "none"
    assert [(m["rule"], m["tier"]) for m in data["matched"]] == [("few-users", "none")]
    assert "仅影响少量用户" in data["matched"][0]["reason"]


def test_rollback_one_for_per_metric() -> None:
    data = as_json(
        ok(
            "rollback",
            "--metric",
            "api_error_rate=12%",
            "--metric",
            "payment_success_rate=95%",
            "--for",
            "1m",
            "--for",
            "1h",
            "--json",
        )
    )
    # api_error_rate held only 1m: pending, not matched
    assert data["decision"] == "watch"
    assert [m["rule"] for m in data["pending"]] == ["error-rate-critical"]


def test_rollback_for_count_mismatch() -> None:
    output = usage_error(
        "rollback",
        "--metric",
        "api_error_rate=12%",
        "--metric",
        "p95_latency=6s",
        "--metric",
        "payment_success_rate=95%",
        "--for",
        "6m",
        "--for",
        "1m",
    )
    assert "--for" in output


def test_rollback_unknown_metric() -> None:
    output = usage_error("rollback", "--metric", "error_rate=12%", "--for", "6m", lists=METRICS)
    assert "--metric" in output


def test_rollback_unknown_signal() -> None:
    output = usage_error("rollback", "--signal", "login_broken", lists=SIGNALS)
    assert "--signal" in output


@pytest.mark.parametrize("metric", ["api_error_rate", "=12%", "api_error_rate=", "api_error_rate:12%"])
def test_rollback_malformed_metric(metric: str) -> None:
    output = usage_error("rollback", "--metric", metric)
    assert "NAME=VALUE" in output


@pytest.mark.parametrize(
    "args",
    [
        ["--metric", "api_error_rate=2s", "--for", "6m"],
        ["--metric", "api_error_rate=twelve"],
        ["--metric", "api_error_rate=12%", "--for", "6"],
        ["--metric", "api_error_rate=12%", "--for", "soon"],
    ],
)
def test_rollback_bad_value_or_duration(args: list[str]) -> None:
    usage_error("rollback", *args)


# message ---------------------------------------------------------------------------------

INCIDENT_START_P0 = (
    "🚨 [P0] Incident: API 全挂\n"
    "- 影响：所有用户无法使用\n"
    "- 状态：调查中\n"
    "- Commander：张三\n"
    "- 沟通渠道：Slack Thread"
)


def test_message_incident_start() -> None:
    output = ok("message", "incident-start", "--severity", "P0", *START_SETS).stdout
    assert output.rstrip("\n") == INCIDENT_START_P0


def test_message_severity_from_set() -> None:
    output = ok("message", "incident-start", "--set", "severity=P1", *START_SETS).stdout
    assert output.startswith("🚨 [P1] Incident: API 全挂\n")


def test_message_as_json() -> None:
    data = as_json(ok("message", "incident-start", "--severity", "P0", *START_SETS, "--json"))
    assert data["template"] == "incident-start"
    assert data["message"].rstrip("\n") == INCIDENT_START_P0


def test_message_status_update_with_time() -> None:
    output = ok(
        "message",
        "status-update",
        "--set",
        "time=10:30",
        "--set",
        "progress=已回滚",
        "--set",
        "next_step=观察指标",
        "--set",
        "eta=11:00",
    ).stdout
    assert output.rstrip("\n") == "📋 Update 10:30\n- 当前状态：已回滚\n- 下一步：观察指标\n- ETA：11:00"


def test_message_incident_resolved() -> None:
    output = ok(
        "message",
        "incident-resolved",
        "--set",
        "summary=API 全挂",
        "--set",
        "started=10:00",
        "--set",
        "ended=10:50",
        "--set",
        "root_cause=配置错误",
        "--set",
        "review=2026-01-02 15:00",
    ).stdout
    assert output.rstrip("\n") == (
        "✅ Incident Resolved: API 全挂\n"
        "- 持续时间：10:00 - 10:50\n"
        "- 根因：配置错误\n"
        "- 复盘：2026-01-02 15:00"
    )


def test_message_value_may_contain_equals() -> None:
    sets = [s if s != "summary=API 全挂" else "summary=a=b" for s in START_SETS]
    output = ok("message", "incident-start", "--severity", "P0", *sets).stdout
    assert output.startswith("🚨 [P0] Incident: a=b\n")


def test_message_missing_field() -> None:
    sets = START_SETS[:-2]  # no channel
    output = usage_error("message", "incident-start", "--severity", "P0", *sets)
    assert "channel" in output


def test_message_missing_severity() -> None:
    assert "severity" in usage_error("message", "incident-start", *START_SETS)


def test_message_unknown_field() -> None:
    output = usage_error(
        "message",
        "incident-start",
        "--severity",
        "P0",
        *START_SETS,
        "--set",
        "owner=李四",
        lists=("severity", "summary", "impact", "status", "commander", "channel"),
    )
    assert "owner" in output


def test_message_status_outside_the_choices() -> None:
    sets = [s if s != "status=调查中" else "status=处理中" for s in START_SETS]
    usage_error("message", "incident-start", "--severity", "P0", *sets, lists=("调查中", "止损中", "已恢复"))


def test_message_unknown_template() -> None:
    output = usage_error("message", "incident-begin", "--set", "summary=x", lists=TEMPLATES)
    assert "incident-begin" in output


def test_message_unknown_severity() -> None:
    output = usage_error("message", "incident-start", "--severity", "P9", *START_SETS, lists=SEVERITIES)
    assert "--severity" in output


def test_message_malformed_set() -> None:
    output = usage_error("message", "incident-start", "--severity", "P0", "--set", "summary")
    assert "--set" in output


# --format json, and --json as its short form ---------------------------------------------

ANSWERS = [
    ["classify", "medium,high", "many"],
    ["timeline", "P1", "--started", "2026-01-01T10:00+08:00", "--resolved", "2026-01-01T12:30+08:00"],
    ["rollback", "--metric", "api_error_rate=7%", "--for", "10m", "--signal", "few_users_affected"],
    ["message", "incident-start", "--severity", "P0", *START_SETS],
]


@pytest.mark.parametrize("args", ANSWERS, ids=lambda args: args[0])
def test_format_json_is_what_json_prints(args: list[str]) -> None:
    long = ok(*args, "--format", "json")
    short = ok(*args, "-f", "json")
    flag = ok(*args, "--json")
    assert as_json(long) == as_json(flag) == as_json(short)
    assert long.stdout == flag.stdout
    assert isinstance(as_json(long), dict) and as_json(long)


@pytest.mark.parametrize("args", ANSWERS, ids=lambda args: args[0])
def test_format_text_is_the_default(args: list[str]) -> None:
    text = ok(*args, "--format", "text").stdout
    assert text == ok(*args).stdout
    assert not text.lstrip().startswith("{")


@pytest.mark.parametrize("args", ANSWERS, ids=lambda args: args[0])
def test_json_and_another_format_conflict(args: list[str]) -> None:
    assert "--json is short for --format json" in usage_error(*args, "--json", "--format", "text")


def test_json_answers_hold_what_the_text_says() -> None:
    classify = as_json(ok("classify", "medium,high", "many", "--format", "json"))
    assert classify["id"] == ok("classify", "medium,high", "many").stdout.split("\t")[0] == "P0"
    timeline = as_json(ok(*ANSWERS[1], "--format", "json"))
    text = ok(*ANSWERS[1]).stdout.splitlines()
    shown = [f"{d['status']:<7} {d['label']}" for d in timeline["deadlines"]]
    assert shown == [line.split("  ", 1)[1] for line in text]
    rollback = as_json(ok(*ANSWERS[2], "--format", "json"))
    assert (rollback["decision"], rollback["decided_by"]) == ("consider", "incident-commander")
    assert [m["rule"] for m in rollback["matched"]] == ["error-rate-elevated", "few-users"]
    message = as_json(ok(*ANSWERS[3], "--format", "json"))
    assert message == {"template": "incident-start", "message": ok(*ANSWERS[3]).stdout.rstrip("\n")}


def test_diff_and_checklist_keep_their_formats() -> None:
    usage_error("diff", "a", "b", "--format", "text", lists=("md", "json"))
    usage_error("checklist", "P0", "--json")


# values checked against the playbook the command runs on ---------------------------------

ACME = """\
format: 1
name: Acme
severities:
  - {id: SEV-1, name: Critical, respond_within: 5m, resolve_within: 1h, update_every: 15m}
  - {id: SEV-2, name: Major, respond_within: 15m, resolve_within: 4h}
classification:
  impact:
    - {id: minor, name: Minor Impact}
    - {id: severe, name: Severe Impact}
  reach:
    - {id: one, name: One Customer}
    - {id: all, name: All Customers}
  matrix:
    one: {minor: SEV-2, severe: SEV-1}
    all: {minor: SEV-1, severe: SEV-1}
"""


def test_a_severity_is_read_against_the_playbook_given_after_it(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(ACME, encoding="utf-8")
    data = as_json(ok("timeline", "sev-1", "--started", "2026-01-01T10:00Z", "--json", "-p", str(path)))
    assert data["severity"] == "SEV-1"
    assert [d["at"] for d in data["deadlines"] if d["kind"] == "update"][:1] == ["2026-01-01T10:15:00+00:00"]
    output = usage_error("timeline", "P0", "--started", "2026-01-01T10:00Z", "-p", str(path))
    assert "SEV-1, SEV-2" in output


def test_an_invalid_playbook_is_reported_before_the_arguments_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(ACME.replace("respond_within: 5m", "respond_within: 5"), encoding="utf-8")
    result = run("checklist", "SEV-9", "-p", str(path))
    assert result.exit_code == 1
    assert f"{path}: the playbook is invalid" in result.stderr
    assert "error[invalid-value]" in result.stderr


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--metric", "api_error_rate=1%", "--metric", "api_error_rate=2%"], "given twice"),
        (["--for", "5m"], "give a --metric"),
        (["--metric", " api_error_rate = 12% ", "--for", "PT6M", "--json"], None),
    ],
)
def test_metric_readings(args: list[str], says: str | None) -> None:
    if says is None:
        assert as_json(ok("rollback", *args))["decision"] == "immediate"
    else:
        assert says in usage_error("rollback", *args)
