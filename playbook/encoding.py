"""Bytes before YAML: the encoding of a playbook file, and nesting too deep to hand to the parser."""

from __future__ import annotations

from playbook.problems import YAML_ENCODING, Problem

__all__ = ["decode", "deep_bracket", "looks_utf16", "position"]


def decode(name: str, blob: bytes, problems: list[Problem]) -> str | None:
    """The text of ``blob`` if it is UTF-8 without NUL bytes; otherwise None, with the problems added."""

    def error(line: int, col: int, message: str, level: str = "error") -> None:
        problems.append(Problem(name, line, col, level, YAML_ENCODING, message))  # type: ignore[arg-type]

    if blob.startswith((b"\xff\xfe", b"\xfe\xff")):
        error(1, 1, "the file is UTF-16; save it as UTF-8")
        return None
    if blob.startswith(b"\xef\xbb\xbf"):
        error(
            1,
            1,
            "the file starts with a byte order mark (BOM); save it as UTF-8 without BOM",
            "warning",
        )
        blob = blob[3:]
    nul = blob.find(b"\x00")
    if nul >= 0 and looks_utf16(blob):
        error(1, 1, "the file looks like UTF-16 (every other byte is NUL); save it as UTF-8")
        return None
    if nul >= 0:
        line, col = position(blob, nul)
        error(line, col, "the file contains a NUL byte: it is binary, not YAML text")
        return None
    try:
        return blob.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = position(blob, exc.start)
        error(
            line,
            col,
            f"the file is not valid UTF-8 (byte 0x{blob[exc.start]:02x} here); "
            "it may be Latin-1 or another encoding: save it as UTF-8",
        )
        return None


def deep_bracket(text: str, limit: int) -> tuple[int, int] | None:
    """The line and column of the first '[' or '{' nested deeper than ``limit``, ignoring quotes."""
    # A document that is a block mapping is itself one level, as it is for the parser.
    first = text.lstrip()[:1]
    depth, line, column, quote = (0 if first in ("[", "{") else 1), 1, 0, ""
    for char in text:
        column += 1
        if char == "\n":
            line, column = line + 1, 0
        elif quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[{":
            depth += 1
            if depth > limit:
                return line, column
        elif char in "]}":
            depth = max(depth - 1, 0)
    return None


def looks_utf16(blob: bytes) -> bool:
    """True when ``blob`` starts like UTF-16 text (every other byte NUL)."""
    sample = blob[:512]
    if len(sample) < 4:
        return False
    halves = (sample[0::2], sample[1::2])
    return any(half.count(0) >= len(half) * 0.9 for half in halves)


def position(blob: bytes, offset: int) -> tuple[int, int]:
    """The line and column (from 1) of byte ``offset`` in ``blob``."""
    line = blob.count(b"\n", 0, offset) + 1
    start = blob.rfind(b"\n", 0, offset) + 1
    return line, len(blob[start:offset].decode("utf-8", "replace")) + 1
