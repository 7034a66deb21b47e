"""Independent scorecards (issue 16 item 2, issue 17 item 4), in a real browser
(docs/assets/javascripts/scorecard/submission.mjs and form.mjs).

- The overall recommendation stays disabled, saying how many scores are left, until every
  question and rubric dimension is scored; a score taken back disables it again and keeps
  the choice, said to be on hold. On paper it never looks disabled.
- "Submit scorecard" lists what is missing, each item a link to its field; scores with no
  evidence note are asked about ("Submit anyway"); unscored items block.
- Submitted, the form is read-only (after a reload too, and in interview mode), its status
  line names the time, the rubric version and the checksum, and "Download JSON" gives the
  same stamped record every time: it satisfies the schema and its checksum is Python's.
- The one-page card and the finder's custom loop submit the same way.

Few tests, each a scenario: every browser test costs seconds.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin

import jsonschema
import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, card_of
from test_scorecard_drafts import filled_page
from test_scorecard_fill import STORAGE_KEY, Card, field, open_form, status, stored, toolbar_button

SCHEMA = json.loads((ROOT / "schemas" / "scorecard-export.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def card(site) -> Card:
    return Card(site)


def submission(page: Page):
    return page.locator("[data-ip-submission]")


def panel(page: Page):
    return page.locator("[data-ip-submit-panel]")


def recommendation(page: Page):
    return page.locator('form[data-ip-form] input[name="recommendation"]')


def gate(page: Page):
    return page.locator("[data-ip-gate]")


def python_checksum(record: dict) -> str:
    rest = {key: value for key, value in record.items() if key != "checksum"}
    canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def download(page: Page) -> dict:
    with page.expect_download() as info:
        toolbar_button(page, "download").click()
    return json.loads(Path(info.value.path()).read_text(encoding="utf-8"))


def test_the_recommendation_waits_for_every_score_and_submit_lists_what_is_missing(page, site_url, card):
    open_form(page, card.url(site_url))
    total = len(card.entries) + len(card.data["dimensions"])
    expect(submission(page)).to_have_text("Draft — not submitted")
    expect(submission(page)).to_have_attribute("aria-live", "polite")
    for radio in recommendation(page).all():
        expect(radio).to_be_disabled()
    expect(gate(page)).to_have_text(f"Score every question and dimension first: {total} left.")
    expect(recommendation(page).first).to_have_attribute("aria-describedby", "ip-gate-recommendation")

    # Nothing filled in: everything is listed, in the form's order, and nothing can be forced.
    toolbar_button(page, "submit").click()
    expect(panel(page)).to_be_visible()
    expect(panel(page).locator("[data-ip-submit-summary]")).to_have_text(
        f"Not submitted: {total + 3} things to do first.")
    items = panel(page).locator("[data-ip-submit-list] a")
    expect(items).to_have_count(total + 3)
    expect(items.first).to_have_text("Type a candidate label.")
    expect(items.nth(1)).to_have_text("Type the interviewer's name.")
    expect(items.nth(2)).to_contain_text("Score ")
    expect(items.last).to_contain_text("Choose the overall recommendation")
    expect(panel(page).get_by_role("button", name="Submit anyway")).to_be_hidden()
    # Each item takes you to its field.
    items.nth(2).click()
    assert page.evaluate("document.activeElement.name") == f"{card.first['key']}:score"
    items.first.click()
    assert page.evaluate("document.activeElement.name") == "candidate"

    # Every question and dimension scored: the recommendation opens, the list strikes out what is done.
    field(page, "candidate").fill("Candidate A")
    filled_page(page, card)
    expect(gate(page)).to_be_hidden()
    expect(recommendation(page).first).to_be_enabled()
    expect(panel(page).locator("li.ip-sc-done")).to_have_count(total + 1)
    chosen = card.recommendation
    field(page, "recommendation", chosen["id"]).check()

    # A score taken back (as a draft from an older rubric, or a loop that gained a question,
    # brings): disabled again, the choice kept and said to be on hold, nothing cleared.
    page.locator(f'input[name="{card.second["key"]}:score"]:checked').evaluate(
        "e => { e.checked = false; e.dispatchEvent(new Event('change', {bubbles: true})); }")
    expect(recommendation(page).first).to_be_disabled()
    expect(field(page, "recommendation", chosen["id"])).to_be_checked()
    expect(gate(page)).to_have_text(f"Score every question and dimension first: 1 left. "
                                    f"\u201c{chosen['label']}\u201d stays chosen, on hold until then.")
    page.wait_for_timeout(400)
    draft = stored(page)[card.key("Candidate A")]
    assert draft["fields"]["recommendation"] == chosen["id"] and "submitted" not in draft

    # On paper: no reason line, and the disabled boxes print like any other.
    page.emulate_media(media="print")
    expect(gate(page)).to_be_hidden()
    label = page.locator(".ip-sc-recommendation .ip-box-text").first
    assert label.evaluate("e => getComputedStyle(e).opacity") == "1"


def test_submitting_asks_about_missing_notes_then_locks_the_stamped_record(browser, site_url, card):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        open_form(page, card.url(site_url))
        field(page, "candidate").fill("Candidate A")
        field(page, "interviewer").fill("Pat Interviewer")
        filled_page(page, card)  # every question with a note; the dimensions scored with none
        dimensions = card.data["dimensions"]
        field(page, f"{dimensions[0]['key']}:notes").fill("Owned the rollback end to end.")
        field(page, "recommendation", card.recommendation["id"]).check()

        toolbar_button(page, "submit").click()
        unnoted = len(dimensions) - 1
        if unnoted:
            expect(panel(page)).to_be_visible()
            expect(panel(page).locator("[data-ip-submit-summary]")).to_contain_text(
                "no evidence note. Submit anyway, or write the evidence first?")
            expect(panel(page).locator("[data-ip-submit-list] a")).to_have_count(unnoted)
            expect(panel(page).locator("[data-ip-submit-list] a").first).to_have_text(
                f"Write the evidence for rubric dimension \u201c{dimensions[1]['label']}\u201d (scored with no note).")
            expect(submission(page)).to_have_text("Draft — not submitted")
            panel(page).get_by_role("button", name="Submit anyway").click()
        expect(panel(page)).to_be_hidden()
        line = submission(page)
        expect(line).to_have_text(re.compile(
            rf"^Submitted .+ · rubric {re.escape(card.version)} · checksum [0-9a-f]{{12}}$"))
        expect(toolbar_button(page, "submit")).to_be_disabled()

        first, second = download(page), download(page)
        assert first == second, "every download is the stamped record"
        jsonschema.validate(first, SCHEMA, format_checker=jsonschema.FormatChecker())
        assert (first["format_version"], first["status"], first["form"]) == (3, "submitted", "scorecard")
        assert first["submitted_at"] == first["exported_at"]
        assert first["checksum"] == python_checksum(first)
        assert first["checksum"][7:19] in line.inner_text()
        assert first["recommendation_id"] == card.recommendation["id"]
        assert first["recommendation"] == card.recommendation["label"]
        rubric = [entry for entry in first["entries"] if entry["kind"] == "dimension"]
        assert rubric[0]["notes"] == "Owned the rollback end to end." and rubric[0]["flags"] == []
        assert all(entry["flags"] == ["score-without-note"] for entry in rubric[1:])
        questions = [entry for entry in first["entries"] if entry["kind"] != "dimension"]
        assert all(entry["signals"] for entry in questions)
        assert stored(page)[card.key("Candidate A")]["submitted"] == first

        # Reloaded: still read-only, the same stamp; typing and interview shortcuts change nothing.
        page.goto(card.url(site_url, "scorecard") + "?mode=interview")
        prompt = page.locator("[data-ip-resume]")
        expect(prompt.locator("li", has_text="Candidate A")).to_contain_text("submitted")
        prompt.locator("li", has_text="Candidate A").get_by_role("button", name="Continue").click()
        expect(submission(page)).to_have_text(line.inner_text())
        notes = field(page, f"{card.first['key']}:notes")
        before = notes.input_value()
        assert notes.evaluate("e => e.readOnly")
        notes.press("End")
        page.keyboard.type(" more")
        expect(notes).to_have_value(before)
        for radio in page.locator('form[data-ip-form] input[type="radio"]').all()[:12]:
            expect(radio).to_be_disabled()
        checked = page.locator(f'input[name="{card.first["key"]}:score"]:checked').get_attribute("value")
        expect(page.locator("[data-ip-interview]")).to_be_visible()  # interview mode is on
        page.locator(f'[data-ip-entry="{card.first["key"]}"] .ip-sc-item-title').click()
        page.locator("body").press("1" if checked != "1" else "2")
        expect(page.locator("[data-ip-live]")).to_have_text("This scorecard is submitted: its scores cannot change.")
        expect(page.locator(f'input[name="{card.first["key"]}:score"]:checked')).to_have_attribute("value", checked)
        assert download(page) == first

        # Deleting it warns that its record is kept nowhere else; dismissed, nothing goes.
        asked = []
        page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        toolbar_button(page, "delete").click()
        expect(status(page)).to_have_text("Nothing was deleted.")
        assert "submitted scorecard" in asked[0] and "download its JSON first" in asked[0], asked
        assert stored(page)[card.key("Candidate A")]["submitted"] == first

        # A new candidate is a new draft; the submitted label cannot be written over.
        toolbar_button(page, "new").click()
        expect(submission(page)).to_have_text("Draft — not submitted")
        expect(field(page, "candidate")).to_have_value("")
        expect(field(page, f"{card.first['key']}:score", "3")).to_be_enabled()
        field(page, f"{card.first['key']}:score", "3").check()
        field(page, "candidate").fill("Candidate A")
        field(page, "candidate").press("Tab")
        expect(status(page)).to_contain_text("already has a submitted scorecard")
        assert stored(page)[card.key("Candidate A")]["submitted"] == first
    finally:
        context.close()


def fill_all(page: Page, card: dict) -> None:
    """Every question and dimension of `card` scored 4 with a note, then the recommendation."""
    field(page, "candidate").fill("Candidate B")
    field(page, "interviewer").fill("Sam")
    for key in [e["key"] for s in card["sections"] for e in s["entries"]] + [d["key"] for d in card["dimensions"]]:
        field(page, f"{key}:score", "4").check()
        field(page, f"{key}:notes").fill("Said so, in their words.")
    field(page, "recommendation", card["recommendation"][0]["id"]).check()


def test_the_one_page_card_and_the_custom_loop_submit_too(browser, site, site_url, card):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        # The one-page card: everything with a note, so it submits at once.
        open_form(page, card.url(site_url, "one-page"))
        fill_all(page, card_of(site, f"playbooks/{card.id}/scorecard/one-page"))
        page.wait_for_timeout(400)
        # The same draft open in another tab, on the full scorecard (they share drafts).
        other = context.new_page()
        open_form(other, card.url(site_url))
        other.locator("[data-ip-resume] li", has_text="Candidate B").get_by_role("button", name="Continue").click()
        expect(submission(other)).to_have_text("Draft — not submitted")
        toolbar_button(page, "submit").click()
        expect(submission(page)).to_contain_text("Submitted ")
        record = download(page)
        jsonschema.validate(record, SCHEMA, format_checker=jsonschema.FormatChecker())
        assert (record["form"], record["status"]) == ("scorecard", "submitted")
        assert record["checksum"] == python_checksum(record)
        # The other tab shows it submitted, read-only, at once.
        expect(submission(other)).to_contain_text(record["checksum"][7:19])
        expect(field(other, f"{card.first['key']}:score", "4")).to_be_disabled()
        expect(status(other)).to_have_text("This scorecard was submitted in another tab; it is read-only here too.")
        other.close()

        # The finder's custom loop, from a playbook's questions.
        page.goto(urljoin(site_url, f"questions/loop/?from={card.id}"))
        form = page.locator("form[data-ip-form]")
        expect(form.locator("[data-ip-entry]").first).to_be_visible()
        loop = json.loads(form.locator("template[data-ip-scorecard-template]").evaluate(
            "t => t.content.querySelector('script').textContent"))
        expect(recommendation(page).first).to_be_disabled()
        fill_all(page, loop)
        toolbar_button(page, "submit").click()
        expect(submission(page)).to_contain_text("Submitted ")
        record = download(page)
        jsonschema.validate(record, SCHEMA, format_checker=jsonschema.FormatChecker())
        assert (record["form"], record["status"], record["playbook"]) == ("loop", "submitted", "my-loop")
        assert record["checksum"] == python_checksum(record)
        assert record["entries"] and all(entry["flags"] == [] for entry in record["entries"])
        page.reload()
        page.locator("[data-ip-resume] li", has_text="Candidate B").get_by_role("button", name="Continue").click()
        expect(submission(page)).to_contain_text(record["checksum"][7:19])
        expect(form.locator("textarea").first).to_have_js_property("readOnly", True)
    finally:
        context.close()
