"""Anchored rating scales (issue 17): what a 1, a 3 and a 5 sound like on every question and
rubric dimension, in the data and wherever the site shows them."""

from __future__ import annotations

import html
import json
import re
import shutil

import pytest
import yaml

from conftest import ROOT
from interview_playbooks.text import plain
from test_validation import MINIMAL, run_check

DATA = ROOT / "data"


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def questions() -> dict[str, tuple[str, dict]]:
    return {q["id"]: (path.stem, q) for path in sorted((DATA / "questions").glob("*.yaml"))
            for q in load(path)["questions"]}


def playbooks() -> dict[str, dict]:
    return {path.stem: load(path) for path in sorted((DATA / "playbooks").glob("*.yaml"))}


def anchors_of(question: dict) -> list[dict]:
    return question.get("anchors", []) + (question.get("added") or {}).get("anchors", [])


def at_level(question: dict, level: str) -> dict[int, str]:
    """score -> text of the anchors that apply at a level (a level's own replace the rest)."""
    found = {a["score"]: a["text"] for a in anchors_of(question) if not a.get("level")}
    found.update((a["score"], a["text"]) for a in anchors_of(question) if a.get("level") == level)
    return found


def shown(text: str) -> str:
    """An anchor's text as it appears in a page's HTML, markup aside."""
    return html.escape(plain(text), quote=False)


def page_text(path) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def test_every_question_is_anchored_at_1_3_and_5_at_each_of_its_levels():
    for qid, (_, question) in questions().items():
        for level in question["levels"]:
            assert {1, 3, 5} <= set(at_level(question, level)), (qid, level)


def test_seed_questions_keep_their_anchors_under_added():
    for qid, (_, question) in questions().items():
        if question.get("origin") == "seed":
            assert "anchors" not in question, f"{qid}: the seed's own fields hold its words only"


def test_every_rubric_dimension_is_anchored_at_1_3_and_5():
    for pid, playbook in playbooks().items():
        for dimension in playbook["rubric"]["dimensions"]:
            assert {1, 3, 5} <= {a["score"] for a in dimension.get("anchors", [])}, \
                (pid, dimension["signal"])


def test_each_anchor_is_on_its_questions_card_in_the_bank_and_the_playbook(site):
    banks = {}
    for qid, (topic, question) in questions().items():
        text = banks.setdefault(topic, page_text(site / "questions" / topic / "index.html"))
        for anchor in anchors_of(question):
            assert plain(anchor["text"]) in text, (qid, anchor["score"])
    for pid, playbook in playbooks().items():
        text = page_text(site / "playbooks" / pid / "index.html")
        asked = {qid for segment in playbook["segments"]
                 for qid in segment.get("questions", []) + [q for b in segment.get("blocks", [])
                                                            for q in b["questions"]]}
        for qid in asked:
            for score, anchor in at_level(questions()[qid][1], playbook["level"]).items():
                assert plain(anchor) in text, (pid, qid, score)


def test_dimension_anchors_show_on_the_playbook_comparison_debrief_and_card(site):
    for pid, playbook in playbooks().items():
        playbook_page = page_text(site / "playbooks" / pid / "index.html")
        comparison = page_text(site / "roles" / playbook["role"] / "levels" / "index.html")
        debrief = page_text(site / "playbooks" / pid / "debrief" / "sheet" / "index.html")
        scorecard = (site / "playbooks" / pid / "scorecard" / "index.html").read_text("utf-8")
        card = json.loads(re.search(r"data-ip-scorecard-data>(.*?)</script>", scorecard, re.S)[1])
        by_signal = {d["signal"]: d for d in card["dimensions"]}
        for dimension in playbook["rubric"]["dimensions"]:
            for anchor in dimension["anchors"]:
                for name, text in (("playbook", playbook_page), ("comparison", comparison),
                                   ("debrief", debrief)):
                    assert plain(anchor["text"]) in text, (name, pid, dimension["signal"])
            assert [a["score"] for a in by_signal[dimension["signal"]]["anchors"]] == sorted(
                (a["score"] for a in dimension["anchors"]), reverse=True)


def test_anchors_that_read_alike_are_advice_at_their_place(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    text = core.read_text(encoding="utf-8")
    core.write_text(text.replace("{score: 1, text: Tells the team's story and no decision of their own}",
                                 "{score: 1, text: Names the decision and the metric it moves}"),
                    encoding="utf-8")
    status, output = run_check(data)
    assert status == 0, output
    line = text[:text.index("Tells the team's story")].count("\n") + 1
    assert re.search(rf"core\.yaml:{line}:\d+: advice: question 'ownership-story': the anchors "
                     r"for 2 and 1 read alike", output), output


@pytest.mark.parametrize("score", [3, 10])  # the minimal data scores 1 and 2
def test_a_score_off_the_scale_is_an_error(tmp_path, score):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text(encoding="utf-8").replace("{score: 2, text: Names",
                                                             f"{{score: {score}, text: Names"),
                    encoding="utf-8")
    status, output = run_check(data)
    assert status == 1
    assert f"question 'ownership-story': {score} is not a score of the scale 'score'" in output
