"""The `piu-filter` command."""

from __future__ import annotations

import argparse
import logging
import sys

from piu_filter import __version__
from piu_filter.cli.blocklist import add_blocklist_parser
from piu_filter.cli.evaluate import add_evaluate_parser
from piu_filter.cli.report import add_report_parser
from piu_filter.cli.run import add_run_parser
from piu_filter.cli.dedup import add_dedup_parser
from piu_filter.cli.index import add_index_parser
from piu_filter.cli.scan import add_scan_parser
from piu_filter.cli.search import add_search_parser
from piu_filter.cli.train import add_train_parser
from piu_filter.errors import PiuFilterError
from piu_filter.extras import missing_extra

log = logging.getLogger("piu_filter")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="piu-filter",
        description="Find pregnancy ultrasound images and the private information on them in image-text "
                    "shards; drop or redact them, and publish a blocklist.",
    )
    parser.add_argument("--version", action="version", version=f"piu-filter {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    add_run_parser(commands)
    add_train_parser(commands)
    add_evaluate_parser(commands)
    add_blocklist_parser(commands)
    add_report_parser(commands)
    add_scan_parser(commands)
    add_index_parser(commands)
    add_search_parser(commands)
    add_dedup_parser(commands)
    return parser


def _configure_logging(quiet: bool) -> None:
    """piu-filter's own messages on stderr; other libraries stay at warnings."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.handlers[:] = [handler]
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    log.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    _configure_logging(quiet=getattr(args, "quiet", False))
    try:
        return args.handler(args)
    except PiuFilterError as exc:
        print(f"piu-filter: {exc}", file=sys.stderr)
        return 2
    except ModuleNotFoundError as exc:  # an optional extra that is not installed
        error = missing_extra(exc)
        if error is None:
            raise
        print(f"piu-filter: {error}", file=sys.stderr)
        return 2
    except OSError as exc:  # an unwritable output folder, a full disk: say which file, no traceback
        print(f"piu-filter: {exc.strerror or exc} ({exc.filename or 'no file name'})", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("piu-filter: interrupted; rerun the same command to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
