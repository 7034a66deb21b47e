"""The repository's GitHub configuration: workflows, Dependabot, issue forms, PR template.

Plain file checks, no network. They hold the rules the workflows are written to:
actions pinned to full commit SHAs with the version in a comment, least-privilege
`permissions`, `persist-credentials: false`, no `pull_request_target`.
"""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted([*(GITHUB / "workflows").glob("*.yml"), *(GITHUB / "workflows").glob("*.yaml")])
ISSUE_TEMPLATES = GITHUB / "ISSUE_TEMPLATE"
ISSUE_FORMS = sorted(path for path in [*ISSUE_TEMPLATES.glob("*.yml"), *ISSUE_TEMPLATES.glob("*.yaml")]
                     if path.stem != "config")

# `owner/repo` or `owner/repo/path` at a full commit SHA, then `# v1.2.3` on the same line.
PINNED_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s*"
    r"(?P<action>[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_./-]+)?)"
    r"@(?P<sha>[0-9a-f]{40})\s+#\s*v\d[\w.+-]*\s*$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:")
# The one job that may write, and exactly what it may write.
DEPLOY_JOB = ("pages.yml", "deploy")
DEPLOY_PERMISSIONS = {"pages": "write", "id-token": "write"}


def load(path: Path):
    with path.open(encoding="utf-8") as stream:
        return yaml.safe_load(stream)


def triggers(workflow: dict) -> dict:
    """The `on:` block as a dict of event -> config (PyYAML reads the key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    assert on, "the workflow has no `on:` triggers"
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {event: None for event in on}
    return dict(on)


def jobs(workflow: dict) -> dict:
    found = workflow.get("jobs")
    assert isinstance(found, dict) and found, "the workflow has no jobs"
    return found


def steps_using(workflow: dict):
    """Every (job id, step) whose step has `uses:`."""
    for job_id, job in jobs(workflow).items():
        for step in job.get("steps") or []:
            if "uses" in step:
                yield job_id, step


def workflow_id(path: Path) -> str:
    return path.name


@pytest.fixture(scope="module", params=WORKFLOWS, ids=workflow_id)
def workflow(request) -> tuple[Path, dict]:
    path = request.param
    data = load(path)
    assert isinstance(data, dict), f"{path.name} does not parse to a mapping"
    return path, data


def test_there_are_workflows():
    names = {path.name for path in WORKFLOWS}
    assert {"ci.yml", "pages.yml"} <= names, names


def test_workflow_parses_with_triggers_and_jobs(workflow):
    _, data = workflow
    assert triggers(data)
    assert jobs(data)


def test_no_pull_request_target(workflow):
    path, data = workflow
    assert "pull_request_target" not in triggers(data), path.name


def test_every_uses_is_pinned_to_a_commit_sha_with_its_version(workflow):
    path, data = workflow
    parsed = [step["uses"] for _, step in steps_using(data)]
    parsed += [job["uses"] for job in jobs(data).values() if "uses" in job]  # reusable workflows
    assert parsed, f"{path.name} uses no actions"
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if USES_LINE.match(line)]
    # Every `uses:` line in the text is one the YAML has, so none escapes the check below.
    assert len(lines) == len(parsed), (path.name, lines, parsed)
    bad = [line.strip() for line in lines if not PINNED_USES.match(line)]
    assert not bad, f"{path.name}: not pinned as `owner/repo@<40-hex SHA> # vX.Y.Z`: {bad}"
    for line, uses in zip(lines, parsed):
        assert uses in line, (line, uses)


# `name:tag@sha256:<64 hex>`: the tag says which image it is, the digest fixes its bytes.
PINNED_IMAGE = re.compile(r"^[a-z0-9][a-z0-9._/:-]*:[\w.-]+@sha256:[0-9a-f]{64}$")


def container_images(workflow: dict) -> list[str]:
    """Every image a workflow runs: job containers, service containers, `docker://` steps."""
    images = []
    for job in jobs(workflow).values():
        for container in [job.get("container"), *(job.get("services") or {}).values()]:
            if container:
                images.append(container if isinstance(container, str) else container.get("image"))
        images += [step["uses"].removeprefix("docker://") for step in job.get("steps") or []
                   if str(step.get("uses", "")).startswith("docker://")]
    return images


def unpinned_images(workflow: dict) -> list[str]:
    return [image for image in container_images(workflow)
            if not (isinstance(image, str) and PINNED_IMAGE.match(image))]


def test_every_container_image_is_pinned_by_tag_and_digest(workflow):
    path, data = workflow
    bad = unpinned_images(data)
    assert not bad, f"{path.name}: images not pinned as `name:tag@sha256:<digest>`: {bad}"


def test_ci_runs_in_a_pinned_container():
    ci = load(GITHUB / "workflows" / "ci.yml")
    assert [image.split("@")[0] for image in container_images(ci)] == ["python:3.11-bookworm"]


@pytest.mark.parametrize("container", [
    "python:3.11-bookworm",
    {"image": "python:3.11-bookworm"},
    {"image": "python@sha256:" + "a" * 64},  # a digest alone does not say what it is
    {"image": "python:3.11-bookworm@sha256:abc"},
    {"image": "${{ matrix.image }}"},
])
def test_an_image_without_tag_and_digest_is_caught(container):
    workflow = {"jobs": {"test": {"container": container, "steps": []}}}
    assert unpinned_images(workflow)
    services = {"jobs": {"test": {"services": {"db": container}, "steps": []}}}
    assert unpinned_images(services)


def test_a_docker_step_without_a_digest_is_caught():
    workflow = {"jobs": {"lint": {"steps": [{"uses": "docker://rhysd/actionlint:1.6.25"}]}}}
    assert unpinned_images(workflow) == ["rhysd/actionlint:1.6.25"]


def test_top_level_permissions_only_read(workflow):
    path, data = workflow
    assert "permissions" in data, f"{path.name} has no top-level `permissions:` (defaults can write)"
    permissions = data["permissions"]
    assert permissions in ({}, {"contents": "read"}), f"{path.name}: top-level {permissions!r}"


def test_only_the_pages_deploy_job_writes(workflow):
    path, data = workflow
    for job_id, job in jobs(data).items():
        permissions = job.get("permissions", {})
        assert isinstance(permissions, dict), f"{path.name} job {job_id}: permissions {permissions!r}"
        writes = {scope: value for scope, value in permissions.items() if value == "write"}
        if (path.name, job_id) == DEPLOY_JOB:
            assert permissions == DEPLOY_PERMISSIONS, permissions
        else:
            assert not writes, f"{path.name} job {job_id} may write: {writes}"


def test_every_checkout_drops_credentials(workflow):
    path, data = workflow
    checkouts = [step for _, step in steps_using(data) if step["uses"].startswith("actions/checkout@")]
    assert checkouts, f"{path.name} does not check out the repository"
    for step in checkouts:
        assert (step.get("with") or {}).get("persist-credentials") is False, (path.name, step)


# --- pages.yml ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pages() -> dict:
    return load(GITHUB / "workflows" / "pages.yml")


def step_using(job: dict, action: str) -> tuple[int, dict]:
    found = [(index, step) for index, step in enumerate(job.get("steps") or [])
             if step.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"expected one {action} step, found {len(found)}"
    return found[0]


def test_pages_runs_on_push_to_main_and_by_hand(pages):
    on = triggers(pages)
    assert set(on) == {"push", "workflow_dispatch"}, on
    assert on["push"]["branches"] == ["main"]


def test_pages_deploys_one_at_a_time_without_cancelling(pages):
    assert pages["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_pages_builds_with_the_base_url_from_configure_pages(pages):
    build = jobs(pages)["build"]
    step_using(build, "actions/setup-python")
    configure_at, configure = step_using(build, "actions/configure-pages")
    assert configure.get("id"), "configure-pages needs an id to read its outputs"
    builds = [(index, step) for index, step in enumerate(build["steps"])
              if "make build" in step.get("run", "")]
    assert len(builds) == 1, builds
    build_at, build_step = builds[0]
    assert configure_at < build_at, "configure-pages must run before the build"
    site_url = (build_step.get("env") or {}).get("SITE_URL", "")
    assert site_url == "${{ steps.%s.outputs.base_url }}/" % configure["id"], site_url
    upload_at, upload = step_using(build, "actions/upload-pages-artifact")
    assert upload_at > build_at
    assert upload["with"]["path"].rstrip("/") in ("site", "./site")


def test_pages_deploy_job(pages):
    deploy = jobs(pages)["deploy"]
    assert deploy["needs"] in ("build", ["build"])
    _, step = step_using(deploy, "actions/deploy-pages")
    assert step.get("id")
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.%s.outputs.page_url }}" % step["id"],
    }


# --- Dependabot, issue forms, PR template, CODEOWNERS, pre-commit -----------------------------

def test_dependabot_covers_pip_npm_and_actions():
    config = load(GITHUB / "dependabot.yml")
    assert config["version"] == 2
    updates = config["updates"]
    assert updates
    assert {update["package-ecosystem"] for update in updates} >= {"pip", "npm", "github-actions"}
    for update in updates:
        assert update["directory"] == "/", update
        assert update["schedule"]["interval"] in ("daily", "weekly", "monthly"), update


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=workflow_id)
def test_issue_form_parses(path):
    form = load(path)
    for key in ("name", "description", "body"):
        assert form.get(key), f"{path.name} has no {key}"
    assert isinstance(form["body"], list)
    fields = [element for element in form["body"] if element["type"] != "markdown"]
    assert fields, f"{path.name} has no fields"
    ids = [element.get("id") for element in fields]
    assert all(ids) and len(set(ids)) == len(ids), ids
    for element in fields:
        assert element["type"] in ("input", "textarea", "dropdown", "checkboxes"), element
        assert element["attributes"]["label"], element
    assert any((element.get("validations") or {}).get("required") for element in fields)


def test_there_are_both_issue_forms():
    names = {load(path)["name"] for path in ISSUE_FORMS}
    assert names == {"Propose a question", "Report a problem"}, names


def test_question_form_offers_every_kind_and_requires_the_privacy_checkbox():
    from interview_playbooks.model import QuestionKind

    form = load(ISSUE_TEMPLATES / "propose-a-question.yml")
    by_id = {element.get("id"): element for element in form["body"]}
    assert by_id["kind"]["type"] == "dropdown"
    assert by_id["kind"]["attributes"]["options"] == list(typing.get_args(QuestionKind))
    checks = by_id["confirm"]["attributes"]["options"]
    assert checks and all(check.get("required") is True for check in checks)
    assert any("personal data" in check["label"] for check in checks)


def test_issue_chooser_has_no_blank_issues_and_links_the_contributing_guide():
    config = load(ISSUE_TEMPLATES / "config.yml")
    assert config["blank_issues_enabled"] is False
    urls = [link["url"] for link in config["contact_links"]]
    assert any(url.endswith("/CONTRIBUTING.md") for url in urls), urls


def test_pull_request_template_checklist():
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    for phrase in ("make check", "make test", "personal data", "former_ids", "brainteaser"):
        assert phrase in text.lower(), phrase
    assert text.count("- [ ]") >= 5


def test_codeowners_has_a_default_and_the_data_owners():
    rules = {}
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            rules[pattern] = owners
    assert rules.get("*"), "no default owner"
    assert rules.get("/data/") == ["@interview-playbooks/question-bank-maintainers"], rules


def test_pre_commit_runs_the_validator_and_pins_its_hooks():
    config = load(ROOT / ".pre-commit-config.yaml")
    repos = config["repos"]
    local = [hook for repo in repos if repo["repo"] == "local" for hook in repo["hooks"]]
    validate = [hook for hook in local if hook["id"] == "validate-data"]
    assert validate and validate[0]["entry"] == "python -m interview_playbooks check"
    assert validate[0]["pass_filenames"] is False
    remote = [repo for repo in repos if repo["repo"] != "local"]
    assert remote
    for repo in remote:
        assert re.fullmatch(r"v\d+\.\d+\.\d+", str(repo["rev"])), repo
