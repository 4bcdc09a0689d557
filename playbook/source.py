"""Reading YAML safely, keeping where every value came from.

PyYAML's own loaders surprise people: duplicate keys silently keep the last
value, aliases can expand a few hundred bytes into millions of nodes, YAML 1.1
turns ``NO`` into ``False`` and ``1:30`` into ``90``, a bare ``2024-02-30``
raises a plain ``ValueError``, and libyaml's C composer overflows the stack on
deeply nested brackets. So this module takes only the parser's event stream
(which is iterative) and builds the values itself, with:

- a cap on file size, checked before parsing, and on nesting depth, checked
  while parsing, so nothing recursive ever sees a hostile file;
- duplicate keys, aliases and tags reported as problems;
- YAML 1.2 core scalars: only ``true``/``false``, ``null``/``~``, and plain
  decimal numbers are anything but text;
- the encoding checked: UTF-8 only, no NUL bytes, a BOM reported.

Every value's position is kept in a :class:`SourceMap`, so a problem found
later (by pydantic or a check) can point at its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from playbook.directives import Directives
from playbook.encoding import decode, deep_bracket, unacceptable
from playbook.files import TooLarge, read_bounded
from playbook.problems import (
    INVALID_VALUE,
    IO,
    YAML_ALIAS,
    YAML_DUPLICATE_KEY,
    YAML_LIMIT,
    YAML_SYNTAX,
    YAML_TAG,
    Problem,
)

__all__ = [
    "DEFAULT_LIMITS",
    "Limits",
    "Loc",
    "Mark",
    "Parsed",
    "SourceMap",
    "parse_bytes",
    "read_file",
]

Loc = tuple[str | int, ...]
Mark = tuple[str, int, int]

_CParser: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+[eE][-+]?[0-9]+")
_NULL = {"", "~", "null", "Null", "NULL"}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_STR_TAG = "tag:yaml.org,2002:str"
_DROPPED: Loc = ("\x00dropped",)
_DROP_KEY = "\x00drop"


@dataclass(frozen=True)
class Limits:
    """What a playbook file may be at most. The defaults are far above any real playbook."""

    max_bytes: int = 4 * 1024 * 1024
    max_depth: int = 64
    max_problems: int = 200

    def __post_init__(self) -> None:
        for name in ("max_bytes", "max_depth", "max_problems"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError(f"Limits.{name} is a whole number, not {type(value).__name__}")
            if value < 1:
                raise ValueError(f"Limits.{name} must be at least 1, not {value}")


DEFAULT_LIMITS = Limits()


@dataclass
class SourceMap:
    """Where each value and each mapping key came from (file, line, column; from 1)."""

    values: dict[Loc, Mark] = field(default_factory=dict)
    keys: dict[Loc, Mark] = field(default_factory=dict)
    raw: dict[Loc, str] = field(default_factory=dict)
    disabled: dict[tuple[str, int], tuple[Mark, frozenset[str]]] = field(default_factory=dict)
    """``# playbook: disable=check-id`` comments: (file, line) → (mark of the comment, ids)."""
    refused: set[Loc] = field(default_factory=set)
    """Locs whose value was refused while reading (an alias): already reported, not to report again."""

    def locate(self, loc: Loc, *, key: bool = False) -> tuple[Mark, Loc]:
        """The mark of the deepest node of ``loc`` that exists, and that node's loc.

        With ``key=True`` and a ``loc`` that exists, the mark of its key rather
        than its value.
        """
        found: Loc = ()
        for element in loc:
            candidate = (*found, element)
            if candidate not in self.values:
                break
            found = candidate
        if key and found == loc and loc in self.keys:
            return self.keys[loc], found
        return self.values.get(found) or next(iter(self.values.values()), ("", 1, 1)), found

    def update(self, other: SourceMap) -> None:
        """Add another map's positions (for a playbook split over several files)."""
        self.values.update(other.values)
        self.keys.update(other.keys)
        self.raw.update(other.raw)
        self.disabled.update(other.disabled)
        self.refused.update(other.refused)


@dataclass
class Parsed:
    """The plain data of one YAML document, its positions, and the problems reading it."""

    data: Any
    where: SourceMap
    problems: list[Problem]


class _Frame:
    __slots__ = ("container", "key_mark", "loc", "pending_key", "seen")

    def __init__(self, container: dict[str, Any] | list[Any], loc: Loc) -> None:
        self.container = container
        self.loc = loc
        self.pending_key: str | None = None
        self.key_mark: Mark | None = None
        self.seen: dict[str, Mark] = {}


def _mark(name: str, mark: Any) -> Mark:
    return (name, mark.line + 1, mark.column + 1)


def _scalar(value: str, tag: str | None, plain: bool) -> Any:
    if tag == _STR_TAG or not plain:
        return value
    if value in _NULL:
        return None
    if value in _BOOL:
        return _BOOL[value]
    if _INT.fullmatch(value):
        # Python refuses to read an integer of more than 4 300 digits; as a float it is infinite,
        # which the model reports where it stands.
        return int(value) if len(value) <= 1000 else float("inf")
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _yaml_message(exc: yaml.YAMLError, text: str, line: int, column: int) -> str:
    lines = text.splitlines()
    if 0 < line <= len(lines) and "\t" in lines[line - 1][:column]:
        return "a tab character: YAML indents with spaces only"
    if isinstance(exc, yaml.MarkedYAMLError):
        return " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
    return str(exc) or "invalid YAML"


def _events(text: str) -> Iterator[Any]:
    loader = _CParser(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def parse_bytes(name: str, blob: bytes, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Read one YAML document from ``blob``; never raises for anything in the bytes."""
    where = SourceMap()
    problems: list[Problem] = []

    def problem(mark: Mark, check: str, message: str) -> None:
        problems.append(Problem(mark[0], mark[1], mark[2], "error", check, message))

    if len(blob) > limits.max_bytes:
        return _too_big(name, len(blob), limits)
    text = decode(name, blob, problems)
    if text is None or unacceptable(name, text, problems):
        return Parsed(None, where, _capped(problems, limits))
    if not text.strip():
        problem((name, 1, 1), YAML_SYNTAX, "the file is empty")
        return Parsed(None, where, problems)

    directives = Directives(name, text)
    root: Any = None
    stack: list[_Frame] = []
    documents = 0

    def place(value: Any, mark: Mark, raw: str | None = None) -> Loc | None:
        """Put a finished value into its parent; return its loc, or None if dropped."""
        nonlocal root
        if not stack:
            root = value
            where.values[()] = mark
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            loc: Loc = (*frame.loc, len(frame.container))
            frame.container.append(value)
            if frame.loc[:1] == _DROPPED:
                return None
        else:
            if frame.pending_key is None:
                key_text = raw if raw is not None and not isinstance(value, dict | list) else value
                frame.pending_key, frame.key_mark = _key_text(key_text, mark), mark
                return None
            key, key_mark = frame.pending_key, frame.key_mark
            assert key_mark is not None
            frame.pending_key = None
            if key == _DROP_KEY or frame.loc[:1] == _DROPPED:
                return None
            loc = (*frame.loc, key)
            if key in frame.seen:
                first = frame.seen[key]
                problem(
                    key_mark,
                    YAML_DUPLICATE_KEY,
                    f"duplicate key '{key}' (first defined at line {first[1]}); "
                    "YAML would silently keep only the last one",
                )
                return None
            frame.seen[key] = key_mark
            frame.container[key] = value
            where.keys[loc] = key_mark
        where.values[loc] = mark
        if raw is not None:
            where.raw[loc] = raw
        return loc

    def _key_text(value: Any, mark: Mark) -> str:
        if isinstance(value, dict | list):
            problem(mark, YAML_SYNTAX, "a mapping key must be plain text, not a mapping or a list")
            return _DROP_KEY
        return str(value) if value is not None else ""

    try:
        for event in _events(text):
            mark = _mark(name, event.start_mark)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    problem(
                        mark,
                        YAML_SYNTAX,
                        "a second YAML document ('---'); a playbook is one document",
                    )
                    break
                continue
            if isinstance(event, yaml.AliasEvent):
                problem(
                    mark,
                    YAML_ALIAS,
                    f"alias '*{event.anchor}': anchors and aliases are not allowed; write the value out",
                )
                refused = place(None, mark)
                if refused is not None:
                    where.refused.add(refused)
                continue
            if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                problem(
                    mark,
                    YAML_ALIAS,
                    f"anchor '&{event.anchor}': anchors and aliases are not allowed; write the value out",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in (
                "!",
                _STR_TAG,
                "tag:yaml.org,2002:map",
                "tag:yaml.org,2002:seq",
            ):
                problem(
                    mark,
                    YAML_TAG,
                    f"tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is not allowed; "
                    "a playbook holds plain text, numbers, lists and mappings",
                )
                tag = None
            if isinstance(event, yaml.ScalarEvent):
                directives.skip_scalar(event.start_mark, event.end_mark)
                plain = event.implicit[0] and not event.style
                place(_scalar(event.value, tag, plain), mark, event.value)
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                if len(stack) >= limits.max_depth:
                    problem(mark, YAML_LIMIT, f"nesting deeper than {limits.max_depth} levels")
                    return Parsed(None, where, _capped(problems, limits))
                container: dict[str, Any] | list[Any] = (
                    {} if isinstance(event, yaml.MappingStartEvent) else []
                )
                loc = place(container, mark)
                # A container that is dropped (a duplicate key's value, a complex key) is
                # still read to its end, under a loc no real value has.
                stack.append(_Frame(container, _DROPPED if loc is None else loc))
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                stack.pop()
            if len(problems) > limits.max_problems:
                break
    except yaml.YAMLError as exc:
        mark_obj = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        at = _mark(name, mark_obj) if mark_obj is not None else (name, 1, 1)
        message = _yaml_message(exc, text, at[1], at[2])
        if "maximum nesting depth" in message:
            # libyaml reads far ahead in flow context and stops at its own limit;
            # point at the bracket that went past ours instead.
            deep = deep_bracket(text, limits.max_depth) or at[1:]
            problem((name, *deep), YAML_LIMIT, f"nesting deeper than {limits.max_depth} levels")
        else:
            problem(at, YAML_SYNTAX, message)
        return Parsed(None, where, _capped(problems, limits))
    except (ValueError, TypeError, OverflowError, MemoryError, RecursionError) as exc:
        problem((name, 1, 1), YAML_SYNTAX, f"the file cannot be read as YAML: {exc}")
        return Parsed(None, where, _capped(problems, limits))
    directives.record(where.disabled)
    if root is None and not problems:
        if () in where.values:
            problem(
                where.values[()], INVALID_VALUE, "a playbook is a mapping of sections, not an empty value"
            )
        else:
            problem((name, 1, 1), YAML_SYNTAX, "the file holds no playbook: it is empty or only comments")
    return Parsed(root, where, _capped(problems, limits))


def _too_big(name: str, size: int, limits: Limits) -> Parsed:
    message = f"the file is {size:,} bytes; a playbook may be at most {limits.max_bytes:,} bytes"
    return Parsed(None, SourceMap(), [Problem(name, 1, 1, "error", YAML_LIMIT, message)])


def _capped(problems: list[Problem], limits: Limits) -> list[Problem]:
    return problems[: limits.max_problems]


def read_file(path: Path, limits: Limits = DEFAULT_LIMITS) -> Parsed:
    """Read ``path`` with :func:`parse_bytes`; an unreadable file is a problem too."""
    name = str(path)
    try:
        blob = read_bounded(path, limits.max_bytes)
    except TooLarge as exc:
        return Parsed(None, SourceMap(), [Problem(name, 1, 1, "error", YAML_LIMIT, str(exc))])
    except (OSError, ValueError) as exc:
        message = exc.strerror or str(exc) if isinstance(exc, OSError) else str(exc)
        return Parsed(None, SourceMap(), [Problem(name, 1, 1, "error", IO, message)])
    return parse_bytes(name, blob, limits)
