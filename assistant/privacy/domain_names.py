"""Web addresses of local services, and organisations named by the words of a web or email address in the
same text.

A local service's address spells its name: "kyle.oduro@spectrumrecovery.org.uk" and "Spectrum", "Harrow Road
Advocacy" and "harrowroadadvocacy.org.uk", "Furrow & Field" and "furrowandfield". No word list knows such a
name ("Spectrum", "Second Chance" and "Sister Circle" are ordinary words), but the address is the text's own
evidence that the words are a name. The address itself is found as an email elsewhere.
"""

from __future__ import annotations

import re
from itertools import islice

from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.words import (
    ACRONYMS,
    FAMILY_WORDS,
    FUNCTION_WORDS,
    NATIONALITIES,
    ROLE_WORDS,
    countries,
    first_names,
    fold,
    is_role_abbreviation,
    is_vocabulary,
    place_names,
    public_names,
    surnames,
    trie,
    word_set,
)

# "name@label.org.uk", "www.label.co.uk", "https://label.org": the label is the host's first part.
# An email's host only, not a handle ("@gogo.rumbi").
# Each way in opens with its character, any look-behind after it, so re skips to "@", "w" and ":".
_HOST = re.compile(r"(?:@(?<=[\w.+\-]@)|w(?<!\ww)ww\.|://)(?P<label>[A-Za-z0-9][A-Za-z0-9\-]{3,62})\.")
# Hosts of mail and of public bodies, which say nothing of whose address it is.
_GENERIC_HOSTS = word_set(
    "nhs gmail googlemail hotmail outlook yahoo icloud live btinternet aol sky virginmedia protonmail mail "
    "email gov police pnn met cjsm justice hmcts probation education parliament"
)
# A word as a name is written, not inside an address or a handle ("spectrumrecovery" in the email itself).
_WORD = re.compile(r"(?<![\w@./\-])(?:[A-Za-z][A-Za-z'’]*|&)(?![\w@/]|\.[A-Za-z])")
_MOST_WORDS = 7
_LOOK_AHEAD = 400  # characters: more than seven words and what follows
_LONGER_NAME_AFTER = re.compile(r"[ ](?:[A-Z0-9])")
_SHORTEST = 6  # letters of a name read from a part of a host: "Pathways", not "Kent"


def _labels(text: str) -> set[str]:
    labels: set[str] = set()
    for match in _HOST.finditer(text):
        label = match.group("label").lower()
        parts = [part for part in label.split("-") if part]
        if label in _GENERIC_HOSTS or not parts or not any(_names_a_local_body(part) for part in parts):
            continue  # a national body's host names no local service ("nationalarchives.gov.uk")
        labels.add("".join(parts))
        # "fountainofgrace-leicester": a part long enough to be a name of several words is one too
        labels.update(part for part in parts if len(part) >= 8 and part not in _GENERIC_HOSTS)
    return {label for label in labels if label.isalpha()}


def _letters(word: str) -> str:
    return "and" if word == "&" else re.sub(r"[^a-z]", "", word.lower())


# What a host adds after a service's name: "spectrum" + "recovery", "secondchance" + "boxing", "alumheath" +
# "mash". A host that runs on into anything else ("levels" + "bridge", "calder" + "brook") is a longer name.
_SERVICE_TAILS = word_set(
    "recovery boxing travel support services service trust care centre center project group charity uk online "
    "team hub foundation academy school college church ministries housing homes fc jfc cic ltd dental health "
    "advocacy youth counselling community network partnership lettings ap aps camhs mash scp lscp cc hc idva"
)


# "www.southhollandda.org.uk", "https://www.derby.gov.uk/fostering": a web address, with its path.
_WEB_ADDRESS = re.compile(
    r"(?<![\w@.\-])(?:https?://(?:www\.)?|www\.)(?P<host>[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+)"
    r"(?:/[^\s<>()\[\]\"'|,;]*)?"
)
# The parts of a host that say only what kind of body it is, or that it is an example.
_HOST_KINDS = word_set(
    "gov nhs police org co sch ac uk com net info io ltd plc mod me eu int example wales scot"
)


def web_addresses(text: str) -> list[Span]:
    """A web address whose host names a local body or a firm (`www.lincolnshire.gov.uk`, `www.afrs-berks.org.uk`):
    it says where a family is and who works with them. A national body's or a public site's stays
    (`www.gov.uk/...`, `www.nspcc.org.uk`, `www.education.gov.uk`): every part of its host is an ordinary word, a
    public name or an acronym."""
    if "www." not in text and "://" not in text:
        return []
    spans: list[Span] = []
    for match in _WEB_ADDRESS.finditer(text):
        parts = [part for part in match.group("host").lower().split(".") if part not in _HOST_KINDS]
        if not any(_names_a_local_body(part) for part in parts):
            continue
        end = match.end()
        while end > match.start("host") and text[end - 1] in ".:!?":
            end -= 1  # the sentence's full stop is not the address's
        spans.append(Span(match.start(), end, EntityKind.ORG, match.group("host").lower()))
    return spans


def _names_a_local_body(part: str) -> bool:
    if part in public_names() or part in ACRONYMS or part.isdigit():
        return False
    return part in place_names() or not is_vocabulary(part)  # "derby" of derby.gov.uk is a town first


def _no_name_alone(word: str) -> bool:
    """A word that is never a service's whole name by itself: a people, a country, a job, a name's part."""
    folded = fold(word)
    return (
        folded in NATIONALITIES
        or folded in countries()
        or folded in ROLE_WORDS
        or folded in FUNCTION_WORDS
        or folded in first_names()
        or folded in surnames()
    )


def _runs_on(word: str, *, caps: bool) -> bool:
    folded = fold(word)
    return (
        word[:1].isupper()
        and word.isupper() == caps
        and folded not in ROLE_WORDS
        and folded not in ACRONYMS
        and folded not in FUNCTION_WORDS
        and folded not in FAMILY_WORDS
        and not is_role_abbreviation(word)
        and (not is_vocabulary(word) or folded in _NAME_HEADS)
    )


# Words that end a service's name after the words its host spells ("Valleys Homes Cymru", "Roma Hope Ashworth"
# is a place): ordinary words other than these are the sentence going on.
_NAME_HEADS = word_set(
    "cymru trust centre center service services project group network team hub ltd limited"
)


def named_by_domain(text: str) -> list[Span]:
    """Runs of words whose letters spell a host of the text, whole ("Sister Circle" for sistercircle) or as
    its start ("Spectrum" for spectrumrecovery), and the capitalised words that run on after a whole match
    ("Valleys Homes Cymru" for valleyshomes)."""
    if "@" not in text and "www." not in text and "://" not in text:
        return []
    labels = _labels(text)
    if not labels:
        return []
    # Only a capitalised word that starts as a host does is read on from ("Spe" of spectrumrecovery): a megabyte
    # of words is not tokenised whole.
    finder = re.compile(r"(?<![\w@./\-])(?i:" + trie({label[:3] for label in labels}) + ")")
    beginnings = {label[:n] for label in labels for n in range(1, len(label) + 1)}
    # "spectrum" of spectrumrecovery: what is left of a host before a service's word
    served = {
        label[: -len(tail)]
        for label in labels
        for tail in _SERVICE_TAILS
        if label.endswith(tail) and len(label) - len(tail) >= _SHORTEST
    }
    spans: list[Span] = []
    resume = 0
    for hit in finder.finditer(text):
        if hit.start() < resume or not text[hit.start()].isupper():
            continue
        first = _WORD.match(text, hit.start())
        if first is None or _letters(first.group(0)) not in beginnings:
            continue  # "Spelling" of a host spelt "spectrum...": no host starts with the whole word
        words = list(islice(_WORD.finditer(text, hit.start(), hit.start() + _LOOK_AHEAD), 2 * _MOST_WORDS))
        if not words or words[0].start() != hit.start():
            continue
        found = _named_at(text, words, labels, beginnings, served)
        if found is not None:
            resume, span = found
            if span is not None:
                spans.append(span)
    return spans


def _named_at(
    text: str, words: list[re.Match[str]], labels: set[str], beginnings: set[str], served: set[str]
) -> tuple[int, Span | None] | None:
    """Where the words from words[0] that spell a host end, and the service they name (None where they begin a
    longer name, left to its readers); None where they spell no host."""
    best: tuple[int, bool] | None = None  # index of the last word, and whether the host is spelt whole
    letters = ""
    for j in range(min(_MOST_WORDS, len(words))):
        if j > 0 and text[words[j - 1].end() : words[j].start()] != " ":
            break  # a name's words stand one space apart
        letters += _letters(words[j].group(0))
        if letters not in beginnings:
            break
        if words[j].group(0) == "&":
            continue
        whole = letters in labels
        if whole or letters in served:
            best = (j, whole)
    if best is None:
        return None
    last, whole = best
    run = text[words[0].start() : words[last].end()]
    if last == 0 and (fold(run) in place_names() or fold(run) in public_names()):
        return (
            None  # "Leicester" of leicesterscp.org.uk: a place's or a public body's name, not the service's
        )
    if last == 0 and (_no_name_alone(run) or (whole and is_vocabulary(run))):
        return None  # "Romanian" of romaniancommunity.org.uk; "Independent" of independent.co.uk
    if whole:
        # The rest of the name, after the words the host spells: "Cymru" of "Valleys Homes Cymru", in the same
        # case and no job's or family's word ("Kent CSWS DSL", "SAFE SPACES MOTHER").
        while (
            last + 1 < min(_MOST_WORDS, len(words))
            and text[words[last].end() : words[last + 1].start()] == " "
            and _runs_on(words[last + 1].group(0), caps=run.isupper())
        ):
            last += 1
    if _LONGER_NAME_AFTER.match(text, words[last].end()):
        # "KELSMOOR HEALTH CENTRE", "Calderbrook 0-19" (kelsmoor.gov.uk is the council's): a longer name, which
        # the readers of services and places find whole.
        return words[last].end(), None
    return words[last].end(), Span(words[0].start(), words[last].end(), EntityKind.ORG, "")
