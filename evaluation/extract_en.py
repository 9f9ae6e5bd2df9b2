"""English claims of a JSONL file of articles, one JSON claim per line (for the scorer).

``python -m evaluation.extract_en ARTICLES.jsonl > P.jsonl`` then
``python -m evaluation.claims --gold G.jsonl --predicted P.jsonl``. Every article is
read as English (this is a measurement of the English extractor; language routing comes with
the wiring of issue 21).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from connectors.files import read_paths
from streams.core.english import extract_claims_en
from streams.core.model import Article

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.extract_en")
    parser.add_argument("articles", nargs="+", help="articles JSONL (eval-dev format)")
    args = parser.parse_args(argv)
    for path in args.articles:
        for article in read_paths([Path(path)]):
            if not isinstance(article, Article):
                continue
            for claim in extract_claims_en(article):
                print(json.dumps(claim.to_json(), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
