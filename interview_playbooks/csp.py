"""A strict Content-Security-Policy for a built HTML page, as a `<meta http-equiv>`.

HTML in, HTML out; it knows nothing of the site generator, so any build step that writes
pages can call it. The policy allows scripts, styles, fonts, workers and requests from
the site itself only, images from the site and `data:` URLs (the theme's CSS draws its
icons from them), and no plugins, no `<base>` elsewhere and no form posts elsewhere.

Inline scripts are allowed one by one by the SHA-256 of their text, and only those of the
theme: the caller names the page's content (the HTML converted from its source), and no
script inside it is allowed, so a `<script>` or an `onerror=` that reached a page's content
does not run. Inline scripts that are data (`type="application/json"`) are never run by the
browser and need no hash. Style attributes and `<style>` elements are not allowed at all;
the theme sets styles through the DOM (`element.style`), which the policy does not limit.

The meta element goes right after `<meta charset>` (or the start of `<head>`), before any
script, since a policy only covers what the browser parses after it.
"""

from __future__ import annotations

import base64
import hashlib
import re

# Directives that fall back to default-src ('self') are listed where the theme relies on
# them, so the policy says what the site needs: the search index is fetched and the search
# runs in a worker, both from the site; the font is bundled.
DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),  # plus the hashes of the theme's inline scripts
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)

# Script types the browser runs (or, for import maps and speculation rules, reads under
# script-src); an empty or missing type is JavaScript.
_SCRIPT_TYPES = {"", "module", "importmap", "speculationrules", "text/javascript",
                 "application/javascript", "application/ecmascript", "text/ecmascript",
                 "text/jscript", "text/livescript", "application/x-javascript",
                 "application/x-ecmascript", "text/x-javascript", "text/x-ecmascript"}

_SCRIPT_START = re.compile(r"<script\b(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>")
_SCRIPT_END = re.compile(r"</script[\s/>]", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_HEAD = re.compile(r"<head\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.IGNORECASE)
_CHARSET = re.compile(r"\s*<meta\s+charset\s*=\s*[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)
_EXISTING = re.compile(r"<meta\s+http-equiv=\"Content-Security-Policy\"[^>]*>", re.IGNORECASE)
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def script_hash(text: str) -> str:
    """The CSP source that allows an inline script with exactly this text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def policy(script_hashes=()) -> str:
    """The policy's text, allowing the inline scripts with these hashes."""
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src":
            value = " ".join([value, *sorted(set(script_hashes))])
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def inline_scripts(html: str, start: int = 0, end: int | None = None) -> list[str]:
    """The text of every inline script in html[start:end] that the browser would run.

    A plain search (the theme writes `<script` in lower case), fast on large pages. It
    errs on the safe side: a script it misses is blocked, and a `<script` it finds that is
    none (in a comment of the theme's) only allows text the theme wrote.
    """
    end = len(html) if end is None else end
    found = []
    at = html.find("<script", start, end)
    while at >= 0:
        tag = _SCRIPT_START.match(html, at)
        if tag is None:
            at = html.find("<script", at + 1, end)
            continue
        closing = _SCRIPT_END.search(html, tag.end())
        text_end = closing.start() if closing else len(html)
        attributes = _attributes(tag.group("attrs"))
        if "src" not in attributes and attributes.get("type", "").strip().lower() in _SCRIPT_TYPES:
            found.append(html[tag.end():text_end])
        at = html.find("<script", text_end, end)
    return found


def _attributes(text: str) -> dict[str, str]:
    attributes = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        attributes.setdefault(name, value)
    return attributes


def with_policy(html: str, content: str = "") -> str:
    """`html` with the policy in its head, allowing its inline scripts outside `content`.

    `content` is the part of the page that came from its source (Markdown converted to
    HTML, or any text the theme did not write); it is found in `html` as written, and its
    scripts get no hash. A page without a `<head>` is returned as it is.
    """
    head = _HEAD.search(html)
    if head is None:
        return html
    at = html.find(content, head.end()) if content else len(html)
    if at < 0:  # allowing every script would allow the content's: refuse instead
        raise ValueError("the page's content is not in its HTML; cannot tell the theme's "
                         "scripts from the content's")
    scripts = inline_scripts(html, 0, at) + inline_scripts(html, at + len(content))
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            + policy(map(script_hash, scripts)) + '">')
    head_end = _HEAD_END.search(html, head.end())
    existing = _EXISTING.search(html, head.end(), head_end.start() if head_end else len(html))
    if existing:  # a page given a policy before (by this function): replace it
        return html[:existing.start()] + meta + html[existing.end():]
    insert = head.end()
    charset = _CHARSET.match(html, insert)
    if charset:
        insert = charset.end()
    return html[:insert] + "\n" + meta + html[insert:]
