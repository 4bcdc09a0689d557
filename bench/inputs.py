"""The playbooks the benchmarks read: the default at any size, one full of problems, large matrices."""

from __future__ import annotations

import copy
from typing import Any

import yaml

from playbook import default_path

CAP = 4 * 1024 * 1024
"""The default size cap of a playbook file (``Limits.max_bytes``)."""


class _PlainDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    """YAML text of ``data``, without anchors, in key order."""
    return yaml.dump(data, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def scaled(factor: int) -> str:
    """The default playbook with every list section repeated ``factor`` times under new ids."""
    data = yaml.safe_load(default_path().read_text(encoding="utf-8"))
    out = copy.deepcopy(data)

    def ids(items: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
        return [renamed({**item, "id": f"{item['id']}-{n}" if n else item["id"]}, n) for item in items]

    def renamed(item: dict[str, Any], n: int) -> dict[str, Any]:
        # Names and labels are looked up like ids: each copy needs its own.
        return {**item, **{k: f"{item[k]} {n}" for k in ("name", "label") if n and k in item}}

    roles: list[Any] = []
    metrics: list[Any] = []
    phases: list[Any] = []
    docs: list[Any] = []
    sources: list[Any] = []
    rules: list[Any] = []
    procedure: list[Any] = []
    for n in range(factor):
        suffix = f"-{n}" if n else ""
        roles += ids(data["roles"], n)
        metrics += ids(data["metrics"], n)
        docs += ids(data["related_documents"], n)
        for source in data["detection"]["sources"]:
            alerts = [{**a, "metric": a["metric"] + suffix} for a in source.get("alerts", [])]
            sources.append({**source, "id": source["id"] + suffix, "alerts": alerts})
        for phase in data["workflow"]:
            number = len(phases) + 1
            steps = [
                {**step, "id": f"{number}.{s}", "owner": [o + suffix for o in _list(step["owner"])]}
                for s, step in enumerate(phase["steps"], 1)
            ]
            phases.append(renamed({**phase, "id": phase["id"] + suffix, "steps": steps}, n))
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
    out["roles"], out["metrics"], out["workflow"] = roles, metrics, phases
    out["related_documents"], out["detection"]["sources"] = docs, sources
    out["rollback"]["rules"], out["rollback"]["procedure"] = rules, procedure
    return dump(out)


def largest_factor(cap: int = CAP) -> tuple[int, str]:
    """The largest repetition of the default playbook whose text fits under ``cap`` bytes, and the text."""
    # From 100 to 999 copies every suffix has three digits: each copy adds the same bytes.
    small, large = (len(scaled(n).encode("utf-8")) for n in (100, 200))
    per = (large - small) / 100
    factor = int((cap - (small - 100 * per)) / per)
    text = scaled(factor)
    while len(text.encode("utf-8")) > cap:
        factor -= 1
        text = scaled(factor)
    return factor, text


def many_problems(count: int) -> str:
    """A playbook with ``count`` severities, each with one invalid duration: ``count`` problems."""
    lines = ["format: 1\nname: Broken\nseverities:\n"]
    lines += [f"  - {{id: S{n}, name: N{n}, respond_within: 15, resolve_within: 1h}}\n" for n in range(count)]
    lines.append(
        "classification: {impact: [{id: a, name: A}], reach: [{id: b, name: B}], matrix: {b: {a: S0}}}\n"
    )
    return "".join(lines)


def matrix(levels: int, severities: int = 5) -> str:
    """A valid playbook whose matrix is ``levels`` × ``levels``, severity rising with impact and reach."""
    sev = [f"S{k}" for k in range(severities)]  # most severe first
    lines = ["format: 1\nname: Matrix\nseverities:\n"]
    lines += [f"  - {{id: {s}, name: Level {s}, respond_within: 15m, resolve_within: 1h}}\n" for s in sev]
    lines.append("classification:\n  impact:\n")
    lines += [f"    - {{id: i{n}, name: Impact {n}}}\n" for n in range(levels)]
    lines.append("  reach:\n")
    lines += [f"    - {{id: r{n}, name: Reach {n}}}\n" for n in range(levels)]
    lines.append("  matrix:\n")
    for r in range(levels):
        cells = ", ".join(
            f"i{i}: {sev[severities - 1 - (i + r) * severities // (2 * levels - 1)]}" for i in range(levels)
        )
        lines.append(f"    r{r}: {{{cells}}}\n")
    return "".join(lines)
