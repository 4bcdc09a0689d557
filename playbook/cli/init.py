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


def _repository_root(folder: Path) -> Path:
    """The git repository holding ``folder`` (the nearest folder up with ``.git``), else ``folder``."""
    start = folder.resolve()
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start


def _shown(path: Path) -> Path:
    """``path`` relative to the working folder when it lies inside it, as the user typed paths."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


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
    .playbook/) and playbook.scenarios.yaml in FOLDER; .pre-commit-config.yaml,
    .github/workflows/playbook.yml and the build/ line of .gitignore at the
    root of the git repository holding FOLDER (or in FOLDER outside one), and,
    when FOLDER is not that root, a .playbook.toml there pointing at the
    playbook. A file that exists is left as it is.
    """
    root = _repository_root(folder)
    where = folder.resolve().relative_to(root.resolve()).as_posix()
    where = "" if where == "." else f"{where}/"
    for name, text in scaffold(start, where).items():
        path = _shown(root / name)
        click.echo(f"{path}: {'written' if _create(path, text) else 'exists, skipped'}")
    ignore = _shown(root / GITIGNORE)
    click.echo(f"{ignore}: {f'{IGNORED} added' if _ignore(ignore) else f'{IGNORED} already ignored'}")
