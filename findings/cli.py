"""Command line: `python -m findings validate DIR` and `python -m findings sample OUT_DIR`.

Exit codes: 0 success, 1 invalid data or a failed command, 2 a usage error. Never a traceback:
every failure is reported as one plain sentence.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own exit code 2, with our wording
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}: usage error: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m findings", description="Assembly Findings data tools.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("validate", help="check an export set against the data contract")
    check.add_argument("data_dir", metavar="DIR", type=Path, help="the folder of Parquet exports")

    sample = commands.add_parser("sample", help="write the illustrative sample export set")
    sample.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="where to write it")
    sample.add_argument("--excerpts", type=_positive, default=1500, help="coded excerpts (default 1500)")
    sample.add_argument("--seed", type=_integer, default=None, help="random seed (default: the bundled data's)")
    return parser


def _validate(args) -> int:
    from findings.validate import validate

    report = validate(args.data_dir)
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 0 if report.ok else 1


def _sample(args) -> int:
    from findings.sample import write_sample

    kwargs = {"excerpts": args.excerpts}
    if args.seed is not None:
        kwargs["seed"] = args.seed
    summary = write_sample(args.out_dir, **kwargs)
    counts = ", ".join(f"{name} {rows:,}" for name, rows in summary.items() if isinstance(rows, int))
    print(f"wrote {args.out_dir}: {counts}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handler = {"validate": _validate, "sample": _sample}[args.command]
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: still one sentence for the user, never a traceback
        print(f"error: {args.command} failed unexpectedly ({type(exc).__name__}: {exc})", file=sys.stderr)
        return 1
