"""Contributor text to safe HTML.

Contributors may write *emphasis*, **strong**, `code` and [links](https://example.org);
long fields may also have paragraphs and `- ` lists. Everything else is shown as the
characters it is: raw HTML is escaped, template syntax is inert, and a link whose target
is not http(s) or a page of this site loses its link. Site pages are written from the
site root (`/signals/ownership/`) and come out relative to the page, so the site works
under any sub-path.

Every step runs in time linear in the text, whatever it contains: code spans and emphasis
are patterns that cannot rescan, links and strong emphasis are found by small scanners
that skip every opening which cannot close. A finished element (code, link, strong) is
set aside as a placeholder before the next step runs, so later steps cannot pair marks
across its edges: the tags that come out are always properly nested.
"""

from __future__ import annotations

import re
from html import unescape
from typing import Callable

from markupsafe import Markup, escape

_CODE = re.compile(r"`([^`\n]+)`")  # each attempt stops at the next backtick or line end
_LABEL_END = re.compile(r"[\]\n]")  # a link label runs to the first `]` on its line
_TARGET = re.compile(r"\(([^()\s]*)\)")
_STRONG_OPENING = re.compile(r"\*\*(?=\S)")
_STRONG_CLOSING = re.compile(r"(?<=\S)\*\*")
# Each attempt stops at the next `*` (or `_`), so the whole pass is linear.
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])"
                       r"|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = re.compile(r"^https?://[^/\s]", re.IGNORECASE)
# Browsers drop whitespace and C0 controls before they read a scheme, and treat `\` as `/`.
_NOT_IN_HREF = re.compile(r"[\s\x00-\x1f\x7f-\x9f\\]")
_LIST_ITEM = re.compile(r"^\s*[-*]\s+")
_FORMATTING = re.compile(r"[`\[*_]")  # text without these has no formatting to turn into HTML


def safe_href(url: str, base: str = "") -> str | None:
    """The link target to use, or None when the target is not allowed.

    Allowed: http(s) URLs, and paths within this site. Rejected: every other scheme
    (javascript:, data:, vbscript:, ...), protocol-relative URLs, and anything with
    whitespace or control characters, which browsers strip before reading the scheme.
    """
    if not url or _NOT_IN_HREF.search(url):
        return None
    if _WEB.match(url):
        return url
    if _SCHEME.match(url) or url.startswith("//"):
        return None
    if url.startswith("/"):
        return base + url.lstrip("/")
    return url


# How a placeholder spells the marks of its source: each after a digit and before a `0`.
_MARKS_BETWEEN_DIGITS = {"": "", "*": "*0", "_": "_0", "*_": "*0_0"}


class _Stash:
    """Finished HTML fragments, each standing in the text as a NUL-delimited placeholder.

    A placeholder also carries which emphasis marks (`*`, `_`) its source still had, each
    between digits where no emphasis pattern can use it as a mark: emphasis around the
    fragment then stops at them, just as it would at the marks themselves.
    """

    def __init__(self) -> None:
        self.fragments: dict[str, str] = {}  # by the placeholder's text between its NULs

    def keep(self, html: str, marks: str = "") -> str:
        if "\x00" in html:  # nested placeholders are resolved now, so each fragment is final
            html = self.restore(html)
        key = f"{len(self.fragments)}{_MARKS_BETWEEN_DIGITS[marks]}"
        self.fragments[key] = html
        return f"\x00{key}\x00"

    def restore(self, html: str) -> str:
        if "\x00" not in html:
            return html
        # The input has no NUL, so the pieces alternate: text, placeholder, text, ...
        pieces = html.split("\x00")
        pieces[1::2] = map(self.fragments.__getitem__, pieces[1::2])
        return "".join(pieces)


def _replace_links(text: str, replace: Callable[[str, str], str]) -> str:
    """Each `[label](target)` replaced by replace(label, target), left to right.

    The matches of `\\[([^\\]\\n]+)\\]\\(([^()\\s]*)\\)` without its rescanning: every `[`
    before the same `]` (or line end) shares that one closing, so when the first of them
    cannot become a link, none can, and the search goes on after the closing.
    """
    parts: list[str] = []
    done = at = 0
    while (start := text.find("[", at)) >= 0:
        end = _LABEL_END.search(text, start + 1)
        if end is None:
            break
        close = end.start()
        if text[close] == "]" and close > start + 1:
            target = _TARGET.match(text, close + 1)
            if target:
                parts += (text[done:start], replace(text[start + 1:close], target.group(1)))
                done = at = target.end()
                continue
        at = close + 1
    parts.append(text[done:])
    return "".join(parts)


def _replace_strong(text: str, replace: Callable[[str], str]) -> str:
    """Each `**strong**` replaced by replace(inner text), left to right.

    The matches of `\\*\\*(?=\\S)(.+?)(?<=\\S)\\*\\*` without its rescanning: an opening
    pairs with the first closing after it on its line, so when one finds none, no later
    opening on that line can, and the search goes on at the next line.
    """
    if "**" not in text:
        return text
    parts: list[str] = []
    done = at = 0
    line_end = -1
    while opening := _STRONG_OPENING.search(text, at):
        start = opening.start()
        if start > line_end:  # on a new line (found once per line, not once per opening)
            line_end = text.find("\n", start + 2)
            if line_end < 0:
                line_end = len(text)
        closing = _STRONG_CLOSING.search(text, start + 3, line_end)
        if closing is None:
            at = line_end + 1
            continue
        parts += (text[done:start], replace(text[start + 2:closing.start()]))
        done = at = closing.end()
    parts.append(text[done:])
    return "".join(parts)


def _emphasis(match: re.Match) -> str:
    return f"<em>{match.group(1) or match.group(2)}</em>"


def _marks(text: str) -> str:
    """Which emphasis marks the text has (placeholders' included)."""
    return ("*" if "*" in text else "") + ("_" if "_" in text else "")


def _strong(inner: str, stash: _Stash) -> str:
    """A strong span, with the emphasis inside it, set aside."""
    if inner.count("*") > 1 or inner.count("_") > 1:  # emphasis needs two marks
        return stash.keep(f"<strong>{_EMPHASIS.sub(_emphasis, inner)}</strong>", _marks(inner))
    return stash.keep(f"<strong>{inner}</strong>", _marks(inner))


def _emphasised(html: str, stash: _Stash) -> tuple[str, str]:
    """Strong, then emphasis, each closed inside the text it opens in; and the marks the
    emphasis pass saw, for the placeholder of a link around this text."""
    if "*" not in html and "_" not in html:
        return html, ""
    html = _replace_strong(html, lambda inner: _strong(inner, stash))
    return _EMPHASIS.sub(_emphasis, html), _marks(html)


def _opening_tag(target: str, base: str) -> str | None:
    """`<a href=...>` for a link target as written (HTML-escaped), or None if not allowed."""
    href = safe_href(unescape(target) if "&" in target else target, base)
    if href is None:
        return None
    external = ' rel="noopener"' if _WEB.match(href) else ""
    return f'<a href="{escape(href)}"{external}>'


def inline(text: str, base: str = "") -> Markup:
    """One line or paragraph of contributor text as HTML."""
    text = text.replace("\x00", "\ufffd")  # as an HTML parser would; keeps placeholders ours
    if not _FORMATTING.search(text):  # most text: escaping is all there is to do
        return escape(text)
    html = str(escape(text))
    stash = _Stash()

    # Code spans first: nothing inside them is formatting.
    html = _CODE.sub(lambda m: stash.keep(f"<code>{m.group(1)}</code>"), html)

    opening_tags: dict[str, str | None] = {}  # by target: a field often repeats one link

    def link(label: str, target: str) -> str:
        if target not in opening_tags:
            opening_tags[target] = _opening_tag(target, base)
        opening_tag = opening_tags[target]
        if opening_tag is None:
            return label
        label, marks = _emphasised(label, stash)
        return stash.keep(f"{opening_tag}{label}</a>", marks)

    html = _replace_links(html, link)
    return Markup(stash.restore(_emphasised(html, stash)[0]))


def block(text: str, base: str = "") -> Markup:
    """Long contributor text: paragraphs separated by blank lines, and `- ` lists."""
    parts: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if lines and all(_LIST_ITEM.match(line) or line.startswith("  ") for line in lines) \
                and _LIST_ITEM.match(lines[0]):
            items: list[list[str]] = []  # each item's lines, joined once at the end
            for line in lines:
                marker = _LIST_ITEM.match(line)
                if marker:
                    items.append([line[marker.end():]])
                else:
                    items[-1].append(line.strip())
            parts.append("<ul>" + "".join(f"<li>{inline(' '.join(item), base)}</li>"
                                          for item in items) + "</ul>")
        elif lines:
            parts.append(f"<p>{inline(' '.join(l.strip() for l in lines), base)}</p>")
    return Markup("\n".join(parts))


def plain(text: str) -> str:
    """Contributor text without its formatting marks, for titles and metadata."""
    if not _FORMATTING.search(text):
        return text
    text = _replace_links(text, lambda label, target: label)
    text = _CODE.sub(r"\1", text)
    text = _replace_strong(text, lambda inner: inner)
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


def heading(text: str) -> Markup:
    """Text for a Markdown heading line, so that Markdown and HTML read it literally.

    Every character that Markdown, attr_list or HTML could give a meaning (`*`, `_`,
    `[`, `{`, `<`, `&`, `#`, ...) becomes a numeric character reference: it displays as
    itself and can start nothing. Letters, digits, spaces, hyphens and full stops stay.
    """
    return Markup(plain(text).replace("\n", " ").translate(_AS_REFERENCES))


# Characters with a meaning to Markdown, its extensions (attr_list, tables) or HTML.
_MARKUP_CHARACTERS = set("\\`*_{}[]()<>#+!|~&=:^$%\"'")
_AS_REFERENCES = {ord(ch): f"&#{ord(ch)};" for ch in _MARKUP_CHARACTERS}


def counted(number: int, noun: str) -> str:
    """"1 playbook", "4 playbooks": a count that reads as words, in a card or a search preview."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
