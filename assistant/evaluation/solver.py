"""The solver: each example's review text (the Panel's comments and verdict stripped) through the real
critique, with that example left out of retrieval, and the result reduced to what the scorers read.

Leave-one-out is enforced, not assumed: a critique whose meta does not record the exclusion, or that
carries a Panel comment from the example under test, is an error.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from assistant.critic.taxonomy import load_templates
from assistant.domain.corpus import Corpus
from assistant.domain.critique import Critique, Finding, Strength
from assistant.errors import RRAError

Progress = Callable[[str], None]
CritiqueFn = Callable[..., Critique]


class LeaveOneOutViolation(RRAError):
    """A critique of example k used material from example k."""

    exit_code = 1


@dataclass(frozen=True)
class FindingView:
    code: str
    text: str  # message and evidence quotes: what similarity matching compares with a Panel point


@dataclass(frozen=True)
class StrengthView:
    code: str
    counters: str | None  # the finding code this strength is the opposite of
    text: str


@dataclass(frozen=True)
class ExamplePrediction:
    """What the scorers see of one critique (or of a baseline's stand-in for one)."""

    example: int  # the example the critique was made on (differs from the gold's under the shuffle control)
    findings: tuple[FindingView, ...]
    strengths: tuple[StrengthView, ...]

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(f.code for f in self.findings)

    @property
    def countered(self) -> frozenset[str]:
        return frozenset(s.counters for s in self.strengths if s.counters)


Predictions = Mapping[int, ExamplePrediction]


def finding_text(f: Finding) -> str:
    return " ".join([f.message, *(e.quote for e in f.evidence)])


def strength_text(s: Strength) -> str:
    return " ".join([s.message, *(e.quote for e in s.evidence)])


def to_prediction(example: int, critique: Critique) -> ExamplePrediction:
    counters = {k: t.counters for k, t in load_templates().strengths.items()}
    return ExamplePrediction(
        example=example,
        findings=tuple(FindingView(f.code, finding_text(f)) for f in critique.findings),
        strengths=tuple(
            StrengthView(s.code, counters.get(s.code), strength_text(s)) for s in critique.strengths
        ),
    )


def leakage(example: int, critique: Critique) -> list[str]:
    """Panel comments from `example` itself attached to its critique (must be empty)."""
    return [f"{f.code}: {c.id}" for f in critique.findings for c in f.panel_comments if c.example == example]


def solve(
    corpus: Corpus,
    critique: CritiqueFn,
    *,
    provider: str | None = None,
    progress: Progress | None = None,
) -> dict[int, Critique]:
    """Critique every example with itself excluded from retrieval. `critique` is services.critique."""
    out: dict[int, Critique] = {}
    total = len(corpus.examples)
    say = progress or (lambda _m: None)
    # Counts of examples finished, under one label (assistant/progress.py), so a bar can follow them.
    say(f"eval: critiquing the examples, leave-one-out (0/{total})")
    for i, ex in enumerate(corpus.examples, 1):
        result = critique(
            ex.stripped_text, provider=provider, exclude_example=ex.number, with_panel_comments=True
        )
        if result.meta.exclude_example != ex.number:
            raise LeaveOneOutViolation(
                f"the critique of example {ex.number} did not record exclude_example={ex.number}",
                fix="the provider must pass exclude_example through to retrieval",
            )
        leaked = leakage(ex.number, result)
        if leaked:
            raise LeaveOneOutViolation(
                f"the critique of example {ex.number} cites its own Panel comments: {', '.join(leaked)}",
                fix="retrieval must honour exclude_example",
            )
        out[ex.number] = result
        say(f"eval: critiquing the examples, leave-one-out ({i}/{total}: example {ex.number})")
    return out
