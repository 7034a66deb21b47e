"""Submitted scorecards (export format 3) built in Python from a built scorecard page's card,
as the scorecard's Submit writes them (issue 16's contract), for the debrief's tests.

The checksum is SHA-256 of the canonical JSON of the record without its `checksum` key:
keys sorted at every depth, no spaces, UTF-8. A number is written as the browser writes
it: a card's `7.0` minutes reach the export as `7`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from conftest import ROOT, card_of

EXPORT_ID = json.loads((ROOT / "schemas" / "scorecard-export.schema.json")
                       .read_text(encoding="utf-8"))["$id"]


def js_numbers(value):
    """Floats that are whole numbers as integers, as JSON.parse then JSON.stringify leave them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [js_numbers(v) for v in value]
    if isinstance(value, dict):
        return {k: js_numbers(v) for k, v in value.items()}
    return value


def checksum(record: dict) -> str:
    rest = {k: v for k, v in record.items() if k != "checksum"}
    text = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def question_signals(data: Path = ROOT / "data") -> dict[str, list[str]]:
    """Question id -> the signals it probes, from the data."""
    import yaml
    signals = {}
    for path in sorted((data / "questions").glob("*.yaml")):
        for question in yaml.safe_load(path.read_text(encoding="utf-8")).get("questions", []):
            signals[question["id"]] = question.get("signals", [])
    return signals


def submitted(card: dict, *, interviewer: str, candidate: str, scores: dict | None = None,
              dimensions: dict | None = None, recommendation: str = "hire",
              signals: dict[str, list[str]] | None = None, status: str = "submitted",
              submitted_at: str = "2026-12-03T09:00:00.000Z", **changes) -> dict:
    """A scorecard of `card` as its interviewer submits it.

    `scores`: question id -> (score or None, notes); `dimensions`: signal id -> (score or
    None, notes). Entries not named are left blank. `changes` replace top-level fields
    before the checksum (e.g. rubric_version="x" for a file of another rubric).
    """
    card = js_numbers(card)
    scores, dimensions, signals = scores or {}, dimensions or {}, signals or question_signals()
    scale = {point["value"]: point["label"] for point in card["scale"]}
    entries = []
    for section in card["sections"]:
        for entry in section["entries"]:
            if entry["kind"] != "question":
                options = entry["options"]
                entries.append({"kind": "pool", "key": entry["key"], "section": section["heading"],
                                "title": entry["title"], "question": None, "asked": [],
                                "minutes": entry["minutes"], "score": None, "score_label": None,
                                "notes": "", "hire_signals": [], "flags": [],
                                "signals": sorted({s for o in options for s in signals[o["id"]]})})
                continue
            score, notes = scores.get(entry["question"], (None, ""))
            entries.append({"kind": "question", "key": entry["key"], "section": section["heading"],
                            "title": entry["title"], "question": entry["question"],
                            "minutes": entry["minutes"], "score": score,
                            "score_label": scale.get(score), "notes": notes, "hire_signals": [],
                            "flags": [], "signals": signals[entry["question"]]})
    for dimension in card["dimensions"]:
        score, notes = dimensions.get(dimension["signal"], (None, ""))
        entries.append({"kind": "dimension", "key": dimension["key"], "section": "Rubric",
                        "title": dimension["label"], "signal": dimension["signal"], "score": score,
                        "score_label": scale.get(score), "notes": notes,
                        "flags": ["score-without-note"] if score is not None and not notes else []})
    label = next((p["label"] for p in card["recommendation"] if p["id"] == recommendation), "")
    record = {
        "$schema": EXPORT_ID, "format_version": 3, "form": "scorecard",
        "playbook": card["playbook"], "title": card["title"], "role": card["role"],
        "level": card["level"], "level_name": card["level_name"],
        "rubric_version": card["rubric_version"], "candidate": candidate,
        "interviewer": interviewer, "date": "2026-12-03", "exported_at": submitted_at,
        "fields": {"candidate": candidate, "interviewer": interviewer},
        "entries": entries, "recommendation": label, "recommendation_id": recommendation,
        "strengths": "", "concerns": "", "comments": "",
        "status": status, "submitted_at": submitted_at if status == "submitted" else None,
    }
    record.update(changes)
    record["checksum"] = checksum(record) if status == "submitted" else None
    return record


def playbook_card(site: Path, playbook: str) -> dict:
    return card_of(site, f"playbooks/{playbook}/scorecard")
