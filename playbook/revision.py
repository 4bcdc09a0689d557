"""Reading a file as git holds it at a revision (``main:playbook.yaml``), bounded like a file read."""

from __future__ import annotations

import subprocess
from pathlib import Path

__all__ = ["RevisionError", "show"]


class RevisionError(ValueError):
    """A ``REVISION:PATH`` that cannot be read from git.

    The text is not of that form, git does not know the revision or the path,
    or git cannot be run at all; the message says which.
    """


def show(spec: str, limit: int, cwd: str | Path | None = None) -> bytes:
    """The bytes of ``REVISION:PATH`` as ``git show`` prints them, in the repository around ``cwd``.

    Reads at most ``limit + 1`` bytes: one past the limit is enough for the
    parser to refuse the file as too big. Raises :class:`RevisionError`.
    """
    if ":" not in spec or spec.startswith("-"):
        raise RevisionError(f"{spec}: not REVISION:PATH, such as main:playbook.yaml")
    command = ["git", "show", "--end-of-options", spec]
    try:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd
        )
    except OSError as exc:
        raise RevisionError(f"cannot run git: {exc.strerror or exc}") from None
    with process:
        assert process.stdout is not None
        blob = process.stdout.read(limit + 1)
        if len(blob) > limit:
            process.kill()
            return blob
        _, err = process.communicate()
    if process.returncode != 0:
        raise RevisionError(f"{spec}: {err.decode('utf-8', 'replace').strip()}")
    return blob
