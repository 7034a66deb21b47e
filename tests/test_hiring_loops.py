"""Hiring loops as data (issue 16, item 1): data/loops/<id>.yaml, checked by the validator and
shown as a page with its interviews in order and an interview × signal matrix."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from conftest import ROOT
from test_role_pages import read
from test_rules import LOOP, loop
from test_validation import MINIMAL, run_check

LOOPS = ROOT / "data" / "loops"


def loops() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(LOOPS.glob("*.yaml"))}


def load(relative: str):
    return yaml.safe_load((ROOT / "data" / relative).read_text(encoding="utf-8"))


def test_every_role_has_a_loop_at_every_level():
    roles = {role["id"] for role in load("roles.yaml")["roles"]}
    levels = {level["id"] for level in load("levels.yaml")["levels"]}
    assert {(lp["role"], lp["level"]) for lp in loops().values()} == {
        (role, level) for role in roles for level in levels}
    for name, data in loops().items():
        assert data["id"] == name, "a loop's file is named after its id"
        assert len(data["interviews"]) >= 2
        for interview in data["interviews"]:
            # A description of who runs it, never a person's name.
            assert re.match(r"An? (Senior|Staff|Principal)\b", interview["interviewer"])


def test_a_focus_the_playbook_does_not_probe_is_reported_at_its_place(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"  # the design question no longer probes system design
    core.write_text(core.read_text(encoding="utf-8").replace("signals: [system-design]",
                                                             "signals: [ownership]"))
    (data / LOOP).parent.mkdir()
    (data / LOOP).write_text(loop("ownership", "ownership, system-design"), encoding="utf-8")
    status, output = run_check(data)
    assert status == 1
    line = loop("ownership", "ownership, system-design").split("\n").index(
        "    focus: [ownership, system-design]") + 1
    assert f"backend-senior-hiring-loop.yaml:{line}:24: loop 'backend-senior-hiring-loop': " \
           "interview 2 is accountable for 'system-design', which no question of " \
           "'backend-senior' probes" in output, output
    assert "hint: make an interview whose questions probe it accountable for it instead" in output


@pytest.mark.parametrize("loop_id", sorted(loops()))
def test_the_loop_page_lists_its_interviews_and_who_covers_which_signal(site, loop_id):
    data = loops()[loop_id]
    page = read(site, f"loops/{loop_id}/")
    interviews = page.table("ip-loop-interviews")["rows"][1:]
    assert [row["cells"][1].links[0] for row in interviews] == [
        f"../../playbooks/{i['playbook']}/" for i in data["interviews"]]
    assert [row["cells"][3].text for row in interviews] == [
        i["interviewer"] for i in data["interviews"]]
    matrix = page.table("ip-loop-matrix")["rows"]
    header = [cell.text for cell in matrix[0]["cells"]]
    assert header == ["Signal"] + [f"Interview {n}" for n in range(1, len(interviews) + 1)]
    accountable = {(row["cells"][0].links[0].split("/")[-2], n)
                   for row in matrix[1:] for n, cell in enumerate(row["cells"][1:])
                   if cell.text.startswith("Accountable")}
    assert accountable == {(signal, n) for n, i in enumerate(data["interviews"])
                           for signal in i["focus"]}


def test_role_level_and_playbook_pages_link_their_loops(site):
    for loop_id, data in loops().items():
        for page_url in (f"roles/{data['role']}/", f"levels/{data['level']}/"):
            assert f"../../loops/{loop_id}/" in read(site, page_url).links, page_url
        for interview in data["interviews"]:
            page_url = f"playbooks/{interview['playbook']}/"
            assert f"../../loops/{loop_id}/" in read(site, page_url).links, page_url
    listed = read(site, "loops/").links
    assert all(f"{loop_id}/" in listed for loop_id in loops())


def test_a_renamed_loop_keeps_its_old_address(tmp_path):
    from conftest import make_project, mkdocs_build
    project = make_project(tmp_path)
    path = project / "data" / "loops" / "storage-staff-hiring-loop.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "id: storage-staff-hiring-loop\n", "id: storage-staff-hiring-loop\nformer_ids: [storage-l6]\n"),
        encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "loops" / "storage-l6" / "index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../loops/storage-staff-hiring-loop/">' in html
