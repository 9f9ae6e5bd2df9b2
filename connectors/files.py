"""Replay of saved articles: ``.txt``, ``.html``, ``.jsonl``/``.json`` files and directories.

Input formats are those of docs/ARCHITECTURE.md ("Input formats"). Every problem with the input — an
empty file, bytes that are not UTF-8, a line that is not JSON, an object without
text, a directory with no articles — becomes a :class:`~connectors.base.Rejected`
naming the file (and line) and the problem; the rest of the input is still read.

Delivery: files are read in order and each article is emitted once per run; a
replay run twice emits the same article ids again, which the pipeline treats as
redeliveries (nothing changes downstream).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from connectors.base import Emit, Reject, Rejected, Source
from streams.core.model import Article, stable_hash

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json")
TEXT_FIELDS = ("id", "url", "source", "published", "title", "lang")


def _decode(path: Path, raw: bytes) -> str | Rejected:
    if not raw.strip():
        return Rejected(str(path), "empty file: no article text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Rejected(
            str(path),
            f"not valid UTF-8 at byte {exc.start} ({exc.reason}); save the file as UTF-8",
            raw[:200],
        )


def html_to_article(html: str | bytes, article_id: str, origin: str) -> Article | Rejected:
    """Text and metadata of a saved page through trafilatura."""
    import trafilatura

    extracted: Any = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    doc: dict[str, Any] = (
        extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted or {})
    )
    text = doc.get("text") or ""
    if not text.strip():
        return Rejected(origin, "no article text found in the HTML page")
    return Article(
        id=article_id,
        text=text,
        source=doc.get("sitename") or doc.get("hostname"),
        url=doc.get("url"),
        published=doc.get("date"),
        title=doc.get("title"),
        lang=doc.get("language"),
    )


def object_to_article(obj: Any, origin: str, default_id: str) -> Article | Rejected:
    """One JSON object of the input format → an article, or why it is not one."""
    if not isinstance(obj, dict):
        return Rejected(origin, f"expected a JSON object, got {type(obj).__name__}")
    text, html = obj.get("text"), obj.get("html")
    for name in TEXT_FIELDS:
        value = obj.get(name)
        if value is not None and not isinstance(value, str | int):
            return Rejected(origin, f"field {name!r} must be a string, got {type(value).__name__}")
    if isinstance(text, str) and text.strip():
        pass
    elif isinstance(html, str) and html.strip():
        from_html = html_to_article(html, "", origin)
        if isinstance(from_html, Rejected):
            return from_html
        text = from_html.text
        obj = {**{k: v for k, v in from_html.to_json().items() if v}, **obj}
    else:
        return Rejected(origin, "no 'text' or 'html' field with content")
    article_id = obj.get("id")
    if article_id is None or str(article_id).strip() == "":
        article_id = stable_hash(obj.get("url") or text) if obj.get("url") else default_id
    extra = {k: v for k, v in obj.items() if k not in (*TEXT_FIELDS, "text", "html")}
    return Article(
        id=str(article_id),
        text=str(text),
        source=_opt(obj.get("source")),
        url=_opt(obj.get("url")),
        published=_opt(obj.get("published")),
        title=_opt(obj.get("title")),
        lang=_opt(obj.get("lang")),
        extra=extra,
    )


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


def read_file(path: Path) -> Iterator[Article | Rejected]:
    """Articles (and rejections) of one file, in file order."""
    suffix = path.suffix.lower()
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Rejected(str(path), f"cannot read: {exc.strerror or exc}")
        return
    if suffix in (".html", ".htm"):
        if not raw.strip():
            yield Rejected(str(path), "empty file: no article text")
            return
        yield html_to_article(raw, path.stem, str(path))
        return
    text = _decode(path, raw)
    if isinstance(text, Rejected):
        yield text
        return
    if suffix == ".txt":
        yield Article(id=path.stem, text=text)
    elif suffix == ".jsonl":
        yield from _read_jsonl(path, text)
    elif suffix == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Rejected(
                str(path), f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
            )
            return
        items = data if isinstance(data, list) else [data]
        for index, item in enumerate(items, 1):
            yield object_to_article(item, f"{path}[{index}]", f"{path.stem}-{index}")
    else:
        yield Rejected(
            str(path), f"unsupported file type {suffix!r}; expected one of {', '.join(SUFFIXES)}"
        )


def _read_jsonl(path: Path, text: str) -> Iterator[Article | Rejected]:
    found = False
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        found = True
        origin = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejected(
                origin, f"line is not JSON: {exc.msg} at column {exc.colno}", line.encode()[:200]
            )
            continue
        yield object_to_article(obj, origin, f"{path.stem}-{lineno}")
    if not found:
        yield Rejected(str(path), "empty file: no JSON lines")


def read_directory(path: Path) -> Iterator[Article | Rejected]:
    """Every supported file directly in ``path`` (not its subdirectories), in name order.

    When every article found carries ``published``, they are emitted in
    publication order instead (stable: ties keep name order).
    """
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    results = [item for f in files for item in read_file(f)]
    articles = [r for r in results if isinstance(r, Article)]
    if not articles:
        yield from (r for r in results if isinstance(r, Rejected))
        yield Rejected(str(path), f"directory has no articles (looked for {', '.join(SUFFIXES)})")
        return
    if all(a.published for a in articles):
        articles.sort(key=lambda a: str(a.published))
    yield from (r for r in results if isinstance(r, Rejected))
    yield from articles


def read_paths(paths: Iterable[Path]) -> Iterator[Article | Rejected]:
    """Articles of every path given (files or directories), in the order given."""
    for path in paths:
        if path.is_dir():
            yield from read_directory(path)
        elif path.is_file():
            yield from read_file(path)
        else:
            yield Rejected(str(path), "no such file or directory")


class FileReplay(Source):
    """Replays saved files as a stream of articles (at-most-once per run, in file order)."""

    name = "files"

    def __init__(self, paths: Iterable[Path]) -> None:
        self.paths = [Path(p) for p in paths]
        self._stopped = False

    async def run(self, emit: Emit, reject: Reject) -> None:
        """Emit every article of the paths, reject what is not one; then return."""
        for item in read_paths(self.paths):
            if self._stopped:
                return
            if isinstance(item, Rejected):
                await reject(item)
            else:
                await emit(item)

    async def stop(self) -> None:
        """Nothing to stop: a file replay ends by itself."""
        self._stopped = True
