"""Measure the redactor on a labelled set: recall per category and overall, role words lost, and anything
else it removed.

    python -m assistant.privacy.measure evals/redaction            # a markdown report
    python -m assistant.privacy.measure evals/redaction --json     # the same as JSON

A set is a folder of YAML files, each a list of passages `{id, doc, text}`. Passages with the same `doc`
are parts of one case, redacted as one text (joined by blank lines) as a draft would be, so a name
introduced in one passage is a later mention in the next; `--isolated` redacts each passage alone. In the
text, `[[Kelly Smith|person]]`
or `[[Kelly Smith|person:title]]` marks an identifier (category, optionally the form it is written in) and
`{{Mother}}` a role word that must survive. `<nbsp>`, `<nnbsp>`, `<thin>` and `<ndash>` stand for U+00A0,
U+202F, U+2009 and U+2013. An identifier counts as redacted when every letter and digit in it is inside a
redacted span (of any kind); a role word is lost when any of its letters is.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

from assistant.privacy.kinds import Span
from assistant.privacy.redaction import find_spans

ESCAPES = {"<nbsp>": "\u00a0", "<nnbsp>": "\u202f", "<thin>": "\u2009", "<ndash>": "\u2013"}
_MARK = re.compile(
    r"\[\[(?P<value>[^\]|]+)\|(?P<category>[a-z_]+)(?::(?P<form>[a-z_]+))?\]\]|\{\{(?P<role>[^}]+)\}\}"
)
CATEGORIES = (
    "person",
    "date",
    "address",
    "postcode",
    "nhs_number",
    "phone",
    "email",
    "ni_number",
    "vehicle",
    "handle",
    "reference",
    "school",
    "gp_practice",
    "org",
)


@dataclass(frozen=True)
class Marked:
    passage: str
    start: int
    end: int
    text: str
    category: str  # an identifier's category, or "role"
    form: str


@dataclass
class Passage:
    id: str
    text: str
    identifiers: list[Marked]
    roles: list[Marked]
    doc: str = ""


def parse(passage_id: str, raw: str, doc: str = "") -> Passage:
    for escape, char in ESCAPES.items():
        raw = raw.replace(escape, char)
    pieces: list[str] = []
    identifiers: list[Marked] = []
    roles: list[Marked] = []
    cursor = 0
    length = 0
    for match in _MARK.finditer(raw):
        pieces.append(raw[cursor : match.start()])
        length += match.start() - cursor
        value = match.group("value") if match.group("value") is not None else match.group("role")
        start = length
        pieces.append(value)
        length += len(value)
        if match.group("role") is not None:
            roles.append(Marked(passage_id, start, length, value, "role", ""))
        else:
            category = match.group("category")
            if category not in CATEGORIES:
                raise ValueError(f"{passage_id}: unknown category {category!r} for {value!r}")
            identifiers.append(Marked(passage_id, start, length, value, category, match.group("form") or ""))
        cursor = match.end()
    pieces.append(raw[cursor:])
    text = "".join(pieces)
    for opening in ("[[", "{{"):
        if opening in text:
            # A mark the pattern did not read (a form with a hyphen, a missing "|") would be scored as plain text:
            # its identifier silently uncounted.
            at = text.index(opening)
            raise ValueError(
                f"{passage_id}: unreadable mark {text[at : at + 60]!r}: write [[value|category]] or "
                "[[value|category:form]] (form in lower-case letters and underscores), or {{role}}"
            )
    return Passage(passage_id, text, identifiers, roles, doc or passage_id)


def load(folder: Path) -> list[Passage]:
    return [passage for path in sorted(folder.glob("*.yaml")) for passage in load_file(path)]


def load_file(path: Path) -> list[Passage]:
    passages: list[Passage] = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        # Cases are numbered per file ("case-1" in set 2 and in set 3 are different cases).
        doc = f"{path.stem}/{item['doc']}" if item.get("doc") else ""
        passages.append(parse(str(item["id"]), str(item["text"]), doc))
    return passages


def documents(passages: list[Passage]) -> list[Passage]:
    """Join the passages of each `doc` into one text, in order, keeping every mark's offsets right."""
    joined: dict[str, Passage] = {}
    for passage in passages:
        doc = joined.get(passage.doc)
        if doc is None:
            joined[passage.doc] = Passage(
                passage.doc, passage.text, list(passage.identifiers), list(passage.roles)
            )
            continue
        shift = len(doc.text) + 2
        doc.text += "\n\n" + passage.text
        for source, target in ((passage.identifiers, doc.identifiers), (passage.roles, doc.roles)):
            target.extend(
                Marked(m.passage, m.start + shift, m.end + shift, m.text, m.category, m.form) for m in source
            )
    return list(joined.values())


@dataclass
class Tally:
    total: int = 0
    found: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass
class Report:
    passages: int
    texts: int
    identifiers: int
    found: int
    by_category: dict[str, dict[str, float | int]]
    by_form: dict[str, dict[str, float | int]]
    roles: int
    roles_lost: list[str]
    misses: list[str]
    unexpected: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.identifiers if self.identifiers else 1.0


def _covered(mask: bytearray, text: str, start: int, end: int) -> tuple[bool, bool]:
    """(every letter and digit covered, any letter covered) for text[start:end]."""
    letters = [i for i in range(start, end) if text[i].isalnum()]
    return all(mask[i] for i in letters), any(mask[i] for i in letters)


def measure(
    passages: list[Passage], *, isolated: bool = False, finder: Callable[[str], list[Span]] = find_spans
) -> Report:
    """Redact each case (or, with `isolated`, each passage) and score it against the marks (with `finder`'s spans)."""
    count = len(passages)
    if not isolated:
        passages = documents(passages)
    categories: dict[str, Tally] = defaultdict(Tally)
    forms: dict[str, Tally] = defaultdict(Tally)
    misses: list[str] = []
    lost: list[str] = []
    unexpected: list[str] = []
    found = total = roles = 0
    for passage in passages:
        spans = finder(passage.text)
        mask = bytearray(len(passage.text))
        for span in spans:
            mask[span.start : span.end] = b"\x01" * (span.end - span.start)
        for marked in passage.identifiers:
            whole, _ = _covered(mask, passage.text, marked.start, marked.end)
            total += 1
            categories[marked.category].total += 1
            forms[marked.form or "plain"].total += 1
            if whole:
                found += 1
                categories[marked.category].found += 1
                forms[marked.form or "plain"].found += 1
            else:
                misses.append(f"{marked.passage} {marked.category}:{marked.form or 'plain'} {marked.text!r}")
        for marked in passage.roles:
            roles += 1
            if _covered(mask, passage.text, marked.start, marked.end)[1]:
                lost.append(f"{marked.passage} {marked.text!r}")
        expected = [(m.start, m.end) for m in passage.identifiers]
        for span in spans:
            if not any(s < span.end and span.start < e for s, e in expected):
                unexpected.append(f"{passage.id} {span.kind.value} {passage.text[span.start : span.end]!r}")

    def table(tallies: dict[str, Tally], order: list[str]) -> dict[str, dict[str, float | int]]:
        return {
            name: {"identifiers": t.total, "found": t.found, "recall": round(t.recall, 4)}
            for name in order
            if (t := tallies[name]).total
        }

    return Report(
        passages=count,
        texts=len(passages),
        identifiers=total,
        found=found,
        by_category=table(categories, list(CATEGORIES)),
        by_form=table(forms, sorted(forms)),
        roles=roles,
        roles_lost=lost,
        misses=misses,
        unexpected=unexpected,
    )


def markdown(report: Report) -> str:
    lines = [
        f"Redaction recall: {report.recall:.1%} ({report.found}/{report.identifiers} identifiers in "
        f"{report.passages} passages redacted as {report.texts} texts); role words lost: {len(report.roles_lost)} of {report.roles}; "
        f"other redactions: {len(report.unexpected)}",
        "",
        "| category | identifiers | redacted | recall |",
        "|---|---|---|---|",
    ]
    for name, row in report.by_category.items():
        lines.append(f"| {name} | {row['identifiers']} | {row['found']} | {float(row['recall']):.1%} |")
    lines += ["", "| form | identifiers | redacted | recall |", "|---|---|---|---|"]
    for name, row in report.by_form.items():
        lines.append(f"| {name} | {row['identifiers']} | {row['found']} | {float(row['recall']):.1%} |")
    for title, items in (
        ("Missed", report.misses),
        ("Role words lost", report.roles_lost),
        ("Other redactions (not labelled as identifiers)", report.unexpected),
    ):
        lines += ["", f"{title}: {len(items)}"] + [f"- {item}" for item in items]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.privacy.measure", description=__doc__)
    parser.add_argument("folder", type=Path, help="folder of labelled YAML passages, e.g. evals/redaction")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--isolated", action="store_true", help="redact each passage alone, not each case")
    args = parser.parse_args(argv)
    report = measure(load(args.folder), isolated=args.isolated)
    if args.json:
        print(json.dumps({**asdict(report), "recall": round(report.recall, 4)}, indent=2, ensure_ascii=False))
    else:
        print(markdown(report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
