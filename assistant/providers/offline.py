"""The offline provider: the deterministic engine plus retrieval of similar real Panel comments."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from assistant.critic import critique_text
from assistant.domain.critique import Critique, PanelCommentRef
from assistant.errors import RRAError
from assistant.providers.base import CritiqueRequest, DraftRequest, KloeRequest, Provider, register_provider
from assistant.retrieval import get_index
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.domain.drafting import Draft
    from assistant.domain.kloe import KloeReport

# Candidates per finding: the critique keeps only those on the finding's topic (critic/similar.py).
PANEL_COMMENTS_PER_FINDING = 12


class PanelCommentRetriever:
    """Similar Panel comments for a finding's query, leave-one-out aware, memoised per process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lookup = lru_cache(maxsize=512)(self._search)

    def _search(self, query: str, exclude: int | None) -> tuple[PanelCommentRef, ...]:
        index = get_index(self.settings)
        hits = index.search(
            query, n=PANEL_COMMENTS_PER_FINDING, kinds=["panel_comment"], exclude_example=exclude
        )
        return tuple(
            PanelCommentRef(
                id=h.id, example=h.example or 0, section=h.section or "", text=h.text, score=h.score
            )
            for h in hits
        )

    def __call__(self, query: str, exclude: int | None) -> list[PanelCommentRef]:
        return list(self._lookup(query, exclude))


@register_provider("offline")
class OfflineProvider(Provider):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.retriever = PanelCommentRetriever(settings)

    def critique(self, request: CritiqueRequest) -> Critique:
        notices: list[str] = []
        retrieve = self.retriever if request.with_panel_comments else None
        try:
            critique = critique_text(request.text, retrieve=retrieve, exclude_example=request.exclude_example)
        except RRAError as exc:
            if retrieve is None:
                raise
            # The checks do not need the index; say what is missing rather than fail the whole critique.
            notices.append(f"Similar Panel comments are unavailable: {exc.message}")
            critique = critique_text(request.text, retrieve=None, exclude_example=request.exclude_example)
        critique.meta.notices.extend(notices)
        return critique

    def draft(self, request: DraftRequest) -> Draft:
        import datetime as dt

        from assistant.drafting import draft_chronology

        today = dt.date.fromisoformat(request.today) if request.today else None
        return draft_chronology(request.text, today=today)

    def kloe(self, request: KloeRequest) -> KloeReport:
        from assistant.enquiry import kloe_text

        return kloe_text(request.text, exclude_example=request.exclude_example)
