"""The site as a live tool, as generated: matrix links, the classify form's data, level definitions,
related documents linked through the repository, search settings, emoji, the script and print.

The same features in a real browser, on a phone and a laptop: tests/test_browser.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import MINIMAL_PLAYBOOK

import playbook.derive as derive
from playbook import default, validate_text
from playbook.model import Playbook
from playbook.site import emoji, escape, render

REPO = Path(__file__).resolve().parent.parent
CLARITY = (REPO / "playbook" / "data" / "clarity.yaml").read_text(encoding="utf-8")
REPOSITORY = "https://github.com/example/app/blob/main/"


def _book(text: str) -> Playbook:
    result = validate_text(text)
    assert result.playbook is not None and not result.errors, [str(p) for p in result.errors]
    return result.playbook


def _with_repository(url: str = REPOSITORY) -> str:
    return CLARITY.replace("\nrelated_documents:", f"\nrepository: {{url: {url!r}}}\nrelated_documents:")


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return render(default())


def _script_data(script: str, name: str) -> object:
    """The value the generator wrote into ``var NAME = ...;`` of the site's script."""
    found = re.search(rf"^  var {name} = (.*);$", script, re.MULTILINE)
    assert found is not None
    return json.loads(found.group(1))


def _config(files: dict[str, str]) -> dict[str, object]:
    class Lenient(yaml.SafeLoader):
        pass

    Lenient.add_multi_constructor("", lambda loader, suffix, node: None)
    config = yaml.load(files[".nav.yml"], Loader=Lenient)
    assert isinstance(config, dict)
    return config


# The matrix page -----------------------------------------------------------------------------


def test_every_matrix_cell_links_to_its_severitys_checklist(files: dict[str, str]) -> None:
    page = files["matrix.md"]
    cells = re.findall(
        r'<td class="pb-sev sev-(\w+)" title="([^"]*)" markdown="span">\[(\w+)\]\(([^)]*)\)</td>', page
    )
    assert len(cells) == 16
    for css, title, shown, target in cells:
        assert css == shown and target == f"checklists/{shown.lower()}.md"
        assert title.startswith(shown) and "检查单" in title


def test_each_checklist_links_its_severitys_definition(files: dict[str, str]) -> None:
    for severity in default().severities:
        page = files[f"checklists/{severity.id.lower()}.md"]
        assert f"\n定义：[{severity.id} - " in page
        assert f"](../severities.md#sev-{severity.id.lower()})\n" in page


def test_the_classify_form_carries_the_matrix_and_an_answer_per_severity(files: dict[str, str]) -> None:
    page = files["matrix.md"]
    data = re.search(
        r'<div class="pb-classify" data-pb-kind="matrix" data-pb-data="([^"]*)" hidden markdown>', page
    )
    assert data is not None
    assert json.loads(html.unescape(data.group(1))) == default().classification.matrix
    for level in (*default().classification.impact, *default().classification.reach):
        assert f'<option value="{level.id}">{level.name}</option>' in page
    for severity in default().severities:
        answer = re.search(
            rf'<div class="pb-classify-answer" data-severity="{severity.id}" hidden markdown>\n(.*)\n</div>',
            page,
        )
        assert answer is not None
        assert f"(checklists/{severity.id.lower()}.md)" in answer.group(1)
        assert f"(severities.md#sev-{severity.id.lower()})" in answer.group(1)


def test_an_attribute_value_with_quotes_is_escaped_once() -> None:
    # The form's data is JSON, full of quotes: escaped twice, the browser would read &quot;.
    assert (
        escape.html_attr("{\"a\": 'b'} <x> & y") == "&#123;&quot;a&quot;: &#39;b&#39;&#125; &lt;x&gt; &amp; y"
    )
    assert html.unescape(escape.html_attr('{"a": "b"}')) == '{"a": "b"}'


def test_the_levels_of_both_axes_are_defined_on_the_matrix_page(files: dict[str, str]) -> None:
    page = files["matrix.md"]
    assert "## 级别定义" in page and "### 影响程度（Impact）" in page and "### 影响范围（Reach）" in page
    for level in (*default().classification.impact, *default().classification.reach):
        assert f"| **{level.name}** | <code>{level.id}</code> |" in page
    # Clarity's levels have no description: the page says so rather than inventing one.
    assert "Playbook 没有描述这些级别" in page


def test_a_levels_description_is_shown_when_the_playbook_gives_one() -> None:
    text = MINIMAL_PLAYBOOK.replace(
        "{id: high, name: High Impact}", "{id: high, name: High Impact, description: Checkout is down}"
    )
    page = render(_book(text))["matrix.md"]
    assert "| **High Impact** | <code>high</code> | Checkout is down |" in page
    assert "| **Low Impact** | <code>low</code> | 未描述 |" not in page  # English playbook
    assert "| **Low Impact** | <code>low</code> | Not described |" in page
    assert "do not describe" not in page


def test_a_format_2_playbook_with_axes_has_a_choice_per_facet() -> None:
    book = _book((REPO / "examples" / "gitlab" / "playbook.yaml").read_text(encoding="utf-8"))
    page = render(book)["classification.md"]
    form = re.search(r'data-pb-kind="axes" data-pb-data="([^"]*)"', page)
    assert form is not None
    assert json.loads(html.unescape(form.group(1))) == {s.id: n for n, s in enumerate(book.severities)}
    for axis in book.classification.axes:
        assert f'<select name="{axis.id}">' in page


# Related documents ---------------------------------------------------------------------------


def test_without_a_repository_paths_are_marked_as_not_linked(files: dict[str, str]) -> None:
    page = files["related.md"]
    assert "](https://" not in page
    assert page.count('<span class="pb-unlinked" data-label="未链接"></span>') == 4
    assert "repository.url" in page
    # The rollback procedure still leads to the document's row.
    assert "](related.md#doc-prod-deploy)" in files["rollback.md"]


def test_with_a_repository_every_written_document_is_a_link() -> None:
    book = _book(_with_repository())
    site = render(book)
    page = site["related.md"]
    assert "pb-unlinked" not in page and "repository.url" not in page
    assert f"[<code>docs/PROD&#95;DEPLOY.md</code>]({REPOSITORY}docs/PROD_DEPLOY.md)" in page
    assert '<span class="pb-gap"' in page  # TBD is still a gap, not a link
    # The rollback procedure opens the document itself.
    assert f"]({REPOSITORY}docs/PROD_DEPLOY.md)" in site["rollback.md"]


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("https://h.example/r/blob/main/", "docs/a.md", "https://h.example/r/blob/main/docs/a.md"),
        ("https://h.example/r/blob/main", "./docs/a.md", "https://h.example/r/blob/main/docs/a.md"),
        ("https://handbook.example.com/", "/handbook/x/", "https://handbook.example.com/handbook/x/"),
        ("https://h.example/", "https://elsewhere.example/doc", "https://elsewhere.example/doc"),
        ("https://h.example/", "TBD", None),
    ],
)
def test_a_documents_address(base: str, path: str, expected: str | None) -> None:
    book = _book(
        MINIMAL_PLAYBOOK
        + f"repository: {{url: {base!r}}}\nrelated_documents:\n  - {{id: d, title: D, path: {path!r}}}\n"
    )
    assert derive.document_url(book, book.related_documents[0]) == expected


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://h.example/", "docs/", "https://", "//h.example/x"]
)
def test_a_repository_url_is_a_web_address(url: str) -> None:
    result = validate_text(_with_repository(url), "playbook.yaml")
    assert [p.check for p in result.errors] == ["invalid-value"]
    (problem,) = result.errors
    assert (
        "repository URL" in problem.message
        and problem.line == CLARITY.count("\n", 0, CLARITY.index("\nrelated_documents:")) + 2
    )


def test_the_detection_page_links_the_matrix_instead_of_pointing_above(files: dict[str, str]) -> None:
    assert "    - 参照 [Severity Matrix](matrix.md)\n" in files["detection.md"]
    assert "上方" not in files["detection.md"]


# Configuration: search, checkboxes, the script -----------------------------------------------


def test_search_keeps_identifiers_whole_and_does_not_stem(files: dict[str, str]) -> None:
    config = _config(files)
    plugins = config["plugins"]
    assert isinstance(plugins, dict)
    search = plugins["search"]
    separator = re.compile(search["separator"])
    assert separator.split("api_error_rate") == ["api_error_rate"]
    assert [w for w in separator.split("参照 PROD_DEPLOY.md（回滚）/health, a-b") if w] == [
        "参照",
        "PROD_DEPLOY",
        "md",
        "回滚",
        "health",
        "a",
        "b",
    ]
    assert separator.split("1.5") == ["1.5"]
    assert "stemmer" not in search["pipeline"] and "trimmer" not in search["pipeline"]


def test_checkboxes_are_clickable_and_the_script_is_loaded(files: dict[str, str]) -> None:
    config = _config(files)
    assert config["extra_javascript"] == ["assets/playbook.js"]
    extensions = config["markdown_extensions"]
    assert isinstance(extensions, list)
    tasklist = next(
        e["pymdownx.tasklist"] for e in extensions if isinstance(e, dict) and "pymdownx.tasklist" in e
    )
    assert tasklist == {"custom_checkbox": True, "clickable_checkbox": True}
    script = files["assets/playbook.js"]
    words = _script_data(script, "WORDS")
    assert isinstance(words, dict) and words["new_incident"] == "新事件"
    assert "{{" not in script and "{%" not in script
    assert (
        "fetch(" not in script
        and "XMLHttpRequest" not in script
        and "http" not in script.replace("https://creativecommons.org", "")
    )


# Emoji ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("🚨 [P0] Incident", {"🚨": "1f6a8"}),
        ("✅ Resolved ✅", {"✅": "2705"}),
        ("⚠️ careful ⚠ text", {"⚠️": "26a0"}),
        ("© 2025, 1. step, #3", {}),
        ("©️ 1️⃣ 🇨🇳 👍🏽", {"©️": "a9", "1️⃣": "31-20e3", "🇨🇳": "1f1e8-1f1f3", "👍🏽": "1f44d-1f3fd"}),
        ("👩‍💻 and 🏳️‍🌈", {"👩\u200d💻": "1f469-200d-1f4bb", "🏳️\u200d🌈": "1f3f3-fe0f-200d-1f308"}),
        ("中文、。：（）", {}),
    ],
)
def test_emoji_are_found_whole(text: str, found: dict[str, str]) -> None:
    assert emoji.used([text]) == found


def test_the_sites_emoji_are_painted_from_its_own_stylesheet(files: dict[str, str]) -> None:
    css = files["assets/playbook.css"]
    for name in ("1f6a8", "2705"):
        assert f'.pb-emoji[data-emoji="{name}"] {{ background-image: url("data:image/svg+xml,%3Csvg' in css
    assert emoji.ATTRIBUTION in css
    assert _script_data(files["assets/playbook.js"], "EMOJI") == {"🚨": "1f6a8", "✅": "2705", "📋": "1f4cb"}


def test_a_site_without_emoji_carries_no_picture() -> None:
    site = render(_book(MINIMAL_PLAYBOOK))
    assert "data:image/svg+xml" not in site["assets/playbook.css"]
    assert _script_data(site["assets/playbook.js"], "EMOJI") == {}


# Print ---------------------------------------------------------------------------------------


def test_every_printed_page_names_the_playbook_its_version_and_date(files: dict[str, str]) -> None:
    css = files["assets/print.css"]
    rule = re.search(r"@bottom-center \{\n    content: (\"[^\"]*\") counter\(page\) (\"[^\"]*\");", css)
    assert rule is not None
    before = re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), rule.group(1))
    assert before == '"Clarity Incident Response Playbook · Version 1.0 · Last Updated 2025-12-23 · 第 "'
    assert ".pb-phase {" in css or ".md-typeset .pb-phase {" in css.replace(",\n", " {\n")
    assert "break-inside: avoid" in css


def test_a_hostile_name_cannot_leave_the_footers_string() -> None:
    text = MINIMAL_PLAYBOOK.replace("name: Minimal", 'name: "x\\"; } body { display: none } /* \\\\"')
    css = render(_book(text))["assets/print.css"]
    content = re.search(r"content: (.*);\n", css)
    assert content is not None
    assert re.fullmatch(
        r'"(?:[A-Za-z0-9]|\\[0-9a-f]{6})*" counter\(page\) "(?:[A-Za-z0-9]|\\[0-9a-f]{6})*"', content.group(1)
    )


def test_each_phase_is_one_block_to_keep_together(files: dict[str, str]) -> None:
    workflow = files["workflow.md"]
    assert workflow.count('<div class="pb-phase" markdown>') == len(default().workflow)
    checklist = files["checklists/p0.md"]
    assert checklist.count('<div class="pb-phase" markdown>') >= len(default().workflow)
