"""The redaction measurement (evals/redaction): the scorer reads its markup right, the sets are what the
README says they are, and the measured figures do not fall back."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.privacy import redact
from assistant.privacy.measure import CATEGORIES, Passage, documents, load, markdown, measure, parse
from assistant.privacy.redaction import find_spans

SETS = Path(__file__).resolve().parent.parent / "evals" / "redaction"


def test_parse_strips_markup_and_keeps_offsets() -> None:
    passage = parse("x", "{{Mother}} [[Kelly Smith|person:relation]] rang [[07700<nbsp>900123|phone]].")
    assert passage.text == "Mother Kelly Smith rang 07700\u00a0900123."
    assert [(m.text, m.category, m.form) for m in passage.identifiers] == [
        ("Kelly Smith", "person", "relation"),
        ("07700\u00a0900123", "phone", ""),
    ]
    for marked in [*passage.identifiers, *passage.roles]:
        assert passage.text[marked.start : marked.end] == marked.text


def test_parse_refuses_an_unknown_category() -> None:
    with pytest.raises(ValueError, match="unknown category"):
        parse("x", "[[Kelly|persn]]")


@pytest.mark.parametrize(
    "raw", ["[[Kelly|person:surname-first]] rang.", "[[Kelly person]] rang.", "{{Mother said"]
)
def test_parse_refuses_a_mark_it_cannot_read(raw: str) -> None:
    # A writer's hyphenated form left the whole mark in the text as plain words, its identifier uncounted.
    with pytest.raises(ValueError, match="unreadable mark"):
        parse("x", raw)


def test_documents_join_a_case_and_shift_its_marks() -> None:
    first = parse("a", "[[Kelly Smith|person]] rang.", "case")
    second = parse("b", "{{Mother}} said [[Kelly|person:later]] was tired.", "case")
    (joined,) = documents([first, second])
    assert joined.text == "Kelly Smith rang.\n\nMother said Kelly was tired."
    for marked in [*joined.identifiers, *joined.roles]:
        assert joined.text[marked.start : marked.end] == marked.text


def test_scoring_counts_a_partial_redaction_as_a_miss() -> None:
    text = "{{Mother}} met [[Kelly Smith|person]] at [[Moor Lane, by the old mill|address]]."
    report = measure([parse("x", text)])
    assert report.identifiers == 2 and report.found == 1 and report.roles == 1
    assert report.roles_lost == []
    assert report.misses == ["x address:plain 'Moor Lane, by the old mill'"]
    assert "| person | 1 | 1 | 100.0% |" in markdown(report)


def test_cases_are_numbered_per_file(tmp_path: Path) -> None:
    """'case-1' in one set and 'case-1' in another are different cases, redacted as different texts."""
    for name in ("set1.yaml", "set2.yaml"):
        (tmp_path / name).write_text("- {id: a, doc: case-1, text: 'Kelly rang.'}\n", encoding="utf-8")
    assert len(documents(load(tmp_path))) == 2


# The top level of evals/redaction holds only a held-out set, which may be half-written by its author at any
# time (set 16 now): the tests never read it. The lead scores it once, then it moves to dev/.
def test_sets_are_well_formed() -> None:
    passages = load(SETS / "dev")
    identifiers = [m for p in passages for m in p.identifiers]
    assert len(identifiers) >= 300
    assert {m.category for m in identifiers} == set(CATEGORIES)
    for marked in identifiers:
        assert marked.text.strip() == marked.text and marked.text, marked


def test_load_reads_only_the_folder_it_is_given(tmp_path: Path) -> None:
    """Measuring dev/ never reads the held-out set being written one level up."""
    (tmp_path / "dev").mkdir()
    (tmp_path / "set9.yaml").write_text("- {id: a, doc: c, text: 'half-writ", encoding="utf-8")
    (tmp_path / "dev" / "set1.yaml").write_text("- {id: a, doc: c, text: 'Kelly rang.'}\n", encoding="utf-8")
    assert [p.text for p in load(tmp_path / "dev")] == ["Kelly rang."]


def _sets(*stems: str) -> list[Passage]:
    return [p for p in load(SETS / "dev") if p.doc.split("/")[0] in stems]


# Sets 1-7 measured 99.4% together after the gaps of set 7 were worked on, no category under 98.8%, 3 other
# redactions: they meet the target. The cap is six since 64333ba: a drug line's name ('"KINGZ" line', twice) is
# taken as the name of the one who runs it, which set 7's writer left and set 106's writer marked ('line "BLUEY"').
def test_development_sets_1_to_7_meet_the_target() -> None:
    report = measure(_sets(*(f"set{n}" for n in range(1, 8))))
    assert report.roles_lost == []
    assert report.recall >= 0.99, report.misses
    for category, row in report.by_category.items():
        assert row["recall"] >= 0.95, (category, report.misses)
    assert len(report.unexpected) <= 6, report.unexpected


# Sets 8-128 were written blind and scored once (89.4%, 93.6%, 93.8%, 91.5%, 92.2%, 93.2%, 94.9%, 93.3%, 91.0%,
# 91.8%, 94.1%, 94.7%, 94.2%, 95.1%, 95.5%, 93.5%, 95.2%, 95.9%, 93.7%, 95.2%, 95.3%, 97.8%, 96.4%, 96.3%, 96.1%,
# 96.2%, 95.8%, 96.4%, 96.1%, 96.8%, 95.6%, 97.5%, 96.4%, 95.7%, 97.2%, 94.3%, 96.4%, 97.0%, 96.2%, 96.9%, 97.7%, 96.0%, 95.2%, 96.9%, 96.5%, 92.8%, 95.85%, 93.6%, 96.6%, 95.7%, 95.0%, 97.8%, 95.7%, 96.0%, 96.3%, 95.9%, 96.3%, 97.3%, 96.2%, 96.9%, 96.1%, 97.0%, 96.8%, 97.3%, 95.9%, 96.2%, 97.0%, 96.0%, 97.6%, 97.3%, 97.2%, 98.3%, 97.1%, 97.7%, 95.8%, 95.9%, 97.3%, 98.3%, 96.6%, 97.1%, 98.35%, 97.6%, 97.9%, 97.6%, 98.06%, 98.05%, 97.8%, 97.0%, 98.98%, 97.1%, 97.07%, 97.52%, 98.46%, 98.49%, 97.56%, 94.28%, 96.72%, 96.94%, 98.84%, 98.99%, 98.72%, 98.34%, 98.05%, 95.43%, 95.69%, 97.77%, 97.16%, 97.30%, 95.12%, 98.08%, 97.31%, 98.29%, 96.98%, 98.68%, 97.58%, 96.90%, 98.02%, 97.76%, 97.42%, 96.16%, 97.18%); their gaps were then worked on only with rules that generalise, and they stand below the target: this
# holds them where they are. The learned reader's weights are trained on these sets, so its part of these figures is
# in-sample; what it adds on a set it never saw is measured leave-one-out (evals/redaction/README.md).
@pytest.mark.parametrize(
    ("stem", "recall", "roles_lost", "other"),
    [
        ("set8", 0.985, 0, 6),
        ("set9", 0.968, 0, 5),
        ("set10", 0.976, 1, 11),
        ("set11", 0.973, 7, 19),
        ("set12", 0.983, 7, 18),
        ("set13", 0.983, 0, 5),
        ("set14", 0.988, 5, 16),
        ("set15", 0.984, 5, 17),
        ("set16", 0.982, 0, 13),
        ("set17", 0.978, 0, 19),
        ("set18", 0.971, 3, 34),
        ("set19", 0.99, 0, 35),
        ("set20", 0.986, 3, 52),
        ("set21", 0.985, 5, 57),
        ("set22", 0.985, 8, 60),
        ("set23", 0.98, 4, 45),
        ("set24", 0.982, 13, 57),
        ("set25", 0.978, 11, 89),
        ("set26", 0.964, 8, 55),
        ("set27", 0.971, 0, 55),
        ("set28", 0.977, 18, 68),
        ("set29", 0.988, 3, 56),
        ("set30", 0.985, 5, 43),
        ("set31", 0.99, 0, 54),
        ("set32", 0.987, 7, 42),
        ("set33", 0.986, 2, 50),
        ("set34", 0.984, 8, 62),
        ("set35", 0.977, 1, 7),
        ("set36", 0.981, 16, 72),
        ("set37", 0.986, 5, 28),
        ("set38", 0.984, 5, 50),
        ("set39", 0.985, 0, 66),
        ("set40", 0.983, 4, 48),
        ("set41", 0.973, 1, 88),
        ("set42", 0.986, 2, 29),
        ("set43", 0.978, 1, 44),
        ("set44", 0.98, 18, 44),
        ("set45", 0.987, 0, 29),
        ("set46", 0.982, 0, 42),
        ("set47", 0.985, 1, 22),
        ("set48", 0.984, 1, 61),
        ("set49", 0.977, 2, 47),
        ("set50", 0.977, 0, 49),
        ("set51", 0.982, 2, 40),
        ("set52", 0.981, 0, 40),
        ("set53", 0.965, 1, 35),
        ("set54", 0.966, 1, 39),
        ("set55", 0.964, 4, 69),
        ("set56", 0.979, 1, 49),
        ("set57", 0.972, 4, 57),
        ("set58", 0.977, 2, 48),
        ("set59", 0.985, 2, 22),
        ("set60", 0.977, 2, 53),
        ("set61", 0.974, 1, 41),
        ("set62", 0.977, 4, 91),
        ("set63", 0.97, 3, 57),
        ("set64", 0.976, 1, 46),
        ("set65", 0.976, 0, 82),
        ("set66", 0.98, 0, 184),
        ("set67", 0.982, 2, 26),
        ("set68", 0.972, 1, 50),
        ("set69", 0.983, 11, 33),
        ("set70", 0.98, 4, 94),
        ("set71", 0.988, 1, 21),
        ("set72", 0.976, 13, 50),
        ("set73", 0.98, 6, 89),
        ("set74", 0.984, 6, 57),
        ("set75", 0.98, 10, 44),
        ("set76", 0.985, 2, 34),
        ("set77", 0.983, 3, 55),
        ("set78", 0.979, 2, 17),
        ("set79", 0.993, 0, 29),
        ("set80", 0.991, 7, 27),
        ("set81", 0.994, 3, 32),
        ("set82", 0.971, 4, 17),
        ("set83", 0.982, 4, 36),
        # Set 84's writer marks a hostel's rooms in a Room column ("| 3 |"), set 50's and set 37's leave them: only a
        # hotel's three digits are read there, so set 84 stays 8 rooms short (0.989 while every number was read).
        ("set84", 0.986, 15, 79),
        ("set85", 0.986, 21, 107),
        ("set86", 0.978, 18, 71),
        ("set87", 0.985, 1, 40),
        ("set88", 0.989, 6, 44),
        ("set89", 0.98, 5, 43),
        ("set90", 0.986, 4, 54),
        ("set91", 0.988, 18, 82),
        ("set92", 0.986, 13, 74),
        ("set93", 0.986, 33, 57),
        ("set94", 0.985, 2, 67),
        ("set95", 0.978, 3, 48),
        ("set96", 0.993, 2, 26),
        ("set97", 0.984, 0, 85),
        ("set98", 0.982, 6, 46),
        ("set99", 0.983, 21, 136),
        ("set100", 0.987, 4, 47),
        ("set101", 0.988, 14, 45),
        ("set102", 0.978, 1, 60),
        ("set103", 0.97, 5, 61),
        ("set104", 0.98, 0, 60),
        ("set105", 0.98, 11, 79),
        ("set106", 0.992, 2, 69),
        ("set107", 0.991, 9, 94),
        ("set108", 0.99, 12, 70),
        ("set109", 0.988, 27, 65),
        ("set110", 0.988, 2, 78),
        ("set111", 0.985, 3, 75),
        ("set112", 0.971, 10, 72),
        ("set113", 0.988, 3, 75),
        ("set114", 0.974, 10, 34),
        ("set115", 0.98, 10, 42),
        ("set116", 0.969, 18, 67),
        ("set117", 0.986, 12, 60),
        ("set118", 0.98, 26, 72),
        ("set119", 0.983, 9, 121),
        ("set120", 0.977, 25, 84),
        ("set121", 0.987, 10, 81),
        ("set122", 0.983, 3, 122),
        ("set123", 0.973, 3, 76),
        ("set126", 0.979, 10, 181),
        ("set127", 0.974, 41, 162),
        ("set128", 0.976, 6, 42),
        ("set124", 0.985, 0, 41),
        ("set125", 0.980, 4, 96),
    ],
)
def test_later_development_sets_hold_their_figures(
    stem: str, recall: float, roles_lost: int, other: int
) -> None:
    report = measure(_sets(stem))
    assert report.recall >= recall, report.misses
    assert len(report.roles_lost) <= roles_lost, report.roles_lost
    assert len(report.unexpected) <= other, report.unexpected


def test_redaction_is_idempotent_on_every_set() -> None:
    """What redact() produced never trips the PII guard (check_redacted uses the same detector)."""
    for case in documents(load(SETS / "dev")):
        once = redact(case.text)
        assert find_spans(once.text) == [], case.id
        assert once.restore(once.text) == case.text
