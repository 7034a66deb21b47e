"""Hostile-input figures for `make bench`: text and suggestions that used to take minutes.

Each 1 MB field below made the old text renderer rescan to the end of its line from every
`[` or `**`; 1,500 unknown references against 1,500 ids made `make check` take 70 s of
difflib. `figures()` measures both now, in CPU seconds (the best of a few runs, so other
work on the machine does not count); `python -m bench.hostile` prints them.
"""

from __future__ import annotations

import random
import string
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_playbooks.problems import did_you_mean  # noqa: E402
from interview_playbooks.text import block, heading, inline, plain  # noqa: E402

MEGABYTE = 1_000_000


def _repeat(piece: str) -> str:
    return piece * (MEGABYTE // len(piece))


# Each field is about 1 MB; the names say what it is made of.
FIELDS: dict[str, Callable[[], str]] = {
    "brackets": lambda: _repeat("["),
    "stars": lambda: _repeat("**"),
    "unclosed_links": lambda: _repeat("[a]("),
    "links": lambda: _repeat("[a](/b) "),
    "backticks": lambda: _repeat("`"),
    "code_spans": lambda: _repeat("`a` "),
    "unclosed_strong": lambda: _repeat("**a "),
    "star_underscore": lambda: _repeat("*_"),
    "emphasis_mix": lambda: _repeat("_a *b **c "),
    "nested_brackets": lambda: _repeat("[[a]"),
    "entities": lambda: _repeat("&<>"),
    "long_line": lambda: _repeat("word "),
    "many_lines": lambda: _repeat("- item *x*\n  more\n"),
    "nul_digits": lambda: _repeat("\x000\x00"),
}


def _cpu_seconds(work: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def _typo(rng: random.Random, word: str) -> str:
    at = rng.randrange(len(word))
    letter = rng.choice(string.ascii_lowercase + string.digits)
    return word[:at] + letter + word[at + 1:] if rng.random() < 0.5 else word[:at] + word[at + 1:]


def suggestion_seconds(ids: int, unknown: int = 1_500, seed: int = 7) -> float:
    """CPU seconds to suggest for `unknown` misspelt references against `ids` ids.

    The ids are the synthetic bench's (`question-00042`), all alike: the hardest case for
    a suggestion index. Called as validation calls it, with one dict of known ids.
    """
    rng = random.Random(seed)
    known = {f"question-{n:05d}": None for n in range(ids)}
    names = list(known)
    words = [_typo(rng, rng.choice(names)) for _ in range(unknown)]

    def suggest_all() -> None:  # indexing the ids included: the first call does it
        for word in words:
            did_you_mean(word, known)

    return _cpu_seconds(suggest_all, runs=1)


def figures(runs: int = 3) -> dict[str, float]:
    """CPU seconds: `text_<field>` renders a 1 MB field (the slowest of inline(), block(),
    plain() and heading()); `did_you_mean_1500x<ids>` suggests for 1,500 unknown words."""
    results: dict[str, float] = {}
    for name, make in FIELDS.items():
        field = make()
        results[f"text_{name}"] = max(_cpu_seconds(lambda: render(field), runs)
                                      for render in (inline, block, plain, heading))
    for ids in (1_500, 10_000):
        results[f"did_you_mean_1500x{ids}"] = suggestion_seconds(ids)
    return results


def main() -> int:
    results = figures()
    for name, seconds in results.items():
        print(f"{name:32} {seconds:6.3f} s")
    slowest = max((v, k) for k, v in results.items() if k.startswith("text_"))
    print(f"hostile: slowest_1mb_field_s={slowest[0]:.3f} ({slowest[1][5:]}) "
          f"did_you_mean_1500x1500_s={results['did_you_mean_1500x1500']:.3f} "
          f"did_you_mean_1500x10000_s={results['did_you_mean_1500x10000']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
