"""A synthetic but realistic Arabic corpus for benchmarks.

Articles are the seeds and the dev set's real articles recombined: figures
replaced by other figures, place names swapped for other places, outlets and
publication dates varied, texts brought to about 3 KB. Generation is pure and
deterministic for a given seed, so two bench runs measure the same input.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from streams.model import Article

ROOT = Path(__file__).resolve().parent.parent.parent
SEEDS = ROOT / "seeds"

# Places that occur in the templates, and places to put in their stead.
TEMPLATE_PLACES = (
    "دير الزور",
    "ديرالزور",
    "حمص",
    "درنة",
    "صنعاء",
    "طرابلس",
    "سوهاج",
    "طهطا",
    "الفاشر",
    "أبها",
    "إمبابة",
    "الجيزة",
    "بنغازي",
    "حلب",
    "إدلب",
    "الموصل",
    "بغداد",
    "عدن",
    "تعز",
    "الحديدة",
)
REPLACEMENT_PLACES = (
    "حلب",
    "إدلب",
    "حماة",
    "درعا",
    "الرقة",
    "الحسكة",
    "اللاذقية",
    "طرطوس",
    "دمشق",
    "الموصل",
    "كركوك",
    "الأنبار",
    "بغداد",
    "البصرة",
    "تعز",
    "عدن",
    "الحديدة",
    "مأرب",
    "بنغازي",
    "سرت",
    "مصراتة",
    "الزاوية",
    "أسيوط",
    "المنيا",
    "الإسكندرية",
    "نيالا",
    "الجنينة",
    "كسلا",
    "جازان",
    "نجران",
)
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
    id: str
    text: str


def load_templates(root: Path = SEEDS) -> list[Template]:
    """The seed articles and the dev set's articles."""
    templates = [
        Template(p.stem, p.read_text(encoding="utf-8")) for p in sorted(root.glob("*.txt"))
    ]
    dev = root / "eval-dev" / "articles.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines():
            if line.strip():
                obj = json.loads(line)
                templates.append(Template(obj["id"], obj["text"]))
    return templates


def _fit(text: str, filler: str) -> str:
    """Bring ``text`` to about TARGET_BYTES by appending sentences of ``filler`` or cutting."""
    out = text
    sentences = [s for s in re.split(r"(?<=[.!؟\n])\s+", filler) if s.strip()]
    i = 0
    while len(out.encode()) < TARGET_BYTES and sentences:
        out += " " + sentences[i % len(sentences)]
        i += 1
    raw = out.encode()
    if len(raw) > TARGET_BYTES + 600:
        out = raw[: TARGET_BYTES + 600].decode("utf-8", "ignore")
    return out


def _date_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` gives a day of a month ("5 أكتوبر", "الخميس 5 من تشرين الأول")."""
    from streams.events.dates import MONTHS

    months = "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True))
    pattern = re.compile(rf"\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?(?:{months})")
    return [m.span() for m in pattern.finditer(text)]


def vary(text: str, rng: random.Random, place: str) -> str:
    """Other figures and another place in the same sentences.

    Dates stay as written: a day number turned into a random one would tell the event
    tracker that every report happened on another day of the month.
    """
    dates = _date_spans(text)

    def new_number(match: re.Match[str]) -> str:
        value = int(match.group())
        if 1900 <= value <= 2100 or value == 0:
            return match.group()  # years stay years
        if any(lo <= match.start() < hi for lo, hi in dates):
            return match.group()
        return str(max(2, int(value * rng.uniform(0.5, 1.8))))

    text = NUMBER.sub(new_number, text)
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
) -> Iterator[Article]:
    """``count`` articles: incidents ``step`` apart, each reported by 1-4 outlets.

    Reports of one incident share its place, its day and its template with other
    figures; incidents move on in time, so old events close after the quiet period
    and the open set stays bounded however long the corpus is.
    """
    rng = random.Random(seed)
    templates = templates or load_templates()
    made = 0
    incident = 0
    while made < count:
        template = rng.choice(templates)
        filler = rng.choice(templates)
        place = rng.choice(REPLACEMENT_PLACES)
        published = (start + incident * step).isoformat()
        # Most reports of an incident carry the same figures; about one in ten differs
        # (a contradiction for the pipeline to find), as in real coverage.
        incident_seed = rng.random()
        for _ in range(min(rng.randint(1, 4), count - made)):
            figures = random.Random(incident_seed if rng.random() > 0.1 else rng.random())
            text = _fit(vary(template.text, figures, place), vary(filler.text, figures, place))
            yield Article(
                id=f"bench-{seed}-{made}",
                text=text,
                source=rng.choice(OUTLETS),
                published=published,
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
    templates = load_templates()
    for i in range(count):
        template = rng.choice(templates)
        place = REPLACEMENT_PLACES[i % len(REPLACEMENT_PLACES)]
        published = (start + timedelta(days=4 * i)).isoformat()
        first, second = rng.sample(OUTLETS, 2)
        for j, outlet in enumerate((first, second)):
            yield Article(
                id=f"pair-{seed}-{i}-{j}",
                text=vary(template.text, random.Random(seed * 1000 + i * 2 + j), place),
                source=outlet,
                published=published,
            )
