"""The review pane and the fixes of issue 13 in the app (AppTest, offline): marks, re-running after an
edit, plain language, the home page, refusing non-reviews and garbage, and redrafting without data loss.
The pure helpers (passages, the draft as HTML, progress fractions) are tested directly."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from assistant.app.components import PAGE_STYLE, fraction, link_text
from assistant.app.review_pane import Anchor, draft_html, passage
from tests.fakes.app import click
from tests.test_ui_apptest import DRAFT, run_critique, unescape

CHRONOLOGY = (
    "Chronology for Child B, a boy aged 3 months\n"
    "Date\tAgency\tEvent\n"
    "03/02/2025\tMidwifery\tCommunity midwife home visit to Child B. Baby feeding well; Mother tired.\n"
    "10/02/2025\tGP\tSix-week check for Child B. Small bruise noted on the arm; not referred.\n"
    "17/02/2025\tPolice\tCall from a neighbour reporting shouting at the address.\n"
)


# ------------------------------------------------------------------------------------------ pure helpers


def test_a_lone_word_is_widened_to_its_sentence_and_a_long_quote_is_kept() -> None:
    text = "# Case\nThe baby lived with Father and Mother. Father worked nights at the depot.\n"
    at = text.index("Father")
    assert text[slice(*passage(text, at, at + 6))] == "The baby lived with Father and Mother."
    second = text.index("Father", at + 1)
    assert text[slice(*passage(text, second, second + 6))] == "Father worked nights at the depot."
    long = "with Father and Mother. Father worked nights at"  # eight words or more: kept as quoted
    start = text.index(long)
    assert passage(text, start, start + len(long)) == (start, start + len(long))


def test_draft_tables_render_as_tables_with_marks_and_links_both_ways() -> None:
    text = "Family\n\n| Name | Age |\n| --- | --- |\n| Mother | 26 |\n| Father | <b>31</b> |\n"
    at = text.index("Mother")
    body = draft_html(text, [Anchor(at, at + 6, 2, "f-2", "p-2", "Ages missing")])
    assert "<table>" in body and '<th scope="col">Name</th>' in body and "| Name |" not in body
    assert '<mark class="rra-passage" id="p-2"' in body and ">Mother</mark>" in body
    assert '<a class="rra-back" href="#f-2" aria-label="Back to finding 2: Ages missing">2</a>' in body
    assert "&lt;b&gt;31&lt;/b&gt;" in body and "<b>" not in body
    # A table scrolls inside its own box, which a keyboard can reach, so a phone never scrolls the page.
    assert '<div class="rra-table" role="region" tabindex="0"' in body
    assert ".rra-table { overflow-x: auto; max-width: 100%;" in PAGE_STYLE


def test_page_style_fixes_contrast_and_the_focus_ring() -> None:
    assert "opacity: 1 !important" in PAGE_STYLE and "opacity: 0.6" not in PAGE_STYLE
    assert ":focus-visible { outline: 3px solid #1a4f9c" in PAGE_STYLE
    assert "yellow" not in PAGE_STYLE and "#ff" not in PAGE_STYLE.lower().replace("#ffffff", "")


def test_progress_messages_give_the_fraction_done() -> None:
    assert fraction("  indexed 64/320") == 0.2
    assert fraction("eval: critiquing example 2 (2/5), leave-one-out") == 0.4
    assert fraction("Building the retrieval index (320 items)…") is None


def test_link_syntax_becomes_words() -> None:
    assert (
        link_text("looked at [safeguarding children](#). Therefore")
        == "looked at safeguarding children. Therefore"
    )


# ---------------------------------------------------------------------------------------------- the app


def test_home_page_is_the_default_and_its_samples_open_the_tools(app: Callable[..., AppTest]) -> None:
    at = app(None)
    assert at.title[0].value == "Rapid Review Assistant"
    text = "\n".join(unescape(m.value) for m in at.markdown)
    for tool in ("Draft from a chronology", "Critique a draft", "Lines of enquiry"):
        assert tool in text
    assert (
        text.index("Draft from a chronology")
        < text.index("Critique a draft")
        < text.index("Lines of enquiry")
    )
    click(at, "Critique the sample draft")
    assert at.title[0].value == "Critique a draft rapid review"
    assert (at.text_area(key="w_critique_text").value or "").startswith("# Rapid Review: Baby J")
    other = click(app(None), "Draft from the sample chronology")
    assert other.title[0].value == "Draft from a chronology"
    assert (other.text_area(key="w_draft_text").value or "").startswith("Date\tAgency\tEvent")


@pytest.mark.parametrize("text", ["x", "Shopping list: eggs, milk, bread and a new kettle for the kitchen."])
def test_text_that_is_not_a_review_gets_a_message_not_counts_and_downloads(
    app: Callable[..., AppTest], text: str
) -> None:
    at = run_critique(app(), text)
    assert "does not look like a rapid review" in unescape(at.error[0].value)
    assert not at.metric and not at.get("download_button") and at.session_state["critique"] is None


def test_codes_and_offsets_only_in_the_evaluators_section(app: Callable[..., AppTest]) -> None:
    at = run_critique(app())
    evaluators = next(e for e in at.expander if e.label.startswith("For evaluators"))
    codes = re.compile(r"\b[A-Z]{3,}(?:_[A-Z]+)+\b|\bmin-\d+\b|\bissue-\d+\b|characters \d+")
    for e in at.expander:
        if e is evaluators:
            continue
        shown = (
            [unescape(e.label)]
            + [unescape(m.value) for m in e.markdown]
            + [unescape(c.value) for c in e.caption]
        )
        assert not any(codes.search(s) for s in shown), shown
    assert "BLAMING_LANGUAGE" in evaluators.dataframe[0].value["Code"].tolist()


def test_marking_a_finding_shows_in_its_label_and_both_exports(app: Callable[..., AppTest]) -> None:
    from assistant import services

    at = run_critique(app())
    view = at.session_state["critique"]
    blame = next(f for f in view.critique.findings if f.code == "BLAMING_LANGUAGE")
    key = services.finding_key(blame)
    at.radio(key=f"w_mark_{key}").set_value("not_applicable").run()
    at.text_input(key=f"w_mark_reason_{key}").input("the mother's own words, quoted").run()
    assert not at.exception
    label = next(unescape(e.label) for e in at.expander if "places responsibility" in unescape(e.label))
    assert label.endswith("marked not applicable")
    marks = dict(at.session_state["critique_marks"])
    assert marks[key].status == "not_applicable" and marks[key].reason == "the mother's own words, quoted"
    assert any("included in both downloads" in c.value for c in at.caption)
    markdown = services.critique_markdown(view.critique, marks=marks)
    assert "**Your mark:** not applicable, because the mother's own words, quoted" in markdown
    # The mark outlives a visit to another page.
    at.switch_page("app_pages/home.py").run()
    at.switch_page("app_pages/critique.py").run()
    assert at.radio(key=f"w_mark_{key}").value == "not_applicable"


def test_running_again_after_an_edit_says_what_was_resolved_new_and_still_open(
    app: Callable[..., AppTest],
) -> None:
    at = run_critique(app())
    edited = DRAFT.replace("Mother was hard to reach.", "Mother could not attend because of her shifts.")
    run_critique(at, edited)
    assert "Since your last critique" in [s.value for s in at.subheader]
    values = {m.label: m.value for m in at.metric}
    assert int(values["Resolved"]) >= 1 and int(values["Still open"]) >= 1
    resolved = next(e for e in at.expander if "resolved finding" in e.label)
    assert any("responsibility on the child" in unescape(m.value) for m in resolved.markdown)


def test_garbage_on_the_draft_page_is_refused_without_a_draft(app: Callable[..., AppTest]) -> None:
    at = app("draft")
    at.text_area(key="w_draft_text").input("qwerty uiop asdf ghjkl").run()
    click(at, "Draft the sections")
    assert "does not look like a chronology" in unescape(at.error[0].value)
    assert not at.get("download_button") and at.session_state["draft"] is None


def test_drafting_again_from_the_edited_timeline_keeps_the_chronology_title_and_agency(
    app: Callable[..., AppTest],
) -> None:
    at = app("draft")
    at.text_area(key="w_draft_text").input(CHRONOLOGY).run()
    click(at, "Draft the sections")
    assert "boy" in at.session_state["draft"].markdown
    # The author corrects the first row's agency (AppTest seeds a data editor's edits through its state).
    at.session_state["w_draft_timeline"] = {
        "edited_rows": {0: {"Agency": "Maternity services"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    click(at, "Draft again from the edited timeline")
    assert at.text_area(key="w_draft_text").value == CHRONOLOGY  # the pasted chronology is untouched
    view = at.session_state["draft"]
    assert view.from_edited_timeline and view.source == CHRONOLOGY
    assert "| Gender | boy |" in view.markdown  # the title line still gives the child's gender
    assert at.data_editor[0].value.iloc[0]["Agency"] == "Maternity services"  # the edit is kept
    assert any("Drafted from your edited timeline" in unescape(i.value) for i in at.info)
