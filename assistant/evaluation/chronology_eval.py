"""Drafting from chronologies nobody here wrote: is the subject child right, every entry kept, every age found?

For every `*chron_expected.json` under a directory, each chronology it names is read with
`services.read_chronology`, drafted offline with `services.draft`, and scored against the expected facts:

- subject child: the draft's subject (name and the ways it is written) matches the expected child's name,
  by normalised containment of whole words ("Ben (Child B)" is matched by "Ben" or "CHILD B");
- entries: the draft's timeline has exactly the expected number of entries;
- stated ages: for each expected person with an age, that age is in the Age cell of that person's row of the
  family table (the row found by the name as written, else by the role);
- child gender and age, the agencies found, and whether the lines of enquiry name the same child: reported
  only, not scored.

`python -m assistant.evaluation.chronology_eval DIR` prints a summary.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from assistant.chronology.agencies import known_agency
from assistant.domain.drafting import Draft, DraftTable

GENERIC_NAMES = frozenset({"the child", "child", "the baby", "baby", "the young person", "young person"})
_TOKEN = re.compile(r"[a-z0-9]+")
_BRACKETED = re.compile(r"\(([^()]*)\)")
_AGE_IN_CELL = re.compile(
    r"(?<![\d/.])(\d{1,3})(?![\d/]|\.\d)\s*(?:-|\s)?\s*(years?|yrs?|y/?o|y\b|months?|mths?|m\b|weeks?|wks?|w\b|days?)?",
    re.I,
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AgeCheck(_Model):
    role: str = Field(description="The person's role in the expected facts.")
    name_as_written: str = Field(description="How the chronology names them (expected facts).")
    expected_age: int = Field(description="Their stated age in years.")
    row: str | None = Field(description="The family-table row matched to them (its Person cell), or null.")
    matched_by: str | None = Field(description="'name' or 'role', or null when no row matched.")
    found_age: str | None = Field(description="The Age cell of the matched row ('Not recorded' included).")
    ok: bool = Field(description="The expected age is in that row's Age cell.")


class AgencyCheck(_Model):
    expected: str = Field(description="An agency the expected facts list.")
    found: str | None = Field(description="The draft's agency it matched, or null.")


class ChronologyScore(_Model):
    file: str = Field(description="The chronology's path, relative to the evaluated directory.")
    expected_child: str = Field(description="Expected subject child's name.")
    found_child: str | None = Field(description="The draft's subject child (name), or null when none.")
    found_child_written_as: list[str] = Field(description="How the draft says the subject child is written.")
    child_ok: bool = Field(description="The draft's subject child is the expected child.")
    kloe_child: str | None = Field(None, description="The child the lines of enquiry name.")
    kloe_agrees: bool | None = Field(
        None, description="The lines of enquiry name the same child as the draft."
    )
    expected_entries: int = Field(description="Expected number of chronology entries.")
    found_entries: int = Field(description="Entries in the draft's timeline.")
    entries_ok: bool = Field(description="Exactly the expected number of entries.")
    unparsed_lines: list[int] = Field(description="Lines the parser could not read (for reading failures).")
    ages: list[AgeCheck] = Field(description="One check per expected person with a stated age.")
    expected_gender: str | None = Field(description="Expected child's gender (reported only).")
    found_gender: str | None = Field(description="The draft's Gender fact (reported only).")
    gender_ok: bool | None = Field(description="The found gender says the expected one (reported only).")
    expected_age: str | None = Field(description="Expected child's age at the incident (reported only).")
    found_age: str | None = Field(description="The draft's Age fact (reported only).")
    agencies: list[AgencyCheck] = Field(
        description="Expected agencies and what they matched (reported only)."
    )
    error: str | None = Field(None, description="Why the chronology could not be drafted, if it could not.")

    @property
    def ages_ok(self) -> int:
        return sum(a.ok for a in self.ages)


class ChronologyReport(_Model):
    directory: str = Field(description="The directory evaluated.")
    chronologies: list[ChronologyScore] = Field(description="One score per chronology, in path order.")
    subject_child_right: int = Field(description="Chronologies whose subject child is right.")
    exact_entries: int = Field(description="Chronologies with exactly the expected number of entries.")
    ages_found: int = Field(description="Stated ages found on the right person's row.")
    ages_expected: int = Field(description="Stated ages in the expected facts.")
    gender_right: int = Field(description="Chronologies whose child's gender is found (reported only).")
    kloe_agrees: int = Field(description="Chronologies where lines of enquiry name the draft's child.")
    agencies_found: int = Field(description="Expected agencies matched (reported only).")
    agencies_expected: int = Field(description="Expected agencies listed.")

    @property
    def total(self) -> int:
        return len(self.chronologies)

    def summary(self) -> str:
        n = self.total
        pct = f" ({100 * self.ages_found / self.ages_expected:.0f}%)" if self.ages_expected else ""
        lines = [
            f"Chronologies: {n} (from {self.directory})",
            f"Subject child right: {self.subject_child_right}/{n}",
            f"Exact entry count: {self.exact_entries}/{n}",
            f"Stated ages on the right row: {self.ages_found}/{self.ages_expected}{pct}",
            f"Child's gender found (reported): {self.gender_right}/{n}",
            f"Lines of enquiry name the same child (reported): {self.kloe_agrees}/{n}",
            f"Agencies matched (reported): {self.agencies_found}/{self.agencies_expected}",
            "",
        ]
        for c in self.chronologies:
            if c.error:
                lines.append(f"- {c.file}: ERROR {c.error}")
                continue
            lines.append(
                f"- {c.file}: child {'ok' if c.child_ok else 'WRONG'} "
                f"(expected {c.expected_child!r}, found {c.found_child!r}); entries "
                f"{c.found_entries}/{c.expected_entries} {'ok' if c.entries_ok else 'WRONG'}; ages "
                f"{c.ages_ok}/{len(c.ages)}"
            )
            for a in c.ages:
                if not a.ok:
                    lines.append(
                        f"    age missed: {a.name_as_written!r} ({a.role}) expected {a.expected_age}; "
                        f"row {a.row!r} by {a.matched_by}, age cell {a.found_age!r}"
                    )
            if not c.entries_ok and c.unparsed_lines:
                lines.append(f"    unparsed lines: {c.unparsed_lines[:12]}")
            if c.gender_ok is False:
                lines.append(f"    gender: expected {c.expected_gender!r}, found {c.found_gender!r}")
            lines.append(f"    age: expected {c.expected_age!r}, found {c.found_age!r}")
            if c.kloe_agrees is False:
                lines.append(f"    lines of enquiry name {c.kloe_child!r}")
        return "\n".join(lines)


# -- matching ------------------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    # 'Sibling(s)' is one word, not 'sibling' and a person called 'S'.
    text = text.lower().replace("(s)", "s").replace("’", "'").replace("'s", "s")
    return _TOKEN.findall(text)


def _contains(haystack: Sequence[str], needle: Sequence[str]) -> bool:
    n = len(needle)
    return n > 0 and any(list(haystack[i : i + n]) == list(needle) for i in range(len(haystack) - n + 1))


def name_variants(name: str) -> list[list[str]]:
    """'Ben (Child B)' -> [['ben','child','b'], ['ben'], ['child','b']]: the whole, outside and inside brackets."""
    out = [_tokens(name), _tokens(_BRACKETED.sub(" ", name))]
    out += [_tokens(m.group(1)) for m in _BRACKETED.finditer(name)]
    unique: list[list[str]] = []
    for v in out:
        if v and v not in unique:
            unique.append(v)
    return unique


def names_match(expected: str, found: Iterable[str]) -> bool:
    """Whole-word containment either way between any variant of `expected` and any found name."""
    wanted = name_variants(expected)
    for name in found:
        if " ".join(_tokens(name)) in GENERIC_NAMES:
            continue
        got = _tokens(name)
        if any(_contains(got, w) or _contains(w, got) for w in wanted):
            return True
    return False


def ages_in_cell(cell: str) -> set[int]:
    """Whole years stated in an Age cell: '(38)' -> 38, '2 yrs' -> 2, '20 months' -> 1; days/weeks -> 0."""
    out: set[int] = set()
    for m in _AGE_IN_CELL.finditer(cell):
        value, unit = int(m.group(1)), (m.group(2) or "").lower()
        if value > 120:
            continue
        if unit.startswith("m"):
            out.add(value // 12)
        elif unit.startswith(("w", "d")):
            out.add(0)
        else:
            out.add(value)
    return out


def expected_years(value: object) -> int | None:
    """An expected age in whole years: 38, 38.0, '38', '20 months' (1), '2 yrs' (2); None when absent."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return int(value)
    years = ages_in_cell(str(value))
    return min(years) if years else None


def _family_table(draft: Draft) -> DraftTable | None:
    section = next((s for s in draft.sections if s.id == "family_household"), None)
    if section is None:
        return None
    return next((b.table for b in section.blocks if b.table is not None), None)


def _row_names(draft: Draft) -> list[tuple[str, list[str], str]]:
    """(Person cell, names to match on, Age cell) for each family-table row."""
    table = _family_table(draft)
    if table is None:
        return []
    by_name = {p.name: p for p in draft.people}
    out = []
    for row in table.rows:
        person_cell, relation_cell, age_cell = (c.text for c in row.cells[:3])
        person = by_name.get(person_cell)
        names = [person_cell, relation_cell]
        if person is not None:
            names += person.written_as
            if person.relationship.value:
                names.append(person.relationship.value)
        out.append((person_cell, names, age_cell))
    return out


def _role_variants(role: str) -> list[list[str]]:
    variants = name_variants(role)
    # 'sibling (brother)' is a brother; 'father (mother's partner)' may be written either way.
    return [v for v in variants if v not in (["not", "the", "father"],)]


def check_ages(draft: Draft, people: Sequence[dict[str, Any]]) -> list[AgeCheck]:
    rows = _row_names(draft)
    checks = []
    for person in people:
        age = expected_years(person.get("age"))
        if age is None:
            continue
        written, role = str(person.get("name_as_written") or ""), str(person.get("role") or "")
        matched = [r for r in rows if names_match(written, r[1])]
        how: str | None = "name" if matched else None
        if not matched:
            wanted = _role_variants(role)
            matched = [r for r in rows if any(_contains(_tokens(n), w) for n in r[1] for w in wanted)]
            how = "role" if matched else None
        hit = next((r for r in matched if age in ages_in_cell(r[2])), None)
        shown = hit or (matched[0] if matched else None)
        checks.append(
            AgeCheck(
                role=role,
                name_as_written=written,
                expected_age=age,
                row=shown[0] if shown else None,
                matched_by=how,
                found_age=shown[2] if shown else None,
                ok=hit is not None,
            )
        )
    return checks


def _count(value: object) -> int:
    """An expected count: 27, 27.0 or '27'; 0 when absent or unreadable."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    m = re.search(r"\d+", str(value or ""))
    return int(m.group(0)) if m else 0


def _unscored_ages(people: Sequence[dict[str, Any]]) -> list[AgeCheck]:
    out = []
    for person in people:
        age = expected_years(person.get("age")) if isinstance(person, dict) else None
        if age is not None:
            out.append(
                AgeCheck(
                    role=str(person.get("role") or ""),
                    name_as_written=str(person.get("name_as_written") or ""),
                    expected_age=age,
                    row=None,
                    matched_by=None,
                    found_age=None,
                    ok=False,
                )
            )
    return out


def _agency_key(text: str) -> str:
    return " ".join(_tokens(re.sub(r"\[[^\]]*\]", " ", text)))


def check_agencies(draft: Draft, expected: Sequence[str]) -> list[AgencyCheck]:
    found: dict[str, str] = {}
    for item in draft.timeline:
        for name in (item.agency or "", item.agency_text):
            for part in re.split(r"\s*/\s*", name):
                if part.strip():
                    found.setdefault(_agency_key(part), part.strip())
    canon = {known_agency(v): v for v in found.values() if known_agency(v)}
    out = []
    for agency in expected:
        key = _agency_key(agency)
        hit = next((v for k, v in found.items() if k and (k in key or key in k)), None)
        if hit is None:
            for part in [agency, *re.findall(r"\(([^()]*)\)", agency)]:
                c = known_agency(part)
                if c is not None and c in canon:
                    hit = canon[c]
                    break
        out.append(AgencyCheck(expected=agency, found=hit))
    return out


def _gender_ok(expected: str | None, found: str | None) -> bool | None:
    if not expected:
        return None
    if not found:
        return False
    words = set(_tokens(found))
    male = bool(words & {"male", "boy", "man", "son", "he", "his", "him"})
    female = bool(words & {"female", "girl", "woman", "daughter", "she", "her"})
    return (male and not female) if expected.lower().startswith("m") else (female and not male)


# -- running -------------------------------------------------------------------------------------------


def score_chronology(path: Path, expected: dict[str, Any], *, root: Path) -> ChronologyScore:
    child = expected.get("child") or {}
    if not isinstance(child, dict):
        child = {"name": str(child)}
    base: dict[str, Any] = {
        "file": str(path.relative_to(root)) if path.is_relative_to(root) else str(path),
        "expected_child": str(child.get("name") or ""),
        "expected_entries": _count(expected.get("entries")),
        "expected_gender": child.get("gender"),
        "expected_age": None if child.get("age_at_incident") is None else str(child["age_at_incident"]),
    }
    try:
        return _score(path, expected, base)
    except (
        Exception
    ) as exc:  # a chronology that cannot be drafted or scored is a result, not a crash of the eval
        return ChronologyScore(
            **base,
            found_child=None,
            found_child_written_as=[],
            child_ok=False,
            found_entries=0,
            entries_ok=False,
            unparsed_lines=[],
            ages=_unscored_ages(expected.get("people") or []),  # each still counts, as not found
            found_gender=None,
            gender_ok=None if not base["expected_gender"] else False,
            found_age=None,
            agencies=[],
            error=f"{type(exc).__name__}: {exc}",
        )


def _score(path: Path, expected: dict[str, Any], base: dict[str, Any]) -> ChronologyScore:
    from assistant import services

    text, _notes = services.read_chronology(path)
    draft = services.draft(text, provider="offline")
    subject = next((p for p in draft.people if p.subject), None)
    found_names = [subject.name, *subject.written_as] if subject else []
    facts = {f.id: f for f in draft.case_facts}
    gender = facts["gender"].value if "gender" in facts else None
    kloe_child: str | None = None
    try:
        kloe_child = services.kloe(text, provider="offline").child
    except Exception:  # reported as disagreement below
        kloe_child = None
    found_child = subject.name if subject else None
    return ChronologyScore(
        **base,
        found_child=found_child,
        found_child_written_as=subject.written_as if subject else [],
        child_ok=names_match(base["expected_child"], found_names),
        kloe_child=kloe_child,
        kloe_agrees=kloe_child is not None
        and found_child is not None
        and _tokens(kloe_child) == _tokens(found_child),
        found_entries=len(draft.timeline),
        entries_ok=len(draft.timeline) == base["expected_entries"],
        unparsed_lines=[u.line for u in draft.unparsed],
        ages=check_ages(draft, expected.get("people") or []),
        found_gender=gender,
        gender_ok=_gender_ok(base["expected_gender"], gender),
        found_age=facts["age"].value if "age" in facts else None,
        agencies=check_agencies(draft, expected.get("agencies") or []),
    )


def evaluate_chronologies(directory: Path) -> ChronologyReport:
    """Score drafting on every chronology named by a `*chron_expected.json` under `directory`."""
    directory = Path(directory)
    scores: list[ChronologyScore] = []
    for expected_file in sorted(directory.rglob("*chron_expected.json")):
        expected_all = json.loads(expected_file.read_text(encoding="utf-8"))
        for name in sorted(expected_all):
            path = expected_file.parent / name
            scores.append(score_chronology(path, expected_all[name], root=directory))
    return ChronologyReport(
        directory=str(directory),
        chronologies=scores,
        subject_child_right=sum(s.child_ok for s in scores),
        exact_entries=sum(s.entries_ok for s in scores),
        ages_found=sum(s.ages_ok for s in scores),
        ages_expected=sum(len(s.ages) for s in scores),
        gender_right=sum(bool(s.gender_ok) for s in scores),
        kloe_agrees=sum(bool(s.kloe_agrees) for s in scores),
        agencies_found=sum(a.found is not None for s in scores for a in s.agencies),
        agencies_expected=sum(len(s.agencies) for s in scores),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    if len(args) != 1:
        print("usage: python -m assistant.evaluation.chronology_eval DIR [--json]", file=sys.stderr)
        return 2
    report = evaluate_chronologies(Path(args[0]))
    print(report.model_dump_json(indent=2) if as_json else report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
