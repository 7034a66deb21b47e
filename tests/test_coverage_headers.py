"""Coverage pages' column headers break between words, never inside one ("Judgmen t").

Measured in Chromium on the real built site: every word of every header cell is laid out on
a single line, at a desktop and at a phone width.
"""

from __future__ import annotations

import pytest

WIDTHS = [1280, 390]

# For each header cell: its text, and the words of it that the layout split over lines.
# A word is a run of non-space characters inside one text node; a Range over it has one
# client rectangle per line it occupies.
SPLIT_WORDS = """
table => [...table.querySelectorAll("thead th")].map(cell => {
  const split = [];
  const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const match of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()]
        .filter(rect => rect.width > 0)
        .map(rect => Math.round(rect.top)));
      if (lines.size > 1) split.push(match[0]);
    }
  }
  return {text: cell.textContent.trim(), split};
})
"""


def roles_with_coverage(site) -> list[str]:
    return sorted(path.parent.parent.name for path in site.glob("roles/*/coverage/index.html"))


def words_split_in_headers(page, url: str) -> list[tuple[str, list[str]]]:
    """(header text, its words broken over lines) for every coverage header that splits one."""
    page.goto(url)
    cells = page.locator("table.ip-coverage").evaluate(SPLIT_WORDS)
    assert len(cells) > 1, "no signal columns measured"
    return [(cell["text"], cell["split"]) for cell in cells if cell["split"]]


@pytest.mark.parametrize("width", WIDTHS)
def test_no_coverage_header_breaks_inside_a_word(browser, site, site_url, width):
    roles = roles_with_coverage(site)
    assert roles, "the site has no coverage pages"
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        broken = {role: words_split_in_headers(page, f"{site_url}roles/{role}/coverage/")
                  for role in roles}
    finally:
        context.close()
    assert not any(broken.values()), {role: cells for role, cells in broken.items() if cells}


def test_multi_word_headers_still_wrap_between_words(browser, site, site_url):
    """Keeping words whole must not keep a whole name on one line: narrow columns wrap."""
    role = roles_with_coverage(site)[0]
    context = browser.new_context(viewport={"width": 390, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{site_url}roles/{role}/coverage/")
        lines = page.locator("table.ip-coverage thead th a").evaluate_all(
            "links => links.map(link => new Set([...link.getClientRects()]"
            ".map(rect => Math.round(rect.top))).size)")
    finally:
        context.close()
    assert max(lines) > 1, "no multi-word signal name wraps: the columns are too wide"

