"""`redact`: show exactly what would be sent to a remote model."""

from __future__ import annotations

from pathlib import Path

import click
from pydantic import BaseModel, ConfigDict, Field

from assistant import services
from assistant.cli.app import cli, emit_json, format_option, output_option, read_source, write_output
from assistant.privacy import RedactedEntity
from assistant.render.word import redaction_docx


class RedactView(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="The redacted text.")
    entities: list[RedactedEntity] = Field(
        description="Placeholder, kind and count for each identifier removed."
    )
    originals: dict[str, list[str]] | None = Field(
        None, description="Placeholder → original text; only with --show-originals."
    )


@cli.command()
@click.argument("source", metavar="PATH|-")
@format_option
@output_option
@click.option(
    "--show-originals", is_flag=True, help="Also list what each placeholder replaced (stays local)."
)
def redact(source: str, fmt: str, output: Path | None, show_originals: bool) -> None:
    """Show the redacted text that a remote model would receive, and the placeholders used.

    -o FILE.docx writes a Word document (the redacted text, then the placeholders)."""
    text = read_source(source)
    result = services.redact_text(text)
    view = RedactView(
        text=result.text, entities=result.entities, originals=result.originals() if show_originals else None
    )
    if output is not None and output.suffix.lower() == ".docx":
        write_output(redaction_docx(view.text, view.entities, view.originals), output)
        return
    if fmt == "json":
        write_output(emit_json(view), output)
        return
    lines = ["# Redacted text", "", view.text, "", "# Placeholders", ""]
    for e in view.entities:
        original = f" ← {', '.join(sorted(set(view.originals[e.placeholder])))}" if view.originals else ""
        lines.append(f"- {e.placeholder} ({e.kind.value}, {e.count}×){original}")
    if not view.entities:
        lines.append("- none: nothing identifying was found")
    write_output("\n".join(lines) + "\n", output)
