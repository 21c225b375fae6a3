"""`draft` (factual sections from a chronology) and `kloe` (key lines of enquiry and the criteria table)."""

from __future__ import annotations

import datetime as dt
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
    write_output,
)
from assistant.cli.remote import remote_notices
from assistant.errors import InputError
from assistant.render.draft_markdown import draft_markdown
from assistant.render.draft_word import draft_docx, kloe_docx
from assistant.render.kloe_markdown import kloe_markdown


def _today(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"--today '{value}' is not an ISO date", fix="write it as YYYY-MM-DD") from None


sheet_option = click.option(
    "--sheet",
    default=None,
    metavar="NAME",
    help="The sheet of an .xlsx workbook to read (default: the one that looks like a chronology).",
)


def _is_docx(output: Path | None) -> bool:
    return output is not None and output.suffix.lower() == ".docx"


@cli.command()
@click.argument("source", metavar="PATH|-")
@provider_option
@format_option
@output_option
@click.option(
    "--critique", "with_critique", is_flag=True, help="Also run the Panel-style critique on the draft."
)
@exclude_option
@sheet_option
@notified_option
@click.option(
    "--today", default=None, metavar="YYYY-MM-DD", help="Date used to flag future dates (default: today)."
)
def draft(
    source: str,
    provider: str | None,
    fmt: str,
    output: Path | None,
    with_critique: bool,
    exclude_example: int | None,
    sheet: str | None,
    notified: str | None,
    today: str | None,
) -> None:
    """Draft the factual sections of a rapid review from a multi-agency chronology (.xlsx, .csv, .docx, .txt,
    .md or -).

    With a remote model, what is sent (redacted), to which host and how many tokens is printed first."""
    text, notes = services.read_chronology(source, sheet=sheet)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    with remote_notices(provider):  # each remote call (narrative, then critique) announced before sending
        result = services.draft(
            text,
            provider=provider,
            today=_today(today),
            with_critique=with_critique,
            exclude_example=exclude_example,
            notified=notified,
            progress=progress,
        )
    counts = result.meta.counts
    click.echo(
        f"read {counts.get('entries', 0)} entries ({counts.get('unparsed', 0)} lines not read, "
        f"{len(result.issues)} issues to check, {len(result.gaps)} gaps)",
        err=True,
    )
    if _is_docx(output):
        write_output(draft_docx(result), output)
    else:
        write_output(emit_json(result) if fmt == "json" else draft_markdown(result), output)


@cli.command()
@click.argument("source", metavar="PATH|-")
@provider_option
@format_option
@exclude_option
@output_option
@sheet_option
@notified_option
def kloe(
    source: str,
    provider: str | None,
    fmt: str,
    exclude_example: int | None,
    output: Path | None,
    sheet: str | None,
    notified: str | None,
) -> None:
    """Key lines of enquiry and the LCSPR criteria evidence table, from a chronology (.xlsx and .csv too) or a
    draft review.

    With a remote model, what is sent (redacted), to which host and how many tokens is printed first."""
    text, notes = services.read_text_or_table(source, sheet=sheet)
    for note in notes:
        click.echo(f"note: {note}", err=True)
    with remote_notices(provider):
        result = services.kloe(text, provider=provider, exclude_example=exclude_example, notified=notified)
    click.echo(
        f"read as a {result.meta.input_kind}: {len(result.lines_of_enquiry)} lines of enquiry, "
        f"{len(result.criteria)} criteria",
        err=True,
    )
    if _is_docx(output):
        write_output(kloe_docx(result), output)
    else:
        write_output(emit_json(result) if fmt == "json" else kloe_markdown(result), output)
