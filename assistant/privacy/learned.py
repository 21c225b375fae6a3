"""A second reader, learned from the labelled sets: after every rule has run, it weighs each capitalised word or
code the rules left, by what the word is and what stands around it, and takes those whose weight passes a
threshold, with the capitalised run they stand in ("Safe Steps", "Coastal Community Health") and every other
mention of that run.

Why: rules catch what a cue or a list marks as a name. What is left on a new writer's text (about four identifiers
in a hundred) is what no single cue marks: initials with no key, services named with ordinary words, a surname
alone in a police log. A weighted reading of many weak signals at once catches part of it. The weights are a
logistic regression trained by `assistant.privacy.train_learned` on the development sets in
`evals/redaction/dev` and shipped as `data/learned_weights.tsv`; training it leave-one-set-out says what it adds on
a writer it never saw (evals/redaction/README.md).

It never takes a role or family word, a title or a function word, so it cannot cost a role word by itself; it may
still take a word a writer marked inside a role ("Hope's dad").
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources

from assistant.lexicon import MONTH_WORDS, WEEKDAY_WORDS
from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.words import (
    ACRONYMS,
    FAMILY_WORDS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    JOB_HEADS,
    KIN_TITLES,
    NATIONALITIES,
    ROLE_ABBREVIATIONS,
    ROLE_WORDS,
    chat_words,
    common_words,
    data_lines,
    english_words,
    first_names,
    fold,
    is_public_title,
    place_names,
    public_names,
    surnames,
    welsh_words,
    word_set,
)

WEIGHTS_FILE = "learned_weights.tsv"
WORD = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*")
_POSSESSIVE = re.compile(r"'s$")
_TITLES = word_set("mr mrs ms miss mx dr prof rev revd sir dame lord lady")
# Words that may join a run's capitalised words ("Our Lady of Lourdes", "Home to School Transport").
_CONNECTORS = word_set("of the for from at in to on de da van von der den le la al el bin ibn")
_GAPS = frozenset((" ", "-", " & ", " - "))
_STAND_IN = re.compile(r"\[[A-Za-z][A-Za-z ]{0,29}\]")  # a writer's label of letters: "[Name]", "[Host Area]"
# ... and the capitalised words already after one: "[Area] NHS Trust", "[Name] Church" are the rest of its name.
_STAND_IN_BEFORE = re.compile(_STAND_IN.pattern + r"(?:[ ](?:[A-Z][\w'\-]*|&|of|and|[-–]))*[ ]$")
_WINDOW = 60  # characters read back for the word before a run
_LINE = 400  # characters either side read for a word's line
_ROUNDS = 5  # each round reads around what the last took; a text needing more is no text seen yet
_ORDINARY_WORDS_LEAST = math.log(0.8 / 0.2)  # the score a generic run needs: a probability of 0.8


@cache
def _roles() -> frozenset[str]:
    return frozenset(ROLE_WORDS | FAMILY_WORDS | ROLE_ABBREVIATIONS | KIN_TITLES | ACRONYMS | JOB_HEADS)


@cache
def _vetoed() -> frozenset[str]:
    # Welsh words of four letters or more too (a Welsh job title, "Nyrs Diogelu", is a role); shorter ones fold
    # into English names ("tîm" is "tim").
    welsh = {w for w in welsh_words() if len(w) > 3 and w not in first_names() and w not in surnames()}
    # Months and weekdays: a month and year in running text stays by convention, and dates are the rules' to read.
    return _roles() | FUNCTION_WORDS | _TITLES | MONTH_WORDS | WEEKDAY_WORDS | frozenset(welsh)


def _key(word: str) -> str:
    return fold(_POSSESSIVE.sub("", word.lower()))


def vetoed(word: str) -> bool:
    """A role, family, title or function word: never taken, and a run stops at it."""
    return _key(word) in _vetoed()


def _candidate(word: str) -> bool:
    # A letter alone is left to the rules: it is most often an anonymised label's ("Child J", then "J"); so is a
    # number alone (a year, a count, a ward's), and the rules read numbers by their shapes.
    return len(word) > 1 and not word.isdigit() and (not word.islower() or any(c.isdigit() for c in word))


def shape(word: str) -> str:
    """Xxxx, XX, Xd, x'Xx...: each character's class, runs of three or more cut to two."""
    classes: list[str] = []
    for char in word:
        c = "X" if char.isupper() else "x" if char.islower() else "d" if char.isdigit() else char
        if len(classes) < 2 or not (classes[-1] == c and classes[-2] == c):
            classes.append(c)
    return "".join(classes)


@cache
def _lists() -> tuple[tuple[str, frozenset[str]], ...]:
    return (
        ("english", english_words()),
        ("common", common_words()),
        ("first", first_names()),
        ("surname", surnames()),
        ("place", place_names()),
        ("public", public_names()),
        ("welsh", welsh_words()),
        ("chat", chat_words()),
        ("institution", INSTITUTION_WORDS),
    )


@cache
def _word_features(word: str) -> tuple[str, ...]:
    """What a word is, whatever stands around it."""
    lower = word.lower()
    key = _key(word)
    features = [
        f"w={lower}",
        f"sh={shape(word)}",
        f"len={min(len(word), 8)}",
        f"suf={lower[-3:]}",
        f"pre={lower[:3]}",
    ]
    known = False
    for name, words in _lists():
        if key in words or lower in words:
            features.append(f"in_{name}")
            known = known or name in ("english", "common")
    if not known:
        features.append("not_word")
    return tuple(features)


@cache
def _neighbour_features(word: str, offset: int) -> tuple[str, ...]:
    features = (f"w{offset}={word.lower()}", f"sh{offset}={shape(word)}")
    return (*features, f"veto{offset}") if vetoed(word) else features


def _line_features(text: str, start: int, end: int, lines: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    """Where the word stands in its line; each line's own features are read once (`lines`, by its start)."""
    # Read no further than _LINE either side: a megabyte with no line break costs what a short line does.
    found = text.rfind("\n", max(0, start - _LINE), start)
    # With no break that near, the block of _LINE characters the word is in stands for its line (read once).
    line_start = found + 1 if found >= 0 else start - start % _LINE
    whole = lines.get(line_start)
    if whole is None:
        whole = lines[line_start] = _whole_line(text, line_start)
    before = text[max(line_start, start - 40) : start].rstrip()
    if not before:
        first = "linestart"
    else:
        last = before[-1]
        first = "sentstart" if last in ".!?" else "prevch=alnum" if last.isalnum() else "prevch=" + last
    after = text[end : end + 40].split("\n", 1)[0].lstrip()
    second = ("nextch=alnum" if after[0].isalnum() else "nextch=" + after[0]) if after else "nextch=eol"
    return (*whole, first, second)


def _whole_line(text: str, line_start: int) -> tuple[str, ...]:
    # Nothing here counts the line's letters: a line in capitals reads otherwise once its names are placeholders,
    # and redacting twice must find nothing new. A word's own shape says it is in capitals.
    return ("table",) if text[line_start : line_start + _LINE].lstrip(" \t").startswith("|") else ()


_KINDS = list(EntityKind)  # a span's kind is stored as its index + 1, so 0 is "not covered"
_CODES = {kind: bytes((index + 1,)) for index, kind in enumerate(_KINDS)}


def _kinds(text: str, spans: list[Span]) -> bytearray:
    """Each character's span kind, as its index + 1 (0: no span covers it)."""
    kinds = bytearray(len(text) + 1)
    codes = _CODES
    for span in spans:
        kinds[span.start : span.end] = codes[span.kind] * (span.end - span.start)
    return kinds


# The text's words as (start, end, word): listed once per text, as every round reads them all.
_Words = list[tuple[int, int, str]]


def _text_words(text: str) -> _Words:
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def _units(words: _Words, kinds: bytearray) -> list[tuple[int, int, str, EntityKind | None]]:
    """The text's words in order, each span's words read as one unit of its kind (how a placeholder reads)."""
    units: list[tuple[int, int, str, EntityKind | None]] = []
    for start, end, word in words:
        code = kinds[start] or kinds[end - 1]
        if not code:
            units.append((start, end, word, None))
        elif (
            units and units[-1][3] is not None and kinds[units[-1][1]]
        ):  # the span goes on from the last unit
            units[-1] = (units[-1][0], end, "", units[-1][3])
        else:
            units.append((start, end, "", _KINDS[code - 1]))
    return units


@cache
def _weighable(word: str) -> bool:
    return _candidate(word) and not vetoed(word)


# What stands around a word: (offset, the word there, or the kind of the span there).
_Around = list[tuple[int, str, EntityKind | None]]


class _Changed:
    """What a round changed: the characters of the spans it added, and where the words start that passed the
    threshold but were not taken (what they grow into may change when a span is added beside them)."""

    __slots__ = ("chars", "starts")

    def __init__(self, size: int, spans: list[Span], starts: set[int]) -> None:
        self.chars = bytearray(size + 1)
        for span in spans:
            self.chars[span.start : span.end] = b"\x01" * (span.end - span.start)
        self.starts = starts


def _words_left(
    text: str, spans: list[Span], changed: _Changed | None = None, words: _Words | None = None
) -> Iterator[tuple[int, int, str, tuple[str, ...], _Around]]:
    """Each capitalised word or code no span covers and no veto holds, with its line's features and neighbours.

    With `changed`, only the words whose neighbours include a span it marks, or that start at one of its starts:
    any other word reads as it did before those spans were added."""
    kinds = _kinds(text, spans)
    units = _units(_text_words(text) if words is None else words, kinds)
    lines: dict[int, tuple[str, ...]] = {}
    last = len(units) - 1
    labelled = "[" in text  # a writer's labels ("[Name]") are looked for only in a text that has one
    for index, (start, end, word, kind) in enumerate(units):
        if kind is not None or not _weighable(word):
            continue
        if labelled and "[" in text[max(0, start - 31) : start] and _inside_stand_in(text, start, end):
            continue  # "[Area] Police", "[Home Area] Council": a label a writer has already put in place of a name
        if (
            labelled
            and text[start - 1 : start] == " "
            and "]" in text[max(0, start - 80) : start]
            and _STAND_IN_BEFORE.search(text, max(0, start - 80), start)
        ):
            continue  # "[Name] Church": what follows the writer's label is the kind of place it stands in
        if changed is not None and start not in changed.starts:
            low, high = units[max(0, index - 2)][0], units[min(last, index + 2)][1]
            if changed.chars.find(1, low, high) < 0:
                continue
        around = [
            (offset, *units[index + offset][2:]) for offset in (-2, -1, 1, 2) if 0 <= index + offset <= last
        ]
        yield start, end, word, _line_features(text, start, end, lines), around


def _inside_stand_in(text: str, start: int, end: int) -> bool:
    opening = text.rfind("[", max(0, start - 31), start)
    closing = text.find("]", end, end + 31)
    return opening >= 0 and closing >= 0 and _STAND_IN.fullmatch(text, opening, closing + 1) is not None


def _around_features(offset: int, word: str, kind: EntityKind | None) -> tuple[str, ...]:
    return (f"k{offset}={kind.value}",) if kind else _neighbour_features(word, offset)


def candidates(text: str, spans: list[Span]) -> Iterator[tuple[int, int, list[str]]]:
    """(start, end, features) of each word the rules left that the reader weighs: the rows it is trained on."""
    for start, end, word, line, around in _words_left(text, spans):
        features = ["bias", *_word_features(word), *line]
        for offset, near, kind in around:
            features += _around_features(offset, near, kind)
        yield start, end, features


def _scores(
    text: str, spans: list[Span], weights: dict[str, float], changed: _Changed | None, text_words: _Words
) -> Iterator[tuple[int, int, float]]:
    """(start, end, score) for the rows of `candidates`, each word's and neighbour's part summed once per text."""
    weight = weights.get
    words: dict[str, float] = {}
    nears: dict[tuple[int, str, EntityKind | None], float] = {}
    places: dict[tuple[str, ...], float] = {}  # a line's features take a handful of values in a whole text
    for start, end, word, line, around in _words_left(text, spans, changed, text_words):
        score = words.get(word)
        if score is None:
            score = words[word] = weight("bias", 0.0) + sum(weight(f, 0.0) for f in _word_features(word))
        part = places.get(line)
        if part is None:
            part = places[line] = sum(weight(f, 0.0) for f in line)
        score += part
        for near in around:
            part = nears.get(near)
            if part is None:
                part = nears[near] = sum(weight(f, 0.0) for f in _around_features(*near))
            score += part
        yield start, end, score


@cache
def model() -> tuple[dict[str, float], float]:
    """The shipped weights and the threshold they were chosen with (data/learned_weights.tsv)."""
    return parse_weights(
        resources.files("assistant.privacy").joinpath("data", WEIGHTS_FILE).read_text(encoding="utf-8")
    )


def parse_weights(text: str) -> tuple[dict[str, float], float]:
    """`feature<TAB>weight` lines (and one `threshold<TAB>p`); `#` starts a comment."""
    weights: dict[str, float] = {}
    threshold = 1.0  # none written: nothing is taken
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        name, value = line.rsplit("\t", 1)
        if name == "threshold":
            threshold = float(value)
        else:
            weights[name] = float(value)
    return weights, threshold


def _logit(probability: float) -> float:
    return (
        math.log(probability / (1.0 - probability))
        if 0.0 < probability < 1.0
        else math.copysign(math.inf, probability - 0.5)
    )


def _grow(text: str, start: int, end: int, covered: bytearray) -> tuple[int, int]:
    """The run of capitalised words (joined by connectors) that text[start:end] stands in."""

    def ok(word: str, at: int) -> bool:
        return not covered[at] and _candidate(word) and not vetoed(word)

    while True:  # rightwards
        nxt = WORD.match(text, end + 1) or WORD.match(text, end + 3)
        if nxt is None or text[end : nxt.start()] not in _GAPS:
            break
        if ok(nxt.group(), nxt.start()):
            end = nxt.end()
            continue
        after = WORD.match(text, nxt.end() + 1)
        if (
            nxt.group().lower() in _CONNECTORS
            and after is not None
            and text[nxt.end()] == " "
            and ok(after.group(), after.start())
        ):
            end = after.end()
            continue
        break
    while start > 0:  # leftwards
        words = list(WORD.finditer(text, max(0, start - _WINDOW), start))
        if not words or text[words[-1].end() : start] not in _GAPS:
            break
        prev = words[-1]
        if ok(prev.group(), prev.start()):
            start = prev.start()
            continue
        if (
            prev.group().lower() in _CONNECTORS
            and len(words) > 1
            and text[words[-2].end() : prev.start()] == " "
            and ok(words[-2].group(), words[-2].start())
        ):
            start = words[-2].start()
            continue
        break
    return start, end


_ROAD_NUMBER = re.compile(r"[ABM][0-9]{1,4}")


_NAMED_AND_NUMBERED = re.compile(r"(?P<name>[A-Za-z]{3,})-?[0-9]{1,4}")


def _a_public_name_numbered(surface: str) -> bool:
    """A public name run into its number, alone or among ordinary words ("COVID19", "impact of Covid-19", "COVID-19
    Issues" as a heading): a pandemic, not a case's reference."""
    words = surface.split()
    for k, word in enumerate(words):
        named = _NAMED_AND_NUMBERED.fullmatch(word.rstrip(":,."))
        if named is not None and fold(named.group("name")) in public_names():
            rest = " ".join(words[:k] + words[k + 1 :])
            return all(_key(other) in english_words() for other in WORD.findall(rest))
    return False


def _a_road_alone(surface: str) -> bool:
    """A road's number with nothing but ordinary words before it ("the A1", "Take the A1")."""
    words = WORD.findall(surface)
    return (
        bool(words)
        and _ROAD_NUMBER.fullmatch(words[-1]) is not None
        and all(_key(word) in english_words() for word in words[:-1])
    )


@cache
def _known_words() -> frozenset[str]:
    """Ordinary words, public names and the largest areas: a run made only of them names no one local place."""
    areas = {fold(line) for line in data_lines("areas.txt") if " " not in line}
    return english_words() | public_names() | frozenset(areas)


def _generic(surface: str) -> bool:
    """Known words only ("The Acorn fell", "Labour Ward", "Bradford Interchange", a plan called "Stay Safe"): such a
    run needs more to go than one with a word no list knows."""
    known = _known_words()
    # A compound of known words is known too ("Sub-group", "Co-ordinator").
    return all(all(part in known for part in _key(word).split("-")) for word in WORD.findall(surface))


# Nationalities, peoples and faiths, except one that is also a given name ("Shona"). In a longer run they are
# part of a name ("Roma Families Together"), so they are no veto.
_PEOPLES = frozenset(w for w in NATIONALITIES if w not in first_names())


def _describes_a_role(text: str, surface: str, end: int) -> bool:
    """Ordinary words just before a role name a kind of worker, not an employer ("Unit welfare officer", "Old Mum",
    "Missing from Home worker"); a name that is no word still goes ("Ridgeway DSL")."""
    if not all(_key(word) in english_words() for word in WORD.findall(surface)):
        return False
    at = end
    for _ in range(2):  # the role word itself, or one lower-case word and then it
        after = WORD.match(text, at + 1)
        if after is None or text[at] != " ":
            return False
        if _key(after.group()) in _roles():
            return True
        if not after.group().islower() or vetoed(after.group()):
            return False
        at = after.end()
    return False


def _kind(surface: str) -> EntityKind:
    """A code is a reference; a run ending in an institution's word, or of several words with an ordinary one and
    no first name before it ("Safe Harbour Outreach"), an organisation; anything else a person."""
    if any(c.isdigit() for c in surface):
        return EntityKind.REFERENCE
    words = [_key(word) for word in WORD.findall(surface)]
    if words[-1] in INSTITUTION_WORDS:
        return EntityKind.ORG
    if len(words) > 1 and words[0] not in first_names() and any(word in english_words() for word in words):
        return EntityKind.ORG
    return EntityKind.PERSON


def learned_spans(
    text: str, spans: list[Span], trained: tuple[dict[str, float], float] | None = None
) -> list[Span]:
    """Spans for the runs the weights take among the words `spans` leave, and every other mention of each.

    `trained` is (weights, threshold), the shipped model's unless given. What is taken changes what its neighbours
    read ("OLD NET LOFT" before a service taken reads as before a placeholder), so the words left are read again
    until nothing more is taken: redacting the result again then reads what the last round read, and finds nothing.
    """
    weights, threshold = trained or model()
    # Most long texts the rules have read leave no word to weigh: the words are listed only when one is left.
    kinds = _kinds(text, spans)
    if not any(
        not (kinds[m.start()] or kinds[m.end() - 1]) and _weighable(m.group()) for m in WORD.finditer(text)
    ):
        return []
    words = _text_words(text)
    found: list[Span] = []
    changed: _Changed | None = None  # the first round reads every word
    for _ in range(_ROUNDS):
        more, passed = _one_round(text, spans + found, weights, threshold, changed, words)
        if not more:
            break
        found += more
        # A later round re-reads only the words whose reading the new spans can change: a word near one, or one
        # that passed but was not taken. Every other word would score, and be left, as it was.
        changed = _Changed(len(text), more, passed)
    return found


def _one_round(
    text: str,
    spans: list[Span],
    weights: dict[str, float],
    threshold: float,
    changed: _Changed | None,
    words: _Words,
) -> tuple[list[Span], set[int]]:
    """The spans this round takes, and where the words start that passed the threshold but were not taken."""
    least = _logit(threshold)  # a score of at least this is a probability of at least the threshold
    taken = [
        (start, end, score)
        for start, end, score in _scores(text, spans, weights, changed, words)
        if score >= least
    ]
    if not taken:
        return [], set()
    passed: set[int] = set()
    covered = bytearray(len(text) + 1)
    for span in spans:
        covered[span.start : span.end] = b"\x01" * (span.end - span.start)
    runs: dict[str, None] = {}
    found: list[Span] = []
    for word_start, word_end, score in taken:
        if covered[word_start]:
            continue
        start, end = _grow(text, word_start, word_end, covered)
        surface = text[start:end]
        if _describes_a_role(text, surface, end):
            passed.add(word_start)
            continue
        if (score < _ORDINARY_WORDS_LEAST and _generic(surface)) or _key(surface) in INSTITUTION_WORDS:
            passed.add(word_start)
            continue  # an institution's word alone ("the Children's Ward") names no one place
        if all(_key(word) in _PEOPLES for word in WORD.findall(surface)) and text[end : end + 2] != "' ":
            passed.add(word_start)
            continue  # a people's name alone stays by the convention ("Hungarian Roma"; not "Travellers' Site")
        if is_public_title(surface):
            passed.add(word_start)
            continue  # "Working Together 2023": national guidance, cited by every review
        if _a_road_alone(surface) or _a_public_name_numbered(surface):
            passed.add(word_start)
            continue  # "Take the A1 north", "COVID19": a road's number or a public name's is public, as a city is
        runs[surface] = None
        found.append(Span(start, end, _kind(surface), ""))
        covered[start:end] = b"\x01" * (end - start)
    # Every other mention of a run taken, as whole words: one pass over the words, each run looked up by its first.
    by_first: dict[str, list[str]] = {}
    for surface in sorted(runs, key=len, reverse=True):  # the longest run first
        by_first.setdefault(WORD.match(surface).group(), []).append(surface)  # type: ignore[union-attr]
    for at, _, word in words:
        if covered[at] or word not in by_first:
            continue
        for surface in by_first[word]:
            end = at + len(surface)
            if text.startswith(surface, at) and not covered[end - 1] and not text[end : end + 1].isalnum():
                found.append(Span(at, end, _kind(surface), ""))
                covered[at:end] = b"\x01" * len(surface)
                break
    return found, passed
