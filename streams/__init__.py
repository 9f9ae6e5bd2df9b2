"""raqib: the pure core (``streams.core``), the Faust boundary around it, sinks and CLI.

Start at :mod:`streams.app` and :mod:`streams.core.pipeline`; docs/ARCHITECTURE.md maps the rest.
"""
