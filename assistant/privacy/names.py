"""People's names: from context (titles, roles, labels, brackets, a table's name column), from runs of
capitalised words scored against the name lists, then every later mention of any part of a name found.

A capitalised word next to a title, a role or relationship word, a label or in a family table's name
column is a name whether or not it is on a list ("her friend Aoife", "mother, Precious", "Mrs O'Neill").
Role words themselves ("Mother", "the health visitor", "Father") never are. Everything here reads the
matching copy with the structured identifiers already blanked out, and runs in linear time: the text is
tokenised once, each rule is an anchored pattern with bounded quantifiers, and names are propagated by
looking tokens up in dictionaries rather than by one search per name.
"""

from __future__ import annotations

import bisect
import copy
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import pairwise

from assistant.lexicon import AGE_UNIT, AGE_UNIT_SHORT, MONTH_WORDS, WEEKDAY_WORDS
from assistant.privacy.kinds import MASK, EntityKind, Span
from assistant.privacy.normalise import among_capitals, joined_before, matches_near
from assistant.privacy.words import (
    ACRONYMS,
    ACTION_VERBS,
    CAR_MAKES,
    CAR_MODELS,
    FAMILY_ROLES,
    FAMILY_WORDS,
    FUNCTION_WORDS,
    INSTITUTION_WORDS,
    JOB_HEADS,
    KIN_TITLES,
    LETTER_LABELS,
    MAKES_ALSO_SURNAMES,
    MESSAGE_NAME_AFTER,
    MESSAGE_NAME_BEFORE,
    NATIONALITIES,
    NEVER_ALONE,
    NON_VALUES,
    NOT_AT_SENTENCE_START,
    NOT_INITIALS,
    NOT_NAME_STARTS,
    NOTE_ABBREVIATIONS,
    PARTICLES,
    PERSON_VERBS,
    PROFESSIONAL_ROLES,
    ROLE_WORDS,
    STREET_OR_HOUSE_WORDS,
    WORD_NAMES,
    can_be_initials,
    chat_words,
    common_words,
    countries,
    data_lines,
    first_names,
    fold,
    is_job_letters,
    is_role_abbreviation,
    is_vocabulary,
    not_after_each,
    place_names,
    public_names,
    surnames,
    trie,
    trie_not_after,
    welsh_words,
    word_set,
    word_surnames,
)

# A word token; a possessive 's is left outside so "Jayden's" yields "Jayden". O'Neill, D'Souza, Jean-Paul
# and Okonkwo-Bright are one token each.
TOKEN = re.compile(r"[^\W\d_]+(?:['\-](?![sS]\b)[^\W\d_]+)*")
_GAELIC = re.compile(r"(?:Mc|Mac|Fitz)[A-Z][a-z]{2,}|[OD]'[A-Z][a-z]+|(?:MC|MAC)[A-Z]{3,}|[OD]'[A-Z]{2,}")
# Surnames with a capital inside ("McDonagh", "NicDhòmhnaill", "MacGill-Eain"): not an acronym in mixed case.
_CAMEL_NAME = re.compile(r"(?:Mc|Mac|Fitz|De|Di|Da|Du|La|Le|Van|Von|St|Nic|Ni|Mhic)[A-Z][^\W\d_]")
_DAYS_MONTHS = (
    frozenset(
        [
            "christmas",
            "easter",
            "eid",
            "diwali",
            "ramadan",
        ]
    )
    | WEEKDAY_WORDS
    | MONTH_WORDS
)

_NAMEISH = frozenset({"FIRST", "AMBIG", "SURNAME", "UNKNOWN", "CAPS_NAME"})
# Titles before a name, as written (a title stays when the name is redacted): military ranks for service
# families and faith leaders too.
_TITLE_SET = word_set(
    "Mr Mrs Ms Miss Mx Dr Prof Professor Sir Dame Lady Lord Rev Revd Reverend Cllr Councillor PC DC DS DI DCI "
    "DCS PCSO Sgt Sergeant Inspector Insp Supt Constable Judge HHJ Nurse Sister Matron MR MRS MS MISS MX DR "
    "Capt Captain Lt Maj Cpl LCpl Pte Pastor Imam Rabbi Fr PCs DCs PCSOs Drs Sgts "
    # a Polish priest's ("Ks. Marek", ksiądz): read as a title since a chaplain is a job the name reader knows
    "Ks"
)
# Word endings English names almost never have but abstract nouns and adjectives do ("Abduction").
_WORD_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ship", "ism", "ology", "ical", "ive", "ous", "ful", "less",
    "ities", "ated", "ised", "ized", "ising", "izing", "ices", "ments", "ational",
)  # fmt: skip


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() and any(c.islower() for c in token)


_IRISH_PARTICLES = frozenset({"Ó", "Ní", "Nic", "Uí", "Ua", "Mhic"})
# An honorific after a family word keeps it a family word ("Dadi-ji", "Khala-jaan", "Chacha-jee").
HONORIFICS = frozenset({"ji", "jee", "jaan", "jan", "sahib", "saab"})


def _hyphenated_role(folded: str) -> bool:
    *head, last = folded.split("-")
    return all(part in ROLE_WORDS for part in head) and (last in ROLE_WORDS or last in HONORIFICS)


# "al-Hashimi", "el-Sayed", "d'Souza", "ap-Rhys": a particle joined to the capitalised name it belongs to.
_JOINED_PARTICLE = re.compile(
    r"(?:al|el|ad|an|ar|as|ash|at|az|abu|bin|ibn|bint|ap|d|de|da|di|del|van|von)[-'](\w+)"
)


def _joined_particle(word: str) -> bool:
    """Whether a word in lower case is a particle joined to a name ("al-Hashimi"), kept as a name's token."""
    return ("-" in word or "'" in word) and classify(word) == "SURNAME"


@lru_cache(maxsize=1 << 17)
def classify(token: str) -> str:
    """FIRST, AMBIG, SURNAME, UNKNOWN, CAPS_NAME, CAPS, COMMON, ROLE, FUNCTION, TITLE, INITIAL, PARTICLE,
    LOWER."""
    folded = fold(token)
    if token in _IRISH_PARTICLES:
        return "PARTICLE"  # "Leah Ó Súilleabháin", "Aoife Ní Bhriain"
    if len(token) == 1 and token.isupper():
        return "INITIAL"
    if "'" in token and (folded.split("'")[0] in FUNCTION_WORDS or folded.endswith("n't")):
        return "FUNCTION"  # "I'll", "I'm", "We've", "Don't"
    if folded in ROLE_WORDS or is_role_abbreviation(token) or ("-" in folded and _hyphenated_role(folded)):
        return "ROLE"  # "Great-Aunt", "Half-Sister", "Dadi-ji"
    if (
        token[-1:] == "s"
        and token[:-1].isupper()
        and (is_role_abbreviation(token[:-1]) or folded[:-1] in ROLE_WORDS)
    ):
        return "ROLE"  # "named DSLs", "two SWs": a job's letters, more than one
    if not token[:1].isupper():
        if folded in PARTICLES:
            return "PARTICLE"
        # "al-Hashimi", "el-Sayed", "d'Souza": a particle joined to the capitalised name it belongs to
        joined = _JOINED_PARTICLE.fullmatch(token)
        return "SURNAME" if joined and _is_name_token(joined.group(1)) else "LOWER"
    if token in _TITLE_SET:
        return "TITLE"
    if folded in NATIONALITIES and folded in first_names() and not token.isupper():
        return "AMBIG"  # "speaks Shona" stays; "PA Shona Vickery" is a name, as any ambiguous first name
    if folded in NATIONALITIES or folded in NOT_NAME_STARTS or (token.isupper() and folded in FUNCTION_WORDS):
        return "FUNCTION"  # "mother's English", "THE CHILD AND FAMILY"
    parts = [p for p in re.split(r"[-']", folded) if p]
    if len(parts) > 1 and parts[0] in NATIONALITIES and all(is_vocabulary(p) for p in parts[1:]):
        return "FUNCTION"  # "Portuguese-speaking", "Polish-born", "British-Pakistani"
    listed_first = folded in first_names() or (len(parts) > 1 and any(p in first_names() for p in parts))
    listed_surname = folded in surnames() or (len(parts) > 1 and any(p in surnames() for p in parts))
    if token.isupper():
        if folded in ACRONYMS:
            return "CAPS"
        if listed_first or listed_surname or _GAELIC.fullmatch(token):
            return "CAPS_NAME"
        return "CAPS"
    if not _is_name_token(token):
        return "LOWER"
    if _GAELIC.fullmatch(token):
        return "SURNAME"
    if any(
        sum(c.isupper() for c in part) > 1 and not _CAMEL_NAME.match(part)
        for part in re.split(r"[-']", token)
    ):
        return "CAPS"  # "ChiDVA", "CAMHSpace": an acronym in mixed case, not a name
    if listed_first:
        return "AMBIG" if folded in NEVER_ALONE or folded in NOT_AT_SENTENCE_START else "FIRST"
    if folded in FUNCTION_WORDS or folded in _DAYS_MONTHS:
        return "FUNCTION"
    if (
        folded in common_words()
        or all(p in common_words() for p in parts)
        or folded in welsh_words()
        # "lives in Brazil", but a word of a name ("Kurdistan Cutz", "Ghana Union") and a surname ("Holland")
        or (folded in countries() and not listed_surname)
        # a plural no list holds ("Child Deaths"); a listed surname stays one ("Wells", "Banks")
        or (folded[-1:] == "s" and len(folded) > 4 and folded[:-1] in common_words() and not listed_surname)
    ):
        return "COMMON"
    if listed_surname:
        return "SURNAME"
    if (
        len(folded) >= 7
        and folded.endswith(_WORD_ENDINGS)
        and not (folded.endswith("ness") and not is_vocabulary(token))
    ):
        return "COMMON"  # an English word the common list lacks; but "Skegness", "Furness" are places
    return "UNKNOWN"


def weak_surname(word: str, cls: str) -> bool:
    """A listed surname that is also an ordinary word (Wood, Green): a name only next to another name."""
    return cls == "COMMON" and _listed_surname(fold(word)) and _is_name_token(word)


def _listed_surname(folded: str) -> bool:
    """A surname on either list: those that are names only (Smith) and those that are also words (Best)."""
    return folded in surnames() or folded in word_surnames()


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    cls: str


_NEWLINE = re.compile(r"\n")
_UPPER = re.compile(r"[^\W\d_a-z]")
_LOWER = re.compile(r"[a-z]")


def _tokens(text: str) -> list[Tok]:
    keep = _keep_lowercase()
    # A long text says each word many times: whether it is kept, and its class, are settled once per word.
    classes: dict[str, str | None] = {}
    items: list[Tok] = []
    for m in TOKEN.finditer(text):
        word = m.group(0)
        if word in classes:
            cls = classes[word]
        else:
            kept = not word[:1].islower() or word in keep or _joined_particle(word)
            cls = classes[word] = classify(word) if kept else None
        if cls is not None:
            items.append(Tok(m.start(), m.end(), word, cls))
    return items


class Tokens:
    """The text's word tokens, once, with their classes and a lookup from start offset to index."""

    def __init__(self, text: str, items: list[Tok] | None = None) -> None:
        self.text = text
        # Only capitalised words and the lowercase words a rule starts from are kept: the rest cannot be
        # part of a name, and a dropped word between two kept ones still breaks `joined`.
        self.items = items if items is not None else _tokens(text)

    # Built when a rule first looks a token up: the unmasked tokens never need them, and few texts need by_end.
    @cached_property
    def by_start(self) -> dict[int, int]:
        return {tok.start: i for i, tok in enumerate(self.items)}

    @cached_property
    def capital_lines(self) -> tuple[list[int], bytes]:
        """Where each line starts, and whether it is written in capitals (four words or more, at least 80% of
        its letters capitals): read once, as a police log of many short capital words asks for every line."""
        text = self.text
        starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        flags = bytearray(len(starts))
        for k, start in enumerate(starts):
            line = text[start : starts[k + 1] if k + 1 < len(starts) else len(text)]
            if len(line) < 7:
                continue  # four words take seven characters ("a b c d"): a blank or short line has fewer
            # A cheap bound first: a few common lowercase letters are some of its lowercase letters, and its
            # capitals are at most what is neither those nor a space. Most lines of prose fail here, uncounted.
            some_lower = sum(map(line.count, "etaonis"))
            if 5 * some_lower > len(line) - line.count(" "):
                continue
            upper, lower = len(_UPPER.findall(line)), len(_LOWER.findall(line))
            words = line.split()
            if MASK in line:  # a placeholder blanked out is no word in capitals ("DC PERSON_3, ORG_1 CAIU")
                words = [word for word in words if MASK not in word]
                # and counts as letters in lower case, as the name or number it stands for mostly was: redacting
                # twice must read the line as the first time did
                lower += line.count(MASK)
            flags[k] = len(words) >= 4 and upper >= 4 * lower
        return starts, bytes(flags)

    @cached_property
    def by_end(self) -> dict[int, int]:
        return {tok.end: i for i, tok in enumerate(self.items)}

    def _same_tokens(self, text: str) -> Tokens:
        twin = copy.copy(self)  # shares items and lookups: nothing was blanked out
        twin.text = text
        return twin

    def masked(self, text: str, spans: list[Span]) -> Tokens:
        """These tokens as they read in `text`, this text with `spans` blanked out, without tokenising it all
        again: tokens away from the spans are the same, and around each span the text is read afresh."""
        original, size = self.text, len(self.text)
        windows: list[tuple[int, int]] = []
        for span in sorted(spans, key=lambda s: s.start):
            start, end = span.start, span.end
            # Widen to the ends of the words the span touches: a token never crosses a window's edge.
            while start and (original[start - 1].isalpha() or original[start - 1] in "'-"):
                start -= 1
            while end < size and (original[end].isalpha() or original[end] in "'-"):
                end += 1
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
            else:
                windows.append((start, end))
        if not windows:
            return self._same_tokens(text)
        if len(windows) * 4 > len(self.items):
            return Tokens(text)  # blanks everywhere: reading the text afresh is quicker than patching
        keep = _keep_lowercase()
        items: list[Tok] = []
        index = 0
        old = self.items
        for start, end in windows:
            while index < len(old) and old[index].end <= start:
                items.append(old[index])
                index += 1
            while index < len(old) and old[index].start < end:
                index += 1  # read again below
            items.extend(
                Tok(m.start(), m.end(), word, classify(word))
                for m in TOKEN.finditer(text, start, end)
                if not (word := m.group(0))[:1].islower() or word in keep
            )
        items.extend(old[index:])
        return Tokens(text, items)

    def joined(self, i: int) -> bool:
        """Token i+1 continues token i's name: one or two spaces between (or an initial's full stop)."""
        if i + 1 >= len(self.items):
            return False
        a, b = self.items[i], self.items[i + 1]
        gap = self.text[a.end : b.start]
        if gap in (" ", "  "):
            return True
        return (a.cls == "INITIAL" or a.text == "St") and gap in (".", ". ", ".  ")


def is_sentence_start(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and start - i < 12 and text[i] in " \t\"'(*•·-#":
        i -= 1
    if i < 0 or text[i] in "!?:;\n\r|":
        return True
    if text[i] == ".":
        return not _initial_before(text, i)
    # Numbered list items: "3. Jayden" or "(a) Grace".
    return bool(
        re.search(r"(?:^|\n)[ \t]{0,4}(?:[0-9]{1,3}|[a-z])[.)][ \t]{0,4}$", text[max(0, start - 12) : start])
    )


_WORD_BEFORE_LETTER = re.compile(r"([A-Za-z]+)[ ]$")


def after_letter_label(text: str, start: int, *, titles: bool = True) -> bool:
    """Whether the capital at `start` is a label's ("Child H", "Plan B", "Class A"), not a person's initial; with
    `titles=False`, a title's letter ("Mr J") is an initial."""
    label = _WORD_BEFORE_LETTER.search(text, max(0, start - 16), start)
    return (
        label is not None
        and fold(label.group(1)) in LETTER_LABELS
        and (titles or label.group(1).rstrip(".") not in _TITLE_SET)
    )


# "(P. Foster, DSL)", "reg keeper T. Hadley": a capital and a full stop inside a line is an initial before a name, not
# the end of a sentence, unless a label stands before it ("Class A. Foster carers") or it starts a line ("C. Statements").
def _initial_before(text: str, dot: int) -> bool:
    if dot < 2 or not text[dot - 1].isupper() or text[dot - 1] == "I" or text[dot - 2] not in " (,":
        return False
    return not after_letter_label(text, dot - 1)


_NEVER_FIRST = frozenset({"ROLE", "FUNCTION", "TITLE", "INITIAL", "PARTICLE", "LOWER"})


def _continues(tokens: Tokens, j: int, caps: bool) -> bool:
    """Whether token j can continue a name already started (after a title, role, label...)."""
    tok = tokens.items[j]
    if tok.cls in _NAMEISH or weak_surname(tok.text, tok.cls):
        return not (caps and not tok.text.isupper()) or tok.cls != "COMMON"
    # A log in capitals runs a name into its verb ("MR SMITH ATTENDED", "PC JONES SEARCHING"): it ends the name.
    return (
        caps
        and tok.text.isupper()
        and tok.cls in {"CAPS", "CAPS_NAME"}
        and fold(tok.text) not in ACRONYMS
        and not log_verb(tok)
    )


# What a log in capitals does after a name: a verb no name list holds ("ARRESTED", "SEARCHING", "SEEN").
_LOG_VERBS = word_set("seen left said says states went came saw told took made ran gave got")


def log_verb(tok: Tok) -> bool:
    if tok.cls != "CAPS":
        return False  # a listed surname ("HARDING", "REED")
    # A common word, not any the dictionary holds: "HARDING", "MANNING" and "FIELDING" are surnames too.
    folded = fold(tok.text)
    return folded in _LOG_VERBS or (tok.text.endswith(("ED", "ING")) and folded in common_words())


def _extend(tokens: Tokens, i: int, limit: int = 4) -> int:
    """Index of the last token of the name that starts at token i (particles and initials included)."""
    first = tokens.items[i]
    caps = first.text.isupper() and len(first.text) > 1
    last = i
    j = i
    while j + 1 < len(tokens.items) and j + 1 - i < limit + 2 and tokens.joined(j):
        nxt = tokens.items[j + 1]
        if nxt.cls == "PARTICLE":
            j += 1
            continue
        if _continues(tokens, j + 1, caps) or (
            tokens.items[j].cls == "INITIAL" and nxt.cls not in _NEVER_FIRST and nxt.cls != "CAPS"
        ):
            j += 1
            last = j
            continue
        break
    return last


def _start_ok(tok: Tok, *, strict: bool, text: str, common_ok: bool = True) -> bool:
    """Whether a capitalised word in a name context may start a name."""
    if tok.cls in _NEVER_FIRST or (tok.cls == "CAPS" and fold(tok.text) in ACRONYMS):
        return False
    if tok.cls == "COMMON" and not common_ok:
        return False
    if tok.cls == "CAPS" and strict and not re.match(r"[ ]{1,2}[A-Z]{2}", text[tok.end : tok.end + 3]):
        return False  # "the advocate (CPN)": one word in capitals after a role is an acronym
    if tok.text in _TITLE_SET:
        return False  # "SENCO Mr Latimer": the title rule finds the name after the title
    folded = fold(tok.text)
    if folded in INSTITUTION_WORDS or folded in NON_VALUES or folded in _DAYS_MONTHS:
        return False
    if tok.cls == "COMMON" and strict:
        # After a comma a capitalised ordinary word may start the next clause ("the father, Home Office").
        following = re.match(r"[ ]{1,2}([A-Z][\w'\-]*)", text[tok.end : tok.end + 40])
        if following and classify(following.group(1)) in {"COMMON", "ROLE", "FUNCTION", "CAPS"}:
            return False
    return True


def _name_at(
    tokens: Tokens, offset: int, *, strict: bool = False, allow_initial: bool = False, common_ok: bool = True
) -> Span | None:
    i = tokens.by_start.get(offset)
    if i is None:
        return None
    tok = tokens.items[i]
    if tok.cls == "PARTICLE":  # "Mr van der Berg"
        j = i
        while j + 1 < len(tokens.items) and tokens.joined(j) and tokens.items[j + 1].cls == "PARTICLE":
            j += 1
        if j + 1 < len(tokens.items) and tokens.joined(j) and tokens.items[j + 1].text[:1].isupper():
            end = _extend(tokens, j + 1)
            return Span(tok.start, tokens.items[end].end, EntityKind.PERSON, "")
        return None
    if tok.cls == "INITIAL":
        if not allow_initial:
            return None
        end = _extend(tokens, i)
        if end == i:
            return None  # "Mrs A" is an anonymised label
        return Span(tok.start, tokens.items[end].end, EntityKind.PERSON, "")
    if (
        not common_ok
        and tok.cls == "COMMON"
        and tokens.joined(i)
        and tokens.items[i + 1].cls in {"UNKNOWN", "SURNAME", "FIRST", "CAPS_NAME"}
    ):
        # "Social worker: Felicity Ogundipe": an ordinary word is a first name before a surname.
        common_ok = True
    if not _start_ok(tok, strict=strict, text=tokens.text, common_ok=common_ok):
        return None
    if tok.cls == "UNKNOWN" and strict and _followed_by_common(tokens, i):
        return None  # "Father's Personal Assistant": a job title
    end = _extend(tokens, i)
    return Span(tok.start, tokens.items[end].end, EntityKind.PERSON, "")


def _with_word_surname(tokens: Tokens, span: Span) -> Span:
    """ "Dr Martin Friend decided", "DC Rob Black": after a title and a first name, a capitalised word is the
    surname even when it is a word or a role, where nothing capitalised follows it (a job's title would)."""
    i = tokens.by_start[span.start]
    items = tokens.items
    if (
        items[i].end != span.end
        or items[i].cls != "FIRST"
        or i + 1 >= len(items)
        or not tokens.joined(i)
        or items[i + 1].cls not in {"ROLE", "FUNCTION", "COMMON"}
        or not _is_name_token(items[i + 1].text)
        or fold(items[i + 1].text) in _DAYS_MONTHS
        or (i + 2 < len(items) and tokens.joined(i + 1) and items[i + 2].text[:1].isupper())
    ):
        return span
    return Span(span.start, items[i + 1].end, EntityKind.PERSON, "")


_PERSON_AFTER = re.compile(r"[ ]{1,2}(?i:person|people|persons)\b")


def _titled_surname(tokens: Tokens, offset: int) -> Span | None:
    """'Miss Young', 'Mr Child', 'Mrs Ward': after a title, a listed surname that is also a word the other rules
    refuse as a name on its own (a label word such as "Young Person", a ward) is the surname."""
    i = tokens.by_start.get(offset)
    if i is None:
        return None
    tok = tokens.items[i]
    folded = fold(tok.text)
    if (
        tok.text[:1].isupper()
        and not tok.text.isupper()
        and _listed_surname(folded)
        and not _PERSON_AFTER.match(tokens.text, tok.end)
    ):
        return Span(tok.start, tok.end, EntityKind.PERSON, "")
    return None


def _followed_by_common(tokens: Tokens, i: int) -> bool:
    return (
        tokens.joined(i)
        and tokens.items[i + 1].cls in {"COMMON", "ROLE"}
        and tokens.items[i + 1].text[:1].isupper()
        and not weak_surname(tokens.items[i + 1].text, tokens.items[i + 1].cls)
    )


# ---------------------------------------------------------------------------------------- context rules

_TITLES = "|".join(sorted(_TITLE_SET, key=len, reverse=True))
_TITLE = re.compile(rf"\b(?:{_TITLES})\.?[ ]{{1,2}}(?=[^\W\d_])")  # "Mr Ó Dónaill" too


def _roles_pattern(roles: str) -> str:
    """The roles as one pattern, factored by shared prefixes (a plain alternation of 200 roles is tried
    role by role at every word)."""
    words: set[str] = set()
    for role in roles.split("|"):
        words |= {role.replace("-?", "-"), role.replace("-?", "")} if "-?" in role else {role}
    return f"(?:{trie(words)})"


_ROLES = _roles_pattern(FAMILY_ROLES + "|" + PROFESSIONAL_ROLES)
# "her friend Aoife", "mother, Precious", "Mother (Rebecca Lewis)", "the health visitor - Jane Hill".
_ROLE_THEN_NAME = re.compile(
    rf"(?i:\b(?:{_ROLES}))s?(?:'s)?(?P<sep>[ ]{{1,2}}|,[ ]{{1,2}}|[ ]{{0,2}}\([ ]{{0,2}}|[ ]{{0,2}}[:\-][ ]{{1,2}})"
    r"(?=[A-Z])"
)
_CALLED = re.compile(
    r"(?i:\b(?:called|named|known as|aka|a\.k\.a\.?|alias|nicknamed?|nicknames|goes by|going by|née|nee|"
    r"formerly|maiden name|previously known as|"
    r"call(?:s|ed|ing)? (?:him|her|them)(?:self|selves)?|referred to as|name is|name was|names are|name of|"
    r"by the name(?: of)?|introduced (?:him|her|them)self as|signed (?:it|off) as|"
    r"(?:gave|gives|giving|given) (?:his|her|their|a|the) name as|name given as|named only as|"
    r"(?:only )?known to (?:her|him|them|police|staff) as|"
    r"known (?:at|in|on|to|around|by) (?:the )?[a-z]{2,12} as))"
    # "called Front Door", "called the Duty Desk": a service's line, not a name.
    r"[ ]{1,2}[\"'(]?(?=[A-Z])(?!(?:Front|Duty|Help|Advice)[ ](?:Door|Desk|Line|Team)\b)"
)
_LABEL = re.compile(
    # "Op name: SPRUCE", "File name: ...": the name of an operation or a thing, not a person's.
    r"(?i)(?<![^\s(;,|])(?<!op )(?<!operation )(?<!file )(?<!code )(?<!project )(?:full name|name|names|child's name|childs name|forenames?|first names?|"
    r"given names?|surname|last name|family name|alias|aliases|nickname|known as|mother|father|mum|dad|"
    r"step-?father|step-?mother|partner|sibling|siblings|brother|sister|grandmother|grandfather|carer|"
    r"child|subject|victim|perpetrator|parent|guardian|person|young person|baby|adult|referrer|"
    r"alleged perpetrator|maiden name|previous names?|aka)(?:[ ][0-9]{1,2})?[ ]{0,3}(?:[:=]|[ ]-)[ ]{0,3}"
    r"[\"']?(?=[A-Za-z])"
)
# A name just before a bracket or a comma that says who it is: "Precious (mother)", "Kai (aged 6)",
# "Kaydence (DOB 12/03/2017)", "Storm, her brother,", "Nkechi - maternal aunt".
_WHO = (
    rf"(?:(?:the|a|her|his|their|[A-Z][\w'\-]{{0,30}}'s)[ ]{{1,2}})?(?:(?:maternal|paternal|birth|step-?|half-?|"
    rf"older|younger|elder|eldest|youngest|twin|adult|baby|teenage|new|former|ex-?)[ ]{{1,2}})?(?i:{_ROLES})\b"
    r"(?![ ]{1,2}[A-Z0-9]{1,2}\b)"
)
_NAME_THEN_WHO = re.compile(
    r"(?<=[A-Za-z])(?:[ ]{0,2}\([ ]{0,2}(?:"
    + _WHO
    # "England (Child Safeguarding Practice Review Panel)" is no family member, nor is "Triage (Sister Okafor)"
    # once redacted: a placeholder, blanked out as \x00, stands where the name was.
    + r"(?![ ]{1,2}[A-Z\x00])"
    + r"|(?i:aged?|dob|d\.o\.b|born|b\.)\b|[0-9]{1,2}(?:[ ]{0,2}(?i:years?|yrs?|y|months?|mths?|m|weeks?|wks?|w))?"
    r"[ ]{0,2}[,;)])|'s[ ]{1,2}(?:(?:maternal|paternal|older|younger|elder|big|little|step-?|half-?|birth|"
    r"foster|new|ex-?)[ ]{1,2})?(?:"
    + _ROLES  # as written: "Junior's aunt", "Kai's GP", but not "England's Child Safeguarding Practice"
    + r")s?\b(?![ ]{1,2}[A-Z0-9]{1,2}\b)|,[ ]{1,2}(?:"
    + _WHO
    + r")(?=[ ,.;:)]|$)|[ ]{1,2}-[ ]{1,2}"
    + _WHO
    + ")"
)
_CAP_TOKEN = re.compile(r"[A-Z]")
# "Sibling 1 (Kai)", "CHILD L (Harrison, 6)": a name given in brackets after an anonymised label.
_LABEL_BRACKET = re.compile(
    r"(?:CHILD|Child|SIBLING|Sibling|ADULT|Adult|BABY|Baby|YOUNG PERSON|Young [Pp]erson|YP)[ ]{1,2}"
    r"[A-Z0-9]{1,2}[ ]{0,2}\([ ]{0,2}(?=[A-Z])"
)
_LABEL_WORDS = word_set("CHILD Child SIBLING Sibling ADULT Adult BABY Baby YOUNG Young YP")


def _back_name(tokens: Tokens, end_offset: int) -> Span | None:
    """The name that ends at `end_offset` (walk back over at most four name tokens)."""
    i = tokens.by_end.get(end_offset)
    if i is None:
        return None
    last = tokens.items[i]
    if last.cls in _NEVER_FIRST or last.cls == "CAPS":
        return None  # "ASC – MGF admitted": an acronym before a role
    if (
        fold(last.text) in INSTITUTION_WORDS
        or fold(last.text) in _DAYS_MONTHS
        or fold(last.text) in NON_VALUES
    ):
        return None
    first = i
    while first > 0 and i - first < 3 and tokens.joined(first - 1):
        prev = tokens.items[first - 1]
        if (
            prev.cls in _NAMEISH
            or prev.cls == "PARTICLE"
            or weak_surname(prev.text, prev.cls)
            or prev.cls == "INITIAL"
            or (prev.text.isupper() and last.text.isupper() and prev.cls in {"CAPS", "CAPS_NAME"})
        ):
            first -= 1
        else:
            break
    while tokens.items[first].cls == "PARTICLE" and first < i:
        first += 1
    head = tokens.items[first]
    if head.cls == "COMMON" and first == i and is_sentence_start(tokens.text, head.start):
        return None  # "Afterwards, her mother": an ordinary word at a sentence start
    return Span(head.start, last.end, EntityKind.PERSON, "")


def _table_names(tokens: Tokens) -> list[Span]:
    """Names in a family table's name column (pipes or tabs) and in 'Name | value' rows."""
    spans: list[Span] = []
    text = tokens.text
    name_header = re.compile(
        r"(?i)^[ *_]*(?:(?:full|child's|childs|person's|first|given|fore|sur|family|last|preferred)[ ]?)?"
        r"names?(?:[ ]\([^)]{0,30}\))?[ *_:]*$|^[ *_]*(?:forenames?|surname|known as|alias)[ *_:]*$"
    )
    columns: list[int] = []  # every column headed as a name: "Name | Known as | DOB"
    separator = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        line_start = offset
        offset += len(line)
        sep = "|" if body.count("|") >= 2 else "\t" if "\t" in body else ""
        if not sep:
            columns = []
            continue
        cells: list[tuple[int, str]] = []
        cursor = 0
        for cell in body.split(sep):
            cells.append((line_start + cursor, cell))
            cursor += len(cell) + 1
        if sep == "|" and body.strip().startswith("|"):
            cells = cells[1:]
        headers = [k for k, (_, cell) in enumerate(cells) if name_header.match(cell.strip())]
        if headers and len(cells) >= 2:
            value = cells[1][1].strip()
            if headers[0] == 0 and len(cells) == 2 and value and not _header_like(value):
                # "Name<TAB>Kaydence Okonkwo-Bright": a label row, the value is in the next cell.
                spans.extend(_cell_names(tokens, *cells[1]))
            columns, separator = headers, sep
            continue
        if not columns or sep != separator:
            continue
        if re.fullmatch(r"[\s|:\-]*", body):
            continue  # the markdown rule under a header
        for column in columns:
            if column < len(cells):
                spans.extend(_cell_names(tokens, *cells[column]))
    return spans


def _header_like(cell: str) -> bool:
    """'Relationship', 'Role', 'Age': one ordinary word, so the row is a header, not 'Name | value'."""
    words = TOKEN.findall(cell)
    return len(words) == 1 and classify(words[0]) in {"COMMON", "ROLE", "FUNCTION", "CAPS"}


def _cell_names(tokens: Tokens, start: int, cell: str) -> list[Span]:
    spans: list[Span] = []
    for match in TOKEN.finditer(cell):
        offset = start + match.start()
        if spans and offset < spans[-1].end:
            continue
        span = _name_at(tokens, offset, allow_initial=True)
        if span is not None and span.end <= start + len(cell):
            spans.append(span)
    return spans


# A person's age in brackets after a name ("charged: BRADY KINSELLA (17)").
_AGE_AFTER = re.compile(r"[ ]\((?:aged[ ])?(?:[1-9][0-9]?)(?:[ ]?(?:yrs|years))?\)")


_SYSTEM_STARTS = word_set("storm lcs crn mosaic niche athena pnc pnd cad")


def _caps_names(tokens: Tokens) -> list[Span]:
    """Names in capitals: "KAYDENCE OKONKWO-BRIGHT" when a word is a listed name or the run ends in a
    double-barrelled or Gaelic surname."""
    spans: list[Span] = []
    items = tokens.items
    i = 0
    while i < len(items):
        tok = items[i]
        if not (tok.text.isupper() and len(tok.text) > 1 and tok.cls in {"CAPS", "CAPS_NAME"}):
            i += 1
            continue
        j = i
        while j + 1 < len(items) and j - i < 3 and tokens.joined(j) and items[j + 1].text.isupper():
            j += 1
        run = items[i : j + 1]
        # "SAYS FLORIN", "JOHN SMITH ARRESTED": the log's verb before or after the name is not part of it.
        while len(run) > 1 and run[0].cls == "CAPS" and fold(run[0].text) in _LOG_VERBS:
            run = run[1:]  # not "RED MARK NECK": a word in -ed opens a run of capitals as an adjective
        while len(run) > 1 and log_verb(run[-1]):
            run = run[:-1]
        words = [fold(t.text) for t in run]
        if (
            len(run) >= 2
            and words[0] not in _SYSTEM_STARTS  # "STORM INCIDENT 1234": a police system's record
            and not any(w in ACRONYMS or w in ROLE_WORDS or w in FUNCTION_WORDS for w in words)
            and not any(w in common_words() for w in words[:1])
            and (
                any(t.cls == "CAPS_NAME" for t in run)
                or ("-" in run[-1].text and not all(p in common_words() for p in words[-1].split("-")))
                or _AGE_AFTER.match(tokens.text, run[-1].end) is not None  # "BRADY KINSELLA (17)"
            )
        ):
            spans.append(Span(run[0].start, run[-1].end, EntityKind.PERSON, ""))
        i = j + 1
    return spans


def _first_words(alternatives: str) -> frozenset[str]:
    words = set()
    for alternative in alternatives.split("|"):
        head = re.split(r"[ \-\\(\[?.]", alternative.replace("[ ]", " "), maxsplit=1)[0]
        if head:
            words.add(head.casefold())
    return frozenset(words)


_ROLE_STARTS = _first_words(FAMILY_ROLES + "|" + PROFESSIONAL_ROLES) | {"step", "half", "ex"}
_CALLED_STARTS = word_set(
    "called named known aka a alias nickname nicknamed nicknames goes going call calls referred name names "
    "by introduced signed gave gives giving given only calling née nee formerly maiden previously"
)
_LABEL_STARTS = word_set(
    "full name names child's childs forename forenames first given surname last family alias aliases "
    "nickname known mother father mum dad step stepfather stepmother step-father step-mother partner sibling "
    "siblings brother sister grandmother grandfather carer child subject victim perpetrator parent guardian "
    "person young baby adult referrer alleged maiden previous aka"
)


@lru_cache(maxsize=1)
def _keep_lowercase() -> frozenset[str]:
    words = _ROLE_STARTS | _CALLED_STARTS | _LABEL_STARTS | PARTICLES | ROLE_WORDS
    words |= {w + "-" + x for w in ("step", "half", "ex") for x in ROLE_WORDS}
    return frozenset(words | {w + "s" for w in words})


_NO_NAME_AFTER = frozenset({"ROLE", "FUNCTION", "LOWER", "TITLE"})


def _cue_pairs() -> frozenset[tuple[str, str]]:
    """Each two words in a row of a multi-word role or label ("health visitor", "designated safeguarding
    lead", "young person"): the first word's rule reads on past the second, so it is never skipped."""
    phrases = [
        *(FAMILY_ROLES + "|" + PROFESSIONAL_ROLES).split("|"),
        "full name", "child's name", "childs name", "first name", "first names", "given name", "given names",
        "last name", "family name", "maiden name", "previous name", "previous names", "known as",
        "young person", "alleged perpetrator",
    ]  # fmt: skip
    pairs: set[tuple[str, str]] = set()
    for phrase in phrases:
        for variant in {phrase.replace("-?", "-"), phrase.replace("-?", ""), phrase.replace("-?", " ")}:
            words = [fold(w.removesuffix("'s")) for w in variant.split()]
            pairs.update(pairwise(words))
    return frozenset(pairs)


_CUE_PAIRS = _cue_pairs()


_SURNAME_AFTER_NEE = re.compile(r"[A-Z][\w'\-]{1,30}+(?:[ ][A-Z][\w'\-]{1,30}+)?(?=[),;.\s]|$)")
_WORD_AND_LETTER = re.compile(r"[A-Z][a-z]{1,15}[ ][A-Z](?![\w'.\-])")
# A nickname in quotes: 1-3 capitalised words, straight after a role or relationship word ('his friend
# "Tizzy"', 'his mate "Smithy"'), a naming cue ('known as "Sunbeam"') or a name in brackets ('Ryan Smith
# ("Smithy")'). Found from the quote, so no role pattern runs over the whole text.
# Any capital starts one: a Vietnamese or a Polish nickname may open with a letter outside A-Z ("Đức").
_QUOTED = re.compile(r"\"(?P<n>[^\W\d_a-z][\w'\-]{1,20}(?:[ ][A-Z][\w'\-]{0,20}){0,2})\"")
_QUOTE_CUE_WORDS = word_set(
    "mate mates pal pals associate associates aka called nicknamed named calls include includes including "
    "alongside alias aliases nickname nicknames "
    # a debt is owed to someone ('owes "Pidge" £300')
    "owe owes owed owing"
)
# 'Known as: Tee / "Little T"', 'Also known as: "Ắnh", "Bé"': a field of other names, each one a name.
_KNOWN_AS_FIELD = re.compile(
    r"(?i:\bknown[ ]as|\baka|\ba\.k\.a\.?|\balias(?:es)?|\bnicknames?)[ *_]*:[ ]*(?:[^\n\"]{1,30}?[ ]?(?:[/,;]|[ ]or)[ ])?$"
)
# A drug line is named for the one who runs it ('line "MOSSY"', 'the "Kez" line', '"the Kez line"').
_LINE_NAMED = re.compile(r"\bline[ ]\"$")
# '"to help Biscuit" (believed to be Kane Ashworth)': the word a note says is someone, quoted or not.
_BEFORE_WHO = re.compile(
    r"\b(?P<n>[A-Z][\w'\-]{1,20})\"?(?=[ ]\((?:(?:real|full|true)[ ]name|(?:believed|thought|understood)[ ]to[ ]be)"
    r"[ ]+[A-Z])"
)
# The note after the word, which starts at most 22 characters into a match (with its \b first, re would try the
# pattern at every character).
_WHO_CUES = (
    " (real name",
    " (full name",
    " (true name",
    " (believed to be",
    " (thought to be",
    " (understood to be",
)
_LINE_AFTER = re.compile(r"\"[ ](?:line|phone)\b")
_LINE_QUOTED = re.compile(r"\"the[ ](?P<n>[A-Z][\w'\-]{1,20})[ ](?:line|phone)\"")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'\-]*)[ ]{1,2}(\(?)$")
# Weaker cues ('known locally as "Dunny"', 'saved as "Bossman"', 'the driver is "Skeng"', 'believed to be
# "Skeng"'): only for words no list knows as ordinary (not 'rated as "Good"').
_QUOTE_WEAK_CUE_WORDS = word_set("as is be was were")
_KNOWN_AS = re.compile(r"\b(?:knew|know|knows|known|goes|went|go)\b[^.\"“\n]{0,50}$")
_NAME_CLASSES = frozenset({"FIRST", "SURNAME", "UNKNOWN", "CAPS_NAME"})
_QUOTE_IS_NAME = re.compile(
    r"[ ](?:is|was)[ ](?:(?:his|her|their)[ ](?:friend|cousin|brother|sister)[ ])?[A-Z][a-z]"
    # '"Jordy" not identified', '"Jordy" is believed to be Jordan Hill': a police note on who someone is.
    r"|[ ](?:(?:is|was|remains|still)[ ])?(?:not[ ](?:yet[ ])?identified|unidentified|not[ ]known|unknown)\b"
    r"|[ ](?:is|was)[ ](?:believed|thought|understood|likely)[ ]to[ ]be\b"
)
# '"Biscuit" (believed to be Kane Ashworth, 19)', '"Big Ted" (real name thought to be Edward Quayle)', '"Moonie"
# – unknown, white male': a note on who the quoted name is, whatever words it is made of.
_QUOTE_WHO = re.compile(
    r"[ ]\((?:(?:real|full|true)[ ]name|(?:believed|thought|understood)[ ]to[ ]be|possibly|poss\.?|probably|"
    r"prob\.?|likely|identified[ ]as|i\.e\.?|=)[ ]"
    r"|[ ][–—\-][ ](?:not[ ](?:yet[ ])?identified|unidentified|not[ ]known|unknown)\b"
)


# A relative's name in quotes is a nickname ('"Uncle Mo" stays over'): the name after the kinship word, or
# after a coach's or a pastor's ('"Coach Dec"'). English words only: elsewhere the word may be the title of the
# name ('"Abba Gebre"', a priest).
_KIN_NICKNAME = word_set(
    "uncle auntie aunty aunt nan nana nanna grandad grandpa granny cousin coach pastor imam"
)


# 'Ricky "Rocco" Dunmore': a nickname in quotes between a first name and a surname is one name with them.
_NICKNAME_INSIDE = re.compile(
    r"(?P<f>[^\W\d_](?<![\w'\-].)[\w'\-]{1,20})[ ][\"“][A-Z][\w'\-]{1,20}(?:[ ][A-Z][\w'\-]{1,20})?[\"”][ ]"
    r"(?P<s>[^\W\d_][\w'\-]{1,30})(?![\w'\-])"
)


def _plain_quote(words: list[str]) -> bool:
    """Whether quoted words can be what someone is called when a strong cue says so: no role, nationality,
    function word, acronym or public name ('the "NSPCC" line', '"Samsung" phone')."""
    return not any(
        classify(w) == "ROLE"
        or fold(w) in NATIONALITIES
        or fold(w) in FUNCTION_WORDS
        or fold(w) in ACRONYMS
        or fold(w) in public_names()
        for w in words
    )


def quoted_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in (
        matches_near(_NICKNAME_INSIDE, text, (' "', " “"), reach=21) if '" ' in text or "” " in text else ()
    ):
        first, last = match.group("f"), match.group("s")
        # "Tinashe "Tee" Moyo": a first name no list knows counts when it is no word either.
        first_ok = classify(first) in {"FIRST", "AMBIG"} or (
            classify(first) == "UNKNOWN" and not is_vocabulary(first)
        )
        # 'Patrick "Paddy" GARSIDE': a surname in capitals no list knows, and no word or acronym
        last_ok = classify(last) in _NAME_CLASSES or (
            last.isupper() and len(last) >= 3 and fold(last) not in ACRONYMS and not is_vocabulary(last)
        )
        if first[:1].isupper() and last[:1].isupper() and first_ok and last_ok:
            spans.append(Span(match.start(), match.end(), EntityKind.PERSON, ""))
            # The surname alone too: where a longer name overlapping the first name wins ('Kyle Ashby-Fenn and
            # Tomasz "Tommo" Wrona' read as a list), the surname is still taken, as it is once the rest are
            # placeholders.
            spans.append(Span(match.start("s"), match.end("s"), EntityKind.PERSON, ""))
    listed_to = -1  # where the last quote taken ended: '("JM", "Migs")' lists two names for one person
    for match in matches_near(_BEFORE_WHO, text, _WHO_CUES, reach=22):
        if _plain_quote([match.group("n")]) and classify(match.group("n")) not in {"TITLE", "INITIAL"}:
            spans.append(Span(match.start("n"), match.end("n"), EntityKind.PERSON, ""))
    for match in _LINE_QUOTED.finditer(text) if '"the ' in text else ():
        if _plain_quote([match.group("n")]):
            spans.append(Span(match.start("n"), match.end("n"), EntityKind.PERSON, ""))
    for match in _QUOTED.finditer(text) if '"' in text else ():
        if not match.group("n")[0].isupper():
            continue
        if listed_to != -1 and text[listed_to : match.start()] in (", ", "; ", " or ", " and ", "/", " / "):
            if all(classify(w) == "ROLE" for w in match.group("n").split()):
                listed_to = -1  # 'knew him as "Liam" or "Dad"': the second is what the children call him
                continue
            spans.append(Span(match.start("n"), match.end("n"), EntityKind.PERSON, ""))
            listed_to = match.end()
            continue
        listed_to = -1
        if _plain_quote(match.group("n").split()) and (
            _QUOTE_WHO.match(text, match.end()) is not None
            or _KNOWN_AS_FIELD.search(text, max(0, match.start() - 70), match.start()) is not None
            or _LINE_NAMED.search(text, max(0, match.start() - 12), match.start()) is not None
            or _LINE_AFTER.match(text, match.end() - 1) is not None
        ):
            spans.append(Span(match.start("n"), match.end("n"), EntityKind.PERSON, ""))
            listed_to = match.end()
            continue
        before = _WORD_BEFORE.search(text, max(0, match.start() - 40), match.start())
        if before is None and text.endswith(MASK + " (", 0, match.start()):
            # 'Navneet Kaur BHULLAR ("Nav")' with the surname already found as something else: a nickname in
            # brackets after a found name, if it reads as one.
            if all(classify(w) in _NAME_CLASSES | {"AMBIG"} for w in match.group("n").split()):
                spans.append(Span(match.start("n"), match.end("n"), EntityKind.PERSON, ""))
                listed_to = match.end()
            continue
        if before is None:
            # 'PNC 23/556102F. "Jordy" not identified.': a quote opening a sentence says who someone is.
            words = match.group("n").split()
            if _QUOTE_IS_NAME.match(text, match.end()) is not None and all(
                classify(w) in _NAME_CLASSES | {"AMBIG"} for w in words
            ):
                spans.append(Span(match.start("n"), match.end("n"), EntityKind.PERSON, ""))
            continue
        word = fold(before.group(1))
        named_before = classify(before.group(1))
        by_name = (
            before.group(2) == "("
            and before.group(1)[:1].isupper()
            and (
                named_before in {"FIRST", "SURNAME", "UNKNOWN", "AMBIG", "CAPS_NAME", "COMMON"}
                # a surname in capitals no list knows ('Dwayne McKENZIE ("D-Roc")'), not an acronym
                or (named_before == "CAPS" and len(word) >= 3 and word not in ACRONYMS)
            )
        )
        if any(fold(w) in NATIONALITIES or fold(w) in FUNCTION_WORDS for w in match.group("n").split()):
            continue  # 'recorded as "White British"'
        words = match.group("n").split()
        # '| Jerome WHITLOCK "J-Dub" |': a quote straight after a surname is what he goes by, unless it is
        # ordinary words ('Smith "Good"').
        by_name = by_name or (
            not before.group(2)
            and before.group(1)[:1].isupper()
            and (
                named_before in {"SURNAME", "CAPS_NAME"}
                or (
                    named_before == "CAPS"
                    and len(word) >= 3
                    and word not in ACRONYMS
                    and not is_vocabulary(word)
                )
            )
            and not all(classify(w) == "COMMON" for w in words)
            # in a log's capitals a quote is often what was said ('SMITH "BRING SHAME"')
            and not (match.group("n").isupper() and all(is_vocabulary(w) for w in words))
        )
        weak = (
            word in _QUOTE_WEAK_CUE_WORDS
            and not before.group(2)
            and (
                all(classify(w) in _NAME_CLASSES for w in words)
                # 'a man he knew from Discord as "Fox"': knowing someone as a word makes it his name
                or (
                    word == "as"
                    and _KNOWN_AS.search(text, max(0, before.start() - 50), before.start()) is not None
                )
            )
        )
        # '"Kane" is his friend Kane Oduya', '"Ty" is Tyler-James Pennock': the quote says who someone is.
        identity = _QUOTE_IS_NAME.match(text, match.end()) is not None and all(
            classify(w) in _NAME_CLASSES | {"AMBIG"} for w in words
        )
        if all(classify(w) == "ROLE" for w in words):
            continue  # '"Auntie" or "Egbon"', 'calls my mother "Nain"': what a family calls someone
        if len(words) == 2 and len(words[1]) == 1 and after_letter_label(text, match.end("n") - 1):
            continue  # 'Ellie-Mae Pryce-Dawes ("Child E")': the review's label for her, which the text keeps
        kin = (
            len(words) == 2
            and fold(words[0]) in _KIN_NICKNAME
            and classify(words[1]) in _NAME_CLASSES | {"AMBIG"}
        )
        # A bracket opens a nickname only after a name ('Ryan Smith ("Smithy")'), not after a role word.
        if (
            kin
            or weak
            or identity
            or (
                (word in ROLE_WORDS or word in _QUOTE_CUE_WORDS or by_name)
                and (by_name or not before.group(2))
                # 'the school "Good"': after a role word alone, a quote of ordinary words is a rating
                and (by_name or word in _QUOTE_CUE_WORDS or not all(classify(w) == "COMMON" for w in words))
            )
        ):
            # '"Uncle Mo"': the name goes, the kinship word stays, as it does outside quotes.
            start = match.start("n") + (len(words[0]) + 1 if kin else 0)
            spans.append(Span(start, match.end("n"), EntityKind.PERSON, ""))
            listed_to = match.end()
    return spans


@lru_cache(maxsize=1 << 16)
def _cues(word: str) -> tuple[bool, bool, bool, bool, bool]:
    """Which rules of context_names `word` starts: a title, a role, "called", a label, a label in brackets."""
    folded = fold(word)
    head = folded.split("-", 1)[0]
    return (
        word in _TITLE_SET,
        folded in _ROLE_STARTS
        or head in _ROLE_STARTS
        or (folded[-1:] == "s" and folded[:-1] in _ROLE_STARTS),
        folded in _CALLED_STARTS,
        folded in _LABEL_STARTS or head in _LABEL_STARTS,
        word in _LABEL_WORDS,
    )


# What follows a name in an aside: "Precious, the mother", "Precious (mother)", "Precious - mother", "Precious's".
_ASIDE = re.compile(r"[,(]| [(-]|'s")


def _all_common(tokens: Tokens, span: Span) -> bool:
    k = tokens.by_start[span.start]
    while k < len(tokens.items) and tokens.items[k].end <= span.end:
        if tokens.items[k].cls != "COMMON":
            return False
        k += 1
    return True


def _make_and_model(value: str) -> bool:
    """A car's make and model ("SEAT LEON", "Ford Fiesta"): no name, whatever cue comes before it."""
    words = [fold(word) for word in TOKEN.findall(value)[:2]]
    return len(words) == 2 and words[0] in CAR_MAKES and words[1] in CAR_MODELS


def context_names(tokens: Tokens) -> list[Span]:
    """Names from context. Each rule is tried only where its cue word starts, anchored there."""
    text = tokens.text
    spans: list[Span] = []

    items = tokens.items

    def add(span: Span | None) -> None:
        if span is not None:
            spans.append(span)

    for index, tok in enumerate(items):
        word = tok.text
        # Most words cue no rule: one cached look-up and a glance at what follows skip them.
        title, role_start, called, label, label_word = _cues(word)
        aside = word[:1].isupper() and _ASIDE.match(text, tok.end) is not None
        if not (title or role_start or called or label or label_word or aside or tok.cls == "ROLE"):
            continue
        # After a role word, a name would start at the next kept word; a role, title, function or lowercase
        # word never starts one ("Mother Mother Mother...": no pattern is tried).
        if (
            tok.cls == "ROLE"
            and not aside  # the rule that looks back ("Precious (mother)") still applies
            and index + 1 < len(items)
            and items[index + 1].cls in _NO_NAME_AFTER
            and not label_word
            and (fold(word), fold(items[index + 1].text)) not in _CUE_PAIRS  # "health visitor Ocean Stone"
        ):
            continue
        if title:
            match = _TITLE.match(text, tok.start)
            if match:
                # "Inspector PPU": one word in capitals after a title in mixed case is an acronym.
                titled = _name_at(tokens, match.end(), allow_initial=True, strict=not word.isupper())
                add(
                    _with_word_surname(tokens, titled)
                    if titled is not None
                    else _titled_surname(tokens, match.end())
                )
        if role_start:
            match = _ROLE_THEN_NAME.match(text, tok.start)
            if match:
                # A capitalised role mid-sentence is part of a title-case phrase ("Child Protection Plan",
                # "Detective Chief Superintendent", "the GP, Midwifery and Health Visiting"): only a word
                # that is not ordinary English can be a name there.
                capitalised = word[:1].isupper()
                sep = match.group("sep").strip()
                common_ok = sep not in {":", "-"} and (
                    not capitalised or (is_sentence_start(text, tok.start) and sep in {",", "("})
                )
                span = _name_at(tokens, match.end(), strict=True, common_ok=common_ok)
                if span is not None and word.isupper() and len(word) > 2:
                    # "THE CHILD AND FAMILY": after a role in capitals (a heading) only a listed name counts.
                    first = tokens.items[tokens.by_start[span.start]]
                    if first.cls not in {"FIRST", "SURNAME", "CAPS_NAME"}:
                        span = None
                # "Mother (Rebecca Lewis)" names her; "Mother (Living in the same household)" does not.
                if (
                    span is not None
                    and "(" in match.group("sep")
                    and text[span.end : span.end + 1] not in {")", ","}
                ):
                    span = None
                add(span)
        # "Named Paediatric Liaison Nurse: Tina Wragg": a capitalised "Named" before a capitalised word is a job.
        if called and not (word == "Named" and _CAP_TOKEN.match(text, tok.end + 1)):
            match = _CALLED.match(text, tok.start)
            if match:
                # "a lad called Little T": a nickname of a word and a capital letter.
                short = _WORD_AND_LETTER.match(text, match.end())
                if short and fold(short.group(0).split()[0]) in ROLE_WORDS | NON_VALUES:
                    short = None  # "referred to as Child M": an anonymised label
                if short is None and fold(match.group(0)[:3]) in {"nee", "mai"}:
                    # "(née WARD)": after née only a surname can follow, even an ordinary word in capitals.
                    short = _SURNAME_AFTER_NEE.match(text, match.end())
                add(
                    Span(short.start(), short.end(), EntityKind.PERSON, "")
                    if short
                    else _name_at(tokens, match.end())
                )
        if label:
            match = _LABEL.match(text, tok.start)
            if match:
                span = _name_at(tokens, match.end(), allow_initial=True)
                # "Subject: RAPID REVIEW - CHILD J" is an email's subject line, not a child's name.
                if (
                    span is not None
                    and fold(word) == "subject"
                    and tokens.items[tokens.by_start[span.start]].cls not in _NAMEISH
                ):
                    span = None
                # "Interpreter for mum: Language Line": after a relative's label, ordinary words are a
                # service, not her name ("Mum: Summer Rose" has a listed name).
                if span is not None and fold(word) in ROLE_WORDS and _all_common(tokens, span):
                    span = None
                add(span)
        if label_word:
            match = _LABEL_BRACKET.match(text, tok.start)
            if match:
                span = _name_at(tokens, match.end(), strict=True)
                if span is not None and text[span.end : span.end + 1] in {")", ","}:
                    add(span)
        if aside:
            match = _NAME_THEN_WHO.match(text, tok.end)
            if match:
                span = _back_name(tokens, tok.end)
                head_tok = tokens.items[tokens.by_start[span.start]] if span else None
                # "Precious, the mother, said" is an aside; "After the Strategy Meeting, the social worker
                # visited" is not: an ordinary word needs the aside closed.
                # A lone word the dictionary has, before a comma or a dash ("Reassured, infant colic",
                # "3rd July Visited - Granny says"), is ordinary too; "Hyacinth Grant - grandmother" is two.
                lone_word = (
                    span is not None
                    and head_tok is not None
                    and span.end == head_tok.end
                    and (
                        head_tok.cls == "COMMON"
                        or (head_tok.cls == "UNKNOWN" and is_vocabulary(head_tok.text))
                    )
                )
                sep = match.group(0).lstrip()[:1]
                if (
                    head_tok is not None
                    and ((head_tok.cls == "COMMON" and sep == ",") or (lone_word and sep in {",", "-"}))
                    and text[match.end() : match.end() + 1] not in {",", ")", ";", "."}
                ):
                    span = None
                if lone_word and sep == "(":
                    span = (
                        None  # "| Club (chair) |": a lone dictionary word before a role in brackets holds it
                    )
                # "Barnardo's ICTG service": a national body's name before a role is no one's.
                if span is not None and fold(text[span.start : span.end]) in public_names():
                    span = None
                # "An Intervention Provider (mentor)": an ordinary word after another capitalised word is a
                # title-case phrase, not a name.
                if span is not None and head_tok is not None and head_tok.cls in {"COMMON", "UNKNOWN"}:
                    k = tokens.by_start[span.start]
                    prev = tokens.items[k - 1] if k > 0 and tokens.joined(k - 1) else None
                    if (
                        prev is not None
                        and prev.text[:1].isupper()
                        and prev.cls in {"COMMON", "ROLE", "FUNCTION"}
                    ):
                        span = None
                add(span)
    found = spans + _table_names(tokens) + _caps_names(tokens) + quoted_names(text)
    trimmed = [_without_leading_role(tokens, span) for span in found]
    return [span for span in trimmed if not _make_and_model(text[span.start : span.end])]


# Family words in other languages said before a name ("Kaka Shwan", "Khala Samina"), but not those that are also
# a priest's or a parent's title in a name ("Abba Gebre", "Abu Bakr", "Umm Kulthum") or a name themselves.
_KIN_IN_OTHER_LANGUAGES = frozenset(
    fold(word) for line in data_lines("family_words.txt") for word in line.split()
) - word_set("abba abu umm bibi ama ata baba")


def _without_leading_role(tokens: Tokens, span: Span) -> Span:
    """'known only as "Uncle Shaz"': a role word before the name is the family's word for him, kept."""
    k = tokens.by_start.get(span.start)
    items = tokens.items
    if (
        k is not None
        and (fold(items[k].text) in KIN_TITLES or fold(items[k].text) in _KIN_IN_OTHER_LANGUAGES)
        and k + 1 < len(items)
        and items[k + 1].end <= span.end
    ):
        return Span(items[k + 1].start, span.end, span.kind, span.key)
    return span


# ----------------------------------------------------------------------------------------- list rules


# A name that names a thing after it: an award, a scheme, a legal test ("a Rose Award volunteer scheme",
# "Fraser guidelines not met", "Gillick competent").
# The laws named after a child ("Sarah's Law", "Clare's Law") are national schemes, not the child.
_NAMED_THING = re.compile(
    r"(?:'s)?\s{1,4}(?:Award|Awards|Scheme|Programme|Prize|Trophy|Medal|Fund|Garden|Gardens|guidelines|competence|"
    r"competent|ruling|principles|criteria|Law)\b"
)


def _segment_is_name(text: str, segment: list[Tok]) -> bool:
    if len(segment) == 1 and (
        segment[0].cls not in _LISTED_ALONE or _NAMED_THING.match(text, segment[0].end) is not None
    ):
        return False  # a word alone is a name only if a list knows it, and names no thing ("Jordan Road")
    classes = [t.cls for t in segment]
    if len(segment) >= 2:
        if classes == ["INITIAL", "UNKNOWN"] or (
            classes == ["INITIAL", "ROLE"] and fold(segment[1].text) in _ROLES_ALSO_SURNAMES
        ):
            return True  # "M. Akinde", "L. Foster"
        if all(c == "CAPS_NAME" for c in classes):
            return True
        strong = sum(c in {"SURNAME", "UNKNOWN", "FIRST", "CAPS_NAME"} for c in classes)
        return "FIRST" in classes or "AMBIG" in classes or strong >= 2
    tok = segment[0]
    if tok.cls in {"FIRST", "SURNAME"}:
        return True
    if tok.cls == "AMBIG":
        folded = fold(tok.text)
        return folded in NOT_AT_SENTENCE_START and not is_sentence_start(text, tok.start)
    return False


_LISTED_ALONE = frozenset({"FIRST", "SURNAME", "AMBIG"})
_PLACE_ENDS = word_set(
    "airport interchange bridge station junction services harbour pier beach quay docks arena stadium "
    "cathedral abbey museum library market precinct parkway airfield viaduct moor moors reservoir canal club"
)


_SPACED_PREFIXES = frozenset({"Mc", "Mac", "St", "Fitz"})


# Role words that are also common surnames, a surname straight after a first name unless the role's noun follows
# ("Paul Foster (DSL)"; "Kayla foster carer").
_ROLES_ALSO_SURNAMES = word_set("foster")
_ROLE_NOUN_AFTER = re.compile(
    r"[ ](?i:carers?|care|placement|parents?|home|family|families|mother|father|child|children|agency)\b"
)


def without_opening_verbs(text: str, spans: list[Span]) -> list[Span]:
    """Names found with the verb that opens their sentence ("Says Tomek and Agnieszka's friend"), without it."""
    trimmed: list[Span] = []
    for span in spans:
        # Most names are one word, or start with no verb's ending: read no further (a long text finds a hundred
        # thousand names).
        space = text.find(" ", span.start, span.end)
        if space != -1 and _an_action_verb(text[span.start : space]) and _after_an_action(text, span, space):
            trimmed.append(Span(space + 1, span.end, span.kind, span.key))
            continue
        if space == -1 or text[space - 1] not in "sd" or span.kind is not EntityKind.PERSON:
            trimmed.append(span)
            continue
        first = TOKEN.match(text, span.start)
        after = TOKEN.match(text, first.end() + 1, span.end) if first is not None else None
        if first is None:
            trimmed.append(span)
            continue
        if after is not None and _verb_opening_sentence(
            text,
            Tok(first.start(), first.end(), first.group(0), classify(first.group(0))),
            Tok(after.start(), after.end(), after.group(0), classify(after.group(0))),
        ):
            span = Span(first.end() + 1, span.end, span.kind, span.key)
        trimmed.append(span)
    return trimmed


def _after_an_action(text: str, span: Span, space: int) -> bool:
    """Whom an action names: a name, or a run of capitals read as a place that starts with a given name ("Emailed
    Dawn Aldridge"); not a street ("Saw Mill Lane")."""
    if span.kind is EntityKind.PERSON:
        return True
    word = TOKEN.match(text, space + 1, span.end)
    return (
        span.kind is EntityKind.ADDRESS and word is not None and classify(word.group(0)) in {"FIRST", "AMBIG"}
    )


def _an_action_verb(word: str) -> bool:
    """ "Tell", "CONTACT": a verb that opens an action, and no one's given name ("Chase", "Bill" are)."""
    folded = fold(word)
    return folded in ACTION_VERBS and folded not in first_names() and (word.istitle() or word.isupper())


def _verb_opening_sentence(text: str, tok: Tok, after: Tok) -> bool:
    """A verb no name list holds, capitalised because it opens a note's sentence, before a given name or an
    ordinary word ("Says Chi's dad", "Denies J works", "Forced Marriage"); before a surname ("Mantas JANKAUSKAS",
    "Jess Cowell") it is a given name no list holds."""
    folded = fold(tok.text)
    return (
        tok.cls == "UNKNOWN"
        and folded.endswith(("s", "ed"))
        and not tok.text.isupper()
        and (
            after.cls in {"FIRST", "AMBIG", "INITIAL", "COMMON"}
            or (after.cls == "UNKNOWN" and is_vocabulary(after.text))
        )
        and is_sentence_start(text, tok.start)
        and any(
            folded.endswith(ending)
            and len(folded) - len(ending) >= least
            and is_vocabulary(folded[: -len(ending)] + stem)
            # the shortest stem each ending takes: "Says", "Denies", "Accepted", "Agreed", "Travelled" (not "Jas",
            # "Mared")
            for ending, stem, least in (
                ("s", "", 3),
                ("ies", "y", 3),
                ("ied", "y", 3),
                ("ed", "", 4),
                ("d", "", 5),
                ("led", "", 4),
            )
        )
    )


def _without_sentence_words(text: str, segment: list[Tok]) -> list[Tok]:
    """A run of capitalised words without the sentence's own words at either end."""
    # "Says Chi's dad", "Denies J works": a verb opening the sentence, before a given name.
    while len(segment) > 1 and _verb_opening_sentence(text, segment[0], segment[1]):
        segment = segment[1:]
    # "paying J. Denies knowing": an initial ending one sentence, then the next one's first word, which the
    # dictionary knows and a word in lower case follows ("A. Begum said" is a name).
    if (
        len(segment) == 2
        and segment[0].cls == "INITIAL"
        and segment[1].cls == "UNKNOWN"
        and not segment[1].text.isupper()
        and is_vocabulary(segment[1].text)
        and _LOWER_WORD_AFTER.match(text, segment[1].end)
    ):
        segment = segment[:1]
    return segment


def _field_of_job(tokens: Tokens, j: int, segment: list[Tok]) -> bool:
    """Dictionary words before a job are the job's field ("Modern Slavery Coordinator", "Transport Officer")."""
    items = tokens.items
    return (
        j + 1 < len(items)
        and items[j + 1].cls == "ROLE"
        and fold(items[j + 1].text) in JOB_HEADS
        and tokens.joined(j)
        and all(t.cls == "UNKNOWN" and not t.text.isupper() and is_vocabulary(t.text) for t in segment)
    )


def list_names(tokens: Tokens) -> list[Span]:
    """Runs of capitalised words scored against the name lists ("Jayden Smith", "Zainab")."""
    spans: list[Span] = []
    items = tokens.items
    i = 0
    while i < len(items):
        tok = items[i]
        starts = tok.cls in _NAMEISH or (
            tok.cls == "INITIAL"
            and i + 1 < len(items)
            and tokens.joined(i)
            and (
                items[i + 1].cls in {"SURNAME", "UNKNOWN", "FIRST"}
                or (
                    items[i + 1].cls == "ROLE"
                    and fold(items[i + 1].text) in _ROLES_ALSO_SURNAMES
                    and not _ROLE_NOUN_AFTER.match(tokens.text, items[i + 1].end)
                )
            )
            and tokens.text[tok.end : tok.end + 1] == "."
        )
        if starts and tok.cls == "INITIAL" and fold(items[i + 1].text) in _OPENING_VERBS:
            # "Spoke to Z. Says cousin is...": the initial ends one sentence and a verb opens the next.
            spans.append(Span(tok.start, tok.end + 1, EntityKind.PERSON, ""))
            i += 1
            continue
        if not starts:
            i += 1
            continue
        j = i
        while j + 1 < len(items) and j - i < 4 and tokens.joined(j):
            nxt = items[j + 1]
            if nxt.cls in _NAMEISH or (
                weak_surname(nxt.text, nxt.cls) and items[j].cls in {"FIRST", "AMBIG", "INITIAL", "CAPS_NAME"}
            ):
                j += 1
            elif (
                nxt.cls == "ROLE"
                and fold(nxt.text) in _ROLES_ALSO_SURNAMES
                # "SKYE LAUREN FOSTER" in a log's capitals, after a listed first name
                and (
                    items[j].cls in {"FIRST", "AMBIG"}
                    or (items[j].cls == "CAPS_NAME" and nxt.text.isupper())
                    # "M. L. Foster", "Mei Ling Foster": after an initial with its stop, or two name words
                    or (items[j].cls == "INITIAL" and tokens.text[items[j].end : items[j].end + 1] == ".")
                    or (items[j].cls == "UNKNOWN" and j > i and nxt.text[1:].islower())
                )
                and not _ROLE_NOUN_AFTER.match(tokens.text, nxt.end)
            ):
                j += 1  # "Mr Paul Foster", not "Paul's foster carer"
            elif (
                items[j].text in _SPACED_PREFIXES
                and j > i
                and nxt.text[:1].isupper()
                and nxt.cls not in {"ROLE", "FUNCTION", "TITLE"}
            ):
                j += 1  # "Siobhan Mc Guinness", "Darnell St. Clair": the prefix carries the surname
            elif nxt.cls == "PARTICLE":
                k = j + 1  # "Pieter van der Berg": particles count only before another name word
                while (
                    k + 1 < len(items) and k - j < 3 and tokens.joined(k) and items[k + 1].cls == "PARTICLE"
                ):
                    k += 1
                if k + 1 < len(items) and tokens.joined(k) and items[k + 1].cls in _NAMEISH:
                    j = k + 1
                else:
                    break
            else:
                break
        segment = items[i : j + 1]
        if j > i:
            segment = _without_sentence_words(tokens.text, segment)
        # "a Seat Leon", "Honda Civic", "Land Rover": a car, not a person.
        after_make = i > 0 and fold(items[i - 1].text) in CAR_MAKES and tokens.joined(i - 1)
        # "Ford Transit Custom", "the Transit": a make that is also a surname before a model, or a model.
        car_model = fold(segment[0].text) in CAR_MODELS or (
            len(segment) > 1
            and fold(segment[0].text) in MAKES_ALSO_SURNAMES
            and fold(segment[1].text) in CAR_MODELS
        )
        # "Bradford Interchange", "Sowerby Bridge", "Manchester Airport": a place, named by its last word.
        place = (
            len(segment) > 1
            and fold(segment[-1].text) in _PLACE_ENDS
            and not any(t.cls in {"FIRST", "AMBIG", "INITIAL"} for t in segment[:-1])
        )
        if (
            not after_make
            and not car_model
            and not place
            and not _field_of_job(tokens, j, segment)
            and fold(segment[0].text) not in CAR_MAKES
            and _segment_is_name(tokens.text, segment)
        ):
            start = segment[0].start
            # "saw Precious Okonkwo": an ordinary capitalised word mid-sentence, straight before a surname,
            # is the first name.
            if i > 0 and tokens.joined(i - 1) and segment[0].cls in {"SURNAME", "UNKNOWN"}:
                prev = items[i - 1]
                folded = fold(prev.text)
                if (
                    prev.cls == "COMMON"
                    and prev.text not in _TITLE_SET
                    and folded not in INSTITUTION_WORDS
                    and not is_sentence_start(tokens.text, prev.start)
                    and not prev.text.isupper()
                ):
                    start = prev.start
            spans.append(Span(start, segment[-1].end, EntityKind.PERSON, ""))
        i = j + 1
    return spans


# ------------------------------------------------------------------------------------------ propagation


def _needle_parts(name: str) -> list[str]:
    parts: list[str] = []
    for token in TOKEN.findall(name):
        parts.append(token)
        if "-" in token:
            parts.extend(p for p in token.split("-") if p)
    return parts


# Endings of English words no list holds ("driver", "rider"): their lowercase form is that word, not a name.
_ENGLISH_ENDINGS = ("er", "ers", "ing", "ed", "ly", "est", "ness", "ment", "tion", "ous", "ful", "less")


_SEASONS = frozenset({"Summer", "Autumn", "Winter", "Spring", "SUMMER", "AUTUMN", "WINTER", "SPRING"})
_SEASON_USE = re.compile(r"[ ](?:will|is|was|term|terms|holidays?|half-term|half|break|months?|period)\b")


_PLAIN_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ]$")
_NOT_BEFORE_A_NAME = word_set(
    "the a an this that these those his her their our my your its he she it they we i you who which every each no"
)


def propagate(tokens: Tokens, names: list[str], covered: bytearray | None = None) -> list[Span]:
    """Every other mention of any part of a name already found, as whole tokens.

    One word is matched in its own case or in capitals ("Kaydence", "KAYDENCE"); a part that is also an
    ordinary word ("Storm", "Bright") only where it is capitalised away from a sentence start or is not a
    function word. Whole names also match in any case ("kelly smith"). A word already inside a found span
    (`covered`, 1 per character) is not looked at again.
    """
    if covered is None:
        covered = bytearray(len(tokens.text) + 1)
    singles: dict[str, bool] = {}  # exact spelling -> ordinary word (needs care at sentence starts)
    upper: dict[str, bool] = {}
    multi: dict[str, set[tuple[str, ...]]] = {}
    names = list(dict.fromkeys(names))  # each distinct spelling once, in order
    for name in names:
        tokens_of_name = [fold(t) for t in TOKEN.findall(name)]
        if len(tokens_of_name) > 1:
            multi.setdefault(tokens_of_name[0], set()).add(tuple(tokens_of_name))
        for part in _needle_parts(name):
            folded = fold(part)
            if len(part) == 2 and _short_first_name(part, tokens_of_name):
                # "Mo" of "Mo Raza", "Ty" found in quotes ('Tyson ("Ty")'): in its own spelling only
                singles[part] = False
                continue
            if len(part) == 2 and part == name and part.isupper() and can_be_initials(part):
                # 'Known as: "KJ"': letters found as someone's whole name, in capitals only
                singles[part] = False
                continue
            if len(part) < 3 or (not part[:1].isupper() and not part.isupper()):
                continue
            if folded in ROLE_WORDS or folded in FUNCTION_WORDS or folded in NON_VALUES:
                continue
            if (
                not part.isascii()
                and part[1:].islower()
                and (folded in _DAYS_MONTHS or folded in common_words())
            ):
                # "Ján" of "Ján Horňák": with its accent no month or word is spelt so ("Jan", "Jana"), so it is
                # looked for in that spelling.
                singles[part] = False
                continue
            if folded in ACRONYMS:
                if part[1:].islower() and len(part) >= 4 and (part == name or folded in first_names()):
                    # "Nicu" found alone as a name, "Amber" of "Amber Kirk": its spelling, never the unit's
                    # "NICU"; an ordinary word's care at a sentence start ("Risk: low. Amber.", a RAG rating)
                    singles[part] = True
                continue
            if folded in NATIONALITIES and folded not in first_names():
                continue  # "Kayden WHITE" is looked for whole, never as "White British"; "Shona" is looked for
            if folded in INSTITUTION_WORDS or folded in _DAYS_MONTHS or folded in _LOG_VERBS:
                continue  # "SAYS" of a run of capitals read as a name is no name to look for
            is_ordinary = (
                folded in common_words() and folded not in first_names() and folded not in surnames()
            )
            spelled = part[:1] + part[1:] if not part.isupper() else part.capitalize()
            singles[spelled] = is_ordinary
            upper[part.upper()] = is_ordinary
    spans: list[Span] = []
    items = tokens.items
    text = tokens.text
    # A chat quoted as written ("is kane gonna be there", "u comin to mylos"): a found name's part in lowercase,
    # also with a possessive's s and no apostrophe, when no word list knows it as an ordinary word.
    lowercase: set[str] = set()
    for spelled, plain_word in singles.items():
        lower = spelled.lower()
        if (
            not plain_word
            and len(lower) >= 4
            and lower not in common_words()
            and lower[:-1] not in common_words()  # "SAYS FLORIN" taken as a name: "says" is no name in a chat
            and lower.isalpha()
        ):
            cls = classify(spelled)
            if cls == "FIRST" or (cls == "UNKNOWN" and not lower.endswith(_ENGLISH_ENDINGS)):
                lowercase.update((lower, lower + "s"))
    # "Gav" for Gavin, "Kaz" for Karen's nickname: three or more letters that begin a found first name.
    prefixes: dict[str, str] = {}
    for name in names:
        head = TOKEN.findall(name)[:1]
        if head and len(head[0]) >= 5 and head[0][:1].isupper() and not head[0].isupper():
            for n in range(3, len(head[0]) - 1):
                prefixes.setdefault(head[0][:n], head[0])
    # In a message the short form is in lower case too ("dani" for Daniela), when it is four letters or more
    # and no word.
    for prefix in prefixes:
        lower = prefix.lower()
        if len(lower) >= 4 and lower.isalpha() and lower not in common_words() and not is_vocabulary(prefix):
            lowercase.update((lower, lower + "s"))
    if lowercase:
        finder = re.compile(r"(?<![\w'\-])(?:" + trie(lowercase) + r")(?![\w'\-])")
        for hit in finder.finditer(text):
            if covered[hit.start()]:
                continue
            # After an article or a pronoun a word that is also a word is that word ("the site", "she says",
            # "a narrowboat"), though a run in capitals was taken for a name ("SITE REG KEEPER").
            before = _WORD_BEFORE.search(text, max(0, hit.start() - 8), hit.start())
            if (
                before is not None
                and before.group(1).lower() in _NOT_BEFORE_A_NAME
                and is_vocabulary(hit.group(0))
            ):
                continue
            spans.append(Span(hit.start(), hit.end(), EntityKind.PERSON, ""))
    # Only a token spelled as a key below can give a span: the rest are skipped before any other test.
    wanted = singles.keys() | upper.keys() | prefixes.keys() | _SEASONS
    for i, tok in enumerate(items):
        if tok.text not in wanted or (covered[tok.start] and covered[tok.end - 1]):
            continue
        if tok.text in _SEASONS and _SEASON_USE.match(text, tok.end):
            continue  # "Summer will be difficult" after "Summer-Rose": the season
        if (
            tok.text in prefixes
            and tok.cls in {"UNKNOWN", "FIRST", "AMBIG", "SURNAME"}
            and tok.text not in singles
        ):
            spans.append(Span(tok.start, tok.end, EntityKind.PERSON, ""))
            continue
        ordinary = singles.get(tok.text)
        if ordinary is None and tok.text.isupper() and len(tok.text) > 1:
            ordinary = upper.get(tok.text)
        if ordinary is not None:
            if _NAMED_THING.match(text, tok.end):
                continue  # "Rose Templeton", then "a Rose Award scheme": the word names a thing there
            if not ordinary or not is_sentence_start(text, tok.start) or _named_here(tokens, i):
                spans.append(Span(tok.start, tok.end, EntityKind.PERSON, ""))
            continue
    if multi:
        # Each name's first two words index it, so a first word shared by many names is followed by one look
        # at the word after it, not one per name.
        longest_first: dict[tuple[str, str], list[tuple[str, ...]]] = {}
        for key, sequences in multi.items():
            for sequence in sorted(sequences, key=lambda seq: (-len(seq), seq)):
                longest_first.setdefault((key, sequence[1]), []).append(sequence)
        # Whole names in any case ("kelly smith"): only where a first word of a name of several words stands
        # whole, in any case (found by one pattern of those first words, as written and as folded).
        heads = {
            spelling
            for name in names
            if len(words := TOKEN.findall(name)) > 1
            for spelling in (fold(words[0]), words[0].casefold())
        }
        finder = re.compile(r"(?i)(?<![^\W\d_])(?:" + trie(heads) + r")(?![^\W\d_])")
        for hit in finder.finditer(text):
            first = TOKEN.match(text, hit.start())
            second = _word_after(text, first.end()) if first else None
            if first is None or second is None:
                continue
            if covered[hit.start()] and not (
                # "KERRY-ANN" found alone in a log's capitals, where "FOSTER" is also a word: the whole name,
                # found in full elsewhere, takes the rest
                first.group(0).isupper()
                and second.group(0).isupper()
                and not (first.start() and covered[first.start() - 1])
                and not covered[first.end()]
                and not covered[second.start()]
            ):
                continue
            for sequence in longest_first.get((fold(first.group(0)), fold(second.group(0))), ()):
                end = _sequence_end(text, first, sequence)
                if end is not None:
                    spans.append(Span(first.start(), end, EntityKind.PERSON, ""))
                    break
    return spans


def _word_after(text: str, end: int) -> re.Match[str] | None:
    """The word after one or two white spaces from `end`."""
    gap = end
    while gap < len(text) and gap - end < 2 and text[gap].isspace():
        gap += 1
    return None if gap == end else TOKEN.match(text, gap)


def _sequence_end(text: str, first: re.Match[str], sequence: tuple[str, ...]) -> int | None:
    """End of the words `sequence` (folded) starting with `first`, one or two white spaces apart."""
    end = first.end()
    for part in sequence[1:]:
        word = _word_after(text, end)
        if word is None or fold(word.group(0)) != part:
            return None
        end = word.end()
    return end


_NOT_SHORT_NAMES = word_set("st no re fw am pm uk ok oh ah hi eg ie nb ps vs pt")


def _short_first_name(part: str, name_tokens: list[str]) -> bool:
    """A two-letter first name of a full name ("Mo Raza"), written Mo, not an abbreviation or a particle."""
    folded = fold(part)
    return (
        part[0].isupper()
        and part[1].islower()
        and folded == name_tokens[0]
        and (folded not in _NOT_SHORT_NAMES or folded in first_names())
        and folded not in FUNCTION_WORDS
        and folded not in PARTICLES
        and folded not in ROLE_WORDS
        and part not in _TITLE_SET
        and folded not in ACRONYMS
    )


def _named_here(tokens: Tokens, i: int) -> bool:
    """An ordinary-word name at a sentence start still counts when a verb of speech or action follows."""
    return _DOING_AFTER.match(tokens.text, tokens.items[i].end) is not None


_DOING_AFTER = re.compile(rf"(?:'s\b|[ ]{{1,2}}(?:{PERSON_VERBS}|and)\b)")


# ------------------------------------------------------------------------------------------------ initials


def _initial_forms(name: str) -> list[str]:
    """'Tom Kershaw' -> TK, T.K.; 'Kai Mensah-Fordham' -> KMF, K.M-F., K M-F; 'Amber-Rose Fairweather' -> A-R F."""
    name = given_first(name)  # "HARGREAVES, Jordan Lee" (a police record's order) -> JLH
    words = [w for w in name.split() if w[:1].isalpha()]
    if len(words) < 2 or len(words) > 4 or not all(w[:1].isupper() for w in words):
        return []
    heads = _heads_of(words)
    compact = "".join(h.replace("-", "") for h in heads)
    if not can_be_initials(compact):
        return []
    forms = {compact, ".".join(heads) + "."}
    given = heads[0].replace("-", "")
    if len(given) == 2 and can_be_initials(given):
        forms.add(given)  # "LM" for Lili-Mai Prosser: a double given name's own initials
    if any("-" in h for h in heads):
        forms.add(" ".join(heads))
        forms.add("".join(heads))  # "YA-H" for Yazan Al-Hassan
        forms.add(".".join(h.replace("-", ".-") for h in heads) + ".")  # "D.K.-M." for Deshawn Kofi-Marriott
    # "KF" for Kerry-Ann Foster, "SF" for Skye Lauren Foster: a log writes the first and last initials alone, as
    # it does for a name of two plain words.
    first_last = heads[0][:1] + heads[-1][:1]
    if first_last != compact and can_be_initials(first_last) and fold(first_last) not in NOTE_ABBREVIATIONS:
        forms.add(first_last)
    return sorted(forms, key=len, reverse=True)


_DISCLOSED_THINGS = word_set("da dv ni asb nfa sgo rip")


def _taken_initials(name: str) -> str | None:
    """A two-word name's initials that an acronym also takes ("DC" for Delroy CAMPBELL)."""
    words = [w for w in given_first(name).split() if w[:1].isalpha()]
    if len(words) != 2 or not all(w[:1].isupper() for w in words) or any("-" in w for w in words):
        return None
    letters = "".join(w[0] for w in words)
    folded = fold(letters)
    # A job every role list holds ("GP", "SW", "HV") stays the job: a person is too rarely called by its letters.
    # A rarer job's letters ("TM", "TA"), and a little word's ("AS" for Amina Saeed, "ON"), are the person's only
    # where the text names someone so and before what a person does ("TM took AS's phone").
    # Letters a note abbreviates with ("RE" for Ruth Ellison is "regarding", "AM" a morning) are hers only there too;
    # not those of what a note says was disclosed or shown ("No DA disclosed", "His NI was shown"), which stay.
    others = (
        folded in ACRONYMS
        or folded in FUNCTION_WORDS
        or is_role_abbreviation(letters)
        or (folded in NOT_INITIALS and folded not in _DISCLOSED_THINGS)
    )
    return letters if others and not _a_job_word(letters) else None


def _disclosed_thing_initials(name: str) -> str | None:
    """A two-word name's initials that spell what a note says was disclosed ("DA" for Denise Ayres): hers only
    before what no abuse does ("DA replied", "DA saw the risk"; not "DA disclosed", "routine enquiry re DA asked")."""
    words = [w for w in given_first(name).split() if w[:1].isalpha()]
    if len(words) != 2 or not all(w[:1].isupper() for w in words):
        return None
    letters = words[0][0] + words[1][0]
    return letters if fold(letters) in _DISCLOSED_THINGS else None


def _a_job_word(letters: str) -> bool:
    """Whether a role list holds these letters as a job or a word for one; a family word in another language ("Ba",
    a Vietnamese father) is written as one, never in capitals as letters."""
    folded = fold(letters)
    return folded in ROLE_WORDS and (folded not in FAMILY_WORDS or is_job_letters(letters))


# Where initials an acronym also takes stand for the person: before what a person does ("DC says", "DC did not
# attend", "DC phoned", "DC v MG"), never before a name ("DC Harewood" is a rank), a comma or a bracket
# ("(DC, CAIT)"), nor after an article ("the DC said").
_TAKEN_INITIALS_AFTER = re.compile(rf"[ ](?:{PERSON_VERBS}|phoned|arrested|convicted|v)\b|'s[ ]")
_ARTICLE_BEFORE = re.compile(r"(?i:\b(?:the|a|an)[ ])$")
# Over the development sets, each of these after "DA" or "NI" followed someone's initials (6 of 6).
_ONLY_A_PERSON_AFTER = re.compile(
    r"[ ](?:said|says|replied|saw|told|phoned|rang|emailed|visited|attended|spoke|wrote|agreed|explained|advised|"
    r"called|texted|met)\b"
)


# A little word in capitals in a sentence otherwise in lower case is a name's initials ("DO rang the Front Door",
# "summarised by DO", "MT / DO") unless it answers a question ("Seen alone? NO."), stands before a number
# ("AN 07700…", "AT 0701") or is one of a line written in capitals.
_ANSWER_BEFORE = re.compile(r"[:?][ ]*$")
_ANSWER_AFTER = re.compile(r"[ ]*(?:[.!]|[ ][–\-/][ ]|\n|$)")
_NUMBER_AFTER = re.compile(r"[ ]?[0-9]")


# "Actions: RE to discuss with TM": letters a note abbreviates with, or a little word, then "to" and what is to be
# done are the person owning it; an acronym's letters there are the service's ("LA to assess", "IT to fix").
_TO_DO_AFTER = re.compile(r"[ ]to[ ][a-z]")


def _owner_before_to(text: str, start: int, end: int) -> bool:
    folded = fold(text[start:end])
    return (
        (folded in NOT_INITIALS or folded in FUNCTION_WORDS)
        and folded not in ACRONYMS
        and _TO_DO_AFTER.match(text, end) is not None
    )


class _CapitalLines:
    """Whether the line holding an offset is written mostly in capitals: the newlines are found once and each line
    read once, so a text of one long line costs one reading however many initials stand on it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        self.read: dict[int, bool] = {}

    def __call__(self, at: int) -> bool:
        k = bisect.bisect_right(self.starts, at) - 1
        if k not in self.read:
            line = self.text[
                self.starts[k] : self.starts[k + 1] if k + 1 < len(self.starts) else len(self.text)
            ]
            self.read[k] = sum(c.isupper() for c in line) * 2 >= sum(c.isalpha() for c in line)
        return self.read[k]


def _little_word_initials(text: str, start: int, end: int, in_capitals: _CapitalLines) -> bool:
    folded = fold(text[start:end])
    if folded not in FUNCTION_WORDS or folded in ACRONYMS or is_role_abbreviation(text[start:end]):
        return False
    if _NUMBER_AFTER.match(text, end):
        return False
    if _ANSWER_BEFORE.search(text, max(0, start - 4), start) and _ANSWER_AFTER.match(text, end):
        return False
    return not in_capitals(start)


_WORD_BEFORE_BRACKET = re.compile(r"([\w'\-]+)[ ]$")
_LINE_START_BEFORE = re.compile(r"(?:^|\n)[ \t]*(?:[-*•][ ]|[0-9]{1,2}[.)][ ])?$")
_OWNER_DASH_BEFORE = re.compile(r"[ ][-–][ ]$")
_LINE_END_AFTER = re.compile(r"\.?[ \t]*(?:\n|$)")


def _minutes_owner(text: str, start: int, end: int) -> bool:
    """Where minutes put a person by initials: speaking at a line's start ("BA: no concerns"), owning an action at
    its end ("... by Friday – PA") or in brackets ("(TM)")."""
    if text.startswith(":", end):
        return _LINE_START_BEFORE.search(text, max(0, start - 8), start) is not None
    if start and text[start - 1] == "(" and text.startswith(")", end):
        # An action's owner after what is to be done ("Letter to GP (BA)", "review plan (PA)"); after a name the
        # bracket holds that person's job ("Nadia Hussain (TM)").
        word = _WORD_BEFORE_BRACKET.search(text, max(0, start - 30), start - 1)
        return word is not None and (not word.group(1)[:1].isupper() or word.group(1).isupper())
    return (
        _OWNER_DASH_BEFORE.search(text, max(0, start - 3), start) is not None
        and _LINE_END_AFTER.match(text, end) is not None
    )


def _heads_of(words: list[str]) -> list[str]:
    return ["-".join(part[:1].upper() for part in w.split("-") if part) for w in words]


def _initial_and_surname(name: str) -> tuple[str, ...]:
    """'Paul Foster' -> "P. Foster", "P Foster": the surname with the given name's initial, where the surname alone
    is a role or a word that no later mention is matched by ("Foster", "Young", "Child")."""
    words = given_first(name).split()
    if len(words) != 2 or not all(w[:1].isupper() and w[1:2].islower() for w in words):
        return ()
    given, surname = words
    folded = fold(surname)
    if folded not in ROLE_WORDS and folded not in common_words():
        return ()  # a surname that is no word is found alone already
    if given[0] in "AI":
        return (f"{given[0]}. {surname}",)  # "A Foster Carer": an article, not Anne's initial
    return (f"{given[0]}. {surname}", f"{given[0]} {surname}")


def _bracketed_form(name: str) -> str | None:
    """Initials that are also a word or an acronym ("OR" for Owain Rice), which count only as an action's
    owner in brackets: "confirm his address (OR)"."""
    words = [w for w in given_first(name).split() if w[:1].isalpha()]
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return None
    compact = "".join(h.replace("-", "") for h in _heads_of(words))
    folded = fold(compact)
    if _a_job_word(compact) or is_role_abbreviation(compact):
        return None
    return compact if folded in ACRONYMS or folded in FUNCTION_WORDS or folded in NOT_INITIALS else None


_TITLED_WORD = re.compile(not_after_each(r"\w", _TITLES.split("|")) + r"\.?[ ]([A-Z][\w'\-]+)")


def _surname_heads(name: str, titled: set[str]) -> list[str]:
    """The initial letters of a found name's surname ("Pennington-Hale" -> P-H, P): of a full name's last word, or
    of a word found alone that the text gives a title (in `titled`: "Mr Pennington-Hale")."""
    words = given_first(name).split()
    surname = words[-1] if words else ""
    if (
        not (surname[:1].isupper() and surname[1:2].islower())
        or (len(words) == 1 and surname not in titled)
        # "Keeping Lily" read as a name: a heading's verb, then a given name, has no surname
        or (len(words) > 1 and is_vocabulary(words[0]) and classify(words[0]) not in {"FIRST", "AMBIG"})
    ):
        return []
    return list(dict.fromkeys(("-".join(part[:1] for part in surname.split("-") if part), surname[0])))


def initial_mentions(text: str, names: list[str], covered: bytearray) -> list[Span]:
    """Later mentions of a found full name by its initials ("Actions: TK to complete", "K.O. informed the
    social worker"), in capitals as written, never inside another word or a found span."""
    forms: set[str] = set()
    bracketed: set[str] = set()
    for name in dict.fromkeys(names):
        forms.update(_initial_forms(name))
        forms.update(_initial_and_surname(name))
        if "(" in text:
            form = _bracketed_form(name)
            if form:
                bracketed.add(form)
    spans: list[Span] = []
    if forms:
        finder = re.compile(trie_not_after(r"[\w.\-]", forms) + r"(?![\w\-]|\.[A-Za-z])")
        spans += [
            Span(m.start(), m.end(), EntityKind.PERSON, "")
            for m in finder.finditer(text)
            if not covered[m.start()] and m.end() - m.start() >= 2
        ]
    taken = {
        letters for name in dict.fromkeys(names) if (letters := _taken_initials(name)) and letters in text
    }
    if taken:
        in_capitals = _CapitalLines(text)
        finder = re.compile(trie_not_after(r"[\w.\-/&]", taken) + r"(?![\w\-/&]|\.[A-Za-z])")
        spans += [
            Span(m.start(), m.end(), EntityKind.PERSON, "")
            for m in finder.finditer(text)
            if not covered[m.start()]
            and (
                _TAKEN_INITIALS_AFTER.match(text, m.end())
                or _minutes_owner(text, m.start(), m.end())
                or _little_word_initials(text, m.start(), m.end(), in_capitals)
                or _owner_before_to(text, m.start(), m.end())
            )
            and not _ARTICLE_BEFORE.search(text, max(0, m.start() - 5), m.start())
            and not among_capitals(text, m.start(), m.end())
        ]
    disclosed = {
        letters
        for name in dict.fromkeys(names)
        if (letters := _disclosed_thing_initials(name)) and letters + " " in text
    }
    if disclosed:
        finder = re.compile(trie_not_after(r"[\w.\-/&]", disclosed) + r"(?=[ ])")
        spans += [
            Span(m.start(), m.end(), EntityKind.PERSON, "")
            for m in finder.finditer(text)
            if not covered[m.start()] and _ONLY_A_PERSON_AFTER.match(text, m.end())
        ]
    titled = {m.group(1) for m in _TITLED_WORD.finditer(text)} if names else set()
    surnames = {heads for name in dict.fromkeys(names) for heads in _surname_heads(name, titled)}
    if surnames:
        # "frightened of Mr P", 'saw "Mr P-H hold…"': a title, then the letters of a surname found in full
        finder = re.compile(rf"\b(?:{_TITLES})\.?[ ]({trie(surnames)})(?![\w\-']|\.[A-Za-z])")
        spans += [
            Span(m.start(1), m.end(1), EntityKind.PERSON, "")
            for m in finder.finditer(text)
            if not covered[m.start(1)]
        ]
    if bracketed:
        finder = re.compile(r"\((" + trie(bracketed) + r")\)")
        spans += [
            Span(m.start(1), m.end(1), EntityKind.PERSON, "")
            for m in finder.finditer(text)
            if not covered[m.start(1)]
        ]
    return spans


def user_names(text: str, names: list[str], covered: bytearray) -> list[Span]:
    """A system's user name made of a found person's names, as a record's export prints its author ("Exported by:
    gtulip", "logged by g.tulip", "user gemma.tulip"): in lower case, whole, never inside a word or an address."""
    forms: set[str] = set()
    for name in dict.fromkeys(names):
        words = [w for w in given_first(name).split() if w[:1].isalpha()]
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            continue
        given, surname = words[0].lower(), re.sub(r"[^a-z]", "", words[-1].lower())
        if len(surname) < 3:
            continue
        forms.update((given[0] + surname, f"{given[0]}.{surname}", f"{given}.{surname}", given + surname))
    forms = {form for form in forms if form.isascii() and not is_vocabulary(form)}
    if not forms:
        return []
    finder = re.compile(r"(?<![\w@.\-/])(?:" + trie(forms) + r")(?![\w@\-/]|\.\w)")
    return [
        Span(m.start(), m.end(), EntityKind.HANDLE, m.group(0))
        for m in finder.finditer(text)
        if not covered[m.start()]
    ]


# A message's lower-case name beside another found there ("tom and jade are worried", "if amy or dean ask"):
# a listed first name, though also a word, when it is paired with someone. Of 15 such pairs in the development
# sets, 14 were two people (the other unlabelled).
_PAIRED_AFTER = re.compile(r"[ ](?:and|or|n|&)[ ](?P<w>[a-z]{3,12})(?![\w'@\-])")
_PAIRED_BEFORE = re.compile(r"(?<![\w'@.\-])(?P<w>[a-z]{3,12})[ ](?:and|or|n|&)[ ]$")


def paired_names(text: str, spans: list[Span]) -> list[Span]:
    """Listed first names in lower case joined by "and" or "or" to a person found in lower case."""
    paired: list[Span] = []
    for span in spans:
        if span.kind is not EntityKind.PERSON or not text[span.start : span.start + 1].islower():
            continue
        for match in (
            _PAIRED_AFTER.match(text, span.end),
            _PAIRED_BEFORE.search(text, max(0, span.start - 18), span.start),
        ):
            if match is not None and match.group("w") in first_names():
                paired.append(Span(match.start("w"), match.end("w"), EntityKind.PERSON, ""))
    return paired


def lowercase_mentions(text: str, names: list[str], covered: bytearray) -> list[Span]:
    """Later mentions of a found name's parts written in lower case, as in a text message ("mikey said",
    "at mollys"); only parts that are no English word, so "shay" or "rose" in a message stays."""
    forms: set[str] = set()
    for name in dict.fromkeys(names):
        for part in TOKEN.findall(name):
            lower = part.lower()
            # and a chat's sender found in lower case ("gaz: ur late"), named so in the messages ("cant do this gaz")
            if len(lower) >= 3 and not is_vocabulary(part) and classify(part) not in _NOT_LOWER:
                forms.add(lower)
            elif (
                len(lower) == 2
                and part.isalpha()
                and not is_vocabulary(part)
                and lower not in _not_two_letter_names()
            ):
                # A name of two letters, as a message calls someone ("ri answer me" after "Ri:", "lu come to mine"):
                # never a word or a message's slang ("ok", "ty").
                forms.add(lower)
            forms.update(_short_forms(part))
    finders = [_lowercase_first_names()]
    if forms:
        finders.append(re.compile(r"(?<![\w'\-])(?:" + trie(forms) + r")s?" + _NAME_END))
    return (
        [
            Span(m.start(), m.end(), EntityKind.PERSON, "")
            for finder in finders
            for m in finder.finditer(text)
            if not covered[m.start()]
            # a possessive without its apostrophe that spells a word is the word: "this" is not Thi's
            and not (m.group(0)[-1:] == "s" and is_vocabulary(m.group(0)))
        ]
        + _word_names_in_lower_case(text, names, covered)
    )


@lru_cache(maxsize=1)
def _not_two_letter_names() -> frozenset[str]:
    """Two letters a message writes as a word, not a name: its slang ("ty"), a name's particle ("da", "de"), and the
    little words of the languages families' messages are written in (Welsh "yn", Polish "na", Vietnamese "xe")."""
    return chat_words() | PARTICLES | _OTHER_LANGUAGES_LITTLE_WORDS


_OTHER_LANGUAGES_LITTLE_WORDS = word_set(
    "yn fi ti hi ni fe fo ei ar at ac wy na do za to ze po ja ty on em eu os um no si nu la pe cu el lo mi tu se ya "
    "xe va ma ca di ne da je ki ke"
)


# A long text finds the same names hundreds of times: each name's short forms are worked out once.
@lru_cache(maxsize=1 << 14)
def _short_forms(part: str) -> frozenset[str]:
    """A found name's short forms as a message writes them, its first three letters or more ("stace" for Stacey,
    "suj" for Sujan, "chlo" for Chloe): never a word, a message's slang or an acronym ("gab", "lol", "abe")."""
    if len(part) < 4 or not part[:1].isupper() or part.isupper() or not part.isalpha():
        return frozenset()
    shorts = {part[:k].lower() for k in range(3, len(part))}
    return frozenset(short for short in shorts if not is_vocabulary(short) and short not in chat_words())


# A found name that is also a word ("Hope", "Jade", "River", "Precious"), written in a message's lower case, is
# the person where a message names someone: after "tell", "with", "my sister", a greeting; before "said",
# "cant", a possessive; or called at the message's end ("ur growing up fast presh", "smashing it today sky").
# Elsewhere it is the word ("i hope", "the river", "saving grace").
_WORD_NAME_BEFORE = MESSAGE_NAME_BEFORE | word_set(
    "told and sister sis brother bro auntie aunty nan nanna cousin cuz uncle hiya hi hey oi morning night drive "
    "pick see partner boyfriend girlfriend bf gf husband hubby wife fella owes owe"
)
# Not "is", "was", "has", "seen"...: "hope is", "faith has" are the words as often as the people.
_WORD_NAME_AFTER = (
    MESSAGE_NAME_AFTER - word_set("is was will got has had kept told sent seen saw")
) | word_set("cyaan wont goes went")
_WORD_NAME_CLASSES = frozenset({"FIRST", "AMBIG", "UNKNOWN", "COMMON"})
# The end of a message after a name called: the line's end, an emoji, a full stop, "?" or "!".
_CALLED_AT_END = re.compile(r"[ ]?(?:[^\w\s'\-]{1,8})?[ ]*(?:$|\n)", re.MULTILINE)


def _in_text(words: set[str], text: str) -> set[str]:
    """{word for word in words if word in text}, in one pass over a long text rather than one per word (each word
    that is not there cost a scan of it all): at each place the longest word there, and the words it starts with."""
    if not words:
        return set()
    found: set[str] = {""} & words  # the empty word is in every text
    longest: set[str] = set()
    for match in re.finditer("(?=(" + trie(words) + "))", text):
        word = match.group(1)
        if word not in longest:
            longest.add(word)
            found.update(word[:n] for n in range(1, len(word) + 1) if word[:n] in words)
    return found


def _word_names_in_lower_case(text: str, names: list[str], covered: bytearray) -> list[Span]:
    # Given names only, from full names found ("Hope Adeyemi"): a surname that is a word ("Ward") or a word read
    # as a name once ("Said") is no one's in a message.
    words = set()
    for name in dict.fromkeys(names):
        parts = TOKEN.findall(name)
        given = parts[0] if len(parts) > 1 and parts[1][:1].isupper() else ""
        if (
            len(given) >= 3
            and given[:1].isupper()
            and not given.isupper()
            and is_vocabulary(given)
            and classify(given) in _WORD_NAME_CLASSES
            and fold(given) not in _WORD_NAME_BEFORE | _WORD_NAME_AFTER  # "Said Ify", then "kofi said dont"
        ):
            words.add(given.lower())
    words = _in_text(words, text)
    if not words:
        return []
    spans: list[Span] = []
    for match in re.finditer(r"(?<![\w'\-@.#/])(?:" + trie(words) + r")(?:'s)?(?![\w'\-@])", text):
        start, end = match.start(), match.end()
        if covered[start]:
            continue
        before = _PLAIN_WORD_BEFORE.search(text, max(0, start - 10), start)
        after = _WORD_AFTER_LOWER.match(text, end)
        named = (before is not None and before.group(1) in _WORD_NAME_BEFORE) or (
            after is not None and after.group(1) in _WORD_NAME_AFTER
        )
        # Called at the end of a message that says something first ("ur mature for ur age sky").
        called = (
            before is not None and text[start - 2 : start - 1].isalpha() and _CALLED_AT_END.match(text, end)
        )
        if named or match.group(0).endswith("'s") or called:
            spans.append(Span(start, start + len(match.group(0).removesuffix("'s")), EntityKind.PERSON, ""))
    return spans


_WORD_AFTER_LOWER = re.compile(r"[ ]([a-z]+)\b")


# After a name in lower case: no more of a word or handle, but a possessive may follow ("at sadia's").
_NAME_END = r"(?![\w\-@]|'(?!s\b))"


@lru_cache(maxsize=1)
def _lowercase_first_names() -> re.Pattern[str]:
    """Listed first names of four letters or more that are no English word, in lower case ("freya", "kieran"),
    as a message writes them even when the name appears nowhere else. No prose in the evaluation corpora or the
    Panel's publication uses one as a word, while "will", "hope" or "shay" (English words) are left."""
    names = {
        name
        for name in first_names()
        if len(name) >= 4
        and name.isascii()
        and name.isalpha()
        and not is_vocabulary(name)
        and name not in ROLE_WORDS
    }
    return re.compile(r"(?<![\w'\-@.])(?:" + trie(names) + r")s?" + _NAME_END)


_NOT_LOWER = frozenset({"ROLE", "FUNCTION", "TITLE", "COMMON", "CAPS"})


# "Hepzibah Strong (HS) – DSL", "Tom O'Driscoll (TO'D)", "Parveen Akhtar (PA, Head of Service)": minutes
# declare each attendee's initials once, then use them alone.
_DECLARED = re.compile(
    r"(?P<name>[A-Z][\w'\-]{1,30}(?:[ ][A-Z][\w'\-]{1,30}){1,3})[ ]\([\"“]?"
    r"(?P<ini>[A-Z](?:'?[A-Z]|-[A-Z]|Ma?c[A-Z]){1,3}[a-z]?)(?:-(?P<job>[A-Z]{2,5}))?[\"”]?[,)]"
)
# The same after a bracket that says what the person does: "Harriet O'Sullivan (DSL) (HO'S)".
_DECLARED_SECOND = re.compile(_DECLARED.pattern.replace("[ ]\\(", "[ ]\\([^()\\n]{1,40}\\)[ ]\\(", 1))
# A minutes key without brackets, each name and its initials then a semicolon, a comma or a bracket: "Claudette
# Ferrier CF; DC Alfie Marston AM; Gwen Partridge GP-DSL; Ruth Ekwueme RE (social worker)".
# Its names are in title case: a run of capitals is no key, and this pattern, with no bracket to look for first, would
# otherwise try every word of one.
_DECLARED_BARE = re.compile(
    r"(?P<name>[A-Z](?:[a-z]|'[A-Z])[\w'\-]{0,29}(?:[ ][A-Z][\w'\-]{1,30}){1,3})[ ]"
    r"(?P<ini>[A-Z](?:'?[A-Z]|-[A-Z]|Ma?c[A-Z]){1,3})(?:-(?P<job>[A-Z]{2,5}))?(?=[;,]|[ ][(–-][ ]?|$)",
    re.MULTILINE,
)


def _heads(name: str) -> str:
    """'Tom O'Driscoll' -> TO'D."""
    return "".join(w[:3] if w[1:2] == "'" else w[:1] for w in name.split())


_MC = re.compile(r"Ma?c(?=[A-Z])")


def _fuller_heads(name: str) -> str:
    """Initials as minutes write them for a surname in parts: 'Nora McDonagh' -> NMcD, 'Martin Osei-Bonsu' ->
    MO-B."""
    heads: list[str] = []
    for word in name.split():
        mc = _MC.match(word)
        if mc is not None:
            heads.append(word[: mc.end() + 1])
        else:
            heads.append("-".join(part[:1] for part in word.split("-") if part))
    return "".join(heads)


# Initials, then whose they are in the bracket after them: "ON (Osman Nazari, KW)", "PS (chair – Paula Sheard, DSCP)",
# "AN (Dr Nwosu)". The bracket is read for a name: its words' first letters, or a title's surname the last letter.
_DECLARED_AFTER = re.compile(r"(?P<ini>[A-Z](?:'?[A-Z]){1,3})[ ]\((?P<body>[^()\n]{3,80})\)")
_NAME_IN_BRACKET = re.compile(r"(?<![\w'\-])[A-Z][a-z][\w'\-]{0,29}(?:[ ][A-Z][\w'\-]{1,30}){1,3}")
_TITLED_SURNAME = re.compile(rf"(?<![\w'\-])(?:{_TITLES})\.?[ ](?P<s>[A-Z][a-z][\w'\-]{{1,30}})(?=[,)]|$)")


# "Initials key: HF Helen Fairweather TM (chair) · DO Daniel Okoro SW", "Attendance: OT DS Owen Tarr; EG Ed Gollop":
# a key that writes the letters first and the name they spell after them, a rank or a title between.
_KEY_BEFORE_NAME = re.compile(
    rf"(?P<ini>[A-Z](?<![\w.'\-].)[A-Z]{{1,3}})[ ](?:(?:{_TITLES}|DS|DC|DI|PC|PS|Sgt|Cllr)\.?[ ])?"
    r"(?P<name>[A-Z][a-z][\w'\-]{0,30}(?:[ ][A-Z][\w'\-]{1,30}){1,2})"
)


def _keys_before_names(text: str) -> list[tuple[re.Match[str], int]]:
    """The keys of that shape, each with where its name ends (the pattern reads on past it: "Helen Fairweather TM"
    for HF), where the text has two or more: one alone ("NB Kelly Smith said") may be a note's letters before a
    name, which are not hers."""
    keys: list[tuple[re.Match[str], int]] = []
    for match in _KEY_BEFORE_NAME.finditer(text):
        ini = match.group("ini")
        name = " ".join(match.group("name").split()[: len(ini)])
        if _heads(name) != ini or any(
            fold(w) in ROLE_WORDS or fold(w) in FUNCTION_WORDS or fold(w) in INSTITUTION_WORDS
            for w in name.split()
        ):
            continue
        keys.append((match, match.start("name") + len(name)))
    return keys if len(keys) >= 2 else []


def _declared_by(ini: str, body: str) -> bool:
    """Whether the bracket after initials names their person: "(Patrick O'Halloran, DSL)" spells them; "(chair –
    Paula Sheard)" and "(Dr Menon, designated paediatrician)" do too, further in or by the surname alone, where the
    letters are no job's ("GP (NB Gareth Penrose, not GP!)" keeps the job)."""
    letters = ini.replace("'", "").upper()
    a_job = fold(letters) in ROLE_WORDS or is_role_abbreviation(letters)
    for match in _NAME_IN_BRACKET.finditer(body):
        words = match.group().split()
        if (match.start() > 0 and a_job) or any(
            fold(w) in ROLE_WORDS or fold(w) in INSTITUTION_WORDS or w in _TITLE_SET for w in words
        ):
            continue
        if letters in (_heads(match.group()).replace("'", "").upper(), "".join(w[0] for w in words).upper()):
            return True
    titled = _TITLED_SURNAME.search(body)
    return len(letters) == 2 and not a_job and titled is not None and titled.group("s")[0] == letters[-1]


def _also_a_word(letters: str) -> bool:
    """Initials that are also a little word, an acronym or a job ("ON", "SW"): in a log's capitals, that."""
    return not can_be_initials(letters)


_NAME_AFTER = re.compile(r"[ ][A-Z][a-z]")
_NUMBER_BEFORE = re.compile(r"[0-9][ ]?$")  # "10 AM": the time


def _read_as_the_word(text: str, start: int, end: int) -> bool:
    """Where initials that are also a word or a job read as that: in a log's capitals ("ON SCENE"), before a name
    ("SW Danielle Foster"), glossing a name in brackets ("Danielle Foster (SW)") or after an article ("the SW")."""
    return (
        among_capitals(text, start, end)
        or _NAME_AFTER.match(text, end) is not None
        or (
            text[start:end] in ("AM", "PM")
            and _NUMBER_BEFORE.search(text, max(0, start - 3), start) is not None
        )
        or text[start - 1 : start] == "("
        or _ARTICLE_BEFORE.search(text, max(0, start - 5), start) is not None
    )


# Where a bare key's initials can end: found first, so the name before them is looked for only there.
_BARE_KEY_END = re.compile(
    r"(?<=[a-z'][ ])[A-Z](?:'?[A-Z]|-[A-Z]|Ma?c[A-Z]){1,3}(?:-[A-Z]{2,5})?(?=[;,]|[ ][(–-]|$)", re.MULTILINE
)


def _bare_keys(text: str) -> list[re.Match[str]]:
    """`_DECLARED_BARE`'s matches, each looked for in the few words before where its initials end."""
    keys: list[re.Match[str]] = []
    for end in _BARE_KEY_END.finditer(text):
        window = max(0, end.start() - 130, keys[-1].end() if keys else 0)
        for match in _DECLARED_BARE.finditer(text, window, end.end()):
            if match.end() == end.end():
                keys.append(match)
    return keys


def declared_initials(text: str, covered: bytearray) -> list[Span]:
    """A name with its initials in brackets after it, and every other mention of those initials. The name
    must hold a word no list knows as an ordinary one ("Child Protection Plan (CPP)" is not a person)."""
    spans: list[Span] = []
    forms: set[str] = set()  # declared after the name: every mention is the person
    after: set[str] = set()  # declared before it: a mention that reads as a word or a job is that
    keys = [*_DECLARED.finditer(text), *_DECLARED_SECOND.finditer(text)] if " (" in text else []
    keys += [
        m
        for m in _bare_keys(text)
        if m.group("ini") == _heads(m.group("name")).upper()[-len(m.group("ini")) :]
    ]
    for match in keys:
        name, ini = match.group("name"), match.group("ini")
        words = name.split()
        if match.group("job") and not is_job_letters(match.group("job")):
            continue
        if ini[-1].islower():
            # "Kate Loader (KLo)": minutes that have two KLs add the surname's second letter.
            if len(words[-1]) < 2 or words[-1][1] != ini[-1]:
                continue
            ini = ini[:-1]
        # '("JM")' in quotes after "Joshua Miguel Dela Cruz": what he is called, from his first names.
        called = text[match.start("ini") - 1] in '"“' and _heads(name).upper().startswith(ini.upper())
        # "Nora McDonagh (NMcD)", "Martin Osei-Bonsu (MO-B)": a surname in parts
        fuller = _fuller_heads(name) == ini != _heads(name)
        if (
            _heads(name).upper() != ini.upper()
            and _heads(" ".join(words[1:])).upper() != ini.upper()
            and not called
            and not fuller
        ):
            continue
        if _heads(name).upper() != ini.upper() and not called and not fuller:
            words = words[1:]  # "Mrs Hepzibah Strong (HS)"
        folded = [fold(w) for w in words]
        if any(
            w in ROLE_WORDS or w in FUNCTION_WORDS or w in INSTITUTION_WORDS or w in ACRONYMS for w in folded
        ):
            continue
        if all(w in common_words() for w in folded):
            continue
        start = match.end("name") - len(" ".join(words))
        if not covered[start]:
            spans.append(Span(start, match.end("name"), EntityKind.PERSON, ""))
        if match.re is _DECLARED_BARE or match.group("job"):
            # Letters a job or a word also takes ("GP-DSL", "AM") are the person's in the key; elsewhere, where
            # they do not read as the job or the word.
            key = match.group("ini")
            if _also_a_word(key) or match.group("job"):
                spans.append(Span(match.start("ini"), match.end("ini"), EntityKind.PERSON, ""))
            (after if _also_a_word(key) else forms).add(key)
        else:
            forms.add(match.group("ini"))
    for match in _DECLARED_AFTER.finditer(text) if " (" in text else ():
        # "ON (Osman Nazari, KW)", "SW (Sam Whitaker)": the initials first, then whose they are.
        if _declared_by(match.group("ini"), match.group("body")):
            after.add(match.group("ini"))
    for match, end in _keys_before_names(text):
        start, ini = match.start("name"), match.group("ini")
        if not covered[start]:
            spans.append(Span(start, end, EntityKind.PERSON, ""))
        if _also_a_word(ini):
            spans.append(
                Span(match.start("ini"), match.end("ini"), EntityKind.PERSON, "")
            )  # "DO Daniel Okoro"
        after.add(ini)
    if forms | after:
        finder = re.compile(trie_not_after(r"[\w.\-']", forms | after) + r"(?![\w\-']|\.[A-Za-z])")
        spans += [
            Span(m.start(), m.end(), EntityKind.PERSON, "")
            for m in finder.finditer(text)
            if not (covered[m.start()] and covered[m.end() - 1])  # "HO'S" where "HO" was found: the longer
            and not (
                m.group(0) not in forms
                and _also_a_word(m.group(0))
                and _read_as_the_word(text, m.start(), m.end())
            )
            # "SOLICITOR MS R. OKAFOR-LEWIS OF LEWIS & CO": a little word in a log's capitals is the word
            and not (fold(m.group(0)) in FUNCTION_WORDS and among_capitals(text, m.start(), m.end()))
        ]
    return spans


# "A. Rahman (HoY)", "Signed: A. O. Fashola": dotted initials before a surname no list knows as a word.
_OPENING_VERBS = frozenset(PERSON_VERBS.split("|"))
_DOTTED_THEN_SURNAME = re.compile(
    r"[A-Z](?<![\w.'\-].)\.[ ]?(?:[A-Z]\.[ ]?){0,2}(?P<s>[A-Z][a-z']{2,30}(?:-[A-Z][a-z']{1,30})?)(?![\w'\-])"
)


# What goes before an initial and a surname that is also a word ("HV J. Ward", 'the name "M. Young"',
# "cc: R. Field"), where a heading's letter ("Plan B. Young people") never is.
_BEFORE_WORD_SURNAME = re.compile(r"(?:[\"(:,]|\b(?:by|to|from|with|and|cc|name|named))[ ]{0,2}$")
_LOWER_WORD_AFTER = re.compile(r"[ ][a-z]")


def dotted_initial_names(text: str, covered: bytearray) -> list[Span]:
    spans: list[Span] = []
    for m in _DOTTED_THEN_SURNAME.finditer(text) if ". " in text else ():
        # "Band C. Mother's email": a role's possessive, after a label's letter, reads as the role
        surname = m.group("s").removesuffix("'s")
        cls = classify(surname)
        if covered[m.start()] or cls not in {"SURNAME", "UNKNOWN", "FIRST", "AMBIG", "COMMON"}:
            continue
        if after_letter_label(text, m.start()):
            continue  # "Band C. Foster carers": the label's letter ends a sentence
        if fold(surname) in _OPENING_VERBS:
            continue  # "spoke to N. Says Dad shouts": the letter ends a sentence and a verb opens the next
        if fold(surname) in common_words() or cls == "COMMON":
            # A surname that is a word needs a role or a cue before it, or no ordinary word after it.
            role = _WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())
            cued = (
                (role is not None and fold(role.group(1)) in ROLE_WORDS)
                or _BEFORE_WORD_SURNAME.search(text, max(0, m.start() - 8), m.start()) is not None
                or not _LOWER_WORD_AFTER.match(text, m.end())
            )
            if not (_listed_surname(fold(surname)) and cued):
                continue
        spans.append(Span(m.start(), m.end(), EntityKind.PERSON, ""))
    return spans


# "Jayden R.", "Oakley F-B", "Cian McG", "Aoife O'N", and a bare letter before a bracket, a colon, a dash or the
# line's end ("Aisha M (10QF)", "Precious M: ...", "Re: Summer R - health"), before a word in lower case other
# than "and" or "or" ("HV Hannah W at the clinic") or before "and" and a name ("Jade F and Tom"); not "Sam A
# and B", where the letters are a list. Before a job's letters ("Informed Fiona G EWO"), before "to" and what is
# to be done ("Ruth E to attend") and, for an "A" that could be an article, before a word no noun follows ("to Lucy A
# by phone").
_NAME_THEN_INITIAL = re.compile(
    r"[ ](?:[A-Z]\.|[A-Z]-[A-Z]\.?|(?:Ma?c|O')[A-Z]\.?)(?=[\s,;:)]|$)|[ ][A-Z](?=[ ]?[(:]|[ ]-[ ]|[ ]*$|[ ]*\n|[ ]\||[ ]{2,}\S|[ ][0-9]{1,2}[/.][0-9])"
    r"|[ ][B-HJ-Z](?=[ ](?!(?:and|or|an?|to)\b)[a-z]|[ ](?:and|&)[ ][A-Z][a-z]|,(?![ ][A-Z](?:,|[ ](?:and|&)))|[)\"”?!]|[ ][A-Z]{2,4}(?:[ ][A-Z]{2,4})?\b(?![ ][A-Z]))"
    r"|[ ][A-HJ-Z](?=[ ]to[ ][a-z])|[ ]A(?=[ ](?:by|on|at|in|from|re|about|says|said|will)\b)"
    # one of two people written with a slash or a plus ("Re: Dean R / Kay M", "Crew Becky T + Sam F")
    r"|[ ][A-Z](?=[ ]?[/+][ ]?[A-Z])",
    re.MULTILINE,
)
# A first name's initial before a found surname ("Referral: J Fairbrother"); "A" and "I" are words.
_INITIAL_THEN_NAME = re.compile(r"(?<![\w.'\-])(?:(?:[B-HJ-ZÀ-ÖØ-ÝĆČĐŁŃŚŞŠȘŢȚŹŻŽ]\.?|A\.)[ ]){1,3}$")


_INITIALS_SURNAME = re.compile(r"(?:[A-Z]\.?[ ]){0,2}" + TOKEN.pattern)


# A Vietnamese name's middle name (Văn for men, Thị for women) is never its last: the given name after it belongs to
# the name even when it is an English word ("Le Van Long", "Nguyen Thi Hoa").
_VIETNAMESE_MIDDLE = (" Van", " Văn", " VAN", " VĂN", " Thi", " Thị", " THI", " THỊ")
_MIDDLE_STARTS = tuple({middle[:2] for middle in _VIETNAMESE_MIDDLE})  # a first look before the pattern
_MIDDLE_AFTER = re.compile("|".join(_VIETNAMESE_MIDDLE))
_GIVEN_AFTER = re.compile(r"[ ][A-ZĐÀ-Ỹ][\w'\-]{0,20}(?![\w'\-])")


def vietnamese_given_names(text: str, spans: list[Span]) -> list[Span]:
    """A found name ending in a Vietnamese middle name, or followed by one, with the given name after it."""
    longer: list[Span] = []
    for span in spans:
        if span.kind is not EntityKind.PERSON:
            continue
        end = span.end
        if not text.endswith(_VIETNAMESE_MIDDLE, span.start, end):
            # "TRAN THI HOA" with "TRAN" and "HOA" found: the middle name between them is the name's too. (One
            # look at the next two characters first: a long text finds a hundred thousand names.)
            if not text.startswith(_MIDDLE_STARTS, end):
                continue
            middle = _MIDDLE_AFTER.match(text, end)
            if middle is None or fold(text[span.start : end].split()[-1]) not in _VIETNAMESE_FAMILY:
                continue
            end = middle.end()
        given = _GIVEN_AFTER.match(text, end)
        if given is not None and classify(given.group(0).strip()) not in _NOT_GIVEN_CLASSES:
            longer.append(Span(span.start, given.end(), EntityKind.PERSON, ""))
    return longer


# The commonest Vietnamese family names (about nine in ten people), folded: before "Van" or "Thi" and a given name
# they start a name however the rest reads ("LE THI NGA", "Do Van Hung").
_VIETNAMESE_FAMILY = word_set(
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh trinh truong luong mai lam doan "
    "vuong cao ha"
)
_NOT_GIVEN_CLASSES = frozenset({"ROLE", "FUNCTION", "TITLE"})
_VIETNAMESE_NAME = re.compile(
    r"(?P<family>[A-ZĐÀ-Ỹ][a-zà-ỹđ]{1,6}|[A-ZĐÀ-Ỹ]{2,7})[ ](?:Van|Văn|Thi|Thị|VAN|VĂN|THI|THỊ)"
    r"[ ][A-ZĐÀ-Ỹ][\w'\-]{0,20}(?![\w'\-])"
)


def vietnamese_names(text: str) -> list[Span]:
    """A Vietnamese family name, a middle name and a given name, written in either order of case ("Le Thi Nga",
    "LE THI NGA"): the middle name ties the three together, even when each alone is a word."""
    spans: list[Span] = []
    if not any(middle + " " in text for middle in _VIETNAMESE_MIDDLE):
        return spans
    for match in matches_near(_VIETNAMESE_NAME, text, _VIETNAMESE_MIDDLE, reach=7):  # after a family name
        family = match.group("family")
        if joined_before(text, match.start(), "'-") or fold(family) not in _VIETNAMESE_FAMILY:
            continue
        given = match.group(0).rsplit(" ", 1)[1]
        # One case throughout ("Le Thi Nga", "LE THI NGA"), or the family name alone in a record's capitals ("DO Thi
        # Hanh", as "CHEN Yutong"): a log's capitals after a name in title case are not it.
        if (given.isupper() and not family.isupper()) or classify(given) in _NOT_GIVEN_CLASSES:
            continue
        spans.append(Span(match.start(), match.end(), EntityKind.PERSON, ""))
    return spans


def with_initials(text: str, spans: list[Span]) -> list[Span]:
    """A found name followed by a surname's initial ("Jayden R.", "Oakley F-B"): the initial is part of it.
    A bare capital without a full stop is not taken ("Sam A and B"). So is a given name before a surname
    found in capitals ("Jordan BAYLISS"), even one that alone would be a word or a country."""
    longer: list[Span] = []
    # A person found from an initial on ("K. Darko") after a given name found alone ("Samuel"): the initial is
    # the middle of one name, not the end of the first ("Samuel K. Darko").
    person_at = {span.start: span for span in spans if span.kind is EntityKind.PERSON}
    surnames: set[str] | None = None
    given_initials: dict[str, set[str]] | None = None
    joined_initials: dict[str, set[str]] | None = None
    for span in spans:
        if span.kind is EntityKind.PERSON:
            tail = _NAME_THEN_INITIAL.match(text, span.end)
            after = person_at.get(span.end + 1) if tail is not None else None
            if after is not None and text[span.end] == " ":
                longer.append(Span(span.start, after.end, span.kind, span.key))
                continue
            # An initial's capital is one or two characters before the space ("J Fairbrother", "J. Fairbrother"):
            # the pattern is tried only then (a long text finds a hundred thousand names).
            head = (
                _INITIAL_THEN_NAME.search(text, max(0, span.start - 9), span.start)
                if text[span.start - 2 : span.start - 1].isupper()
                or text[span.start - 3 : span.start - 2].isupper()
                else None
            )
            if (
                head is None
                and text[span.start - 2 : span.start] == "A "
                and _ARTICLE_A_BEFORE.match(text, span.start - 3)
            ):
                # "Kind regards, A Coles" where the text names Adrian Coles: an "A" bare is his initial, not an article.
                if given_initials is None:
                    given_initials = _given_initials_by_surname(text, spans)
                if "A" in given_initials.get(fold(text[span.start : span.end]), ()):
                    head = _BARE_A.match(text, span.start - 2)
            if head is None and text[span.start - 3 : span.start - 1].isupper():
                # "ML Chow" where the text names Mei Ling Chow: her given names' initials run together.
                joined = _JOINED_INITIALS.search(text, max(0, span.start - 5), span.start)
                if joined is not None:
                    if joined_initials is None:
                        joined_initials = _joined_initials_by_surname(text, spans)
                    if joined.group(1) in joined_initials.get(fold(text[span.start : span.end]), ()):
                        longer.append(Span(joined.start(1), span.end, span.kind, span.key))
                        continue
            # a surname alone, or with the last of its initials ("T Rashid" of "M T Rashid")
            surname_only = (
                head is not None and _INITIALS_SURNAME.fullmatch(text, span.start, span.end) is not None
            )
            start = head.start() if surname_only and head is not None else span.start
            given = _given_before_caps(text, span) if not surname_only else None
            if given is None and not surname_only:
                given = _word_given_name_before(text, span)
                first = _GIVEN_BEFORE.search(text, max(0, given - 24), given) if given is not None else None
                if first is not None and classify(first.group(0).rstrip()) in {"FIRST", "AMBIG"}:
                    given = first.start()  # "Amber Rose KOWALCZYK": the first given name before the second
            if given is not None:
                start = given
            if tail is not None or start != span.start:
                longer.append(Span(start, tail.end() if tail else span.end, span.kind, span.key))
        elif span.kind is EntityKind.ADDRESS and text[span.start - 2 : span.start - 1].isupper():
            # "J Pemberton", "F Blackwood": a surname that is also a town, after an initial, is the person the
            # text names in full elsewhere ("Mrs Jane Pemberton").
            head = _INITIAL_THEN_NAME.search(text, max(0, span.start - 9), span.start)
            if head is None:
                continue
            if surnames is None:
                surnames = _surnames_found(text, spans)  # once, and only when an initial is there
            if fold(text[span.start : span.end]) in surnames:
                longer.append(Span(head.start(), span.end, EntityKind.PERSON, ""))
        elif span.kind is EntityKind.ADDRESS and classify(text[span.start : span.end]) in {"FIRST", "AMBIG"}:
            # "Spoke to Chelsea D.", "HV by Patrik B + Mo Hanif": a first name read as a place, with a surname's
            # initial after it, is the person.
            tail = _NAME_THEN_INITIAL.match(text, span.end)
            if tail is not None:
                longer.append(Span(span.start, tail.end(), EntityKind.PERSON, ""))
    return longer


# "regards, A Coles", "| A Pickering": no word runs into the A.
_ARTICLE_A_BEFORE = re.compile(r"(?:[ ,|(]|$)")
_BARE_A = re.compile(r"A[ ]")


def _given_initials_by_surname(text: str, spans: list[Span]) -> dict[str, set[str]]:
    """The first letters of the given names each surname is found with ("coles": {"A"} for Adrian Coles)."""
    given: dict[str, set[str]] = {}
    for span in spans:
        words = text[span.start : span.end].split() if span.kind is EntityKind.PERSON else []
        if len(words) >= 2 and words[0][:1].isupper():
            given.setdefault(fold(words[-1]), set()).add(words[0][0])
    return given


_JOINED_INITIALS = re.compile(r"(?<![\w.'\-])([A-Z]{2,3})[ ]$")


def _joined_initials_by_surname(text: str, spans: list[Span]) -> dict[str, set[str]]:
    """The initials of all the given names each surname is found with ("chow": {"ML"} for Mei Ling Chow)."""
    given: dict[str, set[str]] = {}
    for span in spans:
        words = text[span.start : span.end].split() if span.kind is EntityKind.PERSON else []
        if 3 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            given.setdefault(fold(words[-1]), set()).add("".join(w[0] for w in words[:-1]))
    return given


def _surnames_found(text: str, spans: list[Span]) -> set[str]:
    return {
        fold(text[span.start : span.end].rsplit(" ", 1)[-1])
        for span in spans
        if span.kind is EntityKind.PERSON and " " in text[span.start : span.end]
    }


_GIVEN_BEFORE = re.compile(r"(?<![\w'\-])[A-Z][a-z][\w'\-]{0,20}+[ ]$")


# A listed given name that is also a month or a word, straight before a surname found alone ("June Holt", "Mrs
# June Fretwell", "Amber Locke"); not a date's month ("3 June Holt", "in June Holt moved").
_WORD_GIVEN_BEFORE = re.compile(r"(?<![\w'\-])(?P<g>[A-Z][a-z]{2,9})[ ]$")
_MONTH_CUE_BEFORE = re.compile(
    r"(?:[0-9](?:st|nd|rd|th)?|\b(?i:in|since|until|till|from|of|last|next|early|late|mid|end|during|before|after))"
    r"[ ]$"
)


def _word_given_name_before(text: str, span: Span) -> int | None:
    if not text[span.start : span.start + 1].isupper() or " " in text[span.start : span.end]:
        return None
    given = _WORD_GIVEN_BEFORE.search(text, max(0, span.start - 11), span.start)
    if given is None or not (fold(given.group("g")) in WORD_NAMES or classify(given.group("g")) == "AMBIG"):
        return None  # a first name no word shares is found already; only those a word also spells are left
    if _MONTH_CUE_BEFORE.search(text, max(0, given.start() - 8), given.start()):
        return None
    return given.start()


def _given_before_caps(text: str, span: Span) -> int | None:
    if not text[span.start : span.start + 2].isupper():
        return None  # most names are not in capitals: two characters say so before the slice
    surname = text[span.start : span.end]
    if len(surname) < 3 or not surname.isupper() or " " in surname:
        return None
    start = None
    # "Jordan BAYLISS", and both given names of "Arlo James TREWIN"
    for _ in range(2):
        given = _GIVEN_BEFORE.search(text, max(0, (start or span.start) - 24), start or span.start)
        if given is None:
            break
        word = given.group(0).rstrip()
        cls = classify(word)
        # before a given name, a listed surname is a first given name too ("Lloyd James HARTLEY"), and so is any
        # capitalised word that starts a table's cell ("| Ana Sofia FERREIRA |", where "ana" is also a word)
        surname_first = cls == "SURNAME" and start is not None
        cell_first = (
            start is not None
            and cls not in {"ROLE", "TITLE", "FUNCTION"}
            and text[max(0, given.start() - 2) : given.start()] == "| "
        )
        if not (
            cls in {"FIRST", "AMBIG"}
            or surname_first
            or cell_first
            or (cls == "UNKNOWN" and not is_vocabulary(word))
        ):
            break
        start = given.start()
    return start


# "HARGREAVES, Jordan Lee", "SUNDAY, Lee (DOB ...)": a police record's surname in capitals, a comma, then a
# found first name. The surname may be any capitalised word, even a weekday: the order says it is a name.
_CAPS_SURNAME_BEFORE = re.compile(r"(?<![\w'\-])(?P<s>[A-Z][A-Z'\-]{2,30}),[ ]$")
# A weekday or month straight after a found first name, then what follows a person, not a date ("Lee Sunday
# (Father)", "Lee Sunday is not to be contacted"; not "Lee Sunday 11 May" or "Lee Sunday morning").
_DAY_SURNAME_AFTER = re.compile(
    r"[ ](?P<s>[A-Z][a-z]{2,9})(?=[ ]?\(|'s\b|[ ](?:is|was|has|had|said|says|who|and|to|with)\b)"
)


# "Midwife Lorna Fairless", "(Mr Kieran Lord)": after a title or a job, a first name found alone goes on to its
# surname even where the surname is also a word; not where the words go on to name a place ("GP Alexandra Vale
# Health Centre", "GP Stanley Front Street Surgery").
_TITLE_OR_JOB_BEFORE = re.compile(r"(?<![\w'\-])([A-Z][\w'\-]*)[ ]$")
_WORD_SURNAME_AFTER = re.compile(r"[ ]([A-Z][a-z][\w'\-]*)(?![\w'\-])(?:[ ]([A-Z][\w'\-]*))?")


def surnames_that_are_words(text: str, spans: list[Span]) -> list[Span]:
    """A first name found alone after a title or a job, with the word after it that is its surname."""
    longer: list[Span] = []
    for span in spans:
        if span.kind is not EntityKind.PERSON or classify(text[span.start : span.end]) != "FIRST":
            continue
        before = _TITLE_OR_JOB_BEFORE.search(text, max(0, span.start - 24), span.start)
        job = classify(before.group(1)) if before else ""
        if job not in ("TITLE", "ROLE"):
            continue
        after = _WORD_SURNAME_AFTER.match(text, span.end)
        if after is None or classify(after.group(1)) not in ("COMMON", "TITLE"):
            continue
        beyond = fold(after.group(2) or "")
        if beyond in INSTITUTION_WORDS or beyond in STREET_OR_HOUSE_WORDS:
            continue
        if job == "ROLE" and fold(after.group(1)) in STREET_OR_HOUSE_WORDS:
            continue
        longer.append(Span(span.start, after.end(1), span.kind, span.key))
    return longer


_DAY_OR_MONTH = re.compile(r"\b(?:" + trie({w.capitalize() for w in WEEKDAY_WORDS | MONTH_WORDS}) + r")\b")


def surname_orders(text: str, spans: list[Span]) -> list[Span]:
    """Names whose surname is found only by its order next to a found first name: a capitals surname before
    it with a comma, or a weekday or month after it. Both are joined into one span with the first name."""
    joined: list[Span] = []
    if ", " not in text and _DAY_OR_MONTH.search(text) is None:
        return joined
    for span in spans:
        # Cheap checks first: most names have neither a comma before nor a capitalised word after.
        comma = text.startswith(", ", span.start - 2) if span.start >= 2 else False
        word_after = text.startswith(" ", span.end) and text[span.end + 1 : span.end + 2].isupper()
        if span.kind is not EntityKind.PERSON or not (comma or word_after):
            continue
        first = TOKEN.match(text, span.start)
        if first is None or first.group(0).isupper():
            continue
        # A surname in capitals ends three characters before ("KILBRIDE, Dwayne"): one look before the pattern.
        capital = (
            comma and span.start >= 3 and (text[span.start - 3].isupper() or text[span.start - 3] in "'-")
        )
        before = _CAPS_SURNAME_BEFORE.search(text, max(0, span.start - 34), span.start) if capital else None
        if before is not None:
            folded = fold(before.group("s"))
            if not is_role_abbreviation(before.group("s")) and (
                _listed_surname(folded)  # "WARD, Margaret", though a ward is a place in a hospital
                or not any(
                    folded in words for words in (ACRONYMS, ROLE_WORDS, FUNCTION_WORDS, INSTITUTION_WORDS)
                )
            ):
                joined.append(Span(before.start("s"), span.end, span.kind, ""))
        # Only after a listed first name: "Kelderby Sunday" is not a name.
        after = _DAY_SURNAME_AFTER.match(text, span.end) if word_after else None
        if (
            after is not None
            and fold(after.group("s")) in _DAYS_MONTHS
            and span.end - span.start < 16
            and classify(first.group(0)) in {"FIRST", "AMBIG"}
        ):
            joined.append(Span(span.start, after.end(), span.kind, ""))
    return joined


# Given names that cannot start "Given SURNAME": a job, a title, a little word, a day or month, a label ("Police CAD").
_NOT_GIVEN = frozenset({"ROLE", "FUNCTION", "TITLE", "INITIAL", "PARTICLE", "LOWER"})


def _title_case(word: str) -> bool:
    """ "Willow", "Jean-Paul", and with accents too ("Seán", "Zoë", "Łukasz"): each part a capital, then lower case."""
    parts = re.split(r"['\-]", word)
    return len(parts) <= 2 and all(
        len(part) > 1 and part.isalpha() and part[0].isupper() and part[1:].islower() for part in parts
    )


_AGE_IN_BRACKETS = re.compile(
    rf"[ ]?\((?:\d{{1,2}}\)|\d{{1,2}}[ ]?(?:{AGE_UNIT}|{AGE_UNIT_SHORT})\b|aged|DOB|d\.o\.b|born)"
    # or after a comma, as a list of people gives each one's age ("Kris HAMMERSLEY, 31, door supervisor")
    r"|,[ ](?:aged[ ])?\d{1,2}(?:[ ]?(?:yrs?|years?))?(?=[,;)]|\.(?:[ ]|$)|[ ][-–][ ]|$)",
    re.IGNORECASE | re.MULTILINE,
)


# A rank or title in capitals as a log writes it ("INSPECTOR", "SGT", "NURSE"): a title, before an initial.
_CAPS_TITLES = frozenset(title.upper() for title in _TITLE_SET)
# After "SW M", what cannot be a surname: a role ("SW M MOTHER"), a sentence's word, a title, a letter.
_NO_SURNAME = frozenset({"ROLE", "FUNCTION", "TITLE", "INITIAL", "PARTICLE", "LOWER"})


def job_initial_surname(tokens: Tokens) -> list[Span]:
    """ "SW M PARRY", "HSE INSPECTOR G MILLS", "RN K Moss": a job's letters or a rank, one initial, then a word
    with a capital is a name, whether or not a list holds the surname and even when it is a word ("Mills"): the
    job says a person follows and the initial says it is named. In capitals the word must be no acronym and no
    verb a log runs on to ("PC A ATTENDED")."""
    items = tokens.items
    spans: list[Span] = []
    for k in range(1, len(items) - 1):
        initial = items[k]
        if initial.cls != "INITIAL" or not (tokens.joined(k - 1) and tokens.joined(k)):
            continue
        job, surname = items[k - 1].text, items[k + 1]
        if not is_job_letters(job) and job not in _TITLE_SET and job not in _CAPS_TITLES:
            continue
        word = surname.text
        if surname.cls in _NO_SURNAME or len(word) < 2 or not word[:1].isupper():
            continue
        if word.isupper() and (
            fold(word) in ACRONYMS
            or is_role_abbreviation(word)
            or log_verb(surname)
            or (surname.cls == "CAPS" and len(word) < 4)  # "DC A CID OFFICER": short capitals are letters
        ):
            continue
        spans.append(Span(initial.start, surname.end, EntityKind.PERSON, ""))
    return spans


_TWO_LETTER_SURNAMES = word_set("ho ng li wu xu yu ly vu lu hu")


def given_then_caps_surname(tokens: Tokens) -> list[Span]:
    """ "Willow PIKE", "Lowri Haf MORGAN": a given name (or two) in title case, then a surname in capitals, as
    practitioners write a person in a family list or a record. Whatever the given name is, even an ordinary word
    ("River", "Bramble"), the order says it is a name, when the capitals are a listed surname or no English word,
    and no acronym ("Bristol CAIT" is a team; a line in capitals is read elsewhere)."""
    items = tokens.items
    starts, capitals = tokens.capital_lines
    spans: list[Span] = []
    for k in range(1, len(items)):
        surname = items[k]
        word = surname.text
        folded = fold(word)
        # A surname in capitals that also names an ethnicity ("Kayden WHITE", "Tom ENGLISH") after a listed given name.
        ethnic_surname = (
            surname.cls == "FUNCTION"
            and word.isupper()
            and folded in NATIONALITIES
            and _listed_surname(folded)
            and items[k - 1].cls == "FIRST"
        )
        # "Marcus HO", "Linh NG": a surname of two letters, of those Chinese, Korean and Vietnamese families write
        # so, after a listed given name (not "Jade TO", "Ali OR": the list holds no word).
        short_surname = (
            len(word) == 2
            and word.isupper()
            and folded in _TWO_LETTER_SURNAMES
            and items[k - 1].cls == "FIRST"
        )
        if (
            (surname.cls not in {"CAPS", "CAPS_NAME"} and not ethnic_surname and not short_surname)
            or (len(word) < 3 and not short_surname)
            or not tokens.joined(k - 1)
        ):
            continue
        if folded in ACRONYMS or is_role_abbreviation(word):
            continue
        given = items[k - 1]
        if (
            given.cls == "INITIAL"
            and len(given.text) == 1
            and folded in surnames()
            and not is_vocabulary(word)
        ):
            # "A HUSSAIN", "M T HUSSAIN": initials before a surname no word shares, in a list or a log's capitals
            # alike; not a surname that is also a word ("MOVED TO A WARD").
            first = k - 1
            while first and tokens.joined(first - 1) and _is_letter(items[first - 1]):
                first -= 1
            if not joined_before(tokens.text, items[first].start, "'-&/."):
                spans.append(Span(items[first].start, surname.end, EntityKind.PERSON, ""))
            continue
        if given.cls in _NOT_GIVEN or not _title_case(given.text) or _not_a_given_name(given):
            continue
        # A listed surname after any given name ("River PIKE"); an unlisted one, no word and no short
        # abbreviation, only after a given name that is no word either ("Dariusz KAZLAUSKAS"; not "Noted DNA",
        # "Merlin PAC").
        # An age or a birth date in brackets after them says they are someone, whatever the words ("Liberty
        # LOVERIDGE (10)", "James GREEN (DOB 02/05/1990)").
        aged = _AGE_IN_BRACKETS.match(tokens.text, surname.end) is not None
        if (
            not aged
            and not short_surname
            and not _listed_surname(folded)
            and (
                len(word) < 4
                or is_vocabulary(word)
                or is_vocabulary(given.text)
                or fold(given.text) in place_names()  # "Lewisham NRPF", "Knowsley MACE": a place's team
            )
        ):
            continue
        if capitals[bisect.bisect_right(starts, surname.start) - 1]:
            continue
        first = k - 1
        if first and tokens.joined(first - 1):
            middle = items[first - 1]
            if middle.cls not in _NOT_GIVEN and _title_case(middle.text) and not _not_a_given_name(middle):
                first -= 1  # "Lowri Haf MORGAN": two given names
        spans.append(Span(items[first].start, surname.end, EntityKind.PERSON, ""))
    return spans


def _is_letter(tok: Tok) -> bool:
    return tok.cls == "INITIAL" and len(tok.text) == 1


def _not_a_given_name(tok: Tok) -> bool:
    folded = fold(tok.text)
    return (
        folded in _DAYS_MONTHS
        or folded in INSTITUTION_WORDS
        or folded in public_names()
        or folded in NON_VALUES
    )


def given_first(name: str) -> str:
    """'SUNDAY, Lee' -> 'Lee SUNDAY': the order a later mention is written in."""
    if name.count(",") != 1:
        return name
    surname, given = name.split(",")
    return f"{given.strip()} {surname.strip()}"


# A record's name field in capitals, surname first: "NAME: NGUYEN, VAN HUNG", "DP: TRAN, THI LAN", "PoP: KELLY,
# JOHN PAUL". The label says a person follows, and the comma says which word is the surname; every given name
# after it is hers, whatever the word ("VAN", "THI", "MINH" are no listed names).
# Found from the colon (a pattern that starts with a character, not with a case-blind word tried everywhere).
_RECORD_VALUE = re.compile(
    r":[ ]{1,3}(?P<sur>[A-Z][A-Z'\-]{1,30}),[ ]{1,2}(?P<given>[A-Z][A-Z'\-]{0,30}(?:[ ][A-Z][A-Z'\-]{0,30}){0,3})"
    r"(?![\w'\-])"
)
_RECORD_LABEL = re.compile(
    r"(?i:name|full[ ]name|dp|detained[ ]person|subject|pop|misper|nominal|suspect|victim|child|yp)[ ]?(?:[0-9]{1,2}[ ]?)?$"
)  # "SUSPECT 1: BELLIS, JASON", "Nominal 2: ..."
# Words a record writes after the name on the same line: its next field, not a given name ("SMITH, JOHN DOB").
_RECORD_STOP = word_set("dob dod age nhs ni pnc cro address tel mob aka nfa male female m f born sex")


# A signature: a first name alone on its line, then the writer's job or number on the next ("Nicu" above "Community
# Support Worker – Roma Voices East", "Jan" above "01872 496216"). Of 179 such lines in the development sets, 154
# were someone's name; the rest a heading ("Present", "Attendees"), which is a word, so it stays.
_SIGNED_NAME = re.compile(
    r"^(?P<n>[A-Z][a-z]{1,14})[ \t]*\n(?=[^\n]{0,60}(?:Worker|Officer|Manager|Nurse|Visitor|Adviser|Advisor|"
    r"Coordinator|Co-ordinator|Practitioner|Lead|Assistant|Teacher|Midwife|Paramedic|Doctor|Consultant|Therapist|"
    r"Volunteer|SENCo|DSL)\b|0[0-9]{3,4}[ ]?[0-9]{3})",
    re.MULTILINE,
)


def signature_names(text: str) -> list[Span]:
    """A name signing a message above the writer's job or phone number, though no list knows it ("Nicu", whose
    letters are also a unit's, NICU): looked for again wherever the text names them."""
    return [
        Span(m.start("n"), m.end("n"), EntityKind.PERSON, "")
        for m in (_SIGNED_NAME.finditer(text) if "\n" in text else ())
        if fold(m.group("n")) in first_names()
        or not is_vocabulary(m.group("n"))
        or fold(m.group("n")) in ACRONYMS
    ]


def record_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _RECORD_VALUE.finditer(text) if "," in text else ():
        label = _RECORD_LABEL.search(text, max(0, match.start() - 16), match.start())
        if label is None or joined_before(text, label.start()):
            continue
        end = match.start("given")
        for word in re.finditer(r"\S+", match.group("given")):
            folded = fold(word.group(0))
            if folded in _RECORD_STOP or folded in ROLE_WORDS or folded in FUNCTION_WORDS:
                break
            end = match.start("given") + word.end()
        if end > match.start("given"):
            spans.append(Span(match.start("sur"), end, EntityKind.PERSON, ""))
    return spans


# A name typed in lower case after its title ("spoke to mr sterling", "told mrs o'hare", "Mrs gill said"): the
# title says a surname follows, whatever word it is. "miss" is also a verb ("I miss my mum"): after it only a word
# that is no common word.
_LOWER_TITLED = re.compile(
    r"(?P<title>[MmDd](?<![\w'\-].)(?:(?<=[Mm])(?:rs?|s|x|iss)|(?<=[Dd])r))\.?[ ](?P<name>[a-z](?:[a-z]|['\-](?=[a-z])){1,30})(?![\w'\-])"
)


_A_PERSON_VERB = re.compile(PERSON_VERBS)


def lowercase_titled_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _LOWER_TITLED.finditer(text) if "r" in text else ():
        name = match.group("name")
        folded = fold(name)
        if (
            folded in FUNCTION_WORDS
            or folded in ROLE_WORDS
            or folded in _TITLE_SET
            or _A_PERSON_VERB.fullmatch(folded)
        ):
            continue  # "Dr said", "Mr and Mrs Khan"
        if match.group("title").lower() == "miss" and folded in common_words():
            continue
        spans.append(Span(match.start("name"), match.end("name"), EntityKind.PERSON, ""))
    return spans


# A month that is also a given name, after a job's last word or a greeting and before a stop, is someone: the
# name a log or an email gives them ("Supervisor: Jan.", "Hi Jan,"). A month is never so written.
_MONTH_NAME = re.compile(r"(?<=[ ])(?:Jan|June|April|May|August)(?=[.,;:!)\n]|[ ][\-–][ ]|$)")
_LABEL_BEFORE = re.compile(r"(?<![\w'\-])([A-Z][a-z]+):?[ ]$")
_GREETINGS = word_set("hi dear hello thanks morning cc")


def month_named_people(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _MONTH_NAME.finditer(text):
        label = _LABEL_BEFORE.search(text, max(0, match.start() - 20), match.start())
        if label is not None and (fold(label.group(1)) in JOB_HEADS or fold(label.group(1)) in _GREETINGS):
            spans.append(Span(match.start(), match.end(), EntityKind.PERSON, ""))
    return spans


# An initial and a surname, then a comma and a job ("Decision by K Common, Practice Supervisor", "D. Marsh, Attendance
# Officer"): a signature, whatever word the surname is. All 38 of this shape in the development sets were people.
_SIGNED_WITH_JOB = re.compile(
    r"[A-Z](?<![\w.&'\-].)(?:(?<=[B-HJ-Z])\.?|(?<=[AI])\.)[ ](?P<surname>[A-Z][a-z]+(?:-[A-Z][a-z]+)?),[ ]"
    r"(?:[A-Z][\w&\-]*[ ]){0,3}(?P<job>[A-Z][a-z]+)\b"
)


def initial_surname_before_job(text: str) -> list[Span]:
    return [
        Span(match.start(), match.end("surname"), EntityKind.PERSON, "")
        for match in (_SIGNED_WITH_JOB.finditer(text) if ", " in text else ())
        if fold(match.group("job")) in JOB_HEADS and fold(match.group("surname")) not in ROLE_WORDS
    ]


# A family word, then a capitalised word that is also an English word, then what a person does or a stop: the word
# is the relative's name ("Husband Ray took him out", "Nan Rose visited.", "Brother Will (17)"). The names are
# looked for first (a pattern that starts with their letters), the family word then behind each.
_WORD_NAME = re.compile(r"(?:" + trie(sorted(name.title() for name in WORD_NAMES)) + r")(?![\w'\-])")
_KIN_BEFORE = re.compile(
    r"(?i:husband|wife|brother|sister|son|daughter|dad|mum|mother|father|partner|boyfriend|girlfriend|stepdad|"
    r"stepmum|" + "|".join(sorted(KIN_TITLES, key=len, reverse=True)) + r")[ ]$"
)
_DOES_AFTER = re.compile(r"[ ](?:" + PERSON_VERBS + r"|took|phoned|visited|called|rang)\b|[,.;:)]|[ ]\(")


# A job before the word and a surname after it: "Paramedic Will Garner", "EMT Sunny Okoro".
_JOB_BEFORE = re.compile(r"([A-Za-z]+)[ ]$")
_SURNAME_AFTER = re.compile(r"[ ](?P<s>[A-Z][a-z][\w'\-]{1,24})(?![\w'\-])")


def kin_word_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _WORD_NAME.finditer(text):
        start = match.start()
        surname = _SURNAME_AFTER.match(text, match.end())
        job = _JOB_BEFORE.search(text, max(0, start - 24), start)
        if (
            surname is not None
            and job is not None
            and (fold(job.group(1)) in JOB_HEADS or is_job_letters(job.group(1)))
            and classify(surname.group("s")) in {"SURNAME", "FIRST", "AMBIG", "UNKNOWN"}
            and not joined_before(text, start, "'-")
        ):
            spans.append(Span(start, surname.end(), EntityKind.PERSON, ""))
            continue
        if joined_before(text, start, "'-") or _DOES_AFTER.match(text, match.end()) is None:
            continue
        kin = _KIN_BEFORE.search(text, max(0, start - 12), start)
        if kin is not None and not joined_before(text, kin.start()):
            spans.append(Span(start, match.end(), EntityKind.PERSON, ""))
    return spans


# A family named by its surname ("the Ward lads", "a Hill family group", "the McDonagh and Ward families"): the
# word is capitalised where no sentence starts, so it is the surname even when it is also a word. Not a people's,
# a language's or a faith's ("the Somali family", "a Polish-speaking family"), a role's, a day's or a public name's.
_FAMILY_GROUPS = (
    "family",
    "families",
    "household",
    "lads",
    "boys",
    "brothers",
    "sisters",
    "girls",
    "clan",
    "siblings",
    "twins",
)
_FAMILY_NAMED = re.compile(
    r"(?<![\w\-])(?:the|a|an|The|A|An)[ ](?P<names>(?:Mc|Mac|O')?[A-Z][a-z]+(?:[ ](?:and|&)[ ](?:Mc|Mac|O')?[A-Z][a-z]+)?)"
    rf"[ ](?:{'|'.join(_FAMILY_GROUPS)})(?![\w'\-])"
)


def family_surnames(text: str, covered: bytearray) -> list[Span]:
    spans: list[Span] = []
    for match in matches_near(_FAMILY_NAMED, text, _FAMILY_GROUPS, reach=40):
        for word in re.finditer(r"(?:Mc|Mac|O')?[A-Z][a-z]+", match.group("names")):
            start = match.start("names") + word.start()
            folded = fold(word.group(0))
            if (
                covered[start]
                or folded in NATIONALITIES
                or folded in ROLE_WORDS
                or folded in FUNCTION_WORDS
                or folded in WEEKDAY_WORDS
                or folded in MONTH_WORDS
                or folded in public_names()
            ):
                continue
            spans.append(Span(start, start + len(word.group(0)), EntityKind.PERSON, ""))
    return spans


# A table's cell or a log's column that holds only an initial and a surname in capitals ("| A MIRZA |",
# "S LOCKETT  | 07/03"): a record's own way of writing a person. The capitals must be no word, no acronym and no
# place ("| A WARNING |"). Not the other way round: "ABE D" is an interview and the child's letter.
_CELL_INITIAL_NAME = re.compile(
    # (a bounded run of spaces: a long one would be read again from each of its spaces)
    r"(?:(?<=\|)[ ]{0,3}|(?<=[ ]{2})|^[ ]{0,3})(?P<name>[A-Z][ ][A-Z][A-Z'\-]{2,})"
    r"(?=[ ]*(?:\||[ ]{2}|$)|[ ]+[\"“]|[ ]+[–-][ ])",
    re.MULTILINE,
)


def cell_initial_names(text: str, covered: bytearray) -> list[Span]:
    if "|" not in text and "  " not in text:
        return []
    spans: list[Span] = []
    for match in _CELL_INITIAL_NAME.finditer(text):
        start, end = match.span("name")
        surname = match.group("name")[2:]
        folded = fold(surname)
        if (
            covered[start]
            or covered[end - 1]
            or classify(surname.title()) not in {"UNKNOWN", "SURNAME", "FIRST", "AMBIG"}
            or folded in ACRONYMS
            or folded in place_names()
            or folded in public_names()
        ):
            continue
        spans.append(Span(start, end, EntityKind.PERSON, ""))
    return spans
