"""The question finder (questions/) and the interviewer's own loop (questions/loop/).

The finder's data is read back from the built site and checked against data/*.yaml; then
Chromium filters, reloads, goes back and forward, adds questions to a loop, reorders it and
prints its scorecard, all in the page's real localStorage and history. What each filter
should find is computed here from the YAML, so the tests follow the data as it grows.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from conftest import ROOT, make_project, mkdocs_build, pdf_text, serve

DATA = ROOT / "data"
# core/storage.mjs scopes keys to the site's path; the test server serves the site at "/".
LOOP_KEY = "/.interview-playbooks:loop:v1"
PAGE_LIMIT = 300_000  # bytes: no HTML page may be larger
RESULT = "[data-ip-results] > li"


# --- The data, read independently of the build ------------------------------------------------

def plain(text: str) -> str:
    text = re.sub(r"\[([^\]\n]+)\]\([^()\s]*\)", r"\1", text)
    text = re.sub(r"`([^`\n]+)`", r"\1", text)
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)",
                  lambda m: m.group(1) or m.group(2), text)
    return text


def text_of(indicator) -> str:
    return indicator if isinstance(indicator, str) else indicator["text"]


class Data:
    """Questions (with their bank and the roles that ask them), levels, signals, playbooks."""

    def __init__(self, folder: Path = DATA):
        self.levels = yaml.safe_load((folder / "levels.yaml").read_text(encoding="utf-8"))["levels"]
        self.signals = yaml.safe_load((folder / "signals.yaml").read_text(encoding="utf-8"))["signals"]
        self.roles = yaml.safe_load((folder / "roles.yaml").read_text(encoding="utf-8"))["roles"]
        self.playbooks = [yaml.safe_load(p.read_text(encoding="utf-8"))
                          for p in sorted((folder / "playbooks").glob("*.yaml"))]
        self.questions: dict[str, dict] = {}
        for path in sorted((folder / "questions").glob("*.yaml")):
            for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
                self.questions[question["id"]] = {**question, "topic": path.stem, "roles": set()}
        for playbook in self.playbooks:
            for segment in playbook["segments"]:
                ids = segment.get("questions", []) + [q for block in segment.get("blocks", [])
                                                      for q in block.get("questions", [])]
                for qid in ids:
                    self.questions[qid]["roles"].add(playbook["role"])

    def titles(self, questions) -> list[str]:
        return sorted(plain(q["title"]) for q in questions)

    def matching(self, level=(), signal=(), role=(), kind=(), topic=(), q="") -> list[dict]:
        def any_of(wanted, values):
            return not wanted or bool(set(wanted) & set(values))
        terms = words(q)
        return [question for question in self.questions.values()
                if any_of(level, question["levels"]) and any_of(signal, question["signals"])
                and any_of(role, question["roles"]) and any_of(kind, [question["kind"]])
                and any_of(topic, [question["topic"]])
                and all(any(word.startswith(term) for word in words(plain(question["title"])))
                        for term in terms)]

    def hire(self, question: dict) -> list[str]:
        added = (question.get("added") or {}).get("hire", [])
        return [plain(text_of(i)) for i in question.get("hire", []) + added]


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return [w for w in re.split(r"[^\w]+|_", text) if w]


@pytest.fixture(scope="module")
def data() -> Data:
    return Data()


def a_filter(data: Data) -> tuple[str, list[str]]:
    """A level and two signals whose questions are some, but not all, of the bank."""
    total = len(data.questions)
    best = None
    for level in data.levels:
        for first in data.signals:
            for second in data.signals:
                if first["id"] >= second["id"]:
                    continue
                found = data.matching(level=[level["id"]], signal=[first["id"], second["id"]])
                only_first = data.matching(level=[level["id"]], signal=[first["id"]])
                if 2 <= len(found) < total and len(only_first) < len(found):
                    score = len(found)
                    if best is None or score > best[0]:
                        best = (score, level["id"], [first["id"], second["id"]])
    assert best, "the data has no level and signals that make a useful filter"
    return best[1], best[2]


# --- Browser helpers ------------------------------------------------------------------------------

def open_finder(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-ip-count]")).to_have_text(re.compile(r"^[\d,]+ of [\d,]+ questions?$"))


def count_text(page: Page) -> str:
    return page.locator("[data-ip-count]").inner_text()


def shown_titles(page: Page) -> list[str]:
    return sorted(page.locator(f"{RESULT} [data-ip-slot=title]").all_inner_texts())


def check(page: Page, group: str, value: str) -> None:
    details = page.locator(f'details[data-ip-group="{group}"]')
    if not details.evaluate("d => d.open"):
        details.locator("summary").click()
    page.locator(f'input[name="{group}"][value="{value}"]').check()


def query_of(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def loop_of(page: Page) -> list[str]:
    raw = page.evaluate(f"localStorage.getItem({json.dumps(LOOP_KEY)})")
    return json.loads(raw) if raw else []


def set_loop(page: Page, ids: list[str]) -> None:
    page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))", [LOOP_KEY, ids])


def open_loop(page: Page, site_url: str, ids: list[str]) -> None:
    """Open the loop page with `ids` stored as the loop (stored from another page first: the
    loop page tidies the stored loop as soon as it has read the data)."""
    page.goto(site_url)
    set_loop(page, ids)
    page.goto(urljoin(site_url, "questions/loop/"))


def loop_list(page: Page) -> list[str]:
    return page.locator("[data-ip-loop-list] > li").evaluate_all(
        "items => items.map(item => item.dataset.ipQuestion)")


def squeezed(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


# --- The data file and the page, as built ------------------------------------------------------

def test_finder_data_has_every_question_exactly_once(site, data):
    finder = json.loads((site / "questions" / "finder.json").read_text(encoding="utf-8"))
    ids = [q["i"] for q in finder["questions"]]
    assert sorted(ids) == sorted(data.questions), "finder.json must hold every question once"
    assert len(ids) == len(set(ids))
    name = {table: [entry["id"] for entry in finder[table]]
            for table in ("levels", "signals", "roles", "kinds", "topics")}
    for entry in finder["questions"]:
        question = data.questions[entry["i"]]
        assert entry["t"] == plain(question["title"])
        assert name["topics"][entry["p"]] == question["topic"]
        assert name["kinds"][entry["k"]] == question["kind"]
        assert [name["levels"][n] for n in entry["l"]] == question["levels"]
        assert [name["signals"][n] for n in entry["s"]] == question["signals"]
        assert {name["roles"][n] for n in entry["r"]} == question["roles"]
        assert entry.get("m") == question.get("minutes")
        # The link goes to the page that shows the card, and the card is there.
        page, anchor = finder["pages"][entry["u"]], entry["i"]
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html and f'data-question="{anchor}"' in html, page
    assert [level["id"] for level in finder["levels"]] == \
        [level["id"] for level in sorted(data.levels, key=lambda level: level["rank"])]


def test_each_bank_has_its_hire_indicators_and_cues(site, data):
    finder = json.loads((site / "questions" / "finder.json").read_text(encoding="utf-8"))
    seen = set()
    for topic in finder["topics"]:
        hire = json.loads((site / topic["hire"]).read_text(encoding="utf-8"))
        for qid, entry in hire.items():
            question = data.questions[qid]
            assert question["topic"] == topic["id"]
            assert entry.get("h", []) == data.hire(question)
            assert entry["a"] == plain(question["prompt"]).strip()
            probes = question.get("probes", []) + (question.get("added") or {}).get("probes", [])
            assert [probe[1] for probe in entry.get("b", [])] == \
                [plain(p if isinstance(p, str) else p["text"]) for p in probes]
            assert [probe[0] for probe in entry.get("b", [])] == \
                ["follow-up" if isinstance(p, str) else p.get("type", "follow-up") for p in probes]
            seen.add(qid)
    assert seen == set(data.questions)


def test_finder_data_has_every_playbook_with_its_questions_in_schedule_order(site, data):
    finder = json.loads((site / "questions" / "finder.json").read_text(encoding="utf-8"))
    assert sorted(p["i"] for p in finder["playbooks"]) == sorted(p["id"] for p in data.playbooks)
    for entry in finder["playbooks"]:
        playbook = next(p for p in data.playbooks if p["id"] == entry["i"])
        assert entry["t"] == plain(playbook["title"])
        assert finder["roles"][entry["r"]]["id"] == playbook["role"]
        assert finder["levels"][entry["l"]]["id"] == playbook["level"]
        assert entry["d"] == playbook["duration"]
        offered = [q for s in playbook["segments"] for q in s.get("questions", []) +
                   [q for b in s.get("blocks", []) for q in b.get("questions", [])]]
        assert [q for q in offered if q in entry["q"]] == entry["q"], "schedule order"
        for segment in playbook["segments"]:
            for block in segment.get("blocks", []):
                if block.get("choose"):  # a pool gives its first `choose` options
                    assert [q for q in block["questions"] if q in entry["q"]] == \
                        block["questions"][:block["choose"]]


def test_finder_page_stays_small_and_fetches_its_data_relatively(site, data):
    html = (site / "questions" / "index.html").read_text(encoding="utf-8")
    assert len(html.encode()) < PAGE_LIMIT
    for qid in data.questions:  # no question is in the page: they come from finder.json
        assert f'#{qid}"' not in html, qid
    url = re.search(r'data-ip-data="([^"]+)"', html).group(1)
    assert not urlsplit(url).scheme and not url.startswith("/"), url
    assert (site / "questions" / url).resolve() == (site / "questions" / "finder.json").resolve()
    finder_bytes = (site / "questions" / "finder.json").stat().st_size
    assert finder_bytes / len(data.questions) < 600, "finder.json grew: keep it compact"


def test_finder_and_loop_buttons_stay_out_of_the_search_index(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for doc in index["docs"]:
        assert "Add to my loop" not in doc["text"], doc["location"]
        assert "Clear the filter" not in doc["text"], doc["location"]
        assert not doc["location"].startswith("questions/loop/"), doc["location"]


def test_finder_data_stays_compact_for_a_large_bank(tmp_path):
    """A 1,000-question synthetic bank: finder.json under 200 bytes a question."""
    from bench.synthetic import generate
    from interview_playbooks.index import load_index
    from interview_playbooks.render import Renderer
    generate(tmp_path, 1000)
    files = Renderer(load_index(tmp_path)).data_files()
    finder = files["questions/finder.json"].encode()
    assert len(json.loads(finder)["questions"]) == 1000
    assert len(finder) / 1000 < 200, f"{len(finder) / 1000:.0f} bytes a question"
    assert max(len(text.encode()) for path, text in files.items() if path.endswith("hire.json")) \
        < PAGE_LIMIT


# --- Filtering in the browser -----------------------------------------------------------------

def test_filter_by_level_and_signals_shows_exactly_the_matching_questions(page, site_url, data):
    level, signals = a_filter(data)
    expected = data.matching(level=[level], signal=signals)
    open_finder(page, urljoin(site_url, "questions/"))
    assert count_text(page) == f"{len(data.questions)} of {len(data.questions)} questions"

    check(page, "level", level)
    for signal in signals:
        check(page, "signal", signal)
    expect(page.locator("[data-ip-count]")).to_have_text(
        f"{len(expected)} of {len(data.questions)} questions")
    assert len(expected) <= 200
    assert shown_titles(page) == data.titles(expected)
    assert query_of(page) == {"level": [level], "signal": signals}

    # The address is the filter: loading it again shows the same questions.
    page.reload()
    expect(page.locator("[data-ip-count]")).to_have_text(
        f"{len(expected)} of {len(data.questions)} questions")
    assert shown_titles(page) == data.titles(expected)
    expect(page.locator(f'input[name="level"][value="{level}"]')).to_be_checked()
    for signal in signals:
        expect(page.locator(f'input[name="signal"][value="{signal}"]')).to_be_checked()
    # Each result links to its question's card.
    first = page.locator(f"{RESULT} [data-ip-slot=title]").first
    href = first.get_attribute("href")
    assert re.fullmatch(r"\.\./questions/[a-z0-9-]+/(\d+/)?#[a-z0-9-]+", href), href


def test_back_and_forward_restore_the_filter(page, site_url, data):
    level, signals = a_filter(data)
    only_level = data.matching(level=[level])
    with_signal = data.matching(level=[level], signal=signals[:1])
    total = len(data.questions)
    open_finder(page, urljoin(site_url, f"questions/?level={level}"))  # a preset link
    expect(page.locator("[data-ip-count]")).to_have_text(f"{len(only_level)} of {total} questions")

    check(page, "signal", signals[0])
    expect(page.locator("[data-ip-count]")).to_have_text(f"{len(with_signal)} of {total} questions")
    assert query_of(page) == {"level": [level], "signal": signals[:1]}

    page.go_back()
    expect(page.locator("[data-ip-count]")).to_have_text(f"{len(only_level)} of {total} questions")
    assert query_of(page) == {"level": [level]}
    expect(page.locator(f'input[name="signal"][value="{signals[0]}"]')).not_to_be_checked()
    assert shown_titles(page) == data.titles(only_level)

    page.go_forward()
    expect(page.locator("[data-ip-count]")).to_have_text(f"{len(with_signal)} of {total} questions")
    expect(page.locator(f'input[name="signal"][value="{signals[0]}"]')).to_be_checked()
    assert shown_titles(page) == data.titles(with_signal)


def test_role_kind_and_title_filters_from_a_shared_link(page, site_url, data):
    role = next(p["role"] for p in data.playbooks)
    asked = data.matching(role=[role])
    kind = max({q["kind"] for q in asked}, key=lambda k: len(data.matching(role=[role], kind=[k])))
    expected = data.matching(role=[role], kind=[kind])
    open_finder(page, urljoin(site_url, f"questions/?role={role}&kind={kind}"))
    assert count_text(page) == f"{len(expected)} of {len(data.questions)} questions"
    assert shown_titles(page) == data.titles(expected)

    # Typing in the title filter narrows the list and writes `q` into the address.
    word = words(plain(expected[0]["title"]))[0]
    narrowed = data.matching(role=[role], kind=[kind], q=word)
    page.locator("input[name=q]").fill(word.upper())
    expect(page.locator("[data-ip-count]")).to_have_text(f"{len(narrowed)} of {len(data.questions)} questions")
    assert shown_titles(page) == data.titles(narrowed)
    page.wait_for_function("() => new URLSearchParams(location.search).get('q') !== null")
    assert query_of(page) == {"role": [role], "kind": [kind], "q": [word.upper()]}

    # The clear button empties the filter.
    page.locator("[data-ip-clear]").click()
    expect(page.locator("[data-ip-count]")).to_have_text(
        f"{len(data.questions)} of {len(data.questions)} questions")
    assert query_of(page) == {}


# Unknown values in a shared link are listed and ignored: tests/js/finder.test.mjs; the note
# on the page: test_browser_hardening.test_malformed_hashes_and_query_values_are_harmless.


def test_the_finder_works_from_the_keyboard_and_announces_the_count(page, site_url, data):
    level = data.levels[-1]["id"]
    expected = data.matching(level=[level])
    open_finder(page, urljoin(site_url, "questions/"))
    count = page.locator("[data-ip-count]")
    assert count.get_attribute("role") == "status" and count.get_attribute("aria-live") == "polite"
    summary = page.locator('details[data-ip-group="level"] summary')
    summary.focus()
    page.keyboard.press("Enter")  # opens the group
    box = page.locator(f'input[name="level"][value="{level}"]')
    for _ in range(10):  # Tab to the level's checkbox
        page.keyboard.press("Tab")
        if box.evaluate("box => box === document.activeElement"):
            break
    page.keyboard.press("Space")
    expect(count).to_have_text(f"{len(expected)} of {len(data.questions)} questions")
    # Every control of the filter has a name a screen reader reads.
    unnamed = page.locator("[data-ip-finder] input, [data-ip-finder] button").evaluate_all(
        """els => els.filter(el => el.offsetParent !== null || el.type === 'checkbox')
                    .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                                  && !el.textContent.trim()).map(el => el.outerHTML)""")
    assert unnamed == []


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """A site built from a synthetic bank of 450 questions (more than the finder shows at once)."""
    from bench.synthetic import generate
    tmp = tmp_path_factory.mktemp("large")
    generate(tmp / "data", 450, topics=5)
    project = make_project(tmp / "project", tmp / "data")
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp / "site")
    yield tmp / "site", url
    server.shutdown()


def test_a_long_result_list_is_shown_200_at_a_time(page, large_site):
    site, url = large_site
    html = (site / "questions" / "index.html").read_text(encoding="utf-8")
    assert len(html.encode()) < PAGE_LIMIT
    open_finder(page, urljoin(url, "questions/"))
    assert count_text(page) == "450 of 450 questions"
    expect(page.locator(RESULT)).to_have_count(200)
    more = page.locator("[data-ip-more]")
    expect(more).to_have_text("Show 200 more (250 not shown)")
    more.click()
    expect(page.locator(RESULT)).to_have_count(400)
    # Focus moves to the first new result, so a keyboard user carries on from there.
    assert page.evaluate("document.activeElement.textContent") == \
        page.locator(f"{RESULT} [data-ip-slot=title]").nth(200).inner_text()
    more.click()
    expect(page.locator(RESULT)).to_have_count(450)
    expect(more).to_be_hidden()


# --- The loop --------------------------------------------------------------------------------------

def test_add_three_questions_reorder_them_and_print_their_scorecard(page, site_url, data, tmp_path):
    level, signals = a_filter(data)
    open_finder(page, urljoin(site_url, f"questions/?level={level}"))
    results = page.locator(RESULT)
    picked = [results.nth(n).locator("[data-ip-loop-toggle]").get_attribute("data-ip-loop-toggle")
              for n in range(2)]
    for n in range(2):
        button = results.nth(n).locator("[data-ip-loop-toggle]")
        expect(button).to_have_text("Add to my loop")
        button.click()
        expect(button).to_have_text("Remove from my loop")
    assert loop_of(page) == picked

    # The third from its card in the bank, the way an interviewer reading a bank adds one.
    third = next(qid for qid in data.questions if qid not in picked)
    topic = data.questions[third]["topic"]
    finder = json.loads(page.evaluate("fetch('finder.json').then(r => r.text())"))
    card_page = next(finder["pages"][q["u"]] for q in finder["questions"] if q["i"] == third)
    page.goto(urljoin(site_url, card_page))
    button = page.locator(f'[data-ip-loop-toggle="{third}"]')
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("Remove from my loop")
    assert loop_of(page) == picked + [third]

    # It survives a reload, and the buttons say so.
    page.reload()
    expect(page.locator(f'[data-ip-loop-toggle="{third}"]')).to_have_text("Remove from my loop")
    assert loop_of(page) == picked + [third], f"bank {topic}"

    page.goto(urljoin(site_url, "questions/loop/"))
    expect(page.locator("[data-ip-loop-list] > li")).to_have_count(3)
    assert loop_list(page) == picked + [third]
    # Move the third question up: it is asked second.
    page.locator(f'[data-ip-question="{third}"] button[data-ip-move="-1"]').click()
    order = [picked[0], third, picked[1]]
    assert loop_list(page) == order
    assert loop_of(page) == order
    expect(page.locator(f'[data-ip-question="{third}"] button[data-ip-move="-1"]')).to_be_focused()
    titles = [plain(data.questions[qid]["title"]) for qid in order]
    expect(page.locator("form[data-ip-form] .ip-sc-item-title")).to_have_text(titles)
    page.reload()
    assert loop_list(page) == order
    expect(page.locator("form[data-ip-form] .ip-sc-item-title")).to_have_text(titles)

    pdf = tmp_path / "loop.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = pdf_text(pdf)
    positions = [text.find(title) for title in titles]
    assert all(p >= 0 for p in positions), f"missing from the printed scorecard: {titles}"
    assert positions == sorted(positions), "the printed order is not the loop's"
    # No other question is printed (unless its title is words of the chosen ones' own text).
    own = squeezed(" ".join(t for qid in order for t in data.hire(data.questions[qid]))
                   + " " + " ".join(s["name"] for s in data.signals))
    others = [plain(q["title"]) for qid, q in data.questions.items()
              if qid not in order and plain(q["title"]) not in own
              and not any(plain(q["title"]) in title for title in titles)]
    assert [t for t in others if t in text] == []
    for qid in order:  # hire indicators print with their yes / no boxes
        for indicator in data.hire(data.questions[qid])[:1]:
            assert squeezed(indicator)[:40] in text


def test_a_question_that_no_longer_exists_is_dropped_with_a_note(page, site_url, data):
    known = next(iter(data.questions))
    open_loop(page, site_url, ["no-such-question-anymore", known])
    note = page.locator("[data-ip-loop-note]")
    expect(note).to_be_visible()
    expect(note).to_contain_text("no-such-question-anymore")
    expect(page.locator("[data-ip-loop-list] > li")).to_have_count(1)
    assert loop_list(page) == [known]
    assert loop_of(page) == [known]
    expect(page.locator("form[data-ip-form] .ip-sc-item-title")).to_have_count(1)


def test_remove_and_clear_the_loop(page, site_url, data):
    ids = list(data.questions)[:3]
    open_loop(page, site_url, ids)
    expect(page.locator("[data-ip-loop-list] > li")).to_have_count(3)
    page.locator(f'[data-ip-question="{ids[1]}"] button[data-ip-remove]').click()
    expect(page.locator("[data-ip-loop-list] > li")).to_have_count(2)
    assert loop_of(page) == [ids[0], ids[2]]
    expect(page.locator("form[data-ip-form] .ip-sc-item")).to_have_count(2)
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-ip-loop-clear]").click()
    expect(page.locator("[data-ip-loop-empty]")).to_be_visible()
    assert loop_of(page) == []
    expect(page.locator("form[data-ip-form]")).to_have_count(0)


def test_the_loop_scorecard_keeps_a_draft_like_a_playbooks(page, site_url, data):
    ids = list(data.questions)[:2]
    open_loop(page, site_url, ids)
    form = page.locator("form[data-ip-form=loop]")
    expect(form.locator("[data-ip-toolbar]")).to_be_visible()
    form.locator("input[name=candidate]").fill("Candidate A")
    form.locator(f'input[name="q-{ids[1]}:score"][value="4"]').check()
    page.wait_for_function("""() => Object.values(JSON.parse(
        localStorage.getItem('/.interview-playbooks:drafts:v1') || '{}'))
        .some(d => d.form === 'loop' && d.candidate === 'Candidate A')""")
    page.reload()
    form = page.locator("form[data-ip-form=loop]")
    # Opened afresh, the form asks which draft to continue (tests/test_scorecard_drafts.py).
    form.locator("[data-ip-resume] li", has_text="Candidate A").get_by_role("button").click()
    expect(form.locator("input[name=candidate]")).to_have_value("Candidate A")
    expect(form.locator(f'input[name="q-{ids[1]}:score"][value="4"]')).to_be_checked()
    # Reordering rebuilds the form; the open draft and its answers stay.
    page.locator(f'[data-ip-question="{ids[1]}"] button[data-ip-move="-1"]').click()
    form = page.locator("form[data-ip-form=loop]")
    expect(form.locator("input[name=candidate]")).to_have_value("Candidate A")
    expect(form.locator(f'input[name="q-{ids[1]}:score"][value="4"]')).to_be_checked()


# --- With Material's instant navigation ----------------------------------------------------------


def test_finder_and_loop_under_instant_navigation(page, served_site_url, data):
    level, signals = a_filter(data)
    only_level = data.matching(level=[level])
    total = len(data.questions)
    page.goto(served_site_url)
    page.evaluate("window.ipMarker = 'same document'")
    page.locator(".md-tabs a", has_text="Question banks").click()
    expect(page.locator("[data-ip-count]")).to_have_text(f"{total} of {total} questions")
    check(page, "level", level)
    expect(page.locator("[data-ip-count]")).to_have_text(f"{len(only_level)} of {total} questions")
    results = page.locator(RESULT)
    qid = results.first.locator("[data-ip-loop-toggle]").get_attribute("data-ip-loop-toggle")
    results.first.locator("[data-ip-loop-toggle]").click()

    # To a question's card and back: the filter and the list come back.
    results.first.locator("[data-ip-slot=title]").click()
    expect(page.locator(f'[data-ip-loop-toggle="{qid}"]')).to_have_text("Remove from my loop")
    page.go_back()
    expect(page.locator("[data-ip-count]")).to_have_text(f"{len(only_level)} of {total} questions")
    expect(page.locator(f'input[name="level"][value="{level}"]')).to_be_checked()
    page.go_back()  # the filter's own history entry: back to the unfiltered list
    expect(page.locator("[data-ip-count]")).to_have_text(f"{total} of {total} questions")
    assert page.evaluate("window.ipMarker") == "same document", "a page was reloaded"

    page.locator("a.md-button", has_text="My loop").click()
    expect(page.locator("[data-ip-loop-list] > li")).to_have_count(1)
    assert loop_list(page) == [qid]
