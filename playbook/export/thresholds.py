"""Thresholds in the scale of a metric's expression, and the comparisons alerting rules evaluate.

A playbook writes ``10%`` and ``2s``; an expression may give a ratio (0-1), a
percentage, seconds or milliseconds. Numbers are converted in decimal, so
``10%`` of a ratio is ``0.1`` exactly, never ``0.10000000000000001``.
"""

from __future__ import annotations

from decimal import Decimal

from playbook.units import Quantity

__all__ = ["ScaleError", "above", "below", "between", "in_scale", "wrapped"]

_DIMENSION = {"%": "%", "s": "s", "ms": "s", "": ""}
_NAMES = {"%": "a percentage", "s": "a time", "": "a count"}


class ScaleError(ValueError):
    """A threshold that cannot be put in the scale of its metric's expression."""


def in_scale(threshold: Quantity, unit: str, scale: str | None) -> str:
    """``threshold`` as a number in ``scale``, for a metric measured in ``unit``.

    ``10%`` is ``0.1`` in ``ratio`` and ``10`` in ``percent``; ``500ms`` is
    ``0.5`` in ``seconds``; ``2s`` is ``2000`` in ``milliseconds``; a count is
    as written. Raises :class:`ScaleError` for a threshold in another
    dimension than the metric's, or a scale that does not fit it.
    """
    dimension = _DIMENSION[unit]
    if threshold.dimension != dimension:
        raise ScaleError(
            f"{threshold} is {_NAMES[threshold.dimension]}, but the metric is {_NAMES[dimension]}"
            + (f" ({unit})" if unit else "")
            + ": no alert can compare them"
        )
    number = Decimal(repr(threshold.value))
    if dimension == "%":
        if scale not in ("ratio", "percent"):
            raise ScaleError(f"a percentage needs the expression's scale, ratio or percent, not {scale}")
        return _plain(number / 100 if scale == "ratio" else number)
    if dimension == "s":
        seconds = number / 1000 if threshold.unit == "ms" else number
        if scale not in ("seconds", "milliseconds"):
            raise ScaleError(f"a time needs the expression's scale, seconds or milliseconds, not {scale}")
        return _plain(seconds * 1000 if scale == "milliseconds" else seconds)
    return _plain(number)


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: ``0.1``, ``2000``, ``-5``."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def wrapped(promql: str) -> str:
    """The expression in parentheses, on lines of its own when a line break or comment could swallow them."""
    body = promql.strip()
    if "\n" in body or "#" in body:
        return f"(\n{body}\n)"
    return f"({body})"


def above(promql: str, value: str) -> str:
    """Series of the expression above ``value``: ``(expr) > 0.1``."""
    return f"{wrapped(promql)} > {value}"


def below(promql: str, value: str) -> str:
    """Series of the expression below ``value``: ``(expr) < 0.9``."""
    return f"{wrapped(promql)} < {value}"


def between(promql: str, low: str, high: str) -> str:
    """Series of the expression from ``low`` to ``high``, both included, in one expression."""
    return f"{wrapped(promql)} >= {low} <= {high}"
