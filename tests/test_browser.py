"""End-to-end browser tests of the built site: search, cross-links, home page, offline use.

They drive the real site (built once by the `site` fixture of conftest.py and served on
loopback by `site_url`) in Chromium, the way a reader uses it:

* Material's search finds a question by the words of one of its probes or of its prompt,
  ranks it first, indexes it once (on its bank page, never on a playbook page) and takes
  the reader to the question's anchor;
* signal -> question -> playbook -> signal is walkable by clicks alone;
* the home page's role x level table links every playbook;
* nothing is requested from any host but the site's own, and no page logs an error.

Expected values come from data/*.yaml, read when the tests run, so the tests follow the
data as it changes. The site uses navigation.instant (Material's XHR navigation): after a
click the tests wait for the URL and then for an element of the new page, never a sleep.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import Locator, Page, expect

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT_ITEM = "li.md-search-result__item"
SEARCH_RESULT_LINK = "a.md-search-result__link"
CONTENT_H1 = ".md-content h1"

# Phrases of 4-6 words copied from a probe (search by probe words) or a prompt (search by
# prompt words). Material boosts title matches 1000x and completes every query word as a
# prefix, so a phrase is distinctive only if none of its words begins an unrelated page or
# section title ("first" would hit "First subsystem to redesign", "do" "Domain Depth").
PROBE_PHRASES = [
    "invariants must always hold during state",   # state transfer: invariants
    "detect Byzantine behavior at the client",     # BFT client: Byzantine clients
    "recover metadata after partial corruption",   # bucket metadata at scale
    "node crashes mid-checkpoint",                 # replicated log: crash mid-checkpoint
]
PROMPT_PHRASES = [
    "Design a replicated log with periodic checkpointing",
    "container compression with replication",
    "quick decision under uncertainty",
    "original state synchronization design",
]


# --- Data, read from data/*.yaml -----------------------------------------------------------

def read_yaml(path: Path):
    """One YAML file of the data, as plain Python objects."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load_questions() -> dict[str, tuple[str, dict]]:
    """Every question of every bank: question id -> (topic of its bank, the question)."""
    questions = {}
    for bank_file in sorted((DATA / "questions").glob("*.yaml")):
        for question in read_yaml(bank_file).get("questions") or []:
            questions[question["id"]] = (bank_file.stem, question)
    return questions


def load_playbooks() -> dict[str, dict]:
    """Every playbook: playbook id -> the playbook."""
    playbooks = {}
    for playbook_file in sorted((DATA / "playbooks").glob("*.yaml")):
        playbook = read_yaml(playbook_file)
        playbooks[playbook["id"]] = playbook
    return playbooks


def load_signals() -> dict[str, dict]:
    """Every signal: signal id -> the signal."""
    data = read_yaml(DATA / "signals.yaml")
    entries = data["signals"] if isinstance(data, dict) else data
    return {signal["id"]: signal for signal in entries}


def playbook_question_ids(playbook: dict) -> list[str]:
    """Ids of the questions a playbook asks, in schedule order (segments, then pools)."""
    ids = []
    for segment in playbook.get("segments") or []:
        ids.extend(segment.get("questions") or [])
        for block in segment.get("blocks") or []:
            ids.extend(block.get("questions") or [])
    return ids


def probe_texts(question: dict) -> list[str]:
    """The text of each probe; a probe may be written as plain text or as a mapping."""
    return [probe if isinstance(probe, str) else probe["text"]
            for probe in question.get("probes") or []]


def plain(text: str) -> str:
    """Contributor text as the reader sees it: no Markdown marks, whitespace collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(text.split())


def question_containing(phrase: str, texts_of) -> tuple[str, str]:
    """(topic, question id) of the one question where `texts_of(question)` holds `phrase`.

    Fails if no question or several do: the phrase would then not identify a question and
    the search test could not say which result must come first.
    """
    matches = [(topic, question_id)
               for question_id, (topic, question) in load_questions().items()
               if any(phrase.lower() in plain(text).lower() for text in texts_of(question))]
    assert len(matches) == 1, f"{phrase!r} should occur in exactly one question: {matches}"
    return matches[0]


def signal_walks() -> list:
    """For each playbook, a walk for the signal -> question -> playbook test.

    The walk starts from a signal that a question of the playbook probes (the first
    question in the schedule, its first signal), so that the signal page lists a question
    whose card links to this playbook.
    """
    walks = []
    questions = load_questions()
    for playbook_id, playbook in load_playbooks().items():
        question_id = playbook_question_ids(playbook)[0]
        signal_id = questions[question_id][1]["signals"][0]
        walks.append(pytest.param(signal_id, question_id, playbook_id, id=playbook_id))
    return walks


# --- URLs ------------------------------------------------------------------------------------

def path_of(url: str) -> str:
    """The path of a URL, without its query (search adds ?h=...) and fragment."""
    return urlsplit(url).path


def fragment_of(url: str) -> str:
    return urlsplit(url).fragment


def site_path(site_url: str, relative: str) -> str:
    """The URL path of a page of the site, e.g. `questions/storage/` -> `/questions/storage/`."""
    return path_of(urljoin(site_url, relative))


def wait_for_page(page: Page, path: str, fragment: str = "") -> None:
    """Wait until the browser shows `path` (and `#fragment`, when given)."""
    page.wait_for_url(lambda url: path_of(url) == path
                      and (not fragment or fragment_of(url) == fragment))


def absolute_hrefs(links: Locator) -> list[str]:
    """The resolved href of every link matched by `links`."""
    return links.evaluate_all("links => links.map(link => link.href)")


# --- Page checks -----------------------------------------------------------------------------

def expect_h1(page: Page, text: str) -> None:
    """The page's title heading reads `text` (its ¶ permalink aside)."""
    expect(page.locator(CONTENT_H1)).to_have_text(re.compile(rf"^{re.escape(text)}\s*¶?$"))


def expect_anchor_on_screen(page: Page, anchor_id: str) -> None:
    """The element with id `anchor_id` is in the viewport and not hidden under the header.

    The point at the middle of the heading must hit the heading itself, so a heading that
    scrolled under Material's sticky header (or off screen) fails.
    """
    target = page.locator(f'[id="{anchor_id}"]')
    expect(target).to_have_count(1)
    expect(target).to_be_in_viewport()
    page.wait_for_function(
        """element => {
            const box = element.getBoundingClientRect();
            if (box.top < 0 || box.bottom > window.innerHeight) return false;
            const hit = document.elementFromPoint(box.left + Math.min(box.width / 2, 40),
                                                  box.top + box.height / 2);
            return hit !== null && element.contains(hit);
        }""",
        arg=target.element_handle(), timeout=5000)


# --- Search ----------------------------------------------------------------------------------

def search(page: Page, phrase: str) -> Locator:
    """Type `phrase` into Material's header search box; return the result items.

    Material reads the query on keyup, so the phrase is filled and then one key (End) is
    pressed: exactly one query reaches the search worker, and the first results rendered
    are the results of the whole phrase, not of a prefix typed so far.
    """
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill(phrase)
    box.press("End")
    items = page.locator(SEARCH_RESULT_ITEM)
    expect(items.first).to_be_visible()
    return items


def first_section_link(items: Locator) -> Locator:
    """The top-ranked section link: the first link with an #anchor in the first result.

    A result item is a page: its first link is the page itself, the following ones its
    sections, best first.
    """
    return items.first.locator(f'{SEARCH_RESULT_LINK}[href*="#"]').first


def describe_results(items: Locator) -> str:
    """The result links, best first, for assertion messages."""
    return "\n".join(absolute_hrefs(items.locator(SEARCH_RESULT_LINK)))


def indexed_locations(site: Path, question_id: str) -> list[str]:
    """Locations in the built search index whose anchor is `question_id`."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [doc["location"] for doc in index["docs"]
            if fragment_of(doc["location"]) == question_id]


def check_search_finds_question(page: Page, site: Path, site_url: str,
                                phrase: str, topic: str, question_id: str) -> None:
    """Search `phrase`: the question must be the top hit, only on its bank page, and the
    top hit must take the reader to the question's heading."""
    bank_path = site_path(site_url, f"questions/{topic}/")

    # Indexed once: the bank page holds the question's only entry in the search index.
    locations = indexed_locations(site, question_id)
    assert locations == [f"questions/{topic}/#{question_id}"], (
        f"the search index should hold {question_id!r} once, on its bank page: {locations}")

    page.goto(site_url)
    items = search(page, phrase)
    top = first_section_link(items)
    top_href = top.evaluate("link => link.href")
    assert (path_of(top_href), fragment_of(top_href)) == (bank_path, question_id), (
        f"search for {phrase!r}: the top section should be {bank_path}#{question_id}; "
        f"results were:\n{describe_results(items)}")

    playbook_hits = [href for href in absolute_hrefs(items.locator(SEARCH_RESULT_LINK))
                     if path_of(href).startswith(site_path(site_url, "playbooks/"))
                     and fragment_of(href) == question_id]
    assert playbook_hits == [], f"the question is also found on playbook pages: {playbook_hits}"

    top.click()
    wait_for_page(page, bank_path, question_id)
    expect_anchor_on_screen(page, question_id)
    expect(page.locator(f'h2[id="{question_id}"]')).to_have_count(1)


# --- Tests -----------------------------------------------------------------------------------

@pytest.mark.parametrize("phrase", PROBE_PHRASES)
def test_search_by_probe_words_finds_the_question_on_its_bank_page(page, site, site_url, phrase):
    topic, question_id = question_containing(phrase, probe_texts)
    check_search_finds_question(page, site, site_url, phrase, topic, question_id)


@pytest.mark.parametrize("phrase", PROMPT_PHRASES)
def test_search_by_prompt_words_finds_the_question_on_its_bank_page(page, site, site_url, phrase):
    topic, question_id = question_containing(phrase, lambda question: [question["prompt"]])
    check_search_finds_question(page, site, site_url, phrase, topic, question_id)


@pytest.mark.parametrize("signal_id, question_id, playbook_id", signal_walks())
def test_signal_to_question_to_playbook_and_back_by_clicks(page, site_url,
                                                           signal_id, question_id, playbook_id):
    signals, questions, playbooks = load_signals(), load_questions(), load_playbooks()
    topic, question = questions[question_id]
    bank_path = site_path(site_url, f"questions/{topic}/")
    playbook_path = site_path(site_url, f"playbooks/{playbook_id}/")
    signal_path = site_path(site_url, f"signals/{signal_id}/")

    # The signal page lists the question among those that probe it.
    page.goto(urljoin(site_url, f"signals/{signal_id}/"))
    expect_h1(page, plain(signals[signal_id]["name"]))
    question_link = page.locator(f'ul.ip-question-list a[href$="/questions/{topic}/#{question_id}"]')
    expect(question_link).to_have_count(1)
    expect(question_link).to_have_text(plain(question["title"]))
    question_link.click()

    # ... which opens the bank page at the question's card ...
    wait_for_page(page, bank_path, question_id)
    expect_anchor_on_screen(page, question_id)
    card = page.locator(f'div.ip-card[data-question="{question_id}"]')
    expect(card).to_have_count(1)
    used_in = card.locator(f'p.ip-usedin a[href$="/playbooks/{playbook_id}/#{question_id}"]')
    expect(used_in).to_have_count(1)
    expect(used_in).to_have_text(plain(playbooks[playbook_id]["title"]))
    used_in.click()

    # ... whose "Used in" link opens the playbook at the same question ...
    wait_for_page(page, playbook_path, question_id)
    expect_h1(page, plain(playbooks[playbook_id]["title"]))
    expect_anchor_on_screen(page, question_id)
    playbook_card = page.locator(f'div.ip-card[data-question="{question_id}"]')
    expect(playbook_card).to_have_count(1)
    signal_chip = playbook_card.locator(f'a.ip-chip[href$="/signals/{signal_id}/"]')
    expect(signal_chip).to_have_count(1)
    signal_chip.click()

    # ... and the card's signal chip leads back to the signal.
    wait_for_page(page, signal_path)
    expect_h1(page, plain(signals[signal_id]["name"]))


def test_home_page_table_links_every_playbook(page, site_url):
    playbooks = load_playbooks()
    assert playbooks, "data/playbooks/ holds no playbook"
    page.goto(site_url)
    table = page.locator(".md-content table").filter(
        has=page.locator("thead th", has_text=re.compile(r"^\s*Role\s*$")))
    expect(table).to_have_count(1)
    links = table.locator("a")
    expect(links.first).to_be_visible()

    link_paths = [path_of(href) for href in absolute_hrefs(links)]
    playbook_prefix = site_path(site_url, "playbooks/")
    linked = sorted(path for path in link_paths if path.startswith(playbook_prefix))
    expected = sorted(site_path(site_url, f"playbooks/{playbook_id}/") for playbook_id in playbooks)
    assert linked == expected, "each playbook should be linked exactly once from the table"

    first_id, first = next(iter(sorted(playbooks.items())))
    link = table.locator(f'a[href$="playbooks/{first_id}/"]')
    expect(link).to_have_text(plain(first["title"]))
    link.click()
    wait_for_page(page, site_path(site_url, f"playbooks/{first_id}/"))
    expect_h1(page, plain(first["title"]))


def test_site_requests_nothing_from_other_hosts_and_logs_no_errors(page, site_url):
    requests: list[str] = []
    console_errors: list[str] = []
    page_errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: message.type == "error"
            and console_errors.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: page_errors.append(f"{page.url}: {error}"))

    topic = sorted((DATA / "questions").glob("*.yaml"))[0].stem
    playbook_id, playbook = next(iter(sorted(load_playbooks().items())))
    page.goto(site_url, wait_until="networkidle")
    expect_h1(page, "Interview Playbooks")
    page.goto(urljoin(site_url, f"playbooks/{playbook_id}/"), wait_until="networkidle")
    expect_h1(page, plain(playbook["title"]))
    page.goto(urljoin(site_url, f"questions/{topic}/"), wait_until="networkidle")
    expect(page.locator("div.ip-card").first).to_be_visible()
    search(page, PROMPT_PHRASES[0])
    page.wait_for_load_state("networkidle")

    assert any(url.endswith("/search/search_index.json") for url in requests), \
        "the search index was never requested: did the search run?"
    foreign = sorted({url for url in requests if not url.startswith(site_url)})
    assert foreign == [], f"requests to other hosts than {site_url}: {foreign}"
    assert page_errors == [], f"uncaught script errors: {page_errors}"
    assert console_errors == [], f"console errors: {console_errors}"
