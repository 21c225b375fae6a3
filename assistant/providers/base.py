"""The provider interface and registry."""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal, overload

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.critique import Critique

if TYPE_CHECKING:
    from assistant.domain.drafting import Draft
    from assistant.domain.kloe import KloeReport
from assistant.errors import ConfigError
from assistant.settings import Settings, get_settings


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CritiqueRequest(_Request):
    task: Literal["critique"] = "critique"
    text: str = Field(description="The draft rapid review; evidence offsets index into it.")
    exclude_example: int | None = Field(None, ge=1, le=5, description="Leave this example out of retrieval.")
    with_panel_comments: bool = Field(True, description="Attach similar real Panel comments to each finding.")


class DraftRequest(_Request):
    task: Literal["draft"] = "draft"
    text: str = Field(
        description="A multi-agency chronology (pasted rows, CSV, or a .docx's tables as text)."
    )
    today: str | None = Field(None, description="ISO date used to flag future dates; default today.")


class KloeRequest(_Request):
    task: Literal["kloe"] = "kloe"
    text: str = Field(description="A draft rapid review or a chronology; evidence offsets index into it.")
    exclude_example: int | None = Field(None, ge=1, le=5, description="Leave this example out of retrieval.")


Request = Annotated[CritiqueRequest | DraftRequest | KloeRequest, Field(discriminator="task")]


class Provider(ABC):
    """One method: a typed request in, a validated result out."""

    name: ClassVar[str]

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @overload
    def generate(self, request: CritiqueRequest) -> Critique: ...
    @overload
    def generate(self, request: DraftRequest) -> Draft: ...
    @overload
    def generate(self, request: KloeRequest) -> KloeReport: ...

    def generate(
        self, request: CritiqueRequest | DraftRequest | KloeRequest
    ) -> Critique | Draft | KloeReport:
        if isinstance(request, CritiqueRequest):
            return self.critique(request)
        if isinstance(request, DraftRequest):
            return self.draft(request)
        return self.kloe(request)

    # Each provider implements the three tasks; callers only ever use generate().
    @abstractmethod
    def critique(self, request: CritiqueRequest) -> Critique: ...

    @abstractmethod
    def draft(self, request: DraftRequest) -> Draft: ...

    @abstractmethod
    def kloe(self, request: KloeRequest) -> KloeReport: ...


ProviderFactory = Callable[[Settings], Provider]
_REGISTRY: dict[str, ProviderFactory] = {}


def register_provider(name: str) -> Callable[[type[Provider]], type[Provider]]:
    def register(cls: type[Provider]) -> type[Provider]:
        cls.name = name
        _REGISTRY[name] = cls
        return cls

    return register


def _load_builtin() -> None:
    from assistant.providers import offline  # noqa: F401

    # Without the llm extra, `openai` is simply not registered; `offline` still works.
    with contextlib.suppress(ImportError):
        import assistant.providers.openai_compatible  # noqa: F401


def available_providers() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def get_provider(name: str | None = None, settings: Settings | None = None) -> Provider:
    s = settings or get_settings()
    chosen = name or s.provider
    _load_builtin()
    if chosen not in _REGISTRY:
        raise ConfigError(
            f"unknown provider '{chosen}'",
            fix=f"use one of: {', '.join(sorted(_REGISTRY))} (the openai provider needs: pip install -e '.[llm]')",
        )
    return _REGISTRY[chosen](s)
