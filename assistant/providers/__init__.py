"""Providers: one interface, `generate(request) -> result`, and a registry by name.

`offline` (the deterministic engine) is the default and is registered like any other provider; `openai`
(any OpenAI-compatible endpoint) is registered when its optional dependencies are installed.
"""

from assistant.providers.base import (
    CritiqueRequest,
    DraftRequest,
    KloeRequest,
    Provider,
    Request,
    available_providers,
    get_provider,
    register_provider,
)

__all__ = [
    "CritiqueRequest",
    "DraftRequest",
    "KloeRequest",
    "Provider",
    "Request",
    "available_providers",
    "get_provider",
    "register_provider",
]
