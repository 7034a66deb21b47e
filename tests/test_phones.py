"""Phones: no page scrolls sideways at 360 px, and the forms stay usable there.

One page of every kind the site generates, in a 360 x 740 viewport: the document is no
wider than the screen, and no element reaches past its right edge except inside a box
made to scroll sideways (`.ip-table-scroll`, a focusable, labelled region; or a code
block). Tables that Material would merely put in its own edge-to-edge scroll box (the home
page's role and level matrix, a playbook's schedule and rubric) reflow instead. The
one-page scorecard and the debrief sheet reflow into one block a row, with score buttons
at least 24 px square to tap (WCAG 2.5.8).
"""

from __future__ import annotations

import pytest

PHONE = {"width": 360, "height": 740}
PLAYBOOK = "playbooks/storage-staff-architect-loop/"

# One page of every kind of generated page (and the hand-written ones).
PAGES = {
    "home": "",
    "bank": "questions/storage/",
    "banks": "questions/",  # the finder is on the banks index
    "playbooks": "playbooks/",
    "playbook": PLAYBOOK,
    "scorecard": PLAYBOOK + "scorecard/",
    "one-page scorecard": PLAYBOOK + "scorecard/one-page/",
    "debrief": PLAYBOOK + "debrief/sheet/",
    "short playbook": "playbooks/storage-senior-mts-decision-round/",
    "signal": "signals/ownership/",
    "signals": "signals/",
    "role": "roles/storage-engineer/",
    "role levels": "roles/storage-engineer/levels/",
    "role coverage": "roles/storage-engineer/coverage/",
    "roles": "roles/",
    "level": "levels/staff/",
    "levels": "levels/",
    "loops": "loops/",
    "hiring loop": "loops/storage-staff-hiring-loop/",
    "calibration": "loops/calibration/",
    "custom loop": "questions/loop/",
    "scales": "scales/",
    "reference": "reference/",
    "contributing": "contributing/",
    "example": "examples/cloud-backend-sample-feedback/",
    "performance": "performance/",
}

# The document's width, and the visible elements whose right edge is past `width`: on
# screen (`scrollBoxes`) those inside a sideways-scrolling box of ours or a code block do
# not count. Visually hidden text (clipped to nothing, as .ip-sr-only) does not either.
OVERFLOW = """({width, scrollBoxes}) => {
  const clipped = el => { for (let e = el; e; e = e.parentElement) {
    if (getComputedStyle(e).clip === 'rect(0px, 0px, 0px, 0px)') return true; } return false; };
  const beyond = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.getClientRects().length || !el.checkVisibility({visibilityProperty: true})) continue;
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5 || clipped(el)) continue;
    if (scrollBoxes && el.parentElement.closest('.ip-table-scroll, pre')) continue;
    const text = (el.textContent || '').trim().slice(0, 40);
    beyond.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ends at ${Math.round(box.right)}px: ${text}`);
  }
  return [document.documentElement.scrollWidth, beyond.slice(0, 8)];
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_page_scrolls_sideways_at_360px(phone, site_url, path):
    phone.goto(site_url + path)
    phone.evaluate("document.fonts.ready.then(() => true)")
    scroll_width, beyond = phone.evaluate(OVERFLOW, {"width": PHONE["width"], "scrollBoxes": True})
    assert scroll_width <= PHONE["width"], (scroll_width, beyond)
    assert beyond == [], beyond


def test_scroll_boxes_are_labelled_and_reachable_by_keyboard(phone, site_url):
    """A table too wide for a phone scrolls in a box a keyboard can focus and a screen
    reader can name."""
    phone.goto(site_url + "roles/storage-engineer/levels/")
    boxes = phone.locator(".ip-table-scroll")
    assert boxes.count() > 0
    for i in range(boxes.count()):
        box = boxes.nth(i)
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
        assert box.get_attribute("aria-label")
        assert box.evaluate("e => e.scrollWidth > e.clientWidth") or i > 0


@pytest.mark.parametrize("path, selector", [
    ("", ".ip-matrix table"),
    (PLAYBOOK, "#schedule + .md-typeset__scrollwrap table"),
], ids=["home matrix", "playbook schedule"])
def test_wide_tables_reflow_and_keep_every_cell_readable(phone, site_url, path, selector):
    """The tables the issue found cut off: every cell is on screen, and a matrix cell
    says which level it is."""
    phone.goto(site_url + path)
    table = phone.locator(selector).first
    cells = table.locator("td")
    assert cells.count() > 3
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], i
    assert table.evaluate("t => getComputedStyle(t.querySelector('tbody tr')).display") == "block"
    if path == "":
        headers = table.evaluate("t => [...t.querySelectorAll('thead th')].slice(1).map(th => th.textContent.trim())")
        labels = table.evaluate("""t => [...t.querySelectorAll('tbody tr')].map(tr =>
            [...tr.querySelectorAll('td')].map(td => [td.dataset.label, getComputedStyle(td, '::before').display]))""")
        for row in labels:
            assert [label for label, _ in row] == headers, row
            assert all(display == "block" for _, display in row), row


@pytest.mark.parametrize("path, buttons", [
    (PLAYBOOK + "scorecard/one-page/", ".ip-sc-compact-table .ip-sc-score .ip-box-label"),
    (PLAYBOOK + "debrief/sheet/", ".ip-sc-debrief-table .ip-sc-score .ip-box-label"),
    (PLAYBOOK + "scorecard/", ".ip-sc-item .ip-sc-score .ip-box-label"),
], ids=["one-page", "debrief", "scorecard"])
def test_forms_stay_usable_on_a_phone(phone, site_url, path, buttons):
    phone.goto(site_url + path)
    labels = phone.locator(buttons)
    assert labels.count() >= 5
    sizes = labels.evaluate_all("ls => ls.map(l => { const b = l.getBoundingClientRect(); return [b.width, b.height]; })")
    assert min(w for w, _ in sizes) >= 24 and min(h for _, h in sizes) >= 24, sizes[:5]
    # A tap on a score's number checks it, and the notes field takes the screen's width.
    labels.nth(1).tap()
    assert labels.nth(1).locator("input").is_checked()
    notes = phone.locator("form textarea").first
    box = notes.bounding_box()
    assert box["width"] >= PHONE["width"] * 0.6, box
    notes.tap()
    notes.fill("evidence typed on a phone")
    assert notes.input_value() == "evidence typed on a phone"
