"""The MkDocs hook: loads the data once per build and adds the generated pages.

With mkdocs_reuse.py, this is the only code that knows MkDocs. It reads and validates
data/ (failing the build with the validator's messages), fills the navigation and hands
each generated page to MkDocs as an in-memory file whose source is a macro call (see
macros.py). Every HTML page it publishes gets the Content-Security-Policy (csp.py).
"""

from __future__ import annotations

import gc
import html
import logging
import os
import sys
from pathlib import Path
from urllib.parse import quote, urlsplit

from markupsafe import escape
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs loads hooks by path; make the package importable
    sys.path.insert(0, str(ROOT))

from interview_playbooks.catalog import PARSE_CACHE  # noqa: E402
from interview_playbooks.csp import with_policy  # noqa: E402
from interview_playbooks.index import load_index  # noqa: E402
from interview_playbooks.pages import SECTIONS, generated_pages, redirects  # noqa: E402
from interview_playbooks.problems import DataError, report  # noqa: E402
from interview_playbooks.render import Renderer  # noqa: E402

log = logging.getLogger("mkdocs.plugins.interview_playbooks")


def data_dir(config) -> Path:
    # Beside mkdocs.yml, as written: not resolved, so a symlinked mkdocs.yml uses its own data.
    return Path(os.path.abspath(config.config_file_path)).parent / "data"


def renderer_of(config) -> Renderer:
    """The renderer built for this build's config (used by the macros)."""
    return config.interview_playbooks


def on_config(config):
    # Under `mkdocs serve`, the previous build's objects become collectable again, and its
    # garbage (pages and navigation refer to each other) is collected now, before it could
    # be frozen along with this build's index below.
    gc.unfreeze()
    gc.collect()
    try:
        # MkDocs re-imports this hook on every rebuild; the cache lives in the package.
        index = load_index(data_dir(config), cache=PARSE_CACHE)
    except DataError as error:
        raise Abort("The data has errors; nothing was built.\n\n" + report(error.problems))
    # The index lives as long as the build. Freezing it (and everything else alive now)
    # keeps the garbage collector from walking its millions of objects again and again
    # while MkDocs renders: a third of the build's time on a bank of 10,000 questions.
    gc.freeze()
    if index.warnings:
        log.info("The data has %d piece(s) of advice; run `make check` to read them.",
                 len(index.warnings))
    config.interview_playbooks = Renderer(index)
    # The 404 page is served at any depth, so its links start at the site's root path.
    root = urlsplit(config.site_url or "/").path or "/"
    config.extra["not_found_matrix"] = config.interview_playbooks.fragment("_matrix.html", base=root)
    config.nav = expand_nav(config.nav, index)
    # On a large bank, render our pages on the other core while MkDocs works.
    config.interview_playbooks.prerender()
    return config


def expand_nav(nav, index):
    """Put each generated section's pages under its index page in the configured nav."""
    pages = generated_pages(index)
    # No titles here: MkDocs takes each page's title from its rendered heading. A title
    # given in the nav would be rendered as a template by mkdocs-macros (contributor text!).
    children = {url + "index.md": [p.src_uri for p in pages
                                   if p.in_nav and p.id and p.url.startswith(url)]
                for _, url, _, _ in SECTIONS}
    if nav is None:
        return None

    def expand(entry):
        if isinstance(entry, dict):
            (title, value), = entry.items()
            if isinstance(value, str) and value in children:
                return {title: [value] + children[value]}
            if isinstance(value, list):
                return {title: [expand(item) for item in value]}
        return entry
    return [expand(entry) for entry in nav]


def url_path(path: str) -> str:
    """A file path as URL path segments, each percent-encoded (`/` separates them)."""
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


def on_files(files: Files, config) -> Files:
    renderer = renderer_of(config)
    for file in files.documentation_pages():
        if file.generated_by is not None:
            continue
        # The loader accepts only well-formed names; the edit link (which Material prints
        # unescaped) is quoted anyway, so a name that slipped through stays inert.
        file.edit_uri = url_path(file.src_uri)
    for page in generated_pages(renderer.index):
        inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
        file = File.generated(config, page.src_uri, content=page.source, inclusion=inclusion)
        item = renderer.item_for(page)
        # Edit links open the YAML file the page came from (edit_uri ends in docs/).
        file.edit_uri = "../" + url_path(renderer.index.source_file(item)) if item else None
        files.append(file)
    if _serving:
        script = Path(__file__).with_name("assets") / "live-reload.js"
        files.append(File.generated(config, LIVE_RELOAD, content=script.read_text("utf-8")))
    for path, content in renderer.data_files().items():  # e.g. the finder's questions
        files.append(File.generated(config, path, content=content))
    for old_url, new_url in redirects(renderer.index):
        files.append(File.generated(config, old_url + "index.html",
                                    content=with_policy(renderer.redirect(old_url, new_url))))
    return files


def on_page_content(html_content: str, page, config, files) -> str:
    """Give generated pages a description, and make titles and front matter safe for the theme.

    MkDocs reads the title as plain text from the page's first heading; Material then
    inserts it (and the description) as HTML, unescaped. Escaping both once here keeps a
    title such as `<b>` literal everywhere (<title> is handled in main.html).
    """
    generated = renderer_of(config).page_at(page.file.src_uri)
    if generated:
        page.meta["description"] = escape(renderer_of(config).description(generated))
    # Front matter is text: Material prints some of it unescaped (description, author,
    # revision_date). Markup, already escaped, stays as it is.
    for key, value in page.meta.items():
        if isinstance(value, str):
            page.meta[key] = escape(value)
    if page.title:  # MkDocs keeps the heading's character references (&#60;) as written
        # Markup: the theme's own `| e` (footer links) then leaves it as it is.
        page.title = escape(html.unescape(str(page.title)))
    return html_content


# `mkdocs serve` (what `make serve` runs): pages get a live-reload script the policy allows.
_serving = False
LIVE_RELOAD = "assets/javascripts/live-reload.js"


def on_startup(command: str, dirty: bool) -> None:
    # What is served is what is published, the same policy. MkDocs' own live reload is an
    # inline script it adds as it serves each page, which the policy blocks (the browser
    # logs that once per page); a file of ours asks the dev server for new builds instead.
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, page, config) -> str:
    if _serving:
        root = urlsplit(config.site_url or "/").path or "/"
        script = f'<script src="{escape(root + LIVE_RELOAD)}"></script>'
        at = output.rfind("</body>")
        output = output[:at] + script + output[at:] if at >= 0 else output + script
    # The theme's inline scripts are allowed by hash; none in the page's own content is.
    return with_policy(output, content=page.content or "")


def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):  # sitemap.xml
        return output
    # 404.html: its only text from elsewhere is the role × level matrix (from the data).
    return with_policy(output, content=str(config.extra.get("not_found_matrix") or ""))
