"""Metamorphic suite: for each example and each minimum-record code, change the fact and check the code flips.

* remove: the critique did not raise the code. Delete every line holding the evidence the check cited
  for "covered" (`run_checks` -> Result with gap=False and its evidence Matches), re-run, and repeat while
  the check finds the fact somewhere else (at most MAX_ROUNDS rounds). The code must now be raised.
* add: the critique raised the code. Insert a canonical line (e.g. "Ethnicity: White British") at the end
  of the case-information region the checks read (`Context.upfront`), or, for the decision and learning
  codes, a short section at the end. The code must now go.

The checks are run directly (the findings of a critique are exactly the checks' gap results), which keeps
the ~100 re-runs inside the time budget; retrieval plays no part in whether a code is raised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.critic.checks import Result, load_all
from assistant.critic.context import Context
from assistant.critic.engine import run_checks
from assistant.critic.taxonomy import load_codes
from assistant.domain.corpus import Corpus
from assistant.domain.evals import MetamorphicCase, MetamorphicReport
from assistant.evaluation.scorers import ratio

MAX_ROUNDS = 10
MAX_SHARE_REMOVED = 0.25  # stop deleting once a quarter of the review is gone: the edit is no longer small
# Codes that presuppose another: with the decision deleted, "no reasons for the decision" stops applying and
# DECISION_MISSING is the right finding. A remove case passes when the parent is raised instead.
PARENT = {
    "DECISION_RATIONALE_MISSING": "DECISION_MISSING",
    "DISSEMINATION_MISSING": "LEARNING_MISSING",
    "FAMILY_DETAILS_INCOMPLETE": "FAMILY_STRUCTURE_MISSING",
}
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Fact:
    where: str  # "upfront": end of the case-information region; "end": end of the document
    text: str


# What a drafter would write to cover each minimum-record point. Plain, generic phrasing: these are not
# written against the checks' patterns, and a failure here is a finding about the checks.
FACTS: dict[str, Fact] = {
    "CHILD_AGE_MISSING": Fact("upfront", "Age: 14 years old"),
    "CHILD_GENDER_MISSING": Fact("upfront", "Gender: Female"),
    "CHILD_ETHNICITY_MISSING": Fact("upfront", "Ethnicity: White British"),
    "CHILD_DISABILITY_MISSING": Fact("upfront", "Disability: None known"),
    "FAMILY_STRUCTURE_MISSING": Fact(
        "upfront",
        "Family structure: the child lives with her mother and two younger siblings; her father lives "
        "separately and has regular contact.",
    ),
    "FAMILY_DETAILS_INCOMPLETE": Fact(
        "upfront",
        "Mother: aged 34, White British, no known physical or mental health problems or disability.\n\n"
        "Father: aged 36, White British, no known physical or mental health problems or disability.",
    ),
    "IMMEDIATE_SAFEGUARDING_MISSING": Fact(
        "upfront",
        "Immediate safeguarding: the child's siblings are safe; they are living with their maternal "
        "grandmother and are subject to child protection plans.",
    ),
    "INCIDENT_SUMMARY_MISSING": Fact(
        "upfront",
        "Summary of the incident\n\nOn [date] the child was taken to hospital with a serious head injury. "
        "Police and children's social care began joint enquiries the same day.",
    ),
    "DECISION_MISSING": Fact(
        "end",
        "Decision\n\nThe safeguarding partners agreed that the criteria for a local child safeguarding "
        "practice review are met and an LCSPR will be commissioned.",
    ),
    "DECISION_RATIONALE_MISSING": Fact(
        "end",
        "Reasons for the decision\n\nThis is because the child suffered serious harm, abuse or neglect is "
        "suspected, and there are questions about how agencies worked together that an LCSPR can answer.",
    ),
    "LEARNING_MISSING": Fact(
        "end",
        "Immediate learning\n\nPractitioners did not share information about the father's history of "
        "violence; health visitors and children's social care need to check who lives in the household.",
    ),
    "DISSEMINATION_MISSING": Fact(
        "end",
        "Sharing the learning\n\nThe learning will be disseminated to practitioners through a seven-minute "
        "briefing, the partnership newsletter and multi-agency training, and the partnership will audit "
        "whether it has been acted on.",
    ),
    "AGENCIES_MISSING": Fact(
        "upfront",
        "Agencies involved in the rapid review: children's social care, police, health visiting, the GP "
        "practice, the hospital trust and education.",
    ),
}


def _result(text: str, code: str) -> Result | None:
    """The one check for `code` (the others do not affect it; shared facts are computed lazily)."""
    return load_all()[code](Context(text))


def _state(r: Result | None) -> str:
    return "not applicable" if r is None else ("gap" if r.gap else "covered")


def delete_lines(text: str, spans: list[tuple[int, int]]) -> tuple[str, int, list[str]]:
    """Delete every line that holds part of a span. Returns the new text, chars removed, lines removed."""
    lines: list[tuple[int, int]] = []
    for start, end in spans:
        lo = text.rfind("\n", 0, start) + 1
        hi = text.find("\n", max(start, end - 1))
        hi = len(text) if hi < 0 else hi + 1
        lines.append((lo, hi))
    lines.sort()
    merged: list[tuple[int, int]] = []
    for lo, hi in lines:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    removed = [text[lo:hi].strip() for lo, hi in merged]
    out, last = [], 0
    for lo, hi in merged:
        out.append(text[last:lo])
        last = hi
    out.append(text[last:])
    new = "".join(out)
    return new, len(text) - len(new), removed


def insert_fact(text: str, fact: Fact) -> str:
    if fact.where == "end":
        return text.rstrip("\n") + "\n\n" + fact.text + "\n"
    end = Context(text).case_information_end
    head, tail = text[:end].rstrip("\n"), text[end:].lstrip("\n")
    return f"{head}\n\n{fact.text}\n\n{tail}"


def _short(lines: list[str], limit: int = 3) -> str:
    shown = "; ".join(f"'{s[:60]}'" for s in lines[:limit])
    return shown + (f" (+{len(lines) - limit} more)" if len(lines) > limit else "")


def run_case(example: int, text: str, code: str, before: Result | None) -> MetamorphicCase:
    if before is None:
        return MetamorphicCase(
            example=example, code=code, direction="skip", passed=None, edit="check does not apply", after=""
        )
    if before.gap:
        fact = FACTS[code]
        added = _result(insert_fact(text, fact), code)
        where = "case information" if fact.where == "upfront" else "end"
        return MetamorphicCase(
            example=example,
            code=code,
            direction="add",
            passed=added is None or not added.gap,
            edit=f"inserted at {where}: '{fact.text.splitlines()[0][:80]}'",
            after=_state(added),
        )
    if not before.evidence:
        return MetamorphicCase(
            example=example,
            code=code,
            direction="skip",
            passed=None,
            edit="covered, but no evidence to delete",
        )
    current, removed_chars, rounds = text, 0, 0
    removed_lines: list[str] = []
    result: Result | None = before
    limit = int(len(text) * MAX_SHARE_REMOVED)
    while (
        result is not None
        and not result.gap
        and result.evidence
        and rounds < MAX_ROUNDS
        and removed_chars < limit
    ):
        current, n, lines = delete_lines(current, [(m.start, m.end) for m in result.evidence])
        removed_chars += n
        removed_lines += lines
        rounds += 1
        result = _result(current, code)
    passed = result is not None and result.gap
    after = _state(result)
    if result is None and code in PARENT:
        parent = _result(current, PARENT[code])
        passed = parent is not None and parent.gap
        after += f"; {PARENT[code]} {'raised' if passed else 'not raised'}"
    elif result is not None and not result.gap:
        after += " (the fact is still found elsewhere" + (
            f" after {rounds} rounds)" if rounds >= MAX_ROUNDS else f"; {removed_chars} chars deleted)"
        )
    return MetamorphicCase(
        example=example,
        code=code,
        direction="remove",
        passed=passed,
        edit=f"deleted {len(removed_lines)} line(s): {_short(removed_lines)}",
        rounds=rounds,
        chars_removed=removed_chars,
        after=after,
    )


def run_suite(corpus: Corpus, progress: Progress | None = None) -> MetamorphicReport:
    codes = [c for c, spec in load_codes().items() if spec.group == "minimum_record"]
    cases: list[MetamorphicCase] = []
    for i, ex in enumerate(corpus.examples, 1):
        text = ex.stripped_text
        before = {r.code: r for r in run_checks(Context(text))}
        cases.extend(run_case(ex.number, text, code, before.get(code)) for code in codes)
        if progress:  # examples finished, each with every minimum-record code removed in turn
            progress(
                f"eval: metamorphic suite, {len(codes)} codes each ({i}/{len(corpus.examples)}: example {ex.number})"
            )
    run = [c for c in cases if c.passed is not None]
    passed = sum(bool(c.passed) for c in run)
    by_direction = {}
    for d in ("remove", "add"):
        ds = [c for c in run if c.direction == d]
        by_direction[d] = f"{sum(bool(c.passed) for c in ds)}/{len(ds)}"
    return MetamorphicReport(
        pass_rate=ratio(passed, len(run)),
        passed=passed,
        run=len(run),
        skipped=len(cases) - len(run),
        by_direction=by_direction,
        cases=cases,
    )
