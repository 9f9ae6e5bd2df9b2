"""The English side of the bench corpus: its templates, its outlets and its dates.

The English corpus is built exactly as the Arabic one (:func:`streams.bench.corpus.generate`
with ``lang="en"``): a template report with its figures varied and its dates moved to the
incident's day, brought to about 3 KB with filler sentences that report no figure. So the
English and Arabic extraction rates the bench prints are rates over the same kind of text.
The templates are the English reports the team wrote for the extractor and the event checks
(``tests/fixtures``), never third-party reporting.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

from streams.core.text import load_rows

__all__ = ["ENGLISH_OUTLETS", "EN_DATE", "english_texts", "redate_en"]

# The team's English reports (written for the extractor and the event checks, not published).
ENGLISH_FIXTURES = ("heldout_en", "events_en_batch", "events_en_batch2")
ENGLISH_OUTLETS = (
    "reuters.com",
    "apnews.com",
    "afp.com",
    "bbc.com",
    "aljazeera.com",
    "france24.com/en",
    "theguardian.com",
    "thenationalnews.com",
    "arabnews.com",
    "middleeasteye.net",
)

# Full month and weekday names as printed (abbreviations and "may" alone are too ambiguous
# to rewrite: "may" is a verb); the lexicons give them lowercase.
_MONTHS = {
    int(row[1]): row[0].capitalize()
    for row in load_rows("en/months.tsv")
    if row[2] != "abbreviation"
}
_WEEKDAYS = {int(row[1]): row[0].capitalize() for row in load_rows("en/weekdays.tsv")}
_MONTH_ALT = "|".join(sorted(_MONTHS.values(), key=len, reverse=True))
# "March 3", "March 3rd, 2024", "3 March 2024"
EN_DATE = re.compile(
    rf"\b(?:({_MONTH_ALT}) (\d{{1,2}})(?:st|nd|rd|th)?|(\d{{1,2}}) ({_MONTH_ALT}))"
    r"(,? (?:19|20)\d\d)?\b"
)
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS.values()) + r")\b")


def english_texts(fixtures: Path) -> list[tuple[str, str]]:
    """(id, text) of the team's English reports under ``fixtures``: the articles with
    ``lang`` "en" of every ``articles*.jsonl`` of :data:`ENGLISH_FIXTURES`, in file order (the
    event fixtures mix in Arabic reports of the same incidents).
    """
    out: list[tuple[str, str]] = []
    for name in ENGLISH_FIXTURES:
        for path in sorted((fixtures / name).glob("articles*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                obj = json.loads(line) if line.strip() else {}
                if obj.get("lang") == "en":
                    out.append((obj["id"], obj["text"]))
    return out


def redate_en(text: str, when: datetime) -> str:
    """The English dates and weekdays of ``text`` moved to ``when`` (the incident's day), each
    written the way the text wrote it ("March 3" or "3 March", with its year if it had one).

    As for Arabic: a template's own date left as written would put every incident made from
    it on one day.
    """
    month = _MONTHS[when.month]

    def new_date(match: re.Match[str]) -> str:
        year = f"{match.group(5)[:-4]}{when.year}" if match.group(5) else ""
        if match.group(1):
            return f"{month} {when.day}{year}"
        return f"{when.day} {month}{year}"

    text = EN_DATE.sub(new_date, text)
    return _WEEKDAY.sub(lambda m: _WEEKDAYS[when.weekday()], text)
