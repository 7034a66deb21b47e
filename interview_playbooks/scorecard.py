"""What a playbook's scorecard and debrief ask for, as plain data: the one definition of
a card's shape.

The same structure feeds the templates (the printed and on-screen forms) and, as JSON,
the browser code that keeps drafts and exports them (docs/assets/javascripts/scorecard/).
Every entry has a key that names its form fields; keys derive from ids, so a draft still
fits after questions are reworded. What the browser must build the same way is written
here and handed to it in the card: the format of a draft's key and of a question entry's
key, and the export format (schemas/scorecard-export.schema.json, by id and version). The
loop's card, which the browser fills with the interviewer's own questions, starts from the
skeleton `loop_card` writes.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from pathlib import Path

from .convert import slugify
from .index import Index
from . import model

DEFAULT_INTERVIEWERS = 4  # rows per dimension on the debrief sheet
# A draft's key in the browser's store: the full and one-page scorecards of a playbook
# share field names, so they share drafts; a debrief sheet has drafts of its own.
DRAFT_KEY = "{form}|{playbook}|{candidate}"
QUESTION_KEY = "q-{question}"  # a question entry's key, which names its fields
EXPORT_SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "scorecard-export.schema.json"
LOOP_PLAYBOOK = "my-loop"  # the loop's card stands in for a playbook of this id
# Paper's writing space: one 18pt line per two minutes a question takes, never fewer than
# three (a 14-minute question gets seven lines, a five-minute one three).
MINUTES_PER_LINE = 2
MIN_LINES = 3


def writing_lines(minutes: float | None) -> int:
    """The lines a question's notes get on paper, from its minutes."""
    return max(MIN_LINES, math.ceil((minutes or 0) / MINUTES_PER_LINE))


def _default(record: type, name: str) -> str:
    """The default of a model field, e.g. the scale a playbook scores on unless it says."""
    return next(f.default for f in dataclasses.fields(record) if f.name == name)


SCORE_SCALE = _default(model.Rubric, "scale")
RECOMMENDATION_SCALE = _default(model.Playbook, "recommendation_scale")


@functools.cache
def export_format() -> dict:
    """The export format the browser stamps on a download: the schema's id and version."""
    schema = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    return {"schema": schema["$id"], "version": schema["properties"]["format_version"]["const"]}


def formats() -> dict:
    """What the browser builds as the build does, in every card."""
    return {"draft_key": DRAFT_KEY, "question_key": QUESTION_KEY, "export": export_format(),
            "writing": {"minutes_per_line": MINUTES_PER_LINE, "min_lines": MIN_LINES}}


def scales_of(score_scale: model.Scale, recommendation: model.Scale) -> dict:
    """A card's score scale (its numeric points) and its recommendation scale."""
    return {
        "scale": [{"value": point.score, "label": point.label}
                  for point in score_scale.points if point.score is not None],
        "recommendation": [{"id": point.id, "label": point.label}
                           for point in recommendation.points],
    }


def scorecard_of(index: Index, playbook: model.Playbook) -> dict:
    score_scale = index.scales[playbook.rubric.scale if playbook.rubric else "score"]
    recommendation = index.scales[playbook.recommendation_scale]
    return {
        "playbook": playbook.id,
        "title": playbook.title,
        "duration": playbook.duration,
        "role": playbook.role,
        "level": playbook.level,
        "level_name": index.levels[playbook.level].name,
        "rubric_version": index.rubric_versions[playbook.id],
        **scales_of(score_scale, recommendation),
        "sections": [_section(index, segment, playbook.level) for segment in playbook.segments],
        "dimensions": _dimensions(index, playbook),
        "guidance": [{"verdict": v.id, "label": v.label, "point_label": v.point_label,
                      "signs": v.signs} for v in index.guidance[playbook.id]],
        "interviewers": DEFAULT_INTERVIEWERS,
        **formats(),
    }


def loop_card(index: Index) -> dict:
    """The loop's card before the browser adds the interviewer's questions: a playbook
    card's shape, one section to hold them, no rubric; its rubric version is the browser's
    name for the set of questions."""
    score = index.scales.get(SCORE_SCALE) or next(iter(index.scales.values()))
    recommendation = index.scales.get(RECOMMENDATION_SCALE) or score
    return {
        "playbook": LOOP_PLAYBOOK,
        "title": "My loop",
        "duration": 0,
        "role": "",
        "level": "",
        "level_name": "",
        "rubric_version": "",
        **scales_of(score, recommendation),
        "sections": [{"title": "Questions", "heading": "Questions", "start": 0, "end": 0,
                      "minutes": 0, "entries": []}],
        "dimensions": [],
        "guidance": [],
        "interviewers": 0,
        **formats(),
        "form": "loop",
    }


def _section(index: Index, segment: model.Segment, level: str) -> dict:
    entries = [_question(index, qid, level) for qid in segment.questions]
    for number, block in enumerate(segment.blocks, start=1):
        if block.choose:  # a pool: one entry per question to ask, each naming the options
            options = [_option(index, qid, level) for qid in block.questions]
            known = [option["minutes"] for option in options if option["minutes"]]
            for slot in range(1, block.choose + 1):
                entries.append({
                    "key": f"pool-{segment.start}-{number}-{slot}",
                    "kind": "pool",
                    "title": block.title or segment.title,
                    "slot": slot, "of": block.choose,
                    "options": options,
                    "indicators": [],
                    # The longest option: paper must hold whichever is asked.
                    "minutes": max(known) if known else None,
                })
        else:
            entries.extend(_question(index, qid, level, group=block.title)
                           for qid in block.questions)
    minutes = segment.end - segment.start
    _share_minutes(entries, minutes)
    return {"title": segment.title, "heading": segment.heading or segment.title,
            "start": segment.start, "end": segment.end,
            "minutes": minutes, "entries": entries}


def _share_minutes(entries: list[dict], minutes: int) -> None:
    """Give entries whose questions name no minutes an even share of the time box's rest,
    then each entry its writing lines."""
    unknown = [entry for entry in entries if not entry["minutes"]]
    if unknown:
        rest = minutes - sum(entry["minutes"] for entry in entries if entry["minutes"])
        share = (rest if rest > 0 else minutes) / len(unknown)
        for entry in unknown:
            entry["minutes"] = round(share, 1)
    for entry in entries:
        entry["lines"] = writing_lines(entry["minutes"])


def level_indicators(question: model.Question, level: str | None) -> list[str]:
    """The hire indicators asked at a level: those written for it and those for none."""
    return [indicator.text for indicator in question.merged("hire")
            if indicator.level is None or indicator.level == level]


def anchors_of(anchors: list[model.Anchor]) -> list[dict]:
    """Anchors as a card gives them: score and text, best score first."""
    return [{"score": a.score, "text": a.text} for a in sorted(anchors, key=lambda a: -a.score)]


def _option(index: Index, question_id: str, level: str) -> dict:
    question = index.questions[question_id]
    return {"id": question_id, "title": question.title, "minutes": question.minutes,
            "signals": list(question.signals), "indicators": level_indicators(question, level),
            "anchors": anchors_of(question.anchors_at(level))}


def _question(index: Index, question_id: str, level: str, group: str = "") -> dict:
    question = index.questions[question_id]
    return {"key": QUESTION_KEY.format(question=question_id), "kind": "question", "question": question_id,
            "title": question.title, "group": group, "minutes": question.minutes,
            "signals": list(question.signals), "indicators": level_indicators(question, level),
            "anchors": anchors_of(question.anchors_at(level))}


def _dimensions(index: Index, playbook: model.Playbook) -> list[dict]:
    """The rubric's dimensions; a rubric given only as criteria per section rates those."""
    if not playbook.rubric:
        return []
    dimensions = [{"key": f"dim-{d.signal}",
                   "label": d.label or index.signals[d.signal].name,
                   "signal": d.signal, "hire": d.hire, "no_hire": d.no_hire,
                   "anchors": anchors_of(d.anchors)}
                  for d in playbook.rubric.dimensions]
    dimensions += [{"key": f"section-{slugify(s.title)}", "label": s.title, "signal": "",
                    "hire": ", ".join(s.criteria), "no_hire": "", "anchors": []}
                   for s in playbook.rubric.sections]
    return dimensions
