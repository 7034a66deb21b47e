"""Every enumerated value is explained once, in the model, and shown wherever it is offered.

The model's definitions reach the JSON Schemas (the editor's completion list and hover text)
and the data reference page; values that are data (levels, recommendation verdicts) are
pointed to where the data defines them. Schema descriptions are sentences, not Python reprs.
"""

from __future__ import annotations

import dataclasses
import html
import inspect
import json
import re
import typing
from typing import Literal

import pytest
import yaml

from conftest import ROOT
from interview_playbooks import model, render
from interview_playbooks.convert import fields_of
from interview_playbooks.model import unpack
from interview_playbooks.schema import SCHEMA_FILES
from interview_playbooks.text import plain

# The data files' schemas (the export's, scorecard-export.schema.json, offers no values of
# the model's).
SCHEMAS = sorted(ROOT / "schemas" / name for name in SCHEMA_FILES.values())
RECORDS = [cls for _, cls in inspect.getmembers(model, inspect.isclass)
           if issubclass(cls, model.Record) and cls.__module__ == model.__name__]
# What dataclasses writes as __doc__ for a class without one, and other Python reprs.
REPR = re.compile(r"\w+\(\*,|\w+\(\w+: '|Optional\[|<class '|typing\.")


def literals_in(hint) -> list:
    """The Literal types a field's hint holds, however deeply nested."""
    bare, _, _ = unpack(hint)
    if typing.get_origin(bare) is Literal:
        return [bare]
    return [lit for arg in typing.get_args(bare) for lit in literals_in(arg)]


def model_literals() -> dict[str, object]:
    """Every Literal a record field uses, as 'Record.field' -> the Literal."""
    return {f"{cls.__name__}.{name}": literal
            for cls in RECORDS for name, (_, hint) in fields_of(cls).items()
            for literal in literals_in(hint)}


def schema_nodes(node):
    """Every mapping inside a JSON Schema document."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from schema_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from schema_nodes(value)


# --- The model ---------------------------------------------------------------------------------

def test_the_model_uses_literals_and_every_one_is_defined():
    used = model_literals()
    assert {"Question.kind", "Probe.type", "Question.origin"} <= set(used)
    for where, literal in used.items():
        assert literal in model.DEFINITIONS, f"{where}: its values have no definitions"
        assert list(model.DEFINITIONS[literal]) == list(typing.get_args(literal)), where


@pytest.mark.parametrize("values", [model.QUESTION_KINDS, model.PROBE_TYPES, model.ORIGINS],
                         ids=["kinds", "probe-types", "origins"])
def test_each_definition_is_one_sentence(values):
    for value, definition in values.items():
        assert definition == " ".join(definition.split()), value
        assert definition[0].isupper() and definition.endswith("."), value
        assert not re.search(r"[.!?] [A-Z]", definition), f"{value}: more than one sentence"
        assert len(definition) <= 160, f"{value}: keep it to one line"


def test_the_data_uses_only_defined_kinds_and_probe_types():
    kinds, probe_types, origins = set(), set(), set()
    for path in (ROOT / "data" / "questions").glob("*.yaml"):
        for question in yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]:
            kinds.add(question["kind"])
            origins.add(question.get("origin", "new"))
            added = question.get("added") or {}
            for probe in question.get("probes", []) + added.get("probes", []):
                probe_types.add(probe.get("type", "follow-up") if isinstance(probe, dict)
                                else "follow-up")
    assert kinds <= set(model.QUESTION_KINDS)
    assert probe_types <= set(model.PROBE_TYPES)
    assert origins <= set(model.ORIGINS)


def test_every_defined_value_has_a_label_on_the_site():
    assert set(render.KIND_LABELS) == set(model.QUESTION_KINDS)
    assert set(render.PROBE_LABELS) == set(model.PROBE_TYPES)


def test_every_record_has_a_docstring_of_its_own():
    for cls in RECORDS:
        doc = cls.__dict__.get("__doc__") or ""
        assert doc.strip(), f"{cls.__name__} has no docstring"
        assert not doc.startswith(f"{cls.__name__}("), \
            f"{cls.__name__}'s docstring is the one dataclasses generates"


# --- The JSON Schemas --------------------------------------------------------------------------

@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_schema_descriptions_carry_no_python_reprs(path):
    schema = json.loads(path.read_text(encoding="utf-8"))
    descriptions = [node["description"] for node in schema_nodes(schema)
                    if isinstance(node.get("description"), str)]
    assert descriptions
    for description in descriptions:
        assert not REPR.search(description), f"{path.name}: {description!r}"


def test_repr_pattern_catches_the_generated_docstring():
    """The check above would have caught the description schemas/roles.schema.json had."""

    @dataclasses.dataclass(kw_only=True)
    class Undocumented(model.Record):
        roles: list[model.Role] = dataclasses.field(default_factory=list)

    assert REPR.search(Undocumented.__doc__)


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_enum_in_the_schemas_explains_its_values(path):
    definitions = {value: text for values in model.DEFINITIONS.values()
                   for value, text in values.items()}
    schema = json.loads(path.read_text(encoding="utf-8"))
    for node in schema_nodes(schema):
        if "enum" not in node:
            continue
        values = node["enum"]
        # yaml-language-server reads these (completion lists and hover), markdown first.
        assert node["markdownEnumDescriptions"] == [definitions[v] for v in values]
        assert node["enumDescriptions"] == [plain(definitions[v]) for v in values]


def test_the_bank_schema_explains_kinds_and_probe_types():
    schema = json.loads((ROOT / "schemas" / "bank.schema.json").read_text(encoding="utf-8"))
    question = schema["$defs"]["Question"]["properties"]
    probe = schema["$defs"]["Probe"]["properties"]
    for prop, values in ((question["kind"], model.QUESTION_KINDS),
                         (question["origin"], model.ORIGINS), (probe["type"], model.PROBE_TYPES)):
        assert dict(zip(prop["enum"], prop["markdownEnumDescriptions"])) == values


# --- The data reference page -------------------------------------------------------------------

def reference_html(site) -> str:
    return (site / "reference" / "index.html").read_text(encoding="utf-8")


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


def listed_values(page: str, attribute: str) -> dict[str, str]:
    """The values a reference list (`data-field=...` or `data-scale=...`) shows, with their text."""
    block = re.search(rf'<ul class="ip-reference-values" {attribute}>(.*?)</ul>', page, re.S)
    assert block, f"no list of values with {attribute}"
    items = re.findall(r"<li><code>([^<]+)</code>(.*?)</li>", block.group(1), re.S)
    return {value: text_of(rest) for value, rest in items}


@pytest.mark.parametrize("field, values", [("kind", model.QUESTION_KINDS),
                                           ("type", model.PROBE_TYPES),
                                           ("origin", model.ORIGINS)])
def test_reference_lists_every_value_with_its_definition(site, field, values):
    shown = listed_values(reference_html(site), f'data-field="{field}"')
    assert shown == {value: f": {plain(text)}" for value, text in values.items()}


def test_reference_points_to_where_levels_and_verdicts_are_defined(site):
    page = reference_html(site)
    data_values = page[page.index('id="data-values"'):page.index('id="signals-file"')]
    for data_file, link in (("data/levels.yaml", "../levels/"), ("data/scales.yaml", "../scales/"),
                            ("data/signals.yaml", "../signals/"), ("data/roles.yaml", "../roles/")):
        assert f"<code>{data_file}</code>" in data_values
        assert f'href="{link}"' in data_values
    scales = yaml.safe_load((ROOT / "data" / "scales.yaml").read_text(encoding="utf-8"))["scales"]
    levels = yaml.safe_load((ROOT / "data" / "levels.yaml").read_text(encoding="utf-8"))["levels"]
    for level in levels:
        assert f"<code>{level['id']}</code>" in data_values
    for scale in scales:
        shown = listed_values(data_values, f'data-scale="{scale["id"]}"')
        assert list(shown) == [point["id"] for point in scale["points"]]
        for point in scale["points"]:
            assert point["label"] in shown[point["id"]]
            assert " ".join(point.get("description", "").split()) in shown[point["id"]]


def kind_section(page: str, anchor: str) -> str:
    """The part of the reference page about one kind of record."""
    start = page.index(f'id="{anchor}"')
    end = page.find("<h2", start)
    return page[start:end if end != -1 else len(page)]


def field_row(section: str, name: str) -> str:
    row = re.search(rf"<tr><td><code>{name}</code>.*?</tr>", section, re.S)
    assert row, f"no row for {name}"
    return row.group(0)


@pytest.mark.parametrize("anchor, field, data_file, link", [
    ("playbook", "level", "data/levels.yaml", "../levels/"),
    ("indicator", "level", "data/levels.yaml", "../levels/"),
    ("question", "levels", "data/levels.yaml", "../levels/"),
    ("question", "signals", "data/signals.yaml", "../signals/"),
    ("playbook", "role", "data/roles.yaml", "../roles/"),
    ("guidance", "verdict", "data/scales.yaml", "../scales/"),
    ("sample", "recommendation", "data/scales.yaml", "../scales/"),
])
def test_reference_fields_that_take_data_values_say_where_they_are_defined(
        site, anchor, field, data_file, link):
    row = field_row(kind_section(reference_html(site), anchor), field)
    assert f"<code>{data_file}</code>" in row and f'href="{link}"' in row, row
