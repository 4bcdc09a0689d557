"""The site changes all at once: killed at any point it is all old or all new; runs take turns."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from playbook.site.swap import staging_path
from playbook.site.writer import MANIFEST, ConflictError, check_site, read_manifest, write_site

OLD = {f"pages/p{n}.md": f"# Page {n}\n" for n in range(12)} | {"index.md": "# Home\n", "gone.md": "# Gone\n"}
NEW = {f"pages/p{n}.md": f"# Page {n}, v2\n" for n in range(12)} | {
    "index.md": "# Home v2\n",
    "new/n.md": "# N\n",
}


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from playbook.site.writer import write_site

    root, after = Path(sys.argv[1]), int(sys.argv[2])
    files = {f"pages/p{n}.md": f"# Page {n}, v2\\n" for n in range(12)}
    files |= {"index.md": "# Home v2\\n", "new/n.md": "# N\\n"}
    calls = {"n": 0}

    def counted(real):
        def call(*args, **kwargs):
            calls["n"] += 1
            if calls["n"] == after:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    for name in ("link", "replace", "rename", "unlink", "mkdir", "rmdir"):
        setattr(os, name, counted(getattr(os, name)))
    write_site(root, files)
    print("finished after", calls["n"], "calls")
    """
)


def snapshot_of(files: dict[str, str], user: dict[str, bytes]) -> dict[str, bytes]:
    digests = {path: hashlib.sha256(text.encode()).hexdigest() for path, text in files.items()}
    manifest = {"generator": "playbook-as-code", "format": 1, "files": dict(sorted(digests.items()))}
    out = {path: text.encode() for path, text in files.items()} | user
    out[MANIFEST] = (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode()
    return out


def test_a_kill_at_any_point_leaves_the_old_or_the_new_site(tmp_path: Path) -> None:
    script = tmp_path / "killer.py"
    script.write_text(KILLER, "utf-8")
    user = {"mine.md": b"my own page\n", "pages/notes.md": b"notes\n"}
    old, new = snapshot_of(OLD, user), snapshot_of(NEW, user)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    outcomes = {"old": 0, "new": 0}

    def run(name: str, after: int) -> tuple[Path, subprocess.CompletedProcess[bytes]]:
        root = tmp_path / name / "site"
        write_site(root, OLD)
        for path, data in user.items():
            (root / path).write_bytes(data)
        assert tree(root) == old
        done = subprocess.run(
            [sys.executable, str(script), str(root), str(after)], env=env, capture_output=True, timeout=60
        )
        return root, done

    _, whole = run("whole", 10**9)
    assert whole.returncode == 0, whole.stderr.decode()
    total = int(whole.stdout.split()[2])
    points = sorted({1 + (total - 1) * n // 29 for n in range(30)})
    assert len(points) >= 20, f"only {total} points to kill at"
    for after in points:
        root, done = run(f"run{after}", after)
        assert done.returncode == -signal.SIGKILL, done.stderr.decode()
        state = tree(root)
        assert state in (old, new), f"killed at call {after} of {total}: the site is a mix"
        assert not [p for p in root.rglob("*") if ".playbook-tmp-" in p.name], "temporary files in the site"
        outcomes["old" if state == old else "new"] += 1
        # The next run cleans what the killed one left, and finishes the job.
        write_site(root, NEW)
        assert tree(root) == new
        assert not os.path.lexists(staging_path(root)), "the staging folder outlived the next run"
    assert outcomes["old"] and outcomes["new"], outcomes


SLOW_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from playbook.site.writer import write_site

    root, version = Path(sys.argv[1]), sys.argv[2]
    real = os.link
    def slow(*args, **kwargs):
        time.sleep(0.02)
        return real(*args, **kwargs)
    os.link = slow
    files = {f"p{n}.md": f"# Page {n} {version}\\n" for n in range(20)}
    write_site(root, files)
    """
)


def test_two_runs_at_once_take_turns(tmp_path: Path) -> None:
    script = tmp_path / "slow.py"
    script.write_text(SLOW_WRITER, "utf-8")
    root = tmp_path / "site"
    write_site(root, {f"p{n}.md": f"# Page {n} v0\n" for n in range(20)})
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    runs = [
        subprocess.Popen([sys.executable, str(script), str(root), version], env=env, stderr=subprocess.PIPE)
        for version in ("v1", "v2")
    ]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read().decode() if run.stderr else ""
    pages = {p.read_text("utf-8").split()[-1] for p in root.glob("p*.md")}
    assert len(pages) == 1, f"the site mixes two versions: {pages}"
    version = pages.pop()
    assert check_site(root, {f"p{n}.md": f"# Page {n} {version}\n" for n in range(20)}) == []


def test_a_page_edited_by_hand_is_reported_not_overwritten(tmp_path: Path) -> None:
    write_site(tmp_path / "site", OLD)
    page = tmp_path / "site" / "index.md"
    page.write_text("# Home, with my fix\n", "utf-8")
    with pytest.raises(ConflictError, match="changed by hand") as caught:
        write_site(tmp_path / "site", NEW)
    assert caught.value.edited == ["index.md"]
    assert page.read_text("utf-8") == "# Home, with my fix\n"
    assert (tmp_path / "site" / "pages" / "p0.md").read_text("utf-8") == "# Page 0\n", "nothing was written"
    write_site(tmp_path / "site", NEW, force=True)
    assert page.read_text("utf-8") == "# Home v2\n"


def test_the_users_own_pages_are_left_alone(tmp_path: Path) -> None:
    root = tmp_path / "site"
    write_site(root, OLD)
    (root / "runbooks").mkdir()
    (root / "runbooks" / "db.md").write_text("# DB\n", "utf-8")
    write_site(root, NEW)
    assert (root / "runbooks" / "db.md").read_text("utf-8") == "# DB\n"
    assert "runbooks/db.md" not in read_manifest(root)
    assert check_site(root, NEW) == []


def test_a_symlink_in_the_site_cannot_make_the_writer_delete_outside(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "playbook").mkdir(parents=True)
    readme = repo / "README.md"
    readme.write_text("# Keep me\n", "utf-8")
    (repo / "playbook" / "p.yaml").write_text("name: keep\n", "utf-8")
    root = repo / "site"
    write_site(root, OLD)
    # A pull request that touches only site/: a link out, and manifest entries through it.
    (root / "up").symlink_to("..")
    manifest = json.loads((root / MANIFEST).read_text("utf-8"))
    for path, target in (("up/README.md", readme), ("up/playbook/p.yaml", repo / "playbook" / "p.yaml")):
        manifest["files"][path] = hashlib.sha256(target.read_bytes()).hexdigest()
    (root / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(Exception, match="symbolic link"):
        write_site(root, NEW)
    assert readme.read_text("utf-8") == "# Keep me\n"
    assert (repo / "playbook" / "p.yaml").exists()


def test_a_generated_path_through_a_symlink_is_a_conflict(tmp_path: Path) -> None:
    root = tmp_path / "site"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root.mkdir()
    (root / "pages").symlink_to(outside)
    with pytest.raises(ConflictError):
        write_site(root, OLD)
    assert list(outside.iterdir()) == []
