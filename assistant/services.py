"""The service layer: what the CLI and the Streamlit app both call. No presentation here."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.corpus import corpus_summary, load_corpus
from assistant.documents.reader import InputDocument, read_bytes, read_path, read_path_and_bytes, read_raw
from assistant.domain.corpus import CorpusSummary, SearchResponse
from assistant.domain.critique import Critique, CritiqueComparison, Finding, Mark
from assistant.errors import InputError, RRAError
from assistant.privacy import Redaction, redact
from assistant.providers import CritiqueRequest, get_provider
from assistant.settings import Settings, get_settings

if TYPE_CHECKING:
    from assistant.domain.annotation import AnnotatedDocument
    from assistant.domain.corpus import Corpus
    from assistant.domain.deadline import ReviewDeadline
    from assistant.domain.drafting import Draft
    from assistant.domain.evals import BaselineSnapshot, DevsetReport, EvalReport, MetricInfo
    from assistant.domain.kloe import KloeReport
    from assistant.domain.library import (
        LibraryAddition,
        LibraryDocument,
        LibraryListing,
        LibraryPassage,
        LibraryPreview,
    )
    from assistant.domain.remote import RemoteModel, RemoteTask, SendPreview
    from assistant.providers.base import Request
    from assistant.providers.openai_compatible import SendEstimate
    from assistant.retrieval import CorpusIndex

Progress = Callable[[str], None]


def corpus_info() -> CorpusSummary:
    return corpus_summary(load_corpus())


def corpus() -> Corpus:
    """The Panel's publication and the reference data, parsed once per content."""
    return load_corpus()


def index(progress: Progress | None = None) -> CorpusIndex:
    # Imported here: chromadb takes most of a second to import, and most commands never search.
    from assistant.retrieval import get_index

    return get_index(get_settings(), progress)


def search(
    query: str,
    *,
    kinds: Iterable[str] | None = None,
    exclude_example: int | None = None,
    n: int = 5,
    progress: Progress | None = None,
) -> SearchResponse:
    results = index(progress).search(query, n=n, kinds=kinds, exclude_example=exclude_example)
    return SearchResponse(
        query=query, results=tuple(results), local_passages=tuple(_library_search(query, n))
    )


def _library_search(query: str, n: int) -> list[LibraryPassage]:
    from assistant.library.search import LibrarySearch

    library = LibrarySearch(get_settings())
    return [] if library.empty else library.search([query], n=n)[0]


def read_document(source: str | Path | bytes, name: str = "input") -> InputDocument:
    """A path, '-' for standard input, or uploaded bytes."""
    return read_bytes(source, name) if isinstance(source, bytes) else read_path(source)


def check_limits(text: str) -> None:
    """The byte and word limits the reader applies to files, for text given directly (the Python API)."""
    settings = get_settings()
    limit = settings.max_input_bytes
    # str.isascii is O(1) in CPython, so an ASCII text is measured without an encoded copy.
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise InputError(
            f"the text is {size / (1024 * 1024):.1f} MB, over the {limit / (1024 * 1024):.1f} MB input limit",
            fix=f"split the draft, or raise RRA_MAX_INPUT_BYTES (now {limit} bytes)",
        )
    words = settings.max_input_words
    # Counting stops one past the limit, so a huge text costs no more than a legal one.
    for count, _ in enumerate(re.finditer(r"\S+", text), start=1):
        if count > words:
            raise InputError(
                f"the text has more than {words:,} words",
                fix=f"split the draft, or raise RRA_MAX_INPUT_WORDS (now {words})",
            )


def critique(
    text: str,
    *,
    provider: str | None = None,
    exclude_example: int | None = None,
    with_panel_comments: bool = True,
    refuse_non_review: bool = False,
    notified: str | dt.date | None = None,
    fallback_offline: bool = False,
    progress: Progress | None = None,
) -> Critique:
    """With `fallback_offline`, a remote model that fails (not the user's input) gives the offline critique,
    with a notice saying so, instead of an error. With `refuse_non_review`, text that does not read as a rapid review is an input error rather than an
    empty critique (which a person can mistake for a clean bill of health). The due date counts from
    `notified`, else from a notification date in the draft; a draft dated after it gets a note, not a finding.
    The first use builds the retrieval index (tens of seconds), reported through `progress`."""
    if not text.strip():
        raise InputError("the draft is empty", fix="paste or upload the draft rapid review text")
    check_limits(text)
    deadline = review_deadline(text, notified=notified)  # before the model call: a bad date fails at once
    request = CritiqueRequest(
        text=text, exclude_example=exclude_example, with_panel_comments=with_panel_comments
    )
    if with_panel_comments:
        _prepare_index(provider, progress)
    result = _generate(provider, request, fallback_offline, "critique")
    if refuse_non_review and not result.meta.looks_like_rapid_review:
        raise InputError(
            "this does not look like a rapid review: it has almost none of the words one uses (the child, "
            "the family, the agencies, the incident, the decision), so there is nothing to give feedback on",
            fix="paste or upload the draft rapid review itself, or try the sample draft on the home page",
        )
    if with_panel_comments:
        from assistant.library.attach import attach_to_critique

        attach_to_critique(result, text, get_settings())
    if deadline is not None:
        from assistant.deadline import late_notes

        result.deadline, result.information = deadline, late_notes(text, deadline)
    return result


def _generate(provider: str | None, request: Request, fallback_offline: bool, what: str) -> Any:
    """The provider's result; with `fallback_offline`, the offline one when a remote provider fails for any
    reason but the user's input (exit code 2), with a notice in the result's meta saying so."""
    try:
        return get_provider(provider).generate(request)
    except RRAError as exc:
        if not fallback_offline or exc.exit_code == 2 or (provider or get_settings().provider) == "offline":
            raise
        reason = exc.message
    result = get_provider("offline").generate(request)
    result.meta.notices.append(
        f"The remote model could not be used ({reason}), so this is the offline {what} instead."
    )
    return result


def review_deadline(text: str = "", *, notified: str | dt.date | None = None) -> ReviewDeadline | None:
    """When the rapid review is due: 15 working days after `notified` (a date, or a date as a person writes
    it), else after the notification date the text gives; None when neither says."""
    from assistant.deadline import deadline_for_text

    return deadline_for_text(text, notified)


def working_days_left(due: dt.date, today: dt.date | None = None) -> int:
    """Working days from `today` to `due`: 0 on the due date, negative once it has passed."""
    from assistant.deadline import working_days_between

    return working_days_between(today or dt.date.today(), due)


def _prepare_index(provider: str | None, progress: Progress | None) -> None:
    """Open (the first time, build) the index the offline critique searches, so that a first build is
    reported through `progress` instead of passing in silence inside the critique."""
    if progress is None or (provider or get_settings().provider) != "offline":
        return
    # On failure the critique goes on without similar Panel comments, and says so in its notices.
    with contextlib.suppress(RRAError):
        index(progress)


def compare_critiques(before: Critique, after: Critique) -> CritiqueComparison:
    """What an edit of the draft resolved, what it brought up and what is still open."""
    from assistant.critic.compare import compare

    return compare(before, after)


def finding_key(finding: Finding) -> str:
    """The id under which a finding's mark is kept; the same across critiques of an edited draft."""
    from assistant.critic.compare import finding_key as key

    return key(finding)


def critique_markdown(c: Critique, *, marks: Mapping[str, Mark] | None = None) -> str:
    """The critique as markdown, with the author's marks (keyed by `finding_key`) beside their findings."""
    from assistant.render.critique_markdown import critique_markdown as render

    return render(c, marks=marks)


def critique_word(c: Critique, *, marks: Mapping[str, Mark] | None = None) -> bytes:
    """The critique as a Word document, with the author's marks beside their findings."""
    from assistant.render.word import critique_docx

    return critique_docx(c, marks=marks)


def draft_markdown(d: Draft) -> str:
    from assistant.render.draft_markdown import draft_markdown as render

    return render(d)


def draft_word(d: Draft) -> bytes:
    from assistant.render.draft_word import draft_docx

    return draft_docx(d)


def draft_sections_text(d: Draft) -> str:
    """The drafted sections as the markdown an author would critique (no questions, no evaluators' notes)."""
    from assistant.render.draft_markdown import draft_body_markdown

    return draft_body_markdown(d, with_questions=False)


def kloe_markdown(report: KloeReport) -> str:
    from assistant.render.kloe_markdown import kloe_markdown as render

    return render(report)


def kloe_word(report: KloeReport) -> bytes:
    from assistant.render.draft_word import kloe_docx

    return kloe_docx(report)


def annotate_document(
    source: str | Path | bytes,
    name: str = "input",
    *,
    existing: Critique | None = None,
    provider: str | None = None,
    exclude_example: int | None = None,
    marks: Mapping[str, Mark] | None = None,
    progress: Progress | None = None,
) -> AnnotatedDocument:
    """The draft (a path, '-', or uploaded bytes named `name`) as a .docx with every finding, strength and a
    summary as Word comments: the author's own .docx with its text unchanged, or a .docx made from .md, .txt
    or .pdf text. `existing` reuses a critique already made of this same document (checked by its hash);
    `marks` (keyed by `finding_key`) are shown in their findings' comments."""
    from assistant.documents.parse import parses_shared
    from assistant.render.word_comments import annotate

    if isinstance(source, bytes):
        data, document = source, read_bytes(source, name)
    else:
        document, data = read_path_and_bytes(source)
    with parses_shared():  # the critique and a text's Word document split the same text
        if existing is None:
            existing = critique(
                document.text, provider=provider, exclude_example=exclude_example, progress=progress
            )
        elif existing.meta.input_sha256 != _sha256(document.text):
            # Offsets index into the text that was critiqued; another text's offsets would land anywhere.
            raise InputError(
                "the critique was made of a different text than this document",
                fix="critique this document again, then add the comments",
            )
        return annotate(document, existing, data if document.format == "docx" else None, marks=marks)


def _sha256(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def redact_text(text: str) -> Redaction:
    if not text.strip():
        raise InputError("the text is empty", fix="paste or upload the draft")
    return redact(text)


def estimate_remote(
    text: str, *, task: RemoteTask = "critique", exclude_example: int | None = None
) -> SendEstimate:
    """What a remote critique, draft or lines of enquiry would send (redacted) and cost, before anything is
    sent."""
    from assistant.providers import DraftRequest, KloeRequest
    from assistant.providers.openai_compatible import OpenAICompatibleProvider

    provider = get_provider("openai")
    assert isinstance(provider, OpenAICompatibleProvider)
    if task == "draft":
        return provider.estimate(DraftRequest(text=text))
    if task == "kloe":
        return provider.estimate(KloeRequest(text=text, exclude_example=exclude_example))
    return provider.estimate(CritiqueRequest(text=text, exclude_example=exclude_example))


def preview_remote(text: str, *, task: RemoteTask = "critique") -> SendPreview:
    """What a page shows before a remote call: the redacted text, what was replaced, host, tokens, cost."""
    from assistant.domain.remote import RedactedItem, SendPreview

    estimate = estimate_remote(text, task=task)
    return SendPreview(
        task=task,
        redacted_text=estimate.redacted_text,
        replaced=tuple(
            RedactedItem(placeholder=e.placeholder, kind=e.kind.value, count=e.count)
            for e in redact_text(text).entities
        ),
        model=estimate.model,
        host=estimate.host or "",
        prompt_tokens=estimate.prompt_tokens,
        max_completion_tokens=estimate.max_completion_tokens,
        estimated_cost_usd=estimate.estimated_cost_usd,
    )


def remote_model(settings: Settings | None = None) -> RemoteModel | None:
    """The remote model a user may choose, or None: it must be both installed and configured. Its endpoint
    is shown without the URL's userinfo (a password), query or fragment."""
    from assistant.domain.remote import RemoteModel
    from assistant.llm.audit import safe_url
    from assistant.providers import available_providers

    s = settings or get_settings()
    if not s.llm_configured or "openai" not in available_providers():
        return None
    return RemoteModel(model=s.llm_model or "", endpoint=safe_url(s.llm_base_url))


def model_text(text: str | None) -> str:
    """Model-written text fit to show: plain words on one line, no links, images, URLs or HTML."""
    from assistant.llm.untrusted import clean_model_text

    return clean_model_text(text)


# -- drafting from a chronology, and lines of enquiry -------------------------------------------------


def read_chronology(
    source: str | Path | bytes, name: str = "input", *, sheet: str | None = None
) -> tuple[str, list[str]]:
    """The chronology text to draft from, and notes for the user.

    A Word chronology is read from its tables (one table row per line, cells separated by tabs), the form
    the chronology parser reads best; a spreadsheet (.xlsx, .csv) the same way, from `sheet` or the sheet that
    looks like a chronology; other inputs, and Word files without tables, as `read_document` reads them.
    """
    import io

    import docx

    from assistant.chronology import render_docx_tables
    from assistant.documents.spreadsheet import read_spreadsheet, spreadsheet_kind

    data, name = (bytes(source), name) if isinstance(source, bytes) else read_raw(source)
    if spreadsheet_kind(data, name):
        return read_spreadsheet(data, name, sheet=sheet)
    _no_sheets(name, sheet)
    document = read_bytes(data, name)
    notes = list(document.warnings)
    if document.format == "docx":
        try:
            tables = render_docx_tables(docx.Document(io.BytesIO(data)))
        except Exception:  # the reader already accepted the file; fall back to its text
            tables = ""
        if tables.replace("\t", "").strip():
            notes.append("read the chronology from the Word document's tables")
            return tables, notes
    return document.text, notes


def read_text_or_table(
    source: str | Path | bytes, name: str = "input", *, sheet: str | None = None
) -> tuple[str, list[str]]:
    """A draft or a chronology for the lines of enquiry: a spreadsheet's table as `read_chronology` reads it,
    anything else as `read_document` does (a draft's own tables are part of its text)."""
    from assistant.documents.spreadsheet import read_spreadsheet, spreadsheet_kind

    data, name = (bytes(source), name) if isinstance(source, bytes) else read_raw(source)
    if spreadsheet_kind(data, name):
        return read_spreadsheet(data, name, sheet=sheet)
    _no_sheets(name, sheet)
    document = read_bytes(data, name)
    return document.text, list(document.warnings)


def _no_sheets(name: str, sheet: str | None) -> None:
    if sheet is not None:
        raise InputError(
            f"--sheet chooses a sheet of a spreadsheet, and '{name}' is not one",
            fix="leave out --sheet, or give the .xlsx or .csv file",
        )


def draft(
    text: str,
    *,
    provider: str | None = None,
    today: str | None = None,
    with_critique: bool = False,
    exclude_example: int | None = None,
    with_panel_comments: bool = True,
    require_timeline: bool = False,
    notified: str | dt.date | None = None,
    fallback_offline: bool = False,
    progress: Progress | None = None,
) -> Draft:
    """Draft the factual sections from a chronology; with_critique adds the Panel-style critique of the draft.
    With `require_timeline`, a text in which no event can be read is an input error, not an empty draft.
    With `fallback_offline`, a remote model that fails gives the offline draft, with a notice saying so."""
    from assistant.providers import DraftRequest
    from assistant.render.draft_markdown import draft_body_markdown

    if not text.strip():
        raise InputError("the chronology is empty", fix="paste rows of date, agency and event")
    check_limits(text)
    deadline = review_deadline(text, notified=notified)
    result = _generate(provider, DraftRequest(text=text, today=today), fallback_offline, "draft")
    if require_timeline and not result.timeline:
        raise InputError(
            "no dated events could be read from this text, so it does not look like a chronology and there "
            "is nothing to draft from",
            fix="paste rows of date, agency and event (one event a line), or try the sample chronology",
        )
    if with_critique:
        result.critique = critique(
            draft_body_markdown(result, with_questions=False),
            provider=provider,
            exclude_example=exclude_example,
            with_panel_comments=with_panel_comments,
            fallback_offline=fallback_offline,
            progress=progress,
        )
    result.deadline = deadline
    return result


def kloe(
    text: str,
    *,
    provider: str | None = None,
    exclude_example: int | None = None,
    notified: str | dt.date | None = None,
    fallback_offline: bool = False,
) -> KloeReport:
    """Key lines of enquiry and the LCSPR criteria evidence table, from a chronology or a draft review.
    With `fallback_offline`, a remote model that fails gives the offline report, with a notice saying so."""
    from assistant.providers import KloeRequest

    if not text.strip():
        raise InputError("the text is empty", fix="paste a chronology or a draft rapid review")
    check_limits(text)
    deadline = review_deadline(text, notified=notified)
    from assistant.library.attach import attach_to_kloe

    request = KloeRequest(text=text, exclude_example=exclude_example)
    report = _generate(provider, request, fallback_offline, "lines of enquiry")
    attach_to_kloe(report, text, get_settings())
    report.deadline = deadline
    return report


def evaluate(
    dataset: str | Path = "panel",
    *,
    provider: str | None = None,
    baseline: BaselineSnapshot | Literal["committed"] | None = None,
    tolerance: float = 0.05,
    judge: bool = False,
    progress: Progress | None = None,
) -> EvalReport | DevsetReport:
    """The eval (offline by default): 'panel' (the Panel's five examples, leave-one-out), 'devset'
    (evals/devset) or a folder of drafts with labels files. With `baseline` (a snapshot of the same dataset, or "committed" for
    the dataset's committed one when present) the gated metrics are compared with it (`against_baseline`),
    and on the panel its similarity thresholds are pinned. `provider` critiques every draft as `critique`
    does (offline by default); with a remote one, what will be sent (drafts, host, redacted) is reported
    through `progress` before anything is."""
    from assistant.evaluation.pipeline import evaluate as run

    return run(
        dataset, provider=provider, baseline=baseline, tolerance=tolerance, judge=judge, progress=progress
    )


def eval_metrics(kind: Literal["panel", "labelled"]) -> list[MetricInfo]:
    """The metrics a kind of dataset reports (the Panel's examples, or labelled drafts), in report order."""
    from assistant.evaluation import metrics

    return metrics.infos(kind)


def format_metric(name: str, value: float | None) -> str:
    """A metric's value as the reports show it (a percentage, a count or a number)."""
    from assistant.evaluation import metrics

    return metrics.REGISTRY[name].format(value)


# -- the partnership's local library ------------------------------------------------------------------


def preview_library_document(
    source: str | Path | bytes,
    name: str = "input",
    *,
    kind: str,
    title: str | None = None,
    date: str | None = None,
) -> LibraryPreview:
    """The redacted text a file would be stored as, and what redaction changed, before anything is stored."""
    from assistant.library.operations import preview

    return preview(read_document(source, name), kind, get_settings(), title=title, date=date)


def add_to_library(
    sources: Sequence[str | Path | tuple[bytes, str]],
    *,
    kind: str,
    title: str | None = None,
    date: str | None = None,
) -> list[LibraryAddition]:
    """Read files (paths, or uploaded (bytes, name) pairs), redact them, and index their passages in the
    library. All are read and redacted before any is stored; the originals are never stored; adding the same
    file again changes nothing. The Panel corpus index is not touched."""
    from assistant.library.ingest import check_date, check_kind
    from assistant.library.operations import add

    # Checked before reading: a typo in an option should not wait for a large PDF to be read.
    check_kind(kind)
    check_date(date)
    if not sources:
        raise InputError("no file was given", fix="name one or more .docx, .pdf, .md or .txt files")
    documents = [read_document(*s) if isinstance(s, tuple) else read_document(s) for s in sources]
    return add(documents, kind, get_settings(), title=title, date=date)


def list_library() -> LibraryListing:
    from assistant.library.operations import listing

    return listing(get_settings())


def remove_from_library(document_id: str) -> LibraryDocument:
    """Remove one document's passages from the library (and its manifest entry)."""
    from assistant.library.operations import remove

    return remove(document_id, get_settings())
