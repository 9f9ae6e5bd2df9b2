"""``?limit=`` on the worker's API: a count, or 400 with the reason (never a 500)."""

from __future__ import annotations

import pytest

from streams.web.views import MAX_LIMIT, BadQuery, parse_limit


@pytest.mark.parametrize("raw, limit", [(None, 100), ("", 100), ("0", 0), ("25", 25)])
def test_a_limit_is_a_whole_number(raw, limit):
    assert parse_limit(raw) == limit


def test_a_huge_limit_is_capped():
    assert parse_limit("99999999999999999999") == MAX_LIMIT


@pytest.mark.parametrize("raw", ["abc", "1.5", "-1", "1e3", " "])
def test_anything_else_is_refused_with_the_reason(raw):
    with pytest.raises(BadQuery, match="limit must be"):
        parse_limit(raw)
