"""Conventions every command keeps: short options, --format auto, -q, colour, '-' for standard input."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from playbook.cli import main

REPO = Path(__file__).resolve().parent.parent
BAD = "format: 1\nname: x\nseverities: []\n"


def run(*args: str, stdin: str | None = None, color: bool = False) -> Result:
    return CliRunner().invoke(main, list(args), input=stdin, color=color)


def commands(group: click.Group = main, prefix: str = "") -> Iterator[tuple[str, click.Command]]:
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from commands(command, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", command


def test_a_short_option_means_one_thing_everywhere() -> None:
    meaning: dict[str, set[str]] = {}
    for _, command in commands():
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if not o.startswith("--")):
                meaning.setdefault(short, set()).add(longs[0])
    clashes = {short: longs for short, longs in meaning.items() if len(longs) > 1}
    assert clashes == {}
    assert meaning["-f"] == {"--format"}
    assert meaning["-o"] == {"--output"}
    assert meaning["-p"] == {"--playbook"}


def test_build_takes_its_configuration_as_config_only() -> None:
    build = main.commands["build"]
    [config] = [p for p in build.params if p.name == "config"]
    assert config.opts == ["--config"]


def test_format_auto_is_github_on_github_actions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert run("validate", str(bad)).output.startswith("::error file=")
    assert run("validate", str(bad), "-f", "auto").output.startswith("::error file=")
    assert run("validate", str(bad), "-f", "text").output.startswith(f"{bad}:")
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert run("validate", str(bad)).output.startswith(f"{bad}:")
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert run("validate", str(bad), "--format", "auto").output.startswith(f"{bad}:")


def test_quiet_prints_the_problems_only(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD, encoding="utf-8")
    loud = run("validate", str(bad))
    quiet = run("validate", str(bad), "-q")
    assert quiet.exit_code == loud.exit_code == 1
    assert quiet.output == "".join(loud.output.splitlines(keepends=True)[:-1])
    assert "checked" not in quiet.output
    assert run("validate", "--example", "clarity", "--quiet").output == ""
    assert run("validate", "--example", "clarity", "--quiet").exit_code == 0
    github = run("validate", str(bad), "-q", "-f", "github").output
    assert github and all(line.startswith("::") for line in github.splitlines())
    scenarios = run("test", str(REPO / "scenarios" / "clarity.yaml"), "-q")
    assert (scenarios.exit_code, scenarios.output) == (0, "")


def test_text_problems_are_coloured_on_a_terminal_unless_no_color(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD + "roles:\n  - {id: x, name: X}\n", encoding="utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    coloured = run("validate", str(bad), color=True).output
    assert click.style("error", fg="red", bold=True) + "[" in coloured
    plain = run("validate", str(bad)).output  # not a terminal
    assert "\x1b[" not in plain
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("validate", str(bad), color=True).output
    json_out = run("validate", str(bad), "-f", "json", color=True).output
    assert "\x1b[" not in json_out


def test_a_warning_is_yellow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from playbook.cli.emit import _coloured

    monkeypatch.delenv("NO_COLOR", raising=False)
    line = "a.yaml:1:2: warning[x]: y\n"
    assert _coloured(line) == "a.yaml:1:2: " + click.style("warning", fg="yellow") + "[x]: y\n"


def test_dash_reads_standard_input_for_validate_and_the_playbook_option() -> None:
    clarity = (REPO / "playbook" / "data" / "clarity.yaml").read_text(encoding="utf-8")
    assert run("validate", "-", stdin=clarity).output == "1 file checked: valid\n"
    assert run("classify", "high", "many", "-p", "-", stdin=clarity).output.startswith("P0")
    bad = run("validate", "-", stdin=BAD)
    assert bad.exit_code == 1 and bad.output.startswith("<stdin>:")


def test_makefile_says_what_its_setup_does() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    rule = makefile.split("$(BIN)/playbook: pyproject.toml\n", 1)[1].split("\n\n", 1)[0]
    assert rule.count("@echo") >= 2
    assert all("--quiet" in line for line in rule.splitlines() if "pip install" in line)
