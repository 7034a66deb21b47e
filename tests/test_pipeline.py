"""Loading with positions, and the cross-references the index computes, without MkDocs."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from interview_playbooks.index import load_index
from interview_playbooks.load import load_text
from interview_playbooks.problems import DataError

MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "data"


def test_load_keeps_the_position_of_every_value_and_key():
    doc, problems = load_text("a:\n  - x\n  - {b: 2}\n", "f.yaml")
    assert not problems
    assert doc.data == {"a": ["x", {"b": 2}]}
    assert str(doc.where(("a", 1, "b"))) == "f.yaml:3:9"
    assert str(doc.where(("a", 1, "b"), key=True)) == "f.yaml:3:6"
    assert str(doc.where(("a", 0))) == "f.yaml:2:5"
    # An unknown path falls back to the nearest enclosing value.
    assert str(doc.where(("a", 1, "missing"))) == "f.yaml:3:5"


def test_load_refuses_what_safe_yaml_would_still_build():
    for text in ("x: !!python/name:os.system\n", "a: &x [1]\nb: *x\n", "<<: {a: 1}\n"):
        doc, problems = load_text(text, "f.yaml")
        assert doc is None and len(problems) == 1, text


@pytest.fixture
def index():
    return load_index(MINIMAL)


def test_index_links_both_ways(index):
    assert index.questions_by_signal == {"ownership": ["ownership-story"],
                                         "system-design": ["design-a-queue"]}
    assert index.playbooks_by_question == {"ownership-story": ["backend-senior"],
                                           "design-a-queue": ["backend-senior"]}
    assert index.playbooks_assessing == {"ownership": ["backend-senior"],
                                         "system-design": ["backend-senior"]}
    assert index.playbooks_by_role == {"backend-engineer": ["backend-senior"]}
    assert index.playbooks_by_level == {"senior": ["backend-senior"]}
    assert index.questions_by_role == {"backend-engineer": ["design-a-queue", "ownership-story"]}
    assert index.topic_of == {"ownership-story": "core", "design-a-queue": "core"}


def test_rubric_version_changes_with_the_rubric_and_its_questions(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    before = load_index(data).rubric_versions["backend-senior"]
    assert len(before) == 8
    assert load_index(data).rubric_versions["backend-senior"] == before  # stable
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text().replace("Which metric proved it?", "Which number proved it?"))
    assert load_index(data).rubric_versions["backend-senior"] != before


def test_load_index_raises_with_every_problem(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text().replace("[ownership]", "[nobody]").replace(
        "kind: system-design", "kind: puzzle"))
    with pytest.raises(DataError) as raised:
        load_index(data)
    messages = [p.message for p in raised.value.problems if p.severity == "error"]
    assert any("unknown signal 'nobody'" in m for m in messages)
    assert any("'puzzle', which is not one of" in m for m in messages)


def test_the_real_data_is_valid():
    index = load_index(ROOT / "data")
    assert len(index.playbooks) >= 3 and len(index.questions) >= 24



def test_fast_and_careful_paths_give_the_same_data():
    text = "a: 1\nb: [x, 'y: z', {c: true}]\nd: >-\n  folded\n  text\n"
    fast, _ = load_text(text, "f.yaml")
    careful, _ = load_text(text + "e: &anchor 1\n", "f.yaml")  # an anchor takes the careful path
    assert fast.text and not careful.text
    assert {k: v for k, v in careful.data.items() if k != "e"} == fast.data


@pytest.mark.parametrize("text", ["a: !!set {x}\n", "a: !!binary aGk=\n", "a: 1\na: 2\n",
                                  "<<: {a: 1}\n", "1: x\n"])
def test_the_fast_path_leaves_the_unusual_to_the_careful_one(text):
    doc, problems = load_text(text, "f.yaml")
    assert doc is None or problems, text


def test_a_rebuild_parses_only_the_files_that_changed(tmp_path):
    from interview_playbooks.catalog import read_catalog
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    cache: dict = {}
    read_catalog(data, cache)
    before = {name: entry[1] for name, entry in cache.items()}
    core = data / "questions" / "core.yaml"
    core.write_text(core.read_text().replace("title: Core", "title: Core questions"))
    catalog = read_catalog(data, cache)
    assert catalog.banks["core"].title == "Core questions"
    changed = [name for name, entry in cache.items() if entry[1] is not before[name]]
    assert changed == [next(name for name in cache if name.endswith("questions/core.yaml"))]
