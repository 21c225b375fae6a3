"""Each section of the draft, built from quotes of the chronology and a few template words.

Template words frame a quote ("On 26/02/2025, Paediatrics recorded:") or ask a question; they never state a
fact about the child or family. Every quote is a `Citation`, so each sentence, cell and section knows the
lines it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from assistant import textscan
from assistant.critic.checks.national import Relevance
from assistant.domain.drafting import (
    NOT_RECORDED,
    NOT_RECORDED_PANEL,
    CaseFact,
    Citation,
    DraftBlock,
    DraftCell,
    DraftRow,
    DraftSection,
    DraftSentence,
    DraftTable,
    Person,
)
from assistant.drafting.facts import Incident, Signals
from assistant.drafting.grounding import EntryText, Source
from assistant.drafting.people import PeopleResult
from assistant.render.draft_markdown import blocks_markdown

KEY_EVENTS_ALL_UP_TO = 60
KEY_EVENTS_MAX_ROWS = 200
AGENCY_ITEMS_MAX = 12
UNDATED = "Date not given"
NO_AGENCY = "Agency not named"

# What makes an entry a key event in a long chronology: harm, statutory process, a change of plan.
KEY_EVENT = re.compile(
    r"\b(?:referr\w+|strategy|section 47|s47|child protection|conference|assessment|arrest\w*|missing|exclu\w+|"
    r"not attended|did not attend|was not brought|no access|admitted|discharged|closed|step(?:ped)?[- ](?:down|up)|"
    r"MARAC|born|died|death|injur\w+|fractur\w+|bruis\w+|stab\w*|wound|plan|disclos\w+|no further action|NFA|"
    r"police protection|care order|placed|overdose|self[- ]harm)\b",
    re.I,
)


@dataclass
class S:
    """Builds one sentence from template words and quotes."""

    parts: list[str] = field(default_factory=list)
    quotes: list[Citation] = field(default_factory=list)

    def t(self, text: str) -> S:
        self.parts.append(text)
        return self

    def q(self, cite: Citation, *, marks: bool = True) -> S:
        self.parts.append(f"“{cite.quote}”" if marks else cite.quote)
        self.quotes.append(cite)
        return self

    def qs(self, cites: Iterable[Citation]) -> S:
        for i, c in enumerate(cites):
            if i:
                self.t(" ")
            self.q(c)
        return self

    def build(self) -> DraftSentence:
        return DraftSentence(text="".join(self.parts), quotes=list(self.quotes))


def _lines(cites: Iterable[Citation]) -> str:
    nums = sorted({c.line for c in cites})
    if not nums:
        return ""
    if len(nums) == 1:
        return f"line {nums[0]}"
    return "lines " + ", ".join(str(n) for n in nums)


def _entry_lines(e: EntryText) -> str:
    first, last = e.lines[0], e.lines[-1]
    return f"line {first}" if first == last else f"lines {first}–{last}"


def para(*sentences: DraftSentence) -> DraftBlock:
    return DraftBlock(kind="paragraph", sentences=list(sentences))


def bullet(*sentences: DraftSentence) -> DraftBlock:
    return DraftBlock(kind="bullet", sentences=list(sentences))


def heading(text: str) -> DraftBlock:
    return DraftBlock(kind="heading", sentences=[DraftSentence(text=text)])


def plain(text: str) -> DraftSentence:
    return DraftSentence(text=text)


def _agency_name(e: EntryText) -> str:
    return e.entry.agency or NO_AGENCY


def agency_cell(e: EntryText) -> DraftCell:
    if e.agency is None:
        return DraftCell(text=NO_AGENCY)
    canonical = e.entry.agency or ""
    if canonical and canonical.lower() != e.agency.quote.lower():
        return DraftCell(text=f"{canonical} ({e.agency.quote})", quotes=[e.agency])
    return DraftCell(text=e.agency.quote, quotes=[e.agency])


def date_cell(e: EntryText) -> DraftCell:
    if e.date is None:
        return DraftCell(text=UNDATED)
    if e.entry.date is None:
        return DraftCell(text=f"{e.date.quote} ({UNDATED.lower()})", quotes=[e.date])
    return DraftCell(text=e.date.quote, quotes=[e.date])


def event_cell(e: EntryText) -> DraftCell:
    return DraftCell(text="\n".join(c.quote for c in e.event), quotes=list(e.event))


def recorded(e: EntryText) -> S:
    """'On 26/02/2025, Paediatrics recorded: “…” (line 14).'"""
    s = S()
    if e.date is not None and e.entry.date is not None:
        s.t("On ").q(e.date, marks=False).t(", ")
    else:
        s.t("Undated (" + (f"“{e.date.quote}”" if e.date else "no date given") + "), ")
        if e.date is not None:
            s.quotes.append(e.date)
    s.t(f"{_agency_name(e)} recorded: ").qs(e.event).t(f" ({_entry_lines(e)}).")
    return s


def _section(sid: str, title: str, blocks: list[DraftBlock]) -> DraftSection:
    lines: set[int] = set()
    for b in blocks:
        for s in b.sentences:
            lines.update(c.line for c in s.quotes)
        if b.table is not None:
            for row in b.table.rows:
                lines.update(row.lines)
                for cell in row.cells:
                    lines.update(c.line for c in cell.quotes)
    return DraftSection(
        id=sid, title=title, markdown=blocks_markdown(blocks), blocks=blocks, sources=sorted(lines)
    )


# -- 1. case information --------------------------------------------------------------------------------


def _fact_cell(fact: CaseFact) -> DraftCell:
    if fact.value is None:
        return DraftCell(text=NOT_RECORDED_PANEL)
    return DraftCell(text=fact.value, quotes=list(fact.quotes))


def case_information(facts: list[CaseFact], people: PeopleResult) -> DraftSection:
    rows = []
    for fact in facts:
        lines = sorted({c.line for c in fact.quotes})
        source = ", ".join(str(n) for n in lines) if lines else "—"
        rows.append(
            DraftRow(
                cells=[DraftCell(text=fact.label), _fact_cell(fact), DraftCell(text=source)], lines=lines
            )
        )
    blocks = [
        para(
            plain(
                "Filled only from the chronology, with the line each detail comes from. A detail the "
                "chronology does not give reads “" + NOT_RECORDED_PANEL + "”."
            )
        ),
        DraftBlock(
            kind="table", table=DraftTable(columns=["Detail", "From the chronology", "Line"], rows=rows)
        ),
    ]
    for fact in facts:
        if fact.note:
            blocks.append(bullet(plain(f"{fact.label}: {fact.note}")))
        for hint in fact.hints:
            blocks.append(bullet(hint))
    return _section("case_information", "Case information", blocks)


# -- 2. family and household ----------------------------------------------------------------------------


def _detail_cell(value: str | None, quotes: list[Citation]) -> DraftCell:
    if value is None:
        return DraftCell(text=NOT_RECORDED)
    return DraftCell(text=value, quotes=list(quotes))


def _relationship_cell(p: Person, child: str) -> DraftCell:
    if p.subject:
        return DraftCell(text="The child the review is about")
    if p.relationship.value is None:
        return DraftCell(text=NOT_RECORDED)
    return DraftCell(text=p.relationship.value, quotes=list(p.relationship.quotes))


def _subject_cell(facts: dict[str, CaseFact], fid: str) -> DraftCell:
    fact = facts.get(fid)
    if fact is None or fact.value is None:
        return DraftCell(text=NOT_RECORDED)
    return DraftCell(text=fact.value, quotes=list(fact.quotes))


def family_household(
    people: PeopleResult, household: list[Citation], case_facts: list[CaseFact]
) -> DraftSection:
    facts: dict[str, CaseFact] = {f.id: f for f in case_facts}
    rows = []
    for p in people.people:
        lines = p.lines
        shown = ", ".join(str(n) for n in lines[:6]) + (f" … ({len(lines)} lines)" if len(lines) > 6 else "")
        if p.subject:  # the child's row says what the case information says
            details = [
                _subject_cell(facts, "age"),
                _subject_cell(facts, "ethnicity"),
                _subject_cell(facts, "disability"),
            ]
        else:
            details = [
                _detail_cell(p.age.value, p.age.quotes),
                _detail_cell(p.ethnicity.value, p.ethnicity.quotes),
                _detail_cell(p.health.value, p.health.quotes),
            ]
        rows.append(
            DraftRow(
                cells=[
                    DraftCell(text=p.name),
                    _relationship_cell(p, people.child_name),
                    *details,
                    DraftCell(text=shown or "—"),
                ],
                lines=lines[:6],
            )
        )
    blocks: list[DraftBlock] = [
        para(
            plain(
                "People the chronology names. A cell is filled only where the chronology states it next to "
                "that person; otherwise it reads “" + NOT_RECORDED + "”."
            )
        )
    ]
    if rows:
        blocks.append(
            DraftBlock(
                kind="table",
                table=DraftTable(
                    columns=[
                        "Person",
                        "As written / relationship",
                        "Age",
                        "Ethnicity",
                        "Health or disability",
                        "Lines",
                    ],
                    rows=rows,
                ),
            )
        )
    else:
        blocks.append(
            para(plain("The chronology names no family members. The Panel expects the family to be set out."))
        )
    if household:
        blocks.append(
            para(
                S()
                .t("What the chronology says about the household: ")
                .qs(household[:3])
                .t(f" ({_lines(household[:3])}).")
                .build()
            )
        )
    else:
        blocks.append(
            para(
                plain(
                    "The chronology does not say who lived in the household. The Panel expects all children, "
                    "parents and significant adults to be set out, with their ages, ethnicity and any health "
                    "needs or disability."
                )
            )
        )
    return _section("family_household", "Family and household", blocks)


# -- 3. the incident ------------------------------------------------------------------------------------


def incident_summary(incident: Incident | None, safety: list[Citation], child: str) -> DraftSection:
    if incident is None:
        blocks = [
            para(
                plain(
                    "No entry in the chronology describes a death, injury or harm to the child. Add a short, "
                    "factual summary of the incident that led to the notification."
                )
            )
        ]
        return _section("incident", "Summary of the incident", blocks)
    lead = (
        "The latest dated entries in the chronology that describe death, injury or harm"
        if incident.dated
        else "The chronology gives no usable dates; this is the last entry in the order given that describes harm"
    )
    blocks = [
        para(
            plain(
                f"{lead} ({', '.join(_entry_lines(e) for e in incident.entries)}). Check that this is the incident notified to the Panel."
            )
        )
    ]
    for e in incident.entries:
        blocks.append(para(recorded(e).build()))
    if incident.after:
        blocks.append(heading("What agencies recorded in the weeks after"))
        for e in incident.after:
            blocks.append(bullet(recorded(e).build()))
    if safety:
        blocks.append(
            para(
                S()
                .t(f"Arrangements recorded to keep {child} safe: ")
                .qs(safety[:3])
                .t(f" ({_lines(safety[:3])}).")
                .build()
            )
        )
    else:
        blocks.append(
            para(
                plain(
                    f"The chronology does not record the arrangements made to keep {child} and any other children safe after the incident."
                )
            )
        )
    return _section("incident", "Summary of the incident", blocks)


# -- 4. key events --------------------------------------------------------------------------------------


def _with_key_events(ordered: list[EntryText]) -> list[EntryText]:
    """The entries with a key event in their text; each distinct piece of text is searched once."""
    says: dict[str, bool] = {}

    def said(quote: str) -> bool:
        found = says.get(quote)
        if found is None:
            found = says[quote] = textscan.search(KEY_EVENT, quote) is not None
        return found

    return [e for e in ordered if any(said(piece.quote) for piece in e.event)]


def key_events(ordered: list[EntryText]) -> DraftSection:
    total = len(ordered)
    if total <= KEY_EVENTS_ALL_UP_TO:
        chosen, rule = ordered, f"All {total} entries of the chronology"
    else:
        chosen = _with_key_events(ordered)
        rule = (
            f"{len(chosen)} of the chronology's {total} entries: those recording a referral, assessment, "
            "strategy discussion, plan, closure, missed contact, arrest, missing episode, injury or death"
        )
    shown = chosen[:KEY_EVENTS_MAX_ROWS]
    dated = [e for e in ordered if e.entry.date is not None and e.date is not None]
    agencies = {e.entry.agency for e in ordered if e.entry.agency}
    intro = S().t(f"{rule}, from {len(agencies)} {'agency' if len(agencies) == 1 else 'agencies'}")
    if dated:
        first = min(dated, key=lambda e: (e.entry.date or "", e.position))
        last = max(dated, key=lambda e: (e.entry.date or "", e.position))
        assert first.date is not None and last.date is not None
        intro.t(", dated ").q(first.date, marks=False).t(f" ({_entry_lines(first)}) to ")
        intro.q(last.date, marks=False).t(f" ({_entry_lines(last)})")
    intro.t(". Dated entries are in date order; undated entries follow in the order given.")
    rows = [
        DraftRow(
            cells=[
                date_cell(e),
                agency_cell(e),
                event_cell(e),
                DraftCell(text=_entry_lines(e).split(" ", 1)[1]),
            ],
            lines=e.lines,
        )
        for e in shown
    ]
    blocks = [para(intro.build())]
    if len(chosen) > len(shown):
        blocks.append(
            para(
                plain(
                    f"The table shows the first {len(shown)}; the other {len(chosen) - len(shown)} are in the full timeline."
                )
            )
        )
    blocks.append(
        DraftBlock(
            kind="table", table=DraftTable(columns=["Date", "Agency", "Event", "Source line"], rows=rows)
        )
    )
    return _section("key_events", "Key events", blocks)


# -- 5. agency involvement ------------------------------------------------------------------------------


def agency_involvement(ordered: list[EntryText]) -> DraftSection:
    groups: dict[str, list[EntryText]] = {}
    for e in ordered:
        groups.setdefault(_agency_name(e), []).append(e)
    blocks: list[DraftBlock] = [
        para(
            plain(
                f"{len(groups)} agencies appear in the chronology. For each, its entries in date order, quoted."
            )
        )
    ]
    for name, items in groups.items():
        blocks.append(heading(name))
        dated = [e for e in items if e.entry.date is not None and e.date is not None]
        written = []
        seen: set[str] = set()
        for e in items:
            if e.agency is not None and e.agency.quote.lower() not in seen:
                seen.add(e.agency.quote.lower())
                written.append(e.agency)
        s = S().t(f"{len(items)} {'entry' if len(items) == 1 else 'entries'}")
        if dated:
            first, last = dated[0], dated[-1]
            assert first.date is not None and last.date is not None
            if last is first:
                s.t(", dated ").q(first.date, marks=False).t(f" ({_entry_lines(first)})")
            else:
                s.t(", from ").q(first.date, marks=False).t(f" ({_entry_lines(first)})")
                s.t(" to ").q(last.date, marks=False).t(f" ({_entry_lines(last)})")
        undated = len(items) - len(dated)
        if undated:
            s.t(f"; {undated} undated")
        if written and not (len(written) == 1 and written[0].quote == name):
            s.t("; written as ")
            for i, c in enumerate(written[:5]):
                if i:
                    s.t(", ")
                s.q(c)
        s.t(".")
        blocks.append(para(s.build()))
        for e in items[:AGENCY_ITEMS_MAX]:
            b = S()
            if e.date is not None and e.entry.date is not None:
                b.q(e.date, marks=False).t(": ")
            else:
                b.t(f"{UNDATED}: ")
            b.qs(e.event).t(f" ({_entry_lines(e)})")
            blocks.append(bullet(b.build()))
        if len(items) > AGENCY_ITEMS_MAX:
            rest = items[AGENCY_ITEMS_MAX:]
            nums = ", ".join(str(e.lines[0]) for e in rest[:20]) + (" …" if len(rest) > 20 else "")
            blocks.append(bullet(plain(f"and {len(rest)} more entries (lines {nums}).")))
    return _section("agency_involvement", "Agency involvement", blocks)


# -- 6. analysis questions ------------------------------------------------------------------------------


def _review_sentence(source: Source, rel: Relevance) -> DraftSentence:
    s = S().t(f"{rel.review.title}. It applies because the chronology mentions ")
    seen: set[str] = set()
    feats = []
    for f in rel.features:
        if f.text.lower() not in seen:
            seen.add(f.text.lower())
            feats.append(f)
    for i, f in enumerate(feats[:5]):
        if i:
            s.t(", ")
        cite = source.cite(f.start, f.end)
        s.q(cite).t(f" (line {cite.line})")
    s.t(f" ({rel.review.theme}). How does practice in this case compare with its findings?")
    return s.build()


def analysis_questions(
    source: Source, sig: Signals, reviews: list[Relevance], child: str, extra: list[DraftSentence]
) -> DraftSection:
    blocks: list[DraftBlock] = [
        para(
            plain(
                "Questions the author must answer in the analysis. The chronology can only start the answer; agencies' records and practitioners complete it."
            )
        )
    ]
    blocks.append(heading("The child's lived experience"))
    blocks.append(
        para(
            plain(
                f"What was daily life like for {child}, and what did {child} say, show or feel? How did agencies find out?"
            )
        )
    )
    if sig.lived:
        blocks.append(
            para(
                S().t("The chronology records: ").qs(sig.lived[:3]).t(f" ({_lines(sig.lived[:3])}).").build()
            )
        )
    else:
        blocks.append(
            para(
                plain(
                    f"The chronology records nothing of {child}'s own words or daily life; ask each agency."
                )
            )
        )
    blocks.append(heading("Race, culture and identity"))
    blocks.append(
        para(
            plain(
                f"How did {child}'s and the family's ethnicity, culture, faith, language and identity shape their experiences and the response of agencies?"
            )
        )
    )
    if sig.race:
        blocks.append(
            para(S().t("The chronology records: ").qs(sig.race[:3]).t(f" ({_lines(sig.race[:3])}).").build())
        )
    else:
        blocks.append(
            para(
                plain(
                    "The chronology records nothing about race, ethnicity, culture, faith or language for anyone in the family."
                )
            )
        )
    blocks.append(heading("Disability and health"))
    blocks.append(
        para(
            plain(
                f"How did any disability or physical or mental health needs, {child}'s or the adults', affect {child} and the response of agencies?"
            )
        )
    )
    if sig.health:
        blocks.append(
            para(
                S()
                .t("The chronology records: ")
                .qs(sig.health[:3])
                .t(f" ({_lines(sig.health[:3])}).")
                .build()
            )
        )
    else:
        blocks.append(
            para(plain("The chronology records no disability or health needs for anyone in the family."))
        )
    blocks.append(heading("National reviews that apply"))
    if reviews:
        for rel in reviews:
            blocks.append(bullet(_review_sentence(source, rel)))
    else:
        blocks.append(
            para(
                plain(
                    "The chronology's words do not point to any of the Panel's national reviews; the author should still consider them."
                )
            )
        )
    if extra:
        blocks.append(heading("Other questions the chronology raises"))
        for s in extra:
            blocks.append(bullet(s))
    return _section("analysis_questions", "Analysis questions for the author", blocks)
