"""Contributed text is inert everywhere it reaches a page.

Every text field of the model (found by introspection, so a new field is covered or this
test fails) is filled with markup, script, event handlers, a javascript: link and
template syntax; the real site is built and every HTML file is read back.
"""

from __future__ import annotations

import re
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import make_project, mkdocs_build
from interview_playbooks import model
from interview_playbooks.convert import fields_of

PAYLOAD = ("<script>alert(1)</script><img src=x onerror=alert(2)> <b>bold</b> "
           "{{ 7 * 7 }} {% if true %}T{% endif %} [link](javascript:alert(3)) ")

# A data set that uses every record kind and every optional part of it.
FULL = {
    "signals.yaml": {"signals": [
        {"id": "ownership", "name": "x", "description": "x", "hire": ["x"], "no_hire": ["x"]},
    ]},
    "scales.yaml": {"scales": [
        {"id": "score", "name": "x", "description": "x", "points": [
            {"id": "high", "label": "x", "score": 2, "description": "x"},
            {"id": "low", "label": "x", "score": 1, "description": "x"}]},
        {"id": "recommendation", "name": "x", "description": "x", "points": [
            {"id": "hire", "label": "x", "description": "x"},
            {"id": "no-hire", "label": "x", "description": "x"}]},
    ]},
    "roles.yaml": {"roles": [{"id": "engineer", "name": "x", "summary": "x", "expectations": ["x"]}]},
    "levels.yaml": {"levels": [{"id": "senior", "name": "x", "rank": 1, "summary": "x",
                                "expectations": ["x"]}]},
    "questions/bank.yaml": {"title": "x", "description": "x", "questions": [{
        "id": "q-one", "title": "x", "prompt": "x", "kind": "behavioral", "signals": ["ownership"],
        "levels": ["senior"], "minutes": 5, "tailoring": "x",
        "strong_answer": {"heading": "x", "star": {"situation": ["x"], "task": ["x"],
                                                   "action": ["x"], "result": ["x"]},
                          "topics": ["x"]},
        "probes": [{"text": "x", "type": "hard", "condition": "x"}, "x"],
        "assessment": {"columns": ["x", "x"], "rows": [["x", "x"]]},
        "hire": [{"text": "x", "level": "senior"}, "x"], "no_hire": [{"text": "x"}, "x"],
        "red_flags": ["x"], "by_level": [{"level": "senior", "expectation": "x"}],
        "aliases": ["x"],
        "anchors": [{"score": 2, "text": "x"}, {"score": 1, "text": "x", "level": "senior"}],
    }, {
        "id": "q-two", "title": "x", "prompt": "x", "kind": "system-design",
        "signals": ["ownership"], "levels": ["senior"], "origin": "seed",
        "added": {"tailoring": "x", "strong_answer": {"heading": "x", "topics": ["x"]},
                  "probes": ["x", {"text": "x", "type": "mandatory"}], "hire": ["x", "x"],
                  "no_hire": [{"text": "x"}, "x"], "red_flags": ["x"],
                  "anchors": [{"score": 2, "text": "x"}]},
    }]},
    "playbooks/loop.yaml": {
        "id": "loop", "title": "x", "role": "engineer", "level": "senior", "duration": 30,
        "purpose": "x", "tailoring": "x",
        "segments": [
            {"start": 0, "end": 10, "title": "x", "heading": "x", "goal": "x", "note": "x",
             "questions": ["q-one"]},
            {"start": 10, "end": 30, "title": "x", "blocks": [
                {"title": "x", "note": "x", "choose": 1, "advice": "x", "questions": ["q-two"]}]},
        ],
        "rubric": {"scale": "score", "intro": "x",
                   "dimensions": [{"signal": "ownership", "label": "x", "hire": "x", "no_hire": "x",
                                   "anchors": [{"score": 2, "text": "x"}]}],
                   "sections": [{"title": "x", "criteria": ["x"]}]},
        "recommendation": [{"verdict": "hire", "label": "x", "signs": ["x"]},
                           {"verdict": "no-hire", "signs": ["x"]}],
    },
    "loops/hiring.yaml": {
        "id": "hiring", "title": "x", "role": "engineer", "level": "senior", "purpose": "x",
        "interviews": [{"playbook": "loop", "focus": ["ownership"], "interviewer": "x", "note": "x"},
                       {"playbook": "loop", "focus": ["ownership"], "interviewer": "x"}],
    },
    "samples/example.yaml": {
        "id": "example", "playbook": "loop", "title": "x", "candidate": "x", "interviewer": "x",
        "date": "x", "answers": [{"question": "q-one", "label": "x", "score": 3, "feedback": "x"}],
        "strengths": ["x"], "concerns": ["x"], "recommendation": "hire", "comments": "x",
    },
}


def is_text(hint) -> bool:
    """Prose contributors write (not an id, a reference, a choice or a number), or a list of it."""
    if typing.get_origin(hint) is typing.Annotated:
        if any(isinstance(e, (model.Slug, model.Ref)) for e in hint.__metadata__):
            return False
        hint = typing.get_args(hint)[0]
    if typing.get_origin(hint) is list:
        return is_text(typing.get_args(hint)[0])
    return hint is str


def record_types(hint) -> list[type]:
    if typing.get_origin(hint) is typing.Annotated:
        hint = typing.get_args(hint)[0]
    if isinstance(hint, type) and issubclass(hint, model.Record):
        return [hint]
    return [r for arg in typing.get_args(hint) for r in record_types(arg)]


def text_fields() -> set[tuple[str, str]]:
    """(record, field) for every prose field reachable from a data file."""
    found, seen = set(), set()

    def visit(cls):
        if cls in seen:
            return
        seen.add(cls)
        for name, (_, hint) in fields_of(cls).items():
            if is_text(hint):
                found.add((cls.__name__, name))
            for record in record_types(hint):
                visit(record)
    for cls in model.FILE_KINDS.values():
        visit(cls)
    return found


def poison(cls: type, raw, filled: set):
    """Replace every prose value under `raw` (read as `cls`) with the payload."""
    for name, (_, hint) in fields_of(cls).items():
        if name not in raw:
            continue
        value = raw[name]
        if isinstance(value, str) and (cls.__name__, name) in TEXT_FIELDS:
            raw[name] = PAYLOAD + name
            filled.add((cls.__name__, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and (cls.__name__, name) in TEXT_FIELDS:
                    value[i] = PAYLOAD + name
                    filled.add((cls.__name__, name))
                elif isinstance(item, list):
                    value[i] = [PAYLOAD + name for _ in item]
                    filled.add((cls.__name__, name))
                elif isinstance(item, dict):
                    poison(record_types(hint)[0], item, filled)
        elif isinstance(value, dict):
            poison(record_types(hint)[0], value, filled)


TEXT_FIELDS = text_fields()


class Elements(HTMLParser):
    """What a browser would make of the page: event-handler attributes, injected elements."""

    def __init__(self, html: str):
        super().__init__()
        self.handlers: list[str] = []
        self.injected: list[str] = []
        self._script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.lower().startswith("on")]
        if tag in ("img", "b") and (tag == "b" or dict(attrs).get("src") == "x"):
            self.injected.append(tag)
        self._script = tag == "script" and (dict(attrs).get("type") or "javascript")

    def handle_data(self, data):
        if self._script == "application/json":
            if "<" in data:  # a data block must not be able to close its <script>
                self.injected.append("json with <")
        elif self._script and "alert(" in data:
            self.injected.append("script")

    def handle_endtag(self, tag):
        self._script = False


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hostile")
    data = tmp / "data"
    filled: set = set()
    for relative, content in FULL.items():
        pattern = next(p for p in model.FILE_KINDS if Path(relative).match(p))
        raw = yaml.safe_load(yaml.safe_dump(content))
        poison(model.FILE_KINDS[pattern], raw, filled)
        (data / relative).parent.mkdir(parents=True, exist_ok=True)
        (data / relative).write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert filled == TEXT_FIELDS, f"text fields the data set does not fill: {TEXT_FIELDS - filled}"
    result = mkdocs_build(make_project(tmp, data), tmp / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "site"


def test_every_text_field_is_covered():
    assert len(TEXT_FIELDS) > 40  # the introspection found the model's prose fields


def test_hostile_text_is_shown_literally_and_runs_nothing(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 10
    shown = 0
    for path in pages:
        html = path.read_text(encoding="utf-8")
        where = path.relative_to(hostile_site)
        assert "<script>alert(1)" not in html, where
        elements = Elements(html)
        assert not elements.handlers, (where, elements.handlers)  # no live event handler
        assert not elements.injected, (where, elements.injected)
        assert "&amp;lt;" not in html, where  # escaped once, not twice
        assert "<b>bold</b>" not in html, where
        assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I), where
        assert not re.search(r"bold(?:&lt;/b&gt;|</b>)\s*49", html), where  # no evaluated {{ 7 * 7 }}
        # Template syntax may appear only beside the payload it came with, shown as text or
        # held as JSON data for a page module (a page with no visible payload, such as the
        # calibration page, carries it only in its data script): never evaluated.
        assert ("{% if true %}T{% endif %}" not in html or "&lt;script&gt;" in html
                or "\\u003cscript\\u003e" in html), where
        shown += html.count("&lt;script&gt;alert(1)&lt;/script&gt;")
    assert shown > 20  # the payload is on the pages, as text


def test_literal_template_syntax_survives(hostile_site):
    html = (hostile_site / "questions" / "bank" / "index.html").read_text(encoding="utf-8")
    assert "{{ 7 * 7 }}" in html and "{% if true %}T{% endif %}" in html
