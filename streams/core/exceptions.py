"""Errors of the pure core, with messages a user can act on."""

from __future__ import annotations


class CoreError(Exception):
    """Base class of raqib's core errors."""


class LexiconError(CoreError, ValueError):
    """A lexicon file in ``streams/core/lexicons/`` is malformed (a packaging or editing bug)."""
