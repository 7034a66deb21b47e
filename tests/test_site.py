"""The real site, built by MkDocs, read back as HTML."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import ROOT, make_project, mkdocs_build

DATA = ROOT / "data"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "data"
SITE_PATH = urlsplit(re.search(r'^site_url: .*?"(.+)"', (ROOT / "mkdocs.yml").read_text(),
                               re.MULTILINE).group(1)).path


def load(relative: str):
    return yaml.safe_load((DATA / relative).read_text(encoding="utf-8"))


def banks() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DATA / "questions").glob("*.yaml"))}


def playbooks() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DATA / "playbooks").glob("*.yaml"))}


class Page(HTMLParser):
    """Ids, links and headings of one HTML page."""

    def __init__(self, html: str):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.resources: list[str] = []
        self.headings: dict[str, str] = {}  # id -> text
        self._heading: str | None = None
        self._heading_text: list[str] = []
        self.h1 = ""
        self._in_h1 = False
        self._hidden = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        loads = tag in ("script", "img", "iframe", "source", "video", "audio") or (
            tag == "link" and attrs.get("rel") not in ("canonical", "alternate", "next", "prev"))
        for name in ("src", "href") if loads else ():
            if attrs.get(name):
                self.resources.append(attrs[name])
        if tag == "span" and "ip-search-terms" in attrs.get("class", ""):
            self._hidden = True  # a question's search aliases: not part of its visible title
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = attrs.get("id", "")
            self._heading_text = []
            self._in_h1 = tag == "h1"

    def handle_data(self, data):
        if self._heading is not None and not self._hidden:
            self._heading_text.append(data)

    def handle_endtag(self, tag):
        if tag == "span":
            self._hidden = False
        if re.fullmatch(r"h[1-6]", tag) and self._heading is not None:
            text = "".join(self._heading_text).replace("¶", "").strip()
            if self._heading:
                self.headings[self._heading] = text
            if self._in_h1 and not self.h1:
                self.h1 = text
            self._heading = None


def read(site: Path, url: str) -> Page:
    path = site / url / "index.html" if not url.endswith(".html") else site / url
    assert path.exists(), f"no page at /{url}"
    return Page(path.read_text(encoding="utf-8"))


def all_pages(site: Path) -> dict[Path, Page]:
    return {path: Page(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}


def test_every_item_has_its_page(site):
    for playbook_id, playbook in playbooks().items():
        assert read(site, f"playbooks/{playbook_id}/").h1 == playbook["title"]
    for signal in load("signals.yaml")["signals"]:
        assert read(site, f"signals/{signal['id']}/").h1 == signal["name"]
    for role in load("roles.yaml")["roles"]:
        assert read(site, f"roles/{role['id']}/").h1 == role["name"]
    for level in load("levels.yaml")["levels"]:
        assert read(site, f"levels/{level['id']}/").h1 == level["name"]
    for topic, bank in banks().items():
        assert read(site, f"questions/{topic}/").h1 == bank["title"]
    assert read(site, "scales/").h1 == "Rating scales"


def test_each_question_has_one_anchored_heading_on_its_bank_page(site):
    for topic, bank in banks().items():
        page = read(site, f"questions/{topic}/")
        for question in bank["questions"]:
            assert page.headings.get(question["id"]) == question["title"]
            assert f"#{question['id']}" in page.links  # the permalink


def test_cross_links_both_ways(site):
    signals_of = {q["id"]: q["signals"] for bank in banks().values() for q in bank["questions"]}
    topic_of = {q["id"]: topic for topic, bank in banks().items() for q in bank["questions"]}
    for playbook_id, playbook in playbooks().items():
        page = read(site, f"playbooks/{playbook_id}/")
        for segment in playbook["segments"]:
            ids = segment.get("questions", []) + [
                qid for block in segment.get("blocks", []) for qid in block["questions"]]
            for qid in ids:
                assert qid in page.ids
                # The bank card links to the playbook; the playbook card links back to the bank.
                bank_page = read(site, f"questions/{topic_of[qid]}/")
                assert f"../../playbooks/{playbook_id}/#{qid}" in bank_page.links
                assert f"../../questions/{topic_of[qid]}/#{qid}" in page.links
                for signal in signals_of[qid]:
                    signal_page = read(site, f"signals/{signal}/")
                    assert f"../../questions/{topic_of[qid]}/#{qid}" in signal_page.links
                    assert f"../../signals/{signal}/" in bank_page.links
        for dimension in (playbook.get("rubric") or {}).get("dimensions", []):
            signal_page = read(site, f"signals/{dimension['signal']}/")
            assert f"../../playbooks/{playbook_id}/#rubric" in signal_page.links


def test_every_internal_link_resolves(site):
    pages = all_pages(site)
    broken = []
    for path, page in pages.items():
        for href in page.links + page.resources:
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("//", "mailto:")):
                continue
            if parts.path.startswith("/"):  # 404.html links from the site root (site_url's path)
                assert parts.path.startswith(SITE_PATH), f"{path}: {href} leaves the site"
                target = (site / unquote(parts.path[len(SITE_PATH):])).resolve()
            else:
                target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(site)}: {href} (no file)")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else set()
                if parts.fragment not in ids:
                    broken.append(f"{path.relative_to(site)}: {href} (no anchor)")
    assert not broken, "\n".join(broken)


def test_nothing_is_loaded_from_other_hosts(site):
    for path, page in all_pages(site).items():
        external = [r for r in page.resources if urlsplit(r).scheme or r.startswith("//")]
        assert not external, f"{path.relative_to(site)} loads {external}"
    for path in site.rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, path


def test_each_question_is_indexed_once_at_its_anchor(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    for topic, bank in banks().items():
        for question in bank["questions"]:
            hits = [loc for loc in locations if loc.endswith(f"#{question['id']}")]
            assert hits == [f"questions/{topic}/#{question['id']}"], hits
    entry = {doc["location"]: doc for doc in index["docs"]}
    for bank in banks().values():
        for question in bank["questions"]:
            for probe in question.get("probes", []):
                text = probe if isinstance(probe, str) else probe["text"]
                words = re.sub(r"[*“”\"]", "", text).split()[:5]
                doc = next(d for loc, d in entry.items() if loc.endswith(f"#{question['id']}"))
                assert " ".join(words[:3]).lower() in re.sub(r"<[^>]+>|\*", "", doc["text"]).lower()


def test_home_page_links_every_playbook(site):
    home = read(site, "")
    for playbook_id in playbooks():
        assert f"playbooks/{playbook_id}/" in home.links


@pytest.mark.parametrize("url, source", [
    ("questions/storage/", "data/questions/storage.yaml"),
    ("playbooks/storage-senior-mts-decision-round/", "data/playbooks/storage-senior-mts-decision-round.yaml"),
    ("playbooks/storage-senior-mts-decision-round/scorecard/", "data/playbooks/storage-senior-mts-decision-round.yaml"),
    ("signals/ownership/", "data/signals.yaml"),
    ("roles/storage-engineer/", "data/roles.yaml"),
    ("levels/staff/", "data/levels.yaml"),
    ("examples/cloud-backend-sample-feedback/", "data/samples/cloud-backend-sample-feedback.yaml"),
    ("", "docs/index.md"),
])
def test_edit_links_open_the_file_a_page_came_from(site, url, source):
    html = (site / url / "index.html").read_text(encoding="utf-8")
    edits = re.findall(r'href="([^"]*/edit/[^"]*)"', html)
    assert edits == [f"https://github.com/interview-playbooks/interview-playbooks/edit/main/{source}"]


def test_adding_an_item_adds_its_page(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / "signals.yaml").write_text((MINIMAL / "signals.yaml").read_text() + (
        "  - id: curiosity\n    name: Curiosity\n    description: Learns.\n"))
    (data / "questions" / "growth.yaml").write_text(
        "title: Growth\nquestions:\n  - id: learned-recently\n    title: Learned recently\n"
        "    prompt: What did you learn last?\n    kind: behavioral\n    signals: [curiosity]\n"
        "    levels: [senior]\n    tailoring: Ask about the candidate's own field.\n"
        "    strong_answer:\n      topics: [What changed in their work]\n"
        "    probes:\n      - How did you learn it?\n"
        "      - text: What would you do differently?\n        type: hard\n"
        "    hire: [Names the source, Applied it]\n"
        "    no_hire: [Nothing specific, Nothing applied]\n"
        "    red_flags: [Dismisses learning]\n")
    project = make_project(tmp_path, data)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert read(tmp_path / "site", "signals/curiosity/").h1 == "Curiosity"
    bank = read(tmp_path / "site", "questions/growth/")
    assert bank.headings["learned-recently"] == "Learned recently"
    assert "../../questions/growth/#learned-recently" in read(tmp_path / "site", "signals/curiosity/").links


def test_bad_data_fails_the_build_and_publishes_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text().replace("signals: [ownership]", "signals: [ownrship]"))
    project = make_project(tmp_path, data)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "data/questions/core.yaml:7:15: question 'ownership-story', field 'signals[0]': " \
           "unknown signal 'ownrship'" in output
    assert "did you mean 'ownership'?" in output
    assert "1 error(s)" in output
    assert "Traceback" not in output
    assert not (tmp_path / "site").exists()


HOSTILE = "<script>alert(1)</script> {{ 7 * 7 }} {% if true %}x{% endif %} <b>b</b>"


def test_hostile_text_is_inert_everywhere(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text()
                    .replace("title: Ownership story", f"title: '{HOSTILE}'")
                    .replace("prompt: Tell me about a project you owned end to end.",
                             f"prompt: '{HOSTILE} [x](javascript:alert`1`) [y](JavaScript:void)'"))
    playbook = data / "playbooks" / "backend-senior.yaml"
    playbook.write_text(playbook.read_text().replace("title: Backend senior loop",
                                                     f"title: '{HOSTILE}'"))
    project = make_project(tmp_path, data)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for path in (tmp_path / "site").rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html, path
        assert "<b>b</b>" not in html, path
        assert not re.search(r"href=[\"']?\s*javascript:", html, re.IGNORECASE), path
        assert ">49<" not in html and " 49 " not in html, path
    page = read(tmp_path / "site", "playbooks/backend-senior/")
    assert page.h1 == HOSTILE
    bank = read(tmp_path / "site", "questions/core/")
    assert bank.headings["ownership-story"] == HOSTILE


def test_every_playbook_has_its_scorecards_and_debrief(site):
    for playbook_id, playbook in playbooks().items():
        scorecard = read(site, f"playbooks/{playbook_id}/scorecard/")
        assert scorecard.h1 == f"Scorecard: {playbook['title']}"
        assert read(site, f"playbooks/{playbook_id}/debrief/").h1 == f"Debrief: {playbook['title']}"
        one_page = site / "playbooks" / playbook_id / "scorecard" / "one-page" / "index.html"
        assert one_page.exists() == (playbook["duration"] <= 60)
        links = read(site, f"playbooks/{playbook_id}/").links
        assert f"../../playbooks/{playbook_id}/scorecard/" in links
        assert f"../../playbooks/{playbook_id}/debrief/" in links
        sheet = read(site, f"playbooks/{playbook_id}/debrief/sheet/")
        assert sheet.h1 == f"Debrief sheet: {playbook['title']}"


def test_scorecard_fields_follow_the_playbook(site):
    playbook_id = "distributed-systems-senior-mts-deep-dive"
    html = (site / "playbooks" / playbook_id / "scorecard" / "index.html").read_text()
    questions = [qid for segment in playbooks()[playbook_id]["segments"]
                 for qid in segment.get("questions", []) + [
                     q for block in segment.get("blocks", []) for q in block["questions"]]]
    for qid in questions:
        for value in range(1, 6):
            assert f'name="q-{qid}:score" value="{value}"' in html
        assert f'name="q-{qid}:notes"' in html
    for dimension in playbooks()[playbook_id]["rubric"]["dimensions"]:
        assert f'name="dim-{dimension["signal"]}:score"' in html
    for point in ("strong-hire", "hire", "hire-with-reservations", "no-hire", "strong-no-hire"):
        assert f'name="recommendation" value="{point}"' in html
    for field in ("candidate", "interviewer", "date", "strengths", "concerns", "comments"):
        assert f'name="{field}"' in html
    rubric_version = re.search(r'data-rubric-version="([0-9a-f]{8})"', html).group(1)
    assert f"rubric version {rubric_version}" in \
        (site / "playbooks" / playbook_id / "index.html").read_text()


def test_pools_offer_a_block_per_question_to_ask(site):
    html = (site / "playbooks" / "cloud-backend-senior-mts-loop" / "scorecard" / "index.html").read_text()
    design_pool = [block for segment in playbooks()["cloud-backend-senior-mts-loop"]["segments"]
                   for block in segment.get("blocks", []) if block.get("choose") == 2][0]
    slots = re.findall(r'data-ip-entry="(pool-5-1-\d)"', html)
    assert slots == ["pool-5-1-1", "pool-5-1-2"]
    for slot in slots:
        for qid in design_pool["questions"]:
            assert f'name="{slot}:asked" value="{qid}"' in html


def test_forms_and_examples_stay_out_of_search_and_navigation(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not any("/scorecard/" in loc or "/debrief/" in loc or loc.startswith("examples/")
                   for loc in locations)
    nav = (site / "index.html").read_text()
    assert "scorecard/" not in re.sub(r"<article.*</article>", "", nav, flags=re.S)


def test_worked_example_is_the_seed_sample(site):
    sample = yaml.safe_load((DATA / "samples" / "cloud-backend-sample-feedback.yaml").read_text())
    html = (site / "examples" / sample["id"] / "index.html").read_text()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    assert "Candidate A" in text
    for answer in sample["answers"]:
        assert " ".join(answer["feedback"].split()[:8]) in text
    assert "☑ Strong Hire" in text and "☐ Hire" in text
    assert "Would strongly advocate for hire." in text
    assert f"examples/{sample['id']}/" in \
        "".join(read(site, f"playbooks/{sample['playbook']}/scorecard/").links)


def test_every_score_group_is_labelled(site):
    for path in site.glob("playbooks/*/**/index.html"):
        if "/scorecard/" not in str(path) and "/debrief/sheet/" not in str(path):
            continue  # the debrief that imports scorecards has no score buttons
        html = path.read_text(encoding="utf-8")
        groups = re.findall(r'<fieldset class="ip-sc-score">\s*<legend[^>]*>([^<]*)</legend>', html)
        assert groups and len(groups) == html.count('<fieldset class="ip-sc-score">'), path
        assert all(re.match(r"(Score|Rating) (for|from) \S", label) for label in groups), groups


def renamed_site(tmp_path) -> Path:
    """The minimal data with a question, a playbook and a signal renamed."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text().replace(
        "  - id: ownership-story\n", "  - id: ownership-story\n    former_ids: [owned-project]\n"))
    playbook = data / "playbooks" / "backend-senior.yaml"
    playbook.write_text(playbook.read_text().replace(
        "id: backend-senior\n", "id: backend-senior\nformer_ids: [backend-l5]\n"))
    signals = data / "signals.yaml"
    signals.write_text(signals.read_text().replace(
        "  - id: ownership\n", "  - id: ownership\n    former_ids: [accountability]\n"))
    result = mkdocs_build(make_project(tmp_path, data), tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return tmp_path / "site"


def test_renamed_ids_keep_old_links_working(tmp_path):
    site = renamed_site(tmp_path)
    for old, new in (("playbooks/backend-l5/", "../../playbooks/backend-senior/"),
                     ("playbooks/backend-l5/scorecard/", "../../../playbooks/backend-senior/scorecard/"),
                     ("signals/accountability/", "../../signals/ownership/")):
        html = (site / old / "index.html").read_text()
        assert f'<meta http-equiv="refresh" content="0; url={new}">' in html
        assert (site / old / new / "index.html").resolve().exists()
    assert "owned-project" in read(site, "questions/core/").ids


def test_redirect_lands_on_the_new_page(tmp_path, browser):
    from conftest import serve
    server, url = serve(renamed_site(tmp_path))
    try:
        page = browser.new_page()
        page.goto(url + "playbooks/backend-l5/")
        page.wait_for_url(url + "playbooks/backend-senior/")
        assert page.locator("h1").inner_text().rstrip("¶") == "Backend senior loop"
        page.close()
    finally:
        server.shutdown()


def test_a_former_id_still_in_use_is_an_error(tmp_path):
    from interview_playbooks.cli import check
    import io
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text().replace(
        "  - id: ownership-story\n", "  - id: ownership-story\n    former_ids: [design-a-queue]\n"))
    out = io.StringIO()
    assert check(data, out=out) == 1
    assert "question 'ownership-story': former id 'design-a-queue' is also used by question " \
           "'design-a-queue'" in out.getvalue()
