"""Command line: `python -m findings validate DIR`, `build DIR`, `serve`, `sample OUT_DIR`,
`import qdpx|tables ...` and `export qdpx|qdc DATA_DIR OUT`.

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

    build = commands.add_parser(
        "build", help="build what serving an export set needs (its excerpt patterns), once per version"
    )
    build.add_argument("data_dir", metavar="DATA_DIR", type=Path, help="the folder of Parquet exports")

    serve = commands.add_parser(
        "serve",
        help="warm the first page (data opened, patterns read, first numbers counted), then start the "
        "dashboard; options after it go to `streamlit run` (e.g. --server.port 8600)",
    )
    serve.add_argument("streamlit_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    sample = commands.add_parser("sample", help="write the illustrative sample export set")
    sample.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="where to write it")
    sample.add_argument("--excerpts", type=_positive, default=1500, help="coded excerpts (default 1500)")
    sample.add_argument(
        "--seed", type=_integer, default=None, help="random seed (default: the bundled data's)"
    )

    importer = commands.add_parser("import", help="turn a QDA project or spreadsheets into an export set")
    kinds = importer.add_subparsers(dest="kind", metavar="KIND", parser_class=_Parser)
    kinds.required = True
    qdpx = kinds.add_parser(
        "qdpx", help="a REFI-QDA project (.qdpx) from NVivo, ATLAS.ti, MAXQDA, QualCoder..."
    )
    qdpx.add_argument("source", metavar="PROJECT.qdpx", type=Path, help="the exported project")
    qdpx.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="a new folder for the export set")
    qdpx.add_argument(
        "--map",
        dest="map_file",
        metavar="MAP.toml",
        type=Path,
        default=None,
        help="which variables mean what (default: guessed from their names, and printed)",
    )
    tables = kinds.add_parser("tables", help="a folder of CSV files or an Excel workbook, one table each")
    tables.add_argument(
        "source", metavar="SOURCE", type=Path, help="the folder of <table>.csv files, or a .xlsx"
    )
    tables.add_argument("out_dir", metavar="OUT_DIR", type=Path, help="a new folder for the export set")
    for sub in (qdpx, tables):
        sub.add_argument(
            "--illustrative", action="store_true", help="mark the records as not real (default: real)"
        )
    exporter = commands.add_parser("export", help="hand an export set back to QDA software (REFI-QDA)")
    targets = exporter.add_subparsers(dest="kind", metavar="KIND", parser_class=_Parser)
    targets.required = True
    project = targets.add_parser("qdpx", help="a REFI-QDA project: codebook, cases, sources, codings")
    project.add_argument("data_dir", metavar="DATA_DIR", type=Path, help="the export set")
    project.add_argument("out", metavar="OUT.qdpx", type=Path, help="the project file to write")
    project.add_argument(
        "--all-text",
        action="store_true",
        help="keep even the words of speakers who gave no consent to quotation (a research-team file)",
    )
    codebook = targets.add_parser("qdc", help="the codebook alone (REFI-QDA .qdc)")
    codebook.add_argument("data_dir", metavar="DATA_DIR", type=Path, help="the export set")
    codebook.add_argument("out", metavar="OUT.qdc", type=Path, help="the codebook file to write")
    return parser


def _export(args) -> int:
    from findings import exporters

    try:
        if args.kind == "qdpx":
            lines = exporters.export_qdpx(args.data_dir, args.out, all_text=args.all_text)
        else:
            lines = exporters.export_qdc(args.data_dir, args.out)
    except exporters.ExportFailed as failed:
        for line in failed.lines:
            print(line)
        return 1
    except OSError as exc:
        print(f"EXPORT FAILED: {args.out} cannot be written ({exc.strerror or exc})")
        return 1
    for line in lines:
        print(line)
    return 0


def _validate(args) -> int:
    from findings.validate import validate

    report = validate(args.data_dir)
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 0 if report.ok else 1


def _build(args) -> int:
    import time

    from findings import prebuilt, version
    from findings.db import Database, DataChanged
    from findings.validate import validate

    before = version.signature(args.data_dir)  # what is hashed and what is opened: one version
    report = validate(args.data_dir)
    if not report.ok:
        for problem in report.problems:
            print(problem)
        print(report.summary())
        return 1
    store = prebuilt.store_for(args.data_dir, report.sources, report.package)
    if store is None:
        print(f"nothing built: the pattern cache is off ({prebuilt.CACHE_ENV}); each server builds its own")
        return 0
    start = time.perf_counter()
    try:
        db = Database(args.data_dir, report.sources, store=store)
    except DataChanged:
        print(f"BUILD FAILED: {args.data_dir}: the files changed while they were being read; run it again")
        return 1
    try:
        seconds = time.perf_counter() - start
        if db.prebuilt:
            print(f"already built for this version of {args.data_dir}: {store.folder} ({seconds:.1f} s)")
            return 0
        if version.signature(args.data_dir) != before:
            print(f"BUILD FAILED: {args.data_dir}: the files changed while being read; run it again")
            return 1
        if not db.keep_patterns():
            print(f"BUILD FAILED: the excerpt patterns could not be written to {store.folder.parent}")
            return 1
        print(f"built the excerpt patterns of {args.data_dir} in {seconds:.1f} s: {store.folder}")
        return 0
    finally:
        db.close()


def _serve(args) -> int:
    from findings.app import warm

    return warm.serve([a for a in args.streamlit_args if a != "--"])


def _sample(args) -> int:
    from findings.sample import write_sample

    kwargs = {"excerpts": args.excerpts}
    if args.seed is not None:
        kwargs["seed"] = args.seed
    summary = write_sample(args.out_dir, **kwargs)
    counts = ", ".join(f"{name} {rows:,}" for name, rows in summary.items() if isinstance(rows, int))
    print(f"wrote {args.out_dir}: {counts}")
    return 0


def _import(args) -> int:
    from findings.importers import ImportFailed
    from findings.importers.output import write_export_set

    try:
        if args.kind == "qdpx":
            from findings.importers import mapping, qdpx

            if not args.source.is_file():
                raise ImportFailed(f"ERROR {args.source} does not exist or is not a file")
            raw = mapping.load(args.map_file) if args.map_file else None
            result = qdpx.import_qdpx(args.source, raw, illustrative=args.illustrative)
            print("# the mapping used: save these lines as a .toml file, edit them, and pass it with --map")
            print(result.mapping.to_toml())
        else:
            from findings.importers import tables

            result = tables.import_tables(args.source, illustrative=True if args.illustrative else None)
        for line in result.summary:
            print(line)
        report = write_export_set(result.tables, result.package, args.out_dir)
    except ImportFailed as failed:
        for line in failed.lines:
            print(line)
        print(f"IMPORT FAILED: {args.source}: nothing was written")
        return 1
    for problem in report.problems:
        print(problem)
    print(report.summary())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if args.command == "serve":  # everything it does not know is for `streamlit run`
        args.streamlit_args = [*unknown, *args.streamlit_args]
    elif unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    handler = {
        "validate": _validate,
        "build": _build,
        "serve": _serve,
        "sample": _sample,
        "import": _import,
        "export": _export,
    }[args.command]
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
