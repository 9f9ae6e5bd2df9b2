"""The worker's web server: the events API, metrics, health and the operators' dashboard."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streams.runtime import Runtime


def register_web(runtime: Runtime) -> None:
    """Register every web view of raqib on ``runtime.app``."""
    from streams.web.dashboard import register_dashboard
    from streams.web.views import register_views

    register_views(runtime)
    register_dashboard(runtime)
