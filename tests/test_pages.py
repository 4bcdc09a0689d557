"""The page functions: pure, in one ordered registry, linked by relative paths from a frozen context."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import MINIMAL_PLAYBOOK, SMALL_PLAYBOOK

import playbook.site as generator
from playbook import default, validate_text
from playbook.model import Period, Playbook
from playbook.schema import schema_text
from playbook.site.context import context
from playbook.site.links import link
from playbook.site.page import File, Page
from playbook.site.pages import PAGES
from playbook.site.pages.home import sections
from playbook.wording import phrases


def _book(text: str) -> Playbook:
    book = validate_text(text).playbook
    assert book is not None
    return book


BOOKS = {
    "default": default,
    "minimal": lambda: _book(MINIMAL_PLAYBOOK),
    "small": lambda: _book(SMALL_PLAYBOOK),
}


@pytest.mark.parametrize(
    ("here", "to", "anchor", "expected"),
    [
        ("index.md", "matrix.md", None, "matrix.md"),
        ("roles/ic.md", "matrix.md", None, "../matrix.md"),
        ("roles/ic.md", "roles/ops.md", None, "ops.md"),
        ("roles/index.md", "checklists/p0.md", None, "../checklists/p0.md"),
        ("workflow.md", "assets/vendor/mermaid.min.js", None, "assets/vendor/mermaid.min.js"),
        ("matrix.md", "severities.md", "sev-p0", "severities.md#sev-p0"),
        ("roles/ic.md", "related.md", "doc-deploy", "../related.md#doc-deploy"),
    ],
)
def test_link_is_the_relative_path_between_two_pages(
    here: str, to: str, anchor: str | None, expected: str
) -> None:
    assert link(here, to, anchor) == expected


def test_the_context_cannot_be_changed() -> None:
    ctx = context(default())
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.has_schema = True  # type: ignore[misc]
    with pytest.raises(TypeError):
        ctx.role_pages["x"] = "roles/x.md"  # type: ignore[index]


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_each_page_function_alone_makes_what_the_site_holds(name: str) -> None:
    book = BOOKS[name]()
    files = generator.render(book, schema=schema_text())
    ctx = context(book, has_schema=True)
    made: list[Page | File] = []
    for page_function in PAGES:
        first, again = page_function(ctx), page_function(ctx)
        assert first == again, page_function.__name__
        made += first
    paths = [item.path for item in made]
    assert len(paths) == len(set(paths))
    assert all(files[item.path] == item.text for item in made)
    assert {p for p in files if p.endswith(".md")} == {item.path for item in made if isinstance(item, Page)}


@pytest.mark.parametrize("name", sorted(BOOKS))
def test_the_home_page_links_to_the_first_page_of_every_section_there_is(name: str) -> None:
    ctx = context(BOOKS[name]())
    pages = [item for page_function in PAGES for item in page_function(ctx) if isinstance(item, Page)]
    firsts = [
        (page.path, page.nav_title or page.title)
        for page in pages
        if (page.section is None or page.nav_title) and page.path not in ("index.md", "matrix.md")
    ]
    assert sections(ctx) == firsts
    home = next(page for page in pages if page.path == "index.md")
    for path, _ in firsts:
        assert f"]({path})" in home.text, path


def test_the_registry_fixes_the_navigation_order() -> None:
    nav = generator.render(default())[generator.NAV_FILE].split("\nnav:\n", 1)[1]
    entries = [line.strip() for line in nav.splitlines() if line.lstrip().startswith("- ")]
    assert entries[:3] == [
        '- "首页": "index.md"',
        '- "Severity Levels": "severities.md"',
        '- "Severity Matrix": "matrix.md"',
    ]
    checklists = entries.index('- "Checklists":')
    assert entries[checklists + 1 : checklists + 3] == ['- "checklists/index.md"', '- "checklists/p0.md"']
    roles = entries.index('- "Roles":')
    assert entries[roles + 1] == '- "roles/index.md"'
    assert entries[-1] == '- "Related Documents": "related.md"'


REVIEW = "review:\n  every: 6mo\n  owner: ic\n  last_reviewed: 2026-01-31\n"


def test_the_home_page_says_how_the_playbook_is_reviewed_and_links_the_reviewer() -> None:
    files = generator.render(_book(SMALL_PLAYBOOK + REVIEW))
    assert (
        "**Review**: Reviewed every 6 months by [Incident Commander](roles/ic.md); "
        "last reviewed 2026-01-31, next review due 2026-07-31\n" in files["index.md"]
    )
    assert "roles/ic.md" in files


def test_the_review_is_worded_in_the_playbook_language() -> None:
    chinese = _book("language: zh-CN\n" + SMALL_PLAYBOOK + REVIEW)
    assert (
        "**复审**：每 6 个月由 [Incident Commander](roles/ic.md) 复审；"
        "上次复审 2026-01-31，下次复审截止 2026-07-31\n" in generator.render(chinese)["index.md"]
    )
    never = _book(SMALL_PLAYBOOK + "review: {every: 1y, owner: ops}\n")
    assert "**Review**: Reviewed every 1 year by [Ops](roles/ops.md)\n" in generator.render(never)["index.md"]


def test_a_playbook_without_a_review_section_says_nothing_of_it() -> None:
    for book in (default(), _book(SMALL_PLAYBOOK)):
        home = generator.render(book)["index.md"]
        assert "复审" not in home and "Review" not in home


@pytest.mark.parametrize(
    ("period", "english", "chinese"),
    [
        ("6mo", "6 months", "6 个月"),
        ("1mo", "1 month", "1 个月"),
        ("90d", "90 days", "90 天"),
        ("2w", "2 weeks", "2 周"),
        ("1y", "1 year", "1 年"),
    ],
)
def test_periods_are_read_as_words(period: str, english: str, chinese: str) -> None:
    value = Period(period)
    assert phrases("en").period(value.amount, value.unit) == english
    assert phrases("zh").period(value.amount, value.unit) == chinese


def test_a_postmortem_without_a_meeting_renders_without_one() -> None:
    text = MINIMAL_PLAYBOOK.replace("format: 1", "format: 2")
    page = generator.render(_book(text + "postmortem:\n  sections:\n    - {id: what, title: What}\n"))
    assert "None" not in page["postmortem.md"]
    assert "| What | <code>what</code> |" in page["postmortem.md"]


def test_without_a_matrix_no_page_links_to_one() -> None:
    head, _ = MINIMAL_PLAYBOOK.replace("format: 1", "format: 2").split("classification:")
    files = generator.render(_book(head + "classification: {}\n"))
    assert "matrix.md" not in files
    assert not [path for path, text in files.items() if "matrix.md" in text]
