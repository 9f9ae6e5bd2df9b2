"""URL canonicalisation: pure ``str -> str`` functions, no I/O.

Two links to the same article must compare equal after :func:`canonical_url`, so
the seen-set and the article id do not depend on tracking parameters, case of the
host, default ports, fragments or parameter order.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

__all__ = ["TRACKING_PARAMS", "TRACKING_PREFIXES", "canonical_url", "is_http_url", "url_host"]

TRACKING_PREFIXES: tuple[str, ...] = ("utm_", "at_", "pk_", "mtm_", "hsa_")
TRACKING_PARAMS: frozenset[str] = frozenset(
    {
        "fbclid",
        "gclid",
        "gclsrc",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "ocid",
        "cmpid",
        "ns_mchannel",
        "ns_source",
        "ns_campaign",
        "ns_linkname",
        "ns_fee",
        "spm",
        "ref_src",
        "ref_url",
    }
)
DEFAULT_PORTS: dict[str, int] = {"http": 80, "https": 443}
PERCENT_ESCAPE = re.compile(r"%[0-9a-fA-F]{2}")
PATH_SAFE = "/:@!$&'()*+,;=-._~%"


def is_http_url(url: str) -> bool:
    """True for absolute ``http``/``https`` URLs with a host."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


def url_host(url: str) -> str:
    """The lower-cased host of ``url`` ('' when there is none)."""
    try:
        return (urlsplit(url).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def _upper_escapes(text: str) -> str:
    return PERCENT_ESCAPE.sub(lambda m: m.group(0).upper(), text)


def canonical_url(url: str) -> str:
    """The canonical form of an http(s) URL.

    Lower-cases scheme and host, drops default ports, fragments and tracking
    parameters (``utm_*``, ``fbclid``, ``gclid``...), sorts the query, percent-encodes
    raw non-ASCII path characters (so an Arabic slug typed raw and one already encoded
    compare equal) and gives an empty path as ``/``. Other URLs come back stripped only.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".").lower()
    if ":" in host:
        host = f"[{host}]"
    if port is not None and port != DEFAULT_PORTS[scheme]:
        host = f"{host}:{port}"
    userinfo = parts.netloc.rpartition("@")[0]
    netloc = f"{userinfo}@{host}" if userinfo else host
    path = _upper_escapes(quote(parts.path or "/", safe=PATH_SAFE))
    pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query = urlencode(sorted(pairs), doseq=False, quote_via=quote, safe="/:@!$'()*,;~")
    return urlunsplit((scheme, netloc, path, query, ""))
