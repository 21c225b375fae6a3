"""Train the learned reader's weights on labelled sets, and say what it adds on sets it never saw.

    python -m assistant.privacy.train_learned                  # train on evals/redaction/dev, write the weights
    python -m assistant.privacy.train_learned --leave-one-out  # train without each set in turn, score it

Each row is a word the rules left (`learned.candidates`), labelled by whether it lies in a marked identifier.
The model is a logistic regression (L2, full-batch Adam, deterministic), in NumPy so that nothing is added to
install. Leave-one-out trains on every set but one and scores that one through the whole redactor, so the figure
is what the weights add for a writer they were not trained on (each set after 7 is a different blind writer).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.privacy import learned
from assistant.privacy.kinds import Span
from assistant.privacy.measure import documents, load_file, measure
from assistant.privacy.normalise import matching_copy

DEFAULT_SETS = Path("evals/redaction/dev")
THRESHOLD = (
    0.5  # chosen by leave-one-out (evals/redaction/README.md): the most found for one role word more than 0.7
)
_MIN_COUNT = 2  # a feature seen once is a name learned by heart, not a signal
_EPOCHS = 400
_RATE = 0.05
_PRECISION = 4


@dataclass
class Case:
    set_name: str
    path: Path
    text: str  # the matching copy the reader reads
    rules: list[Span]
    rows: list[tuple[list[str], int]]  # (features, 1 if inside a marked identifier)


def cases(folder: Path) -> list[Case]:
    """Every case of every set in `folder`, with the rules' spans and the learned reader's rows."""
    from assistant.privacy.redaction import find_spans

    found: list[Case] = []
    paths = sorted(folder.glob("*.yaml"))
    for number, path in enumerate(paths, 1):
        print(f"[{number}/{len(paths)}] rules on {path.name}", file=sys.stderr, flush=True)
        for doc in documents(load_file(path)):
            text = matching_copy(doc.text)
            rules = find_spans(doc.text, learned=False)
            marks = sorted((m.start, m.end) for m in doc.identifiers)
            rows = [
                (features, int(_overlaps(marks, start, end)))
                for start, end, features in learned.candidates(text, rules)
            ]
            found.append(Case(path.stem, path, text, rules, rows))
    return found


def _overlaps(marks: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in marks)


def train(rows: list[tuple[list[str], int]]) -> dict[str, float]:
    """Weights for the features seen at least twice."""
    counts = Counter(feature for features, _ in rows for feature in set(features))
    vocabulary = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= _MIN_COUNT))}
    indexes = [[vocabulary[f] for f in features if f in vocabulary] for features, _ in rows]
    lengths = np.array([len(row) for row in indexes])
    flat = np.fromiter((i for row in indexes for i in row), dtype=np.int64, count=int(lengths.sum()))
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    labels = np.array([label for _, label in rows], dtype=np.float64)
    size, count = len(vocabulary), len(rows)
    weights = np.zeros(size)
    moment, second = np.zeros(size), np.zeros(size)
    penalty = 1.0 / count
    for step in range(1, _EPOCHS + 1):
        scores = np.add.reduceat(weights[flat], starts)
        errors = (1.0 / (1.0 + np.exp(-np.clip(scores, -30, 30))) - labels) / count
        gradient = np.bincount(flat, weights=np.repeat(errors, lengths), minlength=size) + penalty * weights
        moment = 0.9 * moment + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= _RATE * (moment / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    kept = {f: round(float(weights[i]), _PRECISION) for f, i in vocabulary.items()}
    return {f: w for f, w in kept.items() if w}


def write(weights: dict[str, float], path: Path, sets: list[str], threshold: float = THRESHOLD) -> None:
    lines = [
        f"# Learned reader's weights: logistic regression on {', '.join(sets)}",
        "# Written by `python -m assistant.privacy.train_learned`; do not edit by hand.",
        f"threshold\t{threshold}",
    ]
    lines += [f"{name}\t{value}" for name, value in sorted(weights.items())]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def leave_one_out(all_cases: list[Case], held: list[str], thresholds: list[float]) -> list[dict[str, object]]:
    """For each held set: train on the others, score it through the rules and the learned reader."""
    from assistant.privacy.redaction import _select

    rules_by_text = {case.text: case.rules for case in all_cases}
    results: list[dict[str, object]] = []
    for name in held:
        rows = [row for case in all_cases if case.set_name != name for row in case.rows]
        weights = train(rows)
        passages = load_file(next(case.path for case in all_cases if case.set_name == name))
        # The rules' own score does not depend on the threshold: measured once per set.
        rules_only = measure(passages, finder=lambda text: rules_by_text[matching_copy(text)])
        for threshold in thresholds:

            def finder(
                text: str, trained: tuple[dict[str, float], float] = (weights, threshold)
            ) -> list[Span]:
                plain = matching_copy(text)
                rules = rules_by_text[plain]
                return _select(plain, rules + learned.learned_spans(plain, rules, trained))

            with_model = measure(passages, finder=finder)
            results.append(
                {
                    "set": name,
                    "threshold": threshold,
                    "identifiers": with_model.identifiers,
                    "rules": rules_only.found,
                    "with_model": with_model.found,
                    "roles_lost": (len(rules_only.roles_lost), len(with_model.roles_lost)),
                    "other": (len(rules_only.unexpected), len(with_model.unexpected)),
                }
            )
        print(f"left out {name}", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.privacy.train_learned", description=__doc__)
    parser.add_argument("--sets", type=Path, default=DEFAULT_SETS, help="folder of labelled sets")
    parser.add_argument(
        "--leave-one-out", action="store_true", help="score each set from 8 on, trained without it"
    )
    parser.add_argument("--thresholds", default=str(THRESHOLD), help="comma-separated, for --leave-one-out")
    args = parser.parse_args(argv)
    if not args.sets.is_dir():
        print(
            f"error: no folder {args.sets}; pass --sets with a folder of labelled *.yaml sets",
            file=sys.stderr,
        )
        return 2
    all_cases = cases(args.sets)
    names = sorted({case.set_name for case in all_cases}, key=lambda s: (len(s), s))
    if args.leave_one_out:
        held = [n for n in names if n.removeprefix("set").isdigit() and int(n.removeprefix("set")) >= 8]
        thresholds = [float(t) for t in args.thresholds.split(",")]
        results = leave_one_out(all_cases, held, thresholds)
        print("| set | threshold | identifiers | rules | with the learned reader | role words lost | other |")
        print("|---|---|---|---|---|---|---|")
        for r in results:
            print(
                f"| {r['set']} | {r['threshold']} | {r['identifiers']} | {r['rules']} | {r['with_model']} | "
                f"{r['roles_lost'][0]} → {r['roles_lost'][1]} | {r['other'][0]} → {r['other'][1]} |"  # type: ignore[index]
            )
        for threshold in thresholds:
            rows = [r for r in results if r["threshold"] == threshold]
            total = sum(int(r["identifiers"]) for r in rows)  # type: ignore[call-overload]
            base = sum(int(r["rules"]) for r in rows)  # type: ignore[call-overload]
            model = sum(int(r["with_model"]) for r in rows)  # type: ignore[call-overload]
            print(
                f"threshold {threshold}: rules {base / total:.2%}, with the learned reader {model / total:.2%} "
                f"(+{model - base} of {total})"
            )
        return 0
    weights = train([row for case in all_cases for row in case.rows])
    path = Path(str(learned.__file__)).parent / "data" / learned.WEIGHTS_FILE
    write(weights, path, names)
    print(f"wrote {len(weights)} weights to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
