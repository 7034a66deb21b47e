"""Read every file under data/ into one catalog of records, by kind and id.

This is the "load" step of the pipeline as the rest of the code sees it: files are found,
parsed (load.py) and checked against the model (convert.py); nothing is cross-checked yet.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

from . import model
from .convert import Reference, convert
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
                "playbook": self.playbooks, "topic": self.banks, "sample": self.samples}[kind]


def display_name(path: Path) -> str:
    """The path as a contributor knows it: relative to the working directory if inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(absolute)


def file_kind(relative: str) -> type | None:
    return next((cls for pattern, cls in model.FILE_KINDS.items()
                 if fnmatch.fnmatchcase(relative, pattern)), None)


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
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path.name.startswith("."):
            continue
        relative = path.relative_to(data_dir).as_posix()
        name = display_name(path)
        cls = file_kind(relative)
        if cls is None:
            places = ", ".join(f"data/{pattern}" for pattern in model.FILE_KINDS)
            catalog.problems.append(Problem(Where(name), "this file is not a known kind of data file",
                                            f"data files are: {places}"))
            continue
        doc, problems = _parse(path, name, cache)
        if doc is None:
            catalog.problems.extend(dataclasses.replace(p, unreadable=True) for p in problems)
            continue
        catalog.problems.extend(problems)
        catalog.documents[name] = doc
        catalog.repository_paths[name] = "data/" + relative
        record, context = convert(cls, doc)
        catalog.problems.extend(context.problems)
        catalog.references.extend(context.references)
        if record is not None:
            _add(catalog, record, path.stem, doc)
    return catalog


def _parse(path: Path, name: str, cache: dict | None):
    if cache is None:
        return load_file(path, name)
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    hit = cache.get(name)
    if hit and hit[0] == key:
        return hit[1], hit[2]
    doc, problems = load_file(path, name)
    cache[name] = (key, doc, problems)
    return doc, problems


def _add(catalog: Catalog, record, stem: str, doc: Document) -> None:
    """File the record's items by kind, reporting ids that are taken already."""
    items: list[tuple[str, object]] = []
    if isinstance(record, model.Bank):
        catalog.banks[stem] = record
        items = [("question", q) for q in record.questions]
        for question in record.questions:
            catalog.topic_of.setdefault(question.id, stem)
    elif isinstance(record, (model.Playbook, model.Sample)):
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
