"""``playbook export``: the files it writes, where it refuses to write, and ``export --check``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from playbook.cli import main
from playbook.loader import default_path

REPO = Path(__file__).resolve().parent.parent
COMMITTED = {
    "prometheus": REPO / "alerts" / "prometheus.rules.yml",
    "alertmanager": REPO / "alerts" / "alertmanager.yml",
}
SITE = "https://clarity.example/playbook/"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_the_committed_exports_of_the_default_playbook_are_current(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = run("export", "--check")
    assert result.exit_code == 0, result.output
    assert result.stdout == "alerts/prometheus.rules.yml: up to date\nalerts/alertmanager.yml: up to date\n"


def test_prometheus_to_standard_output_is_the_committed_file() -> None:
    result = run("export", "prometheus", "--example", "clarity", "--site-url", SITE)
    assert result.exit_code == 0, result.output
    assert result.stdout == COMMITTED["prometheus"].read_text(encoding="utf-8")
    assert (
        "not exported: signal quick_fix_available has no promql expression (RollbackQuickFix)"
        in result.stderr
    )


def test_alertmanager_to_a_file_in_a_new_folder(tmp_path: Path) -> None:
    output = tmp_path / "alerts" / "alertmanager.yml"
    result = run("export", "alertmanager", "--example", "clarity", "-o", str(output))
    assert result.exit_code == 0, result.output
    assert result.stderr == f"{output}: written\n"
    assert output.read_text(encoding="utf-8") == COMMITTED["alertmanager"].read_text(encoding="utf-8")
    assert [p.name for p in output.parent.iterdir()] == ["alertmanager.yml"]  # no temporary file left
    output.chmod(0o640)
    again = run("export", "alertmanager", "--example", "clarity", "-o", str(output))
    assert again.exit_code == 0 and again.stderr == f"{output}: up to date\n"
    output.write_text("old\n", encoding="utf-8")
    assert run("export", "alertmanager", "--example", "clarity", "-o", str(output)).exit_code == 0
    assert output.stat().st_mode & 0o777 == 0o640  # a file written over keeps its permissions


def test_the_playbook_can_come_from_standard_input() -> None:
    text = default_path().read_text(encoding="utf-8")
    result = run("export", "prometheus", "-p", "-", "--site-url", SITE, stdin=text)
    assert result.exit_code == 0, result.output
    assert result.stdout == COMMITTED["prometheus"].read_text(encoding="utf-8")


# --- --check ---------------------------------------------------------------------------------


def check(tmp_path: Path, kind: str, text: str | None, *more: str) -> Result:
    path = tmp_path / f"{kind}.yml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    return run("export", "--check", f"--{kind}", str(path), "--example", "clarity", *more)


@pytest.mark.parametrize("kind", ["prometheus", "alertmanager"])
def test_check_passes_on_a_current_copy_and_reports_an_edited_one(kind: str, tmp_path: Path) -> None:
    committed = COMMITTED[kind].read_text(encoding="utf-8")
    assert check(tmp_path, kind, committed).exit_code == 0
    edited = (
        committed.replace("Slack", "Discord")
        if kind == "alertmanager"
        else committed.replace("> 0.1", "> 0.2")
    )
    assert edited != committed
    result = check(tmp_path, kind, edited)
    assert result.exit_code == 1
    flag = f" --site-url {SITE}" if kind == "prometheus" else ""
    path = tmp_path / f"{kind}.yml"
    assert result.stdout == f"{path}: stale; run `playbook export {kind}{flag} -o {path}` and commit it\n"
    assert (tmp_path / f"{kind}.yml").read_text(encoding="utf-8") == edited  # --check never writes


def test_check_reports_a_missing_a_foreign_and_a_mismatched_file(tmp_path: Path) -> None:
    missing = check(tmp_path, "prometheus", None)
    assert missing.exit_code == 1 and "missing; run `playbook export prometheus -o" in missing.stdout
    foreign = check(tmp_path, "prometheus", "groups: []\n")
    assert foreign.exit_code == 1 and "not written by `playbook export prometheus`" in foreign.stdout
    swapped = check(tmp_path, "prometheus", COMMITTED["alertmanager"].read_text(encoding="utf-8"))
    assert swapped.exit_code == 1
    assert (
        "written by `playbook export alertmanager`, not prometheus; check it with --alertmanager"
        in swapped.stdout
    )
    (tmp_path / "alertmanager.yml").write_bytes(b"\xff\xfe\x00")
    binary = run(
        "export", "--check", "--alertmanager", str(tmp_path / "alertmanager.yml"), "--example", "clarity"
    )
    assert binary.exit_code == 1 and "not an export the check can read" in binary.stdout


def test_check_reports_in_every_format(tmp_path: Path) -> None:
    result = check(tmp_path, "prometheus", "x\n", "--format", "json")
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and report["valid"] is False
    assert report["problems"][0]["check"] == "stale" and report["problems"][0]["line"] == 1
    github = check(tmp_path, "prometheus", "x\n", "--format", "github")
    assert github.stdout.startswith(f"::error file={tmp_path / 'prometheus.yml'},line=1,col=1,title=stale::")


# --- what it refuses -------------------------------------------------------------------------


def test_an_invalid_playbook_is_reported_and_nothing_is_written(tmp_path: Path) -> None:
    playbook = tmp_path / "playbook.yaml"
    text = default_path().read_text(encoding="utf-8").replace("    scale: ratio\n", "", 1)
    playbook.write_text(text, encoding="utf-8")
    output = tmp_path / "rules.yml"
    result = run("export", "prometheus", "-p", str(playbook), "-o", str(output))
    assert result.exit_code == 1
    line = text.splitlines().index("  - id: api_error_rate") + 1
    assert (
        f"{playbook}:{line}:5: error[invalid-value]: a metric in % with a promql expression needs 'scale'"
        in result.stderr
    )
    assert not output.exists()


def test_a_bad_expression_is_reported_at_its_line(tmp_path: Path) -> None:
    playbook = tmp_path / "playbook.yaml"
    text = (
        default_path()
        .read_text(encoding="utf-8")
        .replace("promql: max(db_pool_connections_in_use", "promql: max((db_pool_connections_in_use", 1)
    )
    playbook.write_text(text, encoding="utf-8")
    result = run("export", "prometheus", "-p", str(playbook))
    assert result.exit_code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "max((db_pool" in t)
    message = "not a Prometheus expression: '(' at character 4 is never closed"
    assert f"{playbook}:{line}:13: error[invalid-value]: {message}" in result.stderr
    assert "Traceback" not in result.output


def test_a_rule_the_export_cannot_express_is_an_error_at_its_line(tmp_path: Path) -> None:
    playbook = tmp_path / "playbook.yaml"
    text = (
        default_path()
        .read_text(encoding="utf-8")
        .replace("metric: p95_latency, above: 5s", "metric: p95_latency, above: 5%")
    )
    text += "checks:\n  metric-units: off\n"
    playbook.write_text(text, encoding="utf-8")
    output = tmp_path / "rules.yml"
    result = run("export", "prometheus", "-p", str(playbook), "-o", str(output))
    assert result.exit_code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "p95_latency, above: 5%" in t)
    column = text.splitlines()[line - 1].index("5%") + 1
    assert result.stderr.splitlines() == [
        f"{playbook}:{line}:{column}: error[export]: rule RollbackLatencyDegraded cannot be exported: "
        "5% is a percentage, but the metric is a time (s): no alert can compare them",
        f"{playbook}: not exported; every rule must be expressible",
    ]
    assert not output.exists()
    assert run("export", "alertmanager", "-p", str(playbook)).exit_code == 0


@pytest.mark.parametrize(
    "url",
    [
        "clarity.example",
        "ftp://x/",
        "https://",
        "https://x/?q=1",
        "https://x/#top",
        "https://x/a b",
        "https://x/\x1b[31m",
    ],
)
def test_a_site_address_that_is_not_one_is_a_usage_error(url: str) -> None:
    result = run("export", "prometheus", "--example", "clarity", "--site-url", url)
    assert result.exit_code == 2
    assert "is not a site's address" in result.stderr
    assert "\x1b" not in result.stderr


def test_output_into_a_folder_through_a_link_or_under_a_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    result = run("export", "alertmanager", "--example", "clarity", "-o", str(folder))
    assert result.exit_code == 2 and "a folder; name the file to write" in result.stderr
    target = tmp_path / "elsewhere.yml"
    target.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.yml"
    link.symlink_to(target)
    result = run("export", "alertmanager", "--example", "clarity", "-o", str(link))
    assert result.exit_code == 2 and "a symbolic link" in result.stderr
    assert target.read_text(encoding="utf-8") == "mine\n"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for special in (fifo, Path(os.devnull)):
        result = run("export", "alertmanager", "--example", "clarity", "-o", str(special))
        assert result.exit_code == 2 and f"{special}: not a regular file" in result.stderr
    assert fifo.is_fifo() and Path(os.devnull).is_char_device()
    under_a_file = target / "rules.yml"
    result = run("export", "alertmanager", "--example", "clarity", "-o", str(under_a_file))
    assert result.exit_code == 2 and f"{target} is not a folder" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_into_a_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("export", "alertmanager", "--example", "clarity", "-o", str(folder / "a.yml"))
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 2 and "Permission denied" in result.stderr


def test_usage_errors() -> None:
    assert run("export").exit_code == 2
    mixed = run("export", "--check", "prometheus")
    assert mixed.exit_code == 2 and "--check and its options go without a command" in mixed.stderr
    alone = run("export", "--prometheus", "x.yml")
    assert alone.exit_code == 2 and "go with --check" in alone.stderr
