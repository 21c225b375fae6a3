"""Limits and choices the pages share, read from the settings through the service layer.

Nothing a user pastes or uploads lives here: it stays in that user's session state (see `app.state`). The
corpus and the retrieval index are cached per process by the service layer itself.
"""

from __future__ import annotations

import math

from assistant import services
from assistant.domain.remote import RemoteModel
from assistant.settings import Settings, get_settings

MEGABYTE = 1024 * 1024


def remote_model(settings: Settings | None = None) -> RemoteModel | None:
    """The remote model users may choose (installed and configured), or None; its endpoint never shows
    credentials."""
    return services.remote_model(settings)


def upload_limit_mb(settings: Settings | None = None) -> int:
    """The upload limit in whole megabytes for `st.file_uploader`, from `max_input_bytes`."""
    s = settings or get_settings()
    return max(1, math.ceil(s.max_input_bytes / MEGABYTE))
