"""Format 2 on the site: each construct's facts on the page a responder looks for them, linked.

Two fixtures use every construct: ``tests/fixtures/format2/site.yaml`` (English,
classified by facets) and ``by-description.yaml`` (Chinese, classified by
description). The browser test opens the pages at phone and desktop widths.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import playbook.derive as derive
import playbook.site as generator
from playbook import default, load, validate_text
from playbook.derive.timing import cadence_text, escalation_text, when_text
from playbook.model import Playbook
from playbook.schema import schema_text
from playbook.site import escape
from playbook.site.context import context
from playbook.site.page import File, Page
from playbook.site.pages import PAGES
from playbook.site.pages.home import sections
from playbook.wording import phrases, terms

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures" / "format2"
SITE = FIXTURES / "site.yaml"
BY_DESCRIPTION = FIXTURES / "by-description.yaml"


@pytest.fixture(scope="module")
def book() -> Playbook:
    return load(SITE)


@pytest.fixture(scope="module")
def files(book: Playbook) -> dict[str, str]:
    return generator.render(book, schema=schema_text())


@pytest.fixture(scope="module")
def described() -> Playbook:
    return load(BY_DESCRIPTION)


def _table_row(page: str, first_cell: str) -> str:
    """The table row of ``page`` whose first cell is ``first_cell``."""
    rows = [line for line in page.splitlines() if line.startswith(f"| {first_cell} |")]
    assert len(rows) == 1, (first_cell, rows)
    return rows[0]


def _section(page: str, heading: str) -> str:
    """The text of ``page`` from the heading that starts with ``heading`` to the next one of its level."""
    level = heading.split(" ", 1)[0]
    start = page.index(f"\n{heading}")
    end = page.find(f"\n{level} ", start + 1)
    return page[start : end if end != -1 else len(page)]


# -- every page pure, listed, linked ----------------------------------------------------


@pytest.mark.parametrize("path", [SITE, BY_DESCRIPTION])
def test_page_functions_are_pure_and_the_home_page_lists_each_section(path: Path) -> None:
    playbook = load(path)
    ctx = context(playbook, has_schema=True)
    made: list[Page | File] = []
    for page_function in PAGES:
        first, again = page_function(ctx), page_function(ctx)
        assert first == again, page_function.__name__
        made += first
    pages = [item for item in made if isinstance(item, Page)]
    firsts = [
        (page.path, page.nav_title or page.title)
        for page in pages
        if (page.section is None or page.nav_title) and page.path not in ("index.md", ctx.classification_page)
    ]
    assert sections(ctx) == firsts
    home = next(page for page in pages if page.path == "index.md")
    assert f"]({ctx.classification_page})" in home.text


def _anchors(text: str) -> set[str]:
    return {html.unescape(a) for a in re.findall(r'\{ #([^\s}]+)|id="([^"]+)"', text) for a in a if a}


@pytest.mark.parametrize("path", [SITE, BY_DESCRIPTION])
def test_every_link_resolves_to_a_page_and_an_anchor_it_defines(path: Path) -> None:
    files = generator.render(load(path), schema=schema_text())
    checked = 0
    for page, text in files.items():
        if not page.endswith(".md"):
            continue
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"(https?|mailto):", target):
                continue
            where, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), where)) if where else page
            assert resolved in files, (page, target)
            if anchor:
                assert anchor in _anchors(files[resolved]), (page, target)
            checked += 1
    assert checked > 50


def test_the_default_playbook_shows_no_format_2_construct() -> None:
    files = generator.render(default())
    for path in ("classification.md", "calendars.md", "terms.md"):
        assert path not in files
    assert not any("pb-only" in text or "pb-lead" in text for text in files.values())


# -- severities -------------------------------------------------------------------------


def test_severities_show_targets_coverage_lead_timers_cadences_and_response(
    book: Playbook, files: dict[str, str]
) -> None:
    page = files["severities.md"]
    sev1, sev2, sev3, sev4 = (_section(page, f"## SEV-{n}") for n in range(1, 5))
    assert "| **Resolution target** | no resolution target |" in sev1
    assert "| **Response time** | no response target |" in sev4
    assert "| **Response time** | respond within 2 business hours |" in sev3
    assert "| **Resolution target** | resolve within 2 business days |" in sev3
    assert "| **Coverage** | 24x7 |" in sev1
    assert "| **Coverage** | [worked in Office hours only](calendars.md#cal-office) |" in sev3
    assert "[worked in Extended support only](calendars.md#cal-support)" in sev4
    assert "| **Lead** | [Incident Lead](roles/incident-lead.md) |" in sev1
    assert "| **Lead** | [Incident Manager](roles/incident-manager.md) |" in sev2
    for severity, section in zip(book.severities, (sev1, sev2, sev3, sev4), strict=True):
        cadence = cadence_text(book, severity)
        assert cadence is not None and f"| **Status updates** | {escape.text(cadence)} |" in section
    assert "for the first 2 hours; then status update every 1 hour" in sev1
    assert (
        "while Investigating: status update every 30 minutes; while Monitoring: one update after 1 hour"
        in sev2
    )
    timers = {t.id: escape.text(escalation_text(book, t)) for t in book.escalations}
    assert f"[{timers['no-ack']}](roles/incident-manager.md)" in sev1
    assert timers["stuck"] in sev1 and timers["stuck"] not in sev2
    assert timers["slow-mitigation"] in sev3 and timers["slow-mitigation"] not in sev1
    assert "**Typical response**: \n\n- Page the Incident Manager\n- Open a bridge call\n" in sev1
    assert "Typical response" not in sev2
    assert page.rstrip().endswith("[Severity Classification](classification.md)")


def test_working_hours_per_day_holidays_and_the_levels_they_cover(files: dict[str, str]) -> None:
    page = files["calendars.md"]
    office, support = _section(page, "## Office hours"), _section(page, "## Extended support")
    assert "{ #cal-office }" in office and "**Time zone**: <code>Europe/London</code>" in office
    assert "| Monday | 09:00–17:30 |" in office and "| Friday | 09:00–16:00 |" in office
    assert "| Saturday | Closed |" in office and "| Sunday | Closed |" in office
    assert "| 2026-12-25 | Christmas Day |" in office and "| 2026-12-28 |" in office
    assert "Business time" in office and "Business time" not in support
    assert "| Tuesday | 07:00–12:00, 13:00–22:00 |" in support and "| Saturday | 10:00–14:00 |" in support
    assert "[Minor](severities.md#sev-sev-3)" in office and "[Low](severities.md#sev-sev-4)" in support
    assert "Holidays" not in support


# -- classification ---------------------------------------------------------------------


def test_axes_get_a_table_each_with_bands_levels_and_linked_severities(files: dict[str, str]) -> None:
    assert "matrix.md" not in files
    page = files["classification.md"]
    assert "the most severe facet wins" in page
    assert '!!! tip "When in doubt, choose the higher severity"' in page
    users = _section(page, "## Users affected")
    assert "{ #axis-users&#95;affected }" in users and "Share of active users who see the problem." in users
    assert "| Measured | Level | Severity |" in users
    assert _table_row(users, "≥ 50%").endswith(
        '| **Most users** | <span class="pb-sev sev-SEV-1">SEV-1</span> [Critical](severities.md#sev-sev-1) |'
    )
    assert "| A noticeable share |" in _table_row(users, "10–50%")
    assert "[Minor](severities.md#sev-sev-3)" in _table_row(users, "1–10%")
    assert "[Low](severities.md#sev-sev-4)" in _table_row(users, "&lt; 1%")
    latency = _section(page, "## Latency")
    assert "| Measured | Severity |" in latency and "Level" not in latency
    assert "[Minor]" in _table_row(latency, "500ms–3s") and "[Major]" in _table_row(latency, "≥ 3s")
    assert "[Critical]" in _table_row(_section(page, "## Accounts affected"), "≥ 1000")
    functionality = _section(page, "## Functionality")
    assert "| Level | Severity |" in functionality
    assert "[Critical]" in _table_row(functionality, "**Unusable**: No workaround.")
    assert "A band includes its lower end and excludes its upper end." in page
    nav = files[generator.NAV_FILE]
    assert nav.index('"severities.md"') < nav.index('"classification.md"') < nav.index('"calendars.md"')


def test_classification_by_description_says_to_pick_the_level_that_fits(described: Playbook) -> None:
    files = generator.render(described)
    page = files["classification.md"]
    assert "选择描述最符合事件的级别。" in page and '!!! tip "有疑问时，偏向选择更高级别"' in page
    assert '- <span class="pb-sev sev-P1">P1</span> [紧急](severities.md#sev-p1)：核心功能不可用' in page
    assert "[一般](severities.md#sev-p3)" in page
    assert "matrix.md" not in files
    assert "[Severity Classification](classification.md)" in files["index.md"]
    assert "[Severity Classification](classification.md)" in files["severities.md"]


# -- terms, conditions, deadlines -------------------------------------------------------


def test_terms_define_groups_types_states_in_order_and_events(files: dict[str, str]) -> None:
    page = files["terms.md"]
    groups = _section(page, "## Severity groups")
    assert '<span id="group-major"></span>**Major incident** <code>major</code>' in groups
    assert '[<span class="pb-sev sev-SEV-2">SEV-2</span>](severities.md#sev-sev-2)' in groups
    assert '<span id="type-data-breach"></span>**Data breach**' in _section(page, "## Incident types")
    states = _section(page, "## Incident states")
    assert states.index('1. <span id="state-investigating">') < states.index(
        '3. <span id="state-monitoring">'
    )
    events = _section(page, "## Events")
    assert '<span id="event-acknowledged"></span>**acknowledged**' in events and "built in" in events
    assert "The first message on the status page." in events


def test_conditions_are_badges_on_the_workflow_linked_to_their_terms(
    book: Playbook, files: dict[str, str]
) -> None:
    page = files["workflow.md"]
    breach = book.workflow[2].when
    assert when_text(book, breach) == "only for: Data breach (SEV-1, SEV-2)"
    badge = '[<span class="pb-only">only for: Data breach (SEV-1, SEV-2)</span>](terms.md#type-data-breach)'
    assert f"## Phase 3: Breach notification {{ #phase-breach }}\n\n{badge}\n" in page
    assert f"| Breach notification {badge} |" in page
    assert '[<span class="pb-only">only for: Major incident</span>](terms.md#group-major)' in _table_row(
        page, "1.2"
    )
    assert '[<span class="pb-only">only for: Security</span>](terms.md#type-security)' in _table_row(
        page, "2.2"
    )
    assert '<span class="pb-only">only for: SEV-1</span> |' in _table_row(page, "4.2")
    assert "(within 15 minutes of first communication)" in _table_row(page, "1.2")
    assert "(24 hours before postmortem meeting)" in _table_row(page, "4.1")


def test_communication_rules_show_their_condition_and_deadline(files: dict[str, str]) -> None:
    page = files["communication.md"]
    executives = next(line for line in page.splitlines() if "| Executives |" in line)
    assert "only for: Major incident" in executives
    assert executives.endswith("| within 30 minutes; within 30 minutes of acknowledged |")
    breach = _table_row(page, "Personal data exposed")
    assert "The breach notification; within 72 hours of declaration" in breach
    assert "(terms.md#type-data-breach)" in breach


# -- checklists -------------------------------------------------------------------------


def _items(text: str) -> list[str]:
    return [line.strip()[6:] for line in text.splitlines() if line.strip().startswith("- [ ] ")]


def _tabs(text: str) -> dict[str, str]:
    parts = re.split(r'^=== "([^"]+)"$', text, flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("path", [SITE, BY_DESCRIPTION])
def test_each_checklist_tab_is_the_checklist_the_api_gives(path: Path) -> None:
    playbook = load(path)
    files = generator.render(playbook)
    names = {t.name: t.id for t in playbook.incident_types}
    standard = terms(playbook.language).standard
    for severity in playbook.severities:
        page = files[context(playbook).checklist_pages[severity.id]]
        tabs = _tabs(page)
        assert next(iter(tabs)) == standard
        for title, text in tabs.items():
            expected = derive.checklist_items(playbook, severity, incident_type=names.get(title))
            shown = _items(text)
            assert len(shown) == len(expected), (severity.id, title)
            for line, item in zip(shown, expected, strict=True):
                said = f"{item.id} {item.text}" if item.kind == "step" else item.text
                assert escape.text(said) in line, (line, said)
            assert playbook.checklist(severity.id, incident_type=names.get(title)).items == tuple(expected)


def test_a_type_that_changes_nothing_gets_no_tab_and_badges_name_conditions(files: dict[str, str]) -> None:
    tabs = _tabs(files["checklists/sev-3.md"])
    assert list(tabs) == ["Standard", "Security", "Data breach"]
    assert "3.1 Tell the data protection officer" in _tabs(files["checklists/sev-1.md"])["Data breach"]
    assert "3.1 Tell" not in tabs["Data breach"] and "Email to the regulator" in tabs["Data breach"]
    text = BY_DESCRIPTION.read_text("utf-8").replace(
        "  - {id: security, name: 安全事件}\n",
        "  - {id: security, name: 安全事件}\n  - {id: outage, name: 故障}\n",
    )
    result = validate_text(text, "by-description.yaml")
    assert result.playbook is not None and not result.errors
    assert list(_tabs(generator.render(result.playbook)["checklists/p1.md"])) == ["常规事件", "安全事件"]
    assert not any(
        "\n=== " in text for path, text in generator.render(default()).items() if "checklists/" in path
    )
    sev1 = _tabs(files["checklists/sev-1.md"])["Standard"]
    assert "- [ ] [Lead: Incident Lead](../roles/incident-lead.md)" in sev1
    assert (
        "- [ ] [not acknowledged within 15 minutes: page Incident Manager](../roles/incident-manager.md) "
        '[<span class="pb-only">only for: Major incident</span>](../terms.md#group-major)'
    ) in sev1
    assert "**Standard**\n    { .pb-print-only }" in files["checklists/sev-1.md"]


# -- roles, postmortem, rollback --------------------------------------------------------


def test_roles_show_the_lead_rotation_fallback_condition_and_escalation_timers(
    book: Playbook, files: dict[str, str]
) -> None:
    index = files["roles/index.md"]
    lead = next(
        line for line in index.splitlines() if line.startswith("| [Incident Lead](incident-lead.md) ")
    )
    assert '<span class="pb-lead">Lead role (SEV-1, SEV-3, SEV-4)</span>' in lead
    assert "<br>Rotation: Primary on-call<br>Fallback: [Incident Manager](incident-manager.md)" in lead
    assert (
        '[Security Officer](security-officer.md) [<span class="pb-only">only for: Security, Data breach'
        in index
    )
    timers = _section(index, "## Escalation timers")
    assert "{ #escalations }" in timers and "| Timer | Applies to |" in timers
    assert escape.text(escalation_text(book, book.escalations[2])) in timers
    manager = files["roles/incident-manager.md"]
    assert (
        '<span class="pb-lead">Lead role (SEV-2)</span>' in manager and "**Rotation**: IM on-call" in manager
    )
    paged = _section(manager, "## Paged by escalation")
    assert "- not acknowledged within 15 minutes: page Incident Manager\n" in paged  # not a link to itself
    assert "**Fallback**: [Incident Manager](incident-manager.md)" in files["roles/security-officer.md"]


def test_postmortem_requirement_deadlines_lifecycle_and_nested_sections(
    book: Playbook, files: dict[str, str]
) -> None:
    page = files["postmortem.md"]
    assert "meeting" not in page.split("``` markdown")[0].lower()
    assert '**Postmortem required** [<span class="pb-only">only for: Major incident</span>]' in page
    say = phrases("en")
    assert book.postmortem is not None
    three_days = say.duration(book.postmortem.due[0].within)
    assert f"[Critical](severities.md#sev-sev-1) | within {three_days} of resolution |" in page
    assert "[Major](severities.md#sev-sev-2) | within 5 business days of resolution |" in page
    assert "[Minor](severities.md#sev-sev-3) | no postmortem required |" in page
    assert (
        "1. **Draft**: Being written.\n2. **In review**\n3. **Published**: Shared with the company." in page
    )
    assert "### Timeline\n\n[Times in UTC]" in page and "#### Customers" in page
    assert "| &emsp;Timeline | <code>timeline</code> |" in page
    assert "| &emsp;&emsp;Customers | <code>customers</code> |" in page


def test_mitigation_actions_and_the_action_each_rule_calls_for(files: dict[str, str]) -> None:
    page = files["rollback.md"]
    assert '| <span id="act-failover"></span>**Fail over** | Move traffic to the standby region. |' in page
    assert "- Error rate &gt; 10% for 5 minutes → [Fail over](rollback.md#act-failover)" in page
    assert "| Error rate 5-10% for 5 minutes | <code>error&#95;rate</code> | Consider |" in page
    assert "| Traffic | [Fail over](rollback.md#act-failover): Fail over to the standby region |" in page
    assert "Verification" not in page


def test_every_word_is_said_in_chinese_too(described: Playbook) -> None:
    files = generator.render(described)
    assert "| **处理时段** | [仅在办公时间内处理](calendars.md#cal-office) |" in files["severities.md"]
    assert "| **主导角色** | [事件负责人](roles/lead.md) |" in files["severities.md"]
    assert "**典型响应**：" in files["severities.md"]
    assert "| 周一 | 09:30–18:30 |" in files["calendars.md"] and "| 周六 | 休息 |" in files["calendars.md"]
    assert "## 级别分组" in files["terms.md"] and "## 事件状态" in files["terms.md"]
    assert '**需要复盘** [<span class="pb-only">仅适用于：重大事件</span>]' in files["postmortem.md"]
    assert '=== "常规事件"' in files["checklists/p1.md"] and '=== "安全事件"' in files["checklists/p1.md"]
    assert "值班表：一线值班" in files["roles/index.md"]


def test_the_readme_format_2_example_validates_strictly_and_renders() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme[readme.index("### Format 2") :]
    example = section[section.index("```yaml\n") + 8 : section.index("\n```\n")]
    result = validate_text(example, "README.md")
    assert result.playbook is not None and not result.problems, [str(p) for p in result.problems]
    files = generator.render(result.playbook)
    assert {"classification.md", "calendars.md", "terms.md"} <= set(files)
    for key in ("calendars", "coverage", "updates", "escalations", "axes", "band", "deadline", "statuses"):
        assert f"{key}:" in example, key


HOSTILE = "<script>x</script> | *a* [l](javascript:alert(1)) `c` {#id} -"


def test_hostile_names_in_new_constructs_stay_text() -> None:
    text = SITE.read_text("utf-8")
    for old in (
        "name: Office hours",
        "name: Major incident",
        "name: Data breach",
        "name: Investigating",
        "name: first communication",
        "name: Users affected",
        "name: Most users",
        "description: A noticeable share",
        "rotation: IM on-call",
        "name: Fail over",
        "name: In review",
        "Page the Incident Manager",
        "name: Christmas Day",
    ):
        assert old in text, old
        key, _, _ = old.partition(": ")
        text = text.replace(old, f"{key}: {HOSTILE!r}" if ": " in old else repr(HOSTILE), 1)
    result = validate_text(text, "hostile.yaml")
    assert result.playbook is not None and not result.errors, [str(p) for p in result.problems]
    files = generator.render(result.playbook)
    for path in ("severities.md", "calendars.md", "classification.md", "terms.md", "roles/index.md"):
        page = files[path]
        assert "<script" not in page and "](javascript:" not in page, path
        for table in re.findall(r"(?m)(?:^\|.*\n)+", page):
            assert len({line.count("|") for line in table.splitlines()}) == 1, (path, table)
    assert "&lt;script&gt;x&lt;/script&gt; &#124; &#42;a&#42;" in files["terms.md"]
    assert "&lt;script&gt;x&lt;/script&gt; &#124;" in files["rollback.md"]
    assert "&lt;script&gt;x&lt;/script&gt; &#124;" in files["postmortem.md"]


# -- in a browser -----------------------------------------------------------------------

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
SHOWN = ("severities.html", "classification.html", "workflow.html", "roles/index.html", "postmortem.html")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import functools
    import http.server
    import shutil
    import threading

    from test_site import mkdocs_build

    root = tmp_path_factory.mktemp("format2")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    generator.write_site(root / "site", generator.render(load(SITE), schema=schema_text()))
    result = mkdocs_build(root / "mkdocs.yml", root / "out")
    assert result.returncode == 0, result.stderr

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root / "out"))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not at /usr/bin/chromium")
def test_pages_fit_a_phone_and_a_laptop_and_badges_show(built: str) -> None:
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        requests: list[str] = []
        try:
            for width in (1280, 390):
                session = browser.new_context(
                    viewport={"width": width, "height": 900}, service_workers="block"
                )
                session.on("request", lambda request: requests.append(request.url))
                page = session.new_page()
                for path in SHOWN:
                    page.goto(built + path, wait_until="load")
                    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                    assert overflow <= 0, (path, width, overflow)
                    name = path.replace("/", "-").removesuffix(".html")
                    page.screenshot(path=str(ARTIFACTS / f"format2-{name}-{width}.png"), full_page=True)
                page.goto(built + "workflow.html", wait_until="load")
                badge = page.locator(".pb-only").first
                assert badge.is_visible()
                assert badge.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
                assert all(url.startswith(built) or url.startswith("data:") for url in requests)
                session.close()
        finally:
            browser.close()
