"""What `rapid-review eval` returns. Field descriptions double as the JSON schema.

Two reports: `EvalReport` for the Panel's five examples (`--dataset panel`, the default) and `DevsetReport`
for a labelled folder of drafts (`--dataset devset` or `--dataset DIR`), plus `DevsetLabels`, the schema of
the labels files such a folder holds. Which metrics exist, how each is formatted, which way is better and
which ones `--check` compares is declared once, in `assistant/evaluation/metrics.py`.

EvalReport, top level per the CLI contract: `metrics`, `per_code`, `per_example`, `baselines`,
`leave_one_out: true`; then the scorers' per-item explanations, the metamorphic suite, retrieval, threshold
calibration, uncertainty, tuning signals, the optional judge and timings.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Explanation(_Model):
    item: str = Field(
        description="What was scored: a Panel point id ('ex1-c1#p2'), or 'ex1:CODE' for a cell."
    )
    example: int = Field(description="Example whose gold the item belongs to.")
    code: str | None = Field(None, description="Finding code of the item, when it has one.")
    outcome: str = Field(
        description="hit | miss (point scorers); tp | fp | fn | tn (presence cells); pass | fail (metamorphic)."
    )
    detail: str = Field("", description="Why: the finding, strength or similarity that decided it.")
    similarity: float | None = Field(None, description="Best cosine similarity, for similarity matches.")


class Score(_Model):
    name: str = Field(description="Scorer name.")
    value: float | None = Field(description="The score; null when its denominator is 0.")
    numerator: float = Field(description="Hits (or true positives).")
    denominator: int = Field(description="Items scored.")
    explanations: list[Explanation] = Field(default_factory=list, description="One entry per scored item.")


class Metrics(_Model):
    panel_gap_recall: float | None = Field(
        description="Share of the Panel's coded gap points whose code the critique raised for that example."
    )
    panel_hit_rate: float | None = Field(
        description="Share of all Panel gap points (coded by code, uncoded by similarity) matched by a finding."
    )
    precision: float | None = Field(description="Presence matrix, micro: raised codes that are real gaps.")
    recall: float | None = Field(description="Presence matrix, micro: real gaps that were raised.")
    f1: float | None = Field(description="Harmonic mean of precision and recall (micro).")
    macro_f1: float | None = Field(
        None, description="Mean per-code F1 over codes with a real gap somewhere (secondary)."
    )
    strength_recall: float | None = Field(
        description="Share of the Panel's strength points matched by the critique's strengths."
    )
    strength_recall_coded: float | None = Field(
        None, description="The same, over coded strength points only (matched via `counters`, no similarity)."
    )
    findings_per_example: float = Field(0.0, description="Mean number of findings per example.")
    false_alarms_per_draft: float | None = Field(
        None, description="Codes raised on covered cells (false alarms), per example."
    )
    must_fix_false_alarms: float | None = Field(
        None, description="False alarms on must-fix (minimum-record) codes, in all."
    )
    metamorphic_pass_rate: float | None = Field(None, description="Metamorphic cases where the code flipped.")
    retrieval_recall_at_5: float | None = Field(
        None, description="Coded Panel gap points with a same-code comment from another example in the top 5."
    )
    retrieval_mrr: float | None = Field(None, description="Mean reciprocal rank of that comment (top 10).")


class PRF(_Model):
    tp: int = Field(description="Raised and really a gap.")
    fp: int = Field(description="Raised but the example covers it (false alarm).")
    fn: int = Field(description="Really a gap but not raised (miss).")
    tn: int = Field(description="Covered and not raised.")
    precision: float | None = Field(description="tp / (tp + fp); null when nothing was raised.")
    recall: float | None = Field(description="tp / (tp + fn); null when there is no real gap.")
    f1: float | None = Field(description="2tp / (2tp + fp + fn); null when all three are 0.")


class CodeResult(_Model):
    code: str = Field(description="Finding code.")
    title: str = Field(description="The code's title.")
    group: str = Field(description="minimum_record | important_issues | panel_comments.")
    present_in: list[int] = Field(description="Examples where the gold presence matrix says the gap is real.")
    raised_in: list[int] = Field(description="Examples where the critique raised the code.")
    not_applicable_in: list[int] = Field(description="Examples where the code does not apply ('na').")
    panel_gap_points: int = Field(description="Panel gap points with this code, over all examples.")
    panel_gap_points_raised: int = Field(description="Of those, how many the critique raised.")
    tool: PRF = Field(description="The critique against the presence matrix.")
    checklist: PRF = Field(description="The constant-checklist baseline.")
    shuffle: PRF = Field(description="The shuffle control (summed over the four derangements).")
    metamorphic: str = Field("", description="'passed/cases' of the metamorphic suite for this code.")
    retrieval_hits: str = Field("", description="'hits@5/eligible' of the retrieval check for this code.")


class ExampleResult(_Model):
    example: int = Field(description="Example number.")
    title: str = Field(description="Example title.")
    findings: list[str] = Field(description="Codes the critique raised (leave-one-out).")
    strengths: list[str] = Field(description="Strength ids the critique reported.")
    panel_gap_recall: float | None = Field(description="As the metric, for this example.")
    panel_hit_rate: float | None = Field(description="As the metric, for this example.")
    precision: float | None = Field(description="Presence precision for this example.")
    recall: float | None = Field(description="Presence recall for this example.")
    f1: float | None = Field(description="Presence F1 for this example.")
    strength_recall: float | None = Field(description="As the metric, for this example.")
    misses: list[str] = Field(description="Codes really missing from the example that were not raised.")
    false_alarms: list[str] = Field(description="Codes raised although the example covers them.")
    retrieved_examples: list[int] = Field(
        description="Examples the attached Panel comments came from (must not include this one)."
    )


class BaselineResult(_Model):
    name: str = Field(description="checklist | empty | shuffle.")
    description: str = Field(description="What the baseline does.")
    metrics: Metrics = Field(
        description="The same metrics as the tool (metamorphic/retrieval not applicable)."
    )
    runs: list[Metrics] = Field(
        default_factory=list, description="Shuffle only: one entry per derangement (example k -> k+s)."
    )


class MarginGate(_Model):
    """Does the tool beat a baseline that never reads the draft by a clear margin?"""

    metric: str = Field(description="The metric compared (f1).")
    against: str = Field(description="The baseline compared with (prior: the text-blind prior).")
    tool: float | None = Field(description="The tool's value.")
    baseline: float | None = Field(description="The baseline's value.")
    margin: float | None = Field(description="tool - baseline (null when either is undefined).")
    clear_margin: float = Field(description="The margin that counts as clear.")
    clear: bool = Field(description="margin >= clear_margin.")


class Comparison(_Model):
    precision_margin_over_checklist: float | None = Field(
        description="Tool precision minus checklist precision (percentage points / 100), for reference."
    )
    margin_gate: MarginGate = Field(
        description="F1 of the tool against the text-blind prior baseline: the clear-margin test."
    )
    shuffle_drop: dict[str, float | None] = Field(
        description="Tool minus shuffle, per metric: what reading the right example is worth."
    )
    shuffle_collapsed: bool = Field(
        description="Shuffle below the tool on gap recall, precision and F1 (scores depend on the example)."
    )
    liang_anchor: str = Field(description="How the hit rate compares with Liang et al. (2023).")


class MetamorphicCase(_Model):
    example: int = Field(description="Example edited.")
    code: str = Field(description="Minimum-record code under test.")
    direction: Literal["remove", "add", "skip"] = Field(
        description="remove: the critique did not raise the code, so its evidence lines were deleted and the "
        "code must appear; add: the code was raised, so a canonical fact was inserted and the code must go."
    )
    passed: bool | None = Field(description="Whether the code flipped; null when skipped.")
    edit: str = Field(description="What was deleted or inserted.")
    rounds: int = Field(0, description="Deletion rounds (remove: evidence may be found again elsewhere).")
    chars_removed: int = Field(0, description="Characters deleted.")
    after: str = Field("", description="The check's result after the edit: gap | covered | not applicable.")


class MetamorphicReport(_Model):
    pass_rate: float | None = Field(description="Passed / run (skips excluded).")
    passed: int = Field(description="Cases where the code flipped as it should.")
    run: int = Field(description="Cases run.")
    skipped: int = Field(description="Cases skipped (code not applicable, or no evidence line to delete).")
    by_direction: dict[str, str] = Field(description="'passed/run' for remove and add.")
    cases: list[MetamorphicCase] = Field(description="Every case.")


class RetrievalPoint(_Model):
    point: str = Field(description="Panel gap point id.")
    example: int = Field(description="Example of the point (left out of retrieval).")
    code: str = Field(description="Its code; the query is that finding code's retrieval query.")
    eligible: bool = Field(description="Another example has a Panel comment with this code.")
    relevant: list[str] = Field(description="Comments from other examples with a point of this code.")
    retrieved: list[str] = Field(description="Top-10 comment ids, best first.")
    rank: int | None = Field(description="Rank of the first relevant comment (1-10), null if none.")
    lifted_from: str | None = Field(
        None, description="The comment the code's query is lifted from (>= half its word trigrams), if any."
    )
    rank_unlifted: int | None = Field(
        None, description="Rank of the first relevant comment other than `lifted_from`."
    )


class QueryProvenance(_Model):
    code: str = Field(description="Finding code.")
    query_overlap: float = Field(description="Share of the query's word trigrams found in one Panel comment.")
    query_source: str | None = Field(description="That comment's id.")
    message_overlap: float = Field(description="The same for the finding's message template.")
    message_source: str | None = Field(description="That comment's id.")


class RetrievalReport(_Model):
    recall_at_5: float | None = Field(description="Eligible points with a relevant comment in the top 5.")
    mrr: float | None = Field(description="Mean reciprocal rank over eligible points (0 beyond rank 10).")
    eligible: int = Field(description="Points scored.")
    excluded: int = Field(
        description="Coded gap points excluded: no other example has a comment with the code."
    )
    excluded_codes: list[str] = Field(description="The codes of the excluded points.")
    points: list[RetrievalPoint] = Field(description="Every coded gap point.")
    recall_at_5_unlifted: float | None = Field(
        description="recall@5 when the comment a query was copied from does not count as relevant."
    )
    mrr_unlifted: float | None = Field(description="MRR on the same basis.")
    eligible_unlifted: int = Field(description="Points with a relevant comment other than the lifted one.")
    leave_one_out_violations: int = Field(
        description="Panel comments from the example under test attached to its own critique (must be 0)."
    )


class Threshold(_Model):
    kind: Literal["gap", "strength"] = Field(description="Which Panel points the threshold matches.")
    value: float = Field(description="Cosine similarity threshold used in this run.")
    calibrated: float = Field(description="The threshold this run's calibration chose.")
    pinned: bool = Field(description="True when `value` came from evals/baseline.json rather than this run.")
    method: str = Field(description="How it was chosen.")
    positives: int = Field(description="Matching pairs (same code).")
    negatives: int = Field(description="Non-matching pairs.")
    positive_quantiles: list[float] = Field(description="Similarity at 0, 10, 25, 50, 75, 90, 100 %.")
    negative_quantiles: list[float] = Field(description="Same, for non-matching pairs.")
    auc: float | None = Field(description="P(sim of a matching pair > sim of a non-matching pair).")
    pair_precision: float | None = Field(description="On the calibration pairs, at `value`.")
    pair_recall: float | None = Field(description="On the calibration pairs, at `value`.")
    held_out: dict[str, float] = Field(
        description="Threshold chosen with each example's pairs left out (stability)."
    )


class Calibration(_Model):
    gap: Threshold = Field(description="Threshold for uncoded Panel gap points vs findings.")
    strength: Threshold = Field(description="Threshold for uncoded Panel strength points vs strengths.")
    anchor: str = Field(description="The external anchor for the hit rate.")


class Interval(_Model):
    low: float | None = Field(description="5th percentile.")
    high: float | None = Field(description="95th percentile.")


class TuningSignals(_Model):
    in_sample_note: str = Field(description="What is and is not held out.")
    recall_panel_commented: float | None = Field(
        description="Recall on real gaps the Panel commented on (the labels the rules could be tuned to)."
    )
    recall_panel_silent: float | None = Field(
        description="Recall on real gaps the Panel did not comment on (labelled from the text only)."
    )
    commented_cells: int = Field(description="Real-gap cells the Panel commented on.")
    silent_cells: int = Field(description="Real-gap cells the Panel was silent on.")
    one_cell_moves_precision_by: float | None = Field(
        description="How much one presence cell moves micro precision: changes this small are one decision."
    )
    lifted_queries: list[str] = Field(
        description="Codes whose retrieval query shares at least half its word trigrams with one Panel comment."
    )
    lifted_messages: list[str] = Field(description="The same, for message templates.")
    provenance: list[QueryProvenance] = Field(description="Per code.")


class JudgeMatch(_Model):
    example: int = Field(description="Example.")
    finding: str = Field(description="Finding code of the generated comment.")
    point: str = Field(description="Panel point id it was matched to.")


class JudgeReport(_Model):
    model: str = Field(description="Remote model that judged.")
    rounds: int = Field(description="Shuffled orderings asked per example.")
    min_agreement: int = Field(description="Rounds a match had to appear in to be kept.")
    hit_rate: float | None = Field(description="Panel gap points with a stable match.")
    finding_precision: float | None = Field(description="Findings with a stable match to some gap point.")
    stable_matches: list[JudgeMatch] = Field(description="Matches kept.")
    unstable_matches: int = Field(description="Matches dropped for appearing in fewer rounds.")
    cache_hits: int = Field(description="Rounds answered from the judge cache.")


class Timings(_Model):
    total_s: float = Field(description="Whole run.")
    index_s: float = Field(description="Opening (or building) the retrieval index.")
    critique_s: float = Field(description="Five leave-one-out critiques.")
    scoring_s: float = Field(description="Scorers, baselines, calibration (embeddings included).")
    metamorphic_s: float = Field(description="Metamorphic suite.")
    retrieval_s: float = Field(description="Retrieval check.")
    judge_s: float | None = Field(None, description="LLM judge, when run.")


class Provenance(_Model):
    corpus_hash: str = Field(description="sha256 of the corpus files.")
    gold_sha256: str = Field(description="sha256 of the two gold files.")
    provider: str = Field(description="Provider that produced the critiques.")
    model: str | None = Field(
        None, description="The remote model, when a remote provider ran (null offline)."
    )


class BaselineSnapshot(_Model):
    """evals/baseline.json (panel) or evals/baseline-devset.json: the gated metrics of a real run, written by
    `rapid-review eval [--dataset NAME] --write-baseline`."""

    format: Literal[1] = Field(1, description="File format version.")
    dataset: str = Field(
        "panel", description="The dataset the run scored: panel, devset, or dir:<folder name>."
    )
    note: str = Field(description="How the file was made; never edit the numbers by hand.")
    metrics: dict[str, float | None] = Field(
        description="The metrics `--check` compares for this dataset (the registry's gated metrics)."
    )
    thresholds: dict[str, float] = Field(
        default_factory=dict,
        description="Panel only: similarity thresholds (gap, strength) pinned for later runs so the yardstick "
        "holds still.",
    )
    baselines: dict[str, dict[str, float | None]] = Field(
        default_factory=dict, description="The baselines' headline metrics in the same run, for reference."
    )
    corpus_hash: str = Field(description="Corpus the run used.")
    gold_sha256: str = Field(description="Gold files the run used.")
    provider: str = Field(description="Provider the run used.")


class MetricDelta(_Model):
    metric: str = Field(description="Headline metric.")
    baseline: float | None = Field(description="Value in evals/baseline.json.")
    current: float | None = Field(description="Value in this run.")
    change: float | None = Field(description="current - baseline.")
    status: Literal["regressed", "improved", "unchanged", "missing", "new"] = Field(
        description="regressed: moved the wrong way by more than the tolerance; improved: the right way by "
        "more than it; missing: the baseline has a value and this run none; new: not in the baseline yet."
    )
    direction: Literal["higher", "lower"] = Field("higher", description="Which way is better.")
    tolerance: float | None = Field(None, description="The tolerance applied to this metric.")


class Withholding(_Model):
    """What the withheld figures leave out: each code on the example(s) it was defined from."""

    codes: dict[str, list[int]] = Field(
        description="Code -> the examples it is withheld from (from its `source` in finding-codes.yaml)."
    )
    cells: int = Field(description="Presence cells left out (applicable cells only; 'na' is never scored).")
    gap_points: int = Field(description="Coded Panel gap points left out.")
    prior: Metrics | None = Field(
        None, description="The text-blind prior baseline on the same kept cells, for the margin."
    )
    note: str = Field(description="What is withheld and how to read it.")


class EvalReport(_Model):
    leave_one_out: Literal[True] = Field(
        True, description="Every example was critiqued with itself left out of retrieval."
    )
    dataset: Literal["panel"] = Field("panel", description="The Panel's five published examples.")
    in_sample: Literal[True] = Field(
        True,
        description="The rules were written with these five examples in view: every figure is in-sample "
        "(see tuning.in_sample_note). The dev set (DevsetReport) is the out-of-sample measurement.",
    )
    metrics: Metrics = Field(description="Headline metrics of the tool (in-sample).")
    per_code: dict[str, CodeResult] = Field(description="Per finding code, with the baselines.")
    per_example: list[ExampleResult] = Field(description="Per example.")
    baselines: dict[str, BaselineResult] = Field(description="checklist, empty and shuffle, same metrics.")
    prior_baseline: BaselineResult | None = Field(
        None,
        description="The text-blind prior (a code raised when it is a real gap in at least half of the other "
        "examples), the baseline of the margin gate. Kept out of `baselines`, whose keys are a published "
        "contract.",
    )
    withheld: Metrics | None = Field(
        None,
        description="The same per-item metrics with each code withheld from its source example: a code whose "
        "`source` in finding-codes.yaml names the Panel example(s) it was defined from is not scored there (its "
        "presence cells and coded Panel points on those examples are left out) and still counts on the others. "
        "See `withholding`. The suites (metamorphic, retrieval) stay null.",
    )
    withholding: Withholding | None = Field(
        None, description="What `withheld` leaves out, and the text-blind prior on the same items."
    )
    comparison: Comparison = Field(description="The tool against the baselines.")
    scores: dict[str, Score] = Field(description="Each scorer's value with per-item explanations.")
    metamorphic: MetamorphicReport = Field(description="Remove-or-add-a-fact suite.")
    retrieval: RetrievalReport = Field(description="Leave-one-out retrieval of same-code Panel comments.")
    calibration: Calibration = Field(description="Similarity thresholds and how they were chosen.")
    uncertainty: dict[str, Interval] = Field(
        description="90% bootstrap intervals over examples (5 examples: read them before celebrating)."
    )
    tuning: TuningSignals = Field(description="Signals of tuning to the five examples.")
    judge: JudgeReport | None = Field(None, description="Optional LLM judge (off by default).")
    timings: Timings = Field(description="Seconds per stage.")
    provenance: Provenance = Field(description="What was evaluated.")
    notes: list[str] = Field(default_factory=list, description="Things a reader should know.")
    against_baseline: list[MetricDelta] | None = Field(
        None, description="Headline metrics against evals/baseline.json, when it was read."
    )
    tolerance: float | None = Field(None, description="Tolerance used for that comparison.")


# ----------------------------------------------------------------------------------- labelled drafts (devset)

LabelValue = Literal["gap", "covered", "unsure"]


class LabelsEntry(_Model):
    """One labeller's labels for one draft. Every finding code of the shared spec appears in exactly one of
    `gap`, `covered` or `unsure`."""

    gap: list[str] = Field(description="Codes whose gap is really in the draft.")
    covered: list[str] = Field(
        description="Codes the draft covers, or that do not apply to it (e.g. SCHOOLING_MISSING for a baby)."
    )
    unsure: list[str] = Field(
        default_factory=list, description="Codes the labeller could not decide (left out of the gold)."
    )
    national_reviews_apply: list[str] = Field(
        default_factory=list,
        description="Ids of the Panel's national reviews (corpus/national-reviews.yaml) that apply to the case.",
    )
    national_reviews_cited: list[str] = Field(
        default_factory=list, description="Ids of the national reviews the draft itself cites."
    )
    evidence: dict[str, str] = Field(
        default_factory=dict,
        description="Code -> free text on why; a phrase in single quotes ('Gender: Male') points at the "
        "passage of the draft it rests on, and is what evidence scoring looks for.",
    )


class DevsetLabels(RootModel[dict[str, LabelsEntry]]):
    """A labels file (`<x>labels.json`, or `<x>labels_rater2.json` for a second, independent labeller): draft
    file name (in the same folder) -> that draft's labels."""


class MetricInfo(_Model):
    name: str = Field(description="Metric name (the key in `metrics` and in the baseline file).")
    label: str = Field(description="Short label.")
    description: str = Field(description="Definition.")
    format: Literal["pct", "num", "count"] = Field(description="How it is shown.")
    direction: Literal["higher", "lower"] = Field(description="Which way is better.")
    gated: bool = Field(description="Compared by `--check` against the baseline file.")
    tolerance: float | None = Field(
        description="Own --check tolerance in the metric's units; null: the run's --tolerance."
    )


class LabelledBaseline(_Model):
    name: str = Field(description="prior | checklist | empty.")
    description: str = Field(description="What the baseline does.")
    metrics: dict[str, float | None] = Field(description="The cell metrics, as for the tool.")


class Disagreement(_Model):
    draft: str = Field(description="Draft path relative to the dataset folder.")
    code: str = Field(description="Finding code.")
    rater1: LabelValue = Field(description="The writer's label.")
    rater2: LabelValue | None = Field(description="The second labeller's (null with one rater).")
    direct: bool = Field(description="gap against covered (not an 'unsure').")


class Agreement(_Model):
    raters: int = Field(description="2 when every draft has a second labeller's labels, else 1 (or mixed).")
    drafts_with_two_raters: int = Field(description="Drafts labelled by two raters.")
    cells: int = Field(description="Draft x code cells labelled.")
    agreed: int = Field(
        description="Cells in the gold: both say gap, or both covered (one rater: not unsure)."
    )
    agreed_gap: int = Field(description="Gold cells that are gaps.")
    agreed_covered: int = Field(description="Gold cells that are covered (or do not apply).")
    left_out: int = Field(description="Cells left out of the gold (any disagreement, any unsure).")
    direct_conflicts: int = Field(description="Of those, gap against covered.")
    cell_agreement: float | None = Field(
        description="Agreed / cells over the two-rater drafts (an 'unsure' counts as disagreement)."
    )
    kappa: dict[str, float | None] = Field(
        description="Cohen's kappa per code between the two raters on gap vs not gap, over two-rater drafts "
        "where both said gap or covered; null when chance agreement is 1 (both raters constant)."
    )
    kappa_min: float | None = Field(description="Lowest defined per-code kappa.")
    kappa_max: float | None = Field(description="Highest defined per-code kappa.")
    kappa_pooled: float | None = Field(description="Kappa over all codes' cells pooled.")
    disagreements: list[Disagreement] = Field(description="Every cell left out, with both labels.")


class Breakdown(_Model):
    group: str = Field(description="The writer, the file format or the tier.")
    drafts: int = Field(description="Drafts in the group.")
    gold_gaps: int = Field(description="Agreed gap cells.")
    tp: int = Field(description="Raised and an agreed gap.")
    fp: int = Field(description="Raised on an agreed covered cell (false alarm).")
    fn: int = Field(description="Agreed gap not raised (miss).")
    precision: float | None = Field(description="tp / (tp + fp).")
    recall: float | None = Field(description="tp / (tp + fn).")
    f1: float | None = Field(description="2tp / (2tp + fp + fn).")
    false_alarms_per_draft: float | None = Field(description="fp / drafts.")
    must_fix_false_alarms: int = Field(description="False alarms on must-fix codes.")
    prior_f1: float | None = Field(description="The text-blind prior's F1 on the same drafts.")


class LabelledCodeResult(_Model):
    code: str = Field(description="Finding code.")
    title: str = Field(description="The code's title.")
    severity: Literal["must-fix", "consider"] = Field(description="From the taxonomy.")
    gold_gaps: int = Field(description="Drafts where both raters say gap.")
    gold_covered: int = Field(description="Drafts where both raters say covered.")
    left_out: int = Field(description="Drafts whose cell is left out (disagreement or unsure).")
    kappa: float | None = Field(description="Cohen's kappa between the raters on this code.")
    tool: PRF = Field(description="The critique against the agreed cells.")
    prior: PRF = Field(description="The text-blind prior baseline.")
    misses: list[str] = Field(description="Drafts where the gap is agreed and the code was not raised.")
    false_alarms: list[str] = Field(description="Drafts where the cell is agreed covered but it was raised.")


class EvidenceCheck(_Model):
    draft: str = Field(description="Draft.")
    code: str = Field(description="Finding code (for a strength: the code it counters).")
    kind: Literal["finding", "strength"] = Field(description="What was checked.")
    cell: Literal["gap", "covered"] = Field(description="The agreed gold of the cell.")
    outcome: Literal["hit", "miss", "no_quote", "no_evidence"] = Field(
        description="hit: an evidence span overlaps or lies within the window of a located label phrase; "
        "miss: none does; no_quote: the labels have no single-quoted phrase found in the draft; "
        "no_evidence: the finding cites no span (a pure absence)."
    )
    distance: int | None = Field(description="Characters between the nearest span and phrase (0 = overlap).")
    phrase: str | None = Field(description="The nearest located label phrase.")


class EvidenceSummary(_Model):
    window: int = Field(description="Characters either side of a located phrase that still count as a hit.")
    findings_scored: int = Field(description="Findings on agreed gap cells with a span and a located phrase.")
    findings_hit: int = Field(description="Of those, hits.")
    strengths_scored: int = Field(
        description="Strengths countering a code on an agreed covered cell, with a located phrase."
    )
    strengths_hit: int = Field(description="Of those, hits.")
    false_alarms_near_label: int = Field(
        description="False alarms whose evidence lies in the passage the labels say covers the code "
        "(the tool read the right passage and judged it insufficient)."
    )
    no_quote: int = Field(description="Findings on agreed cells whose labels hold no locatable phrase.")
    no_evidence: int = Field(description="Findings on agreed cells that cite no span.")
    phrases: int = Field(description="Single-quoted phrases in the labels' evidence.")
    phrases_located: int = Field(description="Of those, found in the draft text.")
    checks: list[EvidenceCheck] = Field(description="Every check.")


class NationalReviewCheck(_Model):
    draft: str = Field(description="Draft.")
    applicable: list[str] = Field(description="Reviews both raters say apply (one rater: that rater's).")
    gold: Literal["gap", "covered", "left_out"] = Field(
        description="The agreed cell for NATIONAL_REVIEW_NOT_REFERENCED."
    )
    raised: bool = Field(description="The critique raised NATIONAL_REVIEW_NOT_REFERENCED.")
    suggested: list[str] = Field(description="The finding's suggested review ids.")
    hit: bool | None = Field(
        description="A suggested review is applicable; null when not raised or nothing applies."
    )


class LabelledDraftResult(_Model):
    draft: str = Field(description="Draft path relative to the dataset folder.")
    writer: str = Field(description="Who wrote it (the labels file's prefix, else its folder).")
    format: str = Field(description="File format: md, txt, docx, pdf.")
    tier: str = Field(description="strong | middling | weak, from the agreed gap count (see tier_rule).")
    gold_gaps: list[str] = Field(description="Agreed gaps.")
    left_out: list[str] = Field(description="Codes left out of the gold for this draft.")
    raised: list[str] = Field(description="Codes the critique raised.")
    prior_raised: list[str] = Field(description="Codes the text-blind prior raised.")
    misses: list[str] = Field(description="Agreed gaps not raised.")
    false_alarms: list[str] = Field(description="Raised on agreed covered cells.")
    must_fix_false_alarms: list[str] = Field(description="The false alarms on must-fix codes.")
    precision: float | None = Field(description="For this draft.")
    recall: float | None = Field(description="For this draft.")
    f1: float | None = Field(description="For this draft.")


class LabelledTimings(_Model):
    total_s: float = Field(description="Whole run.")
    load_s: float = Field(description="Reading the labels and the drafts.")
    critique_s: float = Field(description="Critiquing every draft.")
    scoring_s: float = Field(description="Scoring, baselines, evidence, agreement.")
    chronology_s: float | None = Field(None, description="The chronology scoring hook, when it ran.")


class DevsetReport(_Model):
    dataset: str = Field(description="devset, or dir:<folder name> for a folder given with --dataset DIR.")
    directory: str = Field(description="The folder read (relative to the project when inside it).")
    in_sample: Literal[False] = Field(
        False,
        description="The drafts and labels were not used to write the rules (keep it so: see "
        "independence_note).",
    )
    independence_note: str = Field(description="What is and is not independent about these figures.")
    drafts: int = Field(description="Drafts scored.")
    writers: list[str] = Field(description="Writers (labels files).")
    metrics: dict[str, float | None] = Field(
        description="The tool's metrics by registry name; `metric_info` defines each."
    )
    metric_info: list[MetricInfo] = Field(description="The registry's definition of every metric shown.")
    baselines: dict[str, LabelledBaseline] = Field(
        description="prior (text-blind, leave-one-writer-out), checklist (every code), empty."
    )
    prior_rule: str = Field(description="How the prior baseline was computed on this dataset.")
    comparison: MarginGate = Field(description="F1 against the prior baseline: the clear-margin test.")
    uncertainty: dict[str, Interval] = Field(
        description="90% bootstrap intervals over drafts for precision, recall and F1."
    )
    agreement: Agreement = Field(description="How far the two labellers agree, and what was left out.")
    per_code: dict[str, LabelledCodeResult] = Field(description="Per finding code.")
    per_draft: list[LabelledDraftResult] = Field(description="Per draft.")
    by_writer: list[Breakdown] = Field(description="Per writer.")
    by_format: list[Breakdown] = Field(description="Per file format (template): md, txt, docx, pdf.")
    by_tier: list[Breakdown] = Field(description="Per tier (see tier_rule).")
    tier_rule: str = Field(description="How tiers are derived (there is no tier field in the labels).")
    evidence: EvidenceSummary = Field(description="Does the critique cite the passage the labels point to?")
    national_reviews: list[NationalReviewCheck] = Field(
        description="Per draft: do the suggested national reviews include an applicable one?"
    )
    cells: list[Explanation] = Field(
        description="Every agreed cell: tp | fp | fn | tn, with the writer's evidence note as detail; "
        "`example` is the draft's position in per_draft (1-based)."
    )
    chronology: dict[str, Any] | None = Field(
        None,
        description="The chronology scoring (assistant/evaluation/chronology_eval.py) on the same folder, "
        "when that module is present and the folder has *chron_expected.json files.",
    )
    timings: LabelledTimings = Field(description="Seconds per stage.")
    provenance: Provenance = Field(
        description="corpus hash; gold_sha256 = sha256 of the labels files and drafts; provider."
    )
    notes: list[str] = Field(default_factory=list, description="Things a reader should know.")
    against_baseline: list[MetricDelta] | None = Field(
        None, description="Gated metrics against the baseline file, when it was read."
    )
    tolerance: float | None = Field(None, description="Tolerance used for that comparison.")
