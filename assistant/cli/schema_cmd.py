"""`schema NAME`: the JSON schema of an output model, or of an input file format such as DevsetLabels (the
labels files of `rapid-review eval --dataset DIR`), field descriptions included."""

from __future__ import annotations

import importlib

import click

from assistant.cli.app import cli, dumps, write_output
from assistant.errors import InputError

MODELS = {
    "Critique": "assistant.domain.critique",
    "Finding": "assistant.domain.critique",
    "Draft": "assistant.domain.drafting",
    "DraftSection": "assistant.domain.drafting",
    "KloeReport": "assistant.domain.kloe",
    "KeyLineOfEnquiry": "assistant.domain.kloe",
    "EvalReport": "assistant.domain.evals",
    "DevsetReport": "assistant.domain.evals",
    "DevsetLabels": "assistant.domain.evals",
    "SearchResponse": "assistant.domain.corpus",
    "CorpusSummary": "assistant.domain.corpus",
    "Chronology": "assistant.domain.chronology",
    "ReviewDeadline": "assistant.domain.deadline",
}


@cli.command()
@click.argument("name", required=False)
def schema(name: str | None) -> None:
    """Print the JSON schema of an output model or input file (no NAME lists them)."""
    if name is None:
        write_output("\n".join(sorted(MODELS)) + "\n", None)
        return
    if name not in MODELS:
        raise InputError(f"no model named '{name}'", fix=f"use one of: {', '.join(sorted(MODELS))}")
    try:
        model = getattr(importlib.import_module(MODELS[name]), name)
    except (ImportError, AttributeError) as exc:
        raise InputError(
            f"the model '{name}' is not available in this install: {exc}", fix="update the package"
        ) from exc
    write_output(dumps(model.model_json_schema()), None)
