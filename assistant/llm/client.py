"""Structured chat with an OpenAI-compatible endpoint: redacted prompt in, validated pydantic model out.

Contract: callers pass only redacted text (`assistant.privacy.redact(...).text` rendered into a prompt)
and restore the placeholders in what comes back. The client re-checks every system and user message
with `check_redacted` and refuses to send one that still contains personal data, so a forgotten
`redact()` fails loudly here instead of leaking.

What it handles, so callers don't:

* Structured output that degrades with the server. It asks for `response_format: json_schema` first;
  llama.cpp's server answers that with HTTP 500, so it falls back to JSON mode (`json_object`) and then
  to plain prompting with the schema written into the system message. What worked is remembered for the
  rest of the process only when the rejection was about the format (a 400/422/5xx naming the response
  format or schema), or when an unexplained 5xx rejected the same mode on two calls running: one
  transient 5xx falls back for that call only.
* `max_tokens`. langchain-openai only sends `max_completion_tokens`, which llama.cpp ignores, so the
  legacy `max_tokens` goes in `extra_body` too (turn off with send_legacy_max_tokens=False).
* Validation. The reply is validated with the output model; on failure the errors are sent back in a
  re-ask (prompts/llm_json_repair.md) up to `max_reasks` times, then OutputValidationError.
* Transport. Unreachable endpoint, timeouts, 429 (honouring Retry-After up to a cap) and 5xx are retried
  with exponential backoff up to `max_retries`; 401/403/404/400 are not. The SDK's own retries are off so
  every attempt is counted and audited. Failures raise ProviderError naming the setting to change.
* A deadline. `timeout` (RRA_LLM_TIMEOUT_S) is the whole call: every request, retry, backoff and re-ask.
  Each request gets only the time left, and its headers and body are read against that deadline (a
  server that drips its reply a byte at a time cannot stretch it), so a call never runs much past it.
* A size cap. A reply body over `max_reply_bytes` is refused without being read whole: from its declared
  Content-Length before any of it is read, otherwise as soon as the bytes read (decompressed, if the
  server compresses) pass the cap. Either way ProviderError, never a gigabyte in memory. Each field's
  length is capped by the output model (pydantic constraints), so an over-long field is a validation
  error: re-asked, then OutputValidationError.
* Cost control and traceability: a prompt token budget, an on-disk reply cache (a hit makes no call)
  and one audit log entry per remote call. LangSmith tracing is forced off so prompts never leave for a
  tracing service whatever the environment says.
"""

from __future__ import annotations

import json
import re
import threading
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx
import openai
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from langsmith.run_helpers import tracing_context
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from assistant.errors import ConfigError, OutputValidationError, ProviderError
from assistant.llm.audit import AuditEntry, AuditLog, Outcome, endpoint_host, prompt_sha256, safe_url
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
# A chat completion of a few thousand tokens is a few tens of kilobytes; the floor leaves room for verbose
# servers, and the cap grows with RRA_LLM_MAX_TOKENS (64 bytes a token covers JSON-escaped non-ASCII text).
MIN_REPLY_BYTES = 1024 * 1024
REPLY_BYTES_PER_TOKEN = 64
# An unexplained 5xx that rejects the same structured mode on this many calls running downgrades it for good.
UNEXPLAINED_REJECTIONS_TO_DOWNGRADE = 2


def reply_byte_cap(max_tokens: int) -> int:
    """The largest reply body accepted for a completion of up to `max_tokens` tokens."""
    return max(MIN_REPLY_BYTES, REPLY_BYTES_PER_TOKEN * max_tokens)


class ReplyTooLarge(openai.OpenAIError):
    """The reply body is over the cap (an OpenAIError, so the SDK passes it on without retrying or wrapping)."""

    def __init__(self, limit: int, declared: int | None = None) -> None:
        self.limit = limit
        self.declared = declared
        said = f" (it declared {declared:,} bytes)" if declared is not None else ""
        super().__init__(f"the reply is larger than {limit:,} bytes{said}")


class ReplyEncodingRefused(openai.OpenAIError):
    """The reply is compressed in a way that cannot be inflated within the cap."""


class _CallBudget(threading.local):
    """Per thread: the deadline and the reply cap of the call in progress (None outside a call)."""

    deadline: float | None = None
    max_bytes: int = MIN_REPLY_BYTES

    def remaining(self) -> float | None:
        return None if self.deadline is None else self.deadline - time.monotonic()


class _GuardedHttpClient(openai.DefaultHttpxClient):
    """The SDK's HTTP client, plus the call's deadline on every request and a cap on the reply size.

    `send` reads the whole reply itself (in a worker thread joined with the time left, because a per-read
    timeout restarts with every byte a slow server sends) and hands the SDK a complete in-memory response.
    Compression is declined (Accept-Encoding: identity); a server that compresses anyway is inflated a
    bounded amount at a time, so a small compressed body cannot expand past the cap in memory.
    """

    def __init__(self, budget: _CallBudget, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._budget = budget

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        kwargs.pop("stream", None)
        remaining = self._budget.remaining()
        limit = self._budget.max_bytes
        if remaining is not None:
            if remaining <= 0:
                raise httpx.ConnectTimeout("the call's deadline passed before this request", request=request)
            timeouts = request.extensions.get("timeout") or {}
            request.extensions["timeout"] = {
                key: remaining if timeouts.get(key) is None else min(float(timeouts[key]), remaining)
                for key in ("connect", "read", "write", "pool")
            }
        request.headers["Accept-Encoding"] = "identity"
        outcome: dict[str, Any] = {}

        def exchange() -> None:
            try:
                response = super(_GuardedHttpClient, self).send(request, stream=True, **kwargs)
                try:
                    outcome["body"] = _read_capped(response, limit)
                    outcome["response"] = response
                finally:
                    response.close()
            except BaseException as exc:  # handed to the calling thread
                outcome["error"] = exc

        worker = threading.Thread(target=exchange, name="rra-llm-request", daemon=True)
        worker.start()
        worker.join(remaining)
        if worker.is_alive():  # abandoned: its socket times out on its own within `remaining`
            raise httpx.ReadTimeout("the call's deadline passed while waiting for the reply", request=request)
        if "error" in outcome:
            raise outcome["error"]
        response = outcome["response"]
        dropped = {"content-encoding", "content-length", "transfer-encoding"}
        headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in dropped]
        return httpx.Response(
            response.status_code,
            headers=headers,
            content=outcome["body"],
            request=request,
            extensions={k: v for k, v in response.extensions.items() if k != "network_stream"},
        )


def _read_capped(response: httpx.Response, limit: int) -> bytes:
    """The response body, refused (ReplyTooLarge) as soon as it is known to be over `limit` bytes."""
    declared = response.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise ReplyTooLarge(limit, int(declared))
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflater = zlib.decompressobj(wbits=47)  # zlib or gzip header, detected
    elif encoding not in ("", "identity"):
        raise ReplyEncodingRefused(f"the reply is compressed with '{encoding}', which was not asked for")
    chunks: list[bytes] = []
    raw_total = total = 0
    for raw in response.iter_raw():
        raw_total += len(raw)
        if raw_total > limit:
            raise ReplyTooLarge(limit)
        data = raw
        if inflater is not None:
            try:
                data = inflater.decompress(raw, limit + 1 - total)
            except zlib.error as exc:
                raise ReplyEncodingRefused(f"the compressed reply is damaged ({exc})") from None
            if inflater.unconsumed_tail:
                raise ReplyTooLarge(limit)
        total += len(data)
        if total > limit:
            raise ReplyTooLarge(limit)
        chunks.append(data)
    return b"".join(chunks)


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
    def __init__(self, attempts: int, explained: bool) -> None:
        super().__init__("response_format unsupported")
        self.attempts = attempts
        # True when the server said the format was the problem; False for a bare 5xx (maybe transient).
        self.explained = explained


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
    if isinstance(exc, ReplyTooLarge):
        return _Failure("too_large", False, detail=str(exc))
    if isinstance(exc, ReplyEncodingRefused):
        return _Failure("error", False, detail=str(exc))
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


def _format_rejection(exc: BaseException, mode: OutputMode) -> Literal["explained", "unexplained"] | None:
    """Whether an error rejects the structured-output mode: 'explained' when the server names the format,
    'unexplained' for a bare 5xx (llama.cpp's answer to json_schema, but also any transient failure)."""
    if mode == "prompt" or not isinstance(exc, openai.APIStatusError):
        return None
    message = str(exc.message).lower()
    hinted = any(hint in message for hint in _FORMAT_HINTS)
    if exc.status_code >= 500:
        return "explained" if hinted else "unexplained"
    return "explained" if exc.status_code in (400, 422) and hinted else None


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


def split_credentials(url: str) -> tuple[str, httpx.BasicAuth | None]:
    """The URL without its userinfo, and that userinfo as HTTP Basic auth (None when there is none)."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, None
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    auth = httpx.BasicAuth(unquote(user), unquote(password)) if user or password else None
    return urlunsplit(parts._replace(netloc=hostport)), auth


def _is_http_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


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
        max_reply_bytes: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not base_url or not _is_http_url(base_url):
            raise ConfigError(
                f"the model endpoint URL {safe_url(base_url)!r} is not an http(s) URL",
                fix="set RRA_LLM_BASE_URL (e.g. http://127.0.0.1:8080/v1) or use --provider offline",
            )
        if not model:
            raise ConfigError("no model name given", fix="set RRA_LLM_MODEL or use --provider offline")
        if bool(azure_deployment) != bool(api_version):
            raise ConfigError(
                "Azure OpenAI needs both a deployment and an API version",
                fix="set both RRA_LLM_AZURE_DEPLOYMENT and RRA_LLM_API_VERSION, or neither",
            )
        # Credentials in the URL (http://user:pass@host/v1) are sent as HTTP Basic auth, as before, but are
        # kept out of the URL the SDK and httpx see, because both log request URLs.
        self.base_url, self._basic_auth = split_credentials(base_url)
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
        self.max_reply_bytes = max_reply_bytes or reply_byte_cap(max_tokens)
        # Calls in a row on which an unexplained 5xx rejected each mode (see _remember_mode).
        self._unexplained: dict[OutputMode, int] = {}
        self._budget = _CallBudget()
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
            # The deadline and the reply cap are enforced here, under the SDK (see _GuardedHttpClient).
            "http_client": _GuardedHttpClient(self._budget, timeout=self.timeout, auth=self._basic_auth),
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
        on_send: Callable[[int], None] | None = None,
    ) -> StructuredReply[T]:
        """The validated reply, with usage. `on_send(prompt_tokens)` is called once, after the cache was
        checked and the budget passed, right before the first request is sent (never on a cache hit).

        The whole call (requests, retries, backoff, re-asks) must finish within `timeout` seconds."""
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

        self._budget.deadline = time.monotonic() + self.timeout
        self._budget.max_bytes = max(self.max_reply_bytes, reply_byte_cap(limit))
        try:
            return self._converse(conversation, output_model, limit, schema, schema_text, key, on_send)
        finally:
            self._budget.deadline = None

    def _converse(
        self,
        conversation: list[ChatMessage],
        output_model: type[T],
        limit: int,
        schema: dict[str, Any],
        schema_text: str,
        key: str,
        on_send: Callable[[int], None] | None,
    ) -> StructuredReply[T]:
        usage = Usage()
        requests = reasks = 0
        mode = self.mode
        rejected_modes: dict[OutputMode, bool] = {}  # mode -> rejected with an explanation
        announced = False
        while True:
            sent = self._with_instructions(conversation, mode, schema_text)
            dicts = [m.model_dump() for m in sent]
            prompt_tokens = count_message_tokens(dicts, self.model, cache_dir=self.tiktoken_dir)
            check_budget(prompt_tokens, self.max_prompt_tokens)
            if not announced:
                announced = True
                if on_send is not None:
                    on_send(prompt_tokens)
            try:
                reply, attempts = self._send(sent, mode, limit, output_model, schema)
            except _FormatUnsupported as rejected:
                requests += rejected.attempts
                self._record(dicts, prompt_tokens, None, "format_unsupported", rejected.attempts, mode)
                rejected_modes[mode] = rejected.explained
                mode = MODES[MODES.index(mode) + 1]
                continue
            except _CallFailed as failed:
                self._record(dicts, prompt_tokens, None, failed.outcome, failed.attempts, mode)
                raise failed.error from failed.error.__cause__
            requests += attempts
            self._remember_mode(mode, rejected_modes)
            rejected_modes = {}  # counted once per call, not again on a re-ask
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
            if reasks < self.max_reasks and self._remaining() <= 0:
                self._record(dicts, prompt_tokens, None, "timeout", 0, mode)
                raise self._provider_error(_Failure("timeout", True), requests)
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

    def _remaining(self) -> float:
        remaining = self._budget.remaining()
        return float("inf") if remaining is None else remaining

    def _remember_mode(self, mode: OutputMode, rejected: Mapping[OutputMode, bool]) -> None:
        """After the server answered in `mode`: keep it for later calls only if the modes before it are
        known not to work, so one transient 5xx does not downgrade the client for the rest of the process.

        A mode rejected with an explanation (the server named the format or schema) is skipped from now on.
        A mode rejected by a bare 5xx is skipped only once that has happened on UNEXPLAINED_REJECTIONS_TO_
        DOWNGRADE calls running; a call on which it works again resets the count.
        """
        self._unexplained.pop(mode, None)
        if not rejected:
            return
        for tried, explained in rejected.items():
            if not explained:
                self._unexplained[tried] = self._unexplained.get(tried, 0) + 1
        known_bad = {
            tried
            for tried, explained in rejected.items()
            if explained or self._unexplained.get(tried, 0) >= UNEXPLAINED_REJECTIONS_TO_DOWNGRADE
        }
        # The next call starts at the first mode not known to fail (the modes are tried in order).
        self.mode = next((tried for tried in rejected if tried not in known_bad), mode)

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
            if self._remaining() <= 0:
                failure = _Failure("timeout", True)
                raise _CallFailed(self._provider_error(failure, attempt), failure.outcome, attempt)
            attempt += 1
            try:
                return self._invoke(messages, mode, max_tokens, output_model, schema), attempt
            except Exception as exc:
                rejection = _format_rejection(exc, mode)
                if rejection is not None:
                    raise _FormatUnsupported(attempt, rejection == "explained") from exc
                failure = _classify(exc)
                if failure.outcome == "timeout" and self._remaining() <= 0:
                    failure.retryable = False  # the call's deadline, not one slow request
                if not failure.retryable or attempt > self.max_retries:
                    error = self._provider_error(failure, attempt)
                    error.__cause__ = exc
                    raise _CallFailed(error, failure.outcome, attempt) from exc
                if failure.retry_after is not None:
                    delay = min(failure.retry_after, self.retry_after_cap)
                else:
                    delay = min(self.backoff_base * 2 ** (attempt - 1), self.backoff_max)
                if delay >= self._remaining():  # waiting would pass the deadline: give up now
                    error = self._provider_error(failure, attempt)
                    error.__cause__ = exc
                    raise _CallFailed(error, failure.outcome, attempt) from exc
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
        where = self.host or safe_url(self.base_url)
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
                f"the model at {where} timed out after {self.timeout:g}s, the deadline for the whole call "
                f"({tries}, retries and re-asks included)",
                "raise RRA_LLM_TIMEOUT_S, lower RRA_LLM_MAX_TOKENS, or use --provider offline",
            ),
            "too_large": (
                f"the reply from {where} was refused: {failure.detail or 'too large'}, more than a chat "
                "completion of RRA_LLM_MAX_TOKENS tokens can be, so it was not read",
                "check RRA_LLM_BASE_URL points at an OpenAI-compatible chat API, or use --provider offline",
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
