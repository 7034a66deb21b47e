"""An MkDocs hook: a rebuild reuses the HTML of every page whose Markdown did not change.

MkDocs converts every page's Markdown to HTML on every build, including each rebuild of
`mkdocs serve` after a save. On a bank of 10,000 questions that conversion is about two
thirds of the build, yet one edited question changes only a few pages.

A page's HTML depends on its Markdown, its address, the site's set of files and the
Markdown settings. The hook keeps, per page, what the conversion produced: the HTML, the
table of contents, the title, the anchors, and anything it logged (a broken link's warning
is logged again, so a strict rebuild fails as a cold build would). When the Markdown is
the same and nothing else changed, the page gets all of that again instead of a new
conversion. A changed mkdocs.yml, or a file added, moved or removed, empties the store.

It knows nothing of this project's data and works on any MkDocs site. The store lives in
this module, which MkDocs imports once per process: a one-off `mkdocs build` starts empty.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from dataclasses import dataclass

log = logging.getLogger("mkdocs.plugins.reuse")


@dataclass(frozen=True)
class Converted:
    """What converting one page's Markdown produced, as MkDocs stores it on the page."""

    content: str
    toc: object
    title: str | None
    anchors: frozenset | None
    links_to_anchors: dict | None  # by the linked file's src_uri, not its File object
    records: tuple  # log records, to be logged again


class ConvertedPages:
    """Converted pages by (source path, Markdown digest), valid for one site fingerprint."""

    def __init__(self) -> None:
        self.pages: dict[tuple[str, bytes], Converted] = {}
        self.site = b""
        self.converted = self.reused = 0

    def start_build(self, config, files) -> None:
        site = site_fingerprint(config, files)
        if site != self.site:
            self.pages.clear()
            self.site = site
        self.converted = self.reused = 0

    def render(self, page, convert, config, files) -> None:
        """Give `page` its converted Markdown: reused if known, else from `convert`."""
        markdown = page.markdown.encode("utf-8", "surrogatepass")
        key = (page.file.src_uri, hashlib.sha1(markdown).digest())
        known = self.pages.get(key)
        if known is None:
            with recorded(logging.getLogger("mkdocs")) as records:
                convert(config, files)
            links = page.links_to_anchors
            self.pages[key] = Converted(
                page.content, page.toc, page._title_from_render,
                None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
                None if links is None else {f.src_uri: v for f, v in links.items()},
                tuple(records))
            self.converted += 1
            return
        page.content, page.toc, page._title_from_render = known.content, known.toc, known.title
        if known.anchors is not None:
            page.present_anchor_ids = set(known.anchors)
        if known.links_to_anchors is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): links
                                     for uri, links in known.links_to_anchors.items()}
        for record in known.records:
            logging.getLogger(record.name).handle(record)
        self.reused += 1


def site_fingerprint(config, files) -> bytes:
    """What, besides its own Markdown, a page's conversion depends on."""
    digest = hashlib.sha1()
    # The Markdown extensions and their settings, the validation levels and the theme's
    # options all come from mkdocs.yml (parent configs named by INHERIT are not followed).
    with open(config.config_file_path, "rb") as handle:
        digest.update(handle.read())
    digest.update(repr((config.site_url, config.use_directory_urls,
                        config.markdown_extensions)).encode())
    for file in files:  # links are checked and rewritten against every file's address
        digest.update(f"\0{file.src_uri}\0{file.url}\0{file.inclusion.name}".encode())
    return digest.digest()


@contextlib.contextmanager
def recorded(logger: logging.Logger):
    """Collect this thread's records that reach `logger` (still logged as usual)."""
    records: list[logging.LogRecord] = []
    thread = threading.get_ident()  # not, say, the dev server's request log
    handler = logging.Handler()
    handler.emit = lambda record: record.thread == thread and records.append(record)
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)


CONVERTED_PAGES = ConvertedPages()


def on_nav(nav, config, files):
    CONVERTED_PAGES.start_build(config, files)
    return nav


def on_pre_page(page, config, files):
    # MkDocs offers no event between the last change to a page's Markdown (on_page_markdown)
    # and its conversion, so the page's own render method is wrapped.
    convert = page.render
    page.render = lambda config, files: CONVERTED_PAGES.render(page, convert, config, files)
    return page


def on_post_build(config):
    if CONVERTED_PAGES.reused:
        log.info("Reused the HTML of %d unchanged page(s); converted %d.",
                 CONVERTED_PAGES.reused, CONVERTED_PAGES.converted)
