"""``playbook init``: start a playbook in a repository, never overwriting a file."""

from __future__ import annotations

from pathlib import Path

import click

from playbook.scaffold import GITIGNORE, IGNORED, STARTS, scaffold

__all__ = ["init_command"]


def _fail(path: Path, exc: OSError) -> click.ClickException:
    return click.ClickException(f"{path}: {exc.strerror or exc}")


def _create(path: Path, text: str) -> bool:
    """Write ``path`` if it does not exist; False when it does."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except FileExistsError:
        return False
    except OSError as exc:
        raise _fail(path, exc) from None
    return True


def _ignore(path: Path) -> bool:
    """Append the build output to ``.gitignore`` unless a line already names it."""
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise click.ClickException(f"{path}: cannot be read: {exc}") from None
    if any(line.strip().strip("/") == IGNORED.strip("/") for line in text.splitlines()):
        return False
    try:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(("\n" if text and not text.endswith("\n") else "") + IGNORED + "\n")
    except OSError as exc:
        raise _fail(path, exc) from None
    return True


@click.command("init")
@click.argument("folder", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--from",
    "start",
    type=click.Choice(STARTS),
    default="minimal",
    show_default=True,
    help="Start from a small playbook of your own, or a copy of the Clarity example.",
)
def init_command(folder: Path, start: str) -> None:
    """Start a playbook in FOLDER (default: here): the playbook, its schema, scenarios, hooks and CI.

    Writes playbook.yaml (with a modeline pointing editors at the schema in
    .playbook/), playbook.scenarios.yaml, .pre-commit-config.yaml and
    .github/workflows/playbook.yml, and adds build/ to .gitignore. A file that
    exists is left as it is.
    """
    for name, text in scaffold(start).items():
        path = folder / name
        click.echo(f"{path}: {'written' if _create(path, text) else 'exists, skipped'}")
    ignore = folder / GITIGNORE
    click.echo(f"{ignore}: {f'{IGNORED} added' if _ignore(ignore) else f'{IGNORED} already ignored'}")
