"""The labelled-drafts eval (`rapid-review eval --dataset devset|DIR`) on tiny datasets written here.

The critique is replaced by a fake that raises exactly what each test says, so every figure below is
computed by hand from the labels and the fake's findings. The real dev set appears only in the last test,
which checks what its labels hold (never what the critique says about its drafts: it is a measurement,
not a fixture)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from assistant import services
from assistant.cli import main
from assistant.cli.app import cli
from assistant.corpus import load_corpus
from assistant.critic.taxonomy import load_codes
from assistant.domain.critique import Critique, CritiqueMeta, Evidence, Finding, NationalReviewRef
from assistant.domain.evals import DevsetReport
from assistant.errors import InputError
from assistant.evaluation import baselines, evidence, labelled, metrics, regression
from assistant.evaluation.dataset import scored_codes
from assistant.evaluation.pipeline import DEVSET_DIR, evaluate

CODES = scored_codes(load_codes())
MUST_FIX = "CHILD_AGE_MISSING"  # minimum record
CONSIDER = "BLAMING_LANGUAGE"  # a Panel-comment code
NR = "NATIONAL_REVIEW_NOT_REFERENCED"
assert load_codes()[MUST_FIX].severity == "must-fix" and load_codes()[CONSIDER].severity == "consider"


# ----------------------------------------------------------------------------------- building datasets


def entry(
    gap: Iterable[str] = (),
    unsure: Iterable[str] = (),
    evidence: Mapping[str, str] | None = None,
    apply: Iterable[str] = (),
) -> dict[str, Any]:
    """A labels entry: the given gaps and unsures, every other code covered."""
    gap, unsure = list(gap), list(unsure)
    return {
        "gap": gap,
        "covered": [c for c in CODES if c not in gap and c not in unsure],
        "unsure": unsure,
        "national_reviews_apply": list(apply),
        "national_reviews_cited": [],
        "evidence": dict(evidence or {}),
    }


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, indent=1), encoding="utf-8")
    return path


FindingSpec = tuple[str, str | None, list[str]]  # code, quoted evidence (None: a pure absence), review ids


class FakeCritique:
    """Stands in for services.critique: each draft's first line names it, and `plan` says what to raise."""

    def __init__(self, plan: Mapping[str, list[FindingSpec]]) -> None:
        self.plan = plan
        self.calls: list[dict[str, Any]] = []

    def __call__(self, text: str, **kwargs: Any) -> Critique:
        self.calls.append(kwargs)
        findings = []
        for code, quote, reviews in self.plan.get(text.splitlines()[0], []):
            spans = []
            if quote is not None:
                start = text.index(quote)
                spans = [Evidence(quote=quote, start=start, end=start + len(quote))]
            findings.append(
                Finding(
                    code=code,
                    title=code,
                    severity=load_codes()[code].severity,
                    section="S",
                    message="m",
                    evidence=spans,
                    national_reviews=[NationalReviewRef(id=r, title=r, why="w") for r in reviews],
                )
            )
        meta = CritiqueMeta(
            provider="fake", input_chars=len(text), input_sha256="0", looks_like_rapid_review=True
        )
        return Critique(summary="", findings=findings, strengths=[], sections=[], meta=meta)


FILLER = "\n".join(f"Paragraph {i}: nothing of note happens in this line of the review." for i in range(12))
DRAFT_ONE = f"# Draft one\n\n**Gender:**  Male\nEthnicity: White British\n\n{FILLER}\n\nDecision: no LCSPR.\n"
DRAFT_TWO = f"# Draft two\n\nShe was putting herself at risk.\n\n{FILLER}\n"
DRAFT_THREE = "# Draft three\n\nA short draft with very little in it.\n"


def two_rater_set(root: Path) -> Path:
    """Writer w (two drafts, two raters) and writer v (one draft, one rater).

    w/one.md: both say NR is a gap; LEARNING_MISSING gap vs covered (a direct conflict); ACTIONS_MISSING
    unsure vs covered. w/two.txt: both say CONSIDER and GOOD_PRACTICE_MISSING are gaps; SCHOOLING_MISSING
    covered vs unsure. v/three.md (one rater): CONSIDER, GOOD_PRACTICE_MISSING and LEARNING_MISSING gaps.
    Every other cell is covered.
    """
    w = root / "w"
    write(w, "one.md", DRAFT_ONE)
    write(w, "two.txt", DRAFT_TWO)
    write(
        w,
        "wlabels.json",
        {
            "one.md": entry(
                gap=[NR, "LEARNING_MISSING"],
                unsure=["ACTIONS_MISSING"],
                evidence={MUST_FIX: "'Gender: Male' up front", NR: "SUDI case; no 'Out of routine'"},
                apply=["sudi-2020", "invisible-men-2021"],
            ),
            "two.txt": entry(
                gap=[CONSIDER, "GOOD_PRACTICE_MISSING"],
                evidence={CONSIDER: "'putting herself at risk'"},
            ),
        },
    )
    write(
        w,
        "wlabels_rater2.json",
        {
            "one.md": entry(gap=[NR], apply=["sudi-2020"]),  # LEARNING_MISSING: covered (direct conflict)
            "two.txt": entry(gap=[CONSIDER, "GOOD_PRACTICE_MISSING"], unsure=["SCHOOLING_MISSING"]),
        },
    )
    v = root / "v"
    write(v, "three.md", DRAFT_THREE)
    write(v, "vlabels.json", {"three.md": entry(gap=[CONSIDER, "GOOD_PRACTICE_MISSING", "LEARNING_MISSING"])})
    return root


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeCritique:
    plan: dict[str, list[FindingSpec]] = {
        # one.md: NR is an agreed gap (tp, suggests an applicable review); MUST_FIX is covered (must-fix FA)
        "# Draft one": [(NR, "Decision: no LCSPR.", ["sudi-2020"]), (MUST_FIX, "Gender:**  Male", [])],
        # two.txt: CONSIDER agreed gap, evidence on the quoted passage (tp, hit); GOOD_PRACTICE missed (fn)
        "# Draft two": [(CONSIDER, "She was putting herself at risk.", [])],
        # three.md: a consider-code false alarm (NR covered), CONSIDER raised with no span (tp)
        "# Draft three": [(NR, None, ["criminal-exploitation-2020"]), (CONSIDER, None, [])],
    }
    f = FakeCritique(plan)
    monkeypatch.setattr(services, "critique", f)
    return f


def run(root: Path) -> DevsetReport:
    report = evaluate(root)
    assert isinstance(report, DevsetReport)
    return report


# ----------------------------------------------------------------------------------- gold and agreement


def test_gold_is_the_agreed_cells_and_every_left_out_cell_is_listed(tmp_path: Path) -> None:
    ds = labelled.load(two_rater_set(tmp_path), CODES, ["sudi-2020", "invisible-men-2021"])
    assert [d.id for d in ds.drafts] == ["v/three.md", "w/one.md", "w/two.txt"]
    assert [d.writer for d in ds.drafts] == ["v", "w", "w"]
    gold = labelled.gold(ds)
    one, two, three = gold.truth[2], gold.truth[3], gold.truth[1]
    assert one[NR] is True and one[MUST_FIX] is False
    assert "LEARNING_MISSING" not in one and "ACTIONS_MISSING" not in one  # conflict; unsure
    assert "SCHOOLING_MISSING" not in two and two[CONSIDER] is True
    assert three["LEARNING_MISSING"] is True and len(three) == len(CODES)  # one rater: that rater's labels
    left = {(d.draft, d.code): (d.rater1, d.rater2, d.direct) for d in gold.agreement.disagreements}
    assert left == {
        ("w/one.md", "LEARNING_MISSING"): ("gap", "covered", True),
        ("w/one.md", "ACTIONS_MISSING"): ("unsure", "covered", False),
        ("w/two.txt", "SCHOOLING_MISSING"): ("covered", "unsure", False),
    }
    ag = gold.agreement
    assert (ag.left_out, ag.direct_conflicts, ag.drafts_with_two_raters, ag.raters) == (3, 1, 2, 1)
    assert ag.agreed == 3 * len(CODES) - 3 and ag.agreed_gap == 1 + 2 + 3
    # cell agreement is over the two-rater drafts only: 3 of 2 x 27 cells left out
    assert ag.cell_agreement == pytest.approx(round((2 * len(CODES) - 3) / (2 * len(CODES)), 4))


def test_kappa_on_a_hand_computed_case(tmp_path: Path) -> None:
    """Code X over four drafts: rater 1 says gap, gap, covered, covered; rater 2 gap, covered, covered,
    covered. Observed agreement 3/4; chance 0.5 x 0.25 + 0.5 x 0.75 = 0.5; kappa (0.75 - 0.5) / 0.5 = 0.5.
    A fifth draft where rater 1 is unsure is left out of kappa."""
    x = "LEARNING_MISSING"
    first = [[x], [x], [], [], []]
    second = [[x], [], [], [], []]
    for i in range(5):
        write(tmp_path, f"d{i}.md", f"# d{i}\n")
    write(
        tmp_path,
        "labels.json",
        {f"d{i}.md": entry(gap=g, unsure=[x] if i == 4 else []) for i, g in enumerate(first)},
    )
    write(tmp_path, "labels_rater2.json", {f"d{i}.md": entry(gap=g) for i, g in enumerate(second)})
    gold = labelled.gold(labelled.load(tmp_path, CODES, []))
    assert gold.agreement.kappa[x] == 0.5
    assert gold.agreement.kappa[MUST_FIX] is None  # both raters always 'covered': chance agreement is 1
    assert labelled._kappa([(True, True), (False, False)]) == 1.0
    assert labelled._kappa([(True, False), (False, True)]) == -1.0
    assert gold.agreement.kappa_min == gold.agreement.kappa_max == 0.5
    assert gold.agreement.raters == 2


def test_one_rater_gold_is_that_raters_labels_without_agreement_figures(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# a\n")
    write(tmp_path, "labels.json", {"a.md": entry(gap=[NR], unsure=[CONSIDER])})
    gold = labelled.gold(labelled.load(tmp_path, CODES, []))
    assert gold.truth[1][NR] is True and CONSIDER not in gold.truth[1]
    assert gold.agreement.kappa == {} and gold.agreement.cell_agreement is None
    assert [(d.code, d.rater2) for d in gold.agreement.disagreements] == [(CONSIDER, None)]


# ----------------------------------------------------------------------------------- baselines


def test_prior_is_leave_one_out_and_never_reads_the_draft_itself() -> None:
    truth = {
        1: {"X": False, "Y": True, "Z": True},
        2: {"X": True, "Y": False, "Z": False},
        3: {"X": True, "Y": False},  # Z left out here
    }
    prior = baselines.prior_codes(truth)
    assert prior[1] == {"X"}  # X: 2 of 2 others; Y: 0 of 2; Z: 0 of 1
    assert prior[2] == {"X", "Y", "Z"}  # X: 1 of 2 (half counts); Y: 1 of 2; Z: 1 of 1
    assert prior[3] == {"X", "Y", "Z"}  # X: 1 of 2; Y: 1 of 2; Z: 1 of 2
    by_writer = baselines.prior_codes(truth, {1: "a", 2: "a", 3: "b"})
    assert by_writer[1] == by_writer[2] == {"X"}  # only draft 3 (writer b) votes
    assert by_writer[3] == {"X", "Y", "Z"}  # drafts 1 and 2 vote: X 1/2, Y 1/2, Z 1/2


def test_margin_gate_compares_f1_with_the_prior() -> None:
    assert metrics.margin_gate(0.8, 0.65).clear
    gate = metrics.margin_gate(0.7, 0.65)
    assert not gate.clear and gate.margin == 0.05 and gate.against == "prior" and gate.metric == "f1"
    assert not metrics.margin_gate(None, 0.5).clear


# ----------------------------------------------------------------------------------- a whole run


def test_run_scores_agreed_cells_false_alarms_and_must_fix(tmp_path: Path, fake: FakeCritique) -> None:
    r = run(two_rater_set(tmp_path))
    assert len(fake.calls) == 3 and all(c["with_panel_comments"] is False for c in fake.calls)
    outcomes = {c.item: c.outcome for c in r.cells if c.outcome != "tn"}
    assert outcomes == {
        "w/one.md:" + NR: "tp",
        "w/one.md:" + MUST_FIX: "fp",
        "w/two.txt:" + CONSIDER: "tp",
        "w/two.txt:GOOD_PRACTICE_MISSING": "fn",
        "v/three.md:" + NR: "fp",
        "v/three.md:" + CONSIDER: "tp",
        "v/three.md:GOOD_PRACTICE_MISSING": "fn",
        "v/three.md:LEARNING_MISSING": "fn",
    }
    m = r.metrics
    assert m["precision"] == pytest.approx(3 / 5) and m["recall"] == pytest.approx(3 / 6)
    assert m["f1"] == pytest.approx(6 / 11)
    assert m["false_alarms_per_draft"] == pytest.approx(2 / 3)
    assert m["must_fix_false_alarms"] == 1
    assert m["findings_per_draft"] == pytest.approx(5 / 3)
    assert r.per_code[MUST_FIX].false_alarms == ["w/one.md"]
    one = next(d for d in r.per_draft if d.draft == "w/one.md")
    assert one.must_fix_false_alarms == [MUST_FIX] and one.left_out == ["LEARNING_MISSING", "ACTIONS_MISSING"]
    # the checklist raises every code: every agreed gap found, every agreed covered cell a false alarm
    checklist = r.baselines["checklist"].metrics
    assert checklist["recall"] == 1.0
    covered = r.agreement.agreed_covered
    assert checklist["false_alarms_per_draft"] == pytest.approx(covered / 3)
    must_fix_covered = sum(
        c.outcome in ("fp", "tn") and load_codes()[c.code or ""].severity == "must-fix" for c in r.cells
    )
    assert checklist["must_fix_false_alarms"] == must_fix_covered
    assert r.baselines["empty"].metrics["recall"] == 0.0
    # the prior is leave-one-writer-out: v's draft gets the codes w's drafts mostly lack
    assert "Leave-one-writer-out" in r.prior_rule
    three = next(d for d in r.per_draft if d.draft == "v/three.md")
    assert set(three.prior_raised) == {NR, CONSIDER, "GOOD_PRACTICE_MISSING"}  # each a gap in 1 of 2 w drafts
    assert r.comparison.baseline == r.baselines["prior"].metrics["f1"]
    # breakdowns
    assert [b.group for b in r.by_writer] == ["v", "w"] and [b.group for b in r.by_format] == ["md", "txt"]
    assert {b.group: b.drafts for b in r.by_tier} == {"strong": 2, "middling": 1}
    assert sum(b.tp for b in r.by_writer) == 3 and sum(b.must_fix_false_alarms for b in r.by_format) == 1


def test_evidence_scoring_hits_near_a_quoted_phrase(tmp_path: Path, fake: FakeCritique) -> None:
    r = run(two_rater_set(tmp_path))
    checks = {(c.draft, c.code): c for c in r.evidence.checks}
    # two.txt CONSIDER: the finding quotes the labelled sentence itself
    assert checks[("w/two.txt", CONSIDER)].outcome == "hit" and checks[("w/two.txt", CONSIDER)].distance == 0
    # one.md NR: the labels quote 'Out of routine', which the draft does not contain
    assert checks[("w/one.md", NR)].outcome == "no_quote"
    # one.md MUST_FIX (a false alarm): its span is the passage the labels say covers it ('Gender: Male',
    # found across markdown bold and double spaces)
    assert (
        checks[("w/one.md", MUST_FIX)].outcome == "hit" and checks[("w/one.md", MUST_FIX)].cell == "covered"
    )
    assert checks[("v/three.md", CONSIDER)].outcome == "no_evidence"
    e = r.evidence
    assert (e.findings_scored, e.findings_hit, e.false_alarms_near_label) == (1, 1, 1)
    assert r.metrics["evidence_hit_rate"] == 1.0
    assert (e.phrases, e.phrases_located) == (
        3,
        2,
    )  # 'Gender: Male' and 'putting...' found; 'Out of routine' not


def test_evidence_miss_when_the_span_is_far_from_the_phrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    far = "x" * (evidence.WINDOW + 50)
    text = f"# far\nShe was putting herself at risk.\n{far}\nThe end line.\n"
    write(tmp_path, "far.md", text)
    write(
        tmp_path,
        "labels.json",
        {"far.md": entry(gap=[CONSIDER], evidence={CONSIDER: "'putting herself at risk'"})},
    )
    monkeypatch.setattr(services, "critique", FakeCritique({"# far": [(CONSIDER, "The end line.", [])]}))
    r = run(tmp_path)
    check = r.evidence.checks[0]
    assert check.outcome == "miss" and check.distance is not None and check.distance > evidence.WINDOW
    assert r.metrics["evidence_hit_rate"] == 0.0


def test_phrases_and_locator() -> None:
    note = "'Baby R's lived experience' paragraph; the Panel's 'Out of routine' ... 'Exec rests with ... DCS'"
    # an apostrophe inside a word is not a quote mark; 'DCS' is too short to locate reliably
    assert evidence.phrases(note) == ["Baby R's lived experience", "Out of routine", "Exec rests with"]
    text = "Intro\n**Gender:**   MALE\n| Ethnicity | White |\n"
    spans = evidence.Locator(text).find("gender: male")
    assert len(spans) == 1 and text[spans[0][0] : spans[0][1]] == "Gender:**   MALE"
    assert evidence.Locator(text).find("ethnicity white") != []  # table pipes ignored
    assert evidence.distance((0, 5), (3, 9)) == 0 and evidence.distance((0, 5), (15, 20)) == 10


def test_national_review_suggestions_are_checked_against_the_agreed_applicable_ones(
    tmp_path: Path, fake: FakeCritique
) -> None:
    r = run(two_rater_set(tmp_path))
    nr = {c.draft: c for c in r.national_reviews}
    assert nr["w/one.md"].applicable == ["sudi-2020"]  # invisible-men-2021: only the writer says it applies
    assert nr["w/one.md"].hit is True and nr["w/one.md"].gold == "gap"
    assert nr["v/three.md"].hit is None  # raised, but nothing applies
    assert nr["w/two.txt"].raised is False and nr["w/two.txt"].hit is None
    assert r.metrics["national_review_hit_rate"] == 1.0


def test_chronology_hook_is_optional(
    tmp_path: Path, fake: FakeCritique, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = two_rater_set(tmp_path)
    assert run(root).chronology is None  # no *chron_expected.json: not called
    write(root / "w", "wchron_expected.json", {})
    monkeypatch.setitem(sys.modules, "assistant.evaluation.chronology_eval", None)  # import fails
    r = run(root)
    assert r.chronology is None and any("Chronology scoring is not installed" in n for n in r.notes)
    assert r.metrics["f1"] is not None  # the critique figures stand


# ----------------------------------------------------------------------------------- the CLI


def test_dir_dataset_through_the_cli(tmp_path: Path, fake: FakeCritique) -> None:
    root = two_rater_set(tmp_path / "mine")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["eval", "--dataset", str(root), "--format", "json", "--report-dir", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    report = DevsetReport.model_validate_json(result.stdout)
    assert report.dataset == "dir:mine" and report.drafts == 3 and report.in_sample is False
    # Progress counts drafts done (the first and last always shown; between, a line every few seconds).
    assert "eval: critiquing the drafts (0/3)" in result.stderr
    assert "eval: critiquing the drafts (3/3: w/two.txt) · done in" in result.stderr
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "**Must-fix false alarms: 1**" in md and "## Labeller agreement" in md and "direct conflict" in md
    assert "derived from its agreed gap count" in md
    assert (out / "eval.json").is_file() and not (out / "chart.html").exists()
    assert {i.name for i in report.metric_info} == {m.name for m in metrics.of(metrics.LABELLED)}


def test_check_and_write_baseline_on_a_dir_dataset(
    tmp_path: Path, fake: FakeCritique, capsys: pytest.CaptureFixture[str]
) -> None:
    root = two_rater_set(tmp_path / "mine")
    base = tmp_path / "base.json"
    args = [
        "eval",
        "--dataset",
        str(root),
        "--report-dir",
        str(tmp_path / "out"),
        "-o",
        str(tmp_path / "r.md"),
    ]
    assert main([*args, "--check"]) == 2  # no committed baseline for a folder
    assert "--baseline FILE" in capsys.readouterr().err
    assert main([*args, "--update-baseline", "--baseline", str(base)]) == 0
    snap = regression.load(base)
    assert snap.dataset == "dir:mine" and snap.thresholds == {}
    assert set(snap.metrics) == {m.name for m in metrics.gated(metrics.LABELLED)}
    assert main([*args, "--check", "--baseline", str(base)]) == 0
    # lower is better for must-fix false alarms: a baseline with none makes this run's one a regression
    # (its own tolerance is 1, so put the baseline two below)
    snap.metrics["must_fix_false_alarms"] = -1.0
    base.write_text(regression.dump(snap), encoding="utf-8")
    capsys.readouterr()
    assert main([*args, "--check", "--baseline", str(base)]) == 1
    assert "must_fix_false_alarms rose by 2.000" in capsys.readouterr().err
    # a baseline of another dataset is refused
    assert main([*args, "--check", "--baseline", str(regression.BASELINE_PATH)]) == 2
    assert "is for dataset 'panel'" in capsys.readouterr().err


def test_compare_follows_each_metrics_direction(tmp_path: Path, fake: FakeCritique) -> None:
    r = run(two_rater_set(tmp_path))
    snap = regression.snapshot(r)
    snap.metrics["false_alarms_per_draft"] = (snap.metrics["false_alarms_per_draft"] or 0) + 0.5
    snap.metrics["precision"] = (snap.metrics["precision"] or 0) - 0.2
    deltas = {d.metric: d for d in regression.compare(r, snap, 0.05)}
    assert deltas["false_alarms_per_draft"].status == "improved"  # fewer false alarms than the baseline
    assert deltas["precision"].status == "improved"
    assert deltas["recall"].status == "unchanged" and deltas["must_fix_false_alarms"].tolerance == 1.0
    del snap.metrics["recall"]
    assert {d.metric: d.status for d in regression.compare(r, snap, 0.05)}["recall"] == "new"


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ('{"a.md": {"gap": [], "covered": [] ', ["not valid JSON", "line 1", "fix the JSON"]),
        (
            json.dumps({"a.md": entry(gap=["NOT_A_CODE"])}),
            ["unknown code 'NOT_A_CODE' in gap", "a.md", "finding-codes.yaml"],
        ),
        (
            json.dumps({"a.md": {"gap": [], "covered": CODES, "colour": "red"}}),
            ["a.md.colour", "labels schema"],
        ),
        (json.dumps({"missing.md": entry()}), ["missing.md: no such draft"]),
        (json.dumps({"a.md": {**entry(), "covered": CODES[1:]}}), ["not labelled: " + CODES[0]]),
    ],
)
def test_bad_labels_are_exit_2_naming_the_file_and_the_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], labels: str, expected: list[str]
) -> None:
    write(tmp_path, "a.md", "# a\n")
    write(tmp_path, "xlabels.json", labels)
    assert main(["eval", "--dataset", str(tmp_path), "--report-dir", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "xlabels.json" in err and "Traceback" not in err
    for part in expected:
        assert part in err
    assert not (tmp_path / "out").exists()  # nothing written


def test_a_review_the_corpus_does_not_hold_is_a_note_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "a.md", "# a\n")
    write(tmp_path, "labels.json", {"a.md": entry(gap=[NR], apply=["sudi-2020", "a-newer-review-2027"])})
    monkeypatch.setattr(services, "critique", FakeCritique({"# a": [(NR, None, ["sudi-2020"])]}))
    r = run(tmp_path)
    assert any("a-newer-review-2027 (a.md)" in n and "cannot suggest" in n for n in r.notes)
    assert r.national_reviews[0].applicable == ["sudi-2020", "a-newer-review-2027"]
    assert r.national_reviews[0].hit is True


def test_unknown_dataset_and_second_rater_without_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "--dataset", str(tmp_path / "nowhere")]) == 2
    assert "use --dataset panel, --dataset devset, or --dataset DIR" in capsys.readouterr().err
    write(tmp_path, "a.md", "# a\n")
    write(tmp_path, "xlabels_rater2.json", {"a.md": entry()})
    with pytest.raises(InputError, match="without a first rater"):
        labelled.load(tmp_path, CODES, [])


def test_schema_command_publishes_the_labels_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "DevsetLabels"]) == 0
    schema = json.loads(capsys.readouterr().out)
    entry_schema = schema["$defs"]["LabelsEntry"]
    assert (
        set(entry_schema["required"]) == {"gap", "covered"} and entry_schema["additionalProperties"] is False
    )
    assert main(["schema", "DevsetReport"]) == 0


# ----------------------------------------------------------------------------------- the real dev set


def test_the_committed_dev_set_loads_with_the_agreement_its_labels_hold() -> None:
    """The labels themselves, not the critique: counted here independently from the raw JSON, and
    checked against what the dev set's authors state (97 agreed gaps, one direct conflict)."""
    ds = labelled.load(DEVSET_DIR, CODES, [r.id for r in load_corpus().national_reviews])
    assert len(ds.drafts) == 24 and ds.writers == ["a", "b", "c"]
    assert {d.format for d in ds.drafts} == {"md", "txt", "docx", "pdf"}
    ag = labelled.gold(ds).agreement
    agreed_gaps = direct = left = 0
    for x in "abc":
        r1 = json.loads((DEVSET_DIR / x / f"{x}labels.json").read_text(encoding="utf-8"))
        r2 = json.loads((DEVSET_DIR / x / f"{x}labels_rater2.json").read_text(encoding="utf-8"))
        for draft, e1 in r1.items():
            for code in CODES:
                a = next(k for k in ("gap", "covered", "unsure") if code in e1[k])
                b = next(k for k in ("gap", "covered", "unsure") if code in r2[draft][k])
                agreed_gaps += a == b == "gap"
                direct += {a, b} == {"gap", "covered"}
                left += a != b or a == "unsure"
    assert (ag.agreed_gap, ag.direct_conflicts, ag.left_out) == (agreed_gaps, direct, left)
    assert (ag.agreed_gap, ag.direct_conflicts) == (97, 1)
    assert ag.raters == 2 and ag.cells == 24 * len(CODES)


def test_the_committed_dev_set_baseline_holds_the_registrys_gated_metrics() -> None:
    snap = regression.load(regression.DEVSET_BASELINE_PATH)
    assert snap.dataset == "devset" and snap.thresholds == {}
    assert list(snap.metrics) == [m.name for m in metrics.gated(metrics.LABELLED)]
    assert set(snap.baselines) == {"prior", "checklist", "empty"}
    assert regression.default_path("devset") == regression.DEVSET_BASELINE_PATH


# ----------------------------------------------------------------------------------- --provider


REMOTE_DRAFTS = {
    "sofa.md": """# Rapid review: CHILD X

## Case information

CHILD X, a 5-week-old baby boy, White British, no known disability. He lived with his mother Jane Smith
(aged 24) and her partner Mark Jones (aged 27). There are no other children in the household.

## Summary of the incident

On 03/02/2025 CHILD X was found unresponsive after co-sleeping on a sofa with his mother, who had been
drinking alcohol. Police and the ambulance service attended. CHILD X died in hospital.

## Agencies involved

Information was received from the following agencies: Police, Health Visiting, GP, Children's Social Care.

## Immediate safeguarding

There are no other children; bereavement support was offered to the family.

## Learning

The health visitor gave safer sleep advice at the new birth visit but did not revisit it when the family
moved. Learning will be shared through a practitioner briefing.

## Decision

The partnership will not commission an LCSPR because the learning has already been identified and actions
are in place. The Trust will update its safer sleep guidance.
""",
    "exploitation.md": """# Rapid review: CHILD Y

## Case information

CHILD Y, a 14-year-old girl of Black Caribbean heritage with no known disability, lived with her mother
Sarah Brown (aged 39) and stepfather Peter Green. Her social worker, Amanda Clarke, visited on 12/05/2024.

## Summary of the incident

On 20/05/2024 CHILD Y was found by Police in a flat with adult men after being missing for three days.

## Agencies involved

Police, Children's Social Care, School, CAMHS.

## Decision

An LCSPR will be commissioned: the criteria are met because the case may highlight improvements needed in
how agencies respond to exploitation.
""",
}
REMOTE_NAMES = ("Jane Smith", "Mark Jones", "Sarah Brown", "Peter Green", "Amanda Clarke")


@pytest.mark.loopback
def test_eval_with_a_remote_provider_sends_only_redacted_text_and_names_the_provider(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.settings import get_settings
    from tests.fakes.openai_server import FakeOpenAIServer, Reply

    root = tmp_path / "remote"
    for name, text in REMOTE_DRAFTS.items():
        write(root, name, text)
    write(root, "rlabels.json", {name: entry(gap=[NR]) for name in REMOTE_DRAFTS})
    out = tmp_path / "out"
    with FakeOpenAIServer() as server:
        monkeypatch.setenv("RRA_LLM_BASE_URL", server.base_url)
        monkeypatch.setenv("RRA_LLM_MODEL", "gpt-4o-mini")
        monkeypatch.setenv("RRA_LLM_API_KEY", "test-key")
        monkeypatch.setenv("RRA_LLM_MAX_RETRIES", "1")
        monkeypatch.setenv("RRA_LLM_TIMEOUT_S", "5")
        monkeypatch.setenv("RRA_AUDIT_LOG", str(tmp_path / "audit.jsonl"))
        monkeypatch.setenv("RRA_CACHE_DIR", str(tmp_path / "cache"))
        get_settings.cache_clear()
        server.queue(*(Reply.json({"points": []}) for _ in REMOTE_DRAFTS))
        code = main(
            [
                "eval",
                "--dataset",
                str(root),
                "--provider",
                "openai",
                "--format",
                "json",
                "-o",
                str(tmp_path / "eval.json"),
                "--report-dir",
                str(out),
            ]
        )
        err = capsys.readouterr().err
        sent = [r.text for r in server.chat_requests]
    assert code == 0, err
    # told before sending: how many drafts, where to, and that the text is redacted
    notice = next(line for line in err.splitlines() if line.startswith("sending redacted text"))
    assert "of 2 draft(s)" in notice and "127.0.0.1" in notice and "gpt-4o-mini" in notice
    assert err.index(notice) < err.index("eval: critiquing")
    # the fake server saw both drafts, redacted: no name, no date
    assert len(sent) == 2
    for body in sent:
        for secret in (*REMOTE_NAMES, "03/02/2025", "12/05/2024"):
            assert secret not in body
    assert any("PERSON_1" in body for body in sent)
    report = DevsetReport.model_validate_json((tmp_path / "eval.json").read_text(encoding="utf-8"))
    assert report.provenance.provider == "openai" and report.provenance.model == "gpt-4o-mini"
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "Provider: **openai** (remote model gpt-4o-mini; only redacted text was sent)" in md
    assert "Jane Smith" not in (tmp_path / "audit.jsonl").read_text(encoding="utf-8")


def test_eval_with_an_unconfigured_remote_provider_is_exit_3_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "remote"
    write(root, "sofa.md", REMOTE_DRAFTS["sofa.md"])
    write(root, "rlabels.json", {"sofa.md": entry(gap=[NR])})
    code = main(["eval", "--dataset", str(root), "--provider", "openai", "--report-dir", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 3 and "RRA_LLM_BASE_URL" in err and "eval: critiquing" not in err
    assert not (tmp_path / "o").exists()


def test_offline_stays_the_default_provider(tmp_path: Path, fake: FakeCritique) -> None:
    r = run(two_rater_set(tmp_path))
    assert all(c["provider"] is None for c in fake.calls)
    assert r.provenance.provider == "offline" and r.provenance.model is None
