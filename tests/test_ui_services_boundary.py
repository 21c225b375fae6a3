"""The app gets every result through assistant/services.py (issue 13), with its policies as explicit service
options; and what the Draft, Lines of enquiry and Critique pages show and download (issues 12 and 13)."""

from __future__ import annotations

import ast
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest

from assistant import services
from assistant.errors import InputError, ProviderError
from tests.test_ui_apptest import DRAFT, NAMED_CHRONOLOGY, unescape

APP_DIR = Path(services.__file__).resolve().parent / "app"
# What the app may import from the package: the service layer, the typed results it returns, settings,
# errors, shipped data, presentation (render) and the progress message shape. Everything else is engine.
ALLOWED = {"app", "services", "domain", "settings", "errors", "resources", "render", "progress"}
ENGINE = {"retrieval", "providers", "corpus", "critic", "drafting", "enquiry", "evaluation", "llm", "privacy"}
CODE = re.compile(r"\b[A-Z]{2,}(?:_[A-Z0-9]+)+\b")  # a finding code, e.g. CHILD_GENDER_MISSING


def imported_packages(path: Path) -> set[str]:
    """The assistant.* subpackages a module imports, at any level (TYPE_CHECKING blocks and functions too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = (
                [f"{node.module}.{a.name}" for a in node.names]
                if node.module == "assistant"
                else [node.module]
            )
        for name in names:
            parts = name.split(".")
            if parts[0] == "assistant" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_the_app_imports_no_engine_package_only_the_service_layer() -> None:
    modules = sorted(APP_DIR.rglob("*.py"))
    assert len(modules) > 10  # the pages are found too
    wrong = {
        str(m.relative_to(APP_DIR)): sorted(imported_packages(m) - ALLOWED)
        for m in modules
        if imported_packages(m) - ALLOWED
    }
    assert wrong == {}, f"import these through assistant.services instead: {wrong}"


def test_the_import_check_sees_every_form_of_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        "from __future__ import annotations\nimport assistant.retrieval\nfrom assistant import providers\n"
        "from assistant.corpus.loader import load_corpus\nfrom typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from assistant.llm.audit import safe_url\n"
        "def f():\n    from assistant.privacy import redact\n    from assistant import services\n"
    )
    assert imported_packages(module) - ALLOWED == {"retrieval", "providers", "corpus", "llm", "privacy"}
    assert imported_packages(module) - ALLOWED <= ENGINE


# -- falling back to offline is a service option, off unless asked for ---------------------------------------


@pytest.fixture
def failing_remote(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A configured remote model whose every call fails (the server is down); records what would be sent."""
    from assistant.providers import available_providers
    from assistant.settings import get_settings

    if "openai" not in available_providers():
        pytest.skip("the openai provider needs the llm extra: pip install -e '.[llm]'")
    from assistant.providers.openai_compatible import OpenAICompatibleProvider

    monkeypatch.setenv("RRA_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("RRA_LLM_MODEL", "gpt-4o-mini")
    get_settings.cache_clear()
    sent: list[str] = []

    def fail(self: Any, request: Any) -> Any:
        sent.append(request.text)
        raise ProviderError("the model server did not answer", fix="check RRA_LLM_BASE_URL")

    for task in ("critique", "draft", "kloe"):
        monkeypatch.setattr(OpenAICompatibleProvider, task, fail)
    return sent


@pytest.mark.parametrize(
    ("call", "what"),
    [
        (lambda **kw: services.critique(DRAFT, with_panel_comments=False, **kw), "critique"),
        (lambda **kw: services.draft(NAMED_CHRONOLOGY, **kw), "draft"),
        (lambda **kw: services.kloe(NAMED_CHRONOLOGY, **kw), "lines of enquiry"),
    ],
)
def test_a_failing_remote_model_is_an_error_unless_the_caller_asks_for_the_offline_fallback(
    failing_remote: list[str], call: Callable[..., Any], what: str
) -> None:
    with pytest.raises(ProviderError):
        call(provider="openai")  # the CLI's default: the user asked for the remote model, and is told
    result = call(provider="openai", fallback_offline=True)  # the app's choice, made explicitly
    assert result.meta.provider == "offline"
    assert f"so this is the offline {what} instead" in " ".join(result.meta.notices)
    assert len(failing_remote) == 2  # the remote model was tried both times


def test_the_fallback_never_hides_the_users_own_input_error(failing_remote: list[str]) -> None:
    with pytest.raises(InputError):
        services.critique("   ", provider="openai", fallback_offline=True)
    with pytest.raises(InputError):
        services.critique("x", provider="openai", fallback_offline=True, refuse_non_review=True)


def test_the_preview_of_a_remote_draft_or_kloe_sends_nothing_and_names_no_one(
    failing_remote: list[str],
) -> None:
    for task in ("draft", "kloe"):
        preview = services.preview_remote(NAMED_CHRONOLOGY, task=task)
        assert preview.task == task and preview.host == "127.0.0.1:9" and preview.prompt_tokens > 0
        assert "Blythe-Oduya" not in preview.redacted_text and "PERSON_" in preview.redacted_text
        assert any(item.kind == "PERSON" for item in preview.replaced)
    assert failing_remote == []


# -- the pages -----------------------------------------------------------------------------------------------


def texts_outside_evaluators(at: AppTest) -> list[str]:
    """Everything a person reads in the page's main view: all text but the 'For evaluators' section's."""
    evaluators = [e for e in at.expander if e.label.startswith("For evaluators")]
    hidden = {str(df.value) for e in evaluators for df in e.dataframe}
    hidden |= {m.value for e in evaluators for m in e.markdown} | {
        c.value for e in evaluators for c in e.caption
    }
    texts = [e.label for e in at.expander]
    for kind in ("markdown", "caption", "header", "subheader", "info", "warning", "success"):
        texts += [str(el.value) for el in at.get(kind) if str(el.value) not in hidden]  # type: ignore[union-attr]
    texts += [h.proto.body for h in at.get("html")]
    texts += [str(df.value) for df in at.dataframe if str(df.value) not in hidden]
    texts += [df.value.to_string() for df in at.data_editor]
    return [unescape(t) for t in texts]


@pytest.mark.parametrize(
    ("page", "button", "code_column"),
    [("draft", "Draft the sections", "Code"), ("kloe", "Find the lines of enquiry", "Finding code")],
)
def test_codes_only_in_the_collapsed_evaluators_section(
    app: Callable[..., AppTest], page: str, button: str, code_column: str
) -> None:
    at = app(page)
    at.text_area(key=f"w_{page}_text").input(NAMED_CHRONOLOGY).run()
    next(b for b in at.button if b.label == button).click().run()
    assert not at.exception, at.exception
    evaluators = next(e for e in at.expander if e.label.startswith("For evaluators"))
    assert not evaluators.proto.expanded
    codes = [
        str(v)
        for df in evaluators.dataframe
        if code_column in df.value.columns
        for v in df.value[code_column]
    ]
    assert any(CODE.fullmatch(c) for c in codes), codes  # the codes are there, for evaluators
    main = texts_outside_evaluators(at)
    assert not [t for t in main if CODE.search(t) or "Finding code" in t or ("–" in t and "Characters" in t)]


def test_a_line_of_enquiry_leads_to_its_passages_and_back_by_links_not_hover(
    app: Callable[..., AppTest],
) -> None:
    at = app("kloe")
    at.text_area(key="w_kloe_text").input(NAMED_CHRONOLOGY).run()
    next(b for b in at.button if b.label == "Find the lines of enquiry").click().run()
    assert not at.exception, at.exception
    report = at.session_state["kloe"].report
    assert report.lines_of_enquiry
    bodies = [h.proto.body for h in at.get("html")]
    text_pane = next(b for b in bodies if 'aria-label="Your text, with the evidence marked"' in b)
    for n, line in enumerate(report.lines_of_enquiry, start=1):
        assert f'id="rra-line-of-enquiry-{n}"' in "".join(bodies)  # where the way back lands
        for j, _ in enumerate(line.evidence):
            passage = f"rra-kloe-passage-{n}-{j}"
            assert f'id="{passage}"' in text_pane  # the passage, marked in the text ...
            assert any(
                f'href="#{passage}"' in b and "rra-locate" in b for b in bodies
            )  # ... reached by a link
        assert f'href="#rra-line-of-enquiry-{n}"' in text_pane  # and a link back to the line
    assert "<mark title=" not in text_pane.replace('class="rra-passage" id=', "")  # no hover-only mark


@pytest.mark.parametrize(
    ("page", "button"), [("draft", "Draft the sections"), ("kloe", "Find the lines of enquiry")]
)
def test_the_date_picked_in_the_deadline_panel_reaches_the_downloads(
    app: Callable[..., AppTest], page: str, button: str
) -> None:
    import docx

    from assistant.deadline.notes import long_date

    at = app(page)
    at.text_area(key=f"w_{page}_text").input(NAMED_CHRONOLOGY).run()  # it gives no notification date
    at.date_input[0].set_value(dt.date(2025, 3, 3)).run()  # due Monday 24 March 2025
    next(b for b in at.button if b.label == button).click().run()
    assert not at.exception, at.exception
    view = at.session_state[page]
    result = view.draft if page == "draft" else view.report
    assert result.deadline is not None and result.deadline.due == dt.date(2025, 3, 24)
    assert long_date(dt.date(2025, 3, 24)) in view.markdown
    # A date changed after the run reaches the downloads too, without running it again.
    at.date_input[0].set_value(dt.date(2025, 3, 10)).run()
    assert not at.exception, at.exception
    view = at.session_state[page]
    result = view.draft if page == "draft" else view.report
    assert result.deadline is not None and result.deadline.due == dt.date(2025, 3, 31)
    assert long_date(dt.date(2025, 3, 31)) in view.markdown
    word = "\n".join(p.text for p in docx.Document(io.BytesIO(view.docx)).paragraphs)
    assert long_date(dt.date(2025, 3, 31)) in word  # the Word file was made again


LATE_DRAFT = """Rapid review: Child R

Case information
Date of notification: 03/03/2025
Child R, aged 12, was found injured at home after several weeks away from school.

Analysis
Agencies did not share what they knew about Child R's absences. Child R's lived experience was of being
unheard. The partnership considered race, culture and disability.

Decision
The safeguarding partners agree the criteria for a local child safeguarding practice review are met.

Sign-off
Date submitted to the Panel: 11 April 2025
"""


def test_the_critique_page_shows_the_timing_notes_apart_from_the_findings(
    app: Callable[..., AppTest],
) -> None:
    at = app("critique")
    at.text_area(key="w_critique_text").input(LATE_DRAFT).run()
    next(b for b in at.button if b.label == "Run the critique").click().run()
    assert not at.exception, at.exception
    critique = at.session_state["critique"].critique
    assert critique.information, "the draft is dated after its due date"
    headers = [h.value for h in at.header]
    assert "The review's timing" in headers and headers.index("The review's timing") > headers.index(
        "Findings"
    )
    shown = "\n".join(unescape(m.value) for m in at.markdown)
    assert critique.information[0].message in shown
    assert not any("working day" in e.label for e in at.expander)  # never a finding


def test_the_sidebar_says_where_it_runs_whether_shared_or_not(
    app: Callable[..., AppTest], monkeypatch: pytest.MonkeyPatch
) -> None:
    from assistant.app.components import here
    from assistant.settings import get_settings

    at = app(None)
    caption = next(c.value for c in at.sidebar.caption if "Drafts stay" in c.value)
    assert caption.startswith(
        "Runs on this server; nothing is sent elsewhere unless a remote model is configured"
    )
    assert "this computer" not in caption
    assert here() == "this computer"
    for name, value in {
        "RRA_AUTH_SERVER_METADATA_URL": "https://login.example.org/.well-known/openid-configuration",
        "RRA_AUTH_CLIENT_ID": "rra",
        "RRA_AUTH_CLIENT_SECRET": "s",
    }.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    if not get_settings().auth_configured:
        pytest.fail("the RRA_AUTH_* settings above no longer configure sign-in")
    assert here() == "this server"
