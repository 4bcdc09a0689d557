"""Metrics: the measured quantities that alerts and rollback rules compare against thresholds.

A metric may say how it is measured: ``promql``, a Prometheus expression
giving its current value, and ``scale``, what that value is in. ``playbook
export prometheus`` turns the alerts and rules on such a metric into
alerting rules; a metric without an expression is left out of the export.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, ConfigDict, Field, ValidationInfo, field_validator

from playbook.model.base import Id, Identity, Node, Text

__all__ = ["SCALES", "Metric", "PromQL", "Scale", "promql_problem"]

Scale = Literal["ratio", "percent", "seconds", "milliseconds"]

SCALES: dict[str, tuple[str, ...]] = {"%": ("ratio", "percent"), "s": ("seconds", "milliseconds")}
"""The scales an expression may have, by the dimension of its metric's unit (``ms`` is a time)."""

_DIMENSION = {"%": "%", "s": "s", "ms": "s", "": ""}
_CLOSING = {"(": ")", "[": "]", "{": "}"}
_OPENING = {v: k for k, v in _CLOSING.items()}


def promql_problem(text: str) -> str | None:
    """What is wrong with the brackets and quotes of a PromQL expression, or None.

    Strings (``"..."``, ``'...'`` with backslash escapes, and raw
    ```...```) and ``#`` comments are skipped; every ``(``, ``[`` and ``{``
    must close in order. The rest of the syntax is Prometheus's to judge
    (``promtool check rules`` on the export).
    """
    stack: list[tuple[str, int]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in "\"'`":
            start, i = i, i + 1
            while i < n and text[i] != c:
                i += 2 if c != "`" and text[i] == "\\" else 1
            if i >= n:
                return f"the string opened at character {start + 1} is never closed"
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c in _CLOSING:
            stack.append((c, i))
        elif c in _OPENING:
            if not stack or stack[-1][0] != _OPENING[c]:
                return f"'{c}' at character {i + 1} closes nothing"
            stack.pop()
        i += 1
    if stack:
        bracket, at = stack[-1]
        return f"'{bracket}' at character {at + 1} is never closed"
    return None


def _promql(value: str) -> str:
    problem = promql_problem(value)
    if problem is not None:
        raise ValueError(f"not a Prometheus expression: {problem}")
    return value


PromQL = Annotated[Text, AfterValidator(_promql)]
"""A Prometheus expression, its brackets and quotes balanced."""


class Metric(Node):
    """A measured quantity that alerts and rollback rules compare against thresholds."""

    model_config = ConfigDict(json_schema_extra={"dependentRequired": {"scale": ["promql"]}})

    id: Annotated[Id, Identity("metric")]
    """The metric's id, as alerts and rules refer to it."""
    name: Text
    """The metric's name."""
    label: Text | None = Field(None, description="How the playbook's text names the metric.")
    unit: Literal["%", "s", "ms", ""] = ""
    """The unit its thresholds are in: %, s, ms, or empty for a count."""
    description: Text | None = None
    """What the metric measures and where it comes from."""
    promql: PromQL | None = None
    """A Prometheus expression whose value is the metric; without one, its alerts are not exported."""
    scale: Scale | None = Field(None, validate_default=True)
    """What promql gives: ratio (0-1) or percent for a metric in %, seconds or milliseconds for a time."""

    @field_validator("scale")
    @classmethod
    def _scale_fits(cls, scale: Scale | None, info: ValidationInfo) -> Scale | None:
        if "unit" not in info.data or "promql" not in info.data:
            return scale  # the unit or the expression is refused already
        dimension = _DIMENSION[info.data["unit"]]
        fitting = SCALES.get(dimension, ())
        if info.data["promql"] is None:
            if scale is not None:
                raise ValueError("'scale' says what the promql expression gives; write 'promql' too")
            return scale
        if scale is None and fitting:
            which = (
                "ratio if the expression gives 0-1, percent if it gives 0-100"
                if dimension == "%"
                else "seconds or milliseconds, whichever the expression gives"
            )
            unit = info.data["unit"]
            raise ValueError(f"a metric in {unit} with a promql expression needs 'scale': {which}")
        if scale is not None and scale not in fitting:
            if not fitting:
                raise ValueError(f"a metric without a unit takes no scale, not {scale}: it is a count")
            raise ValueError(
                f"scale {scale} does not fit a metric in {info.data['unit']}; choose {' or '.join(fitting)}"
            )
        return scale
