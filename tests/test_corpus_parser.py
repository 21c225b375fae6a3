"""The publication parser: counts, comments attached to the right sections, stripped text clean."""

from __future__ import annotations

import re

import pytest

from assistant.corpus import corpus_summary
from assistant.corpus.publication import parse_guidance


def test_counts(corpus) -> None:  # type: ignore[no-untyped-def]
    counts = corpus_summary(corpus).counts
    assert counts.examples == 5
    assert counts.panel_comments == 34
    assert counts.minimum_requirements == 7
    assert counts.important_issues == 9
    assert counts.national_reviews >= 10


def test_comment_count_matches_source_labels(corpus) -> None:  # type: ignore[no-untyped-def]
    source = (corpus_dir := __import__("assistant.settings", fromlist=["x"]).get_settings().corpus_dir)
    text = (source / "rapid-review-examples-2022.txt").read_text(encoding="utf-8")
    assert text.count("Panel Comment:") == len(corpus.panel_comments) == 34
    assert corpus_dir.is_dir()


def test_comments_per_example(corpus) -> None:  # type: ignore[no-untyped-def]
    assert [len(e.comments) for e in corpus.examples] == [8, 7, 9, 6, 4]


@pytest.mark.parametrize(
    ("example", "needle", "section"),
    [
        (1, "age, gender, ethnicity, and disability up front", "Case information – individual and family"),
        (1, "helpful and succinct summary of the incident", "Summary of incident background"),
        (
            2,
            "column for information about any disabilities",
            "Details of Family Members and Significant Others",
        ),
        (2, "alternative learning review", "Section 3: Recommendation"),
        (2, "decision-making is clear and well-articulated", "Reasons for recommendation"),
        (3, "hard to reach young people", "What we were worried about / areas for development"),
        (3, "lack some of the basic information", "Contributors"),
        (4, "early life and family history", "Introduction"),
        (5, "dates of birth of each family member and any disabilities", "Genogram"),
        (5, "reads less like a chronology of events", "4. Summary of case and key events"),
    ],
)
def test_comment_attached_to_section_it_follows(corpus, example: int, needle: str, section: str) -> None:  # type: ignore[no-untyped-def]
    matches = [c for c in corpus.example(example).comments if needle in c.text]
    assert len(matches) == 1, needle
    assert matches[0].section == section


def test_comment_ids_are_in_document_order(corpus) -> None:  # type: ignore[no-untyped-def]
    for e in corpus.examples:
        starts = [c.start for c in e.comments]
        assert starts == sorted(starts)
        assert [c.id for c in e.comments] == [f"ex{e.number}-c{k}" for k in range(1, len(e.comments) + 1)]


def test_stripped_text_has_no_panel_words(corpus) -> None:  # type: ignore[no-untyped-def]
    for e in corpus.examples:
        assert "Panel Comment" not in e.stripped_text
        assert e.verdict not in e.stripped_text
        for c in e.comments:
            assert c.text[:80] not in e.stripped_text
        for s in e.sections:
            assert "Panel Comment" not in s.text


def test_stripped_text_keeps_the_review(corpus) -> None:  # type: ignore[no-untyped-def]
    e1 = corpus.example(1)
    assert "Date of Birth: [date] (7 weeks old at time of death)" in e1.stripped_text
    assert "will not proceed to a full LCSPR" in e1.stripped_text
    e5 = corpus.example(5)
    assert "CHILD F\tMale\tSubject of the notification" in e5.stripped_text
    # every non-comment paragraph of the example survives, in order
    paragraphs = [p for p in re.split(r"\n+", e5.text) if p.strip() and not p.startswith("Panel Comment:")]
    body = [p for p in paragraphs if p.strip() != e5.verdict]
    pos = 0
    for p in body:
        found = e5.stripped_text.find(p.strip(), pos)
        assert found >= 0, p[:60]
        pos = found


def test_verdicts_and_decisions(corpus) -> None:  # type: ignore[no-untyped-def]
    decisions = {e.number: e.lcspr_decision for e in corpus.examples}
    assert decisions == {
        1: "not_commission",
        2: "commission",
        3: "not_commission",
        4: "not_commission",
        5: "not_commission",
    }
    assert all(e.panel_agreed for e in corpus.examples)
    assert corpus.example(3).title == "Extra-familial harm"
    assert corpus.example(1).verdict.startswith("The following rapid review concerns")


def test_guidance_ids_and_text(corpus) -> None:  # type: ignore[no-untyped-def]
    ids = [g.id for g in corpus.guidance]
    assert ids[:7] == [f"min-{i}" for i in range(1, 8)]
    assert ids[7:] == [f"issue-{i}" for i in range(1, 10)]
    assert corpus.guidance_by_id("min-1").text.startswith("Date of birth, gender and ethnicity")
    assert "national reviews" in corpus.guidance_by_id("issue-5").text


def test_guidance_parser_stops_at_end_of_list() -> None:
    text = (
        "We do ask as a minimum that the rapid review records:\n\n- one\n- two\n\nNext paragraph\n- stray\n"
        "Important issues to consider in rapid reviews:\n- a\n"
    )
    g = parse_guidance(text)
    assert [x.text for x in g] == ["one", "two", "a"]


def test_reference_data(corpus) -> None:  # type: ignore[no-untyped-def]
    ids = {r.id for r in corpus.national_reviews}
    assert {
        "sudi-2020",
        "invisible-men-2021",
        "criminal-exploitation-2020",
        "bruising-non-mobile-2022",
    } <= ids
    assert corpus.national_review("sudi-2020").short_names == ("Out of routine",)
    reg11 = [c for c in corpus.criteria if c.group == "local_review"]
    assert [c.id for c in reg11] == ["reg11-a", "reg11-b", "reg11-c", "reg11-d"]
    assert len([c for c in corpus.criteria if c.group == "local_review_also_consider"]) == 4
