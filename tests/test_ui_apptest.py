"""The Streamlit app's main paths, page by page, with streamlit.testing.v1.AppTest (offline, in-process)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from assistant.errors import ProviderError
from assistant.resources import SAMPLES_DIR
from assistant.settings import REPO_ROOT

DRAFT = """# Rapid review: Child A

## Case information
Child A was a 9 week old baby boy. He lived with his mother, Jane Smith, and his father.

## Summary of the incident
On 3 March 2024 Child A was found unresponsive after co-sleeping with his father on a sofa.
He was taken to hospital and died.

## Agencies involved
Police, Health Visiting, Children's Social Care.

## Decision
The partnership considered the criteria.

## Learning
Mother was hard to reach.
"""
KNOWN_FINDING = "places responsibility on the child"
KNOWN_PANEL_COMMENT = "hard to reach young people"


def unescape(text: str) -> str:
    """Markdown as a person reads it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", text)


def run_critique(at: AppTest, text: str = DRAFT) -> AppTest:
    at.text_area(key="w_critique_text").input(text).run()
    next(b for b in at.button if b.label == "Run the critique").click().run()
    assert not at.exception, at.exception
    return at


def draft_pane(at: AppTest) -> str:
    """The HTML of the draft shown beside the findings."""
    return next(h.proto.body for h in at.get("html") if 'class="rra-draft"' in h.proto.body)


def expander_with(at: AppTest, words: str) -> Any:
    return next(e for e in at.expander if words in unescape(e.label))


# ---------------------------------------------------------------------------------------------- critique


def test_critique_page_shows_known_finding_with_panel_comment_and_downloads(
    app: Callable[..., AppTest],
) -> None:
    at = run_critique(app())
    assert at.title[0].value == "Critique a draft rapid review"
    finding = expander_with(at, KNOWN_FINDING)
    body = "\n".join(unescape(m.value) for m in finding.markdown)
    assert "hard to reach" in body  # the evidence quoted from the draft
    assert KNOWN_PANEL_COMMENT in body  # a real Panel comment ...
    assert "Example 3" in body  # ... with the example it came from
    assert "What the Panel's guidance asks" in body
    # Grouped by section, absences under "Whole document"; strengths and the highlighted draft shown.
    subheaders = [unescape(s.value) for s in at.subheader]
    assert subheaders[0] == "Whole document" and "Learning" in subheaders
    headers = [h.value for h in at.header]
    assert {"Findings", "Strengths", "Your draft"} <= set(headers)
    # The evidence "hard to reach" is marked as its whole sentence, never as the lone words.
    highlighted = draft_pane(at)
    assert re.search(
        r"<mark [^>]*title=\"[^\"]*places responsibility[^\"]*\">Mother was hard to reach\.</mark>",
        highlighted,
    )
    # Must-fix findings come before "consider" ones within a section; findings are numbered in screen order.
    labels = [re.sub(r"^\d+\. ", "", unescape(e.label)) for e in at.expander]
    assert labels.index(next(lbl for lbl in labels if lbl.startswith("Must fix"))) < labels.index(
        next(lbl for lbl in labels if lbl.startswith("Consider"))
    )
    assert [getattr(d, "label", None) for d in at.get("download_button")] == [
        "Download as Word (.docx)",
        "Download as markdown (.md)",
    ]
    import docx

    word, markdown = (d.proto for d in at.get("download_button"))
    assert word.label.endswith("(.docx)") and markdown.label.endswith("(.md)")
    view = at.session_state["critique"]
    from assistant import services

    document = docx.Document(io.BytesIO(services.critique_word(view.critique)))
    assert any(KNOWN_PANEL_COMMENT in p.text for p in document.paragraphs)
    assert "# Panel-style feedback" in services.critique_markdown(view.critique)


def test_critique_upload_docx_fills_the_text_box(app: Callable[..., AppTest]) -> None:
    import docx

    document = docx.Document()
    for line in DRAFT.splitlines():
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            document.add_heading(line.lstrip("# "), level=level)
        elif line.strip():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    at = app()
    at.file_uploader[0].upload("draft.docx", buffer.getvalue(), "application/octet-stream").run()
    assert not at.exception and not at.error
    assert "hard to reach" in (at.text_area(key="w_critique_text").value or "")
    next(b for b in at.button if b.label == "Run the critique").click().run()
    assert expander_with(at, KNOWN_FINDING)


def test_upload_over_the_size_limit_is_refused_clearly(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.settings import get_settings

    monkeypatch.setenv("RRA_MAX_INPUT_BYTES", "2000")
    get_settings.cache_clear()
    at = app()
    at.file_uploader[0].upload("big.txt", b"word " * 1000, "text/plain").run()
    assert not at.exception
    message = unescape(at.error[0].value)
    assert "over the limit" in message and "What to do" in message
    assert at.text_area(key="w_critique_text").value == ""


def test_unreadable_upload_names_the_fix(app: Callable[..., AppTest]) -> None:
    at = app()
    at.file_uploader[0].upload("draft.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png").run()
    assert not at.exception
    assert "What to do" in at.error[0].value


def test_html_and_script_in_a_draft_render_as_text(app: Callable[..., AppTest]) -> None:
    hostile = DRAFT.replace(
        "## Learning", "## <script>alert('x')</script> Learning <img src=x onerror=alert(1)>"
    ).replace("hard to reach.", "hard to reach. <b>bold</b> [link](javascript:alert(1))")
    at = run_critique(app(), hostile)
    body = draft_pane(at)
    assert "<script" not in body and "<img" not in body and "<b>" not in body
    assert "&lt;script&gt;" in body and "&lt;img src=x onerror=alert(1)&gt;" in body
    from streamlit.testing.v1.element_tree import AlertBase, HeadingBase, Markdown

    for node in at.main:
        if isinstance(node, Markdown | HeadingBase | AlertBase):
            assert "<script>" not in node.value  # all text rendered as markdown is escaped
            assert "](javascript" not in node.value
    assert any("<script>" in unescape(s.value) for s in at.subheader)  # shown, as text


def test_empty_draft_gets_a_clear_message(app: Callable[..., AppTest]) -> None:
    at = app()
    next(b for b in at.button if b.label == "Run the critique").click().run()
    assert not at.exception
    assert "paste or upload" in at.error[0].value.lower()


# An invented chronology with a name to redact (not from any eval set).
NAMED_CHRONOLOGY = """Child B, a boy aged 3 months
Date\tAgency\tEvent
03/02/2025\tHealth Visiting\tNew birth visit. Mother Karen Blythe-Oduya seen with the baby at home.
10/02/2025\tGP\tBaby seen for feeding problems. Karen Blythe-Oduya said the father was working away.
14/02/2025\tPolice\tCall from a neighbour about shouting at the address. No further action.
"""
SECRET = "S3cretPass"
REMOTE_PAGES = [
    # page, text box, button, text, the provider's method, the fallback notice
    ("critique", "Run the critique", DRAFT, "critique", "offline critique instead"),
    ("draft", "Draft the sections", NAMED_CHRONOLOGY, "draft", "offline draft instead"),
    ("kloe", "Find the lines of enquiry", NAMED_CHRONOLOGY, "kloe", "offline lines of enquiry instead"),
]


@pytest.mark.parametrize(("page", "button", "text", "task", "notice"), REMOTE_PAGES)
def test_every_page_sends_only_after_a_redacted_preview_and_confirmation_then_falls_back(
    app: Callable[..., AppTest],
    monkeypatch: pytest.MonkeyPatch,
    page: str,
    button: str,
    text: str,
    task: str,
    notice: str,
) -> None:
    from assistant.providers import available_providers
    from assistant.settings import get_settings

    if "openai" not in available_providers():
        pytest.skip("the openai provider needs the llm extra: pip install -e '.[llm]'")
    from assistant.providers.openai_compatible import OpenAICompatibleProvider

    monkeypatch.setenv("RRA_LLM_BASE_URL", f"http://svcuser:{SECRET}@127.0.0.1:9/v1")
    monkeypatch.setenv("RRA_LLM_MODEL", "gpt-4o-mini")
    get_settings.cache_clear()
    sent: list[str] = []

    def failing_remote(self: Any, request: Any) -> Any:  # the remote call itself: recorded, then it fails
        sent.append(request.text)
        raise ProviderError("the model server did not answer", fix="check RRA_LLM_BASE_URL")

    monkeypatch.setattr(OpenAICompatibleProvider, task, failing_remote)

    at = app(page)
    radio = at.radio(key=f"w_{page}_provider")
    assert radio.value == "offline"  # offline by default
    assert len(radio.options) == 2 and "gpt-4o-mini" in radio.options[1] and "127.0.0.1:9" in radio.options[1]
    radio.set_value("openai").run()
    at.text_area(key=f"w_{page}_text").input(text).run()
    next(b for b in at.button if b.label == button).click().run()
    assert not at.exception, at.exception
    assert not sent and at.session_state[page] is None  # nothing sent on the first click
    assert "Check what would be sent" in [h.value for h in at.header]
    redacted = next(t for t in at.text_area if t.label == "Redacted text that would be sent").value or ""
    for name in ("Jane Smith", "Karen Blythe-Oduya", "Blythe-Oduya"):
        assert name not in redacted
    assert "PERSON_" in redacted
    assert any("PERSON_1" in str(df.value) for df in at.dataframe)  # what was replaced, by kind
    details = "\n".join(unescape(m.value) for m in at.markdown)
    assert "tokens sent" in details and "Estimated cost:** about $" in details
    assert "at 127.0.0.1:9" in details  # the host it would go to ...
    shown = details + "\n".join(str(r.options) for r in at.radio) + "\n".join(c.value for c in at.caption)
    assert SECRET not in shown and "svcuser" not in shown  # ... never the URL's credentials
    send = next(b for b in at.button if b.label == "Send to the remote model")
    assert send.disabled  # needs the explicit confirmation
    at.checkbox[0].check().run()
    next(b for b in at.button if b.label == "Send to the remote model").click().run()
    assert not at.exception, at.exception
    assert sent == [text]
    assert any(notice in unescape(w.value) for w in at.warning)
    assert at.session_state[page] is not None  # the offline result, shown with the notice
    assert "Check what would be sent" not in [h.value for h in at.header]  # the preview is done with


def test_remote_choice_is_not_offered_unless_configured(app: Callable[..., AppTest]) -> None:
    at = app()
    for page in ("critique", "draft", "kloe"):
        at.switch_page(f"app_pages/{page}.py").run()
        assert at.radio(key=f"w_{page}_provider").options == ["On this computer (offline: nothing leaves it)"]


def test_two_sessions_never_see_each_others_documents(app: Callable[..., AppTest]) -> None:
    first = run_critique(app())
    second = app()
    assert first.session_state["critique"] is not None
    assert second.text_area(key="w_critique_text").value == ""
    assert second.session_state["critique"] is None
    assert not second.expander and not any('class="rra-draft"' in h.proto.body for h in second.get("html"))
    # The second user's draft does not leak back either.
    run_critique(second, DRAFT.replace("Jane Smith", "Ann Jones"))
    first.run()
    assert "Ann Jones" not in (first.text_area(key="w_critique_text").value or "")
    assert "Ann Jones" not in first.session_state["critique"].text


# ------------------------------------------------------------------------------------------------ corpus


def test_corpus_browser_shows_examples_with_panel_comments_guidance_and_search(
    app: Callable[..., AppTest], corpus: Any
) -> None:
    at = app("corpus")
    assert at.title[0].value == "Panel examples and guidance"
    example = corpus.example(1)
    section = next(s for s in example.sections if s.comment_ids)
    comment = next(c for c in example.comments if c.id == section.comment_ids[0])
    expander = next(e for e in at.expander if unescape(e.label) == (section.heading or "Opening"))
    assert any(comment.text[:60] in unescape(m.value) for m in expander.markdown)
    assert not expander.success  # critical comments are not shown as green "success" boxes
    # The Panel's verdict reads as words: no "[national review…](#)" link syntax.
    at.selectbox(key="w_corpus_example").select(3).run()
    verdict = unescape(at.info[0].value)
    assert "safeguarding children at risk from criminal exploitation" in verdict
    assert "](#)" not in verdict and "[safeguarding" not in verdict
    # Another example, section by section.
    at.selectbox(key="w_corpus_example").select(3).run()
    assert unescape(at.subheader[0].value).startswith("Example 3")
    guidance_text = "\n".join(unescape(m.value) for m in at.markdown)
    assert corpus.guidance[0].text[:40] in guidance_text
    assert any(corpus.national_reviews[0].title in unescape(e.label) for e in at.expander)
    at.text_input(key="w_corpus_query").input("hard to reach")
    at.button[0].click()
    at.run()
    assert not at.exception
    assert any(h.value.startswith("Results for") for h in at.subheader)
    assert any(KNOWN_PANEL_COMMENT in unescape(m.value) for m in at.markdown)


# ------------------------------------------------------------------------------------------------- draft

SAMPLES = SAMPLES_DIR


def test_draft_page_from_a_chronology(app: Callable[..., AppTest]) -> None:
    chronology = (SAMPLES / "chronology-baby-injury.txt").read_text(encoding="utf-8")
    chronology += "\nthis line has no date or agency at all\n"  # after a blank line: not attached
    at = app("draft")
    assert at.title[0].value == "Draft from a chronology"
    at.text_area(key="w_draft_text").input(chronology).run()
    next(b for b in at.button if b.label == "Draft the sections").click().run()
    assert not at.exception, at.exception
    headers = [h.value for h in at.header]
    assert {"Timeline", "Draft sections"} <= set(headers)
    # The parsed timeline as an editable table, the unparsed line shown with its reason.
    table = at.data_editor[0].value
    assert list(table.columns) == ["Date", "Agency", "Event", "Lines"]
    assert table.iloc[0]["Date"] == "14/08/2024" and table.iloc[0]["Agency"] == "Midwifery"
    unparsed = next(df.value for df in at.dataframe if "Why" in df.value.columns)
    assert "this line has no date or agency at all" in list(unparsed["Text"])
    # Generated sections, with the chronology's words marked and escaped.
    subheaders = [unescape(h.value) for h in at.subheader]
    assert "Case information" in subheaders and "Key events" in subheaders
    bodies = [h.proto.body for h in at.get("html")]
    # Each quote is a link to its line in the chronology shown beside (click, tap or Enter; no hover title).
    sections = [b for b in bodies if "rra-draft-section" in b]
    assert any('href="#rra-chronology-line-8"' in b for b in sections)
    assert not any("<mark title=" in b for b in sections)
    pane = next(b for b in bodies if 'aria-label="The chronology the draft was made from"' in b)
    assert 'id="rra-chronology-line-8"' in pane and "Midwifery" in pane
    labels = [getattr(d, "label", None) for d in at.get("download_button")]
    assert "Download the draft (.docx)" in labels
    import docx

    document = docx.Document(io.BytesIO(at.session_state["draft"].docx))
    assert any("Midwifery" in p.text for p in document.paragraphs) or document.tables
    # Draft again from the (here unedited) table: the chronology becomes the table's rows.
    next(b for b in at.button if b.label == "Draft again from the edited timeline").click().run()
    assert not at.exception, at.exception
    assert (at.text_area(key="w_draft_text").value or "").startswith("Date\tAgency\tEvent\n14/08/2024\t")
    # "Critique this draft" takes the draft to the critique page.
    next(b for b in at.button if b.label == "Critique this draft").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Critique a draft rapid review"
    assert "Case information" in (at.text_area(key="w_critique_text").value or "")


def test_draft_page_reads_a_word_chronology_from_its_table(app: Callable[..., AppTest]) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Multi-agency chronology for CHILD Z")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Date", "Agency", "Event"), strict=True):
        cell.text = text
    for row in (("03/02/2025", "HV", "New birth visit."), ("18/02/2025", "GP", "Bruise noted on cheek.")):
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    at = app("draft")
    at.file_uploader[0].upload("chronology.docx", buffer.getvalue(), "application/octet-stream").run()
    assert not at.exception and not at.error
    assert "18/02/2025\tGP\tBruise noted on cheek." in (at.text_area(key="w_draft_text").value or "")
    next(b for b in at.button if b.label == "Draft the sections").click().run()
    assert list(at.data_editor[0].value["Agency"]) == ["Health Visiting", "GP"]


def test_draft_page_sample_and_empty_input(app: Callable[..., AppTest]) -> None:
    at = app("draft")
    next(b for b in at.button if b.label == "Draft the sections").click().run()
    assert "paste or upload" in at.error[0].value.lower()
    next(b for b in at.button if b.label == "Use this sample").click().run()
    assert "Midwifery" in (at.text_area(key="w_draft_text").value or "")


def test_chronology_from_edited_rows() -> None:
    from assistant.app.actions import chronology_from_rows
    from assistant.errors import InputError

    rows: list[dict[str, Any]] = [
        {"Date": "03/02/2025", "Agency": "HV", "Event": "New birth\nvisit.", "Lines": "11"},
        {"Date": None, "Agency": None, "Event": None, "Lines": None},  # an empty added row
        {"Date": "", "Agency": "GP", "Event": "Seen.", "Lines": ""},
    ]
    assert (
        chronology_from_rows(rows) == "Date\tAgency\tEvent\n03/02/2025\tHV\tNew birth visit.\n\tGP\tSeen.\n"
    )
    with pytest.raises(InputError):
        chronology_from_rows([])


def test_draft_and_kloe_pages_stay_offline_even_when_the_default_provider_is_remote(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant import services
    from assistant.settings import get_settings

    monkeypatch.setenv("RRA_PROVIDER", "openai")
    monkeypatch.setenv("RRA_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RRA_LLM_MODEL", "gpt-4o-mini")
    get_settings.cache_clear()
    used: list[tuple[str, str | None]] = []
    real_draft, real_kloe = services.draft, services.kloe

    def draft(text: str, *, provider: str | None = None, **kw: Any) -> Any:
        used.append(("draft", provider))
        return real_draft(text, provider=provider, **kw)

    def kloe(text: str, *, provider: str | None = None, **kw: Any) -> Any:
        used.append(("kloe", provider))
        return real_kloe(text, provider=provider, **kw)

    monkeypatch.setattr(services, "draft", draft)
    monkeypatch.setattr(services, "kloe", kloe)
    chronology = (SAMPLES / "chronology-exploitation.txt").read_text(encoding="utf-8")
    at = app("draft")
    at.text_area(key="w_draft_text").input(chronology).run()
    next(b for b in at.button if b.label == "Draft the sections").click().run()
    at.switch_page("app_pages/kloe.py").run()
    at.text_area(key="w_kloe_text").input(chronology).run()
    next(b for b in at.button if b.label == "Find the lines of enquiry").click().run()
    assert not at.exception, at.exception
    assert used == [("draft", "offline"), ("kloe", "offline")]
    # The critique page offers the remote model, but still starts on offline.
    at.switch_page("app_pages/critique.py").run()
    assert at.radio(key="w_critique_provider").value == "offline"


# -------------------------------------------------------------------------------------- lines of enquiry


def test_kloe_page_questions_evidence_national_reviews_and_criteria(app: Callable[..., AppTest]) -> None:
    from assistant.domain.kloe import DECISION_NOTE

    at = app("kloe")
    assert at.title[0].value == "Key lines of enquiry"
    assert DECISION_NOTE in unescape(at.info[0].value)  # the decision rests with the partners, up front
    chronology = (SAMPLES / "chronology-baby-injury.txt").read_text(encoding="utf-8")
    at.text_area(key="w_kloe_text").input(chronology).run()
    next(b for b in at.button if b.label == "Find the lines of enquiry").click().run()
    assert not at.exception, at.exception
    first = at.expander[0]
    body = "\n".join(unescape(m.value) for m in first.markdown)
    assert "Evidence in the text" in body and "Line " in body
    assert "National reviews" in body
    criteria = next(df.value for df in at.dataframe if "Evidence for" in df.value.columns)
    assert "Regulation 11(a)" in list(criteria["Criterion"])
    assert "LCSPR criteria: the evidence in the text" in [h.value for h in at.header]
    assert sum(DECISION_NOTE in unescape(i.value) for i in at.info) >= 2  # and again under the table
    view = at.session_state["kloe"]
    import docx

    assert docx.Document(io.BytesIO(view.docx)).paragraphs


# ------------------------------------------------------------------------------------------- evaluation


def test_evaluation_page_runs_and_loads_the_latest_report(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant.app import actions

    monkeypatch.setattr(actions, "EVAL_RESULTS", tmp_path / "missing" / "eval.json")
    at = app("evaluation")
    assert at.title[0].value == "How well it works"
    assert at.radio(key="w_eval_dataset").value == "panel"  # the Panel's examples by default
    next(b for b in at.button if b.label == "Load the latest saved report").click().run()
    assert "No saved report yet" in at.warning[0].value

    next(b for b in at.button if b.label == "Run the evaluation now").click().run()
    assert not at.exception, at.exception
    headers = [h.value for h in at.header]
    assert headers == [
        "Headline metrics against the baselines",
        "With each code withheld from its source example",
        "Per finding code",
        "Per example",
    ]
    # the headline from the metric registry: F1, false alarms per draft, must-fix false alarms, gap recall
    assert [m.label for m in at.metric][:4] == [
        "F1",
        "False alarms per draft",
        "Must-fix false alarms",
        "Panel gap recall",
    ]
    assert "in-sample" in unescape(at.warning[0].value)  # the in-sample caveat, up front
    table = at.dataframe[0].value
    assert {"Metric", "Tool", "Withheld", "Prior (text-blind)", "Checklist", "Empty", "Shuffle"} <= set(
        table.columns
    )
    withheld = at.dataframe[1].value
    assert list(withheld["Metric"]) == ["Precision", "Recall", "F1", "Panel gap recall"]
    assert {"In-sample (raw)", "Withheld"} <= set(withheld.columns)
    assert len([e for e in at.expander if e.label.startswith("Example")]) == 5  # one per example
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")  # the per-code chart

    saved = tmp_path / "eval.json"
    saved.write_text(at.session_state["eval_report"].report.model_dump_json(), encoding="utf-8")
    monkeypatch.setattr(actions, "EVAL_RESULTS", saved)
    other = app("evaluation")
    next(b for b in other.button if b.label == "Load the latest saved report").click().run()
    assert not other.exception, other.exception
    assert "the report saved on" in unescape(other.success[0].value)
    assert [h.value for h in other.header] == headers


def test_evaluation_page_offers_the_fresh_set_only_when_it_is_there(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant.app import actions

    assert (actions.FRESH_DIR).is_dir()
    at = app("evaluation")
    assert at.radio(key="w_eval_dataset").options == [
        "Panel examples (5, in-sample)",
        "Dev set (24 drafts, out-of-sample)",
        "Fresh set (evals/fresh, one labeller)",
    ]
    monkeypatch.setattr(actions, "FRESH_DIR", tmp_path / "no-fresh-set")
    at = app("evaluation")
    assert len(at.radio(key="w_eval_dataset").options) == 2


def test_evaluation_page_runs_the_dev_set_and_the_fresh_set_through_services(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant import services
    from assistant.app import actions
    from assistant.domain.evals import DevsetReport

    calls: list[tuple[object, object]] = []
    real = services.evaluate

    def evaluate(dataset: Any, **kwargs: Any) -> Any:
        calls.append((dataset, kwargs["provider"]))
        return real(dataset, **kwargs)

    monkeypatch.setattr(services, "evaluate", evaluate)
    monkeypatch.setattr(actions, "RESULTS_DIR", tmp_path)  # no saved reports
    at = app("evaluation")
    at.radio(key="w_eval_dataset").set_value("devset").run()
    next(b for b in at.button if b.label == "Load the latest saved report").click().run()
    assert "No saved report yet for this dataset" in at.warning[0].value
    assert "rapid-review eval --dataset devset" in at.warning[0].value
    next(b for b in at.button if b.label == "Run the evaluation now").click().run()
    assert not at.exception, at.exception
    assert calls == [("devset", "offline")]
    view = at.session_state["eval_report"]
    assert view.dataset == "devset" and isinstance(view.report, DevsetReport) and view.report.drafts == 24
    assert [h.value for h in at.header] == [
        "Headline metrics against the baselines",
        "Labeller agreement",
        "Breakdowns",
        "Per finding code",
        "Per draft",
    ]
    assert [h.value for h in at.subheader] == ["By writer", "By template (file format)", "By tier"]
    labels = [m.label for m in at.metric]
    assert labels[:4] == ["F1", "False alarms per draft", "Must-fix false alarms", "Recall"]
    assert "Cohen's kappa, pooled" in labels and "Cell agreement" in labels
    assert "Out-of-sample" in unescape(at.info[0].value)
    table = at.dataframe[0].value
    assert {"Metric", "Tool", "Prior (text-blind)", "Checklist", "Empty"} <= set(table.columns)
    assert "Must-fix false alarms" in list(table["Metric"])
    writers = next(df.value for df in at.dataframe if "Group" in df.value.columns)
    assert list(writers["Group"]) == ["a", "b", "c"]

    at.radio(key="w_eval_dataset").set_value("fresh").run()
    next(b for b in at.button if b.label == "Run the evaluation now").click().run()
    assert not at.exception, at.exception
    assert calls[-1] == (actions.FRESH_DIR, "offline")
    fresh = at.session_state["eval_report"]
    assert fresh.dataset == "fresh" and fresh.report.drafts == 8
    body = "\n".join(unescape(m.value) for m in at.markdown)
    assert "One labeller" in body
    assert "Labeller agreement" in [h.value for h in at.header]


# ----------------------------------------------------------------------------------------------- the CLI


def test_ui_command_refuses_a_port_in_use_with_the_fix() -> None:
    import socket

    from assistant.cli import main

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["ui", "--port", str(port)]) == 3


def test_ui_command_runs_streamlit_headless_on_loopback_without_usage_stats() -> None:
    from assistant.cli.ui_cmd import APP, streamlit_command

    command = streamlit_command(APP, "127.0.0.1", 8555, 20)
    assert APP.is_file() and command[1:5] == ["-m", "streamlit", "run", str(APP)]
    for flag in (
        "--server.headless=true",
        "--server.address=127.0.0.1",
        "--server.port=8555",
        "--browser.gatherUsageStats=false",
        "--global.developmentMode=false",
        "--server.fileWatcherType=none",
        "--server.maxUploadSize=20",
    ):
        assert flag in command
    config = (REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8")
    assert "gatherUsageStats = false" in config and 'address = "127.0.0.1"' in config
