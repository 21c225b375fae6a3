"""Initials that stand for a person because the text says so, whatever the letters are.

Minutes and logs name staff by their initials: "SK (Chair, Team Manager)", "two social workers (GH and PO)",
"Key: CT = Chanel Tiffin", and pupils by dotted initials ("Y8 girls P.T. and K.C."). Letters alone say
nothing (CT is also a scan), so each rule needs what the writer put beside them: a person's role in brackets
after them, a role before them in brackets, a key spelling them out, or dots between them. Once the text has
declared initials a person's, every other mention of them is that person too ("SK summarised").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache

from assistant.lexicon import AGE_UNIT
from assistant.privacy.kinds import MASK, EntityKind, Span
from assistant.privacy.names import after_letter_label, is_sentence_start
from assistant.privacy.normalise import among_capitals, joined_before, matches_near, same_length_lower
from assistant.privacy.words import (
    ACRONYMS,
    FAMILY_ROLES,
    FAMILY_WORDS,
    FUNCTION_WORDS,
    JOB_HEADS,
    KIN_TITLES,
    NOT_INITIALS,
    NOTE_ABBREVIATIONS,
    PARTICLES,
    PERSON_VERBS,
    PROFESSIONAL_ROLES,
    ROLE_WORDS,
    can_be_initials,
    common_words,
    fold,
    is_job_letters,
    is_role_abbreviation,
    is_vocabulary,
    not_after_each,
    surnames,
    trie,
    word_set,
)

# Roles written as initials ("HV", "DSL", "MGM"): letters that name a job, not the person doing it.
_ROLE_INITIALS = frozenset(
    w for w in re.split(r"[|\s\-?]", f"{FAMILY_ROLES}|{PROFESSIONAL_ROLES}") if len(w) >= 2 and w.isupper()
)
_LETTERS = r"(?:[A-Z]{2,3}|[A-Z]{2}[a-z])"  # "SBu": a second letter of the surname tells two apart
# "SK (Chair, Team Manager, ...)", "FN (Named Doctor)": the bracket's first part is read.
_INITIALS_THEN_ROLE = re.compile(rf"(?P<ini>{_LETTERS})[ ]\((?P<what>[^()\n]{{2,80}})\)")
# "two social workers (GH and PO)", "the health visitor (CT)": up to three words before the bracket.
_INITIALS_IN_BRACKETS = re.compile(
    rf"[ ]\((?P<inis>{_LETTERS}(?:(?:[ ]and[ ]|[ ]&[ ]|,[ ]?)(?:{_LETTERS}))*)\)"
)
# A job in letters that only one person holds in a meeting's or a log's list (not "CP", "PC" or "GP", which also
# name a process, a rank used as a title or a practice).
_ONE_PERSONS_LETTERS = word_set("HV SW SN DSL DDSL MW TM FSW IDVA ISVA EWO IRO CPN SENCO LADO YOT PO TLO")
_ROLE_BEFORE = re.compile(r"[A-Za-z][\w\-]*(?:[ ][A-Za-z][\w\-]*){0,2}$")
# "CM (co-resident)", "ZH (brother)", "IH (Chacha)": letters with what the person is to the child or the household.
_INITIALS_THEN_KIN = re.compile(r"(?<![\w'&/.\-])(?P<ini>[A-Z]{2,3})[ ]\((?P<kin>[A-Za-z][a-z\-]+)\)")
# Not an offence against whom ("s.18 GBH (child)", "s47 ABH (Mother)").
_HOUSEHOLD_WORDS = (
    FAMILY_WORDS | word_set("co-resident resident housemate flatmate roommate classmate")
) - word_set("child children baby infant")
_OFFENCE_LETTERS = word_set("gbh abh")
# "Key: HW = Hollie Wragg; CT = Chanel Tiffin": the name after spells the letters.
_KEYED = re.compile(r"(?P<ini>[A-Z]{2,4}[a-z]?)[ ]?[=:][ ]?(?P<name>[A-Z][\w'\-]+(?:[ ][A-Z][\w'\-]+){1,3})")
# "Gaz = Gary Pocklington", "Dec = Declan Moss": a key that gives the short form a name goes by.
_KEYED_SHORT_FORM = re.compile(r"(?P<short>[A-Z][a-z]{1,8})[ ]?=[ ]?(?P<name>[A-Z][a-z'\-]+)[ ][A-Z]")
# ... or a note under a chat that glosses who a short form is: '"aggie" = Agnieszka', 'Chi = Chioma.'
_GLOSSED_SHORT_FORM = re.compile(
    r"(?:(?<=[\[(;:.,] )|(?<=^))(?P<q>[\"“]?)(?P<short>[A-Za-z][a-z]{1,9})(?P=q)?[ ]?=[ ]?(?P<name>[A-Z][a-z'\-]{2,})"
    r"(?=[ ]?[;.,)\]]|[ ][A-Z])",
    re.MULTILINE,
)
# ... or says in words who a quoted short form is: '"ty" is understood to be Tyrese BAILEY', '"dee" means Denisa'.
_SAID_SHORT_FORM = re.compile(
    r"[\"“](?P<short>[A-Za-z][a-z]{1,9})[\"”][ ](?:(?:is|was)[ ](?:(?:understood|believed|thought|known)[ ]to[ ]be"
    r"|probably|likely)|(?:I|we)[ ](?:think|believe)[ ](?:is|was)|means|meant|refers[ ]to|=)[ ](?P<name>[A-Z][a-z'\-]{2,})"
)
# The writer's own initials, said once: "(OT = me)", "NK = me": hers wherever they stand, though a job's too.
_SELF_KEYED = re.compile(r"(?P<ini>[A-Z](?<!\w.)[A-Z]{1,2})[ ]?=[ ]?(?:me|myself|author|the author)\b")
# ... or in brackets after them: "18:10 AB (me) on shift".
_SELF_BRACKETED = re.compile(r"(?P<ini>[A-Z](?<!\w.)[A-Z]{1,2})[ ]\((?:me|myself|author|writer)\)")
# ... or says in words which letters sign its entries ('My entries are "BA".', "my initials are ST").
_SELF_DECLARED = re.compile(
    r"\b(?i:my|our)[ ](?i:entries|initials|notes)[ ](?:are|as)[ ](?:(?:signed|marked)[ ])?[\"“']?(?P<ini>[A-Z]{2,3})\b"
)
# Where a match can start (found in the lowercase copy): with its \b first, re would try every character.
_SELF_DECLARED_WORDS = ("my entries", "my initials", "my notes", "our entries", "our initials", "our notes")
# A nickname the note says is one: '"sumi" is the family nickname', '"Bubs" is his pet name'.
_SAID_NICKNAME = re.compile(
    r"[\"“](?P<short>[A-Za-z][a-z]{1,9})[\"”][ ](?:is|was)[ ](?:(?:the|her|his|their|a)[ ])?(?:family(?:'s)?[ ])?"
    r"(?:nickname|nick[ ]name|pet[ ]name|name[ ](?:she|he|they)[ ](?:goes|go|went)[ ]by)\b"
)
# Letters followed by an age in brackets: "ZR (8)", "RRM (3)", "KG (9m)", "TJ (14 yrs)". In the development sets
# every one of the 20 is a person's.
_LETTERS_WITH_AGE = re.compile(
    r"(?P<ini>[A-Z]{2,4})(?=[ ]\([0-9]{1,2}(?:[ ]?(?:m|mths?|months?|y|yrs?|years?|yo|wks?|weeks?))?\))"
)
# "Uncle DD", "her cousin TJ": letters straight after a family word are what the family calls him.
_KIN_LETTERS = re.compile(rf"(?P<ini>{_LETTERS})(?![\w\-'&/]|\.[A-Za-z])")
_KIN_WORD = re.compile(trie(KIN_TITLES) + "[ ]")
# "P.T. and K.C.", "girl A.B.": two or three dotted capitals alone; "L. W." as a form or a letter spaces them.
_DOTTED = re.compile(r"[A-Z]\.(?:[ ]?[A-Z]\.){1,2}(?![\w\-]|[.][A-Za-z])")
_MARKS = "_.-'&/"  # what runs into initials before them ("A&E", "S/W")


# Dotted letters that are abbreviations, not people ("a.m.", "N.B.", "i.e.", "D.O.B.").
_DOTTED_WORDS = word_set(
    "am pm nb eg ie ps uk us usa eu un rip dob nfa aka asap ok tv ad bc ma ba st vs etc cc"
)


def _bare(ini: str) -> str:
    """Initials without their dots, hyphens and apostrophes ("K.M-F." -> "KMF")."""
    return _INITIAL_MARKS.sub("", ini)


_INITIAL_MARKS = re.compile(r"[.\-']")


def _heads(words: list[str]) -> str:
    return "".join(w[:1] for w in words).upper()


def _a_persons_role(phrase: str) -> list[str] | None:
    """The phrase's words if its last names a job one person does ("Named Doctor", "social workers")."""
    if MASK in phrase:
        return None  # "HCP (RN PERSON_9)" read again: a name was there ("RN Jo Bloggs"), so no role alone
    words = re.findall(r"[A-Za-z][\w\-]*", phrase)
    if not words:
        return None
    head = fold(words[-1])
    if head not in JOB_HEADS and not (head.endswith("s") and head[:-1] in JOB_HEADS) and head not in _ONE_OF:
        return None
    return words


# One of a group, named by letters in brackets: "Staff (AB) rang him", "a team member (JK)".
_ONE_OF = word_set("staff member")


def _letters_can_be_someone(ini: str) -> bool:
    return fold(ini) not in FUNCTION_WORDS and ini not in _ROLE_INITIALS


# A case note's author after its date stamp (and time), then a dash: "03/04/2024 10:15 RT - Walk-in", "05.04.24
# DO'B - Kwame phoned" (the matching copy makes an en dash a hyphen; the date is blanked out, \x00, by now).
_AUTHOR_AFTER_STAMP = re.compile(
    r"^[ \t]{0,4}(?:[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}|\x00+)(?P<time>[ ,]{1,2}[0-9]{1,2}[:.][0-9]{2})?[ ]{1,3}(?P<dash>-[ ]{1,2})?"
    # two letters; three are more often a service or a kind of entry ("BTP -", "14/09/2022 TET - home visit"),
    # unless a dash sets them apart from the stamp too and they sign two entries or more ("10:12 - KMF - ")
    r"(?P<ini>[A-Z]{2,3}|[A-Z]{1,2}'[A-Z])[ ]-[ ]",
    re.MULTILINE,
)
# ... or after a dash, before a colon: "04.12.23 - PA: Karwan arrived with a black eye".
_AUTHOR_AFTER_STAMP_DASH = re.compile(
    r"^[ \t]{0,4}(?:[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}|\x00+)(?:[ ,]{1,2}[0-9]{1,2}[:.][0-9]{2})?[ ]{1,2}-[ ]{1,2}"
    r"(?P<ini>[A-Z]{2,3}|[A-Z]{1,2}'[A-Z]):[ ]",
    re.MULTILINE,
)
# ... or straight after the stamp, before a colon: "11/09/2023 JO: PEP meeting", "05/09/2023 BA: Started college".
_AUTHOR_AFTER_STAMP_COLON = re.compile(
    r"^[ \t]{0,4}(?:[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}|\x00+)(?:[ ,]{1,2}[0-9]{1,2}[:.][0-9]{2})?[ ]{1,3}"
    r"(?P<ini>[A-Z]{2,3}):[ ]",
    re.MULTILINE,
)
# A daily log's entries by time alone, each signed by its writer ("08:30 KT - ...", "15:00 RMcG - ..."): three
# letters or a Mc surname's too, when the same writer signs two entries or more (a service is named once).
_AUTHOR_AFTER_TIME = re.compile(
    r"^[ \t]{0,4}[0-9]{1,2}[:.][0-9]{2}[ ]{1,3}(?P<ini>[A-Z]{2,3}|[A-Z]{1,2}'[A-Z]|[A-Z]Ma?c[A-Z])[ ]-[ ]",
    re.MULTILINE,
)

# ... or at the end of each entry, after its last sentence, a dash or in brackets ("Staff to look at lifts. – CB",
# "Advised to keep bottles high up. (RS)"): read only where the same letters end two entries or more, as a log's
# writers sign (one line ending in letters may be an abbreviation, "... discuss at AOB").
_AUTHOR_AT_END = re.compile(
    r"[.!?\"')][ ]{1,3}(?:-[ ]{1,2})?(?P<open>\()?(?P<ini>[A-Z]{2,3})(?(open)\))[ \t]*$", re.MULTILINE
)


# A form's answers and a note's outcomes in capitals: what was found or done, never who wrote it.
_ANSWERS = word_set("yes nfa dna wnb tbc ok nka nad")


# Who wrote, checked or owns a record, by initials: "Notes by AS", "logged by KFe", "(author CW)", "Owner: OFdS."
# Records are written by people, where "referred by" may name a service. Letters that an acronym, a job or a
# little word takes ("logged by SW", "by IT") are that.
_BYLINE = re.compile(
    r"(?:by|uthor|wner|igned)[:]?[ ]{1,2}(?P<ini>[A-Z][A-Za-z'.\-]{1,7})"
    r"(?=[,.;:)]|[ ]?\n|[ ]*$|[ ](?:at|on|and|&|in|to|for|with|via|-)\b)"  # "Dr Okafor", "HEMS doctor" go on
)


# The pattern starts at the cue's tail, a literal the engine skips ahead to; what comes before is checked here.
_BYLINE_CUE = re.compile(
    r"(?:(?:[Nn]otes|[Ll]ogged|[Cc]ompleted|[Ww]ritten|[Rr]ecorded|[Pp]repared|[Dd]rafted|[Cc]hecked|[Mm]inuted"
    r"|[Tt]yped|[Ss]igned|[Ee]ntered)[ ]|[Aa]|[Oo]|[Ss])$"
)


def _bylines(text: str, covered: bytearray) -> set[str]:
    forms: set[str] = set()
    for match in _BYLINE.finditer(text):
        cue = _BYLINE_CUE.search(text, max(0, match.start() - 10), match.start())
        if cue is None or (match.group(0)[:2] == "by") != (cue.end() - cue.start() > 1):
            continue  # "by" after a record's verb; "author", "owner", "signed" whole
        ini = match.group("ini").rstrip(".")  # "Notes by HW." ends a sentence
        letters = _bare(ini)
        if (
            not joined_before(text, cue.start())
            and not covered[match.start("ini")]
            and len(letters) >= 2
            and _INITIALS_SHAPE.fullmatch(ini)
            and can_be_initials(letters)
            and ini not in _ROLE_INITIALS
        ):
            forms.add(ini)
    return forms


def role_initials(text: str, covered: bytearray) -> list[Span]:
    """Initials the text gives a person's role or name beside, and every other mention of them."""
    forms: set[str] = set()
    if " (" in text:
        # Letters that are also an acronym ("CT", "ED") are someone's only in a list of people named so:
        # "LB (Named Nurse), CT (health visitor)", not "seen in ED (paediatric registrar)".
        line_starts = [m.end() for m in re.finditer("\n", text)]
        lines_with_people: set[int] = set()
        acronyms: list[tuple[str, int]] = []
        for match in matches_near(_INITIALS_THEN_ROLE, text, (" (",), reach=3):
            ini = match.group("ini")
            if joined_before(text, match.start(), _MARKS):
                continue
            role = _a_persons_role(match.group("what").split(",")[0])
            # Not the role's own initials ("HV (health visitor)") nor an acronym glossed ("CP (child protection)").
            if not role or ini in _ROLE_INITIALS or ini in _heads(role):
                continue
            line = bisect.bisect_right(line_starts, match.start())
            if fold(ini) in ACRONYMS or fold(ini) in FUNCTION_WORDS:
                # "IT (SW), CP (HV)": letters that are also a word or an acronym, in a list of people's roles,
                # or with nothing but one person's job in letters ("5. PM (HV): Kathleen 11 months"); not a
                # service's after "&" ("UASC & LC (PO)").
                what = match.group("what")
                if what in _ONE_PERSONS_LETTERS and not text.endswith(("& ", "and "), 0, match.start()):
                    forms.add(ini)
                    continue
                acronyms.append((ini, line))
            else:
                forms.add(ini)
                lines_with_people.add(line)
        forms.update(ini for ini, line in acronyms if line in lines_with_people)
        for match in _INITIALS_IN_BRACKETS.finditer(text):
            before = _ROLE_BEFORE.search(text, max(0, match.start() - 60), match.start())
            role = _a_persons_role(before.group(0)) if before else None
            if not role:
                continue
            for ini in re.findall(_LETTERS, match.group("inis")):
                if _letters_can_be_someone(ini) and fold(ini) not in ACRONYMS and ini not in _heads(role):
                    forms.add(ini)
    for match in matches_near(_INITIALS_THEN_KIN, text, (" (",), reach=3):
        ini = match.group("ini")
        if (
            fold(match.group("kin")) in _HOUSEHOLD_WORDS
            and _letters_can_be_someone(ini)
            and fold(ini) not in ACRONYMS
            and fold(ini) not in NOT_INITIALS
            and fold(ini) not in _OFFENCE_LETTERS
        ):
            forms.add(ini)
    # The family words are found first, in a lower-case copy (a pattern that starts with letters, so re skips
    # ahead), and the letters looked for only after them.
    lower = same_length_lower(text)
    for kin in _KIN_WORD.finditer(lower) if " " in text else ():
        start = kin.start()
        joined = start and (text[start - 1].isalnum() or text[start - 1] in "-'")
        if joined or text[start : kin.end()].isupper():
            continue
        letters = _KIN_LETTERS.match(text, kin.end())
        if letters is None:
            continue
        ini = letters.group("ini")
        if fold(ini) not in ACRONYMS and _letters_can_be_someone(ini):
            forms.add(ini)
    # "03/04/2024 10:15 RT - Walk-in at...": a case note's author, by initials, after its date and time; letters a
    # little word or an acronym also spells ("19/12/2023 AS - Assessment") when they sign two entries or more.
    authors = Counter(
        m.group("ini")
        for m in (_AUTHOR_AFTER_STAMP.finditer(text) if " - " in text else ())
        # With a dash before the letters, a blanked stamp must show its time: a name found and blanked before them
        # is no date ("PERSON_7 - PU - PHONE_7", redacted again)
        if (len(m.group("ini")) < 3 or "'" in m.group("ini") or m.group("dash"))
        and not (
            m.group("dash")
            and m.group("time") is None
            and text[m.start() : m.start("ini")].strip(" \t-")[:1] == MASK
        )
    )
    forms.update(
        ini
        for ini, count in authors.items()
        if ini not in _ROLE_INITIALS
        and fold(ini) not in NOT_INITIALS
        and (count >= 2 or (len(ini) == 2 and fold(ini) not in ACRONYMS and fold(ini) not in FUNCTION_WORDS))
        and not (len(ini) == 3 and fold(ini) in ACRONYMS)
    )
    if " - " in text and ":" in text:
        # Letters an acronym also takes ("PA") sign a log when they sign two of its entries or more.
        stamped = Counter(match.group("ini") for match in _AUTHOR_AFTER_STAMP_DASH.finditer(text))
        forms.update(
            ini
            for ini, count in stamped.items()
            if ini not in _ROLE_INITIALS
            and fold(ini) not in FUNCTION_WORDS
            and fold(ini) not in NOT_INITIALS  # "2022-10-02 - DA: LR v GH": the log's category
            and (count >= 2 or fold(ini) not in ACRONYMS)
        )
        signed = Counter(match.group("ini") for match in _AUTHOR_AFTER_TIME.finditer(text))
        forms.update(
            ini
            for ini, count in signed.items()
            if (len(ini) == 2 or count >= 2)
            and ini not in _ROLE_INITIALS
            and fold(ini) not in ACRONYMS
            and fold(ini) not in FUNCTION_WORDS
        )
    # Letters a rank or an acronym also takes ("DS", "PM", "LA") sign entries so too: over the development sets all
    # 35 such letters ending two entries or more were someone's, and only a form's answer after its question
    # ("Getting worse? YES") was not. They are read only where they sign: elsewhere the letters are the rank or
    # the acronym ("DS Kirk", "3 PM").
    signing = [
        match
        for match in _AUTHOR_AT_END.finditer(text)
        if text[match.start()] != "?" and fold(match.group("ini")) not in _ANSWERS
    ]
    ends = Counter(match.group("ini") for match in signing)
    forms.update(ini for ini, count in ends.items() if count >= 2 and can_be_initials(ini))
    signed_as_words = {
        ini
        for ini, count in ends.items()
        if count >= 2 and not can_be_initials(ini) and ini not in _ROLE_INITIALS
    }  # a job's own letters ("– SW", "– HV") sign as the job
    forms |= _bylines(text, covered)
    if "=" in text or ":" in text:
        for match in _KEYED.finditer(text):
            if joined_before(text, match.start(), _MARKS):
                continue
            ini, words = match.group("ini"), match.group("name").split()
            # "SPa = Sophie Parkin": the surname's second letter tells two people apart.
            spelt = _heads(words) == ini or (ini[-1].islower() and _spells(ini, words))
            if spelt and _letters_can_be_someone(ini if ini[-1].isupper() else ini[:-1]):
                forms.add(ini)
    for match in matches_near(_LETTERS_WITH_AGE, text, (" (",), reach=4) if "(" in text else ():
        # "Children: ZR (8), HR (5)", "RRM (3)": letters with an age are a child's, whatever else they spell.
        ini = match.group("ini")
        if joined_before(text, match.start(), _MARKS) or fold(ini) in ACRONYMS:
            continue
        if len(ini) < 4 or not is_vocabulary(ini):  # not a word with a score ("DASH: HIGH (17)")
            forms.add(ini)
    if "=" in text:
        for match in _KEYED_SHORT_FORM.finditer(text):
            short, given = match.group("short"), match.group("name")
            # The short form starts as the given name does and is no word ("Gaz", "Dec"; not "Note = Nora Hill").
            if short[:2] == given[:2] and short != given and fold(short) not in common_words():
                forms.add(short)
    glosses = matches_near(_GLOSSED_SHORT_FORM, text, ("=",), reach=13)  # the short form is 1-12 characters
    if '"' in text or "“" in text:
        glosses += _SAID_SHORT_FORM.finditer(text)
    forms.update(m.group("ini") for m in (_SELF_KEYED.finditer(text) if "=" in text else ()))
    forms.update(
        m.group("ini") for m in matches_near(_SELF_DECLARED, text, _SELF_DECLARED_WORDS, lower=lower)
    )
    forms.update(
        m.group("ini")
        for m in (_SELF_BRACKETED.finditer(text) if " (" in text else ())
        if m.group("ini") not in _ROLE_INITIALS  # "his PA (me)": the writer's job
    )
    for match in _SAID_NICKNAME.finditer(text) if '"' in text or "“" in text else ():
        short = match.group("short")
        if fold(short) not in ROLE_WORDS and fold(short) not in FUNCTION_WORDS:
            forms.update((short.lower(), short.capitalize()))
    for match in glosses:
        short, given = match.group("short"), match.group("name")
        # The short form starts as the name does ("aggie" = Agnieszka, "Chi" = Chioma), and is no role.
        # ... or, quoted and keyed to a whole name, a nickname that shares nothing with it ('"Dray" = Andre Fitzgerald')
        nickname = (
            bool(match.groupdict().get("q"))
            and text.startswith(" ", match.end())
            and (text[match.end() + 1 : match.end() + 2].isupper())
        )
        if (
            (short[:2].lower() == given[:2].lower() or nickname)
            and (fold(short) != fold(given) or short.islower())  # '"jordan" I think is Jordan Veal'
            and fold(short) not in ROLE_WORDS
            and fold(short) not in FUNCTION_WORDS
        ):
            forms.update((short.lower(), short.capitalize()))
    return _mentions(text, forms, covered) + [
        Span(m.start("ini"), m.end("ini"), EntityKind.PERSON, "")
        for m in signing
        if m.group("ini") in signed_as_words and not covered[m.start("ini")]
    ]


def _mentions(text: str, forms: set[str], covered: bytearray) -> list[Span]:
    """Every mention of initials the text has declared someone's, standing alone and not yet found; a letter only
    where no label goes before it ("Child H"), and letters that are a little word not in a log's capitals."""
    if not forms:
        return []
    # The letters first, so the engine skips ahead to them; what runs into them is checked after.
    finder = re.compile(r"(?:" + trie(forms) + r")(?![\w\-&/]|'(?!s(?!\w))|\.[A-Za-z])")
    return [
        Span(m.start(), m.end(), EntityKind.PERSON, "")
        for m in finder.finditer(text)
        if not covered[m.start()]
        and not joined_before(text, m.start(), _MARKS)
        and not (len(m.group(0)) == 1 and after_letter_label(text, m.start()))
        and not (fold(m.group(0)) in FUNCTION_WORDS and among_capitals(text, m.start(), m.end()))
        and not (m.group(0) in ("AM", "PM") and _AFTER_A_TIME.search(text, max(0, m.start() - 6), m.start()))
    ]


_AFTER_A_TIME = re.compile(r"[0-9][ ]?$")  # "at 4 PM": the time, whoever else "PM" is


# One capital standing for someone where only a person goes: after a family word ("Grandad C", "Granny L") or in
# quotes after a word that names ('a man called "K"', 'referred to as "J"', 'contact "M"', 'ask for "T"').
_KIN_LETTER = re.compile(r"[A-Z](?![\w\-'&/.])")
_NAMED_LETTER = re.compile(
    r"(?i:\b(?:called|named|known[ ]as|referred[ ]to[ ]as|calls[ ](?:him|her)|contact|alias|aka|ask[ ]for))"
    r"[ :]{1,2}[\"“'‘](?P<l>[A-Z])[\"”'’]"
)
# Where a match can start: ignoring case, re knows no first letters to skip to.
_NAMING_WORDS = ("call", "named", "known as", "referred to as", "contact", "alias", "aka", "ask for")

# A capital quoted alone is someone's letter ('went with "K"', 'owes "T"'), unless it is a code, a label or a form's
# answer ('absences coded "M"', 'YP "T"', 'Rapid review – "M"', '"Y"', '"N"'); "I" quoted is a code too.
_QUOTED_LETTER = re.compile(r"[\"“](?<![\w(].)(?P<l>[A-HJ-MO-XZ])[\"”]")
_NOT_A_QUOTED_NAME = re.compile(r"\b(?:coded|code|YP|review[ ][–-])[ ]$")
# A relative written by a letter in a note's lower case ("son T (15), dau Z (6)", "Present: mum C, baby L, MGM D");
# capitalised, "Baby L" is a label.
_RELATIVE_LETTER = re.compile(
    r"(?:\b(?:son|daughter|dau|sister|brother|baby|sibling|cousin|nephew|niece|partner|boyfriend|girlfriend|sis|bro|"
    r"mum|dad|mother|father)|\b(?:MGM|MGF|PGM|PGF))[ ](?P<l>[B-HJ-Z])(?=[ ]?[(,;.)]|[ ](?:and|&)\b)"
)


def single_letter_names(text: str, covered: bytearray) -> list[Span]:
    """A single capital that stands for someone after a family word, quoted alone or after a naming word."""
    spans: list[Span] = []
    lower = same_length_lower(text)
    for kin in _KIN_WORD.finditer(lower) if " " in text else ():
        start = kin.start()
        if (start and (text[start - 1].isalnum() or text[start - 1] in "-'")) or not text[start].isupper():
            continue  # "Grandad C" as a title is capitalised; "her grandad" then a sentence's "A" is not
        letter = _KIN_LETTER.match(text, kin.end())
        if letter is not None and letter.group(0) not in "AI" and not covered[letter.start()]:
            spans.append(Span(letter.start(), letter.end(), EntityKind.PERSON, ""))
    if '"' in text or "“" in text or "'" in text or "‘" in text:
        spans += [
            Span(m.start("l"), m.end("l"), EntityKind.PERSON, "")
            for m in matches_near(_NAMED_LETTER, text, _NAMING_WORDS, lower=lower)
            if not covered[m.start("l")]
        ]
    never = letters_not_initials(text)
    if '"' in text or "“" in text:
        spans += [
            Span(m.start("l"), m.end("l"), EntityKind.PERSON, "")
            for m in _QUOTED_LETTER.finditer(text)
            if not covered[m.start("l")]
            and m.group("l") not in never
            and _NOT_A_QUOTED_NAME.search(text, max(0, m.start() - 12), m.start()) is None
        ]
    # A text that writes its people as labels' letters ("Child V", "Adult Z") writes a sister "S" as one too.
    if not _label_letters(text):
        spans += [
            Span(m.start("l"), m.end("l"), EntityKind.PERSON, "")
            for m in _RELATIVE_LETTER.finditer(text)
            if not covered[m.start("l")] and m.group("l") not in never
        ]
    return spans


def dotted_initials(text: str, covered: bytearray) -> list[Span]:
    """Two or three dotted capitals standing alone ("P.T. and K.C."): a person, unless an abbreviation."""
    if "." not in text:
        return []
    return [
        Span(m.start(), m.end(), EntityKind.PERSON, "")
        for m in _DOTTED.finditer(text)
        if not joined_before(text, m.start(), _MARKS)
        and not covered[m.start()]
        and fold(m.group(0).replace(".", "").replace(" ", "")) not in _DOTTED_WORDS
        and fold(m.group(0).replace(".", "").replace(" ", "")) not in ACRONYMS
    ]


# One capital and a full stop written as a word, as a note that anonymises writes a person ("KO to see R. at college",
# "Said O. told her", "R.'s request", "Y. on a mattress"): only where a person goes, after a word that leads to one
# or before a verb or a possessive. Never after a label ("Class A.", "Band C."), an age or a gestation (a sex:
# "14 y/o F.", "7/52 M."), at a line's start (an index: "C. Statements"), nor "E. coli".
_DOTTED_LETTER = re.compile(r"[A-HJ-Z](?<![\w.'&/°\-].)\.(?![\w.\-]|[ ]coli\b)")
_DOTTED_LETTER_AFTER = re.compile(
    rf"(?:'s\b|[ ](?:{PERSON_VERBS}|speaks|withdrew|on|in|with|at|and)\b|\)|[ ]?\n|[,;][ ][a-z])"
)
_DOTTED_LETTER_CUE = re.compile(
    r"(?i:\b(?:said|says|told|tells|asked|with|for|about|saw|see|sees|seen|met|meet|keep|to|by|name|named|owed|"
    r"visited|collected|from)[ ]\"?)$"
)
_AGE_BEFORE = re.compile(rf"(?:\d|\b(?:{AGE_UNIT}|old|male|female))[ ]$")
# The surname after such a letter, where capitals hide it from the name readers ('IN NAME "D. KHAN"'): read
# with its letter, or a second pass over "PERSON_2 KHAN" finds it alone.
# A listed surname that is also a word ("KHAN", "Young") counts only where a quote or bracket closes on it.
_DOTTED_LETTER_SURNAME = re.compile(
    r"[ ](?P<s>[A-Z][A-Za-z]*(?:['\-][A-Z][A-Za-z]+)?)(?:(?P<closed>[\"”’)])|(?=[,.;:]?(?:\s|\Z)))"
)


_GRANDPARENT_LETTERS = re.compile(r"(?<![\w\-])(?:MGM|MGF|PGM|PGF)(?![\w\-])")
_SENTENCE_END = re.compile(r"(?:[ ]*\n|[ ]*\Z|[ ]+[A-Z0-9])")


def _bare_uses(text: str, letter: str, covered: bytearray) -> int:
    """How often `letter` stands alone with no full stop and unread as anyone's initial so far."""
    return sum(
        1
        for m in re.finditer(letter + r"(?![\w\-&/.])", text)
        if not covered[m.start()]
        and not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in _MARKS))
    )


def dotted_letters(text: str, covered: bytearray) -> list[Span]:
    """A capital and a full stop standing for a person where a person goes."""
    if "." not in text:
        return []
    # "No record held for S." of "Child S", "answered by F." where the text writes a father as "F".
    never = letters_not_initials(text)
    spans = []
    for m in _DOTTED_LETTER.finditer(text):
        start = m.start()
        if covered[start] or m.group(0)[0] in never or after_letter_label(text, start):
            continue
        if (
            m.group(0)[0] in "MFP"
            and _SENTENCE_END.match(text, m.end())
            and _GRANDPARENT_LETTERS.search(text)
            and _bare_uses(text, m.group(0)[0], covered) >= 2
        ):
            continue  # "conveyed with M." where the note writes "M agreed", "with M and MGM": a parent's letter
        if start == 0 or text[start - 1] == "\n" or _AGE_BEFORE.search(text, max(0, start - 12), start):
            continue
        if _DOTTED_LETTER_AFTER.match(text, m.end()) or _DOTTED_LETTER_CUE.search(
            text, max(0, start - 12), start
        ):
            surname = _DOTTED_LETTER_SURNAME.match(text, m.end())
            end = m.end()
            if (
                surname is not None
                and not covered[surname.start("s")]
                and (
                    not is_vocabulary(surname["s"])
                    or (surname["closed"] is not None and fold(surname["s"]) in surnames())
                )
            ):
                end = surname.end("s")
            spans.append(Span(start, end, EntityKind.PERSON, ""))
    return spans


# An email or a note signed with an initial on its own line above the writer's signature ("Thanks, G" then
# "Gemma Hollis | Social Worker"): the initial is hers.
_SIGN_OFF_INITIAL = re.compile(
    r"(?:\A|\n)(?:(?:Thanks|Many thanks|Regards|Kind regards|Best|Best wishes|Cheers|Sorry)[,.!]?[ ])?"
    r"(?P<i>[A-Z]{1,2})[ ]?\n{1,2}(?P<f>[A-Z])[a-z'\-]+[ ][A-Z]"
)


# A letter signing a message: alone on its line, or last on a line after a sentence's end, with a blank line, the
# next message's header, the text's end or a quoted signature starting with it after it ("...on our system. Y"; "L"
# then "---" and "From:"). A question's "Y" or "N" below it is a form's answer.
_SIGN_OFF_LETTER = re.compile(
    # a short name's two letters too ("... if you get anything. Eb"), and a letter closing a quoted message ('"Thanks
    # Nicola, this will go to panel on 02/11. H"')
    # or before the reviewer's note in brackets on the next line ("Will try to attend 16th. K" then "(I did not...")
    r"(?P<i>[A-Z][a-z]?)[\"”]?[ ]*(?=\n[ \t>]*\n|\n?\Z|\n(?:>[ ]?)?(?:From|Sent|To|Date|Subject|-{2,})\b|\n\("
    # or above the writer's signature ("... for his sister Adwoa. E" then "Ellie Brannigan | Case Manager")
    r"|\n>[ ]?(?P<f>[A-Z])[a-z]|\n(?P<g>[A-Z])[a-z]+[ ][A-Z][\w'\-]+[ ]?[|,\n])"
)
_SIGN_OFF_AFTER = re.compile(r"(?:\n(?:>[ ]?)?|[.!?)\"”][ ])$")
# Two or three capitals signing a note's entry: last on its line after a sentence, with a blank line, the next dated
# entry or the text's end after them ("Would not talk with mum present. DO" then "13/12/2023 DNA."). An outcome's
# letters there are what was done ("Outcome agreed. NFA", "Text sent. DNA"); after a question, capitals are its
# answer ("Getting worse? YES").
_NOT_ENTRY_INITIALS = ACRONYMS | NOT_INITIALS | NOTE_ABBREVIATIONS | _ANSWERS
_ENTRY_INITIALS = re.compile(rf"(?<=[.!)][ ])(?P<i>[A-Z]{{2,3}})[ ]*(?=\n[ \t]*\n|\n?\Z|\n[0-9{MASK}])")
# A greeting's letter or short name ("Thanks K.", "Hi D,", "Thanks Nic."): "I" after one starts a sentence ("Hello,
# I am the manager"), and a word is a word ("Dear Colleague", "Hi All").
_GREETED_LETTER = re.compile(
    not_after_each(r"\w", ["Thanks", "Thank[ ]you", "Cheers", "Hi", "Hiya", "Dear", "Morning", "Hello", "Ta"])
    + r",?[ ](?P<i>[A-HJ-Z](?:[a-z]{2,12})?)"
    r"(?=[ ]?[,.!]|[ ]?\n|\Z)"
)


def sign_off_initials(text: str, covered: bytearray) -> list[Span]:
    spans = [
        Span(m.start("i"), m.end("i"), EntityKind.PERSON, "")
        for m in _SIGN_OFF_INITIAL.finditer(text)
        if m.group("i")[0] == m.group("f") and not covered[m.start("i")]
    ]
    for m in _SIGN_OFF_LETTER.finditer(text):
        start = m.start()
        if start == 0 or covered[start] or _SIGN_OFF_AFTER.search(text, max(0, start - 3), start) is None:
            continue
        if m.group("i") in "YN" and text[max(0, start - 80) : start].rstrip(" \n>").endswith("?"):
            continue
        if m.group("i") in ("A", "I") and text[start - 2 : start - 1] == "?":
            continue  # "Any weapons? A" is an answer's letter
        if m.group("f") not in (None, m.group("i")[0]) or m.group("g") not in (None, m.group("i")[0]):
            continue  # a letter above someone else's quoted name ("Options:\nB\n> Carl Smeaton")
        if len(m.group("i")) == 2 and (is_vocabulary(m.group("i")) or fold(m.group("i")) in FUNCTION_WORDS):
            continue  # "... I will ring. Ok"
        spans.append(Span(start, m.end("i"), EntityKind.PERSON, ""))
    spans += [
        Span(m.start("i"), m.end("i"), EntityKind.PERSON, "")
        for m in _ENTRY_INITIALS.finditer(text)
        if not covered[m.start("i")] and fold(m.group("i")) not in _NOT_ENTRY_INITIALS
    ]
    spans += [
        Span(m.start("i"), m.end("i"), EntityKind.PERSON, "")
        for m in _GREETED_LETTER.finditer(text)
        if not covered[m.start("i")] and (len(m.group("i")) == 1 or not is_vocabulary(m.group("i")))
    ]
    return spans


# A meeting's actions, each owned by someone's initials ("Actions: FL to write draft; CP to review the inbox; NS
# to raise"): where letters no acronym takes own some of the actions, letters an acronym also takes own theirs too
# ("CP", "DO", "PM", "OM"). Over the development sets 16 such owners were people; a job's own letters ("SW to
# complete the assessment", "HV to visit") and a service's ("YOT to pursue", "CSC to reopen") were not.
_ACTIONS_LINE = re.compile(r"(?i:\bactions?\b)[^\n:–\-]{0,20}[:–\-][^\n]*")
_ACTION_OWNERS = re.compile(
    r"(?:^|(?<=[:;])[ ]{0,2})(?P<i>[A-Z]{2,3})(?P<more>(?:[ ]?[+&/][ ]?[A-Z]{2,3})*)"
    r"(?=[ ]+(?:to|re|draft|by|and|[-–])\b)"
)
_OWNER_PARTNER = re.compile(r"[A-Z]{2,3}")
_SERVICES_ACTING = word_set(
    "csc yot yjs yos edt mash camhs lado cait marac mappa dwp nhs icb cps ppu ehe send tes"
)


def action_owners(text: str, covered: bytearray) -> list[Span]:
    spans: list[Span] = []
    for line in _ACTIONS_LINE.finditer(text) if "ction" in text else ():
        owners = []
        for match in _ACTION_OWNERS.finditer(line.group(0)):
            owners.append((line.start() + match.start("i"), match.group("i")))
            base = line.start() + match.start("more")
            owners += [(base + m.start(), m.group(0)) for m in _OWNER_PARTNER.finditer(match.group("more"))]
        if len(owners) < 2 or not any(can_be_initials(ini) for _, ini in owners):
            continue  # not a list of people's letters
        spans += [
            Span(start, start + len(ini), EntityKind.PERSON, "")
            for start, ini in owners
            if not covered[start]
            and ini not in _ROLE_INITIALS
            and fold(ini) not in _SERVICES_ACTING
            and fold(ini) not in _ANSWERS
        ]
    return spans


# A personal title before two or three capitals alone: "Dr CP." signs a note, "Mrs AB's daughter". A title
# is said of a person, so the letters are theirs even where they also spell an acronym (CP, MD); but after a
# capitalised word the title is part of a job ("Designated Dr LAC", "Named Dr CP"). A police rank is a title so
# ("DS JG", "DC PM to add police para"): all 36 in the development sets are people.
_TITLED_LETTERS = re.compile(
    not_after_each(
        r"\w", ["Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Prof", "DC", "DS", "DI", "DCI", "PC", "PS", "Sgt"]
    )
    + r"\.?[ ](?P<i>[A-Z]{2,3})"
    r"(?![\w\-&/]|[ ][A-Z][a-z]|\.[A-Za-z])"
)
_CAPITALISED_WORD_BEFORE = re.compile(r"[A-Z][a-z]+[ ]$")


def titled_initials(text: str, covered: bytearray) -> list[Span]:
    return [
        Span(m.start("i"), m.end("i"), EntityKind.PERSON, "")
        for m in _TITLED_LETTERS.finditer(text)
        if not covered[m.start("i")]
        and _CAPITALISED_WORD_BEFORE.search(text, max(0, m.start() - 30), m.start()) is None
        and not is_job_letters(m.group("i"))  # "PC PCSO", "DC SIO"
        and fold(m.group("i")) not in FUNCTION_WORDS  # "PC ON SCENE"
    ]


# Two or three initials, dotted, just before a name found: "R.J. " of "R.J. Tennant & Sons".
_DOTTED_INITIALS_BEFORE = re.compile(r"(?<![\w.'\-])[A-Z]\.(?:[ ]?[A-Z]\.){1,2}[ ]$")


def letters_before_found(text: str, spans: list[Span]) -> list[Span]:
    """A capital and a full stop just before something found, however it was read: the initial of a name
    ("Solicitor: M. Dziedzic" of "Dziedzic & Co", "reg keeper T. Hadley" of a town, "Dr M. Chaudhry" of a
    practice)."""
    found: list[Span] = []
    for span in spans:
        start = span.start - 3
        if start < 1 or text[start + 1 : span.start] != ". " or not text[span.start].isupper():
            continue
        several = _DOTTED_INITIALS_BEFORE.search(text, max(0, span.start - 10), span.start)
        if several is not None:
            # "R.J. Tennant & Sons (Farmers) Ltd": two or three initials are a name's wherever they stand.
            found.append(Span(several.start(), span.start - 1, EntityKind.PERSON, ""))
            continue
        if (
            text[start - 1] != "\n"
            and _DOTTED_LETTER.match(text, start)
            and not after_letter_label(text, start)
        ):
            found.append(Span(start, span.start - 1, EntityKind.PERSON, ""))
    return found


# A first name's initial alone, as a school log or a case note writes a child ("F tearful at break", "Mam said
# F needs a fresh start", "informed of A's death"): only the initial of a name the text has given, only where a
# person goes (before a verb of what people do or say, a possessive, or after "said", "with", "for"...), never
# after a label ("Child F", "Plan B", "Vitamin D", "Appendix C") nor run into other letters ("A&E", "C-section").
_LETTER_ALONE = r"(?![\w\-&/.]|'(?!s\b))"  # after the letter: no word, mark or dot; a possessive may follow
_VERB_AFTER = re.compile(rf"(?:'s\b|[ ](?:{PERSON_VERBS})\b)")
# After "A", only verbs no noun or adjective is spelled as ("A found at the flat", not "A late referral").
_A_VERB_AFTER = re.compile(
    r"(?:'s\b|[ ](?:said|says|told|tells|was|is|has|had|disclosed|asked|reported|stated|wants|does|did|placed|"
    r"moved|retracted|retaliated|declined|returned|refused|went|came|attended|arrived|agreed|denied|found|"
    r"shocked|asleep)\b)"
)
_A_AND_E = re.compile(r"[ ](?:and|&)[ ]E\b")  # "taken to A and E": the emergency department
_CUES = "said|says|told|tells|asked|with|for|about|saw|sees|and|that"
_CUE_BEFORE = re.compile(rf"\b(?:{_CUES})[ ]$")
_A_CUE_BEFORE = re.compile(rf"\b(?:{_CUES}|to)[ ]$")  # "spoke to A"; "to L", "to R" are left and right
# "Harley Quinn (Child H)", "Rapid review - Children S and R", "Siblings A, B and C": anonymised labels' letters.
_ANONYMISED = re.compile(
    r"(?:Child|CHILD|Baby|BABY|Sibling|SIBLING|Adult|ADULT|Subject|Person|Young[ ]Person|YP)[ ]([A-Z])(?![\w\-])"
)
_ANONYMISED_SEVERAL = re.compile(
    r"(?:Child(?:ren)?|CHILD(?:REN)?|Siblings|SIBLINGS)[ ](?P<list>[A-Z](?:(?:,[ ]|[ ](?:and|&)[ ])[A-Z])+)(?![\w\-])"
)


# Both readers of single letters ask this of the same text, one after the other: it is read once (a str keeps
# its hash, so the lookup costs nothing).
@lru_cache(maxsize=1)
def letters_not_initials(text: str) -> frozenset[str]:
    """Letters that stand for no one's name in `text`: those it makes anonymised labels ("Harley Quinn (Child H)",
    then "H starts Y3"), and mother, father and partner as courts and health notes write them ("brought in by M &
    F", "P answered, said M asleep") when two of the three letters stand alone."""
    letters = set(_label_letters(text))
    if sum(_stands_alone(text, role) for role in "MFP") >= 2:
        letters |= {"M", "F", "P"}
    # "M (Chantal NSIMBA) present", "F (SHAHID UDDIN) spoken to": a letter glossed with a whole name that it does not
    # start says who holds the role it stands for.
    for match in matches_near(_LETTER_GLOSSED, text, (" (",), reach=1):
        if not joined_before(text, match.start(), _MARKS) and match["l"] not in _heads(match["name"].split()):
            letters.add(match["l"])
    return frozenset(letters)


_LETTER_GLOSSED = re.compile(r"(?<![\w'])(?P<l>[A-Z])[ ]\((?P<name>[A-Z][\w'\-]+(?:[ ][A-Z][\w'\-]+){1,2})\)")


def _label_letters(text: str) -> set[str]:
    """The letters the text makes anonymised labels ("Child Z", "Children S and R"): never anyone's initial."""
    letters = {m.group(1) for m in _ANONYMISED.finditer(text)}
    return letters | {c for m in _ANONYMISED_SEVERAL.finditer(text) for c in m.group("list") if c.isupper()}


def _stands_alone(text: str, letter: str) -> bool:
    """Whether `letter` is written somewhere as a word of its own (found from the letter, not a look-behind)."""
    return any(
        not joined_before(text, m.start(), _MARKS) and not (m.start() and text[m.start() - 1].isalnum())
        for m in re.finditer(letter + r"(?![\w\-&/.])", text)
    )


def lone_initials(text: str, names: list[str], covered: bytearray) -> list[Span]:
    """The initial of a found first name written alone where a person goes."""
    # A name's first letter, or its given name's in a police record's order ("JONES, Ffion").
    letters = {name.rsplit(",", 1)[-1].strip()[:1] if "," in name else name[:1] for name in set(names)}
    letters = {letter for letter in letters if letter.isupper()} - {"I"}
    if not letters:
        return []
    letters -= letters_not_initials(text)
    if not letters:
        return []
    spans: list[Span] = []
    unsure: list[Span] = []
    confirmed: Counter[str] = Counter()
    # Only the letters that can stand for someone are looked for: most capitals in a text are not one of them.
    finder = re.compile("[" + "".join(map(re.escape, sorted(letters))) + "]" + _LETTER_ALONE)
    for match in finder.finditer(text):
        letter = match.group(0)
        start = match.start()
        if letter not in letters or covered[start] or joined_before(text, start, _MARKS + "0123456789"):
            continue
        if start and text[start - 1].isalpha():
            continue
        if after_letter_label(text, start):
            continue
        verb = (_A_VERB_AFTER if letter == "A" else _VERB_AFTER).match(text, match.end())
        # "A" is an article only where a sentence starts: inside one, after "spoke to" or "for", it is someone.
        if letter == "A":
            cue = (
                None
                if is_sentence_start(text, start) or _A_AND_E.match(text, match.end())
                else _A_CUE_BEFORE.search(text, max(0, start - 8), start)
            )
        else:
            cue = _CUE_BEFORE.search(text, max(0, start - 8), start)
        if verb is not None or cue is not None:
            spans.append(Span(start, match.end(), EntityKind.PERSON, ""))
            confirmed[letter] += 1
        elif letter != "A":
            unsure.append(Span(start, match.end(), EntityKind.PERSON, ""))
    spans += [span for span in unsure if confirmed[text[span.start]] >= 2]
    return spans


# A title that may stand between initials and the name they spell ("IN - Dr Ifeoma Nwachukwu").
_A_TITLE = r"(?:Dr|DC|DS|DI|DCI|PC|Sgt|Mr|Mrs|Ms|Miss|Mx|Rev|Prof|Cllr)"
# The letters each pattern below reads as initials; `_INITIALS_SHAPE` then says whether they are.
_PINNED_LETTERS = r"(?P<ini>[A-Z][A-Za-z'.\-]{0,7})"


# Initials pinned to a name the text has already given: in brackets straight after it ("Amy J. Hollins (AJH)",
# "Marcus de Souza (MdS)", "Tyler (T)") or as a key at a line's start before it ("CO - Cathy Oyelaran, DSL").
# The letters must spell the name, so they are the person's even when they are also a word or an acronym
# ("CO", "NB"); a job's own letters ("SW", "RN") stay a job, which a bracket after a name more often is, except
# where a list of who was there gives them after the role (`pinned_initials`' line_end).
# The name may run on past the part found so far: a middle initial or a particle and surname found later.
_PINNED_AFTER = re.compile(
    r"(?P<rest>(?:[ ][A-Za-z][\w'.\-]{0,30}){0,3})[ ]\([\"“]?" + _PINNED_LETTERS + r"[\"”]?[,)]"
)
# Before the name: at a line's start, in a table's first cell or after a list's semicolon, with a dash, colon,
# equals sign, cell border or a space, and a title between ("IN - Dr Ifeoma Nwachukwu", "| AN | Agnieszka Nowak",
# "AM Dr Aled Morgan").
_PINNED_BEFORE = re.compile(
    r"(?:^|\n|;[ ])[ \t]{0,4}(?:\|[ ]?)?" + _PINNED_LETTERS + r"(?:[ ]?[-:=|][ ]?|[ ])"
    rf"(?:{_A_TITLE}\.?[ ])?$"
)
_BEFORE_WINDOW = 20
_TITLE_BEFORE = re.compile(rf"\b{_A_TITLE}\.?[ ]$")
_PINNED_LINE_END = re.compile(
    r"[^\n(]{1,80}(?:\([^()\n]{1,40}\)[^\n(]{0,40})?[ ]\(" + _PINNED_LETTERS + r"\)[ \t]*(?:\n|$)"
)
# "Dr Imogen Sinha - IS - GP", "Sarah Opie, LADO (chair) - SO": the letters between dashes, or after one at the end.
_PINNED_DASHED = re.compile(r"[^\n]{0,60}?[ ][-–][ ]" + _PINNED_LETTERS + r"(?:[ ][-–][ ]|[ \t]*(?:\n|$))")
# "Nicola Bray (SW, NB)", "Jenna Spargo (SSW, JSp)": the letters last in a bracket, after the role.
_PINNED_LISTED = re.compile(r"[ ]\((?:[^(),\n]{1,40},[ ])+" + _PINNED_LETTERS + r"\)")
_FIRST_ON_LINE = re.compile(rf"(?:^|\n|[;:][ ])[ \t]*(?:[-*•][ ])?(?:{_A_TITLE}\.?[ ])?$")
# Initials as minutes write them: capitals, with a Mc/Mac, an O', a particle's letter ("OFdS") or a surname's
# second letter ("KLo") at most; "DfE" and ordinary words are not initials.
_INITIALS_SHAPE = re.compile(r"[A-Z](?:[A-Z]|Ma?c[A-Z]|O'[A-Z]|[dv][A-Z]|[.\-][A-Z]|'[A-Z]){0,3}\.?[a-z]?")


def _spellings(word: str, last: bool) -> set[str]:
    """How initials can write one word of a name: its first letter, its inner capitals too (Mc/O'/hyphenated
    parts), the last word's second letter ("KLo"), a particle's letter in lower case ("MdS")."""
    core = word.rstrip(".")
    heads = core[:1] + "".join(ch for k, ch in enumerate(core[1:], 1) if ch.isupper() or core[k - 1] in "-'")
    forms = {core[:1].upper(), heads.upper()}
    mc = re.match(r"Ma?c(?=[A-Z])", core)
    if mc is not None:
        forms.add(core[: mc.end() + 1].upper())
    if last and len(core) > 1:
        forms.add(core[:2].upper())
    return forms


def _spells(letters: str, words: list[str]) -> bool:
    """Whether the letters spell the name's words in order; a middle name or a particle may be left out."""
    letters = letters.upper()
    last = len(words) - 1

    def walk(i: int, j: int) -> bool:
        if j > last:
            return i == len(letters)
        optional = 0 < j < last or fold(words[j]) in PARTICLES
        if optional and walk(i, j + 1):
            return True
        return any(
            letters.startswith(form, i) and walk(i + len(form), j + 1)
            for form in _spellings(words[j], j == last)
        )

    return walk(0, 0)


def pinned_initials(text: str, persons: list[Span], covered: bytearray) -> list[Span]:
    """Initials a found name spells, written beside it, and every other mention of them."""
    spans: list[Span] = []
    forms: set[str] = set()
    if " (" not in text and "\n" not in text:
        return spans
    labels = _label_letters(text) if persons else set()
    for person in persons:
        # Most names have no bracket close after them and no line's start close before: the patterns are tried
        # only where one is (a long text finds a hundred thousand names).
        bracket = text.find(" (", person.end, person.end + 100) != -1
        line_start = (
            person.start < _BEFORE_WINDOW
            or text.rfind("\n", person.start - _BEFORE_WINDOW, person.start) != -1
            or text.rfind("; ", person.start - _BEFORE_WINDOW, person.start) != -1
        )
        if not bracket and not line_start:
            continue
        words = text[person.start : person.end].split()
        if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
            continue
        after = _PINNED_AFTER.match(text, person.end) if bracket else None
        rest = after.group("rest").split() if after is not None else []
        if any(not (w[:1].isupper() or fold(w) in PARTICLES) for w in rest):
            after, rest = None, []
        before = (
            _PINNED_BEFORE.search(text, max(0, person.start - _BEFORE_WINDOW), person.start)
            if line_start
            else None
        )
        # A list of who was there, a name first on its line and its letters in brackets at the line's end
        # ("Parveen Akhtar - community panel member (PA)"): the letters are hers even when a job's too.
        first_on_line = _FIRST_ON_LINE.search(text, max(0, person.start - 12), person.start) is not None
        line_end = (
            (_PINNED_LINE_END.match(text, person.end) if bracket else None)
            or _PINNED_DASHED.match(text, person.end)
            or (_PINNED_LISTED.match(text, person.end) if bracket else None)
            if after is None and first_on_line
            else None
        )
        for match in (after, before, line_end):
            if match is None:
                continue
            ini = match.group("ini")
            letters = _bare(ini)
            if not _INITIALS_SHAPE.fullmatch(ini):
                continue
            if (ini in _ROLE_INITIALS or is_role_abbreviation(letters)) and (
                (
                    match is not line_end
                    and not (match is before and len(words) >= 2 and _spells(letters, words))
                )
                or len(letters) < 2
            ):
                continue  # but a key's letters that spell the name after them are hers ("TA - DS Tom Angwin")
            name = words + rest if match is after else words
            if (
                match is after
                and len(name) == 1
                and 2 <= len(letters) <= 3
                and letters[-1] == name[0][:1]
                and not is_role_abbreviation(letters)
                and _TITLE_BEFORE.search(text, max(0, person.start - 6), person.start)
            ):
                # "PC Varty (AV)", "Dr Kaur (HK)": a titled surname with its owner's initials after, the first
                # name's letter among them though the name is not written.
                pass
            elif len(name) == 1 or len(letters) == 1:
                # One letter is only a first name's, said in brackets after it ("Tyler (T)"); a name of one
                # word spells no more than that.
                if letters != name[0][:1] or match is before or letters in labels:
                    continue
            elif not _spells(letters, name):
                continue
            if not covered[match.start("ini")]:
                spans.append(Span(match.start("ini"), match.end("ini"), EntityKind.PERSON, ""))
            if match is after and rest:
                # "DC Rob Black (RB)": the letters spell the words between too ("Black" is a word, so the name
                # found so far stopped before it), and they are the rest of the name.
                spans.append(Span(person.start, person.end + len(after.group("rest")), EntityKind.PERSON, ""))
            if letters not in ("A", "I"):  # "A" and "I" are words wherever else they stand
                forms.add(ini)
    if persons and ":" in text:
        # A note's author by the letters of a name the text gives, after the entry's date ("05/09/2023 BA: PEP" by
        # Ben Adair): hers though an acronym ("BA", "AM") or a word ("CO") is spelt the same. Of 131 letters in this
        # place in the development sets, 121 were a person's; the rest a service's ("CSC:", "YJS:", "GP:").
        names = [words for words in (text[p.start : p.end].split() for p in persons) if 2 <= len(words) <= 3]
        for match in _AUTHOR_AFTER_STAMP_COLON.finditer(text):
            ini = match.group("ini")
            if ini in forms or ini in _ROLE_INITIALS or is_role_abbreviation(ini) or fold(ini) in JOB_HEADS:
                continue
            if any(len(words) == len(ini) and _spells(ini, words) for words in names):
                forms.add(ini)
    taken = {span.start for span in spans}
    return spans + [
        span
        for span in _mentions(text, forms, covered)
        if span.start not in taken and not _a_job_here(text, span)
    ]


_NAME_AFTER = re.compile(r"[ ][A-Z][a-z]")
_DETERMINER_BEFORE = re.compile(r"(?i:\b(?:the|a|an|his|her|their|our|my|new|duty)[ ])$")


def _a_job_here(text: str, span: Span) -> bool:
    """Letters that are a person's and a job's ("SW" for Sam Westerby) read as the job before a name or after a
    determiner ("SW Leanne Trott", "the SW")."""
    letters = text[span.start : span.end]
    if not is_role_abbreviation(letters) and letters not in _ROLE_INITIALS:
        return False
    return bool(
        _NAME_AFTER.match(text, span.end)
        or _DETERMINER_BEFORE.search(text, max(0, span.start - 8), span.start)
    )


# A table with a column of initials ("| Name | Initials | Role |"): each row's letters are its own person's, when they
# spell a name in another cell of the row, even letters that are a word or a job's ("AE", "DI", "MOD").
_INITIALS_HEADER = re.compile(r"(?im)^[ \t]*\|(?:[^|\n]*\|)*?[ ]*initials?[ ]*\|[^\n]*$")
_TITLES_FIRST = re.compile(rf"(?:{_A_TITLE}\.?[ ])+")


def table_initials(text: str, covered: bytearray) -> list[Span]:
    """The letters in a table's column of initials that spell the row's name, and every other mention of them."""
    forms: set[str] = set()
    for header in _INITIALS_HEADER.finditer(text) if "|" in text else ():
        cells = [c.strip().lower() for c in header.group(0).strip().strip("|").split("|")]
        column = next(k for k, cell in enumerate(cells) if cell in ("initials", "initial"))
        at = header.end() + 1
        while at < len(text):
            end = text.find("\n", at)
            end = len(text) if end < 0 else end
            row = text[at:end].strip()
            if not row.startswith("|"):
                break
            at = end + 1
            values = [c.strip() for c in row.strip("|").split("|")]
            if column >= len(values) or set(values[column]) <= set("-: "):
                continue  # the line under the header, or a row too short
            ini = values[column]
            letters = _bare(ini)
            if not _INITIALS_SHAPE.fullmatch(ini) or len(letters) < 2:
                continue
            # A name in another cell spells them: capitalised words, none a role ("Health Visitor" is not one).
            names = (_TITLES_FIRST.sub("", v, count=1).split() for k, v in enumerate(values) if k != column)
            if any(
                1 < len(words) <= 5
                and all(w[:1].isupper() and fold(w) not in ROLE_WORDS for w in words)
                and _spells(letters, words)
                for words in names
            ):
                forms.add(ini)
    return _mentions(text, forms, covered)


# Initials no word or acronym is shaped like: capitals around a surname's Mc or Mac, or a particle's letters in
# lower case ("BMcD", "CMcK", "PvdB", "IapG", "OFdS"). Minutes and case notes write people so, wherever they stand.
_SHAPED = re.compile(r"[A-Z]{1,3}(?:Ma?c|ap|vd|d)[A-Z]{1,2}(?![\w'\-])")
# Two capitals and a surname's second letter, as minutes and school logs tell two people with the same initials
# apart ("HCr", "SPa", "CPu"); not a plural ("GPs", "SWs") nor a degree ("BSc", "MCh"). In the 38 development sets,
# 59 of the 62 tokens of this shape were a person; the others were a degree and two clinical abbreviations.
_SECOND_LETTER = re.compile(r"[A-Z](?<![\w'\-&/.].)[A-Z][a-rt-z](?![\w'\-&/]|\.[A-Za-z])")
_NOT_SECOND_LETTER = frozenset(
    {"BSc", "MSc", "BEd", "MEd", "BCh", "MCh", "BAO", "PEx", "NSx", "MHz", "GHz", "KHz"}
)
# Initials around an Irish surname's O' ("TO'N", "T.O'N", "K.O'S."): no acronym has one. In a log's capitals
# "SO'S" is "so is" typed without its space.
_IRISH_INITIALS = re.compile(r"[A-Z](?<![\w'’.\-].)\.?(?:[A-Z]\.?)?O['’][A-Z](?:[a-z]|\.)?(?![\w'’\-])")


# Two letters joined by a hyphen, alone: a double-barrelled first name's ("K-J in bedroom", "Mum (M-E) declined"). Of
# 85 in the development sets, 83 were a person's; the others a range of grades ("category A-C").
_HYPHENED_INITIALS = re.compile(r"[A-Z](?<![\w\-/.'].)-[A-Z](?![\w\-/'&]|\.[A-Za-z])")
_RANGE_BEFORE = re.compile(
    r"(?i:\b(?:categor(?:y|ies)|grades?|bands?|levels?|sections?|from|types?|classes?|flats|blocks|rooms|units)[ ])$"
)


def shaped_initials(text: str, covered: bytearray) -> list[Span]:
    """Initials shaped as only a person's are: "Mum (BMcD) seen alone", "PvdB not on tenancy", "TO'N minutes", "by
    HCr"."""
    spans = [
        Span(m.start(), m.end(), EntityKind.PERSON, "")
        for m in _SHAPED.finditer(text)
        if not covered[m.start()] and not joined_before(text, m.start(), _MARKS)
    ]
    spans += [
        Span(m.start(), m.end(), EntityKind.PERSON, "")
        for m in _IRISH_INITIALS.finditer(text)
        if not covered[m.start()] and not among_capitals(text, m.start(), m.end())
    ]
    spans += [
        Span(m.start(), m.end(), EntityKind.PERSON, "")
        for m in (_HYPHENED_INITIALS.finditer(text) if "-" in text else ())
        if not covered[m.start()] and _RANGE_BEFORE.search(text, max(0, m.start() - 12), m.start()) is None
    ]
    return spans + [
        Span(m.start(), m.end(), EntityKind.PERSON, "")
        for m in _SECOND_LETTER.finditer(text)
        if not covered[m.start()] and m.group(0) not in _NOT_SECOND_LETTER
    ]
