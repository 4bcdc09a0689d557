"""``playbook export``: the playbook's alerts as Prometheus rules and Alertmanager routes, or a check of both.

``export prometheus`` and ``export alertmanager`` write their file (standard
output by default); ``export --check`` reports each committed file that is
missing, no longer what the playbook gives, or not written by the export.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from playbook.cli.emit import Reports, emit, report_options, stale
from playbook.cli.params import SITE_URL, STDIN, example_option, path_option, read, resolve, shown, usable
from playbook.export import Export, LeftOut, export, read_header
from playbook.files import NotAFile, TooLarge, read_bounded
from playbook.loader import Result
from playbook.problems import EXPORT, STALE, Problem
from playbook.report import Report

__all__ = ["COMMANDS", "DEFAULT_FILES"]

DEFAULT_FILES = {
    "prometheus": Path("alerts") / "prometheus.rules.yml",
    "alertmanager": Path("alerts") / "alertmanager.yml",
}
"""Where ``export --check`` looks when given no file: the exports committed beside the playbook."""

_MAX_BYTES = 4 * 1024 * 1024


def _located(result: Result, built: Export) -> list[Problem]:
    """Each rule the export refused, at its place in the playbook."""
    problems = []
    for refusal in built.refused:
        (path, line, column), _ = result.where.locate(refusal.loc)
        problems.append(Problem(path, line, column, "error", EXPORT, refusal.message))
    return problems


def _left_out(left_out: Sequence[LeftOut]) -> None:
    for item in left_out:
        names = ", ".join(item.alerts)
        click.echo(f"not exported: {item.kind} {item.id} has no promql expression ({names})", err=True)


def _built(target: Path, kind: str, site_url: str | None) -> tuple[Result, Export]:
    """The playbook read from ``target`` and its export; every problem printed and exit 1 when unusable."""
    result = read(target)
    book = usable(result, shown(target))
    for problem in result.warnings:
        click.echo(str(problem), err=True)
    return result, export(book, kind, site_url)


def _write(output: Path, text: str) -> None:
    """``text`` into ``output`` at once (a sibling temporary file renamed over it), never through a link."""
    try:
        if output.is_symlink():
            raise click.BadParameter(
                f"{output}: a symbolic link; the export is written to a file, never through a link",
                param_hint="--output",
            )
        if output.is_dir():
            raise click.BadParameter(f"{output}: a folder; name the file to write", param_hint="--output")
        if output.exists() and not output.is_file():
            # A device or a pipe would be replaced by the file, not written to.
            raise click.BadParameter(f"{output}: not a regular file", param_hint="--output")
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise click.BadParameter(
                f"{output}: {output.parent} is not a folder", param_hint="--output"
            ) from None
        if output.is_file() and _holds(output, text):
            click.echo(f"{output}: up to date", err=True)
            return
        mode = output.stat().st_mode & 0o777 if output.exists() else _new_file_mode()
        handle, temporary = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent)
    except OSError as exc:
        raise click.BadParameter(f"{output}: {exc.strerror or exc}", param_hint="--output") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, output)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise click.BadParameter(f"{output}: {exc.strerror or exc}", param_hint="--output") from None
    click.echo(f"{output}: written", err=True)


def _holds(path: Path, text: str) -> bool:
    expected = text.encode("utf-8")
    try:
        return read_bounded(path, len(expected)) == expected
    except (OSError, NotAFile, TooLarge):
        return False


def _new_file_mode() -> int:
    """What a new file gets: read and write for everyone, less the umask (as ``open`` would give)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _run(playbook_target: Path, kind: str, output: Path, site_url: str | None) -> None:
    result, built = _built(playbook_target, kind, site_url)
    if not built.ok:
        for problem in _located(result, built):
            click.echo(str(problem), err=True)
        click.echo(f"{shown(playbook_target)}: not exported; every rule must be expressible", err=True)
        sys.exit(1)
    _left_out(built.left_out)
    if output == STDIN:
        click.echo(built.text, nl=False)
    else:
        _write(output, built.text)


_OUTPUT = click.option(
    "--output",
    "-o",
    type=click.Path(allow_dash=True, path_type=Path),
    default=STDIN,
    show_default=True,
    help="The file to write ('-' is standard output).",
)


def _playbook_options(command: Any) -> Any:
    return path_option()(example_option()(command))


@click.group("export", invoke_without_command=True)
@click.option("--check", is_flag=True, help="Report each committed export that is not current, instead.")
@click.option(
    "--prometheus",
    "prometheus_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"With --check: the committed rule file (default {DEFAULT_FILES['prometheus']}, with the other).",
)
@click.option(
    "--alertmanager",
    "alertmanager_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"With --check: the committed routes (default {DEFAULT_FILES['alertmanager']}, with the other).",
)
@_playbook_options
@report_options(output=("--report-output",))
@click.pass_context
def export_group(
    ctx: click.Context,
    check: bool,
    prometheus_file: Path | None,
    alertmanager_file: Path | None,
    playbook: Path | None,
    example: str | None,
    reports: Reports,
) -> None:
    """Write the playbook's alerts for Prometheus and Alertmanager, or check the committed ones.

    `export prometheus` and `export alertmanager` write a file each. With
    --check, reads the committed files (--prometheus, --alertmanager; by
    default both under alerts/), and reports each that is missing, stale or
    not written by the export; exits 1 if there is any.
    """
    given = {"prometheus": prometheus_file, "alertmanager": alertmanager_file}
    if ctx.invoked_subcommand is not None:
        if check or any(given.values()) or reports.given or playbook or example:
            raise click.UsageError(
                f"--check and its options go without a command; give -p after '{ctx.invoked_subcommand}'"
            )
        return
    if not check:
        if any(given.values()) or reports.given:
            raise click.UsageError("--prometheus, --alertmanager and the report options go with --check")
        click.echo(ctx.get_help())
        ctx.exit(2)
    files = {k: v for k, v in given.items() if v is not None} or dict(DEFAULT_FILES)
    target = resolve(playbook, example)
    problems: list[Problem] = []
    for kind, path in files.items():
        problems += _check(target, kind, path)
    report = Report(
        [str(p) for p in files.values()], problems, name="playbook export --check", check="up to date"
    )
    emit(report, reports, text=_check_text)
    sys.exit(0 if report.ok else 1)


def _check(target: Path, kind: str, path: Path) -> list[Problem]:
    command = f"playbook export {kind} -o {path}"
    try:
        committed = read_bounded(path, _MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        return [stale(path, f"missing; run `{command}` and commit it")]
    except (OSError, NotAFile, TooLarge, UnicodeDecodeError) as exc:
        return [stale(path, f"not an export the check can read ({getattr(exc, 'strerror', None) or exc})")]
    found, site_url = read_header(committed)
    if found is None:
        return [stale(path, f"not written by `playbook export {kind}`; move the file away or export over it")]
    if found != kind:
        return [stale(path, f"written by `playbook export {found}`, not {kind}; check it with --{found}")]
    result, built = _built(target, kind, site_url)
    if not built.ok:
        return _located(result, built)
    if built.text != committed:
        flag = f" --site-url {site_url}" if site_url else ""
        return [stale(path, f"stale; run `playbook export {kind}{flag} -o {path}` and commit it")]
    return []


def _check_text(report: Report) -> str:
    lines = [f"{p.path}: {p.message}" if p.check == STALE else str(p) for p in report.problems]
    stale_paths = {p.path for p in report.problems}
    lines += [f"{f}: up to date" for f in report.files if f not in stale_paths]
    return "".join(f"{line}\n" for line in lines)


@export_group.command("prometheus")
@_playbook_options
@_OUTPUT
@click.option(
    "--site-url",
    type=SITE_URL,
    default=None,
    help="Where the playbook's site is published: each alert's runbook_url links to its rule there.",
)
def prometheus_command(
    playbook: Path | None, example: str | None, output: Path, site_url: str | None
) -> None:
    """Write a Prometheus rule file: an alerting rule per detection alert and rollback rule.

    Every alert and rule whose metric (or signal) has a promql expression
    becomes a rule with the playbook's threshold, in the expression's scale,
    and its hold time as `for`; those without one are listed as not
    exported. A rule the export cannot express is reported at its line and
    nothing is written (exit 1).
    """
    _run(resolve(playbook, example), "prometheus", output, site_url)


@export_group.command("alertmanager")
@_playbook_options
@_OUTPUT
def alertmanager_command(playbook: Path | None, example: str | None, output: Path) -> None:
    """Write an Alertmanager routing tree: a route per severity and rollback tier, a receiver per channel.

    Receivers are named after the channels the playbook's start notices use,
    without settings; group_wait and repeat_interval come from each
    severity's response time and update cadence.
    """
    _run(resolve(playbook, example), "alertmanager", output, None)


COMMANDS = (export_group,)
