"""The learned reader (assistant/privacy/learned.py): what it may take after the rules, what it never takes, and
how its weights are trained and stored. Every text here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.privacy import learned
from assistant.privacy.kinds import EntityKind
from assistant.privacy.measure import measure, parse
from assistant.privacy.redaction import find_spans, redact
from assistant.privacy.train_learned import THRESHOLD, train, write

# Weights that take every word they are shown: what the reader may take at all is then what its vetoes allow.
TAKE_ALL = ({"bias": 30.0}, 0.5)


def _taken(text: str, trained: tuple[dict[str, float], float]) -> list[str]:
    rules = find_spans(text, learned=False)
    return [text[s.start : s.end] for s in learned.learned_spans(text, rules, trained)]


def test_a_service_named_with_ordinary_words_is_taken_at_every_mention_with_one_placeholder() -> None:
    text = "Referral made to Safe Harbour Outreach; Safe Harbour Outreach offered weekly sessions to Mum."
    assert not find_spans(text, learned=False)  # no rule reads it: no cue, no list, every word ordinary
    redaction = redact(text)
    assert "Harbour" not in redaction.text
    assert redaction.text.count("ORG_1") == 2
    assert "Mum" in redaction.text
    assert redaction.restore(redaction.text) == text


def test_a_run_the_weights_favour_is_taken_whole_and_at_every_mention() -> None:
    trained = ({"bias": -10.0, "w=doors": 20.0}, 0.5)
    text = "She went to Open Doors Befriending. Later, Open Doors Befriending wrote to the social worker."
    assert _taken(text, trained) == ["Open Doors Befriending", "Open Doors Befriending"]


def test_a_run_joins_its_words_through_connectors_but_stops_at_a_role() -> None:
    trained = ({"bias": -10.0, "w=circle": 20.0}, 0.5)
    text = "She joined Circle of Open Hands with Mum."
    assert _taken(text, trained) == ["Circle of Open Hands"]


@pytest.mark.parametrize(
    "text",
    [
        "Mum, Dad, Nan and the Health Visitor met the DSL and the SENCO.",
        "Dr and Mrs attended; the Stepdad's car was outside.",
        "Nyrs Diogelu and the Rheolwr attended.",  # a Welsh job title is a role
        "The Unit welfare officer and the Missing from Home worker spoke.",  # ordinary words naming a job
        "Child J said J was scared; K and M agreed.",  # a letter alone is left to the rules
    ],
)
def test_roles_titles_and_single_letters_are_never_taken_whatever_the_weights(text: str) -> None:
    taken = _taken(text, TAKE_ALL)
    for word in ("Mum", "Dad", "Nan", "Health", "Visitor", "DSL", "SENCO", "Dr", "Mrs", "Stepdad's"):
        assert all(word not in span.split() for span in taken), (word, taken)
    assert all(len(span) > 1 for span in taken)
    assert all(word not in " ".join(taken) for word in ("Diogelu", "Rheolwr", "Unit", "Missing", "Home")), (
        taken
    )


def test_a_label_already_in_square_brackets_is_never_taken() -> None:
    text = "[Area] Safeguarding Children Partnership: [Area] Police, [Area] ICB and [Town] Council attended."
    taken = " ".join(_taken(text, TAKE_ALL))
    assert "Area" not in taken and "Town" not in taken, taken
    assert redact(text).text == text


def test_a_committee_of_known_words_stays() -> None:
    text = "The Quality Assurance Sub-group will report to the Partnership."
    assert redact(text).text == text


def test_words_the_rules_took_are_left_to_them() -> None:
    text = "Kelly Smith (DOB 03/04/2015) lives at 14 Mill Lane, Harrowby HB2 7QT."
    rules = find_spans(text, learned=False)
    covered = {i for s in rules for i in range(s.start, s.end)}
    for span in learned.learned_spans(text, rules, TAKE_ALL):
        assert not covered & set(range(span.start, span.end))


def test_redacting_twice_finds_nothing_the_second_time() -> None:
    text = (
        "Dad drove for Safe Harbour Outreach and Quillan Moor Lettings; Safe Harbour Outreach said he was late. "
        "Mum told the health visitor that Brannock Park was where she met him."
    )
    once = redact(text).text
    assert find_spans(once) == []


def test_kinds_follow_the_run() -> None:
    assert learned._kind("A1 Cars") is EntityKind.REFERENCE
    assert learned._kind("Harrowby Housing Trust") is EntityKind.ORG
    assert learned._kind("Safe Harbour Outreach") is EntityKind.ORG
    assert learned._kind("Quillan") is EntityKind.PERSON


def test_shape_cuts_long_runs_of_one_class() -> None:
    assert learned.shape("McDonald") == "XxXxx"
    assert learned.shape("AB12") == "XXdd"
    assert learned.shape("O'Neill") == "X'Xxx"


def test_training_learns_a_signal_drops_features_seen_once_and_is_deterministic() -> None:
    rows = [(["bias", "w=quillan"], 1)] * 20 + [(["bias", "w=river"], 0)] * 20 + [(["bias", "w=once"], 1)]
    weights = train(rows)
    assert weights["w=quillan"] > 1.0 > -1.0 > weights["w=river"]
    assert "w=once" not in weights
    assert train(rows) == weights


def test_written_weights_read_back_with_their_threshold(tmp_path: Path) -> None:
    path = tmp_path / "weights.tsv"
    write({"bias": -0.5, "w=quillan": 2.25}, path, ["set1", "set2"], threshold=0.7)
    weights, threshold = learned.parse_weights(path.read_text(encoding="utf-8"))
    assert weights == {"bias": -0.5, "w=quillan": 2.25}
    assert threshold == 0.7


def test_the_shipped_weights_load_with_the_trainers_threshold() -> None:
    weights, threshold = learned.model()
    assert threshold == THRESHOLD
    assert "bias" in weights and len(weights) > 1000


def test_measure_scores_the_spans_of_the_finder_it_is_given() -> None:
    passage = parse("p1", "[[Quillan Moor|person]] met {{Mum}}.")
    assert measure([passage]).found == 1
    assert measure([passage], finder=lambda text: []).found == 0


def test_the_shipped_weights_are_what_training_on_the_development_sets_gives() -> None:
    """A change to the rules or to the reader's features leaves the shipped weights stale: retrain them."""
    from assistant.privacy.train_learned import cases

    sets = Path(__file__).resolve().parents[1] / "evals" / "redaction" / "dev"
    trained = train([row for case in cases(sets) for row in case.rows])
    shipped, _ = learned.model()
    assert set(trained) == set(shipped), "stale weights: run `make redaction-model`"
    worst = max(abs(trained[name] - shipped[name]) for name in trained)
    assert worst < 1e-3, f"stale weights (off by {worst}): run `make redaction-model`"
