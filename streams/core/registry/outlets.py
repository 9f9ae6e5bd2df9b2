"""The outlet behind an article: its ``source`` field, a domain or a name, as one source.

A domain resolves through the ``domains`` column of the registry, its subdomains included
("english.alarabiya.net" → Al Arabiya); a name through the outlets' names ("الجزيرة",
"Reuters"). Anything else is an outlet the registry does not list, with the id
``outlet:<host>`` (``www.`` left out) or ``outlet:<normalized name>``: stable, so two articles
of one unlisted site are still one source.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .data import Named, Unnamed, registry
from .model import SourceRef

__all__ = ["resolve_outlet", "outlet_name_length", "UNKNOWN_OUTLET"]

DOMAIN = re.compile(
    r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/\s]*@)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)\.?(?::\d+)?(?:[/?#]\S*)?$"
)
HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "amp.", "mobile.")
UNKNOWN_OUTLET = SourceRef("outlet:unknown", "outlet", "an unknown outlet", "", False)


def host_of(text: str) -> str | None:
    """The host of a domain or URL, lower case and without ``www.``; None for a plain name."""
    match = DOMAIN.match(text.strip().lower())
    if match is None:
        return None
    host = match.group(1)
    for prefix in HOST_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
            break
    return host


@lru_cache(maxsize=4096)
def resolve_outlet(outlet: str | None) -> SourceRef:
    """The source behind an article's ``source`` field (a domain, a URL or a name)."""
    text = (outlet or "").strip()
    if not text:
        return UNKNOWN_OUTLET
    reg = registry()
    host = host_of(text)
    if host is not None:
        labels = host.split(".")
        for i in range(len(labels) - 1):
            row = reg.domains.get(".".join(labels[i:]))
            if row is not None:
                return row.ref()
        return SourceRef(f"outlet:{host}", "outlet", host, host, False)
    words = reg.reader.words(text)
    if not words:
        return UNKNOWN_OUTLET
    matches = reg.matches([reg.reader.readings(w) for w in words])
    framed = {i for m in matches if isinstance(m.entry, Unnamed) for i in range(m.start, m.end)}
    for m in sorted(matches, key=lambda m: -m.size):
        if isinstance(m.entry, Named):
            outside = set(range(len(words))) - set(range(m.start, m.end))
            if outside <= framed:
                return reg.sources[m.entry.source].ref()
    slug = reg.reader.slug(words)
    return SourceRef(f"outlet:{slug}", "outlet", text, text, False)


@lru_cache(maxsize=16384)
def outlet_name_length(words: tuple[str, ...]) -> int:
    """How many of ``words`` (tokens of text, normalized) name a listed news outlet at their
    start ("رويترز"، "وكالة الأناضول": what a speaker told, "قال ... لرويترز"); 0 for none.

    Names that are also ordinary words ("=الجزيرة" in the data) count only with a framing
    word before them ("قناة الجزيرة"), as everywhere in the registry.
    """
    reg = registry()
    readings = [reg.reader.readings(w) for w in words[:8]]
    found = 0
    framed = {
        i
        for m in reg.matches(readings)
        if isinstance(m.entry, Unnamed)
        for i in range(m.start, m.end)
    }
    for m in reg.matches(readings):
        if not isinstance(m.entry, Named) or reg.sources[m.entry.source].type != "outlet":
            continue
        if m.entry.whole_only and not framed.intersection(range(m.start)):
            continue
        if m.start == 0 or set(range(m.start)) <= framed:
            found = max(found, m.end)
    return found
