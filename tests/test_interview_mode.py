"""Interview mode on a playbook's scorecard, in Chromium (docs/assets/javascripts/interview.mjs).

The clock is Playwright's (`page.clock`): installed at a fixed time of day, then run
forward, so the segments' times, the highlighting and the behind-schedule message are
checked at known moments. Everything else is real: the built site, its storage, its keys.
Which questions and indicators to expect is read from data/*.yaml and from the page's own
card, so the tests follow the data as it changes.
"""

from __future__ import annotations

import datetime
import json
import re

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, card_of
from interview_playbooks.text import plain

PLAYBOOK = "storage-staff-architect-loop"  # Staff, 60 minutes, a design pool
START = datetime.datetime(2025, 3, 14, 14, 3, tzinfo=datetime.timezone.utc)
CLOCK_KEY = "/.interview-playbooks:clock:v1"
DRAFTS_KEY = "/.interview-playbooks:drafts:v1"
BAR = "[data-ip-interview]"
CURRENT = "section.ip-sc-section--current"


def questions() -> dict:
    found = {}
    for path in sorted((ROOT / "data" / "questions").glob("*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            found[question["id"]] = question
    return found


def playbook() -> dict:
    return yaml.safe_load((ROOT / "data" / "playbooks" / f"{PLAYBOOK}.yaml").read_text(encoding="utf-8"))


def hire_of(question: dict) -> list[dict]:
    """A question's hire indicators, the seed's and the added ones, as {text, level}."""
    items = question.get("hire", []) + (question.get("added") or {}).get("hire", [])
    return [{"text": item, "level": None} if isinstance(item, str) else
            {"text": item["text"], "level": item.get("level")} for item in items]


def probes_of(question: dict) -> list[dict]:
    items = question.get("probes", []) + (question.get("added") or {}).get("probes", [])
    return [{"text": item, "type": "follow-up"} if isinstance(item, str) else
            {"text": item["text"], "type": item.get("type", "follow-up")} for item in items]


def words(text: str) -> str:
    return " ".join(plain(text).split())


@pytest.fixture
def timed(browser):
    """A page in UTC whose clock Playwright holds at 14:03."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    page = context.new_page()
    page.clock.install(time=START - datetime.timedelta(seconds=30))
    yield page
    context.close()


def scorecard(site_url: str, query: str = "") -> str:
    return f"{site_url}playbooks/{PLAYBOOK}/scorecard/{query}"


def current_start(page) -> int:
    return int(page.locator(CURRENT).get_attribute("data-ip-start"))


def heading_times(page, start: int) -> str:
    return page.locator(f'section[data-ip-segment][data-ip-start="{start}"] .ip-interview-times').inner_text()


def test_a_timed_run_through_the_playbook(timed, site_url):
    page = timed
    page.goto(scorecard(site_url, "?mode=interview"))
    page.clock.pause_at(START)  # from here on, time moves only when the test says
    bar = page.locator(BAR)
    expect(bar).to_be_visible()
    expect(page.locator("form[data-ip-form]")).to_have_class(re.compile(r"\bip-sc--interview\b"))
    segments = playbook()["segments"]

    bar.get_by_role("button", name="Start").click()
    # Each segment's heading: its times of day from the start.
    for segment in segments:
        start = START + datetime.timedelta(minutes=segment["start"])
        end = START + datetime.timedelta(minutes=segment["end"])
        assert heading_times(page, segment["start"]) == f"{start:%H:%M}–{end:%H:%M}"
    assert current_start(page) == 0
    expect(bar.locator(".ip-interview-standing")).to_have_text("On time")

    # The highlighting follows the clock.
    page.clock.run_for("06:00")
    expect(page.locator(CURRENT)).to_have_attribute("data-ip-start", "5")
    expect(page.locator(CURRENT + " .ip-interview-left")).to_have_text("10:00 left")
    expect(bar.locator(".ip-interview-elapsed")).to_have_text("6:00")

    # Keys move the current segment (and Material's own n / p do not turn the page).
    page.locator("body").press("n")
    expect(page.locator(CURRENT)).to_have_attribute("data-ip-start", "16")
    expect(bar.locator(".ip-interview-standing")).to_have_text("Ahead by 10 min")
    page.locator("body").press("k")
    page.locator("body").press("p")
    expect(page.locator(CURRENT)).to_have_attribute("data-ip-start", "0")
    page.locator("body").press("j")
    expect(page.locator(CURRENT)).to_have_attribute("data-ip-start", "5")
    assert page.url == scorecard(site_url, "?mode=interview")

    # Past the segment's end: behind, by how much, and what to cut.
    page.clock.run_for("13:00")  # 19 minutes in, still on the durability question
    expect(bar.locator(".ip-interview-standing")).to_have_text("Behind by 3 min")
    cuts = bar.locator(".ip-interview-cuts")
    expect(cuts).to_be_visible()
    expect(cuts).to_contain_text("Skip the optional follow-up probes")
    pool = next(block for s in segments for block in s.get("blocks", []) if block.get("choose"))
    bank = questions()
    shortest = min(pool["questions"], key=lambda qid: bank[qid]["minutes"])
    expect(cuts).to_contain_text(f"ask the shorter option: {plain(bank[shortest]['title'])} "
                                 f"({bank[shortest]['minutes']} min)")
    expect(cuts).to_contain_text("Let the later segments shrink: 41 min")

    # Pause stops the clock; the times that follow move by the pause.
    bar.get_by_role("button", name="Pause").click()
    page.clock.run_for("05:00")
    expect(bar.locator(".ip-interview-elapsed")).to_have_text("19:00")
    bar.get_by_role("button", name="Resume").click()
    page.clock.run_for("01:00")
    expect(bar.locator(".ip-interview-elapsed")).to_have_text("20:00")
    later = START + datetime.timedelta(minutes=5 + 5)
    assert heading_times(page, 5).startswith(f"{later:%H:%M}–")

    # A reload keeps the clock, the current segment and the mode (remembered: no query).
    page.goto(scorecard(site_url))
    expect(page.locator(BAR + " .ip-interview-elapsed")).to_have_text("20:00")
    expect(page.locator(CURRENT)).to_have_attribute("data-ip-start", "5")
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(CLOCK_KEY)})"))
    assert stored[f"scorecard|{PLAYBOOK}"]["interview"] is True

    # Leaving the mode hides the cues and the clock; Reset (confirmed) starts over.
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(BAR).get_by_role("button", name="Reset").click()
    expect(page.locator(BAR + " .ip-interview-elapsed")).to_have_text("0:00")
    page.locator(BAR).get_by_role("button", name="Leave interview mode").click()
    expect(page.locator("[data-ip-cues]").first).to_be_hidden()
    expect(page.locator(CURRENT)).to_have_count(0)
    page.reload()
    expect(page.locator(BAR).get_by_role("button", name="Run the interview")).to_be_visible()
    expect(page.locator("[data-ip-cues]").first).to_be_hidden()


def test_digits_score_the_current_question_never_while_typing(timed, site_url):
    page = timed
    page.goto(scorecard(site_url, "?mode=interview"))
    card = card_of_page(page)
    first, second = card["sections"][0]["entries"][0], card["sections"][1]["entries"][0]
    score = lambda key, value: page.locator(f'input[name="{key}:score"][value="{value}"]')

    page.locator("body").press("4")  # the first unscored question of the current segment
    expect(score(first["key"], 4)).to_be_checked()
    page.locator("body").press("2")  # every question of the segment has a score: nothing changes
    expect(score(first["key"], 4)).to_be_checked()
    page.locator("body").press("n")
    page.locator("body").press("3")
    expect(score(second["key"], 3)).to_be_checked()

    # Focus in an entry: that entry is scored.
    score(first["key"], 4).focus()
    page.keyboard.press("5")
    expect(score(first["key"], 5)).to_be_checked()
    # Typing in its notes, or with a modifier, scores nothing.
    notes = page.locator(f'textarea[name="{first["key"]}:notes"]')
    notes.click()
    page.keyboard.type("1 node lost")
    expect(notes).to_have_value("1 node lost")
    expect(score(first["key"], 5)).to_be_checked()
    page.locator("body").press("Alt+2")
    expect(score(second["key"], 3)).to_be_checked()


def card_of_page(page) -> dict:
    return json.loads(page.evaluate(
        "document.querySelector('template[data-ip-scorecard-template]').content.querySelector('script').textContent"))


def test_the_staff_scorecard_asks_only_indicators_for_staff(page, site_url):
    page.goto(scorecard(site_url))
    asked = {words(text) for text in page.locator(".ip-sc-indicators td:first-child").all_inner_texts()}
    bank = questions()
    ids = [qid for segment in playbook()["segments"]
           for qid in segment.get("questions", []) + [q for b in segment.get("blocks", []) for q in b["questions"]]]
    others = [i for qid in ids for i in hire_of(bank[qid]) if i["level"] not in (None, "staff")]
    kept = [i for qid in ids for i in hire_of(bank[qid]) if i["level"] in (None, "staff")]
    assert others and kept, "the playbook's questions have no indicator of another level to leave out"
    for indicator in others:
        assert words(indicator["text"]) not in asked, indicator
    for indicator in kept:
        assert words(indicator["text"]) in asked, indicator


def test_a_ticked_pool_option_brings_up_its_own_indicators_and_saves_them(page, site_url, site):
    page.goto(scorecard(site_url))
    card = card_of(site, f"playbooks/{PLAYBOOK}/scorecard")
    entry = next(e for s in card["sections"] for e in s["entries"] if e["kind"] == "pool")
    chosen, *others = [o for o in entry["options"] if o["indicators"]]
    blocks = page.locator(f'[data-ip-entry="{entry["key"]}"] [data-ip-option]')
    assert blocks.count() == len(entry["options"])
    for option in entry["options"]:
        expect(page.locator(f'[data-ip-option="{option["id"]}"]')).to_be_hidden()

    page.locator("#ip-candidate").fill("Candidate P")
    page.locator(f'input[name="{entry["key"]}:asked"][value="{chosen["id"]}"]').check()
    block = page.locator(f'[data-ip-entry="{entry["key"]}"] [data-ip-option="{chosen["id"]}"]')
    expect(block).to_be_visible()
    expect(block.locator(".ip-sc-indicators td:first-child")).to_have_count(len(chosen["indicators"]))
    for option in others:
        expect(page.locator(f'[data-ip-option="{option["id"]}"]')).to_be_hidden()
    field = f'{entry["key"]}:hire-{chosen["id"]}-1'
    block.locator(f'input[name="{field}"][value="yes"]').check()

    drafts = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(DRAFTS_KEY)})"))
    fields = next(iter(drafts.values()))["fields"]
    assert fields[field] == "yes" and fields[f'{entry["key"]}:asked'] == [chosen["id"]]

    # The draft reopens (continued from the resume prompt) with its option ticked, its block
    # shown, its answer kept.
    page.reload()
    prompt = page.locator("[data-ip-resume]")
    prompt.locator("li", has_text="Candidate P").get_by_role("button", name="Continue").click()
    expect(block).to_be_visible()
    expect(block.locator(f'input[name="{field}"][value="yes"]')).to_be_checked()
    expect(page.locator(f'[data-ip-option="{others[0]["id"]}"]')).to_be_hidden()

    # On paper every option prints its indicators.
    page.emulate_media(media="print")
    for option in entry["options"]:
        expect(page.locator(f'[data-ip-entry="{entry["key"]}"] [data-ip-option="{option["id"]}"] .ip-sc-indicators')).to_be_visible()
    expect(page.locator("[data-ip-cues]").first).to_be_hidden()


def test_each_cue_appears_in_interview_mode(page, site_url, site):
    page.goto(scorecard(site_url))
    card = card_of(site, f"playbooks/{PLAYBOOK}/scorecard")
    entry = next(e for s in card["sections"] for e in s["entries"]
                 if e["kind"] == "question" and any(p["type"] == "mandatory" for p in probes_of(questions()[e["question"]])))
    question = questions()[entry["question"]]
    cues = page.locator(f'[data-ip-entry="{entry["key"]}"] [data-ip-cues]')
    expect(cues).to_be_hidden()  # outside interview mode

    page.locator(BAR).get_by_role("button", name="Run the interview").click()
    expect(cues).to_be_visible()
    expect(cues.locator(".ip-sc-prompt")).to_have_text(words(question["prompt"]))
    probes = probes_of(question)
    mandatory = next(p for p in probes if p["type"] == "mandatory")
    expect(cues.locator('[data-ip-probe="mandatory"]').filter(has_text=words(mandatory["text"]))).to_be_visible()
    follow_ups = [p for p in probes if p["type"] == "follow-up"]
    if follow_ups:
        probe = cues.locator('[data-ip-probe="follow-up"]').first
        expect(probe).to_be_hidden()
        cues.locator("summary").click()
        expect(probe).to_contain_text(words(follow_ups[0]["text"]))
    strong = question.get("strong_answer") or (question.get("added") or {}).get("strong_answer")
    first_cue = (strong.get("topics") or [None])[0] or next(iter(strong["star"].values()))[0]
    expect(cues.locator(".ip-sc-strong")).to_contain_text(words(first_cue))

    page.emulate_media(media="print")
    expect(cues).to_be_hidden()
    expect(page.locator(BAR)).to_be_hidden()


@pytest.mark.parametrize("width", [1280, 390])
def test_interview_mode_fits_the_screen(browser, site_url, width, tmp_path):
    context = browser.new_context(viewport={"width": width, "height": 900}, timezone_id="UTC")
    page = context.new_page()
    page.clock.install(time=START - datetime.timedelta(seconds=30))
    page.goto(scorecard(site_url, "?mode=interview"))
    page.clock.pause_at(START)
    page.locator(BAR).get_by_role("button", name="Start").click()
    page.clock.run_for("19:00")
    page.locator(CURRENT).scroll_into_view_if_needed()
    page.screenshot(path=str(tmp_path / f"interview-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The bar stays under Material's header as the page scrolls.
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(100)
    header = page.locator(".md-header").bounding_box()
    box = page.locator(BAR).bounding_box()
    assert abs(box["y"] - (header["y"] + header["height"])) <= 4, (box, header)
    assert box["height"] <= (200 if width < 600 else 160), box
    context.close()
