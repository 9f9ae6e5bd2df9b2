r"""Replay of saved articles: ``.txt``, ``.html``, ``.jsonl``/``.json`` files and directories.

Input formats are those of docs/ARCHITECTURE.md ("Input formats"). Every problem with the input — an
empty file, bytes that are not UTF-8, a line that is not JSON, an object without
text, a directory with no articles — becomes a :class:`~connectors.base.Rejected`
naming the file (and line) and the problem; the rest of the input is still read.

A JSONL file is read a line at a time and each line is decoded on its own: a line of
invalid UTF-8, JSON nested a thousand levels deep, a lone surrogate (a ``\ud800`` escape, valid
JSON but not text), a number of 5,000 digits or a line over the size limit is an error
for that line only. Nothing is read whole: a single-article file (``.txt``, ``.html``)
or JSONL line over ``max_bytes`` (``RAQIB_MAX_ARTICLE_BYTES``) is rejected unread, a
``.json`` document over :data:`JSON_DOCUMENT_FACTOR` times that too, so memory stays
bounded whatever the size of the input.

Delivery: files are read in order and each article is emitted once per run; a
replay run twice emits the same article ids again, which the pipeline treats as
redeliveries (nothing changes downstream).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from connectors.base import MAX_ARTICLE_BYTES, Emit, Reject, Rejected, Source
from streams.core.model import Article, stable_hash

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json")
TEXT_FIELDS = ("id", "url", "source", "published", "title", "lang")
JSON_DOCUMENT_FACTOR = 50  # a .json document may hold many articles: 50 x the article limit
MAX_DEPTH = 64  # an article object nested deeper is not the input format
BOM = b"\xef\xbb\xbf"
SURROGATE_RE = re.compile("[\ud800-\udfff]")


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


def too_large(size: int, max_bytes: int, what: str = "article") -> str:
    """The reason given for input over the size limit."""
    return (
        f"{what} of {size} bytes exceeds RAQIB_MAX_ARTICLE_BYTES={max_bytes} "
        "(raise the limit to read it)"
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


def json_problem(obj: Any) -> str | None:
    """Why a parsed JSON value cannot be an article's data, or None.

    Strings with a lone surrogate (valid JSON escapes, not text: they fail on every
    encode) and nesting deeper than :data:`MAX_DEPTH`. Walked without recursion.
    """
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if (m := SURROGATE_RE.search(value)) is not None:
                return f"a lone surrogate (U+{ord(m.group()):04X}) in a string: not valid text"
        elif isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                return f"nested deeper than {MAX_DEPTH} levels"
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for k, v in items:
                stack.append((v, depth + 1))
                if isinstance(k, str):
                    stack.append((k, depth + 1))
    return None


def json_to_article(raw: bytes, origin: str, default_id: str) -> Article | Rejected:
    """One JSON article as bytes (a JSONL line, a message) → an article, or why not.

    Never raises on any input: invalid UTF-8, any JSON error, nesting past the
    interpreter's recursion limit, integers too long to convert and lone surrogates
    each become a rejection with their reason.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Rejected(origin, f"not valid UTF-8 at byte {exc.start} ({exc.reason})", raw[:200])
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return Rejected(origin, f"not JSON: {exc.msg} at column {exc.colno}", raw[:200])
    except RecursionError:
        return Rejected(origin, "not JSON this program can read: nested too deeply", raw[:200])
    except ValueError as exc:  # e.g. an integer over Python's 4,300-digit limit
        return Rejected(origin, f"not JSON this program can read: {exc}", raw[:200])
    if (problem := json_problem(obj)) is not None:
        return Rejected(origin, problem, raw[:200])
    return object_to_article(obj, origin, default_id)


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


def read_file(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | Rejected]:
    """Articles (and rejections) of one file, in file order, read as they are consumed."""
    for _place, item in _read_file(path, max_bytes):
        yield item


@dataclass(frozen=True)
class _Place:
    """Where an article was read, to read it again (directories in publication order).

    ``offset``: its line's byte offset in a JSONL file, -1 for a whole ``.txt`` file;
    ``article``: kept when reading it again would cost more than keeping it (pages
    through trafilatura, items of a ``.json`` document).
    """

    path: Path
    offset: int = -1
    line: int = 0
    article: Article | None = None


def _read_file(path: Path, max_bytes: int) -> Iterator[tuple[_Place, Article | Rejected]]:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        yield (
            _Place(path),
            Rejected(
                str(path),
                f"unsupported file type {suffix!r}; expected one of {', '.join(SUFFIXES)}",
            ),
        )
        return
    if suffix == ".jsonl":
        yield from _read_jsonl(path, max_bytes)
        return
    raw = _read_bounded(path, max_bytes)
    if isinstance(raw, Rejected):
        yield _Place(path), raw
        return
    if suffix in (".html", ".htm"):
        if not raw.strip():
            yield _Place(path), Rejected(str(path), "empty file: no article text")
            return
        page = html_to_article(raw, path.stem, str(path))
        yield _Place(path, article=page if isinstance(page, Article) else None), page
        return
    text = _decode(path, raw)
    if isinstance(text, Rejected):
        yield _Place(path), text
    elif suffix == ".txt":
        yield _Place(path), Article(id=path.stem, text=text)
    else:
        for item in _json_document(path, text):
            yield _Place(path, article=item if isinstance(item, Article) else None), item


def _read_bounded(path: Path, max_bytes: int) -> bytes | Rejected:
    """The bytes of a file, or a rejection when it is over the limit (never read past it)."""
    document = path.suffix.lower() == ".json"
    limit = max_bytes * JSON_DOCUMENT_FACTOR if document else max_bytes
    try:
        with path.open("rb") as f:
            raw = f.read(limit + 1)
    except OSError as exc:
        return Rejected(str(path), f"cannot read: {exc.strerror or exc}")
    if len(raw) <= limit:
        return raw
    size = path.stat().st_size
    if document:
        return Rejected(
            str(path),
            f"JSON document of {size} bytes exceeds {JSON_DOCUMENT_FACTOR} x "
            f"RAQIB_MAX_ARTICLE_BYTES={max_bytes}; write it as JSONL (read a line at a time)",
        )
    return Rejected(str(path), too_large(size, max_bytes, "file"))


def _json_document(path: Path, text: str) -> Iterator[Article | Rejected]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Rejected(str(path), f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except (RecursionError, ValueError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        yield Rejected(str(path), f"not JSON this program can read: {reason}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, 1):
        origin = f"{path}[{index}]"
        problem = json_problem(item)
        if problem is not None:
            yield Rejected(origin, problem)
        else:
            yield object_to_article(item, origin, f"{path.stem}-{index}")


def _lines(f: IO[bytes], max_bytes: int) -> Iterator[tuple[int, int, bytes | None, int]]:
    """(line number, byte offset, line or None when over ``max_bytes``, size) of a file.

    A line over the limit is skipped a megabyte at a time, never held whole.
    """
    lineno, offset = 0, 0
    while line := f.readline(max_bytes + 1):
        lineno += 1
        start = offset
        offset += len(line)
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield lineno, start, line, len(line.rstrip(b"\r\n"))
            continue
        size = len(line)
        while rest := f.readline(1 << 20):
            offset += len(rest)
            size += len(rest.rstrip(b"\r\n"))
            if rest.endswith(b"\n"):
                break
        yield lineno, start, None, size


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[tuple[_Place, Article | Rejected]]:
    try:
        f = path.open("rb")
    except OSError as exc:
        yield _Place(path), Rejected(str(path), f"cannot read: {exc.strerror or exc}")
        return
    found = False
    with f:
        for lineno, offset, line, size in _lines(f, max_bytes):
            if line is not None and not line.removeprefix(BOM).strip():
                continue
            found = True
            place = _Place(path, offset, lineno)
            if line is None:
                yield place, Rejected(f"{path}:{lineno}", too_large(size, max_bytes, "line"))
            else:
                yield place, _jsonl_line(path, lineno, line)
    if not found:
        yield _Place(path), Rejected(str(path), "empty file: no JSON lines")


def _jsonl_line(path: Path, lineno: int, line: bytes) -> Article | Rejected:
    line = line.removeprefix(BOM).strip()  # a BOM starts the first line of some files
    item = json_to_article(line, f"{path}:{lineno}", f"{path.stem}-{lineno}")
    if isinstance(item, Rejected) and item.reason.startswith("not JSON:"):
        return Rejected(item.origin, "line is " + item.reason, item.payload)
    return item


def _read_again(place: _Place, max_bytes: int) -> Article | None:
    """The article read at ``place`` before (directories in publication order)."""
    if place.article is not None:
        return place.article
    if place.offset < 0:
        item = next(iter(read_file(place.path, max_bytes)), None)
        return item if isinstance(item, Article) else None
    with place.path.open("rb") as f:
        f.seek(place.offset)
        _lineno, _offset, line, _size = next(_lines(f, max_bytes), (0, 0, None, 0))
    item = None if line is None else _jsonl_line(place.path, place.line, line)
    return item if isinstance(item, Article) else None


def read_directory(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | Rejected]:
    """Every supported file directly in ``path`` (not its subdirectories), in name order.

    When every article found carries ``published``, they are emitted in
    publication order instead (stable: ties keep name order). Rejections come first,
    then the articles. Two passes, so memory holds where each article is, not the
    articles: the first reads everything once, reports what it rejects and notes
    where each dated article lies; the second reads the articles again, in order.
    """
    files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    dated: list[tuple[str, int, _Place]] | None = []
    count = 0
    for f in files:
        for place, item in _read_file(f, max_bytes):
            if isinstance(item, Rejected):
                yield item
                continue
            if dated is not None and item.published:
                dated.append((str(item.published), count, place))
            else:
                dated = None
            count += 1
    if not count:
        yield Rejected(str(path), f"directory has no articles (looked for {', '.join(SUFFIXES)})")
        return
    if dated is None:
        for f in files:
            for _place, item in _read_file(f, max_bytes):
                if isinstance(item, Article):
                    yield item
        return
    for _published, _seq, place in sorted(dated, key=lambda d: (d[0], d[1])):
        again = _read_again(place, max_bytes)
        if again is not None:
            yield again


def read_paths(
    paths: Iterable[Path], max_bytes: int = MAX_ARTICLE_BYTES
) -> Iterator[Article | Rejected]:
    """Articles of every path given (files or directories), in the order given.

    Lazy: each article is read when the consumer asks for it (a replay produces as it
    reads). ``max_bytes``: ``RAQIB_MAX_ARTICLE_BYTES`` (module docstring).
    """
    for path in paths:
        if path.is_dir():
            yield from read_directory(path, max_bytes)
        elif path.is_file():
            yield from read_file(path, max_bytes)
        else:
            yield Rejected(str(path), "no such file or directory")


class FileReplay(Source):
    """Replays saved files as a stream of articles (at-most-once per run, in file order)."""

    name = "files"

    def __init__(self, paths: Iterable[Path], max_bytes: int = MAX_ARTICLE_BYTES) -> None:
        self.paths = [Path(p) for p in paths]
        self.max_bytes = max_bytes
        self._stopped = False

    async def run(self, emit: Emit, reject: Reject) -> None:
        """Emit every article of the paths, reject what is not one; then return."""
        for item in read_paths(self.paths, self.max_bytes):
            if self._stopped:
                return
            if isinstance(item, Rejected):
                await reject(item)
            else:
                await emit(item)

    async def stop(self) -> None:
        """Nothing to stop: a file replay ends by itself."""
        self._stopped = True
