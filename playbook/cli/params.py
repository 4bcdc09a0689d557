"""Typed values for the ``playbook`` command's options and arguments.

Each type turns the text a user typed into what the API takes, or fails with
a usage error (exit 2) that says what was expected. The ``--playbook`` option
loads the playbook before any other value is read, so that a severity is
checked against the playbook the command runs on.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar, cast
from urllib.parse import urlsplit

import click

from playbook.api import Playbook, RevisionError, default, validate, validate_revision
from playbook.discovery import NOT_FOUND, DiscoveryError, example, examples, find_playbook
from playbook.loader import Result, validate_stream
from playbook.model import Severity, UnknownLevelError
from playbook.problems import printable
from playbook.units import parse_duration

__all__ = [
    "AWARE_DATETIME",
    "CANDIDATES",
    "DATE",
    "DURATION",
    "LINE",
    "SEVERITY",
    "SIDE",
    "SITE_URL",
    "STDIN",
    "Pair",
    "book_of",
    "example_option",
    "invalid",
    "path_option",
    "playbook_option",
    "read",
    "readings",
    "resolve",
    "shown",
    "target_of",
    "usable",
]

F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    _Type = click.ParamType[Any, Any]
else:  # older click releases have no type parameters on ParamType
    _Type = click.ParamType

_BOOK = "playbook.book"
"""Where the ``--playbook`` option leaves the loaded playbook in the context's ``meta``."""


def invalid(result: Result, name: str) -> NoReturn:
    """Print every problem of a playbook that cannot be used, then exit 1."""
    for problem in result.problems:
        click.echo(str(problem), err=True)
    click.echo(f"{name}: the playbook is invalid", err=True)
    sys.exit(1)


def usable(result: Result, name: str) -> Playbook:
    """The playbook of ``result``, or every problem printed and exit 1 when it has errors."""
    if result.playbook is None or result.errors:
        invalid(result, name)
    return cast(Playbook, result.playbook)


STDIN = Path("-")
"""The path that means standard input."""

_PATH = "playbook.path"
_EXAMPLE = "playbook.example"


def _remember(key: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        if value is not None and not ctx.resilient_parsing:
            ctx.meta[key] = value
        return value

    return callback


def shown(target: Path) -> str:
    """How problems and messages name ``target``: ``<stdin>`` for standard input."""
    return "<stdin>" if target == STDIN else str(target)


def resolve(path: Path | None, name: str | None) -> Path:
    """The playbook to read: ``-p PATH``, else ``--example NAME``, else the one discovered."""
    if path is not None and name is not None:
        raise click.UsageError("give -p/--playbook or --example, not both")
    if path is not None:
        return path
    try:
        if name is not None:
            return example(name)
        found = find_playbook()
    except DiscoveryError as exc:
        raise click.UsageError(str(exc)) from None
    if found is None:
        raise click.UsageError(NOT_FOUND)
    return found.path


def read(target: Path) -> Result:
    """Every problem of the playbook at ``target`` (``-``: standard input, bounded like a file)."""
    if target == STDIN:
        return validate_stream(sys.stdin.buffer, shown(target), model=Playbook)
    return validate(target)


def target_of(ctx: click.Context) -> Path:
    """The playbook the command runs on, from ``-p``, ``--example`` or discovery."""
    return resolve(ctx.meta.get(_PATH), ctx.meta.get(_EXAMPLE))


def path_option(*, multiple: bool = False, **extra: Any) -> Callable[[F], F]:
    """``-p/--playbook PATH`` (``-`` is standard input)."""
    return click.option(
        "--playbook",
        "-p",
        type=click.Path(exists=True, dir_okay=True, allow_dash=True, path_type=Path),
        default=None,
        help="Playbook file or folder ('-' reads standard input). Default: the one found from here "
        "(PLAYBOOK, [tool.playbook] in pyproject.toml, .playbook.toml, playbook.yaml).",
        **extra,
    )


def example_option(**extra: Any) -> Callable[[F], F]:
    """``--example NAME``: a playbook packaged with the tool, by name."""
    return click.option(
        "--example",
        type=click.Choice(sorted(examples())),
        default=None,
        help="Use a packaged example playbook instead of your own.",
        **extra,
    )


def playbook_option(*, load: bool = True) -> Callable[[F], F]:
    """``-p/--playbook PATH`` and ``--example NAME``; the command gets the loaded ``book``.

    With ``load=False`` it gets ``playbook_target``, the path to read, instead.
    Both options are eager, so that a severity is checked against the playbook
    the command runs on whatever the order of the options.
    """

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            ctx = click.get_current_context()
            if load:
                return command(*args, book=book_of(ctx), **kwargs)
            return command(*args, playbook_target=target_of(ctx), **kwargs)

        decorated: Any = path_option(expose_value=False, is_eager=True, callback=_remember(_PATH))(wrapper)
        decorated = example_option(expose_value=False, is_eager=True, callback=_remember(_EXAMPLE))(decorated)
        return decorated  # type: ignore[no-any-return]

    return decorate


def book_of(ctx: click.Context | None) -> Playbook:
    """The playbook the command runs on, loaded once; without a context, the packaged default."""
    if ctx is None:
        return default()
    found = ctx.meta.get(_BOOK)
    if isinstance(found, Playbook):
        return found
    target = target_of(ctx)
    book = usable(read(target), shown(target))
    ctx.meta[_BOOK] = book
    return book


class _Severity(_Type):
    """A severity id of the playbook, any case: ``P0``, ``sev-1``."""

    name = "severity"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Severity:
        if isinstance(value, Severity):
            return value
        try:
            return book_of(ctx).severity(str(value))
        except UnknownLevelError as exc:
            self.fail(str(exc), param, ctx)


class _Candidates(_Type):
    """A level, or several separated by commas when unsure: ``medium,high``."""

    name = "level"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> list[str]:
        if isinstance(value, list):
            return value
        text = str(value)
        return [part.strip() for part in text.split(",") if part.strip()] or [text]


class _AwareDateTime(_Type):
    """An ISO 8601 date and time with a UTC offset: ``2026-01-01T10:00+08:00`` or ``...Z``."""

    name = "datetime"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            self.fail(
                f"{value!r} is not an ISO 8601 date and time such as 2026-01-01T10:00+08:00", param, ctx
            )
        if moment.tzinfo is None or moment.utcoffset() is None:
            self.fail(f"{value!r} has no UTC offset; write it as 2026-01-01T10:00+08:00 or ...Z", param, ctx)
        return moment


class _Date(_Type):
    """A calendar date: ``2026-01-31``."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"{value!r} is not a date such as 2026-01-31", param, ctx)


class _Duration(_Type):
    """A duration as the playbook writes one: ``6m``, ``1h30m``, ``PT15M``."""

    name = "duration"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> timedelta:
        try:
            return parse_duration(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


class Pair(_Type):
    """``NAME=VALUE``: split at the first ``=``; the name is stripped of spaces."""

    def __init__(self, form: str, example: str | None = None, *, empty_value: bool = True) -> None:
        self.name = form
        self.form = form
        self.example = example
        self.empty_value = empty_value

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, str]:
        """``(name, value)``, or a usage error that shows the expected form."""
        if isinstance(value, tuple):
            return cast(tuple[str, str], value)
        name, sep, rest = str(value).partition("=")
        if not sep or not name.strip() or not (rest.strip() or self.empty_value):
            such_as = f", such as {self.example}" if self.example else ""
            self.fail(f"{value!r} is not {self.form}{such_as}", param, ctx)
        return name.strip(), rest if self.empty_value else rest.strip()


class _Line(_Type):
    """One line of text: no line break or control character, which would add lines to what it fills."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        """``value``, or a usage error naming the first character that is not allowed."""
        text = str(value)
        bad = next((c for c in text if c == "\t" or printable(c) != c), None)
        if bad is not None:
            self.fail(
                f"one line of text, without line breaks or control characters (it holds U+{ord(bad):04X})",
                param,
                ctx,
            )
        return text


class _Side(_Type):
    """A playbook to compare: a file or folder, or ``REVISION:PATH`` read with git."""

    name = "playbook"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[str, Playbook]:
        if isinstance(value, tuple):
            return cast(tuple[str, Playbook], value)
        spec = str(value)
        if _is_file(spec):
            return spec, usable(validate(spec), spec)
        if ":" not in spec or spec.startswith("-"):
            self.fail(f"{spec}: no such file, and not REVISION:PATH", param, ctx)
        try:
            result = validate_revision(spec)
        except RevisionError as exc:
            self.fail(str(exc), param, ctx)
        return spec, usable(result, spec)


class _SiteUrl(_Type):
    """The address a playbook's site is published at: ``https://example.org/playbook/``."""

    name = "url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        try:
            parts = urlsplit(text)
        except ValueError:
            parts = None
        usable = (
            parts is not None
            and parts.scheme in ("http", "https")
            and bool(parts.netloc)
            and not (parts.query or parts.fragment)
            and text.isprintable()
            and not any(c.isspace() for c in text)
        )
        if not usable:
            self.fail(
                f"{printable(text)!r} is not a site's address: write http(s)://host/path/, "
                "without spaces, query or fragment",
                param,
                ctx,
            )
        return text


SEVERITY = _Severity()
SITE_URL = _SiteUrl()
CANDIDATES = _Candidates()
AWARE_DATETIME = _AwareDateTime()
DATE = _Date()
DURATION = _Duration()
SIDE = _Side()
LINE = _Line()


def readings(
    metrics: Sequence[tuple[str, str]], held: Sequence[timedelta]
) -> dict[str, str | tuple[str, timedelta]]:
    """Metric readings for :func:`playbook.response.decide_rollback` from ``--metric`` and ``--for``.

    One ``--for`` holds for every metric; several pair with the metrics in order.
    """
    if held and not metrics:
        raise click.BadParameter(
            "--for says how long a --metric reading has held; give a --metric", param_hint="--for"
        )
    if len(held) > 1 and len(held) != len(metrics):
        raise click.BadParameter("give one --for, or one per --metric", param_hint="--for")
    out: dict[str, str | tuple[str, timedelta]] = {}
    for n, (name, value) in enumerate(metrics):
        if name in out:
            raise click.BadParameter(f"metric {name!r} is given twice", param_hint="--metric")
        duration = held[n] if len(held) > 1 else (held[0] if held else None)
        out[name] = (value, duration) if duration else value
    return out


def _is_file(spec: str) -> bool:
    """True when ``spec`` names an existing path; a name too long or otherwise unusable is not one."""
    try:
        return Path(spec).exists()
    except (OSError, ValueError):
        return False
