"""Errors of the source registry."""

from __future__ import annotations


class RegistryError(Exception):
    """Base class of the registry's errors."""


class RegistryDataError(RegistryError):
    """A registry TSV file is malformed (wrong column count, unknown type, duplicate id or alias).

    Raised when the registry is first loaded, with the file and line, so a bad edit of the data
    fails the unit tests rather than resolving a source silently to the wrong body.
    """
