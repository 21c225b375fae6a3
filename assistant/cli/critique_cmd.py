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
from assistant.render.critique_markdown import critique_markdown
from assistant.render.word import critique_docx
from assistant.settings import get_settings


@cli.command()
@click.argument("source", metavar="PATH|-")
@provider_option
@format_option
@exclude_option
@output_option
def critique(
    source: str, provider: str | None, fmt: str, exclude_example: int | None, output: Path | None
) -> None:
    """Panel-style feedback on a draft rapid review (.txt, .md, .docx, .pdf or - for standard input)."""
    text = read_source(source)
    if (provider or get_settings().provider) == "openai":
        estimate = services.estimate_remote(text, exclude_example=exclude_example)
        cost = (
            f"≈ ${estimate.estimated_cost_usd:.4f}"
            if estimate.estimated_cost_usd is not None
            else "cost unknown"
        )
        click.echo(
            f"sending redacted text ({estimate.placeholders} identifiers replaced, {estimate.prompt_tokens} prompt "
            f"tokens, {cost}) to {estimate.host} ({estimate.model}); see `rapid-review redact` for the exact text",
            err=True,
        )
    result = services.critique(text, provider=provider, exclude_example=exclude_example)
    if output is not None and output.suffix.lower() == ".docx":
        write_output(critique_docx(result), output)
    else:
        write_output(emit_json(result) if fmt == "json" else critique_markdown(result), output)
