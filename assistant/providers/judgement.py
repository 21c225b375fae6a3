"""Judgement codes asked of a remote model, and how its answers merge with the rule-based checks.

Three finding codes are judgements, not facts: whether the draft *analyses* the child's lived experience,
how race, culture and faith (and racism and other inequalities) affected the child or practice, and how
disability, health or identity did. Keyword rules decide them badly, so with a remote model configured the
critique call also asks the model the three questions (prompts/judgement_llm.md, answered in the
`judgements` field of the same structured reply). Each answer is a verdict, a quote and a short reason.

Grounding. An "analysed" or "mentioned_not_analysed" answer needs a quote that grounds it by the one rule
for every model point (`grounding.ground_quote`: found in the draft, exactly or after whitespace
normalisation, and at least MIN_QUOTE_CHARS characters or a whole clause); an "analysed" quote must also not
be a table row (a table records, it does not analyse).
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
* A finding the model contributed to says so in `source` ("model" or "rules+model"). The model's words
  never go into a rule's message: its reason is kept in `model_note` and its quote in `model_evidence`
  (as well as `evidence`), and the renderers show both marked as model-written. A gap the model adds
  carries no Panel guidance or Panel comments: those belong to the rules' findings.
* Every decision is recorded in `meta.judgements`, and a withdrawn gap is explained in `meta.notices`.
* The general critique points of the same reply cannot add or remove these three codes: a point coded with
  one of them only adds evidence to a finding that already exists after this merge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.critique import Critique, Evidence, Finding, JudgementRecord, Verdict
from assistant.llm.untrusted import clean_model_text
from assistant.privacy import Redaction
from assistant.providers.grounding import (
    MIN_CLAUSE_WORDS,
    MIN_QUOTE_CHARS,
    ground_quote,
    overlaps,
    section_at,
    whole_clause,
)

JudgementCode = Literal[
    "LIVED_EXPERIENCE_MISSING", "RACE_CULTURE_NOT_CONSIDERED", "DISABILITY_HEALTH_NOT_CONSIDERED"
]
JUDGEMENT_CODES: tuple[JudgementCode, ...] = (
    "LIVED_EXPERIENCE_MISSING",
    "RACE_CULTURE_NOT_CONSIDERED",
    "DISABILITY_HEALTH_NOT_CONSIDERED",
)
MAX_REASON_CHARS = 400
MODEL_SAYS = "A remote model's reading of the draft"
NOT_ANALYSED = "The topic is mentioned but its effect is not analysed."
__all__ = [
    "MIN_CLAUSE_WORDS",
    "MIN_QUOTE_CHARS",
    "ModelJudgement",
    "ground",
    "merge_judgements",
    "whole_clause",
]

# Builds a model-added finding: (code, section, evidence, the model's message).
FindingFactory = Callable[[str, str, Evidence, str], Finding]


class ModelJudgement(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: JudgementCode = Field(description="Which of the three judgement questions this answers.")
    verdict: Verdict = Field(
        description="analysed: the draft discusses the topic's effect on the child or on practice; "
        "mentioned_not_analysed: the topic appears but its effect is not analysed; absent: not mentioned."
    )
    quote: str | None = Field(
        max_length=600,
        description="Words copied exactly from the draft, a whole sentence or clause (at least 20 characters): "
        "for analysed, the sentence that analyses; for mentioned_not_analysed, the sentence or line that "
        "mentions the topic; null for absent.",
    )
    reason: str = Field(max_length=1000, description="One short sentence explaining the verdict.")


def in_table_row(evidence: Evidence, text: str) -> bool:
    """Every line the span touches is a table row (pipes or tabs between cells)."""
    start = text.rfind("\n", 0, evidence.start) + 1
    end = text.find("\n", evidence.end)
    lines = text[start : end if end >= 0 else len(text)].splitlines() or [""]
    return all(line.count("|") >= 2 or "\t" in line.strip() for line in lines)


def ground(answer: ModelJudgement, redaction: Redaction, text: str) -> tuple[Evidence | None, str]:
    """The answer's quote located in the user's text, or None and why it cannot be used."""
    evidence, problem = ground_quote(answer.quote, redaction, text, where="the draft")
    if evidence is None:
        return None, problem
    if answer.verdict == "analysed" and in_table_row(evidence, text):
        return None, "the quote is a table row, which records rather than analyses"
    return evidence, ""


def _reason(answer: ModelJudgement, redaction: Redaction) -> str:
    """The model's reason as plain one-line text: cleaned before and after the placeholders go back."""
    reason = clean_model_text(redaction.restore(clean_model_text(answer.reason)), MAX_REASON_CHARS)
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
                    f"quoting “{evidence.quote}”."
                    + (f" The model's reason (model-written): {reason}" if reason else "")
                )
        elif rule is not None:  # mentioned, not analysed: the rules' gap stands, with the model's evidence
            add_model_evidence(rule, evidence)
            _confirm(rule, reason)
        else:
            critique.findings.append(
                new_finding(
                    code,
                    section_at(critique, evidence.start, "Whole document"),
                    evidence,
                    reason or NOT_ANALYSED,
                )
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


def add_model_evidence(finding: Finding, evidence: Evidence) -> None:
    """The model's quote added to a finding (and listed as the model's), unless it repeats one already there."""
    if not any(overlaps(evidence, e) for e in finding.evidence):
        finding.evidence.append(evidence)
        finding.model_evidence.append(evidence)
        if finding.origin == "rules":
            finding.source = "rules+model"


def _confirm(finding: Finding, reason: str) -> None:
    """The model agrees with a finding: say so in `source`, and keep its reason apart from the message."""
    finding.source = "rules+model" if finding.origin == "rules" else "model"
    if reason:
        finding.model_note = reason
