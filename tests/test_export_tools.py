"""The exported alerts against the real tools: promtool (Prometheus) and amtool (Alertmanager).

``promtool test rules`` evaluates the rules on synthetic series, so these tests
show that each alert fires exactly when the playbook says: the committed export
of the default playbook on request counters, and every threshold and hold time
of its rules on gauges, against the playbook's own answer
(:func:`playbook.response.decide_rollback`). ``amtool config routes test`` sends
an alert of each severity through the exported routing tree.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import playbook
import playbook.derive as derive
from playbook.export import alertmanager_config, prometheus_rules
from playbook.loader import default_path
from playbook.units import Quantity, format_duration

REPO = Path(__file__).resolve().parent.parent
RULES = REPO / "alerts" / "prometheus.rules.yml"
ROUTES = REPO / "alerts" / "alertmanager.yml"
PROMTOOL = shutil.which("promtool")
AMTOOL = shutil.which("amtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None,
    reason="promtool not found: apt-get install -y prometheus (.ci/run installs it when missing)",
)
needs_amtool = pytest.mark.skipif(
    AMTOOL is None,
    reason="amtool not found: apt-get install -y prometheus-alertmanager (.ci/run installs it when missing)",
)
STEP = timedelta(seconds=15)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=120, check=False)
    return done


def rules_of(text: str) -> dict[str, dict[str, Any]]:
    return {r["alert"]: r for g in yaml.safe_load(text)["groups"] for r in g["rules"]}


def firing(rule: dict[str, Any]) -> dict[str, Any]:
    """What promtool shows of a firing alert of ``rule`` (its expressions add no label)."""
    return {"exp_labels": rule["labels"], "exp_annotations": rule["annotations"]}


def promtool_test(folder: Path, rules_text: str, tests: list[dict[str, Any]]) -> None:
    (folder / "rules.yml").write_text(rules_text, encoding="utf-8")
    spec = {"rule_files": ["rules.yml"], "evaluation_interval": format_duration(STEP), "tests": tests}
    (folder / "test.yml").write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), "utf-8")
    assert PROMTOOL is not None
    done = run(PROMTOOL, "test", "rules", "test.yml", cwd=folder)
    assert done.returncode == 0, done.stdout + done.stderr


def expectations(
    rules: dict[str, dict[str, Any]], names: Iterable[str], at: timedelta, fire: set[str]
) -> list[dict[str, Any]]:
    """For each alert in ``names``: firing at ``at`` if it is in ``fire``, else not firing."""
    return [
        {
            "eval_time": format_duration(at) if at else "0s",
            "alertname": name,
            "exp_alerts": [firing(rules[name])] if name in fire else [],
        }
        for name in names
    ]


# --- the committed export of the default playbook ---------------------------------------------


@needs_promtool
def test_promtool_accepts_the_committed_rules() -> None:
    assert PROMTOOL is not None
    done = run(PROMTOOL, "check", "rules", str(RULES))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS: 9 rules found" in done.stdout


@needs_promtool
def test_promtool_accepts_an_export_without_rules(tmp_path: Path) -> None:
    from conftest import MINIMAL_PLAYBOOK

    book = playbook.validate_text(MINIMAL_PLAYBOOK, "minimal.yaml").playbook
    assert book is not None
    (tmp_path / "rules.yml").write_text(prometheus_rules(book).text, encoding="utf-8")
    assert PROMTOOL is not None
    done = run(PROMTOOL, "check", "rules", str(tmp_path / "rules.yml"))
    assert done.returncode == 0, done.stdout + done.stderr


def counters(name: str, label: str, bad: str, good: str, bad_rate: int, total: int) -> list[dict[str, str]]:
    """Two counters growing each minute: ``bad_rate`` of every ``total`` requests are bad."""
    return [
        {"series": f'{name}{{{label}="{bad}"}}', "values": f"0+{bad_rate}x40"},
        {"series": f'{name}{{{label}="{good}"}}', "values": f"0+{total - bad_rate}x40"},
    ]


# A rate needs two samples: the ratios exist from the first minute on, so "after 5 minutes"
# is at 6m. Each case: the series, then (minutes, the alerts firing then, every other one not).
START = 1
SCENARIOS: dict[str, tuple[list[dict[str, str]], list[tuple[int, set[str]]]]] = {
    "error rate 12%: the immediate alert after 5 minutes, not at 4": (
        counters("http_requests_total", "code", "500", "200", 12, 100),
        [
            (START, {"ApiErrorRateAbove"}),
            (START + 4, {"ApiErrorRateAbove"}),
            (START + 5, {"ApiErrorRateAbove", "RollbackErrorRateCritical"}),
            (START + 15, {"ApiErrorRateAbove", "RollbackErrorRateCritical"}),
        ],
    ),
    "error rate 7%: the consider alert after 10 minutes, never the immediate one": (
        counters("http_requests_total", "code", "500", "200", 7, 100),
        [
            (START, {"ApiErrorRateAbove"}),
            (START + 9, {"ApiErrorRateAbove"}),
            (START + 10, {"ApiErrorRateAbove", "RollbackErrorRateElevated"}),
            (START + 20, {"ApiErrorRateAbove", "RollbackErrorRateElevated"}),
        ],
    ),
    "error rate 4%: nothing": (
        counters("http_requests_total", "code", "500", "200", 4, 100),
        [(START, set()), (START + 30, set())],
    ),
    "error rate 6%: the detection alert at once, with no hold time": (
        counters("http_requests_total", "code", "500", "200", 6, 100),
        [(START, {"ApiErrorRateAbove"}), (START + 9, {"ApiErrorRateAbove"})],
    ),
    "payment success 89%: the immediate alert at once": (
        counters("payments_total", "status", "failed", "succeeded", 11, 100)[::-1],
        [(START, {"RollbackPaymentFailing"}), (START + 10, {"RollbackPaymentFailing"})],
    ),
    "payment success 91%: nothing": (
        counters("payments_total", "status", "failed", "succeeded", 9, 100),
        [(START, set()), (START + 10, set())],
    ),
}


@needs_promtool
@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_the_committed_rules_fire_when_the_playbook_says(scenario: str, tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8")
    rules = rules_of(text)
    series, checks = SCENARIOS[scenario]
    cases = []
    for minutes, fire in checks:
        cases += expectations(rules, rules, timedelta(minutes=minutes), fire)
    test = {"name": scenario, "interval": "1m", "input_series": series, "alert_rule_test": cases}
    promtool_test(tmp_path, text, [test])


# --- every threshold and hold time, on gauges --------------------------------------------------


def gauged() -> playbook.Playbook:
    """The default playbook with each expression a gauge of its own: ``playbook_api_error_rate``."""
    text = default_path().read_text(encoding="utf-8")
    book = playbook.load()
    for metric in book.metrics:
        assert metric.promql is not None
        text = text.replace(f"promql: {metric.promql}\n", f"promql: playbook_{metric.id}\n", 1)
    for signal in book.rollback.signals if book.rollback else ():
        if signal.promql is not None:
            text = text.replace(f"promql: {signal.promql}\n", f"promql: playbook_{signal.id} == 1\n", 1)
    result = playbook.validate_text(text, "gauged.yaml")
    assert result.playbook is not None and not result.errors, result.problems
    return result.playbook


def nudged(q: Quantity) -> list[Quantity]:
    """Just below, at and just above ``q``: 1/100 of a percent, or a millisecond."""
    step = Decimal("0.01") if q.unit == "%" else Decimal("0.001") if q.unit == "s" else Decimal(1)
    value = Decimal(repr(q.value))
    return [Quantity(float(value + d), q.unit) for d in (-step, 0, step)]


def in_gauge(q: Quantity, scale: str | None) -> str:
    value = Decimal(repr(q.value))
    return str(value / 100 if scale == "ratio" else value)


BOOK = gauged()
METRICS = [m.id for m in BOOK.metrics]


@needs_promtool
@pytest.mark.parametrize("metric_id", METRICS)
def test_each_rule_at_and_around_its_threshold_and_hold_time(metric_id: str, tmp_path: Path) -> None:
    book = BOOK
    metric = next(m for m in book.metrics if m.id == metric_id)
    text = prometheus_rules(book).text
    rules = rules_of(text)
    on_metric = [r for r in (book.rollback.rules if book.rollback else ()) if r.metric == metric_id]
    sources = book.detection.sources if book.detection else ()
    watched = zip(sources, derive.alerts(book).detection, strict=True)
    detection = {
        w.name: a for s, ws in watched for a, w in zip(s.alerts, ws, strict=True) if a.metric == metric_id
    }
    alerts = list(detection.values())
    names = [n for n, r in rules.items() if r["labels"].get("rollback_rule") in {x.id for x in on_metric}]
    names += list(detection)
    assert names, f"{metric_id} has no exported rule"
    thresholds = [q for r in on_metric for q in (r.above, r.below, *(r.between or ())) if q is not None]
    thresholds += [a.threshold for a in alerts]
    holds = sorted({r.for_ for r in on_metric if r.for_ is not None})
    times = sorted({timedelta(0), *holds, *(h - STEP for h in holds), *(h + STEP for h in holds)})
    tests = []
    for value in sorted({v for q in thresholds for v in nudged(q)}, key=lambda q: q.base):
        cases = []
        for at in times:
            reading: object = (str(value), format_duration(at)) if at else str(value)
            decision = (
                playbook.decide_rollback({metric_id: reading})
                if False
                else book_decide(book, metric_id, reading)
            )
            fire = {n for n, r in rules.items() if r["labels"].get("rollback_rule") in decision}
            fire |= {
                n
                for n, a in detection.items()
                if (a.above is not None and value > a.above) or (a.below is not None and value < a.below)
            }
            cases += expectations(rules, names, at, fire)
        series = [{"series": f"playbook_{metric_id}", "values": f"{in_gauge(value, metric.scale)}x80"}]
        tests.append(
            {
                "name": f"{metric_id} = {value}",
                "interval": format_duration(STEP),
                "input_series": series,
                "alert_rule_test": cases,
            }
        )
    promtool_test(tmp_path, text, tests)


def book_decide(book: playbook.Playbook, metric_id: str, reading: object) -> set[str]:
    """The rules the playbook itself matches for one reading (the response API, not the export)."""
    from playbook.response import decide_rollback

    return {m.rule for m in decide_rollback(book, {metric_id: reading}).matched}


@needs_promtool
def test_a_signal_with_an_expression_fires_its_rule_while_it_holds(tmp_path: Path) -> None:
    text = prometheus_rules(BOOK).text
    rules = rules_of(text)
    names = ["RollbackLoginDown", "RollbackDbPoolExhausted"]
    tests = [
        {
            "name": f"login_down={on}",
            "interval": "15s",
            "input_series": [
                {"series": "playbook_login_down", "values": f"{on}x20"},
                {"series": "playbook_db_pool_exhausted", "values": "0x20"},
            ],
            "alert_rule_test": expectations(
                rules, names, timedelta(0), {"RollbackLoginDown"} if on else set()
            )
            + expectations(rules, names, timedelta(minutes=1), {"RollbackLoginDown"} if on else set()),
        }
        for on in (0, 1)
    ]
    promtool_test(tmp_path, text, tests)


# --- Alertmanager -----------------------------------------------------------------------------


@needs_amtool
def test_amtool_accepts_the_committed_routes() -> None:
    assert AMTOOL is not None
    done = run(AMTOOL, "check-config", str(ROUTES))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS" in done.stdout


def start_channels_written(book: playbook.Playbook, severity: str) -> list[str]:
    """The channels of the start notices of ``severity``, read from the playbook as written."""
    rules = book.communication.internal if book.communication else ()
    out: list[str] = []
    for rule in rules:
        if rule.event == "start" and rule.severity in (None, severity):
            out += [c for c in rule.channels if c not in out]
    return out


def routed(config: Path, *labels: str) -> list[str]:
    assert AMTOOL is not None
    done = run(AMTOOL, "config", "routes", "test", f"--config.file={config}", *labels)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip().split(",")


@needs_amtool
def test_an_alert_of_each_severity_reaches_the_channels_the_playbook_names() -> None:
    book = playbook.load()
    seen = []
    for severity in book.severities:
        expected = start_channels_written(book, severity.id)
        assert routed(ROUTES, f"severity={severity.id}") == expected
        seen.append(expected)
    assert seen == [["Slack", "电话"], ["Slack"], ["Slack"]]


@needs_amtool
def test_rollback_and_detection_alerts_go_where_the_most_severe_does() -> None:
    book = playbook.load()
    urgent = start_channels_written(book, book.severities[0].id)
    rules = rules_of(RULES.read_text(encoding="utf-8"))
    for name, rule in rules.items():
        labels = [f"alertname={name}", *(f"{k}={v}" for k, v in rule["labels"].items())]
        assert routed(ROUTES, *labels) == urgent, name


@needs_amtool
def test_amtool_accepts_routes_with_odd_channel_names(tmp_path: Path) -> None:
    text = (
        default_path()
        .read_text(encoding="utf-8")
        .replace("channels: [Slack, 电话]", "channels: ['#ops \"on-call\"', 'yes', 'a: b']")
    )
    book = playbook.validate_text(text, "odd.yaml").playbook
    assert book is not None
    path = tmp_path / "alertmanager.yml"
    path.write_text(alertmanager_config(book).text, encoding="utf-8")
    assert AMTOOL is not None
    done = run(AMTOOL, "check-config", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert routed(path, "severity=P0") == ['#ops "on-call"', "yes", "a: b"]
