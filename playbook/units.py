"""Typed values a program compares: durations and quantities with units.

A duration is written ``15m``, ``1h``, ``48h``, ``1h30m``, ``90s``, ``2d`` or in
ISO 8601 (``PT15M``, ``P2D``). A quantity is a number with a unit: ``10%``,
``2s``, ``500ms``, ``90%``. Both refuse bare numbers, because a bare ``15`` does
not say whether it means minutes or seconds.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, GetCoreSchemaHandler, PlainSerializer, WithJsonSchema
from pydantic_core import core_schema

__all__ = [
    "DURATION_PATTERN",
    "QUANTITY_PATTERN",
    "Duration",
    "Quantity",
    "format_duration",
    "parse_duration",
    "plain_number",
    "shown",
]

_UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_SHORT = re.compile(r"(?=\d)(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", re.ASCII)
_ISO = re.compile(r"P(?=\d|T\d)(?:(\d+)D)?(?:T(?=\d)(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", re.ASCII)

# The lookaheads refuse "", "P", "PT", "P2DT" and "0m": every duration names a non-zero amount.
DURATION_PATTERN = (
    r"^(?=.*[1-9])(?:(?=\d)(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?"
    r"|P(?=\d|T\d)(?:\d+D)?(?:T(?=\d)(?:\d+H)?(?:\d+M)?(?:\d+S)?)?)$"
)
QUANTITY_PATTERN = r"^-?\d+(?:\.\d+)?\s?(?:%|ms|s)?$"


def shown(value: object) -> str:
    """A value as YAML writes it, for messages: ``true``, ``an empty value``, ``'15 minutes'``."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return plain_number(value) if isinstance(value, float) and math.isfinite(value) else str(value)
    return repr(value)


MAX_DURATION = timedelta(days=36525)
"""100 years: longer, and a deadline counted from any start could fall past the year 9999."""


def parse_duration(value: object) -> timedelta:
    """Parse ``15m``, ``1h30m`` or ``PT15M`` into a :class:`~datetime.timedelta`.

    Raises :class:`ValueError` for anything else, including bare numbers.
    """
    if isinstance(value, timedelta):
        return value
    if not isinstance(value, str):
        raise ValueError(f"a duration is text with a unit, such as 15m, 1h or PT15M, not {shown(value)}")
    text = value.strip()
    match = _SHORT.fullmatch(text) or _ISO.fullmatch(text)
    if not text or text in ("P", "PT") or match is None or not any(match.groups()):
        raise ValueError(
            f"{value!r} is not a duration: write a number and a unit (d, h, m, s), "
            "such as 15m, 1h, 1h30m, or ISO 8601 such as PT15M"
        )
    days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    try:
        total = timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    except OverflowError:
        raise ValueError(f"{value!r} is too long to be a duration") from None
    if total <= timedelta(0):
        raise ValueError(f"a duration must be longer than zero, not {shown(value)}")
    if total > MAX_DURATION:
        raise ValueError(
            f"{shown(value)} is too long: a duration is at most 100 years ({MAX_DURATION.days}d), "
            "so that every deadline it sets has a date"
        )
    return total


def _sane(number: float, written: object) -> float:
    if not math.isfinite(number) or abs(number) > MAX_MAGNITUDE:
        shown_value = written if isinstance(written, str) and len(written) <= 40 else "a number"
        raise ValueError(
            f"{shown_value!s} is out of range: a quantity is finite and at most {MAX_MAGNITUDE:,.0f} in size"
        )
    return number


def format_duration(value: timedelta) -> str:
    """Write a duration in the short form it was read from: ``1h30m``, ``48h``."""
    remaining = int(value.total_seconds())
    if remaining == 0:
        return "0s"
    parts = []
    # Hours are not folded into days: the playbook says 48h, not 2d.
    for unit, size in (("h", 3600), ("m", 60), ("s", 1)):
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts)


Duration = Annotated[
    timedelta,
    BeforeValidator(parse_duration),
    PlainSerializer(format_duration, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": DURATION_PATTERN,
            "description": "A duration: 15m, 1h, 1h30m, 48h, or ISO 8601 such as PT15M.",
            "examples": ["15m", "1h", "PT15M"],
        }
    ),
]
"""A :class:`~datetime.timedelta` written as ``15m``, ``1h`` or ``PT15M`` in YAML."""


_QUANTITY = re.compile(r"(-?\d+(?:\.\d+)?)\s?(%|ms|s)?", re.ASCII)
MAX_MAGNITUDE = 1e15
"""The largest quantity a playbook may state; anything beyond is a typing slip, not a threshold."""


def plain_number(value: float) -> str:
    """A number as written, never rounded and never in exponent notation: ``99.99999``, ``0.0000001``."""
    if value == int(value):
        return str(int(value))
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_DIMENSION = {"%": "%", "s": "s", "ms": "s", "": ""}


@dataclass(frozen=True, eq=False)
class Quantity:
    """A number with a unit: a percentage (``10%``), a time (``2s``, ``500ms``) or a count.

    Times are compared in seconds, so ``500ms`` is less than ``2s``. Comparing
    quantities of different dimensions (a percentage with a time) raises
    :class:`TypeError`.
    """

    value: float
    unit: str = ""

    @classmethod
    def parse(cls, value: object) -> Quantity:
        """Read ``10%``, ``2s``, ``500ms`` or a bare number (a count)."""
        if isinstance(value, Quantity):
            return value
        if isinstance(value, bool):
            raise ValueError(f"a quantity is a number with a unit such as 10% or 2s, not {shown(value)}")
        if isinstance(value, int | float):
            return cls(_sane(float(value) if abs(value) < 1e300 else math.inf, value), "")
        if not isinstance(value, str):
            raise ValueError(f"a quantity is a number with a unit such as 10% or 2s, not {shown(value)}")
        match = _QUANTITY.fullmatch(value.strip())
        if match is None:
            raise ValueError(
                f"{value!r} is not a quantity: write a number and a unit (%, s, ms), such as 10%, 2s or 500ms"
            )
        return cls(_sane(float(match.group(1)), value), match.group(2) or "")

    @property
    def dimension(self) -> str:
        """``%`` for percentages, ``s`` for times, ``""`` for counts."""
        return _DIMENSION[self.unit]

    @property
    def base(self) -> float:
        """The value in the dimension's base unit: seconds for times."""
        return self.value / 1000 if self.unit == "ms" else self.value

    def _other(self, other: object) -> Quantity:
        if not isinstance(other, Quantity):
            raise TypeError(f"cannot compare a quantity with {type(other).__name__}")
        if other.dimension != self.dimension:
            raise TypeError(f"cannot compare {self} with {other}: different units")
        return other

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Quantity):
            return NotImplemented
        return self.dimension == other.dimension and self.base == other.base

    def __hash__(self) -> int:
        return hash((self.dimension, self.base))

    def __lt__(self, other: object) -> bool:
        return self.base < self._other(other).base

    def __le__(self, other: object) -> bool:
        return self.base <= self._other(other).base

    def __gt__(self, other: object) -> bool:
        return self.base > self._other(other).base

    def __ge__(self, other: object) -> bool:
        return self.base >= self._other(other).base

    def __str__(self) -> str:
        number = plain_number(self.value)
        return f"{number}{self.unit}"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls.parse,
            serialization=core_schema.plain_serializer_function_ser_schema(str),
            json_schema_input_schema=core_schema.union_schema(
                [core_schema.str_schema(pattern=QUANTITY_PATTERN), core_schema.float_schema()]
            ),
        )
