"""Errors raised by the feed connector.

Every error carries a short ``kind`` (``timeout``, ``http_status``, ``too_large``...)
that the poller counts, and a message that names the feed or URL and says what to do.
"""

from __future__ import annotations

__all__ = [
    "ConnectionFailed",
    "ConnectorError",
    "DecompressionBomb",
    "EmitFailed",
    "EmptyFeed",
    "FeedError",
    "FeedsFileError",
    "FetchError",
    "FetchTimeout",
    "HTTPStatusError",
    "MalformedFeed",
    "NotAFeed",
    "RateLimited",
    "ResponseTooLarge",
    "TooManyRedirects",
    "TruncatedBody",
    "UnsafeURL",
]


class ConnectorError(Exception):
    """Base of every error of the feed connector."""

    kind = "error"


class FeedsFileError(ConnectorError):
    """The feeds file cannot be read or one of its entries is invalid."""

    kind = "feeds_file"


class FetchError(ConnectorError):
    """An HTTP fetch failed. ``retryable`` errors are worth another try after a backoff."""

    kind = "fetch"
    retryable = False

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url


class UnsafeURL(FetchError):
    """Scheme other than http/https, or a host resolving to a loopback/private/link-local address."""

    kind = "unsafe_url"


class FetchTimeout(FetchError):
    """No complete response within the timeouts (per operation or in total)."""

    kind = "timeout"
    retryable = True


class ConnectionFailed(FetchError):
    """The host could not be resolved or reached, or the connection broke."""

    kind = "connection"
    retryable = True


class HTTPStatusError(FetchError):
    """A status other than 2xx/304 after redirects. 5xx and 408 are retryable."""

    kind = "http_status"

    def __init__(self, message: str, *, url: str = "", status: int = 0) -> None:
        super().__init__(message, url=url)
        self.status = status
        self.retryable = status >= 500 or status == 408


class RateLimited(HTTPStatusError):
    """429, or 503 with a Retry-After: ``retry_after`` is the server's wait in seconds (or None)."""

    kind = "rate_limited"

    def __init__(
        self, message: str, *, url: str = "", status: int = 429, retry_after: float | None = None
    ) -> None:
        super().__init__(message, url=url, status=status)
        self.retry_after = retry_after
        self.retryable = True


class TooManyRedirects(FetchError):
    """More redirects than the limit, or a redirect loop."""

    kind = "redirects"


class ResponseTooLarge(FetchError):
    """A body over the byte cap (declared or read)."""

    kind = "too_large"


class DecompressionBomb(ResponseTooLarge):
    """The body is small on the wire but decompresses past the size cap."""

    kind = "decompression_bomb"


class TruncatedBody(FetchError):
    """The connection closed, or the compressed stream ended, before the body was complete."""

    kind = "truncated"
    retryable = True


class EmitFailed(ConnectorError):
    """``emit`` raised (e.g. the broker is down); the entry stays unseen and is re-sent later."""

    kind = "emit"


class FeedError(ConnectorError):
    """The body was fetched but is not a usable feed. ``payload``: the start of the body."""

    kind = "feed"

    def __init__(self, message: str, *, url: str = "", payload: bytes = b"") -> None:
        super().__init__(message)
        self.url = url
        self.payload = payload


class EmptyFeed(FeedError):
    """A feed with no entries at all."""

    kind = "empty"


class NotAFeed(FeedError):
    """HTML (or anything else) where RSS/Atom was expected."""

    kind = "not_a_feed"


class MalformedFeed(FeedError):
    """XML that feedparser could not read any entry from."""

    kind = "malformed"
