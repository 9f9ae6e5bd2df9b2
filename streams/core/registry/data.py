"""The registry's data files, loaded once into indexes (names, kinds, countries, domains).

Every list is a TSV file beside this module (``#`` comment lines, one row a line, English
glosses for review). Loading validates them: a duplicate id, an unknown type, kind or country,
or one name given to two sources raises :class:`RegistryDataError` naming the file and line.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from streams.core.text.lexicon import PhraseTable, numbered_rows
from streams.core.text.tokens import phrase_tokens

from .exceptions import RegistryDataError
from .model import Category, Country, Kind, Source
from .tokens import Reader, is_arabic

__all__ = [
    "Registry",
    "registry",
    "speaking_bodies",
    "Named",
    "KindHead",
    "CountryForm",
    "Unnamed",
    "Match",
]

SOURCE_FILES = (
    "sources_international.tsv",
    "sources_government.tsv",
    "sources_armed_groups.tsv",
    "sources_medical.tsv",
    "sources_outlets.tsv",
)
EMPTY = "-"
WHOLE_ONLY = "="  # alias prefix: only as the whole phrase (with framing words)
NEEDS_COUNTRY = "+"  # kind head prefix: only with a country form beside it


@dataclass(frozen=True)
class Named:
    """A name of a listed source."""

    source: str
    whole_only: bool


@dataclass(frozen=True)
class KindHead:
    """A word naming an institution by its function ("وزارة الصحة", "police")."""

    kind: str
    needs_country: bool


@dataclass(frozen=True)
class CountryForm:
    """A country's name, demonym, capital or designator ("السوري", "Hamas-run")."""

    country: str


@dataclass(frozen=True)
class Unnamed:
    """A phrase naming an unnamed speaker ("مصدر طبي") or framing an outlet ("قناة")."""

    category: str
    rank: int


Entry = Named | KindHead | CountryForm | Unnamed


@dataclass(frozen=True)
class Match:
    """``entry`` matched tokens ``start``..``end`` (exclusive) of a phrase."""

    start: int
    end: int
    entry: Entry

    @property
    def size(self) -> int:
        """How many tokens the match covers (the longest known name wins)."""
        return self.end - self.start


def _rows(name: str, columns: int) -> Iterator[tuple[int, list[str]]]:
    for number, row in numbered_rows(f"registry/{name}"):
        fields, line = list(row), "\t".join(row)
        if len(fields) != columns:
            raise RegistryDataError(
                f"{name}:{number}: {len(fields)} columns, expected {columns}: {line[:80]!r}"
            )
        yield number, fields


def _split(field: str) -> tuple[str, ...]:
    if field == EMPTY:
        return ()
    return tuple(part.strip() for part in field.split("|") if part.strip())


def _plain(name_en: str) -> str:
    """A canonical English name as an alias: lower case but for acronyms, no parenthesis."""
    words = name_en.split(" (")[0].split()
    return " ".join(w if w.isupper() and len(w) > 1 else w.lower() for w in words)


class Registry:
    """All the registry's data, indexed for matching phrases and domains."""

    def __init__(self) -> None:
        self.types = {t: label for _, (t, label) in _rows("types.tsv", 2)}
        self.function_words = {w: role for _, (w, role, _g) in _rows("function_words.tsv", 3)}
        stops = frozenset(w for w, role in self.function_words.items() if role == "stop")
        spellings = {v: c for _, (v, c, _g) in _rows("spellings_en.tsv", 3)}
        self.reader = Reader(spellings, stops)
        self.links = frozenset(
            key
            for w, role in self.function_words.items()
            if role != "stop"
            for key in self.reader.keys(w)
        )
        self.counterparts = frozenset(
            key
            for w, role in self.function_words.items()
            if role == "counterpart"
            for key in self.reader.keys(w)
        )
        self._index: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        self._named_keys: dict[tuple[str, ...], str] = {}
        self.countries: dict[str, Country] = {}
        self.kinds: dict[str, Kind] = {}
        self.categories: dict[str, Category] = {}
        self.sources: dict[str, Source] = {}
        self.by_kind: dict[tuple[str, str], Source] = {}
        self.domains: dict[str, Source] = {}
        self._load_countries()
        self._load_kinds()
        self._load_unnamed()
        for name in SOURCE_FILES:
            self._load_sources(name)
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))

    # -- loading -------------------------------------------------------------------------------

    def _add(self, name: str, entry: Entry, where: str) -> None:
        keys = self.reader.keys(name)
        if not keys:
            raise RegistryDataError(f"{where}: the name {name!r} has no words")
        if isinstance(entry, Named):
            owner = self._named_keys.setdefault(keys, entry.source)
            if owner != entry.source:
                raise RegistryDataError(f"{where}: {name!r} already names {owner}")
        self._index.setdefault(keys[0], []).append((keys, entry))

    def _load_countries(self) -> None:
        for number, (code, name_en, adj, name_ar, forms_ar, forms_en) in _rows("countries.tsv", 6):
            self.countries[code] = Country(code, name_en, adj, name_ar)
            for form in _split(forms_ar) + _split(forms_en):
                self._add(form, CountryForm(code), f"countries.tsv:{number}")

    def _load_kinds(self) -> None:
        for number, fields in _rows("kinds.tsv", 7):
            kind, type_, country_from, name_en, name_ar, heads_ar, heads_en = fields
            self._check_type(type_, f"kinds.tsv:{number}")
            if country_from not in ("named", "group", "incident"):
                raise RegistryDataError(f"kinds.tsv:{number}: country: named, group or incident")
            self.kinds[kind] = Kind(
                kind, type_, country_from == "incident", country_from == "group", name_en, name_ar
            )
            for head in _split(heads_ar) + _split(heads_en):
                needs = head.startswith(NEEDS_COUNTRY)
                self._add(head.lstrip(NEEDS_COUNTRY), KindHead(kind, needs), f"kinds.tsv:{number}")

    def _load_unnamed(self) -> None:
        for number, (category, type_, name_en, name_ar) in _rows("categories.tsv", 4):
            self._check_type(type_, f"categories.tsv:{number}")
            self.categories[category] = Category(category, type_, name_en, name_ar)
        for number, (phrase, category, rank, _gloss) in _rows("unnamed.tsv", 4):
            if category not in self.categories:
                raise RegistryDataError(f"unnamed.tsv:{number}: unknown category {category!r}")
            self._add(phrase, Unnamed(category, int(rank)), f"unnamed.tsv:{number}")

    def _load_sources(self, name: str) -> None:
        for number, fields in _rows(name, 9):
            where = f"{name}:{number}"
            sid, type_, kinds, country, name_en, name_ar, aliases_ar, aliases_en, domains = fields
            self._check_type(type_, where)
            if sid in self.sources:
                raise RegistryDataError(f"{where}: duplicate id {sid!r}")
            source = Source(
                sid,
                type_,
                _split(kinds),
                None if country == EMPTY else country,
                name_en,
                name_ar,
                _split(aliases_ar),
                _split(aliases_en),
                tuple(d.lower() for d in _split(domains)),
            )
            if source.country is not None and source.country not in self.countries:
                raise RegistryDataError(f"{where}: unknown country {country!r}")
            for kind in source.kinds:
                if kind not in self.kinds:
                    raise RegistryDataError(f"{where}: unknown kind {kind!r}")
                if source.country is None:
                    raise RegistryDataError(f"{where}: a kind needs a country")
                if (kind, source.country) in self.by_kind:
                    raise RegistryDataError(f"{where}: a second {kind} for {source.country}")
                self.by_kind[(kind, source.country)] = source
            self.sources[sid] = source
            aliases = {*source.aliases_ar, *source.aliases_en}
            whole = {self.reader.keys(a.lstrip(WHOLE_ONLY)) for a in aliases if a[0] == WHOLE_ONLY}
            names = {a.lstrip(WHOLE_ONLY) for a in aliases} | {name_ar, _plain(name_en)}
            for alias in sorted(names):  # the canonical names are as ambiguous as their aliases
                self._add(alias, Named(sid, self.reader.keys(alias) in whole), where)
            for domain in source.domains:
                if domain in self.domains:
                    raise RegistryDataError(f"{where}: domain {domain} already listed")
                self.domains[domain] = source

    def _check_type(self, type_: str, where: str) -> None:
        if type_ not in self.types:
            raise RegistryDataError(f"{where}: unknown type {type_!r}")

    # -- matching ------------------------------------------------------------------------------

    def matches(self, readings: list[frozenset[str]]) -> list[Match]:
        """Every entry whose name occurs in the phrase (overlaps included)."""
        found: list[Match] = []
        seen: set[tuple[int, int, Entry]] = set()
        n = len(readings)
        for i in range(n):
            for reading in readings[i]:
                for keys, entry in self._index.get(reading, ()):
                    end = i + len(keys)
                    if end > n or (end, i, entry) in seen:
                        continue
                    if all(keys[k] in readings[i + k] for k in range(1, len(keys))):
                        seen.add((end, i, entry))
                        found.append(Match(i, end, entry))
        return found


@lru_cache(maxsize=1)
def registry() -> Registry:
    """The registry, loaded on first use (about 50 ms) and shared by the process."""
    return Registry()


# bodies that speak by name, without a speech verb ("المرصد السوري: ..."، "... أن"): monitors,
# UN agencies and NGOs (a government speaks through its ministries, named by a head noun)
SPEAKING_TYPES = frozenset({"monitor", "un_agency", "ngo"})


def speaking_bodies() -> PhraseTable:
    """The Arabic names and aliases of the bodies that speak by name, as a phrase table of
    the extractor (normalized words → the source's id). Names that are ordinary words
    ("=" in the data) are left out.
    """
    entries: dict[tuple[str, ...], str] = {}
    for source in registry().sources.values():
        if source.type not in SPEAKING_TYPES:
            continue
        for name in (source.name_ar.split(" (")[0], *source.aliases_ar):
            if name.startswith(WHOLE_ONLY) or not is_arabic(name):
                continue
            key = phrase_tokens(name)
            if key:
                entries.setdefault(key, source.id)
    return PhraseTable(entries.items())
