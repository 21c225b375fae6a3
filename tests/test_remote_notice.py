"""Say before sending: every command that would send text to a remote model first says what is sent
(redacted), to which host and how many tokens; a `.env` that alone chose the remote model is named; and no
URL with credentials is ever shown or logged (CLI notices, errors, the app's provider choice, the audit log).

Against the loopback fake OpenAI server, through the real CLI.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from assistant.cli import main
from assistant.providers.notice import SendEstimate, announce_sends, describe_send
from assistant.resources import APP_ENTRY, SAMPLES_DIR
from assistant.settings import Settings, get_settings
from tests.fakes.openai_server import FakeOpenAIServer, Reply

SAMPLES = SAMPLES_DIR
CHRONOLOGY = SAMPLES / "chronology-baby-injury.txt"
SECRET = "S3cretPass"
NARRATIVE = {
    "sentences": [
        {
            "section": "agency_involvement",
            "text": "Midwifery referred the mother to perinatal mental health.",
            "lines": [2],
            "quote": "referred to perinatal mental health",
        }
    ]
}
ENQUIRY = {
    "lines_of_enquiry": [
        {
            "theme": "Housing",
            "question": "What did Housing know about who lived at the flat?",
            "rationale": "Housing noted the partner staying.",
            "quotes": ["Housing officer noted Mother's partner staying most nights"],
        }
    ]
}


def _url(server: FakeOpenAIServer) -> str:
    return f"http://svcuser:{SECRET}@127.0.0.1:{server.port}/v1"


def _configure(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAIServer, tmp_path: Path) -> Path:
    audit = tmp_path / "audit.jsonl"
    for name, value in {
        "RRA_LLM_BASE_URL": _url(server),
        "RRA_LLM_MODEL": "gpt-4o-mini",
        "RRA_LLM_MAX_RETRIES": "0",
        "RRA_AUDIT_LOG": str(audit),
        "RRA_CACHE_DIR": str(tmp_path / "cache"),
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    return audit


def _watch(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAIServer) -> list[tuple[str, int]]:
    """Every line the notices print, with how many requests the server had seen when it was printed."""
    import assistant.cli.remote as remote

    printed: list[tuple[str, int]] = []
    real_echo = remote.click.echo

    def echo(message: Any = None, **kwargs: Any) -> None:
        printed.append((str(message), len(server.chat_requests)))
        real_echo(message, **kwargs)

    monkeypatch.setattr(remote.click, "echo", echo)
    return printed


@pytest.mark.loopback
@pytest.mark.parametrize(
    ("command", "reply", "what"),
    [("draft", NARRATIVE, "the chronology"), ("kloe", ENQUIRY, "the text")],
)
def test_draft_and_kloe_say_what_they_send_before_sending(
    command: str,
    reply: dict[str, Any],
    what: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with FakeOpenAIServer() as server:
        audit = _configure(monkeypatch, server, tmp_path)
        printed = _watch(monkeypatch, server)
        server.queue(Reply.json(reply))
        code = main([command, str(CHRONOLOGY), "--provider", "openai", "--format", "json"])
        out, err = capsys.readouterr()
        assert code == 0, err
        assert len(server.chat_requests) == 1
    notices = [(line, seen) for line, seen in printed if line.startswith("sending redacted text")]
    assert len(notices) == 1
    line, seen = notices[0]
    assert seen == 0  # printed before the request was made
    assert f"sending redacted text of {what} (" in line and "identifiers replaced" in line
    assert "prompt tokens" in line and f"to 127.0.0.1:{server.port} (gpt-4o-mini)" in line
    assert "rapid-review redact" in line
    for text in (err, out, audit.read_text(encoding="utf-8")):
        assert SECRET not in text and "svcuser" not in text
    assert json.loads(out)["meta"]["provider"] == "openai"


@pytest.mark.loopback
def test_a_remote_model_chosen_only_by_dotenv_is_named(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAIServer() as server:
        env = tmp_path / ".env"  # the tests run in tmp_path, where Settings looks for .env
        env.write_text(
            f"RRA_PROVIDER=openai\nRRA_LLM_BASE_URL={_url(server)}\nRRA_LLM_MODEL=gpt-4o-mini\n"
            f"RRA_LLM_MAX_RETRIES=0\nRRA_AUDIT_LOG={tmp_path / 'audit.jsonl'}\n",
            encoding="utf-8",
        )
        get_settings.cache_clear()
        server.queue(Reply.json(ENQUIRY))
        code = main(["kloe", str(CHRONOLOGY)])  # no --provider: the .env alone sends it away
        _, err = capsys.readouterr()
        assert code == 0, err
        assert len(server.chat_requests) == 1
    assert f"chosen only by RRA_PROVIDER=openai in {env.resolve()}" in err
    assert "use --provider offline" in err
    assert SECRET not in err and SECRET not in (tmp_path / "audit.jsonl").read_text(encoding="utf-8")


@pytest.mark.loopback
def test_a_remote_model_chosen_by_flag_or_environment_needs_no_file_note(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FakeOpenAIServer() as server:
        _configure(monkeypatch, server, tmp_path)
        monkeypatch.setenv("RRA_PROVIDER", "openai")
        get_settings.cache_clear()
        server.queue(Reply.json(ENQUIRY))
        assert main(["kloe", str(CHRONOLOGY)]) == 0
        err = capsys.readouterr().err
    assert "sending redacted text of the text" in err and ".env" not in err


@pytest.mark.loopback
def test_critique_says_what_it_sends_before_sending(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = SAMPLES / "draft-baby-sleep.md"
    with FakeOpenAIServer() as server:
        _configure(monkeypatch, server, tmp_path)
        printed = _watch(monkeypatch, server)
        server.queue(Reply.json({"points": [], "judgements": []}))
        code = main(["critique", str(draft), "--provider", "openai", "--format", "json"])
        err = capsys.readouterr().err
        assert code == 0, err
    assert [seen for line, seen in printed if line.startswith("sending redacted text of the draft")] == [0]
    assert SECRET not in err


def test_offline_commands_announce_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kloe", str(CHRONOLOGY)]) == 0
    assert "sending" not in capsys.readouterr().err


def test_the_notice_reads_the_same_for_one_call_or_many() -> None:
    one = SendEstimate(
        task="draft",
        model="m",
        host="h:1",
        prompt_tokens=1200,
        max_completion_tokens=100,
        estimated_cost_usd=None,
        redacted_text="x",
        placeholders=3,
    )
    assert describe_send([one]) == (
        "sending redacted text of the chronology (3 identifiers replaced, 1,200 prompt tokens, cost unknown) "
        "to h:1 (m); see `rapid-review redact` for the exact text"
    )
    priced = one.model_copy(update={"estimated_cost_usd": 0.01, "task": "critique"})
    many = describe_send([priced, priced], what="2 drafts, one request each")
    assert many.startswith(
        "sending redacted text of 2 drafts, one request each (6 identifiers replaced, 2,400"
    )
    assert "≈ $0.0200 at most" in many
    heard: list[SendEstimate] = []
    from assistant.providers.notice import notify_send

    notify_send(one)  # nobody listening: nothing happens
    with announce_sends(heard.append):
        notify_send(one)
    notify_send(one)
    assert heard == [one]


@pytest.mark.loopback
def test_estimates_for_draft_and_kloe_come_from_the_messages_that_would_be_sent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from assistant.providers import DraftRequest, KloeRequest, get_provider
    from assistant.providers.openai_compatible import OpenAICompatibleProvider

    text = CHRONOLOGY.read_text(encoding="utf-8")
    with FakeOpenAIServer() as server:
        _configure(monkeypatch, server, tmp_path)
        provider = get_provider("openai")
        assert isinstance(provider, OpenAICompatibleProvider)
        kloe = provider.estimate(KloeRequest(text=text))
        draft = provider.estimate(DraftRequest(text=text))
        assert server.requests == []  # estimating sends nothing
    assert kloe.task == "kloe" and kloe.host == f"127.0.0.1:{server.port}" and kloe.prompt_tokens > 0
    assert "DATE_1" in kloe.redacted_text and "Mother's partner" in kloe.redacted_text
    assert draft.task == "draft" and draft.redacted_text.startswith("L")  # the numbered entries as sent


def test_the_apps_provider_choice_never_shows_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    from assistant.app import resources

    settings = Settings(
        llm_base_url=f"https://svcuser:{SECRET}@llm.example.org:8443/v1?api-key=k#f", llm_model="gpt-4o-mini"
    )
    model = resources.remote_model(settings)
    if model is None:
        pytest.skip("the openai provider needs the llm extra")
    assert model.endpoint == "https://llm.example.org:8443/v1"


def test_the_apps_radio_label_never_shows_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    from assistant.providers import available_providers

    if "openai" not in available_providers():
        pytest.skip("the openai provider needs the llm extra")
    monkeypatch.setenv("RRA_LLM_BASE_URL", f"http://svcuser:{SECRET}@127.0.0.1:9/v1")
    monkeypatch.setenv("RRA_LLM_MODEL", "gpt-4o-mini")
    get_settings.cache_clear()
    app = APP_ENTRY
    at = AppTest.from_file(str(app), default_timeout=120).run()
    at.switch_page("app_pages/critique.py").run()  # the home page opens first
    assert not at.exception, at.exception
    options = at.radio(key="w_critique_provider").options
    assert len(options) == 2 and "127.0.0.1:9" in options[1]
    assert all(SECRET not in o and "svcuser" not in o for o in options)
