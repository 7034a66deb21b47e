"""The calibration page (loops/calibration/): many candidates' submitted scorecards, each
interviewer's scores against the rest of the panel's, in a real browser.

The panel is built in Python as the scorecard's Submit writes it (tests/submitted.py
`calibration_panel`): four candidates, each interviewed by Ana, Ben and Lee; Lee scores
Ownership 1–2 points above the other two, an offset of +1.75 over 4 comparisons: lenient.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from playwright.sync_api import expect

from conftest import ROOT
from submitted import PANEL_PLAYBOOKS, calibration_panel, fill_calibration, playbook_card, submitted

URL = "loops/calibration/"
HOSTILE = '<img src=x onerror="window.__pwned=1"> **bold** [x](javascript:window.__pwned=1)'
DATA_RE = re.compile(r"<script type=\"application/json\" data-ip-calibration-data>(.*?)</script>", re.S)


def panel(site: Path, lee: str = "Lee") -> list[dict]:
    return calibration_panel({p: playbook_card(site, p) for p in PANEL_PLAYBOOKS}, lenient=lee)


def write(tmp_path: Path, records: dict) -> list[Path]:
    paths = []
    for name, record in records.items():
        path = tmp_path / name
        path.write_text(record if isinstance(record, str) else json.dumps(record), "utf-8")
        paths.append(path)
    return paths


def open_calibration(page, url: str):
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(url)
    expect(page.locator("[data-ip-calibration][data-ip-ready]")).to_have_count(1)


def rows(page) -> dict[str, list[str]]:
    table = page.locator(".ip-cal-table").first
    return {row.locator("th").inner_text(): [" ".join(c.inner_text().split()) for c in row.locator("td").all()]
            for row in table.locator("tbody tr").all()}


def test_the_page_is_linked_and_carries_every_playbook(site):
    html = (site / URL / "index.html").read_text("utf-8")
    data = json.loads(DATA_RE.search(html)[1])
    playbooks = {path.stem for path in (ROOT / "data" / "playbooks").glob("*.yaml")}
    assert {p["playbook"] for p in data["playbooks"]} == playbooks
    assert all(p["rubric_version"] and p["focus"] for p in data["playbooks"])
    assert {s["id"] for s in data["signals"]} == {s for p in data["playbooks"] for s in p["focus"]}
    assert [p["value"] for p in data["scale"]] == [1, 2, 3, 4, 5]
    assert data["rules"] == {"leniency": 0.75, "comparable": 3, "same_score": 4}
    assert 'href="../../../loops/calibration/"' in (site / "loops" / "storage-staff-hiring-loop" / "debrief" / "index.html").read_text("utf-8")
    assert 'href="../loops/calibration/"' in (site / "loops" / "index.html").read_text("utf-8")


def test_a_lenient_interviewer_shows_their_offset_and_a_reload_keeps_the_import(page, site, site_url, tmp_path):
    records = panel(site, lee="Lee " + HOSTILE)
    open_calibration(page, site_url + URL)
    page.set_input_files("[data-ip-files]", write(tmp_path, {f"{n}.json": r for n, r in enumerate(records)}))
    expect(page.locator("[data-ip-imported] li")).to_have_count(12)
    expect(page.locator("[data-ip-status]")).to_have_text("Imported 12 scorecards.")
    expect(page.locator("[data-ip-cal-results]")).to_contain_text("12 scorecards of 4 candidates by 3 interviewers.")
    table = rows(page)
    lee = "Lee " + HOSTILE
    assert list(table) == ["Ana", "Ben", lee]
    heads = page.locator(".ip-cal-table").first.locator("thead th").all_inner_texts()
    ownership = heads.index("Ownership") - 1
    assert table[lee][ownership] == "+1.8 (n=4) mean 4.3, 4 scores"
    assert table[lee][-1] == "+1.8 (n=4) lenient"
    assert table["Ana"][ownership] == "\u22120.9 (n=4) mean 2.5, 4 scores"
    words = page.locator(".ip-cal-interviewers li", has_text="Lee")
    expect(words).to_contain_text("lenient: 1.8 points above the rest of the panel on average, over 4 comparisons")
    expect(words).to_contain_text("scores per point 1: 0 · 2: 0 · 3: 0 · 4: 3 · 5: 5")
    # Storage depth and Communication are scored by one interviewer each: nothing to compare.
    depth = heads.index("Storage depth") - 1
    assert table["Ana"][depth].startswith("\u2014 (n=0)")

    # Hostile text stayed text.
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main img").count() == 0
    assert page.locator("main a[href^='javascript']").count() == 0

    page.reload()
    expect(page.locator("[data-ip-imported] li")).to_have_count(12)
    assert rows(page)[lee][ownership] == "+1.8 (n=4) mean 4.3, 4 scores"
    # Removing one of Lee's scorecards leaves three comparisons: +1.7 over 3, still lenient.
    page.locator(".ip-db-imported-box summary").click()
    expect(page.locator(".ip-db-imported-box summary")).to_have_text("Imported files (12)")
    page.locator("[data-ip-imported] li", has_text="Candidate D").filter(has_text="Lee").locator("[data-ip-remove]").click()
    expect(page.locator("[data-ip-imported] li")).to_have_count(11)
    assert rows(page)[lee][-1] == "+1.7 (n=3) lenient"
    page.click('[data-ip-action="clear"]')
    expect(page.locator("[data-ip-imported] li")).to_have_text(["None yet."])
    expect(page.locator("[data-ip-cal-results]")).to_have_text("Import scorecards to see the interviewers here.")
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.includes('calibration'))") == []


def test_a_draft_and_a_tampered_file_are_refused_with_their_reasons(page, site, site_url, tmp_path):
    records = panel(site)
    cloud = playbook_card(site, "cloud-backend-staff-loop")
    files = {
        "ana.json": records[0],
        "draft.json": submitted(cloud, interviewer="Lee", candidate="Candidate E", status="draft"),
        "tampered.json": dict(records[2], interviewer="Not Lee"),
        "old-rubric.json": submitted(cloud, interviewer="Lee", candidate="Candidate F",
                                     rubric_version="00000000"),
        "broken.json": "{ not json",
    }
    open_calibration(page, site_url + URL)
    page.set_input_files("[data-ip-files]", write(tmp_path, files))
    expect(page.locator("[data-ip-refused-list] li")).to_have_count(3)
    refused = {item.locator("strong").inner_text().split(" ")[0]: item.inner_text()
               for item in page.locator("[data-ip-refused-list] li").all()}
    assert "a draft, not a submitted scorecard" in refused["draft.json"]
    assert "checksum mismatch" in refused["tampered.json"]
    assert "unreadable JSON" in refused["broken.json"]
    expect(page.locator("[data-ip-status]")).to_have_text("Imported 2 scorecards; 3 not imported (reasons below).")
    expect(page.locator("[data-ip-imported] li", has_text="Candidate F")).to_contain_text(
        "scored on another version of its rubric")


def test_at_360px_the_imported_page_does_not_scroll_sideways(browser, site_url):
    import test_phones
    context = browser.new_context(viewport=test_phones.PHONE, is_mobile=True, has_touch=True)
    phone = context.new_page()
    open_calibration(phone, site_url + URL)
    fill_calibration(phone)
    scroll_width, beyond = phone.evaluate(test_phones.OVERFLOW, {"width": test_phones.PHONE["width"],
                                                                 "scrollBoxes": True})
    context.close()
    assert scroll_width <= test_phones.PHONE["width"], (scroll_width, beyond)
    assert beyond == [], beyond


def test_instant_navigation_from_the_loops_index_sets_the_page_up(page, served_site_url):
    page.goto(served_site_url + "loops/")
    page.wait_for_load_state("networkidle")  # Material reads the sitemap before it navigates
    page.evaluate("window.__sameDocument = true")
    page.locator("article a[href$='loops/calibration/']").click()
    page.wait_for_url("**/loops/calibration/")
    expect(page.locator("[data-ip-calibration][data-ip-ready]")).to_have_count(1)
    assert page.evaluate("window.__sameDocument") is True, "a full page load: instant navigation was not tested"
    fill_calibration(page)
    expect(page.locator(".ip-cal-interviewers li", has_text="Lee")).to_contain_text("lenient")
    expect(page.locator("[data-ip-status]")).to_have_text("Imported 12 scorecards.")


def test_the_page_stays_out_of_search(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith(URL) for doc in index["docs"])
