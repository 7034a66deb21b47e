"""Render pages from Jinja templates under overrides/playbooks/.

Python decides what goes on a page; the templates decide how it looks. Templates are
autoescaped and contributor text reaches them only as data: the `inline` and `block`
filters format it safely, and `heading` makes it literal in a Markdown heading.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from . import text
from .text import plain as plain_text
from .index import Index
from .pages import (FINDER_DATA, NAV_SECTION_LIMIT, Page, bank_parts, finder_query,
                    generated_pages, items_of, question_pages, url_of)
from .comparison import coverage, level_comparison, loop_plan
from .validate import QUESTION_SCALE
from .finder import data_files, finder_facets, loop_card
from .prerender import prerenderer
from .schema import SCHEMA_FILES, reference
from .scorecard import scorecard_of
from .debrief import calibration, loop_debrief, playbook_debrief

TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "playbooks"

SECTION_DESCRIPTIONS = {
    "playbooks": "Structured interview playbooks for every role and level: schedules, questions, rubrics.",
    "hiring-loops": "Hiring loops: the interviews a candidate goes through for a role at a level, and the signals each answers for.",
    "banks": "Question banks by topic, each question with probes and hire and no-hire signals.",
    "signals": "The competencies interview questions probe and rubrics assess.",
    "roles": "The roles we interview for and their playbooks.",
    "levels": "The levels we hire at and what each is expected to show.",
    "scales": "The 1–5 score and the five-step recommendation scale.",
    "reference": "Every field of every kind of data file, for contributors.",
    "loop": "Your own loop of questions from the banks, kept in this browser, with a printable scorecard.",
    "calibration": "Calibration: each interviewer's scores against the rest of the panel's, from submitted scorecards imported into this browser.",
}

KIND_LABELS = {
    "calibration": "Calibration", "deep-dive": "Deep dive", "system-design": "System design",
    "domain-depth": "Domain depth", "behavioral": "Behavioral",
    "failure-analysis": "Failure analysis", "performance": "Performance",
    "leadership": "Leadership", "bar-raiser": "Bar raiser",
}
LIST_LIMIT = 50  # questions listed on a level, signal or role page before "all in the finder"
PROBE_LABELS = {"follow-up": "Follow-up", "hard": "Hard", "mandatory": "Mandatory"}


class Renderer:
    """Turns pages of an index into Markdown (headings) and HTML (everything else)."""

    def __init__(self, index: Index, templates: Path = TEMPLATES, edit_uri: str = ""):
        self.index = index
        self.edit_uri = edit_uri
        self.pages = {(page.kind, page.id): page for page in generated_pages(index)}
        self._by_src = {page.src_uri: page for page in self.pages.values()}
        self._question_pages = question_pages(index)
        self._prerendered = None
        self.env = Environment(loader=FileSystemLoader(templates), autoescape=True,
                               undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                               keep_trailing_newline=True)
        self.env.filters.update(
            inline=pass_context(lambda ctx, value: text.inline(value, ctx["base"])),
            block=pass_context(lambda ctx, value: text.block(value, ctx["base"])),
            heading=text.heading, plain=text.plain,
            counted=text.counted,
        )
        self.env.globals.update(
            index=index, KIND_LABELS=KIND_LABELS, PROBE_LABELS=PROBE_LABELS, LIST_LIMIT=LIST_LIMIT,
            LONG_LIST=NAV_SECTION_LIMIT,
            url=pass_context(lambda ctx, kind, item_id="", anchor="":
                             self.link(ctx["base"], kind, item_id, anchor)),
            question_url=pass_context(lambda ctx, qid: self.question_link(ctx["base"], qid)),
            items_of=lambda kind: items_of(index, kind),
            has_page=lambda kind, item_id="": (kind, item_id) in self.pages,
            in_level_order=lambda items: sorted(items, key=lambda item: index.levels[item.level].rank),
            # A point's label by scale and score, e.g. score_labels["score"][5] == "Exceptional".
            score_labels={scale.id: {point.score: point.label for point in scale.points}
                          for scale in index.scales.values()},
            QUESTION_SCALE=QUESTION_SCALE,
            # The finder with a filter preset, e.g. finder_url(level="staff") (pages.finder_query).
            finder_url=pass_context(lambda ctx, **filters: ctx["base"] + finder_query(**filters)),
            finder_data_url=pass_context(lambda ctx: ctx["base"] + FINDER_DATA),
        )

    @staticmethod
    def link(base: str, kind: str, item_id: str = "", anchor: str = "") -> str:
        return base + url_of(kind, item_id) + (f"#{anchor}" if anchor else "")

    def question_link(self, base: str, question_id: str) -> str:
        return f"{base}{self._question_pages[question_id]}#{question_id}"

    def render(self, kind: str, item_id: str = "") -> str:
        """The Markdown of one generated page (rendered ahead of time, if it was)."""
        if self._prerendered is not None:
            text = self._prerendered.take((kind, item_id))
            if text is not None:
                return text
        return self.render_page(self.pages[(kind, item_id)])

    def prerender(self) -> None:
        """Start rendering every page in a second process (large sites only; see prerender.py)."""
        self._prerendered = prerenderer(self.render_page, list(self.pages.values()),
                                        key=lambda page: (page.kind, page.id))

    def page_at(self, src_uri: str) -> Page | None:
        """The generated page MkDocs knows by this source path, if it is one of ours."""
        return self._by_src.get(src_uri)

    def item_for(self, page: Page):
        """The record a page shows, or None for section indexes."""
        if not page.id:
            return None
        if page.kind in ("playbook", "scorecard", "scorecard-one-page", "debrief", "debrief-sheet"):
            return self.index.playbooks[page.id]
        if page.kind == "example":
            return self.index.samples[page.id]
        if page.kind in ("hiring-loop", "loop-debrief"):
            return self.index.loops[page.id]
        if page.kind == "bank":
            return self.index.banks[page.id]
        if page.kind == "bank-part":
            return self.index.banks[page.id.rpartition("/")[0]]
        if page.kind in ("role-levels", "role-coverage"):
            return self.index.roles[page.id]
        return getattr(self.index, page.kind + "s")[page.id]

    def render_page(self, page: Page, **extra) -> str:
        item = self.item_for(page)
        context = {"page": page, "base": page.base, "item": item, **extra}
        if page.kind in ("scorecard", "scorecard-one-page", "debrief-sheet"):
            context["card"] = scorecard_of(self.index, item)
        elif page.kind == "debrief":
            context["debrief"] = playbook_debrief(self.index, item)
        elif page.kind == "loop-debrief":
            context["debrief"] = loop_debrief(self.index, item)
        elif page.kind in ("bank", "bank-part"):
            parts = bank_parts(item.questions)
            context["parts"] = parts
            context["part"] = int(page.id.rpartition("/")[2]) if page.kind == "bank-part" else 0
            context["topic"] = page.id.rpartition("/")[0] if page.kind == "bank-part" else page.id
        elif page.kind == "reference":
            context["kinds"] = reference()
            context["schema_files"] = SCHEMA_FILES
        elif page.kind == "hiring-loop":
            context["plan"] = loop_plan(self.index, item)
        elif page.kind == "role-levels":
            context["comparison"] = level_comparison(self.index, item.id)
        elif page.kind == "role-coverage":
            context["coverage"] = coverage(self.index, item.id)
        elif page.kind == "banks":
            context["facets"] = finder_facets(self.index, KIND_LABELS)
        elif page.kind == "loop":
            context["card"] = loop_card(self.index)
        elif page.kind == "calibration":
            context["calibration"] = calibration(
                self.index, [self.index.playbooks[i] for i, _ in items_of(self.index, "playbook")])
        return self.env.get_template(f"{page.kind}.md").render(context)

    def description(self, page: Page) -> str:
        """One or two plain sentences about a page, for search engines and link previews."""
        item = self.item_for(page)
        texts = {
            "playbook": lambda: item.purpose, "bank": lambda: item.description,
            "bank-part": lambda: item.description,
            "signal": lambda: item.description, "role": lambda: item.summary,
            "level": lambda: item.summary,
            "scorecard": lambda: f"Printable and fillable scorecard for {item.title}.",
            "scorecard-one-page": lambda: f"One-page scorecard for {item.title}.",
            "debrief": lambda: f"The panel's debrief after {item.title}: its submitted scorecards side by side, and the decision record.",
            "debrief-sheet": lambda: f"Blank debrief sheet for the panel after {item.title}.",
            "loop-debrief": lambda: f"The panel's debrief of {item.title}: its submitted scorecards side by side, and the decision record.",
            "example": lambda: f"A filled-in example scorecard for {self.index.playbooks[item.playbook].title}.",
            "role-levels": lambda: f"{item.name}: the scope, signals and hire bar of each level, side by side.",
            "role-coverage": lambda: f"{item.name}: how many questions of each playbook probe each signal.",
        }
        text = texts[page.kind]() if page.kind in texts else SECTION_DESCRIPTIONS.get(page.kind, "")
        text = " ".join(plain_text(text).split())
        return text if len(text) <= 200 else text[:197].rsplit(" ", 1)[0] + "…"

    def data_files(self) -> dict[str, str]:
        """Files the build writes beside the pages (path under the site -> text)."""
        return data_files(self.index, KIND_LABELS, self._question_pages)

    def redirect(self, old_url: str, new_url: str) -> str:
        """A static page at an old URL that sends the reader to the new one."""
        base = "../" * old_url.count("/")
        return self.env.get_template("redirect.html").render(base=base, target=base + new_url)

    def fragment(self, template: str, base: str = "", **context) -> Markup:
        """A piece of a hand-written page, e.g. the role × level matrix on the home page."""
        return Markup(self.env.get_template(template).render(base=base, **context))
