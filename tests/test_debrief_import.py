"""The debrief that imports submitted scorecards (loops/<id>/debrief/, playbooks/<id>/debrief/)
and its decision record, in a real browser.

The submitted scorecards are built in Python from the built cards, as the scorecard's
Submit writes them (tests/submitted.py, issue 16's contract: export format 3 with its
SHA-256 checksum). One crafted panel of three for the Staff storage loop:

- Ana (storage): Storage depth 4, Ownership 2, the durability question 3 with notes (so
  Failure awareness, Data-driven and Design trade-offs take 3 from it); No Hire.
- Ben (distributed systems): Ownership 4, Seniority 3; Hire.
- Cy (backend): Ownership 3, Communication 4 with no notes; Hire with Reservations.

So Ownership disagrees (2 to 4, median 3), and Technical leadership, Influence,
Communication and Operational excellence have no evidence.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, make_project, mkdocs_build, pdf_pages, pdf_text, serve
from submitted import checksum, playbook_card, submitted

LOOP = "storage-staff-hiring-loop"
URL = f"loops/{LOOP}/debrief/"
CANDIDATE = "Candidate A"
RECORD_SCHEMA = json.loads((ROOT / "schemas" / "decision-record.schema.json").read_text("utf-8"))
DATA_RE = re.compile(r"<script type=\"application/json\" data-ip-debrief-data>(.*?)</script>", re.S)
HOSTILE = '<img src=x onerror="window.__pwned=1"> **bold** [x](javascript:window.__pwned=1)'


def debrief_data(site: Path, path: str) -> dict:
    return json.loads(DATA_RE.search((site / path / "index.html").read_text("utf-8"))[1])


def panel(site: Path, interviewer_suffix: str = "", notes_suffix: str = "") -> list[dict]:
    architect = playbook_card(site, "storage-staff-architect-loop")
    ds = playbook_card(site, "distributed-systems-staff-loop")
    cloud = playbook_card(site, "cloud-backend-staff-loop")
    return [
        submitted(architect, interviewer="Ana" + interviewer_suffix, candidate=CANDIDATE,
                  dimensions={"storage-depth": (4, "Knew the fsync path" + notes_suffix),
                              "ownership": (2, "Owned little of it")},
                  scores={"durability-math-review": (3, "Did the math, slowly")},
                  recommendation="no-hire"),
        submitted(ds, interviewer="Ben", candidate=CANDIDATE,
                  dimensions={"ownership": (5, "Led the failover"), "seniority": (3, "Team scope")},
                  recommendation="hire"),
        submitted(cloud, interviewer="Cy", candidate=CANDIDATE,
                  dimensions={"ownership": (3, "Ran the migration"), "communication": (4, "")},
                  recommendation="hire-with-reservations"),
    ]


def write(tmp_path: Path, name: str, record) -> Path:
    path = tmp_path / name
    path.write_text(record if isinstance(record, str) else json.dumps(record, indent=2), "utf-8")
    return path


def open_debrief(page, url: str):
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(url)
    expect(page.locator("[data-ip-debrief][data-ip-ready]")).to_have_count(1)


# --- The pages and their data (no browser) --------------------------------------------------

def test_every_loop_and_playbook_has_a_debrief_with_the_data_it_checks_against(site):
    scales = yaml.safe_load((ROOT / "data" / "scales.yaml").read_text("utf-8"))["scales"]
    leans = {p["id"]: p.get("leans", "") for s in scales if s["id"] == "recommendation" for p in s["points"]}
    assert leans == {"strong-hire": "hire", "hire": "hire", "hire-with-reservations": "",
                     "no-hire": "no-hire", "strong-no-hire": "no-hire"}
    for path in sorted((ROOT / "data" / "loops").glob("*.yaml")):
        loop = yaml.safe_load(path.read_text("utf-8"))
        loop_page = (site / "loops" / loop["id"] / "index.html").read_text("utf-8")
        assert f'href="../../loops/{loop["id"]}/debrief/"' in loop_page
        assert 'id="debrief"' in loop_page, "the loop page says how to run the debrief"
        data = debrief_data(site, f"loops/{loop['id']}/debrief")
        assert data["kind"] == "loop" and data["id"] == loop["id"]
        assert [i["playbook"] for i in data["interviews"]] == [i["playbook"] for i in loop["interviews"]]
        for interview, written in zip(data["interviews"], loop["interviews"]):
            assert interview["focus"] == written["focus"]
            assert interview["interviewer"] == written["interviewer"]
            assert interview["rubric_version"] == playbook_card(site, written["playbook"])["rubric_version"]
        union = list(dict.fromkeys(s for i in loop["interviews"] for s in i["focus"]))
        assert [s["id"] for s in data["signals"]] == union
        assert all(s["name"] for s in data["signals"])
        assert {p["id"]: p["leans"] for p in data["recommendation"]} == leans
        assert data["accepts"] == {"schema": json.loads((ROOT / "schemas" / "scorecard-export.schema.json")
                                                        .read_text("utf-8"))["$id"],
                                   "format_version": 3, "form": "scorecard", "status": "submitted"}
    playbook = "storage-staff-architect-loop"
    data = debrief_data(site, f"playbooks/{playbook}/debrief")
    card = playbook_card(site, playbook)
    assert data["kind"] == "playbook" and len(data["interviews"]) == 1
    assert [s["id"] for s in data["signals"]] == [d["signal"] for d in card["dimensions"] if d["signal"]]
    assert data["signals"][0]["anchors"] == card["dimensions"][0]["anchors"]
    assert "Debrief sheet" in (site / "playbooks" / playbook / "debrief" / "sheet" / "index.html").read_text("utf-8")


def test_the_test_files_are_scorecard_exports_of_format_3(site):
    """The scorecards these tests import satisfy the export's own schema (the contract)."""
    schema = json.loads((ROOT / "schemas" / "scorecard-export.schema.json").read_text("utf-8"))
    assert schema["properties"]["format_version"]["const"] == 3
    for record in panel(site, interviewer_suffix=" " + HOSTILE):
        jsonschema.validate(record, schema)


def test_python_checksums_match_the_browser_module():
    """The helper's checksum is core/checksum.mjs's (the node tests check the module itself)."""
    record = {"b": [1, {"z": "é ✓", "a": None}], "a": 7.5, "checksum": "ignored"}
    assert checksum(record) == "sha256:" + __import__("hashlib").sha256(
        '{"a":7.5,"b":[1,{"a":null,"z":"é ✓"}]}'.encode()).hexdigest()


# --- In the browser -------------------------------------------------------------------------

def test_three_scorecards_by_file_picker_and_paste_scores_hidden_until_revealed(page, site, site_url, tmp_path):
    ana, ben, cy = panel(site)
    open_debrief(page, site_url + URL)
    page.set_input_files("[data-ip-files]", [write(tmp_path, "ana.json", ana), write(tmp_path, "ben.json", ben)])
    expect(page.locator("[data-ip-imported] li")).to_have_count(2)
    expect(page.locator("[data-ip-missing]")).to_contain_text("interview 3")
    page.fill("[data-ip-paste]", json.dumps(cy))
    page.click('[data-ip-action="paste"]')
    expect(page.locator("[data-ip-imported] li")).to_have_count(3)
    expect(page.locator("[data-ip-status]")).to_have_text("Imported 1 scorecard.")
    expect(page.locator("[data-ip-candidate]")).to_have_text("Candidate: Candidate A")
    expect(page.locator("[data-ip-refused]")).to_be_hidden()

    # Step 2: the evidence, and not a score anywhere in the page.
    evidence = page.locator("[data-ip-evidence]")
    expect(evidence).to_contain_text("Knew the fsync path")
    expect(evidence).to_contain_text("Led the failover")
    ownership = evidence.locator(".ip-db-signal", has=page.locator("h3", has_text="Ownership"))
    expect(ownership).to_contain_text("Owned little of it")
    expect(page.locator("[data-ip-scores]")).to_be_hidden()
    assert page.locator("[data-ip-score-table] td").count() == 0
    assert page.locator("[data-ip-record] *").count() == 0
    assert "Ownership: median" not in page.locator("main").inner_text()

    page.click('[data-ip-action="reveal"]')
    expect(page.locator("[data-ip-scores]")).to_be_visible()
    rows = {row.locator("th").inner_text(): [cell.inner_text() for cell in row.locator("td").all()]
            for row in page.locator("[data-ip-score-table] tbody tr").all()}
    assert rows["Ownership"] == ["2", "5", "3", "3", "Disagreement"]  # three points apart
    assert rows["Storage depth"] == ["4", "\u2014", "\u2014", "0", "\u2014"]
    assert rows["Data-driven"] == ["3 (questions)", "\u2014", "\u2014", "0", "\u2014"]
    assert rows["Communication"] == ["\u2014", "\u2014", "4", "0", "No evidence"]
    assert rows["Organisational influence"][-2:] == ["\u2014", "No evidence"]
    headers = page.locator("[data-ip-score-table] thead th").all_inner_texts()
    assert [h.split("\n")[0] for h in headers[1:4]] == ["Ana", "Ben", "Cy"]
    summary = page.locator("[data-ip-summary]")
    expect(summary).to_contain_text("Ownership: median 3")
    expect(summary).to_contain_text("Storage depth: median 4")
    expect(summary).to_contain_text("Recommendations: 1 hire, 1 no-hire, 1 neither way")
    expect(page.locator("[data-ip-recommendations]")).to_contain_text("Ana · 60-Minute Storage Staff / Architect Loop: No Hire (leans no-hire)")
    # One resolution per disagreement, one follow-up per signal without evidence.
    expect(page.locator("[data-ip-resolution]")).to_have_count(1)
    expect(page.locator("[data-ip-followup]")).to_have_count(4)

    # A reload loses nothing.
    page.fill("#ip-db-rationale", "Strong where it matters")
    page.reload()
    expect(page.locator("[data-ip-imported] li")).to_have_count(3)
    expect(page.locator("[data-ip-scores]")).to_be_visible()
    expect(page.locator("#ip-db-rationale")).to_have_value("Strong where it matters")


def test_each_refused_file_is_listed_with_its_reason(page, site, site_url, tmp_path):
    ana, ben, cy = panel(site)
    edited = dict(ben, interviewer="Not Ben")  # its checksum no longer holds
    files = {
        "ana.json": ana,
        "again.json": ana,
        "other-candidate.json": submitted(playbook_card(site, "distributed-systems-staff-loop"),
                                          interviewer="Ben", candidate="Candidate B"),
        "other-playbook.json": submitted(playbook_card(site, "storage-principal-loop"),
                                         interviewer="Dee", candidate=CANDIDATE),
        "old-rubric.json": submitted(playbook_card(site, "cloud-backend-staff-loop"), interviewer="Cy",
                                     candidate=CANDIDATE, rubric_version="00000000"),
        "edited.json": edited,
        "draft.json": submitted(playbook_card(site, "cloud-backend-staff-loop"), interviewer="Cy",
                                candidate=CANDIDATE, status="draft"),
        "notes.json": {"hello": "world"},
        "broken.json": "{ not json",
    }
    open_debrief(page, site_url + URL)
    page.set_input_files("[data-ip-files]", [write(tmp_path, name, record) for name, record in files.items()])
    expect(page.locator("[data-ip-refused-list] li")).to_have_count(len(files) - 1)
    refused = {item.locator("strong").inner_text().split(" ")[0]: item.inner_text()
               for item in page.locator("[data-ip-refused-list] li").all()}
    version = debrief_data(site, URL)["interviews"][2]["rubric_version"]
    assert "already imported" in refused["again.json"]
    assert 'another candidate: “Candidate B” where this debrief is for “Candidate A”' in refused["other-candidate.json"]
    assert "not in this loop" in refused["other-playbook.json"]
    assert f"rubric version 00000000 where this page has {version}" in refused["old-rubric.json"]
    assert "checksum mismatch" in refused["edited.json"]
    assert "a draft, not a submitted scorecard" in refused["draft.json"]
    assert "not a scorecard export" in refused["notes.json"]
    assert "unreadable JSON" in refused["broken.json"]
    expect(page.locator("[data-ip-imported] li")).to_have_count(1)
    expect(page.locator("[data-ip-status]")).to_contain_text("Imported 1 scorecard; 8 not imported")


def test_decision_record_exports_what_the_panel_decided_and_hostile_text_stays_inert(page, site, site_url, tmp_path):
    ana, ben, cy = panel(site, interviewer_suffix=" " + HOSTILE, notes_suffix=" " + HOSTILE)
    open_debrief(page, site_url + URL)
    page.set_input_files("[data-ip-files]", [write(tmp_path, f"{n}.json", r) for n, r in enumerate((ana, ben, cy))])
    expect(page.locator("[data-ip-imported] li")).to_have_count(3)
    page.click('[data-ip-action="reveal"]')
    page.fill("#ip-db-facilitator", "Fay")
    page.fill("[data-ip-resolution='ownership']", "Ben's failover story outweighs; " + HOSTILE)
    page.fill("[data-ip-followup='influence']", "A bar-raiser on influence")
    page.check("[data-ip-decision-point][value='hire']")
    page.fill("#ip-db-rationale", "Depth and ownership at the bar.\n" + HOSTILE)
    expect(page.locator("[data-ip-record]")).to_contain_text("A bar-raiser on influence")

    downloads = {}
    for action in ("json", "markdown", "text"):
        with page.expect_download() as info:
            page.click(f'[data-ip-action="{action}"]')
        downloads[action] = Path(info.value.path()).read_text("utf-8")
        assert info.value.suggested_filename.startswith(f"{LOOP}-candidate-a-decision.")
    record = json.loads(downloads["json"])
    jsonschema.validate(record, RECORD_SCHEMA)
    assert [i["rubric_version"] for i in record["interviews"]] == \
        [i["rubric_version"] for i in debrief_data(site, URL)["interviews"]]
    assert [s["recommendation"] for s in record["scorecards"]] == ["No Hire", "Hire", "Hire with Reservations"]
    assert next(s for s in record["signals"] if s["id"] == "ownership")["scores"] == [2, 5, 3]
    assert record["disagreements"] == [{"signal": "ownership", "name": "Ownership", "spread": 3,
                                        "resolution": "Ben's failover story outweighs; " + HOSTILE}]
    assert [s["signal"] for s in record["no_evidence"]] == ["technical-leadership", "influence",
                                                           "communication", "operational-excellence"]
    assert record["decision"]["label"] == "Hire" and record["decision"]["rationale"].startswith("Depth")
    assert record["recommendations"] == {"hire": 1, "no_hire": 1, "neither": 1, "none": 0}
    for text in (downloads["markdown"], downloads["text"]):
        for part in ("Ownership", "Ben's failover story outweighs", "A bar-raiser on influence", "Hire",
                     "rubric version", "Depth and ownership at the bar", "1 hire, 1 no-hire"):
            assert part in text, part
    assert "<img" not in downloads["markdown"]

    # Nothing in the files ran or became markup, on screen or in the record.
    assert page.evaluate("window.__pwned") is None
    assert page.locator("main img").count() == 0
    assert page.locator("main a[href^='javascript']").count() == 0
    expect(page.locator("[data-ip-evidence]")).to_contain_text('<img src=x onerror="window.__pwned=1">')

    page.click('[data-ip-action="clear"]')
    expect(page.locator("[data-ip-imported] li")).to_have_text(["None yet."])
    keys = page.evaluate("Object.keys(localStorage).filter((k) => k.includes('debrief'))")
    assert keys == []


def test_a_playbooks_debrief_takes_its_interviewers_scorecards_and_no_other_playbooks(page, site, site_url):
    playbook = "distributed-systems-staff-loop"
    card = playbook_card(site, playbook)
    two = [submitted(card, interviewer=name, candidate=CANDIDATE, recommendation=point,
                     dimensions={"ownership": (score, "Notes of " + name)})
           for name, score, point in (("Ben", 4, "hire"), ("Bo", 1, "strong-no-hire"))]
    other = submitted(playbook_card(site, "cloud-backend-staff-loop"), interviewer="Cy", candidate=CANDIDATE)
    open_debrief(page, site_url + f"playbooks/{playbook}/debrief/")
    page.fill("[data-ip-paste]", json.dumps(two + [other]))  # a paste of several exports
    page.click('[data-ip-action="paste"]')
    expect(page.locator("[data-ip-imported] li")).to_have_count(2)
    expect(page.locator("[data-ip-refused-list]")).to_contain_text("not in this playbook")
    page.click('[data-ip-action="reveal"]')
    ownership = page.locator("[data-ip-score-table] tbody tr", has=page.locator("th", has_text="Ownership"))
    expect(ownership.locator("td")).to_have_text(["4", "1", "3", "Disagreement"])
    expect(page.locator("[data-ip-summary]")).to_contain_text("Recommendations: 1 hire, 1 no-hire.")
    expect(page.locator(".ip-sc-guidance")).to_be_visible()

    # A file dropped on the drop zone is read like a chosen one.
    third = submitted(card, interviewer="Bea", candidate=CANDIDATE, dimensions={"ownership": (3, "x")})
    page.evaluate("""(text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], "bea.json", {type: "application/json"}));
        document.querySelector("[data-ip-drop]").dispatchEvent(
            new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
    }""", json.dumps(third))
    expect(page.locator("[data-ip-imported] li")).to_have_count(3)


def test_a_scorecard_submitted_in_the_browser_imports_into_its_debrief(browser, site, site_url, tmp_path):
    """End to end: the scorecard's own Submit, its download, then the playbook's debrief."""
    from test_scorecard_fill import Card, open_form, toolbar_button
    from test_scorecard_submit import fill_all
    card = Card(site)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    try:
        page = context.new_page()
        open_form(page, card.url(site_url))
        fill_all(page, card.data)
        page.wait_for_timeout(300)
        toolbar_button(page, "submit").click()
        expect(page.locator("[data-ip-submission]")).to_contain_text("Submitted ")
        with page.expect_download() as info:
            toolbar_button(page, "download").click()
        path = Path(info.value.path())
        open_debrief(page, site_url + f"playbooks/{card.id}/debrief/")
        page.set_input_files("[data-ip-files]", path)
        expect(page.locator("[data-ip-imported] li")).to_have_count(1)
        expect(page.locator("[data-ip-candidate]")).to_have_text("Candidate: Candidate B")
        expect(page.locator("[data-ip-evidence]")).to_contain_text("Said so, in their words.")
        page.click('[data-ip-action="reveal"]')
        cells = page.locator("[data-ip-score-table] tbody tr").first.locator("td")
        expect(cells.first).to_have_text("4")
    finally:
        context.close()


FIVE = """\
# yaml-language-server: $schema=../../schemas/loop.schema.json
id: storage-staff-five-interview-loop
title: Staff storage engineer loop of five interviews
role: storage-engineer
level: staff
purpose: Five interviews, so the decision record of a long loop is printed.
interviews:
  - {playbook: storage-staff-architect-loop, focus: [storage-depth, failure-awareness], interviewer: A Staff storage engineer}
  - {playbook: distributed-systems-staff-loop, focus: [ownership, seniority], interviewer: A Staff distributed-systems engineer}
  - {playbook: cloud-backend-staff-loop, focus: [influence, communication, operational-excellence], interviewer: A Staff backend engineer}
  - {playbook: storage-staff-architect-loop, focus: [data-driven, design-trade-offs], interviewer: A Principal storage engineer}
  - {playbook: distributed-systems-staff-loop, focus: [technical-leadership], interviewer: A Principal distributed-systems engineer}
"""


@pytest.fixture(scope="module")
def five_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("five")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "loops" / "storage-staff-five-interview-loop.yaml").write_text(FIVE, "utf-8")
    project = make_project(tmp, data)
    result = mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    server, url = serve(tmp / "site")
    yield tmp / "site", url
    server.shutdown()


def test_a_five_interview_decision_record_prints_on_two_pages(page, five_site, tmp_path):
    site, url = five_site
    long = ("A long stretch of evidence that goes on for a while, as real notes do. " * 6).strip()
    files = []
    for n, (playbook, name) in enumerate([("storage-staff-architect-loop", "Ana Long-Surname"),
                                          ("distributed-systems-staff-loop", "Ben Long-Surname"),
                                          ("cloud-backend-staff-loop", "Cy Long-Surname"),
                                          ("storage-staff-architect-loop", "Dee Long-Surname"),
                                          ("distributed-systems-staff-loop", "Eve Long-Surname")]):
        card = playbook_card(site, playbook)
        dimensions = {d["signal"]: (1 + (n + i) % 5, long) for i, d in enumerate(card["dimensions"])}
        files.append(write(tmp_path, f"{n}.json", submitted(card, interviewer=name, candidate=CANDIDATE,
                                                            dimensions=dimensions, recommendation="hire")))
    open_debrief(page, url + "loops/storage-staff-five-interview-loop/debrief/")
    page.set_input_files("[data-ip-files]", files)
    expect(page.locator("[data-ip-imported] li")).to_have_count(5)
    page.click('[data-ip-action="reveal"]')
    page.fill("#ip-db-facilitator", "Fay Facilitator")
    page.fill("#ip-db-date", "2026-12-03")
    for box in page.locator("[data-ip-resolution], [data-ip-followup]").all():
        box.fill(long)
    page.check("[data-ip-decision-point][value='hire']")
    page.fill("#ip-db-rationale", "\n".join([long] * 3))
    assert page.locator("[data-ip-resolution]").count() >= 5, "a record with many disagreements"
    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        pdf = page.pdf(format=paper)
        assert pdf_pages(pdf) <= 2, paper
        text = pdf_text(pdf)
        for part in ("Decision record: Candidate A", "Eve Long-Surname", "Hire",
                     "Disagreements and how they were resolved", "Signals without evidence"):
            assert part in text, (paper, part)
        assert "Import the submitted scorecards" not in text, "only the record prints"
