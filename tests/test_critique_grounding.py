"""Grounding: every quote a critique shows is exactly `text[start:end]` of what the user gave, for the five
published examples, every test draft, a Word draft, and generated inputs; and the critique never raises on any
string (the public API refuses only empty text, with InputError)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import critique as public_critique
from assistant.critic.engine import critique_text
from assistant.domain.critique import Critique, Evidence
from assistant.errors import InputError
from assistant.resources import SAMPLES_DIR
from tests.test_critique_codes import build_docx

DRAFTS = sorted(p for p in (Path(__file__).parent / "data" / "drafts").rglob("*") if p.is_file())
SAMPLES = sorted(SAMPLES_DIR.glob("draft-*.md"))


def all_evidence(result: Critique) -> list[tuple[str, Evidence]]:
    out: list[tuple[str, Evidence]] = []
    for f in result.findings:
        out += [(f.code, e) for e in f.evidence]
        out += [(f"{f.code}/{nr.id}", e) for nr in f.national_reviews for e in nr.evidence]
    for s in result.strengths:
        out += [(s.code, e) for e in s.evidence]
    return out


def assert_grounded(text: str, result: Critique) -> None:
    assert result.meta.input_chars == len(text)
    for where, e in all_evidence(result):
        assert 0 <= e.start <= e.end <= len(text), (where, e)
        assert text[e.start : e.end] == e.quote, (where, e)
    for s in result.sections:
        assert 0 <= s.start <= s.end <= len(text)
    for f in result.findings:
        # a finding with evidence quotes something; only a pure absence has none
        assert all(e.quote for e in f.evidence), f.code


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_published_examples_are_grounded(corpus, number: int) -> None:  # type: ignore[no-untyped-def]
    example = next(e for e in corpus.examples if e.number == number)
    text = example.stripped_text
    result = critique_text(text)
    assert result.meta.looks_like_rapid_review
    assert_grounded(text, result)
    crlf = text.replace("\n", "\r\n")
    assert_grounded(crlf, critique_text(crlf))


@pytest.mark.parametrize("path", DRAFTS + SAMPLES, ids=lambda p: p.name)
def test_drafts_are_grounded(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    result = critique_text(text)
    assert result.findings or result.strengths
    assert_grounded(text, result)
    for variant in (
        text.replace("\n", "\r\n"),
        text.replace("\n", "\r"),
        "\ufeff" + text,
        text.expandtabs(1),
    ):
        assert_grounded(variant, critique_text(variant))


def test_docx_draft_is_grounded(tmp_path: Path) -> None:
    from assistant.documents.reader import read_path

    text = read_path(build_docx(tmp_path / "draft.docx")).text
    assert_grounded(text, critique_text(text))


def test_public_api_refuses_only_empty_text() -> None:
    for empty in ("", "   ", "\n\r\n\t"):
        with pytest.raises(InputError):
            public_critique(empty)
    result = public_critique("x")
    assert result.meta.looks_like_rapid_review is False


# -- generated inputs -------------------------------------------------------------------------------------

PIECES = [
    "# Rapid review: CHILD A",
    "## Case information",
    "1. Family background",
    "Section 2: The incident",
    "**Decision**",
    "__Actions__",
    "What we were worried about",
    "Name\tRelationship\tAge\tGender\tEthnicity",
    "CHILD A\tSubject\t4 months\tFemale\tWhite British",
    "Mother\tMother\t24\tFemale\tUnknown",
    "| Name | Relationship | Ethnicity |",
    "| --- | --- | --- |",
    "| CHILD A | Subject | Unknown |",
    "| a | b",
    "- The police will review the policy.",
    "☒ highlights or may highlight recurrent themes",
    "☐ Does not meet the criteria but warrants an alternative learning review",
    "(c) Warrants a multi-agency learning review",
    "Gender: Male",
    "Ethnicity:",
    "Date of birth: [date] (7 weeks old)",
    "Mother: aged 24, White British, depression.",
    "On 3 March 2025 CHILD A, a 6-week-old baby, died after co-sleeping on the sofa with her father, who had been drinking.",
    "The mother's partner caused a bruise and no fractures were found.",
    "The safeguarding partners will not commission an LCSPR because the learning is clear.",
    "An LCSPR will be commissioned.",
    "She was putting herself at risk and was hard to reach.",
    "It was hard to escape",
    "Out of routine",
    "é漢字🙂 ‘quoted’ “double”",
    "\u200b\u00a0\u2028\u2029\x0b\x0c",
    "İstanbul ǅ ß ﬁ",  # lower-casing changes length for some of these
    "x" * 3000,
    "[date]",
    ":",
    "|",
    "\t",
    "#",
    "*",
]
SEPARATORS = ["\n", "\r\n", "\r", "\n\n", "\r\n\r\n", " ", ""]

documents = st.lists(
    st.tuples(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), st.sampled_from(SEPARATORS)),
    max_size=40,
).map(lambda parts: "".join(p + s for p, s in parts))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_generated_drafts_never_raise_and_stay_grounded(text: str) -> None:
    assert_grounded(text, critique_text(text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None, categories=None), max_size=400))
def test_any_string_never_raises(text: str) -> None:
    assert_grounded(text, critique_text(text))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PIECES[:30]), st.integers(min_value=1, max_value=4000))
def test_very_long_lines_stay_grounded(piece: str, times: int) -> None:
    text = "CHILD A was admitted to hospital. The police and the school and the mother. " + " ".join(
        [piece] * times
    )
    assert_grounded(text, critique_text(text))
