"""Replacing a whole folder at once: a lock, a staged copy, an atomic exchange, and cleaning up.

The new version of the site is staged in a sibling folder (``.site.playbook-new``)
that starts as a hard-linked mirror of the current one, so the user's own files
come along at no cost. Linux's ``renameat2(RENAME_EXCHANGE)`` then swaps the
two folders in one step: whenever the process is stopped, even by SIGKILL, the
site is either all old or all new. What was the old site is then taken apart:
anything the user created there while the run was going is moved into the new
site, never deleted. A run that finds a staging folder left by a killed run
cleans it the same way before it starts.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import json
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["TEMPORARY_PREFIX", "BusyError", "exchange", "locked", "mirror", "retire", "staging_path"]

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class BusyError(Exception):
    """Another run is writing the same site; this one waited and gave up."""


def staging_path(root: Path) -> Path:
    """Where the next version of ``root`` is staged: a hidden sibling."""
    return root.parent / f".{root.name}.playbook-new"


@contextlib.contextmanager
def locked(root: Path, wait: float = 60.0) -> Iterator[None]:
    """Hold the site's lock (on its parent folder); wait up to ``wait`` seconds for another run.

    The lock is ``flock`` on the parent folder itself, which the exchange never
    moves, so it creates no file; it is released when the process ends,
    however it ends.
    """
    root.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(root.parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise BusyError(
                        f"{root}: another run is writing this site; try again when it has finished"
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(descriptor)


def _same_folder(source: Path, target: Path) -> None:
    """Give ``target`` the permissions and, where allowed, the owner of ``source``."""
    info = os.lstat(source)
    os.chmod(target, stat.S_IMODE(info.st_mode))
    with contextlib.suppress(OSError):
        os.chown(target, info.st_uid, info.st_gid)


def mirror(root: Path, stage: Path) -> None:
    """Make ``stage`` a copy of ``root`` whose files are hard links (symbolic links copied as links).

    Folders keep their permissions and owner, so a private folder stays private.
    """
    stage.mkdir()
    if not root.is_dir():
        return
    _same_folder(root, stage)
    for folder, dirs, files in os.walk(root, followlinks=False):
        relative = Path(folder).relative_to(root)
        for name in dirs:
            source = Path(folder) / name
            if source.is_symlink():
                os.link(source, stage / relative / name, follow_symlinks=False)
            else:
                (stage / relative / name).mkdir()
                _same_folder(source, stage / relative / name)
        for name in files:
            os.link(Path(folder) / name, stage / relative / name, follow_symlinks=False)


def _renameat2(first: Path, second: Path) -> bool:
    libc = ctypes.CDLL(None, use_errno=True)
    call = getattr(libc, "renameat2", None)
    if call is None:
        return False
    result = call(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first))


def exchange(stage: Path, root: Path) -> None:
    """Put ``stage`` in place of ``root`` in one step; ``stage`` then holds the old ``root``.

    Where the file system cannot exchange two folders, the old one is moved
    aside first: then, for an instant, there is no site at all.
    """
    if not root.exists():
        os.rename(stage, root)
        stage.mkdir()
        return
    if _renameat2(stage, root):
        return
    aside = stage.with_name(stage.name + ".old")
    os.rename(root, aside)
    os.rename(stage, root)
    os.rename(aside, stage)


TEMPORARY_PREFIX = ".playbook-tmp-"
"""Files written half-way are named so; they are never the user's and never survive a run."""


def _claimed(folder: Path, manifest: str) -> set[str]:
    try:
        data = json.loads((folder / manifest).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = data.get("files") if isinstance(data, dict) else None
    return {path for path in files if isinstance(path, str)} if isinstance(files, dict) else set()


def retire(old: Path, root: Path, manifest: str) -> None:
    """Take apart ``old`` (a staged or a previous version of ``root``) without losing the user's work.

    Half-written files go. So do the generator's own files (those either
    manifest lists) and files that ``root`` holds too as the same file (a
    hard link of the mirror). A file of the user's that differs from the one
    in ``root`` is one the user changed while the run was going: the later of
    the two is kept in ``root``. A file only ``old`` holds is moved into
    ``root``. Symbolic links are removed, never followed.
    """
    if not old.is_dir() or old.is_symlink():
        return
    generated = _claimed(old, manifest) | _claimed(root, manifest)
    for folder, dirs, files in os.walk(old, topdown=False, followlinks=False):
        relative = Path(folder).relative_to(old)
        for name in [*files, *(d for d in dirs if (Path(folder) / d).is_symlink())]:
            source = Path(folder) / name
            path = (relative / name).as_posix()
            if path == manifest:
                continue  # removed last: a run killed half-way through still knows what was generated
            target = root / relative / name
            if name.startswith(TEMPORARY_PREFIX) or path in generated or _same_or_older(source, target):
                source.unlink()
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        for name in dirs:
            with contextlib.suppress(OSError):
                (Path(folder) / name).rmdir()
    with contextlib.suppress(FileNotFoundError):
        (old / manifest).unlink()
    with contextlib.suppress(OSError):
        old.rmdir()


def _same_or_older(source: Path, target: Path) -> bool:
    """True when ``target`` exists and is the same file as ``source``, or was changed no earlier."""
    try:
        mine, theirs = os.lstat(source), os.lstat(target)
    except FileNotFoundError:
        return False
    same = (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)
    return same or theirs.st_mtime_ns >= mine.st_mtime_ns
