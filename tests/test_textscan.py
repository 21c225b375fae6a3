"""The fast scanner (assistant/textscan) finds exactly what the `re` methods it stands for find (issue 12).

No timings here (bench/ measures those). Every test compares the scanner with plain `re` on invented text:
ordinary drafts, pathological runs, and the characters that make lower-casing or case folding awkward
('ſ', 'ı', 'İ', the Kelvin sign, Arabic-Indic digits). The filter normally applies to spans of 4,096
characters and more; most tests lower that threshold to 0 so that short generated texts exercise it too.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.critic.checks import case_info, decision, national, practice, record
from assistant.critic.context import Context
from assistant.critic.engine import DOMAIN_TERMS, critique_text
from assistant.textscan import Scanner
from assistant.textscan import scanner as scanner_module
from assistant.textscan.anchors import anchors
from assistant.textscan.scanner import Vocabulary

DRAFT = """# Rapid review: Child T

## Case information

Child T is a 14-year-old girl (aged 14) who lives with her mother, her stepfather and two younger brothers.
Mother: aged 38, White British. Stepfather: 41. DOB: 03/04/2011. She has ADHD and attends Hillside Academy.

## Summary of the incident

On 2nd March 2025 T was found at a house in another town with older males; police took her to hospital.
She had been missing for three days. Workers described her as "streetwise" and putting herself at risk.

## Agency involvement

The school's designated safeguarding lead made referrals in 2023. Children's Social Care held a strategy
meeting; the health visitor and the GP knew the family when T was a baby. Her culture and faith were not
discussed with her, and what it meant for T to be a young Black girl in a mostly white town was not asked.

## Decision

- [x] The criteria for a local child safeguarding practice review are met.
- [ ] The criteria are not met.
The partnership will commission an LCSPR, which will consider exploitation and the voice of the child.

## Actions

- CSC to arrange a MACE meeting (Head of Service, immediately).
- The police will share intelligence with the school.
"""

# Pieces that a generated text is made of: words the patterns look for, digits, marks, awkward characters.
WORDS = (
    "mother Mother stepmother father aged age DOB d.o.b 14 3 ٣ 2019 years year-old month old child baby school "
    "culture ADHD health disability will commission LCSPR not criteria met lived experience voice ſ ı İ \u212a Ω "
    "é [x] ☐ ☑ ( ) : , . - * ** # |"
)
PIECES = [
    *re.findall(r"\S+", WORDS),
    "Child T",
    "hard to reach",
    "\t",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\r\n",
    "\u00a0",
]


def _patterns() -> list[re.Pattern[str]]:
    found = []
    for module in (case_info, decision, national, practice, record):
        found += [v for v in vars(module).values() if isinstance(v, re.Pattern)]
    extra = [
        DOMAIN_TERMS,
        re.compile(r"(?i)\b(?:interim )?care orders?\b"),
        re.compile(r"(?<=\[)age(?: removed)?(?=\])"),
        re.compile(r"(?i)\b\d{1,2}[- ](?:day|week|month)s?[- ]old\b"),
        re.compile(r"(?-i:CHILD [A-Z])|(?i:the child)"),
        re.compile(r"(?i)s+\w"),
        re.compile(r"(?i)k\w*"),
        re.compile(r"\d\d"),
        re.compile(r"put(?:ting|)\b"),
        re.compile(r"(?m)^\s*[-*]\s"),
        re.compile(r"x*"),
    ]
    return found + extra


PATTERNS = _patterns()


def _same(text: str, start: int = 0, end: int | None = None) -> None:
    sc = Scanner(text)
    stop = len(text) if end is None else end
    for pattern in PATTERNS:
        expected = [(m.start(), m.end(), m.groups()) for m in pattern.finditer(text, max(start, 0), stop)]
        got = [(m.start(), m.end(), m.groups()) for m in sc.finditer(pattern, start, end)]
        assert got == expected, pattern.pattern[:80]


@pytest.fixture
def filter_everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scanner_module, "MIN_SPAN", 0)


@pytest.mark.usefixtures("filter_everywhere")
@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120), st.integers(-3, 200), st.integers(0, 400))
def test_generated_text_gives_the_same_matches(pieces: list[str], start: int, end: int) -> None:
    text = " ".join(pieces)
    _same(text)
    _same(text, start, end)


@pytest.mark.parametrize(
    "text",
    [
        DRAFT,
        DRAFT.upper(),
        DRAFT * 3,
        DRAFT.replace("s", "ſ"),  # '(?i)s' matches the long s, whose lower case is itself
        DRAFT.replace("i", "ı", 20),  # and '(?i)i' the dotless i
        DRAFT.replace("a", "İ", 2),  # lower-casing makes the text longer
        DRAFT.replace("k", "\u212a"),  # the Kelvin sign lower-cases to 'k'
        DRAFT.replace("1", "١"),  # '\d' matches Arabic-Indic digits too
        "1.1." * 2000 + DRAFT,
        DRAFT + "Mother " * 1500,
        "a" * 9000 + DRAFT + "0" * 5000,
        ("- observed\n" * 800) + DRAFT,
        "#" * 5000 + "\n" + DRAFT,
    ],
)
def test_drafts_and_pathological_text_give_the_same_matches(text: str) -> None:
    _same(text)
    _same(text, 100, len(text) - 50)
    _same(text, len(text) // 2)


@pytest.mark.parametrize(
    ("pattern", "strings"),
    [
        (r"(?i)\b(?:interim )?care orders?", {"care order", "interim "}),
        (r"(?i)\bhard[- ]to[- ]reach\b", {"hard to r", "hard to-r", "hard-to r", "hard-to-r"}),  # long enough
        (r"put(?:ting|)", {"put"}),
    ],
)
def test_anchors_are_the_strings_a_match_starts_with(pattern: str, strings: set[str]) -> None:
    found = anchors(re.compile(pattern))
    assert found is not None
    assert {a.text for a in found} == strings
    assert all(a.low == a.high == 0 for a in found)


def test_an_anchor_can_lie_a_little_way_into_the_match() -> None:
    found = anchors(re.compile(r"(?i)\b(?:\d{1,2}|one|two) (?:days?|weeks?) old"), digits=True)
    assert found is not None
    assert {(a.text, a.low, a.high) for a in found} == {(" day", 1, 3), (" week", 1, 3)}


@pytest.mark.parametrize("pattern", [r"\w+ years", r"(?:x|)y?", r"x*", r"[^a]+bc", r".\s*x"])
def test_patterns_that_may_start_anywhere_have_no_anchors(pattern: str) -> None:
    assert anchors(re.compile(pattern)) is None


def test_the_vocabulary_rules_out_only_what_is_not_there() -> None:
    vocabulary = Vocabulary("the mental health of mrs o'neill-smith, aged 4 " + "z" * 100)
    assert vocabulary.may_contain("mental health")
    assert vocabulary.may_contain("ental health")  # inside 'mental'
    assert not vocabulary.may_contain("ental healthy")
    assert vocabulary.may_contain("he", word_start=True)  # 'health'
    assert not vocabulary.may_contain("ea", word_start=True)
    assert vocabulary.may_contain("neill-smi")
    assert vocabulary.may_contain("zzz")
    assert not vocabulary.may_contain("zza")
    assert Scanner("Mother and FATHER").contains("father")
    assert not Scanner("Mother and FATHER " * 500).contains("sister")


def test_lines_with_a_role_hold_every_family_label_line() -> None:
    text = DRAFT + "\n- Stepmother, Ms V, 30, White Romanian.\nRelationship: maternal aunt | Age: 40\n" * 3
    ctx = Context(text)
    labelled = {ln.start for ln in ctx.doc.lines if case_info.FAMILY_LABEL_LINE.match(ln.text)}
    assert labelled
    assert labelled <= {ln.start for ln in ctx.lines_with(case_info.ANY_ROLE)}
    ticked = {ln.start for ln in ctx.doc.lines if decision.TICKED_OPTION.match(ln.text)}
    assert ticked
    assert ticked <= {ln.start for ln in ctx.lines_with(decision.TICKED_BOX)}


@pytest.mark.parametrize(
    "padding", ["", "\n\n" + "The health visitor saw T at home. " * 400, "\n" + "|cell " * 2000]
)
def test_the_critique_is_the_same_with_the_filter_off(monkeypatch: pytest.MonkeyPatch, padding: str) -> None:
    text = DRAFT + padding
    with_filter = critique_text(text).model_dump()
    monkeypatch.setattr(scanner_module, "MIN_SPAN", 10**12)
    scanner_module._SCANNERS.clear()
    without = critique_text(text).model_dump()
    assert with_filter == without
    assert with_filter["findings"] or with_filter["strengths"]


@pytest.mark.parametrize("text", [DRAFT + "Mother " * 2000, DRAFT * 4, "a" * 6000 + DRAFT])
def test_a_position_sent_restarts_the_search_there(text: str) -> None:
    pattern = case_info.ANY_ROLE
    for restart in (0, 700, len(text) // 2):
        matches = Scanner(text).finditer(pattern)
        first = next(matches)
        try:
            after = matches.send(max(restart, first.end()))
        except StopIteration:
            after = None
        expected = next(pattern.finditer(text, max(restart, first.end())), None)
        assert (after and after.span()) == (expected and expected.span())


def test_lines_with_reports_a_long_line_once() -> None:
    ctx = Context(DRAFT + "Mother " * 3000 + "\nfather\n")
    lines = ctx.lines_with(case_info.ANY_ROLE)
    assert len(lines) == len({ln.start for ln in lines})
    assert [ln.text for ln in lines][-1] == "father"
