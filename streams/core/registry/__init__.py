"""The canonical source registry: one id per source, whatever name or language it goes by.

``resolve_source(phrase, outlet=, country=)`` turns the speaker of a figure ("وزارة الصحة
السورية", "Syria's health ministry", "مصدر طبي", None for the outlet's own voice) into a
:class:`SourceRef` with a stable ``id`` and a ``type``; ``resolve_outlet(source)`` does the
same for an article's outlet (a domain or a name); ``display(ref, written)`` names it for an
alert. The data are TSV files beside this module (see their headers); the code is pure and
cached, and never imports faust, aiokafka or httpx.
"""

from __future__ import annotations

from .data import speaking_bodies
from .exceptions import RegistryDataError, RegistryError
from .model import SourceRef
from .outlets import outlet_name_length, resolve_outlet
from .resolve import country_code, display, resolve_source, same_kind, source_ref

__all__ = [
    "SourceRef",
    "resolve_source",
    "source_ref",
    "same_kind",
    "resolve_outlet",
    "outlet_name_length",
    "display",
    "country_code",
    "speaking_bodies",
    "RegistryError",
    "RegistryDataError",
]
