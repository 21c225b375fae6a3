"""Baselines scored in the same run and by the same scorers as the tool.

* checklist: every finding code on every example (what a tool that always says everything would score);
* prior: text-blind: a code is raised on a draft when it is a real gap in at least half of the *other*
  drafts (leave-one-out; on a labelled dataset with several writers, leave-one-writer-out). It never reads
  the draft, so a tool that only knows which gaps are common scores this; the clear-margin test is against it;
* empty: no findings and no strengths;
* shuffle: example A's critique scored against example B's gold, for each of the four derangements
  k -> k+s (s = 1..4, cyclic). If the tool reads the example, this must collapse.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from assistant.critic.taxonomy import load_codes, load_templates
from assistant.evaluation.solver import ExamplePrediction, FindingView, Predictions

DESCRIPTIONS = {
    "checklist": "Every finding code on every example, with the code's message template as its text.",
    "prior": "Text-blind prior: a code is raised on an example when it is a real gap in at least half of "
    "the other examples where it applies (leave-one-out); never reads the example.",
    "empty": "No findings and no strengths on any example.",
    "shuffle": "Example A's critique scored against example B's Panel points and presence (mean of the "
    "four cyclic derangements k -> k+s, s = 1..4).",
}


def _views(codes: Collection[str]) -> tuple[FindingView, ...]:
    """Stand-in findings for a baseline: the code's title and message template as its text."""
    spec, templates = load_codes(), load_templates()
    return tuple(
        FindingView(code, f"{spec[code].title}. {templates.findings[code].render(code, '')}")
        for code in codes
    )


def checklist(examples: Sequence[int], codes: Sequence[str]) -> dict[int, ExamplePrediction]:
    """`codes`: the codes the presence matrix covers (every code of the shared spec)."""
    findings = _views(codes)
    return {n: ExamplePrediction(n, findings, ()) for n in examples}


def prior_codes(
    truth: Mapping[int, Mapping[str, bool]], groups: Mapping[int, str] | None = None
) -> dict[int, frozenset[str]]:
    """The text-blind prior. `truth`: draft -> code -> real gap (cells that do not apply or are left out of
    the gold are absent). A code is raised on draft n when it is a gap in at least half of the other drafts
    that have a gold cell for it; with `groups` (draft -> writer), "other" means another group's drafts."""
    out: dict[int, frozenset[str]] = {}
    for n in truth:
        others = [m for m in truth if (m != n if groups is None else groups[m] != groups[n])]
        raised = set()
        for code in {c for m in others for c in truth[m]}:
            votes = [truth[m][code] for m in others if code in truth[m]]
            if votes and 2 * sum(votes) >= len(votes):
                raised.add(code)
        out[n] = frozenset(raised)
    return out


def prior(truth: Mapping[int, Mapping[str, bool]], codes: Sequence[str]) -> dict[int, ExamplePrediction]:
    """The prior as predictions the panel scorers read (leave-one-example-out)."""
    raised = prior_codes(truth)
    return {n: ExamplePrediction(n, _views([c for c in codes if c in raised[n]]), ()) for n in truth}


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
