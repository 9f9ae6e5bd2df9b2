"""``raqib extract``: one bad line or one oversized article costs itself only."""

from __future__ import annotations

import argparse
import json

from streams.cli.common import EXIT_INPUT_ERRORS
from streams.cli.extract import run
from streams.settings import Settings


def _line(article_id: str, text: str) -> bytes:
    return json.dumps({"id": article_id, "text": text}, ensure_ascii=False).encode() + b"\n"


def test_poison_lines_are_reported_by_line_and_every_other_article_is_extracted(tmp_path, capsys):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        _line("a", "قتل 5 أشخاص في قصف على بلدة الراعي")
        + b'{"id": "deep", "text": "x", "n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
        + b'{"id": "lone", "text": "\\udc00 \xd9\x82\xd8\xaa\xd9\x84 9"}\n'
        + '{"id": "cp", "text": "قتل 4"}\n'.encode("cp1256")
        + _line("z", "قتل 7 أشخاص في قصف على بلدة الراعي")
    )  # fmt: skip
    code = run(argparse.Namespace(paths=[path]), Settings(data_dir=tmp_path))
    out, err = capsys.readouterr()
    claims = [json.loads(line) for line in out.splitlines()]
    assert code == EXIT_INPUT_ERRORS
    assert [(c["article"], c["min"]) for c in claims] == [("a", 5), ("z", 7)]
    assert [line.split(": ")[2] for line in err.splitlines()] == [
        f"{path}:2",
        f"{path}:3",
        f"{path}:4",
    ]


def test_a_file_over_the_size_limit_is_rejected_with_a_clear_message_and_the_rest_extracted(
    tmp_path, capsys
):
    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("قتل 5 أشخاص في قصف. " * 1000, encoding="utf-8")
    small.write_text("قتل 7 أشخاص في قصف على بلدة الراعي", encoding="utf-8")
    settings = Settings(data_dir=tmp_path, max_article_bytes=10_000)
    code = run(argparse.Namespace(paths=[big, small]), settings)
    out, err = capsys.readouterr()
    assert code == EXIT_INPUT_ERRORS
    assert [json.loads(line)["article"] for line in out.splitlines()] == ["small"]
    size = big.stat().st_size
    assert f"{big}: file of {size} bytes exceeds RAQIB_MAX_ARTICLE_BYTES=10000" in err


def test_an_article_of_a_json_document_over_the_size_limit_is_rejected_alone(tmp_path, capsys):
    path = tmp_path / "two.json"
    path.write_text(
        json.dumps([{"id": "big", "text": "قتل " * 3000}, {"id": "ok", "text": "قتل 7 أشخاص"}]),
        encoding="utf-8",
    )
    code = run(
        argparse.Namespace(paths=[path]), Settings(data_dir=tmp_path, max_article_bytes=10_000)
    )
    out, err = capsys.readouterr()
    assert code == EXIT_INPUT_ERRORS
    assert [json.loads(line)["article"] for line in out.splitlines()] == ["ok"]
    assert "article 'big'" in err and "exceeds RAQIB_MAX_ARTICLE_BYTES=10000" in err


def test_english_is_extracted_and_another_language_is_skipped_with_one_line(
    tmp_path, capsys, caplog
):
    path = tmp_path / "languages.jsonl"
    path.write_bytes(
        _line("en", "Police said 6 people were killed when the bridge collapsed.")
        + _line("es", "La policía dijo que seis personas murieron en el puente.")
    )
    code = run(argparse.Namespace(paths=[path]), Settings(data_dir=tmp_path))
    out, _ = capsys.readouterr()
    assert code == 0
    assert [(json.loads(x)["article"], json.loads(x)["lang"]) for x in out.splitlines()] == [
        ("en", "en")
    ]
    assert [r.getMessage() for r in caplog.records] == [
        "article es skipped: language 'und' is not read (raqib reads ar, en)"
    ]
