"""What every section of the model is built from: the node base, ids, text, and field markers.

A field declares what it means to the rest of the program with markers in its
``Annotated`` type, so that the checks and the diff learn about a new section
the moment it is added to the model:

- :class:`Identity` on an ``id`` field: ids of that kind are unique;
- :class:`Ref` on a field holding ids: each must name an item of that kind;
- :class:`NotEmpty` on a collection a responder relies on;
- :class:`Looser` on a value whose change can make the playbook looser.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    WithJsonSchema,
)

from playbook.clock import SPAN_PATTERN, BusinessTime, format_span, parse_span
from playbook.units import DURATION_PATTERN, format_duration, parse_duration, shown

__all__ = [
    "ID_PATTERN",
    "ID_SCHEMA",
    "TIMING_KEYWORDS",
    "DateText",
    "Id",
    "Identity",
    "Looser",
    "Name",
    "Node",
    "NotEmpty",
    "Owners",
    "Ref",
    "SpanValue",
    "Target",
    "Text",
    "Timing",
    "one_or_many",
    "spelling",
]


@dataclass(frozen=True)
class Identity:
    """Marks an ``id`` field: items of ``kind`` have unique ids.

    ``scope="parent"``: unique only among the items of one parent (the fields
    of one template), otherwise across the whole playbook (steps of every phase).
    """

    kind: str
    scope: Literal["playbook", "parent"] = "playbook"


@dataclass(frozen=True)
class Ref:
    """Marks a field (or the items or keys of one) that names an item of ``kind``.

    ``if_declared``: the reference is checked only when the playbook declares
    at least one item of that kind (rollback tiers are optional).
    """

    kind: str
    if_declared: bool = False
    unless: str | None = None
    """A value that is not a reference (``24x7`` where a calendar may be named)."""


@dataclass(frozen=True)
class NotEmpty:
    """Marks a collection that must hold something; ``when``: only if that sibling field does."""

    message: str
    when: str | None = None
    unless: str | None = None
    format: int | None = None
    """Only in files of this format (what format 2 makes optional)."""


Way = Literal[
    "longer",
    "higher",
    "lower",
    "narrower",
    "order",
    "rank",
    "removal",
    "coverage",
    "cadence",
    "hours",
    "holidays",
]


@dataclass(frozen=True)
class Looser:
    """How a change to this value can loosen the playbook.

    - ``longer``: a larger duration (or quantity) is looser; ``absent`` says
      what no value means: ``"never"`` (no target: looser than any) or
      ``"zero"`` (no wait: stricter than any);
    - ``higher`` / ``lower``: a threshold that fires later when raised / lowered;
    - ``narrower``: an inclusive range that matches fewer readings;
    - ``order``: values in ``order`` run from strictest to loosest;
    - ``rank``: a severity id; a less severe one (later in ``severities``) is looser;
    - ``removal``: removing an item of this collection (or the section) is looser;
    - ``coverage``: ``24x7`` is strictest; any calendar (business hours only) is looser;
      between calendars, fewer working hours a week is looser;
    - ``cadence``: a list of update steps, compared as one schedule: updates
      less often (or none) at any time since the incident was declared is looser;
    - ``hours``: a calendar's weekly working hours: fewer is looser for what it covers;
    - ``holidays``: a calendar's days off: more is looser for what it covers.

    A ``when`` (:class:`~playbook.model.when.When`) needs no marker: applying
    to fewer incidents is looser wherever it stands.
    """

    way: Way
    order: tuple[str, ...] = ()
    absent: Literal["never", "zero"] = "never"


@dataclass(frozen=True)
class Name:
    """Marks a field that lookups accept in place of the item's id (a level's or phase's name)."""


def spelling(text: str) -> str:
    """The form in which names and ids are compared when looked up.

    NFKC, case-folded, ``-`` and ``_`` alike, white space collapsed: ``High
    Impact``, ``high  impact`` and ``HIGH IMPACT`` are one spelling.
    """
    folded = unicodedata.normalize("NFKC", text).casefold().replace("_", "-")
    return " ".join(folded.split())


ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"
Id = Annotated[
    str,
    StringConstraints(pattern=ID_PATTERN, max_length=64),
    Field(description="An identifier: letters, digits, '.', '_' and '-'."),
]
ID_SCHEMA = {"type": "string", "pattern": ID_PATTERN, "maxLength": 64}
# C0 and C1 controls (but tab and newlines), and the Unicode non-characters: none belongs in
# a playbook, and each can break a terminal, an XML report or the generated site.
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef"
    + "".join(f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000))
    + "]"
)


def _no_control(value: str) -> str:
    found = _CONTROL.search(value)
    if found:
        code = ord(found.group())
        what = (
            "a non-character"
            if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
            else "a control character"
        )
        raise ValueError(f"text holds {what} (U+{code:04X}); remove it")
    return value


Text = Annotated[str, StringConstraints(min_length=1, pattern=r"\S"), AfterValidator(_no_control)]
"""Free text as its author wrote it: not blank, no control characters."""


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def _date_text(value: object) -> object:
    if isinstance(value, datetime):
        raise ValueError(f"a date is written YYYY-MM-DD, without a time, not {value.isoformat()}")
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value.strip()!r} is not a valid date (YYYY-MM-DD)") from None
    if isinstance(value, str):
        raise ValueError(f"{value.strip()!r} is not a valid date (YYYY-MM-DD)")
    raise ValueError(f"a date is written YYYY-MM-DD, not {shown(value)}")


DateText = Annotated[date, BeforeValidator(_date_text)]
"""A calendar date written ``YYYY-MM-DD``."""


def one_or_many(value: object) -> object:
    """One id read as a list of one: ``P1`` → ``["P1"]``."""
    return [value] if isinstance(value, str) else value


Owners = Annotated[
    tuple[Annotated[str, Ref("role")], ...],
    BeforeValidator(one_or_many),
    Field(min_length=1, description="One role id, or a list of role ids."),
    WithJsonSchema(
        {
            "anyOf": [ID_SCHEMA, {"type": "array", "items": ID_SCHEMA, "minItems": 1}],
            "description": "One role id, or a list of role ids.",
        }
    ),
]
"""One role id or several: who owns a step."""


TIMING_KEYWORDS = ("immediately", "per-severity", "on-resolution", "postmortem-meeting")
"""Timings that are not a fixed duration.

``immediately``: at once; ``per-severity``: at the severity's ``update_every``;
``on-resolution``: when the incident is declared over; ``postmortem-meeting``:
within ``postmortem.meeting_within``.
"""


def _parse_timing(value: object) -> str | timedelta:
    if isinstance(value, str) and value in TIMING_KEYWORDS:
        return value
    try:
        return parse_duration(value)
    except ValueError:
        raise ValueError(
            f"{value!r} is not a timing: write a duration such as 30m, or one of {', '.join(TIMING_KEYWORDS)}"
        ) from None


def _dump_timing(value: str | timedelta) -> str:
    return value if isinstance(value, str) else format_duration(value)


Timing = Annotated[
    str | timedelta,
    PlainValidator(_parse_timing),
    PlainSerializer(_dump_timing, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "enum": list(TIMING_KEYWORDS)},
                {"type": "string", "pattern": DURATION_PATTERN},
            ],
            "description": "A duration such as 30m, or one of: " + ", ".join(TIMING_KEYWORDS),
        }
    ),
]
"""When something happens: a duration, or one of :data:`TIMING_KEYWORDS`."""


def _span(value: object) -> timedelta | BusinessTime:
    return parse_span(value)


_SPAN_SCHEMA = {
    "type": "string",
    "pattern": SPAN_PATTERN,
    "description": "A duration (15m, 1h30m, 48h, PT15M), or business time on a calendar: 4bh, 2bd.",
    "examples": ["15m", "1h", "4bh", "2bd"],
}

SpanValue = Annotated[
    timedelta | BusinessTime,
    PlainValidator(_span),
    PlainSerializer(format_span, return_type=str),
    WithJsonSchema(_SPAN_SCHEMA),
]
"""A duration (``15m``) or business time (``4bh`` working hours, ``2bd`` working days)."""

NO_TARGET = "none"
"""How a playbook says a level has no target."""


def _target(value: object) -> timedelta | BusinessTime | None:
    if value == NO_TARGET:
        return None
    return parse_span(value)


def _dump_target(value: timedelta | BusinessTime | None) -> str:
    return NO_TARGET if value is None else format_span(value)


Target = Annotated[
    timedelta | BusinessTime | None,
    PlainValidator(_target),
    PlainSerializer(_dump_target, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": SPAN_PATTERN}, {"const": NO_TARGET}],
            "examples": ["15m", "4h", "2bd", NO_TARGET],
        }
    ),
]
"""A target: a span, or ``none`` (no target, stated explicitly; format 2)."""


class Node(BaseModel):
    """Base of every model: frozen, unknown keys refused.

    A class builds its validator when it first validates, not when it is
    declared: reading a playbook builds only the top one, once. The docstring
    under a field describes it in the JSON Schema (:mod:`playbook.schema`).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)
