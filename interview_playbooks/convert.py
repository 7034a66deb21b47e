"""Check parsed YAML against the model's field types and build records from it.

The model's dataclasses are the schema: each field's type (with its Annotated extras) is
compiled once into a small checking function. Every problem is collected, none raised,
and every reference to another item is noted for the validator to resolve.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from functools import lru_cache
from typing import Any, Callable, Literal, NamedTuple

from . import model
from .load import UNSAFE_CHARACTER, Document, character_name
from .problems import Problem, did_you_mean

# An id, and a file or folder name under data/: lowercase words joined by hyphens. Ids
# become URLs, anchors and file names, so they are also short enough for every path the
# build writes (the longest, playbooks/<id>/scorecard/one-page/index.html, stays far below
# any file system's limit). Match with is_id, which also applies the length.
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_ID_LENGTH = 64
# Text that YAML 1.1 would have read as a number (octal, hex, base 60, underscores...).
_NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9a-fA-FxXoObB_:.]*")


def is_id(value: object) -> bool:
    return type(value) is str and len(value) <= MAX_ID_LENGTH and SLUG.fullmatch(value) is not None


def id_problem(value: str) -> tuple[str, str]:
    """Why `value` is not an id, and how to make it one: (what is wrong, hint)."""
    unsafe = UNSAFE_CHARACTER.search(value) or re.search("[\t\n]", value)
    if unsafe:
        return (f"contains the invisible character {character_name(unsafe.group())}",
                f"ids are lowercase words joined by hyphens, such as '{slugify(value)}'")
    if len(value) > MAX_ID_LENGTH:
        return (f"is {len(value)} characters long, over the limit of {MAX_ID_LENGTH}",
                f"shorten it: ids become URLs and file names, such as "
                f"'{slugify(value)[:MAX_ID_LENGTH].rstrip('-')}'")
    return ("is not a valid id",
            f"ids are lowercase words joined by hyphens, such as '{slugify(value)}'")


class Reference(NamedTuple):
    """A field naming another item by id, to be resolved once everything is loaded."""

    kind: str
    id: str
    doc: Document
    path: tuple
    label: tuple  # who makes the reference: see Label

    @property
    def owner(self) -> str:
        """E.g. "question 'state-transfer', field 'signals[1]'", for messages."""
        return said(self.label, self.path)


def kind_name(cls: type) -> str:
    """`ScalePoint` -> `scale point`."""
    return re.sub(r"(?<!^)([A-Z])", r" \1", cls.__name__).lower()


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-") or "an-id"


class Context:
    """One document's conversion: its problems and the references it makes."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.problems: list[Problem] = []
        self.references: list[Reference] = []

    def error(self, path: tuple, message: str, hint: str = "", key: bool = False) -> None:
        self.problems.append(Problem(self.doc.where(path, key=key), message, hint))


Converter = Callable[[Any, tuple, Context, str], Any]
_MISSING = object()


def convert(cls: type, doc: Document) -> tuple[Any, Context]:
    """Build a record of `cls` from a whole document."""
    context = Context(doc)
    return _record_converter(cls)(doc.data, (), context, FILE_LABEL), context


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping (fields)"
    return type(value).__name__


# Who owns a value, for messages: (owner, depth). The owner is the nearest record with an
# id ("question 'x'"), or "" for the file; depth is the length of that record's path, so the
# rest of a value's path names the field ("probes[1].text"). Labels are spelled out only
# when there is a problem: the happy path builds no strings.
Label = tuple
FILE_LABEL: Label = ("", 0)


def said(label: Label, path: tuple) -> str:
    """`("question 'x'", 2)`, `(..., "probes", 1, "text")` -> `question 'x', field 'probes[1].text'`."""
    owner, depth = label
    field_path = ""
    for part in path[depth:]:
        field_path += f"[{part}]" if isinstance(part, int) else (f".{part}" if field_path else part)
    if owner and field_path:
        return f"{owner}, field '{field_path}'"
    return owner or (f"field '{field_path}'" if field_path else "the file")


@lru_cache(maxsize=None)
def _compile(hint: Any) -> tuple[Converter, str]:
    """A converter for one type hint, and the words describing what it expects."""
    bare, extras, optional = model.unpack(hint)
    if optional:
        convert_inner, wants = _compile(typing.Annotated[bare, *extras] if extras else bare)

        def optional_value(value, path, ctx, label):
            return None if value is None else convert_inner(value, path, ctx, label)
        return optional_value, wants
    hint = bare
    origin = typing.get_origin(hint)
    if origin is list:
        convert_item, item_wants = _compile(typing.get_args(hint)[0])
        at_least = next((e.count for e in extras if isinstance(e, model.MinItems)), 0)

        def listing(value, path, ctx, label):
            if type(value) is not list:
                ctx.error(path, f"{said(label, path)} should be a list, but is {describe(value)}",
                          "write each item on its own line starting with '- '")
                return []
            if len(value) < at_least:
                ctx.error(path, f"{said(label, path)} needs at least {at_least} item(s), "
                          f"has {len(value)}", "add the missing items")
            items = [convert_item(item, (*path, i), ctx, label) for i, item in enumerate(value)]
            return [item for item in items if item is not None] if None in items else items
        return listing, f"a list of {item_wants}"
    if origin is Literal:
        choices = typing.get_args(hint)

        def choice(value, path, ctx, label):
            if value not in choices:
                hint_text = did_you_mean(str(value), choices) or "use one of the listed values"
                ctx.error(path, f"{said(label, path)} is {describe(value)}, which is not one of: "
                          + ", ".join(choices), hint_text)
                return None
            return value
        return choice, "one of " + ", ".join(f"`{c}`" for c in choices)
    if isinstance(hint, type) and issubclass(hint, model.Record):
        return _record_converter(hint), f"a {kind_name(hint)}"
    if hint is int:
        bounds = next((e for e in extras if isinstance(e, model.Range)), None)

        def whole_number(value, path, ctx, label):
            if isinstance(value, bool) or not isinstance(value, int):
                hint = "write plain digits, such as 15"
                if type(value) is str and _NUMBER_LIKE.fullmatch(value):
                    hint += " (no leading zero, sign, underscore, colon, point or 0x)"
                ctx.error(path, f"{said(label, path)} should be a whole number, but is "
                          f"{describe(value)}", hint)
                return None
            if bounds and not bounds.low <= value <= bounds.high:
                ctx.error(path, f"{said(label, path)} is {value}, outside {bounds.low}–{bounds.high}",
                          f"use a number from {bounds.low} to {bounds.high}")
                return None
            return value
        return whole_number, "a whole number"
    if hint is str:
        ref = next((e for e in extras if isinstance(e, model.Ref)), None)
        is_slug = any(isinstance(e, model.Slug) for e in extras)

        def text(value, path, ctx, label):
            if type(value) is not str:
                ctx.error(path, f"{said(label, path)} should be text, but is {describe(value)}",
                          "put the value in quotes")
                return None
            if ctx.doc.may_hide_characters:  # an escape or invisible character in the file
                unsafe = UNSAFE_CHARACTER.search(value)
                if unsafe:
                    ctx.error(path, f"{said(label, path)} contains the character "
                              f"{character_name(unsafe.group())}, which is not allowed in text",
                              "delete it: control, zero-width and direction characters are "
                              "invisible, or make text read differently from what it says; "
                              "for a line break, start a new line")
                    return None
            return value

        def identifier(value, path, ctx, label):
            if not is_id(value):
                if type(value) is not str:
                    ctx.error(path, f"{said(label, path)} should be text, but is "
                              f"{describe(value)}", "put the value in quotes")
                else:
                    wrong, hint = id_problem(value)
                    shown = value if len(value) <= 80 else value[:80] + "…"
                    ctx.error(path, f"{said(label, path)} '{shown}' {wrong}", hint)
                return None
            if ref:  # spelled out now: the validator reports unresolved references later
                ctx.references.append(Reference(ref.kind, value, ctx.doc, path, label))
            return value
        wants = f"the id of a {ref.kind}" if ref else ("an id" if is_slug else "text")
        return (identifier if is_slug or ref else text), wants
    raise TypeError(f"the model uses a type the converter does not know: {hint!r}")


@lru_cache(maxsize=None)
def fields_of(cls: type) -> dict[str, tuple[dataclasses.Field, Any]]:
    """The YAML fields of a record class, with their type hints."""
    hints = typing.get_type_hints(cls, include_extras=True)
    return {f.name: (f, hints[f.name]) for f in dataclasses.fields(cls)
            if not f.metadata.get("computed")}


def is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


@lru_cache(maxsize=None)
def _record_converter(cls: type) -> Converter:
    name = kind_name(cls)
    spec = {key: (f, _compile(hint)[0], is_required(f)) for key, (f, hint) in fields_of(cls).items()}
    field_names = list(spec)
    required = [key for key, (_, _, needed) in spec.items() if needed]
    converters = {key: converter for key, (_, converter, _) in spec.items()}
    # Building the instance without its __init__ saves a third of the time on large banks;
    # defaults are filled the way dataclasses would (a fresh list for each default_factory).
    defaults = {key: f.default for key, (f, _, _) in spec.items()
                if f.default is not dataclasses.MISSING}
    defaults["where"] = None
    factories = [(key, f.default_factory) for key, (f, _, _) in spec.items()
                 if f.default_factory is not dataclasses.MISSING]
    new = object.__new__

    def record(value, path, ctx, label):
        if type(value) is not dict:
            if cls.shorthand and type(value) is str:
                value = {cls.shorthand: value}
            else:
                expected = f"a {name} (fields such as {', '.join(field_names[:3])})"
                ctx.error(path, f"{said(label, path)} should be {expected}, but is "
                          f"{describe(value)}", "see the data reference")
                return None
        ident = value.get("id")
        if is_id(ident):  # a broken id is reported on its own; it names nothing
            label = (f"{name} '{ident}'", len(path))
        values = dict(defaults)
        for key, factory in factories:
            values[key] = factory()
        failed = False
        for key, raw in value.items():
            convert_field = converters.get(key)
            if convert_field is None:
                hint = did_you_mean(key, field_names) or (
                    f"the fields of a {name} are: " + ", ".join(field_names))
                ctx.error((*path, key), f"{said(label, path)}: unknown field '{key}'",
                          hint, key=True)
                continue
            converted = convert_field(raw, (*path, key), ctx, label)
            if converted is None:
                failed = failed or key in required
            else:
                values[key] = converted
        missing = [key for key in required if key not in value]
        for key in missing:
            ctx.error(path, f"{said(label, path)}: the required field '{key}' is missing",
                      f"add `{key}:` ({spec[key][0].metadata.get('doc', '')})")
        if missing or failed:
            return None
        instance = new(cls)
        instance.__dict__.update(values)
        instance.where = (ctx.doc, path)
        return instance
    return record
