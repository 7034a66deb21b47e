"""Pages rendered ahead of time in a forked worker are the pages rendered in the build."""

from __future__ import annotations

from conftest import ROOT
from interview_playbooks.index import load_index
from interview_playbooks.pages import generated_pages
from interview_playbooks.prerender import Prerenderer
from interview_playbooks.render import Renderer


def test_the_worker_renders_every_page_exactly_as_the_build_does():
    renderer = Renderer(load_index(ROOT / "data"))
    pages = generated_pages(renderer.index)
    worker = Prerenderer(renderer.render_page, pages, key=lambda page: (page.kind, page.id))
    for page in reversed(pages):  # asked for in any order
        assert worker.take((page.kind, page.id)) == renderer.render_page(page), page.url
    assert worker.take(("bank", "no-such-bank")) is None  # the stream has ended: no waiting


def test_a_page_the_worker_cannot_render_is_left_to_the_build():
    def render(number: int) -> str:
        if number == 3:
            raise RuntimeError("a template error, reported by the build itself")
        return f"page {number}"

    worker = Prerenderer(render, range(40))
    assert worker.take(39) == "page 39"
    assert worker.take(3) is None
    assert worker.take(0) == "page 0"


def test_a_large_build_uses_the_worker_and_a_small_one_does_not(monkeypatch):
    renderer = Renderer(load_index(ROOT / "data"))
    renderer.prerender()
    assert renderer._prerendered is None  # the real site is small: rendered in-process
    monkeypatch.setattr("interview_playbooks.prerender.MIN_PAGES", 1)
    renderer.prerender()
    assert renderer._prerendered is not None
    page = generated_pages(renderer.index)[0]
    assert renderer.render(page.kind, page.id) == renderer.render_page(page)
