"""JSON Schemas for the data files, derived from the model.

Editors read them (each data file names its schema on its first line) to underline
mistakes while a contributor types; the "Data reference" page is rendered from them.
`python -m interview_playbooks schemas` rewrites schemas/; a test keeps them in step.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Annotated, Any, Literal

from . import model
from .convert import MAX_ID_LENGTH, SLUG, fields_of, is_required, kind_name
from .model import unpack
from .text import plain

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
BASE_URL = "https://interview-playbooks.github.io/interview-playbooks/schemas/"

# File name of each kind's schema, and the record its files hold.
SCHEMA_FILES = {
    "signals.yaml": "signals.schema.json",
    "scales.yaml": "scales.schema.json",
    "roles.yaml": "roles.schema.json",
    "levels.yaml": "levels.schema.json",
    "questions/*.yaml": "bank.schema.json",
    "playbooks/*.yaml": "playbook.schema.json",
    "samples/*.yaml": "sample.schema.json",
    "loops/*.yaml": "loop.schema.json",
}


def schema_line(pattern: str) -> str:
    """The first line every data file of this kind starts with."""
    depth = pattern.count("/") + 1
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{SCHEMA_FILES[pattern]}"


def _type(hint: Any, definitions: dict) -> dict:
    hint, extras, optional = unpack(hint)
    if optional:
        return {"anyOf": [_type(Annotated[hint, *extras] if extras else hint, definitions),
                          {"type": "null"}]}
    origin = typing.get_origin(hint)
    if origin is list:
        schema = {"type": "array", "items": _type(typing.get_args(hint)[0], definitions)}
        for extra in extras:
            if isinstance(extra, model.MinItems) and extra.count:
                schema["minItems"] = extra.count
        return schema
    if origin is Literal:
        # `enum` with a description per value: the form the YAML extension of VS Code
        # (yaml-language-server) shows in completion lists and on hover.
        definitions_of = model.DEFINITIONS[hint]
        values = list(typing.get_args(hint))
        return {"enum": values,
                "enumDescriptions": [plain(definitions_of[value]) for value in values],
                "markdownEnumDescriptions": [definitions_of[value] for value in values]}
    if isinstance(hint, type) and issubclass(hint, model.Record):
        name = hint.__name__
        if name not in definitions:
            definitions[name] = {}  # placeholder against recursion
            definitions[name] = _record(hint, definitions)
        ref = {"$ref": f"#/$defs/{name}"}
        if hint.shorthand:
            return {"anyOf": [{"type": "string", "minLength": 1}, ref]}
        return ref
    if hint is int:
        schema = {"type": "integer"}
        for extra in extras:
            if isinstance(extra, model.Range):
                schema.update(minimum=extra.low, maximum=extra.high)
        return schema
    if hint is str:
        schema = {"type": "string"}
        for extra in extras:
            if isinstance(extra, (model.Slug, model.Ref)):
                schema["pattern"] = SLUG.pattern
                schema["maxLength"] = MAX_ID_LENGTH
            if isinstance(extra, model.Ref):
                schema["description"] = f"The id of a {extra.kind}."
        return schema
    raise TypeError(hint)


def _record(cls: type, definitions: dict) -> dict:
    properties = {}
    for name, (field, hint) in fields_of(cls).items():
        prop = _type(hint, definitions)
        text = field.metadata.get("doc", "")
        if text:
            prop = {**prop, "description": text}
        if field.default not in (dataclasses.MISSING, None) and not callable(field.default):
            prop["default"] = field.default
        properties[name] = prop
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    required = [name for name, (field, _) in fields_of(cls).items() if is_required(field)]
    if required:
        schema["required"] = required
    if summary(cls):
        schema["description"] = summary(cls)
    return schema


def summary(cls: type) -> str:
    """The first line of a record's docstring; never the signature dataclasses write when a
    class has none."""
    text = (cls.__doc__ or "").strip()
    if not text or text.startswith(f"{cls.__name__}("):
        return ""
    return text.splitlines()[0]


def schema_of(pattern: str) -> dict:
    """The JSON Schema of one kind of data file."""
    definitions: dict = {}
    root = _record(model.FILE_KINDS[pattern], definitions)
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema",
              "$id": BASE_URL + SCHEMA_FILES[pattern],
              "title": f"Interview Playbooks: data/{pattern}", **root}
    if definitions:
        schema["$defs"] = dict(sorted(definitions.items()))
    return schema


def rendered(pattern: str) -> str:
    return json.dumps(schema_of(pattern), indent=2, ensure_ascii=False) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(exist_ok=True)
    written = []
    for pattern, name in SCHEMA_FILES.items():
        path = directory / name
        path.write_text(rendered(pattern), encoding="utf-8")
        written.append(path)
    return written


def reference() -> list[dict]:
    """Every record kind with its fields, for the Data reference page."""
    kinds: list[dict] = []
    seen: set[type] = set()

    def visit(cls: type, where: str) -> None:
        if cls in seen:
            return
        seen.add(cls)
        fields = []
        nested = []
        for name, (field, hint) in fields_of(cls).items():
            fields.append({"name": name, "required": is_required(field),
                           "type": _describe(hint), "doc": field.metadata.get("doc", ""),
                           "choices": _values(hint),
                           "defined_in": DEFINED_BY_FIELD.get((cls, name)) or _defined_in(hint)})
            nested.extend(_records_in(hint))
        kinds.append({"name": kind_name(cls), "anchor": kind_name(cls).replace(" ", "-"),
                      "where": where, "doc": summary(cls), "fields": fields,
                      "shorthand": cls.shorthand})
        for inner in nested:
            visit(inner, f"inside a {kind_name(cls)}")

    for pattern, cls in model.FILE_KINDS.items():
        visit(cls, f"data/{pattern}")
    return kinds


def _records_in(hint) -> list[type]:
    """The record classes a field holds, directly or in a list."""
    bare, _, _ = unpack(hint)
    if isinstance(bare, type) and issubclass(bare, model.Record):
        return [bare]
    return [r for arg in typing.get_args(bare) for r in _records_in(arg)]


def _values(hint) -> list[tuple[str, str]]:
    """A field's allowed values with their definitions, if it is one of the model's Literals."""
    bare, _, _ = unpack(hint)
    if typing.get_origin(bare) is Literal:
        return list(model.DEFINITIONS[bare].items())
    return []


# Where the ids a reference field may hold are defined, as (data file, kind of the site page
# that lists them, its title): these values are data, not model.
DEFINED_IN = {
    "signal": ("data/signals.yaml", "signals", "Signals"),
    "level": ("data/levels.yaml", "levels", "Levels"),
    "role": ("data/roles.yaml", "roles", "Roles"),
    "scale": ("data/scales.yaml", "scales", "Rating scales"),
    "question": ("data/questions/*.yaml", "banks", "Question banks"),
    "playbook": ("data/playbooks/*.yaml", "playbooks", "Playbooks"),
}


# Fields that name a point of the recommendation scale by its label or id.
DEFINED_BY_FIELD = {(model.Guidance, "verdict"): DEFINED_IN["scale"],
                    (model.Sample, "recommendation"): DEFINED_IN["scale"]}


def _defined_in(hint) -> tuple[str, str, str] | None:
    """Where the ids a reference field holds are defined (see DEFINED_IN), if it is one."""
    bare, extras, _ = unpack(hint)
    if typing.get_origin(bare) is list:
        return _defined_in(typing.get_args(bare)[0])
    ref = next((e for e in extras if isinstance(e, model.Ref)), None)
    return DEFINED_IN.get(ref.kind) if ref else None


def _describe(hint) -> str:
    """A short human description of a field's type, e.g. `list of signal ids`."""
    hint, extras, _ = unpack(hint)
    origin = typing.get_origin(hint)
    if origin is list:
        return "list of " + _describe(typing.get_args(hint)[0])
    if origin is Literal:  # the values, each with its definition, are listed beside it
        return f"one of the {len(typing.get_args(hint))} values listed"
    if isinstance(hint, type) and issubclass(hint, model.Record):
        return kind_name(hint)
    if hint is int:
        bounds = next((e for e in extras if isinstance(e, model.Range)), None)
        return f"whole number {bounds.low}–{bounds.high}" if bounds else "whole number"
    ref = next((e for e in extras if isinstance(e, model.Ref)), None)
    if ref:
        return f"{ref.kind} id"
    if any(isinstance(e, model.Slug) for e in extras):
        return "id"
    if any(isinstance(e, model.Long) for e in extras):
        return "long text"
    return "text"
