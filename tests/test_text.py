"""Contributor text becomes safe HTML: a little formatting, nothing executable."""

import dataclasses
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from interview_playbooks.catalog import read_catalog
from interview_playbooks.text import block, heading, inline, plain, safe_href

ROOT = Path(__file__).resolve().parent.parent


def test_formatting_that_is_allowed():
    html = inline("A **bold** and *italic* and _also italic_ with `code` and [docs](https://example.org/a?b=1&c=2)")
    assert "<strong>bold</strong>" in html
    assert "<em>italic</em>" in html and "<em>also italic</em>" in html
    assert "<code>code</code>" in html
    assert '<a href="https://example.org/a?b=1&amp;c=2" rel="noopener">docs</a>' in html


def test_raw_html_is_shown_as_text():
    html = inline('<script>alert(1)</script><img src=x onerror="alert(2)">')
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)", "//evil.example/x", "java\tscript:alert(1)", "file:///etc/passwd",
])
def test_dangerous_link_targets_lose_their_link(target):
    html = inline(f"[click]({target})")
    assert "<a" not in html
    assert "click" in html
    assert safe_href(target) is None


def test_site_links_are_made_relative_to_the_page():
    assert inline("[Ownership](/signals/ownership/)", base="../../") == \
        '<a href="../../signals/ownership/">Ownership</a>'


def test_template_syntax_is_literal():
    assert inline("{{ config.site_name }} {% raw %}") == "{{ config.site_name }} {% raw %}"


def test_code_spans_are_not_formatted_inside():
    assert inline("`a *b* <c>`") == "<code>a *b* &lt;c&gt;</code>"


def test_block_paragraphs_and_lists():
    html = block("First paragraph\ncontinues.\n\n- one\n- two **2**\n\nLast.")
    assert html == ("<p>First paragraph continues.</p>\n<ul><li>one</li><li>two <strong>2</strong>"
                    "</li></ul>\n<p>Last.</p>")


def test_heading_text_cannot_start_markdown_or_attributes():
    result = heading("Design *a* {#evil} <b> & [x](y)")
    # Outside numeric character references only letters, digits and spaces remain.
    assert re.fullmatch(r"[A-Za-z0-9 ]*", re.sub(r"&#\d+;", "", result))
    assert "&#123;&#35;evil&#125;" in result
    assert "&#60;b&#62;" in result


def test_plain_drops_formatting_marks():
    assert plain("**Bold** and *it* with [a link](https://x.org)") == "Bold and it with a link"


# --- The renderer before it was made linear (issue 12), kept to compare against. ---------
# Its patterns rescan to the line's end from every `[` and `**`, so it only ever sees short
# text here; it also pairs marks across a finished link or strong span, which is where the
# two are allowed to differ (the new one keeps its tags nested).

class Legacy:
    CODE = re.compile(r"`([^`\n]+)`")
    LINK = re.compile(r"\[([^\]\n]+)\]\(([^()\s]*)\)")
    STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
    EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"
                          r"|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")
    WEB = re.compile(r"^https?://[^/\s]", re.IGNORECASE)
    LIST_ITEM = re.compile(r"^\s*[-*]\s+")
    FORMATTING = re.compile(r"[`\[*_]")

    @classmethod
    def inline(cls, text, base=""):
        if not cls.FORMATTING.search(text):
            return escape(text)
        html = str(escape(text))
        stash = []

        def keep(fragment):
            stash.append(fragment)
            return "\x00{}\x00".format(len(stash) - 1)

        html = cls.CODE.sub(lambda m: keep(f"<code>{m.group(1)}</code>"), html)

        def link(match):
            label, target = match.group(1), match.group(2)
            href = legacy_safe_href(Markup(target).unescape(), base)
            if href is None:
                return label
            external = ' rel="noopener"' if cls.WEB.match(href) else ""
            return keep(f'<a href="{escape(href)}"{external}>') + label + keep("</a>")

        html = cls.LINK.sub(link, html)
        html = cls.STRONG.sub(r"<strong>\1</strong>", html)
        html = cls.EMPHASIS.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", html)
        html = re.sub("\x00(\\d+)\x00", lambda m: stash[int(m.group(1))], html)
        return Markup(html)

    @classmethod
    def block(cls, text, base=""):
        parts = []
        for chunk in re.split(r"\n\s*\n", text.strip()):
            lines = [line for line in chunk.splitlines() if line.strip()]
            if lines and all(cls.LIST_ITEM.match(line) or line.startswith("  ") for line in lines) \
                    and cls.LIST_ITEM.match(lines[0]):
                items = []
                for line in lines:
                    if cls.LIST_ITEM.match(line):
                        items.append(cls.LIST_ITEM.sub("", line))
                    else:
                        items[-1] += " " + line.strip()
                parts.append("<ul>" + "".join(f"<li>{cls.inline(i, base)}</li>" for i in items)
                             + "</ul>")
            elif lines:
                parts.append(f"<p>{cls.inline(' '.join(l.strip() for l in lines), base)}</p>")
        return Markup("\n".join(parts))

    @classmethod
    def plain(cls, text):
        if not cls.FORMATTING.search(text):
            return text
        text = cls.LINK.sub(r"\1", text)
        text = cls.CODE.sub(r"\1", text)
        text = cls.STRONG.sub(r"\1", text)
        return cls.EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


def legacy_safe_href(url, base=""):
    if not url or any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        return None
    if Legacy.WEB.match(url):
        return url
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", url) or url.startswith("//"):
        return None
    return base + url.lstrip("/") if url.startswith("/") else url


def catalog_texts() -> set[str]:
    """Every string of every record in the repository's data (ids and prose alike)."""
    found: set[str] = set()

    def walk(value):
        if isinstance(value, str):
            found.add(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                if field.name != "where":
                    walk(getattr(value, field.name))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    catalog = read_catalog(ROOT / "data")
    assert not [p for p in catalog.problems if p.severity == "error"]
    for kind in ("signals", "scales", "roles", "levels", "banks", "questions", "playbooks",
                 "samples"):
        walk(getattr(catalog, kind))
    return found


def test_the_repository_data_renders_exactly_as_before():
    texts = catalog_texts()
    assert len(texts) > 1000
    assert sum(1 for t in texts if Legacy.FORMATTING.search(t)) >= 20  # formatting is covered
    for text in sorted(texts):
        for base in ("", "../../"):
            assert inline(text, base) == Legacy.inline(text, base), text
            assert block(text, base) == Legacy.block(text, base), text
        assert plain(text) == Legacy.plain(text), text


# --- Any text at all: Hypothesis. ---------------------------------------------------------

ALLOWED = {"p": set(), "ul": set(), "li": set(), "em": set(), "strong": set(), "code": set(),
           "a": {"href", "rel"}}


class Tags(HTMLParser):
    """The tags and text of rendered HTML, checked for nesting and the allowed set."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.problems: list[str] = []
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()
        if self.open:
            self.problems.append(f"left open: {self.open}")

    def handle_starttag(self, tag, attrs):
        names = {name for name, _ in attrs}
        if tag not in ALLOWED or not names <= ALLOWED[tag] or len(names) != len(attrs):
            self.problems.append(f"<{tag} {attrs}>")
        if tag == "a":
            values = dict(attrs)
            self.hrefs.append(values.get("href") or "")
            if values.get("rel", "noopener") != "noopener":
                self.problems.append(f"rel={values['rel']}")
        self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.problems.append(f"<{tag}/>")

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.problems.append(f"</{tag}> out of order")

    def handle_data(self, data):
        self.text.append(data)

    def unknown_decl(self, data):
        self.problems.append(f"declaration {data!r}")

    handle_comment = handle_decl = handle_pi = unknown_decl


# Text made of the pieces formatting is made of, plus any character at all.
PIECES = ["*", "**", "_", "`", "[", "]", "(", ")", "](", "](/a)", "](http://example.org/?a&b)",
          "](javascript:x)", " ", "\n", "\n\n", "- ", "  ", "a", "b", "&", "<", ">", '"', "'",
          "\x00", "\x000\x00", "\x007\x00", "{{", "\t", "\r"]
texts = st.lists(st.sampled_from(PIECES) | st.characters(), max_size=40).map("".join)
no_parentheses = texts.filter(lambda t: "(" not in t and ")" not in t)
FUZZ = settings(max_examples=400, derandomize=True, deadline=None)
MARKS = set("*_`[]-")


def shown(text: str) -> list[str]:
    """The characters a reader sees, without formatting marks and whitespace."""
    return [ch for ch in text.replace("\x00", "\ufffd") if not ch.isspace() and ch not in MARKS]


def is_subsequence(part: list[str], whole: list[str]) -> bool:
    rest = iter(whole)
    return all(ch in rest for ch in part)


@FUZZ
@given(texts, st.sampled_from(["", "../"]))
def test_any_text_renders_to_nested_allowed_tags_and_safe_links(text, base):
    for render in (inline, block):
        html = render(text, base)
        tags = Tags(html)
        assert not tags.problems, (text, html, tags.problems)
        assert all(safe_href(href) == href for href in tags.hrefs), (text, html)
        assert "\x00" not in html
        # Link targets leave the text for the href; nothing else does.
        assert is_subsequence(shown("".join(tags.text)), shown(text)), (text, html)


@FUZZ
@given(no_parentheses)
def test_without_links_every_character_is_shown(text):
    for render in (inline, block):
        html = render(text)
        assert shown("".join(Tags(html).text)) == shown(text), (text, html)


@FUZZ
@given(texts.map(lambda t: t.replace("\x00", "")), st.sampled_from(["", "../"]))
# Emphasis around a finished span stops at the marks inside it, as it did before.
@example("*a **b *c* d** e*", "")
@example("*/:&_]****a**/*", "")
@example("*[(:)*h&*](/a)b/b*", "../")
@example("_a [b_c](/d) e_", "")
def test_where_the_old_renderer_nested_its_tags_the_output_is_the_same(text, base):
    assert plain(text) == Legacy.plain(text)
    for render, legacy in ((inline, Legacy.inline), (block, Legacy.block)):
        before = legacy(text, base)
        if not Tags(before).problems:
            assert render(text, base) == before, text


@pytest.mark.parametrize("text, expected", [
    ("\x007\x00", "\ufffd7\ufffd"),  # used to look up placeholder 7: IndexError
    ("\x000\x00", "\ufffd0\ufffd"),
    ("[a](/b) \x000\x00 c", '<a href="b">a</a> \ufffd0\ufffd c'),  # used to open a second <a>
    ("`\x001\x00` **\x000\x00**", "<code>\ufffd1\ufffd</code> <strong>\ufffd0\ufffd</strong>"),
])
def test_nul_delimited_digits_are_plain_text(text, expected):
    assert inline(text) == expected


def test_marks_do_not_pair_across_a_finished_link_or_strong_span():
    # The old renderer produced `<em>b</strong> c</em>` and `<strong>a <a ...>b</strong> c</a>`.
    assert inline("**a *b** c*") == "<strong>a *b</strong> c*"
    assert inline("**a [b**](https://x.org) c") == \
        '**a <a href="https://x.org" rel="noopener">b**</a> c'
    assert inline("*see [the *docs*](/d) here*") == '*see <a href="d">the <em>docs</em></a> here*'


# --- Hostile shapes: correct output at a size the old patterns could not finish. ----------
# (How fast they render is measured by `make bench`, in bench/hostile.py.)

HOSTILE = 100_000


@pytest.mark.parametrize("text, expected", [
    ("[" * HOSTILE, "[" * HOSTILE),
    ("[a](" * (HOSTILE // 4), "[a](" * (HOSTILE // 4)),
    ("**a " * (HOSTILE // 4), "**a " * (HOSTILE // 4)),
    ("**" * (HOSTILE // 2), "<strong>*</strong>" * (HOSTILE // 5)),
    ("`" * HOSTILE, "`" * HOSTILE),
    ("&<>" * (HOSTILE // 3), "&amp;&lt;&gt;" * (HOSTILE // 3)),
    ("[x](/y)" * (HOSTILE // 7), '<a href="y">x</a>' * (HOSTILE // 7)),
], ids=["brackets", "unclosed-links", "unclosed-strong", "stars", "backticks", "entities",
        "links"])
def test_hostile_shapes_render_correctly(text, expected):
    assert inline(text) == expected


def test_a_long_list_item_is_joined_once():
    text = "- first\n" + "  more\n" * HOSTILE
    assert block(text) == "<ul><li>first" + " more" * HOSTILE + "</li></ul>"
