from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True)
def _no_raqib_environment(monkeypatch):
    """Settings built in these tests come from the deploy files only, not from this shell."""
    for key in list(os.environ):
        if key.startswith("RAQIB_"):
            monkeypatch.delenv(key)
