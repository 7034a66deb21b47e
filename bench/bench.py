"""`make bench`: our full pipeline against plain MkDocs + Material on the same pages.

For each size it generates a synthetic bank (bench/synthetic.py) in a temporary folder,
then alternates cold builds of our site and of a baseline: the very pages we generate,
written out as plain Markdown files with the same navigation, built by MkDocs + Material
+ search alone. It reports medians, a warm rebuild after one data file changes, parse and
validation time, page counts and sizes, search index bytes per question and peak memory.

With `--banks N ...` (as `make bench` runs it) it also builds N one-question banks per
count, our site alone, and reports build time, total output and the largest page, to show
that both grow linearly with the number of files and that no page grows with them.
With `--hostile` it adds bench/hostile.py's figures: CPU seconds to render 1 MB fields made
to be slow, and to suggest ids for 1,500 unknown references.
The last line is the summary `bench: questions=... overhead=... scaling=...`.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.synthetic import generate  # noqa: E402
from interview_playbooks.catalog import read_catalog  # noqa: E402
from interview_playbooks.index import build_index, collector_paused  # noqa: E402
from interview_playbooks.mkdocs_hooks import expand_nav  # noqa: E402
from interview_playbooks.pages import generated_pages  # noqa: E402
from interview_playbooks.render import Renderer  # noqa: E402
from interview_playbooks.validate import validate  # noqa: E402

CODE = ("macros.py", "docs", "overrides", "interview_playbooks", "CONTRIBUTING.md")


def our_project(where: Path, data: Path) -> Path:
    where.mkdir(parents=True)
    for name in CODE:
        (where / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    (where / "data").symlink_to(data)
    return where / "mkdocs.yml"


def baseline_project(where: Path, data: Path) -> Path:
    """The same pages and navigation as plain Markdown under plain MkDocs + Material."""
    index = build_index(read_catalog(data))
    renderer = Renderer(index)
    docs = where / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    for page in generated_pages(index):
        front, _, _ = page.source.rpartition("{{")  # keep the front matter, if any
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + renderer.render_page(page), encoding="utf-8")
    home = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    (docs / "index.md").write_text(home.replace(
        "{{ role_level_matrix() }}", renderer.fragment("_matrix.html")), encoding="utf-8")
    (docs / "contributing.md").write_text((ROOT / "CONTRIBUTING.md").read_text())
    text = (ROOT / "mkdocs.yml").read_text()
    config = yaml.safe_load("\n".join(l for l in text.splitlines() if not l.startswith("site_url:")))
    config["site_url"] = "https://example.org/"
    config["plugins"] = ["search"]
    config.pop("hooks", None)
    config["theme"]["custom_dir"] = str(ROOT / "overrides")
    config["nav"] = expand_nav(config["nav"], index)
    config["strict"] = False
    (where / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    return where / "mkdocs.yml"


def run_build(config_file: Path, site_dir: Path, edit: Path | None = None) -> dict:
    command = [sys.executable, str(ROOT / "bench" / "build_once.py"), str(config_file),
               str(site_dir)] + ([str(edit)] if edit else [])
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=config_file.parent)
    if result.returncode != 0:
        raise SystemExit(f"build failed for {config_file}:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def parse_and_validate_seconds(data: Path) -> tuple[float, float]:
    """Seconds to parse every file (cold), and to validate the parsed data."""
    cache: dict = {}
    with collector_paused():  # as load_index reads the data in a build
        started = time.perf_counter()
        read_catalog(data, cache)  # parse + convert, filling the cache
        parse = time.perf_counter() - started
        started = time.perf_counter()
        catalog = read_catalog(data, cache)  # convert from the parsed documents
        problems = validate(catalog)
        checked = time.perf_counter() - started
    assert not [p for p in problems if p.severity == "error"], problems[:3]
    return parse, checked


def site_figures(site: Path, questions: int) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name == "index.html" or p.name == "404.html"]
    largest = max(pages, key=lambda p: p.stat().st_size)
    index = (site / "search" / "search_index.json").read_bytes()
    # Each question is indexed once, at its anchor on its bank's page: the index's entries
    # that end in a question's id (synthetic ids are question-NNNNN), counted.
    anchors = [doc["location"].rpartition("#")[2] for doc in json.loads(index)["docs"]]
    indexed = collections.Counter(a for a in anchors if re.fullmatch(r"question-\d+", a))
    return {"pages": len(pages), "largest_page_bytes": largest.stat().st_size,
            "questions_indexed_once": len(indexed) == questions and set(indexed.values()) == {1},
            "largest_page": str(largest.relative_to(site)),
            "index_bytes_per_question": len(index) / questions,
            "index_gzip_bytes_per_question": len(gzip.compress(index, 9)) / questions}


def measure_banks(banks: int, work: Path) -> dict:
    """Our cold build of `banks` one-question banks: seconds, output bytes, largest page."""
    data = work / f"data-banks-{banks}"
    generate(data, banks, topics=banks, playbooks=20)
    site = work / f"site-banks-{banks}"
    cold = run_build(our_project(work / f"ours-banks-{banks}", data), site)["cold"]
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    return {"banks": banks, "build_s": cold, "pages": len(pages),
            "total_bytes": sum(f.stat().st_size for f in site.rglob("*") if f.is_file()),
            "largest_page_bytes": largest.stat().st_size,
            "largest_page": str(largest.relative_to(site))}


def print_banks(results: list[dict]) -> None:
    for r in results:
        print(f"banks={r['banks']}: ours cold {r['build_s']:.1f}s, {r['pages']} pages, "
              f"{r['total_bytes'] / 1e6:.1f} MB in all, largest page "
              f"{r['largest_page_bytes'] / 1000:.0f} KB ({r['largest_page']})", flush=True)
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"banks {first['banks']} -> {last['banks']} (x{last['banks'] / first['banks']:.1f}): "
              f"build time x{last['build_s'] / first['build_s']:.2f}, "
              f"output x{last['total_bytes'] / first['total_bytes']:.2f}, "
              f"largest page x{last['largest_page_bytes'] / first['largest_page_bytes']:.2f}",
              flush=True)


def measure(size: int, runs: int, work: Path, **shape) -> dict:
    data = work / f"data-{size}"
    counts = generate(data, size, **{"playbooks": 200 if size >= 10_000 else 20, **shape})
    ours = our_project(work / f"ours-{size}", data)
    base = baseline_project(work / f"base-{size}", data)
    ours_times, warm_times, base_times, peaks, worker_peaks = [], [], [], [], []
    edited = data / "questions" / "topic-00.yaml"
    for run in range(runs):  # alternate, so drift on the machine hits both alike
        # Each of our runs is a cold build, then, in the same process, the rebuild after
        # one data file changes, as `mkdocs serve` does after a save.
        result = run_build(ours, work / f"site-ours-{size}-{run}", edit=edited)
        ours_times.append(result["cold"])
        warm_times.append(result["warm"])
        peaks.append(result["peak_mb"])
        worker_peaks.append(result["worker_peak_mb"])
        base_times.append(run_build(base, work / f"site-base-{size}-{run}")["cold"])
    parse, checked = parse_and_validate_seconds(data)
    figures = site_figures(work / f"site-ours-{size}-0", size)
    return {"questions": size, **counts, "ours_cold_s": statistics.median(ours_times),
            "ours_warm_s": statistics.median(warm_times), "baseline_s": statistics.median(base_times),
            "parse_s": parse, "validate_s": checked, "peak_mb": max(peaks),
            "worker_peak_mb": max(worker_peaks), **figures,
            "runs": runs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--banks", type=int, nargs="*", default=[],
                        help="also build this many one-question banks (make bench: 250 500 1000)")
    parser.add_argument("--hostile", action="store_true",
                        help="also time hostile text and suggestions (bench/hostile.py)")
    # Smaller shapes, for the test that runs the benchmark end to end in seconds.
    for name in ("topics", "signals", "roles", "levels", "playbooks"):
        parser.add_argument(f"--{name}", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    shape = {name: getattr(args, name) for name in ("topics", "signals", "roles", "levels",
                                                     "playbooks") if getattr(args, name)}
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for size in args.sizes:
            r = measure(size, args.runs, Path(tmp), **shape)
            results[size] = r
            print(f"questions={size}: ours cold {r['ours_cold_s']:.1f}s, warm rebuild "
                  f"{r['ours_warm_s']:.1f}s, baseline {r['baseline_s']:.1f}s "
                  f"(median of {r['runs']}); parse {r['parse_s']:.2f}s, validate "
                  f"{r['validate_s']:.2f}s; {r['pages']} pages, largest "
                  f"{r['largest_page_bytes'] / 1000:.0f} KB ({r['largest_page']}); search index "
                  f"{r['index_bytes_per_question']:.0f} B/question raw, "
                  f"{r['index_gzip_bytes_per_question']:.0f} B gzipped"
                  f"{', each question once' if r['questions_indexed_once'] else ', NOT each question once'}; peak {r['peak_mb']:.0f} MB "
                  f"(render worker {r['worker_peak_mb']:.0f} MB)",
                  flush=True)
        if args.banks:
            print_banks([measure_banks(banks, Path(tmp)) for banks in args.banks])
    if args.hostile:
        from bench.hostile import figures as hostile_figures

        for name, seconds in hostile_figures().items():
            print(f"hostile {name}: {seconds:.3f} s CPU", flush=True)
    big, small = results[max(results)], results[min(results)]
    print(f"bench: questions={big['questions']} build_s={big['ours_cold_s']:.2f} "
          f"baseline_s={big['baseline_s']:.2f} "
          f"overhead={big['ours_cold_s'] / big['baseline_s']:.2f} "
          f"scaling={big['ours_cold_s'] / small['ours_cold_s']:.2f} "
          f"warm_overhead={big['ours_warm_s'] / big['baseline_s']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
