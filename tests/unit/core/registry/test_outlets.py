"""An article's outlet, given as a domain, a URL or a name, is one source."""

from __future__ import annotations

import pytest

from streams.core.registry import resolve_outlet, resolve_source


@pytest.mark.parametrize(
    "source",
    ["aljazeera.net", "www.aljazeera.net", "https://www.aljazeera.net/news/x", "aljazeera.com",
     "الجزيرة", "قناة الجزيرة", "Al Jazeera", "Al Jazeera English"],
)  # fmt: skip
def test_domains_and_names_of_one_outlet_resolve_to_one_id(source):
    assert resolve_outlet(source).id == "outlet:aljazeera"


def test_a_subdomain_is_its_outlet():
    assert resolve_outlet("english.alarabiya.net").id == "outlet:alarabiya"
    assert resolve_outlet("arabic.rt.com").id == resolve_outlet("rt.com").id == "outlet:rt"


def test_an_unlisted_outlet_keeps_its_host_or_name_as_id():
    assert resolve_outlet("www.example-news.ma").id == "outlet:example-news.ma"
    assert resolve_outlet("جريدة الغد الجديد").id == "outlet:جريده-الغد-الجديد"
    assert not resolve_outlet("example-news.ma").known


def test_the_outlets_own_voice_is_the_outlet():
    assert resolve_source(None, outlet="reuters.com").id == "outlet:reuters"
    assert resolve_source(None, outlet="Reuters").id == "outlet:reuters"


def test_an_organisations_own_site_is_the_organisation():
    assert resolve_outlet("www.who.int").id == "un.who"
