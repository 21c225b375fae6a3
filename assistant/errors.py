"""The project's exception hierarchy.

Every error a user can cause carries an exit code and a message that names the fix, so the CLI and the
app can turn it into one clear line instead of a traceback.
"""

from __future__ import annotations


class RRAError(Exception):
    """Base class. `exit_code` follows docs/cli contract: 2 bad input, 3 configuration or provider."""

    exit_code: int = 1

    def __init__(self, message: str, *, fix: str | None = None) -> None:
        self.message = message
        self.fix = fix
        super().__init__(message if not fix else f"{message} — {fix}")


class InputError(RRAError):
    """The user's input cannot be used (empty, binary, too large, wrong format)."""

    exit_code = 2


class ConfigError(RRAError):
    """Settings are missing or inconsistent (e.g. --provider openai without RRA_LLM_BASE_URL)."""

    exit_code = 3


class ProviderError(RRAError):
    """A model provider failed: unreachable, refused, rate-limited past the retry budget, over budget."""

    exit_code = 3


class OutputValidationError(ProviderError):
    """A model's output failed schema or grounding validation after the capped number of re-asks."""


class PromptVariableMissing(RRAError):
    """A prompt template was rendered without one of its declared variables."""

    exit_code = 1


class RetrievalIndexError(RRAError):
    """The retrieval index is unusable and could not be rebuilt."""

    exit_code = 3
