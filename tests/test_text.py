"""Contributor text becomes safe HTML: a little formatting, nothing executable."""

import re

import pytest

from interview_playbooks.text import block, heading, inline, plain, safe_href


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
