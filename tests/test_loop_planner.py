"""Planning a custom loop (questions/loop/) and sharing it (issue 15, item 7).

In Chromium, on the real site: the finder shows each question's minutes; a loop starts from
a playbook (its select, and a `?from=<playbook id>` link) with the playbook's questions in
schedule order; its total is said against a target length; a link made by "Copy link to
this loop" reopens the same loop in a fresh browser profile, with a scorecard timed
question by question (the interview mode DOM) and a rubric of the questions' signals; a
hostile link is harmless. What each page should show is computed here from data/*.yaml.
The encoding, time boxes and rubric themselves are unit-tested in tests/js/loop.test.mjs.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote, urljoin

import pytest
from playwright.sync_api import Page, expect

from test_question_finder import (LOOP_KEY, RESULT, Data, loop_list, loop_of, open_finder, open_loop,
                                  plain, set_loop)

DEFAULT_MINUTES = 10  # what loop/list.mjs counts for a question with no suggested time
TARGET_KEY = "/.interview-playbooks:loop-target:v1"
SECTION = "form[data-ip-form=loop] section[data-ip-segment]"


@pytest.fixture(scope="module")
def data() -> Data:
    return Data()


def asked(playbook: dict) -> list[str]:
    """What a loop started from a playbook asks: its questions in schedule order, of a pool
    its first `choose` options."""
    ids: list[str] = []
    for segment in playbook["segments"]:
        ids += segment.get("questions", [])
        for block in segment.get("blocks", []):
            questions = block.get("questions", [])
            ids += questions[:block["choose"]] if block.get("choose") else questions
    return list(dict.fromkeys(ids))


def minutes_of(data: Data, qid: str) -> int:
    return data.questions[qid].get("minutes") or DEFAULT_MINUTES


def wait_for_form(page: Page, count: int) -> None:
    expect(page.locator(SECTION)).to_have_count(count)


def target_of(page: Page) -> int | None:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(TARGET_KEY)})")
    return json.loads(raw) if raw else None


def no_xss_watch(page: Page) -> list[str]:
    """Dialogs the page opened (a hostile link must open none)."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


# --- The finder --------------------------------------------------------------------------

def test_the_finder_shows_each_questions_minutes(page, site_url, data):
    open_finder(page, urljoin(site_url, "questions/"))
    rows = page.locator(RESULT).evaluate_all("""items => items.map(item => [
        item.querySelector('[data-ip-loop-toggle]').getAttribute('data-ip-loop-toggle'),
        item.querySelector('[data-ip-slot=minutes]').textContent])""")
    assert len(rows) == min(200, len(data.questions))
    timed = untimed = 0
    for qid, shown in rows:
        minutes = data.questions[qid].get("minutes")
        assert shown == (f" \u00b7 {minutes} min" if minutes else ""), qid
        timed += bool(minutes)
        untimed += not minutes
    assert timed and untimed, "the data should have questions with and without minutes"
    first = page.locator(RESULT).filter(has=page.locator("[data-ip-slot=minutes]:not(:empty)")).first
    expect(first.locator(".ip-finder-meta")).to_contain_text(re.compile(r" · \d+ min$"))


# --- Starting from a playbook --------------------------------------------------------------

def test_a_loop_starts_from_a_playbook_with_its_questions_in_order(page, site_url, data):
    playbook = next(p for p in data.playbooks if any(b.get("choose") for s in p["segments"]
                                                     for b in s.get("blocks", [])))
    expected = asked(playbook)
    open_loop(page, site_url, [])
    expect(page.locator("[data-ip-loop-status]")).to_have_text("Your loop is empty.")
    select = page.locator("[data-ip-loop-playbook]")
    assert select.locator("option").count() == len(data.playbooks) + 1  # and "Choose a playbook…"
    select.select_option(playbook["id"])
    page.locator("[data-ip-loop-use]").click()
    wait_for_form(page, len(expected))  # an empty loop is replaced without asking
    assert loop_list(page) == expected
    assert loop_of(page) == expected
    assert target_of(page) == playbook["duration"]
    expect(page.locator("[data-ip-loop-target]")).to_have_value(str(playbook["duration"]))
    titles = [plain(data.questions[qid]["title"]) for qid in expected]
    expect(page.locator("form[data-ip-form] .ip-sc-item-title")).to_have_text(titles)


def test_the_playbook_page_makes_it_my_loop_by_a_click(page, site_url, data):
    playbook = data.playbooks[0]
    expected = asked(playbook)
    open_loop(page, site_url, [])
    page.goto(urljoin(site_url, f"playbooks/{playbook['id']}/"))
    page.get_by_role("link", name="Make it my loop").click()
    wait_for_form(page, len(expected))
    assert loop_list(page) == expected


def test_a_playbooks_link_asks_before_replacing_a_loop_and_keeps_the_old_one(page, site_url, data):
    playbook = data.playbooks[-1]
    expected = asked(playbook)
    mine = [qid for qid in data.questions if qid not in expected][:2]
    open_loop(page, site_url, mine)
    wait_for_form(page, 2)
    page.goto(urljoin(site_url, f"questions/loop/?from={playbook['id']}"))
    offer = page.locator("[data-ip-loop-offer]")
    expect(offer).to_be_visible()
    expect(offer).to_contain_text(f"has {len(expected)} questions")
    expect(offer).to_contain_text("Replace your loop of 2 questions")
    assert loop_of(page) == mine, "nothing is replaced before the interviewer says so"
    assert "from=" not in page.url, "the address is read once"
    offer.locator("[data-ip-loop-offer-yes]").click()
    expect(offer).to_be_hidden()
    wait_for_form(page, len(expected))
    assert loop_of(page) == expected
    # The replaced loop comes back with one click.
    restore = page.locator("[data-ip-loop-restore]")
    expect(restore).to_be_visible()
    restore.click()
    wait_for_form(page, 2)
    assert loop_of(page) == mine

    # An id that is no playbook changes nothing, and says so.
    page.goto(urljoin(site_url, "questions/loop/?from=no-such-playbook%22%3E%3Cb%3E"))
    expect(page.locator("[data-ip-loop-note]")).to_contain_text("No playbook has the id")
    expect(page.locator("[data-ip-loop-note] b")).to_have_count(0)
    wait_for_form(page, 2)
    assert loop_of(page) == mine


# --- Total against target ---------------------------------------------------------------------

def test_the_total_is_said_against_the_target_and_untimed_questions_count_the_default(page, site_url, data):
    timed = [qid for qid, q in data.questions.items() if q.get("minutes")][:2]
    untimed = next(qid for qid, q in data.questions.items() if not q.get("minutes"))
    ids = timed + [untimed]
    total = sum(minutes_of(data, qid) for qid in ids)
    open_loop(page, site_url, ids)
    wait_for_form(page, 3)
    total_line = page.locator("[data-ip-loop-total]")
    expect(total_line).to_have_text(f"3 questions, {total} of 60 min, {60 - total} to spare. 1 question has "
                                    f"no suggested time and counts {DEFAULT_MINUTES} min.")
    target = page.locator("[data-ip-loop-target]")
    target.fill(str(total - 5))
    target.press("Enter")
    expect(total_line).to_have_text(re.compile(rf"^3 questions, {total} of {total - 5} min, over by 5 min\."))
    assert target_of(page) == total - 5
    # Typed nonsense is refused, the target stays.
    target.fill("2")
    target.press("Enter")
    expect(page.locator("[data-ip-loop-note]")).to_contain_text("whole minutes from 5 to 600")
    expect(target).to_have_value(str(total - 5))
    # The target is stored with the loop and the scorecard's version follows it.
    version = page.locator("form[data-ip-form]").get_attribute("data-rubric-version")
    page.reload()
    expect(page.locator("[data-ip-loop-target]")).to_have_value(str(total - 5))
    wait_for_form(page, 3)
    assert page.locator("form[data-ip-form]").get_attribute("data-rubric-version") == version
    target = page.locator("[data-ip-loop-target]")
    target.fill("90")
    target.press("Enter")
    expect(page.locator("form[data-ip-form]")).not_to_have_attribute("data-rubric-version", version)
    # The untimed question's time box says what it counts.
    expect(page.locator(SECTION).nth(2).locator(".ip-sc-section-title")).to_contain_text(
        f"no suggested time: {DEFAULT_MINUTES} min counted")


# --- Sharing -------------------------------------------------------------------------------------

def share_link(page: Page) -> str:
    page.locator("[data-ip-loop-share]").click()
    box = page.locator("[data-ip-loop-share-url]")
    expect(box).to_be_visible()
    return box.input_value()


def test_a_shared_link_reopens_the_same_loop_in_a_fresh_profile(browser, page, site_url, data, tmp_path):
    ids = [qid for qid, q in data.questions.items() if q.get("minutes")][:2] + \
        [next(qid for qid, q in data.questions.items() if not q.get("minutes"))]
    ids = [ids[2], ids[0], ids[1]]  # an order of its own
    open_loop(page, site_url, ids)
    wait_for_form(page, 3)
    target = page.locator("[data-ip-loop-target]")
    target.fill("45")
    target.press("Enter")
    expect(page.locator("[data-ip-loop-total]")).to_contain_text("of 45 min")
    link = share_link(page)
    assert re.fullmatch(re.escape(urljoin(site_url, "questions/loop/")) + r"#share=v1\.45\.[a-z0-9,-]+", link), link

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # a fresh profile
    try:
        other = context.new_page()
        dialogs = no_xss_watch(other)
        other.goto(link)
        wait_for_form(other, 3)
        assert loop_list(other) == ids
        assert loop_of(other) == ids
        assert target_of(other) == 45
        assert "#share" not in other.url, "the link is read once"
        expect(other.locator("[data-ip-loop-target]")).to_have_value("45")
        # Its scorecard: a timed section a question, the interview mode DOM of the contract.
        form = other.locator("form[data-ip-form=loop]")
        # The interview mode's bar after the toolbar (and the notes that go with it), before
        # the first time box.
        assert form.evaluate("""form => {
            const bar = form.querySelector(':scope > [data-ip-interview]');
            const toolbar = form.querySelector(':scope > [data-ip-toolbar]');
            const first = form.querySelector('section[data-ip-segment]');
            return !!bar && !!toolbar && !!first &&
                !!(toolbar.compareDocumentPosition(bar) & Node.DOCUMENT_POSITION_FOLLOWING) &&
                !!(bar.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""")
        sections = other.locator(SECTION)
        start = 0
        for n, qid in enumerate(ids):
            minutes = minutes_of(data, qid)
            section = sections.nth(n)
            expect(section).to_have_attribute("data-ip-start", str(start))
            expect(section).to_have_attribute("data-ip-end", str(start + minutes))
            expect(section.locator(".ip-sc-section-title")).to_contain_text(f"{start}–{start + minutes} min")
            entry = section.locator(f'.ip-sc-item[data-ip-entry="q-{qid}"]')
            expect(entry).to_have_attribute("data-ip-minutes", str(minutes))
            question = data.questions[qid]
            cues = entry.locator(".ip-sc-cues[data-ip-cues]")
            expect(cues.locator(".ip-sc-prompt")).to_have_text(" ".join(plain(question["prompt"]).split()))
            probes = question.get("probes", []) + (question.get("added") or {}).get("probes", [])
            kinds = [p.get("type", "follow-up") if isinstance(p, dict) else "follow-up" for p in probes]
            expect(cues.locator(".ip-sc-probes > li")).to_have_count(sum(k != "follow-up" for k in kinds))
            expect(cues.locator("details.ip-sc-more-probes li[data-ip-probe=follow-up]")).to_have_count(
                kinds.count("follow-up"))
            start += minutes
        # Its rubric: a dimension per signal the questions probe, each scored 1-5.
        signals = list(dict.fromkeys(s for qid in ids for s in data.questions[qid]["signals"]))
        rubric = form.locator(".ip-sc-rubric")
        assert rubric.get_attribute("data-ip-segment") is None
        names = {s["id"]: s["name"] for s in data.signals}
        expect(rubric.locator("tbody th")).to_have_text([names[s] for s in signals])
        for signal in signals:
            expect(rubric.locator(f'input[name="dim-{signal}:score"]')).to_have_count(5)
        card = json.loads(other.evaluate(
            "document.querySelector('template[data-ip-scorecard-template]').content.textContent"))
        assert [d["key"] for d in card["dimensions"]] == [f"dim-{s}" for s in signals]
        assert card["duration"] == 45
        assert [section["start"] for section in card["sections"]] == \
            [sum(minutes_of(data, q) for q in ids[:n]) for n in range(len(ids))]
        other.screenshot(path=str(tmp_path / "shared-loop.png"), full_page=True)

        # Opened again in a browser with another loop: it asks; "Keep my loop" keeps it.
        set_loop(other, ids[:1])
        other.goto(link)
        offer = other.locator("[data-ip-loop-offer]")
        expect(offer).to_be_visible()
        offer.locator("[data-ip-loop-offer-no]").click()
        expect(offer).to_be_hidden()
        assert loop_of(other) == ids[:1]
        assert dialogs == []
    finally:
        context.close()


def test_a_hostile_share_link_is_harmless(page, site_url, data):
    known = next(iter(data.questions))
    dialogs = no_xss_watch(page)
    mine = list(data.questions)[1:3]
    open_loop(page, site_url, mine)
    wait_for_form(page, 2)
    hostile = ",".join(["<img src=x onerror=alert(1)>", known, "constructor", "__proto__",
                        "\"><script>alert(2)</script>"])
    page.goto(urljoin(site_url, "questions/loop/#share=v1.99999." + quote(hostile, safe="")))
    offer = page.locator("[data-ip-loop-offer]")
    expect(offer).to_be_visible()
    note = page.locator("[data-ip-loop-note]")
    expect(note).to_contain_text("4 questions of the link are not on this site")
    expect(note).to_contain_text("target length")
    expect(page.locator(".md-content img[src=x], [data-ip-loop] script")).to_have_count(0)
    offer.locator("[data-ip-loop-offer-yes]").click()
    wait_for_form(page, 1)
    assert loop_of(page) == [known]
    assert target_of(page) == 60
    assert page.evaluate("({}).polluted") is None

    # Far too long, or not a loop at all: nothing changes but a note.
    for code in ["v1.60." + ",".join(f"q{n}" for n in range(20000)), "garbage", "v9.60." + known]:
        page.goto(urljoin(site_url, "questions/loop/#share=" + code))
        expect(note).to_be_visible()
        expect(page.locator("[data-ip-loop-offer]")).to_be_hidden()
        wait_for_form(page, 1)
        assert loop_of(page) == [known]
    assert dialogs == []
    assert page.evaluate(f"localStorage.getItem({json.dumps(LOOP_KEY)})").count(",") == 0


def test_the_custom_loop_runs_in_interview_mode_with_its_time_boxes(browser, site_url, data):
    """Issue 15, item 1: interview mode for a custom loop too, its time boxes the segments."""
    import datetime
    context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC")
    page = context.new_page()
    start = datetime.datetime(2026, 12, 3, 14, 0, tzinfo=datetime.timezone.utc)
    page.clock.install(time=start - datetime.timedelta(seconds=30))
    playbook = data.playbooks[0]
    expected = asked(playbook)
    page.goto(urljoin(site_url, f"questions/loop/?from={playbook['id']}"))
    wait_for_form(page, len(expected))
    page.clock.pause_at(start)
    page.get_by_role("button", name="Run the interview").click()
    bar = page.locator("form[data-ip-form] [data-ip-interview]")
    expect(bar).to_be_visible()
    bar.get_by_role("button", name="Start").click()
    sections = page.locator("form[data-ip-form] section[data-ip-segment]")
    second = int(sections.nth(1).get_attribute("data-ip-start"))
    page.clock.run_for(second * 60 * 1000 + 1000)
    current = page.locator("form[data-ip-form] section[data-ip-segment].ip-sc-section--current")
    expect(current).to_have_attribute("data-ip-start", str(second))
    page.reload()
    wait_for_form(page, len(expected))
    expect(page.locator("form[data-ip-form] [data-ip-interview]")).to_be_visible()
    context.close()
