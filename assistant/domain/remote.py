"""A configured remote model, and what a call to it would send, as a page shows them before anything is sent.

No secrets: the endpoint is the URL without its userinfo (a password), query or fragment."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

RemoteTask = Literal["critique", "draft", "kloe"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RemoteModel(_Model):
    model: str = Field(description="The remote model's name.")
    endpoint: str = Field(description="Its endpoint, without credentials, query or fragment.")


class RedactedItem(_Model):
    placeholder: str = Field(description="What replaced the identifier, e.g. PERSON_1.")
    kind: str = Field(description="The kind of identifier (person, date, address, ...).")
    count: int = Field(description="How many times it was replaced.")


class SendPreview(_Model):
    """One remote call, before it is made: the redacted text exactly as it goes in the prompt, what redaction
    replaced, where it would go and how big it is."""

    task: RemoteTask = Field(description="critique, draft or kloe.")
    redacted_text: str = Field(description="The user's text, redacted, as it goes in the prompt.")
    replaced: tuple[RedactedItem, ...] = Field(description="The identifiers replaced, by placeholder.")
    model: str = Field(description="Remote model.")
    host: str = Field(description="Endpoint host[:port] (never credentials).")
    prompt_tokens: int = Field(description="Tokens in the redacted prompt.")
    max_completion_tokens: int = Field(description="Completion cap.")
    estimated_cost_usd: float | None = Field(description="Upper-bound cost estimate; None when unpriced.")
