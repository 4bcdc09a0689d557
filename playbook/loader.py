"""Loading a playbook: YAML to the typed model, with every problem located.

:func:`validate` never raises for anything a user can put in a file: it
returns the model (when the structure is valid) and every problem found, each
with file, line and column. :func:`load` raises :class:`PlaybookError` when
there is any error.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from playbook import revision
from playbook.checks import LeftOut, run_checks
from playbook.files import TooLarge, read_stream
from playbook.model import Playbook
from playbook.partial import partial
from playbook.problems import (
    DUPLICATE_SECTION,
    INVALID_VALUE,
    IO,
    TOO_MANY_PROBLEMS,
    YAML_LIMIT,
    PlaybookError,
    Problem,
)
from playbook.revision import RevisionError
from playbook.source import DEFAULT_LIMITS, Limits, Loc, Parsed, SourceMap, parse_bytes, read_file
from playbook.validation import kind_of, locate_error, relevant

__all__ = [
    "DEFAULT_PLAYBOOK",
    "Result",
    "RevisionError",
    "default_path",
    "load",
    "locate_error",
    "validate",
    "validate_revision",
    "validate_stream",
    "validate_text",
]

DEFAULT_PLAYBOOK = "clarity.yaml"
_SUFFIXES = (".yaml", ".yml")


def default_path() -> Path:
    """The path of the default playbook shipped with the package."""
    return Path(str(resources.files("playbook") / "data" / DEFAULT_PLAYBOOK))


@dataclass(frozen=True)
class Result:
    """What :func:`validate` found: the model, if its structure is valid, and the problems."""

    playbook: Playbook | None
    problems: list[Problem]
    where: SourceMap

    @property
    def errors(self) -> list[Problem]:
        """The problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems of severity ``warning``."""
        return [p for p in self.problems if p.severity == "warning"]


def load(
    path: str | Path | None = None, *, limits: Limits = DEFAULT_LIMITS, model: type[Playbook] = Playbook
) -> Playbook:
    """Load and check a playbook; ``None`` loads the default playbook.

    ``path`` is a YAML file, or a folder of YAML files whose top-level sections
    are merged. Raises :class:`PlaybookError` listing every error found.
    """
    result = validate(path, limits=limits, model=model)
    if result.errors or result.playbook is None:
        raise PlaybookError(result.problems)
    return result.playbook


def validate(
    path: str | Path | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    checks: bool = True,
    model: type[Playbook] = Playbook,
) -> Result:
    """Read, build and check a playbook, collecting every problem instead of raising.

    ``Result.playbook`` is the model whenever the file's structure is valid,
    even if consistency checks found errors; ``Result.errors`` says whether
    it may be trusted. ``model`` is the class to build: :class:`Playbook` or a subclass.
    """
    target = default_path() if path is None else Path(path)
    with _collector_paused(_size(target)):
        return _validate(_read(target, limits), limits, checks, model)


def validate_text(
    text: str | bytes,
    name: str = "<string>",
    *,
    limits: Limits = DEFAULT_LIMITS,
    checks: bool = True,
    model: type[Playbook] = Playbook,
) -> Result:
    """Like :func:`validate`, for YAML held in memory; ``name`` is the path shown in problems."""
    blob = text.encode("utf-8") if isinstance(text, str) else text
    with _collector_paused(len(blob)):
        return _validate(parse_bytes(name, blob, limits), limits, checks, model)


def validate_stream(
    stream: BinaryIO,
    name: str = "<stdin>",
    *,
    limits: Limits = DEFAULT_LIMITS,
    checks: bool = True,
    model: type[Playbook] = Playbook,
) -> Result:
    """Like :func:`validate_text`, for a stream such as standard input, read up to ``limits.max_bytes``."""
    try:
        blob = read_stream(stream, limits.max_bytes)
    except TooLarge as exc:
        return Result(None, [Problem(name, 1, 1, "error", YAML_LIMIT, str(exc))], SourceMap())
    except OSError as exc:
        return Result(None, [Problem(name, 1, 1, "error", IO, exc.strerror or str(exc))], SourceMap())
    return validate_text(blob, name, limits=limits, checks=checks, model=model)


PAUSE_FROM = 256 * 1024
"""Bytes of YAML from which the cyclic garbage collector is paused while they are read."""


@contextmanager
def _collector_paused(size: int) -> Iterator[None]:
    """Pause the cyclic garbage collector while a large input is parsed, built and checked.

    Building a large model creates many objects and no reference cycles, and
    the collector's passes over the growing heap take an eighth to a fifth of
    the time from 320 KiB on. Below :data:`PAUSE_FROM` pausing saves nothing
    measurable, so the collector, a setting of the whole process, is left
    alone. It is enabled again on every way out.
    """
    if size < PAUSE_FROM or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _size(target: Path) -> int:
    """The bytes of YAML at ``target``, a file or a folder of them; 0 when it cannot be read."""
    try:
        if not target.is_dir():
            return target.stat().st_size
        return sum(p.stat().st_size for p in target.iterdir() if p.suffix in _SUFFIXES and p.is_file())
    except (OSError, ValueError):
        return 0


def validate_revision(
    spec: str,
    *,
    limits: Limits = DEFAULT_LIMITS,
    checks: bool = True,
    model: type[Playbook] = Playbook,
    cwd: str | Path | None = None,
) -> Result:
    """Like :func:`validate_text`, for a file as git holds it at a revision.

    ``spec`` is ``REVISION:PATH`` as ``git show`` reads it (``main:playbook.yaml``),
    in the repository around ``cwd`` (default: the current directory); problems
    name ``spec`` as their path. At most ``limits.max_bytes`` are read. Raises
    :class:`RevisionError` (a :class:`ValueError`) when git cannot show the file.
    """
    blob = revision.show(spec, limits.max_bytes, cwd)
    return validate_text(blob, spec, limits=limits, checks=checks, model=model)


def _validate(parsed: Parsed, limits: Limits, checks: bool, model: type[Playbook]) -> Result:
    if parsed.data is None:
        return Result(None, _sorted(parsed.problems, limits, _complete(parsed, limits)), parsed.where)
    book, problems, errors = _build(parsed, model)
    problems = parsed.problems + problems
    # Checks run on a model built from readable YAML only: a duplicate key or an
    # alias means the model is not what the author wrote.
    if checks and not _has_error(parsed.problems):
        if book is not None:
            problems += run_checks(book, parsed.where)
        elif errors:
            problems += _partial_checks(parsed, errors, model)
    if _has_error(parsed.problems):
        book = None
    return Result(book, _sorted(problems, limits, _complete(parsed, limits)), parsed.where)


def _complete(parsed: Parsed, limits: Limits) -> bool:
    return len(parsed.problems) < limits.max_problems


def _has_error(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def _sorted(problems: list[Problem], limits: Limits, complete: bool = True) -> list[Problem]:
    unique = sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.check, p.message))
    if len(unique) <= limits.max_problems:
        return unique
    kept = unique[: limits.max_problems]
    last = kept[-1]
    more = len(unique) - limits.max_problems
    # Reading stops early on a file with very many YAML problems, so the count is a floor then.
    message = (
        f"{more} more problem(s) not shown"
        if complete
        else f"reporting stops after {limits.max_problems} problems; fix these and run again"
    )
    kept.append(Problem(last.path, last.line, last.column, "warning", TOO_MANY_PROBLEMS, message))
    return kept


def _read(target: Path, limits: Limits) -> Parsed:
    try:
        folder = target.is_dir()
    except (OSError, ValueError):
        folder = False  # a name too long, say: reading it as a file reports why
    if not folder:
        return read_file(target, limits)
    try:
        entries = sorted(p for p in target.iterdir() if p.suffix in _SUFFIXES)
    except OSError as exc:
        return Parsed(None, SourceMap(), [Problem(str(target), 1, 1, "error", IO, exc.strerror or str(exc))])
    files = [p for p in entries if p.is_file()]
    special = [
        Problem(str(p), 1, 1, "error", IO, "not a regular file; a playbook folder holds YAML files only")
        for p in entries
        if not p.is_file() and not p.is_dir()
    ]
    if not files:
        problem = Problem(str(target), 1, 1, "error", IO, "the folder holds no .yaml or .yml file")
        return Parsed(None, SourceMap(), [*special, problem])
    merged: dict[str, Any] = {}
    where = SourceMap()
    problems: list[Problem] = list(special)
    for file in files:
        part = read_file(file, limits)
        problems += part.problems
        if part.data is None:
            continue
        if not isinstance(part.data, dict):
            mark = part.where.values[()]
            message = "each file of a playbook folder must be a mapping of sections"
            problems.append(Problem(*mark, "error", INVALID_VALUE, message))
            continue
        for key, value in part.data.items():
            mark = part.where.keys[(key,)]
            if key in merged:
                first = where.keys[(key,)]
                message = f"section '{key}' is also defined at {first[0]}:{first[1]}:{first[2]}"
                problems.append(Problem(*mark, "error", DUPLICATE_SECTION, message))
                continue
            merged[key] = value
        # Positions of the sections this file contributed (a duplicate section keeps the first).
        part_where = SourceMap(
            values={loc: m for loc, m in part.where.values.items() if loc and _from(merged, part.data, loc)},
            disabled=part.where.disabled,
            refused=part.where.refused,
        )
        part_where.keys = {loc: m for loc, m in part.where.keys.items() if loc in part_where.values}
        part_where.raw = {loc: r for loc, r in part.where.raw.items() if loc in part_where.values}
        where.update(part_where)
        where.values.setdefault((), part.where.values[()])
    return Parsed(merged if merged else None, where, problems)


_MISSING = object()


def _from(merged: dict[str, Any], data: dict[str, Any], loc: Loc) -> bool:
    return merged.get(str(loc[0]), _MISSING) is data.get(str(loc[0]))


def _build(parsed: Parsed, model: type[Playbook]) -> tuple[Playbook | None, list[Problem], list[Any]]:
    """The model, or the problems of the data and pydantic's errors."""
    if not isinstance(parsed.data, dict):
        mark = parsed.where.values.get((), ("", 1, 1))
        message = f"a playbook is a mapping of sections, not {kind_of(parsed.data)}"
        return None, [Problem(mark[0], mark[1], mark[2], "error", INVALID_VALUE, message)], []
    try:
        return model.model_validate(parsed.data), [], []
    except ValidationError as exc:
        everything = exc.errors(include_url=False)
        errors = relevant(everything, parsed.where)
        return None, [locate_error(error, parsed.where) for error in errors], everything


def _partial_checks(parsed: Parsed, errors: list[Any], model: type[Playbook]) -> list[Problem]:
    """The checks that can run on what is left once the parts with read errors are left out."""
    found = partial(parsed.data, parsed.where, errors, model)
    if found is None:
        return []
    ids = {kind: frozenset(values) for kind, values in found.ids.items()}
    left_out = LeftOut(tuple(found.left_out), ids, frozenset(found.unsure))
    return run_checks(found.book, found.where, left_out)
