"""`python -m interview_playbooks check`: validate the data and report every problem at once;
`… rules`: the table of checks that CONTRIBUTING.md holds."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .catalog import read_catalog
from .problems import advice_count, report, visible
from .validate import rules_table, validate, write_rules_table


def check(data_dir: Path, out=sys.stdout) -> int:
    """Print every problem in the data; return the exit status (1 if any error)."""
    problems = validate(read_catalog(data_dir))
    errors = [p for p in problems if p.severity == "error"]
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(problem.github_annotation(), file=out)
    if errors:
        print(report(problems), file=out)
    else:  # the folder's name is shown escaped, like every name in the report
        if problems:  # advice only: listed, without the error count
            print(report(problems, headline=""), file=out)
        print(visible(f"{data_dir}: the data is valid"
                      + (f" ({advice_count(len(problems))})" if problems else "")), file=out)
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interview_playbooks",
                                     description="Tools for the Interview Playbooks data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_parser = commands.add_parser("check", help="validate data/ and report every problem")
    check_parser.add_argument("--data", type=Path, default=Path("data"), help="the data folder")
    commands.add_parser("schemas", help="rewrite schemas/*.schema.json from the model")
    rules_parser = commands.add_parser("rules", help="print the table of checks (Markdown)")
    rules_parser.add_argument("--write", type=Path, metavar="FILE",
                              help="replace the table between the rules markers of FILE")
    links_parser = commands.add_parser("links", help="list a built site's external links")
    links_parser.add_argument("site", type=Path, nargs="?", default=Path("site"))
    args = parser.parse_args(argv)
    if args.command == "schemas":
        from .schema import write_schemas
        for path in write_schemas():
            print(f"wrote {path}")
        return 0
    if args.command == "rules":
        if args.write:
            changed = write_rules_table(args.write)
            print(f"{'wrote' if changed else 'up to date:'} {args.write}")
        else:
            print(rules_table(), end="")
        return 0
    if args.command == "links":
        from .links import report
        print(visible(report(args.site), keep="\n"))  # the links come from contributed text
        return 0
    return check(args.data)


if __name__ == "__main__":
    sys.exit(main())
