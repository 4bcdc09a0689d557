"""A new user, end to end: the wheel in a fresh virtual environment, a repository of their own.

Builds the wheel, installs it with its docs extra into a new venv, and in a
new git repository runs `playbook init`, edits and breaks the playbook,
builds the site and opens it in Chromium over HTTP and from disk, runs the
pre-commit hook through `pre-commit try-repo`, and runs `playbook` where no
playbook is to be found. Marked slow: it installs from the package index.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Material draws Mermaid inside a closed shadow root; opened in the test browser only.
OPEN_SHADOW_ROOTS = """
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (options) {
    return attach.call(this, { ...options, mode: "open" });
  };
})();
"""
pytestmark = pytest.mark.slow


def run(
    *args: str | Path, cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if check and done.returncode != 0:
        pytest.fail(f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
    return done


def listing(root: Path) -> set[str]:
    return {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file()
        and ".git" not in p.relative_to(root).parts
        and "build" not in p.relative_to(root).parts
    }


@pytest.fixture(scope="module")
def user(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    base = tmp_path_factory.mktemp("new-user")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VIRTUAL_ENV", "PYTHON"))}
    env |= {"GIT_AUTHOR_NAME": "U", "GIT_AUTHOR_EMAIL": "u@example.invalid", "NO_COLOR": "1"}
    env |= {"GIT_COMMITTER_NAME": "U", "GIT_COMMITTER_EMAIL": "u@example.invalid"}
    wheels = base / "wheels"
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheels, REPO, cwd=base, env=env)
    (wheel,) = wheels.glob("playbook_as_code-*.whl")
    venv = base / "venv"
    run(sys.executable, "-m", "venv", venv, cwd=base, env=env)
    run(venv / "bin" / "pip", "install", "-q", f"{wheel}[docs]", cwd=base, env=env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env['PATH']}"
    repo = base / "our-service"
    repo.mkdir()
    run("git", "init", "-q", cwd=repo, env=env)
    yield {"env": env, "repo": repo, "venv": venv, "base": base}


def test_init_validate_break_and_fix(user: dict[str, Any]) -> None:
    repo, env = user["repo"], user["env"]
    made = run("playbook", "init", cwd=repo, env=env)
    assert "playbook.yaml: written" in made.stdout
    checked = run("playbook", "validate", cwd=repo, env=env)
    assert "valid" in checked.stdout
    playbook = repo / "playbook.yaml"
    text = playbook.read_text("utf-8")
    playbook.write_text(
        text.replace("name: Our incident response playbook", "name: Payments on-call"), "utf-8"
    )
    run("playbook", "validate", cwd=repo, env=env)
    # The command checks the user's own playbook, found from here, not the packaged example.
    report = json.loads(run("playbook", "validate", "--format", "json", cwd=repo, env=env).stdout)
    assert report["valid"] is True
    assert [Path(f).name for f in report["files"]] == ["playbook.yaml"]
    broken = playbook.read_text("utf-8").replace("respond_within: 15m", "respond_within: 15", 1)
    assert broken != playbook.read_text("utf-8")
    playbook.write_text(broken, "utf-8")
    failed = run("playbook", "validate", cwd=repo, env=env, check=False)
    assert failed.returncode == 1
    line = next(
        n
        for n, row in enumerate(broken.splitlines(), 1)
        if "respond_within: 15" in row.split("#")[0] and row.split("#")[0].rstrip().endswith("15")
    )
    assert f"playbook.yaml:{line}:" in failed.stdout, failed.stdout
    assert "Traceback" not in failed.stdout + failed.stderr
    playbook.write_text(broken.replace("respond_within: 15\n", "respond_within: 15m\n", 1), "utf-8")
    run("playbook", "validate", cwd=repo, env=env)


def test_build_and_open_the_site(user: dict[str, Any]) -> None:
    repo, env = user["repo"], user["env"]
    if not (repo / "playbook.yaml").exists():
        run("playbook", "init", cwd=repo, env=env)
    before = listing(repo)
    built = run("playbook", "build", cwd=repo, env=env)
    assert "site built: build/site/index.html" in built.stdout
    assert listing(repo) == before, "the build wrote outside its output folder"
    site = repo / "build" / "site"
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not at /usr/bin/chromium (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origins = {"http": f"http://127.0.0.1:{server.server_address[1]}/", "file": site.as_uri() + "/"}
    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
            for kind, origin in origins.items():
                context = browser.new_context(service_workers="block")
                context.add_init_script(OPEN_SHADOW_ROOTS)
                requests: list[str] = []
                context.on("request", lambda r, seen=requests: seen.append(r.url))
                page = context.new_page()
                page.goto(origin + "workflow.html", wait_until="load")
                page.wait_for_selector(".mermaid svg", timeout=20_000)
                page.goto(origin + "index.html", wait_until="load")
                page.locator("label.md-search__icon, .md-search__input").first.click()
                page.locator("input.md-search__input").fill("respond")
                page.keyboard.press("End")
                page.locator(".md-search-result__item").first.wait_for(timeout=20_000)
                assert page.locator(".md-search-result__item").count() > 0, kind
                foreign = [u for u in requests if not u.startswith(origin) and not u.startswith("data:")]
                assert foreign == [], (kind, foreign)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_pre_commit_hook_on_a_good_and_a_broken_commit(user: dict[str, Any]) -> None:
    repo, env = user["repo"], user["env"]
    if not (repo / "playbook.yaml").exists():
        run("playbook", "init", cwd=repo, env=env)
    hook_env = {**env, "PRE_COMMIT_HOME": str(user["base"] / "pre-commit-cache")}
    run("git", "add", "-A", cwd=repo, env=hook_env)
    good = run(sys.executable, "-m", "pre_commit", "try-repo", REPO, "playbook-validate", "--all-files",
               cwd=repo, env=hook_env, check=False)  # fmt: skip
    assert good.returncode == 0, good.stdout + good.stderr
    playbook = repo / "playbook.yaml"
    text = playbook.read_text("utf-8")
    playbook.write_text(text.replace("respond_within: 15m", "respond_within: soon", 1), "utf-8")
    run("git", "add", "-A", cwd=repo, env=hook_env)
    bad = run(sys.executable, "-m", "pre_commit", "try-repo", REPO, "playbook-validate", "--all-files",
              cwd=repo, env=hook_env, check=False)  # fmt: skip
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "playbook.yaml:" in bad.stdout and "invalid-value" in bad.stdout
    playbook.write_text(text, "utf-8")


def test_no_playbook_anywhere_is_a_usage_error(user: dict[str, Any]) -> None:
    empty = user["base"] / "elsewhere"
    empty.mkdir(exist_ok=True)
    run("git", "init", "-q", cwd=empty, env=user["env"])
    done = run("playbook", "validate", cwd=empty, env=user["env"], check=False)
    assert done.returncode == 2
    assert "playbook init" in done.stderr and "-p" in done.stderr
    assert "Traceback" not in done.stderr
    shutil.rmtree(empty)
