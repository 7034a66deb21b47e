"""Recommendation guidance names points of the recommendation scale by id (issue 13, item 4).

So "No Hire" and "No-Hire" cannot drift apart, every point (Strong No Hire included) can
carry guidance, and a source's own wording ("Borderline") is kept beside the point it means.
"""

from __future__ import annotations

import json
import re
import shutil

import yaml

from conftest import ROOT, make_project, mkdocs_build
from test_validation import MINIMAL, run_check

PLAYBOOK = "playbooks/backend-senior.yaml"


def test_a_label_where_an_id_belongs_is_told_the_id(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / PLAYBOOK
    path.write_text(path.read_text(encoding="utf-8").replace("- verdict: no-hire", "- verdict: No Hire"),
                    encoding="utf-8")
    status, output = run_check(data)
    assert status == 1
    assert re.search(r"backend-senior\.yaml:\d+:14: .*'No Hire' is not a valid id", output), output
    assert "'no-hire'" in output


def test_two_entries_for_one_point_are_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    path = data / PLAYBOOK
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - verdict: no-hire\n",
                                 "  - verdict: hire\n    signs: [Again]\n  - verdict: no-hire\n"),
                    encoding="utf-8")
    status, output = run_check(data)
    assert status == 1
    line = text[:text.index("  - verdict: no-hire")].count("\n") + 1
    assert f"backend-senior.yaml:{line}:14: playbook 'backend-senior': two guidance entries " \
           "for 'hire'" in output, output
    assert "merge their `signs:`" in output


def test_guidance_shows_in_scale_order_with_the_sources_wording(tmp_path):
    """Strong No Hire guidance, written first and a neutral point under its own name."""
    project = make_project(tmp_path)
    path = project / "data" / "playbooks" / "storage-principal-loop.yaml"
    playbook = yaml.safe_load(path.read_text(encoding="utf-8"))
    playbook["recommendation"] = [
        {"verdict": "strong-no-hire", "signs": ["Cannot name a failure domain"]},
        {"verdict": "hire-with-reservations", "label": "On the fence", "signs": ["Gaps in depth"]},
        {"verdict": "strong-hire", "signs": ["Reasons in numbers"]},
    ]
    path.write_text(yaml.safe_dump(playbook, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr

    html = (tmp_path / "site" / "playbooks" / "storage-principal-loop" / "index.html").read_text()
    section = html[html.index('id="recommendation"'):]
    titles = re.findall(r'<div class="admonition (\w+)">\s*<p class="admonition-title">(.*?)</p>',
                        section)
    assert titles == [
        ("success", "Strong Hire"),
        ("warning", 'On the fence <span class="ip-verdict-point">(Hire with Reservations)</span>'),
        ("failure", "Strong No Hire"),
    ]
    for path in ("debrief", "debrief/sheet"):  # the panel decides against the same guidance
        debrief = (tmp_path / "site" / "playbooks" / "storage-principal-loop" / path
                   / "index.html").read_text()
        assert "<strong>On the fence (Hire with Reservations):</strong> Gaps in depth" in debrief
        assert "<strong>Strong No Hire:</strong> Cannot name a failure domain" in debrief

    scorecard = (tmp_path / "site" / "playbooks" / "storage-principal-loop" / "scorecard"
                 / "index.html").read_text()
    card = json.loads(re.search(r'<script type="application/json" data-ip-scorecard-data>(.*?)'
                                r'</script>', scorecard, re.S).group(1))
    assert [(g["verdict"], g["label"]) for g in card["guidance"]] == [
        ("strong-hire", "Strong Hire"), ("hire-with-reservations", "On the fence"),
        ("strong-no-hire", "Strong No Hire")]


def test_the_seeds_borderline_is_kept_as_its_own_word(site):
    """The deep-dive seed says "Borderline"; the site shows it, and what point it means."""
    html = (site / "playbooks" / "distributed-systems-senior-mts-deep-dive" / "index.html").read_text()
    assert 'Borderline <span class="ip-verdict-point">(Hire with Reservations)</span>' in html
    scales = yaml.safe_load((ROOT / "data" / "scales.yaml").read_text(encoding="utf-8"))
    points = {p["id"] for s in scales["scales"] if s["id"] == "recommendation" for p in s["points"]}
    for path in sorted((ROOT / "data" / "playbooks").glob("*.yaml")):
        for entry in yaml.safe_load(path.read_text(encoding="utf-8"))["recommendation"]:
            assert entry["verdict"] in points, path.name
