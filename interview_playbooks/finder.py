"""What the question finder and the custom loop's scorecard need, as plain data.

The finder page (`questions/`) does not list the questions in its HTML: a bank of 10,000
questions would make it megabytes. The build writes every question once into a compact JSON
file, `questions/finder.json` (pages.FINDER_DATA), which the browser's modules
(docs/assets/javascripts/finder.mjs and loop/page.mjs, reading it with finder/data.mjs)
fetch by a URL relative to the page:

    {"v": 1,
     "levels":  [{"id": "staff", "name": "Staff", "former": ["..."]}, ...],   by rank
     "roles":   [{"id": ..., "name": ...}, ...],
     "signals": [{"id": ..., "name": ...}, ...],                              by name
     "kinds":   [{"id": "deep-dive", "name": "Deep dive"}, ...],
     "topics":  [{"id": "storage", "name": "Storage", "url": "questions/storage/",
                  "hire": "questions/storage/hire.json"}, ...],
     "pages":   ["questions/storage/", "questions/large-bank/2/", ...],
     "scale":   [{"value": 5, "label": "Exceptional"}, ...],       the 1–5 score, best first
     "recommendation": [{"id": "strong-hire", "label": "Strong Hire"}, ...],
     "questions": [{"i": id, "t": title, "p": topic, "u": page, "k": kind, "l": [levels],
                    "s": [signals], "r": [roles], "m": minutes, "f": [former ids]}],
     "playbooks": [{"i": id, "t": title, "r": role, "l": level, "d": duration,
                    "q": [question ids]}, ...]}                 as the navigation lists them

In a question, `p`, `u`, `k`, `l`, `s` and `r` are positions in the tables above (a number
is shorter than an id repeated 10,000 times); `r` holds the roles of the playbooks that ask
the question; `m` is its suggested minutes; `m`, `f` and `former` are left out when empty. A
question's card is at `pages[u] + "#" + i`, relative to the site root: its bank's page, or
one of the numbered pages of a large bank (pages.question_pages).

A playbook's `r` and `l` are positions too; `q` is what a custom loop that starts from the
playbook asks (loop/page.mjs): its questions in schedule order, and of a pool (ask N of
M) its first N options, so that the loop takes the playbook's time.

What only the loop's scorecard shows (hire indicators and the cues interview mode puts on
screen) is most of the bytes of a question; it is kept out of finder.json, in one small
file per bank, `questions/<topic>/hire.json` (pages.HIRE_DATA), each key left out when
empty:

    {"<question id>": {"h": ["hire indicator", ...],
                       "a": "the prompt, word for word",
                       "b": [["mandatory" | "hard" | "follow-up", "probe", "condition"], ...],
                       "s": ["what a strong answer includes", ...],
                       "n": [[5, "what an answer at 5 sounds like"], ...]}}

A probe's condition is left out when it has none. `n` holds the anchors that apply at every
level (a loop has no level), best score first. The loop page fetches the files of the
banks its questions come from.

Titles, names and indicators are plain text (formatting marks removed): the scripts show them
as text, never as HTML.
"""

from __future__ import annotations

import json

from . import model
from .index import Index
from .pages import FINDER_DATA, HIRE_DATA, items_of, url_of
from .scorecard import loop_card  # noqa: F401  (the loop page's card, for the renderer)
from .text import plain

VERSION = 1


def _entry(item_id: str, name: str, former: list[str] | None = None, **more) -> dict:
    entry = {"id": item_id, "name": plain(name), **more}
    if former:
        entry["former"] = list(former)
    return entry


def finder_facets(index: Index, kind_labels: dict[str, str]) -> dict:
    """The values the finder filters by, in the order its checkboxes show them."""
    return {
        "levels": [_entry(level.id, level.name, level.former_ids)
                   for level in index.levels_in_order()],
        "roles": [_entry(role_id, name, index.roles[role_id].former_ids)
                  for role_id, name in items_of(index, "role")],
        "signals": [_entry(signal_id, name, index.signals[signal_id].former_ids)
                    for signal_id, name in items_of(index, "signal")],
        "kinds": [_entry(kind, kind_labels.get(kind, kind))
                  for kind in model.QuestionKind.__args__],
        "topics": [_entry(topic, title, index.banks[topic].former_ids, url=url_of("bank", topic),
                          hire=HIRE_DATA.format(topic))
                   for topic, title in items_of(index, "bank")],
    }


def finder_data(index: Index, kind_labels: dict[str, str], page_of: dict[str, str]) -> dict:
    """Everything finder.json holds (see the module's docstring)."""
    facets = finder_facets(index, kind_labels)
    position = {name: {entry["id"]: n for n, entry in enumerate(entries)}
                for name, entries in facets.items()}
    pages = list(dict.fromkeys(page_of[q.id] for topic, _ in items_of(index, "bank")
                               for q in index.banks[topic].questions))
    position["pages"] = {url: n for n, url in enumerate(pages)}
    questions = []
    for topic, _ in items_of(index, "bank"):
        for question in index.banks[topic].questions:
            roles = dict.fromkeys(index.playbooks[pid].role
                                  for pid in index.playbooks_by_question.get(question.id, []))
            entry = {
                "i": question.id,
                "t": plain(question.title),
                "p": position["topics"][topic],
                "u": position["pages"][page_of[question.id]],
                "k": position["kinds"][question.kind],
                "l": [position["levels"][level] for level in question.levels],
                "s": [position["signals"][signal] for signal in question.signals],
                "r": [position["roles"][role] for role in roles],
            }
            if question.minutes:
                entry["m"] = question.minutes
            if question.former_ids:
                entry["f"] = list(question.former_ids)
            questions.append(entry)
    card = loop_card(index)
    return {"v": VERSION, **facets, "pages": pages, "scale": card["scale"],
            "recommendation": card["recommendation"], "questions": questions,
            "playbooks": [_playbook(index, position, pid) for pid, _ in items_of(index, "playbook")]}


def _playbook(index: Index, position: dict[str, dict[str, int]], playbook_id: str) -> dict:
    """A playbook as a loop starts from it: its questions, a pool's first options."""
    playbook = index.playbooks[playbook_id]
    asked = []
    for segment in playbook.segments:
        asked += segment.questions
        for block in segment.blocks:
            asked += block.questions[:block.choose] if block.choose else block.questions
    return {"i": playbook.id, "t": plain(playbook.title), "r": position["roles"][playbook.role],
            "l": position["levels"][playbook.level], "d": playbook.duration,
            "q": list(dict.fromkeys(asked))}


def _strong_cues(question: model.Question) -> list[str]:
    """What a strong answer includes, as short lines: STAR parts, then topics."""
    cues = []
    for answer in question.merged("strong_answer"):
        if answer.star:
            for part in ("situation", "task", "action", "result"):
                items = getattr(answer.star, part)
                if items:
                    cues.append(part.capitalize() + ": " + "; ".join(plain(item) for item in items))
        cues += [plain(topic) for topic in answer.topics]
    return cues


def _cues(question: model.Question) -> dict:
    """A question's hire indicators and interview cues, as hire.json holds them."""
    probes = [[probe.type, plain(probe.text)] + ([plain(probe.condition)] if probe.condition else [])
              for probe in question.merged("probes")]
    entry = {"h": [plain(indicator.text) for indicator in question.merged("hire")],
             "a": plain(question.prompt).strip(), "b": probes, "s": _strong_cues(question),
             "n": [[anchor.score, plain(anchor.text)] for anchor in question.anchors_at(None)]}
    return {name: value for name, value in entry.items() if value}


def hire_data(index: Index, topic: str) -> dict[str, dict]:
    """What a bank's hire.json holds: each question's hire indicators (ours included) and
    the cues of interview mode (see the module's docstring)."""
    return {question.id: _cues(question) for question in index.banks[topic].questions}


def _json(data) -> str:
    """Compact JSON: no spaces, non-ASCII characters as they are."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def data_files(index: Index, kind_labels: dict[str, str], page_of: dict[str, str]) -> dict[str, str]:
    """finder.json and every bank's hire.json: path under the site -> text. `page_of` is
    each question's page (pages.question_pages), as the renderer computed it."""
    files = {FINDER_DATA: _json(finder_data(index, kind_labels, page_of))}
    files.update((HIRE_DATA.format(topic), _json(hire_data(index, topic)))
                 for topic in index.banks)
    return files
