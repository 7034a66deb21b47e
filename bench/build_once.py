"""One MkDocs build in a fresh process, timed; optionally a second one after an edit.

Usage: build_once.py MKDOCS_YML SITE_DIR [BANK_TO_EDIT]
Prints one JSON line: cold seconds, warm seconds (after retitling the first question of
BANK_TO_EDIT, as `mkdocs serve` rebuilds after a save), and the process's peak memory in MB.
"""

import json
import logging
import os
import resource
import sys
import time

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
logging.disable(logging.WARNING)  # builds here are measured, not read

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402


def timed_build(config_file: str, site_dir: str) -> float:
    started = time.perf_counter()
    build(load_config(config_file, site_dir=site_dir))
    return time.perf_counter() - started


def main() -> None:
    config_file, site_dir = sys.argv[1], sys.argv[2]
    result = {"cold": timed_build(config_file, site_dir)}
    if len(sys.argv) > 3:
        edited = sys.argv[3]
        with open(edited, encoding="utf-8") as handle:
            text = handle.read()
        # A real edit, not a comment: the question's title is on its bank's page and on
        # every playbook, signal, role and level page that lists it.
        retitled = text.replace("\n  title: ", "\n  title: Edited ", 1)
        assert retitled != text, "the bank has no question to retitle"
        with open(edited, "w", encoding="utf-8") as handle:
            handle.write(retitled)
        result["warm"] = timed_build(config_file, site_dir)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # The render worker (interview_playbooks/prerender.py), once it has ended.
    result["worker_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
