"""The generated pages: one per item, plus section indexes, with stable URLs.

Each page's Markdown source is a single macro call naming the page by kind and id; the
ids are validated slugs, so no contributor text is ever part of a page's source.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from .index import Index


@dataclass(frozen=True)
class Page:
    kind: str  # which template renders it, e.g. "playbook"
    id: str  # the item's id; "" for section indexes
    url: str  # relative to the site root, e.g. "playbooks/storage-senior-mts/"
    title: str  # contributor text: escape before use in HTML
    in_nav: bool = True
    searchable: bool = True  # forms and worked examples stay out of the search index
    # Below 1, the page ranks below the content it describes (the data reference).
    search_boost: float = 1.0

    @property
    def src_uri(self) -> str:
        return self.url + "index.md" if self.url else "index.md"

    @property
    def source(self) -> str:
        """The page's Markdown: one macro call, rendered by mkdocs-macros."""
        call = f'{{{{ generated_page("{self.kind}", "{self.id}") }}}}\n'
        if self.searchable and self.search_boost != 1.0:
            return f"---\nsearch:\n  boost: {self.search_boost}\n---\n\n" + call
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
    "hiring-loop": "loops/{}/",
    "role": "roles/{}/",
    "level": "levels/{}/",
    "bank": "questions/{}/",
    "signal": "signals/{}/",
    "scorecard": "playbooks/{}/scorecard/",
    "scorecard-one-page": "playbooks/{}/scorecard/one-page/",
    "debrief": "playbooks/{}/debrief/",  # imports the interviewers' submitted scorecards
    "debrief-sheet": "playbooks/{}/debrief/sheet/",  # the blank sheet, for a panel on paper
    "loop-debrief": "loops/{}/debrief/",
    "example": "examples/{}/",
    "bank-part": "questions/{}/",  # id "<topic>/<part number>", see bank_parts
    "role-levels": "roles/{}/levels/",
    "role-coverage": "roles/{}/coverage/",
}
# Pages that are not an item's, nor a section's index.
OTHER_URLS = {"home": "", "scales": "scales/", "loop": "questions/loop/",
              "calibration": "loops/calibration/"}
ONE_PAGE_LIMIT = 60  # minutes: longer interviews do not fit a one-page scorecard
# A bank of more questions than this is split over numbered pages under its own page, so no
# page grows with the bank: a question card is 5–8 KB of HTML, a page stays under 300 KB.
BANK_PAGE_SIZE = 30
# A section of more items than this keeps them out of the navigation: Material writes the
# open section's every link into each of its pages, so 1,000 banks in the nav made each bank
# page 320 KB and the build quadratic. The section's index page lists them all, and search
# finds them.
NAV_SECTION_LIMIT = 40
# Search boost of the pages for contributors (CONTRIBUTING, Performance): they explain every
# field, so without it they came up in most interviewers' searches.
DOCS_BOOST = 0.2
# A playbook or a hiring loop ranks below the questions that share its words (its segment
# headings name them). A signal, role or level page indexes its name alone (its text is
# kept out), so a higher boost finds it first for its name without outranking questions on
# their words. Bank pages, where the questions are, weigh more than the rest too: the
# signal's boost stays just above theirs, so a signal named like a bank ("System design")
# still comes first for its name, while a signal sharing one word with a query ("Security and
# isolation" for "tenant isolation") no longer outranks the question that has them all
# (tests/test_search_ranking.py measures both).
ITEM_BOOST = {"playbook": 0.5, "hiring-loop": 0.5, "role": 1.5, "level": 2.0, "signal": 1.75,
              "bank": 1.5, "bank-part": 1.5}
SECTIONS = [  # (kind of the index page, URL, nav title, item kind)
    ("playbooks", "playbooks/", "Playbooks", "playbook"),
    ("hiring-loops", "loops/", "Hiring loops", "hiring-loop"),
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
    if kind in OTHER_URLS:
        return OTHER_URLS[kind]
    return dict((k, u) for k, u, _, _ in SECTIONS)[kind]


# --- The question finder's links ------------------------------------------------------------
#
# The finder is the "Question banks" section page, `questions/`. Its filter lives in the query
# string, one parameter per value, and other pages link to it with a filter preset, so this
# format is kept stable (it is also described on the finder page itself):
#
#   questions/?role=<role id>&level=<level id>&kind=<question kind>&signal=<signal id>
#             &topic=<bank id>&q=<words of the title>
#
# * Every parameter may be repeated: `?signal=ownership&signal=judgment` finds questions that
#   probe either. Values of one parameter are ORed; different parameters are ANDed.
# * `role` keeps the questions a playbook for that role asks; `level`, `kind`, `signal` and
#   `topic` (the bank's file name) are the question's own fields.
# * `q` keeps questions whose title has a word starting with each of its words, in any order
#   and case (`?q=repl+leader` finds "Leader election and replication").
# * Ids are those of data/*.yaml; a former id (`former_ids`) still works. Unknown values
#   and unknown parameters are ignored, and the page says so.
# The browser script (docs/assets/javascripts/finder.js) reads and writes the same format.
FINDER_FILTERS = ("role", "level", "kind", "signal", "topic", "q")
FINDER_DATA = "questions/finder.json"  # every question, compact (interview_playbooks/finder.py)
HIRE_DATA = "questions/{}/hire.json"  # a bank's hire indicators, for the loop's scorecard


def finder_query(**filters) -> str:
    """The finder's URL, relative to the site root, with a filter preset.

    `finder_query(level="staff", signal=["ownership", "judgment"])` is
    `questions/?level=staff&signal=ownership&signal=judgment`.
    """
    unknown = set(filters) - set(FINDER_FILTERS)
    if unknown:
        raise ValueError(f"not a filter of the finder: {sorted(unknown)}")
    pairs = [(name, value) for name in FINDER_FILTERS
             for value in ([filters[name]] if isinstance(filters.get(name), str)
                           else filters.get(name) or [])]
    return url_of("banks") + ("?" + urlencode(pairs) if pairs else "")


def items_of(index: Index, kind: str) -> list[tuple[str, str]]:
    """(id, title) of every item of a kind, in the order the navigation shows them."""
    if kind == "playbook":
        return [(p.id, p.title) for p in sorted(index.playbooks.values(),
                key=lambda p: (p.role, index.levels[p.level].rank, p.duration, p.id))]
    if kind == "hiring-loop":
        return [(lp.id, lp.title) for lp in sorted(index.loops.values(),
                key=lambda lp: (lp.role, index.levels[lp.level].rank, lp.id))]
    if kind == "role":
        return [(r.id, r.name) for r in index.roles.values()]
    if kind == "level":
        return [(lv.id, lv.name) for lv in index.levels_in_order()]
    if kind == "bank":
        return [(topic, bank.title) for topic, bank in sorted(index.banks.items())]
    if kind == "signal":
        return [(s.id, s.name) for s in sorted(index.signals.values(), key=lambda s: s.name)]
    raise ValueError(kind)


def bank_parts(questions: list) -> list[list]:
    """A bank's questions as the pages that show them: one list if the bank is small."""
    if len(questions) <= BANK_PAGE_SIZE:
        return [questions]
    return [questions[i:i + BANK_PAGE_SIZE] for i in range(0, len(questions), BANK_PAGE_SIZE)]


def question_pages(index: Index) -> dict[str, str]:
    """Question id -> URL of the page showing its card (its anchor is its id).

    A question of a small bank is on the bank's page; in a large bank, on one of its
    numbered pages. The bank's own page keeps an anchor for every question of a large bank
    (and for each former id) that forwards to the numbered page, so `questions/<topic>/#<id>`
    stays a permanent link however the bank is split.
    """
    urls = {}
    for topic, bank in index.banks.items():
        parts = bank_parts(bank.questions)
        for number, part in enumerate(parts, start=1):
            url = url_of("bank", topic) if len(parts) == 1 else url_of("bank-part", f"{topic}/{number}")
            urls.update((question.id, url) for question in part)
    return urls


def generated_pages(index: Index) -> list[Page]:
    """Every page the data yields, section by section."""
    pages: list[Page] = []
    for section_kind, section_url, title, item_kind in SECTIONS:
        pages.append(Page(section_kind, "", section_url, title))
        items = items_of(index, item_kind)
        in_nav = len(items) <= NAV_SECTION_LIMIT
        pages.extend(Page(item_kind, item_id, url_of(item_kind, item_id), item_title, in_nav=in_nav,
                          search_boost=ITEM_BOOST.get(item_kind, 1.0))
                     for item_id, item_title in items)
    for topic, bank in sorted(index.banks.items()):
        parts = bank_parts(bank.questions)
        if len(parts) > 1:  # out of the navigation: the bank's page lists and links them
            pages.extend(Page("bank-part", f"{topic}/{number}", url_of("bank-part", f"{topic}/{number}"),
                              f"{bank.title} ({number} of {len(parts)})", in_nav=False,
                              search_boost=ITEM_BOOST["bank-part"])
                         for number in range(1, len(parts) + 1))
    pages.append(Page("scales", "", "scales/", "Rating scales"))
    # The reference's sections per kind stay out of search (reference.md): what is left,
    # its name and lede, competes with nothing at the usual weight.
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
        pages.append(Page("debrief-sheet", playbook_id, url_of("debrief-sheet", playbook_id),
                          f"Debrief sheet: {title}", in_nav=False, searchable=False))
    for loop_id, title in items_of(index, "hiring-loop"):
        pages.append(Page("loop-debrief", loop_id, url_of("loop-debrief", loop_id),
                          f"Debrief: {title}", in_nav=False, searchable=False))
    # Every interviewer's scores against the rest of the panel's, from many debriefs' files.
    pages.append(Page("calibration", "", url_of("calibration"), "Calibration: interviewers' scores",
                      in_nav=False, searchable=False))
    for sample in index.samples.values():
        pages.append(Page("example", sample.id, url_of("example", sample.id), sample.title,
                          in_nav=False, searchable=False))
    # Per role with a playbook: its levels side by side, and which signals its questions probe.
    for role_id, name in items_of(index, "role"):
        if index.playbooks_by_role.get(role_id):
            pages.append(Page("role-levels", role_id, url_of("role-levels", role_id),
                              f"Levels compared: {name}", in_nav=False, searchable=False))
            pages.append(Page("role-coverage", role_id, url_of("role-coverage", role_id),
                              f"Signal coverage: {name}", in_nav=False, searchable=False))
    # The interviewer's own loop of questions, kept in the browser (its scorecard prints).
    pages.append(Page("loop", "", url_of("loop"), "My loop", in_nav=False, searchable=False))
    return pages


# The pages under an item's own, which move with it when it is renamed.
SUBPAGES = {"playbook": ("scorecard", "scorecard-one-page", "debrief", "debrief-sheet"),
            "hiring-loop": ("loop-debrief",)}


def redirects(index: Index) -> list[tuple[str, str]]:
    """(old URL, new URL) for every page whose item was renamed or merged (its `former_ids`)."""
    moved = []
    for kind, items in (("playbook", index.playbooks), ("hiring-loop", index.loops),
                        ("role", index.roles), ("level", index.levels),
                        ("signal", index.signals)):
        for item in items.values():
            for old in item.former_ids:
                moved.append((url_of(kind, old), url_of(kind, item.id)))
                for sub in SUBPAGES.get(kind, ()):
                    moved.append((url_of(sub, old), url_of(sub, item.id)))
    # A bank renamed, or merged into another: its questions keep their ids, so the redirect
    # page carries the old link's anchor along (redirect.html).
    for topic, bank in index.banks.items():
        moved.extend((url_of("bank", old), url_of("bank", topic)) for old in bank.former_ids)
    return moved
