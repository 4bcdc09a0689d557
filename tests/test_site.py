"""The built site: MkDocs strict build, the seed walk, reproducibility, self-containment, safety."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

import playbook.site as generator
from playbook import default
from playbook.cli import main
from playbook.schema import schema_text

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).resolve().parent / "seed" / "incident-response-playbook.md"
EPOCH = "1766448000"  # 2025-12-23, the playbook's "updated"
MERMAID_SHA256 = "581ed7d74bd9048d0e3a91363927d72ef22942d7722546b27f7cc29e35390eb8"


def mkdocs_build(config: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``config`` into ``out``, with a fixed SOURCE_DATE_EPOCH."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


@dataclass
class Built:
    root: Path
    seconds: float
    log: str


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    out = tmp_path_factory.mktemp("built") / "site"
    start = time.perf_counter()
    result = mkdocs_build(REPO / "mkdocs.yml", out)
    seconds = time.perf_counter() - start
    assert result.returncode == 0, result.stderr
    return Built(out, seconds, result.stderr)


# Reading HTML ----------------------------------------------------------------------------

_INLINE = {"a", "b", "code", "em", "i", "kbd", "mark", "small", "span", "strong", "sub", "sup"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def norm(text: str) -> str:
    """Whitespace collapsed, Markdown emphasis and code marks and permalink signs removed."""
    text = text.replace("**", "").replace("`", "").replace("¶", "").replace("\u200b", "")
    return " ".join(text.split())


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    parts: list[str] = field(default_factory=list)
    nested_lists: int = 0


class Page(HTMLParser):
    """What the tests read from a built page: its main content's cells, items, headings, code."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[Element] = []
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.cells: list[str] = []
        self.items: list[str] = []
        self.headings: list[str] = []
        self.code: list[str] = []
        self.scripts: list[str] = []
        self.text_parts: list[str] = []
        self.title = ""
        self.feed(html)
        self.close()

    @property
    def text(self) -> str:
        return norm("".join(self.text_parts))

    def _inside(self, tag: str) -> bool:
        return any(e.tag == tag for e in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag not in _INLINE:
            self.text_parts.append(" ")  # a block boundary separates words
        if tag in _VOID:
            return
        if tag in ("ul", "ol"):
            for e in self.open:
                if e.tag == "li":
                    e.nested_lists += 1
        self.open.append(Element(tag, attributes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag not in _INLINE:
            self.text_parts.append(" ")
        while self.open:
            element = self.open.pop()
            self._close(element)
            if element.tag == tag:
                break

    def _close(self, e: Element) -> None:
        text = "".join(e.parts)
        if e.tag in ("ul", "ol"):
            for other in self.open:
                if other.tag == "li" and other.nested_lists:
                    other.nested_lists -= 1
        if e.tag == "title":
            self.title = text
        if e.tag == "script":
            self.scripts.append(text)
        if not self._inside("article"):
            return
        if e.tag in ("td", "th"):
            self.cells.append(norm(text))
        elif e.tag == "li":
            self.items.append(norm(text))
        elif re.fullmatch(r"h[1-6]", e.tag):
            self.headings.append(norm(text))
        elif e.tag == "pre":
            self.code.append(text)

    def handle_data(self, data: str) -> None:
        for e in self.open:
            if e.tag == "li" and e.nested_lists:
                continue
            e.parts.append(data)
        if self._inside("article") and not self._inside("script"):
            self.text_parts.append(data)


def read(root: Path, path: str) -> Page:
    return Page((root / path).read_text("utf-8"))


# The build -------------------------------------------------------------------------------


def test_mkdocs_build_strict_passes(built: Built) -> None:
    assert "WARNING" not in built.log and "ERROR" not in built.log
    pages = sorted(p.relative_to(built.root).as_posix() for p in built.root.rglob("*.html"))
    assert "index.html" in pages and "checklists/p0.html" in pages and "roles/qa-lead.html" in pages
    print(f"\n{len(pages)} HTML pages built in {built.seconds:.1f} s")


def test_two_builds_are_byte_identical(built: Built, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert mkdocs_build(REPO / "mkdocs.yml", again).returncode == 0

    def digests(root: Path) -> dict[str, str]:
        return {
            p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file()
        }

    first, second = digests(built.root), digests(again)
    assert first == second, sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))


def test_mkdocs_configuration() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))
    assert config["theme"].name == "material"
    assert config["theme"]["font"] is False
    assert Path(config["docs_dir"]) == REPO / "site"
    assert Path(config["site_dir"]) == REPO / "build" / "site"
    # The workflow page loads Mermaid with a path relative to its own .md file.
    assert config["use_directory_urls"] is False
    assert config["site_name"] == default().name
    assert config["theme"]["language"] == "zh"
    extensions = set(config["markdown_extensions"])
    assert {
        "admonition",
        "tables",
        "pymdownx.tabbed",
        "pymdownx.superfences",
        "pymdownx.tasklist",
    } <= extensions
    # snippets would let a value include files from the build machine
    assert "pymdownx.snippets" not in extensions
    assert "content.code.copy" in config["theme"]["features"]
    assert [str(c) for c in config["extra_css"]] == [
        "assets/playbook.css",
        "assets/severities.css",
        "assets/print.css",
    ]


def test_nav_lists_exactly_the_generated_pages() -> None:
    from mkdocs.config import load_config

    config = load_config(str(REPO / "mkdocs.yml"))

    def paths(items: list[object]) -> list[str]:
        out: list[str] = []
        for item in items:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, dict):
                for value in item.values():
                    out += paths(value) if isinstance(value, list) else [str(value)]
        return out

    files = generator.render(default(), schema=schema_text())
    assert sorted(paths(config["nav"])) == sorted(p for p in files if p.endswith(".md"))


def test_vendored_mermaid_is_the_pinned_version_material_expects() -> None:
    script = REPO / "site" / generator.MERMAID_PATH
    assert hashlib.sha256(script.read_bytes()).hexdigest() == MERMAID_SHA256
    assert MERMAID_SHA256 in (script.parent / "mermaid.NOTICE.txt").read_text("utf-8")
    assert re.search(rb'version:"11\.\d+\.\d+"', script.read_bytes())
    import material

    bundle = next(
        (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.js")
    )
    assert "unpkg.com/mermaid@11/" in bundle.read_text("utf-8")


def test_machine_readable_files_are_published(built: Built) -> None:
    import json

    assert json.loads((built.root / "playbook.json").read_text("utf-8")) == default().model_dump(
        mode="json", by_alias=True, exclude_none=True
    )
    assert (built.root / "playbook.schema.json").read_text("utf-8") == schema_text()
    links = {attrs.get("href") for tag, attrs in read(built.root, "index.html").tags if tag == "a"}
    assert {"playbook.json", "playbook.schema.json", "matrix.html", "checklists/p0.html"} <= links


def test_postmortem_template_is_downloadable_as_markdown(built: Built) -> None:
    page = read(built.root, "postmortem.html")
    (link,) = [a for tag, a in page.tags if tag == "a" and "download" in a]
    assert link["download"] == "postmortem-template.md"
    assert (built.root / link["href"]).read_text("utf-8") == seed_blocks()["Postmortem Template"][0] + "\n"


# Self-contained --------------------------------------------------------------------------

_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)


def test_nothing_is_loaded_from_another_origin(built: Built) -> None:
    loaders = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
    }
    for path in built.root.rglob("*.html"):
        page = Page(path.read_text("utf-8"))
        for tag, attrs in page.tags:
            if tag in loaders:
                assert not _EXTERNAL.match(attrs.get(loaders[tag], "")), (path, tag, attrs)
            if tag == "link" and attrs.get("rel", "") != "canonical":
                assert not _EXTERNAL.match(attrs.get("href", "")), (path, attrs)
    for css in built.root.rglob("*.css"):
        text = css.read_text("utf-8")
        assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", text, re.I), css
    assert "fonts.googleapis.com" not in (built.root / "index.html").read_text("utf-8")


def test_mermaid_is_loaded_only_by_the_workflow_page(built: Built) -> None:
    for path in built.root.rglob("*.html"):
        sources = [a.get("src", "") for tag, a in Page(path.read_text("utf-8")).tags if tag == "script"]
        has = any(src.endswith("mermaid.min.js") for src in sources)
        assert has == (path.name == "workflow.html"), path


# Search ----------------------------------------------------------------------------------


def test_chinese_is_segmented_for_search(built: Built) -> None:
    import json

    index = json.loads((built.root / "search" / "search_index.json").read_text("utf-8"))
    separator = re.compile(index["config"]["separator"])
    tokens: dict[str, set[str]] = {}
    for doc in index["docs"]:
        for token in separator.split(doc["title"] + " " + doc["text"]):
            tokens.setdefault(token, set()).add(doc["location"])
    # 止损 is a word of its own inside 执行止损方案, so a search for it finds the step.
    assert any(loc.startswith("workflow.html") for loc in tokens["止损"])
    assert tokens["回滚"]


# The seed walk ---------------------------------------------------------------------------

SECTION_PAGES = {
    None: ["index.html"],
    "Purpose & Scope": ["index.html"],
    "Severity Levels": ["severities.html", "matrix.html"],
    "Detection & Triage": ["detection.html"],
    "Response Workflow": ["workflow.html"],
    "Communication Plan": ["communication.html"],
    "Rollback Decision Guide": ["rollback.html"],
    "Postmortem Template": ["postmortem.html"],
    "Related Documents": ["related.html"],
}

# The seed abbreviates two owners; the playbook names each role in full.
EQUIVALENT = {
    "Backend/DevOps Lead": "Backend Lead / DevOps Lead",
    "Product + Comms": "Product + Comms Lead",
}
# The seed is one page, with its matrix above the triage steps; the site gives the matrix a
# page of its own, and the step links to it instead of pointing "above" (上方).
ITEM_EQUIVALENT = {
    "参照上方 Severity Matrix": "参照 Severity Matrix",
}


@dataclass
class Seed:
    headings: list[tuple[str | None, str]] = field(default_factory=list)
    cells: list[tuple[str | None, str]] = field(default_factory=list)
    items: list[tuple[str | None, str]] = field(default_factory=list)
    paragraphs: list[tuple[str | None, str]] = field(default_factory=list)
    blocks: list[tuple[str | None, str | None, str]] = field(default_factory=list)


def walk_seed() -> Seed:
    seed = Seed()
    section: str | None = None
    heading: str | None = None
    code: list[str] | None = None
    for line in SEED.read_text("utf-8").splitlines():
        if line.startswith("```"):
            if code is None:
                code = []
            else:
                seed.blocks.append((section, heading, "\n".join(code)))
                code = None
            continue
        if code is not None:
            code.append(line)
            continue
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
            if line.startswith("## "):
                section = heading
            seed.headings.append((section, heading))
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                seed.cells += [(section, c) for c in cells]
        elif match := re.match(r"^\s*(?:[-*]|\d+\.)\s+(?:\[ \]\s+)?(.*)$", line):
            seed.items.append((section, match.group(1)))
        elif line.strip() and line.strip() != "---":
            seed.paragraphs.append((section, line.strip()))
    return seed


def seed_blocks() -> dict[str | None, list[str]]:
    out: dict[str | None, list[str]] = {}
    for section, _, block in walk_seed().blocks:
        out.setdefault(section, []).append(block)
    return out


@pytest.fixture(scope="module")
def pages(built: Built) -> dict[str, Page]:
    return {
        p.relative_to(built.root).as_posix(): Page(p.read_text("utf-8")) for p in built.root.rglob("*.html")
    }


def _on(pages: dict[str, Page], section: str | None) -> list[Page]:
    return [pages[p] for p in SECTION_PAGES[section]]


def test_seed_walk_finds_something_to_check() -> None:
    seed = walk_seed()
    # Guards against a parser that silently checks nothing: the seed's counts, by hand.
    assert (len(seed.cells), len(seed.items), len(seed.blocks)) == (230, 37, 6)
    assert (len(seed.headings), len(seed.paragraphs)) == (27, 11)


def test_every_seed_table_cell_is_a_cell_of_the_site(pages: dict[str, Page]) -> None:
    missing = []
    for section, cell in walk_seed().cells:
        want = norm(EQUIVALENT.get(cell, cell))
        if not any(want in page.cells for page in _on(pages, section)):
            missing.append((section, cell))
    assert not missing, missing


def test_every_seed_list_item_is_an_item_of_the_site(pages: dict[str, Page]) -> None:
    missing = []
    for section, item in walk_seed().items:
        if not any(norm(ITEM_EQUIVALENT.get(item, item)) in page.items for page in _on(pages, section)):
            missing.append((section, item))
    assert not missing, missing


def test_every_seed_heading_is_a_heading_of_the_site(pages: dict[str, Page]) -> None:
    missing = []
    for section, heading in walk_seed().headings:
        found = any(norm(heading) in h for page in _on(pages, section) for h in page.headings)
        if not found:
            missing.append((section, heading))
    assert not missing, missing


def test_every_seed_paragraph_is_on_the_site(pages: dict[str, Page]) -> None:
    missing = []
    for section, line in walk_seed().paragraphs:
        want = norm(line).rstrip("：:")
        if not any(want in page.text for page in _on(pages, section)):
            missing.append((section, line))
    assert not missing, missing


def test_every_seed_template_line_is_in_a_copyable_code_block(pages: dict[str, Page]) -> None:
    blocks = seed_blocks()
    templates = blocks["Communication Plan"] + blocks["Postmortem Template"]
    assert len(templates) == 4
    code = [c.rstrip("\n") for p in ("communication.html", "postmortem.html") for c in pages[p].code]
    for block in templates:
        assert block in code, block
    # Material adds a copy button to every code block of these pages (content.code.copy).
    for path in ("communication.html", "postmortem.html", "rollback.html"):
        assert sum(1 for tag, a in pages[path].tags if tag == "pre") >= 1


def test_seed_matrix_is_the_coloured_grid(pages: dict[str, Page]) -> None:
    (block,) = [b for _, heading, b in walk_seed().blocks if heading == "Severity Matrix"]
    header, *rows = block.splitlines()
    columns = re.split(r"\s{2,}", header.strip())
    expected = {}
    for row in rows:
        name, *cells = re.split(r"\s{2,}", row.strip())
        expected[name] = dict(zip(columns, cells, strict=True))
    matrix = pages["matrix.html"]
    cells = [a for tag, a in matrix.tags if tag == "td" and "pb-sev" in a.get("class", "")]
    assert len(cells) == 16
    assert matrix.cells[1:5] == columns
    grid = {}
    values = iter(matrix.cells[5:])
    for reach in expected:
        assert next(values) == reach
        grid[reach] = {impact: next(values) for impact in columns}
    assert grid == expected
    classes = [a["class"].split()[-1] for a in cells]
    assert classes == [f"sev-{v}" for row in expected.values() for v in row.values()]


def test_seed_overview_is_on_the_workflow_page(pages: dict[str, Page]) -> None:
    (block,) = [b for _, heading, b in walk_seed().blocks if heading == "Overview"]
    names, _, goals = block.splitlines()
    workflow = pages["workflow.html"]
    for name in (n.strip() for n in names.split("→")):
        assert any(cell.startswith(name + "（") for cell in workflow.cells), name
    for goal in goals.split():
        assert goal in workflow.cells, goal
    assert any("mermaid" in a.get("class", "") for tag, a in workflow.tags if tag == "pre")


def test_tbd_document_is_shown_as_a_gap(pages: dict[str, Page]) -> None:
    related = pages["related.html"]
    gaps = [a for tag, a in related.tags if tag == "span" and a.get("class") == "pb-gap"]
    assert len(gaps) == 1
    assert not any(a.get("href", "").upper().endswith("TBD") for tag, a in related.tags if tag == "a")


# Hostile values, built ----------------------------------------------------------------------


def test_hostile_values_render_as_text(tmp_path: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from test_generator import hostile_playbook

    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    generator.write_site(tmp_path / "site", generator.render(hostile_playbook(), schema=schema_text()))
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    shown = 0
    for path in sorted((tmp_path / "out").rglob("*.html")):
        page = Page(path.read_text("utf-8"))
        for tag, attrs in page.tags:
            assert tag not in ("img", "iframe", "object", "embed"), (path.name, tag, attrs)
            for name, value in attrs.items():
                assert not name.startswith("on"), (path.name, tag, attrs)
                if name in ("href", "src", "action", "formaction"):
                    assert not re.match(r"\s*(javascript|data|vbscript):", value, re.I), (path.name, attrs)
            if tag == "script":
                assert set(attrs) <= {"src", "id", "type"}, attrs
        assert not any("alert(1)" in script for script in page.scripts), path.name
        html = path.read_text("utf-8")
        # Material prints page and site names into <title> unescaped: they must arrive escaped.
        (title,) = re.findall(r"<title>(.*?)</title>", html, re.S)
        assert "<" not in title, (path.name, title)
        if "<script>alert(1)</script>" in page.text:
            shown += 1
        # A pipe or a newline in a value never adds or removes a cell.
        for table in re.findall(r"<table>(.*?)</table>", html, re.S):
            widths = {
                len(re.findall(r"<t[dh][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)
            }
            assert len(widths) == 1, (path.name, widths)
    assert shown >= 15, shown


@pytest.mark.parametrize("fixture", ["minimal_playbook_text", "small_playbook_text"])
def test_smaller_playbooks_build_strictly(
    fixture: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from playbook import validate_text

    book = validate_text(request.getfixturevalue(fixture)).playbook
    assert book is not None
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    files = generator.render(book)
    generator.write_site(tmp_path / "site", files)
    result = mkdocs_build(tmp_path / "mkdocs.yml", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    home = read(tmp_path / "out", "index.html")
    assert home.headings[0] == book.name
    # Sections the playbook does not have get no page and no link.
    assert ("workflow.md" in files) == bool(book.workflow)
    assert ("workflow.html" in {a.get("href") for t, a in home.tags if t == "a"}) == bool(book.workflow)


# The CLI ---------------------------------------------------------------------------------


def test_docs_check_fails_listing_stale_pages(tmp_path: Path) -> None:
    runner = CliRunner()
    site = tmp_path / "site"
    result = runner.invoke(main, ["docs", "--site", str(site)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["docs", "--check", "--site", str(site)]).exit_code == 0
    (site / "matrix.md").write_text("changed\n", "utf-8")
    (site / "roles" / "qa-lead.md").unlink()
    result = runner.invoke(main, ["docs", "--check", "--site", str(site)])
    assert result.exit_code == 1
    assert f"{site / 'matrix.md'}: edited" in result.output
    assert f"{site / 'roles' / 'qa-lead.md'}: missing" in result.output


def test_docs_refuses_to_overwrite_a_file_it_did_not_write(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.md").write_text("# My own home page\n", "utf-8")
    result = CliRunner().invoke(main, ["docs", "--site", str(site)])
    assert result.exit_code == 1
    assert "index.md" in result.output and "refusing to overwrite" in result.output
    assert (site / "index.md").read_text("utf-8") == "# My own home page\n"
    assert sorted(p.name for p in site.iterdir()) == ["index.md"]


def test_build_command_validates_generates_and_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(REPO / "mkdocs.yml", tmp_path / "mkdocs.yml")
    vendor = tmp_path / "site" / "assets" / "vendor"
    vendor.mkdir(parents=True)
    shutil.copy(REPO / "site" / generator.MERMAID_PATH, vendor)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    result = CliRunner().invoke(main, ["build", "--example", "clarity"])
    assert result.exit_code == 0, result.output
    assert "site built: build/site/index.html" in result.output
    assert (tmp_path / "build" / "site" / "matrix.html").is_file()
    assert not (tmp_path / "schema").exists(), "build writes the site, nothing else"
    assert "playbook.schema.json" in {p.name for p in (tmp_path / "build" / "site").iterdir()}
    assert (vendor / "mermaid.min.js").is_file()  # not the writer's: left alone


def test_docs_reports_a_page_edited_by_hand_and_force_takes_it_back(tmp_path: Path) -> None:
    runner = CliRunner()
    site = tmp_path / "site"
    assert runner.invoke(main, ["docs", "--site", str(site)]).exit_code == 0
    (site / "matrix.md").write_text("my notes\n", "utf-8")
    result = runner.invoke(main, ["docs", "--site", str(site)])
    assert result.exit_code == 1
    assert "matrix.md" in result.output and "--force" in result.output
    assert (site / "matrix.md").read_text("utf-8") == "my notes\n"
    assert runner.invoke(main, ["docs", "--site", str(site), "--force"]).exit_code == 0
    assert (site / "matrix.md").read_text("utf-8") != "my notes\n"
    assert runner.invoke(main, ["docs", "--check", "--site", str(site)]).exit_code == 0


def test_docs_leaves_the_users_own_pages_in_the_site(tmp_path: Path) -> None:
    runner = CliRunner()
    site = tmp_path / "site"
    assert runner.invoke(main, ["docs", "--site", str(site)]).exit_code == 0
    (site / "runbook.md").write_text("# My runbook\n", "utf-8")
    assert runner.invoke(main, ["docs", "--site", str(site)]).exit_code == 0
    assert (site / "runbook.md").read_text("utf-8") == "# My runbook\n"
    assert runner.invoke(main, ["docs", "--check", "--site", str(site)]).exit_code == 0
