"""The JSON Schemas editors use agree with the model, and the data agrees with them."""

from __future__ import annotations

import fnmatch
import json

import jsonschema
import pytest
import yaml

from conftest import ROOT
from interview_playbooks import model, scorecard
from interview_playbooks.schema import SCHEMA_FILES, rendered, schema_line

DATA = ROOT / "data"


def data_files():
    for path in sorted(DATA.rglob("*.yaml")):
        relative = path.relative_to(DATA).as_posix()
        pattern = next(p for p in model.FILE_KINDS if fnmatch.fnmatchcase(relative, p))
        yield path, pattern


def test_every_kind_of_data_file_has_a_schema():
    assert set(SCHEMA_FILES) == set(model.FILE_KINDS)


@pytest.mark.parametrize("pattern", list(SCHEMA_FILES))
def test_schemas_are_up_to_date_with_the_model(pattern):
    committed = (ROOT / "schemas" / SCHEMA_FILES[pattern]).read_text(encoding="utf-8")
    assert committed == rendered(pattern), \
        "schemas/ is out of date: run `python -m interview_playbooks schemas`"


@pytest.mark.parametrize("path, pattern", list(data_files()),
                         ids=[p.relative_to(DATA).as_posix() for p, _ in data_files()])
def test_data_file_names_and_satisfies_its_schema(path, pattern):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == schema_line(pattern)
    schema = json.loads((ROOT / "schemas" / SCHEMA_FILES[pattern]).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(text))


def test_schemas_reject_what_the_validator_rejects():
    schema = json.loads((ROOT / "schemas" / "bank.schema.json").read_text())
    validator = jsonschema.Draft202012Validator(schema)
    good = {"title": "T", "questions": [{"id": "a-b", "title": "A", "prompt": "Why?",
                                         "kind": "behavioral", "signals": ["x"],
                                         "levels": ["y"], "probes": ["Why not?"]}]}
    assert not list(validator.iter_errors(good))
    for broken in (
        {**good, "titel": "typo"},  # unknown field
        {"title": "T", "questions": [{**good["questions"][0], "kind": "puzzle"}]},
        {"title": "T", "questions": [{**good["questions"][0], "signals": []}]},
        {"title": "T", "questions": [{**good["questions"][0], "id": "Not A Slug"}]},
        {"title": "T", "questions": [{k: v for k, v in good["questions"][0].items() if k != "prompt"}]},
    ):
        assert list(validator.iter_errors(broken)), broken


def test_vscode_maps_every_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"] == {f"./schemas/{name}": f"data/{pattern}"
                                        for pattern, name in SCHEMA_FILES.items()}


def test_the_export_schema_is_valid_and_its_version_is_what_the_cards_name():
    """The JSON export's schema (not a data file's: the browser writes what it checks, and the
    debrief reads it); its tests against real exports are in test_client_modules.py."""
    schema = json.loads((ROOT / "schemas" / "scorecard-export.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format_version"]["const"] == 3
    assert scorecard.export_format() == {"schema": schema["$id"], "version": 3}
    assert {"status", "submitted_at", "checksum"} <= set(schema["required"])
    assert schema["properties"]["status"]["enum"] == ["draft", "submitted"]
