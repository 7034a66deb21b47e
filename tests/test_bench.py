"""The benchmark's synthetic data is valid data in our own format, as full as a seed question."""

from interview_playbooks.index import load_index

from bench.synthetic import generate


def test_synthetic_bank_is_valid_and_complete(tmp_path):
    counts = generate(tmp_path / "data", 120, topics=6, signals=12, roles=3, levels=3, playbooks=5)
    index = load_index(tmp_path / "data")
    assert len(index.questions) == 120 and len(index.banks) == 6 and len(index.playbooks) == 5
    assert counts["questions"] == 120
    assert not [w for w in index.warnings if "question" in w.message]  # every part present
    question = next(iter(index.questions.values()))
    assert len(question.probes) == 3 and question.strong_answer.star and question.assessment
