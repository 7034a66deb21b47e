"""What problems print reaches other programs: a terminal, GitHub's workflow commands.

Names, ids and values in a problem come from contributed data. On a terminal, control and
invisible characters must show as escapes (no fake green "valid" line, no hidden
hyperlink, no reordered text); in a GitHub annotation no value may end the command and
start another (`::error`, `::add-mask::`). Hints name the closest known id, as well on
10,000 ids as on ten.
"""

from __future__ import annotations

import difflib
import io
import os
import random
import shutil
import string
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from bench.synthetic import WORDS
from conftest import ROOT, make_project, mkdocs_build
from interview_playbooks import model
from interview_playbooks.catalog import read_catalog
from interview_playbooks.cli import check
from interview_playbooks.convert import fields_of
from interview_playbooks.problems import Problem, Suggestions, Where, did_you_mean, report, visible

MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "data"

# A carriage return that rewrites the line, a fake green "valid", an OSC 8 hyperlink that
# hides its target, a right-to-left override, and a newline that fakes a line of its own.
HOSTILE = ("bank\r\x1b[32mdata/ is valid\x1b[0m \x1b]8;;http://x\x07click\x1b]8;;\x07"
           " \u202eelif\u202c\ndata/fine.yaml:1:1: ok")
RAW = ["\r", "\x1b", "\x07", "\u202e", "\u202c"]
SHOWN = ["\\r", "\\x1b[32m", "\\x1b]8;;http://x\\x07", "\\u202e", "\\n"]
INJECTION = "data/x\n::error file=evil.yaml,line=1::pwned\n::add-mask::secret\r%0A,y:z.yaml"


def test_visible_escapes_every_invisible_or_control_character():
    samples = ["\x00", "\t", "\x7f", "\x85", "\x9b", "\u061c", "\u200b", "\u200c", "\u200d",
               "\u200e", "\u200f", "\u202a", "\u202e", "\u2060", "\u2066", "\u2069", "\ufeff",
               "\u00ad", "\u2028", "\udcff", "\U000e0001"]
    for character in samples:
        shown = visible(f"a{character}b")
        assert character not in shown and shown.isprintable() and shown.isascii(), repr(shown)
    assert visible("plain text: é, ü, 中文, ' \" \\") == "plain text: é, ü, 中文, ' \" \\"
    assert visible("a\nb", keep="\n") == "a\nb"


def test_a_problem_prints_control_characters_escaped():
    problem = Problem(Where(f"data/questions/{HOSTILE}.yaml", 3, 9), f"question '{HOSTILE}'",
                      f"rename '{HOSTILE}'")
    for text in (str(problem), report([problem]), report([problem], f"headline {HOSTILE}")):
        assert not [ch for ch in RAW if ch in text], repr(text)
        for escaped in SHOWN:
            assert escaped in text, (escaped, text)
    # Only the report's own line breaks are left: one before the hint.
    assert str(problem).count("\n") == 1
    assert str(problem).split("\n")[1].startswith("    hint: rename 'bank\\r\\x1b[32m")


def parse_workflow_command(line: str) -> tuple[str, dict[str, str], str]:
    """A line as the Actions runner reads it (runner ActionCommand.TryParseV2)."""
    assert line.startswith("::")
    end = line.index("::", 2)
    command, _, properties = line[2:end].partition(" ")

    def unescape_data(text: str) -> str:
        return text.replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")

    def unescape_property(text: str) -> str:
        return unescape_data(text.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r")
                             .replace("%0A", "\n"))
    values = {}
    for pair in properties.split(","):
        name, _, value = pair.partition("=")
        values[name] = unescape_property(value)
    return command, values, unescape_data(line[end + 2:])


def test_an_annotation_escapes_every_property_and_its_message():
    problem = Problem(Where(INJECTION, 7, 15), "unknown signal 'a,b:c'\n::warning::x %0A",
                      "hint\r\n::add-mask::y")
    line = problem.github_annotation()
    assert "\n" not in line and "\r" not in line
    command, properties, message = parse_workflow_command(line)
    assert command == "error"
    assert properties == {"file": INJECTION, "line": "7", "col": "15"}  # read back exactly
    assert message == "unknown signal 'a,b:c'\n::warning::x %0A (hint: hint\r\n::add-mask::y)"
    assert line.startswith("::error file=data/x%0A%3A%3Aerror file=evil.yaml%2Cline=1%3A%3A")


def test_an_annotation_shows_terminal_controls_escaped():
    line = Problem(Where(f"data/{HOSTILE}.yaml"), f"bad '{HOSTILE}'").github_annotation()
    assert not [ch for ch in RAW if ch in line], repr(line)
    _, properties, message = parse_workflow_command(line)
    assert "\\x1b[32m" in properties["file"] and "\\u202e" in message


@pytest.fixture
def hostile_data(tmp_path) -> Path:
    """The minimal valid data plus one file whose name fakes output and injects commands."""
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    (data / f"{HOSTILE.replace('/', '_')}.yaml").write_text("title: x\n")
    (data / f"{INJECTION.replace('/', '_')}.yaml").write_text("title: x\n")
    return data


def run_cli(data: Path, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "interview_playbooks", "check", "--data",
                           str(data)], capture_output=True, text=True, encoding="utf-8",
                          cwd=ROOT, env={**os.environ, **env})


def test_make_check_shows_hostile_file_names_escaped(hostile_data):
    result = run_cli(hostile_data, GITHUB_ACTIONS="false")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert not [ch for ch in RAW if ch in output], repr(output)
    for escaped in SHOWN:
        assert escaped.replace("/", "_") in output, (escaped, output)
    # The name's newline stays inside its line: no line of its own is faked.
    assert not [line for line in output.split("\n") if line.startswith("data_fine.yaml")]
    assert output.rstrip("\n").split("\n")[-1].startswith("2 error(s)")


def test_make_check_on_github_prints_one_command_per_problem(hostile_data):
    result = run_cli(hostile_data, GITHUB_ACTIONS="true")
    assert result.returncode == 1
    commands = [line for line in result.stdout.split("\n") if line.startswith("::")]
    reported = result.stdout.count("    hint: ")  # every one of these problems has a hint
    assert len(commands) == reported >= 2
    for line in commands:
        command, properties, _ = parse_workflow_command(line)
        assert command in ("error", "warning") and set(properties) == {"file", "line", "col"}
        assert properties["file"] != "evil.yaml"
    assert "::add-mask::" not in [line[:12] for line in result.stdout.split("\n")]


def test_the_summary_line_shows_the_folder_name_escaped(tmp_path):
    data = tmp_path / "data\x1b[31m\u202e"
    shutil.copytree(MINIMAL, data)
    out = io.StringIO()
    assert check(data, out=out) == 0
    assert "\x1b" not in out.getvalue() and "\u202e" not in out.getvalue()
    line = out.getvalue().strip().split("\n")[-1]
    assert f"{tmp_path}/data\\x1b[31m\\u202e: the data is valid" in line, line


def test_a_failed_build_shows_hostile_names_escaped(tmp_path, hostile_data):
    result = mkdocs_build(make_project(tmp_path, hostile_data), tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "nothing was built" in output and "Traceback" not in output
    assert not [ch for ch in RAW if ch in output], repr(output)
    for escaped in SHOWN:
        assert escaped.replace("/", "_") in output, (escaped, output)
    assert not (tmp_path / "site" / "index.html").exists()


# --- Hints: "did you mean ...?" stays as good, and fast on large data sets. ----------------

def typo(rng: random.Random, word: str) -> str:
    """One edit: a letter replaced, dropped, added, or two swapped."""
    at, letter = rng.randrange(len(word)), rng.choice(string.ascii_lowercase + string.digits + "-")
    return rng.choice([word[:at] + letter + word[at + 1:], word[:at] + word[at + 1:],
                       word[:at] + letter + word[at:],
                       word[:at] + word[at + 1:at + 2] + word[at:at + 1] + word[at + 2:]])


def known_ids(kind: str) -> list[str]:
    return list(read_catalog(MINIMAL).of_kind(kind))  # the validation tests' data


# The suggestions the validation tests expect, with the choices they are made from.
EXPECTED_HINTS = [
    ("signal", lambda: list(fields_of(model.Question)), "signals"),
    ("behavioural", lambda: list(typing.get_args(fields_of(model.Question)["kind"][1])),
     "behavioral"),
    ("ownrship", lambda: known_ids("signal"), "ownership"),
    ("backend-engineers", lambda: known_ids("role"), "backend-engineer"),
    ("ownership-stories", lambda: known_ids("question"), "ownership-story"),
    ("hier", lambda: [point.id for point in read_catalog(MINIMAL).scales["recommendation"].points],
     "hire"),
]
FILLER = [f"{word}-{n:04d}" for n in range(2500) for word in ("zzq", "xxv", "kkw", "jjy")]


@pytest.mark.parametrize("word, choices, expected", EXPECTED_HINTS,
                         ids=[case[0] for case in EXPECTED_HINTS])
def test_the_known_suggestions_are_unchanged(word, choices, expected):
    assert did_you_mean(word, choices()) == f"did you mean '{expected}'?"
    # Among 10,000 other ids, where the trigram index picks what to compare, as well.
    many = choices() + FILLER
    assert len(Suggestions(many)._postings) > 0
    assert did_you_mean(word, many) == f"did you mean '{expected}'?"


def test_on_large_sets_suggestions_match_difflib():
    rng = random.Random(12)
    words = sorted({"-".join(rng.sample(WORDS, rng.randint(1, 3))) for _ in range(1000)})
    numbered = [f"question-{n:05d}" for n in range(1000)]
    for ids, exactly in ((words, True), (numbered, False)):
        suggestions = Suggestions(ids)
        for original in rng.sample(ids, 50):
            word = typo(rng, original)
            expected = difflib.get_close_matches(word, ids, n=1, cutoff=0.6)
            got = suggestions.closest(word)
            if exactly:
                assert [got] == expected or (got is None and not expected), word
            else:  # numbered ids tie often: any of the equally close ones will do
                assert got is not None and expected
                assert ratio(got, word) == ratio(expected[0], word), (word, got, expected)


def ratio(choice: str, word: str) -> float:
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    matcher.set_seq1(choice)
    return matcher.ratio()


def test_prepared_suggestions_follow_a_changed_collection():
    known = {f"question-{n:05d}": None for n in range(1000)}
    assert did_you_mean("ownership-stroy", known) == ""
    known["ownership-story"] = None  # the same dict, changed: its index is rebuilt
    assert did_you_mean("ownership-stroy", known) == "did you mean 'ownership-story'?"
    assert did_you_mean("ownership-stroy", list(known)) == "did you mean 'ownership-story'?"
