"""What the app's review pane rests on, through the service layer: comparing two critiques of an edited
draft, the author's marks in both exports, and refusing text that is not a rapid review or a chronology."""

from __future__ import annotations

import io

import docx
import pytest

from assistant import services
from assistant.critic.compare import finding_key
from assistant.domain.critique import Critique, Evidence, Finding, Mark
from assistant.errors import InputError
from tests.test_ui_apptest import DRAFT


def finding(code: str, section: str, *quotes: str) -> Finding:
    return Finding(
        code=code,
        title=code.replace("_", " ").capitalize(),
        severity="consider",
        section=section,
        evidence=[Evidence(quote=q, start=0, end=len(q)) for q in quotes],
        message="A message.",
    )


def critique_of(*findings: Finding) -> Critique:
    return Critique.model_validate(
        {
            "summary": "s",
            "findings": [f.model_dump() for f in findings],
            "strengths": [],
            "sections": [],
            "meta": {
                "provider": "offline",
                "input_chars": 1,
                "input_sha256": "x",
                "looks_like_rapid_review": True,
            },
        }
    )


def test_the_key_ignores_offsets_case_spacing_and_markup_but_not_code_section_or_words() -> None:
    a = finding("BLAMING_LANGUAGE", "Learning", "Mother was hard to reach.")
    moved = a.model_copy(
        update={"evidence": [Evidence(quote="mother was  **hard** to reach.", start=90, end=120)]}
    )
    assert finding_key(a) == finding_key(moved)
    assert finding_key(a) != finding_key(finding("BLAMING_LANGUAGE", "Summary", "Mother was hard to reach."))
    assert finding_key(a) != finding_key(finding("LEARNING_MISSING", "Learning", "Mother was hard to reach."))
    assert finding_key(a) != finding_key(finding("BLAMING_LANGUAGE", "Learning", "Father was hard to reach."))


def test_compare_says_what_was_resolved_what_is_new_and_what_is_still_open() -> None:
    kept = finding("CHILD_ETHNICITY_MISSING", "Case information")
    gone = finding("BLAMING_LANGUAGE", "Learning", "hard to reach")
    came = finding("DISSEMINATION_MISSING", "Whole document")
    result = services.compare_critiques(critique_of(kept, gone), critique_of(came, kept))
    assert [f.code for f in result.resolved] == ["BLAMING_LANGUAGE"]
    assert [f.code for f in result.new] == ["DISSEMINATION_MISSING"]
    assert [f.code for f in result.still_open] == ["CHILD_ETHNICITY_MISSING"]


def test_rewording_the_blamed_sentence_resolves_the_finding() -> None:
    before = services.critique(DRAFT, provider="offline", with_panel_comments=False)
    edited = DRAFT.replace("Mother was hard to reach.", "Mother could not attend because of her shifts.")
    after = services.critique(edited, provider="offline", with_panel_comments=False)
    result = services.compare_critiques(before, after)
    assert "BLAMING_LANGUAGE" in {f.code for f in result.resolved}
    assert "BLAMING_LANGUAGE" not in {f.code for f in result.still_open}
    assert result.still_open and len(result.still_open) + len(result.new) == len(after.findings)


def test_marks_show_beside_their_findings_in_markdown_and_word() -> None:
    c = services.critique(DRAFT, provider="offline", with_panel_comments=False)
    blame = next(f for f in c.findings if f.code == "BLAMING_LANGUAGE")
    ethnicity = next(f for f in c.findings if f.code == "CHILD_ETHNICITY_MISSING")
    marks = {
        services.finding_key(blame): Mark(status="addressed"),
        services.finding_key(ethnicity): Mark(
            status="not_applicable", reason="the child's <b>ethnicity</b> is in appendix 2"
        ),
    }
    md = services.critique_markdown(c, marks=marks)
    assert "**Your mark:** addressed" in md
    assert "not applicable, because the child's" in md and "<b>" not in md
    assert "Your mark" not in services.critique_markdown(c)
    document = docx.Document(io.BytesIO(services.critique_word(c, marks=marks)))
    paragraphs = [p.text for p in document.paragraphs]
    assert "Your mark: addressed" in paragraphs
    assert any(p.startswith("Your mark: not applicable, because the child's") for p in paragraphs)
    # Each mark sits under its own finding: after that finding's heading, before the next heading.
    at = paragraphs.index("Your mark: addressed")
    heading = next(
        p.text
        for p in reversed(document.paragraphs[:at])
        if p.style is not None and p.style.name.startswith("Heading 3")
    )
    assert blame.title in heading


@pytest.mark.parametrize("text", ["x", "Shopping list: eggs, milk, bread and a new kettle for the kitchen."])
def test_text_that_is_not_a_review_is_refused_not_shown_as_a_clean_critique(text: str) -> None:
    assert not services.critique(text, provider="offline").meta.looks_like_rapid_review  # the old behaviour
    with pytest.raises(InputError, match="does not look like a rapid review") as caught:
        services.critique(text, provider="offline", refuse_non_review=True)
    assert caught.value.fix


def test_garbage_is_refused_as_a_chronology() -> None:
    assert not services.draft("qwerty uiop asdf ghjkl", provider="offline").timeline  # an empty draft, before
    with pytest.raises(InputError, match="does not look like a chronology") as caught:
        services.draft("qwerty uiop asdf ghjkl", provider="offline", require_timeline=True)
    assert caught.value.fix
