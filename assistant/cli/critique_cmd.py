"""`critique`: Panel-style feedback on a draft rapid review."""

from __future__ import annotations

from pathlib import Path

import click

from assistant import services
from assistant.cli.app import (
    cli,
    emit_json,
    exclude_option,
    format_option,
    output_option,
    provider_option,
    read_source,
    write_output,
)
from assistant.cli.remote import remote_notices
from assistant.render.critique_markdown import critique_markdown
from assistant.render.word import critique_docx


@cli.command()
@click.argument("source", metavar="PATH|-")
@provider_option
@format_option
@exclude_option
@output_option
def critique(
    source: str, provider: str | None, fmt: str, exclude_example: int | None, output: Path | None
) -> None:
    """Panel-style feedback on a draft rapid review (.txt, .md, .docx, .pdf or - for standard input).

    With a remote model (--provider openai, or RRA_PROVIDER), what is sent (redacted), to which host and how
    many tokens is printed on standard error before it is sent."""
    text = read_source(source)
    with remote_notices(provider):  # a remote call is announced before it is sent
        result = services.critique(text, provider=provider, exclude_example=exclude_example)
    if output is not None and output.suffix.lower() == ".docx":
        write_output(critique_docx(result), output)
    else:
        write_output(emit_json(result) if fmt == "json" else critique_markdown(result), output)
