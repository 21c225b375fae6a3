"""The chronology eval: scoring drafting against expected facts, on a small set of our own chronologies."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant.evaluation.chronology_eval import (
    ChronologyReport,
    ages_in_cell,
    evaluate_chronologies,
    main,
    names_match,
)

DATA = Path(__file__).parent / "data"

EXPECTED = {
    "xchron01_household.tsv": {
        "child": {"name": "Child R", "age_at_incident": "7 months", "gender": None},
        "people": [
            {"role": "mother", "name_as_written": "Ms K", "age": 23},
            {"role": "mother's partner", "name_as_written": "Mr T", "age": 31},
            {"role": "half-sister", "name_as_written": "Child E", "age": None},
            {"role": "maternal grandmother", "name_as_written": "Mrs B", "age": 58},
        ],
        "agencies": ["Midwifery", "Police", "MASH", "Nursery", "GP practice", "Ambulance service", "ED"],
        "entries": 10,
    },
    "xchron02_titled.md": {
        "child": {"name": "Child D", "gender": "female"},
        "people": [
            {"role": "half-brother", "name_as_written": "Child F", "age": 9},
            {"role": "mother", "name_as_written": "Ms P", "age": 29},
            {"role": "mother's partner", "name_as_written": "Mr N", "age": 24},
        ],
        "agencies": ["School", "Children's Social Care"],
        "entries": 6,
    },
    "xchron03_missing.txt": {"child": {"name": "Child Q"}, "people": [], "entries": 3},
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ChronologyReport:
    root = tmp_path_factory.mktemp("devset")
    folder = root / "x"
    folder.mkdir()
    shutil.copy(DATA / "drafting" / "pseudonym_household.tsv", folder / "xchron01_household.tsv")
    shutil.copy(DATA / "drafting" / "titled_sibling.md", folder / "xchron02_titled.md")
    (folder / "xchron_expected.json").write_text(json.dumps(EXPECTED), encoding="utf-8")
    return evaluate_chronologies(root)


def test_scores_subject_entries_and_ages(report: ChronologyReport) -> None:
    assert [c.file for c in report.chronologies] == [
        "x/xchron01_household.tsv",
        "x/xchron02_titled.md",
        "x/xchron03_missing.txt",
    ]
    household, titled, missing = report.chronologies
    assert household.child_ok and household.found_child == "CHILD R"
    assert (household.found_entries, household.entries_ok) == (10, True)
    assert [(a.name_as_written, a.ok) for a in household.ages] == [
        ("Ms K", True),
        ("Mr T", True),
        ("Mrs B", True),
    ]
    assert titled.child_ok and titled.gender_ok and titled.kloe_agrees
    assert all(a.ok for a in titled.ages)
    assert missing.error is not None and not missing.child_ok  # a file that cannot be read is a result
    assert (report.subject_child_right, report.exact_entries) == (2, 2)
    assert (report.ages_found, report.ages_expected) == (6, 6)


def test_agencies_are_reported(report: ChronologyReport) -> None:
    found = {a.expected: a.found for a in report.chronologies[0].agencies}
    assert found["Police"] == "Police" and found["GP practice"] is not None
    assert report.agencies_expected == 9


def test_report_dumps_the_fields_the_devset_eval_reads(report: ChronologyReport) -> None:
    data = report.model_dump(mode="json")
    assert {"subject_child_right", "exact_entries", "ages_found", "ages_expected", "chronologies"} <= set(
        data
    )
    first = data["chronologies"][0]
    assert {"file", "child_ok", "found_entries", "expected_entries", "ages", "error"} <= set(first)


def test_summary_and_command_line(report: ChronologyReport, capsys: pytest.CaptureFixture[str]) -> None:
    text = report.summary()
    assert "Subject child right: 2/3" in text and "Stated ages on the right row: 6/6 (100%)" in text
    assert main([report.directory]) == 0
    assert "Exact entry count: 2/3" in capsys.readouterr().out
    assert main([]) == 2


def test_name_matching_is_whole_words() -> None:
    assert names_match("Ben (Child B)", ["CHILD B"])
    assert names_match("Ben (Child B)", ["Ben"])
    assert names_match("Child V", ["CHILD V"])
    assert not names_match("Baby J", ["The child"])  # a generic name matches no one
    assert not names_match("S", ["Sibling(s)"])  # 'Sibling(s)' is not a person called S
    assert not names_match("Child X", ["CHILD XY"])


def test_ages_in_cell_keep_units() -> None:
    assert ages_in_cell("(38)") == {38}
    assert ages_in_cell("aged 7 months") == {0}
    assert ages_in_cell("20 months; 2 yrs") == {1, 2}
    assert ages_in_cell("DOB 03/02/2024") == set()
    assert ages_in_cell("Not recorded") == set()


def test_expected_facts_written_loosely_are_read(tmp_path: Path) -> None:
    shutil.copy(DATA / "drafting" / "titled_sibling.md", tmp_path / "ychron01.md")
    expected = {
        "ychron01.md": {
            "child": "Child D",  # a name, not an object
            "people": [
                {"role": "half-brother", "name_as_written": "Child F", "age": "9 years"},
                {"role": "mother", "name_as_written": "Ms P", "age": 29.0},
                {"role": "mother's partner", "name_as_written": "Mr N", "age": "24"},
            ],
            "entries": "6",
        },
        "ychron02_missing.md": {"child": {"name": "Child Z"}, "people": [{"role": "mother", "age": 30}]},
    }
    (tmp_path / "ychron_expected.json").write_text(json.dumps(expected), encoding="utf-8")
    report = evaluate_chronologies(tmp_path)
    assert (report.subject_child_right, report.exact_entries) == (1, 1)
    assert (report.ages_found, report.ages_expected) == (3, 4)  # the missing file's age counts, as not found
    assert report.chronologies[1].error is not None
