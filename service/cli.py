"""The `claimex` command: `serve` runs the HTTP service, `extract FILE|-` prints JSON."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

import msgspec

from service.api.errors import ClaimexError
from service.api.requests import validate_job
from service.serving.batcher import run_jobs
from service.api.schemas import ExtractRequest
from service.pipeline import Pipeline
from service.settings import Settings, SettingsError, load_settings

EXIT_USAGE = 2


def serve(settings: Settings) -> int:
    """Run the service with uvicorn until stopped; return the exit status."""
    import uvicorn

    uvicorn.run(
        "service.api.asgi:app_from_environment",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=settings.workers,
        log_level=settings.log_level.value,
        proxy_headers=True,
        timeout_graceful_shutdown=20,
    )
    return 0


def extract(settings: Settings, source: str, published_at: str | None) -> int:
    """Print the extraction of the file `source` (or stdin for '-') as JSON."""
    try:
        raw = sys.stdin.buffer.read() if source == "-" else Path(source).read_bytes()
        text = raw.decode("utf-8")
        job = validate_job(ExtractRequest(text=text, published_at=published_at), settings)
    except (OSError, UnicodeDecodeError, ClaimexError) as exc:
        print(f"claimex extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    pipeline = Pipeline.load(settings.model_path)
    (response,) = run_jobs(pipeline, [job])
    sys.stdout.buffer.write(msgspec.json.format(msgspec.json.encode(response), indent=2) + b"\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `claimex` console script."""
    parser = argparse.ArgumentParser(prog="claimex", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("serve", help="run the HTTP service (settings from CLAIMEX_* variables)")
    one = commands.add_parser("extract", help="extract from a UTF-8 text file, or - for stdin")
    one.add_argument("source", metavar="FILE|-")
    one.add_argument("--published-at", help="ISO date the article was published (anchors relative dates)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as exc:
        print(f"claimex: {exc}", file=sys.stderr)
        return EXIT_USAGE
    logging.basicConfig(level=settings.log_level.value.upper(), format="%(asctime)s %(levelname)s %(name)s %(message)s")
    if args.command == "serve":
        return serve(settings)
    return extract(settings, args.source, args.published_at)


if __name__ == "__main__":
    sys.exit(main())
