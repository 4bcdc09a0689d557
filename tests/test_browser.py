"""The built site in a real browser: Debian's Chromium, driven by Playwright, offline.

The site is served from 127.0.0.1 by a thread of this process; every request the
browser makes is recorded and must go to that server. Screenshots of the home
page, the matrix and the P0 checklist, at desktop and phone widths, are saved
to test-artifacts/ (ignored by git).
"""

from __future__ import annotations

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
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
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

    def __init__(self, browser: Any, base_url: str, width: int) -> None:
        self.base_url = base_url
        self.context = browser.new_context(viewport={"width": width, "height": 900}, service_workers="block")
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
        session = Session(browser, base_url, width)
        for name, path in (
            ("home", "index.html"),
            ("matrix", "matrix.html"),
            ("p0-checklist", "checklists/p0.html"),
        ):
            page = session.open(path)
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
