"""The site generator: pure rendering, escaping of hostile values, and the writer that owns site/."""

from __future__ import annotations

import ast
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

import playbook.site as generator
from playbook import default
from playbook.model import Playbook
from playbook.schema import schema_text
from playbook.site import escape
from playbook.site.palette import colours
from playbook.site.writer import (
    MANIFEST,
    ConflictError,
    Difference,
    ManifestError,
    check_site,
    read_manifest,
    write_site,
)

REPO = Path(__file__).resolve().parent.parent

# Every kind of markup a value could smuggle into a page: HTML, a table pipe, a newline,
# a javascript: link, emphasis, code, an attribute list, an admonition, a fence, a list.
HOSTILE = (
    " <script>alert(1)</script> | cell\nnext [x](javascript:alert(1)) "
    '<img src=x onerror=alert(1)> *em* _u_ `tick` {: onclick="alert(1)" } !!! note ``` &amp; \\|'
)

# Keys whose values are free text (everything else is an id, a reference, a duration or a threshold).
FREE_TEXT = {
    "name",
    "label",
    "impact",
    "examples",
    "resolution",
    "escalation",
    "commander",
    "purpose",
    "includes",
    "excludes",
    "description",
    "title",
    "questions",
    "action",
    "goal",
    "channels",
    "audience",
    "scenario",
    "message",
    "content",
    "note",
    "component",
    "method",
    "command",
    "operation",
    "item",
    "placeholder",
    "body",
    "choices",
    "version",
}


def _poison(node: Any, key: str | None = None) -> Any:
    if isinstance(node, dict):
        return {k: _poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, key) for v in node]
    if isinstance(node, str) and key in FREE_TEXT:
        # A template body keeps its placeholders; a brace of the hostile text is doubled to show it.
        return node + (HOSTILE.replace("{", "{{").replace("}", "}}") if key == "body" else HOSTILE)
    return node


def hostile_playbook() -> Playbook:
    """The default playbook with hostile text appended to every free-text value."""
    data = _poison(default().model_dump(mode="json", by_alias=True))
    data["name"] = "- " + data["name"]  # a value that would start a list
    docs = data["related_documents"]
    docs.append({"id": "js", "title": "JS link", "path": "javascript:alert(1)", "purpose": "x"})
    docs.append({"id": "proto", "title": "Protocol-relative", "path": "//evil.example/x", "purpose": "x"})
    docs.append({"id": "web", "title": "Web page", "path": "https://example.com/a b(c)", "purpose": "x"})
    return Playbook.model_validate(data)


@pytest.fixture(scope="module")
def files() -> dict[str, str]:
    return generator.render(default(), schema=schema_text())


@pytest.fixture(scope="module")
def hostile_files() -> dict[str, str]:
    return generator.render(hostile_playbook(), schema=schema_text())


# Rendering -------------------------------------------------------------------------------


def test_render_is_deterministic_and_sorted(files: dict[str, str]) -> None:
    again = generator.render(default(), schema=schema_text())
    assert again == files
    assert list(files) == sorted(files)


def test_every_page_of_the_issue_is_generated(files: dict[str, str]) -> None:
    expected = {
        "index.md",
        "severities.md",
        "matrix.md",
        "detection.md",
        "workflow.md",
        "communication.md",
        "rollback.md",
        "postmortem.md",
        "related.md",
        "checklists/index.md",
        "checklists/p0.md",
        "checklists/p1.md",
        "checklists/p2.md",
        "roles/index.md",
        "assets/playbook.css",
        "assets/severities.css",
        "assets/print.css",
        "downloads/postmortem-template.txt",
        "playbook.json",
        "playbook.schema.json",
        ".nav.yml",
    }
    assert expected <= set(files)
    roles = {f"roles/{role.id}.md" for role in default().roles}
    assert roles <= set(files)


def test_paths_stay_inside_the_site(files: dict[str, str]) -> None:
    for path in files:
        assert not path.startswith("/") and ".." not in path.split("/") and "\\" not in path


def test_committed_site_is_current(files: dict[str, str]) -> None:
    stale = check_site(REPO / "site", files)
    assert stale == [], f"site/ is stale, run `playbook docs` and commit: {[str(d) for d in stale]}"


def test_machine_readable_files(files: dict[str, str]) -> None:
    expected = default().model_dump(mode="json", by_alias=True, exclude_none=True)
    assert json.loads(files["playbook.json"]) == expected
    assert files["playbook.schema.json"] == (REPO / "schema" / "playbook.schema.json").read_text("utf-8")
    home = files["index.md"]
    assert "](playbook.json)" in home and "](playbook.schema.json)" in home


def test_typed_values_are_phrased_in_the_playbook_language(files: dict[str, str]) -> None:
    assert "| **响应时间** | 15 分钟内响应 |" in files["severities.md"]
    assert "| **解决目标** | 1 小时内止损或回滚 |" in files["severities.md"]
    assert "| **通信频率** | 每 15 分钟更新状态 |" in files["severities.md"]
    assert "API 错误率 &gt; 5%、响应时间 &gt; 2s、数据库连接池 &gt; 90%" in files["detection.md"]
    rollback = files["rollback.md"]
    for text in ("API 错误率 &gt; 10% 持续 5 分钟", "API 错误率 5-10% 持续 10 分钟", "支付成功率 &lt; 90%"):
        assert f"    - {text}\n" in rollback
    assert "性能严重劣化（p95 &gt; 5s）" in rollback
    assert "| 5.2 | 组织复盘会议（48 小时内） |" in files["workflow.md"]


def test_triage_rules_are_derived(files: dict[str, str]) -> None:
    page = files["detection.md"]
    # The matrix is a page of its own, linked, not "above" (上方) as in the one-page seed.
    assert "    - 参照 [Severity Matrix](matrix.md)\n" in page
    assert "上方" not in page
    assert "    - 有疑问时，偏向选择更高级别\n" in page
    p0p1 = '<span class="pb-sev sev-P0">P0</span>/<span class="pb-sev sev-P1">P1</span>'
    assert f"    - {p0p1}：由在线的最资深工程师担任\n" in page
    assert '    - <span class="pb-sev sev-P2">P2</span>：由对应模块负责人担任\n' in page


def test_owners_link_to_role_pages_and_role_pages_list_what_they_own(files: dict[str, str]) -> None:
    assert (
        "[Backend Lead](roles/backend-lead.md) / [DevOps Lead](roles/devops-lead.md)" in files["workflow.md"]
    )
    commander = files["roles/incident-commander.md"]
    for step in ("2.1", "2.2", "2.3", "2.4", "3.5", "4.5", "5.1", "5.2", "5.3"):
        assert f"| {step} |" in commander
    assert "| 3.3 |" not in commander
    assert "考虑回滚（需 Incident Commander 决策）" in commander
    backend = files["roles/backend-lead.md"]
    assert "| 3.3 |" in backend and "<code>alembic downgrade -1</code>" in backend


def test_checklists_hold_targets_steps_verification_and_postmortem(files: dict[str, str]) -> None:
    p0 = files["checklists/p0.md"]
    for line in (
        "- [ ] 15 分钟内响应",
        "- [ ] Incident Commander：在线的最资深工程师",
        "- [ ] 每 15 分钟更新状态",
        "- [ ] 通知 全技术团队 + 管理层（Slack + 电话，立即），立即通知所有相关负责人 + 管理层",
        "- [ ] 1 小时内止损或回滚",
        "- [ ] 3.3 执行止损方案",
        "Health check endpoints 全绿",
        "- [ ] 5.2 组织复盘会议（48 小时内）",
    ):
        assert line in p0, line
    assert "- [ ] Incident Commander：对应模块负责人" in files["checklists/p2.md"]


def test_message_templates_show_placeholders_as_the_seed_does(files: dict[str, str]) -> None:
    page = files["communication.md"]
    assert "    🚨 [P0/P1/P2] Incident: [简短描述]\n" in page
    assert "    - 状态：调查中 / 止损中 / 已恢复\n" in page
    assert '=== "事件启动通知"' in page


def test_same_colour_for_a_severity_everywhere(files: dict[str, str]) -> None:
    css = files["assets/severities.css"]
    for colour in colours([s.id for s in default().severities]):
        assert css.count(f".{colour.css_class} {{") == 1
        assert f"--pb-sev-bg: {colour.background};" in css
    # No page sets a colour of its own: they only name the class.
    for path, text in files.items():
        if path.endswith(".md"):
            assert not re.search(r"(?i)(background|color)\s*:", text), path


def test_colours_follow_rank_for_any_number_of_levels() -> None:
    five = colours([f"SEV-{n}" for n in range(1, 6)])
    assert len({c.background for c in five}) == 5
    assert five[0].background == colours(["a", "b"])[0].background == "#c62828"
    assert all(c.foreground in ("#000000", "#ffffff") for c in five)


def test_a_tbd_document_is_a_gap_not_a_link(files: dict[str, str]) -> None:
    page = files["related.md"]
    row = next(line for line in page.splitlines() if "Monitoring Setup" in line and line.startswith("|"))
    assert '<span class="pb-gap"' in row and "](" not in row


def test_postmortem_download_reconstructs_the_template(files: dict[str, str]) -> None:
    text = files["downloads/postmortem-template.txt"]
    assert text.startswith("# Postmortem: [事件标题]\n\n**Date**: YYYY-MM-DD\n**Severity**: P0 / P1 / P2\n")
    assert text.endswith("## Lessons Learned\n\n[从这次事件中学到的关键经验]\n")
    assert 'download="postmortem-template.md"' in files["postmortem.md"]


def test_another_organisations_playbook_renders() -> None:
    data = default().model_dump(mode="json", by_alias=True)
    data["language"] = "en"
    ids = {"P0": "SEV-1", "P1": "SEV.2", "P2": "sev_3"}
    for severity in data["severities"]:
        severity["id"] = ids[severity["id"]]
    data["classification"]["matrix"] = {
        reach: {impact: ids[value] for impact, value in row.items()}
        for reach, row in data["classification"]["matrix"].items()
    }
    for rule in data["communication"]["internal"]:
        if rule.get("severity"):
            rule["severity"] = ids[rule["severity"]]
    for rule in data["communication"]["external"]:
        rule["severities"] = [ids[s] for s in rule["severities"]]
    out = generator.render(Playbook.model_validate(data))
    assert {"checklists/sev-1.md", "checklists/sev-2.md", "checklists/sev_3.md"} <= set(out)
    assert r".sev-SEV\.2 {" in out["assets/severities.css"]
    assert "| **Response time** | respond within 15 minutes |" in out["severities.md"]
    # Words around the playbook's text are English, with English punctuation.
    assert re.search(r"\]\(severities\.md#sev-sev-1\): \S", out["matrix.md"]), out["matrix.md"]
    assert "[Checklist: SEV-1 - Critical" in out["severities.md"]
    assert "| Severity | Response time | Resolution target | Checklist |" in out["checklists/index.md"]
    assert "    Decides: [Incident Commander](roles/incident-commander.md)\n" in out["rollback.md"]
    assert "playbook.schema.json" not in out


# Escaping --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a | b", "a &#124; b"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ("[x](javascript:alert(1))", "&#91;x&#93;(javascript:alert(1))"),
        ("line\nbreak", "line break"),
        ("*em* _u_ `c`", "&#42;em&#42; &#95;u&#95; &#96;c&#96;"),
        ("{: onclick=x }", "&#123;: onclick=x &#125;"),
        ("- item", "&#45; item"),
        ("1. item", "1&#46; item"),
        ("1.1", "1.1"),
        ("5-10%", "5-10%"),
        ("=== tab", "&#61;== tab"),
        ("a\x02b\x03c", "abc"),
        ("&lt;", "&amp;lt;"),
    ],
)
def test_text_escape(value: str, expected: str) -> None:
    assert escape.text(value) == expected


@pytest.mark.parametrize(
    ("target", "linked"),
    [
        ("https://example.com/a", True),
        ("http://example.com", True),
        ("mailto:oncall@example.com", True),
        ("../roles/x.md", True),
        ("page.md#anchor", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//evil.example/x", False),
        ("https:evil", False),
        ("file:///etc/passwd", False),
    ],
)
def test_only_safe_links(target: str, linked: bool) -> None:
    assert (escape.safe_href(target) is not None) is linked
    rendered = escape.link("label", target)
    assert rendered.startswith("[label](") is linked


def test_fill_escapes_values_keeps_markup_and_the_spaces_of_its_words() -> None:
    from markupsafe import Markup

    owner = Markup("[Ops](roles/ops.md)")
    filled = escape.fill("Reviewed by {owner}; due {due}", owner=owner, due="*soon* |")
    assert filled == "Reviewed by [Ops](roles/ops.md); due &#42;soon&#42; &#124;"
    filled = escape.fill("每 {period}由 {owner} 复审", period="6 个月", owner="<b>")
    assert filled == "每 6 个月由 &lt;b&gt; 复审"


def test_link_targets_are_percent_encoded() -> None:
    assert escape.link("x", "https://example.com/a b(c)") == "[x](https://example.com/a%20b%28c%29)"


def test_fence_is_longer_than_any_backtick_run_inside() -> None:
    block = escape.fence("a\n````\nb")
    assert block.startswith("````` text\n") and block.endswith("\n`````")


def test_mermaid_labels_keep_only_letters_digits_and_spaces() -> None:
    assert escape.mermaid('Go"] --> x[<b>') == "Go#34;#93; #45;#45;#62; x#91;#60;b#62;"
    assert escape.mermaid("发现 1") == "发现 1"


def _table_rows(text: str) -> list[list[str]]:
    tables, current = [], []
    for line in text.splitlines():
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


_FENCE = re.compile(r"^( *)(`{3,}) ?[a-z]*\n.*?\n\1\2$", re.S | re.M)


def test_hostile_values_cannot_break_out_of_the_markdown(hostile_files: dict[str, str]) -> None:
    pages = {p: t for p, t in hostile_files.items() if p.endswith(".md")}
    assert len(pages) > 20
    # Code blocks show values verbatim, inside a fence longer than any backtick run in them.
    fenced = {p: _FENCE.findall(t) for p, t in pages.items()}
    assert all(len(ticks) > 3 for blocks in fenced.values() for _, ticks in blocks if ticks != "```")
    assert len(fenced["communication.md"]) == 3 and len(fenced["postmortem.md"]) == 1
    pages = {p: _FENCE.sub("", t) for p, t in pages.items()}
    everything = "\n".join(pages.values())
    # The only raw tag a page writes itself is the workflow page's Mermaid script.
    assert everything.count("<script") == 1
    assert '<script src="assets/vendor/mermaid.min.js"></script>' in pages["workflow.md"]
    for needle in ("<img", "](javascript", "](//", "[x]", "{: onclick", "``` &amp;"):
        assert needle not in everything, needle
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#124; cell next" in everything
    for path, text in pages.items():
        for table in _table_rows(text):
            widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
            assert len(widths) == 1, (path, table)
        # No hostile value starts a line: every line is the generator's own structure.
        for line in text.splitlines():
            assert not line.lstrip().startswith(("&lt;", "!!! note", "next")), (path, line)


def test_hostile_values_in_fences_mermaid_yaml_and_css(hostile_files: dict[str, str]) -> None:
    workflow = hostile_files["workflow.md"]
    diagram = workflow.split("``` mermaid\n", 1)[1].split("\n```", 1)[0]
    for line in diagram.splitlines()[1:]:
        assert re.fullmatch(r'    p\d+\["[^"<>`]*(<br/>[^"<>`]*)?"\]|    p\d+( --> p\d+)+', line), line
    rollback = hostile_files["rollback.md"]
    fence = re.search(r"^(`{3,}) bash\n(.*?)\n\1$", rollback, re.S | re.M)
    assert fence is not None and len(fence.group(1)) > 3 and "<script>" in fence.group(2)
    nav = hostile_files[".nav.yml"]
    site_name = json.loads(nav.split("site_name: ", 1)[1].split("\n", 1)[0])
    assert "<" not in site_name and "&lt;script&gt;" in site_name
    titles = [
        line for text in hostile_files.values() for line in text.splitlines() if line.startswith("title: ")
    ]
    assert titles and all("<" not in json.loads(t[len("title: ") :]) for t in titles)
    assert "alert" not in hostile_files["assets/severities.css"]


def test_hostile_document_paths_are_not_links(hostile_files: dict[str, str]) -> None:
    page = hostile_files["related.md"]
    assert "<code>javascript:alert(1)</code>" in page
    assert "<code>//evil.example/x</code>" in page and "](//evil" not in page
    assert "](https://example.com/a%20b%28c%29)" in page


# The writer ------------------------------------------------------------------------------

PAGES = {"index.md": "# Home\n", "roles/a.md": "# A\n", "assets/x.css": "a{}\n"}


def test_write_creates_files_and_manifest(tmp_path: Path) -> None:
    report = write_site(tmp_path, PAGES)
    assert sorted(report.written) == sorted(PAGES)
    for path, text in PAGES.items():
        assert (tmp_path / path).read_text("utf-8") == text
    manifest = json.loads((tmp_path / MANIFEST).read_text("utf-8"))
    assert set(manifest["files"]) == set(PAGES)
    assert read_manifest(tmp_path) == manifest["files"]
    assert check_site(tmp_path, PAGES) == []
    again = write_site(tmp_path, PAGES)
    assert not again.changed and sorted(again.unchanged) == sorted(PAGES)


def test_a_foreign_file_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "roles").mkdir()
    (tmp_path / "roles" / "a.md").write_text("mine\n", "utf-8")
    with pytest.raises(ConflictError) as caught:
        write_site(tmp_path, PAGES)
    assert caught.value.paths == ["roles/a.md"]
    assert (tmp_path / "roles" / "a.md").read_text("utf-8") == "mine\n"
    # Nothing at all was written: the conflict is found before the first write.
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md", "roles"]
    assert check_site(tmp_path, PAGES) == [
        Difference("assets/x.css", "missing"),
        Difference("index.md", "missing"),
        Difference("roles/a.md", "foreign"),
        Difference(MANIFEST, "missing"),
    ]


def test_a_foreign_file_is_never_deleted(tmp_path: Path) -> None:
    write_site(tmp_path, PAGES)
    (tmp_path / "roles" / "notes.md").write_text("keep\n", "utf-8")
    (tmp_path / "CNAME").write_text("docs.example\n", "utf-8")
    report = write_site(tmp_path, {"index.md": "# Home\n"})
    assert sorted(report.deleted) == ["assets/x.css", "roles/a.md"]
    assert (tmp_path / "roles" / "notes.md").read_text("utf-8") == "keep\n"
    assert (tmp_path / "CNAME").exists()
    assert not (tmp_path / "assets").exists()  # emptied by the deletion, so removed
    assert set(read_manifest(tmp_path)) == {"index.md"}


def test_identical_foreign_file_is_adopted(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text("# Home\n", "utf-8")
    report = write_site(tmp_path, PAGES)
    assert "index.md" in report.unchanged
    assert set(read_manifest(tmp_path)) == set(PAGES)


def test_an_owned_file_edited_by_hand_and_no_longer_generated_is_kept(tmp_path: Path) -> None:
    write_site(tmp_path, PAGES)
    (tmp_path / "roles" / "a.md").write_text("# A, with my notes\n", "utf-8")
    report = write_site(tmp_path, {"index.md": "# Home\n", "assets/x.css": "a{}\n"})
    assert report.kept == ("roles/a.md",)
    assert (tmp_path / "roles" / "a.md").exists()
    assert "roles/a.md" not in read_manifest(tmp_path)


def test_check_lists_stale_missing_and_extra(tmp_path: Path) -> None:
    write_site(tmp_path, PAGES)
    changed = {**PAGES, "index.md": "# Home, changed\n", "new.md": "# New\n"}
    del changed["assets/x.css"]
    assert check_site(tmp_path, changed) == [
        Difference("index.md", "stale"),
        Difference("new.md", "missing"),
        Difference("assets/x.css", "extra"),
        Difference(MANIFEST, "stale"),
    ]


def test_an_interrupted_run_leaves_every_page_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_site(tmp_path, PAGES)
    new = {path: text.replace("\n", " v2\n") for path, text in PAGES.items()} | {"extra.md": "# Extra\n"}
    real_replace = os.replace
    calls = {"n": 0}

    def crash_on_third(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        write_site(tmp_path, new)
    monkeypatch.setattr(os, "replace", real_replace)
    for path in PAGES:
        assert (tmp_path / path).read_text("utf-8") in (PAGES[path], new[path])
    assert not list(tmp_path.rglob("*.tmp")), "temporary files left behind"
    # The next run knows every file the interrupted one wrote, so it finishes without a conflict.
    write_site(tmp_path, new)
    assert check_site(tmp_path, new) == []


@pytest.mark.parametrize(
    "entry",
    ["../outside.txt", "/etc/hostname", "a/../../outside.txt", "nul\x00.md", "up/outside.txt", "roles"],
    ids=["dot-dot", "absolute", "climbing", "nul", "through-a-link", "a-folder"],
)
def test_a_tampered_manifest_is_refused_and_nothing_outside_is_touched(tmp_path: Path, entry: str) -> None:
    site = tmp_path / "site"
    outside = tmp_path / "outside.txt"
    outside.write_text("precious\n", "utf-8")
    write_site(site, PAGES)
    (site / "up").symlink_to("..")
    manifest = json.loads((site / MANIFEST).read_text("utf-8"))
    manifest["files"][entry] = hashlib.sha256(b"precious\n").hexdigest()
    (site / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ManifestError, match="remove the entry"):
        write_site(site, {"index.md": "# Home\n"})
    assert outside.read_text("utf-8") == "precious\n"
    assert (site / "roles" / "a.md").exists(), "nothing was deleted"


def test_generated_paths_are_checked(tmp_path: Path) -> None:
    for bad in ("../x.md", "/abs.md", "a//b.md", MANIFEST, "a\\b.md"):
        with pytest.raises(ValueError):
            write_site(tmp_path / "site", {bad: "x"})
    assert not (tmp_path / "site").exists()


# Layering --------------------------------------------------------------------------------


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported when the file runs: imports under ``if TYPE_CHECKING:`` are left out."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
        for inner in ast.walk(node)
    }
    names = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_generator_imports_only_the_model_layer() -> None:
    allowed = {"playbook.model", "playbook.derive", "playbook.wording", "playbook.units", "playbook.files"}
    paths = sorted((REPO / "playbook" / "site").rglob("*.py"))
    assert REPO / "playbook" / "site" / "pages" / "home.py" in paths
    for path in paths:
        used = {
            name
            for name in _runtime_imports(path)
            if (name == "playbook" or name.startswith("playbook.")) and not name.startswith("playbook.site")
        }
        assert used <= allowed, (path.relative_to(REPO).as_posix(), used - allowed)


def test_playbook_core_never_imports_the_generator() -> None:
    for path in (REPO / "playbook").rglob("*.py"):
        if path.relative_to(REPO / "playbook").parts[0] in ("cli", "site"):
            continue  # the one place that wires both, and the generator itself
        names = _imports(path)
        assert not any(n == "playbook.site" or n.startswith("playbook.site.") for n in names), path
