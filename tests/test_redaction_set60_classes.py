"""A bug found by redacting set 60 (written blind) twice, and the role words and false alarms that sets 58-60 showed,
each on invented text: a case that the redactor of 35d8750 got wrong, and a guard that what should stay, stays."""

from __future__ import annotations

from assistant.privacy.redaction import find_spans, redact


def test_a_house_before_a_farm_and_its_road_is_one_address_found_in_one_reading() -> None:
    text = "Home: Shepherd's Cottage, Top Hollow Farm, Long Drove, Sibton, IP17 2LE\nGP: the practice"
    once = redact(text)
    assert "Shepherd" not in once.text and "Hollow" not in once.text, once.text
    assert find_spans(once.text) == [], once.text


def test_a_place_and_a_head_teacher_after_it_are_not_one_address() -> None:
    text = "04/09/23 – Phone call from Elmwood Hill Head confirming the suspension."
    assert "Head confirming" in redact(text).text


def test_a_dotted_initial_before_a_verb_that_opens_the_next_sentence_leaves_the_verb() -> None:
    text = "09/03/23 – The DSL spoke to Z. Says her cousin collects her from the gate."
    found = [text[s.start : s.end] for s in find_spans(text)]
    assert "Z." in found and not any("Says" in f for f in found), found


def test_a_role_word_listed_in_quotes_after_a_name_in_quotes_stays() -> None:
    text = 'Practitioners knew him as "Kieran" or "Dad"; none knew of his conviction.'
    once = redact(text).text
    assert "Kieran" not in once and '"Dad"' in once, once


def test_a_childs_label_as_a_speaker_in_a_message_thread_stays() -> None:
    text = (
        "12/01/2024 20:03 – Child T: hooyo do u know about the move\n"
        "20:40 – Hooyo: what move\n"
        "20:41 – Child T: they r taking me away\n"
        "20:42 – Teklay G: ok"
    )
    once = redact(text).text
    assert once.count("Child T:") == 2 and "Teklay" not in once, once


def test_a_note_in_brackets_after_a_platform_is_no_profile_name() -> None:
    text = "Snapchat (recovered by Mother from Kacey's tablet):\n03/02/2024 deanoo.m: hi"
    once = redact(text).text
    assert "recovered by Mother from" in once and "deanoo" not in once, once


def test_public_titles_places_and_systems_read_as_names_by_any_reader_stay() -> None:
    text = (
        "The family moved from Hong Kong in 2021. Imms up to date. Referred to the NRM; the UASC team and the "
        "GLAA were told. Datix raised; Arbor shows 91% attendance. She is Gillick competent and the age "
        "assessment was Merton-compliant. Modern Slavery referral made; the Forced Marriage Unit was contacted."
    )
    assert redact(text).text == text


def test_a_person_whose_name_shares_a_public_titles_words_is_still_redacted() -> None:
    text = "Kong Wai-man (Father) and Hong Lei (Mother) moved to Leeds; Mr Gillick-Hart was the landlord."
    once = redact(text).text
    assert "Wai-man" not in once and "Lei" not in once and "Gillick-Hart" not in once, once
