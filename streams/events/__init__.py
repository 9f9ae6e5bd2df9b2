"""The in-process pipeline used by tests and offline evaluation (being replaced by
:mod:`streams.core.pipeline`)."""
