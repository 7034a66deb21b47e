"""The generated pages: one per item, plus section indexes, with stable URLs.

Each page's Markdown source is a single macro call naming the page by kind and id; the
ids are validated slugs, so no contributor text is ever part of a page's source.
"""

from __future__ import annotations

from dataclasses import dataclass

from .index import Index


@dataclass(frozen=True)
class Page:
    kind: str  # which template renders it, e.g. "playbook"
    id: str  # the item's id; "" for section indexes
    url: str  # relative to the site root, e.g. "playbooks/storage-senior-mts/"
    title: str  # contributor text: escape before use in HTML
    in_nav: bool = True
    searchable: bool = True  # forms and worked examples stay out of the search index

    @property
    def src_uri(self) -> str:
        return self.url + "index.md" if self.url else "index.md"

    @property
    def source(self) -> str:
        """The page's Markdown: one macro call, rendered by mkdocs-macros."""
        call = f'{{{{ generated_page("{self.kind}", "{self.id}") }}}}\n'
        if self.searchable:
            return call
        # Forms and examples: out of the search index, and full width (no sidebars).
        return "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n\n" + call

    @property
    def base(self) -> str:
        """The relative path from this page back to the site root."""
        return "../" * self.url.count("/")


# URL of each kind of item, by id. Changing one breaks bookmarks: add a redirect.
URLS = {
    "playbook": "playbooks/{}/",
    "role": "roles/{}/",
    "level": "levels/{}/",
    "bank": "questions/{}/",
    "signal": "signals/{}/",
    "scorecard": "playbooks/{}/scorecard/",
    "scorecard-one-page": "playbooks/{}/scorecard/one-page/",
    "debrief": "playbooks/{}/debrief/",
    "example": "examples/{}/",
}
ONE_PAGE_LIMIT = 60  # minutes: longer interviews do not fit a one-page scorecard
SECTIONS = [  # (kind of the index page, URL, nav title, item kind)
    ("playbooks", "playbooks/", "Playbooks", "playbook"),
    ("roles", "roles/", "Roles", "role"),
    ("levels", "levels/", "Levels", "level"),
    ("banks", "questions/", "Question banks", "bank"),
    ("signals", "signals/", "Signals", "signal"),
]


def url_of(kind: str, item_id: str = "") -> str:
    if kind == "question":
        raise ValueError("questions live on their bank page: use question_url")
    if kind in URLS:
        return URLS[kind].format(item_id)
    return {"scales": "scales/", "home": ""}.get(kind) or dict(
        (k, u) for k, u, _, _ in SECTIONS)[kind]


def items_of(index: Index, kind: str) -> list[tuple[str, str]]:
    """(id, title) of every item of a kind, in the order the navigation shows them."""
    if kind == "playbook":
        return [(p.id, p.title) for p in sorted(index.playbooks.values(),
                key=lambda p: (p.role, index.levels[p.level].rank, p.duration, p.id))]
    if kind == "role":
        return [(r.id, r.name) for r in index.roles.values()]
    if kind == "level":
        return [(lv.id, lv.name) for lv in index.levels_in_order()]
    if kind == "bank":
        return [(topic, bank.title) for topic, bank in sorted(index.banks.items())]
    if kind == "signal":
        return [(s.id, s.name) for s in sorted(index.signals.values(), key=lambda s: s.name)]
    raise ValueError(kind)


def generated_pages(index: Index) -> list[Page]:
    """Every page the data yields, section by section."""
    pages: list[Page] = []
    for section_kind, section_url, title, item_kind in SECTIONS:
        pages.append(Page(section_kind, "", section_url, title))
        pages.extend(Page(item_kind, item_id, url_of(item_kind, item_id), item_title)
                     for item_id, item_title in items_of(index, item_kind))
    pages.append(Page("scales", "", "scales/", "Rating scales"))
    pages.append(Page("reference", "", "reference/", "Data reference"))
    for playbook_id, title in items_of(index, "playbook"):
        pages.append(Page("scorecard", playbook_id, url_of("scorecard", playbook_id),
                          f"Scorecard: {title}", in_nav=False, searchable=False))
        if index.playbooks[playbook_id].duration <= ONE_PAGE_LIMIT:
            pages.append(Page("scorecard-one-page", playbook_id,
                              url_of("scorecard-one-page", playbook_id),
                              f"One-page scorecard: {title}", in_nav=False, searchable=False))
        pages.append(Page("debrief", playbook_id, url_of("debrief", playbook_id),
                          f"Debrief: {title}", in_nav=False, searchable=False))
    for sample in index.samples.values():
        pages.append(Page("example", sample.id, url_of("example", sample.id), sample.title,
                          in_nav=False, searchable=False))
    return pages


def redirects(index: Index) -> list[tuple[str, str]]:
    """(old URL, new URL) for every page whose item was renamed (its `former_ids`)."""
    moved = []
    for kind in ("playbook", "role", "level", "signal"):
        for item in getattr(index, kind + "s").values():
            for old in item.former_ids:
                moved.append((url_of(kind, old), url_of(kind, item.id)))
                if kind == "playbook":
                    for sub in ("scorecard", "scorecard-one-page", "debrief"):
                        moved.append((url_of(sub, old), url_of(sub, item.id)))
    return moved
