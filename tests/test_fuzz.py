"""Fuzzing contributed data: `make check` never raises, and a build never half-publishes.

Hypothesis mutates the real files under data/ (their bytes, their scalars, their structure
and their names) and runs `make check`'s code path (`cli.check`) and the build's (load the
index, render every generated page, write it where the site would have it) on a copy.
Each run happens in a forked child with a memory and a time limit, so a segfault in the
parser, a runaway read or a stall is reported as the crash it is instead of killing the
test session.

`make test` runs a few examples with a fixed seed and reports the first crash as found;
`make fuzz` sets FUZZ_EXAMPLES to run many, with a fresh seed each time
(`pytest --hypothesis-seed=N` repeats one), and reports each distinct crash on its own,
shrunk to its smallest input.
"""

from __future__ import annotations

import faulthandler
import io
import json
import os
import pickle
import re
import resource
import select
import shutil
import signal
import subprocess
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import ROOT, make_project
from interview_playbooks.cli import check
from interview_playbooks.index import load_index
from interview_playbooks.pages import generated_pages, redirects
from interview_playbooks.problems import DataError
from interview_playbooks.render import Renderer

DATA = ROOT / "data"
FILES = sorted(path.relative_to(DATA).as_posix() for path in DATA.rglob("*.yaml"))
LONG_RUN = int(os.environ.get("FUZZ_EXAMPLES") or 0)
CHECK_EXAMPLES = LONG_RUN or 60
BUILD_EXAMPLES = max(LONG_RUN // 4, 12)  # a build path run costs ten check runs
TIME_LIMIT = 30.0  # seconds per run: more than this is a stall (the seed data takes 0.5 s)
MEMORY_LIMIT = 1 << 30  # bytes a run may add: more is a runaway read or allocation
# A file outside data/ that a symlink may point at: its text must never be printed.
SECRET = "fuzz secret 7d1c0e, outside data"  # a plain scalar: a message may quote it

FUZZ = settings(
    max_examples=CHECK_EXAMPLES,
    derandomize=not LONG_RUN,  # `make test` runs the same examples every time
    database=None,  # nothing is written into the repository
    deadline=None,  # the time limit is TIME_LIMIT, enforced on the child
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
    # Shrinking a crash to its smallest input can take minutes: `make fuzz` does it, while
    # `make test` reports each distinct crash as first found.
    phases=list(Phase) if LONG_RUN else [Phase.explicit, Phase.generate],
)


# --- Mutations: each one names what it does, so a failing example reads as a recipe ---------

HOSTILE_SCALARS = [
    "9" * 5000, "012", "0xa", "0o17", "1:00", "190:20:30", "1_000", "-0", "1e400", ".inf", ".nan",
    "2024-02-30", "0000-01-01", "2024-01-01 25:00:00", "2024-13-01T00:00:00Z",
    "!!int abc", "!!float abc", "!!bool maybe", "!!timestamp yesterday", "!!binary ???",
    "!!python/object/apply:os.system [id]", "!!set {a: 1}", "!!omap [a]", "!custom x", "!<tag:x> y",
    "[" * 50_000, "{" * 50_000, "[" * 300 + "]" * 300, "- " * 200 + "x",
    "&a x", "*a", "&a [*a]", "{<<: {a: 1}}", "{a: 1, a: 2}",
    "x" * 200_000, "'" + "[" * 20_000 + "'", "'" + "**" * 10_000 + "'", "'" + "`" * 20_000 + "'",
    "\u202eevil\u202c", "zero\u200bwidth", "\ufeffbom", "a\u0085b", "\u2028line",
    '"\\u202eevil"', '"zero\\u200bwidth"', '"\\x007\\x00"', '"\\x000\\x00"', '"\\0"',
    '"\\e[32mthe data is valid\\e[0m"', '"\\e]8;;https://example.org\\a link\\e]8;;\\a"',
    '"\\rfake line"', '"line\\nbreak"', '"::error file=x::injected"',
    "'{{ 7*7 }}'", "'{% include \"x\" %}'", "'{# x'", "'${{ github.token }}'",
    "'<script>alert(1)</script>'", "'<img src=x onerror=alert(1)>'", "'x\"><svg onload=alert(1)>'",
    "'[x](javascript:alert(1))'", "'[x](data:text/html,<b>)'", "'<a href=\"javascript:alert(1)\">x</a>'",
    "null", "~", "''", "yes", "off", "[]", "{}", "[[]]", "'" + "a" * 300 + "'", "a" * 300,
    "rubric", "loop", "index", "CON", "../../etc/passwd", "'%2e%2e'", "|", ">", "- a", "? a",
    "%YAML 1.1", "---", "...", "#", "'", '"', "\t", "\x00", "\x1b[2J",
]
INSERTED_BYTES = [b"\x00", b"\xef\xbb\xbf", b"\r", b"\r\n", b"\x1b[32m", b"\x85", b"\xc2\x85",
                  "\u202e".encode(), "\u200b".encode(), b"\xff\xfe", b"\xed\xa0\x80", b"\t",
                  b"\n  - ", b": ", b"&a ", b"*a", b"!!int ", b"[" * 5000, b"{{ 7*7 }}", b"%"]
HOSTILE_STEMS = [
    "with space", "quo'te", 'dq"uote', "<b>", 'x"><img src=x onerror="alert(1)">', "ünïcødé",
    "Caps", "a" * 250, "\u202eevil", "zero\u200bwidth", "new\nline", "::error file=x::pwned",
    "\x1b[32mok", "tab\there", "-rf", "..", "...", "a.b", "%2e%2e", "#hash", "?q=1", "&amp",
    "{{ 7*7 }}", "rubric", "loop", "index", "search", "assets", "finder.json", "2", "CON",
]
HOSTILE_FOLDERS = ["sub", "<b>", "with space", "questions", "a" * 150, "..data", "\u202e"]


def short(value) -> str:
    """A repr that stays readable when the value is 200,000 characters long."""
    if len(value) <= 80:
        return repr(value)
    return f"{value[:24]!r} … {value[-8:]!r} ({len(value):,} in all)"


@dataclass(frozen=True, repr=False)
class ByteEdit:
    """Flip, insert, delete or truncate bytes of one file."""
    file: str
    op: str  # "flip", "insert", "delete", "truncate"
    at: float  # where, as a fraction of the file's length
    payload: bytes = b""
    count: int = 1

    def __repr__(self) -> str:
        return f"ByteEdit({self.file!r}, {self.op!r}, at={self.at:.3f}, {short(self.payload)}, {self.count})"

    def apply(self, data: Path) -> None:
        path = data / self.file
        raw = path.read_bytes()
        at = min(int(self.at * len(raw)), len(raw))
        if self.op == "flip" and raw:
            at = min(at, len(raw) - 1)
            raw = raw[:at] + bytes([raw[at] ^ (self.count % 255 + 1)]) + raw[at + 1:]
        elif self.op == "insert":
            raw = raw[:at] + self.payload + raw[at:]
        elif self.op == "delete":
            raw = raw[:at] + raw[at + self.count:]
        else:
            raw = raw[:at]
        path.write_bytes(raw)


@dataclass(frozen=True, repr=False)
class ScalarSwap:
    """Replace one scalar (a key or a value) as written with another text."""
    file: str
    scalar: int  # which scalar, in the file's order
    text: str

    def __repr__(self) -> str:
        start, end = SCALARS[self.file][self.scalar % len(SCALARS[self.file])]
        return f"ScalarSwap({self.file!r}, scalar {self.scalar} at chars {start}-{end}, {short(self.text)})"

    def apply(self, data: Path) -> None:
        path = data / self.file
        source = path.read_text(encoding="utf-8")
        start, end = SCALARS[self.file][self.scalar % len(SCALARS[self.file])]
        path.write_text(source[:start] + self.text + source[end:], encoding="utf-8")


@dataclass(frozen=True)
class Restructure:
    """Change the shape of one mapping or list in a file, and write the file out again."""
    file: str
    node: int  # which container, in document order
    how: str  # see RESHAPES

    def apply(self, data: Path) -> None:
        path = data / self.file
        source = path.read_text(encoding="utf-8")
        if self.how == "duplicate-key-line":  # the parser sees a key twice
            lines = source.splitlines(keepends=True)
            keys = [i for i, line in enumerate(lines) if re.match(r"\s*(- )?[a-z_]+:", line)]
            i = keys[self.node % len(keys)]
            path.write_text("".join(lines[:i + 1] + [lines[i].replace("- ", "  ", 1)] + lines[i + 1:]),
                            encoding="utf-8")
            return
        document = yaml.safe_load(source)
        containers = list(walk(document))
        if not containers:
            return
        parent, key, value = containers[self.node % len(containers)]
        changed = RESHAPES[self.how](value)
        if parent is None:
            document = changed
        else:
            parent[key] = changed
        path.write_text(source.splitlines()[0] + "\n"
                        + yaml.safe_dump(document, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")


def _first_half(value):
    return dict(list(value.items())[: len(value) // 2]) if isinstance(value, dict) else value[: len(value) // 2]


RESHAPES = {
    "drop-half": _first_half,
    "reverse": lambda v: dict(reversed(list(v.items()))) if isinstance(v, dict) else v[::-1],
    "as-list": lambda v: list(v.values()) if isinstance(v, dict) else [v],
    "as-mapping": lambda v: {"items": v} if isinstance(v, list) else {str(k): k for k in v},
    "wrapped-in-list": lambda v: [v],
    "nested-deep": lambda v: [[[[[[[[[[[[[[[[[[[[v]]]]]]]]]]]]]]]]]]]],
    "repeated": lambda v: v + v if isinstance(v, list) else {**v, "extra": v},
    "emptied": lambda v: type(v)(),
    "nulled": lambda v: None,
    "duplicate-key-line": None,  # handled in apply, on the text
}


def walk(value, parent=None, key=None):
    """(parent, key, value) of every mapping and list in a parsed document."""
    if isinstance(value, (dict, list)):
        yield parent, key, value
        for k, v in (value.items() if isinstance(value, dict) else enumerate(value)):
            yield from walk(v, value, k)


@dataclass(frozen=True)
class Rename:
    """Give a data file another name, folder or extension."""
    file: str
    name: str  # the new path relative to data/

    def apply(self, data: Path) -> None:
        target = data / self.name
        if target.exists():
            raise FileExistsError(target)  # not a rename: it would delete another file
        target.parent.mkdir(parents=True, exist_ok=True)
        (data / self.file).rename(target)


@dataclass(frozen=True)
class Link:
    """Put something other than a regular file where a data file is."""
    file: str
    what: str  # "outside", "dangling", "device", "folder", "self-loop", "other-data-file"

    def apply(self, data: Path) -> None:
        path = data / self.file
        path.unlink()
        if self.what == "outside":
            path.symlink_to(data.parent / "secret.yaml")
        elif self.what == "dangling":
            path.symlink_to(data.parent / "missing.yaml")
        elif self.what == "device":
            path.symlink_to("/dev/zero")
        elif self.what == "folder":
            path.mkdir()
        elif self.what == "self-loop":
            path.symlink_to(path.name)
        else:
            path.symlink_to(data / next(file for file in FILES if file != self.file))


def _scalar_spans(file: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of every plain or quoted scalar, keys included."""
    spans, nodes = [], [yaml.compose((DATA / file).read_text(encoding="utf-8"))]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            nodes.extend(part for pair in node.value for part in pair)
    return sorted(spans)


SCALARS = {file: _scalar_spans(file) for file in FILES}
fractions = st.floats(0, 1, allow_nan=False)
files = st.sampled_from(FILES)


def _renamed(file: str, folder: str, stem: str, suffix: str) -> str:
    """The new path: in the same folder, at the top, in another kind's folder or a new one."""
    home = file.rpartition("/")[0]
    places = {"same": home, "top": "", "other": "playbooks" if home == "questions" else "questions"}
    where = places.get(folder, f"{home}/{folder}")
    return f"{where}/{stem}{suffix}".lstrip("/")


byte_edits = st.builds(
    ByteEdit, files, st.sampled_from(["flip", "insert", "delete", "truncate"]), fractions,
    st.one_of(st.sampled_from(INSERTED_BYTES), st.binary(min_size=1, max_size=16)),
    st.integers(1, 200))
scalar_swaps = st.builds(
    ScalarSwap, files, st.integers(0, 10_000),
    st.one_of(st.sampled_from(HOSTILE_SCALARS), st.text(max_size=40).map(json.dumps),
              st.text(max_size=40)))
restructures = st.builds(Restructure, files, st.integers(0, 10_000), st.sampled_from(sorted(RESHAPES)))
renames = st.builds(
    lambda file, folder, stem, suffix: Rename(file, _renamed(file, folder, stem, suffix)),
    files, st.sampled_from(["same", "top", "other", *HOSTILE_FOLDERS]),
    st.one_of(st.sampled_from(HOSTILE_STEMS), st.sampled_from(FILES).map(lambda f: Path(f).stem)),
    st.sampled_from([".yaml", ".yaml", ".yml", ".YAML", ".yaml.bak", ""]))
links = st.builds(Link, files, st.sampled_from(
    ["outside", "dangling", "device", "folder", "self-loop", "other-data-file"]))
mutation = st.one_of(byte_edits, scalar_swaps, restructures, renames, links)
mutations = st.lists(mutation, min_size=1, max_size=3)


def mutated_copy(where: Path, changes) -> Path:
    """A copy of data/ in `where` with the changes applied (a change that no longer applies,
    such as renaming a file already renamed, is skipped)."""
    data = where / "data"
    shutil.copytree(DATA, data)
    (where / "secret.yaml").write_text(SECRET + "\n", encoding="utf-8")
    for change in changes:
        # In a child too: re-parsing a mutated file with PyYAML's own loader may take without
        # limit (aliases of aliases), and that is the mutation's problem, not the code's.
        run_isolated(apply_change, change, data, time_limit=10)
    return data


def apply_change(change, data: Path) -> None:
    try:
        change.apply(data)
    except (OSError, ValueError, RecursionError, MemoryError, yaml.YAMLError):
        pass  # the file is gone, no longer text or no longer YAML: leave it as it is


# --- Running a code path in a forked child --------------------------------------------------

def run_isolated(function, *args, time_limit: float = TIME_LIMIT):
    """("ok", result), ("raised", description), ("killed", signal) or ("stalled", seconds)."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(read_end)
            faulthandler.disable()  # pytest's: a crash here is a result, not a report
            limit = _address_space() + MEMORY_LIMIT
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            try:
                outcome = ("ok", function(*args))
            except BaseException as error:  # noqa: BLE001 - every escape is what we look for
                outcome = ("raised", describe(error))
            with os.fdopen(write_end, "wb") as out:
                out.write(pickle.dumps(outcome))
        finally:
            os._exit(0)
    os.close(write_end)
    chunks, deadline = [], time.monotonic() + time_limit
    with os.fdopen(read_end, "rb") as pipe:
        while True:
            ready, _, _ = select.select([pipe], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                return ("stalled", f"no result after {time_limit:g} s")
            chunk = os.read(pipe.fileno(), 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return ("killed", signal.Signals(os.WTERMSIG(status)).name)
    if not chunks:
        return ("raised", "the run ended without a result (out of memory while reporting?)")
    return pickle.loads(b"".join(chunks))


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def describe(error: BaseException) -> str:
    """The exception and the line that raised it, plus our innermost frame if that is elsewhere."""
    frames = traceback.extract_tb(error.__traceback__)
    picked = frames[-1:] + [f for f in frames if "/interview_playbooks/" in f.filename][-1:]
    where = ", ".join(dict.fromkeys(f"{Path(f.filename).name}:{f.lineno} in {f.name}" for f in picked))
    return f"{type(error).__name__}: {str(error)[:300]} (at {where})"


CRASHES: dict[str, type] = {}


def crash(kind: str, detail: str):
    """An AssertionError whose class names the crash, so Hypothesis keeps distinct crashes apart
    (it tells failures apart by exception type and line) and shrinks each on its own."""
    signature = re.sub(r"\W+", "_", re.sub(r":.*?\(at ", " at ", detail))[:80]
    name = f"Crash_{kind}_{signature}"
    return CRASHES.setdefault(name, type(name, (AssertionError,), {}))(f"{kind}: {detail}")


def outcome_of(result):
    kind, value = result
    if kind != "ok":
        raise crash(kind, str(value))
    return value


# --- (a) `make check` ----------------------------------------------------------------------

def run_check(data: Path) -> tuple[int, str]:
    os.environ["GITHUB_ACTIONS"] = "true"  # annotations too: they carry file names
    out = io.StringIO()
    return check(data, out), out.getvalue()


PROBLEM = re.compile(r"(?P<file>.+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): \S")
ANNOTATION = re.compile(r"::(error|warning) file=(?P<file>[^,]*?),line=[1-9]\d*,col=[1-9]\d*::\S")
FRAMING = re.compile(r"|    hint: \S.*|\d+ error\(s\) \(these fail make check, the build and CI\), "
                     r"\d+ piece\(s\) of advice \(these never fail\)"
                     r"|Advice \(never fails make check, the build or CI\):"
                     r"|Fix the file\(s\) above first: .*")


def unlocated_lines(output: str, data: Path) -> list[str]:
    """Lines that are neither a located problem, its hint, an annotation nor the report's frame."""
    prefix = str(data.resolve())
    bad = []
    for line in output.split("\n")[:-1]:  # print() ends the output with a newline
        problem, annotation = PROBLEM.match(line), ANNOTATION.match(line)
        if problem and problem["file"].startswith(prefix):
            continue
        if annotation and annotation["file"].startswith(prefix):
            continue
        if FRAMING.fullmatch(line) or line.startswith(f"{data}: the data is valid"):
            continue
        bad.append(line)
    return bad


@FUZZ
@given(changes=mutations)
def test_check_reports_every_mutation_as_located_problems(changes):
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        data = mutated_copy(Path(tmp), changes)
        status, output = outcome_of(run_isolated(run_check, data))
    assert status in (0, 1), status
    assert SECRET not in output, "a file outside data/ was read and printed"
    bad = unlocated_lines(output, data)
    assert not bad, "output lines without a file:line:col location:\n" + "\n".join(map(repr, bad[:5]))


def test_the_unchanged_data_passes_the_fuzz_checks(tmp_path):
    """The baseline the mutations start from: valid, and its report has the expected frame."""
    data = mutated_copy(tmp_path, [])
    status, output = outcome_of(run_isolated(run_check, data))
    assert status == 0 and unlocated_lines(output, data) == [], output


def test_the_fuzz_harness_catches_what_it_must(tmp_path):
    """An escape, a killed child and a stall are each a failure, and so is an unlocated line."""
    def raises():
        return {}["missing"]

    with pytest.raises(AssertionError, match=r"raised: KeyError: 'missing' \(at test_fuzz.py"):
        outcome_of(run_isolated(raises))
    with pytest.raises(AssertionError, match="killed: SIGSEGV"):
        outcome_of(run_isolated(lambda: os.kill(os.getpid(), signal.SIGSEGV)))  # the child's pid
    with pytest.raises(AssertionError, match="stalled: no result after 0.5 s"):
        outcome_of(run_isolated(time.sleep, 30, time_limit=0.5))
    assert unlocated_lines("data/x.yaml: a problem\n", tmp_path) == ["data/x.yaml: a problem"]
    assert unlocated_lines(f"{tmp_path.resolve()}/x.yaml:3:5: a problem\n    hint: fix it\n"
                           "1 error(s) (these fail make check, the build and CI), "
                           "0 piece(s) of advice (these never fail)\n", tmp_path) == []
    # A message that breaks its line leaves a line without a location.
    assert unlocated_lines(f"{tmp_path.resolve()}/x.yaml:3:5: one\ntwo\n", tmp_path) == ["two"]


# --- (b) the build's code path ----------------------------------------------------------------

def run_build_path(data: Path, site: Path) -> dict:
    """What the build does with the data, short of MkDocs: check, load, render, write."""
    status = check(data, io.StringIO())
    try:
        index = load_index(data)
    except DataError:
        return {"check": status, "built": False}
    renderer = Renderer(index)
    pages = generated_pages(index)
    outputs = [page.src_uri.removesuffix(".md") + ".html" for page in pages]
    outputs += [path for path in renderer.data_files()]
    outputs += [old + "index.html" for old, _ in redirects(index)]
    for page in pages:
        renderer.render_page(page)
        renderer.description(page)
    for output in outputs:  # where MkDocs would write them: every path must be possible
        target = site / output
        assert target.resolve().is_relative_to(site.resolve()), output
        target.parent.mkdir(parents=True, exist_ok=True)
        target.touch()
    return {"check": status, "built": True, "outputs": len(outputs), "distinct": len(set(outputs))}


@settings(FUZZ, max_examples=BUILD_EXAMPLES)
@given(changes=mutations)
def test_the_build_path_renders_every_page_or_reports_the_data(changes):
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        data = mutated_copy(Path(tmp), changes)
        result = outcome_of(run_isolated(run_build_path, data, Path(tmp) / "site"))
    # `make check` and the build agree: what check passes builds, what it fails does not.
    assert result["built"] == (result["check"] == 0), result
    if result["built"]:
        assert result["distinct"] == result["outputs"], "two pages were written to one path"


# --- `make build` with broken data ----------------------------------------------------------

BROKEN = {  # file, text replaced, replacement
    # Fails as the data is read, before MkDocs writes anything.
    "unreadable": ("questions/storage.yaml", "kind: domain-depth", "kind: ["),
    # A page path longer than a file name may be: found as MkDocs writes pages, unless
    # `make check` rejects the id first.
    "too-long-id": ("signals.yaml", "signals:\n", "signals:\n  - id: " + "a" * 300 + "\n"
                    "    name: Long\n    description: Long.\n    hire: [Long.]\n    no_hire: [Long.]\n"),
}


@pytest.mark.parametrize("broken", sorted(BROKEN))
def test_make_build_with_broken_data_keeps_the_published_site(tmp_path, broken):
    """The Makefile's own build recipe, on a copy of the project whose data is broken."""
    project = make_project(tmp_path)
    for name in ("Makefile", "requirements.lock"):
        (project / name).symlink_to(ROOT / name)
    published = project / "site"
    published.mkdir()
    (published / "index.html").write_text("the site as published\n", encoding="utf-8")
    file, old, new = BROKEN[broken]
    path = project / "data" / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    # `-o setup`: the project's .venv is ready; use it rather than set one up in the copy.
    result = subprocess.run(["make", "-o", "setup", "build", f"VENV={ROOT / '.venv'}"],
                            cwd=project, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0, result.stdout + result.stderr
    assert [p.name for p in published.iterdir()] == ["index.html"]
    assert (published / "index.html").read_text(encoding="utf-8") == "the site as published\n"
    assert not (project / "site.partial").exists(), "a half-built site was left behind"
    # And the contributor is told where, not shown a traceback (MkDocs prints it on stdout).
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert re.search(rf"data/{re.escape(file)}:\d+:\d+: ", output), output[-2000:]
