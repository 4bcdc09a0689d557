"""Every reference resolves to something the playbook defines.

Every field the model marks as a reference names an item of its kind: matrix
rows name reach levels, matrix columns impact levels and matrix cells
severities; owners name roles; alerts and rollback rules name metrics,
rollback rules name signals and tiers (when tiers are listed); tiers'
deciders and the playbook's reviewer name roles; communication rules name
severities and other external rules; procedure steps name related documents.
A dangling reference is reported with the ids that would be valid. On a
partial model, the ids of the parts left out count as defined, and a
reference to a kind of which a part left out had an unreadable id is not
judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from playbook.checks.base import Finding, LeftOut
from playbook.model import Identity, Playbook, Ref, walk
from playbook.model.walk import marker
from playbook.problems import Level

ID = "references"
SEVERITY: Level = "error"
RELAXABLE = False


def _choices(known: Iterable[str]) -> str:
    # `known` keeps the playbook's order, so messages are the same from run to run.
    names = list(known)
    if not names:
        return "none is defined"
    shown = ", ".join(names[:12])
    return f"known: {shown}" + (", ..." if len(names) > 12 else "")


def check(playbook: Playbook) -> Iterator[Finding]:
    return _check(playbook, {}, frozenset())


def check_partial(playbook: Playbook, left_out: LeftOut) -> Iterator[Finding]:
    return _check(playbook, left_out.ids, left_out.unsure)


def _check(
    playbook: Playbook, also: Mapping[str, Iterable[str]], unsure: frozenset[str]
) -> Iterator[Finding]:
    visits = list(walk(playbook))
    declared: dict[str, dict[str, None]] = {}
    for visit in visits:
        identity = marker(visit.shape, Identity)
        if identity is not None and visit.value is not None:
            declared.setdefault(identity.kind, {})[str(visit.value)] = None
    for kind, ids in also.items():
        declared.setdefault(kind, {}).update(dict.fromkeys(sorted(ids)))
    for visit in visits:
        ref = marker(visit.shape, Ref)
        if ref is None or visit.value is None or visit.shape.kind != "value" or ref.kind in unsure:
            continue
        known = declared.get(ref.kind, {})
        if (ref.if_declared and not known) or (ref.unless is not None and visit.value == ref.unless):
            continue
        if str(visit.value) not in known:
            yield Finding(visit.loc, f"unknown {ref.kind} '{visit.value}' ({_choices(known)})", key=visit.key)
