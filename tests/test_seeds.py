"""The seed plans the product grew from are all on the site, without the candidate's résumé.

Questions and probes must keep their wording. The only changes allowed are résumé names
(employers, products, internal systems) made generic: a changed run of words must contain
a name-like word (capitalised mid-sentence, or with inner capitals or digits), and those
names must then appear nowhere in the data or on the site. The names themselves are never
written in this repository: they are read from the seeds at test time.
"""

from __future__ import annotations

import difflib
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEEDS

# The seeds are not in this repository (they hold a real résumé's details); they sit beside
# the checkout where the team works and where .ci/run runs, which sets REQUIRE_SEEDS.
if not SEEDS.is_dir() and os.environ.get("REQUIRE_SEEDS"):
    raise RuntimeError(f"the seed plans are missing: expected them in {SEEDS}")
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seeds live in ../shared/seeds")


def normal(text: str) -> str:
    """Compare words, not typography: no emphasis marks, straight quotes, single spaces."""
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"[“”]", '"', text)
    text = re.sub(r"[‘’]", "'", text)
    return re.sub(r"\s+", " ", text).strip().strip('"').strip()


def seed_texts() -> list[tuple[str, str]]:
    """(seed file, text) of every question and probe the seeds quote."""
    found = []
    for path in sorted(SEEDS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        quote: list[str] = []
        for line in lines + [""]:
            if line.startswith("> “") or (quote and line.startswith("> ")):
                quote.append(line[2:])
                if line.rstrip().endswith("”"):
                    found.append((path.name, normal(" ".join(quote))))
                    quote = []
                continue
            quote = []
            probe = re.match(r"^\s*\*\s+“(.+)”\s*$", line)
            if probe:
                found.append((path.name, normal(probe.group(1))))
            design = re.match(r"^(Design a .+?)(?: \(\d+ mins\))?$", line)
            if design:
                found.append((path.name, normal(design.group(1))))
            example = re.match(r"^(?:Ownership|Dive Deep|Learn & Be Curious|Bias for Action): (.+)$", line)
            if example:
                found.append((path.name, normal(example.group(1))))
    return found


class _Text(HTMLParser):
    INLINE = {"a", "abbr", "b", "code", "em", "i", "span", "strong"}

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag not in self.INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def site_text(site: Path) -> str:
    parser = _Text()
    for path in sorted(site.rglob("*.html")):
        parser.feed(path.read_text(encoding="utf-8"))
        parser.parts.append("\n")
    return normal("".join(parser.parts)).lower()


def data_texts() -> list[str]:
    """Every prompt and probe in the data."""
    texts = []
    for path in sorted((ROOT / "data" / "questions").glob("*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            texts.append(normal(question["prompt"]))
            texts.extend(normal(p if isinstance(p, str) else p["text"])
                         for p in question.get("probes", []))
    return texts


def seed_words() -> set[str]:
    """Every word the seeds write in lower case."""
    text = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    return {w for w in re.findall(r"[a-z][a-z0-9-]*", text)}


def is_name(word: str, lower_words: set[str]) -> bool:
    """A résumé name: inner capitals or digits (VMware, X10K, an acronym), or a capitalised
    word the seeds never write in lower case (so not an ordinary word at a sentence start)."""
    word = word.strip("(),.:;")
    if re.search(r"^[A-Z0-9].*[A-Z0-9]", word) or re.search(r"\d", word):
        return True
    return word[:1].isupper() and word.lower() not in lower_words


def changed_runs(seed: str, ours: str) -> list[list[str]]:
    """Runs of seed words that `ours` replaced or dropped."""
    a, b = seed.split(), ours.split()
    def key(word: str) -> str:
        return word.lower().strip("(),.:;?!")
    matcher = difflib.SequenceMatcher(a=[key(w) for w in a], b=[key(w) for w in b],
                                      autojunk=False)
    return [a[i1:i2] for tag, i1, i2, _, _ in matcher.get_opcodes() if tag in ("replace", "delete")]


def best_match(seed: str, candidates: list[str]) -> str:
    return max(candidates, key=lambda c: difflib.SequenceMatcher(
        a=seed.lower().split(), b=c.lower().split(), autojunk=False).ratio())


@needs_seeds
def test_the_seeds_are_read():
    texts = seed_texts()
    assert len(texts) >= 50, texts  # 9 + 7 + 8 questions and their probes
    assert any("state transfer" in text for _, text in texts)


@needs_seeds
def test_every_seed_question_and_probe_is_on_the_site(site):
    on_site = site_text(site)
    ours = data_texts()
    lower_words = seed_words()
    missing = []
    for seed_file, seed in seed_texts():
        if seed.lower() in on_site:
            continue
        match = best_match(seed, ours)
        runs = changed_runs(seed, match)
        name_free = [run for run in runs if not any(is_name(word, lower_words) for word in run)]
        if name_free or any(len(run) > 6 for run in runs) or match.lower() not in on_site:
            missing.append(f"{seed_file}: {seed!r}\n    closest on the site: {match!r}")
    assert not missing, "\n".join(missing)


@needs_seeds
def test_resume_names_appear_nowhere(site):
    names = set()
    ours = data_texts()
    lower_words = seed_words()
    for _, seed in seed_texts():
        for run in changed_runs(seed, best_match(seed, ours)):
            names.update(word.strip("(),.:;") for word in run if is_name(word, lower_words))
    assert names, "no résumé name was found to check; the seeds or the matching changed"
    corpus = site_text(site) + " ".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "data").rglob("*.yaml")).lower()
    leaked = sorted(name for name in names if re.search(rf"\b{re.escape(name.lower())}\b", corpus))
    assert not leaked, f"résumé names on the site or in the data: {leaked}"


def all_questions() -> list[dict]:
    return [question for path in sorted((ROOT / "data" / "questions").glob("*.yaml"))
            for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]]


@needs_seeds
def test_seed_questions_are_marked_and_keep_only_the_seeds_words_as_their_own():
    """A question is `origin: seed` exactly when its prompt is a seed's question, and what
    we added to it (under `added`) is not text the seed wrote: a reviewer can trust the mark."""
    seeds = [text for _, text in seed_texts()]
    whole_seeds = normal(" ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))).lower()
    for question in all_questions():
        prompt = normal(question["prompt"])
        match = best_match(prompt, seeds)
        ratio = difflib.SequenceMatcher(a=prompt.lower().split(), b=match.lower().split(),
                                        autojunk=False).ratio()
        from_seed = ratio > 0.75 or prompt.lower() in whole_seeds
        assert from_seed == (question.get("origin") == "seed"), (question["id"], match)
        added = question.get("added") or {}
        for part in ("probes", "hire", "no_hire", "red_flags"):
            for item in added.get(part, []):
                words = normal(item if isinstance(item, str) else item["text"]).lower()
                assert words not in whole_seeds, (question["id"], part, words)


# What the seeds asked for, checked on our data. These test the repository's content, not a
# rule for contributors (those live in interview_playbooks/validate.py), so they need no seeds.

def repository_index():
    from interview_playbooks.index import load_index
    return load_index(ROOT / "data")


def test_the_follow_ups_the_seeds_offered_are_there():
    durations = {(p.role, p.level, p.duration) for p in repository_index().playbooks.values()}
    assert ("distributed-systems-engineer", "senior-mts", 30) in durations  # decision round
    assert ("storage-engineer", "staff", 60) in durations  # the Staff/Architect loop


def test_every_principle_the_seeds_name_has_a_behavioural_question():
    behavioural = [q for q in repository_index().questions.values() if q.kind == "behavioral"]
    principles = {"ownership", "dive-deep", "learn-and-be-curious", "bias-for-action",
                  "invent-and-simplify"}
    assert principles <= {signal for q in behavioural for signal in q.signals}
