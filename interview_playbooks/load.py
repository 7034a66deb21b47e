"""Load data/*.yaml safely, remembering where every value came from.

Only YAML's plain data types are accepted (no tags, anchors or aliases), with PyYAML's C
parser where it is available. Everything that can be wrong with a file as a file (size,
encoding, tabs, control characters, nesting, syntax, duplicate keys) is reported here as a
Problem, never raised.

Plain (unquoted) scalars are read by our own small rule, not YAML 1.1's: null, yes/no,
plain decimal integers and decimal fractions; everything else is the text as typed. So
`2024-02-30` is text (not an impossible date), `012`, `0xa`, `1:00` and `1_000` are text
(not 10, 10, 60 and 1000), and a number of 5,000 digits is text rather than a crash.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from .problems import Problem, Where

try:  # the C parser is about ten times faster; fall back where PyYAML was built without it
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    from yaml import SafeLoader as _BaseLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_INTEGER_DIGITS = 15  # far beyond any count of minutes; longer digit strings stay text


class _Implicit(str):
    """A tag only the loader itself gives a node (compared by identity, so no tag a
    contributor writes can pass for one): every explicit tag is refused."""


_PLAIN = _Implicit("plain scalar")
_QUOTED = _Implicit("quoted scalar")
_SEQUENCE = _Implicit("sequence")
_MAPPING = _Implicit("mapping")


class _Loader(_BaseLoader):
    """The safe loader, with YAML 1.1's implicit typing switched off (see plain_scalar)."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _PLAIN if implicit[0] else _QUOTED
        return _SEQUENCE if kind is yaml.SequenceNode else _MAPPING


# The words YAML 1.1 reads as null or yes/no, as PyYAML's safe loader does.
_WORDS = {word: None for word in ("", "~", "null", "Null", "NULL")}
_WORDS.update((word, True) for word in ("yes", "Yes", "YES", "true", "True", "TRUE",
                                        "on", "On", "ON"))
_WORDS.update((word, False) for word in ("no", "No", "NO", "false", "False", "FALSE",
                                         "off", "Off", "OFF"))
_NOT_A_WORD = object()
_INTEGER = re.compile(rf"-?(?:0|[1-9][0-9]{{0,{MAX_INTEGER_DIGITS - 1}}})")
_FRACTION = re.compile(r"[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_NUMBER_START = frozenset("0123456789-+.")


def plain_scalar(value: str):
    """A plain (unquoted) scalar: null, yes/no, a decimal integer or fraction, else the text.

    Only plain decimal digits make an integer: YAML 1.1's octal (`012`), hex (`0xa`),
    binary, base-60 (`1:00`) and underscored (`1_000`) forms, over-long numbers and
    dates stay the text the contributor typed; a field that wants a number says so.
    """
    word = _WORDS.get(value, _NOT_A_WORD)
    if word is not _NOT_A_WORD:
        return word
    if value[0] in _NUMBER_START:
        if _INTEGER.fullmatch(value):
            return int(value)
        if _FRACTION.fullmatch(value):
            return float(value)
    return value


Path_ = tuple  # a path into a document: keys and list indexes, e.g. ("questions", 3, "title")

# Characters no value may hold: C0 and C1 controls (tab and line feed aside) and DEL,
# bidirectional overrides, isolates and marks, zero-width characters and the byte order
# mark. They are invisible or rewrite the text around them, in a page or a terminal.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (but tab and line feed), DEL and C1
_INVISIBLE = "\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff"
UNSAFE_CHARACTER = re.compile(f"[{_CONTROLS}{_INVISIBLE}]")
# In the file itself: the controls YAML cannot read, and a carriage return that does not
# end a line (CRLF line endings are fine). Found here, each has a position.
_RAW_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)")
# What could put an unsafe character into a value that _RAW_CONTROL lets through: an
# escape in a double-quoted string, or the invisible character itself.
_MAY_HIDE = re.compile(f"\\\\|[{_INVISIBLE}]")
# Either of the two, or a carriage return: one quick pass, and most files need no other.
_ANY_SUSPECT = re.compile(f"[{_CONTROLS}\\\\{_INVISIBLE}]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BACKSPACE", 9: "TAB", 10: "LINE FEED",
                  13: "CARRIAGE RETURN", 27: "ESC", 127: "DELETE", 0x85: "NEXT LINE"}


def character_name(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: how messages name a character."""
    code = ord(char)
    name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "a control character")
    return f"U+{code:04X} ({name})"


@dataclass
class Document:
    """One parsed data file: its data plus the position of every value and key."""

    file: str
    data: object
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    digest: str = ""
    problems: list[Problem] = field(default_factory=list)  # found while building, e.g. duplicate keys
    text: str = ""  # kept to find positions later when the fast path skipped them
    # The text has an escape or an invisible character: values must be checked for
    # UNSAFE_CHARACTER (convert.py does it). Files without either are spared the check.
    may_hide_characters: bool = False

    def where(self, path: Path_ = (), key: bool = False) -> Where:
        """Position of the value (or its key) at `path`, else of the nearest enclosing value."""
        if not self.values and self.text:  # parsed on the fast path: positions on demand
            _build(yaml.compose(self.text, Loader=_Loader), (), self, set(), 0)
        if key and path in self.keys:
            return Where(self.file, *self.keys[path])
        while path not in self.values and path:
            path = path[:-1]
        return Where(self.file, *self.values.get(path, (1, 1)))


class _Mark(NamedTuple):
    line: int  # from 0, as in PyYAML's marks
    column: int


class _Reject(Exception):
    def __init__(self, mark, message: str, hint: str):
        self.mark, self.message, self.hint = mark, message, hint


class _NeedsCare(Exception):
    """The fast path met something only the careful path reports well."""


def _too_deep(mark) -> _Reject:
    return _Reject(mark, f"the data nests deeper than {MAX_DEPTH} levels",
                   "flatten the structure; no data kind needs this depth")


_TAG_HINT = ("remove the tag (the word starting with '!'): write text as it is, in quotes "
             "if needed, and numbers as plain digits")

try:  # PyYAML's C parser as a stream of events: the fast path builds data from them directly
    from yaml._yaml import CParser as _EventParser
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    _EventParser = None


def _events_to_data(text: str):
    """The data of a sound one-document file, straight from the C parser's events.

    About five times faster than composing nodes: no node or mark objects, no resolver
    calls for quoted text. Anything unusual (an anchor, alias or tag, a duplicate key or a
    key that is not text, a second document) raises _NeedsCare for the careful path;
    nesting beyond MAX_DEPTH is rejected here and then.
    """
    parser = _EventParser(text)
    get = parser.get_event
    get(), get()  # stream start, document start
    stack: list = []  # open collections: [container, pending key or _NO_KEY]
    root = _NO_KEY
    while True:
        event = get()
        kind = type(event)
        if kind is _Scalar:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _NeedsCare()
            value = event.value
            if event.implicit[0]:
                value = plain_scalar(value)
        elif kind is _MappingStart or kind is _SequenceStart:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _NeedsCare()
            container = {} if kind is _MappingStart else []
            if len(stack) > MAX_DEPTH:
                raise _too_deep(event.start_mark)
            _attach(stack, container)
            stack.append([container, _NO_KEY])
            continue
        elif kind is _MappingEnd or kind is _SequenceEnd:
            value = stack.pop()[0]
            if not stack:
                root = value
            continue
        elif kind is _DocumentEnd:
            if type(get()) is not _StreamEnd:  # a second document
                raise _NeedsCare()
            return root
        else:  # an alias
            raise _NeedsCare()
        if not stack:
            root = value
        else:
            _attach(stack, value)


def _attach(stack: list, value) -> None:
    """Put a finished value into the innermost open collection."""
    if not stack:
        return
    top = stack[-1]
    container = top[0]
    if type(container) is list:
        container.append(value)
    elif top[1] is _NO_KEY:
        if type(value) is not str or value in container or value == "<<":
            raise _NeedsCare()
        top[1] = value
    else:
        container[top[1]] = value
        top[1] = _NO_KEY


_NO_KEY = object()
# The C parser makes the same event objects as the pure-Python one.
from yaml.events import (DocumentEndEvent as _DocumentEnd, MappingEndEvent as _MappingEnd,  # noqa: E402
                         MappingStartEvent as _MappingStart, ScalarEvent as _Scalar,
                         SequenceEndEvent as _SequenceEnd, SequenceStartEvent as _SequenceStart,
                         StreamEndEvent as _StreamEnd)


def _check_depth(text: str) -> None:
    """Raise _Reject where the nesting first goes beyond MAX_DEPTH, before anything composes.

    The composer recurses once per level (PyYAML's C composer overflows the stack and
    crashes the process at about 20,000 levels; the pure-Python one raises RecursionError
    at a few hundred), while the parser's events come from a state machine with its own
    stack: counting them is exact and stops at the first level too many, so it stays
    linear (libyaml's scanner slows down quadratically only if it is let go deeper).
    """
    events = (iter(_EventParser(text).get_event, None) if _EventParser is not None
              else yaml.parse(text, Loader=yaml.SafeLoader))  # a generator of the same events
    depth = 0
    try:
        for event in events:
            kind = type(event)
            if kind is _MappingStart or kind is _SequenceStart:
                depth += 1
                if depth > MAX_DEPTH + 1:
                    raise _too_deep(event.start_mark)
            elif kind is _MappingEnd or kind is _SequenceEnd:
                depth -= 1
            elif kind is _StreamEnd:
                return
    except yaml.YAMLError:
        return  # a syntax error: composing reports it (nesting before it was shallow)


# An anchor (&name) or alias (*name) where YAML would read one; the careful path decides.
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\]}]")


def _fast_load(text: str, file: str) -> Document | None:
    """The data without positions (found later if a problem needs them), or None."""
    if _EventParser is None or _MAYBE_ALIAS.search(text):
        return None
    try:
        data = _events_to_data(text)
    except (_NeedsCare, yaml.YAMLError, RecursionError):
        return None
    return Document(file, data, text=text)


def _rejected(file: str, rejected: _Reject) -> Problem:
    where = Where(file, rejected.mark.line + 1, rejected.mark.column + 1)
    return Problem(where, rejected.message, rejected.hint)


def load_text(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, or report why it cannot be used."""
    suspect = _ANY_SUSPECT.search(text) is not None
    problems = (suspect and _control_problems(text, file)) or _tab_problems(text, file)
    if problems:
        return None, problems
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [Problem(Where(file), "the file is empty",
                              "add the data the file is for, or delete the file")]
    may_hide = suspect and _MAY_HIDE.search(text) is not None
    try:
        fast = _fast_load(text, file)
        if fast is None:
            _check_depth(text)
    except _Reject as rejected:
        return None, [_rejected(file, rejected)]
    if fast is not None:
        fast.may_hide_characters = may_hide
        return fast, []
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = Where(file, mark.line + 1, mark.column + 1) if mark else Where(file)
        message = f"YAML syntax error: {error.problem or error.context}"
        return None, [Problem(where, message, "check the indentation and quoting on this line "
                              "and the one before; a value containing ': ' or starting with "
                              "a special character must be in quotes")]
    except yaml.YAMLError as error:  # pragma: no cover - _control_problems finds these first
        return None, [Problem(Where(file), f"YAML error: {error}", "remove the character")]
    doc = Document(file, None, may_hide_characters=may_hide)
    try:
        doc.data = _build(node, (), doc, set(), 0)
    except _Reject as rejected:
        return None, [_rejected(file, rejected)]
    return doc, doc.problems


_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
               | getattr(os, "O_CLOEXEC", 0))


def read_limited(path: Path, file: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file, at most MAX_BYTES of them, or why not.

    Never follows a symbolic link (O_NOFOLLOW), never waits on a pipe or device
    (O_NONBLOCK, then fstat), and counts the bytes actually read: a file's reported
    size can be 0 and its content endless.
    """
    try:
        fd = os.open(path, _READ_FLAGS)
    except OSError as error:
        return None, [Problem(Where(file), f"the file cannot be read ({error.strerror})",
                              "data files must be regular files inside data/, not symbolic "
                              "links; check the file's permissions")]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [Problem(Where(file), "this is not a regular file",
                                  "data files must be regular files inside data/")]
        chunks, wanted = [], MAX_BYTES + 1
        while wanted > 0:
            chunk = os.read(fd, min(wanted, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            wanted -= len(chunk)
    except OSError as error:
        return None, [Problem(Where(file), f"the file cannot be read ({error.strerror})",
                              "check the file's permissions")]
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if len(raw) > MAX_BYTES:
        size = f"{info.st_size:,} bytes, " if info.st_size > MAX_BYTES else ""
        return None, [Problem(Where(file), f"the file is {size}over the 1 MB limit",
                              "split it into several files of the same kind")]
    return raw, []


def load_file(path: Path, file: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one data file; `file` is the name used in messages."""
    raw, problems = read_limited(path, file)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        return None, [Problem(Where(file, line, col), "the file is not UTF-8 text",
                              "save it as UTF-8 in your editor")]
    doc, problems = load_text(text.removeprefix("\ufeff"), file)
    if doc:
        doc.digest = hashlib.sha256(raw).hexdigest()
    return doc, problems


def _control_problems(text: str, file: str, limit: int = 20) -> list[Problem]:
    """Control characters in the file itself (YAML cannot read them), at most `limit`."""
    problems = []
    for match in _RAW_CONTROL.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        where = Where(file, text.count("\n", 0, start) + 1, start - line_start + 1)
        problems.append(Problem(where, f"the file contains the control character "
                                f"{character_name(match.group()[0])}",
                                "delete it: it is invisible in most editors (a line ending "
                                "must be a line feed, or a carriage return and a line feed)"))
        if len(problems) == limit:
            break
    return problems


def _tab_problems(text: str, file: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Problem(Where(file, number, indent.index("\t") + 1),
                                    "a tab is used for indentation",
                                    "YAML indents with spaces only: replace the tab with spaces"))
    return problems


def _build(node, path: Path_, doc: Document, seen: set, depth: int):
    """Turn a composed node into plain Python data, recording positions on the way."""
    if id(node) in seen:  # the composer reuses an anchored node wherever an alias points to it
        # The node carries the anchor's position; point at the key or item that uses it.
        line, col = doc.keys.get(path) or doc.values.get(path[:-1], (1, 1))
        raise _Reject(_Mark(line - 1, col - 1), "anchors and aliases (&name, *name) are not allowed",
                      "write the value out in full where it is needed")
    if depth > MAX_DEPTH and not isinstance(node, yaml.ScalarNode):  # as _events_to_data counts
        raise _too_deep(node.start_mark)
    doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    seen.add(id(node))
    tag = node.tag
    if tag is _PLAIN:
        return plain_scalar(node.value)
    if tag is _QUOTED:
        return node.value
    if tag is _SEQUENCE:
        return [_build(item, path + (i,), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    if tag is not _MAPPING:  # the loader names every implicit node: this tag was written
        raise _Reject(node.start_mark, f"the tag '{tag}' is not allowed", _TAG_HINT)
    result: dict = {}
    for key_node, value_node in node.value:
        key = key_node.value if key_node.tag is _QUOTED else (
            plain_scalar(key_node.value) if key_node.tag is _PLAIN else None)
        if type(key) is not str:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag is _PLAIN:
                raise _Reject(key_node.start_mark, "a key must be plain text",
                              "write keys as words, such as `title:`")
            raise _Reject(key_node.start_mark, f"the tag '{key_node.tag}' is not allowed",
                          _TAG_HINT)
        if key == "<<" and key_node.tag is _PLAIN:
            raise _Reject(key_node.start_mark, "merge keys (<<) are not allowed",
                          "write the fields out in full")
        if key in result:
            mark = key_node.start_mark
            doc.problems.append(Problem(
                Where(doc.file, mark.line + 1, mark.column + 1),
                f"the key '{key}' appears twice in this mapping", "keep one of them"))
            continue
        doc.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        result[key] = _build(value_node, path + (key,), doc, seen, depth + 1)
    return result
