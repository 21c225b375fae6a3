"""The 15-working-day clock (issue 14 part 3): due dates over weekends and England's bank holidays, the
notification date found in a text, the due date in every output, and a late review as information only."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import docx
import pytest
from streamlit.testing.v1 import AppTest

from assistant import services
from assistant.cli import main
from assistant.deadline import (
    add_working_days,
    find_notification,
    find_review_steps,
    review_deadline,
    working_days_between,
)
from assistant.domain.critique import Critique
from assistant.errors import InputError
from assistant.render.critique_markdown import critique_markdown
from assistant.render.deadline_text import TIMING_HEADING

D = dt.date

# Invented for these tests.
CHRONOLOGY = (
    "Date\tAgency\tEvent\n"
    "02/12/2025\tHealth Visiting\tHealth visitor home visit to Baby R, aged 5 months; mother said she was tired.\n"
    "16/12/2025\tPolice\tBaby R taken to hospital by ambulance with a fractured arm; mother's partner present.\n"
    "19/12/2025\tChildren's Social Care\tSerious incident notification submitted to the Panel.\n"
)
LATE_DRAFT = """Rapid review: Child T

Case information
Date of notification: 03/03/2025
Child T, aged 14, was found injured after going missing from home. The local authority notified the
Panel the same day.

Analysis
Agencies did not share what they knew about Child T's missing episodes. Child T's lived experience was of
being unheard. The partnership considered race, culture and disability.

Decision
The safeguarding partners agree the criteria for a local child safeguarding practice review are met.

Sign-off
The rapid review meeting was held on 20 March 2025.
Signed off by the Delegated Safeguarding Partners on 2 April 2025.
Date submitted to the Panel: 4 April 2025
"""


# -- working-day arithmetic ------------------------------------------------------------------------------


def test_christmas_and_new_year_bank_holidays_are_skipped() -> None:
    deadline = review_deadline(D(2025, 12, 19))  # a Friday
    assert deadline.due == D(2026, 1, 14)
    skipped = [(h.date, h.name) for h in deadline.bank_holidays_skipped]
    assert skipped == [
        (D(2025, 12, 25), "Christmas Day"),
        (D(2025, 12, 26), "Boxing Day"),
        (D(2026, 1, 1), "New Year's Day"),
    ]
    # 26 calendar days, but 15 working days: the weekends and the three holidays are not counted.
    assert working_days_between(D(2025, 12, 19), D(2026, 1, 14)) == 15


def test_easter_good_friday_and_easter_monday_are_skipped() -> None:
    deadline = review_deadline(D(2026, 4, 2))  # the Thursday before Good Friday 2026
    assert deadline.due == D(2026, 4, 27)
    assert [h.date for h in deadline.bank_holidays_skipped] == [D(2026, 4, 3), D(2026, 4, 6)]
    assert [h.name for h in deadline.bank_holidays_skipped] == ["Good Friday", "Easter Monday"]
    # Notified on Good Friday itself: day 1 is the Tuesday after Easter Monday.
    due, skipped = add_working_days(D(2026, 4, 3), 1)
    assert due == D(2026, 4, 7) and [h.date for h in skipped] == [D(2026, 4, 6)]


def test_a_substitute_bank_holiday_is_skipped() -> None:
    # Christmas Day 2022 was a Sunday: Tuesday 27 December was the substitute day (and 2 January 2023 for
    # New Year's Day, also a Sunday).
    deadline = review_deadline(D(2022, 12, 23))
    names = {h.date: h.name for h in deadline.bank_holidays_skipped}
    assert D(2022, 12, 25) not in names  # a Sunday: not a working day the clock lost
    assert names[D(2022, 12, 26)] == "Boxing Day"
    assert "observed" in names[D(2022, 12, 27)].lower()
    assert D(2023, 1, 2) in names
    assert deadline.due == D(2023, 1, 18)


def test_weekends_are_not_working_days() -> None:
    # Monday 3 March 2025, no bank holiday in the next three weeks: exactly three calendar weeks.
    assert review_deadline(D(2025, 3, 3)).due == D(2025, 3, 24)
    assert review_deadline(D(2025, 3, 3)).bank_holidays_skipped == []
    # From a Friday, the first working day is the Monday.
    assert add_working_days(D(2025, 3, 7), 1)[0] == D(2025, 3, 10)


def test_a_notification_on_a_saturday_counts_from_the_monday() -> None:
    # Saturday 1 March 2025 is day 0; Monday 3 March is day 1, so it is due a working day before a Monday one.
    assert add_working_days(D(2025, 3, 1), 1)[0] == D(2025, 3, 3)
    assert review_deadline(D(2025, 3, 1)).due == D(2025, 3, 21)


def test_working_days_left_and_passed() -> None:
    due = D(2025, 3, 24)
    assert services.working_days_left(due, D(2025, 3, 24)) == 0
    assert services.working_days_left(due, D(2025, 3, 21)) == 1  # Friday to Monday
    assert services.working_days_left(due, D(2025, 3, 26)) == -2


# -- the notification date in a text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The local authority notified the Panel on 3 March 2025.", D(2025, 3, 3)),
        ("Date of notification: 03/03/2025", D(2025, 3, 3)),
        ("Date of notification\t03/03/2025", D(2025, 3, 3)),
        ("Serious incident notification submitted on Monday 3rd March 2025 by the LA.", D(2025, 3, 3)),
        ("03/03/2025 | Children's Social Care | Serious incident notification sent to Ofsted", D(2025, 3, 3)),
    ],
)
def test_the_notification_date_is_found_in_the_text(text: str, expected: D) -> None:
    found = find_notification(text)
    assert found is not None and found.day == expected
    assert text[found.evidence.start : found.evidence.end] == found.evidence.quote


@pytest.mark.parametrize(
    "text",
    [
        "Police notified children's social care on 3 March 2025.",  # not the notification to the Panel
        "A serious incident notification was made following the incident on 28/02/2025.",  # another event's date
        "Date of notification: March 2025",  # no day
        "Date of notification: 31/02/2025",  # no such day
    ],
)
def test_no_notification_date_is_guessed(text: str) -> None:
    assert find_notification(text) is None


def test_a_notification_line_is_not_the_review_being_sent() -> None:
    text = "Serious incident notification submitted to the Panel on 3 March 2025.\nDate submitted to the Panel: 21/03/2025"
    assert [(step, found.day) for step, found in find_review_steps(text)] == [("submitted", D(2025, 3, 21))]


def test_draft_deadline_comes_from_the_chronology_and_the_option_wins() -> None:
    drafted = services.draft(CHRONOLOGY)
    assert drafted.deadline is not None
    assert drafted.deadline.source == "draft" and drafted.deadline.notified == D(2025, 12, 19)
    ev = drafted.deadline.evidence
    assert ev is not None and CHRONOLOGY[ev.start : ev.end] == ev.quote and "notification" in ev.quote
    given = services.draft(CHRONOLOGY, notified="2026-04-02")
    assert given.deadline is not None and given.deadline.source == "option"
    assert given.deadline.due == D(2026, 4, 27) and given.deadline.evidence is None


# -- a late review is information, not a finding ---------------------------------------------------------


def test_a_late_review_gives_a_note_not_a_finding() -> None:
    on_time = LATE_DRAFT.replace("4 April 2025", "21 March 2025").replace("2 April 2025", "21 March 2025")
    late = services.critique(LATE_DRAFT, with_panel_comments=False)
    prompt = services.critique(on_time, with_panel_comments=False)

    assert late.deadline is not None and late.deadline.due == D(2025, 3, 24)
    assert len(late.information) == 1
    note = late.information[0]
    assert (note.step, note.step_date, note.working_days_late) == ("submitted", D(2025, 4, 4), 9)
    assert (
        LATE_DRAFT[note.evidence[0].start : note.evidence[0].end]
        == "Date submitted to the Panel: 4 April 2025"
    )
    assert prompt.information == []
    # The findings are the same with and without the lateness: it is never a finding.
    assert sorted(f.code for f in late.findings) == sorted(f.code for f in prompt.findings)
    assert not any("working day" in f.message for f in late.findings)

    md = critique_markdown(late)
    timing = md.index(f"## {TIMING_HEADING}")
    assert "9 working days after the due date" in md[timing:]
    if late.findings:
        assert md.index("## Findings") < timing  # after and apart from the findings
    data = json.loads(late.model_dump_json())
    assert data["information"][0]["working_days_late"] == 9
    assert Critique.model_validate(data).information == late.information


def test_notified_option_overrides_the_drafts_own_date_in_the_critique() -> None:
    # Notified a week later than the draft says: 4 April is then within the 15 working days.
    c = services.critique(LATE_DRAFT, with_panel_comments=False, notified=D(2025, 3, 17))
    assert c.deadline is not None and c.deadline.source == "option" and c.deadline.due == D(2025, 4, 7)
    assert c.information == []


# -- the CLI ---------------------------------------------------------------------------------------------


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("command", ["draft", "kloe", "critique"])
def test_a_bad_notified_date_exits_2_with_the_fix(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "input.txt"
    source.write_text(CHRONOLOGY if command != "critique" else LATE_DRAFT, encoding="utf-8")
    code, out, err = run([command, str(source), "--notified", "31/02/2025"], capsys)
    assert code == 2 and out == ""
    assert "--notified '31/02/2025'" in err and "fix:" in err and "2025-03-03" in err
    assert "Traceback" not in err


def test_the_due_date_is_in_the_draft_markdown_json_and_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "chronology.txt"
    source.write_text(CHRONOLOGY, encoding="utf-8")
    code, out, _ = run(["draft", str(source)], capsys)
    assert code == 0
    assert "Due by Wednesday 14 January 2026" in out
    assert "Christmas Day (Thursday 25 December 2025)" in out and "New Year's Day" in out

    code, out, _ = run(["draft", str(source), "--format", "json", "--notified", "3 March 2025"], capsys)
    data = json.loads(out)
    assert data["deadline"]["due"] == "2025-03-24" and data["deadline"]["source"] == "option"

    word = tmp_path / "draft.docx"
    code, _, _ = run(["draft", str(source), "-o", str(word)], capsys)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs)
    assert code == 0 and TIMING_HEADING in text and "Due by Wednesday 14 January 2026" in text


def test_the_due_date_is_in_the_kloe_markdown_json_and_word(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "chronology.txt"
    source.write_text(CHRONOLOGY, encoding="utf-8")
    code, out, _ = run(["kloe", str(source), "--notified", "2026-04-02"], capsys)
    assert code == 0
    assert f"## {TIMING_HEADING}" in out and "Due by Monday 27 April 2026" in out
    assert "Good Friday (Friday 3 April 2026)" in out and "Easter Monday (Monday 6 April 2026)" in out

    code, out, _ = run(["kloe", str(source), "--format", "json"], capsys)
    deadline = json.loads(out)["deadline"]
    assert deadline["notified"] == "2025-12-19" and deadline["due"] == "2026-01-14"
    assert [h["name"] for h in deadline["bank_holidays_skipped"]] == [
        "Christmas Day",
        "Boxing Day",
        "New Year's Day",
    ]

    word = tmp_path / "kloe.docx"
    code, _, _ = run(["kloe", str(source), "-o", str(word)], capsys)
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(word.read_bytes())).paragraphs)
    assert code == 0 and "Due by Wednesday 14 January 2026" in text


def test_no_notification_date_means_no_timing_section(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = tmp_path / "chronology.txt"
    source.write_text(
        CHRONOLOGY.replace("Serious incident notification submitted to the Panel", "Strategy meeting")
    )
    code, out, _ = run(["kloe", str(source)], capsys)
    assert code == 0 and TIMING_HEADING not in out
    with pytest.raises(InputError):
        services.review_deadline("", notified="not a date")


# -- the app's component ---------------------------------------------------------------------------------


def _panel_today_12_january() -> None:
    import datetime as dt

    from assistant.app.deadline_panel import deadline_panel

    deadline_panel("kloe", "Date of notification: 19/12/2025\nBaby R was seen.", today=dt.date(2026, 1, 12))


def test_the_app_shows_working_days_left_from_the_texts_date_and_a_chosen_one() -> None:
    at = AppTest.from_function(_panel_today_12_january, default_timeout=60).run()
    assert not at.exception
    assert [d.value for d in at.date_input] == [D(2025, 12, 19)]
    assert "2 working days left" in at.info[0].value.replace("\\", "")
    at.date_input[0].set_value(D(2025, 11, 3)).run()  # due Monday 24 November 2025
    passed = -services.working_days_left(D(2025, 11, 24), D(2026, 1, 12))
    assert passed > 0
    assert f"the due date passed {passed} working days ago" in at.warning[0].value.replace("\\", "")
