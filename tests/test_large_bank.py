"""A bank too large for one page: numbered pages, permanent links, lists that stay short.

Built from the benchmark's synthetic data (bench/synthetic.py), large enough that each bank
is split over several pages and a level has more questions than its page lists.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from bench.synthetic import generate
from conftest import make_project, mkdocs_build, serve
from interview_playbooks.index import load_index
from interview_playbooks.pages import BANK_PAGE_SIZE
from interview_playbooks.render import LIST_LIMIT

QUESTIONS_PER_BANK = 2 * BANK_PAGE_SIZE + 7  # three pages: full, full, seven


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("large")
    data = tmp / "data"
    generate(data, 2 * QUESTIONS_PER_BANK, topics=2, signals=10, roles=2, levels=3, playbooks=4)
    result = mkdocs_build(make_project(tmp, data), tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return data, tmp / "site"


def anchors(html: str) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', html))


def test_a_large_bank_is_split_into_numbered_pages(large):
    data, site = large
    index = load_index(data)
    bank = index.banks["topic-00"]
    pages = [site / "questions" / "topic-00" / str(n) / "index.html" for n in (1, 2, 3)]
    assert all(page.exists() for page in pages)
    assert not (site / "questions" / "topic-00" / "4").exists()
    shown = [anchors(page.read_text()) & {q.id for q in bank.questions} for page in pages]
    assert [len(ids) for ids in shown] == [BANK_PAGE_SIZE, BANK_PAGE_SIZE, 7]
    assert set().union(*shown) == {q.id for q in bank.questions}  # each on exactly one page
    # The bank's own page lists every question, in order, forwarding to its numbered page.
    overview = (site / "questions" / "topic-00" / "index.html").read_text()
    ids = re.findall(r'\sid="([^"]+)"', overview)
    assert len(ids) == len(set(ids)) and 'id="top"' in overview  # the title's anchor is fixed
    forwards = re.findall(r'<li id="([^"]+)" data-forward="(\d)/#\1"', overview)
    assert [qid for qid, _ in forwards] == [q.id for q in bank.questions]
    assert [int(n) for _, n in forwards] == [1 + i // BANK_PAGE_SIZE for i in range(len(forwards))]
    # ... and the numbered pages link back to it and to each other.
    second = pages[1].read_text()
    for target in ("questions/topic-00/1/", "questions/topic-00/3/", "questions/topic-00/"):
        assert f'href="../../../{target}"' in second


def test_other_pages_link_straight_to_the_numbered_page(large):
    data, site = large
    index = load_index(data)
    last = index.banks["topic-01"].questions[-1]
    html = "".join(p.read_text() for p in (site / "signals").rglob("index.html"))
    assert f'questions/topic-01/3/#{last.id}"' in html


def test_long_question_lists_end_with_a_link_to_the_finder(large):
    data, site = large
    index = load_index(data)
    level, ids = max(index.questions_by_level.items(), key=lambda item: len(item[1]))
    assert len(ids) > LIST_LIMIT
    html = (site / "levels" / level / "index.html").read_text()
    listed = re.findall(r'<ul class="ip-question-list">(.*?)</ul>', html, re.S)[0]
    assert listed.count("<li>") == LIST_LIMIT
    more = re.search(r'<p class="ip-more"><a href="([^"]+)">All (\d+) questions', html)
    assert more and int(more.group(2)) == len(ids)
    assert unescape(more.group(1)) == f"../../questions/?level={level}"


def test_every_page_stays_small(large):
    _, site = large
    sizes = {p.relative_to(site): p.stat().st_size for p in site.rglob("*.html")}
    assert max(sizes.values()) < 300_000, max(sizes, key=sizes.get)


def test_a_permanent_link_forwards_to_the_numbered_page(large, page):
    data, site = large
    index = load_index(data)
    bank = index.banks["topic-00"]
    server, url = serve(site)
    try:
        target = bank.questions[BANK_PAGE_SIZE + 3]  # on page 2
        page.goto(f"{url}questions/topic-00/#{target.id}")
        page.wait_for_url(f"**/questions/topic-00/2/#{target.id}")
        assert page.locator(f"h2#{target.id}").is_visible()
        # A link to a numbered page that no longer shows the question finds it again.
        moved = bank.questions[-1]  # on page 3
        page.goto(f"{url}questions/topic-00/1/#{moved.id}")
        page.wait_for_url(f"**/questions/topic-00/3/#{moved.id}")
        assert page.locator(f"h2#{moved.id}").is_visible()
    finally:
        server.shutdown()
