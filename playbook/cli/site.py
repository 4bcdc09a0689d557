"""The commands that write generated files: docs (the site's pages), schema, and build (both, then MkDocs).

With ``--check``, ``docs`` and ``schema`` write nothing and report each file
that is not current as a ``stale`` problem, in any ``--format``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import signal
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from playbook.api import Playbook
from playbook.cli import serve_hook
from playbook.cli.emit import Reports, emit, freshness, report_options, stale
from playbook.cli.params import STDIN, playbook_option, read, shown, usable
from playbook.files import read_bounded
from playbook.model import Playbook as Model
from playbook.problems import printable
from playbook.report import Report
from playbook.schema import report_schema_text, schema_text

__all__ = ["COMMANDS"]

SCHEMA_PATH = Path("schema") / "playbook.schema.json"
REPORT_SCHEMA_NAME = "report.schema.json"
SITE_PATH = Path("site")
MKDOCS_CONFIG = Path("mkdocs.yml")
BUILD_PATH = Path("build") / "site"
SERVE_ADDRESS = "127.0.0.1:8000"
SERVE_SOURCE = serve_hook.SOURCE

_DOCS = "run `playbook docs` and commit the result"
_DIFFERENCES = {
    "missing": f"missing; {_DOCS}",
    "stale": f"stale; {_DOCS}",
    "extra": f"extra: no longer generated; {_DOCS}",
    "foreign": "foreign: not written by `playbook docs`, which generates this path; move the file away",
    "edited": "edited: changed by hand since `playbook docs` wrote it; put the change in the playbook",
}


def _no_reports_without_check(check: bool, reports: Reports) -> None:
    if reports.given and not check:
        raise click.UsageError(f"--format and {reports.flag} report what --check finds; add --check")


# schema -----------------------------------------------------------------------------------


def _schemas(output: Path, report: Path | None) -> dict[Path, str]:
    files = {output: schema_text()}
    if report is not None:
        files[report] = report_schema_text()
    return files


def _holds(path: Path, text: str) -> bool:
    """True when ``path`` holds exactly ``text``; reads no more than that."""
    expected = text.encode("utf-8")
    try:
        return read_bounded(path, len(expected)) == expected
    except OSError:  # missing, larger, a device or a pipe: not the file we write
        return False


def _write(files: Mapping[Path, str], option: str) -> None:
    for path, text in files.items():
        if _holds(path, text):
            click.echo(f"{path}: up to date")
            continue
        if path.is_symlink():
            raise click.BadParameter(
                f"{path}: a symbolic link; the schema is written to a file, never through a link",
                param_hint=option,
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # O_NOFOLLOW: a link put in place after the check above is not followed either.
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
            with os.fdopen(os.open(path, flags, 0o666), "w", encoding="utf-8") as handle:
                handle.write(text)
        except OSError as exc:
            raise click.BadParameter(f"{path}: {exc.strerror or exc}", param_hint=option) from None
        click.echo(f"{path}: written")


@click.command("schema")
@click.option("--check", is_flag=True, help="Fail if a file differs from the model instead of writing it.")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, path_type=Path),
    default=SCHEMA_PATH,
    show_default=True,
    help="Where the playbook schema lives.",
)
@click.option(
    "--report-schema",
    "report_schema",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help=f"Where the schema of the JSON reports lives (default: {SCHEMA_PATH.parent / REPORT_SCHEMA_NAME} "
    "when --output is not given, else none).",
)
@report_options(output=("--report-output",))
def schema_command(check: bool, output: Path, report_schema: Path | None, reports: Reports) -> None:
    """Write the JSON Schemas (the format, and the JSON reports), or check they are current.

    Writes only the files it names: --output for the playbook schema, and
    --report-schema (by default schema/report.schema.json, beside the default
    --output) for the reports' schema.
    """
    _no_reports_without_check(check, reports)
    if report_schema is None and output == SCHEMA_PATH:
        report_schema = SCHEMA_PATH.parent / REPORT_SCHEMA_NAME
    files = _schemas(output, report_schema)
    if not check:
        _write(files, "--output")
        return
    message = "stale; run `playbook schema` and commit the result"
    problems = [stale(path, message) for path, text in files.items() if not _holds(path, text)]
    report = Report([str(p) for p in files], problems, name="playbook schema --check", check="up to date")
    emit(report, reports, text=freshness)
    sys.exit(0 if report.ok else 1)


# docs and build -------------------------------------------------------------------------------


def _site_files(book: Model) -> dict[str, str]:
    try:
        from playbook.site import render
    except ImportError as exc:  # jinja2 and markupsafe come with the docs extra
        raise click.ClickException(
            f"the site generator cannot be imported ({exc}): pip install 'playbook-as-code[docs]'"
        ) from None
    return render(book, schema=schema_text())


def _write_site(book: Model, site: Path, force: bool) -> None:
    files = _site_files(book)
    from playbook.site import BusyError, ConflictError, ManifestError, write_site

    try:
        written = write_site(site, files, force=force)
    except (ConflictError, ManifestError, BusyError) as exc:
        click.echo(f"{site}: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"{site}: cannot write the site: {exc.strerror or exc}", err=True)
        sys.exit(1)
    for path in written.kept:
        click.echo(f"{site / path}: no longer generated but edited by hand; left in place", err=True)
    click.echo(
        f"{site}: {len(written.written)} written, {len(written.deleted)} deleted, "
        f"{len(written.unchanged)} unchanged"
    )


@click.command("docs")
@playbook_option()
@click.option("--check", is_flag=True, help="Fail listing stale pages instead of writing them.")
@click.option(
    "--site",
    "site",
    type=click.Path(file_okay=False, path_type=Path),
    default=SITE_PATH,
    show_default=True,
    help="The site's pages (MkDocs docs_dir).",
)
@click.option("--force", is_flag=True, help="Overwrite generated pages that were changed by hand.")
@report_options()
def docs_command(book: Playbook, check: bool, site: Path, force: bool, reports: Reports) -> None:
    """Write the site's Markdown pages from the playbook, or check that they are current.

    Only files the generator wrote before (listed in site/.generated.json) are
    replaced or deleted; any other file is left alone, and a generated page
    changed by hand is reported, not overwritten (--force takes it back). The
    site changes all at once. With --check, reports each missing, stale,
    edited or extra file and exits 1 if there is any.
    """
    _no_reports_without_check(check, reports)
    try:
        usable_site = not site.exists() or site.is_dir()
    except OSError as exc:
        raise click.BadParameter(f"{site}: {exc.strerror or exc}", param_hint="--site") from None
    if not usable_site:
        raise click.BadParameter(f"{site}: not a folder", param_hint="--site")
    if not check:
        _write_site(book, site, force)
        return
    files = _site_files(book)
    from playbook.site import ManifestError, check_site

    try:
        differences = check_site(site, files)
    except ManifestError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    except OSError as exc:
        raise click.BadParameter(f"{site}: {exc.strerror or exc}", param_hint="--site") from None
    problems = [stale(site / d.path, _DIFFERENCES[d.kind]) for d in differences]
    report = Report([str(site)], problems, name="playbook docs --check", check="up to date")
    emit(report, reports, text=freshness)
    sys.exit(0 if report.ok else 1)


@click.command("build")
@playbook_option(load=False)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=BUILD_PATH,
    show_default=True,
    help="Where the built site goes: a new folder, or one an earlier build wrote.",
)
@click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Your own mkdocs.yml, whose site_url, repo_url, copyright, extra, extra_css, extra_javascript "
    "and theme apply over the generated configuration (default: ./mkdocs.yml, if there is one).",
)
@click.option(
    "--serve",
    "serve",
    is_flag=False,
    flag_value=SERVE_ADDRESS,
    default=None,
    metavar="[ADDRESS]",
    help=f"Preview with live reload instead of building (default address {SERVE_ADDRESS}).",
)
def build_command(playbook_target: Path, output: Path, config: Path | None, serve: str | None) -> None:
    """Validate the playbook and build its site with MkDocs, strictly; print where it is.

    Needs nothing but the playbook: the pages, the configuration and every
    asset come from this package. Nothing is written before the playbook
    validates, and nothing outside --output. With --serve, previews the site
    and rebuilds it when the playbook changes.
    """
    if serve is not None and playbook_target == STDIN:
        raise click.UsageError("--serve follows a playbook file as it changes; give its path with -p")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None and not (epoch.isascii() and epoch.isdigit() and len(epoch) <= 12):
        # MkDocs reads it with int() deep inside the build, and fails with a traceback.
        raise click.UsageError(
            f"SOURCE_DATE_EPOCH is {printable(epoch)!r}; set it to whole seconds since 1970 (or unset it)"
        )
    result = read(playbook_target)
    source = shown(playbook_target)
    book = usable(result, source)
    for problem in result.warnings:
        click.echo(str(problem), err=True)
    for module in ("mkdocs", "material"):
        if importlib.util.find_spec(module) is None:
            raise click.ClickException(f"building the site needs MkDocs and Material: {_install_hint()}")
    from playbook.site.build import BuildError, build, settings
    from playbook.site.swap import BusyError

    if config is None and MKDOCS_CONFIG.is_file():
        config = MKDOCS_CONFIG
    own: dict[str, object] = {}
    if config is not None:
        try:
            own, ignored = settings(config)
        except BuildError as exc:
            raise click.UsageError(str(exc)) from None
        if ignored:
            click.echo(f"{config}: left to the generated configuration: {', '.join(ignored)}", err=True)
    extra: dict[str, object] = {}
    if serve is not None:
        os.environ[SERVE_SOURCE] = str(Path(source).resolve())
        extra = {"watch": [str(Path(source).resolve())], "hooks": [str(Path(serve_hook.__file__))]}
    # A SIGTERM (a container stopping, `timeout`) unwinds like Ctrl-C, so that the temporary
    # folder is removed and MkDocs stopped.
    signal.signal(signal.SIGTERM, _stop)
    try:
        code = build(_site_files(book), output, own=own, serve=serve, extra=extra)
    except (BuildError, BusyError) as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    if code != 0:
        click.echo("the site did not build; see the MkDocs messages above", err=True)
        sys.exit(1)
    if serve is None:
        click.echo(f"site built: {output / 'index.html'}")


def _stop(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _install_hint() -> str:
    """How to add the docs extra to this installation: from the wheel or folder it came from."""
    from importlib import metadata

    origin = None
    with contextlib.suppress(metadata.PackageNotFoundError, TypeError, ValueError):
        direct = metadata.distribution("playbook-as-code").read_text("direct_url.json")
        url = json.loads(direct or "{}").get("url", "")
        if url.startswith("file://"):
            origin = url.removeprefix("file://")
    if origin is not None:
        return f"pip install '{origin}[docs]'"
    return "install this package with its docs extra: pip install '<this package's wheel or folder>[docs]'"


COMMANDS = (schema_command, docs_command, build_command)
