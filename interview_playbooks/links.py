"""The external links of a built site, listed for a maintainer to check by hand.

Nothing here fetches a link: the tests never touch the network, and a link checker that
does belongs to a person with a browser (`make links` prints the list).
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.hrefs.append(href)


def external_links(site: Path, own_host: str = "") -> dict[str, list[str]]:
    """Every http(s) link to another host -> the pages (site paths) that carry it."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted(site.rglob("*.html")):
        parser = _Links()
        parser.feed(path.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https") and parts.netloc != own_host:
                found[href].add(path.relative_to(site).as_posix())
    return {href: sorted(pages) for href, pages in sorted(found.items())}


def report(site: Path, own_host: str = "") -> str:
    links = external_links(site, own_host)
    lines = [f"{len(links)} external link(s) in {site}:"]
    for href, pages in links.items():
        lines.append(f"{href}\n    on {len(pages)} page(s), e.g. {pages[0]}")
    return "\n".join(lines)
