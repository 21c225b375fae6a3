"""The `openai` provider: any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp).

It never replaces the deterministic engine: it runs it first, then asks the model, in one structured call,
for Panel-voice points the rules did not raise and for its answers to the three judgement questions
(lived experience, race and culture, disability and health; see `assistant.providers.judgement` for how
those merge with the rules). Everything sent is redacted; everything returned is validated against the
schema, restored, and grounded (its quote must be in the user's text) before it is merged, so each point
is reported once and nothing unsupported reaches the user.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.corpus import load_corpus
from assistant.critic.taxonomy import load_codes, load_templates
from assistant.domain.critique import Critique, Evidence, Finding, GuidanceRef, Strength
from assistant.errors import ConfigError
from assistant.llm.client import ChatMessage, StructuredChat
from assistant.llm.tokens import count_message_tokens, estimate_cost
from assistant.privacy import Redaction, redact
from assistant.prompts import load_prompt
from assistant.providers.base import CritiqueRequest, DraftRequest, KloeRequest, Provider, register_provider
from assistant.providers.grounding import locate, overlaps, section_at
from assistant.providers.judgement import JUDGEMENT_CODES, ModelJudgement, merge_judgements
from assistant.providers.offline import OfflineProvider
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.domain.drafting import Draft
    from assistant.domain.kloe import KloeReport

MODEL_CODE = "ADDITIONAL_POINT"
PANEL_EXAMPLES = 6


class ModelPoint(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["gap", "strength"] = Field(
        description="gap: something the review lacks; strength: done well."
    )
    code: str | None = Field(description="A code from the list given, or null when none fits.")
    section: str = Field(description="Heading of the draft section the point is about.")
    quote: str = Field(
        description="Exact words copied from the draft that the point rests on (max 300 chars)."
    )
    message: str = Field(description="The point in the Panel's voice, one to three sentences.")


class ModelCritique(BaseModel):
    model_config = ConfigDict(extra="forbid")

    points: list[ModelPoint] = Field(max_length=15, description="Panel-voice points, gaps and strengths.")
    judgements: list[ModelJudgement] = Field(
        default_factory=list,
        max_length=len(JUDGEMENT_CODES),
        description="One answer to each judgement question (lived experience, race and culture, "
        "disability and health).",
    )

    @field_validator("judgements")
    @classmethod
    def _one_answer_per_code(cls, answers: list[ModelJudgement]) -> list[ModelJudgement]:
        codes = [a.code for a in answers]
        repeated = sorted({c for c in codes if codes.count(c) > 1})
        if repeated:
            raise ValueError(f"give one answer per code; repeated: {', '.join(repeated)}")
        return answers


class SendEstimate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = Field(description="Remote model.")
    host: str | None = Field(description="Endpoint host the text would go to.")
    prompt_tokens: int = Field(description="Tokens in the redacted prompt.")
    max_completion_tokens: int = Field(description="Completion cap.")
    estimated_cost_usd: float | None = Field(description="Upper-bound cost estimate; None when unpriced.")
    redacted_text: str = Field(description="The redacted draft exactly as it would be sent.")
    placeholders: int = Field(description="Distinct identifiers replaced.")


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {i}" for i in items)


def fence(draft: str) -> str:
    """The draft as placed between the prompt's <<< and >>> lines: it cannot close that block or open another."""
    return draft.replace("<<<", "< < <").replace(">>>", "> > >")


@register_provider("openai")
class OpenAICompatibleProvider(Provider):
    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        if not settings.llm_configured:
            raise ConfigError(
                "the openai provider needs an endpoint and a model",
                fix="set RRA_LLM_BASE_URL and RRA_LLM_MODEL (and RRA_LLM_API_KEY if the endpoint needs one), "
                "or use --provider offline",
            )
        self.offline = OfflineProvider(settings)
        self.chat = StructuredChat.from_settings(settings)

    # -- critique ---------------------------------------------------------------------------------------
    def _critique_messages(
        self, request: CritiqueRequest, rules: Critique
    ) -> tuple[list[ChatMessage], Redaction]:
        corpus = load_corpus()
        codes = load_codes()
        examples = self.offline.retriever(
            "Panel comment on gaps and strengths of a rapid review", request.exclude_example
        ) + [c for f in rules.findings[:3] for c in f.panel_comments]
        seen: set[str] = set()
        panel_examples: list[str] = []
        for c in examples:
            if c.id not in seen and len(panel_examples) < PANEL_EXAMPLES:
                seen.add(c.id)
                panel_examples.append(f"(Example {c.example}, {c.section}) {c.text}")
        prompt = load_prompt("critique_llm").render(
            minimum_requirements=_bullets(
                [g.text for g in corpus.guidance if g.group == "minimum_requirement"]
            ),
            important_issues=_bullets([g.text for g in corpus.guidance if g.group == "important_issue"]),
            codes=_bullets([f"{c.code}: {c.title}" for c in codes.values()]),
            rule_findings=_bullets([f"{f.code}: {f.title}" for f in rules.findings]) or "- (none)",
            panel_examples=_bullets(panel_examples),
            judgement_questions=load_prompt("judgement_llm").render(),
            draft=fence(request.text),
        )
        # One redaction over the whole prompt keeps placeholders consistent between draft and context.
        redaction = redact(prompt)
        system = (
            "You review safeguarding rapid reviews for England's Child Safeguarding Practice Review Panel."
        )
        return [
            ChatMessage(role="system", content=system),
            ChatMessage(role="user", content=redaction.text),
        ], redaction

    def estimate(self, request: CritiqueRequest) -> SendEstimate:
        """What would be sent, before anything is: for the app's confirm step and the CLI's notice."""
        rules = self.offline.critique(request)
        messages, redaction = self._critique_messages(request, rules)
        tokens = count_message_tokens(
            [m.model_dump() for m in messages], self.chat.model, cache_dir=self.chat.tiktoken_dir
        )
        return SendEstimate(
            model=self.chat.model,
            host=self.chat.host,
            prompt_tokens=tokens,
            max_completion_tokens=self.chat.max_tokens,
            estimated_cost_usd=estimate_cost(tokens, self.chat.max_tokens, self.chat.pricing_model),
            redacted_text=redact(request.text).text,
            placeholders=len(redaction.entities),
        )

    def critique(self, request: CritiqueRequest) -> Critique:
        rules = self.offline.critique(request)
        if not rules.meta.looks_like_rapid_review:
            return rules  # nothing worth sending
        messages, redaction = self._critique_messages(request, rules)
        reply = self.chat.generate_reply(messages, ModelCritique)
        merged = self._merge(request, rules, reply.value, redaction)
        merged.meta.provider = self.name
        merged.meta.model = self.chat.model
        if reply.cache_hit:
            merged.meta.notices.append("The model's answer came from the local cache (no call was made).")
        return merged

    def _model_finding(
        self, request: CritiqueRequest, code: str, section: str, evidence: Evidence, message: str
    ) -> Finding:
        """A finding the model raised, with the code's guidance and Panel comments.

        Always 'consider': a model's point, however well grounded, never makes something a must-fix.
        """
        codes, templates, corpus = load_codes(), load_templates(), load_corpus()
        template = templates.findings[code]
        return Finding(
            code=code,
            title=codes[code].title,
            severity="consider",
            section=section,
            evidence=[evidence],
            message=message,
            guidance=[GuidanceRef(id=g, text=corpus.guidance_by_id(g).text) for g in template.guidance],
            panel_comments=self.offline.retriever(template.query, request.exclude_example)
            if request.with_panel_comments
            else [],
            origin="llm",
            source="model",
        )

    def _merge(
        self, request: CritiqueRequest, rules: Critique, answer: ModelCritique, redaction: Redaction
    ) -> Critique:
        codes, templates = load_codes(), load_templates()
        text = request.text
        merge_judgements(
            rules,
            answer.judgements,
            redaction,
            text,
            lambda code, section, evidence, detail: self._model_finding(
                request, code, section, evidence, templates.findings[code].render(code, detail)
            ),
        )
        dropped = 0
        by_code = {f.code: f for f in rules.findings}
        for point in answer.points:
            evidence = locate(redaction.restore(point.quote), text)
            code = point.code or MODEL_CODE
            if evidence is None or code not in codes:
                dropped += 1
                continue
            message = redaction.restore(point.message).strip()
            section = section_at(rules, evidence.start, point.section)
            if point.kind == "strength":
                if not any(any(overlaps(evidence, e) for e in s.evidence) for s in rules.strengths):
                    rules.strengths.append(
                        Strength(
                            code="MODEL_STRENGTH",
                            title=templates.strengths["MODEL_STRENGTH"].title,
                            section=section,
                            evidence=[evidence],
                            message=message,
                            origin="llm",
                        )
                    )
                continue
            existing = by_code.get(code) if code != MODEL_CODE else None
            if existing is not None:
                # The rules already made this point: add the model's evidence, keep one finding.
                if not any(overlaps(evidence, e) for e in existing.evidence):
                    existing.evidence.append(evidence)
                    if existing.origin == "rules":
                        existing.source = "rules+model"
                continue
            if code in JUDGEMENT_CODES:
                continue  # the judgement answers alone add or withdraw these codes
            if code == MODEL_CODE and any(
                f.code == MODEL_CODE and any(overlaps(evidence, e) for e in f.evidence)
                for f in rules.findings
            ):
                continue
            finding = self._model_finding(request, code, section, evidence, message)
            rules.findings.append(finding)
            by_code.setdefault(code, finding)
        rules.meta.dropped_ungrounded = dropped
        if dropped:
            rules.meta.notices.append(
                f"{dropped} model point(s) were dropped because their quotes were not found in the draft "
                "or their codes were not in the taxonomy."
            )
        return rules

    # -- drafting: the offline sections, plus a cited narrative -----------------------------------------
    def draft(self, request: DraftRequest) -> Draft:
        from assistant.drafting import grounding_problems
        from assistant.providers.llm_drafting import ModelDraft, narrative_section

        draft = self.offline.draft(request)
        entries = "\n".join(
            f"L{item.lines[0]}: {item.date_text or 'undated'} | {item.agency or item.agency_text or '-'} | "
            f"{' '.join(item.event.split())}"
            for item in draft.timeline
        )
        redaction = redact(load_prompt("draft_llm").render(entries=entries))
        reply = self.chat.generate_reply(
            self._messages(redaction, "You draft factual sections of rapid reviews."), ModelDraft
        )
        section, dropped = narrative_section(reply.value, redaction, request.text, draft)
        if section is not None:
            draft.sections.append(section)
            problems = grounding_problems(draft, request.text)
            if problems:  # belt and braces: never show the user an ungrounded sentence
                draft.sections.pop()
                dropped += len(section.blocks[0].sentences) if section.blocks else 0
                draft.meta.notices.append("The model's narrative was withdrawn: " + problems[0])
        draft.meta.provider, draft.meta.model, draft.meta.dropped_ungrounded = (
            self.name,
            self.chat.model,
            dropped,
        )
        if dropped:
            draft.meta.notices.append(
                f"{dropped} model sentence(s) were dropped: they did not cite the chronology."
            )
        return draft

    # -- lines of enquiry: the offline lines, plus grounded model questions --------------------------------
    def kloe(self, request: KloeRequest) -> KloeReport:
        from assistant.providers.llm_drafting import ModelEnquiry, merge_enquiry

        report = self.offline.kloe(request)
        existing = _bullets([line.question for line in report.lines_of_enquiry]) or "- (none)"
        redaction = redact(load_prompt("kloe_llm").render(existing=existing, text=request.text))
        reply = self.chat.generate_reply(
            self._messages(redaction, "You help chairs of rapid review meetings."), ModelEnquiry
        )
        dropped = merge_enquiry(report, reply.value, redaction, request.text)
        report.meta.provider, report.meta.model = self.name, self.chat.model
        if dropped:
            report.meta.notices.append(
                f"{dropped} model question(s) were dropped: their quotes were not in the text."
            )
        return report

    @staticmethod
    def _messages(redaction: Redaction, system: str) -> list[ChatMessage]:
        return [ChatMessage(role="system", content=system), ChatMessage(role="user", content=redaction.text)]
