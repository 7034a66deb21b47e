"""A rebuild in one process (as `mkdocs serve` does) reuses unchanged pages' HTML.

The builds run in this process, as MkDocs' dev server runs them; the hook keeps its store
in its module, which MkDocs imports once per path and process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from urllib.request import urlopen

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import ROOT, make_project, mkdocs_build

HOOK = ROOT / "interview_playbooks" / "mkdocs_reuse.py"


@pytest.fixture(autouse=True)
def _quiet_mkdocs(monkeypatch, caplog):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    caplog.set_level(logging.INFO, logger="mkdocs")


def build_in_process(config_file: Path, site_dir: Path, **options) -> None:
    build(load_config(str(config_file), site_dir=str(site_dir), **options))


def reuse_report(caplog) -> tuple[int, int] | None:
    """(reused, converted) from the hook's report on the last build, if it made one."""
    found = [re.search(r"Reused the HTML of (\d+) unchanged page\(s\); converted (\d+)", m)
             for m in caplog.messages]
    found = [f for f in found if f]
    return (int(found[-1][1]), int(found[-1][2])) if found else None


def files_under(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_rebuild_converts_only_changed_pages_and_matches_a_cold_build(tmp_path, caplog):
    project = make_project(tmp_path)
    config_file = project / "mkdocs.yml"
    build_in_process(config_file, tmp_path / "served")
    assert reuse_report(caplog) is None  # the first build had nothing to reuse
    bank = project / "data" / "questions" / "storage.yaml"
    edited = bank.read_text().replace('title: "Storage efficiency:', 'title: "Storage thrift:')
    assert edited != bank.read_text()
    bank.write_text(edited)

    caplog.clear()
    build_in_process(config_file, tmp_path / "served")
    reused, converted = reuse_report(caplog)
    # The bank's page, and the playbook, signal, role and level pages that list the question.
    assert 0 < converted < 30 < reused

    # Byte for byte what a cold build of the edited data gives (in another process and
    # working directory, which also checks that edit links don't depend on either).
    cold = tmp_path / "cold"
    result = mkdocs_build(project, cold)
    assert result.returncode == 0, result.stderr
    served, expected = files_under(tmp_path / "served"), files_under(cold)
    assert served.keys() == expected.keys()
    assert [name for name in served if served[name] != expected[name]] == []
    assert b"Storage thrift" in served["questions/storage/index.html"]


def tiny_site(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A plain MkDocs site that uses only the reuse hook."""
    (tmp_path / "docs").mkdir()
    for name, text in pages.items():
        (tmp_path / "docs" / name).write_text(text)
    config_file = tmp_path / "mkdocs.yml"
    config_file.write_text(textwrap.dedent(f"""\
        site_name: Tiny
        theme: {{name: mkdocs}}
        hooks: [{HOOK}]
        """))
    return config_file


def test_a_reused_page_logs_its_warnings_again_so_a_strict_rebuild_still_fails(tmp_path, caplog):
    config_file = tiny_site(tmp_path, {"index.md": "# Home\n\nSee [the guide](guide.md).\n",
                                       "other.md": "# Other\n"})
    broken = "contains a link 'guide.md', but the target is not found"
    for attempt in range(2):
        caplog.clear()
        with pytest.raises(Abort):
            build_in_process(config_file, tmp_path / "site", strict=True)
        assert sum(broken in m for m in caplog.messages) == 1, attempt
    # Not strict: the rebuild reuses both pages and still reports the link.
    caplog.clear()
    build_in_process(config_file, tmp_path / "site")
    assert reuse_report(caplog) == (2, 0)
    assert sum(broken in m for m in caplog.messages) == 1


def test_a_new_file_means_converting_every_page_again(tmp_path, caplog):
    config_file = tiny_site(tmp_path, {"index.md": "# Home\n\nSee [the guide](guide.md).\n"})
    build_in_process(config_file, tmp_path / "site")
    # The link was broken; once the file exists, the unchanged index.md must link to it.
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n")
    caplog.clear()
    build_in_process(config_file, tmp_path / "site")
    assert reuse_report(caplog) is None
    assert not any("not found" in m for m in caplog.messages)
    assert 'href="guide/"' in (tmp_path / "site" / "index.html").read_text()


def test_the_toc_title_and_anchors_of_a_reused_page_are_kept(tmp_path, caplog):
    config_file = tiny_site(tmp_path, {
        "index.md": "# Home\n\n## Part one\n\nSee [two](other.md#part-two).\n",
        "other.md": "# Other\n\n## Part two\n\nBack to [one](index.md#part-one), "
                    "and [nowhere](index.md#nowhere).\n"})
    pages = []
    for _ in range(2):
        caplog.clear()
        build_in_process(config_file, tmp_path / "site", validation={"anchors": "warn"})
        pages.append((tmp_path / "site" / "other" / "index.html").read_text())
        # Anchors are checked against the reused pages' anchors too: one bad link, each time.
        assert sum("'index.md#nowhere'" in m for m in caplog.messages) == 1
    assert reuse_report(caplog) == (2, 0)
    assert pages[0] == pages[1] and "<title>Other - Tiny</title>" in pages[1]
    assert 'href="#part-two"' in pages[1]  # the table of contents



def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Output:
    """A process's output, read line by line in a thread, waited on by pattern."""

    def __init__(self, stream):
        self.lines: list[str] = []
        threading.Thread(target=lambda: self.lines.extend(stream), daemon=True).start()

    def wait_for(self, text: str, after: int = 0, timeout: float = 120) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for number, line in enumerate(self.lines[after:], after):
                if text in line:
                    return number + 1
            time.sleep(0.2)
        raise AssertionError(f"{text!r} not logged; output:\n" + "".join(self.lines))


@contextlib.contextmanager
def mkdocs_serve(project: Path):
    """The command `make serve` runs, on a copy of the project: (its root URL, its output)."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--watch", "data", "--watch", "overrides"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        yield f"http://127.0.0.1:{port}/", Output(server.stdout)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_serve_rebuilds_after_a_data_edit_and_survives_a_broken_file(tmp_path):
    """The edit loop: the command `make serve` runs, on a copy of the project."""
    project = make_project(tmp_path)
    with mkdocs_serve(project) as (root, output):
        url = root + "questions/storage/"
        seen = output.wait_for("Serving on")
        assert "Storage efficiency" in urlopen(url, timeout=60).read().decode()
        bank = project / "data" / "questions" / "storage.yaml"
        original = bank.read_text()

        bank.write_text(original.replace("title: Storage\n", "title: Storage\n  broken: [\n"))
        seen = output.wait_for("nothing was built", seen)
        seen = output.wait_for("data/questions/storage.yaml:3:9: YAML syntax error", seen)
        # MkDocs' server holds requests until the data is fixed, so none is made here.

        bank.write_text(original.replace('title: "Storage efficiency:', 'title: "Storage thrift:'))
        seen = output.wait_for("Reused the HTML of", seen)
        output.wait_for("Documentation built in", seen)  # then the new site is served
        assert "Storage thrift" in urlopen(url, timeout=60).read().decode()


def test_make_serve_reloads_the_page_after_an_edit_under_the_strict_policy(tmp_path, page):
    """MkDocs' own live reload is an inline script the CSP blocks; ours is a file it allows."""
    project = make_project(tmp_path)
    with mkdocs_serve(project) as (root, output):
        seen = output.wait_for("Serving on")
        page.goto(root + "signals/")
        assert page.locator("script[src$='assets/javascripts/live-reload.js']").count() == 1
        page.evaluate("window.__beforeEdit = true")
        signals = project / "data" / "signals.yaml"
        signals.write_text(signals.read_text().replace("name: Ownership\n",
                                                       "name: Ownership of outcomes\n", 1))
        output.wait_for("Documentation built in", seen)
        # The page reloads by itself: the marker set before the edit is gone.
        page.wait_for_function("window.__beforeEdit === undefined", timeout=60_000)
        assert "Ownership of outcomes" in page.content()


def test_a_built_site_has_no_live_reload(site):
    assert not (site / "assets" / "javascripts" / "live-reload.js").exists()
    assert "live-reload.js" not in (site / "index.html").read_text(encoding="utf-8")
