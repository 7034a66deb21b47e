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

from conftest import CARD_RE, ROOT, card_of

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


# The calibration's panel (tests/test_calibration.py): four candidates, each interviewed by
# Ana (storage architect loop), Ben (distributed systems) and a third interviewer (cloud
# backend). Ana and Ben give Ownership the same score, 2 or 3; the third gives 1–2 points
# more (+2, +1, +2, +2), so their offset is +1.75 over 4 comparisons: lenient.
PANEL_PLAYBOOKS = ("storage-staff-architect-loop", "distributed-systems-staff-loop", "cloud-backend-staff-loop")
PANEL_BASES = [2, 3, 2, 3]
PANEL_LENIENT = [4, 4, 4, 5]


def calibration_panel(cards: dict[str, dict], lenient: str = "Lee") -> list[dict]:
    """The panel's twelve scorecards, from the cards of PANEL_PLAYBOOKS (by playbook id)."""
    architect, ds, cloud = (cards[p] for p in PANEL_PLAYBOOKS)
    records = []
    for letter, base, high in zip("ABCD", PANEL_BASES, PANEL_LENIENT):
        candidate = f"Candidate {letter}"
        records += [
            submitted(architect, interviewer="Ana", candidate=candidate,
                      dimensions={"ownership": (base, "Owned part of it"), "storage-depth": (3, "Fine")}),
            submitted(ds, interviewer="Ben", candidate=candidate,
                      dimensions={"ownership": (base, "Led some of it")}),
            submitted(cloud, interviewer=lenient, candidate=candidate,
                      dimensions={"ownership": (high, "Great"), "communication": (5, "Great")}),
        ]
    return records


def fill_calibration(page) -> None:
    """Import the calibration panel into the calibration page open in `page` (by paste),
    reading the cards from the served site."""
    from urllib.parse import urljoin
    from playwright.sync_api import expect
    cards = {}
    for playbook in PANEL_PLAYBOOKS:
        html = page.request.get(urljoin(page.url, f"../../playbooks/{playbook}/scorecard/")).text()
        cards[playbook] = json.loads(CARD_RE.search(html).group(1))
    page.fill("[data-ip-paste]", json.dumps(calibration_panel(cards)))
    page.click('[data-ip-action="paste"]')
    expect(page.locator(".ip-cal-interviewers li")).to_have_count(3)
