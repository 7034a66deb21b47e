"""Read every file under data/ into one catalog of records, by kind and id.

This is the "load" step of the pipeline as the rest of the code sees it: files are found,
parsed (load.py) and checked against the model (convert.py); nothing is cross-checked yet.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import model
from .convert import MAX_ID_LENGTH, Reference, convert, id_problem, is_id, slugify
from .load import Document, load_file
from .problems import Problem, Where


@dataclass
class Catalog:
    """Every record read from data/, before cross-checks. Ids map to records per kind."""

    signals: dict[str, model.Signal] = field(default_factory=dict)
    scales: dict[str, model.Scale] = field(default_factory=dict)
    roles: dict[str, model.Role] = field(default_factory=dict)
    levels: dict[str, model.Level] = field(default_factory=dict)
    banks: dict[str, model.Bank] = field(default_factory=dict)  # keyed by topic (file name)
    questions: dict[str, model.Question] = field(default_factory=dict)
    playbooks: dict[str, model.Playbook] = field(default_factory=dict)
    samples: dict[str, model.Sample] = field(default_factory=dict)
    loops: dict[str, model.Loop] = field(default_factory=dict)
    topic_of: dict[str, str] = field(default_factory=dict)  # question id -> topic
    references: list[Reference] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)  # by file name
    # By file name: the file's path in the repository ("data/..."), whatever the working
    # directory, for links to the file on GitHub.
    repository_paths: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def of_kind(self, kind: str) -> dict:
        return {"signal": self.signals, "scale": self.scales, "role": self.roles,
                "level": self.levels, "question": self.questions,
                "playbook": self.playbooks, "topic": self.banks, "sample": self.samples,
                "loop": self.loops}[kind]


def display_name(path: Path) -> str:
    """The path as a contributor knows it: relative to the working directory if inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(absolute)


# Where data files may be, from model.FILE_KINDS: a few files at the top of data/, and
# folders of files named by their id ("questions/*.yaml": `*` is one id, never a path).
SUFFIX = ".yaml"
TOP_FILES = {pattern: cls for pattern, cls in model.FILE_KINDS.items() if "/" not in pattern}
FOLDERS = {pattern.split("/")[0]: cls for pattern, cls in model.FILE_KINDS.items() if "/" in pattern}
assert all(pattern == f"{folder}/*{SUFFIX}" for folder in FOLDERS
           for pattern in model.FILE_KINDS if pattern.startswith(folder + "/"))
PLACES = ", ".join(f"data/{pattern}" for pattern in model.FILE_KINDS)


def file_kind(relative: str) -> type | None:
    """The record a data file holds, from its path under data/ (its name not yet checked)."""
    folder, _, name = relative.rpartition("/")
    if not folder:
        return TOP_FILES.get(name)
    return FOLDERS.get(folder) if name.endswith(SUFFIX) else None


class DataFile(NamedTuple):
    relative: str  # e.g. "questions/storage.yaml": a valid name in a folder the model defines
    path: Path
    shown: str  # the name in messages
    kind: type
    stamp: tuple  # (modification time, size), for the parse cache


def find_data_files(data_dir: Path) -> tuple[list[DataFile], list[Problem]]:
    """Every data file under data_dir, and a problem for anything else found there.

    The tree is walked without following symbolic links, and nothing is opened that is
    not a regular file with a valid name in a place the model defines: links (to files or
    folders, dangling or not), devices, pipes and sockets, unknown files and folders and
    names that are not ids are reported by name, unread. Names starting with "." (editor
    and system files) are skipped. The data folder itself may be a link (the benchmark
    links a generated one); everything inside it must be real.
    """
    shown_dir = display_name(data_dir)
    files: list[DataFile] = []
    problems: list[Problem] = []

    def report(relative: str, message: str, hint: str) -> None:
        problems.append(Problem(Where(f"{shown_dir}/{relative}"), message, hint))

    def walk(folder: Path, prefix: str) -> None:
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as error:
            report(prefix.rstrip("/") or ".", f"this folder cannot be read ({error.strerror})",
                   "check its permissions")
            return
        for entry in entries:
            name, relative = entry.name, prefix + entry.name
            if name.startswith("."):
                continue
            if entry.is_symlink():
                report(relative, "this is a symbolic link; data files and folders must be "
                       "real ones inside data/", "replace the link with the file or folder "
                       "itself, or remove it")
            elif entry.is_dir(follow_symlinks=False):
                if not prefix and name in FOLDERS:
                    walk(Path(entry.path), relative + "/")
                elif prefix:
                    report(relative, f"data/{prefix.rstrip('/')} holds files only, not folders",
                           f"move the files up into data/{prefix}, named by their id")
                else:
                    report(relative, "this folder is not a known data folder",
                           f"data files are: {PLACES}")
            elif not entry.is_file(follow_symlinks=False):
                report(relative, "this is not a regular file (a device, pipe or socket)",
                       "remove it: data files are YAML text files")
            else:
                problem = name_problem(relative)
                if problem:
                    report(relative, *problem)
                else:
                    info = entry.stat(follow_symlinks=False)
                    files.append(DataFile(relative, Path(entry.path), f"{shown_dir}/{relative}",
                                          file_kind(relative), (info.st_mtime_ns, info.st_size)))

    walk(data_dir, "")
    return files, problems


def name_problem(relative: str) -> tuple[str, str] | None:
    """Why a regular file at `relative` under data/ is not a data file: (message, hint)."""
    if file_kind(relative) is None:
        return "this file is not a known kind of data file", f"data files are: {PLACES}"
    folder, _, name = relative.rpartition("/")
    stem = name.removesuffix(SUFFIX)
    if folder and not is_id(stem):
        wrong, _ = id_problem(stem)
        shown = stem if len(stem) <= 80 else stem[:80] + "…"
        kind = FOLDERS[folder].__name__.lower()
        suggestion = slugify(stem)[:MAX_ID_LENGTH].rstrip("-")
        return (f"the file name '{shown}' {wrong}",
                f"rename the file to '{suggestion}{SUFFIX}': a {kind}'s file name is its id, "
                "used in URLs (lowercase words joined by hyphens)")
    return None


# Parsed files by name, reused across rebuilds in one process (`mkdocs serve`): a file is
# parsed again only when its modification time or size changed. Never used for a cold build.
PARSE_CACHE: dict = {}


def read_catalog(data_dir: Path, cache: dict | None = None) -> Catalog:
    """Parse and convert every data file. `cache` (file -> (digest, doc)) spares re-parsing."""
    catalog = Catalog()
    if not data_dir.is_dir():
        catalog.problems.append(Problem(Where(display_name(data_dir)), "the data folder is missing",
                                        "run from the repository root"))
        return catalog
    files, catalog.problems = find_data_files(data_dir)
    for file in files:
        doc, problems = _parse(file, cache)
        if doc is None:
            catalog.problems.extend(dataclasses.replace(p, unreadable=True) for p in problems)
            continue
        catalog.problems.extend(problems)
        catalog.documents[file.shown] = doc
        catalog.repository_paths[file.shown] = "data/" + file.relative
        record, context = convert(file.kind, doc)
        catalog.problems.extend(context.problems)
        catalog.references.extend(context.references)
        if record is not None:
            _add(catalog, record, file.path.stem, doc)
    return catalog


def _parse(file: DataFile, cache: dict | None):
    if cache is None:
        return load_file(file.path, file.shown)
    hit = cache.get(file.shown)
    if hit and hit[0] == file.stamp:
        return hit[1], hit[2]
    doc, problems = load_file(file.path, file.shown)
    cache[file.shown] = (file.stamp, doc, problems)
    return doc, problems


def _add(catalog: Catalog, record, stem: str, doc: Document) -> None:
    """File the record's items by kind, reporting ids that are taken already."""
    items: list[tuple[str, object]] = []
    if isinstance(record, model.Bank):
        catalog.banks[stem] = record
        items = [("question", q) for q in record.questions]
        for question in record.questions:
            catalog.topic_of.setdefault(question.id, stem)
    elif isinstance(record, (model.Playbook, model.Sample, model.Loop)):
        items = [(type(record).__name__.lower(), record)]
    else:
        kind = type(record).__name__.removesuffix("sFile").lower()
        items = [(kind, item) for item in getattr(record, kind + "s")]
    for kind, item in items:
        table = catalog.of_kind(kind)
        if item.id in table:
            catalog.problems.append(Problem(
                at(item, "id"), f"{kind} '{item.id}': the id is already used",
                f"the first is at {at(table[item.id], 'id')}; choose another id"))
            continue
        table[item.id] = item


def at(record, *fields) -> Where:
    """Where a record (or one of its fields) was written."""
    doc, path = record.where
    return doc.where(path + fields)
