"""What only evaluators read: finding codes, theme and criterion ids, guidance ids and character offsets.

Where a person reads (the markdown's body, Word) these are left out; the JSON output carries them all, and the
markdown ends with them in a collapsed "For evaluators" section built here, so every renderer makes it the
same way. Also the HTML escaping every markdown renderer applies to the user's text.
"""

from __future__ import annotations

import re

from assistant.domain.critique import Evidence

EVALUATORS = "For evaluators"

# '<' before a letter, '/', '!' or '?' could open an HTML tag or comment in a markdown viewer; as an entity it
# shows as '<'. ('<br>' is the renderers' own line break inside table cells.)
_HTML_OPEN = re.compile(r"<(?=[A-Za-z/!?])(?!br>)")


def escape_html(markdown: str) -> str:
    """Markdown in which HTML from the user's text (a <script> in a draft, say) shows as text."""
    return _HTML_OPEN.sub("&lt;", markdown)


def cell(text: str) -> str:
    """One markdown table cell on one line."""
    return " ".join(text.split()).replace("|", "\\|")


def offsets(evidence: list[Evidence]) -> str:
    return ", ".join(f"{ev.start}–{ev.end}" for ev in evidence) or "—"


def evaluators_details(what: str, content: str) -> str:
    """`content` (markdown, escaped here) in a collapsed section headed "For evaluators: `what`", to end a
    markdown export with. The <details> tags are the template's own, so they are added after escaping."""
    return f"\n<details>\n<summary>{EVALUATORS}: {what}</summary>\n\n{escape_html(content)}\n</details>\n"


def input_note(input_chars: int, exclude_example: int | None = None) -> str:
    """What the offsets index into, and which Panel example retrieval left out (an evaluation run)."""
    left_out = f"; Example {exclude_example} left out of retrieval" if exclude_example else ""
    return f"Input {input_chars} characters; offsets index into the analysed text{left_out}."
