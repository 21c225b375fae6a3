"""What the pages' buttons do: call the service layer, package the result for display, never decide content.

Each function takes the user's text and returns a value the page stores in that user's session state.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, overload

from assistant import services
from assistant.app.review import CritiqueView
from assistant.domain.drafting import Citation, Draft
from assistant.domain.evals import DevsetReport, EvalReport
from assistant.domain.kloe import KloeReport
from assistant.errors import InputError
from assistant.resources import SAMPLES_DIR
from assistant.settings import REPO_ROOT

Progress = Callable[[str], None]
RESULTS_DIR = REPO_ROOT / "evals" / "results"
EVAL_RESULTS = RESULTS_DIR / "eval.json"  # the panel's; the others are in subfolders
FRESH_DIR = REPO_ROOT / "evals" / "fresh"


# ------------------------------------------------------------------------------------------------ critique


def critique_view(
    text: str,
    provider: str = "offline",
    previous: CritiqueView | None = None,
    progress: Progress | None = None,
) -> CritiqueView:
    """Critique `text` (a remote provider that fails falls back to the offline critique, which says so). With
    the `previous` critique of an earlier version of the draft, say what the edit resolved and brought up.

    Input errors (an empty draft, text that is not a rapid review) are the user's to fix and are raised,
    whichever provider was chosen.
    """
    result = services.critique(
        text, provider=provider, refuse_non_review=True, fallback_offline=True, progress=progress
    )
    comparison = None
    if previous is not None and previous.text != text:
        comparison = services.compare_critiques(previous.critique, result)
    return CritiqueView(critique=result, text=text, comparison=comparison)


# --------------------------------------------------------------------------------------------------- draft

TIMELINE_COLUMNS = ("Date", "Agency", "Event", "Lines")


@dataclass
class DraftView:
    draft: Draft
    text: str  # the chronology the draft's citations index into
    docx: bytes
    markdown: str
    rows: list[dict[str, str]] = field(default_factory=list)
    source: str = (
        ""  # the chronology in the text box it came from (the same as `text` unless the timeline was edited)
    )

    @property
    def from_edited_timeline(self) -> bool:
        return self.text != self.source


def draft_view(
    text: str,
    source: str | None = None,
    *,
    provider: str = "offline",
    notified: dt.date | None = None,
    progress: Progress | None = None,
) -> DraftView:
    """Draft from `text` with the provider the page chose (offline unless the user confirmed a remote run;
    never RRA_PROVIDER's default). `notified` is the date picked in the page's deadline panel, so the
    downloads give the same due date as the page."""
    result = services.draft(
        text,
        provider=provider,
        require_timeline=True,
        notified=notified,
        fallback_offline=True,
        progress=progress,
    )
    return DraftView(
        draft=result,
        text=text,
        docx=services.draft_word(result),
        markdown=services.draft_markdown(result),
        rows=timeline_rows(result, as_written=source is not None and source != text),
        source=text if source is None else source,
    )


def draft_quotes(draft: Draft) -> list[Citation]:
    """Every quote of the chronology in the drafted sections, sentences and table cells, in order."""
    quotes: list[Citation] = []
    for section in draft.sections:
        for block in section.blocks:
            quotes += [q for sentence in block.sentences for q in sentence.quotes]
            if block.table is not None:
                quotes += [q for row in block.table.rows for cell in row.cells for q in cell.quotes]
    return quotes


def timeline_rows(draft: Draft, *, as_written: bool = False) -> list[dict[str, str]]:
    """The parsed timeline as table rows: the date as the author wrote it, the agency's usual name, or with
    `as_written` the agency as written (a timeline the author edited: "Maternity services" stays as typed,
    not turned back into "Midwifery")."""
    return [
        {
            "Date": item.date_text,
            "Agency": (item.agency_text or item.agency or "")
            if as_written
            else (item.agency or item.agency_text),
            "Event": item.event,
            "Lines": ", ".join(str(n) for n in item.lines),
        }
        for item in draft.timeline
    ]


def _is_header_row(line: str) -> bool:
    words = re.findall(r"[a-z]+", line.lower())
    return 0 < len(words) <= 8 and "date" in words and ("event" in words or "agency" in words)


def chronology_from_rows(
    rows: Sequence[dict[str, Any]], original: str = "", first_line: int | None = None
) -> str:
    """An edited timeline back to a chronology to draft from again: the original's lines before its first
    entry (the title, who the child is: "Child B, a boy aged 3 months") without its header row, then a
    header row and the edited rows, tab-separated."""
    preamble = original.splitlines()[: first_line - 1] if original and first_line else []
    lines = [line for line in preamble if not _is_header_row(line)]
    lines.append("Date\tAgency\tEvent")
    rows_added = 0
    for row in rows:
        cells = [" ".join(str(row.get(c) or "").split()) for c in ("Date", "Agency", "Event")]
        if any(cells):
            lines.append("\t".join(cells))
            rows_added += 1
    if not rows_added:
        raise InputError("the timeline is empty", fix="add at least one row with a date, agency and event")
    return "\n".join(lines) + "\n"


def draft_for_critique(view: DraftView) -> str:
    """The draft's sections as the text an author would paste into the critique."""
    return services.draft_sections_text(view.draft)


SAMPLES = {
    "Fictional sample: injury to a baby": SAMPLES_DIR / "chronology-baby-injury.txt",
    "Fictional sample: exploitation of a teenager": SAMPLES_DIR / "chronology-exploitation.txt",
}
SAMPLE_CHRONOLOGY = "Fictional sample: injury to a baby"  # the one the home page offers
SAMPLE_DRAFT = SAMPLES_DIR / "draft-baby-sleep.md"


def sample_text(name: str) -> str:
    return SAMPLES[name].read_text(encoding="utf-8")


def sample_draft() -> str:
    return SAMPLE_DRAFT.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------- lines of enquiry


@dataclass
class KloeView:
    report: KloeReport
    text: str
    docx: bytes
    markdown: str


def kloe_view(text: str, *, provider: str = "offline", notified: dt.date | None = None) -> KloeView:
    """As `draft_view`: the page's chosen provider, and the deadline panel's date for the downloads."""
    report = services.kloe(text, provider=provider, notified=notified, fallback_offline=True)
    return KloeView(
        report=report, text=text, docx=services.kloe_word(report), markdown=services.kloe_markdown(report)
    )


@overload
def with_notified(view: DraftView, notified: dt.date | None) -> DraftView: ...
@overload
def with_notified(view: KloeView, notified: dt.date | None) -> KloeView: ...
def with_notified(view: DraftView | KloeView, notified: dt.date | None) -> DraftView | KloeView:
    """The view with its due date counted from `notified` (the deadline panel's date; None: the text's own),
    its downloads made again when that changes the date, so they say what the page says."""
    deadline = services.review_deadline(view.text, notified=notified)
    if isinstance(view, DraftView):
        if deadline == view.draft.deadline:
            return view
        draft = view.draft.model_copy(update={"deadline": deadline})
        return DraftView(
            draft=draft,
            text=view.text,
            docx=services.draft_word(draft),
            markdown=services.draft_markdown(draft),
            rows=view.rows,
            source=view.source,
        )
    if deadline == view.report.deadline:
        return view
    report = view.report.model_copy(update={"deadline": deadline})
    return KloeView(
        report=report,
        text=view.text,
        docx=services.kloe_word(report),
        markdown=services.kloe_markdown(report),
    )


# -------------------------------------------------------------------------------------------------- eval


@dataclass(frozen=True)
class EvalDataset:
    """A dataset the evaluation page offers: what `services.evaluate` takes, and where `rapid-review eval`
    saves its last report for it."""

    key: str  # panel | devset | fresh
    label: str
    dataset: str | Path
    results: Path


def eval_datasets() -> list[EvalDataset]:
    """The Panel's examples, the dev set, and the fresh set when `evals/fresh` is there."""
    out = [
        EvalDataset("panel", "Panel examples (5, in-sample)", "panel", EVAL_RESULTS),
        EvalDataset(
            "devset", "Dev set (24 drafts, out-of-sample)", "devset", RESULTS_DIR / "devset" / "eval.json"
        ),
    ]
    if FRESH_DIR.is_dir():
        out.append(
            EvalDataset(
                "fresh",
                "Fresh set (evals/fresh, one labeller)",
                FRESH_DIR,
                RESULTS_DIR / f"dir-{FRESH_DIR.name}" / "eval.json",
            )
        )
    return out


@dataclass
class EvalView:
    report: EvalReport | DevsetReport
    source: str  # where it came from, for the page to say
    dataset: str = "panel"  # EvalDataset.key


def latest_eval(dataset: EvalDataset | None = None) -> EvalView | None:
    """The report `rapid-review eval` saved last for `dataset` (default: the panel), or None when there is none."""
    ds = dataset or eval_datasets()[0]
    path = ds.results
    if not path.is_file():
        return None
    try:
        raw = path.read_text(encoding="utf-8")
        kind = json.loads(raw).get("dataset", "panel")
        report: EvalReport | DevsetReport = (
            EvalReport.model_validate_json(raw) if kind == "panel" else DevsetReport.model_validate_json(raw)
        )
    except (OSError, ValueError, AttributeError) as exc:
        raise InputError(
            f"the saved evaluation report {path.name} cannot be read ({type(exc).__name__})",
            fix=f"run the evaluation again (here, or with: {command(ds)})",
        ) from None
    when = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%d %B %Y at %H:%M")
    return EvalView(report=report, source=f"the report saved on {when} ({path.name})", dataset=ds.key)


def command(ds: EvalDataset) -> str:
    """The command line that runs the same evaluation."""
    if ds.key == "panel":
        return "rapid-review eval"
    if ds.key == "devset":
        return "rapid-review eval --dataset devset"
    try:
        shown = Path(ds.dataset).resolve().relative_to(REPO_ROOT).as_posix()
    except ValueError:
        shown = str(ds.dataset)
    return f"rapid-review eval --dataset {shown}"
