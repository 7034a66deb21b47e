"""Cross-references between items, computed once per build from a valid catalog.

Everything here is derived: backlinks, groupings and rubric versions have their own
names and are never written back to the data.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .catalog import Catalog, read_catalog
from .problems import DataError, Problem
from .validate import validate


@dataclass(frozen=True)
class Verdict:
    """A playbook's guidance for one point of its recommendation scale, resolved."""

    id: str  # the point's id, e.g. "no-hire"
    label: str  # the source's own name for it, else the point's label (contributor text)
    point_label: str  # the point's label on the scale (contributor text)
    tone: str  # "positive", "neutral" or "negative": where the point sits on the scale
    signs: list[str]


@dataclass
class Index:
    """A valid catalog plus everything computed from it."""

    catalog: Catalog
    warnings: list[Problem] = field(default_factory=list)
    questions_by_signal: dict[str, list[str]] = field(default_factory=dict)
    playbooks_by_question: dict[str, list[str]] = field(default_factory=dict)
    playbooks_assessing: dict[str, list[str]] = field(default_factory=dict)  # by signal id
    playbooks_by_role: dict[str, list[str]] = field(default_factory=dict)
    playbooks_by_level: dict[str, list[str]] = field(default_factory=dict)
    questions_by_level: dict[str, list[str]] = field(default_factory=dict)
    questions_by_role: dict[str, list[str]] = field(default_factory=dict)
    rubric_versions: dict[str, str] = field(default_factory=dict)  # by playbook id
    samples_by_playbook: dict[str, list[str]] = field(default_factory=dict)
    # By playbook id, then signal id: how many of the playbook's questions (each counted once)
    # probe the signal. The role coverage page reads it; validate.py's
    # rubric_dimensions_are_probed counts the same way.
    signal_coverage: dict[str, dict[str, int]] = field(default_factory=dict)
    # By playbook id: its recommendation guidance in the order of its scale, best first.
    guidance: dict[str, list[Verdict]] = field(default_factory=dict)
    loops_by_role: dict[str, list[str]] = field(default_factory=dict)
    loops_by_level: dict[str, list[str]] = field(default_factory=dict)
    loops_by_playbook: dict[str, list[str]] = field(default_factory=dict)

    # Shortcuts, so templates read `index.questions` rather than `index.catalog.questions`.
    @property
    def signals(self): return self.catalog.signals
    @property
    def scales(self): return self.catalog.scales
    @property
    def roles(self): return self.catalog.roles
    @property
    def levels(self): return self.catalog.levels
    @property
    def banks(self): return self.catalog.banks
    @property
    def questions(self): return self.catalog.questions
    @property
    def playbooks(self): return self.catalog.playbooks
    @property
    def samples(self): return self.catalog.samples
    @property
    def topic_of(self): return self.catalog.topic_of
    @property
    def loops(self): return self.catalog.loops

    def levels_in_order(self) -> list[model.Level]:
        return sorted(self.levels.values(), key=lambda level: level.rank)

    def source_file(self, item) -> str:
        """The data file an item was written in, as a path under the repository."""
        doc, _ = item.where
        return self.catalog.repository_paths[doc.file]


def build_index(catalog: Catalog, warnings: list[Problem] | None = None) -> Index:
    """Compute every cross-reference of a catalog that validated without errors."""
    index = Index(catalog, warnings or [])
    by_signal, by_question, assessing = defaultdict(list), defaultdict(list), defaultdict(list)
    by_role, by_level = defaultdict(list), defaultdict(list)
    for question in catalog.questions.values():
        for signal in question.signals:
            by_signal[signal].append(question.id)
    for playbook in sorted(catalog.playbooks.values(), key=lambda p: p.id):
        by_role[playbook.role].append(playbook.id)
        by_level[playbook.level].append(playbook.id)
        for segment in playbook.segments:
            for qid in segment.question_ids():
                if playbook.id not in by_question[qid]:
                    by_question[qid].append(playbook.id)
        for dimension in playbook.rubric.dimensions if playbook.rubric else []:
            assessing[dimension.signal].append(playbook.id)
        index.rubric_versions[playbook.id] = rubric_version(playbook, catalog)
    index.questions_by_signal = dict(by_signal)
    index.playbooks_by_question = dict(by_question)
    index.playbooks_assessing = dict(assessing)
    index.playbooks_by_role = dict(by_role)
    index.playbooks_by_level = dict(by_level)
    index.samples_by_playbook = _group(catalog.samples.values(), lambda s: [s.playbook])
    loops = sorted(catalog.loops.values(), key=lambda lp: (catalog.levels[lp.level].rank, lp.id))
    index.loops_by_role = _group(loops, lambda lp: [lp.role])
    index.loops_by_level = _group(loops, lambda lp: [lp.level])
    index.loops_by_playbook = _group(loops, lambda lp: dict.fromkeys(i.playbook for i in lp.interviews))
    index.questions_by_level = _group(catalog.questions.values(), lambda q: q.levels)
    index.questions_by_role = {
        role: sorted({qid for pid in pids for qid in catalog.playbooks[pid].question_ids()})
        for role, pids in by_role.items()}
    for playbook in catalog.playbooks.values():  # signal_coverage
        counts = index.signal_coverage[playbook.id] = {}
        for qid in dict.fromkeys(playbook.question_ids()):
            for signal in catalog.questions[qid].signals:
                counts[signal] = counts.get(signal, 0) + 1
        scale = catalog.scales[playbook.recommendation_scale]
        index.guidance[playbook.id] = guidance_of(playbook, scale)
    return index


def tone_of(position: int, points: int) -> str:
    """Where a point sits on a scale written best first: the upper half is positive,
    the lower half negative, and the middle point of an odd scale neutral."""
    twice = 2 * position + 1
    return "positive" if twice < points else "negative" if twice > points else "neutral"


def guidance_of(playbook: model.Playbook, scale: model.Scale) -> list[Verdict]:
    """The playbook's guidance entries, resolved against its scale and in the scale's order."""
    position = {point.id: n for n, point in enumerate(scale.points)}
    entries = sorted(playbook.recommendation, key=lambda g: position[g.verdict])
    return [Verdict(id=g.verdict, label=g.label or scale.points[position[g.verdict]].label,
                    point_label=scale.points[position[g.verdict]].label,
                    tone=tone_of(position[g.verdict], len(scale.points)), signs=g.signs)
            for g in entries]


def _group(items, keys_of) -> dict[str, list[str]]:
    grouped = defaultdict(list)
    for item in items:
        for key in keys_of(item):
            grouped[key].append(item.id)
    return dict(grouped)


def _plain(record) -> object:
    """A record as plain data, without positions, for hashing."""
    if dataclasses.is_dataclass(record):
        return {f.name: _plain(getattr(record, f.name)) for f in dataclasses.fields(record)
                if f.name != "where"}
    if isinstance(record, list):
        return [_plain(item) for item in record]
    return record


def rubric_version(playbook: model.Playbook, catalog: Catalog) -> str:
    """A short hash of the playbook's rubric and questions: a filed scorecard names it."""
    content = {"rubric": _plain(playbook.rubric), "segments": _plain(playbook.segments),
               "questions": [_plain(catalog.questions.get(qid))
                             for qid in playbook.question_ids()]}
    digest = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return digest[:8]


@contextlib.contextmanager
def collector_paused():
    """Pause Python's cyclic garbage collector while the data is read.

    Reading a large bank creates millions of objects that all stay alive, and each
    automatic collection would walk every one of them: with the collector paused, turning
    10,000 questions into records is four times faster. Nothing read here is cyclic
    garbage, so nothing is lost by not collecting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_index(data_dir: Path, cache: dict | None = None) -> Index:
    """The whole pipeline up to the index: read, validate, cross-reference.

    Raises DataError (carrying every problem) if the data has any error.
    """
    with collector_paused():
        catalog = read_catalog(Path(data_dir), cache)
        problems = validate(catalog)
        if any(p.severity == "error" for p in problems):
            raise DataError(problems)
        return build_index(catalog, [p for p in problems if p.severity == "warning"])
