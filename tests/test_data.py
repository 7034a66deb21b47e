"""The repository's own data: a complete plan for every role at every level, without advice."""

from __future__ import annotations

from conftest import ROOT
from interview_playbooks.index import load_index
from interview_playbooks.validate import missing_parts

INDEX = load_index(ROOT / "data")


def test_the_data_has_no_advice():
    assert not INDEX.warnings, "\n".join(str(w.where) + ": " + w.message for w in INDEX.warnings)


def test_every_role_has_a_playbook_at_every_level():
    offered = {(p.role, p.level) for p in INDEX.playbooks.values()}
    wanted = {(role, level) for role in INDEX.roles for level in INDEX.levels}
    assert wanted <= offered, sorted(wanted - offered)


def test_every_playbook_is_complete():
    for playbook in INDEX.playbooks.values():
        assert playbook.rubric and playbook.rubric.dimensions, playbook.id
        assert all(d.hire and d.no_hire for d in playbook.rubric.dimensions), playbook.id
        assert len(playbook.recommendation) >= 2, playbook.id
        assert playbook.tailoring, playbook.id


def test_the_follow_ups_the_seeds_offered_are_there():
    durations = {(p.role, p.level, p.duration) for p in INDEX.playbooks.values()}
    assert ("distributed-systems-engineer", "senior-mts", 30) in durations  # decision round
    assert ("storage-engineer", "staff", 60) in durations  # the Staff/Architect loop


def test_every_question_is_complete_and_every_principle_has_one():
    incomplete = {qid: missing_parts(q) for qid, q in INDEX.questions.items() if missing_parts(q)}
    assert not incomplete, incomplete
    behavioural = [q for q in INDEX.questions.values() if q.kind == "behavioral"]
    principles = {"ownership", "dive-deep", "learn-and-be-curious", "bias-for-action",
                  "invent-and-simplify"}
    assert principles <= {signal for q in behavioural for signal in q.signals}
