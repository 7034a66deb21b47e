"""Scorecards, one-page scorecards and debrief sheets on paper, printed by Chromium.

Page budgets, on A4 and on US Letter, in the light and in the dark colour scheme:

- a blank scorecard takes at most one page per 30 minutes of interview (rounded up) plus
  one for the rubric and the overall evaluation: a 60-minute scorecard at most 3 pages, a
  30-minute one at most 2. That is what writing space in proportion to the minutes needs:
  a question's notes get one 18pt line per two minutes it takes, never fewer than three
  (the card's `lines`), each rubric dimension two evidence lines, strengths and concerns
  five lines each and the decision rationale four;
- the one-page variant one page, with two writing lines a question;
- the blank debrief sheet at most two pages.

No printed text is smaller than 9pt (12 CSS px). Print is black on white whatever the
screen's colour scheme: no page margin painted dark, nothing past the right margin.
"""

from __future__ import annotations

import io
import math

import pytest
from playwright.sync_api import expect
import yaml
from pypdf import PdfReader
from pypdf.generic import ContentStream

from conftest import ROOT, card_of, pdf_pages

PLAYBOOKS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted((ROOT / "data" / "playbooks").glob("*.yaml"))}
PAPER = ["A4", "Letter"]
SCHEMES = ["light", "dark"]
# A page's printable width in CSS px (96 per inch) inside print.css's @page margins, 11mm
# each side.
CONTENT_WIDTH = {"A4": round((210 - 22) / 25.4 * 96), "Letter": round(8.5 * 96 - 22 / 25.4 * 96)}
LINE = 24  # one writing line, 18pt, in CSS px


@pytest.fixture(params=SCHEMES)
def scheme(request):
    return request.param


@pytest.fixture
def scheme_page(browser, scheme):
    """A page whose screen prefers `scheme`: Material then shows its dark palette (slate)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    yield page
    context.close()


def print_pdf(page, url: str, paper: str) -> bytes:
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.pdf(format=paper, prefer_css_page_size=False)


def scorecard_budget(duration: int) -> int:
    return math.ceil(duration / 30) + 1


def budgets():
    for playbook_id, playbook in PLAYBOOKS.items():
        yield playbook_id, "scorecard/", scorecard_budget(playbook["duration"])
        if playbook["duration"] <= 60:
            yield playbook_id, "scorecard/one-page/", 1
        yield playbook_id, "debrief/sheet/", 2


CASES = [(pid, path, limit, paper) for pid, path, limit in budgets() for paper in PAPER]


def test_the_budget_is_three_pages_for_an_hour_and_two_for_half_an_hour():
    assert scorecard_budget(60) == 3 and scorecard_budget(30) == 2
    assert {p["duration"] for p in PLAYBOOKS.values()} >= {30, 60}


@pytest.mark.parametrize("playbook_id, path, limit, paper", CASES,
                         ids=[f"{c[0]}-{c[1].strip('/').replace('/', '-')}-{c[3]}" for c in CASES])
def test_blank_form_fits_its_page_budget(scheme_page, site_url, playbook_id, path, limit, paper):
    pdf = print_pdf(scheme_page, f"{site_url}playbooks/{playbook_id}/{path}", paper)
    pages = pdf_pages(pdf)
    assert 1 <= pages <= limit, f"{pages} pages, budget {limit}"


SMALLEST_TEXT = """() => {
  let smallest = Infinity, where = '';
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || el.closest('[aria-hidden="true"], .ip-sr-only')) continue;
    const size = parseFloat(style.fontSize);
    if (size < smallest) { smallest = size; where = el.tagName + '.' + el.className + ': ' + el.textContent.trim().slice(0, 40); }
  }
  return [smallest, where];
}"""


@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("path", ["scorecard/", "scorecard/one-page/", "debrief/sheet/", ""])
def test_no_printed_text_is_smaller_than_9pt(scheme_page, site_url, path, paper):
    playbook_id = next(pid for pid, p in PLAYBOOKS.items() if p["duration"] <= 60)
    scheme_page.set_viewport_size({"width": CONTENT_WIDTH[paper], "height": 900})
    scheme_page.goto(f"{site_url}playbooks/{playbook_id}/{path}")
    scheme_page.emulate_media(media="print")
    smallest, where = scheme_page.evaluate(SMALLEST_TEXT)
    assert smallest >= 12, f"{smallest}px ({smallest * 0.75}pt) at {where}"


def test_print_hides_site_chrome_and_keeps_boxes_and_lines(page, site_url):
    playbook_id = next(iter(PLAYBOOKS))
    page.goto(f"{site_url}playbooks/{playbook_id}/scorecard/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search", "[data-ip-toolbar]"):
        assert not page.locator(selector).first.is_visible(), selector
    radio = page.locator("form.ip-sc input[type=radio]").first
    style = radio.evaluate("e => { const s = getComputedStyle(e); return [s.borderTopStyle, s.borderTopWidth, s.width]; }")
    assert style[0] == "solid" and float(style[1].rstrip("px")) >= 1, style
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
    assert colour == "rgb(0, 0, 0)"


# --- Writing space ---------------------------------------------------------------------------

# Every ruled box of a printed form: the field it copies (or none), its lines class, its
# height, its line spacing, and whether it is ruled.
RULED_BOXES = """(selector) => [...document.querySelectorAll(selector)].map(e => {
  const s = getComputedStyle(e);
  const lines = [...e.closest('[class*="ip-lines-"]')?.classList || []].find(c => /^ip-lines-\\d+$/.test(c));
  return {field: e.dataset.ipMirror || null, lines: lines ? Number(lines.slice(9)) : null,
          height: e.getBoundingClientRect().height, lineHeight: parseFloat(s.lineHeight),
          ruled: s.backgroundImage.includes('repeating-linear-gradient'), visible: e.checkVisibility()};
})"""


@pytest.mark.parametrize("playbook_id", sorted(PLAYBOOKS))
def test_every_question_has_a_writing_line_per_two_minutes_on_paper(page, site, site_url, playbook_id):
    """Each question's notes print as exactly its card's `lines` ruled lines, 18pt apart:
    one line per two minutes of the question, at least three."""
    card = card_of(site, f"playbooks/{playbook_id}/scorecard")
    entries = [entry for section in card["sections"] for entry in section["entries"]]
    assert entries
    page.goto(f"{site_url}playbooks/{playbook_id}/scorecard/")
    page.emulate_media(media="print")
    boxes = {box["field"]: box for box in page.evaluate(RULED_BOXES, ".ip-sc-print-text")}
    for entry in entries:
        assert entry["lines"] == max(3, math.ceil(entry["minutes"] / 2)), entry["key"]
        box = boxes[f"{entry['key']}:notes"]
        assert box["visible"] and box["ruled"], entry["key"]
        assert box["lines"] == entry["lines"], (entry["key"], box)
        assert box["lineHeight"] == LINE, (entry["key"], box)
        assert entry["lines"] * LINE - 0.5 <= box["height"] < entry["lines"] * LINE + 0.5, (entry["key"], box)


def test_the_rubric_and_the_overall_fields_have_room_to_write(page, site, site_url):
    playbook_id = max(PLAYBOOKS, key=lambda pid: len(PLAYBOOKS[pid].get("rubric", {}).get("dimensions", [])))
    card = card_of(site, f"playbooks/{playbook_id}/scorecard")
    page.goto(f"{site_url}playbooks/{playbook_id}/scorecard/")
    page.emulate_media(media="print")
    # Each dimension's evidence field (`<key>:notes`) prints as two ruled lines.
    evidence = page.evaluate(RULED_BOXES, ".ip-sc-rubric .ip-sc-print-text")
    assert [box["field"] for box in evidence] == [f"{d['key']}:notes" for d in card["dimensions"]] != []
    for box in evidence:
        assert box["visible"] and box["ruled"] and 2 * LINE - 0.5 <= box["height"] < 2 * LINE + 0.5, box
    overall = {box["field"]: box for box in page.evaluate(RULED_BOXES, ".ip-sc-overall .ip-sc-print-text")}
    for field, lines in {"strengths": 5, "concerns": 5, "comments": 4}.items():
        assert overall[field]["ruled"] and overall[field]["height"] >= lines * LINE - 0.5, overall[field]
    # On screen the ruled copies give way to the fields themselves, labelled.
    page.emulate_media(media="screen")
    assert not any(box["visible"] for box in page.evaluate(RULED_BOXES, ".ip-sc-rubric .ip-sc-print-text"))
    for dimension in card["dimensions"]:
        expect(page.get_by_label(f"Evidence for {dimension['label']}", exact=True)).to_be_visible()


@pytest.mark.parametrize("playbook_id", sorted(pid for pid, p in PLAYBOOKS.items() if p["duration"] <= 60))
def test_one_page_notes_cells_have_two_lines(page, site_url, playbook_id):
    page.goto(f"{site_url}playbooks/{playbook_id}/scorecard/one-page/")
    page.emulate_media(media="print")
    cells = page.evaluate(RULED_BOXES, ".ip-sc-compact-table .ip-sc-print-text")
    # A rubric dimension's evidence prints only once typed in: the one page has no room for lines.
    assert not any(cell["visible"] for cell in cells if cell["field"].startswith(("dim-", "section-")))
    cells = [cell for cell in cells if not cell["field"].startswith(("dim-", "section-"))]
    assert cells
    for cell in cells:
        assert cell["lines"] == 2 and cell["height"] >= 2 * LINE - 0.5, cell
    rows = page.evaluate("""[...document.querySelectorAll('.ip-sc-compact-table tr[data-ip-entry]')]
                            .map(r => r.getBoundingClientRect().height)""")
    assert rows and min(rows) >= 2 * LINE


def test_question_blocks_do_not_split_across_pages(page, site_url):
    playbook_id = max(PLAYBOOKS, key=lambda pid: PLAYBOOKS[pid]["duration"])
    page.goto(f"{site_url}playbooks/{playbook_id}/scorecard/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.ip-sc-item')).breakInside") == "avoid"
    assert page.evaluate("getComputedStyle(document.querySelector('.ip-sc-overall')).breakInside") == "avoid"


def test_one_page_scorecard_prints_two_hire_signals_a_question_and_shows_all_on_screen(page, site_url):
    """A 30-minute scorecard keeps, on paper, each question's first two hire signals and
    any answered on screen; the screen shows every signal."""
    playbook_id = next(pid for pid, p in PLAYBOOKS.items() if p["duration"] <= 30)
    page.goto(f"{site_url}playbooks/{playbook_id}/scorecard/")
    rows = page.locator(".ip-sc-item .ip-sc-indicators tbody tr")
    total = rows.count()
    assert all(rows.nth(i).is_visible() for i in range(total))
    extra = page.locator(".ip-sc-item .ip-sc-indicators tbody tr:nth-child(n+3)")
    assert extra.count() > 0, "no question with more than two hire signals to test with"
    extra.first.locator('input[value="yes"]').check()
    page.emulate_media(media="print")
    printed = [i for i in range(extra.count()) if extra.nth(i).is_visible()]
    assert printed == [0], f"printed beyond the first two: {printed}"
    assert page.locator(".ip-sc-print-note").is_visible()


# --- Black on white in every colour scheme ---------------------------------------------------

def _multiply(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def filled_rectangles(pdf: bytes):
    """Every rectangle a printed PDF fills, as (page number, colour, (x0, y0, x1, y1)) in
    points on the page. The colour is an RGB triple, or None for a pattern (a gradient)."""
    reader = PdfReader(io.BytesIO(pdf))
    for number, pdf_page in enumerate(reader.pages):
        ctm, colour, path, stack, clip, clipping = (1, 0, 0, 1, 0, 0), (0.0, 0.0, 0.0), [], [], None, False
        for operands, operator in ContentStream(pdf_page.get_contents(), reader).operations:
            if operator == b"q":
                stack.append((ctm, colour, clip))
            elif operator == b"Q":
                ctm, colour, clip = stack.pop()
            elif operator in (b"W", b"W*"):
                clipping = True
            elif operator == b"cm":
                ctm = _multiply(tuple(float(v) for v in operands), ctm)
            elif operator == b"rg":
                colour = tuple(float(v) for v in operands)
            elif operator == b"g":
                colour = (float(operands[0]),) * 3
            elif operator in (b"sc", b"scn"):
                numbers = [v for v in operands if isinstance(v, (int, float)) or hasattr(v, "as_numeric")]
                colour = tuple(float(v) for v in numbers) if len(numbers) == 3 and len(operands) == 3 else None
            elif operator == b"k":
                colour = None if any(float(v) for v in operands) else (1.0, 1.0, 1.0)
            elif operator == b"re":
                x, y, w, h = (float(v) for v in operands)
                a, b, c, d, e, f = ctm
                xs = [a * px + c * py + e for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
                ys = [b * px + d * py + f for px, py in ((x, y), (x + w, y), (x, y + h), (x + w, y + h))]
                path.append((min(xs), min(ys), max(xs), max(ys)))
            elif operator in (b"f", b"f*", b"F", b"B", b"B*"):
                for x0, y0, x1, y1 in path:
                    if clip:  # only what the clipping path lets through shows
                        x0, y0, x1, y1 = max(x0, clip[0]), max(y0, clip[1]), min(x1, clip[2]), min(y1, clip[3])
                    if x1 > x0 and y1 > y0:
                        yield number, colour, (x0, y0, x1, y1)
                path = []
            elif operator in (b"n", b"S", b"s"):
                if clipping and path:
                    box = (min(b[0] for b in path), min(b[1] for b in path), max(b[2] for b in path), max(b[3] for b in path))
                    clip = box if clip is None else (max(box[0], clip[0]), max(box[1], clip[1]),
                                                     min(box[2], clip[2]), min(box[3], clip[3]))
                path, clipping = [], False


MARGIN_X, MARGIN_Y = 11 / 25.4 * 72, 10 / 25.4 * 72  # print.css's @page margins, in points


def dark_margins(pdf: bytes) -> list:
    """Filled rectangles that reach into a page's margins in anything but white."""
    reader = PdfReader(io.BytesIO(pdf))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    found = []
    for number, colour, (x0, y0, x1, y1) in filled_rectangles(pdf):
        width, height = sizes[number]
        x0, y0, x1, y1 = max(x0, 0), max(y0, 0), min(x1, width), min(y1, height)  # what shows
        in_margin = (x0 < MARGIN_X - 1 or y0 < MARGIN_Y - 1
                     or x1 > width - MARGIN_X + 1 or y1 > height - MARGIN_Y + 1)
        if in_margin and x1 - x0 > 0.5 and y1 - y0 > 0.5 and (colour is None or min(colour) < 0.99):
            found.append((number + 1, colour, (round(x0), round(y0), round(x1), round(y1))))
    return found


def test_the_margin_check_sees_a_dark_page(browser):
    """The check reads real fills: the reported dark frame (a dark colour scheme's canvas
    in the page margins) is caught, and a plain page passes."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.set_content("<style>@page { margin: 10mm 11mm } :root { color-scheme: dark } * { -webkit-print-color-adjust: exact; print-color-adjust: exact }</style><p>x</p>")
    dark = page.pdf(format="A4")
    page.set_content("<style>@page { margin: 10mm 11mm }</style><p>x</p>")
    light = page.pdf(format="A4")
    context.close()
    assert dark_margins(dark) and not dark_margins(light)


PRINTED_PAGES = ["scorecard/", "scorecard/one-page/", "debrief/sheet/", ""]


@pytest.mark.parametrize("how", ["prefers", "toggle"])
def test_dark_scheme_prints_black_on_white_with_white_margins(browser, site_url, how):
    playbook_id = next(pid for pid, p in PLAYBOOKS.items() if p["duration"] == 60)
    # Material's dark palette, chosen by the screen or by the header's toggle on a light
    # screen (kept in localStorage).
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme="dark" if how == "prefers" else "light")
    page = context.new_page()
    try:
        if how == "toggle":
            page.goto(f"{site_url}playbooks/{playbook_id}/")
            page.locator('label[for="__palette_1"]').click()
            assert page.evaluate("localStorage.length") > 0
        for path in PRINTED_PAGES:
            page.goto(f"{site_url}playbooks/{playbook_id}/{path}")
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", path
            page.emulate_media(media="print")
            backgrounds = page.evaluate("""['html', 'body', '.md-container', '.md-main', '.md-typeset']
                .map(s => getComputedStyle(document.querySelector(s)).backgroundColor)""")
            assert all(b in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)") for b in backgrounds), (path, backgrounds)
            assert backgrounds[0] == backgrounds[1] == "rgb(255, 255, 255)", (path, backgrounds)
            colours = page.evaluate("""['h1', '.md-typeset p', '.md-typeset td', '.md-typeset label', '.ip-muted']
                .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).color)""")
            assert len(colours) >= 3 and set(colours) == {"rgb(0, 0, 0)"}, (path, colours)
            for paper in PAPER:
                pdf = page.pdf(format=paper, prefer_css_page_size=False)
                assert dark_margins(pdf) == [], (path, paper)
    finally:
        context.close()


@pytest.mark.parametrize("paper", PAPER)
def test_nothing_printed_reaches_past_the_right_margin(scheme_page, site_url, paper):
    from test_phones import OVERFLOW
    width = CONTENT_WIDTH[paper]
    scheme_page.set_viewport_size({"width": width, "height": 900})
    scheme_page.emulate_media(media="print")
    for playbook_id in (min(PLAYBOOKS), max(PLAYBOOKS)):
        for path in PRINTED_PAGES:
            scheme_page.goto(f"{site_url}playbooks/{playbook_id}/{path}")
            scroll_width, beyond = scheme_page.evaluate(OVERFLOW, {"width": width, "scrollBoxes": False})
            assert scroll_width <= width and beyond == [], (playbook_id, path, scroll_width, beyond)
