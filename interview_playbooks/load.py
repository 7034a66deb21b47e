"""Load data/*.yaml safely, remembering where every value came from.

Only YAML's plain data types are accepted (no tags, anchors or aliases), with PyYAML's C
parser where it is available. Everything that can be wrong with a file as a file (size,
encoding, tabs, syntax, duplicate keys) is reported here as a Problem, never raised.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import yaml

from .problems import Problem, Where

try:  # the C parser is about ten times faster; fall back where PyYAML was built without it
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    from yaml import SafeLoader as _Loader

MAX_BYTES = 1_000_000
MAX_DEPTH = 40

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:timestamp",
}
_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_constructor = yaml.constructor.SafeConstructor()

Path_ = tuple  # a path into a document: keys and list indexes, e.g. ("questions", 3, "title")


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


try:  # PyYAML's C parser as a stream of events: the fast path builds data from them directly
    from yaml._yaml import CParser as _EventParser
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    _EventParser = None

# YAML 1.1's implicit types for plain scalars, by first character (as PyYAML's resolver).
_IMPLICIT = {first: [(tag, pattern.match) for tag, pattern in resolvers]
             for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()}


def _plain_scalar(value: str):
    """A plain (unquoted) scalar as the safe loader reads it: text, number, yes/no, null, date."""
    for tag, match in _IMPLICIT.get(value[:1], ()):
        if match(value):
            if tag == _STR:
                return value
            if tag not in _PLAIN_TAGS:  # e.g. the merge key '<<': the careful path reports it
                raise _NeedsCare()
            return _constructor.construct_object(yaml.ScalarNode(tag, value))
    return value


def _events_to_data(text: str):
    """The data of a sound one-document file, straight from the C parser's events.

    About five times faster than composing nodes: no node or mark objects, no resolver
    calls for quoted text. Anything unusual (an anchor, alias or tag, a duplicate key or a
    key that is not text, a second document) raises _NeedsCare for the careful path.
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
                value = _plain_scalar(value)
        elif kind is _MappingStart or kind is _SequenceStart:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise _NeedsCare()
            container = {} if kind is _MappingStart else []
            if len(stack) >= MAX_DEPTH:
                raise _NeedsCare()
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
if _EventParser is not None:
    from yaml._yaml import (DocumentEndEvent as _DocumentEnd, MappingEndEvent as _MappingEnd,
                            MappingStartEvent as _MappingStart, ScalarEvent as _Scalar,
                            SequenceEndEvent as _SequenceEnd, SequenceStartEvent as _SequenceStart,
                            StreamEndEvent as _StreamEnd)

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


def load_text(text: str, file: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, or report why it cannot be used."""
    problems = _tab_problems(text, file)
    if problems:
        return None, problems
    if not any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
        return None, [Problem(Where(file), "the file is empty",
                              "add the data the file is for, or delete the file")]
    fast = _fast_load(text, file)
    if fast is not None:
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
    except yaml.YAMLError as error:  # e.g. a control character the reader rejects
        return None, [Problem(Where(file), f"YAML error: {error}", "remove the character")]
    doc = Document(file, None)
    try:
        doc.data = _build(node, (), doc, set(), 0)
    except _Reject as rejected:
        where = Where(file, rejected.mark.line + 1, rejected.mark.column + 1)
        return None, [Problem(where, rejected.message, rejected.hint)]
    return doc, doc.problems


def load_file(path: Path, file: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one data file; `file` is the name used in messages."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(Where(file), f"the file is {size:,} bytes, over the 1 MB limit",
                              "split it into several files of the same kind")]
    raw = path.read_bytes()
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
    if depth > MAX_DEPTH:
        raise _Reject(node.start_mark, f"the data nests deeper than {MAX_DEPTH} levels",
                      "flatten the structure; no data kind needs this depth")
    doc.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    seen.add(id(node))
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        raise _Reject(node.start_mark, f"the tag '{node.tag}' is not allowed",
                      "remove the tag (the word starting with '!')")
    if isinstance(node, yaml.ScalarNode):
        if node.tag not in _PLAIN_TAGS:
            raise _Reject(node.start_mark, f"the tag '{node.tag}' is not allowed",
                          "remove the tag (the word starting with '!')")
        if node.tag == _STR:
            return node.value
        # Numbers, booleans, nulls and dates; a date where text belongs is reported by convert.
        return _constructor.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, path + (i,), doc, seen, depth + 1) for i, item in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _Reject(key_node.start_mark, "a key must be plain text",
                              "write keys as words, such as `title:`")
            key = key_node.value
            if key == "<<":
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
    raise _Reject(node.start_mark, "unsupported YAML node", "use mappings, lists and text")
