"""Kinds of miss that set 61 (written blind) showed, and a bug found by redacting set 63 (written blind) twice, each
on invented text: a case the redactor of 6f091b7 got wrong, and a guard that what should stay, stays."""

from __future__ import annotations

import pytest

from assistant.privacy.redaction import find_spans, redact
from tests.redaction_spans import found as _found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # A rank in capitals, an initial and a surname the run of capitals after it also took: both readings are
        # kept as one span, so the initial goes with the surname.
        ("11/02/2024 03:10  DS R HOLLOWAY CID ASHTON\nCHILD TAKEN TO WARD 4.", "R HOLLOWAY"),
        ("PAEDIATRICIAN DR K OYELARAN REPORTS BRUISING TO BOTH EARS.", "K OYELARAN"),
    ],
)
def test_an_initial_after_a_rank_in_capitals_goes_with_the_surname(text: str, name: str) -> None:
    once = redact(text).text
    assert name not in once and name.split()[1] not in once, once
    assert find_spans(once) == [], once


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("EDT NOTIFIED 02:05 (SW P TREHARNE).", "P TREHARNE"),  # a surname no list holds
        ("ENVIRONMENTAL HEALTH INSPECTOR J MARSH (0300 111 2222) INFORMED.", "J MARSH"),  # a word
        ("Seen in triage (RN T Heath): 14M, laceration to the left palm.", "T Heath"),
        ("Plan shared with HV B Rowe by phone.", "B Rowe"),
    ],
)
def test_a_job_or_rank_then_an_initial_then_a_surname_is_a_name(text: str, name: str) -> None:
    assert name in _found(text), _found(text)


@pytest.mark.parametrize(
    "text",
    [
        "PC A ATTENDED AND SPOKE TO THE FAMILY.",  # a verb a log runs on to
        "SW A MOTHER WAS PRESENT.",  # a role
        "DC A CID OFFICER ATTENDED.",  # an acronym
        "The SW A day later visited.",  # a sentence's word
    ],
)
def test_a_job_and_a_letter_before_no_surname_take_nothing(text: str) -> None:
    assert not any(" " in f and f.split()[0] == "A" for f in _found(text)), _found(text)


def test_letters_in_brackets_after_a_name_take_the_word_between_too() -> None:
    text = "Present: DC Owen Grey (OG), Public Protection Unit. OG said the address was known."
    found = _found(text)
    assert "Owen Grey" in found and found.count("OG") == 2, found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Head of year Mr Daniel Friend phoned the father.", "Daniel Friend"),
        ("The review was chaired by Dr Helen Black and attended by the GP.", "Helen Black"),
    ],
)
def test_after_a_title_and_a_first_name_a_word_is_the_surname(text: str, name: str) -> None:
    assert name in _found(text), _found(text)


def test_after_a_title_and_a_first_name_a_job_title_is_not_a_surname() -> None:
    found = _found("Dr Anna Consultant Paediatrician at the hospital saw her.")
    assert "Anna" in found and not any("Consultant" in f for f in found), found


@pytest.mark.parametrize(
    ("text", "firm"),
    [
        ("He was working at Pickering Bros Salvage on Lowmoor Road.", "Pickering Bros Salvage"),
        ("LOCATION: PICKERING BROS SALVAGE, LOWMOOR ROAD", "PICKERING BROS SALVAGE"),
        ("Paid cash by Dunne & Sons Groundworks for labouring.", "Dunne & Sons Groundworks"),
        ("CHILD DRIVEN HOME BY NORTHGATE COURIERS LTD.", "NORTHGATE COURIERS LTD"),
    ],
)
def test_a_family_firm_and_a_company_in_capitals_are_found_whole(text: str, firm: str) -> None:
    assert any(firm in found for found in _found(text)), _found(text)


def test_a_log_in_capitals_before_a_company_keeps_its_own_words() -> None:
    text = "RETURNED TO THE HOME BY NORTHGATE COURIERS LTD."
    once = redact(text).text
    assert once.startswith("RETURNED TO THE HOME BY ") and "NORTHGATE" not in once, once


def test_a_brothers_address_in_capitals_is_no_firm() -> None:
    assert "BROTHERS" in redact("WENT TO HIS BROTHERS ADDRESS LAST NIGHT.").text


@pytest.mark.parametrize("given", ["Seán", "Zoë", "Łukasz"])
def test_an_accented_given_name_before_another_and_a_surname_in_capitals_is_found_in_one_reading(
    given: str,
) -> None:
    once = redact(f"Father - {given} Patrick DOYLE, DOB 11/11/1980, currently in custody.").text
    assert given not in once and "DOYLE" not in once, once
    assert find_spans(once) == [], once


@pytest.mark.parametrize(
    "text",
    [
        "This publication is licensed under the terms of the Open Government Licence v3.0 except where stated.",
        "Under Working Together 2023 the partners decide.",
    ],
)
def test_a_public_title_with_its_year_or_version_stays(text: str) -> None:
    assert redact(text).text == text


@pytest.mark.parametrize(
    ("text", "job", "name"),
    [
        ("Escalated to Head of Service Marion Thwaite the same day.", "Head of Service", "Marion Thwaite"),
        ("Present: Head of Centre Gareth Pryce (chair).", "Head of Centre", "Gareth Pryce"),
        ("Victim contact is through VLO Karen Crossley.", "VLO", "Karen Crossley"),
        ("Attendees: Mother; AIO Rukhsana Begum; SW Tom Platt.", "AIO", "Rukhsana Begum"),
    ],
)
def test_a_job_before_a_name_stays_and_the_name_goes(text: str, job: str, name: str) -> None:
    once = redact(text).text
    assert job in once and name not in once, once


@pytest.mark.parametrize(
    "text",
    [
        "Gemma Royle (GR) - Site Manager, Hollin Lane caravan site",
        "Dean Parr (DP), Approved Premises Manager, Brook House",
        "Tariq Aziz (Polish community link worker) attended.",
    ],
)
def test_a_word_that_starts_a_jobs_name_stays(text: str) -> None:
    once = redact(text).text
    for word in ("Site Manager", "Approved Premises Manager", "Polish community link worker"):
        if word in text:
            assert word in once, once


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Present:\nFS Freya Sutton, named midwife\nKB Kim Bright, HV", ("FS", "KB")),  # her own initials
        ("Family: WARD Martin Joseph (father), DOB 01/02/1985.", ("WARD", "Martin")),
        ("Seen by Dil Bahadur Gurung, the uncle, at the flat.", ("Dil", "Gurung")),
        ("Hope support worker Kelly Ames visited.", ("Kelly",)),
    ],
)
def test_initials_surnames_and_names_before_a_full_name_or_a_job_still_go(
    text: str, gone: tuple[str, ...]
) -> None:
    once = redact(text).text
    for part in gone:
        assert part not in once, once


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("999 FROM FEMALE IWONA KRAWCZYK AT THE ADDRESS, STATES PARTNER HAS LEFT.", "FEMALE", "KRAWCZYK"),
        ("LOCATED WITH ADULT MALE DARREN PRITCHETT DOB 08/08/1999.", "ADULT MALE", "PRITCHETT"),
        ("CALL FROM CALLER MAUREEN TIGHE. TRANSCRIPT FOLLOWS.", "CALLER", "TIGHE"),
    ],
)
def test_a_logs_word_for_who_someone_is_before_their_name_stays(text: str, kept: str, gone: str) -> None:
    once = redact(text).text
    assert kept in once and gone not in once, once


def test_a_service_named_in_capitals_with_a_role_word_inside_is_redacted_whole() -> None:
    once = redact("REFERRED TO HOLLINGTON YOUTH JUSTICE SERVICE AND TAMBRIDGE POLICE.").text
    assert "HOLLINGTON" not in once and "TAMBRIDGE" not in once, once


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("Present: PS (chair – Pria Sandhu, DSCP), KO (DS Okafor).\n\nPS: the death was unexpected.", "PS"),
        ("Present: AN (Dr Nwachukwu, paediatrician).\n\nAN: injuries consistent with a fall.", "AN"),
        ("Present: PO (Paddy O'Rourke, DSL), JF (nursery).\n\nPO: two earlier referrals.", "PO"),
    ],
)
def test_initials_the_bracket_after_them_names_are_that_persons_wherever_they_stand(
    text: str, letters: str
) -> None:
    once = redact(text).text
    assert letters not in once, once


def test_a_jobs_letters_before_a_bracket_that_names_its_holder_further_in_stay_the_job() -> None:
    once = redact(
        "School: DSL GP (NB Gavin Pell, not the GP) – on a part-time timetable. The GP saw him."
    ).text
    assert "The GP saw him" in once and "Gavin" not in once, once


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Attends Thornbury Middle (Year 7) since September.", "Thornbury"),
        ("The family live on a narrowboat moored at bridge 57 most of the winter.", "57"),
        ("She has moved into mooring 12, Reed Quay, with her partner.", "12"),
        ("LIVES IN BARN 4 AT THE FARM WITH HIS FATHER.", "BARN 4"),
    ],
)
def test_a_middle_school_a_canal_mooring_and_a_barn_by_number_are_redacted(text: str, gone: str) -> None:
    once = redact(text).text
    assert gone not in once, once


@pytest.mark.parametrize(
    "text", ["Risk rated Very High; Middle of the road otherwise.", "Moved to bay 3 on the ward overnight."]
)
def test_a_rating_and_a_wards_bay_stay(text: str) -> None:
    assert redact(text).text == text


def test_a_role_after_a_labels_letter_and_a_full_stop_stays() -> None:
    # Found by scoring set 65 (written blind): "Band C." ends a sentence, and "Mother's" starts the next.
    text = "Family applied to the housing register. Band C. Mother's email is on the form."
    assert redact(text).text == text
