"""A new role with one playbook, contributed the way issue 13's walk-through did it: a role,
a signal and four questions appended to the existing files, and one 45-minute playbook at
Staff (tests/fixtures/new_role). `make check` is clean, with no advice, and every page that
shows roles renders it cleanly: the home matrix, the role page, the level comparison, the
coverage page and the finder."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import urljoin

import pytest
from playwright.sync_api import expect

from conftest import ROOT, make_project, mkdocs_build, serve
from interview_playbooks.cli import check
from test_role_pages import read

CONTRIBUTION = ROOT / "tests" / "fixtures" / "new_role"
ROLE, SIGNAL, PLAYBOOK = "site-reliability-engineer", "capacity-planning", "sre-staff-round"
QUESTIONS = ["sre-capacity-forecast", "sre-toil-reduction", "sre-safe-config-change",
             "sre-alert-design"]


def append(target, snippet) -> None:
    """Append a snippet's list items (everything after its top-level key) to a data file."""
    items = snippet.read_text(encoding="utf-8").split(":\n", 1)[1]
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + items,
                      encoding="utf-8")


@pytest.fixture(scope="module")
def contributed(tmp_path_factory):
    """The repository's data plus the contribution, checked and built."""
    tmp = tmp_path_factory.mktemp("new-role")
    project = make_project(tmp)
    data = project / "data"
    append(data / "roles.yaml", CONTRIBUTION / "roles.yaml")
    append(data / "signals.yaml", CONTRIBUTION / "signals.yaml")
    append(data / "questions" / "reliability-and-operations.yaml", CONTRIBUTION / "questions.yaml")
    (data / "playbooks" / f"{PLAYBOOK}.yaml").write_text(
        (CONTRIBUTION / "playbooks" / f"{PLAYBOOK}.yaml").read_text(encoding="utf-8"),
        encoding="utf-8")
    out = io.StringIO()
    status = check(data, out=out)
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return {"status": status, "output": out.getvalue(), "site": tmp / "site"}


def test_make_check_is_clean_without_advice(contributed):
    assert contributed["status"] == 0, contributed["output"]
    assert "the data is valid" in contributed["output"]
    assert "advice" not in contributed["output"].lower(), contributed["output"]


def test_the_matrix_has_the_role_with_its_one_playbook(contributed):
    table = read(contributed["site"], "").tables[0]  # the role × level matrix
    row = next(r["cells"] for r in table["rows"]
               if r["cells"][0].links and r["cells"][0].links[0].endswith(f"roles/{ROLE}/"))
    header = [cell.text for cell in table["rows"][0]["cells"]]
    cells = dict(zip(header[1:], row[1:]))
    assert cells["Staff"].links == [f"playbooks/{PLAYBOOK}/"]
    assert cells["Senior MTS"].text == cells["Principal"].text == "none yet"


def test_the_role_page_lists_its_playbook_and_questions(contributed):
    page = read(contributed["site"], f"roles/{ROLE}/")
    assert f"../../playbooks/{PLAYBOOK}/" in page.links
    for question in QUESTIONS:
        assert f"../../questions/reliability-and-operations/#{question}" in page.links


def test_the_level_comparison_has_one_column_and_names_the_missing_levels(contributed):
    page = read(contributed["site"], f"roles/{ROLE}/levels/")
    table = page.table("ip-compare")
    assert [cell.text for cell in table["rows"][0]["cells"]] == ["", "Staff"]
    signals = {row["cells"][0].text for row in table["rows"][4:]}  # after the group heading
    assert signals == {"Capacity planning", "Operational excellence"}
    html = (contributed["site"] / "roles" / ROLE / "levels" / "index.html").read_text()
    lede = re.sub(r"<[^>]+>", "", html[html.index('class="ip-lede"'):].split("</div>", 1)[0])
    assert "There is no playbook yet at Senior MTS or Principal, so they have no column." in lede


def test_the_coverage_page_counts_the_new_signal_and_lists_the_missing_levels(contributed):
    site = contributed["site"]
    table = read(site, f"roles/{ROLE}/coverage/").table("ip-coverage")
    header = [cell.text for cell in table["rows"][0]["cells"]]
    counts = dict(zip(header[1:], (cell.text for cell in table["rows"][1]["cells"][1:])))
    assert counts["Capacity planning"].startswith("2") and counts["Operational excellence"].startswith("3")
    html = (site / "roles" / ROLE / "coverage" / "index.html").read_text()
    assert re.findall(r'data-missing-level="([^"]+)"', html) == ["senior-mts", "principal"]
    assert 'data-status="warning"' not in html and 'data-status="error"' not in html


def test_the_finder_offers_the_role_and_finds_its_four_questions(contributed, browser):
    site = contributed["site"]
    finder = json.loads((site / "questions" / "finder.json").read_text(encoding="utf-8"))
    position = [entry["id"] for entry in finder["roles"]].index(ROLE)
    assert sorted(q["i"] for q in finder["questions"] if position in q["r"]) == sorted(QUESTIONS)
    server, url = serve(site)
    try:
        page = browser.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(urljoin(url, f"questions/?role={ROLE}"))
        expect(page.locator("[data-ip-count]")).to_have_text(
            f"4 of {len(finder['questions'])} questions")
        expect(page.locator(f'input[name="role"][value="{ROLE}"]')).to_be_checked()
        assert errors == []
        page.close()
    finally:
        server.shutdown()
