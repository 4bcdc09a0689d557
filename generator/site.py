"""The pages of the site: a pure function from a :class:`Playbook` to ``{path: text}``.

Facts are taken from the model and phrased by :mod:`playbook.text`; the
checklists come from :meth:`Playbook.checklist <playbook.model.Playbook.checklist>`,
rule conditions and message previews from :mod:`playbook.response`, so each
fact is worded in one place. Templates (``generator/templates``) lay the pages
out; every value they print goes through :mod:`generator.escape`.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from markupsafe import Markup

import playbook.derive as derive
from generator import escape, templating
from generator.assets import assets
from generator.data import data_files
from generator.nav import NAV_FILE, nav
from generator.page import Page
from generator.templating import sev_class
from playbook.derive import ChecklistItem
from playbook.model import Document, ExternalRule, Phase, Playbook, Role, Rule, Severity
from playbook.wording import Labels, Phrases, labels, phrases

__all__ = [
    "DOWNLOAD_NAME",
    "MERMAID_PATH",
    "NAV_FILE",
    "Page",
    "render",
]

MERMAID_PATH = "assets/vendor/mermaid.min.js"
"""Where the site serves Mermaid from (vendored from the npm package, not generated)."""

DOWNLOAD_NAME = "postmortem-template.md"
"""The file name a browser saves the postmortem template under."""

_DOWNLOAD_PATH = "downloads/postmortem-template.txt"


def render(playbook: Playbook, *, schema: str | None = None) -> dict[str, str]:
    """Every generated file of the site, as ``{path relative to site/: text}``.

    ``schema`` is the JSON Schema text to publish as ``playbook.schema.json``
    (the caller provides it, so that this package needs only the model).
    Paths use ``/``; the result is sorted by path and does not depend on time,
    machine or environment.
    """
    return dict(sorted(_Site(playbook, schema).files().items()))


def _slug(value: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", value.lower()).strip("-")
    return slug or "x"


def _unique_slugs(ids: Iterable[str]) -> dict[str, str]:
    # Ids differing only by case or by '.' would collide as file names on some systems.
    out: dict[str, str] = {}
    taken: set[str] = set()
    for item in ids:
        base = slug = _slug(item)
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[item] = slug
    return out


class _Site:
    """Builds every page of one playbook; see :func:`render`."""

    def __init__(self, playbook: Playbook, schema: str | None) -> None:
        self.book = playbook
        self.schema = schema
        self.L: Labels = labels(playbook.language)
        self.say: Phrases = phrases(playbook.language)
        self.roles: dict[str, Role] = {role.id: role for role in playbook.roles}
        self.slugs_role = _unique_slugs(role.id for role in playbook.roles)
        self.slugs_severity = _unique_slugs(s.id for s in playbook.severities)
        self.anchor_severity = {s.id: f"sev-{self.slugs_severity[s.id]}" for s in playbook.severities}
        self.documents: dict[str, Document] = {d.id: d for d in playbook.related_documents}
        self.anchor_document = {d: f"doc-{slug}" for d, slug in _unique_slugs(self.documents).items()}
        self.has_checklists = True
        self.pages: list[Page] = []
        self.here = ""

    # Helpers -----------------------------------------------------------------------

    def link_to(self, target: str) -> str:
        """A link from the page being built to ``target`` (a path under site/)."""
        base = posixpath.dirname(self.here)
        return posixpath.relpath(target, base or ".")

    def role_link(self, role_id: str) -> Markup:
        role = self.roles.get(role_id)
        if role is None:
            return escape.text(role_id)
        return escape.link(role.name, self.link_to(f"roles/{self.slugs_role[role_id]}.md"))

    def owners(self, ids: Sequence[str], joiner: str = " / ") -> Markup:
        return Markup(joiner).join(self.role_link(i) for i in ids)

    def badge(self, severity_id: str) -> Markup:
        return Markup('<span class="pb-sev {}">{}</span>').format(
            sev_class(severity_id), escape.text(severity_id)
        )

    def join(self, items: Iterable[str]) -> str:
        return self.say.list_separator.join(items)

    def render(self, template: str, **values: Any) -> str:
        context = {
            "book": self.book,
            "L": self.L,
            "link_to": self.link_to,
            "has_checklists": self.has_checklists,
            "slugs": _Slugs(self.slugs_severity, self.slugs_role),
            "anchors": _Anchors(self.anchor_severity),
            "titles": {s.id: derive.severity_title(self.book, s) for s in self.book.severities},
            **values,
        }
        return templating.markdown(template, context)

    def add(
        self,
        path: str,
        title: str,
        template: str,
        *,
        nav_title: str | None = None,
        section: str | None = None,
        **values: Any,
    ) -> None:
        self.here = path
        self.pages.append(Page(path, title, self.render(template, **values), nav_title, section))
        self.here = ""

    # Pages -------------------------------------------------------------------------

    def files(self) -> dict[str, str]:
        book = self.book
        self.severities_page()
        self.matrix_page()
        if book.detection is not None:
            self.detection_page()
        if book.workflow:
            self.workflow_page()
        self.checklist_pages()
        if book.roles:
            self.role_pages()
        if book.communication is not None:
            self.communication_page()
        if book.rollback is not None:
            self.rollback_page()
        if book.postmortem is not None:
            self.postmortem_page()
        if book.related_documents:
            self.related_page()
        self.home_page()
        out = {page.path: page.text for page in self.pages}
        out.update(assets(book))
        out[NAV_FILE] = nav(book, self.pages)
        out.update(data_files(book, self.schema))
        if book.postmortem is not None:
            out[_DOWNLOAD_PATH] = self.postmortem_text()
        return out

    def home_page(self) -> None:
        sections = [
            (page.path, page.nav_title or page.title)
            for page in self.pages
            if (page.section is None or page.nav_title) and page.path != "matrix.md"
        ]
        self.add(
            "index.md",
            self.book.name,
            "index.md.j2",
            nav_title=self.L.home,
            first=self.book.severities[0],
            sections=sections,
            has_schema=self.schema is not None,
        )
        # The home page comes first in the navigation.
        self.pages.insert(0, self.pages.pop())

    def severities_page(self) -> None:
        L = self.L
        rows: dict[str, list[list[Markup | str]]] = {}
        for s in self.book.severities:
            table: list[list[Markup | str]] = []

            def row(label: str, value: Markup | str, table: list[list[Markup | str]] = table) -> None:
                table.append([Markup("**{}**").format(escape.text(label)), value])

            if s.impact:
                row(L.impact, s.impact)
            if s.examples:
                row(L.examples, self.join(s.examples))
            row(L.respond, self.say.respond(s.respond_within))
            row(L.resolve, self.say.resolve(s.resolve_within, s.resolution))
            if s.escalation:
                row(L.escalation, s.escalation)
            if s.update_every is not None:
                row(L.update_every, self.say.update(s.update_every))
            if s.commander:
                row(L.commander, s.commander)
            rows[s.id] = table
        self.add("severities.md", L.severities, "severities.md.j2", severity_rows=rows)

    def matrix_page(self) -> None:
        cls = self.book.classification
        rows = []
        for reach in reversed(cls.reach):
            cells = [cls.matrix.get(reach.id, {}).get(impact.id) for impact in cls.impact]
            rows.append({"reach": reach, "cells": cells})
        self.add(
            "matrix.md",
            self.L.matrix,
            "matrix.md.j2",
            impacts=cls.impact,
            matrix_rows=rows,
            when_in_doubt=self.L.when_in_doubt[cls.when_in_doubt],
        )

    def detection_page(self) -> None:
        detection = self.book.detection
        assert detection is not None
        metrics = {m.id: m for m in self.book.metrics}
        source_rows = []
        for source in detection.sources:
            shown = []
            for alert in source.alerts:
                metric = metrics.get(alert.metric)
                name = (metric.label or metric.name) if metric else alert.metric
                sign = ">" if alert.above is not None else "<"
                shown.append(f"{name} {sign} {alert.threshold}")
            shown += source.examples
            source_rows.append(
                [
                    Markup("**{}**").format(escape.text(source.name)),
                    self.join(shown),
                    self.L.priorities[source.priority],
                ]
            )
        self.here = "detection.md"
        triage = []
        for step in detection.triage:
            lines: list[Markup | str] = list(step.questions)
            if step.derive == "classification":
                lines.append(
                    Markup("{} {}").format(
                        escape.text(self.L.see_matrix),
                        escape.link(self.L.matrix, self.link_to("matrix.md")),
                    )
                )
                lines.append(self.L.when_in_doubt[self.book.classification.when_in_doubt])
            elif step.derive == "commander":
                lines += self.commander_lines()
            triage.append({"title": step.title, "lines": lines})
        self.add("detection.md", self.L.detection, "detection.md.j2", source_rows=source_rows, triage=triage)

    def commander_lines(self) -> list[Markup]:
        groups: dict[str, list[Severity]] = {}
        for s in self.book.severities:
            if s.commander:
                groups.setdefault(s.commander, []).append(s)
        colon = self.L.colon
        return [
            Markup("{}{}{}").format(
                Markup("/").join(self.badge(s.id) for s in levels),
                colon,
                escape.text(self.L.commanded_by.format(commander=commander)),
            )
            for commander, levels in groups.items()
        ]

    def step_texts(self) -> dict[str, str]:
        """Each step's action with its derived deadline (``组织复盘会议（48 小时内）``)."""
        return {
            step.id: derive.step_text(self.book, step) for phase in self.book.workflow for step in phase.steps
        }

    def phase_name(self, phase: Phase) -> str:
        return derive.phase_name(self.book, phase)

    def workflow_page(self) -> None:
        self.here = "workflow.md"
        texts = self.step_texts()
        phases = []
        for number, phase in enumerate(self.book.workflow, 1):
            rows = [
                [step.id, texts.get(step.id, step.action), self.owners(step.owner)] for step in phase.steps
            ]
            heading = self.L.phase_heading.format(number=number, name=self.phase_name(phase))
            phases.append({"heading": heading, "anchor": f"phase-{_slug(phase.id)}", "rows": rows})
        overview = [[self.phase_name(p), p.goal or ""] for p in self.book.workflow]
        self.add(
            "workflow.md",
            self.L.workflow,
            "workflow.md.j2",
            diagram=self.diagram(),
            mermaid_src=self.link_to(MERMAID_PATH),
            overview_rows=overview,
            phases=phases,
        )

    def diagram(self) -> Markup:
        lines = ["flowchart LR"]
        ids = [f"p{n}" for n in range(len(self.book.workflow))]
        for node, phase in zip(ids, self.book.workflow, strict=True):
            label = escape.mermaid(phase.name)
            below = phase.goal or phase.label
            if below:
                label += "<br/>" + escape.mermaid(below)
            lines.append(f'    {node}["{label}"]')
        if len(ids) > 1:
            lines.append("    " + " --> ".join(ids))
        body = "\n".join(lines)
        return Markup(f"``` mermaid\n{body}\n```")

    def checklist_pages(self) -> None:
        L = self.L
        rows = []
        for s in self.book.severities:
            path = f"checklists/{self.slugs_severity[s.id]}.md"
            items = derive.checklist_items(self.book, s)
            self.here = path
            groups: list[dict[str, Any]] = [
                {"title": heading, "lines": [self.checklist_line(item) for item in items]}
                for heading, items in derive.group_items(self.book, items)
            ]
            title = L.checklist_of.format(title=derive.severity_title(self.book, s))
            self.add(
                path,
                title,
                "checklist.md.j2",
                section=L.checklists,
                heading=title,
                severity=s,
                groups=groups,
            )
            self.here = "checklists/index.md"
            rows.append(
                [
                    Markup("{} {}").format(self.badge(s.id), escape.text(s.name)),
                    self.say.respond(s.respond_within),
                    self.say.resolve(s.resolve_within, s.resolution),
                    escape.link(title, self.link_to(path)),
                ]
            )
        self.add(
            "checklists/index.md",
            L.checklists,
            "checklists_index.md.j2",
            nav_title=L.checklists,
            section=L.checklists,
            rows=rows,
        )
        self.pages.insert(-len(self.book.severities), self.pages.pop())

    def checklist_line(self, item: ChecklistItem) -> Markup:
        text = escape.text(f"{item.id} {item.text}" if item.kind == "step" else item.text)
        if item.when:
            text = Markup('<span class="pb-when">{}</span>{}{}').format(
                escape.text(item.when), self.L.colon, text
            )
        if item.owners:
            text = Markup("{} — {}").format(text, self.owners(item.owners))
        return text

    def role_pages(self) -> None:
        L = self.L
        book = self.book
        texts = self.step_texts() if book.workflow else {}
        rows = []
        for role in book.roles:
            path = f"roles/{self.slugs_role[role.id]}.md"
            self.here = path
            step_rows = [
                [self.phase_name(phase), step.id, texts.get(step.id, step.action)]
                for phase in book.workflow
                for step in phase.steps
                if role.id in step.owner
            ]
            procedure_rows = []
            external_rows = []
            decisions: list[Markup] = []
            if book.rollback is not None:
                procedure_rows = [
                    [p.component, p.method, self.procedure_how(p.command, p.operation, p.document)]
                    for p in book.rollback.procedure
                    if role.id in p.owner
                ]
                for tier in book.rollback.tiers:
                    if tier.decided_by == role.id:
                        decisions.append(
                            escape.link(self.tier_title(tier.label, tier.note), self.link_to("rollback.md"))
                        )
            if book.communication is not None:
                channels = self.external_channels()
                external_rows = [
                    [rule.scenario, " / ".join(channels[rule.id]), self.external_content(rule)]
                    for rule in book.communication.external
                    if role.id in rule.owner
                ]
            self.add(
                path,
                role.name,
                "role.md.j2",
                section=L.roles,
                role=role,
                step_rows=step_rows,
                procedure_rows=procedure_rows,
                external_rows=external_rows,
                decisions=decisions,
            )
            self.here = "roles/index.md"
            owned = [r[1] for r in step_rows]
            others = [r[0] for r in procedure_rows + external_rows]
            if book.rollback is not None:
                others += [t.label for t in book.rollback.tiers if t.decided_by == role.id]
            rows.append(
                [
                    self.role_link(role.id),
                    ", ".join(owned) if owned else "—",
                    self.join(others) if others else "—",
                ]
            )
        self.add(
            "roles/index.md", L.roles, "roles_index.md.j2", nav_title=L.roles, section=L.roles, rows=rows
        )
        self.pages.insert(-len(book.roles), self.pages.pop())

    def timing(self, timing: str | timedelta) -> str:
        return derive.timing_text(self.book, timing)

    def external_channels(self) -> dict[str, tuple[str, ...]]:
        return derive.channels(self.book)

    def external_content(self, rule: ExternalRule) -> str:
        parts = []
        if rule.message:
            parts.append(f'"{rule.message}"')
        if rule.content:
            if rule.every is not None:
                parts.append(
                    self.say.word("content_cadence", every=self.say.every(rule.every), text=rule.content)
                )
            else:
                parts.append(rule.content)
        if rule.severities:
            ids = "/".join(rule.severities)
            parts.insert(0, self.L.only_for.format(severities=ids))
        return self.say.clause_separator.join(parts)

    def communication_page(self) -> None:
        comms = self.book.communication
        assert comms is not None
        self.here = "communication.md"
        internal_rows = []
        for rule in comms.internal:
            scenario = escape.text(self.say.event(rule.event))
            if rule.severity:
                scenario = Markup("{} {}").format(self.badge(rule.severity), scenario)
            when = escape.text(self.timing(rule.timing))
            if rule.timing == "per-severity":
                when = escape.link(when, self.link_to("severities.md"))
            internal_rows.append(
                [scenario, self.say.join(list(rule.channels)), self.say.join(list(rule.audience)), when]
            )
        channels = self.external_channels()
        external_rows = []
        previous: tuple[str, ...] | None = None
        for external in comms.external:
            shown = channels[external.id]
            same = external.same_channels_as and shown == previous
            cell = self.L.same_as_above if same else " / ".join(shown)
            previous = shown
            external_rows.append(
                [
                    external.scenario,
                    cell or "—",
                    self.external_content(external),
                    self.owners(external.owner, " + "),
                ]
            )
        templates = [
            {"name": t.name, "block": escape.fence(derive.template_preview(self.book, t))}
            for t in comms.templates
        ]
        self.add(
            "communication.md",
            self.L.communication,
            "communication.md.j2",
            internal_rows=internal_rows,
            external_rows=external_rows,
            templates=templates,
        )

    def tier_title(self, label: str, note: str | None) -> str:
        return derive.tier_title(self.book, label, note)

    def rule_text(self, rule: Rule) -> str:
        return derive.rule_text(self.book, rule)

    def procedure_how(self, command: str | None, operation: str | None, document: str | None) -> Markup:
        if command is not None:
            return escape.code(command)
        if operation is not None:
            return escape.text(operation)
        doc = self.documents.get(document or "")
        if doc is None:
            return escape.text(f"{self.L.see_document} {document}")
        if doc.is_gap:
            shown = Markup("{} {}").format(escape.text(doc.title), self.gap())
        else:
            shown = escape.code(posixpath.basename(doc.path.rstrip("/")) or doc.path)
        target = f"{self.link_to('related.md')}#{self.anchor_document[doc.id]}"
        return escape.link(Markup("{} {}").format(escape.text(self.L.see_document), shown), target)

    def gap(self) -> Markup:
        return Markup('<span class="pb-gap" title="{}">{}</span>').format(
            escape.html_attr(self.L.gap_title), escape.text(self.L.gap)
        )

    def rollback_page(self) -> None:
        rollback = self.book.rollback
        assert rollback is not None
        self.here = "rollback.md"
        kinds = {"immediate": "danger", "consider": "warning", "none": "success"}
        tier_labels = {t.id: t.label for t in rollback.tiers}
        tiers = []
        ordered = [t.id for t in rollback.tiers] + [
            r.tier for r in rollback.rules if r.tier not in tier_labels
        ]
        for tier_id in dict.fromkeys(ordered):
            tier = next((t for t in rollback.tiers if t.id == tier_id), None)
            lines = [self.rule_text(r) for r in rollback.rules if r.tier == tier_id]
            if tier is None and not lines:
                continue
            tiers.append(
                {
                    "kind": kinds[tier_id],
                    "title": self.tier_title(tier.label, tier.note) if tier else tier_id,
                    "lines": lines,
                    "decided_by": self.role_link(tier.decided_by) if tier and tier.decided_by else None,
                }
            )
        metrics = {m.id: m for m in self.book.metrics}
        threshold_rows = [
            [
                self.rule_text(rule),
                escape.code(rule.metric or ""),
                tier_labels.get(rule.tier, rule.tier),
            ]
            for rule in rollback.rules
            if rule.metric is not None and rule.metric in metrics
        ]
        procedure_rows = [
            [
                p.component,
                p.method,
                self.procedure_how(p.command, p.operation, p.document),
                self.owners(p.owner),
            ]
            for p in rollback.procedure
        ]
        commands = [
            {
                "title": f"{p.component}{self.L.colon}{p.method}",
                "block": escape.fence(p.command, "bash"),
            }
            for p in rollback.procedure
            if p.command is not None
        ]
        self.add(
            "rollback.md",
            self.L.rollback,
            "rollback.md.j2",
            tiers=tiers,
            threshold_rows=threshold_rows,
            procedure_rows=procedure_rows,
            commands=commands,
            verification=[v.item for v in rollback.verification],
        )

    def postmortem_text(self) -> str:
        """The postmortem template as a Markdown file, as the seed document shows it."""
        return escape.plain(derive.postmortem_markdown(self.book), multiline=True)

    def postmortem_page(self) -> None:
        postmortem = self.book.postmortem
        assert postmortem is not None
        self.here = "postmortem.md"
        meeting = self.L.meeting.format(within=self.say.within(postmortem.meeting_within))
        section_rows = [[s.title, escape.code(s.id)] for s in postmortem.sections]
        self.add(
            "postmortem.md",
            self.L.postmortem,
            "postmortem.md.j2",
            meeting=meeting,
            download_label=self.L.download.format(name=DOWNLOAD_NAME),
            download_path=_DOWNLOAD_PATH,
            download_name=DOWNLOAD_NAME,
            block=escape.fence(self.postmortem_text(), "markdown"),
            section_rows=section_rows,
        )

    def related_page(self) -> None:
        self.here = "related.md"
        rows = []
        gaps = []
        for doc in self.book.related_documents:
            anchor = Markup('<span id="{}"></span>').format(self.anchor_document[doc.id])
            if doc.is_gap:
                path: Markup = self.gap()
                gaps.append(
                    Markup("{}{}{}").format(
                        escape.text(doc.title), self.L.colon, escape.text(doc.purpose or "")
                    )
                )
            elif re.match(r"(?i)(https?|mailto):", doc.path.strip()):
                path = escape.link(escape.code(doc.path), doc.path)
            else:
                path = escape.code(doc.path)
            rows.append([Markup("{}{}").format(anchor, escape.text(doc.title)), path, doc.purpose or ""])
        self.add("related.md", self.L.related, "related.md.j2", rows=rows, gaps=gaps)


@dataclass(frozen=True)
class _Slugs:
    severity: dict[str, str]
    role: dict[str, str]


@dataclass(frozen=True)
class _Anchors:
    severity: dict[str, str]
