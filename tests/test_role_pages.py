"""A role's level comparison and signal coverage pages, read back from the real built site.

Expectations are computed here from data/*.yaml, independently of the build's own code, so
the tests follow the data as contributors extend it.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, pdf_text

DATA = ROOT / "data"


def load(relative: str):
    return yaml.safe_load((DATA / relative).read_text(encoding="utf-8"))


def playbooks() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DATA / "playbooks").glob("*.yaml"))}


def questions() -> dict[str, dict]:
    return {q["id"]: q for path in sorted((DATA / "questions").glob("*.yaml"))
            for q in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]}


def plain(text: str) -> str:
    """Contributor text as the page shows it: formatting marks gone, spaces collapsed."""
    text = re.sub(r"\[([^\]\n]+)\]\([^()\s]*\)", r"\1", text)
    text = re.sub(r"`([^`\n]+)`", r"\1", text)
    text = re.sub(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", r"\1", text)
    text = re.sub(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])", r"\1", text)
    return " ".join(text.split())


def asked(playbook: dict) -> list[str]:
    """Every question a playbook asks, once, in order (pools included)."""
    ids = []
    for segment in playbook["segments"]:
        ids += segment.get("questions", [])
        for block in segment.get("blocks", []):
            ids += block.get("questions", [])
    return list(dict.fromkeys(ids))


def roles_with_playbooks() -> list[str]:
    return sorted({p["role"] for p in playbooks().values()})


# --- A small reader for the pages' tables ------------------------------------------------------

class Cell:
    def __init__(self, tag: str, attrs: dict):
        self.tag, self.attrs, self.parts, self.links = tag, attrs, [], []

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


class Tables(HTMLParser):
    """Every table of a page: rows of cells (th/td) with their visible text, attributes and links."""

    def __init__(self, html: str):
        super().__init__()
        self.tables: list[dict] = []
        self.links: list[str] = []
        self._cell: Cell | None = None
        self._hidden = 0  # depth inside visually hidden text (for screen readers only)
        self._stack: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._cell:
                self._cell.links.append(attrs["href"])
        if tag == "table":
            self.tables.append({"class": attrs.get("class", ""), "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append({"attrs": attrs, "cells": []})
        elif tag in ("th", "td") and self.tables:
            self._cell = Cell(tag, attrs)
            self.tables[-1]["rows"][-1]["cells"].append(self._cell)
        if tag not in ("br", "img", "input", "meta", "link", "hr"):
            self._stack.append(tag)
            if self._hidden or "ip-sr-only" in attrs.get("class", "").split():
                self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("th", "td"):
            self._cell = None
        if self._stack and self._stack[-1] == tag:
            self._stack.pop()
            if self._hidden:
                self._hidden -= 1

    def handle_data(self, data):
        if self._cell and not self._hidden:
            self._cell.parts.append(data)

    def table(self, css_class: str) -> dict:
        found = [t for t in self.tables if css_class in t["class"].split()]
        assert len(found) == 1, f"expected one table.{css_class}, found {len(found)}"
        return found[0]


def read(site: Path, url: str) -> Tables:
    return Tables((site / url / "index.html").read_text(encoding="utf-8"))


# --- The level comparison ---------------------------------------------------------------------

@pytest.mark.parametrize("role_id", roles_with_playbooks())
def test_comparison_has_a_column_per_level_with_a_playbook(site, role_id):
    levels = sorted(load("levels.yaml")["levels"], key=lambda level: level["rank"])
    of_role = [p for p in playbooks().values() if p["role"] == role_id]
    expected = [level["name"] for level in levels if any(p["level"] == level["id"] for p in of_role)]

    table = read(site, f"roles/{role_id}/levels/").table("ip-compare")
    header = [cell.text for cell in table["rows"][0]["cells"]][1:]
    assert header == expected, "columns are not the role's levels, lowest rank first"
    for row in table["rows"][1:]:
        cells = row["cells"]
        if len(cells) > 1:  # not the heading row of the bars
            assert len(cells) == len(expected) + 1, [c.text for c in cells]


@pytest.mark.parametrize("role_id", roles_with_playbooks())
def test_comparison_shows_each_levels_bar_from_the_data(site, role_id):
    levels = {level["id"]: level for level in load("levels.yaml")["levels"]}
    signals = {signal["id"]: signal for signal in load("signals.yaml")["signals"]}
    of_role = sorted((p for p in playbooks().values() if p["role"] == role_id),
                     key=lambda p: (levels[p["level"]]["rank"], p["duration"], p["id"]))
    columns = sorted({p["level"] for p in of_role}, key=lambda lv: levels[lv]["rank"])
    page = read(site, f"roles/{role_id}/levels/")
    table = page.table("ip-compare")
    rows = {row["cells"][0].links[0]: row["cells"][1:] for row in table["rows"]
            if row["cells"] and row["cells"][0].tag == "th" and row["cells"][0].links
            and "/signals/" in row["cells"][0].links[0]}

    dimensions = {(p["level"], d["signal"]): [] for p in of_role
                  for d in (p.get("rubric") or {}).get("dimensions", [])}
    for p in of_role:
        for d in (p.get("rubric") or {}).get("dimensions", []):
            dimensions[(p["level"], d["signal"])].append((p, d))
    assessed = {signal for _, signal in dimensions}
    assert {re.search(r"signals/([^/]+)/", href).group(1) for href in rows} == assessed

    for href, cells in rows.items():
        signal = re.search(r"signals/([^/]+)/", href).group(1)
        assert signal in signals
        for column, cell in zip(columns, cells):
            bars = dimensions.get((column, signal), [])
            if not bars:
                assert cell.text == "—", f"{signal} at {column}: {cell.text!r}"
                continue
            for playbook, dimension in bars:
                assert plain(dimension.get("hire", "")) in cell.text, (signal, column, cell.text)
                if dimension.get("no_hire"):
                    assert "No hire: " + plain(dimension["no_hire"]) in cell.text
                if sum(1 for p in of_role if p["level"] == column) > 1:
                    assert plain(playbook["title"]) in cell.text, "two playbooks: bars are labelled"

    # The scope row names every playbook of the level with its length, and links it.
    scope = next(row["cells"] for row in table["rows"] if row["cells"][0].text == "Scope")
    for column, cell in zip(columns, scope[1:]):
        assert " ".join(levels[column]["summary"].split()) in cell.text
        for p in of_role:
            if p["level"] == column:
                assert f"{plain(p['title'])} {p['duration']} min" in cell.text
                assert f"../../../playbooks/{p['id']}/" in cell.links


@pytest.mark.parametrize("role_id", roles_with_playbooks())
def test_role_page_links_its_comparison_coverage_and_finder(site, role_id):
    links = read(site, f"roles/{role_id}/").links
    assert f"../../roles/{role_id}/levels/" in links and f"../../roles/{role_id}/coverage/" in links
    assert f"../../questions/?role={role_id}" in links


# --- The signal coverage ----------------------------------------------------------------------

@pytest.mark.parametrize("role_id", roles_with_playbooks())
def test_coverage_counts_match_the_data(site, role_id):
    bank = questions()
    of_role = {pid: p for pid, p in playbooks().items() if p["role"] == role_id}
    counts = {pid: {} for pid in of_role}
    dimensions = {pid: {d["signal"] for d in (p.get("rubric") or {}).get("dimensions", [])}
                  for pid, p in of_role.items()}
    for pid, p in of_role.items():
        for qid in asked(p):
            for signal in bank[qid]["signals"]:
                counts[pid][signal] = counts[pid].get(signal, 0) + 1
    expected_columns = set().union(*counts.values(), *dimensions.values())

    table = read(site, f"roles/{role_id}/coverage/").table("ip-coverage")
    header = table["rows"][0]["cells"][1:]
    columns = [cell.attrs["data-signal"] for cell in header]
    assert set(columns) == expected_columns and len(columns) == len(expected_columns)
    body = [row for row in table["rows"][1:]]
    assert {row["attrs"]["data-playbook"] for row in body} == set(of_role)
    for row in body:
        pid = row["attrs"]["data-playbook"]
        for signal, cell in zip(columns, row["cells"][1:]):
            count = counts[pid].get(signal, 0)
            assert cell.attrs["data-signal"] == signal
            assert int(cell.attrs["data-count"]) == count, (pid, signal)
            assert re.search(rf"(^|\s){count}(\s|$)", cell.text), (pid, signal, cell.text)
            classes = cell.attrs["class"].split()
            assert ("ip-cov--dimension" in classes) == (signal in dimensions[pid])
            status = cell.attrs.get("data-status", "")
            if signal in dimensions[pid] and count == 0:
                assert status == "error"
            elif signal in dimensions[pid] and count < 2:
                assert status == "warning", f"{pid}: {signal} has {count} question(s)"
            else:
                assert status == ""


def test_coverage_warnings_agree_with_the_validator(site):
    """The cells marked thin are exactly the validator's advice 'probed by one question'."""
    from interview_playbooks.index import load_index
    advice = {(m.group(1), m.group(2)) for problem in load_index(DATA).warnings
              if (m := re.search(r"playbook '([^']+)': the rubric dimension '([^']+)' is probed "
                                 r"by one question", problem.message))}
    marked = set()
    for role_id in roles_with_playbooks():
        table = read(site, f"roles/{role_id}/coverage/").table("ip-coverage")
        for row in table["rows"][1:]:
            marked.update((row["attrs"]["data-playbook"], cell.attrs["data-signal"])
                          for cell in row["cells"][1:] if cell.attrs.get("data-status") == "warning")
    assert marked == advice


@pytest.mark.parametrize("role_id", roles_with_playbooks())
def test_coverage_names_the_levels_without_a_playbook(site, role_id):
    """Coverage is shown, never failed: each level the role has no playbook at is listed."""
    offered = {p["level"] for p in playbooks().values() if p["role"] == role_id}
    missing = {level["id"] for level in load("levels.yaml")["levels"]} - offered
    html = (site / "roles" / role_id / "coverage" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'data-missing-level="([^"]+)"', html)) == missing


def test_a_role_with_one_playbook_is_valid_and_its_coverage_lists_the_other_levels():
    """The validator does not ask for a playbook at every level; the coverage page's data does
    name the levels that have none yet (the page test above reads them from the site)."""
    import shutil
    import tempfile
    from interview_playbooks.comparison import coverage
    from interview_playbooks.index import load_index
    minimal = ROOT / "tests" / "fixtures" / "minimal" / "data"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(minimal, data)
        levels = data / "levels.yaml"
        levels.write_text(levels.read_text(encoding="utf-8") + "  - id: staff\n    name: Staff\n"
                          "    rank: 2\n    summary: Leads a team.\n", encoding="utf-8")
        index = load_index(data)  # raises DataError on any error
    assert [level.id for level in coverage(index, "backend-engineer")["missing_levels"]] == ["staff"]


def test_overview_pages_describe_themselves_and_stay_out_of_the_search(site):
    for role_id in roles_with_playbooks():
        for sub in ("levels", "coverage"):
            html = (site / "roles" / role_id / sub / "index.html").read_text(encoding="utf-8")
            assert re.search(r'<meta name="description" content="[^"]{20,}"', html)
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert not re.search(r'"location":\s*"roles/[^/"]+/(levels|coverage)/', index)


# --- On paper ----------------------------------------------------------------------------------

@pytest.mark.parametrize("landscape", [True, False], ids=["A4-landscape", "A4-portrait"])
@pytest.mark.parametrize("sub", ["levels", "coverage"])
def test_overview_tables_print_whole_on_a4(page, site_url, tmp_path, sub, landscape):
    """Printed, the table fits the paper's width: no column is cut off, the last one prints."""
    role_id = max(roles_with_playbooks(),
                  key=lambda r: len({p["level"] for p in playbooks().values() if p["role"] == r}))
    page.goto(f"{site_url}roles/{role_id}/{sub}/")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.emulate_media(media="print")
    # A4 minus print.css's 11 mm side margins, in CSS pixels (96 per inch).
    width = round((297 if landscape else 210) - 22) * 96 / 25.4
    page.set_viewport_size({"width": int(width), "height": 900})
    fit = page.locator(".ip-table-scroll > table").evaluate(
        "t => ({table: t.getBoundingClientRect().right, box: t.parentElement.getBoundingClientRect().right,"
        " page: document.documentElement.clientWidth, scroll: t.parentElement.scrollWidth,"
        " client: t.parentElement.clientWidth})")
    assert fit["scroll"] <= fit["client"] + 1, f"the table is wider than the paper: {fit}"
    assert fit["table"] <= fit["page"] + 1, fit

    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", landscape=landscape)
    # Spaces are dropped: a header may be hyphenated across lines on paper.
    squeezed = pdf_text(pdf).replace("- ", "").replace(" ", "")
    last = page.locator(".ip-table-scroll > table thead th").last.inner_text()
    assert last.replace(" ", "") in squeezed, f"the last column ({last!r}) is not printed"
    if sub == "levels":
        levels = sorted(load("levels.yaml")["levels"], key=lambda level: level["rank"])
        of_role = {p["level"] for p in playbooks().values() if p["role"] == role_id}
        for level in levels:
            if level["id"] in of_role:
                assert level["name"].replace(" ", "") in squeezed


def test_two_playbooks_at_one_level_each_show_their_bar_labelled(tmp_path):
    """A copy of the data where one role has a second playbook at a level it already has."""
    from conftest import make_project, mkdocs_build
    project = make_project(tmp_path)
    folder = project / "data" / "playbooks"
    original = next(data for data in (yaml.safe_load(p.read_text(encoding="utf-8"))
                                      for p in sorted(folder.glob("*.yaml")))
                    if (data.get("rubric") or {}).get("dimensions"))
    twin = {**original, "id": "twin-of-a-playbook", "title": "Twin playbook", "former_ids": [],
            "rubric": {**original["rubric"], "dimensions": [
                {**original["rubric"]["dimensions"][0], "hire": "The twin's own bar"},
                *original["rubric"]["dimensions"][1:]]}}
    (folder / "twin-of-a-playbook.yaml").write_text(
        "# yaml-language-server: $schema=../../schemas/playbook.schema.json\n"
        + yaml.safe_dump(twin, sort_keys=False, allow_unicode=True), encoding="utf-8")

    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    table = read(tmp_path / "site", f"roles/{original['role']}/levels/").table("ip-compare")
    levels = {level["id"]: level["name"] for level in load("levels.yaml")["levels"]}
    header = [cell.text for cell in table["rows"][0]["cells"]]
    column = header.index(levels[original["level"]])
    dimension = original["rubric"]["dimensions"][0]
    row = next(r["cells"] for r in table["rows"] if r["cells"][0].links
               and r["cells"][0].links[0].endswith(f"/signals/{dimension['signal']}/"))
    cell = " ".join(row[column].text.replace("as “", "").split())
    assert "Twin playbook" in cell and "The twin's own bar" in cell
    assert plain(original["title"]) in cell and plain(dimension["hire"]) in cell
    # Each bar follows its own playbook's name.
    assert cell.index("Twin playbook") < cell.index("The twin's own bar")
    assert cell.index(plain(original["title"])) < cell.index(plain(dimension["hire"]))
    scope = next(r["cells"] for r in table["rows"] if r["cells"][0].text == "Scope")[column]
    assert "Twin playbook" in scope.text and plain(original["title"]) in scope.text
