"""Scorecards, one-page scorecards and debrief sheets on paper, printed by Chromium.

Page budgets: a blank scorecard takes at most one page per 30 minutes of interview
(rounded up), the one-page variant one page, the debrief sheet at most two, on A4 and on
US Letter. No printed text is smaller than 9pt (12 CSS px).
"""

from __future__ import annotations

import math

import pytest
import yaml

from conftest import ROOT, pdf_pages

PLAYBOOKS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
             for path in sorted((ROOT / "data" / "playbooks").glob("*.yaml"))}
PAPER = ["A4", "Letter"]


def print_pdf(page, url: str, paper: str) -> bytes:
    page.goto(url)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.pdf(format=paper, prefer_css_page_size=False)


def budgets():
    for playbook_id, playbook in PLAYBOOKS.items():
        yield playbook_id, "scorecard/", math.ceil(playbook["duration"] / 30)
        if playbook["duration"] <= 60:
            yield playbook_id, "scorecard/one-page/", 1
        yield playbook_id, "debrief/", 2


CASES = [(pid, path, limit, paper) for pid, path, limit in budgets() for paper in PAPER]


@pytest.mark.parametrize("playbook_id, path, limit, paper", CASES,
                         ids=[f"{c[0]}-{c[1].strip('/').replace('/', '-')}-{c[3]}" for c in CASES])
def test_blank_form_fits_its_page_budget(page, site_url, playbook_id, path, limit, paper):
    pdf = print_pdf(page, f"{site_url}playbooks/{playbook_id}/{path}", paper)
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


@pytest.mark.parametrize("path", ["scorecard/", "scorecard/one-page/", "debrief/", ""])
def test_no_printed_text_is_smaller_than_9pt(page, site_url, path):
    playbook_id = next(pid for pid, p in PLAYBOOKS.items() if p["duration"] <= 60)
    page.goto(f"{site_url}playbooks/{playbook_id}/{path}")
    page.emulate_media(media="print")
    smallest, where = page.evaluate(SMALLEST_TEXT)
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
    lines = page.locator(".ip-sc-item .ip-sc-print-text").first
    spacing = lines.evaluate("e => getComputedStyle(e).lineHeight")
    height = lines.bounding_box()["height"]
    assert float(spacing.rstrip("px")) >= 24  # 18pt
    assert height >= 2 * 24 - 1  # at least two writing lines per question
    colour = page.evaluate("getComputedStyle(document.querySelector('.md-typeset')).color")
    assert colour == "rgb(0, 0, 0)"


def test_question_blocks_do_not_split_across_pages(page, site_url):
    playbook_id = max(PLAYBOOKS, key=lambda pid: PLAYBOOKS[pid]["duration"])
    page.goto(f"{site_url}playbooks/{playbook_id}/scorecard/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.ip-sc-item')).breakInside") == "avoid"


def test_one_page_scorecard_prints_two_hire_signals_a_question_and_shows_all_on_screen(page, site_url):
    """A 30-minute scorecard has one page: on paper each question keeps its first two hire
    signals and any answered on screen; the screen shows every signal."""
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
