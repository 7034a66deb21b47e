"""What a playbook's scorecard and debrief ask for, as plain data.

The same structure feeds the templates (the printed and on-screen forms) and, as JSON,
the browser script that keeps drafts and exports them in the feedback template's layout.
Every entry has a key that names its form fields; keys derive from ids, so a draft still
fits after questions are reworded.
"""

from __future__ import annotations

from .convert import slugify
from .index import Index
from . import model

DEFAULT_INTERVIEWERS = 4  # rows per dimension on the debrief sheet


def scorecard_of(index: Index, playbook: model.Playbook) -> dict:
    score_scale = index.scales[playbook.rubric.scale if playbook.rubric else "score"]
    recommendation = index.scales[playbook.recommendation_scale]
    return {
        "playbook": playbook.id,
        "title": playbook.title,
        "duration": playbook.duration,
        "rubric_version": index.rubric_versions[playbook.id],
        "scale": [{"value": point.score, "label": point.label}
                  for point in score_scale.points if point.score is not None],
        "recommendation": [{"id": point.id, "label": point.label}
                           for point in recommendation.points],
        "sections": [_section(index, segment) for segment in playbook.segments],
        "dimensions": _dimensions(index, playbook),
        "guidance": [{"verdict": v.id, "label": v.label, "point_label": v.point_label,
                      "signs": v.signs} for v in index.guidance[playbook.id]],
        "interviewers": DEFAULT_INTERVIEWERS,
    }


def _section(index: Index, segment: model.Segment) -> dict:
    entries = [_question(index, qid) for qid in segment.questions]
    for number, block in enumerate(segment.blocks, start=1):
        if block.choose:  # a pool: one entry per question to ask, each naming the options
            for slot in range(1, block.choose + 1):
                entries.append({
                    "key": f"pool-{segment.start}-{number}-{slot}",
                    "kind": "pool",
                    "title": block.title or segment.title,
                    "slot": slot, "of": block.choose,
                    "options": [{"id": qid, "title": index.questions[qid].title}
                                for qid in block.questions],
                    "indicators": [],
                })
        else:
            entries.extend(_question(index, qid, group=block.title) for qid in block.questions)
    return {"title": segment.title, "heading": segment.heading or segment.title,
            "start": segment.start, "end": segment.end,
            "minutes": segment.end - segment.start, "entries": entries}


def _question(index: Index, question_id: str, group: str = "") -> dict:
    question = index.questions[question_id]
    return {"key": f"q-{question_id}", "kind": "question", "question": question_id,
            "title": question.title, "group": group,
            "indicators": [indicator.text for indicator in question.merged("hire")]}


def _dimensions(index: Index, playbook: model.Playbook) -> list[dict]:
    """The rubric's dimensions; a rubric given only as criteria per section rates those."""
    if not playbook.rubric:
        return []
    dimensions = [{"key": f"dim-{d.signal}",
                   "label": d.label or index.signals[d.signal].name,
                   "signal": d.signal, "hire": d.hire, "no_hire": d.no_hire,
                   "anchors": [{"score": a.score, "text": a.text}
                               for a in sorted(d.anchors, key=lambda a: -a.score)]}
                  for d in playbook.rubric.dimensions]
    dimensions += [{"key": f"section-{slugify(s.title)}", "label": s.title, "signal": "",
                    "hire": ", ".join(s.criteria), "no_hire": "", "anchors": []}
                   for s in playbook.rubric.sections]
    return dimensions
