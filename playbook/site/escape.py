r"""Escaping of playbook values for Markdown pages, raw HTML, Mermaid and YAML.

Every value that comes from a playbook is untrusted text: it is shown, never
interpreted. :func:`text` is the one escape for Markdown prose and for raw HTML
alike, because it only emits HTML character references (``&#42;`` rather than
``\\*``): Python-Markdown leaves them alone, so no emphasis, link, table pipe,
attribute list or admonition can start inside a value, and browsers show them
as the character. Links are made only by :func:`link`, which accepts http,
https, mailto and relative targets.
"""

from __future__ import annotations

import json
import re
import string
from urllib.parse import quote, urlsplit

from markupsafe import Markup

__all__ = [
    "code",
    "fence",
    "fill",
    "html_attr",
    "link",
    "mermaid",
    "plain",
    "safe_href",
    "text",
    "yaml_string",
]

# Characters that start Markdown or HTML syntax anywhere in a line. Python-Markdown
# and the extensions the site enables (tables, attr_list, admonition, tasklist,
# superfences, tabbed) need no others outside the start of a line.
_ALWAYS = {c: f"&#{ord(c)};" for c in "\\`*_[]{}|!#~"}
_ALWAYS.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# At the start of a value, which may be the start of a line or of a list item: a list
# marker ("- ", "+ ", "1. "), a rule or setext underline ("---", "==="), content tabs
# ("=== "), collapsible admonitions ("??? ") and definitions (": ").
_LEADING = set("-+=?:")
_ORDERED = re.compile(r"^(\d+)([.)])(?=\s|$)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BREAKS = re.compile(r"\r\n|[\r\n\t\u0085\u2028\u2029]")
_SCHEMES = ("http", "https", "mailto")


def plain(value: str, *, multiline: bool = False) -> str:
    r"""``value`` without control characters; newlines become spaces unless ``multiline``.

    Python-Markdown uses ``\\x02`` and ``\\x03`` as placeholders, so a value
    must never carry them into a page.
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
        value = re.sub(r"[\u0085\u2028\u2029]", "\n", value)
    else:
        value = _BREAKS.sub(" ", value)
    return _CONTROL.sub("", value)


def text(value: str) -> Markup:
    """``value`` as literal inline text in Markdown or HTML (one line, nothing interpreted)."""
    value = plain(value).strip()
    out = "".join(_ALWAYS.get(c, c) for c in value)
    ordered = _ORDERED.match(out)
    if ordered:
        out = f"{ordered.group(1)}&#{ord(ordered.group(2))};{out[ordered.end() :]}"
    elif out and out[0] in _LEADING and (len(out) == 1 or out[1] in (" ", out[0])):
        out = f"&#{ord(out[0])};{out[1:]}"
    return Markup(out)


def fill(pattern: str, **values: Markup | str) -> Markup:
    """``pattern`` (the generator's own words) with each ``{field}`` replaced by its value.

    The words are escaped as :func:`text` does but keep the spaces around the
    fields; a value is escaped unless it is already :class:`~markupsafe.Markup`
    (a link, say).
    """
    parts: list[str] = []
    for words, field, _, _ in string.Formatter().parse(pattern):
        core = words.strip(" ")
        if core:
            start = words.index(core)
            parts += [words[:start], text(core), words[start + len(core) :]]
        else:
            parts.append(words)
        if field is not None:
            value = values[field]
            parts.append(value if isinstance(value, Markup) else text(value))
    return Markup("".join(parts))


def html_attr(value: str) -> Markup:
    """``value`` for a quoted HTML attribute or a quoted tab title (``=== "..."``)."""
    # On the plain string: Markup.replace would escape the replacements a second time.
    return Markup(str(text(value)).replace('"', "&quot;").replace("'", "&#39;"))


def code(value: str) -> Markup:
    """``value`` as inline code: ``<code>`` with literal text, safe in table cells and raw HTML."""
    return Markup(f"<code>{text(value)}</code>")


def fence(value: str, language: str = "text") -> Markup:
    """``value`` as a fenced code block, with a fence longer than any backtick run inside."""
    body = plain(value, multiline=True).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    ticks = "`" * max(3, longest + 1)
    if not re.fullmatch(r"[a-z0-9_+-]*", language):
        raise ValueError(f"not a code block language: {language!r}")
    return Markup(f"{ticks} {language}\n{body}\n{ticks}")


def safe_href(target: str) -> str | None:
    """``target`` percent-encoded for a Markdown link, or ``None`` when it may not be linked.

    Only ``http``, ``https`` and ``mailto`` URLs and relative references are
    links; anything else (``javascript:``, ``data:``, a protocol-relative
    ``//host``) is shown as text by the caller.
    """
    target = target.strip()
    if not target or _CONTROL.search(target) or _BREAKS.search(target) or target.startswith("//"):
        return None
    try:
        parts = urlsplit(target)
    except ValueError:
        return None
    if parts.scheme and parts.scheme.lower() not in _SCHEMES:
        return None
    if not parts.scheme and ":" in target.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]:
        return None  # "javascript:..." with odd casing or spacing that urlsplit did not take as a scheme
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return None
    return quote(target, safe="/:?#@!$&'*+,;=%-._~")


def link(label: Markup | str, target: str) -> Markup:
    """A Markdown link ``[label](target)``, or just the label when ``target`` is not linkable.

    ``label`` is escaped unless it is already :class:`~markupsafe.Markup`.
    """
    shown = label if isinstance(label, Markup) else text(label)
    href = safe_href(target)
    if href is None:
        return shown
    return Markup(f"[{shown}]({href})")


def mermaid(value: str) -> str:
    """``value`` for a quoted Mermaid label: anything but letters, digits and spaces as ``#NNN;``."""
    return "".join(c if c.isalnum() or c == " " else f"#{ord(c)};" for c in plain(value).strip())


def yaml_string(value: str) -> str:
    """``value`` as a double-quoted YAML (JSON) string on one line."""
    return json.dumps(plain(value), ensure_ascii=False)
