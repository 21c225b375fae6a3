"""Words written in a script the redactor cannot read: Arabic, Cyrillic, Chinese, Devanagari and the rest.

Every rule here reads Latin letters: word lists, capitals, titles. A name written in its own script in a
message ("Rasha: يوسف ما بينام") or beside its Latin form ("Mei-Ling (美玲)") passes every one of them. In an
English safeguarding document, words in another script are a family's names or their own words, which the
tool cannot vouch for, so each run of them is removed whole. A translation, when the document gives one, stays.
Greek is left: in this genre its letters are units and doses ("5 μg", "β-blocker"), not names.
"""

from __future__ import annotations

import re

from assistant.privacy.kinds import EntityKind, Span
from assistant.privacy.words import ROLE_WORDS, fold, norm

# Letters of the scripts families in England write in, by Unicode block: Cyrillic, Armenian, Hebrew, Arabic
# (with its supplements and presentation forms), Syriac, Thaana, the Indic scripts to Sinhala, Thai, Lao,
# Tibetan, Myanmar, Georgian, Hangul, Ethiopic, Khmer, Mongolian, kana and CJK ideographs.
_LETTERS = (
    "\u0400-\u052f\u0530-\u058f\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u0780-\u07bf"
    "\u0860-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u0fff\u1000-\u109f\u10a0-\u10ff\u1100-\u11ff"
    "\u1200-\u139f\u1780-\u18af\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff"
    "\ua960-\ua97f\uac00-\ud7af\uf900-\ufaff\ufb1d-\ufdff\ufe70-\ufeff"
)
# Joiners that sit inside Arabic and Indic words.
_JOINERS = "\u200c\u200d"
# A run of such words with single spaces, hyphens or the script's own commas between them, as one span.
_RUN = re.compile(
    rf"[{_LETTERS}][{_LETTERS}{_JOINERS}]*+(?:[ \-\u060c\u3001][{_LETTERS}][{_LETTERS}{_JOINERS}]*+)*+"
)


def other_script_words(text: str) -> list[Span]:
    """Each run of words in a script other than Latin or Greek, keyed on its text; a family word written in
    its own script stays, as in English ("Бабуся Галина": the grandmother stays, her name goes)."""
    if text.isascii():
        return []
    spans: list[Span] = []
    for match in _RUN.finditer(text):
        start = match.start()
        for word in _WORD.finditer(match.group(0)):
            if fold(word.group(0)) not in ROLE_WORDS:
                break
            start = match.start() + word.end() + 1
        if start < match.end():
            spans.append(Span(start, match.end(), EntityKind.OTHER_SCRIPT, norm(text[start : match.end()])))
    return spans


_WORD = re.compile(rf"[{_LETTERS}{_JOINERS}]+")
