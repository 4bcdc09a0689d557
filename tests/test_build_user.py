"""playbook build in a project of one's own: nothing but the playbook, and nothing written but the output."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SMALL_PLAYBOOK

from playbook.cli import main


def files_under(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "playbook.yaml").write_text(SMALL_PLAYBOOK, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_build_needs_nothing_but_the_playbook(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "-p", "ops/playbook.yaml"])
    assert result.exit_code == 0, result.output
    out = project / "build" / "site"
    assert files_under(project) - {f"build/site/{p}" for p in files_under(out)} == {"ops/playbook.yaml"}
    built = files_under(out)
    assert {"index.html", "search/search_index.js", "assets/vendor/mermaid.min.js"} <= built
    assert "assets/vendor/iframe-worker.shim.js" in built
    html = (out / "workflow.html").read_text("utf-8")
    assert "unpkg.com" not in html and "assets/vendor/iframe-worker.shim.js" in html


def test_an_invalid_playbook_writes_nothing(project: Path) -> None:
    (project / "ops" / "playbook.yaml").write_text(
        SMALL_PLAYBOOK.replace("respond_within: 15m", "respond_within: 15")
    )
    result = CliRunner().invoke(main, ["build", "-p", "ops/playbook.yaml"])
    assert result.exit_code == 1
    assert "ops/playbook.yaml:" in result.output
    assert files_under(project) == {"ops/playbook.yaml"}


def test_an_output_folder_of_someone_elses_is_refused(project: Path) -> None:
    (project / "public").mkdir()
    (project / "public" / "notes.txt").write_text("mine\n", "utf-8")
    result = CliRunner().invoke(main, ["build", "-p", "ops/playbook.yaml", "--output", "public"])
    assert result.exit_code == 1
    assert "did not write" in result.output
    assert files_under(project / "public") == {"notes.txt"}
    assert CliRunner().invoke(main, ["build", "-p", "ops/playbook.yaml", "-o", "site-out"]).exit_code == 0
    assert CliRunner().invoke(main, ["build", "-p", "ops/playbook.yaml", "-o", "site-out"]).exit_code == 0


def test_the_projects_own_mkdocs_settings_apply(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        "site_url: https://runbooks.example.org/\ncopyright: Example Ops\nplugins: [tags]\n"
        "extra_css: [own.css]\nextra_javascript: [own.js]\n",
        "utf-8",
    )
    result = CliRunner().invoke(main, ["build", "-p", "ops/playbook.yaml"])
    assert result.exit_code == 0, result.output
    assert "left to the generated configuration: plugins" in result.output
    html = (project / "build" / "site" / "index.html").read_text("utf-8")
    assert "Example Ops" in html and "own.css" in html and "assets/playbook.css" in html
    # The site's own script stays, before the project's.
    assert html.index('src="assets/playbook.js"') < html.index('src="own.js"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def test_serve_previews_and_follows_the_playbook(project: Path) -> None:
    port = free_port()
    scratch = project.parent / "scratch"
    scratch.mkdir()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "playbook",
            "build",
            "-p",
            "ops/playbook.yaml",
            "--serve",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        env={**os.environ, "TMPDIR": str(scratch)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/index.html"
    try:
        deadline, page = time.monotonic() + 90, ""
        while time.monotonic() < deadline and "Small" not in page:
            try:
                page = fetch(url)
            except OSError:
                time.sleep(0.3)
        assert "Small" in page, "the preview never answered"
        playbook = project / "ops" / "playbook.yaml"
        playbook.write_text(SMALL_PLAYBOOK.replace("name: Small", "name: Renamed"), "utf-8")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Renamed" not in page:
            time.sleep(0.5)
            try:
                page = fetch(url)
            except OSError:
                continue
        assert "Renamed" in page, "the preview did not follow the playbook"
        assert not (project / "build").exists(), "a preview writes no site"
    finally:
        server.send_signal(signal.SIGTERM)  # as `timeout` or a container stopping does
        try:
            server.wait(timeout=30)
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGKILL)
    time.sleep(1)
    assert list(scratch.iterdir()) == [], "stopping the preview left temporary folders"
    shutil.rmtree(project / "ops")
