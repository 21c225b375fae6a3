"""What the pages' buttons do: call the service layer, package the result for display, never decide content.

Each function takes the user's text and returns a value the page stores in that user's session state.
"""

from __future__ import annotations

from assistant import services
from assistant.errors import RRAError
from assistant.render.critique_markdown import critique_markdown
from assistant.render.word import critique_docx
from ui.components import CritiqueView


def critique_view(text: str, provider: str = "offline") -> CritiqueView:
    """Critique `text`; if a remote provider fails, fall back to the offline critique and say so.

    Input errors (an empty draft, say) are the user's to fix and are raised, whichever provider was chosen.
    """
    notices: list[str] = []
    try:
        result = services.critique(text, provider=provider)
    except RRAError as exc:
        if provider == "offline" or exc.exit_code == 2:
            raise
        notices.append(
            f"The remote model could not be used ({exc.message}), so this is the offline critique instead."
        )
        result = services.critique(text, provider="offline")
    return CritiqueView(
        critique=result,
        text=text,
        docx=critique_docx(result),
        markdown=critique_markdown(result),
        notices=notices,
    )
