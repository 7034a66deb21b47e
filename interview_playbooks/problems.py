"""Problems found in the data, reported as `file:line:col: message` with a hint."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Literal, NamedTuple


class Where(NamedTuple):
    """A position in a data file; lines and columns count from 1."""

    file: str
    line: int = 1
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Problem:
    where: Where
    message: str
    hint: str = ""
    severity: Literal["error", "warning"] = "error"
    unreadable: bool = False  # the file could not be read at all (e.g. a YAML syntax error)

    def __str__(self) -> str:
        label = "" if self.severity == "error" else "warning: "
        text = f"{self.where}: {label}{self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (shows inline on a PR)."""
        def escape(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        text = self.message + (f" (hint: {self.hint})" if self.hint else "")
        w = self.where
        return f"::{self.severity} file={w.file},line={w.line},col={w.col}::{escape(text)}"


class DataError(Exception):
    """The data has errors; carries every problem found, warnings included."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(report(problems, f"{len(errors)} error(s) in the data"))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def report(problems: list[Problem], headline: str = "") -> str:
    """Problems sorted by position, errors and warnings kept apart, with a closing count."""
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
        lines.append("Advice (does not fail the build):")
        lines.extend(str(p) for p in warnings)
    lines.append("")
    lines.append(headline or f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return "\n".join(lines)
