"""Structured identifiers: emails, phones, NHS and NI numbers, postcodes, vehicles, handles, references,
dates, addresses and named schools, practices and hospitals.

Every function takes the *matching copy* of the text (see normalise.py) and returns spans in it, which are
the same offsets in the original. Every pattern is linear: quantifiers are bounded, no optional run of
spaces sits next to another, and each alternation is anchored on a literal or a character class, so no
input makes a pattern backtrack more than a constant number of steps per character (the tests run the
inputs that used to take minutes: "Mother " × 20,000, "DOB" + 4,000 spaces, 20,000 dates).

Phone numbers: a bounded pattern finds runs of digit groups, and Google's libphonenumber (the
`phonenumberslite` package) decides which of them are possible numbers, in any national or international
format, and keys each on its E.164 form so "+44 (0)161 496 0742" and "0161 496 0742" share a placeholder.
Its own PhoneNumberMatcher is not used on the whole text because it costs about 5 s per megabyte of
digit-heavy input.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import dropwhile

import phonenumbers

from assistant.lexicon import AGE_UNIT, MONTH_WORDS, WEEKDAY_WORDS
from assistant.privacy.area_services import (
    area_letters,
    area_services,
    council_initials,
    partnership_initials,
)
from assistant.privacy.kinds import MASK, EntityKind, Span
from assistant.privacy.names import classify, is_sentence_start
from assistant.privacy.normalise import has_word, joined_before, matches_near, same_length_lower
from assistant.privacy.other_calendars import other_calendar_dates
from assistant.privacy.places import lowercase_places, several_word_places
from assistant.privacy.venues import (
    TRUST_TAIL,
    caps_places,
    care_of,
    headed_places,
    linked_towns,
    place_teams,
    pubs,
    regional_services,
)
from assistant.privacy.welsh import welsh_dates, welsh_places
from assistant.privacy.words import (
    ACRONYMS,
    CAR_MAKES,
    CAR_MODELS,
    COMPASS_WORDS,
    FAMILY_ROLES,
    FAMILY_WORDS,
    FUNCTION_WORDS,
    HOUSE_TYPES,
    INSTITUTION_WORDS,
    KIN_TITLES,
    NATIONALITIES,
    POLICE_RANK_STARTS,
    POLICE_RANKS,
    ROLE_ABBREVIATIONS,
    ROLE_WORDS,
    STREET_TYPES,
    can_be_initials,
    chat_words,
    common_words,
    english_words,
    first_names,
    fold,
    is_role_abbreviation,
    is_vocabulary,
    norm,
    not_after_each,
    ordinary_word_towns,
    place_names,
    public_names,
    trie,
    trie_not_after,
    word_set,
    word_surnames,
)


def _prefilter(words: str) -> re.Pattern[str]:
    """A case-sensitive alternation of lowercase cue words: re skips straight to their first letters."""
    return re.compile(trie(set(words.split())))


def _cue_starts(lower: str, prefilter: re.Pattern[str]) -> list[int]:
    """Where a cue word starts (found fast in the lowercase copy), not inside another word."""
    return [
        start
        for hit in prefilter.finditer(lower)
        if not (start := hit.start()) or not (lower[start - 1].isalnum() or lower[start - 1] == "_")
    ]


def _cued(
    text: str,
    lower: str,
    prefilter: re.Pattern[str],
    pattern: re.Pattern[str],
    starts: list[int] | None = None,
) -> list[re.Match[str]]:
    """Matches of `pattern` anchored where a cue word starts (`starts`, if the caller found them already)."""
    matches: list[re.Match[str]] = []
    # Every cue is tried, even inside an earlier match: that match's value may be refused later
    # ("log reference is LCS 8812047": "LCS" has no digit, so the cue "LCS" must get its own try).
    for start in _cue_starts(lower, prefilter) if starts is None else starts:
        match = pattern.match(text, start)
        if match:
            matches.append(match)
    return matches


# ------------------------------------------------------------------------------------------- contacts

_EMAIL = re.compile(
    r"[A-Za-z0-9._%+'-](?<![\w.+%'-].)[A-Za-z0-9._%+'-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}"
    r"[A-Za-z]{2,24}(?![\w-])"
)
# "jadeoz94 at hotmail dot co dot uk": an address spelt out so filters miss it.
_EMAIL_SPELT = re.compile(
    r"(?<![\w.+%'-])[A-Za-z0-9._%+'-]{1,64}[ ](?:at|AT|\[at\]|\(at\))[ ][A-Za-z0-9-]{1,63}"
    r"(?:[ ](?:dot|DOT|\[dot\]|\(dot\))[ ][A-Za-z]{2,24}){1,3}(?![\w-])"
)
# "@tamsinxo_94": not the middle of an email (a word character before the @ is refused).
_HANDLE_AT = re.compile(r"@(?<![\w@.+-].)(?P<h>[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?)(?![\w@-])")
_PLATFORMS = (
    r"snap ?chat|snap|insta ?gram|insta|tik ?tok|facebook|fb|messenger|twitter|whats ?app|discord|telegram|"
    r"xbox live|xbox|psn|playstation network|playstation|roblox|fortnite|minecraft|kik|you ?tube|reddit|"
    r"twitch|threads|wizz|yubo|tinder|grindr|steam|only ?fans|onlyfans|signal|skype|pinterest|tumblr|"
    r"linked ?in|bumble|hinge|omegle|bigo|likee|vsco|spotify|bereal|wattpad|hoop|monkey|we ?chat|weibo|viber|"
    r"imo|vk|vkontakte|kick|badoo|bebo|myspace|tellonym|sendit|ngl|pof|ig|ps4|ps5|"
    r"chatroulette|facetime|imessage|hangouts|lemon8|triller|zepeto|clapper"
)
_PLATFORMS_TRIE = trie(
    {v for alt in _PLATFORMS.split("|") for v in (alt.replace(" ?", ""), alt.replace(" ?", " "))}
)
_HANDLE_CUES = (
    r"user ?name|gamer ?tag|screen ?name|profile name|display name|account name|online name|handle|alias"
)
# "Snapchat: tamsinxo", "Instagram account 'kayd.x'", "on TikTok as tamsinxo", "gamertag xXslayerXx".
_PROFILE = re.compile(
    rf"(?i:\b(?P<cue>{_PLATFORMS_TRIE}(?:[ ](?:account|acct|acc|profile|user ?name|name|handle|id|page|channel|"
    rf"group|gamer ?tag|tag)){{0,2}}|(?:{_HANDLE_CUES})))"
    r"(?P<sep>[ ]{0,3}(?::|=|-|,|(?i:as|called|named|under|of|is|was|to))?[ ]{0,3})"
    # an apostrophe inside a word is part of a quoted name ('Facebook page "Maisie's Warrior Journey"')
    r"(?:(?P<q>[\"'(])(?P<quoted>(?:[^\"'()\n\x00]|(?<=\w)'(?=\w)){2,40})[\"')]"
    r"|(?P<h>@?[A-Za-z0-9_.\-]{2,30}(?:#[0-9]{4})?))"
)
_CLOSING = {'"': '"', "'": "'", "(": ")"}
_FAMILY_ROLE = re.compile(FAMILY_ROLES)  # matched against folded text
# Three words or more in brackets, the first in lower case, after a platform: what the text says of it, not a name.
_AN_ASIDE = re.compile(r"[ ]*[a-z][\w'\-]*(?:[ ]+\S+){2,}")
# Cues that are not a platform: "from the account dee.bfd.official", "under the name al_x", "calling
# himself d3mon_boy", "the ID xiaoling_rose07". The value must look like a handle (see _handle_shaped).
_WEAK_PROFILE = re.compile(
    r"(?i:\b(?:accounts?|profiles?|pages?|channels?|ids?|usernames?|user names?|tags?|"
    r"(?:under|by|with|using)[ ]the[ ]names?|(?:call(?:s|ed|ing)?|names?|nam(?:ed|ing))[ ](?:him|her|them)sel(?:f|ves)|"
    r"goes[ ]by|went[ ]by|going[ ]by|known[ ]as|posts?[ ]as|posting[ ]as|posted[ ]as|online[ ]as))"
    r"[ ]{0,2}(?:,|:|-|(?i:is|was|of|as|called|named))?[ ]{0,2}[\"']?"
    r"(?P<h>@?[A-Za-z0-9_][A-Za-z0-9_.\-]{1,29}(?:#[0-9]{4})?)"
)
# Where each of those cues starts, as written in the lowercase copy: a cue that starts with a common word
# ("name", "by", "with") is looked for with the words after it, so "Name: " or "by" alone costs no try.
_WEAK_PROFILE_CUE_WORDS = re.compile(
    trie(
        {"account", "profile", "page", "channel", "id", "username", "user name", "user", "tag", "call"}
        | {f"{w} the name" for w in ("under", "by", "with", "using")}
        | {f"{w} {p}sel" for w in ("name", "names", "named", "naming") for p in ("him", "her", "them")}
        | {"goes by", "went by", "going by", "known as", "post", "posting as", "posted as", "online as"}
    )
)
# Handles by their shape alone: a word with an underscore ("al_muhajir_mcr"), a Discord tag ("poppyb#1120"),
# or lowercase words joined by dots with a digit, an underscore or three parts ("dee.bfd.official").
_UNDERSCORE_WORD = re.compile(
    r"[A-Za-z0-9](?<![\w@.#/\\:-].)[A-Za-z0-9.]{0,30}_[A-Za-z0-9_.]{0,30}(?<![.])(?<!__)(?:#[0-9]{4})?(?![\w@#/-]|\.\w)"
)
_DISCORD_TAG = re.compile(r"[A-Za-z0-9_.](?<![\w@.#/-].)[A-Za-z0-9_.]{1,31}#[0-9]{4}(?![\w#])")
_DOTTED_WORD = re.compile(
    r"[a-z0-9_](?<![\w@./\\:-].)(?=[a-z0-9_.]{0,40}[a-z])[a-z0-9_]{0,29}(?:\.[a-z0-9_]{1,30}){1,4}"
    r"(?![\w@/-]|\.\w)"
)
# Lowercase letters with digits ("jjay99", "k1ng.b"), a handle only near a word about social media.
_ALNUM_WORD = re.compile(
    r"(?<![\w@./\\:-])(?=[a-z_.]{0,30}[0-9])(?=[0-9_.]{0,30}[a-z])[a-z0-9_.]{4,31}(?<!\.)(?![\w@/-]|\.\w)"
)
_NOT_HANDLE_END = word_set(
    "com org net uk gov nhs sch ac co io me info biz edu eu us tv pdf doc docx xls xlsx csv txt rtf odt ppt pptx "
    "jpg jpeg png gif heic mp3 mp4 mov avi wav html htm php aspx zip exe msg eml md json yaml yml py js ts"
)
# Lowercase words with digits that are not handles: times, ordinals, ages, school years, units, versions.
_NOT_HANDLE_ALNUM = re.compile(
    r"[0-9]{1,4}(?:am|pm|st|nd|rd|th|yo|yrs?|years?|mths?|months?|wks?|weeks?|days?|hrs?|hours?|mins?|secs?|"
    r"mg|ml|kg|g|km|cm|mm|lbs?|oz|ft|k|m|mb|gb|kb|x|s)"
    r"|(?:ks|y|yr|year|p|s|r|v|no|nos|covid|mp|h|x|a|b|c|m|j|t|u|n|q|section|sec|para|page|pg|ch|vol|"
    r"n[0-9]|id|ref)[0-9]{1,4}(?:[a-z]{0,2})|[a-z][0-9][a-z]?|v[0-9.]+"
    # text-speak, not anyone's handle ("come round 2moro", "l8r", "gr8")
    r"|2(?:moro|morrow|mrw|day|nite|night|nyt)|4(?:eva|ever)|l8r|l8|gr8|m8|m8s|h8|w8|b4|some1|any1|no1|every1"
)
_SOCIAL_WORDS = re.compile(
    r"(?=[a-z0-9])\b"
    + trie(
        {v for alt in _PLATFORMS.split("|") for v in (alt.replace(" ?", ""), alt.replace(" ?", " "))}
        | word_set(
            "account accounts username usernames profile handle gamertag online app apps message messages "
            "messaged messaging dm dms followers follower posted posting chat chats chatting snapped social"
        )
    )
    + r"\b"
)
# "on Snapchat, where he is reubz_ldn", "Instagram, on which she was known as k.x".
_PROFILE_WHERE = re.compile(
    rf"(?i:{_PLATFORMS_TRIE})(?i:[ ](?:account|profile|page))?,?[ ]{{1,2}}(?i:where|on which|which)[ ]{{1,2}}"
    r"(?i:he|she|they|you)[ ]{1,2}(?i:is called|was called|is known as|was known as|goes by the name|"
    r"went by the name|goes by|went by|used the username|uses the username|used the name|uses the name|uses|used|"
    r"posts as|posted as|posting as|goes online as|went online as|appears as|appeared as|"
    r"calls? (?:him|her|them)self|called (?:him|her|them)self|is|was)[ ]{1,2}[\"']?"
    r"(?P<h>@?[A-Za-z0-9_.\-]{2,30})"
)
# "(phantom.x.99)", "(kayd_x)": a handle in brackets, with an underscore, or dots and digits.
_BRACKET_HANDLE = re.compile(r"\((?P<h>@?[A-Za-z0-9]{1,30}(?:[._][A-Za-z0-9]{0,30}){1,5})\)")
_HANDLE_MORE = re.compile(r"[ ](?=[A-Za-z0-9_.]{0,29}[0-9_])[A-Za-z0-9_.]{2,30}(?![\w@-])")
_HANDLE_CUE_WORDS = word_set(
    "account accounts acc accs acct accts profile profiles username usernames user name names handle handles id "
    "gamertag gamer tag page channel alias screen display online"
)
# What a platform carries, after its name ("Facebook messenger chats with Nanna", "Snapchat messages"): no account.
_WHAT_WAS_SENT = word_set(
    "chat chats message messages messaging call calls video videos story stories post posts dm dms conversation "
    "conversations thread threads history group groups contact contacts friend friends request requests app "
    "screenshot screenshots picture pictures photo photos image images stream streams log logs notification "
    "notifications extract extracts export exports transcript transcripts printout"
)
_STRONG_HANDLE_CUE = re.compile(
    r"(?i:account|profile|user ?name|name|handle|id|gamer ?tag|tag|alias|page|channel)$"
)

_PHONE_RUN = re.compile(
    r"(?:\+(?<![\w+/-].)[ ]?|\((?<![\w+/-].)\+?|[0-9](?<![\w+/-].))[0-9]{0,15}(?:(?:[ .\-/]{1,3}\(?|[ ]?\(|\)[ .\-]{0,2})[0-9]{1,15}){0,11}\)?"
)
_DIGIT_GROUP = re.compile(r"[0-9]+")
_DAY_MONTH_ON = re.compile(r"/[0-9]{1,2}/[0-9]{2,4}(?![0-9])")  # after a day: the rest of its date
_EXTENSION = re.compile(r",?[ ]{1,2}(?i:ext|extn|extension|x|option|opt)\.?[ ]?[0-9]{1,6}(?![\w/])")
_NON_DIGITS_KEPT = str.maketrans("", "", "0123456789")  # translate() with it drops the digits


@lru_cache(maxsize=65536)
def _phone_key(candidate: str) -> str | None:
    """E.164 form if libphonenumber says `candidate` is a possible number (UK unless it has a +code)."""
    compact = re.sub(r"[^0-9+]", "", candidate)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not (compact.startswith("+") or compact.startswith("0")):
        return None  # a UK number in prose always starts with 0 or an international prefix
    digits = len(compact.lstrip("+"))
    if not 9 <= digits <= 15:
        return None
    raw = candidate.strip()
    if raw.startswith("00"):
        raw = "+" + raw[2:]
    try:
        number = phonenumbers.parse(raw, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        # A UK-shaped number one digit too long or short ("01772 496 0804") is still someone's number
        # mistyped: kept as a phone, keyed on its digits.
        if compact.startswith("0") and 10 <= digits <= 12 and compact[1] != "0":
            return compact
        return None
    if number.country_code == 44 and len(str(number.national_number)) < 9:
        return None  # 0800 1111 (Childline) and other short service numbers are not personal
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _phones(text: str) -> list[Span]:
    spans: list[Span] = []
    for run in _PHONE_RUN.finditer(text):
        base, run_end = run.start(), run.end()
        if run_end - base < 9:
            continue  # too short for any number: checked before its digit groups are listed
        value = run.group(0)
        if len(value) - len(value.translate(_NON_DIGITS_KEPT)) < 9:
            continue  # fewer than nine digits ("14/03/2019", "2019-03-14"): no number, whatever the groups
        groups = [(base + g.start(), base + g.end()) for g in _DIGIT_GROUP.finditer(run.group(0))]
        i = 0
        while i < len(groups):
            start = groups[i][0]
            # Keep a leading "+", "(" or "(+" that belongs to the number.
            while start > base and text[start - 1] in "+(":
                start -= 1
            # A UK number starts with 0 or an international prefix, and starts at a space, a bracket, a
            # slash or the run's edge ("03/2019 12" inside a list of dates is not one).
            if text[start] not in "0+(" or (start > base and text[start - 1] not in " (/"):
                i += 1
                continue
            if groups[i][1] - start <= 2 and start and text[start - 1] in ":/" and i + 1 < len(groups):
                i += 1  # "26/01 (07700 900 664)", "10:05 – 01522 573 208": a date's or a time's end, then the number
                continue
            found = False
            digits = 0
            windows: list[int] = []
            for j in range(i, min(len(groups), i + 7)):
                digits += groups[j][1] - groups[j][0]
                if digits > 15:
                    break
                if digits >= 9:
                    windows.append(j)
            for j in reversed(windows):
                end = groups[j][1]
                if end < run_end and text[end] == ")" and "(" in text[start:end]:
                    end += 1
                # A full stop and a space end a sentence, not a group: "(0191 496 0742). 02:29 PCs on scene".
                sentence_end = text.startswith(". ", end) or text.startswith(".\n", end)
                if (end < run_end and text[end] not in " )/" and not sentence_end) or "/" in text[start:end]:
                    continue
                if (
                    text.startswith("/", end)
                    and groups[j][1] - groups[j][0] <= 2
                    and _DAY_MONTH_ON.match(text, end)
                ):
                    continue  # "STORM 0633 111123 11/11/2023": the last group is a date's day, not the number's
                key = _phone_key(text[start:end])
                if key:
                    extension = _EXTENSION.match(text, end)  # "01642 960218 ext 4416": the line is hers
                    spans.append(Span(start, extension.end() if extension else end, EntityKind.PHONE, key))
                    i = j + 1
                    found = True
                    break
            if not found:
                i += 1
    if "ending" in text:
        # "(number ending 9931)": the last digits of a phone say whose it is as well as the whole number.
        spans += [
            Span(m.start("d"), m.end("d"), EntityKind.PHONE, m.group("d")) for m in _phone_endings(text)
        ]
    if "ext" in text or "Ext" in text or "EXT" in text or "leep" in text or "LEEP" in text or "ager" in text:
        # "Named Nurse (ext. 2219)", "Extn 72218", "Dr Okafor (bleep 4417)": an extension or a hospital bleep
        # alone is one person's line.
        spans += [
            Span(m.start("d"), m.end("d"), EntityKind.PHONE, m.group("d"))
            for m in matches_near(_EXTENSION_ALONE, text, _EXTENSION_WORDS)
            if not joined_before(text, m.start(), "_/.-")
        ]
    return spans


# The words one of which starts each match: the look-behind of the pattern's second branch gives re no first
# letters to skip to, so a scan tries every character.
_EXTENSION_WORDS = ("ext", "Ext", "EXT", "bleep", "Bleep", "BLEEP", "pager", "Pager", "PAGER")
_EXTENSION_ALONE = re.compile(
    r"(?:(?:ext|Ext|EXT)(?:n|N|ension|ENSION)?\.?|(?<![\w])(?:bleep|Bleep|BLEEP|pager|Pager|PAGER)(?:[ ](?:no\.?|number))?:?)"
    r"[ ]?(?P<d>[0-9]{3,6}(?:[ ][0-9]{3,4})?)(?![\w/]|[.,][0-9])"
)


_PHONE_ENDING = re.compile(
    r"(?i:number|mobile|phone|no\.|tel|landline)[ ]ending(?:[ ]in)?[ ]{1,2}(?P<d>[0-9]{3,4})(?![\w/])"
)


def _phone_endings(text: str) -> Iterator[re.Match[str]]:
    """`_PHONE_ENDING.finditer(text)`, read only around each " ending": a match starts at most 8 characters before
    it and, with the character its look-ahead reads, ends at most 17 after it (the pattern, with no literal first,
    is slow over a text)."""
    windows: list[list[int]] = []
    at = text.find(" ending")
    while at >= 0:
        if windows and at - 10 <= windows[-1][1]:
            windows[-1][1] = at + 30
        else:
            windows.append([max(0, at - 10), at + 30])
        at = text.find(" ending", at + 1)
    for start, end in windows:
        yield from _PHONE_ENDING.finditer(text, start, end)


# ------------------------------------------------------------------------------------- official numbers

_NHS = re.compile(r"[1-9](?<![\w/.-].)[0-9]{2}[ .\-]{0,2}[0-9]{3}[ .\-]{0,2}[0-9]{4}(?![\w/-]|\.[0-9])")
# Ten digits grouped otherwise ("7346 479 424"), taken only when the NHS number's check digit holds: a count or
# an account number so grouped seldom passes it.
_NHS_REGROUPED = re.compile(
    r"[1-9](?<![\w/.-].)[0-9]{3}[ .\-]{1,2}[0-9]{3}[ .\-]{1,2}[0-9]{3}(?![\w/-]|\.[0-9])"
)


def nhs_check_digit_holds(digits: str) -> bool:
    """The NHS number's modulus 11 check: weights 10 down to 2 on the first nine digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    return check != 10 and int(digits[9]) == (0 if check == 11 else check)


_NI = re.compile(
    r"[A-Z](?<![\w-].)[A-Z][ ]{0,2}[0-9]{2}[ ]{0,2}[0-9]{2}[ ]{0,2}[0-9]{2}[ ]{0,2}[A-D](?![\w-])"
)
# A temporary number, "TN" then the date of birth and M or F: "TN 04 03 00 F".
_TEMPORARY_NI = re.compile(
    r"T(?<![\w-]T)N[ ]{0,2}[0-9]{2}[ ]{0,2}[0-9]{2}[ ]{0,2}[0-9]{2}[ ]{0,2}[MF](?![\w-])"
)
# "hl401298c": the same in lowercase, found from its digits (a scan for two letters would try every word).
_NI_LOWER_DIGITS = re.compile(r"[0-9]{2}[ ]{0,2}[0-9]{2}[ ]{0,2}[0-9]{2}[ ]{0,2}[a-d](?![\w-])")
_ANY_LOWER = re.compile(r"[a-z]")  # a lowercase NI number needs its letters: text without any skips it
_NI_LOWER_LETTERS = re.compile(r"(?<![\w-])[a-z]{2}[ ]{0,2}$")
# A postcode's district alone where the text says it is one: "not to enter L6 postcode district", "children from WV6
# and WV10 postcodes", "the postcode area B21". The district names a few streets; a road's number ("the M6") is
# never said so.
_DISTRICT = r"[A-Z]{1,2}[0-9][0-9A-Z]?"
_POSTCODE_DISTRICTS = re.compile(
    rf"[A-Z](?<![\w/\-].)[A-Z]?[0-9][0-9A-Z]?(?:(?:,[ ]|[ ](?:and|&|or)[ ]){_DISTRICT})*[ ](?=postcode)"
    rf"|(?<=postcode[ ])(?:(?:area|district)[ ])?{_DISTRICT}(?![\w\-])"
)
# A district alone where a place goes ("move out of L8", "other families in L8", "from BD3"), when its letters are a
# postcode area's: a school year ("in Y8"), a key stage ("KS3") or a lesson ("P5") is none. Sections ("S47"), a
# vitamin ("B12") and a motorway's junction are written so too.
_POSTCODE_AREA = (
    r"(?:A[BL]|B[ABDHLNRST]?|C[ABFHMORTVW]|D[ADEGHLNTY]|E[CHNX]?|F[KY]|G[LUY]?|H[ADGPRSUX]|I[GMPV]|JE|K[ATWY]"
    r"|L[ADELNSU]?|M[EKL]?|N[EGNPRW]?|O[LX]|P[AEHLOR]|R[GHM]|S[AEGKLMNOPRSTWY]?|T[ADFNQRSW]|UB|W[ACDFNRSV]?|YO|ZE)"
)
_DISTRICT_AS_PLACE = re.compile(
    rf"\b(?:in|out[ ]of|from|around|near|across|within)[ ](?P<d>{_POSTCODE_AREA}[0-9]{{1,2}}[A-Z]?)"
    r"(?![\w\-/]|[ ]?[0-9][A-Z]{2}|[ ](?:motorway|junction|J[0-9]|toll|services|traffic|enquir|assessment|investigation))"
)
# Where a match can start: with its \b first, re would try the pattern at every character.
_DISTRICT_CUES = ("in ", "out of ", "from ", "around ", "near ", "across ", "within ")
_NOT_DISTRICTS = frozenset({"S17", "S20", "S31", "S37", "S47", "B12", "B6"})
_POSTCODE = re.compile(
    r"(?:[A-Z](?<![\w-].)(?:[A-Z]?[0-9][A-Z0-9]?|IR)[ ]{0,3}[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|[a-z](?<![\w-].)[a-z]?[0-9][a-z0-9]?[ ]{0,3}[0-9][abd-hjlnp-uw-z]{2})(?![\w-])"
)

# ---------------------------------------------------------------------------------------------- vehicles

# Current (2001-): "YX19 KLM"; prefix (1983-2001): "A123 BCD"; suffix (1963-1983): "ABC 123D".
_VEHICLE = re.compile(
    r"(?=[A-Z])(?<![\w/-])(?:(?P<cur>[A-Z]{2}[0-9]{2})[ ]{0,2}(?P<cur3>[A-Z]{3})"
    r"|(?P<pre>[A-Z][0-9]{1,3})[ ]{0,2}(?P<pre3>[A-Z]{3})"
    r"|(?P<suf3>[A-Z]{3})[ ]{0,2}(?P<suf>[0-9]{1,3}[A-Z]))(?![\w/-])"
)
# Any registration (dateless, Northern Irish, personalised) after a word that says it is one.
_VEHICLE_CUED = re.compile(
    r"(?i:\b(?:registration(?: number| no\.?| mark| plate)?|reg(?:\.| no\.?| number| plate)?|vrm|vehicle reg\w*|"
    r"number ?plate|licen[cs]e plate|plates?|(?:partial|part)[ ]index))[ ]{0,3}"
    # a partial plate as a witness gives it: 'reg starting "LV6…"', 'PARTIAL VRM "…7 XRT"', "PART REG YK6-",
    # "registration ending WDL", "plate began LD70", 'partial VRM "..63 HJ."'
    r"(?P<part>(?i:starting|started|beginning|began|begun|ending|ended|starts|begins|ends)(?:[ ](?:with|in))?[ ]{1,2})?"
    r"(?::|-|of|was|is)?[ ]{0,3}"
    r"[(\"“….*]{0,4}(?P<v>[A-Z0-9]{1,4}(?:[ \-]?[A-Z0-9]{1,5}){0,2})(?![\w])"
)
# A current plate's letters and year alone, the rest not seen: "VN68", "GU17"; not a key stage or a rank's
# collar number run together ("KS34", "PC12").
_NOT_PLATE_START = word_set("ks pc dc ds ps di")
_PLATE_START = re.compile(r"[A-Z](?<![\w/\-].)[A-Z](?:0[2-9]|[1-7][0-9])(?![\w/\-])")
# A dateless plate, or a foreign one written so: three letters, then three digits ("KMN 482"); fewer digits are
# as often a series, a bay or a count ("BMW 1", "BAY 3", "MFH 27").
_DATELESS_PLATE = re.compile(r"(?P<l>[A-Z](?<![\w/-].)[A-Z]{2})[ ][1-9][0-9]{2}(?![\w/-]|[.,][0-9])")
# An Irish plate: year, county letters, number ("08-G-4471", "231-D-12345").
_IRISH_PLATE = re.compile(r"[0-9]{2,3}-[A-Z]{1,2}-[0-9]{1,6}(?![\w\-/])")
# Three-letter groups that are acronyms in this genre ("S47 CIN", "Y7 SEN"), and prefixes that are
# sections, year groups, key stages or roads.
_NOT_VEHICLE_LETTERS = ACRONYMS | frozenset(
    [
        "and",
        "the",
        "for",
        "but",
        "not",
        "was",
        "are",
        "has",
        "had",
        "him",
        "her",
        "his",
        "she",
        "you",
        "its",
        "our",
        "cin",
        "sen",
        "nhs",
        "cpp",
        "lac",
        "cla",
        "icp",
        "rcp",
        "ehc",
        "gcs",
        "dla",
        "pip",
        "bmi",
        "sgo",
        "cse",
        "cce",
        "dva",
        "dsl",
        "slt",
        "sla",
        "icb",
        "ccg",
        "gps",
        "asd",
        "spa",
        "pdf",
        "ace",
        "mmr",
        "dtp",
        "ipv",
        "bcg",
        "hib",
        "men",
        "pcv",
        "mrs",
        "mr",
        "ms",
        "dr",
        "fgm",
        "sti",
        "std",
        "hiv",
        "aed",
        "usb",
        "sim",
        "abe",
        "reg",
    ]
)
_NOT_VEHICLE_PREFIX = re.compile(r"(?:S[0-9]{1,3}|Y[0-9]{1,2}|P[0-9]{1,2}|R[0-9])")


_VEHICLE_CUE_WORDS = _prefilter(
    "registration reg vrm vehicle number numberplate licence license plate plates partial part"
)


# Words that say a vehicle is being talked about: a plate near one is a plate even when it could read as a
# school year or a section ("a white Range Rover, Y11 DWH") or is written in lowercase ("reg yx19 klm").
_VEHICLE_WORDS = re.compile(
    r"(?=[a-z0-9])\b"
    + trie(
        word_set(
            "car cars van vans vehicle vehicles taxi cab motorbike motorcycle moped scooter lorry truck pick-up "
            "jeep hatchback saloon 4x4 suv drove driving driven driver drives parked reg registration vrm plate "
            "plates anpr"
        )
        | CAR_MAKES
    )
    + r"\b"
)
_VEHICLE_ANY_CASE = re.compile(
    r"[A-Za-z](?<![\w/-].)(?:[A-Za-z][0-9]{2}[ ]{0,2}[A-Za-z]{3}|[0-9]{1,3}[ ]{0,2}[A-Za-z]{3}"
    r"|[A-Za-z]{2}[ ]{0,2}[0-9]{1,3}[A-Za-z])(?![\w/-])"
)


# Plates written with a space inside the first group ("Y 813 KPV", "YX 19 KLN", "P 9 RKY"): only near a word
# about a vehicle, as such spacing also reads as a list or a grid reference.
_VEHICLE_SPACED = re.compile(
    r"[A-Z](?<![\w/-].)(?:[A-Z][ ][0-9]{2}|[ ][0-9]{1,3})[ ]{1,2}(?P<l>[A-Z]{3})(?![\w/-])"
)


def _near(positions: list[int], start: int, end: int, text: str, reach: int = 120) -> bool:
    """Whether a position in `positions` (sorted) is within `reach` characters, in the same paragraph."""
    k = bisect.bisect_left(positions, start - reach)
    while k < len(positions) and positions[k] <= end + reach:
        at = positions[k]
        if "\n\n" not in text[min(at, start) : max(at, end)]:
            return True
        k += 1
    return False


def _vehicles(text: str, lower: str) -> list[Span]:
    spans: list[Span] = []
    vehicle_at: list[int] | None = None
    for match in _VEHICLE.finditer(text):
        letters = match.group("cur3") or match.group("pre3") or match.group("suf3") or ""
        if fold(letters) in _NOT_VEHICLE_LETTERS:
            # A current plate's letters may spell an acronym ("YH70 PCV"): near a word about a vehicle, a plate.
            if not match.group("cur") or fold(match.group("cur")[:2]) in _NOT_PLATE_START:
                continue
            if vehicle_at is None:
                vehicle_at = [m.start() for m in _VEHICLE_WORDS.finditer(lower)]
            if not _near(vehicle_at, match.start(), match.end(), text, 60):
                continue
        prefix = match.group("pre")
        if prefix and _NOT_VEHICLE_PREFIX.fullmatch(prefix):
            if vehicle_at is None:
                vehicle_at = [m.start() for m in _VEHICLE_WORDS.finditer(lower)]
            if not _near(vehicle_at, match.start(), match.end(), text):
                continue
        spans.append(Span(match.start(), match.end(), EntityKind.VEHICLE, "".join(match.group(0).split())))
    if vehicle_at is None:
        vehicle_at = [m.start() for m in _VEHICLE_WORDS.finditer(lower)]
    if vehicle_at:
        for match in _VEHICLE_SPACED.finditer(text):
            if fold(match.group("l")) not in _NOT_VEHICLE_LETTERS and _near(
                vehicle_at, match.start(), match.end(), text
            ):
                key = "".join(match.group(0).split())
                spans.append(Span(match.start(), match.end(), EntityKind.VEHICLE, key))
        for match in _VEHICLE_ANY_CASE.finditer(text):
            value = match.group(0)
            if value.isupper() or not any(c.islower() for c in value):
                continue  # capitals are found above
            letters = re.findall(r"[A-Za-z]+", value)
            if any(
                fold(group) in _NOT_VEHICLE_LETTERS
                or fold(group) in common_words()
                or fold(group) in CAR_MAKES
                for group in letters
            ):
                continue  # "at10 and", "a12 the", "BMW 118i"
            if _near(vehicle_at, match.start(), match.end(), text, 60):
                spans.append(
                    Span(match.start(), match.end(), EntityKind.VEHICLE, "".join(value.split()).upper())
                )
    for match in _DATELESS_PLATE.finditer(text) if vehicle_at else ():
        # "a Lithuanian-plated car KMN 482": a dateless or foreign plate, near a word about a vehicle.
        letters = match.group("l")
        if (
            fold(letters) not in _NOT_VEHICLE_LETTERS
            and fold(letters) not in common_words()
            and fold(letters) not in CAR_MAKES
            and _near(vehicle_at, match.start(), match.end(), text, 60)
        ):
            spans.append(
                Span(match.start(), match.end(), EntityKind.VEHICLE, "".join(match.group(0).split()))
            )
    for match in _PLATE_START.finditer(text) if vehicle_at else ():
        # "in his van, VN68 sumthin", "a grey Mercedes GU17…": a plate's first half, near a word about a car.
        if fold(match.group(0)[:2]) not in _NOT_PLATE_START and _near(
            vehicle_at, match.start(), match.end(), text, 60
        ):
            spans.append(Span(match.start(), match.end(), EntityKind.VEHICLE, match.group(0)))
    for match in _IRISH_PLATE.finditer(text) if "-" in text else ():
        if not joined_before(text, match.start(), "_-/"):
            spans.append(Span(match.start(), match.end(), EntityKind.VEHICLE, match.group(0)))
    for match in _cued(text, lower, _VEHICLE_CUE_WORDS, _VEHICLE_CUED):
        value = match.group("v")
        # Letters alone are a plate's part only where the text says it is part of one ("ending WDL").
        letters_part = match.group("part") and value.isalpha() and 2 <= len(value) <= 3
        if (letters_part and fold(value) not in _NOT_VEHICLE_LETTERS) or (
            any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
        ):
            key = "".join(value.split())
            spans.append(Span(match.start("v"), match.end("v"), EntityKind.VEHICLE, key))
    return spans


# A boat by its prefix, which is kept as a title is ("FV Girl Rachel", "MFV Ocean Harvest", "HMC Searcher", "MV
# Island Breeze"), and a fishing boat's port letters and number after its name ("FV Girl Rachel (FY 418)", "FV Bay
# Venture BM 88"): the boat is where a crew works and sometimes lives, and its port says where. A warship's "HMS"
# is part of a unit's name (`_MILITARY_UNIT`).
_VESSEL_PREFIXES = ("FV ", "MFV ", "MV ", "HMC ")
_VESSEL = re.compile(
    r"(?<![\w\-])(?:FV|MFV|MV|HMC)[ ](?P<name>[A-Z][a-z'\-]+(?:[ ](?:of[ ]|the[ ])?[A-Z][a-z'\-]+){0,2})"
    r"(?:,?[ ]\(?(?P<port>[A-Z]{1,3}[ ]?[0-9]{1,4})\)?(?![\w/\-]))?"
)


def _vessels(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _VESSEL.finditer(text) if any(prefix in text for prefix in _VESSEL_PREFIXES) else ():
        spans.append(
            Span(match.start("name"), match.end("name"), EntityKind.VEHICLE, norm(match.group("name")))
        )
        if match.group("port"):
            port = match.group("port")
            spans.append(
                Span(match.start("port"), match.end("port"), EntityKind.VEHICLE, "".join(port.split()))
            )
    return spans


# --------------------------------------------------------------------------------------------- handles


# The words the platform and handle cues start with ("snap" for "snap chat" and "snapchat").
_PROFILE_CUE_WORDS = _prefilter(
    " ".join(alt.split(" ")[0].replace("?", "") for alt in (_PLATFORMS + "|" + _HANDLE_CUES).split("|"))
)


# A profile given as a link: the part after the site is the handle ("t.me/northside", "tiktok.com/@kai").
_PROFILE_URL = re.compile(
    r"(?i:\b(?:t\.me|wa\.me|instagram\.com|tiktok\.com|snapchat\.com/add|facebook\.com|fb\.com|x\.com|"
    r"twitter\.com|youtube\.com|twitch\.tv|threads\.net|onlyfans\.com))/(?P<h>@?[A-Za-z0-9_.\-]{2,30}[A-Za-z0-9_])"
)


# After a plain lowercase word, more lowercase words: a sentence, not a handle ("and" or "on" may follow one). A
# placeholder (blanked out in the matching copy) reads as the word it replaced did ("Instagram backup HANDLE_2" was
# "Instagram backup amelia.x"), so a second redaction reads the line as the first did.
_SENTENCE_GOES_ON = re.compile(
    r"[ ](?:(?!(?:and|or|but|on|in|at|who|which|where|since|until|from|to|for|with)\b)[a-z]|" + MASK + ")"
)
_SITE = re.compile(r"[a-z0-9\-]{1,20}\.(?:me|com|tv|net|org|co|uk|io)")


_KIN_FIRST = re.compile(r"(?i:" + trie(KIN_TITLES | FAMILY_WORDS) + r")(?:[ ]+|$)")


def _handles(text: str, lower: str) -> list[Span]:
    spans: list[Span] = []
    for match in (
        _PROFILE_URL.finditer(text)
        if ".com/" in lower or ".me/" in lower or ".tv/" in lower or ".net/" in lower
        else ()
    ):
        # The whole link goes ("t.me/skengcg"): written out, it is the account's address.
        spans.append(
            Span(match.start(), match.end("h"), EntityKind.HANDLE, fold(match.group("h").lstrip("@")))
        )
    for match in _HANDLE_AT.finditer(text) if "@" in text else ():
        handle = match.group("h")
        if not any(c.isalpha() for c in handle):
            continue  # "@10" is a time or a price, not a handle
        spans.append(Span(match.start(), match.end(), EntityKind.HANDLE, fold(handle)))
    profile_cues = _cue_starts(lower, _PROFILE_CUE_WORDS)  # for two patterns below
    for match in _cued(text, lower, _PROFILE_CUE_WORDS, _PROFILE, profile_cues):
        cue = match.group("cue")
        sep = match.group("sep").strip().casefold()
        quoted = match.group("quoted")
        if cue[-5:].casefold() == "group" and match.group("q") != '"':
            continue  # a group is named in quotes ('WhatsApp group "Holbeck Mums"'), not "WhatsApp group chat"
        if quoted is not None:
            opening = match.group("q")
            if text[match.end() - 1] != _CLOSING[opening] or (opening == "(" and _AN_ASIDE.match(quoted)):
                continue  # "Snapchat (recovered by Mother from Sky's iPad)": a note on where it came from
            said = quoted.rstrip().endswith("?") or (
                "'" in quoted and (opening != '"' or _AN_ASIDE.match(quoted))
            )
            if said:
                continue  # 'Instagram - "don't use it"', 'Facebook group: "Anyone seen this lad?"': what was said
            value, start = quoted.strip(), match.start("quoted") + (len(quoted) - len(quoted.lstrip()))
            # '"Aunty Nkechi ❤️"', '"Mum 💕"': a family word before the name stays, as it does in the prose.
            kin = _KIN_FIRST.match(value)
            if kin is not None:
                value, start = value[kin.end() :], start + kin.end()
            if not any(c.isalpha() for c in value) or fold(value) in common_words():
                continue
        else:
            value, start = match.group("h").rstrip(".-"), match.start("h")
            folded = fold(value.lstrip("@"))
            if folded in _HANDLE_CUE_WORDS or folded in _WHAT_WAS_SENT:
                continue  # "Xbox gamertag PERSON_1", "Facebook messenger chats": the cue or what was sent
            if _SITE.fullmatch(folded):
                continue  # "Telegram t.me/x": the site, not the handle
            strong = bool(_STRONG_HANDLE_CUE.search(cue)) or sep in {":", "=", "as", "called", "named"}
            # "gamertag DL R0yal": a second word that has a digit or underscore is part of the name.
            more = _HANDLE_MORE.match(text, start + len(value)) if strong else None
            if more:
                value = text[start : more.end()]
            handle_like = value.startswith("@") or any(c.isdigit() or c in "_." for c in value)
            if not handle_like:
                if folded in common_words() or len(folded) < 3:
                    continue
                if _FAMILY_ROLE.fullmatch(folded):
                    continue  # "WeChat, mother-in-law (...)": who wrote, not her handle
                if not strong and not value.islower():
                    continue  # "on Snapchat Kaydence said": a name, found by the name rules
                if sep in {"is", "was", "of", "under"} and re.search(r"(?:ed|ing|ly|en)$", value):
                    continue  # "her Snapchat account was deleted"
                if not sep and _SENTENCE_GOES_ON.match(text, start + len(value)):
                    continue  # "a message on Insta telling her", "Roblox gift cards": the sentence goes on
        end = start + len(value)
        spans.append(Span(start, end, EntityKind.HANDLE, fold(value.lstrip("@"))))
    for match in _BRACKET_HANDLE.finditer(text) if "(" in text else ():
        value = match.group("h")
        if any(c.isalpha() for c in value) and (
            "_" in value or ("." in value and any(c.isdigit() for c in value))
        ):
            start = match.start("h")
            spans.append(Span(start, start + len(value), EntityKind.HANDLE, fold(value.lstrip("@"))))
    for match in _cued(text, lower, _WEAK_PROFILE_CUE_WORDS, _WEAK_PROFILE):
        value = match.group("h").rstrip(".-")
        if _handle_shaped(value, social=True) or (
            value.islower() and len(value) >= 4 and fold(value) not in common_words() and not value.isalpha()
        ):
            start = match.start("h")
            spans.append(Span(start, start + len(value), EntityKind.HANDLE, fold(value.lstrip("@"))))
    spans += _shaped_handles(text, lower) + _handle_lists(text, lower)
    for match in _cued(text, lower, _PROFILE_CUE_WORDS, _PROFILE_WHERE, profile_cues):
        value = match.group("h").rstrip(".-")
        if (
            value.startswith("@")
            or any(c.isdigit() or c in "_." for c in value)
            or (value.islower() and fold(value) not in common_words())
        ):
            start = match.start("h")
            spans.append(Span(start, start + len(value), EntityKind.HANDLE, fold(value.lstrip("@"))))
    return spans


# A list of quoted names after a word for several accounts: 'gamertags "KingKez99", "xX JORDY B Xx", "SPUD0161"',
# 'group members "Hai Tran", "Tony P"'. Each quoted item is an account's name, whatever its shape.
_HANDLE_LIST = re.compile(
    r"(?i:gamer[ ]?tags|user[ ]?names|screen[ ]?names|profile[ ]names|display[ ]names|handles|accounts|"
    r"members)[ ]{0,3}(?:[:\-(]|(?i:were|are|of|called|named|incl(?:uding|\.)?))?[ ]{0,3}"
    r"(?P<list>\"[^\"\n\x00]{2,40}\"(?:(?:,[ ]{0,2}(?:and[ ]|&[ ])?|[ ](?:and|&)[ ])\"[^\"\n\x00]{2,40}\")+)"
)
# The words one of which starts each match: ignoring case, re knows no first letters to skip to.
_HANDLE_LIST_WORDS = (
    "gamer",
    "user",
    "screen",
    "profile names",
    "display names",
    "handles",
    "accounts",
    "members",
)
_QUOTED_ITEM = re.compile(r"\"(?P<v>[^\"\n\x00]{2,40})\"")


def _handle_lists(text: str, lower: str) -> list[Span]:
    if '"' not in text or not any(
        word in lower for word in ("tags", "names", "handles", "accounts", "members")
    ):
        return []
    spans: list[Span] = []
    for match in matches_near(_HANDLE_LIST, text, _HANDLE_LIST_WORDS, lower=lower):
        for item in _QUOTED_ITEM.finditer(text, match.start("list"), match.end("list")):
            value = item.group("v").strip()
            if value and fold(value) not in common_words():
                start = item.start("v") + item.group("v").index(value)
                spans.append(Span(start, start + len(value), EntityKind.HANDLE, fold(value.lstrip("@"))))
    return spans


# A list's items, between commas, semicolons, a colon or a sentence's stop ("linked to him: xXNoahPlaysXx,
# bedwarsgod_2011, lil_tay_rbx (posing as ...)").
_LIST_ITEM = re.compile(r"[^,;:\n]+?(?=[,;:\n]|\.[ ]|\.?$)", re.MULTILINE)
_ONE_TOKEN = re.compile(r"@?[\w][\w.\-]*[\w]")
_CSV_ROW = re.compile(r",[^\s,]+,[^\s,]+,")


def listed_handles(text: str, handles: list[Span], covered: bytearray) -> list[Span]:
    """A word listed with two found handles or more is an account too, whatever its shape ("kayla.brownlie_x,
    ambermcg06, lilsophie.k"): a writer lists a child's contacts together. Only a lone token with a lower-case
    letter ("DFU" is a unit), no word, not already found, and not in a row of comma-separated fields."""
    starts = {span.start for span in handles}
    lines: dict[int, int] = {}
    for span in handles:
        line = text.rfind("\n", 0, span.start) + 1
        lines[line] = lines.get(line, 0) + 1
    spans: list[Span] = []
    for line, count in lines.items():
        if count < 2:
            continue
        end = text.find("\n", line)
        if _CSV_ROW.search(text, line, len(text) if end < 0 else end):
            continue  # "episode,reported,reported_by,where_found": a table's fields, not a list of accounts
        items = [
            (m.start() + len(m.group(0)) - len(m.group(0).lstrip(". ")), m.group(0).lstrip(". ").rstrip())
            for m in _LIST_ITEM.finditer(text, line, len(text) if end < 0 else end)
        ]
        listed = [(start, value) for start, value in items if value]
        if sum(start in starts for start, _ in listed) < 2:
            continue
        for start, value in listed:
            token = _ONE_TOKEN.fullmatch(value)
            if (
                token is None
                or start in starts
                or covered[start]
                or not any(c.islower() for c in value)
                or sum(c.isalpha() for c in value) < 3
                or is_vocabulary(value.lstrip("@"))
            ):
                continue
            spans.append(Span(start, start + len(value), EntityKind.HANDLE, fold(value.lstrip("@"))))
    return spans


def _handle_shaped(value: str, *, social: bool = False) -> bool:
    """Whether `value` is written as a handle is: an underscore, a Discord tag, or dots between lowercase
    words with a digit or three parts; near a word about social media, also lowercase letters with digits
    or two dotted words ("marley.j", "jjay99")."""
    bare = value.lstrip("@")
    letters = sum(c.isalpha() for c in bare)
    if letters < 2 or len(bare) < 3:
        return False
    if "." in bare and bare.rsplit(".", 1)[1].lower() in _NOT_HANDLE_END:
        return False  # a file or a web address: "d01_baby_skull_fracture.md"
    if "#" in bare:
        return bool(re.fullmatch(r"[A-Za-z0-9_.]{2,32}#[0-9]{4}", bare))
    if "_" in bare:
        if not any(c.islower() or c.isdigit() for c in bare):
            return False
        # "rule_findings" is a template's variable; "shadow_wolf" a handle only near a social media word.
        # A digit, a capital, a short part or a doubled or end underscore is a handle's alone ("x_tasha_x",
        # "al_muhajir_mcr", "Lil_T").
        words = re.split(r"[_.]", bare)
        return social or not all(len(w) >= 3 and w.isalpha() and w.islower() for w in words)
    parts = bare.split(".")
    if len(parts) > 1:
        if not all(parts) or bare != bare.lower() or parts[0] == "www" or parts[-1] in _NOT_HANDLE_END:
            return False
        if all(len(p) <= 2 for p in parts) or not any(c.isalpha() for c in parts[0]):
            return False  # "e.g", "a.m", "3.1kg"
        digits = any(c.isdigit() for c in bare)
        return len(parts) >= 3 or (digits and letters >= 3) or social
    if social and bare.islower() and any(c.isdigit() for c in bare):
        return letters >= 3 and not _NOT_HANDLE_ALNUM.fullmatch(bare)
    return False


# A user name in lower case: three or more letters that are no word, then two to four digits ("tanksyy22",
# "jagoboi14"), as a chat's speaker or a screenshot's caption writes it. No social media word need be near: over
# development sets 1-56 every one of this shape is somebody's account. A word before a number ("covid19",
# "room12") is no name.
_WORD_AND_NUMBER = re.compile(r"(?P<w>[a-z](?<![\w@./\\:-].)[a-z]{2,19})[0-9]{2,4}(?![\w@/-]|\.\w)")
# A gamer tag: two or more capitalised parts run together, then digits ("PennyGoalz77", "KingKez99").
_GAMER_TAG = re.compile(r"[A-Z](?<![\w@].)[a-z]{1,15}(?:[A-Z][a-z]{1,15}){1,3}[0-9]{1,4}(?![\w])")


# A campaign's or a crew's hashtag of capitalised words run together ("#TeamAbena", "#JusticeForDamiAndAyo",
# "#DeeLine"): made for one person or group. A hashtag of one word ("#blessed", "#london") says nothing.
_CAMEL_HASHTAG = re.compile(r"#(?<![\w&]#)[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+(?![\w])")
# A profile name of three or more capitalised words run together, quoted: '"LaceyLoveHearts"'.
_QUOTED_CAMEL = re.compile(r'"(?P<h>[A-Z][a-z]{1,15}(?:[A-Z][a-z]{1,15}){2,4})"')
_NUMBERED_PLACES = word_set(
    "ward room bay block flat unit bed cell pitch plot bus route platform gate stand year"
)
# A contact's or a profile's name ending in a number or a code, quoted: '"Minh Nguyen 2007"', '"Mariana Lacatus 98"',
# '"Smokes B6"'. Two capitalised words before the number, or one before a postcode's district; not "Room 12".
_QUOTED_NUMBERED_NAME = re.compile(
    r'["“](?P<h>[A-Z][a-z][\w\'\-]{0,19}(?:[ ][A-Z][a-z][\w\'\-]{0,19}){1,3}[ ][0-9]{2,4}|[A-Z][a-z]{2,15}[ ][A-Z]{1,2}[0-9]{1,2})["”]'
)
# A phone's contact saved as a name and a word for who they are ('saved as "Ahmed taxi"', 'contact "Tekle cousin"',
# 'put my number in her phone as "Priya nurse"'): the contact's name is all of it.
_SAVED_CONTACT = re.compile(
    r'(?i:saved(?:[ ]as)?|contact|phone[ ]as|stored[ ]as|listed[ ]as|under)[ :]{1,3}["“](?P<h>[A-Z][a-z]{1,15}[ ][a-z]{2,15})["”]'
)
_OPENING_QUOTE = re.compile(r"[\"“]")


def _saved_contacts(text: str) -> Iterator[re.Match[str]]:
    """`_SAVED_CONTACT.finditer(text)`, read only around the quotes after a space or a colon and before a capital
    (A-Z): a match starts at most 12 characters before its opening quote and ends at most 34 after it, and the
    pattern has no look-around, so each is found whole in the window around its quote (the pattern, with no
    literal first, is slow over a text)."""
    windows: list[list[int]] = []
    for quote in _OPENING_QUOTE.finditer(text):
        at = quote.start()
        if at and text[at - 1] in " :" and "A" <= text[at + 1 : at + 2] <= "Z":
            if windows and at - 16 <= windows[-1][1]:
                windows[-1][1] = at + 40
            else:
                windows.append([max(0, at - 16), at + 40])
    for start, end in windows:
        yield from _SAVED_CONTACT.finditer(text, start, end)


# A group chat's or a server's name, quoted after the word for it or before it: 'the WhatsApp group "Tawney 41"',
# 'Discord server "teesside trappers"', 'on the "cvale yr10 banter" group'. The pattern starts at the quote (a
# literal, fast to find); the words around it are checked in code.
_GROUP_NAME = re.compile(r'"(?P<n>[^"\n]{2,40})"')
_GROUP_BEFORE = re.compile(r"(?:group|chat|server|channel|gc|line)(?:[ ](?:called|named|known[ ]as))?:?[ ]$")
_GROUP_AFTER = re.compile(r"[ ](?:group|server|channel|gc)\b")
_A_PLACEHOLDER = re.compile(r"\b[A-Z]+(?:_[A-Z]+)*_[0-9]+\b")  # redaction.PLACEHOLDER's shape
_GROUP_CUES = (
    'group "',
    'chat "',
    'server "',
    'channel "',
    'gc "',
    '" group',
    '" server',
    '" channel',
    '" gc',
    # a county line's name ('a line known as "Tee line"', 'the "Bando line"')
    'line known as "',
    'line called "',
    ' line"',
)


# A chat's sender by a user name of dotted words, quoted or not, first on a line: '"reece.dnvrs": dont answer'.
_DOTTED_SENDER = re.compile(
    r"^[ \t]*[\"“]?(?P<h>[a-z][a-z0-9]{1,20}(?:\.[a-z0-9]{1,20}){1,3})[\"”]?:[ ]", re.MULTILINE
)


_QUOTES = {'"': '"', "'": "'", "“": "”", "‘": "’"}


def _quoted_alone(text: str, start: int, end: int) -> bool:
    """'Comment from "ruksi_luton"': a word shaped as a handle and quoted by itself is one, unless it is English
    words joined as a program's field is ('"incident_summary"')."""
    return (
        start > 0
        and end < len(text)
        and _QUOTES.get(text[start - 1]) == text[end]
        and not all(is_vocabulary(part) for part in re.split(r"[_.]+", text[start:end]) if part)
    )


def _shaped_handles(text: str, lower: str) -> list[Span]:
    """Handles found by their shape alone, or by their shape near a word about social media."""
    spans: list[Span] = [
        Span(m.start("h"), m.end("h"), EntityKind.HANDLE, m.group("h"))
        for m in (_DOTTED_SENDER.finditer(text) if "." in text else ())
        if _handle_shaped(m.group("h"), social=True)
    ]
    candidates: list[re.Match[str]] = []
    if "_" in text:
        candidates += matches_near(_UNDERSCORE_WORD, text, ("_",), reach=31)  # at most 31 characters in
    spans += [
        Span(m.start(), m.end(), EntityKind.HANDLE, fold(m.group(0))) for m in _GAMER_TAG.finditer(text)
    ]
    spans += [
        Span(m.start("h"), m.end("h"), EntityKind.HANDLE, fold(m.group("h")))
        for m in (_QUOTED_CAMEL.finditer(text) if '"' in text else ())
        if fold(m.group("h")) not in public_names()
    ]
    spans += [
        Span(m.start("h"), m.end("h"), EntityKind.HANDLE, fold(m.group("h")))
        for m in (_QUOTED_NUMBERED_NAME.finditer(text) if '"' in text or "“" in text else ())
        if m.group("h").count(" ") >= 2 or fold(m.group("h").split(" ", 1)[0]) not in _NUMBERED_PLACES
    ]
    spans += [
        Span(m.start("h"), m.end("h"), EntityKind.PERSON, fold(m.group("h")))
        for m in (_saved_contacts(text) if '"' in text or "“" in text else ())
        if classify(m.group("h").split(" ", 1)[0]) not in {"ROLE", "FUNCTION", "TITLE"}  # '"Mum work"'
    ]
    if '"' in text and any(cue in lower for cue in _GROUP_CUES):
        for m in _GROUP_NAME.finditer(text):
            name = m.group("n")
            if (
                _GROUP_BEFORE.search(lower, max(0, m.start() - 20), m.start()) is None
                and _GROUP_AFTER.match(lower, m.end()) is None
                and not name.endswith(" line")
            ):
                continue
            if MASK in name or _A_PLACEHOLDER.search(name):
                continue  # '"PERSON_23's Lot"', redacted again: the name inside was found the first time
            # Named by a place, a number or somebody ("Tawney 41", "Kai's Crew", "horden hitters"), not "Work" or
            # "Family"; a quoted sentence is what someone said.
            words = [w.removesuffix("'s") for w in name.split() if any(c.isalpha() for c in w)]
            if (
                len(words) <= 3
                and words[0][:1].isupper()
                and fold(words[-1]) == "line"
                and fold(words[0]) != "the"
            ):
                # A drug line is named as a brand is, often by a word ("Tee line", "Bando line"): the name is its
                # handle, as a phone's number would be.
                spans.append(Span(m.start("n"), m.end("n"), EntityKind.HANDLE, fold(name)))
            elif len(words) <= 5 and (
                any(c.isdigit() for c in name)
                or any(not is_vocabulary(w) for w in words if len(w) > 2 or w[:1].isupper())
            ):
                spans.append(Span(m.start("n"), m.end("n"), EntityKind.HANDLE, fold(name)))
    spans += [
        Span(m.start(), m.end(), EntityKind.HANDLE, m.group(0))
        for m in _WORD_AND_NUMBER.finditer(text)
        if not _NOT_HANDLE_ALNUM.fullmatch(m.group(0)) and not is_vocabulary(m.group("w"))
    ]
    if "#" in text:
        candidates += matches_near(_DISCORD_TAG, text, ("#",), reach=32)
        spans += [
            Span(m.start(), m.end(), EntityKind.HANDLE, fold(m.group(0)))
            for m in _CAMEL_HASHTAG.finditer(text)
        ]
    if "." in text:
        candidates += _DOTTED_WORD.finditer(text)
    social_at: list[int] = []
    for hit in _SOCIAL_WORDS.finditer(lower):
        social_at.append(hit.start())
    if social_at:
        candidates += _ALNUM_WORD.finditer(text)

    def near_social(start: int, end: int) -> bool:
        k = bisect.bisect_left(social_at, start - 160)
        while k < len(social_at) and social_at[k] <= end + 160:
            at = social_at[k]
            between = text[min(at, start) : max(at, end)]
            if "\n\n" not in between:
                return True
            k += 1
        return False

    for match in candidates:
        value = match.group(0)
        if fold(value) in public_names():
            continue  # "what3words": a platform, not an account on it
        if _handle_shaped(value) or (
            _handle_shaped(value, social=True)
            and (near_social(match.start(), match.end()) or _quoted_alone(text, match.start(), match.end()))
        ):
            spans.append(Span(match.start(), match.end(), EntityKind.HANDLE, fold(value.lstrip("@"))))
    return spans


# ------------------------------------------------------------------------------------------ references

# Codes with letters and numbers: "CSPR-NY-2024-0173", "MASH/24/00912", "CR/12345/23", "RX1-123456".
_REF_CODE = re.compile(r"[A-Z](?<![\w/-].)[A-Z0-9]{0,7}(?:[/\-][A-Z0-9]{1,10}){1,6}(?![\w/]|-\w)")
# Numbers joined by slashes or dashes: "12/45678/24", "14/22187/23", PNC "14/123456X", "2024/0173".
# A force's crime number with its station's letters and a check letter: "20BW/088713R/23".
_REF_NUMBER = re.compile(
    r"[0-9](?<![\w/.-].)[0-9]{0,7}(?:[A-Z]{2,3}(?=/))?(?:[/\-][0-9]{1,10}(?:[A-Z](?=/))?){1,4}[A-Z]?(?![\w/]|-\w|\.[0-9])"
)
# A number after a word that says it is a reference: "Crime ref 14/22187/23", "Mosaic ID 1234567".
_REF_STRONG = (
    r"ref|refs|reference|crime|storm|ppn|sir|passport|visa|licence|license|mosaic|liquid ?logic|lcs|ehm|pnc|pnd|crn|urn|mrn|cad|log|niche|athena|"
    r"occurrence|incident|case|hosp|hospital|patient|unit|trust|referral|file|record|client|person|job|ticket|"
    r"claim|court|cpoms|cp|child protection|mash|contact|episode|chronology|epr|emis|systmone|rio|lac|cin|ehcp|"
    r"custody|warrant|serial|booking|application|upn|uln|pupil|tenancy|policy|membership|cris|swift|eclipse|"
    r"carefirst|frameworki|nino|exhibits|exhibit|exh|docket|matter|index|marker|misper|collar|badge|ico|epo|"
    r"call sign|callsign|appliances|appliance|dx|imei|imsi|iccid|nrpsi|"
    # a passport's or an ID card's number ("ID card RX 804417")
    r"my ?concern|id card|identity card|"
    # an interpreter's or a call's ID with the interpreting service ("Language Line 61920", "LL 30552")
    r"language line|(?<!['’])ll|interpreter|interpreting"
)
_REF_CUED = re.compile(
    rf"(?i:\b(?P<cue>(?:{_REF_STRONG})(?:[ ](?:ref(?:erence)?|number|nos?\.?|num|id|identifier)){{0,2}}"
    r"|number|no\.|nos?\.|id|#))"
    r"[ ]{0,3}(?::|#|=|-|(?:is|was)(?:[ ](?:recorded|given|noted|shown|listed)[ ]as)?|of|as|(?:recorded|given)[ ]as)?"
    r"[ ]{0,3}(?P<ref>(?:[a-z]?[A-Z]{1,5}[ ](?=[0-9]{4}))?(?:[a-z](?=[A-Z]))?[A-Z0-9](?:[A-Za-z0-9]|[/\-.&](?=[A-Za-z0-9])){1,24}"
    # a number in groups of digits is one number ("ref eRS 0019 4422 8817", "case ref: 1234 5678", a force's
    # log and its date "STORM log 0074 021124", "ref 2210 31132024" with a day no calendar has)
    r"(?:(?<=[0-9])[ ][0-9]{3,8}){0,3})(?![\w/])"
)
# The rest of a range or list of references after a cued one: "exhibits FL/1 - FL/4", "AM/1, AM/2 and AM/6".
_REF_MORE = re.compile(r"[ ]{0,2}(?:-|to|and|&|,)[ ]{0,2}(?P<ref>[A-Z0-9][A-Za-z0-9/\-]{0,24})(?![\w/])")
_SHAPE = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "A" * 52 + "9" * 10)
# A long number or a letter code run into one ("4471023", "549221063", "RX1184421", a pupil's UPN
# "K919207612033", a force's 13-digit log number): a reference
# wherever it stands, unless it is money, a phone or an NHS number (those are found as such).
_REF_LONG = re.compile(
    r"(?:[0-9](?<![\w/.£$€#,+-].)(?<!(?<![A-Za-z])[0-9][ ].)[0-9]{5,13}"
    r"|[A-Z](?<![\w/.£$€#,+-].)(?<![0-9][ ].)[A-Z]{0,3}[0-9]{6,13})"
    # standalone: no group of digits alone just before or after ("943476 5919"); a code's letters and digits before it
    # are a system's prefix ("PAS RY4 588102")
    r"(?![\w/]|[.,][0-9]|%|[ ][0-9])"
)
# An account's number after its bank's sort code ("30-94-57 21884530"): the rule above leaves a number that a group
# of digits stands before, as a phone's or an NHS number's groups do.
_ACCOUNT_AFTER_SORT_CODE = re.compile(
    r"(?<![\w\-])[0-9]{2}-[0-9]{2}-[0-9]{2}[ ](?P<acc>[0-9]{8})(?![\w/]|[.,][0-9])"
)
# "Concern #48812", "incident #4471": a record's number after a hash (a gamer tag's "name#1120" is a handle).
_HASH_NUMBER = re.compile(r"#(?<![\w#&].)[0-9]{4,10}(?![\w/])")
# Officers listed after their rank in the plural, each with a collar number before or after the name ("PCs 7720
# AHMED AND 3115 FINNEY", "PCS HUSBANDS 2210 AND OKAFOR 4471"): every number of the list is one officer's.
_OFFICERS_LISTED = re.compile(
    r"(?<![\w\-])(?:PCs|PCS|DCs|DCS|PCSOs|PCSOS|Sgts|SGTS)[ ]"
    r"(?P<list>(?:[0-9]{3,5}[ ][A-Z][\w'\-]+|[A-Z][\w'\-]+[ ][0-9]{3,5})"
    r"(?:(?:[ ](?:AND|and|&)[ ]|,[ ])(?:[0-9]{3,5}[ ][A-Z][\w'\-]+|[A-Z][\w'\-]+[ ][0-9]{3,5})){1,4})"
)
_LISTED_COLLAR = re.compile(r"(?<![\w/\-])[0-9]{3,5}(?![\w/\-])")
# ... or by their numbers alone after "officers", as a log writes who attended ("Officers 5521 and 1047 on scene"):
# two numbers or more, each one officer's; not "officers 2 and 3" (a count) nor a year ("officers in 2019 and 2020").
_OFFICERS_BY_NUMBER = re.compile(
    r"(?<![\w\-])(?:Officers|officers|OFFICERS|PCs|PCS|Units|units|UNITS)[ ]"
    r"(?P<list>[0-9]{3,5}(?:(?:[ ](?:AND|and|&)[ ]|,[ ]|[ ]?/[ ]?)[0-9]{3,5}){1,4})(?![\w/\-]|[.,][0-9])"
)
# A taxi licence by a council's letters for its kind: a private hire driver's, vehicle's or plate ("PHD 03978",
# "PH 0457", "PHV 1182") or a hackney carriage's ("HCD 2210", "HC 118"); writers mark the letters with the number.
_TAXI_LICENCE = re.compile(r"(?<![\w/\-])(?:PHD|PHV|PH|HCD|HCV|HC)[ ]?[0-9]{3,6}(?![\w/\-]|[.,][0-9])")
# A force's log number and its date, with no cue ("Conway St (0311 040522, 1120 170822)", "skull #. 0074 021124."):
# four digits, a space and six that are a day, a month and a year, or eight with the century ("Log 0094 17022024":
# read without it, the number alone went and a second pass found the date's digits). All 23 tokens of this shape in
# the development sets were labelled references; a phone number of the same digits is one too, and the date keeps
# it from others.
_LOG_AND_DATE = re.compile(
    r"[0-9](?<![\w/.:\-].)[0-9]{3}[ ](?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])(?:(?:19|20)[0-9]{2}|[0-9]{2})"
    r"(?![\w/]|[.,][0-9])"
)
# ... or its log number and the date in a control room's letters ("LOGS 1734/18JUN23, 0411/02FEB24").
_LOG_SLASH_DATE = re.compile(
    r"[0-9](?<![\w/.:\-].)[0-9]{2,3}/(?:0?[1-9]|[12][0-9]|3[01])(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"(?:[0-9]{2}|[0-9]{4})(?![\w/])"
)
# A police unit's call sign, two letters and a number ("ARV + BY-1 BY-4 DEPLOYED", "Officers RC-31 arrived"): it
# names the officers on that shift as a collar number does. Only near a word about units attending, as the same
# shape is a key stage, a form or a model elsewhere ("KS-2", "SF-36").
_CALL_SIGN = re.compile(r"(?<![\w\-/])[A-Z]{2}-[0-9]{1,2}(?![\w\-/])")
_CALL_SIGN_CUES = re.compile(
    r"(?i:units?|deployed|assigned|on[ ]scene|officers|attend(?:s|ed|ing)?|call[ ]?signs?|dispatched|resourced|"
    r"patrols?|arv|rpu|crews?)(?![\w])"
)
# "Police occurrence 23*114827": a force's year, a star and the number, as its systems print them.
# An exhibit's mark, an officer's initials and the item's number, with no cue ("Phones seized MR/1, MR/2", "police
# download KT/2"): of 239 tokens of this shape in the development sets, 238 are labelled and the other is one too.
_EXHIBIT_SHAPE = re.compile(r"[A-Z](?<![\w/.\-].)[A-Z]{1,2}/[0-9]{1,3}(?![\w/.\-])")
# A range of exhibits: "exhibit list AC/1-AC/6" (the matching copy makes its en dash a hyphen).
_EXHIBIT_RANGE = re.compile(r"([A-Z](?<![\w/.\-].)[A-Z]{1,2}/[0-9]{1,3})-([A-Z]{2,3}/[0-9]{1,3})(?![\w/.\-])")

# A bank card's sixteen digits in fours ("скинь 200 фунтів на карту 4149 4410 2287 6631"): no phone or NHS number
# is written so. All 5 of this shape in the development sets are labelled.
_CARD_NUMBER = re.compile(r"[0-9](?<![\w/.\-].)[0-9]{3}(?:[ \-][0-9]{4}){3}(?![\w/.\-]|[ \-][0-9])")
# The last digits of a card, an account or a phone, as a statement or a note gives them ("account ending 4471",
# "card ending in 0093"): they pick out one account.
_ENDING_DIGITS = re.compile(
    r"(?i:\b(?:account|acct|a/c|card|number|mobile|phone|iban)[ ]ending(?:[ ](?:in|with))?:?[ ]{1,2})"
    r"(?P<n>[0-9]{3,6})(?![\w/])"
)
_ENDING_CUES = (
    "account",
    "acct",
    "a/c",
    "card",
    "number",
    "mobile",
    "phone",
    "iban",
)  # where a match can start
_STARRED_NUMBER = re.compile(r"[0-9](?<![\w*].)[0-9][*][0-9]{5,8}(?:/[0-9]{2,4})?(?![\w*/])")
_A_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
# "Hospital number CIC 1184421": a short code in capitals, a space and the number, after a cue.
_SYSTEM_WORDS = word_set(
    "storm lcs crn mosaic niche pnc pnd cad urn mrn nhs csc mash ehm epr emis rio cris swift"
)
_STRONG_REF_CUE = re.compile(rf"(?i:^(?:{_REF_STRONG}))")
_YEAR_RANGE = re.compile(r"(?:19|20)[0-9]{2}[/\-](?:(?:19|20)?[0-9]{2})")


@lru_cache(maxsize=1 << 16)
def _looks_like_date(value: str) -> bool:
    parts = re.split(r"[/\-.]", value)
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        a, b, c = (int(p) for p in parts)
        if 1 <= a <= 31 and 1 <= b <= 12 and len(parts[2]) in (2, 4):
            return True
        if len(parts[0]) == 4 and 1 <= b <= 12 and 1 <= c <= 31:
            return True
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        a, b = (int(p) for p in parts)
        if 1 <= a <= 12 and len(parts[1]) == 4 and parts[1][:2] in ("19", "20"):
            return True  # "03/2016": a month and year
        if 1 <= a <= 31 and 1 <= b <= 12 and len(parts[0]) <= 2 and len(parts[1]) <= 2:
            return True  # "19/01": a day and month
    return False


_REF_CUE_WORDS = _prefilter(
    " ".join(re.split(r"[| ?]+", _REF_STRONG.replace(" ?", "|").replace("(?<!['’])", "")))
    + " number no nos id #"
)


_JUNCTIONS = re.compile(r"J[0-9]{1,2}[/\-]J?[0-9]{1,2}")


# A police officer's collar number after the rank: "PC 4471", "PCSO 2219XL" (it names one officer).
_COLLAR = re.compile(rf"(?<![\w]){POLICE_RANKS}[ ](?P<n>[0-9]{{2,5}}[A-Z]{{0,2}})(?![\w/])")
# ... or after the officer's name or initial: "PC Dunmore 3318", "PC Joel Mensah (5521)", "PC Ahmed Raza (WM 8842)",
# "DC N. Hussain 8812", "DC K ASHWORTH 10293", "(PC Jodie Haworth, 4419)" (not a year after the comma: "PC Smith,
# 2019").
_COLLAR_AFTER = re.compile(
    rf"(?<![\w]){POLICE_RANKS}[ ](?:[A-Z](?:\.|[\w'\-]{{1,30}})?[ ]){{0,1}}[A-Z](?:\.|[\w'\-]{{1,30}})"
    rf"(?:[ ]|,[ ](?!(?:19|20)[0-9]{{2}}\b))\(?(?P<n>(?:[A-Z]{{1,2}}[ ]?)?[0-9]{{3,5}})(?![\w/])"
)
# A GP practice named by its partners: "Mahmood & Partners", "Quenby and Ashworth Partners".
_PARTNERS = re.compile(
    r"[A-Z](?<![\w'\-].)[\w'\-]{1,30}(?:[ ](?:&|and)[ ][A-Z][\w'\-]{1,30})?[ ](?:&|and)[ ]Partners\b"
)


def _rank_starts(text: str) -> list[int]:
    """Where a police rank may start: found with str.find at C speed, so a long text with none costs little."""
    starts: set[int] = set()
    for literal in POLICE_RANK_STARTS:
        at = text.find(literal)
        while at != -1:
            starts.add(at)
            at = text.find(literal, at + 1)
    return sorted(starts)


# An officer's surname in capitals after the rank and collar number, whatever the word ("PC 977 MOSS", "PCS 3104
# KEAST"): a log writes no other word there.
_COLLAR_NAME = re.compile(rf"{POLICE_RANKS}[Ss]?[ ][0-9]{{2,5}}[ ](?P<s>[A-Z][A-Z'\-]{{2,30}})(?![\w'\-])")


_VERBS_IN_LOGS = word_set(
    "locate locates attend attends arrest arrests search searches check checks speak speaks return returns "
    "confirm confirms request requests deploy deploys leave leaves update updates advise advises"
)


def _collar_names(text: str) -> list[Span]:
    spans: list[Span] = []
    for start in _rank_starts(text):
        match = _COLLAR_NAME.match(text, start)
        if match is None or (start and text[start - 1].isalnum()):
            continue
        word = match.group("s")
        folded = fold(word)
        # Not the log's verb ("PC 2287 LOCATE MISPER", "PC 4471 ATTENDED") nor a word of the genre's own.
        if (
            folded in ROLE_WORDS
            or folded in INSTITUTION_WORDS
            or folded in _VERBS_IN_LOGS
            or _log_word(word)
            or (folded in common_words() and folded not in word_surnames())
        ):
            continue
        end = match.end("s")
        second = _CAPS_WORD_AFTER.match(text, end)
        if second is not None and _collar_surname_after(word, second.group("s")):
            end = second.end("s")  # "PC 1402 AMY FORTUNE", "PC 0779 JAY BEDI": a given name and a surname
        spans.append(Span(match.start("s"), end, EntityKind.PERSON, ""))
    return spans


_CAPS_WORD_AFTER = re.compile(r"[ ](?P<s>[A-Z][A-Z'\-]{1,30})(?![\w'\-])")


def _collar_surname_after(given: str, word: str) -> bool:
    """Whether `word`, in capitals after an officer's first word, is the surname: any word no log writes there after
    a listed given name ("AMY FORTUNE"), a word that is no word after any other ("JAY BEDI")."""
    folded = fold(word)
    if (
        folded in ROLE_WORDS
        or folded in INSTITUTION_WORDS
        or folded in _VERBS_IN_LOGS
        or folded in FUNCTION_WORDS
        or folded in ACRONYMS
        or _log_word(word)
        or word.endswith(("ED", "ING"))
    ):
        return False
    return fold(given) in first_names() or not is_vocabulary(word)


# An immigration record's code in spaced groups after what it is: a share code ("W7X 4KP 9QD"), a residence card
# or application number ("ARC number UKR 552 018 43J", "UAN 1234-5678-9012-3456" is found as a code already).
_SPACED_CODE = re.compile(
    r"(?i:share[ ]code|arc(?:[ ](?:no\.?|number|card))?|brp(?:[ ](?:no\.?|number))?)[ ]{0,2}[:\-]?[ ]{0,2}"
    r"(?P<code>(?:[A-Z]{2,4}[ ])?(?:(?=[A-Z]{0,3}[0-9])[A-Z0-9]{2,4}[ ]){2,3}(?=[A-Z]{0,3}[0-9])[A-Z0-9]{2,4})(?![\w/])"
)


# A police log numbered within its day ("log 0921 of 02/11/2023", "CAD 2291 of 02/04/22", "incident 0214 of 17/03"):
# the number and its day are the reference, in a log's capitals too. All 35 of this shape in the development sets are labelled.
_LOG_OF_DAY = re.compile(
    r"\d(?<![\w/.\-]\d)(?:\d{2,4}|(?<=0)\d)[ ](?:of|OF)[ ]\d{1,2}/\d{1,2}(?:/\d{2}(?:\d{2})?)?(?![\w/])"
)


def _references(text: str, lower: str) -> list[Span]:
    spans: list[Span] = []
    for logged in _LOG_OF_DAY.finditer(text) if " of " in text or " OF " in text else ():
        spans.append(Span(logged.start(), logged.end(), EntityKind.REFERENCE, logged.group(0)))
    for coded in (
        matches_near(_SPACED_CODE, text, ("share code", "arc", "brp"), lower=lower)
        if "share code" in lower or "arc" in lower or "brp" in lower
        else ()
    ):
        code = coded.group("code")
        spans.append(
            Span(coded.start("code"), coded.end("code"), EntityKind.REFERENCE, "".join(code.split()).upper())
        )
    for start in _rank_starts(text):
        for pattern in (_COLLAR, _COLLAR_AFTER):
            match = pattern.match(text, start)
            if match is not None:
                spans.append(Span(match.start("n"), match.end("n"), EntityKind.REFERENCE, match.group("n")))
    for match in _REF_CODE.finditer(text):
        value = match.group(0)
        digits = sum(map(str.isdigit, value))
        segments = re.split(r"[/\-]", value)
        digit_segments = sum(any(c.isdigit() for c in s) for s in segments)
        # "COVID-19", "ICD-10", "EHCP-2024" are not references; a code needs five digits or two numbers, or a
        # number with a leading zero, which no year has ("MISS-0031").
        padded = any(len(part) >= 3 and part[0] == "0" and part.isdigit() for part in segments)
        if digits < 4 or (digits < 5 and digit_segments < 2 and not padded):
            continue
        if _JUNCTIONS.fullmatch(value):
            continue  # "M62 J26-J27": motorway junctions
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, value.upper()))
    for match in _REF_NUMBER.finditer(text):
        value = match.group(0)
        if _looks_like_date(value):
            continue  # most such numbers are dates (cached): nothing more to read
        digits = sum(map(str.isdigit, value))
        segments = re.split(r"[/\-]", value)
        if _YEAR_RANGE.fullmatch(value) or digits < 5:
            continue
        # "112-118" (pages) and "3-4" are ranges; a reference has three parts, a slash or a check letter.
        if len(segments) == 2 and "/" not in value and not value[-1].isalpha() and digits < 8:
            continue
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, value.upper()))
    for match in _REF_LONG.finditer(text):  # six digits or more
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0)))
    for match in matches_near(_ACCOUNT_AFTER_SORT_CODE, text, ("-",), reach=2):
        spans.append(Span(match.start("acc"), match.end("acc"), EntityKind.REFERENCE, match.group("acc")))
    for match in matches_near(_OFFICERS_LISTED, text, ("PC", "DC", "Sgt", "SGT")):
        for collar in _LISTED_COLLAR.finditer(text, match.start("list"), match.end("list")):
            spans.append(Span(collar.start(), collar.end(), EntityKind.REFERENCE, collar.group(0)))
    for match in matches_near(
        _OFFICERS_BY_NUMBER, text, ("fficers", "FFICERS", "PCs", "PCS", "nits", "NITS"), reach=1
    ):
        collars = list(_LISTED_COLLAR.finditer(text, match.start("list"), match.end("list")))
        if not any(_A_YEAR.fullmatch(collar.group(0)) for collar in collars):
            spans += [Span(c.start(), c.end(), EntityKind.REFERENCE, c.group(0)) for c in collars]
    for match in matches_near(_TAXI_LICENCE, text, ("PH", "HC")):
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0).replace(" ", "")))
    for match in _HASH_NUMBER.finditer(text) if "#" in text else ():
        if not _A_YEAR.fullmatch(match.group(0)[1:]):  # "#2024" is a year's hashtag
            spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0)))
    for match in _LOG_AND_DATE.finditer(text):
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0)))
    for match in _LOG_SLASH_DATE.finditer(text) if "/" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0).upper()))
    signs = list(_CALL_SIGN.finditer(text)) if "-" in text else []
    if signs:
        cues = [m.start() for m in _CALL_SIGN_CUES.finditer(text)]
        for match in signs:
            if _near(cues, match.start(), match.end(), text, 40):
                spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0)))
    for match in _STARRED_NUMBER.finditer(text) if "*" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0)))
    for match in _EXHIBIT_SHAPE.finditer(text) if "/" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.REFERENCE, match.group(0)))
    for match in _EXHIBIT_RANGE.finditer(text) if "/" in text else ():
        spans += [Span(match.start(k), match.end(k), EntityKind.REFERENCE, match.group(k)) for k in (1, 2)]

    for match in matches_near(_ENDING_DIGITS, text, _ENDING_CUES, lower=lower) if "ending" in lower else ():
        spans.append(Span(match.start("n"), match.end("n"), EntityKind.REFERENCE, match.group("n")))
    for match in _CARD_NUMBER.finditer(text):
        spans.append(
            Span(match.start(), match.end(), EntityKind.REFERENCE, re.sub(r"\D", "", match.group(0)))
        )
    exhibit_marks: set[str] = set()
    for match in _cued(text, lower, _REF_CUE_WORDS, _REF_CUED):
        value = match.group("ref").rstrip(".")
        if " " in value:
            code, number = value.split(" ", 1)
            if fold(code) in _SYSTEM_WORDS:  # "log reference is LCS 8812047": the system is no identifier
                start = match.start("ref") + len(code) + 1
                spans.append(Span(start, start + len(number), EntityKind.REFERENCE, number.upper()))
                continue
        digits = sum(map(str.isdigit, value))
        strong = bool(_STRONG_REF_CUE.match(match.group("cue")))
        has_letter = any(c.isalpha() for c in value)
        # "case 14 months", "0-19 service": a short number is a reference only with letters in it.
        if digits < (1 if strong and has_letter else 4 if strong else 3) or (
            digits == len(value) == 4 and value[:2] in ("19", "20")
        ):
            continue  # "case 3", "in 2019"
        if _looks_like_date(value):
            continue
        start = match.start("ref")
        spans.append(Span(start, start + len(value), EntityKind.REFERENCE, value.upper()))
        if fold(match.group("cue")).startswith("exh") and _EXHIBIT.fullmatch(value):
            exhibit_marks.add(value.split("/")[0])
        end = start + len(value)
        shape = re.sub("9+", "9", value.translate(_SHAPE))
        for _ in range(12):
            more = _REF_MORE.match(text, end)
            if more is None or re.sub("9+", "9", more.group("ref").translate(_SHAPE)) != shape:
                break
            spans.append(
                Span(more.start("ref"), more.end("ref"), EntityKind.REFERENCE, more.group("ref").upper())
            )
            end = more.end()
    if exhibit_marks:
        # An officer's exhibit mark, once the text gives one as an exhibit ("EXHIBIT MK/1"), marks every other
        # item seized ("2 PHONES (MK/2, MK/3)"): the letters are the officer's initials.
        finder = re.compile(
            "(?:" + "|".join(map(re.escape, sorted(exhibit_marks))) + r")/[0-9]{1,3}(?![\w/])"
        )
        spans += [
            Span(m.start(), m.end(), EntityKind.REFERENCE, m.group(0))
            for m in finder.finditer(text)
            if not (m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "/-"))
        ]
    return spans


_EXHIBIT = re.compile(r"[A-Z]{1,4}/[0-9]{1,3}")


# ----------------------------------------------------------------------------------------------- dates


def _month_alternatives() -> str:
    names = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sept",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ]
    return "|".join(sorted({n for name in names for n in (name, name.upper())}, key=len, reverse=True))


_MONTHS = _month_alternatives()
_ANY_MONTH = re.compile(trie(set(_MONTHS.split("|"))))
_MONTH_NUMBER = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_DAY = r"(?:0?[1-9]|[12][0-9]|3[01])"
_MONTH_NUM = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:19|20)[0-9]{2}"
_ORD = r"(?:st|nd|rd|th|ST|ND|RD|TH)?"

_D1 = r"[0-9](?<![\w/.\-].)[0-9]?"  # a day or month of one or two digits, not inside a number
_DATE_PATTERNS: list[re.Pattern[str]] = [
    # 14/03/2019, 14.3.19, 14-03-2019
    # (a dash after it is open-ended, "16/02/2024-:", unless a number or code runs on: "14/03/2019-0012")
    re.compile(rf"{_D1}[/.\-][0-9]{{1,2}}[/.\-](?:{_YEAR}|[0-9]{{2}})(?![\w/]|-[\w/]|[.-][0-9])"),
    # "Date of Birth 14 03 2019", "16 / 05 / 2016": spaced numbers, or spaced separators, with a four-digit year
    re.compile(
        rf"{_D1}(?:[ ]{{1,2}}|[ ][/.\-][ ])[0-9]{{1,2}}(?:[ ]{{1,2}}|[ ][/.\-][ ]){_YEAR}(?![\w/-]|[.-][0-9])"
    ),
    # 2019-03-14, 2019/03/14
    re.compile(r"[12](?<![\w/.-].)[0-9]{3}[/\-](?:0[1-9]|1[0-2])[/\-](?:0[1-9]|[12][0-9]|3[01])(?![\w/-])"),
    # 14th of March 2019, 14 Mar. 2019, 14-Mar-2019, 14/Mar/19
    re.compile(
        rf"{_D1}{_ORD}(?:[ ]{{1,2}}of)?(?:[ ]{{1,2}}|[\-/.])"
        # not a range's second day as a year ("30 Jan-27 Feb")
        rf"(?:{_MONTHS})\b\.?(?:(?:,?[ ]{{1,2}}|[\-/.])(?:{_YEAR}|'?[0-9]{{2}}(?![ ]{{1,2}}(?:{_MONTHS})\b))\b)?"
    ),
    # March 14th, 2019; Mar 14 2019 (the character before is checked in _dates)
    re.compile(rf"(?:{_MONTHS})\.?[ ]{{1,2}}[0-9]{{1,2}}{_ORD}\b(?:,?[ ]{{1,2}}{_YEAR}\b)?(?![/:.][0-9])"),
]
_RANGE_SECOND = re.compile(
    rf"-(?P<d>[0-9]{{1,2}}{_ORD}[ ]{{1,2}}(?:{_MONTHS})\b\.?(?:,?[ ]{{1,2}}{_YEAR}\b)?)"
)
_DAY_MONTH_NUMBERS = re.compile(r"([0-9]{1,2})\D{1,4}([0-9]{1,2})")
# Month-and-year or a bare year is only a personal date next to a birth label.
_DOB = re.compile(
    r"(?i:\b(?:DOB|D\.O\.B\.?|D/O/B|date of birth|birth date|born(?:[ ]{1,2}(?:on|in))?))"
    r"[ \t]{0,3}(?:[:\-][ \t]{0,3})?"
    rf"(?P<date>(?:{_MONTHS})\.?[ ]{{1,2}}{_YEAR}|{_MONTH_NUM}[/.\-]{_YEAR}|{_YEAR})(?![\w/-])"
)


_NUMBERS = re.compile(r"[0-9]+")
_NUMERIC_DATE = re.compile(r"([0-9]{1,2})(?: ?[/.\-] ?| {1,2})([0-9]{1,2})(?: ?[/.\-] ?| {1,2})([0-9]{2,4})")
_ISO_DATE = re.compile(r"([0-9]{4})[/\-]([0-9]{2})[/\-]([0-9]{2})")
_DATE_WORDS = re.compile(r"[a-z]+|[0-9]+")


@lru_cache(maxsize=1 << 16)
def _reads_as_day_and_month(value: str) -> bool:
    """A day and month that no score or fraction is written as: a part with a leading zero ("06/09",
    "15/06"), a day past the 12th ("21/11") or two digits in October or November ("12/11"). "/12", "/52" and "/7" stay out: a clinician writes an age or
    a length of time so ("18/12" is eighteen months, "8/52" eight weeks)."""
    day, month = value.split("/")
    if day.startswith("0") or month.startswith("0"):
        return True
    if len(day) == 2 and month in ("10", "11") and value != "10/10":
        # "Found 10/11", "moved again 11/10": a day written with two digits in October or November; 43 of the 45 in
        # the development sets are dates (the others a pain score out of 10, kept out, and a shoe size).
        return True
    if int(day) > 24 and month == "12":
        return True  # "The 27/12 ePCR": past two years, an age in months is written "2 3/12"
    return int(day) > 12 and int(month) not in (7, 12)


@lru_cache(maxsize=1 << 16)  # a chronology repeats its dates: most calls are hits
def _valid_day_month(value: str, numeric: bool) -> bool:  # positional: a cheaper cache key
    numbers = _NUMBERS.findall(value)
    if not numbers or len(numbers[0]) > 2:
        return True  # ISO dates are checked by their pattern
    day = int(numbers[0])
    if not 1 <= day <= 31:
        return False
    return not numeric or (len(numbers) > 1 and 1 <= int(numbers[1]) <= 12)


@lru_cache(maxsize=1 << 16)
def date_key(text: str) -> str:
    lowered = norm(text).replace(",", " ")
    numeric = _NUMERIC_DATE.fullmatch(lowered)
    if numeric:
        day, month, year = numeric.groups()
        full_year = year if len(year) == 4 else ("20" if int(year) < 50 else "19") + year
        return f"{full_year}-{int(month):02d}-{int(day):02d}"
    iso = _ISO_DATE.fullmatch(lowered)
    if iso:
        return "-".join(iso.groups())
    words = _DATE_WORDS.findall(lowered)
    month = next((_MONTH_NUMBER[w] for w in words if w in _MONTH_NUMBER), None)
    numbers = [w for w in words if w.isdigit()]
    day = next((int(n) for n in numbers if len(n) <= 2), None)
    year = next((n for n in numbers if len(n) == 4), None)
    if month and day:
        return f"{year or '????'}-{month:02d}-{day:02d}"
    return lowered


_DOB_CUE_WORDS = _prefilter("dob d.o.b d/o/b date birth born")


def _dates(text: str, lower: str) -> list[Span]:
    spans: list[Span] = []
    # Patterns 3 and 4, month-and-year and ranges all need a month's name: one fast scan says if there is one.
    months = _ANY_MONTH.search(text) is not None
    for index, pattern in enumerate(_DATE_PATTERNS):
        if index >= 3 and not months:
            break
        for match in pattern.finditer(text):
            value = match.group(0)
            if (
                index == 4
                and match.start()
                and (text[match.start() - 1].isalnum() or text[match.start() - 1] == "_")
            ):
                continue
            if not _valid_day_month(value, index < 2):
                continue
            spans.append(Span(match.start(), match.end(), EntityKind.DATE, date_key(value)))
    if months and "-" in text:
        # "30 Jan-27 Feb" (an en dash, made a hyphen for matching): the range's second date, which its pattern
        # does not start after a hyphen.
        ends = {span.end for span in spans}
        for match in _RANGE_SECOND.finditer(text):
            if match.start() in ends:
                spans.append(
                    Span(match.start("d"), match.end("d"), EntityKind.DATE, date_key(match.group("d")))
                )
    for match in _cued(text, lower, _DOB_CUE_WORDS, _DOB):
        date = match.group("date")
        spans.append(Span(match.start("date"), match.end("date"), EntityKind.DATE, date_key(date)))
    for match in _COMPACT_DATE.finditer(text) if _COMPACT_HINT.search(text) else ():
        spans.append(Span(match.start(), match.end(), EntityKind.DATE, norm(match.group(0))))
    # the month is seven or eight characters in ("081430Z JUN 24")
    for match in matches_near(_DATE_TIME_GROUP, text, _COMPACT_MONTH_WORDS, reach=8) if "Z" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.DATE, norm(match.group(0))))
    for match in _DAY_MONTH_BEFORE_TIME.finditer(text) if ":" in text else ():
        # "16.11 23:12 kacper: ...": a chat export's day and month before the time of a message.
        if _valid_day_month(match.group(0).replace(".", "/"), True):
            spans.append(Span(match.start(), match.end(), EntityKind.DATE, "--" + match.group(0)))
    entries = list(_DOTTED_DAY_MONTH_ENTRY.finditer(text)) if "." in text else []
    if len(entries) >= 2 and all(_valid_day_month(m.group("d").replace(".", "/"), True) for m in entries):
        spans += [Span(m.start("d"), m.end("d"), EntityKind.DATE, "--" + m.group("d")) for m in entries]
    for match in _FOREIGN_DATE.finditer(lower) if _FOREIGN_MONTH_HINT.search(lower) else ():
        # "23 listopada 2023", "30. apríla 2024", "12 de marzo de 2024": a letter in the family's language.
        spans.append(Span(match.start(), match.end(), EntityKind.DATE, norm(match.group(0))))
    short_dates = (
        list(_SHORT_DATE.finditer(text)) if "/" in text else []
    )  # read once: the lists below read them too
    uncued: list[re.Match[str]] = []
    for match in short_dates:
        # "on 14/3", "by 22/6", "14/9 | Recorded by": a day and month without a year, only where a date
        # goes (scores and fractions, "3/10", do not follow "on" or start a line).
        if not _valid_day_month(match.group(0), True):
            continue
        if _SHORT_DATE_BEFORE.search(
            text, max(0, match.start() - 12), match.start()
        ) or _reads_as_day_and_month(match.group(0)):
            spans.append(Span(match.start(), match.end(), EntityKind.DATE, "--" + match.group(0)))
        else:
            uncued.append(match)
    if len(short_dates) - len(uncued) >= 2:
        # A text that dates its entries by day and month dates its prose so too ("arrested 12/3", "CP medical
        # 9/1"); not a score, an age in months or days, or a fraction ("pain 8/10", "Leo 3/12", "24/7").
        for match in uncued:
            value = match.group(0)
            day, month = value.split("/")
            if month == "12" or (month == "7" and int(day) <= 7) or value == "24/7":
                continue  # "3/12" months old, "2/7" two days (a clinician's shorthand)
            if _NOT_A_SHORT_DATE_BEFORE.search(text, max(0, match.start() - 24), match.start()):
                continue
            spans.append(Span(match.start(), match.end(), EntityKind.DATE, "--" + value))
    if "/" in text:
        spans += _listed_short_dates(text, spans, short_dates)
    if "." in text:
        spans += _dotted_short_dates(text)
    for match in _MONTH_YEAR.finditer(text) if months else ():
        # "| Feb 2020 | CSC |": a month and year that is a chronology entry's date (a cell or line of its own);
        # in running prose ("until March 2022") it stays, like a year.
        if _CELL_START.search(text, max(0, match.start() - 9), match.start()):
            value = match.group(0).rstrip()
            spans.append(Span(match.start(), match.start() + len(value), EntityKind.DATE, date_key(value)))
    for match in _DATE_RANGE.finditer(text) if months else ():
        if _MONTH_JUST_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "on 2 Aug 23 and 7 Aug 23": the first number is a year
        spans.append(Span(match.start(), match.end(), EntityKind.DATE, norm(match.group(0))))
    for match in _WORDED_DAY_START.finditer(lower) if months else ():
        rest = _WORDED_DATE_REST.match(text, match.end())
        if rest is not None:
            spans.append(
                Span(match.start(), rest.end(), EntityKind.DATE, norm(text[match.start() : rest.end()]))
            )
    for match in _NAMED_DAY.finditer(text) if " Day " in text or " Eve " in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.DATE, norm(match.group(0))))
    for match in _NUMERIC_RANGE.finditer(text) if "/" in text else ():
        if joined_before(text, match.start(), "_/.-"):
            continue
        for part in ("a", "b"):
            if _valid_day_month(match.group(part), True):
                value = match.group(part)
                spans.append(Span(match.start(part), match.end(part), EntityKind.DATE, date_key(value)))
    for match in _ORDINAL_DAY.finditer(text):
        if (
            1 <= int(match.group("n")) <= 31
            and not joined_before(text, match.start(), "_/.-")
            and _ORDINAL_BEFORE.search(text, max(0, match.start() - 14), match.start())
            and _ORDINAL_AFTER.match(text, match.end())
        ):
            spans.append(Span(match.start(), match.end(), EntityKind.DATE, "--" + match.group(0)))
    spans += _weekday_days(text, lower)
    return _with_weekdays(text, spans)


# A day and month in a list after a date: "(18/3, 24/3, 1/4 and 7/4)", "on 8/2 and 9/2". The first is found
# by its cue; the rest are found by standing in the same list, which a score or a fraction ("3/10") never does.
# A dash is left out: after a date it starts the entry ("26.01.2023 - 6/12 review", a six-month review).
_SHORT_DATE_LISTED = re.compile(r"(?:,[ ]{0,2}|[ ]{1,2}(?:and|&|or|to)[ ]{1,2})$")


def _listed_short_dates(text: str, spans: list[Span], short_dates: list[re.Match[str]]) -> list[Span]:
    ends = {span.end for span in spans if span.kind is EntityKind.DATE}
    listed: list[Span] = []
    for match in short_dates:
        if match.end() in ends or not _valid_day_month(match.group(0), True):
            continue
        joint = _SHORT_DATE_LISTED.search(text, max(0, match.start() - 6), match.start())
        if joint is not None and joint.start() in ends:
            listed.append(Span(match.start(), match.end(), EntityKind.DATE, "--" + match.group(0)))
            ends.add(match.end())  # the next in the list follows this one
    return listed


# "on 29.11", "since 18.11", "Thurs 15.12", and the list one starts ("on 08.03 and 10.03"), or a list of three or more
# ("Seen 5 times (16.11, 20.11, 24.11, ...)"): a dotted day and month where a date goes. A dotted time follows none of
# these words ("at 3.05", "rang 12.10", "train 7.04"); a weight or a room ("wt 3.02", "room 4.12") neither.
_DOTTED_SHORT_DATE = re.compile(r"[0-9](?<![\w/.\-£$,].)[0-9]?\.(?:0[1-9]|1[0-2])(?![\w%/\-]|[.:,][0-9])")


def _dotted_short_dates(text: str) -> list[Span]:
    matches = [m for m in _DOTTED_SHORT_DATE.finditer(text) if _valid_day_month(m.group(0), True)]
    runs: list[list[re.Match[str]]] = []  # the matches in lists, each joined to the one before
    for match in matches:
        if runs and _joins(text, runs[-1][-1], match):
            runs[-1].append(match)
        else:
            runs.append([match])
    found: list[Span] = []
    for run in runs:
        cued = _DOTTED_DATE_BEFORE.search(text, max(0, run[0].start() - 12), run[0].start()) is not None
        if cued or len(run) >= 3:
            found += [Span(m.start(), m.end(), EntityKind.DATE, "--" + m.group(0)) for m in run]
        else:
            found += [
                Span(m.start(), m.end(), EntityKind.DATE, "--" + m.group(0))
                for m in run[1:]
                if _DOTTED_DATE_BEFORE.search(text, max(0, m.start() - 12), m.start())
            ]
    return found


def _joins(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two dotted days and months stand next to each other in a list ("16.11, 20.11")."""
    joint = _SHORT_DATE_LISTED.search(text, max(first.end(), second.start() - 6), second.start())
    return joint is not None and joint.start() == first.end()


# A weekday as practitioners write it before a date, for the patterns below (matched ignoring case).
_WEEKDAY_FORMS = "mon|tue|tues|wed|weds|thu|thur|thurs|fri|sat|sun|" + "|".join(sorted(WEEKDAY_WORDS))
# "on Sat 12th", "next visit Thursday 20th", "booked for the 22nd": a day of the month alone, where a date
# goes; not a count ("his 12th birthday", "the 3rd of 4 children", "came 3rd") nor a centile ("from the 9th
# to the 2nd").
_DOTTED_DATE_BEFORE = re.compile(
    rf"(?i:\b(?:on|by|from|until|till|since|dated|before|after|due|seen|w/c|{_WEEKDAY_FORMS})[ ]{{1,2}})$"
)
_ORDINAL_DAY = re.compile(r"(?P<n>[0-9]{1,2})(?:st|nd|rd|th)(?![\w'\-])")
_ORDINAL_BEFORE = re.compile(
    r"(?i:\b(?:(?:on|by|until|till|since|before|after|for)[ ]the|on|by|until|till|since|before|after|"
    rf"{_WEEKDAY_FORMS}))\.?[ ]$"
)
_ORDINAL_AFTER = re.compile(r"(?![ ](?:of\b|(?!(?:at|and|or|when|until)\b)[a-z]))")


# After a weekday the number is the day of a month whatever follows it, with its month in lower case or its month
# by number: "Monday 4th as day pupil", "thursday the 9th", "thurs 2nd nov", "fri 3 nov", "TUE 27.2 07.30". The
# weekday itself stays (the README's convention), and writers leave it out of the date.
_WEEKDAY_DAY = re.compile(
    rf"(?<![\w\-])(?:{_WEEKDAY_FORMS})\.?,?[ ](?:the[ ])?(?P<d>(?:[0-9]{{1,2}}(?:st|nd|rd|th)"
    r"|[0-9]{1,2}(?=[ ](?:of[ ])?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)))"
    r"(?:[ ](?:of[ ])?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?(?:[ ][0-9]{4})?)?"
    r"|[0-9]{1,2}[./][0-9]{1,2}(?![0-9]|[./][0-9]))(?![\w'\-])"
)


def _weekday_days(text: str, lower: str) -> list[Span]:
    spans: list[Span] = []
    for match in matches_near(_WEEKDAY_DAY, lower, _WEEKDAY_LITERALS):
        value = text[match.start("d") : match.end("d")].rstrip(".")
        day = re.match(r"[0-9]{1,2}", value)
        if day is None or not 1 <= int(day.group(0)) <= 31:
            continue
        if ("." in value or "/" in value) and not _valid_day_month(value.replace(".", "/"), True):
            continue
        spans.append(Span(match.start("d"), match.start("d") + len(value), EntityKind.DATE, norm(value)))
    return spans


_WEEKDAY_LITERALS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# A log's or a table's date stamp with its weekday abbreviated: "Fri 16/02/24 21:00", "Tue 12 Mar".
_SHORT_WEEKDAY = re.compile(
    not_after_each(r"[\w'\-]", ["Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun"])
    + r"\.?[ ](?=[0-9])"
)


def _with_weekdays(text: str, spans: list[Span]) -> list[Span]:
    """Dates stamped with an abbreviated weekday, weekday and all (keyed as the date alone, so "Fri 16/02/24"
    and "16/02/24" share a placeholder). A weekday alone says nothing; stuck to a date it is part of the
    stamp, and writers label it so."""
    weekday_before = {m.end(): m.start() for m in _SHORT_WEEKDAY.finditer(text)}
    if not weekday_before:
        return spans
    return [
        Span(weekday_before[s.start], s.end, s.kind, s.key) if s.start in weekday_before else s for s in spans
    ]


_SHORT_DATE = re.compile(r"[0-9](?<![\w/.\-].)[0-9]?/[0-9]{1,2}(?![\w/-]|[.][0-9])")
_DAY_MONTH_BEFORE_TIME = re.compile(
    r"[0-9](?<![\w/.\-].)[0-9]?[./][0-9]{1,2}(?=[ ,]{1,2}[0-9]{1,2}:[0-9]{2}(?![0-9]))"
)
# "20.05 – tried to ring Ellie": a note's entry headed by a dotted day and month. A dotted time heads a log's
# entry so too ("14.05 – drove to the station"), so they are read as dates only where two or more head the text's
# entries and every one reads as a day and month (a time's minutes soon pass 12).
_DOTTED_DAY_MONTH_ENTRY = re.compile(
    r"^[ \t]{0,4}(?P<d>[0-3][0-9]\.[01][0-9])(?=[ ]{1,2}[-–][ ])", re.MULTILINE
)
# Months in the languages families in England write letters and messages in (Polish, Slovak and Czech in both
# cases, Romanian, Lithuanian, Portuguese, Spanish, Italian, French, German), lower case as the copy is searched.
_FOREIGN_MONTHS = (
    "stycznia styczeń lutego luty marca marzec kwietnia kwiecień maja maj czerwca czerwiec lipca lipiec sierpnia "
    "sierpień września wrzesień października październik listopada listopad grudnia grudzień "
    "januára februára marca apríla mája júna júla augusta septembra októbra novembra decembra "
    "ledna února března dubna května června července srpna září října listopadu prosince "
    "ianuarie februarie martie aprilie mai iunie iulie august septembrie octombrie noiembrie decembrie "
    "sausio vasario kovo balandžio gegužės birželio liepos rugpjūčio rugsėjo spalio lapkričio gruodžio "
    "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro "
    "enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre "
    "gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre "
    "janvier février mars avril juin juillet août septembre octobre novembre décembre "
    "januar februar märz juni juli oktober dezember"
)
_FOREIGN_DATE = re.compile(
    r"[0-9](?<![\w/.\-].)[0-9]?\.?[ ](?:de[ ])?(?:"
    + trie(set(_FOREIGN_MONTHS.split()))
    + r")(?:[ ](?:de[ ])?(?:19|20)[0-9]{2})?(?![\w])"
)
_FOREIGN_MONTH_HINT = re.compile(trie(set(_FOREIGN_MONTHS.split())) + r"[ ]")
# A custody or control-room system's date, run together: "DOB: 17SEP2009", "08Nov23".
_COMPACT_MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC"
_COMPACT_MONTH_WORDS = tuple(_COMPACT_MONTHS.split("|"))
_COMPACT_DATE = re.compile(
    rf"[0-9](?<![\w/.\-].)[0-9]?(?:{_COMPACT_MONTHS}|(?:{_COMPACT_MONTHS.title()}))(?:[0-9]{{4}}|[0-9]{{2}})(?![\w/])"
)
_COMPACT_HINT = re.compile(rf"[0-9](?:{_COMPACT_MONTHS}|{_COMPACT_MONTHS.title()})")
# A military date-time group, day, hours and minutes, zone, month and year: "081000ZOCT23", "151600Z DEC 23".
_DATE_TIME_GROUP = re.compile(
    rf"(?<![\w/])(?:0[1-9]|[12][0-9]|3[01])[0-2][0-9][0-5][0-9][A-Z][ ]?(?:{_COMPACT_MONTHS})[ ]?[0-9]{{2}}(?!\w)"
)
_NOT_A_SHORT_DATE_BEFORE = re.compile(
    r"(?i:\b(?:pain|score|scored|scaling|rated|rating|mum|me|nan|dad|aged?|pt|infant|baby|approx|female|male|"
    rf"gcs|apgar|sats|bp|hr|rr|under|over|is|was|attended|imms|gestation|{AGE_UNIT})[:,]?[ ]{{0,2}})$|[0-9][ ]{{0,2}}$|"
    r"\b(?:and|of)[ ]$"
)
_SHORT_DATE_BEFORE = re.compile(
    r"(?:\A|[\n|])[ \t]{0,8}$|(?i:\b(?:on|by|from|until|till|since|between|dated|date|before|after|w/c|w/e|wc|booked|"
    r"appt|appointment|due|"
    # what is dated: "the letter of 9/3", "referral sent 9/11", "seen 20/12", "6pm 11/3" (all 46 in the
    # development sets are dates)
    r"of|sent|seen|letter|email|panel|visit|meeting|am|pm|re|regarding|"
    # what was done that day: "arrested 12/3", "s47 requested 6/11", "allocated 11/12", "viewing 19/12" (a month of
    # 12 or 7 too, which after an infant's word is an age: "infant 3/12"); not a count or a score ("attended 2/5
    # days", "scored 8/10")
    r"(?!(?:attended|scored|rated|aged|reduced|increased|improved)\b)[a-z]{3,}ed|viewing|reply|notes|"
    # a weekday before it: "Sat 15/11 19:47" in a chat's timestamps
    rf"{_WEEKDAY_FORMS}))[:,]?\s{{1,4}}$"
)
# A day written as an ordinal word, or a named day, with a month or year: "the ninth of April 2019",
# "Christmas Day 2025", "Boxing Day 2024". Candidates are found in the lowercase copy by their first word.
_DAY_WORDS = word_set(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth twenty-first twenty-second "
    "twenty-third twenty-fourth twenty-fifth twenty-sixth twenty-seventh twenty-eighth twenty-ninth thirty-first"
)
_WORDED_DAY_START = re.compile(r"(?<![a-z\-])(?:" + trie(_DAY_WORDS) + r")[ ]")
_WORDED_DATE_REST = re.compile(rf"(?:of[ ])?(?:{_MONTHS})(?:,?[ ]{_YEAR})?\b")
_NAMED_DAY = re.compile(
    not_after_each(r"\w", ["Christmas", "Boxing", "New[ ]Year's", "New[ ]Years"])
    + rf"[ ](?:Day|Eve)[ ]{_YEAR}\b"
)
_MONTH_YEAR = re.compile(rf"(?:{_MONTHS})\.?[ ]{{1,2}}{_YEAR}[ \t]{{0,8}}(?=[|\n]|[ ]?-[ ])")
_CELL_START = re.compile(r"(?:\A|[\n|])[ \t]{0,8}$")
# "15-19 April 2024", "off 22nd to 2nd Jan", "between 14th and 16th Feb": the first day takes the second's month.
_MONTH_JUST_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?[ ]$")
_DATE_RANGE = re.compile(
    rf"{_D1}{_ORD}(?:[ ]{{0,2}}(?:-|/)[ ]{{0,2}}|[ ]{{1,2}}(?:to|until|till|and|&)[ ](?:the[ ])?)[0-9]{{1,2}}{_ORD}"
    rf"[ ]{{1,2}}(?:{_MONTHS})\b\.?(?:,?[ ]{{1,2}}{_YEAR}\b)?"
)
# "14/12/22-28/12/22" (an en dash, made a hyphen for matching): two dates run together, which neither date's
# own pattern takes, since a hyphen after a number usually continues a reference.
_NUMERIC_RANGE = re.compile(
    r"(?P<a>[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{2}|[0-9]{4}))-(?P<b>[0-9]{1,2}/[0-9]{1,2}/(?:[0-9]{2}|[0-9]{4}))"
    r"(?![\w/\-]|\.\w)"  # a full stop may end the sentence: "Care coordinator, 17/01/2022-16/05/2023."
)


# ------------------------------------------------------------------------------------------- addresses

# Types that name a street even without a house number ("Moor Lane", "Church Lane").
_NAMED_STREET_TYPES = "Road|Street|Avenue|Lane|Close|Drive|Crescent|Gardens|Grove|Terrace|Mews|Rd|Ave"
# Types that name a street without a number only when the words before them are not generic ("Rowan
# Court", "Mill Bank", but not "Family Court" or "Safe Place").
_NAMED_STREET_TYPES_CHECKED = (
    "Way|Place|Court|Bank|Hill|Walk|Row|Rise|Fold|Garth|Croft|Gate|Side|Wharf|Quay|Parade|Square|Mount|"
    "Brow|Wynd|Chase|Meadows|Heights|Green|View|Park|Gardens|Drove|Loke|Twitten|Chare|Corner|Dene"
)
_DIRECTION = r"(?:[ ](?:North|South|East|West|Upper|Lower))?"
# House names that identify a home on their own ("Holly Cottage"); the others need a street after them.
_HOUSE_ALONE = frozenset(
    [
        "cottage",
        "cottages",
        "farm",
        "farmhouse",
        "lodge",
        "barn",
        "vicarage",
        "rectory",
        "bungalow",
        "grange",
        "manor",
        "forge",
        "smithy",
        "stables",
        "granary",
        "gatehouse",
        "oast",
    ]
)
# The words a home in a building or on a site is numbered by ("Flat 4", "Cottage 2", "Pitch 6"): one list for the
# patterns below.
_HOME_UNITS = "Flat|FLAT|Apartment|Apt|Unit|Room|Maisonette|Caravan|Cottage|Chalet|Plot|Pitch|Berth"
_CAP = r"[A-Z][A-Za-z'\-]{0,30}+"  # possessive: a word is never given back letter by letter
# The first of such words standing alone, its capital first and the look-behind after it, so that re skips to the
# capitals of a text: r"(?=[A-Z])\b(?:{_CAP}[ ]){1,3}" tried every character.
_FIRST_CAP = r"[A-Z](?<!\w.)[A-Za-z'\-]{0,30}+"
_FLAT = (
    # "Flat 2/1", "Flat 0/R": a Scottish tenement's floor and door
    rf"(?:(?:{_HOME_UNITS}|Apt\.)[ ]{{1,2}}[0-9]{{1,4}}[A-Za-z]?"
    r"(?:/[0-9A-Z](?![\w/]))?"
    r"|Block[ ](?:[A-Z]|[0-9]{1,3})(?![\w'\-])"  # "Block C, Jubilee Heights": a block of flats by letter
    r"|(?:Flat|FLAT)[ ][A-H](?![\w'\-&/]))"  # "Fire started in Flat C": a flat by its letter alone
)
# The same type words as patterns factored by prefix, so a capitalised word is not tried against each.
_STREET_TYPES_TRIE = trie(set(STREET_TYPES.split("|")))
_NAMED_STREET_TYPES_TRIE = trie(set(_NAMED_STREET_TYPES.split("|")))
_NAMED_STREET_TYPES_CHECKED_TRIE = trie(set(_NAMED_STREET_TYPES_CHECKED.split("|")))
_HOUSE_TYPES_TRIE = trie(set(HOUSE_TYPES.split("|")))
_ADDRESS_NUMBERED = re.compile(
    rf"(?:{_FLAT},?[ ]{{1,2}}|(?:No|NO)\.?[ ])?[0-9](?<![\w/.-].)[0-9]{{0,3}}[A-Za-z]?(?:-[0-9]{{1,4}})?,?[ ]{{1,2}}"
    rf"(?:{_CAP}[ ]{{1,2}}){{1,3}}(?:{_STREET_TYPES_TRIE})\b{_DIRECTION}"
)
_YEAR_THEN_COMMA = re.compile(r"(?:19|20)[0-9]{2},")
_SCHOOL_YEAR_BEFORE = re.compile(r"(?:\b(?:Year|YEAR|year|Yr|yr)[ ]|\bY)$")
_ADDRESS_NAMED = re.compile(
    rf"{_FIRST_CAP}[ ]{{1,2}}(?:{_CAP}[ ]{{1,2}})?(?:{_NAMED_STREET_TYPES_TRIE})\b{_DIRECTION}"
)
_ADDRESS_NAMED_CHECKED = re.compile(
    rf"{_FIRST_CAP}[ ]{{1,2}}(?:{_CAP}[ ]{{1,2}})?(?:{_NAMED_STREET_TYPES_CHECKED_TRIE})\b{_DIRECTION}"
)
# "Flat 11, Rowan Court", "Apartment 12, Canal Wharf", "Flat 2, 9 Sandygate": the building or street
# after a flat number, whatever its type.
_FLAT_BUILDING = re.compile(
    rf"(?:{_HOME_UNITS}|Apt\.)[ ]{{1,2}}[0-9]{{1,4}}[A-Za-z]?,?[ ]{{1,2}}"
    rf"(?:[0-9]{{1,4}}[A-Za-z]?,?[ ]{{1,2}})?(?P<words>{_CAP}(?:[ ]{{1,2}}{_CAP}){{0,3}})"
)
# "lives at 9 Sandygate", "Address: 2 The Sidings": a number and capitalised words after a word that
# says an address follows.
_ADDRESS_CUED = re.compile(
    r"(?i:address(?:ed)?|lives|lived|living|live|moved|moving|stays|stayed|staying|resides|resided|reside|"
    r"residing|home)(?:[ ]{1,2}(?i:at|to|is|was|in|of))?[ ]{0,2}:?[ ]{1,2}"
    rf"(?P<a>[0-9]{{1,4}}[A-Za-z]?,?[ ]{{1,2}}{_CAP}(?:[ ]{{1,2}}{_CAP}){{0,2}})"
)
_ADDRESS_CUE_WORDS = _prefilter(
    "address addressed lives lived living live moved moving stays stayed staying resides resided reside residing home"
)
_NOT_PLACE_WORD = re.compile(r"[A-Z][a-z]*")
_HOUSE = re.compile(
    rf"(?=[A-Z])\b(?:(?:The|THE)[ ]{{1,2}})?(?:{_CAP}[ ]{{1,2}}){{1,3}}(?P<type>{_HOUSE_TYPES_TRIE})\b"
    rf"(?P<street>,[ ]{{1,2}}(?:[0-9]{{1,4}}[A-Za-z]?[ ]{{1,2}})?(?:{_CAP}[ ]{{1,2}}){{1,3}}(?:{_STREET_TYPES_TRIE})\b)?"
)
# Any street or house type word: without one, no named street or house is looked for.
# Their boundaries are checked in code (normalise.has_word): a leading \b would make these scans of the whole
# text try every character.
_PLACE_TYPE_WORD = re.compile(
    trie(
        set(STREET_TYPES.split("|"))
        | set(_NAMED_STREET_TYPES_CHECKED.split("|"))
        | set(HOUSE_TYPES.split("|"))
    )
)
_FLAT_WORD = re.compile(_HOME_UNITS + "|Block")
_FLAT_ONLY = re.compile(rf"(?=[FAUMRCPB])\b{_FLAT}\b")
# An estate named with its own words, the type in lower case as people write it: "the Friar Park estate".
_ESTATE = re.compile(rf"{_FIRST_CAP}[ ](?:{_CAP}[ ]){{0,2}}estate\b")
# A home by its number alone: "neighbour at no.6", "AT NO 4", "on plot 9", "caravan D14", "from flat 11". A log or a
# message writes the flat, plot, pitch or caravan in lower case and with a letter before the number; "no." counts only
# after a word that says where ("at", "from", "outside"), so "no. of visits" and "No 1 priority" stay.
_HOUSE_NUMBER_ALONE = re.compile(
    r"(?<![\w'\-])(?:(?i:at|from|to|outside|next[ ]door[ ]to|opposite|in|of|neighbour,?|"
    r"house[ ]to[ ]house:)[ ]{1,2}(?P<no>(?i:no\.?|number)[ ]?)"
    # a barn let as a home, a boat's mooring by the canal's bridge or lock ("moored at bridge 62"); not a ward's bay
    r"|(?P<plot>(?i:plot|pitch|caravan|chalet|static|trailer|berth|flat|apartment|apt|maisonette|barn|mooring)"
    r"[ ]{1,2}[A-Z]?|(?:(?<=moored[ ]at[ ])|(?<=moored[ ]by[ ])|(?<=moored[ ]near[ ]))(?i:bridge|lock)[ ])"
    # a hotel's room ("found in room 214", "room 212 booked by"): three digits, as a clinic's "room 3" is not
    r"|(?P<room>(?i:room|rm)[ ]{1,2})(?=[0-9]{3}(?![0-9])))"
    r"[0-9]{1,4}[A-Za-z]?(?![\w/\-]|[.:][0-9])"
)
_HOUSE_NUMBER_CUE = _prefilter(
    "at from to outside next opposite in of neighbour house plot pitch caravan chalet static trailer berth room rm "
    "flat apartment apt maisonette barn mooring bridge lock"
)
# A room by its number alone where people are housed in rooms ("Ahmad Z (room 4)", "Bilal, room 2"): in a text
# about a hostel, a hotel, a B&B, a refuge or an HMO; elsewhere only a hotel's three digits count (a clinic's
# "room 3" identifies nobody).
# A hostel's unit is a room so written ("Broadfield House unit 12"), and two rooms are one family's ("rooms 7 and 8").
_ROOM_SHORT = re.compile(
    r"(?:room|Room|ROOM|rm|Rm|(?P<unit>unit|Unit|UNIT))(?:s|S)?[ ]{1,2}(?P<n>[0-9]{1,2})[A-Za-z]?"
    r"(?:[ ](?:and|&)[ ][0-9]{1,2}[A-Za-z]?)?(?![\w/\-]|[.:][0-9]|[ ](?:days?|weeks?|hours?|mins?)\b)"
)
# Homes listed by their numbers after the plural of their kind ("plots 3 and 4", "pitches 1, 3 and 6").
_LISTED_HOME = re.compile(r"(?<![\w/\-])[A-Z]?[0-9]{1,4}[A-Za-z]?(?![\w/\-])")
_HOMES_LISTED_WORDS = ("plots", "pitches", "caravans", "chalets", "statics", "trailers", "flats")
_HOMES_LISTED = re.compile(
    r"(?<![\w'\-])(?i:plots|pitches|caravans|chalets|statics|trailers|flats)[ ]{1,2}"
    r"(?P<list>[A-Z]?[0-9]{1,4}[A-Za-z]?(?:(?:,[ ]|[ ](?:and|&)[ ])[A-Z]?[0-9]{1,4}[A-Za-z]?){1,6})"
    r"(?![\w/\-]|[.:][0-9])"
)
_LODGING = re.compile(
    r"hostel|hotel|b&b|bed and breakfast|guest house|guesthouse|refuge|hmo|bedsit|supported accommodation|"
    r"supported lodgings|temporary accommodation|foyer|children's home|residents"
)
# A caravan's bay on a transit or council site is its pitch ("moved on to bay 5", "electric at bays 4–6"): in a text
# about a site; not a hospital's bay ("resus bay 2", "Majors bay 6") nor a car park's ("parked in bay 12").
_SITE_BAY = re.compile(
    not_after_each(r"[\w'\-]", ["bay", "Bay", "BAY"])
    + r"(?P<s>s|S)?[ ]{1,2}[0-9]{1,3}(?(s)(?:[ ]?[–\-][ ]?|[ ](?:and|&)[ ])[0-9]{1,3})"
    r"(?![\w/\-]|[.:][0-9])"
)
_SITE_TEXT = re.compile(r"transit site|encampment|caravan|trailer|pitch|showground|travellers'? site")
_NOT_A_SITE_BAY = re.compile(
    r"(?i:resus|majors|minors|ambulance|parking|parked|car[ ]park|loading|ward|bed|delivery|assessment|side)[ ]$"
)
# A neighbour's house by its number in brackets after her name: "Mrs Harris (no. 16)", "(Mrs Hodgson, no. 14)";
# not after an ordinary word ("accident book entry (no. 47)", "Visits (no. 3)").
_HOUSE_NUMBER_BRACKETED = re.compile(
    r"(?P<name>[A-Z][\w'\-]+)(?:[ ]\(|,[ ])(?P<no>(?i:no\.?)[ ]?[0-9]{1,4}[A-Za-z]?)\)"
)
# A home by "no." and its number wherever it stands ("the repairs history for no. 27", "Mr Mulla (no. 39)", "Saracen
# Way no.11"): with its full stop, "no." before a number is a house's in this genre, unless a word before it says what
# else is numbered ("Visit no. 3", "Visits (no. 3)", "Recommendation no. 3", "accident book entry (no. 47)") or a count
# follows ("no. 41 of 63").
# Over the development sets, 22 homes so written were missed and 3 other numbers would be taken.
_NUMBERED_HOME = re.compile(
    r"(?<![\w'\-])(?:[Nn]o|NO)\.[ ]?[0-9]{1,3}[A-Za-z]?(?![\w/\-]|[.:,][0-9]|[ ][0-9]|[ ]of[ ][0-9])"
)
_LAST_WORD = re.compile(r"([A-Za-z]+)\W{0,3}$")
_NUMBERED_THINGS = word_set(
    "case visit ep episode item review appendix exhibit section page version option list move bed ward room cot bay "
    "form question point action rule para paragraph step level stage type grade class year week day session call "
    "referral incident report risk child children sibling siblings order ref reference plan line attempt entry "
    "nhs hospital hosp crime job ticket policy recommendation finding issue priority note appointment pager custody"
)
# A what3words location ("///tables.mended.curve", "what3words: index.home.raft") and a boat someone lives on,
# by its name in quotes ('a narrowboat, "Dragonfly"', 'NB "Dragonfly"').
_WHAT3WORDS = re.compile(
    r"(?:///|(?:what3words|w3w):?[ ]{1,2}(?:///)?)(?P<w>[a-z]{2,20}\.[a-z]{2,20}\.[a-z]{2,20})(?![\w]|\.[a-z])"
    # or read out in a call, quoted: 'Asked caller to read what3words: caller said "marble tiger folds"'
    r"|(?:what3words|w3w)[^\n\"]{0,40}\"(?P<said>[a-z]{2,20}[ ][a-z]{2,20}[ ][a-z]{2,20})\""
)
_BOAT_NAME = re.compile(r'"(?P<n>[A-Z][^"\n]{1,30})"')
_BOAT_BEFORE = re.compile(
    r"\b(?:narrowboat|narrow[ ]boat|nb|boat|barge|cruiser|houseboat)(?:,)?(?:[ ]called)?[ ]$"
)
# "PO Box 417, Thornmouth": a box number is where someone's post goes (the town is joined after it).
_PO_BOX = re.compile(r"(?=[P])\b(?:PO|P\.O\.|Po)[ ]?Box[ ]{1,2}[0-9]{1,6}\b")
# "The Laurels, Moss Lane", "The Old Forge, 2 Mill Road": a house called "The ..." before a street ("The"
# stays, as in every name).
_HOUSE_THE = re.compile(
    rf"(?=T)\b(?:The|THE)[ ]{{1,2}}(?P<name>{_CAP}(?:[ ]{{1,2}}{_CAP})?),[ ]{{1,2}}"
    rf"(?:[0-9]{{1,4}}[A-Za-z]?[ ]{{1,2}})?(?:{_CAP}[ ]{{1,2}}){{1,3}}(?:{_STREET_TYPES_TRIE})\b"
)
# Leading words a capitalised-words pattern may swallow at the start of a sentence.
LEADING_NOISE = frozenset(
    [
        "the",
        "a",
        "an",
        "at",
        "to",
        "from",
        "in",
        "on",
        "by",
        "with",
        "both",
        "and",
        "or",
        "when",
        "while",
        "after",
        "before",
        "during",
        "attended",
        "attending",
        "contacted",
        "informed",
        "visited",
        "joined",
        "left",
        "moved",
        "staff",
        "teachers",
        "pupils",
        "of",
        "near",
        "via",
        "outside",
        "behind",
        "opposite",
        "towards",
        "lives",
        "lived",
        "living",
        "stays",
        "stayed",
        "staying",
        "address",
        "home",
        "flat",
        "house",
        "police",
        "officers",
    ]
)
# Qualifiers that make "X House" or "X Court" a kind of place rather than a named one.
_GENERIC_PLACE = frozenset(
    [
        "the",
        "family",
        "crown",
        "magistrates",
        "county",
        "high",
        "youth",
        "supreme",
        "appeal",
        "town",
        "city",
        "police",
        "court",
        "care",
        "children's",
        "childrens",
        "foster",
        "safe",
        "halfway",
        "open",
        "big",
        "white",
        "opera",
        "public",
        "station",
        "guest",
        "boarding",
        "dolls",
        "doll's",
        "tree",
        "green",
        "council",
        "mother",
        "baby",
    ]
)


_GENERIC_STREET = word_set(
    "safe meeting first second third right wrong best other same no one any this that next last market "
    "north south east west upper lower central main high old new village magistrates coroner's coroners "
    "county crown youth family appeal supreme tribunal theme car play soft skate water science business "
    "retail industrial trading leisure holiday caravan national city country"
)


def _trim_leading(text: str, start: int, end: int) -> int:
    """Skip sentence glue a capitalised-words pattern swallowed at its front ("At Moor Lane")."""
    for word in re.finditer(r"\S+", text[start:end]):
        folded = fold(word.group(0))
        # "Headteacher Finchale Road Primary School": a job before a place is not part of it.
        if folded not in LEADING_NOISE and folded not in _JOB_BEFORE_PLACE:
            return start + word.start()
    return end


_NUMBERED_ROW = re.compile(
    r"[1-9](?<![\w/.,£$€:\-].)[0-9]{0,2}[A-Za-z]?[ ](?:[A-Z][a-z]{2,20}|[A-Z]{3,20})[ ]"
    r"(?:Cottages|Houses|Villas|COTTAGES|HOUSES|VILLAS)(?![\w'\-])"
)


def _addresses(text: str, lower: str, *, digits: bool = True) -> list[Span]:
    spans: list[Span] = []
    # Most patterns here need a street or house type word, the flats' a flat word: one fast scan for each
    # says whether any is there.
    typed = has_word(_PLACE_TYPE_WORD, text)
    flats = (digits or "Flat " in text or "FLAT " in text) and has_word(_FLAT_WORD, text)
    for match in _ADDRESS_NUMBERED.finditer(text) if digits and typed else ():
        before = text[max(0, match.start() - 2) : match.start()]
        if before[-1:] == ":" or (before[-1:] == "." and before[:1].isdigit()):
            continue  # "09:10 GP Dr Siddiqui", "09.10": the minutes of a time, not a house number ("No.12" is)
        if _YEAR_THEN_COMMA.match(match.group(0)):
            continue  # "12 October 2022, Kelsworth Family Court": a date's year, then a place
        if match.group(0)[0].isdigit() and _SCHOOL_YEAR_BEFORE.search(
            text, max(0, match.start() - 6), match.start()
        ):
            continue  # "Head of Year 8, Nene Gate": a school year, then the school
        spans.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
    for match in _ADDRESS_NAMED.finditer(text) if typed else ():
        start = _trim_leading(text, match.start(), match.end())
        words = text[start : match.end()].split()
        if len(words) < 2:
            continue
        spans.append(Span(start, match.end(), EntityKind.ADDRESS, norm(text[start : match.end()])))
    for match in _HOUSE.finditer(text) if typed else ():
        start = _trim_leading(text, match.start(), match.start("type"))
        words = [fold(w) for w in text[start : match.start("type")].split()]
        if (
            not words
            and match.group("street") is not None
            and fold(text[match.start() : start]).strip() == "the"
        ):
            start = match.start(
                "type"
            )  # "The Granary, Hollins Lane": a house called "The <type>" on a street
        elif not words or all(w in _GENERIC_PLACE for w in words):
            continue
        if match.group("street") is None and fold(match.group("type")) not in _HOUSE_ALONE:
            continue
        spans.append(Span(start, match.end(), EntityKind.ADDRESS, norm(text[start : match.end()])))
    for match in _ADDRESS_NAMED_CHECKED.finditer(text) if typed else ():
        start = _trim_leading(text, match.start(), match.end())
        words = [fold(w).rstrip("'") for w in text[start : match.end()].split()]
        if len(words) < 2 or all(w in _GENERIC_PLACE or w in _GENERIC_STREET for w in words[:-1]):
            continue
        spans.append(Span(start, match.end(), EntityKind.ADDRESS, norm(text[start : match.end()])))
    for match in _FLAT_BUILDING.finditer(text) if flats else ():
        # "Flat 21, Harbour Lights": after a flat number, a building may be named with ordinary words.
        end = _place_words_end(text, match.start("words"), match.end("words"), ordinary_ok=True)
        if end is not None:
            spans.append(Span(match.start(), end, EntityKind.ADDRESS, norm(text[match.start() : end])))
    for match in _cued(text, lower, _ADDRESS_CUE_WORDS, _ADDRESS_CUED) if digits else ():
        end = _place_words_end(text, match.start("a"), match.end("a"))
        if end is not None:
            spans.append(Span(match.start("a"), end, EntityKind.ADDRESS, norm(text[match.start("a") : end])))
    for match in _HOUSE_THE.finditer(text) if typed else ():
        words = [fold(w) for w in match.group("name").split()]
        if any(w in ROLE_WORDS or w in FUNCTION_WORDS or w in INSTITUTION_WORDS for w in words):
            continue  # "the Police, Church Lane"
        start = match.start("name")
        spans.append(Span(start, match.end(), EntityKind.ADDRESS, norm(text[start : match.end()])))
    for match in _FLAT_ONLY.finditer(text) if flats else ():
        spans.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
    for match in _NUMBERED_ROW.finditer(text) if digits and typed else ():
        # "1 Council Cottages", "2 STATION COTTAGES", "4 Police Houses": a house in a row named for whom it was
        # built, whatever the word (a council's or a railway's word alone names a body elsewhere).
        spans.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
    for match in (
        _WHAT3WORDS.finditer(lower) if "///" in text or "what3words" in lower or "w3w" in lower else ()
    ):
        # "///tables.mended.curve": a what3words location, three metres square.
        group = "w" if match.group("w") else "said"
        spans.append(Span(match.start(group), match.end(group), EntityKind.ADDRESS, match.group(group)))
    for match in _BOAT_NAME.finditer(text) if '"' in text else ():
        if _BOAT_BEFORE.search(lower, max(0, match.start() - 24), match.start()):
            spans.append(Span(match.start("n"), match.end("n"), EntityKind.ADDRESS, norm(match.group("n"))))
    for match in _PO_BOX.finditer(text) if digits and "Box" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
    for match in _ESTATE.finditer(text) if " estate" in text else ():
        start = _trim_leading(text, match.start(), match.end())
        words = [fold(w) for w in text[start : match.end()].split()[:-1]]
        if (
            words
            and not all(w in _GENERIC_PLACE or w in common_words() for w in words)
            and not any(w in CAR_MAKES or w in CAR_MODELS for w in words)
        ):  # "a Skoda Octavia estate" is a car
            spans.append(Span(start, match.end(), EntityKind.ADDRESS, norm(text[start : match.end()])))
    # A number alone is not joined to the words after it ("FROM NO 44, MALE SHOUTING"); a pitch or plot is, to
    # the site's street found after it ("trailer, pitch 6, Sculthorpe Road site").
    alone: list[Span] = []
    for match in _cued(text, lower, _HOUSE_NUMBER_CUE, _HOUSE_NUMBER_ALONE) if digits else ():
        start = match.start("no") if match.group("no") is not None else match.start()
        found = Span(start, match.end(), EntityKind.ADDRESS, norm(text[start : match.end()]))
        (spans if match.group("plot") else alone).append(found)
    units: set[str] = set()
    for match in (
        matches_near(_ROOM_SHORT, text, ("room", "rm", "unit"), lower=lower)
        if ("room" in lower or "rm " in lower or "unit" in lower) and _LODGING.search(lower)
        else ()
    ):
        if not joined_before(text, match.start()):
            alone.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
            if match.group("unit"):
                units.add(match.group("n"))
    if units:
        # the unit then by its letter in the hostel's own log ("U12 shouting at resident")
        alone += [
            Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group(0)))
            for m in re.finditer(r"(?<![\w/\-])U[ ]?(?:" + "|".join(sorted(units)) + r")(?![\w/\-])", text)
        ]
    for match in matches_near(_HOMES_LISTED, text, _HOMES_LISTED_WORDS, lower=lower) if digits else ():
        # "plots 3 and 4", "pitches 1, 3 and 6": each number is one home
        for number in _LISTED_HOME.finditer(text, match.start("list"), match.end("list")):
            alone.append(Span(number.start(), number.end(), EntityKind.ADDRESS, norm(number.group(0))))
    bays: dict[int, int] = {}  # where a bay's number starts: where its word does
    for match in _SITE_BAY.finditer(text) if "bay" in lower and _SITE_TEXT.search(lower) else ():
        if not _NOT_A_SITE_BAY.search(text, max(0, match.start() - 12), match.start()):
            alone.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
            bays[text.index(" ", match.start()) + 1] = match.start()
    for match in _HOUSE_NUMBER_BRACKETED.finditer(text) if "(no" in lower or ", no" in lower else ():
        if is_vocabulary(match.group("name")):
            continue
        alone.append(Span(match.start("no"), match.end("no"), EntityKind.ADDRESS, norm(match.group("no"))))
    for match in matches_near(_NUMBERED_HOME, text, ("no.",), lower=lower) if "no." in lower else ():
        word = _LAST_WORD.search(text, max(0, match.start() - 24), match.start())
        if word is None or not (
            fold(word.group(1)) in _NUMBERED_THINGS or fold(word.group(1))[:-1] in _NUMBERED_THINGS
        ):
            alone.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
    joined = _joined_addresses(text, spans, digits=digits)
    if bays:
        # "bay 5, Chiltern View Transit Site": the site's address after the bay's number starts with its word
        joined = [
            Span(bays[span.start], span.end, span.kind, norm(text[bays[span.start] : span.end]))
            if span.start in bays
            else span
            for span in joined
        ]
    return joined + alone


# Parts of one address written apart: "Flat 11, Calder Court, Brunswick Street", then the town after it
# (", Marsden Vale") and a house name before it ("Brambles, Cragg Road"), one to three capitalised words.
# A town: one or two capitalised words, then no further word (a postcode may follow).
_TOWN = (
    r"(?P<town>[A-Z][a-z'\-]{2,30}(?:[ ][A-Z][a-z'\-]{2,30})?)"
    r"(?![\w'&\-]|[ ]{1,2}(?![A-Z]{1,2}[0-9])[A-Z0-9])"
)
_TOWN_AFTER = re.compile(rf",[ ]{{1,2}}{_TOWN}")
_HOUSE_BEFORE = re.compile(
    r"(?:^|(?<=[\n(:;|])[ ]{0,2}|(?<=[.,] )|(?i:\b(?:at|to|from|of|address|in)[ ]{1,2}))(?P<house>[A-Z][a-z'\-]{2,30}(?:[ ][A-Z][a-z'\-]{1,30}){0,2}),[ ]{1,2}$"
)
_STREET_FIRST = re.compile(rf"(?!(?:{_HOME_UNITS}|PO|P\.O\.)\b)[A-Za-z]")
_NUMBER_AND_NAME = re.compile(
    rf"[0-9](?<![\w/.,-].)[0-9]{{0,3}}[a-z]?[ ]{{1,2}}(?P<name>[A-Z][a-z'\-]{{3,30}}),[ ]{{1,2}}{_TOWN}"
)
_ADDRESS_GAP = re.compile(r",?[ ]{1,2}")
_COMMA_CAPITAL = re.compile(r",[ ]{1,2}[A-Z]")  # without one, no "number, name, town" is looked for


def _place_word(word: str) -> bool:
    """A capitalised word that may be part of a town or house name: not a role, sentence glue, service,
    month or weekday ("3 Moor Lane, Mother said", "2 Hill Road, Police attended")."""
    folded = fold(word)
    return not (
        folded in ROLE_WORDS
        or folded in FUNCTION_WORDS
        or folded in INSTITUTION_WORDS
        or folded in LEADING_NOISE
        or folded in WEEKDAY_WORDS
        or folded in MONTH_WORDS
        or folded.endswith("'s")
    )


def _town_word(word: str) -> bool:
    """A town's word is not a listed first name or surname ("23 Hawthorn Drive, Louise" names who lives there);
    a town named by an ordinary word or a month is one here ("23 Gaul Drove, March")."""
    if fold(word) in ordinary_word_towns():
        return True  # "Heol y Castell, Hope": a town, though Hope is a name too
    return _place_word(word) and classify(word) not in {"FIRST", "AMBIG", "SURNAME", "CAPS_NAME"}


def _joined_addresses(text: str, spans: list[Span], *, digits: bool = True) -> list[Span]:
    ordered = sorted(spans, key=lambda s: (s.start, -s.end))
    groups: list[list[int]] = []
    for span in ordered:
        if groups:
            last = groups[-1]
            gap = text[last[1] : span.start]
            if span.start <= last[1] or _ADDRESS_GAP.fullmatch(gap):
                last[1] = max(last[1], span.end)
                continue
        groups.append([span.start, span.end])
    joined: list[Span] = []
    for start, end in groups:
        # Not before a flat ("Mrs K van der Merwe, Flat 12 ..." names the addressee).
        head = (
            _HOUSE_BEFORE.search(text, max(0, start - 70), start)
            if _STREET_FIRST.match(text, start)
            else None
        )
        if head and all(_place_word(w) and classify(w) != "FIRST" for w in head.group("house").split()):
            start = head.start("house")
        # "Flat 9, Harbour View, Quayside, Ashcombe": a street named without a type word, a district and
        # the town each follow after a comma, so up to three place parts are taken.
        for _ in range(3):
            town = _TOWN_AFTER.match(text, end)
            if not (town and all(_town_word(w) for w in town.group("town").split())):
                break
            end = town.end()
        joined.append(Span(start, end, EntityKind.ADDRESS, norm(text[start:end])))
    for match in _NUMBER_AND_NAME.finditer(text) if digits and _COMMA_CAPITAL.search(text) else ():
        # "5 Tenterfields, Elland": a number, one uncommon capitalised word, and a town.
        if fold(match.group("name")) not in common_words() and all(
            _place_word(match.group("name")) and _town_word(w) for w in match.group("town").split()
        ):
            joined.append(Span(match.start(), match.end(), EntityKind.ADDRESS, norm(match.group(0))))
    return spans + joined


def _place_words_end(text: str, start: int, end: int, *, ordinary_ok: bool = False) -> int | None:
    """End of the capitalised place words in text[start:end], stopping before a role, function or
    institution word ("Flat 3, Mother said" has none)."""
    last = None
    before = ""
    for word in re.finditer(r"[0-9]{1,4}[A-Za-z]?|[A-Z][A-Za-z'\-]*", text[start:end]):
        folded = fold(word.group(0))
        if (
            word.group(0)[0].isalpha()
            and folded != "the"
            and folded not in _PLACE_TYPES
            and f"{before} {folded}" not in _PLACE_TYPES  # "Lincoln Road Enterprise Centre"
            and (folded in ROLE_WORDS or folded in FUNCTION_WORDS or folded in INSTITUTION_WORDS)
        ):
            break
        last = start + word.end()
        before = folded
    if (
        last is None
        or not any(c.isalpha() for c in text[start:last])
        or fold(text[start:last]).endswith(" the")
    ):
        return None
    final = fold(text[start:last].split()[-1])
    if final in WEEKDAY_WORDS or final in MONTH_WORDS:
        return None
    if final in common_words() and final not in _PLACE_TYPES and not ordinary_ok:
        return None  # "moved to 3 Weeks later": an ordinary word, not a street
    return last


_PLACE_TYPES = frozenset(
    fold(word) for word in (STREET_TYPES + "|" + _NAMED_STREET_TYPES_CHECKED + "|" + HOUSE_TYPES).split("|")
)


# ----------------------------------------------------------------------------- named schools and places

# Groups, pubs and shops whose own name is ordinary words ("Fen Families Together", "Little Lights Bereavement
# Group", "Fox and Hounds Inn", "FEATHERS PH", "Lily Nails & Beauty"): any word that is not a meeting's or a
# service's generic word makes one of these heads a name.
_OWN_NAME_HEADS = re.compile(
    r"(?=[A-Z])\b(?:Circle|Samaj|Fellowship|Mission|Association|Sisters|Together|Collective|Baby[ ]Bank|"
    r"Cash[ ]&[ ]Carry|Nails[ ]&[ ](?:Beauty|Spa)|Nails|Kebab[ ]House|Kebab[ ]Shop|Chip[ ]Shop|Pizzeria|Cafe|Café|Car[ ]Wash|Inn|Arms|Tavern|PH|INN|ARMS|TAVERN|Barbers|"
    # a firm is its own name, whatever the words ("Northern Rooms Ltd", "Iron Works Gym", "CHEQUERS CHIPPY")
    r"Ltd|Limited|LTD|Gym|GYM|Chippy|CHIPPY|Recruitment|Ministries|Fostering|Forum|Salon|Kebabs|"
    # firms named for their trade ("Castle Eden Foods", "Hearth & Home Lettings", "Fen Harvest Staffing")
    r"Foods|Lettings|Lets|Properties|Staffing|Logistics|Removals|Scaffolding|Groundworks|Haulage|Couriers|"
    # a sexual assault referral centre is named for what it offers ("The Haven SARC", "Amethyst SARC")
    r"SARC|"
    # lodgings a family is placed in ("Station Lodge B&B", "Beeches Guest House", "Seaview Hotel")
    r"Guest[ ]House|Guesthouse|B&B|Hotel|Motel|"
    # a voluntary group's or a firm's own name ("Noor Women's Network", "Fen Travellers' Voice", "Chiltern
    # Language Partners"), where it ends the name ("Clear Voice Interpreting" is one longer)
    r"(?:Network|Voice|Partners)(?![ ][A-Z])|"
    r"Group)\b(?![ ](?:Practice|Meeting|Supervision|Session|Work)|[\-/])"
)
_SUFFIXES: list[tuple[EntityKind, re.Pattern[str]]] = [
    (
        EntityKind.SCHOOL,
        re.compile(
            # "Furnace Hill Infant and Nursery School": two stages joined, before the one "School"
            r"(?=[A-Z])\b(?:(?:Infants?|Juniors?|Primary)[ ](?:and|&)[ ](?:Nursery|Infants?|Juniors?)[ ]School|"
            # "Ocker Hill Infant & Junior": two stages joined, with no "School"
            r"Infants?[ ](?:and|&)[ ]Juniors?|"
            r"(?:Primary|Infant|Infants|Junior|Nursery|Secondary|High|Grammar|Community|Special|Free|Prep|"
            r"Preparatory)[ ]School|School|Academy|College|Sixth Form|Pupil Referral Unit|PRU|Day Nursery|"
            r"Nursery|Pre-School|Pre-school|Preschool|Daycare|Day Care|Primary|Infants|Juniors|Grammar|UTC|"
            # Wales's early-years setting named with its own words ("Little Acorns Flying Start")
            r"Flying Start|"
            # a mosque's school for children, named by its place or its own words ("Noor-ul-Islam Evening Madrasah")
            r"Madrasah?|Madrassah?|Madressa|Dugsi|"
            r"J[ ]?I[ ]?&[ ]?N|J[ ]?&[ ]?I|Junior(?![ ]{1,2}[A-Z0-9])|(?:High|Middle)(?![ ]{1,2}[A-Z0-9]))\b"
        ),
    ),
    (
        EntityKind.GP_PRACTICE,
        re.compile(
            r"(?=[A-Z])\b(?:Surgery|Medical Centre|Medical Practice|Health Centre|Medical Group|Group Practice|"
            r"Family Practice|Practice)\b(?![ ]Review)"
        ),
    ),
    (
        EntityKind.ORG,
        re.compile(
            r"(?=[A-Z])\b(?:Hospitals|Hospital|Hosp|Infirmary|Children's Centre|Childrens Centre|Family Hub|Family Centre|Hub|"
            r"Women's Aid|Womens Aid|Project|Foundation|"
            r"Centre|Clinic|Parent (?:&|and) Child Unit|Mother (?:&|and) Baby Unit|Unit|Service|NHS Foundation Trust|NHS Trust|NHS FT|Trust|Hospice|Refuge|Children's Home|"
            r"Childrens Home|Care Home|Hostel|Foyer|"
            # places of worship named with their place or saint ("Saxby Methodist Church", "Jamia Masjid"), and a
            # Tamil or a Buddhist temple by its own word ("Sri Vinayagar Aalayam", "Murugan Kovil", "Amaravati Vihara")
            r"Church|Chapel|Mosque|Masjid|Gurdwara|Mandir|Temple|Synagogue|Aalayam|Kovil|Koil|Vihara)\b"
        ),
    ),
    (
        # A council, service or firm named after its place or founders ("Hollinbrook Children's Services",
        # "Akroyd & Shaw Solicitors", "Calder Law"): a proper word must come before the head noun.
        EntityKind.ORG,
        re.compile(
            r"(?=[A-Z0-9])\b(?:Children's Services|Childrens Services|Children's Social Care|"
            r"Metropolitan Borough Council|Borough Council|City Council|County Council|District Council|"
            r"Council|Town Hall|Civic Centre|Young Carers|Safeguarding Children Partnership|"
            r"Safeguarding Partnership|Housing Association|Housing Trust|Homes|Solicitors|Law|LLP|Associates|"
            # A provider named with its place or its own words ("Coastline Community Healthcare", "Weald Urgent Care",
            # "Coastal Family Placements"). Not "Outreach": a job is named with it ("Neonatal Outreach Sister").
            r"Healthcare|HealthCare|Urgent Care|Placements|Community Health|Sexual Health|"
            # A drug and alcohol, talking therapy, supported housing or section 136 service named with its own
            # words ("Pier Recovery", "Isle of Wight Talking Therapies", "Keystone Supported Living", "Oakwood
            # Place of Safety").
            r"Recovery(?![ ][a-z])|RECOVERY|Talking Therapies|Supported Living|Place of Safety|"
            # A firm of lawyers or dentists, or an advocacy service, named with its founder or place ("Okonkwo
            # Legal", "Rosemary Street Dental", "Harrow Road Advocacy"; in capitals, "AKINTOLA LAW"); not a job
            # ("Council Legal Representative").
            r"Legal(?![ ][A-Z])|Advocacy|Dental Care|Dental Practice|Dental|LAW|SOLICITORS|LEGAL|"
            r"Appropriate Adult Service|0-19 Service|0-19 Team|Youth Justice Service|Youth Offending Team|YJS|YOT|YOS|Club|"
            # A public service or a firm named with its place ("Castlegarth Police", "Orrington CAMHS",
            # "Kelderby Recovery Partnership", "Ravensholme Community Housing", "Kelderby Funeral Care").
            r"Police|Constabulary|MASH|CAMHS|Partnership|Housing|Funeral Care|Funeral Directors|Funeral Service|"
            # Meetings, probation units, a council's locality teams and services named with their area ("Furness
            # MARAC", "Barrow PDU", "Great Yarmouth Locality", "Wight FNP", "Wenmoor Perinatal MH", "Kelderby
            # Safeguarding"), and firms with a partner ("Ahmed & Co").
            r"MARAC|PDU|FNP|(?<!North[ ])(?<!South[ ])(?<!East[ ])(?<!West[ ])(?<!Central[ ])Locality|Custody Suite|Perinatal MH|Perinatal Mental Health|Safeguarding(?![ ][A-Z])|Co(?![\w\-])|(?<=&[ ])CO(?:[ ]SOLICITORS)?(?![\w\-])|"
            # A firm named with its place or owner ("Kelderby Cabs", "Orrington Roofing & Guttering Ltd"), a
            # groundworker's too ("Doherty Paving", "Brannigan Driveways").
            r"Cabs|Cars|Taxis|Motors|Roofing|Builders|Scaffolding|Surfacing|Paving|Driveways|Landscaping|Groundworks|Takeaway|Foodbank|Food Bank|Pantry|Restaurant|"
            r"Foster Care|Mentoring|Interpreting Co-op|Care & Repair|Care and Repair|"
            # a tutor's or a cook's trade name ("Carver Maths Tuition", "Kurdish Kitchen")
            r"Tuition|Tutoring|Kitchen|"
            # a farm or a food firm that employs and houses workers ("Marsh Gate Farms", "Fenland Quality Meats")
            r"Farms|Foods|Meats|Salads|Produce|Growers|Packers|"
            # Teams, firms and clubs named with their place ("Harwick Central Safeguarding Team", "Harwick
            # Private Hire", "VoiceBridge Interpreting", "Ellerby Town Juniors FC").
            r"School Nursing Team|School Nursing Service|Team|Interpreting|Interpreters|Translation Services|"
            r"Private Hire|Hire|Vehicle Rentals|Rentals|Housing Solutions|Solutions|"
            # A service or a firm named with its place or own word, where the name ends ("Wolds Bereavement
            # Support", "Humber Estuary Marine Services", "Wensum Doctors", "Riverbank Care at Home"); not a job or a
            # plan ("Kelderby Family Support Worker"), nor a job before a name, found or already a placeholder.
            r"Support(?![ ]?[\w(\x00])|Services(?![ ]?[\w(\x00])|Doctors(?![ ]?[\w(\x00])|Care[ ]at[ ]Home|"
            r"Town Juniors FC|Juniors FC|Juniors AFC|JFC|AFC|FC|ABC|RFC|RUFC|ARLFC|"
            # a Welsh health board named for its area ("Cardiff and Vale University Health Board", "C&V UHB")
            r"University Health Board|Health Board|UHB|"
            # The same heads in capitals, as a letter or court order heads them ("SALTMERE BOROUGH COUNCIL").
            r"METROPOLITAN BOROUGH COUNCIL|BOROUGH COUNCIL|CITY COUNCIL|COUNTY COUNCIL|DISTRICT COUNCIL|COUNCIL|"
            r"POLICE|CONSTABULARY|CHILDREN'S SERVICES|CHILDRENS SERVICES|CHILDREN'S SOCIAL CARE|"
            # A council's children's services run as a trust ("Sandwell Children's Trust").
            r"CHILDREN'S TRUST|Children's Trust|Childrens Trust|"
            # A children's hospital, unit or front door, or a coroner's office, named by its place in a log's capitals
            # ("PUFFIN CHILDREN'S UNIT", "DUNSMERE CHILDREN'S FRONT DOOR", "HAMPSHORE CORONER'S OFFICE").
            r"CHILDREN'S HOSPITAL|CHILDREN'S UNIT|CHILDREN'S FRONT DOOR|CORONER'S OFFICE|CORONER'S COURT)\b"
        ),
    ),
    (EntityKind.ORG, _OWN_NAME_HEADS),
]
# Words that name a kind of group, not one group: "Core Group", "Peer Support Group", "Parents Together".
_GROUP_GENERIC = word_set(
    "core strategy working steering peer support parent parents parenting reference task focus action planning "
    "review advisory professional professionals practitioners stay play toddler toddlers mothers fathers dads "
    "mums women men young people girls boys lads homework breakfast nurture transition friendship social "
    "discussion reflective supervision case consultation multi-agency multiagency our this that their his her "
    "your my its all whole same other age ethnic minority faith religious tenants residents neighbourhood "
    "better stronger safer premier "
    # a partnership's own governance: "Executive Group", "Neglect Strategy Group", "Safer Sleep Task and Finish
    # Group", "Learning and Improvement Group", "Prevent Delivery Group"
    "executive delivery neglect learning improvement task finish prevent sleep operational quality assurance "
    "performance scrutiny oversight governance board panel subgroup sub-group implementation development "
    "commissioning leadership management senior strategic tactical partners partners' exploitation missing "
    "contextual harm serious violence domestic abuse county lines cse cce harmful behaviour behaviours "
    "practice education health policy procedures training workforce data audit liaison coordination "
    "co-ordination engagement participation voice independent private local agency agencies authority "
    "authorities council"
)
# A word of a place's name: capitalised, no digits, and no full stop except in "St." ("D448812. Hospital"
# crosses a sentence end).
_NAME_WORD = re.compile(
    r"[A-ZÀ-ÖØ-Þ][^\W\d]*(?:['&\-][^\W\d]+)*'?|St\.|of|the|and|&|de|upon|on|C\.[ ]?of[ ]?E\.?|C\.E\.|C\.P\.|R\.C\.|\((?:VA|VC|CE|RC)\)"
)
_CONNECTORS = frozenset({"of", "the", "and", "de", "upon", "on", "&"})
_PLACE_AFTER = re.compile(r"[ ]([A-Z][a-z]{2,30})(?=[ ]?[,.;:)(\n|]|$)")
# Suffixes so general ("X Centre", "X Service", "X Unit") that the words before them must include one
# that is not a generic service word: "Blackburn Birth Centre" is a place, "the Job Centre" is not.
# The words of national trusts, which identify nobody ("the Lullaby Trust", "the National Trust").
_NATIONAL_TRUST_WORDS = word_set("lullaby national prince's princes wellcome")


def _compass_place(words: list[str]) -> bool:
    """ "North Vale", "West Moor": a compass point before a capitalised word names an area, though each is a word."""
    bare = [_bare(w) for w in words if _bare(w) not in _CONNECTORS]
    return (
        len(bare) >= 2
        and bare[0] in _DIRECTIONS
        and words[0][:1].isupper()
        and all(w[:1].isupper() for w in words)
        and not any(w in _GENERIC_SERVICE or w in _DIRECTIONS or w in _AREA_WORDS for w in bare[1:])
    )


_AREA_WORDS = word_set(
    "area areas division district region locality zone patch sector team"
)  # "North Area Police"


_GENERAL_SUFFIXES = frozenset(
    {
        "Advocacy",  # "Harrow Road Advocacy", not "Independent Advocacy"
        "Support",  # "Wolds Bereavement Support", not "Early Help Family Support"
        "Services",
        "Doctors",
        "Care at Home",
        "Trust",  # "Weald Travellers' Trust" has a place in it; "the Trust", "a Housing Trust" do not
        "Children's Services",
        "Childrens Services",
        "Children's Social Care",
        "Children's Trust",
        "Childrens Trust",
        "Metropolitan Borough Council",
        "Borough Council",
        "City Council",
        "County Council",
        "District Council",
        "Council",
        "Town Hall",
        "Civic Centre",
        "Young Carers",
        "Safeguarding Children Partnership",
        "Safeguarding Partnership",
        "Housing Association",
        "Housing Trust",
        "Homes",
        "Solicitors",
        "Law",
        "LLP",
        "Appropriate Adult Service",
        "0-19 Service",
        "0-19 Team",
        "Youth Justice Service",
        "Youth Offending Team",
        "YJS",
        "YOT",
        "YOS",
        "Club",
        "Centre",
        "Clinic",
        "Unit",
        "Service",
        "NHS Trust",
        "NHS Foundation Trust",
        "NHS FT",
        "Hostel",
        "Foyer",
        "Church",
        "Chapel",
        "Mosque",
        "Masjid",
        "Gurdwara",
        "Mandir",
        "Aalayam",
        "Kovil",
        "Koil",
        "Vihara",
        "Temple",
        "Synagogue",
        "Hub",
        "Project",
        "Foundation",
        "Women's Aid",
        "Womens Aid",
        "Police",
        "Constabulary",
        "MASH",
        "CAMHS",
        "MARAC",
        "PDU",
        "Custody Suite",
        "Perinatal MH",
        "Perinatal Mental Health",
        "Safeguarding",
        "Co",
        "Partnership",
        "Housing",
        "Funeral Care",
        "Funeral Directors",
        "Funeral Service",
        "Cabs",
        "Taxis",
        "Motors",
        "Roofing",
        "Builders",
        "Scaffolding",
        "Surfacing",
        "Paving",
        "Driveways",
        "Landscaping",
        "Groundworks",
        "Takeaway",
        "Foodbank",
        "Food Bank",
        "School Nursing Team",
        "School Nursing Service",
        "Team",
        "Interpreting",
        "Interpreters",
        "Translation Services",
        "Private Hire",
        "Hire",
        "Vehicle Rentals",
        "Rentals",
        "Housing Solutions",
        "Solutions",
        "Town Juniors FC",
        "Juniors FC",
        "Juniors AFC",
        "JFC",
        "AFC",
        "FC",
        "ABC",
    }
)
# The capitals heads: the name before them is in capitals too, and must not be an acronym or a service word.
_CAPS_SUFFIXES = frozenset(
    {"METROPOLITAN BOROUGH COUNCIL", "BOROUGH COUNCIL", "CITY COUNCIL", "COUNTY COUNCIL", "DISTRICT COUNCIL"}
    | {
        "LAW",  # "AKINTOLA LAW", not "THE FAMILY LAW ACT"
        "SOLICITORS",
        "CO",  # "HADWIN & CO": a firm, after the ampersand only
        "CO SOLICITORS",
        "LEGAL",
        "COUNCIL",
        "POLICE",
        "CONSTABULARY",
        "CHILDREN'S SERVICES",
        "CHILDRENS SERVICES",
        "CHILDREN'S SOCIAL CARE",
    }
    | {"CHILDREN'S TRUST", "CHILDREN'S HOSPITAL", "CHILDREN'S UNIT", "CHILDREN'S FRONT DOOR"}
    | {"CORONER'S OFFICE", "CORONER'S COURT"}
)
_CAPS_FIRMS = frozenset({"CO", "CO SOLICITORS", "SOLICITORS", "LAW", "LEGAL"})
_DIRECTIONS = COMPASS_WORDS | word_set("greater upper lower")
_GENERIC_SERVICE = word_set(
    "job contact leisure sports sport community youth assessment resource resources family families day call "
    "referral referrals sexual assault child children's childrens children development training education "
    "learning health medical dental walk-in urgent treatment detention custody visitor visitors shopping town "
    "city garden birth baby babies mother mothers special care intensive neonatal maternity paediatric "
    "paediatrics mental adult adults adolescent adolescents outpatient outpatients inpatient inpatients "
    "emergency accident a&e trauma burns fracture eye dental sleep pain drug drugs alcohol substance misuse "
    "recovery rehabilitation probation ambulance fire rescue police justice visiting early help 0-19 school "
    "schools nursing midwifery perinatal infant feeding immunisation vaccination screening sexual genitourinary "
    "gum contraception fertility abortion termination safeguarding social services service council local "
    "national regional county north south east west central greater the a new old main general acute "
    "specialist district integrated primary secondary tertiary multi agency partnership support advice "
    "information employment benefits housing homeless homelessness asylum immigration detention secure "
    "crisis liaison diversion home treatment domestic abuse violence victims victim witness witnesses "
    "women's womens men's mens carers carer parenting parent parents hearing speech language therapy "
    "therapies occupational physiotherapy physio respite residential contact supervised outreach hours out "
    "together edge healthcare birthing wellbeing inclusion attendance welfare pastoral behaviour admissions "
    "virtual fostering adoption leaving leavers transition disability disabilities send sen autism "
    "neurodevelopmental psychology counselling bereavement advocacy independent rapid response access duty "
    "front door intake first team hub gateway pathway single point liaison day night weekend evening crown "
    "prosecution disclosure barring harmful behaviour behaviours major trauma business pupil return interview "
    "university teaching general district community royal prevent channel breakfast lunch lunchtime homework "
    "after-school afterschool holiday gym chess drama book film running walking swimming football transport"
)
_PLACE_SUFFIX_WORDS = frozenset(
    [
        "School",
        "Academy",
        "College",
        "Nursery",
        "Primary",
        "Infants",
        "Juniors",
        "Surgery",
        "Practice",
        "Hospital",
        "Hospitals",
        "Infirmary",
        "Centre",
        "Hub",
        "Clinic",
        "Unit",
        "Service",
        "Trust",
        # the heads of groups, pubs and shops named with ordinary words: "Fen Families Together and the Little
        # Lights Bereavement Group" are two groups
        "Together",
        "Group",
        "Circle",
        "Association",
        "Fellowship",
        "Mission",
        "Sisters",
        "Collective",
        "Inn",
        "Arms",
        "Tavern",
        "Beauty",
        "Carry",
        "Barbers",
    ]
)
# Qualifiers that make "X School", "X Surgery", "X Hospital" a kind of place rather than a named one.
GENERIC_QUALIFIERS = frozenset(
    [
        "virtual",
        "university",
        "universities",
        "special",
        "local",
        "mainstream",
        "secondary",
        "primary",
        "high",
        "junior",
        "infant",
        "infants",
        "nursery",
        "forest",
        "sunday",
        "boarding",
        "independent",
        "residential",
        "free",
        "faith",
        "catholic",
        "church",
        "england",
        "c",
        "of",
        "e",
        "ce",
        "rc",
        "sixth",
        "form",
        "further",
        "education",
        "royal",
        "general",
        "gp",
        "good",
        "best",
        "day",
        "dental",
        "keyhole",
        "clinical",
        "social",
        "work",
        "safeguarding",
        "child",
        "children's",
        "childrens",
        "professional",
        "reflective",
        "poor",
        "current",
        "previous",
        "new",
        "old",
        "former",
        "practice",
        "medical",
        "health",
        "community",
        "district",
        "acute",
        "teaching",
        "maternity",
        "psychiatric",
        "mental",
        "specialist",
        "the",
        "a",
        "police",
        "football",
        "sports",
        "city",
        "county",
        "national",
        "family",
        "hub",
        "centre",
        "centres",
        "multi",
        "agency",
        "partnership",
        "a&e",
        "walk-in",
        "walk",
        "in",
        "urgent",
        "care",
        "his",
        "her",
        "their",
        "your",
        "our",
        "my",
        "its",
        "this",
        "that",
        "same",
        "another",
        "other",
        "private",
        "state",
        "secure",
        "alternative",
    ]
)


# What may follow a school's suffix as part of its name: a direction or site ("Sirius Academy West",
# "Kingsway Academy North Campus") and a second part joined by "&" or "and" ("Thirsk School & Sixth Form
# College", "Oakbank School and Nursery").
_SCHOOL_TAIL = re.compile(
    r"(?:[ ](?:School|Academy)\b)?"  # "Sunnybank Primary Academy"
    r"(?:[ ]of[ ](?:Further|Higher)[ ]Education\b|[ ]of[ ](?:Arts?|Technology|Science)\b)?"
    r"(?:[ ](?:North|South|East|West|Central|Upper|Lower)(?![A-Za-z0-9'\-]|[ ](?:of|[A-Z])))?"
    r"(?:[ ](?:Campus|Site|Annexe|Site)\b)?"
    r"(?:[ ](?:&|and)[ ](?:(?:Sixth Form|Community|Specialist|Performing Arts|Language|Sports)[ ])?"
    r"(?:Sixth Form(?:[ ](?:College|Centre))?|Nursery|Pre-School|Pre-school|Preschool|Infants?|Juniors?|"
    r"Primary|College|Children's Centre|Childrens Centre)\b(?:[ ]School\b)?)?"
)


def _school_end(text: str, end: int) -> int:
    tail = _SCHOOL_TAIL.match(text, end)
    return tail.end() if tail else end


def _bare(word: str) -> str:
    folded = fold(word)
    return folded[:-2] if folded.endswith("'s") else folded


# Schools named by a head word that comes first ("Dar ul-Uloom Hollinbrook", "Madrasah Al-Noor").
_SCHOOL_FIRST = re.compile(
    r"(?=[DJM])\b(?:Dar[ -]?ul[ -]?Uloom|Darul[ -]Uloom|Jamia|Jamiah|Madrasah?|Madressa)[ ]{1,2}"
    rf"{_CAP}(?:[ ]{{1,2}}{_CAP})?"
)


# The capitalised words each suffix pattern holds: a fast scan for any of them first, then for each
# pattern's own, says which patterns can match at all ("J I & N" is looked for where there is a "&").
_SUFFIX_WORDS = [
    set(re.findall(r"[A-Z][A-Za-z&]+", pattern.pattern)) for _, pattern in _SUFFIXES
]  # "B&B" too
_ANY_SUFFIX_WORD = re.compile(trie(set().union(*_SUFFIX_WORDS)))
_EACH_SUFFIX_WORD = [re.compile(trie(words)) for words in _SUFFIX_WORDS]


# A saint's church, school or hospital in a log's capitals, named alone or with its kind ("ST WERBURGH'S", "ST
# CATHERINE'S CHILDREN'S HOSPITAL"), as "St Saviour's" is in title case.
_CAPS_SAINT = re.compile(
    r"S(?<![\w']S)T\.?[ ][A-Z]{3,}'S(?![\w'])"
    r"(?:[ ](?:CHILDREN'S[ ])?(?:HOSPITAL|CHURCH|SCHOOL|PRIMARY|ACADEMY|COLLEGE|HOSPICE|WARD)\b)?"
)


# A saint's school or church as a message writes it, in lower case ("at st brigids", "my connor had him at st wystans");
# not a street's "st" before a word ("brook st on monday").
_LOWER_SAINT = re.compile(r"s(?<![\w']s)t\.?[ ](?P<n>[a-z]{3,}(?:'s)?)(?![\w'])")
# A school as a message writes it, in lower case ("she goes eyebridge high", "u at norbridge academy 2moro",
# "compton road primary academy"): its head, and one or two words before it, one of them no English word.
_LOWER_SCHOOL_HEAD = re.compile(
    r"(?<=[a-z][ ])(?:academy|grammar|college|primary|juniors|infants|high)(?:[ ](?:academy|school))?(?![\w'\-])"
)
# The words a match starts with: with its look-behind first, re would try the pattern at every character.
_LOWER_SCHOOL_HEADS = ("academy", "grammar", "college", "primary", "juniors", "infants", "high")
_LOWER_SCHOOL_NAME = re.compile(r"(?<![\w'\-@./#])[a-z][a-z'\-]{2,20}(?:[ ][a-z][a-z'\-]{2,20})?[ ]$")
# A serving parent's unit, by its number and its regiment ("2nd Battalion, The Wessex Rifles", "4th Bn Mercian
# Rifles") or its number and its kind ("11 Signal Regiment", "16 Air Assault Brigade", "45 Commando", "2 Squadron"),
# and a ship ("HMS Dauntless"): a few hundred people at one base, so it says where the family lives. The number
# is what makes it one unit; "the regiment" or "a squadron" alone is no one's.
_MILITARY_UNIT = re.compile(
    r"(?<![\w\-])(?:(?:[1-9][0-9]?(?:st|nd|rd|th)|First|Second|Third|Fourth)[ ](?:Battalion|Bn)"
    r"(?:,?[ ](?:the|The))?(?:[ ][A-Z][a-z]+){0,3}"
    r"|[1-9][0-9]{0,2}(?:st|nd|rd|th)?(?:[ ][A-Z][a-z]+){0,3}[ ](?:Regiment|Regt|Squadron|Sqn|Brigade|Bde|"
    r"Commando|Battery|Field[ ]Hospital)(?![\w\-])"
    r"|(?:HMS|RFA|HMNB)[ ][A-Z][a-z]+(?:[ ][A-Z][a-z]+)?)"
)
_MILITARY_WORDS = ("Battalion", "Bn", "Regiment", "Regt", "Squadron", "Sqn", "Brigade", "Bde", "Commando",
                   "Battery", "Field Hospital", "HMS", "RFA", "HMNB")  # fmt: skip


def _a_word_in_a_message(word: str) -> bool:
    return word in FUNCTION_WORDS or is_vocabulary(word) or word in chat_words()


def _saints_and_units(text: str) -> list[Span]:
    """Saints' places in a log's capitals or a message's lower case, and military units: read once over the whole text,
    not again in each line `caps_places` reads as title case."""
    spans: list[Span] = []
    for match in _CAPS_SAINT.finditer(text) if "ST" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.ORG, norm(match.group(0))))
    for match in _LOWER_SAINT.finditer(text) if "st " in text else ():
        name = match.group("n").removesuffix("'s")
        if fold(name) not in common_words() and fold(name) not in FUNCTION_WORDS:
            spans.append(Span(match.start(), match.end(), EntityKind.ORG, norm(match.group(0))))
    for head in matches_near(_LOWER_SCHOOL_HEAD, text, _LOWER_SCHOOL_HEADS):
        name = _LOWER_SCHOOL_NAME.search(text, max(0, head.start() - 44), head.start())
        if name is None:
            continue
        words = name.group(0).split()
        while len(words) > 1 and _a_word_in_a_message(words[0]):
            words = words[1:]  # "at norbridge academy", "goes eyebridge high"; but "compton road primary"
        if not words or any(fold(w) in FUNCTION_WORDS or fold(w) in ROLE_WORDS for w in words):
            continue
        if all(_a_word_in_a_message(w) for w in words):
            continue  # "very high", "sixth form college", "ive got college"
        start = head.start() - 1 - len(" ".join(words))
        spans.append(Span(start, head.end(), EntityKind.SCHOOL, norm(text[start : head.end()])))
    for match in _MILITARY_UNIT.finditer(text) if any(word in text for word in _MILITARY_WORDS) else ():
        spans.append(Span(match.start(), match.end(), EntityKind.ORG, norm(match.group(0))))
    return spans


def _suffixes_present(text: str) -> list[tuple[EntityKind, re.Pattern[str]]]:
    if _ANY_SUFFIX_WORD.search(text) is None and "&" not in text:
        return []
    return [
        (kind, pattern)
        for (kind, pattern), words in zip(_SUFFIXES, _EACH_SUFFIX_WORD, strict=True)
        if words.search(text) is not None or (kind is EntityKind.SCHOOL and "&" in text)
    ]


def _sentence_word(word: str) -> bool:
    """A word in capitals that belongs to the log's sentence, not to a name: "FROM", "REQUESTED", "RHI"."""
    bare = fold(_bare(word))
    if bare in _CONNECTORS:
        return False  # "AVON AND SOMERSET", "ISLE OF WIGHT"
    return (
        bare in FUNCTION_WORDS
        or bare in ACRONYMS
        or (bare in common_words() and bare not in _DIRECTIONS)
        or (len(bare) < 4 and bare not in _CONNECTORS)
    )


_LOG_WORDS = word_set("seen left saw went made says states stated outside near opposite behind into via")


def _log_word(word: str) -> bool:
    bare = fold(_bare(word))
    return (
        bare in FUNCTION_WORDS
        or bare in ACRONYMS
        or bare in _LOG_WORDS
        or (len(bare) > 4 and bare.endswith(("ed", "ing")))
    )


# Jobs written straight before their workplace's name, never part of it.
_JOB_BEFORE_PLACE = word_set(
    "headteacher headmaster headmistress manager director principal deputy senco dsl"
)


def _named_places(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _SCHOOL_FIRST.finditer(text):
        spans.append(Span(match.start(), match.end(), EntityKind.SCHOOL, norm(match.group(0))))
    # A fast scan for the suffixes' words first: without one, a pattern need not try every capital.
    for kind, pattern in _suffixes_present(text):
        for match in pattern.finditer(text):
            # Walk back over at most six capitalised words (or connectors) joined by one or two spaces.
            words: list[tuple[int, str]] = []
            cursor = match.start()
            while len(words) < 6:
                gap_start = cursor
                while gap_start > 0 and cursor - gap_start < 2 and text[gap_start - 1] == " ":
                    gap_start -= 1
                if gap_start == cursor or gap_start == 0:
                    break
                word_start = gap_start
                while word_start > 0 and gap_start - word_start < 32 and not text[word_start - 1].isspace():
                    word_start -= 1
                word = text[word_start:gap_start]
                opened = (
                    word[:1] in '("[' and len(word) > 1 and not _NAME_WORD.fullmatch(word)
                )  # "(Hollinbrook Appropriate Adult Service)"
                if opened:
                    word_start, word = word_start + 1, word[1:]
                if not _NAME_WORD.fullmatch(word) or word in _PLACE_SUFFIX_WORDS:
                    break  # "St Helens Hospital and Queen's Hospital" are two places
                if word.istitle() and fold(word) in _JOB_BEFORE_PLACE:
                    break  # "Headteacher Finchale Road Primary School": her job, then the school
                words.append((word_start, word))
                cursor = word_start
                if opened:
                    break
            own_name = pattern is _OWN_NAME_HEADS
            if match.group(0) in _CAPS_SUFFIXES:
                # A log in capitals runs the sentence into the name ("REQUEST FROM SANDWELL CHILDREN'S
                # TRUST"): the name is the proper words next to the head, not the verbs before them.
                words = words[: next((n for n, (_, w) in enumerate(words) if _sentence_word(w)), len(words))]
                if match.group(0) in _CAPS_FIRMS:
                    # "SOLICITOR MR H. BAYRAK OF BAYRAK & CO": a firm is named for people, never "of" a place.
                    words = words[: next((n for n, (_, w) in enumerate(words) if w == "OF"), len(words))]
            elif own_name and match.group(0).isupper():
                # A pub or a shop is named with ordinary words ("GOLDEN FRY CHIPPY"): the log's sentence ends
                # at its little words and verbs ("SEEN OUTSIDE", "REQUESTED FROM").
                words = words[: next((n for n, (_, w) in enumerate(words) if _log_word(w)), len(words))]
            if own_name:
                # "Fox and Hounds Inn" is one pub; "the Buddha Vihara and Yeti Mothers' Group" two places.
                joined = next((n for n, (_, w) in enumerate(words) if w in ("and", "&")), len(words))
                words = words[:joined] if joined >= 2 else words
                # "Complete the Contextual Safeguarding Network's tool": the sentence runs up to its "the"
                words = words[: next((n for n, (_, w) in enumerate(words) if w == "the"), len(words))]
            while words and (fold(words[-1][1]) in LEADING_NOISE or words[-1][1] in _CONNECTORS):
                words.pop()
            if not words:
                continue
            bare = [_bare(w) for _, w in reversed(words)]
            if bare[-1] in _CONNECTORS and not (bare[-1] == "&" and match.group(0).startswith(("Co", "CO"))):
                continue  # "Police and Crime Commissioner"; but a firm is "Ahmed & Co"
            content = [w for w in bare if w not in _CONNECTORS]
            if all(w in GENERIC_QUALIFIERS for w in content):
                continue
            if own_name:
                if all(
                    w.rstrip("'") in _GROUP_GENERIC
                    or w.rstrip("'") in _GENERIC_SERVICE
                    or w in ROLE_WORDS
                    or w in FUNCTION_WORDS
                    or w in NATIONALITIES
                    or w in GENERIC_QUALIFIERS
                    for w in content
                ):
                    continue  # "the Core Group", "Parents Together", "Polish Association"
                if match.group(0) == "Partners" and content[-1] == "safeguarding":
                    continue  # "the Delegated Safeguarding Partners": the statute's, not a firm's name
            elif match.group(0) in _CAPS_SUFFIXES:
                if not all(
                    w.isupper() and len(w) >= 4 and _bare(w) not in ACRONYMS
                    for _, w in words
                    if _bare(w) not in _CONNECTORS
                ) or all(w in common_words() or w in _GENERIC_SERVICE or w in _DIRECTIONS for w in content):
                    continue  # "KELDERBY CITY COUNCIL", not "THE COUNCIL" or "MASH POLICE"
            elif (
                match.group(0) in _GENERAL_SUFFIXES
                and not any(
                    not word.isupper()
                    and _bare(word) not in common_words()
                    and _bare(word) not in _GENERIC_SERVICE
                    and _bare(word) not in NATIONALITIES  # "British Transport Police"
                    and (match.group(0) != "Trust" or _bare(word) not in _NATIONAL_TRUST_WORDS)
                    for _, word in words
                    if _bare(word) not in _CONNECTORS
                )
                and not _compass_place([w for _, w in reversed(words)])
            ):
                continue  # "X Centre", "X Service": a named one has a proper name in it ("Blackburn Birth Centre")
            if match.group(0) == "Junior" and all(
                _bare(w) in common_words()
                or _bare(w) in GENERIC_QUALIFIERS
                or classify(w) in {"FIRST", "AMBIG"}
                for _, w in words
            ):
                continue  # "Sammy Junior": a nickname, not a school
            if match.group(0) in ("High", "Middle") and all(
                w in common_words() or w in GENERIC_QUALIFIERS for w in content
            ):
                continue  # "Very High", "Medium High": a rating, not a school; "Bellinghope Middle" is one
            if match.group(0) == "Practice" and all(
                w in common_words() or w in GENERIC_QUALIFIERS for w in content
            ):
                continue
            if match.group(0) == "Law" and text[max(0, match.start() - 3) : match.start()] == "'s ":
                continue  # "Sarah's Law", "Clare's Law": a national disclosure scheme, not a firm
            start = words[-1][0]
            of = text.find(" of ", start, match.start())
            before_of = text[start:of].split() if of != -1 else []
            if before_of and (
                classify(before_of[0]) in {"FIRST", "AMBIG"}
                or (len(before_of) == 2 and not any(is_vocabulary(w) for w in before_of))
            ):
                # "Sharon Ayres of the Weald Travellers' Trust": someone, then where she works.
                start = of + 4 + (4 if text.startswith("the ", of + 4) else 0)
            end = match.end()
            if kind is EntityKind.SCHOOL:
                end = _school_end(text, end)
            elif kind is EntityKind.ORG:
                # "Calderbrook Hospitals NHS Foundation Trust", "Thornmouth Women's Refuge Trust"
                trust = TRUST_TAIL.match(text, end)
                end = trust.end() if trust else end
            # "Loreto High School Chorlton": a place name after the suffix belongs to the school's name.
            after = _PLACE_AFTER.match(text, end)
            if after and classify(after.group(1)) in {"UNKNOWN", "SURNAME"}:
                end = after.end()
                trust = TRUST_TAIL.match(text, end) if kind is EntityKind.ORG else None
                end = trust.end() if trust else end  # "University Hospitals Plymouth NHS Trust"
            spans.append(Span(start, end, kind, norm(text[start:end])))
    return spans


def _caps_addresses(titled: str) -> list[Span]:
    return _addresses(titled, titled.lower())


def _official(text: str, *, digits: bool = True) -> list[Span]:
    spans: list[Span] = []
    for match in matches_near(_EMAIL, text, ("@",), reach=64) if "@" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.EMAIL, match.group(0).casefold()))
    for match in _EMAIL_SPELT.finditer(text) if " dot " in text or "[dot]" in text or "(dot)" in text else ():
        local = fold(match.group(0).split(" ", 1)[0])
        if local not in common_words() and local not in FUNCTION_WORDS:  # "looked at home dot com"
            spans.append(Span(match.start(), match.end(), EntityKind.EMAIL, norm(match.group(0))))
    if not digits:
        return spans  # NHS, NI numbers and postcodes all have digits
    for match in _NHS.finditer(text):
        key = match.group(0).replace(" ", "").replace("-", "").replace(".", "")
        spans.append(Span(match.start(), match.end(), EntityKind.NHS_NUMBER, key))
    for match in _NHS_REGROUPED.finditer(text):
        key = match.group(0).replace(" ", "").replace("-", "").replace(".", "")
        if nhs_check_digit_holds(key):
            spans.append(Span(match.start(), match.end(), EntityKind.NHS_NUMBER, key))
    for match in _NI.finditer(text):
        spans.append(Span(match.start(), match.end(), EntityKind.NI_NUMBER, "".join(match.group(0).split())))
    for match in _TEMPORARY_NI.finditer(text) if "TN" in text else ():
        spans.append(Span(match.start(), match.end(), EntityKind.NI_NUMBER, "".join(match.group(0).split())))
    for match in _NI_LOWER_DIGITS.finditer(text) if _ANY_LOWER.search(text) else ():
        letters = _NI_LOWER_LETTERS.search(text, max(0, match.start() - 4), match.start())
        if letters is not None:
            value = text[letters.start() : match.end()]
            spans.append(
                Span(letters.start(), match.end(), EntityKind.NI_NUMBER, "".join(value.split()).upper())
            )
    for match in _POSTCODE.finditer(text):
        key = "".join(match.group(0).split()).upper()
        spans.append(Span(match.start(), match.end(), EntityKind.POSTCODE, key))
    for match in _POSTCODE_DISTRICTS.finditer(text) if "postcode" in text else ():
        for district in re.finditer(_DISTRICT, match.group(0)):
            start = match.start() + district.start()
            spans.append(Span(start, start + len(district.group(0)), EntityKind.POSTCODE, district.group(0)))
    for match in matches_near(_DISTRICT_AS_PLACE, text, _DISTRICT_CUES):
        if match.group("d") not in _NOT_DISTRICTS:
            spans.append(Span(match.start("d"), match.end("d"), EntityKind.POSTCODE, match.group("d")))
    return spans


def _outside(spans: list[Span], others: list[Span]) -> list[Span]:
    """`spans` that overlap none of `others` ("0161-496-0742/0161 496 0743" holds phones, not a reference).
    `others` are sorted by start; where two of them overlap, an overlap may be missed (and selection decides)."""
    starts = [o.start for o in others]  # phones are found left to right and never overlap
    kept: list[Span] = []
    for span in spans:
        k = bisect.bisect_left(starts, span.end)
        if k and others[k - 1].end > span.start:
            continue
        kept.append(span)
    return kept


_ANY_DIGIT = re.compile(r"[0-9]")


# A numbered street in a message's lower case: "meet me at 31 ashby rd", "42 church st".
_LOWER_STREET = re.compile(
    r"[0-9](?<![\w/.\-].)[0-9]{0,3}[a-z]?[ ](?P<w>[a-z]{3,20}(?:[ ][a-z]{3,20})?)[ ](?:road|rd|street|st|lane|ln|"
    r"avenue|ave|close|cl|drive|dr|crescent|cres|grove|gardens|gdns|terrace|tce|way|court|ct|walk|place|pl|row|"
    r"rise|square|sq)(?![\w'\-])"
)
# And without a number, where a message says where someone is: "on market st", "meet at the garages on hufling
# lane", "pick u up from moffat rd". Only types no other phrase ends in ("family court", "a public place",
# "the shared drive" are not streets).
_LOWER_STREET_AFTER = re.compile(
    r"(?P<w>[a-z](?<![\w'\-].)[a-z]{1,19}(?:[ ][a-z]{3,20}){1,2})[ ]"
    r"(?P<type>road|rd|street|st|lane|ln|avenue|ave|close|cl|crescent|cres|grove|terrace|tce|walk|square|sq)"
    r"(?![\w'\-])"
)
_WHERE_SOMEONE_IS = word_set("on at off along near down up in from via to by")
_NOT_A_STREETS_NAME = word_set("main big back same next other old new little top bottom long short")


def _lowercase_streets(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), EntityKind.ADDRESS, norm(m.group(0)))
        for m in _LOWER_STREET.finditer(text)
        if not any(
            word in FUNCTION_WORDS for word in m.group("w").split()
        )  # "3 of the way", "2 in the street"
    ]


def _lowercase_named_streets(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _LOWER_STREET_AFTER.finditer(text):
        # The name is the one or two words after the last word that says where ("up from moffat rd").
        words = m.group("w").split()
        at = max((k for k, word in enumerate(words[:-1]) if word in _WHERE_SOMEONE_IS), default=-1)
        name = words[at + 1 :]
        if (
            at < 0
            or len(name) > 2
            or any(w in FUNCTION_WORDS for w in name)
            or name[0] in _NOT_A_STREETS_NAME
        ):
            continue  # "on the road", "down our street", "on the main road"
        start = m.end("w") - len(" ".join(name))
        spans.append(Span(start, m.end(), EntityKind.ADDRESS, norm(text[start : m.end()])))
    return spans


_PARTIAL_WORDS = ("ending", "start", "began", "begin", "begun")
# A table's column of references or homes: its header says so ("| Ref | Date raised |"), so every value under it
# is one, whatever its shape ("ADP-2207").
_REF_HEADERS = frozenset(
    {
        "ref",
        "ref.",
        "refs",
        "reference",
        "ref no",
        "ref no.",
        "reference number",
        "case no",
        "case no.",
        "case number",
        "crime ref",
        "crime no",
        "crime number",
        "incident no",
        "incident number",
        "log no",
        "log",
        "urn",
        "record id",
        "job no",
        "job number",
        "ticket",
    }
)
_REF_VALUE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/\-.]{1,24}")
# ... and a column of homes by their number alone ("| Pitch |" then "| 7 |", "| 7 (own trailer) |", "| B12 |").
_HOME_HEADERS = frozenset(
    {
        "pitch",
        "pitch no",
        "pitch no.",
        "plot",
        "caravan",
        "flat",
        "flat no",
        "flat no.",
        "house no",
        "house no.",
        "house number",
        "address",
        "home address",
        "current address",
        "mooring",
        "berth",
        "chalet",
        "static",
    }
)
# Under "Room" only a hotel's three digits count, as "room 214" does: writers disagree whether a hostel's "| 3 |"
# says where someone lives (set 50's writer left such a column, set 84's marked it).
_ROOM_HEADERS = frozenset({"room", "room no", "room no.", "rm", "unit", "unit no", "unit no."})
_HOMES_OR_ROOMS = _HOME_HEADERS | _ROOM_HEADERS
_HOME_NUMBER = re.compile(r"[A-Z]?[0-9]{1,4}[A-Za-z]?(?=[ ]*(?:\(|$))")
# ... and a column of dates of birth: a year alone there is the year someone was born ("| c. 1957 |"), not a year
# in running text.
_BIRTH_HEADERS = frozenset(
    {"dob", "d.o.b", "d.o.b.", "date of birth", "born", "year of birth", "yob", "dob / age"}
)
_BIRTH_YEAR = re.compile(r"(?:(?:c\.|circa|approx\.?|b\.)[ ]?)?(?P<y>(?:19|20)[0-9]{2})(?=[ ]*(?:\(|$))")


def _headed_columns(text: str) -> list[Span]:
    spans: list[Span] = []
    columns: dict[int, EntityKind] = {}
    rooms: set[int] = set()  # the home column, where it holds rooms
    offset = 0
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        if line.count("|") < 2:
            columns = {}
            continue
        cells: list[tuple[int, str]] = []
        cursor = line_start
        for cell in line.rstrip("\r\n").split("|"):
            cells.append((cursor, cell))
            cursor += len(cell) + 1
        heads = [fold(cell.strip(" *_:")) for _, cell in cells]
        if any(head in _REF_HEADERS or head in _HOMES_OR_ROOMS or head in _BIRTH_HEADERS for head in heads):
            references = [k for k, head in enumerate(heads) if head in _REF_HEADERS][:1]
            homes = [k for k, head in enumerate(heads) if head in _HOMES_OR_ROOMS][:1]
            rooms = {k for k in homes if heads[k] in _ROOM_HEADERS}
            births = [k for k, head in enumerate(heads) if head in _BIRTH_HEADERS][:1]
            columns = (
                {k: EntityKind.REFERENCE for k in references}
                | {k: EntityKind.ADDRESS for k in homes}
                | {k: EntityKind.DATE for k in births}
            )
            continue
        for column, kind in columns.items():
            if column >= len(cells):
                continue
            start, cell = cells[column]
            begin = start + len(cell) - len(cell.lstrip())
            if kind is EntityKind.ADDRESS:
                home = _HOME_NUMBER.match(cell.strip())
                if home is not None and (column not in rooms or sum(c.isdigit() for c in home.group(0)) >= 3):
                    spans.append(Span(begin, begin + home.end(), kind, home.group(0)))
                continue
            if kind is EntityKind.DATE:
                year = _BIRTH_YEAR.match(cell.strip())
                if year is not None:
                    spans.append(Span(begin + year.start("y"), begin + year.end("y"), kind, year["y"]))
                continue
            value = _REF_VALUE.fullmatch(cell.strip())
            if (
                value is not None
                and _ANY_DIGIT.search(value.group(0))
                and not _looks_like_date(value.group(0))
            ):
                spans.append(Span(begin, begin + len(value.group(0)), kind, value.group(0).upper()))
    return spans


# The name someone trades under, whatever its words: "Gary Church, trading as Church Lettings", "t/a Fen Cabs".
# The cue is found in the lower-case copy; the name, capitalised words (with "&" or "and"), in the text.
_TRADING_AS = re.compile(r"(?:trading[ ]as|t/a)[ ]{1,2}")
_TRADING_NAME = re.compile(r"[A-Z][\w'\-]*(?:[ ](?:&[ ]|and[ ])?[A-Z][\w'\-]*){0,4}")


# A group or venue named by its own capitalised words and its kind in lower case: "the Wings youth project",
# "Trinity foodbank", "Phoenix boxing club", "St Godric's church".
_LOWER_HEADED = re.compile(
    r"(?P<n>[A-Z][\w'\-]*(?:[ ][A-Z][\w'\-]*){0,2})[ ](?:youth[ ](?:project|club|centre|group)|foodbank|"
    r"food[ ]bank|boxing[ ]club|football[ ]club|toddler[ ]group|drop-in|church|mosque|chapel|gurdwara)\b"
)
_LOWER_HEAD_WORDS = (
    "youth ",
    "foodbank",
    "food bank",
    "club",
    "toddler",
    "drop-in",
    "church",
    "mosque",
    "chapel",
    "gurdwara",
)


def _lower_headed_places(text: str, lower: str) -> list[Span]:
    if not any(word in lower for word in _LOWER_HEAD_WORDS):
        return []
    spans: list[Span] = []
    for match in _LOWER_HEADED.finditer(text):
        words = match.group("n").split()
        while words and fold(words[0]) in LEADING_NOISE:
            words = words[1:]
        folded = [fold(w).removesuffix("'s") for w in words]
        if not words or any(
            w in ROLE_WORDS
            or w in FUNCTION_WORDS
            or w in INSTITUTION_WORDS
            or w in NATIONALITIES
            or w in MONTH_WORDS
            or w in WEEKDAY_WORDS
            for w in folded
        ):
            continue
        start = match.end("n") - len(" ".join(words))
        if all(is_vocabulary(w) for w in words) and is_sentence_start(text, start):
            continue  # "Church youth club" opening a sentence
        spans.append(Span(start, match.end(), EntityKind.ORG, norm(text[start : match.end()])))
    return spans


def _trading_names(text: str, lower: str) -> list[Span]:
    if "trading as" not in lower and "t/a " not in lower:
        return []
    spans: list[Span] = []
    for cue in _TRADING_AS.finditer(lower):
        name = _TRADING_NAME.match(text, cue.end())
        if name is not None:
            spans.append(Span(name.start(), name.end(), EntityKind.ORG, norm(name.group(0))))
    return spans


# A person's job written as letters, which no service's name holds inside it: a place found across one
# ("Anita Sandhu SW MASH", "Zofia Kaminska DSL Netherby Bridge Academy", "HV and Hatherden Primary") starts after it.
_JOB_LETTERS = ROLE_ABBREVIATIONS | word_set("SW DSL HV SENCO SENDCO PCSO PC DC DS DI IRO")
_WORD = re.compile(r"[^\s,;]+")
_TEAM_AFTER = re.compile(r"[ ](?:Team|Service|Hub|Unit|Office|Clinic|Duty)\b")
_JOINERS = re.compile(r"(?:[ ,]|and[ ]|&[ ])*")


def after_job_letters(text: str, spans: list[Span]) -> list[Span]:
    """Places found across a person's job in letters, from after it."""
    # Only places are read: a long text finds a hundred thousand names, which are passed on as they are.
    places = [s for s in spans if s.kind in PLACE_KINDS]
    changed: dict[int, Span | None] = {}
    for span in places:
        if text.find(" ", span.start, span.end) == -1:
            continue
        start = span.start
        for word in _WORD.finditer(text, span.start, span.end):
            # "Launceston HV Team": the job's letters naming the team it is
            if (
                word.end() < span.end
                and word.group(0) in _JOB_LETTERS
                and not _TEAM_AFTER.match(text, word.end())
            ):
                joiners = _JOINERS.match(text, word.end())
                start = joiners.end() if joiners is not None else word.end()
        if span.start < start < span.end:
            rest = text[start : span.end]
            # "Lorraine Pattinson RN SCPHN": letters after a job's, no place at all
            changed[id(span)] = (
                None if " " not in rest and rest.isupper() else Span(start, span.end, span.kind, norm(rest))
            )
    if not changed:
        return spans
    out = [changed.get(id(span), span) for span in spans]
    return [span for span in out if span is not None]


def structured_spans(text: str) -> list[Span]:
    """Every structured identifier in `text` (the matching copy), overlapping candidates included."""
    lower = same_length_lower(text)
    # Phones, plates, references, dates and numbered addresses all have a digit: text without one (a long
    # list of names, say) skips all their patterns after this one fast scan.
    digits = _ANY_DIGIT.search(text) is not None
    official = _official(text, digits=digits)
    found = official + _handles(text, lower) + _addresses(text, lower, digits=digits) + _named_places(text)
    found += _saints_and_units(text) + _vessels(text)
    found += headed_places(text) + care_of(text) + caps_places(text, [_caps_addresses, _named_places])
    found += regional_services(text) + linked_towns(text) + several_word_places(text) + lowercase_places(text)
    found += pubs(text) + place_teams(text) + area_services(text) + area_letters(text)
    found += partnership_initials(text) + council_initials(text)
    welsh = welsh_places(text)
    # "Tŷ Capel, Heol y Castell, Hope": a Welsh house, street and town are one address, as English ones are.
    welsh_addresses = [s for s in welsh if s.kind is EntityKind.ADDRESS]
    if welsh_addresses:
        found += _joined_addresses(text, welsh_addresses, digits=digits)
    found += [s for s in welsh if s.kind is not EntityKind.ADDRESS]
    found += _trading_names(text, lower) + _lower_headed_places(text, lower) + _lowercase_named_streets(text)
    if "Partners" in text:
        found += [
            Span(m.start(), m.end(), EntityKind.GP_PRACTICE, norm(m.group(0)))
            for m in matches_near(
                _PARTNERS, text, ("Partners",), reach=72
            )  # after two words of 31 and "and"s
        ]
    if not digits:
        # A plate's letters alone ("registration ending WDL") are the only plate without a digit.
        partial = any(word in lower for word in _PARTIAL_WORDS)
        found = after_job_letters(text, found)
        return found + _vehicles(text, lower) if partial else found
    found += _lowercase_streets(text) + _collar_names(text)
    if "|" in text:
        found += _headed_columns(text)
    phones = _phones(text)
    # A reference inside a phone or NHS number is that number ("943476 5919" is not reference 943476).
    numbers = sorted(phones + [s for s in official if s.kind is EntityKind.NHS_NUMBER], key=lambda s: s.start)
    vehicles = _vehicles(text, lower)
    return (
        _after_plates(text, after_job_letters(text, found), vehicles)
        + phones
        + vehicles
        + _outside(_references(text, lower) + _codes(text), numbers)
        + _dates(text, lower)
        + welsh_dates(text, lower)
        + other_calendar_dates(text)
    )


# Capitals, then four digits or more, run together or joined by a hyphen, standing alone ("NC-7781", "SP4471K",
# "P82011", "LNG2291B"): a reference, a batch, a practice's code or a call sign, with or without a cue before it. No
# word is written so: in 38 development sets by about thirty writers, each of the 713 tokens of this shape was an
# identifier, and no other text the project holds has one. Four digits that are a year are a year ("EHCP-2024").
_CODE = re.compile(r"[A-Z](?<![\w@#/.\-].)[A-Z]{0,3}-?[0-9]{4,}[A-Z]?(?![\w/\-])")


def _codes(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), EntityKind.REFERENCE, m.group(0).upper())
        for m in _CODE.finditer(text)
        # "EHCP-2024", "COVID2019": a year after a word
        if not (_A_YEAR.fullmatch(m.group(0)[-4:]) and not m.group(0)[-5:-4].isdigit())
    ]


def _after_plates(text: str, found: list[Span], plates: list[Span]) -> list[Span]:
    """A place read in a log's capitals that starts with a plate's last letters starts after the plate
    ("VAN CX15 HMV SEEN IN MANOR LANE": the street is "MANOR LANE", not "HMV SEEN IN MANOR LANE")."""
    if not plates:
        return found
    ends = {start: plate.end for plate in plates for start in range(plate.start + 1, plate.end)}
    kept: list[Span] = []
    for span in found:
        end = ends.get(span.start)
        if end is not None and span.end > end and span.kind in (EntityKind.ADDRESS, EntityKind.ORG):
            start = end + len(text[end : span.end]) - len(text[end : span.end].lstrip())
            span = Span(start, span.end, span.kind, norm(text[start : span.end]))
        kept.append(span)
    return kept


# ---------------------------------------------------------------------------- later mentions of places

_DISPLAY_NAME = re.compile(r"[A-Z][\w'\-]*(?:[ ][\w'\-]+)+")
PLACE_KINDS = (EntityKind.SCHOOL, EntityKind.ORG, EntityKind.GP_PRACTICE)
# A capitalised word, or a trade name's two run together ("SplashStart Swim School Ltd").
_CAP_WORD = re.compile(r"[A-Z][a-z]{3,30}(?![\w'\-])|[A-Z][a-z]{2,20}[A-Z][a-z]{2,20}(?![\w'\-])")
# What a club's or a group's name ends with after its own word ("Flyers Basketball Club", "Colts JFC").
_CLUB_KIND = word_set(
    "club clubs fc jfc afc rfc rufc cc abc bc hc sc cic ltd limited association basketball football netball "
    "rugby cricket hockey swimming swim boxing gymnastics athletics dance cheer cheerleading judo karate taekwondo "
    "league team squad academy group"
)


def _own_word_after_place(words: list[str], towns: set[str]) -> str | None:
    """ "Flyers" of "Foleshill Flyers Basketball Club", "Colts" of "Brierley Hill Colts JFC": a club's or a group's
    own word, after its place and before what kind of club it is, that the text may use alone for it. Only a word
    no list reads as ordinary (or a plural one, as teams are named) and that says nothing of a service."""
    while words and (fold(words[-1]) in _CLUB_KIND or fold(words[-1]) in _KIND_WORDS):
        words = words[:-1]
    if len(words) < 2 or len(words) > 4:
        return None
    core, place = words[-1], words[:-1]
    if not all(w[:1].isupper() and _place_word(w) for w in place):
        return None
    if not (
        fold(place[0]) in towns or fold(" ".join(place)) in place_names() or fold(place[0]) in place_names()
    ):
        return None
    folded = fold(core)
    if (
        not _CAP_WORD.fullmatch(core)
        or not _place_word(core)
        or folded in common_words()
        or folded in GENERIC_QUALIFIERS
        or folded in _GENERIC_SERVICE
        or folded in _DIRECTIONS
        or folded in NATIONALITIES
        or folded in _CLUB_KIND
        or folded in _KIND_WORDS
        or (is_vocabulary(core) and not (folded.endswith("s") and is_vocabulary(core[:-1])))
    ):
        return None
    return core


# Words before a place's first word that make it the town it is named after.
_AS_TOWN_BEFORE = re.compile(r"(?<![\w'\-])(?:in|near|towards|around|outside|across)[ ]$")
_FROM_BEFORE = re.compile(r"(?<![\w'\-])from[ ]$")
_TO_AFTER = re.compile(r"(?:[ ][A-Z][a-z]+)?[ ]to[ ]")


_BRACKETED_INITIALS = re.compile(r"[ ]?\(([A-Z][A-Z&]{2,6})\)")
_HOUSE_NAMED = re.compile(r"(?P<name>[A-Z][\w'\-]+(?:[ ][A-Z][\w'\-]+){0,2})[ ](?:" + HOUSE_TYPES + r")$")


def _house_name(text: str, span: Span) -> str | None:
    """The name of a farm or house found as an address, without its kind, when a word of it is no English word
    ("Cefn Hir" of "Cefn Hir Farm"; not "Acorn" of "Acorn House")."""
    if span.kind is not EntityKind.ADDRESS:
        return None
    first = text[span.start : span.end].split(",", 1)[0]
    named = _HOUSE_NAMED.fullmatch(first)
    if named is None or first[:1].isdigit():
        return None
    name = named.group("name")
    words = name.split()
    # English words only rule a name out: a Welsh or Cornish house name is words too, but nobody's English.
    if all(fold(w) in english_words() for w in words) or any(
        classify(w) in {"ROLE", "TITLE", "FUNCTION"} for w in words
    ):
        return None
    return name


# The kind a place's name ends with, left off when it is said again ("Little Acorns" of "Little Acorns Nursery").
_KIND_WORDS = word_set(
    "nursery nurseries school academy preschool pre-school playgroup centre chapel church hub club project surgery "
    "practice foodbank refuge"
)

# Homes, hostels and houses a service runs ("Larkspur House", "Roseworth Lodge").
_HOME_WORDS = word_set("house lodge")


def _acronym_letters(word: str) -> str:
    """A word's part in the initials of a name: its first letter, or all of a short word in capitals ("CE")."""
    return word if word.isupper() and len(word) <= 3 else word[0]


_LITTLE_ACRONYM_WORDS = word_set("for of and in on")


def place_mentions(
    text: str, selected: list[Span], *, initials_only: bool = False, own_initials: bool = False
) -> list[Span]:
    """Later short mentions of a school, practice or organisation already found ("Greenhill" after
    "Greenhill Primary School"): its distinctive first word, alone, in its own spelling or in capitals; its
    initials; and a display name of two or more words found as a handle, quoted again. `initials_only` looks
    for the initials alone (for services found by their words, after the names); `own_initials` takes initials
    in brackets only when they start with the name's first letter (for services found last, whose bracket may
    name a unit: "Addenbrooke's (PICU)").
    A word also used as a town in an address ("..., Hollinbrook") is a place name, not the school's own."""
    towns: set[str] = set()
    known: dict[str, tuple[EntityKind, str, list[str]]] = {}
    shared: dict[str, list[tuple[EntityKind, str, list[str]]]] = {}
    for span in selected:
        if span.kind is EntityKind.ADDRESS:
            last = text[span.start : span.end].rsplit(",", 1)[-1].split()
            towns.update(fold(w) for w in last)
    for span in selected:
        name = _house_name(text, span) if not initials_only else None
        if name is not None:
            # "Cefn Hir" after "Cefn Hir Farm, Y Fan": a farm or house named again without its kind.
            known.setdefault(name, (span.kind, span.key, []))
        display = (
            _DISPLAY_NAME.match(text, span.start)
            if span.kind is EntityKind.HANDLE and not initials_only
            else None
        )
        if display is not None and display.end() <= span.end:
            known.setdefault(display.group(0), (span.kind, span.key, []))  # a display name again: "Lily H"
        if span.kind not in PLACE_KINDS:
            continue
        words = text[span.start : span.end].split()
        if not initials_only and len(words) >= 2 and not words[0].isupper():
            # "LIVING WATERS REVIVAL CENTRE" as a heading after "Living Waters Revival Centre": the name in capitals
            known.setdefault(" ".join(words).upper(), (span.kind, span.key, []))
        capitals = [
            w
            for w in words
            if w[:1].isupper() and fold(w) not in LEADING_NOISE and fold(w) not in FUNCTION_WORDS
        ]
        # "PHS" for "Pellingham High School"; a short word in capitals may keep all its letters ("QFCEP" for
        # "Quanby Fen CE Primary") or give one ("QFCP").
        acronyms = {"".join(w[0] for w in capitals), "".join(_acronym_letters(w) for w in capitals)}
        # "TfC" for "Together for Children", "DfE"-style: a little word inside the name gives its letter in lower case.
        # Noise only before the name ("the"): a little word inside it ("of") gives its letter.
        inner = list(dropwhile(lambda w: fold(w) in LEADING_NOISE, words))
        if any(fold(w) in _LITTLE_ACRONYM_WORDS for w in inner[1:-1]) and all(
            w[:1].isupper() or fold(w) in _LITTLE_ACRONYM_WORDS for w in inner
        ):
            acronyms.add("".join(w[0] for w in inner))
        for acronym in acronyms:
            if len(acronym) >= 3 and fold(acronym) not in ACRONYMS and fold(acronym) not in common_words():
                known.setdefault(acronym, (span.kind, span.key, []))
        if len(words) == 2 and fold(words[1]) in _HOME_WORDS and words[0][1:].islower():
            # "LH" for "Larkspur House": a home or a hostel staff name by two letters, none a job or a word
            letters = words[0][0] + words[1][0]
            if can_be_initials(letters) and fold(letters) not in english_words():
                known.setdefault(letters, (span.kind, span.key, []))
        # Initials the writer gives in brackets are the short form used from then on, whatever they stand
        # for ("Pilgrim Hospital (ULHT)", "Tower Hamlets Council (LBTH)").
        # Not the initials of the generic words it ends with: "Humber Traveller Education Service (TES)" names
        # a kind of service.
        # Letters that are also a known acronym count when they are the name's own initials: "Boston Borough
        # Council (BBC)" says which BBC the text means from then on.
        given = _BRACKETED_INITIALS.match(text, span.end)
        if (
            given is not None
            and (not own_initials or (bool(capitals) and given.group(1)[0] == capitals[0][0]))
            and (fold(given.group(1)) not in ACRONYMS or given.group(1) in acronyms)
            and fold(given.group(1)) not in ROLE_WORDS
            # "Thames Valley Police (SLO)": a job's letters say who wrote, not the body's short form
            and (not is_role_abbreviation(given.group(1)) or given.group(1) in acronyms)
            and not any(given.group(1) == "".join(w[0] for w in words[k:]) for k in range(1, len(words) - 1))
        ):
            known.setdefault(given.group(1), (span.kind, span.key, []))
        head = _CAP_WORD.match(text, span.start)
        if head is None:
            continue
        folded = fold(head.group(0))
        if (
            not initials_only
            and folded in towns
            and len(words) >= 3
            and _place_word(words[1])
            and words[1][:1].isupper()
        ):
            # "Brackenfold General" of "Brackenfold General Hospital" in the town of Brackenfold: two words
            # say which place, where the town's name alone would not.
            known.setdefault(" ".join(words[:2]), (span.kind, span.key, words[2:]))
        if (
            not initials_only
            and folded in common_words()
            and len(words) >= 3
            and fold(words[-1]) in _KIND_WORDS
        ):
            # "Little Acorns" of "Little Acorns Nursery": a name of ordinary words said again without its kind; and
            # its first two words, as "Living Waters" of "Living Waters Revival Centre"
            for short in (words[:-1], words[:2]) if len(words) >= 4 else (words[:-1],):
                if (
                    not any(
                        fold(w) in GENERIC_QUALIFIERS
                        or fold(w) in _GENERIC_SERVICE
                        or fold(w) in INSTITUTION_WORDS
                        for w in short[1:]
                    )
                    and fold(short[-1]) not in FUNCTION_WORDS
                    and short[-1][:1].isupper()
                ):
                    known.setdefault(" ".join(short), (span.kind, span.key, words[len(short) :]))
        core = None if initials_only else _own_word_after_place(words, towns)
        if core is not None:
            known.setdefault(core, (span.kind, span.key, []))
        if (
            initials_only
            or folded in towns
            or folded in common_words()
            or folded in GENERIC_QUALIFIERS
            or folded in _GENERIC_SERVICE
            or folded in _DIRECTIONS
            or folded in NATIONALITIES  # "Roma" of "Roma Voices Sheffield" is a people, not the group
            # "BadgerNet" of a run read as one service: a record system's name run together
            or (folded in public_names() and not head.group(0)[1:].islower())
            or not _place_word(head.group(0))
        ):
            continue
        rest = text[head.end() : span.end].split()
        known.setdefault(head.group(0), (span.kind, span.key, rest))
        known.setdefault(head.group(0).upper(), (span.kind, span.key, [w.upper() for w in rest]))
        # "Haven Marsh" after "Haven Bridge Primary School" and "Haven Marsh Hospital": each name the word starts
        # is tried, and the one written out furthest wins.
        alternatives = shared.setdefault(head.group(0), [])
        if len(alternatives) < _MOST_SHARED and all(rest != other[2] for other in alternatives):
            alternatives.append((span.kind, span.key, rest))
    if not known:
        return []
    # A trie of the names (the longest one written wins): a megabyte of found places has thousands of them.
    finder = re.compile(trie_not_after(r"[\w'\-]", known) + r"(?![\w'\-])")
    spans: list[Span] = []
    for match in finder.finditer(text):
        if _AS_TOWN_BEFORE.search(text, max(0, match.start() - 12), match.start()) or (
            _FROM_BEFORE.search(text, max(0, match.start() - 6), match.start())
            and _TO_AFTER.match(text, match.end())
        ):
            continue  # "placed in Pellingham", "from Wendlebury Moor to the coast": the town, not the school
        kind, key, rest = _furthest(text, match.end(), known[match.group(0)], shared.get(match.group(0), []))
        end = match.end()
        # "Marsden Vale High" of "Marsden Vale High School": as much of the name as is written, or its
        # initials ("Northgate ABC" for "Northgate Amateur Boxing Club").
        initials = "".join(w[0] for w in rest if w[:1].isupper())
        after = _whole_word_after(text, end, initials)
        if len(initials) >= 2 and after is not None:
            end = after
        for word in rest if after is None else ():
            after = _whole_word_after(text, end, word)
            if after is None:
                break
            end = after
        building = _BUILDING_AFTER.match(text, end) if end == match.end() else None
        if building is not None:
            # "Swale House" after "Swale Children's Social Work Team": a building named by the place
            end = building.end()
            key = norm(text[match.start() : end])
        spans.append(Span(match.start(), end, kind, key))
    return spans


_MOST_SHARED = 8  # names tried per short form: a bound on the work per mention, far above any review's


def _furthest(
    text: str,
    end: int,
    first: tuple[EntityKind, str, list[str]],
    others: list[tuple[EntityKind, str, list[str]]],
) -> tuple[EntityKind, str, list[str]]:
    """Of the found names a short form's word starts, the one whose next words the text goes on with ("Haven
    Marsh" is the hospital, not "Haven Bridge Primary School"); the first found where none goes on."""
    best, reach = first, 0
    for candidate in others:
        at, words = end, 0
        for word in candidate[2]:
            after = _whole_word_after(text, at, word)
            if after is None:
                break
            at, words = after, words + 1
        if words > reach:
            best, reach = candidate, words
    return best


_BUILDING_AFTER = re.compile(
    r"[ ](?:" + "|".join(w for w in HOUSE_TYPES.split("|") if " " not in w) + r")(?![\w'\-])"
)


def _whole_word_after(text: str, end: int, word: str) -> int | None:
    r"""Where `word` ends when it stands whole after one or two spaces from `end` (as `[ ]{1,2}word(?![\w'-])`
    would match, without a pattern compiled for each word: a long text names thousands of places)."""
    for gap in (2, 1) if text.startswith("  ", end) else (1,) if text.startswith(" ", end) else ():
        stop = end + gap + len(word)
        after = text[stop : stop + 1]
        if text.startswith(word, end + gap) and not (after.isalnum() or after in ("_", "'", "-")):
            return stop
    return None


# ----------------------------------------------------------------------- other mentions of a handle or plate

_REPEATABLE = (EntityKind.HANDLE, EntityKind.VEHICLE)
_MAX_REPEATED = 200  # distinct values looked for again: a bound on the finder's size, far above any review


def repeated_values(text: str, selected: list[Span]) -> list[Span]:
    """Every other mention of a handle or plate found once, in any case and a plate's usual spacings: a chat's speaker
    ("amelia.strd: is he coming", where the profile cue came later) or a plate typed in lowercase in a
    message ("in the golf cg67 tvy")."""
    values: dict[str, Span] = {}  # the value, casefolded without spaces -> the span found
    written: set[str] = set()  # each value as it may be written again, casefolded
    shown_before = _displays_before(text, selected)
    for span in [*selected, *shown_before]:
        if span.kind not in _REPEATABLE:
            continue
        value = text[span.start : span.end].rsplit("/", 1)[-1].lstrip("@").casefold()
        compact = "".join(value.split())
        if len(compact) < 4 or fold(compact) in common_words() or compact in values:
            continue
        values[compact] = span
        written.add(value)
        if span.kind is EntityKind.VEHICLE:
            # "CG67TVY", "cg67 tvy": without the space, or with it where a current plate has it.
            written.update((compact, f"{compact[:4]} {compact[4:]}") if len(compact) == 7 else (compact,))
        if len(values) >= _MAX_REPEATED:
            break
    if not values:
        return []
    # One trie of literals: each character is tried against one branch, however many values there are.
    finder = re.compile(r"(?i)(?<![\w@./\-])@?(?:" + trie(written) + r")(?![\w@\-]|\.\w)")
    spans: list[Span] = list(shown_before)
    for match in finder.finditer(text):
        found = values.get("".join(match.group(0).lstrip("@").split()).casefold())
        if found is not None:
            spans.append(Span(match.start(), match.end(), found.kind, found.key))
    for span in selected:
        # 'ty_loveridge08 ("TY 🥊")', 'shaz_786 (display "S H A Z 💯")': the profile's display name after it.
        shown = _DISPLAY_AFTER.match(text, span.end) if span.kind is EntityKind.HANDLE else None
        if shown is not None:
            spans.append(Span(shown.start("d"), shown.end("d"), EntityKind.HANDLE, span.key))
    return spans


_DISPLAY_AFTER = re.compile(r'[ ]\((?:display(?:[ ]name)?:?[ ])?"(?P<d>[^"\n]{1,30})"\)')
# A profile's display name before its handle in brackets, quoted or opening a line: 'Chat between "jazz🦋"
# (@jas.k.b09)', "Bigz 💰 (@bigz.b34) 12/11/2023", "kymz (@kymz.2x)".
_DISPLAY_BEFORE = re.compile(
    r'(?:["“](?P<q>[^"”\n]{1,30})["”]|(?<![^\n])(?P<l>[^\s("“:][^\n("“:]{0,29}?))[ ]\($'
)
_DISPLAY_WORD = re.compile(r"[^\W\d_]+")


def _displays_before(text: str, selected: list[Span]) -> list[Span]:
    """The display names written before handles found in brackets, with the handle's key: one account, one
    placeholder. Not a family word or a role saved as a contact ("mama", "Nan ❤️"), nor ordinary words."""
    spans: list[Span] = []
    for span in selected:
        if span.kind is not EntityKind.HANDLE or text[span.start - 2 : span.start] != " (":
            continue
        if not text.startswith(")", span.end):
            continue
        shown = _DISPLAY_BEFORE.search(text, max(0, span.start - 34), span.start)
        if shown is None:
            continue
        group = "q" if shown.group("q") is not None else "l"
        words = [fold(w) for w in _DISPLAY_WORD.findall(shown.group(group))]
        if not words or any(w in ROLE_WORDS or w in FUNCTION_WORDS for w in words):
            continue
        # Quoted, the name shown is the profile's even when it is a word ('"jazz🦋"'); opening a line, only when none
        # of its words is one ("Bigz 💰", not "Chat").
        if all(w in common_words() for w in words) or (group == "l" and any(is_vocabulary(w) for w in words)):
            continue
        spans.append(Span(shown.start(group), shown.end(group), EntityKind.HANDLE, span.key))
    return spans
