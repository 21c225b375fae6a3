"""The app as the AppTest-based tests drive it: open a page, press a button, and fail on any exception."""

from __future__ import annotations

from typing import Any

from assistant.resources import APP_ENTRY

TIMEOUT = 120  # seconds per script run; generous because the machine may be busy


def open_app(page: str | None = "critique", timeout: float = TIMEOUT) -> Any:
    """The app on one of its pages (None: the home page it opens on)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP_ENTRY), default_timeout=timeout)
    at.run()
    assert not at.exception, at.exception
    if page:
        at.switch_page(f"app_pages/{page}.py").run()
        assert not at.exception, at.exception
    return at


def click(at: Any, label: str) -> Any:
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception
    return at
