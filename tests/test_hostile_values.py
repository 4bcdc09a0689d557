"""Numbers stay finite and print as written; wrong types given to the API get a message."""

from __future__ import annotations

import json
import math
from datetime import datetime

import pytest
from conftest import ONE_SEVERITY

import playbook
from playbook import derive
from playbook.loader import validate_text
from playbook.source import Limits
from playbook.units import Quantity, parse_duration, plain_number

BASE = (
    ONE_SEVERITY.format(name="Numbers")
    + """\
metrics:
  - {id: error_rate, name: Error rate, unit: "%"}
rollback:
  rules:
    - {id: r, tier: immediate, metric: error_rate, above: THRESHOLD}
  verification:
    - {id: ok, item: Healthy}
"""
)


def with_threshold(value: str) -> str:
    return BASE.replace("THRESHOLD", value)


@pytest.mark.parametrize(
    ("written", "shown"),
    [("99.99999%", "99.99999%"), ("0.0000001%", "0.0000001%"), ("10%", "10%"), ("12.50%", "12.5%")],
)
def test_a_threshold_prints_as_written(written: str, shown: str) -> None:
    result = validate_text(with_threshold(written))
    assert result.playbook is not None and not result.errors
    rule = result.playbook.rollback.rules[0]  # type: ignore[union-attr]
    assert str(rule.above) == shown
    assert shown in derive.rule_condition(result.playbook, rule)
    dumped = json.loads(json.dumps(result.playbook.model_dump(mode="json")))
    assert dumped["rollback"]["rules"][0]["above"] == shown


@pytest.mark.parametrize("written", ["1" * 400 + "%", "1e400%", "１５%", "nan%", "inf%", "9" * 5000])
def test_an_impossible_threshold_is_a_located_problem(written: str) -> None:
    result = validate_text(with_threshold(written))
    assert result.errors, written
    (problem,) = result.errors
    assert (problem.line, problem.column) == (13, 59)
    assert problem.check == "invalid-value"
    assert "Exceeds the limit" not in problem.message


def test_plain_numbers_never_use_exponents() -> None:
    for value in (1e-7, 1e15, 123456789.125, 0.1 + 0.2, 5.0):
        text = plain_number(value)
        assert "e" not in text.lower() and float(text) == value


@pytest.mark.parametrize(
    "value", [math.nan, math.inf, -math.inf, 10**5000], ids=["nan", "inf", "-inf", "huge"]
)
def test_a_reading_must_be_finite(value: float) -> None:
    with pytest.raises(ValueError, match="out of range"):
        playbook.decide_rollback({"api_error_rate": value})


def test_full_width_digits_are_not_a_duration() -> None:
    with pytest.raises(ValueError):
        parse_duration("１５m")
    with pytest.raises(ValueError):
        Quantity.parse("１５%")


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: playbook.checklist(None), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.checklist("P0", phase=3), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.timeline("P0", "2026-01-01"), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.timeline("P0", datetime(2026, 1, 1)), ValueError),
        (lambda: playbook.decide_rollback(signals=None), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.decide_rollback(["api_error_rate"]), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.decide_rollback(signals=[None]), TypeError),  # type: ignore[list-item]
        (lambda: playbook.decide_rollback({"api_error_rate": "12furlongs"}), ValueError),
        (lambda: playbook.render_message("incident-start", summary=3), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.render_message(None), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.classify(None, "many"), TypeError),  # type: ignore[arg-type]
        (lambda: playbook.classify(["high", None], "many"), TypeError),  # type: ignore[list-item]
        (lambda: playbook.classify([], "many"), ValueError),
        (lambda: Limits(max_problems=0), ValueError),
        (lambda: Limits(max_problems=-1), ValueError),
        (lambda: Limits(max_bytes="4MB"), TypeError),  # type: ignore[arg-type]
    ],
)
def test_wrong_input_to_the_api_gets_a_message(call: object, error: type[Exception]) -> None:
    with pytest.raises(error) as caught:
        call()  # type: ignore[operator]
    assert type(caught.value) is not AttributeError
    assert len(str(caught.value)) > 10
