"""Moving a playbook from format 1 to format 2, losing nothing.

Format 2 is a superset of format 1, so migrating a file changes one value: the
``format`` line. The file's text is edited in place (its comments, key order,
quoting and line endings stay as written; nothing is dumped again), and the
result is checked before anything is written: it must load, with no error,
to a model equal to the original's in every field but ``format``, so that
every answer of the API is the same.

:func:`plan` reads and checks; :func:`write_in_place` and :func:`write_new`
write atomically (a temporary file beside the target, then a rename or a
link), and never through a symbolic link, over a file with other hard links,
or over a file that changed since it was read. A playbook folder is migrated
by editing the one file that holds its ``format``.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

from playbook.files import read_bounded
from playbook.loader import Result, validate, validate_text
from playbook.model import Playbook
from playbook.source import DEFAULT_LIMITS

__all__ = ["Migration", "MigrationError", "plan", "write_in_place", "write_new"]

_BOM = "\ufeff"
_SUFFIXES = (".yaml", ".yml")


class MigrationError(ValueError):
    """A playbook that cannot be migrated safely; nothing was written."""


@dataclass(frozen=True)
class Migration:
    """What migrating a playbook gives.

    ``status`` is ``invalid`` (``result`` holds the problems), ``current``
    (already format 2) or ``needed``: then ``file`` is the file whose
    ``format`` line changes, from ``before`` to ``after``.
    """

    status: Literal["invalid", "current", "needed"]
    result: Result
    file: Path | None = None
    before: bytes = b""
    after: bytes = b""


def _refuse_link(path: Path) -> None:
    try:
        info = path.lstat()
    except OSError as exc:
        raise MigrationError(f"{path}: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise MigrationError(
            f"{path} is a symbolic link; migrate the file it points to ({os.path.realpath(path)})"
        )
    if not stat.S_ISREG(info.st_mode):
        raise MigrationError(f"{path} is not a regular file")
    if info.st_nlink > 1:
        raise MigrationError(f"{path} has other hard links, which writing a new file would leave behind")


def _format_span(text: str) -> tuple[int, int] | None:
    """Where the top-level ``format`` value stands in ``text``: its first and past-the-end character."""
    # Each open collection: True/False for a mapping expecting a key/value, None for a sequence.
    stack: list[bool | None] = []
    pending = False
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.ScalarEvent):
            if len(stack) == 1 and stack[0] is False and pending:
                start, end = event.start_mark, event.end_mark
                return (start.index, end.index) if start is not None and end is not None else None
            if len(stack) == 1 and stack[0] is True:
                pending = event.value == "format"
            _consumed(stack)
        elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            stack.append(True if isinstance(event, yaml.MappingStartEvent) else None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            stack.pop()
            _consumed(stack)
    return None


def _consumed(stack: list[bool | None]) -> None:
    if stack and stack[-1] is not None:
        stack[-1] = not stack[-1]


def _edit(blob: bytes, name: Path) -> bytes:
    text = blob.decode("utf-8")
    bom = _BOM if text.startswith(_BOM) else ""
    body = text[len(bom) :]
    span = _format_span(body)
    if span is None:
        raise MigrationError(f"{name}: no top-level 'format' value found to change")
    start, end = span
    return (bom + body[:start] + "2" + body[end:]).encode("utf-8")


def _meaning(book: Playbook) -> dict[str, Any]:
    return book.model_dump(exclude={"format"})


@contextmanager
def _folder_with(folder: Path, file: Path, blob: bytes) -> Iterator[Path]:
    """A copy of the YAML files of ``folder``, ``file`` holding ``blob``, in a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="playbook-migrate-") as scratch:
        copy = Path(scratch)
        for entry in sorted(folder.iterdir()):
            if entry.suffix in _SUFFIXES and entry.is_file():
                if entry.name == file.name:
                    (copy / entry.name).write_bytes(blob)
                else:
                    shutil.copyfile(entry, copy / entry.name)
        yield copy


def _check(path: Path, original: Playbook, file: Path, after: bytes) -> None:
    if path.is_dir():
        with _folder_with(path, file, after) as copy:
            migrated = validate(copy)
    else:
        migrated = validate_text(after, str(file))
    if migrated.playbook is None or migrated.errors:
        first = migrated.errors[0] if migrated.errors else None
        raise MigrationError(f"{file}: the file would not load as format 2 ({first}); nothing written")
    before, now = _meaning(original), _meaning(migrated.playbook)
    if before != now:
        differ = sorted(key for key in before.keys() | now.keys() if before.get(key) != now.get(key))
        raise MigrationError(
            f"{file}: as format 2 the playbook would mean something else ({', '.join(differ)}); "
            "nothing written"
        )


def plan(path: Path) -> Migration:
    """Read the playbook at ``path`` (a file or a folder) and work out its migration; write nothing.

    Raises :class:`MigrationError` when the file to edit is a symbolic link,
    not a regular file or has other hard links, or when the migrated text
    would not load to the same playbook.
    """
    if path.is_symlink():
        _refuse_link(path)
    result = validate(path)
    if result.playbook is None or result.errors:
        return Migration("invalid", result)
    if result.playbook.format == 2:
        return Migration("current", result)
    mark = result.where.values.get(("format",))
    if mark is None:
        raise MigrationError(f"{path}: no 'format' value found to change")
    file = Path(mark[0])
    _refuse_link(file)
    try:
        before = read_bounded(file, DEFAULT_LIMITS.max_bytes)
    except OSError as exc:
        raise MigrationError(f"{file}: {exc.strerror or exc}") from None
    after = _edit(before, file)
    _check(path, result.playbook, file, after)
    return Migration("needed", result, file, before, after)


def _temporary(beside: Path, blob: bytes, mode: int | None) -> Path:
    handle, name = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".tmp", dir=beside.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise
    return temporary


def write_in_place(migration: Migration) -> Path:
    """Replace the migrated file atomically, keeping its permissions; the path written.

    Raises :class:`MigrationError` when the file became a link or changed
    since :func:`plan` read it, and :class:`OSError` when writing fails (the
    file is then as it was).
    """
    file = migration.file
    if migration.status != "needed" or file is None:
        raise MigrationError("nothing to migrate")
    _refuse_link(file)
    if read_bounded(file, DEFAULT_LIMITS.max_bytes) != migration.before:
        raise MigrationError(f"{file} changed since it was read; run the migration again")
    temporary = _temporary(file, migration.after, stat.S_IMODE(file.stat().st_mode))
    try:
        os.replace(temporary, file)
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise
    return file


def write_new(migration: Migration, output: Path) -> Path:
    """Write the migrated file to ``output``, which must not exist (not even as a link); the path written."""
    if migration.status != "needed" or migration.file is None:
        raise MigrationError("nothing to migrate")
    if output.is_symlink() or output.exists():
        raise MigrationError(f"{output} exists; it is never overwritten")
    temporary = _temporary(output, migration.after, None)
    try:
        # A hard link never replaces an existing name, so a file that appeared meanwhile is kept.
        os.link(temporary, output)
    except FileExistsError:
        raise MigrationError(f"{output} exists; it is never overwritten") from None
    except OSError:
        try:
            with open(output, "xb") as out:  # a file system without hard links
                out.write(migration.after)
        except FileExistsError:
            raise MigrationError(f"{output} exists; it is never overwritten") from None
    finally:
        with suppress(OSError):
            temporary.unlink()
    return output
