"""Put similar library passages beside a critique's findings and a report's lines of enquiry.

They go in their own field (`local_passages`), apart from the Panel's comments, and only passages close to
the point (MIN_SIMILARITY) are shown: a library of unrelated documents adds nothing. Documents that are the
text being looked at, or a version of it, are left out (leave-one-out per document). A library that cannot
be read costs the critique nothing but a notice.
"""

from __future__ import annotations

from assistant.critic.taxonomy import load_templates
from assistant.domain.critique import Critique
from assistant.domain.kloe import KloeReport
from assistant.domain.library import LibraryPassage
from assistant.errors import RRAError
from assistant.library.search import LibrarySearch
from assistant.settings import Settings

PASSAGES_PER_POINT = 2
# Cosine similarity (MiniLM) a passage needs to the point's query. Measured on an invented Panel letter and
# rapid review (a paragraph per passage) against a related draft's 13 findings: the passage on the finding's
# own point scored 0.42-0.72, the best passage on another point at most 0.39.
MIN_SIMILARITY = 0.40


def _passages(
    queries: list[str], text: str, settings: Settings, notices: list[str]
) -> tuple[list[list[LibraryPassage]], list[str]] | None:
    """Passages per query, and the documents left out as being `text` itself; None when there are none."""
    try:
        library = LibrarySearch(settings)
        if library.empty:
            return None
        exclude = library.same_documents(text)
        found = library.search(queries, n=PASSAGES_PER_POINT, exclude=exclude, min_similarity=MIN_SIMILARITY)
    except RRAError as exc:
        notices.append(f"Similar passages from the local library are unavailable: {exc.message}")
        return None
    return found, sorted(exclude)


def attach_to_critique(critique: Critique, text: str, settings: Settings) -> None:
    # The query that finds the Panel's own comments on the point (finding-messages.yaml): short and specific,
    # it separates the library's passages better than the finding's whole message does.
    templates = load_templates().findings
    queries = [templates[f.code].query if f.code in templates else f.title for f in critique.findings]
    result = _passages(queries, text, settings, critique.meta.notices) if queries else None
    if result is None:
        return
    for finding, passages in zip(critique.findings, result[0], strict=True):
        finding.local_passages = passages
    critique.meta.library_excluded = result[1]


def attach_to_kloe(report: KloeReport, text: str, settings: Settings) -> None:
    queries = [f"{line.theme}. {line.question}" for line in report.lines_of_enquiry]
    result = _passages(queries, text, settings, report.meta.notices) if queries else None
    if result is None:
        return
    for line, passages in zip(report.lines_of_enquiry, result[0], strict=True):
        line.local_passages = passages
    report.meta.library_excluded = result[1]
