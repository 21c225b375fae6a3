"""A quote of the input with its exact offsets: what every output's claims rest on."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Evidence(BaseModel):
    model_config = ConfigDict(extra="forbid")

    quote: str = Field(description="Exact text of the input this point rests on; equals input[start:end].")
    start: int = Field(ge=0, description="Character offset where the quote starts in the input.")
    end: int = Field(ge=0, description="Character offset where the quote ends (exclusive).")
