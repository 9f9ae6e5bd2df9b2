"""File replay: the input formats of docs/ARCHITECTURE.md, and clear errors on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from connectors.base import Rejected
from connectors.files import read_paths
from streams.core.model import Article


def _read(*paths: Path) -> tuple[list[Article], list[Rejected]]:
    items = list(read_paths(paths))
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, Rejected)
    ]


def test_a_txt_file_is_one_article_named_after_the_file(tmp_path):
    path = tmp_path / "story-1.txt"
    path.write_text("مقتل 5 أشخاص", encoding="utf-8")
    articles, rejected = _read(path)
    assert [(a.id, a.text) for a in articles] == [("story-1", "مقتل 5 أشخاص")]
    assert rejected == []


def test_the_seed_directory_yields_the_two_seed_articles(seeds_dir):
    articles, rejected = _read(seeds_dir)
    assert [a.id for a in articles] == ["000_68668790cc261656", "004_f4b57ad9e8c84b08"]
    assert rejected == []


def test_jsonl_lines_carry_metadata(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "x1",
                "source": "bbc.com",
                "published": "2023-09-12",
                "text": "نص",
                "url": "https://x/1",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    [article], _ = _read(path)
    assert (article.id, article.source, article.published, article.url) == (
        "x1",
        "bbc.com",
        "2023-09-12",
        "https://x/1",
    )


def test_a_jsonl_line_that_is_not_json_is_rejected_by_line_and_the_rest_read(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "text": "one"}\n{broken\n{"id": "b", "text": "two"}\n')
    articles, rejected = _read(path)
    assert [a.id for a in articles] == ["a", "b"]
    assert [r.origin for r in rejected] == [f"{path}:2"]
    assert "not JSON" in rejected[0].reason


def test_a_json_object_without_text_or_html_is_rejected(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a", "title": "headline only"}\n')
    articles, [rejected] = _read(path)
    assert articles == []
    assert "'text' or 'html'" in rejected.reason


def test_invalid_utf8_is_rejected_naming_the_file(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("مقتل".encode("cp1256"))
    articles, [rejected] = _read(path)
    assert articles == []
    assert rejected.origin == str(path) and "UTF-8" in rejected.reason


def test_an_empty_file_is_rejected(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("   \n")
    _, [rejected] = _read(path)
    assert "empty" in rejected.reason


def test_a_directory_without_articles_is_rejected(tmp_path):
    (tmp_path / "notes.md").write_text("nothing here")
    _, rejected = _read(tmp_path)
    assert [r.origin for r in rejected] == [str(tmp_path)]
    assert "no articles" in rejected[0].reason


def test_a_missing_path_is_rejected_and_later_paths_still_read(tmp_path, seeds_dir):
    articles, rejected = _read(tmp_path / "nope", seeds_dir)
    assert len(articles) == 2
    assert "no such file" in rejected[0].reason


def test_a_saved_html_page_gives_text_and_title(tmp_path):
    body = "<p>" + ("قالت وزارة الصحة إن 12 شخصا قتلوا في القصف. " * 5) + "</p>"
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>قصف</title></head><body><article>{body}</article></body></html>"
    )
    [article], _ = _read(path)
    assert article.id == "page" and "وزارة الصحة" in article.text


def test_directory_articles_all_dated_come_in_publication_order(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "late", "text": "x", "published": "2024-01-02"}\n')
    (tmp_path / "b.jsonl").write_text('{"id": "early", "text": "y", "published": "2024-01-01"}\n')
    articles, _ = _read(tmp_path)
    assert [a.id for a in articles] == ["early", "late"]


GOOD = '{"id": "a", "text": "مقتل 5 أشخاص"}\n'
LAST = '{"id": "z", "text": "مقتل 7 أشخاص"}\n'


def _jsonl_around(tmp_path: Path, bad: bytes) -> Path:
    path = tmp_path / "feed.jsonl"
    path.write_bytes(GOOD.encode() + bad + b"\n" + LAST.encode())
    return path


def _only_line_two_rejected(path: Path) -> Rejected:
    articles, rejected = _read(path)
    assert [a.id for a in articles] == ["a", "z"]
    assert [r.origin for r in rejected] == [f"{path}:2"]
    return rejected[0]


def test_a_line_nested_past_the_recursion_limit_is_an_error_for_its_line_only(tmp_path):
    path = _jsonl_around(
        tmp_path, b'{"id": "deep", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    )
    assert "nested too deeply" in _only_line_two_rejected(path).reason


def test_a_line_nested_deeper_than_an_article_can_be_is_an_error_for_its_line_only(tmp_path):
    path = _jsonl_around(
        tmp_path, b'{"id": "deep", "text": "x", "n": ' + b"[" * 500 + b"]" * 500 + b"}"
    )
    assert "nested deeper than" in _only_line_two_rejected(path).reason


def test_a_line_with_a_lone_surrogate_is_an_error_for_its_line_only(tmp_path):
    path = _jsonl_around(
        tmp_path, b'{"id": "s", "text": "\\ud800 \xd9\x85\xd9\x82\xd8\xaa\xd9\x84 5"}'
    )
    assert "lone surrogate" in _only_line_two_rejected(path).reason


def test_a_surrogate_pair_is_a_character_not_an_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "e", "text": "مقتل 5 أشخاص \\ud83d\\ude00"}\n')
    [article], [] = _read(path)
    assert article.text.endswith("😀")


def test_a_line_of_invalid_utf8_is_an_error_for_its_line_only_with_its_number(tmp_path):
    path = _jsonl_around(tmp_path, '{"id": "cp", "text": "مقتل 5"}'.encode("cp1256"))
    assert "not valid UTF-8" in _only_line_two_rejected(path).reason


def test_a_line_with_an_integer_too_long_to_read_is_an_error_for_its_line_only(tmp_path):
    path = _jsonl_around(tmp_path, b'{"id": ' + b"9" * 5000 + b', "text": "x"}')
    assert "not JSON this program can read" in _only_line_two_rejected(path).reason


def test_a_line_over_the_size_limit_is_rejected_unread_and_the_rest_read(tmp_path):
    big = json.dumps({"id": "big", "text": "قتل " * 400}, ensure_ascii=False).encode()
    path = _jsonl_around(tmp_path, big)
    items = list(read_paths([path], max_bytes=1000))
    assert [i.id for i in items if isinstance(i, Article)] == ["a", "z"]
    [rejected] = [i for i in items if isinstance(i, Rejected)]
    assert rejected.origin == f"{path}:2"
    assert f"line of {len(big)} bytes exceeds RAQIB_MAX_ARTICLE_BYTES=1000" in rejected.reason


def test_a_text_file_over_the_size_limit_is_rejected_and_later_files_read(tmp_path):
    (tmp_path / "a.txt").write_text("قتل " * 400, encoding="utf-8")
    (tmp_path / "b.txt").write_text("مقتل 5 أشخاص", encoding="utf-8")
    items = list(read_paths([tmp_path / "a.txt", tmp_path / "b.txt"], max_bytes=1000))
    assert [i.id for i in items if isinstance(i, Article)] == ["b"]
    [rejected] = [i for i in items if isinstance(i, Rejected)]
    assert rejected.origin == str(tmp_path / "a.txt") and "exceeds" in rejected.reason


def test_a_jsonl_file_is_read_as_it_is_consumed_not_whole(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(GOOD, encoding="utf-8")
    items = read_paths([path])
    assert next(items).id == "a"
    with path.open("a", encoding="utf-8") as f:
        f.write(LAST)  # written after the first article was read: still read
    assert [i.id for i in items] == ["z"]


def test_a_bom_at_the_start_of_a_jsonl_file_is_not_an_error(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    [article], [] = _read(path)
    assert article.id == "a"


def test_undated_articles_of_a_directory_come_in_name_order_after_its_rejections(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"id": "first", "text": "x"}\n{oops\n')
    (tmp_path / "b.txt").write_text("second")
    items = list(read_paths([tmp_path]))
    assert [getattr(i, "id", None) for i in items] == [None, "first", "b"]


def test_dated_articles_of_a_directory_are_read_again_whole_in_publication_order(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        '{"id": "late", "text": "نص متأخر", "published": "2024-01-03"}\n'
        '{"id": "early", "text": "نص مبكر", "published": "2024-01-01", "source": "x.com"}\n'
    )
    (tmp_path / "b.json").write_text('[{"id": "mid", "text": "وسط", "published": "2024-01-02"}]')
    articles, _ = _read(tmp_path)
    assert [(a.id, a.text) for a in articles] == [
        ("early", "نص مبكر"),
        ("mid", "وسط"),
        ("late", "نص متأخر"),
    ]
    assert articles[0].source == "x.com"


def test_dated_articles_read_again_keep_the_ids_they_were_given_the_first_time(tmp_path):
    (tmp_path / "a.jsonl").write_bytes(
        b"\xef\xbb\xbf"
        + '{"text": "الأول", "published": "2024-01-02"}\n'.encode()
        + '{"text": "الثاني", "published": "2024-01-01"}\n'.encode()
    )
    first = {a.text: a.id for a in read_paths([tmp_path / "a.jsonl"]) if isinstance(a, Article)}
    articles, rejected = _read(tmp_path)
    assert rejected == []
    assert [(a.text, a.id) for a in articles] == [
        ("الثاني", first["الثاني"]),
        ("الأول", first["الأول"]),
    ]
