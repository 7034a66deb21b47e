"""Bad data: one case per class of error, each asserting the file, line, column and message.

Every case starts from the small valid data set in tests/fixtures/minimal/data and changes
one file; `make check` (the CLI) must exit 1 and print `file:line:col: message` and a hint.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from interview_playbooks.catalog import display_name
from interview_playbooks.cli import check

MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "data"

QUESTION = """\
title: Extra
questions:
  - id: extra-question
    title: Extra question
    prompt: Why?
    kind: behavioral
    signals: [ownership]
    levels: [senior]
    tailoring: Ask about a project of the candidate's own.
    strong_answer:
      topics: [Owns the outcome]
    probes:
      - What went wrong?
      - text: What would you change?
        type: hard
    hire: [Owns the outcome, Names a decision]
    no_hire: [Blames others, Cannot name a decision]
    red_flags: [Takes credit for the team's work]
    anchors:
      - score: 2
        text: Names the decision they made and what it changed
      - score: 1
        text: Tells the team's story without a decision of their own
"""
# QUESTION is complete (questions-are-complete) and has no braces (some tests format() it);
# fields a case appends start on this line.
NEXT = QUESTION.count("\n") + 1


def run_check(data: Path) -> tuple[int, str]:
    out = io.StringIO()
    status = check(data, out=out)
    return status, out.getvalue()


@pytest.fixture
def data(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(MINIMAL, target)
    return target


def write(data: Path, relative: str, content: str | bytes) -> str:
    path = data / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return display_name(path)


def test_minimal_data_is_valid(data):
    status, output = run_check(data)
    assert status == 0, output
    assert "the data is valid" in output


# (case id, file, content, line, column, message, hint)
CASES = [
    ("yaml-syntax", "questions/extra.yaml", "title: Extra\nquestions: [one, two\n", 3, 1,
     "YAML syntax error", "quoting"),
    ("tab-indentation", "questions/extra.yaml", "title: Extra\nquestions:\n\t- id: x\n", 3, 1,
     "a tab is used for indentation", "spaces"),
    ("not-utf8", "questions/extra.yaml", b"title: Caf\xe9\n", 1, 11,
     "the file is not UTF-8 text", "UTF-8"),
    ("empty-file", "questions/extra.yaml", "# nothing yet\n", 1, 1, "the file is empty", "delete"),
    ("too-large", "questions/extra.yaml", "title: x\n" + "# padding\n" * 110_000, 1, 1,
     "over the 1 MB limit", "split"),
    ("wrong-type", "questions/extra.yaml", QUESTION + "    minutes: ten\n", NEXT, 14,
     "question 'extra-question', field 'minutes' should be a whole number, but is the text 'ten'",
     "digits"),
    # A date is read as the text typed; where a number belongs, that text is an error.
    ("date-as-number", "questions/extra.yaml", QUESTION + "    minutes: 2024-01-01\n", NEXT, 14,
     "field 'minutes' should be a whole number, but is the text '2024-01-01'", "plain digits"),
    ("missing-required", "questions/extra.yaml", QUESTION.replace("    prompt: Why?\n", ""), 3, 5,
     "question 'extra-question': the required field 'prompt' is missing", "add `prompt:`"),
    ("unknown-field", "questions/extra.yaml", QUESTION + "    signal: [ownership]\n", NEXT, 5,
     "question 'extra-question': unknown field 'signal'", "did you mean 'signals'?"),
    ("bad-enum", "questions/extra.yaml", QUESTION.replace("behavioral", "behavioural"), 6, 11,
     "field 'kind' is the text 'behavioural', which is not one of", "did you mean 'behavioral'?"),
    ("bad-id", "questions/extra.yaml", QUESTION.replace("id: extra-question", "id: Extra Question"),
     3, 9, "'Extra Question' is not a valid id", "'extra-question'"),
    ("duplicate-id", "questions/extra.yaml", QUESTION.replace("extra-question", "ownership-story"),
     3, 9, "question 'ownership-story': the id is already used", "questions/core.yaml:3:9"),
    ("unknown-signal", "questions/extra.yaml", QUESTION.replace("[ownership]", "[ownrship]"), 7, 15,
     "question 'extra-question', field 'signals[0]': unknown signal 'ownrship'",
     "did you mean 'ownership'?"),
    ("unknown-level", "questions/extra.yaml", QUESTION.replace("[senior]", "[staff]"), 8, 14,
     "unknown level 'staff'", "check the spelling"),
    ("duplicate-key", "questions/extra.yaml", QUESTION + "    title: Again\n", NEXT, 5,
     "the key 'title' appears twice", "keep one"),
    ("alias", "questions/extra.yaml", "title: &t Extra\ndescription: *t\nquestions: []\n", 2, 1,
     "anchors and aliases", "in full"),
    ("python-tag", "questions/extra.yaml", "title: !!python/object:os.system x\nquestions: []\n",
     1, 8, "the tag 'tag:yaml.org,2002:python/object:os.system' is not allowed", "remove the tag"),
    ("unknown-file", "notes.yaml", QUESTION, 1, 1,
     "this file is not a known kind of data file", "data/questions/*.yaml"),
    ("reserved-bank-name", "questions/loop.yaml", QUESTION, 1, 1,
     "the bank file name 'loop' is taken by a page of the site", "rename the file"),
    ("added-on-new-question", "questions/extra.yaml",
     QUESTION + "    added:\n      red_flags: [Blames others]\n", NEXT + 1, 7,
     "question 'extra-question': `added` is only for seed questions", "set `origin: seed`"),
    ("added-strong-answer-twice", "questions/extra.yaml",
     QUESTION + "    origin: seed\n"
     "    added:\n      strong_answer:\n        topics: [Measures it]\n", NEXT + 3, 9,
     "question 'extra-question': the seed already gives a strong answer",
     "remove `added.strong_answer`"),
    ("level-described-twice", "questions/extra.yaml",
     QUESTION + "    by_level:\n      - level: senior\n        expectation: Owns a system.\n"
     "      - level: senior\n        expectation: Owns two.\n", NEXT + 3, 16,
     "question 'extra-question': level 'senior' is described twice in `by_level`", "merge"),
]


@pytest.mark.parametrize("case, relative, content, line, column, message, hint", CASES,
                         ids=[case[0] for case in CASES])
def test_error_is_reported_at_its_place(data, case, relative, content, line, column, message, hint):
    shown = write(data, relative, content)
    status, output = run_check(data)
    assert status == 1, output
    located = [entry for entry in output.split("\n") if entry.startswith(f"{shown}:{line}:{column}: ")]
    assert located, f"nothing reported at {shown}:{line}:{column}:\n{output}"
    assert any(message in entry for entry in located), output
    assert hint in output
    assert "Traceback" not in output


PLAYBOOK = (MINIMAL / "playbooks" / "backend-senior.yaml").read_text()

PLAYBOOK_CASES = [
    ("overlap", PLAYBOOK.replace("start: 10", "start: 5"), 12, 12,
     "segment 'Design' (5–30 min) overlaps the time box before it, which ends at minute 10",
     "start it at minute 10"),
    ("gap", PLAYBOOK.replace("start: 10", "start: 12"), 12, 12,
     "segment 'Design' (12–30 min) leaves a gap from minute 10 to 12", "start it at minute 10"),
    ("duration", PLAYBOOK.replace("duration: 30", "duration: 45"), 5, 11,
     "the time boxes end at minute 30, but the duration is 45 minutes", "correct `duration`"),
    ("pool-too-small", PLAYBOOK.replace("choose: 1", "choose: 3"), 17, 17,
     "the pool 'Pick one' chooses 3 question(s) but offers 1", "lower `choose`"),
    ("dimension-not-probed", PLAYBOOK.replace("questions: [design-a-queue]", "questions: []")
     .replace("choose: 1", "choose: null"), 23, 15,
     "the rubric dimension 'system-design' is probed by none of its questions", "add 'system-design'"),
    ("unknown-role", PLAYBOOK.replace("role: backend-engineer", "role: backend-engineers"), 3, 7,
     "playbook 'backend-senior', field 'role': unknown role 'backend-engineers'",
     "did you mean 'backend-engineer'?"),
    ("unknown-question", PLAYBOOK.replace("[ownership-story]", "[ownership-stories]"), 11, 17,
     "unknown question 'ownership-stories'", "did you mean 'ownership-story'?"),
]


@pytest.mark.parametrize("case, content, line, column, message, hint", PLAYBOOK_CASES,
                         ids=[case[0] for case in PLAYBOOK_CASES])
def test_playbook_error_is_reported_at_its_place(data, case, content, line, column, message, hint):
    shown = write(data, "playbooks/backend-senior.yaml", content)
    status, output = run_check(data)
    assert status == 1, output
    assert f"{shown}:{line}:{column}: " in output, output
    assert message in output and hint in output, output


def test_every_problem_is_reported_at_once(data):
    write(data, "questions/extra.yaml", QUESTION.replace("[ownership]", "[ownrship]")
          .replace("behavioral", "behavioural") + "    signal: x\n")
    write(data, "playbooks/backend-senior.yaml", PLAYBOOK.replace("start: 10", "start: 12"))
    status, output = run_check(data)
    assert status == 1
    for message in ("unknown signal 'ownrship'", "'behavioural', which is not one of",
                    "unknown field 'signal'", "leaves a gap"):
        assert message in output
    assert "4 error(s)" in output


def test_an_unreadable_file_comes_first_as_the_likely_cause(data):
    core = data / "questions" / "core.yaml"
    shown = display_name(core)
    core.write_text(core.read_text().replace("title: Core\n", "title: Core\n  broken: [\n", 1))
    status, output = run_check(data)
    assert status == 1
    first, note, *rest = [line for line in output.splitlines()
                          if line and not line.startswith("    hint:")]
    assert first.startswith(f"{shown}:2:") and "YAML syntax error" in first
    assert note.startswith("Fix the file(s) above first")
    # The playbook's questions were in the unreadable file.
    assert "unknown question 'ownership-story'" in "\n".join(rest)


def test_advice_does_not_fail(data):
    write(data, "signals.yaml", (MINIMAL / "signals.yaml").read_text()
          + "  - id: unused\n    name: Unused\n    description: Nobody probes it.\n")
    write(data, "questions/extra.yaml", QUESTION)
    status, output = run_check(data)
    assert status == 0, output
    assert "advice: signal 'unused': no question probes it" in output
    assert "Advice (never fails make check, the build or CI):" in output
    assert output.endswith(": the data is valid (3 pieces of advice, which never fail)\n"), output


def test_the_summary_says_what_fails(data):
    write(data, "questions/extra.yaml", QUESTION.replace("[ownership]", "[ownrship]"))
    status, output = run_check(data)
    assert status == 1
    assert output.endswith("\n1 error(s) (these fail make check, the build and CI), "
                           "2 piece(s) of advice (these never fail)\n"), output


def test_an_incomplete_question_is_an_error(data):
    shown = write(data, "questions/extra.yaml", QUESTION.split("    tailoring:")[0])
    status, output = run_check(data)
    assert status == 1, output
    assert f"{shown}:3:5: question 'extra-question' needs a tailoring note, a strong answer, " \
           "two probes, a hard or mandatory probe, two hire indicators, two no-hire " \
           "indicators, a red flag" in output


def test_alias_bomb_is_rejected_quickly(data):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 12):
        bomb.append(f"{chr(97 + level)}: &{chr(97 + level)} [" + ", ".join(
            [f"*{chr(96 + level)}"] * 9) + "]")
    write(data, "questions/extra.yaml", "\n".join(bomb) + "\n")
    started = time.monotonic()
    status, output = run_check(data)
    assert time.monotonic() - started < 2
    assert status == 1 and "anchors and aliases" in output


def test_github_annotations(data, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    shown = write(data, "questions/extra.yaml", QUESTION.replace("[ownership]", "[ownrship]"))
    _, output = run_check(data)
    assert f"::error file={shown},line=7,col=15::question 'extra-question'" in output


def test_make_check_exit_code_and_output(data):
    write(data, "questions/extra.yaml", QUESTION.replace("[ownership]", "[ownrship]"))
    result = subprocess.run([sys.executable, "-m", "interview_playbooks", "check",
                             "--data", str(data)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "unknown signal 'ownrship'" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


SAMPLE = """\
id: sample-one
playbook: backend-senior
title: Sample
candidate: Candidate A
answers:
  - question: ownership-story
    score: 4
    feedback: Owned it.
recommendation: hire
"""


def test_a_valid_sample(data):
    write(data, "samples/sample-one.yaml", SAMPLE)
    status, output = run_check(data)
    assert status == 0, output


@pytest.mark.parametrize("case, content, line, column, message, hint", [
    ("score-out-of-range", SAMPLE.replace("score: 4", "score: 9"),
     7, 12, "sample 'sample-one', field 'answers[0].score' is 9, outside 1–5", "from 1 to 5"),
    ("unknown-point", SAMPLE.replace("recommendation: hire", "recommendation: hier"), 9, 17,
     "sample 'sample-one': 'hier' is not a point of the scale 'recommendation'",
     "did you mean 'hire'?"),
], ids=["score-out-of-range", "unknown-point"])
def test_sample_errors(data, case, content, line, column, message, hint):
    shown = write(data, "samples/sample-one.yaml", content)
    status, output = run_check(data)
    assert status == 1
    assert f"{shown}:{line}:{column}: " in output and message in output and hint in output, output


def test_sample_answers_only_its_playbooks_questions(data):
    write(data, "questions/extra.yaml", QUESTION)
    shown = write(data, "samples/sample-one.yaml", SAMPLE.replace("ownership-story", "extra-question"))
    status, output = run_check(data)
    assert status == 1
    assert f"{shown}:6:15: sample 'sample-one': playbook 'backend-senior' does not ask " \
           "question 'extra-question'" in output


def guide_template(section: str) -> str:
    """The first YAML block under a `## section` heading of CONTRIBUTING.md."""
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    after = guide.split(f"\n## {section}\n", 1)[1]
    return after.split("```yaml\n", 1)[1].split("\n```", 1)[0] + "\n"


def test_the_contributing_guides_templates_pass_check_without_advice(tmp_path):
    """A contributor who copies the guide's question and playbook templates gets a clean
    `make check`: no error, and no advice either."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    bank = data / "questions" / "system-design.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
                    + guide_template("Adding a question"), encoding="utf-8")
    playbook = guide_template("Adding a playbook")
    (data / "playbooks" / "guide-template.yaml").write_text(playbook, encoding="utf-8")
    (data / "loops").mkdir(exist_ok=True)
    (data / "loops" / "guide-template.yaml").write_text(guide_template("Adding a hiring loop"),
                                                        encoding="utf-8")
    status, output = run_check(data)
    assert status == 0, output
    assert "advice" not in output.lower(), output


def marked_fields(template: str, mark: str) -> list[int]:
    """Lines of a template whose field the comment marks `required` or `optional` (list items,
    whose mark is about the item's first field, are left out)."""
    return [n for n, line in enumerate(template.split("\n"))
            if "  # " in line and not line.lstrip().startswith(("-", "#"))
            and line.split("  # ", 1)[1].lstrip("# ").startswith(mark)]


def without_field(template: str, number: int) -> str:
    """The template without one field: its line and the lines nested under it."""
    lines = template.split("\n")
    indent = len(lines[number]) - len(lines[number].lstrip())
    end = number + 1
    while end < len(lines) and (not lines[end].strip()
                                or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    return "\n".join(lines[:number] + lines[end:])


@pytest.mark.parametrize("section, target", [
    ("Adding a question", "questions/system-design.yaml"),
    ("Adding a playbook", "playbooks/guide-template.yaml"),
    ("Adding a hiring loop", "loops/guide-template.yaml")])
def test_the_templates_mark_as_required_exactly_what_check_requires(tmp_path, section, target):
    """Leaving out a field the template marks optional keeps `make check` clean of errors;
    leaving out one it marks required is an error."""
    from interview_playbooks.catalog import read_catalog
    from interview_playbooks.validate import validate
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "loops").mkdir(exist_ok=True)
    if section != "Adding a question":  # the playbook template asks the question template's
        bank = data / "questions" / "system-design.yaml"
        bank.write_text(bank.read_text(encoding="utf-8").rstrip("\n") + "\n\n"
                        + guide_template("Adding a question"), encoding="utf-8")
    template, path = guide_template(section), data / target
    before = path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" if path.exists() else ""
    cache: dict = {}

    def errors(text: str) -> list[str]:
        path.write_text(before + text, encoding="utf-8")
        return [str(p) for p in validate(read_catalog(data, cache)) if p.severity == "error"]

    assert errors(template) == []
    required, optional = marked_fields(template, "required"), marked_fields(template, "optional")
    assert len(required) >= 4 and len(optional) >= 2
    for number in optional:
        assert errors(without_field(template, number)) == [], template.split("\n")[number]
    for number in required:
        assert errors(without_field(template, number)), template.split("\n")[number]


def test_content_advice_is_reported_at_its_place(data):
    """The content advice of issue 7: each at its place, none failing the check."""
    write(data, "levels.yaml", (MINIMAL / "levels.yaml").read_text()
          + "  - id: staff\n    name: Staff\n    rank: 2\n    summary: Leads a team.\n")
    write(data, "questions/extra.yaml", QUESTION.replace("[senior]", "[senior, staff]")
          + "    by_level:\n      - level: senior\n        expectation: Owns a system.\n")
    write(data, "questions/staff.yaml", QUESTION.replace("extra-question", "staff-question")
          .replace("[senior]", "[staff]").replace("[ownership]", "[system-design]"))
    write(data, "playbooks/backend-senior.yaml",
          PLAYBOOK.replace("[ownership-story]", "[ownership-story, staff-question]"))
    status, output = run_check(data)
    assert status == 0, output
    for place, message in [
        (f"questions/extra.yaml:{NEXT + 1}:7", "question 'extra-question' is asked at 2 levels but "
                                      "`by_level` does not describe: staff"),
        ("playbooks/backend-senior.yaml:4:8", "playbook 'backend-senior' (senior) asks question "
                                              "'staff-question', whose `levels` leave out 'senior'"),
        ("playbooks/backend-senior.yaml:21:16", "playbook 'backend-senior': the rubric dimension "
                                                "'ownership' is probed by one question only"),
    ]:
        assert f"{place}: advice: {message}" in output.replace(str(data) + "/", ""), output
    assert "do not tag a question with a signal it does not probe" in output
    # Two questions of the playbook now probe 'system-design': no advice about that dimension.
    assert "rubric dimension 'system-design'" not in output


def test_every_page_under_questions_is_a_reserved_bank_name():
    from interview_playbooks.pages import OTHER_URLS
    from interview_playbooks.validate import RESERVED_TOPICS
    under_questions = {url.split("/")[1] for url in OTHER_URLS.values()
                       if url.startswith("questions/")}
    assert under_questions == RESERVED_TOPICS


def test_every_page_under_loops_is_a_reserved_loop_id():
    from interview_playbooks.pages import OTHER_URLS
    from interview_playbooks.validate import RESERVED_LOOPS
    assert {url.split("/")[1] for url in OTHER_URLS.values() if url.startswith("loops/")} == RESERVED_LOOPS
