"""The child and family, up front: age, gender, ethnicity, disability, family structure, schooling."""

from __future__ import annotations

import re

from assistant.critic.checks import Result, check
from assistant.critic.checks.patterns import (
    DATE,
    ETHNICITY_TERM,
    NUMBER_WORD,
    ROLE,
    UNKNOWN_VALUE,
    rx,
)
from assistant.critic.context import Context, Match
from assistant.documents import Cell, Table

AGE = rx(
    r"\b(?:date of birth|d\.?o\.?b\.?)\s*[:\-–]?\s*(?:" + DATE + r"|\d)"
    r"|\bborn (?:on |in )?" + DATE + r"|\b" + NUMBER_WORD + r"[- ](?:day|week|month|year)s?[- ]old\b"
    r"|\baged?\s*[:\-]?\s*" + NUMBER_WORD + r"\b"
    r"|\bage\s*[:\-]\s*\S"
    r"|\(\s*" + NUMBER_WORD + r"\s*(?:days?|weeks?|months?|years?|yrs?|y/o)\s*\)"
    r"|\[age(?: removed)?\]"
)
CHILD_REF = (
    r"(?:CHILD [A-Z]{1,2}\b|the (?:child|subject|baby|infant|young person)|subject(?: child)?|name of child)"
)
GENDER_WORD = r"(?:male|female|boy|girl|son|daughter|non-binary|transgender)"
# A gender word counts only when it is about the child, not 'an older male' elsewhere in the paragraph.
GENDER = rx(
    r"\b(?:gender|sex)\s*[:\-–]\s*\w+"
    r"|" + CHILD_REF + r"[^.\n]{0,60}?\b" + GENDER_WORD + r"\b"
    r"|\b(?:baby |infant |young |teenage |\d{1,2}[- ](?:day|week|month|year)s?[- ]old )"
    + GENDER_WORD
    + r"\b[^.\n]{0,30}?"
    + CHILD_REF
)
ETHNICITY_LABEL = rx(
    r"\b(?:ethnicity|ethnic (?:origin|background|group)|heritage)\s*[:\-–]\s*([^\n\t|]{1,60})"
)
ETHNICITY_VALUE = rx(r"\b" + ETHNICITY_TERM + r"\b")
DISABILITY = rx(
    r"\b(?:disabilit\w*|disabled|SEND|special educational needs|EHCP|education,? health and care plan|"
    r"learning (?:difficult\w*|disabilit\w*)|additional needs|complex (?:health )?needs|no known (?:health|disability|"
    r"medical)|health needs|medical conditions?|diagnos\w+|autis\w+|ADHD|cerebral palsy|premature|neurodivers\w*)"
)
FAMILY_LABEL_LINE = rx(
    r"^\s*(?:[-*•]\s*)?(?:" + ROLE + r"|children|household members?)\s*(?:\([^)]*\))?\s*[:\-–]\s*\S"
)
HOUSEHOLD_SENTENCE = rx(
    r"\b(?:lived|lives|living|resided|resides|was living|were living) with (?:his|her|their|the)\s+"
    + ROLE
    + r"|\bhousehold (?:comprised|consisted|included|was made up)|\b(?:no|has no|had no) (?:other )?siblings\b"
    r"|\bonly child\b|\bsingle parent\b|\bfamily (?:composition|structure|tree)\b|\bgenogram\b"
)
ROLE_WORD = rx(r"\b" + ROLE + r"\b")
ADULT_AGE = rx(
    r"\b(?:aged?\s*"
    + NUMBER_WORD
    + r"|"
    + NUMBER_WORD
    + r"[- ]years?[- ]old|\(\s*\d{1,2}\s*\)|d\.?o\.?b|date of birth)"
)
HEALTH = rx(
    r"\b(?:health|disabilit\w*|disabled|mental|learning|diagnos\w+|condition|illness|substance|alcohol)\b"
)
SCHOOL_AGE_WORDS = rx(
    r"\b(?:teenager|teenage|adolescen\w+|young person|secondary school|primary school|year (?:[1-9]|1[0-3])\b|"
    r"GCSEs?|sixth form|college|pupil|aged? (?:[5-9]|1[0-7])\b|(?:[5-9]|1[0-7])[- ]years?[- ]old)"
)
INFANT_WORDS = rx(
    r"\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven)[- ](?:day|week|month)s?[- ]old\b|\b(?:newborn|baby|infant|neonat\w+)\b"
)
EDUCATION = rx(
    r"\b(?:school|college|education\w*|EHCP|attendance|excluded|exclusion|alternative provision|pupil referral|PRU|"
    r"tuition|home[- ]educated|NEET|apprenticeship|nursery|teacher|designated safeguarding lead|DSL)\b"
)

CHILD_ROW = rx(r"\b(?:child|subject|CYP|young person)\b")


def _family_table(ctx: Context) -> Table | None:
    for t in ctx.doc.tables:
        if t.column("relationship", "relation", "role", "family member") is not None:
            return t
        if (
            t.header is None
            and sum(1 for r in t.rows if r and ROLE_WORD.search(" ".join(c.text for c in r))) >= 3
        ):
            return t
    return None


def _child_cells(table: Table) -> list[Cell]:
    """The row for the child the review is about: one that names the child/subject, else the first row."""
    for row in table.rows:
        if row and CHILD_ROW.search(" ".join(c.text for c in row[:3])):
            return row
    return table.rows[0] if table.rows else []


def _upfront_match(ctx: Context, pattern: re.Pattern[str]) -> Match | None:
    start, end = ctx.upfront
    return ctx.first(pattern, start, end)


def _column_value(ctx: Context, *names: str) -> tuple[Table, int, Cell | None] | None:
    """The child's cell in a column called `names` of a table up front (cell None when the table has no rows)."""
    start, end = ctx.upfront
    for t in ctx.tables_in(start, end) or ctx.doc.tables[:1]:
        col = t.column(*names)
        if col is None:
            continue
        row = _child_cells(t)
        return t, col, (row[col] if col < len(row) else None)
    return None


@check("CHILD_AGE_MISSING")
def child_age(ctx: Context) -> Result:
    found = _upfront_match(ctx, AGE)
    if found is None:
        col = _column_value(ctx, "age", "date of birth", "d.o.b", "dob")
        if col is not None:
            table, index, cell = col
            header = table.header[index] if table.header else None
            found = (
                Match(cell.start, cell.end, cell.text)
                if cell and cell.text
                else (Match(header.start, header.end, header.text) if header else None)
            )
    if found is None:
        return Result("CHILD_AGE_MISSING", gap=True, section=ctx.upfront_section)
    return Result("CHILD_AGE_MISSING", gap=False, evidence=[found])


@check("CHILD_GENDER_MISSING")
def child_gender(ctx: Context) -> Result:
    col = _column_value(ctx, "gender", "sex")
    if col is not None:
        table, index, cell = col
        if cell is not None and cell.text and not UNKNOWN_VALUE.match(cell.text):
            return Result(
                "CHILD_GENDER_MISSING", gap=False, evidence=[Match(cell.start, cell.end, cell.text)]
            )
        if cell is None and table.header:  # a header with its rows removed for publication
            h = table.header[index]
            return Result("CHILD_GENDER_MISSING", gap=False, evidence=[Match(h.start, h.end, h.text)])
    found = _upfront_match(ctx, GENDER)
    if found is None:
        return Result(
            "CHILD_GENDER_MISSING",
            gap=True,
            section=ctx.upfront_section,
            detail=" Only pronouns later in the text indicate it.",
        )
    return Result("CHILD_GENDER_MISSING", gap=False, evidence=[found])


def _ethnicity_result(ctx: Context) -> tuple[bool, Match | None, str]:
    col = _column_value(ctx, "ethnic", "heritage")
    if col is not None:
        table, index, cell = col
        if cell is None:
            h = table.header[index] if table.header else None
            return False, (Match(h.start, h.end, h.text) if h else None), ""
        if not cell.text or UNKNOWN_VALUE.match(cell.text):
            where = Match(cell.start, cell.end, cell.text) if cell.text else None
            return True, where, " The family table gives it as unknown."
        return False, Match(cell.start, cell.end, cell.text), ""
    label = _upfront_match(ctx, ETHNICITY_LABEL)
    if label is not None:
        value = ETHNICITY_LABEL.match(label.text)
        raw = value.group(1) if value else ""
        if UNKNOWN_VALUE.match(raw):
            return True, label, " It is given as unknown."
        return False, label, ""
    term = _upfront_match(ctx, ETHNICITY_VALUE)
    if term is not None:
        return False, term, ""
    return True, None, ""


@check("CHILD_ETHNICITY_MISSING")
def child_ethnicity(ctx: Context) -> Result:
    gap, where, detail = _ethnicity_result(ctx)
    return Result(
        "CHILD_ETHNICITY_MISSING",
        gap=gap,
        evidence=[where] if where else [],
        detail=detail,
        section=None if where else ctx.upfront_section,
    )


@check("CHILD_DISABILITY_MISSING")
def child_disability(ctx: Context) -> Result:
    col = _column_value(ctx, "disabilit", "health", "send", "additional needs")
    if col is not None:
        table, index, cell = col
        target = cell if cell is not None and cell.text else (table.header[index] if table.header else None)
        if target is not None:
            return Result(
                "CHILD_DISABILITY_MISSING", gap=False, evidence=[Match(target.start, target.end, target.text)]
            )
    found = _upfront_match(ctx, DISABILITY)
    if found is None:
        return Result("CHILD_DISABILITY_MISSING", gap=True, section=ctx.upfront_section)
    return Result("CHILD_DISABILITY_MISSING", gap=False, evidence=[found])


def _family_lines(ctx: Context) -> list[Match]:
    out = []
    for line in ctx.doc.lines:
        if FAMILY_LABEL_LINE.match(line.text):
            out.append(ctx.line_at(line.start))
    return out


@check("FAMILY_STRUCTURE_MISSING")
def family_structure(ctx: Context) -> Result:
    table = _family_table(ctx)
    if table is not None:
        first = table.header[0] if table.header else table.rows[0][0]
        return Result(
            "FAMILY_STRUCTURE_MISSING",
            gap=False,
            evidence=[Match(first.start, first.end, first.text)],
            strength="FAMILY_TABLE",
        )
    lines = _family_lines(ctx)
    if len(lines) >= 2:
        return Result("FAMILY_STRUCTURE_MISSING", gap=False, evidence=lines[:3])
    sentence = ctx.first(HOUSEHOLD_SENTENCE)
    if sentence is not None:
        return Result("FAMILY_STRUCTURE_MISSING", gap=False, evidence=[ctx.sentence(sentence.start)])
    return Result("FAMILY_STRUCTURE_MISSING", gap=True, section=ctx.upfront_section)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


@check("FAMILY_DETAILS_INCOMPLETE")
def family_details(ctx: Context) -> Result | None:
    table = _family_table(ctx)
    if table is not None:
        missing: list[str] = []
        evidence: list[Match] = []
        if table.column("age", "date of birth", "d.o.b", "dob") is None:
            ages_in_text = sum(1 for r in table.rows if ADULT_AGE.search(" ".join(c.text for c in r)))
            if ages_in_text < max(1, len(table.rows)):
                missing.append("ages or dates of birth for every member")
        eth = table.column("ethnic", "heritage")
        if eth is None:
            missing.append("ethnicity")
        else:
            unknown = [r[eth] for r in table.rows if eth < len(r) and UNKNOWN_VALUE.match(r[eth].text)]
            if unknown:
                missing.append(f"ethnicity for {len(unknown)} member(s) (given as unknown)")
                evidence += [Match(c.start, c.end, c.text) for c in unknown[:3]]
        if table.column("disabilit", "health", "send", "needs") is None:
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
    lines = _family_lines(ctx)
    if len(lines) < 2:
        return None  # no family set out: FAMILY_STRUCTURE_MISSING says so
    block_start, block_end = lines[0].start, lines[-1].end
    block = ctx.text[block_start:block_end]
    missing = []
    if not ADULT_AGE.search(block):
        missing.append("ages")
    if not (ETHNICITY_VALUE.search(block) or ETHNICITY_LABEL.search(block)):
        missing.append("ethnicity")
    if not HEALTH.search(block):
        missing.append("health or disability information")
    if missing:
        return Result(
            "FAMILY_DETAILS_INCOMPLETE",
            gap=True,
            evidence=lines[:3],
            detail=f" without {_join(missing)}.",
            section=ctx.section_name(block_start),
        )
    return Result("FAMILY_DETAILS_INCOMPLETE", gap=False, evidence=lines[:1])


@check("SCHOOLING_MISSING")
def schooling(ctx: Context) -> Result | None:
    school_age = ctx.first(SCHOOL_AGE_WORDS)
    if school_age is None or (ctx.first(INFANT_WORDS, *ctx.upfront) is not None):
        return None  # not a school-age child, as far as the draft says
    education = ctx.first(EDUCATION)
    if education is None:
        return Result("SCHOOLING_MISSING", gap=True, evidence=[ctx.sentence(school_age.start)])
    return Result("SCHOOLING_MISSING", gap=False, evidence=[ctx.sentence(education.start)])
