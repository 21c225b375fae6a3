"""Prompt files load into a strict model and fail by name; providers are chosen by name from one registry."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.errors import ConfigError, PromptVariableMissing, RRAError
from assistant.prompts import PROMPTS_DIR, load_prompt, parse_prompt
from assistant.providers import CritiqueRequest, available_providers, get_provider
from assistant.providers.offline import OfflineProvider


def test_every_prompt_file_loads_and_renders() -> None:
    names = sorted(p.stem for p in PROMPTS_DIR.glob("*.md"))
    assert {"critique_llm", "draft_llm", "kloe_llm"} <= set(names)
    for name in names:
        template = load_prompt(name)
        rendered = template.render(**{v: f"<{v}>" for v in template.variables})
        assert "{{" not in rendered
        for v in template.variables:
            assert f"<{v}>" in rendered


def test_missing_variable_raises_a_named_error() -> None:
    template = load_prompt("kloe_llm")
    with pytest.raises(PromptVariableMissing, match="text") as info:
        template.render(existing="- none")
    assert "kloe_llm" in info.value.message


def test_front_matter_is_strict() -> None:
    with pytest.raises(ValidationError):
        parse_prompt("x", "---\ndescription: d\nvariables: [a]\ntemperature: 0\n---\n{{ a }}")
    with pytest.raises(RRAError, match="declares"):
        parse_prompt("x", "---\ndescription: d\nvariables: [a]\n---\n{{ a }} {{ b }}")
    with pytest.raises(RRAError, match="front matter"):
        parse_prompt("x", "no front matter")


def test_unknown_prompt_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(RRAError, match="no prompt named") as info:
        load_prompt("nope", tmp_path)
    assert "nope.md" in (info.value.fix or "")


def test_providers_by_name() -> None:
    assert {"offline", "openai"} <= set(available_providers())
    provider = get_provider("offline")
    assert isinstance(provider, OfflineProvider) and provider.name == "offline"
    result = provider.generate(
        CritiqueRequest(
            text="The child, the mother and the police. School. Incident.", with_panel_comments=False
        )
    )
    assert result.meta.provider == "offline"
    with pytest.raises(ConfigError, match="unknown provider"):
        get_provider("nonesuch")
