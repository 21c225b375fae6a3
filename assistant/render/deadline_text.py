"""The rapid review's due date and timing notes as plain sentences, and as markdown and Word from them.

One wording for every output (draft, lines of enquiry, critique; markdown and Word), under a neutral heading:
the timing is information for the author, not feedback on the review's content."""

from __future__ import annotations

from docx.document import Document as DocxDocument

from assistant.deadline.notes import long_date
from assistant.domain.deadline import ReviewDateNote, ReviewDeadline

TIMING_HEADING = "The review's timing"


def _quote(text: str) -> str:
    return " ".join(text.split())


def deadline_sentences(deadline: ReviewDeadline) -> list[str]:
    if deadline.source == "draft" and deadline.evidence is not None:
        where = f"as the text gives it: “{_quote(deadline.evidence.quote)}”"
    else:
        where = "the date given"
    skipped = deadline.bank_holidays_skipped
    holidays = (
        "Bank holidays skipped: " + ", ".join(f"{h.name} ({long_date(h.date)})" for h in skipped) + "."
        if skipped
        else "No bank holiday fell in these working days."
    )
    return [
        f"Due by {long_date(deadline.due)}: {deadline.working_days} working days after the serious incident "
        f"notification on {long_date(deadline.notified)} ({where}).",
        holidays,
        f"Counted as: {deadline.rule}.",
    ]


def timing_markdown(deadline: ReviewDeadline | None, notes: list[ReviewDateNote] | None = None) -> list[str]:
    """Markdown lines (heading included), or none when there is no deadline."""
    if deadline is None:
        return []
    lines = [f"## {TIMING_HEADING}", ""]
    lines += [f"- {s}" for s in deadline_sentences(deadline)]
    for note in notes or []:
        lines += [f"- {note.message} (“{_quote(note.evidence[0].quote)}”)" if note.evidence else note.message]
    return [*lines, ""]


def add_timing_docx(
    doc: DocxDocument, deadline: ReviewDeadline | None, notes: list[ReviewDateNote] | None = None
) -> None:
    from assistant.render.docx_build import xml_safe  # here: word.py itself adds the timing to a critique

    if deadline is None:
        return
    doc.add_heading(TIMING_HEADING, level=1)
    for sentence in deadline_sentences(deadline):
        doc.add_paragraph(xml_safe(sentence), style="List Bullet")  # the text's own quote is in it
    for note in notes or []:
        doc.add_paragraph(note.message, style="List Bullet")


def days_left_message(deadline: ReviewDeadline, left: int) -> str:
    """'Due by Monday 24 March 2025: 3 working days left', or how long ago the due date passed."""
    due = f"Due by {long_date(deadline.due)}"
    if left > 0:
        return f"{due}: {left} working day{'s' if left != 1 else ''} left."
    if left == 0:
        return f"{due}: that is today."
    ago = -left
    return f"{due}: the due date passed {ago} working day{'s' if ago != 1 else ''} ago."
