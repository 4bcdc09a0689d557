"""Bytes before YAML: the encoding of a playbook file, and nesting too deep to hand to the parser."""

from __future__ import annotations

import re

from playbook.problems import YAML_ENCODING, Problem

__all__ = ["decode", "deep_bracket", "looks_utf16", "position", "text_position", "unacceptable"]

# What YAML (and libyaml) refuses in a stream: controls but tab and line breaks, DEL, C1 controls
# but NEL, surrogates, and the non-characters U+FFFE and U+FFFF.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# Line breaks for YAML but not for most editors: every position after one would be a line off.
_HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_HIDDEN_NAMES = {
    "\x85": "a next-line character",
    "\u2028": "a line separator",
    "\u2029": "a paragraph separator",
}
_MAX_REPORTED = 20


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


def unacceptable(name: str, text: str, problems: list[Problem]) -> bool:
    """Add a problem for each character YAML refuses or counts as a hidden line break.

    True when the text holds a character YAML refuses (it cannot be parsed).
    """
    refused = False
    for count, match in enumerate(_REFUSED.finditer(text)):
        refused = True
        if count >= _MAX_REPORTED:
            break
        char = match.group()
        kind = "a non-character" if char in "\ufffe\uffff" else "a control character"
        line, col = text_position(text, match.start())
        message = f"{kind} (U+{ord(char):04X}) is not allowed in YAML; remove it"
        problems.append(Problem(name, line, col, "error", YAML_ENCODING, message))
    for count, match in enumerate(_HIDDEN_BREAKS.finditer(text)):
        if count >= _MAX_REPORTED:
            break
        char = match.group()
        line, col = text_position(text, match.start())
        message = (
            f"{_HIDDEN_NAMES[char]} (U+{ord(char):04X}): YAML reads it as a line break that editors "
            "do not show, so later line numbers shift; remove it"
        )
        problems.append(Problem(name, line, col, "warning", YAML_ENCODING, message))
    return refused


def text_position(text: str, index: int) -> tuple[int, int]:
    """The line and column (from 1) of character ``index`` in ``text``, counting lines as editors do."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


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
