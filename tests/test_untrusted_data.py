"""Hostile data (issue 12): names, links, scalars, nesting and characters.

Each case changes one thing in a copy of the small valid data set and asserts the exact
`file:line:col: message` that `make check`'s code path prints, and that it never raises.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from interview_playbooks.catalog import display_name, read_catalog
from interview_playbooks.load import MAX_DEPTH, load_text
from interview_playbooks.validate import validate
# The small valid data set in a temporary folder (`data`), and writing a file into it.
from test_validation import MINIMAL, NEXT, QUESTION, data, run_check, write  # noqa: F401


PLAYBOOK = (MINIMAL / "playbooks" / "backend-senior.yaml").read_text()



def reported(data: Path, where: str, message: str, hint: str = "") -> None:
    """Assert that `message` (and `hint`) is reported at `where` (`file:line:col`).

    Read from the problems themselves: how the terminal shows them (escaped) is cli.py's.
    """
    problems = validate(read_catalog(data))
    for problem in problems:
        if "{}:{}:{}".format(*problem.where) == where and message in problem.message:
            assert hint in problem.hint, problem
            return
    listing = "\n".join(repr(p) for p in problems)
    raise AssertionError(f"{message!r} not reported at {where!r}:\n{listing}")


# --- 1. Names are data ----------------------------------------------------------------------

NAME_CASES = [
    ("markup-in-playbook-name", 'playbooks/x"><img src=x onerror="alert(1)">.yaml',
     "the file name 'x\"><img src=x onerror=\"alert(1)\">' is not a valid id",
     "rename the file to 'x-img-src-x-onerror-alert-1.yaml'"),
    ("markup-in-sample-name", "samples/<b>.yaml", "the file name '<b>' is not a valid id",
     "rename the file to 'b.yaml'"),
    ("capitals-in-bank-name", "questions/Extra.yaml", "the file name 'Extra' is not a valid id",
     "rename the file to 'extra.yaml'"),
    ("newline-in-name", "questions/ex\ntra.yaml",
     "the file name 'ex\ntra' contains the invisible character U+000A (LINE FEED)", "rename"),
    ("escape-in-name", "playbooks/\x1b[32mvalid.yaml",
     "contains the invisible character U+001B (ESC)", "rename"),
    ("bidi-in-name", "questions/abc\u202edef.yaml",
     "contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)", "rename"),
    ("long-name", "questions/" + "a" * 65 + ".yaml",
     "is 65 characters long, over the limit of 64", "rename the file to '" + "a" * 64 + ".yaml'"),
    ("wrong-suffix", "questions/extra.yml", "this file is not a known kind of data file",
     "data/questions/*.yaml"),
    ("unknown-top-file", "notes.yaml", "this file is not a known kind of data file",
     "data/signals.yaml"),
]


@pytest.mark.parametrize("case, relative, message, hint", NAME_CASES,
                         ids=[case[0] for case in NAME_CASES])
def test_a_bad_name_is_reported_without_reading_the_file(data, case, relative, message, hint):
    # The content would be an error of its own if it were read.
    shown = write(data, relative, "title: [unclosed\n")
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:1:1", message, hint)
    assert "YAML syntax error" not in output and "Traceback" not in output
    assert "1 error(s)" in output


def test_a_bank_in_a_subfolder_is_an_error_naming_the_folder(data):
    write(data, "questions/sub/extra.yaml", QUESTION)
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{display_name(data / 'questions' / 'sub')}:1:1",
             "data/questions holds files only, not folders", "move the files up")
    assert "extra.yaml" not in output  # not read, not looked at


def test_an_unknown_folder_is_an_error_naming_the_folder(data):
    write(data, "question/extra.yaml", QUESTION)
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{display_name(data / 'question')}:1:1",
             "this folder is not a known data folder", "data/questions/*.yaml")


def test_hidden_files_are_ignored_unread(data):
    write(data, ".editorconfig", "root = true\n")
    write(data, "questions/.extra.yaml.swp", b"\x00\xff")
    status, output = run_check(data)
    assert status == 0, output


@pytest.mark.parametrize("field, template", [
    ("id", QUESTION.replace("id: extra-question", "id: {}")),
    ("levels[0]", QUESTION.replace("[senior]", "[{}]")),
])
def test_an_id_longer_than_the_limit_is_an_error(data, field, template):
    long_id = "a" * 300
    shown = write(data, "questions/extra.yaml", template.format(long_id))
    status, output = run_check(data)
    assert status == 1
    line, col = (3, 9) if field == "id" else (8, 14)
    owner = "field 'questions[0].id'" if field == "id" else \
        "question 'extra-question', field 'levels[0]'"
    reported(data, f"{shown}:{line}:{col}", f"{owner} '{'a' * 80}…' is 300 characters "
             "long, over the limit of 64", "shorten it")


def test_an_id_with_a_trailing_newline_is_not_an_id(data):
    shown = write(data, "questions/extra.yaml", QUESTION.replace("id: extra-question",
                                                                 'id: "extra-question\\n"'))
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:3:9", "contains the invisible character U+000A (LINE FEED)")


# --- 2. Only regular files inside data/ -----------------------------------------------------

def test_symbolic_links_are_rejected_by_name_and_never_read(data, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: TOP-SECRET-CONTENT\nquestions: []\n")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "extra.yaml").write_text(QUESTION)
    links = {
        "questions/extra.yaml": secret,  # a link to a file outside the tree
        "samples": outside,  # a link to a folder
        "playbooks/gone.yaml": tmp_path / "missing.yaml",  # dangling
        "questions/zero.yaml": Path("/dev/zero"),  # endless, reported size 0
    }
    for relative, target in links.items():
        (data / relative).symlink_to(target)
    status, output = run_check(data)
    assert status == 1
    for relative in links:
        reported(data, f"{display_name(data)}/{relative}:1:1", "this is a symbolic link",
                 "replace the link")
    assert "TOP-SECRET" not in output and str(tmp_path / "missing") not in output
    assert f"{len(links)} error(s)" in output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_rejected_without_opening_it(data):
    os.mkfifo(data / "questions" / "extra.yaml")  # opening it for reading would block
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{display_name(data)}/questions/extra.yaml:1:1",
             "this is not a regular file (a device, pipe or socket)")


def test_the_size_limit_counts_the_bytes_read(data):
    shown = write(data, "questions/extra.yaml", "title: x\n" + "#" * 1_000_000 + "\n")
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:1:1", "over the 1 MB limit", "split it")


def test_a_linked_data_folder_is_followed(data, tmp_path):
    """The folder named as data/ may be a link (the benchmark links a generated one)."""
    link = tmp_path / "linked-data"
    link.symlink_to(data, target_is_directory=True)
    status, output = run_check(link)
    assert status == 0, output


# --- 3. No traceback for any input ----------------------------------------------------------

@pytest.mark.parametrize("scalar", ["2024-02-30", "0000-01-01", "2024-01-01 25:00:00",
                                    "2024-01-01", "012", "0xa", "1:00", "1_000", "9" * 5000])
def test_a_plain_scalar_is_the_text_typed_where_text_is_expected(data, scalar):
    write(data, "questions/extra.yaml", QUESTION.replace("title: Extra question",
                                                         f"title: {scalar}"))
    status, output = run_check(data)
    assert status == 0, output
    assert read_catalog(data).questions["extra-question"].title == scalar


@pytest.mark.parametrize("scalar", ["012", "0xa", "0b11", "0o17", "1:00", "1_000", "+15",
                                    "15.0", "9" * 5000, "2024-02-30"])
def test_only_plain_digits_are_a_whole_number(data, scalar):
    shown = write(data, "questions/extra.yaml", QUESTION + f"    minutes: {scalar}\n")
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:{NEXT}:14", "question 'extra-question', field 'minutes' should be a "
             "whole number, but is ", "write plain digits, such as 15")


@pytest.mark.parametrize("field, scalar, value", [
    ("end", "10", 10), ("end", "-5", "outside 0–600"), ("duration", "yes", "a yes/no value")])
def test_plain_numbers_and_words_keep_their_meaning(data, field, scalar, value):
    content = PLAYBOOK.replace("end: 10", f"end: {scalar}") if field == "end" else \
        PLAYBOOK.replace("duration: 30", f"duration: {scalar}")
    write(data, "playbooks/backend-senior.yaml", content)
    status, output = run_check(data)
    if value == 10:
        assert status == 0, output
    else:
        assert status == 1 and value in output, output


@pytest.mark.parametrize("tagged, tag", [
    ("!!int abc", "int"), ("!!float abc", "float"), ("!!bool maybe", "bool"),
    ("!!timestamp yesterday", "timestamp"), ("!!str text", "str"), ("!!null ''", "null"),
    ("!!binary aGk=", "binary"), ("!!map {a: b}", "map"), ("!!seq [a]", "seq")])
def test_every_explicit_tag_is_an_error(data, tagged, tag):
    shown = write(data, "questions/extra.yaml", QUESTION.replace("title: Extra question",
                                                                 f"title: {tagged}"))
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:4:12", f"the tag 'tag:yaml.org,2002:{tag}' is not allowed",
             "remove the tag")


def test_a_tag_on_a_key_is_an_error():
    doc, problems = load_text("!!str title: x\n", "f.yaml")
    assert doc is None and str(problems[0]).startswith(
        "f.yaml:1:1: the tag 'tag:yaml.org,2002:str' is not allowed")


def deep(levels: int, shape: str) -> str:
    if shape == "flow":
        return "a: " + "[" * levels + "]" * levels + "\n"
    if shape == "mapping":
        return "a: " + "{a: " * levels + "}" * levels + "\n"
    if shape == "block":
        return "- " * levels + "x\n"
    return "".join(" " * i + "-\n" for i in range(levels))  # by indentation


@pytest.mark.parametrize("shape, column", [("flow", 44), ("mapping", 164), ("block", 83),
                                           ("indented", 42)])
def test_nesting_beyond_the_limit_is_an_error(shape, column):
    extra = 1 if shape in ("flow", "mapping") else 0  # these start inside a mapping
    ok, problems = load_text(deep(MAX_DEPTH + 1 - extra, shape), "f.yaml")
    assert ok is not None and not problems
    for careful in ("", "# &a\n"):  # the fast path, then the careful one (see _MAYBE_ALIAS)
        doc, problems = load_text(careful + deep(MAX_DEPTH + 2 - extra, shape), "f.yaml")
        line = (MAX_DEPTH + 2 if shape == "indented" else 1) + (1 if careful else 0)
        assert doc is None
        assert str(problems[0]).startswith(
            f"f.yaml:{line}:{column}: the data nests deeper than {MAX_DEPTH} levels"), problems


DEEP_SCRIPT = """
import sys
sys.path.insert(0, {root!r})
import interview_playbooks.load as load
if {pure!r}:
    import yaml
    load._EventParser = None
    load._Loader = type("PureLoader", (yaml.SafeLoader,), {{"resolve": load._Loader.resolve}})
text = {{"flow": lambda n: "a: " + "[" * n + "]" * n + "\\n",
        "mapping": lambda n: "a: " + "{{a: " * n + "}}" * n + "\\n",
        "block": lambda n: "- " * n + "x\\n"}}[{shape!r}]({levels})
if {careful!r}:
    text = "# &a: an anchor-like word takes the careful path, which composes nodes\\n" + text
doc, problems = load.load_text(text, "f.yaml")
print(problems[0])
"""


@pytest.mark.parametrize("shape, levels", [("flow", 50_000), ("mapping", 50_000),
                                           ("block", 400_000), ("flow", 400_000)])
@pytest.mark.parametrize("pure", [False, True], ids=["c-parser", "pure-python"])
@pytest.mark.parametrize("careful", [False, True], ids=["fast-path", "careful-path"])
def test_very_deep_nesting_is_an_error_not_a_crash(shape, levels, pure, careful):
    """PyYAML's C composer overflows the stack (exit 139, no message) at about 20,000
    levels; the pure-Python one raises RecursionError. In a subprocess, so a crash fails
    this test instead of killing pytest."""
    script = DEEP_SCRIPT.format(root=str(ROOT), pure=pure, careful=careful, shape=shape,
                                levels=levels)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert f"the data nests deeper than {MAX_DEPTH} levels" in result.stdout


CHARACTER_CASES = [
    ("nul-escape", 'title: "\\x007\\x00"', "U+0000 (NUL)"),
    ("nul-zero-escape", 'title: "\\x000\\x00"', "U+0000 (NUL)"),
    ("esc-escape", 'title: "\\e[31mred"', "U+001B (ESC)"),
    ("cr-escape", 'title: "fine\\rvalid"', "U+000D (CARRIAGE RETURN)"),
    ("c1-escape", 'title: "a\\x85b"', "U+0085 (NEXT LINE)"),
    ("bidi-override", "title: abc\u202edef", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("bidi-isolate", "title: abc\u2066def", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ("bidi-mark", 'title: "abc\\u200fdef"', "U+200F (RIGHT-TO-LEFT MARK)"),
    ("arabic-mark", "title: abc\u061cdef", "U+061C (ARABIC LETTER MARK)"),
    ("zero-width-space", "title: abc\u200bdef", "U+200B (ZERO WIDTH SPACE)"),
    ("word-joiner", "title: abc\u2060def", "U+2060 (WORD JOINER)"),
    ("inner-bom", "title: abc\ufeffdef", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
]


@pytest.mark.parametrize("case, line, character", CHARACTER_CASES,
                         ids=[case[0] for case in CHARACTER_CASES])
def test_an_unsafe_character_in_text_is_an_error_naming_it_and_its_field(data, case, line, character):
    shown = write(data, "questions/extra.yaml",
                  QUESTION.replace("    title: Extra question", "    " + line))
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:4:12", f"question 'extra-question', field 'title' contains the "
             f"character {character}, which is not allowed in text", "delete it")


def test_an_unsafe_character_in_an_id_is_an_error(data):
    shown = write(data, "questions/extra.yaml",
                  QUESTION.replace("id: extra-question", "id: extra\u200b-question"))
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:3:9", "contains the invisible character U+200B (ZERO WIDTH SPACE)",
             "'extra-question'")


@pytest.mark.parametrize("raw, column, character", [
    ("\x00", 17, "U+0000 (NUL)"), ("\x1b", 17, "U+001B (ESC)"), ("\x7f", 17, "U+007F (DELETE)"),
    ("\x9b", 17, "U+009B (a control character)"), ("\r", 17, "U+000D (CARRIAGE RETURN)")])
def test_a_raw_control_character_in_the_file_is_an_error_at_its_place(data, raw, column, character):
    shown = write(data, "questions/extra.yaml",
                  QUESTION.replace("title: Extra question", f"title: Extra{raw}question"))
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:4:{column}", f"the file contains the control character {character}",
             "delete it")


def test_crlf_line_endings_are_fine(data):
    write(data, "questions/extra.yaml", QUESTION.replace("\n", "\r\n"))
    status, output = run_check(data)
    assert status == 0, output
    assert read_catalog(data).questions["extra-question"].title == "Extra question"


def test_tabs_and_line_breaks_in_text_are_fine(data):
    write(data, "questions/extra.yaml", QUESTION.replace("prompt: Why?", 'prompt: "Why?\\tNow.\\nThen."'))
    status, output = run_check(data)
    assert status == 0, output


# --- 4. Reserved anchors --------------------------------------------------------------------

@pytest.mark.parametrize("text, line, col, anchor", [
    ("id: rubric", 3, 9, "rubric"), ("id: schedule", 3, 9, "schedule"),
    ("id: recommendation", 3, 9, "recommendation"), ("id: segment-10", 3, 9, "segment-10"),
    ("id: page-2", 3, 9, "page-2"),
    ("id: extra-question\n    former_ids: [rubric]", 4, 18, "rubric")])
def test_a_question_id_may_not_be_a_page_anchor(data, text, line, col, anchor):
    shown = write(data, "questions/extra.yaml", QUESTION.replace("id: extra-question", text))
    status, output = run_check(data)
    assert status == 1
    reported(data, f"{shown}:{line}:{col}", f"the id '{anchor}' is taken by a section of the "
             f"bank and playbook pages (#{anchor})", "choose a longer id")


def test_ids_that_only_look_like_anchors_are_fine(data):
    write(data, "questions/extra.yaml", QUESTION.replace("id: extra-question", "id: segment-ten"))
    assert run_check(data)[0] == 0


def _heading_anchor(text: str) -> str:
    """The anchor Markdown's toc extension gives a heading without one (its default slugify)."""
    from markdown.extensions.toc import slugify
    return slugify(text, "-")


def test_every_fixed_anchor_of_bank_and_playbook_pages_is_reserved(site):
    """Any id on a bank or playbook page is a question's id (or former id), Material's own
    (with an underscore, which no id has), the anchor Markdown derives from a contributor's
    title, or reserved: a new
    fixed anchor in a template fails here until it is added to RESERVED_ANCHORS."""
    from interview_playbooks.validate import is_reserved_anchor
    catalog = read_catalog(ROOT / "data")
    question_anchors = set(catalog.questions) | {old for q in catalog.questions.values()
                                                 for old in q.former_ids}
    pages = [site / "questions" / topic / "index.html" for topic in catalog.banks]
    pages += list((site / "questions").glob("*/[0-9]*/index.html"))
    pages += [site / "playbooks" / pid / "index.html" for pid in catalog.playbooks]
    # Headings of contributor text without an anchor of their own get one from Markdown.
    titles = [bank.title for bank in catalog.banks.values()]
    titles += [p.title for p in catalog.playbooks.values()]
    titles += [block.title for p in catalog.playbooks.values() for segment in p.segments
               for block in segment.blocks if block.title]
    derived = {_heading_anchor(title) for title in titles}
    unexplained = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for anchor in re.findall(r'\sid="([^"]*)"', html):
            if anchor in question_anchors or "_" in anchor or is_reserved_anchor(anchor):
                continue
            if anchor in derived:
                continue
            unexplained.setdefault(anchor, page.relative_to(site).as_posix())
    assert unexplained == {}
    assert len(pages) >= len(catalog.banks) + len(catalog.playbooks)
