"""The click group and the options and helpers every command shares."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

import click
from pydantic import BaseModel

from assistant.errors import InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="rapid-review-assistant")
def cli() -> None:
    """Rapid Review Assistant: Panel-style feedback, drafting and lines of enquiry for rapid reviews.

    Runs offline by default. Nothing leaves this machine unless you configure a remote model
    (RRA_LLM_BASE_URL, RRA_LLM_MODEL) and choose --provider openai.
    """


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="Output format.",
)
exclude_option = click.option(
    "--exclude-example",
    type=click.IntRange(1, 5),
    default=None,
    help="Leave example N (1-5) out of retrieval.",
)
provider_option = click.option(
    "--provider",
    type=click.Choice(["offline", "openai"]),
    default=None,
    help="offline (default, nothing leaves the machine) or openai (any OpenAI-compatible endpoint).",
)
output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to FILE instead of standard output (.docx writes a Word document).",
)


def progress(message: str) -> None:
    click.echo(message, err=True)


def read_source(source: str) -> str:
    """The text of a PATH or '-', with any reading notes (e.g. the encoding used) on standard error."""
    from assistant import services

    document = services.read_document(source)
    for warning in document.warnings:
        click.echo(f"note: {warning}", err=True)
    return document.text


def emit_json(model: BaseModel) -> str:
    return model.model_dump_json(indent=2) + "\n"


def write_output(text: str | bytes, output: Path | None) -> None:
    """Write all or nothing: a temporary file in the same folder, renamed into place."""
    if output is None:
        if isinstance(text, bytes):
            raise InputError("a Word document cannot go to standard output", fix="use -o FILE.docx")
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    folder = output.resolve().parent
    if not folder.is_dir():
        raise InputError(f"the folder {folder} does not exist", fix="create it or choose another -o path")
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, output)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    click.echo(f"wrote {output}", err=True)


def dumps(obj: object) -> str:
    return json.dumps(obj, indent=2, ensure_ascii=False) + "\n"
