"""Who stated a figure, as one canonical source: ``resolve_source(phrase, outlet=, country=)``.

A speaker phrase ("المتحدث باسم وزارة الصحة في غزة", "Gaza's Health Ministry", "مصدر طبي",
"عبد الله أحمد") is read against the registry's data, in this order:

1. **A listed or institutional body.** The longest name inside the phrase wins: a listed
   source's name (sources_*.tsv), or a kind of institution (kinds.tsv: "وزارة الصحة",
   "police") together with the country named beside it ("السورية", "Syria's", "في غزة",
   "التابعة للنظام السوري"). A kind with no country in the phrase takes the ``country`` hint
   (the incident's country); with no hint it keeps a stable id of its own (``kind:<kind>``).
   A person speaking for a body is the body ("وزير الصحة السوري حسن الغباش" → the Syrian
   health ministry). A name that is also an ordinary word ("العربية") counts only as the
   whole phrase or beside framing words ("قناة العربية", "مراسل العربية").
2. **A hospital by name** ("مدير مستشفى ليدي ريدينغ"): a listed hospital was found in 1; an
   unlisted one is ``hospital:<name>`` (medical source), so its director and its spokesman
   are one source. A hospital with no name is an unnamed medical source.
3. **An unnamed speaker** ("مصدر طبي", "witnesses", "مراسلنا"): ``anon:<category>@<outlet>``,
   qualified by the outlet named beside it ("مصدر طبي لوكالة الأناضول") or else by the
   article's outlet, because two outlets' unnamed sources are two sources. A correspondent is
   the outlet itself.
4. **A country alone** ("إسرائيل", "Israel") is its government.
5. **Anyone else** is ``name:<normalized name>`` (type ``other``, ``known=False``), the
   phrase as written kept for display; no transliteration is attempted.

``phrase=None`` (or no words) is the outlet's own voice: the outlet's source
(:func:`resolve_outlet`). Results are cached; the functions are pure and never raise on text.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from .data import CountryForm, KindHead, Match, Named, Registry, Unnamed, registry
from .model import SourceRef
from .outlets import resolve_outlet
from .tokens import is_arabic

__all__ = ["resolve_source", "display", "country_code", "source_ref", "same_kind"]

HOSPITAL = "hospital"
MEDICAL = "medical"
SELF = "self"
FRAME = "frame"
DIPLOMAT_KIND = "foreign_ministry"
GOVERNMENT_KIND = "government"
OUTLET = "outlet"
ARMED_GROUP = "armed_group"
OTHER = "other"
MAX_SLUG = 64


@dataclass(frozen=True)
class Reading:
    """What a phrase names before the article's outlet is known."""

    ref: SourceRef | None = None  # a body: listed, kind + country, hospital, unknown name
    category: str | None = None  # an unnamed speaker's category
    self_voice: bool = False  # the outlet itself (its correspondent)
    outlet: SourceRef | None = None  # an outlet named in the phrase, which qualifies the above


def resolve_source(
    phrase: str | None,
    *,
    outlet: str | None = None,
    country: str | None = None,
    lang: str | None = None,
) -> SourceRef:
    """The canonical source of a figure stated by ``phrase`` in an article of ``outlet``.

    ``outlet`` is the article's ``source`` (a domain or a name); ``country`` the incident's
    country (ISO alpha-2 code or a name) used when a body is named without one. ``lang`` is
    accepted for callers that know it; the script of each word decides how it is read.
    Equal inputs give equal results; the result does not depend on earlier calls.
    """
    del lang  # each word is read by its own script
    return _resolve(phrase or "", outlet or "", country_code(country))


@lru_cache(maxsize=65536)
def _resolve(phrase: str, outlet: str, country: str | None) -> SourceRef:
    voice = resolve_outlet(outlet)
    reading = _analyse(phrase, country)
    if reading is None:
        return voice
    if reading.ref is not None:
        return reading.ref
    owner = reading.outlet or voice
    if reading.self_voice:
        return owner
    category = registry().categories[reading.category or MEDICAL]
    qualifier = owner.id.removeprefix("outlet:")
    return SourceRef(
        f"anon:{category.category}@{qualifier}",
        category.type,
        f"{category.name_en}, quoted by {owner.name_en}",
        category.name_ar,
        True,
    )


def display(ref: SourceRef, written: str | None = None) -> str:
    """How an alert names a source: "Syrian Health Ministry (government)" for a known one,
    the words as written plus the type for one the registry does not know.
    """
    label = registry().types.get(ref.type, ref.type)
    if ref.known:
        return f"{ref.name_en} ({label})"
    shown = (written or "").strip() or ref.name_ar or ref.name_en or ref.id
    return f"{shown} ({label})"


@lru_cache(maxsize=1024)
def country_code(country: str | None) -> str | None:
    """An ISO alpha-2 code from a code or a country's name ("sy", "SY", "Syria", "سوريا")."""
    if not country or not country.strip():
        return None
    reg = registry()
    code = country.strip().lower()
    if code in reg.countries:
        return code
    words = reg.reader.words(country)
    found = {
        m.entry.country
        for m in reg.matches([reg.reader.readings(w) for w in words])
        if isinstance(m.entry, CountryForm) and m.size == len(words)
    }
    return found.pop() if len(found) == 1 else None


@lru_cache(maxsize=65536)
def _analyse(phrase: str, country: str | None) -> Reading | None:
    reg = registry()
    words = reg.reader.words(phrase)
    if not words:
        return None
    readings = [reg.reader.readings(w) for w in words]
    return _Phrase(reg, phrase.strip(), words, readings, country).read()


class _Body(NamedTuple):
    """A body named in a phrase: the longest name wins, a listed name before a kind."""

    size: int  # words of its name (with the country beside a kind)
    priority: int  # 2 listed name, 1 kind of institution
    start: int
    ref: SourceRef


class _Phrase:
    """One phrase's matches and the decision between them (see the module docstring)."""

    def __init__(
        self,
        reg: Registry,
        written: str,
        words: list[str],
        readings: list[frozenset[str]],
        hint: str | None,
    ) -> None:
        self.reg = reg
        self.written = written
        self.words = words
        self.readings = readings
        self.hint = hint
        matches = reg.matches(readings)
        self.unnamed = [m for m in matches if isinstance(m.entry, Unnamed)]
        self.countries = [m for m in matches if isinstance(m.entry, CountryForm)]
        self.kinds = [m for m in matches if isinstance(m.entry, KindHead)]
        covered = {i for m in self.unnamed for i in range(m.start, m.end)}
        self.named = [
            m
            for m in matches
            if isinstance(m.entry, Named)
            and (not m.entry.whole_only or self._outside(m) <= covered)
        ]
        if any(isinstance(k.entry, KindHead) and k.entry.kind == DIPLOMAT_KIND for k in self.kinds):
            self.named = [m for m in self.named if not self._after_counterpart(m)]

    def read(self) -> Reading:
        frames = [m for m in self.unnamed if _category(m) == FRAME]
        # "للأنباء" frames an agency's name and "المصدر أونلاين" is an outlet's name: words of
        # a frame or of a longer name are not an unnamed speaker
        wider = frames + self.named
        speakers = [
            m
            for m in self.unnamed
            if _category(m) != FRAME
            and not any(
                w.start <= m.start and m.end <= w.end and w.size >= m.size and w is not m
                for w in wider
            )
        ]
        bodies = self._bodies(speakers)
        if speakers:  # an outlet beside an unnamed speaker only says whose source it is
            bodies = [b for b in bodies if b.ref.type != OUTLET]
        if bodies:
            return Reading(ref=max(bodies, key=lambda b: (b.size, b.priority, -b.start)).ref)
        outlet = self._named_outlet()
        hospital = self._hospital(speakers)
        if hospital is not None:
            return Reading(ref=hospital)
        if speakers:
            top = min(speakers, key=lambda m: (-m.size, _rank(m), m.start))
            category = _category(top)
            if category == SELF:
                return Reading(self_voice=True, outlet=outlet)
            return Reading(category=MEDICAL if category == HOSPITAL else category, outlet=outlet)
        alone = self._country_alone()
        if alone is not None:
            return Reading(ref=_kind_ref(self.reg, GOVERNMENT_KIND, alone))
        return Reading(ref=self._unknown())

    # -- bodies ----------------------------------------------------------------------------------

    def _bodies(self, speakers: list[Match]) -> list[_Body]:
        """Every body the phrase names. A body whose name shares words with an unnamed
        speaker's phrase not inside it ("local authorities", "an Israeli military official")
        is only words of that phrase: the speaker is unnamed.
        """

        def inside_speaker(m: Match) -> bool:
            return any(
                s.start < m.end and m.start < s.end and not (m.start <= s.start and s.end <= m.end)
                for s in speakers
            )

        found: list[_Body] = []
        for m in self.named:
            assert isinstance(m.entry, Named)
            if not inside_speaker(m):
                found.append(_Body(m.size, 2, m.start, self.reg.sources[m.entry.source].ref()))
        for m in self.kinds:
            assert isinstance(m.entry, KindHead)
            if inside_speaker(m):
                continue
            beside = self._country_beside(m)
            if m.entry.needs_country and beside is None:
                continue
            start = min(m.start, beside.start) if beside else m.start
            end = max(m.end, beside.end) if beside else m.end
            spec = self.reg.kinds[m.entry.kind]
            group = self._group_at(beside) if beside is not None and spec.group_beside else None
            if group is not None:
                found.append(_Body(end - start, 1, start, group))
                continue
            if spec.country_from_incident:
                code = self.hint
            elif beside is not None:
                assert isinstance(beside.entry, CountryForm)
                code = beside.entry.country
            else:
                code = self._country_in_phrase(m) or self.hint
            found.append(_Body(end - start, 1, start, _kind_ref(self.reg, m.entry.kind, code)))
        return found

    def _group_at(self, form: Match) -> SourceRef | None:
        """The armed group named where a country form stands ("الحوثي", "Hamas"), if any."""
        for m in self.named:
            assert isinstance(m.entry, Named)
            source = self.reg.sources[m.entry.source]
            if source.type == ARMED_GROUP and m.start <= form.start and form.end <= m.end:
                return source.ref()
        return None

    def _country_beside(self, head: Match) -> Match | None:
        """A country form right after the head (Arabic order, past linking words unless the
        head needs its country at once) or right before it (English order).
        """
        after = head.end
        if not (isinstance(head.entry, KindHead) and head.entry.needs_country):
            while after < len(self.words) and self._is_link(after):
                after += 1
        candidates = [c for c in self.countries if c.start == after or c.end == head.start]
        return max(candidates, key=lambda c: (c.start >= head.end, c.size), default=None)

    def _country_in_phrase(self, head: Match) -> str | None:
        """The country form nearest the head elsewhere in the phrase, outside listed names."""
        inside_names = {i for m in self.named for i in range(m.start, m.end)}
        forms = [
            c
            for c in self.countries
            if not inside_names.intersection(range(c.start, c.end))
            and (c.end <= head.start or c.start >= head.end)
        ]
        if not forms:
            return None
        near = min(forms, key=lambda c: (min(abs(c.start - head.end), abs(head.start - c.end)),))
        assert isinstance(near.entry, CountryForm)
        return near.entry.country

    def _named_outlet(self) -> SourceRef | None:
        outlets = [
            self.reg.sources[m.entry.source]
            for m in sorted(self.named, key=lambda m: (-m.size, m.start))
            if isinstance(m.entry, Named) and self.reg.sources[m.entry.source].type == OUTLET
        ]
        return outlets[0].ref() if outlets else None

    # -- hospitals, countries, unknown names -------------------------------------------------------

    def _hospital(self, speakers: list[Match]) -> SourceRef | None:
        """An unlisted hospital named in the phrase, by the words that name it."""
        for head in speakers:
            if _category(head) != HOSPITAL or any(
                s.size > head.size and s.start <= head.start and head.end <= s.end for s in speakers
            ):
                continue
            taken = {i for m in self.countries + speakers for i in range(m.start, m.end)}
            if is_arabic(self.words[head.start]):
                end = head.end
                while end < len(self.words) and end not in taken and not self._is_link(end):
                    end += 1
                name = self.words[head.end : end]
            else:
                start = head.start
                while start > 0 and start - 1 not in taken and not self._is_link(start - 1):
                    start -= 1
                name = self.words[start : head.start]
            if name:
                slug = _bounded(self.reg.reader.slug(name))
                return SourceRef(
                    f"hospital:{slug}", "medical_source", self.written, self.written, False
                )
        return None

    def _country_alone(self) -> str | None:
        taken = {i for m in self.countries for i in range(m.start, m.end)}
        if not taken or any(
            i not in taken and not self._is_link(i) for i in range(len(self.words))
        ):
            return None
        first = min(self.countries, key=lambda c: (c.start, -c.size))
        assert isinstance(first.entry, CountryForm)
        return first.entry.country

    def _unknown(self) -> SourceRef:
        slug = _bounded(self.reg.reader.slug(self.words))
        return SourceRef(f"name:{slug}", OTHER, self.written, self.written, False)

    # -- helpers ---------------------------------------------------------------------------------

    def _outside(self, m: Match) -> set[int]:
        return set(range(len(self.words))) - set(range(m.start, m.end))

    def _is_link(self, i: int) -> bool:
        return not self.readings[i].isdisjoint(self.reg.links)

    def _after_counterpart(self, m: Match) -> bool:
        return m.start > 0 and not self.readings[m.start - 1].isdisjoint(self.reg.counterparts)


def _category(m: Match) -> str:
    assert isinstance(m.entry, Unnamed)
    return m.entry.category


def _rank(m: Match) -> int:
    assert isinstance(m.entry, Unnamed)
    return m.entry.rank


def _bounded(slug: str) -> str:
    if len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:10]
    return f"{slug[: MAX_SLUG - 11]}~{digest}"


def _kind_ref(reg: Registry, kind: str, country: str | None) -> SourceRef:
    """The body of ``kind`` in ``country``: the listed row, else one named from kinds.tsv."""
    spec = reg.kinds[kind]
    if country is None or country not in reg.countries:
        name_en = spec.name_en.format(adj="", name="").strip()
        name_ar = spec.name_ar.replace("({name})", "").replace("{name}", "").strip()
        return SourceRef(
            f"kind:{kind}", spec.type, f"{name_en} (country not given)", name_ar, False, kind
        )
    row = reg.by_kind.get((kind, country))
    if row is not None:
        return row.ref()
    place = reg.countries[country]
    return SourceRef(
        f"{country}.{kind}",
        spec.type,
        spec.name_en.format(adj=place.adjective_en, name=place.name_en),
        spec.name_ar.format(name=place.name_ar),
        True,
        kind,
        country,
    )


@lru_cache(maxsize=16384)
def source_ref(source_id: str, written: str | None = None) -> SourceRef:
    """The source an id names, as :func:`resolve_source` returned it (for renderers that
    hold only a claim's ``source_id``). ``written``: the phrase as written, shown for a
    source the registry does not know (``name:``, ``hospital:``, an unlisted outlet).
    """
    reg = registry()
    listed = reg.sources.get(source_id)
    if listed is not None:
        return listed.ref()
    if source_id.startswith("anon:"):
        category_name, _, qualifier = source_id[len("anon:") :].partition("@")
        category = reg.categories.get(category_name)
        owner = reg.sources.get(f"outlet:{qualifier}") or reg.sources.get(qualifier)
        owner_name = owner.name_en if owner is not None else qualifier
        if category is not None:
            return SourceRef(
                source_id,
                category.type,
                f"{category.name_en}, quoted by {owner_name}",
                category.name_ar,
                True,
            )
    if source_id.startswith("kind:") and source_id[len("kind:") :] in reg.kinds:
        return _kind_ref(reg, source_id[len("kind:") :], None)
    country, _, kind = source_id.partition(".")
    if kind in reg.kinds and country in reg.countries:
        return _kind_ref(reg, kind, country)
    shown = (written or "").strip() or source_id.split(":", 1)[-1]
    prefix = source_id.split(":", 1)[0] if ":" in source_id else ""
    type_ = {"hospital": "medical_source", "outlet": OUTLET}.get(prefix, OTHER)
    return SourceRef(source_id, type_, shown, shown, False)


def same_kind(a: str, b: str) -> bool:
    """Two ids of one kind of institution where one gave no country ("kind:health_ministry"
    and "lb.health_ministry": "وزارة الصحة" said without its country in a Lebanese incident).
    """
    for plain, full in ((a, b), (b, a)):
        if plain.startswith("kind:"):
            country, _, kind = full.partition(".")
            if kind == plain[len("kind:") :] and country in registry().countries:
                return True
    return False
