"""Reading a file a user names, bounded by the bytes actually read."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["NotAFile", "TooLarge", "read_bounded", "read_stream"]


class TooLarge(OSError):
    """A file holds more bytes than it may; ``size`` is its size, or a lower bound for a stream."""

    def __init__(self, size: int, limit: int, exact: bool = True) -> None:
        self.size = size
        self.limit = limit
        what = f"{size:,} bytes" if exact else f"more than {limit:,} bytes"
        super().__init__(f"the file is {what}; a playbook may be at most {limit:,} bytes")


class NotAFile(OSError):
    """A path that is not a regular file: a device, a FIFO, a socket or a folder."""


def _kind(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    for test, kind in (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return kind
    return "not a regular file"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, reading at most ``limit`` + 1 of them.

    A device, FIFO, socket or folder is refused before it is opened
    (:class:`NotAFile`), and the file is opened without blocking, so that a
    path swapped for a FIFO cannot hang the reader. A file larger than
    ``limit`` raises :class:`TooLarge`, whatever its directory entry claims.
    Other failures raise :class:`OSError`.
    """
    kind = _kind(os.stat(path).st_mode)
    if kind is not None:
        raise NotAFile(f"{kind}, not a regular file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(descriptor)
        kind = _kind(info.st_mode)
        if kind is not None:
            raise NotAFile(f"{kind}, not a regular file")
        if info.st_size > limit:
            # Refused before reading, so a huge file costs nothing.
            raise TooLarge(info.st_size, limit)
        blob = handle.read(limit + 1)
    if len(blob) > limit:
        raise TooLarge(len(blob), limit, exact=False)
    return blob


def read_stream(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit`` bytes of ``stream`` (standard input); :class:`TooLarge` past that."""
    blob = stream.read(limit + 1)
    if len(blob) > limit:
        raise TooLarge(len(blob), limit, exact=False)
    return blob
