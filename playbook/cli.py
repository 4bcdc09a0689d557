"""The ``playbook`` command: parses options, calls the API, prints, and sets the exit code.

Exit codes: 0 success, 1 an invalid playbook (or a stale generated file),
2 bad usage.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import cast

import click

from playbook import checks as checks_module
from playbook.api import Playbook, validate, validate_text
from playbook.derive import severity_title
from playbook.loader import default_path
from playbook.model import Playbook as ModelPlaybook
from playbook.model import UnknownLevelError
from playbook.report import FORMATS, Report, render
from playbook.response import MessageError, UnknownNameError
from playbook.review.diff import diff as semantic_diff
from playbook.review.diff import to_json as diff_json
from playbook.review.diff import to_markdown as diff_markdown
from playbook.review.postmortem import check_report, draft
from playbook.review.scenarios import run_scenarios
from playbook.schema import report_schema_text, schema_text

__all__ = ["main"]

SCHEMA_PATH = Path("schema") / "playbook.schema.json"
REPORT_SCHEMA_NAME = "report.schema.json"

_playbook_option = click.option(
    "--playbook",
    "-p",
    "playbook_path",
    type=click.Path(exists=True, dir_okay=True, path_type=Path),
    default=None,
    help="Playbook file or folder (default: the packaged Clarity playbook).",
)


def _load_or_exit(path: Path | None) -> Playbook:
    result = validate(path)
    if result.playbook is None or result.errors:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{path or default_path()}: the playbook is invalid", err=True)
        sys.exit(1)
    return cast(Playbook, result.playbook)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="playbook-as-code", prog_name="playbook")
def main() -> None:
    """Incident response playbooks as typed, checked data."""


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "-f",
    "formats",
    type=click.Choice(sorted(FORMATS)),
    multiple=True,
    help="How to report problems (default text). Repeat for several reports in one run.",
)
@click.option(
    "--output",
    "-o",
    "outputs",
    type=click.Path(dir_okay=False, allow_dash=True),
    multiple=True,
    help="Where each --format goes, in order ('-' is standard output; the default).",
)
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
def validate_command(
    paths: tuple[Path, ...], formats: tuple[str, ...], outputs: tuple[str, ...], strict: bool
) -> None:
    """Check playbook files (default: the packaged playbook) and report every problem.

    Prints one line per problem, path:line:col: severity[check-id]: message,
    then a summary. Exits 0 when valid, 1 when invalid.
    """
    chosen = formats or ("text",)
    files_out = [o for o in outputs if o != "-"]
    if len(set(files_out)) != len(files_out):
        raise click.BadParameter("each --output file may take one report only", param_hint="--output")
    for out in files_out:
        if not Path(out).parent.is_dir():
            raise click.BadParameter(f"{out}: no such folder", param_hint="--output")
    if len(outputs) > len(chosen):
        raise click.BadParameter(
            "more --output than --format; pair each --output with a --format", param_hint="--output"
        )
    targets: list[Path | None] = list(paths) or [None]
    problems = []
    for target in targets:
        problems.extend(validate(target).problems)
    files = [str(t) if t is not None else str(default_path()) for t in targets]
    report = Report(files, problems, strict)
    for n, fmt in enumerate(chosen):
        destination = outputs[n] if n < len(outputs) else "-"
        text = render(report, fmt)
        if destination == "-":
            click.echo(text, nl=False)
        else:
            try:
                Path(destination).write_text(text, encoding="utf-8")
            except OSError as exc:
                raise click.BadParameter(
                    f"{destination}: {exc.strerror or exc}", param_hint="--output"
                ) from None
    sys.exit(0 if report.ok else 1)


@main.command("classify")
@click.argument("impact")
@click.argument("reach")
@_playbook_option
@click.option("--json", "as_json", is_flag=True, help="Print the severity as JSON.")
def classify_command(impact: str, reach: str, playbook_path: Path | None, as_json: bool) -> None:
    """Print the severity of an incident with IMPACT and REACH.

    Levels are ids or names, case-insensitive ("high", "High Impact"). Give
    several candidates separated by commas ("medium,high") when unsure: the
    playbook's when_in_doubt rule picks among them.
    """
    book = _load_or_exit(playbook_path)
    try:
        severity = book.classify(_candidates(impact), _candidates(reach))
    except UnknownLevelError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.axis.upper()) from None
    if as_json:
        click.echo(json.dumps(severity.model_dump(mode="json"), ensure_ascii=False, indent=2))
    else:
        click.echo(f"{severity.id}\t{severity_title(book, severity)}")


def _candidates(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] or [value]


@main.command("schema")
@click.option("--check", is_flag=True, help="Fail if a file differs from the model instead of writing it.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=SCHEMA_PATH,
    show_default=True,
    help="Where the playbook schema lives; the report schema sits beside it.",
)
def schema_command(check: bool, output: Path) -> None:
    """Write the JSON Schemas (the format, and validate's JSON report), or check they are current."""
    stale = _schemas(output, check=check)
    sys.exit(1 if stale else 0)


def _schemas(output: Path, *, check: bool) -> bool:
    """Write (or with ``check``, compare) both schemas; True when one is stale."""
    stale = False
    for path, text in ((output, schema_text()), (output.parent / REPORT_SCHEMA_NAME, report_schema_text())):
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            click.echo(f"{path}: up to date")
        elif check:
            click.echo(f"{path}: stale; run `playbook schema` and commit the result", err=True)
            stale = True
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            click.echo(f"{path}: written")
    return stale


def _severity_or_usage(book: Playbook, value: str, param: str = "SEVERITY") -> str:
    try:
        return book.severity(value).id
    except UnknownLevelError as exc:
        raise click.BadParameter(str(exc), param_hint=param) from None


@main.command("checklist")
@click.argument("severity")
@click.option("--phase", default=None, help="Only this phase (id, name or label).")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["md", "text", "json"]),
    default="md",
    show_default=True,
    help="Markdown task list, plain text or JSON.",
)
@_playbook_option
def checklist_command(severity: str, phase: str | None, fmt: str, playbook_path: Path | None) -> None:
    """Print the checklist of SEVERITY: every step and what the severity adds."""
    book = _load_or_exit(playbook_path)
    level = _severity_or_usage(book, severity)
    try:
        result = book.checklist(level, phase)
    except UnknownNameError as exc:
        raise click.BadParameter(str(exc), param_hint="--phase") from None
    output = {"md": result.to_markdown, "text": result.to_text, "json": result.to_json}[fmt]()
    click.echo(output.rstrip("\n"))


@main.command("timeline")
@click.argument("severity")
@click.option(
    "--started",
    required=True,
    metavar="DATETIME",
    help="When the incident started, ISO 8601 with a UTC offset: 2026-01-01T10:00+08:00.",
)
@click.option("--resolved", default=None, metavar="DATETIME", help="When it was resolved, if it was.")
@click.option("--json", "as_json", is_flag=True, help="Print the deadlines as JSON.")
@_playbook_option
def timeline_command(
    severity: str, started: str, resolved: str | None, as_json: bool, playbook_path: Path | None
) -> None:
    """Print the deadlines of an incident of SEVERITY that started at --started."""
    book = _load_or_exit(playbook_path)
    level = _severity_or_usage(book, severity)
    start = _aware(started, "--started")
    end = _aware(resolved, "--resolved") if resolved is not None else None
    try:
        result = book.timeline(level, start, end)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--started") from None
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    for deadline in result.deadlines:
        click.echo(f"{deadline.at.isoformat(timespec='minutes')}  {deadline.label}")


def _aware(value: str, param: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not an ISO 8601 date and time such as 2026-01-01T10:00+08:00", param_hint=param
        ) from None
    if moment.tzinfo is None:
        raise click.BadParameter(
            f"{value!r} has no UTC offset; write it as 2026-01-01T10:00+08:00 or ...Z", param_hint=param
        )
    return moment


@main.command("rollback")
@click.option(
    "--metric",
    "-m",
    "metric_args",
    multiple=True,
    metavar="NAME=VALUE",
    help="A metric reading, such as api_error_rate=12%. Repeatable.",
)
@click.option(
    "--for",
    "held",
    multiple=True,
    metavar="DURATION",
    help="How long the reading has held (6m); one for all metrics, or one per --metric in order.",
)
@click.option(
    "--signal", "-s", "signals", multiple=True, metavar="NAME", help="A signal that holds. Repeatable."
)
@click.option("--json", "as_json", is_flag=True, help="Print the decision as JSON.")
@_playbook_option
def rollback_command(
    metric_args: tuple[str, ...],
    held: tuple[str, ...],
    signals: tuple[str, ...],
    as_json: bool,
    playbook_path: Path | None,
) -> None:
    """Decide whether the current metrics and signals call for a rollback.

    Prints the decision (immediate, consider or none) and every rule that
    matched. Exit code 0 whatever the decision; use --json in scripts.
    """
    book = _load_or_exit(playbook_path)
    if held and not metric_args:
        raise click.BadParameter(
            "--for says how long a --metric reading has held; give a --metric", param_hint="--for"
        )
    if len(held) > 1 and len(held) != len(metric_args):
        raise click.BadParameter("give one --for, or one per --metric", param_hint="--for")
    readings: dict[str, object] = {}
    for n, item in enumerate(metric_args):
        name, sep, value = item.partition("=")
        if not sep or not name or not value:
            raise click.BadParameter(
                f"{item!r} is not NAME=VALUE, such as api_error_rate=12%", param_hint="--metric"
            )
        if name.strip() in readings:
            raise click.BadParameter(f"metric {name.strip()!r} is given twice", param_hint="--metric")
        duration = held[n] if len(held) > 1 else (held[0] if held else None)
        readings[name.strip()] = (value.strip(), duration) if duration else value.strip()
    try:
        decision = book.decide_rollback(readings, signals)
    except UnknownNameError as exc:
        hint = "--metric" if exc.kind == "metric" else "--signal"
        raise click.BadParameter(str(exc), param_hint=hint) from None
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--metric/--for") from None
    if as_json:
        click.echo(json.dumps(decision.to_dict(), ensure_ascii=False, indent=2))
        return
    line: str = decision.decision
    if decision.decided_by:
        line += f" (decided by {decision.decided_by})"
    click.echo(line)
    for match in decision.matched:
        click.echo(f"  {match.tier:<9} {match.rule}: {match.reason}")
    for match in decision.pending:
        click.echo(f"  pending   {match.rule}: {match.reason} (not yet held long enough)")


@main.command("message")
@click.argument("template_id")
@click.option("--set", "assignments", multiple=True, metavar="FIELD=VALUE", help="A field value. Repeatable.")
@click.option("--severity", default=None, help="The incident's severity, for fields the playbook fills.")
@click.option("--json", "as_json", is_flag=True, help="Print {template, message} as JSON.")
@_playbook_option
def message_command(
    template_id: str,
    assignments: tuple[str, ...],
    severity: str | None,
    as_json: bool,
    playbook_path: Path | None,
) -> None:
    """Render the message template TEMPLATE_ID with --set FIELD=VALUE."""
    book = _load_or_exit(playbook_path)
    level = _severity_or_usage(book, severity, "--severity") if severity is not None else None
    fields: dict[str, str] = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="--set")
        fields[name.strip()] = value
    try:
        text = book.render_message(template_id, fields, severity=level)
    except UnknownNameError as exc:
        raise click.BadParameter(str(exc), param_hint="TEMPLATE_ID") from None
    except MessageError as exc:
        raise click.BadParameter(str(exc), param_hint="--set") from None
    if as_json:
        click.echo(json.dumps({"template": template_id, "message": text}, ensure_ascii=False, indent=2))
    else:
        click.echo(text.rstrip("\n"))


@main.command("test")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the outcome as JSON.")
def test_command(files: tuple[Path, ...], as_json: bool) -> None:
    """Run scenario files: each scenario calls the API and states what it must return.

    Failures are printed like validation problems, at the scenario's
    expectation. Exits 0 when every scenario passes, 1 otherwise.
    """
    problems = []
    passed = failed = 0
    for file in files:
        outcome = run_scenarios(file)
        passed, failed = passed + outcome.passed, failed + outcome.failed
        problems += outcome.problems
    ok = failed == 0 and not any(p.severity == "error" for p in problems)
    if as_json:
        body = {"passed": passed, "failed": failed, "problems": [p.to_dict() for p in problems]}
        click.echo(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            click.echo(str(problem))
        click.echo(f"{len(files)} file(s): {passed + failed} scenarios, {passed} passed, {failed} failed")
    sys.exit(0 if ok else 1)


def _side(spec: str) -> tuple[str, Playbook]:
    path = Path(spec)
    if path.exists():
        result = validate(path)
    elif ":" in spec and not spec.startswith("-"):
        try:
            shown = subprocess.run(
                ["git", "show", "--end-of-options", spec], capture_output=True, check=False
            )
        except OSError as exc:
            raise click.BadParameter(f"cannot run git: {exc}", param_hint="OLD/NEW") from None
        if shown.returncode != 0:
            message = shown.stderr.decode("utf-8", "replace").strip()
            raise click.BadParameter(f"{spec}: {message}", param_hint="OLD/NEW")
        result = validate_text(shown.stdout, spec)
    else:
        raise click.BadParameter(f"{spec}: no such file, and not REVISION:PATH", param_hint="OLD/NEW")
    if result.playbook is None or result.errors:
        for problem in result.problems:
            click.echo(str(problem), err=True)
        click.echo(f"{spec}: the playbook is invalid", err=True)
        sys.exit(1)
    return spec, cast(Playbook, result.playbook)


@main.command("diff")
@click.argument("old")
@click.argument("new")
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(["md", "json"]),
    default="md",
    show_default=True,
    help="Markdown for a pull-request comment, or JSON.",
)
@click.option("--fail-on-looser", is_flag=True, help="Exit 1 when a change loosens the playbook.")
def diff_command(old: str, new: str, fmt: str, fail_on_looser: bool) -> None:
    """Show what changed in meaning between OLD and NEW, flagging what got looser.

    Each side is a file or a git REVISION:PATH, such as
    main:playbook/data/clarity.yaml.
    """
    old_name, before = _side(old)
    new_name, after = _side(new)
    changes = semantic_diff(before, after)
    if fmt == "json":
        click.echo(diff_json(changes, old_name, new_name), nl=False)
    else:
        click.echo(diff_markdown(changes, old_name, new_name), nl=False)
    sys.exit(1 if fail_on_looser and any(c.loosens for c in changes) else 0)


@main.group("postmortem")
def postmortem_group() -> None:
    """Write a postmortem draft from the template, or check a written report."""


@postmortem_group.command("new")
@click.option("--severity", required=True, help="The incident's severity.")
@click.option("--title", required=True, help="The incident's title.")
@click.option("--author", default=None, help="Who writes the report.")
@click.option("--date", "on", default=None, metavar="YYYY-MM-DD", help="The report's date (default: today).")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="The file to create (default: standard output). An existing file is never overwritten.",
)
@_playbook_option
def postmortem_new(
    severity: str,
    title: str,
    author: str | None,
    on: str | None,
    output: Path | None,
    playbook_path: Path | None,
) -> None:
    """Write a postmortem draft with the fields the playbook knows filled in."""
    book = _load_or_exit(playbook_path)
    level = _severity_or_usage(book, severity, "--severity")
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError:
        raise click.BadParameter(f"{on!r} is not a date such as 2026-01-31", param_hint="--date") from None
    try:
        text = draft(book, level, title, day, author)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if output is None or str(output) == "-":
        click.echo(text, nl=False)
        return
    try:
        with output.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        raise click.BadParameter(f"{output} exists; it is never overwritten", param_hint="--output") from None
    except OSError as exc:
        raise click.BadParameter(f"{output}: {exc.strerror or exc}", param_hint="--output") from None
    click.echo(f"{output}: written")


@postmortem_group.command("check")
@click.argument("report", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Warnings (header fields not filled in) fail too.")
@_playbook_option
def postmortem_check(report: Path, strict: bool, playbook_path: Path | None) -> None:
    """Report required sections of REPORT that are missing, empty or still template text."""
    book = _load_or_exit(playbook_path)
    try:
        problems = check_report(book, report)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    for problem in problems:
        click.echo(str(problem))
    summary = Report([str(report)], problems, strict)
    click.echo(summary.summary())
    sys.exit(0 if summary.ok else 1)


@main.command("checks")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def checks_command(as_json: bool) -> None:
    """List every check id with its severity and what it verifies."""
    rows = checks_module.rows()
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(row["id"]) for row in rows)
    for row in rows:
        click.echo(f"{row['id']:<{width}}  {row['severity']:<7}  {row['description']}")


# The documentation site ---------------------------------------------------------------
# The CLI is the one place that wires the playbook package to the generator package.

SITE_PATH = Path("site")
MKDOCS_CONFIG = Path("mkdocs.yml")


def _site_files(book: ModelPlaybook) -> dict[str, str]:
    try:
        from generator import render
    except ImportError as exc:  # jinja2 and markupsafe come with the docs extra
        raise click.ClickException(
            f"the site generator cannot be imported ({exc}): pip install 'playbook-as-code[docs]'"
        ) from None
    return render(book, schema=schema_text())


def _write_site(book: ModelPlaybook, site: Path) -> None:
    files = _site_files(book)
    from generator import ConflictError, write_site

    try:
        report = write_site(site, files)
    except ConflictError as exc:
        click.echo(f"{site}: {exc}", err=True)
        sys.exit(1)
    for path in report.kept:
        click.echo(f"{site / path}: no longer generated but edited by hand; left in place", err=True)
    click.echo(
        f"{site}: {len(report.written)} written, {len(report.deleted)} deleted, "
        f"{len(report.unchanged)} unchanged"
    )


@main.command("docs")
@_playbook_option
@click.option("--check", is_flag=True, help="Fail listing stale pages instead of writing them.")
@click.option(
    "--site",
    "site",
    type=click.Path(file_okay=False, path_type=Path),
    default=SITE_PATH,
    show_default=True,
    help="The site's pages (MkDocs docs_dir).",
)
def docs_command(playbook_path: Path | None, check: bool, site: Path) -> None:
    """Write the site's Markdown pages from the playbook, or check that they are current.

    Only files the generator wrote before (listed in site/.generated.json) are
    replaced or deleted; any other file is left alone. With --check, prints
    one line per missing, stale or extra file and exits 1 if there is any.
    """
    book = _load_or_exit(playbook_path)
    if not check:
        _write_site(book, site)
        return
    files = _site_files(book)
    from generator import check_site

    differences = check_site(site, files)
    if differences:
        for difference in differences:
            click.echo(f"{site / difference.path}: {difference.kind}", err=True)
        click.echo(f"{site}: stale; run `playbook docs` and commit the result", err=True)
        sys.exit(1)
    click.echo(f"{site}: up to date")


@main.command("build")
@_playbook_option
@click.option(
    "--config",
    "-f",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=MKDOCS_CONFIG,
    show_default=True,
    help="The MkDocs configuration.",
)
def build_command(playbook_path: Path | None, config: Path) -> None:
    """Validate, regenerate the schema and the pages, and build the site with MkDocs.

    Runs `mkdocs build --strict`, so a broken link or a missing page fails the
    build; prints where the built site is.
    """
    import importlib.util
    import os

    result = validate(playbook_path)
    if result.playbook is None or result.errors:
        _load_or_exit(playbook_path)  # prints every problem and exits 1
    assert result.playbook is not None
    book = result.playbook
    for problem in result.warnings:
        click.echo(str(problem), err=True)
    _schemas(config.parent / SCHEMA_PATH, check=False)
    if importlib.util.find_spec("mkdocs") is None:
        raise click.ClickException("building the site needs MkDocs: pip install 'playbook-as-code[docs]'")
    if not config.is_file():
        raise click.UsageError(f"{config}: no such MkDocs configuration")
    from generator.config import ConfigError, mkdocs_dirs

    try:
        docs_dir, site_dir = mkdocs_dirs(config)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from None
    _write_site(book, docs_dir)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    if subprocess.run(command, env=env, check=False).returncode != 0:
        click.echo("the site did not build; see the MkDocs messages above", err=True)
        sys.exit(1)
    index = site_dir / "index.html"
    click.echo(f"site built: {index}")
