"""The ``playbook`` command: parses options, calls the API, prints, and sets the exit code.

Exit codes: 0 success, 1 an invalid playbook (or a stale generated file),
2 bad usage.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from playbook import checks as checks_module
from playbook.loader import default_path, validate
from playbook.model import Playbook, UnknownLevelError
from playbook.report import FORMATS, Report, render
from playbook.schema import schema_text

__all__ = ["main"]

SCHEMA_PATH = Path("schema") / "playbook.schema.json"

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
    return result.playbook


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="playbook-as-code", prog_name="playbook")
def main() -> None:
    """Incident response playbooks as typed, checked data."""


@main.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    default="text",
    show_default=True,
    help="How to print problems.",
)
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
def validate_command(paths: tuple[Path, ...], fmt: str, strict: bool) -> None:
    """Check playbook files (default: the packaged playbook) and report every problem.

    Prints one line per problem, path:line:col: severity[check-id]: message,
    then a summary. Exits 0 when valid, 1 when invalid.
    """
    targets: list[Path | None] = list(paths) or [None]
    problems = []
    for target in targets:
        problems.extend(validate(target).problems)
    files = [str(t) if t is not None else str(default_path()) for t in targets]
    report = Report(files, problems, strict)
    click.echo(render(report, fmt), nl=False)
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
        click.echo(f"{severity.id}\t{severity.title}")


def _candidates(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] or [value]


@main.command("schema")
@click.option("--check", is_flag=True, help="Fail if the file differs from the model instead of writing it.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=SCHEMA_PATH,
    show_default=True,
    help="Where the schema lives.",
)
def schema_command(check: bool, output: Path) -> None:
    """Write the JSON Schema of the format, or check that the committed one is current."""
    text = schema_text()
    current = output.read_text(encoding="utf-8") if output.is_file() else None
    if check:
        if current != text:
            click.echo(f"{output}: stale; run `playbook schema` and commit the result", err=True)
            sys.exit(1)
        click.echo(f"{output}: up to date")
        return
    if current == text:
        click.echo(f"{output}: up to date")
        return
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    click.echo(f"{output}: written")


@main.command("checks")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
def checks_command(as_json: bool) -> None:
    """List every check id with its severity and what it verifies."""
    rows = [
        {"id": check_id, "severity": "error", "stage": "read", "description": text}
        for check_id, text in checks_module.STRUCTURAL.items()
    ]
    rows += [
        {
            "id": check.ID,
            "severity": check.SEVERITY,
            "stage": "check",
            "description": checks_module.describe(check),
        }
        for check in checks_module.CHECKS
    ]
    if as_json:
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    width = max(len(row["id"]) for row in rows)
    for row in rows:
        click.echo(f"{row['id']:<{width}}  {row['severity']:<7}  {row['description']}")
