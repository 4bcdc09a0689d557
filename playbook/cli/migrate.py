"""``playbook migrate``: move a format 1 playbook to format 2, editing only its ``format`` line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from playbook.cli.params import invalid, resolve, shown
from playbook.migrate import MigrationError, plan, write_in_place, write_new

__all__ = ["migrate_command"]


def _fail(message: str) -> None:
    click.echo(f"playbook migrate: {message}", err=True)
    sys.exit(1)


@click.command("migrate")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=None,
    help="Write the migrated file here ('-': standard output). An existing file is never overwritten.",
)
@click.option("--check", is_flag=True, help="Only say whether PATH needs migrating: exit 1 when it does.")
def migrate_command(path: Path | None, output: Path | None, check: bool) -> None:
    """Rewrite the format 1 playbook PATH (default: the one found from here) as format 2, in place.

    Only the 'format' line changes: comments, key order and layout stay as
    written. The migrated file must load to the same playbook, with every
    answer the same, or nothing is written. The file is replaced atomically,
    never through a symbolic link. Exits 0 when migrated or already format 2,
    1 when the playbook is invalid or cannot be migrated (with --check: when
    it needs migrating), 2 on bad usage.
    """
    if check and output is not None:
        raise click.UsageError("give --check or --output, not both")
    target = path if path is not None else resolve(None, None)
    name = shown(target)
    if output is not None and str(output) != "-" and (output.is_symlink() or output.exists()):
        raise click.BadParameter(f"{output} exists; it is never overwritten", param_hint="--output")
    try:
        migration = plan(target)
        if migration.status == "invalid":
            invalid(migration.result, name)
        if migration.status == "current":
            click.echo(f"{name}: already format 2")
            return
        if check:
            click.echo(f"{name}: format 1; `playbook migrate {name}` moves it to format 2")
            sys.exit(1)
        if output is not None and str(output) == "-":
            click.echo(migration.after.decode("utf-8"), nl=False)
            return
        written = write_new(migration, output) if output is not None else write_in_place(migration)
    except MigrationError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{getattr(exc, 'filename', None) or name}: {exc.strerror or exc}; nothing written")
    click.echo(f"{written}: migrated to format 2" if written != target else f"{name}: migrated to format 2")
