"""Baselines scored in the same run and by the same scorers as the tool.

* checklist: every finding code on every example (what a tool that always says everything would score);
* empty: no findings and no strengths;
* shuffle: example A's critique scored against example B's gold, for each of the four derangements
  k -> k+s (s = 1..4, cyclic). If the tool reads the example, this must collapse.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.critic.taxonomy import load_codes, load_templates
from assistant.evaluation.solver import ExamplePrediction, FindingView, Predictions

DESCRIPTIONS = {
    "checklist": "Every finding code on every example, with the code's message template as its text.",
    "empty": "No findings and no strengths on any example.",
    "shuffle": "Example A's critique scored against example B's Panel points and presence (mean of the "
    "four cyclic derangements k -> k+s, s = 1..4).",
}


def checklist(examples: Sequence[int], codes: Sequence[str]) -> dict[int, ExamplePrediction]:
    """`codes`: the codes the presence matrix covers (every code of the shared spec)."""
    spec, templates = load_codes(), load_templates()
    findings = tuple(
        FindingView(code, f"{spec[code].title}. {templates.findings[code].render(code, '')}")
        for code in codes
    )
    return {n: ExamplePrediction(n, findings, ()) for n in examples}


def empty(examples: Sequence[int]) -> dict[int, ExamplePrediction]:
    return {n: ExamplePrediction(n, (), ()) for n in examples}


def shuffled(preds: Predictions, examples: Sequence[int], shift: int) -> dict[int, ExamplePrediction]:
    """Gold example examples[i] gets the critique of examples[i + shift] (cyclic)."""
    order = list(examples)
    if shift % len(order) == 0:
        raise ValueError("a shuffle must move every example")
    return {n: preds[order[(i + shift) % len(order)]] for i, n in enumerate(order)}


def shifts(examples: Sequence[int]) -> list[int]:
    return list(range(1, len(examples)))
