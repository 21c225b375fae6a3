"""The finding-code taxonomy (a contract: codes are appended, never renamed) and the Panel-voice templates."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.domain.critique import Severity
from assistant.prompts import PROMPTS_DIR, PromptTemplate
from assistant.settings import get_settings


class Code(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(description="Stable code.")
    title: str = Field(description="What the gap is.")
    group: str = Field(description="minimum_record | important_issues | panel_comments.")
    source: str = Field(description="Where in the Panel's publication the expectation comes from.")

    @property
    def severity(self) -> Severity:
        return "must-fix" if self.group == "minimum_record" else "consider"


class FindingTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    message: str = Field(description="Panel-voice message with an optional {{ detail }} placeholder.")
    guidance: tuple[str, ...] = Field(description="Guidance ids the finding rests on.")
    query: str = Field(description="Retrieval query for similar Panel comments.")

    def render(self, code: str, detail: str) -> str:
        variables = ("detail",) if "{{ detail }}" in self.message else ()
        return PromptTemplate(name=code, description=code, variables=variables, body=self.message).render(
            detail=detail
        )


class StrengthTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str = Field(description="Short name.")
    counters: str = Field(description="The finding code this strength is the opposite of.")
    message: str = Field(description="Panel-voice message.")


class Templates(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    findings: dict[str, FindingTemplate]
    strengths: dict[str, StrengthTemplate]


@lru_cache(maxsize=2)
def load_codes(path: Path | None = None) -> dict[str, Code]:
    data = yaml.safe_load(
        (path or get_settings().corpus_dir / "finding-codes.yaml").read_text(encoding="utf-8")
    )
    return {
        code: Code(code=code, title=spec["title"], group=group, source=str(spec["source"]))
        for group, codes in data.items()
        for code, spec in codes.items()
    }


@lru_cache(maxsize=2)
def load_templates(path: Path = PROMPTS_DIR / "finding-messages.yaml") -> Templates:
    templates = Templates.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    missing = set(load_codes()) - set(templates.findings)
    if missing:
        raise ValueError(f"finding-messages.yaml has no template for {sorted(missing)}")
    return templates
