"""The browser side of untrusted data (issue 12), in Chromium against real builds.

- Every kind of page runs under the Content-Security-Policy (interview_playbooks/csp.py)
  without a violation, search and scorecards still work, and nothing is requested from
  another host; a script or event handler written into a page's source is blocked.
- localStorage keys are scoped to the site's path (docs/assets/javascripts/core/storage.mjs);
  drafts and loops under the old origin-wide keys move over once; stored values that are
  not what the scripts wrote are kept aside and the page starts fresh.
- "Copy as Markdown" gives contributor text back as literal text.
- Malformed hashes and query values are shown or ignored, never thrown.

A fixture project (tests/fixtures/hostile_exports) carries hostile text in its data, a
hand-written page with raw HTML, a page whose file name is markup, and a renamed playbook
(for a redirect page).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import markdown
import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, card_of, mkdocs_build, run_client, serve
from interview_playbooks.csp import script_hash, with_policy

FIXTURE = Path(__file__).parent / "fixtures" / "hostile_exports"
OLD_DRAFTS = "interview-playbooks:drafts:v1"  # the origin-wide keys of earlier versions
OLD_LOOP = "interview-playbooks:loop:v1"
SUB_PATH = "interview-playbooks/"
MARKUP_FILE_NAME = 'edit"><b>x'  # a hand-written page whose name is markup
SEARCH_INPUT = "input.md-search__input"
SEARCH_RESULT_ITEM = ".md-search-result__item"
# A key under the site's path, as core/storage.mjs writes it.
SCOPED_KEY = "(name) => new URL(__md_scope).pathname + '.' + name"

# Reports every policy violation to the console, where the test collects it.
VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.log("CSP violation: " + event.violatedDirective + " " + event.blockedURI +
              " " + (event.sample || ""));
});
"""


# --- Sites -------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The fixture project built with the site's own code, theme and hand-written pages."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = tmp / "project"
    (project / "docs").mkdir(parents=True)
    for name in ("macros.py", "overrides", "interview_playbooks", "CONTRIBUTING.md"):
        (project / name).symlink_to(ROOT / name)
    for entry in (ROOT / "docs").iterdir():
        (project / "docs" / entry.name).symlink_to(entry)
    shutil.copy(FIXTURE / "hostile.md", project / "docs" / "hostile.md")
    shutil.copy(FIXTURE / "hostile.md", project / "docs" / f"{MARKUP_FILE_NAME}.md")
    shutil.copytree(FIXTURE / "data", project / "data")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        config + "\nnot_in_nav: |\n  /hostile.md\n  /edit*\n", encoding="utf-8")
    site_dir = tmp / "site"
    result = mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="module")
def hostile_url(hostile_site) -> str:
    server, url = serve(hostile_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def sub_path_url(site, tmp_path_factory) -> str:
    """The real site served under a sub-path, as on GitHub Pages: the scope is that path."""
    root = tmp_path_factory.mktemp("sub-path")
    (root / SUB_PATH.rstrip("/")).symlink_to(site, target_is_directory=True)
    server, url = serve(root)
    yield url + SUB_PATH
    server.shutdown()


class Watch:
    """What a browser context did that it should not: policy violations, script errors,
    console errors, and requests to any host but the local server (which are aborted)."""

    def __init__(self):
        self.violations: list[str] = []
        self.errors: list[str] = []
        self.foreign: list[str] = []

    def route(self, route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()

    def attach(self, page: Page) -> Page:
        def console(message):
            if message.text.startswith("CSP violation"):
                self.violations.append(f"{page.url}: {message.text}")
            elif message.type == "error":
                self.errors.append(f"{page.url}: {message.text}")
        page.on("console", console)
        page.on("pageerror", lambda error: self.errors.append(f"{page.url}: {error}"))
        return page

    def assert_clean(self):
        assert self.violations == [], "policy violations:\n" + "\n".join(self.violations)
        assert self.errors == [], "script or console errors:\n" + "\n".join(self.errors)
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"


@contextlib.contextmanager
def watched(browser, **options):
    """A fresh context and page, watched; yields (page, watch)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
    watch = Watch()
    context.add_init_script(VIOLATION_LISTENER)
    context.route("**/*", watch.route)
    try:
        yield watch.attach(context.new_page()), watch
    finally:
        context.close()


# --- Pages of each kind ------------------------------------------------------------------------

def first_folder(site: Path, section: str, having: str = "index.html") -> str:
    for folder in sorted((site / section).iterdir()):
        if folder.is_dir() and (folder / having).exists():
            return folder.name
    raise AssertionError(f"the site has no page under {section}/ with {having}")


def page_of_each_kind(site: Path) -> dict[str, str]:
    playbook = first_folder(site, "playbooks", "scorecard/one-page/index.html")
    role = first_folder(site, "roles", "coverage/index.html")
    bank = next(name for name in sorted(p.name for p in (site / "questions").iterdir()
                                        if p.is_dir() and (p / "index.html").exists())
                if name != "loop")
    return {
        "home": "",
        "playbook": f"playbooks/{playbook}/",
        "scorecard": f"playbooks/{playbook}/scorecard/",
        "one-page scorecard": f"playbooks/{playbook}/scorecard/one-page/",
        "debrief": f"playbooks/{playbook}/debrief/",
        "debrief sheet": f"playbooks/{playbook}/debrief/sheet/",
        "bank": f"questions/{bank}/",
        "signal": f"signals/{first_folder(site, 'signals')}/",
        "role": f"roles/{role}/",
        "level": f"levels/{first_folder(site, 'levels')}/",
        "role levels": f"roles/{role}/levels/",
        "role coverage": f"roles/{role}/coverage/",
        "finder": "questions/",
        "my loop": "questions/loop/",
        "scales": "scales/",
        "contributing": "contributing/",
        "data reference": "reference/",
        "performance": "performance/",
    }


def scoped_keys(page: Page) -> tuple[str, list[str]]:
    """The site's scope (its path) and every localStorage key."""
    return page.evaluate("[new URL(__md_scope).pathname, Object.keys(localStorage)]")


def fill_a_draft(page: Page, label: str, note: str) -> str:
    """Type a label and a note into the page's scorecard; returns the note's field name."""
    page.locator("form[data-ip-form] [name=candidate]").fill(label)
    notes = page.locator("form[data-ip-form] textarea[name$=':notes']").first
    notes.fill(note)
    notes.blur()
    expect(page.locator("[data-ip-status]")).to_contain_text("saved", ignore_case=True)
    return notes.get_attribute("name")


# --- The policy ----------------------------------------------------------------------------------

def test_every_kind_of_page_runs_without_a_violation(browser, site, site_url, sub_path_url,
                                                     hostile_url):
    pages = page_of_each_kind(site)
    with watched(browser) as (page, watch):
        for kind, path in pages.items():
            page.goto(urljoin(site_url, path), wait_until="networkidle")
            expect(page.locator("h1").first, f"the {kind} page ({path})").to_be_visible()
        # The 404 page links from the site's root path (it is served at any depth).
        page.goto(urljoin(sub_path_url, "404.html"), wait_until="networkidle")
        expect(page.locator("h1")).to_have_text("Page not found")
        # A redirect page (the real data has none): it forwards under the same policy.
        page.goto(urljoin(hostile_url, "playbooks/backend-old/"))
        page.wait_for_url("**/playbooks/backend-senior/")
        expect(page.locator("h1").first).to_be_visible()

        # Search still works: the worker loads, the index is fetched, results appear.
        page.goto(site_url, wait_until="networkidle")
        page.locator(SEARCH_INPUT).click()
        page.keyboard.type("scorecard")
        expect(page.locator(SEARCH_RESULT_ITEM).first).to_be_visible()

        # A scorecard still saves a draft and brings it back after a reload.
        page.goto(urljoin(site_url, pages["scorecard"]))
        name = fill_a_draft(page, "Candidate A", "Explained quorum reads.")
        page.reload()
        page.locator("[data-ip-resume] li", has_text="Candidate A").get_by_role("button").click()
        expect(page.locator(f'form[data-ip-form] [name="{name}"]')).to_have_value(
            "Explained quorum reads.")
        expect(page.locator("form[data-ip-form] [name=candidate]")).to_have_value("Candidate A")
    watch.assert_clean()


def test_instant_navigation_to_a_scorecard_keeps_its_data_and_the_policy(browser, site,
                                                                         served_site_url):
    """Material's instant navigation re-runs the new page's scripts; the card's data block
    must not be one of them (it would be blocked, and the export would lose the card)."""
    playbook = first_folder(site, "playbooks", "scorecard/index.html")
    with watched(browser) as (page, watch):
        page.goto(urljoin(served_site_url, f"playbooks/{playbook}/"), wait_until="networkidle")
        page.evaluate("window.__sameDocument = true")
        page.locator("article a[href$='scorecard/']").first.click()
        page.wait_for_url("**/scorecard/")
        expect(page.locator("[data-ip-toolbar]")).to_be_visible()
        assert page.evaluate("window.__sameDocument") is True, \
            "the clicks were full page loads, so instant navigation was not tested"
        title = page.evaluate("""() => JSON.parse(document.querySelector(
            'template[data-ip-scorecard-template]').content.querySelector('script').textContent).title""")
        assert title, "the scorecard's data block is missing after instant navigation"
    watch.assert_clean()


def test_a_script_or_handler_written_into_a_page_is_blocked(browser, hostile_url):
    with watched(browser) as (page, watch):
        page.goto(urljoin(hostile_url, "hostile/"), wait_until="networkidle")
        page.locator("#hostile-click").click()
        page.wait_for_timeout(200)
        assert page.evaluate("window.__pwned") is None, "an injected script ran"
    blocked = " ".join(watch.violations)
    assert "script-src-elem" in blocked and "inline" in blocked, watch.violations
    assert "script-src-attr" in blocked, watch.violations  # onerror= and onclick=
    assert watch.foreign == []


class _Head(HTMLParser):
    """Where the policy and the first inline script are, in a page's start tags."""

    def __init__(self, html: str):
        super().__init__()
        self.policy = self.policy_at = self.script_at = None
        self.style_attributes: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            if self.policy is None:
                self.policy, self.policy_at = attributes.get("content"), self.getpos()
        if tag == "script" and "src" not in attributes and self.script_at is None:
            self.script_at = self.getpos()
        if "style" in attributes:
            self.style_attributes.append(tag)
        if tag == "style":
            self.style_attributes.append("<style>")


def test_every_published_page_has_the_policy_before_any_inline_script(site, hostile_site):
    pages = sorted(site.rglob("*.html")) + sorted(hostile_site.rglob("*.html"))
    assert any(path.parent.name == "backend-old" for path in pages), "no redirect page built"
    for path in pages:
        head = _Head(path.read_text(encoding="utf-8"))
        assert head.policy, f"{path}: no Content-Security-Policy"
        if head.script_at is not None:
            assert head.policy_at < head.script_at, f"{path}: the policy comes after a script"
        directives = dict(part.strip().split(" ", 1) for part in head.policy.split(";"))
        assert directives["default-src"] == "'self'"
        assert directives["script-src"].split()[0] == "'self'"
        assert all(source.startswith("'sha256-") for source in directives["script-src"].split()[1:])
        assert directives["style-src"] == "'self'"
        assert directives["object-src"] == "'none'"
        assert directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
        assert directives["img-src"] == "'self' data:"
        assert head.style_attributes == [], f"{path}: inline styles {head.style_attributes}"


def test_an_edit_link_from_a_file_name_stays_a_link(hostile_site):
    html = (hostile_site / MARKUP_FILE_NAME / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="([^"]*)"[^>]*rel="edit"', html)
    assert links == ["https://github.com/interview-playbooks/interview-playbooks/edit/main/docs/"
                     "edit%22%3E%3Cb%3Ex.md"], links
    assert "<b>x" not in html


THEME_PAGE = """<!doctype html>
<html><head>
<meta charset="utf-8">
<script>__md_scope = 1</script>
<script id="__config" type="application/json">{"base": "."}</script>
<script src="assets/bundle.js"></script>
</head><body>CONTENT<script type="module">theme()</script></body></html>"""


def test_the_policy_allows_the_theme_scripts_by_hash_and_none_of_the_content():
    content = '<p>x</p><script>evil()</script><img src=x onerror="evil()">'
    html = with_policy(THEME_PAGE.replace("CONTENT", content), content=content)
    sources = re.search(r'script-src ([^;"]*)', html).group(1).split()
    assert sources == ["'self'", *sorted([script_hash("__md_scope = 1"), script_hash("theme()")])]
    assert script_hash("evil()") not in html
    assert html.index("Content-Security-Policy") < html.index("<script")
    assert html.startswith('<!doctype html>\n<html><head>\n<meta charset="utf-8">\n<meta http-equiv=')
    assert with_policy(html, content=content) == html  # a second pass changes nothing


def test_content_the_page_does_not_hold_is_refused():
    with pytest.raises(ValueError):
        with_policy(THEME_PAGE, content="<p>not in the page</p>")


# --- Storage --------------------------------------------------------------------------------

def test_keys_are_scoped_to_the_site_and_old_keys_move_once(browser, site, sub_path_url):
    playbook = first_folder(site, "playbooks", "scorecard/index.html")
    scorecard = urljoin(sub_path_url, f"playbooks/{playbook}/scorecard/")
    with watched(browser) as (page, watch):
        page.goto(sub_path_url)
        scope, _ = scoped_keys(page)
        assert scope == "/" + SUB_PATH
        old_draft = {"form": "scorecard", "playbook": playbook, "candidate": "Candidate B",
                     "rubric_version": "", "saved_at": "2024-01-01T00:00:00.000Z",
                     "fields": {"candidate": "Candidate B", "comments": "Typed before scoping"}}
        page.evaluate("""([drafts, loop, draft]) => {
            localStorage.clear();
            localStorage.setItem(drafts, JSON.stringify({[draft.form + "|" + draft.playbook + "|" + draft.candidate]: draft}));
            localStorage.setItem(loop, JSON.stringify(["no-such-question"]));
        }""", [OLD_DRAFTS, OLD_LOOP, old_draft])

        page.goto(scorecard)
        page.locator("[data-ip-resume] li", has_text="Candidate B").get_by_role("button").click()
        expect(page.locator("[data-ip-status]")).to_contain_text("Candidate B")
        expect(page.locator("form[data-ip-form] [name=comments]")).to_have_value("Typed before scoping")
        _, keys = scoped_keys(page)
        assert OLD_DRAFTS not in keys and OLD_LOOP not in keys
        assert scope + "." + OLD_DRAFTS in keys and scope + "." + OLD_LOOP in keys

        fill_a_draft(page, "Candidate A", "A note")
        _, keys = scoped_keys(page)
        assert keys and all(key.startswith(scope) for key in keys), keys

        # Once: an old key seen again (another copy of the site wrote it) is merged, and
        # the scoped drafts are not overwritten.
        page.evaluate("([key]) => localStorage.setItem(key, JSON.stringify({}))", [OLD_DRAFTS])
        page.reload()
        expect(page.locator("[data-ip-toolbar] select option")).to_have_count(3)  # new, A, B
        _, keys = scoped_keys(page)
        assert OLD_DRAFTS not in keys
    watch.assert_clean()


def test_another_tab_sees_drafts_and_loops_under_the_scoped_keys(browser, site, sub_path_url):
    playbook = first_folder(site, "playbooks", "scorecard/index.html")
    scorecard = urljoin(sub_path_url, f"playbooks/{playbook}/scorecard/")
    with watched(browser) as (page, watch):
        other = watch.attach(page.context.new_page())
        page.goto(scorecard)
        other.goto(scorecard)
        fill_a_draft(page, "Candidate A", "From the first tab")
        expect(other.locator("[data-ip-toolbar] select option")).to_have_count(2)  # new, A
        bank = page_of_each_kind(site)["bank"]
        other.goto(urljoin(sub_path_url, bank), wait_until="networkidle")
        page.goto(urljoin(sub_path_url, bank), wait_until="networkidle")
        page.locator("button[data-ip-loop-toggle]").first.click()
        expect(other.locator("button[data-ip-loop-toggle]").first).to_have_text("Remove from my loop")
    watch.assert_clean()


# Values of the wrong type (a list, a huge string) are kept aside as malformed ones are, and
# odd drafts read as the page writes them: tests/js/storage.test.mjs, drafts.test.mjs. Here:
# the pages on a store they cannot read, and on one whose odd entries they skip.
@pytest.mark.parametrize("stored", [
    "{not json",
    json.dumps({"__proto__": {"polluted": True}, "scorecard|x|y": 5,
                "scorecard|x|z": {"fields": {"__proto__": {"polluted": True}}, "candidate": {}}}),
], ids=["malformed", "proto keys"])
def test_stored_drafts_that_cannot_be_read_are_kept_aside(browser, site, site_url, stored):
    playbook = first_folder(site, "playbooks", "scorecard/index.html")
    with watched(browser) as (page, watch):
        page.goto(site_url)
        key = page.evaluate(SCOPED_KEY, OLD_DRAFTS)
        loop_key = page.evaluate(SCOPED_KEY, OLD_LOOP)
        page.evaluate("([k, v, l]) => { localStorage.setItem(k, v); localStorage.setItem(l, v); }",
                      [key, stored, loop_key])
        page.goto(urljoin(site_url, f"playbooks/{playbook}/scorecard/"))
        name = fill_a_draft(page, "Candidate A", "Fresh start")
        page.goto(urljoin(site_url, "questions/loop/"), wait_until="networkidle")
        expect(page.locator("[data-ip-loop-status]")).to_have_text("Your loop is empty.")
        assert page.evaluate("({}).polluted") is None
        drafts = json.loads(page.evaluate("(k) => localStorage.getItem(k)", key))
        assert drafts[f"scorecard|{playbook}|Candidate A"]["fields"][name] == "Fresh start"
        aside = page.evaluate("(k) => localStorage.getItem(k + ':unreadable')", key)
        if stored.startswith("{\""):  # an object: read, its odd entries ignored, kept
            assert aside is None and "scorecard|x|y" in drafts
        else:
            assert aside == stored
    watch.assert_clean()


def test_a_full_storage_keeps_what_was_typed(browser, site, site_url):
    playbook = first_folder(site, "playbooks", "scorecard/index.html")
    with watched(browser) as (page, watch):
        page.add_init_script("Storage.prototype.setItem = function () { "
                             "throw new DOMException('full', 'QuotaExceededError'); };")
        page.goto(urljoin(site_url, f"playbooks/{playbook}/scorecard/"))
        page.locator("form[data-ip-form] [name=candidate]").fill("Candidate A")
        notes = page.locator("form[data-ip-form] textarea[name$=':notes']").first
        notes.fill("Kept on the page")
        notes.blur()
        expect(page.locator("[data-ip-status]")).to_contain_text("Could not save")
        expect(notes).to_have_value("Kept on the page")
    watch.assert_clean()


# --- Exports ---------------------------------------------------------------------------------

class _Rendered(HTMLParser):
    """Tags, attributes and link targets of HTML rendered from the export."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.hrefs: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        self.hrefs += [value for name, value in attrs if name == "href"]


def test_copy_as_markdown_gives_contributor_text_back_as_text(hostile_site):
    """The export module (the one "Copy as Markdown" runs, here in node) on the hostile
    playbook's card as the page carries it, with hostile text typed in."""
    card = card_of(hostile_site, "playbooks/backend-senior/scorecard")
    fields = {"candidate": "Candidate A <b>", "q-ownership-story:hire-1": "yes", "recommendation": "hire",
              "q-ownership-story:notes": "- not a list\n# not a heading\n<img src=x onerror=alert(2)>\n1. plain"}
    exported, = run_client({"markdown": [{"card": card, "fields": fields, "draftVersion": None}]})

    assert "<" not in exported, exported
    # Rendered by a permissive Markdown (raw HTML on, attribute lists, tables): the only
    # markup is the export's own, and the only link the http(s) one from the data.
    html = markdown.markdown(exported, extensions=["attr_list", "tables"])
    rendered = _Rendered(html)
    assert rendered.tags <= {"p", "strong", "br", "h3", "hr", "a"}, rendered.tags
    assert rendered.attributes <= {"href"}, rendered.attributes
    assert rendered.hrefs == ["https://example.org/guide"], rendered.hrefs
    text = unescape(re.sub(r"<[^>]+>", "", html))
    for literal in ["Story <img src=x onerror=alert(1)> [x](javascript:alert(1)) **strong** `code` a|b",
                    "Loop <img src=x onerror=alert(1)> **bold**",
                    "Ownership | `tick` [x](javascript:alert(1))",
                    "Talks in numbers <script>alert(1)</script> doc _em_ ~~gone~~",
                    "Ownership {: onclick=alert(1)} &lt;b&gt;",
                    "Candidate A <b>", "<img src=x onerror=alert(2)>", "- not a list",
                    "# not a heading", "1. plain", "Hire <b>now</b>"]:
        assert literal in text, f"{literal!r} does not read as written in:\n{exported}"


# --- Malformed addresses ---------------------------------------------------------------------

def test_malformed_hashes_and_query_values_are_harmless(browser, site, site_url):
    pages = page_of_each_kind(site)
    level = first_folder(site, "levels")
    junk = ("&level=constructor&role=__proto__&signal=toString&kind=hasOwnProperty"
            "&topic=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&colour=red&level=" + "z" * 5000
            + f"&level={level}&level={level}")
    with watched(browser) as (page, watch):
        for path in (pages["bank"], pages["finder"], pages["playbook"]):
            page.goto(urljoin(site_url, path) + "#%E0%A4%A", wait_until="networkidle")
            expect(page.locator("h1").first).to_be_visible()

        page.goto(urljoin(site_url, f"questions/?level={level}"), wait_until="networkidle")
        count = page.locator("[data-ip-count]")
        expect(count).not_to_be_empty()
        expected = count.text_content()
        page.goto(urljoin(site_url, "questions/?" + junk.lstrip("&")), wait_until="networkidle")
        expect(count).to_have_text(expected)  # the unknown values changed nothing
        note = page.locator("[data-ip-note]")
        expect(note).to_be_visible()
        for shown in ("level=constructor", "role=__proto__", "signal=toString",
                      "kind=hasOwnProperty", "topic=<img src=x onerror=alert(1)>", "colour=red"):
            expect(note).to_contain_text(shown)
        assert len(note.text_content()) < 1000, "a huge value is shown in full"
        assert page.locator("[data-ip-note] img").count() == 0
        assert page.evaluate("({}).polluted") is None
    watch.assert_clean()
