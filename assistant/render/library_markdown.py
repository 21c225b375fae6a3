"""Library passages in markdown: one line each, labelled with the document's kind, title and date.

The passages are the partnership's own (redacted) documents, not the tool's words, so they are escaped like
any text from outside: a passage cannot make a link, an image or a heading.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.domain.library import LibraryPassage
from assistant.llm.untrusted import markdown_inline

LIBRARY_LABEL = "Local library"
# A markdown heading inside a passage ('## Decision') reads as a run-in heading ('Decision. The ...').
_HEADING = re.compile(r"(?m)^[ \t]*#{1,6}[ \t]*(.*?)[ \t]*$")


def _run_in(match: re.Match[str]) -> str:
    heading = match.group(1)
    return heading if not heading or heading[-1] in ".:;!?" else heading + "."


def _quote(text: str, limit: int = 300) -> str:
    one_line = " ".join(_HEADING.sub(_run_in, text).split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1].rstrip() + "…"


def passage_lines(passages: Sequence[LibraryPassage]) -> list[str]:
    """Bullet lines, then a blank line; nothing at all when there are no passages."""
    lines = [
        f"- {LIBRARY_LABEL}, {markdown_inline(p.label)}: “{markdown_inline(_quote(p.text))}”"
        for p in passages
    ]
    return [*lines, ""] if lines else []
