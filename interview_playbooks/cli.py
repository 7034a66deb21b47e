"""`python -m interview_playbooks check`: validate the data and report every problem at once."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .catalog import read_catalog
from .problems import report, visible
from .validate import validate


def check(data_dir: Path, out=sys.stdout) -> int:
    """Print every problem in the data; return the exit status (1 if any error)."""
    problems = validate(read_catalog(data_dir))
    errors = [p for p in problems if p.severity == "error"]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation(), file=out)
    if problems:
        print(report(problems), file=out)
    if not errors:  # the folder's name is shown escaped, like every name in the report
        print(visible(f"{data_dir}: the data is valid"
                      + (f" ({len(problems)} warning(s))" if problems else "")), file=out)
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interview_playbooks",
                                     description="Tools for the Interview Playbooks data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate data/ and report every problem")
    check_parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder")
    commands.add_parser("schemas", help="rewrite schemas/*.schema.json from the model")
    links_parser = commands.add_parser("links", help="list a built site's external links")
    links_parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    args = parser.parse_args(argv)
    if args.command == "schemas":
        from .schema import write_schemas
        for path in write_schemas():
            print(f"wrote {path}")
        return 0
    if args.command == "links":
        from .links import report
        print(visible(report(args.site), keep="\n"))  # the links come from contributed text
        return 0
    return check(args.data)


if __name__ == "__main__":
    sys.exit(main())
