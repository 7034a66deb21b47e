"""Filling in scorecards and debrief sheets in a real browser (docs/assets/javascripts/scorecard/).

Each test drives the built site in Chromium the way an interviewer uses it: types into the
form, reloads, switches between candidates, prints, copies, downloads, deletes. Nothing is
mocked: drafts live in the page's real localStorage, the clipboard is Chromium's, the PDF is
Chromium's and its text is read back with pypdf (conftest.pdf_text).

Which playbook and which questions are used is read from the built pages' own data block
(the JSON the script reads), so the tests follow data/*.yaml as it changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import jsonschema
import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, card_of, pdf_text

# core/storage.mjs scopes keys to the site's path; the test server serves the site at "/".
STORAGE_KEY = "/.interview-playbooks:drafts:v1"
FORM = "form[data-ip-form]"
END_OF_NOTE = "ZQX-END-OF-NOTE-7731"
LONG_NOTE = "\n".join(
    f"Line {n}: explained replication, quorum reads and the failure of a leader during a "
    f"rolling upgrade; probed on back-pressure."
    for n in range(1, 21)) + f"\nLast line {END_OF_NOTE}"


# --- The card under test, from the built site ----------------------------------------------

class Card:
    """A playbook whose scorecard has what the tests need, and the keys they fill."""

    def __init__(self, site: Path):
        self.site = site
        candidates = []
        for folder in sorted((site / "playbooks").iterdir()):
            if not (folder / "scorecard" / "one-page" / "index.html").exists():
                continue
            data = card_of(site, f"playbooks/{folder.name}/scorecard")
            entries = [e for s in data["sections"] for e in s["entries"]]
            if len(entries) >= 2 and data["dimensions"] and any(e["indicators"] for e in entries):
                candidates.append((folder.name, data, entries))
        assert candidates, "no playbook has a one-page scorecard with two questions, " \
                           "hire indicators and rubric dimensions to fill in"
        self.id, self.data, self.entries = candidates[0]
        self.version = self.data["rubric_version"]
        self.first, self.second = self.entries[0], self.entries[1]
        self.with_indicator = next(e for e in self.entries if e["indicators"])
        self.dimension = self.data["dimensions"][0]
        self.recommendation = self.data["recommendation"][1]  # e.g. "Hire"

    def url(self, site_url: str, page: str = "scorecard") -> str:
        suffix = {"scorecard": "scorecard/", "one-page": "scorecard/one-page/",
                  "debrief": "debrief/sheet/"}[page]
        return urljoin(site_url, f"playbooks/{self.id}/{suffix}")

    def key(self, candidate: str, kind: str = "scorecard") -> str:
        return f"{kind}|{self.id}|{candidate}"


@pytest.fixture(scope="module")
def card(site) -> Card:
    return Card(site)


# --- Helpers ---------------------------------------------------------------------------------

def field(page: Page, name: str, value: str | None = None):
    selector = f'{FORM} [name="{name}"]'
    if value is not None:
        selector += f'[value="{value}"]'
    return page.locator(selector)


def open_form(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-ip-toolbar]")).to_be_visible()


def stored(page: Page) -> dict | None:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})")
    return None if raw is None else json.loads(raw)


def wait_saved(page: Page, key: str, name: str, value) -> None:
    """Wait until the draft `key` holds `value` in field `name` (saves are debounced)."""
    page.wait_for_function(
        """([storageKey, key, name, value]) => {
            const all = JSON.parse(localStorage.getItem(storageKey) || "{}");
            return !!all[key] && JSON.stringify(all[key].fields[name]) === JSON.stringify(value);
        }""", arg=[STORAGE_KEY, key, name, value], timeout=5000)


def status(page: Page):
    return page.locator("[data-ip-status]")


def toolbar_button(page: Page, action: str):
    return page.locator(f'[data-ip-toolbar] button[data-ip-action="{action}"]')


def draft_select(page: Page):
    return page.locator('[data-ip-toolbar] select[data-ip-action="open"]')


def continue_draft(page: Page, name: str) -> None:
    """Answer the resume-or-new prompt a page opened with drafts shows: continue `name`'s."""
    prompt = page.locator("[data-ip-resume]")
    expect(prompt).to_be_visible()
    prompt.locator("li", has_text=name).get_by_role("button", name="Continue").click()
    expect(prompt).to_be_hidden()


def score_the_rest(page: Page, card: Card, value: str = "3") -> None:
    """Score every question and rubric dimension not scored yet: the recommendation can be
    chosen only then (scorecard/submission.mjs)."""
    for key in [entry["key"] for entry in card.entries] + [d["key"] for d in card.data["dimensions"]]:
        if not page.locator(f'{FORM} input[name="{key}:score"]:checked').count():
            field(page, f"{key}:score", value).check()


def fill_basic(page: Page, card: Card, candidate: str, score: str) -> None:
    field(page, "candidate").fill(candidate)
    field(page, f"{card.first['key']}:score", score).check()
    wait_saved(page, card.key(candidate), f"{card.first['key']}:score", score)


# --- Tests -----------------------------------------------------------------------------------

def test_every_value_comes_back_after_a_reload(page, site_url, card):
    open_form(page, card.url(site_url))
    first, second, dim = card.first["key"], card.second["key"], card.dimension["key"]
    indicator = card.with_indicator["key"]
    field(page, "candidate").fill("Candidate A")
    field(page, "interviewer").fill("Pat Interviewer")
    field(page, "date").fill("2025-03-14")
    field(page, f"{first}:score", "4").check()
    field(page, f"{second}:score", "2").check()
    field(page, f"{dim}:score", "5").check()
    score_the_rest(page, card)
    field(page, "recommendation", card.recommendation["id"]).check()
    field(page, f"{indicator}:hire-1", "yes").check()
    field(page, f"{first}:notes").fill(LONG_NOTE)
    assert len(LONG_NOTE) >= 1500 and "\n" in LONG_NOTE
    page.reload()  # at once: the pending (debounced) save must happen as the page goes

    continue_draft(page, "Candidate A")
    expect(field(page, "candidate")).to_have_value("Candidate A")
    expect(field(page, "interviewer")).to_have_value("Pat Interviewer")
    expect(field(page, "date")).to_have_value("2025-03-14")
    expect(field(page, f"{first}:score", "4")).to_be_checked()
    expect(field(page, f"{second}:score", "2")).to_be_checked()
    expect(field(page, f"{dim}:score", "5")).to_be_checked()
    expect(field(page, "recommendation", card.recommendation["id"])).to_be_checked()
    expect(field(page, f"{indicator}:hire-1", "yes")).to_be_checked()
    expect(field(page, f"{first}:notes")).to_have_value(LONG_NOTE)
    # The open draft is named in the list, and the long note's box grew to show it.
    expect(draft_select(page)).to_have_value(card.key("Candidate A"))
    sizes = field(page, f"{first}:notes").evaluate("t => [t.scrollHeight, t.clientHeight]")
    assert sizes[0] <= sizes[1] + 1, f"the notes box does not grow with its text: {sizes}"
    draft = stored(page)[card.key("Candidate A")]
    assert draft["form"] == "scorecard" and draft["playbook"] == card.id
    assert draft["candidate"] == "Candidate A" and draft["rubric_version"] == card.version
    assert re.match(r"\d{4}-\d\d-\d\dT", draft["saved_at"])


def test_long_notes_print_in_full(page, site_url, card, tmp_path):
    open_form(page, card.url(site_url))
    notes = f"{card.first['key']}:notes"
    field(page, "candidate").fill("Candidate A")
    field(page, notes).fill(LONG_NOTE)
    textarea = field(page, notes)
    mirror = page.locator(f'{FORM} [data-ip-mirror="{notes}"]')
    rows_height = textarea.evaluate("""t => {
        const style = getComputedStyle(t);
        const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
        return t.rows * line;
    }""")

    page.emulate_media(media="print")
    expect(textarea).to_be_hidden()
    expect(mirror).to_be_visible()
    assert mirror.evaluate("m => m.textContent") == LONG_NOTE
    box = mirror.bounding_box()
    assert box and box["height"] > rows_height, (box, rows_height)
    sizes = mirror.evaluate("m => [m.scrollHeight, m.clientHeight]")
    assert sizes[0] <= sizes[1] + 1, f"the printed note is clipped: {sizes}"

    pdf = tmp_path / "scorecard.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = pdf_text(pdf)
    assert END_OF_NOTE in text, "the end of the long note is missing from the PDF"
    assert "Line 1: explained replication" in text


def test_two_candidates_side_by_side(page, site_url, card):
    open_form(page, card.url(site_url))
    fill_basic(page, card, "Candidate A", "4")
    toolbar_button(page, "new").click()
    expect(status(page)).to_have_text("New scorecard")
    expect(field(page, "candidate")).to_have_value("")
    expect(field(page, "candidate")).to_be_focused()
    expect(page.locator(f'{FORM} input[name="{card.first["key"]}:score"]:checked')).to_have_count(0)
    fill_basic(page, card, "Candidate B", "2")

    options = draft_select(page).locator("option")
    labels = options.all_text_contents()
    assert any(label.startswith("Candidate A") for label in labels), labels
    assert any(label.startswith("Candidate B") for label in labels), labels
    assert labels.index(next(l for l in labels if l.startswith("Candidate B"))) < \
        labels.index(next(l for l in labels if l.startswith("Candidate A"))), "latest first"

    draft_select(page).select_option(card.key("Candidate A"))
    expect(field(page, "candidate")).to_have_value("Candidate A")
    expect(field(page, f"{card.first['key']}:score", "4")).to_be_checked()
    draft_select(page).select_option(card.key("Candidate B"))
    expect(field(page, "candidate")).to_have_value("Candidate B")
    expect(field(page, f"{card.first['key']}:score", "2")).to_be_checked()
    expect(field(page, f"{card.first['key']}:score", "4")).not_to_be_checked()
    assert set(stored(page)) == {card.key("Candidate A"), card.key("Candidate B")}


def test_labels_and_notes_stay_text(page, site_url, card):
    """What an interviewer types is shown as text: the draft list and the print copy never
    turn it into markup."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    label = '<img src="x-label.png" onerror="window.__hit=1"> & Co'
    note = '<img src="x-note.png" onerror="window.__hit=1"><b>bold</b>'
    open_form(page, card.url(site_url))
    fill_basic(page, card, label, "3")
    field(page, f"{card.first['key']}:notes").fill(note)
    wait_saved(page, card.key(label), f"{card.first['key']}:notes", note)
    page.reload()
    assert page.locator("[data-ip-resume] li").first.evaluate("li => li.querySelectorAll('img, b').length") == 0
    continue_draft(page, label)
    expect(field(page, "candidate")).to_have_value(label)
    option = draft_select(page).locator("option").nth(1)
    assert option.text_content().startswith(label)
    mirror = page.locator(f'{FORM} [data-ip-mirror="{card.first["key"]}:notes"]')
    assert mirror.evaluate("m => [m.textContent, m.children.length]") == [note, 0]
    assert draft_select(page).evaluate("s => s.querySelectorAll('img, b').length") == 0
    assert page.evaluate("window.__hit === undefined")
    assert not [url for url in requests if "x-label" in url or "x-note" in url]


def test_pool_questions_keep_what_was_asked(page, site, site_url):
    """The boxes of a pool's questions are saved as a list and come back; how the export
    names a pool's question by what was asked: tests/js/export.test.mjs."""
    pools = []
    for folder in sorted((site / "playbooks").iterdir()):
        if not (folder / "scorecard" / "index.html").exists():
            continue
        data = card_of(site, f"playbooks/{folder.name}/scorecard")
        pools += [(folder.name, e) for s in data["sections"] for e in s["entries"]
                  if e["kind"] == "pool" and len(e["options"]) >= 2]
    if not pools:
        pytest.skip("no playbook asks questions from a pool")
    playbook, pool = pools[0]
    open_form(page, urljoin(site_url, f"playbooks/{playbook}/scorecard/"))
    field(page, "candidate").fill("Candidate P")
    first, second = pool["options"][:2]
    field(page, f"{pool['key']}:asked", first["id"]).check()
    field(page, f"{pool['key']}:asked", second["id"]).check()
    wait_saved(page, f"scorecard|{playbook}|Candidate P", f"{pool['key']}:asked",
               [first["id"], second["id"]])
    page.reload()
    continue_draft(page, "Candidate P")
    expect(field(page, f"{pool['key']}:asked", first["id"])).to_be_checked()
    expect(field(page, f"{pool['key']}:asked", second["id"])).to_be_checked()


def test_full_and_one_page_scorecards_share_drafts(page, site_url, card):
    first = card.first["key"]
    open_form(page, card.url(site_url))
    fill_basic(page, card, "Candidate A", "3")
    field(page, "strengths").fill("Clear trade-offs")
    wait_saved(page, card.key("Candidate A"), "strengths", "Clear trade-offs")

    open_form(page, card.url(site_url, "one-page"))
    continue_draft(page, "Candidate A")
    expect(field(page, "candidate")).to_have_value("Candidate A")
    expect(field(page, f"{first}:score", "3")).to_be_checked()
    # A change on the one-page card keeps what only the full card asks for.
    field(page, f"{first}:score", "5").check()
    wait_saved(page, card.key("Candidate A"), f"{first}:score", "5")

    open_form(page, card.url(site_url))
    continue_draft(page, "Candidate A")
    expect(field(page, f"{first}:score", "5")).to_be_checked()
    expect(field(page, "strengths")).to_have_value("Clear trade-offs")


def test_a_draft_from_an_older_rubric_is_flagged(page, site_url, card):
    open_form(page, card.url(site_url))
    first = card.first["key"]
    old = "0ld0ld00"
    drafts = {
        card.key("Candidate Old"): {
            "form": "scorecard", "playbook": card.id, "candidate": "Candidate Old",
            "rubric_version": old, "saved_at": "2024-01-02T10:00:00.000Z",
            "fields": {"candidate": "Candidate Old", f"{first}:score": "3"}},
        card.key("Candidate New"): {
            "form": "scorecard", "playbook": card.id, "candidate": "Candidate New",
            "rubric_version": card.version, "saved_at": "2024-01-01T10:00:00.000Z",
            "fields": {"candidate": "Candidate New", f"{first}:score": "4"}},
    }
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, json.dumps(drafts)])
    page.reload()
    warning = page.locator("[data-ip-warning]")

    draft_select(page).select_option(card.key("Candidate New"))
    expect(field(page, f"{first}:score", "4")).to_be_checked()
    expect(warning).to_be_hidden()
    draft_select(page).select_option(card.key("Candidate Old"))
    expect(field(page, f"{first}:score", "3")).to_be_checked()
    expect(warning).to_be_visible()
    expect(warning).to_have_text(
        f"This draft was filled in against rubric version {old}; the rubric has changed since "
        f"(now {card.version}). Check the questions before you rely on it.")
    # Editing keeps the warning; opening another draft takes it away.
    field(page, f"{first}:notes").fill("More evidence")
    wait_saved(page, card.key("Candidate Old"), f"{first}:notes", "More evidence")
    expect(warning).to_be_visible()
    assert stored(page)[card.key("Candidate Old")]["rubric_version"] == old
    draft_select(page).select_option(card.key("Candidate New"))
    expect(warning).to_be_hidden()


def test_delete_one_draft_then_everything(page, site_url, card):
    answers: list[bool] = []  # how to answer the next confirm() dialogs
    asked: list[str] = []

    def answer(dialog):
        asked.append(dialog.message)
        if answers and answers.pop(0):
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    open_form(page, card.url(site_url))
    other = {"scorecard|another-playbook|X": {
        "form": "scorecard", "playbook": "another-playbook", "candidate": "X",
        "rubric_version": "1", "saved_at": "2024-01-01T00:00:00Z", "fields": {"candidate": "X"}}}
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [STORAGE_KEY, json.dumps(other)])
    fill_basic(page, card, "Candidate A", "4")
    toolbar_button(page, "new").click()
    fill_basic(page, card, "Candidate B", "2")
    draft_select(page).select_option(card.key("Candidate A"))
    expect(field(page, "candidate")).to_have_value("Candidate A")

    answers.append(False)  # cancel: nothing is deleted
    toolbar_button(page, "delete").click()
    expect(status(page)).to_have_text("Nothing was deleted.")
    assert card.key("Candidate A") in stored(page)

    answers.append(True)
    toolbar_button(page, "delete").click()
    expect(status(page)).to_contain_text("Deleted the draft for")
    assert set(stored(page)) == {card.key("Candidate B"), "scorecard|another-playbook|X"}
    expect(field(page, "candidate")).to_have_value("")
    expect(field(page, f"{card.first['key']}:score", "4")).not_to_be_checked()
    labels = draft_select(page).locator("option").all_text_contents()
    assert not any(label.startswith("Candidate A") for label in labels), labels
    assert any(label.startswith("Candidate B") for label in labels), labels

    draft_select(page).select_option(card.key("Candidate B"))
    expect(field(page, f"{card.first['key']}:score", "2")).to_be_checked()
    answers.append(True)
    toolbar_button(page, "delete-all").click()
    expect(status(page)).to_have_text("Deleted all stored drafts.")
    assert stored(page) is None
    expect(field(page, "candidate")).to_have_value("")
    expect(field(page, f"{card.first['key']}:score", "2")).not_to_be_checked()
    assert draft_select(page).locator("option").all_text_contents() == ["(none yet)"]
    page.reload()
    expect(field(page, "candidate")).to_have_value("")
    assert stored(page) is None
    assert len(asked) == 3, f"each click should ask once: {asked}"
    assert "Candidate A" in asked[1] and "all playbooks" in asked[2]


def test_copy_as_markdown_and_download_json(browser, site_url, card):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  accept_downloads=True)
    try:
        page = context.new_page()
        first, dim, indicator = card.first["key"], card.dimension["key"], card.with_indicator["key"]
        open_form(page, card.url(site_url))
        field(page, "candidate").fill("Candidate A")
        field(page, "interviewer").fill("Pat")
        field(page, f"{first}:score", "4").check()
        field(page, f"{first}:notes").fill("Explained quorum reads.\nMissed clock skew.")
        field(page, f"{dim}:score", "3").check()
        field(page, f"{indicator}:hire-1", "no").check()
        score_the_rest(page, card)
        field(page, "recommendation", card.recommendation["id"]).check()
        field(page, "strengths").fill("Depth on replication")

        toolbar_button(page, "copy").click()
        expect(status(page)).to_have_text("Copied as Markdown")
        markdown = page.evaluate("navigator.clipboard.readText()")
        assert markdown.startswith("**Candidate Name:** Candidate A  \n**Interviewer Name:** Pat  \n")
        assert f"**Playbook:** {card.data['title']} (rubric version {card.version})" in markdown
        first_title = first_entry_title(card)
        assert f"**Question 1:** {first_title}  \n**Score (1–5):** 4  \n" in markdown
        assert "Explained quorum reads.\nMissed clock skew." in markdown
        assert f"{card.with_indicator['indicators'][0]} — no" in markdown
        assert f"**{card.dimension['label']}:** 3/5" in markdown
        assert "**Strengths:**  \nDepth on replication" in markdown
        assert f"☑ {card.recommendation['label']}" in markdown
        for point in card.data["recommendation"]:
            if point["id"] != card.recommendation["id"]:
                assert f"☐ {point['label']}" in markdown
        questions = sum(len(s["entries"]) for s in card.data["sections"])
        assert markdown.count("**Question ") == questions
        assert f"**Question {questions}:**" in markdown

        toolbar_button(page, "copy-text").click()
        expect(status(page)).to_have_text("Copied as plain text")
        text = page.evaluate("navigator.clipboard.readText()")
        assert text.startswith("Candidate: Candidate A\nInterviewer: Pat\n")
        assert f"Question 1: {first_title}\n" in text
        strong = next(point["label"] for point in card.data["scale"] if point["value"] == 4)
        assert f"Score: 4 / 5 ({strong})\n" in text

        with page.expect_download() as info:
            toolbar_button(page, "download").click()
        download = info.value
        assert download.suggested_filename == f"{card.id}-candidate-a-scorecard.json"
        exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
        schema = json.loads((ROOT / "schemas" / "scorecard-export.schema.json").read_text(encoding="utf-8"))
        jsonschema.validate(exported, schema, format_checker=jsonschema.FormatChecker())
        assert exported["$schema"] == schema["$id"]
        assert exported["form"] == "scorecard" and exported["playbook"] == card.id
        assert exported["rubric_version"] == card.version and exported["candidate"] == "Candidate A"
        assert exported["title"] == card.data["title"] and exported["exported_at"]
        assert exported["fields"][f"{first}:score"] == "4"
        assert exported["fields"]["recommendation"] == card.recommendation["id"]
        entry = next(e for e in exported["entries"] if e["key"] == first)
        assert entry["score"] == 4 and entry["notes"] == "Explained quorum reads.\nMissed clock skew."
        assert entry["title"] == first_title
        rubric = next(e for e in exported["entries"] if e["key"] == dim)
        assert rubric["score"] == 3 and rubric["title"] == card.dimension["label"]
        # The object URL was revoked after the download.
        page.wait_for_timeout(1200)
        assert page.evaluate("""() => fetch(document.querySelector('a[download]')?.href || 'blob:x')
                                .then(() => 'fetched', () => 'gone')""") == "gone"
    finally:
        context.close()


def first_entry_title(card: Card) -> str:
    entry = card.first
    if entry["kind"] == "pool":
        return f"{entry['title']}, question {entry['slot']} of {entry['of']}"
    return entry["title"]


def test_debrief_rows_persist_and_export(browser, site_url, card):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        debrief = card_of_url(card, "debrief/sheet")
        dim = debrief["dimensions"][0]
        decision = debrief["recommendation"][0]
        open_form(page, card.url(site_url, "debrief"))
        expect(page.locator(f'{FORM}[data-ip-form="debrief"]')).to_have_count(1)
        field(page, "candidate").fill("Candidate A")
        field(page, "facilitator").fill("Sam")
        rows = [("Alice", "Designed the log compaction well.", "4"),
                ("Bob", "Unclear on failure modes.", "2")]
        for n, (who, evidence, score) in enumerate(rows, start=1):
            field(page, f"{dim['key']}:{n}:interviewer").fill(who)
            field(page, f"{dim['key']}:{n}:evidence").fill(evidence)
            field(page, f"{dim['key']}:{n}:score", score).check()
        field(page, "decision", decision["id"]).check()
        field(page, "rationale").fill("Strong design, one gap.")
        page.reload()
        continue_draft(page, "Candidate A")

        expect(field(page, "candidate")).to_have_value("Candidate A")
        expect(field(page, "facilitator")).to_have_value("Sam")
        for n, (who, evidence, score) in enumerate(rows, start=1):
            expect(field(page, f"{dim['key']}:{n}:interviewer")).to_have_value(who)
            expect(field(page, f"{dim['key']}:{n}:evidence")).to_have_value(evidence)
            expect(field(page, f"{dim['key']}:{n}:score", score)).to_be_checked()
        expect(field(page, "decision", decision["id"])).to_be_checked()
        expect(field(page, "rationale")).to_have_value("Strong design, one gap.")
        assert card.key("Candidate A", "debrief") in stored(page)
        assert card.key("Candidate A") not in stored(page), "debrief drafts are their own kind"

        toolbar_button(page, "copy").click()
        expect(status(page)).to_have_text("Copied as Markdown")
        markdown = page.evaluate("navigator.clipboard.readText()")
        assert "**Candidate Name:** Candidate A  \n**Facilitator:** Sam  \n" in markdown
        assert f"### {dim['label']}\n\n- Alice: 4/5 — Designed the log compaction well.\n" \
               f"- Bob: 2/5 — Unclear on failure modes.\n" in markdown
        assert f"**Final decision:**  \n☑ {decision['label']}" in markdown
        assert "**Rationale:**  \nStrong design, one gap." in markdown
    finally:
        context.close()


def card_of_url(card: Card, page: str) -> dict:
    return card_of(card.site, f"playbooks/{card.id}/{page}")


def test_keyboard_reaches_and_changes_a_score(page, site_url, card):
    open_form(page, card.url(site_url))
    score_name = f"{card.first['key']}:score"
    field(page, "candidate").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.name || ''")
        if name == score_name:
            break
        assert not name.endswith(":score"), f"Tab reached {name} before the first question"
    else:
        pytest.fail("Tab from the candidate field never reached the first question's score")
    before = page.evaluate("document.activeElement.value")
    page.keyboard.press("ArrowDown")
    after = page.evaluate("[document.activeElement.name, document.activeElement.value, "
                          "document.activeElement.checked]")
    assert after[0] == score_name and after[1] != before and after[2] is True, (before, after)
    expect(field(page, score_name, after[1])).to_be_checked()
    page.keyboard.press("ArrowUp")
    expect(field(page, score_name, before)).to_be_checked()
    focus = page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow};
    }""")
    visible = (focus["outline"] != "none" and focus["width"] > 0) or focus["shadow"] not in ("", "none")
    assert visible, f"the focused score has no visible focus style: {focus}"


def test_filling_and_exporting_requests_nothing_from_elsewhere(browser, site_url, card):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  accept_downloads=True)
    try:
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        open_form(page, card.url(site_url))
        page.wait_for_load_state("networkidle")
        fill_basic(page, card, "Candidate A", "4")
        field(page, f"{card.first['key']}:notes").fill("Notes")
        toolbar_button(page, "copy").click()
        expect(status(page)).to_have_text("Copied as Markdown")
        with page.expect_download():
            toolbar_button(page, "download").click()
        toolbar_button(page, "new").click()
        draft_select(page).select_option(card.key("Candidate A"))
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
    finally:
        context.close()
    origin = urlsplit(site_url).netloc
    foreign = sorted({url for url in requests
                      if urlsplit(url.removeprefix("blob:")).netloc != origin
                      and not url.startswith("data:")})
    assert foreign == [], f"requests that left {site_url}: {foreign}"
    assert errors == [], errors


def test_instant_navigation_sets_up_each_form_once(page, served_site_url, card):
    site_url = served_site_url
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_form(page, card.url(site_url))
    page.wait_for_load_state("networkidle")  # Material reads the sitemap before it navigates
    fill_basic(page, card, "Candidate A", "4")
    page.evaluate("window.__sameDocument = true")
    page.locator(".ip-sc-links a", has_text="One-page scorecard").click()
    page.wait_for_url(card.url(site_url, "one-page"))
    expect(page.locator(f"{FORM}.ip-sc--compact [data-ip-toolbar]")).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "the link did not use instant navigation"
    expect(field(page, f"{card.first['key']}:score", "4")).to_be_checked()
    page.locator(".ip-sc-links a", has_text="Full scorecard").click()
    page.wait_for_url(card.url(site_url))
    expect(page.locator(f"{FORM}:not(.ip-sc--compact) [data-ip-toolbar]")).to_be_visible()
    assert page.evaluate("window.__sameDocument === true")
    expect(field(page, f"{card.first['key']}:score", "4")).to_be_checked()
    toolbar_button(page, "delete").click()
    expect(status(page)).to_have_text("Nothing was deleted.")
    assert len(dialogs) == 1, f"one click asked {len(dialogs)} times: {dialogs}"


def test_without_javascript_the_printed_form_is_complete(browser, site_url, card):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(card.url(site_url))
        form = page.locator(FORM)
        expect(form).to_have_count(1)
        expect(page.locator("[data-ip-toolbar]")).to_be_hidden()
        scale = len(card.data["scale"])
        scores = form.locator('input[type="radio"][name$=":score"]')
        expected = (len(card.entries) + len(card.data["dimensions"])) * scale
        expect(scores).to_have_count(expected)
        for name in ("candidate", "interviewer", "date"):
            expect(field(page, name)).to_be_visible()
        page.emulate_media(media="print")
        for index in range(scores.count()):
            expect(scores.nth(index)).to_be_visible()
        expect(form.locator('input[name="recommendation"]')).to_have_count(len(card.data["recommendation"]))
        names = form.locator("textarea").evaluate_all("all => all.map(t => t.name)")
        # A note a question, one a rubric dimension, and the three of the overall evaluation.
        assert len(names) == len(card.entries) + len(card.data["dimensions"]) + 3
        for name in names:
            textarea = field(page, name)
            mirror = form.locator(f'[data-ip-mirror="{name}"]')
            assert textarea.is_visible() or mirror.is_visible(), f"{name}: no room to write on paper"
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF")
        text = pdf_text(pdf)
        assert card.data["dimensions"][-1]["label"] in text
    finally:
        context.close()
