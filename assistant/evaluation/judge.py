"""Optional LLM judge, MARG-style: off by default and never needed for the offline run.

Following MARG (D'Arcy et al., 2024), a model matches the critique's findings to the Panel's gap points,
several times with both lists in a different shuffled order, and only matches that recur in at least
`min_agreement` rounds are kept; order effects and one-off confabulated matches drop out.

Backend. The judge is written against the small `ChatBackend` protocol below (a `model` name and
`generate(messages, output_model) -> validated model`). `assistant.llm.client.StructuredChat` (written in
parallel by another engineer) satisfies it; `default_backend()` builds one from settings and is the only
place that depends on that client's constructor. NOTE: if the client's API changes, only
`default_backend()` needs adjusting. Tests use a fake backend.

Privacy: the texts are the published, anonymised Panel examples, but every text still goes through
`assistant.privacy.redact` before it leaves the machine, as the client requires.
Cache: each round's reply is cached on disk under <cache_dir>/eval-judge/, keyed on the model and the
exact messages (the shuffles are seeded, so a re-run asks the same questions and makes no calls).
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.domain.critique import Critique
from assistant.domain.evals import JudgeMatch, JudgeReport
from assistant.errors import ConfigError
from assistant.evaluation.dataset import Gold, GoldPoint
from assistant.evaluation.scorers import ratio
from assistant.evaluation.solver import finding_text
from assistant.settings import get_settings

T = TypeVar("T", bound=BaseModel)
Progress = Callable[[str], None]
ROUNDS = 3


class ChatBackend(Protocol):
    model: str

    def generate(self, messages: Sequence[Mapping[str, str]], output_model: type[T]) -> T: ...


class MatchItem(BaseModel):
    model_config = ConfigDict(extra="forbid")

    comment: int = Field(description="Number of the generated comment (G-number without the G).")
    points: list[int] = Field(description="Numbers of the Panel points (P-numbers) it makes substantially.")


class MatchReply(BaseModel):
    model_config = ConfigDict(extra="forbid")

    matches: list[MatchItem] = Field(description="One entry per generated comment that matches any point.")


SYSTEM = (
    "You compare feedback on a child safeguarding rapid review. You get numbered GENERATED comments (from a "
    "tool) and numbered PANEL points (what the Child Safeguarding Practice Review Panel actually said). For "
    "each generated comment, list the Panel points that make substantially the same criticism (the same "
    "missing item or the same weakness), not merely the same topic. A comment may match several points or "
    'none. Answer only with JSON: {"matches": [{"comment": <G number>, "points": [<P numbers>]}]}.'
)


def build_messages(comments: Sequence[str], points: Sequence[str]) -> list[dict[str, str]]:
    body = "GENERATED comments:\n" + "\n".join(f"G{i}. {c}" for i, c in enumerate(comments, 1))
    body += "\n\nPANEL points:\n" + "\n".join(f"P{i}. {p}" for i, p in enumerate(points, 1))
    return [{"role": "system", "content": SYSTEM}, {"role": "user", "content": body}]


class JudgeCache:
    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0

    def _path(self, model: str, messages: Sequence[Mapping[str, str]]) -> Path | None:
        if self.directory is None:
            return None
        key = hashlib.sha256(
            json.dumps([model, list(map(dict, messages))], sort_keys=True).encode()
        ).hexdigest()
        return self.directory / f"{key}.json"

    def get(self, model: str, messages: Sequence[Mapping[str, str]]) -> MatchReply | None:
        path = self._path(model, messages)
        if path is None or not path.is_file():
            return None
        try:
            reply = MatchReply.model_validate_json(path.read_bytes())
        except (OSError, ValidationError):
            return None
        self.hits += 1
        return reply

    def put(self, model: str, messages: Sequence[Mapping[str, str]], reply: MatchReply) -> None:
        path = self._path(model, messages)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".part")
        tmp.write_text(reply.model_dump_json(), encoding="utf-8")
        tmp.replace(path)


def stable_matches(
    chat: ChatBackend,
    comments: Sequence[str],
    points: Sequence[str],
    *,
    rounds: int = ROUNDS,
    min_agreement: int | None = None,
    seed: int = 0,
    cache: JudgeCache | None = None,
) -> tuple[set[tuple[int, int]], int]:
    """(comment index, point index) pairs (0-based, original order) seen in >= min_agreement rounds,
    and how many distinct pairs were dropped as unstable."""
    need = rounds if min_agreement is None else min_agreement
    counts: dict[tuple[int, int], int] = {}
    rng = random.Random(seed)
    for _ in range(rounds):
        c_order = list(range(len(comments)))
        p_order = list(range(len(points)))
        rng.shuffle(c_order)
        rng.shuffle(p_order)
        messages = build_messages([comments[i] for i in c_order], [points[j] for j in p_order])
        reply = cache.get(chat.model, messages) if cache else None
        if reply is None:
            reply = chat.generate(messages, MatchReply)
            if cache:
                cache.put(chat.model, messages, reply)
        seen: set[tuple[int, int]] = set()
        for m in reply.matches:
            if not 1 <= m.comment <= len(c_order):
                continue  # an out-of-range number is the model's error, not a match
            for p in m.points:
                if 1 <= p <= len(p_order):
                    seen.add((c_order[m.comment - 1], p_order[p - 1]))
        for pair in seen:
            counts[pair] = counts.get(pair, 0) + 1
    stable = {pair for pair, n in counts.items() if n >= need}
    return stable, len(counts) - len(stable)


def default_backend() -> ChatBackend:
    """A StructuredChat from settings (depends on assistant.llm.client, see the module docstring)."""
    s = get_settings()
    if not s.llm_configured:
        raise ConfigError(
            "--judge needs a remote model",
            fix="set RRA_LLM_BASE_URL and RRA_LLM_MODEL, or run without --judge",
        )
    from assistant.llm.client import StructuredChat

    return StructuredChat.from_settings(s)


def _redactor() -> Callable[[str], str]:
    from assistant.privacy import redact

    return lambda text: redact(text).text


def run_judge(
    gold: Gold,
    critiques: Mapping[int, Critique],
    *,
    chat: ChatBackend | None = None,
    rounds: int = ROUNDS,
    min_agreement: int | None = None,
    cache_dir: Path | None = None,
    redact: Callable[[str], str] | None = None,
    progress: Progress | None = None,
) -> JudgeReport:
    backend = chat or default_backend()
    clean = redact or _redactor()
    cache = JudgeCache(cache_dir if cache_dir is not None else get_settings().cache_dir / "eval-judge")
    need = rounds if min_agreement is None else min_agreement
    kept: list[JudgeMatch] = []
    dropped = 0
    matched_points = total_points = matched_findings = total_findings = 0
    for n, critique in sorted(critiques.items()):
        if progress:
            progress(f"eval: judge, example {n} ({rounds} shuffled rounds)")
        findings = critique.findings
        units: dict[str, list[GoldPoint]] = {}  # one unit per distinct span: repeated spans are one point
        for p in gold.points_of("gap", n):
            units.setdefault(p.span, []).append(p)
        spans = list(units)
        total_points += sum(len(v) for v in units.values())
        total_findings += len(findings)
        if not findings or not spans:
            continue
        stable, n_dropped = stable_matches(
            backend,
            [clean(finding_text(f)) for f in findings],
            [clean(s) for s in spans],
            rounds=rounds,
            min_agreement=need,
            seed=n,
            cache=cache,
        )
        dropped += n_dropped
        matched_points += sum(len(units[spans[j]]) for j in {j for _, j in stable})
        matched_findings += len({i for i, _ in stable})
        kept += [
            JudgeMatch(example=n, finding=findings[i].code, point=units[spans[j]][0].id)
            for i, j in sorted(stable)
        ]
    return JudgeReport(
        model=backend.model,
        rounds=rounds,
        min_agreement=need,
        hit_rate=ratio(matched_points, total_points),
        finding_precision=ratio(matched_findings, total_findings),
        stable_matches=kept,
        unstable_matches=dropped,
        cache_hits=cache.hits,
    )
