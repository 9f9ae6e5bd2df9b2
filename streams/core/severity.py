"""How much an alert matters: ``low``, ``medium`` or ``high``, from the size of the
disagreement and who disagrees.

An operator reads "high" as "look now". It must stay rare, so it needs all of:

* a **large gap**: the two ranges are at least :data:`GAP_HIGH` (40 %) of the larger figure
  apart (120 vs 60 killed; not 80 vs 62);
* **two named authorities**: both sources are of a type whose standing is
  ``authoritative`` in ``lexicons/severity_sources.tsv`` (government, UN agency, monitor,
  medical body) and neither is an unnamed speaker;
* **definite figures**: neither side is a vague quantity ("dozens", "hundreds": an
  approximate range). An approximate point ("about 60") or a floor ("more than 60") is
  definite enough.

An alert is "low" when the gap is small (under :data:`GAP_MEDIUM`, 15 %), when either side
is an unnamed source ("a medical source", "witnesses", an unnamed official) or when either
figure is vague: such disagreements are common and often resolve themselves. A pair from one
canonical source (the same registry id on both sides: a running toll the rules did not
recognise as a revision) is "low" too. Everything else is "medium". An alert listing several conflicting claims takes the most severe of its
pairs (new claim, listed claim).

The standing of a source comes from its registry type (``claim.source_type``, set at
extraction); a claim that does not carry one yet is resolved here with the same registry
(:func:`streams.core.registry.resolve_source`), so the rule gives the same answer either way.
Pure: the same claims always give the same severity.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from .conflicts import widened
from .model import Claim
from .registry import resolve_source
from .text import load_rows

__all__ = ["GAP_HIGH", "GAP_MEDIUM", "pair_severity", "relative_gap", "severity", "standing"]

GAP_MEDIUM = 0.15
GAP_HIGH = 0.40
RANK = {"low": 0, "medium": 1, "high": 2}
AUTHORITATIVE, NAMED, UNNAMED = "authoritative", "named", "unnamed"
# Registry ids of speakers nobody named start with this (streams/core/registry/resolve.py).
UNNAMED_ID_PREFIX = "anon:"

STANDING: dict[str, str] = {row[0]: row[1] for row in load_rows("severity_sources.tsv")}


def relative_gap(a: Claim, b: Claim, tolerance: float = 0.0) -> float:
    """How far apart two ranges are, as a fraction of the larger bound (0 when they meet)."""
    (alo, ahi), (blo, bhi) = widened(a, tolerance), widened(b, tolerance)
    if alo > bhi:
        return (alo - bhi) / alo
    if blo > ahi:
        return (blo - ahi) / blo
    return 0.0


def standing(claim: Claim) -> str:
    """``authoritative``, ``named`` or ``unnamed``: what the claim's source weighs."""
    return _standing(*_source(claim))


def _source(claim: Claim) -> tuple[str, str]:
    """The claim's registry id and type: as it carries them, else resolved from its words."""
    if claim.source_type and claim.source_id:
        return claim.source_id, claim.source_type
    return _resolved(claim.attributed_to, claim.source)


@lru_cache(maxsize=65536)
def _resolved(attributed_to: str | None, outlet: str | None) -> tuple[str, str]:
    ref = resolve_source(attributed_to, outlet=outlet)
    return ref.id, ref.type


def _standing(source_id: str, source_type: str) -> str:
    if source_id.startswith(UNNAMED_ID_PREFIX):
        return UNNAMED
    return STANDING.get(source_type, NAMED)


def is_vague(claim: Claim) -> bool:
    """A vague quantity: an approximate range ("dozens" = 20–99), not an approximate point."""
    return claim.approximate and claim.max != claim.min


def pair_severity(a: Claim, b: Claim, tolerance: float = 0.0) -> str:
    """The severity of one contradiction between ``a`` and ``b`` (see the module docstring)."""
    if is_vague(a) or is_vague(b) or UNNAMED in (standing(a), standing(b)):
        return "low"
    if _source(a)[0] == _source(b)[0]:
        return "low"
    gap = relative_gap(a, b, tolerance)
    if gap < GAP_MEDIUM:
        return "low"
    if gap >= GAP_HIGH and standing(a) == standing(b) == AUTHORITATIVE:
        return "high"
    return "medium"


def severity(new: Claim, conflicting: Iterable[Claim], tolerance: float = 0.0) -> str:
    """The alert's severity: the most severe of its pairs (``low`` when it lists none)."""
    return max(
        (pair_severity(new, other, tolerance) for other in conflicting),
        key=RANK.__getitem__,
        default="low",
    )
