"""What a debrief page hands the browser: which scorecards it takes and what it shows.

A loop's debrief (loops/<id>/debrief/) reads the submitted scorecards of the loop's
interviews; a playbook's (playbooks/<id>/debrief/) those of its one interview, however many
interviewers ran it. The browser (docs/assets/javascripts/debrief/) checks every imported
file against this data: the playbook must be one of the interviews, its rubric version the
one this build has, and the export of the format below, submitted, its checksum intact.
It computes scores, spreads and the decision record from the same data; nothing is sent.

The calibration page (loops/calibration/) reads the submitted scorecards of every playbook
and candidate at once, to compare each interviewer's scores with the rest of the panel's
(docs/assets/javascripts/debrief/calibration.mjs).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from . import model
from .index import Index
from .scorecard import EXPORT_SCHEMA, scales_of

# The submitted scorecard's format (issue 16's contract): version 3 added `status`,
# `submitted_at`, `checksum`, `recommendation_id`, each question's `signals` and each
# dimension's `notes`. The debrief takes no other version: an older file has no checksum.
SUBMITTED_FORMAT = 3
RECORD_SCHEMA = Path(__file__).resolve().parent.parent / "schemas" / "decision-record.schema.json"
# The browser's keys, scoped by core/storage.mjs: the page's current candidate, and each
# candidate's debrief (imported scorecards, reveal, the panel's decision).
STORAGE_KEY = "interview-playbooks:debrief:v1:{page}"
STATE_KEY = STORAGE_KEY + ":{candidate}"
DISAGREEMENT = 2  # points between the highest and lowest score of a signal
CALIBRATION_KEY = "interview-playbooks:calibration:v1"
# An interviewer is called lenient (severe) when their scores sit this far above (below) the
# rest of the panel's on the same candidates and signals, over at least COMPARABLE scores;
# "always the same score" takes SAME_SCORE scores or more, all on one point.
LENIENCY = 0.75
COMPARABLE = 3
SAME_SCORE = 4


@functools.cache
def record_format() -> dict:
    """The decision record's schema id and version, stamped on its JSON."""
    schema = json.loads(RECORD_SCHEMA.read_text(encoding="utf-8"))
    return {"schema": schema["$id"], "version": schema["properties"]["format_version"]["const"]}


def _export_schema_id() -> str:
    return json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))["$id"]


def _interview(index: Index, playbook: model.Playbook, focus: list[str], interviewer: str,
               note: str = "") -> dict:
    return {"playbook": playbook.id, "title": playbook.title,
            "rubric_version": index.rubric_versions[playbook.id], "duration": playbook.duration,
            "focus": list(focus), "interviewer": interviewer, "note": note}


def _bar(index: Index, playbooks: list[model.Playbook], signal_id: str) -> dict:
    """A signal's hire bar and anchors at the level, from the first of `playbooks` whose
    rubric has a dimension for it (none: the signal's own hire and no-hire evidence)."""
    for playbook in playbooks:
        for dimension in playbook.rubric.dimensions if playbook.rubric else []:
            if dimension.signal == signal_id:
                return {"hire": dimension.hire, "no_hire": dimension.no_hire,
                        "anchors": [{"score": a.score, "text": a.text}
                                    for a in sorted(dimension.anchors, key=lambda a: -a.score)]}
    signal = index.signals[signal_id]
    return {"hire": "; ".join(signal.hire), "no_hire": "; ".join(signal.no_hire), "anchors": []}


def _signals(index: Index, interviews: list[dict]) -> list[dict]:
    """The signals the panel weighs: every interview's focus, in loop order."""
    ids = list(dict.fromkeys(s for interview in interviews for s in interview["focus"]))
    result = []
    for signal_id in ids:
        owners = [n for n, interview in enumerate(interviews) if signal_id in interview["focus"]]
        playbooks = [index.playbooks[interviews[n]["playbook"]] for n in owners]
        result.append({"id": signal_id, "name": index.signals[signal_id].name,
                       "accountable": owners, **_bar(index, playbooks, signal_id)})
    return result


def _data(index: Index, kind: str, item_id: str, title: str, role: str, level: str,
          interviews: list[dict], scale_of: model.Playbook) -> dict:
    score = index.scales[scale_of.rubric.scale if scale_of.rubric else "score"]
    recommendation = index.scales[scale_of.recommendation_scale]
    scales = scales_of(score, recommendation)
    leans = {point.id: point.leans or "" for point in recommendation.points}
    for point in scales["recommendation"]:
        point["leans"] = leans[point["id"]]
    page = f"{kind}/{item_id}"
    return {
        "kind": kind, "id": item_id, "title": title, "role": role, "level": level,
        "level_name": index.levels[level].name, "interviews": interviews,
        "signals": _signals(index, interviews), **scales,
        "accepts": {"schema": _export_schema_id(), "format_version": SUBMITTED_FORMAT,
                    "form": "scorecard", "status": "submitted"},
        "disagreement": DISAGREEMENT,
        "storage": {"page": STORAGE_KEY.format(page=page),
                    "state": STATE_KEY.format(page=page, candidate="{candidate}")},
        "record": record_format(),
    }


def loop_debrief(index: Index, loop: model.Loop) -> dict:
    """A loop's debrief: its interviews in order, each accountable for its focus signals."""
    interviews = [_interview(index, index.playbooks[i.playbook], i.focus, i.interviewer, i.note)
                  for i in loop.interviews]
    first = index.playbooks[loop.interviews[0].playbook]
    return _data(index, "loop", loop.id, loop.title, loop.role, loop.level, interviews, first)


def _focus(index: Index, playbook: model.Playbook) -> list[str]:
    """The signals a playbook's debrief weighs: those its rubric assesses (a rubric of
    criteria only, or none: the signals its questions probe)."""
    focus = [d.signal for d in playbook.rubric.dimensions] if playbook.rubric else []
    return focus or sorted(index.signal_coverage.get(playbook.id, {}))


def playbook_debrief(index: Index, playbook: model.Playbook) -> dict:
    """A playbook's debrief: one interview, accountable for the signals of `_focus`."""
    focus = _focus(index, playbook)
    interviews = [_interview(index, playbook, focus, "")]
    return _data(index, "playbook", playbook.id, playbook.title, playbook.role, playbook.level,
                 interviews, playbook)


def calibration(index: Index, playbooks: list[model.Playbook]) -> dict:
    """The calibration page's data: every playbook a scorecard may come from, with its rubric
    version and the signals it weighs, those signals' names, the score scale, and the rules."""
    entries = [{"playbook": p.id, "title": p.title, "rubric_version": index.rubric_versions[p.id],
                "focus": _focus(index, p)} for p in playbooks]
    ids = list(dict.fromkeys(s for entry in entries for s in entry["focus"]))
    score = index.scales["score"]
    return {
        "playbooks": entries,
        "signals": [{"id": s, "name": index.signals[s].name} for s in ids],
        "scale": sorted(({"value": p.score, "label": p.label} for p in score.points
                         if p.score is not None), key=lambda point: point["value"]),  # 1 to 5
        "accepts": {"schema": _export_schema_id(), "format_version": SUBMITTED_FORMAT,
                    "form": "scorecard", "status": "submitted"},
        "rules": {"leniency": LENIENCY, "comparable": COMPARABLE, "same_score": SAME_SCORE},
        "storage": {"page": CALIBRATION_KEY},
    }
