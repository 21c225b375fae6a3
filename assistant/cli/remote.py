"""Say before sending, for every command that can reach a remote model (critique, draft, kloe).

`remote_notices(provider)` wraps a command's work: each remote call is announced on standard error just
before it is sent (what is sent, redacted; how many identifiers were replaced; how many tokens; the cost; the
host and model; never the URL's credentials), in the words `assistant.providers.notice.describe_send` gives
every command, the eval's notice included. When the remote model was chosen only by a `.env` file (no
--provider, no RRA_PROVIDER in the environment), the first notice names that file and how to stay offline.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from assistant.providers.notice import SendEstimate, announce_sends, describe_send
from assistant.settings import get_settings

ENV_FILE = ".env"  # Settings reads it from the current folder (assistant/settings.py)


def _env_file_value(path: Path, name: str) -> str | None:
    try:
        from dotenv import dotenv_values
    except ImportError:  # pydantic-settings needs python-dotenv to read .env at all
        return None
    try:
        values = dotenv_values(path)
    except (OSError, UnicodeDecodeError):
        return None
    return next((v for k, v in values.items() if k.upper() == name.upper() and v is not None), None)


def provider_choice(provider: str | None) -> str | None:
    """Where the remote provider was chosen, when only a `.env` file chose it: 'RRA_PROVIDER=openai in
    /path/.env'. None when --provider or the environment chose it, or the provider is offline."""
    if provider is not None or get_settings().provider == "offline":
        return None
    if any(name.upper() == "RRA_PROVIDER" for name in os.environ):
        return None
    path = Path(ENV_FILE).resolve()
    value = _env_file_value(path, "RRA_PROVIDER") if path.is_file() else None
    if value is None or value.strip().lower() == "offline":
        return None
    return f"RRA_PROVIDER={value.strip()} in {path}"


def send_notice(estimate: SendEstimate, chosen_by: str | None = None) -> str:
    """The line printed before a remote call, naming the .env file that chose the remote model if one did."""
    line = describe_send([estimate])
    if chosen_by:
        line += (
            f". The remote model was chosen only by {chosen_by}; use --provider offline (or remove that "
            "line) to keep everything on this machine"
        )
    return line


@contextmanager
def remote_notices(provider: str | None) -> Iterator[None]:
    """Within the block, print what each remote call will send, before it is sent."""
    chosen_by = provider_choice(provider)
    announced: list[SendEstimate] = []

    def say(estimate: SendEstimate) -> None:
        click.echo(send_notice(estimate, None if announced else chosen_by), err=True)
        announced.append(estimate)

    with announce_sends(say):
        yield
