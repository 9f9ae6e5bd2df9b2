"""Article pages: bytes -> text, and HTML -> article text and metadata. No I/O.

:func:`decode_html` picks the character set the way browsers mostly do: a BOM, then the
``Content-Type`` charset (unless it is the ISO-8859-1 that servers send by default and
the page's ``<meta>`` says otherwise), then ``<meta charset>`` / ``http-equiv``, then
strict UTF-8, then detection (charset-normalizer). Old Arabic sites serve windows-1256
and ISO-8859-6; both decode here.

:func:`extract_page` runs trafilatura on the decoded HTML (``bare_extraction`` with
metadata) and returns the text, title, date and language.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer
import trafilatura

__all__ = ["PageContent", "charset_from_content_type", "decode_html", "extract_page", "is_html"]

META_CHARSET = re.compile(
    rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
HTML_LANG = re.compile(r"""<html[^>]*?\blang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)
WEAK_HEADER_CHARSETS = frozenset({"latin_1", "iso8859-1", "cp1252", "ascii"})
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml")


@dataclass(frozen=True)
class PageContent:
    """What trafilatura found in a page. ``text`` is '' when it found no article text."""

    text: str
    title: str | None = None
    date: str | None = None
    lang: str | None = None
    encoding: str | None = None


def _codec(label: str | bytes | None) -> str | None:
    if not label:
        return None
    if isinstance(label, bytes):
        label = label.decode("ascii", "ignore")
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The Python codec name of a ``Content-Type`` charset parameter, if known."""
    match = CONTENT_TYPE_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


def is_html(content_type: str | None) -> bool:
    """True when ``content_type`` is HTML-ish or missing (servers omit it often)."""
    kind = (content_type or "").split(";")[0].strip().lower()
    return not kind or kind in HTML_TYPES


def _try(body: bytes, codec: str | None) -> str | None:
    if codec is None:
        return None
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """``(text, codec)`` of an HTML body. Never raises: the last resort is UTF-8 with replacement."""
    for bom, codec in BOMS:
        if body.startswith(bom):
            return body.decode(codec, "replace"), codec
    header = charset_from_content_type(content_type)
    meta_match = META_CHARSET.search(body[:4096])
    meta = _codec(meta_match.group(1)) if meta_match else None
    if meta in ("utf-16", "utf-16-le", "utf-16-be"):
        meta = "utf-8"  # a UTF-16 page could not have been read this far as ASCII
    order = [meta, header] if header in WEAK_HEADER_CHARSETS and meta else [header, meta]
    for codec in [*order, "utf-8"]:
        text = _try(body, codec)
        if text is not None:
            return text, codec or "utf-8"
    best = charset_normalizer.from_bytes(body).best()
    if best is not None and (text := _try(body, _codec(best.encoding))) is not None:
        return text, _codec(best.encoding) or best.encoding
    return body.decode("utf-8", "replace"), "utf-8"


def extract_page(html: str, url: str | None = None) -> PageContent:
    """Article text and metadata of ``html`` via trafilatura; empty text when there is none."""
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if document is None:
        return PageContent(text="", lang=_html_lang(html))
    data = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    text = (data.get("text") or "").strip()
    lang_match = data.get("language") or _html_lang(html)
    return PageContent(
        text=text,
        title=(data.get("title") or None),
        date=(data.get("date") or None),
        lang=lang_match,
    )


def _html_lang(html: str) -> str | None:
    match = HTML_LANG.search(html[:4096])
    return match.group(1).lower() if match else None
