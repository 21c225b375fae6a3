"""Judgement codes asked of a remote model, and how its answers merge with the rule-based checks.

Three finding codes are judgements, not facts: whether the draft *analyses* the child's lived experience,
how race, culture and faith (and racism and other inequalities) affected the child or practice, and how
disability, health or identity did. Keyword rules decide them badly, so with a remote model configured the
critique call also asks the model the three questions (prompts/judgement_llm.md, answered in the
`judgements` field of the same structured reply). Each answer is a verdict, a quote and a short reason.

Grounding. An "analysed" or "mentioned_not_analysed" answer needs a quote that is found in the draft
(exactly or after whitespace normalisation, `grounding.locate`) and is at least MIN_QUOTE_CHARS characters or
a whole clause; an "analysed" quote must also not be a table row (a table records, it does not analyse).
Otherwise the answer is dropped and counted in `meta.dropped_judgements`. "absent" needs no quote: absence
cannot be quoted.

Merge, per code (the rules' answer is a gap finding or none):

    rules \\ model   analysed (grounded)    mentioned_not_analysed (grounded)   absent
    gap             gap withdrawn          gap kept, model quote added          gap kept (confirmed)
    no gap          agreed, nothing        gap added at "consider"              dropped: the rules found the
                                                                                topic discussed, and an
                                                                                absence cannot be shown

* The model can turn a rule's gap into covered only with a grounded quote of analysis.
* The model can add a gap only at "consider" severity, never "must-fix".
* An ungrounded or unanswered question leaves the rules' answer as it is.
* A finding the model contributed to says so in its message and in `source` ("model" or "rules+model");
  every decision is recorded in `meta.judgements`, and a withdrawn gap is explained in `meta.notices`.
* The general critique points of the same reply cannot add or remove these three codes: a point coded with
  one of them only adds evidence to a finding that already exists after this merge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.critique import Critique, Evidence, Finding, JudgementRecord, Verdict
from assistant.privacy import Redaction
from assistant.providers.grounding import locate, overlaps, section_at

JudgementCode = Literal[
    "LIVED_EXPERIENCE_MISSING", "RACE_CULTURE_NOT_CONSIDERED", "DISABILITY_HEALTH_NOT_CONSIDERED"
]
JUDGEMENT_CODES: tuple[JudgementCode, ...] = (
    "LIVED_EXPERIENCE_MISSING",
    "RACE_CULTURE_NOT_CONSIDERED",
    "DISABILITY_HEALTH_NOT_CONSIDERED",
)
MIN_QUOTE_CHARS = 20
MIN_CLAUSE_WORDS = 3
MAX_REASON_CHARS = 400
MODEL_SAYS = "A remote model's reading of the draft"
_CLAUSE_OPENERS = ".;:!?\n(-*•\"“'‘"
_CLAUSE_CLOSERS = ".;:!?,)\n\"”'’"

# Builds a model-added finding: (code, section, evidence, detail for the code's message template).
FindingFactory = Callable[[str, str, Evidence, str], Finding]


class ModelJudgement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: JudgementCode = Field(description="Which of the three judgement questions this answers.")
    verdict: Verdict = Field(
        description="analysed: the draft discusses the topic's effect on the child or on practice; "
        "mentioned_not_analysed: the topic appears but its effect is not analysed; absent: not mentioned."
    )
    quote: str | None = Field(
        description="Words copied exactly from the draft: for analysed, the sentence that analyses; for "
        "mentioned_not_analysed, the sentence or line that mentions the topic; null for absent."
    )
    reason: str = Field(description="One short sentence explaining the verdict.")


def whole_clause(evidence: Evidence, text: str) -> bool:
    """The span is a whole clause: bounded by punctuation or line ends on both sides, with a few words."""
    if len(evidence.quote.split()) < MIN_CLAUSE_WORDS:
        return False
    before = text[max(0, evidence.start - 80) : evidence.start].rstrip(" \t")
    after = text[evidence.end : evidence.end + 80].lstrip(" \t")
    opens = not before or before[-1] in _CLAUSE_OPENERS
    closes = evidence.quote.rstrip()[-1] in ".;:!?" or not after or after[0] in _CLAUSE_CLOSERS
    return opens and closes


def in_table_row(evidence: Evidence, text: str) -> bool:
    """Every line the span touches is a table row (pipes or tabs between cells)."""
    start = text.rfind("\n", 0, evidence.start) + 1
    end = text.find("\n", evidence.end)
    lines = text[start : end if end >= 0 else len(text)].splitlines() or [""]
    return all(line.count("|") >= 2 or "\t" in line.strip() for line in lines)


def ground(answer: ModelJudgement, redaction: Redaction, text: str) -> tuple[Evidence | None, str]:
    """The answer's quote located in the user's text, or None and why it cannot be used."""
    if not answer.quote or not answer.quote.strip():
        return None, "no quote was given"
    evidence = locate(redaction.restore(answer.quote), text)
    if evidence is None:
        return None, "the quote is not in the draft"
    if len(evidence.quote.strip()) < MIN_QUOTE_CHARS and not whole_clause(evidence, text):
        return None, f"the quote is shorter than {MIN_QUOTE_CHARS} characters and not a whole clause"
    if answer.verdict == "analysed" and in_table_row(evidence, text):
        return None, "the quote is a table row, which records rather than analyses"
    return evidence, ""


def _reason(answer: ModelJudgement, redaction: Redaction) -> str:
    reason = " ".join(redaction.restore(answer.reason).split())
    if len(reason) > MAX_REASON_CHARS:
        reason = reason[: MAX_REASON_CHARS - 1].rstrip() + "…"
    if reason and reason[-1] not in ".!?…":
        reason += "."
    return reason


def merge_judgements(
    critique: Critique,
    answers: list[ModelJudgement],
    redaction: Redaction,
    text: str,
    new_finding: FindingFactory,
) -> None:
    """Merge the model's answers into the rules' critique, in place (policy in the module docstring)."""
    by_code = {a.code: a for a in answers}
    records: list[JudgementRecord] = []
    for code in JUDGEMENT_CODES:
        rule = next((f for f in critique.findings if f.code == code), None)
        answer = by_code.get(code)
        if answer is None:
            records.append(JudgementRecord(code=code, rules_gap=rule is not None, outcome="not_answered"))
            continue
        record = JudgementRecord(
            code=code, rules_gap=rule is not None, model_verdict=answer.verdict, outcome="agreed"
        )
        reason = _reason(answer, redaction)
        if answer.verdict == "absent":
            if rule is None:
                record.outcome, record.note = (
                    "dropped",
                    (
                        "the model said the topic is absent, but the rules found it discussed; an absence "
                        "cannot be quoted, so the rules' answer stands"
                    ),
                )
            else:
                _confirm(rule, reason)
                record.note = reason
            records.append(record)
            continue
        evidence, problem = ground(answer, redaction, text)
        if evidence is None:
            record.outcome, record.note = "dropped", problem
            records.append(record)
            continue
        record.evidence, record.note = evidence, reason
        if answer.verdict == "analysed":
            if rule is not None:
                critique.findings.remove(rule)
                record.outcome = "gap_withdrawn"
                critique.meta.notices.append(
                    f"The point “{rule.title}” was withdrawn: {MODEL_SAYS} found the topic analysed, "
                    f"quoting “{evidence.quote}”. {reason}".rstrip()
                )
        elif rule is not None:  # mentioned, not analysed: the rules' gap stands, with the model's evidence
            if not any(overlaps(evidence, e) for e in rule.evidence):
                rule.evidence.append(evidence)
            _confirm(rule, reason)
        else:
            detail = f" {MODEL_SAYS}: {reason or 'the topic is mentioned but not analysed.'}"
            critique.findings.append(
                new_finding(code, section_at(critique, evidence.start, "Whole document"), evidence, detail)
            )
            record.outcome = "gap_added"
        records.append(record)
    critique.meta.judgements = records
    dropped = sum(r.outcome == "dropped" for r in records)
    critique.meta.dropped_judgements = dropped
    if dropped:
        critique.meta.notices.append(
            f"{dropped} model answer(s) to the judgement questions were dropped: their quotes were not found "
            "in the draft, were too short, or claimed an absence the rules contradict."
        )


def _confirm(finding: Finding, reason: str) -> None:
    finding.source = "rules+model" if finding.origin == "rules" else "model"
    if reason and MODEL_SAYS not in finding.message:
        finding.message = f"{finding.message} {MODEL_SAYS} agrees: {reason}"
