"""What a polished site has: it works under a sub-path, a useful 404, link previews,
a favicon, licences in the footer, and a list of external links for a maintainer."""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import ROOT, serve
from interview_playbooks.links import external_links

SUB_PATH = "/interview-playbooks/"  # as GitHub Pages serves a project site


class _Hrefs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        for name in ("href", "src"):
            if attrs.get(name) and not (tag == "link" and attrs.get("rel") == "canonical"):
                self.urls.append(attrs[name])


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture(scope="module")
def sub_path_url(site, tmp_path_factory):
    """The built site served under /interview-playbooks/ rather than at the root."""
    parent = tmp_path_factory.mktemp("host")
    (parent / SUB_PATH.strip("/")).symlink_to(site, target_is_directory=True)
    server, url = serve(parent)
    yield url.rstrip("/") + SUB_PATH
    server.shutdown()


def test_the_site_works_under_a_sub_path(sub_path_url):
    """Crawl every page from the home page over HTTP: every internal link and anchor resolves."""
    host = urlsplit(sub_path_url).netloc
    queue, seen, anchors, broken = [sub_path_url], set(), [], []
    ids: dict[str, set[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        status, body = fetch(url)
        if status != 200:
            broken.append(f"{url}: HTTP {status}")
            continue
        if not (url.endswith("/") or url.endswith(".html")):
            continue
        parser = _Hrefs()
        parser.feed(body)
        ids[url] = parser.ids
        for href in parser.urls:
            target = urljoin(url, href)
            parts = urlsplit(target)
            if parts.netloc != host:
                continue
            assert parts.path.startswith(SUB_PATH), f"{url} links outside the site: {href}"
            page = target.split("#")[0]
            if parts.fragment and (page.endswith("/") or page.endswith(".html")):
                anchors.append((url, page, parts.fragment))
            queue.append(page)
    for url, page, fragment in anchors:
        if page in ids and fragment not in ids[page]:
            broken.append(f"{url}: #{fragment} missing on {page}")
    assert len(seen) > 50
    assert not broken, "\n".join(broken[:20])


def test_missing_pages_get_the_404_page_with_a_way_on(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in html
    assert 'for="__search"' in html  # opens the search
    assert f'href="https://interview-playbooks.github.io{SUB_PATH}"' in html  # home
    for playbook in (ROOT / "data" / "playbooks").glob("*.yaml"):
        assert f'href="{SUB_PATH}playbooks/{playbook.stem}/"' in html  # the matrix


def test_404_page_offers_search_in_the_browser(sub_path_url, page):
    # GitHub Pages answers a missing address with 404.html from the site's root path.
    page.goto(sub_path_url + "404.html")
    page.get_by_text("Search the playbooks").click()
    search = page.locator("input.md-search__input")
    search.fill("replication")
    search.press("End")
    from playwright.sync_api import expect
    expect(page.locator(".md-search-result__item").first).to_be_visible()


META = {
    "": "Structured technical interview playbooks",
    "playbooks/storage-senior-mts-decision-round/": "A 30-minute, high-signal interview plan",
    "signals/ownership/": "Owns outcomes",
    "questions/storage/": "",
    "playbooks/storage-senior-mts-decision-round/scorecard/": "Printable and fillable scorecard",
}


@pytest.mark.parametrize("url, begins", META.items())
def test_every_page_describes_itself_for_link_previews(site, url, begins):
    html = (site / url / "index.html").read_text(encoding="utf-8")
    tags = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
    for name in ("description", "og:title", "og:description", "og:type", "og:url",
                 "twitter:card", "twitter:title", "twitter:description"):
        assert tags.get(name), f"{url or 'home'}: no {name}"
    assert tags["description"].startswith(begins)
    assert tags["og:url"] == f"https://interview-playbooks.github.io{SUB_PATH}{url}"
    assert f'<link rel="canonical" href="https://interview-playbooks.github.io{SUB_PATH}{url}">' in html


def test_every_page_has_a_description(site):
    for path in site.rglob("index.html"):
        html = path.read_text(encoding="utf-8")
        if "http-equiv=\"refresh\"" in html:
            continue  # a redirect
        assert re.search(r'<meta name="description" content="[^"]{20,}"', html), path


def test_favicon_licences_and_sitemap(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    favicon = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert (site / favicon).exists() and favicon.endswith(".svg")
    assert "MIT licence" in html and "CC BY 4.0" in html
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")
    assert "Creative Commons Attribution 4.0" in (ROOT / "LICENSE-CONTENT").read_text()
    sitemap = (site / "sitemap.xml").read_text()
    assert f"https://interview-playbooks.github.io{SUB_PATH}playbooks/" in sitemap


def test_external_links_are_listed_not_fetched(site):
    links = external_links(site)
    assert "https://github.com/interview-playbooks/interview-playbooks" in links
    assert "https://creativecommons.org/licenses/by/4.0/" in links
    assert all(urlsplit(href).scheme in ("http", "https") for href in links)
    assert all(pages for pages in links.values())


def test_every_page_has_its_landmarks(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in html:
            continue  # a redirect
        assert html.count("<main") == 1, path
        assert "<header" in html and "<footer" in html, path
        assert re.search(r'<nav [^>]*aria-label="Navigation"', html), path
        if path.name == "index.html":  # Material offers it where the page has a table of contents
            assert 'class="md-skip"' in html, path  # "Skip to content"
