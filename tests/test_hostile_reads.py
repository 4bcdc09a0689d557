"""Every read is bounded by the bytes actually read: devices, pipes and sockets are refused unopened."""

from __future__ import annotations

import io
import os
import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

import playbook
from playbook.cli import main
from playbook.files import NotAFile, TooLarge, read_bounded, read_stream
from playbook.loader import validate
from playbook.review.postmortem import check_report
from playbook.review.scenarios import run_scenarios


def test_a_character_device_is_refused_before_it_is_read() -> None:
    with pytest.raises(NotAFile, match="character device"):
        read_bounded(Path("/dev/zero"), 100)
    (problem,) = validate("/dev/zero").problems
    assert (problem.check, problem.line, problem.column) == ("io", 1, 1)
    assert "character device" in problem.message


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "playbook.yaml"
    os.mkfifo(fifo)
    done: list[object] = []
    reader = threading.Thread(target=lambda: done.append(validate(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert done, "reading a named pipe blocked"
    (problem,) = done[0].problems  # type: ignore[attr-defined]
    assert problem.check == "io" and "named pipe" in problem.message


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        with pytest.raises(NotAFile, match="socket"):
            read_bounded(path, 100)
    finally:
        server.close()


def test_a_file_that_grows_past_its_size_is_cut_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * 101)
    with pytest.raises(TooLarge, match="101 bytes"):
        read_bounded(path, 100)
    assert read_bounded(path, 101) == b"x" * 101


def test_a_stream_is_read_with_the_same_cap() -> None:
    with pytest.raises(TooLarge, match="more than 10 bytes"):
        read_stream(io.BytesIO(b"y" * 1000), 10)
    assert read_stream(io.BytesIO(b"abc"), 10) == b"abc"


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "/dev/zero"],
        ["classify", "-p", "/dev/zero", "high", "many"],
        ["checklist", "-p", "/dev/zero", "P0"],
        ["postmortem", "check", "/dev/zero"],
    ],
    ids=["validate", "classify", "checklist", "postmortem-check"],
)
def test_commands_refuse_a_device_with_exit_1(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    assert "character device" in result.output


def test_a_scenario_file_naming_a_device_as_its_playbook(tmp_path: Path) -> None:
    scenarios = tmp_path / "s.yaml"
    scenarios.write_text(
        "playbook: /dev/zero\nscenarios:\n  - name: x\n    classify: {impact: high, reach: many}\n"
        "    expect: {severity: P0}\n",
        encoding="utf-8",
    )
    outcome = run_scenarios(scenarios)
    assert any("character device" in p.message for p in outcome.problems)


def test_a_postmortem_report_that_is_a_device() -> None:
    (problem,) = check_report(playbook.default(), Path("/dev/zero"))
    assert problem.severity == "error" and "character device" in problem.message
