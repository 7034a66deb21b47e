"""Banks can be renamed and merged (issue 13, item 5): a bank's `former_ids` keep every old
URL and anchor working, in the built site, in the browser and in the finder's filters."""

from __future__ import annotations

import io
import json
import re
import shutil
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT
from interview_playbooks.cli import check
from test_validation import MINIMAL

QUESTIONS = ROOT / "data" / "questions"


def banks() -> dict[str, dict]:
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted(QUESTIONS.glob("*.yaml"))}


def merged() -> list[tuple[str, str]]:
    """(former topic, current topic) of the real data."""
    return [(old, topic) for topic, bank in banks().items() for old in bank.get("former_ids", [])]


def test_the_overlapping_banks_are_merged():
    """The structure an interviewer browses: one bank per area, none of one question."""
    moved = dict(merged())
    assert moved == {"storage-architecture": "storage",
                     "consensus-and-replication": "distributed-systems",
                     "influence-and-mentoring": "leadership", "technical-strategy": "leadership",
                     "data-pipelines": "system-design"}
    assert not set(moved) & set(banks()), "a merged bank's file is still there"
    assert all(len(bank["questions"]) >= 2 for bank in banks().values())


@pytest.mark.parametrize("old, topic", merged())
def test_a_merged_banks_old_url_forwards_to_its_new_bank(site, old, topic):
    html = (site / "questions" / old / "index.html").read_text(encoding="utf-8")
    assert f'<meta http-equiv="refresh" content="0; url=../../questions/{topic}/">' in html
    assert f'<link rel="canonical" href="../../questions/{topic}/">' in html
    assert "noindex" in html
    # The page is not in the search index nor in the sitemap: it is no page of its own.
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not any(doc["location"].startswith(f"questions/{old}/") for doc in index["docs"])


def test_an_old_anchor_lands_on_the_question_in_its_new_bank(page, site_url):
    """A bookmark of a question in a merged bank opens that question's card."""
    question = banks()["leadership"]["questions"][-1]["id"]  # it came from technical-strategy
    page.goto(urljoin(site_url, f"questions/technical-strategy/#{question}"))
    page.wait_for_url(urljoin(site_url, f"questions/leadership/#{question}"))
    expect(page.locator(f'[id="{question}"]')).to_be_in_viewport()
    # Without an anchor, the old address opens the bank's page.
    page.goto(urljoin(site_url, "questions/storage-architecture/"))
    page.wait_for_url(urljoin(site_url, "questions/storage/"))
    expect(page.locator("h1")).to_contain_text("Storage")


def test_the_finder_reads_a_former_topic_as_the_current_one(page, site_url):
    page.goto(urljoin(site_url, "questions/?topic=influence-and-mentoring"))
    total = sum(len(bank["questions"]) for bank in banks().values())
    count = len(banks()["leadership"]["questions"])
    expect(page.locator("[data-ip-count]")).to_have_text(f"{count} of {total} questions")
    expect(page.locator('input[name="topic"][value="leadership"]')).to_be_checked()


def run_check(data) -> tuple[int, str]:
    out = io.StringIO()
    return check(data, out=out), out.getvalue()


def with_former_ids(tmp_path, former: str):
    data = tmp_path / "data"
    shutil.copytree(MINIMAL, data)
    core = data / "questions" / "core.yaml"
    text = core.read_text(encoding="utf-8")
    core.write_text(text.replace("questions:\n", f"former_ids: [{former}]\nquestions:\n", 1),
                    encoding="utf-8")
    line = text[:text.index("questions:\n")].count("\n") + 1
    return data, line


@pytest.mark.parametrize("former, message", [
    ("core", r"topic 'core': former id 'core' is also used by topic 'core'"),
    ("loop", r"topic 'core': former id 'loop' is taken by a page of the site \(/questions/loop/\)"),
], ids=["a-bank", "a-page"])
def test_a_former_topic_still_in_use_is_an_error(tmp_path, former, message):
    data, line = with_former_ids(tmp_path, former)
    status, output = run_check(data)
    assert status == 1
    assert re.search(rf"core\.yaml:{line}:\d+: " + message, output), output
