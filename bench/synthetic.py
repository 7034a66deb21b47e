"""Synthetic question banks in the project's own data format, for `make bench`.

Every question is as full as a complete seed question: title, two search aliases, prompt,
tailoring note, STAR parts, three probes, an assessment table, two hire and two no-hire
indicators, a red flag, anchors and what an answer looks like at each of its levels. Playbooks ask questions written for
their level, and every rubric dimension is probed twice where the bank allows, so the
synthetic data validates without content warnings. The text
is random words from a fixed vocabulary with a fixed seed, so runs are comparable.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

WORDS = ("replication consistency quorum leader follower latency throughput checkpoint "
         "snapshot recovery partition shard metadata cache index compaction ownership "
         "incident rollback migration schema durability availability failover backpressure "
         "queue stream batch retry idempotent invariant trade-off metric budget capacity "
         "scale tenant region storage object bucket cluster node upgrade deploy observe "
         "alert debug profile optimise design review mentor decision risk").split()
KINDS = ["calibration", "deep-dive", "system-design", "domain-depth", "behavioral",
         "failure-analysis", "performance", "leadership", "bar-raiser"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


def _sentence(rng: random.Random, words: int) -> str:
    return _text(rng, words) + "?"


def generate(target: Path, questions: int, topics: int = 40, signals: int = 50,
             roles: int = 10, levels: int = 5, playbooks: int | None = None,
             seed: int = 7) -> dict:
    """Write a complete data/ folder into `target`; returns the counts written."""
    rng = random.Random(seed)
    playbooks = playbooks if playbooks is not None else max(10, questions // 50)
    (target / "questions").mkdir(parents=True, exist_ok=True)
    (target / "playbooks").mkdir(parents=True, exist_ok=True)
    signal_ids = [f"signal-{i:02d}" for i in range(signals)]
    level_ids = [f"level-{i}" for i in range(levels)]
    role_ids = [f"role-{i:02d}" for i in range(roles)]

    def dump(relative: str, data, schema: str) -> None:
        depth = relative.count("/") + 1
        header = f"# yaml-language-server: $schema={'../' * depth}schemas/{schema}\n"
        (target / relative).write_text(header + yaml.safe_dump(data, sort_keys=False,
                                                               allow_unicode=True, width=100))

    dump("signals.yaml", {"signals": [
        # A word of its own each, so that no two signals read alike (signals_are_distinct).
        {"id": s, "name": WORDS[i].capitalize() if i < len(WORDS) else f"Signal number {i}",
         "description": _text(rng, 10) + ".",
         "hire": [_text(rng, 6)], "no_hire": [_text(rng, 6)]} for i, s in enumerate(signal_ids)]},
         "signals.schema.json")
    dump("levels.yaml", {"levels": [
        {"id": lv, "name": f"Level {i}", "rank": i + 1, "summary": _text(rng, 20) + ".",
         "expectations": [_text(rng, 8)]} for i, lv in enumerate(level_ids)]},
         "levels.schema.json")
    dump("roles.yaml", {"roles": [
        {"id": r, "name": f"Role {r[-2:]}", "summary": _text(rng, 20) + ".",
         "expectations": [_text(rng, 8)]} for r in role_ids]}, "roles.schema.json")
    dump("scales.yaml", {"scales": [
        {"id": "score", "name": "Score", "points": [
            {"id": label.lower(), "label": label, "score": 5 - i, "description": _text(rng, 10)}
            for i, label in enumerate(["Exceptional", "Strong", "Acceptable", "Weak", "Poor"])]},
        {"id": "recommendation", "name": "Recommendation", "points": [
            {"id": p.lower().replace(" ", "-"), "label": p} for p in
            ["Strong Hire", "Hire", "Hire with Reservations", "No Hire", "Strong No Hire"]]},
    ]}, "scales.schema.json")

    question_ids, signals_of = [], {}
    by_level_signal: dict[tuple[str, str], list[str]] = {}
    per_topic = [questions // topics + (1 if t < questions % topics else 0) for t in range(topics)]
    number = 0
    for topic, count in enumerate(per_topic):
        bank = []
        for _ in range(count):
            qid = f"question-{number:05d}"
            number += 1
            probed = rng.sample(signal_ids, 2)
            asked_at = rng.sample(level_ids, 2)
            signals_of[qid] = probed
            question_ids.append(qid)
            for level in asked_at:
                for signal in probed:
                    by_level_signal.setdefault((level, signal), []).append(qid)
            bank.append({
                "id": qid, "title": _text(rng, 5), "prompt": _sentence(rng, 30),
                "aliases": [_text(rng, 2).lower(), _text(rng, 1).lower()],
                "kind": rng.choice(KINDS), "signals": probed,
                "levels": asked_at, "minutes": rng.choice([5, 10, 15]),
                "tailoring": _text(rng, 18) + ".",
                "strong_answer": {"heading": "Strong STAR answer should include", "star": {
                    "situation": [_text(rng, 8)], "task": [_text(rng, 8)],
                    "action": [_text(rng, 8), _text(rng, 8)], "result": [_text(rng, 8)]}},
                "probes": [_sentence(rng, 10), {"text": _sentence(rng, 10), "type": "hard"},
                           {"text": _sentence(rng, 10), "type": "mandatory",
                            "condition": "if vague"}],
                "assessment": {"columns": ["Signal", "Hire", "No-Hire"],
                               "rows": [[_text(rng, 2), _text(rng, 4), _text(rng, 4)]
                                        for _ in range(3)]},
                "hire": [_text(rng, 7), _text(rng, 7)],
                "no_hire": [_text(rng, 7), _text(rng, 7)],
                "red_flags": [_text(rng, 7)],
                "anchors": [{"score": score, "text": _text(rng, 10)} for score in (5, 3, 1)],
                "by_level": [{"level": level, "expectation": _text(rng, 12) + "."}
                             for level in asked_at],
            })
        dump(f"questions/topic-{topic:02d}.yaml",
             {"title": f"Topic {topic:02d}", "description": _text(rng, 15) + ".",
              "questions": bank}, "bank.schema.json")

    for p in range(playbooks):
        level = level_ids[p % levels]
        # Four rubric signals, each probed by two questions written for the playbook's level.
        dimensions, asked = [], []
        for signal in rng.sample(signal_ids, len(signal_ids)):
            fresh = [q for q in by_level_signal.get((level, signal), []) if q not in asked]
            if len(fresh) >= 2:
                dimensions.append(signal)
                asked += rng.sample(fresh, 2)
            if len(dimensions) == 4:
                break
        segments, start = [], 0
        for s in range(4):
            segments.append({"start": start, "end": start + 15, "title": _text(rng, 3),
                             "goal": _text(rng, 6), "questions": asked[2 * s: 2 * s + 2]})
            start += 15
        dump(f"playbooks/playbook-{p:03d}.yaml", {
            "id": f"playbook-{p:03d}", "title": f"Playbook {p:03d}: {_text(rng, 3)}",
            "role": role_ids[p % roles], "level": level, "duration": 60,
            "purpose": _text(rng, 30) + ".", "tailoring": _text(rng, 12) + ".",
            "segments": segments,
            "rubric": {"dimensions": [{"signal": sig, "hire": _text(rng, 5), "no_hire": _text(rng, 5),
                                       "anchors": [{"score": score, "text": _text(rng, 8)}
                                                   for score in (5, 3, 1)]}
                                      for sig in dimensions]},
            "recommendation": [{"verdict": "strong-hire", "signs": [_text(rng, 6)]},
                               {"verdict": "no-hire", "signs": [_text(rng, 6)]}],
        }, "playbook.schema.json")
    return {"questions": questions, "topics": topics, "signals": signals, "roles": roles,
            "levels": levels, "playbooks": playbooks}
