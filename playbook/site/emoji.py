"""Emoji drawn from the site's own files, so that 🚨 shows where the reader has no emoji font.

The generator finds the emoji its pages use (:func:`used`) and writes, for
each, a rule of ``playbook.css`` that paints the Twemoji picture of it, inlined
as a ``data:`` URL (:func:`rules`); ``playbook.js`` wraps each such emoji of
the page in ``<span class="pb-emoji" data-emoji="1f6a8">`` and the character
itself stays in the text, transparent, so that copying a message template
still copies 🚨. No request leaves the site.

The pictures are Twemoji 15.0 (``vendor/twemoji.json.xz``: every SVG of the
npm package ``@twemoji/svg`` 15.0.0, by file name; see
``vendor/twemoji.LICENSE.txt``). A character that has a text form as well
(``©``, ``⚠``) is taken as an emoji only when ``U+FE0F`` asks for its emoji
form, as Unicode says; those that are emoji by default are listed in
:data:`_DEFAULT_EMOJI` (Unicode's ``Emoji_Presentation`` in the Basic
Multilingual Plane; every Twemoji character beyond it is drawn as an emoji).
"""

from __future__ import annotations

import json
import lzma
import re
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from urllib.parse import quote

from markupsafe import Markup

__all__ = ["ATTRIBUTION", "rules", "used"]

ATTRIBUTION = (
    "Emoji: Twemoji 15.0 by Twitter, Inc and other contributors, "
    "CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
)
"""The credit the pictures' licence asks for, written into the stylesheet that carries them."""

_DATA = Path(__file__).parent / "vendor" / "twemoji.json.xz"
_MAX_SVG = 64 * 1024
"""No Twemoji picture is larger; a larger entry would not be one."""

_DEFAULT_EMOJI = (
    "\u231a-\u231b\u23e9-\u23ec\u23f0\u23f3\u25fd-\u25fe\u2614-\u2615\u2648-\u2653\u267f\u2693"
    "\u26a1\u26aa-\u26ab\u26bd-\u26be\u26c4-\u26c5\u26ce\u26d4\u26ea\u26f2-\u26f3\u26f5\u26fa"
    "\u26fd\u2705\u270a-\u270b\u2728\u274c\u274e\u2753-\u2755\u2757\u2795-\u2797\u27b0\u27bf"
    "\u2b1b-\u2b1c\u2b50\u2b55"
)
# Where an emoji may start: beyond the Basic Multilingual Plane, an emoji by default, or a
# character followed by U+FE0F (its emoji form) or by the keycap mark U+20E3.
_START = re.compile(
    f"[\U0001f000-\U0001faff{_DEFAULT_EMOJI}]"
    "|[#*0-9\u00a9\u00ae\u203c-\u2bff\u3030\u303d\u3297\u3299](?=\ufe0f|\u20e3)"
)
_ZWJ = "\u200d"
_VS16 = "\ufe0f"
_LONGEST = 10
"""Code points in the longest Twemoji sequence (a couple with skin tones); a text's own
U+FE0F may add to that, hence the two more that are tried."""


@cache
def _pictures() -> Mapping[str, str]:
    """Twemoji's pictures by name (``1f6a8``, ``1f469-200d-1f4bb``), read once."""
    data = json.loads(lzma.decompress(_DATA.read_bytes()))
    return {str(name): str(svg) for name, svg in data.items() if len(svg) <= _MAX_SVG}


def _names(sequence: str) -> tuple[str, ...]:
    """The names Twemoji may give ``sequence``: U+FE0F is dropped outside joined sequences."""
    full = "-".join(f"{ord(c):x}" for c in sequence)
    bare = "-".join(f"{ord(c):x}" for c in sequence if c != _VS16)
    return (full, bare) if _ZWJ in sequence else (bare, full)


def used(texts: Iterable[str]) -> dict[str, str]:
    """Every emoji in ``texts`` that Twemoji draws: ``{"🚨": "1f6a8"}``, in order of appearance.

    A sequence (a flag, a skin tone, a joined family) is taken whole, the
    longest that Twemoji has; its own U+FE0F stays part of it.
    """
    pictures = _pictures()
    found: dict[str, str] = {}
    for text in texts:
        position = 0
        for start in _START.finditer(text):
            at = start.start()
            if at < position:
                continue
            for length in range(min(_LONGEST + 2, len(text) - at), 0, -1):
                sequence = text[at : at + length]
                name = next((n for n in _names(sequence) if n in pictures), None)
                if name is not None:
                    found.setdefault(sequence, name)
                    position = at + length
                    break
    return found


def rules(found: Mapping[str, str]) -> Markup:
    """The CSS rules that paint each emoji of ``found`` from its inlined picture."""
    pictures = _pictures()
    lines = []
    for name in sorted(set(found.values())):
        url = "data:image/svg+xml," + quote(pictures[name], safe=" =:/;,.-")
        lines.append(f'.pb-emoji[data-emoji="{name}"] {{ background-image: url("{url}"); }}')
    return Markup("\n".join(lines))
