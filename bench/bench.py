"""Benchmarks of what users do, each a ratio to a baseline measured in the same run.

Run with ``make bench``, which installs the ``bench`` extra (check-jsonschema and
yamllint) and writes BENCHMARKS.md. Every figure is the median of interleaved
runs of CPU time (this process's for calls, the children's for commands), with
its minimum and maximum; the order of the two sides alternates from round to
round, so a busy moment falls on both. Absolute times are for reference only:
the ratio is the figure. The tests never assert times.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import inputs
import yaml

import playbook

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def cpu() -> float:
    """CPU time of this process, in seconds."""
    return time.process_time()


def children() -> float:
    """CPU time of the finished child processes (and theirs), in seconds."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def interleave(
    sides: Mapping[str, Callable[[], object]],
    rounds: int,
    clock: Callable[[], float] = cpu,
    *,
    warm: bool = True,
) -> dict[str, list[float]]:
    """Run each side once to warm up (unless ``warm`` is false), then ``rounds`` times in rotating order."""
    if warm:
        for run in sides.values():
            run()
    times: dict[str, list[float]] = {name: [] for name in sides}
    names = list(sides)
    for k in range(rounds):
        for name in names[k % len(names) :] + names[: k % len(names)]:
            start = clock()
            sides[name]()
            times[name].append(clock() - start)
    return times


@dataclass
class Row:
    """One line of the table: a measure against its baseline, each a list of times per unit."""

    name: str
    measured: list[float]
    baseline_name: str
    baseline: list[float]
    target: str = ""

    @property
    def ratio(self) -> float:
        return statistics.median(self.measured) / statistics.median(self.baseline)


def shown(seconds: float) -> str:
    """A time with a unit that keeps three significant digits or so."""
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def spread(times: list[float]) -> str:
    return f"{shown(statistics.median(times))} ({shown(min(times))}–{shown(max(times))})"


def per_call(times: list[float], n: int) -> list[float]:
    return [t / n for t in times]


# What API users write ----------------------------------------------------------------------

_TABLE: dict[tuple[str, str], object] = {}
_FOLDED: dict[tuple[str, str], object] = {}
_RANK: dict[object, int] = {}


def api_rows(rounds: int) -> list[Row]:
    book = playbook.default()
    levels = book.classification
    for reach, row in levels.matrix.items():
        for impact, severity_id in row.items():
            severity = book.severity(severity_id)
            _TABLE[impact, reach] = severity
            for i in (impact, next(x.name for x in levels.impact if x.id == impact)):
                for r in (reach, next(x.name for x in levels.reach if x.id == reach)):
                    _TABLE[i, r] = severity
                    _FOLDED[i.casefold(), r.casefold()] = severity
    _RANK.update({s: n for n, s in enumerate(book.severities)})
    n = 100_000

    def users(impact: Any, reach: str) -> Callable[[], None]:
        def run() -> None:
            for _ in range(n):
                playbook.classify(impact, reach)

        return run

    def lookup(impact: str, reach: str) -> Callable[[], None]:
        def run() -> None:
            for _ in range(n):
                _TABLE[impact, reach]

        return run

    def folded(impact: str, reach: str) -> Callable[[], None]:
        def run() -> None:
            for _ in range(n):
                _FOLDED[impact.casefold(), reach.casefold()]

        return run

    def doubt(impacts: list[str], reach: str) -> Callable[[], None]:
        def run() -> None:
            for _ in range(n):
                min((_TABLE[i, reach] for i in impacts), key=_RANK.__getitem__)

        return run

    rows = []
    cases: list[tuple[str, Callable[[], None], str, Callable[[], None], str]] = [
        (
            '`playbook.classify("high", "many")` in a loop',
            users("high", "many"),
            "dict lookup",
            lookup("high", "many"),
            "≤ 2",
        ),
        (
            '`playbook.classify("High Impact", "Many Users")` (names)',
            users("High Impact", "Many Users"),
            "dict lookup",
            lookup("High Impact", "Many Users"),
            "≤ 2",
        ),
        (
            '`playbook.classify("HIGH", "MANY")` (upper case)',
            users("HIGH", "MANY"),
            "casefold lookup",
            folded("HIGH", "MANY"),
            "≤ 3",
        ),
        (
            '`playbook.classify("HIGH IMPACT", "MANY USERS")`',
            users("HIGH IMPACT", "MANY USERS"),
            "casefold lookup",
            folded("HIGH IMPACT", "MANY USERS"),
            "≤ 3",
        ),
        (
            '`playbook.classify(["medium", "high"], "some")` (unsure)',
            users(["medium", "high"], "some"),
            "min over a dict",
            doubt(["medium", "high"], "some"),
            "",
        ),
    ]
    for name, measure, base_name, base, target in cases:
        times = interleave({"m": measure, "b": base}, rounds)
        rows.append(Row(name, per_call(times["m"], n), base_name, per_call(times["b"], n), target))
    return rows


def answer_rows(rounds: int) -> list[Row]:
    start = datetime.fromisoformat("2026-01-01T10:00+08:00")
    now = datetime.fromisoformat("2026-01-01T10:30+08:00")
    fields = {"progress": "已回滚", "next_step": "观察 30 分钟", "eta": "11:00"}
    body = next(t for t in playbook.default().communication.templates if t.id == "status-update").body
    n = 2000
    cases: list[tuple[str, Callable[[], Any], Callable[[], Any] | None]] = [
        ('`playbook.checklist("P0")`', lambda: playbook.checklist("P0"), None),
        ('`playbook.timeline("P1", start)`', lambda: playbook.timeline("P1", start), None),
        (
            "`playbook.decide_rollback(…)`",
            lambda: playbook.decide_rollback({"api_error_rate": ("12%", "6m")}, signals=["login_down"]),
            None,
        ),
        (
            '`playbook.render_message("status-update", …)`',
            lambda: playbook.render_message("status-update", now=now, **fields),
            lambda: body.format_map({"time": "10:30", **fields}),
        ),
    ]
    rows = []
    for name, call, base in cases:
        answer = call()
        serialise = base or (lambda answer=answer: json.dumps(answer.to_dict(), ensure_ascii=False))

        def measure(call: Callable[[], Any] = call) -> None:
            for _ in range(n):
                call()

        def baseline(serialise: Callable[[], Any] = serialise) -> None:
            for _ in range(n):
                serialise()

        times = interleave({"m": measure, "b": baseline}, rounds)
        base_name = "`str.format_map` of the template" if base else "`json.dumps` of its `to_dict()`"
        rows.append(Row(name, per_call(times["m"], n), base_name, per_call(times["b"], n)))
    return rows


# Commands ------------------------------------------------------------------------------------

ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"} | {"NO_MKDOCS_2_WARNING": "1"}


def command(*argv: str | Path, cwd: Path) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([str(a) for a in argv], cwd=cwd, env=ENV, capture_output=True, check=False)

    return run


def tool(name: str) -> Path | None:
    found = BIN / name
    return found if found.exists() else None


def command_rows(rounds: int, build_rounds: int, work: Path) -> list[Row]:
    target = playbook.default_path()
    schema = ROOT / "schema" / "playbook.schema.json"
    empty = work / "cwd"
    empty.mkdir()
    # `python -m playbook` is the `playbook` program, whichever version PYTHONPATH picks.
    pb = (sys.executable, "-m", "playbook")
    sides = {"validate": command(*pb, "validate", target, cwd=empty)}
    others = {
        "check-jsonschema": ("check-jsonschema", "--schemafile", schema, target),
        "yamllint": ("yamllint", target),
    }
    for name, (exe, *args) in others.items():
        found = tool(exe)
        if found is not None:
            sides[name] = command(found, *args, cwd=empty)
    times = interleave(sides, rounds, children)
    rows = [
        Row(
            f"`playbook validate` process vs `{name}`",
            times["validate"],
            f"`{name}` on the same file",
            times[name],
            "≤ 0.5" if name == "check-jsonschema" else "≤ 1.2",
        )
        for name in others
        if name in times
    ]
    if len(rows) < len(others):
        print("check-jsonschema or yamllint missing: install the bench extra", file=sys.stderr)
    pages = work / "pages"
    import playbook.site as generator
    from playbook.schema import schema_text

    for path, text in generator.render(playbook.default(), schema=schema_text()).items():
        (pages / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (pages / "docs" / path).write_text(text, encoding="utf-8")
    config = {"INHERIT": f"docs/{generator.NAV_FILE}", "docs_dir": "docs", "site_dir": str(work / "mkdocs")}
    (pages / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build = {
        "playbook build": command(*pb, "build", "-p", target, "-o", work / "built", cwd=empty),
        "mkdocs build": command(
            sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", pages / "mkdocs.yml", cwd=pages
        ),
    }
    times = interleave(build, build_rounds, children)
    rows.append(
        Row(
            "`playbook build`",
            times["playbook build"],
            "`mkdocs build` of the same pages, stock jieba dictionary",
            times["mkdocs build"],
            "≤ 1.0",
        )
    )
    return rows


# Reading and checking ------------------------------------------------------------------------


def load_rows(work: Path) -> list[Row]:
    from playbook import loader

    factor, largest = inputs.largest_factor()
    rows = []
    medians: dict[int, float] = {}
    for size, rounds in ((1, 15), (10, 7), (100, 5)):
        text = inputs.scaled(size)
        path = written(work / f"x{size}.yaml", text)
        times = interleave(
            {"m": lambda path=path: playbook.validate(path), "b": lambda text=text: yaml.load(text, LOADER)},
            rounds,
        )
        medians[size] = statistics.median(times["m"])
        kib = len(text.encode("utf-8")) / 1024
        rows.append(
            Row(
                f"load + checks, {size}× the default ({kib:,.0f} KiB)",
                times["m"],
                "`yaml.load`, CSafeLoader",
                times["b"],
            )
        )
    path = written(work / "largest.yaml", largest)
    sides: dict[str, Callable[[], object]] = {"m": lambda: playbook.validate(path)}
    if hasattr(loader, "PAUSE_FROM"):
        sides["unpaused"] = lambda: unpaused(loader, path)
    times = interleave(sides, 3, warm=False)
    kib = len(largest.encode("utf-8")) / 1024
    name = f"load + checks, {factor}×, the largest under the 4 MiB cap ({kib:,.0f} KiB)"
    rows.append(Row(name, times["m"], "10× scaled by size", [medians[10] * factor / 10], "≤ 1.15"))
    if "unpaused" in times:
        rows.append(
            Row(
                f"the same, {factor}×",
                times["m"],
                "with the collector left running",
                times["unpaused"],
                "< 1",
            )
        )
    return rows


def written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    result = playbook.validate(path)
    assert not result.problems, result.problems[:3]
    return path


def unpaused(loader: Any, path: Path) -> None:
    saved = loader.PAUSE_FROM
    loader.PAUSE_FROM = 1 << 62
    try:
        playbook.validate(path)
    finally:
        loader.PAUSE_FROM = saved


def problem_rows() -> list[Row]:
    texts = {n: inputs.many_problems(n) for n in (1000, 16000)}
    assert len(playbook.validate_text(texts[16000]).problems) == 201  # 200 shown, then how many more
    times = interleave({n: lambda text=text: playbook.validate_text(text) for n, text in texts.items()}, 5)
    kib = len(texts[16000].encode("utf-8")) / 1024
    return [
        Row(
            f"a file with 16 000 problems ({kib:,.0f} KiB)",
            times[16000],
            "1 000 problems × 16",
            [t * 16 for t in times[1000]],
            "< 1 s",
        )
    ]


def matrix_rows() -> list[Row]:
    rows = []
    for levels in (20, 100, 300):
        book = playbook.validate_text(inputs.matrix(levels)).playbook
        assert book is not None
        matrix = book.classification.matrix

        def first(book: Any = book, levels: int = levels) -> None:
            book.model_copy().classify(f"i{levels - 1}", f"r{levels - 1}")  # a copy has no index yet

        def by_hand(matrix: Any = matrix) -> None:
            {(i, r): s for r, row in matrix.items() for i, s in row.items()}

        times = interleave({"m": first, "b": by_hand}, 5)
        target = "< 1 s" if levels == 300 else ""
        rows.append(
            Row(
                f"first classify, {levels} × {levels} matrix",
                times["m"],
                "a dict of its cells by hand",
                times["b"],
                target,
            )
        )
    return rows


# The report ----------------------------------------------------------------------------------


def machine() -> str:
    """The CPU model, the cores, Python, and the system."""
    cpu_model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu_model}, {os.cpu_count()} cores; Python {platform.python_version()} "
        f"({platform.python_implementation()}); {platform.system()} {platform.release()}"
    )


def table(rows: list[Row]) -> str:
    lines = [
        "| measure | median (min–max) | baseline | median (min–max) | ratio | target |",
        "|---|---|---|---|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {spread(row.measured)} | {row.baseline_name} | {spread(row.baseline)} "
            f"| {row.ratio:.2f}× | {row.target} |"
        )
    return "\n".join(lines)


NOTES = """\
- Calls: CPU time of this process (`time.process_time`) over 100 000 calls (2 000 for the
  answers), per call. `playbook.classify` is called as users write it, through the module,
  inside the loop. The dict lookup is `TABLE[impact, reach]` on a global dict; the casefold
  lookup folds both arguments and looks the pair up in a dict keyed by folded ids and names;
  the unsure baseline takes the most severe of the candidates' cells. An answer's baseline is
  what a tool does with it anyway: `json.dumps` of its `to_dict()`; a message's is
  `str.format_map` of the template's body with the same values.
- Commands: CPU time of the child processes (`getrusage(RUSAGE_CHILDREN)`), each run once
  beforehand so that its bytecode is written. `python -m playbook validate` (the `playbook`
  program), `check-jsonschema --schemafile schema/playbook.schema.json` and `yamllint` (its
  default rules) read the default playbook. `python -m playbook build` builds it; `mkdocs
  build --strict` builds the very pages it generates, with jieba's stock dictionary.
- Load + checks: `playbook.validate(path)` of the default playbook with every list repeated
  under new ids, up to the largest repetition under the 4 MiB cap; the baseline parses the
  same text with PyYAML's CSafeLoader. The largest size is compared with the 10× time scaled
  by the number of repetitions, and with the garbage collector left running (the loader
  pauses it from 256 KiB on).
- 16 000 problems: one invalid duration per severity, reported with the default limits (200
  shown, then a count); compared with 16 times the time of 1 000.
- Matrices: the first `classify` on a copy of a loaded playbook (it builds the lookup of every
  spelling); the baseline builds a dict of the cells from the same model.
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md")
    parser.add_argument("--quick", action="store_true", help="fewer rounds, to try the benchmark out")
    args = parser.parse_args()
    rounds, command_rounds, build_rounds = (3, 3, 2) if args.quick else (9, 11, 5)
    work = Path(tempfile.mkdtemp(prefix="playbook-bench-"))
    try:
        rows = api_rows(rounds) + answer_rows(rounds)
        rows += command_rows(command_rounds, build_rounds, work)
        rows += load_rows(work) + problem_rows() + matrix_rows()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = table(rows)
    print(text)
    print(f"\nmachine: {machine()}")
    if args.write:
        (ROOT / "BENCHMARKS.md").write_text(
            "# Benchmarks\n\n"
            "Produced by `make bench` (`bench/bench.py`). Each figure is the median of interleaved runs "
            "of CPU time, with the minimum and maximum, and its ratio to a baseline measured in the "
            "same run; the absolute times are for reference only. The tests never assert times.\n\n"
            f"Machine: {machine()}.\n\n{text}\n\n{NOTES}",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
