"""The search dictionary a build makes from its pages segments them exactly as jieba's stock one does."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("jieba")
pytest.importorskip("mkdocs")

import jieba

import playbook.site as generator
from playbook import default
from playbook.schema import schema_text
from playbook.site import build as site_build
from playbook.site.search import FILLER, dictionary, stock_dictionary

STOCK = stock_dictionary()


def cut(tokenizer: jieba.Tokenizer, text: str) -> list[str]:
    # As Material calls it: the text as UTF-8 bytes, with the HMM for unknown words.
    return list(tokenizer.cut(text.encode("utf-8")))


def test_the_stock_dictionary_is_found() -> None:
    assert STOCK is not None and STOCK.name == "dict.txt" and STOCK.stat().st_size > 1_000_000


def test_repeated_words_and_the_total_are_kept(tmp_path: Path) -> None:
    stock = tmp_path / "stock.txt"
    stock.write_text(
        "止损 300 v\n止 50 v\n损 40 v\n方案 900 n\n止损方 2 n\n执行 700 v\n行 60 n\n"
        "止损 500 v\n别的 1000 r\nB超 3 n\n",
        encoding="utf-8",
    )
    small_path = tmp_path / "small.txt"
    small_path.write_text(dictionary(["# 执行<b>止损</b>方案", "止损"], stock), encoding="utf-8")
    lines = small_path.read_text(encoding="utf-8").splitlines()
    assert "止损 500" in lines and "别的 1000" not in lines and not any("B超" in line for line in lines)
    # The stock total is 3555; the words kept add up to 2252 (止损 at its last frequency, 500).
    assert lines[-1] == f"{FILLER} 1303"
    stock_tokenizer = jieba.Tokenizer(str(stock))
    small = jieba.Tokenizer(str(small_path))
    stock_tokenizer.tmp_dir = small.tmp_dir = str(tmp_path)
    for text in ("执行止损方案", "止损方", "止止损损方方案执行行", "方案执行止"):
        assert cut(small, text) == cut(stock_tokenizer, text), text
    assert small.total == stock_tokenizer.total


@pytest.mark.skipif(STOCK is None, reason="jieba has no stock dictionary here")
def test_markup_between_the_characters_of_a_word_keeps_it(tmp_path: Path) -> None:
    assert STOCK is not None
    # What MkDocs renders as 执行止损方案 and 回滚决策, written with markup and entities between.
    source = '执<span class="a b">行</span>止[损](x.md "标题")方<b>案</b> &#22238;滚决<em>策</em>'
    small_path = tmp_path / "small.txt"
    small_path.write_text(dictionary([source], STOCK), encoding="utf-8")
    small = jieba.Tokenizer(str(small_path))
    small.tmp_dir = str(tmp_path)
    stock = jieba.dt
    for rendered in ("执行止损方案", "回滚决策", "止损方案执行", "策决滚回"):
        assert cut(small, rendered) == cut(stock, rendered), rendered
    assert small.total == stock.total


def built_search_index(out: Path, monkeypatch: pytest.MonkeyPatch, *, stock: bool) -> str:
    with monkeypatch.context() as patch:
        if stock:
            patch.setattr(site_build, "stock_dictionary", lambda: None)
        files = generator.render(default(), schema=schema_text())
        assert site_build.build(files, out) == 0
    return (out / "search" / "search_index.json").read_text(encoding="utf-8")


@pytest.mark.skipif(STOCK is None, reason="jieba has no stock dictionary here")
def test_a_build_segments_its_pages_as_the_stock_dictionary_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    with_stock = built_search_index(tmp_path / "stock", monkeypatch, stock=True)
    assert "search/jieba.txt" not in capfd.readouterr().err
    system_tmp = tmp_path / "tmp"
    system_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(system_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(system_tmp))
    with_pages = built_search_index(tmp_path / "pages", monkeypatch, stock=False)
    assert list(system_tmp.iterdir()) == [], "jieba's cache of the page dictionary was left behind"
    # jieba says which dictionary it loads, on MkDocs' standard error.
    assert re.search(r"Building prefix dict from \S+/search/jieba\.txt", capfd.readouterr().err)
    assert with_pages == with_stock
    index = json.loads(with_pages)
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"])
    assert "\u200b止损\u200b" in text, "the index holds segmented Chinese"
    assert len(re.findall("[\u4e00-\u9fff]+", text)) > 1000
