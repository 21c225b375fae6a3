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
    notified_option,
    output_option,
    progress,
    provider_option,
    read_source,
    write_output,
)
from assistant.cli.remote import remote_notices
from assistant.errors import InputError
from assistant.render.critique_markdown import critique_markdown
from assistant.render.word import critique_docx


@cli.command()
@click.argument("source", metavar="PATH|-")
@provider_option
@format_option
@exclude_option
@output_option
@notified_option
@click.option(
    "--annotate",
    is_flag=True,
    help="Write the draft itself as a Word document (-o FILE.docx) with every finding, strength and a summary "
    "as comments in the margin: a .docx keeps its text, tables and tracked changes; .md, .txt and .pdf "
    "drafts become a .docx.",
)
def critique(
    source: str,
    provider: str | None,
    fmt: str,
    exclude_example: int | None,
    output: Path | None,
    notified: str | None,
    annotate: bool,
) -> None:
    """Panel-style feedback on a draft rapid review (.txt, .md, .docx, .pdf or - for standard input).

    With a remote model (--provider openai, or RRA_PROVIDER), what is sent (redacted), to which host and how
    many tokens is printed on standard error before it is sent."""
    if annotate:
        if notified is not None:
            raise InputError(
                "--annotate puts the findings in the margin and does not show the due date",
                fix="leave out --notified, or run without --annotate to see the due date",
            )
        _annotate(source, provider, exclude_example, output)
        return
    text = read_source(source)
    with remote_notices(provider):  # a remote call is announced before it is sent
        result = services.critique(
            text, provider=provider, exclude_example=exclude_example, notified=notified, progress=progress
        )
    if output is not None and output.suffix.lower() == ".docx":
        write_output(critique_docx(result), output)
    else:
        write_output(emit_json(result) if fmt == "json" else critique_markdown(result), output)


def _annotate(source: str, provider: str | None, exclude_example: int | None, output: Path | None) -> None:
    if output is None or output.suffix.lower() != ".docx":
        # Checked before the critique runs, so a long remote call is not wasted on a missing -o.
        raise InputError("--annotate writes a Word document", fix="add -o FILE.docx")
    with remote_notices(provider):  # a remote call is announced before it is sent
        result = services.annotate_document(
            source, provider=provider, exclude_example=exclude_example, progress=progress
        )
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    write_output(result.docx, output)
