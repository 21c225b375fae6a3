"""The labelled-folder eval (`--dataset devset`, `--dataset DIR`): the four stages of `pipeline.run_task`.

load: the labels (strictly, see labelled.py), the agreed gold and the drafts' text (`services.read_document`);
solve: `services.critique(text, with_panel_comments=False)` on every draft (retrieval is not needed to score
codes, and it is slow); score: agreed cells -> tp/fp/fn/tn, the registry's metrics for the tool and the
prior, checklist and empty baselines, evidence and national-review checks, breakdowns, and the chronology
hook; report: a `DevsetReport`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from assistant import services
from assistant.corpus import load_corpus
from assistant.critic.taxonomy import Code, load_codes, load_templates
from assistant.domain.critique import Critique
from assistant.domain.evals import (
    Breakdown,
    DevsetReport,
    EvidenceCheck,
    EvidenceSummary,
    Explanation,
    Interval,
    LabelledBaseline,
    LabelledCodeResult,
    LabelledDraftResult,
    LabelledTimings,
    NationalReviewCheck,
    Provenance,
)
from assistant.evaluation import baselines, evidence, labelled, metrics, scorers
from assistant.evaluation.dataset import scored_codes
from assistant.evaluation.pipeline import Dataset, Progress, StageTimes, remote_model, remote_notice
from assistant.settings import REPO_ROOT, get_settings

NATIONAL_REVIEW = "NATIONAL_REVIEW_NOT_REFERENCED"
DESCRIPTIONS = {
    "prior": "Text-blind prior: a code is raised on a draft when it is an agreed gap in at least half of the "
    "other drafts with an agreed cell for it; never reads the draft.",
    "checklist": "Every finding code on every draft.",
    "empty": "No findings on any draft.",
}
DEVSET_NOTE = (
    "Out-of-sample: the 24 drafts and their labels were written by three writers who never saw the tool's "
    "rules or output, and labelled again by a second, independent labeller; the gold is the cells both agree "
    "on. They stay out-of-sample only while nobody tunes the rules to them: a rule changed while reading "
    "these drafts or this report's misses makes the figures in-sample, like the panel's."
)
DIR_NOTE = (
    "Figures on your own drafts and labels: as independent as the labelling was of the tool's output. The "
    "gold is the cells both labellers agree on (with one labeller, that labeller's gap and covered cells)."
)


@dataclass
class LabelledData:
    dataset: labelled.LabelledDataset
    gold: labelled.Gold
    texts: list[str]
    codes: dict[str, Code]
    corpus_hash: str


@dataclass
class LabelledScored:
    cells: list[Explanation]
    baseline_cells: dict[str, list[Explanation]]
    prior_raised: dict[int, frozenset[str]]
    prior_rule: str
    values: dict[str, float | None]
    baseline_values: dict[str, dict[str, float | None]]
    evidence: EvidenceSummary
    national_reviews: list[NationalReviewCheck]
    chronology: dict[str, Any] | None
    chronology_note: str | None
    chronology_s: float | None


class LabelledTask:
    def __init__(self, dataset: Dataset, *, provider: str | None = None) -> None:
        assert dataset.directory is not None
        self.ds = dataset
        self.name = dataset.name
        self.directory = dataset.directory
        self.provider = provider

    # ------------------------------------------------------------------ load
    def load(self, say: Progress) -> LabelledData:
        codes = load_codes()
        corpus = load_corpus()
        data = labelled.load(self.directory, scored_codes(codes), [r.id for r in corpus.national_reviews])
        texts = []
        # Counts of drafts finished, under one label per stage (assistant/progress.py), so a bar can follow.
        for i, d in enumerate(data.drafts, 1):
            texts.append(services.read_document(d.path).text)
            say(f"eval: reading the drafts ({i}/{len(data.drafts)}: {d.id})")
        return LabelledData(data, labelled.gold(data), texts, codes, corpus.content_hash)

    # ------------------------------------------------------------------ solve
    def solve(self, data: LabelledData, say: Progress) -> list[Critique]:
        notice = remote_notice(data.texts, self.provider)
        if notice:
            say(notice)
        out = []
        n = len(data.dataset.drafts)
        say(f"eval: critiquing the drafts (0/{n})")
        for i, (d, text) in enumerate(zip(data.dataset.drafts, data.texts, strict=True), 1):
            out.append(services.critique(text, provider=self.provider, with_panel_comments=False))
            say(f"eval: critiquing the drafts ({i}/{n}: {d.id})")
        return out

    # ------------------------------------------------------------------ score
    def score(self, data: LabelledData, critiques: list[Critique], say: Progress) -> LabelledScored:
        say("eval: scoring against the agreed labels and the baselines")
        ds, truth = data.dataset, data.gold.truth
        severity = metrics.severities()
        raised = {i: frozenset(f.code for f in c.findings) for i, c in enumerate(critiques, 1)}
        notes = {
            (i, code): " / ".join(labelled.evidence_texts(d, code))
            for i, d in enumerate(ds.drafts, 1)
            for code in ds.codes
        }

        def cells_of(codes: Mapping[int, Collection[str]]) -> list[Explanation]:
            return scorers.cell_outcomes(truth, codes, lambda i: ds.drafts[i - 1].id, notes)

        writers = labelled.writers_of(ds)
        if len(set(writers.values())) > 1:
            prior_raised = baselines.prior_codes(truth, writers)
            prior_rule = (
                "Leave-one-writer-out: for each draft, a code is raised when it is an agreed gap in at least "
                "half of the other writers' drafts that have an agreed cell for it."
            )
        else:
            prior_raised = baselines.prior_codes(truth)
            prior_rule = (
                "Leave-one-draft-out (one writer): for each draft, a code is raised when it is an agreed gap in "
                "at least half of the other drafts that have an agreed cell for it."
            )
        every = frozenset(ds.codes)
        baseline_raised: dict[str, Mapping[int, Collection[str]]] = {
            "prior": prior_raised,
            "checklist": {i: every for i in truth},
            "empty": {i: frozenset() for i in truth},
        }
        cells = cells_of(raised)
        baseline_cells = {name: cells_of(r) for name, r in baseline_raised.items()}

        evidence_summary = _evidence(ds, data.texts, critiques, truth)
        nr_checks = _national_reviews(ds, critiques, truth)
        n = len(ds.drafts)
        tool_scores = metrics.CellScores(
            cells,
            n,
            severity,
            findings=sum(len(c.findings) for c in critiques),
            evidence=evidence_summary,
            national_reviews=nr_checks,
        )
        values = metrics.compute(metrics.LABELLED, tool_scores)
        baseline_values = {
            name: metrics.compute(
                metrics.LABELLED,
                metrics.CellScores(
                    baseline_cells[name],
                    n,
                    severity,
                    findings=sum(len(r[i]) for i in truth),
                ),
            )
            for name, r in baseline_raised.items()
        }

        chronology, chronology_note, chronology_s = None, None, None
        if any(self.directory.rglob("*chron_expected.json")):
            say("eval: scoring the chronologies (chronology_eval)")
            t = time.perf_counter()
            chronology, chronology_note = chronology_hook(self.directory)
            chronology_s = round(time.perf_counter() - t, 2)
        return LabelledScored(
            cells,
            baseline_cells,
            prior_raised,
            prior_rule,
            values,
            baseline_values,
            evidence_summary,
            nr_checks,
            chronology,
            chronology_note,
            chronology_s,
        )

    # ------------------------------------------------------------------ report
    def report(
        self, data: LabelledData, critiques: list[Critique], sc: LabelledScored, times: StageTimes
    ) -> DevsetReport:
        ds, gold = data.dataset, data.gold
        truth, cells = gold.truth, sc.cells
        prior_cells = sc.baseline_cells["prior"]
        severity = metrics.severities()
        indices = list(truth)

        per_draft = []
        tiers: dict[int, str] = {}
        for i, d in enumerate(ds.drafts, 1):
            mine = [c for c in cells if c.example == i]
            prf = scorers.confusion(mine)
            gaps = [code for code, g in truth[i].items() if g]
            tiers[i] = labelled.tier(len(gaps))
            false_alarms = [c.code or "" for c in mine if c.outcome == "fp"]
            per_draft.append(
                LabelledDraftResult(
                    draft=d.id,
                    writer=d.writer,
                    format=d.format,
                    tier=tiers[i],
                    gold_gaps=gaps,
                    left_out=[code for code in ds.codes if code not in truth[i]],
                    raised=[f.code for f in critiques[i - 1].findings],
                    prior_raised=sorted(sc.prior_raised[i]),
                    misses=[c.code or "" for c in mine if c.outcome == "fn"],
                    false_alarms=false_alarms,
                    must_fix_false_alarms=[c for c in false_alarms if severity.get(c) == "must-fix"],
                    precision=prf.precision,
                    recall=prf.recall,
                    f1=prf.f1,
                )
            )

        def breakdown(key: Callable[[int], str]) -> list[Breakdown]:
            groups: dict[str, list[int]] = {}
            for i in indices:
                groups.setdefault(key(i), []).append(i)
            out = []
            for name, members in sorted(groups.items()):
                mine = metrics.CellScores([c for c in cells if c.example in members], len(members), severity)
                prf = scorers.confusion(mine.cells)
                prior_prf = scorers.confusion([c for c in prior_cells if c.example in members])
                out.append(
                    Breakdown(
                        group=name,
                        drafts=len(members),
                        gold_gaps=prf.tp + prf.fn,
                        tp=prf.tp,
                        fp=prf.fp,
                        fn=prf.fn,
                        precision=prf.precision,
                        recall=prf.recall,
                        f1=prf.f1,
                        false_alarms_per_draft=round(prf.fp / len(members), 4),
                        must_fix_false_alarms=len(mine.false_alarms("must-fix")),
                        prior_f1=prior_prf.f1,
                    )
                )
            return out

        tier_order = {"strong": 0, "middling": 1, "weak": 2}
        by_tier = sorted(breakdown(lambda i: tiers[i]), key=lambda b: tier_order[b.group])

        per_code = {}
        for code in ds.codes:
            mine = [c for c in cells if c.code == code]
            per_code[code] = LabelledCodeResult(
                code=code,
                title=data.codes[code].title,
                severity=data.codes[code].severity,
                gold_gaps=sum(truth[i].get(code) is True for i in indices),
                gold_covered=sum(truth[i].get(code) is False for i in indices),
                left_out=sum(code not in truth[i] for i in indices),
                kappa=gold.agreement.kappa.get(code),
                tool=scorers.confusion(mine),
                prior=scorers.confusion([c for c in prior_cells if c.code == code]),
                misses=[ds.drafts[c.example - 1].id for c in mine if c.outcome == "fn"],
                false_alarms=[ds.drafts[c.example - 1].id for c in mine if c.outcome == "fp"],
            )

        uncertainty: dict[str, Interval] = {
            "precision": scorers.bootstrap(scorers.precision(cells), indices),
            "recall": scorers.bootstrap(scorers.recall(cells), indices),
            "f1": scorers.bootstrap(scorers.f1(cells), indices),
            "f1_prior": scorers.bootstrap(scorers.f1(prior_cells), indices),
        }
        gate = metrics.margin_gate(sc.values.get("f1"), sc.baseline_values["prior"].get("f1"))

        ag = gold.agreement
        notes = [labelled.TIER_RULE, sc.prior_rule]
        if ag.drafts_with_two_raters == 0:
            notes.append(
                "One labeller: the gold is that labeller's gap and covered cells; no agreement figures."
            )
        elif ag.drafts_with_two_raters < len(ds.drafts):
            notes.append(
                f"Only {ag.drafts_with_two_raters} of {len(ds.drafts)} drafts have a second labeller; the others' "
                "gold is the first labeller's gap and covered cells, and agreement is over the two-rater drafts."
            )
        if ds.unknown_reviews:
            listed = "; ".join(
                f"{rid} ({', '.join(drafts)})" for rid, drafts in sorted(ds.unknown_reviews.items())
            )
            notes.append(
                f"The labels name national review(s) the corpus (corpus/national-reviews.yaml) does not hold: "
                f"{listed}. The critique cannot suggest them; they still count as applicable."
            )
        if not gate.clear:
            notes.append(
                f"The tool does NOT beat the text-blind prior on F1 by the clear margin of "
                f"{gate.clear_margin:.0%} (margin {gate.margin})."
            )
        if sc.chronology_note:
            notes.append(sc.chronology_note)

        directory = self.directory
        try:
            shown = directory.resolve().relative_to(REPO_ROOT).as_posix()
        except ValueError:
            shown = str(directory)
        return DevsetReport(
            dataset=self.name,
            directory=shown,
            independence_note=DEVSET_NOTE if self.name == "devset" else DIR_NOTE,
            drafts=len(ds.drafts),
            writers=ds.writers,
            metrics=sc.values,
            metric_info=metrics.infos(metrics.LABELLED),
            baselines={
                name: LabelledBaseline(name=name, description=DESCRIPTIONS[name], metrics=v)
                for name, v in sc.baseline_values.items()
            },
            prior_rule=sc.prior_rule,
            comparison=gate,
            uncertainty=uncertainty,
            agreement=ag,
            per_code=per_code,
            per_draft=per_draft,
            by_writer=breakdown(lambda i: ds.drafts[i - 1].writer),
            by_format=breakdown(lambda i: ds.drafts[i - 1].format),
            by_tier=by_tier,
            tier_rule=labelled.TIER_RULE,
            evidence=sc.evidence,
            national_reviews=sc.national_reviews,
            cells=cells,
            chronology=sc.chronology,
            timings=LabelledTimings(
                total_s=times.total_s,
                load_s=times.load_s,
                critique_s=times.solve_s,
                scoring_s=times.score_s,
                chronology_s=sc.chronology_s,
            ),
            provenance=Provenance(
                corpus_hash=data.corpus_hash,
                gold_sha256=ds.sha256,
                provider=self.provider or get_settings().provider,
                model=remote_model(critiques),
            ),
            notes=notes,
        )


# ----------------------------------------------------------------------------------- evidence


def _evidence(
    ds: labelled.LabelledDataset,
    texts: Sequence[str],
    critiques: Sequence[Critique],
    truth: Mapping[int, Mapping[str, bool]],
) -> EvidenceSummary:
    counters = {k: t.counters for k, t in load_templates().strengths.items()}
    checks: list[EvidenceCheck] = []
    n_phrases = n_located = 0
    for i, (d, text, critique) in enumerate(zip(ds.drafts, texts, critiques, strict=True), 1):
        locator = evidence.Locator(text)
        located: dict[str, list[tuple[str, evidence.Span]]] = {}
        for code in ds.codes:
            found = []
            for note in labelled.evidence_texts(d, code):
                for phrase in evidence.phrases(note):
                    spans = locator.find(phrase)
                    n_phrases += 1
                    n_located += bool(spans)
                    found += [(phrase, s) for s in spans]
            located[code] = found
        items: list[tuple[str, str, list[evidence.Span]]] = [
            ("finding", f.code, [(e.start, e.end) for e in f.evidence]) for f in critique.findings
        ]
        items += [
            ("strength", counters[s.code], [(e.start, e.end) for e in s.evidence])
            for s in critique.strengths
            if counters.get(s.code) is not None
        ]
        for kind, code, spans in items:
            gap = truth[i].get(code)
            if gap is None or (kind == "strength" and gap):
                continue  # not a gold cell; a strength is checked on covered cells only
            near = evidence.nearest(spans, located[code])
            if not spans:
                outcome = "no_evidence"
            elif not located[code] or near is None:
                outcome = "no_quote"
            else:
                outcome = "hit" if near[0] <= evidence.WINDOW else "miss"
            checks.append(
                EvidenceCheck(
                    draft=d.id,
                    code=code,
                    kind=kind,
                    cell="gap" if gap else "covered",
                    outcome=outcome,
                    distance=near[0] if near else None,
                    phrase=near[1] if near else None,
                )
            )
    findings = [c for c in checks if c.kind == "finding"]
    gap_scored = [c for c in findings if c.cell == "gap" and c.outcome in ("hit", "miss")]
    strengths = [c for c in checks if c.kind == "strength" and c.outcome in ("hit", "miss")]
    return EvidenceSummary(
        window=evidence.WINDOW,
        findings_scored=len(gap_scored),
        findings_hit=sum(c.outcome == "hit" for c in gap_scored),
        strengths_scored=len(strengths),
        strengths_hit=sum(c.outcome == "hit" for c in strengths),
        false_alarms_near_label=sum(c.cell == "covered" and c.outcome == "hit" for c in findings),
        no_quote=sum(c.outcome == "no_quote" for c in findings),
        no_evidence=sum(c.outcome == "no_evidence" for c in findings),
        phrases=n_phrases,
        phrases_located=n_located,
        checks=checks,
    )


def _national_reviews(
    ds: labelled.LabelledDataset, critiques: Sequence[Critique], truth: Mapping[int, Mapping[str, bool]]
) -> list[NationalReviewCheck]:
    out = []
    for i, (d, critique) in enumerate(zip(ds.drafts, critiques, strict=True), 1):
        applicable = labelled.applicable_reviews(d)
        finding = next((f for f in critique.findings if f.code == NATIONAL_REVIEW), None)
        suggested = [r.id for r in finding.national_reviews] if finding else []
        cell = truth[i].get(NATIONAL_REVIEW)
        out.append(
            NationalReviewCheck(
                draft=d.id,
                applicable=applicable,
                gold="left_out" if cell is None else ("gap" if cell else "covered"),
                raised=finding is not None,
                suggested=suggested,
                hit=None if finding is None or not applicable else bool(set(suggested) & set(applicable)),
            )
        )
    return out


# ----------------------------------------------------------------------------------- chronology hook


def chronology_hook(directory: Any) -> tuple[dict[str, Any] | None, str | None]:
    """Another engineer's chronology scoring, when its module is present: (result, note)."""
    try:
        from assistant.evaluation.chronology_eval import evaluate_chronologies
    except ImportError:
        return None, "Chronology scoring is not installed (assistant/evaluation/chronology_eval.py); skipped."
    try:
        result = evaluate_chronologies(directory)
    except Exception as exc:  # a hook: its failure must not take the critique figures with it
        return None, f"Chronology scoring failed ({type(exc).__name__}: {exc}); the critique figures stand."
    return result.model_dump(mode="json"), None
