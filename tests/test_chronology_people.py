"""The people model on chronologies written the way partnerships write them (our own, not the dev set).

Each test is a failure class seen on chronologies by writers who never saw the tool: pseudonyms with an age
in brackets ('Ms K (23)'), "Mother's partner, Mr N (24)", 'aged 7 months', a sibling mentioned more often
than the subject child, a booking appointment or a sibling's date of birth taken for the child's, and
lines of enquiry naming a different child from the draft.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from assistant import services
from assistant.domain.drafting import Draft, Person
from assistant.drafting import draft_chronology
from assistant.drafting.subject import child_in_text

DATA = Path(__file__).parent / "data" / "drafting"
TODAY = dt.date(2026, 1, 1)


def _draft(text: str) -> Draft:
    return draft_chronology(text, today=TODAY)


def _people(draft: Draft) -> dict[str, Person]:
    return {p.name: p for p in draft.people}


def _family_row(draft: Draft, name: str) -> list[str]:
    table = next(b.table for b in draft.section("family_household").blocks if b.table is not None)
    return next([c.text for c in row.cells] for row in table.rows if row.cells[0].text == name)


def _age_fact(draft: Draft) -> str:
    return next(f.value or "" for f in draft.case_facts if f.id == "age")


@pytest.fixture(scope="module")
def household() -> Draft:
    return _draft((DATA / "pseudonym_household.tsv").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def titled() -> Draft:
    return _draft((DATA / "titled_sibling.md").read_text(encoding="utf-8"))


def test_pseudonym_ages_in_brackets(household: Draft) -> None:
    people = _people(household)
    assert people["Ms K"].age.value == "23"
    assert people["Mr T"].age.value == "31"  # 'lives with partner Mr T (31)'
    assert people["Mr T"].relationship.value == "partner"
    assert _family_row(household, "Ms K")[2] == "23"


def test_role_comma_pseudonym_bracket_age(titled: Draft, household: Draft) -> None:
    """ "Mother's partner, Mr N (24)": one person, with the role as relationship and the age on their row."""
    people = _people(titled)
    assert people["Mr N"].relationship.value == "Mother's partner"
    assert people["Mr N"].age.value == "24"
    assert "Mother's partner" not in people  # not a second, ageless row
    assert _family_row(titled, "Mr N")[1:3] == ["Mother's partner", "24"]
    grandmother = _people(household)["Mrs B"]  # 'Maternal grandmother, Mrs B (58)'
    assert (grandmother.relationship.value, grandmother.age.value) == ("Maternal grandmother", "58")


def test_ages_keep_their_units(household: Draft) -> None:
    assert "aged 7 months" in _age_fact(household)
    assert _people(household)["CHILD R"].age.value == "aged 7 months"


def test_inline_age_units() -> None:
    draft = _draft(
        "Date\tAgency\tEvent\n"
        "02/02/2025\tGP\tCHILD W (aged 7 months) seen with Mother (aged 19). Sister, aged 3 years, present.\n"
        "09/02/2025\tED\tCHILD W admitted with a skull fracture.\n"
    )
    people = _people(draft)
    assert "aged 7 months" in _age_fact(draft)
    assert "aged 7 months" in _family_row(draft, "CHILD W")[2]
    assert people["Mother"].age.value == "aged 19"
    assert people["Sister"].age.value == "aged 3 years"


def test_subject_is_the_declared_child_not_the_sibling_mentioned_more(titled: Draft) -> None:
    subject = next(p for p in titled.people if p.subject)
    sibling = _people(titled)["CHILD F"]
    assert subject.name == "CHILD D"
    assert sibling.mentions > subject.mentions  # the half-brother is named more often
    assert sibling.relationship.value == "half-brother" and sibling.age.value == "aged 9"
    facts = {f.id: f.value for f in titled.case_facts}
    assert facts["gender"] == "female" and facts["age"] == "DOB 11/08/2016"  # from the subject line


def test_subject_without_a_title_is_the_child_the_incident_happened_to(household: Draft) -> None:
    subject = next(p for p in household.people if p.subject)
    assert subject.name == "CHILD R"
    assert _people(household)["CHILD E"].mentions > subject.mentions


def test_title_removed_still_the_harmed_child_not_the_sibling() -> None:
    text = (DATA / "titled_sibling.md").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("#", "Subject")))
    draft = _draft(body)
    assert next(p for p in draft.people if p.subject).name == "CHILD D"


def test_booking_date_and_sibling_dob_are_not_the_childs_date_of_birth(household: Draft) -> None:
    age = _age_fact(household)
    assert age.startswith("22/03/2024")  # the birth entry, not the booking appointment of 05/09/2023
    assert "05/09/2023" not in age and "2019" not in age  # CHILD E's 'born 2019' and 'DOB 02/06/2019'
    assert _people(household)["CHILD E"].age.value == "born 2019; DOB 02/06/2019"


def test_booking_entry_naming_the_child_is_not_a_birth() -> None:
    draft = _draft(
        "Date\tAgency\tEvent\n"
        "05/09/2023\tMidwifery\tBooking appointment at 12 weeks; CHILD R expected to be born in March.\n"
        "03/11/2024\tED\tCHILD R died; rib fractures found.\n"
    )
    assert "05/09/2023" not in _age_fact(draft)


@pytest.mark.parametrize("name", ["pseudonym_household.tsv", "titled_sibling.md"])
def test_lines_of_enquiry_name_the_same_child_as_the_draft(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    draft = services.draft(text)
    report = services.kloe(text)
    subject = next(p for p in draft.people if p.subject)
    assert report.child == subject.name
    assert report.meta.input_kind == "chronology"


def test_first_name_with_label_is_one_child() -> None:
    text = (
        "CHRONOLOGY – MAYA (Child M) – rapid review\n"
        "Maya, 13, female. Lives with dad (Mr O, 44) and older sister Priya (16).\n"
        "\n"
        "01/03/2024 – School – Maya absent 3 days. Priya said Maya was unwell.\n"
        "05/03/2024 – Police – Priya reported Maya missing. Maya found next day.\n"
        "09/03/2024 – ED – Maya admitted after an overdose.\n"
    )
    draft = _draft(text)
    people = _people(draft)
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "CHILD M" and {"Maya", "MAYA"} <= set(subject.written_as)
    assert people["Priya"].relationship.value == "older sister" and people["Priya"].age.value == "16"
    assert people["Mr O"].relationship.value == "dad" and people["Mr O"].age.value == "44"
    facts = {f.id: f.value for f in draft.case_facts}
    assert facts["gender"] == "female" and facts["age"] == "13"


def test_a_list_is_not_an_apposition() -> None:
    draft = _draft(
        "Household: CHILD J, Mother (Ms L), Mr K (mother's partner).\n"
        "03/02/2025 – HV – Mother, Mr K and CHILD J seen at home.\n"
        "04/02/2025 – ED – CHILD J admitted with a fractured femur.\n"
    )
    people = _people(draft)
    assert people["Ms L"].relationship.value == "Mother"
    assert people["Mr K"].relationship.value == "mother's partner"
    assert "Mother" not in people  # merged into Ms L, not linked to CHILD J or Mr K


def test_lone_letters_are_names_only_where_they_can_be() -> None:
    draft = _draft(
        "Subject: Child V, DOB 03/11/2009\n"
        "03/02/2025 – Police – V found with Class A drugs; V taken to A&E for an X-ray. Vitamin D low.\n"
        "04/02/2025 – ED – V has a stab wound.\n"
    )
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "CHILD V"
    assert subject.mentions == 4  # 'Child V' and three 'V's; not 'Class A', 'A&E', 'X-ray' or 'Vitamin D'


def test_draft_review_child_uses_the_same_declarations() -> None:
    assert (
        child_in_text("# Rapid review – Baby Q\n\nBaby Q was 8 weeks old. CHILD S is his sister.") == "Baby Q"
    )
    assert child_in_text("CHILD S was seen. The subject of this review is CHILD T.") == "CHILD T"
    assert child_in_text("CHILD S's brother, CHILD T, who died in May.") == "CHILD T"
    assert child_in_text("No labels here.") == "the child"


# -- pathological input: correct output at a size that was slow before (speed itself is for bench/) ------


def _names(n: int) -> list[str]:
    return [f"Ka{chr(97 + i % 26)}{chr(97 + (i // 26) % 26)}{chr(97 + (i // 676) % 26)}" for i in range(n)]


def test_long_space_runs_between_a_name_and_its_age() -> None:
    gap = " " * 30_000
    draft = _draft(
        f"03/02/2025 - HV - Mother{gap}(38) seen.\n04/02/2025 - ED - CHILD A,{gap}aged 7 months.\n"
    )
    assert _people(draft)["Mother"].age.value == "38"
    assert "aged 7 months" in _age_fact(draft)


def test_many_introduced_names_and_brackets() -> None:
    names = _names(1_500)
    row = " ".join(f"older brother {name} ({i % 17}); Mother (Ms Y, 30) and" for i, name in enumerate(names))
    draft = _draft(f"03/02/2025 - HV - CHILD Q seen. {row} end.\n04/02/2025 - ED - CHILD Q has a fracture.\n")
    people = _people(draft)
    assert next(p for p in draft.people if p.subject).name == "CHILD Q"
    assert people[names[0]].age.value == "0" and people[names[-1]].age.value == str((len(names) - 1) % 17)
    assert people["Ms Y"].age.value == "30" and people["Ms Y"].relationship.value == "Mother"
    # the child, each brother and Ms Y: 'older brother' only introduces each brother, so it is no row of its own
    assert len(draft.people) == len(names) + 2


def test_many_pseudonyms_in_one_entry() -> None:
    names = _names(3_000)
    text = "03/02/2025 - HV - " + " ".join(f"Mr {name}" for name in names) + ".\n"
    draft = _draft(text)
    assert {p.name for p in draft.people} == {f"Mr {name}" for name in names}
    report = services.kloe(text)
    assert report.meta.input_kind in ("chronology", "draft")


def test_a_two_column_details_table_is_people_not_entries() -> None:
    text = (DATA / "details_table.md").read_text(encoding="utf-8")
    draft = _draft(text)
    assert len(draft.timeline) == 6  # the details rows and the '| 2023 |' section rows are not entries
    people = _people(draft)
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "CHILD L" and "Leo" in subject.written_as
    assert (people["Ms H"].relationship.value, people["Ms H"].age.value) == (
        "Mother",
        "26",
    )  # '| Mother | Ms H, 26'
    assert (people["Mr W"].relationship.value, people["Mr W"].age.value) == ("Mother's boyfriend", "30")
    assert people["Sibling 1"].age.value == "aged 8 months"
    facts = {f.id: f.value for f in draft.case_facts}
    assert (facts["age"], facts["gender"], facts["ethnicity"]) == ("4 years", "male", "Black British")
    assert services.kloe(text).child == "CHILD L"


def test_name_field_and_the_fields_under_it_are_the_child() -> None:
    draft = _draft((DATA / "name_fields.txt").read_text(encoding="utf-8"))
    assert len(draft.timeline) == 7  # '2022' and '2024' alone are headings; the indented line continues
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "Aisha"
    facts = {f.id: f.value for f in draft.case_facts}
    assert facts["age"] == "DOB: 02/06/2011; aged 13" and facts["ethnicity"] == "British Pakistani"
    people = _people(draft)
    assert (
        people["Imran"].age.value == "17" and people["Bilal"].age.value == "10"
    )  # 'brothers Imran (17) and Bilal (10)'
    assert (people["Mrs K"].relationship.value, people["Mrs K"].age.value) == ("mother", "41")
    assert "Brother" not in people  # 'brothers' only introduces them


def test_a_month_alone_heads_a_section_or_dates_the_lines_below() -> None:
    from assistant.chronology import parse_chronology

    headed = parse_chronology("March 2024\n03/03/2024 - HV - visit\n\nApril 2024\n")
    assert [e.date_text for e in headed.entries] == ["03/03/2024"]
    dating = parse_chronology("March 2024\n    HV visit, no access.\n")
    assert [(e.date_text, e.event) for e in dating.entries] == [("March 2024", "HV visit, no access.")]


@pytest.mark.parametrize(
    ("written", "name", "age"),
    [
        ("Mother (32yrs) seen.", "Mother", "32yrs"),
        ("Stepfather Mr C (29yo) seen.", "Mr C", "29yo"),
        ("A 32-year-old mother seen.", "Mother", "32-year-old"),
        ("Mother, a 32 year old woman, seen.", "Mother", "32 year old"),
        ("Mother: Ms A, 32 years.", "Ms A", "32 years"),
        ("Father (Mr B, aged 40) seen.", "Mr B", "aged 40"),
        ("Mother (age 32) seen.", "Mother", "age 32"),
        ("Grandmother (60s) seen.", "Grandmother", "60s"),
        ("Mother, 32, seen.", "Mother", "32"),
    ],
)
def test_adult_ages_as_written(written: str, name: str, age: str) -> None:
    draft = _draft(f"03/02/2025 - HV - {written}\n04/02/2025 - ED - CHILD A has a fracture.\n")
    assert _people(draft)[name].age.value == age


def test_a_first_name_with_an_age_is_the_child_when_nothing_else_names_one() -> None:
    draft = _draft(
        "Jamie, 14, male, White British.\n"
        "03/02/2025 - School - Jamie absent; Mother (Ms A, 40) called.\n"
        "06/02/2025 - ED - Jamie stabbed in the leg.\n"
    )
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "Jamie"
    facts = {f.id: f.value for f in draft.case_facts}
    assert (facts["age"], facts["gender"], facts["ethnicity"]) == ("14", "male", "White British")


def test_health_is_not_given_to_who_came_along_or_who_spoke_about_someone_else() -> None:
    draft = _draft(
        "03/02/2025 - Paeds - Autism follow-up for CHILD C. Epilepsy review, seen with Mother.\n"
        "05/02/2025 - GP - Ms B says her son is autistic. Ms B has asthma.\n"
        "06/02/2025 - ED - CHILD C admitted with a fracture.\n"
    )
    people = _people(draft)
    assert people["Mother"].health.value is None  # 'seen with Mother': she came along
    assert people["Ms B"].health.value == "asthma"  # not 'autistic', which is her son


@pytest.mark.parametrize(
    ("written", "name", "age"),
    [
        ("Mother (aged 19 at booking) seen.", "Mother", "aged 19 at booking"),
        ("Mother is 19.", "Mother", "19"),
        ("Mother, who is 19, seen.", "Mother", "19"),
        ("Father (Mr B, 40 at the time) seen.", "Mr B", "40 at the time"),
        ("Mother was 10 minutes late.", "Mother", None),
        ("Mother (2 children) seen.", "Mother", None),
    ],
)
def test_ages_said_in_words_or_qualified(written: str, name: str, age: str | None) -> None:
    draft = _draft(f"03/02/2025 - HV - {written}\n04/02/2025 - ED - CHILD A has a fracture.\n")
    assert _people(draft)[name].age.value == age


def test_word_chronology_reads_the_lines_above_its_table(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("MULTI-AGENCY CHRONOLOGY – BABY K")
    document.add_paragraph("Subject: Baby K, female, DOB 02/01/2025. Ethnicity: Mixed White and Asian.")
    document.add_paragraph(
        "Household: Ms G (mother, 22), Mr H (mother's partner, 31), Child J (half-brother, aged 4)."
    )
    rows = [
        ("Date", "Agency", "Event"),
        ("02/01/2025", "Maternity", "Baby K born at 39 weeks."),
        ("14/02/2025", "HV", "Child J talked about Mr H shouting. Child J was upset."),
        ("03/03/2025", "ED", "Baby K admitted with a subdural haemorrhage."),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    path = tmp_path / "chronology.docx"
    document.save(str(path))
    text, _ = services.read_chronology(path)
    draft = services.draft(text)
    assert len(draft.timeline) == 3
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "Baby K"
    people = _people(draft)
    assert (people["Ms G"].relationship.value, people["Ms G"].age.value) == ("mother", "22")
    assert (people["Mr H"].relationship.value, people["Mr H"].age.value) == ("mother's partner", "31")
    assert people["CHILD J"].age.value == "aged 4"
    facts = {f.id: f.value for f in draft.case_facts}
    assert facts["gender"] == "female" and facts["ethnicity"] == "Mixed White and Asian"
    assert services.kloe(text).child == "Baby K"


def test_genogram_line_and_csv_preamble() -> None:
    draft = _draft((DATA / "genogram.csv").read_text(encoding="utf-8"))
    assert len(draft.timeline) == 5
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "CHILD P"  # 'Re: Rapid review - CHILD P', though CHILD Q is named more often
    people = _people(draft)
    assert people["CHILD Q"].mentions > subject.mentions
    assert [(n, people[n].relationship.value, people[n].age.value) for n in ("Ms F", "Mr G", "CHILD Q")] == [
        ("Ms F", "Mother", "34"),
        ("Mr G", "father", "36"),
        ("CHILD Q", "sibling", "4"),
    ]


def test_full_names_and_their_first_names_are_one_person() -> None:
    draft = _draft((DATA / "full_names.txt").read_text(encoding="utf-8"))
    assert len(draft.timeline) == 5  # weekday and ordinal dates; the indented line continues
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "CHILD T" and {"Tyler Smith", "Tyler"} <= set(subject.written_as)
    assert "Smith" not in subject.written_as  # 'Tyler Smith' is one name, not 'Tyler' and 'Smith'
    people = _people(draft)
    assert (people["Ms Smith"].relationship.value, people["Ms Smith"].age.value) == ("mother", "41")
    assert (people["Mr Jones"].relationship.value, people["Mr Jones"].age.value) == ("stepfather", "45")
    assert (people["Ella"].relationship.value, people["Ella"].age.value) == ("Younger sister", "9")
    assert {p.name for p in draft.people} == {"CHILD T", "Ella", "Ms Smith", "Mr Jones"}


def test_an_unnamed_baby_is_the_subject_not_the_named_half_sister() -> None:
    draft = _draft(
        "Date\tAgency\tEvent\n"
        "01/02/2025\tNursery\tCHILD B (half-sister, aged 3) attended. CHILD B said mummy cries.\n"
        "05/02/2025\tHV\tNew baby seen at home; CHILD B present. Baby feeding well.\n"
        "10/02/2025\tGP\tCHILD B seen for a cough.\n"
        "20/02/2025\tED\tBaby brought in unresponsive with a skull fracture.\n"
    )
    subject = next(p for p in draft.people if p.subject)
    assert subject.name == "The child"
    assert _people(draft)["CHILD B"].relationship.value == "half-sister"
