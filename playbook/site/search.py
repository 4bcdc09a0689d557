"""The search dictionary: the words of jieba's stock dictionary that the site's pages can hold.

Material's search plugin segments Chinese text with jieba when the site is
built, and loading jieba's stock dictionary (about 350 000 words) is most of
a build. jieba cuts a run of Chinese characters by looking up its substrings
only, and scores each way of cutting it by the frequency of every word over
the dictionary's total. A dictionary that keeps every stock word made only of
characters the pages hold, with its stock frequency, plus one entry that no
Chinese text contains and that brings the total up to the stock total, gives
every lookup and every score the stock dictionary gives: the pages are
segmented exactly as with the stock dictionary. Keeping words by their
characters, not by where they occur, holds whatever markup stands between
the characters of a word in the Markdown.
"""

from __future__ import annotations

import html
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = ["FILLER", "dictionary", "stock_dictionary"]

FILLER = "playbook-search-total"
"""The entry that keeps the stock total: not Chinese, so jieba never meets it in the text it cuts."""

_HAN = r"\p{script: Han}"
"""The characters Material hands to jieba, in Material's own words (a ``backrefs`` pattern)."""


def stock_dictionary() -> Path | None:
    """The stock dictionary of the installed jieba, or ``None`` when jieba is not installed."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    return path if path.is_file() else None


def dictionary(texts: Iterable[str], stock: Path) -> str:
    """A jieba dictionary that segments the Chinese text of ``texts`` as ``stock`` does.

    ``texts`` are the Markdown pages and the navigation (HTML entities are
    read as the characters they stand for). Linear in the size of the texts
    and of the stock dictionary.
    """
    from backrefs import bre  # Material's own dependency, for its definition of Chinese text

    han = bre.compile(_HAN)
    chars = {found.group() for text in texts for found in han.finditer(html.unescape(text))}
    # Each line is "word frequency tag"; a newline before the first makes every line start with one.
    lines_of = "\n" + stock.read_bytes().decode("utf-8") + "\n"
    total = sum(map(int, re.findall(r"\n[^ \n]+ (\d+)", lines_of)))
    words: dict[str, int] = {}
    if chars:
        allowed = "".join(sorted(re.escape(char) for char in chars))
        for word, frequency in re.findall(rf"\n([{allowed}]+) (\d+)", lines_of):
            words[word] = int(frequency)  # a word listed twice: jieba keeps the last frequency
    # jieba's total counts every line, a repeated word's too; the filler makes up the difference.
    lines = [f"{word} {frequency}\n" for word, frequency in words.items()]
    lines.append(f"{FILLER} {total - sum(words.values())}\n")
    return "".join(lines)
