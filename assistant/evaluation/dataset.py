"""The gold data under assistant/resources/gold/, loaded into strict models and checked against the corpus.

`panel_points.yaml`: what the Panel said (39 entries: 34 comments and 5 intros, each split into points).
`presence.yaml`: for each example and every finding code, whether the gap is really there.
Loading fails loudly (GoldDataError) when a span is not verbatim in its comment, a code is unknown, or the
matrix is incomplete: a silently drifting gold would make every number meaningless.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.critic.taxonomy import Code
from assistant.domain.corpus import Corpus
from assistant.errors import RRAError
from assistant.resources import GOLD_DIR

PointKind = Literal["gap", "strength", "advice"]
SCORED_GROUPS = ("minimum_record", "important_issues", "panel_comments")
ENTRY_ID = re.compile(r"^ex([1-5])-(c[1-9][0-9]*|intro)$")


class GoldDataError(RRAError):
    """The gold files are malformed or no longer agree with the corpus."""

    exit_code = 2


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PanelPoint(_Gold):
    span: str = Field(min_length=1, description="Verbatim span of the comment.")
    kind: PointKind = Field(description="gap | strength | advice.")
    code: str | None = Field(description="Finding code when one fits, else null.")


class PanelEntry(_Gold):
    id: str = Field(pattern=ENTRY_ID.pattern, description="'ex{N}-c{k}' or 'ex{N}-intro'.")
    example: int = Field(ge=1, le=5, description="Example number.")
    section: str = Field(description="Section the comment follows ('Introduction' for intros).")
    comment_start: str = Field(description="The first words of the comment, to check alignment.")
    general_advice: bool = Field(description="The comment holds no gap or strength about this review.")
    points: tuple[PanelPoint, ...] = Field(description="The comment's points.")


class PresenceCell(_Gold):
    present: bool | Literal["na"] = Field(description="true: the gap is there; false: covered; 'na'.")
    evidence: str | None = Field(description="Verbatim quote from the review text, null for an absence.")
    note: str = Field(description="The labeller's reasoning.")


@dataclass(frozen=True)
class GoldPoint:
    """One Panel point, flattened, with a stable id 'ex1-c1#p2' (the entry id and the point's position)."""

    id: str
    entry: str
    example: int
    kind: PointKind
    code: str | None
    span: str


@dataclass(frozen=True)
class Gold:
    entries: tuple[PanelEntry, ...]
    presence: dict[int, dict[str, PresenceCell]]
    sha256: str

    @cached_property
    def points(self) -> tuple[GoldPoint, ...]:
        return tuple(
            GoldPoint(f"{e.id}#p{i}", e.id, e.example, p.kind, p.code, p.span)
            for e in self.entries
            for i, p in enumerate(e.points, 1)
        )

    def points_of(self, kind: PointKind, example: int | None = None) -> list[GoldPoint]:
        return [p for p in self.points if p.kind == kind and (example is None or p.example == example)]

    @property
    def examples(self) -> list[int]:
        return sorted(self.presence)

    @property
    def codes(self) -> list[str]:
        return list(next(iter(self.presence.values())))

    def present(self, example: int, code: str) -> bool | Literal["na"]:
        return self.presence[example][code].present

    def commented(self, example: int, code: str) -> bool:
        """Whether the Panel made a gap point with this code on this example."""
        return any(p.code == code for p in self.points_of("gap", example))


def _read_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise GoldDataError(
            f"cannot read gold file {path}: {exc}", fix="restore assistant/resources/gold/ from git"
        ) from exc
    except yaml.YAMLError as exc:
        raise GoldDataError(f"{path} is not valid YAML: {exc}", fix="fix the file") from exc


def gold_sha256(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for p in paths:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def scored_codes(codes: Mapping[str, Code]) -> list[str]:
    """The codes the presence matrix must cover: the three groups of the shared finding-codes spec.
    Codes the project appends in other groups (e.g. ADDITIONAL_POINT for model-written points) have no
    fixed meaning to label, so they are scored only through the Panel points (by similarity)."""
    return [c for c, spec in codes.items() if spec.group in SCORED_GROUPS]


def validate(gold: Gold, corpus: Corpus, codes: Mapping[str, Code]) -> list[str]:
    """Every problem found, as one line each (empty when the gold agrees with the corpus and taxonomy)."""
    known = set(codes)
    required = set(scored_codes(codes))
    problems: list[str] = []
    seen: set[str] = set()
    for e in gold.entries:
        if e.id in seen:
            problems.append(f"{e.id}: duplicate entry")
        seen.add(e.id)
        m = ENTRY_ID.match(e.id)
        if m is None or int(m.group(1)) != e.example:
            problems.append(f"{e.id}: id does not match example {e.example}")
            continue
        example = corpus.example(e.example)
        if m.group(2) == "intro":
            source = example.verdict
        else:
            comment = next((c for c in example.comments if c.id == e.id), None)
            if comment is None:
                problems.append(f"{e.id}: no such Panel comment in the corpus")
                continue
            source = comment.text
        if not source.startswith(e.comment_start):
            problems.append(f"{e.id}: comment_start {e.comment_start!r} does not open the comment")
        for p in e.points:
            if p.span not in source:
                problems.append(f"{e.id}: span not verbatim in the comment: {p.span[:70]!r}")
            if p.code is not None and p.code not in known:
                problems.append(f"{e.id}: unknown code {p.code}")
    expected = {c.id for c in corpus.panel_comments} | {f"ex{x.number}-intro" for x in corpus.examples}
    if seen != expected:
        problems.append(
            f"entries differ from the corpus: missing {sorted(expected - seen)}, extra {sorted(seen - expected)}"
        )
    for n in (x.number for x in corpus.examples):
        cells = gold.presence.get(n)
        if cells is None:
            problems.append(f"presence: example {n} missing")
            continue
        if not required <= set(cells) <= known:
            problems.append(
                f"presence: example {n} codes differ: missing {sorted(required - set(cells))}, "
                f"unknown {sorted(set(cells) - known)}"
            )
        text = corpus.example(n).stripped_text
        for code, cell in cells.items():
            if cell.evidence is not None and cell.evidence not in text:
                problems.append(
                    f"presence: example {n} {code}: evidence not verbatim: {cell.evidence[:70]!r}"
                )
    return problems


def load_gold(corpus: Corpus, codes: Mapping[str, Code], gold_dir: Path = GOLD_DIR) -> Gold:
    points_path, presence_path = gold_dir / "panel_points.yaml", gold_dir / "presence.yaml"
    raw_points, raw_presence = _read_yaml(points_path), _read_yaml(presence_path)
    try:
        if not isinstance(raw_points, list) or not isinstance(raw_presence, dict):
            raise GoldDataError(
                "gold files have the wrong shape",
                fix="panel_points.yaml is a list of entries; presence.yaml maps example -> code -> cell",
            )
        entries = tuple(PanelEntry.model_validate(e) for e in raw_points)
        presence = {
            int(n): {str(code): PresenceCell.model_validate(cell) for code, cell in cells.items()}
            for n, cells in raw_presence.items()
        }
    except ValidationError as exc:
        raise GoldDataError(
            f"gold data does not validate: {exc}", fix="fix assistant/resources/gold/"
        ) from exc
    gold = Gold(entries, presence, gold_sha256([points_path, presence_path]))
    problems = validate(gold, corpus, codes)
    if problems:
        shown = "\n  ".join(problems[:20])
        raise GoldDataError(
            f"gold data disagrees with the corpus or the taxonomy ({len(problems)} problem(s)):\n  {shown}",
            fix="re-check assistant/resources/gold/ against the corpus (see evals/README.md)",
        )
    return gold
