"""The `openai` provider: any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, Ollama, vLLM, llama.cpp).

It never replaces the deterministic engine: it runs it first, then asks the model, in one structured call,
for Panel-voice points the rules did not raise and for its answers to the three judgement questions
(lived experience, race and culture, disability and health; see `assistant.providers.judgement` for how
those merge with the rules). Everything sent is redacted; everything returned is validated against the
schema (with a length cap on every field), restored, and grounded (its quote must be a meaningful span of
the user's text, `grounding.ground_quote`) before it is merged, so each point is reported once and nothing
unsupported reaches the user.

What the model writes is data (`assistant.llm.untrusted`): every model-written string is cleaned to one
line of plain words (no links, images, URLs or markup) before its placeholders are restored. A model point
is a finding with `source="model"` and `origin="llm"`: always "consider", never the rules' Panel guidance or
Panel comments (those are attached only to what the rules found), and every renderer marks it as
model-written. Where the model repeats a rule's point, only its quote is added (listed in `model_evidence`).

Before each remote call the provider says what it is about to send (`assistant.providers.notice`): a
command that listens (`announce_sends`) prints it before anything leaves the machine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.corpus import load_corpus
from assistant.critic.taxonomy import load_codes, load_templates
from assistant.domain.critique import Critique, Evidence, Finding, Strength
from assistant.errors import ConfigError
from assistant.llm.client import ChatMessage, StructuredChat, StructuredReply
from assistant.llm.tokens import count_message_tokens, estimate_cost
from assistant.llm.untrusted import clean_model_text
from assistant.privacy import Redaction, redact
from assistant.prompts import load_prompt
from assistant.providers.base import CritiqueRequest, DraftRequest, KloeRequest, Provider, register_provider
from assistant.providers.grounding import ground_quote, overlaps, section_at
from assistant.providers.judgement import (
    JUDGEMENT_CODES,
    ModelJudgement,
    add_model_evidence,
    merge_judgements,
)
from assistant.providers.notice import SendEstimate, Task, notify_send
from assistant.providers.offline import OfflineProvider
from assistant.settings import Settings

if TYPE_CHECKING:
    from assistant.domain.drafting import Draft
    from assistant.domain.kloe import KloeReport

MODEL_CODE = "ADDITIONAL_POINT"
PANEL_EXAMPLES = 6
WHOLE_DOCUMENT = "Whole document"
MAX_MESSAGE_CHARS = 1200
T = TypeVar("T", bound=BaseModel)
__all__ = ["ModelCritique", "ModelPoint", "OpenAICompatibleProvider", "SendEstimate", "fence"]


class ModelPoint(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["gap", "strength"] = Field(
        description="gap: something the review lacks; strength: done well."
    )
    code: str | None = Field(max_length=64, description="A code from the list given, or null when none fits.")
    section: str = Field(max_length=300, description="Heading of the draft section the point is about.")
    quote: str = Field(
        max_length=600,
        description="Exact words copied from the draft that the point rests on: a whole sentence or clause, "
        "at least 20 characters (max 300 chars).",
    )
    message: str = Field(
        max_length=MAX_MESSAGE_CHARS,
        description="The point in the Panel's voice, one to three sentences of plain text (no links or markup).",
    )


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


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {i}" for i in items)


def fence(draft: str) -> str:
    """The draft as placed between the prompt's <<< and >>> lines: it cannot close that block or open another."""
    return draft.replace("<<<", "< < <").replace(">>>", "> > >")


def fenced_part(prompt: str) -> str | None:
    """The text between a prompt's last <<< and >>> lines (the user's text as sent), or None."""
    start = prompt.rfind("<<<\n")
    end = prompt.rfind("\n>>>")
    return prompt[start + 4 : end] if 0 <= start < end else None


def model_text(text: str, redaction: Redaction, limit: int = MAX_MESSAGE_CHARS) -> str:
    """A model-written string for the user: cleaned, placeholders restored, cleaned again."""
    return clean_model_text(redaction.restore(clean_model_text(text, limit)), limit)


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

    # -- saying before sending --------------------------------------------------------------------------
    def _estimate(
        self,
        task: Task,
        messages: list[ChatMessage],
        redaction: Redaction,
        text: str,
        prompt_tokens: int | None = None,
    ) -> SendEstimate:
        tokens = (
            prompt_tokens
            if prompt_tokens is not None
            else count_message_tokens(
                [m.model_dump() for m in messages], self.chat.model, cache_dir=self.chat.tiktoken_dir
            )
        )
        sent = fenced_part(messages[-1].content)
        return SendEstimate(
            task=task,
            model=self.chat.model,
            host=self.chat.host,
            prompt_tokens=tokens,
            max_completion_tokens=self.chat.max_tokens,
            estimated_cost_usd=estimate_cost(tokens, self.chat.max_tokens, self.chat.pricing_model),
            redacted_text=sent if sent is not None else redact(text).text,
            placeholders=len(redaction.entities),
        )

    def _ask(
        self,
        task: Task,
        messages: list[ChatMessage],
        redaction: Redaction,
        text: str,
        output_model: type[T],
    ) -> StructuredReply[T]:
        """One remote call, announced (to whoever listens) just before it is sent."""

        def announce(prompt_tokens: int) -> None:
            notify_send(self._estimate(task, messages, redaction, text, prompt_tokens))

        return self.chat.generate_reply(messages, output_model, on_send=announce)

    def estimate(self, request: CritiqueRequest | DraftRequest | KloeRequest) -> SendEstimate:
        """What would be sent, before anything is: for the app's confirm step and previews."""
        if isinstance(request, CritiqueRequest):
            messages, redaction = self._critique_messages(request, self.offline.critique(request))
            return self._estimate("critique", messages, redaction, request.text)
        if isinstance(request, DraftRequest):
            messages, redaction = self._draft_messages(self.offline.draft(request))
            return self._estimate("draft", messages, redaction, request.text)
        messages, redaction = self._kloe_messages(request, self.offline.kloe(request))
        return self._estimate("kloe", messages, redaction, request.text)

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

    def critique(self, request: CritiqueRequest) -> Critique:
        rules = self.offline.critique(request)
        if not rules.meta.looks_like_rapid_review:
            return rules  # nothing worth sending
        messages, redaction = self._critique_messages(request, rules)
        reply = self._ask("critique", messages, redaction, request.text, ModelCritique)
        merged = self._merge(request, rules, reply.value, redaction)
        merged.meta.provider = self.name
        merged.meta.model = self.chat.model
        if reply.cache_hit:
            merged.meta.notices.append("The model's answer came from the local cache (no call was made).")
        return merged

    def _model_finding(self, code: str, section: str, evidence: Evidence, message: str) -> Finding:
        """A finding only the model raised: marked as the model's, at 'consider', with no Panel sources.

        A model's point, however well grounded, never makes something a must-fix, and never carries the
        Panel guidance or Panel comments of a rule: it would then read as if the rules had found it.
        """
        return Finding(
            code=code,
            title=load_codes()[code].title,
            severity="consider",
            section=section,
            evidence=[evidence],
            message=message,
            guidance=[],
            panel_comments=[],
            origin="llm",
            source="model",
            model_evidence=[evidence],
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
            lambda code, section, evidence, message: self._model_finding(code, section, evidence, message),
        )
        dropped = 0
        by_code = {f.code: f for f in rules.findings}
        for point in answer.points:
            evidence, _ = ground_quote(point.quote, redaction, text, where="the draft")
            code = (point.code or MODEL_CODE).strip()
            if evidence is None or code not in codes:
                dropped += 1
                continue
            message = model_text(point.message, redaction)
            if not message:
                dropped += 1
                continue
            # The section is where the quote is in the user's draft, never a heading the model wrote.
            section = section_at(rules, evidence.start, WHOLE_DOCUMENT)
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
                add_model_evidence(existing, evidence)
                continue
            if code in JUDGEMENT_CODES:
                continue  # the judgement answers alone add or withdraw these codes
            if code == MODEL_CODE and any(
                f.code == MODEL_CODE and any(overlaps(evidence, e) for e in f.evidence)
                for f in rules.findings
            ):
                continue
            finding = self._model_finding(code, section, evidence, message)
            rules.findings.append(finding)
            by_code.setdefault(code, finding)
        rules.meta.dropped_ungrounded = dropped
        if dropped:
            rules.meta.notices.append(
                f"{dropped} model point(s) were dropped because their quotes were not found in the draft, "
                "were too short to ground a point, or their codes were not in the taxonomy."
            )
        return rules

    # -- drafting: the offline sections, plus a cited narrative -----------------------------------------
    def _draft_messages(self, draft: Draft) -> tuple[list[ChatMessage], Redaction]:
        entries = "\n".join(
            f"L{item.lines[0]}: {item.date_text or 'undated'} | {item.agency or item.agency_text or '-'} | "
            f"{' '.join(item.event.split())}"
            for item in draft.timeline
        )
        redaction = redact(load_prompt("draft_llm").render(entries=fence(entries)))
        return self._messages(redaction, "You draft factual sections of rapid reviews."), redaction

    def draft(self, request: DraftRequest) -> Draft:
        from assistant.drafting import grounding_problems
        from assistant.providers.llm_drafting import ModelDraft, narrative_section

        draft = self.offline.draft(request)
        messages, redaction = self._draft_messages(draft)
        reply = self._ask("draft", messages, redaction, request.text, ModelDraft)
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
                f"{dropped} model sentence(s) were dropped: they did not cite the chronology with a quote of "
                "at least 20 characters or a whole clause from a cited line."
            )
        return draft

    # -- lines of enquiry: the offline lines, plus grounded model questions --------------------------------
    def _kloe_messages(self, request: KloeRequest, report: KloeReport) -> tuple[list[ChatMessage], Redaction]:
        existing = _bullets([line.question for line in report.lines_of_enquiry]) or "- (none)"
        redaction = redact(load_prompt("kloe_llm").render(existing=existing, text=fence(request.text)))
        return self._messages(redaction, "You help chairs of rapid review meetings."), redaction

    def kloe(self, request: KloeRequest) -> KloeReport:
        from assistant.providers.llm_drafting import ModelEnquiry, merge_enquiry

        report = self.offline.kloe(request)
        messages, redaction = self._kloe_messages(request, report)
        reply = self._ask("kloe", messages, redaction, request.text, ModelEnquiry)
        dropped = merge_enquiry(report, reply.value, redaction, request.text)
        report.meta.provider, report.meta.model = self.name, self.chat.model
        if dropped:
            report.meta.notices.append(
                f"{dropped} model question(s) were dropped: their quotes were not in the text or too short "
                "to ground a question."
            )
        return report

    @staticmethod
    def _messages(redaction: Redaction, system: str) -> list[ChatMessage]:
        return [ChatMessage(role="system", content=system), ChatMessage(role="user", content=redaction.text)]
