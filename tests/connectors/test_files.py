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
