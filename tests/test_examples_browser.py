"""Each published example's site in a browser: every page fits a phone and a laptop, and stays at home."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from playbook.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (REPO / "examples").iterdir() if p.is_dir())
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not at /usr/bin/chromium"),
]


@pytest.fixture(params=EXAMPLES, ids=[p.name for p in EXAMPLES])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, Path, str]]:
    example: Path = request.param
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["build", "-p", str(example / "playbook.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", out, example.name
    finally:
        server.shutdown()
        server.server_close()


def test_every_page_fits_and_makes_no_outside_request(served: tuple[str, Path, str]) -> None:
    from playwright.sync_api import sync_playwright

    base, out, name = served
    pages = sorted(
        str(p.relative_to(out))
        for p in out.rglob("*.html")
        if p.name != "404.html" and "assets" not in p.parts
    )
    assert len(pages) >= 10
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        requests: list[str] = []
        try:
            for width, height in ((390, 844), (1280, 900)):
                session = browser.new_context(
                    viewport={"width": width, "height": height}, service_workers="block"
                )
                session.on("request", lambda request: requests.append(request.url))
                page = session.new_page()
                too_wide = []
                for path in pages:
                    page.goto(base + path, wait_until="load")
                    if page.evaluate("document.documentElement.scrollWidth - innerWidth") > 0:
                        too_wide.append(path)
                assert too_wide == [], f"{name} at {width}px scrolls sideways: {too_wide}"
                page.goto(base + "severities.html", wait_until="load")
                page.screenshot(
                    path=str(ARTIFACTS / f"example-{name}-severities-{width}.png"), full_page=True
                )
                session.close()
        finally:
            browser.close()
    outside = [url for url in requests if not (url.startswith(base) or url.startswith("data:"))]
    assert outside == []
