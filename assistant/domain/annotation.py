"""What annotating a draft returns: the author's document with the critique as Word comments."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.critique import Critique


class AnnotatedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    docx: bytes = Field(description="The reviewed Word document (.docx bytes).")
    critique: Critique = Field(description="The critique the comments come from.")
    from_text: bool = Field(
        description="True when the draft arrived as text (.md, .txt, .pdf) and the .docx was built from it; "
        "False when the comments were added to the author's own .docx."
    )
    comments: int = Field(description="Comments added, the summary included.")
    on_quote: int = Field(description="Comments anchored exactly on their evidence quote.")
    on_heading: int = Field(
        description="Comments about something absent, anchored on the section heading where the Panel "
        "expects it or on the draft's first paragraph."
    )
    relocated: int = Field(
        0,
        description="Comments whose quote could not be placed at its offsets and were placed on the first "
        "paragraph with the quote in the comment (0 when every offset mapped).",
    )
    notes: list[str] = Field(default_factory=list, description="Reading notes about the input.")
