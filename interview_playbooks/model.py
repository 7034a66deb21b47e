"""The data model: what contributors write in data/*.yaml, as typed records.

Field names are the YAML keys, so this module is also the schema: the structural
validator (convert.py), the JSON Schemas and the data reference are derived from it.
Only fields a contributor writes live here; whatever the build computes (backlinks,
counts, rubric versions) belongs to index.py and never flows back into YAML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
import types
import typing
from typing import Annotated, ClassVar, Literal, Optional, Union


# --- Field annotations -------------------------------------------------------------------------

@dataclass(frozen=True)
class Ref:
    """The field holds the id of another item of `kind` (checked by the validator)."""

    kind: str


@dataclass(frozen=True)
class Slug:
    """The field is an id: lowercase words joined by hyphens, unique within its kind."""


@dataclass(frozen=True)
class Long:
    """Long text: paragraphs and `- ` lists are allowed, not just inline emphasis and links."""


@dataclass(frozen=True)
class MinItems:
    """The list holds at least `count` items."""

    count: int


@dataclass(frozen=True)
class Range:
    """The number lies between `low` and `high`, both included."""

    low: int
    high: int


def unpack(hint) -> tuple[object, tuple, bool]:
    """A field's type as (bare type, its Annotated extras, whether it may be null)."""
    extras: tuple = ()
    optional = False
    while True:
        if typing.get_origin(hint) is Annotated:
            extras += hint.__metadata__
            hint = typing.get_args(hint)[0]
        elif typing.get_origin(hint) in (Union, types.UnionType):
            hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
            optional = True
        else:
            return hint, extras, optional


def doc(text: str, **kwargs):
    """A dataclass field carrying its documentation (shown in schemas and the data reference)."""
    return field(metadata={"doc": text}, **kwargs)


Id = Annotated[str, Slug()]
Text = str
LongText = Annotated[str, Long()]
Minutes = Annotated[int, Range(0, 600)]


def Refs(kind: str, at_least: int = 0):  # noqa: N802 - reads like a type in annotations
    return Annotated[list[Annotated[str, Ref(kind)]], MinItems(at_least)]


# Every enumerated value with its one-line definition, in the order editors and the data
# reference list them. The Literal types are built from these, so a value cannot be added
# without saying what it means.
QUESTION_KINDS = {
    "calibration": "Sets the candidate's scope and ownership early, so later questions are "
                   "pitched at what they really owned.",
    "deep-dive": "Goes deep into one system or project of the candidate's own until the "
                 "details show what they did themselves.",
    "system-design": "Asks for the design of a system from stated requirements, with its "
                     "trade-offs defended.",
    "domain-depth": "Tests expert knowledge of one area on a concrete problem, such as "
                    "checking a durability promise with arithmetic.",
    "behavioral": "Asks for a real past situation, told as situation, task, action and "
                  "result, that shows how the candidate works and decides.",
    "failure-analysis": "Walks through a real incident or failure: detection, root cause, "
                        "the fix and what stops it recurring.",
    "performance": "Walks through a performance problem the candidate solved, measured "
                   "before and after.",
    "leadership": "Shows how the candidate sets direction and raises the bar for other "
                  "engineers and teams, beyond their own work.",
    "bar-raiser": "An open question with no ceiling that separates candidates above the "
                  "level's bar from those just at it.",
}
PROBE_TYPES = {
    "follow-up": "Asks for more detail where the answer leaves a gap or time allows.",
    "hard": "A harder twist or challenge that separates a surface answer from real "
            "ownership.",
    "mandatory": "Always asked (or asked whenever its condition holds), because the "
                 "assessment needs its answer.",
}
ORIGINS = {
    "seed": "Comes from one of the seed interview plans: its own fields keep the seed's "
            "words, and what we add goes under `added`.",
    "new": "Written for this project.",
}
LEANINGS = {
    "hire": "The recommendation is for hiring: the debrief counts it among the hires.",
    "no-hire": "The recommendation is against hiring: the debrief counts it among the "
               "no-hires.",
}

QuestionKind = Literal[tuple(QUESTION_KINDS)]
ProbeType = Literal[tuple(PROBE_TYPES)]
Origin = Literal[tuple(ORIGINS)]
Leaning = Literal[tuple(LEANINGS)]

# Each Literal of the model with its definitions: the schemas and the data reference look
# a field's values up here.
DEFINITIONS: dict[object, dict[str, str]] = {
    QuestionKind: QUESTION_KINDS, ProbeType: PROBE_TYPES, Origin: ORIGINS, Leaning: LEANINGS,
}


# --- Records -----------------------------------------------------------------------------------

@dataclass(kw_only=True)
class Record:
    """Base of every record: remembers the file and path it was read from."""

    # Set by the converter; not a YAML field.
    where: Optional[object] = field(default=None, repr=False, compare=False,
                                    metadata={"computed": True})

    # A scalar written in place of the mapping fills this field (e.g. a probe as plain text).
    shorthand: ClassVar[Optional[str]] = None


@dataclass(kw_only=True)
class Signal(Record):
    """A competency that questions probe and rubrics assess."""

    id: Id = doc("Stable id, used in URLs and references, e.g. `ownership`.")
    name: Text = doc("Short name shown on cards and rubrics.")
    description: LongText = doc("What this signal is about.")
    hire: list[Text] = doc("What hire evidence looks like.", default_factory=list)
    no_hire: list[Text] = doc("What no-hire evidence looks like.", default_factory=list)
    former_ids: list[Id] = doc("Ids this signal had before; old links redirect here.",
                               default_factory=list)


@dataclass(kw_only=True)
class ScalePoint(Record):
    """One point of a rating scale: a score, or a recommendation verdict."""

    id: Id = doc("Stable id of this point, e.g. `strong-hire`.")
    label: Text = doc("The label, e.g. `Strong Hire` or `Exceptional`.")
    score: Optional[Annotated[int, Range(1, 10)]] = doc("Numeric score, for numeric scales.",
                                                        default=None)
    description: Text = doc("What this point means.", default="")
    leans: Optional[Leaning] = doc(
        "On a recommendation scale, which way the point leans: `hire` or `no-hire`; leave it "
        "out for a point that leans neither way (Hire with Reservations). The debrief counts "
        "the panel's hire and no-hire recommendations by it.", default=None)


@dataclass(kw_only=True)
class Scale(Record):
    """A rating scale: the 1–5 score or the recommendation scale."""

    id: Id = doc("Stable id, e.g. `score`.")
    name: Text = doc("Name of the scale.")
    description: LongText = doc("When and how to use the scale.", default="")
    points: Annotated[list[ScalePoint], MinItems(2)] = doc("The points, best first.")


@dataclass(kw_only=True)
class Role(Record):
    """A role we interview for; its playbooks are its interviews at each level."""

    id: Id = doc("Stable id, e.g. `storage-engineer`.")
    name: Text = doc("Name of the role.")
    summary: LongText = doc("Who this role is and what the interview is looking for.")
    expectations: list[Text] = doc("What a candidate for this role is expected to show.",
                                   default_factory=list)
    former_ids: list[Id] = doc("Ids this role had before.", default_factory=list)


@dataclass(kw_only=True)
class Level(Record):
    """A level we hire at, with the scope a candidate at it is expected to show."""

    id: Id = doc("Stable id, e.g. `staff`.")
    name: Text = doc("Name of the level, e.g. `Staff`.")
    rank: Annotated[int, Range(1, 100)] = doc("Order of the level, lowest first.")
    summary: LongText = doc("Scope expected at this level.")
    expectations: list[Text] = doc("What a candidate at this level is expected to show.",
                                   default_factory=list)
    former_ids: list[Id] = doc("Ids this level had before.", default_factory=list)


@dataclass(kw_only=True)
class Probe(Record):
    """A follow-up question; written as plain text it is a follow-up."""

    shorthand = "text"
    text: Text = doc("The probe, word for word.")
    type: ProbeType = doc("How the interviewer uses the probe.", default="follow-up")
    condition: Text = doc("When to ask it, e.g. `if vague`.", default="")


@dataclass(kw_only=True)
class Indicator(Record):
    """A hire or no-hire indicator; written as plain text it applies at every level."""

    shorthand = "text"
    text: Text = doc("What the interviewer sees or hears.")
    level: Optional[Annotated[str, Ref("level")]] = doc(
        "The level this indicator is written for, if only one.", default=None)


@dataclass(kw_only=True)
class Anchor(Record):
    """What an answer at one point of the score scale sounds like: behaviour and evidence an
    interviewer can observe, not adjectives."""

    score: Annotated[int, Range(1, 10)] = doc("The point of the score scale, e.g. `5`.")
    text: Text = doc("What an answer at this point sounds like, concrete enough that two "
                     "interviewers who heard the same answer pick the same point.")


@dataclass(kw_only=True)
class QuestionAnchor(Anchor):
    """A question's anchor for one score; it applies at every level unless it names one."""

    level: Optional[Annotated[str, Ref("level")]] = doc(
        "The level this anchor is written for, if only one: at that level it replaces the "
        "anchor for the same score that names no level.", default=None)


@dataclass(kw_only=True)
class Star(Record):
    """The parts of a STAR answer."""

    situation: list[Text] = doc("Situation.", default_factory=list)
    task: list[Text] = doc("Task.", default_factory=list)
    action: list[Text] = doc("Action.", default_factory=list)
    result: list[Text] = doc("Result, with metrics.", default_factory=list)


@dataclass(kw_only=True)
class StrongAnswer(Record):
    """What a strong answer includes: STAR parts, topics to look for, or both."""

    heading: Text = doc("How the seed introduces it, e.g. `Look for`.", default="Strong answer includes")
    star: Optional[Star] = doc("STAR parts.", default=None)
    topics: list[Text] = doc("Topics or points to listen for.", default_factory=list)


@dataclass(kw_only=True)
class Table(Record):
    """An assessment table in its source's own shape (e.g. Signal / Hire / No-Hire)."""

    columns: Annotated[list[Text], MinItems(2)] = doc("Column headings.")
    rows: Annotated[list[list[Text]], MinItems(1)] = doc("Rows, one cell per column.")


@dataclass(kw_only=True)
class LevelExpectation(Record):
    """What an answer looks like at one level, for a question asked at several."""

    level: Annotated[str, Ref("level")] = doc("Id of the level.")
    expectation: LongText = doc("What an answer at this level shows.")


@dataclass(kw_only=True)
class Additions(Record):
    """Material we added to a seed question, kept apart so the seed's words stay visible."""

    tailoring: LongText = doc("A tailoring note, or more of one.", default="")
    strong_answer: Optional[StrongAnswer] = doc(
        "What a strong answer includes, where the seed gave none.", default=None)
    probes: list[Probe] = doc("More probes.", default_factory=list)
    hire: list[Indicator] = doc("More hire indicators.", default_factory=list)
    no_hire: list[Indicator] = doc("More no-hire indicators.", default_factory=list)
    red_flags: list[Text] = doc("More red flags.", default_factory=list)
    anchors: list[QuestionAnchor] = doc("Anchors for the score scale.", default_factory=list)


# The parts of a question that `added` can extend, in the order cards show them.
ADDABLE = ("tailoring", "strong_answer", "probes", "hire", "no_hire", "red_flags", "anchors")


@dataclass(kw_only=True)
class Question(Record):
    """One interview question, at home in a topic bank."""

    id: Id = doc("Stable id, unique across all banks, e.g. `state-transfer-invariants`.")
    title: Text = doc("A short title for cards, schedules and scorecards.")
    prompt: LongText = doc("The question as the interviewer asks it, word for word.")
    kind: QuestionKind = doc("What kind of question this is.")
    signals: Refs("signal", at_least=1) = doc("Ids of the signals it probes.")
    levels: Refs("level", at_least=1) = doc("Ids of the levels it suits.")
    minutes: Optional[Minutes] = doc("Suggested minutes.", default=None)
    aliases: list[Text] = doc(
        "Words an interviewer may search for that the question does not use: abbreviations "
        "and real synonyms, e.g. `SLO` or `split brain`. Shown on the card, marked as added "
        "(a seed's words never include them), and indexed.",
        default_factory=list)
    tailoring: LongText = doc("How to anchor it to the candidate's own work.", default="")
    strong_answer: Optional[StrongAnswer] = doc("What a strong answer includes.", default=None)
    probes: list[Probe] = doc("Follow-up probes.", default_factory=list)
    assessment: Optional[Table] = doc("Assessment table in the source's shape.", default=None)
    hire: list[Indicator] = doc("Hire indicators.", default_factory=list)
    no_hire: list[Indicator] = doc("No-hire indicators.", default_factory=list)
    red_flags: list[Text] = doc("Answers that should worry the interviewer.",
                                default_factory=list)
    anchors: list[QuestionAnchor] = doc(
        "What an answer sounds like at points of the score scale: at least the lowest, the "
        "middle and the highest (1, 3 and 5).", default_factory=list)
    by_level: list[LevelExpectation] = doc(
        "For a question asked at several levels: what an answer at each looks like.",
        default_factory=list)
    origin: Origin = doc("Where the question comes from.", default="new")
    added: Optional[Additions] = doc("On a seed question, the material we added to it.",
                                     default=None)
    former_ids: list[Id] = doc("Ids this question had before; old anchors redirect here.",
                               default_factory=list)

    def parts(self, name: str) -> list[tuple[object, bool]]:
        """One part of the question, the seed's and ours together: (item, added) pairs."""
        own = getattr(self, name)
        extra = getattr(self.added, name) if self.added else None
        if name in ("tailoring", "strong_answer"):
            return [(value, added) for value, added in ((own, False), (extra, True)) if value]
        return [(item, False) for item in own] + [(item, True) for item in extra or []]

    def anchors_at(self, level: str | None) -> list[QuestionAnchor]:
        """The anchors that apply at a level, the seed's and ours together, best score first:
        those written for the level replace, score by score, those written for none."""
        by_score = {a.score: a for a in self.merged("anchors") if a.level is None}
        by_score.update((a.score, a) for a in self.merged("anchors")
                        if level is not None and a.level == level)
        return [by_score[score] for score in sorted(by_score, reverse=True)]

    def merged(self, name: str) -> list:
        """One part of the question, the seed's and ours together, without the marks."""
        return [item for item, _ in self.parts(name)]


@dataclass(kw_only=True)
class Bank(Record):
    """A topic bank: one file under data/questions/, its name the topic id."""

    title: Text = doc("Title of the bank page.")
    description: LongText = doc("What the bank covers.", default="")
    former_ids: list[Id] = doc("File names this bank had before, and those of banks merged "
                               "into it; their old URLs and anchors redirect here.",
                               default_factory=list)
    questions: list[Question] = doc("The questions.", default_factory=list)


@dataclass(kw_only=True)
class Block(Record):
    """Questions of a segment, optionally under a sub-title or offered as a pool."""

    title: Text = doc("Sub-title, e.g. `Project 1: ...` or a principle's name.", default="")
    note: LongText = doc("Context for the interviewer.", default="")
    choose: Optional[Annotated[int, Range(1, 50)]] = doc(
        "Makes the block a pool: ask this many of its questions.", default=None)
    advice: Text = doc("How to choose from the pool.", default="")
    questions: Refs("question") = doc("Ids of the questions.", default_factory=list)


@dataclass(kw_only=True)
class Segment(Record):
    """A time box of the interview."""

    start: Minutes = doc("Start minute.")
    end: Minutes = doc("End minute.")
    title: Text = doc("Short title for the schedule table.")
    heading: Text = doc("Longer heading for the segment, if it differs.", default="")
    goal: Text = doc("What the time box is for.", default="")
    note: LongText = doc("Guidance for the interviewer on running this time box.", default="")
    questions: Refs("question") = doc("Ids of the questions, for a segment without blocks.",
                                      default_factory=list)
    blocks: list[Block] = doc("Questions grouped under sub-titles or offered as pools.",
                              default_factory=list)

    def question_ids(self) -> list[str]:
        """Every question the segment offers, blocks included, in order."""
        return self.questions + [qid for block in self.blocks for qid in block.questions]


@dataclass(kw_only=True)
class Dimension(Record):
    """One row of a rubric: the signal it scores, and what hire and no-hire look like."""

    signal: Annotated[str, Ref("signal")] = doc("Id of the signal this dimension assesses.")
    label: Text = doc("Label, if it differs from the signal's name.", default="")
    hire: Text = doc("What hire looks like on this dimension.", default="")
    no_hire: Text = doc("What no-hire looks like on this dimension.", default="")
    anchors: list[Anchor] = doc(
        "What the candidate showed, at points of the rubric's scale, on this dimension for the "
        "playbook's level: at least the lowest, the middle and the highest.",
        default_factory=list)


@dataclass(kw_only=True)
class CriteriaSection(Record):
    """What to evaluate in one section of the interview."""

    title: Text = doc("The section of the interview, e.g. `System Design`.")
    criteria: Annotated[list[Text], MinItems(1)] = doc("What to evaluate in it.")


@dataclass(kw_only=True)
class Rubric(Record):
    """The final assessment: the scale to score with, its dimensions and criteria."""

    scale: Annotated[str, Ref("scale")] = doc("Id of the scale to score with.", default="score")
    intro: Text = doc("How to use the rubric.", default="")
    dimensions: list[Dimension] = doc("Dimensions, keyed by signal id.", default_factory=list)
    sections: list[CriteriaSection] = doc("Criteria per section of the interview.",
                                          default_factory=list)


@dataclass(kw_only=True)
class Guidance(Record):
    """Recommendation guidance: what leads to one verdict of the recommendation scale."""

    verdict: Id = doc("Id of a point on the playbook's recommendation scale, e.g. "
                      "`strong-no-hire`.")
    label: Text = doc("The source's own name for the verdict, where it differs from the "
                      "point's label, e.g. `Borderline`.", default="")
    signs: Annotated[list[Text], MinItems(1)] = doc("What leads to it.")


@dataclass(kw_only=True)
class Playbook(Record):
    """A complete interview plan for one role at one level."""

    id: Id = doc("Stable id, used in the URL, e.g. `storage-senior-mts-decision-round`.")
    title: Text = doc("Title of the playbook.")
    role: Annotated[str, Ref("role")] = doc("Id of the role.")
    level: Annotated[str, Ref("level")] = doc("Id of the level.")
    duration: Annotated[int, Range(5, 600)] = doc("Length of the interview in minutes.")
    purpose: LongText = doc("What this interview decides and how.")
    tailoring: LongText = doc("How to tailor the plan to the candidate's résumé.", default="")
    segments: Annotated[list[Segment], MinItems(1)] = doc("The time boxes, in order.")
    rubric: Optional[Rubric] = doc("The final assessment rubric.", default=None)
    recommendation_scale: Annotated[str, Ref("scale")] = doc(
        "Id of the recommendation scale.", default="recommendation")
    recommendation: list[Guidance] = doc("Recommendation guidance.", default_factory=list)
    former_ids: list[Id] = doc("Ids this playbook had before; old URLs redirect here.",
                               default_factory=list)

    def question_ids(self) -> list[str]:
        """Every question the playbook offers, pools included, in schedule order."""
        return [qid for segment in self.segments for qid in segment.question_ids()]


@dataclass(kw_only=True)
class Answer(Record):
    """One question's entry in a filled-in sample scorecard."""

    question: Annotated[str, Ref("question")] = doc("Id of the question asked.")
    label: Text = doc("How the feedback names the question or principle, if not its title.",
                      default="")
    score: Annotated[int, Range(1, 5)] = doc("The score given, 1–5.")
    feedback: LongText = doc("The interviewer's written evidence.")


@dataclass(kw_only=True)
class Sample(Record):
    """A worked example: a playbook's scorecard filled in, with a placeholder candidate."""

    id: Id = doc("Stable id, used in the URL.")
    playbook: Annotated[str, Ref("playbook")] = doc("Id of the playbook it was filled in for.")
    title: Text = doc("Title of the example page.")
    candidate: Text = doc("A placeholder such as `Candidate A`; never a real name.")
    interviewer: Text = doc("A placeholder such as `[Your Name]`.", default="[Your Name]")
    date: Text = doc("A placeholder such as `[Insert Date]`.", default="[Insert Date]")
    answers: Annotated[list[Answer], MinItems(1)] = doc("Scores and feedback per question.")
    strengths: list[Text] = doc("Highlights.", default_factory=list)
    concerns: list[Text] = doc("Flags.", default_factory=list)
    recommendation: Id = doc("Id of the point on the playbook's recommendation scale, "
                             "e.g. `strong-hire`.")
    comments: LongText = doc("Final comments.", default="")


@dataclass(kw_only=True)
class LoopInterview(Record):
    """One interview of a hiring loop: the playbook it runs and the signals it answers for."""

    playbook: Annotated[str, Ref("playbook")] = doc("Id of the playbook the interview runs.")
    focus: Refs("signal", at_least=1) = doc(
        "Ids of the signals this interview is accountable for: the panel looks to it for "
        "their evidence. Each must be probed by a question of its playbook.")
    interviewer: Text = doc("Who typically runs it, as a description, never a person, e.g. "
                            "`A Staff storage engineer`.")
    note: LongText = doc("What the coordinator or the interviewer should know about it "
                         "in this loop.", default="")


@dataclass(kw_only=True)
class Loop(Record):
    """A hiring loop: the interviews a candidate for one role at one level goes through."""

    id: Id = doc("Stable id, used in the URL, e.g. `storage-staff-loop`.")
    title: Text = doc("Title of the loop.")
    role: Annotated[str, Ref("role")] = doc("Id of the role.")
    level: Annotated[str, Ref("level")] = doc("Id of the level; every interview's playbook is "
                                              "at this level.")
    purpose: LongText = doc("What the loop decides, and how its interviews share the signals.")
    interviews: Annotated[list[LoopInterview], MinItems(2)] = doc("The interviews, in order.")
    former_ids: list[Id] = doc("Ids this loop had before; old URLs redirect here.",
                               default_factory=list)


# --- Files -------------------------------------------------------------------------------------

@dataclass(kw_only=True)
class SignalsFile(Record):
    """Every signal that questions probe and rubrics assess."""

    signals: list[Signal] = doc("The signals.")


@dataclass(kw_only=True)
class ScalesFile(Record):
    """The rating scales: the 1–5 score and the recommendation scale."""

    scales: list[Scale] = doc("The rating scales.")


@dataclass(kw_only=True)
class RolesFile(Record):
    """Every role we interview for."""

    roles: list[Role] = doc("The roles.")


@dataclass(kw_only=True)
class LevelsFile(Record):
    """Every level we hire at, each with its rank."""

    levels: list[Level] = doc("The levels.")


# Where each kind of file lives under data/, and the record its top level holds.
FILE_KINDS: dict[str, type] = {
    "signals.yaml": SignalsFile,
    "scales.yaml": ScalesFile,
    "roles.yaml": RolesFile,
    "levels.yaml": LevelsFile,
    "questions/*.yaml": Bank,
    "playbooks/*.yaml": Playbook,
    "samples/*.yaml": Sample,
    "loops/*.yaml": Loop,
}
