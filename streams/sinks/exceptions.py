"""Errors of the alert sinks, with messages an operator can act on."""

from __future__ import annotations


class SinkError(Exception):
    """Base class of the alert-sink errors."""


class ReceiverConfigError(SinkError, ValueError):
    """``RAQIB_WEBHOOK_URL`` / ``RAQIB_WEBHOOK_FORMAT`` cannot be understood."""


class DeliveryError(SinkError):
    """A receiver did not accept an alert (after every retry, or a permanent refusal)."""

    def __init__(self, receiver: str, reason: str, *, retryable: bool = False) -> None:
        super().__init__(f"{receiver}: {reason}")
        self.receiver = receiver
        self.reason = reason
        self.retryable = retryable


class BadAlert(SinkError, ValueError):
    """A message on the alert topic that is not an alert of the contract."""


class SilenceError(SinkError, ValueError):
    """A silence that cannot be created as asked (bad duration, kind or target)."""
