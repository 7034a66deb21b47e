"""One source of truth for the data rules: `make check` and the build reject the same data.

For every check the validator makes (validate.checks(): the structural ones and every rule
in validate.RULES), FIXTURES holds a change to the small valid data set that the check
reports. The data is rejected by `make check`'s code path (cli.check) exactly when the
check is an error, and the build's (index.load_index, which the MkDocs hook calls) rejects
exactly the same data. A new rule without a fixture fails here. CONTRIBUTING.md's table of
checks is generated from the same rules and must be up to date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from interview_playbooks.catalog import read_catalog
from interview_playbooks.index import load_index
from interview_playbooks.problems import DataError
from interview_playbooks.validate import RULES, checks, rules_table, with_rules_table
from test_validation import MINIMAL, QUESTION, run_check

PLAYBOOK = "playbooks/backend-senior.yaml"
EXTRA = "questions/extra.yaml"
STAFF = "  - id: staff\n    name: Staff\n    rank: 2\n    summary: Leads a team.\n"
LOOP = "loops/backend-senior-hiring-loop.yaml"


def loop(first: str, second: str) -> str:
    """A hiring loop of the minimal data: the one playbook twice, with these focus lists."""
    return ("id: backend-senior-hiring-loop\ntitle: Loop\nrole: backend-engineer\n"
            "level: senior\npurpose: Decide.\ninterviews:\n"
            f"  - playbook: backend-senior\n    focus: [{first}]\n    interviewer: A senior engineer\n"
            f"  - playbook: backend-senior\n    focus: [{second}]\n    interviewer: A senior engineer\n")


def replace(old: str, new: str):
    """A change to the playbook of the minimal data."""
    return {PLAYBOOK: lambda text: text.replace(old, new, 1) if old in text else pytest.fail(old)}


def add(relative: str, content: str):
    return {relative: lambda text: (text or "") + content}


# check name -> ({file: change of its text}, a fragment of the message the check prints)
FIXTURES = {
    "files-are-readable": (add(EXTRA, "title: Extra\nquestions: [one, two\n"), "YAML syntax error"),
    "files-are-known": (add("notes.yaml", QUESTION), "not a known kind of data file"),
    "fields-are-valid": (add(EXTRA, QUESTION + "    signal: [ownership]\n"), "unknown field 'signal'"),
    "ids-are-valid-and-unique": (add(EXTRA, QUESTION.replace("id: extra-question", "id: Extra")),
                                 "'Extra' is not a valid id"),
    "references-resolve": (add(EXTRA, QUESTION.replace("[ownership]", "[ownrship]")),
                           "unknown signal 'ownrship'"),
    "former-ids-are-free": (add(EXTRA, QUESTION + "    former_ids: [ownership-story]\n"),
                            "former id 'ownership-story' is also used"),
    "topic-names-are-free": (add("questions/loop.yaml", QUESTION), "the bank file name 'loop'"),
    "question-ids-are-not-page-anchors": (
        add(EXTRA, QUESTION.replace("id: extra-question", "id: schedule")), "is taken by a section"),
    "time-boxes-add-up": (replace("start: 10", "start: 12"), "leaves a gap"),
    "segments-use-questions-or-blocks": (
        replace("    title: Design\n", "    title: Design\n    questions: [ownership-story]\n"),
        "has both `questions` and `blocks`"),
    "playbooks-ask-each-question-once": (
        replace("questions: [design-a-queue]", "questions: [design-a-queue, ownership-story]"),
        "question 'ownership-story' is used twice"),
    "pools-offer-enough": (replace("choose: 1", "choose: 3"), "chooses 3 question(s) but offers 1"),
    "rubric-dimensions-are-probed": (
        {PLAYBOOK: lambda text: text.replace("questions: [design-a-queue]", "questions: []")
            .replace("choose: 1", "choose: null")},
        "'system-design' is probed by none of its questions"),
    "rubric-dimensions-are-probed-twice": ({}, "'system-design' is probed by one question only"),
    "rubric-dimensions-say-hire-and-no-hire": (
        replace("      no_hire: Happy path only\n", ""), "'system-design' needs `no_hire`"),
    "playbooks-offer-recommendation-guidance": (
        replace("  - verdict: no-hire\n    signs: [Happy path only]\n", ""),
        "has 1 recommendation guidance entry, fewer than 2"),
    "guidance-names-points-of-the-recommendation-scale": (
        replace("  - verdict: no-hire\n", "  - verdict: no-hre\n"),
        "verdict 'no-hre' is not a point of the scale 'recommendation'"),
    "playbooks-have-a-tailoring-note": (replace("tailoring: Ask about the systems on the résumé.\n", ""),
                                        "has no `tailoring` note"),
    "tables-are-rectangular": (
        add(EXTRA, QUESTION + "    assessment: {columns: [a, b], rows: [[x]]}\n"),
        "assessment row 1 has 1 cell(s) but the table has 2 columns"),
    "scales-fit-their-use": (replace("rubric:\n", "rubric:\n  scale: recommendation\n"),
                             "has points without a `score`"),
    "signals-are-probed": (
        add("signals.yaml", "  - id: unused\n    name: Unused\n    description: Nobody probes it.\n"),
        "signal 'unused': no question probes it"),
    "signals-are-distinct": (
        add("signals.yaml", "  - id: outcome-ownership\n    name: Ownership of outcomes\n"
            "    description: Owns what ships.\n"),
        "signal 'outcome-ownership' reads like the existing signal 'ownership'"),
    "questions-are-complete": (add(EXTRA, QUESTION.split("    tailoring:")[0]),
                               "question 'extra-question' needs a tailoring note"),
    "additions-are-on-seed-questions": (
        add(EXTRA, QUESTION + "    added:\n      red_flags: [Blames others]\n"),
        "`added` is only for seed questions"),
    "levels-are-described-once": (
        add(EXTRA, QUESTION + "    by_level:\n      - level: senior\n        expectation: One.\n"
            "      - level: senior\n        expectation: Two.\n"), "described twice in `by_level`"),
    "levels-have-expectations": (
        add("levels.yaml", STAFF) | add(EXTRA, QUESTION.replace("[senior]", "[senior, staff]")),
        "is asked at 2 levels but `by_level` does not describe"),
    "playbooks-ask-questions-for-their-level": (
        add("levels.yaml", STAFF) | add(EXTRA, QUESTION.replace("[senior]", "[staff]"))
        | replace("[ownership-story]", "[ownership-story, extra-question]"),
        "whose `levels` leave out 'senior'"),
    "loop-interviews-fit-the-loop": (
        add(LOOP, loop("ownership, system-design", "system-design").replace("level: senior", "level: staff"))
        | add("levels.yaml", STAFF), "loop 'backend-senior-hiring-loop' (staff): playbook "
        "'backend-senior' is for senior"),
    "loop-ids-are-free": (add("loops/calibration.yaml", loop("ownership, system-design", "system-design")
                              .replace("id: backend-senior-hiring-loop", "id: calibration")),
                          "the loop id 'calibration' is taken by a page of the site"),
    "loops-cover-their-signals": (add(LOOP, loop("ownership", "ownership")),
                                  "no interview is accountable for 'system-design'"),
    "loop-focus-is-shared-out": (add(LOOP, loop("ownership, system-design", "ownership")),
                                 "every interview is accountable for 'ownership'"),
    "anchors-name-points-of-the-scale": (
        replace("anchors: [{score: 2, text: Plans", "anchors: [{score: 3, text: Plans"),
        "3 is not a score of the scale 'score'"),
    "anchors-cover-the-scale": (
        replace("      anchors: [{score: 2, text: Plans the crash and the replay}, ", "      anchors: ["),
        "the rubric dimension 'system-design' has no anchor for 2"),
    "samples-match-their-playbook": (
        add("samples/sample-one.yaml", "id: sample-one\nplaybook: backend-senior\ntitle: Sample\n"
            "candidate: Candidate A\nanswers:\n  - question: ownership-story\n    score: 2\n"
            "    feedback: Owned it.\nrecommendation: hier\n"),
        "'hier' is not a point of the scale"),
}


def test_only_recommendation_verdicts_lean(tmp_path):
    """`leans` on a point with a score is an error at the field, in file:line:col form."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    scales = data / "scales.yaml"
    scales.write_text(scales.read_text("utf-8").replace("score: 2, description",
                                                        "score: 2, leans: hire, description"), "utf-8")
    status, output = run_check(data)
    assert status == 1, output
    assert "scales.yaml:5:" in output and "the point 'strong' has a `score` and `leans`" in output, output


def fixture_data(tmp_path: Path, name: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    changes, _ = FIXTURES[name]
    for relative, change in changes.items():
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(change(path.read_text(encoding="utf-8") if path.exists() else None),
                        encoding="utf-8")
    return data


def builds(data: Path) -> bool:
    try:
        load_index(data)
    except DataError:
        return False
    return True


@pytest.mark.parametrize("check", checks(), ids=lambda check: check.name)
def test_make_check_and_the_build_reject_exactly_the_errors(tmp_path, check):
    assert check.name in FIXTURES, (f"the check '{check.name}' has no fixture: add one to "
                                    "FIXTURES in tests/test_rules.py")
    data = fixture_data(tmp_path, check.name)
    rule = next((r for r in RULES if r.rule_name == check.name), None)
    if rule:  # the fixture is reported by this very rule, not only by some other
        assert list(rule(read_catalog(data))), f"the fixture does not trigger '{check.name}'"
    status, output = run_check(data)
    assert FIXTURES[check.name][1] in output, output
    if check.severity == "error":
        assert status == 1, output
        assert not builds(data), "make check rejects the data, but the build accepts it"
    else:
        assert status == 0, output
        assert "advice: " in output and "the data is valid" in output, output
        assert builds(data), "advice never fails the build"


def test_every_fixture_belongs_to_a_check():
    assert set(FIXTURES) == {check.name for check in checks()}


def test_every_check_has_one_severity_and_one_sentence():
    names = [check.name for check in checks()]
    assert len(names) == len(set(names))
    for check in checks():
        assert check.severity in ("error", "advice"), check
        word = "Error" if check.severity == "error" else "Advice"
        assert check.sentence.startswith(f"{word} if ") and check.sentence.endswith("."), check


def test_contributing_holds_the_current_table_of_checks():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert rules_table() in guide
    assert with_rules_table(guide) == guide, (
        "CONTRIBUTING.md is out of date: run "
        "`.venv/bin/python -m interview_playbooks rules --write CONTRIBUTING.md`")


def test_the_rules_command_prints_the_table(tmp_path):
    result = subprocess.run([sys.executable, "-m", "interview_playbooks", "rules"],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout == rules_table()
    stale = tmp_path / "GUIDE.md"
    stale.write_text("# Guide\n\n<!-- rules:start -->\nold\n<!-- rules:end -->\n\nEnd.\n")
    subprocess.run([sys.executable, "-m", "interview_playbooks", "rules", "--write", str(stale)],
                   capture_output=True, text=True, cwd=ROOT, check=True)
    text = stale.read_text()
    assert "old" not in text and rules_table() in text and text.endswith("<!-- rules:end -->\n\nEnd.\n")


def test_signals_read_alike_by_name_or_description_but_the_real_ones_do_not():
    from types import SimpleNamespace as Signal
    from interview_playbooks.validate import signals_read_alike
    leadership = Signal(name="Leadership", description="Sets direction for others.")
    assert signals_read_alike(leadership, Signal(name="Technical leadership", description="x y z"))
    assert signals_read_alike(leadership, Signal(name="Leadershp", description="Unrelated."))
    assert signals_read_alike(
        Signal(name="Resilience", description="Designs systems that survive failures of disks."),
        Signal(name="Fault tolerance", description="Designs systems that survive disks failures."))
    assert not signals_read_alike(leadership, Signal(name="Data integrity",
                                                     description="Keeps data correct."))
    signals = list(read_catalog(ROOT / "data").signals.values())
    alike = [(a.id, b.id) for i, a in enumerate(signals) for b in signals[i + 1:]
             if signals_read_alike(a, b)]
    assert alike == []
