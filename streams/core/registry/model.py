"""What the registry returns: a canonical source reference, and the rows it is built from."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SourceRef", "Source", "Kind", "Country", "Category"]


@dataclass(frozen=True)
class SourceRef:
    """One canonical source, whatever name it went by.

    ``id`` is stable across runs, languages and spellings: equal ids are one source (a revision
    is an update), different ids are different sources (a disagreement is a contradiction).
    ``type`` is one of ``types.tsv`` (government, un_agency, ngo, monitor, armed_group,
    security_source, medical_source, civil_defence, outlet, unnamed, other). ``known`` is False
    when the registry did not recognise the body (an unknown person, an unlisted hospital or
    outlet, a ministry whose country is not given): the id is then derived from the name as
    written and the Arabic (or English) as written is what to show.
    ``kind`` (health_ministry, police, ...) and ``country`` (ISO 3166 alpha-2, lowercase) are set
    when the registry knows them.
    """

    id: str
    type: str
    name_en: str
    name_ar: str
    known: bool
    kind: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class Source:
    """A row of ``sources_*.tsv``: one body with its names and domains."""

    id: str
    type: str
    kinds: tuple[str, ...]
    country: str | None
    name_en: str
    name_ar: str
    aliases_ar: tuple[str, ...]
    aliases_en: tuple[str, ...]
    domains: tuple[str, ...]

    def ref(self) -> SourceRef:
        """This source as a resolution result."""
        return SourceRef(
            self.id,
            self.type,
            self.name_en,
            self.name_ar,
            True,
            self.kinds[0] if self.kinds else None,
            self.country,
        )


@dataclass(frozen=True)
class Kind:
    """A row of ``kinds.tsv``: an institution every country has (health ministry, police...)."""

    kind: str
    type: str
    country_from_incident: bool  # the country named in the phrase is where it sits, not whose
    group_beside: bool  # an armed group named beside it is the group ("قوات حماس")
    name_en: str
    name_ar: str


@dataclass(frozen=True)
class Country:
    """A row of ``countries.tsv``."""

    code: str
    name_en: str
    adjective_en: str
    name_ar: str


@dataclass(frozen=True)
class Category:
    """A row of ``categories.tsv``: a kind of unnamed speaker."""

    category: str
    type: str
    name_en: str
    name_ar: str
