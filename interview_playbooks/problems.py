"""Problems found in the data, reported as `file:line:col: message` with a hint.

Everything a problem prints comes from the data (file names, ids, values), so it is shown
through `visible()`: a control or invisible character cannot recolour the terminal, move
the cursor, hide a hyperlink or reorder the text. GitHub annotations are escaped for
GitHub's workflow-command syntax as well, so a value cannot start a second command.
"""

from __future__ import annotations

import difflib
import heapq
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Collection, Iterable, Literal, NamedTuple


def visible(text: str, keep: str = "") -> str:
    """The text with every character a terminal would not show as itself escaped.

    Controls (C0, DEL, C1: `\\x1b`, `\\r`, `\\n`), bidi overrides, isolates and marks
    (`\\u202e`), zero-width and other format characters, separators other than the space,
    lone surrogates (from undecodable file names) and unassigned code points are written as
    Python writes them in a string literal; characters in `keep` stay as they are.
    """
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() or ch in keep else repr(ch)[1:-1] for ch in text)


def _workflow_data(text: str) -> str:
    """A workflow command's message (actions/toolkit `escapeData`)."""
    return (visible(text, keep="\r\n").replace("%", "%25")
            .replace("\r", "%0D").replace("\n", "%0A"))


def _workflow_property(text: str) -> str:
    """A workflow command's property value (actions/toolkit `escapeProperty`)."""
    return _workflow_data(text).replace(":", "%3A").replace(",", "%2C")


class Where(NamedTuple):
    """A position in a data file; lines and columns count from 1."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{visible(str(self.file))}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str
    hint: str = ""
    severity: Literal["error", "warning"] = "error"
    unreadable: bool = False  # the file could not be read at all (e.g. a YAML syntax error)

    def __str__(self) -> str:
        label = "" if self.severity == "error" else "advice: "
        text = f"{self.where}: {label}{visible(self.message)}"
        return f"{text}\n    hint: {visible(self.hint)}" if self.hint else text

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shows inline on a PR)."""
        text = self.message + (f" (hint: {self.hint})" if self.hint else "")
        w = self.where
        properties = ",".join(f"{name}={_workflow_property(str(value))}"
                              for name, value in (("file", w.file), ("line", w.line),
                                                  ("col", w.col)))
        return f"::{self.severity} {properties}::{_workflow_data(text)}"


class DataError(Exception):
    """The data has errors; carries every problem found, advice included."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(report(problems))


_CUTOFF = 0.6  # difflib.get_close_matches' default: how alike a suggestion must be
_INDEXED_FROM = 200  # fewer choices than this are compared one by one, as difflib does
_SHORTLIST = 24  # the choices sharing most trigrams with the word that are compared in full


def _trigrams(text: str) -> set[str]:
    padded = f"\x02{text}\x03"  # the ends count: a typo seldom changes the first letters
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class Suggestions:
    """Did-you-mean hints against one set of choices, prepared once for many words.

    Below 200 choices every one is compared, exactly as
    difflib.get_close_matches(word, choices, n=1, cutoff=0.6) does. From 200, a trigram
    index picks the two dozen choices most alike the word by trigrams (those common to a
    tenth of all choices are ignored while rarer ones exist), and those are compared with
    the same measure: the answer is difflib's, or one exactly as close where several tie.
    Each word's answer is remembered.
    """

    def __init__(self, choices: Iterable[str]):
        self.choices = list(dict.fromkeys(choices))
        self._answers: dict[str, str | None] = {}
        self._postings: dict[str, list[int]] = {}  # trigram -> numbers of the choices with it
        self._sizes: list[int] = []  # each choice's number of distinct trigrams
        if len(self.choices) >= _INDEXED_FROM:
            for number, choice in enumerate(self.choices):
                grams = _trigrams(choice)
                self._sizes.append(len(grams))
                for gram in grams:
                    self._postings.setdefault(gram, []).append(number)
        self._common = max(_SHORTLIST, len(self.choices) // 10)

    def closest(self, word: str) -> str | None:
        """The choice most like the word (at least 60 % alike by difflib's ratio), or None."""
        if word not in self._answers:
            self._answers[word] = self._closest(word)
        return self._answers[word]

    def hint(self, word: str) -> str:
        close = self.closest(word)
        return f"did you mean '{close}'?" if close is not None else ""

    def _closest(self, word: str) -> str | None:
        if not self._postings:
            close = difflib.get_close_matches(word, self.choices, n=1, cutoff=_CUTOFF)
            return close[0] if close else None
        lists = [self._postings[g] for g in _trigrams(word) if g in self._postings]
        rare = [numbers for numbers in lists if len(numbers) <= self._common]
        shared = Counter()
        for numbers in rare or lists:
            shared.update(numbers)
        # The most alike by trigrams (Dice's coefficient), so that a short choice sharing
        # all it has beats a long one that shares as many.
        sizes, own = self._sizes, len(_trigrams(word))
        shortlist = heapq.nlargest(_SHORTLIST, shared.items(),
                                   key=lambda item: item[1] / (own + sizes[item[0]]))
        # difflib's ratio, its cheap upper bounds first; ties go to the greater string, as
        # in get_close_matches.
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best: tuple[float, str] | None = None
        for number, _ in shortlist:
            choice = self.choices[number]
            matcher.set_seq1(choice)
            floor = best[0] if best else _CUTOFF
            if matcher.real_quick_ratio() >= floor and matcher.quick_ratio() >= floor:
                score = matcher.ratio()
                if score >= _CUTOFF and (best is None or (score, choice) > best):
                    best = (score, choice)
        return best[1] if best else None


# Prepared suggestions for the last few large choice collections, by identity: validation
# asks about every unknown reference against the same dict of known ids.
_prepared: OrderedDict[int, tuple[Collection[str], tuple[str, ...], Suggestions]] = OrderedDict()


def _suggestions_for(choices: Collection[str]) -> Suggestions:
    snapshot = tuple(choices)
    entry = _prepared.get(id(choices))
    # The entry holds the collection itself, so its id cannot have been reused; the
    # snapshot catches a collection changed since.
    if entry is not None and entry[0] is choices and entry[1] == snapshot:
        _prepared.move_to_end(id(choices))
        return entry[2]
    suggestions = Suggestions(snapshot)
    _prepared[id(choices)] = (choices, snapshot, suggestions)
    if len(_prepared) > 4:
        _prepared.popitem(last=False)
    return suggestions


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known choice, or an empty string."""
    if not isinstance(choices, Collection) or len(choices) < _INDEXED_FROM:
        close = difflib.get_close_matches(word, list(choices), n=1, cutoff=_CUTOFF)
        return f"did you mean '{close[0]}'?" if close else ""
    return _suggestions_for(choices).hint(word)


ERRORS_FAIL = "these fail make check, the build and CI"
ADVICE_NEVER_FAILS = "these never fail"


def summary(problems: list[Problem]) -> str:
    """The closing count, saying plainly which findings fail."""
    errors = sum(p.severity == "error" for p in problems)
    advice = len(problems) - errors
    return (f"{errors} error(s) ({ERRORS_FAIL}), "
            f"{advice} piece(s) of advice ({ADVICE_NEVER_FAILS})")


def advice_count(count: int) -> str:
    """How a valid check names its advice: `3 pieces of advice, which never fail`."""
    return f"{count} piece{'' if count == 1 else 's'} of advice, which never fail{'s' if count == 1 else ''}"


def report(problems: list[Problem], headline: str | None = None) -> str:
    """Problems sorted by position, errors and advice kept apart, closed by the headline
    (by default the count of `summary`; none if it is empty)."""
    errors = sorted((p for p in problems if p.severity == "error"), key=lambda p: p.where)
    warnings = sorted((p for p in problems if p.severity == "warning"), key=lambda p: p.where)
    # A file that cannot be read takes its items with it, so references to them fail too:
    # those files come first, with a word on what follows.
    unreadable = [p for p in errors if p.unreadable]
    lines = [str(p) for p in unreadable]
    if unreadable and len(unreadable) < len(errors):
        lines.append("")
        lines.append("Fix the file(s) above first: they could not be read, so some of the "
                     "problems below may only follow from that.")
    lines.extend(str(p) for p in errors if not p.unreadable)
    if warnings:
        lines.append("")
        lines.append("Advice (never fails make check, the build or CI):")
        lines.extend(str(p) for p in warnings)
    headline = summary(problems) if headline is None else visible(headline)
    if headline:
        lines.extend(["", headline])
    return "\n".join(lines).strip("\n")
