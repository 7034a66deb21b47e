"""Many small banks: no page grows with the number of banks.

A section's every item used to be in the navigation, and Material writes the open section's
links into each of its pages: at 1,000 one-question banks each bank page was 320 KB and the
build took three times as long as it does now. A section of more than NAV_SECTION_LIMIT items
keeps them out of the navigation; its index page lists them all and search finds them.
"""

from __future__ import annotations

import json
import re

import pytest

from bench.bench import measure_banks, print_banks
from bench.synthetic import generate
from conftest import ROOT, make_project, mkdocs_build, serve
from interview_playbooks.index import load_index
from interview_playbooks.pages import NAV_SECTION_LIMIT, SECTIONS, generated_pages

BANKS = 200
PAGE_LIMIT = 300_000  # bytes: the goal for every page, whatever the data
# A one-question bank's page: the question's card and the site's frame. With every bank in the
# navigation it was 83 KB at 200 banks (and 320 KB at 1,000).
SMALL_BANK_PAGE_LIMIT = 60_000


@pytest.fixture(scope="module")
def many_banks(tmp_path_factory):
    """The real site built from BANKS one-question banks."""
    tmp = tmp_path_factory.mktemp("many-banks")
    generate(tmp / "data", BANKS, topics=BANKS, playbooks=10)
    site = tmp / "site"
    result = mkdocs_build(make_project(tmp, tmp / "data"), site)
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def bank_pages(site):
    return sorted(site.glob("questions/topic-*/index.html"))


def test_every_bank_has_its_page(many_banks):
    assert len(bank_pages(many_banks)) == BANKS


def test_no_page_is_over_the_limit(many_banks):
    sizes = {page.relative_to(many_banks).as_posix(): page.stat().st_size
             for page in many_banks.rglob("*.html")}
    heavy = {page: size for page, size in sizes.items() if size > PAGE_LIMIT}
    assert not heavy, heavy


def test_a_one_question_bank_page_stays_light(many_banks):
    largest = max(bank_pages(many_banks), key=lambda page: page.stat().st_size)
    assert largest.stat().st_size <= SMALL_BANK_PAGE_LIMIT, (largest, largest.stat().st_size)


def test_bank_pages_do_not_list_the_other_banks(many_banks):
    for page in bank_pages(many_banks)[:: BANKS // 10]:
        own = page.parent.name
        others = set(re.findall(r'href="\.\./(topic-\d+)/"', page.read_text(encoding="utf-8"))) - {own}
        assert len(others) < 10, (page, len(others))  # all 199 when every bank was in the nav


def test_the_section_page_lists_every_bank(many_banks):
    text = (many_banks / "questions" / "index.html").read_text(encoding="utf-8")
    listed = set(re.findall(r'href="(?:\.\./questions/|\./)?(topic-\d+)/"', text))
    assert len(listed) == BANKS, len(listed)


def test_search_finds_every_bank(many_banks):
    index = json.loads((many_banks / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].partition("#")[0] for doc in index["docs"]}
    assert {f"questions/topic-{n:02d}/" for n in range(BANKS)} <= pages


def test_the_finder_page_does_not_grow_a_box_and_a_description_per_bank(many_banks):
    text = (many_banks / "questions" / "index.html").read_text(encoding="utf-8")
    assert 'name="topic"' not in text and 'data-ip-fill="topic"' in text
    assert "<th scope=\"col\">Covers</th>" not in text
    assert 'id="banks"' in text  # the heading's anchor survives the template's comments
    # What each further bank adds: one row of the "All banks" table, its link and count.
    assert len(text.encode("utf-8")) < 60_000 + 200 * BANKS


def test_the_finder_makes_the_long_topic_list_from_its_data(many_banks, page):
    server, url = serve(many_banks)
    try:
        page.goto(url + "questions/?topic=topic-07")
        page.wait_for_selector("[data-ip-results] li")
        boxes = page.locator('input[type=checkbox][name="topic"]')
        assert boxes.count() == BANKS
        assert page.locator('input[name="topic"][value="topic-07"]').is_checked()
        assert page.locator("[data-ip-results] li").count() == 1
        assert page.locator('details[data-ip-group="topic"]').get_attribute("open") is not None
        page.locator('input[name="topic"][value="topic-08"]').check()
        page.wait_for_function("location.search.includes('topic-08')")
        assert page.locator("[data-ip-results] li").count() == 2
    finally:
        server.shutdown()


@pytest.mark.parametrize("banks, in_nav", [(NAV_SECTION_LIMIT, True), (NAV_SECTION_LIMIT + 1, False)])
def test_a_section_leaves_the_navigation_past_the_limit(tmp_path, banks, in_nav):
    generate(tmp_path / "data", banks, topics=banks, signals=12, playbooks=10)
    pages = generated_pages(load_index(tmp_path / "data"))
    items = [page for page in pages if page.kind == "bank"]
    assert len(items) == banks and {page.in_nav for page in items} == {in_nav}
    # The section's own page stays, and the other sections are not affected.
    assert next(page for page in pages if page.kind == "banks").in_nav
    assert all(page.in_nav for page in pages if page.kind in ("playbook", "signal", "role", "level"))


def test_the_real_data_keeps_every_section_in_the_navigation():
    pages = generated_pages(load_index(ROOT / "data"))
    item_kinds = {item_kind for _, _, _, item_kind in SECTIONS}
    assert all(page.in_nav for page in pages if page.kind in item_kinds)


def test_the_benchmark_reports_many_banks(tmp_path, capsys):
    """`make bench --banks`: one real build, its figures, and the growth line."""
    figures = measure_banks(NAV_SECTION_LIMIT + 5, tmp_path)
    assert figures["banks"] == NAV_SECTION_LIMIT + 5 and figures["build_s"] > 0
    assert figures["pages"] > figures["banks"] and figures["total_bytes"] > figures["largest_page_bytes"]
    print_banks([figures, {**figures, "banks": figures["banks"] * 2,
                           "build_s": figures["build_s"] * 2, "total_bytes": figures["total_bytes"] * 2}])
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(rf"banks=45: ours cold \d+\.\ds, \d+ pages, \d+\.\d MB in all, "
                        rf"largest page \d+ KB \(.+\.html\)", lines[0]), lines[0]
    assert lines[-1] == "banks 45 -> 90 (x2.0): build time x2.00, output x2.00, largest page x1.00"
