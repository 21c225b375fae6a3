"""Model modes for drafting and lines of enquiry: redacted in, grounded out, merged with the offline engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import services
from assistant.drafting import grounding_problems
from assistant.resources import SAMPLES_DIR
from assistant.settings import get_settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply

pytestmark = pytest.mark.loopback

SAMPLE = SAMPLES_DIR / "chronology-baby-injury.txt"


def _configure(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAIServer, tmp_path: Path) -> None:
    monkeypatch.setenv("RRA_LLM_BASE_URL", server.base_url)
    monkeypatch.setenv("RRA_LLM_MODEL", "gpt-4o-mini")
    monkeypatch.setenv("RRA_LLM_MAX_RETRIES", "0")
    monkeypatch.setenv("RRA_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
    monkeypatch.setenv("RRA_CACHE_DIR", str(tmp_path / "cache"))
    get_settings.cache_clear()


def test_draft_with_model_narrative_keeps_only_cited_sentences(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    reply = {
        "sentences": [
            {
                "section": "agency_involvement",
                "text": "Midwifery booked the pregnancy and referred Mother to perinatal mental health.",
                "lines": [2],
                "quote": "referred to perinatal mental health",
            },
            {  # the quote is not on the cited line: dropped
                "section": "agency_involvement",
                "text": "The GP prescribed medication.",
                "lines": [2],
                "quote": "Sertraline started",
            },
            {  # a line that does not exist: dropped
                "section": "incident_summary",
                "text": "Something invented.",
                "lines": [999],
                "quote": "invented",
            },
        ]
    }
    with FakeOpenAIServer() as server:
        _configure(monkeypatch, server, tmp_path)
        server.queue(Reply.json(reply))
        draft = services.draft(text, provider="openai")
        sent = server.chat_requests[0].text
    assert "L2:" in sent and "14/08/2024" not in sent  # dates redacted before sending
    narrative = draft.section("model_narrative")
    sentences = [s for b in narrative.blocks if b.kind == "paragraph" for s in b.sentences]
    assert len(sentences) == 1
    cite = sentences[0].quotes[0]
    assert cite.line == 2 and text[cite.start : cite.end] == "referred to perinatal mental health"
    assert cite.quote in sentences[0].text
    assert draft.meta.provider == "openai" and draft.meta.dropped_ungrounded == 2
    assert grounding_problems(draft, text) == []
    # the offline sections are all still there
    assert {s.id for s in draft.sections} >= {"case_information", "key_events"}


def test_kloe_with_model_questions_are_grounded_and_merged(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    reply = {
        "lines_of_enquiry": [
            {
                "theme": "Housing",
                "question": "What did Housing know about who lived at the flat, and who was it shared with?",
                "rationale": "Housing noted the partner staying most nights.",
                "quotes": ["Housing officer noted Mother's partner staying most nights"],
            },
            {
                "theme": "Invented",
                "question": "Why did the school not refer?",
                "rationale": "Not in the text.",
                "quotes": ["the school failed to refer"],
            },
        ]
    }
    with FakeOpenAIServer() as server:
        _configure(monkeypatch, server, tmp_path)
        server.queue(Reply.json(reply))
        offline = services.kloe(text)
        report = services.kloe(text, provider="openai")
    added = [line for line in report.lines_of_enquiry if line.id.startswith("model_")]
    assert len(report.lines_of_enquiry) == len(offline.lines_of_enquiry) + 1
    assert [a.theme for a in added] == ["Housing (model-written)"]
    ev = added[0].evidence[0]
    assert text[ev.start : ev.end] == ev.quote
    assert report.meta.provider == "openai"
    assert any("dropped" in n for n in report.meta.notices)
