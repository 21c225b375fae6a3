"""Who speaks in a pasted message thread: the names before the colons.

A thread copied from a phone ("mase: hes back again", "Morwenna 22:52: thank you", "[12/03/24, 21:14] kez:
where u at") names its speakers the way no sentence does: in lower case, as nicknames, as ordinary words
("court", "jay"). Nothing in the word marks it as a name; the shape of the thread does. A run of three or
more lines that each start with a short label and a colon is a thread when a label comes back (people take
turns) or labels are written in lower case, as phones show them, and some label reads as someone (a role,
a listed first name, a word no dictionary has). A form's fields ("Name:", "DOB:", "Care proceedings:")
are capitalised words and are never speakers; a file's keys ("guidance:", "query:") read as no one. In a
thread, every label word is a person (or a handle, if shaped like one) unless it is a role ("mum", "nan",
"Bhua ji"), a word such as "me", or a time.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from assistant.privacy.initials import letters_not_initials
from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.names import HONORIFICS, after_letter_label, classify
from assistant.privacy.normalise import joined_before
from assistant.privacy.words import (
    ACRONYMS,
    MESSAGE_NAME_AFTER,
    MESSAGE_NAME_BEFORE,
    NOT_NAME_STARTS,
    chat_words,
    common_words,
    first_names,
    fold,
    is_vocabulary,
    word_set,
)

# A line that starts with a speaker: an optional time stamp ("[12/03/24, 21:14]", "22:40 -"), one to three
# words, an optional date and time after them ("Jan 25 May 22:40") or a bracket ("kez (snap: kezzaa.cw2)"),
# then a colon and the message (a bracket may hold a number: "precious (from chioma's phone to mummy +234 803 555
# 0192)"). Every quantifier is bounded and possessive, so a line costs linear time.
_STAMP = r"(?:\[?[0-9][0-9/:,. \-]{3,20}+\]?[ ]?(?:-[ ])?)?"
_WORD = r"[^\W\d_][\w.'\-]{0,29}+"
_AFTER = (
    r"(?:[ ](?:[0-9]{1,2}[ ][A-Za-z]{3,9}[ ])?[0-9]{1,2}[:.][0-9]{2}(?:[ ]?[ap]m)?|[ ]\([^()\n]{1,60}+\))?"
)
# A phone's contact name often ends in an emoji ("Ty 🐐:"); \x00 is a placeholder blanked out (kinds.MASK),
# which is never one.
_EMOJI = r"(?:[ ]?[^\w\s:()\[\]\x00]{1,8}+)?"
_SPEAKER_LINE = re.compile(
    rf"^[ \t]{{0,4}}+{_STAMP}(?P<label>{_WORD}(?:[ ]{_WORD}){{0,2}}+){_EMOJI}{_AFTER}:[ ](?=\S)", re.MULTILINE
)
# Lines a thread may hold between its messages: a translation ("→ ..."), a note in brackets, a blank line.
_ASIDE_LINE = re.compile(r"[ \t]*+(?:→|->|\(|\[(?![0-9])|$)")
_HANDLE_SHAPE = re.compile(r"[\w.\-]*[0-9_.][\w.\-]*")
# Labels that name no one: the writer, the unknown, a form's own words when a form repeats a field.
_NOT_SPEAKERS = word_set(
    "me you us them him her they we i unknown number caller operator handler call officer q a note notes "
    "date time from to subject re sent received message messages text texts reply translation translated "
    "said says asked answer question comment action outcome"
)
_PERSONAL = frozenset({"ROLE", "FIRST", "AMBIG", "INITIAL"})
_MIN_LINES = 3


# A message's sender by handle with the name its app displays in brackets ("kelvin_lau_hk (Kelvin):",
# "mikeyyy_0117 (mike):"): the bracket is a person even where it is also a word; over the development sets 17 of
# 23 were, and the rest were a date, an app or a family word.
_HANDLE_THEN_DISPLAY = re.compile(
    r"^[ \t]{0,4}+(?:\[?[0-9][0-9/:,. \-]{3,20}+\]?[ ]?)?(?P<h>[A-Za-z][\w.\-]{0,29}+)"
    r"[ ]\((?P<d>[^\W\d_][\w.'\-]{0,19}(?:[ ][^\W\d_][\w.'\-]{0,19}){0,2})\):",
    re.MULTILINE,
)


def _displayed_names(text: str) -> list[Span]:
    spans = []
    for match in _HANDLE_THEN_DISPLAY.finditer(text):
        if not _HANDLE_SHAPE.fullmatch(match.group("h")):
            continue  # "kez (snap: kezzaa.cw2):" is a name, its bracket a note
        words = match.group("d").split()
        if any(fold(w) in NOT_NAME_STARTS or classify(w) in {"ROLE", "FUNCTION", "TITLE"} for w in words):
            continue  # "(Instagram DM)", "(nana)"
        spans.append(Span(match.start("d"), match.end("d"), EntityKind.PERSON, ""))
    return spans


def speakers(text: str) -> list[Span]:
    """The speakers' names in every message thread of `text` (spans in `text`), and the people the messages
    name in lower case where a name goes ("me n rico", "tell kezz 2 come", "leon will come round")."""
    if ": " not in text:
        return []
    spans: list[Span] = _displayed_names(text) if "(" in text else []
    never: frozenset[str] | None = None  # the letters the text makes labels, read once a speaker is a letter
    for thread in _threads(text):
        if not _people_taking_turns(thread):
            # An email's header fields straight after a chat ("Note:", "From:", "Sent:") are no speakers, and do
            # not make the time-stamped messages before them a form: each run of stamped lines is read alone.
            runs = [run for stamped, run in _stamp_runs(thread) if stamped and _people_taking_turns(run)]
            if not runs:
                continue
            thread = [match for run in runs for match in run]
        labels = Counter(fold(match.group("label")) for match in thread)
        if never is None and any(len(label) == 1 for label in labels):
            never = letters_not_initials(text)
        for match in thread:
            label = match.start("label")
            stamped = _stamped(match)
            # "17:41 T: u said i could msg" where the review calls the child "Child T": the label, no one's initial
            if not (never and match["label"] in never):
                spans += [
                    Span(label + a, label + b, kind, "")
                    for a, b, kind in _label_names(match["label"], stamped)
                ]
            start, end = match.end(), text.find("\n", match.end())
            message = text[start : len(text) if end == -1 else end]
            spans += [
                Span(start + a, start + b, EntityKind.PERSON, "") for a, b in _named_in_message(message)
            ]
    return spans


def _stamped(match: re.Match[str]) -> bool:
    return match.group(0).lstrip()[:1] in "0123456789["


def _people_taking_turns(thread: list[re.Match[str]]) -> bool:
    """Whether a run of labelled lines is people taking turns, not a form's or a file's fields."""
    labels = Counter(fold(match.group("label")) for match in thread)
    lower = sum(match.group("label")[:1].islower() for match in thread)
    if len(thread) < _MIN_LINES or (labels.most_common(1)[0][1] < 2 and lower < 2):
        return False  # each label once, capitalised: a form's fields, not people taking turns
    # Two labels or more taking turns, each line time-stamped, are a chat's senders even when each is also a
    # word ("18/02 22:14  tiny: u on tmrw", "kas: cant"); a file's keys carry no time.
    timed = len(labels) >= 2 and all(_stamped(match) for match in thread)
    # "guidance:", "query:" again and again: a file's keys, not people
    return timed or any(_reads_as_someone(word) for label in labels for word in label.split())


def _stamp_runs(thread: list[re.Match[str]]) -> list[tuple[bool, list[re.Match[str]]]]:
    """The thread cut where its lines go from time-stamped to not, or back."""
    runs: list[tuple[bool, list[re.Match[str]]]] = []
    for match in thread:
        stamped = _stamped(match)
        if runs and runs[-1][0] == stamped:
            runs[-1][1].append(match)
        else:
            runs.append((stamped, [match]))
    return runs


# A message's words, each read with the words around it (words.MESSAGE_NAME_BEFORE and _AFTER say where a
# message names someone).
_MESSAGE_WORD = re.compile(r"[a-z]{3,12}(?![\w'@\-]|\.\w)")
_WORDS_BEFORE = re.compile(r"([a-z]+)[ ]$")
_WORD_AFTER = re.compile(r"[ ]([a-z]+)\b")


# This reader and _label_names see one message or one label alone and give offsets into it, so each is cached:
# people take turns under a few labels, and short messages ("ok", "where u at") come back again and again.
@lru_cache(maxsize=1 << 14)
def _named_in_message(text: str) -> tuple[tuple[int, int], ...]:
    """The words of one message that name someone, as (start, end) in the message."""
    found: list[tuple[int, int]] = []
    for match in _MESSAGE_WORD.finditer(text):
        word = match.group(0)
        if joined_before(text, match.start(), "_'@.-"):
            continue  # the end of a longer word or handle
        if is_vocabulary(word) or word in chat_words() or classify(word) in {"ROLE", "FUNCTION", "TITLE"}:
            continue
        before = _WORDS_BEFORE.search(text, max(0, match.start() - 6), match.start())
        after = _WORD_AFTER.match(text, match.end())
        if (before is not None and before.group(1) in MESSAGE_NAME_BEFORE) or (
            after is not None and after.group(1) in MESSAGE_NAME_AFTER
        ):
            found.append((match.start(), match.end()))
    return tuple(found)


def _threads(text: str) -> list[list[re.Match[str]]]:
    """Runs of speaker lines, with only asides (translations, blank lines) between them."""
    threads: list[list[re.Match[str]]] = []
    current: list[re.Match[str]] = []
    last_end = 0
    for match in _SPEAKER_LINE.finditer(text):
        between = text[last_end : match.start()]
        if current and not all(_ASIDE_LINE.match(line) for line in between.split("\n")[1:-1]):
            threads.append(current)
            current = []
        current.append(match)
        end = text.find("\n", match.end())
        last_end = len(text) if end == -1 else end
    if current:
        threads.append(current)
    return threads


def _reads_as_someone(word: str) -> bool:
    """A role ("mum"), a listed first name ("jay") or a word no dictionary has ("mase", "kez")."""
    return classify(word) == "ROLE" or word in first_names() or not is_vocabulary(word)


@lru_cache(maxsize=1 << 12)
def _label_names(label: str, after_stamp: bool) -> tuple[tuple[int, int, EntityKind], ...]:
    """The words of one speaker label that name someone, as one span (start, end, kind in the label): "nanna
    trace" → "trace", "D Roc", "Teklay G"; "moth.girl" is a handle."""
    start = 0
    words = label.split()
    first = words[0]
    field = classify(first) not in _PERSONAL or (len(words) > 1 and words[1].islower())
    # A label after a date or time stamp is who sent a message, even an ordinary word ("21:49 Aga:"), unless
    # it is a word of this genre's forms ("14:02 Outcome:").
    stamped = after_stamp and fold(first) not in common_words()
    if len(first) > 1 and first[:1].isupper() and is_vocabulary(first) and field and not stamped:
        return ()  # a field ("Other party:", "Care proceedings:", "CALLER:"), not a speaker ("Nan Denise:")
    if (
        len(words) >= 3
        and first[:1].isupper()
        and words[-1].islower()
        and fold(words[-1]) in common_words()
        and any(classify(word) == "ROLE" for word in words[1:-1])
    ):
        return ()  # a job's note, its kind in letters ("DA Worker comment:"), not initials speaking
    kept: list[tuple[int, int, EntityKind]] = []
    for word in re.finditer(r"\S+", label):
        value = word.group(0).rstrip(".'")
        folded = fold(value)
        # A time-stamped "A:" is a sender's initial ("22:11 A: don't leave him alone"); unstamped, an answer.
        stamped_letter = after_stamp and value == "A" and len(words) == 1
        if (len(value) < 2 and not value.isupper()) or folded in ACRONYMS:
            continue
        if folded in _NOT_SPEAKERS and not stamped_letter:
            continue
        if len(value) == 1 and after_letter_label(label, word.start()):
            continue  # "Child S:": the review's label for the child, who speaks under it
        if folded in HONORIFICS and not kept and word.start() > 0:
            continue  # "Bhua ji": the honorific of a kinship word ("Jan:" alone is someone)
        if _HANDLE_SHAPE.fullmatch(value) and not value.isdigit():
            kind = EntityKind.HANDLE
        elif (classify(value) in {"ROLE", "FUNCTION", "TITLE"} and not stamped_letter) or value.isdigit():
            continue  # "mum", "cuz", "Nan"; "PC" of "PC Hartley"
        else:
            kind = EntityKind.PERSON
        begin = start + word.start()
        if kept and kept[-1][2] is kind is EntityKind.PERSON and kept[-1][1] == begin - 1:
            begin = kept.pop()[0]  # "D Roc", "Teklay G": one name
        kept.append((begin, start + word.start() + len(value), kind))
    return tuple(kept)
