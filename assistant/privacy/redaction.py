"""Redact personal data from rapid-review text before any of it reaches a model, and restore it after.

What is found (see identifiers.py and names.py for the rules):

* emails; phone numbers in any national or international format (libphonenumber, via the small
  `phonenumberslite` package); NHS and National Insurance numbers; postcodes; UK vehicle registrations
  (current, prefix and suffix formats, any registration after "reg"/"VRM", and lowercase or year-group-like
  plates near a word about a vehicle); social media handles ("@name", profile names after a platform or an
  account/username/ID cue, and handle shapes: "x_99", "x#1120", "a.b.official"); case, crime, MASH, Mosaic,
  PNC, NHS trust and other reference numbers (by shape, next to "ref", "crime", "case", "number"..., a code and
  a number after a cue, and any standalone number of six or more digits);
* dates with a day (any common format, "on 14/3" without a year where a date goes, ranges "15-19 April
  2024"), a month-and-year next to a birth label or as a chronology row's date;
* addresses (numbered streets, named streets, house names such as "Holly Cottage, Moor Lane", flats, with
  the house name before and the town after: "Brambles, Cragg Road, Luddenden");
* named schools, GP practices, hospitals, children's centres and organisations named after a place or
  their founders ("name + suffix": "Calderbrook Children's Services", "Akroyd & Shaw Solicitors"), and
  later short mentions of one ("Greenhill", "Northgate ABC");
* people's names: from context (titles, role and relationship words, labels, brackets, a table's name
  column, "known as"), from runs of capitalised words scored against shipped lists of UK first names and
  surnames (data/*.txt), quoted nicknames ('his friend "Tizzy"'), and finally every later mention of any
  part of a name found, or of its initials ("TK" for Tom Kershaw, "KLo" for Kate Loader), of its first
  initial alone where a person goes ("F tearful at break"), or in lower case in a message (initials.py);
* names no list knows (proper_nouns.py): a capitalised word that is no ordinary English word (SCOWL), no
  listed name and no public name (data/public_names.txt) is a person's, a place's or, with the capitalised
  words around it, a service's own name ("Kesterby", "Okonjo", "Lewisbridge Police Station").

Before matching, every Unicode space, dash, apostrophe and quote is made plain in a same-length copy
(normalise.py), so a non-breaking space or an en dash changes nothing; spans found in the copy replace the
original's own characters.

Why not Presidio: Microsoft Presidio's analyzer needs a spaCy model (en_core_web_lg, about 500 MB) that
must be downloaded at install time from outside the package registries, which this tool's machines cannot
do, and its UK recognisers are themselves patterns with context words and checksums. We keep that design:
maintained libraries where one exists (libphonenumber for phones), patterns for the rest, and rules for
names that fit this one genre, with a word list (SCOWL, whose origin and licence are stated in
data/english_words.COPYING) to tell ordinary words from names. No pretrained name model is used: none from a
package whose origin can be checked is available. After the rules, a small model of our own (learned.py: a logistic
regression over each leftover capitalised word and its neighbours, trained on the labelled sets in
evals/redaction/dev by train_learned.py) takes what many weak signals together mark as a name.

What stays, on purpose: role words ("mother", "Health Visitor", "Adult A"), labels already anonymised
("CHILD A", "[date]"), agencies and services (Police, Children's Social Care, MASH, NHS Trust), titles
(the "Mr" of "Mr PERSON_1"), weekdays, the UK's nations and largest cities, countries, brands and medicines,
ages, years and month-and-year (except next to a birth label), times, money, and ordinary capitalised words:
the model needs them to judge the review, and alone they do not identify a child (the README's privacy section lists both sides with examples).
What it misses (evals/redaction/README.md lists the measured misses): a name with no context that is not on
the lists and never appears with a title, role or label; a surname that is an ordinary word with nothing else
to mark it ("Ricky Senior"); streets named without a type word ("on Westgate"); and anything in an image or an
attachment.

Placeholders look like PERSON_1; the same identifier (ignoring case and spacing; numbers and dates by
value) always gets the same one, and a first name or surname seen alone joins the one full name it belongs
to. The originals live only in a private attribute of `Redaction`, so they are never serialised, logged or
printed with the model; `Redaction.restore` puts back, for each placeholder in model output, exactly the
form that was replaced at the place the output quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from operator import attrgetter

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from assistant.errors import InputError
from assistant.gc_pause import gc_paused
from assistant.privacy.area_services import found_area_services
from assistant.privacy.domain_names import named_by_domain, web_addresses
from assistant.privacy.identifiers import (
    PLACE_KINDS,
    after_job_letters,
    listed_handles,
    place_mentions,
    repeated_values,
    structured_spans,
)
from assistant.privacy.initials import (
    action_owners,
    dotted_initials,
    dotted_letters,
    letters_before_found,
    lone_initials,
    pinned_initials,
    role_initials,
    shaped_initials,
    sign_off_initials,
    single_letter_names,
    table_initials,
    titled_initials,
)
from assistant.privacy.kinds import MASK, EntityKind, Span
from assistant.privacy.learned import learned_spans
from assistant.privacy.names import (
    TOKEN,
    Tokens,
    after_letter_label,
    cell_initial_names,
    classify,
    context_names,
    declared_initials,
    dotted_initial_names,
    family_surnames,
    given_first,
    given_then_caps_surname,
    initial_mentions,
    initial_surname_before_job,
    is_sentence_start,
    job_initial_surname,
    kin_word_names,
    list_names,
    lowercase_mentions,
    lowercase_titled_names,
    month_named_people,
    paired_names,
    propagate,
    record_names,
    signature_names,
    surname_orders,
    surnames_that_are_words,
    user_names,
    vietnamese_given_names,
    vietnamese_names,
    with_initials,
    without_opening_verbs,
)
from assistant.privacy.normalise import matching_copy
from assistant.privacy.other_scripts import other_script_words
from assistant.privacy.proper_nouns import lone_proper_nouns, settled, the_named_places
from assistant.privacy.transcripts import speakers
from assistant.privacy.venues import (
    address_mentions,
    community_groups,
    companies,
    coroners,
    facilities_after_places,
    numbered_streets,
    ordinary_town_mentions,
    owned_businesses,
    place_words_in_lower_case,
    towns_before_postcodes,
    units_before_places,
    venues_on_streets,
    whole_org_names,
    widened,
)
from assistant.privacy.words import (
    ACRONYMS,
    AKAN_DAY_NAMES,
    AKAN_MEN_DAY_NAMES,
    FAMILY_WORDS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    JOB_HEADS,
    KIN_QUALIFIERS,
    LOG_DESCRIPTORS,
    NATIONALITIES,
    PARTICLES,
    PARTY_WORDS,
    STREET_OR_HOUSE_WORDS,
    WORD_NAMES,
    first_names,
    fold,
    is_job_letters,
    is_public_title,
    is_vocabulary,
    norm,
    not_after_each,
    place_names,
    trie,
    word_set,
)

__all__ = [
    "PLACEHOLDER",
    "EntityKind",
    "RedactedEntity",
    "Redaction",
    "check_redacted",
    "find_spans",
    "redact",
]

_KINDS = "|".join(sorted((k.value for k in EntityKind), key=len, reverse=True))
# Placeholders must not touch a letter/digit/underscore before or a digit after, so PERSON_1 is never
# read inside PERSON_12 or xPERSON_1; detection refuses spans that would create such contacts.
# (The look-behind goes after each kind's first letter, so re skips to capitals rather than trying every character.)
PLACEHOLDER = re.compile(
    rf"(?P<kind>{not_after_each('[A-Za-z0-9_]', _KINDS.split('|'))})_(?P<n>[0-9]+)(?![0-9])"
)
# How much text either side of a placeholder is compared when choosing which original form to restore.
_CONTEXT = 80


class RedactedEntity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    placeholder: str = Field(description="Text that replaced the original, e.g. PERSON_1.")
    kind: EntityKind = Field(description="What sort of identifier was removed.")
    count: int = Field(ge=1, description="How many times it occurred in the text.")


class Redaction(BaseModel):
    """Redacted text plus what was removed. Originals are private: never dumped, logged or shown."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str = Field(description="The input with identifiers replaced by placeholders.")
    entities: list[RedactedEntity] = Field(
        default_factory=list, description="One entry per placeholder, in order of first occurrence."
    )
    # placeholder -> surface form of each occurrence, in order (private: excluded from dumps and repr).
    _originals: dict[str, list[str]] = PrivateAttr(default_factory=dict)

    def originals(self) -> dict[str, list[str]]:
        """Placeholder → the original text of each occurrence. For local display only, never for sending."""
        return {placeholder: list(forms) for placeholder, forms in self._originals.items()}

    def restore(self, text: str) -> str:
        """Put the originals back into `text` (typically model output that used the placeholders).

        Each placeholder gets exactly the form it replaced where the output quotes the redacted text: the
        occurrence whose surrounding text matches the output's best (so a quote of "PERSON_1 was
        transferred to" comes back as "Kaydence was transferred to" when that is what the draft said,
        even if elsewhere the draft says "Kaydence Okonkwo-Bright"). Where the output is the model's own
        words and matches no occurrence, the fullest form is used. restore(redaction.text) is exact.
        Placeholders this redaction did not issue are left alone.
        """
        if text == self.text:
            forms_in_order = {p: iter(forms) for p, forms in self._originals.items()}
            return PLACEHOLDER.sub(
                lambda m: (
                    next(forms_in_order[m.group(0)], m.group(0))
                    if m.group(0) in forms_in_order
                    else m.group(0)
                ),
                text,
            )
        occurrences = self._occurrences()

        def put_back(match: re.Match[str]) -> str:
            placeholder = match.group(0)
            forms = self._originals.get(placeholder)
            if not forms:
                return placeholder
            if len(set(forms)) == 1:
                return forms[0]
            return self._best_form(text, match.start(), match.end(), occurrences[placeholder], forms)

        return PLACEHOLDER.sub(put_back, text)

    def _occurrences(self) -> dict[str, list[tuple[int, int]]]:
        found: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for match in PLACEHOLDER.finditer(self.text):
            if match.group(0) in self._originals:
                found[match.group(0)].append((match.start(), match.end()))
        return found

    def _best_form(
        self, text: str, start: int, end: int, spots: list[tuple[int, int]], forms: list[str]
    ) -> str:
        before = text[max(0, start - _CONTEXT) : start][::-1]
        after = text[end : end + _CONTEXT]
        best, best_score = -1, 0
        for index, (s, e) in enumerate(spots[: len(forms)]):
            score = _common_prefix(before, self.text[max(0, s - _CONTEXT) : s][::-1]) + _common_prefix(
                after, self.text[e : e + _CONTEXT]
            )
            if score > best_score:
                best, best_score = index, score
        # A shared space or full stop says nothing; a shared word or two does.
        if best >= 0 and best_score >= 4:
            return forms[best]
        return max(forms, key=lambda form: (len(TOKEN.findall(form)), len(form)))


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    if a[:n] == b[:n]:
        return n
    lo, hi = 0, n  # binary search on the longest equal prefix: O(log n) slice comparisons
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


# --------------------------------------------------------------------------------------------- selection

# Longer spans win; on equal length the more specific kind wins.
_PRIORITY = {
    EntityKind.EMAIL: 0,
    EntityKind.NHS_NUMBER: 1,
    EntityKind.NI_NUMBER: 1,
    EntityKind.PHONE: 1,
    EntityKind.HANDLE: 2,
    EntityKind.POSTCODE: 2,
    EntityKind.VEHICLE: 2,
    EntityKind.DATE: 3,
    EntityKind.REFERENCE: 4,
    EntityKind.ADDRESS: 4,
    EntityKind.SCHOOL: 5,
    EntityKind.GP_PRACTICE: 5,
    EntityKind.ORG: 6,
    EntityKind.PERSON: 7,
    EntityKind.OTHER_SCRIPT: 8,
}


def _select(text: str, candidates: list[Span], taken: bytearray | None = None) -> list[Span]:
    """Non-overlapping spans, longest first. Touching spans count as overlapping (DATE_1PERSON_2).

    `taken` marks characters already chosen (1) that no candidate may touch."""
    size = len(text)
    taken = bytearray(size + 1) if taken is None else taken  # 1 where a chosen span covers the character
    find = taken.find
    chosen: list[Span] = []
    priority = _PRIORITY
    candidates = candidates + _joined_addresses(text, candidates)
    # The same span is often found by several rules: its copies sort together and all but the first touch it.
    ordered = sorted(candidates, key=lambda s: (s.start - s.end, priority[s.kind], s.start))
    for span in ordered:
        start, end = span.start, span.end
        if end <= start:
            continue
        # No letter, digit or underscore just before, no digit just after (PERSON_1 never touches a word).
        if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue
        if end < size and text[end].isdigit():
            continue
        # A chosen span covering start-1 ends at or after start; one covering end starts at end.
        if find(1, max(0, start - 1), end + 1) != -1:
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append(span)
    chosen.sort(key=_START)
    return chosen


_START = attrgetter("start")
_TITLED_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORG, EntityKind.ADDRESS})


def _a_public_title(text: str, span: Span) -> bool:
    return span.kind in _TITLED_KINDS and is_public_title(text[span.start : span.end])


def _joined_addresses(text: str, candidates: list[Span]) -> list[Span]:
    """Two addresses or two names found overlapping, neither inside the other, as one ("Keeper's Cottage, Top
    Hollow" and "Top Hollow Farm, Long Drove"; "T GRIFFITHS" after a title and "GRIFFITHS CID NEWTOWN" as a run of
    capitals): the longer alone would leave the other's words, and a second reading, with the longer now a
    placeholder, would find them."""
    return _joined(text, candidates, EntityKind.ADDRESS) + _joined(text, candidates, EntityKind.PERSON)


def _joined(text: str, candidates: list[Span], kind: EntityKind) -> list[Span]:
    ordered = sorted((s for s in candidates if s.kind is kind), key=_START)
    joined: list[Span] = []
    current: Span | None = None
    for span in ordered:
        # An address only where the second starts a part of it after a comma: "Elmwood Hill" and "Hill Head" (of
        # "the Elmwood Hill Head", the school's head teacher) are no one address. A name only where the first
        # adds no more than an initial or a particle ("T GRIFFITHS", "DE SOUZA, Thiago"): "Male OKAFOR" is a word
        # and a name.
        if (
            current is not None
            and span.start < current.end < span.end
            and (
                _initials_or_particles(text[current.start : span.start])
                if kind is EntityKind.PERSON
                else text[span.start - 2 : span.start] == ", "
            )
        ):
            current = Span(current.start, span.end, kind, norm(text[current.start : span.end]))
            joined.append(current)
        elif current is None or span.end > current.end:
            current = span
    return joined


def _initials_or_particles(words: str) -> bool:
    return all(len(w.rstrip(".")) == 1 or fold(w) in PARTICLES for w in words.split())


_DISPLAYED_NAME = re.compile(r"[A-Z][a-z'\-]+(?:[ ][A-Z][a-z'\-]+){0,3}")


def _select_more(text: str, selected: list[Span], more: list[Span]) -> list[Span]:
    """`_select(text, selected + more)` for `selected`, already a selection (in order): only the spans that touch a
    new one are weighed again. The others touch nothing that could be chosen, so each is chosen as before."""
    if not more:
        return selected
    if 4 * len(more) > len(selected):
        taken = bytearray(len(text) + 1)  # most would be weighed again anyway: no marking first
        return _with_remainders(text, selected, _select(text, selected + more, taken), taken)
    near = bytearray(len(text) + 2)
    for span in more:
        start = max(0, span.start - 1)
        near[start : span.end + 1] = b"\x01" * (span.end + 1 - start)
    taken = bytearray(len(text) + 1)
    kept: list[Span] = []
    weighed: list[Span] = []  # in the order `selected + more` has them, which settles a tie as before
    for span in selected:
        if near.find(1, span.start, span.end) == -1:
            kept.append(span)
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        else:
            weighed.append(span)
    return sorted(
        kept + _with_remainders(text, weighed, _select(text, weighed + more, taken), taken), key=_START
    )


def _with_remainders(text: str, before: list[Span], chosen: list[Span], taken: bytearray) -> list[Span]:
    """`chosen`, and what the longer spans left of those chosen `before`: "Sefton Chambers, 10 Hatter's Row"
    under "Kelsworth Probation Delivery Unit, Sefton Chambers" still hides "10 Hatter's Row"."""
    if not before:
        return chosen
    won = set(chosen)
    rest = _remainders(text, [span for span in before if span not in won], taken)
    return sorted(chosen + _select(text, rest, taken), key=_START) if rest else chosen


_SEPARATORS = " ,;:-\t"


def _remainders(text: str, displaced: list[Span], taken: bytearray) -> list[Span]:
    """The parts of displaced spans that no chosen span covers, before or after it, without the separators."""
    parts: list[Span] = []
    for span in displaced:
        first = taken.find(1, span.start, span.end)
        if first == -1:
            continue
        last = taken.rfind(1, span.start, span.end)
        for start, end in ((span.start, first), (last + 1, span.end)):
            while start < end and text[start] in _SEPARATORS:
                start += 1
            while end > start and text[end - 1] in _SEPARATORS:
                end -= 1
            piece = text[start:end]
            if sum(c.isalnum() for c in piece) < 3 or fold(piece) in FUNCTION_WORDS:
                continue
            # What is left of a date names a day only with its month ("11 Dec", not "03"); of a name, only
            # where it is no word ("MALE", "Tenant").
            if span.kind is EntityKind.DATE and not any(c.isalpha() or c == "/" for c in piece):
                continue
            if span.kind is EntityKind.PERSON and " " not in piece and is_vocabulary(piece):
                continue
            parts.append(Span(start, end, span.kind, norm(piece)))
    return parts


def _without_jobs_before(text: str, spans: list[Span]) -> list[Span]:
    """A job or rank that a reader joined to the name after it stays, as a title does: in letters ("PC", "SW",
    "VLO Jane Liddington") or the last word of a job's name ("Head of Service Lorraine Hubble", "Forensic Nurse
    Examiner Abbie Lusted"). A word found alone that starts a job's name stays too ("Site Manager", "Beach Safety
    Manager")."""
    kept: list[Span] = []
    for span in (_without_descriptors(text, whole) for whole in spans):
        job, _, rest = text[span.start : span.end].partition(" ")
        if not rest and is_job_letters(job) and text.startswith(" " + MASK, span.end):
            continue  # "| PS PERSON_25 |", redacted again: the rank kept before the name the first time
        if (
            not rest
            and len(job) > 2
            and job.isupper()
            and fold(job) in LOG_DESCRIPTORS
            and span.kind is EntityKind.PERSON
        ):
            continue  # "MOTHER: MISPER PERSON_46", redacted again: the word for who she is, kept the first time
        if not rest and _starts_a_job(text, span):
            continue
        if rest[:1].isupper() and (
            is_job_letters(job)
            or _letters_before_a_full_name(job, rest)
            or _ends_a_job(text, span.start, job)
            or _label_letter_before_a_full_name(text, span.start, job, rest)
        ):
            start = span.start + len(job) + 1
            span = Span(start, span.end, span.kind, norm(text[start : span.end]))
        kept.append(span)
    return kept


_JOB_HEAD_AFTER = re.compile(r"[ ]([A-Z][a-z]{3,})\b")


def _without_jobs_after(text: str, spans: list[Span]) -> list[Span]:
    """An organisation or a place read into the job after it ("North Tyneside MARAC Coordinator", "Roma Community
    Link Worker", "Cafcass Family Court Adviser") keeps only its proper name: the words before the job's last word
    that are ordinary words, acronyms or a service's words go with the job, and a span left with none goes. Over the
    development sets, no such word was labelled part of an identifier (but "Scardale Head", a village, was)."""
    kept: list[Span] = []
    for span in spans:
        head = _JOB_HEAD_AFTER.match(text, span.end) if span.kind in _PLACE_OR_ORG else None
        if head is None or fold(head.group(1)) not in JOB_HEADS or head.group(1) == "Head":
            kept.append(span)
            continue
        end = span.end
        while end > span.start:
            space = text.rfind(" ", span.start, end)  # word by word from the end: no pattern anchored there
            start = span.start if space == -1 else space + 1
            if not _a_job_tail_word(text[start:end]):
                break
            end = max(space, span.start)
        if end == span.end:
            kept.append(span)
        elif (
            any(c.isalpha() for c in text[span.start : end])
            and fold(text[span.start : end]) not in NATIONALITIES
        ):
            kept.append(Span(span.start, end, span.kind, norm(text[span.start : end])))
    return kept


_PLACE_OR_ORG = frozenset({EntityKind.ORG, EntityKind.ADDRESS})


# Where an organisation's or a place's own name ends: these stay with it ("Dartcombe County Council EHE Adviser",
# "Harold Hill Safer Schools Officer"); a court is a job's ("Family Court Adviser").
_NAME_ENDS = word_set("council police constabulary trust hospital partnership") | (
    STREET_OR_HOUSE_WORDS - {"court"}
)


def _a_job_tail_word(word: str) -> bool:
    bare = word.removesuffix("'s")
    folded = fold(bare)
    if folded in _NAME_ENDS:
        return False
    return (
        folded in INSTITUTION_WORDS
        or folded in ACRONYMS
        or (bare.isupper() and len(bare) <= 6)
        or (is_vocabulary(bare) and folded not in place_names())
    )


_NAMED_KINDS = frozenset({EntityKind.PERSON, EntityKind.ORG})


def _a_job_word(word: str) -> bool:
    folded = fold(word)
    return (
        folded not in first_names()
        and folded not in WORD_NAMES  # "ROSE MARY SMITH"
        and (is_vocabulary(word) or folded in ACRONYMS)
    )


def _does(word: str) -> bool:
    """A word for what someone does or is, last before their name: "WALKER", "DRIVER", "GUARD"; not "QUEEN",
    "NELSON" or "ANA"."""
    return word.endswith(("ER", "OR", "IST")) or fold(word) in LOG_DESCRIPTORS or classify(word) == "ROLE"


def _without_descriptors(text: str, span: Span) -> Span:
    """A log's words in capitals for who someone is in the incident, before their name ("FEMALE KATHLEEN WARD",
    "OCCUPANT ADULT LEE HARTNELL", "CALLER BRIDGET MCDONAGH"), stay, as a role does. (Between two names they are
    left: "YOUTH JUSTICE SERVICE", "APPROPRIATE ADULT" and "6 MONTH OLD MALE" would break.)"""
    value = text[span.start : span.end]
    if span.kind not in _NAMED_KINDS or not value.isupper():
        return span
    words = value.split(" ")
    lead = 0
    while lead < len(words) - 1 and (fold(words[lead]) in LOG_DESCRIPTORS or classify(words[lead]) == "ROLE"):
        lead += 1
    # "DOG WALKER BRIAN YEO", "HGV DRIVER STEVEN HUXTABLE", "FARMER NIGEL HOSEGOOD": what someone does, in words or
    # letters no name list holds as a given name, before a listed given name and a surname.
    job = lead
    while job < len(words) - 2 and _a_job_word(words[job]):
        job += 1
    if job > lead and fold(words[job]) in first_names() and _does(words[job - 1]):
        lead = job  # not "QUEEN ELIZABETH HOSPITAL": an organisation named for a person
    if lead == 0:
        return span
    start = span.start + sum(len(w) + 1 for w in words[:lead])
    # What follows who someone is in the incident is their name, whatever the run as a whole read as.
    return Span(start, span.end, EntityKind.PERSON, norm(text[start : span.end]))


# "MA Hope Storr", "AIO Shabana Mir", "ENP Declan Moriarty": two to four capitals before a given name and a surname are a
# job's letters; a person's own initials are not written before their full name.
_JOB_LETTERS_SHAPE = re.compile(r"[A-Z]{2,4}")


def _letters_before_a_full_name(job: str, rest: str) -> bool:
    words = rest.split()
    return (
        _JOB_LETTERS_SHAPE.fullmatch(job) is not None
        and fold(job) not in FUNCTION_WORDS
        and classify(job) != "CAPS_NAME"  # "WARD Martin Joseph": a surname first
        and 2 <= len(words) <= 3
        and all(w[:1].isupper() and w[1:2].islower() for w in words)
        and classify(words[0]) in {"FIRST", "AMBIG"}  # not "TRAN Duc Long", "HMP Forton Moss"
        and not (job[0] == words[0][0] and job[-1] == words[-1][0])  # "JH Jo Hill": a key, her own initials
    )


_NANA = re.compile(r"N(?<![\w'\-]N)ana(?![\w'\-])")
_NAME_AFTER_NANA = re.compile(r"[ ]([A-Z][a-z][\w\-]*)")


_QUALIFIED_KIN = re.compile(r"(?P<q>[A-Za-z]+)[ ](?P<kin>[A-Za-z]+)(?![\w'\-])")


def _without_kin_qualifiers(text: str, spans: list[Span]) -> list[Span]:
    """ "Boro Mama", "Choti Khala": a qualifier before a family word is part of the role, never a name; a name after
    them stays ("Boro Mama AHMED, Jamal" keeps "AHMED, Jamal")."""
    out: list[Span] = []
    for span in spans:
        match = _QUALIFIED_KIN.match(text, span.start)
        if match is None or fold(match["q"]) not in KIN_QUALIFIERS or fold(match["kin"]) not in FAMILY_WORDS:
            out.append(span)
            continue
        start = match.end() + 1  # past the space after the family word
        if span.end > start:
            out.append(Span(start, span.end, span.kind, norm(text[start : span.end])))
    return out


_FAMILY_WORD_BEFORE = re.compile(r"(?<![\w'\-])(?i:" + trie(FAMILY_WORDS) + r")[ ]$")


def _nana_in_name(text: str, span: Span, before: Span | None) -> bool:
    """Whether the "Nana " before a person's name is part of it: before an Akan day name ("Nana Kofi Agyeman"),
    inside a name ("Kwame Nana Asante"), after a surname in capitals ("FUSEINI, Nana Hawa") or after a family
    word, which it cannot be a second time ("mum Nana Hawa Fuseini")."""
    start = span.start - 5
    if fold(text[span.start : span.end].split(" ", 1)[0]) in AKAN_DAY_NAMES:
        return True
    if before is not None and before.kind is EntityKind.PERSON:
        gap = text[before.end : start]
        if gap == " " or (gap == ", " and text[before.start : before.end].isupper()):
            return True
    return _FAMILY_WORD_BEFORE.search(text, max(0, start - 24), start) is not None


def _with_akan_titles(text: str, spans: list[Span]) -> list[Span]:
    """ "Nana" before a name is part of it where it cannot be a grandmother's word (_nana_in_name), and wherever
    else the text writes the same "Nana" and given name ("Nana Hawa: she is fine")."""
    out: list[Span] = []
    titled: list[Span] = []
    named: set[str] = set()
    before: Span | None = None
    for span in spans:
        start = span.start - 5
        if (
            span.kind is EntityKind.PERSON
            and start >= 0
            and text[start : span.start].lower() == "nana "
            and (start == 0 or not text[start - 1].isalnum())
            and _nana_in_name(text, span, before)
        ):
            if before is not None and before.kind is EntityKind.PERSON and text[before.end : start] == " ":
                out.pop()  # "Kwame Nana Asante": one name
                start = before.start
            span = Span(start, span.end, span.kind, norm(text[start : span.end]))
            words = text[span.start : span.end].split()
            given = words[words.index(next(w for w in words if w.lower() == "nana")) + 1 :][:1]
            named.update(fold(w) for w in given)
            if given and fold(given[0]) in AKAN_MEN_DAY_NAMES:
                titled.append(span)
        out.append(span)
        before = span
    if named:
        # A woman's "Nana" and given name, once the text shows them as her name, are her name wherever they stand
        # together; "Nana" alone may still be a grandmother.
        out = [
            Span(span.start - 5, span.end, span.kind, norm(text[span.start - 5 : span.end]))
            if span.kind is EntityKind.PERSON
            and span.start >= 5
            and text[span.start - 5 : span.start].lower() == "nana "
            and (span.start == 5 or not text[span.start - 6].isalnum())
            and fold(text[span.start : span.end].split(" ", 1)[0]) in named
            else span
            for span in out
        ]
    if not titled:
        return out
    # Where the text gives a man "Nana" as a name ("Nana Kwame Asante"), that is who "Nana" is wherever else it
    # stands ("Uncle Nana told him stop", "Nana: check his leg", "Nana Asante's message"). A woman's ("Nana Yaa")
    # may be the grandmother the word names too, so her name is looked for no further.
    covered = _coverage(len(text), out)
    parts = {fold(word) for span in titled for word in text[span.start : span.end].split()}
    alone: list[Span] = []
    for match in _NANA.finditer(text):
        after = _NAME_AFTER_NANA.match(text, match.end())
        if covered[match.start()] or (after is not None and fold(after.group(1)) not in parts):
            continue  # "Nana Sue's": a grandmother's word before her name
        alone.append(Span(match.start(), match.end(), EntityKind.PERSON, "Nana"))
    return sorted(out + alone, key=lambda span: span.start) if alone else out


def _label_letter_before_a_full_name(text: str, start: int, job: str, rest: str) -> bool:
    """ "Child J Jayden Mensah-Cole": a label's letter, then the full name it stands for; not a title's or a log's
    initial before a surname ("Mr J Jones", "MOTHER S LEE")."""
    words = rest.split()
    return (
        len(job) == 1
        and len(words) >= 2
        and all(w[:1].isupper() and w[1:2].islower() for w in words)
        and after_letter_label(text, start, titles=False)
    )


_HEAD_OF = re.compile(r"(?:^|[^\w])(?:Head|Heads|HEAD) of (?:the )?$")


def _ends_a_job(text: str, start: int, word: str) -> bool:
    """ "Head of Service", "Nurse Examiner": the word a job's name ends with, the name after it someone's."""
    return word[:1].isupper() and (
        (
            fold(word) in JOB_HEADS
            and len(word) > 3
            and word[1:].islower()
            and not is_job_letters(word.upper())
        )
        or _HEAD_OF.search(text, max(0, start - 14), start) is not None
    )  # not "Dil Bahadur": a job's letters in a family's notes ("DIL") that are a name too


_JOB_AFTER = re.compile(r"(?:[ ][A-Za-z][a-z]+){0,2}?[ ]([A-Za-z][a-z]+)\b")


def _starts_a_job(text: str, span: Span) -> bool:
    """A word found alone that the next one to three words make a job's name ("Site Manager", "Approved Premises
    Manager", "Polish community link worker"): an ordinary word, not a listed first name ("Hope support worker")."""
    word = text[span.start : span.end]
    if (
        not word[:1].isupper()
        or not is_vocabulary(word)
        or classify(word) in {"FIRST", "AMBIG"}
        or fold(word) in place_names()  # "Kent nurse Sandra Okoro": where she works
    ):
        return False
    after = _JOB_AFTER.match(text, span.end)
    # "not a Spectrum client": a service's client is who it serves, no job's name
    return after is not None and fold(after.group(1)) in JOB_HEADS and fold(after.group(1)) not in PARTY_WORDS


def _person_keys(text: str, spans: list[Span]) -> list[Span]:
    """Key names so a lone part joins the one full name it belongs to (Jayden → Jayden Smith)."""
    owners_by_token: dict[str, set[str]] = defaultdict(set)
    owners_by_part: dict[str, set[str]] = defaultdict(set)
    keys: dict[str, str] = {}  # each distinct spelling is keyed once
    # A record's order ("NOWAK, Kacper", "NGUYEN, VAN HUNG") names the same person as the prose's: the words of
    # a name in any order key as the first order found.
    by_words: dict[tuple[str, ...], str] = {}

    def key_of(span: Span) -> str:
        surface = text[span.start : span.end]
        key = keys.get(surface)
        if key is None:
            key = norm(" ".join(TOKEN.findall(surface)))
            if " " in key:
                key = by_words.setdefault(tuple(sorted(key.split())), key)
            keys[surface] = key
        return key

    for span in spans:
        if span.kind is EntityKind.PERSON:
            key = key_of(span)
            parts = key.split()
            if len(parts) > 1 and key not in owners_by_token.get(parts[0], ()):
                for part in parts:
                    owners_by_token[part].add(key)
                    for piece in part.split("-"):
                        if piece != part:
                            owners_by_part[piece].add(key)
    keyed: list[Span] = []
    joined_key: dict[str, str] = {}  # each distinct spelling is joined to its full name once
    person = EntityKind.PERSON
    for span in spans:
        if span.kind is not person:
            keyed.append(span)
            continue
        surface = text[span.start : span.end]
        full = joined_key.get(surface)
        if full is None:
            full = key_of(span)
            if " " not in full:
                owners = owners_by_token.get(full) or owners_by_part.get(full) or set()
                if len(owners) == 1:
                    full = next(iter(owners))
            elif len(parts := full.split()) == 2 and len(parts[1]) == 1:
                # "Hannah W" is Hannah Wilson when she is the one Hannah whose surname starts so.
                owners = {
                    o
                    for o in owners_by_token.get(parts[0], ())
                    if o != full and o.split()[-1][:1] == parts[1]
                }
                if len(owners) == 1:
                    full = next(iter(owners))
            joined_key[surface] = full
        keyed.append(span if span.key == full else Span(span.start, span.end, person, full))
    return keyed


def _mask(text: str, spans: list[Span]) -> str:
    pieces: list[str] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start < cursor:
            continue
        pieces.append(text[cursor : span.start])
        pieces.append(MASK * (span.end - span.start))
        cursor = span.end
    pieces.append(text[cursor:])
    return "".join(pieces)


_MOST_NAME_WORDS = 8  # five given names, a particle and a double surname fit


def find_spans(text: str, *, learned: bool = True) -> list[Span]:
    """Every identifier in `text`, as non-overlapping spans with their keys (offsets into `text`).

    `learned=False` gives the rules' spans alone: what the learned reader is trained to read after."""
    # A long text yields a hundred thousand spans and tokens, none in a reference cycle: the cyclic
    # collector rescanning them as they are built cost about a tenth of the time on 1 MB inputs.
    with gc_paused():
        return _find_spans(text, learned)


def _coverage(size: int, spans: list[Span]) -> bytearray:
    """One byte per character of a text `size` long: 1 where one of `spans` covers it."""
    covered = bytearray(size + 1)
    for span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    return covered


_CAPITALISED_NEXT = re.compile(r"[ ]{1,2}[A-Z]")


def _find_spans(text: str, learned: bool) -> list[Span]:
    plain = matching_copy(text)
    # Placeholder-like words already in the input keep their meaning and are never matched.
    existing = [Span(m.start(), m.end(), EntityKind.PERSON, "") for m in PLACEHOLDER.finditer(plain)]
    copy = _mask(plain, existing) if existing else plain
    # Spans are checked against the unmasked copy, so none is chosen that would touch a placeholder.
    structured = _select(plain, structured_spans(copy) + other_script_words(copy))
    whole = widened(copy, structured) + towns_before_postcodes(copy, structured)
    if whole:
        structured = _select_more(plain, structured, whole)  # the longer span wins
    later_places = place_mentions(copy, structured) + repeated_values(copy, structured)
    if later_places:
        structured = _select_more(plain, structured, later_places)
    # Names are looked for with the structured finds blanked out, so "Kelly Smith Oakfield Primary
    # School" yields a person and a school rather than the longer match swallowing the name.
    unmasked = Tokens(copy)
    tokens = unmasked.masked(_mask(copy, structured), structured)
    names = context_names(tokens) + list_names(tokens) + speakers(copy) + given_then_caps_surname(tokens)
    names += job_initial_surname(tokens)
    names += record_names(copy) + kin_word_names(copy) + vietnamese_names(copy) + lowercase_titled_names(copy)
    names += month_named_people(copy) + initial_surname_before_job(copy)
    names += signature_names(copy)
    # Runs of capitalised words are read in the unmasked text, so a run around a place already found
    # replaces it whole ("Lewisbridge Police Station" around "Lewisbridge Police").
    names += settled(lone_proper_nouns(unmasked) + the_named_places(copy), names, structured, copy)
    names = after_job_letters(copy, without_opening_verbs(copy, names))
    # A public title read as a name ("Hong Kong" as two surnames, "Modern Slavery") is none, and gives no initials
    # or later mentions to look for; found later by any other reader, it is dropped at the end.
    names = [s for s in names if not _a_public_title(plain, s)]
    # Selection is idempotent: spans already selected, with nothing new, select themselves.
    selected = _select_more(plain, structured, names)
    structured_set = set(structured)
    ordered = surname_orders(tokens.text, selected) + surnames_that_are_words(tokens.text, selected)
    if ordered:
        selected = _select_more(plain, selected, ordered)  # the longer span wins
    # Later mentions are looked for by the parts of each name found; a run of capitals read as one "name" a
    # thousand words long ("KAYDENCE KAYDENCE ...") has no parts anyone is called by.
    found = [
        plain[s.start : s.end]
        for s in selected
        if s.kind is EntityKind.PERSON and plain.count(" ", s.start, s.end) < _MOST_NAME_WORDS
    ]
    found += [given_first(name) for name in found if "," in name]
    # A profile's display name that starts with a listed first name is its owner's name ("Liam Robbo Robshaw" on
    # Facebook): its parts and initials are looked for as a name's are.
    found += [
        plain[s.start : s.end]
        for s in selected
        if s.kind is EntityKind.HANDLE
        and _DISPLAYED_NAME.fullmatch(plain, s.start, s.end)
        and fold(plain[s.start : s.end].split(" ", 1)[0]) in first_names()
    ]
    covered = _coverage(len(plain), selected)
    more = propagate(tokens, found, covered) + initial_mentions(tokens.text, found, covered)
    more += declared_initials(tokens.text, covered) + dotted_initial_names(tokens.text, covered)
    more += role_initials(tokens.text, covered) + dotted_initials(tokens.text, covered)
    more += dotted_letters(tokens.text, covered)
    more += shaped_initials(tokens.text, covered)
    more += lone_initials(tokens.text, found, covered)
    more += pinned_initials(tokens.text, [s for s in selected if s.kind is EntityKind.PERSON], covered)
    more += table_initials(tokens.text, covered) + sign_off_initials(tokens.text, covered)
    more += action_owners(tokens.text, covered)
    more += titled_initials(tokens.text, covered) + single_letter_names(tokens.text, covered)
    more += lowercase_mentions(tokens.text, found, covered) + address_mentions(copy, selected, covered)
    more += user_names(tokens.text, found, covered) + family_surnames(tokens.text, covered)
    more += cell_initial_names(tokens.text, covered)
    more += listed_handles(copy, [s for s in selected if s.kind is EntityKind.HANDLE], covered)
    more += ordinary_town_mentions(copy, selected, covered)
    # A chat's speakers are known only now ("ryzz.tsx: yo"): the note under the chat names them again.
    speaking = [s for s in names if s.kind is EntityKind.HANDLE]
    more += [s for s in repeated_values(copy, speaking) if not covered[s.start]] if speaking else []
    # Services found by their names' words (not their shape) are known only now: their short forms too.
    more += [s for s in place_mentions(copy, selected, initials_only=True) if not covered[s.start]]
    named_later = [
        s
        for s in selected
        if s.kind in PLACE_KINDS and s not in structured_set and not is_sentence_start(copy, s.start)
    ]
    if named_later:
        # Not where a capitalised word goes on from it: "OAKHURST NAILS & BEAUTY" is another name, read later whole.
        more += [
            s
            for s in place_mentions(copy, named_later)
            if not covered[s.start] and not _CAPITALISED_NEXT.match(copy, s.end)
        ]
    if more:
        selected = _select_more(plain, selected, more)
    named = {(s.start, s.end) for s in selected}
    longer = (
        with_initials(copy, selected)
        + vietnamese_given_names(copy, selected)
        + venues_on_streets(copy, selected)
        + whole_org_names(copy, selected)
        + numbered_streets(copy, selected)
        + paired_names(copy, selected)
        + owned_businesses(copy)
        + community_groups(copy)
        + companies(copy)
        + coroners(copy)
        + named_by_domain(copy)
        + web_addresses(copy)
    )
    if longer:
        selected = _select_more(plain, selected, longer)  # the longer span wins
    if learned:
        # Placeholders already in the input stand around words as the spans they replaced did.
        kept = [Span(m.start(), m.end(), EntityKind(m["kind"]), "") for m in PLACEHOLDER.finditer(plain)]
        taken = learned_spans(plain, selected + kept)
        if taken:
            selected = _select_more(plain, selected, taken)
            # A name the learned reader found has its initials too ("W. Thackeray", "Jo P").
            initialled = with_initials(copy, taken)
            # ... and its later mentions in a message's lower case or by its letters, as a name the rules found.
            late_names = [plain[s.start : s.end] for s in taken if s.kind is EntityKind.PERSON]
            if late_names:
                inside = _coverage(len(plain), selected)
                initialled += lowercase_mentions(tokens.text, late_names, inside)
                initialled += initial_mentions(tokens.text, late_names, inside)
            if initialled:
                selected = _select_more(plain, selected, initialled)  # the longer span wins
    # Last, as the learned reader finds places too: a facility named by its place goes with it.
    facilities = facilities_after_places(copy, selected) + found_area_services(copy, selected)
    facilities += units_before_places(copy, selected)
    if facilities:
        selected = _select_more(plain, selected, facilities)  # the longer span wins
    initials = letters_before_found(copy, selected)
    # Services found since by their area or by the learned reader ("THORNBRIDGE & SOUTH VALE SAFEGUARDING
    # CHILDREN PARTNERSHIP (TSVSCP)") are used by their initials too.
    late = [s for s in selected if s.kind in PLACE_KINDS and (s.start, s.end) not in named]
    if late:
        inside = _coverage(len(plain), selected)
        initials += [
            s
            for s in place_mentions(copy, late, initials_only=True, own_initials=True)
            if not inside[s.start]
        ]
    if initials:
        selected = _select_more(plain, selected, initials)
    # Places found by any reader, the learned one too, are known only now: their words in a message's lower case.
    lower_places = place_words_in_lower_case(copy, selected, _coverage(len(plain), selected))
    if lower_places:
        selected = _select_more(plain, selected, lower_places)
    selected = [s for s in selected if not _a_public_title(plain, s)]
    selected = _without_jobs_before(copy, _without_jobs_after(copy, selected))
    return _person_keys(copy, _with_akan_titles(copy, _without_kin_qualifiers(copy, selected)))


def redact(text: str) -> Redaction:
    """Replace personal identifiers in `text` with placeholders. Never raises on any str input."""
    spans = find_spans(text)
    # Placeholder-like words already in the input keep their meaning: we never issue those numbers.
    reserved = {match.group(0) for match in PLACEHOLDER.finditer(text)}
    assigned: dict[tuple[EntityKind, str], str] = {}
    next_number: dict[EntityKind, int] = defaultdict(int)
    originals: dict[str, list[str]] = defaultdict(list)
    pieces: list[str] = []
    cursor = 0
    for span in spans:
        identity = (span.kind, span.key or fold(text[span.start : span.end]))
        if identity not in assigned:
            while True:
                next_number[span.kind] += 1
                candidate = f"{span.kind.value}_{next_number[span.kind]}"
                if candidate not in reserved:
                    break
            assigned[identity] = candidate
        placeholder = assigned[identity]
        originals[placeholder].append(text[span.start : span.end])
        pieces.append(text[cursor : span.start])
        pieces.append(placeholder)
        cursor = span.end
    pieces.append(text[cursor:])
    # Built from this function's own values, which hold the model's constraints: validating each of a long text's
    # ten thousand entities again cost a tenth of a second.
    entities = [
        RedactedEntity.model_construct(placeholder=placeholder, kind=kind, count=len(originals[placeholder]))
        for (kind, _), placeholder in assigned.items()
    ]
    redaction = Redaction(text="".join(pieces), entities=entities)
    redaction._originals.update(originals)
    return redaction


def check_redacted(text: str) -> None:
    """Raise InputError if `text` still contains something `redact` would remove (names no originals)."""
    found = find_spans(text)
    if found:
        kinds: dict[str, int] = defaultdict(int)
        for span in found:
            kinds[span.kind.value] += 1
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        raise InputError(
            f"text meant for a model still contains personal data ({summary})",
            fix="pass it through assistant.privacy.redact() and send Redaction.text",
        )
