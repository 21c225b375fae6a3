"""The LCSPR criteria table: for each criterion, the evidence in the text that bears for and against it.

It lays the evidence side by side and stops there. No field says whether a criterion is met or whether
to commission a review; the decision rests with the safeguarding partners.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from assistant import textscan
from assistant.corpus import load_corpus
from assistant.critic.checks.national import Relevance
from assistant.domain.kloe import NO_EVIDENCE, CriterionEvidence, CriterionGroup, CriterionPoint
from assistant.drafting.grounding import Source
from assistant.enquiry.questions import citation_evidence
from assistant.enquiry.themes import Scan, ThemeHits, Unit, rx
from assistant.lexicon import GOOD_PRACTICE, NEGATED

MAX_POINTS = 5

PRACTICE_GAP_THEMES = ("info_sharing", "curiosity", "missed_contact", "step_down")
PREVIOUSLY_IDENTIFIED = rx(
    r"\b(?:previous(?:ly)? (?:identified|highlighted|raised)|same (?:learning|concerns?|issues?)|repeat(?:ed)? "
    r"(?:learning|concerns?)|earlier (?:review|learning)|previous (?:LCSPR|CSPR|SCR|serious case review|"
    r"rapid review|review))\b"
)
TIMELY = rx(
    r"\b(?:(?:held|completed|seen|made|shared|convened|agreed|visited|referred) (?:on )?the same day|same day|"
    r"promptly|immediately|timely|without delay|within (?:24|48) hours|safeguarding referral made|"
    r"(?:was|were) (?:seen|visited) (?:alone|on (?:his|her|their) own))\b"
)
JOINT = rx(
    r"\b(?:strategy (?:discussion|meeting)s? (?:was |were )?(?:held|convened|completed)|information shared|"
    r"shared with|multi-?agency (?:meeting|discussion|plan|assessment)|joint (?:visit|working|investigation)|"
    r"exploitation panel|MARAC|child protection conference|core group|referred to (?:the )?\w+ panel|"
    r"with Police, \w+|discussed with)\b"
)
PANEL_VIEW = rx(
    r"\b(?:(?:national )?panel (?:has |have )?(?:considered|concluded|advised|agreed|recommended|asked)|"
    r"the (?:national )?panel'?s (?:view|advice|letter|decision))\b"
)
NO_AGENCY = rx(
    r"\b(?:not (?:previously )?known to (?:any )?(?:agencies|services|children'?s (?:social care|services))|"
    r"no (?:previous |prior )?(?:agency )?involvement|no agencies (?:were )?involved|unknown to (?:all )?agencies)\b"
)
INSTITUTIONAL = rx(
    r"\b(?:residential|children'?s home|care home|foster (?:care|placement|carers?)|secure (?:unit|children'?s home|"
    r"training centre)|young offender|custody|boarding school|nursery|childminder|in-?patient|institution\w*|"
    r"supported (?:living|accommodation)|semi-independent)\b"
)
CROSS_BOUNDARY = rx(
    r"\b(?:another (?:county|area|local authority|authority|force|town|city|region)|neighbouring (?:town|authority|"
    r"local authority|county|force|area|borough)|out of (?:area|borough|county)|cross-?(?:border|boundary)|"
    r"moved (?:house|home|area|away|between|from (?:another|a different|the) \w+)|moved to (?:a |another |the )?"
    r"(?:new )?(?:area|address|town|city|county|authority|local authority)|county lines|(?:more than one|two|different) "
    r"local authorit\w+|(?-i:M\d{1,2})(?![\w-]))"
)


@dataclass
class _Inputs:
    scan: Scan
    hits: dict[str, ThemeHits]
    relevance: dict[str, Relevance]
    source: Source


_QUOTE = attrgetter("cite.quote")


def _says(pattern: re.Pattern[str], text: str) -> bool:
    """The text has a match of `pattern` that is not negated just before."""
    return any(
        not NEGATED.search(text, max(0, m.start() - 40), m.start()) for m in textscan.finditer(pattern, text)
    )


def _find(
    units: list[Unit], pattern: re.Pattern[str], reason: str | Callable[[Unit], str]
) -> list[CriterionPoint]:
    out: list[CriterionPoint] = []
    texts = list(map(_QUOTE, units))
    said: dict[str, bool] = {}  # whether a text says it, read once per distinct text
    # Most texts say none of it: the distinct ones are read first, and a million units are then not visited
    # one by one. Up to the first that says it, these are the texts the units before it would be read for.
    for text in dict.fromkeys(texts):
        if said.setdefault(text, _says(pattern, text)):
            break
    else:
        return out
    for u, text in zip(units, texts, strict=True):
        found = said.get(text)
        if found is None:
            found = said[text] = _says(pattern, text)
        if found:
            out.append(
                CriterionPoint(
                    reason=reason if isinstance(reason, str) else reason(u),
                    evidence=citation_evidence(u.cite),
                    line=u.cite.line,
                )
            )
        if len(out) >= MAX_POINTS:
            break
    return out


def _theme_points(inp: _Inputs, theme_ids: tuple[str, ...], reason: str) -> list[CriterionPoint]:
    seen: set[int] = set()
    out = []
    units = sorted(
        (u for tid in theme_ids if tid in inp.hits for u in inp.hits[tid].units), key=lambda u: u.cite.start
    )
    for u in units:
        if u.cite.start in seen:
            continue
        seen.add(u.cite.start)
        agency = f" ({u.agency})" if u.agency else ""
        out.append(
            CriterionPoint(reason=reason + agency, evidence=citation_evidence(u.cite), line=u.cite.line)
        )
    return out


def _dedupe(points: list[CriterionPoint]) -> list[CriterionPoint]:
    seen: set[tuple[int, int]] = set()
    out = []
    for p in points:
        key = (p.evidence.start, p.evidence.end)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out[:MAX_POINTS]


def _reg11_a(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    units = inp.scan.units
    for_ = _find(units, PREVIOUSLY_IDENTIFIED, "Learning said to have been identified before")
    for_ += _theme_points(inp, PRACTICE_GAP_THEMES, "A possible gap in practice")
    against = _find(units, GOOD_PRACTICE, "Practice recorded as effective")
    against += _find(units, TIMELY, "Action recorded as prompt")
    return _dedupe(for_), _dedupe(against)


def _reg11_b(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    for_: list[CriterionPoint] = []
    for rel in inp.relevance.values():
        for f in rel.features[:2]:
            c = inp.source.cite(f.start, f.end)
            for_.append(
                CriterionPoint(
                    reason=f"A feature of the Panel's national review ‘{rel.review.title.split(':')[0]}’",
                    evidence=citation_evidence(c),
                    line=c.line,
                )
            )
    for th in inp.hits.values():
        entries = {u.entry for u in th.units if u.entry is not None}
        if len(entries) >= 3 and th.theme.id in (
            "missing",
            "missed_contact",
            "domestic_abuse",
            "exploitation",
            "neglect",
        ):
            u = th.units[-1]
            for_.append(
                CriterionPoint(
                    reason=f"{th.theme.title}: recurs in {len(entries)} entries of this case",
                    evidence=citation_evidence(u.cite),
                    line=u.cite.line,
                )
            )
    return _dedupe(for_), []


def _reg11_c(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    for_ = _theme_points(inp, ("info_sharing",), "Information not shared or joint working not started")
    for_ += _theme_points(inp, ("step_down",), "A threshold or closure decision")
    against = _find(inp.scan.units, JOINT, "Agencies recorded working together")
    return _dedupe(for_), _dedupe(against)


def _reg11_d(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    return _find(inp.scan.units, PANEL_VIEW, "The national Panel's view is recorded"), []


def _single_agency(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    gaps = _theme_points(inp, PRACTICE_GAP_THEMES, "A possible gap in practice")
    by_agency: dict[str, list[CriterionPoint]] = {}
    for p in gaps:
        m = re.search(r"\(([^()]+)\)$", p.reason)
        if m:
            by_agency.setdefault(m.group(1), []).append(p)
    for_: list[CriterionPoint] = []
    for agency, points in by_agency.items():
        if len(points) >= 2:
            for p in points:
                for_.append(
                    CriterionPoint(
                        reason=f"{agency}: one of {len(points)} possible gaps in this agency's practice",
                        evidence=p.evidence,
                        line=p.line,
                    )
                )
    against: list[CriterionPoint] = []
    if len(by_agency) >= 3:
        firsts = [points[0] for points in by_agency.values()]
        against = [
            CriterionPoint(
                reason=f"Possible gaps involve {len(by_agency)} agencies, not one: {p.reason.split('(')[-1].rstrip(')')}",
                evidence=p.evidence,
                line=p.line,
            )
            for p in firsts
        ]
    return _dedupe(for_), _dedupe(against)


def _no_agency(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    for_ = _find(inp.scan.units, NO_AGENCY, "The text says agencies were not involved")
    against: list[CriterionPoint] = []
    seen: set[str] = set()
    for u in inp.scan.units:
        if u.agency and u.agency not in seen:
            seen.add(u.agency)
            against.append(
                CriterionPoint(
                    reason=f"{u.agency} was involved", evidence=citation_evidence(u.cite), line=u.cite.line
                )
            )
    return _dedupe(for_), _dedupe(against)


def _institutional(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    return _find(inp.scan.units, INSTITUTIONAL, "An institutional or care setting is mentioned"), []


def _cross_boundary(inp: _Inputs) -> tuple[list[CriterionPoint], list[CriterionPoint]]:
    return _find(inp.scan.units, CROSS_BOUNDARY, "Another area is mentioned"), []


_RULES: dict[str, Callable[[_Inputs], tuple[list[CriterionPoint], list[CriterionPoint]]]] = {
    "reg11-a": _reg11_a,
    "reg11-b": _reg11_b,
    "reg11-c": _reg11_c,
    "reg11-d": _reg11_d,
    "also-single-agency": _single_agency,
    "also-no-agency": _no_agency,
    "also-institutional": _institutional,
    "also-cross-boundary": _cross_boundary,
}


def _label(cid: str) -> str:
    if cid.startswith("reg11-"):
        return f"Regulation 11({cid[-1]})"
    return "Also consider: " + cid.removeprefix("also-").replace("-", " ")


def _summary(points: list[CriterionPoint]) -> str:
    if not points:
        return NO_EVIDENCE
    lines = sorted({p.line for p in points})
    return f"{len(points)} point(s) in the text (line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))})"


def criteria_table(
    scan: Scan, hits: list[ThemeHits], relevance: dict[str, Relevance], source: Source
) -> list[CriterionEvidence]:
    inp = _Inputs(scan, {h.theme.id: h for h in hits}, relevance, source)
    out = []
    for criterion in load_corpus().criteria:
        if criterion.group not in ("local_review", "local_review_also_consider"):
            continue
        rule = _RULES.get(criterion.id)
        for_, against = rule(inp) if rule else ([], [])
        group: CriterionGroup = (
            "regulation_11" if criterion.group == "local_review" else "additional_circumstance"
        )
        out.append(
            CriterionEvidence(
                id=criterion.id,
                group=group,
                label=_label(criterion.id),
                criterion=criterion.text,
                evidence_for=for_,
                evidence_against=against,
                summary_for=_summary(for_),
                summary_against=_summary(against),
            )
        )
    return out


__all__ = ["criteria_table"]
