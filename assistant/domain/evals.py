"""What `rapid-review eval` returns. Field descriptions double as the JSON schema.

Top level per the CLI contract: `metrics`, `per_code`, `per_example`, `baselines`, `leave_one_out: true`;
then the scorers' per-item explanations, the metamorphic suite, retrieval, threshold calibration,
uncertainty, tuning signals, the optional judge and timings.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

HEADLINE_METRICS: tuple[str, ...] = (
    "panel_gap_recall",
    "panel_hit_rate",
    "precision",
    "recall",
    "f1",
    "strength_recall",
    "metamorphic_pass_rate",
    "retrieval_recall_at_5",
    "retrieval_mrr",
)


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


class Comparison(_Model):
    precision_margin_over_checklist: float | None = Field(
        description="Tool precision minus checklist precision (percentage points / 100)."
    )
    beats_checklist_on_precision: bool = Field(description="Margin at least `clear_margin`.")
    clear_margin: float = Field(description="Margin that counts as clear.")
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


class BaselineSnapshot(_Model):
    """evals/baseline.json: the headline metrics of a real run, written by `rapid-review eval --write-baseline`."""

    format: Literal[1] = Field(1, description="File format version.")
    note: str = Field(description="How the file was made; never edit the numbers by hand.")
    metrics: dict[str, float | None] = Field(description="Headline metrics (HEADLINE_METRICS).")
    thresholds: dict[str, float] = Field(
        description="Similarity thresholds (gap, strength) pinned for later runs so the yardstick holds still."
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
    status: Literal["regressed", "improved", "unchanged", "missing"] = Field(
        description="regressed: fell by more than the tolerance; improved: rose by more than it."
    )


class EvalReport(_Model):
    leave_one_out: Literal[True] = Field(
        True, description="Every example was critiqued with itself left out of retrieval."
    )
    metrics: Metrics = Field(description="Headline metrics of the tool.")
    per_code: dict[str, CodeResult] = Field(description="Per finding code, with the baselines.")
    per_example: list[ExampleResult] = Field(description="Per example.")
    baselines: dict[str, BaselineResult] = Field(description="checklist, empty and shuffle, same metrics.")
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

    def headline(self) -> dict[str, float | None]:
        data = self.metrics.model_dump()
        return {name: data[name] for name in HEADLINE_METRICS}
