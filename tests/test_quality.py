"""Site-wide quality gates, checked on every kind of page of the real built site.

* Accessibility: axe-core (WCAG 2.0/2.1 A and AA rules) finds no violation, in the light
  and in the dark colour scheme; headings go down one level at a time under a single h1;
  every form control of the scorecards and the debrief sheet has an accessible name.
* Privacy: nothing is requested from any host but the site's own.
* Small screens: at 360x740 the page never scrolls sideways; a table wider than the screen
  scrolls inside its own box, with its header row on top and over its columns.
* Print: the site's chrome (header, tabs, sidebars, footer, search) is not printed.

The site is served the way it is published (GitHub Pages): under the path of its
`site_url`, with 404.html answering every missing URL, so that the 404 page, whose links
are absolute, loads its styles and scripts. Colours that fail are fixed in
docs/assets/stylesheets/theme.css, never by leaving a rule or an element out of the test.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT
from submitted import fill_calibration

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT_ITEM = ".md-search-result__item"
SEARCH_WORD = "replication"
NOTE = "Explained quorum reads and the leader failover, unprompted."
# The site's chrome, which print.css keeps off paper.
CHROME = {
    "header": ".md-header",
    "tabs": ".md-tabs",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "footer": ".md-footer",
    "search": ".md-search",
}


# --- Kinds of page -----------------------------------------------------------------------------

def fill_scorecard(page: Page) -> None:
    """Fill the scorecard as an interviewer starts to: a candidate label, a score, a note.

    Returns once the script has saved the draft (its JSON in localStorage holds the note),
    so the toolbar shows the state of a filled form: status line, list of drafts.
    """
    page.locator("input[name=candidate]").fill("Candidate A")
    page.locator("input[name=candidate]").press("Tab")
    page.locator(".ip-sc-score input[type=radio]").first.check()
    page.locator("textarea[name$=':notes']").first.fill(NOTE)
    page.wait_for_function(
        """([label, note]) => Object.values(localStorage)
              .some(value => value.includes(label) && value.includes(note))""",
        arg=["Candidate A", NOTE])


def show_finder_results(page: Page) -> None:
    """Wait until the question finder has fetched its data and listed what the filter finds."""
    expect(page.locator("[data-ip-count]")).to_have_text(re.compile(r"^[\d,]+ of [\d,]+ questions?$"))
    expect(page.locator("[data-ip-results] > li").first).to_be_visible()


def fill_loop(page: Page) -> None:
    """Put the first three questions of the finder's data into the loop and show its scorecard."""
    page.evaluate("""() => fetch('../finder.json').then(r => r.json()).then(data =>
        localStorage.setItem(new URL(__md_scope).pathname + '.interview-playbooks:loop:v1',
                             JSON.stringify(data.questions.slice(0, 3).map(q => q.i))))""")
    page.reload()
    expect(page.locator("form[data-ip-form] .ip-sc-item")).to_have_count(3)


def settle(page: Page) -> None:
    """Wait until the search dialog has stopped moving (it slides and fades in)."""
    page.wait_for_function("""() => document.querySelector('.md-search')
        .getAnimations({subtree: true}).every(animation => animation.playState !== 'running')""")


def open_search(page: Page) -> None:
    """Type a word into Material's search box and wait for the results to show."""
    button = page.locator("label.md-header__button[for='__search']")
    if button.is_visible():  # small screens: the search opens from a button in the header
        button.click()
    box = page.locator(SEARCH_INPUT)
    box.click()
    box.fill(SEARCH_WORD)
    box.press("End")  # Material reads the query on keyup
    expect(page.locator(SEARCH_RESULT_ITEM).first).to_be_visible()
    settle(page)


@dataclass(frozen=True)
class Kind:
    """A kind of page: its URL relative to the site root and what to do once it loaded."""
    name: str
    path: str
    prepare: Callable[[Page], None] | None = None
    form: bool = False  # a scorecard or debrief form, whose controls must all be named
    status: int = HTTPStatus.OK


KINDS = [
    Kind("home", ""),
    Kind("playbook", "playbooks/storage-senior-mts-decision-round/"),
    Kind("scorecard", "playbooks/storage-senior-mts-decision-round/scorecard/", form=True),
    Kind("scorecard-filled", "playbooks/storage-senior-mts-decision-round/scorecard/",
         fill_scorecard, form=True),
    Kind("one-page", "playbooks/storage-senior-mts-decision-round/scorecard/one-page/", form=True),
    Kind("debrief", "playbooks/distributed-systems-senior-mts-deep-dive/debrief/sheet/", form=True),
    Kind("loop-debrief", "loops/storage-staff-hiring-loop/debrief/"),
    Kind("calibration", "loops/calibration/", fill_calibration),
    Kind("worked-example", "examples/cloud-backend-sample-feedback/"),
    Kind("question-bank", "questions/distributed-systems/"),
    Kind("signal", "signals/ownership/"),
    Kind("role", "roles/storage-engineer/"),
    Kind("level", "levels/senior-mts/"),
    Kind("scales", "scales/"),
    Kind("reference", "reference/"),
    Kind("contributing", "contributing/"),
    Kind("playbooks-index", "playbooks/"),
    Kind("hiring-loop", "loops/storage-staff-hiring-loop/"),
    Kind("hiring-loops-index", "loops/"),
    Kind("questions-index", "questions/"),
    Kind("question-finder", "questions/?level=senior-mts&signal=ownership", show_finder_results),
    Kind("my-loop", "questions/loop/", fill_loop, form=True),
    Kind("role-levels", "roles/storage-engineer/levels/"),
    Kind("role-coverage", "roles/storage-engineer/coverage/"),
    Kind("signals-index", "signals/"),
    Kind("search-results", "", open_search),
    Kind("404", "no-such-page/", status=HTTPStatus.NOT_FOUND),
]
SCHEMES = {"light": "default", "dark": "slate"}  # emulated colour scheme -> Material's scheme


def kinds(*, forms_only: bool = False) -> list:
    """KINDS as pytest parameters, named after the kind."""
    return [pytest.param(kind, id=kind.name) for kind in KINDS if kind.form or not forms_only]


def kind_named(name: str) -> Kind:
    """The kind of page called `name` in KINDS."""
    return next(kind for kind in KINDS if kind.name == name)


# --- The site, served as published --------------------------------------------------------------

def published_path(site: Path) -> str:
    """The URL path the site is published under (`/interview-playbooks/`, or `/`).

    MkDocs writes the links of 404.html as absolute paths under the path of `site_url`,
    so that it works at any depth; they give the path away.
    """
    html = (site / "404.html").read_text(encoding="utf-8")
    match = re.search(r'href="(/[^"]*?)assets/stylesheets/', html)
    return match.group(1) if match else "/"


def serve_published(site: Path, root: Path):
    """Serve `site` at its published path on a free loopback port, in a thread.

    `root` is an empty folder in which the published path is made (a symlink to `site`).
    Like GitHub Pages, a missing URL is answered with 404.html and status 404.
    Returns (server, URL of the site's home page).
    """
    path = published_path(site)
    if path.strip("/"):
        mount = root / path.strip("/")
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(site, target_is_directory=True)
    else:
        root = site
    not_found = (site / "404.html").read_bytes()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def send_error(self, code, message=None, explain=None):
            if code != HTTPStatus.NOT_FOUND:
                return super().send_error(code, message, explain)
            self.send_response(code)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(not_found)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(not_found)

        def log_message(self, *args):
            pass

    handler = functools.partial(Handler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{path}"


@pytest.fixture(scope="module")
def published_url(site, tmp_path_factory) -> str:
    """URL of the home page of the real site, served as it is published."""
    server, url = serve_published(site, tmp_path_factory.mktemp("published"))
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def shared_page(browser):
    """One page for the module's tests: opening a page costs more than loading one."""
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(shared_page, published_url):
    """The module's page, set back for each test: 1280x900, screen, light, nothing stored.

    Replaces conftest's `page` in this module.
    """
    page = shared_page
    page.set_viewport_size(DESKTOP)
    page.emulate_media(media="screen", color_scheme="light")
    yield page
    page.goto("about:blank")  # leaving a scorecard saves its draft: leave, then clear
    session = page.context.new_cdp_session(page)
    try:
        session.send("Storage.clearDataForOrigin", {
            "origin": "{0.scheme}://{0.netloc}".format(urlsplit(published_url)),
            "storageTypes": "local_storage,session_storage"})
    finally:
        session.detach()


def visit(page: Page, base: str, kind: Kind) -> None:
    """Open a kind of page and bring it to the state under test."""
    response = page.goto(base + kind.path)
    assert response is not None and response.status == kind.status, \
        f"{kind.path or '/'}: HTTP {response and response.status}, expected {kind.status}"
    if kind.prepare:
        kind.prepare(page)


# --- Accessibility helpers ----------------------------------------------------------------------

def run_axe(page: Page) -> list[dict]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the page as it is now.

    Only violations count: "incomplete" results are those axe cannot decide by itself
    (text over an image, for instance), not failures.
    """
    assert AXE.is_file(), f"{AXE} is missing: run `npm ci` (make test does)"
    # The site's Content-Security-Policy runs no inline script, so axe-core is served as a
    # file of the page's own origin (and the page is tested under its real policy).
    page.route("**/__axe-core.js", lambda route: route.fulfill(
        path=str(AXE), content_type="text/javascript"))
    page.add_script_tag(url="/__axe-core.js")
    results = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                       resultTypes: ['violations']})""", AXE_TAGS)
    return results["violations"]


def describe_violations(violations: list[dict], targets: int = 4) -> str:
    """One line per violation (rule, impact, help) and its first few elements."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} "
                     f"[{len(violation['nodes'])} element(s)]")
        for node in violation["nodes"][:targets]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {' > '.join(map(str, node['target']))}: {summary[:240]}")
    return "\n".join(lines)


HEADINGS = """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
  .filter(h => h.getClientRects().length && getComputedStyle(h).visibility !== 'hidden'
               && !h.closest('[aria-hidden=true], .md-search'))
  .map(h => [h.getAttribute('role') === 'heading' ? Number(h.getAttribute('aria-level') || 2)
                                                  : Number(h.tagName[1]),
             h.textContent.replace(/\\s+/g, ' ').replace(/¶$/, '').trim().slice(0, 60)])"""


def heading_outline(page: Page) -> list[tuple[int, str]]:
    """(level, text) of each heading a screen reader finds, in document order.

    Material's search dialog is left out: its results list each matching page under a
    heading of its own, an outline of the results rather than of the page.
    """
    return [tuple(heading) for heading in page.evaluate(HEADINGS)]


def outline_problems(outline: list[tuple[int, str]]) -> list[str]:
    """What is wrong with an outline: not exactly one h1, not first, or a level skipped."""
    problems = []
    h1s = [text for level, text in outline if level == 1]
    if len(h1s) != 1:
        problems.append(f"{len(h1s)} h1 headings, expected exactly one: {h1s}")
    if outline and outline[0][0] != 1:
        problems.append(f"the first heading is not the h1: h{outline[0][0]} {outline[0][1]!r}")
    for (above, above_text), (level, text) in zip(outline, outline[1:]):
        if level > above + 1:
            problems.append(f"h{above} {above_text!r} is followed by h{level} {text!r}")
    return problems


CONTROL_ROLES = ["textbox", "searchbox", "combobox", "listbox", "checkbox", "radio",
                 "switch", "slider", "spinbutton", "button"]
FORM = "form[data-ip-form]"


def form_controls(page: Page) -> list[tuple[str, str]]:
    """(role, accessible name) of each control in the page's scorecard or debrief form.

    Names come from Chromium's own accessibility tree, as a screen reader gets them; nodes
    the tree ignores (hidden, inert) are not returned.
    """
    session = page.context.new_cdp_session(page)
    try:
        form = session.send("Runtime.evaluate",
                            {"expression": f"document.querySelector({FORM!r})"})["result"]
        assert form.get("objectId"), f"no {FORM} on the page"
        controls = []
        for role in CONTROL_ROLES:
            nodes = session.send("Accessibility.queryAXTree",
                                 {"objectId": form["objectId"], "role": role})["nodes"]
            controls += [(role, str(node.get("name", {}).get("value", "")).strip())
                         for node in nodes if not node.get("ignored")]
        return controls
    finally:
        session.detach()


PLACEHOLDER_CONTRAST = r"""() => {
  // WCAG contrast of each visible placeholder with what is behind its field: background
  // colours of the field and its ancestors, composited (axe leaves placeholders out).
  const rgba = text => {
    const parts = text.match(/rgba?\(([^)]+)\)/)[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, below) =>
    [0, 1, 2].map(i => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
  const behind = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.unshift(colour);
      if (colour[3] === 1) break;
    }
    return layers.reduce((below, layer) => over(layer, below), [255, 255, 255, 1]);
  };
  const luminance = c => c.slice(0, 3).map(v => v / 255)
    .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  return [...document.querySelectorAll('input[placeholder], textarea[placeholder]')]
    .filter(el => el.checkVisibility() && el.placeholder && !el.value)
    .map(el => {
      const style = getComputedStyle(el, '::placeholder'), background = behind(el);
      const colour = rgba(style.color);
      colour[3] *= Number(style.opacity);
      const [light, dark] = [luminance(over(colour, background)), luminance(background)]
        .sort((a, b) => b - a);
      return {field: el.name || el.className, placeholder: el.placeholder, colour: style.color,
              ratio: Math.round((light + 0.05) / (dark + 0.05) * 100) / 100};
    });
}"""


def placeholder_contrasts(page: Page) -> list[dict]:
    """Each visible placeholder on the page, with its contrast ratio (WCAG 1.4.3)."""
    return page.evaluate(PLACEHOLDER_CONTRAST)


# --- Small-screen helpers -----------------------------------------------------------------------

SCROLL_BOX = """table => {
  // The box a table scrolls in: the innermost of the table and its ancestors (inside the
  // content) that may scroll sideways and does, or else the innermost that may. Material
  // makes its tables scrollable and wraps them in one more (.md-typeset__scrollwrap).
  const boxes = [];
  for (let el = table; el && !el.classList.contains('md-content'); el = el.parentElement)
    if (['auto', 'scroll'].includes(getComputedStyle(el).overflowX)
        && getComputedStyle(el).display !== 'table') boxes.push(el);
  return boxes.find(el => el.scrollWidth > el.clientWidth) || boxes[0] || null;
}"""

TABLE = f"""table => {{
  const box = ({SCROLL_BOX})(table);
  const rect = table.getBoundingClientRect();
  return {{className: table.className, right: rect.right,
           width: box === table ? table.scrollWidth : rect.width,  // of its content
           scrolls: !!box, own: box === table,
           boxRight: box ? box.getBoundingClientRect().right : null,
           boxClient: box ? box.clientWidth : null, boxScroll: box ? box.scrollWidth : null}};
}}"""

WIDEST = """limit => [...document.querySelectorAll('body *')]
  .filter(el => el.getBoundingClientRect().right > limit + 0.5 && el.checkVisibility())
  .map(el => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
               ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
             + ' (right edge ' + Math.round(el.getBoundingClientRect().right) + 'px)')
  .slice(0, 6)"""


def page_width(page: Page) -> int:
    """How wide the page is: more than the viewport means it scrolls sideways."""
    return page.evaluate("document.documentElement.scrollWidth")


def tables_on_screen(page: Page) -> list[dict]:
    """Each rendered table of the content: its width and the box it scrolls in, if any."""
    return page.locator(".md-content table:visible").evaluate_all(f"tables => tables.map({TABLE})")


def widen_first_cell(table) -> None:
    """Put an unbreakable 600px-long word into the table's first body cell.

    Evidence pasted into a form, a URL or an identifier can be such a word; it stands
    for any content wider than a phone.
    """
    table.evaluate("""table => {
        const cell = table.tBodies[0].rows[0].cells[0];
        const word = document.createElement('span');
        word.className = 'ip-test-wide-word';
        word.textContent = 'replicated_log_checkpoint_compaction_'.repeat(8);
        cell.append(' ', word);
    }""")


HEADER_ON_TOP = f"""table => {{
  const box = ({SCROLL_BOX})(table);
  window.scrollBy(0, table.getBoundingClientRect().top - innerHeight / 2);  // top mid-screen
  box.scrollLeft = box.scrollWidth;  // as far right as it goes
  const boxRect = box.getBoundingClientRect();
  const head = table.rows[0], body = table.tBodies[0].rows[0];
  const columns = row => {{  // column index -> cell rect, colspans taken into account
    const out = new Map(); let column = 0;
    for (const cell of row.cells) {{
      out.set(column, cell.getBoundingClientRect());
      column += cell.colSpan;
    }}
    return out;
  }};
  const headCells = columns(head), bodyCells = columns(body);
  const misaligned = [...headCells].filter(([column, rect]) => bodyCells.has(column)
      && Math.abs(rect.left - bodyCells.get(column).left) > 1).map(([column]) => column);
  const last = head.cells[head.cells.length - 1], lastRect = last.getBoundingClientRect();
  const hit = document.elementFromPoint((Math.max(lastRect.left, boxRect.left) + lastRect.right)/2,
                                        (lastRect.top + lastRect.bottom) / 2);  // not covered
  return {{
    scrolled: box.scrollLeft, pageScrollX: window.scrollX,
    headerInThead: head.parentElement.tagName === 'THEAD',
    headerAboveBody: head.getBoundingClientRect().bottom <= body.getBoundingClientRect().top + 1,
    headerTopInBox: head.getBoundingClientRect().top - boxRect.top,
    lastHeaderVisible: lastRect.right <= boxRect.right + 1 && lastRect.right > boxRect.left
                       && !!hit && last.contains(hit),
    misaligned,
  }};
}}"""


# --- Print helpers ------------------------------------------------------------------------------

VISIBLE = """selectors => Object.entries(selectors).filter(([name, selector]) =>
  [...document.querySelectorAll(selector)]
    .some(el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})))
  .map(([name]) => name)"""


def visible_parts(page: Page, parts: dict[str, str]) -> list[str]:
    """The names of `parts` (name -> CSS selector) of which an element is visible."""
    return page.evaluate(VISIBLE, parts)


# --- Tests: accessibility -----------------------------------------------------------------------

@pytest.mark.parametrize("kind", kinds())
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_axe_finds_no_wcag_violation(page, published_url, scheme, kind):
    page.emulate_media(color_scheme=scheme)  # before loading: the palette follows the media query
    visit(page, published_url, kind)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme], \
        f"the page is not in Material's {SCHEMES[scheme]!r} scheme"
    violations = run_axe(page)
    assert not violations, (f"{kind.name} ({scheme}): axe-core found "
                            f"{len(violations)} violation(s):\n{describe_violations(violations)}")


@pytest.mark.parametrize("kind", kinds())
def test_headings_go_down_one_level_at_a_time_under_one_h1(page, published_url, kind):
    visit(page, published_url, kind)
    outline = heading_outline(page)
    assert outline, "the page has no heading"
    problems = outline_problems(outline)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", kinds(forms_only=True))
def test_every_form_control_has_an_accessible_name(page, published_url, kind):
    visit(page, published_url, kind)
    controls = form_controls(page)
    roles = {role for role, _ in controls}
    assert {"textbox", "radio"} <= roles, f"the form's controls were not found: {sorted(roles)}"
    unnamed = [role for role, name in controls if not name]
    assert not unnamed, f"{len(unnamed)} of {len(controls)} controls have no name: {unnamed}"


PLACEHOLDER_PAGES = [
    # (kind, viewport, open the search): the header's search box and the forms' fields;
    # on a phone the search box is in a dialog, opened from the header.
    pytest.param("scorecard", DESKTOP, False, id="scorecard"),
    pytest.param("debrief", DESKTOP, False, id="debrief"),
    pytest.param("home", PHONE, True, id="phone-search"),
]


@pytest.mark.parametrize("kind_name, viewport, open_dialog", PLACEHOLDER_PAGES)
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_placeholders_have_enough_contrast(page, published_url, scheme, kind_name, viewport,
                                           open_dialog):
    page.set_viewport_size(viewport)
    page.emulate_media(color_scheme=scheme)
    visit(page, published_url, kind_named(kind_name))
    if open_dialog:
        page.locator("label.md-header__button[for='__search']").click()
        settle(page)
    placeholders = placeholder_contrasts(page)
    assert placeholders, "no placeholder is shown on the page"
    faint = [p for p in placeholders if p["ratio"] < 4.5]
    assert not faint, f"placeholders under 4.5:1 ({scheme}): {faint}"


# --- Tests: privacy -----------------------------------------------------------------------------

def test_no_page_requests_anything_from_another_host(browser, published_url):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(published_url))
    context = browser.new_context(viewport=DESKTOP)  # of its own: nothing cached yet
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    try:
        page = context.new_page()
        page.on("websocket", lambda socket: requested.append(socket.url))
        for kind in KINDS:
            visit(page, published_url, kind)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()

    assert any(url.endswith("/search/search_index.json") for url in requested), \
        "the search index was never requested: did the search run?"
    foreign = sorted({url for url in requested
                      if urlsplit(url).scheme not in ("data", "blob")
                      and "{0.scheme}://{0.netloc}".format(urlsplit(url)) != origin})
    assert foreign == [], f"requests to hosts other than {origin}:\n" + "\n".join(foreign)


# --- Tests: small screens -----------------------------------------------------------------------

@pytest.mark.parametrize("kind", kinds())
def test_page_does_not_scroll_sideways_on_a_phone(page, published_url, kind):
    """Material hides the page's sideways overflow (html {overflow-x: hidden}): what sticks
    out cannot even be scrolled to. scrollWidth still measures it."""
    page.set_viewport_size(PHONE)
    visit(page, published_url, kind)
    width = page_width(page)
    assert width <= PHONE["width"], (f"the page is {width}px wide on a {PHONE['width']}px screen; "
                                     f"too wide: {page.evaluate(WIDEST, PHONE['width'])}")
    cut_off = [table for table in tables_on_screen(page)
               if table["right"] > PHONE["width"] + 0.5 and not table["scrolls"]]
    assert not cut_off, f"tables wider than the screen that do not scroll in a box: {cut_off}"


REFLOWED_TABLES = [
    # The home page's role x level matrix, the debrief sheet and the one-page card reflow on
    # a phone (one block a row, see test_phones.py) rather than scroll: even with a long
    # unbreakable word in a cell they stay within the screen.
    pytest.param("home", ".ip-matrix table", id="home-matrix"),
    pytest.param("debrief", "table.ip-sc-debrief-table", id="debrief-table"),
    pytest.param("one-page", "table.ip-sc-compact-table", id="one-page-table"),
]


@pytest.mark.parametrize("kind_name, selector", REFLOWED_TABLES)
def test_reflowed_table_holds_a_long_word_within_the_screen(page, published_url, kind_name, selector):
    page.set_viewport_size(PHONE)
    visit(page, published_url, kind_named(kind_name))
    table = page.locator(selector).first
    expect(table).to_be_visible()
    widen_first_cell(table)
    info = table.evaluate(TABLE)

    assert info["right"] <= PHONE["width"] + 0.5, f"the table reaches past the screen: {info}"
    assert page_width(page) <= PHONE["width"], "the long word makes the page scroll sideways"


WIDE_TABLES = [
    # (kind, table, widen): the scorecard's rubric (with a class, so not wrapped by
    # Material) gets a long word; the comparison and coverage tables are wide as they are.
    pytest.param("scorecard", "table.ip-sc-rubric-table", True, id="scorecard-rubric"),
    pytest.param("role-levels", "table.ip-compare", False, id="role-levels"),
    pytest.param("role-coverage", "table.ip-coverage", False, id="role-coverage"),
]


@pytest.mark.parametrize("kind_name, selector, widen", WIDE_TABLES)
def test_wide_table_scrolls_in_its_own_box_with_its_header_on_top(page, published_url,
                                                                  kind_name, selector, widen):
    """A table wider than the phone scrolls sideways in its own box, the page does not.

    Scrolled to its last column, the header row is still the table's first row, at the top
    of the box, its cells over their columns, and the last column's header can be seen
    (nothing covers it). The box scrolls sideways only: a header that sticks while the
    page scrolls down is not possible in a sideways-scrolling box without a fixed height,
    and a box with its own vertical scroll traps a phone's scrolling, so that is not used.
    """
    page.set_viewport_size(PHONE)
    visit(page, published_url, kind_named(kind_name))
    table = page.locator(selector).first
    expect(table).to_be_visible()
    if widen:
        widen_first_cell(table)
    info = table.evaluate(TABLE)

    assert info["width"] > PHONE["width"], f"the table is not wider than the screen: {info}"
    assert page_width(page) <= PHONE["width"], "the wide table makes the page scroll sideways"
    assert info["scrolls"], f"the table does not scroll in a box: {info}"
    if widen:  # our own tables scroll themselves; Material's scroll in its wrapper
        assert info["own"], f"the table does not scroll in its own box: {info}"
    assert info["boxScroll"] > info["boxClient"], f"its box does not scroll: {info}"
    assert info["boxRight"] <= PHONE["width"] + 0.5, f"its box sticks out of the screen: {info}"

    header = table.evaluate(HEADER_ON_TOP)
    assert header["scrolled"] > 0, f"the table's box did not scroll: {header}"
    assert header["pageScrollX"] == 0, "scrolling the table scrolled the page"
    assert header["headerInThead"], "the table's first row is not its header row"
    assert header["headerAboveBody"], "the header row is not above the body rows"
    assert 0 <= header["headerTopInBox"] <= 2, f"the header row is not at the box's top: {header}"
    assert header["lastHeaderVisible"], "scrolled to the end, the last column's header is hidden"
    assert header["misaligned"] == [], \
        f"header cells are not over their columns once scrolled: columns {header['misaligned']}"


# --- Tests: print -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", kinds())
def test_print_leaves_out_the_site_chrome(page, published_url, kind):
    visit(page, published_url, kind)
    on_screen = visible_parts(page, CHROME)
    assert {"header", "tabs", "footer", "search"} <= set(on_screen), \
        f"the chrome is not all on screen to begin with: {on_screen}"

    page.emulate_media(media="print")
    printed = visible_parts(page, CHROME)
    assert printed == [], f"printed with the page: {printed}"
    assert visible_parts(page, {"content": ".md-content"}), "the page's content is not printed"
