"""raqib's pure core: every decision, as plain functions over plain data.

Nothing here imports faust, aiokafka or httpx (``streams/core/ruff.toml`` makes that a lint
error): the core runs in a test, a benchmark or ``raqib replay --offline`` as it runs in a
worker. The public surface, in the order an article meets it:

* the data: :class:`Article`, :class:`Claim`, :class:`Alert` (:mod:`.model`);
* extraction: :func:`extract_claims` (:mod:`.extract`, on the text layer :mod:`.text`);
* events: :func:`signature_of` (:mod:`.events`);
* the contradiction rules: :func:`contradicts`, :func:`conflicts` (:mod:`.conflicts`);
* words for readers: :func:`figure_text`, :func:`source_text` (:mod:`.wording`);
* the batch steps: :func:`extract_article`, :func:`resolve_batch`, :func:`apply_batch`
  and the offline runner :func:`run_offline` (:mod:`.offline`).
"""

from .conflicts import conflicts, contradicts
from .events.signature import Signature, signature_of
from .exceptions import CoreError, LexiconError
from .extract import extract_claims
from .model import Alert, Article, Claim, stable_hash
from .offline import OfflineResult, run_offline
from .pipeline import (
    EventClosed,
    Extracted,
    Progress,
    apply_batch,
    extract_article,
    resolve_batch,
)
from .sources import same_source
from .wording import figure_text, source_text

__all__ = [
    "Alert",
    "Article",
    "Claim",
    "CoreError",
    "EventClosed",
    "Extracted",
    "LexiconError",
    "OfflineResult",
    "Progress",
    "Signature",
    "apply_batch",
    "conflicts",
    "contradicts",
    "extract_article",
    "extract_claims",
    "figure_text",
    "resolve_batch",
    "run_offline",
    "same_source",
    "signature_of",
    "source_text",
    "stable_hash",
]
