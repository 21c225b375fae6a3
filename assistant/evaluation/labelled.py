"""A labelled dataset: a folder of drafts with labels files (the dev set, or a partnership's own reviews).

Layout: any folder holding `<x>labels.json` files (searched recursively), each mapping draft file names in
its own folder to labels (schema `DevsetLabels`, `rapid-review schema DevsetLabels`), and optionally
`<x>labels_rater2.json` beside it from a second, independent labeller. Everything is checked before a draft
is critiqued: a mistake in a labels file is an InputError naming the file, the draft, the code and the fix.

The gold is what the labellers agree on: a cell (draft, code) is a gold gap when both say gap, gold covered
when both say covered (covered includes "does not apply"); anything else (a disagreement, an unsure) is
left out and reported. With one labeller, the gold is that labeller's gap and covered cells.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assistant.domain.evals import (
    Agreement,
    DevsetLabels,
    Disagreement,
    LabelsEntry,
    LabelValue,
)
from assistant.errors import InputError

PRIMARY = "labels.json"
SECOND = "labels_rater2.json"
READABLE = (".md", ".markdown", ".txt", ".docx", ".pdf")
SCHEMA_HINT = "see evals/devset/README.md, or `rapid-review schema DevsetLabels`"
MAX_PROBLEMS = 20


class LabelsError(InputError):
    """A labels file cannot be used (exit 2, naming the file and the fix)."""


@dataclass(frozen=True)
class LabelledDraft:
    id: str  # path relative to the dataset folder, with '/' separators
    path: Path
    writer: str
    format: str  # md | txt | docx | pdf
    rater1: LabelsEntry
    rater2: LabelsEntry | None

    def label(self, code: str, rater: int) -> LabelValue | None:
        entry = self.rater1 if rater == 1 else self.rater2
        if entry is None:
            return None
        for value in ("gap", "covered", "unsure"):
            if code in getattr(entry, value):
                return value
        return None


@dataclass(frozen=True)
class LabelledDataset:
    directory: Path
    drafts: tuple[LabelledDraft, ...]
    codes: tuple[str, ...]  # the codes every labels entry covers (the scored codes of the taxonomy)
    sha256: str  # of every labels file and every draft, in path order
    unknown_reviews: Mapping[str, list[str]]  # review ids the corpus does not hold -> drafts naming them

    @property
    def writers(self) -> list[str]:
        return sorted({d.writer for d in self.drafts})


# ----------------------------------------------------------------------------------- loading


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def read_labels(path: Path, root: Path | None = None) -> DevsetLabels:
    """Parse one labels file strictly (shape only; `load` checks codes and drafts)."""
    shown = _rel(path, root) if root else str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise LabelsError(
            f"cannot read the labels file {shown}: {exc.strerror}", fix="check the path"
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise LabelsError(f"the labels file {shown} is not UTF-8 text", fix="save it as UTF-8 JSON") from None
    except json.JSONDecodeError as exc:
        raise LabelsError(
            f"the labels file {shown} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}",
            fix=f"fix the JSON there (a missing comma or quote is the usual cause); {SCHEMA_HINT}",
        ) from None
    try:
        return DevsetLabels.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:MAX_PROBLEMS]:
            where = ".".join(str(x) for x in err["loc"]) or "(top level)"
            problems.append(f"{where}: {err['msg']}")
        more = f" (and {exc.error_count() - MAX_PROBLEMS} more)" if exc.error_count() > MAX_PROBLEMS else ""
        raise LabelsError(
            f"the labels file {shown} does not follow the labels schema:\n  " + "\n  ".join(problems) + more,
            fix="each draft file name maps to {gap: [...], covered: [...], unsure: [...], "
            f"national_reviews_apply: [...], national_reviews_cited: [...], evidence: {{CODE: text}}}}; {SCHEMA_HINT}",
        ) from None


def entry_problems(where: str, entry: LabelsEntry, codes: Sequence[str]) -> list[str]:
    """Every problem with one draft's labels: unknown or missing codes, a code given twice. Empty when the
    entry can be used."""
    known, out = set(codes), []
    seen: dict[str, str] = {}
    for value in ("gap", "covered", "unsure"):
        for code in getattr(entry, value):
            if code not in known:
                out.append(f"{where}: unknown code '{code}' in {value}")
            elif code in seen:
                out.append(f"{where}: {code} is in both {seen[code]} and {value}")
            else:
                seen[code] = value
    missing = [c for c in codes if c not in seen]
    if missing:
        out.append(f"{where}: not labelled: {', '.join(missing)} (put each in gap, covered or unsure)")
    for code in entry.evidence:
        if code not in known:
            out.append(f"{where}: evidence for unknown code '{code}'")
    return out


def _writer(labels: Path, root: Path) -> str:
    prefix = labels.name[: -len(PRIMARY)].strip("_-. ")
    if prefix:
        return prefix
    folder = _rel(labels.parent, root)
    return root.name if folder == "." else folder


def _hash(paths: Sequence[Path], root: Path) -> str:
    h = hashlib.sha256()
    for p in sorted(paths):
        h.update(_rel(p, root).encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def load(directory: Path, codes: Sequence[str], reviews: Sequence[str]) -> LabelledDataset:
    """Every labelled draft under `directory`. `codes`: the codes each entry must label (the scored codes
    of the taxonomy); `reviews`: the national review ids of the corpus. A review id the corpus does not
    hold is not an error (the labels may know a newer review): it is recorded in `unknown_reviews`."""
    root = directory
    primaries = sorted(p for p in root.rglob(f"*{PRIMARY}") if p.is_file())
    seconds = sorted(p for p in root.rglob(f"*{SECOND}") if p.is_file())
    expected_seconds = {p.with_name(p.name[: -len(PRIMARY)] + SECOND) for p in primaries}
    orphans = [p for p in seconds if p not in expected_seconds]
    if orphans:
        raise LabelsError(
            f"second-rater file(s) without a first rater's file beside them: "
            f"{', '.join(_rel(p, root) for p in orphans)}",
            fix=f"name the first rater's file <prefix>{PRIMARY} next to <prefix>{SECOND}",
        )
    if not primaries:
        raise LabelsError(
            f"no labels file (*{PRIMARY}) in {root}",
            fix=f"add one mapping each draft's file name to its labels; {SCHEMA_HINT}",
        )
    problems: list[str] = []
    drafts: list[LabelledDraft] = []
    hashed: list[Path] = []
    for primary in primaries:
        second = primary.with_name(primary.name[: -len(PRIMARY)] + SECOND)
        rater1 = read_labels(primary, root)
        rater2 = read_labels(second, root) if second.is_file() else None
        hashed += [primary] + ([second] if rater2 else [])
        shown1, shown2 = _rel(primary, root), _rel(second, root)
        if rater2 is not None and set(rater2.root) != set(rater1.root):
            only1 = sorted(set(rater1.root) - set(rater2.root))
            only2 = sorted(set(rater2.root) - set(rater1.root))
            problems.append(
                f"{shown1} and {shown2} label different drafts (only in the first: {only1 or 'none'}; only "
                f"in the second: {only2 or 'none'})"
            )
        if not rater1.root:
            problems.append(f"{shown1}: labels no draft")
        for name, entry in rater1.root.items():
            if Path(name).name != name or name in (".", ".."):
                problems.append(f"{shown1}: '{name}' must be a file name in the same folder, not a path")
                continue
            path = primary.parent / name
            if not path.is_file():
                problems.append(f"{shown1}: {name}: no such draft beside the labels file")
                continue
            if path.suffix.lower() not in READABLE:
                problems.append(f"{shown1}: {name}: not a draft the tool reads ({', '.join(READABLE)})")
                continue
            problems += entry_problems(f"{shown1}: {name}", entry, codes)
            entry2 = rater2.root.get(name) if rater2 else None
            if entry2 is not None:
                problems += entry_problems(f"{shown2}: {name}", entry2, codes)
            fmt = path.suffix.lower().lstrip(".")
            drafts.append(
                LabelledDraft(
                    id=_rel(path, root),
                    path=path,
                    writer=_writer(primary, root),
                    format="md" if fmt == "markdown" else fmt,
                    rater1=entry,
                    rater2=entry2,
                )
            )
            hashed.append(path)
    if problems:
        shown = "\n  ".join(problems[:MAX_PROBLEMS])
        more = f"\n  (and {len(problems) - MAX_PROBLEMS} more)" if len(problems) > MAX_PROBLEMS else ""
        raise LabelsError(
            f"the labels in {root} cannot be used ({len(problems)} problem(s)):\n  {shown}{more}",
            fix=f"use the codes of corpus/finding-codes.yaml, each exactly once per draft; {SCHEMA_HINT}",
        )
    unknown: dict[str, list[str]] = {}
    for d in drafts:
        for e in (d.rater1, d.rater2):
            for rid in [*e.national_reviews_apply, *e.national_reviews_cited] if e else []:
                if rid not in reviews and d.id not in unknown.setdefault(rid, []):
                    unknown[rid].append(d.id)
    return LabelledDataset(root, tuple(drafts), tuple(codes), _hash(hashed, root), unknown)


# ----------------------------------------------------------------------------------- gold and agreement


@dataclass(frozen=True)
class Gold:
    """truth[i][code]: True = agreed gap, False = agreed covered; left-out cells are absent. i is the
    draft's 1-based position in the dataset."""

    truth: dict[int, dict[str, bool]]
    agreement: Agreement


def _kappa(pairs: Sequence[tuple[bool, bool]]) -> float | None:
    """Cohen's kappa for two raters' binary decisions; None when chance agreement is 1 (or no pairs)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    p1 = sum(a for a, _ in pairs) / n
    p2 = sum(b for _, b in pairs) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    if chance >= 1:
        return None
    return round((observed - chance) / (1 - chance), 4)


def gold(dataset: LabelledDataset) -> Gold:
    truth: dict[int, dict[str, bool]] = {}
    left_out: list[Disagreement] = []
    pairs: dict[str, list[tuple[bool, bool]]] = {c: [] for c in dataset.codes}
    two = [d for d in dataset.drafts if d.rater2 is not None]
    agreed_two = 0
    for i, d in enumerate(dataset.drafts, 1):
        cells: dict[str, bool] = {}
        for code in dataset.codes:
            a, b = d.label(code, 1), d.label(code, 2)
            if d.rater2 is None:
                if a == "unsure":
                    left_out.append(
                        Disagreement(draft=d.id, code=code, rater1="unsure", rater2=None, direct=False)
                    )
                else:
                    cells[code] = a == "gap"
                continue
            if a in ("gap", "covered") and b in ("gap", "covered"):
                pairs[code].append((a == "gap", b == "gap"))
            if a == b and a != "unsure":
                cells[code] = a == "gap"
                agreed_two += 1
            else:
                assert a is not None and b is not None  # load() checked every code is labelled
                direct = {a, b} == {"gap", "covered"}
                left_out.append(Disagreement(draft=d.id, code=code, rater1=a, rater2=b, direct=direct))
        truth[i] = cells
    kappa = {c: _kappa(p) for c, p in pairs.items()} if two else {}
    defined = [k for k in kappa.values() if k is not None]
    cells_total = len(dataset.drafts) * len(dataset.codes)
    gold_cells = [g for cells in truth.values() for g in cells.values()]
    agreement = Agreement(
        raters=2 if len(two) == len(dataset.drafts) else 1,
        drafts_with_two_raters=len(two),
        cells=cells_total,
        agreed=len(gold_cells),
        agreed_gap=sum(gold_cells),
        agreed_covered=len(gold_cells) - sum(gold_cells),
        left_out=len(left_out),
        direct_conflicts=sum(x.direct for x in left_out),
        cell_agreement=round(agreed_two / (len(two) * len(dataset.codes)), 4) if two else None,
        kappa=kappa,
        kappa_min=min(defined) if defined else None,
        kappa_max=max(defined) if defined else None,
        kappa_pooled=_kappa([p for ps in pairs.values() for p in ps]) if two else None,
        disagreements=left_out,
    )
    return Gold(truth, agreement)


def applicable_reviews(d: LabelledDraft) -> list[str]:
    """National reviews both labellers say apply (one labeller: that labeller's)."""
    first = d.rater1.national_reviews_apply
    if d.rater2 is None:
        return list(first)
    return [r for r in first if r in d.rater2.national_reviews_apply]


def evidence_texts(d: LabelledDraft, code: str) -> list[str]:
    """Both labellers' evidence notes for a code (the writer's first)."""
    entries: Sequence[LabelsEntry] = [d.rater1] + ([d.rater2] if d.rater2 else [])
    return [e.evidence[code] for e in entries if code in e.evidence]


def tier(gold_gaps: int) -> str:
    return "strong" if gold_gaps <= 2 else ("middling" if gold_gaps <= 6 else "weak")


TIER_RULE = (
    "The labels have no tier field: a draft's tier is derived from its agreed gap count "
    "(strong: 0-2 agreed gaps, middling: 3-6, weak: 7 or more)."
)


def writers_of(dataset: LabelledDataset) -> Mapping[int, str]:
    return {i: d.writer for i, d in enumerate(dataset.drafts, 1)}
