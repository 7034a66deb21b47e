"""What a role's two overview pages show, as plain data for their templates.

* The level comparison (`roles/<id>/levels/`): one column per level that has a playbook for
  the role, lowest rank first; rows for the level's scope, the signals its rubrics assess,
  and one row per signal any of the role's rubrics assesses, with each level's bar on it.
* The signal coverage (`roles/<id>/coverage/`): one row per playbook of the role, one column
  per signal its playbooks probe or assess, each cell the number of the playbook's questions
  that probe the signal (Index.signal_coverage), flagged where a rubric dimension has fewer
  than two, the same count and threshold as validate.py's rubric_dimensions_are_probed; and
  the levels the role has no playbook at yet. That is coverage, never a failure: a role may
  be contributed with one playbook (the home matrix says "none yet" too).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import model
from .index import Index
from .validate import expected_signals

ENOUGH_QUESTIONS = 2  # per rubric dimension: fewer is advice, none an error (validate.py)


def role_playbooks(index: Index, role_id: str) -> list[model.Playbook]:
    """The role's playbooks, lowest level first, then shortest."""
    return sorted((index.playbooks[pid] for pid in index.playbooks_by_role.get(role_id, [])),
                  key=lambda p: (index.levels[p.level].rank, p.duration, p.id))


@dataclass
class Column:
    level: model.Level
    playbooks: list[model.Playbook]

    @property
    def labelled(self) -> bool:
        """Bars name their playbook when the level has more than one."""
        return len(self.playbooks) > 1


@dataclass
class Bar:
    playbook: model.Playbook
    dimension: model.Dimension


@dataclass
class SignalRow:
    signal: model.Signal
    cells: list[list[Bar]] = field(default_factory=list)  # one list per column; [] = "—"


def level_comparison(index: Index, role_id: str) -> dict:
    playbooks = role_playbooks(index, role_id)
    columns = [Column(level, [p for p in playbooks if p.level == level.id])
               for level in index.levels_in_order()]
    missing = [column.level for column in columns if not column.playbooks]
    columns = [column for column in columns if column.playbooks]
    assessed = dict.fromkeys(dimension.signal for column in columns for p in column.playbooks
                             for dimension in (p.rubric.dimensions if p.rubric else []))
    rows = []
    for signal_id in assessed:
        row = SignalRow(index.signals[signal_id])
        for column in columns:
            row.cells.append([Bar(p, d) for p in column.playbooks
                              for d in (p.rubric.dimensions if p.rubric else [])
                              if d.signal == signal_id])
        rows.append(row)
    return {"columns": columns, "rows": rows, "missing_levels": missing}


@dataclass
class Cell:
    signal: str
    count: int
    dimension: bool  # the signal is a dimension of this playbook's rubric

    @property
    def status(self) -> str:
        """"error", "warning" or "" (fine, or not a rubric dimension)."""
        if not self.dimension:
            return ""
        return "error" if self.count == 0 else "warning" if self.count < ENOUGH_QUESTIONS else ""


def coverage(index: Index, role_id: str) -> dict:
    playbooks = role_playbooks(index, role_id)
    dimensions = {p.id: [d.signal for d in (p.rubric.dimensions if p.rubric else [])]
                  for p in playbooks}
    assessed = dict.fromkeys(signal for p in playbooks for signal in dimensions[p.id])
    probed = {signal for p in playbooks for signal in index.signal_coverage.get(p.id, {})}
    signals = list(assessed) + sorted(probed - set(assessed),
                                      key=lambda s: index.signals[s].name.lower())
    rows = [(p, [Cell(s, index.signal_coverage.get(p.id, {}).get(s, 0), s in dimensions[p.id])
                 for s in signals]) for p in playbooks]
    covered = {p.level for p in playbooks}
    return {"signals": [index.signals[s] for s in signals], "assessed": set(assessed),
            "rows": rows, "enough": ENOUGH_QUESTIONS,
            "missing_levels": [level for level in index.levels_in_order()
                               if level.id not in covered]}


@dataclass
class LoopCell:
    focus: bool  # the interview is accountable for the signal
    probes: int  # how many of its playbook's questions probe it


def loop_plan(index: Index, loop: model.Loop) -> dict:
    """A loop's interviews and its interview × signal matrix: the signals its own-role
    playbooks' rubrics assess first, then any other signal an interview answers for."""
    expected = expected_signals(index.catalog, loop)  # as the rule reads it
    focus = [s for interview in loop.interviews for s in interview.focus]
    signals = list(dict.fromkeys(expected + focus))
    rows = [(index.signals[s], s in expected,
             [LoopCell(s in interview.focus,
                       index.signal_coverage.get(interview.playbook, {}).get(s, 0))
              for interview in loop.interviews])
            for s in signals]
    return {"interviews": [(interview, index.playbooks[interview.playbook])
                           for interview in loop.interviews],
            "minutes": sum(index.playbooks[i.playbook].duration for i in loop.interviews),
            "rows": rows}
