"""The benchmark's synthetic data is valid data in our own format, as full as a seed question."""

from interview_playbooks.index import load_index

from bench.synthetic import generate


def test_synthetic_bank_is_valid_and_complete(tmp_path):
    counts = generate(tmp_path / "data", 120, topics=6, signals=12, roles=3, levels=3, playbooks=5)
    index = load_index(tmp_path / "data")
    assert len(index.questions) == 120 and len(index.banks) == 6 and len(index.playbooks) == 5
    assert counts["questions"] == 120
    assert not index.warnings, index.warnings[:3]  # every part present, every level described
    question = next(iter(index.questions.values()))
    assert len(question.probes) == 3 and question.strong_answer.star and question.assessment
    assert len(question.aliases) == 2  # the index's size goal counts them


def test_the_benchmark_runs_end_to_end_and_prints_its_summary_line():
    """`make bench` at toy sizes: both builds, the warm rebuild, and the last line's format."""
    import re
    import subprocess
    import sys

    from conftest import ROOT

    tiny = ["--topics", "2", "--signals", "6", "--roles", "2", "--levels", "2", "--playbooks", "2"]
    result = subprocess.run([sys.executable, "-m", "bench.bench", "--sizes", "40", "80",
                             "--runs", "1", *tiny], cwd=ROOT, capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(", each question once;") == 2, result.stdout
    last = result.stdout.strip().splitlines()[-1]
    number = r"\d+\.\d\d"
    assert re.fullmatch(rf"bench: questions=80 build_s={number} baseline_s={number} "
                        rf"overhead={number} scaling={number} warm_overhead={number}", last), last
