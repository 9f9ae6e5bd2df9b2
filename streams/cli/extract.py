"""``raqib extract PATH...``: claims of each article as JSON lines, no broker involved.

Input is read as it is extracted, under the one size limit (``RAQIB_MAX_ARTICLE_BYTES``):
an article over it is reported and skipped (a 50 MB file is rejected unread), the rest
is extracted, each by the extractor of its language (Arabic, English); an article in
another language is skipped with one line on stderr (not an input error).
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from connectors.base import Rejected
from streams.cli.common import EXIT_INPUT_ERRORS, EXIT_OK, print_json, report_reject
from streams.core.model import Article
from streams.settings import Settings

log = logging.getLogger(__name__)


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``raqib extract`` to the command line."""
    p = sub.add_parser("extract", help="print the claims of articles as JSON lines (no broker)")
    p.add_argument(
        "paths", nargs="+", type=Path, help=".txt, .html, .jsonl/.json files or directories"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Print the claims of every article as JSON lines."""
    from connectors.base import article_payload
    from connectors.files import read_paths
    from streams.core.pipeline import SKIPPED_LANGUAGE, extract_by_language, unread_language

    errors = 0
    for item in read_paths(args.paths, settings.max_article_bytes):
        if isinstance(item, Article):
            checked = article_payload(item, settings.max_article_bytes)
            item = checked if isinstance(checked, Rejected) else item
        if isinstance(item, Rejected):
            errors += 1
            report_reject(item)
            continue
        lang = unread_language(item)
        if lang is not None:
            log.warning(SKIPPED_LANGUAGE, item.id, lang)
            continue
        for claim in extract_by_language(item):
            print_json(claim.to_json())
    return EXIT_INPUT_ERRORS if errors else EXIT_OK
