"""Anchored rating scales (issue 17): what a 1, a 3 and a 5 sound like on every question and
rubric dimension, in the data and wherever the site shows them."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
import yaml

from conftest import ROOT
from interview_playbooks.text import plain
from test_validation import MINIMAL, run_check

DATA = ROOT / "data"


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def questions() -> dict[str, tuple[str, dict]]:
    return {q["id"]: (path.stem, q) for path in sorted((DATA / "questions").glob("*.yaml"))
            for q in load(path)["questions"]}


def playbooks() -> dict[str, dict]:
    return {path.stem: load(path) for path in sorted((DATA / "playbooks").glob("*.yaml"))}


def anchors_of(question: dict) -> list[dict]:
    return question.get("anchors", []) + (question.get("added") or {}).get("anchors", [])


def at_level(question: dict, level: str) -> dict[int, str]:
    """score -> text of the anchors that apply at a level (a level's own replace the rest)."""
    found = {a["score"]: a["text"] for a in anchors_of(question) if not a.get("level")}
    found.update((a["score"], a["text"]) for a in anchors_of(question) if a.get("level") == level)
    return found


def shown(text: str) -> str:
    """An anchor's text as it appears in a page's HTML, markup aside."""
    return html.escape(plain(text), quote=False)


def page_text(path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def test_every_question_is_anchored_at_1_3_and_5_at_each_of_its_levels():
    for qid, (_, question) in questions().items():
        for level in question["levels"]:
            assert {1, 3, 5} <= set(at_level(question, level)), (qid, level)


def test_seed_questions_keep_their_anchors_under_added():
    for qid, (_, question) in questions().items():
        if question.get("origin") == "seed":
            assert "anchors" not in question, f"{qid}: the seed's own fields hold its words only"


def test_every_rubric_dimension_is_anchored_at_1_3_and_5():
    for pid, playbook in playbooks().items():
        for dimension in playbook["rubric"]["dimensions"]:
            assert {1, 3, 5} <= {a["score"] for a in dimension.get("anchors", [])}, \
                (pid, dimension["signal"])


def test_each_anchor_is_on_its_questions_card_in_the_bank_and_the_playbook(site):
    banks = {}
    for qid, (topic, question) in questions().items():
        text = banks.setdefault(topic, page_text(site / "questions" / topic / "index.html"))
        for anchor in anchors_of(question):
            assert plain(anchor["text"]) in text, (qid, anchor["score"])
    for pid, playbook in playbooks().items():
        text = page_text(site / "playbooks" / pid / "index.html")
        asked = {qid for segment in playbook["segments"]
                 for qid in segment.get("questions", []) + [q for b in segment.get("blocks", [])
                                                            for q in b["questions"]]}
        for qid in asked:
            for score, anchor in at_level(questions()[qid][1], playbook["level"]).items():
                assert plain(anchor) in text, (pid, qid, score)


def test_dimension_anchors_show_on_the_playbook_comparison_debrief_and_card(site):
    for pid, playbook in playbooks().items():
        playbook_page = page_text(site / "playbooks" / pid / "index.html")
        comparison = page_text(site / "roles" / playbook["role"] / "levels" / "index.html")
        debrief = page_text(site / "playbooks" / pid / "debrief" / "sheet" / "index.html")
        scorecard = (site / "playbooks" / pid / "scorecard" / "index.html").read_text("utf-8")
        card = json.loads(re.search(r"data-ip-scorecard-data>(.*?)</script>", scorecard, re.S)[1])
        by_signal = {d["signal"]: d for d in card["dimensions"]}
        for dimension in playbook["rubric"]["dimensions"]:
            for anchor in dimension["anchors"]:
                for name, text in (("playbook", playbook_page), ("comparison", comparison),
                                   ("debrief", debrief)):
                    assert plain(anchor["text"]) in text, (name, pid, dimension["signal"])
            assert [a["score"] for a in by_signal[dimension["signal"]]["anchors"]] == sorted(
                (a["score"] for a in dimension["anchors"]), reverse=True)


def test_anchors_that_read_alike_are_advice_at_their_place(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    text = core.read_text(encoding="utf-8")
    core.write_text(text.replace("{score: 1, text: Tells the team's story and no decision of their own}",
                                 "{score: 1, text: Names the decision and the metric it moves}"),
                    encoding="utf-8")
    status, output = run_check(data)
    assert status == 0, output
    line = text[:text.index("Tells the team's story")].count("\n") + 1
    assert re.search(rf"core\.yaml:{line}:\d+: advice: question 'ownership-story': the anchors "
                     r"for 2 and 1 read alike", output), output


@pytest.mark.parametrize("score", [3, 10])  # the minimal data scores 1 and 2
def test_a_score_off_the_scale_is_an_error(tmp_path, score):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("{score: 2, text: Names",
                                                             f"{{score: {score}, text: Names"),
                    encoding="utf-8")
    status, output = run_check(data)
    assert status == 1
    assert f"question 'ownership-story': {score} is not a score of the scale 'score'" in output


# --- The scorecard and interview mode (issue 17, item 3) ------------------------------------

BROWSED = "distributed-systems-principal-loop"  # eight anchored dimensions and a pool


def asked_of(playbook: dict) -> list[str]:
    return [qid for segment in playbook["segments"]
            for qid in segment.get("questions", []) + [q for b in segment.get("blocks", [])
                                                       for q in b["questions"]]]


def anchor_blocks(page_html: str) -> dict[str, str]:
    """Each item's anchors as the page shows them beside its score (the data block left
    out), by the item's key: its line, its disclosure and its printed line."""
    blocks: dict[str, str] = {}
    for part in page_html.split('<div class="ip-sc-anchors" data-ip-anchors="')[1:]:
        key, _, rest = part.partition('"')
        block = rest[:rest.index("</div>")]
        blocks[key] = blocks.get(key, "") + html.unescape(re.sub(r"<[^>]+>", " ", block))
    return blocks


def words(text: str) -> str:
    return " ".join(text.split())


def test_each_anchor_is_beside_its_items_score_on_the_scorecards_and_in_the_card(site):
    bank = questions()
    for pid, playbook in playbooks().items():
        level = playbook["level"]
        for path in ("scorecard", "scorecard/one-page"):
            page_html = (site / "playbooks" / pid / path / "index.html").read_text("utf-8")
            card = json.loads(re.search(r"data-ip-scorecard-data>(.*?)</script>", page_html, re.S)[1])
            blocks = {key: words(text) for key, text in anchor_blocks(page_html).items()}
            entries = [entry for section in card["sections"] for entry in section["entries"]]
            expected: dict[str, list[tuple[int, str]]] = {}  # item key -> (score, text)
            for entry in entries:
                ids = [entry["question"]] if entry["kind"] == "question" else \
                    ([] if path.endswith("one-page") else [o["id"] for o in entry["options"]])
                for qid in ids:
                    at = sorted(at_level(bank[qid][1], level).items(), reverse=True)
                    expected.setdefault(entry["key"], []).extend(at)
                    carried = entry["anchors"] if entry["kind"] == "question" else \
                        next(o for o in entry["options"] if o["id"] == qid)["anchors"]
                    assert [(a["score"], a["text"]) for a in carried] == at, (pid, qid)
            for dimension in playbook["rubric"]["dimensions"]:
                expected[f"dim-{dimension['signal']}"] = [(a["score"], a["text"])
                                                          for a in dimension["anchors"]]
            assert set(asked_of(playbook)) <= {e.get("question") for e in entries} | {
                o["id"] for e in entries for o in e.get("options", [])}
            for key, anchors in expected.items():
                for score, text in anchors:
                    assert words(plain(text)) in blocks.get(key, ""), (pid, path, key, score)
            summary = re.search(r'data-ip-anchors="[^"]+">.*?<summary[^>]*>(.*?)</summary>', page_html, re.S)
            assert summary and summary[1] == "What a 1, 3 and 5 sound like", (pid, path)


def score_label(scope, value: int):
    return scope.locator(f'.ip-sc-score label:has(input[value="{value}"])')


def test_a_score_button_shows_its_anchor_and_the_disclosure_holds_them_all(page, site, site_url):
    from playwright.sync_api import expect
    card = json.loads(re.search(r"data-ip-scorecard-data>(.*?)</script>", (
        site / "playbooks" / BROWSED / "scorecard" / "index.html").read_text("utf-8"), re.S)[1])
    entry = next(e for s in card["sections"] for e in s["entries"] if e["kind"] == "question")
    dimension = card["dimensions"][0]
    text = {a["score"]: words(plain(a["text"])) for a in entry["anchors"]}
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}playbooks/{BROWSED}/scorecard/")
    item = page.locator(f'[data-ip-entry="{entry["key"]}"]')
    line = item.locator("[data-ip-anchor-line]")
    expect(line).to_have_attribute("aria-live", "polite")
    expect(line).to_have_text("Point at or focus a score to see what it sounds like.", use_inner_text=True)

    # The pointer: the point under it, and a point with no anchor names its neighbours.
    score_label(item, 5).hover()
    expect(line).to_contain_text(text[5], use_inner_text=True)
    expect(line).not_to_contain_text(text[3], use_inner_text=True)
    score_label(item, 4).hover()
    expect(line).to_have_text("4: no anchor of its own; between the anchors for 3 and 5.", use_inner_text=True)
    # The keyboard: the focused point; then, with neither, the chosen score.
    page.mouse.move(0, 0)
    item.locator('input[value="1"]').focus()
    expect(line).to_contain_text(text[1], use_inner_text=True)
    item.locator('input[value="3"]').check()
    page.locator("#ip-candidate").focus()
    expect(line).to_contain_text(text[3], use_inner_text=True)

    # All of them, one click away.
    disclosure = item.locator("details.ip-sc-anchor-all")
    disclosure.locator("summary").click()
    for anchor in text.values():
        expect(disclosure).to_contain_text(anchor, use_inner_text=True)

    # A rubric dimension's buttons are in their own column; its line is by its hire bar.
    row = page.locator(f'tr:has([data-ip-anchors="{dimension["key"]}"])')
    score_label(row, 5).hover()
    expect(row.locator("[data-ip-anchor-line]")).to_contain_text(
        words(plain(dimension["anchors"][0]["text"])), use_inner_text=True)

    # Interview mode: the current question shows them, and its score key picks the anchor.
    page.goto(f"{site_url}playbooks/{BROWSED}/scorecard/?mode=interview")
    current = page.locator(".ip-sc-section--current [data-ip-entry]").first
    expect(current.locator("[data-ip-anchor-line]")).to_be_visible()
    score_label(current, 5).hover()
    expect(current.locator("[data-ip-anchor-line]")).to_contain_text(text[5], use_inner_text=True)
    page.mouse.move(0, 0)
    page.locator("body").press("1")
    expect(current.locator("[data-ip-anchor-line]")).to_contain_text(text[1], use_inner_text=True)
    expect(current.locator("details.ip-sc-anchor-all")).to_be_visible()

    # The custom loop (no level: the anchors written for none), built in the browser.
    page.goto(f"{site_url}questions/loop/?from={BROWSED}")
    first = page.locator("form[data-ip-form] [data-ip-entry]").first
    asked = at_level(questions()[first.get_attribute("data-ip-entry").removeprefix("q-")][1], None)
    score_label(first, max(asked)).hover()
    expect(first.locator("[data-ip-anchor-line]")).to_contain_text(
        words(plain(asked[max(asked)])), use_inner_text=True)
    first.locator("details.ip-sc-anchor-all summary").click()
    expect(first.locator("details.ip-sc-anchor-all summary")).to_have_text("What a 1, 3 and 5 sound like")
    for text_ in asked.values():
        expect(first.locator("details.ip-sc-anchor-all")).to_contain_text(words(plain(text_)),
                                                                           use_inner_text=True)


def test_anchors_print_when_asked_and_without_javascript(browser, site, site_url):
    from conftest import pdf_text
    card = json.loads(re.search(r"data-ip-scorecard-data>(.*?)</script>", (
        site / "playbooks" / BROWSED / "scorecard" / "index.html").read_text("utf-8"), re.S)[1])
    dimension = words(plain(card["dimensions"][0]["anchors"][0]["text"]))
    question = next(e for s in card["sections"] for e in s["entries"] if e["kind"] == "question")
    first = words(plain(question["anchors"][0]["text"]))
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site_url}playbooks/{BROWSED}/scorecard/")
    page.emulate_media(media="print")
    blank = pdf_text(page.pdf(format="Letter", print_background=True, prefer_css_page_size=True))
    assert dimension[:60] not in blank and first[:60] not in blank
    page.emulate_media(media="screen")
    page.check("input[data-ip-print-anchors]")
    page.emulate_media(media="print")
    asked = pdf_text(page.pdf(format="Letter", print_background=True, prefer_css_page_size=True))
    assert dimension[:60] in asked and first[:60] in asked
    context.close()
