"""Say before sending: what a remote call would send (redacted), to which host, and how many tokens.

`SendEstimate` describes one remote call. The openai provider builds one from the very messages it is about
to send (`OpenAICompatibleProvider.estimate` for a preview, and just before each real call), and
`describe_send` turns one or more of them into the line every command prints before anything leaves the
machine, so the CLI's critique, draft and kloe notices and the eval's notice read the same way.

A command that wants to hear about calls as they happen wraps its work in `announce_sends(callback)`: the
provider calls `notify_send` once per remote call, after the reply cache has been checked (a cached answer
sends nothing and is not announced) and before the first byte is sent. Nothing here imports the model
client, so it works without the `llm` extra.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Task = Literal["critique", "draft", "kloe"]
WHAT_IS_SENT: dict[str, str] = {
    "critique": "the draft",
    "draft": "the chronology",
    "kloe": "the text",
}


class SendEstimate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    task: Task = Field("critique", description="What the call is for: critique, draft or kloe.")
    model: str = Field(description="Remote model.")
    host: str | None = Field(description="Endpoint host[:port] the text would go to (never credentials).")
    prompt_tokens: int = Field(description="Tokens in the redacted prompt.")
    max_completion_tokens: int = Field(description="Completion cap.")
    estimated_cost_usd: float | None = Field(description="Upper-bound cost estimate; None when unpriced.")
    redacted_text: str = Field(description="The user's text, redacted, exactly as it goes in the prompt.")
    placeholders: int = Field(description="Distinct identifiers replaced.")


SendListener = Callable[[SendEstimate], None]
_listener: ContextVar[SendListener | None] = ContextVar("rra_send_listener", default=None)


@contextmanager
def announce_sends(listener: SendListener) -> Iterator[None]:
    """Within the block, `listener` hears about every remote call just before it is sent."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def notify_send(estimate: SendEstimate) -> None:
    """Called by a provider right before a remote call (no-op when nobody listens)."""
    listener = _listener.get()
    if listener is not None:
        listener(estimate)


def _cost(estimates: Sequence[SendEstimate]) -> str:
    costs = [e.estimated_cost_usd for e in estimates]
    if any(c is None for c in costs):
        return "cost unknown"
    return f"≈ ${sum(c or 0.0 for c in costs):.4f} at most"


def describe_send(estimates: Sequence[SendEstimate], what: str | None = None) -> str:
    """One line: what is sent (redacted), how many identifiers were replaced, tokens, cost, host and model.

    `what` names what is sent ("5 drafts, one request each"); by default it follows the task of the first
    estimate ("the draft", "the chronology", "the text").
    """
    if not estimates:
        return "nothing will be sent to a remote model"
    first = estimates[0]
    hosts = sorted({e.host or "the configured endpoint" for e in estimates})
    models = sorted({e.model for e in estimates})
    tokens = sum(e.prompt_tokens for e in estimates)
    replaced = sum(e.placeholders for e in estimates)
    return (
        f"sending redacted text of {what or WHAT_IS_SENT[first.task]} ({replaced} identifiers replaced, "
        f"{tokens:,} prompt tokens, {_cost(estimates)}) to {', '.join(hosts)} ({', '.join(models)}); "
        "see `rapid-review redact` for the exact text"
    )
