"""Plumbing for optional remote models: token counts and budget, reply cache, audit log, structured chat.

`assistant.llm.client.StructuredChat` needs the `llm` extra (openai, langchain-openai); it is not imported
here so the offline tool never pays for (or needs) those packages. Everything sent through it must be
redacted first with `assistant.privacy.redact`.
"""

from assistant.llm.audit import AuditEntry, AuditLog
from assistant.llm.cache import CachedReply, ResponseCache, cache_key

__all__ = ["AuditEntry", "AuditLog", "CachedReply", "ResponseCache", "cache_key"]
