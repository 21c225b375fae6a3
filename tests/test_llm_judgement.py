"""Judgement codes asked of the model: lived experience, race and culture, disability and health.

End to end against the loopback fake OpenAI server (real SDK and langchain stack), through
`services.critique(text, provider="openai")`, the path the CLI, the app and the eval all take. Most tests pin
what the rule-based checks say about the three codes (`pin_rules`), so they test the merge policy in
`assistant.providers.judgement` whatever the rules decide for this draft.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from assistant import services
from assistant.critic.taxonomy import load_codes, load_templates
from assistant.domain.critique import Critique, Evidence, Finding
from assistant.errors import OutputValidationError
from assistant.privacy import redact
from assistant.prompts import load_prompt
from assistant.providers.judgement import (
    JUDGEMENT_CODES,
    MIN_QUOTE_CHARS,
    ModelJudgement,
    ground,
    in_table_row,
    whole_clause,
)
from assistant.settings import get_settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply

LIVED, RACE, HEALTH = JUDGEMENT_CODES

DRAFT = """# Rapid review: CHILD M

## Case information

CHILD M, a 9-year-old girl, White British, no known disability. She lived with her mother Sarah Thompson
(aged 34), her stepfather David Clarke (aged 38) and her brother.

| Name | Relationship | Age | Health |
|---|---|---|---|
| CHILD M | subject | 9 | none known |
| Sarah Thompson | mother | 34 | depression |
| Tom Thompson | brother | 12 | autism, ADHD |

## Summary of the incident

On 14/03/2025 CHILD M was taken to hospital by ambulance with a fractured arm and bruising to her back.
Police and Children's Social Care attended and a strategy discussion was held the same day.

## Agencies involved

Information was received from Police, the school, the GP, Children's Social Care and Health Visiting.

## Immediate safeguarding

CHILD M and her brother are staying with their grandmother under a safety plan agreed by Children's Social Care.

## Analysis

Her teacher noticed that she arrived hungry most mornings and rarely spoke in class. The review considers
what this tells us about her daily life at home: no practitioner asked her how things were.
Practitioners saw the mother's depression as the main risk to the children. She was quiet.

## Learning

The school will record and share concerns about hunger with Children's Social Care. Learning will be shared
through a practitioner briefing.

## Decision

The partnership will not commission an LCSPR because the learning has been identified and actions are in place.
"""
NAMES = ("Sarah Thompson", "David Clarke", "Tom Thompson", "14/03/2025")
LIVED_ANALYSIS = (
    "The review considers\nwhat this tells us about her daily life at home"  # line break as in DRAFT
)
TABLE_ROW = "| Tom Thompson | brother | 12 | autism, ADHD |"
HEALTH_MENTION = "Practitioners saw the mother's depression as the main risk to the children."
ETHNICITY_LINE = "CHILD M, a 9-year-old girl, White British, no known disability."


def _configure(
    monkeypatch: pytest.MonkeyPatch, server: FakeOpenAIServer, tmp_path: Path, **extra: str
) -> None:
    for name, value in {
        "RRA_LLM_BASE_URL": server.base_url,
        "RRA_LLM_MODEL": "gpt-4o-mini",
        "RRA_LLM_API_KEY": "test-key",
        "RRA_LLM_MAX_RETRIES": "0",
        "RRA_LLM_TIMEOUT_S": "5",
        "RRA_AUDIT_LOG": str(tmp_path / "audit.jsonl"),
        "RRA_CACHE_DIR": str(tmp_path / "cache"),
        **extra,
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()


def pin_rules(
    monkeypatch: pytest.MonkeyPatch, *, gaps: tuple[str, ...] = (), covered: tuple[str, ...] = ()
) -> None:
    """Make the rule-based checks report exactly these gaps (and no gap for `covered`), as a rule would."""
    import assistant.providers.offline as offline

    real = offline.critique_text

    def pinned(text: str, **kwargs: Any) -> Critique:
        critique = real(text, **kwargs)
        critique.findings = [f for f in critique.findings if f.code not in covered]
        for code in gaps:
            if not any(f.code == code for f in critique.findings):
                critique.findings.append(
                    Finding(
                        code=code,
                        title=load_codes()[code].title,
                        severity="consider",
                        section="Whole document",
                        message=load_templates().findings[code].render(code, ""),
                    )
                )
        return critique

    monkeypatch.setattr(offline, "critique_text", pinned)


def answer(
    code: str, verdict: str, quote: str | None, reason: str = "Because of what the draft says."
) -> dict[str, Any]:
    return {"code": code, "verdict": verdict, "quote": quote, "reason": reason}


def reply(*judgements: dict[str, Any], points: list[dict[str, Any]] | None = None) -> Reply:
    return Reply.json({"points": points or [], "judgements": list(judgements)})


def critique_with(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *replies: Reply, **settings: str
) -> tuple[Critique, FakeOpenAIServer]:
    with FakeOpenAIServer() as server:
        _configure(monkeypatch, server, tmp_path, **settings)
        server.queue(*replies)
        result = services.critique(DRAFT, provider="openai", with_panel_comments=False)
    return result, server


def by_code(critique: Critique, code: str) -> Finding | None:
    return next((f for f in critique.findings if f.code == code), None)


def record(critique: Critique, code: str) -> Any:
    return next(r for r in critique.meta.judgements if r.code == code)


def assert_grounded(critique: Critique) -> None:
    for f in critique.findings:
        for ev in f.evidence:
            assert DRAFT[ev.start : ev.end] == ev.quote
    for r in critique.meta.judgements:
        if r.evidence is not None:
            assert DRAFT[r.evidence.start : r.evidence.end] == r.evidence.quote


# ----------------------------------------------------------------------------------------- end to end


@pytest.mark.loopback
def test_judgement_questions_go_redacted_in_the_one_critique_call(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    mother = re.search(r"her mother (PERSON_\d+)", redact(DRAFT).text)
    assert mother is not None
    result, server = critique_with(
        monkeypatch,
        tmp_path,
        reply(answer(LIVED, "analysed", LIVED_ANALYSIS, f"The review hears {mother.group(1)}'s daughter.")),
    )
    assert len(server.chat_requests) == 1  # one structured call: points and judgements together
    request = server.chat_requests[0]
    sent = request.text
    for name in NAMES:
        assert name not in sent
    assert "PERSON_" in sent and "CHILD M" in sent
    assert f"her mother {mother.group(1)}" in sent  # the same placeholder as redacting the draft alone
    user = next(m["content"] for m in request.body["messages"] if m["role"] == "user")
    for code in JUDGEMENT_CODES:
        assert code in user
    assert "ANALYSES" in user  # the question is analysis, not a word appearing
    schema = request.body["response_format"]["json_schema"]["schema"]
    assert "judgements" in schema["properties"]
    # the reply is restored for the user
    assert result.meta.provider == "openai" and result.meta.model == "gpt-4o-mini"
    assert record(result, LIVED).note == "The review hears Sarah Thompson's daughter."
    audit = (tmp_path / "audit.jsonl").read_text(encoding="utf-8")
    assert "Sarah Thompson" not in audit


@pytest.mark.loopback
def test_grounded_analysed_answer_withdraws_the_rule_gap(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pin_rules(monkeypatch, gaps=(LIVED,))
    result, _ = critique_with(
        monkeypatch,
        tmp_path,
        reply(answer(LIVED, "analysed", LIVED_ANALYSIS.replace("\n", " "), "It reflects on her daily life.")),
    )
    assert by_code(result, LIVED) is None
    rec = record(result, LIVED)
    assert rec.rules_gap and rec.model_verdict == "analysed" and rec.outcome == "gap_withdrawn"
    assert rec.evidence is not None and rec.evidence.quote == LIVED_ANALYSIS  # the user's exact span
    assert any("withdrawn" in n and "daily life at home" in n for n in result.meta.notices)
    assert result.meta.dropped_judgements == 0
    assert_grounded(result)


@pytest.mark.loopback
def test_ungrounded_short_or_table_quotes_are_dropped_and_counted(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pin_rules(monkeypatch, gaps=JUDGEMENT_CODES)
    result, _ = critique_with(
        monkeypatch,
        tmp_path,
        reply(
            answer(
                LIVED, "analysed", "The review sets out CHILD M's wishes and feelings in detail."
            ),  # not there
            answer(RACE, "analysed", "White British"),  # in the draft, but 13 characters and not a clause
            answer(HEALTH, "analysed", TABLE_ROW),  # a table records; it does not analyse
        ),
    )
    assert result.meta.dropped_judgements == 3
    assert {r.code: r.outcome for r in result.meta.judgements} == dict.fromkeys(JUDGEMENT_CODES, "dropped")
    assert "not in the draft" in record(result, LIVED).note
    assert f"shorter than {MIN_QUOTE_CHARS}" in record(result, RACE).note
    assert "table row" in record(result, HEALTH).note
    for code in JUDGEMENT_CODES:  # the rules' gaps stand, untouched
        finding = by_code(result, code)
        assert finding is not None and finding.source == "rules" and finding.origin == "rules"
    assert any("3 model answer(s) to the judgement questions were dropped" in n for n in result.meta.notices)


@pytest.mark.loopback
def test_model_added_gap_is_consider_never_must_fix_and_says_so(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pin_rules(monkeypatch, covered=(HEALTH,))
    result, _ = critique_with(
        monkeypatch,
        tmp_path,
        reply(
            answer(
                HEALTH,
                "mentioned_not_analysed",
                TABLE_ROW,  # a table row is fine as the place a topic is *mentioned*
                "Autism and ADHD appear only in the family table; their effect on the household is not discussed",
            )
        ),
    )
    added = by_code(result, HEALTH)
    assert added is not None
    assert added.severity == "consider" and added.origin == "llm" and added.source == "model"
    assert added.evidence[0].quote == TABLE_ROW and added.section == "Case information"
    # The message is the model's own words (marked as model-written by every renderer), and it carries
    # none of the rule's Panel guidance or Panel comments: the rules did not find this.
    assert added.message.startswith("Autism and ADHD appear only in the family table")
    assert added.guidance == [] and added.panel_comments == []
    assert added.model_evidence == added.evidence
    assert record(result, HEALTH).outcome == "gap_added" and not record(result, HEALTH).rules_gap
    assert all(f.severity == "consider" for f in result.findings if f.origin == "llm")
    assert_grounded(result)


@pytest.mark.loopback
def test_mentioned_or_absent_confirms_the_rule_gap(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pin_rules(monkeypatch, gaps=(HEALTH, LIVED))
    result, _ = critique_with(
        monkeypatch,
        tmp_path,
        reply(
            answer(
                HEALTH, "mentioned_not_analysed", HEALTH_MENTION, "The depression is named, not analysed."
            ),
            answer(LIVED, "absent", None, "Nothing about the child's daily life."),
        ),
    )
    health, lived = by_code(result, HEALTH), by_code(result, LIVED)
    assert health is not None and lived is not None
    assert health.source == "rules+model" and health.origin == "rules"
    assert [e.quote for e in health.evidence] == [HEALTH_MENTION]
    assert health.model_evidence == health.evidence  # the quote is the model's, and listed as such
    # The model's words stay out of the rule's Panel-voice message, in their own field.
    assert health.model_note == "The depression is named, not analysed."
    assert "depression is named" not in health.message
    assert lived.model_note == "Nothing about the child's daily life."
    assert lived.source == "rules+model" and lived.evidence == []  # absence needs, and has, no quote
    assert {r.code: r.outcome for r in result.meta.judgements} == {
        LIVED: "agreed",
        RACE: "not_answered",
        HEALTH: "agreed",
    }
    assert result.meta.dropped_judgements == 0


@pytest.mark.loopback
def test_absent_cannot_overrule_rules_that_found_the_topic_discussed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pin_rules(monkeypatch, covered=(RACE,))
    result, _ = critique_with(monkeypatch, tmp_path, reply(answer(RACE, "absent", None, "Not mentioned.")))
    assert by_code(result, RACE) is None
    assert record(result, RACE).outcome == "dropped" and result.meta.dropped_judgements == 1


@pytest.mark.loopback
def test_real_rules_gap_confirmed_with_the_models_evidence(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Precondition from the real rules: ethnicity recorded up front, never discussed, is a gap.
    offline = services.critique(DRAFT, provider="offline", with_panel_comments=False)
    assert by_code(offline, RACE) is not None, "the rules no longer raise RACE_CULTURE_NOT_CONSIDERED here"
    result, _ = critique_with(
        monkeypatch,
        tmp_path,
        reply(answer(RACE, "mentioned_not_analysed", ETHNICITY_LINE, "Ethnicity is recorded only.")),
    )
    race = by_code(result, RACE)
    assert race is not None and race.source == "rules+model" and race.severity == "consider"
    assert ETHNICITY_LINE in [e.quote for e in race.evidence]
    assert_grounded(result)


@pytest.mark.loopback
def test_general_points_cannot_add_or_restore_judgement_codes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pin_rules(monkeypatch, gaps=(LIVED,), covered=(HEALTH,))
    point = {"kind": "gap", "section": "Analysis", "message": "Say more."}
    result, _ = critique_with(
        monkeypatch,
        tmp_path,
        reply(
            answer(LIVED, "analysed", LIVED_ANALYSIS, "It reflects on her daily life."),
            points=[
                {**point, "code": HEALTH, "quote": HEALTH_MENTION},  # no HEALTH finding: not added
                {**point, "code": LIVED, "quote": "rarely spoke in class"},  # withdrawn: not restored
            ],
        ),
    )
    assert by_code(result, HEALTH) is None and by_code(result, LIVED) is None
    assert result.meta.dropped_ungrounded == 0  # grounded, just not theirs to decide


@pytest.mark.loopback
def test_invalid_replies_are_reasked_with_the_errors_then_succeed(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pin_rules(monkeypatch, gaps=(LIVED,))
    valid = reply(answer(LIVED, "analysed", LIVED_ANALYSIS, "It reflects on her daily life."))
    result, server = critique_with(
        monkeypatch,
        tmp_path,
        Reply.text('{"points": [], "judgements": [ {"code": '),  # not JSON
        reply(answer(LIVED, "probably", LIVED_ANALYSIS)),  # JSON, but not a verdict
        valid,
    )
    assert len(server.chat_requests) == 3
    second, third = (r.body["messages"][-1]["content"] for r in server.chat_requests[1:])
    assert "could not be used" in second
    assert "judgements.0.verdict" in third
    assert by_code(result, LIVED) is None and record(result, LIVED).outcome == "gap_withdrawn"


@pytest.mark.loopback
def test_always_invalid_fails_with_the_typed_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    twice = reply(answer(LIVED, "absent", None), answer(LIVED, "analysed", LIVED_ANALYSIS))  # one code twice
    with pytest.raises(OutputValidationError, match="after 2 tries") as caught:
        critique_with(monkeypatch, tmp_path, twice, twice, RRA_LLM_MAX_REASKS="1")
    assert "repeated: LIVED_EXPERIENCE_MISSING" in caught.value.message
    assert "RRA_LLM_MAX_REASKS" in (caught.value.fix or "")


@pytest.mark.loopback
def test_no_provider_configured_makes_no_call_and_offline_is_unchanged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with FakeOpenAIServer() as server:
        _configure(monkeypatch, server, tmp_path)  # a model is configured but not chosen
        result = services.critique(DRAFT, with_panel_comments=False)
        assert server.requests == []
    assert result.meta.provider == "offline"
    assert result.meta.judgements == [] and result.meta.dropped_judgements == 0
    assert all(f.source == "rules" and f.origin == "rules" for f in result.findings)


# ------------------------------------------------------------------------------------ grounding rules


def _at(quote: str) -> Evidence:
    start = DRAFT.index(quote)
    return Evidence(quote=quote, start=start, end=start + len(quote))


def test_a_short_quote_counts_only_as_a_whole_clause() -> None:
    assert len("She was quiet.") < MIN_QUOTE_CHARS
    assert whole_clause(_at("She was quiet."), DRAFT)
    assert not whole_clause(_at("White British"), DRAFT)
    assert not whole_clause(_at("arrived hungry"), DRAFT)
    redaction = redact(DRAFT)
    short = ModelJudgement(code=LIVED, verdict="analysed", quote="She was quiet.", reason="r")
    assert ground(short, redaction, DRAFT)[0] == _at("She was quiet.")
    fragment = ModelJudgement(code=LIVED, verdict="mentioned_not_analysed", quote="hungry most", reason="r")
    assert ground(fragment, redaction, DRAFT)[0] is None


def test_table_rows_are_mentions_not_analysis() -> None:
    assert in_table_row(_at(TABLE_ROW), DRAFT) and in_table_row(_at("autism, ADHD"), DRAFT)
    assert not in_table_row(_at(HEALTH_MENTION), DRAFT)
    redaction = redact(DRAFT)
    for verdict, grounded in (("analysed", False), ("mentioned_not_analysed", True)):
        judgement = ModelJudgement(code=HEALTH, verdict=verdict, quote=TABLE_ROW, reason="r")
        assert (ground(judgement, redaction, DRAFT)[0] is not None) is grounded


def test_placeholders_in_a_quote_are_restored_before_it_is_located() -> None:
    redaction = redact(DRAFT)
    quote = next(
        line for line in redaction.text.splitlines() if "autism, ADHD" in line
    )  # as the model sees it
    assert "Tom Thompson" not in quote and "PERSON_" in quote
    evidence, problem = ground(
        ModelJudgement(code=HEALTH, verdict="mentioned_not_analysed", quote=quote, reason="r"),
        redaction,
        DRAFT,
    )
    assert problem == "" and evidence == _at(TABLE_ROW)


def test_the_judgement_prompt_loads_strictly_and_asks_each_code() -> None:
    prompt = load_prompt("judgement_llm")
    assert prompt.variables == ()
    body = prompt.render()
    assert set(JUDGEMENT_CODES) <= set(load_codes())
    for code in JUDGEMENT_CODES:
        assert code in body
    for verdict in ("analysed", "mentioned_not_analysed", "absent"):
        assert f'"{verdict}"' in body
    assert "judgement_questions" in load_prompt("critique_llm").variables
