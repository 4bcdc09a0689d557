"""How a command shows what it found: one :func:`emit` for reports, one :func:`answer` for answers.

A command that finds problems (``validate``, ``test``, ``postmortem check``,
``docs --check``, ``schema --check``) builds a :class:`~playbook.report.Report`
and emits it in every ``--format`` given, each to the ``--output`` in the
same position (``-``, or none, is standard output). A command that answers a
question prints its result object as text, Markdown or JSON.

A generated file that is not current is a problem of its own, with the
stable id ``stale`` (:data:`STALE`), at line 1, column 1 of the file.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click

from playbook.problems import STALE, Problem, printable
from playbook.report import FORMATS, Report, render

__all__ = [
    "STALE",
    "Answer",
    "Reports",
    "answer",
    "answer_format",
    "emit",
    "freshness",
    "report_options",
    "stale",
]

F = TypeVar("F", bound=Callable[..., Any])

"""The id of the problem "this generated file is not what the generator writes now"."""


def stale(path: str | Path, message: str) -> Problem:
    """A generated file that is not current, as a problem at its first line."""
    return Problem(str(path), 1, 1, "error", STALE, message)


def freshness(report: Report) -> str:
    """The text report of a ``--check``: each stale file, then each file that is up to date."""
    lines = [f"{p.path}: {p.message}" for p in report.problems]
    current = [
        f for f in report.files if not any(p.path == f or p.path.startswith(f"{f}/") for p in report.problems)
    ]
    lines += [f"{f}: up to date" for f in current]
    return "".join(f"{line}\n" for line in lines)


@dataclass(frozen=True)
class Reports:
    """Where each report goes: ``(format, output)`` pairs, ``-`` for standard output."""

    pairs: tuple[tuple[str, str], ...]
    flag: str = "--output"
    """The option that names the outputs, for messages."""
    given: bool = False
    """True when the user chose a format or an output (not the default text report)."""
    quiet: bool = False
    """Problems only: no summary line."""


AUTO = "auto"
"""The format that means ``github`` on GitHub Actions (``GITHUB_ACTIONS=true``), else ``text``."""


def _automatic(fmt: str) -> str:
    if fmt != AUTO:
        return fmt
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"


def _reports(formats: Sequence[str], outputs: Sequence[str], flag: str, quiet: bool = False) -> Reports:
    chosen = tuple(_automatic(f) for f in formats or (AUTO,))
    files = [o for o in outputs if o != "-"]
    if len(set(files)) != len(files):
        raise click.BadParameter(f"each {flag} file may take one report only", param_hint=flag)
    for out in files:
        if not Path(out).parent.is_dir():
            raise click.BadParameter(f"{out}: no such folder", param_hint=flag)
    if len(outputs) > len(chosen):
        raise click.BadParameter(
            f"more {flag} than --format; pair each {flag} with a --format", param_hint=flag
        )
    pairs = tuple((fmt, outputs[n] if n < len(outputs) else "-") for n, fmt in enumerate(chosen))
    return Reports(pairs, flag, bool(formats or outputs), quiet)


def report_options(
    *,
    output: Sequence[str] = ("--output", "-o", "--report-output"),
    json_flag: bool = False,
    quiet: bool = False,
) -> Callable[[F], F]:
    """``--format`` and ``--output``, both repeatable and paired by position; the command gets ``reports``.

    ``output`` names the output option (``schema`` keeps ``--output`` for the
    schema's own path); ``json_flag`` adds ``--json``, short for ``--format json``;
    ``quiet`` adds ``-q/--quiet``, problems only with no summary line.
    """
    flag = output[0]

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, formats: tuple[str, ...], outputs: tuple[str, ...], **kwargs: Any) -> Any:
            if kwargs.pop("as_json", False):
                formats = (*formats, "json")
            hush = bool(kwargs.pop("quiet", False))
            return command(*args, reports=_reports(formats, outputs, flag, hush), **kwargs)

        options = [
            click.option(
                "--format",
                "-f",
                "formats",
                type=click.Choice([AUTO, *sorted(FORMATS)]),
                multiple=True,
                help="How to report problems (default auto: github when GITHUB_ACTIONS=true, else text). "
                "Repeat for several reports in one run.",
            ),
            click.option(
                *output,
                "outputs",
                type=click.Path(dir_okay=False, allow_dash=True),
                multiple=True,
                help="Where each --format goes, in order ('-' is standard output; the default).",
            ),
        ]
        if json_flag:
            options.append(click.option("--json", "as_json", is_flag=True, help="Short for --format json."))
        if quiet:
            options.append(
                click.option("--quiet", "-q", "quiet", is_flag=True, help="Problems only, no summary.")
            )
        decorated: Any = wrapper
        for option in reversed(options):
            decorated = option(decorated)
        return decorated  # type: ignore[no-any-return]

    return decorate


_SEVERITY = re.compile(r"^(.*?:\d+:\d+: )(error|warning)(\[)", re.MULTILINE)
_COLOURS = {"error": "red", "warning": "yellow"}


def _coloured(body: str) -> str:
    """Text problems with their severity in colour (error red, warning yellow), unless NO_COLOR is set.

    The colour codes are dropped by ``click.echo`` when the output is not a terminal.
    """
    if os.environ.get("NO_COLOR"):
        return body
    return _SEVERITY.sub(
        lambda m: m[1] + click.style(m[2], fg=_COLOURS[m[2]], bold=True if m[2] == "error" else None) + m[3],
        body,
    )


def emit(report: Report, to: Reports, *, text: Callable[[Report], str] | None = None) -> None:
    """Write ``report`` in each format to its output; ``text`` replaces the plain-text report."""
    if to.quiet:
        report = dataclasses.replace(report, quiet=True)
    for fmt, destination in to.pairs:
        body = text(report) if fmt == "text" and text is not None else render(report, fmt)
        if destination == "-":
            click.echo(_coloured(body) if fmt == "text" else body, nl=False)
            continue
        try:
            Path(destination).write_text(body, encoding="utf-8")
        except OSError as exc:
            raise click.BadParameter(f"{destination}: {exc.strerror or exc}", param_hint=to.flag) from None


class Answer(Protocol):
    """An answer: JSON-ready with ``to_dict()``, and text with ``to_text()`` or ``to_markdown()``."""

    def to_dict(self) -> Mapping[str, Any]:
        """The answer as a JSON-ready mapping."""


_RENDERINGS = {"text": "to_text", "md": "to_markdown"}


def answer(result: Answer, fmt: str) -> None:
    """Print ``result`` as ``json``, ``text`` or ``md``, ending with one newline."""
    if fmt == "json":
        body = json.dumps(result.to_dict(), ensure_ascii=False, indent=2)
    else:
        # Text from a playbook or an argument: no escape sequence reaches a terminal, no bidirectional
        # override reorders a line. Line breaks inside one value are escaped by the answer itself.
        body = printable(getattr(result, _RENDERINGS[fmt])(), line_breaks=True)
    click.echo(body.rstrip("\n"))


def answer_format(*choices: str, default: str = "text", json_flag: bool = False) -> Callable[[F], F]:
    """``-f/--format`` among ``choices``; ``json_flag`` adds ``--json``. The command gets ``fmt``."""
    helps = {"text": "plain text", "md": "Markdown", "json": "JSON"}

    def decorate(command: F) -> F:
        @functools.wraps(command)
        def wrapper(*args: Any, fmt: str, **kwargs: Any) -> Any:
            if kwargs.pop("as_json", False):
                ctx = click.get_current_context()
                if (
                    ctx.get_parameter_source("fmt") == click.core.ParameterSource.COMMANDLINE
                    and fmt != "json"
                ):
                    raise click.UsageError(f"--json is short for --format json, not --format {fmt}")
                fmt = "json"
            return command(*args, fmt=fmt, **kwargs)

        decorated: Any = click.option(
            "--format",
            "-f",
            "fmt",
            type=click.Choice(choices),
            default=default,
            show_default=True,
            help=" or ".join(helps.get(c, c) for c in choices) + ".",
        )(wrapper)
        if json_flag:
            decorated = click.option("--json", "as_json", is_flag=True, help="Short for --format json.")(
                decorated
            )
        return decorated  # type: ignore[no-any-return]

    return decorate
