"""The repository's own data passes the validator: no error (advice is allowed, it never fails).

Every rule the data is held to lives in interview_playbooks/validate.py, so that a
contribution that passes `make check` passes CI; this file only runs it.
"""

from __future__ import annotations

from conftest import ROOT
from interview_playbooks.catalog import read_catalog
from interview_playbooks.problems import report
from interview_playbooks.validate import validate


def test_the_data_has_no_errors():
    problems = validate(read_catalog(ROOT / "data"))
    assert not [p for p in problems if p.severity == "error"], report(problems)
