"""Proper nouns that no list and no cue names: a capitalised word that is no English word, no listed name
and no public name is somebody's or some place's own name ("Kesterby", "Okonjo"), and so is the run of
capitalised words it heads or ends ("Hollinbrook Magistrates", "Safe Haven Ribblesdale").

The name rules need a list or a cue (a title, a role, a label); a new writer's towns, surnames and local
services often have neither, and each writer brings new ones, so no list of them can be finished. The
converse can: SCOWL's ordinary English words (115,000 of them), this genre's vocabulary and a list of public
names (countries, large cities, platforms, brands, medicines) say what a capitalised word is when it is not
a name. What none of them knows is taken for one.

A word alone is a place after "in", "at", "from", "to"... and a person otherwise; a run with an ordinary
word in it is a service or organisation, a school or a GP practice by its last word. A word taken here in
one place is a place everywhere the text uses it, so it keeps one placeholder.
"""

from __future__ import annotations

import re

from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.names import Tok, Tokens
from assistant.privacy.words import ACRONYMS, INSTITUTION_WORDS, fold, is_vocabulary, norm, surnames, word_set

# Capitalised words a service's or organisation's name is made of, after or before the place's own word.
_NAME_CLASSES = frozenset({"UNKNOWN", "FIRST", "AMBIG", "SURNAME", "CAPS_NAME"})
_RUN_CLASSES = _NAME_CLASSES | {"COMMON", "CAPS", "ROLE"}
# Role words that are a service's, not a person's: they stay in a run's name ("Kesterby Children's Services").
_SERVICE_WORDS = INSTITUTION_WORDS | word_set("care community visiting youth offending justice")
# What may join two words of one name: a space, and "&", "and", "of", "upon" between spaces.
_GLUE = frozenset({" ", " & ", " and ", " of ", " upon ", " of the "})
# Labels in capitals that follow a name in a record, not part of it ("Freya DOB").
_LABELS = word_set("dob dod age tel mob nhs ni ref aka nfa")
# "to", "from" and "of" are left out: "spoke to Colette", "a text from Colette".
_PLACE_BEFORE = word_set("in at near towards toward into around via outside inside across within nr")
_SCHOOL_ENDS = word_set(
    "school academy primary college nursery infants juniors preschool pre-school pru university sixth form "
    "montessori"
)
_GP_ENDS = word_set("surgery practice partnership")
# A capitalised word before these is part of a thing's name, not a name: "Moses basket".
_NAMED_BY = re.compile(r"[ ]{1,2}(?:basket|baskets|syndrome|disease|technique|test|scale)\b")
_LAST_WORD = re.compile(r"([A-Za-z][\w'\-]*)\W*$")


def _unheard_of(tok: Tok, text: str) -> bool:
    """No English word, no listed name or role, no acronym: somebody's or some place's own name."""
    if tok.cls == "UNKNOWN":
        return not is_vocabulary(tok.text) and _NAMED_BY.match(text, tok.end) is None
    if tok.cls == "CAPS":
        # A surname in a police log's capitals ("KILBRIDE"); short or vowel-less capitals are acronyms.
        word = tok.text
        return (
            len(word) >= 5
            and fold(word) not in ACRONYMS
            and sum(c in "AEIOUY" for c in word) >= 2
            and not is_vocabulary(word)
        )
    return False


def _run(tokens: Tokens, i: int) -> tuple[int, int]:
    """The first and last token of the capitalised run around token i."""
    items, text = tokens.items, tokens.text
    caps = items[i].text.isupper()

    def fits(tok: Tok, glue: str) -> bool:
        if glue not in _GLUE or tok.cls not in _RUN_CLASSES or not tok.text[:1].isupper():
            return False
        if caps or tok.cls == "CAPS":
            # A name in capitals runs on in capitals; an acronym ends a service's name ("Wendale CAIU"),
            # but "Holloway and CAMHS" are two things.
            return tok.text.isupper() and fold(tok.text) not in _LABELS and (caps or glue == " ")
        return True

    first = i
    while first > 0 and fits(items[first - 1], text[items[first - 1].end : items[first].start]):
        first -= 1
    last = i
    while last + 1 < len(items) and fits(items[last + 1], text[items[last].end : items[last + 1].start]):
        last += 1
    # A role or an acronym before a name is a job ("MASH Manager Olu Adebayo"); a person's role after one
    # is not part of it ("Okonjo Mother"), but a service's words are ("Fellbridge Early Help").
    for k in range(i - 1, first - 1, -1):
        if items[k].cls == "ROLE" and fold(items[k].text) not in _SERVICE_WORDS:
            first = k + 1  # "Paediatric Liaison Nurse Tamsin Holloway": the job ends at its role word
            break
    while first < i and (
        items[first].cls == "ROLE" or (items[first].text.isupper() and fold(items[first].text) in ACRONYMS)
    ):
        first += 1
    while last > i and items[last].cls == "ROLE" and fold(items[last].text) not in _SERVICE_WORDS:
        last -= 1
    return first, last


def _kind(tokens: Tokens, first: int, last: int) -> EntityKind:
    items, text = tokens.items, tokens.text
    if last == first:
        return EntityKind.PERSON
    end = fold(items[last].text)
    if end in _SCHOOL_ENDS:
        return EntityKind.SCHOOL
    if end in _GP_ENDS:
        return EntityKind.GP_PRACTICE
    names = [items[k].cls in _NAME_CLASSES or _unheard_of(items[k], text) for k in range(first, last + 1)]
    if all(names) or (
        last == first + 1 and (_unheard_of(items[last], text) or fold(items[last].text) in surnames())
    ):
        return EntityKind.PERSON  # "Rubina Akhtar", "Olu Adebayo", "Liberty Gaskell"
    return EntityKind.ORG


def lone_proper_nouns(tokens: Tokens) -> list[Span]:
    """Every run of capitalised words with a word in it that is nothing but a name."""
    items, text = tokens.items, tokens.text
    found: list[tuple[int, int, EntityKind]] = []
    places: set[str] = set()
    i = 0
    while i < len(items):
        if not _unheard_of(items[i], text):
            i += 1
            continue
        first, last = _run(tokens, i)
        kind = _kind(tokens, first, last)
        before = _LAST_WORD.search(text, max(0, items[first].start - 16), items[first].start)
        if kind is EntityKind.PERSON and before is not None and fold(before.group(1)) in _PLACE_BEFORE:
            kind = EntityKind.ADDRESS
            places.add(fold(items[i].text))
        found.append((first, last, kind))
        i = last + 1
    spans: list[Span] = []
    for first, last, kind in found:
        start, end = items[first].start, items[last].end
        if kind is EntityKind.PERSON and first == last and fold(items[first].text) in places:
            kind = EntityKind.ADDRESS  # one place, one placeholder
        spans.append(Span(start, end, kind, norm(text[start:end])))
    return spans


def settled(found: list[Span], names: list[Span], places: list[Span], text: str) -> list[Span]:
    """The runs `lone_proper_nouns` found in the unmasked text, made to fit what other rules found: a run that
    cuts across a name or an identifier found by a surer rule gives way to it ("Tamsin Holloway and CAMHS",
    "Kia Picanto YX 19 KLN"), and a run around a place already found takes that place's kind
    ("Kingsmead Heath Library")."""
    if not found:
        return found
    owner = [0] * (len(text) + 1)  # which span (1-based) covers each character
    for number, span in enumerate(names + places, 1):
        owner[span.start : span.end] = [number] * (span.end - span.start)
    kind_at = {span.start: span.kind for span in places if span.kind is not EntityKind.PERSON}
    exact = {(span.start, span.end) for span in names}
    # A word found alone that is part of an address elsewhere is that place ("Home: 2 Dye Lane, Oakworthy").
    place_words = {
        fold(word) for span in places if span.kind is EntityKind.ADDRESS for word in _words(span, text)
    }
    kept: list[Span] = []
    for span in found:
        start, end = span.start, span.end
        if (start and owner[start] and owner[start] == owner[start - 1]) or (
            owner[end - 1] and owner[end - 1] == owner[end]
        ):
            continue
        if (start, end) in exact:
            continue  # the surer rule already has it, with its kind ("Our worker Gina Price")
        inner = next((kind_at[k] for k in range(start, end) if k in kind_at), None)
        if inner is None and span.kind is EntityKind.PERSON and fold(text[start:end]) in place_words:
            inner = EntityKind.ADDRESS
        kept.append(Span(start, end, inner, span.key) if inner is not None else span)
    return kept


def _words(span: Span, text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text[span.start : span.end])
