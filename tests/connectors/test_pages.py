"""Arabic pages in UTF-8, windows-1256 and ISO-8859-6 decode and extract correctly."""

from __future__ import annotations

import pytest

from connectors.pages import charset_from_content_type, decode_html, extract_page, is_html

from .conftest import PAGES

ARABIC = "أعلنت وزارة الدفاع الروسية مقتل 60 عسكريا"


def page(charset_meta: str | None, text: str = ARABIC) -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return f"<html lang='ar'><head>{meta}<title>t</title></head><body><p>{text}</p></body></html>"


def test_windows_1256_fixture_is_really_windows_1256() -> None:
    raw = (PAGES / "deir-ez-zor-windows-1256.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert "قامت طائرات التحالف" in raw.decode("cp1256")


def test_charset_from_meta() -> None:
    raw = (PAGES / "deir-ez-zor-windows-1256.html").read_bytes()
    text, codec = decode_html(raw, "text/html")
    assert codec == "cp1256"
    assert "قامت طائرات التحالف الدولي" in text


def test_charset_from_header_wins_over_meta() -> None:
    raw = page("iso-8859-6").encode("cp1256")
    text, codec = decode_html(raw, "text/html; charset=windows-1256")
    assert codec == "cp1256" and ARABIC in text


def test_default_latin1_header_yields_to_meta() -> None:
    raw = page("windows-1256").encode("cp1256")
    text, codec = decode_html(raw, "text/html; charset=ISO-8859-1")
    assert codec == "cp1256" and ARABIC in text


def test_iso_8859_6_from_meta() -> None:
    raw = (PAGES / "russian-mod-iso-8859-6.html").read_bytes()
    text, codec = decode_html(raw, None)
    assert codec == "iso8859-6"
    assert "مقتل 60 عسكريا سوريا" in text


def test_http_equiv_meta() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        f"</head><body><p>{ARABIC}</p></body></html>"
    )
    text, codec = decode_html(html.encode("cp1256"), "")
    assert codec == "cp1256" and ARABIC in text


def test_utf8_without_any_declaration() -> None:
    text, codec = decode_html(page(None).encode("utf-8"), "text/html")
    assert codec == "utf-8" and ARABIC in text


def test_undeclared_windows_1256_is_detected() -> None:
    long_text = " ".join([ARABIC] * 20)
    text, _codec = decode_html(page(None, long_text).encode("cp1256"), "text/html")
    assert ARABIC in text


def test_wrong_header_charset_falls_through() -> None:
    raw = page("windows-1256").encode("cp1256")
    text, codec = decode_html(raw, "text/html; charset=utf-8")
    assert codec == "cp1256" and ARABIC in text


def test_utf8_bom() -> None:
    text, codec = decode_html(b"\xef\xbb\xbf" + page(None).encode(), "text/html; charset=cp1256")
    assert codec == "utf-8-sig" and ARABIC in text


def test_extract_page_metadata() -> None:
    html, _ = decode_html((PAGES / "deir-ez-zor-utf8.html").read_bytes(), "text/html")
    content = extract_page(html, "https://news.example/a")
    assert content.title == "مقتل 62 من جيش النظام في غارات للتحالف على دير الزور"
    assert content.date == "2016-09-17"
    assert content.lang == "ar"
    assert "أكثر من 60 جندياً" in content.text
    assert "الرئيسية" not in content.text


def test_page_without_article_text() -> None:
    html = (PAGES / "no-text.html").read_text("utf-8")
    assert len(extract_page(html).text) < 20  # at most a stray navigation link


def test_charset_from_content_type() -> None:
    assert charset_from_content_type('text/html; charset="Windows-1256"') == "cp1256"
    assert charset_from_content_type("text/html; charset=ISO-8859-6") == "iso8859-6"
    assert charset_from_content_type("text/html; charset=klingon") is None
    assert charset_from_content_type(None) is None


@pytest.mark.parametrize(
    ("content_type", "ok"),
    [
        ("text/html; charset=utf-8", True),
        ("", True),
        ("application/xhtml+xml", True),
        ("application/pdf", False),
        ("image/jpeg", False),
    ],
)
def test_is_html(content_type: str, ok: bool) -> None:
    assert is_html(content_type) is ok
