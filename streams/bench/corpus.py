"""A synthetic but realistic Arabic (or English) corpus for benchmarks.

Articles are the seeds and the articles the team wrote (``tests/fixtures/heldout``,
``tests/fixtures/events_check``; in English the team's English reports,
:mod:`streams.bench.corpus_en`) recombined: figures replaced by other figures, place
names swapped for other places, outlets and publication dates varied, texts brought to
about 3 KB. Generation is pure and
deterministic for a given seed, so two bench runs measure the same input.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from streams.bench.corpus_en import EN_DATE, ENGLISH_OUTLETS, english_texts, redate_en
from streams.core.events.dates import MONTH_FAMILIES, MONTHS, WEEKDAY_NAMES, WEEKDAYS
from streams.core.model import Article
from streams.core.text import load_rows

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
# The team's own articles (written for the extractor and the event checks, not published).
TEAM_ARTICLES = ("heldout", "events_check")

# Places that occur in the templates, and places to put in their stead (file order kept).
_PLACES = load_rows("bench_places.tsv")
TEMPLATE_PLACES = tuple(row[0] for row in _PLACES if row[1] == "template")
REPLACEMENT_PLACES = tuple(row[0] for row in _PLACES if row[1] == "replacement")
OUTLETS = (
    "aljazeera.net",
    "alarabiya.net",
    "bbc.com/arabic",
    "france24.com/ar",
    "skynewsarabia.com",
    "aawsat.com",
    "alquds.co.uk",
    "enabbaladi.net",
    "almayadeen.net",
    "independentarabia.com",
    "rt.com/ar",
    "dw.com/ar",
    "arabi21.com",
    "alhurra.com",
    "annahar.com",
)
NUMBER = re.compile(r"(?<![\d/:.-])\d{1,4}(?![\d/:.-])")
TARGET_BYTES = 3000


@dataclass(frozen=True)
class Template:
    """An article the corpus is made from: its id, text and language."""

    id: str
    text: str
    lang: str = "ar"


def load_templates(
    root: Path = SEEDS, fixtures: Path = FIXTURES, lang: str = "ar"
) -> list[Template]:
    """The seed articles and the articles the team wrote (``tests/fixtures``); in English
    (``lang="en"``) the team's English reports.
    """
    if lang == "en":
        return [Template(i, text, "en") for i, text in english_texts(fixtures)]
    templates = [
        Template(p.stem, p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.txt"))
    ]
    for name in TEAM_ARTICLES:
        path = fixtures / name / "articles.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    obj = json.loads(line)
                    templates.append(Template(obj["id"], obj["text"]))
    return templates


SENTENCE_END = re.compile(r"(?<=[.!؟\n])\s+")


def background(template: Template) -> list[str]:
    """The template's sentences that report no figure: filler that adds length, not claims.

    Filler taken from another report with its figures would put a second incident's
    tolls in every article, and every outlet would then contradict every other.
    """
    return list(_background(template.text, template.lang))


@cache  # each bench run generates several corpora from the same templates
def _background(text: str, lang: str) -> tuple[str, ...]:
    from streams.core.english import extract_claims_en
    from streams.core.extract import extract_claims

    extract = extract_claims_en if lang == "en" else extract_claims
    sentences = [s.strip() for s in SENTENCE_END.split(text) if s.strip()]
    return tuple(
        s for s in sentences if not NUMBER.search(s) and not extract(Article(id="filler", text=s))
    )


def _fit(text: str, filler: list[str]) -> str:
    """Bring ``text`` to about TARGET_BYTES by appending ``filler`` sentences, or by cutting."""
    out = text
    i = 0
    while len(out.encode()) < TARGET_BYTES and filler:
        out += " " + filler[i % len(filler)]
        i += 1
    raw = out.encode()
    if len(raw) > TARGET_BYTES + 600:
        out = raw[: TARGET_BYTES + 600].decode("utf-8", "ignore")
    return out


# Month names by naming family (Egypt and the Gulf, the Levant and Iraq, the Maghreb):
# a rewritten date keeps its family, as a real outlet writes its own way.
FAMILIES = tuple(MONTH_FAMILIES.values())


def _family(month_name: str) -> tuple[str, ...]:
    for family in FAMILIES[1:]:
        if month_name in family and month_name not in FAMILIES[0]:
            return family
    return FAMILIES[0]


def _date_pattern() -> re.Pattern[str]:
    months = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
    return re.compile(rf"(\d{{1,2}})(\s+(?:من\s+)?(?:شهر\s+)?)({months})(\s+(?:19|20)\d\d)?")


DATE = _date_pattern()
WEEKDAY = re.compile(
    r"(?<![\w])(ال)?("
    + "|".join(sorted(map(re.escape, WEEKDAYS), key=len, reverse=True))
    + r")(?![\w])"
)


def redate(text: str, when: datetime) -> str:
    """The dates and weekdays a text gives, moved to ``when`` (the incident's day).

    A template's "الخميس 5 أكتوبر" left as written would tell the event tracker that
    every incident made from that template happened on the same day, and merge them.
    """

    def new_date(match: re.Match[str]) -> str:
        month = _family(match.group(3))[when.month - 1]
        year = f" {when.year}" if match.group(4) else ""
        return f"{when.day}{match.group(2)}{month}{year}"

    text = DATE.sub(new_date, text)
    weekday = WEEKDAY_NAMES[when.weekday()]
    return WEEKDAY.sub(lambda m: weekday, text)


def figure_spans(text: str, lang: str = "ar") -> list[re.Match[str]]:
    """The digit figures of a text that a variation may change: not years, not dates, not 0."""
    dates = [m.span() for m in (EN_DATE if lang == "en" else DATE).finditer(text)]
    return [
        m
        for m in NUMBER.finditer(text)
        if not (1900 <= int(m.group()) <= 2100 or int(m.group()) == 0)
        and not any(lo <= m.start() < hi for lo, hi in dates)
    ]


def vary(
    text: str,
    figures: random.Random,
    place: str,
    when: datetime | None = None,
    differ: random.Random | None = None,
    lang: str = "ar",
) -> str:
    """Other figures, another place and the incident's day in the same sentences (of a text
    in ``lang``: its dates are read in that language).

    The n-th figure of the text is scaled by the n-th factor drawn from ``figures``: two
    reports made with equal ``figures`` give the same numbers. With ``differ``, one of
    the figures is drawn again from it: the report disagrees on one figure, as outlets
    usually do, not on all of them. Years and date days stay as they are.
    """
    if when is not None:
        text = redate_en(text, when) if lang == "en" else redate(text, when)
    spans = figure_spans(text, lang)
    factors = [figures.uniform(0.5, 1.8) for _ in spans]
    if differ is not None and factors:
        factors[differ.randrange(len(factors))] = differ.uniform(0.5, 1.8)
    out, last = [], 0
    for match, factor in zip(spans, factors, strict=True):
        out += [text[last : match.start()], str(max(2, int(int(match.group()) * factor)))]
        last = match.end()
    text = "".join(out) + text[last:]
    for name in TEMPLATE_PLACES:
        if name in text:
            text = text.replace(name, place)
    return text


def generate(
    count: int,
    *,
    seed: int = 7,
    start: datetime = datetime(2024, 1, 1, tzinfo=UTC),
    step: timedelta = timedelta(hours=6),
    templates: list[Template] | None = None,
    lang: str = "ar",
) -> Iterator[Article]:
    """``count`` articles: incidents ``step`` apart, each reported by 1-4 outlets.

    ``lang="en"``: English reports by English-language outlets, made the same way from the
    team's English reports (:mod:`streams.bench.corpus_en`).

    Reports of one incident share its place, its day and its template with other
    figures; incidents move on in time, so old events close after the quiet period
    and the open set stays bounded however long the corpus is.
    """
    rng = random.Random(seed)
    templates = templates or load_templates(lang=lang)
    outlets = ENGLISH_OUTLETS if lang == "en" else OUTLETS
    fillers = [f for f in map(background, templates) if f]
    made = 0
    incident = 0
    while made < count:
        template = rng.choice(templates)
        filler = rng.choice(fillers)
        place = rng.choice(REPLACEMENT_PLACES)
        # Most reports of an incident carry the same figures; about one in ten differs
        # (a contradiction for the pipeline to find), as in real coverage.
        incident_seed = rng.random()
        when = start + incident * step
        # filler sentences have no figures: only their place and day change
        padding = [vary(s, random.Random(0), place, when, lang=lang) for s in filler]
        for _ in range(min(rng.randint(1, 4), count - made)):
            differ = random.Random(rng.random()) if rng.random() < 0.1 else None
            text = _fit(
                vary(template.text, random.Random(incident_seed), place, when, differ, lang),
                padding,
            )
            yield Article(
                id=f"bench-{seed}-{made}",
                text=text,
                source=rng.choice(outlets),
                published=when.isoformat(),
                title=None,
            )
            made += 1
        incident += 1


def conflicting_pairs(
    count: int, *, seed: int = 11, start: datetime = datetime(2025, 1, 1, tzinfo=UTC)
) -> Iterator[Article]:
    """Pairs of reports of one incident by two outlets with different figures (2·count articles).

    The second article of each pair contradicts the first: what alert latency is measured on.
    """
    rng = random.Random(seed)
    templates = [t for t in load_templates() if figure_spans(t.text)]  # figures to differ on
    for i in range(count):
        template = rng.choice(templates)
        place = REPLACEMENT_PLACES[i % len(REPLACEMENT_PLACES)]
        when = start + timedelta(days=4 * i)
        first, second = rng.sample(OUTLETS, 2)
        for j, outlet in enumerate((first, second)):
            yield Article(
                id=f"pair-{seed}-{i}-{j}",
                text=vary(template.text, random.Random(seed * 1000 + i * 2 + j), place, when),
                source=outlet,
                published=when.isoformat(),
            )
