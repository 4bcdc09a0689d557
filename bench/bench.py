"""Benchmarks, each a ratio against a baseline measured in the same run.

Run with ``make bench``. Prints a Markdown table and, with ``--write``, puts it
in BENCHMARKS.md together with a description of the machine.
"""

from __future__ import annotations

import argparse
import copy
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import playbook
from playbook.loader import default_path, validate
from playbook.source import Limits, read_file

ROOT = Path(__file__).resolve().parent.parent


def best_of(fn: Callable[[], object], *, repeat: int = 7, number: int = 1) -> float:
    """The fastest of ``repeat`` runs of ``number`` calls, in seconds per call."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - start) / number)
    return min(times)


def bench_classify() -> dict[str, float]:
    book = playbook.default()
    table = {("high", "many"): "P0"}
    n = 200_000
    pairs = [("high", "many")] * n

    def raw() -> None:
        # The same loop as the calls below: two strings in, a tuple key built, one lookup.
        for impact, reach in pairs:
            table[impact, reach]

    def method() -> None:
        classify = book.classify
        for impact, reach in pairs:
            classify(impact, reach)

    def module() -> None:
        classify = playbook.classify
        for impact, reach in pairs:
            classify(impact, reach)

    base = best_of(raw) / n
    return {
        "raw dict lookup (ns)": base * 1e9,
        "Playbook.classify (ns)": best_of(method) / n * 1e9,
        "playbook.classify (ns)": best_of(module) / n * 1e9,
    }


def bench_load() -> dict[str, float]:
    path = default_path()
    text = path.read_text(encoding="utf-8")
    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    base = best_of(lambda: yaml.load(text, Loader=loader), repeat=15, number=5)
    full = best_of(lambda: playbook.load(path), repeat=15, number=5)
    return {"yaml.load CSafeLoader (ms)": base * 1e3, "playbook.load (ms)": full * 1e3}


def bench_process() -> dict[str, float]:
    python = sys.executable

    def run(*args: str) -> float:
        times = []
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([python, *args], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    base = run("-c", "import yaml")
    full = run("-m", "playbook", "validate")
    return {"import yaml (ms)": base * 1e3, "playbook validate (ms)": full * 1e3}


def scaled(factor: int) -> dict[str, Any]:
    """The default playbook with every list section repeated ``factor`` times under new ids."""
    data = read_file(default_path()).data
    assert isinstance(data, dict)
    out = copy.deepcopy(data)

    def ids(items: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
        return [{**item, "id": f"{item['id']}-{n}" if n else item["id"]} for item in items]

    roles = []
    metrics = []
    phases = []
    docs = []
    sources = []
    for n in range(factor):
        roles += ids(data["roles"], n)
        metrics += ids(data["metrics"], n)
        docs += ids(data["related_documents"], n)
        for source in data["detection"]["sources"]:
            alerts = [
                {**a, "metric": f"{a['metric']}-{n}" if n else a["metric"]} for a in source.get("alerts", [])
            ]
            sources.append({**source, "id": f"{source['id']}-{n}" if n else source["id"], "alerts": alerts})
        for phase in data["workflow"]:
            number = len(phases) + 1
            steps = [
                {
                    **step,
                    "id": f"{number}.{s}",
                    "owner": [f"{o}-{n}" if n else o for o in _list(step["owner"])],
                }
                for s, step in enumerate(phase["steps"], 1)
            ]
            phases.append({**phase, "id": f"{phase['id']}-{n}" if n else phase["id"], "steps": steps})
    out["roles"], out["metrics"], out["workflow"] = roles, metrics, phases
    out["related_documents"], out["detection"]["sources"] = docs, sources
    rollback = out["rollback"]
    rules = []
    procedure = []
    for n in range(factor):
        suffix = f"-{n}" if n else ""
        for rule in data["rollback"]["rules"]:
            new = {**rule, "id": rule["id"] + suffix}
            if "metric" in rule:
                new["metric"] = rule["metric"] + suffix
            rules.append(new)
        for step in data["rollback"]["procedure"]:
            new = {**step, "id": step["id"] + suffix, "owner": _list(step["owner"])[0] + suffix}
            if "document" in step:
                new["document"] = step["document"] + suffix
            procedure.append(new)
    rollback["rules"], rollback["procedure"] = rules, procedure
    return out


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


class _PlainDumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


def bench_scaling() -> dict[str, float]:
    limits = Limits(max_bytes=64 * 1024 * 1024)
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for factor in (1, 10, 100):
            path = Path(tmp) / f"x{factor}.yaml"
            text = yaml.dump(scaled(factor), Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
            path.write_text(text, encoding="utf-8")
            result = validate(path, limits=limits)
            assert not result.errors, result.errors[:3]
            repeat = 7 if factor < 100 else 3
            results[f"load+checks x{factor} (ms)"] = (
                best_of(lambda target=path: validate(target, limits=limits), repeat=repeat) * 1e3
            )
            results[f"x{factor} size (KiB)"] = path.stat().st_size / 1024
    return results


def machine() -> str:
    """A one-line description of the machine."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {system}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md")
    args = parser.parse_args()
    c = bench_classify()
    ld = bench_load()
    pr = bench_process()
    sc = bench_scaling()
    rows = [
        (
            "classify (method) / raw dict lookup",
            c["Playbook.classify (ns)"] / c["raw dict lookup (ns)"],
            3,
            f"{c['Playbook.classify (ns)']:.0f} ns vs {c['raw dict lookup (ns)']:.0f} ns",
        ),
        (
            "classify (module function) / raw dict lookup",
            c["playbook.classify (ns)"] / c["raw dict lookup (ns)"],
            3,
            f"{c['playbook.classify (ns)']:.0f} ns vs {c['raw dict lookup (ns)']:.0f} ns",
        ),
        (
            "load() default / yaml.load CSafeLoader",
            ld["playbook.load (ms)"] / ld["yaml.load CSafeLoader (ms)"],
            10,
            f"{ld['playbook.load (ms)']:.2f} ms vs {ld['yaml.load CSafeLoader (ms)']:.2f} ms",
        ),
        (
            "`playbook validate` process / `python -c 'import yaml'`",
            pr["playbook validate (ms)"] / pr["import yaml (ms)"],
            None,
            f"{pr['playbook validate (ms)']:.0f} ms vs {pr['import yaml (ms)']:.0f} ms",
        ),
        (
            "load+checks x10 / x1",
            sc["load+checks x10 (ms)"] / sc["load+checks x1 (ms)"],
            None,
            f"{sc['load+checks x10 (ms)']:.1f} ms vs {sc['load+checks x1 (ms)']:.2f} ms "
            f"({sc['x10 size (KiB)']:.0f} KiB)",
        ),
        (
            "load+checks x100 / x1",
            sc["load+checks x100 (ms)"] / sc["load+checks x1 (ms)"],
            120,
            f"{sc['load+checks x100 (ms)']:.0f} ms vs {sc['load+checks x1 (ms)']:.2f} ms "
            f"({sc['x100 size (KiB)']:.0f} KiB)",
        ),
    ]
    lines = ["| measure | ratio | limit | figures |", "|---|---:|---:|---|"]
    failed = []
    for name, ratio, limit, figures in rows:
        verdict = "" if limit is None else (f"≤ {limit}" + ("" if ratio <= limit else " **exceeded**"))
        if limit is not None and ratio > limit:
            failed.append(name)
        lines.append(f"| {name} | {ratio:.2f}× | {verdict} | {figures} |")
    table = "\n".join(lines)
    print(table)
    print(f"\nmachine: {machine()}")
    if args.write:
        (ROOT / "BENCHMARKS.md").write_text(
            "# Benchmarks\n\n"
            "Produced by `make bench` (`bench/bench.py`). Every figure is a ratio against a baseline "
            "measured in the same run, so that a busy machine moves both sides; absolute times are "
            "shown for reference only. The tests never assert times.\n\n"
            f"Machine: {machine()}.\n\n{table}\n\n"
            "- classify: 200 000 calls of an already-resolved (impact, reach) pair; the baseline is a "
            "`dict` lookup of a tuple key.\n"
            "- load: parsing, model validation and all consistency checks of the default playbook; "
            "the baseline is `yaml.load(text, Loader=CSafeLoader)` of the same text.\n"
            "- process: median of 5 runs of a new interpreter; "
            "the baseline starts Python and imports PyYAML.\n"
            "- scaling: the default playbook with every list section repeated 10× and 100× under new ids.\n",
            encoding="utf-8",
        )
    if failed:
        print(f"over the limit: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
