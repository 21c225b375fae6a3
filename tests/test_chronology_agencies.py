"""Agency names: every variant maps to one canonical name; unknown agencies are kept, never dropped."""

from __future__ import annotations

import pytest

from assistant.chronology.agencies import CANONICAL_AGENCIES, is_agency_alias, known_agency, normalise_agency


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("CSC", "Children's Social Care"),
        ("Children's Services", "Children's Social Care"),
        ("Children’s Services", "Children's Social Care"),
        ("Social Care", "Children's Social Care"),
        ("Childrens Social Care", "Children's Social Care"),
        ("children's social care (CSC)", "Children's Social Care"),
        ("HV", "Health Visiting"),
        ("Health Visitor", "Health Visiting"),
        ("Health Visiting", "Health Visiting"),
        ("GP", "GP"),
        ("GP Practice", "GP"),
        ("Oak Lane Medical Centre", "GP"),
        ("ED", "Emergency Department"),
        ("A&E", "Emergency Department"),
        ("A & E", "Emergency Department"),
        ("Emergency Department", "Emergency Department"),
        ("Royal Infirmary ED", "Emergency Department"),
        ("MASH", "MASH"),
        ("Police", "Police"),
        ("West Midlands Police", "Police"),
        ("Midwifery", "Midwifery"),
        ("MW", "Midwifery"),
        ("Community Midwife", "Midwifery"),
        ("School", "Education"),
        ("Education", "Education"),
        ("St Anne's Primary School", "Education"),
        ("CAMHS", "CAMHS"),
        ("Ambulance", "Ambulance Service"),
        ("EMAS", "Ambulance Service"),
        ("NWAS", "Ambulance Service"),
        ("East Midlands Ambulance Service", "Ambulance Service"),
        ("Probation", "Probation"),
        ("YJS", "Youth Justice"),
        ("YOT", "Youth Justice"),
        ("Youth Justice", "Youth Justice"),
        ("ASC", "Adult Social Care"),
        ("Adult Social Care", "Adult Social Care"),
        ("Housing", "Housing"),
        ("DA service", "Domestic Abuse Service"),
        ("IDVA", "Domestic Abuse Service"),
        ("Early Help", "Early Help"),
        ("NHS 111", "NHS 111"),
        ("Hospital", "Hospital"),
        ("Children's Centre", "Children's Centre"),
        ("Paediatrics", "Paediatrics"),
        ("Community Paediatrician", "Paediatrics"),
        ("Substance misuse service", "Substance Misuse Service"),
        ("Mental health", "Mental Health"),
        ("CMHT", "Mental Health"),
        ("Perinatal mental health", "Mental Health"),
        ("  hv  ", "Health Visiting"),
    ],
)
def test_variants_normalise_to_canonical(text: str, canonical: str) -> None:
    assert canonical in CANONICAL_AGENCIES
    assert normalise_agency(text) == canonical


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Fire Service", "Fire Service"),
        ("fire  service", "Fire Service"),
        ("NSPCC", "NSPCC"),
        ("barnardo's", "Barnardo's"),
        ("School Nurse", "School Nurse"),
    ],
)
def test_unknown_agencies_are_kept_as_written(text: str, kept: str) -> None:
    assert known_agency(text) is None
    assert normalise_agency(text) == kept


def test_joint_entries_keep_every_agency() -> None:
    assert normalise_agency("Police / CSC") == "Police / Children's Social Care"
    assert normalise_agency("Police and HV") == "Police / Health Visiting"
    # An unknown agency in a joint entry is kept, not lost to the known one beside it.
    assert normalise_agency("Police / Fire Service") == "Police / Fire Service"
    assert normalise_agency("Police, CSC and HV") == "Police / Children's Social Care / Health Visiting"
    assert normalise_agency("Accident and Emergency Department") == "Emergency Department"
    assert normalise_agency("Drug and alcohol service") == "Substance Misuse Service"


def test_empty_agency_is_none() -> None:
    assert normalise_agency("") is None
    assert normalise_agency("   ") is None


def test_exact_alias_check_is_strict() -> None:
    assert is_agency_alias("HV")
    assert is_agency_alias("Children's Services")
    assert not is_agency_alias("Mother told police")
    assert known_agency("Mother") is None
