"""The `claimex` command: `serve` runs the HTTP service; `extract` runs without one (a text
file prints JSON; JSON Lines or a directory of .txt files writes JSON Lines); `merge` joins shards."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import msgspec

from service.api.errors import ClaimexError
from service.api.requests import parse_published_at, validate_job
from service.api.schemas import ExtractRequest
from service.bulk.merge import MergeError, merge_shards
from service.bulk.output import LineWriter, ResumeError
from service.bulk.run import BulkAborted, run_bulk
from service.bulk.shards import Shard, ShardError, parse_shard
from service.bulk.sources import JSONL_SUFFIX, open_source
from service.pipeline import Pipeline
from service.serving.jobs import run_jobs
from service.settings import Settings, SettingsError, load_settings

# Bulk runs: some input lines got problem records (all lines are written); the arguments,
# input or output cannot be used; the model or its workers failed (a rerun resumes).
EXIT_LINES_FAILED = 1
EXIT_USAGE = 2
EXIT_ABORTED = 3
EXIT_INTERRUPTED = 130  # the shell's 128 + SIGINT


def serve(settings: Settings) -> int:
    """Run the service with uvicorn until stopped; return the exit status."""
    from service.api import server

    config = server.uvicorn_config(
        settings,
        # Ours (service/api/access_log.py) logs each request as JSON instead.
        access_log=not settings.access_log,
    )
    return server.run(config, settings)


def extract(settings: Settings, source: str, published_at: str | None) -> int:
    """Print the extraction of the file `source` (or stdin for '-') as JSON."""
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        text = raw.decode("utf-8")
        job = validate_job(ExtractRequest(text=text, published_at=published_at), settings)
    except (OSError, UnicodeDecodeError, ClaimexError) as exc:
        print(f"claimex extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    pipeline = Pipeline.load(settings.model_path, settings.precision)
    (response,) = run_jobs(pipeline, [job])
    sys.stdout.buffer.write(msgspec.json.format(msgspec.json.encode(response), indent=2) + b"\n")
    return 0


def extract_bulk(settings: Settings, source: str, output: Path | None, shard: Shard,
                 published_at: str | None) -> int:
    """Write a record per document of `source` as JSON Lines (appending to, and resuming,
    `output`); return 0, or EXIT_LINES_FAILED if any record is a problem."""
    try:
        entries, total = open_source(source, settings, published_at)
        outcome = run_bulk(entries, total, output, shard, settings)
    except (OSError, ResumeError) as exc:
        print(f"claimex extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BulkAborted as exc:
        print(f"claimex extract: {exc}; run it again to resume", file=sys.stderr)
        return EXIT_ABORTED
    except KeyboardInterrupt:
        print("claimex extract: interrupted; run it again to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_LINES_FAILED if outcome.failed else 0


def merge(shards: list[Path], output: Path | None) -> int:
    """Write the records of shard outputs in input order to `output` (or stdout)."""
    try:
        writer = LineWriter.append_to(output) if output is not None else LineWriter(sys.stdout.buffer)
        try:
            merge_shards(shards, writer.write)
        finally:
            writer.close()
    except (OSError, MergeError) as exc:
        print(f"claimex merge: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return 0


def _shard(spec: str) -> Shard:
    try:
        return parse_shard(spec)
    except ShardError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _bulk_usage_error(args: argparse.Namespace) -> str | None:
    """Return why the extract arguments do not go together, or None."""
    directory = args.source != "-" and Path(args.source).is_dir()
    if directory and args.jsonl:
        return "a directory is read as .txt files, one document each; --jsonl is for a file or -"
    if args.jsonl and args.published_at is not None:
        return "JSON Lines give published_at per line; --published-at is for text input"
    if not args.bulk and (args.output is not None or args.shard is not None):
        return f"--output and --shard are for bulk input: a {JSONL_SUFFIX} file, --jsonl or a directory"
    if args.published_at is not None:
        try:
            parse_published_at(args.published_at)
        except ClaimexError as exc:
            return str(exc)
    return None


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the `claimex` command line."""
    parser = argparse.ArgumentParser(prog="claimex", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the HTTP service (settings from CLAIMEX_* variables)")
    one = commands.add_parser(
        "extract", help="extract from a UTF-8 text file or - (stdin); in bulk from JSON Lines or a directory")
    one.add_argument("source", metavar="FILE|DIR|-")
    one.add_argument("--published-at", help="ISO date the article was published (anchors relative dates)")
    one.add_argument("--jsonl", action="store_true",
                     help=f"read JSON Lines, one request per line (implied by {JSONL_SUFFIX})")
    one.add_argument("--output", type=Path, metavar="FILE",
                     help="bulk: append the records to FILE, resuming after what it already holds")
    one.add_argument("--shard", type=_shard, metavar="I/N",
                     help="bulk: only the documents whose id (or line) hashes to shard I of N")
    joined = commands.add_parser("merge", help="join the outputs of `extract --shard` in input order")
    joined.add_argument("shards", nargs="+", type=Path, metavar="SHARD_FILE")
    joined.add_argument("--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `claimex` console script."""
    args = build_parser().parse_args(argv)
    if args.command == "extract":
        args.jsonl = args.jsonl or args.source.endswith(JSONL_SUFFIX)
        args.bulk = args.jsonl or (args.source != "-" and Path(args.source).is_dir())
        if problem := _bulk_usage_error(args):
            print(f"claimex extract: {problem}", file=sys.stderr)
            return EXIT_USAGE
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"claimex: {exc}", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(level=settings.log_level.value.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if args.command == "serve":
        return serve(settings)
    if args.command == "merge":
        return merge(args.shards, args.output)
    if args.bulk:
        return extract_bulk(settings, args.source, args.output, args.shard or Shard(), args.published_at)
    return extract(settings, args.source, args.published_at)


if __name__ == "__main__":
    sys.exit(main())
