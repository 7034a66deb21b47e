"""The data rules: cross-checks over the whole catalog, each a short rule that yields problems.

Structural problems (types, missing and unknown fields) come from convert.py, load.py and
catalog.py (summarised in STRUCTURAL_CHECKS); the rules here look at records and how they
fit together. Each rule declares its severity, and there are two:

* an **error** fails `make check`, the build and CI;
* **advice** never fails anything, anywhere: it is printed apart.

CONTRIBUTING.md's table of checks is generated from RULES and STRUCTURAL_CHECKS
(`python -m interview_playbooks rules --write CONTRIBUTING.md`), each described by the first
sentence of its docstring, so the guide cannot drift from the code.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path
from typing import Callable, Iterator, Literal, NamedTuple

from . import model
from .catalog import Catalog, at
from .problems import Problem, did_you_mean

Severity = Literal["error", "advice"]
Rule = Callable[[Catalog], Iterator[Problem]]
RULES: list[Rule] = []
# How each severity is carried by a Problem ("warning" is also GitHub's annotation name).
PROBLEM_SEVERITY = {"error": "error", "advice": "warning"}


def rule(severity: Severity) -> Callable[[Rule], Rule]:
    """Register a rule with its severity; every problem it yields gets that severity."""
    if severity not in PROBLEM_SEVERITY:
        raise ValueError(f"unknown severity {severity!r}")

    def register(function: Rule) -> Rule:
        function.severity = severity
        function.rule_name = function.__name__.replace("_", "-")
        RULES.append(function)
        return function
    return register


def validate(catalog: Catalog) -> list[Problem]:
    """Every problem in the catalog, from reading and from every rule."""
    problems = list(catalog.problems)
    for check in RULES:
        severity = PROBLEM_SEVERITY[check.severity]
        problems.extend(dataclasses.replace(problem, severity=severity)
                        for problem in check(catalog))
    return problems


class Check(NamedTuple):
    """One line of the table of checks: a name, a severity and one sentence."""

    name: str
    severity: Severity
    sentence: str


# What convert.py, load.py and catalog.py check while reading, before any rule runs: all
# errors. (Their tests are the CASES of tests/test_validation.py.)
STRUCTURAL_CHECKS = [
    Check("files-are-readable", "error",
          "Error if a data file is not UTF-8 YAML of at most 1 MB, is empty, or uses tabs for "
          "indentation, a key twice, anchors and aliases, or tags."),
    Check("files-are-known", "error",
          "Error if a file under data/ is not a known kind of data file, is not a regular file "
          "inside data/, or has a name that is not an id."),
    Check("fields-are-valid", "error",
          "Error if a required field is missing, a field is unknown, or a value has the wrong "
          "type, is out of range or is not one of the allowed values."),
    Check("ids-are-valid-and-unique", "error",
          "Error if an id is not lowercase words joined by hyphens, is too long, or is used by "
          "two items of the same kind."),
]


def first_sentence(text: str) -> str:
    """The first sentence of a docstring, on one line."""
    flat = " ".join((text or "").split())
    match = re.match(r"(.+?[.!?])(\s|$)", flat)
    return match.group(1) if match else flat


def checks() -> list[Check]:
    """Every check the validator makes: the structural ones, then every rule in order."""
    return STRUCTURAL_CHECKS + [Check(r.rule_name, r.severity, first_sentence(r.__doc__))
                                for r in RULES]


def rules_table() -> str:
    """The Markdown table of checks that CONTRIBUTING.md holds."""
    lines = ["| Check | Severity | What it checks |", "|---|---|---|"]
    for check in checks():
        severity = "**error** (fails CI)" if check.severity == "error" else "advice (never fails)"
        sentence = check.sentence.replace("|", "\\|")  # a pipe would end the cell
        lines.append(f"| `{check.name}` | {severity} | {sentence} |")
    return "\n".join(lines) + "\n"


RULES_START, RULES_END = "<!-- rules:start -->", "<!-- rules:end -->"


def with_rules_table(text: str) -> str:
    """The text with the table between the rules markers replaced by the current one."""
    start, end = text.index(RULES_START) + len(RULES_START), text.index(RULES_END)
    note = ("\n<!-- Generated from interview_playbooks/validate.py by "
            "`python -m interview_playbooks rules --write CONTRIBUTING.md`: do not edit. -->\n")
    return text[:start] + note + rules_table() + text[end:]


def write_rules_table(path: Path) -> bool:
    """Rewrite the table in a file; True if it changed."""
    old = path.read_text(encoding="utf-8")
    new = with_rules_table(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old


def former_ids(catalog: Catalog, kind: str) -> dict[str, str]:
    """Former id -> current id, for one kind."""
    return {old: item.id for item in catalog.of_kind(kind).values()
            for old in getattr(item, "former_ids", [])}


@rule("error")
def references_resolve(catalog: Catalog) -> Iterator[Problem]:
    """Error if a field names an id that no item of that kind has."""
    renamed = {kind: former_ids(catalog, kind) for kind in ("signal", "role", "level", "question")}
    for ref in catalog.references:
        known = catalog.of_kind(ref.kind)
        if ref.id in known:
            continue
        new_id = renamed.get(ref.kind, {}).get(ref.id)
        if new_id:
            hint = f"'{ref.id}' was renamed: write '{new_id}'"
        else:
            hint = did_you_mean(ref.id, known) or f"no {ref.kind} has this id; check the spelling"
        yield Problem(ref.doc.where(ref.path), f"{ref.owner}: unknown {ref.kind} '{ref.id}'", hint)


@rule("error")
def former_ids_are_free(catalog: Catalog) -> Iterator[Problem]:
    """Error if a former id is still in use, or claimed by two items."""
    for kind in ("signal", "role", "level", "question", "playbook", "topic"):
        items = catalog.of_kind(kind)  # by id; a bank's id is its topic, its file name
        claimed: dict[str, str] = {}
        for item_id, item in items.items():
            for old in item.former_ids:
                if old in items or old in claimed:
                    other = old if old in items else claimed[old]
                    yield Problem(at(item, "former_ids"),
                                  f"{kind} '{item_id}': former id '{old}' is also used by "
                                  f"{kind} '{other}'", "an id can belong to one item only")
                claimed[old] = item_id


# Pages under /questions/ that are not banks (pages.OTHER_URLS): a bank of that name would
# collide with them. A test keeps the two in step.
RESERVED_TOPICS = {"loop"}


def _former_ids_taken(item, kind: str, item_id: str, reserved: set[str], section: str,
                      ever: str) -> Iterator[Problem]:
    """A problem for each former id of `item` that is one of the `reserved` pages' names."""
    for old in item.former_ids:
        if old in reserved:
            yield Problem(at(item, "former_ids"), f"{kind} '{item_id}': former id '{old}' is taken "
                          f"by a page of the site (/{section}/{old}/)", f"remove it: {ever}")


@rule("error")
def topic_names_are_free(catalog: Catalog) -> Iterator[Problem]:
    """Error if a bank's file name, or a former one, is taken by another page. (That it is
    an id at all is checked before the file is read: see catalog.name_problem.)"""
    for topic, bank in catalog.banks.items():
        if topic in RESERVED_TOPICS:
            yield Problem(at(bank), f"the bank file name '{topic}' is taken by a page of the site "
                          f"(/questions/{topic}/)", f"rename the file, e.g. to '{topic}-questions.yaml'")
        yield from _former_ids_taken(bank, "topic", topic, RESERVED_TOPICS, "questions",
                                     "no bank ever had that name")


# Pages under /loops/ that are not hiring loops (pages.OTHER_URLS): a loop of that id would
# collide with them. A test keeps the two in step.
RESERVED_LOOPS = {"calibration"}


@rule("error")
def loop_ids_are_free(catalog: Catalog) -> Iterator[Problem]:
    """Error if a hiring loop's id, or a former one, is taken by another page."""
    for loop_id, loop in catalog.loops.items():
        if loop_id in RESERVED_LOOPS:
            yield Problem(at(loop, "id"), f"the loop id '{loop_id}' is taken by a page of the site "
                          f"(/loops/{loop_id}/)", f"rename the loop, e.g. to '{loop_id}-loop'")
        yield from _former_ids_taken(loop, "loop", loop_id, RESERVED_LOOPS, "loops",
                                     "no loop ever had that id")


# The fixed anchors of the pages on which question ids are anchors too (bank pages, their
# numbered parts and playbook pages: overrides/playbooks/{bank,bank-part,playbook}.md and
# _bank_questions.html). A question id or former id equal to one would be a second element
# with the same id; a test reads every id of the built pages to keep this list complete.
# Material's own ids (`__search`, `__nav_2`...) and the anchors Markdown derives from
# headings for a repeated id (`ownership_1`) hold an underscore, which no id can.
# A bank page's title has a fixed anchor (`top`): on a large bank's index page, question
# anchors are raw HTML, which Markdown cannot see when it derives a title's anchor.
RESERVED_ANCHORS = frozenset({"schedule", "rubric", "recommendation", "top"})
# Anchors numbered by the template: `segment-<start minute>` and a large bank's `page-<n>`.
RESERVED_ANCHOR_PREFIXES = ("segment-", "page-")


def is_reserved_anchor(anchor: str) -> bool:
    return anchor in RESERVED_ANCHORS or any(
        anchor.startswith(prefix) and anchor[len(prefix):].isdigit()
        for prefix in RESERVED_ANCHOR_PREFIXES)


@rule("error")
def question_ids_are_not_page_anchors(catalog: Catalog) -> Iterator[Problem]:
    """Error if a question's id (or former id) is an anchor its pages already use."""
    for question in catalog.questions.values():
        named = [(("id",), question.id)]
        named += [(("former_ids", i), old) for i, old in enumerate(question.former_ids)]
        for field, anchor in named:
            if is_reserved_anchor(anchor):
                yield Problem(at(question, *field), f"question '{question.id}': the id '{anchor}' "
                              "is taken by a section of the bank and playbook pages "
                              f"(#{anchor})", f"choose a longer id, such as '{anchor}-question'")


@rule("error")
def time_boxes_add_up(catalog: Catalog) -> Iterator[Problem]:
    """Error if time boxes overlap, leave gaps, or do not fill the playbook's duration."""
    for playbook in catalog.playbooks.values():
        owner = f"playbook '{playbook.id}'"
        expected_start = 0
        for i, segment in enumerate(playbook.segments):
            where = at(playbook, "segments", i, "start")
            span = f"segment '{segment.title}' ({segment.start}–{segment.end} min)"
            if segment.end <= segment.start:
                yield Problem(at(playbook, "segments", i, "end"),
                              f"{owner}: {span} ends before it starts",
                              "make `end` greater than `start`")
            if segment.start < expected_start:
                yield Problem(where, f"{owner}: {span} overlaps the time box before it, "
                              f"which ends at minute {expected_start}",
                              f"start it at minute {expected_start}")
            elif segment.start > expected_start:
                yield Problem(where, f"{owner}: {span} leaves a gap from minute "
                              f"{expected_start} to {segment.start}",
                              f"start it at minute {expected_start}, or add a time box for the gap")
            expected_start = max(expected_start, segment.end)
        if playbook.segments and expected_start != playbook.duration:
            yield Problem(at(playbook, "duration"),
                          f"{owner}: the time boxes end at minute {expected_start}, "
                          f"but the duration is {playbook.duration} minutes",
                          "make the last time box end at the duration, or correct `duration`")


@rule("error")
def segments_use_questions_or_blocks(catalog: Catalog) -> Iterator[Problem]:
    """Error if a segment uses both `questions` and `blocks`."""
    for playbook in catalog.playbooks.values():
        for i, segment in enumerate(playbook.segments):
            if segment.questions and segment.blocks:
                yield Problem(at(playbook, "segments", i, "blocks"),
                              f"playbook '{playbook.id}', segment '{segment.title}': "
                              "has both `questions` and `blocks`",
                              "move the questions into a block without a title")


@rule("advice")
def playbooks_ask_each_question_once(catalog: Catalog) -> Iterator[Problem]:
    """Advice if a playbook lists a question twice."""
    for playbook in catalog.playbooks.values():
        seen: set[str] = set()
        for i, segment in enumerate(playbook.segments):
            for question in segment.question_ids():
                if question in seen:
                    yield Problem(at(playbook, "segments", i),
                                  f"playbook '{playbook.id}': question '{question}' is used twice",
                                  "each question should appear once per playbook")
                seen.add(question)


@rule("error")
def pools_offer_enough(catalog: Catalog) -> Iterator[Problem]:
    """Error if a pool chooses more questions than it offers."""
    for playbook in catalog.playbooks.values():
        for i, segment in enumerate(playbook.segments):
            for j, block in enumerate(segment.blocks):
                if block.choose and block.choose > len(block.questions):
                    yield Problem(at(playbook, "segments", i, "blocks", j, "choose"),
                                  f"playbook '{playbook.id}': the pool "
                                  f"'{block.title or segment.title}' chooses {block.choose} "
                                  f"question(s) but offers {len(block.questions)}",
                                  "add questions to the pool or lower `choose`")


def dimension_probes(catalog: Catalog) -> Iterator[tuple]:
    """(playbook, dimension number, dimension, how many of its questions probe the signal)."""
    for playbook in catalog.playbooks.values():
        if not playbook.rubric:
            continue
        questions = [catalog.questions[qid] for qid in dict.fromkeys(playbook.question_ids())
                     if qid in catalog.questions]
        if any(signal not in catalog.signals for q in questions for signal in q.signals):
            continue  # a misspelt signal is reported already; don't pile a second error on it
        probing: dict[str, int] = {}
        for question in questions:
            for signal in question.signals:
                probing[signal] = probing.get(signal, 0) + 1
        for i, dimension in enumerate(playbook.rubric.dimensions):
            if dimension.signal not in catalog.signals:
                continue
            yield playbook, i, dimension, probing.get(dimension.signal, 0)


def _dimension_owner(playbook, dimension) -> str:
    return f"playbook '{playbook.id}': the rubric dimension '{dimension.signal}'"


@rule("error")
def rubric_dimensions_are_probed(catalog: Catalog) -> Iterator[Problem]:
    """Error if a rubric dimension is probed by none of its playbook's questions."""
    for playbook, i, dimension, count in dimension_probes(catalog):
        if count == 0:
            yield Problem(at(playbook, "rubric", "dimensions", i, "signal"),
                          f"{_dimension_owner(playbook, dimension)} is probed by none of its "
                          "questions", f"add '{dimension.signal}' to the `signals` of a question "
                          "the playbook asks that really probes it, or add such a question")


@rule("advice")
def rubric_dimensions_are_probed_twice(catalog: Catalog) -> Iterator[Problem]:
    """Advice if a rubric dimension is probed by one question only (thin evidence for a score)."""
    for playbook, i, dimension, count in dimension_probes(catalog):
        if count == 1:
            # Tagging a question with a signal it does not really probe would silence this
            # and weaken the score: the hint says so.
            yield Problem(at(playbook, "rubric", "dimensions", i, "signal"),
                          f"{_dimension_owner(playbook, dimension)} is probed by one question "
                          "only", "add a question that really probes "
                          f"'{dimension.signal}', or accept this advice (it never fails); do not "
                          "tag a question with a signal it does not probe")


@rule("error")
def rubric_dimensions_say_hire_and_no_hire(catalog: Catalog) -> Iterator[Problem]:
    """Error if a playbook has no rubric dimension, or a dimension lacks its `hire` or
    `no_hire` text."""
    for playbook in catalog.playbooks.values():
        if not playbook.rubric or not playbook.rubric.dimensions:
            yield Problem(at(playbook, "rubric") if playbook.rubric else at(playbook),
                          f"playbook '{playbook.id}' has no rubric dimensions",
                          "add `rubric: {dimensions: [...]}` with one dimension per signal "
                          "the interview scores")
            continue
        for i, dimension in enumerate(playbook.rubric.dimensions):
            missing = [name for name in ("hire", "no_hire") if not getattr(dimension, name)]
            if missing:
                yield Problem(at(playbook, "rubric", "dimensions", i),
                              f"{_dimension_owner(playbook, dimension)} needs "
                              + " and ".join(f"`{name}`" for name in missing),
                              "say what hire and no-hire look like on this dimension, so "
                              "interviewers score it alike")


MIN_GUIDANCE = 2  # recommendation guidance entries: one verdict alone guides no decision


@rule("error")
def playbooks_offer_recommendation_guidance(catalog: Catalog) -> Iterator[Problem]:
    """Error if a playbook has fewer than two recommendation guidance entries."""
    for playbook in catalog.playbooks.values():
        if len(playbook.recommendation) < MIN_GUIDANCE:
            yield Problem(at(playbook, "recommendation") if playbook.recommendation
                          else at(playbook),
                          f"playbook '{playbook.id}' has {len(playbook.recommendation)} "
                          f"recommendation guidance entr{'y' if len(playbook.recommendation) == 1 else 'ies'}"
                          f", fewer than {MIN_GUIDANCE}",
                          "add `recommendation:` entries for at least a hire and a no-hire "
                          "verdict, e.g. `- verdict: no-hire` with its `signs:`")


@rule("error")
def guidance_names_points_of_the_recommendation_scale(catalog: Catalog) -> Iterator[Problem]:
    """Error if a guidance entry's `verdict` is not the id of a point on the playbook's
    recommendation scale, or two entries name the same point."""
    for playbook in catalog.playbooks.values():
        scale = catalog.scales.get(playbook.recommendation_scale)
        if not scale:
            continue  # reported as an unknown scale
        points = [point.id for point in scale.points]
        seen: set[str] = set()
        for i, guidance in enumerate(playbook.recommendation):
            if guidance.verdict not in points:
                yield Problem(at(playbook, "recommendation", i, "verdict"),
                              f"playbook '{playbook.id}': verdict '{guidance.verdict}' is not "
                              f"a point of the scale '{scale.id}'",
                              did_you_mean(guidance.verdict, points)
                              or "use one of: " + ", ".join(points))
            elif guidance.verdict in seen:
                yield Problem(at(playbook, "recommendation", i, "verdict"),
                              f"playbook '{playbook.id}': two guidance entries for "
                              f"'{guidance.verdict}'",
                              "merge their `signs:` into one entry")
            seen.add(guidance.verdict)


@rule("error")
def playbooks_have_a_tailoring_note(catalog: Catalog) -> Iterator[Problem]:
    """Error if a playbook has no `tailoring` note."""
    for playbook in catalog.playbooks.values():
        if not playbook.tailoring:
            yield Problem(at(playbook), f"playbook '{playbook.id}' has no `tailoring` note",
                          "add `tailoring:`: how to adapt the plan to the candidate's résumé")


@rule("error")
def tables_are_rectangular(catalog: Catalog) -> Iterator[Problem]:
    """Error if an assessment row has more or fewer cells than the table has columns."""
    for question in catalog.questions.values():
        table = question.assessment
        if not table:
            continue
        for i, row in enumerate(table.rows):
            if len(row) != len(table.columns):
                yield Problem(at(question, "assessment", "rows", i),
                              f"question '{question.id}': assessment row {i + 1} has "
                              f"{len(row)} cell(s) but the table has {len(table.columns)} columns",
                              "give every row one cell per column")


@rule("error")
def scales_fit_their_use(catalog: Catalog) -> Iterator[Problem]:
    """Error if a rubric is scored on a scale without numeric scores, or a point with a
    score says which way it leans (only recommendation verdicts lean)."""
    for scale in catalog.scales.values():
        for n, point in enumerate(scale.points):
            if point.score is not None and point.leans:
                yield Problem(at(scale, "points", n, "leans"),
                              f"scale '{scale.id}': the point '{point.id}' has a `score` and "
                              "`leans`", "`leans` is for recommendation verdicts, which the "
                              "debrief counts; a score point says what it means in `description`")
    for playbook in catalog.playbooks.values():
        scale = catalog.scales.get(playbook.rubric.scale) if playbook.rubric else None
        if scale and any(point.score is None for point in scale.points):
            yield Problem(at(playbook, "rubric", "scale"),
                          f"playbook '{playbook.id}': the rubric scale '{scale.id}' has points "
                          "without a `score`", "score the rubric on a numeric scale such as 'score'")


@rule("advice")
def signals_are_probed(catalog: Catalog) -> Iterator[Problem]:
    """Advice if no question probes a signal."""
    probed = {signal for question in catalog.questions.values() for signal in question.signals}
    for signal in catalog.signals.values():
        if signal.id not in probed:
            yield Problem(at(signal), f"signal '{signal.id}': no question probes it",
                          "add it to the `signals` of a question that probes it")



# Words too common to say two signals are about the same thing.
_COMMON_WORDS = frozenset(
    "a an and are as at be by for from how in into is it its of on or that the their them "
    "they this to what when which who with".split())


def _content_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", text.lower())
            if len(word) > 2 and word not in _COMMON_WORDS}


def signals_read_alike(first, second) -> bool:
    """Whether two signals' names or descriptions are close enough to be one competency.

    Names: nearly the same spelling, or every word of one in the other ("Leadership",
    "Technical leadership"). Descriptions: at least four content words and three fifths of
    all of them shared. Tuned so
    that none of the repository's 24 signals reads like another (the closest pair of
    names scores 0.65, of descriptions 0.26).
    """
    names = first.name.lower().strip(), second.name.lower().strip()
    if difflib.SequenceMatcher(None, *names).ratio() >= 0.8:
        return True
    words = [_content_words(name) for name in names]
    if all(words) and (words[0] <= words[1] or words[1] <= words[0]):
        return True
    first_words, second_words = _content_words(first.description), _content_words(second.description)
    shared = len(first_words & second_words)
    return shared >= 4 and shared / len(first_words | second_words) >= 0.6


@rule("advice")
def signals_are_distinct(catalog: Catalog) -> Iterator[Problem]:
    """Advice if a signal's name or description reads like an existing signal's."""
    earlier = []
    for signal in catalog.signals.values():
        for known in earlier:
            if signals_read_alike(known, signal):
                yield Problem(at(signal, "name"), f"signal '{signal.id}' reads like the existing "
                              f"signal '{known.id}' ({known.name}: "
                              f"{' '.join(known.description.split())[:100]}…)",
                              f"if they are one competency, use '{known.id}'; if not, make the "
                              "difference plain in the name and the description")
                break
        earlier.append(signal)

def missing_parts(question) -> list[str]:
    """What a complete question has and this one lacks (seed and added parts together)."""
    probes = question.merged("probes")
    checks = (
        ("a tailoring note", question.tailoring or (question.added and question.added.tailoring)),
        ("a strong answer", question.strong_answer or (question.added and question.added.strong_answer)),
        ("two probes", len(probes) >= 2),
        ("a hard or mandatory probe", any(p.type != "follow-up" for p in probes)),
        ("two hire indicators", len(question.merged("hire")) >= 2),
        ("two no-hire indicators", len(question.merged("no_hire")) >= 2),
        ("a red flag", question.red_flags or (question.added and question.added.red_flags)),
    )
    return [name for name, present in checks if not present]


@rule("error")
def questions_are_complete(catalog: Catalog) -> Iterator[Problem]:
    """Error if a question lacks a part interviewers rely on to score consistently: a
    tailoring note, a strong answer, two probes (one hard or mandatory), two hire and two
    no-hire indicators, a red flag."""
    for question in catalog.questions.values():
        missing = missing_parts(question)
        if missing:
            yield Problem(at(question), f"question '{question.id}' needs " + ", ".join(missing),
                          "interviewers score more consistently when every question has them"
                          + ("; on a seed question, write them under `added`"
                             if question.origin == "seed" else ""))


@rule("error")
def additions_are_on_seed_questions(catalog: Catalog) -> Iterator[Problem]:
    """Error if `added` is used on a question of our own, or repeats a part the seed has."""
    for question in catalog.questions.values():
        if not question.added:
            continue
        if question.origin != "seed":
            yield Problem(at(question, "added"),
                          f"question '{question.id}': `added` is only for seed questions",
                          "move these fields up into the question itself, or set `origin: seed`")
        elif question.strong_answer and question.added.strong_answer:
            yield Problem(at(question, "added", "strong_answer"),
                          f"question '{question.id}': the seed already gives a strong answer",
                          "keep the seed's strong answer; remove `added.strong_answer`")


def levels_asked(catalog: Catalog) -> dict[str, list[str]]:
    """Question id -> ids of the levels it is asked at: its own `levels` and its playbooks'."""
    asked = {qid: list(q.levels) for qid, q in catalog.questions.items()}
    for playbook in catalog.playbooks.values():
        for qid in playbook.question_ids():
            if qid in asked and playbook.level not in asked[qid]:
                asked[qid].append(playbook.level)
    return asked


@rule("error")
def levels_are_described_once(catalog: Catalog) -> Iterator[Problem]:
    """Error if a question's `by_level` describes a level twice."""
    for question in catalog.questions.values():
        written: set[str] = set()
        for i, expectation in enumerate(question.by_level):
            if expectation.level in written:
                yield Problem(at(question, "by_level", i, "level"),
                              f"question '{question.id}': level '{expectation.level}' is "
                              "described twice in `by_level`", "merge the two descriptions")
            written.add(expectation.level)


@rule("advice")
def levels_have_expectations(catalog: Catalog) -> Iterator[Problem]:
    """Advice if a question asked at several levels does not say what each level's answer
    looks like."""
    asked = levels_asked(catalog)
    ranks = {lid: level.rank for lid, level in catalog.levels.items()}
    for question in catalog.questions.values():
        written = {expectation.level for expectation in question.by_level}
        levels = asked.get(question.id, [])
        missing = sorted((lid for lid in levels if lid not in written and lid in ranks),
                         key=ranks.get)
        if len(levels) > 1 and missing:
            yield Problem(at(question, "by_level") if question.by_level else at(question),
                          f"question '{question.id}' is asked at {len(levels)} levels but "
                          "`by_level` does not describe: " + ", ".join(missing),
                          "say what an answer at each level looks like, so interviewers "
                          "at different levels hold the same bar")


@rule("advice")
def playbooks_ask_questions_for_their_level(catalog: Catalog) -> Iterator[Problem]:
    """Advice if a playbook asks a question whose `levels` leave out the playbook's level."""
    for playbook in catalog.playbooks.values():
        for qid in dict.fromkeys(playbook.question_ids()):
            question = catalog.questions.get(qid)
            if question and playbook.level in catalog.levels and playbook.level not in question.levels:
                yield Problem(at(playbook, "level"),
                              f"playbook '{playbook.id}' ({playbook.level}) asks question "
                              f"'{qid}', whose `levels` leave out '{playbook.level}'",
                              f"add '{playbook.level}' to the question's `levels` if it suits "
                              "that level, or choose another question")


@rule("error")
def samples_match_their_playbook(catalog: Catalog) -> Iterator[Problem]:
    """Error if a sample answers a question its playbook does not ask, or names no
    point of the playbook's recommendation scale."""
    for sample in catalog.samples.values():
        playbook = catalog.playbooks.get(sample.playbook)
        if not playbook:
            continue  # reported as an unknown playbook
        asked = set(playbook.question_ids())
        for i, answer in enumerate(sample.answers):
            if answer.question in catalog.questions and answer.question not in asked:
                yield Problem(at(sample, "answers", i, "question"),
                              f"sample '{sample.id}': playbook '{playbook.id}' does not ask "
                              f"question '{answer.question}'",
                              "answer only questions of the sample's playbook")
        scale = catalog.scales.get(playbook.recommendation_scale)
        points = [point.id for point in scale.points] if scale else []
        if scale and sample.recommendation not in points:
            yield Problem(at(sample, "recommendation"),
                          f"sample '{sample.id}': '{sample.recommendation}' is not a point of "
                          f"the scale '{scale.id}'",
                          did_you_mean(sample.recommendation, points)
                          or "use one of: " + ", ".join(points))


# --- Hiring loops ------------------------------------------------------------------------------

def _probed_by(catalog: Catalog, playbook) -> set[str]:
    """The signals a playbook's questions probe (pools included)."""
    return {signal for qid in playbook.question_ids() if qid in catalog.questions
            for signal in catalog.questions[qid].signals}


def expected_signals(catalog: Catalog, loop) -> list[str]:
    """The signals a loop must make someone accountable for: those the rubrics of its own
    role's playbooks assess, in order. (A playbook added later for the role changes no loop
    that does not run it.)"""
    playbooks = [catalog.playbooks[i.playbook] for i in loop.interviews
                 if i.playbook in catalog.playbooks]
    return list(dict.fromkeys(d.signal for p in playbooks if p.role == loop.role
                              for d in (p.rubric.dimensions if p.rubric else [])))


@rule("error")
def loop_interviews_fit_the_loop(catalog: Catalog) -> Iterator[Problem]:
    """Error if a loop runs no playbook of its role, an interview runs a playbook at another
    level, or is accountable for a signal its playbook's questions do not probe."""
    for loop in catalog.loops.values():
        roles = {catalog.playbooks[i.playbook].role for i in loop.interviews
                 if i.playbook in catalog.playbooks}
        if roles and loop.role not in roles:
            yield Problem(at(loop, "role"),
                          f"loop '{loop.id}' runs no playbook for its role '{loop.role}'",
                          "add an interview that runs one of the role's playbooks")
        for i, interview in enumerate(loop.interviews):
            playbook = catalog.playbooks.get(interview.playbook)
            if not playbook:
                continue  # reported as an unknown playbook
            if playbook.level != loop.level:
                yield Problem(at(loop, "interviews", i, "playbook"),
                              f"loop '{loop.id}' ({loop.level}): playbook '{playbook.id}' is "
                              f"for {playbook.level}",
                              f"choose a playbook at '{loop.level}', or add one")
            probed = _probed_by(catalog, playbook)
            for j, signal in enumerate(interview.focus):
                if signal in catalog.signals and signal not in probed:
                    yield Problem(at(loop, "interviews", i, "focus", j),
                                  f"loop '{loop.id}': interview {i + 1} is accountable for "
                                  f"'{signal}', which no question of '{playbook.id}' probes",
                                  "make an interview whose questions probe it accountable "
                                  "for it instead")


@rule("error")
def loops_cover_their_signals(catalog: Catalog) -> Iterator[Problem]:
    """Error if a signal that the rubric of one of the loop's own-role playbooks assesses is
    the focus of no interview of the loop."""
    for loop in catalog.loops.values():
        focus = {signal for interview in loop.interviews for signal in interview.focus}
        missing = [s for s in expected_signals(catalog, loop) if s not in focus]
        if missing:
            yield Problem(at(loop, "interviews"),
                          f"loop '{loop.id}': no interview is accountable for "
                          + ", ".join(f"'{s}'" for s in missing),
                          "add each to the `focus` of an interview whose playbook probes it; "
                          "the rubric of the loop's own-role playbooks assesses it")


@rule("advice")
def loop_focus_is_shared_out(catalog: Catalog) -> Iterator[Problem]:
    """Advice if one signal is the focus of every interview of a loop: nobody owns it."""
    for loop in catalog.loops.values():
        if len(loop.interviews) < 2:
            continue
        shared = set.intersection(*(set(interview.focus) for interview in loop.interviews))
        for signal in sorted(shared):
            yield Problem(at(loop, "interviews"),
                          f"loop '{loop.id}': every interview is accountable for '{signal}'",
                          "make one or two interviews accountable for it, so each interviewer "
                          "knows which evidence the panel expects from them")



# --- Anchored rating scales --------------------------------------------------------------------

# Questions are scored on the scale a rubric uses unless it names another.
QUESTION_SCALE = next(f.default for f in dataclasses.fields(model.Rubric) if f.name == "scale")


def anchor_points(scale) -> list[int]:
    """The scores every anchored item must describe: the highest, the lowest and, on a
    scale of an odd number of points, the middle one (5, 3 and 1 on the 1–5 score)."""
    scores = sorted(point.score for point in scale.points if point.score is not None)
    if not scores:
        return []
    middle = [scores[len(scores) // 2]] if len(scores) % 2 and len(scores) > 2 else []
    return sorted({scores[0], scores[-1], *middle}, reverse=True)


def _anchored(catalog: Catalog):
    """(owner text, record, anchors with their paths, scale, levels) for every question and
    every rubric dimension; a question's anchors include those under `added`."""
    scale = catalog.scales.get(QUESTION_SCALE)
    for question in catalog.questions.values():
        anchors = [(anchor, ("anchors", i)) for i, anchor in enumerate(question.anchors)]
        if question.added:
            anchors += [(anchor, ("added", "anchors", i))
                        for i, anchor in enumerate(question.added.anchors)]
        yield f"question '{question.id}'", question, anchors, scale, question.levels
    for playbook in catalog.playbooks.values():
        if not playbook.rubric:
            continue
        rubric_scale = catalog.scales.get(playbook.rubric.scale)
        for i, dimension in enumerate(playbook.rubric.dimensions):
            anchors = [(anchor, ("rubric", "dimensions", i, "anchors", j))
                       for j, anchor in enumerate(dimension.anchors)]
            yield (_dimension_owner(playbook, dimension), playbook, anchors, rubric_scale,
                   [None], ("rubric", "dimensions", i))


@rule("error")
def anchors_name_points_of_the_scale(catalog: Catalog) -> Iterator[Problem]:
    """Error if an anchor's score is not a point of its scale, or one score is anchored twice
    for the same level."""
    for owner, record, anchors, scale, _levels, *_ in _anchored(catalog):
        if not scale:
            continue
        scores = [point.score for point in scale.points if point.score is not None]
        seen = set()
        for anchor, path in anchors:
            key = (anchor.score, getattr(anchor, "level", None))
            if anchor.score not in scores:
                yield Problem(at(record, *path, "score"),
                              f"{owner}: {anchor.score} is not a score of the scale '{scale.id}'",
                              "use one of: " + ", ".join(map(str, scores)))
            elif key in seen:
                yield Problem(at(record, *path, "score"),
                              f"{owner}: score {anchor.score} is anchored twice"
                              + (f" at '{key[1]}'" if key[1] else ""),
                              "keep one anchor per score (and per level)")
            seen.add(key)


ALIKE = 0.85  # two anchors whose words match this closely read alike


def _reads_alike(first: str, second: str) -> bool:
    a, b = (re.findall(r"\w+", text.lower()) for text in (first, second))
    if a == b:
        return True
    # Compared word by word: a few dozen words rather than hundreds of characters (character
    # by character, 10,000 questions' anchors took 9 s, all the other checks under 1 s), and
    # the cheap upper bounds first.
    matcher = difflib.SequenceMatcher(None, a, b)
    return (matcher.real_quick_ratio() >= ALIKE and matcher.quick_ratio() >= ALIKE
            and matcher.ratio() >= ALIKE)


def _words(numbers) -> str:
    numbers = [str(n) for n in numbers]
    return numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]


@rule("advice")
def anchors_cover_the_scale(catalog: Catalog) -> Iterator[Problem]:
    """Advice if a question (at a level it suits) or a rubric dimension has no anchor for the
    lowest, middle or highest score, or two of its anchors read alike."""
    for owner, record, anchors, scale, levels, *rest in _anchored(catalog):
        if not scale:
            continue
        lacking: dict[tuple, list] = {}  # missing scores -> the levels that lack them
        compared: set[tuple[int, int]] = set()
        path_of = {id(anchor): path for anchor, path in anchors}
        for level in levels:
            # score -> (anchor, path) of the anchors that apply at the level, chosen as the
            # cards choose them (Question.anchors_at); a dimension's all apply.
            applying = (record.anchors_at(level) if isinstance(record, model.Question)
                        else [anchor for anchor, _ in anchors])
            effective = {anchor.score: (anchor, path_of[id(anchor)]) for anchor in applying}
            missing = tuple(s for s in anchor_points(scale) if s not in effective)
            if missing:
                lacking.setdefault(missing, []).append(level)
            chosen = sorted(effective.values(), key=lambda pair: -pair[0].score)
            for (high, _), (low, low_path) in zip(chosen, chosen[1:]):
                if (id(high), id(low)) in compared:  # the same pair at another level
                    continue
                compared.add((id(high), id(low)))
                if _reads_alike(high.text, low.text):
                    yield Problem(at(record, *low_path, "text"),
                                  f"{owner}: the anchors for {high.score} and {low.score} "
                                  "read alike",
                                  "say what differs between the two answers, so interviewers "
                                  "can tell them apart")
        for missing, at_levels in lacking.items():
            scope = "" if len(at_levels) == len(levels) else " at " + _words(
                f"'{level}'" for level in at_levels)
            yield Problem(at(record, *rest[0]) if rest else at(record),
                          f"{owner} has no anchor for {_words(missing)}{scope}",
                          f"add `anchors:` saying what an answer at {_words(missing)} sounds "
                          "like, in behaviour an interviewer can observe")
