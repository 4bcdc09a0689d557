"""Checks and answers grow linearly (or n log n) with the file: two sizes timed in one process.

Each test times a small and a large input, eight times larger, and requires
the CPU-time ratio to stay under 12 (a quadratic step would give about 64).
Medians of interleaved runs keep one slow moment from deciding.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ONE_SEVERITY

from playbook import derive
from playbook.export import alertmanager_config, prometheus_rules
from playbook.loader import validate_text
from playbook.model import Playbook
from playbook.review.alerts import alert_changes

SMALL, LARGE = 500, 4000
LIMIT = 12.0


def ratio(run: Callable[[int], object], small: int = SMALL, large: int = LARGE, rounds: int = 3) -> float:
    times: dict[int, list[float]] = {small: [], large: []}
    run(small)  # warm caches and imports
    for _ in range(rounds):
        for size in (small, large):
            start = time.process_time()
            run(size)
            times[size].append(time.process_time() - start)
    return statistics.median(times[large]) / max(statistics.median(times[small]), 1e-6)


HEAD = (
    ONE_SEVERITY.format(name="Sized")
    + """\
roles:
  - {id: ops, name: Ops}
metrics:
  - {id: error_rate, name: Error rate, unit: "%"}
"""
)


def rollback_rules(count: int) -> str:
    lines = [HEAD, "rollback:\n  rules:\n"]
    for n in range(count):
        tier = "immediate" if n % 2 else "consider"
        low = (n % 97) / 10
        lines.append(
            f"    - {{id: r{n}, tier: {tier}, metric: error_rate, between: [{low}%, {low + 0.05:.2f}%]}}\n"
        )
    lines.append("  verification:\n    - {id: ok, item: Healthy}\n")
    return "".join(lines)


def test_rollback_tier_checks_are_not_quadratic() -> None:
    texts = {size: rollback_rules(size) for size in (SMALL, LARGE)}
    assert validate_text(texts[SMALL]).errors, "the generated rules overlap: the check has work to do"
    assert ratio(lambda size: validate_text(texts[size])) < LIMIT


def channel_chain(count: int) -> str:
    lines = [HEAD, "communication:\n  external:\n"]
    lines.append("    - {id: c0, scenario: Outage, channels: [Status page], content: Updates, owner: ops}\n")
    for n in range(1, count):
        lines.append(
            f"    - {{id: c{n}, scenario: S{n}, same_channels_as: c{n - 1}, content: Updates, owner: ops}}\n"
        )
    return "".join(lines)


def test_same_channels_as_chains_resolve_in_linear_time() -> None:
    books = {}
    for size in (SMALL, LARGE):
        result = validate_text(channel_chain(size))
        assert result.playbook is not None and not result.errors
        books[size] = result.playbook
    resolved = derive.channels(books[LARGE])
    assert resolved[f"c{LARGE - 1}"] == ("Status page",)
    assert ratio(lambda size: derive.channels(books[size])) < LIMIT


def many_problems(count: int) -> str:
    # Every severity has a bare-number duration: one invalid-value problem each.
    lines = ["format: 1\nname: Broken\nseverities:\n"]
    lines += [f"  - {{id: S{n}, name: N{n}, respond_within: 15, resolve_within: 1h}}\n" for n in range(count)]
    lines.append(
        "classification: {impact: [{id: a, name: A}], reach: [{id: b, name: B}], matrix: {b: {a: S0}}}\n"
    )
    return "".join(lines)


def test_reporting_many_problems_is_linear() -> None:
    texts = {size: many_problems(size) for size in (2000, 16000)}
    from playbook.source import Limits

    limits = Limits(max_problems=100_000)
    assert len(validate_text(texts[2000], limits=limits).problems) == 2000
    assert (
        ratio(lambda size: validate_text(texts[size], limits=limits), small=2000, large=16000, rounds=2)
        < LIMIT
    )


def test_a_timeline_is_bounded_whatever_the_cadence() -> None:
    from datetime import datetime

    from playbook import response
    from playbook.response.timeline import MAX_UPDATES

    text = HEAD.replace("resolve_within: 1h}", "resolve_within: 36500d, update_every: 1s}")
    result = validate_text(text)
    assert result.playbook is not None and not result.errors
    book = result.playbook
    start = datetime.fromisoformat("2026-01-01T00:00+00:00")
    answer = response.timeline(book, "S1", start)
    # The bound holds for the whole timeline: the acknowledgement and the resolution take two places.
    assert len(answer.deadlines) == MAX_UPDATES and answer.truncated
    assert len(answer.updates) == MAX_UPDATES - 2
    assert answer.omitted == 36500 * 86400 - len(answer.updates)
    assert answer.to_dict()["omitted_updates"] == answer.omitted
    assert answer.updates[-1] == start.replace(hour=2, minute=46, second=38)  # the 9 998th second
    short = validate_text(text.replace("36500d", "20000s")).playbook
    assert short is not None
    assert ratio(lambda size: response.timeline(book if size == LARGE else short, "S1", start)) < 3


def test_the_collector_is_paused_only_while_reading_a_large_input(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gc

    from playbook import loader

    seen: list[bool] = []
    real = loader._validate

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        raise RuntimeError("boom")

    large = HEAD + "# padding\n" * (loader.PAUSE_FROM // 10)
    (tmp_path / "large.yaml").write_text(large, encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "large.yml").write_text(large, encoding="utf-8")
    monkeypatch.setattr(loader, "_validate", spy)
    assert gc.isenabled()
    for read in (
        lambda: loader.validate_text(large),
        lambda: loader.validate(tmp_path / "large.yaml"),
        lambda: loader.validate(tmp_path / "folder"),
        lambda: loader.validate_text(HEAD),
    ):
        with pytest.raises(RuntimeError):
            read()
        assert gc.isenabled(), "an exception left the garbage collector off"
    assert seen == [False, False, False, True]
    monkeypatch.setattr(loader, "_validate", real)
    assert loader.validate_text(large).problems == []
    assert gc.isenabled()
    gc.disable()
    try:
        assert loader.validate_text(large).problems == []
        assert not gc.isenabled(), "a collector the caller turned off was turned on"
    finally:
        gc.enable()


def test_rendering_a_long_same_channels_as_chain_is_linear() -> None:
    import playbook.site as generator

    books = {}
    for size in (SMALL, LARGE):
        result = validate_text(channel_chain(size))
        assert result.playbook is not None
        books[size] = result.playbook
    assert ratio(lambda size: generator.render(books[size]), rounds=3) < LIMIT


def channel_chain_forward(count: int) -> str:
    # Each rule takes its channels from the next one; only the last lists them.
    lines = [HEAD, "communication:\n  external:\n"]
    for n in range(count - 1):
        lines.append(
            f"    - {{id: c{n}, scenario: S{n}, same_channels_as: c{n + 1}, content: Updates, owner: ops}}\n"
        )
    lines.append(f"    - {{id: c{count - 1}, scenario: Outage, channels: [Status page], owner: ops}}\n")
    return "".join(lines)


def channel_cycle(count: int) -> str:
    # Each rule takes its channels from the next one, and the last from the first: no channels anywhere.
    lines = [HEAD, "communication:\n  external:\n"]
    for n in range(count):
        lines.append(
            f"    - {{id: c{n}, scenario: S{n}, same_channels_as: c{(n + 1) % count}, "
            "content: Updates, owner: ops}\n"
        )
    return "".join(lines)


def test_forward_same_channels_as_chains_resolve_in_linear_time() -> None:
    books = {}
    for size in (SMALL, LARGE):
        result = validate_text(channel_chain_forward(size))
        assert result.playbook is not None and not result.errors
        books[size] = result.playbook
    resolved = derive.channels(books[LARGE])
    assert resolved["c0"] == ("Status page",) and len(resolved) == LARGE
    assert ratio(lambda size: derive.channels(books[size])) < LIMIT


def test_long_same_channels_as_cycles_resolve_and_are_reported_in_linear_time() -> None:
    texts = {size: channel_cycle(size) for size in (SMALL, LARGE)}
    books = {}
    for size in (SMALL, LARGE):
        result = validate_text(texts[size])
        assert result.playbook is not None
        assert result.errors and {p.check for p in result.errors} == {"external-channels"}
        books[size] = result.playbook
    resolved = derive.channels(books[LARGE])
    assert set(resolved.values()) == {()} and len(resolved) == LARGE
    assert ratio(lambda size: derive.channels(books[size])) < LIMIT
    assert ratio(lambda size: validate_text(texts[size]), rounds=2) < LIMIT


def alerting(count: int) -> object:
    """``count`` severities, each with a start notice of its own, and ``count`` rollback rules."""
    data = yaml.safe_load(ONE_SEVERITY.format(name="Sized"))
    data["severities"] = [
        {
            "id": f"S{n}",
            "name": f"S{n}",
            "respond_within": "15m",
            "resolve_within": "1h",
            "update_every": "15m",
        }
        for n in range(count)
    ]
    data["metrics"] = [
        {"id": "error_rate", "name": "Errors", "unit": "%", "promql": "sum(x)", "scale": "ratio"}
    ]
    data["communication"] = {
        "internal": [
            {"id": f"start{n}", "event": "start", "severity": f"S{n}", "channels": [f"c{n}", "all"],
             "audience": ["ops"], "timing": "immediately"}
            for n in range(count)
        ]
    }  # fmt: skip
    data["rollback"] = {
        "rules": [
            {"id": f"r{n}", "tier": "immediate", "metric": "error_rate", "above": f"{n % 90}%", "for": "5m"}
            for n in range(count)
        ]
    }
    return Playbook.model_validate(data)


def test_exporting_alerts_is_linear() -> None:
    small, large = SMALL // 2, LARGE // 2  # YAML is written in pure Python: half the sizes do
    books = {size: alerting(size) for size in (small, large)}

    def run(size: int) -> None:
        prometheus_rules(books[size], "https://example.org/")
        alertmanager_config(books[size])
        alert_changes(books[size], books[size])

    assert ratio(run, small, large) < LIMIT
