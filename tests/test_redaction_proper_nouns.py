"""Proper nouns no list knows: a capitalised word that is no English word, no listed name and no public name
is somebody's or some place's own name, and the capitalised run around it a service's (proper_nouns.py).
Every name, place and service here is invented for these tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.privacy import redact
from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.names import Tokens
from assistant.privacy.redaction import find_spans
from assistant.privacy.words import data_lines, first_names, fold, is_vocabulary, surnames
from tests.fakes.redaction import covered, kinds_of


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("The family moved to a flat in Quarrendale last spring.", "Quarrendale", EntityKind.ADDRESS),
        ("Mother said Brisketh had never hit the baby.", "Brisketh", EntityKind.PERSON),
        ("Ndukwe was not at home when the police called.", "Ndukwe", EntityKind.PERSON),
        ("A referral was made to Tollemere Early Help.", "Tollemere Early Help", EntityKind.ORG),
        ("She was taken to Vardley Police Station overnight.", "Vardley Police Station", EntityKind.ORG),
        ("The school nurse from Tennick & Oldwell Community Health saw him.", "Tennick & Oldwell Community Health",
         EntityKind.ORG),
        ("He now attends Pellowby Brook Academy.", "Pellowby Brook Academy", EntityKind.SCHOOL),
        ("Registered with The Mill Brook Practice since birth.", "The Mill Brook Practice", EntityKind.GP_PRACTICE),
        ("He attends The Orchard Pupil Referral Unit.", "The Orchard Pupil Referral Unit", EntityKind.SCHOOL),
        ("She lives at Riverside House, Quarrendale now.", "Riverside House, Quarrendale", EntityKind.ADDRESS),
        ("01:15 LOG CLOSED BY SGT 1150 TRENWITH.", "1150", EntityKind.REFERENCE),
        ("GP: Dr Ndukwe & Partners.", "Ndukwe & Partners", EntityKind.GP_PRACTICE),
        ("Crime numbers 4403118/24 and 4409902/24 were linked.", "4403118/24", EntityKind.REFERENCE),
        ("She was moved to Curlew Ward overnight.", "Curlew Ward", EntityKind.ORG),
        ("PC Joel Tennant (5521) and PC Ola Ayodele (WM 8842) attended.", "5521", EntityKind.REFERENCE),
        ("PC Joel Tennant (5521) and PC Ola Ayodele (WM 8842) attended.", "WM 8842", EntityKind.REFERENCE),
        ("Police (DC Hollis, collar RB7782) attended.", "RB7782", EntityKind.REFERENCE),
        ("A missing report was made (MISPER 24-00187).", "24-00187", EntityKind.REFERENCE),
        ('He messaged them on FIFA as "StrikerJonno88".', "StrikerJonno88", EntityKind.HANDLE),
        ("The London Borough of Tower Hamlets wrote.", "London Borough of Tower Hamlets", EntityKind.ORG),
        ("She was admitted to University Hospital Coventry.", "University Hospital Coventry", EntityKind.ORG),
        ("The family moved to Reading in 2021.", "Reading", EntityKind.ADDRESS),
        ("They then moved to the Isle of Wight.", "Isle of Wight", EntityKind.ADDRESS),
        ("The referral went to Quarrendale YJS on Monday.", "Quarrendale YJS", EntityKind.ORG),
        ("He left Pellowby School of Arts & Crafts in 2022.", "Pellowby School of Arts & Crafts", EntityKind.SCHOOL),
        ("She moved to Tollemere Academy for Girls in Y7.", "Tollemere Academy for Girls", EntityKind.SCHOOL),
        ("A pupil at Brisketh Hill Infant & Junior.", "Brisketh Hill Infant & Junior", EntityKind.SCHOOL),
        ("NWAS conveyed him to the RVI.", "NWAS", EntityKind.ORG),
        ("NWAS conveyed him to the RVI.", "RVI", EntityKind.ORG),
        ("A crew from North West Ambulance Service attended.", "North West Ambulance Service", EntityKind.ORG),
        ("Seen by Quarrendale Partnership NHS FT.", "Quarrendale Partnership NHS FT", EntityKind.ORG),
        ("Born at University Hospital of North Tollemere.", "University Hospital of North Tollemere", EntityKind.ORG),
        ("LOCATION: QUARRENDALE. UNITS ATTENDED.", "QUARRENDALE", EntityKind.ADDRESS),
        ('| Tunmise "Tee" Brisketh | 15 | child |', 'Tunmise "Tee" Brisketh', EntityKind.PERSON),
        ("Leah Ó Ndukwáin attended with Mr Ó Brisketh.", "Leah Ó Ndukwáin", EntityKind.PERSON),
        ("Leah Ó Ndukwáin attended with Mr Ó Brisketh.", "Ó Brisketh", EntityKind.PERSON),
        ("They attend Quarrendale Methodist Church on Sundays.", "Quarrendale Methodist Church", EntityKind.ORG),
        ("[21:04] me: meet at 31 quarrendale rd at 9", "31 quarrendale rd", EntityKind.ADDRESS),
    ],
)  # fmt: skip
def test_each_identifier_is_found_with_its_kind(text: str, value: str, kind: EntityKind) -> None:
    assert kinds_of(text).get(value) is kind, redact(text).text


def test_a_place_keeps_one_placeholder_wherever_it_is_named() -> None:
    text = "They lived in Quarrendale until 2023. Quarrendale is where the grandmother still lives."
    result = redact(text).text
    place = re.search(r"lived in (ADDRESS_[0-9]+) until", result)
    assert place and result.count(place.group(1)) == 2, result


def test_a_surname_found_alone_is_found_at_every_mention() -> None:
    text = "Ndukwe drove the car. Later Ndukwe denied it, and Ndukwe's account changed."
    assert "Ndukwe" not in redact(text).text


@pytest.mark.parametrize(
    "text",
    [
        "The family came from Romania and later lived in Bucharest and Manchester.",
        "He plays Roblox and Fortnite on his Xbox, and talks to friends on Snapchat.",
        "Officers on scene. Susp made off towards the park. Loc: not known.",
        "They went to the local mosque and the Catholic Church; we walked 3 of the way home.",
        "The interpreter spoke Pahari; messages were on Zalo and WeChat; notes are on Delius.",
        "Mother was prescribed Sertraline; the baby was given Calpol.",
        "A silver Vauxhall Corsa and a Kia Picanto were seen.",
        "Visits were on Tues and Thurs, and on Fridays after school.",
        "I've seen the Co-accused. Pre-sentence reports were due.",
        "Two LADOs and the MARAC chair met the CAMHS lead.",
        "The baby slept in a Moses basket beside the bed.",
        "The Referrer said the Attendees agreed.",
    ],
)
def test_ordinary_words_public_names_and_acronyms_stay(text: str) -> None:
    assert redact(text).text == text


def test_a_job_title_before_a_name_stays() -> None:
    text = "Seen by Paediatric Liaison Nurse Oriel Tansworth and the registrar."
    result = redact(text).text
    assert result.startswith("Seen by Paediatric Liaison Nurse PERSON_1 and"), result


def test_a_role_after_a_name_stays() -> None:
    text = "Brisketh Mother was listed on the form; Quarrendale Health Visitor was not."
    result = redact(text).text
    assert "Mother was listed" in result and "Brisketh" not in result, result


def test_a_surname_in_a_police_log_in_capitals() -> None:
    text = "23:10 UNITS ON SCENE PC 4120 TRENWITH. 23:40 OKAFOR-DENBY DETAINED."
    assert covered(text, "TRENWITH") and covered(text, "OKAFOR-DENBY"), redact(text).text


def test_the_vocabulary_test() -> None:
    assert not is_vocabulary("Quarrendale") and not is_vocabulary("Ndukwe")
    assert is_vocabulary("Cuckooed") and is_vocabulary("Co-accused") and is_vocabulary("I'll")
    assert is_vocabulary("Somalia") and is_vocabulary("TikTok") and is_vocabulary("Weds")


# A text of words, apostrophes, hyphens, digits and spaces, and spans over it.
_TEXT = st.text(alphabet="aAbZ'- 1.\n", min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=8))
def test_masked_tokens_are_the_tokens_of_the_masked_text(text: str, cuts: list[int]) -> None:
    points = sorted({c for c in cuts if c <= len(text)})
    spans = [
        Span(a, b, EntityKind.PERSON, "") for a, b in zip(points[::2], points[1::2], strict=False) if a < b
    ]
    masked = list(text)
    for span in spans:
        masked[span.start : span.end] = "\x00" * (span.end - span.start)
    masked_text = "".join(masked)
    derived = Tokens(text).masked(masked_text, spans)
    fresh = Tokens(masked_text)
    assert [(t.start, t.end, t.text, t.cls) for t in derived.items] == [
        (t.start, t.end, t.text, t.cls) for t in fresh.items
    ]


def test_words_that_only_describe_name_no_practice_and_two_people_stay_two() -> None:
    text = "The Local Practice and The Child Safeguarding Practice Review Panel read the reviews."
    assert redact(text).text == text
    named = redact("The reviews of Ariel Quennock-Tarr and Jovan Brisketh were read.")
    assert [e.placeholder for e in named.entities] == ["PERSON_1", "PERSON_2"], named.text


def test_a_name_found_is_found_again_in_lower_case_in_messages() -> None:
    text = "Mikey Brisketh was seen. Texts: mikey said he was at ndukwes. Molly Ndukwe denied it. rose came."
    result = redact(text).text
    assert "mikey" not in result and "ndukwes" not in result and "rose came" in result, result


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        # a listed first name in lower case is a name even when found nowhere else; English words stay
        ("[21:04] me: is freya coming or wot. tell kierans mum\n[21:05] will said hope is fine, shay knows",
         "[21:04] me: is PERSON_1 coming or wot. tell PERSON_2 mum\n[21:05] will said hope is fine, shay knows"),
        # a name alone in a police log's capitals goes; its verb and the log's abbreviations stay
        ("02:10 BRISKETH ARRESTED AT SCENE. NDUKWE NOT PRESENT.\n03:00 OFFICERS ATTENDED, ARRD AND DETD, NFA.",
         "02:10 PERSON_1 ARRESTED AT SCENE. PERSON_2 NOT PRESENT.\n03:00 OFFICERS ATTENDED, ARRD AND DETD, NFA."),
    ],
)  # fmt: skip
def test_names_written_in_messages_and_logs(text: str, redacted: str) -> None:
    assert redact(text).text == redacted


def test_a_short_form_of_a_found_name_in_lower_case_in_a_message() -> None:
    result = redact("Ilsabeth Brisketh was seen. [21:04] me: ilsa u ok? tell ilsas mum").text
    assert "ilsa" not in result, result


def test_names_listed_in_quotes_after_a_name_and_their_later_use() -> None:
    text = (
        'Tunmise Olaoluwa Brisketh ("TO", "Tunz"), born in 2011.\n'
        "| 21/09/2023 | Pastoral | TO seen getting into a car. Tunz said no.\n"
        'Ofsted rated the school "Good", "Outstanding" before.'
    )
    result = redact(text).text
    assert "TO seen" not in result and "Tunz" not in result, result
    assert '"Good", "Outstanding"' in result, result


def test_a_found_street_or_place_written_again_in_lower_case_in_a_message() -> None:
    text = "They live at 22 Quarrendale Road, Brisketh Green. [20:01] me: at quarrendale rd now, near brisketh green."
    result = redact(text).text
    assert "quarrendale" not in result and "brisketh" not in result, result
    assert redact("The road was busy; the green was wet.").text == "The road was busy; the green was wet."


def test_family_words_in_other_languages_and_great_aunts_are_roles() -> None:
    text = "Papai and Mamãe came with Maternal Great-Aunt Ilse Brisketh; the EWO and her Nain were told."
    assert (
        redact(text).text
        == "Papai and Mamãe came with Maternal Great-Aunt PERSON_1; the EWO and her Nain were told."
    )
    assert kinds_of("Her Curlew Ward nurse, the Children's Ward and Labour Ward.") == {
        "Curlew Ward": EntityKind.ORG
    }


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("Hooyo said that Brisketh was at the mosque.", "Hooyo said that PERSON_1 was at the mosque."),
        ("Khala Ilse Brisketh collected the children from Dadi.", "Khala PERSON_1 collected the children from Dadi."),
        ("The child stayed with Babcia and Wujek most weekends.", "The child stayed with Babcia and Wujek most weekends."),
        ("Mătușa and Bunica both said Ndukwe drank.", "Mătușa and Bunica both said PERSON_1 drank."),
        ("Anneanne and Teyze took turns with the baby.", "Anneanne and Teyze took turns with the baby."),
        ("He called his Nainai and his Ayi after school.", "He called his Nainai and his Ayi after school."),
        ("Mumma and Tanty Ilse were at the flat.", "Mumma and Tanty PERSON_1 were at the flat."),
        ("Dadi-ji and Kak Rebaz spoke Pahari and Sorani.", "Dadi-ji and Kak PERSON_1 spoke Pahari and Sorani."),
        ("Reading the file, Bath time was late.", "Reading the file, Bath time was late."),
        ("Puri Dai and the chavvies stayed; Tete and Bhua ji came.", "Puri Dai and the chavvies stayed; Tete and Bhua ji came."),
        ("Por Por and Ah Yeh looked after him.", "Por Por and Ah Yeh looked after him."),
    ],
)  # fmt: skip
def test_family_words_in_the_languages_families_speak_stay(text: str, redacted: str) -> None:
    assert redact(text).text == redacted


def test_a_family_word_that_is_also_a_listed_name_is_a_name() -> None:
    # "Anne" is Turkish for mother and a first name: a name wins, as redacting a role costs less than leaking a name.
    assert "Anne" not in redact("Anne Brisketh attended the strategy meeting.").text


def test_no_family_word_in_another_language_is_a_listed_name() -> None:
    listed = first_names() | surnames()
    words = [word for line in data_lines("family_words.txt") for word in line.split()]
    assert [word for word in words if fold(word) in listed] == []
    assert all(word.isalpha() for word in words)  # each is a pattern as it stands


@pytest.mark.parametrize(
    "text",
    [
        # a run must not take the letters of a postcode, or its town is found only once the postcode is gone
        "Property: 2 Keepers Row, off Moss Lane, Upper Quarrendale, near Brisketh CA17 4NB.",
        # a run over a street found with its number keeps the town after it
        "A trap house at 58 Ropery Lane, Tollemere-on-Sea LN12 1QZ is linked.",
        # "(Sister PERSON_7)" once redacted must not make the word before it a name
        "04/03/24 18:52 Triage (Sister Ndukwe). Obs stable.",
    ],
)
def test_what_redact_produces_trips_nothing_the_second_time(text: str) -> None:
    once = redact(text)
    assert find_spans(once.text) == [], once.text
    assert once.restore(once.text) == text
