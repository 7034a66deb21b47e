"""The browser's modules and the build agree on what they share (issue 14).

The card's shape, the draft key and the export format are defined once, in
interview_playbooks/scorecard.py; the browser reads them from each card. These tests check
that the loop's card (which the browser fills in, docs/assets/javascripts/loop/list.mjs)
has a playbook card's shape, that the unit tests' fixtures (tests/js/fixtures/) have the
shape the build writes, and that exports made by the browser's own export module from
real cards satisfy schemas/scorecard-export.schema.json. The modules run in node
(tests/js/cards.mjs); their unit tests are tests/js/*.test.mjs (`npm test`).
"""

from __future__ import annotations

import hashlib
import json
import re

import jsonschema
import pytest

from conftest import ROOT, card_of, run_client
from interview_playbooks import scorecard
from interview_playbooks.index import load_index

FIXTURES = ROOT / "tests" / "js" / "fixtures"
SCHEMA = json.loads((ROOT / "schemas" / "scorecard-export.schema.json").read_text(encoding="utf-8"))
LOOP_CARD_RE = re.compile(r'<template data-ip-loop-card><script type="application/json">(.*?)</script>', re.S)


def outline(cards: list[dict]) -> dict[str, list[str]]:
    """The keys of each part of the cards: the card, a section, each kind of entry, ..."""
    parts: dict[str, set[str]] = {}

    def add(part: str, record: dict) -> None:
        parts.setdefault(part, set()).update(record)

    for card in cards:
        add("card", card)
        add("export", card["export"])
        for part in ("scale", "recommendation", "dimensions", "sections"):
            for record in card[part]:
                add(part, record)
        for section in card["sections"]:
            for entry in section["entries"]:
                add("entry:" + entry["kind"], entry)
    return {part: sorted(keys) for part, keys in parts.items()}


@pytest.fixture(scope="module")
def index():
    return load_index(ROOT / "data")


@pytest.fixture(scope="module")
def playbook_cards(index) -> list[dict]:
    return [dict(scorecard.scorecard_of(index, playbook), form="scorecard")
            for playbook in index.playbooks.values()]


@pytest.fixture(scope="module")
def loop_card(site) -> dict:
    """The loop's card as the browser builds it, from the built loop page and finder.json,
    for three questions (with their hire indicators)."""
    html = (site / "questions" / "loop" / "index.html").read_text(encoding="utf-8")
    skeleton = json.loads(LOOP_CARD_RE.search(html).group(1))
    finder = json.loads((site / "questions" / "finder.json").read_text(encoding="utf-8"))
    chosen = finder["questions"][:3]
    for question in chosen:
        hire = site / finder["topics"][question["p"]]["hire"]
        question["h"] = json.loads(hire.read_text(encoding="utf-8"))[question["i"]].get("h", [])
    return run_client({"loop": {"skeleton": skeleton, "finder": finder, "ids": [q["i"] for q in chosen],
                                "target": 45}})


def test_the_unit_tests_fixtures_have_the_shape_the_build_writes(index, playbook_cards):
    fixture = json.loads((FIXTURES / "card.json").read_text(encoding="utf-8"))
    mine, real = outline([fixture]), outline(playbook_cards)
    for part, keys in real.items():
        assert mine.get(part) == keys, part
    assert set(mine) - set(real) <= {"entry:pool"}  # the data may have no pool
    skeleton = json.loads((FIXTURES / "loop-skeleton.json").read_text(encoding="utf-8"))
    built = scorecard.loop_card(index)
    assert outline([skeleton]) == outline([built])
    assert {name: skeleton[name] for name in ("form", "playbook")} == \
        {name: built[name] for name in ("form", "playbook")}
    for name in scorecard.formats():
        assert skeleton[name] == fixture[name] == built[name], name


def test_a_loop_card_has_the_shape_of_a_playbook_card(site, loop_card, playbook_cards):
    playbook = card_of(site, f"playbooks/{playbook_cards[0]['playbook']}/scorecard")
    loop_outline = outline([loop_card])
    playbook_outline = outline([playbook])
    assert loop_outline["card"] == playbook_outline["card"]
    for part in ("export", "scale", "recommendation", "sections", "entry:question"):
        assert loop_outline[part] == playbook_outline[part], part
    assert loop_card["form"] == "loop" and loop_card["playbook"] == scorecard.LOOP_PLAYBOOK
    assert re.fullmatch(r"[0-9a-f]{8}", loop_card["rubric_version"])
    # A question's entry is the one a playbook that asks it has (key, kind, id, title).
    entries = {entry["question"]: entry for card in playbook_cards for section in card["sections"]
               for entry in section["entries"] if entry["kind"] == "question"}
    for entry in loop_card["sections"][0]["entries"]:
        assert entry["key"] == scorecard.QUESTION_KEY.format(question=entry["question"])
        assert entry["indicators"], f"{entry['question']}: no hire indicators"
        if entry["question"] in entries:
            theirs = entries[entry["question"]]
            assert (entry["key"], entry["kind"]) == (theirs["key"], theirs["kind"])


def filled(card: dict) -> dict:
    """Every field of a card filled in, as an interviewer would."""
    fields = {"candidate": "Candidate A", "interviewer": "Pat", "date": "2025-03-14",
              "strengths": "Depth", "concerns": "", "comments": "Hire", "facilitator": "Sam",
              "rationale": "Clear", "recommendation": card["recommendation"][0]["id"],
              "decision": card["recommendation"][-1]["id"]}
    for section in card["sections"]:
        for entry in section["entries"]:
            fields[entry["key"] + ":score"] = "4"
            fields[entry["key"] + ":notes"] = "Evidence\n- in two lines"
            for n, _ in enumerate(entry["indicators"], start=1):
                fields[f"{entry['key']}:hire-{n}"] = "yes" if n % 2 else "no"
            if entry["kind"] == "pool":
                option = entry["options"][0]
                fields[entry["key"] + ":asked"] = [option["id"]]
                for n, _ in enumerate(option["indicators"], start=1):
                    fields[f"{entry['key']}:hire-{option['id']}-{n}"] = "yes" if n % 2 else "no"
    for dimension in card["dimensions"]:
        fields[dimension["key"] + ":score"] = "3"
        for n in range(1, card["interviewers"] + 1):
            fields[f"{dimension['key']}:{n}:interviewer"] = f"Interviewer {n}"
            fields[f"{dimension['key']}:{n}:score"] = str(n)
            fields[f"{dimension['key']}:{n}:evidence"] = "Said so"
    return fields


def test_exports_of_real_cards_satisfy_the_schema(site, loop_card, playbook_cards):
    playbook = playbook_cards[0]["playbook"]
    cards = [card_of(site, f"playbooks/{playbook}/scorecard"),
             card_of(site, f"playbooks/{playbook}/debrief/sheet"), loop_card]
    one_page = site / "playbooks" / playbook / "scorecard" / "one-page"
    if one_page.exists():
        cards.append(card_of(site, f"playbooks/{playbook}/scorecard/one-page"))
    sheets = [{"card": card, "fields": fields, "draftVersion": version}
              for card in cards for fields, version in ((filled(card), None), ({}, "0ld0ld00"))]
    exports = run_client({"exports": sheets})
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for sheet, exported in zip(sheets, exports):
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(exported)]
        assert errors == [], (sheet["card"]["form"], errors)
    assert {e["form"] for e in exports} == {"scorecard", "debrief", "loop"}
    assert any(e.get("draft_rubric_version") == "0ld0ld00" for e in exports)
    # What the debrief reads: who, which playbook at which level, every question asked with
    # its score (and label), hire signals (a pool's: its asked option's) and notes.
    for sheet, exported in zip(sheets, exports):
        card, fields = sheet["card"], sheet["fields"]
        if card["form"] == "debrief" or not fields:
            continue
        assert (exported["interviewer"], exported["date"]) == ("Pat", "2025-03-14")
        assert (exported["role"], exported["level"], exported["level_name"]) == \
            (card["role"], card["level"], card["level_name"])
        questions = [e for e in exported["entries"] if e["kind"] != "dimension"]
        entries = [e for section in card["sections"] for e in section["entries"]]
        assert [q["key"] for q in questions] == [e["key"] for e in entries]
        for question, entry in zip(questions, entries):
            assert (question["score"], question["score_label"]) == (4, card["scale"][1]["label"])
            assert question["notes"] == "Evidence\n- in two lines" and question["flags"] == []
            if entry["kind"] == "pool":
                option = entry["options"][0]
                assert question["signals"] == option["signals"]
                assert question["question"] == option["id"] and question["asked"] == [option["id"]]
                assert [s["indicator"] for s in question["hire_signals"]] == option["indicators"]
                assert {s["option"] for s in question["hire_signals"]} <= {option["id"]}
            else:
                assert question["question"] == entry["question"]
                assert question["signals"] == entry["signals"] and question["signals"]
                assert [s["indicator"] for s in question["hire_signals"]] == entry["indicators"]
        dimensions = [e for e in exported["entries"] if e["kind"] == "dimension"]
        assert [(d["score"], d["notes"], d["flags"]) for d in dimensions] == \
            [(3, "", ["score-without-note"])] * len(card["dimensions"])
        assert exported["recommendation_id"] == card["recommendation"][0]["id"]
    unfilled = next(e for s, e in zip(sheets, exports) if s["card"]["form"] == "scorecard" and not s["fields"])
    assert all(e["score"] is None and e["score_label"] is None for e in unfilled["entries"])


def test_a_submitted_record_satisfies_the_schema_and_its_checksum_is_pythons(site, loop_card, playbook_cards):
    """The record submission stamps (scorecard/submission.mjs, run in node on real cards),
    checked as the debrief will: the schema, then the checksum recomputed in Python."""
    playbook = playbook_cards[0]["playbook"]
    cards = [card_of(site, f"playbooks/{playbook}/scorecard"), loop_card]
    sheets = [{"card": card, "fields": {**filled(card), "comments": "Naïve → ok 🧾"}, "draftVersion": None}
              for card in cards]
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    for record in run_client({"submit": sheets}):
        assert [e.message for e in validator.iter_errors(record)] == []
        assert (record["status"], record["format_version"]) == ("submitted", 3)
        assert record["submitted_at"] == record["exported_at"]
        rest = {key: value for key, value in record.items() if key != "checksum"}
        canonical = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert record["checksum"] == "sha256:" + hashlib.sha256(canonical.encode()).hexdigest()


def test_the_schema_rejects_what_no_export_holds():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    question = {"kind": "question", "key": "q-a", "section": "s", "title": "t", "question": "a",
                "minutes": 5, "signals": ["s"], "score": 4, "score_label": "Strong", "notes": "",
                "hire_signals": [], "flags": ["score-without-note"]}
    pool = {**question, "kind": "pool", "key": "pool-0-1-1", "question": None, "asked": ["a", "b"],
            "hire_signals": [{"indicator": "i", "answer": "yes", "option": "a"}]}
    dimension = {"kind": "dimension", "key": "dim-s", "section": "Rubric", "title": "S", "signal": "s",
                 "score": 3, "score_label": "Meets", "notes": "", "flags": ["score-without-note"]}
    good = {"$schema": SCHEMA["$id"], "format_version": 3, "form": "scorecard", "playbook": "p",
            "title": "t", "role": "r", "level": "l", "level_name": "L", "rubric_version": "v",
            "candidate": "A", "interviewer": "I", "date": "", "exported_at": "2025-01-01T00:00:00Z",
            "status": "draft", "submitted_at": None, "checksum": None,
            "fields": {"a": "1", "b": ["x"]}, "entries": [question, pool, dimension], "recommendation": "",
            "recommendation_id": "", "strengths": "", "concerns": "", "comments": ""}
    submitted = {**good, "status": "submitted", "submitted_at": "2025-01-01T00:00:00.000Z",
                 "checksum": "sha256:" + "0" * 64}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors(submitted)) == []
    assert scorecard.export_format() == {"schema": SCHEMA["$id"], "version": 3}
    for broken in ({**good, "format_version": 1}, {**good, "form": "other"}, {**good, "extra": 1},
                   {**good, "decision": "x"}, {**good, "facilitator": "x"}, {**good, "fields": {"a": 1}},
                   {**good, "entries": [{**question, "score": "4"}]},
                   {**good, "entries": [{**question, "flags": ["unknown"]}]},
                   {**good, "entries": [{**question, "asked": ["a"]}]},
                   {**good, "entries": [{k: v for k, v in pool.items() if k != "asked"}]},
                   {k: v for k, v in good.items() if k != "interviewer"},
                   {k: v for k, v in good.items() if k != "format_version"},
                   {**good, "format_version": 2}, {**good, "status": "sent"},
                   {**good, "checksum": "sha256:" + "0" * 64}, {**submitted, "checksum": None},
                   {**submitted, "submitted_at": None}, {**submitted, "checksum": "sha256:ABC"},
                   {k: v for k, v in good.items() if k != "status"},
                   {k: v for k, v in good.items() if k != "recommendation_id"},
                   {**good, "entries": [{k: v for k, v in question.items() if k != "signals"}]},
                   {**good, "entries": [{k: v for k, v in dimension.items() if k != "notes"}]},
                   {**good, "entries": [{k: v for k, v in dimension.items() if k != "flags"}]}):
        assert list(validator.iter_errors(broken)), broken


def test_every_property_of_the_export_is_documented():
    """The debrief reads the export: each property says what it holds."""
    def walk(node, path):
        if isinstance(node, dict):
            for name, value in node.get("properties", {}).items():
                if isinstance(value, dict) and "$ref" not in value:
                    assert value.get("description"), f"{path}.{name}: no description"
            for name, value in node.items():
                if name not in ("if", "then", "else"):  # conditions restate documented properties
                    walk(value, f"{path}.{name}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{path}[{n}]")
    walk({"properties": SCHEMA["properties"]}, "")
    walk(SCHEMA["$defs"], "$defs")
