"""Prompts live as files under `assistant/resources/prompts/`, never as string literals in code.

A prompt file is markdown with a YAML front matter block that declares its variables:

    ---
    description: what the prompt is for
    variables: [draft, guidance]
    ---
    Body with {{ draft }} and {{ guidance }} placeholders.

Loading validates the front matter into a model that forbids unknown keys and checks that the body uses
exactly the declared variables, so a typo fails at load time rather than in front of a user.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant.errors import PromptVariableMissing, RRAError
from assistant.resources import PROMPTS_DIR

PLACEHOLDER = re.compile(r"\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}")


class PromptTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(description="File stem the prompt is loaded by.")
    description: str = Field(description="What the prompt is for, in one line.")
    variables: tuple[str, ...] = Field(default=(), description="Placeholders the body uses, all required.")
    body: str = Field(description="Template text with {{ variable }} placeholders.")

    def render(self, **values: object) -> str:
        missing = [v for v in self.variables if v not in values]
        if missing:
            raise PromptVariableMissing(
                f"prompt '{self.name}' needs {', '.join(missing)}",
                fix=f"pass {', '.join(missing)} to render()",
            )
        return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self.body)


def parse_prompt(name: str, text: str) -> PromptTemplate:
    if not text.startswith("---"):
        raise RRAError(f"prompt '{name}' has no front matter", fix="start the file with a --- block")
    _, front, body = text.split("---", 2)
    meta = yaml.safe_load(front) or {}
    template = PromptTemplate(name=name, body=body.strip("\n"), **meta)
    used = set(PLACEHOLDER.findall(template.body))
    declared = set(template.variables)
    if used != declared:
        raise RRAError(
            f"prompt '{name}' declares {sorted(declared)} but uses {sorted(used)}",
            fix="make the front matter's variables match the body",
        )
    return template


@lru_cache(maxsize=64)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> PromptTemplate:
    path = directory / f"{name}.md"
    if not path.is_file():
        raise RRAError(f"no prompt named '{name}'", fix=f"add {path}")
    return parse_prompt(name, path.read_text(encoding="utf-8"))
