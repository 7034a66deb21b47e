"""mkdocs-macros module: the macros that generated and hand-written pages call.

Thin on purpose: the rendering lives in interview_playbooks.render, which knows nothing of
MkDocs. A macro's return value is inserted as it is, never rendered again as a template.
"""

from pathlib import Path

from interview_playbooks.mkdocs_hooks import renderer_of


def define_env(env):
    @env.macro
    def generated_page(kind: str, item_id: str = "") -> str:
        """The whole content of a generated page (see interview_playbooks.pages)."""
        return renderer_of(env.conf).render(kind, item_id)

    @env.macro
    def role_level_matrix() -> str:
        """The role × level table linking every playbook, for hand-written pages."""
        return renderer_of(env.conf).fragment("_matrix.html", base=_base(env))


    @env.macro
    def contributing_guide() -> str:
        """CONTRIBUTING.md, so the guide in the repository and on the site is one text."""
        guide = Path(env.conf.config_file_path).parent / "CONTRIBUTING.md"
        return guide.read_text(encoding="utf-8")


def _base(env) -> str:
    """Relative path from the page being rendered back to the site root."""
    return "../" * env.page.url.count("/")
