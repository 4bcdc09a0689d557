"""Every reference resolves to something the playbook defines.

Matrix rows name reach levels, matrix columns impact levels and matrix cells
severities; step, external-rule and procedure owners name roles; alerts and
rollback rules name metrics, rollback rules name signals and tiers (when tiers
are listed); tiers' deciders name roles; communication rules name severities
and other external rules; procedure steps name related documents. A dangling
reference is reported with the ids that would be valid.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from playbook.checks import Finding
from playbook.model import Playbook
from playbook.source import Loc

ID = "references"
SEVERITY = "error"


def _choices(known: Iterable[str]) -> str:
    # `known` keeps the playbook's order, so messages are the same from run to run.
    names = list(known)
    if not names:
        return "none is defined"
    shown = ", ".join(names[:12])
    return f"known: {shown}" + (", ..." if len(names) > 12 else "")


def _ref(
    loc: Loc,
    kind: str,
    value: str | None,
    known: Mapping[str, object],
    *,
    key: bool = False,
) -> Iterator[Finding]:
    if value is not None and value not in known:
        yield Finding(loc, f"unknown {kind} '{value}' ({_choices(known)})", key=key)


def check(playbook: Playbook) -> Iterator[Finding]:
    severities = dict.fromkeys(s.id for s in playbook.severities)
    roles = dict.fromkeys(r.id for r in playbook.roles)
    metrics = dict.fromkeys(m.id for m in playbook.metrics)
    documents = dict.fromkeys(d.id for d in playbook.related_documents)
    cls = playbook.classification
    impacts = dict.fromkeys(level.id for level in cls.impact)
    reaches = dict.fromkeys(level.id for level in cls.reach)

    for reach_id, row in cls.matrix.items():
        yield from _ref(("classification", "matrix", reach_id), "reach level", reach_id, reaches, key=True)
        for impact_id, severity_id in row.items():
            cell: Loc = ("classification", "matrix", reach_id, impact_id)
            yield from _ref(cell, "impact level", impact_id, impacts, key=True)
            yield from _ref(cell, "severity", severity_id, severities)

    for p, phase in enumerate(playbook.workflow):
        for s, step in enumerate(phase.steps):
            for o, owner in enumerate(step.owner):
                yield from _ref(("workflow", p, "steps", s, "owner", o), "role", owner, roles)

    if playbook.detection:
        for s, source in enumerate(playbook.detection.sources):
            for a, alert in enumerate(source.alerts):
                at: Loc = ("detection", "sources", s, "alerts", a, "metric")
                yield from _ref(at, "metric", alert.metric, metrics)

    if playbook.communication:
        comms = playbook.communication
        external = dict.fromkeys(rule.id for rule in comms.external)
        for i, internal in enumerate(comms.internal):
            yield from _ref(
                ("communication", "internal", i, "severity"), "severity", internal.severity, severities
            )
        for i, rule in enumerate(comms.external):
            base = ("communication", "external", i)
            yield from _ref((*base, "same_channels_as"), "external rule", rule.same_channels_as, external)
            for n, severity in enumerate(rule.severities):
                yield from _ref((*base, "severities", n), "severity", severity, severities)
            for n, owner in enumerate(rule.owner):
                yield from _ref((*base, "owner", n), "role", owner, roles)

    if playbook.rollback:
        rollback = playbook.rollback
        signals = dict.fromkeys(signal.id for signal in rollback.signals)
        tiers: dict[str, None] = dict.fromkeys(tier.id for tier in rollback.tiers)
        for t, tier in enumerate(rollback.tiers):
            yield from _ref(("rollback", "tiers", t, "decided_by"), "role", tier.decided_by, roles)
        for r, rollback_rule in enumerate(rollback.rules):
            base = ("rollback", "rules", r)
            yield from _ref((*base, "metric"), "metric", rollback_rule.metric, metrics)
            yield from _ref((*base, "signal"), "signal", rollback_rule.signal, signals)
            if tiers:
                yield from _ref((*base, "tier"), "rollback tier", rollback_rule.tier, tiers)
        for s, procedure in enumerate(rollback.procedure):
            base = ("rollback", "procedure", s)
            yield from _ref((*base, "document"), "related document", procedure.document, documents)
            for n, owner in enumerate(procedure.owner):
                yield from _ref((*base, "owner", n), "role", owner, roles)
