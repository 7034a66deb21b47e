"""Shared fixtures: the real site built once per session, a local server, and Chromium."""

from __future__ import annotations

import functools
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

sys.path.insert(0, str(ROOT))


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run a real strict MkDocs build of `project` into `site_dir`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600)


def make_project(tmp: Path, data: Path | None = None) -> Path:
    """A copy of this project in `tmp` that shares the code but may have its own data/."""
    project = tmp / "project"
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "macros.py", "docs", "overrides", "interview_playbooks",
                 "CONTRIBUTING.md"):
        (project / name).symlink_to(ROOT / name)
    shutil.copytree(data or ROOT / "data", project / "data")
    return project


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real site, built once per test session from the repository's own data."""
    site_dir = tmp_path_factory.mktemp("site") / "site"
    result = mkdocs_build(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    # Keep-alive, as real servers do: a page loads its scripts as a score of small modules
    # (docs/assets/javascripts/), and a new connection for each would time the test server.
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass


def serve(directory: Path):
    """Serve a folder on a free loopback port in a thread; returns (server, base URL)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


# Chromium's PDFs keep a font's ligature glyphs ("ﬀ", "ﬁ"), and pypdf reads them back as
# such; pdftotext and every assertion mean the letters.
_LIGATURES = {code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)}


def _pdf_reader(pdf: Path | bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def pdf_pages(pdf: Path | bytes) -> int:
    """How many pages a printed PDF (a file or its bytes) has."""
    return len(_pdf_reader(pdf).pages)


def pdf_text(pdf: Path | bytes) -> str:
    """A printed PDF's text, page after page, as one line: every run of whitespace is one
    space, soft hyphens are gone and ligatures are letters, so assertions do not depend on
    where the extractor breaks lines. Read with pypdf, so tests need no system package."""
    text = " ".join(page.extract_text() for page in _pdf_reader(pdf).pages)
    return " ".join(text.replace("\u00ad", "").translate(_LIGATURES).split())


@pytest.fixture(scope="session")
def served_site_url(tmp_path_factory) -> str:
    """The real site built the way `make serve` builds it: site_url is the address it is
    served at. Material's instant navigation only follows links listed in the sitemap, which
    holds site_url's addresses, so this is the build where instant navigation is active."""
    site_dir = tmp_path_factory.mktemp("served") / "site"
    server, url = serve(site_dir)  # the port is known before the build
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
        assert result.returncode == 0, result.stderr
        yield url
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(site) -> str:
    server, url = serve(site)
    yield url
    server.shutdown()


def chromium_path() -> str | None:
    """Debian's Chromium (or $CHROMIUM); None means Playwright's own build."""
    path = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if os.path.exists(path):
        return path
    if os.environ.get("CI"):
        pytest.fail(f"Chromium not found at {path}: CI must install it (apt-get install chromium)")
    return None


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# --- The client modules (docs/assets/javascripts/) -----------------------------------------

CARD_RE = re.compile(r'<script type="application/json" data-ip-scorecard-data>(.*?)</script>', re.S)
NODE = shutil.which("node")


def card_of(site: Path, path: str) -> dict:
    """The card a built scorecard or debrief page carries for the browser (its data block)."""
    html = (site / path / "index.html").read_text(encoding="utf-8")
    match = CARD_RE.search(html)
    assert match, f"{path}: no data block in the page"
    return json.loads(match.group(1))


def run_client(request: dict):
    """Run the browser's pure modules in node on `request` (see tests/js/cards.mjs)."""
    if NODE is None:
        if os.environ.get("CI"):
            pytest.fail("node not found: CI must install it (apt-get install nodejs npm)")
        pytest.skip("node is not installed (make test needs it, with npm)")
    result = subprocess.run([NODE, str(ROOT / "tests" / "js" / "cards.mjs")], input=json.dumps(request),
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def pytest_collection_modifyitems(items):
    """Tests that use the browser are marked `browser`, so `make test-quick` can skip them."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
