"""The child and family, up front: age, gender, ethnicity, disability, family structure, schooling.

Each fact about the child counts only where the Panel expects it (the case information at the top) and
only when it is about the child: 'Mother: aged 24, White British' records the mother's age and ethnicity,
not the child's, and a pronoun in the analysis does not record gender.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.critic.checks import Result, check
from assistant.critic.context import FAMILY_REF, ROLE, ROLE_WORD, UNSET, Context, Match
from assistant.documents import Cell, Table
from assistant.documents.model import header_has
from assistant.lexicon import (  # noqa: F401  (re-exported for callers)
    DATE,
    DISABILITY,
    EDUCATION,
    ETHNICITY_LABEL,
    ETHNICITY_TERM,
    ETHNICITY_VALUE,
    GENDER,
    GENDER_WORD,
    HOUSEHOLD_SENTENCE,
    INFANT_WORDS,
    NUMBER_WORD,
    SCHOOL_AGE_WORDS,
    SCHOOL_AGE_YEARS,
    UNKNOWN_VALUE,
    rx,
)
from assistant.textscan import search

AGE = rx(
    r"\b(?:date of birth|d\.?o\.?b\.?)\s*+(?:[:\-–]\s*+)?(?:" + DATE + r"|\d)"
    r"|\bborn (?:on |in )?" + DATE + r"|\b" + NUMBER_WORD + r"[- ](?:day|week|month|year)s?[- ]old\b"
    r"|\b" + NUMBER_WORD + r" (?:days?|weeks?|months?|years?) of age\b"
    r"|\baged?\s*+(?:[:\-]\s*+)?" + NUMBER_WORD + r"\b"
    r"|\bage\s*+[:\-]\s*\S"
    r"|\(\s*+" + NUMBER_WORD + r"\s*+(?:(?:days?|weeks?|months?|years?|yrs?|y/o)\s*+)?\)"
    r"|\b" + NUMBER_WORD + r" (?:days?|weeks?|months?|years?)\b(?= old|,| at | when|\))"
    # 'Child M is 15.': a bare number after the child's name, ending the clause
    r"|\b(?:is|was) (?:now )?(?:1[0-7]|[1-9])(?=\s*(?:[.,;]|$|and\b|\())"
    # '[Age removed]' says an age was given before publication: it counts only in text redacted for publication
    r"|(?<=\[)age(?: removed)?(?=\])"
)
AGE_FIELD = rx(r"\b(?:date of birth|d\.?o\.?b\.?|age)\s*[:\-–]")
# 'male' or 'female' naming someone else: 'a female caller', 'an older male in his 20s', 'male relative'
OTHER_BEFORE = re.compile(r"(?i)\b(?:an?|the|older|younger|adult|unknown|another|two|three|several)\s+$")
OTHER_AFTER = re.compile(
    r"(?i)\s+(?!child\b|baby\b|infant\b|toddler\b|young person\b|and\b|or\b|aged?\b)[a-z]"
)
GENDER_FIELD = rx(r"\b(?:gender|sex)\s*[:\-–]")
ETHNICITY_ANY = rx(ETHNICITY_LABEL.pattern + r"|" + ETHNICITY_VALUE.pattern)
# Words that speak of a disability in any sentence about the child; the rest ('physical health', 'health
# needs', 'diagnosed') say so only in the case information itself, not in the story of the incident.
DISABILITY_STRONG = rx(
    r"\b(?:disabilit\w*|disabled|(?-i:SEND)|special educational needs|EHCP|education,? health and care plan|"
    r"learning (?:difficult\w*|disabilit\w*)|additional needs|complex (?:health )?needs|no known (?:health|disability|"
    r"medical)|autis\w+|ADHD|cerebral palsy|neurodivers\w*)"
)
DISABILITY_FIELD = rx(r"\b(?:disabilit\w*|health|(?-i:SEND)|additional needs|medical)[^:\n]{0,25}[:\-–]")
# 'Mother: aged 36', '- Mother's partner (Baby N's father): 25', '**Father:** 44'
FAMILY_LABEL_LINE = re.compile(
    r"(?i)^\s*(?:[-*•]\s*)?(?:\*\*|__)?((?:[\w'’()/ -]){0,40}?\b"
    + ROLE
    + r"\b[\w'’()/ -]{0,30}?)(?:\*\*|__)?"
    r"(?::|\s[–—-]\s)\s*\S"
    # a record of fields: 'Relationship: Mother | Name: Mrs M | Age: 34'
    r"|^\s*(?:[-*•]\s*)?(?:\*\*|__)?(?:relationship|relation|role)(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*"
    r"(?:(?:maternal|paternal|birth|older|younger|half-|step-?)\s*)?(" + ROLE + r")\b"
    # a bullet list of people: '- Mother, Ms V, 30, White Romanian.'
    r"|^\s*[-*•]\s*(?:(?:maternal|paternal|birth|older|younger|half-|step-?)\s*)?" + "(" + ROLE + r")\b,\s*\S"
)
# A role anywhere, even inside a word ('stepmother'): every FAMILY_LABEL_LINE has one.
ANY_ROLE = rx(ROLE)
SOLE_CHILD = rx(r"\b(?:no (?:other )?(?:siblings|children)|only child|no brothers or sisters)\b")
ADULT_AGE = rx(
    r"\b(?:aged?\s*+(?:[:\-]\s*+)?"
    + NUMBER_WORD
    + r"|"
    + NUMBER_WORD
    + r"[- ]years?[- ]old|d\.?o\.?b|date of birth)"
    r"|\(\s*\d{1,2}\s*[,;)]|[:,]\s*\d{1,2}\b(?!\s*(?:weeks|months|am|pm|/|:))"
)
HEALTH = rx(
    r"\b(?:health|disabilit\w*|disabled|mental|learning|diagnos\w+|condition|illness|substance|alcohol|depress\w*|"
    r"anxiety|bi-?polar|asthma|diabet\w+|medication)\b"
)
AGE_WITH_UNIT = rx(r"\b(\d{1,2})\s*(?:(years?|yrs?|y/o)|(days?|weeks?|months?))\b")
AGE_BARE = rx(r"\baged?\s*+(?:[:\-]\s*+)?(\d{1,2})\b|\((\d{1,2})\)|^\s*(\d{1,2})\s*$")
# The row of a family table that is the child the review is about.
SUBJECT_ROW = rx(
    r"\b(?:subject|index child|notification|child (?:harmed|who died)|the deceased|this review|the incident)\b"
)
FIELD_LINE = re.compile(
    r"^\s*(?:[-*•>]\s*)?(?:\*\*|__)?([^:\n*]{1,40}?)(?:\*\*|__)?\s*[:\-–—](?:\*\*|__)?\s+\S"
)
PASSAGE_LOOKBACK = 400  # how far back a sentence without a person in it looks for the one it is about


# -- where a fact is about the child --------------------------------------------------------------------


def _role_line(ctx: Context, offset: int) -> bool:
    """A line labelled with a family member ('Mother: aged 36')."""
    return FAMILY_LABEL_LINE.match(ctx.line_at(offset).text) is not None


# 'Mr K', 'Ms Y', 'Mrs O': an adult by pseudonym (a title, then a capital), never the child
ADULT_PSEUDONYM = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z]\w*")
PRONOUN_LEAD = re.compile(r"(?i)^\W*(?:(he|him|his)|(she|her|hers))\b")
MALE_ROLE = re.compile(
    r"(?i)\b(?:father|dad|step-?father|stepfather|brother|half[- ]brother|step-?brother|uncle|grandfather|husband|"
    r"boyfriend|son|MGF|PGF|SGF)\b|\bMr\b"
)
FEMALE_ROLE = re.compile(
    r"(?i)\b(?:mother|mum|step-?mother|stepmother|sister|half[- ]sister|step-?sister|aunt|grandmother|wife|"
    r"girlfriend|daughter|MGM|PGM)\b|\b(?:Mrs|Ms|Miss)\b"
)


def _people(ctx: Context, start: int, end: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each person named in text[start:end]: 'child', 'family' or 'role' (an adult)."""
    found: list[tuple[int, int, str]] = []
    for pattern, kind in (
        (ctx.child_ref, "child"),
        (FAMILY_REF, "family"),
        (ROLE_WORD, "role"),
        (ADULT_PSEUDONYM, "role"),
    ):
        found += [(r.start(), r.end(), kind) for r in pattern.finditer(ctx.text, start, end)]
    # 'Mr K' holds the child's letter 'K' too: the adult wins where they overlap
    adults = [(s, e) for s, e, k in found if k == "role"]
    return sorted((s, e, k) for s, e, k in found if k != "child" or not any(a <= s < b for a, b in adults))


def _agrees(ctx: Context, person: tuple[int, int, str], male: bool | None) -> bool:
    """Whether a pronoun of that sex can refer to the person (the child and 'the family' always can)."""
    s, e, kind = person
    if kind != "role" or male is None:
        return True
    word = ctx.text[s:e]
    return not (FEMALE_ROLE.search(word) if male else MALE_ROLE.search(word))


def _antecedent(ctx: Context, sentence: Match, lo: int) -> str | None:
    """Who a sentence that names no one is about: the subject (first person named) of the nearest sentence
    before it that names someone, passing over people a leading pronoun cannot refer to ('She' after 'her
    stepfather' is the child the previous sentence was about)."""
    lead = PRONOUN_LEAD.match(sentence.text)
    male = None if lead is None else lead.group(1) is not None
    pos = sentence.start
    while pos > lo:
        previous = ctx.sentence(max(lo, pos - 2))
        if previous.start >= pos:
            break
        people = _people(ctx, max(lo, previous.start), min(previous.end, pos))
        agreeing = [p for p in people if _agrees(ctx, p, male)]
        if agreeing:
            return agreeing[0][2]
        pos = previous.start
    return None


def about_child(ctx: Context, m: Match, field_label: re.Pattern[str] | None = None) -> bool:
    """Whether a mention up front is about the child rather than another family member."""
    line = ctx.line_at(m.start)
    label = FIELD_LINE.match(line.text)
    if field_label is not None and field_label.search(ctx.text[line.start : m.end]):
        return not (label and ROLE_WORD.search(label.group(1)))
    if _role_line(ctx, m.start):
        return False
    sentence = ctx.sentence(m.start)
    refs = _people(ctx, sentence.start, m.start)
    if refs:
        kind = max(refs, key=lambda r: r[1])[2]
        if kind == "role":
            prefix = ctx.text[sentence.start : m.start]
            child = [r for r in ctx.child_ref.finditer(prefix)]
            # 'CHILD P and his siblings are of mixed heritage' is about the child too
            return bool(child) and prefix[child[-1].end() :].lstrip().lower().startswith("and ")
        return True
    after = _people(ctx, m.end, sentence.end)
    if after:
        return after[0][2] != "role"
    # 'M is 15. She is a girl of mixed heritage.' / 'Child K, girl, aged 2. White British.': a sentence that
    # names no one is about the person the passage was last about.
    section = ctx.section_at(m.start)
    lo = line.start if ctx.in_table(m.start) else max(section.body_start, sentence.start - PASSAGE_LOOKBACK)
    who = _antecedent(ctx, sentence, lo)
    if who is not None:
        return who != "role"
    # No one named: a field line about the child ('Date of birth: ...') or a bare value under a field
    # heading ('Ethnicity' / 'White British'); not a passing word in a longer sentence ('a male friend').
    return (label is not None and not ROLE_WORD.search(label.group(1))) or len(line.text.split()) <= 8


def _child_upfront(
    ctx: Context,
    pattern: re.Pattern[str],
    field_label: re.Pattern[str] | None = None,
    accept: Callable[[Match], bool] | None = None,
) -> Match | None:
    for m in ctx.find_upfront(pattern):
        if ctx.in_table(m.start):
            continue  # tables are read by column
        if (accept is None or accept(m)) and about_child(ctx, m, field_label):
            return m
    return None


# -- tables ---------------------------------------------------------------------------------------------


ROLE_START = re.compile(
    r"(?i)^[-*•\s]*(?:(?:maternal|paternal|birth|biological|adoptive|foster|older|younger)[- ])?"
    + ROLE
    + r"\b"
)


def _starts_with_role(text: str) -> bool:
    return ROLE_START.match(text) is not None


def child_row(ctx: Context, table: Table) -> list[Cell] | None:
    """The row for the child the review is about, or None when no row is plainly the child."""
    rel = table.column("relationship", "relation", "role")
    candidates = []
    for i, row in enumerate(table.rows):
        if not row:
            continue
        cells = [row[0]] + ([row[rel]] if rel is not None and rel < len(row) and rel != 0 else [])
        if any(_starts_with_role(c.text) for c in cells if c.text):
            continue
        candidates.append((i, row))
    for _, row in candidates:
        if SUBJECT_ROW.search(" ".join(c.text for c in row[:4])):
            return row
    for _, row in candidates:
        if ctx.child_ref.search(row[0].text):
            return row
    if candidates and candidates[0][0] == 0:
        return candidates[0][1]
    return None


def _key_value(table: Table, *names: str) -> Cell | None:
    """'Gender | Male' in a two-column table of fields."""
    for row in ([table.header] if table.header else []) + table.rows:
        if len(row) >= 2 and row[0].text and len(row[0].text) <= 40:
            low = row[0].text.lower()
            if any(header_has(low, n) for n in names) and not ROLE_WORD.search(low):
                return row[1]
    return None


def _column_value(ctx: Context, *names: str) -> tuple[Table, Cell | None, Cell | None] | None:
    """(table, header cell, the child's cell) for a column called `names` in a table up front.

    The child's cell is None when the table's rows were removed (only the header is left) or when no row
    is plainly the child's."""
    limit = max(len(ctx.text) * 3 // 10, ctx.upfront[1])
    tables = ctx.upfront_tables or [t for t in ctx.doc.tables[:1] if t.start <= limit]
    for t in tables:
        kv = _key_value(t, *names)
        if kv is not None:
            return t, None, kv
        col = t.column(*names)
        if col is None or t.header is None:
            continue
        if not t.rows:
            # A header whose rows were removed for publication recorded the fact; in a draft, a header with no
            # rows is an unfilled template, which records nothing.
            if ctx.redacted_for_publication:
                return t, t.header[col], None
            continue
        row = child_row(ctx, t)
        if row is None:
            continue
        return t, t.header[col], (row[col] if col < len(row) else Cell("", row[-1].end, row[-1].end))
    return None


def _cell_match(cell: Cell) -> Match:
    return Match(cell.start, cell.end, cell.text)


def _in_child_row(ctx: Context, pattern: re.Pattern[str]) -> Match | None:
    """A fact written into any cell of the child's own row ('Subject of the notification, aged 4 months')."""
    limit = max(len(ctx.text) * 3 // 10, ctx.upfront[1])
    for t in ctx.upfront_tables or [t for t in ctx.doc.tables[:1] if t.start <= limit]:
        row = child_row(ctx, t)
        for cell in row or []:
            m = pattern.search(cell.text)
            if m is not None:
                return Match(cell.start + m.start(), cell.start + m.end(), m.group(0))
    return None


def _header_row(ctx: Context, table: Table) -> Match | None:
    row = table.header or (table.rows[0] if table.rows else [])
    if not row:
        return None
    return Match(row[0].start, row[-1].end, ctx.text[row[0].start : row[-1].end])


def _gap(ctx: Context, code: str, detail: str = "", *columns: str) -> Result:
    """A missing fact; when the family table up front has no column for it, point at the table's header."""
    table = family_table(ctx)
    if (
        table is not None
        and columns
        and table.header
        and table.column(*columns) is None
        and (ctx.in_upfront(table.start) or not ctx.upfront_tables)
    ):
        header = _header_row(ctx, table)
        if header is not None:
            return Result(
                code, gap=True, evidence=[header], detail=" The family table has no column for it." + detail
            )
    return Result(code, gap=True, section=ctx.upfront_section, detail=detail)


def _real_age(ctx: Context, m: Match) -> bool:
    """An age, or '[Age removed]' in a text redacted for publication (elsewhere it is a blank to fill in)."""
    return ctx.text[m.start - 1 : m.start] != "[" or ctx.redacted_for_publication


def _names_someone_else(ctx: Context, m: Match) -> bool:
    """'a female caller', 'an older male in his 20s': the word is another person's sex, not the child's."""
    if m.text.lower() not in ("male", "female"):
        return False
    return bool(OTHER_BEFORE.search(ctx.text, max(0, m.start - 12), m.start)) or bool(
        OTHER_AFTER.match(ctx.text, m.end, m.end + 25)
    )


PRONOUN = rx(r"\b(?:he|she|his|her|him|hers)\b")


# -- checks ---------------------------------------------------------------------------------------------


def child_age_evidence(ctx: Context) -> Match | None:
    if ctx.facts.child_age is not UNSET:
        return ctx.facts.child_age
    found: Match | None = None
    col = _column_value(ctx, "age", "date of birth", "d.o.b", "dob")
    if col is not None:
        _, header, cell = col
        if cell is not None and cell.text and not UNKNOWN_VALUE.match(cell.text):
            found = _cell_match(cell)
        elif cell is None and header is not None:
            found = _cell_match(header)
    if found is None:
        found = _in_child_row(ctx, AGE) or _child_upfront(
            ctx, AGE, AGE_FIELD, accept=lambda m: _real_age(ctx, m)
        )
        if found is not None and not _real_age(ctx, found):
            found = None
    ctx.facts.child_age = found
    return found


@check("CHILD_AGE_MISSING")
def child_age(ctx: Context) -> Result:
    found = child_age_evidence(ctx)
    if found is None:
        return _gap(ctx, "CHILD_AGE_MISSING", "", "age", "date of birth", "d.o.b", "dob", "born")
    return Result("CHILD_AGE_MISSING", gap=False, evidence=[found])


@check("CHILD_GENDER_MISSING")
def child_gender(ctx: Context) -> Result:
    col = _column_value(ctx, "gender", "sex")
    if col is not None:
        _, header, cell = col
        if cell is not None and cell.text and not UNKNOWN_VALUE.match(cell.text):
            return Result("CHILD_GENDER_MISSING", gap=False, evidence=[_cell_match(cell)])
        if cell is None and header is not None:  # a header with its rows removed for publication
            return Result("CHILD_GENDER_MISSING", gap=False, evidence=[_cell_match(header)])
    found = _in_child_row(ctx, GENDER) or _child_upfront(
        ctx, GENDER, GENDER_FIELD, accept=lambda m: not _names_someone_else(ctx, m)
    )
    if found is None:
        detail = " Only pronouns in the text indicate it." if ctx.first(PRONOUN) else ""
        return _gap(ctx, "CHILD_GENDER_MISSING", detail, "gender", "sex")
    return Result("CHILD_GENDER_MISSING", gap=False, evidence=[found])


def _ethnicity_result(ctx: Context) -> tuple[bool, Match | None, str]:
    col = _column_value(ctx, "ethnic", "heritage")
    if col is not None:
        _, header, cell = col
        if cell is None:
            return False, (_cell_match(header) if header else None), ""
        if not cell.text or UNKNOWN_VALUE.match(cell.text):
            where = _cell_match(cell) if cell.text else None
            return True, where, " The family table gives it as unknown." if cell.text else ""
        return False, _cell_match(cell), ""
    found = _child_upfront(ctx, ETHNICITY_ANY, rx(r"\b(?:ethnic\w*|heritage)[^:\n]{0,20}[:\-–]"))
    if found is not None:
        value = ETHNICITY_LABEL.match(found.text)
        if value is not None and UNKNOWN_VALUE.match(value.group(1)):
            return True, found, " It is given as unknown."
        return False, found, ""
    return True, None, ""


@check("CHILD_ETHNICITY_MISSING")
def child_ethnicity(ctx: Context) -> Result:
    gap, where, detail = _ethnicity_result(ctx)
    if gap and where is None:
        return _gap(ctx, "CHILD_ETHNICITY_MISSING", detail, "ethnic", "heritage")
    return Result(
        "CHILD_ETHNICITY_MISSING",
        gap=gap,
        evidence=[where] if where else [],
        detail=detail,
        section=None if where else ctx.upfront_section,
    )


@check("CHILD_DISABILITY_MISSING")
def child_disability(ctx: Context) -> Result:
    col = _column_value(ctx, "disabilit", "health", "send", "additional needs", "needs")
    if col is not None:
        _, header, cell = col
        target = cell if cell is not None and cell.text else (header if cell is None else None)
        if target is not None:
            return Result("CHILD_DISABILITY_MISSING", gap=False, evidence=[_cell_match(target)])
    found = _child_upfront(
        ctx,
        DISABILITY,
        DISABILITY_FIELD,
        accept=lambda m: (
            DISABILITY_STRONG.fullmatch(m.text) is not None
            or ctx.section_role_at(m.start) in ("case", "family", "other")
        ),
    )
    if found is None:
        return _gap(
            ctx, "CHILD_DISABILITY_MISSING", "", "disabilit", "health", "send", "additional needs", "needs"
        )
    return Result("CHILD_DISABILITY_MISSING", gap=False, evidence=[found])


def family_table(ctx: Context) -> Table | None:
    if ctx.facts.family_table is UNSET:
        found = None
        for t in ctx.doc.tables:
            if not t.rows and not ctx.redacted_for_publication:
                continue  # an unfilled template
            if t.column("relationship", "relation", "role", "family member") is not None:
                found = t
                break
            rows_with_roles = sum(1 for r in t.rows if r and _starts_with_role(r[0].text))
            if rows_with_roles >= 2 and t.column("agency", "date", "event") is None:
                found = t
                break
        ctx.facts.family_table = found
    return ctx.facts.family_table


def family_lines(ctx: Context) -> list[Match]:
    """Lines labelled with a family member ('Mother: aged 36'), not sentences that happen to hold a colon."""
    out = []
    for line in ctx.lines_with(ANY_ROLE):  # each way of writing such a line names a role
        m = FAMILY_LABEL_LINE.match(line.text)
        if (
            m is not None
            and len((m.group(1) or m.group(2) or m.group(3)).split()) <= 6
            and not ctx.in_table(line.start)
        ):
            out.append(ctx.line_at(line.start))
    return out


@check("FAMILY_STRUCTURE_MISSING")
def family_structure(ctx: Context) -> Result:
    table = family_table(ctx)
    if table is not None:
        header = _header_row(ctx, table)
        return Result(
            "FAMILY_STRUCTURE_MISSING",
            gap=False,
            evidence=[header] if header else [],
            strength="FAMILY_TABLE",
        )
    lines = family_lines(ctx)
    sole = ctx.first(SOLE_CHILD)
    if len(lines) >= 2 or (lines and sole is not None):
        return Result("FAMILY_STRUCTURE_MISSING", gap=False, evidence=lines[:3])
    sentence = (
        next(ctx.find_upfront(HOUSEHOLD_SENTENCE), None)
        or _household_in_family_section(ctx)
        or _family_paragraph(ctx)
    )
    if sentence is not None:
        return Result("FAMILY_STRUCTURE_MISSING", gap=False, evidence=[ctx.sentence(sentence.start)])
    return Result("FAMILY_STRUCTURE_MISSING", gap=True, section=ctx.upfront_section)


FAMILY_MEMBERS_IN_PARAGRAPH = 3


def _family_paragraph(ctx: Context) -> Match | None:
    """A paragraph up front that names the family's members ('R's mother, Ms R, lives in [Area] with R's two
    younger sisters. R's father is in prison.'): three or more distinct family roles in it."""
    for s, e in ctx.upfront_spans:
        pos = s
        while pos < e:
            start, end = ctx.paragraph_around(pos)
            end = min(max(end, start + 1), e)
            roles = {r.group(0).lower().rstrip("s") for r in ROLE_WORD.finditer(ctx.text, start, end)}
            if len(roles) >= FAMILY_MEMBERS_IN_PARAGRAPH:
                return ctx.first(ROLE_WORD, start, end)
            pos = end + 1
    return None


def _household_in_family_section(ctx: Context) -> Match | None:
    for s in ctx.doc.sections:
        if re.search(r"(?i)\b(?:family|household|about the child|background)\b", s.heading):
            m = ctx.first(HOUSEHOLD_SENTENCE, s.body_start, s.end)
            if m is not None:
                return m
    return None


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _statement_near(ctx: Context, table: Table, pattern: re.Pattern[str]) -> bool:
    """A sentence in the table's section (outside the table) that gives the detail for the whole family."""
    section = ctx.section_at(table.start)
    return any(not ctx.in_table(m.start) for m in ctx.find(pattern, section.body_start, section.end))


@check("FAMILY_DETAILS_INCOMPLETE")
def family_details(ctx: Context) -> Result | None:
    table = family_table(ctx)
    if table is not None:
        missing: list[str] = []
        evidence: list[Match] = []
        if table.column("age", "date of birth", "d.o.b", "dob", "born") is None:
            ages_in_text = sum(1 for r in table.rows if ADULT_AGE.search(" ".join(c.text for c in r)))
            if ages_in_text < max(1, len(table.rows)):
                missing.append("ages or dates of birth for every member")
        eth = table.column("ethnic", "heritage")
        if eth is None:
            if not _statement_near(ctx, table, ETHNICITY_VALUE):
                missing.append("ethnicity")
        else:
            # The family's own ethnicity unknown is a gap; an unrelated adult's ('Adult associate') is not.
            rel = table.column("relationship", "relation", "role")
            unknown = [
                r[eth]
                for r in table.rows
                if eth < len(r)
                and UNKNOWN_VALUE.match(r[eth].text)
                and (
                    rel is None
                    or rel >= len(r)
                    or _starts_with_role(r[rel].text)
                    or r[rel].text.lower().startswith(("maternal", "paternal"))
                )
            ]
            if unknown:
                missing.append(f"ethnicity for {len(unknown)} member(s), given as unknown")
                evidence += [Match(c.start, c.end, c.text) for c in unknown[:3]]
        if table.column("disabilit", "health", "send", "needs", "medical") is None and not _statement_near(
            ctx, table, rx(r"\b(?:disabilit\w*|health needs|health problems|medical conditions?)\b")
        ):
            missing.append("any disability or health needs")
        anchor = table.header or (table.rows[0] if table.rows else [])
        if missing:
            evidence = evidence or [
                Match(anchor[0].start, anchor[-1].end, ctx.text[anchor[0].start : anchor[-1].end])
            ]
            return Result(
                "FAMILY_DETAILS_INCOMPLETE",
                gap=True,
                evidence=evidence,
                detail=f" the family table does not record {_join(missing)}.",
                section=ctx.section_name(table.start),
            )
        return Result(
            "FAMILY_DETAILS_INCOMPLETE",
            gap=False,
            evidence=[Match(anchor[0].start, anchor[0].end, anchor[0].text)],
        )
    lines = family_lines(ctx)
    if len(lines) >= 2:
        block_start, block_end = lines[0].start, lines[-1].end
        where = "the family members listed"
        evidence = lines[:3]
    else:
        household = next(ctx.find_upfront(HOUSEHOLD_SENTENCE), None) or _family_paragraph(ctx)
        if household is None:
            return None  # no family set out: FAMILY_STRUCTURE_MISSING says so
        # The family's own text: a family section up front, else the paragraph that describes the household.
        # The child's details beside it ('Age: 16', 'Disability: none') are not the family's.
        spans = [(s, e) for s, e in ctx.upfront_spans if ctx.section_role_at(s) == "family"]
        block_start, block_end = (
            (min(s for s, _ in spans), max(e for _, e in spans))
            if spans
            else ctx.paragraph_around(household.start)
        )
        where = "the family described"
        evidence = [ctx.sentence(household.start)]
    block = ctx.text[block_start:block_end]
    missing = []
    if not search(ADULT_AGE, block):
        missing.append("ages")
    if not search(ETHNICITY_ANY, block):
        missing.append("ethnicity")
    if not search(HEALTH, block):
        missing.append("health or disability information")
    if missing:
        return Result(
            "FAMILY_DETAILS_INCOMPLETE",
            gap=True,
            evidence=evidence,
            detail=f" {where} are given without {_join(missing)}.",
            section=ctx.section_name(block_start),
        )
    return Result("FAMILY_DETAILS_INCOMPLETE", gap=False, evidence=evidence[:1])


def child_years(ctx: Context) -> int | None:
    """The child's age in whole years, when the case information gives it plainly."""
    age = child_age_evidence(ctx)
    if age is None:
        return None
    line = ctx.line_at(age.start)
    # from a little before the match: '14 years 5 months' matched at '5 months' is still 14
    start = max(line.start, age.start - 12)
    around = age.text if ctx.in_table(age.start) else ctx.text[start : min(line.end, age.start + 120)]
    unit = AGE_WITH_UNIT.search(around)
    if unit is not None:
        return 0 if unit.group(3) else int(unit.group(1))
    bare = AGE_BARE.search(around)
    return int(next(g for g in bare.groups() if g)) if bare else None


@check("SCHOOLING_MISSING")
def schooling(ctx: Context) -> Result | None:
    years = child_years(ctx)
    if years is not None:
        if not SCHOOL_AGE_YEARS[0] <= years <= SCHOOL_AGE_YEARS[1]:
            return None
        school_age: Match | None = child_age_evidence(ctx)
    else:
        school_age = ctx.first(SCHOOL_AGE_WORDS)
        if school_age is None or next(ctx.find_upfront(INFANT_WORDS), None) is not None:
            return None  # not a school-age child, as far as the draft says
    education = ctx.first(EDUCATION)
    if education is None:
        assert school_age is not None
        where = school_age if ctx.in_table(school_age.start) else ctx.sentence(school_age.start)
        return Result("SCHOOLING_MISSING", gap=True, evidence=[where])
    return Result("SCHOOLING_MISSING", gap=False, evidence=[ctx.sentence(education.start)])
