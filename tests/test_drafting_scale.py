"""The shortcuts that keep drafting and lines of enquiry fast on long or repetitive text give exactly what the
plain reading gives: citations built without validation, a repeated sentence read once, the quick regex scans
of long sentences, and the 'old' check before an age."""

from __future__ import annotations

import datetime as dt

import pytest

from assistant import textscan
from assistant.chronology import parse_chronology
from assistant.domain.drafting import Citation
from assistant.drafting import draft_from_chronology
from assistant.drafting.ages import _AGE_BEFORE, age_before
from assistant.drafting.grounding import Source, split_sentences, trusted_citation
from assistant.enquiry import kloe_text
from assistant.enquiry.themes import THEMES, Scan, Unit, detect_themes

TODAY = dt.date(2031, 1, 1)

CHRONOLOGY = """Chronology for Baby Q
03/02/2024 | Health Visiting | Health visitor saw Baby Q at home with Mother (Ms R, 24). Mother said she had low mood.
10/02/2024 | Police | Domestic incident reported; Mr T (partner) arrested. Not shared with health.
12/02/2024 | GP | Baby Q was not brought to the 8-week check. The 7-week-old baby had a bruise on the cheek.
20/02/2024 | Children's Social Care | Referral screened out; no further action. Co-sleeping advice not given.
"""


def test_a_trusted_citation_is_the_validated_one() -> None:
    made = trusted_citation(2, 3, 5, "cd")
    checked = Citation(line=2, start=3, end=5, quote="cd")
    assert made == checked
    assert made.model_dump() == checked.model_dump()
    assert made.model_fields_set == checked.model_fields_set
    assert Source("ab\ncd").cite(3, 5) == checked


def test_sentences_are_exact_slices() -> None:
    source = Source("x\n  One. Two!  Three  \n")
    whole = source.trimmed(2, len(source.text) - 1)
    assert whole is not None
    sentences = split_sentences(source, whole)
    assert [s.quote for s in sentences] == ["One.", "Two!", "Three"]
    assert all(source.text[s.start : s.end] == s.quote and s.line == 2 for s in sentences)


@pytest.mark.parametrize(
    "text",
    ["Her 7-week-old son Baby N was seen", "a 32 year old Mr Q", "Mother Mother Mother", "OLD   Ms Y", ""],
)
def test_age_before_a_name_matches_the_pattern_alone(text: str) -> None:
    for start in range(len(text) + 1):
        m = _AGE_BEFORE.search(text, max(0, start - 40), start)
        assert age_before(text, start, 0) == ((m.start(1), m.end(1)) if m else None)


def test_a_repeated_sentence_gets_the_same_verdicts_as_each_copy() -> None:
    text = "Mother had low mood and was drinking. Mr T shouted at her. " * 3 + "Baby was not brought."
    source = Source(text)
    cite = source.trimmed(0, len(text))
    assert cite is not None
    units = [Unit(s, agency, None) for s in split_sentences(source, cite) for agency in (None, "GP")]
    scan = Scan(child="Baby", infant=True, units=units)
    hits = {h.theme.id: ([u.cite.start for u in h.units], h.words) for h in detect_themes(scan)}
    expected = {}
    for theme in THEMES:
        found = [(u, m) for u in units if (m := theme.matches(u, scan)) is not None]
        if found:
            expected[theme.id] = ([u.cite.start for u, _ in found], [m.group(0) for _, m in found])
    assert hits == expected
    assert "parental_mental_health" in hits and "missed_contact" in hits


def _plain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textscan, "finditer", lambda p, t: p.finditer(t))
    monkeypatch.setattr(textscan, "search", lambda p, t: p.search(t))


@pytest.mark.parametrize(
    "text",
    [
        CHRONOLOGY,
        CHRONOLOGY + "Mother (Ms R) and Mr T " * 400 + "\n",  # one unparsed line far longer than a sentence
        "Baby Q was seen by the health visitor and Mother said she drank alcohol " * 300,  # a draft, one unit
    ],
)
def test_long_text_gives_the_plain_reading(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    fast_draft = draft_from_chronology(parse_chronology(text, today=TODAY), today=TODAY)
    fast_kloe = kloe_text(text, today=TODAY)
    _plain(monkeypatch)
    plain_draft = draft_from_chronology(parse_chronology(text, today=TODAY), today=TODAY)
    plain_kloe = kloe_text(text, today=TODAY)
    assert fast_draft.model_dump() == plain_draft.model_dump()
    assert fast_kloe.model_dump() == plain_kloe.model_dump()
    assert fast_kloe.lines_of_enquiry and fast_draft.people  # there was something to find


def test_kept_lines_skip_blank_lines_headings_and_table_headers() -> None:
    from assistant.enquiry.themes import kept_lines

    text = (
        "# Review\n\n   \nMother was seen.\r\n\n| Date | Event |\n|---|---|\n| 1/2/24 | Seen |\n\n"
        "## Analysis questions for the author\n\nNot evidence.\n## Agency involvement\n\x0b\nPolice attended."
    )
    kept = kept_lines(text)
    assert [body for _, body in kept] == ["Mother was seen.", "| 1/2/24 | Seen |", "Police attended."]
    assert all(text[start : start + len(body)] == body for start, body in kept)


@pytest.mark.parametrize(
    "text", ["", "a", "\n", "a\r\nb\rc\n", "\r\r\n\n\r", "x\n\n\n", "one line", "a\nbc\n\nd e", "\n\nx"]
)
def test_line_starts_are_where_each_line_begins(text: str) -> None:
    import re

    from assistant.drafting.grounding import line_starts

    assert line_starts(text) == [0, *(m.end() for m in re.finditer(r"\r\n|\r|\n", text))]


@pytest.mark.parametrize(
    "piece",
    [
        "Mother Mother Mother",
        "Mother (Ms R, 24) and a 7-week-old Baby N, aged seven months",
        "Mr T, born [date] 2001",
    ],
)
def test_a_piece_without_a_hint_has_no_bracket_age_or_old_at_any_name(piece: str) -> None:
    from assistant.drafting.ages import age_after, detail_hints, paren_after

    has_paren, has_number, has_old = detail_hints(piece)
    found = [
        (paren_after(piece, at, len(piece)), age_after(piece, at, len(piece)), age_before(piece, at, 0))
        for at in range(len(piece) + 1)
    ]
    assert has_paren or all(f[0] is None for f in found)
    assert has_number or all(f[1] is None for f in found)
    assert has_old or all(f[2] is None for f in found)
    assert any(any(f) for f in found) == (piece != "Mother Mother Mother")


def test_clauses_for_named_pieces_and_chosen_lines_are_those_of_all_pieces() -> None:
    from assistant.drafting.clauses import clauses_with_mentions
    from assistant.drafting.grounding import entry_texts, source_for
    from assistant.drafting.people import detect_people

    text = CHRONOLOGY + "04/03/2024 | GP | Seen. Seen; again.\n" * 3
    source = source_for(parse_chronology(text, today=TODAY))
    people = detect_people(source, entry_texts(source))
    every = list(clauses_with_mentions(source, people.pieces, people.mentions))
    lines = {every[-1].piece.citation.line}
    chosen = list(clauses_with_mentions(source, people.pieces, people.mentions, lines))
    named = {id(c.piece) for c in every if c.mentions}
    assert chosen == [c for c in every if id(c.piece) in named or c.piece.citation.line in lines]
    assert len(every) > len(chosen) > sum(1 for c in every if c.mentions)


def test_a_drafts_child_labels_are_those_the_namer_finds() -> None:
    from assistant.drafting.names import Namer
    from assistant.drafting.subject import _child_labels

    lines = [
        "Subject: CHILD T, brother Jay (17) and Child\tQ.",
        "Jay saw Baby Z and T; Mother (Ms R) called Child S.",
        "Mother Mother Mother",
    ]
    namer = Namer.for_texts(lines)
    for line in lines:
        expected = [f for f in namer.find(line) if f.kind == "child" and " " in f.text]
        assert _child_labels(line) == expected
    assert [f.text for f in _child_labels(lines[1])] == ["Baby Z", "Child S"]


@pytest.mark.parametrize(
    ("texts", "learned"),
    [
        (["Mother Sarah was seen at home. Sarah said she was fine."], ["name-sarah"]),
        (["Seen with her partner, Dean. Dean was polite."], ["name-dean"]),
        (["Mother " * 2000], []),
        (["Mother Mother was seen.", "Sarah (4) at nursery.", "Sarah seen."], ["name-sarah"]),
    ],
)
def test_names_after_a_role_are_learned_without_trying_every_role(
    texts: list[str], learned: list[str]
) -> None:
    from assistant.drafting.names import Namer

    assert sorted(Namer.for_texts(texts).learned) == learned
