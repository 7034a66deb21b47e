"""Contributor text to safe HTML.

Contributors may write *emphasis*, **strong**, `code` and [links](https://example.org);
long fields may also have paragraphs and `- ` lists. Everything else is shown as the
characters it is: raw HTML is escaped, template syntax is inert, and a link whose target
is not http(s) or a page of this site loses its link. Site pages are written from the
site root (`/signals/ownership/`) and come out relative to the page, so the site works
under any sub-path.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

_CODE = re.compile(r"`([^`\n]+)`")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^()\s]*)\)")
_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = re.compile(r"^https?://[^/\s]", re.IGNORECASE)
_LIST_ITEM = re.compile(r"^\s*[-*]\s+")
_PLACEHOLDER = "\x00{}\x00"
_FORMATTING = re.compile(r"[`\[*_]")  # text without these has no formatting to turn into HTML


def safe_href(url: str, base: str = "") -> str | None:
    """The link target to use, or None when the target is not allowed.

    Allowed: http(s) URLs, and paths within this site. Rejected: every other scheme
    (javascript:, data:, vbscript:, ...), protocol-relative URLs, and anything with
    whitespace or control characters, which browsers strip before reading the scheme.
    """
    if not url or any(ch.isspace() or ord(ch) < 32 or ch == "\\" for ch in url):
        return None
    if _WEB.match(url):
        return url
    if _SCHEME.match(url) or url.startswith("//"):
        return None
    if url.startswith("/"):
        return base + url.lstrip("/")
    return url


def inline(text: str, base: str = "") -> Markup:
    """One line or paragraph of contributor text as HTML."""
    if not _FORMATTING.search(text):  # most text: escaping is all there is to do
        return escape(text)
    html = str(escape(text))
    stash: list[str] = []

    def keep(fragment: str) -> str:
        stash.append(fragment)
        return _PLACEHOLDER.format(len(stash) - 1)

    # Code spans first: nothing inside them is formatting.
    html = _CODE.sub(lambda m: keep(f"<code>{m.group(1)}</code>"), html)

    def link(match: re.Match) -> str:
        label, target = match.group(1), match.group(2)
        href = safe_href(Markup(target).unescape(), base)
        if href is None:
            return label
        external = ' rel="noopener"' if _WEB.match(href) else ""
        return keep(f'<a href="{escape(href)}"{external}>') + label + keep("</a>")

    html = _LINK.sub(link, html)
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    html = _EMPHASIS.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", html)
    html = re.sub("\x00(\\d+)\x00", lambda m: stash[int(m.group(1))], html)
    return Markup(html)


def block(text: str, base: str = "") -> Markup:
    """Long contributor text: paragraphs separated by blank lines, and `- ` lists."""
    parts: list[str] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if lines and all(_LIST_ITEM.match(line) or line.startswith("  ") for line in lines) \
                and _LIST_ITEM.match(lines[0]):
            items: list[str] = []
            for line in lines:
                if _LIST_ITEM.match(line):
                    items.append(_LIST_ITEM.sub("", line))
                else:
                    items[-1] += " " + line.strip()
            parts.append("<ul>" + "".join(f"<li>{inline(i, base)}</li>" for i in items) + "</ul>")
        elif lines:
            parts.append(f"<p>{inline(' '.join(l.strip() for l in lines), base)}</p>")
    return Markup("\n".join(parts))


def plain(text: str) -> str:
    """Contributor text without its formatting marks, for titles and metadata."""
    if not _FORMATTING.search(text):
        return text
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\1", text)
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)


def heading(text: str) -> Markup:
    """Text for a Markdown heading line, so that Markdown and HTML read it literally.

    Every character that Markdown, attr_list or HTML could give a meaning (`*`, `_`,
    `[`, `{`, `<`, `&`, `#`, ...) becomes a numeric character reference: it displays as
    itself and can start nothing. Letters, digits, spaces, hyphens and full stops stay.
    """
    return Markup("".join(f"&#{ord(ch)};" if ch in _MARKUP_CHARACTERS else ch
                          for ch in plain(text).replace("\n", " ")))


# Characters with a meaning to Markdown, its extensions (attr_list, tables) or HTML.
_MARKUP_CHARACTERS = set("\\`*_{}[]()<>#+!|~&=:^$%\"'")
