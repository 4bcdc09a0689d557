"""The built site in a real browser: Debian's Chromium, driven by Playwright, offline.

The site is served from 127.0.0.1 by a thread of this process; every request the
browser makes is recorded and must go to that server. Screenshots of the home
page, the matrix, the workflow, the communication plan and the P0 checklist
(ticked), at desktop and phone sizes, are saved to test-artifacts/ (ignored by
git). At a phone's size (390 × 844) and a laptop's (1280 wide), every page is
read for words broken inside a table cell and for sideways scrolling, and the
site is used as a responder would: the diagram read, boxes ticked and the page
reloaded, a new incident started, the matrix followed, the classify form asked,
identifiers searched. The same is done once opened from disk (file://).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from playbook import default
from playbook.site.palette import colours

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian chromium is not at /usr/bin/chromium (apt-get install -y chromium; .ci/run does it)",
)

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = {"desktop": 1280, "phone": 390}
HEIGHTS = {"desktop": 900, "phone": 844}

# Material draws each Mermaid diagram inside a closed shadow root, which no test can look
# into; opening it (in the test browser only) lets the test see the SVG Mermaid made.
_OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (options) {
    return attach.call(this, { ...options, mode: "open" });
  };
})();
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser") / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1766448000", "NO_MKDOCS_2_WARNING": "1"}
    command = [
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-f",
        str(REPO / "mkdocs.yml"),
        "-d",
        str(root),
    ]
    subprocess.run(command, env=env, check=True, capture_output=True)
    return root


@contextlib.contextmanager
def _served(root: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base_url(site_root: Path) -> Iterator[str]:
    with _served(site_root) as url:
        yield url


@pytest.fixture(scope="module")
def gitlab_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site of the GitLab example (format 2: classified by facets), built and served."""
    from click.testing import CliRunner

    from playbook.cli import main

    root = tmp_path_factory.mktemp("gitlab") / "site"
    example = REPO / "examples" / "gitlab" / "playbook.yaml"
    result = CliRunner().invoke(main, ["build", "-p", str(example), "-o", str(root)])
    assert result.exit_code == 0, result.output
    with _served(root) as url:
        yield root, url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


class Session:
    """A browser context that records every request and every page error."""

    def __init__(self, browser: Any, base_url: str, width: int, height: int = 900) -> None:
        self.base_url = base_url
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, service_workers="block"
        )
        self.context.add_init_script(_OPEN_SHADOW_ROOTS)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def open(self, path: str) -> Any:
        self.page.goto(self.base_url + path, wait_until="load")
        return self.page

    def foreign_requests(self) -> list[str]:
        return [
            url for url in self.requests if not url.startswith(self.base_url) and not url.startswith("data:")
        ]


@pytest.fixture
def desktop(browser: Any, base_url: str) -> Iterator[Session]:
    session = Session(browser, base_url, WIDTHS["desktop"])
    yield session
    session.context.close()
    assert session.foreign_requests() == [], "the site requested another origin"
    assert session.errors == []


def _rgb(hex_colour: str) -> str:
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


def test_matrix_shows_16_coloured_cells(desktop: Session) -> None:
    page = desktop.open("matrix.html")
    cells = page.locator("table.pb-matrix td.pb-sev")
    assert cells.count() == 16
    expected = {
        f"sev-{c.severity_id}": _rgb(c.background) for c in colours([s.id for s in default().severities])
    }
    painted = cells.evaluate_all(
        "cells => cells.map(c => [c.className.split(' ').pop(), getComputedStyle(c).backgroundColor])"
    )
    for cls, colour in painted:
        assert colour == expected[cls], (cls, colour)
    assert len({colour for _, colour in painted}) == len(default().severities)
    # The same severity has the same colour on another page.
    badge = desktop.open("checklists/index.html").locator("span.pb-sev.sev-P0").first
    assert badge.evaluate("e => getComputedStyle(e).backgroundColor") == expected["sev-P0"]


def test_workflow_diagram_renders_as_svg(desktop: Session) -> None:
    page = desktop.open("workflow.html")
    page.wait_for_selector(".mermaid svg", timeout=15_000)
    svg = page.locator(".mermaid svg").first
    assert svg.locator("g.node").count() == len(default().workflow)
    assert "Contain" in svg.text_content()
    assert any(url.endswith("assets/vendor/mermaid.min.js") for url in desktop.requests)


@pytest.mark.parametrize(("query", "expected"), [("回滚", "回滚"), ("止损", "止损")])
def test_chinese_search_finds_results(desktop: Session, query: str, expected: str) -> None:
    page = desktop.open("index.html")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    field = page.locator("input.md-search__input")
    field.focus()
    page.keyboard.type(query, delay=80)
    # Playwright types characters that are not on a US keyboard as text input, without key
    # events; an IME commits with a key press, which is what Material's search listens to.
    page.keyboard.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert results.count() > 0
    texts = results.all_inner_texts()
    assert any(expected in text for text in texts), texts
    if query == "止损":
        links = page.locator(".md-search-result__link").evaluate_all("a => a.map(x => x.href)")
        assert any("workflow.html" in href or "checklists/" in href for href in links), links


def test_screenshots(browser: Any, base_url: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    for label, width in WIDTHS.items():
        session = Session(browser, base_url, width, HEIGHTS[label])
        for name, path in (
            ("home", "index.html"),
            ("matrix", "matrix.html"),
            ("workflow", "workflow.html"),
            ("communication", "communication.html"),
            ("p0-checklist", "checklists/p0.html"),
        ):
            page = session.open(path)
            if name == "workflow":
                page.wait_for_selector(".mermaid svg", timeout=15_000)
            if name == "matrix":
                page.select_option('.pb-classify select[name="impact"]', "high")
                page.select_option('.pb-classify select[name="reach"]', "many")
            if name == "p0-checklist":
                _tick(page, 0)
            page.wait_for_timeout(200)
            target = ARTIFACTS / f"{name}-{label}.png"
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
        session.context.close()
        assert session.foreign_requests() == []
        assert session.errors == []


def test_every_page_loads_without_a_foreign_request(browser: Any, base_url: str) -> None:
    session = Session(browser, base_url, WIDTHS["phone"])
    paths = ["index.html", "severities.html", "matrix.html", "detection.html", "workflow.html"]
    paths += ["communication.html", "rollback.html", "postmortem.html", "related.html", "roles/index.html"]
    for path in paths:
        session.open(path)
    session.page.wait_for_timeout(500)
    session.context.close()
    assert session.foreign_requests() == []
    assert session.errors == []
    print(f"\n{len(session.requests)} requests for {len(paths)} pages, all to {base_url}")


# The site on a phone and on a laptop -------------------------------------------------------


@pytest.fixture(params=list(WIDTHS))
def sized(request: pytest.FixtureRequest, browser: Any, base_url: str) -> Iterator[Session]:
    session = Session(browser, base_url, WIDTHS[request.param], HEIGHTS[request.param])
    yield session
    session.context.close()
    assert session.foreign_requests() == [], "the site requested another origin"
    assert session.errors == []


def _pages(root: Path) -> list[str]:
    """Every page of the built site."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html") if p.name != "404.html")


# A word is broken when its letters stand on two lines: each run of letters and digits in a
# cell's text is measured as a range, and its line boxes must share one top.
_BROKEN_WORDS = """
() => {
  const broken = [];
  for (const cell of document.querySelectorAll("article td, article th")) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (const word of node.data.matchAll(/[A-Za-z0-9_]{2,}/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const tops = new Set(
          [...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top))
        );
        if (tops.size > 1) broken.push(word[0] + " in: " + cell.textContent.trim().slice(0, 60));
      }
    }
  }
  return broken;
}
"""


def test_no_cell_breaks_a_word_and_no_page_scrolls_sideways(sized: Session, site_root: Path) -> None:
    page = sized.page
    broken: dict[str, list[str]] = {}
    wide: dict[str, int] = {}
    paths = _pages(site_root)
    assert {"matrix.html", "communication.html", "checklists/p0.html"} <= set(paths)
    for path in paths:
        sized.open(path)
        words = page.evaluate(_BROKEN_WORDS)
        if words:
            broken[path] = words
        width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if width > 0:
            wide[path] = width
    assert broken == {}
    assert wide == {}, "these pages scroll sideways as a whole"


def test_a_table_wider_than_the_screen_scrolls_in_its_own_box_with_a_hint(sized: Session) -> None:
    page = sized.open("communication.html")
    page.wait_for_timeout(100)
    boxes = page.locator(".md-typeset__scrollwrap").evaluate_all(
        "boxes => boxes.map(b => [b.scrollWidth > b.clientWidth + 1, "
        "Boolean(b.previousElementSibling && b.previousElementSibling.matches('.pb-scroll-hint'))])"
    )
    assert boxes
    for wide, hinted in boxes:
        assert wide == hinted
    if sized.page.viewport_size["width"] == WIDTHS["phone"]:
        assert any(wide for wide, _ in boxes), "the internal communication table fits a phone?"
        hint = page.locator(".pb-scroll-hint").first
        assert hint.is_visible() and "→" in hint.inner_text()


# The text of each diagram label, in CSS pixels on the screen: its font size times the scale
# at which the SVG is drawn (its width on the page over its viewBox's width).
_DIAGRAM_TEXT = """
svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const labels = [...svg.querySelectorAll("g.node .nodeLabel, g.node text")];
  return {
    scale: scale,
    vertical: svg.viewBox.baseVal.height > svg.viewBox.baseVal.width,
    sizes: labels.map(l => parseFloat(getComputedStyle(l).fontSize) * scale),
  };
}
"""


def test_the_workflow_diagram_text_is_at_least_11_px(sized: Session) -> None:
    page = sized.open("workflow.html")
    page.wait_for_selector(".mermaid svg", timeout=15_000)
    measured = page.locator(".mermaid svg").first.evaluate(_DIAGRAM_TEXT)
    assert len(measured["sizes"]) >= len(default().workflow)
    assert min(measured["sizes"]) >= 11, measured
    if page.viewport_size["width"] == WIDTHS["phone"]:
        assert measured["vertical"], "on a phone the phases go top to bottom"


def _tick(page: Any, index: int) -> None:
    """Tap the box of the item ``index``: Material draws it 1.5em left of the item's text."""
    item = page.locator(".task-list-item").nth(index)
    item.scroll_into_view_if_needed()
    x, y = item.evaluate(
        "li => { const f = parseFloat(getComputedStyle(li).fontSize); const r = li.getBoundingClientRect();"
        " return [r.left - 0.875 * f, r.top + 0.775 * f]; }"
    )
    hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).className", [x, y])
    assert hit == "task-list-indicator"
    page.mouse.click(x, y)


def _ticked(page: Any) -> list[bool]:
    return page.locator(".task-list-item input[type=checkbox]").evaluate_all(
        "boxes => boxes.map(b => b.checked)"
    )


def test_a_tick_survives_a_reload_and_new_incident_clears_it(sized: Session) -> None:
    page = sized.open("checklists/p0.html")
    assert not any(_ticked(page))
    assert "disabled" not in page.locator(".task-list-item input").first.evaluate("b => b.outerHTML")
    _tick(page, 0)
    _tick(page, 2)
    assert _ticked(page)[:3] == [True, False, True]
    stamp = page.locator(".task-list-item").nth(0).locator("time.pb-ticked")
    assert stamp.count() == 1 and ":" in stamp.inner_text()
    status = page.locator(".pb-incident-status")
    assert "2/" in status.inner_text() or "2 of" in status.inner_text()

    page.reload(wait_until="load")
    assert _ticked(page)[:3] == [True, False, True]
    assert page.locator("time.pb-ticked").count() == 2
    # Another severity's checklist is another page: its boxes are its own.
    assert not any(_ticked(sized.open("checklists/p1.html")))

    page = sized.open("checklists/p0.html")
    page.locator(".pb-new-incident").click()
    assert not any(_ticked(page))
    assert page.locator("time.pb-ticked").count() == 0
    page.reload(wait_until="load")
    assert not any(_ticked(page))
    # A new incident started by mistake can be undone, until a box of it is ticked.
    page.locator(".pb-undo").click()
    assert _ticked(page)[:3] == [True, False, True]
    page.locator(".pb-new-incident").click()
    _tick(page, 1)
    assert page.locator(".pb-undo").is_hidden()


def test_a_matrix_cell_navigates_to_its_checklist(sized: Session) -> None:
    page = sized.open("matrix.html")
    book = default()
    cls = book.classification
    row = [r.id for r in reversed(cls.reach)].index("many")
    column = [i.id for i in cls.impact].index("high")
    cell = page.locator("table.pb-matrix tbody tr").nth(row).locator("td").nth(column)
    assert cell.inner_text().strip() == "P0"
    box = cell.bounding_box()
    assert box is not None and box["height"] >= 24, "a cell is a target a thumb can hit"
    cell.click(position={"x": 3, "y": 3})  # the corner of the cell, not its letters
    page.wait_for_url("**/checklists/p0.html")
    assert page.locator("h1").inner_text().startswith("P0")
    # The checklist names its severity, linked to the severity's definition.
    assert page.locator("article a[href$='severities.html#sev-p0']").count() == 1


def test_the_classify_form_answers_p0_for_high_and_many(sized: Session) -> None:
    page = sized.open("matrix.html")
    form = page.locator(".pb-classify")
    assert form.is_visible()
    assert page.locator(".pb-classify-answer:visible").count() == 0
    page.select_option('.pb-classify select[name="impact"]', "high")
    assert page.locator(".pb-classify-answer:visible").count() == 0
    page.select_option('.pb-classify select[name="reach"]', "many")
    answer = page.locator(".pb-classify-answer:visible")
    assert answer.count() == 1
    assert answer.get_attribute("data-severity") == "P0"
    page.select_option('.pb-classify select[name="reach"]', "few")
    assert page.locator(".pb-classify-answer:visible").get_attribute("data-severity") == "P2"
    page.select_option('.pb-classify select[name="reach"]', "many")
    page.locator(".pb-classify-answer:visible a[href$='checklists/p0.html']").click()
    page.wait_for_url("**/checklists/p0.html")


def _search(page: Any, query: str) -> list[str]:
    opener = page.locator('label.md-header__button[for="__search"]')  # a phone's search button
    if opener.is_visible():
        opener.click()
    field = page.locator("input.md-search__input")
    field.click()
    page.keyboard.type(query, delay=40)
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    links: list[str] = page.locator(".md-search-result__link").evaluate_all(
        "a => a.map(x => x.getAttribute('href'))"
    )
    return links


@pytest.mark.parametrize("query", ["api_error_rate", "alembic"])
def test_search_finds_identifiers_and_code(sized: Session, query: str) -> None:
    page = sized.open("index.html")
    links = _search(page, query)
    assert any("rollback.html" in link for link in links), links


def test_emoji_are_drawn_from_the_site_and_still_copied(sized: Session) -> None:
    page = sized.open("communication.html")
    glyph = page.locator("pre code .pb-emoji").first
    assert glyph.inner_text() == "🚨"
    painted = glyph.evaluate("g => getComputedStyle(g).backgroundImage")
    assert painted.startswith('url("data:image/svg+xml,')
    box = glyph.bounding_box()
    assert box is not None and box["width"] >= 10
    code = page.locator("pre code").filter(has=page.locator(".pb-emoji")).first
    assert code.evaluate("c => c.innerText").startswith("🚨 [")


def test_print_keeps_a_phase_together_and_names_the_playbook_on_every_page(desktop: Session) -> None:
    page = desktop.open("workflow.html")
    page.emulate_media(media="print")
    phases = page.locator(".pb-phase")
    assert phases.count() == len(default().workflow)
    assert set(phases.evaluate_all("ps => ps.map(p => getComputedStyle(p).breakInside)")) == {"avoid"}
    assert page.locator(".pb-classify, .pb-incident, .md-header").first.is_hidden()
    footer = page.evaluate(
        """() => [...document.styleSheets].flatMap(s => [...s.cssRules])
             .filter(r => r instanceof CSSPageRule).map(r => r.cssText).join("\\n")"""
    )
    book = default()
    assert "bottom-center" in footer and "counter(page)" in footer
    for part in ("Version", "Last Updated"):
        assert part in footer.encode().decode("unicode_escape") or part.replace(" ", "\\20 ") in footer
    assert book.version is not None
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "workflow-print.pdf").write_bytes(page.pdf(format="A4"))


def test_the_site_works_opened_from_disk(browser: Any, site_root: Path) -> None:
    session = Session(browser, site_root.as_uri() + "/", WIDTHS["phone"], HEIGHTS["phone"])
    page = session.open("checklists/p0.html")
    _tick(page, 0)
    page.reload(wait_until="load")
    assert _ticked(page)[0]
    page = session.open("matrix.html")
    page.select_option('.pb-classify select[name="impact"]', "high")
    page.select_option('.pb-classify select[name="reach"]', "many")
    assert page.locator(".pb-classify-answer:visible").get_attribute("data-severity") == "P0"
    assert any("rollback.html" in link for link in _search(page, "api_error_rate"))
    session.context.close()
    assert session.requests and all(url.startswith("file://") for url in session.requests), session.requests
    assert session.errors == []


def test_a_format_2_site_on_a_phone_and_its_classify_form_by_facets(
    browser: Any, gitlab_site: tuple[Path, str]
) -> None:
    root, url = gitlab_site
    session = Session(browser, url, WIDTHS["phone"], HEIGHTS["phone"])
    page = session.page
    broken: dict[str, list[str]] = {}
    wide: dict[str, int] = {}
    for path in _pages(root):
        session.open(path)
        words = page.evaluate(_BROKEN_WORDS)
        if words:
            broken[path] = words
        width = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if width > 0:
            wide[path] = width
    assert broken == {} and wide == {}

    page = session.open("classification.html")
    selects = page.locator(".pb-classify select")
    assert selects.count() == 7
    # The most severe of the facets chosen wins.
    selects.nth(1).select_option(index=1)  # users affected, with a workaround, 20% or more: S2
    assert page.locator(".pb-classify-answer:visible").get_attribute("data-severity") == "S2"
    selects.nth(0).select_option(index=1)  # users affected, no workaround, 20% or more: S1
    assert page.locator(".pb-classify-answer:visible").get_attribute("data-severity") == "S1"
    selects.nth(0).select_option(index=0)
    assert page.locator(".pb-classify-answer:visible").get_attribute("data-severity") == "S2"
    session.context.close()
    assert session.foreign_requests() == []
    assert session.errors == []
