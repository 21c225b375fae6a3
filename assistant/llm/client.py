"""Structured chat with an OpenAI-compatible endpoint: redacted prompt in, validated pydantic model out.

Contract: callers pass only redacted text (`assistant.privacy.redact(...).text` rendered into a prompt)
and restore the placeholders in what comes back. The client re-checks every system and user message
with `check_redacted` and refuses to send one that still contains personal data, so a forgotten
`redact()` fails loudly here instead of leaking.

What it handles, so callers don't:

* Structured output that degrades with the server. It asks for `response_format: json_schema` first;
  llama.cpp's server answers that with HTTP 500, so it falls back to JSON mode (`json_object`) and then
  to plain prompting with the schema written into the system message, and remembers what worked.
* `max_tokens`. langchain-openai only sends `max_completion_tokens`, which llama.cpp ignores, so the
  legacy `max_tokens` goes in `extra_body` too (turn off with send_legacy_max_tokens=False).
* Validation. The reply is validated with the output model; on failure the errors are sent back in a
  re-ask (prompts/llm_json_repair.md) up to `max_reasks` times, then OutputValidationError.
* Transport. Unreachable endpoint, timeouts, 429 (honouring Retry-After up to a cap) and 5xx are retried
  with exponential backoff up to `max_retries`; 401/403/404/400 are not. The SDK's own retries are off so
  every attempt is counted and audited. Failures raise ProviderError naming the setting to change.
* Cost control and traceability: a prompt token budget, an on-disk reply cache (a hit makes no call)
  and one audit log entry per remote call. LangSmith tracing is forced off so prompts never leave for a
  tracing service whatever the environment says.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import urlsplit

import openai
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langsmith.run_helpers import tracing_context
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from assistant.errors import ConfigError, OutputValidationError, ProviderError
from assistant.llm.audit import AuditEntry, AuditLog, Outcome, endpoint_host, prompt_sha256
from assistant.llm.cache import CachedReply, ResponseCache, cache_key
from assistant.llm.tokens import (
    ModelPrice,
    check_budget,
    count_message_tokens,
    count_tokens,
    estimate_cost,
    seed_tiktoken_cache,
)
from assistant.privacy.redaction import check_redacted
from assistant.prompts import load_prompt
from assistant.settings import Settings

T = TypeVar("T", bound=BaseModel)
OutputMode = Literal["json_schema", "json_object", "prompt"]
MODES: tuple[OutputMode, ...] = ("json_schema", "json_object", "prompt")
# Local servers ignore the key but the SDK insists on one; a real endpoint answers 401 to this.
NO_KEY = "sk-no-key-required"
_FORMAT_HINTS = ("response_format", "json_schema", "json_object", "schema", "grammar")


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: Literal["system", "user", "assistant"] = Field(description="Who says it.")
    content: str = Field(description="Redacted message text.")


class Usage(BaseModel):
    model_config = ConfigDict(extra="forbid")

    tokens_in: int = Field(default=0, ge=0, description="Prompt tokens over all requests of the call.")
    tokens_out: int = Field(default=0, ge=0, description="Completion tokens over all requests.")
    cost_usd: float | None = Field(default=None, description="Estimated cost; None if the model is unpriced.")


class StructuredReply(BaseModel, Generic[T]):
    model_config = ConfigDict(extra="forbid")

    value: T = Field(description="The validated reply.")
    usage: Usage = Field(description="Tokens and estimated cost of producing it.")
    requests: int = Field(ge=0, description="HTTP requests made (0 on a cache hit).")
    reasks: int = Field(ge=0, description="Re-asks needed after invalid replies.")
    cache_hit: bool = Field(description="Answered from the local cache.")
    mode: OutputMode = Field(description="Structured-output mode of the last request.")


class _Reply(BaseModel):
    content: str
    tokens_in: int | None = None
    tokens_out: int | None = None
    truncated: bool = False


class _Failure(Exception):
    """A classified transport failure: what went wrong, whether to retry, and after how long."""

    def __init__(
        self, outcome: Outcome, retryable: bool, *, retry_after: float | None = None, detail: str = ""
    ):
        super().__init__(outcome)
        self.outcome = outcome
        self.retryable = retryable
        self.retry_after = retry_after
        self.detail = detail


class _FormatUnsupported(Exception):
    def __init__(self, attempts: int) -> None:
        super().__init__("response_format unsupported")
        self.attempts = attempts


class _CallFailed(Exception):
    def __init__(self, error: ProviderError, outcome: Outcome, attempts: int) -> None:
        super().__init__(str(error))
        self.error = error
        self.outcome = outcome
        self.attempts = attempts


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from retry-after-ms, Retry-After seconds, or Retry-After as an HTTP date."""
    lowered = {k.lower(): v for k, v in headers.items()}
    if "retry-after-ms" in lowered:
        try:
            return max(0.0, float(lowered["retry-after-ms"]) / 1000)
        except ValueError:
            pass
    value = lowered.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(UTC)).total_seconds())
    except (TypeError, ValueError):
        return None


def _classify(exc: BaseException) -> _Failure:
    # Order matters: APITimeoutError is a subclass of APIConnectionError.
    if isinstance(exc, openai.APITimeoutError):
        return _Failure("timeout", True)
    if isinstance(exc, openai.APIConnectionError):
        return _Failure("unreachable", True)
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return _Failure("unauthorised", False, detail=str(exc.status_code))
    if isinstance(exc, openai.NotFoundError):
        return _Failure("not_found", False)
    if isinstance(exc, openai.RateLimitError):
        return _Failure("rate_limited", True, retry_after=parse_retry_after(exc.response.headers))
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return _Failure("server_error", True, detail=str(exc.status_code))
        return _Failure("bad_request", False, detail=f"{exc.status_code}: {exc.message[:200]}")
    if isinstance(exc, openai.ContentFilterFinishReasonError):
        return _Failure("error", False, detail="the provider's content filter blocked the reply")
    # langchain raises ValueError/KeyError/TypeError for malformed bodies (HTML error pages, no choices).
    return _Failure("server_error", True, detail=f"malformed response ({type(exc).__name__})")


def _is_format_rejection(exc: BaseException, mode: OutputMode) -> bool:
    if mode == "prompt" or not isinstance(exc, openai.APIStatusError):
        return False
    if exc.status_code >= 500:
        return True
    message = str(exc.message).lower()
    return exc.status_code in (400, 422) and any(hint in message for hint in _FORMAT_HINTS)


def _text_of(message: BaseMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    parts = [p.get("text", "") if isinstance(p, dict) else str(p) for p in message.content]
    return "".join(str(p) for p in parts)


def extract_json(content: str) -> str:
    """The JSON object inside a reply: strips markdown fences and prose some models wrap it in."""
    text = content.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.DOTALL)
    if fenced:
        text = fenced.group(1).strip()
    if not text.startswith("{"):
        start, end = text.find("{"), text.rfind("}")
        if start != -1 and end > start:
            text = text[start : end + 1]
    return text


def describe_errors(error: ValidationError, limit: int = 20) -> str:
    lines = []
    for item in error.errors(include_url=False, include_input=False)[:limit]:
        where = ".".join(str(part) for part in item["loc"]) or "(whole reply)"
        lines.append(f"- {where}: {item['msg']}")
    if error.error_count() > limit:
        lines.append(f"- … and {error.error_count() - limit} more")
    return "\n".join(lines)


def _schema_name(model: type[BaseModel]) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", model.__name__)[:64] or "reply"


class StructuredChat:
    """Chat with an OpenAI-compatible (or Azure OpenAI) endpoint, returning validated pydantic models.

    Messages must already be redacted (see module docstring). Plain parameters so settings can be
    wired in by the caller: every default below matches the RRA_LLM_* setting of the same meaning.
    """

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None = None,
        timeout: float = 60.0,
        max_retries: int = 3,
        max_reasks: int = 2,
        max_tokens: int = 2000,
        max_prompt_tokens: int | None = 30000,
        temperature: float | None = 0.0,
        cache_dir: Path | None = None,
        audit_path: Path | None = None,
        log_raw: bool = False,
        azure_deployment: str | None = None,
        api_version: str | None = None,
        output_mode: OutputMode = "json_schema",
        send_legacy_max_tokens: bool = True,
        backoff_base: float = 0.5,
        backoff_max: float = 8.0,
        retry_after_cap: float = 30.0,
        price_table: Mapping[str, ModelPrice] | None = None,
        pricing_model: str | None = None,
        tiktoken_dir: Path | None = None,
        pii_guard: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if (
            not base_url
            or urlsplit(base_url).scheme not in ("http", "https")
            or not urlsplit(base_url).hostname
        ):
            raise ConfigError(
                f"the model endpoint URL {base_url!r} is not an http(s) URL",
                fix="set RRA_LLM_BASE_URL (e.g. http://127.0.0.1:8080/v1) or use --provider offline",
            )
        if not model:
            raise ConfigError("no model name given", fix="set RRA_LLM_MODEL or use --provider offline")
        if bool(azure_deployment) != bool(api_version):
            raise ConfigError(
                "Azure OpenAI needs both a deployment and an API version",
                fix="set both RRA_LLM_AZURE_DEPLOYMENT and RRA_LLM_API_VERSION, or neither",
            )
        self.base_url = base_url
        self.model = model
        self.timeout = timeout
        self.max_retries = max_retries
        self.max_reasks = max_reasks
        self.max_tokens = max_tokens
        self.max_prompt_tokens = max_prompt_tokens
        self.temperature = temperature
        self.send_legacy_max_tokens = send_legacy_max_tokens
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self.retry_after_cap = retry_after_cap
        self.price_table = price_table
        self.pricing_model = pricing_model or model
        self.tiktoken_dir = tiktoken_dir
        self.pii_guard = pii_guard
        self.provider = "azure" if azure_deployment else "openai"
        self.host = endpoint_host(base_url)
        self.mode: OutputMode = output_mode
        self._sleep = sleep
        self._cache = ResponseCache(cache_dir) if cache_dir else None
        self._audit = AuditLog(audit_path, log_raw=log_raw) if audit_path else None
        # Seed before langchain-openai can touch tiktoken, so nothing is fetched from the network.
        seed_tiktoken_cache(tiktoken_dir)
        self._llm = self._build(api_key, azure_deployment, api_version)

    @classmethod
    def from_settings(cls, settings: Settings) -> StructuredChat:
        """The client as configured by RRA_LLM_* (one place, so every caller sends the same way)."""
        return cls(
            base_url=settings.llm_base_url or "",
            model=settings.llm_model or "",
            api_key=settings.llm_api_key.get_secret_value() if settings.llm_api_key else None,
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
            max_reasks=settings.llm_max_reasks,
            max_tokens=settings.llm_max_tokens,
            max_prompt_tokens=settings.llm_max_prompt_tokens,
            cache_dir=settings.cache_dir / "responses",
            audit_path=settings.audit_path,
            log_raw=settings.llm_log_raw,
            azure_deployment=settings.llm_azure_deployment,
            api_version=settings.llm_api_version,
            tiktoken_dir=settings.cache_dir / "tiktoken",
        )

    def _build(
        self, api_key: str | None, azure_deployment: str | None, api_version: str | None
    ) -> BaseChatModel:
        from langchain_openai import AzureChatOpenAI, ChatOpenAI

        common: dict[str, Any] = {
            "api_key": SecretStr(api_key or NO_KEY),
            "timeout": self.timeout,
            "max_retries": 0,  # retries are ours: counted, audited, Retry-After capped
            "temperature": self.temperature,
        }
        if azure_deployment:
            return AzureChatOpenAI(
                azure_endpoint=self.base_url,
                azure_deployment=azure_deployment,
                api_version=api_version,
                model=self.model,
                **common,
            )
        return ChatOpenAI(base_url=self.base_url, model=self.model, use_responses_api=False, **common)

    # ----------------------------------------------------------------------------------------- API

    def generate(
        self,
        messages: Sequence[ChatMessage | Mapping[str, str]],
        output_model: type[T],
        *,
        max_tokens: int | None = None,
    ) -> T:
        """The validated reply only; see generate_reply for usage metadata."""
        return self.generate_reply(messages, output_model, max_tokens=max_tokens).value

    def generate_reply(
        self,
        messages: Sequence[ChatMessage | Mapping[str, str]],
        output_model: type[T],
        *,
        max_tokens: int | None = None,
    ) -> StructuredReply[T]:
        conversation = [
            m if isinstance(m, ChatMessage) else ChatMessage.model_validate(dict(m)) for m in messages
        ]
        if not conversation:
            raise ValueError("generate needs at least one message")
        if self.pii_guard:
            for message in conversation:
                if message.role != "assistant":
                    check_redacted(message.content)
        limit = max_tokens or self.max_tokens
        schema = output_model.model_json_schema()
        schema_text = json.dumps(schema, ensure_ascii=False)
        key = cache_key(
            self.model,
            [m.model_dump() for m in conversation],
            {
                "output": f"{output_model.__module__}.{output_model.__qualname__}",
                "schema": schema,
                "max_tokens": limit,
                "temperature": self.temperature,
            },
        )
        cached = self._from_cache(key, conversation, output_model)
        if cached is not None:
            return cached

        usage = Usage()
        requests = reasks = 0
        mode = self.mode
        while True:
            sent = self._with_instructions(conversation, mode, schema_text)
            dicts = [m.model_dump() for m in sent]
            prompt_tokens = count_message_tokens(dicts, self.model, cache_dir=self.tiktoken_dir)
            check_budget(prompt_tokens, self.max_prompt_tokens)
            try:
                reply, attempts = self._send(sent, mode, limit, output_model, schema)
            except _FormatUnsupported as rejected:
                requests += rejected.attempts
                self._record(dicts, prompt_tokens, None, "format_unsupported", rejected.attempts, mode)
                mode = MODES[MODES.index(mode) + 1]
                continue
            except _CallFailed as failed:
                self._record(dicts, prompt_tokens, None, failed.outcome, failed.attempts, mode)
                raise failed.error from failed.error.__cause__
            requests += attempts
            # Remembered only once the server has answered in this mode, so one bad spell of 500s does
            # not downgrade the client for good.
            self.mode = mode
            tokens_in = reply.tokens_in if reply.tokens_in is not None else prompt_tokens
            tokens_out = (
                reply.tokens_out if reply.tokens_out is not None else count_tokens(reply.content, self.model)
            )
            usage.tokens_in += tokens_in
            usage.tokens_out += tokens_out
            value, errors = self._validate(reply, output_model, limit)
            outcome: Outcome = "ok" if value is not None else "invalid_output"
            self._record(dicts, prompt_tokens, reply, outcome, attempts, mode, tokens_in, tokens_out)
            usage.cost_usd = estimate_cost(
                usage.tokens_in, usage.tokens_out, self.pricing_model, self.price_table
            )
            if value is not None:
                if self._cache is not None:
                    self._cache.put(
                        key,
                        CachedReply(
                            content=value.model_dump_json(),
                            model=self.model,
                            tokens_in=usage.tokens_in,
                            tokens_out=usage.tokens_out,
                        ),
                    )
                return StructuredReply[T](
                    value=value, usage=usage, requests=requests, reasks=reasks, cache_hit=False, mode=mode
                )
            if reasks >= self.max_reasks:
                raise OutputValidationError(
                    f"the model's reply failed validation as {output_model.__name__} after "
                    f"{reasks + 1} tries:\n{errors}",
                    fix="raise RRA_LLM_MAX_REASKS, use a stronger model (RRA_LLM_MODEL), or use --provider offline",
                )
            reasks += 1
            repair = load_prompt("llm_json_repair").render(errors=errors, schema=schema_text)
            conversation = [
                *conversation,
                ChatMessage(role="assistant", content=reply.content),
                ChatMessage(role="user", content=repair),
            ]

    # ------------------------------------------------------------------------------------ internals

    def _from_cache(
        self, key: str, conversation: list[ChatMessage], output_model: type[T]
    ) -> StructuredReply[T] | None:
        if self._cache is None:
            return None
        hit = self._cache.get(key)
        if hit is None:
            return None
        try:
            value = output_model.model_validate_json(hit.content)
        except ValidationError:
            return None
        dicts = [m.model_dump() for m in conversation]
        prompt_tokens = count_message_tokens(dicts, self.model, cache_dir=self.tiktoken_dir)
        self._record(dicts, prompt_tokens, _Reply(content=hit.content), "ok", 0, self.mode, cache_hit=True)
        return StructuredReply[T](
            value=value, usage=Usage(cost_usd=0.0), requests=0, reasks=0, cache_hit=True, mode=self.mode
        )

    def _with_instructions(
        self, conversation: list[ChatMessage], mode: OutputMode, schema_text: str
    ) -> list[ChatMessage]:
        """Without server-side json_schema the schema has to be in the prompt (JSON mode needs it too)."""
        if mode == "json_schema":
            return conversation
        instructions = load_prompt("llm_schema_instructions").render(schema=schema_text)
        first = conversation[0]
        # One leading system message: several chat templates (llama.cpp's among them) reject a second.
        if first.role == "system":
            merged = ChatMessage(role="system", content=f"{first.content}\n\n{instructions}")
            return [merged, *conversation[1:]]
        return [ChatMessage(role="system", content=instructions), *conversation]

    def _invoke(
        self,
        messages: list[ChatMessage],
        mode: OutputMode,
        max_tokens: int,
        output_model: type[BaseModel],
        schema: dict[str, Any],
    ) -> _Reply:
        lc_messages: list[BaseMessage] = [
            SystemMessage(content=m.content)
            if m.role == "system"
            else HumanMessage(content=m.content)
            if m.role == "user"
            else AIMessage(content=m.content)
            for m in messages
        ]
        kwargs: dict[str, Any] = {"max_tokens": max_tokens}  # langchain sends it as max_completion_tokens
        if self.send_legacy_max_tokens:
            kwargs["extra_body"] = {"max_tokens": max_tokens}
        if mode == "json_schema":
            kwargs["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": _schema_name(output_model), "schema": schema, "strict": False},
            }
        elif mode == "json_object":
            # llama-cpp-python's server constrains JSON mode to a schema given here (measured: a 135M model
            # then answers valid JSON, without it it wanders); servers that ignore the key lose nothing.
            kwargs["response_format"] = {"type": "json_object", "schema": schema}
        try:
            with tracing_context(enabled=False):
                message = self._llm.invoke(lc_messages, **kwargs)
        except openai.LengthFinishReasonError as cut:
            # With response_format set the SDK raises instead of returning a truncated reply.
            choice = cut.completion.choices[0] if cut.completion.choices else None
            usage = cut.completion.usage
            return _Reply(
                content=(choice.message.content or "") if choice else "",
                tokens_in=usage.prompt_tokens if usage else None,
                tokens_out=usage.completion_tokens if usage else None,
                truncated=True,
            )
        usage_metadata = getattr(message, "usage_metadata", None) or {}
        finish = message.response_metadata.get("finish_reason")
        return _Reply(
            content=_text_of(message),
            tokens_in=usage_metadata.get("input_tokens"),
            tokens_out=usage_metadata.get("output_tokens"),
            truncated=finish == "length",
        )

    def _send(
        self,
        messages: list[ChatMessage],
        mode: OutputMode,
        max_tokens: int,
        output_model: type[BaseModel],
        schema: dict[str, Any],
    ) -> tuple[_Reply, int]:
        attempt = 0
        while True:
            attempt += 1
            try:
                return self._invoke(messages, mode, max_tokens, output_model, schema), attempt
            except Exception as exc:
                if _is_format_rejection(exc, mode):
                    raise _FormatUnsupported(attempt) from exc
                failure = _classify(exc)
                if not failure.retryable or attempt > self.max_retries:
                    error = self._provider_error(failure, attempt)
                    error.__cause__ = exc
                    raise _CallFailed(error, failure.outcome, attempt) from exc
                if failure.retry_after is not None:
                    delay = min(failure.retry_after, self.retry_after_cap)
                else:
                    delay = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
                self._sleep(delay)

    def _validate(self, reply: _Reply, output_model: type[T], max_tokens: int) -> tuple[T | None, str]:
        if reply.truncated:
            return None, (
                f"- (whole reply): it was cut off at the {max_tokens}-token limit; answer more briefly so the "
                "JSON object is complete"
            )
        if not reply.content.strip():
            return None, "- (whole reply): it was empty; a JSON object was expected"
        try:
            return output_model.model_validate_json(extract_json(reply.content)), ""
        except ValidationError as error:
            return None, describe_errors(error)

    def _provider_error(self, failure: _Failure, attempts: int) -> ProviderError:
        where = self.host or self.base_url
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        messages: dict[str, tuple[str, str]] = {
            "unreachable": (
                f"cannot reach the model endpoint at {where} ({tries})",
                "check the server is running and RRA_LLM_BASE_URL is right, or use --provider offline",
            ),
            "unauthorised": (
                f"the endpoint at {where} refused the API key ({failure.detail or '401'} unauthorised)",
                "set RRA_LLM_API_KEY to a valid key for this endpoint",
            ),
            "rate_limited": (
                f"rate limited (429) by {where} after {tries}",
                "wait and try again, raise RRA_LLM_MAX_RETRIES, or use --provider offline",
            ),
            "timeout": (
                f"the model at {where} timed out after {self.timeout:g}s ({tries})",
                "raise RRA_LLM_TIMEOUT_S, lower RRA_LLM_MAX_TOKENS, or use --provider offline",
            ),
            "not_found": (
                f"the endpoint at {where} has no model '{self.model}' or no chat API at this path (404)",
                "set RRA_LLM_MODEL to a model the server lists at /v1/models and check RRA_LLM_BASE_URL ends in /v1",
            ),
            "server_error": (
                f"the endpoint at {where} failed ({failure.detail or 'server error'}) after {tries}",
                "check the model server's log, or use --provider offline",
            ),
            "bad_request": (
                f"the endpoint at {where} rejected the request (HTTP {failure.detail})",
                "check RRA_LLM_MODEL and RRA_LLM_BASE_URL, or use --provider offline",
            ),
        }
        message, fix = messages.get(
            failure.outcome, (f"the model call failed: {failure.detail}", "use --provider offline")
        )
        return ProviderError(message, fix=fix)

    def _record(
        self,
        messages: list[dict[str, str]],
        prompt_tokens: int,
        reply: _Reply | None,
        outcome: Outcome,
        attempts: int,
        mode: OutputMode,
        tokens_in: int = 0,
        tokens_out: int = 0,
        *,
        cache_hit: bool = False,
    ) -> None:
        if self._audit is None:
            return
        cost = (
            None if cache_hit else estimate_cost(tokens_in, tokens_out, self.pricing_model, self.price_table)
        )
        self._audit.record(
            AuditEntry(
                provider=self.provider,
                model=self.model,
                base_url_host=self.host,
                prompt_sha256=prompt_sha256(messages),
                prompt_chars=sum(len(m["content"]) for m in messages),
                prompt_tokens=prompt_tokens,
                tokens_in=tokens_in,
                tokens_out=tokens_out,
                cost_usd=0.0 if cache_hit else cost,
                outcome=outcome,
                attempts=attempts,
                cache_hit=cache_hit,
                mode=mode,
                raw_prompt=messages,
                raw_reply=reply.content if reply else None,
            )
        )
